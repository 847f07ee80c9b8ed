"""Did we recover it? Planted against estimated effects, many worlds, the scorecard.

:func:`recovery_table` sets the planted truth against one world's estimates. The many-world
checks go through the book's method, :mod:`govsocial.planted`: :func:`world` simulates and
analyses one world (with the study's effects, or with only the effect under test switched off),
:data:`RULES` are the chapter's decision rules, :func:`run_worlds` and
:func:`operating_characteristics` measure how often each rule finds a planted effect (power) and
how often it "finds" one that is not there (size); :func:`replications` re-runs the models in
planted worlds, on the scales and on the true factors. :func:`scorecard` sets the study's
directional findings against what the models found.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
import pandas as pd

from govsocial import planted as method

from .models import CouplingFits, fit_couplings
from .questionnaire import COUPLING_LABELS, COUPLINGS, FACTOR_LABELS, FACTORS
from .scales import build_scales, drop_weak_items
from .sentences import scorecard_column
from .simulate import Effects, Scale, SurveyData, latent_scores, simulate
from .weights import nonresponse_bias, rake

__all__ = [
    "NULLS",
    "RULES",
    "World",
    "operating_characteristics",
    "recovery_table",
    "replications",
    "run_worlds",
    "scorecard",
    "world",
]

WEIGHTING = ("department", "size_class")  # the frame variables the chapter rakes on


def _finding(row: pd.Series, planted: float, level: float) -> str:
    significant = row["p_holm"] < level
    if planted != 0:
        if significant and np.sign(row["coef"]) == np.sign(planted):
            return "recovered"
        return "wrong sign" if significant else "missed"
    return "false positive" if significant else "correctly silent"


def recovery_table(
    effects: Effects,
    fits: CouplingFits,
    *,
    alphas: Mapping[str, float] | None = None,
    latent_fits: CouplingFits | None = None,
    level: float = 0.05,
) -> pd.DataFrame:
    """Planted versus estimated effect of every factor on every coupling.

    Parameters
    ----------
    effects : Effects
        The planted truth.
    fits : CouplingFits
        Models fitted on the scale scores.
    alphas : mapping of str to float, optional
        Cronbach's alpha of each scale: adds ``expected``, the planted effect times
        ``sqrt(alpha)``, roughly what measurement error leaves of it.
    latent_fits : CouplingFits, optional
        The same models fitted on the true latent factors: adds ``latent_coef`` and
        ``latent_covered`` (whether its interval holds the planted value).
    level : float
        Holm-adjusted p-value below which an effect counts as found.

    Returns
    -------
    DataFrame
        One row per coupling and factor: ``coupling``, ``factor``, ``planted``, (``expected``),
        ``coef``, ``ci_low``, ``ci_high``, ``p_holm``, (``latent_coef``, ``latent_covered``)
        and ``finding``: "recovered", "missed" or "wrong sign" where an effect was planted,
        "correctly silent" or "false positive" where none was.
    """
    table = fits.table.copy()
    table["planted"] = [
        effects.coefficient(c, f) for c, f in zip(table["coupling"], table["factor"], strict=True)
    ]
    columns = ["coupling", "factor", "planted"]
    if alphas is not None:
        table["expected"] = table["planted"] * np.sqrt(table["factor"].map(alphas))
        columns.append("expected")
    columns += ["coef", "ci_low", "ci_high", "p_holm"]
    if latent_fits is not None:
        latent = latent_fits.table.set_index(["coupling", "factor"])
        keys = pd.MultiIndex.from_frame(table[["coupling", "factor"]])
        table["latent_coef"] = latent["coef"].reindex(keys).to_numpy()
        low, high = latent["ci_low"].reindex(keys), latent["ci_high"].reindex(keys)
        table["latent_covered"] = (low.to_numpy() <= table["planted"]) & (
            table["planted"] <= high.to_numpy()
        )
        columns += ["latent_coef", "latent_covered"]
    table["finding"] = [
        _finding(row, planted, level)
        for (_, row), planted in zip(table.iterrows(), table["planted"], strict=True)
    ]
    return table[[*columns, "finding"]]


# --------------------------------------------------------------------------------------------
# One world, analysed as the chapter does
# --------------------------------------------------------------------------------------------


@dataclass
class World:
    """One simulated survey, analysed as the chapter analyses it (each step when first asked).

    Attributes
    ----------
    data : SurveyData
        The simulated survey.
    """

    data: SurveyData

    @cached_property
    def fits(self) -> CouplingFits:
        """The chapter's models: weak items dropped, scales built, one logit per coupling."""
        kept = drop_weak_items(self.data.responses)
        return fit_couplings(self.data.responses, build_scales(self.data.responses, kept))

    @cached_property
    def latent_fits(self) -> CouplingFits:
        """The same models on the true factors (what perfect measurement would give)."""
        return fit_couplings(self.data.responses, latent_scores(self.data))

    @cached_property
    def bias(self) -> pd.DataFrame:
        """Unweighted and raked shares against the frame's true shares, indexed by both."""
        raked = rake(self.data.responses, self.data.frame, list(WEIGHTING))
        table = nonresponse_bias(self.data, {"raked": raked})
        return table.set_index(["estimate", "coupling"])

    def effect(self, coupling: str, factor: str) -> pd.Series:
        """Return the fitted row of one factor in one coupling's model."""
        table = self.fits.table
        return table[(table["coupling"] == coupling) & (table["factor"] == factor)].iloc[0]


