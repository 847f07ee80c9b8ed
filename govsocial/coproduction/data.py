"""The coproduction chapter's data: the reader's own tweets, and the CrisisLex files.

- :func:`load_folder`: a reader's posts (Bluesky, Mastodon, or archival Twitter API v2) and
  ``accounts.csv``, through the post format into the frames
  :func:`~govsocial.coproduction.simulate` builds;
- :func:`read_crisislex_t6`: the CrisisLexT6 Hurricane Sandy tweets, times decoded from the ids;
- :func:`read_account_types`: the hand-made table of organisational accounts;
- :func:`read_crisislex_timeline`, :func:`read_crisislex_timelines`: CrisisLexT26 timelines.

Every reader validates what it reads and raises :class:`~govsocial.schema.DataError` naming the
file, line and column of the first problem.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from govsocial import io
from govsocial.io.core import readable_file, readable_folder
from govsocial.io.folders import PLATFORM_FILES, detect_platform, handle_key, read_platform
from govsocial.io.rows import case_repeats, keep_rows, row_problems
from govsocial.schema import (
    SKIP_HINT,
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

from ._common import _RT_PATTERN
from .simulate import ACCOUNT_TYPES, ACCOUNTS, LANDFALL, TWEETS, CoproductionData

__all__ = [
    "OWN_ACCOUNTS",
    "PLATFORM_OWN_ACCOUNTS",
    "SANDY",
    "SANDY_ACCOUNT_TYPES",
    "TIMELINE",
    "load_folder",
    "read_account_types",
    "read_crisislex_t6",
    "read_crisislex_timeline",
    "read_crisislex_timelines",
]


# --------------------------------------------------------------------------------------------
# Own data
# --------------------------------------------------------------------------------------------

OWN_ACCOUNTS = Contract(
    "coproduction accounts.csv",
    (
        Column("username", "string", unique=True,
               description="Handle without the @, as in the tweets' includes.users."),
        Column("account_type", "string", allowed=ACCOUNT_TYPES,
               description="government or citizen."),
        Column("followers", "int", minimum=0,
               description="Followers when the tweets were collected (count)."),
        Column("name", "string", nullable=True, description="Display name (optional)."),
    ),
    key=("username",),
)
"""Contract of a reader's ``accounts.csv`` (see :func:`load_folder`)."""


PLATFORM_OWN_ACCOUNTS = Contract(
    "coproduction accounts.csv (Bluesky, Mastodon)",
    (
        Column("handle", "string", unique=True,
               description="Handle without the @ (letter case ignored): a Bluesky handle, or a "
               "Mastodon user@server (an account of the server in collection.json may be "
               "written without its server)."),
        Column("account_type", "string", allowed=ACCOUNT_TYPES,
               description="government or citizen."),
        Column("followers", "int", nullable=True, minimum=0,
               description="Followers (count); empty: the count in the collected profiles "
               "(profiles.jsonl, accounts.jsonl), when they were collected."),
        Column("name", "string", nullable=True, description="Display name (optional)."),
    ),
    key=("handle",),
)
"""Contract of ``accounts.csv`` beside Bluesky or Mastodon files (see :func:`load_folder`)."""

_TWEETS_FILE = "tweets.jsonl"
_ACCOUNTS_FILE = "accounts.csv"


