"""Nonresponse and weights: response rates, raking, post-stratification, weighted shares.

Pure functions, frames in and frames out: who responded (:func:`response_rates`), weights that
bring the respondents back to the frame (:func:`rake`, :func:`poststratify`), shares with
intervals on Kish's effective sample size (:func:`weighted_shares`), their bias against the
frame's truth (:func:`nonresponse_bias`) and the small cells not to publish
(:func:`suppress_small_cells`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from govsocial.schema import DataError
from govsocial.stats import wilson_interval

from .questionnaire import COUPLINGS
from .simulate import SurveyData

__all__ = [
    "nonresponse_bias",
    "poststratify",
    "rake",
    "response_rates",
    "suppress_small_cells",
    "weighted_shares",
]


def response_rates(frame: pd.DataFrame, by: str | Sequence[str]) -> pd.DataFrame:
    """Invitations, responses and the response rate with a Wilson 95% CI, by group.

    The interval is :func:`govsocial.stats.wilson_interval`.

    Parameters
    ----------
    frame : DataFrame
        One row per invitation with a boolean ``responded`` column.
    by : str or sequence of str
        The grouping column(s).

    Returns
    -------
    DataFrame
        One row per group: the group column(s), ``invited``, ``responded``, ``rate``,
        ``ci_low``, ``ci_high``.

    Examples
    --------
    >>> frame = pd.DataFrame({"g": ["a", "a", "b", "b"], "responded": [True, False, True, True]})
    >>> response_rates(frame, "g")["rate"].tolist()
    [0.5, 1.0]
    """
    by = [by] if isinstance(by, str) else list(by)
    table = (
        frame.groupby(by, observed=True)["responded"]
        .agg(invited="size", responded="sum")
        .reset_index()
    )
    table["rate"] = table["responded"] / table["invited"]
    low, high = wilson_interval(table["responded"].to_numpy(), table["invited"].to_numpy())
    table["ci_low"], table["ci_high"] = low, high
    return table


def _check_categories(
    respondents: pd.DataFrame, frame: pd.DataFrame, columns: Sequence[str], what: str
) -> tuple[pd.Series, pd.Series]:
    """Respondents' group labels and the frame's count of each group.

    Every group of the frame must have respondents, and every respondent a group of the frame.
    """

    def label(table: pd.DataFrame) -> pd.Series:
        parts = [table[column].astype(str) for column in columns]
        return functools.reduce(lambda left, right: left + " / " + right, parts)

    mine = label(respondents)
    frame_counts = label(frame).value_counts().sort_index()
    present = set(mine.unique())
    empty = [group for group in frame_counts.index if group not in present]
    if empty:
        raise DataError(
            f"no respondents in {what} {empty[0]!r}: nobody can stand in for it; "
            "merge it with a neighbouring group or weight on coarser groups",
            column=", ".join(columns),
            expected=f"at least one respondent in every {what} of the frame",
            found=f"{len(empty)} empty {what}(s)",
        )
    unknown = sorted(present - set(frame_counts.index))
    if unknown:
        raise DataError(
            f"respondents in {what} {unknown[0]!r}, which the frame does not have",
            column=", ".join(columns),
            expected=f"only {what}s of the frame",
        )
    return mine, frame_counts


def rake(
    respondents: pd.DataFrame,
    frame: pd.DataFrame,
    variables: Sequence[str],
    *,
    max_iter: int = 100,
    tol: float = 1e-10,
) -> pd.Series:
    """Raking weights: respondents weighted so that each variable's margins match the frame.

    Iterative proportional fitting (Deming & Stephan 1940): starting from equal weights, the
    weights are multiplied, one variable at a time, by the frame count of each category over its
    weighted respondent count, until every margin fits.

    Parameters
    ----------
    respondents : DataFrame
        One row per respondent with the ``variables``.
    frame : DataFrame
        One row per invitation with the same ``variables``.
    variables : sequence of str
        Categorical columns whose margins the weights must reproduce.
    max_iter : int
        Most passes over the variables.
    tol : float
        Largest relative difference between a weighted margin and its frame count accepted.

    Returns
    -------
    Series
        One weight per respondent (aligned with ``respondents``), summing to ``len(frame)``.

    Raises
    ------
    DataError
        When a category of the frame has no respondents, or the margins cannot be matched.

    Examples
    --------
    >>> sample = pd.DataFrame({"a": ["x", "x", "y", "y"], "b": ["u", "v", "u", "v"]})
    >>> frame = pd.DataFrame({"a": ["x"] * 60 + ["y"] * 40, "b": ["u"] * 30 + ["v"] * 70})
    >>> rake(sample, frame, ["a", "b"]).round(6).tolist()
    [18.0, 42.0, 12.0, 28.0]
    """
    weights = np.full(len(respondents), len(frame) / len(respondents))
    codes, targets = [], []
    for variable in variables:
        mine, frame_counts = _check_categories(respondents, frame, [variable], "category")
        codes.append(frame_counts.index.get_indexer(mine))
        targets.append(frame_counts.to_numpy(dtype=float))
    for _ in range(max_iter):
        for code, target in zip(codes, targets, strict=True):
            weights *= (target / np.bincount(code, weights, len(target)))[code]
        worst = max(
            np.abs(np.bincount(code, weights, len(target)) / target - 1).max()
            for code, target in zip(codes, targets, strict=True)
        )
        if worst < tol:
            return pd.Series(weights, index=respondents.index, name="weight")
    raise DataError(
        f"raking did not converge in {max_iter} passes",
        column=", ".join(variables),
        expected=f"margins within {tol:g} of the frame",
        found=f"a relative gap of {worst:.2g}",
    )


def poststratify(respondents: pd.DataFrame, frame: pd.DataFrame, cells: Sequence[str]) -> pd.Series:
    """Post-stratification weights: each respondent stands for the invitations of its cell.

    The weight of a respondent in cell ``c`` is ``N_c / n_c``: the frame's count of the cell
    over its respondents.

    Parameters
    ----------
    respondents, frame : DataFrame
        Respondents and invitations, both with the ``cells`` columns.
    cells : sequence of str
        The columns whose combinations form the cells.

    Returns
    -------
    Series
        One weight per respondent, summing to ``len(frame)``.

    Raises
    ------
    DataError
        When a cell of the frame has no respondents (merge cells, or rake on margins).

    Examples
    --------
    >>> sample = pd.DataFrame({"a": ["x", "x", "y"]})
    >>> frame = pd.DataFrame({"a": ["x"] * 4 + ["y"] * 6})
    >>> poststratify(sample, frame, ["a"]).tolist()
    [2.0, 2.0, 6.0]
    """
    mine, frame_counts = _check_categories(respondents, frame, cells, "cell")
    weights = mine.map(frame_counts / mine.value_counts()).astype(float)
    return weights.rename("weight")


def _share_row(values: np.ndarray, weights: np.ndarray) -> dict[str, float]:
    """Weighted share with a Wilson interval on Kish's effective sample size."""
    keep = ~np.isnan(values)
    values, weights = values[keep], weights[keep]
    share = float(np.average(values, weights=weights))
    n_eff = float(weights.sum() ** 2 / (weights**2).sum())
    low, high = wilson_interval(share * n_eff, n_eff)
    return {"share": share, "ci_low": low, "ci_high": high, "n": int(keep.sum()), "n_eff": n_eff}


