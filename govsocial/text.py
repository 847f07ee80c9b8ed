"""Classify short posts with TF-IDF and logistic regression; measure coder agreement.

Every score in this module is *out of fold*: each post is predicted by a model that never saw it,
using stratified folds fixed by a seed, so the numbers a reader sees are reproducible and are not
inflated by testing on the training data. A majority-class baseline on the same folds says how
much of a score is just the class mix.

Public names: :func:`tfidf_logistic_regression`, :class:`ClassifierReport`,
:func:`cross_validate_classifier`, :func:`majority_baseline`, :func:`compare_reports`,
:func:`top_terms`, :func:`cohens_kappa`.

Examples
--------
>>> texts = ["flood warning #flood", "flood water rising", "road closed traffic",
...          "traffic jam road"] * 3
>>> labels = ["flood", "flood", "traffic", "traffic"] * 3
>>> report = cross_validate_classifier(texts, labels, n_splits=3)
>>> report.macro_f1
1.0
>>> compare_reports([report, majority_baseline(texts, labels, n_splits=3)])
                          model  accuracy  macro_f1
0  TF-IDF + logistic regression       1.0  1.000000
1                Majority class       0.5  0.333333
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, clone
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    cohen_kappa_score,
    confusion_matrix,
    precision_recall_fscore_support,
)
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline

__all__ = [
    "ClassifierReport",
    "cohens_kappa",
    "compare_reports",
    "cross_validate_classifier",
    "majority_baseline",
    "tfidf_logistic_regression",
    "top_terms",
]

TOKEN_PATTERN = r"(?u)[#@]?\b\w\w+\b"
"""Words of two or more characters; a leading ``#`` or ``@`` is kept, so ``#flood`` and
``@fema`` are tokens of their own, distinct from ``flood`` and ``fema``."""

_TextInput = Sequence[str] | pd.Series
_LabelInput = Sequence[object] | pd.Series


def tfidf_logistic_regression(
    *,
    ngram_range: tuple[int, int] = (1, 2),
    min_df: int = 2,
    C: float = 10.0,
) -> Pipeline:
    """Build the book's text classifier: TF-IDF features and a multinomial logistic regression.

    Parameters
    ----------
    ngram_range : tuple of int
        Smallest and largest n-gram (in words) used as a feature; ``(1, 2)`` adds word pairs.
    min_df : int
        A term must occur in at least this many training posts to become a feature.
    C : float
        Inverse L2 regularisation strength. The default (weak regularisation) suits short posts
        whose TF-IDF rows are scaled to unit length; tune it by cross-validation for a new corpus.

    Returns
    -------
    Pipeline
        Unfitted steps ``"tfidf"`` (lower-cased, accents stripped, sublinear term frequency,
        hashtags and @mentions kept as tokens) and ``"classifier"`` (lbfgs, classes weighted
        inversely to their frequency). Fitting is deterministic: no step uses randomness.

    Examples
    --------
    >>> model = tfidf_logistic_regression(min_df=1)
    >>> _ = model.fit(["Évacuez #flood", "road closed"], ["flood", "traffic"])
    >>> list(model.named_steps["tfidf"].get_feature_names_out())
    ['#flood', 'closed', 'evacuez', 'evacuez #flood', 'road', 'road closed']
    """
    return Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(
                    lowercase=True,
                    strip_accents="unicode",
                    token_pattern=TOKEN_PATTERN,
                    ngram_range=ngram_range,
                    min_df=min_df,
                    sublinear_tf=True,
                ),
            ),
            (
                "classifier",
                LogisticRegression(C=C, solver="lbfgs", max_iter=5000, class_weight="balanced"),
            ),
        ]
    )


@dataclass
class ClassifierReport:
    """Out-of-fold evaluation of one classifier.

    Attributes
    ----------
    name : str
        The model's name, as shown in comparison tables.
    labels : list of str
        The classes, in the order used by every table below.
    per_class : DataFrame
        Index ``label``; columns ``precision``, ``recall``, ``f1`` (floats, 0 when undefined)
        and ``support`` (number of posts with that true label).
    macro_f1 : float
        Unweighted mean of the per-class F1 scores: every class counts the same, however rare.
    accuracy : float
        Share of posts whose predicted label is the true label.
    confusion : DataFrame
        Counts of posts; index (named ``true``) is the true label, columns (named ``predicted``)
        the predicted label, both in the order of ``labels``.
    predictions : Series
        The out-of-fold predicted label of each post, with the index of the input texts.
    """

    name: str
    labels: list[str]
    per_class: pd.DataFrame
    macro_f1: float
    accuracy: float
    confusion: pd.DataFrame
    predictions: pd.Series


def _report_from_predictions(
    name: str,
    y_true: Sequence[str],
    y_pred: Sequence[str],
    *,
    index: pd.Index | None = None,
) -> ClassifierReport:
    """Build a :class:`ClassifierReport` from true and predicted labels.

    Examples
    --------
    >>> report = _report_from_predictions("toy", ["a", "a", "b"], ["a", "b", "b"])
    >>> report.per_class["precision"].tolist(), report.accuracy
    ([1.0, 0.5], 0.6666666666666666)
    """
    y_true = np.asarray(y_true, dtype=object)
    y_pred = np.asarray(y_pred, dtype=object)
    labels = sorted({*y_true.tolist(), *y_pred.tolist()})
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, zero_division=0
    )
    per_class = pd.DataFrame(
        {
            "precision": precision.astype(float),
            "recall": recall.astype(float),
            "f1": f1.astype(float),
            "support": support.astype("int64"),
        },
        index=pd.Index(labels, name="label"),
    )
    confusion = pd.DataFrame(
        confusion_matrix(y_true, y_pred, labels=labels).astype("int64"),
        index=pd.Index(labels, name="true"),
        columns=pd.Index(labels, name="predicted"),
    )
    if index is None:
        index = pd.RangeIndex(len(y_pred))
    return ClassifierReport(
        name=name,
        labels=labels,
        per_class=per_class,
        macro_f1=float(np.mean(f1)),
        accuracy=float(accuracy_score(y_true, y_pred)),
        confusion=confusion,
        predictions=pd.Series(y_pred, index=index, name="predicted", dtype=object),
    )


def _check_inputs(
    texts: _TextInput, labels: _LabelInput, *, n_splits: int
) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    """Validate texts and labels; return them as arrays (labels as str) and the texts' index."""
    index = texts.index if isinstance(texts, pd.Series) else pd.RangeIndex(len(texts))
    text_values = pd.Series(list(texts), dtype=object)
    label_values = pd.Series(list(labels), dtype=object)
    if len(text_values) != len(label_values):
        raise ValueError(
            f"texts and labels differ in length: {len(text_values)} texts, "
            f"{len(label_values)} labels"
        )
    for what, values in (("texts", text_values), ("labels", label_values)):
        n_missing = int(values.isna().sum())
        if n_missing:
            raise ValueError(f"{n_missing} of {len(values)} {what} are missing")
    label_values = label_values.astype(str)
    counts = label_values.value_counts().sort_index()
    if len(counts) < 2:
        raise ValueError(
            f"need at least two classes to train a classifier, found {len(counts)}: "
            f"{counts.index.tolist()}"
        )
    too_few = counts[counts < n_splits]
    if len(too_few):
        detail = ", ".join(f"{label!r} has {n}" for label, n in too_few.items())
        raise ValueError(
            f"every class needs at least n_splits={n_splits} posts for stratified "
            f"cross-validation; {detail} (merge rare classes or lower n_splits)"
        )
    return text_values.to_numpy(), label_values.to_numpy(), index


