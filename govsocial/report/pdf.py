"""A report as a PDF: its HTML page printed by Chromium through Playwright, offline.

Needs Playwright for Python and a Chromium: the system's (``$CHROMIUM``, ``chromium`` or
``chromium-browser`` on the PATH) or the one ``playwright install chromium`` downloads. The
page is printed from a local file; every request to another host is refused.

Public names: :func:`find_chromium`, :func:`html_to_pdf`.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update"]


class PdfUnavailable(RuntimeError):
    """Playwright or a Chromium is missing (the message says how to install them)."""


def find_chromium() -> str | None:
    """Return the system Chromium's path, or None (Playwright's own is then tried).

    Examples
    --------
    >>> find_chromium() is None or Path(find_chromium()).name.startswith(("chromium", "chrome"))
    True
    """
    for candidate in filter(None, [os.environ.get("CHROMIUM"), "chromium", "chromium-browser"]):
        found = shutil.which(candidate)
        if found:
            return found
    return None


def html_to_pdf(page: str, out: Path, footer: str = "") -> Path:
    """Print the HTML text ``page`` to the PDF file ``out`` (A4, page numbers in the footer).

    The PDF is written to a temporary file beside ``out`` and renamed at the end.

    Raises
    ------
    PdfUnavailable
        Without Playwright, or without a Chromium it can start.

    Examples
    --------
    >>> html_to_pdf("<h1>Report</h1>", Path("report.pdf"))  # doctest: +SKIP
    PosixPath('report.pdf')
    """
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ModuleNotFoundError:
        raise PdfUnavailable(
            "--format pdf needs Playwright (pip install playwright) and Chromium "
            "(Debian: apt-get install chromium; or: playwright install chromium)"
        ) from None
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="govsocial-pdf-") as folder:
        source = Path(folder) / "report.html"
        source.write_text(page, encoding="utf-8")
        partial = out.with_name(f".{out.name}.partial")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=find_chromium(),
                                                     args=CHROMIUM_FLAGS)
                try:
                    tab = browser.new_page()
                    tab.route(re.compile(r"^(https?|wss?)://"), lambda route: route.abort())
                    tab.goto(source.as_uri(), wait_until="load")
                    tab.pdf(
                        path=str(partial), format="A4", print_background=True, outline=True,
                        display_header_footer=True, header_template="<span></span>",
                        footer_template=(
                            "<div style='font-size:8px;width:100%;text-align:center;"
                            f"color:#555'>{footer} <span class='pageNumber'></span> / "
                            "<span class='totalPages'></span></div>"),
                        margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"},
                    )
                finally:
                    browser.close()
        except PlaywrightError as error:
            Path(partial).unlink(missing_ok=True)
            first = str(error).strip().splitlines()[0] if str(error).strip() else "no message"
            raise PdfUnavailable(f"Chromium could not print the report: {first}") from None
        os.replace(partial, out)
    return out
