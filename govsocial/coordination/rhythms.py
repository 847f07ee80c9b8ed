"""Posting rhythms in the real tweet IDs: whether a government's accounts post in step.

:func:`account_coverage` tells which days each account's collection covers,
:func:`daily_posts` counts posts per account and day (missing outside the coverage),
:func:`rhythm_correlations` correlates every pair of accounts and
:func:`same_government_test` asks whether pairs of one government are more alike (permutation
test).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .data import TweetIdArchive

__all__ = [
    "account_coverage",
    "daily_posts",
    "rhythm_correlations",
    "same_government_test",
]


def account_coverage(archive: TweetIdArchive) -> pd.DataFrame:
    """Which UTC days each account's collection covers.

    The first collection of an account took its most recent tweets (at most about 3,200, the
    API's limit), so its oldest ID marks where the record starts: coverage begins the day after
    that ID, the first full day. It ends on the last day of the last weekly release in which the
    account has at least one ID. Empty weekly files in between are true zeros (the account was
    collected and posted nothing); empty files at the end are not trusted, because the
    collector reports at least one account (``foreignoffice``) whose tweets had stopped being
    available, which also gives empty files.

    Parameters
    ----------
    archive : TweetIdArchive
        From :func:`read_covid_gov_tweet_ids`.

    Returns
    -------
    DataFrame
        ``account``, ``first_release``, ``last_release`` (last release listing the account),
        ``first_day``, ``last_day``, ``ids``, ``empty_weeks`` (weekly files with no ID) and
        ``trailing_empty_weeks`` (empty files after the last ID, left out of the coverage).

    Examples
    --------
    >>> from govsocial.coordination import read_covid_gov_tweet_ids
    >>> coverage = account_coverage(read_covid_gov_tweet_ids()).set_index("account")
    >>> str(coverage.at["WHO", "last_day"].date())
    '2021-02-17'
    """
    files = archive.files.assign(order=archive.files["release"].str[1:].astype(float))
    files = files.sort_values("order")
    per_account = files.groupby("account").agg(
        first_release=("release", "first"),
        last_release=("release", "last"),
        empty_weeks=("ids", lambda s: int((s == 0).sum())),
    )
    with_ids = files[files["ids"] > 0].groupby("account")
    per_account["last_day"] = with_ids["release_end"].last()
    per_account["trailing_empty_weeks"] = files.groupby("account")["ids"].agg(
        lambda s: (
            len(s) - 1 - int(np.flatnonzero(s.to_numpy() > 0).max()) if (s > 0).any() else len(s)
        )
    )
    ids = archive.frame.groupby("account").agg(
        ids=("tweet_id", "size"), oldest=("created_at", "min")
    )
    out = per_account.join(ids, how="left")
    out["first_day"] = out["oldest"].dt.floor("D") + pd.Timedelta(days=1)
    out["ids"] = out["ids"].fillna(0).astype(int)
    columns = [
        "first_release",
        "last_release",
        "first_day",
        "last_day",
        "ids",
        "empty_weeks",
        "trailing_empty_weeks",
    ]
    return out[columns].reset_index()


def daily_posts(
    archive: TweetIdArchive,
    coverage: pd.DataFrame,
    *,
    start: pd.Timestamp | str,
    end: pd.Timestamp | str,
) -> pd.DataFrame:
    """Count posts per account and UTC day, missing (not zero) outside its coverage.

    Parameters
    ----------
    archive : TweetIdArchive
        The IDs.
    coverage : DataFrame
        From :func:`account_coverage`.
    start, end : Timestamp or str
        First and last day.

    Returns
    -------
    DataFrame
        Index: days (UTC); one column per account; float counts, NaN where not covered.

    Examples
    --------
    >>> from govsocial.coordination import read_covid_gov_tweet_ids
    >>> archive = read_covid_gov_tweet_ids()
    >>> daily = daily_posts(archive, account_coverage(archive), start="2020-03-01",
    ...                     end="2020-03-02")
    >>> daily.shape
    (2, 35)
    """
    start = (
        pd.Timestamp(start).tz_localize("UTC")
        if pd.Timestamp(start).tz is None
        else pd.Timestamp(start)
    )
    end = (
        pd.Timestamp(end).tz_localize("UTC") if pd.Timestamp(end).tz is None else pd.Timestamp(end)
    )
    days = pd.date_range(start.floor("D"), end.floor("D"), freq="D")
    frame = archive.frame.assign(day=archive.frame["created_at"].dt.floor("D"))
    frame = frame[(frame["day"] >= days[0]) & (frame["day"] <= days[-1])]
    counts = frame.groupby(["day", "account"]).size().unstack(fill_value=0)
    accounts = sorted(coverage["account"].astype(str))
    counts = counts.reindex(index=days, columns=accounts, fill_value=0).astype(float)
    cover = coverage.set_index("account")
    for account in accounts:
        outside = (days < cover.at[account, "first_day"]) | (days > cover.at[account, "last_day"])
        counts.loc[outside, account] = np.nan
    counts.index.name = "day"
    counts.columns.name = None
    return counts


def rhythm_correlations(
    daily: pd.DataFrame,
    roles: pd.DataFrame,
    *,
    detrend: bool = False,
    min_days: int = 60,
) -> pd.DataFrame:
    """Correlation of daily posting between every pair of accounts.

    Counts are taken as ``log(1 + posts)``. With ``detrend``, each account's centred 7-day
    mean is subtracted, and then its usual deviation on that day of the week, so that only
    unusual days are compared: not the slow swell of the pandemic, nor the quiet weekends,
    which nearly every account shares.

    Parameters
    ----------
    daily : DataFrame
        From :func:`daily_posts`.
    roles : DataFrame
        ``account``, ``government``, ``role``; accounts not in it are left out.
    detrend : bool
        Compare unusual days (deviations from the account's 7-day mean and weekday pattern)
        rather than the levels.
    min_days : int
        Pairs covered together on fewer days get no correlation (NaN).

    Returns
    -------
    DataFrame
        One row per pair: ``account_a``, ``account_b``, ``government_a``, ``government_b``,
        ``role_a``, ``role_b``, ``same_government``, ``days`` and ``r`` (Pearson).

    Examples
    --------
    >>> days = pd.date_range("2020-01-01", periods=4, freq="D", tz="UTC")
    >>> daily = pd.DataFrame({"a": [0, 1, 2, 3], "b": [0, 1, 2, 3], "c": [3, 2, 1, 0]},
    ...                      index=days, dtype=float)
    >>> roles = pd.DataFrame({"account": list("abc"), "government": ["X", "X", "Y"],
    ...                       "role": "leader"})
    >>> rhythm_correlations(daily, roles, min_days=3)["r"].round(2).tolist()
    [1.0, -0.92, -0.92]
    """
    listed = roles.set_index("account")
    accounts = [a for a in daily.columns if a in listed.index]
    values = np.log1p(daily[accounts])
    if detrend:
        values = values - values.rolling(7, center=True, min_periods=7).mean()
        weekday = values.groupby(values.index.day_of_week).transform("mean")
        values = values - weekday
    matrix = values.corr(min_periods=min_days)
    present = values.notna().astype(int)
    overlap = present.T @ present
    rows = []
    for i, a in enumerate(accounts):
        for b in accounts[i + 1 :]:
            rows.append(
                {
                    "account_a": a,
                    "account_b": b,
                    "government_a": listed.at[a, "government"],
                    "government_b": listed.at[b, "government"],
                    "role_a": listed.at[a, "role"],
                    "role_b": listed.at[b, "role"],
                    "same_government": listed.at[a, "government"] == listed.at[b, "government"],
                    "days": int(overlap.at[a, b]),
                    "r": matrix.at[a, b],
                }
            )
    return pd.DataFrame(rows)


def same_government_test(
    pairs: pd.DataFrame, *, n_permutations: int = 2000, seed: int = 0
) -> pd.Series:
    """Test whether accounts of one government post more in step than those of different ones.

    The statistic is the mean correlation of same-government pairs minus that of
    different-government pairs. Its p-value comes from shuffling the governments among the
    accounts (keeping how many accounts each has), which keeps every correlation as it is and
    breaks only the link between correlation and government.

    Parameters
    ----------
    pairs : DataFrame
        From :func:`rhythm_correlations`.
    n_permutations : int
        Shuffles.
    seed : int
        Seed of the shuffles.

    Returns
    -------
    Series
        ``same_pairs``, ``different_pairs``, ``mean_same``, ``mean_different``,
        ``difference`` and ``p_value`` (one-sided: same-government pairs more alike).

    Examples
    --------
    >>> pairs = pd.DataFrame({"account_a": ["a", "a", "b"], "account_b": ["b", "c", "c"],
    ...     "government_a": ["X", "X", "X"], "government_b": ["X", "Y", "Y"],
    ...     "same_government": [True, False, False], "r": [0.9, 0.1, 0.2]})
    >>> same_government_test(pairs, n_permutations=50)["difference"].round(2)
    np.float64(0.75)
    """
    usable = pairs.dropna(subset=["r"])
    accounts = sorted(set(usable["account_a"]) | set(usable["account_b"]))
    position = {a: i for i, a in enumerate(accounts)}
    government = {}
    for side in ("a", "b"):
        government.update(
            dict(zip(usable[f"account_{side}"], usable[f"government_{side}"], strict=True))
        )
    labels = pd.factorize(pd.Series([government[a] for a in accounts]))[0]
    i = usable["account_a"].map(position).to_numpy()
    j = usable["account_b"].map(position).to_numpy()
    r = usable["r"].to_numpy(dtype=float)

    def statistic(lab: np.ndarray) -> np.ndarray:
        same = lab[..., i] == lab[..., j]
        n_same = same.sum(axis=-1)
        mean_same = np.where(same, r, 0).sum(axis=-1) / np.maximum(n_same, 1)
        mean_diff = np.where(~same, r, 0).sum(axis=-1) / np.maximum(len(r) - n_same, 1)
        return mean_same - mean_diff

    observed = float(statistic(labels))
    rng = np.random.default_rng(seed)
    shuffled = np.array([rng.permutation(labels) for _ in range(n_permutations)])
    null = statistic(shuffled)
    same = usable["same_government"].to_numpy(dtype=bool)
    return pd.Series(
        {
            "same_pairs": int(same.sum()),
            "different_pairs": int((~same).sum()),
            "mean_same": float(r[same].mean()) if same.any() else np.nan,
            "mean_different": float(r[~same].mean()) if (~same).any() else np.nan,
            "difference": observed,
            "p_value": (1 + np.sum(null >= observed - 1e-12)) / (1 + n_permutations),
        }
    )
