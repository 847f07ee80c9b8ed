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
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
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
    yield opened
    context.close()


def open_page(page, url: str) -> None:
    """Go to ``url``, scroll to the end so every image loads, and wait for the network."""
    response = page.goto(url)
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")


TOC = toc_files()


@pytest.mark.parametrize("entry", TOC)
def test_page_loads_cleanly(page, site: str, entry: str) -> None:
    open_page(page, f"{site}/{entry}.html")
    broken = page.evaluate(
        "Array.from(document.images)"
        ".filter(img => !img.complete || img.naturalWidth === 0).map(img => img.src)"
    )
    assert not broken, f"images that did not load: {broken}"
    body = page.inner_text("article")
    assert "Traceback (most recent call last)" not in body
    assert page.locator("article .output.error, article .output.traceback").count() == 0
    assert page.locator("article .output.stderr").count() == 0
    assert not page.problems, page.problems
    hosts = {re.sub(r"^https?://([^/:]+).*$", r"\1", url) for url in page.outside}
    assert hosts <= ALLOWED_HOSTS, f"the page loads from outside hosts: {sorted(hosts)}"


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
def test_headings_are_in_order(page, site: str, entry: str) -> None:
    open_page(page, f"{site}/{entry}.html")
    levels = page.evaluate(
        "Array.from(document.querySelectorAll('article h1, article h2, article h3, "
        "article h4, article h5, article h6')).map(h => Number(h.tagName[1]))"
    )
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    skips = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert not skips, f"heading levels skip: {skips} in {levels}"


@pytest.mark.parametrize("entry", TOC)
def test_in_page_contents_point_at_sections(page, site: str, entry: str) -> None:
    open_page(page, f"{site}/{entry}.html")
    targets = page.evaluate(
        "Array.from(document.querySelectorAll('.bd-toc-nav a[href^=\"#\"]'))"
        ".map(a => a.getAttribute('href').slice(1))"
    )
    missing = [t for t in targets if page.locator(f"[id='{t}']").count() == 0]
    assert not missing, f"in-page contents link to missing sections: {missing}"
    if targets:
        page.locator(".bd-toc-nav a").first.click()
        assert page.evaluate("window.location.hash") == f"#{targets[0]}"


@pytest.mark.parametrize("position", range(len(TOC) - 1))
def test_next_link_leads_to_the_next_page_in_the_toc(page, site: str, position: int) -> None:
    here, there = TOC[position], TOC[position + 1]
    open_page(page, f"{site}/{here}.html")
    page.locator("a.right-next").click()
    page.wait_for_load_state()
    assert page.url.split("#")[0].endswith(f"/{there}.html"), page.url
    page.locator("a.left-prev").click()
    page.wait_for_load_state()
    assert page.url.split("#")[0].endswith(f"/{here}.html"), page.url


@pytest.mark.parametrize("entry", TOC)
def test_no_serious_accessibility_violations(page, site: str, entry: str) -> None:
    open_page(page, f"{site}/{entry}.html")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} — e.g. {v['nodes'][0]['target']}"
        for v in violations
        if v["impact"] in BLOCKING_IMPACTS
    ]
    assert not blocking, "\n".join(blocking)


@pytest.mark.parametrize("word", SEARCH_WORDS)
def test_search_finds_the_book_key_words(page, site: str, word: str) -> None:
    page.goto(f"{site}/search.html?q={word}")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=15_000)
    assert results.count() > 0


@pytest.mark.parametrize("entry", [e for e in TOC if e.startswith("notebooks/")])
def test_chapter_first_screen_screenshot(page, site: str, entry: str) -> None:
    page.goto(f"{site}/{entry}.html")
    page.wait_for_load_state("networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{Path(entry).name}.png"
    page.screenshot(path=str(target))
    assert target.stat().st_size > 10_000  # a blank page compresses to far less
