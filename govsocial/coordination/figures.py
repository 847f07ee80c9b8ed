"""The chapter's figures, each returning a matplotlib Figure in the book's theme.

Simulated cities: :func:`adoption_figure`, :func:`attention_figure`,
:func:`consistency_figure`, :func:`network_figure`; real tweet IDs:
:func:`posting_rhythm_figure`, :func:`pair_correlation_figure`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import PercentFormatter

from govsocial.plots import PALETTE

from ._common import PANDEMIC_DECLARED, REFERENCE_DATES
from .data import ROLE_NAMES
from .network import _city_graph
from .simulate import CITIES

__all__ = [
    "adoption_figure",
    "attention_figure",
    "consistency_figure",
    "network_figure",
    "pair_correlation_figure",
    "posting_rhythm_figure",
]

_CITY_COLOURS = dict(zip(CITIES, (PALETTE[0], PALETTE[3], PALETTE[4]), strict=True))
_CITY_STYLES = dict(zip(CITIES, ("-", "--", ":"), strict=True))
_REFERENCE_COLOUR = "0.35"


def _city_colour(city: str, position: int) -> str:
    return _CITY_COLOURS.get(city, PALETTE[position % 6])


def _month_ticks(ax: plt.Axes) -> None:
    """Label the x axis with month names (the axis holds dates of 2020)."""
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b"))


def _mark_reference_dates(ax: plt.Axes, reference_dates: pd.DataFrame) -> None:
    """Dashed vertical lines at the reference dates, labelled just above the plot."""
    for position, row in enumerate(reference_dates.itertuples(index=False)):
        ax.axvline(row.date, color=_REFERENCE_COLOUR, linestyle=(0, (4, 3)), linewidth=1)
        ax.annotate(
            row.short,
            xy=(row.date, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(2, 2 + 11 * (position % 2)),
            textcoords="offset points",
            fontsize=9,
            color=_REFERENCE_COLOUR,
        )


def adoption_figure(
    curves: pd.DataFrame, reference_dates: pd.DataFrame = REFERENCE_DATES
) -> Figure:
    """Cumulative adoption curves, one line per city, with the reference dates.

    Parameters
    ----------
    curves : DataFrame
        From :func:`adoption_curves`.
    reference_dates : DataFrame
        ``date`` and ``short`` label of each reference line.

    Returns
    -------
    Figure
        One axes: share of agencies (%) against date.

    Examples
    --------
    >>> days = pd.date_range("2020-03-01", periods=3, tz="UTC")
    >>> fig = adoption_figure(pd.DataFrame({"City A": [0.0, 0.5, 1.0]}, index=days))
    >>> fig.axes[0].get_ylabel()
    'Agencies that have tweeted about COVID-19'
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(7.2, 4.2))
    for position, city in enumerate(curves.columns):
        ax.step(
            curves.index,
            curves[city],
            where="post",
            label=city,
            linewidth=2,
            color=_city_colour(city, position),
            linestyle=_CITY_STYLES.get(city, "-"),
        )
    _mark_reference_dates(ax, reference_dates)
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.set_xlabel("Date (2020, UTC)")
    ax.set_ylabel("Agencies that have tweeted about COVID-19")
    ax.legend(loc="lower right")
    _month_ticks(ax)
    return fig


