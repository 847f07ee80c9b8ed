"""Print the single-page build of the book to one PDF, offline, with the system Chromium.

Usage (``make pdf`` runs it after ``jupyter-book build . --builder singlehtml``)::

    .venv/bin/python scripts/book_pdf.py [_build/singlehtml] [_build/pdf/book.pdf]

The page is opened from the disk (no server, no network: every request to another host is
refused), MathJax is given time to typeset, a numbered table of contents of the chapters is put
at the front, the website's navigation is hidden, and Chromium prints A4 pages with page
numbers in the footer. The PDF is written to a temporary file and renamed at the end.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SINGLE = ROOT / "_build" / "singlehtml"  # the page is <root of _toc.yml>.html in it
PDF = ROOT / "_build" / "pdf" / "book.pdf"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update"]

# Print layout: the website's bars and buttons hidden, every section on its own page.
PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer, .bd-footer-content,
.bd-header-article, .prev-next-area, .headerlink, .toggle-button, .skip-link,
#pst-back-to-top, .bd-footer-article { display: none !important; }
html, body { font-size: 10pt; }
.bd-main .bd-content .bd-article-container { max-width: 100% !important; }
figure, img, table, pre { break-inside: avoid; }
img { max-width: 100% !important; height: auto; }
section.pdf-document { break-before: page; }
#pdf-contents, .pdf-contents { break-after: page; }
#pdf-contents ol { list-style: none; padding-left: 0; }
"""

# A table of contents at the front: every page of the book, in order, as the single-page build
# marks them (a <span id="document-..."> before each), with the chapter numbers Sphinx gave them.
# Returns how many entries it made.
CONTENTS_JS = """
(title) => {
  const article = document.querySelector('article') || document.body;
  const printed = document.querySelector('.onlyprint h1, h1');  // the title the theme prints
  if (printed && !printed.closest('section')) { printed.textContent = title; }
  const sphinx = article.querySelector('.toctree-wrapper');
  if (sphinx) {  // the root page's own table of contents, numbered, by part: keep it
    document.querySelectorAll('span[id^="document-"]').forEach((mark) => {
      let section = mark.nextElementSibling;
      while (section && section.tagName !== 'SECTION') { section = section.nextElementSibling; }
      if (section) { section.classList.add('pdf-document'); }
    });
    sphinx.classList.add('pdf-contents');
    return sphinx.querySelectorAll('a').length;
  }
  const marks = Array.from(document.querySelectorAll('span[id^="document-"]'));
  const nav = document.createElement('section');
  nav.id = 'pdf-contents';
  nav.innerHTML = '<h1>' + title + '</h1><h2>Contents</h2><ol></ol>';
  const list = nav.querySelector('ol');
  marks.forEach((mark) => {
    let section = mark.nextElementSibling;
    while (section && section.tagName !== 'SECTION') { section = section.nextElementSibling; }
    const heading = section && section.querySelector('h1, h2');
    if (!heading) { return; }
    section.classList.add('pdf-document');
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = '#' + (section.id || mark.id);
    a.textContent = heading.textContent.replace(/[#\u00b6]/g, '').trim();
    li.appendChild(a);
    list.appendChild(li);
  });
  article.insertBefore(nav, article.firstChild);
  return list.children.length;
}
"""


def find_chromium() -> str:
    """Return the system Chromium ($CHROMIUM, chromium or chromium-browser), or exit."""
    for candidate in filter(None, [os.environ.get("CHROMIUM"), "chromium", "chromium-browser"]):
        found = shutil.which(candidate)
        if found:
            return found
    raise SystemExit("make pdf needs Chromium (Debian: apt-get install chromium)")


def print_pdf(page_path: Path, out: Path, title: str) -> int:
    """Print ``page_path`` to ``out``; return the number of links in its contents."""
    from playwright.sync_api import sync_playwright

    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.route(re.compile(r"^(https?|wss?)://"), lambda route: route.abort())  # offline
            page.goto(page_path.resolve().as_uri(), wait_until="load")
            page.wait_for_function(
                "() => !window.MathJax || !MathJax.startup || MathJax.startup.promise",
                timeout=60_000)
            page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
            page.add_style_tag(content=PRINT_CSS)
            chapters = page.evaluate(CONTENTS_JS, title)
            page.emulate_media(media="print")
            page.pdf(
                path=str(partial), format="A4", print_background=True, outline=True,
                tagged=True, display_header_footer=True,
                header_template="<span></span>",
                footer_template=(
                    "<div style='font-size:8px;width:100%;text-align:center;color:#555'>"
                    f"{title} &middot; <span class='pageNumber'></span> / "
                    "<span class='totalPages'></span></div>"),
                margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
            )
        finally:
            browser.close()
    os.replace(partial, out)
    return chapters


def main(argv: list[str]) -> int:
    import yaml

    folder = Path(argv[1]) if len(argv) > 1 else SINGLE
    out = Path(argv[2]) if len(argv) > 2 else PDF
    root = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))["root"]
    page = folder / f"{root}.html" if folder.is_dir() else folder
    if folder.is_dir() and page.parent != folder:
        # Jupyter Book writes the single page as <root>.html (book/intro.html) but links its
        # styles and images from the build's top folder (_static/, _images/): print a copy
        # placed there, so that they load.
        top = folder / "book-for-pdf.html"
        top.write_bytes(page.read_bytes())
        page = top
    if not page.is_file():
        raise SystemExit(f"{page} is missing: build it with "
                         "`jupyter-book build . --builder singlehtml` (make pdf does)")
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    from book_version import package_version

    title = f"{config['title']} (version {package_version(ROOT)})"
    entries = print_pdf(page, out, title)
    size = out.stat().st_size / 1e6
    print(f"The book as a PDF ({entries} links in its contents, {size:.1f} MB): {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
