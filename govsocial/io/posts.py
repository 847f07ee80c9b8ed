"""One post format for every platform, and one accounts format, with the reading they share.

The chapters analyse posts from Bluesky (:mod:`govsocial.io.bluesky`), Mastodon
(:mod:`govsocial.io.mastodon`) and, for the archival datasets, Twitter (:func:`from_tweets_v2`).
Each reader returns a frame with the columns of :data:`POSTS` (or :data:`ACCOUNTS` for account
profiles), so that an analysis written once runs on any of them. Where a platform does not give a
value, the cell is missing (never zero): the description of each column says which platforms
fill it.

Conventions shared by every platform:

- **Reposts** (Bluesky reposts, Mastodon boosts, retweets) are rows of their own. The row's
  author is the account that reposted; ``created_at`` is when it reposted;
  ``repost_of_post_id`` names the original post; ``text``, ``lang``, ``mentions`` and the four
  counts describe the original post (what the account passed on, and how that post fared).
  Filter on ``repost_of_post_id.isna()`` to keep an account's own posts before analysing its
  engagement.
- **Counts** are totals when the data were collected, not over time.
- **Ids** are text: Bluesky ``at://`` URIs and DIDs, Mastodon ids as the server that was asked
  gives them (ids of statuses and accounts are local to that server), Twitter digit strings.

Public names
------------
POSTS, ACCOUNTS
    The contracts of the post and account frames.
from_tweets_v2(frame)
    The frame of :func:`govsocial.io.read_tweets_v2_jsonl` in the :data:`POSTS` format.

The helpers whose names start with ``_`` read JSON lines pages and settle the rows of a file
(every problem collected, each naming its line and post id; duplicates across pages kept once);
the Bluesky and Mastodon readers share them.

Examples
--------
>>> POSTS.names[:4]
['platform', 'post_id', 'author_handle', 'author_id']
>>> ACCOUNTS.key
('platform', 'account_id')
"""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from govsocial.io.core import Loaded, _decode, _json_type, shown_path
from govsocial.schema import (
    Checked,
    Column,
    Contract,
    DataError,
    LoadReport,
    OnError,
    Problem,
    check,
    validate,
)

__all__ = ["ACCOUNTS", "PLATFORMS", "POSTS", "from_crowdtangle", "from_tweets_v2"]

#: The platforms the post format knows (Facebook only as CrowdTangle exported it: archival).
PLATFORMS = ("bluesky", "facebook", "mastodon", "twitter")

_COUNT_NOTE = "Total when collected (count). For a repost: the original post's count."

