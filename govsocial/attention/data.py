"""Your own data: the agencies' tweets, accounts and hand-coded sample from a folder.

:func:`load_folder` reads ``tweets.jsonl`` (Twitter API v2), ``accounts.csv`` (:data:`ACCOUNTS`)
and an optional ``coded.csv`` (:data:`CODED`) with :mod:`govsocial.io`, validates them and
returns the same :class:`~govsocial.attention.simulate.AttentionData` the simulator returns,
without planted truth.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from govsocial import io
from govsocial.io.folders import (
    HANDLE_PATTERNS,
    PLATFORM_FILES,
    PostsFolder,
    handle_key,
    read_posts_folder,
)
from govsocial.io.rows import case_repeats, keep_rows, row_problems
from govsocial.schema import Column, Contract, DataError, LoadReport, OnError

from .coding import STYLES
from .simulate import _TWEET_COLUMNS, AttentionData

__all__ = ["ACCOUNTS", "ATTRIBUTES", "CHAPTER_LACKS", "CODED", "load_folder"]

ACCOUNTS = Contract(
    "agency accounts",
    (
        Column(
            "username",
            "string",
            unique=True,
            description="The account's @handle without the @, as in the tweets file "
            "(matched without regard to case).",
        ),
        Column("name", "string", nullable=True, description="The agency's name (optional)."),
        Column(
            "created_at",
            "datetime",
            description="When the account was opened on Twitter/X (UTC; e.g. 2012-05-31).",
        ),
        Column(
            "followers",
            "int",
            minimum=0,
            description="Followers at the end of the collection window (count).",
        ),
        Column(
            "news_mentions_per_month",
            "float",
            minimum=0,
            description="Mean number of news articles per month that name the agency, over "
            "the collection window (from a news database such as Factiva or LexisNexis).",
        ),
    ),
    key=("username",),
)
"""Contract of ``accounts.csv``: one row per agency account."""

CODED = Contract(
    "hand-coded tweets",
    (
        Column("tweet_id", "string", unique=True, description="Id of a tweet in tweets.jsonl."),
        Column("coder_a", "string", allowed=STYLES, description="First coder's style."),
        Column("coder_b", "string", allowed=STYLES, description="Second coder's style."),
        Column(
            "label",
            "string",
            allowed=STYLES,
            description="The agreed style after the coders resolved their disagreements.",
        ),
    ),
    key=("tweet_id",),
)
"""Contract of the optional ``coded.csv``: two coders' styles for a sample of the tweets."""


ATTRIBUTES = Contract(
    "agency attributes",
    (
        Column(
            "handle",
            "string",
            unique=True,
            description="The account's handle (the column the collection command reads): "
            "Bluesky 'agency.bsky.social'; Mastodon "
            "'user@server' (or 'user' on the server asked); an @ in front is allowed, case is "
            "ignored.",
        ),
        Column("name", "string", nullable=True, description="The agency's name (optional)."),
        Column(
            "news_mentions_per_month",
            "float",
            minimum=0,
            description="Mean number of news articles per month that name the agency, over "
            "the collection window (from a news database such as Factiva or LexisNexis).",
        ),
    ),
    key=("handle",),
)
"""Contract of ``accounts.csv`` in a Bluesky or Mastodon folder: followers and the account's
creation come from the platform's profiles instead."""

#: What the chapter cannot take from each platform, one sentence each (the page says the same).
CHAPTER_LACKS: dict[str, tuple[str, ...]] = {
    "bluesky": (
        "Followers are the profile's count when collected, not at the end of the window: "
        "collect the profiles on the window's last day.",
    ),
    "mastodon": (
        "Followers are the count when collected, not at the end of the window, and Mastodon "
        "gives the day an account was created, not the time.",
    ),
    "twitter": (),
}

_REPOST = "retweet (not the account's own content)"


