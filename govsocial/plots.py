"""The book's figure style and its standard figures.

Every notebook calls :func:`set_theme` once, so all figures share one look: a white grid,
readable type, no top or right spines, and the Okabe-Ito colour-blind-safe palette. The figure
functions return a :class:`matplotlib.figure.Figure` with labelled axes (units included) and no
title: captions live in the book, next to the figure. Single-series figures draw in blue
(``PALETTE[3]``), reference lines in dark grey.

Figures are created through :mod:`matplotlib.pyplot`, so a notebook displays them at the end of
the cell; nothing here calls ``plt.show()`` or saves a file. Close figures made in a loop with
``plt.close(fig)``.

Public names: :data:`PALETTE`, :data:`SEQUENTIAL`, :func:`set_theme`,
:data:`DIVERGING`, :func:`coefficient_plot`, :func:`coefficient_heatmap`,
:func:`confusion_heatmap`, :func:`share_heatmap`, :func:`share_bars`, :func:`cumulative_line`.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullLocator, PercentFormatter

__all__ = [
    "DIVERGING",
    "PALETTE",
    "SEQUENTIAL",
    "coefficient_heatmap",
    "coefficient_plot",
    "confusion_heatmap",
    "cumulative_line",
    "set_theme",
    "share_bars",
    "share_heatmap",
]

PALETTE: list[str] = [
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
    "#000000",  # black
]
"""Okabe & Ito's (2008) colour-blind-safe palette, reordered for data on a white background.