def _without(coupling: str, factor: str) -> Effects:
    effects = Effects()
    factors = {c: {f: b for f, b in fs.items() if (c, f) != (coupling, factor)}
               for c, fs in effects.factors.items()}  # fmt: skip
    return replace(effects, factors=factors)


NULLS: dict[str, Effects] = {
    "no factor effects": replace(Effects(), factors={}),
    "no innovativeness on participation": _without("participation", "innovativeness"),
    "no stakeholders on feedback": _without("feedback", "stakeholders"),
    "no hidden nonresponse": replace(Effects(), response_innovativeness=0.0),
}
"""The null worlds: each switches off one effect under test and keeps every other mechanism
(departments, city size, the other factors, nonresponse by department and size) and all the
noise. ``"no factor effects"`` switches off the twenty factor effects together, the effect
that "some factor predicts some coupling" claims."""


@functools.lru_cache(maxsize=64)  # the notebook's planted worlds, shared by two steps
def _cached_world(seed: int, null: str | None, scale: Scale) -> World:
    effects = None if null is None else NULLS[null]
    return World(simulate(seed, scale, effects))


def world(seed: int, planted: bool, *, null: str = "no factor effects",
          scale: Scale = "teaching") -> World:  # fmt: skip
    """Simulate one world and hand it to the chapter's analysis.

    Parameters
    ----------
    seed : int
        The world's seed.
    planted : bool
        True: the study's effects (:class:`Effects` ()); False: the null world ``null``.
    null : str
        Which effect a null world switches off: a key of :data:`NULLS`.
    scale : {"teaching", "paper"}
        Survey size.

    Returns
    -------
    World
        The survey, with its fits and shares computed when first asked (and kept: the same
        seed, kind and scale give the same world, computed once).

    Examples
    --------
    >>> planted_world = world(5, True)
    >>> round(planted_world.data.effects.coefficient("participation", "innovativeness"), 1)
    0.9
    >>> world(5, False, null="no hidden nonresponse").data.effects.response_innovativeness
    0.0
    """
    if null not in NULLS:
        raise ValueError(f"unknown null world {null!r}; use one of {list(NULLS)}")
    return _cached_world(int(seed), None if planted else null, scale)


# --------------------------------------------------------------------------------------------
# The chapter's decision rules
# --------------------------------------------------------------------------------------------


def _any_factor(column: str, level: float = 0.05):
    return lambda w: bool((w.fits.table[column] < level).any())


def _predicts(coupling: str, factor: str, planted_value: float) -> method.Rule:
    def decide(w: World) -> bool:
        row = w.effect(coupling, factor)
        return bool(row["p_holm"] < 0.05 and row["coef"] > 0)

    def interval(w: World) -> tuple[float, float, float]:
        row = w.effect(coupling, factor)
        return row["coef"], row["ci_low"], row["ci_high"]

    label = f"{FACTOR_LABELS[factor]} predicts {coupling}"
    return method.Rule(
        f"{label} (Holm p < 0.05)",
        decide,
        interval=interval,
        truth=lambda planted: planted_value if planted else 0.0,
    )


