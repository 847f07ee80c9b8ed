"""The shared core of the loaders: where the data are, what a loader returns, CSV and JSON reading.

Every format module of :mod:`govsocial.io` reads its files through these helpers, so that all
loaders name files alike (:func:`shown_path`), decode text alike (UTF-8, a byte-order mark
allowed) and raise the same :class:`~govsocial.schema.DataError` for the same fault: bytes that
are not UTF-8, a CSV that cannot be parsed, an empty or header-only file, a column named twice, a
row with the wrong number of fields, malformed JSON, a missing field, an id that is not digits or
that appears twice.

CSV files are comma-separated values as RFC 4180 specifies them
(https://www.rfc-editor.org/rfc/rfc4180), read with :mod:`csv` in strict mode so that an
unbalanced quote is an error rather than a silently merged row; JSON as RFC 8259 specifies it
(https://www.rfc-editor.org/rfc/rfc8259).

Public functions
----------------
data_dir()
    Where the book's ``data/`` folder is.
shown_path(path)
    A file's name as the book shows it (from ``data/`` on).
read_table(path, contract)
    Any small CSV file, read as text and validated against ``contract``.

:class:`Loaded` (a table and its :class:`~govsocial.schema.LoadReport`) is what every loader
returns; ``PathLike`` is the type of the paths they take. The CSV helpers
(``_read_csv_records``, ``_check_widths``, ...) are shared by the format modules and by the
chapters' own CSV readers.
"""

from __future__ import annotations

import codecs
import csv
import html
import io
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from govsocial.schema import Contract, DataError, LoadReport, OnError, Problem, check

__all__ = ["Loaded", "PathLike", "data_dir", "read_table", "shown_path"]

PathLike = str | os.PathLike[str]


@dataclass
class Loaded:
    """A validated table and the report of how it was loaded.

    Attributes
    ----------
    frame : DataFrame
        The table, with the columns and dtypes of the loader's contract.
    report : LoadReport
        Records read, and for each reason how many were left out.
    lines : sequence of int, optional
        For :func:`read_table`: the line of the file on which each row of ``frame`` starts, so
        that a later check can name the line of a row it refuses.

    Examples
    --------
    >>> loaded = Loaded(pd.DataFrame({"n": [1, 2]}), LoadReport("toy.csv", rows_read=2))
    >>> len(loaded.frame), loaded.report.rows_kept
    (2, 2)
    """

    frame: pd.DataFrame
    report: LoadReport
    lines: Sequence[int] | None = None


# --------------------------------------------------------------------------------------------
# Where the data are
# --------------------------------------------------------------------------------------------

ENV_VAR = "GOVSOCIAL_DATA"
_PACKAGE_DATA = Path(__file__).resolve().parents[1] / "data"


def shown_path(path: str | os.PathLike[str]) -> str:
    """Name a file as a reader of the book should see it: from ``data/`` on when it is there.

    Reports printed in the book then read ``data/usdr/DOC_accts.txt`` rather than the absolute
    path of the machine that built it; files elsewhere keep the path they were given.

    Examples
    --------
    >>> shown_path("/somewhere/else/posts.csv")
    '/somewhere/else/posts.csv'
    """
    resolved = Path(path).resolve()
    parts = resolved.parts
    if "data" in parts:
        start = len(parts) - 1 - parts[::-1].index("data")
        candidate = Path(*parts[:start + 1])
        if candidate.is_dir() and candidate.resolve() in {_safe_data_dir(), _PACKAGE_DATA}:
            return Path(*parts[start:]).as_posix()
    return str(path)


def _safe_data_dir() -> Path | None:
    """:func:`data_dir`, resolved, or None when there is none."""
    try:
        return data_dir().resolve()
    except DataError:
        return None


