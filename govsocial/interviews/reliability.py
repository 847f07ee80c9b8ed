"""Two coders: indicator tables, Krippendorff's alpha and Cohen's kappa per code, disagreements.

Every segment is a unit and every code a yes/no question about it, so agreement is computed per
code. Alpha comes from the ``krippendorff`` package and kappa from scikit-learn; the bootstrap
resamples segments and uses the closed forms for two coders and two values (checked against the
packages in the tests), so that a thousand resamples take milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence

import krippendorff
import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

from .codebook import CODES

__all__ = [
    "agreement_table",
    "coder_matrix",
    "confusion_rates",
    "disagreements",
    "reconciled",
]


def coder_matrix(codes: pd.DataFrame, segments: Sequence[str], coder: str,
                 code_list: Sequence[str] = CODES) -> pd.DataFrame:
    """Segment by code table (bool) of the codes one coder gave.

    Examples
    --------
    >>> codes = pd.DataFrame({"segment": ["s1", "s2"], "coder": ["A", "A"],
    ...                       "code": ["policy", "culture"]})
    >>> coder_matrix(codes, ["s1", "s2", "s3"], "A", ["policy", "culture"]).sum().tolist()
    [1, 1]
    """
    mine = codes[codes["coder"] == coder]
    table = pd.crosstab(mine["segment"], mine["code"]).astype(bool)
    return table.reindex(index=list(segments), columns=list(code_list), fill_value=False)


def _alpha_kappa(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Alpha and kappa of binary ratings, along the last axis (two coders, no missing)."""
    a, b = a.astype(float), b.astype(float)
    units = a.shape[-1]
    ones = a.sum(-1) + b.sum(-1)
    values = 2 * units
    zeros = values - ones
    differ = (a != b).sum(-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = 1 - (values - 1) * differ / (zeros * ones)
        pa, pb = a.mean(-1), b.mean(-1)
        expected = pa * pb + (1 - pa) * (1 - pb)
        kappa = ((1 - differ / units) - expected) / (1 - expected)
    return alpha, kappa


def agreement_table(codes: pd.DataFrame, segments: Sequence[str], *, coders=("A", "B"),
                    code_list: Sequence[str] = CODES, n_boot: int = 1000, seed: int = 0,
                    level: float = 0.95) -> pd.DataFrame:
    """Krippendorff's alpha and Cohen's kappa per code, with bootstrap intervals over segments.

    Parameters
    ----------
    codes : DataFrame
        ``segment``, ``coder``, ``code``.
    segments : sequence of str
        Every segment both coders read (a segment without codes counts: both said "no").
    coders : pair of str
        The two coders compared.
    code_list : sequence of str
        The codes to compare.
    n_boot : int
        Bootstrap resamples of segments.
    seed : int
        Seed of the resampling.
    level : float
        Coverage of the percentile intervals.

    Returns
    -------
    DataFrame
        One row per code: ``code``, ``n_a``, ``n_b`` (segments each coder gave it), ``alpha``,
        ``alpha_low``, ``alpha_high``, ``kappa``, ``kappa_low``, ``kappa_high``. Alpha and kappa
        are NaN for a code neither coder used.

    Examples
    --------
    >>> codes = pd.DataFrame({"segment": ["s1", "s1", "s2", "s3"],
    ...     "coder": ["A", "B", "A", "B"], "code": ["policy"] * 4})
    >>> table = agreement_table(codes, ["s1", "s2", "s3", "s4"], code_list=["policy"])
    >>> round(table["kappa"].item(), 2)
    0.0
    """
    a = coder_matrix(codes, segments, coders[0], code_list).to_numpy().T
    b = coder_matrix(codes, segments, coders[1], code_list).to_numpy().T
    rng = np.random.default_rng(seed)
    draws = rng.integers(len(segments), size=(n_boot, len(segments)))
    tail = (1 - level) / 2 * 100
    rows = []
    for k, code in enumerate(code_list):
        used = a[k].any() or b[k].any()
        alpha = kappa = np.nan
        if used:
            alpha = krippendorff.alpha(reliability_data=np.vstack([a[k], b[k]]).astype(int),
                                       level_of_measurement="nominal")
            kappa = cohen_kappa_score(a[k], b[k]) if (a[k] != b[k]).any() else 1.0
        boot_alpha, boot_kappa = _alpha_kappa(a[k][draws], b[k][draws])
        ends = []
        for boot in (boot_alpha, boot_kappa):
            boot = boot[np.isfinite(boot)]
            ends.append(np.percentile(boot, [tail, 100 - tail]) if used and len(boot)
                        else (np.nan, np.nan))
        rows.append({"code": code, "n_a": int(a[k].sum()), "n_b": int(b[k].sum()),
                     "alpha": float(alpha), "alpha_low": ends[0][0], "alpha_high": ends[0][1],
                     "kappa": float(kappa), "kappa_low": ends[1][0],
                     "kappa_high": ends[1][1]})
    return pd.DataFrame(rows)


def disagreements(codes: pd.DataFrame, segments: pd.DataFrame, *, coders=("A", "B")
                  ) -> pd.DataFrame:
    """List the segments the two coders coded differently, for a reconciliation meeting.

    Returns
    -------
    DataFrame
        ``segment``, ``text``, ``only_a`` and ``only_b`` (codes one coder gave and the other
        did not, joined by ", "), in segment order.

    Examples
    --------
    >>> codes = pd.DataFrame({"segment": ["s1", "s1"], "coder": ["A", "B"],
    ...                       "code": ["policy", "legislation"]})
    >>> segs = pd.DataFrame({"segment": ["s1", "s2"], "text": ["Our rules.", "Hello."]})
    >>> disagreements(codes, segs)[["only_a", "only_b"]].values.tolist()
    [['policy', 'legislation']]
    """
    given: dict[tuple[str, str], set[str]] = {}
    for segment, coder, code in zip(codes["segment"], codes["coder"], codes["code"],
                                    strict=True):
        given.setdefault((segment, coder), set()).add(code)
    rows = []
    for segment, text in zip(segments["segment"], segments["text"], strict=True):
        first = given.get((segment, coders[0]), set())
        second = given.get((segment, coders[1]), set())
        if first != second:
            rows.append({"segment": segment, "text": text,
                         "only_a": ", ".join(sorted(first - second)),
                         "only_b": ", ".join(sorted(second - first))})
    return pd.DataFrame(rows, columns=["segment", "text", "only_a", "only_b"])


def confusion_rates(codes: pd.DataFrame, segments: Sequence[str], pairs: dict[str, str], *,
                    coders=("A", "B")) -> pd.DataFrame:
    """How often the second coder gave a neighbouring code where the first gave a code.

    For each pair (code, neighbour): among segments the first coder gave ``code`` and not
    ``neighbour``, the share the second coder gave ``neighbour`` and not ``code``.

    Returns
    -------
    DataFrame
        ``code``, ``neighbour``, ``segments`` (the denominator), ``swapped``, ``rate``.

    Examples
    --------
    >>> codes = pd.DataFrame({"segment": ["s1", "s1", "s2", "s2"],
    ...     "coder": ["A", "B", "A", "B"],
    ...     "code": ["policy", "legislation", "policy", "policy"]})
    >>> confusion_rates(codes, ["s1", "s2"], {"policy": "legislation"})["rate"].item()
    0.5
    """
    a = coder_matrix(codes, segments, coders[0])
    b = coder_matrix(codes, segments, coders[1])
    rows = []
    for code, neighbour in pairs.items():
        base = a[code] & ~a[neighbour]
        swapped = base & b[neighbour] & ~b[code]
        n = int(base.sum())
        rows.append({"code": code, "neighbour": neighbour, "segments": n,
                     "swapped": int(swapped.sum()),
                     "rate": swapped.sum() / n if n else float("nan")})
    return pd.DataFrame(rows)


def reconciled(codes: pd.DataFrame, segments: Sequence[str], truth: pd.DataFrame | None = None,
               code_list: Sequence[str] = CODES) -> pd.DataFrame:
    """Return the codes after reconciliation: segment by code (bool).

    On simulated data the disagreements are settled as a perfect discussion would settle them,
    by the segment's true codes. On the reader's data, a coder named ``reconciled`` (the team's
    agreed codes) is used when present; otherwise only the codes both coders gave are kept, the
    cautious reading.

    Examples
    --------
    >>> codes = pd.DataFrame({"segment": ["s1", "s1", "s1"], "coder": ["A", "B", "A"],
    ...                       "code": ["policy", "policy", "culture"]})
    >>> reconciled(codes, ["s1"], code_list=["policy", "culture"]).iloc[0].tolist()
    [True, False]
    """
    if truth is not None:
        return truth.reindex(index=list(segments), columns=list(code_list), fill_value=False)
    coders = sorted(codes["coder"].unique())
    if "reconciled" in coders:
        return coder_matrix(codes, segments, "reconciled", code_list)
    tables = [coder_matrix(codes, segments, c, code_list) for c in coders]
    agreed = tables[0]
    for table in tables[1:]:
        agreed = agreed & table
    return agreed
