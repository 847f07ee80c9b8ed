"""Did we recover it? The chapter's decision rules run through the book's method.

Each finding of Müller (2022) that the chapter plants becomes a :class:`~govsocial.planted.Rule`
(:data:`RULES`): the effect is "found" when the 95% confidence interval of its incidence-rate
ratio excludes 1. :func:`world` simulates one world and fits the model the findings need;
:func:`run_worlds` runs planted worlds (every effect planted) and, for each rule, null worlds
in which *only that effect* is switched off (the other effects, the tweets, the coders and all
the noise stay); :func:`operating_characteristics` turns the worlds into power, size, coverage
and bias.
:func:`null_runs` gives the null worlds' intervals in the shape :func:`interval_figure` draws;
``sentences.py`` builds the sentences the page states about these numbers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from functools import partial

import pandas as pd

from govsocial import planted

from .analysis import (
    account_features,
    followers_model,
    retweet_model,
    tweet_features,
)
from .simulate import TERM_LABELS, Effects, Scale, simulate

__all__ = [
    "RULES",
    "falsification",
    "long_run_worlds",
    "null_runs",
    "operating_characteristics",
    "run_worlds",
    "world",
]

# effect field of Effects: (outcome, model term, the study's finding in words)
_FINDINGS: dict[str, tuple[str, str, str]] = {
    "news_doubling_irr": (
        "followers",
        "log2_news",
        "More followers for agencies more salient in the news",
    ),
    "account_year_irr": ("followers", "account_age_years", "More followers for older accounts"),
    "weekly_tweet_irr": (
        "followers",
        "tweets_per_week",
        "More followers for agencies that tweet more often",
    ),
    "interactive_retweet_irr": (
        "retweets",
        "interactive",
        "More retweets for an interactive style",
    ),
}


def _row(result: dict[str, pd.DataFrame], outcome: str, term: str) -> pd.Series:
    return result[outcome].loc[term]


def _excludes_one(result: dict[str, pd.DataFrame], outcome: str, term: str) -> bool:
    row = _row(result, outcome, term)
    return bool(row["ci_low"] > 1 or row["ci_high"] < 1)


def _interval(result: dict[str, pd.DataFrame], outcome: str, term: str) -> tuple[float, ...]:
    row = _row(result, outcome, term)
    return float(row["irr"]), float(row["ci_low"]), float(row["ci_high"])


def _truth(is_planted: bool, field: str) -> float:
    return float(getattr(Effects(), field)) if is_planted else 1.0


RULES: tuple[planted.Rule, ...] = tuple(
    planted.Rule(
        finding,
        decide=partial(_excludes_one, outcome=outcome, term=term),
        level=0.05,
        interval=partial(_interval, outcome=outcome, term=term),
        truth=partial(_truth, field=field),
    )
    for field, (outcome, term, finding) in _FINDINGS.items()
)
"""One rule per planted finding: the 95% interval of its IRR excludes 1 (stated level 5%)."""


def world(
    seed: int,
    is_planted: bool,
    *,
    off: str | None = None,
    scale: Scale = "teaching",
) -> dict[str, pd.DataFrame]:
    """Simulate one world and fit the models its findings need (true styles).

    Parameters
    ----------
    seed : int
        Seed of the world.
    is_planted : bool
        True: every effect of :class:`Effects` planted. False: the effect named by ``off``
        switched off (an IRR of 1) and every other effect, and all the noise, kept.
    off : str, optional
        The field of :class:`Effects` under test in a null world, e.g.
        ``"interactive_retweet_irr"``; required when ``is_planted`` is False.
    scale : {"teaching", "paper"}
        Size of the world.

    Returns
    -------
    dict of str to DataFrame
        ``{"followers": table, "retweets": table}`` (the fitted IRR tables indexed by term);
        a null world fits only the model of the effect switched off.

    Examples
    --------
    >>> null = world(4, False, off="account_year_irr")
    >>> list(null), round(float(null["followers"].loc["log2_news", "irr"]), 1) > 1
    (['followers'], True)
    """
    if is_planted:
        effects, outcomes = Effects(), {"followers", "retweets"}
    else:
        if off not in _FINDINGS:
            raise ValueError(f"off must be one of {list(_FINDINGS)}, got {off!r}")
        effects = dataclasses.replace(Effects(), **{off: 1.0})
        outcomes = {_FINDINGS[off][0]}
    data = simulate(seed, scale, effects=effects, texts=False)  # the models need no texts
    result: dict[str, pd.DataFrame] = {}
    if "followers" in outcomes:
        features = account_features(data.accounts, data.tweets, start=data.start, end=data.end)
        result["followers"] = followers_model(features).table.set_index("term")
    if "retweets" in outcomes:
        features = tweet_features(data.tweets, data.accounts)
        result["retweets"] = retweet_model(features, data.tweets["style"]).table.set_index("term")
    return result


def run_worlds(
    seeds: Iterable[int],
    scale: Scale = "teaching",
    *,
    kinds: tuple[bool, ...] = (True, False),
) -> pd.DataFrame:
    """Run every rule in planted worlds and in its own null worlds, one of each per seed.

    Parameters
    ----------
    seeds : iterable of int
        One planted world, and one null world per rule, for each seed.
    scale : {"teaching", "paper"}
        Size of each world.
    kinds : tuple of bool
        Which worlds to run: planted (True), null (False), or both.

    Returns
    -------
    DataFrame
        The rows of :func:`govsocial.planted.run_worlds`: ``seed``, ``planted``, ``finding``,
        ``found``, ``level``, ``estimate``, ``low``, ``high``, ``truth``.

    Examples
    --------
    >>> worlds = run_worlds([1])
    >>> worlds.groupby("planted").size().to_dict()
    {False: 4, True: 4}
    >>> bool(run_worlds([1], kinds=(True,))["planted"].all())
    True
    """
    seeds = list(seeds)
    frames = []
    if True in kinds:
        planted_world = partial(world, scale=scale)
        frames.append(planted.run_worlds(planted_world, RULES, seeds, kinds=(True,)))
    if False in kinds:
        for field, rule in zip(_FINDINGS, RULES, strict=True):
            null_world = partial(world, off=field, scale=scale)
            frames.append(planted.run_worlds(null_world, [rule], seeds, kinds=(False,)))
    return pd.concat(frames, ignore_index=True)


def falsification(seeds: Iterable[int], scale: Scale = "teaching") -> pd.DataFrame:
    """Run only the null worlds, one per rule and seed, and return their intervals.

    The chapter's falsification: in each world one effect is switched off and everything else
    kept; a 95% interval of that effect should exclude 1 in about one world in twenty.

    Returns
    -------
    DataFrame
        The rows of :func:`null_runs`: ``effect``, ``seed``, ``estimate``, ``ci_low``,
        ``ci_high``, ``planted_irr`` (1) and ``covered``.

    Examples
    --------
    >>> falsification([1])["planted_irr"].tolist()
    [1.0, 1.0, 1.0, 1.0]
    """
    return null_runs(run_worlds(seeds, scale, kinds=(False,)))


def operating_characteristics(
    seeds: Iterable[int] | None = None,
    scale: Scale = "teaching",
    *,
    worlds: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Power, size, coverage and bias of every rule (from :func:`run_worlds`, or from ``worlds``).

    Examples
    --------
    >>> oc = operating_characteristics([1, 2])
    >>> oc["null_worlds"].tolist()
    [2, 2, 2, 2]
    """
    if worlds is None:
        if seeds is None:
            raise ValueError("give seeds or worlds")
        worlds = run_worlds(seeds, scale)
    return planted.operating_characteristics(worlds)


