"""House rules a fresh clone must keep: clean notebooks, a consistent table of contents, pinned
requirements, one repository URL, data with datasheets, and no reads from outside the project."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import bookkeeping
import nbformat
import pytest
import yaml
from book_tools import ROOT, toc_files, toc_notebooks

SHARED = "../" + "shared"  # the steering folder beside the project, absent from a clone
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())


def committed_notebooks() -> list[Path]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "*.ipynb"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        listed = []
    return [ROOT / name for name in listed] or sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", committed_notebooks(), ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path: Path) -> None:
    stored = json.loads(path.read_text(encoding="utf-8"))
    ids = [cell.get("id") for cell in stored["cells"]]
    assert None not in ids, f"{path.name}: a cell without an id (nbformat will refuse it)"
    assert len(set(ids)) == len(ids), f"{path.name}: two cells share an id"
    notebook = nbformat.read(path, as_version=4)
    for number, cell in enumerate(notebook.cells, 1):
        if cell.cell_type == "code":
            assert not cell.outputs, f"{path.name} cell {number} has outputs"
            assert cell.execution_count is None, f"{path.name} cell {number} has an execution count"


def test_every_notebook_is_in_the_toc_and_every_toc_entry_exists() -> None:
    entries = toc_files()
    for entry in entries:
        candidates = [ROOT / f"{entry}{suffix}" for suffix in (".md", ".ipynb")]
        assert any(path.exists() for path in candidates), f"_toc.yml names a missing file: {entry}"
    listed = {f"notebooks/{path.stem}" for path in (ROOT / "notebooks").glob("*.ipynb")}
    assert listed <= set(entries), f"notebooks missing from _toc.yml: {listed - set(entries)}"


def test_toc_helper_finds_root_and_nested_entries() -> None:
    toc = {"parts": [{"caption": "A", "chapters": [{"file": "a", "sections": [{"file": "b"}]}]}]}
    assert toc_files(toc) == ["a", "b"]


@pytest.mark.parametrize("path", toc_notebooks(), ids=lambda p: p.stem)
def test_chapter_follows_the_house_shape(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert notebook.cells[0].source.startswith("# "), "a chapter opens with its title"
    assert "Learning goals" in markdown
    assert re.search(r"admonition\}[^\n]*(?i:simulat|real data)", markdown), (
        "a chapter says at the top whether its data are simulated or real"
    )
    parameters = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1 and "DATA_PATH = None" in parameters[0].source
    assert markdown.count("{exercise}") >= 3 and markdown.count("{solution}") >= 3
    for figure in re.findall(r"```\{glue:figure\}.*?```", markdown, flags=re.S):
        assert re.search(r":alt: \S", figure), f"figure without alt text: {figure[:80]}"


PAGE_WIDTH = 76  # characters of code the book's page shows without a horizontal scroll bar


@pytest.mark.parametrize("path", toc_notebooks(), ids=lambda p: p.stem)
def test_notebook_code_fits_the_page(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    for number, cell in enumerate(notebook.cells, 1):
        code = cell.source if cell.cell_type == "code" else ""
        if cell.cell_type == "markdown":  # code inside exercise solutions
            code = "\n".join(re.findall(r"~~~python\n(.*?)~~~", cell.source, flags=re.S))
        for line in code.splitlines():
            assert len(line) <= PAGE_WIDTH, f"{path.name} cell {number}: {line!r}"


@pytest.mark.parametrize("path", toc_notebooks(), ids=lambda p: p.stem)
def test_every_chapter_has_a_teaching_guide_linked_from_the_teaching_page(path: Path) -> None:
    guide = f"book/teaching/{path.stem}"
    assert guide in toc_files(), f"{guide}.md is missing from _toc.yml"
    index = (ROOT / "book" / "teaching" / "index.md").read_text(encoding="utf-8")
    assert f"{{doc}}`{path.stem}`" in index, f"book/teaching/index.md does not link {path.stem}"


def test_no_project_file_reads_the_shared_folder() -> None:
    for path in [
        *ROOT.glob("govsocial/**/*.py"),
        *ROOT.glob("notebooks/*.ipynb"),
        *ROOT.glob("tests/**/*.py"),
        *ROOT.glob("benchmarks/*.py"),
    ]:
        assert SHARED not in path.read_text(encoding="utf-8"), path


def test_config_executes_notebooks_and_raises_on_errors() -> None:
    assert CONFIG["execute"]["execute_notebooks"] in {"cache", "force"}
    assert CONFIG["execute"]["timeout"] > 0
    sphinx = CONFIG["sphinx"]["config"]
    assert sphinx["nb_execution_raise_on_error"] is True
    assert sphinx["nb_execution_show_tb"] is True
    assert sphinx["bibtex_reference_style"] == "author_year"
    assert {"sphinx_exercise", "sphinx_togglebutton"} <= set(CONFIG["sphinx"]["extra_extensions"])
    assert {"colon_fence", "dollarmath", "deflist"} <= set(
        CONFIG["parse"]["myst_enable_extensions"]
    )


@pytest.mark.parametrize("path", toc_notebooks(), ids=lambda p: p.stem)
def test_chapter_opens_with_the_colab_setup_cell(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    first = next(cell for cell in notebook.cells if cell.cell_type == "code")
    assert first.metadata.get("tags") == bookkeeping.SETUP_TAGS
    assert first.source == bookkeeping.setup_cell(CONFIG["repository"]["url"]), (
        "run `.venv/bin/python scripts/bookkeeping.py sync`"
    )


def test_setup_cell_fetches_the_release_of_the_installed_package_version() -> None:
    import govsocial

    source = bookkeeping.setup_cell(CONFIG["repository"]["url"])
    assert f'RELEASE = "v{govsocial.__version__}"' in source
    assert '"--branch", RELEASE, SOURCE' in source  # a tag, never a moving main
    assert "main" not in source
    assert 'os.environ["GOVSOCIAL_DATA"]' in source.splitlines()[-1]  # set on every run


def test_setting_the_repository_rewrites_every_place_that_names_it(tmp_path: Path) -> None:
    for name in ("_config.yml", "_toc.yml", "CITATION.cff"):
        (tmp_path / name).write_text((ROOT / name).read_text())
    (tmp_path / "notebooks").mkdir()
    for path in toc_notebooks():
        (tmp_path / "notebooks" / path.name).write_bytes(path.read_bytes())
    bookkeeping.set_repository("https://github.com/a-student/my-fork", root=tmp_path)
    old = CONFIG["repository"]["url"]
    for path in [
        tmp_path / "_config.yml",
        tmp_path / "CITATION.cff",
        *(tmp_path / "notebooks").glob("*.ipynb"),
    ]:
        text = path.read_text()
        assert old not in text and "https://github.com/a-student/my-fork" in text, path.name


def test_preexecuted_notebooks_are_found_by_the_book_build(tmp_path: Path) -> None:
    from jupyter_cache import get_cache

    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: toy\n")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(notebook, tmp_path / "toy.ipynb")
    cache = tmp_path / "cache"
    assert bookkeeping.preexecute(root=tmp_path, cache_path=cache) == 0
    # what myst-nb does in `cache` mode: match the notebook as read from disk
    record = get_cache(str(cache)).match_cache_notebook(nbformat.read(tmp_path / "toy.ipynb", 4))
    assert record is not None


def test_one_repository_url_drives_every_button() -> None:
    url = CONFIG["repository"]["url"]
    assert url.startswith("https://github.com/")
    html = CONFIG["html"]
    assert (
        html["use_repository_button"] and html["use_issues_button"] and html["use_download_button"]
    )
    assert CONFIG["launch_buttons"]["colab_url"] and CONFIG["launch_buttons"]["binderhub_url"]
    config_text = (ROOT / "_config.yml").read_text()
    assert config_text.count("github.com/") == 1, (
        "the repository URL must appear once in _config.yml"
    )


def test_every_cited_key_is_in_the_bibliography() -> None:
    bib = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    keys = set(re.findall(r"@\w+\{([^,]+),", bib))
    sources = [path.read_text(encoding="utf-8") for path in (ROOT / "book").glob("*.md")]
    sources += [path.read_text(encoding="utf-8") for path in (ROOT / "notebooks").glob("*.ipynb")]
    cited = {
        key.strip()
        for source in sources
        for group in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", source)
        for key in group.split(",")
    }
    assert cited and cited <= keys, f"cited but not in references.bib: {cited - keys}"


def test_every_study_carries_its_doi() -> None:
    bib = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    studies = {
        "mueller2022": "10.1016/j.giq.2022.101682",
        "williams2018": "10.1016/j.giq.2018.03.001",
        "jiang2021": "10.1016/j.giq.2020.101548",
        "zeemering2021": "10.1016/j.giq.2020.101539",
        "chatfield2018": "10.1016/j.giq.2017.09.004",
        "mickoleit2014": "10.1787/5jxrcmghmk0s-en",
    }
    for key, doi in studies.items():
        entry = re.search(r"@\w+\{" + key + r",(.*?)\n\}", bib, flags=re.S)
        assert entry, f"{key} is missing from references.bib"
        assert doi.lower() in entry.group(1).lower(), f"{key} lacks its DOI {doi}"


@pytest.mark.parametrize(
    "folder", sorted(p for p in (ROOT / "data").iterdir() if p.is_dir()), ids=lambda p: p.name
)
def test_every_dataset_has_a_datasheet_with_source_and_licence(folder: Path) -> None:
    sheet = (folder / "DATASHEET.md").read_text(encoding="utf-8")
    assert re.search(r"(?i)licen[cs]e", sheet) and re.search(r"(?i)source", sheet)


def test_readme_shows_the_two_commands_first() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_code = re.search(r"```\w*\n(.*?)```", readme, flags=re.S).group(1)
    assert "make book" in first_code and "make test" in first_code
    assert "_config.yml" in readme  # where a fork changes the repository URL


def test_ci_runs_make_test() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()
