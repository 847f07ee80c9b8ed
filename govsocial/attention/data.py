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
from govsocial.schema import Column, Contract, DataError, LoadReport

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


def load_folder(folder: str | os.PathLike[str]) -> AttentionData:
    r"""Load your own agencies' tweets and accounts from a folder.

    The folder holds ``tweets.jsonl`` (Twitter API v2 responses, one per line, as ``twarc2``
    writes them; read with :func:`govsocial.io.read_tweets_v2_jsonl`), ``accounts.csv`` (the
    columns of :data:`ACCOUNTS`; read with :func:`govsocial.io.read_table`) and, optionally,
    ``coded.csv`` (the columns of :data:`CODED`). Retweets are left out (they are other
    accounts' content, and the API reports the original tweet's retweet count for them), and so
    are tweets by accounts not listed in ``accounts.csv``. The window runs from the day of the
    first tweet to the end of the day of the last.

    Parameters
    ----------
    folder : str or path-like
        The folder with the files.

    Returns
    -------
    AttentionData
        ``news`` and ``effects`` are None (there is no planted truth); ``coded`` is None when
        there is no ``coded.csv``. ``reports`` says what each file held and what was dropped.

    Raises
    ------
    DataError
        When a file is missing or malformed, an account was created after the last tweet, or
        ``coded.csv`` names a tweet that is not in ``tweets.jsonl``.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> load_folder(folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govsocial.schema.DataError: ...: no tweets.jsonl in this folder (expected ...)
    """
    folder = Path(folder)
    for name in ("tweets.jsonl", "accounts.csv"):
        if not (folder / name).is_file():
            raise DataError(
                f"no {name} in this folder",
                file=str(folder),
                expected="tweets.jsonl (Twitter API v2 JSON lines) and accounts.csv",
                found=", ".join(sorted(p.name for p in folder.iterdir())) or "an empty folder",
            )
    accounts_loaded = io.read_table(folder / "accounts.csv", ACCOUNTS)
    accounts = accounts_loaded.frame
    lowered = accounts["username"].str.lower()
    if lowered.duplicated().any():
        position = int(np.flatnonzero(lowered.duplicated().to_numpy())[0])
        raise DataError(
            "two accounts differ only in upper/lower case",
            file=str(folder / "accounts.csv"),
            row=position + 2,
            column="username",
            expected="one row per account",
            found=repr(accounts["username"].iloc[position]),
        )
    tweets_loaded = io.read_tweets_v2_jsonl(folder / "tweets.jsonl")
    raw = tweets_loaded.frame
    spelling = dict(zip(lowered, accounts["username"], strict=True))
    username = raw["username"].str.lower().map(spelling)
    retweet = raw["is_retweet"].to_numpy()
    unknown = username.isna().to_numpy() & ~retweet
    tweets = raw.loc[~retweet & ~unknown].assign(username=username).reset_index(drop=True)
    if tweets.empty:
        raise DataError(
            "no tweet of a listed account is left after removing retweets",
            file=str(folder / "tweets.jsonl"),
            expected="original tweets by the accounts in accounts.csv",
            found=f"{int(retweet.sum())} retweets, {int(unknown.sum())} tweets by other accounts",
        )
    tweets = tweets[_TWEET_COLUMNS].astype({"username": "string"})
    start = tweets["created_at"].min().floor("D")
    end = tweets["created_at"].max().floor("D") + pd.Timedelta(days=1)
    late = accounts["created_at"] >= end
    if late.any():
        position = int(np.flatnonzero(late.to_numpy())[0])
        raise DataError(
            "the account was created after the last tweet",
            file=str(folder / "accounts.csv"),
            row=position + 2,
            column="created_at",
            expected=f"a date before {end:%Y-%m-%d}",
            found=str(accounts["created_at"].iloc[position]),
        )
    used = LoadReport(
        f"{io.shown_path(folder / 'tweets.jsonl')} (tweets analysed)",
        rows_read=len(raw),
        dropped={
            "retweet (not the account's own content)": int(retweet.sum()),
            "author not in accounts.csv": int(unknown.sum()),
        },
    )
    reports = [accounts_loaded.report, tweets_loaded.report, used]
    coded = None
    if (folder / "coded.csv").is_file():
        coded_loaded = io.read_table(folder / "coded.csv", CODED)
        text_of = dict(zip(tweets["tweet_id"], tweets["text"], strict=True))
        missing = ~coded_loaded.frame["tweet_id"].isin(list(text_of))
        if missing.any():
            position = int(np.flatnonzero(missing.to_numpy())[0])
            raise DataError(
                "this coded tweet is not among the analysed tweets",
                file=str(folder / "coded.csv"),
                row=position + 2,
                column="tweet_id",
                expected="the id of an original tweet by a listed account in tweets.jsonl",
                found=repr(coded_loaded.frame["tweet_id"].iloc[position]),
            )
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