def _out_of_fold(
    estimator: BaseEstimator,
    texts: _TextInput,
    labels: _LabelInput,
    *,
    n_splits: int,
    seed: int,
    name: str,
    groups: _LabelInput | None = None,
) -> ClassifierReport:
    """Cross-validate ``estimator`` on stratified, seeded folds and report out-of-fold scores.

    With ``groups``, every group's posts fall in one fold (StratifiedGroupKFold), so each post
    is predicted by a model that saw no post of its group.
    """
    x, y, index = _check_inputs(texts, labels, n_splits=n_splits)
    if groups is None:
        folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
        group_codes = None
    else:
        group_codes = pd.factorize(pd.Series(list(groups)))[0]
        if len(group_codes) != len(y):
            raise ValueError(f"groups has {len(group_codes)} entries for {len(y)} posts")
        if len(set(group_codes)) < n_splits:
            raise ValueError(
                f"{len(set(group_codes))} groups cannot fill {n_splits} folds; "
                "use fewer folds or more groups"
            )
        folds = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    predicted = cross_val_predict(clone(estimator), x, y, cv=folds, groups=group_codes)
    return _report_from_predictions(name, y, predicted, index=index)


def cross_validate_classifier(
    texts: _TextInput,
    labels: _LabelInput,
    *,
    model: BaseEstimator | None = None,
    n_splits: int = 5,
    seed: int = 0,
    name: str = "TF-IDF + logistic regression",
    groups: _LabelInput | None = None,
) -> ClassifierReport:
    """Score a text classifier by stratified k-fold cross-validation.

    Parameters
    ----------
    texts : sequence of str or Series
        One post per element.
    labels : sequence or Series
        The true class of each post, in the same order; converted to ``str``.
    model : estimator, optional
        Any scikit-learn classifier that accepts raw texts (a pipeline starting with a
        vectoriser); it is cloned, never fitted in place. Default:
        :func:`tfidf_logistic_regression`.
    n_splits : int
        Number of folds.
    seed : int
        Fixes how posts are shuffled into folds.
    name : str
        The model's name in the report.
    groups : sequence, optional
        A group for each post (an event, an account). When given, all posts of a group are held
        out together, which measures how well the classifier does on a group it never saw:
        words peculiar to one event or account can then no longer help it.

    Returns
    -------
    ClassifierReport
        Scores computed from the out-of-fold predictions.

    Raises
    ------
    ValueError
        When texts and labels differ in length, either has missing values, there are fewer
        than two classes, or a class has fewer than ``n_splits`` posts.

    Examples
    --------
    >>> texts = ["flood water", "flood alert", "road closed", "road works"] * 2
    >>> labels = ["flood", "flood", "traffic", "traffic"] * 2
    >>> report = cross_validate_classifier(texts, labels, n_splits=2)
    >>> report.confusion.loc["flood"].tolist(), report.macro_f1
    ([4, 0], 1.0)
    """
    estimator = tfidf_logistic_regression() if model is None else model
    return _out_of_fold(
        estimator, texts, labels, n_splits=n_splits, seed=seed, name=name, groups=groups
    )


