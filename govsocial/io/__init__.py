r"""Loaders for the book's datasets and for real social-media export formats.

Every loader reads one format, checks it against a :class:`~govsocial.schema.Contract`, and
returns a :class:`Loaded`: the typed table plus a :class:`~govsocial.schema.LoadReport` saying
how many records were read and, for each reason, how many were left out. Data that do not fit
raise :class:`~govsocial.schema.DataError` naming the file, the row (the line in the file), the
column, what was expected and what was found.

Public functions
----------------
data_dir()
    Where the book's ``data/`` folder is.
shown_path(path)
    A file's name as the book shows it (from ``data/`` on).
read_crisislex_labelled(path)
    One CrisisLexT26 ``<event>-tweets_labeled.csv`` file.
read_crisislex_t26(folder, *, information_source=None)
    Every labelled file of CrisisLexT26, optionally only one information source.
read_crisislex_events(folder)
    One row per CrisisLexT26 event, from the ``*-event_description.json`` files.
read_tweets_v2_jsonl(path)
    Twitter API v2 responses stored one per line (as ``twarc2`` writes them).
read_crowdtangle_csv(path)
    Facebook page posts exported from CrowdTangle (CSV).
read_usdr_agencies(path)
    The U.S. Digital Registry's list of agencies (``USDR_agencies.txt``).
read_usdr_accounts(path)
    The U.S. Digital Registry's account records (e.g. ``DOC_accts.txt``).
read_table(path, contract)
    Any small CSV file, read as text and validated against ``contract``.
tweet_id_to_datetime(tweet_ids)
    The UTC creation time encoded in tweet (Snowflake) IDs.
read_clickstream(path)
    A clickstream (``user_id``, ``timestamp``, ``page``) from a CSV or Parquet file.
read_access_log(path, *, salt)
    A web server access log (Common or Combined Log Format) as clicks, users pseudonymised.
pseudonymise(values, salt)
    Keyed (HMAC-SHA-256) pseudonyms of identifiers.
read_msnbc(path)
    The UCI MSNBC.com Anonymous Web Data: one session per line, pages as 17 categories.

Clickstream constants: the contract :data:`CLICKSTREAM` and :data:`MSNBC_CATEGORIES`.

Public constants: the contracts :data:`CRISISLEX_LABELLED`, :data:`CRISISLEX_EVENTS`,
:data:`TWEETS_V2`, :data:`CROWDTANGLE_POSTS`, :data:`USDR_AGENCIES`, :data:`USDR_ACCOUNTS`, and
the CrisisLexT26 label sets
:data:`CRISISLEX_SOURCES`, :data:`CRISISLEX_TYPES`, :data:`CRISISLEX_INFORMATIVENESS`.

Examples
--------
>>> from govsocial.io import CRISISLEX_LABELLED
>>> CRISISLEX_LABELLED.names[:3]
['event', 'tweet_id', 'text']
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from govsocial.io.snowflake import TWITTER_EPOCH_MS, snowflake_ids, tweet_id_to_datetime
from govsocial.schema import Column, Contract, DataError, LoadReport, validate

__all__ = [
    "CRISISLEX_EVENTS",
    "CRISISLEX_INFORMATIVENESS",
    "CRISISLEX_LABELLED",
    "CRISISLEX_SOURCES",
    "CRISISLEX_TYPES",
    "TWEETS_V2",
    "USDR_ACCOUNTS",
    "USDR_AGENCIES",
    "Loaded",
    "data_dir",
    "read_crisislex_events",
    "read_crisislex_labelled",
    "read_crisislex_t26",
    "read_table",
    "read_tweets_v2_jsonl",
    "read_usdr_accounts",
    "read_usdr_agencies",
    "TWITTER_EPOCH_MS",
    "snowflake_ids",
    "tweet_id_to_datetime",
]

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
    lines : list of int, optional
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
    lines: list[int] | None = None


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


def _decode(path: Path) -> str:
    """Read ``path`` as UTF-8 text (a byte-order mark is allowed); bad bytes raise DataError."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataError(
            "the file is not UTF-8 text",
            file=str(path),
            row=raw.count(b"\n", 0, error.start) + 1,
            expected="UTF-8 text",
            found=f"byte {raw[error.start]:#04x} at byte {error.start}",
        ) from None


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


def _check_widths(records: _CsvRecords, path: Path) -> None:
    """Raise DataError at the first record whose number of fields differs from the header's."""
    header = records.header
    for record, line in zip(records.rows, records.lines, strict=True):
        if len(record) != len(header):
            raise DataError(
                f"this row has {len(record)} fields but the header has {len(header)}",
                file=str(path),
                row=line,
                column=header[len(record)] if len(record) < len(header) else None,
                expected=f"{len(header)} fields",
                found=f"{len(record)} fields",
            )


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


def _check_digits(values: Sequence[str], column: str, file: str, rows: Sequence[int]) -> None:
    """Raise DataError at the first value that is not a non-empty string of digits."""
    for value, row in zip(values, rows, strict=True):
        if not (isinstance(value, str) and value.isascii() and value.isdigit()):
            raise DataError(
                "an identifier must be a string of digits",
                file=file,
                row=row,
                column=column,
                expected="digits only, e.g. '354439470801616898'",
                found=repr(value),
            )


def _check_unique(values: Sequence[str], column: str, file: str, rows: Sequence[int]) -> None:
    """Raise DataError at the second occurrence of a repeated value, naming the first."""
    first: dict[str, int] = {}
    for value, row in zip(values, rows, strict=True):
        if value in first:
            raise DataError(
                f"duplicate {column}: already seen on line {first[value]}",
                file=file,
                row=row,
                column=column,
                expected="each id once",
                found=f"{value!r} again",
            )
        first[value] = row


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
# CrisisLexT26
# --------------------------------------------------------------------------------------------

CRISISLEX_SOURCES = (
    "Eyewitness",
    "Government",
    "NGOs",
    "Business",
    "Media",
    "Outsiders",
    "Not applicable",
    "Not labeled",
)
"""Information sources of CrisisLexT26 (the README's list plus the real value 'Not labeled')."""

CRISISLEX_TYPES = (
    "Affected individuals",
    "Infrastructure and utilities",
    "Donations and volunteering",
    "Caution and advice",
    "Sympathy and support",
    "Other Useful Information",
    "Not applicable",
    "Not labeled",
)
"""Information types of CrisisLexT26 (the README's list plus the real value 'Not labeled')."""

CRISISLEX_INFORMATIVENESS = (
    "Related and informative",
    "Related - but not informative",
    "Not related",
    "Not applicable",
)
"""Informativeness labels of CrisisLexT26."""

_CRISISLEX_HEADER = {
    "Tweet ID": "tweet_id",
    "Tweet Text": "text",
    "Information Source": "information_source",
    "Information Type": "information_type",
    "Informativeness": "informativeness",
}
_LABELLED_SUFFIX = "-tweets_labeled.csv"

