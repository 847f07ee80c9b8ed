"""One version for the package and the book, and a changelog entry for it."""

from __future__ import annotations

import re
import sys
import tomllib

import yaml
from book_tools import ROOT

import govsocial


def test_pyproject_reads_the_version_from_the_package() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    dynamic = project["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "govsocial.__version__"}


def test_the_book_build_reads_the_same_version() -> None:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert "book_version" in config["sphinx"]["local_extensions"]
    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    try:
        from book_version import package_version
    finally:
        sys.path.remove(str(ROOT / "book" / "_ext"))
    assert package_version(ROOT) == govsocial.__version__
    assert "{{ version }}" in (ROOT / "book" / "intro.md").read_text(encoding="utf-8")


def test_citation_names_the_same_version() -> None:
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert str(citation["version"]) == govsocial.__version__
    assert str(citation["preferred-citation"]["version"]) == govsocial.__version__


def test_changelog_has_an_entry_for_the_version_and_links_its_tag() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    version = re.escape(govsocial.__version__)
    assert re.search(rf"^## \[{version}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.MULTILINE)
    assert re.search(rf"^\[{version}\]: \S+/releases/tag/v{version}$", changelog, re.MULTILINE)
    headings = re.findall(r"^## \[([^\]]+)\]", changelog, re.MULTILINE)
    assert headings[0] in {"Unreleased", govsocial.__version__}