def _raked_participation_off(w: World) -> bool:
    row = w.bias.loc[("raked", "participation")]
    return not bool(row["covered"])


RULES: tuple[method.Rule, ...] = (
    method.Rule(
        "Some factor predicts a coupling: any of 20 raw p < 0.05",
        _any_factor("p_value"),
    ),
    method.Rule(
        "Some factor predicts a coupling: any of 20 Holm-adjusted p < 0.05",
        _any_factor("p_holm"),
    ),
    _predicts("participation", "innovativeness", 0.9),
    _predicts("feedback", "stakeholders", 0.6),
    method.Rule(
        "Raking leaves participation biased (raked 95% CI misses the truth)",
        _raked_participation_off,
    ),
)
"""The chapter's decision rules, one per finding, each at a stated level of 5%."""

NULL_OF: dict[str, str] = {
    RULES[0].finding: "no factor effects",
    RULES[1].finding: "no factor effects",
    RULES[2].finding: "no innovativeness on participation",
    RULES[3].finding: "no stakeholders on feedback",
    RULES[4].finding: "no hidden nonresponse",
}
"""The null world of each rule: the one that switches off only the effect it tests."""


def run_worlds(seeds: Sequence[int], scale: Scale = "teaching") -> pd.DataFrame:
    """Run every rule in planted worlds and in the null world that switches off its effect.

    Parameters
    ----------
    seeds : sequence of int
        One planted world per seed, and one null world of each kind per seed.
    scale : {"teaching", "paper"}
        Survey size.

    Returns
    -------
    DataFrame
        :func:`govsocial.planted.run_worlds`'s rows, planted worlds first, with a column
        ``null`` naming each null world (empty for planted ones).
    """
    seeds = list(seeds)
    frames = [
        method.run_worlds(
            lambda seed, planted: world(seed, planted, scale=scale), RULES, seeds, kinds=(True,)
        ).assign(null="")
    ]
    for null in dict.fromkeys(NULL_OF.values()):
        rules = [rule for rule in RULES if NULL_OF[rule.finding] == null]
        frames.append(
            method.run_worlds(
                lambda seed, planted, null=null: world(seed, planted, null=null, scale=scale),
                rules,
                seeds,
                kinds=(False,),
            ).assign(null=null)
        )
    return pd.concat(frames, ignore_index=True)


def operating_characteristics(seeds: Sequence[int], scale: Scale = "teaching") -> pd.DataFrame:
    """Power, size, coverage and bias of every rule in :data:`RULES` over ``seeds``.

    Returns
    -------
    DataFrame
        :func:`govsocial.planted.operating_characteristics` of :func:`run_worlds`, one row per
        rule in the order of :data:`RULES`, with the ``null`` world each rule's size comes from.
    """
    characteristics = method.operating_characteristics(run_worlds(seeds, scale))
    characteristics.insert(1, "null world", characteristics["finding"].map(NULL_OF))
    return characteristics


