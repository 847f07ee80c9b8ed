"""Column contracts for the book's data, and the one error a student sees when data are wrong.

A *contract* lists the columns a table must have, what kind of values each holds, and which
columns together identify a row. :func:`validate` checks a DataFrame against a contract, coerces
each column to its declared kind and raises :class:`DataError` at the first problem, naming the
file, the row, the column, what was expected and what was found.

Public names: :class:`DataError`, :class:`Column`, :class:`Contract`, :func:`validate`,
:class:`LoadReport`.

Examples
--------
>>> import pandas as pd
>>> contract = Contract("toy", (Column("id", "string", unique=True), Column("n", "int")))
>>> validate(pd.DataFrame({"id": ["a", "b"], "n": ["1", "2"]}), contract)["n"].tolist()
[1, 2]
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

Kind = Literal["string", "int", "float", "bool", "datetime"]

__all__ = ["Column", "Contract", "DataError", "LoadReport", "validate"]


class DataError(ValueError):
    """Data that do not fit the book's expectations, with everything needed to fix them.

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
        self.problem = problem
        self.file = file
        self.row = row
        self.column = column
        self.expected = expected
        self.found = found
        super().__init__(self._message())

    def _message(self) -> str:
        where = [
            part
            for part in (
                self.file,
                f"row {self.row}" if self.row is not None else None,
                f"column {self.column!r}" if self.column is not None else None,
            )
            if part
        ]
        detail = [
            part
            for part in (
                f"expected {self.expected}" if self.expected is not None else None,
                f"found {self.found}" if self.found is not None else None,
            )
            if part
        ]
        message = self.problem
        if where:
            message = f"{', '.join(where)}: {message}"
        if detail:
            message = f"{message} ({', '.join(detail)})"
        return message


@dataclass(frozen=True)
class Column:
    """One column of a contract.

    Parameters
    ----------
    name : str
        Column name after loading.
    kind : {"string", "int", "float", "bool", "datetime"}
        What the values are; datetimes are parsed as UTC.
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
    """

    name: str
    kind: Kind
    nullable: bool = False
    unique: bool = False
    allowed: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    description: str = ""


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

    @property
    def rows_dropped(self) -> int:
        """Total number of records left out."""
        return sum(self.dropped.values())

    @property
    def rows_kept(self) -> int:
        """Records in the loaded frame."""
        return self.rows_read - self.rows_dropped

    def __str__(self) -> str:
        reasons = ", ".join(f"{reason}: {n:,}" for reason, n in self.dropped.items() if n)
        text = (
            f"{self.source}: read {self.rows_read:,} rows, kept {self.rows_kept:,}, "
            f"dropped {self.rows_dropped:,}"
        )
        return f"{text} ({reasons})" if reasons else text


def _row_label(frame: pd.DataFrame, position: int, row_numbers: Sequence[int] | None) -> int:
    """1-based row number of ``position`` for messages: the source line when known."""
    if row_numbers is not None:
        return int(row_numbers[position])
    return position + 1


def _show(value: object, column: Column | None = None) -> str:
    """``repr`` of a value as a student would type it (``-2``, not ``np.int64(-2)`` or ``-2.0``).

    Values of an integer column are shown as integers even when missing values made pandas
    hold the column as floats.
    """
    value = value.item() if hasattr(value, "item") else value
    if column is not None and column.kind == "int" and isinstance(value, float):
        value = int(value) if value.is_integer() else value
    return repr(value)


def _first_bad(mask: pd.Series) -> int | None:
    """Position of the first True in a boolean Series, or None."""
    positions = mask.to_numpy().nonzero()[0]
    return int(positions[0]) if len(positions) else None


_INT64 = range(-(2**63), 2**63)


def _to_integer(values: pd.Series) -> pd.Series:
    """Numbers with no fractional part; anything else becomes missing.

    Long integers written out in full (``"354439470801616898"``) are converted exactly: when a
    column also has missing values, ``pandas.to_numeric`` goes through float64, which keeps only
    15-17 significant digits and would silently change long identifiers.
    """
    numbers = pd.to_numeric(values, errors="coerce")
    whole = numbers.where(numbers % 1 == 0)
    if whole.dtype.kind != "f":
        return whole
    text = values.astype("string").str.strip()
    long = text.str.fullmatch(r"[+-]?\d{16,}").fillna(False).astype(bool)
    if not long.any():
        return whole
    exact = whole.astype("object")
    for position in long.to_numpy().nonzero()[0]:
        number = int(text.iloc[position])
        exact.iloc[position] = number if number in _INT64 else None
    return exact.astype("Int64")


_COERCE = {
    "int": _to_integer,
    "float": lambda s: pd.to_numeric(s, errors="coerce"),
    "datetime": lambda s: pd.to_datetime(s, errors="coerce", utc=True, format="mixed"),
}

_BOOL_WORDS: Mapping[str, bool] = {
    "true": True, "false": False, "yes": True, "no": False, "y": True, "n": False,
    "1": True, "0": False,
}


def _coerce(values: pd.Series, column: Column) -> pd.Series:
    """Convert ``values`` to the column's kind; unparseable values become missing."""
    if column.kind == "string":
        return values.astype("string")
    if column.kind == "bool":
        if pd.api.types.is_bool_dtype(values):
            return values.astype("boolean")
        return values.map(lambda v: _BOOL_WORDS.get(str(v).strip().lower()) if pd.notna(v) else v)
    return _COERCE[column.kind](values)


