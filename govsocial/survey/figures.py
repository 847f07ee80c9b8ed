"""The chapter's figures, drawn with the book's theme (``govsocial.plots``).

Response rates, shares against the frame's truth, shares by department, predicted
probabilities and the factor effects as a heatmap. Each takes the table an analysis function
returns and gives back a matplotlib figure.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from govsocial import plots
from govsocial.plots import PALETTE

from .models import CouplingFits, coefficient_matrix
from .questionnaire import COUPLING_LABELS, COUPLINGS, DEPARTMENTS, FACTOR_LABELS

__all__ = [
    "coefficient_figure",
    "department_shares_figure",
    "probability_figure",
    "response_rate_figure",
    "shares_figure",
]


def _dots(
    ax: plt.Axes,
    table: pd.DataFrame,
    *,
    rows: str,
    row_order: Sequence[str],
    groups: str,
    x: str = "share",
) -> None:
    """Draw one dot with its 95% interval per row and group, groups side by side in colour."""
    labels = list(dict.fromkeys(table[groups].astype(str)))
    offsets = np.linspace(-0.25, 0.25, len(labels)) if len(labels) > 1 else [0.0]
    for colour, offset, label in zip(PALETTE, offsets, labels, strict=False):
        part = table[table[groups].astype(str) == label]
        y = np.array([list(row_order).index(r) for r in part[rows]]) + offset
        value = part[x].to_numpy(dtype=float)
        ax.errorbar(
            value, y,
            xerr=[value - part["ci_low"].to_numpy(), part["ci_high"].to_numpy() - value],
            fmt="o", color=colour, capsize=2, label=label,
        )  # fmt: skip
    ax.set_yticks(range(len(row_order)))
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    ax.grid(axis="y", visible=False)


def _departments(seen: pd.Series) -> list[str]:
    """Order the departments present as the survey lists them (others after them)."""
    present = list(dict.fromkeys(seen))
    return [d for d in DEPARTMENTS if d in present] + [d for d in present if d not in DEPARTMENTS]


def response_rate_figure(rates: pd.DataFrame, *, overall: float | None = None) -> Figure:
    """Response rates with 95% CIs by department (rows) and city-size class (colours).

    Parameters
    ----------
    rates : DataFrame
        :func:`response_rates` by ``["department", "size_class"]``.
    overall : float, optional
        The overall rate, drawn as a dashed line.
    """
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    departments = _departments(rates["department"])
    _dots(ax, rates, rows="department", row_order=departments, groups="size_class", x="rate")
    if overall is not None:
        ax.axvline(overall, color="0.25", linestyle="--", linewidth=1)
    ax.set_yticklabels(departments)
    ax.invert_yaxis()
    ax.set_xlabel("Response rate (share of invited managers, 95% CI)")
    ax.set_ylabel("Department")
    ax.legend(
        title="City population",
        frameon=False,
        loc="upper center",
        bbox_to_anchor=(0.4, -0.2),
        ncols=3,
    )
    return fig


def shares_figure(bias: pd.DataFrame) -> Figure:
    """Shares of each coupling, unweighted and weighted, with 95% CIs and the frame's truth.

    Parameters
    ----------
    bias : DataFrame
        :func:`nonresponse_bias` (or any table with ``coupling``, ``estimate``, ``share``,
        ``ci_low``, ``ci_high``; a ``truth`` column adds black diamonds).
    """
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    _dots(ax, bias, rows="coupling", row_order=COUPLINGS, groups="estimate")
    if "truth" in bias:
        truth = bias.drop_duplicates("coupling")
        ax.scatter(
            truth["truth"],
            [COUPLINGS.index(c) for c in truth["coupling"]],
            marker="D",
            color="black",
            s=30,
            zorder=3,
            label="everyone invited (truth)",
        )
    ax.set_yticklabels([COUPLING_LABELS[c] for c in COUPLINGS])
    ax.invert_yaxis()
    ax.set_xlabel("Share of departments using social media for the task (95% CI)")
    ax.set_ylabel("Coupling")
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.35, -0.2), ncols=2)
    return fig


def department_shares_figure(shares: pd.DataFrame) -> Figure:
    """Shares of each coupling by department, one panel per coupling, estimates in colour.

    Parameters
    ----------
    shares : DataFrame
        :func:`weighted_shares` by ``"department"`` for several weightings, stacked, with an
        ``estimate`` column naming each (``"unweighted"``, ``"raked"``).
    """
    departments = _departments(shares["department"])
    fig, axes = plt.subplots(
        2, 2, figsize=(8.0, 5.6), sharex=True, sharey=True, layout="constrained"
    )
    for ax, coupling in zip(axes.flat, COUPLINGS, strict=True):
        part = shares[shares["outcome"] == coupling]
        _dots(ax, part, rows="department", row_order=departments, groups="estimate")
        ax.set_title(COUPLING_LABELS[coupling], fontsize="medium")
        ax.set_yticklabels(departments)
        ax.set_xlim(0, 1)
    axes[0, 0].invert_yaxis()  # the axes share y: once for all
    fig.supylabel("Department", fontsize="medium")
    fig.supxlabel(
        "Share of departments using social media for the task (95% CI)", fontsize="medium"
    )
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, frameon=False, ncols=len(labels), loc="outside upper center")
    return fig


def probability_figure(probabilities: pd.DataFrame) -> Figure:
    """Predicted probability of each coupling at a low and a high value of each factor.

    One panel per coupling (two by two); in each, one row per factor with the low (open circle)
    and high (filled circle) predictions and their 95% intervals.

    Parameters
    ----------
    probabilities : DataFrame
        :func:`predicted_probabilities`.
    """
    factors = list(dict.fromkeys(probabilities["factor"]))
    fig, axes = plt.subplots(
        2, 2, figsize=(8.0, 5.6), sharey=True, sharex=True, layout="constrained"
    )
    for ax, coupling in zip(axes.flat, COUPLINGS, strict=True):
        part = probabilities[probabilities["coupling"] == coupling]
        for level, colour, shift in (("low", PALETTE[0], 0.15), ("high", PALETTE[3], -0.15)):
            rows = part[part["level"] == level].set_index("factor").reindex(factors)
            y = np.arange(len(factors)) + shift
            p = rows["probability"].to_numpy()
            ax.errorbar(
                p, y, xerr=[p - rows["ci_low"].to_numpy(), rows["ci_high"].to_numpy() - p],
                fmt="o", color=colour, capsize=2, mfc="white" if level == "low" else colour,
                label=f"{rows['value'].iloc[0]:+g} SD",
            )  # fmt: skip
        ax.set_title(COUPLING_LABELS[coupling], fontsize="medium")
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
        ax.grid(axis="y", visible=False)
        ax.set_yticks(range(len(factors)), labels=[FACTOR_LABELS[f] for f in factors])
    axes[0, 0].invert_yaxis()
    fig.supylabel("Factor set low or high", fontsize="medium")
    fig.supxlabel(
        "Predicted probability of using social media for the task (95% CI)", fontsize="medium"
    )
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(
        handles, labels, title="Factor value", frameon=False, ncols=2, loc="outside upper center"
    )
    return fig


def coefficient_figure(fits: CouplingFits, *, level: float = 0.05) -> Figure:
    """Draw the factor effects of every coupling as one heatmap, significant cells starred.

    Parameters
    ----------
    fits : CouplingFits
        :func:`fit_couplings`.
    level : float
        Holm-adjusted p-value below which a cell gets a star.
    """
    coefficients = coefficient_matrix(fits)
    marks = coefficient_matrix(fits, "p_holm") < level
    for table in (coefficients, marks):
        table.index = [FACTOR_LABELS.get(f, f) for f in table.index]
        table.columns = [COUPLING_LABELS[c] for c in table.columns]
    return plots.coefficient_heatmap(
        coefficients,
        marks=marks,
        xlabel="Coupling (one logistic regression each)",
        ylabel="Organisational factor",
        colorbar_label="Log-odds per standard deviation",
    )