def majority_baseline(
    texts: _TextInput,
    labels: _LabelInput,
    *,
    n_splits: int = 5,
    seed: int = 0,
) -> ClassifierReport:
    """Score the classifier that always predicts the most frequent training class.

    Uses the same folds as :func:`cross_validate_classifier` with the same ``n_splits`` and
    ``seed``, so the two reports compare like with like. A real classifier must beat this.

    Parameters
    ----------
    texts : sequence of str or Series
        One post per element (ignored by the baseline except for its length and index).
    labels : sequence or Series
        The true class of each post.
    n_splits : int
        Number of folds.
    seed : int
        Fixes how posts are shuffled into folds.

    Returns
    -------
    ClassifierReport
        Named ``"Majority class"``.

    Examples
    --------
    >>> report = majority_baseline(["a", "b", "c", "d", "e"], ["x", "x", "x", "y", "y"],
    ...                            n_splits=2)
    >>> report.predictions.tolist()
    ['x', 'x', 'x', 'x', 'x']
    """
    return _out_of_fold(
        DummyClassifier(strategy="most_frequent"),
        texts,
        labels,
        n_splits=n_splits,
        seed=seed,
        name="Majority class",
    )


def compare_reports(reports: Sequence[ClassifierReport]) -> pd.DataFrame:
    """Put several reports side by side.

    Parameters
    ----------
    reports : sequence of ClassifierReport
        The reports to compare, usually a classifier and its baseline on the same folds.

    Returns
    -------
    DataFrame
        One row per report, in the given order; columns ``model``, ``accuracy``, ``macro_f1``.

    Examples
    --------
    >>> report = _report_from_predictions("toy", ["a", "b"], ["a", "a"])
    >>> compare_reports([report])
      model  accuracy  macro_f1
    0   toy       0.5  0.333333
    """
    return pd.DataFrame(
        {
            "model": [report.name for report in reports],
            "accuracy": [report.accuracy for report in reports],
            "macro_f1": [report.macro_f1 for report in reports],
        },
        columns=["model", "accuracy", "macro_f1"],
    )


