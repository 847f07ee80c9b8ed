"""Covariance-based SEM: maximum-likelihood fit of the model-implied covariance matrix.

The model implies a covariance matrix of the items,
``Sigma = Lambda (I - B)^-1 Psi (I - B)^-T Lambda' + Theta``, where ``Lambda`` holds the
loadings (each construct's first item fixed at 1 to set its scale), ``B`` the paths, ``Psi``
the covariances of the exogenous constructs and the variances of the endogenous constructs'
disturbances, and ``Theta`` the items' error variances (and any error covariances written
``a ~~ b``). The estimates minimise the maximum-likelihood discrepancy
``F = log|Sigma| + tr(S Sigma^-1) - log|S| - p`` with scipy's L-BFGS-B, as lavaan's default
estimator does (``S`` with divisor N, chi-square ``N F``), given the exact gradient
``dF/dtheta_j = tr((Sigma^-1 - Sigma^-1 S Sigma^-1) dSigma/dtheta_j)``. Standard errors come
from the expected information, ``N/2 tr(Sigma^-1 dSigma/dtheta_j Sigma^-1 dSigma/dtheta_k)``, as
lavaan's default ``se = "standard"`` does. Why not semopy: its last release
(2024) needs sympy and numdifftools besides, for one estimator this chapter writes in ~150 lines.

Public: :class:`CbFit`, :func:`fit_cb`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize
from scipy import stats as sps

from .model import Model

__all__ = ["CbFit", "fit_cb"]


@dataclass
class CbFit:
    """A fitted covariance-based model.

    Attributes
    ----------
    loadings : Series
        Unstandardised loadings (first item of each block 1), indexed by item.
    std_loadings : Series
        Standardised loadings.
    paths : DataFrame
        ``cause``, ``effect``, ``estimate`` (unstandardised), ``std_estimate``, ``se`` (the
        standard error of ``estimate``, from the expected information).
    loading_se : Series
        Standard errors of the unstandardised loadings (missing for each block's first item,
        fixed at 1).
    fit : dict
        ``chi2``, ``df``, ``p_value``, ``rmsea``, ``cfi``, ``srmr``, ``n``.
    parameters : ndarray
        The free parameters (for warm starts).
    converged : bool
    """

    loadings: pd.Series
    std_loadings: pd.Series
    paths: pd.DataFrame
    loading_se: pd.Series
    fit: dict
    parameters: np.ndarray
    converged: bool


class _Layout:
    """Where each free parameter goes in the model's matrices."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.items = model.items
        self.constructs = model.constructs
        self.p, self.m = len(self.items), len(self.constructs)
        self.free_loadings = [
            (self.items.index(i), self.constructs.index(c))
            for c, its in model.blocks.items()
            for i in its[1:]
        ]
        self.markers = [
            (self.items.index(its[0]), self.constructs.index(c)) for c, its in model.blocks.items()
        ]
        self.paths = [(self.constructs.index(e), self.constructs.index(c)) for c, e in model.paths]
        exo = [self.constructs.index(c) for c in model.exogenous]
        self.phi = [(a, b) for k, a in enumerate(exo) for b in exo[: k + 1]]
        self.psi = [(k, k) for k in (self.constructs.index(c) for c in model.endogenous)]
        self.theta = [(k, k) for k in range(self.p)]
        self.error_cov = [(self.items.index(a), self.items.index(b)) for a, b in model.covariances]
        self.sizes = [
            len(self.free_loadings),
            len(self.paths),
            len(self.phi),
            len(self.psi),
            len(self.theta),
            len(self.error_cov),
        ]
        self.variances = np.zeros(sum(self.sizes), dtype=bool)  # bounded below by 0
        start = sum(self.sizes[:2])
        for k, (a, b) in enumerate(self.phi):
            self.variances[start + k] = a == b
        start += self.sizes[2]
        self.variances[start : start + self.sizes[3] + self.sizes[4]] = True

    def matrices(self, theta: np.ndarray) -> tuple[np.ndarray, ...]:
        parts = np.split(theta, np.cumsum(self.sizes)[:-1])
        lam = np.zeros((self.p, self.m))
        for i, c in self.markers:
            lam[i, c] = 1.0
        for (i, c), v in zip(self.free_loadings, parts[0], strict=True):
            lam[i, c] = v
        b = np.zeros((self.m, self.m))
        for (e, c), v in zip(self.paths, parts[1], strict=True):
            b[e, c] = v
        psi = np.zeros((self.m, self.m))
        for (a, c), v in zip(self.phi + self.psi, np.concatenate(parts[2:4]), strict=True):
            psi[a, c] = psi[c, a] = v
        errors = np.diag(parts[4]).astype(float)
        for (a, c), v in zip(self.error_cov, parts[5], strict=True):
            errors[a, c] = errors[c, a] = v
        return lam, b, psi, errors

    def implied(self, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        lam, b, psi, errors = self.matrices(theta)
        a = np.linalg.inv(np.eye(self.m) - b)
        latent = a @ psi @ a.T
        return lam @ latent @ lam.T + errors, latent

    def start(self, s: np.ndarray) -> np.ndarray:
        values = [np.ones(self.sizes[0]) * 0.8, np.zeros(self.sizes[1])]
        values.append(np.array([0.5 * np.mean(np.diag(s)) if a == b else 0.0 for a, b in self.phi]))
        values.append(np.ones(self.sizes[3]) * 0.5 * np.mean(np.diag(s)))
        values.append(0.5 * np.diag(s))
        values.append(np.zeros(self.sizes[5]))
        return np.concatenate(values)


def _derivatives(theta: np.ndarray, layout: _Layout) -> np.ndarray:
    """``dSigma/dtheta_j`` for every free parameter, as an array of shape (k, p, p)."""
    lam, b, psi, _ = layout.matrices(theta)
    a = np.linalg.inv(np.eye(layout.m) - b)
    latent = a @ psi @ a.T
    out = []
    for i, c in layout.free_loadings:
        d = np.zeros((layout.p, layout.p))
        d[i, :] = (latent @ lam.T)[c, :]
        out.append(d + d.T)
    for e, c in layout.paths:
        unit = np.zeros((layout.m, layout.m))
        unit[e, c] = 1.0
        change = a @ unit @ latent
        out.append(lam @ (change + change.T) @ lam.T)
    for x, y in layout.phi + layout.psi:
        unit = np.zeros((layout.m, layout.m))
        unit[x, y] = unit[y, x] = 1.0
        out.append(lam @ a @ unit @ a.T @ lam.T)
    for x, y in layout.theta + layout.error_cov:
        d = np.zeros((layout.p, layout.p))
        d[x, y] = d[y, x] = 1.0
        out.append(d)
    return np.asarray(out)


def _discrepancy(
    theta: np.ndarray, layout: _Layout, s: np.ndarray, logdet_s: float
) -> tuple[float, np.ndarray]:
    """Return the ML discrepancy and its exact gradient."""
    sigma, _ = layout.implied(theta)
    sign, logdet = np.linalg.slogdet(sigma)
    if sign <= 0:
        return 1e10, np.zeros_like(theta)
    inverse = np.linalg.inv(sigma)
    value = logdet + np.trace(inverse @ s) - logdet_s - layout.p
    weight = inverse - inverse @ s @ inverse
    gradient = np.einsum("ij,kij->k", weight, _derivatives(theta, layout))
    return float(value), gradient


def _standard_errors(theta: np.ndarray, layout: _Layout, n: int) -> np.ndarray:
    """Return the free parameters' standard errors from the expected information (as lavaan).

    A parameter the information does not identify (a singular matrix) gets a missing value.
    """
    sigma, _ = layout.implied(theta)
    inverse = np.linalg.inv(sigma)
    scaled = np.einsum("ij,kjl->kil", inverse, _derivatives(theta, layout))
    information = n / 2 * np.einsum("jab,kba->jk", scaled, scaled)
    try:
        return np.sqrt(np.diag(np.linalg.inv(information)))
    except np.linalg.LinAlgError:
        return np.full(len(theta), np.nan)


def fit_cb(items: pd.DataFrame, model: Model, *, start: np.ndarray | None = None) -> CbFit:
    """Fit a covariance-based SEM by maximum likelihood.

    Parameters
    ----------
    items : DataFrame
        One column per item of the model (other columns ignored), no missing values.
    model : Model
        Constructs, items, paths and any error covariances.
    start : ndarray, optional
        Starting values (``parameters`` of an earlier fit), for bootstraps.

    Returns
    -------
    CbFit

    Examples
    --------
    >>> from govsocial.sem.simulate import simulate
    >>> data = simulate(3)
    >>> fit = fit_cb(data.items, data.model)
    >>> fit.converged, fit.fit["df"]
    (True, 72)
    """
    layout = _Layout(model)
    x = items[model.items].to_numpy(dtype=float)
    n = len(x)
    s = np.cov(x, rowvar=False, ddof=0)
    logdet_s = np.linalg.slogdet(s)[1]
    theta0 = layout.start(s) if start is None else start
    bounds = [(1e-6, None) if v else (None, None) for v in layout.variances]
    result = optimize.minimize(
        _discrepancy,
        theta0,
        args=(layout, s, logdet_s),
        jac=True,
        method="L-BFGS-B",
        bounds=bounds,
        options={"maxiter": 5000, "ftol": 1e-13, "gtol": 1e-9},
    )
    theta = result.x
    se = _standard_errors(theta, layout, n)
    loading_se = pd.Series(np.nan, index=model.items)
    for (i, _), value in zip(layout.free_loadings, se, strict=False):
        loading_se[layout.items[i]] = value
    path_se = se[layout.sizes[0] : layout.sizes[0] + layout.sizes[1]]
    sigma, latent = layout.implied(theta)
    lam, b, _, _ = layout.matrices(theta)
    sd_latent = np.sqrt(np.diag(latent))
    sd_items = np.sqrt(np.diag(sigma))
    loadings = pd.Series(
        {
            layout.items[i]: lam[i, c]
            for c in range(layout.m)
            for i in range(layout.p)
            if lam[i, c] != 0
        }
    )
    std = pd.Series(
        {
            layout.items[i]: lam[i, c] * sd_latent[c] / sd_items[i]
            for c in range(layout.m)
            for i in range(layout.p)
            if lam[i, c] != 0
        }
    )
    paths = pd.DataFrame(
        [
            {
                "cause": layout.constructs[c],
                "effect": layout.constructs[e],
                "estimate": b[e, c],
                "std_estimate": b[e, c] * sd_latent[c] / sd_latent[e],
                "se": value,
            }
            for (e, c), value in zip(layout.paths, path_se, strict=True)
        ],
        columns=["cause", "effect", "estimate", "std_estimate", "se"],
    )
    return CbFit(
        loadings[model.items],
        std[model.items],
        paths,
        loading_se,
        _fit_indices(result.fun, s, sigma, n, layout),
        theta,
        bool(result.success),
    )


def _fit_indices(f: float, s: np.ndarray, sigma: np.ndarray, n: int, layout: _Layout) -> dict:
    p = layout.p
    df = p * (p + 1) // 2 - len(layout.variances)
    chi2 = n * f
    base_chi2 = n * (np.log(np.diag(s)).sum() - np.linalg.slogdet(s)[1])
    base_df = p * (p - 1) // 2
    rmsea = np.sqrt(max(chi2 - df, 0) / (df * n)) if df > 0 else 0.0
    cfi = 1 - max(chi2 - df, 0) / max(base_chi2 - base_df, chi2 - df, 1e-12)
    scale = np.sqrt(np.outer(np.diag(s), np.diag(s)))
    lower = np.tril_indices(p)
    srmr = np.sqrt(np.mean(((s - sigma) / scale)[lower] ** 2))
    return {
        "chi2": float(chi2),
        "df": int(df),
        "p_value": float(sps.chi2.sf(chi2, df)) if df > 0 else float("nan"),
        "rmsea": float(rmsea),
        "cfi": float(cfi),
        "srmr": float(srmr),
        "n": int(n),
    }
