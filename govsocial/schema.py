"""Column contracts for the book's data, and the one error a student sees when data are wrong.

A *contract* lists the columns a table must have, what kind of values each holds, and which
columns together identify a row. :func:`check` tests a DataFrame against a contract, converts
each column to its declared kind and lists **every** problem it finds, each with its row, column,
what was expected and what was found. :func:`validate` then either raises one
:class:`DataError` listing them all (``on_error="raise"``, the default) or keeps the rows without
problems (``on_error="skip"``); loaders put the rows they skip in their :class:`LoadReport`.

Values are read strictly, so that nothing wrong is accepted silently:

- ``int``: whole numbers written with the digits 0-9 (``"12"``, ``" -3 "``); not ``"12.0"``,
  ``"1e3"``, ``true`` or a float. From typed sources (JSON, Parquet) only integers: a JSON
  string ``"12"`` or a boolean is refused, and a float only when it is whole and small enough
  (below 2**53) to be exact.
- ``float``: decimal numbers (``"0.5"``, ``"1e-2"``); infinities only where the column allows
  them, never ``"nan"`` (an empty cell is how a value is missing).
- ``datetime``: ISO 8601 text (``2024-01-02``, ``2024-01-02T03:04:05Z``,
  ``2024-01-02 03:04:05+02:00``). Text without a time zone is read as UTC, the documented
  default. Other layouts need the column's ``format``; numbers need its ``unit`` (``"s"``,
  ``"ms"``); Parquet timestamps keep their own unit. Dates after ``not_after`` (by default: now)
  are problems too.
- ``bool``: ``true``/``false``, ``yes``/``no``, ``y``/``n``, ``1``/``0`` in text; booleans in
  typed sources.
- ``string``: any text; from typed sources only strings (not a number where text belongs).

Public names: :class:`DataError`, :class:`Problem`, :class:`Column`, :class:`Contract`,
:func:`check`, :class:`Checked`, :func:`validate`, :class:`LoadReport`, ``OnError``.

Examples
--------
>>> import pandas as pd

>>> contract = Contract("toy", (Column("id", "string", unique=True), Column("n", "int")))
>>> validate(pd.DataFrame({"id": ["a", "b"], "n": ["1", "2"]}), contract)["n"].tolist()
[1, 2]
"""

from __future__ import annotations

import dataclasses
import operator
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from govsocial.values import _READERS, _matches, _missing_or_blank, _show, _text

Kind = Literal["string", "int", "float", "bool", "datetime"]
OnError = Literal["raise", "skip"]

__all__ = [
    "Checked",
    "Column",
    "Contract",
    "DataError",
    "LoadReport",
    "OnError",
    "Problem",
    "check",
    "validate",
]

#: The dtype of every datetime column after validation: UTC, nanoseconds.
DATETIME_DTYPE = "datetime64[ns, UTC]"

#: How many problems an error message lists before it says "and N more".
PROBLEM_LIMIT = 20