CRISISLEX_LABELLED = Contract(
    "CrisisLexT26 labelled tweets",
    (
        Column(
            "event",
            "string",
            description="Crisis event, from the file name: year, place and kind of crisis "
            "(e.g. 2012_Colorado_wildfires).",
        ),
        Column(
            "tweet_id",
            "string",
            description="Twitter's id of the tweet: digits kept as text (as a float an 18-digit "
            "id loses its last digits). Larger ids are later tweets.",
        ),
        Column(
            "text",
            "string",
            description="Text of the tweet as collected in 2012-2013, HTML entities unescaped once "
            "(&amp; is &); may contain commas, quotes and line breaks (all written as newlines).",
        ),
        Column(
            "information_source",
            "string",
            allowed=CRISISLEX_SOURCES,
            description="Who posted the information, by majority vote of at least 3 crowd "
            "workers; 'Not labeled' when no source was given (tweets judged not related).",
        ),
        Column(
            "information_type",
            "string",
            allowed=CRISISLEX_TYPES,
            description="What kind of information the tweet gives, by majority vote of at least "
            "3 crowd workers; 'Not labeled' when no type was given (mostly tweets judged not "
            "related).",
        ),
        Column(
            "informativeness",
            "string",
            allowed=CRISISLEX_INFORMATIVENESS,
            description="Whether the tweet is about the crisis and informative, by majority vote "
            "of at least 3 crowd workers.",
        ),
    ),
    key=("event", "tweet_id"),
)
"""Contract of :func:`read_crisislex_labelled` and :func:`read_crisislex_t26`."""

CRISISLEX_EVENTS = Contract(
    "CrisisLexT26 events",
    (
        Column("event", "string", unique=True, description="Event, from the folder name."),
        Column("name", "string", description="Event name as the collectors wrote it."),
        Column("year", "int", description="Year of the event."),
        Column(
            "start_day",
            "datetime",
            description="First day of the collection period (a date, no time of day).",
        ),
        Column(
            "duration_days",
            "int",
            minimum=0,
            description="Length of the collection period, in days.",
        ),
        Column("country", "string", description="Country, spelled as in the source file."),
        Column("category", "string", description="Natural, Human-induced or Mixed."),
        Column("sub_category", "string", description="E.g. Geophysical, Unintentional."),
        Column("type", "string", description="Kind of crisis, e.g. Earthquake, Floods."),
        Column(
            "keywords_count",
            "int",
            minimum=0,
            description="Number of keywords listed for filtering the collection (repeats counted).",
        ),
    ),
    key=("event",),
)
"""Contract of :func:`read_crisislex_events`."""


def _event_name(path: Path) -> str:
    """``2012_Colorado_wildfires`` from ``.../2012_Colorado_wildfires-tweets_labeled.csv``."""
    if path.name.endswith(_LABELLED_SUFFIX):
        return path.name[: -len(_LABELLED_SUFFIX)]
    return path.stem


def read_crisislex_labelled(path: PathLike) -> Loaded:
    r"""Read one CrisisLexT26 ``<event>-tweets_labeled.csv`` file.

    Header names may have leading spaces, ids may be quoted, texts may hold commas, doubled
    quotes, HTML entities (unescaped here) and line breaks inside quotes. The event is taken
    from the file name.

    Parameters
    ----------
    path : str or path-like
        The CSV file.

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`CRISISLEX_LABELLED`, in file order; ``report``
        counting the rows read (nothing is dropped).

    Raises
    ------
    DataError
        For an empty or header-only file, a missing column, a row with the wrong number of
        fields, an id that is not digits, a label outside the documented sets, or a tweet id
        that appears twice; the row is the line on which the record starts (header = line 1).

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "2099_Sample_floods-tweets_labeled.csv"
    >>> _ = path.write_text(
    ...     'Tweet ID, Tweet Text, Information Source, Information Type, Informativeness\n'
    ...     '"1","Roads closed, stay home &amp; safe",Government,Caution and advice,'
    ...     'Related and informative\n'
    ... )
    >>> loaded = read_crisislex_labelled(path)
    >>> loaded.frame.loc[0, ["event", "tweet_id", "text"]].tolist()
    ['2099_Sample_floods', '1', 'Roads closed, stay home & safe']
    >>> folder.cleanup()
    """
    path = Path(path)
    file = str(path)
    records = _read_csv_records(path)
    columns = _renamed_columns(records, _CRISISLEX_HEADER, path)
    ids = [value.strip() for value in columns["tweet_id"]]
    _check_digits(ids, "tweet_id", file, records.lines)
    _check_unique(ids, "tweet_id", file, records.lines)
    frame = pd.DataFrame(
        {
            "event": _event_name(path),
            "tweet_id": ids,
            "text": [_clean_text(text) for text in columns["text"]],
            **{
                name: [value.strip() for value in columns[name]]
                for name in ("information_source", "information_type", "informativeness")
            },
        }
    )
    table = validate(frame, CRISISLEX_LABELLED, file=file, row_numbers=records.lines)
    return Loaded(table, LoadReport(shown_path(file), rows_read=len(table)))


def _sort_by_id(frame: pd.DataFrame, by: Sequence[str], id_column: str) -> pd.DataFrame:
    """Sort by ``by``, with the digit-string ``id_column`` compared as a number."""
    length = "__length_of_id"
    ordered = frame.assign(**{length: frame[id_column].str.len()})
    ordered = ordered.sort_values([*by, length, id_column], kind="stable")
    return ordered.drop(columns=length).reset_index(drop=True)


def read_crisislex_t26(folder: PathLike, *, information_source: str | None = None) -> Loaded:
    """Read every labelled file of CrisisLexT26 (``*/*-tweets_labeled.csv`` under ``folder``).

    Parameters
    ----------
    folder : str or path-like
        The ``CrisisLexT26`` folder, with one sub-folder per event.
    information_source : str, optional
        Keep only tweets with this information source (one of :data:`CRISISLEX_SOURCES`, e.g.
        ``"Government"``); the others are counted in the report as dropped.

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`CRISISLEX_LABELLED`, sorted by event then tweet id
        (numerically, which is also time order). A tweet may appear in two events: the key is
        (event, tweet_id).

    Raises
    ------
    DataError
        When no labelled file is found, two files give the same event, ``information_source``
        is not a known source, or any file is malformed (see
        :func:`read_crisislex_labelled`).

    Examples
    --------
    >>> loaded = read_crisislex_t26(data_dir() / "crisislex" / "CrisisLexT26",
    ...                             information_source="Government")
    >>> loaded.report.rows_read, loaded.report.rows_kept
    (27933, 1174)
    """
    folder = Path(folder)
    if information_source is not None and information_source not in CRISISLEX_SOURCES:
        raise DataError(
            "unknown information source",
            column="information_source",
            expected=f"one of {list(CRISISLEX_SOURCES)}",
            found=repr(information_source),
        )
    files = sorted(folder.glob(f"*/*{_LABELLED_SUFFIX}"))
    if not files:
        raise DataError(
            "no CrisisLexT26 labelled files found",
            file=str(folder),
            expected=f"files <event>/<event>{_LABELLED_SUFFIX} inside this folder",
            found="none" if folder.is_dir() else "no such folder",
        )
    seen: dict[str, Path] = {}
    frames = []
    for path in files:
        event = _event_name(path)
        if event in seen:
            raise DataError(
                f"two files give the same event (the other is {seen[event]})",
                file=str(path),
                column="event",
                expected="one labelled file per event",
                found=repr(event),
            )
        seen[event] = path
        frames.append(read_crisislex_labelled(path).frame)
    frame = _sort_by_id(pd.concat(frames, ignore_index=True), ["event"], "tweet_id")
    report = LoadReport(shown_path(folder), rows_read=len(frame))
    if information_source is not None:
        keep = frame["information_source"] == information_source
        report.dropped[f"information source is not {information_source!r}"] = int((~keep).sum())
        frame = frame[keep].reset_index(drop=True)
    return Loaded(frame, report)


def _iso_day(value: Any, *, file: str, field: str) -> str:
    """``"2013-06-17"`` from ``"2013-06-17"`` or the day-first ``"17/06/2013"``."""
    text = str(value).strip()
    for layout in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return pd.to_datetime(text, format=layout).strftime("%Y-%m-%d")
        except (ValueError, TypeError):
            continue
    raise DataError(
        "cannot read this date",
        file=file,
        column=field,
        expected="YYYY-MM-DD or DD/MM/YYYY",
        found=repr(value),
    )


