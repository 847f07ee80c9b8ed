"""Twitter API v2 tweets stored as JSON lines: one API response per line, as ``twarc2`` writes them.

Each non-blank line is one response of a v2 tweet endpoint (lookup, search, timeline): an object
with ``data`` (the tweets), ``includes.users`` (the authors, when requested with
``expansions=author_id``), ``errors`` (partial errors: tweets or users that could not be
returned) and, from ``twarc2``, ``__twarc`` (with ``retrieved_at``, when the page was
collected). The tweet object and its fields are specified in the API v2 data dictionary
(https://developer.x.com/en/docs/twitter-api/data-dictionary, formerly at
developer.twitter.com), the partial errors in its error guide
(https://developer.x.com/en/support/x-api/error-troubleshooting, "Partial errors"); how
``twarc2`` stores responses is described in its documentation
(https://twarc-project.readthedocs.io). The creation time hidden in a tweet id is decoded by
:mod:`govsocial.io.snowflake`.

Public functions
----------------
read_tweets_v2_jsonl(path, *, on_error="raise")
    Twitter API v2 responses stored one per line (as ``twarc2`` writes them).

Public constants and classes: the contract :data:`TWEETS_V2`; :class:`TweetsReport`, the
report of :func:`read_tweets_v2_jsonl`.
"""

from __future__ import annotations

import dataclasses
import html
import io
import json
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from govsocial.io.core import (
    Loaded,
    PathLike,
    _decode,
    _json_type,
    readable_file,
    shown_path,
)
from govsocial.schema import (
    Checked,
    Column,
    Contract,
    DataError,
    LoadReport,
    OnError,
    Problem,
    check,
)

__all__ = ["TWEETS_V2", "TweetsReport", "read_tweets_v2_jsonl"]

#: Ids of tweets and users: a 64-bit number written as ASCII digits.
_ID = "[0-9]{1,19}"
_ID_MEANING = "digits only, at most 19 (a 64-bit id), e.g. '1476321539234779136'"


def _id_column(name: str, description: str, *, nullable: bool = False,
               unique: bool = False) -> Column:
    """Return a column of ids written as digits, kept as text."""
    return Column(name, "string", nullable=nullable, unique=unique, description=description,
                  pattern=_ID, pattern_meaning=_ID_MEANING)


def _count_column(name: str, description: str) -> Column:
    """Return a public-metrics count column (missing without ``public_metrics``)."""
    return Column(name, "int", nullable=True, minimum=0,
                  description=f"{description} Missing when the response holds no "
                  "public_metrics (not requested with tweet.fields).")


