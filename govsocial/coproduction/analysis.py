"""Measures of the coproduction chapter: kinds of tweet, volume, reach, agility, real data.

Pure functions, frames in and frames out:

- :func:`tweet_kinds`, :func:`volume`: government or citizen originals and retweets over time;
- :func:`message_reach`, :func:`audience_curves`: how far and how fast a government message
  travels, with and without citizens' retweets;
- :func:`retweeted_accounts`, :func:`most_retweeted`: who is retweeted in the real Sandy tweets
  (only organisations named);
- :func:`timeline_curves`: several crises' volumes on one axis.

Cascades and the retweet network have files of their own (:mod:`.cascades`, :mod:`.network`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._common import _RT_PATTERN, _naive, _types
from .cascades import _roots_and_depths
from .simulate import ATTENTION_HOURS

__all__ = [
    "KINDS",
    "audience_curves",
    "message_reach",
    "most_retweeted",
    "retweeted_accounts",
    "timeline_curves",
    "tweet_kinds",
    "volume",
]


# --------------------------------------------------------------------------------------------
# Kinds of tweet, volume
# --------------------------------------------------------------------------------------------

KINDS: tuple[str, ...] = (
    "government original", "retweet of government", "citizen original", "retweet of citizen",
)
"""The kinds of tweet :func:`tweet_kinds` tells apart, in the order used by every table."""


def tweet_kinds(tweets: pd.DataFrame, accounts: pd.DataFrame) -> pd.Series:
    """Label each tweet as a government or citizen original, or a retweet of either.

    A retweet's kind follows the account it passes on (``retweeted_account``); an account not
    in ``accounts`` counts as a citizen.

    Parameters
    ----------
    tweets : DataFrame
        Columns of :data:`TWEETS`.
    accounts : DataFrame
        Columns of :data:`ACCOUNTS`.

    Returns
    -------
    Series
        One of :data:`KINDS` per tweet, with the tweets' index.

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": ["gov", "ann"],
    ...                          "account_type": ["government", "citizen"]})
    >>> tweets = pd.DataFrame({"account": ["gov", "ann", "ann"],
    ...                        "retweeted_account": [None, "gov", None]})
    >>> tweet_kinds(tweets, accounts).tolist()
    ['government original', 'retweet of government', 'citizen original']
    """
    types = _types(accounts)
    is_rt = tweets["retweeted_account"].notna()
    whose = tweets["retweeted_account"].where(is_rt, tweets["account"])
    is_gov = whose.map(types).eq("government").fillna(False).astype(bool)
    kind = np.select(
        [is_gov & ~is_rt, is_gov & is_rt, ~is_gov & ~is_rt],
        [KINDS[0], KINDS[1], KINDS[2]],
        default=KINDS[3],
    )
    return pd.Series(kind, index=tweets.index, name="kind")


def volume(tweets: pd.DataFrame, accounts: pd.DataFrame, *, freq: str = "1h") -> pd.DataFrame:
    """Count tweets per time bin and kind.

    Parameters
    ----------
    tweets, accounts : DataFrame
        Columns of :data:`TWEETS` and :data:`ACCOUNTS`.
    freq : str
        Pandas frequency of the bins.

    Returns
    -------
    DataFrame
        Index: bin start (UTC); one column per kind in :data:`KINDS` (zeros included).

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": ["gov"], "account_type": ["government"]})
    >>> tweets = pd.DataFrame({
    ...     "account": ["gov", "x"], "retweeted_account": [None, "gov"],
    ...     "created_at": pd.to_datetime(["2012-10-29 10:05", "2012-10-29 11:30"], utc=True)})
    >>> volume(tweets, accounts)["retweet of government"].tolist()
    [0, 1]
    """
    kind = tweet_kinds(tweets, accounts)
    counts = (
        pd.DataFrame({"time": tweets["created_at"], "kind": kind})
        .groupby([pd.Grouper(key="time", freq=freq), "kind"])
        .size()
        .unstack(fill_value=0)
    )
    full = pd.date_range(counts.index.min(), counts.index.max(), freq=freq)
    return counts.reindex(index=full, columns=list(KINDS), fill_value=0).rename_axis("time")


# --------------------------------------------------------------------------------------------
# Reach and agility
# --------------------------------------------------------------------------------------------


def _government_messages(
    tweets: pd.DataFrame, accounts: pd.DataFrame, author_type: str = "government"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the originals of one kind of account, and each other account's first retweet.

    Returns the originals (index reset) and a frame of retweets with ``message`` (position of
    the original), ``account``, ``hours`` after the original and the retweeter's
    ``followers``.
    """
    types = _types(accounts)
    followers = accounts.set_index("account")["followers"]
    root, _ = _roots_and_depths(tweets)
    is_rt = tweets["retweeted_id"].notna()
    originals = tweets[~is_rt & tweets["account"].map(types).eq(author_type)]
    originals = originals.reset_index(drop=True)
    position = pd.Series(np.arange(len(originals)), index=originals["tweet_id"].to_numpy())
    rts = pd.DataFrame({
        "message": position.reindex(root.where(is_rt).to_numpy()).to_numpy(),
        "account": tweets["account"].to_numpy(dtype=object),
        "time": _naive(tweets["created_at"]),
    }).dropna(subset=["message"])
    rts["message"] = rts["message"].astype(int)
    authors = originals["account"].to_numpy(dtype=object)
    rts = rts[rts["account"].to_numpy() != authors[rts["message"].to_numpy()]]
    rts = rts.sort_values("time", kind="stable").drop_duplicates(["message", "account"])
    start = _naive(originals["created_at"])
    rts["hours"] = (rts["time"].to_numpy() - start[rts["message"].to_numpy()]) / np.timedelta64(
        1, "h"
    )
    rts["hours"] = rts["hours"].astype(float)
    rts["followers"] = rts["account"].map(followers).fillna(0).to_numpy(dtype=float)
    return originals, rts.reset_index(drop=True)


