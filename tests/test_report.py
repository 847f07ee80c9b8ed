"""``govsocial report``: a code-free HTML report of every chapter on the own-data samples.

Each chapter is run by the real command (``python -m govsocial report``) on a sample in
``tests/data/``, with ``--quick`` (few simulated worlds). The header's facts are recomputed
here with hashlib and csv, independently of the report package; a malformed input must end
with the loader's message, exit status 2, no traceback and no file.
"""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from book_tools import ROOT

from govsocial.report import chapters, myst
from govsocial.report.header import count_rows, input_files
from govsocial.report.run import prepare, without_empty_sections

DATA = ROOT / "tests" / "data"
REPORT = [pytest.mark.slow, pytest.mark.xdist_group("report")]

# chapter -> (the sample, extra parameters); every chapter that takes the reader's own data.
SAMPLES = {
    "landscape": (DATA / "labelled_posts_sample.csv", []),
    "attention": (DATA / "attention", []),  # archival Twitter
    "agenda": (DATA / "agenda_bluesky", []),
    "clickstream": (DATA / "clickstream" / "clicks_good.csv", []),
    "coordination": (DATA / "coordination_mastodon", []),
    "coproduction": (DATA / "coproduction_bluesky", ["-p", "LANDFALL=2024-10-28 23:30"]),
    "survey": (DATA / "survey", []),
    "sem": (DATA / "sem" / "own", []),
    "opengov": (DATA / "opengov", []),
    "interviews": (DATA / "interviews", []),
    "comparison": (DATA / "comparison", []),
}


def report_command(*arguments: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "govsocial", "report", *arguments, "--no-progress"]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=900)


def test_every_chapter_in_the_table_of_contents_has_a_report_and_a_sample() -> None:
    import nbformat
    from book_tools import toc_notebooks

    own_data = set()
    for path in toc_notebooks():
        cells = nbformat.read(path, as_version=4).cells
        if any("parameters" in c.metadata.get("tags", []) and "DATA_PATH" in c.source
               for c in cells):
            own_data.add(path.stem)
    missing = own_data - set(chapters.CHAPTERS)
    assert not missing, (f"chapters that take DATA_PATH but have no report: {sorted(missing)}; "
                         "add them to govsocial/report/chapters.py and a sample to SAMPLES here")
    assert set(chapters.CHAPTERS) <= {p.stem for p in toc_notebooks()}
    assert set(SAMPLES) == set(chapters.CHAPTERS)


def test_list_names_every_chapter_with_its_data() -> None:
    completed = report_command("--list")
    assert completed.returncode == 0, completed.stderr
    for name in chapters.CHAPTERS:
        assert re.search(rf"^{name}\n    --data: \S", completed.stdout, re.MULTILINE), name


def test_row_counts_follow_the_csv_module_and_hashes_hashlib(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text('a,b\n1,"two\nlines"\n\n3,4\n', encoding="utf-8")
    (tmp_path / "notes.md").write_text("# notes\n")
    (tmp_path / ".hidden").write_text("x")
    files = {f.name: f for f in input_files(tmp_path)}
    assert set(files) == {"t.csv", "notes.md"}
    assert files["t.csv"].rows == 2 and files["notes.md"].rows is None
    assert files["t.csv"].sha256 == hashlib.sha256(table.read_bytes()).hexdigest()
    assert count_rows(tmp_path / "missing.csv") is None


def test_glued_values_fill_the_prose_and_unknown_ones_drop_their_paragraph() -> None:
    glued = {"n": "1,234", "fig": {"png": "AAAA"}}
    source = (
        "We read {glue:text}`n` posts ({cite:p}`doe20`).\n\n"
        "Planted: {glue:text}`truth`.\n\n"
        "```{glue:figure} fig\n:name: f\n:alt: A dot plot.\n\nDots, one per agency.\n```\n\n"
        "```{glue:figure} missing_fig\n:alt: x\n\nNot drawn.\n```\n\n"
        "````{exercise}\n:label: ex\n\nDo it.\n\n```python\nx = 1\n```\n````\n"
    )
    shown = myst.to_markdown(source, glued, {}, {"doe20": "Doe|2020"})
    assert shown.startswith("We read 1,234 posts ((Doe 2020)).")
    assert "Planted" not in shown and "Not drawn" not in shown and "Do it" not in shown
    assert 'alt="A dot plot."' in shown
    assert "<figcaption>Dots, one per agency.</figcaption>" in shown


def test_prepare_removes_hidden_cells_and_empty_sections() -> None:
    def markdown(source):
        return {"cell_type": "markdown", "source": source, "metadata": {}}

    def code(tags, outputs):
        return {"cell_type": "code", "source": "x", "metadata": {"tags": tags}, "outputs": outputs}

    scrap = {"output_type": "display_data", "metadata": {"scrapbook": {"name": "n"}},
             "data": {"application/papermill.record/text/plain": "'7'"}}
    printed = {"output_type": "stream", "name": "stdout", "text": "hello"}
    notebook = {"cells": [
        markdown("# Title\n\nIntro."), code(["colab-setup", "remove-cell"], [printed]),
        code(["parameters"], []), code([], [printed]), code(["remove-cell"], [scrap]),
        markdown("Seven: {glue:text}`n`."), markdown("## Exercises"),
        markdown("```{exercise}\nDo.\n```"),
    ]}
    title, shown = prepare(notebook, {})
    assert title == "Title"
    assert [c["source"] for c in shown["cells"]] == ["Intro.", "x", "Seven: 7."]
    assert without_empty_sections([markdown("## A"), markdown("### B")]) == []


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, tuple[Path, subprocess.CompletedProcess]]:
    folder = tmp_path_factory.mktemp("reports")
    made = {}
    for name, (sample, extra) in SAMPLES.items():
        out = folder / f"{name}-report.html"
        made[name] = out, report_command(name, "--data", str(sample), "--out", str(out),
                                         "--quick", *extra)
    return made