def read_crisislex_events(folder: PathLike) -> pd.DataFrame:
    """Read the CrisisLexT26 event descriptions, one row per event.

    Parameters
    ----------
    folder : str or path-like
        The ``CrisisLexT26`` folder; every ``*/*-event_description.json`` is read.

    Returns
    -------
    DataFrame
        The columns of :data:`CRISISLEX_EVENTS`, sorted by event; ``start_day`` is a date
        (datetime64 at midnight, no time zone).

    Raises
    ------
    DataError
        When no description is found, a file is not valid JSON, or a field is missing or
        cannot be read.

    Examples
    --------
    >>> events = read_crisislex_events(data_dir() / "crisislex" / "CrisisLexT26")
    >>> len(events), events["category"].value_counts().to_dict()
    (26, {'Natural': 15, 'Human-induced': 10, 'Mixed': 1})
    """
    folder = Path(folder)
    files = sorted(folder.glob("*/*-event_description.json"))
    if not files:
        raise DataError(
            "no CrisisLexT26 event descriptions found",
            file=str(folder),
            expected="files <event>/<event>-event_description.json inside this folder",
            found="none" if folder.is_dir() else "no such folder",
        )
    tables = []
    for path in files:
        file = str(path)
        description = _parse_json(path)
        if not isinstance(description, Mapping):
            raise DataError(
                "an event description must be a JSON object",
                file=file,
                expected="{...}",
                found=f"a JSON {_json_type(description)}",
            )

        def get(field: str, description: Mapping[str, Any] = description, file: str = file) -> Any:
            return _get(description, field, file=file, row=None, subject="the description")

        keywords = get("keywords")
        if not isinstance(keywords, list):
            raise DataError(
                "keywords must be a list",
                file=file,
                column="keywords",
                expected="a JSON array",
                found=f"a JSON {_json_type(keywords)}",
            )
        row = {
            "event": path.parent.name,
            "name": get("name"),
            "year": get("time.year"),
            "start_day": _iso_day(get("time.start_day"), file=file, field="time.start_day"),
            "duration_days": get("time.duration"),
            "country": get("location.country"),
            "category": get("categorization.category"),
            "sub_category": get("categorization.sub_category"),
            "type": get("categorization.type"),
            "keywords_count": len(keywords),
        }
        tables.append(validate(pd.DataFrame([row], dtype=object), CRISISLEX_EVENTS, file=file))
    table = pd.concat(tables, ignore_index=True)
    table["start_day"] = table["start_day"].dt.tz_localize(None)
    return table.sort_values("event").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Twitter API v2, JSON lines
# --------------------------------------------------------------------------------------------

TWEETS_V2 = Contract(
    "Twitter API v2 tweets",
    (
        Column("tweet_id", "string", unique=True, description="Tweet id (digits, as text)."),
        Column("author_id", "string", description="User id of the author (digits, as text)."),
        Column(
            "username",
            "string",
            nullable=True,
            description="Author's @handle without the @, from the response's includes.users "
            "(missing when the response did not include the author).",
        ),
        Column("created_at", "datetime", description="When the tweet was posted (UTC)."),
        Column(
            "text",
            "string",
            description="Text of the tweet, HTML entities unescaped (&amp; is &). Retweets "
            "start 'RT @user:' and may be truncated.",
        ),
        Column(
            "lang",
            "string",
            nullable=True,
            description="Language Twitter detected (BCP 47 code, 'und' when undetermined).",
        ),
        Column(
            "retweet_count",
            "int",
            minimum=0,
            description="Retweets when collected (count). For a retweet the API reports the "
            "original tweet's count: filter on is_retweet before analysing engagement.",
        ),
        Column("reply_count", "int", minimum=0, description="Replies when collected (count)."),
        Column("like_count", "int", minimum=0, description="Likes when collected (count)."),
        Column("quote_count", "int", minimum=0, description="Quote tweets when collected."),
        Column("is_retweet", "bool", description="The tweet is a retweet ('retweeted')."),
        Column("is_reply", "bool", description="The tweet is a reply (referenced 'replied_to')."),
        Column("is_quote", "bool", description="The tweet quotes another (referenced 'quoted')."),
        Column(
            "referenced_id",
            "string",
            nullable=True,
            description="Id of the first tweet this one retweets, replies to or quotes.",
        ),
        Column(
            "in_reply_to_user_id",
            "string",
            nullable=True,
            description="User id of the author replied to (missing for non-replies).",
        ),
        Column(
            "mention_count",
            "int",
            minimum=0,
            description="Number of @mentions in the text (entities.mentions; count).",
        ),
    ),
    key=("tweet_id",),
)
"""Contract of :func:`read_tweets_v2_jsonl`."""

_REFERENCE_TYPES = {"retweeted": "is_retweet", "replied_to": "is_reply", "quoted": "is_quote"}
_METRICS = ("retweet_count", "reply_count", "like_count", "quote_count")
_API_ERROR = "API returned an error instead of the tweet (deleted or protected)"
_BLANK = "blank line"


def _as_id(value: Any, *, file: str, row: int, field: str) -> str:
    """Return an id as text: v2 gives strings; integers are accepted, anything else raises."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise DataError(
            "an id must be a string of digits",
            file=file,
            row=row,
            column=field,
            expected='digits, e.g. "1476321539234779136"',
            found=repr(value),
        )
    return str(value)


def _is_missing_tweet(error: Any) -> bool:
    """Whether an ``errors`` entry stands for a requested tweet the API did not return.

    Errors about expansions (a referenced tweet or a mentioned user that could not be
    included, ``section: includes`` or ``parameter: referenced_tweets.id``) do not.
    """
    if not isinstance(error, Mapping):
        return False
    return (
        error.get("resource_type", "tweet") == "tweet"
        and error.get("section", "data") == "data"
        and error.get("parameter", "ids") in ("ids", "id")
    )


def _flatten_tweet(tweet: Any, *, file: str, line: int) -> dict[str, Any]:
    """One row of :data:`TWEETS_V2` (without username) from a v2 tweet object."""
    if not isinstance(tweet, Mapping):
        raise DataError(
            "a tweet must be a JSON object",
            file=file,
            row=line,
            column="data",
            expected='{"id": ..., "text": ...}',
            found=f"a JSON {_json_type(tweet)}",
        )

    def get(field: str) -> Any:
        return _get(tweet, field, file=file, row=line, subject=f"a tweet on line {line}")

    text = get("text")
    if not isinstance(text, str):
        raise DataError(
            "text must be a string",
            file=file,
            row=line,
            column="text",
            expected="a JSON string",
            found=repr(text),
        )
    get("public_metrics")  # a missing public_metrics is named as such, not by its first count
    row: dict[str, Any] = {
        "tweet_id": _as_id(get("id"), file=file, row=line, field="id"),
        "author_id": _as_id(get("author_id"), file=file, row=line, field="author_id"),
        "created_at": get("created_at"),
        "text": html.unescape(text),
        "lang": tweet.get("lang"),
        **{name: get(f"public_metrics.{name}") for name in _METRICS},
        **dict.fromkeys(_REFERENCE_TYPES.values(), False),
        "referenced_id": None,
        "in_reply_to_user_id": None,
        "mention_count": 0,
    }
    references = tweet.get("referenced_tweets") or []
    if not isinstance(references, list):
        references = [references]
    for number, reference in enumerate(references):
        kind = reference.get("type") if isinstance(reference, Mapping) else None
        if kind not in _REFERENCE_TYPES:
            raise DataError(
                "unknown kind of referenced tweet",
                file=file,
                row=line,
                column="referenced_tweets.type",
                expected=f"one of {list(_REFERENCE_TYPES)}",
                found=repr(kind),
            )
        row[_REFERENCE_TYPES[kind]] = True
        if number == 0:
            row["referenced_id"] = _as_id(
                _get(
                    reference,
                    "id",
                    file=file,
                    row=line,
                    subject=f"referenced_tweets on line {line}",
                ),
                file=file,
                row=line,
                field="referenced_tweets.id",
            )
    if tweet.get("in_reply_to_user_id") is not None:
        row["in_reply_to_user_id"] = _as_id(
            tweet["in_reply_to_user_id"], file=file, row=line, field="in_reply_to_user_id"
        )
    entities = tweet.get("entities") or {}
    mentions = entities.get("mentions") if isinstance(entities, Mapping) else None
    if mentions is not None:
        if not isinstance(mentions, list):
            raise DataError(
                "entities.mentions must be a list",
                file=file,
                row=line,
                column="entities.mentions",
                expected="a JSON array",
                found=f"a JSON {_json_type(mentions)}",
            )
        row["mention_count"] = len(mentions)
    return row


def _users(response: Mapping[str, Any], *, file: str, line: int) -> dict[str, str]:
    """User id -> username from a response's ``includes.users``."""
    includes = response.get("includes") or {}
    users = includes.get("users") if isinstance(includes, Mapping) else None
    if users is None:
        return {}
    if not isinstance(users, list):
        raise DataError(
            "includes.users must be a list",
            file=file,
            row=line,
            column="includes.users",
            expected="a JSON array",
            found=f"a JSON {_json_type(users)}",
        )
    return {
        str(user["id"]): user["username"]
        for user in users
        if isinstance(user, Mapping) and "id" in user and "username" in user
    }


