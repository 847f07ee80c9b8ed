"""Paths, mediation and moderation with bootstrap intervals, and what SEM cannot tell.

- :func:`bootstrap_pls`: resample respondents, refit PLS, percentile intervals of the paths and
  of the planted mediation's indirect effect ``a * b``.
- :func:`score_bootstrap`: a fast bootstrap of the structural regressions on fixed composite
  scores (no refit of the weights), used over many worlds.
- :func:`moderation`: the two-stage approach: composite scores first, then the effect regressed
  on its causes and the product of the two standardised scores.
- :func:`harman_share`: the share of variance of the first unrotated component of all items
  (Harman's single-factor test "passes" below 50%).
- :func:`marker_check`: correlation of a marker scale, unrelated to the model by design, with
  the model's items: clearly above zero signals common-method variance.

Public: the functions above and :func:`mediation_claim`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats as sps

from .model import Model
from .pls import fit_pls

__all__ = [
    "bootstrap_pls",
    "harman_share",
    "marker_check",
    "mediation_chain",
    "mediation_claim",
    "moderation",
    "score_bootstrap",
    "score_draws",
]


def _path(paths: pd.DataFrame, cause: str, effect: str) -> float:
    row = paths[(paths["cause"] == cause) & (paths["effect"] == effect)]
    return float(row["estimate"].iloc[0]) if len(row) else 0.0


def _interval(draws: np.ndarray, level: float) -> tuple[float, float]:
    tail = (1 - level) / 2 * 100
    return float(np.percentile(draws, tail)), float(np.percentile(draws, 100 - tail))


def mediation_chain(model: Model) -> tuple[str, str, str] | None:
    r"""Find the first mediation triangle of a model: paths x -> m, m -> y and x -> y.

    Returns None when the model has none.

    Examples
    --------
    >>> from govsocial.sem.model import parse_model
    >>> mediation_chain(parse_model("A =~ a\nB =~ b\nC =~ c\nB ~ A\nC ~ A + B"))
    ('A', 'B', 'C')
    >>> mediation_chain(parse_model("A =~ a\nB =~ b\nB ~ A")) is None
    True
    """
    for x, m in model.paths:
        for m2, y in model.paths:
            if m2 == m and (x, y) in model.paths:
                return x, m, y
    return None


def bootstrap_pls(
    items: pd.DataFrame,
    model: Model,
    *,
    mediation: tuple[str, str, str] | None,
    resamples: int,
    seed: int,
    level: float = 0.95,
) -> pd.DataFrame:
    """Percentile bootstrap intervals of every path and of the indirect effect.

    ``mediation`` is ``(x, m, y)``, or None for paths only. Each resample refits PLS.

    Returns
    -------
    DataFrame
        ``effect`` (``"X -> Y"`` or ``"indirect X -> M -> Y"``), ``estimate``, ``low``, ``high``.

    Examples
    --------
    >>> from govsocial.sem.simulate import simulate
    >>> d = simulate(2)
    >>> t = bootstrap_pls(d.items, d.model, mediation=("GOV", "RESP", "TRUST"),
    ...                   resamples=20, seed=1)
    >>> t["effect"].iloc[-1]
    'indirect GOV -> RESP -> TRUST'
    """
    x, m, y = mediation or ("", "", "")
    full = fit_pls(items, model).paths
    rng = np.random.default_rng(seed)
    draws = []
    for _ in range(resamples):
        sample = items.iloc[rng.integers(0, len(items), len(items))].reset_index(drop=True)
        paths = fit_pls(sample, model).paths
        draws.append([*paths["estimate"], _path(paths, x, m) * _path(paths, m, y)])
    draws = np.array(draws)
    names = [f"{c} -> {e}" for c, e in zip(full["cause"], full["effect"], strict=True)]
    names.append(f"indirect {x} -> {m} -> {y}")
    estimates = [*full["estimate"], _path(full, x, m) * _path(full, m, y)]
    if mediation is None:
        names, estimates = names[:-1], estimates[:-1]
    rows = [
        {"effect": name, "estimate": est, "low": lo, "high": hi}
        for name, est, (lo, hi) in zip(
            names,
            estimates,
            (_interval(draws[:, k], level) for k in range(len(names))),
            strict=True,
        )
    ]
    return pd.DataFrame(rows)


def score_bootstrap(
    scores: pd.DataFrame,
    effect: str,
    causes: list[str],
    *,
    resamples: int,
    seed: int,
    level: float = 0.95,
) -> pd.DataFrame:
    """Percentile intervals of a regression's coefficients on fixed scores, vectorised.

    Returns
    -------
    DataFrame
        ``term``, ``estimate``, ``low``, ``high`` (one row per cause).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> s = pd.DataFrame({"A": rng.normal(size=400)})
    >>> s["B"] = 0.5 * s["A"] + rng.normal(size=400)
    >>> t = score_bootstrap(s, "B", ["A"], resamples=200, seed=1)
    >>> bool(t["low"].iloc[0] > 0.3)
    True
    """
    x = scores[causes].to_numpy()
    y = scores[effect].to_numpy()
    betas = score_draws(scores, effect, causes, resamples=resamples, seed=seed)
    xc, yc = x - x.mean(axis=0), y - y.mean()
    estimate = np.linalg.lstsq(xc, yc, rcond=None)[0]
    rows = [
        {
            "term": c,
            "estimate": estimate[k],
            **dict(zip(("low", "high"), _interval(betas[:, k], level), strict=True)),
        }
        for k, c in enumerate(causes)
    ]
    return pd.DataFrame(rows)


def score_draws(
    scores: pd.DataFrame, effect: str, causes: list[str], *, resamples: int, seed: int
) -> np.ndarray:
    """Bootstrap draws of a regression's coefficients on fixed scores, one row per resample.

    The same ``seed`` and number of respondents give the same resamples, so draws of two
    regressions with one seed can be multiplied (an indirect effect).

    Examples
    --------
    >>> s = pd.DataFrame({"A": [0.0, 1, 2, 3], "B": [0.0, 2, 4, 6]})
    >>> score_draws(s, "B", ["A"], resamples=3, seed=0).shape
    (3, 1)
    """
    x = scores[causes].to_numpy()
    y = scores[effect].to_numpy()
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(y), (resamples, len(y)))
    xs, ys = x[picks], y[picks]
    xs = xs - xs.mean(axis=1, keepdims=True)
    ys = ys - ys.mean(axis=1, keepdims=True)
    xtx = np.einsum("bni,bnj->bij", xs, xs)
    xty = np.einsum("bni,bn->bi", xs, ys)
    return np.linalg.solve(xtx, xty[..., None])[..., 0]


def moderation(
    scores: pd.DataFrame,
    x: str,
    z: str,
    y: str,
    *,
    resamples: int,
    seed: int,
    others: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Two-stage moderation: ``y`` on ``x``, ``z``, ``others`` and ``x * z``, bootstrapped.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> s = pd.DataFrame(rng.normal(size=(500, 2)), columns=["X", "Z"])
    >>> s["Y"] = 0.3 * s["X"] + 0.3 * s["X"] * s["Z"] + rng.normal(size=500)
    >>> t = moderation(s, "X", "Z", "Y", resamples=200, seed=1)
    >>> t["term"].iloc[-1], bool(t["low"].iloc[-1] > 0)
    ('X x Z', True)
    """
    frame = scores.copy()
    zx = (frame[x] - frame[x].mean()) / frame[x].std()
    zz = (frame[z] - frame[z].mean()) / frame[z].std()
    term = f"{x} x {z}"
    frame[term] = zx * zz
    causes = [c for c in (x, z, *others) if c != y] + [term]
    return score_bootstrap(frame, y, causes, resamples=resamples, seed=seed)


