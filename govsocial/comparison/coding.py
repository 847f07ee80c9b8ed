"""One coding scheme in two languages: segmentation, a dictionary, a classifier, validation.

Chinese has no spaces between words, so a post is first cut into words by a segmenter
(``rjieba``, the Rust build of jieba's segmenter); English is split at non-letters. The same
scheme (:data:`~govsocial.comparison.phrases.DICTIONARY`) is then applied by a dictionary
(a post takes the category whose words it holds most; none or a tie leaves it *uncoded*) and by
a classifier (TF-IDF and logistic regression on the words) trained on a coded sample. Both are
validated against human codes of a held-out sample, language by language.

Public names: segment, dictionary_code, coded_sample, train_classifier, validation_table.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import rjieba
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, cohen_kappa_score
from sklearn.pipeline import Pipeline, make_pipeline

from .phrases import DICTIONARY

__all__ = [
    "classify",
    "coded_sample",
    "dictionary_code",
    "segment",
    "train_classifier",
    "validation_table",
]

UNCODED = "uncoded"
_LATIN = re.compile(r"[a-z]+")
_PUNCTUATION = set("，。！？、；：,.!?;: ")


def segment(text: str, language: str) -> list[str]:
    """Cut a post into words: rjieba for Chinese ("zh"), letters for English ("en").

    Examples
    --------
    >>> segment("全球气温上升", "zh")
    ['全球', '气温', '上升']
    >>> segment("Temperatures keep rising.", "en")
    ['temperatures', 'keep', 'rising']
    """
    if language == "zh":
        return [w for w in rjieba.cut(text) if w.strip() and w not in _PUNCTUATION]
    return _LATIN.findall(text.lower())


def dictionary_code(posts: pd.DataFrame) -> pd.Series:
    """Code each post by the dictionary of its language.

    Parameters
    ----------
    posts : DataFrame
        Columns ``text`` and ``language`` ("zh" or "en").

    Returns
    -------
    Series
        The category whose dictionary words the post holds most often; ``"uncoded"`` when it
        holds none or two categories tie.

    Examples
    --------
    >>> toy = pd.DataFrame({"text": ["我认为很重要", "Temperatures rise.", "Week two."],
    ...                     "language": ["zh", "en", "en"]})
    >>> dictionary_code(toy).tolist()
    ['opinion', 'science', 'uncoded']
    """
    codes = []
    for text, language in zip(posts["text"], posts["language"], strict=True):
        words = segment(text, language)
        hits = {c: sum(w in terms for w in words) for c, terms in DICTIONARY[language].items()}
        best = max(hits.values())
        winners = [c for c, n in hits.items() if n == best]
        codes.append(winners[0] if best > 0 and len(winners) == 1 else UNCODED)
    return pd.Series(codes, index=posts.index, name="dictionary")


def coded_sample(
    posts: pd.DataFrame, per_language: int, seed: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Draw the posts human coders code, the same number in each language; split it in two.

    Returns
    -------
    (train, test) : DataFrames
        Half of each language's sample to train the classifier, half to validate both coders.

    Examples
    --------
    >>> toy = pd.DataFrame({"language": ["zh"] * 6 + ["en"] * 6, "text": "x"})
    >>> train, test = coded_sample(toy, 4, seed=1)
    >>> len(train), len(test), sorted(test["language"].unique())
    (4, 4, ['en', 'zh'])
    """
    rng = np.random.default_rng(seed)
    train, test = [], []
    for _, group in posts.groupby("language", sort=True):
        chosen = group.iloc[rng.permutation(len(group))[:per_language]]
        half = len(chosen) // 2
        train.append(chosen.iloc[:half])
        test.append(chosen.iloc[half:])
    return pd.concat(train), pd.concat(test)


def _words(text_and_language: str) -> list[str]:
    language, text = text_and_language.split("|", 1)
    return segment(text, language)


def _joined(posts: pd.DataFrame) -> pd.Series:
    return posts["language"] + "|" + posts["text"]


def train_classifier(train: pd.DataFrame, label: str = "category") -> Pipeline:
    """Train one TF-IDF and logistic-regression classifier on coded posts of both languages.

    Parameters
    ----------
    train : DataFrame
        Coded posts: ``text``, ``language`` and the human code in column ``label``.

    Returns
    -------
    Pipeline
        Use :func:`classify` or ``pipeline.predict(posts["language"] + "|" + posts["text"])``.

    Examples
    --------
    >>> toy = pd.DataFrame({"text": ["I think so", "Temperatures rise"] * 3,
    ...                     "language": "en", "category": ["opinion", "science"] * 3})
    >>> model = train_classifier(toy)
    >>> classify(model, toy.head(2)).tolist()
    ['opinion', 'science']
    """
    pipeline = make_pipeline(
        TfidfVectorizer(analyzer=_words, sublinear_tf=True),
        LogisticRegression(C=10.0, max_iter=1000),
    )
    return pipeline.fit(_joined(train), train[label])


def classify(model: Pipeline, posts: pd.DataFrame) -> pd.Series:
    """Predict the category of every post with a classifier from :func:`train_classifier`.

    Examples
    --------
    >>> toy = pd.DataFrame({"text": ["I think so", "Temperatures rise"] * 3,
    ...                     "language": "en", "category": ["opinion", "science"] * 3})
    >>> classify(train_classifier(toy), toy).nunique()
    2
    """
    return pd.Series(model.predict(_joined(posts)), index=posts.index, name="classifier")


def validation_table(
    test: pd.DataFrame, codes: dict[str, pd.Series], label: str = "category"
) -> pd.DataFrame:
    """Agreement of each automatic coder with the human codes, by language and overall.

    An uncoded post counts as a disagreement.

    Returns
    -------
    DataFrame
        ``coder``, ``language`` ("zh", "en" or "both"), ``n``, ``accuracy``, ``kappa``
        (Cohen's kappa), ``uncoded`` (share left uncoded).

    Examples
    --------
    >>> test = pd.DataFrame({"language": ["en"] * 4, "category": list("aabb")})
    >>> table = validation_table(test, {"d": pd.Series(list("aabb"))})
    >>> table[["language", "accuracy", "kappa"]].values.tolist()[0]
    ['en', 1.0, 1.0]
    """
    rows = []
    for coder, predicted in codes.items():
        predicted = pd.Series(np.asarray(predicted), index=test.index)
        for language in [*sorted(test["language"].unique()), "both"]:
            mask = test["language"].eq(language) if language != "both" else test["language"].notna()
            truth, guess = test.loc[mask, label], predicted[mask]
            rows.append({
                "coder": coder, "language": language, "n": int(mask.sum()),
                "accuracy": accuracy_score(truth, guess),
                "kappa": cohen_kappa_score(truth, guess),
                "uncoded": float((guess == UNCODED).mean()),
            })  # fmt: skip
    return pd.DataFrame(rows)
