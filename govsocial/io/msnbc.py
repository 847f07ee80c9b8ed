"""The MSNBC.com Anonymous Web Data (UCI Machine Learning Repository): sessions as page categories.

One file, ``msnbc990928.seq`` (read straight from the ``msnbc990928.zip`` it comes in): a header
that names the 17 page categories, the line ``% Sequences:``, then one line per user session
holding the categories of the pages viewed, in order, as numbers 1 to 17 separated by spaces.
The format is specified by the file's own header and the dataset's description in the UCI
Machine Learning Repository ("MSNBC.com Anonymous Web Data", David Heckerman, 1999); the book's
copy and its provenance are described in ``data/msnbc/DATASHEET.md``.

Public functions
----------------
read_msnbc(path, *, on_error="raise")
    The UCI MSNBC.com Anonymous Web Data: one session per line, pages as 17 categories.

Public constant: :data:`MSNBC_CATEGORIES`, the 17 categories in the file's order.
"""

from __future__ import annotations

import zipfile

import pandas as pd

from govsocial.io.archives import read_members
from govsocial.io.core import Loaded, PathLike, readable_file, shown_path
from govsocial.schema import SKIP_HINT, SKIPPED_COLUMNS, DataError, LoadReport, OnError, Problem

__all__ = ["MSNBC_CATEGORIES", "read_msnbc"]

MSNBC_CATEGORIES = (
    "frontpage", "news", "tech", "local", "opinion", "on-air", "misc", "weather", "msn-news",
    "health", "living", "business", "msn-sports", "sports", "summary", "bbs", "travel",
)
"""The 17 page categories of the MSNBC.com Anonymous Web Data, in the file's order (1 to 17)."""

_MSNBC_MARKER = b"% Sequences:"


def _is_sequence_file(info: zipfile.ZipInfo) -> bool:
    """Whether an archive member is the sequence file (not macOS's resource copy of it)."""
    return info.filename.endswith(".seq") and not info.filename.startswith("__MACOSX")


def read_msnbc(path: PathLike, *, on_error: OnError = "raise") -> Loaded:
    """Read the MSNBC.com Anonymous Web Data (UCI): one session per line, pages as categories.

    The file (``msnbc990928.seq``, read straight from the ``.zip`` it comes in) has a header
    naming the 17 page categories, then, after the line ``% Sequences:``, one line per session:
    the categories of the pages viewed, in order, as numbers 1 to 17. The data carry no user
    identifiers and no times, so the frame is already a set of sessions.

    Parameters
    ----------
    path : str or path-like
        ``msnbc990928.zip`` (the ``.seq`` member is read) or the ``.seq`` file itself.
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every malformed session line (the first 20, then how
        many more). ``"skip"``: those sessions are left out (their ``session_id`` is not
        used), ``report.skipped`` lists each line and why, and ``report.dropped`` counts
        the page views on them.

    Returns
    -------
    Loaded
        ``frame`` with ``session_id`` (1 for the first session line, 2, ...), ``step`` (0 for
        a session's first page view) and ``page`` (categorical, the 17 categories); one row
        per page view. ``report.rows_read`` counts page views.

    Raises
    ------
    DataError
        At once when the file is not a zip archive or holds no single ``.seq`` file, or the
        header or the ``% Sequences:`` line is missing; with ``on_error="raise"`` also for
        every session line holding anything but numbers 1 to 17 (naming the line).

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> loaded = read_msnbc(data_dir() / "msnbc" / "msnbc990928.zip")
    >>> int(loaded.frame["session_id"].max()), len(loaded.frame)
    (989818, 4698794)
    """
    import numpy as np

    path = readable_file(path)
    file = str(path)
    if path.suffix.lower() == ".zip":
        members = read_members(path, _is_sequence_file)
        if len(members) != 1:
            raise DataError(
                "the archive must hold one .seq file",
                file=file,
                expected="msnbc990928.seq",
                found=f"{[name for name, _ in members]}",
            )
        raw = members[0][1]
    else:
        raw = path.read_bytes()
    start = raw.find(_MSNBC_MARKER)
    if start < 0:
        raise DataError(
            "no '% Sequences:' line: is this the MSNBC sequence file?",
            file=file,
            expected="a header, then '% Sequences:', then one session per line",
            found=repr(raw[:60]),
        )
    header = raw[:start].decode("ascii", errors="replace").split()
    if [name for name in header if name in MSNBC_CATEGORIES] != list(MSNBC_CATEGORIES):
        raise DataError(
            "the header does not list the 17 MSNBC categories in their order",
            file=file,
            row=1,
            expected=" ".join(MSNBC_CATEGORIES),
            found=" ".join(header)[:120],
        )
    first_line = raw.count(b"\n", 0, start) + 1  # the line of '% Sequences:'
    body = np.frombuffer(raw, dtype=np.uint8)[start + len(_MSNBC_MARKER):]
    digit = (body >= ord("0")) & (body <= ord("9"))
    allowed = np.zeros(256, dtype=bool)
    allowed[list(b"0123456789 \t\r\n")] = True
    newlines = np.flatnonzero(body == ord("\n"))

    def line_of(positions: np.ndarray) -> np.ndarray:
        return first_line + np.searchsorted(newlines, positions)

    previous = np.append(False, digit[:-1])
    following = np.append(digit[1:], False)
    starts = np.flatnonzero(digit & ~previous)
    ends = np.flatnonzero(digit & ~following)
    if not len(starts):
        raise DataError("no sessions after '% Sequences:'", file=file, expected="sessions",
                        found="none")
    width = ends - starts + 1
    values = (body[starts] - ord("0")).astype(np.int16)
    two = width == 2
    values[two] = values[two] * 10 + (body[ends[two]] - ord("0"))
    out_of_range = (width > 2) | (values < 1) | (values > len(MSNBC_CATEGORIES))
    found = {
        int(line): "a session line holds something else than numbers"
        for line in np.unique(line_of(np.flatnonzero(~allowed[body])))
    }
    for line in np.unique(line_of(starts[out_of_range])):
        found.setdefault(int(line), "a page category number is out of range")
    token_line = np.searchsorted(newlines, starts)  # newlines before the number
    new_session = np.append(True, token_line[1:] != token_line[:-1])
    session = np.cumsum(new_session, dtype=np.int32)
    first = np.flatnonzero(new_session)
    step = np.arange(len(values)) - np.repeat(first, np.diff(np.append(first, len(values))))
    keep = ~np.isin(first_line + token_line, list(found))
    if found:
        texts = raw.split(b"\n")
        problems = [
            Problem(problem, file, line, None, "numbers 1 to 17 separated by spaces",
                    repr(texts[line - 1].decode("ascii", errors="replace").strip()[:80]))
            for line, problem in sorted(found.items())
        ]
        if on_error != "skip" or not keep.any():
            raise DataError.of(problems, hint=SKIP_HINT if keep.any() else None)
    frame = pd.DataFrame(
        {
            "session_id": session[keep],
            "step": step[keep].astype(np.int32),
            "page": pd.Categorical.from_codes(values[keep] - 1,
                                              categories=list(MSNBC_CATEGORIES)),
        }
    )
    report = LoadReport(shown_path(file), rows_read=len(values))
    if found:
        report.skipped = pd.DataFrame(
            [[p.row, p.column, p.problem, p.expected, p.found] for p in problems],
            columns=SKIPPED_COLUMNS,
        )
        report.dropped["page views on malformed session lines, skipped"] = int((~keep).sum())
    return Loaded(frame, report)
