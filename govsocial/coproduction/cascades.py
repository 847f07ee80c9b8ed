"""Retweet cascades: each original tweet with every retweet that descends from it.

A retweet names the tweet it passes on (``retweeted_id``); following those links up to the
original gives each tweet's cascade and its depth. In the simulation a retweet names its
immediate parent, so cascades have many generations; Twitter's API names the original, so real
cascades have depth 1.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._common import _types

__all__ = ["cascades"]


def _roots_and_depths(tweets: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Follow ``retweeted_id`` up to the original: each tweet's root id and depth.

    A retweet whose chain leaves the data gets a missing root.
    """
    ids = tweets["tweet_id"].astype(object).to_numpy()
    parent = tweets["retweeted_id"].astype(object).where(tweets["retweeted_id"].notna(), None)
    position = pd.Series(np.arange(len(ids)), index=ids)
    parent_pos = position.reindex(parent.to_numpy()).to_numpy()
    is_rt = parent.notna().to_numpy()
    current = np.arange(len(ids), dtype=float)
    current[is_rt] = parent_pos[is_rt]  # NaN when the parent is not in the data
    depth = is_rt.astype(int)
    parent_of = np.where(is_rt, parent_pos, -1.0)
    for _ in range(len(ids) + 1):
        ok = ~np.isnan(current)
        step = np.zeros(len(ids), dtype=bool)
        step[ok] = parent_of[current[ok].astype(int)] != -1
        if not step.any():
            break
        current[step] = parent_of[current[step].astype(int)]
        depth[step] += 1
    found = ~np.isnan(current)
    roots = np.full(len(ids), None, dtype=object)
    roots[found] = ids[current[found].astype(int)]
    return pd.Series(roots, index=tweets.index), pd.Series(depth, index=tweets.index)


def cascades(tweets: pd.DataFrame, accounts: pd.DataFrame) -> pd.DataFrame:
    """Describe the retweet cascade of every original tweet.

    Parameters
    ----------
    tweets, accounts : DataFrame
        Columns of :data:`TWEETS` and :data:`ACCOUNTS`.

    Returns
    -------
    DataFrame
        One row per original tweet: ``tweet_id``, ``account``, ``account_type``,
        ``created_at``, ``retweets`` (all generations), ``depth`` (longest chain of retweets;
        0 without retweets), ``first_retweet_minutes`` (NaN without retweets).
        Retweets whose original is not in the data are left out.

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": ["gov", "a", "b"], "followers": [100, 10, 5],
    ...                          "account_type": ["government", "citizen", "citizen"]})
    >>> t = pd.to_datetime(["2012-10-29 10:00", "2012-10-29 10:05", "2012-10-29 10:20"],
    ...                    utc=True)
    >>> tweets = pd.DataFrame({"tweet_id": ["1", "2", "3"], "account": ["gov", "a", "b"],
    ...                        "created_at": t, "retweeted_id": [None, "1", "2"],
    ...                        "retweeted_account": [None, "gov", "gov"]})
    >>> cascades(tweets, accounts)[["retweets", "depth", "first_retweet_minutes"]]
       retweets  depth  first_retweet_minutes
    0         2      2                    5.0
    """
    root, depth = _roots_and_depths(tweets)
    is_rt = tweets["retweeted_id"].notna()
    originals = tweets.loc[~is_rt, ["tweet_id", "account", "created_at"]].copy()
    rts = pd.DataFrame({
        "root": root[is_rt & root.notna()],
        "depth": depth[is_rt & root.notna()],
        "time": tweets.loc[is_rt & root.notna(), "created_at"],
    })
    stats = rts.groupby("root").agg(retweets=("depth", "size"), depth=("depth", "max"),
                                    first=("time", "min"))
    out = originals
    key = out["tweet_id"].astype(object)
    out["retweets"] = key.map(stats["retweets"]).fillna(0).astype("int64").to_numpy()
    out["depth"] = key.map(stats["depth"]).fillna(0).astype("int64").to_numpy()
    first = pd.to_datetime(key.map(stats["first"]), utc=True)
    out["first_retweet_minutes"] = (first - out["created_at"]).dt.total_seconds() / 60
    out["account_type"] = out["account"].map(_types(accounts)).fillna("unlisted")
    columns = ["tweet_id", "account", "account_type", "created_at", "retweets", "depth",
               "first_retweet_minutes"]
    return out[columns].reset_index(drop=True)
