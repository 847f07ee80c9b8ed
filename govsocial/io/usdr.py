"""The U.S. Digital Registry: U.S. government agencies and their official social-media accounts.

Reads the registry's JSON exports: the list of agencies (``USDR_agencies.txt``, a JSON array of
agency records) and account records (e.g. ``DOC_accts.txt``, a JSON array of account records
with nested ``agencies`` and ``tags``). The registry, run by the U.S. General Services
Administration, published no file specification; the fields read are those of the 2017 snapshot
in ``data/usdr/`` (source: the ``abigailbowman/USDR-Project`` repository), described in
``data/usdr/DATASHEET.md`` and in the parameters of the two loaders.

Public functions
----------------
read_usdr_agencies(path)
    The U.S. Digital Registry's list of agencies (``USDR_agencies.txt``).
read_usdr_accounts(path)
    The U.S. Digital Registry's account records (e.g. ``DOC_accts.txt``).

Public constants: the contracts :data:`USDR_AGENCIES` and :data:`USDR_ACCOUNTS`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pandas as pd

from govsocial.io.core import (
    Loaded,
    PathLike,
    _get,
    _json_records,
    _json_type,
    _parse_json,
    _strip,
    readable_file,
    shown_path,
)
from govsocial.schema import Column, Contract, DataError, LoadReport, validate

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
    >>> from govsocial.io import data_dir
    >>> loaded = read_usdr_agencies(data_dir() / "usdr" / "USDR_agencies.txt")
    >>> len(loaded.frame), int(loaded.frame["social_media_count"].sum())
    (447, 11166)
    """
    path = readable_file(path)
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
    >>> from govsocial.io import data_dir
    >>> loaded = read_usdr_accounts(data_dir() / "usdr" / "DOC_accts.txt")
    >>> loaded.frame["platform"].value_counts().head(2).to_dict()
    {'twitter': 160, 'facebook': 149}
    """
    path = readable_file(path)
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