def top_terms(
    texts: _TextInput,
    labels: _LabelInput,
    *,
    n: int = 8,
    model: Pipeline | None = None,
) -> pd.DataFrame:
    """List the terms that push the classifier most strongly towards each class.

    The model is fitted on all posts (this is a description of what it learned, not an
    evaluation). For two classes a logistic regression has one coefficient vector; the second
    class's terms are those with the largest coefficients, the first class's those with the most
    negative ones (reported with the sign flipped, so larger always means "more this class").

    Parameters
    ----------
    texts : sequence of str or Series
        One post per element.
    labels : sequence or Series
        The true class of each post; converted to ``str``.
    n : int
        Number of terms per class (fewer when the vocabulary is smaller).
    model : Pipeline, optional
        A pipeline whose last step has ``coef_`` and whose earlier steps provide
        ``get_feature_names_out``; cloned before fitting. Default:
        :func:`tfidf_logistic_regression`.

    Returns
    -------
    DataFrame
        Columns ``label``, ``rank`` (1 = strongest), ``term`` and ``weight`` (the coefficient),
        classes in sorted order.

    Examples
    --------
    >>> texts = ["flood water", "flood alert", "road closed", "road works"] * 2
    >>> labels = ["flood", "flood", "traffic", "traffic"] * 2
    >>> top_terms(texts, labels, n=1)[["label", "rank", "term"]]
         label  rank   term
    0    flood     1  flood
    1  traffic     1   road
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    x, y, _ = _check_inputs(texts, labels, n_splits=1)
    fitted = clone(tfidf_logistic_regression() if model is None else model).fit(x, y)
    terms = np.asarray(fitted[:-1].get_feature_names_out(), dtype=object)
    classifier = fitted[-1]
    coef = np.asarray(classifier.coef_)
    classes = [str(c) for c in classifier.classes_]
    if coef.shape[0] == 1 and len(classes) == 2:
        coef = np.vstack([-coef[0], coef[0]])
    rows = []
    for label, weights in zip(classes, coef, strict=True):
        order = np.argsort(-weights, kind="stable")[:n]
        for rank, position in enumerate(order, start=1):
            rows.append((label, rank, terms[position], float(weights[position])))
    return pd.DataFrame(rows, columns=["label", "rank", "term", "weight"])


def cohens_kappa(coder_a: _LabelInput, coder_b: _LabelInput) -> float:
    """Cohen's kappa: agreement between two coders beyond what their label mixes imply by chance.

    ``kappa = (p_o - p_e) / (1 - p_e)``, where ``p_o`` is the share of items the coders label
    alike and ``p_e`` the share expected if each labelled independently with their own mix.
    1 is perfect agreement, 0 chance-level, negative worse than chance.

    Parameters
    ----------
    coder_a, coder_b : sequence or Series
        The two coders' labels for the same items, in the same order.

    Returns
    -------
    float
        Kappa; ``nan`` (with scikit-learn's warning) when undefined, i.e. both coders used one
        and the same single label for every item.

    Raises
    ------
    ValueError
        When the two sequences differ in length or are empty.

    Examples
    --------
    >>> cohens_kappa(["yes", "yes", "no", "no"], ["yes", "no", "no", "no"])
    0.5
    """
    a = list(coder_a)
    b = list(coder_b)
    if len(a) != len(b):
        raise ValueError(f"the coders labelled different numbers of items: {len(a)} and {len(b)}")
    if not a:
        raise ValueError("no items to compare: both coders' label lists are empty")
    return float(cohen_kappa_score(a, b))