def read_tweets_v2_jsonl(path: PathLike) -> Loaded:
    r"""Read Twitter API v2 responses stored as JSON lines (as ``twarc2`` writes them).

    Each non-blank line is one response: an object with ``data`` (a list of tweets, or one
    tweet) and optionally ``includes.users`` (to find usernames) and ``errors`` (tweets the API
    could not return because they were deleted or protected). A line with ``errors`` and no
    ``data`` is a page on which no tweet could be returned, and is accepted.

    Parameters
    ----------
    path : str or path-like
        The ``.jsonl`` file.

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`TWEETS_V2`, in file order; ``report`` counting
        tweets, API errors for requested tweets and blank lines as read, and the errors and
        blank lines as dropped.

    Raises
    ------
    DataError
        For an empty file, a line that is not JSON, a line without ``data``, a tweet without a
        required field (id, author_id, created_at, text, public_metrics and its four counts), a
        value of the wrong type, or a tweet id seen before; the row is the line number.

    Examples
    --------
    >>> import json, tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "tweets.jsonl"
    >>> tweet = {"id": "10", "author_id": "7", "created_at": "2099-01-01T08:00:00.000Z",
    ...          "text": "Stay safe &amp; dry",
    ...          "public_metrics": {"retweet_count": 2, "reply_count": 0, "like_count": 5,
    ...                             "quote_count": 0}}
    >>> users = {"users": [{"id": "7", "username": "CoastalSafetyAgency", "name": "CSA"}]}
    >>> _ = path.write_text(json.dumps({"data": [tweet], "includes": users}) + "\n\n")
    >>> loaded = read_tweets_v2_jsonl(path)
    >>> row = loaded.frame.iloc[0]
    >>> row["username"], row["text"], int(row["like_count"])
    ('CoastalSafetyAgency', 'Stay safe & dry', 5)
    >>> loaded.report.rows_read, loaded.report.rows_kept, loaded.report.dropped["blank line"]
    (2, 1, 1)
    >>> folder.cleanup()
    """
    path = Path(path)
    file = str(path)
    text = _decode(path)
    rows: list[dict[str, Any]] = []
    lines: list[int] = []
    users_by_line: list[dict[str, str]] = []
    all_users: dict[str, str] = {}
    dropped = {_API_ERROR: 0, _BLANK: 0}
    responses = 0
    for line, content in enumerate(io.StringIO(text, newline=None), start=1):
        if not content.strip():
            dropped[_BLANK] += 1
            continue
        try:
            response = json.loads(content)
        except json.JSONDecodeError as error:
            raise DataError(
                "this line is not valid JSON",
                file=file,
                row=line,
                expected="one JSON object per line",
                found=f"{error.msg} at character {error.colno}",
            ) from None
        if not isinstance(response, Mapping):
            raise DataError(
                "each line must be a JSON object (an API response)",
                file=file,
                row=line,
                expected='{"data": [...], ...}',
                found=f"a JSON {_json_type(response)}",
            )
        responses += 1
        errors = response.get("errors") or []
        if not isinstance(errors, list):
            raise DataError(
                "errors must be a list",
                file=file,
                row=line,
                column="errors",
                expected="a JSON array",
                found=f"a JSON {_json_type(errors)}",
            )
        dropped[_API_ERROR] += sum(_is_missing_tweet(error) for error in errors)
        if "data" not in response:
            if errors:
                continue
            raise DataError(
                "this line has no 'data' (is it an API response?)",
                file=file,
                row=line,
                column="data",
                expected="an object with a 'data' key holding tweets",
                found=f"keys {sorted(response)}",
            )
        tweets = response["data"]
        tweets = tweets if isinstance(tweets, list) else [tweets]
        users = _users(response, file=file, line=line)
        all_users.update(users)
        for tweet in tweets:
            rows.append(_flatten_tweet(tweet, file=file, line=line))
            lines.append(line)
            users_by_line.append(users)
    if not responses:
        raise DataError(
            "the file is empty" if not text else "the file has only blank lines",
            file=file,
            expected="one API response (JSON object) per line",
            found="no JSON lines",
        )
    if not rows:
        raise DataError(
            "no tweets in the file: every response held only errors",
            file=file,
            expected="at least one tweet",
            found=f"{dropped[_API_ERROR]} API errors",
        )
    ids = [row["tweet_id"] for row in rows]
    _check_digits(ids, "tweet_id", file, lines)
    _check_digits([row["author_id"] for row in rows], "author_id", file, lines)
    _check_unique(ids, "tweet_id", file, lines)
    for row, users in zip(rows, users_by_line, strict=True):
        author = row["author_id"]
        row["username"] = users.get(author, all_users.get(author))
    frame = pd.DataFrame(rows, columns=TWEETS_V2.names, dtype=object)
    for name in _REFERENCE_TYPES.values():
        frame[name] = frame[name].astype(bool)
    table = validate(frame, TWEETS_V2, file=file, row_numbers=lines)
    read = len(table) + dropped[_API_ERROR] + dropped[_BLANK]
    return Loaded(table, LoadReport(shown_path(file), rows_read=read, dropped=dropped))


# --------------------------------------------------------------------------------------------
# U.S. Digital Registry
# --------------------------------------------------------------------------------------------

USDR_AGENCIES = Contract(
    "U.S. Digital Registry agencies",
    (
        Column("agency_id", "int", unique=True, description="Registry's id of the agency."),
        Column(
            "agency",
            "string",
            description="Agency name as in the registry (surrounding spaces removed).",
        ),
        Column(
            "social_media_count",
            "int",
            minimum=0,
            description="Social-media accounts the registry lists for the agency (count).",
        ),
        Column(
            "mobile_app_count",
            "int",
            minimum=0,
            description="Mobile apps the registry lists for the agency (count).",
        ),
        Column("info_url", "string", nullable=True, description="Agency's web site, if given."),
    ),
    key=("agency_id",),
)
"""Contract of :func:`read_usdr_agencies`."""

