"""Twitter API v2 tweets stored as JSON lines: one API response per line, as ``twarc2`` writes them.

Each non-blank line is one response of a v2 tweet endpoint (lookup, search, timeline): an object
with ``data`` (the tweets), ``includes.users`` (the authors, when requested with
``expansions=author_id``) and ``errors`` (tweets that could not be returned). The tweet object
and its fields are specified in the API v2 data dictionary
(https://developer.x.com/en/docs/twitter-api/data-dictionary, formerly at
developer.twitter.com); how ``twarc2`` stores responses is described in its documentation
(https://twarc-project.readthedocs.io). The creation time hidden in a tweet id is decoded by
:mod:`govsocial.io.snowflake`.

Public functions
----------------
read_tweets_v2_jsonl(path)
    Twitter API v2 responses stored one per line (as ``twarc2`` writes them).

Public constant: the contract :data:`TWEETS_V2`.
"""

from __future__ import annotations

import html
import io
import json
from collections.abc import Mapping
from typing import Any

import pandas as pd

from govsocial.io.core import (
    Loaded,
    PathLike,
    _check_digits,
    _check_unique,
    _decode,
    _get,
    _json_type,
    readable_file,
    shown_path,
)
from govsocial.schema import Column, Contract, DataError, LoadReport, validate

__all__ = ["TWEETS_V2", "read_tweets_v2_jsonl"]

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
_REPEATED = "same tweet id on an earlier line (the later line's copy is kept)"


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


def _empty_page(response: Mapping[str, Any]) -> bool:
    """Whether a response is a page without results (``meta.result_count`` is 0)."""
    meta = response.get("meta")
    return isinstance(meta, Mapping) and meta.get("result_count") == 0


def _latest_copies(ids: list[str], lines: list[int]) -> list[int]:
    """Positions of each id's copies on the latest line it appears on, in file order.

    The same tweet collected twice (overlapping pages of a timeline, a search run again) keeps
    the later copy, whose metrics are the more recent; two copies on one line stay, so that the
    uniqueness check reports them as the error they are.

    Examples
    --------
    >>> _latest_copies(["1", "2", "1"], [1, 1, 2])
    [1, 2]
    """
    latest = dict(zip(ids, lines, strict=True))  # lines only grow, so the last one wins
    pairs = enumerate(zip(ids, lines, strict=True))
    return [i for i, (tweet_id, line) in pairs if line == latest[tweet_id]]


def read_tweets_v2_jsonl(path: PathLike) -> Loaded:
    r"""Read Twitter API v2 responses stored as JSON lines (as ``twarc2`` writes them).

    Each non-blank line is one response: an object with ``data`` (a list of tweets, or one
    tweet) and optionally ``includes.users`` (to find usernames) and ``errors`` (tweets the API
    could not return because they were deleted or protected). A line with ``errors`` and no
    ``data`` is a page on which no tweet could be returned, and is accepted, as is a page with
    ``"meta": {"result_count": 0}`` (a search without results).

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
        value of the wrong type, or the same tweet id twice on one line; the row is the line
        number. The same tweet id on two lines (overlapping pages) is not an error: the later
        line's copy is kept, and the report counts the earlier copies as dropped.

    Examples
    --------
    >>> from pathlib import Path
    >>> import json, tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "tweets.jsonl"
    >>> tweet = {"id": "10", "author_id": "7", "created_at": "2015-01-01T08:00:00.000Z",
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
    path = readable_file(path)
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
                found=f"{error.msg.removesuffix(' at')} at character {error.colno}",
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
            if errors or _empty_page(response):
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
            "no tweets in the file: every response held only errors or no results",
            file=file,
            expected="at least one tweet",
            found=f"{dropped[_API_ERROR]} API errors",
        )
    ids = [row["tweet_id"] for row in rows]
    _check_digits(ids, "tweet_id", file, lines)
    _check_digits([row["author_id"] for row in rows], "author_id", file, lines)
    later = _latest_copies(ids, lines)
    _check_unique([ids[i] for i in later], "tweet_id", file, [lines[i] for i in later])
    if len(later) < len(rows):
        dropped[_REPEATED] = len(rows) - len(later)
    rows = [rows[i] for i in later]
    lines = [lines[i] for i in later]
    users_by_line = [users_by_line[i] for i in later]
    for row, users in zip(rows, users_by_line, strict=True):
        author = row["author_id"]
        row["username"] = users.get(author, all_users.get(author))
    frame = pd.DataFrame(rows, columns=TWEETS_V2.names, dtype=object)
    for name in _REFERENCE_TYPES.values():
        frame[name] = frame[name].astype(bool)
    table = validate(frame, TWEETS_V2, file=file, row_numbers=lines)
    read = len(table) + sum(dropped.values())
    return Loaded(table, LoadReport(shown_path(file), rows_read=read, dropped=dropped))
