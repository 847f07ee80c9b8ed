"""Did we recover it: planted prevalences, coder confusion, saturation, power and size.

The decision rules of the chapter run in planted and null worlds through
:mod:`govsocial.planted`. Each rule has its own null world, which switches off only the effect
under test: a level difference, a coder confusion, or the rare themes of a study.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import fisher_exact

from govsocial import planted
from govsocial.stats import wilson_interval

from .codebook import LEVELS, NEIGHBOURS
from .counting import agency_mentions
from .reliability import confusion_rates, reconciled
from .saturation import chao2, new_codes_curve, saturation_incidence
from .simulate import NULLS, Effects, InterviewData, simulate

__all__ = [
    "COMMON_SHARES",
    "NULL_OF",
    "RARE_SHARES",
    "RULES",
    "World",
    "level_test",
    "operating_characteristics",
    "recovery_table",
    "run_worlds",
    "saturation_shares",
    "stopping_rule",
    "world",
]

COMMON_SHARES = np.linspace(0.3, 0.8, 10)
"""A world of few common themes: ten themes, each held by 30% to 80% of agencies."""

RARE_SHARES = np.full(25, 0.04)
"""What a world of many rare themes adds: 25 themes, each held by 4% of agencies."""

STOP_AFTER = 3
"""The stopping rule: saturation is declared when the last three interviews added no code."""


def saturation_shares(rare: bool) -> np.ndarray:
    """Theme shares of the world of few common themes, or of many rare themes as well.

    Examples
    --------
    >>> len(saturation_shares(False)), len(saturation_shares(True))
    (10, 35)
    """
    return np.concatenate([COMMON_SHARES, RARE_SHARES]) if rare else COMMON_SHARES.copy()


def stopping_rule(table: pd.DataFrame, last: int = STOP_AFTER) -> bool:
    """Declare saturation: True when the last ``last`` interviews added no new code.

    Examples
    --------
    >>> t = pd.DataFrame({"a": [1, 0, 0, 0], "b": [0, 1, 0, 0]}).astype(bool)
    >>> stopping_rule(t, 2), stopping_rule(t, 3)
    (True, False)
    """
    return bool(new_codes_curve(table)["new"].iloc[-last:].sum() == 0)


def level_test(mentions: pd.DataFrame, agencies: pd.DataFrame, code: str,
               high: str = "federal", low: str = "municipal") -> float:
    """Test with Fisher's exact test whether level ``high`` mentions ``code`` more than ``low``.

    Examples
    --------
    >>> m = pd.DataFrame({"legislation": [True] * 5 + [False] * 5},
    ...                  index=[f"a{k}" for k in range(10)])
    >>> ag = pd.DataFrame({"agency": m.index, "level": ["federal"] * 5 + ["municipal"] * 5})
    >>> round(level_test(m, ag, "legislation"), 4)
    0.004
    """
    level = agencies.set_index("agency")["level"]
    said = mentions[code].reindex(level.index, fill_value=False)
    first, second = said[level == high], said[level == low]
    table = [[int(first.sum()), int((~first).sum())], [int(second.sum()), int((~second).sum())]]
    return float(fisher_exact(table, alternative="greater")[1])


def recovery_table(data: InterviewData, table: pd.DataFrame) -> pd.DataFrame:
    """Planted prevalence of each theme by level against the estimated share and its interval.

    Parameters
    ----------
    data : InterviewData
        A simulated study (with ``effects``).
    table : DataFrame
        From :func:`~govsocial.interviews.counting.mention_table`.

    Returns
    -------
    DataFrame
        The table's rows by level (not ``all``) with ``planted`` and ``covered``.

    Examples
    --------
    >>> from govsocial.interviews import mention_table
    >>> data = simulate(1)
    >>> coded = reconciled(data.codes, data.segments["segment"], data.truth)
    >>> table = mention_table(agency_mentions(coded, data.segments), data.agencies)
    >>> len(recovery_table(data, table))
    30
    """
    rows = table[table["level"] != "all"].copy()
    index = {lv: i for i, lv in enumerate(LEVELS)}
    rows["planted"] = [data.effects.prevalence[c][index[lv]]
                       for c, lv in zip(rows["code"], rows["level"], strict=True)]
    rows["covered"] = (rows["ci_low"] <= rows["planted"]) & (rows["planted"] <= rows["ci_high"])
    return rows.reset_index(drop=True)


@dataclass
class World:
    """What one world's analysis hands to the decision rules."""

    p_legislation: float = float("nan")
    confusion: tuple[float, float, float] = (float("nan"),) * 3
    chao_unheard: float = float("nan")
    stopped: bool = False


