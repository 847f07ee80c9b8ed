"""The chapter's figures, drawn with the book's theme (:mod:`govsocial.plots`)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator, NullLocator

__all__ = ["interval_figure", "salience_scatter"]


def _log_ticks(low: float, high: float) -> list[float]:
    """Round ticks (1, 2, 5 times a power of ten) covering ``[low, high]`` on a log axis.

    Examples
    --------
    >>> _log_ticks(1.5, 130)
    [2.0, 5.0, 10.0, 20.0, 50.0, 100.0]
    >>> _log_ticks(1600, 36000)
    [2000.0, 5000.0, 10000.0, 20000.0]
    """
    first, last = int(np.floor(np.log10(low))), int(np.ceil(np.log10(high)))
    ticks = [
        float(m * 10.0**e)
        for e in range(first, last + 1)
        for m in (1, 2, 5)
        if low <= m * 10.0**e <= high
    ]
    return ticks or [float(10.0**first)]


def salience_scatter(features: pd.DataFrame) -> Figure:
    """Plot each account's followers against its news mentions, both on log scales.

    Parameters
    ----------
    features : DataFrame
        Columns ``news_mentions_per_month`` and ``followers``, one row per account.

    Returns
    -------
    Figure
        One axes; accounts with no news mentions are drawn at the left edge (log2 of
        mentions + 1 is what the model uses).

    Examples
    --------
    >>> frame = pd.DataFrame({"news_mentions_per_month": [1.0, 10.0], "followers": [50, 900]})
    >>> fig = salience_scatter(frame)
    >>> fig.axes[0].get_xscale(), fig.axes[0].get_yscale()
    ('log', 'log')
    >>> plt.close(fig)
    """
    from govsocial.plots import PALETTE

    fig, ax = plt.subplots()
    ax.scatter(
        features["news_mentions_per_month"].astype(float) + 1,
        features["followers"].astype(float) + 1,
        color=PALETTE[3],
        alpha=0.8,
        edgecolor="white",
        linewidth=0.5,
    )
    ax.set_xscale("log")
    ax.set_yscale("log")
    plain = FuncFormatter(lambda value, _: f"{value:,.0f}" if value >= 1 else f"{value:g}")
    for axis, values in (
        (ax.xaxis, features["news_mentions_per_month"]),
        (ax.yaxis, features["followers"]),
    ):
        limits = (float(values.min()) + 1, float(values.max()) + 1)
        axis.set_major_locator(FixedLocator(_log_ticks(*limits)))
        axis.set_major_formatter(plain)
        axis.set_minor_locator(NullLocator())
    ax.set_xlabel("News mentions per month + 1 (log scale)")
    ax.set_ylabel("Followers (log scale)")
    return fig


def interval_figure(runs: pd.DataFrame) -> Figure:
    """Draw the confidence intervals of many simulated worlds, one panel per effect.

    Parameters
    ----------
    runs : DataFrame
        Rows of :func:`falsification` (or several :func:`recovery_table` rows with a ``seed``):
        ``effect``, ``estimate``, ``ci_low``, ``ci_high``, ``planted_irr``, ``covered``.

    Returns
    -------
    Figure
        One panel per effect, two per row (each named under its linear IRR axis; no titles),
        with a dashed line at the planted value; an interval is blue when it holds the planted
        value and vermillion (with a cross) when it misses it.

    Examples
    --------
    >>> runs = pd.DataFrame({"effect": ["a", "a"], "estimate": [1.0, 1.3],
    ...     "ci_low": [0.9, 1.1], "ci_high": [1.1, 1.5], "planted_irr": [1.0, 1.0],
    ...     "covered": [True, False]})
    >>> fig = interval_figure(runs)
    >>> len(fig.axes)
    1
    >>> plt.close(fig)
    """
    from govsocial.plots import PALETTE

    effects = list(dict.fromkeys(runs["effect"]))
    n_cols = min(2, len(effects))
    n_rows = -(-len(effects) // n_cols)
    fig, axes = plt.subplots(
        n_rows, n_cols, figsize=(3.4 * n_cols + 0.6, 3.3 * n_rows), sharey=True, squeeze=False
    )
    for ax in axes.ravel()[len(effects) :]:
        ax.set_visible(False)
    for ax, effect in zip(axes.ravel(), effects, strict=False):
        rows = runs[runs["effect"] == effect].reset_index(drop=True)
        position = np.arange(len(rows))[::-1]
        for covered, colour, marker in ((True, PALETTE[3], "o"), (False, PALETTE[4], "X")):
            pick = (rows["covered"] == covered).to_numpy()
            if not pick.any():
                continue
            estimate = rows.loc[pick, "estimate"].to_numpy(dtype=float)
            ax.errorbar(
                estimate,
                position[pick],
                xerr=np.vstack(
                    [
                        estimate - rows.loc[pick, "ci_low"].to_numpy(dtype=float),
                        rows.loc[pick, "ci_high"].to_numpy(dtype=float) - estimate,
                    ]
                ),
                fmt=marker,
                color=colour,
                markersize=4,
                elinewidth=1.2,
                linestyle="none",
            )
        ax.axvline(float(rows["planted_irr"].iloc[0]), color="0.25", linestyle="--", linewidth=1)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
        ax.set_xlabel(f"{effect}\nIRR (95% CI)", fontsize=10)
        ax.grid(axis="y", visible=False)
        ax.set_yticks([])
    for row in axes:
        row[0].set_ylabel("Simulated world (one row each)")
    return fig
