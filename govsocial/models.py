"""Count models for engagement data, reported as tidy incidence-rate-ratio tables.

Likes, shares and replies are counts whose variance grows faster than their mean, so the book
models them with NB2 negative binomial regression (a Poisson mean with gamma-distributed extra
variation, ``Var = mu + alpha * mu**2``). Coefficients are reported as incidence-rate ratios
(IRR): the factor by which the expected count is multiplied when a predictor goes up by one.

Public names: :class:`CountModelResult`, :func:`negative_binomial`, :func:`irr_table`.

Examples
--------
>>> import numpy as np
>>> rng = np.random.default_rng(1)
>>> x = rng.normal(size=500)
>>> mu = np.exp(1.0 + 0.3 * x)
>>> y = rng.negative_binomial(2, 2 / (2 + mu))
>>> fit = negative_binomial("y ~ x", pd.DataFrame({"y": y, "x": x}))
>>> fit.table["term"].tolist()
['Intercept', 'x']
>>> bool(fit.table.loc[1, "ci_low"] < np.exp(0.3) < fit.table.loc[1, "ci_high"])
True
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from statsmodels.tools.sm_exceptions import ConvergenceWarning

__all__ = ["CountModelResult", "irr_table", "negative_binomial"]

_TABLE_COLUMNS = ["term", "coef", "std_err", "irr", "ci_low", "ci_high", "p_value"]


@dataclass
class CountModelResult:
    """A fitted count model and its tidy coefficient table.

    Attributes
    ----------
    table : DataFrame
        One row per regression term (the dispersion parameter is not a term): ``term``,
        ``coef`` (log incidence-rate ratio), ``std_err``, ``irr`` (``exp(coef)``), ``ci_low`` and
        ``ci_high`` (95% confidence interval on the IRR scale) and ``p_value``.
    alpha : float
        Estimated NB2 dispersion: ``Var(y) = mu + alpha * mu**2``; 0 would be Poisson.
    n_obs : int
        Number of observations used.
    cov_type : str
        ``"nonrobust"`` or ``"cluster"``: how standard errors were computed.
    formula : str
        The model formula.
    result : statsmodels results
        The full statsmodels results object, for readers who want more.
    """

    table: pd.DataFrame
    alpha: float
    n_obs: int
    cov_type: str
    formula: str
    result: Any


def irr_table(result: Any, *, level: float = 0.95) -> pd.DataFrame:
    """Build the tidy incidence-rate-ratio table from a fitted statsmodels count model.

    Parameters
    ----------
    result : statsmodels results
        A fitted Poisson or negative binomial model with a log link.
    level : float
        Confidence level of the interval.

    Returns
    -------
    DataFrame
        Columns ``term``, ``coef``, ``std_err``, ``irr``, ``ci_low``, ``ci_high``, ``p_value``;
        the dispersion parameter ``alpha`` (an ancillary parameter, not a term) is left out.

    Examples
    --------
    >>> import statsmodels.formula.api as smf
    >>> data = pd.DataFrame({"y": [0, 1, 2, 1, 3, 5, 4, 6], "x": [0, 0, 0, 0, 1, 1, 1, 1]})
    >>> table = irr_table(smf.poisson("y ~ x", data).fit(disp=0))
    >>> table[["term", "irr"]].round(3)
            term  irr
    0  Intercept  1.0
    1          x  4.5
    """
    params = pd.Series(result.params)
    ci = pd.DataFrame(result.conf_int(alpha=1 - level))
    table = pd.DataFrame(
        {
            "term": params.index.astype(str),
            "coef": params.to_numpy(dtype=float),
            "std_err": pd.Series(result.bse).to_numpy(dtype=float),
            "irr": np.exp(params.to_numpy(dtype=float)),
            "ci_low": np.exp(ci.iloc[:, 0].to_numpy(dtype=float)),
            "ci_high": np.exp(ci.iloc[:, 1].to_numpy(dtype=float)),
            "p_value": pd.Series(result.pvalues).to_numpy(dtype=float),
        },
        columns=_TABLE_COLUMNS,
    )
    return table[table["term"] != "alpha"].reset_index(drop=True)


def _used_columns(formula: str, columns: pd.Index) -> list[str]:
    """Columns of the data that the formula names (as whole words, not as function names)."""
    used = []
    for column in columns:
        name = str(column)
        if re.search(rf"(?<![\w.]){re.escape(name)}(?![\w.(])", formula):
            used.append(name)
    return used


def _check_missing(data: pd.DataFrame, columns: list[str]) -> None:
    """Raise ValueError naming every column with missing values and how many rows are affected."""
    missing = data[columns].isna()
    per_column = missing.sum()
    per_column = per_column[per_column > 0]
    if len(per_column):
        n_rows = int(missing.any(axis=1).sum())
        detail = ", ".join(f"{name!r} ({int(n)})" for name, n in per_column.items())
        raise ValueError(
            f"{n_rows} of {len(data)} rows have missing values in the model's columns: "
            f"{detail}. Drop or impute them explicitly before fitting."
        )


def _newton_polish(model: Any, start: pd.Series, fit_kwargs: dict[str, Any]) -> Any | None:
    """Refit with Newton's method from ``start``; the result if it converged with finite values."""
    kwargs = {key: value for key, value in fit_kwargs.items() if key != "maxiter"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        result = model.fit(method="newton", start_params=start, maxiter=50, **kwargs)
    finite = np.isfinite(result.params).all() and np.isfinite(result.bse).all()
    return result if result.mle_retvals.get("converged", False) and finite else None


def negative_binomial(
    formula: str,
    data: pd.DataFrame,
    *,
    cluster: str | None = None,
    maxiter: int = 300,
) -> CountModelResult:
    """Fit an NB2 negative binomial regression with estimated dispersion.

    Parameters
    ----------
    formula : str
        A formula such as ``"shares ~ has_image + C(platform)"``; the response must be a
        non-negative count.
    data : DataFrame
        The observations; every column the formula uses must be complete.
    cluster : str, optional
        A column of ``data`` identifying clusters (for example the posting account). Standard
        errors are then cluster-robust, allowing posts in the same cluster to be correlated;
        otherwise they are the usual model-based (non-robust) ones.
    maxiter : int
        Maximum number of optimiser iterations.

    Returns
    -------
    CountModelResult
        The tidy IRR table, the dispersion ``alpha``, and the statsmodels results.

    Raises
    ------
    ValueError
        When a column used by the formula (or the cluster column) has missing values (the
        message says how many rows and which columns) or when ``cluster`` is not a column.
    RuntimeError
        When the optimiser did not converge. (When the default BFGS optimiser stops with a
        precision-loss flag, as it often does with large counts, the fit is first polished with
        a few Newton steps from where it stopped and accepted if those converge.)

    Examples
    --------
    >>> data = pd.DataFrame({"y": [0, 1, 2, None], "x": [0, 1, 0, 1]})
    >>> negative_binomial("y ~ x", data)
    Traceback (most recent call last):
    ...
    ValueError: 1 of 4 rows have missing values in the model's columns: 'y' (1). Drop or \
impute them explicitly before fitting.
    """
    used = _used_columns(formula, data.columns)
    if cluster is not None:
        if cluster not in data.columns:
            raise ValueError(f"cluster column {cluster!r} is not a column of the data")
        if cluster not in used:
            used.append(cluster)
    _check_missing(data, used)

    fit_kwargs: dict[str, Any] = {"disp": 0, "maxiter": maxiter}
    if cluster is not None:
        codes, _ = pd.factorize(data[cluster])
        fit_kwargs.update(cov_type="cluster", cov_kwds={"groups": codes})

    model = smf.negativebinomial(formula, data, missing="raise")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = model.fit(**fit_kwargs)
    not_converged = [w for w in caught if issubclass(w.category, ConvergenceWarning)]
    for w in caught:
        if w not in not_converged:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if not_converged or not result.mle_retvals.get("converged", True):
        # With large counts BFGS often stops at the optimum with a "precision loss" flag. A few
        # Newton steps (exact Hessian) from where it stopped settle whether this is the optimum.
        polished = _newton_polish(model, result.params, fit_kwargs)
        if polished is None:
            reason = str(not_converged[0].message) if not_converged else "converged is False"
            raise RuntimeError(
                f"the negative binomial fit of {formula!r} did not converge within {maxiter} "
                f"iterations ({reason.strip()}); check for predictors that perfectly separate "
                "zero counts, rescale large predictors, or raise maxiter"
            )
        result = polished

    return CountModelResult(
        table=irr_table(result),
        alpha=float(result.params["alpha"]),
        n_obs=int(result.nobs),
        cov_type=str(result.cov_type),
        formula=formula,
        result=result,
    )