def weighted_shares(
    respondents: pd.DataFrame,
    outcomes: Sequence[str] = COUPLINGS,
    weights: pd.Series | None = None,
    *,
    by: str | None = None,
) -> pd.DataFrame:
    """Shares of respondents reporting each outcome, weighted or not, with 95% CIs.

    The interval is Wilson's, computed on Kish's effective sample size
    ``(sum w)**2 / sum(w**2)``: unequal weights make a sample worth fewer respondents.

    Parameters
    ----------
    respondents : DataFrame
        One row per respondent with 0/1 ``outcomes``.
    outcomes : sequence of str
        The outcome columns.
    weights : Series, optional
        One weight per respondent; equal weights when omitted.
    by : str, optional
        A grouping column: one share per group and outcome.

    Returns
    -------
    DataFrame
        One row per outcome (and group): ``outcome``, the ``by`` column, ``share``,
        ``ci_low``, ``ci_high``, ``n`` and ``n_eff``.

    Examples
    --------
    >>> toy = pd.DataFrame({"y": [1, 0, 0, 0]})
    >>> weighted_shares(toy, ["y"], pd.Series([3.0, 1, 1, 1]))["share"].item()
    0.5
    """
    w = np.ones(len(respondents)) if weights is None else weights.to_numpy(dtype=float)
    groups = [(None, np.ones(len(respondents), bool))]
    if by is not None:
        groups = [
            (g, (respondents[by] == g).to_numpy())
            for g in pd.unique(respondents[by].astype(object))
        ]
    rows = []
    for outcome in outcomes:
        values = respondents[outcome].to_numpy(dtype=float)
        for group, mask in groups:
            row = {"outcome": outcome} | ({by: group} if by is not None else {})
            rows.append(row | _share_row(values[mask], w[mask]))
    return pd.DataFrame(rows)


