"""Measurement: scales built from Likert items, and their reliability (Cronbach's alpha).

Pure functions, frames in and frames out: :func:`cronbach_alpha`, :func:`item_analysis`,
:func:`reliability_table`, :func:`drop_weak_items` and :func:`build_scales`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .questionnaire import SCALES

__all__ = [
    "build_scales",
    "cronbach_alpha",
    "drop_weak_items",
    "item_analysis",
    "reliability_table",
]


def cronbach_alpha(items: pd.DataFrame) -> float:
    r"""Cronbach's alpha of a set of items, on the respondents who answered them all.

    :math:`\alpha = \frac{k}{k-1}\left(1 - \frac{\sum_i s_i^2}{s_T^2}\right)`, with ``k`` items,
    item variances :math:`s_i^2` and the variance :math:`s_T^2` of their sum (sample variances).

    Parameters
    ----------
    items : DataFrame
        One column per item, one row per respondent; rows with a missing answer are left out.

    Returns
    -------
    float
        Alpha: 1 when the items move together perfectly, 0 (or below) when they are unrelated.

    Examples
    --------
    >>> round(cronbach_alpha(pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 4, 4]})), 3)
    0.941
    """
    complete = items.dropna().astype(float)
    k = complete.shape[1]
    if k < 2 or len(complete) < 2:
        raise ValueError("alpha needs at least two items and two complete rows")
    total = complete.sum(axis=1).var(ddof=1)
    if total == 0:
        raise ValueError("alpha is undefined: every respondent gave the same total")
    return float(k / (k - 1) * (1 - complete.var(ddof=1).sum() / total))


def item_analysis(items: pd.DataFrame) -> pd.DataFrame:
    """How well each item fits its scale.

    Parameters
    ----------
    items : DataFrame
        The items of one scale (one column each), rows with missing answers left out.

    Returns
    -------
    DataFrame
        One row per item: ``item``, ``item_rest_r`` (correlation of the item with the sum of
        the *other* items, the corrected item-total correlation) and ``alpha_if_deleted``.

    Examples
    --------
    >>> toy = pd.DataFrame({"a": [1, 2, 3, 4], "b": [1, 3, 3, 4], "c": [4, 1, 3, 2]})
    >>> item_analysis(toy).round(2)["item_rest_r"].tolist()
    [0.67, 0.19, -0.57]
    """
    complete = items.dropna().astype(float)
    if len(complete) < 2:
        raise ValueError("item analysis needs at least two complete rows")
    # everything follows from the items' covariance matrix (sample covariances)
    cov = np.atleast_2d(np.cov(complete.to_numpy(), rowvar=False, ddof=1))
    rows = []
    for position, item in enumerate(complete.columns):
        others = np.arange(len(complete.columns)) != position
        rest = cov[np.ix_(others, others)]
        with np.errstate(divide="ignore", invalid="ignore"):
            r = cov[position, others].sum() / np.sqrt(cov[position, position] * rest.sum())
        alpha = np.nan
        if rest.shape[0] >= 2:
            if rest.sum() == 0:
                raise ValueError("alpha is undefined: every respondent gave the same total")
            k = rest.shape[0]
            alpha = float(k / (k - 1) * (1 - np.trace(rest) / rest.sum()))
        rows.append({"item": item, "item_rest_r": float(r), "alpha_if_deleted": alpha})
    return pd.DataFrame(rows)


def _weakest(items: pd.DataFrame) -> tuple[str, float]:
    """Find the item with the lowest item-rest correlation, and that correlation."""
    analysis = item_analysis(items).set_index("item")["item_rest_r"]
    return str(analysis.idxmin()), float(analysis.min())


def _verdict(alpha: float, threshold: float) -> str:
    if alpha >= 0.8:
        return "good"
    if alpha >= threshold:
        return "acceptable"
    return "too unreliable to use"


def reliability_table(
    responses: pd.DataFrame,
    scales: Mapping[str, Sequence[str]] = SCALES,
    *,
    threshold: float = 0.7,
) -> pd.DataFrame:
    """Cronbach's alpha of every scale, with a verdict on whether it can be used.

    Parameters
    ----------
    responses : DataFrame
        One row per respondent with the item columns.
    scales : mapping of str to sequence of str
        The items of each scale.
    threshold : float
        The smallest alpha accepted (0.7 is a common rule of thumb; 0.8 or more is good).

    Returns
    -------
    DataFrame
        One row per scale: ``scale``, ``items`` (how many), ``n`` (complete answers), ``alpha``,
        ``weakest`` (the item with the lowest item-rest correlation) and that correlation,
        ``weakest_r``, ``verdict`` and ``usable``.
    """
    rows = []
    for scale, names in scales.items():
        items = responses[list(names)]
        weakest, weakest_r = _weakest(items)
        alpha = cronbach_alpha(items)
        rows.append(
            {
                "scale": scale,
                "items": len(names),
                "n": int(items.notna().all(axis=1).sum()),
                "alpha": alpha,
                "weakest": weakest,
                "weakest_r": weakest_r,
                "verdict": _verdict(alpha, threshold),
                "usable": bool(alpha >= threshold),
            }
        )
    return pd.DataFrame(rows)


def drop_weak_items(
    responses: pd.DataFrame,
    scales: Mapping[str, Sequence[str]] = SCALES,
    *,
    min_item_rest: float = 0.3,
) -> dict[str, tuple[str, ...]]:
    """Drop the items that do not measure what the rest of their scale measures.

    An item whose corrected item-total correlation is below ``min_item_rest`` is dropped, one
    item at a time (the weakest first) and never below two items per scale.

    Parameters
    ----------
    responses : DataFrame
        One row per respondent with the item columns.
    scales : mapping of str to sequence of str
        The items of each scale, as drafted.
    min_item_rest : float
        The smallest item-rest correlation kept (0.3 is a common rule of thumb).

    Returns
    -------
    dict of str to tuple of str
        The items kept in each scale.

    Examples
    --------
    >>> toy = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [1, 2, 4, 4, 5], "c": [3, 1, 5, 1, 3]})
    >>> drop_weak_items(toy, {"s": ["a", "b", "c"]})
    {'s': ('a', 'b')}
    """
    kept = {}
    for scale, names in scales.items():
        names = list(names)
        while len(names) > 2:
            weakest, weakest_r = _weakest(responses[names])
            if weakest_r >= min_item_rest:
                break
            names.remove(weakest)
        kept[scale] = tuple(names)
    return kept


def build_scales(
    responses: pd.DataFrame,
    scales: Mapping[str, Sequence[str]] = SCALES,
    *,
    standardize: bool = True,
) -> pd.DataFrame:
    """One score per scale and respondent: the mean of the items the respondent answered.

    A respondent who skipped more than one item of a scale gets no score on it (missing).

    Parameters
    ----------
    responses : DataFrame
        One row per respondent with the item columns.
    scales : mapping of str to sequence of str
        The items of each scale (drop an unreliable item by leaving it out).
    standardize : bool
        Turn each score into standard deviations from the respondents' mean, so that a model's
        coefficient is the effect of one standard deviation.

    Returns
    -------
    DataFrame
        One column per scale, aligned with ``responses``.

    Examples
    --------
    >>> toy = pd.DataFrame({"a": [1, 5, None], "b": [3, 5, 4], "c": [2, None, None]})
    >>> build_scales(toy, {"s": ["a", "b", "c"]}, standardize=False)["s"].tolist()
    [2.0, 5.0, nan]
    """
    scores = {}
    for scale, names in scales.items():
        items = responses[list(names)].astype(float)
        score = items.mean(axis=1).where(items.isna().sum(axis=1) <= 1)
        if standardize:
            score = (score - score.mean()) / score.std(ddof=1)
        scores[scale] = score
    return pd.DataFrame(scores, index=responses.index)
