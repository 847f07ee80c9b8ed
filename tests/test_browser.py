"""The built book as a reader meets it, in a real browser (headless Chromium driven by Playwright).

For every page in the table of contents: no JavaScript console errors, every image loaded, no
visible traceback or error output, headings in order, the in-page table of contents and the
previous/next links work, and axe-core finds no serious or critical accessibility violation. The
search page finds the book's key words. A screenshot of each chapter's first screen is saved in
``_build/screenshots/``.

The browser is the system's Chromium (Debian package ``chromium``), never one that Playwright
downloads; axe-core comes from npm (``npm ci``). In CI (``CI`` set) a missing browser or axe-core
fails the run; on a laptop without them these tests are skipped with a message saying what to
install.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from book_tools import ROOT, toc_files

pytestmark = pytest.mark.slow

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "_build" / "screenshots"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEARCH_WORDS = ("agenda", "clickstream")
# Hosts a page may load from: none. The website must work in a classroom without internet
# (MathJax is served from the build), so every request to another host is blocked, answered with
# an empty response, and fails the page test.
ALLOWED_HOSTS: set[str] = set()
MATH_PAGE = "notebooks/coordination"  # a chapter with display and inline formulas
LOCAL = re.compile(r"^https?://127\.0\.0\.1[:/]")
BLOCKING_IMPACTS = {"serious", "critical"}


def find_chromium() -> str | None:
    """The system Chromium: $CHROMIUM, or chromium / chromium-browser on the PATH."""
    candidates = [os.environ.get("CHROMIUM"), "chromium", "chromium-browser"]
    for candidate in filter(None, candidates):
        found = shutil.which(candidate)
        if found:
            return found
    return None


def missing_tools() -> list[str]:
    """What the browser tests need and this machine lacks, as install instructions."""
    missing = []
    if find_chromium() is None:
        missing.append("Chromium (Debian: `apt-get install chromium`)")
    try:
        import playwright  # noqa: F401
    except ModuleNotFoundError:
        missing.append("Playwright for Python (in requirements.txt: `make test` installs it)")
    if not AXE.exists():
        missing.append("axe-core (`npm ci` in the repository)")
    return missing


@pytest.fixture(scope="session")
def browser():
    missing = missing_tools()
    if missing:
        message = "browser tests need " + "; ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must run them: .ci/run installs them)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class QuietHandler(SimpleHTTPRequestHandler):
    """Serve files without logging every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@pytest.fixture(scope="session")
def site(built_html: Path) -> Iterator[str]:
    """Serve the built book on a free localhost port; yield its base URL."""
    handler = functools.partial(QuietHandler, directory=str(built_html))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class QuietServer(ThreadingHTTPServer):
    """An HTTP server that ignores a browser hanging up mid-answer (no traceback on stderr)."""

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        return


def new_page(context):
    """A page of ``context`` that records console errors and requests to other hosts."""
    opened = context.new_page()
    problems: list[str] = []
    opened.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    outside: list[str] = []

    def answer_offline(route) -> None:
        outside.append(route.request.url)
        route.fulfill(status=200, body="")

    context.route(lambda url: not LOCAL.match(url), answer_offline)
    opened.problems = problems
    opened.outside = outside
    return opened


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield new_page(context)
    context.close()


def open_page(page, url: str) -> None:
    """Go to ``url``, scroll to the end so every image loads, and wait for the network."""
    response = page.goto(url)
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")


TOC = toc_files()
CHAPTERS = [entry for entry in TOC if entry.startswith("notebooks/")]


@dataclass
class Visit:
    """What one visit of a page found; each test below checks one part of it."""

    broken_images: list[str]
    shows_traceback: bool
    error_outputs: int
    stderr_outputs: int
    problems: list[str]
    outside_hosts: set[str]
    heading_levels: list[int]
    missing_sections: list[str]
    first_section: str | None
    hash_after_click: str | None
    next_href: str | None
    prev_href: str | None
    blocking_violations: list[str] = field(default_factory=list)