def load_folder(folder: str | Path, *, landfall: pd.Timestamp | str = LANDFALL,
                on_error: OnError = "raise") -> CoproductionData:
    """Read a reader's own posts and accounts into the frames the analysis uses.

    The folder holds the files of ONE platform (named from the files present by
    :func:`govsocial.io.folders.detect_platform`) and ``accounts.csv``:

    - **Bluesky**: ``feed.jsonl`` and ``profiles.jsonl`` as ``python -m govsocial.collect
      bluesky --handles accounts.csv --out mydata/`` writes them;
    - **Mastodon**: ``statuses.jsonl``, ``accounts.jsonl`` and ``collection.json`` (the server
      that answered);
    - with either, ``accounts.csv`` with the columns of :data:`PLATFORM_OWN_ACCOUNTS`
      (``handle``, ``account_type`` government or citizen, optional ``followers``, taken from
      the collected profiles when empty, and ``name``);
    - **archival**: ``tweets.jsonl`` (Twitter API v2 responses, one per line, as ``twarc2``
      writes them with ``expansions=author_id``) and ``accounts.csv`` with the columns of
      :data:`OWN_ACCOUNTS` (``username``, ``account_type``, ``followers``, optional ``name``).

    ``accounts.csv`` must list every author of a post. Every platform is first read into the
    post format (:data:`~govsocial.io.posts.POSTS`); reposts, boosts and retweets become the
    chapter's retweets. A repost's original author is the author of the original post when it
    is in the file; otherwise, on Bluesky, the account whose DID the original's URI names (its
    handle from the profiles or the feed), and on Twitter the ``RT @account`` at the start of
    the text; Mastodon's boosts of statuses not in the file name no author and are refused (or
    skipped). Every platform links a repost to the original post, not to the repost it was
    passed on from, so cascades in your data have depth 1.

    Parameters
    ----------
    folder : str or path-like
        The folder.
    landfall : Timestamp or str
        When the disaster struck (UTC), marked on the figures.
    on_error : {"raise", "skip"}
        ``"raise"``: problems in rows raise one DataError listing them all, each with its line
        (and post id). ``"skip"``: those rows (and posts by authors not in ``accounts.csv``,
        and reposts whose original author cannot be found) are left out, and the report lists
        or counts them.

    Returns
    -------
    CoproductionData
        ``effects`` is None; ``report`` says what was read and dropped (of the posts file).

    Raises
    ------
    DataError
        For a missing folder or file, a folder with files of two platforms or of none,
        malformed files, a handle listed twice (any case), tweets without usernames (collected
        without ``expansions=author_id``), an author missing from ``accounts.csv``, an account
        whose followers neither ``accounts.csv`` nor the profiles give, or a repost whose
        original author cannot be found.

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> folder = data_dir().parent / "tests" / "data" / "coproduction"
    >>> data = load_folder(folder)
    >>> int(data.tweets["retweeted_id"].notna().sum()), data.report.rows_kept
    (6, 10)
    """
    folder = readable_folder(folder)
    platform = detect_platform(folder, [_TWEETS_FILE])
    accounts_path = folder / _ACCOUNTS_FILE
    if accounts_path.exists():
        readable_file(accounts_path)  # a folder or an unreadable file: its own message
    else:
        raise DataError(
            "the own-data folder is missing a file",
            file=str(accounts_path),
            expected="accounts.csv beside the posts (one row per author)",
            found="no such file",
        )
    if platform == "archival":
        own = _read_twitter(folder / _TWEETS_FILE, accounts_path, on_error)
    else:
        own = _read_platform_folder(folder, platform, accounts_path, on_error)
    return _from_posts(own, landfall, on_error)


@dataclasses.dataclass
class _Own:
    """A folder read into the post format, before the chapter's frames are built.

    ``accounts`` has the columns ``handle``, ``name``, ``account_type``, ``followers``;
    ``key`` gives a handle's match form; ``authors`` maps an author id to its handle (for the
    original authors of reposts); ``rt_text`` says whether an ``RT @account`` text names them.
    """

    posts: pd.DataFrame
    lines: list[int] | None
    report: LoadReport
    posts_file: Path
    accounts: pd.DataFrame
    accounts_file: Path
    key: Callable[[Any], Any]
    authors: dict[str, str]
    rt_text: bool


