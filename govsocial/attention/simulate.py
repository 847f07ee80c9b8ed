"""Agency attention: what earns a government agency followers and retweets.

The chapter re-runs the design of Müller (2022): the Twitter accounts of EU agencies, their
tweets coded by communication style with a supervised text classifier, and two count models,
one for long-standing attention (followers, one row per account) and one for temporal
attention (retweets, one row per tweet). The original data are not public, so
:func:`simulate` builds about forty *fictional* EU-style agencies whose followers and retweets
follow planted effects (:class:`Effects`) in the directions the study reports; the analysis
functions then try to recover them. The same functions run on a reader's own tweets
(:func:`load_folder`).

Public names
------------
STYLES, CODEBOOK, ACCOUNTS, CODED, FOLLOWERS_FORMULA, RETWEETS_FORMULA, TERM_LABELS
    The communication styles, their codebook, the contracts of the own-data files, the two
    model formulas and readable names of the model terms.
Effects
    The planted effects (incidence-rate ratios); ``Effects.none()`` plants none.
AttentionFits
    Both fitted models of one data set.
AttentionData
    Accounts, tweets, news salience, hand-coded sample, window and (simulated) planted truth.
simulate(seed, scale="teaching", effects=None)
    Simulated agencies, tweets, news mentions and two coders' labels.
load_folder(folder)
    The reader's own ``accounts.csv``, ``tweets.jsonl`` and optional ``coded.csv``.
codebook()
    The codebook as a table.
account_features(accounts, tweets, *, start, end)
    One row per account: log2 news mentions, account age, tweets per week.
tweet_features(tweets, accounts)
    One row per tweet: log2 followers of its account and a weekend flag.
predict_styles(coded, tweets, *, out_of_fold=None, model=None)
    Every tweet's style as predicted by a classifier trained on the hand-coded sample.
followers_model(features)
    Negative binomial regression of followers on the account features.
retweet_model(features, styles, *, cluster="username")
    Negative binomial regression of retweets on style, with account-clustered errors.
fit_models(data, styles=None)
    Both models in one call (true styles by default).
expected_attenuation(true_styles, predicted_styles, irr, *, style="interactive")
    The incidence-rate ratio that misclassification alone would leave of a true ``irr``.
term_across_fits(fits, term)
    One term's estimate from several fits, side by side.
recovery_table(effects, followers, retweets, retweets_predicted=None)
    Planted versus estimated effects with 95% confidence intervals.
falsification(seeds, scale="teaching")
    Worlds without effects: how often do the confidence intervals exclude 1?
scorecard(followers, retweets)
    The study's directional findings against what the models found.
sentence_embedding_classifier(model_dir)
    A classifier on embeddings from a local sentence-transformers model (optional package).
salience_scatter(features)
    Figure: followers against news mentions per account, both on log scales.
interval_figure(runs)
    Figure: the confidence intervals of many simulated worlds, one panel per effect.

Examples
--------
>>> data = simulate(2022)
>>> len(data.accounts), sorted(data.tweets["style"].unique())
(40, ['informative', 'interactive', 'promotional'])
>>> fits = fit_models(data)
>>> bool(recovery_table(data.effects, fits.followers, fits.retweets)["detected"].all())
True
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Literal

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator, NullLocator
from sklearn.base import BaseEstimator, clone

from govsocial import io, models, text
from govsocial.models import CountModelResult
from govsocial.schema import Column, Contract, DataError, LoadReport

__all__ = [
    "ACCOUNTS",
    "CODEBOOK",
    "CODED",
    "FOLLOWERS_FORMULA",
    "RETWEETS_FORMULA",
    "STYLES",
    "TERM_LABELS",
    "AttentionData",
    "AttentionFits",
    "Effects",
    "account_features",
    "codebook",
    "expected_attenuation",
    "falsification",
    "fit_models",
    "followers_model",
    "interval_figure",
    "load_folder",
    "predict_styles",
    "recovery_table",
    "retweet_model",
    "salience_scatter",
    "scorecard",
    "sentence_embedding_classifier",
    "simulate",
    "term_across_fits",
    "tweet_features",
]

Scale = Literal["teaching", "paper"]

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

FOLLOWERS_FORMULA = "followers ~ log2_news + account_age_years + tweets_per_week"
"""The account-level model of long-standing attention."""

RETWEETS_FORMULA = "retweet_count ~ interactive + promotional + log2_followers + weekend"
"""The tweet-level model of temporal attention (informative tweets are the reference)."""

TERM_LABELS: dict[str, str] = {
    "log2_news": "News mentions (per doubling)",
    "account_age_years": "Account age (per year)",
    "tweets_per_week": "Tweets per week (per tweet)",
    "interactive": "Interactive style (vs informative)",
    "promotional": "Promotional style (vs informative)",
    "log2_followers": "Followers (per doubling)",
    "weekend": "Posted at a weekend",
}
"""Readable names of the model terms, for tables and coefficient plots."""


# --------------------------------------------------------------------------------------------
# Planted effects
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Effects:
    """The effects planted in the simulated data, as incidence-rate ratios (IRR).

    An IRR is the factor by which the expected count is multiplied when the predictor rises by
    one unit; 1 means no effect. The defaults point in the directions Müller (2022) reports;
    their sizes are ours (the study's coefficients are not used), chosen large enough that about
    forty agencies suffice to detect them.

    Attributes
    ----------
    news_doubling_irr : float
        Followers, per doubling of (news mentions per month + 1).
    account_year_irr : float
        Followers, per year of account age.
    weekly_tweet_irr : float
        Followers, per extra tweet per week.
    interactive_retweet_irr : float
        Retweets of an interactive tweet relative to an informative one.

    Examples
    --------
    >>> Effects().interactive_retweet_irr
    1.6
    >>> Effects.none().news_doubling_irr
    1.0
    """

    news_doubling_irr: float = 1.5
    account_year_irr: float = 1.15
    weekly_tweet_irr: float = 1.1
    interactive_retweet_irr: float = 1.6

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if not np.isfinite(value) or value <= 0:
                raise ValueError(f"{item.name} must be a positive ratio, got {value!r}")

    @classmethod
    def none(cls) -> Effects:
        """Every effect set to zero (an IRR of 1), for falsification runs.

        Examples
        --------
        >>> Effects.none() == Effects(1.0, 1.0, 1.0, 1.0)
        True
        """
        return cls(1.0, 1.0, 1.0, 1.0)

    def table(self) -> pd.DataFrame:
        """Return the planted effects as a table: effect, outcome, model term, planted IRR.

        Examples
        --------
        >>> Effects().table()["term"].tolist()
        ['log2_news', 'account_age_years', 'tweets_per_week', 'interactive']
        """
        rows = [
            (_EFFECT_LABELS[name], outcome, term, float(getattr(self, name)))
            for name, (outcome, term) in _EFFECT_TERMS.items()
        ]
        return pd.DataFrame(rows, columns=["effect", "outcome", "term", "planted_irr"])


_EFFECT_TERMS: dict[str, tuple[str, str]] = {
    "news_doubling_irr": ("followers", "log2_news"),
    "account_year_irr": ("followers", "account_age_years"),
    "weekly_tweet_irr": ("followers", "tweets_per_week"),
    "interactive_retweet_irr": ("retweets", "interactive"),
}
_EFFECT_LABELS: dict[str, str] = {
    name: TERM_LABELS[term] for name, (_, term) in _EFFECT_TERMS.items()
}


# --------------------------------------------------------------------------------------------
# Data container and the simulator
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttentionData:
    """Everything the chapter analyses, simulated or loaded.

    Attributes
    ----------
    accounts : DataFrame
        One row per agency account: ``username``, ``name``, ``created_at`` (UTC),
        ``followers`` (at the end of the window) and ``news_mentions_per_month`` (mean over the
        window).
    tweets : DataFrame
        One row per tweet: ``tweet_id``, ``username``, ``created_at`` (UTC), ``text``,
        ``retweet_count``, ``like_count``, ``reply_count``, ``is_reply``, ``mention_count``;
        simulated tweets also carry their true ``style`` (the planted truth).
    start, end : Timestamp
        The observation window, ``[start, end)``, in UTC.
    news : DataFrame or None
        Simulated only: ``username``, ``month``, ``news_mentions`` (articles naming the agency).
    coded : DataFrame or None
        The hand-coded sample: ``tweet_id``, ``text``, ``coder_a``, ``coder_b`` and the
        adjudicated ``label``; None when own data come without a ``coded.csv``.
    effects : Effects or None
        The planted truth; None for real data.
    reports : tuple of LoadReport
        What the loaders read and dropped (empty for simulated data).
    """

    accounts: pd.DataFrame
    tweets: pd.DataFrame
    start: pd.Timestamp
    end: pd.Timestamp
    news: pd.DataFrame | None = None
    coded: pd.DataFrame | None = None
    effects: Effects | None = None
    reports: tuple[LoadReport, ...] = ()


@dataclass(frozen=True)
class _ScaleSpec:
    start: str
    end: str
    n_coded: int


_SCALES: dict[str, _ScaleSpec] = {
    "teaching": _ScaleSpec("2021-07-01", "2022-01-01", 1000),
    "paper": _ScaleSpec("2020-01-01", "2022-01-01", 2000),
}

# (kind of body, topic): the names are invented; no real EU agency carries any of them.
_AGENCIES: tuple[tuple[str, str], ...] = (
    ("Agency", "Coastal Safety"),
    ("Office", "Mountain Rescue"),
    ("Bureau", "Lighthouse Heritage"),
    ("Agency", "Urban Beekeeping"),
    ("Office", "Bridge Inspection"),
    ("Centre", "River Navigation"),
    ("Agency", "Hedgerow Conservation"),
    ("Observatory", "Rural Broadband"),
    ("Office", "Seed Diversity"),
    ("Authority", "Cross-Border Parking"),
    ("Agency", "Night Trains"),
    ("Centre", "Noise Abatement"),
    ("Office", "Public Fountains"),
    ("Agency", "Cycling Infrastructure"),
    ("Centre", "Tidal Energy"),
    ("Agency", "Wildfire Preparedness"),
    ("Institute", "Heritage Textiles"),
    ("Centre", "Avalanche Forecasting"),
    ("Office", "Island Communities"),
    ("Authority", "Cross-Border Commuting"),
    ("Agency", "Digital Archives"),
    ("Centre", "Volcanic Ash Monitoring"),
    ("Office", "Accessible Tourism"),
    ("Agency", "Wetland Restoration"),
    ("Authority", "Consumer Repair"),
    ("Observatory", "Space Weather"),
    ("Office", "Inland Ports"),
    ("Agency", "Youth Mobility"),
    ("Centre", "Rare Languages"),
    ("Office", "School Meals"),
    ("Observatory", "Light Pollution"),
    ("Agency", "Drinking Water Quality"),
    ("Centre", "Glacier Data"),
    ("Office", "Heat Resilience"),
    ("Institute", "Forest Genetics"),
    ("Agency", "Ocean Literacy"),
    ("Office", "Orchard Varieties"),
    ("Bureau", "Cultural Route Signage"),
    ("Agency", "Street Lighting Efficiency"),
    ("Office", "Alpine Pastures"),
)

# Phrases of each style: opener, body, closer. Placeholders: {topic}, {partner}, {day},
# {hashtag}. Words shared between styles ("join", "week", "online", "what", "thread", @mentions)
# make the classifier's task realistic.
_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "informative": {
        "opener": (
            "New report on {topic}:",
            "Our latest figures on {topic} are out.",
            "Published today: the {topic} review.",
            "Key facts about {topic} in the EU.",
            "Updated guidance on {topic}.",
            "Factsheet: {topic} in numbers.",
            "New data on {topic} across member states.",
            "Our annual {topic} report is now online.",
            "What the evidence says on {topic}:",
            "Study finds changes in {topic} since 2015.",
        ),
        "body": (
            "Trends differ widely between regions.",
            "The summary covers all member states.",
            "Main findings and recommendations inside.",
            "Figures are updated every quarter.",
            "The analysis compares 2019 and 2021.",
            "It sets out risks and next steps.",
            "Charts and country profiles included.",
            "Methods are explained in the annex.",
        ),
        "closer": (
            "Read more:",
            "Download the report:",
            "Full data on our website.",
            "Details in the thread below.",
            "See the country profiles.",
            "",
        ),
    },
    "interactive": {
        "opener": (
            "What do you think about {topic}?",
            "Have your say on {topic}!",
            "Tell us how {topic} affects you.",
            "Do you work on {topic}? We want to hear from you.",
            "Thanks @{partner} for the great exchange on {topic}!",
            "Question of the week on {topic}:",
            "How should the EU approach {topic}?",
            "Share your ideas on {topic} with us.",
            "Great to team up with @{partner} on {topic}.",
            "Your experience with {topic} matters.",
        ),
        "body": (
            "Reply below or tag a colleague.",
            "The public consultation is open until {day}.",
            "Take our 5-minute survey.",
            "Vote in the poll and tell us why.",
            "We read every answer.",
            "Join the discussion with @{partner}.",
            "Send us your questions for the Q&A.",
            "Your views will shape our next steps.",
        ),
        "closer": (
            "Let us know!",
            "Have your say:",
            "Answers welcome in the replies.",
            "Who else should join the conversation?",
            "RT to reach more people.",
            "",
        ),
    },
    "promotional": {
        "opener": (
            "Join us at the {topic} forum!",
            "Save the date: {topic} info day.",
            "Live now: our conference on {topic}.",
            "Registration is open for the {topic} summit.",
            "Tomorrow in Brussels: {topic} week.",
            "Our director speaks today on {topic}.",
            "Celebrating 10 years of work on {topic}!",
            "Meet our {topic} team at the fair.",
            "Webinar on {topic} this {day}.",
            "Watch our new video on {topic}.",
        ),
        "body": (
            "Speakers from 12 countries.",
            "Programme and speakers online.",
            "Places are limited.",
            "Streamed live on our channel.",
            "Join us in person or online.",
            "See you in Brussels on {day}!",
            "Photos from the event in the thread.",
            "With a keynote by @{partner}.",
        ),
        "closer": (
            "Register now:",
            "Watch it live:",
            "See the programme:",
            "Don't miss it!",
            "Follow along with #{hashtag}Week",
            "",
        ),
    },
}
_REPLY_OPENERS: tuple[str, ...] = (
    "Thanks for asking!",
    "Good question!",
    "Thank you for your feedback.",
    "Happy to help.",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

# Structural parameters of the simulated world that are not effects under test.
_STYLE_MIX = np.array([0.45, 0.30, 0.25])  # average share of each style across agencies
_STYLE_CONCENTRATION = 8.0  # Dirichlet concentration: how similar agencies' mixes are
_OFF_STYLE = 0.25  # chance that a phrase slot of a tweet comes from another style
_FOLLOWERS_MEDIAN = 6000.0
_FOLLOWERS_ALPHA = 0.15  # NB2 dispersion of followers
_RETWEETS_BASE = 3.0  # expected retweets of an informative weekday tweet at median followers
_RETWEETS_PER_FOLLOWER_DOUBLING = 1.4
_RETWEETS_WEEKEND = 0.8
_RETWEETS_ACCOUNT_SD = 0.35  # account-level random effect on log retweets
_RETWEETS_ALPHA = 0.8
_LINK_CHARS = np.array(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"))


def _nb_draws(rng: np.random.Generator, mean: np.ndarray, alpha: float) -> np.ndarray:
    """NB2 counts with the given means and ``Var = mean + alpha * mean**2``."""
    size = 1.0 / alpha
    return rng.negative_binomial(size, size / (size + mean)).astype("int64")


def _handle(topic: str) -> str:
    """Make the fictional @handle of an agency: ``EU_`` and its topic in CamelCase."""
    words = topic.replace("-", " ").split()
    return "EU_" + "".join(word[:1].upper() + word[1:] for word in words)


def _snowflake(created_at: pd.Series) -> pd.Series:
    """Tweet ids that encode their creation time as Twitter's Snowflake ids do."""
    epoch = pd.Timestamp("1970-01-01", tz="UTC")
    ms = ((created_at - epoch) // pd.Timedelta(milliseconds=1)).to_numpy(dtype="int64")
    ms = ms - io.TWITTER_EPOCH_MS
    ids = (ms << 22) + np.arange(len(ms), dtype="int64") % (1 << 22)
    return pd.Series(ids.astype(str), index=created_at.index, dtype="string")


def _compose_texts(
    rng: np.random.Generator,
    style_codes: np.ndarray,
    agency: np.ndarray,
    is_reply: np.ndarray,
) -> tuple[list[str], np.ndarray]:
    """Tweet texts from the phrase pools; also how many slots came from another style."""
    n = len(style_codes)
    n_styles = len(STYLES)
    slot_parts: list[list[str]] = []
    off = np.zeros(n, dtype="int64")
    for slot in ("opener", "body", "closer"):
        moved = rng.random(n) < _OFF_STYLE
        shift = rng.integers(1, n_styles, size=n)
        source = np.where(moved, (style_codes + shift) % n_styles, style_codes)
        off += moved
        pools = [_PHRASES[style][slot] for style in STYLES]
        pick = rng.random(n)
        phrases = [pools[s][int(u * len(pools[s]))] for s, u in zip(source, pick, strict=True)]
        slot_parts.append(phrases)
    topics = [_AGENCIES[a][1] for a in range(len(_AGENCIES))]
    handles = [_handle(topic) for topic in topics]
    hashtags = [topic.replace("-", " ").title().replace(" ", "") for topic in topics]
    partner = (agency + rng.integers(1, len(_AGENCIES), size=n)) % len(_AGENCIES)
    day = rng.integers(0, len(_DAYS), size=n)
    reply_opener = rng.integers(0, len(_REPLY_OPENERS), size=n)
    with_hashtag = rng.random(n) < 0.5
    with_link = rng.random(n) < np.where(style_codes == STYLES.index("interactive"), 0.4, 0.75)
    links = rng.choice(_LINK_CHARS, size=(n, 10))
    texts = []
    for i in range(n):
        a = agency[i]
        parts = [slot_parts[0][i], slot_parts[1][i], slot_parts[2][i]]
        if is_reply[i]:
            parts = [f"@{handles[partner[i]]}", _REPLY_OPENERS[reply_opener[i]], *parts[1:]]
        if with_hashtag[i]:
            parts.append(f"#{hashtags[a]}")
        if with_link[i]:
            parts.append("https://t.co/" + "".join(links[i]))
        sentence = " ".join(part for part in parts if part)
        texts.append(
            sentence.format(
                topic=topics[a].lower(),
                partner=handles[partner[i]],
                day=_DAYS[day[i]],
                hashtag=hashtags[a],
            )
        )
    return texts, off


def simulate(
    seed: int,
    scale: Scale = "teaching",
    effects: Effects | None = None,
) -> AttentionData:
    """Simulate about forty fictional EU agencies, their tweets, news salience and coders.

    Each agency gets an account creation date (2009-2019), a monthly number of news mentions
    (its salience in traditional news), a tweeting rate, a mix of communication styles and a
    tweet history over the observation window: text written from the codebook's phrases (a
    quarter of each tweet's phrases borrowed from another style, so that texts overlap),
    retweets, likes, replies, and whether the tweet is a reply. Followers at the end of the
    window follow a negative binomial model with the planted account-level effects; retweets
    follow one with the planted style effect, a followers elasticity, fewer retweets at
    weekends and an account-level random effect. Two simulated coders label a random sample of
    tweets; they err more often on tweets whose text mixes styles, and their disagreements are
    adjudicated to the true style.

    Parameters
    ----------
    seed : int
        Seed of the only random generator used.
    scale : {"teaching", "paper"}
        ``"teaching"``: six months of tweets (July-December 2021, about 5,000 tweets) and 1,000
        hand-coded tweets. ``"paper"``: two years of tweets for every agency (2020-2021, about
        20,000 tweets) and 2,000 hand-coded tweets.
    effects : Effects, optional
        The planted effects; default :class:`Effects` ``()``. Use ``Effects.none()``, or
        ``dataclasses.replace(Effects(), interactive_retweet_irr=1.0)`` to remove one effect.

    Returns
    -------
    AttentionData
        With ``news``, ``coded`` and ``effects`` filled in; ``tweets`` carries the true
        ``style`` of every tweet.

    Examples
    --------
    >>> data = simulate(1)
    >>> data.accounts.columns.tolist()
    ['username', 'name', 'created_at', 'followers', 'news_mentions_per_month']
    >>> data.accounts["name"].iloc[0]
    'European Agency for Coastal Safety'
    >>> simulate(1).tweets.equals(data.tweets)
    True
    """
    if scale not in _SCALES:
        raise ValueError(f"scale must be one of {list(_SCALES)}, got {scale!r}")
    effects = Effects() if effects is None else effects
    spec = _SCALES[scale]
    rng = np.random.default_rng(seed)
    start = pd.Timestamp(spec.start, tz="UTC")
    end = pd.Timestamp(spec.end, tz="UTC")
    n_agencies = len(_AGENCIES)
    usernames = [_handle(topic) for _, topic in _AGENCIES]

    # Accounts: creation date, latent news salience and tweeting rate (mildly correlated).
    earliest = pd.Timestamp("2009-03-01", tz="UTC")
    latest = pd.Timestamp("2019-06-30", tz="UTC")
    span_s = (latest - earliest).total_seconds()
    created_at = earliest + pd.to_timedelta(np.floor(rng.random(n_agencies) * span_s), unit="s")
    z = rng.standard_normal((n_agencies, 2))
    salience = np.exp(np.log(12.0) + 1.1 * z[:, 0])
    rate = np.clip(
        np.exp(np.log(4.0) + 0.75 * (0.3 * z[:, 0] + np.sqrt(1 - 0.09) * z[:, 1])), 0.5, 12.0
    )

    # News mentions per month (news cycles around each agency's salience).
    months = pd.date_range(start, end, freq="MS", inclusive="left")
    monthly = rng.poisson(
        salience[:, None] * np.exp(0.4 * rng.standard_normal((n_agencies, len(months))))
    )
    news = pd.DataFrame(
        {
            "username": np.repeat(usernames, len(months)),
            "month": np.tile(months.tz_localize(None).to_period("M").astype(str), n_agencies),
            "news_mentions": monthly.ravel().astype("int64"),
        }
    )
    news_per_month = monthly.mean(axis=1)

    # Tweets: how many, when (fewer at weekends, mostly office hours), which style.
    weeks = (end - start) / pd.Timedelta(days=7)
    n_tweets = rng.poisson(rate * weeks)
    agency = np.repeat(np.arange(n_agencies), n_tweets)
    total = len(agency)
    days = pd.date_range(start, end, freq="D", inclusive="left")
    day_weight = np.where(days.day_of_week >= 5, 0.35, 1.0)
    day = rng.choice(len(days), size=total, p=day_weight / day_weight.sum())
    hour_weight = np.array(
        [1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 9, 8, 8, 9, 9, 8, 6, 4, 3, 2, 2, 1, 1, 1], dtype=float
    )
    hour = rng.choice(24, size=total, p=hour_weight / hour_weight.sum())
    second = rng.integers(0, 3600, size=total)
    created = days[day] + pd.to_timedelta(hour * 3600 + second, unit="s")
    mix = rng.dirichlet(_STYLE_CONCENTRATION * _STYLE_MIX, size=n_agencies)
    cumulative = np.cumsum(mix, axis=1)[agency]
    style_codes = (rng.random(total)[:, None] > cumulative[:, :-1]).sum(axis=1)
    interactive = style_codes == STYLES.index("interactive")
    is_reply = rng.random(total) < np.where(interactive, 0.3, 0.03)
    texts, off_style = _compose_texts(rng, style_codes, agency, is_reply)

    tweets = pd.DataFrame(
        {
            "username": pd.Series(np.asarray(usernames)[agency], dtype="string"),
            "created_at": created,
            "text": pd.Series(texts, dtype="string"),
            "style": pd.Series(np.asarray(STYLES)[style_codes], dtype="string"),
            "is_reply": is_reply,
            "_off_style": off_style,
            "_agency": agency,
        }
    )
    tweets = tweets.sort_values(["_agency", "created_at"], kind="stable").reset_index(drop=True)
    tweets.insert(0, "tweet_id", _snowflake(tweets["created_at"]))
    tweets["mention_count"] = tweets["text"].str.count(r"@\w+").astype("int64")

    # Followers at the end of the window: the planted account-level effects.
    tweets_per_week = np.bincount(agency, minlength=n_agencies) / weeks
    age_years = ((end - created_at) / pd.Timedelta(days=365.25)).to_numpy()
    log_followers = (
        np.log(_FOLLOWERS_MEDIAN)
        + np.log(effects.news_doubling_irr) * (np.log2(news_per_month + 1) - 3.5)
        + np.log(effects.account_year_irr) * (age_years - 7.0)
        + np.log(effects.weekly_tweet_irr) * (tweets_per_week - 4.0)
    )
    followers = _nb_draws(rng, np.exp(log_followers), _FOLLOWERS_ALPHA)
    accounts = pd.DataFrame(
        {
            "username": pd.Series(usernames, dtype="string"),
            "name": pd.Series(
                [f"European {kind} for {topic}" for kind, topic in _AGENCIES], dtype="string"
            ),
            "created_at": created_at,
            "followers": followers,
            "news_mentions_per_month": news_per_month,
        }
    )

    # Retweets, likes and replies of each tweet.
    a = tweets["_agency"].to_numpy()
    is_interactive = tweets["style"].eq("interactive").to_numpy()
    weekend = tweets["created_at"].dt.day_of_week.to_numpy() >= 5
    account_effect = _RETWEETS_ACCOUNT_SD * rng.standard_normal(n_agencies)
    log_retweets = (
        np.log(_RETWEETS_BASE)
        + np.log(_RETWEETS_PER_FOLLOWER_DOUBLING) * np.log2((followers[a] + 1) / _FOLLOWERS_MEDIAN)
        + np.log(effects.interactive_retweet_irr) * is_interactive
        + np.log(_RETWEETS_WEEKEND) * weekend
        + account_effect[a]
    )
    retweet_mean = np.exp(log_retweets)
    tweets["retweet_count"] = _nb_draws(rng, retweet_mean, _RETWEETS_ALPHA)
    tweets["like_count"] = _nb_draws(rng, 2.5 * retweet_mean, 0.6)
    tweets["reply_count"] = _nb_draws(
        rng, 0.25 * retweet_mean * np.where(is_interactive, 2.5, 1.0), 1.0
    )

    # Two coders label a random sample; disagreements are adjudicated to the true style.
    n_coded = min(spec.n_coded, len(tweets))
    coded_rows = np.sort(rng.choice(len(tweets), size=n_coded, replace=False))
    true_codes = pd.Categorical(tweets["style"], categories=STYLES).codes[coded_rows]
    error_chance = 0.04 + 0.12 * tweets["_off_style"].to_numpy()[coded_rows]
    coder_codes = []
    for _ in range(2):
        errs = rng.random(len(coded_rows)) < error_chance
        shift = rng.integers(1, len(STYLES), size=len(coded_rows))
        coder_codes.append(np.where(errs, (true_codes + shift) % len(STYLES), true_codes))
    label_codes = np.where(coder_codes[0] == coder_codes[1], coder_codes[0], true_codes)
    names = np.asarray(STYLES)
    coded = pd.DataFrame(
        {
            "tweet_id": tweets["tweet_id"].iloc[coded_rows].to_numpy(),
            "text": tweets["text"].iloc[coded_rows].to_numpy(),
            "coder_a": names[coder_codes[0]],
            "coder_b": names[coder_codes[1]],
            "label": names[label_codes],
        }
    ).astype("string")

    columns = [*_TWEET_COLUMNS, "style"]
    return AttentionData(
        accounts=accounts,
        tweets=tweets[columns],
        start=start,
        end=end,
        news=news,
        coded=coded,
        effects=effects,
    )


# --------------------------------------------------------------------------------------------
# Your own data
# --------------------------------------------------------------------------------------------

ACCOUNTS = Contract(
    "agency accounts",
    (
        Column(
            "username",
            "string",
            unique=True,
            description="The account's @handle without the @, as in the tweets file "
            "(matched without regard to case).",
        ),
        Column("name", "string", nullable=True, description="The agency's name (optional)."),
        Column(
            "created_at",
            "datetime",
            description="When the account was opened on Twitter/X (UTC; e.g. 2012-05-31).",
        ),
        Column(
            "followers",
            "int",
            minimum=0,
            description="Followers at the end of the collection window (count).",
        ),
        Column(
            "news_mentions_per_month",
            "float",
            minimum=0,
            description="Mean number of news articles per month that name the agency, over "
            "the collection window (from a news database such as Factiva or LexisNexis).",
        ),
    ),
    key=("username",),
)
"""Contract of ``accounts.csv``: one row per agency account."""

CODED = Contract(
    "hand-coded tweets",
    (
        Column("tweet_id", "string", unique=True, description="Id of a tweet in tweets.jsonl."),
        Column("coder_a", "string", allowed=STYLES, description="First coder's style."),
        Column("coder_b", "string", allowed=STYLES, description="Second coder's style."),
        Column(
            "label",
            "string",
            allowed=STYLES,
            description="The agreed style after the coders resolved their disagreements.",
        ),
    ),
    key=("tweet_id",),
)
"""Contract of the optional ``coded.csv``: two coders' styles for a sample of the tweets."""

_TWEET_COLUMNS = [
    "tweet_id",
    "username",
    "created_at",
    "text",
    "retweet_count",
    "like_count",
    "reply_count",
    "is_reply",
    "mention_count",
]


def load_folder(folder: str | os.PathLike[str]) -> AttentionData:
    r"""Load your own agencies' tweets and accounts from a folder.

    The folder holds ``tweets.jsonl`` (Twitter API v2 responses, one per line, as ``twarc2``
    writes them; read with :func:`govsocial.io.read_tweets_v2_jsonl`), ``accounts.csv`` (the
    columns of :data:`ACCOUNTS`; read with :func:`govsocial.io.read_table`) and, optionally,
    ``coded.csv`` (the columns of :data:`CODED`). Retweets are left out (they are other
    accounts' content, and the API reports the original tweet's retweet count for them), and so
    are tweets by accounts not listed in ``accounts.csv``. The window runs from the day of the
    first tweet to the end of the day of the last.

    Parameters
    ----------
    folder : str or path-like
        The folder with the files.

    Returns
    -------
    AttentionData
        ``news`` and ``effects`` are None (there is no planted truth); ``coded`` is None when
        there is no ``coded.csv``. ``reports`` says what each file held and what was dropped.

    Raises
    ------
    DataError
        When a file is missing or malformed, an account was created after the last tweet, or
        ``coded.csv`` names a tweet that is not in ``tweets.jsonl``.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> load_folder(folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govsocial.schema.DataError: ...: no tweets.jsonl in this folder (expected ...)
    """
    folder = Path(folder)
    for name in ("tweets.jsonl", "accounts.csv"):
        if not (folder / name).is_file():
            raise DataError(
                f"no {name} in this folder",
                file=str(folder),
                expected="tweets.jsonl (Twitter API v2 JSON lines) and accounts.csv",
                found=", ".join(sorted(p.name for p in folder.iterdir())) or "an empty folder",
            )
    accounts_loaded = io.read_table(folder / "accounts.csv", ACCOUNTS)
    accounts = accounts_loaded.frame
    lowered = accounts["username"].str.lower()
    if lowered.duplicated().any():
        position = int(np.flatnonzero(lowered.duplicated().to_numpy())[0])
        raise DataError(
            "two accounts differ only in upper/lower case",
            file=str(folder / "accounts.csv"),
            row=position + 2,
            column="username",
            expected="one row per account",
            found=repr(accounts["username"].iloc[position]),
        )
    tweets_loaded = io.read_tweets_v2_jsonl(folder / "tweets.jsonl")
    raw = tweets_loaded.frame
    spelling = dict(zip(lowered, accounts["username"], strict=True))
    username = raw["username"].str.lower().map(spelling)
    retweet = raw["is_retweet"].to_numpy()
    unknown = username.isna().to_numpy() & ~retweet
    tweets = raw.loc[~retweet & ~unknown].assign(username=username).reset_index(drop=True)
    if tweets.empty:
        raise DataError(
            "no tweet of a listed account is left after removing retweets",
            file=str(folder / "tweets.jsonl"),
            expected="original tweets by the accounts in accounts.csv",
            found=f"{int(retweet.sum())} retweets, {int(unknown.sum())} tweets by other accounts",
        )
    tweets = tweets[_TWEET_COLUMNS].astype({"username": "string"})
    start = tweets["created_at"].min().floor("D")
    end = tweets["created_at"].max().floor("D") + pd.Timedelta(days=1)
    late = accounts["created_at"] >= end
    if late.any():
        position = int(np.flatnonzero(late.to_numpy())[0])
        raise DataError(
            "the account was created after the last tweet",
            file=str(folder / "accounts.csv"),
            row=position + 2,
            column="created_at",
            expected=f"a date before {end:%Y-%m-%d}",
            found=str(accounts["created_at"].iloc[position]),
        )
    used = LoadReport(
        f"{io.shown_path(folder / 'tweets.jsonl')} (tweets analysed)",
        rows_read=len(raw),
        dropped={
            "retweet (not the account's own content)": int(retweet.sum()),
            "author not in accounts.csv": int(unknown.sum()),
        },
    )
    reports = [accounts_loaded.report, tweets_loaded.report, used]
    coded = None
    if (folder / "coded.csv").is_file():
        coded_loaded = io.read_table(folder / "coded.csv", CODED)
        text_of = dict(zip(tweets["tweet_id"], tweets["text"], strict=True))
        missing = ~coded_loaded.frame["tweet_id"].isin(list(text_of))
        if missing.any():
            position = int(np.flatnonzero(missing.to_numpy())[0])
            raise DataError(
                "this coded tweet is not among the analysed tweets",
                file=str(folder / "coded.csv"),
                row=position + 2,
                column="tweet_id",
                expected="the id of an original tweet by a listed account in tweets.jsonl",
                found=repr(coded_loaded.frame["tweet_id"].iloc[position]),
            )
        coded = coded_loaded.frame.assign(
            text=coded_loaded.frame["tweet_id"].map(text_of).astype("string")
        )[["tweet_id", "text", "coder_a", "coder_b", "label"]]
        reports.append(coded_loaded.report)
    return AttentionData(
        accounts=accounts,
        tweets=tweets,
        start=start,
        end=end,
        coded=coded,
        reports=tuple(reports),
    )


# --------------------------------------------------------------------------------------------
# Coding and classification
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Features and models
# --------------------------------------------------------------------------------------------


def account_features(
    accounts: pd.DataFrame,
    tweets: pd.DataFrame,
    *,
    start: pd.Timestamp,
    end: pd.Timestamp,
) -> pd.DataFrame:
    """Add the account-level predictors of followers.

    Parameters
    ----------
    accounts : DataFrame
        Columns ``username``, ``created_at`` (UTC), ``followers``, ``news_mentions_per_month``.
    tweets : DataFrame
        Columns ``username`` and ``created_at``; only tweets in ``[start, end)`` are counted.
    start, end : Timestamp
        The observation window (UTC).

    Returns
    -------
    DataFrame
        ``accounts`` plus ``log2_news`` (log2 of news mentions per month + 1: one unit is a
        doubling), ``account_age_years`` (years from creation to ``end``) and
        ``tweets_per_week`` (tweets in the window divided by its length in weeks).

    Raises
    ------
    ValueError
        When the window is empty or an account was created after ``end``.

    Examples
    --------
    >>> accounts = pd.DataFrame({"username": ["a", "b"], "followers": [10, 20],
    ...     "created_at": pd.to_datetime(["2020-01-01", "2021-01-01"], utc=True),
    ...     "news_mentions_per_month": [3.0, 0.0]})
    >>> tweets = pd.DataFrame({"username": ["a"] * 14,
    ...     "created_at": pd.date_range("2021-06-01", periods=14, freq="D", tz="UTC")})
    >>> out = account_features(accounts, tweets,
    ...     start=pd.Timestamp("2021-06-01", tz="UTC"), end=pd.Timestamp("2021-06-15", tz="UTC"))
    >>> out[["log2_news", "tweets_per_week"]].to_numpy().tolist()
    [[2.0, 7.0], [0.0, 0.0]]
    """
    weeks = (end - start) / pd.Timedelta(days=7)
    if weeks <= 0:
        raise ValueError(f"the window is empty: start {start} is not before end {end}")
    late = accounts["created_at"] > end
    if late.any():
        raise ValueError(
            f"account {accounts.loc[late, 'username'].iloc[0]!r} was created after the end of "
            f"the window ({end:%Y-%m-%d})"
        )
    in_window = tweets[(tweets["created_at"] >= start) & (tweets["created_at"] < end)]
    counts = in_window.groupby("username").size()
    out = accounts.copy()
    out["log2_news"] = np.log2(out["news_mentions_per_month"].astype(float) + 1)
    out["account_age_years"] = (end - out["created_at"]) / pd.Timedelta(days=365.25)
    out["tweets_per_week"] = out["username"].map(counts).fillna(0).astype(float) / weeks
    return out


def tweet_features(tweets: pd.DataFrame, accounts: pd.DataFrame) -> pd.DataFrame:
    """Add the tweet-level controls of the retweet model.

    Parameters
    ----------
    tweets : DataFrame
        Columns ``username`` and ``created_at`` (UTC).
    accounts : DataFrame
        Columns ``username`` and ``followers``; every tweet's author must be listed.

    Returns
    -------
    DataFrame
        ``tweets`` plus ``log2_followers`` (log2 of the account's followers + 1) and
        ``weekend`` (1 if posted on a Saturday or Sunday, in UTC, else 0).

    Examples
    --------
    >>> tweets = pd.DataFrame({"username": ["a", "a"],
    ...     "created_at": pd.to_datetime(["2021-06-05", "2021-06-07"], utc=True)})
    >>> accounts = pd.DataFrame({"username": ["a"], "followers": [1023]})
    >>> tweet_features(tweets, accounts)[["log2_followers", "weekend"]].to_numpy().tolist()
    [[10.0, 1.0], [10.0, 0.0]]
    """
    followers = tweets["username"].map(accounts.set_index("username")["followers"])
    if followers.isna().any():
        missing = tweets.loc[followers.isna(), "username"].iloc[0]
        raise ValueError(f"tweets by {missing!r}, an account missing from the accounts table")
    out = tweets.copy()
    out["log2_followers"] = np.log2(followers.astype(float) + 1)
    out["weekend"] = (out["created_at"].dt.day_of_week >= 5).astype("int64")
    return out


def followers_model(features: pd.DataFrame) -> CountModelResult:
    """Negative binomial regression of followers on news salience, age and tweeting frequency.

    Parameters
    ----------
    features : DataFrame
        One row per account, from :func:`account_features`.

    Returns
    -------
    CountModelResult
        Fitted :data:`FOLLOWERS_FORMULA` with model-based standard errors (one row per
        account, so there is nothing to cluster).

    Examples
    --------
    >>> data = simulate(3)
    >>> features = account_features(data.accounts, data.tweets, start=data.start, end=data.end)
    >>> followers_model(features).table["term"].tolist()
    ['Intercept', 'log2_news', 'account_age_years', 'tweets_per_week']
    """
    return models.negative_binomial(FOLLOWERS_FORMULA, features)


def retweet_model(
    features: pd.DataFrame,
    styles: pd.Series,
    *,
    cluster: str | None = "username",
) -> CountModelResult:
    """Negative binomial regression of a tweet's retweets on its communication style.

    Parameters
    ----------
    features : DataFrame
        One row per tweet, from :func:`tweet_features`.
    styles : Series
        Each tweet's style (true, hand-coded or predicted), in the order of ``features``.
    cluster : str or None
        Column identifying the account: standard errors are clustered by it, because tweets of
        one account share its audience and are not independent. None: model-based errors.

    Returns
    -------
    CountModelResult
        Fitted :data:`RETWEETS_FORMULA`; ``interactive`` and ``promotional`` compare with
        informative tweets.

    Examples
    --------
    >>> data = simulate(3)
    >>> features = tweet_features(data.tweets, data.accounts)
    >>> fit = retweet_model(features, data.tweets["style"])
    >>> fit.cov_type, fit.table["term"].tolist()[:3]
    ('cluster', ['Intercept', 'interactive', 'promotional'])
    """
    if len(styles) != len(features):
        raise ValueError(f"{len(styles)} styles for {len(features)} tweets")
    values = pd.Series(np.asarray(styles, dtype=object), index=features.index)
    unknown = sorted(set(values.dropna()) - set(STYLES))
    if unknown or values.isna().any():
        raise ValueError(f"styles must be one of {list(STYLES)}; found {unknown or 'missing'}")
    data = features.assign(
        interactive=values.eq("interactive").astype("int64"),
        promotional=values.eq("promotional").astype("int64"),
    )
    return models.negative_binomial(RETWEETS_FORMULA, data, cluster=cluster)


@dataclass(frozen=True)
class AttentionFits:
    """Both models of one data set.

    Attributes
    ----------
    accounts : DataFrame
        The account features the followers model used.
    tweets : DataFrame
        The tweet features the retweet model used.
    followers, retweets : CountModelResult
        The fitted models.
    """

    accounts: pd.DataFrame
    tweets: pd.DataFrame
    followers: CountModelResult
    retweets: CountModelResult


def fit_models(data: AttentionData, styles: pd.Series | None = None) -> AttentionFits:
    """Fit the followers model and the retweet model of one data set.

    Parameters
    ----------
    data : AttentionData
        Simulated or loaded data.
    styles : Series, optional
        The style of each tweet; default the true ``style`` column of simulated tweets.

    Returns
    -------
    AttentionFits

    Examples
    --------
    >>> fits = fit_models(simulate(5))
    >>> fits.followers.n_obs, fits.retweets.cov_type
    (40, 'cluster')
    """
    if styles is None:
        if "style" not in data.tweets:
            raise ValueError("these tweets have no true style: pass predicted styles")
        styles = data.tweets["style"]
    accounts = account_features(data.accounts, data.tweets, start=data.start, end=data.end)
    tweets = tweet_features(data.tweets, data.accounts)
    return AttentionFits(
        accounts=accounts,
        tweets=tweets,
        followers=followers_model(accounts),
        retweets=retweet_model(tweets, styles),
    )


# --------------------------------------------------------------------------------------------
# Measurement error, recovery, scorecard
# --------------------------------------------------------------------------------------------


def expected_attenuation(
    true_styles: pd.Series,
    predicted_styles: pd.Series,
    irr: float,
    *,
    style: str = "interactive",
) -> float:
    """Compute the rate ratio that misclassification alone leaves of a true ratio ``irr``.

    Compare tweets *predicted* to be of ``style`` with the rest. A share ``p`` of the first
    group truly is of that style, and a share ``q`` of the second. If the true style multiplies
    expected retweets by ``irr`` and nothing else differs, the groups' expected counts relate as
    ``(p * irr + 1 - p) / (q * irr + 1 - q)``: closer to 1 than ``irr`` whenever ``p < 1`` or
    ``q > 0``. (This ignores the other styles' own effects and the model's controls.)

    Parameters
    ----------
    true_styles, predicted_styles : Series
        True and predicted style of the same tweets.
    irr : float
        The true rate ratio of ``style`` tweets against all others.
    style : str
        The style whose effect is diluted.

    Returns
    -------
    float
        The diluted ratio.

    Examples
    --------
    >>> true = pd.Series(["interactive", "interactive", "informative", "informative"])
    >>> expected_attenuation(true, true, 2.0)
    2.0
    >>> guessed = pd.Series(["interactive", "informative", "interactive", "informative"])
    >>> expected_attenuation(true, guessed, 2.0)
    1.0
    """
    truly = np.asarray(true_styles, dtype=object) == style
    flagged = np.asarray(predicted_styles, dtype=object) == style
    if flagged.all() or not flagged.any():
        raise ValueError(f"every tweet or no tweet is predicted {style!r}: no comparison")
    p = truly[flagged].mean()
    q = truly[~flagged].mean()
    return float((p * irr + 1 - p) / (q * irr + 1 - q))


def term_across_fits(fits: Mapping[str, CountModelResult], term: str) -> pd.DataFrame:
    """One term's estimate from several fitted models, one row per fit.

    Parameters
    ----------
    fits : mapping of str to CountModelResult
        Label of each fit (``"true styles"``) and the fit.
    term : str
        The model term to compare.

    Returns
    -------
    DataFrame
        Columns ``term`` (the fit's label, so that :func:`govsocial.plots.coefficient_plot`
        draws one row per fit), ``irr``, ``ci_low``, ``ci_high``.

    Examples
    --------
    >>> fits = fit_models(simulate(5))
    >>> term_across_fits({"true": fits.retweets}, "interactive")["term"].tolist()
    ['true']
    """
    rows = []
    for label, fit in fits.items():
        row = fit.table.set_index("term").loc[term]
        rows.append((label, row["irr"], row["ci_low"], row["ci_high"]))
    return pd.DataFrame(rows, columns=["term", "irr", "ci_low", "ci_high"])


def recovery_table(
    effects: Effects,
    followers: CountModelResult,
    retweets: CountModelResult,
    retweets_predicted: CountModelResult | None = None,
) -> pd.DataFrame:
    """Planted effects next to their estimates.

    Parameters
    ----------
    effects : Effects
        The planted truth.
    followers : CountModelResult
        The followers model.
    retweets : CountModelResult
        The retweet model fitted with the true styles.
    retweets_predicted : CountModelResult, optional
        The retweet model fitted with the classifier's styles: adds a row for its estimate of
        the same planted effect.

    Returns
    -------
    DataFrame
        One row per planted effect (and one more with ``retweets_predicted``): ``effect``,
        ``outcome``, ``planted_irr``, ``estimate``, ``ci_low``, ``ci_high`` (95%),
        ``covered`` (the interval holds the planted value) and ``detected`` (the interval
        excludes 1, no effect).

    Examples
    --------
    >>> data = simulate(5, effects=Effects.none())
    >>> fits = fit_models(data)
    >>> table = recovery_table(data.effects, fits.followers, fits.retweets)
    >>> table.columns.tolist()[:4]
    ['effect', 'outcome', 'planted_irr', 'estimate']
    """
    planted = effects.table()
    estimates = {"followers": followers.table, "retweets": retweets.table}
    rows = []
    for effect, outcome, term, irr in planted.itertuples(index=False):
        label = (
            effect
            if retweets_predicted is None or outcome != "retweets"
            else (f"{effect}, true styles")
        )
        row = estimates[outcome].set_index("term").loc[term]
        rows.append((label, outcome, irr, row["irr"], row["ci_low"], row["ci_high"]))
        if retweets_predicted is not None and outcome == "retweets":
            row = retweets_predicted.table.set_index("term").loc[term]
            rows.append(
                (
                    f"{effect}, classifier styles",
                    outcome,
                    irr,
                    row["irr"],
                    row["ci_low"],
                    row["ci_high"],
                )
            )
    table = pd.DataFrame(
        rows, columns=["effect", "outcome", "planted_irr", "estimate", "ci_low", "ci_high"]
    )
    table["covered"] = (table["ci_low"] <= table["planted_irr"]) & (
        table["planted_irr"] <= table["ci_high"]
    )
    table["detected"] = (table["ci_low"] > 1) | (table["ci_high"] < 1)
    return table


def falsification(seeds: Sequence[int], scale: Scale = "teaching") -> pd.DataFrame:
    """Simulate one world without any effect per seed, fit both models, and collect the CIs.

    A 95% confidence interval should exclude the true value of 1 in about one world in twenty;
    a method that "finds" effects much more often than that is not to be trusted. The models
    use the true styles, so this checks the models, not the classifier.

    Parameters
    ----------
    seeds : sequence of int
        One simulated world per seed.
    scale : {"teaching", "paper"}
        Size of each world.

    Returns
    -------
    DataFrame
        The rows of :func:`recovery_table` for every world, with a ``seed`` column.

    Examples
    --------
    >>> runs = falsification([1, 2])
    >>> len(runs), runs["planted_irr"].unique().tolist()
    (8, [1.0])
    """
    tables = []
    for seed in seeds:
        data = simulate(seed, scale, effects=Effects.none())
        fits = fit_models(data)
        table = recovery_table(data.effects, fits.followers, fits.retweets)
        tables.append(table.assign(seed=seed))
    return pd.concat(tables, ignore_index=True)


_FINDINGS: tuple[tuple[str, str, str], ...] = (
    ("followers", "log2_news", "More followers for agencies more salient in traditional news"),
    ("followers", "account_age_years", "More followers for older accounts"),
    ("followers", "tweets_per_week", "More followers for agencies that tweet more often"),
    ("retweets", "interactive", "More retweets for a more interactive style"),
)


def scorecard(followers: CountModelResult, retweets: CountModelResult) -> pd.DataFrame:
    """Müller's (2022) directional findings against what the two models found.

    A finding counts as reproduced when the 95% confidence interval of its incidence-rate
    ratio lies entirely above 1 (the direction the study reports).

    Parameters
    ----------
    followers, retweets : CountModelResult
        The followers model and the retweet model.

    Returns
    -------
    DataFrame
        Columns ``finding``, ``what we found`` (IRR and 95% CI per unit of the predictor) and
        ``reproduced?`` (``"yes"``, ``"no: no clear effect"`` or ``"no: opposite direction"``).

    Examples
    --------
    >>> fits = fit_models(simulate(5))
    >>> scorecard(fits.followers, fits.retweets)["reproduced?"].tolist()
    ['yes', 'yes', 'yes', 'yes']
    """
    tables = {"followers": followers.table, "retweets": retweets.table}
    rows = []
    for outcome, term, finding in _FINDINGS:
        row = tables[outcome].set_index("term").loc[term]
        found = (
            f"IRR {row['irr']:.2f} (95% CI {row['ci_low']:.2f} to {row['ci_high']:.2f}), "
            f"{TERM_LABELS[term].lower()}"
        )
        if row["ci_low"] > 1:
            verdict = "yes"
        elif row["ci_high"] < 1:
            verdict = "no: opposite direction"
        else:
            verdict = "no: no clear effect"
        rows.append((finding, found, verdict))
    return pd.DataFrame(rows, columns=["finding", "what we found", "reproduced?"])


# --------------------------------------------------------------------------------------------
# Figure
# --------------------------------------------------------------------------------------------


def _log_ticks(low: float, high: float) -> list[float]:
    """Round ticks (1, 2, 5 times a power of ten) covering ``[low, high]`` on a log axis.

    Examples
    --------
    >>> _log_ticks(1.5, 130)
    [2.0, 5.0, 10.0, 20.0, 50.0, 100.0]
    >>> _log_ticks(1600, 36000)
    [2000.0, 5000.0, 10000.0, 20000.0]
    """
    first, last = int(np.floor(np.log10(low))), int(np.ceil(np.log10(high)))
    ticks = [
        float(m * 10.0**e)
        for e in range(first, last + 1)
        for m in (1, 2, 5)
        if low <= m * 10.0**e <= high
    ]
    return ticks or [float(10.0**first)]


def salience_scatter(features: pd.DataFrame) -> Figure:
    """Plot each account's followers against its news mentions, both on log scales.

    Parameters
    ----------
    features : DataFrame
        Columns ``news_mentions_per_month`` and ``followers``, one row per account.

    Returns
    -------
    Figure
        One axes; accounts with no news mentions are drawn at the left edge (log2 of
        mentions + 1 is what the model uses).

    Examples
    --------
    >>> frame = pd.DataFrame({"news_mentions_per_month": [1.0, 10.0], "followers": [50, 900]})
    >>> fig = salience_scatter(frame)
    >>> fig.axes[0].get_xscale(), fig.axes[0].get_yscale()
    ('log', 'log')
    >>> plt.close(fig)
    """
    from govsocial.plots import PALETTE

    fig, ax = plt.subplots()
    ax.scatter(
        features["news_mentions_per_month"].astype(float) + 1,
        features["followers"].astype(float) + 1,
        color=PALETTE[3],
        alpha=0.8,
        edgecolor="white",
        linewidth=0.5,
    )
    ax.set_xscale("log")
    ax.set_yscale("log")
    plain = FuncFormatter(lambda value, _: f"{value:,.0f}" if value >= 1 else f"{value:g}")
    for axis, values in (
        (ax.xaxis, features["news_mentions_per_month"]),
        (ax.yaxis, features["followers"]),
    ):
        limits = (float(values.min()) + 1, float(values.max()) + 1)
        axis.set_major_locator(FixedLocator(_log_ticks(*limits)))
        axis.set_major_formatter(plain)
        axis.set_minor_locator(NullLocator())
    ax.set_xlabel("News mentions per month + 1 (log scale)")
    ax.set_ylabel("Followers (log scale)")
    return fig


def interval_figure(runs: pd.DataFrame) -> Figure:
    """Draw the confidence intervals of many simulated worlds, one panel per effect.

    Parameters
    ----------
    runs : DataFrame
        Rows of :func:`falsification` (or several :func:`recovery_table` rows with a ``seed``):
        ``effect``, ``estimate``, ``ci_low``, ``ci_high``, ``planted_irr``, ``covered``.

    Returns
    -------
    Figure
        One panel per effect, two per row (each named under its linear IRR axis; no titles),
        with a dashed line at the planted value; an interval is blue when it holds the planted
        value and vermillion (with a cross) when it misses it.

    Examples
    --------
    >>> runs = pd.DataFrame({"effect": ["a", "a"], "estimate": [1.0, 1.3],
    ...     "ci_low": [0.9, 1.1], "ci_high": [1.1, 1.5], "planted_irr": [1.0, 1.0],
    ...     "covered": [True, False]})
    >>> fig = interval_figure(runs)
    >>> len(fig.axes)
    1
    >>> plt.close(fig)
    """
    from govsocial.plots import PALETTE

    effects = list(dict.fromkeys(runs["effect"]))
    n_cols = min(2, len(effects))
    n_rows = -(-len(effects) // n_cols)
    fig, axes = plt.subplots(
        n_rows, n_cols, figsize=(3.4 * n_cols + 0.6, 3.3 * n_rows), sharey=True, squeeze=False
    )
    for ax in axes.ravel()[len(effects) :]:
        ax.set_visible(False)
    for ax, effect in zip(axes.ravel(), effects, strict=False):
        rows = runs[runs["effect"] == effect].reset_index(drop=True)
        position = np.arange(len(rows))[::-1]
        for covered, colour, marker in ((True, PALETTE[3], "o"), (False, PALETTE[4], "X")):
            pick = (rows["covered"] == covered).to_numpy()
            if not pick.any():
                continue
            estimate = rows.loc[pick, "estimate"].to_numpy(dtype=float)
            ax.errorbar(
                estimate,
                position[pick],
                xerr=np.vstack(
                    [
                        estimate - rows.loc[pick, "ci_low"].to_numpy(dtype=float),
                        rows.loc[pick, "ci_high"].to_numpy(dtype=float) - estimate,
                    ]
                ),
                fmt=marker,
                color=colour,
                markersize=4,
                elinewidth=1.2,
                linestyle="none",
            )
        ax.axvline(float(rows["planted_irr"].iloc[0]), color="0.25", linestyle="--", linewidth=1)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
        ax.set_xlabel(f"{effect}\nIRR (95% CI)", fontsize=10)
        ax.grid(axis="y", visible=False)
        ax.set_yticks([])
    for row in axes:
        row[0].set_ylabel("Simulated world (one row each)")
    return fig


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
