"""The whole book builds, every notebook executed, with warnings as errors, into a fresh folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from book_tools import toc_files

pytestmark = pytest.mark.slow


def test_book_builds_with_warnings_as_errors(built_html: Path) -> None:
    assert (built_html / "index.html").exists()


def test_every_toc_page_is_rendered(built_html: Path) -> None:
    for entry in toc_files():
        assert (built_html / f"{entry}.html").exists(), entry


def test_no_page_shows_a_traceback_or_error_output(built_html: Path) -> None:
    for entry in toc_files():
        page = (built_html / f"{entry}.html").read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" not in page, entry
        assert "output traceback" not in page and "output error" not in page, entry
        assert "output stderr" not in page, f"{entry} shows warnings or errors written to stderr"


def test_every_image_has_alt_text(built_html: Path) -> None:
    for entry in toc_files():
        page = (built_html / f"{entry}.html").read_text(encoding="utf-8")
        for img in re.findall(r"<img\b[^>]*>", page):
            alt = re.search(r'\balt="([^"]*)"', img)
            assert alt and alt.group(1).strip(), f"{entry}: image without alt text: {img[:200]}"
            assert not alt.group(1).endswith((".png", ".svg")), f"{entry}: alt is a file name"


def test_every_figure_in_a_page_has_a_caption(built_html: Path) -> None:
    from bs4 import BeautifulSoup

    for entry in toc_files():
        soup = BeautifulSoup(
            (built_html / f"{entry}.html").read_text(encoding="utf-8"), "html.parser"
        )
        for img in soup.select("article img"):
            figure = img.find_parent("figure")
            caption = figure.find("figcaption") if figure else None
            assert caption and caption.get_text(strip=True), (
                f"{entry}: image without a caption: {img.get('alt', '')[:80]!r}"
            )


def test_citations_resolve_to_the_reference_list(built_html: Path) -> None:
    landscape = (built_html / "notebooks" / "landscape.html").read_text(encoding="utf-8")
    references = (built_html / "book" / "references.html").read_text(encoding="utf-8")
    assert "Olteanu" in landscape and "OECD" in landscape
    assert "10.1016/j.giq.2022.101682" in references  # Müller (2022) with its DOI


def test_search_index_covers_the_chapter(built_html: Path) -> None:
    index = (built_html / "searchindex.js").read_text(encoding="utf-8")
    assert "landscap" in index and "crisi" in index
