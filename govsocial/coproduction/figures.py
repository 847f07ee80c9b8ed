"""Figures of the coproduction chapter, drawn with the book's theme (:mod:`govsocial.plots`).

Volume over time, the core of the retweet network, cascade sizes and depths, the audience of a
government message over time, and several crises' timelines.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from govsocial.plots import PALETTE

from .analysis import KINDS
from .simulate import ATTENTION_HOURS

__all__ = [
    "audience_figure",
    "cascade_figure",
    "network_core_figure",
    "timeline_figure",
    "volume_figure",
]


_KIND_COLOURS = dict(zip(KINDS, (PALETTE[4], PALETTE[0], PALETTE[3], PALETTE[1]), strict=True))
_TYPE_COLOURS = {"government": PALETTE[4], "citizen": PALETTE[3], "unlisted": PALETTE[1]}


def _mark(ax: plt.Axes, when: pd.Timestamp | float, label: str) -> None:
    """Draw a labelled vertical reference line."""
    ax.axvline(when, color="0.25", linestyle="--", linewidth=1.2, zorder=3)
    ax.annotate(label, xy=(when, 1.0), xycoords=("data", "axes fraction"),
                xytext=(4, -4), textcoords="offset points", ha="left", va="top",
                fontsize=10, color="0.15")


def volume_figure(counts: pd.DataFrame, *, landfall: pd.Timestamp | None,
                  ylabel: str = "Tweets per hour",
                  panels: Sequence[Sequence[str]] | None = None) -> Figure:
    """Draw the volume over time, one line per column, with landfall marked.

    Parameters
    ----------
    counts : DataFrame
        Index: time; one column per series (e.g. :func:`volume`).
    landfall : Timestamp or None
        Where to draw the labelled vertical line (None: no line).
    ylabel : str
        The y axis label, with its unit.
    panels : sequence of sequences of str, optional
        Columns to draw in each panel, top to bottom, each panel with its own y scale (default:
        all columns in one panel).

    Returns
    -------
    Figure
        One axes per panel, sharing the time axis; each panel's legend names its series.

    Examples
    --------
    >>> index = pd.date_range("2012-10-29", periods=3, freq="h", tz="UTC")
    >>> fig = volume_figure(pd.DataFrame({"a": [1, 2, 3], "b": [0, 1, 0]}, index=index),
    ...                     landfall=index[1], panels=[["a"], ["b"]])
    >>> len(fig.axes), len(fig.axes[0].lines)
    (2, 2)
    >>> plt.close(fig)
    """
    panels = [list(counts.columns)] if panels is None else [list(p) for p in panels]
    fig, axes = plt.subplots(len(panels), 1, sharex=True, squeeze=False,
                             figsize=(7.2, 1.6 + 1.7 * len(panels)))
    for ax, columns in zip(axes[:, 0], panels, strict=True):
        for column in columns:
            colour = _KIND_COLOURS.get(column, PALETTE[list(counts.columns).index(column) % 6])
            ax.plot(counts.index, counts[column], color=colour, linewidth=1.4, label=column)
        if landfall is not None:
            _mark(ax, landfall, "landfall")
        ax.set_ylim(bottom=0)
        ax.set_ylabel(ylabel)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    bottom = axes[-1, 0]
    days = (counts.index.max() - counts.index.min()) / pd.Timedelta(days=1)
    if days > 4:
        bottom.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, int(np.ceil(days / 7)))))
        bottom.xaxis.set_major_formatter(mdates.DateFormatter("%d\n%b"))
    else:
        bottom.xaxis.set_major_locator(mdates.HourLocator(byhour=[0, 12]))
        bottom.xaxis.set_major_formatter(mdates.DateFormatter("%d %b\n%H:%M"))
    bottom.set_xlabel("Date and time (UTC)")
    return fig


def network_core_figure(
    graph: nx.DiGraph, centrality: pd.DataFrame, *, top_citizens: int = 40, seed: int = 0
) -> Figure:
    """Draw the core of the retweet network: government accounts and the busiest citizens.

    Parameters
    ----------
    graph : DiGraph
        From :func:`retweet_network`.
    centrality : DataFrame
        From :func:`centrality_table`.
    top_citizens : int
        How many non-government accounts to draw, by total degree (distinct accounts they
        retweeted or were retweeted by).
    seed : int
        Fixes the spring layout.

    Returns
    -------
    Figure
        Government accounts on a ring, the other accounts placed between the accounts they are
        tied to (a spring layout with the ring fixed); nodes coloured by kind of account and
        sized by in-degree; only government accounts are labelled.

    Examples
    --------
    >>> from govsocial.coproduction import centrality_table
    >>> g = nx.DiGraph([("a", "gov"), ("b", "gov"), ("b", "a")])
    >>> nx.set_node_attributes(g, {"gov": "government", "a": "citizen", "b": "citizen"},
    ...                        "account_type")
    >>> fig = network_core_figure(g, centrality_table(g))
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['gov']
    >>> plt.close(fig)
    """
    table = centrality.assign(degree=centrality["in_degree"] + centrality["out_degree"])
    government = table.loc[table["account_type"] == "government", "account"].tolist()
    others = (
        table[table["account_type"] != "government"]
        .sort_values(["degree", "account"], ascending=[False, True], kind="stable")
        .head(top_citizens)["account"].tolist()
    )
    core = graph.subgraph(government + others).to_undirected()
    ring = {
        v: (np.cos(angle), np.sin(angle))
        for v, angle in zip(
            government, np.pi / 2 - 2 * np.pi * np.arange(len(government)) / max(
                len(government), 1), strict=True)
    }
    fixed = [v for v in ring if v in core]
    layout = nx.spring_layout(core, pos=ring or None, fixed=fixed or None, seed=seed,
                              k=0.9 / np.sqrt(max(len(core), 1)), iterations=200)
    in_degree = table.set_index("account")["in_degree"]
    fig, ax = plt.subplots(figsize=(7.2, 6.0))
    nx.draw_networkx_edges(core, layout, ax=ax, edge_color="0.6", width=0.6, alpha=0.6)
    for kind in ("citizen", "unlisted", "government"):
        nodes = [v for v in core.nodes if graph.nodes[v].get("account_type") == kind]
        if not nodes:
            continue
        sizes = [30 + 600 * np.sqrt(in_degree.get(v, 0) / max(in_degree.max(), 1))
                 for v in nodes]
        nx.draw_networkx_nodes(core, layout, nodelist=nodes, node_size=sizes, ax=ax,
                               node_color=_TYPE_COLOURS[kind], edgecolors="white",
                               linewidths=0.8)
    for node in (v for v in government if v in core):
        x, y = layout[node]
        radius = max(np.hypot(x, y), 1e-9)
        ax.annotate(node, xy=(x, y), xytext=(18 * x / radius, 18 * y / radius),
                    textcoords="offset points", fontsize=9, color="0.1",
                    ha="left" if x > 0.2 else "right" if x < -0.2 else "center",
                    va="bottom" if y > 0.2 else "top" if y < -0.2 else "center",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.85})
    ax.margins(0.18)
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=9, color=_TYPE_COLOURS[kind],
               label=label)
        for kind, label in (("government", "government account"), ("citizen", "citizen"),
                            ("unlisted", "other account"))
        if any(graph.nodes[v].get("account_type") == kind for v in core.nodes)
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0),
              title="Node size: accounts\nthat retweeted it")
    ax.set_axis_off()
    return fig


def cascade_figure(cascade_table: pd.DataFrame) -> Figure:
    """Draw cascade sizes (complementary cumulative distribution) and depths, by author type.

    Parameters
    ----------
    cascade_table : DataFrame
        From :func:`cascades`.

    Returns
    -------
    Figure
        Left: share of originals with at least *n* retweets (log-log); right: share of
        originals by cascade depth.

    Examples
    --------
    >>> table = pd.DataFrame({"account_type": ["government", "citizen", "citizen"],
    ...                       "retweets": [5, 0, 1], "depth": [2, 0, 1]})
    >>> fig = cascade_figure(table)
    >>> len(fig.axes)
    2
    >>> plt.close(fig)
    """
    fig, (left, right) = plt.subplots(1, 2, figsize=(8.4, 3.8))
    kinds = [k for k in ("government", "citizen", "unlisted")
             if (cascade_table["account_type"] == k).any()]
    width = 0.8 / max(len(kinds), 1)
    for position, kind in enumerate(kinds):
        group = cascade_table[cascade_table["account_type"] == kind]
        sizes = np.sort(group["retweets"].to_numpy())
        values = np.unique(sizes[sizes > 0])
        if len(values):
            at_least = [(sizes >= v).mean() for v in values]
            left.step(values, at_least, where="post", color=_TYPE_COLOURS[kind],
                      linewidth=1.8, label=f"{kind} originals")
        depth = group["depth"].value_counts(normalize=True).sort_index()
        right.bar(depth.index + (position - (len(kinds) - 1) / 2) * width, depth.to_numpy(),
                  width=width, color=_TYPE_COLOURS[kind], label=f"{kind} originals")
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xlabel("Retweets of an original tweet (n)")
    left.set_ylabel("Share of originals with at least n")
    right.set_xlabel("Cascade depth (generations of retweets)")
    right.set_ylabel("Share of originals")
    right.legend(loc="upper right")
    return fig


def audience_figure(curves: pd.DataFrame, *, attention_hours: float = ATTENTION_HOURS
                    ) -> Figure:
    """Draw the average audience of a government message, with and without citizens.

    Parameters
    ----------
    curves : DataFrame
        From :func:`audience_curves`.
    attention_hours : float
        The attention time used, to mark when followers alone reach half of themselves.

    Returns
    -------
    Figure
        Two lines over hours since posting, a dotted line at half the followers.

    Examples
    --------
    >>> curves = pd.DataFrame({"hours": [0.0, 1.0], "followers_only": [0.0, 0.6],
    ...                        "with_retweets": [0.0, 1.5]})
    >>> fig = audience_figure(curves)
    >>> len(fig.axes[0].lines)
    4
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots()
    ax.plot(curves["hours"], curves["with_retweets"], color=PALETTE[0], linewidth=2,
            label="with citizens' retweets")
    ax.plot(curves["hours"], curves["followers_only"], color=PALETTE[3], linewidth=2,
            linestyle="-.", label="followers only")
    ax.axhline(0.5, color="0.25", linestyle=":", linewidth=1)
    _mark(ax, attention_hours * np.log(2), "half the followers,\nwithout retweets")
    ax.set_xlabel("Hours since the government message was posted")
    ax.set_ylabel("Audience (multiples of the\naccount's followers)")
    ax.set_ylim(bottom=0)
    ax.legend(loc="lower right")
    return fig


