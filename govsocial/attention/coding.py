"""Coding the tweets: the codebook of communication styles and the style classifier.

The chapter codes every tweet as informative, interactive or promotional. Two coders label a
sample by the codebook (:data:`CODEBOOK`, :func:`codebook`); a classifier trained on that sample
labels the rest (:func:`predict_styles`), by default TF-IDF with logistic regression from
:mod:`govsocial.text`, or on sentence embeddings from a local transformer model
(:func:`sentence_embedding_classifier`).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, clone

from govsocial import text

__all__ = [
    "CODEBOOK",
    "STYLES",
    "codebook",
    "predict_styles",
    "sentence_embedding_classifier",
]

STYLES: tuple[str, ...] = ("informative", "interactive", "promotional")
"""The communication styles of the codebook, in the order used by every table."""

CODEBOOK: tuple[dict[str, str], ...] = (
    {
        "style": "informative",
        "definition": "Reports the agency's work: publications, data, guidance, findings.",
        "typical signals": "report, data, figures, guidance, published, read more",
    },
    {
        "style": "interactive",
        "definition": "Addresses the audience and invites a response: questions, calls to "
        "participate (consultations, surveys, polls), replies, thanks to and mentions of "
        "others.",
        "typical signals": "a question, have your say, tell us, survey, @mentions, replies",
    },
    {
        "style": "promotional",
        "definition": "Promotes the agency and its events: conferences, webinars, live "
        "streams, anniversaries, appearances of its staff.",
        "typical signals": "join us, save the date, live now, register, webinar, speakers",
    },
)
"""One entry per style: its definition and the words that typically signal it."""


def codebook() -> pd.DataFrame:
    """Return the codebook of communication styles as a table.

    Returns
    -------
    DataFrame
        Columns ``style``, ``definition``, ``typical signals``; one row per style.

    Examples
    --------
    >>> codebook()["style"].tolist()
    ['informative', 'interactive', 'promotional']
    """
    return pd.DataFrame(list(CODEBOOK))


def predict_styles(
    coded: pd.DataFrame,
    tweets: pd.DataFrame,
    *,
    out_of_fold: pd.Series | None = None,
    model: BaseEstimator | None = None,
) -> pd.Series:
    """Classify every tweet with a classifier trained on the hand-coded sample.

    The classifier is fitted on all coded tweets and predicts every tweet. A coded tweet would
    then be predicted by a model that saw it, which flatters the classifier; pass the
    cross-validation's out-of-fold predictions and those are used for the coded tweets instead,
    so every prediction comes from a model that never saw the tweet.

    Parameters
    ----------
    coded : DataFrame
        Columns ``tweet_id``, ``text`` and ``label``.
    tweets : DataFrame
        Columns ``tweet_id`` and ``text``.
    out_of_fold : Series, optional
        Out-of-fold predictions for the coded tweets, aligned with ``coded`` (as in
        ``ClassifierReport.predictions`` when ``coded["text"]`` was cross-validated).
    model : estimator, optional
        A scikit-learn pipeline that accepts raw texts; cloned before fitting. Default:
        :func:`govsocial.text.tfidf_logistic_regression`.

    Returns
    -------
    Series
        The predicted style of each tweet, with the index of ``tweets``, named ``predicted``.

    Examples
    --------
    >>> coded = pd.DataFrame({"tweet_id": ["1", "2", "3", "4"],
    ...                       "text": ["new report", "tell us", "new data", "tell me"],
    ...                       "label": ["informative", "interactive"] * 2})
    >>> tweets = pd.DataFrame({"tweet_id": ["1", "9"], "text": ["new report", "tell us now"]})
    >>> predict_styles(coded, tweets, model=text.tfidf_logistic_regression(min_df=1)).tolist()
    ['informative', 'interactive']
    """
    estimator = clone(text.tfidf_logistic_regression() if model is None else model)
    estimator.fit(coded["text"].astype(str).to_numpy(), coded["label"].astype(str).to_numpy())
    predicted = pd.Series(
        estimator.predict(tweets["text"].astype(str).to_numpy()),
        index=tweets.index,
        name="predicted",
        dtype=object,
    )
    if out_of_fold is not None:
        if len(out_of_fold) != len(coded):
            raise ValueError(
                f"out_of_fold has {len(out_of_fold)} predictions for {len(coded)} coded tweets"
            )
        held_out = dict(zip(coded["tweet_id"], out_of_fold.astype(str), strict=True))
        replaced = tweets["tweet_id"].map(held_out)
        predicted = replaced.where(replaced.notna(), predicted).rename("predicted")
    return predicted.astype(object)


def sentence_embedding_classifier(model_dir: str | os.PathLike[str]) -> BaseEstimator:
    """Build a classifier on sentence embeddings from a *local* sentence-transformers model.

    Each tweet is turned into a dense vector by a pretrained transformer (a BERT-like model
    that reads words in context), and a logistic regression learns the styles from those
    vectors. The model is loaded from ``model_dir`` only; nothing is downloaded.

    Parameters
    ----------
    model_dir : str or path-like
        A folder holding a saved sentence-transformers model (``model.save(folder)``).

    Returns
    -------
    Pipeline
        Unfitted steps ``"embed"`` and ``"classifier"``; use it as ``model=`` of
        :func:`govsocial.text.cross_validate_classifier` or :func:`predict_styles`.

    Raises
    ------
    FileNotFoundError
        When ``model_dir`` is not a folder.
    ImportError
        When the optional ``sentence-transformers`` package is not installed.

    Examples
    --------
    >>> sentence_embedding_classifier("/no/such/model")
    Traceback (most recent call last):
    ...
    FileNotFoundError: no sentence-transformers model folder at /no/such/model
    """
    folder = Path(model_dir)
    if not folder.is_dir():
        raise FileNotFoundError(f"no sentence-transformers model folder at {folder}")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as error:
        raise ImportError(
            "the embedding classifier needs the optional package sentence-transformers "
            "(pip install sentence-transformers)"
        ) from error
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer

    encoder = SentenceTransformer(str(folder), device="cpu", local_files_only=True)

    def embed(texts: object) -> np.ndarray:
        return np.asarray(encoder.encode([str(t) for t in np.asarray(texts, dtype=object)]))

    return Pipeline(
        [
            ("embed", FunctionTransformer(embed)),
            (
                "classifier",
                LogisticRegression(max_iter=5000, class_weight="balanced"),
            ),
        ]
    )
