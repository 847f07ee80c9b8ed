"""Your own data: a folder of Bluesky, Mastodon or (archival) Facebook and Twitter posts.

:func:`load_folder` reads, validates and combines a folder of one platform's posts with the
reader's list of accounts (Bluesky or Mastodon files with ``accounts.csv``, see
:data:`ACCOUNTS_FILE`; or the archival exports of :data:`OWN_DATA_FILES`);
:func:`posts_from_exports` turns archival exports already read into the chapter's posts table.
Every platform's posts pass through the post format (:data:`~govsocial.io.posts.POSTS`), so that
one function (:func:`_platform_posts`) tells police posts, the public's replies and the
departments' answers apart on every platform.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from govsocial.io.core import readable_file, readable_folder
from govsocial.io.folders import LABELS, PostsFolder, detect_platform, handle_key, read_platform
from govsocial.io.posts import from_crowdtangle, from_tweets_v2
from govsocial.io.rows import keep_rows, repeats, row_problems
from govsocial.schema import Column, Contract, DataError, LoadReport, OnError

OWN_DATA_FILES: dict[str, str] = {
    "departments": "departments.csv",
    "facebook": "facebook_posts.csv",
    "tweets": "tweets.jsonl",
}
"""The files :func:`load_folder` looks for in a folder: the department list (required), a
CrowdTangle export of the departments' Facebook posts and Twitter API v2 JSON lines holding the
departments' tweets and the replies to them (at least one of the two)."""

DEPARTMENT_ACCOUNTS = Contract(
    "police department accounts",
    (
        Column("department", "string", unique=True, description="Name of the department."),
        Column(
            "facebook_page",
            "string",
            nullable=True,
            description="Its Facebook page as named in the CrowdTangle export: the 'User Name' "
            "or the 'Page Name' (letter case ignored).",
        ),
        Column(
            "twitter_username",
            "string",
            nullable=True,
            description="Its Twitter handle, without the @ (letter case ignored).",
        ),
    ),
    key=("department",),
)
"""Contract of ``departments.csv``, the list of departments and their accounts."""

ACCOUNTS_FILE = "accounts.csv"
"""The reader's accounts beside Bluesky or Mastodon files (see :data:`PLATFORM_ACCOUNTS`)."""

PLATFORM_ACCOUNTS = Contract(
    "agenda accounts",
    (
        Column("handle", "string",
               description="The account's handle, without the @ (letter case ignored): a "
               "Bluesky handle ('citypd.bsky.social') or a Mastodon user@server (an account of "
               "the server in collection.json may be written without its server). The "
               "collection command collects the posts of every handle listed."),
        Column("department", "string", nullable=True,
               description="The department the account belongs to; empty for an account of a "
               "resident, whose replies to the departments are the public's comments."),
    ),
    key=("handle",),
)
"""Contract of ``accounts.csv`` in a Bluesky or Mastodon folder."""

NO_REPLIES = (
    "the chapter compares the departments' posts with the public's replies to them, and no "
    "post in the file replies to a department: a feed holds only its own account's posts, so "
    "list the residents' accounts whose replies you study in accounts.csv (with an empty "
    "department) and collect their feeds too"
)
"""Why a Bluesky or Mastodon folder without the public's replies cannot be analysed."""

_POST_COLUMNS = [
    "post_id", "department", "platform", "actor", "parent_id", "created_at", "text", "likes",
    "shares", "comments", "police_replied", "reply_minutes", "topic",
]


@dataclass
class OwnData:
    """Posts combined from a folder of exports, and what each step read and left out.

    Attributes
    ----------
    posts : DataFrame
        The chapter's posts table (as :attr:`AgendaData.posts`, without ``true_topic``, and
        with ``topic`` missing: no one has coded these posts).
    reports : list of LoadReport
        One per file read.
    dropped : dict of str to int
        Records read but not used as posts, by reason.
    """

    posts: pd.DataFrame
    reports: list[LoadReport]
    dropped: dict[str, int]


def _lookup(departments: pd.DataFrame, column: str) -> dict[str, str]:
    """Lower-cased account name -> department."""
    known = departments.dropna(subset=[column])
    return dict(
        zip(
            known[column].str.strip().str.lstrip("@").str.lower(),
            known["department"],
            strict=True,
        )
    )


def _facebook_posts(
    facebook: pd.DataFrame, departments: pd.DataFrame, dropped: dict[str, int]
) -> pd.DataFrame:
    """Police posts from Facebook posts in the :data:`~govsocial.io.posts.POSTS` format.

    A post is a department's when its page's user name or its name is in ``facebook_page``.
    """
    pages = _lookup(departments, "facebook_page")
    by_user = facebook["author_handle"].str.lower().map(pages)
    by_name = facebook["author_id"].str.lower().map(pages)
    department = by_user.fillna(by_name)
    known = department.notna()
    dropped["Facebook posts of pages not in departments.csv"] = int((~known).sum())
    posts = facebook[known]
    return pd.DataFrame(
        {
            "post_id": posts["post_id"],
            "department": department[known],
            "platform": "Facebook",
            "actor": "police",
            "parent_id": None,
            "created_at": posts["created_at"],
            "text": posts["text"],
            "likes": posts["like_count"],
            "shares": posts["repost_count"],
            "comments": posts["reply_count"],
            "police_replied": None,
            "reply_minutes": np.nan,
        }
    )


def _platform_posts(
    posts: pd.DataFrame,
    handles: dict[str, str],
    label: str,
    dropped: dict[str, int],
    key: Callable[[Any], Any] = lambda handle: handle,
) -> pd.DataFrame:
    """Build the chapter's posts from posts in the :data:`~govsocial.io.posts.POSTS` format.

    Posts by a department's handle are police posts; posts replying to a department's account
    are the public's comments; a department's reply to one of those marks it as answered and is
    not itself a post. Reposts by departments and posts unrelated to them are left out and
    counted in ``dropped``.

    Parameters
    ----------
    posts : DataFrame
        The POSTS format (Twitter through :func:`~govsocial.io.posts.from_tweets_v2`), counts
        present.
    handles : dict of str to str
        Handle (as ``key`` gives it) -> department.
    label : str
        The platform as the chapter names it ('Twitter', 'Bluesky', 'Mastodon').
    dropped : dict of str to int
        Filled with the posts left out, by reason.
    key : callable
        How a post's handle is matched to ``handles`` (letter case, Mastodon's server).

    Returns
    -------
    DataFrame
        The chapter's posts (columns as :func:`posts_from_exports` returns, without topic).
    """
    department = posts["author_handle"].map(key).map(handles)
    is_police = department.notna()
    police_ids = dict(zip(posts.loc[is_police, "author_id"], department[is_police],
                          strict=False))
    is_reply = posts["reply_to_author_id"].notna()
    answers_police = is_reply & posts["reply_to_author_id"].isin(police_ids)
    public = ~is_police & answers_police
    reply_to_other = is_police & is_reply & ~posts["reply_to_author_id"].isin(police_ids)
    public_ids = set(posts.loc[public, "post_id"])
    police_reply = reply_to_other & posts["reply_to_post_id"].isin(public_ids)
    repost = is_police & posts["repost_of_post_id"].notna() & ~reply_to_other
    police_post = is_police & ~reply_to_other & ~repost
    noun = "tweets" if label == "Twitter" else "posts"
    dropped["department replies to residents (counted as replies)"] = int(police_reply.sum())
    dropped[f"department replies to {noun} not in the file"] = int(
        (reply_to_other & ~police_reply).sum()
    )
    dropped[f"{'retweets' if label == 'Twitter' else 'reposts'} by department accounts"] = int(
        repost.sum()
    )
    dropped[f"{noun} neither by nor replying to a department"] = int(
        (~is_police & ~answers_police).sum()
    )
    replies = posts[police_reply]
    first_reply = replies.groupby("reply_to_post_id")["created_at"].min()
    chosen = posts[police_post | public]
    is_public = public[police_post | public]
    answered = pd.Series(
        pd.to_datetime(first_reply.reindex(chosen["post_id"].to_numpy()).to_numpy(), utc=True),
        index=chosen.index,
    )
    minutes = (answered - chosen["created_at"]).dt.total_seconds() / 60
    return pd.DataFrame(
        {
            "post_id": chosen["post_id"],
            "department": np.where(
                is_public,
                chosen["reply_to_author_id"].map(police_ids),
                department[police_post | public],
            ),
            "platform": label,
            "actor": np.where(is_public, "public", "police"),
            "parent_id": chosen["reply_to_post_id"].where(is_public),
            "created_at": chosen["created_at"],
            "text": chosen["text"],
            "likes": chosen["like_count"],
            "shares": chosen["repost_count"],
            "comments": chosen["reply_count"],
            "police_replied": pd.array(
                np.where(is_public, answered.notna(), None), dtype="boolean"
            ),
            "reply_minutes": minutes.where(is_public).astype(float),
        }
    )


def posts_from_exports(
    facebook: pd.DataFrame | None,
    tweets: pd.DataFrame | None,
    departments: pd.DataFrame,
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Build the chapter's posts table from real exports.

    Facebook posts of the departments' pages become police posts (CrowdTangle exports hold no
    comments, so Facebook has no public side). Tweets by the departments' handles are police
    posts; tweets replying to a department are the public's comments; a department's reply to
    one of those marks it as answered (``police_replied``, ``reply_minutes``) and is not itself
    a post. Retweets by the departments and tweets unrelated to them are left out and counted.

    Parameters
    ----------
    facebook : DataFrame or None
        From :func:`govsocial.io.read_crowdtangle_csv`.
    tweets : DataFrame or None
        From :func:`govsocial.io.read_tweets_v2_jsonl`.
    departments : DataFrame
        The columns of :data:`DEPARTMENT_ACCOUNTS`.

    Returns
    -------
    tuple of (DataFrame, dict)
        The posts (sorted by time) and the number of records left out, by reason.

    Raises
    ------
    ValueError
        When both exports are missing, or no record belongs to a department.

    Examples
    --------
    >>> departments = pd.DataFrame({"department": ["Sample PD"], "facebook_page": ["samplepd"],
    ...                             "twitter_username": [None]})
    >>> facebook = pd.DataFrame({
    ...     "page_name": ["Sample PD"], "user_name": ["SamplePD"],
    ...     "created_at": pd.to_datetime(["2015-01-04 14:05"], utc=True), "post_type": ["Status"],
    ...     "likes": [12], "comments": [3], "shares": [1], "text": ["Road closed"],
    ...     "url": ["https://example.org/p/1"]})
    >>> posts, dropped = posts_from_exports(facebook, None, departments)
    >>> posts.loc[0, ["department", "actor", "platform"]].tolist()
    ['Sample PD', 'police', 'Facebook']
    """
    if facebook is None and tweets is None:
        raise ValueError("give a Facebook export, a tweets export, or both")
    dropped: dict[str, int] = {}
    parts = []
    if facebook is not None:
        parts.append(_facebook_posts(from_crowdtangle(facebook), departments, dropped))
    if tweets is not None:
        handles = _lookup(departments, "twitter_username")
        parts.append(_platform_posts(from_tweets_v2(tweets), handles, "Twitter", dropped,
                                     handle_key))
    parts = [part for part in parts if len(part)]
    if not parts:
        raise ValueError(
            "no post belongs to a department of departments.csv: check the page names and "
            "Twitter handles there against the exports"
        )
    return _finish(pd.concat(parts, ignore_index=True)), dropped


def _finish(posts: pd.DataFrame) -> pd.DataFrame:
    """Sort the chapter's posts by time, give them their dtypes and an empty topic."""
    posts = posts.assign(topic=None)
    posts = posts.sort_values(["created_at", "post_id"], kind="stable").reset_index(drop=True)
    for name in ("post_id", "department", "platform", "actor", "parent_id", "text", "topic"):
        posts[name] = posts[name].astype("string")
    for name in ("likes", "shares", "comments"):
        posts[name] = posts[name].astype("int64")
    posts["police_replied"] = posts["police_replied"].astype("boolean")
    posts["reply_minutes"] = posts["reply_minutes"].astype(float)
    return posts[_POST_COLUMNS]


def load_folder(folder: str | os.PathLike[str], *, on_error: OnError = "raise") -> OwnData:
    r"""Read a folder of one platform's posts and the reader's accounts, validate and combine them.

    The folder holds the files of ONE platform (:func:`~govsocial.io.folders.
    detect_platform` names it from the files present):

    - **Bluesky**: ``feed.jsonl`` and ``profiles.jsonl``, as ``python -m govsocial.collect
      bluesky --handles accounts.csv --out mydata/`` writes them, with ``accounts.csv``
      (:data:`PLATFORM_ACCOUNTS`: ``handle``, ``department``, empty for a resident);
    - **Mastodon**: ``statuses.jsonl``, ``accounts.jsonl`` and ``collection.json`` (the server
      that answered), with ``accounts.csv``;
    - **archival**: ``departments.csv`` and at least one of ``facebook_posts.csv`` (a
      CrowdTangle export) and ``tweets.jsonl`` (Twitter API v2 responses, collected with
      ``expansions=author_id``).

    Handles and pages are matched without regard to case (Mastodon handles as user@server);
    two departments may not share one. Posts without counts are left out and counted in
    ``dropped``.

    Parameters
    ----------
    folder : str or path-like
        The folder.
    on_error : {"raise", "skip"}
        ``"raise"``: problems in rows raise one DataError listing them all with their lines.
        ``"skip"``: those rows are left out, and each report's ``skipped`` lists them.

    Returns
    -------
    OwnData

    Raises
    ------
    DataError
        When the folder or a required file is missing, the folder holds files of two platforms
        or of none (the message names the files found and expected), a file does not fit its
        format (the message names the file, row and column, and the post id), two departments
        share a page or handle (the message names both), the tweets carry no usernames
        (collected without ``expansions=author_id``), no post belongs to a department, or a
        Bluesky or Mastodon folder holds no reply of the public (:data:`NO_REPLIES`).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "departments.csv").write_text(
    ...     "department,facebook_page,twitter_username\nSample PD,SamplePD,\n")
    >>> _ = (folder / "facebook_posts.csv").write_text(
    ...     "Page Name,User Name,Post Created,Type,Likes,Comments,Shares,Message,URL\n"
    ...     "Sample PD,SamplePD,2015-01-04 09:05:00 EST,Status,12,3,1,Road closed,"
    ...     "https://example.org/p/1\n")
    >>> own = load_folder(folder)
    >>> own.posts[["department", "platform", "actor"]].iloc[0].tolist()
    ['Sample PD', 'Facebook', 'police']
    """
    folder = readable_folder(folder)
    platform = detect_platform(folder, [OWN_DATA_FILES["facebook"], OWN_DATA_FILES["tweets"]])
    if platform == "archival":
        return _load_archival(folder, on_error)
    return _load_platform(folder, platform, on_error)


def _load_platform(folder: Path, platform: str, on_error: OnError) -> OwnData:
    """Read a Bluesky or Mastodon folder (see :func:`load_folder`)."""
    accounts_path = folder / ACCOUNTS_FILE
    if accounts_path.exists():
        readable_file(accounts_path)  # a folder or an unreadable file: its own message
    else:
        raise DataError(
            "the list of accounts is missing",
            file=str(accounts_path),
            expected="a CSV with columns handle, department (empty for a resident)",
            found="no such file",
        )
    read = read_platform(folder, platform, on_error=on_error)
    accounts = _read_accounts(accounts_path, read, on_error)
    listed = accounts.frame.dropna(subset=["department"])
    handles = dict(zip(listed["handle"].map(read.key), listed["department"], strict=True))
    posts, no_counts = _with_counts(read.posts.frame)
    dropped: dict[str, int] = {}
    found = _platform_posts(posts, handles, LABELS[platform], dropped, read.key)
    if not handles:
        raise DataError(
            "no account of accounts.csv belongs to a department", file=str(accounts_path),
            column="department", expected="the department of each department's account",
            found=f"{len(accounts.frame):,} accounts, every department empty",
        )
    if not (found["actor"] == "police").any():
        raise DataError(
            "no post belongs to a department of accounts.csv: check the handles there against "
            "the posts' authors",
            file=str(read.posts_file), column="author_handle",
            expected=f"posts by {_handles_named(handles)}",
            found=f"{len(posts):,} posts by {_handles_named(read.posts.frame['author_handle'])}",
        )
    if not (found["actor"] == "public").any():
        raise DataError(NO_REPLIES, file=str(read.posts_file), column="reply_to_author_id",
                        expected="replies to the departments' posts",
                        found=f"{len(posts):,} posts, none replying to a department")
    if no_counts:
        dropped[_NO_COUNTS_POSTS] = no_counts
    return OwnData(_finish(found), [*read.reports, accounts.report], dropped)


def _handles_named(handles: Any) -> str:
    """Name a few handles for a message ('a, b, c and 4 more').

    Examples
    --------
    >>> _handles_named(["b", "a", "b"]), _handles_named([])
    ('a, b', 'no handle')
    """
    unique = sorted({h for h in handles if isinstance(h, str)})
    if not unique:
        return "no handle"
    more = f" and {len(unique) - 3} more" if len(unique) > 3 else ""
    return ", ".join(unique[:3]) + more


def _read_accounts(path: Path, read: PostsFolder, on_error: OnError) -> Any:
    """Read ``accounts.csv``; a handle listed twice (any case, Mastodon server added) names both."""
    from govsocial import io

    loaded = io.read_table(path, PLATFORM_ACCOUNTS, on_error=on_error)
    problems = _shared_accounts(loaded.frame, list(loaded.lines or []), "handle", read.key)
    return keep_rows(loaded, PLATFORM_ACCOUNTS, on_error,
                     problems.assign(problem="this handle is listed twice"))