def nonresponse_bias(data: SurveyData, weights: Mapping[str, pd.Series]) -> pd.DataFrame:
    """Unweighted and weighted shares of each coupling, against the true shares when known.

    Parameters
    ----------
    data : SurveyData
        A survey. When it is simulated, its ``truth`` holds the couplings of every invitation,
        and the shares are compared with the share among everyone invited.
    weights : mapping of str to Series
        Named weightings of the respondents (``{"raked": rake(...)}``).

    Returns
    -------
    DataFrame
        One row per coupling and estimate (``"unweighted"`` and each weighting): ``coupling``,
        ``estimate``, ``share``, ``ci_low``, ``ci_high``; for simulated data also ``truth`` (the
        share among everyone invited), ``bias`` (share minus truth), ``covered`` and
        ``bias_removed`` (the share of the unweighted bias the weighting removed).
    """
    tables = [weighted_shares(data.responses).assign(estimate="unweighted")]
    tables += [
        weighted_shares(data.responses, weights=w).assign(estimate=name)
        for name, w in weights.items()
    ]
    table = pd.concat(tables, ignore_index=True).rename(columns={"outcome": "coupling"})
    columns = ["coupling", "estimate", "share", "ci_low", "ci_high"]
    if data.truth is None:
        return table[columns]
    table["truth"] = table["coupling"].map(data.truth[list(COUPLINGS)].mean())
    table["bias"] = table["share"] - table["truth"]
    table["covered"] = (table["ci_low"] <= table["truth"]) & (table["truth"] <= table["ci_high"])
    raw = table.loc[table["estimate"] == "unweighted"].set_index("coupling")["bias"]
    table["bias_removed"] = 1 - table["bias"].abs() / table["coupling"].map(raw.abs())
    return table[[*columns, "truth", "bias", "covered", "bias_removed"]]


def suppress_small_cells(
    table: pd.DataFrame, *, count: str = "n", min_count: int = 5
) -> pd.DataFrame:
    """Blank out every figure of a row based on fewer than ``min_count`` respondents.

    In a survey with one manager per city and department, a small group can identify a person:
    publish no figure computed from fewer than ``min_count`` of them.

    Parameters
    ----------
    table : DataFrame
        A table with one row per group and a ``count`` column.
    count : str
        The column holding the number of respondents behind each row.
    min_count : int
        The smallest group whose figures may be shown.

    Returns
    -------
    DataFrame
        A copy in which the numeric columns of small rows (the count included) are missing.

    Examples
    --------
    >>> table = pd.DataFrame({"g": ["a", "b"], "n": [12, 3], "share": [0.5, 1.0]})
    >>> suppress_small_cells(table)["share"].tolist()
    [0.5, nan]
    """
    out = table.copy()
    small = out[count] < min_count
    numeric = out.select_dtypes("number").columns
    for column in numeric:  # integers stay integers, with room for a blank
        kind = "Int64" if pd.api.types.is_integer_dtype(out[column]) else "float64"
        out[column] = out[column].astype(kind)
    out.loc[small, numeric] = np.nan
    return out