def _audience(t: np.ndarray, sizes: np.ndarray, starts: np.ndarray, tau: float) -> np.ndarray:
    """Audience reached by time ``t`` for each message (vectorised over messages)."""
    lag = np.clip(t - starts, 0.0, None)
    return sizes * (1.0 - np.exp(-lag / tau))


def _solve_times(
    targets: np.ndarray, sizes: np.ndarray, starts: np.ndarray, message: np.ndarray,
    n_messages: int, upper: np.ndarray, tau: float,
) -> np.ndarray:
    """Earliest time at which each message's audience reaches its target (bisection)."""
    low = np.zeros(n_messages)
    high = upper.astype(float).copy()
    for _ in range(60):
        mid = (low + high) / 2
        reached = np.bincount(
            message, weights=_audience(mid[message], sizes, starts, tau), minlength=n_messages
        )
        done = reached >= targets
        high = np.where(done, mid, high)
        low = np.where(done, low, mid)
    return high


def message_reach(
    tweets: pd.DataFrame, accounts: pd.DataFrame, *, attention_hours: float = ATTENTION_HOURS,
    author_type: str = "government",
) -> pd.DataFrame:
    """Measure the reach and the agility of every government message (or citizen tweet).

    A message's *direct audience* is its account's followers; the *audience through
    retweets* adds the followers of every distinct account that retweeted it (any generation).
    Their sum is the *final audience* (an upper bound on the distinct accounts reached: a
    follower of two of them is counted twice). Followers do not all look at once: by ``t``
    hours after a tweet (or retweet) a share ``1 - exp(-t / attention_hours)`` of its
    author's followers has seen it.

    Parameters
    ----------
    tweets, accounts : DataFrame
        Columns of :data:`TWEETS` and :data:`ACCOUNTS`.
    attention_hours : float
        Mean time before a follower sees a tweet.
    author_type : str
        Whose originals to measure: ``"government"`` (default) or ``"citizen"`` (the yardstick
        of how far citizens carry each other's tweets).

    Returns
    -------
    DataFrame
        One row per original of ``author_type``: ``tweet_id``, ``account``, ``created_at``,
        ``retweets``, ``direct_audience``, ``retweet_audience``, ``final_audience``,
        ``amplification`` (final / direct), ``first_retweet_minutes`` (NaN without retweets),
        ``hours_to_half_direct`` (time until the message has reached as many accounts as half
        its account's followers: ``attention_hours * ln 2`` without retweets),
        ``hours_to_half_final`` (time until it has reached half its final audience), and
        ``first_hour_audience`` (accounts reached in the first hour after posting, directly and
        through retweets).

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": ["gov", "a"], "followers": [100, 300],
    ...                          "account_type": ["government", "citizen"]})
    >>> t = pd.to_datetime(["2012-10-29 10:00", "2012-10-29 10:00"], utc=True)
    >>> tweets = pd.DataFrame({"tweet_id": ["1", "2"], "account": ["gov", "a"],
    ...                        "created_at": t, "retweeted_id": [None, "1"],
    ...                        "retweeted_account": [None, "gov"]})
    >>> row = message_reach(tweets, accounts).iloc[0]
    >>> float(row["amplification"]), round(float(row["hours_to_half_direct"]), 4)
    (4.0, 0.1335)
    """
    tau = float(attention_hours)
    followers = accounts.set_index("account")["followers"]
    originals, rts = _government_messages(tweets, accounts, author_type)
    n = len(originals)
    direct = originals["account"].map(followers).fillna(0).to_numpy(dtype=float)
    via = np.bincount(rts["message"], weights=rts["followers"], minlength=n)
    count = np.bincount(rts["message"], minlength=n)
    first = pd.Series(rts.groupby("message")["hours"].min()).reindex(range(n)).to_numpy()
    last = pd.Series(rts.groupby("message")["hours"].max()).reindex(range(n)).fillna(0.0)

    # every message's audience: its own followers from 0 h, each retweeter's from its retweet
    message = np.concatenate([np.arange(n), rts["message"].to_numpy(dtype=int)])
    sizes = np.concatenate([direct, rts["followers"].to_numpy(dtype=float)])
    starts = np.concatenate([np.zeros(n), rts["hours"].to_numpy(dtype=float)])
    final = direct + via
    upper = last.to_numpy() + tau * np.log(2) + 1e-9
    half_direct = _solve_times(direct / 2, sizes, starts, message, n, upper, tau)
    half_final = _solve_times(final / 2, sizes, starts, message, n, upper, tau)
    first_hour = np.bincount(
        message, weights=_audience(np.ones(len(message)), sizes, starts, tau), minlength=n
    )
    return pd.DataFrame({
        "tweet_id": originals["tweet_id"],
        "account": originals["account"],
        "created_at": originals["created_at"],
        "retweets": count.astype("int64"),
        "direct_audience": direct,
        "retweet_audience": via,
        "final_audience": final,
        "amplification": np.divide(final, direct, out=np.full(n, np.nan), where=direct > 0),
        "first_retweet_minutes": first * 60,
        "hours_to_half_direct": half_direct,
        "hours_to_half_final": half_final,
        "first_hour_audience": first_hour,
    })


