"""Reading a column's values strictly: the kinds of :mod:`govsocial.schema` and what each accepts.

:func:`govsocial.schema.check` calls one reader per column (``_READERS[kind]``). Each converts
what it can and marks the cells it cannot read, so that ``check`` can name every one of them;
the rules (digits only for integers, ISO 8601 for datetimes, ...) are described in
:mod:`govsocial.schema`. Patterns run in Arrow (RE2) where pandas can, which is why spaces are
spelled out as a character class.

Nothing here is public: the names are the schema's internals, kept apart to keep each module
small.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pa_compute

if TYPE_CHECKING:
    from govsocial.schema import Column


#: Python's ``\s`` spelled out (every character ``str.isspace`` accepts), so that the patterns
#: below mean the same to Python's ``re`` and to pyarrow's RE2, whose ``\s`` is ASCII-only:
#: pandas then runs them in Arrow, about 20 times faster than Python's ``re`` on 2,000,000 cells.
_SPACE = "[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_INTEGER = rf"{_SPACE}*[+-]?[0-9]+{_SPACE}*"
_DECIMAL = rf"{_SPACE}*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?{_SPACE}*"
_INFINITY = rf"{_SPACE}*[+-]?(?:[Ii]nf|INF|[Ii]nfinity|INFINITY){_SPACE}*"
_ISO_DATE = (
    rf"{_SPACE}*[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}"
    r"(?:[Tt ][0-9]{2}(?::[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]{1,9})?)?)?)?"
    rf"(?:{_SPACE}?(?:Z|z|UTC|[+-][0-9]{{2}}(?::?[0-9]{{2}})?))?{_SPACE}*"
)
_EXACT_FLOAT = 2**53
_INT64 = range(-(2**63), 2**63)

_BOOL_WORDS: Mapping[str, bool] = {
    "true": True, "false": False, "yes": True, "no": False, "y": True, "n": False,
    "1": True, "0": False,
}

_EXPECTED = {
    "int": "a whole number in digits 0-9",
    "float": "a decimal number",
    "bool": "true/false, yes/no or 1/0",
    "datetime": "an ISO 8601 date, e.g. 2024-01-02 or 2024-01-02T03:04:05Z",
    "string": "text",
}


@dataclass
class _Read:
    """A column converted to its kind, and which cells could not be."""

    values: pd.Series
    unreadable: np.ndarray
    expected: str


def _text(raw: pd.Series) -> pd.Series:
    """Return the column as Arrow-backed strings, for fast pattern checks."""
    return raw.astype("string[pyarrow]")


def _matches(text: pd.Series, pattern: str) -> np.ndarray:
    """Cells whose whole text matches ``pattern`` (missing cells: False)."""
    return text.str.fullmatch(pattern).fillna(False).to_numpy(bool)


def _python_types(raw: pd.Series, accepted: tuple[type, ...], refused: tuple[type, ...] = ()):
    """Cells of an object column whose Python value is not of an accepted type."""
    def wrong(value: object) -> bool:
        if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
            return False
        return isinstance(value, refused) or not isinstance(value, accepted)

    return raw.map(wrong).to_numpy(bool)


def _read_int(raw: pd.Series, column: Column, typed: bool) -> _Read:
    expected = _EXPECTED["int"]
    if raw.dtype.kind in "iu":
        return _Read(raw.astype("Int64"), np.zeros(len(raw), bool), expected)
    if raw.dtype.kind == "f" or pd.api.types.is_float_dtype(raw.dtype):
        numbers = raw.astype("float64")
        ok = (numbers % 1 == 0) & (numbers.abs() < _EXACT_FLOAT)
        unreadable = (raw.notna() & ~ok).to_numpy(bool)
        return _Read(
            numbers.where(ok & raw.notna()).astype("Int64"), unreadable,
            f"{expected}, a whole float below 2**53 at most",
        )
    if raw.dtype.kind == "b":
        return _Read(raw.astype("Int64").mask(raw.notna()), raw.notna().to_numpy(bool), expected)
    if typed:
        wrong = _python_types(raw, (int, np.integer), (bool, np.bool_))
        digits = raw.map(
            lambda v: str(int(v)) if isinstance(v, int | np.integer) and not isinstance(
                v, bool | np.bool_) else None
        )
        values = _exact_integers(digits.astype("string"))
        return _Read(values, (raw.notna() & values.isna()).to_numpy(bool) | wrong,
                     f"{expected} (a number)")
    text = _text(raw).str.strip()
    integer = _matches(text, _INTEGER)
    values = _exact_integers(text.where(integer))
    return _Read(values, (raw.notna() & values.isna()).to_numpy(bool), expected)


def _exact_integers(text: pd.Series) -> pd.Series:
    """Digit strings to nullable int64, exactly (long ids do not go through float64).

    Numbers outside the int64 range become missing (and so are reported as unreadable).
    """
    text = text.astype("string[pyarrow]").str.lstrip("+")
    long = (text.str.lstrip("-").str.len() >= 19).fillna(False).to_numpy(bool)
    if long.any():
        fits = [int(value) in _INT64 for value in text[long]]
        text = text.mask(pd.Series(long, index=text.index) & ~_put(long, fits, text.index))
    return text.astype("Int64")


def _put(mask: np.ndarray, values: list[bool], index: pd.Index) -> pd.Series:
    """Return a boolean Series: ``values`` where ``mask`` is True, False elsewhere."""
    out = np.zeros(len(mask), bool)
    out[mask] = values
    return pd.Series(out, index=index)


def _read_float(raw: pd.Series, column: Column, typed: bool) -> _Read:
    expected = _EXPECTED["float"] + (" or inf" if column.infinite else "")
    if raw.dtype.kind == "b":
        return _Read(pd.Series(np.nan, index=raw.index), raw.notna().to_numpy(bool), expected)
    if raw.dtype.kind in "iuf" or pd.api.types.is_numeric_dtype(raw.dtype):
        values = raw.astype("float64")
        unreadable = np.zeros(len(raw), bool)
    elif typed:
        unreadable = _python_types(raw, (int, float, np.number), (bool, np.bool_))
        values = pd.to_numeric(raw.mask(unreadable), errors="coerce").astype("float64")
    else:
        text = _text(raw)
        readable = _matches(text, _DECIMAL) | (column.infinite & _matches(text, _INFINITY))
        values = pd.to_numeric(text.where(readable), errors="coerce").astype("float64")
        unreadable = raw.notna().to_numpy(bool) & ~readable
    if not column.infinite:
        infinite = np.isinf(values.to_numpy(float, na_value=np.nan))
        unreadable = unreadable | infinite
        values = values.mask(infinite)
    return _Read(values, unreadable, expected)


def _read_bool(raw: pd.Series, column: Column, typed: bool) -> _Read:
    expected = _EXPECTED["bool"]
    if pd.api.types.is_bool_dtype(raw.dtype):
        return _Read(raw.astype("boolean"), np.zeros(len(raw), bool), expected)
    if typed:
        wrong = _python_types(raw, (bool, np.bool_))
        return _Read(raw.mask(wrong).astype("boolean"), wrong, "true or false")
    words = _text(raw).str.strip().str.lower()
    values = words.map(_BOOL_WORDS.get).astype("boolean")
    return _Read(values, (raw.notna() & values.isna()).to_numpy(bool), expected)


def _read_datetime(raw: pd.Series, column: Column, typed: bool) -> _Read:
    expected = _EXPECTED["datetime"]
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        values = raw.dt.tz_localize("UTC") if raw.dt.tz is None else raw.dt.tz_convert("UTC")
        return _Read(values, np.zeros(len(raw), bool), expected)
    if column.unit is not None:
        numbers = pd.to_numeric(raw, errors="coerce")
        exact = numbers.notna() & (numbers.astype("float64").abs() < _EXACT_FLOAT)
        values = pd.to_datetime(numbers.where(exact), unit=column.unit, utc=True, errors="coerce")
        return _Read(values, (raw.notna() & values.isna()).to_numpy(bool),
                     f"a number of {column.unit} since 1970-01-01 UTC")
    if raw.dtype.kind in "iufb":
        not_text = raw.notna().to_numpy(bool)
    elif raw.dtype == object:
        not_text = _python_types(raw, (str,))
    else:
        not_text = np.zeros(len(raw), bool)
    text = _text(raw.where(~not_text) if not_text.any() else raw)
    if column.format is not None:
        values = pd.to_datetime(text, format=column.format, utc=True, errors="coerce")
        expected = f"a date written as {column.format}"
    else:
        values = _iso_datetimes(text)
    if not_text.any():
        expected = f"{expected}; numbers only with the column's unit (e.g. unit='s')"
    return _Read(values, (raw.notna() & values.isna()).to_numpy(bool) | not_text, expected)


def _iso_datetimes(text: pd.Series) -> pd.Series:
    """Parse ISO 8601 text as UTC; anything else becomes missing.

    Values with and without a time zone are parsed apart: pandas before 2.3 gave the naive
    values of a mixed column the offset of the first zoned one.
    """
    quick = _arrow_iso(text)
    if quick is not None:
        return quick
    iso = _matches(text, _ISO_DATE)
    cleaned = text.where(iso).str.strip().str.replace(f"{_SPACE}?(?:UTC|z)$", "Z", regex=True)
    zoned = _matches(cleaned, r"[0-9]{4}-[0-9]{2}-[0-9]{2}.*(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)")
    values = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns, UTC]")
    for part in (zoned, iso & ~zoned):
        if part.any():
            parsed = pd.to_datetime(cleaned[part], format="ISO8601", utc=True, errors="coerce")
            values = values.astype(parsed.dtype) if values.dtype != parsed.dtype else values
            values[part] = parsed
    return values


#: The ISO 8601 layout without a time zone that Arrow parses exactly as pandas does (at most
#: microseconds, so that the resolution pandas chooses cannot depend on the digits).
_PLAIN_ISO = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?)?"
)


def _arrow_iso(text: pd.Series) -> pd.Series | None:
    """Parse a column of plain ISO 8601 text with Arrow, as pandas would; None when it cannot.

    When every value is naive ISO 8601 text of the :data:`_PLAIN_ISO` layout, Arrow parses the
    column in C, about 10 times faster than pandas on 2,000,000 values and without the copies
    that stripping and splitting zoned from naive values make. It refuses the whole column at
    the first impossible date (February 30, hour 24); the result is then None, and the caller
    has pandas read it, so that what is accepted, and the resolution of the result, are
    pandas' (``pd.to_datetime(text, format="ISO8601", utc=True, errors="coerce")``).

    Examples
    --------
    >>> _arrow_iso(pd.Series(["2019-03-01 08:00:00", "2019-03-01"] * 600)).iloc[:2].tolist()
    [Timestamp('2019-03-01 08:00:00+0000', tz='UTC'), Timestamp('2019-03-01 00:00:00+0000', \
tz='UTC')]
    >>> _arrow_iso(pd.Series(["2019-02-30"] * 1200)) is None
    True
    """
    text = _text(text)
    if len(text) < 1_000 or not _matches(text, _PLAIN_ISO).all():
        return None
    try:
        naive = pa_compute.cast(pa.array(text.array), pa.timestamp("us"))
        stamps = naive.cast(pa.timestamp("us", tz="UTC"))  # the same numbers, read as UTC
        parsed = pd.Series(stamps.to_pandas(), index=text.index)
        sample = pd.to_datetime(text.iloc[:1], format="ISO8601", utc=True, errors="coerce")
        return parsed.astype(sample.dtype)
    except (pa.ArrowException, ValueError, OverflowError):
        return None


def _read_string(raw: pd.Series, column: Column, typed: bool) -> _Read:
    wrong = (
        _python_types(raw, (str,)) if typed and raw.dtype == object
        else np.zeros(len(raw), bool)
    )
    values = raw.mask(wrong) if wrong.any() else raw
    return _Read(values.astype("string"), wrong, "text (a JSON string)" if typed else "text")


_READERS = {
    "int": _read_int,
    "float": _read_float,
    "bool": _read_bool,
    "datetime": _read_datetime,
    "string": _read_string,
}


#: The bytes that can begin a character ``str.isspace`` holds for, in UTF-8: ASCII's spaces
#: (tab to carriage return, the four separators 0x1c-0x1f, space) and the lead bytes of the
#: others (U+0085 and U+00A0: 0xc2; U+1680: 0xe1; U+2000-U+205F: 0xe2; U+3000: 0xe3).
_SPACE_LEADS = np.zeros(256, bool)
_SPACE_LEADS[[*range(0x09, 0x0E), *range(0x1C, 0x21), 0xC2, 0xE1, 0xE2, 0xE3]] = True


def _may_be_blank(chunk: pa.Array) -> np.ndarray:
    """Positions of the cells of an Arrow string array that may be blank (usually none).

    A cell may be blank when it is empty or begins with a byte a space can begin with. Reads
    the array's offsets and bytes in place: one byte per cell, so a column of long texts costs
    no more than one of short ones.
    """
    if not (pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)):
        return np.arange(len(chunk))  # another layout: let the exact check see every cell
    _, offsets, data = chunk.buffers()
    width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    offsets = np.frombuffer(offsets, width)[chunk.offset : chunk.offset + len(chunk) + 1]
    starts = offsets[:-1]
    size = 0 if data is None else data.size
    # cells that start at the end of the bytes can only be empty (or missing) ones, at the end
    inside = int(np.searchsorted(starts, size)) if size else 0
    maybe = offsets[1:] == starts
    if inside:
        maybe[:inside] |= _SPACE_LEADS[np.frombuffer(data, np.uint8)[starts[:inside]]]
    return np.flatnonzero(maybe)


def _blank(text: pd.Series) -> np.ndarray:
    """Cells of Arrow-backed text that are empty or only spaces (missing cells: False).

    Arrow's ``utf8_is_space`` holds for the same characters as Python's ``str.isspace`` (every
    code point checked), so this is ``cell.strip() == ""`` without copying a single cell. It
    runs only on the cells whose first byte could begin a space (:func:`_may_be_blank`), which
    makes the usual column, with no blank cell, three times cheaper to check.

    Examples
    --------
    >>> _blank(pd.Series(["a", " ", "", " b", "\u3000", None], dtype="string[pyarrow]")).tolist()
    [False, True, True, False, True, False]
    """
    cells = pa.array(text.array)
    chunks = cells.chunks if isinstance(cells, pa.ChunkedArray) else [cells]
    blank = np.zeros(len(cells), bool)
    if not chunks:
        return blank
    firsts = np.cumsum([0, *(len(chunk) for chunk in chunks[:-1])])
    maybe = np.concatenate([
        first + _may_be_blank(chunk) for first, chunk in zip(firsts, chunks, strict=True)
    ])
    if maybe.size:
        some = cells.take(pa.array(maybe))
        exact = pa_compute.or_(pa_compute.equal(some, ""), pa_compute.utf8_is_space(some))
        blank[maybe] = np.asarray(exact.fill_null(False).to_numpy(zero_copy_only=False), bool)
    return blank


def _missing_or_blank(raw: pd.Series) -> np.ndarray:
    """Cells that are missing, or text that is empty or only spaces.

    Only text can be blank: typed columns (numbers, timestamps, booleans from Parquet or JSON)
    are checked for missing values alone, without turning every value into a string (which cost
    85% of reading a 2,000,000-row Parquet clickstream).

    Examples
    --------
    >>> _missing_or_blank(pd.Series(["a", " ", None])).tolist()
    [False, True, True]
    >>> _missing_or_blank(pd.Series(pd.to_datetime(["2020-03-01", None]))).tolist()
    [False, True]
    """
    missing = raw.isna().to_numpy(bool)
    if raw.dtype == object or isinstance(raw.dtype, pd.StringDtype):
        blank = _blank(_text(raw))
        return missing | blank if blank.any() else missing
    return missing


def _show(value: object, column: Column | None = None) -> str:
    """``repr`` of a value as a student would type it (``-2``, not ``np.int64(-2)`` or ``-2.0``).

    Values of an integer column are shown as integers even when missing values made pandas
    hold the column as floats; timestamps are shown in ISO 8601.
    """
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    value = value.item() if isinstance(value, np.generic) else value
    if column is not None and column.kind == "int" and isinstance(value, float):
        value = int(value) if value.is_integer() else value
    return repr(value)