USDR_ACCOUNTS = Contract(
    "U.S. Digital Registry accounts",
    (
        Column("account_id", "int", unique=True, description="Registry's id of the account."),
        Column(
            "account",
            "string",
            nullable=True,
            description="Account name on the platform, lower case; empty in some records "
            "(mostly Facebook and LinkedIn pages): service_url always identifies the account.",
        ),
        Column("platform", "string", description="Platform key, e.g. twitter, facebook."),
        Column("platform_name", "string", description="Platform name, e.g. Twitter, Facebook."),
        Column(
            "organization",
            "string",
            nullable=True,
            description="Office that runs the account, as typed in the registry (empty in a "
            "few records).",
        ),
        Column(
            "agencies",
            "string",
            description="Agencies the account belongs to, joined with '; '.",
        ),
        Column(
            "language",
            "string",
            nullable=True,
            description="Language of the account as typed in the registry (not standardised).",
        ),
        Column(
            "registered_at",
            "datetime",
            description="When the account was entered in the registry (UTC): NOT when it was "
            "opened on the platform.",
        ),
        Column("updated_at", "datetime", description="Last change to the registry record (UTC)."),
        Column("service_url", "string", description="Address of the account on the platform."),
        Column(
            "tags",
            "string",
            nullable=True,
            description="Registry tags joined with '; ' (an empty string when there are none).",
        ),
    ),
    key=("account_id",),
)
"""Contract of :func:`read_usdr_accounts`."""


def read_usdr_agencies(path: PathLike) -> Loaded:
    """Read the U.S. Digital Registry's agencies (``USDR_agencies.txt``, a JSON array).

    Parameters
    ----------
    path : str or path-like
        The JSON file: records with ``id``, ``name``, ``social_media_count``,
        ``mobile_app_count`` and ``info_url`` (``gallery_count`` is ignored).

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`USDR_AGENCIES`, in file order.

    Raises
    ------
    DataError
        For malformed JSON, a record missing a field (named with the record's 1-based number),
        or a value that does not fit the contract.

    Examples
    --------
    >>> loaded = read_usdr_agencies(data_dir() / "usdr" / "USDR_agencies.txt")
    >>> len(loaded.frame), int(loaded.frame["social_media_count"].sum())
    (447, 11166)
    """
    path = Path(path)
    file = str(path)
    records = _json_records(path, _parse_json(path))
    fields = {
        "agency_id": "id",
        "agency": "name",
        "social_media_count": "social_media_count",
        "mobile_app_count": "mobile_app_count",
        "info_url": "info_url",
    }
    rows = [
        {
            out: _strip(_get(record, field, file=file, row=number, subject=f"record {number}"))
            for out, field in fields.items()
        }
        for number, record in enumerate(records, start=1)
    ]
    numbers = list(range(1, len(rows) + 1))
    frame = pd.DataFrame(rows, dtype=object)
    table = validate(frame, USDR_AGENCIES, file=file, row_numbers=numbers)
    return Loaded(table, LoadReport(shown_path(file), rows_read=len(table)))


def _joined(items: Any, key: str, *, file: str, row: int, field: str) -> str:
    """Join ``[{key: "a"}, {key: "b"}]`` as ``"a; b"``; anything else raises DataError."""
    if not isinstance(items, list):
        raise DataError(
            f"record {row}: {field} must be a list",
            file=file,
            row=row,
            column=field,
            expected="a JSON array",
            found=f"a JSON {_json_type(items)}",
        )
    names = []
    for item in items:
        if not isinstance(item, Mapping) or key not in item:
            raise DataError(
                f"record {row}: an entry of {field} has no {key!r}",
                file=file,
                row=row,
                column=f"{field}.{key}",
                expected=f"objects with a field {key!r}",
                found=json.dumps(item)[:80],
            )
        names.append(str(item[key]).strip())
    return "; ".join(names)


def read_usdr_accounts(path: PathLike) -> Loaded:
    """Read U.S. Digital Registry account records (e.g. ``DOC_accts.txt``, a JSON array).

    Parameters
    ----------
    path : str or path-like
        The JSON file: records with ``id``, ``account``, ``service_key``,
        ``service_display_name``, ``organization``, ``agencies`` (objects with ``name``),
        ``language``, ``created_at``, ``updated_at``, ``service_url`` and ``tags`` (objects
        with ``tag_text``).

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`USDR_ACCOUNTS`, in file order. ``registered_at``
        is when the account was entered in the registry, not when it was opened.

    Raises
    ------
    DataError
        For malformed JSON, a record missing a field (named with the record's 1-based number),
        or a value that does not fit the contract (e.g. a repeated id).

    Examples
    --------
    >>> loaded = read_usdr_accounts(data_dir() / "usdr" / "DOC_accts.txt")
    >>> loaded.frame["platform"].value_counts().head(2).to_dict()
    {'twitter': 160, 'facebook': 149}
    """
    path = Path(path)
    file = str(path)
    records = _json_records(path, _parse_json(path))
    plain = {
        "account_id": "id",
        "account": "account",
        "platform": "service_key",
        "platform_name": "service_display_name",
        "organization": "organization",
        "language": "language",
        "registered_at": "created_at",
        "updated_at": "updated_at",
        "service_url": "service_url",
    }
    rows = []
    for number, record in enumerate(records, start=1):
        row = {
            out: _strip(_get(record, field, file=file, row=number, subject=f"record {number}"))
            for out, field in plain.items()
        }
        row["agencies"] = _joined(
            _get(record, "agencies", file=file, row=number, subject=f"record {number}"),
            "name",
            file=file,
            row=number,
            field="agencies",
        )
        row["tags"] = _joined(
            _get(record, "tags", file=file, row=number, subject=f"record {number}"),
            "tag_text",
            file=file,
            row=number,
            field="tags",
        )
        rows.append(row)
    numbers = list(range(1, len(rows) + 1))
    frame = pd.DataFrame(rows, columns=USDR_ACCOUNTS.names, dtype=object)
    table = validate(frame, USDR_ACCOUNTS, file=file, row_numbers=numbers)
    table["tags"] = table["tags"].fillna("")
    return Loaded(table, LoadReport(shown_path(file), rows_read=len(table)))


# --------------------------------------------------------------------------------------------
# Any CSV
# --------------------------------------------------------------------------------------------


def read_table(path: PathLike, contract: Contract) -> Loaded:
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

    Returns
    -------
    Loaded
        ``frame`` with the contract's columns and dtypes, in file order.

    Raises
    ------
    DataError
        For an empty or header-only file, a row with the wrong number of fields, or anything
        :func:`~govsocial.schema.validate` rejects.

    Examples
    --------
    >>> import tempfile
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
    path = Path(path)
    file = str(path)
    records = _read_csv_records(path)
    _require_columns(records, contract.names, path)
    _check_widths(records, path)
    frame = pd.DataFrame(records.rows, columns=records.header, dtype=object)
    frame = frame.loc[:, [name for name in records.header if name]]
    frame = frame.mask(frame == "")
    table = validate(frame, contract, file=file, row_numbers=records.lines)
    return Loaded(table, LoadReport(shown_path(file), rows_read=len(table)), list(records.lines))


# --------------------------------------------------------------------------------------------
# CrowdTangle: Facebook page posts, CSV export
# --------------------------------------------------------------------------------------------

_CROWDTANGLE_HEADER = {
    "Page Name": "page_name",
    "User Name": "user_name",
    "Post Created": "created_at",
    "Type": "post_type",
    "Likes": "likes",
    "Comments": "comments",
    "Shares": "shares",
    "Message": "text",
    "URL": "url",
}