def load_folder(folder: str | os.PathLike[str], *, on_error: OnError = "raise") -> AttentionData:
    r"""Load your own agencies' posts and accounts from a folder of Bluesky, Mastodon or Twitter.

    The folder holds ``accounts.csv``, optionally ``coded.csv`` (the columns of
    :data:`CODED`; ``tweet_id`` is the post id) and the files of ONE platform (see
    :mod:`govsocial.io.folders`):

    - Bluesky: ``feed.jsonl`` + ``profiles.jsonl``; Mastodon: ``statuses.jsonl`` +
      ``accounts.jsonl`` + ``collection.json``. ``accounts.csv`` has the columns of
      :data:`ATTRIBUTES`; each account's followers and creation time come from its profile.
    - Twitter (archival): ``tweets.jsonl`` (API v2 responses, as ``twarc2`` writes them with
      ``expansions=author_id``); ``accounts.csv`` has the columns of :data:`ACCOUNTS`.

    Every platform is read into the post format (:data:`govsocial.io.POSTS`) first. Handles
    are matched without regard to case (Mastodon: ``user@server``). Reposts (retweets, boosts)
    are left out (they are other accounts' content, with the original post's counts), and so
    are posts by accounts not listed in ``accounts.csv`` and posts without counts. The window
    runs from the day of the first post to the end of the day of the last.

    Parameters
    ----------
    folder : str or path-like
        The folder with the files.
    on_error : {"raise", "skip"}
        ``"raise"``: any problem in a row raises one DataError listing every problem of the
        file (its line and column). ``"skip"``: rows with problems are left out and each
        report's ``skipped`` lists them with their line and reason.

    Returns
    -------
    AttentionData
        ``news`` and ``effects`` are None (there is no planted truth); ``coded`` is None when
        there is no ``coded.csv``. ``reports`` says what each file held and what was dropped;
        ``platform`` and ``lacks`` what the platform is and does not give.

    Raises
    ------
    DataError
        When the folder or a file is missing, the folder holds files of no platform or of two,
        a file is malformed, two rows of ``accounts.csv`` name the same handle (in any case),
        a listed account has no profile or its profile lacks the followers or the creation
        date the followers model needs, no post is by a listed account, an account was created
        after the last post, or ``coded.csv`` names a post that is not analysed.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> load_folder(folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govsocial.schema.DataError: ...: the folder holds no posts file of any platform (expected ...)
    """
    read = read_posts_folder(folder, on_error=on_error)
    folder = read.posts_file.parent
    if read.platform == "twitter":
        accounts_loaded = _read_accounts(folder / "accounts.csv", on_error)
        contract = ACCOUNTS
    else:
        accounts_loaded = _platform_accounts(folder / "accounts.csv", read, on_error)
        contract = _PROFILED
    accounts = accounts_loaded.frame
    tweets, used = _analysed_tweets(read, accounts)
    start = tweets["created_at"].min().floor("D")
    end = tweets["created_at"].max().floor("D") + pd.Timedelta(days=1)
    late = np.flatnonzero((accounts["created_at"] >= end).to_numpy())
    accounts_loaded = keep_rows(
        accounts_loaded, contract, on_error,
        row_problems(late, accounts_loaded.lines, "created_at",
                  "the account was created after the last post",
                  f"a date before {end:%Y-%m-%d}",
                  [str(accounts["created_at"].iloc[i]) for i in late]),
    )
    accounts = accounts_loaded.frame[list(ACCOUNTS.names)].astype(_ACCOUNT_DTYPES)
    reports = [accounts_loaded.report, read.posts.report, used]
    if read.profiles is not None:
        reports.append(read.profiles.report)
    coded = None
    if (folder / "coded.csv").is_file():
        coded_loaded = _read_coded(folder / "coded.csv", tweets, on_error)
        text_of = dict(zip(tweets["tweet_id"], tweets["text"], strict=True))
        coded = coded_loaded.frame.assign(
            text=coded_loaded.frame["tweet_id"].map(text_of).astype("string")
        )[["tweet_id", "text", "coder_a", "coder_b", "label"]]
        reports.append(coded_loaded.report)
    return AttentionData(
        accounts=accounts,
        tweets=tweets,
        start=start,
        end=end,
        coded=coded,
        reports=tuple(reports),
        platform=read.platform,
        lacks=read.lacks + CHAPTER_LACKS[read.platform],
    )