POSTS = Contract(
    "posts",
    (
        Column("platform", "string", allowed=PLATFORMS,
               description="Where the post was published: 'bluesky', 'mastodon', 'twitter' or "
               "'facebook' (archival CrowdTangle exports)."),
        Column(
            "post_id",
            "string",
            description="The post's id. Bluesky: the post's at:// URI (a repost: the repost "
            "record's URI). Mastodon: the status id on the server asked (a boost: the id of "
            "the boost). Twitter: the tweet id (digits). Facebook: the post's address.",
        ),
        Column(
            "author_handle",
            "string",
            nullable=True,
            description="Handle of the account that posted (or reposted), without '@'. Bluesky: "
            "the handle when collected (e.g. 'cityofexample.bsky.social'). Mastodon: always "
            "user@server, also for accounts of the server asked. Twitter: the username "
            "(missing when the response did not include the author). Facebook: the page's "
            "user name (missing for pages without one).",
        ),
        Column(
            "author_id",
            "string",
            description="Stable id of that account. Bluesky: its DID (does not change when the "
            "handle does). Mastodon: the account id on the server asked. Twitter: the user id. "
            "Facebook: the page's name (a CrowdTangle export has no page id).",
        ),
        Column(
            "created_at",
            "datetime",
            description="When the post was published (UTC). Bluesky: the record's createdAt "
            "(a repost: when the AppView indexed the repost). Mastodon: created_at (an edited "
            "status keeps the time it was first published). Twitter: created_at.",
        ),
        Column(
            "text",
            "string",
            nullable=True,
            description="The text as plain text; empty (never missing) for a post of images "
            "only. Mastodon: the HTML content turned into text (paragraphs and line breaks as "
            "newlines, links as their full address). Twitter: HTML entities unescaped; a "
            "retweet starts 'RT @user:'.",
        ),
        Column(
            "lang",
            "string",
            nullable=True,
            description="Language of the text as a BCP 47 tag ('en', 'pt-BR'). Bluesky: the "
            "first of the author's langs. Mastodon: the language the author's app set. "
            "Twitter: the language Twitter detected ('und' when undetermined). Missing when "
            "not stated.",
        ),
        Column("reply_to_post_id", "string", nullable=True,
               description="Id of the post this one replies to (missing: not a reply). Kept "
               "when that post was deleted."),
        Column("reply_to_author_id", "string", nullable=True,
               description="Id of the author of the post replied to (a DID, a Mastodon account "
               "id, a Twitter user id)."),
        Column("repost_of_post_id", "string", nullable=True,
               description="For a repost, boost or retweet: id of the original post (missing: "
               "not a repost)."),
        Column("quote_of_post_id", "string", nullable=True,
               description="Id of the post this one quotes (missing: no quote). Bluesky: an "
               "embedded post. Mastodon: the quote of servers from version 4.5 on. Twitter: "
               "the quoted tweet."),
        Column(
            "mentions",
            "string",
            nullable=True,
            description="Handles mentioned, without '@', separated by one space, in order of "
            "appearance (missing: none, or unknown). Bluesky: the handle as written in the "
            "text at the mention's place (the DID where the text does not show one). "
            "Mastodon: user@server. Twitter (TWEETS_V2 frames): unknown, see mention_count.",
        ),
        Column("mention_count", "int", nullable=True, minimum=0,
               description="Number of accounts mentioned (count); missing when unknown "
               "(Facebook posts: a CrowdTangle export does not say)."),
        Column("like_count", "int", nullable=True, minimum=0,
               description=f"Likes (Mastodon: favourites). {_COUNT_NOTE}"),
        Column("repost_count", "int", nullable=True, minimum=0,
               description=f"Reposts, boosts or retweets. {_COUNT_NOTE}"),
        Column("reply_count", "int", nullable=True, minimum=0,
               description=f"Replies. {_COUNT_NOTE}"),
        Column("quote_count", "int", nullable=True, minimum=0,
               description=f"Quotes; missing on Mastodon servers before 4.5. {_COUNT_NOTE}"),
    ),
    key=("platform", "post_id"),
)
"""The post format every chapter accepts: one row per post or repost."""

ACCOUNTS = Contract(
    "accounts",
    (
        Column("platform", "string", allowed=PLATFORMS,
               description="'bluesky', 'mastodon' or 'twitter'."),
        Column("handle", "string",
               description="Handle without '@' (Mastodon: user@server; Bluesky: "
               "'handle.invalid' when the handle no longer verifies)."),
        Column("account_id", "string",
               description="Stable id: a DID (Bluesky), the account id on the server asked "
               "(Mastodon)."),
        Column("display_name", "string", nullable=True,
               description="The name shown on the profile (missing when not set)."),
        Column("followers", "int", nullable=True, minimum=0,
               description="Followers when collected (count). Mastodon: for an account of "
               "another server, what the server asked knows, which may be less."),
        Column("following", "int", nullable=True, minimum=0,
               description="Accounts followed when collected (count)."),
        Column("posts", "int", nullable=True, minimum=0,
               description="Posts when collected, reposts included (count)."),
        Column("created_at", "datetime", nullable=True,
               description="When the account was created (UTC). Mastodon gives the day only "
               "(midnight UTC); Bluesky profiles created before the field existed lack it."),
    ),
    key=("platform", "account_id"),
)
"""The accounts format: one row per account, counts when collected."""


# --------------------------------------------------------------------------------------------
# Twitter API v2 frames in the post format
# --------------------------------------------------------------------------------------------


def _one_reference(frame: pd.DataFrame, flag: str) -> pd.Series:
    """``referenced_id`` where ``flag`` is the tweet's only kind of reference, else missing.

    The TWEETS_V2 frame keeps the id of the first referenced tweet only, so a tweet that both
    replies and quotes has an id whose kind is unknown: both are then missing.

    Examples
    --------
    >>> frame = pd.DataFrame({"referenced_id": ["1", "2", "3"], "is_reply": [True, True, False],
    ...                       "is_quote": [False, True, False], "is_retweet": [False] * 3})
    >>> _one_reference(frame, "is_reply").tolist()
    ['1', <NA>, <NA>]
    """
    flags = ["is_reply", "is_quote", "is_retweet"]
    only = frame[flag] & (frame[flags].sum(axis=1) == 1)
    return frame["referenced_id"].astype("string").where(only, pd.NA)