def attention_figure(
    attention: pd.DataFrame, reference_dates: pd.DataFrame = REFERENCE_DATES
) -> Figure:
    """Weekly share of each city's own tweets about COVID-19.

    Parameters
    ----------
    attention : DataFrame
        From :func:`covid_attention`.
    reference_dates : DataFrame
        Reference lines.

    Returns
    -------
    Figure
        One axes: share (%) against week.

    Examples
    --------
    >>> attention = pd.DataFrame({"city": "City A", "share": [0.1, 0.5],
    ...     "week": pd.to_datetime(["2020-03-02", "2020-03-09"], utc=True)})
    >>> fig = attention_figure(attention)
    >>> len(fig.axes[0].lines) >= 1
    True
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(7.2, 4.2))
    for position, (city, group) in enumerate(attention.groupby("city", sort=True)):
        ax.plot(
            group["week"],
            group["share"],
            marker="o",
            markersize=3.5,
            linewidth=2,
            label=city,
            color=_city_colour(city, position),
            linestyle=_CITY_STYLES.get(city, "-"),
        )
    _mark_reference_dates(ax, reference_dates)
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.set_xlabel("Week (2020, starting Monday, UTC)")
    ax.set_ylabel("Own tweets about COVID-19")
    ax.legend(loc="upper left")
    _month_ticks(ax)
    return fig


def consistency_figure(
    consistency: pd.DataFrame, reference_dates: pd.DataFrame = REFERENCE_DATES
) -> Figure:
    """Weekly mean consistency of agency COVID-19 messages with the lead's, by city.

    Parameters
    ----------
    consistency : DataFrame
        From :func:`message_consistency`.
    reference_dates : DataFrame
        Reference lines.

    Returns
    -------
    Figure
        One axes: mean cosine similarity against week.

    Examples
    --------
    >>> consistency = pd.DataFrame({"city": "City A", "cosine": [0.2, 0.6],
    ...     "week": pd.to_datetime(["2020-03-02", "2020-03-09"], utc=True)})
    >>> fig = consistency_figure(consistency)
    >>> bool(fig.axes[0].get_ylim()[1] >= 0.6)
    True
    >>> plt.close(fig)
    """
    weekly = (
        consistency.dropna(subset=["cosine"])
        .groupby(["city", "week"])["cosine"]
        .agg(["mean", "size"])
        .reset_index()
    )
    weekly = weekly[weekly["size"] >= 3] if (weekly["size"] >= 3).any() else weekly
    fig, ax = plt.subplots(figsize=(7.2, 4.2))
    for position, (city, group) in enumerate(weekly.groupby("city", sort=True)):
        ax.plot(
            group["week"],
            group["mean"],
            marker="o",
            markersize=3.5,
            linewidth=2,
            label=city,
            color=_city_colour(city, position),
            linestyle=_CITY_STYLES.get(city, "-"),
        )
    _mark_reference_dates(ax, reference_dates)
    ax.set_ylim(0, 1)
    ax.set_xlabel("Week (2020, starting Monday, UTC)")
    ax.set_ylabel("Similarity with the lead's messages\n(mean TF-IDF cosine)")
    ax.legend(loc="upper right")
    _month_ticks(ax)
    return fig


def network_figure(ties: pd.DataFrame, accounts: pd.DataFrame) -> Figure:
    """Small multiples: each city's retweet and mention network, lead agency in the middle.

    Parameters
    ----------
    ties : DataFrame
        From :func:`interaction_ties`.
    accounts : DataFrame
        ``account``, ``city``, ``lead``.

    Returns
    -------
    Figure
        One panel per city; nodes sized by number of ties, the lead agency orange, arrows from
        the account that retweets or mentions to the one retweeted or mentioned. Labels are the
        handle's last part.

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": ["A_Health", "A_Parks"], "city": "City A",
    ...                          "lead": [True, False]})
    >>> ties = pd.DataFrame({"city": ["City A"], "source": ["A_Parks"], "target": ["A_Health"],
    ...                      "weight": [2]})
    >>> fig = network_figure(ties, accounts)
    >>> len(fig.axes)
    1
    >>> plt.close(fig)
    """
    cities = sorted(accounts["city"].unique())
    fig, axes = plt.subplots(1, len(cities), figsize=(3.4 * len(cities), 3.9), squeeze=False)
    for ax, city in zip(axes[0], cities, strict=True):
        members = accounts[accounts["city"] == city]
        names = members["account"].astype(str).tolist()
        lead = members.loc[members["lead"].astype(bool), "account"].astype(str).tolist()
        graph = _city_graph(ties[ties["city"] == city], names)
        others = [n for n in names if n not in lead]
        layout = nx.shell_layout(graph, nlist=[lead, others] if lead else [names])
        radius = max(float(np.hypot(*xy)) for xy in layout.values()) or 1.0
        layout = {name: np.asarray(xy) / radius for name, xy in layout.items()}
        degree = dict(graph.to_undirected().degree())
        sizes = [60 + 35 * degree[n] for n in graph]
        nx.draw_networkx_edges(
            graph,
            layout,
            ax=ax,
            edge_color="0.55",
            width=0.9,
            arrowsize=7,
            node_size=sizes,
            connectionstyle="arc3,rad=0.08",
        )
        nx.draw_networkx_nodes(
            graph,
            layout,
            ax=ax,
            node_size=sizes,
            node_color=[PALETTE[0] if n in lead else PALETTE[3] for n in graph],
            edgecolors="white",
            linewidths=0.8,
        )
        for name, size, (x, y) in zip(graph, sizes, (layout[n] for n in graph), strict=True):
            label = name.split("_", 1)[-1]
            if name in lead:
                ax.annotate(
                    label,
                    (x, y),
                    xytext=(0, -np.sqrt(size) / 2 - 2),
                    textcoords="offset points",
                    ha="center",
                    va="top",
                    fontsize=7.5,
                )
                continue
            angle = np.arctan2(y, x)
            ax.text(
                1.22 * np.cos(angle),
                1.22 * np.sin(angle),
                label,
                fontsize=7.5,
                ha="left" if np.cos(angle) > 0.3 else "right" if np.cos(angle) < -0.3 else "center",
                va="center",
            )
        ax.set_aspect("equal")
        ax.set_xlim(-1.75, 1.75)
        ax.set_ylim(-1.4, 1.4)
        ax.set_xlabel(f"{city}: {graph.number_of_edges()} ties")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        for spine in ax.spines.values():
            spine.set_visible(False)
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            color=PALETTE[0],
            markersize=8,
            label="lead health agency",
        ),
        Line2D(
            [], [], marker="o", linestyle="", color=PALETTE[3], markersize=8, label="other agency"
        ),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=2)
    return fig


_ROLE_COLOURS = dict(zip(ROLE_NAMES, (PALETTE[0], PALETTE[3], PALETTE[2], PALETTE[5]), strict=True))


def posting_rhythm_figure(
    daily: pd.DataFrame, roles: pd.DataFrame, governments: Sequence[str]
) -> Figure:
    """Small multiples of daily posts (7-day mean), one panel per government.

    Parameters
    ----------
    daily : DataFrame
        From :func:`daily_posts`.
    roles : DataFrame
        ``account``, ``government``, ``role``.
    governments : sequence of str
        The panels, in order.

    Returns
    -------
    Figure
        One line per account coloured by role; a dashed line on 11 March 2020.

    Examples
    --------
    >>> days = pd.date_range("2020-03-01", periods=10, tz="UTC")
    >>> daily = pd.DataFrame({"a": range(10)}, index=days, dtype=float)
    >>> roles = pd.DataFrame({"account": ["a"], "government": ["X"], "role": ["leader"]})
    >>> fig = posting_rhythm_figure(daily, roles, ["X"])
    >>> fig.axes[0].get_ylabel()
    'Posts a day'
    >>> plt.close(fig)
    """
    columns = min(4, len(governments))
    rows = int(np.ceil(len(governments) / columns))
    fig, axes = plt.subplots(
        rows, columns, figsize=(2.7 * columns + 0.8, 2.3 * rows + 0.8), sharex=True, squeeze=False
    )
    smooth = daily.rolling(7, center=True, min_periods=4).mean()
    listed = roles.set_index("account")
    for ax, government in zip(axes.ravel(), governments, strict=False):
        for account in listed.index[listed["government"] == government]:
            if account in smooth:
                ax.plot(
                    smooth.index,
                    smooth[account],
                    linewidth=1.3,
                    color=_ROLE_COLOURS[listed.at[account, "role"]],
                )
        ax.axvline(PANDEMIC_DECLARED, color=_REFERENCE_COLOUR, linestyle=(0, (4, 3)), linewidth=1)
        ax.set_title(government, loc="left", fontsize=10, fontweight="bold")
        ax.set_ylim(bottom=0)
        ax.tick_params(labelsize=8)
    for ax in axes.ravel()[len(governments) :]:
        ax.set_visible(False)
    for ax in axes[:, 0]:
        ax.set_ylabel("Posts a day")
    for ax in axes[-1, :]:
        ax.set_xlabel("Date (UTC)")
        for label in ax.get_xticklabels():
            label.set_rotation(45)
            label.set_ha("right")
    handles = [
        Line2D([], [], color=colour, linewidth=2, label=role)
        for role, colour in _ROLE_COLOURS.items()
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=4)
    return fig


def pair_correlation_figure(pairs: Mapping[str, pd.DataFrame]) -> Figure:
    """Dot plots of pair correlations, same versus different governments, one panel per measure.

    Parameters
    ----------
    pairs : mapping of str to DataFrame
        Panel label (the x-axis label) to a frame from :func:`rhythm_correlations`.

    Returns
    -------
    Figure
        Jittered dots per pair and a black bar at each group's mean.

    Examples
    --------
    >>> pairs = pd.DataFrame({"same_government": [True, False], "r": [0.5, 0.1]})
    >>> fig = pair_correlation_figure({"Correlation": pairs})
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['different governments', 'same government']
    >>> plt.close(fig)
    """
    fig, axes = plt.subplots(
        1, len(pairs), figsize=(4.2 * len(pairs) + 0.6, 3.0), sharey=True, squeeze=False
    )
    rng = np.random.default_rng(0)
    for ax, (label, frame) in zip(axes[0], pairs.items(), strict=True):
        for level, same in enumerate((False, True)):
            values = frame.loc[frame["same_government"] == same, "r"].dropna()
            jitter = rng.uniform(-0.18, 0.18, len(values))
            ax.scatter(
                values,
                level + jitter,
                s=10,
                alpha=0.55,
                color=PALETTE[3] if same else PALETTE[0],
                linewidths=0,
            )
            if len(values):
                ax.plot(
                    [values.mean()] * 2, [level - 0.3, level + 0.3], color="black", linewidth=2.5
                )
        ax.axvline(0, color=_REFERENCE_COLOUR, linewidth=1)
        ax.set_yticks([0, 1], labels=["different governments", "same government"])
        ax.set_ylim(-0.6, 1.6)
        ax.set_xlabel(label)
        ax.grid(axis="y", visible=False)
    return fig
