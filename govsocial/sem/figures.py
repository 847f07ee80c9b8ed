"""The chapter's figures, drawn with the book's theme.

Public: :func:`paths_figure`, :func:`response_index_figure`.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from govsocial.plots import PALETTE

__all__ = ["paths_figure", "response_index_figure"]


def paths_figure(table: pd.DataFrame) -> Figure:
    """Planted paths beside the PLS-SEM (with its bootstrap interval) and CB-SEM estimates.

    Parameters
    ----------
    table : DataFrame
        From :func:`~govsocial.sem.recovery.recovery_table`; ``planted`` may be NaN (own data).

    Examples
    --------
    >>> t = pd.DataFrame({"path": ["A -> B"], "planted": [0.3], "pls": [0.25],
    ...     "pls_low": [0.1], "pls_high": [0.4], "cb_sem": [0.3]})
    >>> paths_figure(t).axes[0].get_xlabel()
    'standardised path coefficient (SD of effect per SD of cause)'
    """
    fig, ax = plt.subplots(figsize=(7, 0.6 * len(table) + 1.2), layout="constrained")
    y = range(len(table))
    ax.errorbar(
        table["pls"],
        [k + 0.15 for k in y],
        xerr=[table["pls"] - table["pls_low"], table["pls_high"] - table["pls"]],
        fmt="o",
        color=PALETTE[3],
        label="PLS-SEM (95% bootstrap CI)",
    )
    ax.plot(table["cb_sem"], [k - 0.15 for k in y], "s", color=PALETTE[1], label="CB-SEM")
    if table["planted"].notna().any():
        ax.plot(table["planted"], list(y), "D", color="black", label="planted")
    ax.axvline(0, color="0.25", linewidth=0.8)
    ax.set_yticks(list(y), table["path"])
    ax.invert_yaxis()
    ax.set_xlabel("standardised path coefficient (SD of effect per SD of cause)")
    ax.set_ylabel("path (cause -> effect)")
    ax.legend(loc="best", frameon=False)
    return fig


def response_index_figure(index: pd.Series) -> Figure:
    """Draw the daily Government Response Index of one country as a line.

    Examples
    --------
    >>> days = pd.date_range("2020-03-01", periods=3)
    >>> response_index_figure(pd.Series([10.0, 50, 40], index=days)).axes[0].get_ylabel()
    'Government Response Index (0-100)'
    """
    fig, ax = plt.subplots(figsize=(7, 3.2), layout="constrained")
    ax.plot(index.index, index.to_numpy(), color=PALETTE[3], linewidth=1.2)
    ax.set_ylim(0, 100)
    ax.set_xlabel("day")
    ax.set_ylabel("Government Response Index (0-100)")
    return fig
