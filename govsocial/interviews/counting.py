"""Counting honestly: agencies per theme and level with intervals, co-occurrence, SWOT.

An agency "mentions" a theme when at least one segment of one of its officials carries the
(reconciled) code. Counts are of agencies, not of segments or officials: a talkative official
or an agency with two interviewees must not count twice.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx
import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from .codebook import CODES, LEVELS, SWOT, codebook

__all__ = [
    "agency_mentions",
    "cooccurrence",
    "cooccurrence_network",
    "mention_table",
    "swot_table",
]


def agency_mentions(coded: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """Tell, for every agency and code, whether any segment of the agency carries the code.

    Parameters
    ----------
    coded : DataFrame
        Segment by code (bool), indexed by segment (from ``reconciled``).
    segments : DataFrame
        ``segment``, ``agency``.

    Examples
    --------
    >>> coded = pd.DataFrame({"policy": [True, False, False]}, index=["s1", "s2", "s3"])
    >>> segs = pd.DataFrame({"segment": ["s1", "s2", "s3"], "agency": ["x", "x", "y"]})
    >>> agency_mentions(coded, segs)["policy"].to_dict()
    {'x': True, 'y': False}
    """
    agency = segments.set_index("segment")["agency"].reindex(coded.index)
    return coded.groupby(agency.to_numpy()).any().rename_axis("agency")


def mention_table(mentions: pd.DataFrame, agencies: pd.DataFrame, *, method: str = "beta",
                  level: float = 0.95, code_list: Sequence[str] = CODES) -> pd.DataFrame:
    """How many agencies mention each code, overall and by level of government, with intervals.

    Parameters
    ----------
    mentions : DataFrame
        Agency by code (bool), from :func:`agency_mentions`.
    agencies : DataFrame
        ``agency``, ``level``: every agency interviewed (an agency that mentioned nothing
        still counts in the denominator).
    method : str
        statsmodels' ``proportion_confint`` method: ``"beta"`` (Clopper-Pearson, exact) or
        ``"wilson"``.
    level : float
        Coverage of the intervals.

    Returns
    -------
    DataFrame
        One row per code and group (``level`` is ``"all"`` for every agency): ``code``,
        ``level``, ``agencies`` (n), ``mentioning`` (k), ``share``, ``ci_low``, ``ci_high``.

    Examples
    --------
    >>> mentions = pd.DataFrame({"policy": [True, True, False]}, index=["x", "y", "z"])
    >>> agencies = pd.DataFrame({"agency": ["x", "y", "z"],
    ...                          "level": ["federal", "federal", "municipal"]})
    >>> table = mention_table(mentions, agencies, code_list=["policy"])
    >>> table[["level", "mentioning", "agencies"]].values.tolist()
    [['all', 2, 3], ['federal', 2, 2], ['municipal', 0, 1]]
    """
    full = mentions.reindex(index=agencies["agency"], columns=list(code_list), fill_value=False)
    full = full.fillna(False).astype(bool)
    groups = [("all", np.ones(len(agencies), bool))]
    groups += [(lv, (agencies["level"] == lv).to_numpy()) for lv in LEVELS
               if (agencies["level"] == lv).any()]
    rows = []
    for code in code_list:
        for name, inside in groups:
            n = int(inside.sum())
            k = int(full[code].to_numpy()[inside].sum())
            low, high = proportion_confint(k, n, alpha=1 - level, method=method)
            rows.append({"code": code, "level": name, "agencies": n, "mentioning": k,
                         "share": k / n, "ci_low": float(low), "ci_high": float(high)})
    return pd.DataFrame(rows)


def cooccurrence(coded: pd.DataFrame) -> pd.DataFrame:
    """Code by code: segments carrying both codes (the diagonal: segments carrying the code).

    Examples
    --------
    >>> coded = pd.DataFrame({"a": [True, True, False], "b": [True, False, True]})
    >>> cooccurrence(coded).values.tolist()
    [[2, 1], [1, 2]]
    """
    values = coded.to_numpy().astype(int)
    return pd.DataFrame(values.T @ values, index=coded.columns, columns=coded.columns)


def cooccurrence_network(matrix: pd.DataFrame, *, min_count: int = 1) -> nx.Graph:
    """Turn the co-occurrence matrix into a network: codes as nodes, shared segments as weights.

    Examples
    --------
    >>> m = pd.DataFrame([[3, 2, 0], [2, 4, 0], [0, 0, 1]], index=list("abc"),
    ...                  columns=list("abc"))
    >>> graph = cooccurrence_network(m)
    >>> sorted(graph.edges(data="weight")), graph.number_of_nodes()
    ([('a', 'b', 2)], 3)
    """
    graph = nx.Graph()
    for code in matrix.index:
        graph.add_node(code, segments=int(matrix.loc[code, code]))
    codes = list(matrix.index)
    for i, first in enumerate(codes):
        for second in codes[i + 1:]:
            weight = int(matrix.loc[first, second])
            if weight >= min_count:
                graph.add_edge(first, second, weight=weight)
    return graph


def swot_table(mentions: pd.DataFrame, coded: pd.DataFrame, segments: pd.DataFrame, *,
               book: pd.DataFrame | None = None) -> pd.DataFrame:
    """Assemble a SWOT table from the codes: each cell's themes, agency counts and a quotation.

    Parameters
    ----------
    mentions : DataFrame
        Agency by code (bool).
    coded : DataFrame
        Segment by code (bool), indexed by segment.
    segments : DataFrame
        ``segment``, ``text``.
    book : DataFrame, optional
        The codebook (``code``, ``label``, ``swot``); the chapter's by default.

    Returns
    -------
    DataFrame
        One row per code heard at least once, ordered by SWOT cell and then by agencies:
        ``swot``, ``theme``, ``agencies`` ("k of n"), ``segments``, ``quotation`` (the code's
        first segment that carries no other code, or its first segment).

    Examples
    --------
    >>> coded = pd.DataFrame({"policy": [True]}, index=["s1"])
    >>> mentions = pd.DataFrame({"policy": [True, False]}, index=["x", "y"])
    >>> segs = pd.DataFrame({"segment": ["s1"], "text": ["Our policy says no."]})
    >>> swot_table(mentions, coded, segs)[["swot", "agencies", "quotation"]].values.tolist()
    [['weakness', '1 of 2', 'Our policy says no.']]
    """
    book = codebook() if book is None else book
    text = segments.set_index("segment")["text"]
    rows = []
    for entry in book.itertuples(index=False):
        if entry.code not in coded.columns or not coded[entry.code].any():
            continue
        carrying = coded.index[coded[entry.code].to_numpy()]
        alone = [s for s in carrying if coded.loc[s].sum() == 1]
        rows.append({"swot": entry.swot, "theme": entry.label,
                     "agencies": f"{int(mentions[entry.code].sum())} of {len(mentions)}",
                     "segments": int(len(carrying)),
                     "quotation": text[(alone or list(carrying))[0]],
                     "_k": int(mentions[entry.code].sum())})
    table = pd.DataFrame(rows)
    if table.empty:
        return pd.DataFrame(columns=["swot", "theme", "agencies", "segments", "quotation"])
    table["_cell"] = table["swot"].map({s: i for i, s in enumerate(SWOT)})
    table = table.sort_values(["_cell", "_k"], ascending=[True, False], kind="stable")
    return table.drop(columns=["_cell", "_k"]).reset_index(drop=True)
