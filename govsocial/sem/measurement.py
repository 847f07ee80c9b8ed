"""Measurement first: reliability and validity of each construct's items.

- **composite reliability** ``(sum l)^2 / ((sum l)^2 + sum(1 - l^2))`` of standardised loadings
  ``l``; 0.7 is the usual floor;
- **average variance extracted** (AVE), the mean squared loading; 0.5 is the usual floor (the
  construct explains at least half of its items' variance);
- **Fornell-Larcker**: the square root of each construct's AVE should exceed its correlations
  with every other construct;
- **HTMT**, the heterotrait-monotrait ratio: mean correlation between two constructs' items over
  the geometric mean of the mean correlations within each; above 0.85 (or 0.9) signals that two
  constructs are not distinct.

Public: :func:`reliability`, :func:`fornell_larcker`, :func:`htmt`, :func:`weak_items`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .model import Model

__all__ = ["fornell_larcker", "htmt", "reliability", "weak_items"]


def reliability(loadings: pd.Series, model: Model) -> pd.DataFrame:
    """Composite reliability and AVE of every construct from standardised loadings.

    Examples
    --------
    >>> from govsocial.sem.model import parse_model
    >>> m = parse_model("A =~ a1 + a2")
    >>> reliability(pd.Series({"a1": 0.8, "a2": 0.8}), m).round(3).to_dict("records")
    [{'construct': 'A', 'items': 2, 'composite_reliability': 0.78, 'ave': 0.64}]
    """
    rows = []
    for construct, items in model.blocks.items():
        lam = loadings[items].to_numpy()
        total = lam.sum() ** 2
        rows.append(
            {
                "construct": construct,
                "items": len(items),
                "composite_reliability": total / (total + (1 - lam**2).sum()),
                "ave": float((lam**2).mean()),
            }
        )
    return pd.DataFrame(rows)


def weak_items(loadings: pd.Series, *, floor: float = 0.7) -> list[str]:
    """Items whose standardised loading is below ``floor`` (0.7: half its variance shared).

    Examples
    --------
    >>> weak_items(pd.Series({"a1": 0.8, "a2": 0.3}))
    ['a2']
    """
    return loadings[loadings < floor].index.tolist()


def fornell_larcker(scores: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Construct correlations with the square root of each AVE on the diagonal.

    Parameters
    ----------
    scores : DataFrame
        Construct scores (one column per construct).
    table : DataFrame
        From :func:`reliability`.

    Examples
    --------
    >>> s = pd.DataFrame({"A": [1.0, 2, 3, 4], "B": [1.0, 3, 2, 4]})
    >>> t = pd.DataFrame({"construct": ["A", "B"], "ave": [0.64, 0.81]})
    >>> fornell_larcker(s, t).round(2).to_numpy().tolist()
    [[0.8, 0.8], [0.8, 0.9]]
    """
    corr = scores.corr()
    ave = table.set_index("construct")["ave"]
    for c in corr.columns:
        corr.loc[c, c] = np.sqrt(ave[c])
    return corr


def htmt(items: pd.DataFrame, model: Model) -> pd.DataFrame:
    r"""Heterotrait-monotrait ratio of every pair of constructs (NaN on the diagonal).

    Examples
    --------
    >>> from govsocial.sem.model import parse_model
    >>> m = parse_model("A =~ a1 + a2\nB =~ b1 + b2")
    >>> r = np.array([[1, .6, .3, .3], [.6, 1, .3, .3], [.3, .3, 1, .6], [.3, .3, .6, 1]])
    >>> z = np.random.default_rng(0).multivariate_normal(np.zeros(4), r, 20000)
    >>> x = pd.DataFrame(z, columns=["a1", "a2", "b1", "b2"])
    >>> round(float(htmt(x, m).loc["A", "B"]), 1)
    0.5
    """
    corr = items[model.items].corr().abs()
    names = model.constructs

    def mono(c: str) -> float:
        block = corr.loc[model.blocks[c], model.blocks[c]].to_numpy()
        k = len(block)
        return (block.sum() - k) / (k * (k - 1)) if k > 1 else 1.0

    table = pd.DataFrame(np.nan, index=names, columns=names)
    for a in names:
        for b in names:
            if a != b:
                hetero = corr.loc[model.blocks[a], model.blocks[b]].to_numpy().mean()
                table.loc[a, b] = hetero / np.sqrt(mono(a) * mono(b))
    return table
