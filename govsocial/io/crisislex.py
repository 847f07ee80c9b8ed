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
read_crisislex_labelled(path)
    One CrisisLexT26 ``<event>-tweets_labeled.csv`` file.
read_crisislex_t26(folder, *, information_source=None)
    Every labelled file of CrisisLexT26, optionally only one information source.
read_crisislex_events(folder)
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
    _check_digits,
    _check_unique,
    _clean_text,
    _get,
    _json_type,
    _parse_json,
    _read_csv_records,
    _renamed_columns,
    readable_file,
    readable_folder,
    shown_path,
)
from govsocial.schema import Column, Contract, DataError, LoadReport, validate

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
    path = readable_file(path)
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
    >>> from govsocial.io import data_dir
    >>> events = read_crisislex_events(data_dir() / "crisislex" / "CrisisLexT26")
    >>> len(events), events["category"].value_counts().to_dict()
    (26, {'Natural': 15, 'Human-induced': 10, 'Mixed': 1})
    """
    folder = readable_folder(folder)
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