The eight colours are Okabe and Ito's; two are moved back. Yellow is seventh because it has
too little contrast with a white background for thin lines and small markers, so it is used only
when a figure needs seven categories. Black is last: the book draws reference lines and
annotations in black, and a black data series would read as one of those. The first six colours
stay distinguishable under simulated protanopia, deuteranopia and tritanopia (tested in
``tests/test_plots.py``).
"""

SEQUENTIAL = "viridis"
"""Colour map for heatmaps of shares and counts: perceptually uniform, colour-blind-safe, and
readable in greyscale."""

DIVERGING = "PuOr_r"
"""Colour map for signed values such as regression coefficients: ColorBrewer's purple-orange,
which stays readable under the common colour-vision deficiencies; orange is positive, purple
negative, white zero."""

_SINGLE = PALETTE[3]  # blue: the colour of single-series figures (dots, bars)
_REFERENCE_COLOUR = "0.25"  # dark grey: reference lines


def set_theme() -> None:
    """Apply the book's seaborn theme to every figure that follows.

    White grid, ``notebook`` context with slightly larger type, :data:`PALETTE` as the colour
    cycle, 110 dpi (sharp on the web without heavy images), no top or right spines, and a
    constrained layout so labels are never cut off.

    Examples
    --------
    >>> set_theme()
    >>> import matplotlib as mpl
    >>> mpl.rcParams["figure.dpi"], mpl.rcParams["axes.spines.top"]
    (110.0, False)
    """
    sns.set_theme(
        style="whitegrid",
        context="notebook",
        palette=PALETTE,
        font_scale=1.05,
        rc={
            "figure.dpi": 110,
            "savefig.dpi": 110,
            "savefig.bbox": "tight",
            "figure.figsize": (6.4, 4.0),
            "figure.constrained_layout.use": True,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titlesize": 13,
            "axes.labelsize": 12,
            "xtick.labelsize": 11,
            "ytick.labelsize": 11,
            "legend.fontsize": 11,
            "legend.frameon": False,
            "image.cmap": SEQUENTIAL,
        },
    )


_TICK_LADDERS = (
    (1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0),
    (1.0, 1.5, 2.0, 3.0, 5.0, 7.0),
    (1.0, 2.0, 5.0),
    (1.0,),
)


def _ratio_ticks(low: float, high: float, reference: float, *, most: int = 9) -> list[float]:
    """Round-number ticks for a log-scaled ratio axis: the finest ladder giving ``most`` or fewer.

    Examples
    --------
    >>> _ratio_ticks(0.55, 1.9, 1.0)
    [0.6, 0.8, 1.0, 1.25, 1.5]
    >>> _ratio_ticks(0.05, 30, 1.0)
    [0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0]
    """
    first, last = int(np.floor(np.log10(low))), int(np.ceil(np.log10(high)))
    ticks: list[float] = []
    for ladder in _TICK_LADDERS:
        ticks = [
            float(f"{m * 10.0**e:.6g}")
            for e in range(first, last + 1)
            for m in ladder
            if low <= m * 10.0**e <= high
        ]
        if len(ticks) <= most:
            break
    if low <= reference <= high and reference not in ticks:
        ticks = sorted([*ticks, reference])
    return ticks


def coefficient_plot(
    table: pd.DataFrame,
    *,
    reference: float = 1.0,
    xlabel: str = "Incidence-rate ratio (95% CI, log scale)",
    ylabel: str = "Model term",
) -> Figure:
    """Plot each term's estimate and confidence interval, as in a forest plot.

    Parameters
    ----------
    table : DataFrame
        A table with columns ``term``, ``irr``, ``ci_low`` and ``ci_high``, such as
        ``CountModelResult.table`` from :func:`govsocial.models.negative_binomial`. The
        ``Intercept`` row is skipped; terms are drawn top to bottom in table order.
    reference : float
        Where to draw the "no effect" line (1 for ratios).
    xlabel, ylabel : str
        Axis labels.

    Returns
    -------
    Figure
        One axes with a log-scaled x axis.

    Examples
    --------
    >>> table = pd.DataFrame({"term": ["Intercept", "has_image"], "irr": [2.0, 1.5],
    ...                       "ci_low": [1.8, 1.2], "ci_high": [2.2, 1.9]})
    >>> fig = coefficient_plot(table)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['has_image']
    >>> plt.close(fig)
    """
    rows = table[table["term"] != "Intercept"].reset_index(drop=True)
    if rows.empty:
        raise ValueError("the table has no terms to plot besides the Intercept")
    positions = np.arange(len(rows))[::-1]
    estimate = rows["irr"].to_numpy(dtype=float)
    errors = np.vstack(
        [
            estimate - rows["ci_low"].to_numpy(dtype=float),
            rows["ci_high"].to_numpy(dtype=float) - estimate,
        ]
    )
    fig, ax = plt.subplots(figsize=(6.4, 1.2 + 0.4 * len(rows)))
    ax.axvline(reference, color=_REFERENCE_COLOUR, linestyle="--", linewidth=1, zorder=1)
    ax.errorbar(
        estimate,
        positions,
        xerr=errors,
        fmt="o",
        color=_SINGLE,
        ecolor=_SINGLE,
        elinewidth=1.5,
        capsize=3,
        zorder=2,
    )
    ax.set_xscale("log")
    low, high = ax.get_xlim()
    ax.set_xticks(_ratio_ticks(low, high, reference))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xlim(low, high)
    ax.set_yticks(positions, labels=rows["term"].astype(str).tolist())
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig


def _label_heatmap(ax: plt.Axes, xlabel: str, ylabel: str) -> None:
    """Label a heatmap's axes, with column names slanted so that long ones fit."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.tick_params(axis="x", rotation=30)
    plt.setp(ax.get_xticklabels(), ha="right", rotation_mode="anchor")
    ax.tick_params(axis="y", rotation=0)