def _read_twitter(tweets_path: Path, accounts_path: Path, on_error: OnError) -> _Own:
    """Read an archival folder (``tweets.jsonl`` and ``accounts.csv``) into a :class:`_Own`."""
    loaded = _read_tweets(tweets_path, on_error)
    own = _read_own_accounts(accounts_path, on_error).frame
    raw = loaded.frame
    if raw["username"].isna().all():
        raise DataError(
            "no tweet carries its author's username, so none can be matched to accounts.csv: "
            "the responses have no includes.users (were the tweets collected without "
            "expansions=author_id?)",
            file=str(tweets_path), column="includes.users",
            expected="responses with includes.users (request expansions=author_id)",
            found=f"{len(raw):,} tweets, no usernames",
        )
    accounts = own.rename(columns={"username": "handle"})
    lines = list(loaded.lines) if loaded.lines is not None else None
    return _Own(io.from_tweets_v2(raw), lines, loaded.report, tweets_path, accounts,
                accounts_path, handle_key, {}, True)


def _read_platform_folder(folder: Path, platform: str, accounts_path: Path,
                          on_error: OnError) -> _Own:
    """Read a Bluesky or Mastodon folder into a :class:`_Own`."""
    read = read_platform(folder, platform, on_error=on_error)
    loaded = io.read_table(accounts_path, PLATFORM_OWN_ACCOUNTS, on_error=on_error)
    loaded = _twice(loaded, PLATFORM_OWN_ACCOUNTS, "handle", read.key, on_error)
    profiles = read.profiles.frame
    followers = dict(zip(profiles["handle"].map(read.key), profiles["followers"], strict=True))
    frame = loaded.frame
    lines = list(loaded.lines or range(2, len(frame) + 2))
    known = frame["followers"].astype("Int64").fillna(
        frame["handle"].map(read.key).map(followers).astype("Int64"))
    unknown = np.flatnonzero(known.isna().to_numpy(bool))
    loaded = keep_rows(
        io.Loaded(frame.assign(followers=known), loaded.report, lines), PLATFORM_OWN_ACCOUNTS,
        on_error, row_problems(
            unknown, lines, "followers", "the followers of this account are not known",
            f"a count in accounts.csv, or the account's profile in {PLATFORM_FILES[platform][1]}",
            [f"{frame['handle'].iloc[i]!r}: no count, no profile" for i in unknown]))
    frame = loaded.frame
    frame = frame.assign(handle=frame["handle"].map(lambda h: _written(h, read.server)))
    return _Own(read.posts.frame, read.lines, read.reports[0], read.posts_file,
                frame.astype({"followers": "int64"}), accounts_path, read.key,
                read.handle_of_id(), False)


def _written(handle: str, server: str | None) -> str:
    """Write a handle of ``accounts.csv`` as the chapter shows it.

    No '@' in front, Mastodon's local accounts with their server, letter case as written.

    Examples
    --------
    >>> _written("@Info", "gov.example"), _written(" City.bsky.social", None)
    ('Info@gov.example', 'City.bsky.social')
    """
    shown = handle.strip().removeprefix("@")
    return f"{shown}@{server}" if server is not None and "@" not in shown else shown


def _original_author(post_id: Any, authors: dict[str, str]) -> Any:
    """Find the handle of a Bluesky post's author from the DID its ``at://`` URI names.

    Examples
    --------
    >>> _original_author("at://did:plc:a/app.bsky.feed.post/3k", {"did:plc:a": "a.example"})
    'a.example'
    >>> _original_author("112000000000000500", {}) is None
    True
    """
    if not isinstance(post_id, str) or not post_id.startswith("at://"):
        return None
    return authors.get(post_id.removeprefix("at://").split("/", 1)[0])


