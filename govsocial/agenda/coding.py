"""Coding the posts: the codebook, two coders' agreement, and machine clustering.

Coders give each post a topic of the codebook (:func:`codebook`); :func:`topic_kappas` measures
how far two coders agree. The machine clusters the texts (:func:`cluster_posts`), and its
clusters are compared with the coders' topics (:func:`map_clusters`,
:func:`clustering_agreement`) or, for data no one has coded, named (:func:`cluster_names`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._common import _NEIGHBOURS, TOPIC_CODES, TOPICS, _topic_order

# --------------------------------------------------------------------------------------------
# Manual coding
# --------------------------------------------------------------------------------------------


def codebook() -> pd.DataFrame:
    """Return the codebook as a table: topic, what it covers, topics often confused with it.

    Returns
    -------
    DataFrame
        Columns ``topic``, ``covers``, ``often_confused_with``, one row per topic in codebook
        order.

    Examples
    --------
    >>> codebook().loc[0, "topic"]
    'crime'
    """
    return pd.DataFrame(
        {
            "topic": list(TOPIC_CODES),
            "covers": [TOPICS[code] for code in TOPIC_CODES],
            "often_confused_with": [", ".join(_NEIGHBOURS[code]) for code in TOPIC_CODES],
        }
    )


def topic_kappas(reliability: pd.DataFrame) -> pd.DataFrame:
    """Cohen's kappa of two coders, for each topic (that topic against all others) and overall.

    Parameters
    ----------
    reliability : DataFrame
        One row per double-coded post, with columns ``coder_a`` and ``coder_b``.

    Returns
    -------
    DataFrame
        One row per topic either coder used, in codebook order (other codes after, sorted),
        then a row ``all topics``: ``topic``, ``coded_a`` and ``coded_b`` (posts each coder gave
        the topic), ``agreement`` (share of posts on which the coders agree whether the post is
        on the topic) and ``kappa``.

    Raises
    ------
    ValueError
        When a column is missing or the sample is empty.

    Examples
    --------
    >>> sample = pd.DataFrame({"coder_a": ["crime", "crime", "tips", "tips"],
    ...                        "coder_b": ["crime", "tips", "tips", "tips"]})
    >>> topic_kappas(sample)[["topic", "kappa"]]
            topic  kappa
    0       crime    0.5
    1        tips    0.5
    2  all topics    0.5
    """
    from govsocial.text import cohens_kappa

    missing = {"coder_a", "coder_b"} - set(reliability.columns)
    if missing:
        raise ValueError(f"the reliability sample lacks column(s) {sorted(missing)}")
    if reliability.empty:
        raise ValueError("the reliability sample is empty")
    a = reliability["coder_a"].astype(str).to_numpy()
    b = reliability["coder_b"].astype(str).to_numpy()
    used = set(a) | set(b)
    order = [code for code in TOPIC_CODES if code in used] + sorted(used - set(TOPIC_CODES))
    rows = []
    for code in order:
        on_a, on_b = a == code, b == code
        rows.append(
            {
                "topic": code,
                "coded_a": int(on_a.sum()),
                "coded_b": int(on_b.sum()),
                "agreement": float(np.mean(on_a == on_b)),
                "kappa": cohens_kappa(on_a, on_b) if on_a.any() or on_b.any() else np.nan,
            }
        )
    overall = cohens_kappa(a, b) if len(used) > 1 else np.nan
    rows.append(
        {
            "topic": "all topics",
            "coded_a": len(a),
            "coded_b": len(b),
            "agreement": float(np.mean(a == b)),
            "kappa": overall,
        }
    )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Machine clustering
# --------------------------------------------------------------------------------------------


@dataclass
class Clustering:
    """K-means clusters of TF-IDF vectors, the number of clusters chosen by silhouette.

    Attributes
    ----------
    labels : Series
        Cluster number of each clustered text, with the texts' index.
    k : int
        The chosen number of clusters.
    scores : DataFrame
        ``k`` and ``silhouette`` (mean cosine silhouette) for every number of clusters tried.
    top_terms : DataFrame
        ``cluster``, ``posts`` and ``terms`` (the cluster centre's heaviest terms, joined with
        ", "), one row per cluster.
    vectorizer, model : fitted scikit-learn objects
        For :meth:`assign`.
    """

    labels: pd.Series
    k: int
    scores: pd.DataFrame
    top_terms: pd.DataFrame
    vectorizer: Any
    model: Any

    def assign(self, texts: Sequence[str] | pd.Series) -> pd.Series:
        """Put other texts in the nearest cluster (for example comments, by police clusters).

        Examples
        --------
        >>> texts = ["road closed crash", "crash road closed", "road crash",
        ...          "lost dog found", "dog lost found", "lost dog"]
        >>> found = cluster_posts(texts, k_values=[2], min_df=1)
        >>> found.assign(["crash on the road", "a lost dog"]).tolist()
        [1, 0]
        """
        index = texts.index if isinstance(texts, pd.Series) else pd.RangeIndex(len(texts))
        vectors = self.vectorizer.transform(list(texts))
        return pd.Series(self.model.predict(vectors), index=index, name="cluster")


def cluster_posts(
    texts: Sequence[str] | pd.Series,
    k_values: Sequence[int] = range(4, 13),
    *,
    seed: int = 0,
    min_df: int = 3,
    silhouette_sample: int = 2000,
    n_terms: int = 5,
) -> Clustering:
    """Cluster short texts: TF-IDF, k-means, and the number of clusters chosen by silhouette.

    Texts become TF-IDF vectors (lower case, English stop words removed, sublinear term
    frequency, hashtags kept as tokens, each vector of unit length), and k-means groups them
    for every ``k`` in ``k_values``. The criterion: the ``k`` with the highest mean silhouette,
    computed with cosine distance on a seeded random sample of at most ``silhouette_sample``
    texts. The silhouette of a text compares its mean distance to its own cluster with its mean
    distance to the nearest other cluster; 1 is a perfect fit, 0 a text between two clusters.

    Parameters
    ----------
    texts : sequence of str or Series
        The texts.
    k_values : sequence of int
        Numbers of clusters to try; values outside 2..(number of texts - 1) are skipped.
    seed : int
        Seeds k-means' starts and the silhouette sample.
    min_df : int
        A term must occur in at least this many texts.
    silhouette_sample : int
        Largest number of texts on which silhouettes are computed.
    n_terms : int
        Terms listed per cluster in ``top_terms``.

    Returns
    -------
    Clustering
        Labels, the chosen ``k``, the silhouette of each ``k`` and each cluster's top terms.

    Raises
    ------
    ValueError
        When no ``k`` can be tried or the texts share no term occurring ``min_df`` times.

    Examples
    --------
    >>> texts = ["road closed crash", "crash road closed", "road crash",
    ...          "lost dog found", "dog lost found", "lost dog"]
    >>> found = cluster_posts(texts, k_values=[2, 3], min_df=1)
    >>> found.k, found.labels.tolist()
    (2, [1, 1, 1, 0, 0, 0])
    """
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
    from sklearn.metrics import silhouette_score

    from govsocial.text import TOKEN_PATTERN

    index = texts.index if isinstance(texts, pd.Series) else pd.RangeIndex(len(texts))
    documents = [str(value) for value in texts]
    n = len(documents)
    vectorizer = TfidfVectorizer(
        lowercase=True,
        strip_accents="unicode",
        token_pattern=TOKEN_PATTERN,
        stop_words=sorted(ENGLISH_STOP_WORDS),
        min_df=min_df,
        sublinear_tf=True,
    )
    try:
        vectors = vectorizer.fit_transform(documents)
    except ValueError:
        raise ValueError(
            f"the texts share no word that occurs in at least min_df={min_df} texts; "
            "lower min_df or add texts"
        ) from None
    distinct = _distinct_rows(vectors)
    feasible = sorted({int(k) for k in k_values if 2 <= int(k) <= min(n - 1, distinct)})
    if not feasible:
        raise ValueError(
            f"no number of clusters in {list(k_values)} fits {n} texts with {distinct} "
            f"distinct vectors (need 2 <= k < {n} and k <= {distinct})"
        )
    rng = np.random.default_rng(seed)
    sample = np.sort(rng.choice(n, size=min(n, silhouette_sample), replace=False))
    scores, fits = [], {}
    for k in feasible:
        model = KMeans(n_clusters=k, n_init=3, random_state=seed).fit(vectors)
        labels = model.labels_
        if len(np.unique(labels[sample])) < 2:
            score = np.nan
        else:
            score = float(
                silhouette_score(vectors[sample], labels[sample], metric="cosine")
            )
        scores.append({"k": k, "silhouette": score})
        fits[k] = model
    scores_frame = pd.DataFrame(scores)
    if scores_frame["silhouette"].notna().any():
        best = int(scores_frame.loc[scores_frame["silhouette"].idxmax(), "k"])
    else:
        best = feasible[0]
    model = fits[best]
    labels = pd.Series(model.labels_, index=index, name="cluster")
    terms = np.asarray(vectorizer.get_feature_names_out(), dtype=object)
    top = [
        {
            "cluster": cluster,
            "posts": int((labels == cluster).sum()),
            "terms": ", ".join(terms[np.argsort(-model.cluster_centers_[cluster])[:n_terms]]),
        }
        for cluster in range(best)
    ]
    return Clustering(labels, best, scores_frame, pd.DataFrame(top), vectorizer, model)


def _distinct_rows(vectors: Any) -> int:
    """Count the different rows of a sparse matrix (k-means cannot make more clusters)."""
    rows = vectors.tocsr()
    rows.sort_indices()
    keys = {
        (
            rows.indices[rows.indptr[i] : rows.indptr[i + 1]].tobytes(),
            np.round(rows.data[rows.indptr[i] : rows.indptr[i + 1]], 10).tobytes(),
        )
        for i in range(rows.shape[0])
    }
    return len(keys)


def cluster_names(clustering: Clustering, n_terms: int = 2) -> pd.Series:
    """Name each cluster by its number and heaviest terms, for data no one has coded.

    Parameters
    ----------
    clustering : Clustering
        From :func:`cluster_posts`.
    n_terms : int
        Terms in each name.

    Returns
    -------
    Series
        Index cluster number, values such as ``"3: crash/road"``.

    Examples
    --------
    >>> texts = ["road closed crash", "crash road closed", "road crash",
    ...          "lost dog found", "dog lost found", "lost dog"]
    >>> cluster_names(cluster_posts(texts, k_values=[2], min_df=1)).tolist()
    ['0: lost/dog', '1: crash/road']
    """
    terms = clustering.top_terms.set_index("cluster")["terms"].str.split(", ")
    names = [f"{cluster}: {'/'.join(words[:n_terms])}" for cluster, words in terms.items()]
    return pd.Series(names, index=terms.index, name="topic")


def map_clusters(clusters: pd.Series, topics: pd.Series) -> pd.Series:
    """Name each cluster after the topic most of its posts were coded with.

    Parameters
    ----------
    clusters : Series
        Cluster number of each post.
    topics : Series
        The coders' topic of each post, aligned with ``clusters``.

    Returns
    -------
    Series
        Index cluster number, value the majority topic (ties: codebook order), named
        ``topic``. Several clusters may map to one topic; a topic may get none.

    Examples
    --------
    >>> map_clusters(pd.Series([0, 0, 1, 1, 1]),
    ...              pd.Series(["crime", "crime", "safety tips", "safety tips", "crime"])).to_dict()
    {0: 'crime', 1: 'safety tips'}
    """
    table = pd.crosstab(clusters.to_numpy(), topics.astype(str).to_numpy())
    order = [code for code in TOPIC_CODES if code in table.columns]
    order += sorted(set(table.columns) - set(order))
    table = table[order]
    mapping = table.idxmax(axis=1)
    mapping.index.name = "cluster"
    return mapping.rename("topic")


@dataclass
class ClusterAgreement:
    """How well machine clusters agree with the coders.

    Attributes
    ----------
    ari_clusters : float
        Adjusted Rand index of the raw clusters against the coded topics (1 identical
        partitions, about 0 no better than chance).
    ari_topics : float
        Adjusted Rand index of the clusters' mapped topics against the coded topics.
    purity : float
        Share of posts whose cluster's majority topic is their coded topic.
    by_topic : DataFrame
        One row per coded topic: ``topic``, ``posts``, ``clusters`` (clusters mapped to it),
        ``recall`` (share of its posts that the machine puts in one of its clusters) and
        ``mostly_as`` (the machine topic most of its posts get).
    """

    ari_clusters: float
    ari_topics: float
    purity: float
    by_topic: pd.DataFrame


def _most_common(labels: np.ndarray) -> str:
    """Return the most frequent label; ties go to the first in codebook order."""
    counts = pd.Series(labels).value_counts()
    tied = set(counts.index[counts == counts.max()])
    return next(label for label in _topic_order(pd.Series(list(tied))))


def clustering_agreement(
    topics: pd.Series, clusters: pd.Series, mapping: pd.Series
) -> ClusterAgreement:
    """Compare machine clusters with coded topics: ARI, purity, and per-topic recall.

    Parameters
    ----------
    topics : Series
        Coded topic of each post.
    clusters : Series
        Cluster of each post, aligned with ``topics``.
    mapping : Series
        Cluster -> topic, from :func:`map_clusters`.

    Returns
    -------
    ClusterAgreement

    Examples
    --------
    >>> topics = pd.Series(["crime", "crime", "safety tips", "safety tips"])
    >>> clusters = pd.Series([0, 0, 1, 0])
    >>> result = clustering_agreement(topics, clusters, pd.Series({0: "crime", 1: "safety tips"}))
    >>> result.purity, result.by_topic["recall"].tolist()
    (0.75, [1.0, 0.5])
    >>> result.by_topic["mostly_as"].tolist()
    ['crime', 'crime']
    """
    from sklearn.metrics import adjusted_rand_score

    coded = topics.astype(str).to_numpy()
    labels = clusters.to_numpy()
    machine = mapping.reindex(labels).astype(str).to_numpy()
    rows = []
    present = [code for code in TOPIC_CODES if code in set(coded)]
    present += sorted(set(coded) - set(present))
    for code in present:
        mine = coded == code
        rows.append(
            {
                "topic": code,
                "posts": int(mine.sum()),
                "clusters": int((mapping == code).sum()),
                "recall": float(np.mean(machine[mine] == code)),
                "mostly_as": _most_common(machine[mine]),
            }
        )
    return ClusterAgreement(
        ari_clusters=float(adjusted_rand_score(coded, labels)),
        ari_topics=float(adjusted_rand_score(coded, machine)),
        purity=float(np.mean(machine == coded)),
        by_topic=pd.DataFrame(rows),
    )