#: What the strict default's message says about the other way.
SKIP_HINT = (
    'to load the other rows instead, pass on_error="skip": the load report then lists every '
    "row left out and why"
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data, with its place.

    Parameters
    ----------
    problem : str
        One sentence saying what is wrong.
    file : str, optional
        The file the data came from.
    row : int, optional
        1-based line (CSV: counting the header as line 1; JSON lines: the line number) or
        record number where the problem was found.
    column : str, optional
        The column or field concerned.
    expected, found : str, optional
        What the contract asks for, and what the data hold.

    Examples
    --------
    >>> print(Problem("not a number", file="a.csv", row=3, column="n", expected="int",
    ...               found="'x'"))
    a.csv, row 3, column 'n': not a number (expected int, found 'x')
    """

    problem: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    expected: str | None = None
    found: str | None = None

    def place(self, *, with_file: bool = True) -> str:
        """Where the problem is: ``"a.csv, row 3, column 'n'"`` (empty when unknown)."""
        parts = (
            self.file if with_file else None,
            f"row {self.row}" if self.row is not None else None,
            f"column {self.column!r}" if self.column is not None else None,
        )
        return ", ".join(part for part in parts if part)

    def describe(self, *, with_file: bool = True) -> str:
        """Say the problem in one line, with or without the file's name."""
        detail = ", ".join(
            part
            for part in (
                f"expected {self.expected}" if self.expected is not None else None,
                f"found {self.found}" if self.found is not None else None,
            )
            if part
        )
        place = self.place(with_file=with_file)
        message = f"{place}: {self.problem}" if place else self.problem
        return f"{message} ({detail})" if detail else message

    def __str__(self) -> str:
        return self.describe()


class DataError(ValueError):
    """Data that do not fit the book's expectations, with everything needed to fix them.

    One error may carry several problems (:attr:`problems`, at most :data:`PROBLEM_LIMIT` of
    them, and :attr:`total`, how many there were); its attributes ``problem``, ``file``,
    ``row``, ``column``, ``expected`` and ``found`` are those of the first.

    Parameters
    ----------
    problem : str
        One sentence saying what is wrong.
    file, row, column, expected, found : optional
        As for :class:`Problem`.

    Examples
    --------
    >>> str(DataError("not a number", file="a.csv", row=3, column="n", expected="int",
    ...               found="'x'"))
    "a.csv, row 3, column 'n': not a number (expected int, found 'x')"
    """

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        expected: str | None = None,
        found: str | None = None,
    ) -> None:
        first = Problem(problem, file, row, column, expected, found)
        self._set(first, [first], total=1, hint=None)

    def _set(self, first: Problem, problems: list[Problem], total: int, hint: str | None) -> None:
        self.problem, self.file, self.row = first.problem, first.file, first.row
        self.column, self.expected, self.found = first.column, first.expected, first.found
        self.problems = problems
        self.total = total
        ValueError.__init__(self, _message(problems, total, hint))

    @classmethod
    def of(
        cls, problems: Sequence[Problem], *, total: int | None = None, hint: str | None = None
    ) -> DataError:
        """One error for several problems: the first :data:`PROBLEM_LIMIT` listed, then a count.

        Parameters
        ----------
        problems : sequence of Problem
            The problems, in the order to list them (at least one).
        total : int, optional
            How many problems there were, when ``problems`` holds only the first ones.
        hint : str, optional
            A last sentence saying what the reader can do (e.g. :data:`SKIP_HINT`).

        Examples
        --------
        >>> error = DataError.of([Problem("blank", file="t.csv", row=r, column="n")
        ...                       for r in (2, 5)])
        >>> print(error)
        t.csv: 2 problems
          row 2, column 'n': blank
          row 5, column 'n': blank
        >>> error.row, error.total
        (2, 2)
        """
        if not problems:
            raise ValueError("DataError.of needs at least one problem")
        listed = list(problems[:PROBLEM_LIMIT])
        error = cls.__new__(cls)
        error._set(listed[0], listed, total=max(total or 0, len(problems)), hint=hint)
        return error


def _message(problems: list[Problem], total: int, hint: str | None) -> str:
    """Write a DataError's text: one line per problem, the file named once."""
    if total == 1:
        text = str(problems[0])
    else:
        files = {problem.file for problem in problems}
        one_file = len(files) == 1 and None not in files
        head = f"{problems[0].file}: {total:,} problems" if one_file else f"{total:,} problems"
        lines = [f"  {problem.describe(with_file=not one_file)}" for problem in problems]
        if total > len(problems):
            lines.append(f"  ... and {total - len(problems):,} more")
        text = "\n".join([head, *lines])
    return f"{text}\n{hint[0].upper()}{hint[1:]}." if hint else text


#: The pattern of identifiers written as digits (tweet and user ids): ASCII digits only.
DIGITS = "[0-9]+"
DIGITS_MEANING = "digits only, e.g. '354439470801616898'"


@dataclass(frozen=True)
class Column:
    """One column of a contract.

    Parameters
    ----------
    name : str
        Column name after loading.
    kind : {"string", "int", "float", "bool", "datetime"}
        What the values are (see the module's description for what each kind accepts);
        datetimes are returned in UTC.
    nullable : bool
        Whether missing values are allowed.
    unique : bool
        Whether every value must differ from every other.
    allowed : tuple of str, optional
        The only values a string column may hold.
    minimum : float, optional
        Smallest allowed value of a numeric column.
    maximum : float, optional
        Largest allowed value of a numeric column (a Likert item on a 1-5 scale: 5).
    description : str
        What the column means, with units; used in datasheets and error messages.
    format : str, optional
        For a datetime column whose text is not ISO 8601: its ``strftime`` layout
        (``"%d/%m/%Y"``).
    unit : str, optional
        For a datetime column holding numbers: what they count since 1970-01-01 UTC
        (``"s"``, ``"ms"``, ``"us"``, ``"ns"``).
    infinite : bool
        Whether a float column may hold ``inf`` and ``-inf``.
    pattern : str, optional
        A regular expression the whole text of a string column must match (:data:`DIGITS`
        for identifiers).
    pattern_meaning : str
        What ``pattern`` asks for, in words, for messages.
    """

    name: str
    kind: Kind
    nullable: bool = False
    unique: bool = False
    allowed: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    description: str = ""
    format: str | None = None
    unit: str | None = None
    infinite: bool = False
    pattern: str | None = None
    pattern_meaning: str = ""


