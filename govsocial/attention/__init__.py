"""Agency attention: what earns a government agency followers and retweets.

The chapter re-runs the design of Müller (2022): the Twitter accounts of EU agencies, their
tweets coded by communication style with a supervised text classifier, and two count models,
one for long-standing attention (followers, one row per account) and one for temporal
attention (retweets, one row per tweet). The original data are not public, so
:func:`simulate` builds about forty *fictional* EU-style agencies whose followers and retweets
follow planted effects (:class:`Effects`) in the directions the study reports; the analysis
functions then try to recover them. The same functions run on a reader's own tweets
(:func:`load_folder`).

Files
-----
simulate.py
    The fictional world: :class:`Effects` (the planted incidence-rate ratios; ``Effects.none()``
    plants none), :class:`AttentionData` (accounts, tweets, news salience, hand-coded sample,
    window and planted truth), ``simulate(seed, scale="teaching", effects=None)``, and
    :data:`TERM_LABELS` (readable names of the model terms).
coding.py
    The communication styles (:data:`STYLES`), their codebook (:data:`CODEBOOK`,
    :func:`codebook`), and the classifier that labels every tweet from the hand-coded sample
    (:func:`predict_styles`, :func:`sentence_embedding_classifier`).
data.py
    Your own data: :func:`load_folder` reads a folder of Bluesky or Mastodon posts and
    profiles with ``accounts.csv`` (:data:`ATTRIBUTES`), or of archival Twitter
    ``tweets.jsonl`` with ``accounts.csv`` (:data:`ACCOUNTS`), and an optional ``coded.csv``
    (:data:`CODED`).
analysis.py
    Pure functions: the features (:func:`account_features`, :func:`tweet_features`), the two
    negative binomial models (:data:`FOLLOWERS_FORMULA`, :func:`followers_model`,
    :data:`RETWEETS_FORMULA`, :func:`retweet_model`), both in one call (:func:`analyse`,
    giving :class:`AttentionFits`), the dilution by misclassification
    (:func:`expected_attenuation`), one term across fits (:func:`term_across_fits`), and the
    checks against the planted truth and the study's findings (:func:`recovery_table`,
    :func:`scorecard`).
recovery.py
    The book's method (:mod:`govsocial.planted`) for this chapter: one decision rule per
    finding (:data:`RULES`), one world (:func:`world`), planted worlds and null worlds that
    switch off only the effect under test (:func:`run_worlds`; the null worlds alone:
    :func:`falsification`), their power, size, coverage and
    bias (:func:`operating_characteristics`) and the null intervals for the figure
    (:func:`null_runs`), and the stored long run (``long_run.py``, :func:`long_run_worlds`).
sentences.py
    The sentences that compare, judge or count, built from the numbers (:mod:`.sentences`).
figures.py
    Followers against news mentions (:func:`salience_scatter`) and the confidence intervals of
    many simulated worlds (:func:`interval_figure`).

Examples
--------
>>> data = simulate(2022)
>>> len(data.accounts), sorted(data.tweets["style"].unique())
(40, ['informative', 'interactive', 'promotional'])
>>> fits = analyse(data)
>>> bool(recovery_table(data.effects, fits.followers, fits.retweets)["detected"].all())
True
"""

from __future__ import annotations

from . import sentences
from .analysis import (
    FOLLOWERS_FORMULA,
    RETWEETS_FORMULA,
    AttentionFits,
    account_features,
    analyse,
    expected_attenuation,
    followers_model,
    recovery_table,
    retweet_model,
    scorecard,
    term_across_fits,
    tweet_features,
)
from .coding import CODEBOOK, STYLES, codebook, predict_styles, sentence_embedding_classifier
from .data import ACCOUNTS, ATTRIBUTES, CODED, load_folder
from .figures import interval_figure, salience_scatter
from .recovery import (
    RULES,
    falsification,
    long_run_worlds,
    null_runs,
    operating_characteristics,
    run_worlds,
    world,
)
from .simulate import N_AGENCIES, TERM_LABELS, AttentionData, Effects, simulate

__all__ = [
    "ACCOUNTS",
    "ATTRIBUTES",
    "CODEBOOK",
    "CODED",
    "FOLLOWERS_FORMULA",
    "N_AGENCIES",
    "RETWEETS_FORMULA",
    "RULES",
    "STYLES",
    "TERM_LABELS",
    "AttentionData",
    "AttentionFits",
    "Effects",
    "account_features",
    "analyse",
    "sentences",
    "codebook",
    "expected_attenuation",
    "falsification",
    "followers_model",
    "interval_figure",
    "load_folder",
    "long_run_worlds",
    "null_runs",
    "operating_characteristics",
    "predict_styles",
    "recovery_table",
    "retweet_model",
    "run_worlds",
    "salience_scatter",
    "scorecard",
    "sentence_embedding_classifier",
    "simulate",
    "term_across_fits",
    "tweet_features",
    "world",
]
