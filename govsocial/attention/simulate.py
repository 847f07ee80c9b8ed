"""The fictional world of the chapter: about forty EU-style agencies, their tweets and coders.

:class:`Effects` holds the planted effects (incidence-rate ratios) in the directions Müller
(2022) reports; :func:`simulate` draws accounts, news salience, tweets (texts written from the
codebook's phrases), followers, retweets and two coders' labels of a sample, and returns them
with the planted truth in an :class:`AttentionData`, the container the chapter's own-data loader
fills too. :data:`TERM_LABELS` names the model terms the planted effects act on.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Literal

import numpy as np
import pandas as pd

from govsocial.io.snowflake import snowflake_ids
from govsocial.schema import LoadReport

from .coding import STYLES

__all__ = ["N_AGENCIES", "TERM_LABELS", "AttentionData", "Effects", "simulate"]

Scale = Literal["teaching", "paper"]

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
    platform : str or None
        Own data: 'bluesky', 'mastodon' or 'twitter' (archival); None for simulated data.
    lacks : tuple of str
        Own data: what the platform does not give, one sentence each.
    """

    accounts: pd.DataFrame
    tweets: pd.DataFrame
    start: pd.Timestamp
    end: pd.Timestamp
    news: pd.DataFrame | None = None
    coded: pd.DataFrame | None = None
    effects: Effects | None = None
    reports: tuple[LoadReport, ...] = ()
    platform: str | None = None
    lacks: tuple[str, ...] = ()


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

N_AGENCIES = len(_AGENCIES)
"""How many fictional agencies every simulated world holds."""

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


def _compose_texts(
    rng: np.random.Generator,
    style_codes: np.ndarray,
    agency: np.ndarray,
    is_reply: np.ndarray,
    write: bool = True,
) -> tuple[list[str], np.ndarray]:
    """Tweet texts from the phrase pools; also how many slots came from another style.

    With ``write=False`` the same random numbers are drawn but no text is written (every text
    is empty), so that the draws after it, and hence every count, stay the same.
    """
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
        if write:
            phrases = [
                pools[s][int(u * len(pools[s]))] for s, u in zip(source, pick, strict=True)
            ]
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
    if not write:
        return [""] * n, off
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
    *,
    texts: bool = True,
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
    texts : bool
        False: draw the same random numbers but write no tweet texts (every ``text`` empty, no
        mentions), for the many worlds of the method checks, which need only the counts: every
        other column is the same as with ``texts=True``.

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
    texts_written, off_style = _compose_texts(rng, style_codes, agency, is_reply, texts)

    tweets = pd.DataFrame(
        {
            "username": pd.Series(np.asarray(usernames)[agency], dtype="string"),
            "created_at": created,
            "text": pd.Series(texts_written, dtype="string"),
            "style": pd.Series(np.asarray(STYLES)[style_codes], dtype="string"),
            "is_reply": is_reply,
            "_off_style": off_style,
            "_agency": agency,
        }
    )
    tweets = tweets.sort_values(["_agency", "created_at"], kind="stable").reset_index(drop=True)
    ms = pd.DatetimeIndex(tweets["created_at"]).as_unit("ms").asi8  # integer ms: fast
    ids = snowflake_ids(ms).astype(str)  # ids are kept as text, as read
    tweets.insert(0, "tweet_id", pd.Series(ids, index=tweets.index, dtype="string"))
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


# The columns of AttentionData.tweets, simulated or loaded (simulated tweets add "style").
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
