"""The second stage of a PLS-SEM-ANN design: a neural network on the construct scores.

Some studies feed the PLS scores of a construct's causes into a small neural network and report
each cause's "normalised importance" beside its path coefficient. :func:`ann_stage` does that
under cross-validation: in each fold a multilayer perceptron (scikit-learn) is fitted on the
training respondents, its out-of-fold R-squared is compared with that of a linear regression on
the same folds, and the permutation importance of each cause is measured on the held-out
respondents. Importances are normalised to the largest (1), as those studies report them.

Public: :class:`AnnStage`, :func:`ann_stage`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LinearRegression
from sklearn.metrics import r2_score
from sklearn.model_selection import KFold
from sklearn.neural_network import MLPRegressor

__all__ = ["AnnStage", "ann_stage"]


@dataclass
class AnnStage:
    """Cross-validated comparison of a neural network with the linear paths.

    Attributes
    ----------
    table : DataFrame
        ``cause``, ``path`` (linear, standardised), ``path_normalised`` (|path| / largest),
        ``ann_importance_normalised``, one row per cause.
    ann_r2, linear_r2 : float
        Out-of-fold R-squared of the network and of the linear regression.
    """

    table: pd.DataFrame
    ann_r2: float
    linear_r2: float


def ann_stage(
    scores: pd.DataFrame, effect: str, causes: list[str], *, seed: int, folds: int = 5
) -> AnnStage:
    """Fit a one-hidden-layer network of the effect on its causes' scores, cross-validated.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> s = pd.DataFrame(rng.normal(size=(300, 2)), columns=["A", "B"])
    >>> s["Y"] = 0.6 * s["A"] + 0.2 * s["B"] + rng.normal(size=300)
    >>> stage = ann_stage(s, "Y", ["A", "B"], seed=1)
    >>> stage.table["cause"].tolist(), float(stage.table["ann_importance_normalised"].max())
    (['A', 'B'], 1.0)
    """
    x = scores[causes].to_numpy()
    y = scores[effect].to_numpy()
    ann_pred, lin_pred = np.zeros_like(y), np.zeros_like(y)
    importance = np.zeros(len(causes))
    for k, (train, test) in enumerate(KFold(folds, shuffle=True, random_state=seed).split(x)):
        network = MLPRegressor(
            hidden_layer_sizes=(4,), alpha=1e-3, max_iter=3000, random_state=seed + k
        ).fit(x[train], y[train])
        ann_pred[test] = network.predict(x[test])
        lin_pred[test] = LinearRegression().fit(x[train], y[train]).predict(x[test])
        result = permutation_importance(
            network, x[test], y[test], n_repeats=5, random_state=seed + k
        )
        importance += np.clip(result.importances_mean, 0, None)
    paths = np.linalg.lstsq(x - x.mean(axis=0), y - y.mean(), rcond=None)[0]
    largest = importance.max()
    table = pd.DataFrame(
        {
            "cause": causes,
            "path": paths,
            "path_normalised": np.abs(paths) / np.abs(paths).max(),
            "ann_importance_normalised": importance / largest if largest > 0 else importance,
        }
    )
    return AnnStage(table, float(r2_score(y, ann_pred)), float(r2_score(y, lin_pred)))
