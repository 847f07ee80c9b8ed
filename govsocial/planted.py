"""The book's method, written once: planted and null worlds, decision rules, power and size.

Every chapter checks its methods the same way. It simulates many worlds where the study's
effects are planted and many *null* worlds where only the effect under test is switched off
(everything else, and all the noise, stays). For each finding it states a **decision rule** (a
test at a stated level, or a confidence interval that must exclude the null value), and this
module measures, over the worlds:

- **power**: how often the rule finds the effect when it is planted;
- **size**: how often the rule "finds" it when it is not there: how often the method would fool
  us. A rule whose size is clearly above its stated level is reported as such, not hidden;
- **coverage** of the chapter's confidence intervals (how often they hold the planted value) and
  the **bias** of its estimates;

each with a Wilson interval, since a share from a few dozen worlds is itself uncertain. Tests
bound power and size binomially with :func:`most_false_alarms` and :func:`fewest_detections`
instead of hand-picked slack.

A chapter supplies one function ``world(seed, planted) -> result`` (simulate, then analyse) and
its :class:`Rule` objects; :func:`run_worlds` does the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats as sps

from govsocial.stats import wilson_interval

__all__ = [
    "FoolTable",
    "Rule",
    "fewest_detections",
    "fool_table",
    "most_false_alarms",
    "operating_characteristics",
    "run_worlds",
]

Interval = tuple[float, float, float]  # estimate, lower end, upper end


@dataclass(frozen=True)
class Rule:
    """A decision rule for one finding of a study.

    Parameters
    ----------
    finding : str
        What the study found, in words ("agencies that tweet more get more retweets").
    decide : callable
        ``decide(result) -> bool``: True when the method, applied to one world's analysis
        result, concludes that the effect is there.
    level : float
        The rule's stated false-positive rate (0.05 for a 95% interval or a 5% test).
    interval : callable, optional
        ``interval(result) -> (estimate, low, high)``: the chapter's estimate and confidence
        interval, for coverage and bias.
    truth : callable, optional
        ``truth(planted) -> float``: the true value in a planted (True) or null (False) world.
    """

    finding: str
    decide: Callable[[Any], bool]
    level: float = 0.05
    interval: Callable[[Any], Interval] | None = None
    truth: Callable[[bool], float] | None = None


def run_worlds(
    world: Callable[[int, bool], Any],
    rules: Sequence[Rule],
    seeds: Iterable[int],
    *,
    kinds: Sequence[bool] = (True, False),
) -> pd.DataFrame:
    """Run every rule in planted and null worlds, one world per seed and kind.

    Parameters
    ----------
    world : callable
        ``world(seed, planted) -> result``: simulate a world (with the study's effects when
        ``planted`` is True, with the effect under test switched off otherwise) and analyse it.
    rules : sequence of Rule
        The chapter's decision rules.
    seeds : iterable of int
        One world of each kind per seed.
    kinds : sequence of bool
        Which worlds to run: planted (True), null (False), or both.

    Returns
    -------
    DataFrame
        One row per world and rule: ``seed``, ``planted`` (bool), ``finding``, ``found`` (bool),
        ``level``, and ``estimate``, ``low``, ``high``, ``truth`` (NaN without an interval).

    Examples
    --------
    >>> rng_world = lambda seed, planted: np.random.default_rng(seed).normal(
    ...     1.0 if planted else 0.0, 0.3, size=30)
    >>> def mean_interval(x):
    ...     half = 1.96 * x.std(ddof=1) / np.sqrt(len(x))
    ...     return x.mean(), x.mean() - half, x.mean() + half
    >>> rule = Rule("the mean is positive", lambda x: mean_interval(x)[1] > 0,
    ...             interval=mean_interval, truth=lambda planted: 1.0 if planted else 0.0)
    >>> worlds = run_worlds(rng_world, [rule], range(20))
    >>> worlds.groupby("planted")["found"].sum().to_dict()  # null worlds: about 1 in 20 fools
    {False: 0, True: 20}
    """
    rows = []
    for seed in seeds:
        for planted in kinds:
            result = world(seed, planted)
            for rule in rules:
                estimate = low = high = float("nan")
                if rule.interval is not None:
                    estimate, low, high = (float(v) for v in rule.interval(result))
                rows.append(
                    {
                        "seed": seed,
                        "planted": bool(planted),
                        "finding": rule.finding,
                        "found": bool(rule.decide(result)),
                        "level": rule.level,
                        "estimate": estimate,
                        "low": low,
                        "high": high,
                        "truth": rule.truth(planted) if rule.truth else float("nan"),
                    }
                )
    return pd.DataFrame(rows)


def operating_characteristics(worlds: pd.DataFrame, *, level: float = 0.95) -> pd.DataFrame:
    """Power, size, coverage and bias of every rule, with Wilson intervals.

    Parameters
    ----------
    worlds : DataFrame
        From :func:`run_worlds`.
    level : float
        Coverage of the Wilson intervals of power, size and coverage.

    Returns
    -------
    DataFrame
        One row per finding, in the order first seen: ``finding``, ``planted_worlds``,
        ``power`` with ``power_low`` / ``power_high``, ``null_worlds``, ``size`` with
        ``size_low`` / ``size_high``, ``stated_level``, ``size_above_level`` (True when even the
        Wilson interval's lower end exceeds the stated level), ``coverage`` with
        ``coverage_low`` / ``coverage_high`` (planted worlds whose interval holds the truth),
        and ``bias`` (mean estimate minus truth in planted worlds).

    Examples
    --------
    >>> worlds = pd.DataFrame({"finding": ["x"] * 4, "planted": [True, True, False, False],
    ...     "found": [True, False, False, False], "level": 0.05, "estimate": float("nan"),
    ...     "low": float("nan"), "high": float("nan"), "truth": float("nan")})
    >>> operating_characteristics(worlds)[["power", "size"]].to_dict("records")
    [{'power': 0.5, 'size': 0.0}]
    """
    rows = []
    for finding, group in worlds.groupby("finding", sort=False):
        planted = group[group["planted"]]
        null = group[~group["planted"]]
        power_low, power_high = wilson_interval(planted["found"].sum(), len(planted), level)
        size_low, size_high = wilson_interval(null["found"].sum(), len(null), level)
        stated = float(group["level"].iloc[0])
        with_interval = planted.dropna(subset=["low", "high", "truth"])
        held = ((with_interval["low"] <= with_interval["truth"])
                & (with_interval["truth"] <= with_interval["high"]))
        cover_low, cover_high = wilson_interval(held.sum(), len(held), level)
        rows.append(
            {
                "finding": finding,
                "planted_worlds": len(planted),
                "power": planted["found"].mean() if len(planted) else float("nan"),
                "power_low": power_low,
                "power_high": power_high,
                "null_worlds": len(null),
                "size": null["found"].mean() if len(null) else float("nan"),
                "size_low": size_low,
                "size_high": size_high,
                "stated_level": stated,
                "size_above_level": bool(size_low > stated),
                "coverage": held.mean() if len(held) else float("nan"),
                "coverage_low": cover_low,
                "coverage_high": cover_high,
                "bias": float((with_interval["estimate"] - with_interval["truth"]).mean())
                if len(with_interval)
                else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def _level(level: float) -> str:
    """Format a stated level as a percentage with the digits it has: ``'5%'``, ``'2.5%'``."""
    return f"{level:.0%}" if float(level * 100).is_integer() else f"{level:.1%}"


def _share(value: float, low: float, high: float) -> str:
    """Format a share with its interval as the page shows it: ``'86% (75% to 93%)'``."""
    if np.isnan(value):
        return "not run"
    return f"{value:.0%} ({low:.0%} to {high:.0%})"


class FoolTable(pd.DataFrame):
    """The table "How often would this method fool us?": a DataFrame shown without its index.

    Its rows are numbered 0, 1, 2 by pandas, and those numbers mean nothing to a reader, so the
    page shows the table from its first column on (the finding's name). An index that means
    something (one set with ``set_index``, or one with a name) is shown as usual. Everything
    else is a DataFrame's: selecting, renaming and dropping columns keep the kind of table.

    Examples
    --------
    >>> table = FoolTable({"finding": ["x"], "verdict": ["size only"]})
    >>> print(table)
    finding   verdict
          x size only
    >>> "<th>0</th>" in table._repr_html_()
    False
    """

    @property
    def _constructor(self) -> type[FoolTable]:
        return FoolTable

    def _index_means_something(self) -> bool:
        index = self.index
        return index.nlevels > 1 or index.name is not None or not (
            pd.api.types.is_integer_dtype(index.dtype))

    def _repr_html_(self) -> str:
        """Render as html (Jupyter, the book's pages), without a meaningless index."""
        return self.to_html(index=self._index_means_something())

    def __repr__(self) -> str:
        """Render as plain text, without a meaningless index."""
        return self.to_string(index=self._index_means_something())


def fool_table(characteristics: pd.DataFrame) -> FoolTable:
    """Build the page's table "How often would this method fool us?" from the characteristics.

    Parameters
    ----------
    characteristics : DataFrame
        From :func:`operating_characteristics`.

    Returns
    -------
    FoolTable
        A DataFrame, shown without its row numbers: columns ``finding``, ``finds it when planted
        (power)``, ``finds it when absent (size)``, ``stated level`` and ``verdict`` (says when
        the size is above the level).

    Examples
    --------
    >>> oc = pd.DataFrame({"finding": ["x"], "planted_worlds": [40], "power": [0.9],
    ...     "power_low": [0.77], "power_high": [0.96], "null_worlds": [40], "size": [0.25],
    ...     "size_low": [0.14], "size_high": [0.4], "stated_level": [0.05],
    ...     "size_above_level": [True]})
    >>> fool_table(oc)["verdict"].iloc[0]
    'fooled more often than its 5% level'
    """
    rows = []
    for row in characteristics.itertuples(index=False):
        if row.size_above_level:
            verdict = f"fooled more often than its {_level(row.stated_level)} level"
        elif np.isnan(row.power):
            verdict = "size only"
        elif row.power_low >= 0.8:
            verdict = "finds a planted effect reliably"
        elif row.power_high < 0.5:
            verdict = "usually misses a planted effect"
        else:
            verdict = "finds a planted effect some of the time"
        rows.append(
            {
                "finding": row.finding,
                "finds it when planted (power)": _share(row.power, row.power_low, row.power_high),
                "finds it when absent (size)": _share(row.size, row.size_low, row.size_high),
                "stated level": _level(row.stated_level),
                "verdict": verdict,
            }
        )
    return FoolTable(rows)


def most_false_alarms(n_worlds: int, level: float, *, risk: float = 0.001) -> int:
    """Count the most false alarms a rule of size ``level`` makes in ``n_worlds`` null worlds.

    A test of a rule's size: a rule whose real size is ``level`` exceeds this count only with
    probability ``risk`` (the one-sided binomial quantile), so a test asserting
    ``false_alarms <= most_false_alarms(n, level)`` fails by chance about once in 1/risk runs,
    and fails reliably for a rule that is much looser than it says.

    Examples
    --------
    >>> most_false_alarms(100, 0.05)
    13
    """
    return int(sps.binom.ppf(1 - risk, n_worlds, level))


def fewest_detections(n_worlds: int, power: float, *, risk: float = 0.001) -> int:
    """Count the fewest detections a rule of power ``power`` makes in ``n_worlds`` planted worlds.

    Examples
    --------
    >>> fewest_detections(40, 0.9)
    29
    """
    return int(sps.binom.ppf(risk, n_worlds, power))
