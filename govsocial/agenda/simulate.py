"""The fictional world: five police departments, their followers, and the planted truth.

:func:`simulate` draws the posts and comments of the chapter's world; :class:`Effects` holds the
planted effects and :class:`Truth` what they mean in the units of the chapter's estimates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from ._common import (
    _D,
    _K,
    _NEIGHBOURS,
    DEPARTMENTS,
    N_DAYS,
    PLATFORMS,
    START_DAY,
    TIMEZONE,
    TOPIC_CODES,
)
from .texts import _hashtags, _police_texts, _public_texts

# The police agenda all departments share before their own variation (shares of posts).
_BASE_POLICE = np.array([0.24, 0.12, 0.10, 0.18, 0.14, 0.09, 0.08, 0.05])

# Departments differ in how much they post and how much engagement they draw (nuisance
# differences, not planted effects: the engagement model absorbs them with fixed effects).
_DEPT_VOLUME = np.array([1.25, 1.05, 1.0, 0.9, 0.8])
_DEPT_ENGAGEMENT = np.array([1.3, 0.8, 1.1, 0.7, 1.0])

_BURST_SD = 0.8  # standard deviation of a topic's daily log posting intensity
_SHARED_BURSTS = 0.5  # share of that variance all departments have in common
# Day-to-day persistence of a topic's posting intensity (an AR(1) coefficient): an incident or
# a campaign lasts a few days, so attention to a topic is autocorrelated with or without a lag.
_BURST_PERSISTENCE = 0.5
_COMMENT_DELAY_MIN = 150.0  # mean minutes between a police post and a comment on it
_GENERIC_SHARE = 0.45  # share of on-topic comments that are generic reactions ("Thank you!")


@dataclass(frozen=True)
class _Scale:
    posts_per_day: tuple[float, float]  # police posts per department-day: Facebook, Twitter
    comments_per_post: tuple[float, float]  # mean comments on a police post: Facebook, Twitter
    reliability_sample: int  # posts double-coded by the second coder


_SCALES: dict[str, _Scale] = {
    "teaching": _Scale((2.4, 3.6), (4.0, 2.0), 500),
    # Facebook to Twitter about 0.39 : 0.61, the mix Xu et al. (2017) report for 40 agencies
    # (26,490 Facebook posts, 41,277 tweets); about 66,000 posts in all.
    "paper": _Scale((5.2, 8.0), (12.0, 6.0), 1000),
}


@dataclass(frozen=True)
class Effects:
    """The planted effects; their directions follow the study's findings, their sizes are ours.

    Three effects are teaching inventions, not findings of Williams et al. (2018): the lag
    (``lag_days``, ``lag_strength``, ``lag_topics``), the platform tilt (``twitter_tilt``) and
    the engagement ratios by topic (``engagement_irr``); the study reports only that the public
    responded positively to some police agenda items, not which or by how much.

    Attributes
    ----------
    agenda_follow : float
        Probability that a follower's comment stays on the topic of the police post it answers
        (agenda-setting). 0: comments ignore the post's topic.
    public_priorities : mapping of str to float
        Relative weights of the topics followers raise on their own (when not following the
        post); all equal: the public has no priorities of its own.
    lag_days : int
        Days after which police attention to a topic moves the public's own topic choice.
    lag_strength : float
        How strongly (log scale, per standard deviation of police posting intensity) a topic's
        police attention ``lag_days`` ago raises the public's own attention to it.
    lag_topics : tuple of str
        Topics whose public attention follows police attention with the lag.
    engagement_irr : mapping of str to float
        Expected engagement (likes + shares + comments) of a police post on each topic, relative
        to safety tips (an incidence-rate ratio).
    reply_rates : tuple of float
        Probability that the department replies to a comment, per department.
    reply_median_minutes : tuple of float
        Median minutes to a reply, per department.
    twitter_tilt : mapping of str to float
        Log factor by which a topic is more frequent among police tweets than among Facebook
        posts (before the shares are normalised).

    Examples
    --------
    >>> Effects().engagement_irr["missing persons"], Effects.none().engagement_irr["crime"]
    (2.0, 1.0)
    """

    agenda_follow: float = 0.55
    public_priorities: Mapping[str, float] = field(
        default_factory=lambda: {
            "crime": 0.21,
            "traffic": 0.19,
            "missing persons": 0.10,
            "community": 0.08,
            "safety tips": 0.10,
            "recruitment": 0.03,
            "recognition": 0.05,
            "accountability": 0.24,
        }
    )
    lag_days: int = 2
    lag_strength: float = 2.0
    lag_topics: tuple[str, ...] = ("crime", "traffic", "missing persons")
    engagement_irr: Mapping[str, float] = field(
        default_factory=lambda: {
            "crime": 1.2,
            "traffic": 1.0,
            "missing persons": 2.0,
            "community": 1.4,
            "safety tips": 1.0,
            "recruitment": 0.7,
            "recognition": 1.6,
            "accountability": 0.9,
        }
    )
    reply_rates: tuple[float, ...] = (0.30, 0.18, 0.10, 0.05, 0.02)
    reply_median_minutes: tuple[float, ...] = (25.0, 45.0, 90.0, 180.0, 360.0)
    twitter_tilt: Mapping[str, float] = field(
        default_factory=lambda: {
            "crime": 0.5,
            "traffic": 0.6,
            "missing persons": 0.2,
            "community": -0.4,
            "safety tips": 0.0,
            "recruitment": -0.2,
            "recognition": -0.5,
            "accountability": 0.0,
        }
    )

    @classmethod
    def none(cls) -> Effects:
        """Every effect set to zero, for falsification runs.

        Comments ignore the post's topic, the public has no priorities and no lag, every topic
        draws the same engagement, every department replies as often and as fast (the average
        of the default rates and medians), and both platforms carry the same topic mix.

        Examples
        --------
        >>> null = Effects.none()
        >>> null.agenda_follow, null.lag_strength, len(set(null.reply_rates))
        (0.0, 0.0, 1)
        """
        default = cls()
        rate = float(np.mean(default.reply_rates))
        minutes = float(np.exp(np.mean(np.log(default.reply_median_minutes))))
        return cls(
            agenda_follow=0.0,
            public_priorities=dict.fromkeys(TOPIC_CODES, 1.0),
            lag_strength=0.0,
            lag_topics=(),
            engagement_irr=dict.fromkeys(TOPIC_CODES, 1.0),
            reply_rates=(rate,) * _D,
            reply_median_minutes=(minutes,) * _D,
            twitter_tilt=dict.fromkeys(TOPIC_CODES, 0.0),
        )


@dataclass(frozen=True)
class Truth:
    """What the simulator built in, in the units the chapter's estimates use.

    Attributes
    ----------
    police_shares, public_shares : DataFrame
        Index department, columns topics: the expected share of each topic among the
        department's police posts and among its followers' comments, given the simulated
        posting days and threads.
    rank_correlation : Series
        Spearman correlation of the two expected agendas, per department (0 when the public
        agenda is flat, i.e. unrelated to the police agenda).
    public_minus_police : Series
        Pooled expected public share minus pooled expected police share, per topic.
    twitter_minus_facebook : Series
        Expected police share on Twitter minus on Facebook, per topic.
    engagement_irr : Series
        Planted engagement ratio of each topic relative to safety tips.
    lag_days : int
        The planted lag, in days (0 when no lag is planted).
    lag_topics : tuple of str
        Topics whose public attention follows police attention.
    reply_rates, reply_median_minutes : Series
        Planted reply probability and median reply time, per department.
    """

    police_shares: pd.DataFrame
    public_shares: pd.DataFrame
    rank_correlation: pd.Series
    public_minus_police: pd.Series
    twitter_minus_facebook: pd.Series
    engagement_irr: pd.Series
    lag_days: int
    lag_topics: tuple[str, ...]
    reply_rates: pd.Series
    reply_median_minutes: pd.Series


@dataclass(frozen=True)
class AgendaData:
    """Simulated posts, a double-coded sample, and the planted truth.

    Attributes
    ----------
    posts : DataFrame
        One row per post: ``post_id``, ``department``, ``platform``, ``actor`` (police or
        public), ``parent_id`` (the police post a comment answers), ``created_at`` (UTC),
        ``text``, ``likes``, ``shares``, ``comments``, ``police_replied`` and ``reply_minutes``
        (for comments), ``topic`` (the first coder's code, what an analyst has) and
        ``true_topic`` (the planted topic, which no analyst sees).
    reliability : DataFrame
        A random sample of posts coded by both coders: ``post_id``, ``actor``, ``coder_a``,
        ``coder_b``.
    effects : Effects
        The effects used.
    truth : Truth
        The planted truth in the units of the chapter's estimates.
    seed : int
        The seed used.
    scale : str
        ``"teaching"`` or ``"paper"``.
    """

    posts: pd.DataFrame
    reliability: pd.DataFrame
    effects: Effects
    truth: Truth
    seed: int
    scale: str



# --------------------------------------------------------------------------------------------
# The simulator
# --------------------------------------------------------------------------------------------


def _vector(mapping: Mapping[str, float], name: str) -> np.ndarray:
    """Return a mapping over the topics as an array in codebook order; gaps raise."""
    unknown = set(mapping) - set(TOPIC_CODES)
    missing = set(TOPIC_CODES) - set(mapping)
    if unknown or missing:
        raise ValueError(
            f"{name} must give a value for each of the topics {list(TOPIC_CODES)}; "
            f"unknown: {sorted(unknown)}, missing: {sorted(missing)}"
        )
    return np.array([float(mapping[code]) for code in TOPIC_CODES])


def _check_effects(effects: Effects) -> None:
    """Raise ValueError for effects outside their ranges."""
    if not 0 <= effects.agenda_follow <= 1:
        raise ValueError(f"agenda_follow must be in [0, 1], got {effects.agenda_follow}")
    if effects.lag_days < 0:
        raise ValueError(f"lag_days must be >= 0, got {effects.lag_days}")
    if set(effects.lag_topics) - set(TOPIC_CODES):
        raise ValueError(f"lag_topics must be topics of the codebook: {list(TOPIC_CODES)}")
    for name in ("reply_rates", "reply_median_minutes"):
        values = getattr(effects, name)
        if len(values) != _D:
            raise ValueError(f"{name} needs one value per department ({_D}), got {len(values)}")
    if not all(0 <= rate <= 1 for rate in effects.reply_rates):
        raise ValueError("reply_rates must be probabilities in [0, 1]")
    if not all(minutes > 0 for minutes in effects.reply_median_minutes):
        raise ValueError("reply_median_minutes must be positive")
    if (_vector(effects.public_priorities, "public_priorities") <= 0).any():
        raise ValueError("public_priorities must be positive weights")
    if (_vector(effects.engagement_irr, "engagement_irr") <= 0).any():
        raise ValueError("engagement_irr must be positive ratios")
    _vector(effects.twitter_tilt, "twitter_tilt")


def _negative_binomial(
    rng: np.random.Generator, mean: np.ndarray, dispersion: float = 1.5
) -> np.ndarray:
    """NB2 counts with the given means and ``Var = mean + mean**2 / dispersion``."""
    return rng.negative_binomial(dispersion, dispersion / (dispersion + mean)).astype("int64")


def _draw_categories(rng: np.random.Generator, probabilities: np.ndarray) -> np.ndarray:
    """One category per row of a probability matrix (rows sum to 1), by inverse CDF."""
    cumulative = np.cumsum(probabilities, axis=1)
    draws = rng.random(len(probabilities))[:, None]
    return np.minimum((draws > cumulative).sum(axis=1), probabilities.shape[1] - 1)


def _code(true: np.ndarray, error: float, rng: np.random.Generator) -> np.ndarray:
    """Code topics as a coder would: the true one, or with probability ``error`` a neighbour."""
    coded = true.copy()
    wrong = rng.random(len(true)) < error
    for index, code in enumerate(TOPIC_CODES):
        rows = np.flatnonzero(wrong & (true == index))
        neighbours = np.array([TOPIC_CODES.index(n) for n in _NEIGHBOURS[code]])
        coded[rows] = neighbours[rng.integers(len(neighbours), size=len(rows))]
    return coded


def _rank_correlation(first: np.ndarray, second: np.ndarray) -> float:
    """Spearman correlation; 0 when either side is constant (no ranking to agree with)."""
    if np.ptp(first) == 0 or np.ptp(second) == 0:
        return 0.0
    return float(stats.spearmanr(first, second).statistic)


def _persist(shocks: np.ndarray, persistence: float) -> np.ndarray:
    """AR(1) along axis 1 with unit stationary variance, from standard normal shocks."""
    series = shocks.copy()
    scale = np.sqrt(1 - persistence**2)
    for day in range(1, series.shape[1]):
        series[:, day] = persistence * series[:, day - 1] + scale * shocks[:, day]
    return series


def _local_times(
    days: np.ndarray, minutes: np.ndarray
) -> pd.DatetimeIndex:
    """UTC times of local ``days`` after START_DAY plus ``minutes`` after local midnight."""
    local = (
        pd.Timestamp(START_DAY)
        + pd.to_timedelta(days, unit="D")
        + pd.to_timedelta(np.round(minutes * 60), unit="s")
    )
    localized = pd.DatetimeIndex(local).tz_localize(
        TIMEZONE, nonexistent="shift_forward", ambiguous=False
    )
    return localized.tz_convert("UTC")


def simulate(
    seed: int,
    scale: Literal["teaching", "paper"] = "teaching",
    effects: Effects | None = None,
    *,
    coder_error: float = 0.06,
) -> AgendaData:
    """Simulate five fictional police departments' posts and their followers' comments.

    Each department posts on Facebook and Twitter for 90 days. How many posts a department
    gives a topic on a day follows its own agenda (the shared police agenda with its own
    variation, tilted by platform) times a daily burst (incidents, campaigns). Followers comment
    on each post; a comment stays on the post's topic with probability ``agenda_follow``
    (sometimes only as a generic "Thank you!"), otherwise it raises a topic of the public's own
    priorities, which police attention to the ``lag_topics`` ``lag_days`` earlier tilts. Each
    post's likes, shares and comments follow its topic's engagement ratio; each comment is
    answered by the department with the department's reply rate. A first coder codes every
    post (with ``coder_error``, mistaking a topic for a similar one); a second coder codes a
    random sample.

    Parameters
    ----------
    seed : int
        Seed of the one random generator used for everything.
    scale : {"teaching", "paper"}
        ``"teaching"``: about 2,600 police posts and 8,500 comments; ``"paper"``: about 6,000
        police posts and 60,000 comments, tens of thousands of posts as in the literature's
        corpora, with Facebook and Twitter in the mix Xu et al. (2017) report.
    effects : Effects, optional
        The planted effects; default :class:`Effects` (``Effects.none()`` for none).
    coder_error : float
        Probability that a coder gives a post a neighbouring topic instead of its own.

    Returns
    -------
    AgendaData
        Posts, the double-coded sample, the effects and the planted truth.

    Raises
    ------
    ValueError
        For an unknown scale, or effects or a coder error outside their ranges.

    Examples
    --------
    >>> data = simulate(seed=3)
    >>> data.posts.groupby("actor").size().gt(1000).all()
    np.True_
    >>> round(float(data.truth.rank_correlation.mean()), 1) > 0
    True
    """
    if scale not in _SCALES:
        raise ValueError(f"scale must be one of {list(_SCALES)}, got {scale!r}")
    if not 0 <= coder_error < 1:
        raise ValueError(f"coder_error must be in [0, 1), got {coder_error}")
    effects = Effects() if effects is None else effects
    _check_effects(effects)
    size = _SCALES[scale]
    rng = np.random.default_rng(seed)
    lag = effects.lag_days
    days = N_DAYS + lag  # burn-in days so that the first days have a lagged police attention

    # ---- police agendas: department variation, platform tilt, daily bursts
    police = _BASE_POLICE * np.exp(rng.normal(0.0, 0.25, size=(_D, _K)))
    police /= police.sum(axis=1, keepdims=True)
    tilt = _vector(effects.twitter_tilt, "twitter_tilt")
    by_platform = police[:, None, :] * np.exp(np.outer([0.0, 1.0], tilt))[None, :, :]
    by_platform /= by_platform.sum(axis=2, keepdims=True)  # (D, P, K)
    # Standardised log posting intensity: partly shared by all departments (regional news,
    # national campaigns), partly each department's own incidents.
    shared = rng.normal(0.0, 1.0, size=(1, days, _K))
    bursts = np.sqrt(_SHARED_BURSTS) * shared + np.sqrt(1 - _SHARED_BURSTS) * rng.normal(
        0.0, 1.0, size=(_D, days, _K)
    )
    bursts = _persist(bursts, _BURST_PERSISTENCE)
    intensity = np.exp(_BURST_SD * bursts - _BURST_SD**2 / 2)[:, lag:, :]  # (D, T, K)
    volume = _DEPT_VOLUME[:, None] * np.array(size.posts_per_day)[None, :]  # (D, P)
    rates = volume[:, :, None, None] * by_platform[:, :, None, :] * intensity[:, None, :, :]
    counts = rng.poisson(rates)  # (D, P, T, K)

    cells = np.array(np.unravel_index(np.arange(counts.size), counts.shape)).T
    cell_rows = np.repeat(cells, counts.ravel(), axis=0)
    p_dept, p_platform, p_day, p_topic = cell_rows.T
    n_police = len(cell_rows)
    hour = np.where(
        p_platform == 0, rng.normal(13.0, 3.0, n_police), rng.normal(13.0, 4.0, n_police)
    )
    p_minutes = np.clip(hour, 6.5, 23.0) * 60
    irr = _vector(effects.engagement_irr, "engagement_irr")
    engagement = _DEPT_ENGAGEMENT[p_dept] * irr[p_topic]
    base_likes = np.where(p_platform == 0, 40.0, 12.0)
    base_shares = np.where(p_platform == 0, 8.0, 5.0)
    base_comments = np.array(size.comments_per_post)[p_platform]
    likes = _negative_binomial(rng, base_likes * engagement)
    shares = _negative_binomial(rng, base_shares * engagement)
    n_comments = _negative_binomial(rng, base_comments * engagement)

    # ---- follower comments
    parent = np.repeat(np.arange(n_police), n_comments)
    n_public = len(parent)
    c_dept, c_day, c_parent_topic = p_dept[parent], p_day[parent], p_topic[parent]
    own = _vector(effects.public_priorities, "public_priorities")
    own = own / own.sum()
    strength = np.array(
        [effects.lag_strength if code in effects.lag_topics else 0.0 for code in TOPIC_CODES]
    )
    lagged = bursts[c_dept, c_day, :]  # index day t in bursts is simulated day t - lag
    own_probabilities = own[None, :] * np.exp(strength[None, :] * lagged)
    own_probabilities /= own_probabilities.sum(axis=1, keepdims=True)
    follows = rng.random(n_public) < effects.agenda_follow
    own_topic = _draw_categories(rng, own_probabilities)
    c_topic = np.where(follows, c_parent_topic, own_topic)
    expected = (1 - effects.agenda_follow) * own_probabilities
    expected[np.arange(n_public), c_parent_topic] += effects.agenda_follow

    generic = follows & (rng.random(n_public) < _GENERIC_SHARE)
    c_text = _public_texts(c_topic, generic, rng)
    c_minutes = p_minutes[parent] + rng.exponential(_COMMENT_DELAY_MIN, n_public)
    c_platform = p_platform[parent]
    c_likes = _negative_binomial(rng, np.full(n_public, 1.2))
    c_shares = np.where(c_platform == 1, rng.poisson(0.05, n_public), 0).astype("int64")
    reply_rates = np.array(effects.reply_rates)
    replied = rng.random(n_public) < reply_rates[c_dept]
    medians = np.array(effects.reply_median_minutes)
    reply_minutes = np.where(
        replied, np.exp(np.log(medians[c_dept]) + rng.normal(0.0, 0.9, n_public)), np.nan
    )
    c_comments = replied.astype("int64") + rng.poisson(0.15, n_public)

    # ---- texts of police posts; hashtags on tweets
    p_text = _police_texts(p_topic, rng)
    on_twitter = p_platform == 1
    p_text[on_twitter] = _hashtags(p_text[on_twitter], p_dept[on_twitter], rng)

    # ---- coders
    true_topic = np.concatenate([p_topic, c_topic])
    coded = _code(true_topic, coder_error, rng)
    n_posts = n_police + n_public
    sample = np.sort(rng.choice(n_posts, size=min(size.reliability_sample, n_posts), replace=False))
    second = _code(true_topic[sample], coder_error, rng)

    # ---- the table
    codes = np.array(TOPIC_CODES, dtype=object)
    platform_names = np.array(PLATFORMS, dtype=object)
    prefix = np.array(["FB", "TW"], dtype=object)
    all_platform = np.concatenate([p_platform, c_platform])
    ids = prefix[all_platform] + pd.Series(np.arange(n_posts)).map("{:07d}".format).to_numpy()
    posts = pd.DataFrame(
        {
            "post_id": pd.array(ids, dtype="string"),
            "department": pd.Categorical.from_codes(
                np.concatenate([p_dept, c_dept]), categories=list(DEPARTMENTS)
            ),
            "platform": platform_names[all_platform],
            "actor": np.repeat(np.array(["police", "public"], dtype=object), [n_police, n_public]),
            "parent_id": pd.array(
                np.concatenate([np.full(n_police, None, dtype=object), ids[parent]]),
                dtype="string",
            ),
            "created_at": _local_times(
                np.concatenate([p_day, c_day]), np.concatenate([p_minutes, c_minutes])
            ),
            "text": pd.array(np.concatenate([p_text, c_text]), dtype="string"),
            "likes": np.concatenate([likes, c_likes]),
            "shares": np.concatenate([shares, c_shares]),
            "comments": np.concatenate([n_comments, c_comments]),
            "police_replied": pd.array(
                np.concatenate([np.full(n_police, None, dtype=object), replied]),
                dtype="boolean",
            ),
            "reply_minutes": np.concatenate([np.full(n_police, np.nan), reply_minutes]),
            "topic": codes[coded],
            "true_topic": codes[true_topic],
        }
    )
    for column in ("platform", "actor", "topic", "true_topic"):
        posts[column] = posts[column].astype("string")
    reliability = pd.DataFrame(
        {
            "post_id": posts["post_id"].iloc[sample].to_numpy(),
            "actor": posts["actor"].iloc[sample].to_numpy(),
            "coder_a": codes[coded[sample]],
            "coder_b": codes[second],
        }
    ).astype("string")
    order = posts.sort_values(["created_at", "post_id"], kind="stable").index
    posts = posts.loc[order].reset_index(drop=True)

    # ---- the planted truth, in the units of the estimates
    police_expected = rates.sum(axis=(1, 2))  # (D, K)
    police_shares = police_expected / police_expected.sum(axis=1, keepdims=True)
    public_expected = np.zeros((_D, _K))
    np.add.at(public_expected, c_dept, expected)
    public_shares = public_expected / np.maximum(public_expected.sum(axis=1, keepdims=True), 1)
    pooled_police = police_expected.sum(axis=0) / police_expected.sum()
    pooled_public = public_expected.sum(axis=0) / max(public_expected.sum(), 1)
    platform_expected = rates.sum(axis=(0, 2))  # (P, K)
    platform_shares = platform_expected / platform_expected.sum(axis=1, keepdims=True)
    flat_public = effects.agenda_follow == 0 and np.ptp(own) == 0 and strength.max() == 0
    frame = pd.DataFrame
    truth = Truth(
        police_shares=frame(police_shares, index=list(DEPARTMENTS), columns=list(TOPIC_CODES)),
        public_shares=frame(public_shares, index=list(DEPARTMENTS), columns=list(TOPIC_CODES)),
        rank_correlation=pd.Series(
            [
                0.0 if flat_public else _rank_correlation(police_shares[d], public_shares[d])
                for d in range(_D)
            ],
            index=list(DEPARTMENTS),
            name="rank_correlation",
        ),
        public_minus_police=pd.Series(
            pooled_public - pooled_police if not flat_public else own - pooled_police,
            index=list(TOPIC_CODES),
        ),
        twitter_minus_facebook=pd.Series(
            platform_shares[1] - platform_shares[0], index=list(TOPIC_CODES)
        ),
        engagement_irr=pd.Series(
            irr / irr[TOPIC_CODES.index("safety tips")], index=list(TOPIC_CODES)
        ),
        lag_days=lag if strength.max() > 0 else 0,
        lag_topics=tuple(effects.lag_topics) if strength.max() > 0 else (),
        reply_rates=pd.Series(reply_rates, index=list(DEPARTMENTS)),
        reply_median_minutes=pd.Series(medians, index=list(DEPARTMENTS)),
    )
    return AgendaData(posts, reliability, effects, truth, seed, scale)