def data_dir() -> Path:
    """Return the book's ``data/`` folder.

    Looked for, in order: the folder named by the environment variable ``GOVSOCIAL_DATA``; the
    ``data/`` folder of the first directory, from the current one upwards, that holds both
    ``_toc.yml`` and ``data/`` (the book's root); the ``data/`` folder next to the installed
    ``govsocial`` package.

    Returns
    -------
    Path
        An existing directory.

    Raises
    ------
    DataError
        When ``GOVSOCIAL_DATA`` names a folder that does not exist, or no folder is found.

    Examples
    --------
    >>> (data_dir() / "crisislex").is_dir()
    True
    """
    configured = os.environ.get(ENV_VAR)
    if configured:
        folder = Path(configured).expanduser()
        if not folder.is_dir():
            raise DataError(
                f"the environment variable {ENV_VAR} names a folder that does not exist",
                expected="an existing folder holding the book's data",
                found=repr(configured),
            )
        return folder
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "_toc.yml").is_file() and (folder / "data").is_dir():
            return folder / "data"
    if _PACKAGE_DATA.is_dir():
        return _PACKAGE_DATA
    raise DataError(
        "cannot find the book's data folder; run from inside the book's folder, or set the "
        f"environment variable {ENV_VAR} to the data folder (for example "
        f"`export {ENV_VAR}=/path/to/book/data`, or in Python "
        f"`os.environ['{ENV_VAR}'] = '/path/to/book/data'`)",
        expected="a folder with _toc.yml and data/ at or above the current directory",
        found=f"none above {here}",
    )


# --------------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------------


def readable_file(path: PathLike) -> Path:
    """Return ``path`` as a Path when it names a readable file; otherwise raise a DataError.

    Every file loader starts here, so that a typo in a path, a folder given for a file or a file
    without read permission is reported as a :class:`~govsocial.schema.DataError` naming the
    path, not as a traceback.

    Examples
    --------
    >>> readable_file("no/such/file.csv")
    Traceback (most recent call last):
    ...
    govsocial.schema.DataError: no/such/file.csv: there is no file at this path (expected an \
existing file; check the spelling of the path and the folder you run from, found nothing)
    """
    found = Path(path).expanduser()
    shown = str(path)
    if found.is_dir():
        raise DataError(
            "this is a folder, not a file",
            file=shown,
            expected="a file",
            found=f"a folder holding {sum(1 for _ in found.iterdir())} entries",
        )
    if not found.is_file():
        raise DataError(
            "there is no file at this path",
            file=shown,
            expected="an existing file; check the spelling of the path and the folder you run "
            "from",
            found="nothing",
        )
    if not os.access(found, os.R_OK):
        raise DataError("the file cannot be read", file=shown, expected="read permission",
                        found="no permission")
    return found


def readable_folder(path: PathLike) -> Path:
    """Return ``path`` as a Path when it names a folder; otherwise raise a DataError.

    Examples
    --------
    >>> readable_folder("no/such/folder")
    Traceback (most recent call last):
    ...
    govsocial.schema.DataError: no/such/folder: there is no folder at this path (expected an \
existing folder, found nothing)
    """
    found = Path(path).expanduser()
    if found.is_file():
        raise DataError("this is a file, not a folder", file=str(path),
                        expected="a folder of files", found="a file")
    if not found.is_dir():
        raise DataError("there is no folder at this path", file=str(path),
                        expected="an existing folder", found="nothing")
    return found


def _decode(path: Path) -> str:
    """Read ``path`` as UTF-8 text (a byte-order mark is allowed); bad bytes raise DataError."""
    raw = readable_file(path).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _not_utf8(raw, error, path) from None


def _check_utf8(raw: bytes, path: Path) -> None:
    """Raise the DataError of :func:`_decode` when ``raw`` is not UTF-8, without keeping text.

    ASCII (most data files) is recognised without decoding anything.
    """
    if raw.isascii():
        return
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _not_utf8(raw, error, path) from None


def _not_utf8(raw: bytes, error: UnicodeDecodeError, path: Path) -> DataError:
    """Make the error for bytes that are not UTF-8: the line and offset of the first bad byte."""
    return DataError(
        "the file is not UTF-8 text",
        file=str(path),
        row=raw.count(b"\n", 0, error.start) + 1,
        expected="UTF-8 text",
        found=f"byte {raw[error.start]:#04x} at byte {error.start}",
    )


@dataclass
class _CsvRecords:
    """The header, records and starting line of each record of a CSV file."""

    header: list[str]
    rows: list[list[str]]
    lines: list[int]


