"""Scalogram statistics for 0/1 indicators: is a checklist a staircase.

A set of yes/no indicators is *cumulative* (a Guttman scale) when everyone who has a harder
step also has every easier one. Real data never are perfectly cumulative, so we count how far
they are from it:

- :func:`guttman_reproducibility`: Guttman's coefficient of reproducibility, one minus the
  share of cells that differ from the ideal pattern of each unit's total, beside the minimal
  marginal reproducibility it can never fall far below (its known flaw: popular or rare items
  make it high whatever the order);
- :func:`loevinger_h`: Loevinger's H for the whole scale, for each item and for each pair of
  items (Mokken scaling's coefficients): one minus the observed Guttman errors over those
  expected if the items were independent;
- :func:`bootstrap_h`: a percentile bootstrap interval of H, resampling units;
- :func:`step_order`: the steps ordered from most to least often taken;
- :func:`skipped_steps`: how many units skipped each step on their way to a harder one.

Every function takes a DataFrame of 0/1 integers: one row per unit (an agency, a country-dataset
pair), one column per indicator. No missing values.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "Scalability",
    "bootstrap_h",
    "guttman_reproducibility",
    "loevinger_h",
    "skipped_steps",
    "step_order",
]


def _matrix(items: pd.DataFrame) -> np.ndarray:
    """Return the indicators as a 0/1 integer array, refusing anything else."""
    if items.shape[1] < 2:
        raise ValueError("a scalogram needs at least two indicators")
    values = items.to_numpy()
    if pd.isna(values).any() or not np.isin(values, (0, 1)).all():
        raise ValueError("scalogram indicators must be 0 or 1, with no missing values")
    return values.astype(np.int64)


def step_order(items: pd.DataFrame) -> pd.Series:
    """Count the share of units that took each step, from the most to the least often taken.

    Parameters
    ----------
    items : DataFrame
        0/1 indicators, one column per step.

    Returns
    -------
    Series
        Share of units with a 1, indexed by step, in decreasing order (ties keep column order).

    Examples
    --------
    >>> toy = pd.DataFrame({"b": [1, 0, 0], "a": [1, 1, 0]})
    >>> step_order(toy).round(2).to_dict()
    {'a': 0.67, 'b': 0.33}
    """
    shares = pd.Series(_matrix(items).mean(axis=0), index=items.columns)
    return shares.sort_values(ascending=False, kind="stable")


def guttman_reproducibility(items: pd.DataFrame) -> tuple[float, float]:
    """Guttman's coefficient of reproducibility and the minimal marginal reproducibility.

    Each unit with total ``s`` is compared with the ideal pattern: ones on the ``s`` most
    often taken steps, zeros elsewhere. Reproducibility is one minus the share of cells that
    differ. The minimal marginal reproducibility is the mean over steps of
    ``max(p, 1 - p)``: what predicting every cell by its step's majority would achieve,
    cumulative or not.

    Parameters
    ----------
    items : DataFrame
        0/1 indicators.

    Returns
    -------
    tuple of float
        ``(reproducibility, minimal_marginal_reproducibility)``.

    Examples
    --------
    >>> toy = pd.DataFrame({"a": [1, 1, 1, 0], "b": [1, 1, 0, 1]})
    >>> guttman_reproducibility(toy)  # the last unit has b without a: 2 of 8 cells differ
    (0.75, 0.75)
    """
    values = _matrix(items)
    order = np.argsort(-values.mean(axis=0), kind="stable")
    ranked = values[:, order]
    totals = ranked.sum(axis=1)
    ideal = (np.arange(ranked.shape[1])[None, :] < totals[:, None]).astype(np.int64)
    reproducibility = 1 - float(np.abs(ranked - ideal).mean())
    shares = values.mean(axis=0)
    return reproducibility, float(np.maximum(shares, 1 - shares).mean())


@dataclass(frozen=True)
class Scalability:
    """Loevinger's H of a set of indicators, whole and in parts.

    Attributes
    ----------
    h : float
        The scale's H: one minus observed over expected Guttman errors, summed over pairs.
    item_h : Series
        Each item's H with all the others, indexed by item.
    pair_h : DataFrame
        Each pair's H (symmetric, NaN on the diagonal and where a pair cannot err).
    errors : DataFrame
        Observed Guttman errors of each pair (the harder step taken, the easier not).
    expected : DataFrame
        Errors expected if the two steps were independent, with the same shares.
    """

    h: float
    item_h: pd.Series
    pair_h: pd.DataFrame
    errors: pd.DataFrame
    expected: pd.DataFrame


def _errors(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Observed and expected Guttman errors of every pair (symmetric arrays, zero diagonal)."""
    n = values.shape[0]
    floats = values.astype(float)  # float products use BLAS; integer ones do not
    shares = floats.mean(axis=0)
    both_not = np.rint((1 - floats).T @ floats)  # [i, j]: i not taken, j taken
    easier_first = shares[:, None] > shares[None, :]
    tie = shares[:, None] == shares[None, :]
    index = np.arange(len(shares))
    easier_first |= tie & (index[:, None] < index[None, :])
    observed = np.where(easier_first, both_not, both_not.T).astype(float)
    expected = np.where(
        easier_first,
        n * (1 - shares[:, None]) * shares[None, :],
        n * (1 - shares[None, :]) * shares[:, None],
    )
    np.fill_diagonal(observed, 0.0)
    np.fill_diagonal(expected, 0.0)
    return observed, expected


