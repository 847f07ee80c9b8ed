"""A consultation run on several platforms at once: funnel, common footing, re-weightable table.

The simulated consultation (a fictional regional health ministry asks for comments on a
telemedicine programme) runs on three platforms whose native reactions differ: a *like*, a
*favourite* and a *reaction* are all counted as "endorsed", the one step they share. Each
platform then has the same funnel: reached, endorsed, commented, substantive (a comment that
makes a proposal or an argument). :func:`funnel` puts each stage per 1,000 people reached and
gives each step's conversion with a Wilson interval; :func:`evaluation_table` scores the
platforms on technological, political and organisational indicators with weights the reader
chooses.

Public names: CONSULTATION_PLATFORMS, NATIVE_REACTION, ConsultationEffects,
simulate_consultation, funnel, evaluation_table.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from govsocial.stats import wilson_interval

__all__ = [
    "CONSULTATION_PLATFORMS",
    "NATIVE_REACTION",
    "STAGES",
    "ConsultationEffects",
    "evaluation_table",
    "funnel",
    "simulate_consultation",
]

MINISTRY = "Regional Health Ministry (fictional)"
CONSULTATION_PLATFORMS = ("social network", "microblog", "video platform")
NATIVE_REACTION = {"social network": "reactions", "microblog": "favourites",
                   "video platform": "likes"}  # fmt: skip
STAGES = ("reached", "endorsed", "commented", "substantive")


@dataclass(frozen=True)
class ConsultationEffects:
    """Planted audience and conversion of each platform (in the order of the platforms).

    Examples
    --------
    >>> ConsultationEffects().reach
    (40000, 25000, 15000)
    """

    reach: tuple[int, ...] = (40_000, 25_000, 15_000)
    endorse: tuple[float, ...] = (0.04, 0.02, 0.06)
    comment: tuple[float, ...] = (0.15, 0.30, 0.10)
    substantive: tuple[float, ...] = (0.25, 0.15, 0.40)
    moderation_minutes: tuple[float, ...] = (3.0, 2.0, 6.0)  # per comment
    accessible: tuple[float, ...] = (0.9, 0.7, 0.6)  # share of posts with captions / alt text


def simulate_consultation(seed: int, effects: ConsultationEffects | None = None) -> pd.DataFrame:
    """Simulate the funnel counts and running costs of each platform.

    Returns
    -------
    DataFrame
        One row per platform: ``platform``, ``native_reaction``, the four stage counts,
        ``moderation_hours``, ``accessible``.

    Examples
    --------
    >>> simulate_consultation(1)["platform"].tolist()
    ['social network', 'microblog', 'video platform']
    """
    effects = ConsultationEffects() if effects is None else effects
    rng = np.random.default_rng(seed)
    rows = []
    for i, platform in enumerate(CONSULTATION_PLATFORMS):
        reached = effects.reach[i]
        endorsed = rng.binomial(reached, effects.endorse[i])
        commented = rng.binomial(endorsed, effects.comment[i])
        substantive = rng.binomial(commented, effects.substantive[i])
        rows.append({
            "platform": platform, "native_reaction": NATIVE_REACTION[platform],
            "reached": reached, "endorsed": endorsed, "commented": commented,
            "substantive": substantive,
            "moderation_hours": commented * effects.moderation_minutes[i] / 60,
            "accessible": effects.accessible[i],
        })  # fmt: skip
    return pd.DataFrame(rows)


def funnel(counts: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Each stage per 1,000 reached, and each step's conversion with a Wilson interval.

    Returns
    -------
    DataFrame
        One row per platform and stage: ``per_1000`` (the stage per 1,000 reached),
        ``conversion`` (share of the previous stage that reached this one), ``low``, ``high``.

    Examples
    --------
    >>> toy = pd.DataFrame({"platform": ["a"], "reached": [1000], "endorsed": [100],
    ...                     "commented": [10], "substantive": [5]})
    >>> funnel(toy)["per_1000"].tolist()
    [1000.0, 100.0, 10.0, 5.0]
    """
    rows = []
    for row in counts.itertuples(index=False):
        previous = None
        for stage in STAGES:
            count = getattr(row, stage)
            conversion = low = high = np.nan
            if previous is not None:
                conversion = count / previous if previous else np.nan
                low, high = wilson_interval(count, previous, level) if previous else (np.nan,) * 2
            rows.append({"platform": row.platform, "stage": stage, "count": int(count),
                         "per_1000": 1000 * count / row.reached, "conversion": conversion,
                         "low": low, "high": high})  # fmt: skip
            previous = count
    return pd.DataFrame(rows)


INDICATORS = {
    "reach (people reached)": ("technological", "reached", True),
    "accessible posts (share)": ("technological", "accessible", True),
    "substantive contributions per 1,000 reached": ("political", "substantive_rate", True),
    "comments per endorsement": ("political", "comment_rate", True),
    "moderation hours per substantive contribution": ("organisational", "cost", False),
}


def evaluation_table(counts: pd.DataFrame, weights: dict[str, float] | None = None) -> pd.DataFrame:
    """Score each platform on three dimensions and overall, with weights the reader chooses.

    Each indicator is rescaled so that the best platform scores 1 and the worst 0 (for a cost,
    lower is better); a dimension's score is the mean of its indicators, and the overall score
    the weighted mean of the dimensions.

    Parameters
    ----------
    counts : DataFrame
        From :func:`simulate_consultation` (or your own counts in the same columns).
    weights : dict, optional
        Weight of ``"technological"``, ``"political"`` and ``"organisational"`` (equal by
        default); they need not sum to one.

    Returns
    -------
    DataFrame
        Index: the platforms; one column per dimension, ``overall`` and ``rank``.

    Examples
    --------
    >>> counts = simulate_consultation(1)
    >>> political = evaluation_table(counts, {"technological": 0, "political": 1,
    ...                                       "organisational": 0})
    >>> int(political["rank"].min())
    1
    """
    weights = weights or {"technological": 1.0, "political": 1.0, "organisational": 1.0}
    values = counts.set_index("platform").assign(
        substantive_rate=lambda t: 1000 * t["substantive"] / t["reached"],
        comment_rate=lambda t: t["commented"] / t["endorsed"],
        cost=lambda t: t["moderation_hours"] / t["substantive"].clip(lower=1),
    )
    scores = {}
    for _, (dimension, column, higher) in INDICATORS.items():
        x = values[column].astype(float)
        span = x.max() - x.min()
        scaled = (x - x.min()) / span if span > 0 else x * 0 + 1.0
        scores.setdefault(dimension, []).append(scaled if higher else 1 - scaled)
    table = pd.DataFrame({d: pd.concat(s, axis=1).mean(axis=1) for d, s in scores.items()})
    total = sum(weights.values())
    table["overall"] = sum(table[d] * w for d, w in weights.items()) / total
    table["rank"] = table["overall"].rank(ascending=False, method="min").astype(int)
    return table