def _read_csv_records(path: Path) -> _CsvRecords:
    """Read a CSV file with the ``csv`` module, keeping the line on which each record starts.

    Header names are stripped of surrounding spaces and blank lines are skipped. Quoted fields
    may span several lines, so a record's starting line is the line after the previous record
    ended. Records are not yet checked against the header's length (see :func:`_check_widths`).
    """
    text = _decode(path)
    # The csv module refuses fields over 131,072 characters by default, and says so in words
    # that look like a quoting problem; no field can be longer than the file, which is in memory.
    csv.field_size_limit(max(csv.field_size_limit(), min(len(text) + 1, 2**31 - 1)))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    start = 1
    try:
        for record in reader:
            if record:
                if header is None:
                    header = [name.strip() for name in record]
                else:
                    rows.append(record)
                    lines.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        raise DataError(
            "the CSV cannot be parsed (often an unbalanced double quote)",
            file=str(path),
            row=start,
            expected="comma-separated fields, quotes doubled inside quoted fields",
            found=str(error),
        ) from None
    if header is None:
        raise DataError(
            "the file is empty", file=str(path), expected="a header line", found="no lines"
        )
    named = [name for name in header if name]
    repeated = sorted({name for name in named if named.count(name) > 1})
    if repeated:
        raise DataError(
            "the header names a column twice",
            file=str(path),
            row=1,
            column=repeated[0],
            expected="distinct column names",
            found=f"columns {header}",
        )
    if not rows:
        raise DataError(
            "the file has a header but no data rows",
            file=str(path),
            row=2,
            expected="at least one data row after the header",
            found="end of file",
        )
    return _CsvRecords(header, rows, lines)


def _width_problems(records: _CsvRecords, path: Path) -> tuple[_CsvRecords, list[Problem]]:
    """Split off the records whose number of fields differs from the header's.

    Returns
    -------
    records : _CsvRecords
        The records of the right width (and their lines).
    problems : list of Problem
        One per record of the wrong width, with its line.
    """
    header = records.header
    problems = []
    keep = []
    for position, (record, line) in enumerate(zip(records.rows, records.lines, strict=True)):
        if len(record) == len(header):
            keep.append(position)
            continue
        problems.append(Problem(
            f"this row has {len(record)} fields but the header has {len(header)}",
            file=str(path),
            row=line,
            column=header[len(record)] if len(record) < len(header) else None,
            expected=f"{len(header)} fields",
            found=f"{len(record)} fields",
        ))
    if not problems:
        return records, []
    kept = _CsvRecords(header, [records.rows[i] for i in keep], [records.lines[i] for i in keep])
    return kept, problems


def _check_widths(records: _CsvRecords, path: Path) -> None:
    """Raise one DataError listing every record whose width differs from the header's."""
    _, problems = _width_problems(records, path)
    if problems:
        raise DataError.of(problems)


def _require_columns(records: _CsvRecords, wanted: Iterable[str], path: Path) -> None:
    """Raise DataError naming the first of ``wanted`` that the header lacks."""
    missing = [name for name in wanted if name not in records.header]
    if missing:
        raise DataError(
            f"missing column(s) {', '.join(map(repr, missing))}",
            file=str(path),
            row=1,
            column=missing[0],
            expected=f"columns {list(wanted)}",
            found=f"columns {records.header}",
        )


def _renamed_columns(
    records: _CsvRecords, header: Mapping[str, str], path: Path
) -> dict[str, list[str]]:
    """Check the file has ``header``'s columns and consistent rows; return them renamed.

    ``header`` maps each column name in the file to its name after loading.
    """
    _require_columns(records, header, path)
    _check_widths(records, path)
    return {
        out: [row[records.header.index(name)] for row in records.rows]
        for name, out in header.items()
    }


def _digit_problems(
    values: Sequence[Any], column: str, file: str, rows: Sequence[int]
) -> list[Problem]:
    """Problems of the values that are not non-empty strings of ASCII digits."""
    return [
        Problem(
            "an identifier must be a string of digits",
            file=file,
            row=row,
            column=column,
            expected="digits only, e.g. '354439470801616898'",
            found=repr(value),
        )
        for value, row in zip(values, rows, strict=True)
        if not (isinstance(value, str) and value.isascii() and value.isdigit())
    ]


def _repeat_problems(
    values: Sequence[str], column: str, file: str, rows: Sequence[int]
) -> list[Problem]:
    """Problems of the second and later occurrences of a value, each naming the first."""
    first: dict[str, int] = {}
    problems = []
    for value, row in zip(values, rows, strict=True):
        if value in first:
            problems.append(Problem(
                f"duplicate {column}: already seen on line {first[value]}",
                file=file,
                row=row,
                column=column,
                expected="each id once",
                found=f"{value!r} again",
            ))
        else:
            first[value] = row
    return problems


