"""Make a chapter's report: load the data, execute the notebook, render it without code.

The steps, each a function: :func:`book_root` finds the book's folder (the notebooks and the
bibliography live there); the chapter's loader reads the data first, in this process, so that
bad input stops with its ``DataError`` before anything runs; :func:`execute` runs the notebook
with papermill (its progress bar shows the cells); :func:`prepare` puts the glued values into
the prose and removes the hidden cells; :func:`render` writes HTML without code cells, with the
header and a table of contents; :func:`write_atomically` writes the file whole or not at all.

A PDF is the same page printed by Chromium (:mod:`govsocial.report.pdf`).

Public names: :class:`ReportError`, :func:`make_report`, :func:`book_root`, :func:`execute`,
:func:`prepare`, :func:`render`, :func:`table_of_contents`, :func:`write_atomically`.
"""

from __future__ import annotations

import copy
import html
import os
import re
import tempfile
from pathlib import Path

import govsocial
from govsocial.report import header, myst
from govsocial.report.chapters import chapter as find_chapter

REMOVED_CELLS = {"remove-cell", "colab-setup", "parameters", "injected-parameters"}
REMOVED_OUTPUTS = {"remove-output"}
STYLE = Path(__file__).with_name("report.css")


class ReportError(Exception):
    """A report could not be made, for a reason other than the data (message for the reader)."""


def book_root(start: Path | None = None) -> Path:
    """Return the book's folder: the first parent of ``start`` or of the package with ``_toc.yml``.

    Examples
    --------
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     book = Path(folder).resolve()
    ...     _ = (book / "_toc.yml").write_text("root: intro")
    ...     (book / "notebooks").mkdir()
    ...     book_root(book / "notebooks") == book
    True
    """
    here = (start or Path.cwd()).resolve()
    package = Path(govsocial.__file__).resolve()
    for folder in (here, *here.parents, *package.parents):
        if (folder / "_toc.yml").is_file() and (folder / "notebooks").is_dir():
            return folder
    raise ReportError(
        "the report needs the book's folder (with notebooks/ and _toc.yml): run it inside a "
        "clone of the book, or install govsocial from one (pip install -e .)"
    )


def execute(notebook: Path, parameters: dict, workdir: Path, progress: bool = True) -> dict:
    """Execute ``notebook`` with papermill, ``parameters`` injected; the executed notebook.

    The kernel runs in the notebook's own folder, so its set-up cell finds the book and its
    data. A cell that fails raises papermill's ``PapermillExecutionError``.
    """
    import papermill

    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    return papermill.execute_notebook(
        str(notebook),
        str(workdir / notebook.name),
        parameters=parameters,
        progress_bar=progress,
        cwd=str(notebook.parent),
        kernel_name="python3",
        log_output=False,
    )


def _keep_output(output: dict) -> bool:
    if output.get("metadata", {}).get("scrapbook"):
        return False  # a glued value: shown where the prose quotes it
    return not (output.get("output_type") == "stream" and output.get("name") == "stderr")


def prepare(executed: dict, bib: dict[str, str]) -> tuple[str, dict]:
    """Return the chapter's title, and the notebook as the report shows it.

    Paragraphs that quote a value this run did not compute (the planted truth, which a
    reader's data do not have) are left out, with figures not drawn. The hidden cells (set-up,
    parameters, glue) are removed, and so are glued values among the outputs and warnings
    written to stderr; the Markdown cells get their glued values, figures and citations
    (:func:`govsocial.report.myst.to_markdown`); the title heading is taken out (the header
    shows it).
    """
    notebook = copy.deepcopy(executed)
    glued = myst.glued_values(notebook)
    labels = myst.headings([c["source"] for c in notebook["cells"] if c["cell_type"] == "markdown"])
    cells, title = [], ""
    for cell in notebook["cells"]:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & REMOVED_CELLS:
            continue
        if cell["cell_type"] == "markdown":
            source = myst.to_markdown(cell["source"], glued, labels, bib)
            if not title and (found := re.match(r"#\s+(.+)\n?", source)):
                title, source = found.group(1).strip(), source[found.end() :]
            cell["source"] = source.strip()
            if not cell["source"]:
                continue  # only exercises, or only values these data do not have
        elif cell["cell_type"] == "code":
            kept = [] if tags & REMOVED_OUTPUTS else cell.get("outputs", [])
            cell["outputs"] = [output for output in kept if _keep_output(output)]
            if not cell["outputs"]:
                continue
        cells.append(cell)
    notebook["cells"] = without_empty_sections(cells)
    return title, notebook


def _heading_level(cell: dict) -> int | None:
    """Return the level of a Markdown cell that is one heading alone, else None."""
    if cell["cell_type"] != "markdown":
        return None
    found = re.fullmatch(r"(#{1,6})\s+[^\n]+\s*", cell["source"])
    return len(found.group(1)) if found else None


def _starting_level(cell: dict) -> int | None:
    found = re.match(r"(#{1,6})\s", cell["source"]) if cell["cell_type"] == "markdown" else None
    return len(found.group(1)) if found else None


def without_empty_sections(cells: list[dict]) -> list[dict]:
    """Leave out heading cells whose section has nothing left (its exercises were removed).

    Examples
    --------
    >>> md = lambda s: {"cell_type": "markdown", "source": s}
    >>> [c["source"] for c in without_empty_sections([md("## A"), md("text"), md("## B")])]
    ['## A', 'text']
    """
    kept: list[dict] = []
    for cell in reversed(cells):
        level = _heading_level(cell)
        following = _starting_level(kept[-1]) if kept else 0
        if level is not None and (following is not None and following <= level):
            continue
        kept.append(cell)
    return kept[::-1]


