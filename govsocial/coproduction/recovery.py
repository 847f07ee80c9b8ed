"""Did we recover the planted truth? The recovery table, falsification and scorecard.

:func:`recovery_table` sets the planted amplification, retweet delay and agility against what
the measures find, with intervals; :func:`falsification` measures a world where citizens never
retweet government; :func:`scorecard` sets the study's directional findings against ours.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from govsocial import stats

from ._common import _naive, _types
from .analysis import message_reach
from .simulate import ATTENTION_HOURS, CoproductionData, Effects, Scale, simulate

__all__ = ["bootstrap_ratio", "falsification", "recovery_table", "scorecard"]


def bootstrap_ratio(
    numerator: np.ndarray | pd.Series, denominator: np.ndarray | pd.Series, *,
    n_boot: int = 2000, seed: int = 0, level: float = 0.95,
) -> tuple[float, float, float]:
    """Estimate ``sum(numerator) / sum(denominator)`` with a percentile bootstrap interval.

    Units (rows) are resampled with replacement, keeping each numerator with its denominator
    (:func:`govsocial.stats.bootstrap_interval`, paired).

    Parameters
    ----------
    numerator, denominator : array-like
        One value per unit (e.g. final and direct audience per message).
    n_boot : int
        Bootstrap resamples.
    seed : int
        Fixes the resamples.
    level : float
        Coverage of the interval.

    Returns
    -------
    tuple of float
        The estimate and the interval's lower and upper ends (NaN without units).

    Examples
    --------
    >>> bootstrap_ratio([3, 3, 3], [1, 1, 1])
    (3.0, 3.0, 3.0)
    >>> estimate, low, high = bootstrap_ratio([1, 5, 2, 8], [1, 1, 1, 1])
    >>> estimate, bool(1 <= low < estimate < high <= 8)
    (4.0, True)
    """
    num = np.asarray(numerator, dtype=float)
    den = np.asarray(denominator, dtype=float)
    if len(num) == 0:
        return (float("nan"),) * 3
    low, high = stats.bootstrap_interval(
        [num, den], _ratio_of_sums, n_boot=n_boot, level=level, rng=seed, paired=True
    )
    return float(num.sum() / den.sum()), low, high


def _ratio_of_sums(numerator: np.ndarray, denominator: np.ndarray, axis: int = -1) -> np.ndarray:
    """``sum(numerator) / sum(denominator)`` along ``axis`` (vectorised over resamples)."""
    return np.sum(numerator, axis=axis) / np.sum(denominator, axis=axis)


def _bootstrap_median(values: np.ndarray, *, n_boot: int = 2000, seed: int = 0
                      ) -> tuple[float, float, float]:
    """Median of the known values, with a 95 % percentile bootstrap interval (NaN left out)."""
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    if len(values) == 0:
        return (float("nan"),) * 3
    low, high = stats.bootstrap_interval([values], np.median, n_boot=n_boot, rng=seed)
    return float(np.median(values)), low, high


def _retweet_delays(tweets: pd.DataFrame, accounts: pd.DataFrame) -> np.ndarray:
    """Minutes between each retweet of a government message and the tweet it retweets."""
    types = _types(accounts)
    time_of = pd.Series(_naive(tweets["created_at"]), index=tweets["tweet_id"].to_numpy())
    rts = tweets[tweets["retweeted_id"].notna()
                 & tweets["retweeted_account"].map(types).eq("government")]
    parent_time = time_of.reindex(rts["retweeted_id"].to_numpy()).to_numpy()
    minutes = (_naive(rts["created_at"]) - parent_time) / np.timedelta64(1, "m")
    return minutes[~np.isnan(minutes)]


def recovery_table(
    data: CoproductionData, reach: pd.DataFrame, *, seed: int = 0,
    attention_hours: float = ATTENTION_HOURS,
) -> pd.DataFrame:
    """Compare the planted truth with what the measures recover.

    Parameters
    ----------
    data : CoproductionData
        A simulated data set (``effects`` not None).
    reach : DataFrame
        :func:`message_reach` of ``data``.
    seed : int
        Seed of the bootstrap.
    attention_hours : float
        The attention time used for ``reach``.

    Returns
    -------
    DataFrame
        One row per quantity: ``quantity``, ``planted`` (for agility: the time without any
        retweet, ``attention_hours * ln 2``), ``estimate``, ``ci_low``, ``ci_high`` (95 %,
        bootstrap over messages; normal approximation for the mean delay) and ``recovered``:
        the interval covers the planted value, or, for agility, lies below the time without
        retweets when citizens amplify (equals it when they do not).

    Examples
    --------
    >>> data = simulate(3)
    >>> table = recovery_table(data, message_reach(data.tweets, data.accounts))
    >>> table["recovered"].all()
    np.True_
    """
    if data.effects is None:
        raise ValueError("recovery needs simulated data with a planted truth")
    effects = data.effects
    ratio = bootstrap_ratio(reach["final_audience"], reach["direct_audience"], seed=seed)
    delays = _retweet_delays(data.tweets, data.accounts)
    if len(delays) > 1:
        mean = float(delays.mean())
        half = 1.96 * float(delays.std(ddof=1)) / np.sqrt(len(delays))
        delay = (mean, mean - half, mean + half)
    else:
        delay = (float("nan"),) * 3
    alone = attention_hours * np.log(2)
    agility = _bootstrap_median(reach["hours_to_half_direct"].to_numpy(), seed=seed)
    amplified = effects.amplification > 1
    rows = [
        ("Amplification of reach (final / direct audience)", effects.amplification, *ratio),
        ("Mean retweet delay of government messages (minutes)",
         effects.retweet_delay_minutes if amplified else float("nan"), *delay),
        ("Median hours to reach half the agency's followers", alone, *agility),
    ]
    table = pd.DataFrame(rows, columns=["quantity", "planted", "estimate", "ci_low", "ci_high"])
    covered = (table["ci_low"] <= table["planted"]) & (table["planted"] <= table["ci_high"])
    if amplified:
        faster = table.loc[2, "ci_high"] < alone
    else:
        faster = bool(np.isclose(table.loc[2, "estimate"], alone, rtol=1e-6))
    covered.iloc[2] = faster
    if not amplified:
        covered.iloc[1] = np.isnan(table.loc[1, "estimate"])
    table["recovered"] = covered.astype(bool)
    return table


def falsification(seed: int, scale: Scale = "teaching") -> pd.DataFrame:
    """Measure reach and agility in a world where citizens never retweet government.

    Parameters
    ----------
    seed : int
        Seed of the simulation.
    scale : {"teaching", "paper"}
        Size of the simulated storm.

    Returns
    -------
    DataFrame
        :func:`recovery_table` of ``simulate(seed, scale, Effects.none())``: amplification 1
        planted; measured with its interval; agility equal to the time without retweets.

    Examples
    --------
    >>> table = falsification(5)
    >>> float(table.loc[0, "estimate"]), float(table.loc[0, "ci_high"])
    (1.0, 1.0)
    """
    data = simulate(seed, scale, Effects.none())
    return recovery_table(data, message_reach(data.tweets, data.accounts), seed=seed)


def scorecard(recovery: pd.DataFrame, falsified: pd.DataFrame | None = None) -> pd.DataFrame:
    """Set the study's directional finding against what we measured.

    Parameters
    ----------
    recovery : DataFrame
        :func:`recovery_table` of the world with effects.
    falsified : DataFrame, optional
        :func:`falsification` (the world without effects).

    Returns
    -------
    DataFrame
        Columns ``finding`` (Chatfield & Reddick 2018, direction only), ``what we found`` and
        ``recovered`` (yes / no).

    Examples
    --------
    >>> data = simulate(3)
    >>> table = recovery_table(data, message_reach(data.tweets, data.accounts))
    >>> scorecard(table)["recovered"].tolist()
    ['yes', 'yes']
    """
    amp = recovery.iloc[0]
    agile = recovery.iloc[2]
    reach_found = amp["ci_low"] > 1
    agility_found = agile["ci_high"] < agile["planted"]
    rows = [
        ("Citizens' retweets magnify the reach of government disaster messages",
         f"audience x{amp['estimate']:.2f} (95% CI {amp['ci_low']:.2f} to "
         f"{amp['ci_high']:.2f}) of the agency's followers", reach_found),
        ("Citizens' retweets magnify the agility of government disaster messages",
         f"half the agency's followers reached in {agile['estimate'] * 60:.0f} min "
         f"(95% CI {agile['ci_low'] * 60:.0f} to {agile['ci_high'] * 60:.0f}), against "
         f"{agile['planted'] * 60:.0f} min without retweets", agility_found),
    ]
    if falsified is not None:
        amp0 = falsified.iloc[0]
        rows.append((
            "No citizen retweets, no amplification (falsification)",
            f"audience x{amp0['estimate']:.2f} (95% CI {amp0['ci_low']:.2f} to "
            f"{amp0['ci_high']:.2f})",
            bool(amp0["ci_low"] <= 1 <= amp0["ci_high"]),
        ))
    table = pd.DataFrame(rows, columns=["finding", "what we found", "recovered"])
    table["recovered"] = np.where(table["recovered"], "yes", "no")
    return table