def _from_posts(own: _Own, landfall: pd.Timestamp | str, on_error: OnError) -> CoproductionData:
    """Build the chapter's frames from a folder read into the post format."""
    posts, report, file = own.posts, own.report, str(own.posts_file)
    spelling = dict(zip(own.accounts["handle"].map(own.key), own.accounts["handle"],
                        strict=True))
    author = posts["author_handle"].map(own.key).map(spelling)
    lines = own.lines
    unlisted = author.isna().to_numpy(bool)
    posts = _drop_tweets(posts, unlisted, lines, report, on_error, file)
    if posts.empty:
        raise DataError("no post is by an account listed in accounts.csv", file=file,
                        column="author_handle", expected="posts by the accounts listed",
                        found=f"{int(unlisted.sum()):,} posts by accounts not listed")
    if lines is not None:
        lines = [line for line, out in zip(lines, unlisted, strict=True) if not out]
    posts = posts.assign(username=author[~unlisted].astype("string").to_numpy())
    author_of = dict(zip(posts["post_id"], posts["username"], strict=True))
    retweeted_id = posts["repost_of_post_id"]
    is_rt = retweeted_id.notna()
    found = retweeted_id.map(author_of)
    if own.rt_text:
        found = found.fillna(posts["text"].str.extract(_RT_PATTERN, expand=False))
    else:
        by_did = retweeted_id.map(lambda uri: _original_author(uri, own.authors))
        found = found.fillna(by_did.map(lambda h: spelling.get(own.key(h), h)
                                        if isinstance(h, str) else None))
    retweeted_account = found.where(is_rt)
    lost = (is_rt & retweeted_account.isna()).to_numpy(bool)
    posts = _drop_lost(posts, lost, lines, report, on_error, file)
    keep = ~lost
    tweets = pd.DataFrame({
        "tweet_id": posts["post_id"],
        "account": posts["username"],
        "created_at": posts["created_at"],
        "text": posts["text"],
        "retweeted_id": retweeted_id[keep].to_numpy(),
        "retweeted_account": retweeted_account[keep].to_numpy(),
    })
    tweets = validate(tweets, TWEETS, file=file)
    tweets = tweets.sort_values(["created_at", "tweet_id"], kind="stable").reset_index(drop=True)
    accounts = validate(
        pd.DataFrame({
            "account": own.accounts["handle"],
            "name": own.accounts["name"],
            "account_type": own.accounts["account_type"],
            "role": own.accounts["account_type"],
            "followers": own.accounts["followers"],
        }),
        ACCOUNTS,
        file=str(own.accounts_file),
    )
    outside = tweets["retweeted_id"].notna() & ~tweets["retweeted_id"].isin(tweets["tweet_id"])
    return CoproductionData(
        accounts=accounts, tweets=tweets, effects=None, landfall=pd.Timestamp(landfall),
        report=report, scale="own data",
        notes={"retweets_of_tweets_outside_the_file": int(outside.sum())},
    )


_UNLISTED = "author not in accounts.csv"
_LOST = "reposts whose original author is unknown"


def _read_tweets(path: Path, on_error: OnError) -> io.Loaded:
    """Read ``tweets.jsonl`` (Twitter API v2 JSON lines)."""
    return io.read_tweets_v2_jsonl(path, on_error=on_error)


def _twice(loaded: io.Loaded, contract: Contract, column: str, key: Callable[[Any], Any],
           on_error: OnError) -> io.Loaded:
    """Refuse (or skip) a handle listed a second time in any case; the problem names both lines."""
    handles = loaded.frame[column]
    lines = list(loaded.lines or range(2, len(handles) + 2))
    again, found = case_repeats(handles, lines, keys=handles.map(key))
    return keep_rows(io.Loaded(loaded.frame, loaded.report, lines), contract, on_error,
                     row_problems(again, lines, column,
                                  "this handle is listed twice (handles ignore case)",
                                  "each account once", found))


def _read_own_accounts(path: Path, on_error: OnError) -> io.Loaded:
    """Read ``accounts.csv``; a handle listed twice in any case names both lines."""
    loaded = io.read_table(path, OWN_ACCOUNTS, on_error=on_error)
    return _twice(loaded, OWN_ACCOUNTS, "username", handle_key, on_error)