def null_runs(worlds: pd.DataFrame) -> pd.DataFrame:
    """Return the null worlds' intervals, in the columns :func:`interval_figure` draws.

    Examples
    --------
    >>> null_runs(run_worlds([1]))["planted_irr"].unique().tolist()
    [1.0]
    """
    null = worlds[~worlds["planted"]]
    labels = {finding: TERM_LABELS[term] for term, finding in _TERM_FINDING}
    out = pd.DataFrame(
        {
            "effect": null["finding"].map(labels),
            "seed": null["seed"],
            "estimate": null["estimate"],
            "ci_low": null["low"],
            "ci_high": null["high"],
            "planted_irr": null["truth"],
        }
    )
    out["covered"] = (out["ci_low"] <= 1) & (1 <= out["ci_high"])
    return out.reset_index(drop=True)


def long_run_worlds() -> pd.DataFrame:
    """Return the stored long run (``long_run.py``) as worlds, without their intervals.

    The page cannot afford hundreds of worlds; ``benchmarks/attention.py --store`` runs them
    and records in which worlds each rule found its effect. The rows have the columns of
    :func:`run_worlds`, with ``estimate``, ``low``, ``high`` and ``truth`` left empty, so that
    :func:`operating_characteristics` gives power and size (not coverage or bias).

    Examples
    --------
    >>> long = long_run_worlds()
    >>> bool(long.groupby("finding").size().eq(2 * long["seed"].nunique()).all())
    True
    """
    from . import long_run

    levels = {rule.finding: rule.level for rule in RULES}
    rows = [
        {
            "seed": long_run.FIRST_SEED + offset,
            "planted": is_planted,
            "finding": finding,
            "found": flag == "1",
            "level": levels[finding],
            "estimate": float("nan"),
            "low": float("nan"),
            "high": float("nan"),
            "truth": float("nan"),
        }
        for (finding, is_planted), flags in long_run.FOUND.items()
        for offset, flag in enumerate(flags)
    ]
    return pd.DataFrame(rows)


_TERM_FINDING = [(term, finding) for _, term, finding in _FINDINGS.values()]