@dataclass(frozen=True)
class Contract:
    """The columns a table must have, and the columns that identify a row.

    Parameters
    ----------
    name : str
        A short name used in messages (``"CrisisLexT26 labelled tweets"``).
    columns : tuple of Column
        The required columns, in the order the validated frame will have them.
    key : tuple of str
        Columns whose values together must be unique (empty: no key).
    """

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        """The column names, in order."""
        return [column.name for column in self.columns]

    def with_column(self, name: str, **changes: object) -> Contract:
        """Return a copy of the contract with one column changed (e.g. ``unit="s"``).

        Examples
        --------
        >>> toy = Contract("toy", (Column("when", "datetime"),))
        >>> toy.with_column("when", unit="s").columns[0].unit
        's'
        """
        if name not in self.names:
            raise KeyError(f"{self.name} has no column {name!r}")
        columns = tuple(
            dataclasses.replace(column, **changes) if column.name == name else column
            for column in self.columns
        )
        return dataclasses.replace(self, columns=columns)

    def describe(self) -> pd.DataFrame:
        """Return the contract as a table (column, kind, nullable, description) for a datasheet."""
        return pd.DataFrame(
            {
                "column": [c.name for c in self.columns],
                "kind": [c.kind for c in self.columns],
                "missing allowed": [c.nullable for c in self.columns],
                "description": [c.description for c in self.columns],
            }
        )


SKIPPED_COLUMNS = ["row", "column", "problem", "expected", "found"]


@dataclass
class LoadReport:
    """What a loader read, kept, and dropped, and why.

    Attributes
    ----------
    source : str
        The file or folder read.
    rows_read : int
        Records found in the source.
    dropped : dict of str to int
        For each reason, how many records were left out.
    skipped : DataFrame
        With ``on_error="skip"``: one line per problem in a row that was left out (``row``,
        ``column``, ``problem``, ``expected``, ``found``); empty otherwise.

    Examples
    --------
    >>> report = LoadReport("t.csv", rows_read=10, dropped={"not labelled": 3})
    >>> report.rows_kept
    7
    >>> print(report)
    t.csv: read 10 rows, kept 7, dropped 3 (not labelled: 3)
    """

    source: str
    rows_read: int
    dropped: dict[str, int] = field(default_factory=dict)
    skipped: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SKIPPED_COLUMNS))

    @property
    def rows_dropped(self) -> int:
        """Total number of records left out."""
        return sum(self.dropped.values())

    @property
    def rows_kept(self) -> int:
        """Records in the loaded frame."""
        return self.rows_read - self.rows_dropped

    def skip(self, skipped: pd.DataFrame, reason: str = "rows with problems, skipped") -> None:
        """Record the rows :meth:`Checked.settle` left out (adds them to ``dropped``)."""
        if skipped.empty:
            return
        self.skipped = skipped if self.skipped.empty else pd.concat([self.skipped, skipped])
        self.dropped[reason] = self.dropped.get(reason, 0) + skipped["row"].nunique()

    def __str__(self) -> str:
        reasons = ", ".join(f"{reason}: {n:,}" for reason, n in self.dropped.items() if n)
        text = (
            f"{self.source}: read {self.rows_read:,} rows, kept {self.rows_kept:,}, "
            f"dropped {self.rows_dropped:,}"
        )
        text = f"{text} ({reasons})" if reasons else text
        if not self.skipped.empty:
            text += "; the rows skipped and why are listed in report.skipped"
        return text




# --------------------------------------------------------------------------------------------
# Checking a table
# --------------------------------------------------------------------------------------------


