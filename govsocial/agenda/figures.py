"""The chapter's own figures, drawn with the book's theme (:mod:`govsocial.plots`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure


def agenda_scatter(shares: pd.DataFrame) -> Figure:
    """Plot each topic's share of police posts against its share of followers' comments.

    Parameters
    ----------
    shares : DataFrame
        Columns ``topic``, ``police`` and ``public`` (shares in [0, 1]).

    Returns
    -------
    Figure
        One labelled point per topic and a dashed diagonal: on it, the public gives a topic
        the share of attention the police give it.

    Examples
    --------
    >>> shares = pd.DataFrame({"topic": ["crime", "safety tips"], "police": [0.6, 0.4],
    ...                        "public": [0.7, 0.3]})
    >>> fig = agenda_scatter(shares)
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['crime', 'safety tips']
    >>> plt.close(fig)
    """
    from matplotlib.ticker import PercentFormatter

    from govsocial.plots import PALETTE

    fig, ax = plt.subplots(figsize=(6.4, 5.2))
    top = float(max(shares["police"].max(), shares["public"].max())) * 1.15
    ax.plot([0, top], [0, top], linestyle="--", color="0.25", linewidth=1, zorder=1)
    ax.scatter(shares["police"], shares["public"], s=45, color=PALETTE[3], zorder=2)
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_aspect("equal")
    _place_labels(ax, shares["topic"].astype(str), shares["police"], shares["public"])
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    ax.set_xlabel("Share of police posts (%)")
    ax.set_ylabel("Share of followers' comments (%)")
    return fig


def _place_labels(ax: Any, labels: Sequence[str], xs: Sequence[float], ys: Sequence[float]) -> None:
    """Label points, trying a few positions around each so that labels do not overlap."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    candidates = [
        ((6, 3), "left", "bottom"), ((6, -3), "left", "top"), ((-6, 3), "right", "bottom"),
        ((-6, -3), "right", "top"), ((0, 8), "center", "bottom"), ((0, -8), "center", "top"),
    ]
    points = [ax.transData.transform((x, y)) for x, y in zip(xs, ys, strict=True)]
    placed: list[Any] = []
    for label, x, y in zip(labels, xs, ys, strict=True):
        chosen = None
        for offset, ha, va in candidates:
            text = ax.annotate(
                label, (x, y), xytext=offset, textcoords="offset points", ha=ha, va=va,
                fontsize=10,
            )
            box = text.get_window_extent(renderer).expanded(1.05, 1.1)
            hits_text = any(box.overlaps(other) for other in placed)
            hits_point = any(box.contains(px, py) for px, py in points)
            if not hits_text and not hits_point:
                chosen = box
                break
            text.remove()
        if chosen is None:  # no free position: keep the first one
            offset, ha, va = candidates[0]
            text = ax.annotate(
                label, (x, y), xytext=offset, textcoords="offset points", ha=ha, va=va,
                fontsize=10,
            )
            chosen = text.get_window_extent(renderer)
        placed.append(chosen)


def cross_correlation_figure(curves: pd.DataFrame) -> Figure:
    """Plot cross-correlation against lag, one line per topic.

    Parameters
    ----------
    curves : DataFrame
        Columns ``topic``, ``lag`` (days) and ``correlation``, as :func:`cross_correlation`
        gives for each topic.

    Returns
    -------
    Figure
        Lines with markers in :data:`govsocial.plots.PALETTE` colours and a legend; a
        vertical line at lag 0.

    Examples
    --------
    >>> curves = pd.DataFrame({"topic": ["crime"] * 3, "lag": [-1, 0, 1],
    ...                        "correlation": [0.0, 0.2, 0.5]})
    >>> fig = cross_correlation_figure(curves)
    >>> fig.axes[0].get_xlabel()
    'Lag (days): public attention on day t + lag, police attention on day t'
    >>> plt.close(fig)
    """
    from govsocial.plots import PALETTE

    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    ax.axvline(0, color="0.25", linewidth=1, linestyle="--")
    ax.axhline(0, color="0.25", linewidth=0.8)
    markers = ["o", "s", "^", "D", "v", "P", "X", "*"]
    for number, (topic, curve) in enumerate(curves.groupby("topic", sort=False)):
        ax.plot(
            curve["lag"], curve["correlation"], marker=markers[number % len(markers)],
            color=PALETTE[number % 6], label=str(topic), linewidth=1.8,
        )
    ax.set_xlabel("Lag (days): public attention on day t + lag, police attention on day t")
    ax.set_ylabel("Correlation of daily topic shares")
    ax.legend(title="topic", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def silhouette_figure(scores: pd.DataFrame, chosen: int) -> Figure:
    """Plot the mean silhouette against the number of clusters, marking the chosen one.

    Parameters
    ----------
    scores : DataFrame
        Columns ``k`` and ``silhouette``, as :attr:`Clustering.scores`.
    chosen : int
        The chosen number of clusters.

    Returns
    -------
    Figure

    Examples
    --------
    >>> fig = silhouette_figure(pd.DataFrame({"k": [2, 3], "silhouette": [0.1, 0.2]}), 3)
    >>> fig.axes[0].get_xlabel()
    'Number of clusters k'
    >>> plt.close(fig)
    """
    from govsocial.plots import PALETTE

    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(scores["k"], scores["silhouette"], marker="o", color=PALETTE[3], linewidth=1.8)
    best = scores.loc[scores["k"] == chosen, "silhouette"]
    ax.scatter([chosen], best, s=160, facecolors="none", edgecolors=PALETTE[4], linewidths=2,
               zorder=3, label=f"chosen: k = {chosen}")
    ax.set_xticks(scores["k"].tolist())
    ax.set_xlabel("Number of clusters k")
    ax.set_ylabel("Mean silhouette (cosine)")
    ax.legend(loc="lower right")
    return fig