CROWDTANGLE_POSTS = Contract(
    "CrowdTangle Facebook posts",
    (
        Column("page_name", "string", description="Name of the Facebook page ('Page Name')."),
        Column(
            "user_name",
            "string",
            nullable=True,
            description="The page's handle, as in facebook.com/<user_name> ('User Name'); "
            "empty for some pages.",
        ),
        Column(
            "created_at",
            "datetime",
            description="When the post was published ('Post Created'), converted to UTC from "
            "the time zone the export states.",
        ),
        Column(
            "post_type",
            "string",
            description="CrowdTangle's kind of post ('Type'), e.g. Status, Photo, Link, "
            "Native Video.",
        ),
        Column("likes", "int", minimum=0, description="Likes when exported ('Likes'; count)."),
        Column(
            "comments",
            "int",
            minimum=0,
            description="Comments when exported ('Comments'; count). The comments themselves "
            "are not in a CrowdTangle export.",
        ),
        Column("shares", "int", minimum=0, description="Shares when exported ('Shares'; count)."),
        Column(
            "text",
            "string",
            description="The post's text ('Message'), HTML entities unescaped, line breaks as "
            "newlines. Posts without text are left out and counted in the report.",
        ),
        Column("url", "string", unique=True, description="Address of the post ('URL')."),
    ),
    key=("url",),
)
"""Contract of :func:`read_crowdtangle_csv`."""

_UTC_OFFSETS = {
    "Z": "+00:00", "UTC": "+00:00", "GMT": "+00:00",
    "EST": "-05:00", "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00",
    "MST": "-07:00", "MDT": "-06:00", "PST": "-08:00", "PDT": "-07:00",
    "AKST": "-09:00", "AKDT": "-08:00", "HST": "-10:00",
}
_CROWDTANGLE_TIME = (
    r"(?P<day>\d{4}-\d{2}-\d{2})[ T](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?:\.\d+)?\s*(?P<zone>[A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?"
)
_NO_TEXT = "no text (empty Message, e.g. a photo or video without a caption)"


def _crowdtangle_time(value: str, *, file: str, row: int) -> str:
    """``"2016-01-04 09:05:00 EST"`` as ISO 8601 with a numeric offset; no zone raises."""
    import re

    text = value.strip()
    match = re.fullmatch(_CROWDTANGLE_TIME, text)
    if match is None:
        raise DataError(
            "cannot read this time",
            file=file,
            row=row,
            column="Post Created",
            expected="YYYY-MM-DD HH:MM:SS followed by a time zone, e.g. "
            "'2016-01-04 09:05:00 EST' or '2016-01-04 09:05:00 -05:00'",
            found=repr(value),
        )
    zone = match["zone"]
    if zone is None:
        raise DataError(
            "the time has no time zone, so it cannot be converted to UTC",
            file=file,
            row=row,
            column="Post Created",
            expected="a time zone after the time, e.g. 'EST', 'UTC' or '-05:00'",
            found=repr(value),
        )
    if zone[0] in "+-":
        offset = zone if ":" in zone else f"{zone[:3]}:{zone[3:]}"
    elif zone.upper() in _UTC_OFFSETS:
        offset = _UTC_OFFSETS[zone.upper()]
    else:
        raise DataError(
            "unknown time zone abbreviation (abbreviations are ambiguous across countries)",
            file=file,
            row=row,
            column="Post Created",
            expected=f"a UTC offset such as '-05:00', or one of {sorted(_UTC_OFFSETS)}",
            found=repr(zone),
        )
    second = match["second"] or "00"
    return f"{match['day']}T{int(match['hour']):02d}:{match['minute']}:{second}{offset}"


def read_crowdtangle_csv(path: PathLike) -> Loaded:
    r"""Read a CrowdTangle export of Facebook page posts (CSV, one row per post).

    The columns used are "Page Name", "User Name", "Post Created", "Type", "Likes",
    "Comments", "Shares", "Message" and "URL" (an export has many more; they are ignored).
    "Post Created" must state its time zone (as exports do: ``2016-01-04 09:05:00 EST``, or a
    numeric offset); it is converted to UTC. Posts with no text are left out and counted. Meta
    closed CrowdTangle on 14 August 2024; its exports remain a common format for Facebook data
    collected before then.

    Parameters
    ----------
    path : str or path-like
        The CSV file (UTF-8, comma-separated, first line the header).

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`CROWDTANGLE_POSTS`, in file order; ``report``
        counting the posts read and those left out for having no text.

    Raises
    ------
    DataError
        For an empty or header-only file, a missing column, a row with the wrong number of
        fields, a time without a readable time zone, a URL seen before (naming the line where
        it was first seen), a count that is not a whole number >= 0, or a missing value.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "posts.csv"
    >>> _ = path.write_text(
    ...     "Page Name,User Name,Post Created,Type,Likes,Comments,Shares,Message,URL\n"
    ...     'Sample PD,SamplePD,2099-01-04 09:05:00 EST,Status,12,3,1,"Road closed, '
    ...     'use detours",https://example.org/p/1\n'
    ...     "Sample PD,SamplePD,2099-01-05 10:00:00 EST,Photo,40,0,2,,https://example.org/p/2\n"
    ... )
    >>> loaded = read_crowdtangle_csv(path)
    >>> row = loaded.frame.iloc[0]
    >>> row["text"], str(row["created_at"])
    ('Road closed, use detours', '2099-01-04 14:05:00+00:00')
    >>> print(loaded.report)  # doctest: +ELLIPSIS
    /.../posts.csv: read 2 rows, kept 1, dropped 1 (no text (empty Message, ...): 1)
    >>> folder.cleanup()
    """
    path = Path(path)
    file = str(path)
    records = _read_csv_records(path)
    columns = _renamed_columns(records, _CROWDTANGLE_HEADER, path)
    urls = [value.strip() for value in columns["url"]]
    named = [(url, line) for url, line in zip(urls, records.lines, strict=True) if url]
    _check_unique([url for url, _ in named], "URL", file, [line for _, line in named])
    texts = [_clean_text(value).strip() for value in columns["text"]]
    keep = [bool(text) for text in texts]
    lines = [line for line, kept in zip(records.lines, keep, strict=True) if kept]
    frame = pd.DataFrame(
        {
            "page_name": [value.strip() for value in columns["page_name"]],
            "user_name": [value.strip() for value in columns["user_name"]],
            "created_at": [
                _crowdtangle_time(value, file=file, row=line) if kept else None
                for value, line, kept in zip(
                    columns["created_at"], records.lines, keep, strict=True
                )
            ],
            "post_type": [value.strip() for value in columns["post_type"]],
            **{name: [value.strip() for value in columns[name]] for name in
               ("likes", "comments", "shares")},
            "text": texts,
            "url": urls,
        },
        dtype=object,
    )
    frame = frame[keep].reset_index(drop=True)
    if frame.empty:
        raise DataError(
            "no post in the file has text",
            file=file,
            column="Message",
            expected="at least one post with a Message",
            found=f"{len(records.rows)} rows, none with text",
        )
    frame = frame.mask(frame == "")
    table = validate(frame, CROWDTANGLE_POSTS, file=file, row_numbers=lines)
    dropped = {_NO_TEXT: len(records.rows) - len(table)}
    return Loaded(table, LoadReport(shown_path(file), rows_read=len(records.rows), dropped=dropped))


__all__ += ["CROWDTANGLE_POSTS", "read_crowdtangle_csv"]


# --------------------------------------------------------------------------------------------
# --- clickstreams and web server logs ---
# --------------------------------------------------------------------------------------------

CLICKSTREAM = Contract(
    "clickstream",
    (
        Column(
            "user_id",
            "string",
            description="Pseudonymous identifier of the user (or device) that clicked: never a "
            "name, telephone number or raw IP address.",
        ),
        Column(
            "timestamp",
            "datetime",
            description="When the page was requested (converted to UTC; a time without an "
            "offset is read as UTC).",
        ),
        Column(
            "page",
            "string",
            description="The page or service requested, as a short name or a path without its "
            "query string.",
        ),
    ),
)
"""Contract of :func:`read_clickstream` and :func:`read_access_log`: one row per click."""

