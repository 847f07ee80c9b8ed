"""What may be reused, and how to cite it: LICENSE, CITATION.cff and the data sets' datasheets."""

from __future__ import annotations

import re

import bookkeeping
import nbformat
import pytest
import yaml
from book_tools import ROOT

DATA = ROOT / "data"
FOLDERS = sorted(p for p in DATA.iterdir() if p.is_dir() and not p.name.startswith("."))
LICENCE_LINE = re.compile(r"^(#{2,}\s+|\*\*|- \*\*)Licen[cs]e\b", re.MULTILINE)
# what a licence section must name: a licence, the public domain, or the book's own licence
LICENCES = re.compile(r"MIT|CC0|CC BY|Creative Commons|public domain|book's licence", re.I)
# A folder of figures the book measured itself says so in its datasheet; the book's own citation
# covers it.
OWN_DATA = re.compile(r"Not a dataset from elsewhere", re.IGNORECASE)
NC_SA_FIGURES = ("fig-coordination-rhythm", "fig-coordination-pairs")


@pytest.fixture(scope="module")
def citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_every_data_folder_has_a_datasheet_with_a_licence(folder) -> None:
    sheet = folder / "DATASHEET.md"
    assert sheet.is_file(), f"{folder.name} has no DATASHEET.md"
    text = sheet.read_text(encoding="utf-8")
    found = LICENCE_LINE.search(text)
    assert found, f"{folder.name}/DATASHEET.md has no licence line"
    section = re.split(r"^#{1,6} ", text[found.end():], maxsplit=1, flags=re.MULTILINE)[0]
    assert LICENCES.search(section), f"{folder.name}/DATASHEET.md: the licence section names none"


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_every_data_folder_has_a_citation_reference(citation, folder) -> None:
    sheet = folder / "DATASHEET.md"
    if sheet.is_file() and OWN_DATA.search(sheet.read_text(encoding="utf-8")):
        pytest.skip(f"data/{folder.name}/ is the book's own (cited as the book)")
    named = [ref for ref in citation["references"] if f"data/{folder.name}/" in ref["notes"]]
    assert named, f"CITATION.cff has no reference whose notes name data/{folder.name}/"
    for reference in named:
        assert reference["title"] and reference["authors"] and reference["type"]


def test_citation_file_has_the_fields_named(citation) -> None:
    for field in ("cff-version", "message", "title", "authors", "version", "license",
                  "repository-code", "preferred-citation", "references"):
        assert citation.get(field), field
    assert {"MIT", "CC-BY-4.0", "CC-BY-NC-SA-4.0"} <= set(citation["license"])
    book = citation["preferred-citation"]
    assert book["type"] == "book" and book["title"] == citation["title"] and book["authors"]


def test_citation_repository_is_the_configured_one(citation) -> None:
    assert citation["repository-code"] == bookkeeping.repository_url()


def test_the_nc_sa_data_set_is_named_in_licence_and_citation(citation) -> None:
    sheet = (DATA / "covid_gov_tweet_ids" / "DATASHEET.md").read_text(encoding="utf-8")
    assert "CC BY-NC-SA 4.0" in sheet
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence and "CC BY 4.0" in licence
    assert "data/covid_gov_tweet_ids/account_roles.csv" in licence
    for figure in NC_SA_FIGURES:
        assert figure in licence, figure
    yu = [r for r in citation["references"] if "data/covid_gov_tweet_ids/" in r["notes"]]
    assert yu[0]["license"] == "CC-BY-NC-SA-4.0"


def test_each_nc_sa_figure_caption_says_so() -> None:
    notebook = nbformat.read(ROOT / "notebooks" / "coordination.ipynb", as_version=4)
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    for figure in NC_SA_FIGURES:
        block = re.search(rf"```\{{glue:figure\}}[^\n]*\n:name: {figure}\n(.*?)\n```", text,
                          re.DOTALL)
        assert block, figure
        assert "CC BY-NC-SA 4.0" in block.group(1), f"{figure}: the caption must say its licence"
