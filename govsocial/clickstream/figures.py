"""The chapter's figures: Lorenz curves, reach curves, large heatmaps, the card-sort tree."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter
from scipy.cluster import hierarchy

from govsocial import plots

from .cardsort import CardClusters

__all__ = [
    "dendrogram_figure",
    "lorenz_figure",
    "matrix_heatmap",
    "reach_figure",
]


def lorenz_figure(curves: Mapping[str, pd.DataFrame]) -> Figure:
    """Lorenz curves of traffic, one line per named curve, with the line of equality.

    Parameters
    ----------
    curves : mapping of str to DataFrame
        ``Utilisation.lorenz`` tables, by label.

    Examples
    --------
    >>> from govsocial.clickstream import utilisation
    >>> fig = lorenz_figure({"toy": utilisation(pd.Series([1, 2, 7])).lorenz})
    >>> len(fig.axes[0].lines)
    2
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(5.6, 4.6))
    ax.plot([0, 1], [0, 1], color="0.25", linestyle="--", linewidth=1, label="equal traffic")
    for colour, (label, curve) in zip(plots.PALETTE, curves.items(), strict=False):
        ax.plot(curve["share_of_items"], curve["share_of_traffic"], color=colour,
                linewidth=2, label=label)
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("Share of items, least used first (%)")
    ax.set_ylabel("Share of traffic (%)")
    ax.legend(loc="upper left")
    return fig


def reach_figure(curves: Mapping[str, pd.DataFrame], shortest: int | None = 2) -> Figure:
    """Share of home-portal sessions at a service within k clicks, one line per curve.

    Parameters
    ----------
    curves : mapping of str to DataFrame
        ``Wayfinding.reach`` tables, by label.
    shortest : int, optional
        Where to draw the menu's depth (clicks from home to a service through a menu).

    Examples
    --------
    >>> reach = pd.DataFrame({"steps": [1, 2, 3], "reached": [0.2, 0.7, 0.8]})
    >>> fig = reach_figure({"toy": reach})
    >>> fig.axes[0].get_xlabel()
    'Clicks from the home portal (k)'
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots()
    if shortest is not None:
        ax.axvline(shortest, color="0.25", linestyle="--", linewidth=1)
        ax.annotate("menu depth", (shortest, 0.03), xytext=(4, 0),
                    textcoords="offset points", color="0.25")
    markers = ["o", "s", "^", "D"]
    for number, (label, curve) in enumerate(curves.items()):
        ax.step(curve["steps"], curve["reached"], where="post", linewidth=2,
                color=plots.PALETTE[(3 + number) % len(plots.PALETTE)]
                if number == 0 else plots.PALETTE[(number - 1) % len(plots.PALETTE)],
                marker=markers[number % len(markers)], markersize=4, label=label)
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.set_xticks(curves[next(iter(curves))]["steps"])
    ax.set_xlabel("Clicks from the home portal (k)")
    ax.set_ylabel("Sessions at a service within k (%)")
    ax.legend(loc="lower right")
    return fig


def matrix_heatmap(
    table: pd.DataFrame,
    *,
    xlabel: str,
    ylabel: str,
    colorbar_label: str,
    percent: bool = True,
    size: tuple[float, float] | None = None,
) -> Figure:
    """Draw a large matrix as a heatmap, without cell annotations.

    For matrices too large to print a number in every cell (page-to-page transitions of 17
    or more pages, card co-occurrence); small ones read better with
    :func:`govsocial.plots.share_heatmap`.

    Examples
    --------
    >>> fig = matrix_heatmap(pd.DataFrame([[0.5, 0.5], [1, 0]], index=list("ab"),
    ...                      columns=list("ab")), xlabel="To", ylabel="From",
    ...                      colorbar_label="Share (%)")
    >>> fig.axes[0].get_xlabel()
    'To'
    >>> plt.close(fig)
    """
    rows, columns = table.shape
    width, height = size or (2.8 + 0.26 * columns, 1.6 + 0.26 * rows)
    fig, ax = plt.subplots(figsize=(width, height))
    sns.heatmap(
        table.astype(float), cmap=plots.SEQUENTIAL, vmin=0.0, vmax=1.0 if percent else None,
        linewidths=0.3, linecolor="white", square=True, cbar_kws={"label": colorbar_label,
                                                                  "shrink": 0.7},
        xticklabels=True, yticklabels=True, ax=ax,
    )
    if percent:
        ax.collections[0].colorbar.ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.tick_params(axis="x", rotation=90, labelsize=9)
    ax.tick_params(axis="y", rotation=0, labelsize=9)
    return fig


def dendrogram_figure(clusters: CardClusters) -> Figure:
    """Draw the card-sort dendrogram, cards on the left, ``clusters.n_groups`` colours.

    Examples
    --------
    >>> co = pd.DataFrame([[1, .9, .1], [.9, 1, .2], [.1, .2, 1]],
    ...                   index=list("abc"), columns=list("abc"))
    >>> from govsocial.clickstream import cluster_cards
    >>> fig = dendrogram_figure(cluster_cards(co, 2))
    >>> fig.axes[0].get_xlabel()
    'Distance: 1 - share of participants grouping the cards together'
    >>> plt.close(fig)
    """
    n = len(clusters.labels)
    fig, ax = plt.subplots(figsize=(6.4, 1.0 + 0.24 * n))
    k = clusters.n_groups
    heights = clusters.linkage[:, 2]
    threshold = (heights[-k] + heights[-k + 1]) / 2 if 1 < k <= len(heights) else 0
    hierarchy.set_link_color_palette([c for c in plots.PALETTE[:6]])
    hierarchy.dendrogram(
        clusters.linkage,
        labels=clusters.labels.index.tolist(),
        orientation="right",
        color_threshold=threshold,
        above_threshold_color="0.35",
        leaf_font_size=10,
        ax=ax,
    )
    hierarchy.set_link_color_palette(None)
    ax.set_xlabel("Distance: 1 - share of participants grouping the cards together")
    ax.set_ylabel("Service card")
    ax.grid(axis="y", visible=False)
    return fig
