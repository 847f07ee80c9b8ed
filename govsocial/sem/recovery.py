"""Did we recover it? Planted and null worlds through ``govsocial.planted``.

Each rule is run in worlds where its effect is planted and in null worlds where only that
effect is switched off (every other path, the interaction, the weak item and the noise stay).
In each world the model is fitted by PLS and the structural regressions are bootstrapped on the
composite scores (:func:`~govsocial.sem.effects.score_draws`, fast enough for many worlds); the
direct path is also judged by CB-SEM with its Wald interval.

Public: :func:`analyse_world`, :func:`analyse_world_cb`, :func:`rules`, :func:`run_rules`,
:func:`power_by_study`, :func:`cmv_worlds`, :func:`equivalent_fits`, :func:`mediation_model`,
:func:`recovery_table`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from govsocial import planted

from .cbsem import CbFit, fit_cb
from .effects import harman_share, marker_check, score_draws
from .model import Model
from .pls import fit_pls
from .simulate import DESIGNS, MARKER, Design, SemData, simulate

__all__ = [
    "WorldResult",
    "analyse_world",
    "analyse_world_cb",
    "cmv_worlds",
    "equivalent_fits",
    "mediation_model",
    "power_by_study",
    "recovery_table",
    "rules",
    "run_rules",
]

RESAMPLES = 200


@dataclass
class WorldResult:
    """Interval estimates of one world: ``{name: (estimate, low, high)}``."""

    intervals: dict[str, tuple[float, float, float]]


def _interval(draws: np.ndarray, estimate: float) -> tuple[float, float, float]:
    return float(estimate), float(np.percentile(draws, 2.5)), float(np.percentile(draws, 97.5))


def analyse_world(data: SemData, *, resamples: int = RESAMPLES, seed: int = 0) -> WorldResult:
    """PLS, then score-bootstrap intervals of the trust design's direct, indirect and interaction.

    Examples
    --------
    >>> r = analyse_world(simulate(5), resamples=100)
    >>> sorted(r.intervals)
    ['direct', 'indirect', 'interaction']
    """
    scores = fit_pls(data.items, data.model).scores
    standard = (scores - scores.mean()) / scores.std()
    scores = scores.assign(product=standard["RESP"] * standard["QINFO"])
    kw = {"resamples": resamples, "seed": seed}
    a = score_draws(scores, "RESP", ["GOV"], **kw)[:, 0]
    full = score_draws(scores, "TRUST", ["GOV", "RESP", "QINFO", "product"], **kw)
    point = np.linalg.lstsq(
        (
            scores[["GOV", "RESP", "QINFO", "product"]]
            - scores[["GOV", "RESP", "QINFO", "product"]].mean()
        ).to_numpy(),
        (scores["TRUST"] - scores["TRUST"].mean()).to_numpy(),
        rcond=None,
    )[0]
    point_a = float(np.corrcoef(scores["GOV"], scores["RESP"])[0, 1])
    return WorldResult(
        {
            "direct": _interval(full[:, 0], point[0]),
            "indirect": _interval(a * full[:, 1], point_a * point[1]),
            "interaction": _interval(full[:, 3], point[3]),
        }
    )


def analyse_world_cb(data: SemData) -> WorldResult:
    """CB-SEM's direct path GOV -> TRUST (``direct_cb``) with its 95% Wald interval.

    CB-SEM models each construct's measurement error, which PLS's composites leave in: a
    mediator measured with error leaves part of the indirect effect on the PLS direct path,
    and none on CB-SEM's. The estimate is on the standardised scale; the interval is the
    unstandardised estimate plus or minus 1.96 expected-information standard errors, rescaled
    by the ratio of the standardised to the unstandardised estimate (so it excludes zero
    exactly when the unstandardised one does).

    Examples
    --------
    >>> sorted(analyse_world_cb(simulate(5)).intervals)
    ['direct_cb']
    """
    return WorldResult({"direct_cb": _cb_direct(data)})


def _cb_direct(data: SemData) -> tuple[float, float, float]:
    """Return CB-SEM's standardised direct path GOV -> TRUST with its 95% Wald interval.

    The interval is the unstandardised estimate plus or minus 1.96 standard errors, rescaled
    by the ratio of the standardised to the unstandardised estimate (so it excludes zero
    exactly when the unstandardised one does).
    """
    paths = fit_cb(data.items, data.model).paths.set_index(["cause", "effect"])
    row = paths.loc[("GOV", "TRUST")]
    scale = row["std_estimate"] / row["estimate"] if row["estimate"] else 1.0
    half = 1.96 * row["se"]
    low, high = sorted(((row["estimate"] - half) * scale, (row["estimate"] + half) * scale))
    return float(row["std_estimate"]), float(low), float(high)


def _excludes_zero(name: str):
    return lambda r: r.intervals[name][1] > 0 or r.intervals[name][2] < 0


def rules() -> dict[str, tuple[planted.Rule, Design]]:
    """Return the decision rules, each with the null design that switches its effect off.

    Examples
    --------
    >>> list(rules())
    ['direct', 'direct_cb', 'indirect', 'interaction']
    """
    trust = DESIGNS["trust"]
    planted_values = {
        "direct": trust.paths[("GOV", "TRUST")],
        "direct_cb": trust.paths[("GOV", "TRUST")],
        "indirect": trust.paths[("GOV", "RESP")] * trust.paths[("RESP", "TRUST")],
        "interaction": trust.interaction[3],
    }
    findings = {
        "direct": ("good governance raises trust directly (95% CI excludes 0)",
                   trust.with_path("GOV", "TRUST", 0.0)),
        "direct_cb": ("good governance raises trust directly, by CB-SEM (95% Wald CI "
                      "excludes 0)",
                      trust.with_path("GOV", "TRUST", 0.0)),
        "indirect": ("perceived response mediates (95% CI of a*b excludes 0)",
                     trust.with_path("RESP", "TRUST", 0.0)),
        "interaction": ("quality information moderates (95% CI excludes 0)",
                        trust.with_interaction(0.0)),
    }  # fmt: skip
    return {
        name: (
            planted.Rule(
                finding,
                _excludes_zero(name),
                interval=lambda r, name=name: r.intervals[name],
                truth=lambda is_planted, value=planted_values[name]: value if is_planted else 0.0,
            ),
            null,
        )
        for name, (finding, null) in findings.items()
    }


def run_rules(seeds, scale: str = "teaching", *, resamples: int = RESAMPLES) -> pd.DataFrame:
    """Run every rule in planted and null worlds (:func:`govsocial.planted.run_worlds`).

    Examples
    --------
    >>> w = run_rules(range(2), resamples=50)
    >>> len(w), sorted(bool(p) for p in w["planted"].unique())
    (16, [False, True])
    """
    frames = []
    for name, (rule, null) in rules().items():

        def world(seed: int, is_planted: bool, null: Design = null,
                  name: str = name) -> WorldResult:
            data = simulate(seed, scale, DESIGNS["trust"] if is_planted else null)
            if name == "direct_cb":
                return analyse_world_cb(data)
            return analyse_world(data, resamples=resamples, seed=seed)

        frames.append(planted.run_worlds(world, [rule], seeds))
    return pd.concat(frames, ignore_index=True)


def power_by_study(seeds, *, path: float = 0.1, resamples: int = RESAMPLES) -> pd.DataFrame:
    """Power to find a small direct path at each study's sample size, over planted worlds.

    Returns
    -------
    DataFrame
        ``study``, ``n``, ``worlds``, ``found``, ``power``, ``low``, ``high`` (Wilson).

    Examples
    --------
    >>> power_by_study(range(2), resamples=50)["n"].tolist()
    [240, 491, 505]
    """
    from govsocial.stats import wilson_interval

    design = DESIGNS["trust"].with_path("GOV", "TRUST", path)
    rule = planted.Rule("small path", _excludes_zero("direct"))
    rows = []
    for name in ("scams", "trust", "currency"):
        n = DESIGNS[name].n_paper

        def world(seed: int, is_planted: bool, n: int = n) -> WorldResult:
            return analyse_world(simulate(seed, design=design, n=n), resamples=resamples, seed=seed)

        found = planted.run_worlds(world, [rule], seeds, kinds=(True,))["found"]
        low, high = wilson_interval(int(found.sum()), len(found))
        rows.append(
            {
                "study": name,
                "n": n,
                "worlds": len(found),
                "found": int(found.sum()),
                "power": float(found.mean()),
                "low": low,
                "high": high,
            }
        )
    return pd.DataFrame(rows)


def cmv_worlds(seeds, scale: str = "teaching", *, cmv: float = 0.4) -> pd.DataFrame:
    """Harman's test and the marker check in worlds with and without common-method variance.

    Examples
    --------
    >>> w = cmv_worlds(range(2))
    >>> sorted(w["finding"].unique())[0]
    "Harman's test flags common-method variance (first factor > 50%)"
    """
    harman = planted.Rule(
        "Harman's test flags common-method variance (first factor > 50%)", lambda r: r[0] > 0.5
    )
    marker = planted.Rule(
        "the marker check flags it (95% CI of r excludes 0)", lambda r: r[1][1] > 0
    )

    def world(seed: int, is_planted: bool):
        design = DESIGNS["trust"].with_cmv(cmv if is_planted else 0.0)
        data = simulate(seed, scale, design)
        return (
            harman_share(data.items),
            marker_check(data.items, data.responses[list(MARKER)].astype(float)),
        )

    return planted.run_worlds(world, [harman, marker], seeds)


def mediation_model(model: Model, mediation: tuple[str, str, str]) -> Model:
    """Keep the mediation triangle of a model alone: x -> m -> y and x -> y.

    Examples
    --------
    >>> mediation_model(DESIGNS["trust"].model, ("GOV", "RESP", "TRUST")).paths
    [('GOV', 'RESP'), ('GOV', 'TRUST'), ('RESP', 'TRUST')]
    """
    x, m, y = mediation
    return Model({c: model.blocks[c] for c in (x, m, y)}, [(x, m), (x, y), (m, y)])


def equivalent_fits(data: SemData, mediation: tuple[str, str, str]) -> tuple[CbFit, CbFit]:
    """CB-SEM fits of the mediation triangle and of the same triangle with arrows reversed."""
    model = mediation_model(data.model, mediation)
    return fit_cb(data.items, model), fit_cb(data.items, model.reversed())


def recovery_table(
    design: Design, pls_paths: pd.DataFrame, cb_paths: pd.DataFrame, boot: pd.DataFrame
) -> pd.DataFrame:
    """Planted paths beside the PLS and CB-SEM estimates and the PLS bootstrap interval.

    Examples
    --------
    >>> d = simulate(4)
    >>> p = fit_pls(d.items, d.model).paths
    >>> c = fit_cb(d.items, d.model).paths
    >>> b = p.assign(effect=p["cause"] + " -> " + p["effect"], low=0.0, high=1.0)
    >>> recovery_table(d.design, p, c, b)["planted"].tolist()
    [0.5, 0.25, 0.35, 0.2]
    """
    rows = []
    for (cause, effect), value in design.paths.items():
        pls = pls_paths.query("cause == @cause and effect == @effect")["estimate"].iloc[0]
        cb = cb_paths.query("cause == @cause and effect == @effect")["std_estimate"].iloc[0]
        b = boot.set_index("effect").loc[f"{cause} -> {effect}"]
        rows.append(
            {
                "path": f"{cause} -> {effect}",
                "planted": value,
                "pls": pls,
                "cb_sem": cb,
                "pls_low": b["low"],
                "pls_high": b["high"],
                "covered": bool(b["low"] <= value <= b["high"]),
            }
        )
    return pd.DataFrame(rows)