def timeline_figure(curves: pd.DataFrame, *, labels: dict[str, str] | None = None) -> Figure:
    """Draw normalised volume curves of several crises on hours since their first tweet.

    Parameters
    ----------
    curves : DataFrame
        ``curves`` from :func:`timeline_curves`.
    labels : dict, optional
        Readable names of the events for the legend.

    Returns
    -------
    Figure
        Cumulative share of each event's tweets, one line per event.

    Examples
    --------
    >>> curves = pd.DataFrame({"event": ["x", "x"], "hours": [0.0, 3.0],
    ...                        "share": [0.5, 0.5], "cumulative": [0.5, 1.0]})
    >>> fig = timeline_figure(curves)
    >>> len(fig.axes[0].lines)
    2
    >>> plt.close(fig)
    """
    labels = labels or {}
    fig, ax = plt.subplots(figsize=(7.2, 4.0))
    styles = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (3, 1)))
    for position, (event, group) in enumerate(curves.groupby("event", sort=False)):
        step = float(group["hours"].diff().dropna().min()) if len(group) > 1 else 1.0
        ax.step(group["hours"] + step, group["cumulative"], where="pre", linewidth=1.8,
                color=PALETTE[position % 6], linestyle=styles[position % len(styles)],
                label=labels.get(event, event))
    ax.axhline(0.5, color="0.25", linestyle=":", linewidth=1)
    ax.set_xlabel("Hours since the event's first collected tweet")
    ax.set_ylabel("Share of the event's tweets so far")
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter("{x:.0%}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig
