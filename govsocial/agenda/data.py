"""Your own data: a folder of Facebook and Twitter exports read into the chapter's posts.

:func:`load_folder` reads, validates and combines a folder of exports (see
:data:`OWN_DATA_FILES`); :func:`posts_from_exports` turns exports already read into the chapter's
posts table.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from govsocial.io.core import readable_folder
from govsocial.schema import Checked, Column, Contract, DataError, LoadReport, OnError

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
    pages = _lookup(departments, "facebook_page")
    by_user = facebook["user_name"].str.lower().map(pages)
    by_name = facebook["page_name"].str.lower().map(pages)
    department = by_user.fillna(by_name)
    known = department.notna()
    dropped["Facebook posts of pages not in departments.csv"] = int((~known).sum())
    posts = facebook[known]
    return pd.DataFrame(
        {
            "post_id": posts["url"],
            "department": department[known],
            "platform": "Facebook",
            "actor": "police",
            "parent_id": None,
            "created_at": posts["created_at"],
            "text": posts["text"],
            "likes": posts["likes"],
            "shares": posts["shares"],
            "comments": posts["comments"],
            "police_replied": None,
            "reply_minutes": np.nan,
        }
    )


def _twitter_posts(
    tweets: pd.DataFrame, departments: pd.DataFrame, dropped: dict[str, int]
) -> pd.DataFrame:
    handles = _lookup(departments, "twitter_username")
    department = tweets["username"].str.lower().map(handles)
    is_police = department.notna()
    police_ids = dict(zip(tweets.loc[is_police, "author_id"], department[is_police], strict=False))
    answers_police = tweets["is_reply"] & tweets["in_reply_to_user_id"].isin(police_ids)
    public = ~is_police & answers_police
    reply_to_other = (
        is_police & tweets["is_reply"] & ~tweets["in_reply_to_user_id"].isin(police_ids)
    )
    public_ids = set(tweets.loc[public, "tweet_id"])
    police_reply = reply_to_other & tweets["referenced_id"].isin(public_ids)
    retweet = is_police & tweets["is_retweet"] & ~reply_to_other
    police_post = is_police & ~reply_to_other & ~retweet
    dropped["department replies to residents (counted as replies)"] = int(police_reply.sum())
    dropped["department replies to tweets not in the file"] = int(
        (reply_to_other & ~police_reply).sum()
    )
    dropped["retweets by department accounts"] = int(retweet.sum())
    dropped["tweets neither by nor replying to a department"] = int(
        (~is_police & ~answers_police).sum()
    )
    replies = tweets[police_reply]
    first_reply = replies.groupby("referenced_id")["created_at"].min()
    chosen = tweets[police_post | public]
    is_public = public[police_post | public]
    answered = pd.Series(
        pd.to_datetime(first_reply.reindex(chosen["tweet_id"].to_numpy()).to_numpy(), utc=True),
        index=chosen.index,
    )
    minutes = (answered - chosen["created_at"]).dt.total_seconds() / 60
    return pd.DataFrame(
        {
            "post_id": chosen["tweet_id"],
            "department": np.where(
                is_public,
                chosen["in_reply_to_user_id"].map(police_ids),
                department[police_post | public],
            ),
            "platform": "Twitter",
            "actor": np.where(is_public, "public", "police"),
            "parent_id": chosen["referenced_id"].where(is_public),
            "created_at": chosen["created_at"],
            "text": chosen["text"],
            "likes": chosen["like_count"],
            "shares": chosen["retweet_count"],
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
        parts.append(_facebook_posts(facebook, departments, dropped))
    if tweets is not None:
        parts.append(_twitter_posts(tweets, departments, dropped))
    parts = [part for part in parts if len(part)]
    if not parts:
        raise ValueError(
            "no post belongs to a department of departments.csv: check the page names and "
            "Twitter handles there against the exports"
        )
    posts = pd.concat(parts, ignore_index=True)
    posts["topic"] = None
    posts = posts.sort_values(["created_at", "post_id"], kind="stable").reset_index(drop=True)
    for name in ("post_id", "department", "platform", "actor", "parent_id", "text", "topic"):
        posts[name] = posts[name].astype("string")
    for name in ("likes", "shares", "comments"):
        posts[name] = posts[name].astype("int64")
    posts["police_replied"] = posts["police_replied"].astype("boolean")
    posts["reply_minutes"] = posts["reply_minutes"].astype(float)
    return posts[_POST_COLUMNS], dropped


def load_folder(folder: str | os.PathLike[str], *, on_error: OnError = "raise") -> OwnData:
    r"""Read a folder of exports (see :data:`OWN_DATA_FILES`), validate and combine them.

    Pages and handles are matched without regard to case; two departments may not share one.
    Tweets without counts (no ``public_metrics``) are left out and counted in ``dropped``.

    Parameters
    ----------
    folder : str or path-like
        A folder with ``departments.csv`` and at least one of ``facebook_posts.csv`` (a
        CrowdTangle export) and ``tweets.jsonl`` (Twitter API v2 responses, one per line,
        collected with ``expansions=author_id``).
    on_error : {"raise", "skip"}
        ``"raise"``: problems in rows raise one DataError listing them all with their lines.
        ``"skip"``: those rows are left out, and each report's ``skipped`` lists them.

    Returns
    -------
    OwnData

    Raises
    ------
    DataError
        When the folder or a required file is missing, a file does not fit its format (the
        message names the file, row and column), two departments share a page or handle (the
        message names both), or the tweets carry no usernames (collected without
        ``expansions=author_id``).

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
    from govsocial import io

    folder = readable_folder(folder)
    files = {name: folder / file for name, file in OWN_DATA_FILES.items()}
    if not files["departments"].is_file():
        raise DataError(
            "the list of departments is missing",
            file=str(files["departments"]),
            expected="a CSV with columns department, facebook_page, twitter_username",
            found="no such file",
        )
    if not files["facebook"].is_file() and not files["tweets"].is_file():
        raise DataError(
            "no posts to read",
            file=str(folder),
            expected=f"{OWN_DATA_FILES['facebook']} and/or {OWN_DATA_FILES['tweets']}",
            found="neither file",
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
        exports["tweets"], no_counts = _with_counts(exports["tweets"])
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


def _read(reader: Callable[..., Any], path: Path, on_error: OnError) -> Any:
    """Call an io reader with ``on_error``."""
    return reader(path, on_error=on_error)


def _read_departments(path: Path, on_error: OnError) -> Any:
    """Read ``departments.csv``; a page or handle of two departments names both."""
    from govsocial import io

    loaded = io.read_table(path, DEPARTMENT_ACCOUNTS, on_error=on_error)
    frame, lines = loaded.frame, loaded.lines
    parts = [_shared_accounts(frame, lines, column)
             for column in ("facebook_page", "twitter_username")]
    problems = pd.concat(parts, ignore_index=True).sort_values("position", kind="stable")
    if problems.empty:
        return loaded
    checked = Checked(frame, problems, DEPARTMENT_ACCOUNTS, str(path))
    table, skipped = checked.settle(on_error)
    loaded.report.skip(skipped)
    return io.Loaded(table, loaded.report)


def _shared_accounts(frame: pd.DataFrame, lines: list[int], column: str) -> pd.DataFrame:
    """Problems of rows whose page or handle (any case, an @ ignored) an earlier row has.

    Examples
    --------
    >>> frame = pd.DataFrame({"department": ["A", "B"], "t": ["@Ab", "aB"]})
    >>> _shared_accounts(frame, [2, 4], "t")["found"].tolist()
    ["'aB' of 'B', already the account of 'A' (line 2)"]
    """
    key = frame[column].str.strip().str.lstrip("@").str.lower()
    first: dict[str, int] = {}
    rows = []
    for position, handle in enumerate(key):
        if pd.isna(handle):
            continue
        if handle in first:
            earlier = first[handle]
            rows.append({
                "position": position, "row": lines[position], "column": column,
                "problem": "two departments share this account",
                "expected": "each page and handle under one department (letter case ignored)",
                "found": f"{frame[column].iloc[position]!r} of "
                         f"{frame['department'].iloc[position]!r}, already the account of "
                         f"{frame['department'].iloc[earlier]!r} (line {lines[earlier]})",
            })
        else:
            first[handle] = position
    return pd.DataFrame(rows, columns=["position", "row", "column", "problem", "expected",
                                       "found"])


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


def _with_counts(tweets: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Leave out the tweets without counts; return the others and how many were left out."""
    counts = ["like_count", "retweet_count", "reply_count"]
    missing = tweets[counts].isna().any(axis=1).to_numpy(bool)
    kept = tweets[~missing]
    return kept.astype({name: "int64" for name in counts}), int(missing.sum())