def from_tweets_v2(frame: pd.DataFrame) -> pd.DataFrame:
    """Map the frame of :func:`~govsocial.io.read_tweets_v2_jsonl` into the :data:`POSTS` format.

    Parameters
    ----------
    frame : DataFrame
        Columns of :data:`~govsocial.io.tweets.TWEETS_V2`.

    Returns
    -------
    DataFrame
        Columns of :data:`POSTS`, one row per tweet, ``platform`` 'twitter'. ``mentions`` is
        missing (the TWEETS_V2 frame keeps only their number, in ``mention_count``). The id of a
        tweet that both replies and quotes is not known to be either, and both are missing.

    Raises
    ------
    DataError
        When the frame lacks a TWEETS_V2 column or its values do not fit :data:`POSTS`.

    Examples
    --------
    >>> tweets = pd.DataFrame({
    ...     "tweet_id": ["10", "11"], "author_id": ["7", "8"],
    ...     "username": ["CoastalSafetyAgency", None],
    ...     "created_at": pd.to_datetime(["2015-01-01T08:00Z", "2015-01-01T09:00Z"]),
    ...     "text": ["Stay safe", "RT @CoastalSafetyAgency: Stay safe"], "lang": ["en", "en"],
    ...     "retweet_count": [2, 2], "reply_count": [0, 0], "like_count": [5, 0],
    ...     "quote_count": [0, 0], "is_retweet": [False, True], "is_reply": [False, False],
    ...     "is_quote": [False, False], "referenced_id": [None, "10"],
    ...     "in_reply_to_user_id": [None, None], "mention_count": [0, 1]})
    >>> posts = from_tweets_v2(tweets)
    >>> posts[["post_id", "repost_of_post_id", "repost_count"]].values.tolist()
    [['10', <NA>, 2], ['11', '10', 2]]
    """
    from govsocial.io.tweets import TWEETS_V2

    missing = [name for name in TWEETS_V2.names if name not in frame.columns]
    if missing:
        raise DataError(
            f"this is not a TWEETS_V2 frame: missing column(s) {', '.join(map(repr, missing))}",
            column=missing[0],
            expected=f"columns {TWEETS_V2.names}",
            found=f"columns {list(frame.columns)}",
        )
    posts = pd.DataFrame({
        "platform": "twitter",
        "post_id": frame["tweet_id"],
        "author_handle": frame["username"],
        "author_id": frame["author_id"],
        "created_at": frame["created_at"],
        "text": frame["text"],
        "lang": frame["lang"],
        "reply_to_post_id": _one_reference(frame, "is_reply"),
        "reply_to_author_id": frame["in_reply_to_user_id"],
        "repost_of_post_id": _one_reference(frame, "is_retweet"),
        "quote_of_post_id": _one_reference(frame, "is_quote"),
        "mentions": pd.NA,
        "mention_count": frame["mention_count"],
        "like_count": frame["like_count"],
        "repost_count": frame["retweet_count"],
        "reply_count": frame["reply_count"],
        "quote_count": frame["quote_count"],
    }, index=frame.index).reset_index(drop=True)
    table = validate(posts, POSTS, typed=True)
    table["text"] = table["text"].fillna("")
    return table


