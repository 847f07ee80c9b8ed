"""Statistics every chapter shares, written once: intervals for shares, Holm, bootstraps.

- :func:`wilson_interval`: the Wilson score interval of a share, from statsmodels, for scalars
  or arrays, one convention everywhere (NaN where there are no trials, clipped to [0, 1]);
- :func:`holm_adjust`: Holm's step-down adjustment of a family of p-values;
- :func:`bootstrap_interval`: a percentile bootstrap interval through ``scipy.stats.bootstrap``.

Chapters keep a resampler of their own only where speed at paper scale needs it, and say so in
its docstring.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from scipy import stats as sps
from statsmodels.stats.proportion import proportion_confint

__all__ = ["bootstrap_interval", "holm_adjust", "wilson_interval"]


def wilson_interval(
    successes: float | np.ndarray, trials: float | np.ndarray, level: float = 0.95
) -> tuple[float, float] | tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of a share ``successes / trials``.

    Parameters
    ----------
    successes, trials : float or array
        Counts (weighted counts are allowed); arrays are handled elementwise.
    level : float
        Coverage of the interval.

    Returns
    -------
    tuple
        Lower and upper ends, floats for scalar input and arrays otherwise; NaN where
        ``trials`` is 0, and never outside [0, 1].

    Examples
    --------
    >>> low, high = wilson_interval(8, 10)
    >>> round(low, 3), round(high, 3)
    (0.49, 0.943)
    >>> wilson_interval(0, 0)
    (nan, nan)
    """
    scalar = np.ndim(successes) == 0 and np.ndim(trials) == 0
    count = np.asarray(successes, dtype=float)
    nobs = np.asarray(trials, dtype=float)
    count, nobs = np.broadcast_arrays(count, nobs)
    low = np.full(count.shape, np.nan)
    high = np.full(count.shape, np.nan)
    known = nobs > 0
    if known.any():
        found = proportion_confint(count[known], nobs[known], alpha=1 - level, method="wilson")
        low[known] = np.clip(found[0], 0.0, 1.0)
        high[known] = np.clip(found[1], 0.0, 1.0)
    if scalar:
        return float(low), float(high)
    return low, high


def holm_adjust(p_values: Sequence[float] | np.ndarray) -> np.ndarray:
    """Holm-adjusted p-values of a family of tests (NaN stay NaN and do not count).

    The smallest p-value is multiplied by the number of tests ``m``, the next by ``m - 1``, and
    so on; each adjusted value is at least the one before it, and at most 1 (Holm 1979). This is
    ``statsmodels.stats.multitest.multipletests(p, method="holm")[1]`` (the tests check that they
    agree), written out because that function runs a full garbage collection on every call,
    which made it the slowest step of the many-world checks.

    Examples
    --------
    >>> holm_adjust([0.01, 0.04, 0.03]).round(2).tolist()
    [0.03, 0.06, 0.06]
    >>> holm_adjust([0.01, float("nan")]).tolist()
    [0.01, nan]
    """
    p = np.asarray(p_values, dtype=float)
    adjusted = np.full(p.shape, np.nan)
    known = np.flatnonzero(np.isfinite(p))
    order = known[np.argsort(p[known], kind="stable")]
    m = len(order)
    stepped = np.maximum.accumulate(p[order] * (m - np.arange(m))) if m else p[order]
    adjusted[order] = np.minimum(stepped, 1.0)
    return adjusted


def bootstrap_interval(
    data: Sequence[np.ndarray],
    statistic: Callable[..., np.ndarray],
    *,
    n_boot: int = 2000,
    level: float = 0.95,
    rng: np.random.Generator | int | None = 0,
    paired: bool = True,
) -> tuple[float, float]:
    """Percentile bootstrap interval of ``statistic`` (``scipy.stats.bootstrap``).

    Parameters
    ----------
    data : sequence of arrays
        The samples; with ``paired=True`` (several arrays of one length) rows are resampled
        together, e.g. each numerator with its denominator.
    statistic : callable
        ``statistic(*samples, axis=-1)``, vectorised over ``axis`` (``np.mean``, ``np.median``,
        or a function of its own such as a ratio of sums).
    n_boot : int
        Number of resamples.
    level : float
        Coverage of the interval.
    rng : Generator or int or None
        Seed or generator of the resamples.
    paired : bool
        Resample the arrays' rows together. Unpaired samples are resampled each on its own, and
        each needs at least two values unless every sample is constant (scipy's rule).

    Returns
    -------
    tuple of float
        Lower and upper ends; NaN when there is nothing to resample.

    Examples
    --------
    >>> low, high = bootstrap_interval([np.array([1.0, 2.0, 3.0, 4.0])], np.mean, rng=1)
    >>> 1.0 <= low <= 2.5 <= high <= 4.0
    True
    """
    samples = [np.asarray(sample, dtype=float) for sample in data]
    if not samples or any(len(sample) == 0 for sample in samples):
        return float("nan"), float("nan")
    if all(np.ptp(sample) == 0 for sample in samples):
        value = float(statistic(*samples, axis=-1))  # every resample is the sample itself
        return value, value
    result = sps.bootstrap(
        tuple(samples),
        statistic,
        n_resamples=n_boot,
        confidence_level=level,
        method="percentile",
        paired=paired and len(samples) > 1,
        vectorized=True,
        random_state=np.random.default_rng(rng),
    )
    return float(result.confidence_interval.low), float(result.confidence_interval.high)
