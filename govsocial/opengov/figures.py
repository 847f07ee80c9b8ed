"""Figures of the open-government chapter, drawn with the book's theme.

- :func:`pair_h_figure`: the item-pair H as an annotated heatmap;
- :func:`steps_figure`: the share of units holding each step, with Wilson intervals;
- :func:`ranks_figure`: countries' ranks with bootstrap intervals;
- :func:`themes_figure`: the share of pages mentioning each theme, per period.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from govsocial import plots
from govsocial.stats import wilson_interval

from .scalogram import loevinger_h, step_order

__all__ = ["pair_h_figure", "ranks_figure", "steps_figure", "themes_figure"]


def pair_h_figure(items: pd.DataFrame) -> Figure:
    """Heatmap of each pair's H, steps in order of popularity.

    Examples
    --------
    >>> toy = pd.DataFrame({"a": [1, 1, 1, 0], "b": [1, 1, 0, 0], "c": [1, 0, 0, 0]})
    >>> fig = pair_h_figure(toy); plt.close(fig)
    """
    order = step_order(items).index
    pair = loevinger_h(items[order]).pair_h
    fig, ax = plt.subplots(figsize=(6.5, 5.2))
    image = ax.imshow(pair.to_numpy(float), cmap=plots.SEQUENTIAL, vmin=-0.2, vmax=1.0)
    ax.set_xticks(range(len(order)), order, rotation=45, ha="right")
    ax.set_yticks(range(len(order)), order)
    for (i, j), value in np.ndenumerate(pair.to_numpy(float)):
        if np.isfinite(value):
            ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=7,
                    color="white" if value < 0.5 else "black")
    ax.set_xlabel("step (most often held on the left)")
    ax.set_ylabel("step (most often held at the top)")
    ax.grid(False)
    fig.colorbar(image, ax=ax, label="item-pair H (1 = no Guttman errors)")
    return fig


def steps_figure(items: pd.DataFrame, *, unit: str = "agencies") -> Figure:
    """Dot plot of the share of units holding each step, with 95% Wilson intervals.

    Examples
    --------
    >>> toy = pd.DataFrame({"a": [1, 1, 1, 0], "b": [1, 1, 0, 0]})
    >>> fig = steps_figure(toy); plt.close(fig)
    """
    shares = step_order(items)
    n = len(items)
    fig, ax = plt.subplots(figsize=(6.5, 0.35 * len(shares) + 1.2))
    for position, share in enumerate(shares.to_numpy()):
        low, high = wilson_interval(int(round(share * n)), n)
        ax.plot([low, high], [position, position], color=plots.PALETTE[3], lw=2)
        ax.plot(share, position, "o", color=plots.PALETTE[3])
    ax.set_yticks(range(len(shares)), shares.index)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
    ax.set_xlabel(f"share of {unit} holding the step (%, 95% interval)")
    ax.set_ylabel("step")
    return fig


def ranks_figure(ranks: pd.DataFrame, countries: list[str]) -> Figure:
    """Rank of each named country (by ISO2) with its bootstrap interval.

    Examples
    --------
    >>> toy = pd.DataFrame({"ISO2": ["A"], "Country": ["a"], "rank": [1], "rank_low": [1.0],
    ...     "rank_high": [2.0]})
    >>> fig = ranks_figure(toy, ["A"]); plt.close(fig)
    """
    shown = ranks[ranks["ISO2"].isin(countries)].sort_values("rank")
    fig, ax = plt.subplots(figsize=(6.5, 0.45 * len(shown) + 1.2))
    for position, row in enumerate(shown.itertuples(index=False)):
        ax.plot([row.rank_low, row.rank_high], [position, position], color=plots.PALETTE[3], lw=2)
        ax.plot(row.rank, position, "o", color=plots.PALETTE[3])
    ax.set_yticks(range(len(shown)), shown["Country"])
    ax.invert_yaxis()
    ax.set_xlabel(f"rank among {len(ranks)} countries by mean checklist score (1 = most open)")
    ax.set_ylabel("country")
    return fig


def themes_figure(
    shares: pd.DataFrame,
    ylabel: str = "pages mentioning the theme (%, 95% interval)",
    xlabel: str = "year the page was posted (pages)",
) -> Figure:
    """Small multiples: for each theme, the share of pages mentioning it per period.

    Parameters
    ----------
    shares : DataFrame
        From :func:`govsocial.opengov.corpus.theme_shares`.
    ylabel : str
        The vertical axis' label (what a share counts, with its unit).
    xlabel : str
        The horizontal axis' label (what the groups are; their counts are shown under them).

    Examples
    --------
    >>> toy = pd.DataFrame({"theme": ["a", "a"], "period": ["2013", "2014"], "pages": [5, 9],
    ...     "share": [0.2, 0.4], "low": [0.04, 0.15], "high": [0.6, 0.7]})
    >>> fig = themes_figure(toy); plt.close(fig)
    """
    themes = list(dict.fromkeys(shares["theme"]))
    columns = 2 if len(themes) > 1 else 1
    rows = -(-len(themes) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(6.5, 1.9 * rows + 0.6), sharex=True,
                             sharey=True, squeeze=False)
    periods = list(dict.fromkeys(shares.sort_values("period")["period"]))
    for ax, theme in zip(axes.flat, themes, strict=False):
        part = shares[shares["theme"] == theme].set_index("period").loc[periods]
        x = np.arange(len(periods))
        ax.fill_between(x, part["low"], part["high"], color=plots.PALETTE[3], alpha=0.25, lw=0)
        ax.plot(x, part["share"], "o-", color=plots.PALETTE[3])
        ax.set_title(theme, fontsize=9)
        ax.set_ylim(0, 1)
        ax.yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
    for ax in axes.flat[len(themes):]:
        ax.set_visible(False)
    counts = shares.drop_duplicates("period").set_index("period")["pages"]
    labels = [f"{p}\n(n={counts[p]})" for p in periods]
    for ax in axes[-1]:
        ax.set_xticks(range(len(periods)), labels, fontsize=7)
        ax.set_xlabel(xlabel)
    fig.supylabel(ylabel, fontsize=10)
    if len(themes) % columns:  # the empty last panel: label the x axis above it
        above = axes[-2, -1]
        above.xaxis.set_tick_params(labelbottom=True)
        above.set_xticks(range(len(periods)), labels, fontsize=7)
        above.set_xlabel(xlabel)
    return fig