def from_crowdtangle(frame: pd.DataFrame) -> pd.DataFrame:
    """Map the frame of :func:`~govsocial.io.read_crowdtangle_csv` into the :data:`POSTS` format.

    Parameters
    ----------
    frame : DataFrame
        Columns of :data:`~govsocial.io.crowdtangle.CROWDTANGLE_POSTS`.

    Returns
    -------
    DataFrame
        Columns of :data:`POSTS`, one row per post, ``platform`` 'facebook'. What a CrowdTangle
        export does not hold is missing, not guessed: the language, replies, reposts, quotes
        and mentions (a page's posts only, no comments), and the quote count; likes, shares
        and comments become ``like_count``, ``repost_count`` and ``reply_count``.

    Raises
    ------
    DataError
        When the frame lacks a CROWDTANGLE_POSTS column or its values do not fit :data:`POSTS`.

    Examples
    --------
    >>> export = pd.DataFrame({
    ...     "page_name": ["Sample PD"], "user_name": ["SamplePD"],
    ...     "created_at": pd.to_datetime(["2015-01-04 14:05"], utc=True), "post_type": ["Status"],
    ...     "likes": [12], "comments": [3], "shares": [1], "text": ["Road closed"],
    ...     "url": ["https://example.org/p/1"]})
    >>> posts = from_crowdtangle(export)
    >>> posts[["platform", "author_handle", "author_id", "repost_count"]].values.tolist()
    [['facebook', 'SamplePD', 'Sample PD', 1]]
    """
    from govsocial.io.crowdtangle import CROWDTANGLE_POSTS

    missing = [name for name in CROWDTANGLE_POSTS.names if name not in frame.columns]
    if missing:
        raise DataError(
            f"this is not a CROWDTANGLE_POSTS frame: missing column(s) "
            f"{', '.join(map(repr, missing))}",
            column=missing[0],
            expected=f"columns {CROWDTANGLE_POSTS.names}",
            found=f"columns {list(frame.columns)}",
        )
    unknown = pd.Series(pd.NA, index=frame.index, dtype="string")
    posts = pd.DataFrame({
        "platform": "facebook",
        "post_id": frame["url"],
        "author_handle": frame["user_name"],
        "author_id": frame["page_name"],
        "created_at": frame["created_at"],
        "text": frame["text"],
        "lang": unknown,
        "reply_to_post_id": unknown,
        "reply_to_author_id": unknown,
        "repost_of_post_id": unknown,
        "quote_of_post_id": unknown,
        "mentions": unknown,
        "mention_count": pd.Series(pd.NA, index=frame.index, dtype="Int64"),
        "like_count": frame["likes"],
        "repost_count": frame["shares"],
        "reply_count": frame["comments"],
        "quote_count": pd.Series(pd.NA, index=frame.index, dtype="Int64"),
    }, index=frame.index).reset_index(drop=True)
    table = validate(posts, POSTS, typed=True)
    table["text"] = table["text"].fillna("")
    return table


# --------------------------------------------------------------------------------------------
# Reading JSON lines of API pages, shared by the Bluesky and Mastodon readers
# --------------------------------------------------------------------------------------------

BLANK = "blank line"
UNREADABLE = "records with problems, skipped"
REPEATED = "copy of a post or account also on a later line, or a pinned copy (one kept)"


def _dig(value: Any, dotted: str) -> Any:
    """``value["a"]["b"]`` for ``dotted="a.b"``; None when a step is missing or not an object.

    Examples
    --------
    >>> _dig({"a": {"b": 1}}, "a.b"), _dig({"a": 3}, "a.b"), _dig(None, "a")
    (1, None, None)
    """
    for part in dotted.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


@dataclass
class _Lines:
    """The JSON values of a JSON lines file, each with its line; and the lines that are not."""

    values: list[tuple[int, Any]]
    problems: list[Problem]
    blank: int


def _json_lines(path: Path, what: str) -> _Lines:
    """Parse each non-blank line of ``path`` as JSON, collecting the lines that are not.

    Parameters
    ----------
    path : Path
        A readable file (UTF-8, a byte-order mark allowed).
    what : str
        What each line should hold, for messages ("one getAuthorFeed response").

    Raises
    ------
    DataError
        When the file is not UTF-8, is empty or has only blank lines.
    """
    file = str(path)
    text = _decode(path)
    values: list[tuple[int, Any]] = []
    problems: list[Problem] = []
    blank = 0
    for line, content in enumerate(io.StringIO(text, newline=None), start=1):
        if not content.strip():
            blank += 1
            continue
        try:
            values.append((line, json.loads(content)))
        except json.JSONDecodeError as error:
            problems.append(Problem(
                "this line is not valid JSON",
                file=file,
                row=line,
                expected=f"{what} per line, as JSON",
                found=f"{error.msg} at character {error.colno}",
            ))
    if not values and not problems:
        raise DataError(
            "the file is empty" if not text else "the file has only blank lines",
            file=file,
            expected=f"{what} per line, as JSON",
            found="no JSON lines",
        )
    return _Lines(values, problems, blank)


def _shape_problem(file: str, line: int, expected: str, found: Any, *,
                   problem: str, column: str | None = None) -> Problem:
    """Say that a JSON value of ``line`` is not of the documented shape."""
    return Problem(problem, file=file, row=line, column=column, expected=expected,
                   found=f"a JSON {_json_type(found)}" if not isinstance(found, str) else found)