def _load_archival(folder: Path, on_error: OnError) -> OwnData:
    """Read an archival folder of CrowdTangle and Twitter exports (see :func:`load_folder`)."""
    from govsocial import io

    files = {name: folder / file for name, file in OWN_DATA_FILES.items()}
    if not files["departments"].is_file():
        raise DataError(
            "the list of departments is missing",
            file=str(files["departments"]),
            expected="a CSV with columns department, facebook_page, twitter_username",
            found="no such file",
        )
    departments = _read_departments(files["departments"], on_error)
    reports = [departments.report]
    exports: dict[str, pd.DataFrame | None] = {"facebook": None, "tweets": None}
    readers = {"facebook": io.read_crowdtangle_csv, "tweets": io.read_tweets_v2_jsonl}
    for name, reader in readers.items():
        if files[name].is_file():
            loaded = _read(reader, files[name], on_error)
            exports[name] = loaded.frame
            reports.append(loaded.report)
    no_counts = 0
    if exports["tweets"] is not None:
        _check_authors(exports["tweets"], departments.frame, files["tweets"])
        exports["tweets"], no_counts = _with_tweet_counts(exports["tweets"])
    try:
        posts, dropped = posts_from_exports(
            exports["facebook"], exports["tweets"], departments.frame
        )
    except ValueError as error:
        raise DataError(str(error), file=str(folder)) from None
    if no_counts:
        dropped[_NO_COUNTS] = no_counts
    return OwnData(posts, reports, dropped)


_NO_COUNTS = "tweets without counts (no public_metrics)"
_NO_COUNTS_POSTS = "posts without counts"


def _read(reader: Callable[..., Any], path: Path, on_error: OnError) -> Any:
    """Call an io reader with ``on_error``."""
    return reader(path, on_error=on_error)


def _read_departments(path: Path, on_error: OnError) -> Any:
    """Read ``departments.csv``; a page or handle of two departments names both."""
    from govsocial import io

    loaded = io.read_table(path, DEPARTMENT_ACCOUNTS, on_error=on_error)
    frame, lines = loaded.frame, list(loaded.lines or [])
    parts = [_shared_accounts(frame, lines, column)
             for column in ("facebook_page", "twitter_username")]
    problems = pd.concat(parts, ignore_index=True).sort_values("position", kind="stable")
    return keep_rows(loaded, DEPARTMENT_ACCOUNTS, on_error, problems)


def _shared_accounts(frame: pd.DataFrame, lines: list[int], column: str,
                     key: Callable[[Any], Any] = handle_key) -> pd.DataFrame:
    """Problems of rows whose page or handle (any case, an @ ignored) an earlier row has.

    Examples
    --------
    >>> frame = pd.DataFrame({"department": ["A", "B"], "t": ["@Ab", "aB"]})
    >>> _shared_accounts(frame, [2, 4], "t")["found"].tolist()
    ["'aB' of 'B', already the account of 'A' (line 2)"]
    """
    written, department = frame[column], frame["department"]
    again, earlier = repeats(written.map(key))
    return row_problems(
        again, lines, column, "two departments share this account",
        "each page and handle under one department (letter case ignored)",
        [f"{written.iloc[i]!r} of {department.iloc[i]!r}, already the account of "
         f"{department.iloc[j]!r} (line {lines[j]})" for i, j in zip(again, earlier, strict=True)],
    )


def _check_authors(tweets: pd.DataFrame, departments: pd.DataFrame, path: Path) -> None:
    """Refuse tweets that carry no usernames: nothing could be matched to a department."""
    if tweets["username"].isna().all():
        raise DataError(
            "no tweet carries its author's username, so none can be matched to the handles in "
            "departments.csv: the responses have no includes.users (were the tweets collected "
            "without expansions=author_id?)",
            file=str(path),
            column="includes.users",
            expected="responses with includes.users (request expansions=author_id)",
            found=f"{len(tweets):,} tweets, no usernames",
        )


def _with_tweet_counts(tweets: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Leave out the tweets without counts; return the others and how many were left out."""
    counts = ["like_count", "retweet_count", "reply_count"]
    missing = tweets[counts].isna().any(axis=1).to_numpy(bool)
    kept = tweets[~missing]
    return kept.astype({name: "int64" for name in counts}), int(missing.sum())


def _with_counts(posts: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Leave out the posts (POSTS format) without counts; return the others and their number.

    Examples
    --------
    >>> posts = pd.DataFrame({"like_count": [1, None], "repost_count": [0, 1],
    ...                       "reply_count": [2, 2]}, dtype="Int64")
    >>> kept, left_out = _with_counts(posts)
    >>> len(kept), left_out
    (1, 1)
    """
    counts = ["like_count", "repost_count", "reply_count"]
    missing = posts[counts].isna().any(axis=1).to_numpy(bool)
    kept = posts[~missing]
    return kept.astype({name: "int64" for name in counts}), int(missing.sum())
