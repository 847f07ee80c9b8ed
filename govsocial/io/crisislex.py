"""CrisisLexT26: tweets of 26 crises of 2012-2013, labelled by crowd workers, and their events.

Reads the ``<event>/<event>-tweets_labeled.csv`` files (CSV: ``Tweet ID``, ``Tweet Text``,
``Information Source``, ``Information Type``, ``Informativeness``) and the
``<event>/<event>-event_description.json`` files of the CrisisLexT26 collection. The format and
the label sets are specified in the collection's own ``CrisisLexT26/README.md`` (in the book's
copy, ``data/crisislex/CrisisLexT26/README.md``; source: the ``sajao/CrisisLex`` repository and
Olteanu, Vieweg and Castillo, CSCW 2015); ``data/crisislex/DATASHEET.md`` adds what the book
needs to know.

Public functions
----------------
read_crisislex_labelled(path, *, on_error="raise")
    One CrisisLexT26 ``<event>-tweets_labeled.csv`` file.
read_crisislex_t26(folder, *, information_source=None, on_error="raise")
    Every labelled file of CrisisLexT26, optionally only one information source.
read_crisislex_events(folder, *, on_error="raise")
    One row per CrisisLexT26 event, from the ``*-event_description.json`` files.

Public constants: the contracts :data:`CRISISLEX_LABELLED` and :data:`CRISISLEX_EVENTS`, and the
label sets :data:`CRISISLEX_SOURCES`, :data:`CRISISLEX_TYPES`, :data:`CRISISLEX_INFORMATIVENESS`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from govsocial.io.core import (
    Loaded,
    PathLike,
    _clean_text,
    _json_type,
    _parse_json,
    _read_csv_records,
    _repeat_problems,
    _require_columns,
    _width_problems,
    readable_file,
    readable_folder,
    shown_path,
)
from govsocial.schema import (
    DIGITS,
    DIGITS_MEANING,
    SKIP_HINT,
    Column,
    Contract,
    DataError,
    LoadReport,
    OnError,
    Problem,
    check,
)

__all__ = [
    "CRISISLEX_EVENTS",
    "CRISISLEX_INFORMATIVENESS",
    "CRISISLEX_LABELLED",
    "CRISISLEX_SOURCES",
    "CRISISLEX_TYPES",
    "read_crisislex_events",
    "read_crisislex_labelled",
    "read_crisislex_t26",
]

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
            pattern=DIGITS,
            pattern_meaning=DIGITS_MEANING,
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


def read_crisislex_labelled(path: PathLike, *, on_error: OnError = "raise") -> Loaded:
    r"""Read one CrisisLexT26 ``<event>-tweets_labeled.csv`` file.

    Header names may have leading spaces, ids may be quoted, texts may hold commas, doubled
    quotes, HTML entities (unescaped here) and line breaks inside quotes. The event is taken
    from the file name.

    Parameters
    ----------
    path : str or path-like
        The CSV file.
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every problem of the file (the first 20, then how
        many more). ``"skip"``: rows with problems are left out, and ``report.skipped`` lists
        each with its line and reason.

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`CRISISLEX_LABELLED`, in file order; ``report``
        counting the rows read and those skipped; ``lines``, the line each row starts on.

    Raises
    ------
    DataError
        At once for a file that is not UTF-8 or not CSV, an empty or header-only file or a
        missing column; with ``on_error="raise"`` also for every row with the wrong number of
        fields, an id that is not digits, a label outside the documented sets, or a tweet id
        seen on an earlier line. The row is the line on which the record starts (header =
        line 1).

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
    path = readable_file(path)
    file = str(path)
    records = _read_csv_records(path)
    _require_columns(records, _CRISISLEX_HEADER, path)
    rows_read = len(records.rows)
    records, problems = _width_problems(records, path)
    column = {name: records.header.index(name) for name in _CRISISLEX_HEADER}
    ids = [row[column["Tweet ID"]].strip() for row in records.rows]
    repeats = _repeat_problems(ids, "tweet_id", file, records.lines)
    problems += repeats
    again = {problem.row for problem in repeats}
    keep = [i for i, line in enumerate(records.lines) if line not in again]
    if not keep:
        raise DataError.of(problems)
    lines = [records.lines[i] for i in keep]
    rows = [records.rows[i] for i in keep]
    frame = pd.DataFrame(
        {
            "event": _event_name(path),
            "tweet_id": [ids[i] for i in keep],
            "text": [_clean_text(row[column["Tweet Text"]]) for row in rows],
            **{
                out: [row[column[name]].strip() for row in rows]
                for name, out in _CRISISLEX_HEADER.items()
                if name not in ("Tweet ID", "Tweet Text")
            },
        },
        dtype=object,
    )
    checked = check(frame, CRISISLEX_LABELLED, file=file, row_numbers=lines).add(problems)
    table, skipped = checked.settle(on_error)
    report = LoadReport(shown_path(file), rows_read=rows_read)
    report.skip(skipped)
    bad = set(skipped["row"])
    return Loaded(table, report, [line for line in lines if line not in bad])


