"""Check whether the scalogram recovers the staircase, and how often it would fool us.

:func:`analyse` applies the chapter's statistics to one world; :data:`RULES` are the decision
rules; :func:`operating_characteristics` runs them in staircase and non-cumulative worlds
through :mod:`govsocial.planted`; :func:`level_order` recovers the order of the levels.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from govsocial import planted

from .scalogram import bootstrap_h, guttman_reproducibility, loevinger_h, step_order
from .simulate import INDICATORS, LEVELS, Agencies, simulate

__all__ = [
    "H_THRESHOLD",
    "REP_THRESHOLD",
    "RULES",
    "Analysis",
    "analyse",
    "level_order",
    "operating_characteristics",
    "scorecard",
]

H_THRESHOLD = 0.3
"""Smallest H of a usable cumulative scale (Mokken scaling's usual lower bound for a weak scale)."""

REP_THRESHOLD = 0.9
"""Guttman's conventional threshold for the coefficient of reproducibility."""


@dataclass(frozen=True)
class Analysis:
    """The scalogram statistics of one set of indicators.

    Attributes
    ----------
    h, h_low, h_high : float
        Loevinger's H and its 95% bootstrap interval.
    reproducibility, marginal : float
        Guttman's reproducibility and the minimal marginal reproducibility.
    order : tuple of str
        The levels from the most to the least often held (mean of their indicators); for
        indicators other than the simulator's, the indicators themselves in that order.
    """

    h: float
    h_low: float
    h_high: float
    reproducibility: float
    marginal: float
    order: tuple[str, ...]


def level_order(items: pd.DataFrame) -> tuple[str, ...]:
    """Order the levels from the most to the least often held (the mean of their indicators).

    Examples
    --------
    >>> level_order(simulate(1).items)[:2]
    ('initial conditions', 'data transparency')
    """
    shares = {name: items[list(INDICATORS[name])].to_numpy().mean() for name in LEVELS}
    return tuple(sorted(LEVELS, key=lambda name: -shares[name]))


def analyse(items: pd.DataFrame, seed: int, *, n_boot: int = 300) -> Analysis:
    """Loevinger's H with its interval, Guttman's reproducibility and the order of the levels.

    Parameters
    ----------
    items : DataFrame
        The ten 0/1 indicators of :data:`~govsocial.opengov.simulate.INDICATORS`.
    seed : int
        Seed of the bootstrap.
    n_boot : int
        Bootstrap resamples.

    Returns
    -------
    Analysis

    Examples
    --------
    >>> result = analyse(simulate(1).items, seed=1)
    >>> result.h_low > H_THRESHOLD
    True
    """
    h, low, high = bootstrap_h(items, np.random.default_rng(seed), n_boot=n_boot)
    reproducibility, marginal = guttman_reproducibility(items)
    named = {ind for pair in INDICATORS.values() for ind in pair} <= set(items.columns)
    order = level_order(items) if named else tuple(step_order(items).index)
    return Analysis(h, low, high, reproducibility, marginal, order)


def _world(scale: str):
    def world(seed: int, cumulative: bool) -> Analysis:
        agencies = simulate(seed, scale, cumulative=cumulative)
        return analyse(agencies.items, seed)

    return world


RULES: tuple[planted.Rule, ...] = (
    planted.Rule(
        "a staircase: H's 95% interval lies above 0.3",
        lambda r: r.h_low > H_THRESHOLD,
        level=0.05,
    ),
    planted.Rule(
        "a staircase: Guttman's reproducibility at least 0.90",
        lambda r: r.reproducibility >= REP_THRESHOLD,
        level=0.05,
    ),
    planted.Rule(
        "a staircase: the levels' popularity follows the model's order",
        lambda r: r.order == LEVELS,
        level=0.05,
    ),
)
"""The decision rules: each concludes "the levels are climbed in order" its own way."""


def operating_characteristics(seeds: Iterable[int], scale: str = "teaching") -> pd.DataFrame:
    """Power and size of :data:`RULES` over staircase and non-cumulative worlds.

    Parameters
    ----------
    seeds : iterable of int
        One staircase and one non-cumulative world per seed.
    scale : {"teaching", "paper"}
        Agencies per world.

    Returns
    -------
    DataFrame
        From :func:`govsocial.planted.operating_characteristics`.

    Examples
    --------
    >>> table = operating_characteristics(range(3))
    >>> table["planted_worlds"].tolist()
    [3, 3, 3]
    """
    worlds = planted.run_worlds(_world(scale), RULES, seeds)
    return planted.operating_characteristics(worlds)


def world_analysis(agencies: Agencies, seed: int) -> Analysis:
    """:func:`analyse` of a simulated world's indicators (a convenience for the notebook)."""
    return analyse(agencies.items, seed)


def pair_table(items: pd.DataFrame) -> pd.DataFrame:
    """Item H and the share holding each indicator, in the order of :func:`step_order`.

    Examples
    --------
    >>> pair_table(simulate(1).items).columns.tolist()
    ['indicator', 'share', 'item_h']
    """
    scal = loevinger_h(items)
    shares = items.mean().sort_values(ascending=False, kind="stable")
    return pd.DataFrame({
        "indicator": shares.index,
        "share": shares.to_numpy(),
        "item_h": scal.item_h.loc[shares.index].to_numpy(),
    })


def scorecard(verdicts: dict[str, Analysis | None]) -> pd.DataFrame:
    """Set the study's claim (the steps are climbed in order) against each data set.

    Parameters
    ----------
    verdicts : dict
        Data set name to its :class:`Analysis` (``None`` when not run).

    Returns
    -------
    DataFrame
        ``data``, ``H (95% interval)``, ``a staircase?`` (``"yes"`` when H's interval lies
        above :data:`H_THRESHOLD`, ``"no"`` when below, ``"cannot tell"`` otherwise).

    Examples
    --------
    >>> stair = Analysis(0.8, 0.7, 0.9, 0.95, 0.8, ("a", "b"))
    >>> scorecard({"toy": stair})["a staircase?"].tolist()
    ['yes']
    """
    rows = []
    for name, result in verdicts.items():
        if result is None:
            continue
        if result.h_low > H_THRESHOLD:
            verdict = "yes"
        elif result.h_high < H_THRESHOLD:
            verdict = "no"
        else:
            verdict = "cannot tell"
        rows.append({
            "data": name,
            "H (95% interval)": f"{result.h:.2f} ({result.h_low:.2f} to {result.h_high:.2f})",
            "a staircase?": verdict,
        })
    return pd.DataFrame(rows)
