"""The U.S. Digital Registry: U.S. government agencies and their official social-media accounts.

Reads the registry's JSON exports: the list of agencies (``USDR_agencies.txt``, a JSON array of
agency records) and account records (e.g. ``DOC_accts.txt``, a JSON array of account records
with nested ``agencies`` and ``tags``). The registry, run by the U.S. General Services
Administration, published no file specification; the fields read are those of the 2017 snapshot
in ``data/usdr/`` (source: the ``abigailbowman/USDR-Project`` repository), described in
``data/usdr/DATASHEET.md`` and in the parameters of the two loaders.

Public functions
----------------
read_usdr_agencies(path, *, on_error="raise")
    The U.S. Digital Registry's list of agencies (``USDR_agencies.txt``).
read_usdr_accounts(path, *, on_error="raise")
    The U.S. Digital Registry's account records (e.g. ``DOC_accts.txt``).

Public constants: the contracts :data:`USDR_AGENCIES` and :data:`USDR_ACCOUNTS`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from govsocial.io.core import (
    Loaded,
    PathLike,
    _json_type,
    _parse_json,
    _strip,
    readable_file,
    shown_path,
)
from govsocial.schema import (
    Column,
    Contract,
    DataError,
    LoadReport,
    OnError,
    Problem,
    check,
)

__all__ = ["USDR_ACCOUNTS", "USDR_AGENCIES", "read_usdr_accounts", "read_usdr_agencies"]

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


def _records(path: Path) -> list[Any]:
    """Return the records of a JSON file holding an array (not yet checked to be objects)."""
    data = _parse_json(path)
    if not isinstance(data, list):
        raise DataError(
            "the file must hold a JSON array of records",
            file=str(path),
            expected="[{...}, {...}, ...]",
            found=f"a JSON {_json_type(data)}",
        )
    if not data:
        raise DataError("the file holds no records", file=str(path),
                        expected="at least one record", found="[]")
    return data


def _joined(items: Any, key: str, *, file: str, row: int, field: str) -> str | Problem:
    """Join ``[{key: "a"}, {key: "b"}]`` as ``"a; b"``; anything else is a problem."""
    if not isinstance(items, list):
        return Problem(f"record {row}: {field} must be a list", file, row, field,
                       "a JSON array", f"a JSON {_json_type(items)}")
    names = []
    for item in items:
        if not isinstance(item, Mapping) or not isinstance(item.get(key), str):
            return Problem(f"record {row}: an entry of {field} has no text {key!r}", file, row,
                           f"{field}.{key}", f"objects with a string field {key!r}",
                           json.dumps(item)[:80])
        names.append(item[key].strip())
    return "; ".join(names)


def _record_row(record: Any, number: int, file: str, plain: Mapping[str, str],
                joined: Mapping[str, tuple[str, str]]) -> dict[str, Any] | list[Problem]:
    """One row from a record: its plain fields stripped, its lists joined; or its problems."""
    if not isinstance(record, Mapping):
        return [Problem(f"record {number} is not a JSON object", file, number, None,
                        "an object {...}", f"a JSON {_json_type(record)}")]
    problems = [
        Problem(f"record {number} has no field {field!r}", file, number, field,
                f"a field {field!r}", f"fields {sorted(record)}")
        for field in [*plain.values(), *(source for source, _ in joined.values())]
        if field not in record
    ]
    if problems:
        return problems
    row = {out: _strip(record[field]) for out, field in plain.items()}
    for out, (field, key) in joined.items():
        value = _joined(record[field], key, file=file, row=number, field=field)
        if isinstance(value, Problem):
            problems.append(value)
        row[out] = value
    return problems or row


def _read_records(path: PathLike, contract: Contract, plain: Mapping[str, str],
                  joined: Mapping[str, tuple[str, str]], on_error: OnError) -> Loaded:
    """Read a JSON array of records into ``contract``'s columns, every problem at once."""
    path = readable_file(path)
    file = str(path)
    records = _records(path)
    rows, numbers, problems = [], [], []
    for number, record in enumerate(records, start=1):
        row = _record_row(record, number, file, plain, joined)
        if isinstance(row, list):
            problems += row
            continue
        # check() reads a column of strings as text even with typed=True: refuse them here
        text = [column.name for column in contract.columns
                if column.kind == "int" and isinstance(row[column.name], str)]
        problems += [Problem("value cannot be read as int", file, number, name,
                             "a whole number (a JSON number)", repr(row[name]))
                     for name in text]
        if not text:
            rows.append(row)
            numbers.append(number)
    if not rows:
        raise DataError.of(problems)
    frame = pd.DataFrame(rows, columns=contract.names, dtype=object)
    checked = check(frame, contract, file=file, row_numbers=numbers, typed=True)
    checked = checked.add(problems)
    table, skipped = checked.settle(on_error)
    report = LoadReport(shown_path(file), rows_read=len(records))
    report.skip(skipped)
    return Loaded(table, report)