def _check_digits(values: Sequence[str], column: str, file: str, rows: Sequence[int]) -> None:
    """Raise one DataError listing every value that is not a string of digits."""
    problems = _digit_problems(values, column, file, rows)
    if problems:
        raise DataError.of(problems)


def _check_unique(values: Sequence[str], column: str, file: str, rows: Sequence[int]) -> None:
    """Raise one DataError listing every repeated value, each naming its first line."""
    problems = _repeat_problems(values, column, file, rows)
    if problems:
        raise DataError.of(problems)


def _clean_text(text: str) -> str:
    """Unescape HTML entities (``&amp;`` -> ``&``) and make every line break a newline."""
    return html.unescape(text).replace("\r\n", "\n").replace("\r", "\n")


def _parse_json(path: Path) -> Any:
    """Parse a whole file as JSON; malformed JSON raises DataError with its line."""
    text = _decode(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError(
            "the file is not valid JSON",
            file=str(path),
            row=error.lineno,
            expected="valid JSON",
            found=f"{error.msg} at line {error.lineno}, character {error.colno}",
        ) from None


def _get(
    record: Mapping[str, Any], dotted: str, *, file: str, row: int | None, subject: str
) -> Any:
    """Return ``record["a"]["b"]`` for ``dotted="a.b"``; a missing field raises DataError.

    ``subject`` names the record in the message ("record 3", "the tweet on line 2").
    """
    value: Any = record
    walked = []
    for part in dotted.split("."):
        walked.append(part)
        if not isinstance(value, Mapping) or part not in value:
            raise DataError(
                f"{subject} has no field {'.'.join(walked)!r}",
                file=file,
                row=row,
                column=dotted,
                expected=f"a field {dotted!r}",
                found=(
                    f"fields {sorted(value)}"
                    if isinstance(value, Mapping)
                    else f"{type(value).__name__} {value!r}"
                ),
            )
        value = value[part]
    return value


def _json_records(path: Path, data: Any) -> list[Mapping[str, Any]]:
    """Check that a parsed JSON file is an array of objects."""
    if not isinstance(data, list):
        raise DataError(
            "the file must hold a JSON array of records",
            file=str(path),
            expected="[{...}, {...}, ...]",
            found=f"a JSON {_json_type(data)}",
        )
    if not data:
        raise DataError(
            "the file holds no records",
            file=str(path),
            expected="at least one record",
            found="[]",
        )
    for number, record in enumerate(data, start=1):
        if not isinstance(record, Mapping):
            raise DataError(
                f"record {number} is not a JSON object",
                file=str(path),
                row=number,
                expected="an object {...}",
                found=f"a JSON {_json_type(record)}",
            )
    return data


def _json_type(value: Any) -> str:
    """Name a parsed value's JSON type: object, array, string, number, boolean or null."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    names = {Mapping: "object", list: "array", str: "string", int: "number", float: "number"}
    return next((name for kind, name in names.items() if isinstance(value, kind)), "value")


def _strip(value: Any) -> Any:
    """Strip surrounding spaces from strings; leave anything else alone."""
    return value.strip() if isinstance(value, str) else value


# --------------------------------------------------------------------------------------------
# Any CSV
# --------------------------------------------------------------------------------------------


def read_table(path: PathLike, contract: Contract, *, on_error: OnError = "raise") -> Loaded:
    r"""Read a small CSV file as text and validate it against ``contract``.

    Every cell is read as a string (nothing is guessed: ``NA`` stays the text ``"NA"``), empty
    cells are missing values, spaces around header names are removed, and blank lines are
    skipped. Columns not in the contract are left out. Row numbers in errors are lines in the
    file, the header being line 1 (a record whose quoted text spans lines is numbered by its
    first line).

    Parameters
    ----------
    path : str or path-like
        The CSV file (UTF-8, comma-separated, first line the header).
    contract : Contract
        The columns the table must have.
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every problem (the first 20 of them, then how many
        more). ``"skip"``: rows with problems (a wrong number of fields, a value that does not
        fit) are left out, and ``report.skipped`` lists each with its line and reason.

    Returns
    -------
    Loaded
        ``frame`` with the contract's columns and dtypes, in file order.

    Raises
    ------
    DataError
        For an empty or header-only file or a missing column; with ``on_error="raise"`` also
        for rows with the wrong number of fields and anything
        :func:`~govsocial.schema.check` finds.

    Examples
    --------
    >>> import tempfile
    >>> from govsocial.schema import Column
    >>> contract = Contract("toy", (Column("country", "string", unique=True),
    ...                             Column("share", "float", minimum=0)))
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "toy.csv"
    >>> _ = path.write_text("country, share\nNZ,0.5\nFR,-1\n")
    >>> read_table(path, contract)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govsocial.schema.DataError: .../toy.csv, row 3, column 'share': value below the minimum ...
    >>> _ = path.write_text("country, share\nNZ,0.5\nFR,0.25\n")
    >>> read_table(path, contract).frame["share"].tolist()
    [0.5, 0.25]
    >>> folder.cleanup()
    """
    path = readable_file(path)
    file = str(path)
    plain = _read_plain_csv(path, contract)
    if plain is not None:
        rows_read, lines = len(plain), range(2, len(plain) + 2)
        checked = check(plain, contract, file=file, row_numbers=lines)
        del plain  # the text of converted columns (timestamps) is not needed any more
    else:
        records = _read_csv_records(path)
        _require_columns(records, contract.names, path)
        rows_read = len(records.rows)
        records, problems = _width_problems(records, path)
        if not records.rows:
            raise DataError.of(problems)
        frame = pd.DataFrame(records.rows, columns=records.header, dtype=object)
        frame = frame.loc[:, [name for name in records.header if name]]
        checked = check(frame.mask(frame == ""), contract, file=file,
                        row_numbers=records.lines).add(problems)
        lines = records.lines
    table, skipped = checked.settle(on_error)
    report = LoadReport(shown_path(file), rows_read=rows_read)
    report.skip(skipped)
    if not skipped.empty:
        left_out = set(skipped["row"])
        lines = [line for line in lines if line not in left_out]
    return Loaded(table, report, lines)


#: How much of a file :func:`_is_plain` looks at at once.
_CHUNK = 1 << 22


def _is_plain(path: Path) -> bool:
    """Scan a file in chunks: False if it holds a double quote or a lone carriage return.

    A lone carriage return is one not followed by a line feed. The file is never held whole in
    memory; bytes that are not UTF-8 raise the DataError of :func:`_decode` (naming the line of
    the first bad byte).
    """
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    returns = line_ends = 0
    after_return = False
    # one buffer, filled again and again (no fresh pages to map), no larger than the file
    chunk = bytearray(min(_CHUNK, path.stat().st_size + 1))
    with path.open("rb", buffering=0) as handle:
        while size := handle.readinto(chunk):
            if size < len(chunk):
                del chunk[size:]
            if b'"' in chunk:
                return False
            if b"\r" in chunk or after_return:
                returns += chunk.count(b"\r")
                line_ends += chunk.count(b"\r\n") + (after_return and chunk.startswith(b"\n"))
            after_return = chunk.endswith(b"\r")
            try:
                if not chunk.isascii() or decoder.getstate()[0]:
                    decoder.decode(chunk)
            except UnicodeDecodeError:
                break
        else:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                pass
            else:
                return returns == line_ends
    _check_utf8(path.read_bytes(), path)  # raises, naming the line
    return False


def _header_names(path: Path) -> list[str] | None:
    """Return the names in a file's first line, stripped (None if that line is not UTF-8)."""
    with path.open("rb") as handle:
        line = handle.readline()
    try:
        header = line.decode("utf-8-sig").removesuffix("\n").removesuffix("\r")
    except UnicodeDecodeError:
        return None
    return [name.strip() for name in header.split(",")]


def _read_plain_csv(path: Path, contract: Contract) -> pd.DataFrame | None:
    """Read a plain CSV file quickly with pyarrow: the contract's columns, as text or times.

    *Plain* means what makes each record's line known without parsing: no double quote (so no
    field spans lines and no quoting can be malformed), no carriage return except before a line
    feed, a header with every wanted column and no name twice, every record as wide as the
    header. Every line, blank or not, is then a row: record ``i`` (from 0) is line ``i + 2``. A
    blank line leaves a missing value in every column; a table where every column holds one
    may have blank lines. For such a table, any other file, and whenever pyarrow objects, this
    returns None, and the ``csv`` module's reader (:func:`_read_csv_records`) reads the file,
    skips blank lines and names each problem's line. Bytes that are
    not UTF-8 raise DataError here as they do there.

    Datetime columns (without a ``format`` or ``unit``) are parsed by pyarrow's ISO 8601 parser
    while reading, as naive times (read as UTC) or, when the first value names a zone, as zoned
    ones; a column that mixes the two, or holds anything else, is read again as text, and
    :func:`~govsocial.schema.check` then names each value it refuses.

    Returns
    -------
    DataFrame or None
        The contract's columns, in file order: text as Arrow-backed strings (empty cells
        missing), parsed times as datetimes.
    """
    wanted = contract.names
    names = _header_names(path)
    if names is None:
        return None
    named = [name for name in names if name]
    if len(set(named)) < len(named) or not set(wanted) <= set(named):
        return None
    positions = [f"f{names.index(name)}" for name in wanted]
    text = dict.fromkeys(positions, pa.large_string())
    times = _time_types(path, contract, names)
    with ThreadPoolExecutor(max_workers=1) as pool:
        # pyarrow reads (without the GIL) while this thread scans the file for what is plain
        first = pool.submit(_arrow_csv, path, names, positions, {**text, **times})
        plain = _is_plain(path)
        table = first.result()
    if not plain:
        return None
    if table is None and times:
        table = _arrow_csv(path, names, positions, text)
    if table is None or table.num_rows == 0 or _may_hold_blank_lines(table):
        return None
    return pd.DataFrame({
        name: _as_pandas(table.column(position))
        for name, position in zip(wanted, positions, strict=True)
    })


def _as_pandas(column: pa.ChunkedArray) -> pd.Series | pd.api.extensions.ExtensionArray:
    """Text as an Arrow-backed string array (no copy); times as UTC datetimes.

    Naive times are UTC (the contract's rule): Arrow marks them so without touching a value,
    which spares pandas a pass over every timestamp to localise them.
    """
    if pa.types.is_large_string(column.type):
        return pd.arrays.ArrowStringArray(column)
    if pa.types.is_timestamp(column.type) and column.type.tz is None:
        column = column.cast(pa.timestamp(column.type.unit, tz="UTC"))
    return column.to_pandas()


def _may_hold_blank_lines(table: pa.Table) -> bool:
    """Whether every column has a missing value (a blank line, read as a row, leaves one in each).

    Arrow keeps a column's count of missing values, so this costs nothing; a file where it is
    true (rare, and then mostly a file with problems) is read again by the ``csv`` module.
    """
    return all(column.null_count > 0 for column in table.columns)


def _time_types(path: Path, contract: Contract, names: list[str]) -> dict[str, pa.DataType]:
    """Arrow types for the contract's plain datetime columns, zoned if the first value is."""
    with path.open("rb") as handle:
        handle.readline()
        first = handle.readline().decode("utf-8", errors="replace").rstrip("\r\n").split(",")
    if len(first) != len(names):
        return {}
    types = {}
    for column in contract.columns:
        if column.kind != "datetime" or column.format is not None or column.unit is not None:
            continue
        value = first[names.index(column.name)].strip()
        zoned = bool(value) and (value[-1] in "Zz" or value[-6:-5] in ("+", "-"))
        types[f"f{names.index(column.name)}"] = pa.timestamp("ns", tz="UTC" if zoned else None)
    return types


def _arrow_csv(
    path: Path, names: list[str], positions: list[str], types: dict[str, pa.DataType]
) -> pa.Table | None:
    """Read the ``positions`` columns of a plain CSV file as ``types``; None if refused."""
    try:
        return pa_csv.read_csv(
            pa.input_stream(str(path), compression=None),  # never guessed from the name
            read_options=pa_csv.ReadOptions(
                column_names=[f"f{i}" for i in range(len(names))], skip_rows=1,
                block_size=_CHUNK,  # fewer, larger chunks: less work per chunk in the checks
            ),
            # a blank line is kept as a row (every column missing): row i is line i + 2
            parse_options=pa_csv.ParseOptions(quote_char=False, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                include_columns=positions,
                # large_string is what pandas keeps: no converted copy
                column_types=types,
                null_values=[""],  # empty cells are missing; "NA" or "null" stay text
                strings_can_be_null=True,
                timestamp_parsers=[pa_csv.ISO8601],
            ),
        )
    except (pa.ArrowException, ValueError):
        return None