def coefficient_heatmap(
    coefficients: pd.DataFrame,
    *,
    marks: pd.DataFrame | None = None,
    xlabel: str,
    ylabel: str,
    colorbar_label: str,
    fmt: str = "+.2f",
) -> Figure:
    """Draw a table of signed coefficients (for example factor by model) as a heatmap.

    Colours run from purple (negative) through white (zero) to orange (positive), on a scale
    symmetric around zero, so that equal colours mean equal sizes whatever the sign.

    Parameters
    ----------
    coefficients : DataFrame
        Rows and columns label the cells; cells hold the estimates.
    marks : DataFrame of bool, optional
        Same shape: cells to mark with an asterisk (for example "significant after
        adjustment").
    xlabel, ylabel : str
        Axis labels: what the columns and the rows are.
    colorbar_label : str
        What the colour means, with its unit.
    fmt : str
        Number format of the annotations.

    Returns
    -------
    Figure
        One annotated heatmap coloured with :data:`DIVERGING`.

    Examples
    --------
    >>> table = pd.DataFrame([[0.8, 0.0], [-0.3, 0.5]], index=["x", "y"], columns=["a", "b"])
    >>> marks = table.abs() > 0.4
    >>> fig = coefficient_heatmap(table, marks=marks, xlabel="Model", ylabel="Factor",
    ...                           colorbar_label="Coefficient")
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['+0.80*', '+0.00', '-0.30', '+0.50*']
    >>> plt.close(fig)
    """
    values = coefficients.astype(float)
    labels = values.map(lambda v: format(v, fmt))
    if marks is not None:
        labels = labels + marks.reindex_like(values).fillna(False).astype(bool).map(
            lambda m: "*" if m else ""
        )
    limit = float(np.nanmax(np.abs(values.to_numpy()))) or 1.0
    width = 2.8 + 1.1 * len(values.columns) + 0.07 * max(len(str(i)) for i in values.index)
    fig, ax = plt.subplots(figsize=(width, 1.6 + 0.5 * len(values.index)))
    sns.heatmap(
        values,
        annot=labels.to_numpy(),
        fmt="",
        cmap=DIVERGING,
        center=0.0,
        vmin=-limit,
        vmax=limit,
        linewidths=0.5,
        linecolor="white",
        cbar_kws={"label": colorbar_label},
        ax=ax,
    )
    _label_heatmap(ax, xlabel, ylabel)
    return fig


def confusion_heatmap(
    confusion: pd.DataFrame,
    *,
    normalize: bool = True,
) -> Figure:
    """Draw a confusion matrix as an annotated heatmap.

    Parameters
    ----------
    confusion : DataFrame
        Counts with true labels as the index and predicted labels as the columns, such as
        ``ClassifierReport.confusion`` from :func:`govsocial.text.cross_validate_classifier`.
    normalize : bool
        If true, show each row as shares of that true label (a row with no posts shows zeros),
        so the diagonal is each class's recall; otherwise show the counts.

    Returns
    -------
    Figure
        One heatmap with axes "True label" and "Predicted label", coloured with
        :data:`SEQUENTIAL`.

    Examples
    --------
    >>> confusion = pd.DataFrame([[8, 2], [1, 9]], index=["a", "b"], columns=["a", "b"])
    >>> fig = confusion_heatmap(confusion)
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['80%', '20%', '10%', '90%']
    >>> plt.close(fig)
    """
    counts = confusion.astype(float)
    if not normalize:
        return share_heatmap(
            counts, xlabel="Predicted label", ylabel="True label",
            colorbar_label="Number of posts", fmt=".0f", square=True,
        )
    totals = counts.sum(axis=1)
    shares = counts.div(totals.where(totals > 0), axis=0).fillna(0.0)
    return share_heatmap(
        shares, xlabel="Predicted label", ylabel="True label",
        colorbar_label="Share of posts with this true label (%)", square=True,
    )