@dataclass
class Checked:
    """A table converted to its contract's kinds, and every problem found in its rows.

    Attributes
    ----------
    frame : DataFrame
        Every row, the contract's columns in its order and kinds (cells with a problem are
        missing).
    problems : DataFrame
        One line per problem: ``position`` (0-based row of ``frame``), ``row`` (the line or
        record number for messages), ``column``, ``problem``, ``expected``, ``found``; sorted
        by position.
    file : str, optional
        Where the table came from.
    """

    frame: pd.DataFrame
    problems: pd.DataFrame
    contract: Contract
    file: str | None = None

    @property
    def bad_rows(self) -> np.ndarray:
        """Positions (in :attr:`frame`) of the rows with at least one problem."""
        positions = self.problems["position"].to_numpy(int)
        return np.unique(positions[positions >= 0])

    def add(self, problems: Sequence[Problem]) -> Checked:
        """Add problems of rows that are not in :attr:`frame`.

        These are found before the table is built: a row of the wrong width, a record that is
        not an object.

        Returns
        -------
        Checked
            A copy with the problems added, all sorted by row.
        """
        if not problems:
            return self
        extra = pd.DataFrame(
            {
                "position": -1,
                "row": [p.row for p in problems],
                "column": pd.Series([p.column for p in problems], dtype=object),
                "problem": [p.problem for p in problems],
                "expected": [p.expected for p in problems],
                "found": [p.found for p in problems],
            }
        )
        table = extra if self.problems.empty else pd.concat([self.problems, extra])
        table = table.sort_values("row", kind="stable", ignore_index=True)
        return dataclasses.replace(self, problems=table)

    def error(self, hint: str | None = SKIP_HINT) -> DataError:
        """One :class:`DataError` listing the first problems and counting all of them."""
        first = self.problems.head(PROBLEM_LIMIT)
        listed = [
            Problem(p.problem, self.file, p.row, p.column if isinstance(p.column, str) else None,
                    p.expected, p.found)
            for p in first.itertuples()
        ]
        return DataError.of(listed, total=len(self.problems), hint=hint)

    def settle(self, on_error: OnError = "raise") -> tuple[pd.DataFrame, pd.DataFrame]:
        """Apply the policy: raise at any problem, or keep the rows without problems.

        Returns
        -------
        frame : DataFrame
            The rows kept, reindexed from 0.
        skipped : DataFrame
            The problems of the rows left out (columns as in :attr:`LoadReport.skipped`).
        """
        if on_error not in ("raise", "skip"):
            raise ValueError(f'on_error must be "raise" or "skip", not {on_error!r}')
        if not self.problems.empty and on_error == "raise":
            raise self.error()
        keep = np.ones(len(self.frame), bool)
        keep[self.bad_rows] = False
        kept = self.frame[keep] if not keep.all() else self.frame
        typed = pd.DataFrame(
            {column.name: _finish(kept[column.name], column) for column in self.contract.columns}
        )
        return typed.reset_index(drop=True), self.problems[SKIPPED_COLUMNS].reset_index(drop=True)


class _Findings:
    """Problems collected column by column, kept as arrays until the end."""

    def __init__(self, row_numbers: np.ndarray | range) -> None:
        self.row_numbers = row_numbers
        self.parts: list[pd.DataFrame] = []

    def add(self, mask: np.ndarray, problem: str, column: str | None, expected: str,
            found: pd.Series | str, show: Callable[[object], str] = _show) -> None:
        """Record ``problem`` at every position where ``mask`` is True."""
        positions = np.flatnonzero(mask)
        if not len(positions):
            return
        shown = (
            found if isinstance(found, str)
            else found.iloc[positions].map(show).to_numpy(object)
        )
        self.parts.append(pd.DataFrame({
            "position": positions,
            "row": (  # a range is never built in memory (2,000,000 rows: 16 MB)
                self.row_numbers.start + positions * self.row_numbers.step
                if isinstance(self.row_numbers, range) else self.row_numbers[positions]
            ),
            "column": column,
            "problem": problem,
            "expected": expected,
            "found": shown,
        }))

    def table(self) -> pd.DataFrame:
        if not self.parts:
            return pd.DataFrame(columns=["position", *SKIPPED_COLUMNS])
        table = pd.concat(self.parts, ignore_index=True)
        return table.sort_values("position", kind="stable", ignore_index=True)


