"""The chapter's figures, drawn with the book's theme (colour-blind-safe, no titles)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from govsocial.plots import PALETTE, share_heatmap

from .codebook import LEVELS, codebook

__all__ = [
    "agreement_figure",
    "barrier_figure",
    "cooccurrence_figure",
    "crisis_figure",
    "saturation_figure",
]

_MARKERS = ("o", "s", "D")


def _labels(codes: list[str], book: pd.DataFrame | None) -> list[str]:
    book = codebook() if book is None else book
    label = dict(zip(book["code"], book["label"], strict=True))
    return [label.get(c, c) for c in codes]


def barrier_figure(table: pd.DataFrame, *, book: pd.DataFrame | None = None) -> Figure:
    """Dot plot: share of agencies mentioning each theme, by level of government, with intervals.

    Parameters
    ----------
    table : DataFrame
        From :func:`~govsocial.interviews.counting.mention_table`.

    Examples
    --------
    >>> t = pd.DataFrame({"code": ["policy"] * 2, "level": ["federal", "municipal"],
    ...     "share": [0.5, 0.2], "ci_low": [0.1, 0.0], "ci_high": [0.9, 0.6]})
    >>> fig = barrier_figure(t)
    >>> fig.axes[0].get_xlabel()
    'Agencies mentioning the theme (%)'
    >>> plt.close(fig)
    """
    codes = list(dict.fromkeys(table["code"]))
    levels = [lv for lv in LEVELS if lv in set(table["level"])]
    fig, ax = plt.subplots(figsize=(6.4, 1.2 + 0.45 * len(codes)))
    for k, level in enumerate(levels):
        rows = table[table["level"] == level].set_index("code").reindex(codes)
        y = np.arange(len(codes)) + (k - (len(levels) - 1) / 2) * 0.22
        ax.errorbar(rows["share"], y, xerr=[rows["share"] - rows["ci_low"],
                                            rows["ci_high"] - rows["share"]],
                    fmt=_MARKERS[k], color=PALETTE[k], label=level, capsize=2, lw=1)
    ax.set_yticks(np.arange(len(codes)), _labels(codes, book))
    ax.invert_yaxis()
    ax.set_xlim(-0.02, 1.02)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel("Agencies mentioning the theme (%)")
    ax.set_ylabel("Theme")
    ax.legend(title="Level of government", loc="center left", bbox_to_anchor=(1.0, 0.5),
              frameon=False)
    return fig


def agreement_figure(table: pd.DataFrame, *, book: pd.DataFrame | None = None) -> Figure:
    """Dot plot: Krippendorff's alpha and Cohen's kappa per code, with bootstrap intervals.

    Dashed lines mark alpha = 0.667 and 0.8, Krippendorff's thresholds for tentative and firm
    conclusions.

    Examples
    --------
    >>> t = pd.DataFrame({"code": ["policy"], "alpha": [0.7], "alpha_low": [0.5],
    ...     "alpha_high": [0.9], "kappa": [0.7], "kappa_low": [0.5], "kappa_high": [0.9]})
    >>> fig = agreement_figure(t)
    >>> fig.axes[0].get_xlabel()
    'Agreement beyond chance (1 = perfect, 0 = chance)'
    >>> plt.close(fig)
    """
    table = table.dropna(subset=["alpha"])
    codes = list(table["code"])
    fig, ax = plt.subplots(figsize=(6.4, 1.2 + 0.45 * len(codes)))
    for k, (name, label) in enumerate((("alpha", "Krippendorff's alpha"),
                                       ("kappa", "Cohen's kappa"))):
        y = np.arange(len(codes)) + (k - 0.5) * 0.25
        ax.errorbar(table[name], y, xerr=[table[name] - table[f"{name}_low"],
                                          table[f"{name}_high"] - table[name]],
                    fmt=_MARKERS[k], color=PALETTE[k], label=label, capsize=2, lw=1)
    for x in (0.667, 0.8):
        ax.axvline(x, color="0.25", ls="--", lw=0.8)
    ax.set_yticks(np.arange(len(codes)), _labels(codes, book))
    ax.invert_yaxis()
    ax.set_xlabel("Agreement beyond chance (1 = perfect, 0 = chance)")
    ax.set_ylabel("Code")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    return fig


def saturation_figure(curve: pd.DataFrame, orders: pd.DataFrame, *,
                      total: int | None = None) -> Figure:
    """Line plot: codes heard after each interview, in interview order and over random orders.

    Parameters
    ----------
    curve : DataFrame
        From :func:`~govsocial.interviews.saturation.new_codes_curve`.
    orders : DataFrame
        From :func:`~govsocial.interviews.saturation.random_order_curves`.
    total : int, optional
        The number of themes that exist (simulated data only): a dashed line.

    Examples
    --------
    >>> curve = pd.DataFrame({"position": [1, 2], "heard": [2, 3]})
    >>> orders = pd.DataFrame({"position": [1, 2], "mean": [2.0, 3.0], "low": [1, 3],
    ...                        "high": [3, 3]})
    >>> fig = saturation_figure(curve, orders, total=4)
    >>> fig.axes[0].get_ylabel()
    'Codes heard so far'
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots()
    ax.fill_between(orders["position"], orders["low"], orders["high"], color=PALETTE[1],
                    alpha=0.3, step="post", label="random orders (middle 90%)")
    ax.step(orders["position"], orders["mean"], where="post", color=PALETTE[1],
            label="random orders (mean)")
    ax.step(curve["position"], curve["heard"], where="post", color=PALETTE[3], lw=2,
            label="interview order")
    if total is not None:
        ax.axhline(total, color="0.25", ls="--", lw=1, label="themes that exist (planted)")
    ax.set_xlabel("Interviews (count)")
    ax.set_ylabel("Codes heard so far")
    ax.set_ylim(0, None)
    ax.legend(loc="lower right", frameon=False)
    return fig