def visit(context, site: str, entry: str) -> Visit:
    """Open ``entry`` once and record everything the per-page tests check."""
    page = new_page(context)
    try:
        response = page.goto(f"{site}/{entry}.html")
        assert response is not None and response.ok, f"{entry} answered {response.status}"
        page.wait_for_load_state("networkidle")
        if entry in CHAPTERS:  # the chapter's first screen, as a reader sees it
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{Path(entry).name}.png"))
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # load every image
        page.wait_for_load_state("networkidle")
        broken = page.evaluate(
            "Array.from(document.images)"
            ".filter(img => !img.complete || img.naturalWidth === 0).map(img => img.src)"
        )
        levels = page.evaluate(
            "Array.from(document.querySelectorAll('article h1, article h2, article h3, "
            "article h4, article h5, article h6')).map(h => Number(h.tagName[1]))"
        )
        targets = page.evaluate(
            "Array.from(document.querySelectorAll('.bd-toc-nav a[href^=\"#\"]'))"
            ".map(a => a.getAttribute('href').slice(1))"
        )
        links = page.evaluate(
            "[document.querySelector('a.right-next'), document.querySelector('a.left-prev')]"
            ".map(a => a ? a.href.split('#')[0] : null)"
        )
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("async () => (await axe.run(document)).violations")
        hash_after_click = None
        if targets:
            page.locator(".bd-toc-nav a").first.click()
            hash_after_click = page.evaluate("window.location.hash")
        return Visit(
            broken_images=broken,
            shows_traceback="Traceback (most recent call last)" in page.inner_text("article"),
            error_outputs=page.locator("article .output.error, article .output.traceback").count(),
            stderr_outputs=page.locator("article .output.stderr").count(),
            problems=list(page.problems),
            outside_hosts={re.sub(r"^https?://([^/:]+).*$", r"\1", u) for u in page.outside},
            heading_levels=levels,
            missing_sections=[t for t in targets if page.locator(f"[id='{t}']").count() == 0],
            first_section=targets[0] if targets else None,
            hash_after_click=hash_after_click,
            next_href=links[0],
            prev_href=links[1],
            blocking_violations=[
                f"{v['id']} ({v['impact']}): {v['help']} — e.g. {v['nodes'][0]['target']}"
                for v in violations
                if v["impact"] in BLOCKING_IMPACTS
            ],
        )
    finally:
        page.close()


@pytest.fixture(scope="session")
def visits(browser, site: str) -> dict[str, Visit]:
    """Every page of the table of contents, visited once (each visit feeds several tests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        return {entry: visit(context, site, entry) for entry in TOC}
    finally:
        context.close()


@pytest.mark.parametrize("entry", TOC)
def test_page_loads_cleanly(visits, entry: str) -> None:
    seen = visits[entry]
    assert not seen.broken_images, f"images that did not load: {seen.broken_images}"
    assert not seen.shows_traceback
    assert seen.error_outputs == 0 and seen.stderr_outputs == 0
    assert not seen.problems, seen.problems
    assert seen.outside_hosts <= ALLOWED_HOSTS, (
        f"the page loads from outside hosts: {sorted(seen.outside_hosts)}"
    )


def test_formulas_render_without_a_network(page, site: str) -> None:
    open_page(page, f"{site}/{MATH_PAGE}.html")
    page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise")
    page.evaluate("MathJax.startup.promise")
    rendered = page.locator("article mjx-container").count()
    raw = page.locator("article .math").evaluate_all(
        "nodes => nodes.filter(n => !n.querySelector('mjx-container')).map(n => n.textContent)"
    )
    assert rendered > 0 and not raw, f"{rendered} formulas rendered; left as TeX: {raw[:3]}"
    assert not page.outside, f"the page asked outside hosts for {page.outside}"


@pytest.mark.parametrize("entry", TOC)
def test_headings_are_in_order(visits, entry: str) -> None:
    levels = visits[entry].heading_levels
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    skips = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert not skips, f"heading levels skip: {skips} in {levels}"


@pytest.mark.parametrize("entry", TOC)
def test_in_page_contents_point_at_sections(visits, entry: str) -> None:
    seen = visits[entry]
    assert not seen.missing_sections, (
        f"in-page contents link to missing sections: {seen.missing_sections}"
    )
    if seen.first_section:
        assert seen.hash_after_click == f"#{seen.first_section}"


@pytest.mark.parametrize("position", range(len(TOC) - 1))
def test_next_and_previous_links_follow_the_toc(visits, site: str, position: int) -> None:
    here, there = TOC[position], TOC[position + 1]
    assert visits[here].next_href == f"{site}/{there}.html"
    assert visits[there].prev_href == f"{site}/{here}.html"


def test_clicking_next_and_previous_moves_between_pages(page, site: str) -> None:
    here, there = TOC[0], TOC[1]
    open_page(page, f"{site}/{here}.html")
    page.locator("a.right-next").click()
    page.wait_for_load_state()
    assert page.url.split("#")[0].endswith(f"/{there}.html"), page.url
    page.locator("a.left-prev").click()
    page.wait_for_load_state()
    assert page.url.split("#")[0].endswith(f"/{here}.html"), page.url


@pytest.mark.parametrize("entry", TOC)
def test_no_serious_accessibility_violations(visits, entry: str) -> None:
    blocking = visits[entry].blocking_violations
    assert not blocking, "\n".join(blocking)


@pytest.mark.parametrize("word", SEARCH_WORDS)
def test_search_finds_the_book_key_words(page, site: str, word: str) -> None:
    page.goto(f"{site}/search.html?q={word}")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=15_000)
    assert results.count() > 0


@pytest.mark.parametrize("entry", CHAPTERS)
def test_chapter_first_screen_screenshot(visits, entry: str) -> None:
    target = SCREENSHOTS / f"{Path(entry).name}.png"
    assert target.stat().st_size > 10_000  # a blank page compresses to far less