def _heading_text(inner: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", inner)).replace("¶", "").strip()


def table_of_contents(body: str) -> str:
    """Return an HTML list linking every ``<h2>`` and ``<h3>`` with an id in ``body``.

    Examples
    --------
    >>> print(table_of_contents('<h2 id="a">A<a href="#a">¶</a></h2><h3 id="b">B</h3>'))
    <nav class="report-toc"><p>Contents</p><ul>
    <li class="toc-h2"><a href="#a">A</a></li>
    <li class="toc-h3"><a href="#b">B</a></li>
    </ul></nav>
    """
    items = [
        f'<li class="toc-h{level}"><a href="#{anchor}">{html.escape(_heading_text(inner))}</a></li>'
        for level, anchor, inner in re.findall(r'<h([23])\s+id="([^"]+)"[^>]*>(.*?)</h\1>', body,
                                              flags=re.DOTALL)
    ]
    return '<nav class="report-toc"><p>Contents</p><ul>\n' + "\n".join(items) + "\n</ul></nav>"


def render(notebook: dict, title: str, top: str) -> str:
    """Return the report as one HTML page: header, contents, the cells without their code."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nbformat.from_dict(notebook))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}: report</title>
<style>
{STYLE.read_text(encoding="utf-8")}
</style>
</head>
<body>
<div class="report-page">
{top}
{table_of_contents(body)}
<main>
{body}
</main>
</div>
</body>
</html>
"""


def write_atomically(text: str, out: Path) -> None:
    """Write ``text`` to ``out`` through a temporary file beside it, renamed at the end.

    Examples
    --------
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_atomically("hi", Path(folder) / "r.html")
    ...     sorted(p.name for p in Path(folder).iterdir())
    ['r.html']
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=out.parent, prefix=f".{out.name}.", delete=False
    )
    try:
        with handle:
            handle.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(handle.name, 0o666 & ~umask)  # as an ordinary file, not the temp file's 0o600
        os.replace(handle.name, out)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def make_report(
    name: str,
    data: Path,
    out: Path,
    *,
    seed: int | None = None,
    scale: str | None = None,
    extra: dict | None = None,
    progress: bool = True,
    fmt: str = "html",
) -> Path:
    """Make the report of chapter ``name`` on the reader's ``data``, written to ``out``.

    Parameters
    ----------
    name : str
        A chapter of :data:`govsocial.report.chapters.CHAPTERS`.
    data : Path
        The reader's file or folder, in the format the chapter needs.
    out : Path
        The file to write (written whole, or not at all).
    seed, scale : optional
        ``SEED`` and ``SCALE`` for the notebook; the chapter's own defaults when None.
    extra : dict, optional
        Further notebook parameters (``{"N_WORLDS": 2}``).
    progress : bool
        Show papermill's progress bar.
    fmt : {"html", "pdf"}
        An HTML page, or that page printed to PDF by Chromium (:mod:`govsocial.report.pdf`).

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    DataError
        The data do not fit the chapter (the loader's message).
    ReportError
        The book's folder is missing, the notebook stopped with another error, or (PDF)
        Playwright or Chromium is missing.

    Examples
    --------
    >>> make_report("survey", Path("tests/data/survey"), Path("r.html"))  # doctest: +SKIP
    """
    from papermill.exceptions import PapermillExecutionError

    from govsocial import DataError

    chapter = find_chapter(name)
    root = book_root()
    data = data.expanduser().resolve()
    parameters = {"DATA_PATH": str(data), **(extra or {})}
    if seed is not None:
        parameters["SEED"] = seed
    if scale is not None:
        parameters["SCALE"] = scale
    reports = chapter.load(data, parameters)  # DataError: bad input, nothing runs
    files = header.input_files(data)
    with tempfile.TemporaryDirectory(prefix="govsocial-report-") as workdir:
        try:
            executed = execute(root / "notebooks" / f"{name}.ipynb", parameters, Path(workdir),
                               progress)
        except PapermillExecutionError as error:
            if error.ename == "DataError":
                raise DataError(error.evalue) from None
            raise ReportError(
                f"the {name} notebook stopped at cell {error.cell_index}: "
                f"{error.ename}: {error.evalue}"
            ) from None
    shown = {**_notebook_defaults(executed), **parameters}
    title, notebook = prepare(executed, myst.bibliography(root / "book" / "references.bib"))
    top = header.header_html(
        title=title or name, version=govsocial.__version__, parameters=shown,
        data=str(data), files=files, reports=reports,
    )
    page = render(notebook, title or name, top)
    if fmt == "pdf":
        from govsocial.report.pdf import PdfUnavailable, html_to_pdf

        footer = html.escape(f"{title or name} · govsocial {govsocial.__version__} ·")
        try:
            return html_to_pdf(page, out, footer=footer)
        except PdfUnavailable as error:
            raise ReportError(str(error)) from None
    write_atomically(page, out)
    return out


def _notebook_defaults(executed: dict) -> dict:
    """Return the seed and scale the run used: the parameters cell's, where not injected."""
    for cell in executed["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            found = dict(re.findall(r"^(SEED|SCALE)\s*=\s*([^#\n]+?)\s*(?:#.*)?$",
                                    cell["source"], flags=re.MULTILINE))
            return {key: _literal(value) for key, value in found.items()}
    return {}


def _literal(text: str) -> object:
    import ast

    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
