"""Did we recover it? Planted against estimated effects, worlds without effects, the scorecard.

:func:`recovery_table` sets the planted truth against the models' estimates;
:func:`replications` and :func:`falsification` re-run the whole pipeline in many simulated
worlds (with and without effects) and :func:`falsification_summary` condenses the latter;
:func:`scorecard` sets the study's directional findings against what the models found.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .models import CouplingFits, fit_couplings
from .questionnaire import COUPLING_LABELS, COUPLINGS, FACTOR_LABELS, FACTORS
from .scales import build_scales, drop_weak_items
from .simulate import Effects, Scale, SurveyData, latent_scores, simulate
from .weights import nonresponse_bias

__all__ = [
    "falsification",
    "falsification_summary",
    "recovery_table",
    "replications",
    "scorecard",
]


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


def _scale_fits(data: SurveyData) -> CouplingFits:
    """Fit the chapter's models: weak items dropped, scales built, one logit per coupling."""
    kept = drop_weak_items(data.responses)
    return fit_couplings(data.responses, build_scales(data.responses, kept))


def falsification(seeds: Sequence[int], scale: Scale = "teaching") -> pd.DataFrame:
    """Run the whole pipeline in worlds without effects and count what it finds anyway.

    Each world is simulated with :meth:`Effects.none`: no factor drives any coupling and
    everyone responds with the same probability. Weak items are dropped as in the chapter
    (:func:`drop_weak_items`) before the scales are built.

    Parameters
    ----------
    seeds : sequence of int
        One world per seed.
    scale : {"teaching", "paper"}
        Survey size.

    Returns
    -------
    DataFrame
        One row per world: ``seed``, ``tests`` (factor tests), ``significant_raw`` (p < 0.05
        before adjustment), ``significant_holm`` (after), and for each coupling the bias of the
        unweighted share (``bias_<coupling>``) and whether its 95% CI holds the frame share
        (``covered_<coupling>``).
    """
    rows = []
    for seed in seeds:
        world = simulate(seed, scale, Effects.none())
        fits = _scale_fits(world)
        bias = nonresponse_bias(world, {})
        row = {
            "seed": seed,
            "tests": len(fits.table),
            "significant_raw": int((fits.table["p_value"] < 0.05).sum()),
            "significant_holm": int((fits.table["p_holm"] < 0.05).sum()),
        }
        for _, b in bias.iterrows():
            row[f"bias_{b['coupling']}"] = b["bias"]
            row[f"covered_{b['coupling']}"] = bool(b["covered"])
        rows.append(row)
    return pd.DataFrame(rows)


def replications(
    seeds: Sequence[int], scale: Scale = "teaching", effects: Effects | None = None
) -> pd.DataFrame:
    """Re-run the models in many simulated worlds, on the scales and on the true factors.

    One world is one draw: whether scale-based estimates are attenuated, and by how much, shows
    only on average over many.

    Parameters
    ----------
    seeds : sequence of int
        One world per seed.
    scale : {"teaching", "paper"}
        Survey size.
    effects : Effects, optional
        The planted effects (by default :class:`Effects` ()).

    Returns
    -------
    DataFrame
        One row per world, coupling and factor: ``seed``, ``coupling``, ``factor``,
        ``planted``, ``coef`` (on the scales, weak items dropped), ``latent_coef`` (on the true
        factors) and ``finding`` (as in :func:`recovery_table`).
    """
    tables = []
    for seed in seeds:
        world = simulate(seed, scale, effects)
        fits = _scale_fits(world)
        latent = fit_couplings(world.responses, latent_scores(world))
        table = recovery_table(world.effects, fits, latent_fits=latent)
        tables.append(table.assign(seed=seed))
    columns = ["seed", "coupling", "factor", "planted", "coef", "latent_coef", "finding"]
    return pd.concat(tables, ignore_index=True)[columns]


def falsification_summary(worlds: pd.DataFrame) -> pd.Series:
    """Summarise what the worlds without effects found, in five numbers.

    Parameters
    ----------
    worlds : DataFrame
        :func:`falsification`.

    Returns
    -------
    Series
        ``raw_rate`` (share of all factor tests with p < 0.05), ``worlds_any_raw`` and
        ``worlds_any_holm`` (share of worlds with at least one such test, before and after Holm's
        adjustment), ``mean_bias`` (mean bias of the unweighted shares) and ``share_covered``
        (share of their 95% intervals holding the true share).
    """
    return pd.Series(
        {
            "raw_rate": worlds["significant_raw"].sum() / worlds["tests"].sum(),
            "worlds_any_raw": (worlds["significant_raw"] > 0).mean(),
            "worlds_any_holm": (worlds["significant_holm"] > 0).mean(),
            "mean_bias": worlds.filter(like="bias_").to_numpy().mean(),
            "share_covered": worlds.filter(like="covered_").to_numpy().mean(),
        }
    )


_STUDY_GROUPS = {
    "Work characteristics predict at least one coupling": ("work",),
    "Innovativeness predicts at least one coupling": ("innovativeness",),
    "Technology and management capacity predict at least one coupling": (
        "technology",
        "management",
    ),
    "Stakeholder influence predicts at least one coupling": ("stakeholders",),
}


def scorecard(fits: CouplingFits, *, level: float = 0.05) -> pd.DataFrame:
    """Set the study's directional findings against what the models found.

    A factor "predicts" a coupling when its Holm-adjusted p-value is below ``level``.

    Returns
    -------
    DataFrame
        One row per finding: ``finding`` (the study's), ``we found`` and ``reproduced?``.
    """
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
            "reproduced?": "yes" if all(sets.values()) and len(set(sets.values())) == 4 else "no",
        }
    ]
    for finding, factors in _STUDY_GROUPS.items():
        predicted = [COUPLING_LABELS[c].lower() for c in COUPLINGS if sets[c] & set(factors)]
        rows.append(
            {
                "finding": finding,
                "we found": ", ".join(predicted) or "no coupling",
                "reproduced?": "yes" if predicted else "no",
            }
        )
    return pd.DataFrame(rows)