def cooccurrence_figure(matrix: pd.DataFrame, *, book: pd.DataFrame | None = None) -> Figure:
    """Heatmap of the segments two codes share (the diagonal: segments with the code).

    Examples
    --------
    >>> m = pd.DataFrame([[3, 1], [1, 2]], index=["policy", "culture"],
    ...                  columns=["policy", "culture"])
    >>> fig = cooccurrence_figure(m)
    >>> plt.close(fig)
    """
    labels = _labels(list(matrix.index), book)
    shown = pd.DataFrame(matrix.to_numpy(), index=labels, columns=labels)
    return share_heatmap(shown, xlabel="Code", ylabel="Code",
                         colorbar_label="Segments carrying both codes (count)", fmt=".0f",
                         square=True)


def crisis_figure(shares: pd.DataFrame) -> Figure:
    """Dot plot: share of tweets from each information source, per crisis, with intervals.

    Examples
    --------
    >>> s = pd.DataFrame({"event": ["e", "e"], "label": ["Media", "Government"],
    ...     "share": [0.6, 0.4], "ci_low": [0.5, 0.3], "ci_high": [0.7, 0.5]})
    >>> fig = crisis_figure(s)
    >>> fig.axes[0].get_xlabel()
    'Share of labelled tweets (%)'
    >>> plt.close(fig)
    """
    labels = list(dict.fromkeys(shares.sort_values("share", ascending=False)["label"]))
    events = list(dict.fromkeys(shares["event"]))
    fig, ax = plt.subplots(figsize=(6.4, 1.2 + 0.45 * len(labels)))
    for k, event in enumerate(events):
        rows = shares[shares["event"] == event].set_index("label").reindex(labels)
        y = np.arange(len(labels)) + (k - (len(events) - 1) / 2) * 0.25
        ax.errorbar(rows["share"], y, xerr=[rows["share"] - rows["ci_low"],
                                            rows["ci_high"] - rows["share"]],
                    fmt=_MARKERS[k % 3], color=PALETTE[k], capsize=2, lw=1,
                    label=event.replace("_", " "))
    ax.set_yticks(np.arange(len(labels)), labels)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel("Share of labelled tweets (%)")
    ax.set_ylabel("Information source")
    ax.legend(title="Crisis", loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    return fig