def _drop_tweets(raw: pd.DataFrame, unlisted: np.ndarray, lines: list[int] | None,
                 report: LoadReport, on_error: OnError, file: str) -> pd.DataFrame:
    """Raise at posts whose author is not in ``accounts.csv``, or leave them out and count them.

    Each problem names the post id, the author and, when the reader gives it, the line.
    """
    if not unlisted.any():
        return raw
    noun = "tweet" if file.endswith(_TWEETS_FILE) else "post"
    column = "username" if noun == "tweet" else "author_handle"
    problems = [
        Problem(f"a {noun}'s author is not listed in accounts.csv", file=file,
                row=lines[i] if lines else None, column=column,
                expected="a row of accounts.csv for every author (handles ignore case)",
                found=f"{raw['author_handle'].iloc[i]!r} (author of {noun} "
                      f"{raw['post_id'].iloc[i]})")
        for i in np.flatnonzero(unlisted)
    ]
    if on_error == "raise":
        raise DataError.of(problems, hint=SKIP_HINT)
    report.dropped[_UNLISTED] = len(problems)
    return raw[~unlisted].reset_index(drop=True)


def _drop_lost(posts: pd.DataFrame, lost: np.ndarray, lines: list[int] | None,
               report: LoadReport, on_error: OnError, file: str) -> pd.DataFrame:
    """Raise at reposts whose original author cannot be found, or leave them out and count them.

    Every such repost is named at once, with its id and, when the reader gives it, its line.
    """
    if not lost.any():
        return posts
    twitter = file.endswith(_TWEETS_FILE)
    problems = [
        Problem("cannot tell whose tweet this retweet passes on" if twitter else
                "cannot tell whose post this repost passes on", file=file,
                row=lines[i] if lines else None,
                column="referenced_tweets.id" if twitter else "repost_of_post_id",
                expected="the retweeted tweet in the file, or a text starting 'RT @account:'"
                if twitter else "the original post in the file (or, on Bluesky, its author's "
                "profile)",
                found=f"{'tweet' if twitter else 'post'} {posts['post_id'].iloc[i]} (of "
                      f"{posts['repost_of_post_id'].iloc[i]})")
        for i in np.flatnonzero(lost)
    ]
    if on_error == "raise":
        raise DataError.of(problems, hint=SKIP_HINT)
    report.dropped[_LOST] = len(problems)
    return posts[~lost].reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Real data: CrisisLexT6 (Hurricane Sandy) and the CrisisLexT26 timelines
# --------------------------------------------------------------------------------------------

SANDY = Contract(
    "CrisisLexT6 on-topic / off-topic tweets",
    (
        Column("event", "string", description="Crisis, from the folder name."),
        Column("tweet_id", "string", unique=True,
               description="Tweet id (digits; the file wraps it in single quotes)."),
        Column("created_at", "datetime",
               description="When the tweet was posted (UTC), decoded from the Snowflake id."),
        Column("text", "string",
               description="Text of the tweet as collected, HTML entities unescaped once."),
        Column("label", "string", allowed=("on-topic", "off-topic"),
               description="Crowd label: about the crisis (on-topic) or not (off-topic)."),
        Column("is_retweet", "bool", description="The text contains 'RT @account'."),
        Column("retweeted_account", "string", nullable=True,
               description="The account after the first 'RT @', lower case."),
    ),
    key=("tweet_id",),
)
"""Contract of :func:`read_crisislex_t6`."""

SANDY_ACCOUNT_TYPES = Contract(
    "hand-made table of organisational accounts",
    (
        Column("account", "string", unique=True, description="Handle as written in the data."),
        Column("organisation", "string", description="The organisation the handle names."),
        Column("account_type", "string",
               allowed=("emergency or weather service", "government", "news media", "business",
                        "utility", "non-profit"),
               description="Kind of organisation."),
        Column("basis", "string", description="Why: what in the handle names it."),
    ),
    key=("account",),
)
"""Contract of :func:`read_account_types` (``data/crisislex/sandy_account_types.csv``)."""

TIMELINE = Contract(
    "CrisisLexT26 timeline",
    (
        Column("event", "string", description="Crisis, from the file name."),
        Column("tweet_id", "string", description="Tweet id (digits)."),
        Column("created_at", "datetime", description="Timestamp given in the file (UTC)."),
        Column("included", "bool", description="In the period the collectors analysed (Y/N)."),
    ),
    key=("event", "tweet_id"),
)
"""Contract of :func:`read_crisislex_timeline`."""