@dataclass
class _Rows:
    """The rows built from a file's records, before they are checked.

    Attributes
    ----------
    rows : list of dict
        One per record, the contract's columns as keys (values as in the JSON).
    lines : list of int
        The line of each row.
    names : list of str
        How each row's messages name it (``"post 'at://...'"``).
    problems : list of Problem
        Records that could not become rows, and problems found while building rows (each
        already naming its record).
    problem_rows : list of int
        For each problem, the position in ``rows`` of the row it condemns, or -1.
    pinned : list of bool
        Rows that repeat a post shown again at the top of a feed (Bluesky's pinned post).
    """

    rows: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    problem_rows: list[int] = field(default_factory=list)
    pinned: list[bool] = field(default_factory=list)

    def add_row(self, row: dict[str, Any], line: int, name: str, *, pinned: bool = False,
                problems: Iterable[Problem] = ()) -> None:
        """Add one row, and the problems that condemn it."""
        self.rows.append(row)
        self.lines.append(line)
        self.names.append(name)
        self.pinned.append(pinned)
        for problem in problems:
            self.problems.append(problem)
            self.problem_rows.append(len(self.rows) - 1)

    def add_problem(self, problem: Problem) -> None:
        """Add a problem of a record that did not become a row (it counts as one record)."""
        self.problems.append(problem)
        self.problem_rows.append(-1)


def _latest(ids: Sequence[Any], lines: Sequence[int], pinned: Sequence[bool]) -> list[int]:
    """Positions to keep: each id on the latest line it appears on (copies on that line stay).

    A pinned copy (shown again at the top of a feed) gives way to any other copy of its post.
    Ids that are not text are kept, for the contract to report.

    Examples
    --------
    >>> _latest(["a", "b", "a", "c", "c"], [1, 1, 2, 3, 3], [False] * 5)
    [1, 2, 3, 4]
    >>> _latest(["a", "a"], [1, 2], [False, True])
    [0]
    """
    unpinned = {i for i, p in zip(ids, pinned, strict=True) if not p and isinstance(i, str)}
    latest: dict[str, int] = {}
    for post_id, line, pin in zip(ids, lines, pinned, strict=True):
        if isinstance(post_id, str) and not (pin and post_id in unpinned):
            latest[post_id] = line
    return [
        position
        for position, (post_id, line, pin) in enumerate(zip(ids, lines, pinned, strict=True))
        if not isinstance(post_id, str)
        or (latest.get(post_id) == line and not (pin and post_id in unpinned))
    ]


def _name_problems(checked: Checked, names: Sequence[str]) -> Checked:
    """Prefix each problem the contract found with the name of its record (its post id)."""
    table = checked.problems.copy()
    if table.empty:
        return checked
    positions = table["position"].to_numpy(int)
    table["problem"] = [
        f"{names[p]}: {text}" if p >= 0 and names[p] else text
        for p, text in zip(positions, table["problem"], strict=True)
    ]
    return dataclasses.replace(checked, problems=table)


def _numbers_as_text(frame: pd.DataFrame, contract: Contract, lines: Sequence[int],
                     names: Sequence[str]) -> list[dict[str, Any]]:
    """Find counts written as JSON strings, and blank them so the contract does not see them.

    :func:`~govsocial.schema.check` refuses a string where a number belongs in a typed
    source, except when every value of the column is a string (it then reads the column as
    text); in JSON a count is a number either way.

    Returns
    -------
    list of dict
        One problem per such value (``position`` in ``frame``, ``row``, ``column``,
        ``problem``, ``expected``, ``found``), for :class:`~govsocial.schema.Checked`.

    Examples
    --------
    >>> toy = Contract("toy", (Column("n", "int"),))
    >>> frame = pd.DataFrame({"n": ["3", 4]}, dtype=object)
    >>> [p["found"] for p in _numbers_as_text(frame, toy, [1, 2], ["a", "b"])], frame["n"].tolist()
    (["'3'"], [None, 4])
    """
    found = []
    for column in contract.columns:
        if column.kind != "int":
            continue
        values = frame[column.name]
        text = values.map(lambda value: isinstance(value, str)).to_numpy(bool)
        for position in text.nonzero()[0]:
            found.append({
                "position": int(position), "row": lines[position], "column": column.name,
                "problem": f"{names[position]}: value cannot be read as int",
                "expected": "a whole number, as a JSON number (not in quotes)",
                "found": repr(values.iloc[position]),
            })
        frame[column.name] = values.mask(text, None)
    return found