def loevinger_h(items: pd.DataFrame) -> Scalability:
    """Loevinger's H for the scale, each item and each pair of items.

    For a pair of steps, the easier one being the one more units took, a Guttman error is a
    unit with the harder step and without the easier one. ``H = 1 - F / E``, with ``F`` the
    observed errors and ``E`` those expected if the steps were independent (``n`` times the
    share without the easier step times the share with the harder). It is 1 for a perfect
    staircase and about 0 for unrelated steps; the scale's and each item's H sum ``F`` and
    ``E`` over the pairs first.

    Parameters
    ----------
    items : DataFrame
        0/1 indicators; no step may be taken by every unit or by none (its H is undefined).

    Returns
    -------
    Scalability

    Examples
    --------
    >>> toy = pd.DataFrame({"a": [1, 1, 1, 0], "b": [1, 1, 0, 1]})
    >>> round(loevinger_h(toy).h, 3)  # F = 1, E = 4 * 0.25 * 0.75 = 0.75
    -0.333
    """
    values = _matrix(items)
    shares = values.mean(axis=0)
    constant = items.columns[(shares == 0) | (shares == 1)].tolist()
    if constant:
        raise ValueError(f"every unit or none took {constant}: H is undefined for them")
    observed, expected = _errors(values)
    names = items.columns
    with np.errstate(divide="ignore", invalid="ignore"):
        pair = 1 - observed / expected
    np.fill_diagonal(pair, np.nan)
    return Scalability(
        h=float(1 - observed.sum() / expected.sum()),
        item_h=pd.Series(1 - observed.sum(axis=1) / expected.sum(axis=1), index=names),
        pair_h=pd.DataFrame(pair, index=names, columns=names),
        errors=pd.DataFrame(observed, index=names, columns=names),
        expected=pd.DataFrame(expected, index=names, columns=names),
    )


def _h_of_counts(n: np.ndarray, ones: np.ndarray, joint: np.ndarray) -> np.ndarray:
    """Compute the scale's H from counts (batched): ``n`` units, ``ones``, ``joint`` pairs.

    Uses ``H = sum cov / sum cov_max`` over pairs, which equals ``1 - F / E``.
    """
    shares = ones / n[:, None]
    both = joint / n[:, None, None]
    cov = both - shares[:, :, None] * shares[:, None, :]
    low = np.minimum(shares[:, :, None], shares[:, None, :])
    high = np.maximum(shares[:, :, None], shares[:, None, :])
    cov_max = low * (1 - high)
    k = shares.shape[1]
    upper = np.triu(np.ones((k, k), dtype=bool), 1)
    return cov[:, upper].sum(axis=1) / cov_max[:, upper].sum(axis=1)


def bootstrap_h(
    items: pd.DataFrame, rng: np.random.Generator, *, n_boot: int = 400, level: float = 0.95
) -> tuple[float, float, float]:
    """Loevinger's H with a percentile bootstrap interval, resampling units.

    Parameters
    ----------
    items : DataFrame
        0/1 indicators.
    rng : numpy Generator
        The source of randomness for the resamples.
    n_boot : int
        Number of bootstrap resamples.
    level : float
        Coverage of the interval.

    Returns
    -------
    tuple of float
        ``(h, low, high)``.

    Examples
    --------
    >>> stair = pd.DataFrame({"a": [1, 1, 1, 0] * 10, "b": [1, 1, 0, 0] * 10})
    >>> h, low, high = bootstrap_h(stair, np.random.default_rng(1), n_boot=50)
    >>> round(h, 6), round(low, 6), round(high, 6)
    (1.0, 1.0, 1.0)
    """
    values = _matrix(items).astype(float)
    h = loevinger_h(items).h
    n_units, k = values.shape
    ones = np.empty((n_boot, k))
    joint = np.empty((n_boot, k, k))
    for b in range(n_boot):  # one resample at a time: memory stays at one copy of the data
        weights = np.bincount(rng.integers(0, n_units, n_units), minlength=n_units)
        ones[b] = weights @ values
        joint[b] = values.T @ (values * weights[:, None])
    with np.errstate(divide="ignore", invalid="ignore"):
        draws = _h_of_counts(np.full(n_boot, float(n_units)), ones, joint)
    draws = draws[np.isfinite(draws)]
    tail = (1 - level) / 2
    low, high = np.quantile(draws, [tail, 1 - tail])
    return h, float(low), float(high)


def skipped_steps(items: pd.DataFrame) -> pd.Series:
    """How many units skipped each step: lack it while holding a less often taken one.

    Parameters
    ----------
    items : DataFrame
        0/1 indicators.

    Returns
    -------
    Series
        Units that skipped each step, indexed by step in :func:`step_order`'s order.

    Examples
    --------
    >>> toy = pd.DataFrame({"a": [1, 1, 1, 0], "b": [1, 1, 0, 1], "c": [0, 0, 0, 1]})
    >>> skipped_steps(toy).to_dict()  # the last unit holds b and c without a
    {'a': 1, 'b': 0, 'c': 0}
    """
    order = step_order(items).index
    values = _matrix(items[order])
    # a later (harder) step held: the reversed running maximum, shifted by one
    harder_held = np.maximum.accumulate(values[:, ::-1], axis=1)[:, ::-1]
    harder_held = np.concatenate([harder_held[:, 1:], np.zeros((len(values), 1), int)], axis=1)
    skipped = ((values == 0) & (harder_held == 1)).sum(axis=0)
    return pd.Series(skipped, index=order)
