"""City means and medians of agency-level measures, and differences between cities.

:func:`city_estimates` and :func:`city_contrast` give bootstrap intervals, agencies resampled
within each city; the lead agencies are left out.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from govsocial.stats import bootstrap_interval

__all__ = [
    "city_contrast",
    "city_estimates",
]

_STATISTICS = {"mean": np.mean, "median": np.median}


def city_estimates(
    agencies: pd.DataFrame,
    value: str,
    *,
    statistic: Literal["mean", "median"] = "mean",
    seed: int = 0,
    n_boot: int = 2000,
    level: float = 0.95,
) -> pd.DataFrame:
    """Mean (or median) of an agency-level measure per city, with a bootstrap interval.

    The lead agencies are left out (the measures compare the other agencies with the lead).
    Agencies are resampled with replacement within each city (percentile interval,
    :func:`govsocial.stats.bootstrap_interval`).

    Parameters
    ----------
    agencies : DataFrame
        From :func:`agency_summary`: ``city``, ``lead`` and the ``value`` column.
    value : str
        The measure, e.g. ``"lag_days"`` or ``"echo_share"``.
    statistic : {"mean", "median"}
        The median resists a single misdated agency.
    seed, n_boot, level : int, int, float
        Seed, number of resamples and coverage of the interval.

    Returns
    -------
    DataFrame
        ``city``, ``agencies`` (with a value), ``estimate``, ``ci_low``, ``ci_high``.

    Examples
    --------
    >>> agencies = pd.DataFrame({"city": "X", "lead": False, "lag": [1.0, 1.0, 1.0]})
    >>> city_estimates(agencies, "lag")[["estimate", "ci_low", "ci_high"]].values.tolist()
    [[1.0, 1.0, 1.0]]
    """
    rng = np.random.default_rng(seed)  # one stream, city after city
    rows = []
    others = agencies[~agencies["lead"].astype(bool)]
    for city, group in others.groupby("city", sort=True):
        values = group[value].dropna().to_numpy(dtype=float)
        if len(values) == 0:
            rows.append(
                {
                    "city": city,
                    "agencies": 0,
                    "estimate": np.nan,
                    "ci_low": np.nan,
                    "ci_high": np.nan,
                }
            )
            continue
        low, high = bootstrap_interval(
            [values], _STATISTICS[statistic], n_boot=n_boot, level=level, rng=rng
        )
        rows.append(
            {
                "city": city,
                "agencies": len(values),
                "estimate": float(_STATISTICS[statistic](values)),
                "ci_low": low,
                "ci_high": high,
            }
        )
    return pd.DataFrame(rows)


def city_contrast(
    agencies: pd.DataFrame,
    value: str,
    city: str,
    baseline: str,
    *,
    statistic: Literal["mean", "median"] = "mean",
    seed: int = 0,
    n_boot: int = 2000,
    level: float = 0.95,
) -> pd.Series:
    """Difference of an agency-level mean (or median) between two cities, bootstrapped.

    Parameters
    ----------
    agencies : DataFrame
        From :func:`agency_summary`.
    value : str
        The measure.
    city, baseline : str
        The difference is ``city`` minus ``baseline``.
    statistic : {"mean", "median"}
        What is compared.
    seed, n_boot, level : int, int, float
        Seed, resamples (agencies resampled within each city, independently: a percentile
        interval from :func:`govsocial.stats.bootstrap_interval`) and coverage.

    Returns
    -------
    Series
        ``difference``, ``ci_low``, ``ci_high`` and ``covers_zero``.

    Examples
    --------
    >>> agencies = pd.DataFrame({"city": ["X", "X", "Y", "Y"], "lead": False,
    ...                          "lag": [5.0, 5.0, 1.0, 1.0]})
    >>> float(city_contrast(agencies, "lag", "X", "Y")["difference"])
    4.0
    """
    others = agencies[~agencies["lead"].astype(bool)]
    first = others.loc[others["city"] == city, value].dropna().to_numpy(dtype=float)
    second = others.loc[others["city"] == baseline, value].dropna().to_numpy(dtype=float)
    if len(first) == 0 or len(second) == 0:
        return pd.Series(
            {"difference": np.nan, "ci_low": np.nan, "ci_high": np.nan, "covers_zero": True}
        )
    centre = _STATISTICS[statistic]
    difference = float(centre(first) - centre(second))
    # A city with one agency resamples to itself: only the other city's agencies are resampled.
    resampled = [sample for sample in (first, second) if len(sample) > 1]

    def statistic_of(*samples: np.ndarray, axis: int = -1) -> np.ndarray:
        found = iter(samples)
        a = centre(next(found), axis=axis) if len(first) > 1 else first[0]
        b = centre(next(found), axis=axis) if len(second) > 1 else second[0]
        return a - b

    low, high = difference, difference
    if resampled:
        low, high = bootstrap_interval(
            resampled, statistic_of, n_boot=n_boot, level=level, rng=seed, paired=False
        )
    return pd.Series(
        {
            "difference": difference,
            "ci_low": low,
            "ci_high": high,
            "covers_zero": bool(low <= 0 <= high),
        }
    )