_NO_COUNTS = "no counts (the tweet has no public_metrics)"
#: The dtypes of AttentionData.accounts, whatever the platform (profiles give nullable ints).
_ACCOUNT_DTYPES = {"username": "string", "name": "string", "created_at": "datetime64[ns, UTC]",
                   "followers": "int64", "news_mentions_per_month": "float64"}
_PROFILED = Contract("agency accounts", (*ACCOUNTS.columns[:2], ACCOUNTS.columns[4],
                                         *ACCOUNTS.columns[2:4]), key=("username",))


def _read_accounts(path: Path, on_error: OnError) -> io.Loaded:
    """Read ``accounts.csv``; a handle listed twice (in any case) is a problem of its rows."""
    loaded = io.read_table(path, ACCOUNTS, on_error=on_error)
    positions, found = case_repeats(loaded.frame["username"], loaded.lines)
    return keep_rows(loaded, ACCOUNTS, on_error, row_problems(
        positions, loaded.lines, "username", "two accounts differ only in upper/lower case",
        "one row per account (handles ignore case)", found,
    ))


def _platform_accounts(path: Path, read: PostsFolder, on_error: OnError) -> io.Loaded:
    """Read a Bluesky or Mastodon folder's ``accounts.csv`` and add each profile's counts.

    A handle of another platform, a handle listed twice (any case, with or without @ or the
    server), an account without a profile, and a profile without followers or creation date
    (the followers model needs both) are problems of the account's row.
    """
    loaded = io.read_table(path, ATTRIBUTES, on_error=on_error)
    loaded = io.Loaded(loaded.frame.rename(columns={"handle": "username"}), loaded.report,
                       loaded.lines)
    pattern, meaning = HANDLE_PATTERNS[read.platform]
    frame = loaded.frame
    invalid = np.flatnonzero([not pattern.fullmatch(h.strip()) for h in frame["username"]])
    loaded = keep_rows(loaded, ATTRIBUTES, on_error, row_problems(
        invalid, loaded.lines, "handle", "not a valid handle",
        f"{read.platform.title()}: {meaning}", [repr(frame["username"].iloc[i]) for i in invalid],
    ))
    handles = loaded.frame["username"].map(lambda h: read.key(h))
    positions, found = case_repeats(handles, loaded.lines)
    loaded = keep_rows(loaded, ATTRIBUTES, on_error, row_problems(
        positions, loaded.lines, "handle", "this account is listed twice (handles ignore "
        "case)", "one row per account", found,
    ))
    frame = loaded.frame
    keys = frame["username"].map(lambda h: read.key(h))
    profiles = read.profiles.frame.assign(
        key=read.profiles.frame["handle"].map(handle_key))
    profiles = profiles.drop_duplicates("key", keep="last").set_index("key")
    profile_file = PLATFORM_FILES[read.platform][1]
    frame = frame.assign(
        username=keys.astype("string"),
        created_at=keys.map(profiles["created_at"]),
        followers=keys.map(profiles["followers"]).astype("Int64"),
    )
    loaded = io.Loaded(frame, loaded.report, loaded.lines)
    listed = keys.isin(profiles.index).to_numpy(bool)
    problems = [
        row_problems(np.flatnonzero(~listed), loaded.lines, "handle",
                  f"the account has no profile in {profile_file}",
                  f"a profile of every listed account in {profile_file}",
                  [repr(frame["username"].iloc[i]) for i in np.flatnonzero(~listed)]),
    ]
    for column, what in (("followers", "a follower count"), ("created_at", "a creation date")):
        gap = np.flatnonzero(listed & frame[column].isna().to_numpy(bool))
        problems.append(row_problems(
            gap, loaded.lines, column,
            f"the account's profile in {profile_file} gives no {column}: the followers model "
            "needs each account's followers and age",
            f"{what} in the profile", ["no such field"] * len(gap)))
    table = pd.concat([t for t in problems if not t.empty] or problems[:1], ignore_index=True)
    table = table.astype({"position": int, "row": int}).sort_values("row", ignore_index=True)
    return keep_rows(loaded, _PROFILED, on_error, table)