def replications(
    seeds: Sequence[int], scale: Scale = "teaching", effects: Effects | None = None
) -> pd.DataFrame:
    """Re-run the models in many planted worlds, on the scales and on the true factors.

    One world is one draw: whether scale-based estimates are attenuated, and by how much, shows
    only on average over many. The worlds run through :func:`govsocial.planted.run_worlds`, one
    rule per coupling and factor.

    Parameters
    ----------
    seeds : sequence of int
        One world per seed.
    scale : {"teaching", "paper"}
        Survey size.
    effects : Effects, optional
        The planted effects (by default :class:`Effects` (), the worlds of :func:`world`).

    Returns
    -------
    DataFrame
        One row per world, coupling and factor: ``seed``, ``coupling``, ``factor``,
        ``planted``, ``coef`` (on the scales, weak items dropped), ``latent_coef`` (on the true
        factors) and ``finding`` (as in :func:`recovery_table`).
    """
    truth = Effects() if effects is None else effects

    def one_world(seed: int, planted: bool) -> World:
        if effects is None:
            return world(seed, True, scale=scale)
        return World(simulate(seed, scale, effects))

    def pair_rule(coupling: str, factor: str, fits: str) -> method.Rule:
        def row(w: World) -> pd.Series:
            table = getattr(w, fits).table
            return table[(table["coupling"] == coupling) & (table["factor"] == factor)].iloc[0]

        return method.Rule(
            f"{coupling}|{factor}|{fits}",
            lambda w: bool(row(w)["p_holm"] < 0.05),
            interval=lambda w: (row(w)["coef"], row(w)["ci_low"], row(w)["ci_high"]),
            truth=lambda planted: truth.coefficient(coupling, factor),
        )

    rules = [pair_rule(c, f, fits) for fits in ("fits", "latent_fits")
             for c in COUPLINGS for f in FACTORS]  # fmt: skip
    worlds = method.run_worlds(one_world, rules, seeds, kinds=(True,))
    parts = worlds["finding"].str.split("|", expand=True)
    worlds = worlds.assign(coupling=parts[0], factor=parts[1], fits=parts[2])
    wide = worlds.pivot_table(
        index=["seed", "coupling", "factor"], columns="fits",
        values=["estimate", "found", "truth"], aggfunc="first", sort=False,
    )  # fmt: skip
    table = pd.DataFrame(
        {
            "planted": wide[("truth", "fits")].astype(float),
            "coef": wide[("estimate", "fits")].astype(float),
            "latent_coef": wide[("estimate", "latent_fits")].astype(float),
            "significant": wide[("found", "fits")].astype(bool),
        }
    ).reset_index()

    def finding(row: pd.Series) -> str:
        if row["planted"] != 0:
            if row["significant"]:
                same = np.sign(row["coef"]) == np.sign(row["planted"])
                return "recovered" if same else "wrong sign"
            return "missed"
        return "false positive" if row["significant"] else "correctly silent"

    table["finding"] = table.apply(finding, axis=1)
    columns = ["seed", "coupling", "factor", "planted", "coef", "latent_coef", "finding"]
    return table[columns]


_STUDY_GROUPS = {
    "Work characteristics predict at least one coupling": ("work",),
    "Innovativeness predicts at least one coupling": ("innovativeness",),
    "Technology and management capacity predict at least one coupling": (
        "technology",
        "management",
    ),
    "Stakeholder influence predicts at least one coupling": ("stakeholders",),
}


def scorecard(fits: CouplingFits, *, simulated: bool = True, level: float = 0.05) -> pd.DataFrame:
    """Set the study's directional findings against what the models found.

    A factor "predicts" a coupling when its Holm-adjusted p-value is below ``level``.

    Parameters
    ----------
    fits : CouplingFits
        The chapter's models.
    simulated : bool
        True on simulated data, where a finding was planted and the verdict column reads
        ``recovered (planted)``; False on the reader's own data (``as in the study?``).
    level : float
        Holm-adjusted p-value below which a factor counts as a predictor.

    Returns
    -------
    DataFrame
        One row per finding: ``finding`` (the study's), ``we found`` and the verdict
        (``yes``/``no``) in the column :func:`scorecard_column` names.
    """
    verdict = scorecard_column(simulated)
    found = fits.table[fits.table["p_holm"] < level]
    sets = {c: frozenset(found.loc[found["coupling"] == c, "factor"]) for c in COUPLINGS}

    def listing(factors: frozenset[str]) -> str:
        return ", ".join(FACTOR_LABELS[f].lower() for f in FACTORS if f in factors) or "none"

    rows = [
        {
            "finding": "Different organisational factors predict each of the four couplings",
            "we found": "; ".join(
                f"{COUPLING_LABELS[c].lower()}: {listing(s)}" for c, s in sets.items()
            ),
            verdict: "yes" if all(sets.values()) and len(set(sets.values())) == 4 else "no",
        }
    ]
    for finding, factors in _STUDY_GROUPS.items():
        predicted = [COUPLING_LABELS[c].lower() for c in COUPLINGS if sets[c] & set(factors)]
        rows.append(
            {
                "finding": finding,
                "we found": ", ".join(predicted) or "no coupling",
                verdict: "yes" if predicted else "no",
            }
        )
    return pd.DataFrame(rows)
