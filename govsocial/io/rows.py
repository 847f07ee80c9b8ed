"""Problems found in a table's rows after it was read, each named by its line.

A loader first reads a file against its contract (:func:`govsocial.io.core.read_table`); some
problems only show once the rows are compared with each other or with another file: a handle
listed twice in different letter case, an account created after the last post, a coded tweet
that is not among the analysed ones. These helpers turn such findings into the same problems
table that :func:`govsocial.schema.check` builds, and apply the caller's ``on_error`` to them,
so that every chapter reports them alike: one DataError listing each with its line, or the rows
left out and listed in the report.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from govsocial.io.core import Loaded
from govsocial.schema import SKIPPED_COLUMNS, Checked, Contract, OnError

__all__ = ["case_repeats", "keep_rows", "repeats", "row_problems"]


def row_problems(
    positions: Sequence[int] | np.ndarray, lines: Sequence[int], column: str, problem: str,
    expected: str, found: Sequence[str],
) -> pd.DataFrame:
    """Build a problems table (as :attr:`~govsocial.schema.Checked.problems`) for table rows.

    Parameters
    ----------
    positions : sequence of int
        The rows (positions in the table, from 0) with the problem.
    lines : sequence of int
        The line of every row of the table in its file (``Loaded.lines``).
    column, problem, expected : str
        Where, what, and what was expected instead.
    found : sequence of str
        What each row holds, as shown in the message.

    Examples
    --------
    >>> row_problems([1], [2, 4], "handle", "listed twice", "each once", ["'a'"])[
    ...     ["row", "found"]].to_dict("records")
    [{'row': 4, 'found': "'a'"}]
    """
    return pd.DataFrame({
        "position": np.asarray(positions, int),
        "row": np.asarray([lines[i] for i in positions], int),
        "column": column,
        "problem": problem,
        "expected": expected,
        "found": list(found),
    }, columns=["position", *SKIPPED_COLUMNS])


def keep_rows(
    loaded: Loaded, contract: Contract, on_error: OnError, problems: pd.DataFrame
) -> Loaded:
    """Apply ``on_error`` to problems found in a loaded table's rows after it was read.

    ``"raise"``: one DataError lists them (each with its line); ``"skip"``: their rows are left
    out, the report lists them, and the lines of the rows kept stay right.

    Examples
    --------
    >>> from govsocial.schema import Column, LoadReport
    >>> loaded = Loaded(pd.DataFrame({"n": [1, 2]}), LoadReport("t.csv", rows_read=2), [2, 5])
    >>> kept = keep_rows(loaded, Contract("toy", (Column("n", "int"),)), "skip",
    ...                  row_problems([0], loaded.lines, "n", "too small", "> 1", ["1"]))
    >>> kept.frame["n"].tolist(), kept.lines, kept.report.rows_kept
    ([2], [5], 1)
    """
    if problems.empty:
        return loaded
    checked = Checked(loaded.frame, problems, contract, loaded.report.source)
    frame, skipped = checked.settle(on_error)
    loaded.report.skip(skipped)
    bad = set(checked.bad_rows.tolist())
    lines = [line for i, line in enumerate(loaded.lines or []) if i not in bad]
    return Loaded(frame, loaded.report, lines)


def repeats(keys: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Find the rows whose key an earlier row has, and the position of that earlier row.

    Missing keys never repeat.

    Examples
    --------
    >>> again, first = repeats(pd.Series(["a", None, "b", "a", None, "a"]))
    >>> again.tolist(), first.tolist()
    ([3, 5], [0, 0])
    """
    present = keys.notna().to_numpy(bool)
    again = np.flatnonzero(keys.duplicated().to_numpy(bool) & present)
    first: dict[object, int] = {}
    for position in np.flatnonzero(present):
        first.setdefault(keys.iloc[position], int(position))
    return again, np.asarray([first[keys.iloc[i]] for i in again], int)


def case_repeats(
    handles: pd.Series, lines: Sequence[int], keys: pd.Series | None = None
) -> tuple[np.ndarray, list[str]]:
    """Find the rows whose handle repeats an earlier one, and say what each repeats.

    Parameters
    ----------
    handles : Series
        The handles as written.
    lines : sequence of int
        The line of each row in its file.
    keys : Series, optional
        The form in which two handles compare equal; by default the handle in lower case.

    Returns
    -------
    positions : ndarray
        The rows that repeat an earlier one.
    found : list of str
        For each, the handle and the line and spelling of the earlier row.

    Examples
    --------
    >>> case_repeats(pd.Series(["Ab", "x", "aB"]), [2, 3, 5])
    (array([2]), ["'aB' (line 2 has 'Ab')"])
    """
    again, earlier = repeats(handles.str.lower() if keys is None else keys)
    found = [
        f"{handles.iloc[i]!r} (line {lines[j]} has {handles.iloc[j]!r})"
        for i, j in zip(again, earlier, strict=True)
    ]
    return again, found