_PARQUET_SUFFIXES = {".parquet", ".pq"}


def read_clickstream(path: PathLike) -> Loaded:
    r"""Read a clickstream (one row per click) from a CSV or Parquet file.

    The file needs the columns ``user_id``, ``timestamp`` and ``page`` (others are left out);
    rows may be in any order. Timestamps are ISO 8601 date-times (``2030-03-01 08:15:02`` or
    ``2030-03-01T08:15:02+08:00``); times without an offset are read as UTC.

    Parameters
    ----------
    path : str or path-like
        A ``.csv`` file (UTF-8, comma-separated, header on the first line) or a ``.parquet``
        file.

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`CLICKSTREAM`, in file order.

    Raises
    ------
    DataError
        For a missing column, an empty file, a timestamp that cannot be read or a missing value,
        naming the row (for CSV, the line in the file).

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "clicks.csv"
    >>> _ = path.write_text("user_id,timestamp,page\nu1,2030-03-01 08:00:00,home\n"
    ...                     "u1,2030-03-01 08:00:09,fine payment\n")
    >>> read_clickstream(path).frame["page"].tolist()
    ['home', 'fine payment']
    >>> _ = path.write_text("user_id,timestamp,page\nu1,yesterday,home\n")
    >>> read_clickstream(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govsocial.schema.DataError: .../clicks.csv, row 2, column 'timestamp': value cannot be read ...
    >>> folder.cleanup()
    """
    path = Path(path)
    file = str(path)
    if path.suffix.lower() in _PARQUET_SUFFIXES:
        try:
            raw = pd.read_parquet(path)
        except (OSError, ValueError) as error:
            raise DataError(
                "the file cannot be read as Parquet",
                file=file,
                expected="a Parquet file",
                found=str(error)[:120],
            ) from None
        missing = [name for name in CLICKSTREAM.names if name not in raw.columns]
        if missing:
            raise DataError(
                f"missing column(s) {', '.join(map(repr, missing))}",
                file=file,
                column=missing[0],
                expected=f"columns {CLICKSTREAM.names}",
                found=f"columns {list(raw.columns)}",
            )
        raw = raw[CLICKSTREAM.names].copy()
        if pd.api.types.is_datetime64_any_dtype(raw["timestamp"].dtype):
            stamps = raw["timestamp"]
            if stamps.dt.tz is None:
                raw["timestamp"] = stamps.dt.tz_localize("UTC")
            else:
                raw["timestamp"] = stamps.dt.tz_convert("UTC")
        raw["user_id"] = raw["user_id"].astype("string")
        table = validate(raw, CLICKSTREAM, file=file)
        return Loaded(table, LoadReport(shown_path(file), rows_read=len(table)))
    return read_table(path, CLICKSTREAM)


# host ident user [time] "request" status bytes ["referer" "user agent"]
_ACCESS_LINE = (
    r'^(?P<host>\S+) (?P<ident>\S+) (?P<authuser>\S+) \[(?P<time>[^\]]+)\] '
    r'"(?P<request>(?:[^"\\]|\\.)*)" (?P<status>\d{3}|-) (?P<bytes>\d+|-)'
    r'(?: "(?P<referer>(?:[^"\\]|\\.)*)" "(?P<agent>(?:[^"\\]|\\.)*)")?\s*$'
)
_STATIC = (
    ".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".ico", ".svg", ".webp", ".woff",
    ".woff2", ".ttf", ".map", ".txt", ".xml",
)
_BOTS = r"(?i)bot|crawl|spider|slurp|curl|wget|python-requests|monitor"
_NOT_A_REQUEST = "request is not METHOD PATH PROTOCOL"
_NOT_GET = "not a GET request"
_FAILED = "status 400 or above (error)"
_STATIC_FILE = "static file (stylesheet, script, image, font)"
_BOT = "automated client (bot, crawler or script)"


def pseudonymise(values: Iterable[str], salt: str) -> list[str]:
    """Replace identifiers with keyed SHA-256 pseudonyms (HMAC, 16 hexadecimal characters).

    The same value and salt always give the same pseudonym, so a user's clicks stay linked;
    without the salt, a pseudonym cannot be turned back into the value by trying likely values
    (every IP address, say). Keep the salt secret and apart from the data, and destroy it when
    the linking is no longer needed. This is pseudonymisation, not anonymisation: the clicks
    of one pseudonym can still single out a person.

    Parameters
    ----------
    values : iterable of str
        Identifiers (IP addresses, device ids, account names).
    salt : str
        A secret, random string (for example ``secrets.token_hex(16)``); not empty.

    Returns
    -------
    list of str

    Examples
    --------
    >>> a, b, c = pseudonymise(["203.0.113.7", "203.0.113.8", "203.0.113.7"], salt="s3cret")
    >>> a == c, a == b, len(a)
    (True, False, 16)
    """
    import hashlib
    import hmac

    if not isinstance(salt, str) or not salt:
        raise DataError(
            "a salt is needed to pseudonymise identifiers",
            expected="a secret, non-empty string, e.g. secrets.token_hex(16)",
            found=repr(salt),
        )
    key = salt.encode("utf-8")
    cache: dict[str, str] = {}
    out = []
    for value in values:
        if value not in cache:
            digest = hmac.new(key, str(value).encode("utf-8"), hashlib.sha256).hexdigest()
            cache[value] = digest[:16]
        out.append(cache[value])
    return out