def _analysed_tweets(read: PostsFolder, accounts: pd.DataFrame) -> tuple[pd.DataFrame, LoadReport]:
    """Return the listed accounts' own posts with counts, and a report of what was left out."""
    raw = read.posts.frame
    path = read.posts_file
    spelling = {
        read.key(name): name for name in accounts["username"]
    }
    username = raw["author_handle"].map(
        lambda h: spelling.get(read.key(h))
    ).astype("string")
    retweet = raw["repost_of_post_id"].notna().to_numpy(bool)
    unknown = username.isna().to_numpy(bool) & ~retweet
    if not (~retweet & ~unknown).any():
        raise _no_author_error(raw, accounts["username"], path, retweet)
    counts = ["repost_count", "like_count", "reply_count"]
    no_counts = raw[counts].isna().any(axis=1).to_numpy(bool) & ~retweet & ~unknown
    keep = ~retweet & ~unknown & ~no_counts
    own = raw.loc[keep]
    tweets = pd.DataFrame({
        "tweet_id": own["post_id"],
        "username": username[keep],
        "created_at": own["created_at"],
        "text": own["text"],
        "retweet_count": own["repost_count"],
        "like_count": own["like_count"],
        "reply_count": own["reply_count"],
        "is_reply": own["reply_to_post_id"].notna() | own["reply_to_author_id"].notna(),
        "mention_count": own["mention_count"],
    }).reset_index(drop=True)[_TWEET_COLUMNS]
    tweets = tweets.astype({"username": "string", "mention_count": "int64",
                            **{name: "int64" for name in ("retweet_count", "like_count",
                                                          "reply_count")}})
    used = LoadReport(
        f"{io.shown_path(path)} (posts analysed)",
        rows_read=len(raw),
        dropped={
            _REPOST: int(retweet.sum()),
            "author not in accounts.csv": int(unknown.sum()),
            _NO_COUNTS: int(no_counts.sum()),
        },
    )
    if not used.dropped[_NO_COUNTS]:
        del used.dropped[_NO_COUNTS]
    if tweets.empty:
        raise DataError(
            "no post of a listed account with its counts is left",
            file=str(path),
            expected="original posts with their counts by the accounts in accounts.csv",
            found=str(used),
        )
    return tweets, used


def _no_author_error(
    raw: pd.DataFrame, listed: pd.Series, path: Path, retweet: np.ndarray
) -> DataError:
    """Explain why no original post is by a listed account, naming the likely cause."""
    if raw["author_handle"].isna().all():
        return DataError(
            "no tweet carries its author's username, so none can be matched to accounts.csv: "
            "the responses have no includes.users (were the tweets collected without "
            "expansions=author_id?)",
            file=str(path),
            column="includes.users",
            expected="responses with includes.users (request expansions=author_id)",
            found=f"{len(raw):,} tweets, no usernames",
        )
    authors = sorted(raw.loc[~retweet, "author_handle"].dropna().unique())
    return DataError(
        f"no original post in {path.name} is by an account listed in accounts.csv (handles "
        "ignore case)",
        file=str(path),
        column="username" if path.name == "tweets.jsonl" else "author_handle",
        expected=f"authors among {sorted(listed)[:5]}",
        found=f"authors {authors[:5]} and {int(retweet.sum()):,} reposts",
    )


def _read_coded(path: Path, tweets: pd.DataFrame, on_error: OnError) -> io.Loaded:
    """Read ``coded.csv``; a tweet id that is not analysed is a problem of its row."""
    loaded = io.read_table(path, CODED, on_error=on_error)
    ids = loaded.frame["tweet_id"]
    missing = np.flatnonzero(~ids.isin(list(tweets["tweet_id"])).to_numpy(bool))
    return keep_rows(loaded, CODED, on_error, row_problems(
        missing, loaded.lines, "tweet_id", "this coded tweet is not among the analysed tweets",
        "the id of an original tweet by a listed account in tweets.jsonl",
        [repr(ids.iloc[i]) for i in missing],
    ))
