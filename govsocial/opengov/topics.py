"""A topic model of the DigitalGov pages, second to the dictionary and checked against it.

- :func:`topic_model`: non-negative matrix factorisation (scikit-learn's NMF) of the pages'
  TF-IDF, a fixed number of topics, seeded; each page's topic weights and each topic's top
  terms;
- :func:`match_topics`: each topic paired with one theme of the dictionary (one-to-one, the
  pairing with the largest total correlation between a topic's weight and the theme's codes);
- :func:`topic_codes`: a page is coded 1 for a theme when the matched topic carries at least a
  given share of its weight, so the topic model can be validated against the hand-coded sample
  (:func:`govsocial.opengov.corpus.validate_dictionary`) and counted by year
  (:func:`govsocial.opengov.corpus.theme_shares`) exactly as the dictionary is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer

from .corpus import plain_text

__all__ = ["Topics", "match_topics", "topic_codes", "topic_model"]


@dataclass(frozen=True)
class Topics:
    """A fitted topic model.

    Attributes
    ----------
    weights : DataFrame
        One row per page (the pages' index), one column per topic (``"topic 1"``, ...): the
        share of the page's weight each topic carries (rows sum to 1; a page with no term of
        the vocabulary has zeros).
    terms : Series
        Each topic's top terms, most weighted first, joined by commas.
    vocabulary : int
        Number of terms the model was fitted on.
    """

    weights: pd.DataFrame
    terms: pd.Series
    vocabulary: int


def topic_model(
    pages: pd.DataFrame, n_topics: int = 7, *, seed: int = 2012, n_terms: int = 8
) -> Topics:
    """Fit NMF on the TF-IDF of each page's title, summary and body (markup removed).

    Words are runs of two or more letters, English stop words left out, kept when they occur
    in at least 3 pages and at most half of them; term frequencies are log-scaled.

    Parameters
    ----------
    pages : DataFrame
        Columns ``title``, ``summary``, ``body`` (from
        :func:`govsocial.opengov.corpus.read_digitalgov`).
    n_topics : int
        Number of topics.
    seed : int
        Seed of the factorisation's initialisation.
    n_terms : int
        Top terms listed per topic.

    Returns
    -------
    Topics

    Examples
    --------
    >>> toy = pd.DataFrame({"title": ["a"] * 6, "summary": [""] * 6, "body": [
    ...     "privacy data privacy", "privacy data rules", "privacy rules data",
    ...     "video captions video", "video captions audio", "audio captions video"]})
    >>> topics = topic_model(toy, 2, seed=1, n_terms=2)
    >>> sorted(topics.terms.str.split(", ").str[0])
    ['privacy', 'video']
    """
    if n_topics < 1:
        raise ValueError("n_topics must be at least 1")
    text = (pages["title"] + "\n" + pages["summary"] + "\n" + pages["body"]).map(plain_text)
    vectoriser = TfidfVectorizer(
        stop_words="english", min_df=min(3, len(text)), max_df=0.5 if len(text) > 10 else 1.0,
        token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]+\b", sublinear_tf=True,
    )
    matrix = vectoriser.fit_transform(text)
    model = NMF(n_topics, init="nndsvda", random_state=seed, max_iter=500)
    raw = model.fit_transform(matrix)
    totals = raw.sum(axis=1, keepdims=True)
    shares = np.divide(raw, totals, out=np.zeros_like(raw), where=totals > 0)
    labels = [f"topic {k + 1}" for k in range(n_topics)]
    vocabulary = np.asarray(vectoriser.get_feature_names_out())
    terms = [", ".join(vocabulary[np.argsort(-row, kind="stable")[:n_terms]])
             for row in model.components_]
    return Topics(
        weights=pd.DataFrame(shares, index=pages.index, columns=labels),
        terms=pd.Series(terms, index=labels, name="top terms"),
        vocabulary=len(vocabulary),
    )


def match_topics(weights: pd.DataFrame, coded: pd.DataFrame) -> pd.DataFrame:
    """Pair each theme with one topic: the one-to-one pairing of largest total correlation.

    The correlation is Pearson's, over pages, between a topic's weight and a theme's 0/1
    dictionary code. With more topics than themes, some topics stay unpaired; with fewer,
    some themes.

    Parameters
    ----------
    weights : DataFrame
        :attr:`Topics.weights`.
    coded : DataFrame
        0/1 dictionary codes (:func:`govsocial.opengov.corpus.code_pages`), same index.

    Returns
    -------
    DataFrame
        ``theme``, ``topic``, ``correlation``, in the themes' order.

    Examples
    --------
    >>> weights = pd.DataFrame({"topic 1": [0.9, 0.1, 0.8], "topic 2": [0.1, 0.9, 0.2]})
    >>> coded = pd.DataFrame({"privacy": [0, 1, 0], "video": [1, 0, 1]})
    >>> match_topics(weights, coded)["topic"].tolist()
    ['topic 2', 'topic 1']
    """
    w = weights.to_numpy(float)
    c = coded.loc[weights.index].to_numpy(float)
    w_centred, c_centred = w - w.mean(axis=0), c - c.mean(axis=0)
    norms = np.outer(np.sqrt((c_centred**2).sum(axis=0)), np.sqrt((w_centred**2).sum(axis=0)))
    with np.errstate(divide="ignore", invalid="ignore"):
        correlation = np.where(norms > 0, c_centred.T @ w_centred / norms, 0.0)
    themes, topics = linear_sum_assignment(-correlation)
    pairs = pd.DataFrame({
        "theme": coded.columns[themes],
        "topic": weights.columns[topics],
        "correlation": correlation[themes, topics],
    })
    order = {theme: k for k, theme in enumerate(coded.columns)}
    return pairs.sort_values("theme", key=lambda s: s.map(order)).reset_index(drop=True)


def topic_codes(
    weights: pd.DataFrame, matching: pd.DataFrame, threshold: float = 0.25
) -> pd.DataFrame:
    """Code a page 1 for a theme when its matched topic carries ``threshold`` of its weight.

    Parameters
    ----------
    weights : DataFrame
        :attr:`Topics.weights`.
    matching : DataFrame
        From :func:`match_topics`.
    threshold : float
        Share of a page's weight the topic must carry.

    Returns
    -------
    DataFrame
        0/1, one column per matched theme, indexed like ``weights``.

    Examples
    --------
    >>> weights = pd.DataFrame({"topic 1": [0.9, 0.1], "topic 2": [0.1, 0.9]})
    >>> matching = pd.DataFrame({"theme": ["video"], "topic": ["topic 1"]})
    >>> topic_codes(weights, matching)["video"].tolist()
    [1, 0]
    """
    codes = {row.theme: (weights[row.topic] >= threshold).astype(np.int64)
             for row in matching.itertuples()}
    return pd.DataFrame(codes, index=weights.index)