def share_heatmap(
    table: pd.DataFrame,
    *,
    xlabel: str,
    ylabel: str,
    colorbar_label: str,
    fmt: str = ".0%",
    square: bool = False,
) -> Figure:
    """Draw a table of shares (or counts) as an annotated heatmap.

    Parameters
    ----------
    table : DataFrame
        Rows and columns are the two categorical variables; cells hold shares in [0, 1] when
        ``fmt`` is a percentage format, counts otherwise.
    xlabel, ylabel : str
        Axis labels: what the columns and the rows are.
    colorbar_label : str
        What the colour means, with its unit.
    fmt : str
        Format of the cell annotations; a ``%`` format fixes the colour scale to 0-100 %.
    square : bool
        Square cells (for confusion matrices).

    Returns
    -------
    Figure
        One heatmap coloured with :data:`SEQUENTIAL`.

    Examples
    --------
    >>> table = pd.DataFrame([[0.5, 0.5], [0.2, 0.8]], index=["x", "y"], columns=["a", "b"])
    >>> fig = share_heatmap(table, xlabel="Type", ylabel="Event", colorbar_label="Share (%)")
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['50%', '50%', '20%', '80%']
    >>> plt.close(fig)
    """
    percent = fmt.endswith("%")
    width = 2.5 + 0.75 * len(table.columns) + 0.07 * max(len(str(i)) for i in table.index)
    height = 1.6 + 0.42 * len(table.index)
    if square:
        width = height = 2.5 + 0.6 * max(len(table.columns), len(table.index))
        width += 1.2
    fig, ax = plt.subplots(figsize=(width, height))
    sns.heatmap(
        table.astype(float),
        annot=True,
        fmt=fmt,
        cmap=SEQUENTIAL,
        square=square,
        linewidths=0.5,
        vmin=0.0,
        vmax=1.0 if percent else None,
        cbar_kws={"label": colorbar_label},
        ax=ax,
    )
    if percent:
        ax.collections[0].colorbar.ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    _label_heatmap(ax, xlabel, ylabel)
    return fig


def cumulative_line(series: pd.Series, *, xlabel: str, ylabel: str) -> Figure:
    """Draw a running total over time as a step line.

    Parameters
    ----------
    series : Series
        Cumulative values indexed by time (for example monthly counts after ``cumsum()``).
    xlabel, ylabel : str
        Axis labels, with units.

    Returns
    -------
    Figure
        One axes with a step line that rises from zero at the first time point.

    Examples
    --------
    >>> months = pd.date_range("2020-01-01", periods=3, freq="MS")
    >>> fig = cumulative_line(pd.Series([5, 6, 9], index=months), xlabel="Month", ylabel="Total")
    >>> float(fig.axes[0].get_ylim()[0])
    0.0
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots()
    # Start from zero at the first time point, so that the first jump is drawn too.
    times = [series.index[0], *series.index]
    values = [0, *series.to_numpy()]
    ax.step(times, values, where="post", color=_SINGLE, linewidth=2)
    ax.set_ylim(bottom=0.0)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    fig.autofmt_xdate()
    return fig


def share_bars(
    shares: pd.DataFrame,
    *,
    x: str,
    y: str,
    hue: str | None = None,
    xlabel: str,
    ylabel: str,
) -> Figure:
    """Draw horizontal bars for shares or counts of categories.

    A thin wrapper over :func:`seaborn.barplot` with one bar per row (no error bars), used for
    platform mixes and information types.

    Parameters
    ----------
    shares : DataFrame
        One row per bar (per category, or per category and hue level).
    x : str
        Numeric column: the bar lengths.
    y : str
        Categorical column: one bar (group) per value, in order of first appearance.
    hue : str, optional
        Categorical column splitting each bar into coloured sub-bars, with a legend.
    xlabel, ylabel : str
        Axis labels; give the unit in ``xlabel`` ("Share of posts (%)", "Posts").

    Returns
    -------
    Figure
        One axes of horizontal bars.

    Examples
    --------
    >>> shares = pd.DataFrame({"platform": ["Facebook", "X"], "share": [0.6, 0.4]})
    >>> fig = share_bars(shares, x="share", y="platform", xlabel="Share of posts",
    ...                  ylabel="Platform")
    >>> len(fig.axes[0].patches)
    2
    >>> plt.close(fig)
    """
    n_hues = 1 if hue is None else shares[hue].nunique()
    height_per_group = 0.45 if n_hues == 1 else 0.25 * n_hues
    fig, ax = plt.subplots(figsize=(6.4, 1.2 + height_per_group * shares[y].nunique()))
    sns.barplot(
        data=shares,
        x=x,
        y=y,
        hue=hue,
        orient="h",
        errorbar=None,
        saturation=1.0,
        color=_SINGLE if hue is None else None,
        palette=PALETTE[:n_hues] if hue is not None else None,
        ax=ax,
    )
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if hue is not None and ax.get_legend() is not None:
        sns.move_legend(ax, "center left", bbox_to_anchor=(1.0, 0.5), title=hue, frameon=False)
    return fig
