"""The chapter's figures, drawn with the book's theme (``govsocial.plots``).

Category shares by country group and platform, the chi-square residuals, the waiting curves of
customer service, the consultation funnel, and the news-value differences of ClimateCovE350.
Each takes the table an analysis function returns and gives back a matplotlib figure.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from govsocial import plots
from govsocial.plots import PALETTE

from .coding import UNCODED
from .consultation import STAGES
from .simulate import CATEGORY_LABELS

__all__ = [
    "funnel_figure",
    "news_value_figure",
    "residual_figure",
    "share_figure",
    "survival_figure",
]


def share_figure(posts: pd.DataFrame, code: str = "code") -> Figure:
    """Category shares by country group (rows) and platform (panels), as a heatmap.

    Examples
    --------
    >>> toy = pd.DataFrame({"country_group": ["China", "UK/US"], "platform": ["a", "a"],
    ...                     "code": ["opinion", "science"]})
    >>> len(share_figure(toy).axes) >= 1
    True
    """
    coded = posts[posts[code] != UNCODED]
    table = pd.crosstab([coded["platform"], coded["country_group"]], coded[code],
                        normalize="index")  # fmt: skip
    table.index = [f"{p}, {g}" for p, g in table.index]
    table.columns = [CATEGORY_LABELS.get(c, c) for c in table.columns]
    return plots.share_heatmap(table, xlabel="category (coded)", ylabel="platform, country",
                               colorbar_label="share of the row's posts (%)")  # fmt: skip


def residual_figure(residuals: pd.DataFrame) -> Figure:
    """Draw the adjusted residuals of a country-by-category table as a diverging heatmap.

    Examples
    --------
    >>> r = pd.DataFrame([[2.0, -2.0]], index=["China"], columns=["opinion", "science"])
    >>> residual_figure(r).axes[0].get_xlabel()
    'category (coded)'
    """
    table = residuals.rename(columns=lambda c: CATEGORY_LABELS.get(c, c))
    limit = max(3.0, float(np.abs(table.to_numpy()).max()))
    fig, ax = plt.subplots(figsize=(7.0, 1.2 + 0.6 * len(table)))
    image = ax.imshow(table.to_numpy(), cmap=plots.DIVERGING, vmin=-limit, vmax=limit,
                      aspect="auto")  # fmt: skip
    for (i, j), value in np.ndenumerate(table.to_numpy()):
        ax.text(j, i, f"{value:+.1f}", ha="center", va="center",
                color="white" if abs(value) > 0.6 * limit else "black")  # fmt: skip
    ax.set_xticks(range(table.shape[1]), table.columns, rotation=20, ha="right")
    ax.set_yticks(range(len(table)), table.index)
    ax.set_xlabel("category (coded)")
    ax.set_ylabel("country group")
    ax.grid(False)
    fig.colorbar(image, ax=ax, label="adjusted residual (standard units)")
    return fig


def survival_figure(curves: pd.DataFrame, max_hours: float = 72.0) -> Figure:
    """Kaplan-Meier curves of the share of questions still unanswered, one per platform.

    Examples
    --------
    >>> toy = pd.DataFrame({"platform": ["a", "a"], "hours": [1.0, 2.0],
    ...                     "unanswered": [0.5, 0.2], "low": [0.3, 0.1], "high": [0.7, 0.4]})
    >>> survival_figure(toy).axes[0].get_ylabel()
    'questions still unanswered (%)'
    """
    fig, ax = plt.subplots()
    for colour, (platform, curve) in zip(PALETTE, curves.groupby("platform", sort=True),
                                         strict=False):  # fmt: skip
        curve = curve[curve["hours"] <= max_hours]
        hours = np.r_[0.0, curve["hours"].to_numpy()]
        ax.step(hours, np.r_[1.0, curve["unanswered"].to_numpy()], where="post",
                color=colour, label=platform)  # fmt: skip
        ax.fill_between(hours, np.r_[1.0, curve["low"].to_numpy()],
                        np.r_[1.0, curve["high"].to_numpy()], step="post", color=colour,
                        alpha=0.2, linewidth=0)  # fmt: skip
    ax.set_xlim(0, max_hours)
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    ax.set_xlabel("hours since the question was asked")
    ax.set_ylabel("questions still unanswered (%)")
    ax.legend(title="platform")
    return fig


def funnel_figure(stages: pd.DataFrame) -> Figure:
    """Draw the consultation funnel: each stage per 1,000 reached, per platform (log scale).

    Examples
    --------
    >>> toy = pd.DataFrame({"platform": ["a"] * 4, "stage": list(STAGES),
    ...                     "per_1000": [1000.0, 50.0, 5.0, 1.0]})
    >>> funnel_figure(toy).axes[0].get_yscale()
    'log'
    """
    fig, ax = plt.subplots()
    for colour, (platform, part) in zip(PALETTE, stages.groupby("platform", sort=False),
                                        strict=False):  # fmt: skip
        order = [list(STAGES).index(s) for s in part["stage"]]
        ax.plot(order, part["per_1000"], marker="o", color=colour, label=platform)
    ax.set_yscale("log")
    ax.set_xticks(range(len(STAGES)), STAGES)
    ax.set_xlabel("stage of the funnel")
    ax.set_ylabel("people per 1,000 reached (log scale)")
    ax.legend(title="platform")
    return fig


def news_value_figure(table: pd.DataFrame) -> Figure:
    """Twitter minus news share of events with each label, with 95% intervals.

    Examples
    --------
    >>> toy = pd.DataFrame({"label": ["negative"], "difference": [0.1], "low": [0.0],
    ...                     "high": [0.2]})
    >>> news_value_figure(toy).axes[0].get_xlabel()
    'Twitter share minus news share (percentage points)'
    """
    fig, ax = plt.subplots(figsize=(6.4, 0.5 + 0.45 * len(table)))
    y = np.arange(len(table))
    d = table["difference"].to_numpy() * 100
    ax.errorbar(d, y, xerr=[d - table["low"].to_numpy() * 100,
                            table["high"].to_numpy() * 100 - d],
                fmt="o", color=PALETTE[3], capsize=3)  # fmt: skip
    ax.axvline(0, color="0.25", linewidth=1)
    ax.set_yticks(y, table["label"])
    ax.invert_yaxis()
    ax.set_xlabel("Twitter share minus news share (percentage points)")
    ax.set_ylabel("label of the event")
    ax.grid(axis="y", visible=False)
    return fig
