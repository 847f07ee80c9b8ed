"""CrowdTangle exports of Facebook page posts (CSV, one row per post).

A CrowdTangle "historical data" export is a CSV file with a header line and several dozen
columns; the loader reads nine of them ("Page Name", "User Name", "Post Created", "Type",
"Likes", "Comments", "Shares", "Message", "URL") and ignores the rest. Meta closed CrowdTangle
on 14 August 2024, and with it the help pages that described its exports: no public
specification remains online. The columns read, and how "Post Created" states its time zone,
are therefore specified here, by :data:`CROWDTANGLE_POSTS` and :func:`read_crowdtangle_csv`,
with the fictional export ``tests/data/agenda/facebook_posts.csv`` as their example.

Public functions
----------------
read_crowdtangle_csv(path)
    Facebook page posts exported from CrowdTangle (CSV).

Public constant: the contract :data:`CROWDTANGLE_POSTS`.
"""

from __future__ import annotations

import pandas as pd

from govsocial.io.core import (
    Loaded,
    PathLike,
    _check_unique,
    _clean_text,
    _read_csv_records,
    _renamed_columns,
    readable_file,
    shown_path,
)
from govsocial.schema import Column, Contract, DataError, LoadReport, validate

__all__ = ["CROWDTANGLE_POSTS", "read_crowdtangle_csv"]

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
    >>> from pathlib import Path
    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "posts.csv"
    >>> _ = path.write_text(
    ...     "Page Name,User Name,Post Created,Type,Likes,Comments,Shares,Message,URL\n"
    ...     'Sample PD,SamplePD,2015-01-04 09:05:00 EST,Status,12,3,1,"Road closed, '
    ...     'use detours",https://example.org/p/1\n'
    ...     "Sample PD,SamplePD,2015-01-05 10:00:00 EST,Photo,40,0,2,,https://example.org/p/2\n"
    ... )
    >>> loaded = read_crowdtangle_csv(path)
    >>> row = loaded.frame.iloc[0]
    >>> row["text"], str(row["created_at"])
    ('Road closed, use detours', '2015-01-04 14:05:00+00:00')
    >>> print(loaded.report)  # doctest: +ELLIPSIS
    /.../posts.csv: read 2 rows, kept 1, dropped 1 (no text (empty Message, ...): 1)
    >>> folder.cleanup()
    """
    path = readable_file(path)
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
