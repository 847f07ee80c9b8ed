"""What a report rests on, and the header that shows it at the top of the report.

The input files (size, rows, SHA-256), the parameters and the loader's report.

Pure functions, no printing. Public names: :class:`InputFile`, :func:`input_files`,
:func:`count_rows`, :func:`sha256`, :func:`header_html`.
"""

from __future__ import annotations

import csv
import hashlib
import html
from dataclasses import dataclass
from pathlib import Path

TABLE_SUFFIXES = {".csv", ".jsonl", ".parquet", ".log", ".txt"}


@dataclass(frozen=True)
class InputFile:
    """One input file of a report.

    Attributes
    ----------
    name : str
        The path relative to the ``--data`` folder (the file name for a single file).
    size : int
        Bytes.
    rows : int or None
        Data rows (records) where the file is a table, else None.
    sha256 : str
        Hex digest of the file's bytes.
    """

    name: str
    size: int
    rows: int | None
    sha256: str


def sha256(path: Path) -> str:
    """Return the SHA-256 hex digest of a file, read in blocks.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "a.txt"
    ...     _ = path.write_bytes(b"abc")
    ...     sha256(path)[:16]
    'ba7816bf8f01cfea'
    """
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def count_rows(path: Path) -> int | None:
    r"""Count the data rows of a table file; None when the file is not a table.

    A CSV's records are counted as the csv module reads them (a quoted newline stays inside its
    record), without the header; a JSON-lines file, a log or a text file counts its non-blank
    lines; a Parquet file its rows, from its metadata. A file that cannot be read as such a
    table gives None.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "t.csv"
    ...     _ = path.write_text('a,b\n1,"two\nlines"\n3,4\n')
    ...     count_rows(path)
    2
    """
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        return None
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return pq.ParquetFile(path).metadata.num_rows
        with path.open(newline="", encoding="utf-8-sig") as handle:
            if suffix == ".csv":
                return max(sum(1 for row in csv.reader(handle) if row) - 1, 0)
            return sum(1 for line in handle if line.strip())
    except (OSError, UnicodeDecodeError, csv.Error, ValueError):
        return None


def input_files(data: Path) -> list[InputFile]:
    r"""Describe every file of ``data`` (a file, or a folder walked in name order).

    Hidden files (names starting with a dot) are left out.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = (Path(folder) / "t.jsonl").write_text('{"a": 1}\n{"a": 2}\n')
    ...     [(f.name, f.size, f.rows) for f in input_files(Path(folder))]
    [('t.jsonl', 18, 2)]
    """
    if data.is_file():
        paths, base = [data], data.parent
    else:
        paths, base = sorted(p for p in data.rglob("*") if p.is_file()), data
    return [
        InputFile(p.relative_to(base).as_posix(), p.stat().st_size, count_rows(p), sha256(p))
        for p in paths
        if not any(part.startswith(".") for part in p.relative_to(base).parts)
    ]


def _rows(files: list[InputFile]) -> str:
    cells = []
    for f in files:
        rows = "" if f.rows is None else f"{f.rows:,}"
        cells.append(
            f"<tr><td><code>{html.escape(f.name)}</code></td><td class='num'>{f.size:,}</td>"
            f"<td class='num'>{rows}</td><td><code class='hash'>{f.sha256}</code></td></tr>"
        )
    return "\n".join(cells)


def header_html(
    *,
    title: str,
    version: str,
    parameters: dict,
    data: str,
    files: list[InputFile],
    reports: list[str],
) -> str:
    """Return the report's header: what it rests on, as an HTML ``<header>`` element.

    Parameters
    ----------
    title : str
        The chapter's title.
    version : str
        The ``govsocial`` version that made the report.
    parameters : dict
        The notebook parameters set for the run (``SEED``, ``SCALE``, ``DATA_PATH``, ...).
    data : str
        The ``--data`` path as the reader gave it.
    files : list of InputFile
        The input files (:func:`input_files`).
    reports : list of str
        The loader's reports, one string each.

    Returns
    -------
    str
        HTML, every value escaped.

    Examples
    --------
    >>> page = header_html(title="T", version="0.1.0", parameters={"SEED": 1}, data="d",
    ...                    files=[InputFile("a.csv", 10, 2, "0" * 64)], reports=["read 2"])
    >>> "govsocial 0.1.0" in page and "<td class='num'>2</td>" in page
    True
    """
    shown = {k: v for k, v in parameters.items() if k != "DATA_PATH"}
    settings = ", ".join(f"<code>{html.escape(f'{k} = {v!r}')}</code>" for k, v in shown.items())
    loader = "\n".join(html.escape(text) for text in reports) or "(no report)"
    return f"""<header class="report-header">
<p class="report-kicker">Government Social Media: reproducible case studies &middot; report</p>
<h1 class="report-title">{html.escape(title)}</h1>
<dl>
<dt>Made with</dt><dd>govsocial {html.escape(version)}</dd>
<dt>Parameters</dt><dd>{settings}</dd>
<dt>Data</dt><dd><code>{html.escape(data)}</code></dd>
</dl>
<table class="report-files">
<thead><tr><th>file</th><th>bytes</th><th>rows</th><th>SHA-256</th></tr></thead>
<tbody>
{_rows(files)}
</tbody>
</table>
<p>What the loader read, kept and left out:</p>
<pre class="report-loader">{loader}</pre>
</header>"""
