"""Assisted coding, validated: a keyword dictionary and a supervised classifier per code.

Both are scored against the human (reconciled) codes: precision (of the segments the machine
coded, the share humans coded too), recall (of the segments humans coded, the share the machine
found) and Cohen's kappa. The classifier's predictions are out of fold: a segment is never
predicted by a model that saw it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import cohen_kappa_score, precision_score, recall_score
from sklearn.model_selection import KFold
from sklearn.pipeline import make_pipeline

from .codebook import CODES

__all__ = ["KEYWORDS", "classifier_codes", "dictionary_codes", "validate_codes"]

KEYWORDS = {
    "culture": ["risk averse", "hierarchy", "old guard", "reluctan", "signature"],
    "staffing": ["budget", "staff", "people to", "nobody watches", "officer"],
    "policy": ["policy", "procedure", "guideline", "manual"],
    "legislation": ["act", "law", "legislation", "statute"],
    "verification": ["rumour", "false", "misinformation", "confirm"],
    "skills": ["champion", "course", "inside out", "loves it"],
    "awareness": ["photos", "pictures", "flooded", "real time"],
    "expectations": ["expect", "want to hear", "assumes"],
    "volunteers": ["volunteer"],
    "liability": ["liable", "sued", "duty of care"],
}
"""A transparent dictionary: each code's words or word beginnings (matched at word starts)."""


def dictionary_codes(texts: Sequence[str], keywords: Mapping[str, Sequence[str]] = KEYWORDS
                     ) -> pd.DataFrame:
    """Code texts with a keyword dictionary: a code applies when one of its words starts a word.

    Examples
    --------
    >>> dictionary_codes(["The privacy act.", "Acting fast."], {"legislation": ["act"]}
    ...                  )["legislation"].tolist()
    [True, True]
    """
    out = {}
    for code, words in keywords.items():
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")", re.I)
        out[code] = [bool(pattern.search(t)) for t in texts]
    return pd.DataFrame(out, index=texts.index if isinstance(texts, pd.Series) else None)


def classifier_codes(texts: Sequence[str], coded: pd.DataFrame, *, folds: int = 5,
                     seed: int = 0) -> pd.DataFrame:
    """Out-of-fold predictions of one TF-IDF logistic regression per code.

    Parameters
    ----------
    texts : sequence of str
        The segments, in the order of ``coded``'s rows.
    coded : DataFrame
        Segment by code (bool): the human codes to learn.
    folds : int
        Cross-validation folds (shuffled with ``seed``).

    Returns
    -------
    DataFrame
        Segment by code (bool), False throughout for a code with fewer than ``folds``
        positive segments (too few to learn: :func:`validate_codes` says so).

    Examples
    --------
    >>> texts = [f"our policy {k}" for k in range(10)] + [f"a photo {k}" for k in range(10)]
    >>> coded = pd.DataFrame({"policy": ["policy" in t for t in texts]})
    >>> int(classifier_codes(texts, coded)["policy"].sum())
    10
    """
    model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                          LogisticRegression(C=10.0, class_weight="balanced", max_iter=1000))
    cv = KFold(folds, shuffle=True, random_state=seed)
    texts = list(texts)
    out = {}
    for code in coded.columns:
        y = coded[code].to_numpy().astype(bool)
        if y.sum() < folds or (~y).sum() < folds:
            out[code] = np.zeros(len(y), bool)
            continue
        out[code] = _out_of_fold(model, texts, y, cv)
    return pd.DataFrame(out, index=coded.index)


def _out_of_fold(model, texts: list[str], y: np.ndarray, cv: KFold) -> np.ndarray:
    predicted = np.zeros(len(y), bool)
    for train, test in cv.split(texts):
        if y[train].all() or not y[train].any():
            predicted[test] = bool(y[train].any())
            continue
        fitted = model.fit([texts[i] for i in train], y[train])
        predicted[test] = fitted.predict([texts[i] for i in test])
    return predicted



def validate_codes(machine: pd.DataFrame, human: pd.DataFrame, *, method: str,
                   code_list: Sequence[str] = CODES) -> pd.DataFrame:
    """Precision, recall and kappa of machine codes against the human codes, per code.

    Returns
    -------
    DataFrame
        ``method``, ``code``, ``human`` (segments humans coded), ``machine``, ``precision``,
        ``recall``, ``kappa`` (NaN where undefined: no segment coded by the machine, or by
        humans).

    Examples
    --------
    >>> human = pd.DataFrame({"policy": [True, True, False, False]})
    >>> machine = pd.DataFrame({"policy": [True, False, True, False]})
    >>> row = validate_codes(machine, human, method="x", code_list=["policy"]).iloc[0]
    >>> [float(row[name]) for name in ("precision", "recall", "kappa")]
    [0.5, 0.5, 0.0]
    """
    rows = []
    for code in code_list:
        y = human[code].to_numpy().astype(bool)
        p = machine[code].to_numpy().astype(bool) if code in machine else np.zeros(len(y), bool)
        rows.append({
            "method": method, "code": code, "human": int(y.sum()), "machine": int(p.sum()),
            "precision": precision_score(y, p, zero_division=np.nan) if p.any() else np.nan,
            "recall": recall_score(y, p, zero_division=np.nan) if y.any() else np.nan,
            "kappa": cohen_kappa_score(y, p) if (y.any() or p.any()) and (y != p).any()
            else (1.0 if y.any() else np.nan),
        })
    return pd.DataFrame(rows)