def read_usdr_agencies(path: PathLike, *, on_error: OnError = "raise") -> Loaded:
    """Read the U.S. Digital Registry's agencies (``USDR_agencies.txt``, a JSON array).

    Values keep their JSON types: ids and counts are JSON numbers, names and addresses
    strings.

    Parameters
    ----------
    path : str or path-like
        The JSON file: records with ``id``, ``name``, ``social_media_count``,
        ``mobile_app_count`` and ``info_url`` (``gallery_count`` is ignored).
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every problem of the file (the first 20, then how
        many more), each with its record's 1-based number. ``"skip"``: records with problems
        are left out, and ``report.skipped`` lists each with its number and reason.

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`USDR_AGENCIES`, in file order.

    Raises
    ------
    DataError
        At once for malformed JSON or a file that is not an array of records; with
        ``on_error="raise"`` also for every record that is not an object, misses a field
        (named with the record's 1-based number), or holds a value that does not fit the
        contract.

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> loaded = read_usdr_agencies(data_dir() / "usdr" / "USDR_agencies.txt")
    >>> len(loaded.frame), int(loaded.frame["social_media_count"].sum())
    (447, 11166)
    """
    fields = {
        "agency_id": "id",
        "agency": "name",
        "social_media_count": "social_media_count",
        "mobile_app_count": "mobile_app_count",
        "info_url": "info_url",
    }
    return _read_records(path, USDR_AGENCIES, fields, {}, on_error)


def read_usdr_accounts(path: PathLike, *, on_error: OnError = "raise") -> Loaded:
    """Read U.S. Digital Registry account records (e.g. ``DOC_accts.txt``, a JSON array).

    Values keep their JSON types; ``created_at`` and ``updated_at`` are ISO 8601 text.

    Parameters
    ----------
    path : str or path-like
        The JSON file: records with ``id``, ``account``, ``service_key``,
        ``service_display_name``, ``organization``, ``agencies`` (objects with ``name``),
        ``language``, ``created_at``, ``updated_at``, ``service_url`` and ``tags`` (objects
        with ``tag_text``).
    on_error : {"raise", "skip"}
        As for :func:`read_usdr_agencies`.

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`USDR_ACCOUNTS`, in file order. ``registered_at``
        is when the account was entered in the registry, not when it was opened.

    Raises
    ------
    DataError
        At once for malformed JSON or a file that is not an array of records; with
        ``on_error="raise"`` also for every record that is not an object, misses a field
        (named with the record's 1-based number), or holds a value that does not fit the
        contract (e.g. a repeated id, a date in the future).

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> loaded = read_usdr_accounts(data_dir() / "usdr" / "DOC_accts.txt")
    >>> loaded.frame["platform"].value_counts().head(2).to_dict()
    {'twitter': 160, 'facebook': 149}
    """
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
    joined = {"agencies": ("agencies", "name"), "tags": ("tags", "tag_text")}
    loaded = _read_records(path, USDR_ACCOUNTS, plain, joined, on_error)
    loaded.frame["tags"] = loaded.frame["tags"].fillna("")
    return loaded