_T6_SUFFIX = "-ontopic_offtopic.csv"
_TIMELINE_SUFFIX = "-tweetids_entire_period.csv"


def _csv_rows(path: Path, header: Sequence[str]) -> tuple[io.core._CsvRecords, list[Problem]]:
    """Read a CSV file whose (stripped) header must be ``header``.

    Returns its records of the right width, and a problem for each record of the wrong width.

    The reading itself (UTF-8, quoted fields over several lines, each record's starting line,
    no data rows, ragged rows) is :mod:`govsocial.io`'s, shared with every CSV loader.
    """
    path = readable_file(path)
    records = io._read_csv_records(path)
    if records.header != list(header):
        raise DataError(
            "unexpected header",
            file=str(path),
            row=1,
            column=next((h for h in header if h not in records.header), None),
            expected=f"columns {list(header)}",
            found=f"columns {records.header}",
        )
    return io.core._width_problems(records, path)


_PLACEHOLDER_TIME = pd.Timestamp("2010-11-04", tz="UTC")


def _row_problems(rows: list[tuple[int, str, str, str, str]], lines: Sequence[int]
                  ) -> pd.DataFrame:
    """Build a problems table from (position, column, problem, expected, found) tuples."""
    return pd.DataFrame({
        "position": [r[0] for r in rows], "row": [lines[r[0]] for r in rows],
        "column": [r[1] for r in rows], "problem": [r[2] for r in rows],
        "expected": [r[3] for r in rows], "found": [r[4] for r in rows],
    })


