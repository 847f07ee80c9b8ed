"""`make pdf`: the whole book as one PDF, printed offline from the single-page build.

The single-page build reuses the execution cache of the book built for the other tests
(``built_book``: same ``--path-output``; or ``BUILT_BOOK=.`` after ``make book`` or ``make pdf``),
so no notebook executes twice; the PDF's text, from
``pdftotext`` (Debian poppler-utils), must hold every chapter's title and numbers each chapter
glued into its prose, the references, and the figures (counted with ``pdfimages``).
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import bookkeeping
import nbformat
import pytest
from book_tools import ROOT, toc_notebooks

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("book")]  # beside the book's build

NUMBER = re.compile(r"\d[\d,.]*\d%?|\d{2,}%?")


def tools_missing() -> list[str]:
    missing = [tool for tool in ("pdftotext", "pdfimages") if shutil.which(tool) is None]
    if not any(shutil.which(c) for c in filter(None, [os.environ.get("CHROMIUM"), "chromium",
                                                      "chromium-browser"])):
        missing.append("chromium")
    return missing


@pytest.fixture(scope="module")
def book_folder(request) -> Path:
    """The book built for the other tests, or ``BUILT_BOOK`` (a folder with ``_build/``)."""
    if os.environ.get("BUILT_BOOK"):
        return Path(os.environ["BUILT_BOOK"]).resolve()
    return request.getfixturevalue("built_book")


@pytest.fixture(scope="module")
def pdf(book_folder: Path) -> Path:
    missing = tools_missing()
    if missing:
        message = f"make pdf needs {', '.join(missing)} (Debian: poppler-utils, chromium)"
        if os.environ.get("CI"):
            pytest.fail(message + " (.ci/run installs them)")
        pytest.skip(message)
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    build = subprocess.run(
        [str(jupyter_book), "build", str(ROOT), "--builder", "singlehtml", "-n", "--keep-going",
         "--path-output", str(book_folder)],
        capture_output=True, text=True, timeout=1800,
    )
    log = build.stdout + build.stderr
    assert build.returncode == 0, log[-4000:]
    assert "Executing notebook" not in log, "the single-page build executed a notebook again"
    out = book_folder / "_build" / "pdf" / "book.pdf"
    printed = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "book_pdf.py"),
         str(book_folder / "_build" / "singlehtml"), str(out)],
        capture_output=True, text=True, timeout=900,
    )
    assert printed.returncode == 0, printed.stdout + printed.stderr
    return out


@pytest.fixture(scope="module")
def text(pdf: Path) -> str:
    extracted = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                               text=True, check=True).stdout
    quotes = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
    return re.sub(r"\s+", " ", extracted.translate(quotes))  # Sphinx's smart quotes undone


def chapter_title(path: Path) -> str:
    notebook = nbformat.read(path, as_version=4)
    first = next(c for c in notebook.cells if c.cell_type == "markdown")
    return re.match(r"#\s+(.+)", first.source).group(1).strip()


def glued_numbers(path: Path, cache: Path) -> list[str]:
    values = bookkeeping.glued_values(bookkeeping.executed_notebook(path, cache))
    numbers = []
    for value in values.values():
        if isinstance(value, str):
            try:
                shown = ast.literal_eval(value)
            except (ValueError, SyntaxError):
                continue
            if isinstance(shown, str) and NUMBER.fullmatch(shown) and len(shown) >= 3:
                numbers.append(shown)
    return numbers


@pytest.mark.parametrize("path", toc_notebooks(), ids=lambda p: p.stem)
def test_every_chapter_title_is_in_the_pdf(text: str, path: Path) -> None:
    title = re.sub(r"\s+", " ", chapter_title(path))
    assert title in text, title


@pytest.mark.parametrize("path", toc_notebooks(), ids=lambda p: p.stem)
def test_numbers_each_chapter_glued_are_in_the_pdf(text: str, book_folder: Path, path) -> None:
    numbers = glued_numbers(path, book_folder / "_build" / ".jupyter_cache")
    assert numbers, f"{path.stem} glues no number"
    words = set(re.findall(r"[\d][\d,.%]*", text))
    found = [n for n in numbers if n in words or n.rstrip("%") in words]
    assert found, f"{path.stem}: none of its glued numbers {numbers[:8]} is in the PDF"


def test_pdf_has_a_numbered_contents_the_references_and_the_figures(text: str, pdf) -> None:
    assert "Contents" in text
    assert re.search(r"\b1\.\s?\S", text)  # numbered chapters
    assert "10.1016/j.giq.2022.101682" in text  # Müller (2022), from the reference list
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    figures = sum(
        c.source.count("{glue:figure}")
        for p in toc_notebooks()
        for c in nbformat.read(p, as_version=4).cells
        if c.cell_type == "markdown"
    )
    assert len(images) >= figures, (len(images), figures)
