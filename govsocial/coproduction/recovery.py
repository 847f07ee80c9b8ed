"""Did we recover the planted truth? The comparison with citizens, the rules, the scorecard.

A government message is "amplified" by any retweet, so an amplification above 1 proves nothing:
it holds whenever anyone retweets. The yardstick is how far citizens carry *each other's*
tweets. :func:`compare_with_citizens` measures government messages against citizens' own tweets
(reach, and audience in the first hour) with bootstrap intervals; :data:`RULES` are the
chapter's decision rules, :func:`world` one planted or null world (:meth:`Effects.none`:
citizens retweet government exactly as often as each other), and
:func:`operating_characteristics` their power and size over many worlds
(:mod:`govsocial.planted`). :func:`recovery_table` sets the planted truth against the measures,
:func:`falsification` does so in the null world, and :func:`scorecard` sets the study's
directional findings against ours.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from govsocial import planted, stats

from ._common import _naive, _types
from .analysis import message_reach
from .simulate import (
    ATTENTION_HOURS,
    CITIZEN_AMPLIFICATION,
    CoproductionData,
    Effects,
    Scale,
    simulate,
)

__all__ = [
    "RULES",
    "CitizenComparison",
    "bootstrap_ratio",
    "claims",
    "community_counts",
    "compare_with_citizens",
    "falsification",
    "operating_characteristics",
    "recovery_table",
    "scorecard",
    "world",
]


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


Interval = tuple[float, float, float]


@dataclass(frozen=True)
class CitizenComparison:
    """Government messages measured against citizens' own tweets, with 95 % intervals.

    Each field is ``(estimate, low, high)``: a ratio of sums over messages, the interval from a
    percentile bootstrap that resamples government messages and citizen tweets each on its own.

    Attributes
    ----------
    government_amplification, citizen_amplification : tuple of float
        Final over direct audience of government messages, and of citizens' own tweets.
    relative_reach : tuple of float
        Government's amplification over citizens': 1 when citizens carry government messages
        exactly as far as each other's tweets.
    government_first_hour, citizen_first_hour : tuple of float
        Audience in the first hour after posting, over the author's followers.
    relative_first_hour : tuple of float
        Government's first-hour audience over citizens' (agility against the same yardstick).
    effects : Effects or None
        The planted truth of the world measured (None on own data).
    """

    government_amplification: Interval
    citizen_amplification: Interval
    relative_reach: Interval
    government_first_hour: Interval
    citizen_first_hour: Interval
    relative_first_hour: Interval
    effects: Effects | None = None


def _percentile(values: np.ndarray, level: float) -> tuple[float, float]:
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return float(low), float(high)


def compare_with_citizens(
    tweets: pd.DataFrame, accounts: pd.DataFrame, *, seed: int = 0, n_boot: int = 2000,
    attention_hours: float = ATTENTION_HOURS, level: float = 0.95,
    effects: Effects | None = None,
) -> CitizenComparison:
    """Measure how much further and faster citizens carry government messages than each other's.

    Parameters
    ----------
    tweets, accounts : DataFrame
        Columns of :data:`TWEETS` and :data:`ACCOUNTS`.
    seed : int
        Seed of the bootstrap.
    n_boot : int
        Bootstrap resamples.
    attention_hours : float
        Mean time before a follower sees a tweet (:func:`message_reach`).
    level : float
        Coverage of the intervals.
    effects : Effects, optional
        The planted truth, kept with the result.

    Returns
    -------
    CitizenComparison
        NaN where either kind of account has no original tweet.

    Examples
    --------
    >>> data = simulate(3)
    >>> result = compare_with_citizens(data.tweets, data.accounts, n_boot=200)
    >>> bool(result.relative_reach[1] > 1)  # planted: government carried further
    True
    """
    gov = message_reach(tweets, accounts, attention_hours=attention_hours)
    cit = message_reach(tweets, accounts, attention_hours=attention_hours,
                        author_type="citizen")
    columns = ["final_audience", "first_hour_audience", "direct_audience"]
    g = gov[columns].to_numpy(dtype=float)
    c = cit[columns].to_numpy(dtype=float)
    nan: Interval = (float("nan"),) * 3
    if len(g) == 0 or len(c) == 0 or g[:, 2].sum() == 0 or c[:, 2].sum() == 0:
        return CitizenComparison(nan, nan, nan, nan, nan, nan, effects)

    def ratios(gs: np.ndarray, cs: np.ndarray) -> np.ndarray:
        """Rows: gov amp, cit amp, relative, gov first hour, cit first hour, relative."""
        gov_amp, gov_hour = gs[..., 0] / gs[..., 2], gs[..., 1] / gs[..., 2]
        cit_amp, cit_hour = cs[..., 0] / cs[..., 2], cs[..., 1] / cs[..., 2]
        return np.stack([gov_amp, cit_amp, gov_amp / cit_amp,
                         gov_hour, cit_hour, gov_hour / cit_hour])

    estimate = ratios(g.sum(axis=0), c.sum(axis=0))
    rng = np.random.default_rng(seed)
    draws = []
    chunk = max(1, 2_000_000 // max(len(c), 1))
    for start in range(0, n_boot, chunk):
        m = min(chunk, n_boot - start)
        g_idx = rng.integers(0, len(g), size=(m, len(g)))
        c_idx = rng.integers(0, len(c), size=(m, len(c)))
        draws.append(ratios(g[g_idx].sum(axis=1), c[c_idx].sum(axis=1)))
    boot = np.concatenate(draws, axis=1)
    fields = [(float(estimate[i]), *_percentile(boot[i], level)) for i in range(6)]
    return CitizenComparison(*fields, effects=effects)


# --------------------------------------------------------------------------------------------
# Decision rules, worlds, power and size
# --------------------------------------------------------------------------------------------

_PLANTED = Effects()


def _relative_truth(is_planted: bool) -> float:
    return _PLANTED.amplification / CITIZEN_AMPLIFICATION if is_planted else 1.0


RULES: tuple[planted.Rule, ...] = (
    planted.Rule(
        "Reach: citizens carry government messages further than each other's tweets",
        decide=lambda r: r.relative_reach[1] > 1,
        interval=lambda r: r.relative_reach,
        truth=_relative_truth,
    ),
    planted.Rule(
        "Agility: government messages reach more people in their first hour than "
        "citizens' tweets do",
        decide=lambda r: r.relative_first_hour[1] > 1,
        interval=lambda r: r.relative_first_hour,
    ),
    planted.Rule(
        "A weak rule: amplification above 1 (any retweet passes it)",
        decide=lambda r: r.government_amplification[1] > 1,
        interval=lambda r: r.government_amplification,
        truth=lambda is_planted: (_PLANTED.amplification if is_planted
                                  else CITIZEN_AMPLIFICATION),
    ),
)
"""The chapter's decision rules (95 % intervals that must exclude the null value): reach and
agility against citizens' own tweets, and the weak rule the chapter used before, kept on the
page to show that it is fooled whenever anyone retweets."""


def world(seed: int, is_planted: bool, scale: Scale = "teaching", *, n_boot: int = 1000
          ) -> CitizenComparison:
    """Simulate one world and measure it against citizens.

    Parameters
    ----------
    seed : int
        Seed of the simulation and of the bootstrap.
    is_planted : bool
        True: the study's effect (:class:`Effects`); False: the null world
        (:meth:`Effects.none`, citizens retweet government as often as each other).
    scale : {"teaching", "paper"}
        Size of the simulated storm.
    n_boot : int
        Bootstrap resamples.

    Returns
    -------
    CitizenComparison

    Examples
    --------
    >>> result = world(4, False, n_boot=200)
    >>> round(result.effects.amplification, 2)
    1.46
    """
    effects = _PLANTED if is_planted else Effects.none()
    data = simulate(seed, scale, effects)
    return compare_with_citizens(data.tweets, data.accounts, seed=seed, n_boot=n_boot,
                                 effects=effects)


def operating_characteristics(
    seeds: range | list[int], scale: Scale = "teaching", *, n_boot: int = 1000,
) -> pd.DataFrame:
    """Power, size and coverage of :data:`RULES` over planted and null worlds.

    Parameters
    ----------
    seeds : iterable of int
        One planted and one null world per seed.
    scale : {"teaching", "paper"}
        Size of each simulated storm.
    n_boot : int
        Bootstrap resamples per world.

    Returns
    -------
    DataFrame
        :func:`govsocial.planted.operating_characteristics` of the worlds.

    Examples
    --------
    >>> oc = operating_characteristics(range(2), n_boot=200)
    >>> oc["planted_worlds"].tolist()
    [2, 2, 2]
    """
    worlds = planted.run_worlds(
        lambda seed, is_planted: world(seed, is_planted, scale, n_boot=n_boot),
        RULES, seeds,
    )
    return planted.operating_characteristics(worlds)


# --------------------------------------------------------------------------------------------
# The recovery table, falsification, scorecard
# --------------------------------------------------------------------------------------------


def recovery_table(
    data: CoproductionData, reach: pd.DataFrame, *, seed: int = 0,
    attention_hours: float = ATTENTION_HOURS, comparison: CitizenComparison | None = None,
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
    comparison : CitizenComparison, optional
        :func:`compare_with_citizens` of ``data`` (computed when not given).

    Returns
    -------
    DataFrame
        One row per quantity, in this order: amplification of government messages, of
        citizens' own tweets, government's relative to citizens', the mean retweet delay of
        government messages, government's first-hour audience relative to citizens'. Columns
        ``quantity``, ``planted`` (NaN for the first-hour ratio, which has no closed form),
        ``estimate``, ``ci_low``, ``ci_high`` (95 %, bootstrap over messages; normal
        approximation for the mean delay) and ``recovered``: the interval covers the planted
        value; for the first-hour ratio, it lies above 1 when government is planted to be
        carried further than citizens, and covers 1 when it is not.

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
    if comparison is None:
        comparison = compare_with_citizens(data.tweets, data.accounts, seed=seed,
                                           attention_hours=attention_hours)
    ratio = bootstrap_ratio(reach["final_audience"], reach["direct_audience"], seed=seed)
    delays = _retweet_delays(data.tweets, data.accounts)
    if len(delays) > 1:
        mean = float(delays.mean())
        half = 1.96 * float(delays.std(ddof=1)) / np.sqrt(len(delays))
        delay = (mean, mean - half, mean + half)
    else:
        delay = (float("nan"),) * 3
    retweeted = effects.amplification > 1
    above = effects.amplification > CITIZEN_AMPLIFICATION * (1 + 1e-9)
    rows = [
        ("Amplification of government messages (final / direct audience)",
         effects.amplification, *ratio),
        ("Amplification of citizens' own tweets", CITIZEN_AMPLIFICATION,
         *comparison.citizen_amplification),
        ("Government's amplification relative to citizens'",
         effects.amplification / CITIZEN_AMPLIFICATION, *comparison.relative_reach),
        ("Mean retweet delay of government messages (minutes)",
         effects.retweet_delay_minutes if retweeted else float("nan"), *delay),
        ("Government's first-hour audience relative to citizens'", float("nan"),
         *comparison.relative_first_hour),
    ]
    table = pd.DataFrame(rows, columns=["quantity", "planted", "estimate", "ci_low", "ci_high"])
    covered = (table["ci_low"] <= table["planted"]) & (table["planted"] <= table["ci_high"])
    if not retweeted:
        covered.iloc[3] = np.isnan(table.loc[3, "estimate"])
    hour = table.iloc[4]
    covered.iloc[4] = hour["ci_low"] > 1 if above else hour["ci_low"] <= 1 <= hour["ci_high"]
    table["recovered"] = covered.astype(bool)
    return table


def falsification(seed: int, scale: Scale = "teaching") -> pd.DataFrame:
    """Measure reach and agility in the null world: citizens retweet government as each other.

    Parameters
    ----------
    seed : int
        Seed of the simulation.
    scale : {"teaching", "paper"}
        Size of the simulated storm.

    Returns
    -------
    DataFrame
        :func:`recovery_table` of ``simulate(seed, scale, Effects.none())``: government
        messages are still retweeted (amplification above 1), but no more than citizens' own
        tweets, so the ratios to citizens should cover 1.

    Examples
    --------
    >>> table = falsification(5)
    >>> bool(table.loc[0, "estimate"] > 1)  # government is still retweeted
    True
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
        :func:`falsification` (the null world).

    Returns
    -------
    DataFrame
        Columns ``finding`` (Chatfield & Reddick 2018, direction only), ``what we found`` and
        ``recovered (planted)`` (yes / no): whether our measures find, on simulated data, the
        effect we planted in the study's direction.

    Examples
    --------
    >>> data = simulate(3)
    >>> table = recovery_table(data, message_reach(data.tweets, data.accounts))
    >>> scorecard(table)["recovered (planted)"].tolist()
    ['yes', 'yes']
    """
    amp, rel, hour = recovery.iloc[0], recovery.iloc[2], recovery.iloc[4]
    rows = [
        ("Citizens' retweets magnify the reach of government disaster messages",
         f"audience x{amp['estimate']:.2f} of the agency's followers, "
         f"{rel['estimate']:.2f} times (95% CI {rel['ci_low']:.2f} to {rel['ci_high']:.2f}) "
         "what citizens' own tweets get", bool(rel["ci_low"] > 1)),
        ("Citizens' retweets magnify the agility of government disaster messages",
         f"first-hour audience {hour['estimate']:.2f} times (95% CI {hour['ci_low']:.2f} to "
         f"{hour['ci_high']:.2f}) that of citizens' own tweets", bool(hour["ci_low"] > 1)),
    ]
    if falsified is not None:
        rel0, hour0 = falsified.iloc[2], falsified.iloc[4]
        rows.append((
            "Null world: citizens retweet government as often as each other, so no extra "
            "reach or agility",
            f"reach {rel0['estimate']:.2f} times citizens' (95% CI {rel0['ci_low']:.2f} to "
            f"{rel0['ci_high']:.2f}), first hour {hour0['estimate']:.2f} times "
            f"({hour0['ci_low']:.2f} to {hour0['ci_high']:.2f})",
            bool(rel0["ci_low"] <= 1 <= rel0["ci_high"]
                 and hour0["ci_low"] <= 1 <= hour0["ci_high"]),
        ))
    table = pd.DataFrame(rows, columns=["finding", "what we found", "recovered (planted)"])
    table["recovered (planted)"] = np.where(table["recovered (planted)"], "yes", "no")
    return table


# --------------------------------------------------------------------------------------------
# The page's sentences, built from the numbers
# --------------------------------------------------------------------------------------------


def community_counts(community_table: pd.DataFrame, n_government: int) -> dict[str, int]:
    """Count what the communities sentence needs: how many of the largest hold an agency.

    Parameters
    ----------
    community_table : DataFrame
        From :func:`communities` (largest first; ``government_accounts`` joined by ", ").
    n_government : int
        Government accounts in the data; the sentence looks at as many largest communities.

    Returns
    -------
    dict
        ``n_big``, ``big_with_gov`` and ``agencies_alone`` (agencies that are the only
        government account of their community, in any community).

    Examples
    --------
    >>> table = pd.DataFrame({"government_accounts": ["A", "", "B, C"]})
    >>> community_counts(table, 2)
    {'n_big': 2, 'big_with_gov': 1, 'agencies_alone': 1}
    """
    big = community_table.head(n_government)
    govs = community_table["government_accounts"].fillna("").astype(str)
    alone = int(sum(len([a for a in g.split(",") if a.strip()]) == 1 for g in govs))
    return {"n_big": len(big), "big_with_gov": int((big["government_accounts"] != "").sum()),
            "agencies_alone": alone}


def claims(numbers: dict[str, float]) -> dict[str, str]:
    """Build the chapter's comparing and judging sentences from the computed numbers.

    Parameters
    ----------
    numbers : dict
        ``gov_before`` and ``cit_before`` (shares of originals before landfall),
        ``gov_median_in_degree`` and ``cit_max_in_degree``, ``betweenness_ratio`` (mean
        betweenness of government accounts over citizens'), ``n_big`` (largest communities
        looked at), ``big_with_gov`` (how many of them hold a government account),
        ``agencies_alone`` (government accounts that head a community with no other agency),
        ``n_government``, ``half_direct_min`` and ``alone_min`` (median minutes to half the
        followers, with citizens and without), and ``rel_low``, ``rel_high``, ``hour_low``,
        ``hour_high`` (intervals of reach and first-hour audience relative to citizens).

    Returns
    -------
    dict of str to str
        ``warn_ahead``, ``hubs``, ``brokers``, ``communities``, ``faster``, ``reach_verdict``:
        sentences or phrases that are true for these numbers; each only when its numbers are
        given.

    Examples
    --------
    >>> claims({"gov_before": 0.7, "cit_before": 0.4, "gov_median_in_degree": 300,
    ...         "cit_max_in_degree": 40, "n_big": 7, "big_with_gov": 5,
    ...         "agencies_alone": 6, "n_government": 7, "half_direct_min": 20,
    ...         "alone_min": 42, "rel_low": 1.8, "rel_high": 2.1, "hour_low": 1.6,
    ...         "hour_high": 1.8})["communities"].split(": ")[1]
    '6 of the 7 agencies have a community of their own.'
    """
    n = numbers
    out: dict[str, str] = {}
    if {"gov_before", "cit_before"} <= n.keys():
        if n["gov_before"] > n["cit_before"]:
            out["warn_ahead"] = "Government accounts warn ahead"
        elif n["gov_before"] < n["cit_before"]:
            out["warn_ahead"] = "Government accounts do not warn ahead of citizens"
        else:
            out["warn_ahead"] = "Government accounts and citizens post as early as each other"
    if {"gov_median_in_degree", "cit_max_in_degree"} <= n.keys():
        if n["gov_median_in_degree"] > n["cit_max_in_degree"]:
            out["hubs"] = "more than the most retweeted citizen"
        elif n["gov_median_in_degree"] == n["cit_max_in_degree"]:
            out["hubs"] = "as many as the most retweeted citizen"
        else:
            out["hubs"] = "fewer than the most retweeted citizen"
    if "betweenness_ratio" in n:
        if n["betweenness_ratio"] > 1:
            out["brokers"] = ("government accounts lie between groups of citizens that are "
                              "otherwise apart")
        else:
            out["brokers"] = ("government accounts lie between groups of citizens no more "
                              "often than citizens do")
    if {"n_big", "big_with_gov", "agencies_alone", "n_government"} <= n.keys():
        out["communities"] = _communities_sentence(
            int(n["n_big"]), int(n["big_with_gov"]), int(n["agencies_alone"]),
            int(n["n_government"]))
    if {"half_direct_min", "alone_min"} <= n.keys():
        if n["half_direct_min"] < n["alone_min"]:
            out["faster"] = "citizens make government faster"
        elif n["half_direct_min"] > n["alone_min"]:
            out["faster"] = "citizens do not make government faster"
        else:
            out["faster"] = "citizens make government no faster"
    if {"rel_low", "rel_high", "hour_low", "hour_high"} <= n.keys():
        out["reach_verdict"] = _verdict(n["rel_low"], n["rel_high"], n["hour_low"],
                                        n["hour_high"])
    return out


def _communities_sentence(big: int, with_gov: int, alone: int, n_gov: int) -> str:
    """Say how many of the largest communities hold an agency, and which agencies are alone."""
    if with_gov == big:
        first = f"All {big} largest are gathered around a government account"
    else:
        first = (f"{with_gov} of the {big} largest are gathered around a government account, "
                 f"and the other {big - with_gov} hold citizens only")
    if alone == n_gov:
        second = "each agency has a community of its own."
    elif alone == 0:
        second = "no agency has a community to itself."
    else:
        second = f"{alone} of the {n_gov} agencies have a community of their own."
    return f"{first}: {second}"


def _verdict(rel_low: float, rel_high: float, hour_low: float, hour_high: float) -> str:
    """Say in words what the two intervals relative to citizens show."""
    if rel_low > 1 and hour_low > 1:
        return "citizens carry government messages further and faster than each other's tweets"
    if rel_low > 1:
        return ("citizens carry government messages further than each other's tweets, but not "
                "measurably faster")
    if hour_low > 1:
        return ("citizens carry government messages faster than each other's tweets, but not "
                "measurably further")
    if rel_high < 1 and hour_high < 1:
        return ("citizens carry government messages less far and less fast than each other's "
                "tweets")
    return "the measures cannot tell government messages from citizens' own tweets"