def _settle(checked: Checked, extra: pd.DataFrame, width: list[Problem], on_error: OnError
            ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Join the reader's own problems to :func:`check`'s and apply ``on_error``."""
    if not extra.empty:
        table = extra if checked.problems.empty else pd.concat([checked.problems, extra])
        checked = dataclasses.replace(
            checked, problems=table.sort_values("position", kind="stable", ignore_index=True)
        )
    return checked.add(width).settle(on_error)


def _id_problems(ids: Sequence[str], column: str) -> list[tuple[int, str, str, str, str]]:
    """(position, column, problem, expected, found) of each id that is not digits."""
    return [
        (i, column, "a tweet id must be a string of digits",
         "digits, optionally in single quotes", repr(value))
        for i, value in enumerate(ids) if not (value.isascii() and value.isdigit())
    ]


def read_crisislex_t6(path: str | Path, *, on_error: OnError = "raise") -> io.Loaded:
    """Read one CrisisLexT6 ``<event>-ontopic_offtopic.csv`` file.

    The header is ``tweet id, tweet, label``; ids are wrapped in single quotes; HTML entities
    in the text are unescaped once (``&amp;`` is ``&``). Each tweet's creation time is decoded
    from its id (:func:`govsocial.io.tweet_id_to_datetime`).

    Parameters
    ----------
    path : str or path-like
        The CSV file.
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every problem with its line. ``"skip"``: rows with
        problems are left out and ``report.skipped`` lists them.

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`SANDY`, in time order.

    Raises
    ------
    DataError
        For a missing file, a wrong header, a row with the wrong number of fields, an id that
        is not digits, a label other than on-topic / off-topic, or a repeated id (named by file
        line).

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> folder = data_dir() / "crisislex" / "CrisisLexT6" / "2012_Sandy_Hurricane"
    >>> sandy = read_crisislex_t6(folder / "2012_Sandy_Hurricane-ontopic_offtopic.csv").frame
    >>> len(sandy), sandy["label"].value_counts().to_dict()
    (10008, {'on-topic': 6138, 'off-topic': 3870})
    """
    path = Path(path)
    records, width = _csv_rows(path, ("tweet id", "tweet", "label"))
    rows, lines = records.rows, records.lines
    ids = [row[0].strip().strip("'").strip() for row in rows]
    bad_ids = _id_problems(ids, "tweet id")
    bad = {problem[0] for problem in bad_ids}
    times = pd.Series(_PLACEHOLDER_TIME, index=range(len(rows)), dtype="datetime64[ns, UTC]")
    good = [i for i in range(len(rows)) if i not in bad]
    if good:
        decoded = io.tweet_id_to_datetime([ids[i] for i in good])
        times.iloc[good] = pd.to_datetime(decoded, utc=True).to_numpy()
    texts = [html.unescape(row[1]) for row in rows]
    account = pd.Series(texts, dtype=object).str.extract(_RT_PATTERN, expand=False)
    event = path.name[: -len(_T6_SUFFIX)] if path.name.endswith(_T6_SUFFIX) else path.stem
    frame = pd.DataFrame({
        "event": event,
        "tweet_id": ids,
        "created_at": pd.to_datetime(times, utc=True).array,
        "text": texts,
        "label": [row[2].strip() for row in rows],
        "is_retweet": account.notna().to_numpy(),
        "retweeted_account": account.str.lower().to_numpy(),
    })
    checked = check(frame, SANDY, file=str(path), row_numbers=lines)
    table, skipped = _settle(checked, _row_problems(bad_ids, lines), width, on_error)
    table = table.sort_values(["created_at", "tweet_id"], kind="stable").reset_index(drop=True)
    report = LoadReport(io.shown_path(path), rows_read=len(rows) + len(width))
    report.skip(skipped)
    return io.Loaded(table, report)


def read_account_types(path: str | Path, *, on_error: OnError = "raise") -> io.Loaded:
    """Read the hand-made table of organisational accounts.

    Parameters
    ----------
    path : str or path-like
        A CSV with the columns of :data:`SANDY_ACCOUNT_TYPES`.
    on_error : {"raise", "skip"}
        As for :func:`govsocial.io.read_table`; a handle listed twice (any case) is a problem
        of its second row.

    Returns
    -------
    Loaded
        The validated table (handles as written; compare them in lower case).

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> table = read_account_types(data_dir() / "crisislex" / "sandy_account_types.csv").frame
    >>> table.set_index("account").loc["fema", "account_type"]
    'emergency or weather service'
    """
    loaded = io.read_table(path, SANDY_ACCOUNT_TYPES, on_error=on_error)
    handles = loaded.frame["account"]
    again, found = case_repeats(handles, loaded.lines)
    return keep_rows(loaded, SANDY_ACCOUNT_TYPES, on_error, row_problems(
        again, loaded.lines, "account", "an account is listed twice (handles ignore case)",
        "each handle once", found))


_STAMP = "%a %b %d %H:%M:%S %z %Y"


def read_crisislex_timeline(path: str | Path, *, included_only: bool = True,
                            on_error: OnError = "raise") -> io.Loaded:
    """Read one CrisisLexT26 ``<event>-tweetids_entire_period.csv`` file.

    The header is ``Timestamp, Tweet-ID, Included(Y/N)``; timestamps are in Twitter's format
    (``Thu Jun 20 03:56:19 +0000 2013``).

    Parameters
    ----------
    path : str or path-like
        The CSV file.
    included_only : bool
        Keep only the tweets marked ``Y`` (in the period the collectors analysed); the others
        are counted in the report as dropped. Rows that repeat an earlier row exactly (some
        files have a few) are always dropped and counted.
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every problem with its line. ``"skip"``: rows with
        problems are left out and ``report.skipped`` lists them.

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`TIMELINE`, in time order.

    Raises
    ------
    DataError
        For a wrong header, a row with the wrong number of fields, an id that is not digits, a
        timestamp that cannot be read, an ``Included`` value other than Y or N, or an id that
        repeats with a different timestamp or flag (named by file line).

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> folder = data_dir() / "crisislex" / "CrisisLexT26" / "2013_Alberta_floods"
    >>> loaded = read_crisislex_timeline(
    ...     folder / "2013_Alberta_floods-tweetids_entire_period.csv")
    >>> loaded.report.rows_read, loaded.report.dropped
    (5887, {'exact repeat of an earlier row': 12, 'marked N (outside the analysed period)': 98})
    """
    path = Path(path)
    records, width = _csv_rows(path, ("Timestamp", "Tweet-ID", "Included(Y/N)"))
    cells = [[cell.strip() for cell in row] for row in records.rows]
    repeated = pd.DataFrame(cells).duplicated().to_numpy(bool)
    cells = [row for row, again in zip(cells, repeated, strict=True) if not again]
    lines = [line for line, again in zip(records.lines, repeated, strict=True) if not again]
    ids = [row[1] for row in cells]
    stamps = pd.to_datetime(pd.Series([row[0] for row in cells], dtype=object), format=_STAMP,
                            errors="coerce", utc=True)
    flags = [row[2] for row in cells]
    problems = _id_problems(ids, "Tweet-ID")
    problems += [(i, "Timestamp", "cannot read this timestamp",
                  "e.g. 'Thu Jun 20 03:56:19 +0000 2013'", repr(cells[i][0]))
                 for i in np.flatnonzero(stamps.isna().to_numpy())]
    problems += [(i, "Included(Y/N)", "Included must be Y or N", "Y or N", repr(flag))
                 for i, flag in enumerate(flags) if flag not in ("Y", "N")]
    event = path.name[: -len(_TIMELINE_SUFFIX)] if path.name.endswith(_TIMELINE_SUFFIX) \
        else path.stem
    frame = pd.DataFrame({"event": event, "tweet_id": ids,
                          "created_at": stamps.fillna(_PLACEHOLDER_TIME).array,
                          "included": [flag == "Y" for flag in flags]})
    checked = check(frame, TIMELINE, file=str(path), row_numbers=lines)
    problems.sort(key=lambda problem: problem[0])
    table, skipped = _settle(checked, _row_problems(problems, lines), width, on_error)
    report = LoadReport(io.shown_path(path), rows_read=len(records.rows) + len(width))
    report.dropped["exact repeat of an earlier row"] = int(repeated.sum())
    report.skip(skipped)
    if included_only:
        report.dropped["marked N (outside the analysed period)"] = int((~table["included"]).sum())
        table = table[table["included"]]
    table = table.sort_values(["created_at", "tweet_id"], kind="stable").reset_index(drop=True)
    return io.Loaded(table, report)


def read_crisislex_timelines(folder: str | Path, events: Sequence[str], *,
                             on_error: OnError = "raise") -> io.Loaded:
    """Read the timelines of several CrisisLexT26 events.

    Parameters
    ----------
    folder : str or path-like
        The ``CrisisLexT26`` folder.
    events : sequence of str
        Event folder names, e.g. ``["2013_Alberta_floods"]``.
    on_error : {"raise", "skip"}
        As for :func:`read_crisislex_timeline`; the report lists the rows skipped in every file.

    Returns
    -------
    Loaded
        The included tweets of every event (columns of :data:`TIMELINE`), and a report adding
        up what was read and dropped.

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> loaded = read_crisislex_timelines(data_dir() / "crisislex" / "CrisisLexT26",
    ...                                   ["2013_NY_train_crash", "2013_Sardinia_floods"])
    >>> loaded.frame.groupby("event").size().to_dict()
    {'2013_NY_train_crash': 1027, '2013_Sardinia_floods': 1143}
    """
    folder = readable_folder(folder)
    frames, read, dropped, skipped = [], 0, {}, []
    for event in events:
        loaded = read_crisislex_timeline(folder / event / f"{event}{_TIMELINE_SUFFIX}",
                                         on_error=on_error)
        frames.append(loaded.frame)
        if not loaded.report.skipped.empty:
            skipped.append(loaded.report.skipped.assign(event=event))
        read += loaded.report.rows_read
        for reason, n in loaded.report.dropped.items():
            dropped[reason] = dropped.get(reason, 0) + n
    if not frames:
        raise DataError("no events given", file=str(folder), expected="at least one event",
                        found="[]")
    report = LoadReport(io.shown_path(folder), rows_read=read, dropped=dropped)
    if skipped:
        report.skipped = pd.concat(skipped, ignore_index=True)
    return io.Loaded(pd.concat(frames, ignore_index=True), report)
