"""The reader's own policy documents: a folder of Markdown or plain-text files with a date.

:func:`load_documents` reads every ``.md`` and ``.txt`` file of a folder. Each starts with a
small header of ``key: value`` lines closed by a line ``---`` (a Markdown front matter, opened
by ``---`` too, is accepted), then the text::

    title: Social media policy
    date: 2021-06-30
    organisation: Agency for Coastal Safety
    ---
    Staff who post for the agency ...

``title`` and ``date`` (``YYYY-MM-DD``) are required; ``organisation`` is optional. The result
has the columns of :func:`govsocial.opengov.corpus.read_digitalgov`, so the dictionary
(:func:`~govsocial.opengov.corpus.code_pages`), the shares by year and the topic model work on
it unchanged.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from govsocial.io.core import readable_folder, shown_path
from govsocial.schema import SKIPPED_COLUMNS, DataError, LoadReport, OnError, Problem

__all__ = ["DOCUMENT_FIELDS", "load_documents"]

DOCUMENT_FIELDS: dict[str, str] = {
    "title": "the document's title (required)",
    "date": "the day it was issued or last revised, YYYY-MM-DD (required)",
    "organisation": "who issued it (optional)",
}
"""The header's fields and what they hold."""

_HEADER = re.compile(r"^(?P<key>[A-Za-z_]+):[ \t]*(?P<value>.*?)[ \t]*$")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _read_document(path: Path) -> tuple[dict[str, object] | None, list[Problem]]:
    """One document: its row, or None and the problems, each with its file and line."""
    file = shown_path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [Problem("the file is not UTF-8 text", file=file,
                              expected="UTF-8 text", found=f"byte {error.start}")]
    lines = text.replace("\r\n", "\n").split("\n")
    start = 1 if lines and lines[0].strip() == "---" else 0
    end = next((k for k in range(start, len(lines)) if lines[k].strip() == "---"), None)
    if end is None:
        return None, [Problem("the document has no header closed by a line '---'", file=file,
                              row=1, expected="title: and date: lines, then ---",
                              found=repr(lines[0][:40]) if lines[0] else "an empty line")]
    header: dict[str, tuple[str, int]] = {}
    problems = []
    for number, line in enumerate(lines[start:end], start + 1):
        match = _HEADER.match(line.strip())
        if match:
            header[match["key"].lower()] = (match["value"].strip("\"'"), number)
        elif line.strip():
            problems.append(Problem("a header line is not 'key: value'", file=file,
                                    row=number, expected="key: value", found=repr(line[:40])))
    for key in ("title", "date"):
        if not header.get(key, ("", 0))[0]:
            problems.append(Problem(f"the header has no {key}", file=file, row=end + 1,
                                    column=key, expected=DOCUMENT_FIELDS[key],
                                    found=", ".join(header) or "no fields"))
    date = pd.NaT
    if header.get("date", ("", 0))[0]:
        value, number = header["date"]
        if _DAY.fullmatch(value):
            date = pd.to_datetime(value, format="%Y-%m-%d", errors="coerce", utc=True)
        if pd.isna(date):
            problems.append(Problem("the date cannot be read", file=file, row=number,
                                    column="date", expected="YYYY-MM-DD, e.g. 2021-06-30",
                                    found=repr(value)))
    if problems:
        return None, problems
    return {"page": path.name, "date": date, "title": header["title"][0], "summary": "",
            "body": "\n".join(lines[end + 1:]),
            "organisation": header.get("organisation", ("", 0))[0]}, []


def load_documents(
    folder: str | Path, *, on_error: OnError = "raise"
) -> tuple[pd.DataFrame, LoadReport]:
    """Read a folder of policy documents, one row per ``.md`` or ``.txt`` file.

    Parameters
    ----------
    folder : str or path-like
        The folder; files with other endings are ignored.
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every problem with its file and line. ``"skip"``:
        documents with problems are left out and listed in the report.

    Returns
    -------
    tuple
        ``(documents, report)``: ``page`` (the file name), ``date`` (UTC), ``year``, ``title``,
        ``summary`` (empty), ``body``, ``organisation``, in file-name order; and the report.

    Raises
    ------
    DataError
        When the folder is missing or holds no documents, or (with ``"raise"``) a document
        lacks a header, a title or a date, or its date is not ``YYYY-MM-DD``.

    Examples
    --------
    >>> from govsocial import io
    >>> sample = io.data_dir().parent / "tests" / "data" / "opengov" / "documents"
    >>> documents, report = load_documents(sample)
    >>> len(documents), int(documents["year"].min())
    (6, 2012)
    """
    root = readable_folder(folder)
    paths = sorted(p for p in root.iterdir() if p.suffix.lower() in (".md", ".txt"))
    if not paths:
        raise DataError("the folder has no documents", file=str(folder),
                        expected="files ending in .md or .txt",
                        found=", ".join(sorted(p.name for p in root.iterdir())) or "nothing")
    rows, problems, skipped, bad_files = [], [], [], 0
    for path in paths:
        row, found = _read_document(path)
        bad_files += bool(found)
        if row is not None:
            rows.append(row)
        problems.extend(found)
        skipped.extend({"row": p.row, "column": p.column, "problem": f"{p.file}: {p.problem}",
                        "expected": p.expected, "found": p.found} for p in found)
    if problems and on_error == "raise":
        raise DataError.of(problems)
    documents = pd.DataFrame(rows, columns=["page", "date", "title", "summary", "body",
                                            "organisation"])
    documents["date"] = pd.to_datetime(documents["date"], utc=True)
    documents.insert(2, "year", documents["date"].dt.year.astype("Int64"))
    report = LoadReport(shown_path(root), rows_read=len(paths))
    if skipped:
        report.skipped = pd.DataFrame(skipped, columns=SKIPPED_COLUMNS)
        report.dropped["documents with problems, skipped"] = bad_files
    return documents, report