def _sort_by_id(frame: pd.DataFrame, by: Sequence[str], id_column: str) -> pd.DataFrame:
    """Sort by ``by``, with the digit-string ``id_column`` compared as a number."""
    length = "__length_of_id"
    ordered = frame.assign(**{length: frame[id_column].str.len()})
    ordered = ordered.sort_values([*by, length, id_column], kind="stable")
    return ordered.drop(columns=length).reset_index(drop=True)


def read_crisislex_t26(
    folder: PathLike, *, information_source: str | None = None, on_error: OnError = "raise"
) -> Loaded:
    """Read every labelled file of CrisisLexT26 (``*/*-tweets_labeled.csv`` under ``folder``).

    Parameters
    ----------
    folder : str or path-like
        The ``CrisisLexT26`` folder, with one sub-folder per event.
    information_source : str, optional
        Keep only tweets with this information source (one of :data:`CRISISLEX_SOURCES`, e.g.
        ``"Government"``); the others are counted in the report as dropped.
    on_error : {"raise", "skip"}
        As for :func:`read_crisislex_labelled`, file by file; ``report.skipped`` has a
        ``file`` column.

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
        is not a known source, or files are malformed (see :func:`read_crisislex_labelled`):
        the problems of every such file in one error.

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> loaded = read_crisislex_t26(data_dir() / "crisislex" / "CrisisLexT26",
    ...                             information_source="Government")
    >>> loaded.report.rows_read, loaded.report.rows_kept
    (27933, 1174)
    """
    folder = readable_folder(folder)
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
    loaded = []
    errors = []
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
        try:
            loaded.append(read_crisislex_labelled(path, on_error=on_error))
        except DataError as error:
            errors.append(error)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise DataError.of([p for error in errors for p in error.problems],
                           total=sum(error.total for error in errors))
    frame = _sort_by_id(pd.concat([one.frame for one in loaded], ignore_index=True),
                        ["event"], "tweet_id")
    report = LoadReport(shown_path(folder),
                        rows_read=sum(one.report.rows_read for one in loaded))
    for one in loaded:
        if not one.report.skipped.empty:
            report.skip(one.report.skipped.assign(file=one.report.source))
    if information_source is not None:
        keep = frame["information_source"] == information_source
        report.dropped[f"information source is not {information_source!r}"] = int((~keep).sum())
        frame = frame[keep].reset_index(drop=True)
    return Loaded(frame, report)


def _iso_day(value: Any) -> str | None:
    """``"2013-06-17"`` from ``"2013-06-17"`` or the day-first ``"17/06/2013"`` (else None).

    Examples
    --------
    >>> _iso_day("17/06/2013"), _iso_day("March 4th")
    ('2013-06-17', None)
    """
    if not isinstance(value, str):
        return None
    for layout in ("%Y-%m-%d", "%d/%m/%Y"):
        day = pd.to_datetime(value.strip(), format=layout, errors="coerce")
        if not pd.isna(day):
            return day.strftime("%Y-%m-%d")
    return None


def _field(description: Mapping[str, Any], dotted: str) -> tuple[Any, bool]:
    """``description["a"]["b"]`` for ``"a.b"``, and whether it is there."""
    value: Any = description
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None, False
        value = value[part]
    return value, True


_EVENT_FIELDS = {
    "name": "name",
    "year": "time.year",
    "start_day": "time.start_day",
    "duration_days": "time.duration",
    "country": "location.country",
    "category": "categorization.category",
    "sub_category": "categorization.sub_category",
    "type": "categorization.type",
}