def validate(
    frame: pd.DataFrame,
    contract: Contract,
    *,
    file: str | None = None,
    row_numbers: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Check ``frame`` against ``contract`` and return a typed copy with the contract's columns.

    Parameters
    ----------
    frame : DataFrame
        The raw table, for example straight from ``pandas.read_csv(..., dtype=str)``.
    contract : Contract
        What the table must look like.
    file : str, optional
        Where the table came from, for error messages.
    row_numbers : sequence of int, optional
        The source line of each row (for messages); by default 1, 2, 3, ...

    Returns
    -------
    DataFrame
        Only the contract's columns, in its order, each converted to its kind: ``string`` to
        pandas' string dtype, ``int`` to int64 (``Int64`` when nullable), ``float`` to float64,
        ``bool`` to bool (``boolean`` when nullable), ``datetime`` to UTC timestamps.

    Raises
    ------
    DataError
        When a column is missing, the table is empty, a value cannot be converted, a required
        value is missing, a value is not allowed, below the minimum or above the maximum, or a
        key repeats.

    Examples
    --------
    >>> contract = Contract("toy", (Column("n", "int", minimum=0),))
    >>> validate(pd.DataFrame({"n": ["1", "-2"]}), contract, file="toy.csv")
    Traceback (most recent call last):
    ...
    govsocial.schema.DataError: toy.csv, row 2, column 'n': value below the minimum \
(expected >= 0, found -2)
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

    out = pd.DataFrame(index=frame.index)
    for column in contract.columns:
        raw = frame[column.name]
        values = _coerce(raw, column)
        was_missing = _missing_or_blank(raw)
        not_converted = values.isna() & ~was_missing
        bad = _first_bad(not_converted)
        if bad is not None:
            raise DataError(
                f"value cannot be read as {column.kind}",
                file=file,
                row=_row_label(frame, bad, row_numbers),
                column=column.name,
                expected=column.kind,
                found=_show(raw.iloc[bad]),
            )
        if not column.nullable:
            bad = _first_bad(was_missing)
            if bad is not None:
                raise DataError(
                    "required value is missing",
                    file=file,
                    row=_row_label(frame, bad, row_numbers),
                    column=column.name,
                    expected=f"a {column.kind} value",
                    found="an empty cell",
                )
        values = values.mask(was_missing)
        if column.allowed is not None:
            bad = _first_bad(values.notna() & ~values.isin(column.allowed))
            if bad is not None:
                raise DataError(
                    "value not allowed",
                    file=file,
                    row=_row_label(frame, bad, row_numbers),
                    column=column.name,
                    expected=f"one of {list(column.allowed)}",
                    found=_show(values.iloc[bad]),
                )
        for limit, beyond, problem, relation in (
            (column.minimum, operator.lt, "value below the minimum", ">="),
            (column.maximum, operator.gt, "value above the maximum", "<="),
        ):
            bad = None if limit is None else _first_bad(values.notna() & beyond(values, limit))
            if bad is not None:
                raise DataError(
                    problem,
                    file=file,
                    row=_row_label(frame, bad, row_numbers),
                    column=column.name,
                    expected=f"{relation} {limit:g}",
                    found=_show(values.iloc[bad], column),
                )
        if column.unique:
            bad = _first_bad(values.duplicated() & values.notna())
            if bad is not None:
                raise DataError(
                    "duplicate value in a column that must be unique",
                    file=file,
                    row=_row_label(frame, bad, row_numbers),
                    column=column.name,
                    expected="unique values",
                    found=f"{_show(values.iloc[bad])} again",
                )
        out[column.name] = _finish(values, column)

    if contract.key:
        bad = _first_bad(out.duplicated(subset=list(contract.key)))
        if bad is not None:
            found = ", ".join(f"{k}={_show(out[k].iloc[bad])}" for k in contract.key)
            raise DataError(
                "duplicate key: this row repeats an earlier one",
                file=file,
                row=_row_label(frame, bad, row_numbers),
                column=contract.key[0],
                expected=f"unique ({', '.join(contract.key)})",
                found=found,
            )
    return out.reset_index(drop=True)


def _missing_or_blank(raw: pd.Series) -> pd.Series:
    """Cells that are missing, or text that is empty or only spaces.

    Only text can be blank: typed columns (numbers, timestamps, booleans from Parquet or JSON)
    are checked for missing values alone, without turning every value into a string (which cost
    85% of reading a 2,000,000-row Parquet clickstream).

    Examples
    --------
    >>> _missing_or_blank(pd.Series(["a", " ", None])).tolist()
    [False, True, True]
    >>> _missing_or_blank(pd.Series(pd.to_datetime(["2030-03-01", None]))).tolist()
    [False, True]
    """
    missing = raw.isna()
    if raw.dtype == object or isinstance(raw.dtype, pd.StringDtype):
        return missing | (raw.astype("string").str.strip() == "").fillna(False)
    return missing


def _finish(values: pd.Series, column: Column) -> pd.Series:
    """Give a converted column its final dtype."""
    if column.kind == "int":
        return values.astype("Int64" if column.nullable else "int64")
    if column.kind == "float":
        return values.astype("float64")
    if column.kind == "bool":
        return values.astype("boolean" if column.nullable else "bool")
    return values