def read_access_log(path: PathLike, *, salt: str) -> Loaded:
    r"""Parse a web server access log into clicks, with pseudonymous users.

    Reads the Common Log Format (``host ident user [time] "request" status bytes``) and the
    Combined Log Format (the same, then ``"referer" "user agent"``), as Apache and nginx write
    them. Each kept line becomes one click:

    - ``user_id``: a salted hash (:func:`pseudonymise`) of the client address and, in the
      Combined format, the user agent; the address itself is not kept;
    - ``timestamp``: the request time, converted to UTC;
    - ``page``: the requested path **without its query string** (``?plate=...`` can carry
      personal data) and without a trailing slash (``/`` stays ``/``).

    Lines left out, and counted in the report: blank lines, requests that are not
    ``METHOD PATH PROTOCOL``, requests other than GET, responses with status 400 or above,
    static files (stylesheets, scripts, images, fonts) and automated clients (user agents
    naming a bot, crawler, spider or script).

    Parameters
    ----------
    path : str or path-like
        The log file (UTF-8 text, one request per line).
    salt : str
        Secret salt of the pseudonyms (keep it out of the data and out of the notebook you
        share).

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`CLICKSTREAM`, in file order.

    Raises
    ------
    DataError
        For a line in neither format or a time that cannot be read (naming the line), for a
        log with no page views left, or for an empty salt.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "access.log"
    >>> _ = path.write_text(
    ...     '203.0.113.7 - - [01/Mar/2030:08:00:00 +0800] "GET /home HTTP/1.1" 200 512\n'
    ...     '203.0.113.7 - - [01/Mar/2030:08:00:04 +0800] "GET /style.css HTTP/1.1" 200 90\n'
    ...     '203.0.113.7 - - [01/Mar/2030:08:00:09 +0800] "GET /fines?plate=X1 HTTP/1.1" 200 1\n')
    >>> loaded = read_access_log(path, salt="s3cret")
    >>> loaded.frame["page"].tolist(), str(loaded.frame["timestamp"].iloc[0])
    (['/home', '/fines'], '2030-03-01 00:00:00+00:00')
    >>> print(loaded.report)  # doctest: +ELLIPSIS
    /.../access.log: read 3 rows, kept 2, dropped 1 (static file ...: 1)
    >>> folder.cleanup()
    """
    import numpy as np

    path = Path(path)
    file = str(path)
    pseudonymise([], salt)  # check the salt before reading anything
    lines = pd.Series(_decode(path).splitlines(), dtype="string")
    numbers = pd.Series(range(1, len(lines) + 1))
    blank = lines.str.strip().eq("").to_numpy(dtype=bool)
    dropped = {"blank line": int(blank.sum())}
    lines, numbers = lines[~blank], numbers[~blank]
    if lines.empty:
        raise DataError(
            "the log has no lines", file=file, expected="one request per line", found="no lines"
        )
    parts = lines.str.extract(_ACCESS_LINE)
    bad = parts["host"].isna().to_numpy(dtype=bool)
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        raise DataError(
            "this line is not in the Common or Combined Log Format",
            file=file,
            row=int(numbers.iloc[position]),
            expected='host ident user [day/Mon/year:hh:mm:ss +zone] "GET /path HTTP/1.1" '
            "status bytes",
            found=repr(str(lines.iloc[position])[:80]),
        )
    times = pd.to_datetime(parts["time"], format="%d/%b/%Y:%H:%M:%S %z", errors="coerce",
                           utc=True)
    bad = times.isna().to_numpy(dtype=bool)
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        raise DataError(
            "the request time cannot be read",
            file=file,
            row=int(numbers.iloc[position]),
            column="time",
            expected="[day/Mon/year:hh:mm:ss +zone], e.g. [01/Mar/2030:08:00:00 +0800]",
            found=repr(str(parts["time"].iloc[position])),
        )
    request = parts["request"].str.extract(r"^(?P<method>[A-Z]+) (?P<target>\S+) HTTP/[\d.]+$")
    path_only = request["target"].str.replace(r"[?#].*$", "", regex=True)
    status = pd.to_numeric(parts["status"], errors="coerce")
    agent = parts["agent"].fillna("")
    reasons = [
        (_NOT_A_REQUEST, request["method"].isna()),
        (_NOT_GET, request["method"].ne("GET")),
        (_FAILED, status.ge(400).fillna(False)),
        (_STATIC_FILE, path_only.str.lower().str.endswith(_STATIC).fillna(False)),
        (_BOT, agent.str.contains(_BOTS, regex=True)),
    ]
    keep = np.ones(len(lines), dtype=bool)
    for reason, mask in reasons:
        hit = keep & mask.to_numpy(dtype=bool, na_value=False)
        dropped[reason] = int(hit.sum())
        keep &= ~hit
    if not keep.any():
        raise DataError(
            "no page views left in the log after leaving out "
            + ", ".join(f"{reason} ({n})" for reason, n in dropped.items() if n),
            file=file,
            expected="at least one successful GET request of a page",
            found="none",
        )
    page = path_only[keep].str.replace(r"(?<=.)/+$", "", regex=True)
    client = (parts["host"] + "\x1f" + agent)[keep]
    frame = pd.DataFrame(
        {
            "user_id": pseudonymise(client.tolist(), salt),
            "timestamp": times[keep].array,
            "page": page.to_numpy(),
        }
    )
    table = validate(frame, CLICKSTREAM, file=file, row_numbers=numbers[keep].tolist())
    read = len(blank)
    return Loaded(table, LoadReport(shown_path(file), rows_read=read, dropped=dropped))


MSNBC_CATEGORIES = (
    "frontpage", "news", "tech", "local", "opinion", "on-air", "misc", "weather", "msn-news",
    "health", "living", "business", "msn-sports", "sports", "summary", "bbs", "travel",
)
"""The 17 page categories of the MSNBC.com Anonymous Web Data, in the file's order (1 to 17)."""

_MSNBC_MARKER = b"% Sequences:"


def read_msnbc(path: PathLike) -> Loaded:
    """Read the MSNBC.com Anonymous Web Data (UCI): one session per line, pages as categories.

    The file (``msnbc990928.seq``, read straight from the ``.zip`` it comes in) has a header
    naming the 17 page categories, then, after the line ``% Sequences:``, one line per session:
    the categories of the pages viewed, in order, as numbers 1 to 17. The data carry no user
    identifiers and no times, so the frame is already a set of sessions.

    Parameters
    ----------
    path : str or path-like
        ``msnbc990928.zip`` (the ``.seq`` member is read) or the ``.seq`` file itself.

    Returns
    -------
    Loaded
        ``frame`` with ``session_id`` (1 for the first session line, 2, ...), ``step`` (0 for
        a session's first page view) and ``page`` (categorical, the 17 categories); one row
        per page view. ``report.rows_read`` counts page views.

    Raises
    ------
    DataError
        When the header or the ``% Sequences:`` line is missing, or a session line holds
        anything but numbers 1 to 17 (naming the line).

    Examples
    --------
    >>> loaded = read_msnbc(data_dir() / "msnbc" / "msnbc990928.zip")
    >>> int(loaded.frame["session_id"].max()), len(loaded.frame)
    (989818, 4698794)
    """
    import zipfile

    import numpy as np

    path = Path(path)
    file = str(path)
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [
                name for name in archive.namelist()
                if name.endswith(".seq") and not name.startswith("__MACOSX")
            ]
            if len(members) != 1:
                raise DataError(
                    "the archive must hold one .seq file",
                    file=file,
                    expected="msnbc990928.seq",
                    found=f"{members}",
                )
            raw = archive.read(members[0])
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

    def fail(position: int, problem: str) -> None:
        number = first_line + int(np.searchsorted(newlines, position))
        text = raw.split(b"\n")[number - 1].decode("ascii", errors="replace").strip()
        raise DataError(
            problem, file=file, row=number, expected="numbers 1 to 17 separated by spaces",
            found=repr(text[:80]),
        )

    other = ~allowed[body]
    if other.any():
        fail(int(np.flatnonzero(other)[0]), "a session line holds something else than numbers")
    previous = np.append(False, digit[:-1])
    following = np.append(digit[1:], False)
    starts = np.flatnonzero(digit & ~previous)
    ends = np.flatnonzero(digit & ~following)
    if not len(starts):
        raise DataError("no sessions after '% Sequences:'", file=file, expected="sessions",
                        found="none")
    width = ends - starts + 1
    if width.max() > 2:
        fail(int(starts[np.argmax(width > 2)]), "a page category number is out of range")
    values = (body[starts] - ord("0")).astype(np.int16)
    two = width == 2
    values[two] = values[two] * 10 + (body[ends[two]] - ord("0"))
    out_of_range = (values < 1) | (values > len(MSNBC_CATEGORIES))
    if out_of_range.any():
        fail(int(starts[np.argmax(out_of_range)]), "a page category number is out of range")
    token_line = np.searchsorted(newlines, starts)  # newlines before the number
    new_session = np.append(True, token_line[1:] != token_line[:-1])
    session = np.cumsum(new_session, dtype=np.int32)
    first = np.flatnonzero(new_session)
    step = np.arange(len(values)) - np.repeat(first, np.diff(np.append(first, len(values))))
    frame = pd.DataFrame(
        {
            "session_id": session,
            "step": step.astype(np.int32),
            "page": pd.Categorical.from_codes(values - 1, categories=list(MSNBC_CATEGORIES)),
        }
    )
    return Loaded(frame, LoadReport(shown_path(file), rows_read=len(frame)))


__all__ += [
    "CLICKSTREAM",
    "MSNBC_CATEGORIES",
    "pseudonymise",
    "read_access_log",
    "read_clickstream",
    "read_msnbc",
]
