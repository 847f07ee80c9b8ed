"""Saturation: new codes per added interview, the chance of hearing a theme, unheard themes.

Works on an interview by theme incidence table (bool): did the interview voice the theme?
:func:`chao2` is the incidence form of Chao's species-richness estimator (Chao1 counts
individuals; interviews are sampling units, so the themes heard in exactly one and in exactly
two interviews take the place of singletons and doubletons).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = [
    "chance_heard",
    "chao2",
    "incidence",
    "new_codes_curve",
    "random_order_curves",
    "saturation_incidence",
]


def incidence(coded: pd.DataFrame, segments: pd.DataFrame, order: list[str] | None = None
              ) -> pd.DataFrame:
    """Interview by code (bool), in interview order.

    Examples
    --------
    >>> coded = pd.DataFrame({"a": [True, False], "b": [False, True]}, index=["s1", "s2"])
    >>> segs = pd.DataFrame({"segment": ["s1", "s2"], "interview": ["I1", "I2"]})
    >>> incidence(coded, segs).values.tolist()
    [[True, False], [False, True]]
    """
    interview = segments.set_index("segment")["interview"].reindex(coded.index)
    table = coded.groupby(interview.to_numpy()).any().rename_axis("interview")
    order = order or list(dict.fromkeys(segments["interview"]))
    return table.reindex(order, fill_value=False)


def new_codes_curve(table: pd.DataFrame) -> pd.DataFrame:
    """Count the new codes heard with each added interview, in the table's order.

    Returns
    -------
    DataFrame
        ``interview``, ``position`` (1, 2, ...), ``new`` (codes first heard there),
        ``heard`` (codes heard so far), ``new_codes`` (their names, joined by ", ").

    Examples
    --------
    >>> table = pd.DataFrame({"a": [1, 1, 0], "b": [0, 1, 1], "c": [0, 0, 0]},
    ...                      index=["I1", "I2", "I3"]).astype(bool)
    >>> new_codes_curve(table)[["new", "heard"]].values.tolist()
    [[1, 1], [1, 2], [0, 2]]
    """
    values = table.to_numpy().astype(bool)
    seen = np.maximum.accumulate(values, axis=0)
    heard = seen.sum(axis=1)
    new = np.diff(np.concatenate([[0], heard]))
    first = seen & ~np.vstack([np.zeros((1, values.shape[1]), bool), seen[:-1]])
    names = [", ".join(table.columns[row]) for row in first]
    return pd.DataFrame({"interview": list(table.index), "position": np.arange(1, len(table) + 1),
                         "new": new, "heard": heard, "new_codes": names})


def random_order_curves(table: pd.DataFrame, *, n_orders: int = 500, seed: int = 0,
                        level: float = 0.9) -> pd.DataFrame:
    """Codes heard after n interviews over random orders of the interviews.

    Returns
    -------
    DataFrame
        ``position``, ``mean``, ``low``, ``high`` (the middle ``level`` of the orders), and
        ``all_heard``: the share of orders in which every code of the table was heard by then.

    Examples
    --------
    >>> table = pd.DataFrame({"a": [1, 0], "b": [0, 1]}, index=["I1", "I2"]).astype(bool)
    >>> random_order_curves(table, n_orders=10)["mean"].tolist()
    [1.0, 2.0]
    """
    values = table.to_numpy().astype(bool)
    rng = np.random.default_rng(seed)
    orders = np.argsort(rng.random((n_orders, len(values))), axis=1)
    seen = np.maximum.accumulate(values[orders], axis=1)  # orders x position x code
    heard = seen.sum(axis=2)
    total = values.any(axis=0).sum()
    tail = (1 - level) / 2
    return pd.DataFrame({
        "position": np.arange(1, len(values) + 1),
        "mean": heard.mean(axis=0),
        "low": np.quantile(heard, tail, axis=0),
        "high": np.quantile(heard, 1 - tail, axis=0),
        "all_heard": (heard == total).mean(axis=0),
    })


def chance_heard(share: float | np.ndarray, interviews: int | np.ndarray) -> float | np.ndarray:
    """Chance that a theme held by a share ``share`` of agencies is heard in n interviews.

    With interviewees drawn independently, ``1 - (1 - share) ** interviews``.

    Examples
    --------
    >>> round(chance_heard(0.1, 15), 3)
    0.794
    """
    chance = 1 - (1 - np.asarray(share, float)) ** np.asarray(interviews, float)
    return float(chance) if chance.ndim == 0 else chance


def chao2(table: pd.DataFrame) -> dict[str, float]:
    """Estimate how many themes exist, heard or not, from interview by theme incidence.

    The bias-corrected incidence estimator: ``S_obs + (m - 1) / m * Q1 * (Q1 - 1) /
    (2 * (Q2 + 1))`` with ``m`` interviews, ``Q1`` themes heard in exactly one interview and
    ``Q2`` in exactly two.

    Returns
    -------
    dict
        ``observed``, ``singletons`` (Q1), ``doubletons`` (Q2), ``estimate`` and ``unheard``
        (estimate minus observed).

    Examples
    --------
    >>> table = pd.DataFrame({"a": [1, 1, 1], "b": [1, 0, 0], "c": [0, 1, 0],
    ...                       "d": [1, 1, 0]}).astype(bool)
    >>> chao2(table)["estimate"]
    4.333333333333333
    """
    counts = table.to_numpy().astype(bool).sum(axis=0)
    m = len(table)
    observed = int((counts > 0).sum())
    q1, q2 = int((counts == 1).sum()), int((counts == 2).sum())
    extra = (m - 1) / m * q1 * (q1 - 1) / (2 * (q2 + 1)) if m and q1 > 1 else 0.0
    return {"observed": observed, "singletons": q1, "doubletons": q2,
            "estimate": observed + extra, "unheard": extra}


def saturation_incidence(seed: int, shares: np.ndarray, interviews: int = 15) -> pd.DataFrame:
    """Simulate which of a world's themes each interview voices, each with its own share.

    Parameters
    ----------
    seed : int
        Seed of the draw.
    shares : array
        Each theme's share of agencies that hold it.
    interviews : int
        Number of interviews (agencies drawn independently).

    Examples
    --------
    >>> saturation_incidence(1, np.array([1.0, 0.0]), 3).sum().tolist()
    [3, 0]
    """
    rng = np.random.default_rng(seed)
    values = rng.random((interviews, len(shares))) < np.asarray(shares)
    columns = [f"theme {k + 1:02d}" for k in range(len(shares))]
    return pd.DataFrame(values, columns=columns,
                        index=[f"I{k + 1:02d}" for k in range(interviews)])