def audience_curves(
    tweets: pd.DataFrame, accounts: pd.DataFrame, *, hours: Sequence[float] | np.ndarray,
    attention_hours: float = ATTENTION_HOURS,
) -> pd.DataFrame:
    """Average audience of a government message over the hours after it was posted.

    Parameters
    ----------
    tweets, accounts : DataFrame
        Columns of :data:`TWEETS` and :data:`ACCOUNTS`.
    hours : array of float
        Times after posting at which to evaluate the audience.
    attention_hours : float
        Mean time before a follower sees a tweet (see :func:`message_reach`).

    Returns
    -------
    DataFrame
        Columns ``hours``, ``followers_only`` (the audience if nobody retweeted) and
        ``with_retweets``, both as multiples of the account's followers, averaged over messages
        weighted by followers (sum of audiences / sum of followers).

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": ["gov", "a"], "followers": [100, 100],
    ...                          "account_type": ["government", "citizen"]})
    >>> t = pd.to_datetime(["2012-10-29 10:00", "2012-10-29 10:00"], utc=True)
    >>> tweets = pd.DataFrame({"tweet_id": ["1", "2"], "account": ["gov", "a"],
    ...                        "created_at": t, "retweeted_id": [None, "1"],
    ...                        "retweeted_account": [None, "gov"]})
    >>> audience_curves(tweets, accounts, hours=[0, 100])["with_retweets"].round(3).tolist()
    [0.0, 2.0]
    """
    tau = float(attention_hours)
    followers = accounts.set_index("account")["followers"]
    originals, rts = _government_messages(tweets, accounts)
    lag = rts["hours"].to_numpy(dtype=float)
    rt_followers = rts["followers"].to_numpy(dtype=float)
    direct_total = float(originals["account"].map(followers).fillna(0).sum())
    grid = np.asarray(hours, dtype=float)
    seen = 1 - np.exp(-grid / tau)
    through = np.array([
        float(np.sum(rt_followers * (1 - np.exp(-np.clip(h - lag, 0, None) / tau))))
        for h in grid
    ])
    return pd.DataFrame({
        "hours": grid,
        "followers_only": seen,
        "with_retweets": seen + through / direct_total,
    })


