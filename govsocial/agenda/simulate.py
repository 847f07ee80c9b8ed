r"""Police agenda-setting on Facebook and Twitter: simulator, coding, agendas and lead-lag tests.

The chapter re-runs the design of Williams et al. (2018): all posts of five police departments on
Facebook and Twitter over 90 days, and all follower posts responding to them; the posts are coded
into topics by hand and clustered by machine; the police agenda (what share of its posts a
department gives each topic) is compared with its followers' agenda; engagement and replies
measure the public's response and the police's interactivity. The data here are SIMULATED, for
fictional departments, with a planted truth that :func:`simulate` returns with the data.

Public functions
----------------
simulate(seed, scale, effects, coder_error)
    Five fictional departments' posts and their followers' comments, with the planted truth.
codebook()
    The eight topics, what each covers, and the topics coders confuse it with.
topic_kappas(reliability)
    Cohen's kappa of two coders, for each topic (one topic against the rest) and overall.
cluster_posts(texts, k_values, seed, ...)
    TF-IDF and k-means; the number of clusters chosen by the mean silhouette.
cluster_names(clustering)
    Names for clusters ("3: crash/road"), when no coder has coded the posts.
map_clusters(clusters, topics)
    Name each cluster after the topic most of its posts were coded with.
clustering_agreement(topics, clusters, mapping)
    Adjusted Rand index, purity, and per-topic recall of the machine against the coders.
topic_shares(posts, by)
    Share of posts on each topic, within groups (department, platform, actor).
agenda_correlation(posts, n_boot, seed)
    Spearman rank correlation of police and public agendas per department, bootstrap CIs.
share_gaps(posts, group, first, second, n_boot, seed)
    Difference between two groups' topic shares (public minus police, Twitter minus Facebook).
daily_attention(posts, timezone)
    Each local day's share of police and of public posts on each topic.
cross_correlation(attention, topic, max_lag)
    Correlation of police attention today with public attention ``lag`` days later.
lead_lag(attention, max_lag, granger_lag)
    Per topic: the lag of peak cross-correlation and Granger tests in both directions.
engagement_model(posts, reference)
    Negative binomial model of police posts' engagement by topic, department fixed effects.
reply_summary(posts)
    Per department: comments, police replies, reply rate with a Wilson CI, response times.
recovery_table(data, agendas, divergence, platforms, lags, engagement, replies)
    Planted effects against estimates, with intervals and a recovered? column.
falsification_table(agendas, platforms, lags, engagement, replies)
    One overall check per effect, for data simulated with every effect at zero.
scorecard(agendas, divergence, engagement, replies)
    The study's directional findings against what the chapter's methods found.
posts_from_exports(facebook, tweets, departments)
    The chapter's posts table from CrowdTangle posts, API v2 tweets and a department list.
load_own_data(folder)
    Read, validate and combine a folder of exports (see :data:`OWN_DATA_FILES`).
agenda_scatter(shares), cross_correlation_figure(curves), silhouette_figure(scores, chosen)
    The chapter's own figures.

Public constants: :data:`TOPICS` (the codebook), :data:`DEPARTMENTS`, :data:`PLATFORMS`,
:data:`TIMEZONE`, :data:`START_DAY`, :data:`N_DAYS`, :data:`OWN_DATA_FILES` and the contract
:data:`DEPARTMENT_ACCOUNTS`; result classes :class:`Effects`, :class:`Truth`,
:class:`AgendaData`, :class:`Clustering`, :class:`ClusterAgreement`, :class:`ShareGaps`,
:class:`EngagementResult`, :class:`ReplyResult`, :class:`OwnData`.

Examples
--------
>>> data = simulate(seed=1)
>>> sorted(data.posts["actor"].unique())
['police', 'public']
>>> data.posts["department"].nunique(), data.truth.lag_days
(5, 2)
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from scipy import stats

from govsocial.schema import Column, Contract, DataError, LoadReport

__all__ = [
    "DEPARTMENTS",
    "DEPARTMENT_ACCOUNTS",
    "N_DAYS",
    "OWN_DATA_FILES",
    "PLATFORMS",
    "START_DAY",
    "TIMEZONE",
    "TOPICS",
    "AgendaData",
    "ClusterAgreement",
    "Clustering",
    "Effects",
    "EngagementResult",
    "OwnData",
    "ReplyResult",
    "ShareGaps",
    "Truth",
    "agenda_correlation",
    "agenda_scatter",
    "cluster_names",
    "cluster_posts",
    "clustering_agreement",
    "codebook",
    "cross_correlation",
    "cross_correlation_figure",
    "daily_attention",
    "engagement_model",
    "falsification_table",
    "lead_lag",
    "load_own_data",
    "map_clusters",
    "posts_from_exports",
    "recovery_table",
    "reply_summary",
    "scorecard",
    "share_gaps",
    "silhouette_figure",
    "simulate",
    "topic_kappas",
    "topic_shares",
]

# --------------------------------------------------------------------------------------------
# The codebook and the fictional departments
# --------------------------------------------------------------------------------------------

TOPICS: dict[str, str] = {
    "crime": "Crime incidents and alerts: arrests, robberies, break-ins, shootings, ongoing "
    "investigations, requests for information.",
    "traffic": "Traffic and road safety: crashes, road closures, speed and DUI enforcement, "
    "school zones, weather on the roads.",
    "missing persons": "Missing and wanted persons: missing children and adults, wanted suspects, "
    "requests to share and call in.",
    "community": "Community events and outreach: Coffee with a Cop, National Night Out, school "
    "visits, neighbourhood meetings.",
    "safety tips": "Safety tips and prevention: locking cars, scams, home security, holiday and "
    "weather safety.",
    "recruitment": "Recruitment and personnel: hiring, the academy, new recruits, promotions, "
    "retirements.",
    "recognition": "Officer recognition: awards, thanks, life-saving actions, years of service.",
    "accountability": "Accountability and complaints: use-of-force reports, body cameras, "
    "internal investigations, how to file a complaint.",
}
"""The codebook: topic code -> what the topic covers. Codes are the values of ``topic``."""

TOPIC_CODES: tuple[str, ...] = tuple(TOPICS)

DEPARTMENTS: tuple[str, ...] = (
    "Brindlewick PD",
    "Quillfield PD",
    "Tallowmere PD",
    "Marrowby PD",
    "Oakharrow PD",
)
"""Five fictional police departments (PD): the names are invented, not real places."""

PLATFORMS: tuple[str, ...] = ("Facebook", "Twitter")
"""The two platforms, as named in the study's time (Twitter has been called X since 2023)."""

TIMEZONE = "America/Chicago"
"""The simulated departments' local time zone; ``created_at`` is stored in UTC."""

START_DAY = "2016-01-04"
"""First day of the simulated 90 days (an arbitrary Monday, not the study's period)."""

N_DAYS = 90

_K = len(TOPIC_CODES)
_D = len(DEPARTMENTS)

# The police agenda all departments share before their own variation (shares of posts).
_BASE_POLICE = np.array([0.24, 0.12, 0.10, 0.18, 0.14, 0.09, 0.08, 0.05])

# Departments differ in how much they post and how much engagement they draw (nuisance
# differences, not planted effects: the engagement model absorbs them with fixed effects).
_DEPT_VOLUME = np.array([1.25, 1.05, 1.0, 0.9, 0.8])
_DEPT_ENGAGEMENT = np.array([1.3, 0.8, 1.1, 0.7, 1.0])

_NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "crime": ("safety tips", "missing persons"),
    "traffic": ("accountability", "safety tips"),
    "missing persons": ("crime", "community"),
    "community": ("missing persons", "recognition"),
    "safety tips": ("traffic", "crime"),
    "recruitment": ("recognition", "accountability"),
    "recognition": ("community", "recruitment"),
    "accountability": ("recruitment", "traffic"),
}
"""Topics a coder may mistake a topic for (similar words or situations). Every topic has two
neighbours and is the neighbour of two, so coding errors do not by themselves make a flat
agenda look ranked."""

_BURST_SD = 0.8  # standard deviation of a topic's daily log posting intensity
_SHARED_BURSTS = 0.5  # share of that variance all departments have in common
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
# Texts
# --------------------------------------------------------------------------------------------

_SLOTS: dict[str, tuple[str, ...]] = {
    "street": (
        "Main Street", "Oak Avenue", "5th Street", "Mill Road", "Elm Street", "River Road",
        "Park Avenue", "2nd Avenue", "Lake Drive", "Church Street", "Hill Road", "Cedar Lane",
    ),
    "place": (
        "the library", "the high school", "City Park", "the transit center",
        "the community center", "the mall", "the farmers market", "the ice rink",
    ),
    "area": ("the north side", "downtown", "the east side", "the west end", "the south side"),
    "day": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "this weekend"),
    "time": ("around 9 pm", "early this morning", "this afternoon", "overnight", "at noon"),
    "age": ("13", "14", "15", "16", "17", "72", "78", "81"),
    "clothing": (
        "a red jacket", "a gray hoodie", "jeans and a black coat", "a blue backpack",
        "a green winter hat",
    ),
    "years": ("10", "15", "20", "25", "30"),
    "event": ("the parade", "the 5K run", "the winter market", "the marathon", "the concert"),
    "item": ("a laptop", "a purse", "tools", "a phone", "packages"),
}

# Police posts: an optional lead, one or two core sentences of the topic, and details. Details
# are shared between neighbouring topics, so topics overlap in their words as real posts do.
_SHARED_DETAILS: dict[str, str] = {
    "info": "Anyone with information please call our tip line.",
    "share": "Please share.",
    "website": "Details on our website.",
    "safe": "Stay safe.",
    "thanks": "Thank you to our officers.",
    "avoid": "Please avoid the area.",
    "questions": "Questions? Send us a message.",
    "community": "Thank you, community, for your help.",
}