TWEETS_V2 = Contract(
    "Twitter API v2 tweets",
    (
        _id_column("tweet_id", "Tweet id (digits, as text).", unique=True),
        _id_column("author_id", "User id of the author (digits, as text)."),
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
        _count_column(
            "retweet_count",
            "Retweets when collected (count). For a retweet the API reports the original "
            "tweet's count: filter on is_retweet before analysing engagement.",
        ),
        _count_column("reply_count", "Replies when collected (count)."),
        _count_column("like_count", "Likes when collected (count)."),
        _count_column("quote_count", "Quote tweets when collected (count)."),
        Column("is_retweet", "bool", description="The tweet is a retweet ('retweeted')."),
        Column("is_reply", "bool", description="The tweet is a reply (referenced 'replied_to')."),
        Column("is_quote", "bool", description="The tweet quotes another (referenced 'quoted')."),
        _id_column(
            "referenced_id",
            "Id of the first tweet this one retweets, replies to or quotes.",
            nullable=True,
        ),
        _id_column(
            "in_reply_to_user_id",
            "User id of the author replied to (missing for non-replies).",
            nullable=True,
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
_SKIPPED = "rows with problems, skipped"
_API_ERROR_COLUMNS = ["line", "resource_type", "parameter", "value", "title", "requested"]


@dataclass
class TweetsReport(LoadReport):
    """The report of :func:`read_tweets_v2_jsonl`: a :class:`LoadReport` and two notes.

    Attributes
    ----------
    without_metrics : int
        Tweets kept whose response held no ``public_metrics``: their four counts are missing
        (a chapter that needs the counts leaves them out and says so).
    api_errors : DataFrame
        Every ``errors`` entry of the file, one per line: ``line``, ``resource_type``,
        ``parameter``, ``value``, ``title`` and ``requested`` (True for a requested tweet the
        API did not return, counted in ``dropped``; False for an error about something not
        requested, such as a referenced tweet or a mentioned user, which drops nothing).

    Examples
    --------
    >>> print(TweetsReport("t.jsonl", rows_read=3, without_metrics=2))
    t.jsonl: read 3 rows, kept 3, dropped 0; 2 tweets without public_metrics (counts missing)
    """

    without_metrics: int = 0
    api_errors: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=_API_ERROR_COLUMNS)
    )

    @property
    def other_api_errors(self) -> int:
        """Errors about tweets or users that were not requested (not counted as dropped)."""
        return int((~self.api_errors["requested"].astype(bool)).sum())

    def __str__(self) -> str:
        text = super().__str__()
        if self.without_metrics:
            text += (f"; {self.without_metrics:,} tweets without public_metrics "
                     "(counts missing)")
        if self.other_api_errors:
            text += (f"; {self.other_api_errors:,} API errors about tweets or users not "
                     "requested (e.g. referenced tweets), listed in report.api_errors")
        return text


def _tweet_name(tweet_id: Any) -> str:
    """How a message names a tweet: ``tweet 123``, ``tweet '12a'``, or ``a tweet``."""
    if isinstance(tweet_id, str) and tweet_id.isascii() and tweet_id.isdigit():
        return f"tweet {tweet_id}"
    return f"tweet {tweet_id!r}" if isinstance(tweet_id, str | int | float) else "a tweet"


def _is_missing_tweet(error: Any) -> bool:
    """Whether an ``errors`` entry stands for a requested tweet the API did not return.

    That is an error about a tweet (``resource_type: tweet``) named by the request's ``ids``
    (or, for a single-tweet lookup, ``id``) parameter. Errors about expansions (a referenced
    tweet, ``parameter: referenced_tweets.id``; a mentioned user; anything in
    ``section: includes``) or without these fields do not stand for a dropped tweet.

    Examples
    --------
    >>> _is_missing_tweet({"resource_type": "tweet", "parameter": "ids", "value": "9"})
    True
    >>> _is_missing_tweet({"resource_type": "tweet", "parameter": "referenced_tweets.id"})
    False
    >>> _is_missing_tweet({"title": "Not Found Error"})
    False
    """
    if not isinstance(error, Mapping):
        return False
    return (
        error.get("resource_type") == "tweet"
        and error.get("parameter") in ("ids", "id")
        and error.get("section", "data") == "data"
    )


def _api_error_row(error: Any, line: int) -> dict[str, Any]:
    """One row of :attr:`TweetsReport.api_errors`."""
    if not isinstance(error, Mapping):
        return {"line": line, "resource_type": None, "parameter": None, "value": None,
                "title": f"a JSON {_json_type(error)}", "requested": False}
    return {
        "line": line,
        **{name: error.get(name) for name in ("resource_type", "parameter", "value", "title")},
        "requested": _is_missing_tweet(error),
    }


def _references(tweet: Mapping[str, Any], name: str, file: str,
                line: int) -> tuple[dict[str, Any], list[Problem]]:
    """Return a tweet's reference flags and first referenced id, and the problems found."""
    out: dict[str, Any] = {**dict.fromkeys(_REFERENCE_TYPES.values(), False),
                           "referenced_id": None}
    references = tweet.get("referenced_tweets") or []
    if not isinstance(references, list):
        references = [references]
    for number, reference in enumerate(references):
        kind = reference.get("type") if isinstance(reference, Mapping) else None
        if kind not in _REFERENCE_TYPES:
            return out, [Problem(
                f"{name}: unknown kind of referenced tweet", file, line,
                "referenced_tweets.type", f"one of {list(_REFERENCE_TYPES)}", repr(kind),
            )]
        out[_REFERENCE_TYPES[kind]] = True
        if number == 0:
            if "id" not in reference:
                return out, [Problem(
                    f"{name}: a referenced tweet has no id", file, line,
                    "referenced_tweets.id", "a field 'id'", f"fields {sorted(reference)}",
                )]
            out["referenced_id"] = reference["id"]
    return out, []


def _metrics(tweet: Mapping[str, Any], name: str, file: str,
             line: int) -> tuple[dict[str, Any], list[Problem]]:
    """Return a tweet's four counts (missing without ``public_metrics``), and the problems."""
    metrics = tweet.get("public_metrics")
    if metrics is None:
        return dict.fromkeys(_METRICS), []
    if not isinstance(metrics, Mapping):
        return {}, [Problem(f"{name}: public_metrics must be an object", file, line,
                            "public_metrics", "a JSON object", f"a JSON {_json_type(metrics)}")]
    absent = [count for count in _METRICS if count not in metrics]
    if absent:
        return {}, [Problem(
            f"{name} has no field 'public_metrics.{absent[0]}'", file, line,
            f"public_metrics.{absent[0]}", f"the counts {list(_METRICS)}",
            f"fields {sorted(metrics)}",
        )]
    counts = {count: metrics[count] for count in _METRICS}
    # A whole column of strings would be read as text by check(): refuse them here.
    text = [count for count, value in counts.items() if isinstance(value, str)]
    return counts, [
        Problem(f"{name}: a count must be a JSON number", file, line, count,
                "a whole number >= 0 (a JSON number)", repr(counts[count]))
        for count in text
    ]


def _flatten_tweet(tweet: Any, *, file: str, line: int) -> tuple[dict[str, Any] | None,
                                                                 list[Problem]]:
    """One row of :data:`TWEETS_V2` (without username) from a v2 tweet object.

    Values keep their JSON types, for :func:`~govsocial.schema.check` to judge; what cannot
    become a row (not an object, a required field missing) is returned as problems instead.
    """
    if not isinstance(tweet, Mapping):
        return None, [Problem("a tweet must be a JSON object", file, line, "data",
                              '{"id": ..., "text": ...}', f"a JSON {_json_type(tweet)}")]
    name = _tweet_name(tweet.get("id"))
    problems = [
        Problem(f"{name} has no field {required!r}", file, line, required,
                f"a field {required!r}", f"fields {sorted(tweet)}")
        for required in ("id", "author_id", "created_at", "text")
        if required not in tweet
    ]
    counts, metric_problems = _metrics(tweet, name, file, line)
    references, reference_problems = _references(tweet, name, file, line)
    problems += metric_problems + reference_problems
    entities = tweet.get("entities") or {}
    mentions = entities.get("mentions") if isinstance(entities, Mapping) else None
    if mentions is not None and not isinstance(mentions, list):
        problems.append(Problem(f"{name}: entities.mentions must be a list", file, line,
                                "entities.mentions", "a JSON array",
                                f"a JSON {_json_type(mentions)}"))
    if problems:
        return None, problems
    text = tweet["text"]
    return {
        "tweet_id": tweet["id"],
        "author_id": tweet["author_id"],
        "created_at": tweet["created_at"],
        "text": html.unescape(text) if isinstance(text, str) else text,
        "lang": tweet.get("lang"),
        **counts,
        **references,
        "in_reply_to_user_id": tweet.get("in_reply_to_user_id"),
        "mention_count": len(mentions or []),
    }, []


def _users(response: Mapping[str, Any]) -> dict[str, str] | None:
    """User id -> username from a response's ``includes.users`` (None: not a list)."""
    includes = response.get("includes") or {}
    users = includes.get("users") if isinstance(includes, Mapping) else None
    if users is None:
        return {}
    if not isinstance(users, list):
        return None
    return {
        str(user["id"]): user["username"]
        for user in users
        if isinstance(user, Mapping) and "id" in user and "username" in user
    }


def _empty_page(response: Mapping[str, Any]) -> bool:
    """Whether a response is a page without results (``meta.result_count`` is 0)."""
    meta = response.get("meta")
    return isinstance(meta, Mapping) and meta.get("result_count") == 0


def _retrieved_at(response: Mapping[str, Any]) -> pd.Timestamp | None:
    """When ``twarc2`` collected the page (``__twarc.retrieved_at``), if it says so."""
    twarc = response.get("__twarc")
    stamp = twarc.get("retrieved_at") if isinstance(twarc, Mapping) else None
    if not isinstance(stamp, str):
        return None
    parsed = pd.to_datetime(stamp, format="ISO8601", utc=True, errors="coerce")
    return None if pd.isna(parsed) else parsed


def _latest_copies(ids: Sequence[Hashable], lines: Sequence[int]) -> list[int]:
    """Positions of each id's copies on the latest line it appears on, in file order.

    The same tweet collected twice (overlapping pages of a timeline, a search run again) keeps
    the later copy, whose metrics are the more recent; two copies on one line stay, so that the
    uniqueness check reports them as the problem they are.

    Examples
    --------
    >>> _latest_copies(["1", "2", "1"], [1, 1, 2])
    [1, 2]
    """
    latest = dict(zip(ids, lines, strict=True))  # lines only grow, so the last one wins
    pairs = enumerate(zip(ids, lines, strict=True))
    return [i for i, (tweet_id, line) in pairs if line == latest[tweet_id]]


@dataclass
class _Pages:
    """What the lines of a file hold, before the table is built."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    users: list[dict[str, str]] = field(default_factory=list)
    all_users: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    left_out: int = 0  # tweets that could not become rows
    blank: int = 0
    responses: int = 0
    api_errors: list[dict[str, Any]] = field(default_factory=list)
    retrieved: list[pd.Timestamp] = field(default_factory=list)


def _read_response(pages: _Pages, response: Any, *, file: str, line: int) -> None:
    """Add one line's response to ``pages``: its tweets, users, errors and problems."""
    if not isinstance(response, Mapping):
        pages.problems.append(Problem(
            "each line must be a JSON object (an API response)", file, line, None,
            '{"data": [...], ...}', f"a JSON {_json_type(response)}"))
        return
    pages.responses += 1
    stamp = _retrieved_at(response)
    if stamp is not None:
        pages.retrieved.append(stamp)
    tweets = response.get("data", [])
    tweets = tweets if isinstance(tweets, list) else [tweets]
    errors = response.get("errors") or []
    users = _users(response)
    if not isinstance(errors, list) or users is None:
        column = "errors" if not isinstance(errors, list) else "includes.users"
        value = errors if column == "errors" else response["includes"]["users"]
        pages.problems.append(Problem(
            f"{column} must be a list (the line's tweets are not read)", file, line,
            column, "a JSON array", f"a JSON {_json_type(value)}"))
        pages.left_out += len(tweets)
        return
    pages.api_errors += [_api_error_row(error, line) for error in errors]
    if "data" not in response and not errors and not _empty_page(response):
        pages.problems.append(Problem(
            "this line has no 'data' (is it an API response?)", file, line, "data",
            "an object with a 'data' key holding tweets", f"keys {sorted(response)}"))
        return
    pages.all_users.update(users)
    for tweet in tweets:
        row, problems = _flatten_tweet(tweet, file=file, line=line)
        if row is None:
            pages.problems += problems
            pages.left_out += 1
            continue
        pages.rows.append(row)
        pages.lines.append(line)
        pages.users.append(users)


def _read_pages(text: str, file: str) -> _Pages:
    """Read every line of a JSON lines file; a line that is not JSON raises at once."""
    pages = _Pages()
    for line, content in enumerate(io.StringIO(text, newline=None), start=1):
        if not content.strip():
            pages.blank += 1
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
        _read_response(pages, response, file=file, line=line)
    return pages


def _name_tweets(checked: Checked, ids: Sequence[Any]) -> Checked:
    """Begin each problem of a row with the tweet it concerns (``tweet 123: ...``)."""
    problems = checked.problems
    if problems.empty:
        return checked
    named = [
        f"{_tweet_name(ids[position])}: {problem}" if position >= 0 else problem
        for position, problem in zip(problems["position"], problems["problem"], strict=True)
    ]
    return dataclasses.replace(checked, problems=problems.assign(problem=named))


def read_tweets_v2_jsonl(path: PathLike, *, on_error: OnError = "raise") -> Loaded:
    r"""Read Twitter API v2 responses stored as JSON lines (as ``twarc2`` writes them).

    Each non-blank line is one response: an object with ``data`` (a list of tweets, or one
    tweet) and optionally ``includes.users`` (to find usernames), ``errors`` (partial errors)
    and ``__twarc.retrieved_at``. A line with ``errors`` and no ``data`` is a page on which no
    tweet could be returned, and is accepted, as is a page with ``"meta": {"result_count": 0}``
    (a search without results). Values are read with their JSON types: ids are strings of
    digits, counts are numbers, ``created_at`` is ISO 8601 text and not after the latest
    ``retrieved_at`` of the file (or now, when the file does not say). A tweet without
    ``public_metrics`` is kept with missing counts (``report.without_metrics`` counts them).
    The same tweet id on two lines (overlapping pages) is not a problem: the later line's copy
    is kept, and the report counts the earlier copies as dropped.

    Parameters
    ----------
    path : str or path-like
        The ``.jsonl`` file.
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every problem of the file's tweets (the first 20, then
        how many more), each with its line, column and tweet id. ``"skip"``: tweets with
        problems are left out, and ``report.skipped`` lists each with its line and reason.

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`TWEETS_V2`, in file order; ``report`` (a
        :class:`TweetsReport`) counting tweets, API errors for requested tweets and blank lines
        as read, and the errors, blank lines, earlier copies and skipped tweets as dropped;
        errors about tweets or users that were not requested are listed in
        ``report.api_errors`` and drop nothing.

    Raises
    ------
    DataError
        At once for a file that is not UTF-8, empty or blank, a line that is not JSON, or a
        file without any tweet; with ``on_error="raise"`` also for every line that is not an
        API response and every tweet without a required field (id, author_id, created_at,
        text), with a value of the wrong type or form, or repeated on one line.

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
    pages = _read_pages(text, file)
    if not pages.responses and not pages.problems:
        raise DataError(
            "the file is empty" if not text else "the file has only blank lines",
            file=file,
            expected="one API response (JSON object) per line",
            found="no JSON lines",
        )
    requested_errors = sum(error["requested"] for error in pages.api_errors)
    if not pages.rows:
        if pages.problems:
            raise DataError.of(pages.problems)
        raise DataError(
            "no tweets in the file: every response held only errors or no results",
            file=file,
            expected="at least one tweet",
            found=f"{requested_errors} API errors",
        )
    ids = [row["tweet_id"] for row in pages.rows]
    keys: list[Hashable] = [i if isinstance(i, str) else (n,) for n, i in enumerate(ids)]
    later = _latest_copies(keys, pages.lines)
    rows = [pages.rows[i] for i in later]
    lines = [pages.lines[i] for i in later]
    for i, row in zip(later, rows, strict=True):
        author = row["author_id"]
        known = isinstance(author, str)
        row["username"] = pages.users[i].get(author, pages.all_users.get(author)) if known else None
    frame = pd.DataFrame(rows, columns=TWEETS_V2.names, dtype=object)
    not_after = max(pages.retrieved) if pages.retrieved else None
    checked = check(frame, TWEETS_V2, file=file, row_numbers=lines, typed=True,
                    not_after=not_after)
    checked = _name_tweets(checked, [row["tweet_id"] for row in rows])
    checked = checked.add(pages.problems)
    table, skipped = checked.settle(on_error)
    dropped = {_API_ERROR: requested_errors, _BLANK: pages.blank}
    if len(later) < len(pages.rows):
        dropped[_REPEATED] = len(pages.rows) - len(later)
    if not skipped.empty:
        dropped[_SKIPPED] = pages.left_out + len(checked.bad_rows)
    report = TweetsReport(
        shown_path(file),
        rows_read=len(pages.rows) + pages.left_out + requested_errors + pages.blank,
        dropped=dropped,
        skipped=skipped,
        without_metrics=int(table[list(_METRICS)].isna().all(axis=1).sum()),
        api_errors=pd.DataFrame(pages.api_errors, columns=_API_ERROR_COLUMNS),
    )
    kept = np.ones(len(lines), bool)
    kept[checked.bad_rows] = False
    return Loaded(table, report, [line for line, keep in zip(lines, kept, strict=True) if keep])