def world(seed: int, is_planted: bool, *, null: str = "no level difference",
          scale: str | int = "teaching") -> World:
    """Simulate one world, planted or with ``null`` switched off, and analyse it.

    ``null`` is one of :data:`~govsocial.interviews.simulate.NULLS` or ``"few common themes"``
    (the saturation worlds: planted means many rare themes as well).

    Examples
    --------
    >>> world(3, True, null="few common themes").chao_unheard > 0
    True
    """
    if null == "few common themes":
        table = saturation_incidence(seed, saturation_shares(is_planted))
        table = table.loc[:, table.any()]
        return World(chao_unheard=chao2(table)["unheard"], stopped=stopping_rule(table))
    effects = Effects() if is_planted else NULLS[null]
    data = simulate(seed, scale, effects)
    segments = data.segments["segment"]
    coded = reconciled(data.codes, segments, data.truth)
    mentions = agency_mentions(coded, data.segments)
    rates = confusion_rates(data.codes, segments, {"policy": NEIGHBOURS["policy"]})
    row = rates.iloc[0]
    low, high = wilson_interval(row["swapped"], row["segments"])
    return World(p_legislation=level_test(mentions, data.agencies, "legislation"),
                 confusion=(row["rate"], low, high))


RULES = [
    planted.Rule("federal agencies mention legislation more than municipal ones "
                 "(Fisher, one-sided p < 0.05)", lambda w: w.p_legislation < 0.05),
    planted.Rule("the second coder swaps policy for legislation (a swap seen)",
                 lambda w: w.confusion[0] > 0, interval=lambda w: w.confusion,
                 truth=lambda p: Effects().confusion["policy"] if p else 0.0),
    planted.Rule("themes remain unheard after 15 interviews (Chao2 estimate above the "
                 "themes heard)", lambda w: w.chao_unheard >= 1),
    planted.Rule("themes remain unheard after 15 interviews (a new code in the last "
                 f"{STOP_AFTER} interviews)", lambda w: not w.stopped),
]
"""The chapter's decision rules."""

NULL_OF = {
    RULES[0].finding: "no level difference",
    RULES[1].finding: "no confusion",
    RULES[2].finding: "few common themes",
    RULES[3].finding: "few common themes",
}
"""The null world of each rule."""


def run_worlds(seeds: Iterable[int], scale: str | int = "teaching") -> pd.DataFrame:
    """Every rule in planted worlds and in its own null world, one of each per seed.

    Examples
    --------
    >>> worlds = run_worlds(range(2))
    >>> worlds.groupby("planted").size().to_dict()
    {False: 8, True: 8}
    """
    seeds = list(seeds)
    frames = []
    for null in dict.fromkeys(NULL_OF.values()):
        rules = [r for r in RULES if NULL_OF[r.finding] == null]
        frames.append(planted.run_worlds(
            lambda s, p, null=null: world(s, p, null=null, scale=scale), rules, seeds))
    order = {r.finding: i for i, r in enumerate(RULES)}
    worlds = pd.concat(frames, ignore_index=True)
    return worlds.sort_values("finding", key=lambda f: f.map(order), kind="stable")


def operating_characteristics(seeds: Iterable[int], scale: str | int = "teaching"
                              ) -> pd.DataFrame:
    """Measure power, size and coverage of every rule (as :mod:`govsocial.planted` does).

    Examples
    --------
    >>> oc = operating_characteristics(range(3))
    >>> len(oc)
    4
    """
    return planted.operating_characteristics(run_worlds(seeds, scale))
