"""Your own data: the agencies' tweets, accounts and hand-coded sample from a folder.

:func:`load_folder` reads ``tweets.jsonl`` (Twitter API v2), ``accounts.csv`` (:data:`ACCOUNTS`)
and an optional ``coded.csv`` (:data:`CODED`) with :mod:`govsocial.io`, validates them and
returns the same :class:`~govsocial.attention.simulate.AttentionData` the simulator returns,
without planted truth.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from govsocial import io
from govsocial.io.core import readable_folder
from govsocial.schema import Checked, Column, Contract, DataError, LoadReport, OnError

from .coding import STYLES
from .simulate import _TWEET_COLUMNS, AttentionData

__all__ = ["ACCOUNTS", "CODED", "load_folder"]

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


def load_folder(folder: str | os.PathLike[str], *, on_error: OnError = "raise") -> AttentionData:
    r"""Load your own agencies' tweets and accounts from a folder.

    The folder holds ``tweets.jsonl`` (Twitter API v2 responses, one per line, as ``twarc2``
    writes them with ``expansions=author_id``; read with
    :func:`govsocial.io.read_tweets_v2_jsonl`), ``accounts.csv`` (the columns of
    :data:`ACCOUNTS`; read with :func:`govsocial.io.read_table`) and, optionally,
    ``coded.csv`` (the columns of :data:`CODED`). Handles are matched without regard to case.
    Retweets are left out (they are other accounts' content, and the API reports the original
    tweet's retweet count for them), and so are tweets by accounts not listed in
    ``accounts.csv`` and tweets without counts (no ``public_metrics``). The window runs from
    the day of the first tweet to the end of the day of the last.

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
        there is no ``coded.csv``. ``reports`` says what each file held and what was dropped.

    Raises
    ------
    DataError
        When the folder or a file is missing or malformed, two rows of ``accounts.csv`` name
        the same handle (in any case), no tweet is by a listed account, an account was created
        after the last tweet, or ``coded.csv`` names a tweet that is not analysed.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> load_folder(folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govsocial.schema.DataError: ...: no tweets.jsonl in this folder (expected ...)
    """
    folder = readable_folder(folder)
    for name in ("tweets.jsonl", "accounts.csv"):
        if not (folder / name).is_file():
            raise DataError(
                f"no {name} in this folder",
                file=str(folder),
                expected="tweets.jsonl (Twitter API v2 JSON lines) and accounts.csv",
                found=", ".join(sorted(p.name for p in folder.iterdir())) or "an empty folder",
            )
    accounts_loaded = _read_accounts(folder / "accounts.csv", on_error)
    accounts = accounts_loaded.frame
    tweets_loaded = _read_tweets(folder / "tweets.jsonl", on_error)
    tweets, used = _analysed_tweets(tweets_loaded, accounts, folder / "tweets.jsonl")
    start = tweets["created_at"].min().floor("D")
    end = tweets["created_at"].max().floor("D") + pd.Timedelta(days=1)
    late = np.flatnonzero((accounts["created_at"] >= end).to_numpy())
    accounts_loaded = _keep_rows(
        accounts_loaded, ACCOUNTS, on_error,
        _problems(late, accounts_loaded.lines, "created_at",
                  "the account was created after the last tweet",
                  f"a date before {end:%Y-%m-%d}",
                  [str(accounts["created_at"].iloc[i]) for i in late]),
    )
    accounts = accounts_loaded.frame
    reports = [accounts_loaded.report, tweets_loaded.report, used]
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
    )


_NO_COUNTS = "no counts (the tweet has no public_metrics)"


def _read_accounts(path: Path, on_error: OnError) -> io.Loaded:
    """Read ``accounts.csv``; a handle listed twice (in any case) is a problem of its rows."""
    loaded = io.read_table(path, ACCOUNTS, on_error=on_error)
    positions, found = _case_repeats(loaded.frame["username"], loaded.lines)
    return _keep_rows(loaded, ACCOUNTS, on_error, _problems(
        positions, loaded.lines, "username", "two accounts differ only in upper/lower case",
        "one row per account (handles ignore case)", found,
    ))


def _read_tweets(path: Path, on_error: OnError) -> io.Loaded:
    """Read ``tweets.jsonl`` (Twitter API v2 JSON lines)."""
    return io.read_tweets_v2_jsonl(path, on_error=on_error)


def _analysed_tweets(
    loaded: io.Loaded, accounts: pd.DataFrame, path: Path
) -> tuple[pd.DataFrame, LoadReport]:
    """Return the listed accounts' own tweets with counts, and a report of what was left out."""
    raw = loaded.frame
    spelling = dict(zip(accounts["username"].str.lower(), accounts["username"], strict=True))
    username = raw["username"].str.lower().map(spelling)
    retweet = raw["is_retweet"].to_numpy(bool)
    unknown = username.isna().to_numpy(bool) & ~retweet
    if not (~retweet & ~unknown).any():
        raise _no_author_error(raw, accounts["username"], path, retweet)
    counts = ["retweet_count", "like_count", "reply_count"]
    no_counts = raw[counts].isna().any(axis=1).to_numpy(bool) & ~retweet & ~unknown
    keep = ~retweet & ~unknown & ~no_counts
    tweets = raw.loc[keep].assign(username=username[keep]).reset_index(drop=True)
    tweets = tweets[_TWEET_COLUMNS].astype({"username": "string"})
    tweets = tweets.astype({name: "int64" for name in counts})
    used = LoadReport(
        f"{io.shown_path(path)} (tweets analysed)",
        rows_read=len(raw),
        dropped={
            "retweet (not the account's own content)": int(retweet.sum()),
            "author not in accounts.csv": int(unknown.sum()),
            _NO_COUNTS: int(no_counts.sum()),
        },
    )
    if not used.dropped[_NO_COUNTS]:
        del used.dropped[_NO_COUNTS]
    if tweets.empty:
        raise DataError(
            "no tweet of a listed account with its counts is left",
            file=str(path),
            expected="original tweets with public_metrics by the accounts in accounts.csv",
            found=str(used),
        )
    return tweets, used


def _no_author_error(
    raw: pd.DataFrame, listed: pd.Series, path: Path, retweet: np.ndarray
) -> DataError:
    """Explain why no original tweet is by a listed account, naming the likely cause."""
    if raw["username"].isna().all():
        return DataError(
            "no tweet carries its author's username, so none can be matched to accounts.csv: "
            "the responses have no includes.users (were the tweets collected without "
            "expansions=author_id?)",
            file=str(path),
            column="includes.users",
            expected="responses with includes.users (request expansions=author_id)",
            found=f"{len(raw):,} tweets, no usernames",
        )
    authors = sorted(raw.loc[~retweet, "username"].dropna().unique())
    return DataError(
        "no original tweet is by an account listed in accounts.csv (handles ignore case)",
        file=str(path),
        column="username",
        expected=f"authors among {sorted(listed)[:5]}",
        found=f"authors {authors[:5]} and {int(retweet.sum()):,} retweets",
    )


def _read_coded(path: Path, tweets: pd.DataFrame, on_error: OnError) -> io.Loaded:
    """Read ``coded.csv``; a tweet id that is not analysed is a problem of its row."""
    loaded = io.read_table(path, CODED, on_error=on_error)
    ids = loaded.frame["tweet_id"]
    missing = np.flatnonzero(~ids.isin(list(tweets["tweet_id"])).to_numpy(bool))
    return _keep_rows(loaded, CODED, on_error, _problems(
        missing, loaded.lines, "tweet_id", "this coded tweet is not among the analysed tweets",
        "the id of an original tweet by a listed account in tweets.jsonl",
        [repr(ids.iloc[i]) for i in missing],
    ))


def _case_repeats(handles: pd.Series, lines: Sequence[int]) -> tuple[np.ndarray, list[str]]:
    """Rows whose handle repeats an earlier one in any case, and what each repeats.

    Examples
    --------
    >>> _case_repeats(pd.Series(["Ab", "x", "aB"]), [2, 3, 5])
    (array([2]), ["'aB' (line 2 has 'Ab')"])
    """
    lowered = handles.str.lower()
    first = {}
    for position, handle in enumerate(lowered):
        first.setdefault(handle, position)
    again = np.flatnonzero(lowered.duplicated().to_numpy(bool))
    found = [
        f"{handles.iloc[i]!r} (line {lines[first[lowered.iloc[i]]]} has "
        f"{handles.iloc[first[lowered.iloc[i]]]!r})"
        for i in again
    ]
    return again, found


def _problems(
    positions: np.ndarray, lines: Sequence[int], column: str, problem: str, expected: str,
    found: Sequence[str],
) -> pd.DataFrame:
    """Build a problems table (as :attr:`~govsocial.schema.Checked.problems`) for table rows."""
    return pd.DataFrame({
        "position": np.asarray(positions, int),
        "row": [lines[i] for i in positions],
        "column": column,
        "problem": problem,
        "expected": expected,
        "found": list(found),
    })


def _keep_rows(
    loaded: io.Loaded, contract: Contract, on_error: OnError, problems: pd.DataFrame
) -> io.Loaded:
    """Apply ``on_error`` to problems found in a loaded table's rows after it was read.

    ``"raise"``: one DataError lists them (each with its line); ``"skip"``: their rows are left
    out, and the report lists them.
    """
    if problems.empty:
        return loaded
    file = loaded.report.source
    checked = Checked(loaded.frame, problems, contract, file)
    frame, skipped = checked.settle(on_error)
    loaded.report.skip(skipped)
    bad = set(checked.bad_rows.tolist())
    lines = [line for i, line in enumerate(loaded.lines or []) if i not in bad]
    return io.Loaded(frame, loaded.report, lines)