def _event_problems(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """One row of :data:`CRISISLEX_EVENTS` from a description file, or its problems."""
    file = str(path)
    try:
        description = _parse_json(path)
    except DataError as error:
        return None, list(error.problems)
    if not isinstance(description, Mapping):
        return None, [Problem("an event description must be a JSON object", file,
                              expected="{...}", found=f"a JSON {_json_type(description)}")]
    row: dict[str, Any] = {"event": path.parent.name}
    problems = []
    for out, dotted in _EVENT_FIELDS.items():
        row[out], present = _field(description, dotted)
        if not present:
            problems.append(Problem(f"the description has no field {dotted!r}", file,
                                    column=dotted, expected=f"a field {dotted!r}",
                                    found="no such field"))
    keywords = description.get("keywords")
    if not isinstance(keywords, list):
        problems.append(Problem("keywords must be a list", file, column="keywords",
                                expected="a JSON array", found=f"a JSON {_json_type(keywords)}"))
    if "start_day" in row and row["start_day"] is not None:
        day = _iso_day(row["start_day"])
        if day is None:
            problems.append(Problem("cannot read this date", file, column="time.start_day",
                                    expected="YYYY-MM-DD or DD/MM/YYYY",
                                    found=repr(row["start_day"])))
        row["start_day"] = day
    year = row.get("year")
    if isinstance(year, str) and year.isascii() and year.strip().isdigit():
        row["year"] = int(year)  # four files of the real collection write the year as text
    # check() reads a column of strings as text even with typed=True: refuse them here
    problems += [
        Problem("value cannot be read as int", file, column=column.name,
                expected="a whole number (a JSON number)", found=repr(row[column.name]))
        for column in CRISISLEX_EVENTS.columns
        if column.kind == "int" and isinstance(row.get(column.name), str)
    ]
    if problems:
        return None, problems
    row["keywords_count"] = len(keywords)
    checked = check(pd.DataFrame([row], dtype=object), CRISISLEX_EVENTS, file=file, typed=True)
    if checked.problems.empty:
        return row, []
    return None, list(checked.error(hint=None).problems)


def read_crisislex_events(folder: PathLike, *, on_error: OnError = "raise") -> pd.DataFrame:
    """Read the CrisisLexT26 event descriptions, one row per event.

    Values keep their JSON types (a count written as text is a problem), except the year,
    which four files of the real collection write as text (``"2013"``). ``start_day`` is
    ``YYYY-MM-DD`` or, as one real file has it, the day-first ``DD/MM/YYYY``.

    Parameters
    ----------
    folder : str or path-like
        The ``CrisisLexT26`` folder; every ``*/*-event_description.json`` is read.
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists the problems of every description. ``"skip"``:
        events with problems are left out, and listed in ``events.attrs["skipped"]`` (one
        row per problem: ``file``, ``column``, ``problem``, ``expected``, ``found``).

    Returns
    -------
    DataFrame
        The columns of :data:`CRISISLEX_EVENTS`, sorted by event; ``start_day`` is a date
        (datetime64 at midnight, no time zone).

    Raises
    ------
    DataError
        When no description is found; with ``on_error="raise"`` also when files are not valid
        JSON, or fields are missing or cannot be read (all of them in one error).

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> events = read_crisislex_events(data_dir() / "crisislex" / "CrisisLexT26")
    >>> len(events), events["category"].value_counts().to_dict()
    (26, {'Natural': 15, 'Human-induced': 10, 'Mixed': 1})
    """
    if on_error not in ("raise", "skip"):
        raise ValueError(f'on_error must be "raise" or "skip", not {on_error!r}')
    folder = readable_folder(folder)
    files = sorted(folder.glob("*/*-event_description.json"))
    if not files:
        raise DataError(
            "no CrisisLexT26 event descriptions found",
            file=str(folder),
            expected="files <event>/<event>-event_description.json inside this folder",
            found="none" if folder.is_dir() else "no such folder",
        )
    rows = []
    problems: list[Problem] = []
    for path in files:
        row, found = _event_problems(path)
        problems += found
        if row is not None:
            rows.append(row)
    if problems and (on_error == "raise" or not rows):
        raise DataError.of(problems, hint=SKIP_HINT if rows else None)
    table = check(pd.DataFrame(rows, dtype=object), CRISISLEX_EVENTS, typed=True).settle()[0]
    table["start_day"] = table["start_day"].dt.tz_localize(None)
    table = table.sort_values("event").reset_index(drop=True)
    table.attrs["skipped"] = pd.DataFrame(
        [{"file": p.file, "column": p.column, "problem": p.problem, "expected": p.expected,
          "found": p.found} for p in problems],
        columns=["file", "column", "problem", "expected", "found"],
    )
    return table
