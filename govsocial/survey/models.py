"""Models: one logistic regression per coupling, errors clustered by city, and what they say.

Pure functions, frames in and frames out: :func:`fit_couplings` (p-values adjusted across every
factor test with ``govsocial.stats.holm_adjust``), :func:`coefficient_matrix`,
:func:`predicted_probabilities` and :func:`probability_steps`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import patsy
import statsmodels.api as sm
from scipy.special import expit

from govsocial.stats import holm_adjust

from .questionnaire import COUPLINGS, FACTORS

__all__ = [
    "CouplingFits",
    "coefficient_matrix",
    "fit_couplings",
    "predicted_probabilities",
    "probability_steps",
]


@dataclass
class CouplingFits:
    """One logistic regression per coupling, and their factor coefficients in one table.

    Attributes
    ----------
    table : DataFrame
        One row per coupling and factor: ``coupling``, ``factor``, ``coef`` (log-odds per
        standard deviation), ``std_err`` (clustered by city), ``ci_low``, ``ci_high``,
        ``p_value`` and ``p_holm`` (Holm-adjusted across every factor test of every model).
    results : dict of str to statsmodels results
        The fitted model of each coupling.
    data : DataFrame
        The rows the models used (complete cases), with the factor scores.
    n_obs : int
        Respondents in the models.
    dropped : int
        Respondents left out because a scale score was missing.
    formula : str
        The right-hand side of every model.
    """

    table: pd.DataFrame
    results: dict[str, Any]
    data: pd.DataFrame
    n_obs: int
    dropped: int
    formula: str


def fit_couplings(
    respondents: pd.DataFrame,
    scores: pd.DataFrame,
    *,
    factors: Sequence[str] = FACTORS,
    controls: str = "C(department) + log_population",
) -> CouplingFits:
    """Fit one logistic regression per coupling with standard errors clustered by city.

    Every model is ``coupling ~ factors + controls``; a respondent with a missing score is
    left out of every model (and counted in ``dropped``). The p-values of all factor tests
    (factors times couplings) are also adjusted together with Holm's method, because
    four models give four chances for each factor to look significant by chance.

    Parameters
    ----------
    respondents : DataFrame
        One row per respondent with ``city_id``, ``department``, ``population`` and the
        :data:`COUPLINGS`.
    scores : DataFrame
        One column per factor, aligned with ``respondents`` (from :func:`build_scales`).
    factors : sequence of str
        The factor columns to enter.
    controls : str
        Further terms of the formula (``log_population`` is ``log10(population)``).

    Returns
    -------
    CouplingFits
    """
    data = pd.concat(
        [respondents[["city_id", "department", "population", *COUPLINGS]], scores[list(factors)]],
        axis=1,
    )
    data["log_population"] = np.log10(data["population"].astype(float))
    complete = data.dropna(subset=list(factors)).reset_index(drop=True)
    rhs = " + ".join([*factors, controls]) if controls else " + ".join(factors)
    results, rows = {}, []
    groups = pd.factorize(complete["city_id"])[0]
    design = patsy.dmatrix(rhs, complete, return_type="dataframe")  # the same for every model
    for coupling in COUPLINGS:
        result = sm.Logit(complete[coupling], design).fit(
            disp=0, cov_type="cluster", cov_kwds={"groups": groups}
        )
        results[coupling] = result
        ci = result.conf_int()
        for factor in factors:
            rows.append(
                {
                    "coupling": coupling,
                    "factor": factor,
                    "coef": float(result.params[factor]),
                    "std_err": float(result.bse[factor]),
                    "ci_low": float(ci.loc[factor, 0]),
                    "ci_high": float(ci.loc[factor, 1]),
                    "p_value": float(result.pvalues[factor]),
                }
            )
    table = pd.DataFrame(rows)
    table["p_holm"] = holm_adjust(table["p_value"].to_numpy())
    return CouplingFits(
        table=table,
        results=results,
        data=complete,
        n_obs=len(complete),
        dropped=len(data) - len(complete),
        formula=rhs,
    )


def coefficient_matrix(fits: CouplingFits, value: str = "coef") -> pd.DataFrame:
    """One column of the fits as a factor-by-coupling table (factors as rows).

    Examples
    --------
    >>> from govsocial.survey import build_scales, simulate
    >>> data = simulate(2022)
    >>> fits = fit_couplings(data.responses, build_scales(data.responses))
    >>> coefficient_matrix(fits).shape
    (5, 4)
    """
    matrix = fits.table.pivot(index="factor", columns="coupling", values=value)
    factors = list(dict.fromkeys(fits.table["factor"]))
    return matrix.reindex(index=factors, columns=list(COUPLINGS))


def predicted_probabilities(
    fits: CouplingFits,
    *,
    low: float = -1.0,
    high: float = 1.0,
    n_draws: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Average predicted probability of each coupling with one factor set low, then high.

    For every coupling and factor, the factor is set to ``low`` (then ``high``) standard
    deviations for every respondent in the model, the others keep their values, and the
    predicted probabilities are averaged. The 95% interval comes from ``n_draws`` coefficient
    vectors drawn from the estimates' (clustered) sampling distribution.

    Returns
    -------
    DataFrame
        One row per coupling, factor and level: ``coupling``, ``factor``, ``level``
        (``"low"``/``"high"``), ``value``, ``probability``, ``ci_low``, ``ci_high``.
    """
    rng = np.random.default_rng(seed)
    factors = list(dict.fromkeys(fits.table["factor"]))
    rows = []
    for coupling, result in fits.results.items():
        exog = np.asarray(result.model.exog, dtype=float)
        names = list(result.model.exog_names)
        draws = rng.multivariate_normal(result.params, result.cov_params(), size=n_draws)
        for factor in factors:
            column = names.index(factor)
            for level, value in (("low", low), ("high", high)):
                design = exog.copy()
                design[:, column] = value
                point = expit(design @ result.params.to_numpy()).mean()
                simulated = expit(design @ draws.T).mean(axis=0)
                rows.append(
                    {
                        "coupling": coupling,
                        "factor": factor,
                        "level": level,
                        "value": value,
                        "probability": float(point),
                        "ci_low": float(np.quantile(simulated, 0.025)),
                        "ci_high": float(np.quantile(simulated, 0.975)),
                    }
                )
    return pd.DataFrame(rows)


def probability_steps(probabilities: pd.DataFrame) -> pd.DataFrame:
    """How much each factor moves each coupling's probability, largest step first.

    Parameters
    ----------
    probabilities : DataFrame
        :func:`predicted_probabilities`.

    Returns
    -------
    DataFrame
        One row per coupling and factor: ``coupling``, ``factor``, ``low``, ``high`` and
        ``step`` (high minus low), sorted by ``step`` from largest to smallest.
    """
    wide = probabilities.pivot_table(
        index=["coupling", "factor"], columns="level", values="probability"
    )
    steps = wide[["low", "high"]].assign(step=wide["high"] - wide["low"])
    return steps.sort_values("step", ascending=False).reset_index().rename_axis(columns=None)