# --------------------------------------------------------------------------------------------
# Real data: who is retweeted in the Sandy tweets; several crises on one axis
# --------------------------------------------------------------------------------------------


def retweeted_accounts(sandy: pd.DataFrame) -> pd.DataFrame:
    """Count how often each account is retweeted.

    Parameters
    ----------
    sandy : DataFrame
        With ``retweeted_account`` (lower case, missing for non-retweets) and ``text``.

    Returns
    -------
    DataFrame
        ``account`` (lower case), ``spelling`` (its most frequent spelling in the texts),
        ``retweets`` and ``rank`` (1 = most retweeted; ties broken alphabetically).

    Examples
    --------
    >>> toy = pd.DataFrame({"text": ["RT @FEMA: x", "RT @fema: y", "RT @bob: z", "hi"],
    ...                     "retweeted_account": ["fema", "fema", "bob", None]})
    >>> retweeted_accounts(toy)[["spelling", "retweets", "rank"]].values.tolist()
    [['FEMA', 2, 1], ['bob', 1, 2]]
    """
    spelled = sandy["text"].astype(object).str.extract(_RT_PATTERN, expand=False)
    rts = pd.DataFrame({"account": sandy["retweeted_account"], "spelling": spelled}).dropna()
    spelling = (
        rts.groupby(["account", "spelling"]).size().reset_index(name="n")
        .sort_values(["account", "n", "spelling"], ascending=[True, False, True])
        .drop_duplicates("account").set_index("account")["spelling"]
    )
    counts = rts.groupby("account").size().rename("retweets").reset_index()
    counts = counts.sort_values(["retweets", "account"], ascending=[False, True],
                                kind="stable").reset_index(drop=True)
    counts.insert(1, "spelling", counts["account"].map(spelling))
    counts["rank"] = np.arange(1, len(counts) + 1)
    return counts