@pytest.mark.parametrize("name", sorted(SAMPLES))
@pytest.mark.slow
@pytest.mark.xdist_group("report")
def test_report_of_every_chapter_is_code_free_and_records_its_inputs(reports, name) -> None:
    out, completed = reports[name]
    assert completed.returncode == 0, completed.stderr[-3000:]
    page = out.read_text(encoding="utf-8")
    # no code: no input area and no highlighted Python (nbconvert's marks of a code cell)
    assert "input_area" not in page and "jp-InputArea" not in page
    assert "hl-ipython3" not in page and 'class="input"' not in page
    # nothing of the book's MyST syntax is left in the prose
    for leftover in ("{glue", "```{", ":::{", "{cite", "{term}", "{ref}"):
        assert leftover not in page, leftover
    assert "Traceback" not in page and "output_error" not in page
    # the header: version, seed, every input file with size, rows and SHA-256
    import govsocial

    assert f"govsocial {govsocial.__version__}" in page
    assert re.search(r"<code>SEED = \d+</code>", page)
    sample = SAMPLES[name][0]
    paths = [sample] if sample.is_file() else [p for p in sorted(sample.rglob("*")) if p.is_file()]
    for path in paths:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        size = f"{path.stat().st_size:,}"
        row = re.search(rf"<td class='num'>{size}</td><td class='num'>([\d,]*)</td>"
                        rf"<td><code class='hash'>{digest}</code>", page)
        assert row, f"{path.name}: size and SHA-256 not in the header"
        if path.suffix == ".csv":
            with path.open(newline="", encoding="utf-8-sig") as handle:
                records = sum(1 for record in csv.reader(handle) if record) - 1
            assert row.group(1) == f"{records:,}", path.name
    # the loader's report of what was read and kept
    loader = re.search(r'<pre class="report-loader">(.*?)</pre>', page, re.DOTALL).group(1)
    assert re.search(r"read [\d,]+ rows, kept [\d,]+", loader), loader
    # a table of contents whose links reach headings of the page
    anchors = re.findall(r'<li class="toc-h[23]"><a href="#([^"]+)">', page)
    assert len(anchors) >= 5 and all(f'id="{anchor}"' in page for anchor in anchors)
    assert "<img" in page  # at least one figure


@pytest.mark.slow
@pytest.mark.xdist_group("report")
def test_malformed_input_ends_with_the_loaders_message_and_no_report(tmp_path: Path) -> None:
    from govsocial import DataError, opengov

    data = tmp_path / "mine"
    shutil.copytree(DATA / "opengov", data)
    lines = (data / "indicators.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].rsplit(",", 1)[0] + ",2"  # a 0/1 indicator that is 2
    (data / "indicators.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        opengov.load_folder(data)
    out = tmp_path / "reports" / "opengov.html"
    completed = report_command("opengov", "--data", str(data), "--out", str(out))
    assert completed.returncode == 2
    assert str(raised.value) in completed.stderr
    assert "Traceback" not in completed.stderr and "Traceback" not in completed.stdout
    assert not out.exists()
    assert not out.parent.exists() or not any(out.parent.iterdir())


@pytest.mark.slow
@pytest.mark.xdist_group("report")
def test_a_missing_folder_is_a_clean_error_too(tmp_path: Path) -> None:
    out = tmp_path / "survey.html"
    completed = report_command("survey", "--data", str(tmp_path / "nowhere"), "--out", str(out))
    assert completed.returncode == 2
    assert "nowhere" in completed.stderr and "Traceback" not in completed.stderr
    assert not out.exists()


@pytest.mark.slow
@pytest.mark.xdist_group("report")
def test_format_pdf_prints_the_same_report(tmp_path: Path) -> None:
    import os

    from govsocial.report.pdf import find_chromium

    missing = [name for name, found in (("pdftotext", shutil.which("pdftotext")),
                                        ("chromium", find_chromium())) if not found]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"--format pdf needs {missing} (.ci/run installs them)")
        pytest.skip(f"--format pdf needs {missing}")
    sample = DATA / "sem" / "own"
    out = tmp_path / "sem-report.pdf"
    completed = report_command("sem", "--data", str(sample), "--out", str(out), "--quick")
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Trust and participation" in text and "responses.csv" in text
    digest = hashlib.sha256((sample / "model.txt").read_bytes()).hexdigest()
    assert digest[:12] in text.replace("\n", "")
    assert [p.name for p in tmp_path.iterdir()] == ["sem-report.pdf"]  # nothing half-written