def _condemn(checked: Checked, built: _Rows, kept: Sequence[int],
             attached: list[dict[str, Any]]) -> Checked:
    """Add the problems found while building rows; those of kept rows condemn their row."""
    position_of = {old: new for new, old in enumerate(kept)}
    attached = list(attached)
    for problem, row in zip(built.problems, built.problem_rows, strict=True):
        if row >= 0 and row not in position_of:
            continue  # a copy left out for a later one
        attached.append({
            "position": position_of.get(row, -1), "row": problem.row, "column": problem.column,
            "problem": problem.problem, "expected": problem.expected, "found": problem.found,
        })
    if not attached:
        return checked
    extra = pd.DataFrame(attached)
    table = extra if checked.problems.empty else pd.concat([checked.problems, extra])
    table = table.sort_values("row", kind="stable", ignore_index=True)
    table["column"] = table["column"].astype(object).where(table["column"].notna(), None)
    return dataclasses.replace(checked, problems=table)


def _settle(
    built: _Rows,
    contract: Contract,
    *,
    path: Path,
    id_column: str,
    blank: int,
    on_error: OnError,
    finish: Callable[[pd.DataFrame], pd.DataFrame] = lambda frame: frame,
) -> Loaded:
    """Check the rows of a file, apply ``on_error`` and write the report.

    Copies of a post on earlier lines give way to the latest (counted in the report as
    :data:`REPEATED`); every problem of the file is listed at once, each naming its line and,
    where there is one, its post or account id.

    Returns
    -------
    Loaded
        The kept rows (after ``finish``), ``report.rows_read`` counting records read (a line
        that could not be read counts as one) and blank lines, and ``lines`` the line of each
        kept row.
    """
    if on_error not in ("raise", "skip"):
        raise ValueError(f'on_error must be "raise" or "skip", not {on_error!r}')
    file = str(path)
    if not built.rows:
        problems = built.problems or [Problem("no records in the file", file=file)]
        raise DataError.of(problems)
    ids = [row[id_column] for row in built.rows]
    kept = _latest(ids, built.lines, built.pinned)
    frame = pd.DataFrame([built.rows[i] for i in kept], columns=contract.names, dtype=object)
    lines = [built.lines[i] for i in kept]
    names = [built.names[i] for i in kept]
    as_text = _numbers_as_text(frame, contract, lines, names)
    checked = check(frame, contract, file=file, row_numbers=lines, typed=True)
    checked = _name_problems(checked, names)
    checked = _condemn(checked, built, kept, as_text)
    unbuilt = sum(1 for row in built.problem_rows if row < 0)
    if on_error == "skip" and len(checked.bad_rows) == len(frame) and not frame.empty:
        raise checked.error(hint=None)
    table, skipped = checked.settle(on_error)
    left_out = set(checked.bad_rows.tolist())
    report = LoadReport(shown_path(file), rows_read=len(built.rows) + unbuilt + blank)
    report.dropped = {BLANK: blank, REPEATED: len(built.rows) - len(kept)}
    if not skipped.empty:
        report.skipped = skipped
        report.dropped[UNREADABLE] = len(left_out) + unbuilt
    report.dropped = {reason: n for reason, n in report.dropped.items() if n}
    kept_lines = [line for position, line in enumerate(lines) if position not in left_out]
    return Loaded(finish(table), report, kept_lines)


def _text_not_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """Give posts without text (images only) an empty text, not a missing one."""
    frame["text"] = frame["text"].fillna("")
    return frame


def _absent(value: Any, fields: Sequence[str], *, file: str, line: int,
            name: str) -> list[Problem]:
    """List the ``fields`` (dotted paths) that ``value`` lacks, as problems naming the record.

    Only fields whose column may be missing on other platforms need this (text, counts): the
    contract reports a missing id or time by itself.

    Examples
    --------
    >>> print(_absent({"a": {"b": 1}}, ["a.b", "a.c"], file="f", line=3, name="status '9'")[0])
    f, row 3, column 'a.c': status '9': a required field is missing (expected a field 'a.c', \
found no such field)
    """
    problems = []
    for dotted in fields:
        parent, _, last = dotted.rpartition(".")
        holder = _dig(value, parent) if parent else value
        if not isinstance(holder, Mapping) or last not in holder:
            problems.append(Problem(f"{name}: a required field is missing", file=file, row=line,
                                    column=dotted, expected=f"a field {dotted!r}",
                                    found="no such field"))
    return problems


def _join(handles: Iterable[str]) -> str | None:
    """Join handles by one space, each once, in order; None when there are none.

    Examples
    --------
    >>> _join(["a.example", "b@gov.example", "a.example"]), _join([])
    ('a.example b@gov.example', None)
    """
    unique = list(dict.fromkeys(handle for handle in handles if handle))
    return " ".join(unique) if unique else None