_POLICE_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "crime": {
        "lead": ("ALERT:", "UPDATE:", "ARREST:", ""),
        "core": (
            "Officers arrested a suspect after a burglary on {street} {time}.",
            "Armed robbery reported near {place}; officers are investigating.",
            "Shots fired on {street} {time}; no injuries reported.",
            "Several vehicle break-ins reported {time} in {area}; {item} taken.",
            "Arrest made in the {street} stabbing; the suspect is in custody.",
            "Detectives are asking for doorbell video from homes near {street}.",
            "Stolen car recovered on {street}; two arrested after a short pursuit.",
            "A man was robbed at gunpoint near {place} {time}.",
            "Officers seized drugs and a handgun during a search in {area}.",
            "The investigation into the {street} shooting is ongoing.",
            "Burglary suspect caught in the act by officers in {area}.",
        ),
        "detail": ("info", "avoid", "safe", "community"),
    },
    "traffic": {
        "lead": ("TRAFFIC:", "ROAD CLOSURE:", ""),
        "core": (
            "Crash on {street} near {place}; expect delays and use alternate routes.",
            "{street} is closed {day} for {event}; plan ahead and use detours.",
            "Speed enforcement in school zones this week; slow down and watch for children.",
            "DUI checkpoint {day} in {area}; plan a sober ride home.",
            "Icy roads {time}: several crashes on {street}; drive slowly.",
            "Traffic signal out at {street}; treat it as a four-way stop.",
            "Seat belt enforcement this month: buckle up, every trip, every seat.",
            "Two-car collision on {street}; one driver taken to hospital.",
            "Lanes on {street} reopened after the crash.",
            "Watch for pedestrians and bikes on {street} during construction.",
        ),
        "detail": ("avoid", "safe", "share"),
    },
    "missing persons": {
        "lead": ("MISSING:", "WANTED:", "FOUND:", ""),
        "core": (
            "Missing {age}-year-old last seen near {place} wearing {clothing}.",
            "We are looking for a missing {age}-year-old last seen in {area} {time}.",
            "Suspect wanted for the {street} robbery, last seen wearing {clothing}; do not "
            "approach, call 911.",
            "The missing {age}-year-old from {area} has been found safe.",
            "Help us find a missing adult with dementia last seen on {street}.",
            "Do you know this person? Wanted on a warrant for burglary.",
            "Runaway {age}-year-old may be near {place}; family is worried.",
            "Wanted suspect arrested thanks to tips from the public.",
            "Missing person last seen walking on {street} wearing {clothing}.",
        ),
        "detail": ("share", "info", "community"),
    },
    "community": {
        "lead": ("JOIN US:", "EVENT:", ""),
        "core": (
            "Coffee with a Cop at {place} {day}: meet the officers who serve your "
            "neighborhood.",
            "National Night Out is {day}: meet your officers at City Park.",
            "Great to see everyone at {event} with our officers.",
            "Officers read to students at {place} today.",
            "Neighborhood meeting {day} at {place}: bring your questions for your district "
            "officers.",
            "Shop with a Cop: officers took kids from {area} holiday shopping.",
            "Our officers played basketball with kids at {place}.",
            "Youth police academy for teens starts {day} at {place}.",
            "Join us for a community walk in {area} {day}.",
            "Thanks to {place} for hosting our community forum.",
        ),
        "detail": ("thanks", "website", "community", "share", "questions"),
    },
    "safety tips": {
        "lead": ("SAFETY TIP:", "SCAM ALERT:", "TIP:", ""),
        "core": (
            "Lock your car and take your valuables: most break-ins happen to unlocked cars. "
            "#9PMRoutine",
            "Police will never ask you to pay with gift cards over the phone.",
            "Going away {day}? Ask a neighbor to pick up your mail and leave a light on.",
            "Keep packages safe: have deliveries sent to work or use a locker.",
            "Never leave your car running unattended to warm it up.",
            "Lock doors and windows and light up your entrances at night.",
            "Record serial numbers of {item} so we can return them if stolen.",
            "Scammers pretend to be from the IRS or the utility company; hang up.",
            "Talk with your kids about staying safe online.",
            "Do not leave {item} in plain view in your car.",
        ),
        "detail": ("safe", "share", "info"),
    },
    "recruitment": {
        "lead": ("NOW HIRING:", "CAREERS:", ""),
        "core": (
            "We are hiring police officers; apply by {day}.",
            "Congratulations to our new recruits who graduated from the police academy.",
            "The next academy class starts soon; competitive pay and benefits.",
            "Hiring event {day} at {place}: meet recruiters and learn about a career in "
            "policing.",
            "Please welcome our new dispatchers and officers to the department.",
            "Lateral officers wanted: apply now, hiring bonus available.",
            "Congratulations to our newly promoted sergeants and lieutenant.",
            "Ride along with an officer and see if a career in policing is for you.",
            "Applications for police cadets are open until {day}.",
        ),
        "detail": ("website", "questions", "share"),
    },
    "recognition": {
        "lead": ("CONGRATULATIONS:", "THANK YOU:", ""),
        "core": (
            "Congratulations to our officer of the month for outstanding service in {area}.",
            "Officers saved a life on {street} {time} with CPR.",
            "Happy retirement to our sergeant after {years} years of service.",
            "Our officers received the lifesaving award today; we are proud of their work.",
            "Congratulations on {years} years of service to our department and the community.",
            "Recognizing our K9 team for an outstanding year.",
            "An officer pulled a driver from a burning car on {street}.",
            "Our dispatcher was honored for talking a caller through CPR.",
            "Officers of the year named at the awards ceremony.",
        ),
        "detail": ("thanks", "community", "share"),
    },
    "accountability": {
        "lead": ("STATEMENT:", "TRANSPARENCY:", ""),
        "core": (
            "Our annual use-of-force report is now online.",
            "All patrol officers now wear body cameras; read our body camera policy.",
            "How to file a complaint, or commend an officer: forms online or at the front "
            "desk.",
            "The department is reviewing the incident on {street}; an internal investigation "
            "is under way.",
            "The community review board meets {day} at {place}; the public may comment.",
            "The officer involved in the {street} incident is on leave during the review.",
            "Complaint and internal affairs statistics for last year are published.",
            "Body camera footage of the {street} arrest will be released after the review.",
            "The chief will answer questions about the investigation at {place} {day}.",
        ),
        "detail": ("website", "questions", "community"),
    },
}

# Followers' comments on a topic; and generic reactions that name no topic at all.
_PUBLIC_PHRASES: dict[str, tuple[str, ...]] = {
    "crime": (
        "Another break-in on our street last night. When will this stop?",
        "Was anyone hurt? What happened on {street}?",
        "My car was broken into on {street} too, did anyone see anything?",
        "Glad they caught him. Hope he stays in jail this time.",
        "There have been so many robberies in {area} lately.",
        "Heard the shots from my house, scary night.",
        "Drug dealing on {street} every night and nobody arrests them.",
        "Someone stole {item} from my porch in {area}.",
    ),
    "traffic": (
        "People speed on {street} every day, please put an officer there.",
        "The light at {street} is dangerous, someone is going to get killed.",
        "Taking the detour, thanks for the road closure update.",
        "Can you do something about drivers running the stop sign on {street}?",
        "Traffic on {street} is terrible every morning.",
        "So many drivers on their phones, please ticket them.",
        "Was anyone hurt in the crash on {street}?",
    ),
    "missing persons": (
        "Shared. Praying she is found safe.",
        "Hope he comes home soon, sharing.",
        "Sharing, I think I saw someone like that near {place}.",
        "So glad she was found safe!",
        "Shared on our neighborhood page, hope they find him.",
        "Praying for the family, bring her home.",
    ),
    "community": (
        "Will there be a Coffee with a Cop in {area}?",
        "My kids loved meeting the officers at {event}!",
        "We need more events like this in {area}.",
        "What time does National Night Out start?",
        "Great event, see you next year.",
        "Can officers visit our school too?",
    ),
    "safety tips": (
        "Good reminder, thanks for the tip.",
        "Got that scam call yesterday too.",
        "Always lock the car, learned that the hard way.",
        "Sharing with my parents, they get these scam calls.",
        "Good advice about the packages.",
        "Is there a number to report scam calls?",
    ),
    "recruitment": (
        "What are the requirements to apply?",
        "Is the academy paid?",
        "Congrats to the new recruits!",
        "How long is the academy? My son wants to apply.",
        "Are you hiring dispatchers too?",
        "Is there an age limit to apply?",
    ),
    "recognition": (
        "Congratulations officer, well deserved.",
        "Thank you for saving that life!",
        "Happy retirement and thank you for your service.",
        "Proud of these officers, well done.",
        "Congrats on the award, a true hero.",
    ),
    "accountability": (
        "Why was the officer not disciplined?",
        "Release the body camera footage.",
        "I filed a complaint weeks ago and heard nothing back.",
        "Who investigates the police when the police do wrong?",
        "We need an independent review board, not an internal investigation.",
        "Transparency matters, publish the full report.",
        "The officer who stopped me was rude, how do I complain?",
        "Why does the department investigate itself?",
    ),
}

_GENERIC_PHRASES: tuple[str, ...] = (
    "Thank you!",
    "Thank you for all you do.",
    "Great job!",
    "Stay safe out there.",
    "Thanks for keeping us informed.",
    "Shared.",
    "Thanks for the update.",
    "Love this.",
    "Well done!",
    "Be safe.",
    "Appreciate the info.",
    "Great work everyone.",
    "God bless.",
)