def check(
    frame: pd.DataFrame,
    contract: Contract,
    *,
    file: str | None = None,
    row_numbers: Sequence[int] | None = None,
    typed: bool = False,
    not_after: pd.Timestamp | str | None = None,
) -> Checked:
    """Convert ``frame`` to the contract's kinds and list every problem in its rows.

    Problems with the table as a whole (no rows, a missing column) raise at once.

    Parameters
    ----------
    frame : DataFrame
        The raw table: text (``pandas.read_csv(..., dtype=str)``, the ``csv`` module) or
        typed values (JSON, Parquet).
    contract : Contract
        What the table must look like.
    file : str, optional
        Where the table came from, for messages.
    row_numbers : sequence of int, optional
        The source line of each row (for messages); by default 1, 2, 3, ...
    typed : bool
        Whether the source has types of its own (JSON, Parquet): then a string is not accepted
        where a number belongs, nor a number where text belongs.
    not_after : Timestamp or str, optional
        The latest date a datetime may hold (the time the data were collected); by default
        now. Naive values are UTC.

    Returns
    -------
    Checked
        The converted frame and its problems.

    Raises
    ------
    DataError
        When the table has no rows or lacks a column of the contract.
    """
    if frame.empty:
        raise DataError(
            f"no data rows in this {contract.name} table",
            file=file,
            expected="at least one row",
            found="0 rows",
        )
    missing = [name for name in contract.names if name not in frame.columns]
    if missing:
        raise DataError(
            f"missing column(s) {', '.join(map(repr, missing))}",
            file=file,
            column=missing[0],
            expected=f"columns {contract.names}",
            found=f"columns {list(frame.columns)}",
        )
    numbers = (
        range(1, len(frame) + 1) if row_numbers is None
        else row_numbers if isinstance(row_numbers, range)
        else np.asarray(row_numbers, int)
    )
    latest = pd.Timestamp.now(tz="UTC") if not_after is None else pd.Timestamp(not_after)
    latest = latest.tz_localize("UTC") if latest.tzinfo is None else latest.tz_convert("UTC")
    jobs = [(frame[column.name], column) for column in contract.columns]

    def check_one(job: tuple[pd.Series, Column]) -> tuple[pd.Series, _Findings]:
        return _check_column(*job, typed=typed, latest=latest, row_numbers=numbers)

    if len(frame) >= _THREADED_ROWS and len(jobs) > 1:
        # Arrow's and NumPy's kernels let go of the GIL: columns are checked side by side
        with ThreadPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1)) as pool:
            results = list(pool.map(check_one, jobs))
    else:
        results = [check_one(job) for job in jobs]
    findings = _Findings(numbers)
    out = pd.DataFrame(index=frame.index)
    for (_, column), (values, found) in zip(jobs, results, strict=True):
        findings.parts += found.parts  # in the contract's order, however the threads ran
        out[column.name] = values
    if contract.key:
        repeated = (
            out.duplicated(subset=list(contract.key)) & out[list(contract.key)].notna().all(axis=1)
        ).to_numpy(bool)
        if repeated.any():
            keys = out[list(contract.key)]
            findings.add(repeated, "duplicate key: this row repeats an earlier one",
                         contract.key[0], f"unique ({', '.join(contract.key)})",
                         pd.Series(range(len(keys)), index=keys.index),
                         lambda i: ", ".join(f"{k}={_show(keys[k].iloc[i])}" for k in keys))
    return Checked(out, findings.table(), contract, file)


#: From how many rows :func:`check` checks columns in parallel threads.
_THREADED_ROWS = 100_000


def _check_column(raw: pd.Series, column: Column, *, typed: bool, latest: pd.Timestamp,
                  row_numbers: np.ndarray | range) -> tuple[pd.Series, _Findings]:
    """Convert one column to its kind; return the values and the problems found in it."""
    findings = _Findings(row_numbers)
    read = _READERS[column.kind](raw, column, typed)
    blank = _missing_or_blank(raw)
    values = read.values
    if blank.any() or read.unreadable.any():  # else the usual column: no mask to build
        unreadable = read.unreadable & ~blank
        findings.add(unreadable, f"value cannot be read as {column.kind}", column.name,
                     read.expected, raw)
        left_out = blank | unreadable
        values = values.mask(left_out)
        if not column.nullable:
            findings.add(blank, "required value is missing", column.name,
                         f"a {column.kind} value", "an empty cell")
    _check_values(values, column, latest, findings)
    return values, findings


def _latest(stamps: pd.Series) -> pd.Timestamp:
    """Return the latest time in a datetime column (NaT when every time is missing).

    One pass over the integers, no mask: a missing time is the smallest 64-bit integer.
    """
    most = int(stamps.array.asi8.max()) if len(stamps) else pd.NaT.value
    return pd.NaT if most == pd.NaT.value else pd.Timestamp(most, unit=stamps.dtype.unit, tz="UTC")


def _has_value_rules(column: Column) -> bool:
    """Whether a column's present values have rules to meet beyond their kind."""
    return column.unique or any(
        rule is not None
        for rule in (column.pattern, column.allowed, column.minimum, column.maximum)
    )


