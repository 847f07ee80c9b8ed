"""PLS-SEM: the partial least squares path algorithm (Wold, Lohmoeller), written once.

Each construct is a weighted sum (a *composite*) of its standardised items. The algorithm
alternates an *inner* estimate of each construct from its neighbours in the model (path
weighting scheme) and an *outer* update of the weights (Mode A: each weight is the covariance
of its item with the inner estimate) until the weights stop changing; then the paths are
ordinary least squares regressions among the composites and the loadings are the items'
correlations with their composite. Why here and not a library: ``plspm`` (last release 2024)
and its forks would add a dependency for about eighty lines.

Public: :class:`PlsFit`, :func:`fit_pls`, :func:`path_regressions`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .model import Model

__all__ = ["PlsFit", "fit_pls", "path_regressions"]


@dataclass
class PlsFit:
    """A fitted PLS path model.

    Attributes
    ----------
    weights, loadings : Series
        Outer weights and loadings, indexed by item.
    scores : DataFrame
        Standardised composite scores, one column per construct.
    paths : DataFrame
        ``cause``, ``effect``, ``estimate`` (standardised), one row per path.
    r_squared : Series
        Of each endogenous construct.
    iterations : int
    """

    weights: pd.Series
    loadings: pd.Series
    scores: pd.DataFrame
    paths: pd.DataFrame
    r_squared: pd.Series
    iterations: int


def _standardise(values: np.ndarray) -> np.ndarray:
    centred = values - values.mean(axis=0)
    return centred / centred.std(axis=0, ddof=1)


def path_regressions(scores: pd.DataFrame, model: Model) -> tuple[pd.DataFrame, pd.Series]:
    r"""Regress every endogenous construct's scores on its causes' scores.

    Returns
    -------
    (DataFrame, Series)
        Paths (``cause``, ``effect``, ``estimate``) and each endogenous construct's R-squared.

    Examples
    --------
    >>> from govsocial.sem.model import parse_model
    >>> m = parse_model("A =~ a\nB =~ b\nB ~ A")
    >>> s = pd.DataFrame({"A": [-1.0, 0, 1], "B": [-1.0, 0, 1]})
    >>> path_regressions(s, m)[0]["estimate"].round(3).tolist()
    [1.0]
    """
    rows, r2 = [], {}
    for effect in model.endogenous:
        causes = model.predictors(effect)
        x = scores[causes].to_numpy()
        y = scores[effect].to_numpy()
        x = x - x.mean(axis=0)
        y = y - y.mean()
        beta, *_ = np.linalg.lstsq(x, y, rcond=None)
        r2[effect] = 1 - ((y - x @ beta) ** 2).sum() / (y**2).sum()
        rows += [
            {"cause": c, "effect": effect, "estimate": b} for c, b in zip(causes, beta, strict=True)
        ]
    return pd.DataFrame(rows, columns=["cause", "effect", "estimate"]), pd.Series(r2)


def fit_pls(items: pd.DataFrame, model: Model, *, tol: float = 1e-7, max_iter: int = 300) -> PlsFit:
    """Fit a PLS path model (Mode A outer weights, path weighting inner scheme).

    Parameters
    ----------
    items : DataFrame
        One column per item of the model (other columns are ignored), no missing values.
    model : Model
        Constructs, their items and the paths.
    tol : float
        Largest change of a weight that counts as converged.
    max_iter : int
        Iterations before giving up (a ``RuntimeError``).

    Returns
    -------
    PlsFit

    Examples
    --------
    >>> from govsocial.sem.simulate import simulate
    >>> data = simulate(3)
    >>> fit = fit_pls(data.items, data.model)
    >>> bool(fit.loadings["gov_1"] > 0.6), fit.paths.shape
    (True, (4, 3))
    """
    constructs = model.constructs
    x = _standardise(items[model.items].to_numpy(dtype=float))
    columns = {c: [model.items.index(i) for i in model.blocks[c]] for c in constructs}
    weights = {c: np.ones(len(cols)) for c, cols in columns.items()}

    def scores_of(w: dict[str, np.ndarray]) -> np.ndarray:
        return _standardise(np.column_stack([x[:, columns[c]] @ w[c] for c in constructs]))

    index = {c: k for k, c in enumerate(constructs)}
    for iteration in range(1, max_iter + 1):  # noqa: B007 (returned: iterations run)
        y = scores_of(weights)
        inner = np.zeros_like(y)
        for c in constructs:
            k = index[c]
            causes = model.predictors(c)
            if causes:  # predecessors: their multiple-regression weights
                cols = [index[p] for p in causes]
                beta, *_ = np.linalg.lstsq(y[:, cols], y[:, k], rcond=None)
                inner[:, k] += y[:, cols] @ beta
            for cause, effect in model.paths:  # successors: their correlations
                if cause == c:
                    j = index[effect]
                    inner[:, k] += np.corrcoef(y[:, k], y[:, j])[0, 1] * y[:, j]
        inner = _standardise(inner)
        new = {c: x[:, columns[c]].T @ inner[:, index[c]] / (len(x) - 1) for c in constructs}
        for c in constructs:  # scale so that the composite has variance 1
            new[c] = new[c] / np.std(x[:, columns[c]] @ new[c], ddof=1)
        change = max(np.abs(new[c] - weights[c]).max() for c in constructs)
        weights = new
        if change < tol:
            break
    else:
        raise RuntimeError(f"PLS did not converge in {max_iter} iterations")
    y = pd.DataFrame(scores_of(weights), columns=constructs, index=items.index)
    loading = {}
    for c in constructs:
        for item, col in zip(model.blocks[c], columns[c], strict=True):
            loading[item] = np.corrcoef(x[:, col], y[c])[0, 1]
    paths, r2 = path_regressions(y, model)
    flat = pd.Series(
        {i: w for c in constructs for i, w in zip(model.blocks[c], weights[c], strict=True)}
    )
    return PlsFit(flat, pd.Series(loading), y, paths, r2, iteration)