def mediation_claim(direct: tuple[float, float], indirect: tuple[float, float]) -> str:
    """Say what mediation the intervals of the direct and indirect effect support.

    Parameters
    ----------
    direct, indirect : (low, high)
        95% intervals.

    Examples
    --------
    >>> mediation_claim((0.1, 0.3), (0.05, 0.2)), mediation_claim((-0.1, 0.2), (0.05, 0.2))
    ('partial mediation', 'full mediation')
    >>> mediation_claim((0.1, 0.3), (-0.02, 0.1))
    'no mediation shown'
    """
    if indirect[0] <= 0 <= indirect[1]:
        return "no mediation shown"
    return "full mediation" if direct[0] <= 0 <= direct[1] else "partial mediation"


def harman_share(items: pd.DataFrame) -> float:
    """Share of the items' total variance on the first unrotated principal component.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> round(harman_share(pd.DataFrame(rng.normal(size=(5000, 4)))), 1)
    0.3
    """
    values = np.linalg.eigvalsh(items.corr().to_numpy())
    return float(values[-1] / values.sum())


def marker_check(items: pd.DataFrame, markers: pd.DataFrame) -> tuple[float, float, float]:
    """Mean correlation of the marker items with the model's items, with a 95% interval.

    The interval treats the marker scale's correlation with the items' mean as one correlation
    (Fisher's z on the respondents), a simple version of the marker-variable check.

    Returns
    -------
    (float, float, float)
        Correlation of the marker scale with the mean of the model's items, and its interval.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> a = pd.DataFrame(rng.normal(size=(400, 3)))
    >>> r, lo, hi = marker_check(a, pd.DataFrame(rng.normal(size=(400, 2))))
    >>> bool(lo < 0 < hi)
    True
    """
    r = float(np.corrcoef(items.mean(axis=1), markers.mean(axis=1))[0, 1])
    half = sps.norm.ppf(0.975) / np.sqrt(len(items) - 3)
    z = np.arctanh(r)
    return r, float(np.tanh(z - half)), float(np.tanh(z + half))