def _choose(
    pool: Sequence[str], n: int, rng: np.random.Generator, *, blank: float = 0.0
) -> np.ndarray:
    """``n`` phrases drawn from ``pool`` (object array); with probability ``blank`` an empty one."""
    phrases = np.array(pool, dtype=object)[rng.integers(len(pool), size=n)]
    if blank:
        phrases[rng.random(n) < blank] = ""
    return phrases


def _join(*parts: np.ndarray) -> np.ndarray:
    """Join phrase arrays row by row with single spaces, skipping empty phrases."""
    return np.array(
        [" ".join(phrase for phrase in row if phrase) for row in zip(*parts, strict=True)],
        dtype=object,
    )


def _fill_slots(texts: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Fill every ``{slot}`` of every text with a value drawn at random."""
    values = {name: rng.choice(pool, size=len(texts)) for name, pool in _SLOTS.items()}
    rows = zip(*values.values(), strict=True)
    names = list(values)
    return np.array(
        [
            text.format(**dict(zip(names, row, strict=True))) if "{" in text else text
            for text, row in zip(texts, rows, strict=True)
        ],
        dtype=object,
    )


def _police_texts(topics: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Police posts: lead, one or two core sentences, up to two details; slots filled."""
    out = np.empty(len(topics), dtype=object)
    for index, code in enumerate(TOPIC_CODES):
        rows = np.flatnonzero(topics == index)
        n = len(rows)
        if not n:
            continue
        phrases = _POLICE_PHRASES[code]
        details = [_SHARED_DETAILS[name] for name in phrases["detail"]]
        out[rows] = _join(
            _choose(phrases["lead"], n, rng),
            _choose(phrases["core"], n, rng),
            _choose(phrases["core"], n, rng, blank=0.6),
            _choose(details, n, rng, blank=0.3),
            _choose(details, n, rng, blank=0.7),
        )
    return _fill_slots(out, rng)


def _public_texts(topics: np.ndarray, generic: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Comments: one sentence of the topic, sometimes with a generic reaction; or generic only."""
    out = np.empty(len(topics), dtype=object)
    for index, code in enumerate(TOPIC_CODES):
        rows = np.flatnonzero((topics == index) & ~generic)
        n = len(rows)
        if n:
            out[rows] = _join(
                _choose(_PUBLIC_PHRASES[code], n, rng),
                _choose(_GENERIC_PHRASES, n, rng, blank=0.7),
            )
    rows = np.flatnonzero(generic)
    out[rows] = _join(
        _choose(_GENERIC_PHRASES, len(rows), rng),
        _choose(_GENERIC_PHRASES, len(rows), rng, blank=0.6),
    )
    return _fill_slots(out, rng)


def _hashtags(texts: np.ndarray, departments: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Append the department's hashtag to about half of the texts (as on Twitter)."""
    tags = np.array(["#" + name.replace(" ", "") for name in DEPARTMENTS], dtype=object)
    add = rng.random(len(texts)) < 0.5
    out = texts.copy()
    out[add] = out[add] + " " + tags[departments[add]]
    return out


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


# --------------------------------------------------------------------------------------------
# Agendas
# --------------------------------------------------------------------------------------------


def _natural(label: str) -> tuple:
    """Sort key that puts "2: crash" before "10: hiring"."""
    import re

    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", label))


def _topic_order(values: pd.Series) -> list[str]:
    """Topics in codebook order, then any other labels (such as cluster names) in order."""
    present = set(values.dropna().astype(str))
    order = [code for code in TOPIC_CODES if code in present]
    return order + sorted(present - set(order), key=_natural)


def _check_columns(posts: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [name for name in columns if name not in posts.columns]
    if missing:
        raise ValueError(f"{what} needs column(s) {missing}; the table has {list(posts.columns)}")


def topic_shares(
    posts: pd.DataFrame, by: Sequence[str] = ("department", "actor")
) -> pd.DataFrame:
    """Share of posts on each topic within each group.

    Parameters
    ----------
    posts : DataFrame
        Posts with a ``topic`` column and the ``by`` columns; posts without a topic are left
        out.
    by : sequence of str
        Grouping columns (empty: all posts together).

    Returns
    -------
    DataFrame
        Columns ``*by``, ``topic``, ``posts`` and ``share`` (of the group's posts); every topic
        appears in every group (0 when absent), topics in codebook order.

    Examples
    --------
    >>> posts = pd.DataFrame({"actor": ["police", "police", "public"],
    ...                       "topic": ["crime", "safety tips", "crime"]})
    >>> topic_shares(posts, by=["actor"])["share"].tolist()
    [0.5, 0.5, 1.0, 0.0]
    """
    by = list(by)
    _check_columns(posts, [*by, "topic"], "topic_shares")
    coded = posts.dropna(subset=["topic"])
    topics = _topic_order(coded["topic"])
    counts = pd.crosstab(
        [coded[name].astype(str) for name in by] if by else np.zeros(len(coded), dtype=int),
        coded["topic"].astype(str),
    ).reindex(columns=topics, fill_value=0)
    shares = counts.div(counts.sum(axis=1), axis=0)
    long = counts.stack().rename("posts").to_frame().join(shares.stack().rename("share"))
    long = long.reset_index()
    if not by:
        long = long.drop(columns=long.columns[0])
    long.columns = [*by, "topic", "posts", "share"]
    if "department" in by:
        known = [name for name in DEPARTMENTS if name in set(long["department"])]
        order = known + sorted(set(long["department"]) - set(known))
        rank = long["department"].map({name: i for i, name in enumerate(order)})
        long = long.iloc[np.argsort(rank.to_numpy(), kind="stable")].reset_index(drop=True)
    return long.astype({"posts": "int64", "share": "float64"})


def _counts(topics: pd.Series, order: Sequence[str]) -> np.ndarray:
    return topics.astype(str).value_counts().reindex(order, fill_value=0).to_numpy()


def _ranks(matrix: np.ndarray) -> np.ndarray:
    """Average ranks along the last axis (ties share their mean rank), as Spearman uses."""
    return stats.rankdata(matrix, axis=-1)


def _spearman_rows(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Spearman correlation of each pair of rows; NaN where a row is constant."""
    a = _ranks(first)
    b = _ranks(second)
    a = a - a.mean(axis=-1, keepdims=True)
    b = b - b.mean(axis=-1, keepdims=True)
    denominator = np.sqrt((a**2).sum(axis=-1) * (b**2).sum(axis=-1))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, (a * b).sum(axis=-1) / denominator, np.nan)


def _bootstrap_shares(
    counts: np.ndarray, n_boot: int, rng: np.random.Generator
) -> np.ndarray:
    """Topic shares of ``n_boot`` resamples of the posts behind ``counts`` (multinomial)."""
    total = int(counts.sum())
    if total == 0:
        return np.full((n_boot, len(counts)), np.nan)
    return rng.multinomial(total, counts / total, size=n_boot) / total


def agenda_correlation(
    posts: pd.DataFrame, *, n_boot: int = 1000, seed: int = 0, level: float = 0.95
) -> pd.DataFrame:
    """Spearman rank correlation of each department's police and public agendas.

    A department's police agenda is the share of its police posts on each topic, its public
    agenda the share of its followers' comments on each topic. Agenda-setting predicts that the
    topics the police post about most are the topics the public talks about most: a positive
    rank correlation. The interval is a percentile bootstrap: police posts and comments are
    resampled with replacement within the department (drawing topic counts from a
    multinomial), ``n_boot`` times.

    Parameters
    ----------
    posts : DataFrame
        Columns ``department``, ``actor`` (``police`` / ``public``) and ``topic``.
    n_boot : int
        Bootstrap resamples.
    seed : int
        Seed of the bootstrap.
    level : float
        Confidence level of the interval.

    Returns
    -------
    DataFrame
        One row per department: ``department``, ``police_posts``, ``public_posts``, ``rho``,
        ``ci_low``, ``ci_high`` (NaN where undefined: a flat agenda has no ranking); with
        several departments, a last row ``all departments (mean)`` holding the mean of their
        correlations and its interval (from the means of the departments' replicates).

    Examples
    --------
    >>> posts = pd.DataFrame({
    ...     "department": "A", "actor": ["police"] * 6 + ["public"] * 6,
    ...     "topic": ["crime"] * 3 + ["safety tips"] * 2 + ["traffic"] + ["crime"] * 3
    ...              + ["safety tips"] * 2 + ["traffic"]})
    >>> agenda_correlation(posts, n_boot=50)[["department", "rho"]]
      department  rho
    0          A  1.0
    """
    _check_columns(posts, ["department", "actor", "topic"], "agenda_correlation")
    coded = posts.dropna(subset=["topic"])
    order = _topic_order(coded["topic"])
    rng = np.random.default_rng(seed)
    tail = (1 - level) / 2 * 100
    rows, replicates = [], []
    groups = coded.groupby(coded["department"].astype(str), sort=False)
    known = [name for name in DEPARTMENTS if name in groups.groups]
    for department in known + sorted(set(groups.groups) - set(known)):
        group = groups.get_group(department)
        police = _counts(group.loc[group["actor"] == "police", "topic"], order)
        public = _counts(group.loc[group["actor"] == "public", "topic"], order)
        rho = (
            _rank_correlation_or_nan(police, public) if police.sum() and public.sum() else np.nan
        )
        boot = _spearman_rows(
            _bootstrap_shares(police, n_boot, rng), _bootstrap_shares(public, n_boot, rng)
        )
        replicates.append(boot)
        rows.append(
            {
                "department": department,
                "police_posts": int(police.sum()),
                "public_posts": int(public.sum()),
                "rho": rho,
                **_interval(boot, tail),
            }
        )
    table = pd.DataFrame(rows)
    if len(rows) > 1:
        with np.errstate(invalid="ignore"):
            stacked = np.vstack(replicates)
            usable = np.isfinite(stacked).any(axis=0)
            mean_boot = np.full(stacked.shape[1], np.nan)
            mean_boot[usable] = np.nanmean(stacked[:, usable], axis=0)
        pooled = {
            "department": "all departments (mean)",
            "police_posts": int(table["police_posts"].sum()),
            "public_posts": int(table["public_posts"].sum()),
            "rho": float(table["rho"].mean()) if table["rho"].notna().any() else np.nan,
            **_interval(mean_boot, tail),
        }
        table = pd.concat([table, pd.DataFrame([pooled])], ignore_index=True)
    return table


def _interval(replicates: np.ndarray, tail: float) -> dict[str, float]:
    """Percentile interval of the finite bootstrap replicates (NaN when there are none)."""
    finite = replicates[np.isfinite(replicates)]
    if not len(finite):
        return {"ci_low": np.nan, "ci_high": np.nan}
    low, high = np.percentile(finite, [tail, 100 - tail])
    return {"ci_low": float(low), "ci_high": float(high)}


def _rank_correlation_or_nan(first: np.ndarray, second: np.ndarray) -> float:
    """Return scipy's Spearman correlation; NaN (no warning) when either side is constant."""
    if np.ptp(first) == 0 or np.ptp(second) == 0:
        return np.nan
    return float(stats.spearmanr(first, second).statistic)


@dataclass
class ShareGaps:
    """Differences between two groups' topic shares.

    Attributes
    ----------
    table : DataFrame
        One row per topic: ``topic``, ``share_first``, ``share_second``, ``gap`` (second minus
        first), ``ci_low``, ``ci_high`` (percentile bootstrap).
    p_value : float
        Chi-square test that both groups have the same topic mix (NaN when undefined).
    first, second : str
        The two groups compared.
    """

    table: pd.DataFrame
    p_value: float
    first: str
    second: str


def share_gaps(
    posts: pd.DataFrame,
    *,
    group: str = "actor",
    first: str = "police",
    second: str = "public",
    n_boot: int = 1000,
    seed: int = 0,
    level: float = 0.95,
) -> ShareGaps:
    """How much more (or less) of its posts one group gives each topic than another group.

    Parameters
    ----------
    posts : DataFrame
        Columns ``topic`` and ``group``.
    group : str
        The column that defines the groups (``actor``, ``platform``, ...).
    first, second : str
        The two values of ``group`` compared; gaps are ``second`` minus ``first``.
    n_boot : int
        Bootstrap resamples (each group's posts resampled separately).
    seed : int
        Seed of the bootstrap.
    level : float
        Confidence level.

    Returns
    -------
    ShareGaps

    Raises
    ------
    ValueError
        When a group has no coded posts.

    Examples
    --------
    >>> posts = pd.DataFrame({"platform": ["Facebook"] * 4 + ["Twitter"] * 4,
    ...                       "topic": ["crime", "tips", "tips", "tips"] + ["crime"] * 4})
    >>> gaps = share_gaps(posts, group="platform", first="Facebook", second="Twitter",
    ...                   n_boot=20)
    >>> gaps.table[["topic", "gap"]]
       topic   gap
    0  crime  0.75
    1   tips -0.75
    """
    _check_columns(posts, [group, "topic"], "share_gaps")
    coded = posts.dropna(subset=["topic"])
    order = _topic_order(coded["topic"])
    values = coded[group].astype(str)
    counts = {}
    for name in (first, second):
        counts[name] = _counts(coded.loc[values == name, "topic"], order)
        if counts[name].sum() == 0:
            raise ValueError(f"no coded posts with {group} == {name!r}")
    shares = {name: counts[name] / counts[name].sum() for name in (first, second)}
    rng = np.random.default_rng(seed)
    boot = _bootstrap_shares(counts[second], n_boot, rng) - _bootstrap_shares(
        counts[first], n_boot, rng
    )
    tail = (1 - level) / 2 * 100
    table = pd.DataFrame(
        {
            "topic": order,
            "share_first": shares[first],
            "share_second": shares[second],
            "gap": shares[second] - shares[first],
            "ci_low": np.percentile(boot, tail, axis=0),
            "ci_high": np.percentile(boot, 100 - tail, axis=0),
        }
    )
    observed = np.vstack([counts[first], counts[second]])
    observed = observed[:, observed.sum(axis=0) > 0]
    p_value = (
        float(stats.chi2_contingency(observed).pvalue) if observed.shape[1] > 1 else np.nan
    )
    return ShareGaps(table, p_value, first, second)


# --------------------------------------------------------------------------------------------
# Lead and lag
# --------------------------------------------------------------------------------------------


def daily_attention(posts: pd.DataFrame, timezone: str = TIMEZONE) -> pd.DataFrame:
    """Each day's share of police posts and of public posts on each topic.

    Days are local calendar days in ``timezone`` (a post at 23:30 local time belongs to that
    day, although its UTC time falls on the next). Every day from the first to the last post
    appears; a day on which an actor posted nothing has shares of 0 for that actor.

    Parameters
    ----------
    posts : DataFrame
        Columns ``created_at`` (UTC timestamps), ``actor`` and ``topic``.
    timezone : str
        IANA time zone of the departments.

    Returns
    -------
    DataFrame
        Index ``day`` (dates), columns a MultiIndex (actor, topic) of shares.

    Examples
    --------
    >>> posts = pd.DataFrame({
    ...     "created_at": pd.to_datetime(["2016-01-04 15:00", "2016-01-05 03:00",
    ...                                   "2016-01-05 15:00"], utc=True),
    ...     "actor": ["police", "public", "public"], "topic": ["crime", "crime", "safety tips"]})
    >>> daily_attention(posts)[("public", "crime")].tolist()
    [1.0, 0.0]
    """
    _check_columns(posts, ["created_at", "actor", "topic"], "daily_attention")
    coded = posts.dropna(subset=["topic"])
    day = coded["created_at"].dt.tz_convert(timezone).dt.tz_localize(None).dt.normalize()
    topics = _topic_order(coded["topic"])
    actors = [name for name in ("police", "public") if name in set(coded["actor"])]
    counts = (
        coded.groupby([day.rename("day"), coded["actor"].astype(str), coded["topic"].astype(str)])
        .size()
        .unstack(["actor", "topic"], fill_value=0)
    )
    days = pd.date_range(day.min(), day.max(), freq="D", name="day")
    columns = pd.MultiIndex.from_product([actors, topics], names=["actor", "topic"])
    counts = counts.reindex(index=days, columns=columns, fill_value=0)
    totals = counts.T.groupby(level="actor").sum().T
    shares = counts.div(totals.reindex(columns=columns, level="actor").to_numpy())
    return shares.fillna(0.0)


def _lagged_correlation(leader: np.ndarray, follower: np.ndarray, lag: int) -> float:
    """Pearson correlation of ``leader[t]`` with ``follower[t + lag]``; NaN if undefined."""
    if lag >= 0:
        x, y = leader[: len(leader) - lag], follower[lag:]
    else:
        x, y = leader[-lag:], follower[: len(follower) + lag]
    if len(x) < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return np.nan
    return float(np.corrcoef(x, y)[0, 1])


def cross_correlation(
    attention: pd.DataFrame, topic: str, max_lag: int = 7
) -> pd.DataFrame:
    """Correlation of police attention to a topic on day t with public attention on day t + lag.

    A peak at a positive lag means public attention follows police attention; at a negative
    lag, that police attention follows the public's.

    Parameters
    ----------
    attention : DataFrame
        From :func:`daily_attention`.
    topic : str
        The topic.
    max_lag : int
        Largest lag, in days, in each direction.

    Returns
    -------
    DataFrame
        Columns ``lag`` (days, from ``-max_lag`` to ``max_lag``) and ``correlation``.

    Examples
    --------
    >>> days = pd.date_range("2016-01-04", periods=6, name="day")
    >>> columns = pd.MultiIndex.from_product([["police", "public"], ["crime"]])
    >>> attention = pd.DataFrame({("police", "crime"): [0, 1, 0, 0, 1, 0.5],
    ...                           ("public", "crime"): [0.2, 0, 1, 0, 0, 1]}, index=days)
    >>> curve = cross_correlation(attention, "crime", max_lag=1)
    >>> int(curve.loc[curve["correlation"].idxmax(), "lag"])
    1
    """
    police = attention[("police", topic)].to_numpy(dtype=float)
    public = attention[("public", topic)].to_numpy(dtype=float)
    lags = np.arange(-max_lag, max_lag + 1)
    return pd.DataFrame(
        {"lag": lags, "correlation": [_lagged_correlation(police, public, lag) for lag in lags]}
    )


def _granger_p(follower: np.ndarray, leader: np.ndarray, lag: int) -> float:
    """p-value of the F test that ``leader``'s past adds nothing to predicting ``follower``."""
    from statsmodels.tools.sm_exceptions import InfeasibleTestError
    from statsmodels.tsa.stattools import grangercausalitytests

    if np.ptp(follower) == 0 or np.ptp(leader) == 0 or len(follower) <= 3 * lag + 1:
        return np.nan
    try:
        result = grangercausalitytests(np.column_stack([follower, leader]), maxlag=[lag])
    except InfeasibleTestError:
        return np.nan
    return float(result[lag][0]["ssr_ftest"][1])


def _holm(p_values: np.ndarray) -> np.ndarray:
    """Holm's step-down adjustment of a set of p-values (NaN stay NaN)."""
    adjusted = np.full(len(p_values), np.nan)
    known = np.flatnonzero(np.isfinite(p_values))
    order = known[np.argsort(p_values[known], kind="stable")]
    running = 0.0
    for step, position in enumerate(order):
        running = max(running, min(1.0, (len(order) - step) * p_values[position]))
        adjusted[position] = running
    return adjusted


def lead_lag(
    attention: pd.DataFrame, *, max_lag: int = 7, granger_lag: int = 3
) -> pd.DataFrame:
    """Per topic: when public attention follows police attention, and Granger tests.

    For each topic, the lag (1 to ``max_lag`` days) at which police attention best predicts
    later public attention (peak cross-correlation), and two Granger tests with ``granger_lag``
    days of past values: does police attention help predict public attention beyond the
    public's own past (``police_leads_p``), and the reverse (``public_leads_p``). Holm's
    adjustment corrects each direction for testing every topic. Granger "causality" is
    predictive precedence, not causation: a third factor (an incident that both police and
    residents react to, with different speeds) produces it as well.

    Parameters
    ----------
    attention : DataFrame
        From :func:`daily_attention`.
    max_lag : int
        Largest lag searched for the cross-correlation peak.
    granger_lag : int
        Days of past values in the Granger regressions.

    Returns
    -------
    DataFrame
        One row per topic: ``topic``, ``peak_lag``, ``peak_correlation``, ``police_leads_p``,
        ``police_leads_p_holm``, ``public_leads_p``, ``public_leads_p_holm``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> police = rng.random(60)
    >>> public = np.r_[rng.random(2), police[:-2]] + 0.1 * rng.random(60)
    >>> days = pd.date_range("2016-01-04", periods=60, name="day")
    >>> attention = pd.DataFrame({("police", "crime"): police, ("public", "crime"): public},
    ...                          index=days)
    >>> result = lead_lag(attention)
    >>> int(result.loc[0, "peak_lag"]), bool(result.loc[0, "police_leads_p"] < 0.01)
    (2, True)
    """
    topics = [topic for topic in attention["police"].columns if topic in attention["public"]]
    rows = []
    for topic in topics:
        police = attention[("police", topic)].to_numpy(dtype=float)
        public = attention[("public", topic)].to_numpy(dtype=float)
        correlations = np.array(
            [_lagged_correlation(police, public, lag) for lag in range(1, max_lag + 1)]
        )
        if np.isfinite(correlations).any():
            peak = int(np.nanargmax(correlations)) + 1
            peak_r = float(correlations[peak - 1])
        else:
            peak, peak_r = 0, np.nan
        rows.append(
            {
                "topic": topic,
                "peak_lag": peak,
                "peak_correlation": peak_r,
                "police_leads_p": _granger_p(public, police, granger_lag),
                "public_leads_p": _granger_p(police, public, granger_lag),
            }
        )
    table = pd.DataFrame(rows)
    table.insert(4, "police_leads_p_holm", _holm(table["police_leads_p"].to_numpy()))
    table["public_leads_p_holm"] = _holm(table["public_leads_p"].to_numpy())
    return table.astype({"peak_lag": "int64"})


# --------------------------------------------------------------------------------------------
# Response and interactivity
# --------------------------------------------------------------------------------------------


@dataclass
class EngagementResult:
    """Engagement of police posts by topic, from a negative binomial model.

    Attributes
    ----------
    table : DataFrame
        One row per topic other than the reference: ``topic``, ``irr`` (expected engagement
        relative to the reference topic, same department and platform), ``ci_low``,
        ``ci_high``, ``p_value``.
    reference : str
        The reference topic.
    topic_p_value : float
        Likelihood-ratio test that topic adds nothing to department and platform.
    n_posts : int
        Police posts in the model.
    fit : CountModelResult
        The full model (all terms, including department and platform).
    """

    table: pd.DataFrame
    reference: str
    topic_p_value: float
    n_posts: int
    fit: Any


def engagement_model(posts: pd.DataFrame, *, reference: str = "safety tips") -> EngagementResult:
    """Fit engagement (likes + shares + comments) of police posts on topic, by negative binomial.

    The model is ``engagement ~ topic + department + platform`` (NB2), so each topic's
    incidence-rate ratio compares posts of the same department on the same platform:
    departments with more followers do not make their favourite topics look engaging.

    Parameters
    ----------
    posts : DataFrame
        Columns ``actor``, ``topic``, ``department``, ``platform``, ``likes``, ``shares``,
        ``comments``; only police posts with a topic are used.
    reference : str
        The topic every other is compared with; if absent, the most frequent topic.

    Returns
    -------
    EngagementResult

    Raises
    ------
    ValueError
        When fewer than two topics have police posts.

    Examples
    --------
    >>> data = simulate(seed=5)
    >>> result = engagement_model(data.posts)
    >>> result.reference, len(result.table)
    ('safety tips', 7)
    """
    from govsocial.models import negative_binomial

    _check_columns(
        posts,
        ["actor", "topic", "department", "platform", "likes", "shares", "comments"],
        "engagement_model",
    )
    police = posts[(posts["actor"] == "police") & posts["topic"].notna()]
    data = pd.DataFrame(
        {
            "engagement": (police["likes"] + police["shares"] + police["comments"]).astype(
                "int64"
            ),
            "topic": police["topic"].astype(str).to_numpy(),
            "department": police["department"].astype(str).to_numpy(),
            "platform": police["platform"].astype(str).to_numpy(),
        }
    )
    topics = _topic_order(data["topic"])
    if len(topics) < 2:
        raise ValueError("the engagement model needs police posts on at least two topics")
    if reference not in topics:
        reference = str(data["topic"].value_counts().idxmax())
    controls = [
        f"C(Q('{name}'))" for name in ("department", "platform") if data[name].nunique() > 1
    ]
    topic_term = f"C(topic, Treatment(reference={reference!r}))"
    formula = " + ".join([f"engagement ~ {topic_term}", *controls])
    fit = negative_binomial(formula, data)
    table = fit.table[fit.table["term"].str.startswith(topic_term)].copy()
    table["topic"] = table["term"].str.extract(r"\[T\.(.*)\]$", expand=False)
    table = table.set_index("topic").reindex([t for t in topics if t != reference])
    restricted = negative_binomial(
        " + ".join(["engagement ~ 1", *controls]), data
    ).result.llf
    statistic = 2 * (fit.result.llf - restricted)
    p_value = float(stats.chi2.sf(statistic, len(topics) - 1))
    return EngagementResult(
        table=table[["irr", "ci_low", "ci_high", "p_value"]].reset_index(),
        reference=reference,
        topic_p_value=p_value,
        n_posts=len(data),
        fit=fit,
    )


@dataclass
class ReplyResult:
    """Police replies to followers' comments, per department.

    Attributes
    ----------
    table : DataFrame
        One row per department: ``department``, ``comments``, ``replies``, ``reply_rate``,
        ``ci_low``, ``ci_high`` (Wilson 95% interval), ``median_minutes`` and
        ``share_within_hour`` (of replies).
    p_value : float
        Chi-square test that all departments reply equally often.
    """

    table: pd.DataFrame
    p_value: float


def _wilson(successes: np.ndarray, trials: np.ndarray, level: float = 0.95) -> tuple:
    """Wilson score interval of a proportion, elementwise."""
    z = stats.norm.ppf(0.5 + level / 2)
    trials = np.asarray(trials, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = successes / trials
        centre = (share + z**2 / (2 * trials)) / (1 + z**2 / trials)
        half = z * np.sqrt(share * (1 - share) / trials + z**2 / (4 * trials**2)) / (
            1 + z**2 / trials
        )
    return centre - half, centre + half


def reply_summary(posts: pd.DataFrame) -> ReplyResult:
    """How often, and how fast, each department replies to its followers' comments.

    Parameters
    ----------
    posts : DataFrame
        Columns ``department``, ``actor``, ``police_replied`` and ``reply_minutes``; only
        public comments are used.

    Returns
    -------
    ReplyResult

    Raises
    ------
    ValueError
        When there are no public comments.

    Examples
    --------
    >>> posts = pd.DataFrame({"department": ["A"] * 4, "actor": "public",
    ...                       "police_replied": [True, False, False, True],
    ...                       "reply_minutes": [30.0, None, None, 90.0]})
    >>> reply_summary(posts).table[["replies", "reply_rate", "median_minutes"]]
       replies  reply_rate  median_minutes
    0        2         0.5            60.0
    """
    _check_columns(
        posts, ["department", "actor", "police_replied", "reply_minutes"], "reply_summary"
    )
    public = posts[posts["actor"] == "public"]
    if public.empty:
        raise ValueError("no public comments: reply rates need followers' comments")
    replied = public["police_replied"].fillna(False).astype(bool)
    minutes = public["reply_minutes"].where(replied)
    grouped = pd.DataFrame(
        {"department": public["department"].astype(str), "replied": replied, "minutes": minutes}
    ).groupby("department", sort=False)
    table = pd.DataFrame(
        {
            "comments": grouped.size(),
            "replies": grouped["replied"].sum().astype("int64"),
            "median_minutes": grouped["minutes"].median(),
            "share_within_hour": grouped["minutes"].apply(
                lambda values: float((values.dropna() <= 60).mean())
                if values.notna().any()
                else np.nan
            ),
        }
    )
    table["reply_rate"] = table["replies"] / table["comments"]
    table["ci_low"], table["ci_high"] = _wilson(
        table["replies"].to_numpy(), table["comments"].to_numpy()
    )
    known = [name for name in DEPARTMENTS if name in table.index]
    table = table.loc[known + sorted(set(table.index) - set(known))]
    observed = np.column_stack([table["replies"], table["comments"] - table["replies"]])
    usable = len(table) > 1 and (observed.sum(axis=0) > 0).all()
    p_value = float(stats.chi2_contingency(observed).pvalue) if usable else np.nan
    columns = ["comments", "replies", "reply_rate", "ci_low", "ci_high", "median_minutes",
               "share_within_hour"]
    return ReplyResult(table[columns].rename_axis("department").reset_index(), p_value)


# --------------------------------------------------------------------------------------------
# Did we recover it?
# --------------------------------------------------------------------------------------------


def _row(kind: str, effect: str, planted: float, estimate: float, low: float, high: float,
         recovered: bool) -> dict[str, Any]:
    return {
        "kind": kind,
        "effect": effect,
        "planted": float(planted),
        "estimate": float(estimate),
        "ci_low": float(low),
        "ci_high": float(high),
        "recovered": bool(recovered),
    }


def _inside(value: float, low: float, high: float) -> bool:
    return bool(np.isfinite(low) and np.isfinite(high) and low <= value <= high)


def _extreme_topics(planted: pd.Series) -> list[str]:
    """Return the topics with the largest positive and the largest negative planted value."""
    return [str(planted.idxmax()), str(planted.idxmin())]


def recovery_table(
    data: AgendaData,
    agendas: pd.DataFrame,
    divergence: ShareGaps,
    platforms: ShareGaps,
    lags: pd.DataFrame,
    engagement: EngagementResult,
    replies: ReplyResult,
    *,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Planted effects next to the chapter's estimates.

    Parameters
    ----------
    data : AgendaData
        The simulation, for its planted truth.
    agendas : DataFrame
        From :func:`agenda_correlation`.
    divergence : ShareGaps
        Public minus police shares, from :func:`share_gaps`.
    platforms : ShareGaps
        Twitter minus Facebook shares of police posts, from :func:`share_gaps`.
    lags : DataFrame
        From :func:`lead_lag`.
    engagement : EngagementResult
        From :func:`engagement_model`.
    replies : ReplyResult
        From :func:`reply_summary`.
    alpha : float
        Significance level of the Granger tests (Holm-adjusted).

    Returns
    -------
    DataFrame
        Columns ``kind``, ``effect``, ``planted``, ``estimate``, ``ci_low``, ``ci_high`` and
        ``recovered``. An effect with an interval is recovered when the interval contains the
        planted value; a lag when the peak of the cross-correlation falls on the planted lag
        (its interval columns are NaN); "other topics led by police" when no topic without a
        planted lag has a significant Granger test.

    Examples
    --------
    >>> data = simulate(seed=4)
    >>> table = recovery_table(
    ...     data, agenda_correlation(data.posts, n_boot=200),
    ...     share_gaps(data.posts, n_boot=200),
    ...     share_gaps(data.posts[data.posts["actor"] == "police"], group="platform",
    ...                first="Facebook", second="Twitter", n_boot=200),
    ...     lead_lag(daily_attention(data.posts)), engagement_model(data.posts),
    ...     reply_summary(data.posts))
    >>> sorted(table["kind"].unique())
    ['agenda', 'engagement', 'lag', 'platform', 'public vs police', 'replies']
    """
    truth = data.truth
    rows = []
    by_department = agendas.set_index("department")
    for department, planted in truth.rank_correlation.items():
        if department in by_department.index:
            found = by_department.loc[department]
            rows.append(
                _row("agenda", f"rank correlation, {department}", planted, found["rho"],
                     found["ci_low"], found["ci_high"],
                     _inside(planted, found["ci_low"], found["ci_high"]))
            )
    pooled = "all departments (mean)"
    if pooled in by_department.index:
        planted = float(truth.rank_correlation.mean())
        found = by_department.loc[pooled]
        rows.append(
            _row("agenda", "rank correlation, mean of departments", planted, found["rho"],
                 found["ci_low"], found["ci_high"],
                 _inside(planted, found["ci_low"], found["ci_high"]))
        )
    for gaps, planted_gaps, kind, label in (
        (divergence, truth.public_minus_police, "public vs police", "public minus police"),
        (platforms, truth.twitter_minus_facebook, "platform", "Twitter minus Facebook"),
    ):
        table = gaps.table.set_index("topic")
        for topic in _extreme_topics(planted_gaps):
            planted = planted_gaps[topic]
            found = table.loc[topic]
            rows.append(
                _row(kind, f"{label} share, {topic}", planted, found["gap"], found["ci_low"],
                     found["ci_high"], _inside(planted, found["ci_low"], found["ci_high"]))
            )
    lag_table = lags.set_index("topic")
    for topic in truth.lag_topics:
        found = lag_table.loc[topic]
        rows.append(
            _row("lag", f"days until public follows police, {topic}", truth.lag_days,
                 found["peak_lag"], np.nan, np.nan, int(found["peak_lag"]) == truth.lag_days)
        )
    others = lag_table.drop(index=list(truth.lag_topics), errors="ignore")
    false_leads = int((others["police_leads_p_holm"] < alpha).sum())
    rows.append(
        _row("lag", "other topics where police lead (Granger, Holm)", 0, false_leads,
             np.nan, np.nan, false_leads == 0)
    )
    irr = engagement.table.set_index("topic")
    reference_irr = truth.engagement_irr / truth.engagement_irr.get(engagement.reference, 1.0)
    for topic in irr.index:
        planted = reference_irr[topic]
        found = irr.loc[topic]
        rows.append(
            _row("engagement", f"engagement ratio, {topic} vs {engagement.reference}", planted,
                 found["irr"], found["ci_low"], found["ci_high"],
                 _inside(planted, found["ci_low"], found["ci_high"]))
        )
    reply_table = replies.table.set_index("department")
    for department, planted in truth.reply_rates.items():
        found = reply_table.loc[department]
        rows.append(
            _row("replies", f"reply rate, {department}", planted, found["reply_rate"],
                 found["ci_low"], found["ci_high"],
                 _inside(planted, found["ci_low"], found["ci_high"]))
        )
    return pd.DataFrame(rows)


def falsification_table(
    agendas: pd.DataFrame,
    platforms: ShareGaps,
    lags: pd.DataFrame,
    engagement: EngagementResult,
    replies: ReplyResult,
    *,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """One overall check per planted effect, for data simulated with every effect at zero.

    Parameters
    ----------
    agendas, platforms, lags, engagement, replies
        The chapter's estimates on the null simulation (see :func:`recovery_table`).
    alpha : float
        Significance level.

    Returns
    -------
    DataFrame
        Columns ``check``, ``estimate``, ``ci_low``, ``ci_high``, ``p_value`` and
        ``no_effect_found``: the mean rank correlation's interval covers 0; no topic has a
        significant Holm-adjusted Granger test; the likelihood-ratio test of topic on
        engagement, the chi-square test of equal reply rates and the chi-square test of equal
        platform mixes are not significant.

    Examples
    --------
    >>> null = simulate(seed=4, effects=Effects.none())
    >>> posts = null.posts
    >>> table = falsification_table(
    ...     agenda_correlation(posts, n_boot=200),
    ...     share_gaps(posts[posts["actor"] == "police"], group="platform",
    ...                first="Facebook", second="Twitter", n_boot=200),
    ...     lead_lag(daily_attention(posts)), engagement_model(posts), reply_summary(posts))
    >>> len(table), table["no_effect_found"].dtype
    (5, dtype('bool'))
    """
    pooled = agendas.set_index("department").iloc[-1]
    leads = int((lags["police_leads_p_holm"] < alpha).sum())
    smallest = float(lags["police_leads_p_holm"].min())
    rows = [
        {
            "check": "agenda-setting: mean rank correlation",
            "estimate": float(pooled["rho"]),
            "ci_low": float(pooled["ci_low"]),
            "ci_high": float(pooled["ci_high"]),
            "p_value": np.nan,
            "no_effect_found": _inside(0.0, pooled["ci_low"], pooled["ci_high"]),
        },
        {
            "check": "lead-lag: topics where police lead (Granger, Holm)",
            "estimate": float(leads),
            "ci_low": np.nan,
            "ci_high": np.nan,
            "p_value": smallest,
            "no_effect_found": leads == 0,
        },
        {
            "check": "engagement differs by topic (likelihood ratio)",
            "estimate": np.nan,
            "ci_low": np.nan,
            "ci_high": np.nan,
            "p_value": engagement.topic_p_value,
            "no_effect_found": engagement.topic_p_value >= alpha,
        },
        {
            "check": "reply rates differ between departments (chi-square)",
            "estimate": np.nan,
            "ci_low": np.nan,
            "ci_high": np.nan,
            "p_value": replies.p_value,
            "no_effect_found": replies.p_value >= alpha,
        },
        {
            "check": "topic mix differs between platforms (chi-square)",
            "estimate": np.nan,
            "ci_low": np.nan,
            "ci_high": np.nan,
            "p_value": platforms.p_value,
            "no_effect_found": platforms.p_value >= alpha,
        },
    ]
    return pd.DataFrame(rows)


def scorecard(
    agendas: pd.DataFrame,
    divergence: ShareGaps,
    engagement: EngagementResult,
    replies: ReplyResult,
) -> pd.DataFrame:
    """Set the study's directional findings next to what the chapter's methods found.

    Parameters
    ----------
    agendas : DataFrame
        From :func:`agenda_correlation`.
    divergence : ShareGaps
        Public minus police shares, from :func:`share_gaps`.
    engagement : EngagementResult
        From :func:`engagement_model`.
    replies : ReplyResult
        From :func:`reply_summary`.

    Returns
    -------
    DataFrame
        Columns ``finding`` (Williams et al. 2018, direction only), ``what_we_found`` and
        ``recovered``.

    Examples
    --------
    >>> data = simulate(seed=4)
    >>> card = scorecard(agenda_correlation(data.posts, n_boot=200),
    ...                  share_gaps(data.posts, n_boot=200),
    ...                  engagement_model(data.posts), reply_summary(data.posts))
    >>> card["recovered"].tolist()
    [True, True, True, True]
    """
    departments = agendas.iloc[:-1] if len(agendas) > 1 else agendas
    pooled = agendas.iloc[-1]
    positive = int((departments["rho"] > 0).sum())
    gaps = divergence.table.set_index("topic")
    clear = gaps[(gaps["ci_low"] > 0) | (gaps["ci_high"] < 0)]
    more, less = gaps["gap"].idxmax(), gaps["gap"].idxmin()
    higher = engagement.table[engagement.table["ci_low"] > 1]
    rates = replies.table["reply_rate"]
    rows = [
        {
            "finding": "Police and followers share some priorities",
            "what_we_found": (
                f"rank correlation positive in {positive} of {len(departments)} departments "
                f"(mean {pooled['rho']:.2f}, 95% CI {pooled['ci_low']:.2f} to "
                f"{pooled['ci_high']:.2f})"
            ),
            "recovered": bool(pooled["ci_low"] > 0),
        },
        {
            "finding": "... and differ on others",
            "what_we_found": (
                f"{len(clear)} of {len(gaps)} topics differ clearly; followers give "
                f"{more} {100 * gaps.loc[more, 'gap']:+.1f} and {less} "
                f"{100 * gaps.loc[less, 'gap']:+.1f} percentage points (public minus police)"
            ),
            "recovered": bool(len(clear) > 0 and divergence.p_value < 0.05),
        },
        {
            "finding": "Positive public response to some police agenda items",
            "what_we_found": (
                "more engagement than "
                f"{engagement.reference} for "
                + (", ".join(higher["topic"]) if len(higher) else "no topic")
            ),
            "recovered": bool(len(higher) > 0),
        },
        {
            "finding": "Police use social media interactively",
            "what_we_found": (
                f"every department replies to comments: {rates.min():.0%} to "
                f"{rates.max():.0%} of them"
                if (rates > 0).all()
                else f"{int((rates > 0).sum())} of {len(rates)} departments reply to comments"
            ),
            "recovered": bool((rates > 0).all()),
        },
    ]
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Your own data
# --------------------------------------------------------------------------------------------

OWN_DATA_FILES: dict[str, str] = {
    "departments": "departments.csv",
    "facebook": "facebook_posts.csv",
    "tweets": "tweets.jsonl",
}
"""The files :func:`load_own_data` looks for in a folder: the department list (required), a
CrowdTangle export of the departments' Facebook posts and Twitter API v2 JSON lines holding the
departments' tweets and the replies to them (at least one of the two)."""

DEPARTMENT_ACCOUNTS = Contract(
    "police department accounts",
    (
        Column("department", "string", unique=True, description="Name of the department."),
        Column(
            "facebook_page",
            "string",
            nullable=True,
            description="Its Facebook page as named in the CrowdTangle export: the 'User Name' "
            "or the 'Page Name' (letter case ignored).",
        ),
        Column(
            "twitter_username",
            "string",
            nullable=True,
            description="Its Twitter handle, without the @ (letter case ignored).",
        ),
    ),
    key=("department",),
)
"""Contract of ``departments.csv``, the list of departments and their accounts."""

_POST_COLUMNS = [
    "post_id", "department", "platform", "actor", "parent_id", "created_at", "text", "likes",
    "shares", "comments", "police_replied", "reply_minutes", "topic",
]


@dataclass
class OwnData:
    """Posts combined from a folder of exports, and what each step read and left out.

    Attributes
    ----------
    posts : DataFrame
        The chapter's posts table (as :attr:`AgendaData.posts`, without ``true_topic``, and
        with ``topic`` missing: no one has coded these posts).
    reports : list of LoadReport
        One per file read.
    dropped : dict of str to int
        Records read but not used as posts, by reason.
    """

    posts: pd.DataFrame
    reports: list[LoadReport]
    dropped: dict[str, int]


def _lookup(departments: pd.DataFrame, column: str) -> dict[str, str]:
    """Lower-cased account name -> department."""
    known = departments.dropna(subset=[column])
    return dict(
        zip(
            known[column].str.strip().str.lstrip("@").str.lower(),
            known["department"],
            strict=True,
        )
    )


def _facebook_posts(
    facebook: pd.DataFrame, departments: pd.DataFrame, dropped: dict[str, int]
) -> pd.DataFrame:
    pages = _lookup(departments, "facebook_page")
    by_user = facebook["user_name"].str.lower().map(pages)
    by_name = facebook["page_name"].str.lower().map(pages)
    department = by_user.fillna(by_name)
    known = department.notna()
    dropped["Facebook posts of pages not in departments.csv"] = int((~known).sum())
    posts = facebook[known]
    return pd.DataFrame(
        {
            "post_id": posts["url"],
            "department": department[known],
            "platform": "Facebook",
            "actor": "police",
            "parent_id": None,
            "created_at": posts["created_at"],
            "text": posts["text"],
            "likes": posts["likes"],
            "shares": posts["shares"],
            "comments": posts["comments"],
            "police_replied": None,
            "reply_minutes": np.nan,
        }
    )


def _twitter_posts(
    tweets: pd.DataFrame, departments: pd.DataFrame, dropped: dict[str, int]
) -> pd.DataFrame:
    handles = _lookup(departments, "twitter_username")
    department = tweets["username"].str.lower().map(handles)
    is_police = department.notna()
    police_ids = dict(zip(tweets.loc[is_police, "author_id"], department[is_police], strict=False))
    answers_police = tweets["is_reply"] & tweets["in_reply_to_user_id"].isin(police_ids)
    public = ~is_police & answers_police
    reply_to_other = (
        is_police & tweets["is_reply"] & ~tweets["in_reply_to_user_id"].isin(police_ids)
    )
    public_ids = set(tweets.loc[public, "tweet_id"])
    police_reply = reply_to_other & tweets["referenced_id"].isin(public_ids)
    retweet = is_police & tweets["is_retweet"] & ~reply_to_other
    police_post = is_police & ~reply_to_other & ~retweet
    dropped["department replies to residents (counted as replies)"] = int(police_reply.sum())
    dropped["department replies to tweets not in the file"] = int(
        (reply_to_other & ~police_reply).sum()
    )
    dropped["retweets by department accounts"] = int(retweet.sum())
    dropped["tweets neither by nor replying to a department"] = int(
        (~is_police & ~answers_police).sum()
    )
    replies = tweets[police_reply]
    first_reply = replies.groupby("referenced_id")["created_at"].min()
    chosen = tweets[police_post | public]
    is_public = public[police_post | public]
    answered = pd.Series(
        pd.to_datetime(first_reply.reindex(chosen["tweet_id"].to_numpy()).to_numpy(), utc=True),
        index=chosen.index,
    )
    minutes = (answered - chosen["created_at"]).dt.total_seconds() / 60
    return pd.DataFrame(
        {
            "post_id": chosen["tweet_id"],
            "department": np.where(
                is_public,
                chosen["in_reply_to_user_id"].map(police_ids),
                department[police_post | public],
            ),
            "platform": "Twitter",
            "actor": np.where(is_public, "public", "police"),
            "parent_id": chosen["referenced_id"].where(is_public),
            "created_at": chosen["created_at"],
            "text": chosen["text"],
            "likes": chosen["like_count"],
            "shares": chosen["retweet_count"],
            "comments": chosen["reply_count"],
            "police_replied": pd.array(
                np.where(is_public, answered.notna(), None), dtype="boolean"
            ),
            "reply_minutes": minutes.where(is_public).astype(float),
        }
    )


def posts_from_exports(
    facebook: pd.DataFrame | None,
    tweets: pd.DataFrame | None,
    departments: pd.DataFrame,
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Build the chapter's posts table from real exports.

    Facebook posts of the departments' pages become police posts (CrowdTangle exports hold no
    comments, so Facebook has no public side). Tweets by the departments' handles are police
    posts; tweets replying to a department are the public's comments; a department's reply to
    one of those marks it as answered (``police_replied``, ``reply_minutes``) and is not itself
    a post. Retweets by the departments and tweets unrelated to them are left out and counted.

    Parameters
    ----------
    facebook : DataFrame or None
        From :func:`govsocial.io.read_crowdtangle_csv`.
    tweets : DataFrame or None
        From :func:`govsocial.io.read_tweets_v2_jsonl`.
    departments : DataFrame
        The columns of :data:`DEPARTMENT_ACCOUNTS`.

    Returns
    -------
    tuple of (DataFrame, dict)
        The posts (sorted by time) and the number of records left out, by reason.

    Raises
    ------
    ValueError
        When both exports are missing, or no record belongs to a department.

    Examples
    --------
    >>> departments = pd.DataFrame({"department": ["Sample PD"], "facebook_page": ["samplepd"],
    ...                             "twitter_username": [None]})
    >>> facebook = pd.DataFrame({
    ...     "page_name": ["Sample PD"], "user_name": ["SamplePD"],
    ...     "created_at": pd.to_datetime(["2099-01-04 14:05"], utc=True), "post_type": ["Status"],
    ...     "likes": [12], "comments": [3], "shares": [1], "text": ["Road closed"],
    ...     "url": ["https://example.org/p/1"]})
    >>> posts, dropped = posts_from_exports(facebook, None, departments)
    >>> posts.loc[0, ["department", "actor", "platform"]].tolist()
    ['Sample PD', 'police', 'Facebook']
    """
    if facebook is None and tweets is None:
        raise ValueError("give a Facebook export, a tweets export, or both")
    dropped: dict[str, int] = {}
    parts = []
    if facebook is not None:
        parts.append(_facebook_posts(facebook, departments, dropped))
    if tweets is not None:
        parts.append(_twitter_posts(tweets, departments, dropped))
    parts = [part for part in parts if len(part)]
    if not parts:
        raise ValueError(
            "no post belongs to a department of departments.csv: check the page names and "
            "Twitter handles there against the exports"
        )
    posts = pd.concat(parts, ignore_index=True)
    posts["topic"] = None
    posts = posts.sort_values(["created_at", "post_id"], kind="stable").reset_index(drop=True)
    for name in ("post_id", "department", "platform", "actor", "parent_id", "text", "topic"):
        posts[name] = posts[name].astype("string")
    for name in ("likes", "shares", "comments"):
        posts[name] = posts[name].astype("int64")
    posts["police_replied"] = posts["police_replied"].astype("boolean")
    posts["reply_minutes"] = posts["reply_minutes"].astype(float)
    return posts[_POST_COLUMNS], dropped


def load_own_data(folder: str | os.PathLike[str]) -> OwnData:
    r"""Read a folder of exports (see :data:`OWN_DATA_FILES`), validate and combine them.

    Parameters
    ----------
    folder : str or path-like
        A folder with ``departments.csv`` and at least one of ``facebook_posts.csv`` (a
        CrowdTangle export) and ``tweets.jsonl`` (Twitter API v2 responses, one per line).

    Returns
    -------
    OwnData

    Raises
    ------
    DataError
        When the folder or a required file is missing, or a file does not fit its format (the
        message names the file, row and column).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "departments.csv").write_text(
    ...     "department,facebook_page,twitter_username\nSample PD,SamplePD,\n")
    >>> _ = (folder / "facebook_posts.csv").write_text(
    ...     "Page Name,User Name,Post Created,Type,Likes,Comments,Shares,Message,URL\n"
    ...     "Sample PD,SamplePD,2099-01-04 09:05:00 EST,Status,12,3,1,Road closed,"
    ...     "https://example.org/p/1\n")
    >>> own = load_own_data(folder)
    >>> own.posts[["department", "platform", "actor"]].iloc[0].tolist()
    ['Sample PD', 'Facebook', 'police']
    """
    from govsocial import io

    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(
            "no such folder",
            file=str(folder),
            expected=f"a folder holding {', '.join(OWN_DATA_FILES.values())}",
            found="nothing" if not folder.exists() else "a file",
        )
    files = {name: folder / file for name, file in OWN_DATA_FILES.items()}
    if not files["departments"].is_file():
        raise DataError(
            "the list of departments is missing",
            file=str(files["departments"]),
            expected="a CSV with columns department, facebook_page, twitter_username",
            found="no such file",
        )
    if not files["facebook"].is_file() and not files["tweets"].is_file():
        raise DataError(
            "no posts to read",
            file=str(folder),
            expected=f"{OWN_DATA_FILES['facebook']} and/or {OWN_DATA_FILES['tweets']}",
            found="neither file",
        )
    departments = io.read_table(files["departments"], DEPARTMENT_ACCOUNTS)
    reports = [departments.report]
    exports: dict[str, pd.DataFrame | None] = {"facebook": None, "tweets": None}
    readers = {"facebook": io.read_crowdtangle_csv, "tweets": io.read_tweets_v2_jsonl}
    for name, reader in readers.items():
        if files[name].is_file():
            loaded = reader(files[name])
            exports[name] = loaded.frame
            reports.append(loaded.report)
    try:
        posts, dropped = posts_from_exports(
            exports["facebook"], exports["tweets"], departments.frame
        )
    except ValueError as error:
        raise DataError(str(error), file=str(folder)) from None
    return OwnData(posts, reports, dropped)


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


def agenda_scatter(shares: pd.DataFrame) -> Figure:
    """Plot each topic's share of police posts against its share of followers' comments.

    Parameters
    ----------
    shares : DataFrame
        Columns ``topic``, ``police`` and ``public`` (shares in [0, 1]).

    Returns
    -------
    Figure
        One labelled point per topic and a dashed diagonal: on it, the public gives a topic
        the share of attention the police give it.

    Examples
    --------
    >>> shares = pd.DataFrame({"topic": ["crime", "safety tips"], "police": [0.6, 0.4],
    ...                        "public": [0.7, 0.3]})
    >>> fig = agenda_scatter(shares)
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['crime', 'safety tips']
    >>> plt.close(fig)
    """
    from matplotlib.ticker import PercentFormatter

    from govsocial.plots import PALETTE

    fig, ax = plt.subplots(figsize=(6.4, 5.2))
    top = float(max(shares["police"].max(), shares["public"].max())) * 1.15
    ax.plot([0, top], [0, top], linestyle="--", color="0.25", linewidth=1, zorder=1)
    ax.scatter(shares["police"], shares["public"], s=45, color=PALETTE[3], zorder=2)
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_aspect("equal")
    _place_labels(ax, shares["topic"].astype(str), shares["police"], shares["public"])
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    ax.set_xlabel("Share of police posts (%)")
    ax.set_ylabel("Share of followers' comments (%)")
    return fig


def _place_labels(ax: Any, labels: Sequence[str], xs: Sequence[float], ys: Sequence[float]) -> None:
    """Label points, trying a few positions around each so that labels do not overlap."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    candidates = [
        ((6, 3), "left", "bottom"), ((6, -3), "left", "top"), ((-6, 3), "right", "bottom"),
        ((-6, -3), "right", "top"), ((0, 8), "center", "bottom"), ((0, -8), "center", "top"),
    ]
    points = [ax.transData.transform((x, y)) for x, y in zip(xs, ys, strict=True)]
    placed: list[Any] = []
    for label, x, y in zip(labels, xs, ys, strict=True):
        chosen = None
        for offset, ha, va in candidates:
            text = ax.annotate(
                label, (x, y), xytext=offset, textcoords="offset points", ha=ha, va=va,
                fontsize=10,
            )
            box = text.get_window_extent(renderer).expanded(1.05, 1.1)
            hits_text = any(box.overlaps(other) for other in placed)
            hits_point = any(box.contains(px, py) for px, py in points)
            if not hits_text and not hits_point:
                chosen = box
                break
            text.remove()
        if chosen is None:  # no free position: keep the first one
            offset, ha, va = candidates[0]
            text = ax.annotate(
                label, (x, y), xytext=offset, textcoords="offset points", ha=ha, va=va,
                fontsize=10,
            )
            chosen = text.get_window_extent(renderer)
        placed.append(chosen)


def cross_correlation_figure(curves: pd.DataFrame) -> Figure:
    """Plot cross-correlation against lag, one line per topic.

    Parameters
    ----------
    curves : DataFrame
        Columns ``topic``, ``lag`` (days) and ``correlation``, as :func:`cross_correlation`
        gives for each topic.

    Returns
    -------
    Figure
        Lines with markers in :data:`govsocial.plots.PALETTE` colours and a legend; a
        vertical line at lag 0.

    Examples
    --------
    >>> curves = pd.DataFrame({"topic": ["crime"] * 3, "lag": [-1, 0, 1],
    ...                        "correlation": [0.0, 0.2, 0.5]})
    >>> fig = cross_correlation_figure(curves)
    >>> fig.axes[0].get_xlabel()
    'Lag (days): public attention on day t + lag, police attention on day t'
    >>> plt.close(fig)
    """
    from govsocial.plots import PALETTE

    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    ax.axvline(0, color="0.25", linewidth=1, linestyle="--")
    ax.axhline(0, color="0.25", linewidth=0.8)
    markers = ["o", "s", "^", "D", "v", "P", "X", "*"]
    for number, (topic, curve) in enumerate(curves.groupby("topic", sort=False)):
        ax.plot(
            curve["lag"], curve["correlation"], marker=markers[number % len(markers)],
            color=PALETTE[number % 6], label=str(topic), linewidth=1.8,
        )
    ax.set_xlabel("Lag (days): public attention on day t + lag, police attention on day t")
    ax.set_ylabel("Correlation of daily topic shares")
    ax.legend(title="topic", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def silhouette_figure(scores: pd.DataFrame, chosen: int) -> Figure:
    """Plot the mean silhouette against the number of clusters, marking the chosen one.

    Parameters
    ----------
    scores : DataFrame
        Columns ``k`` and ``silhouette``, as :attr:`Clustering.scores`.
    chosen : int
        The chosen number of clusters.

    Returns
    -------
    Figure

    Examples
    --------
    >>> fig = silhouette_figure(pd.DataFrame({"k": [2, 3], "silhouette": [0.1, 0.2]}), 3)
    >>> fig.axes[0].get_xlabel()
    'Number of clusters k'
    >>> plt.close(fig)
    """
    from govsocial.plots import PALETTE

    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(scores["k"], scores["silhouette"], marker="o", color=PALETTE[3], linewidth=1.8)
    best = scores.loc[scores["k"] == chosen, "silhouette"]
    ax.scatter([chosen], best, s=160, facecolors="none", edgecolors=PALETTE[4], linewidths=2,
               zorder=3, label=f"chosen: k = {chosen}")
    ax.set_xticks(scores["k"].tolist())
    ax.set_xlabel("Number of clusters k")
    ax.set_ylabel("Mean silhouette (cosine)")
    ax.legend(loc="lower right")
    return fig