def _check_values(values: pd.Series, column: Column, latest: pd.Timestamp,
                  findings: _Findings) -> None:
    """Add the problems of converted values: future, not allowed, out of range, repeated."""
    if column.kind == "datetime" and _latest(values) > latest:  # one pass, no mask
        future = (values > latest).to_numpy(bool)  # missing values compare False
        findings.add(future, "date after the data were collected", column.name,
                     f"at or before {latest:%Y-%m-%d %H:%M} UTC", values)
    if not _has_value_rules(column):
        return
    present = values.notna().to_numpy(bool)
    if column.pattern is not None:
        text = _text(values.where(present)) if present.any() else values
        unmatched = present & ~_matches(text, column.pattern)
        findings.add(unmatched, "value does not have the required form", column.name,
                     column.pattern_meaning or f"text matching {column.pattern}", values)
    if column.allowed is not None:
        outside = present & ~values.isin(column.allowed).to_numpy(bool)
        findings.add(outside, "value not allowed", column.name,
                     f"one of {list(column.allowed)}", values)
    for limit, beyond, problem, relation in (
        (column.minimum, operator.lt, "value below the minimum", ">="),
        (column.maximum, operator.gt, "value above the maximum", "<="),
    ):
        if limit is not None:
            out = present & beyond(values, limit).fillna(False).to_numpy(bool)
            findings.add(out, problem, column.name, f"{relation} {limit:g}", values,
                         lambda v: _show(v, column))
    if column.unique:
        again = present & values.duplicated().to_numpy(bool)
        findings.add(again, "duplicate value in a column that must be unique", column.name,
                     "unique values", values, lambda v: f"{_show(v)} again")


def validate(
    frame: pd.DataFrame,
    contract: Contract,
    *,
    file: str | None = None,
    row_numbers: Sequence[int] | None = None,
    typed: bool = False,
    not_after: pd.Timestamp | str | None = None,
    on_error: OnError = "raise",
) -> pd.DataFrame:
    """Check ``frame`` against ``contract`` and return a typed copy with the contract's columns.

    Parameters
    ----------
    frame, contract, file, row_numbers, typed, not_after
        As for :func:`check`.
    on_error : {"raise", "skip"}
        ``"raise"``: any problem raises one DataError listing them all (the first 20, then
        how many more). ``"skip"``: rows with problems are left out (use :func:`check` and
        :meth:`Checked.settle` to also get the list of them).

    Returns
    -------
    DataFrame
        Only the contract's columns, in its order, each converted to its kind: ``string`` to
        pandas' string dtype, ``int`` to int64 (``Int64`` when nullable), ``float`` to float64,
        ``bool`` to bool (``boolean`` when nullable), ``datetime`` to UTC timestamps in
        nanoseconds (:data:`DATETIME_DTYPE`).

    Raises
    ------
    DataError
        When a column is missing, the table is empty, a value cannot be converted, a required
        value is missing, a value is not allowed, below the minimum or above the maximum, a
        date lies after ``not_after``, or a key repeats.

    Examples
    --------
    >>> contract = Contract("toy", (Column("n", "int", minimum=0),))
    >>> validate(pd.DataFrame({"n": ["1", "-2", "3.0"]}), contract, file="toy.csv")
    Traceback (most recent call last):
    ...
    govsocial.schema.DataError: toy.csv: 2 problems
      row 2, column 'n': value below the minimum (expected >= 0, found -2)
      row 3, column 'n': value cannot be read as int (expected a whole number in digits 0-9, \
found '3.0')
    To load the other rows instead, pass on_error="skip": ...
    >>> validate(pd.DataFrame({"n": ["1", "-2"]}), contract, on_error="skip")["n"].tolist()
    [1]
    """
    checked = check(frame, contract, file=file, row_numbers=row_numbers, typed=typed,
                    not_after=not_after)
    kept, _ = checked.settle(on_error)
    return kept


def _finish(values: pd.Series, column: Column) -> pd.Series:
    """Give a converted column its final dtype."""
    if column.kind == "int":
        return values.astype("Int64" if column.nullable else "int64")
    if column.kind == "float":
        return values.astype("float64")
    if column.kind == "bool":
        return values.astype("boolean" if column.nullable else "bool")
    if column.kind == "string":
        return values.astype("string")
    # one resolution whatever the source (text, Parquet's microseconds, an empty column)
    return values.astype(DATETIME_DTYPE)