def most_retweeted(
    sandy: pd.DataFrame, account_types: pd.DataFrame, *, top: int = 50
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """List the most retweeted accounts, showing only organisations.

    Private people must not be singled out, so among the ``top`` most retweeted accounts only
    those in the hand-made table of organisations are named; the others are only counted.
    Accounts tied with the ``top``-th are included, so the list may be a little longer.

    Parameters
    ----------
    sandy : DataFrame
        From :func:`read_crisislex_t6`.
    account_types : DataFrame
        From :func:`read_account_types`.
    top : int
        How many of the most retweeted accounts to consider (ties at the cut included).

    Returns
    -------
    shown : DataFrame
        The organisational accounts among the ``top``: ``rank``, ``account`` (as spelled most
        often), ``organisation``, ``account_type``, ``retweets``.
    summary : DataFrame
        Accounts and retweets among the ``top`` by kind (the types, plus "private or
        unclassified (not shown)").

    Examples
    --------
    >>> toy = pd.DataFrame({"text": ["RT @fema: a", "RT @fema: b", "RT @ann: c"],
    ...                     "retweeted_account": ["fema", "fema", "ann"]})
    >>> types = pd.DataFrame({"account": ["fema"], "organisation": ["FEMA"],
    ...                       "account_type": ["government"], "basis": ["handle"]})
    >>> shown, summary = most_retweeted(toy, types, top=2)
    >>> shown["account"].tolist(), summary["accounts"].tolist()
    (['fema'], [1, 1])
    """
    counts = retweeted_accounts(sandy)
    if len(counts) > top:
        counts = counts[counts["retweets"] >= counts["retweets"].iloc[top - 1]]
    table = account_types.assign(account=account_types["account"].str.lower())
    merged = counts.merge(table[["account", "organisation", "account_type"]], on="account",
                          how="left")
    hidden = "private or unclassified (not shown)"
    shown = merged[merged["account_type"].notna()].rename(columns={"account": "key"})
    shown = shown.rename(columns={"spelling": "account"})[
        ["rank", "account", "organisation", "account_type", "retweets"]
    ].reset_index(drop=True)
    kinds = merged["account_type"].fillna(hidden)
    summary = (
        merged.assign(kind=kinds).groupby("kind")
        .agg(accounts=("rank", "size"), retweets=("retweets", "sum"))
        .sort_values(["accounts", "retweets"], ascending=False).reset_index()
    )
    summary = pd.concat([summary[summary["kind"] != hidden], summary[summary["kind"] == hidden]],
                        ignore_index=True)
    return shown, summary


def timeline_curves(
    timelines: pd.DataFrame, *, bin_hours: float = 3, horizon_hours: float = 240
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Put several crises' tweet volumes on one axis: hours since each event's first tweet.

    Parameters
    ----------
    timelines : DataFrame
        ``event`` and ``created_at``, e.g. from :func:`read_crisislex_timelines`.
    bin_hours : float
        Width of the time bins (hours).
    horizon_hours : float
        Bins after this are left out of the curves (not of the totals).

    Returns
    -------
    curves : DataFrame
        Events in order of first appearance: ``event``, ``hours`` (start of the bin),
        ``share`` (of the event's tweets in the bin), ``cumulative`` (share up to the end of
        the bin).
    summary : DataFrame
        One row per event: ``event``, ``tweets``, ``peak_hours`` (start of the busiest bin),
        ``half_hours`` (hours until half of the event's tweets were posted).

    Examples
    --------
    >>> t = pd.to_datetime(["2013-01-01 00:00", "2013-01-01 01:00", "2013-01-01 07:00",
    ...                     "2013-01-01 08:00"], utc=True)
    >>> curves, summary = timeline_curves(pd.DataFrame({"event": "x", "created_at": t}))
    >>> curves["share"].head(3).tolist(), float(summary.loc[0, "half_hours"])
    ([0.5, 0.0, 0.5], 1.0)
    """
    curves, rows = [], []
    for event, group in timelines.groupby("event", sort=False):
        hours = (group["created_at"] - group["created_at"].min()).dt.total_seconds() / 3600
        hours = np.sort(hours.to_numpy())
        n = len(hours)
        n_bins = int(np.ceil(horizon_hours / bin_hours))
        counts = np.bincount(np.floor(hours / bin_hours).astype(int), minlength=n_bins)
        share = counts / n
        starts = np.arange(len(counts)) * bin_hours
        keep = starts < horizon_hours
        curves.append(pd.DataFrame({
            "event": event, "hours": starts[keep], "share": share[keep],
            "cumulative": np.cumsum(share)[keep],
        }))
        half = float(hours[int(np.ceil(n / 2)) - 1])
        rows.append({"event": event, "tweets": n, "peak_hours": float(starts[np.argmax(counts)]),
                     "half_hours": half})
    return pd.concat(curves, ignore_index=True), pd.DataFrame(rows)
