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
read_crowdtangle_csv(path, *, on_error="raise")
    Facebook page posts exported from CrowdTangle (CSV).

Public constant: the contract :data:`CROWDTANGLE_POSTS`.
"""

from __future__ import annotations

import re

import pandas as pd

from govsocial.io.core import (
    Loaded,
    PathLike,
    _clean_text,
    _read_csv_records,
    _repeat_problems,
    _require_columns,
    _width_problems,
    readable_file,
    shown_path,
)
from govsocial.schema import Column, Contract, DataError, LoadReport, OnError, Problem, check

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


def _crowdtangle_time(value: str, *, file: str, row: int) -> str | Problem:
    """``"2016-01-04 09:05:00 EST"`` as ISO 8601 with a numeric offset, or its problem.

    Examples
    --------
    >>> _crowdtangle_time("2016-01-04 9:05 EST", file="p.csv", row=2)
    '2016-01-04T09:05:00-05:00'
    >>> print(_crowdtangle_time("2016-01-04 09:05", file="p.csv", row=2))  # doctest: +ELLIPSIS
    p.csv, row 2, column 'Post Created': the time has no time zone, ...
    """
    def problem(what: str, expected: str, found: str) -> Problem:
        return Problem(what, file, row, "Post Created", expected, found)

    text = value.strip()
    match = re.fullmatch(_CROWDTANGLE_TIME, text)
    if match is None:
        return problem(
            "cannot read this time",
            "YYYY-MM-DD HH:MM:SS followed by a time zone, e.g. '2016-01-04 09:05:00 EST' or "
            "'2016-01-04 09:05:00 -05:00'",
            repr(value),
        )
    zone = match["zone"]
    if zone is None:
        return problem(
            "the time has no time zone, so it cannot be converted to UTC",
            "a time zone after the time, e.g. 'EST', 'UTC' or '-05:00'",
            repr(value),
        )
    if zone[0] in "+-":
        offset = zone if ":" in zone else f"{zone[:3]}:{zone[3:]}"
    elif zone.upper() in _UTC_OFFSETS:
        offset = _UTC_OFFSETS[zone.upper()]
    else:
        return problem(
            "unknown time zone abbreviation (abbreviations are ambiguous across countries)",
            f"a UTC offset such as '-05:00', or one of {sorted(_UTC_OFFSETS)}",
            repr(zone),
        )
    second = match["second"] or "00"
    return f"{match['day']}T{int(match['hour']):02d}:{match['minute']}:{second}{offset}"


def read_crowdtangle_csv(path: PathLike, *, on_error: OnError = "raise") -> Loaded:
    r"""Read a CrowdTangle export of Facebook page posts (CSV, one row per post).

    The columns used are "Page Name", "User Name", "Post Created", "Type", "Likes",
    "Comments", "Shares", "Message" and "URL" (an export has many more; they are ignored).
    "Post Created" must state its time zone (as exports do: ``2016-01-04 09:05:00 EST``, or a
    numeric offset); it is converted to UTC, and may not lie in the future. Posts with no text
    are left out and counted. Meta closed CrowdTangle on 14 August 2024; its exports remain a
    common format for Facebook data collected before then.

    Parameters
    ----------
    path : str or path-like
        The CSV file (UTF-8, comma-separated, first line the header).
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every problem of the file (the first 20, then how
        many more). ``"skip"``: rows with problems are left out, and ``report.skipped`` lists
        each with its line and reason.

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`CROWDTANGLE_POSTS`, in file order; ``report``
        counting the posts read, those left out for having no text and those skipped;
        ``lines``, the line each row starts on.

    Raises
    ------
    DataError
        At once for a file that is not UTF-8 or not CSV, an empty or header-only file, a
        missing column or a file without any text; with ``on_error="raise"`` also for every
        row with the wrong number of fields, a time without a readable time zone, a URL seen
        before (naming the line where it was first seen), a count that is not a whole number
        >= 0, or a missing value.

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
    _require_columns(records, _CROWDTANGLE_HEADER, path)
    rows_read = len(records.rows)
    records, problems = _width_problems(records, path)
    column = {out: records.header.index(name) for name, out in _CROWDTANGLE_HEADER.items()}
    texts = [_clean_text(row[column["text"]]).strip() for row in records.rows]
    with_text = [i for i, text in enumerate(texts) if text]
    if not with_text and not problems:
        raise DataError(
            "no post in the file has text",
            file=file,
            column="Message",
            expected="at least one post with a Message",
            found=f"{rows_read} rows, none with text",
        )
    urls = [records.rows[i][column["url"]].strip() for i in with_text]
    named = [(url, records.lines[i]) for url, i in zip(urls, with_text, strict=True) if url]
    repeats = _repeat_problems([u for u, _ in named], "URL", file, [line for _, line in named])
    again = {problem.row for problem in repeats}
    problems += repeats
    keep = [i for i in with_text if records.lines[i] not in again]
    times = [
        _crowdtangle_time(records.rows[i][column["created_at"]], file=file, row=records.lines[i])
        for i in keep
    ]
    problems += [time for time in times if isinstance(time, Problem)]
    keep = [i for i, time in zip(keep, times, strict=True) if not isinstance(time, Problem)]
    if not keep:
        raise DataError.of(problems)
    lines = [records.lines[i] for i in keep]
    frame = pd.DataFrame(
        {
            **{
                out: [records.rows[i][column[out]].strip() for i in keep]
                for out in ("page_name", "user_name", "post_type", "likes", "comments",
                            "shares", "url")
            },
            "created_at": [t for t in times if not isinstance(t, Problem)],
            "text": [texts[i] for i in keep],
        },
        dtype=object,
    )[CROWDTANGLE_POSTS.names]
    checked = check(frame.mask(frame == ""), CROWDTANGLE_POSTS, file=file, row_numbers=lines)
    table, skipped = checked.add(problems).settle(on_error)
    report = LoadReport(shown_path(file), rows_read=rows_read,
                        dropped={_NO_TEXT: len(texts) - len(with_text)})
    report.skip(skipped)
    bad = set(skipped["row"])
    return Loaded(table, report, [line for line in lines if line not in bad])
