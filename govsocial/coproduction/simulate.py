r"""Coproduction: citizens amplifying government disaster communication (#sandy).

The chapter re-runs the design of Chatfield & Reddick (2018): #sandy tweets analysed as a
network, to see how citizens' retweets of government tweets magnify the *reach* and the
*agility* of government disaster communication. Their data are not public, so :func:`simulate`
builds a fictional storm: seven fictional government accounts of "Harbor City" and the nation,
thousands of citizen accounts with heavy-tailed follower counts, and retweet cascades grown by a
branching process whose planted truth (:class:`Effects`) says by how much citizens multiply the
audience of a government message. The analysis functions then measure the retweet network,
the cascades, the reach and the agility of government messages, on simulated data or on a
reader's own tweets (:func:`load_folder`). Real Hurricane Sandy tweets (CrisisLexT6) and the
CrisisLexT26 timelines are read by :func:`read_crisislex_t6` and :func:`read_crisislex_timelines`.

Public names
------------
LANDFALL, ATTENTION_HOURS, GOVERNMENT_ACCOUNTS, ACCOUNT_TYPES, KINDS
    When the storm makes landfall, how fast followers see a tweet, the fictional government
    accounts, the kinds of account and the kinds of tweet.
ACCOUNTS, TWEETS, OWN_ACCOUNTS, SANDY, TIMELINE, SANDY_ACCOUNT_TYPES
    Contracts of the frames and files this module reads or builds.
Effects
    The planted effects; ``Effects.none()`` plants none.
CoproductionData
    Accounts, tweets, the planted truth and the load report of one data set.
simulate(seed, scale="teaching", effects=None)
    A simulated storm: accounts, original tweets and retweet cascades.
load_folder(folder)
    The reader's own ``tweets.jsonl`` (Twitter API v2) and ``accounts.csv``.
tweet_kinds(tweets, accounts)
    Each tweet labelled as a government or citizen original or retweet.
volume(tweets, accounts, *, freq="1h")
    Tweets per time bin and kind.
cascades(tweets, accounts)
    One row per original tweet: retweets, depth, time to first retweet.
retweet_network(tweets, accounts)
    The directed, weighted retweet network (retweeter -> original author).
centrality_table(graph, *, betweenness_samples=300, seed=0)
    In-degree, betweenness and eigenvector centrality of every account.
compare_centrality(centrality)
    The centrality measures summarised by kind of account.
communities(graph, *, seed=0)
    Louvain communities of the retweet network, with their make-up.
message_reach(tweets, accounts, *, attention_hours=ATTENTION_HOURS)
    Reach and agility of every government message.
audience_curves(tweets, accounts, *, hours, attention_hours=ATTENTION_HOURS)
    The average audience of a government message over time, with and without citizens.
bootstrap_ratio(numerator, denominator, *, n_boot=2000, seed=0)
    A ratio of sums with a bootstrap confidence interval.
recovery_table(data, reach, *, seed=0)
    Planted versus measured amplification and agility.
falsification(seed, scale="teaching")
    The same measures in a world where citizens do not retweet government.
scorecard(recovery)
    The study's directional finding against what we measured.
read_crisislex_t6(path)
    The CrisisLexT6 on-topic / off-topic file of one crisis, with decoded times.
retweeted_accounts(sandy)
    How often each account is retweeted (from ``RT @account`` in the text).
read_account_types(path)
    The hand-made table of organisational accounts.
most_retweeted(sandy, account_types, *, top=50)
    The most retweeted accounts: organisational ones shown, the rest only counted.
read_crisislex_timeline(path, *, included_only=True)
    One CrisisLexT26 ``*-tweetids_entire_period.csv`` file.
read_crisislex_timelines(folder, events)
    Several CrisisLexT26 timelines.
timeline_curves(timelines, *, bin_hours=3, horizon_hours=240)
    Normalised volume curves on a common axis of hours since the first tweet.
volume_figure(counts, *, landfall, ylabel="Tweets per hour")
    Figure: volume over time by kind, landfall marked.
network_core_figure(graph, centrality, *, top_citizens=40, seed=0)
    Figure: the core of the retweet network.
cascade_figure(cascade_table)
    Figure: cascade size and depth distributions.
audience_figure(curves, *, attention_hours=ATTENTION_HOURS)
    Figure: average audience over time, with and without citizens.
timeline_figure(curves)
    Figure: normalised volume curves of several crises.

Examples
--------
>>> data = simulate(2022)
>>> reach = message_reach(data.tweets, data.accounts)
>>> estimate, low, high = bootstrap_ratio(reach["final_audience"], reach["direct_audience"])
>>> bool(low < data.effects.amplification < high)
True
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from govsocial import io
from govsocial.plots import PALETTE
from govsocial.schema import Column, Contract, DataError, LoadReport, validate

__all__ = [
    "ACCOUNTS",
    "ACCOUNT_TYPES",
    "ATTENTION_HOURS",
    "GOVERNMENT_ACCOUNTS",
    "KINDS",
    "LANDFALL",
    "OWN_ACCOUNTS",
    "SANDY",
    "SANDY_ACCOUNT_TYPES",
    "TIMELINE",
    "TWEETS",
    "CoproductionData",
    "Effects",
    "audience_curves",
    "audience_figure",
    "bootstrap_ratio",
    "cascade_figure",
    "cascades",
    "centrality_table",
    "communities",
    "compare_centrality",
    "falsification",
    "load_folder",
    "message_reach",
    "most_retweeted",
    "network_core_figure",
    "read_account_types",
    "read_crisislex_t6",
    "read_crisislex_timeline",
    "read_crisislex_timelines",
    "recovery_table",
    "retweet_network",
    "retweeted_accounts",
    "scorecard",
    "simulate",
    "timeline_curves",
    "timeline_figure",
    "tweet_kinds",
    "volume",
    "volume_figure",
]

Scale = Literal["teaching", "paper"]

LANDFALL = pd.Timestamp("2012-10-29 23:30", tz="UTC")
"""When Hurricane Sandy made landfall in New Jersey (about 23:30 UTC on 29 October 2012). The
simulated storm keeps Sandy's calendar, so simulated and real curves share one time axis."""

ATTENTION_HOURS = 1.0
"""Mean time (hours) before a follower sees a tweet in their timeline. The audience of a tweet
grows as ``followers * (1 - exp(-t / ATTENTION_HOURS))``: an assumption of the reach measure,
shared by the simulated world."""

ACCOUNT_TYPES: tuple[str, ...] = ("government", "citizen")
"""The kinds of account in the simulation and in a reader's ``accounts.csv``."""

GOVERNMENT_ACCOUNTS: tuple[dict[str, object], ...] = (
    {"account": "HarborCityOEM", "role": "emergency management",
     "name": "Harbor City Office of Emergency Management", "followers": 9_000, "share": 0.22},
    {"account": "HarborCityFD", "role": "fire department",
     "name": "Harbor City Fire Department", "followers": 6_000, "share": 0.12},
    {"account": "HarborCityMayor", "role": "mayor's office",
     "name": "Office of the Mayor of Harbor City", "followers": 14_000, "share": 0.15},
    {"account": "HarborPowerAuth", "role": "utility",
     "name": "Harbor City Power Authority", "followers": 5_000, "share": 0.11},
    {"account": "HarborTransit", "role": "transit",
     "name": "Harbor Transit Authority", "followers": 7_000, "share": 0.12},
    {"account": "CoastWeatherSvc", "role": "weather service",
     "name": "Coastal Weather Service", "followers": 11_000, "share": 0.18},
    {"account": "NatEmergAgency", "role": "national emergency agency",
     "name": "National Emergency Response Agency", "followers": 20_000, "share": 0.10},
)
"""The fictional government accounts: handle, role, name, followers, share of government
messages. None of them is a real organisation."""

_ACCOUNT_KIND_TYPES = (*ACCOUNT_TYPES, "unlisted")

ACCOUNTS = Contract(
    "coproduction accounts",
    (
        Column("account", "string", unique=True, description="Handle, without the @."),
        Column("name", "string", nullable=True,
               description="Display name (organisations only; empty for citizens)."),
        Column("account_type", "string", allowed=ACCOUNT_TYPES,
               description="government or citizen."),
        Column("role", "string", description="What the account is, e.g. 'fire department', "
               "'citizen'."),
        Column("followers", "int", minimum=0, description="Followers (count)."),
    ),
    key=("account",),
)
"""Contract of :attr:`CoproductionData.accounts`."""

TWEETS = Contract(
    "coproduction tweets",
    (
        Column("tweet_id", "string", unique=True, description="Tweet id (digits, as text)."),
        Column("account", "string", description="Author's handle, without the @."),
        Column("created_at", "datetime", description="When the tweet was posted (UTC)."),
        Column("text", "string", description="Text; retweets start 'RT @account:'."),
        Column("retweeted_id", "string", nullable=True,
               description="Id of the tweet this one retweets (empty for originals). In the "
               "simulation the immediate parent in the cascade; in Twitter data the original."),
        Column("retweeted_account", "string", nullable=True,
               description="Author of the original tweet that is retweeted (as in 'RT @x:')."),
    ),
    key=("tweet_id",),
)
"""Contract of :attr:`CoproductionData.tweets`."""

OWN_ACCOUNTS = Contract(
    "coproduction accounts.csv",
    (
        Column("username", "string", unique=True,
               description="Handle without the @, as in the tweets' includes.users."),
        Column("account_type", "string", allowed=ACCOUNT_TYPES,
               description="government or citizen."),
        Column("followers", "int", minimum=0,
               description="Followers when the tweets were collected (count)."),
        Column("name", "string", nullable=True, description="Display name (optional)."),
    ),
    key=("username",),
)
"""Contract of a reader's ``accounts.csv`` (see :func:`load_folder`)."""


# --------------------------------------------------------------------------------------------
# Planted effects and the data object
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Effects:
    """The effects planted in the simulated storm.

    The direction follows Chatfield & Reddick (2018): citizens' retweets magnify the reach and
    agility of government messages. The sizes are ours (the study publishes no such numbers).

    Attributes
    ----------
    amplification : float
        Expected audience of a government message, with citizens' retweets, divided by the
        government account's own followers. 1 means citizens never retweet government: only
        followers see government messages.
    retweet_delay_minutes : float
        Mean delay (minutes) between a tweet and each retweet of it; the time by which
        citizens pass a message on.

    Examples
    --------
    >>> Effects().amplification
    3.0
    >>> Effects.none().amplification
    1.0
    """

    amplification: float = 3.0
    retweet_delay_minutes: float = 20.0

    def __post_init__(self) -> None:
        if self.amplification < 1:
            raise ValueError(f"amplification must be at least 1, got {self.amplification}")
        if self.retweet_delay_minutes <= 0:
            raise ValueError("retweet_delay_minutes must be positive")

    @classmethod
    def none(cls) -> Effects:
        """Return effects with no citizen amplification (the falsification world).

        Examples
        --------
        >>> Effects.none().retweet_delay_minutes
        20.0
        """
        return cls(amplification=1.0)


@dataclass(frozen=True)
class CoproductionData:
    """One data set: accounts, tweets, and (when simulated) the planted truth.

    Attributes
    ----------
    accounts : DataFrame
        Columns of :data:`ACCOUNTS`.
    tweets : DataFrame
        Columns of :data:`TWEETS`, sorted by time.
    effects : Effects or None
        The planted truth; None for real data.
    landfall : Timestamp
        When the storm made landfall (UTC).
    report : LoadReport or None
        What was read and left out (own data).
    scale : str
        ``"teaching"``, ``"paper"`` or ``"own data"``.
    seed : int or None
        The simulation's seed.
    notes : dict of str to int
        Facts about the data set worth reporting (e.g. retweets of tweets outside the file).
    """

    accounts: pd.DataFrame
    tweets: pd.DataFrame
    effects: Effects | None
    landfall: pd.Timestamp = LANDFALL
    report: LoadReport | None = None
    scale: str = "teaching"
    seed: int | None = None
    notes: dict[str, int] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Simulation
# --------------------------------------------------------------------------------------------

_SCALES: dict[str, dict[str, int]] = {
    "teaching": {"citizens": 2_500, "government_messages": 70, "tweets": 12_000},
    "paper": {"citizens": 25_000, "government_messages": 700, "tweets": 132_922},
}
_OFFSPRING = 0.35  # retweets of a retweet (mean): a subcritical branching process
_CITIZEN_PULL = 0.3  # first-generation retweets of a citizen tweet, per mean follower count
_FOLLOWER_MEDIAN = 150.0
_FOLLOWER_SIGMA = 1.3
_ACTIVITY_SIGMA = 1.0
_WINDOW = pd.Timedelta(days=7)
_TWITTER_EPOCH_MS = 1_288_834_974_657

_GOV_TEXTS = {
    "emergency management": (
        "Evacuation order for Zone A is in effect. Leave now. #storm",
        "Shelters are open at all public high schools. Bring medicine and ID. #storm",
        "Do not drive during the storm. Stay off the roads. #storm",
        "Report downed trees and flooding by calling the city hotline. #storm",
    ),
    "fire department": (
        "Never run a generator indoors: carbon monoxide kills. #storm",
        "Crews are responding to flooding in the harbor district. Stay away. #storm",
        "Call 911 for life-threatening emergencies only. #storm",
    ),
    "mayor's office": (
        "The mayor will give an update on storm preparations at 4 pm. #storm",
        "Schools are closed tomorrow. Stay home and stay safe. #storm",
        "Thank you to every first responder working through the night. #storm",
    ),
    "utility": (
        "Stay at least 30 feet from downed power lines. #storm",
        "Power restoration is under way; check the outage map for your area. #storm",
        "Report an outage online or by phone, not on this account. #storm",
    ),
    "transit": (
        "All bus and rail service is suspended from 7 pm tonight. #storm",
        "Limited bus service resumes at 6 am. Expect delays. #storm",
        "Tunnels are closed due to flooding. #storm",
    ),
    "weather service": (
        "Storm surge of 6 to 11 feet expected along the coast tonight. #storm",
        "Hurricane warning in effect for the whole coast. #storm",
        "Landfall expected this evening; damaging winds already arriving. #storm",
    ),
    "national emergency agency": (
        "Make a plan, build a kit, stay informed. #storm",
        "Federal teams are deployed to support state and local response. #storm",
        "Apply for disaster assistance online or by phone. #storm",
    ),
}
_CITIZEN_TEXTS = (
    "Wind is really picking up here #storm",
    "Power just went out on our street #storm",
    "Stocked up on water and batteries #storm",
    "Stay safe everyone #storm",
    "The flooding on the avenue is unreal #storm",
    "Thinking of everyone on the coast tonight #storm",
    "Trees down all over the neighborhood #storm",
    "Anyone know if the bridge is open? #storm",
    "Cannot believe this storm #storm",
    "Finally got power back #storm",
    "Volunteering at the shelter tomorrow, who is in? #storm",
    "Our basement is flooded #storm",
)


def _event_times(
    rng: np.random.Generator, n: int, *, peak: pd.Timestamp, before_h: float, after_h: float,
    uniform_share: float, start: pd.Timestamp, end: pd.Timestamp,
) -> np.ndarray:
    """Draw times (ms since 1970) of ``n`` tweets: a rising and decaying peak, plus a floor."""
    start_ms, end_ms, peak_ms = (int(t.value // 1_000_000) for t in (start, end, peak))
    hour = 3_600_000.0
    out = np.empty(n, dtype=np.int64)
    todo = np.arange(n)
    while len(todo):
        m = len(todo)
        uniform = rng.random(m) < uniform_share
        side = rng.random(m) < before_h / (before_h + after_h)
        offset = np.where(side, -rng.exponential(before_h, m), rng.exponential(after_h, m))
        times = np.where(
            uniform, rng.uniform(start_ms, end_ms, m), peak_ms + offset * hour
        ).astype(np.int64)
        ok = (times >= start_ms) & (times < end_ms)
        out[todo[ok]] = times[ok]
        todo = todo[~ok]
    return out


def _grow(
    rng: np.random.Generator, first_rates: np.ndarray, offspring: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Grow retweet cascades: a branching process, one generation at a time.

    Node ids ``0 .. len(first_rates) - 1`` are the original tweets; retweets get the next ids.
    Returns, for every retweet, its parent node, its root (original) and its generation (1 =
    retweet of the original).
    """
    n_roots = len(first_rates)
    parents, roots, generations = [], [], []
    frontier = np.arange(n_roots)
    frontier_roots = frontier
    rates = np.asarray(first_rates, dtype=float)
    next_id, generation = n_roots, 1
    while len(frontier) and generation < 60:
        counts = rng.poisson(rates)
        parent = np.repeat(frontier, counts)
        root = np.repeat(frontier_roots, counts)
        parents.append(parent)
        roots.append(root)
        generations.append(np.full(len(parent), generation))
        frontier = np.arange(next_id, next_id + len(parent))
        frontier_roots = root
        rates = np.full(len(parent), offspring)
        next_id += len(parent)
        generation += 1
    return (
        np.concatenate(parents) if parents else np.empty(0, dtype=int),
        np.concatenate(roots) if roots else np.empty(0, dtype=int),
        np.concatenate(generations) if generations else np.empty(0, dtype=int),
    )


def _pick_retweeters(
    rng: np.random.Generator, roots: np.ndarray, root_authors: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """Draw a citizen per retweet (by activity): never twice in a cascade, nor its author."""
    p = weights / weights.sum()
    authors = rng.choice(len(weights), size=len(roots), p=p)
    for _ in range(200):
        frame = pd.DataFrame({"root": roots, "author": authors})
        clash = frame.duplicated().to_numpy() | (authors == root_authors[roots])
        if not clash.any():
            return authors
        authors[clash] = rng.choice(len(weights), size=int(clash.sum()), p=p)
    raise RuntimeError("could not draw distinct retweeters; too few citizens for the cascades")


def _snowflake(ms: np.ndarray) -> np.ndarray:
    """Tweet ids whose high bits encode ``ms`` (ms since 1970) and low bits the row number."""
    sequence = np.arange(len(ms), dtype=np.int64) & ((1 << 22) - 1)
    return ((ms.astype(np.int64) - _TWITTER_EPOCH_MS) << 22) | sequence


def simulate(seed: int, scale: Scale = "teaching", effects: Effects | None = None
             ) -> CoproductionData:
    """Simulate two weeks of tweets around a storm's landfall, with retweet cascades.

    Seven fictional government accounts (:data:`GOVERNMENT_ACCOUNTS`) post warnings, mostly
    before landfall; citizens with heavy-tailed follower counts post their own tweets, peaking
    at landfall. Every original tweet starts a cascade: a subcritical branching process in which
    each tweet is retweeted a Poisson number of times, by citizens drawn by how active they are,
    each retweet following its parent after an exponential delay with mean
    ``effects.retweet_delay_minutes``. The first generation of a government message is sized so
    that, in expectation, the followers of the citizens who retweet it add
    ``(effects.amplification - 1)`` times the government account's own followers. With
    ``Effects.none()`` citizens never retweet government: only followers see its messages.

    Parameters
    ----------
    seed : int
        Seed of :func:`numpy.random.default_rng`; the same seed gives identical frames.
    scale : {"teaching", "paper"}
        ``"teaching"``: 2,500 citizens, 70 government messages, 12,000 tweets;
        ``"paper"``: 25,000 citizens, 700 government messages and exactly 132,922 tweets, the
        size of the study's #sandy collection.
    effects : Effects, optional
        The planted truth (default :class:`Effects`).

    Returns
    -------
    CoproductionData
        Accounts, tweets (sorted by time, ids are Snowflake ids encoding the time) and effects.

    Examples
    --------
    >>> data = simulate(1)
    >>> len(data.tweets), data.accounts["account_type"].value_counts().to_dict()
    (12000, {'citizen': 2500, 'government': 7})
    """
    if scale not in _SCALES:
        raise ValueError(f"scale must be one of {list(_SCALES)}, got {scale!r}")
    effects = Effects() if effects is None else effects
    size = _SCALES[scale]
    rng = np.random.default_rng(seed)
    start, end = LANDFALL - _WINDOW, LANDFALL + _WINDOW

    # Accounts ------------------------------------------------------------------------------
    gov = pd.DataFrame(GOVERNMENT_ACCOUNTS)
    n_cit = size["citizens"]
    cit_followers = np.floor(
        rng.lognormal(np.log(_FOLLOWER_MEDIAN), _FOLLOWER_SIGMA, n_cit)
    ).astype(np.int64)
    activity = rng.lognormal(0.0, _ACTIVITY_SIGMA, n_cit)
    citizens = pd.DataFrame({
        "account": [f"resident{i:05d}" for i in range(n_cit)],
        "name": pd.NA,
        "account_type": "citizen",
        "role": "citizen",
        "followers": cit_followers,
    })
    accounts = pd.concat(
        [gov.assign(account_type="government")[list(ACCOUNTS.names)], citizens],
        ignore_index=True,
    )
    followers = accounts["followers"].to_numpy(dtype=float)
    n_gov = len(gov)
    mean_retweeter_followers = float(np.average(cit_followers, weights=activity))

    # Government messages and their cascades ------------------------------------------------
    n_msgs = size["government_messages"]
    gov_author = rng.choice(n_gov, size=n_msgs, p=gov["share"] / gov["share"].sum())
    gov_time = _event_times(rng, n_msgs, peak=LANDFALL - pd.Timedelta(hours=12),
                            before_h=36, after_h=36, uniform_share=0.2,
                            start=start, end=end - pd.Timedelta(days=1))
    extra = (effects.amplification - 1.0) * followers[gov_author]
    gov_rates = extra * (1 - _OFFSPRING) / mean_retweeter_followers

    # Citizen originals: more than needed; cascades are kept until the total is reached -----
    n_cit_pool = int(size["tweets"] * 0.9)
    cit_author = n_gov + rng.choice(n_cit, size=n_cit_pool, p=activity / activity.sum())
    cit_time = _event_times(rng, n_cit_pool, peak=LANDFALL + pd.Timedelta(hours=3),
                            before_h=30, after_h=40, uniform_share=0.2,
                            start=start, end=end - pd.Timedelta(days=1))
    cit_rates = _CITIZEN_PULL * followers[cit_author] / mean_retweeter_followers

    root_author = np.concatenate([gov_author, cit_author])
    root_time = np.concatenate([gov_time, cit_time])
    rates = np.concatenate([gov_rates, cit_rates])
    parent, root, generation = _grow(rng, rates, _OFFSPRING)
    n_roots = len(rates)

    # Keep whole cascades (government first) until the target, then top up with citizen
    # originals that drew no retweet.
    cascade_size = 1 + np.bincount(root, minlength=n_roots)
    gov_total = int(cascade_size[:n_msgs].sum())
    budget = size["tweets"] - gov_total
    cit_sizes = cascade_size[n_msgs:]
    cumulative = np.cumsum(cit_sizes)
    keep_cit = cumulative <= budget
    gap = budget - int(cit_sizes[keep_cit].sum())
    singles = np.flatnonzero(~keep_cit & (cit_sizes == 1))
    if gap > len(singles) or budget <= 0:
        raise RuntimeError("the simulated cascades do not fit the target size")
    keep_cit[singles[:gap]] = True
    keep_root = np.concatenate([np.ones(n_msgs, dtype=bool), keep_cit])
    keep_rt = keep_root[root]
    parent, root, generation = parent[keep_rt], root[keep_rt], generation[keep_rt]

    # Who retweets, and when ------------------------------------------------------------------
    rt_author = n_gov + _pick_retweeters(rng, root, root_author - n_gov, activity)
    node_time = np.concatenate([root_time, np.zeros(len(keep_rt), dtype=np.int64)])
    node_ids = np.flatnonzero(keep_rt) + n_roots  # the retweets' node ids in _grow's numbering
    delay_ms = rng.exponential(effects.retweet_delay_minutes * 60_000.0, len(node_ids))
    for g in range(1, int(generation.max(initial=0)) + 1):
        here = generation == g
        node_time[node_ids[here]] = node_time[parent[here]] + delay_ms[here].astype(np.int64)

    # Assemble ------------------------------------------------------------------------------
    kept_roots = np.flatnonzero(keep_root)
    node = np.concatenate([kept_roots, node_ids])
    author = np.concatenate([root_author[kept_roots], rt_author])
    times = node_time[node]
    parent_node = np.concatenate([np.full(len(kept_roots), -1), parent])
    root_node = np.concatenate([kept_roots, root])
    order = np.lexsort((node, times))
    node, author, times = node[order], author[order], times[order]
    parent_node, root_node = parent_node[order], root_node[order]
    ids = _snowflake(times).astype(str)
    id_of = pd.Series(ids, index=node)
    handles = accounts["account"].to_numpy(dtype=object)
    roles = accounts["role"].to_numpy(dtype=object)

    is_rt = parent_node >= 0
    base = np.empty(len(node), dtype=object)
    gov_root = root_author[root_node] < n_gov
    template_draw = rng.random(len(node))
    for role, texts in _GOV_TEXTS.items():
        mask = gov_root & (roles[root_author[root_node]] == role)
        base[mask] = np.asarray(texts, dtype=object)[
            (template_draw[mask] * len(texts)).astype(int)
        ]
    base[~gov_root] = np.asarray(_CITIZEN_TEXTS, dtype=object)[
        (template_draw[~gov_root] * len(_CITIZEN_TEXTS)).astype(int)
    ]
    # every tweet of a cascade carries its original's text
    text_of_root = pd.Series(base[~is_rt], index=root_node[~is_rt])
    base = text_of_root.reindex(root_node).to_numpy(dtype=object)
    root_handle = handles[root_author[root_node]]
    text = np.where(is_rt, "RT @" + root_handle.astype(str) + ": " + base.astype(str), base)
    text = pd.Series(text).str.slice(0, 140)

    tweets = pd.DataFrame({
        "tweet_id": ids,
        "account": handles[author],
        "created_at": pd.to_datetime(times, unit="ms", utc=True),
        "text": text.to_numpy(dtype=object),
        "retweeted_id": np.where(
            is_rt, id_of.reindex(np.where(is_rt, parent_node, node)).to_numpy(), None
        ),
        "retweeted_account": np.where(is_rt, root_handle, None),
    })
    tweets = validate(tweets, TWEETS)
    accounts = validate(accounts, ACCOUNTS)
    return CoproductionData(
        accounts=accounts, tweets=tweets, effects=effects, scale=scale, seed=seed,
        notes={"citizens_per_retweet_followers": int(round(mean_retweeter_followers))},
    )


# --------------------------------------------------------------------------------------------
# Own data
# --------------------------------------------------------------------------------------------

_RT_PATTERN = re.compile(r"(?<![\w@])[Rr][Tt] @([A-Za-z0-9_]{1,15})")
"""``RT @account`` (any case of RT) not inside a word; a handle is 1-15 ASCII letters, digits
or underscores."""


def load_folder(folder: str | Path, *, landfall: pd.Timestamp | str = LANDFALL
                ) -> CoproductionData:
    """Read a reader's own tweets and accounts into the frames the analysis uses.

    The folder holds ``tweets.jsonl`` (Twitter API v2 responses, one per line, as ``twarc2``
    writes them; read by :func:`govsocial.io.read_tweets_v2_jsonl`) and ``accounts.csv``
    (columns of :data:`OWN_ACCOUNTS`: ``username``, ``account_type`` government or citizen,
    ``followers``, optional ``name``), which must list every author of a tweet.

    A retweet's original author is the author of the referenced tweet when it is in the file,
    and otherwise the ``RT @account`` at the start of its text. Twitter's API links every
    retweet to the original, not to the retweet it was passed on from, so cascades in your data
    have depth 1.

    Parameters
    ----------
    folder : str or path-like
        The folder with the two files.
    landfall : Timestamp or str
        When the disaster struck (UTC), marked on the figures.

    Returns
    -------
    CoproductionData
        ``effects`` is None; ``report`` says what was read and dropped.

    Raises
    ------
    DataError
        For malformed files, an author missing from ``accounts.csv``, or a retweet whose
        original author cannot be found.

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> folder = data_dir().parent / "tests" / "data" / "coproduction"
    >>> data = load_folder(folder)
    >>> int(data.tweets["retweeted_id"].notna().sum()), data.report.rows_kept
    (6, 10)
    """
    folder = Path(folder)
    tweets_path, accounts_path = folder / "tweets.jsonl", folder / "accounts.csv"
    for path in (tweets_path, accounts_path):
        if not path.is_file():
            raise DataError(
                "the own-data folder is missing a file",
                file=str(path),
                expected="tweets.jsonl (Twitter API v2) and accounts.csv",
                found="no such file",
            )
    loaded = io.read_tweets_v2_jsonl(tweets_path)
    own = io.read_table(accounts_path, OWN_ACCOUNTS).frame
    raw = loaded.frame
    known = set(own["username"])
    missing = raw["username"].isna() | ~raw["username"].isin(known)
    if missing.any():
        position = int(np.flatnonzero(missing.to_numpy())[0])
        raise DataError(
            "a tweet's author is not listed in accounts.csv",
            file=str(accounts_path),
            column="username",
            expected="a row for every author of tweets.jsonl",
            found=f"{raw['username'].iloc[position]!r} (author of tweet "
            f"{raw['tweet_id'].iloc[position]})",
        )
    author_of = dict(zip(raw["tweet_id"], raw["username"], strict=True))
    retweeted_id = raw["referenced_id"].where(raw["is_retweet"])
    from_text = raw["text"].str.extract(_RT_PATTERN, expand=False)
    retweeted_account = retweeted_id.map(author_of).fillna(from_text).where(raw["is_retweet"])
    lost = raw["is_retweet"] & retweeted_account.isna()
    if lost.any():
        position = int(np.flatnonzero(lost.to_numpy())[0])
        raise DataError(
            "cannot tell whose tweet this retweet passes on",
            file=str(tweets_path),
            column="referenced_tweets.id",
            expected="the retweeted tweet in the file, or a text starting 'RT @account:'",
            found=f"tweet {raw['tweet_id'].iloc[position]}",
        )
    tweets = pd.DataFrame({
        "tweet_id": raw["tweet_id"],
        "account": raw["username"],
        "created_at": raw["created_at"],
        "text": raw["text"],
        "retweeted_id": retweeted_id,
        "retweeted_account": retweeted_account,
    })
    tweets = validate(tweets, TWEETS, file=str(tweets_path))
    tweets = tweets.sort_values(["created_at", "tweet_id"], kind="stable").reset_index(drop=True)
    accounts = validate(
        pd.DataFrame({
            "account": own["username"],
            "name": own["name"],
            "account_type": own["account_type"],
            "role": own["account_type"],
            "followers": own["followers"],
        }),
        ACCOUNTS,
        file=str(accounts_path),
    )
    outside = tweets["retweeted_id"].notna() & ~tweets["retweeted_id"].isin(tweets["tweet_id"])
    return CoproductionData(
        accounts=accounts, tweets=tweets, effects=None, landfall=pd.Timestamp(landfall),
        report=loaded.report, scale="own data",
        notes={"retweets_of_tweets_outside_the_file": int(outside.sum())},
    )


# --------------------------------------------------------------------------------------------
# Kinds of tweet, volume
# --------------------------------------------------------------------------------------------

KINDS: tuple[str, ...] = (
    "government original", "retweet of government", "citizen original", "retweet of citizen",
)
"""The kinds of tweet :func:`tweet_kinds` tells apart, in the order used by every table."""


def _naive(times: pd.Series) -> np.ndarray:
    """Return UTC times as a numpy datetime64 array (no time zone), for fast arithmetic."""
    return times.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy()


def _types(accounts: pd.DataFrame) -> pd.Series:
    """Account -> account_type."""
    return accounts.set_index("account")["account_type"]


def tweet_kinds(tweets: pd.DataFrame, accounts: pd.DataFrame) -> pd.Series:
    """Label each tweet as a government or citizen original, or a retweet of either.

    A retweet's kind follows the account it passes on (``retweeted_account``); an account not
    in ``accounts`` counts as a citizen.

    Parameters
    ----------
    tweets : DataFrame
        Columns of :data:`TWEETS`.
    accounts : DataFrame
        Columns of :data:`ACCOUNTS`.

    Returns
    -------
    Series
        One of :data:`KINDS` per tweet, with the tweets' index.

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": ["gov", "ann"],
    ...                          "account_type": ["government", "citizen"]})
    >>> tweets = pd.DataFrame({"account": ["gov", "ann", "ann"],
    ...                        "retweeted_account": [None, "gov", None]})
    >>> tweet_kinds(tweets, accounts).tolist()
    ['government original', 'retweet of government', 'citizen original']
    """
    types = _types(accounts)
    is_rt = tweets["retweeted_account"].notna()
    whose = tweets["retweeted_account"].where(is_rt, tweets["account"])
    is_gov = whose.map(types).eq("government").fillna(False).astype(bool)
    kind = np.select(
        [is_gov & ~is_rt, is_gov & is_rt, ~is_gov & ~is_rt],
        [KINDS[0], KINDS[1], KINDS[2]],
        default=KINDS[3],
    )
    return pd.Series(kind, index=tweets.index, name="kind")


def volume(tweets: pd.DataFrame, accounts: pd.DataFrame, *, freq: str = "1h") -> pd.DataFrame:
    """Count tweets per time bin and kind.

    Parameters
    ----------
    tweets, accounts : DataFrame
        Columns of :data:`TWEETS` and :data:`ACCOUNTS`.
    freq : str
        Pandas frequency of the bins.

    Returns
    -------
    DataFrame
        Index: bin start (UTC); one column per kind in :data:`KINDS` (zeros included).

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": ["gov"], "account_type": ["government"]})
    >>> tweets = pd.DataFrame({
    ...     "account": ["gov", "x"], "retweeted_account": [None, "gov"],
    ...     "created_at": pd.to_datetime(["2012-10-29 10:05", "2012-10-29 11:30"], utc=True)})
    >>> volume(tweets, accounts)["retweet of government"].tolist()
    [0, 1]
    """
    kind = tweet_kinds(tweets, accounts)
    counts = (
        pd.DataFrame({"time": tweets["created_at"], "kind": kind})
        .groupby([pd.Grouper(key="time", freq=freq), "kind"])
        .size()
        .unstack(fill_value=0)
    )
    full = pd.date_range(counts.index.min(), counts.index.max(), freq=freq)
    return counts.reindex(index=full, columns=list(KINDS), fill_value=0).rename_axis("time")


# --------------------------------------------------------------------------------------------
# Cascades
# --------------------------------------------------------------------------------------------


def _roots_and_depths(tweets: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Follow ``retweeted_id`` up to the original: each tweet's root id and depth.

    A retweet whose chain leaves the data gets a missing root.
    """
    ids = tweets["tweet_id"].astype(object).to_numpy()
    parent = tweets["retweeted_id"].astype(object).where(tweets["retweeted_id"].notna(), None)
    position = pd.Series(np.arange(len(ids)), index=ids)
    parent_pos = position.reindex(parent.to_numpy()).to_numpy()
    is_rt = parent.notna().to_numpy()
    current = np.arange(len(ids), dtype=float)
    current[is_rt] = parent_pos[is_rt]  # NaN when the parent is not in the data
    depth = is_rt.astype(int)
    parent_of = np.where(is_rt, parent_pos, -1.0)
    for _ in range(len(ids) + 1):
        ok = ~np.isnan(current)
        step = np.zeros(len(ids), dtype=bool)
        step[ok] = parent_of[current[ok].astype(int)] != -1
        if not step.any():
            break
        current[step] = parent_of[current[step].astype(int)]
        depth[step] += 1
    found = ~np.isnan(current)
    roots = np.full(len(ids), None, dtype=object)
    roots[found] = ids[current[found].astype(int)]
    return pd.Series(roots, index=tweets.index), pd.Series(depth, index=tweets.index)


def cascades(tweets: pd.DataFrame, accounts: pd.DataFrame) -> pd.DataFrame:
    """Describe the retweet cascade of every original tweet.

    Parameters
    ----------
    tweets, accounts : DataFrame
        Columns of :data:`TWEETS` and :data:`ACCOUNTS`.

    Returns
    -------
    DataFrame
        One row per original tweet: ``tweet_id``, ``account``, ``account_type``,
        ``created_at``, ``retweets`` (all generations), ``depth`` (longest chain of retweets;
        0 without retweets), ``first_retweet_minutes`` (NaN without retweets).
        Retweets whose original is not in the data are left out.

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": ["gov", "a", "b"], "followers": [100, 10, 5],
    ...                          "account_type": ["government", "citizen", "citizen"]})
    >>> t = pd.to_datetime(["2012-10-29 10:00", "2012-10-29 10:05", "2012-10-29 10:20"],
    ...                    utc=True)
    >>> tweets = pd.DataFrame({"tweet_id": ["1", "2", "3"], "account": ["gov", "a", "b"],
    ...                        "created_at": t, "retweeted_id": [None, "1", "2"],
    ...                        "retweeted_account": [None, "gov", "gov"]})
    >>> cascades(tweets, accounts)[["retweets", "depth", "first_retweet_minutes"]]
       retweets  depth  first_retweet_minutes
    0         2      2                    5.0
    """
    root, depth = _roots_and_depths(tweets)
    is_rt = tweets["retweeted_id"].notna()
    originals = tweets.loc[~is_rt, ["tweet_id", "account", "created_at"]].copy()
    rts = pd.DataFrame({
        "root": root[is_rt & root.notna()],
        "depth": depth[is_rt & root.notna()],
        "time": tweets.loc[is_rt & root.notna(), "created_at"],
    })
    stats = rts.groupby("root").agg(retweets=("depth", "size"), depth=("depth", "max"),
                                    first=("time", "min"))
    out = originals
    key = out["tweet_id"].astype(object)
    out["retweets"] = key.map(stats["retweets"]).fillna(0).astype("int64").to_numpy()
    out["depth"] = key.map(stats["depth"]).fillna(0).astype("int64").to_numpy()
    first = pd.to_datetime(key.map(stats["first"]), utc=True)
    out["first_retweet_minutes"] = (first - out["created_at"]).dt.total_seconds() / 60
    out["account_type"] = out["account"].map(_types(accounts)).fillna("unlisted")
    columns = ["tweet_id", "account", "account_type", "created_at", "retweets", "depth",
               "first_retweet_minutes"]
    return out[columns].reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# The retweet network
# --------------------------------------------------------------------------------------------


def retweet_network(tweets: pd.DataFrame, accounts: pd.DataFrame) -> nx.DiGraph:
    """Build the retweet network: an edge from each retweeter to the author it retweeted.

    Parameters
    ----------
    tweets, accounts : DataFrame
        Columns of :data:`TWEETS` and :data:`ACCOUNTS`. The author retweeted is
        ``retweeted_account`` (the original's author, as in ``RT @account:``).

    Returns
    -------
    DiGraph
        Nodes: every account that retweeted or was retweeted, with the attribute
        ``account_type`` (``"unlisted"`` when not in ``accounts``). Edge attribute ``weight``:
        how many times the source retweeted the target. Self-retweets are left out.

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": ["gov", "a"],
    ...                          "account_type": ["government", "citizen"]})
    >>> tweets = pd.DataFrame({"account": ["a", "a", "b"],
    ...                        "retweeted_account": ["gov", "gov", "a"]})
    >>> graph = retweet_network(tweets, accounts)
    >>> graph["a"]["gov"]["weight"], graph.nodes["b"]["account_type"]
    (2, 'unlisted')
    """
    rts = tweets.loc[tweets["retweeted_account"].notna(), ["account", "retweeted_account"]]
    rts = rts[rts["account"] != rts["retweeted_account"]]
    weights = rts.groupby(["account", "retweeted_account"]).size()
    graph = nx.DiGraph()
    graph.add_weighted_edges_from(
        (str(a), str(b), int(w)) for (a, b), w in weights.items()
    )
    types = _types(accounts)
    nx.set_node_attributes(
        graph, {node: str(types.get(node, "unlisted")) for node in graph.nodes}, "account_type"
    )
    return graph


def centrality_table(
    graph: nx.DiGraph, *, betweenness_samples: int | None = 300, seed: int = 0
) -> pd.DataFrame:
    """Compute the centrality of every account in the retweet network.

    Parameters
    ----------
    graph : DiGraph
        From :func:`retweet_network`.
    betweenness_samples : int or None
        Betweenness is estimated from shortest paths out of this many randomly chosen accounts
        (Brandes and Pich's sampling), exact when the network has no more accounts than that,
        or when None.
    seed : int
        Fixes the sample of accounts.

    Returns
    -------
    DataFrame
        One row per account, sorted by in-degree: ``account``, ``account_type``,
        ``in_degree`` (distinct accounts that retweeted it), ``retweets_received`` (weighted
        in-degree), ``out_degree`` (distinct accounts it retweeted), ``betweenness``
        (normalised, on the undirected network: how often it lies on shortest paths between
        others) and ``eigenvector`` (on the undirected network: connected to well-connected
        accounts; Euclidean norm 1).

    Examples
    --------
    >>> star = nx.DiGraph([("a", "hub"), ("b", "hub"), ("c", "hub"), ("d", "hub")])
    >>> nx.set_node_attributes(star, "citizen", "account_type")
    >>> table = centrality_table(star).set_index("account")
    >>> int(table.loc["hub", "in_degree"]), float(table.loc["hub", "betweenness"])
    (4, 1.0)
    >>> round(float(table.loc["hub", "eigenvector"]), 4)
    0.7071
    """
    undirected = _undirected(graph)
    n = graph.number_of_nodes()
    k = None if betweenness_samples is None or betweenness_samples >= n else betweenness_samples
    betweenness = nx.betweenness_centrality(undirected, k=k, seed=seed, normalized=True)
    eigenvector = _eigenvector(undirected)
    nodes = list(graph.nodes)
    table = pd.DataFrame({
        "account": nodes,
        "account_type": [graph.nodes[v].get("account_type", "unlisted") for v in nodes],
        "in_degree": [graph.in_degree(v) for v in nodes],
        "retweets_received": [graph.in_degree(v, weight="weight") for v in nodes],
        "out_degree": [graph.out_degree(v) for v in nodes],
        "betweenness": [betweenness[v] for v in nodes],
        "eigenvector": [eigenvector.get(v, 0.0) for v in nodes],
    })
    return table.sort_values(["in_degree", "account"], ascending=[False, True],
                             kind="stable").reset_index(drop=True)


def _undirected(graph: nx.DiGraph) -> nx.Graph:
    """Return the undirected network; a pair that retweeted each other sums both weights."""
    undirected = nx.Graph()
    undirected.add_nodes_from(graph.nodes(data=True))
    for a, b, weight in graph.edges(data="weight", default=1):
        if undirected.has_edge(a, b):
            undirected[a][b]["weight"] += weight
        else:
            undirected.add_edge(a, b, weight=weight)
    return undirected


def _eigenvector(undirected: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality of the largest connected part (others 0), norm 1, non-negative."""
    if undirected.number_of_edges() == 0:
        return dict.fromkeys(undirected.nodes, 0.0)
    largest = max(nx.connected_components(undirected), key=len)
    core = undirected.subgraph(largest)
    if core.number_of_nodes() < 3:
        values = {v: 1 / np.sqrt(core.number_of_nodes()) for v in core}
    else:
        values = nx.eigenvector_centrality_numpy(core, weight=None)
    return {v: abs(float(values.get(v, 0.0))) for v in undirected.nodes}


def compare_centrality(centrality: pd.DataFrame) -> pd.DataFrame:
    """Summarise centrality by kind of account.

    Parameters
    ----------
    centrality : DataFrame
        From :func:`centrality_table`.

    Returns
    -------
    DataFrame
        Index ``account_type``; columns ``accounts``, ``median_in_degree``, ``max_in_degree``,
        ``share_of_retweets`` (of all retweets received), ``median_betweenness``,
        ``mean_betweenness``, ``median_eigenvector``, ``mean_eigenvector``.

    Examples
    --------
    >>> table = pd.DataFrame({"account_type": ["government", "citizen", "citizen"],
    ...                       "in_degree": [4, 0, 1], "retweets_received": [6, 0, 2],
    ...                       "betweenness": [1.0, 0.0, 0.0], "eigenvector": [0.7, 0.1, 0.2]})
    >>> compare_centrality(table).loc["government", "share_of_retweets"]
    np.float64(0.75)
    """
    grouped = centrality.groupby("account_type")
    out = pd.DataFrame({
        "accounts": grouped.size(),
        "median_in_degree": grouped["in_degree"].median(),
        "max_in_degree": grouped["in_degree"].max(),
        "share_of_retweets": grouped["retweets_received"].sum()
        / centrality["retweets_received"].sum(),
        "median_betweenness": grouped["betweenness"].median(),
        "mean_betweenness": grouped["betweenness"].mean(),
        "median_eigenvector": grouped["eigenvector"].median(),
        "mean_eigenvector": grouped["eigenvector"].mean(),
    })
    order = [t for t in _ACCOUNT_KIND_TYPES if t in out.index]
    return out.loc[order]


def communities(graph: nx.DiGraph, *, seed: int = 0) -> tuple[pd.DataFrame, float]:
    """Find communities with the Louvain method on the undirected, weighted retweet network.

    Parameters
    ----------
    graph : DiGraph
        From :func:`retweet_network`.
    seed : int
        Fixes Louvain's random order of nodes.

    Returns
    -------
    table : DataFrame
        One row per community, largest first: ``community`` (1 = largest), ``accounts``,
        ``government_accounts`` (their handles, joined with ', '), ``citizen_share``.
    modularity : float
        Modularity of the partition (0 = no more within-community ties than chance).

    Examples
    --------
    >>> two = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"),
    ...                   ("x", "y"), ("y", "z"), ("z", "x"), ("a", "x")])
    >>> nx.set_node_attributes(two, "citizen", "account_type")
    >>> table, q = communities(two)
    >>> table["accounts"].tolist(), round(q, 3)
    ([3, 3], 0.357)
    """
    undirected = _undirected(graph)
    parts = nx.community.louvain_communities(undirected, weight="weight", seed=seed)
    modularity = float(nx.community.modularity(undirected, parts, weight="weight"))
    rows = []
    for members in sorted(parts, key=lambda p: (-len(p), min(p))):
        types = [graph.nodes[v].get("account_type") for v in members]
        government = sorted(v for v, t in zip(members, types, strict=True) if t == "government")
        rows.append({
            "accounts": len(members),
            "government_accounts": ", ".join(government),
            "citizen_share": types.count("citizen") / len(members),
        })
    table = pd.DataFrame(rows)
    table.insert(0, "community", np.arange(1, len(table) + 1))
    return table, modularity


# --------------------------------------------------------------------------------------------
# Reach and agility
# --------------------------------------------------------------------------------------------


def _government_messages(
    tweets: pd.DataFrame, accounts: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the government originals, and the first retweet of each by each other account.

    Returns the originals (index reset) and a frame of retweets with ``message`` (position of
    the original), ``account``, ``hours`` after the original and the retweeter's
    ``followers``.
    """
    types = _types(accounts)
    followers = accounts.set_index("account")["followers"]
    root, _ = _roots_and_depths(tweets)
    is_rt = tweets["retweeted_id"].notna()
    originals = tweets[~is_rt & tweets["account"].map(types).eq("government")]
    originals = originals.reset_index(drop=True)
    position = pd.Series(np.arange(len(originals)), index=originals["tweet_id"].to_numpy())
    rts = pd.DataFrame({
        "message": position.reindex(root.where(is_rt).to_numpy()).to_numpy(),
        "account": tweets["account"].to_numpy(dtype=object),
        "time": _naive(tweets["created_at"]),
    }).dropna(subset=["message"])
    rts["message"] = rts["message"].astype(int)
    authors = originals["account"].to_numpy(dtype=object)
    rts = rts[rts["account"].to_numpy() != authors[rts["message"].to_numpy()]]
    rts = rts.sort_values("time", kind="stable").drop_duplicates(["message", "account"])
    start = _naive(originals["created_at"])
    rts["hours"] = (rts["time"].to_numpy() - start[rts["message"].to_numpy()]) / np.timedelta64(
        1, "h"
    )
    rts["hours"] = rts["hours"].astype(float)
    rts["followers"] = rts["account"].map(followers).fillna(0).to_numpy(dtype=float)
    return originals, rts.reset_index(drop=True)


def _audience(t: np.ndarray, sizes: np.ndarray, starts: np.ndarray, tau: float) -> np.ndarray:
    """Audience reached by time ``t`` for each message (vectorised over messages)."""
    lag = np.clip(t - starts, 0.0, None)
    return sizes * (1.0 - np.exp(-lag / tau))


def _solve_times(
    targets: np.ndarray, sizes: np.ndarray, starts: np.ndarray, message: np.ndarray,
    n_messages: int, upper: np.ndarray, tau: float,
) -> np.ndarray:
    """Earliest time at which each message's audience reaches its target (bisection)."""
    low = np.zeros(n_messages)
    high = upper.astype(float).copy()
    for _ in range(60):
        mid = (low + high) / 2
        reached = np.bincount(
            message, weights=_audience(mid[message], sizes, starts, tau), minlength=n_messages
        )
        done = reached >= targets
        high = np.where(done, mid, high)
        low = np.where(done, low, mid)
    return high


def message_reach(
    tweets: pd.DataFrame, accounts: pd.DataFrame, *, attention_hours: float = ATTENTION_HOURS
) -> pd.DataFrame:
    """Measure the reach and the agility of every government message.

    A message's *direct audience* is its account's followers; the *audience through
    retweets* adds the followers of every distinct account that retweeted it (any generation).
    Their sum is the *final audience* (an upper bound on the distinct accounts reached: a
    follower of two of them is counted twice). Followers do not all look at once: by ``t``
    hours after a tweet (or retweet) a share ``1 - exp(-t / attention_hours)`` of its
    author's followers has seen it.

    Parameters
    ----------
    tweets, accounts : DataFrame
        Columns of :data:`TWEETS` and :data:`ACCOUNTS`.
    attention_hours : float
        Mean time before a follower sees a tweet.

    Returns
    -------
    DataFrame
        One row per government original: ``tweet_id``, ``account``, ``created_at``,
        ``retweets``, ``direct_audience``, ``retweet_audience``, ``final_audience``,
        ``amplification`` (final / direct), ``first_retweet_minutes`` (NaN without retweets),
        ``hours_to_half_direct`` (time until the message has reached as many accounts as half
        its account's followers: ``attention_hours * ln 2`` without retweets), and
        ``hours_to_half_final`` (time until it has reached half its final audience).

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": ["gov", "a"], "followers": [100, 300],
    ...                          "account_type": ["government", "citizen"]})
    >>> t = pd.to_datetime(["2012-10-29 10:00", "2012-10-29 10:00"], utc=True)
    >>> tweets = pd.DataFrame({"tweet_id": ["1", "2"], "account": ["gov", "a"],
    ...                        "created_at": t, "retweeted_id": [None, "1"],
    ...                        "retweeted_account": [None, "gov"]})
    >>> row = message_reach(tweets, accounts).iloc[0]
    >>> float(row["amplification"]), round(float(row["hours_to_half_direct"]), 4)
    (4.0, 0.1335)
    """
    tau = float(attention_hours)
    followers = accounts.set_index("account")["followers"]
    originals, rts = _government_messages(tweets, accounts)
    n = len(originals)
    direct = originals["account"].map(followers).fillna(0).to_numpy(dtype=float)
    via = np.bincount(rts["message"], weights=rts["followers"], minlength=n)
    count = np.bincount(rts["message"], minlength=n)
    first = pd.Series(rts.groupby("message")["hours"].min()).reindex(range(n)).to_numpy()
    last = pd.Series(rts.groupby("message")["hours"].max()).reindex(range(n)).fillna(0.0)

    # every message's audience: its own followers from 0 h, each retweeter's from its retweet
    message = np.concatenate([np.arange(n), rts["message"].to_numpy(dtype=int)])
    sizes = np.concatenate([direct, rts["followers"].to_numpy(dtype=float)])
    starts = np.concatenate([np.zeros(n), rts["hours"].to_numpy(dtype=float)])
    final = direct + via
    upper = last.to_numpy() + tau * np.log(2) + 1e-9
    half_direct = _solve_times(direct / 2, sizes, starts, message, n, upper, tau)
    half_final = _solve_times(final / 2, sizes, starts, message, n, upper, tau)
    return pd.DataFrame({
        "tweet_id": originals["tweet_id"],
        "account": originals["account"],
        "created_at": originals["created_at"],
        "retweets": count.astype("int64"),
        "direct_audience": direct,
        "retweet_audience": via,
        "final_audience": final,
        "amplification": np.divide(final, direct, out=np.full(n, np.nan), where=direct > 0),
        "first_retweet_minutes": first * 60,
        "hours_to_half_direct": half_direct,
        "hours_to_half_final": half_final,
    })


def audience_curves(
    tweets: pd.DataFrame, accounts: pd.DataFrame, *, hours: Sequence[float] | np.ndarray,
    attention_hours: float = ATTENTION_HOURS,
) -> pd.DataFrame:
    """Average audience of a government message over the hours after it was posted.

    Parameters
    ----------
    tweets, accounts : DataFrame
        Columns of :data:`TWEETS` and :data:`ACCOUNTS`.
    hours : array of float
        Times after posting at which to evaluate the audience.
    attention_hours : float
        Mean time before a follower sees a tweet (see :func:`message_reach`).

    Returns
    -------
    DataFrame
        Columns ``hours``, ``followers_only`` (the audience if nobody retweeted) and
        ``with_retweets``, both as multiples of the account's followers, averaged over messages
        weighted by followers (sum of audiences / sum of followers).

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": ["gov", "a"], "followers": [100, 100],
    ...                          "account_type": ["government", "citizen"]})
    >>> t = pd.to_datetime(["2012-10-29 10:00", "2012-10-29 10:00"], utc=True)
    >>> tweets = pd.DataFrame({"tweet_id": ["1", "2"], "account": ["gov", "a"],
    ...                        "created_at": t, "retweeted_id": [None, "1"],
    ...                        "retweeted_account": [None, "gov"]})
    >>> audience_curves(tweets, accounts, hours=[0, 100])["with_retweets"].round(3).tolist()
    [0.0, 2.0]
    """
    tau = float(attention_hours)
    followers = accounts.set_index("account")["followers"]
    originals, rts = _government_messages(tweets, accounts)
    lag = rts["hours"].to_numpy(dtype=float)
    rt_followers = rts["followers"].to_numpy(dtype=float)
    direct_total = float(originals["account"].map(followers).fillna(0).sum())
    grid = np.asarray(hours, dtype=float)
    seen = 1 - np.exp(-grid / tau)
    through = np.array([
        float(np.sum(rt_followers * (1 - np.exp(-np.clip(h - lag, 0, None) / tau))))
        for h in grid
    ])
    return pd.DataFrame({
        "hours": grid,
        "followers_only": seen,
        "with_retweets": seen + through / direct_total,
    })


# --------------------------------------------------------------------------------------------
# Did we recover it?
# --------------------------------------------------------------------------------------------


def bootstrap_ratio(
    numerator: np.ndarray | pd.Series, denominator: np.ndarray | pd.Series, *,
    n_boot: int = 2000, seed: int = 0, level: float = 0.95,
) -> tuple[float, float, float]:
    """Estimate ``sum(numerator) / sum(denominator)`` with a percentile bootstrap interval.

    Units (rows) are resampled with replacement, keeping each numerator with its denominator.

    Parameters
    ----------
    numerator, denominator : array-like
        One value per unit (e.g. final and direct audience per message).
    n_boot : int
        Bootstrap resamples.
    seed : int
        Fixes the resamples.
    level : float
        Coverage of the interval.

    Returns
    -------
    tuple of float
        The estimate and the interval's lower and upper ends.

    Examples
    --------
    >>> bootstrap_ratio([3, 3, 3], [1, 1, 1])
    (3.0, 3.0, 3.0)
    """
    num = np.asarray(numerator, dtype=float)
    den = np.asarray(denominator, dtype=float)
    if len(num) == 0:
        return (float("nan"),) * 3
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(num), size=(n_boot, len(num)))
    ratios = num[draws].sum(axis=1) / den[draws].sum(axis=1)
    alpha = (1 - level) / 2
    low, high = np.quantile(ratios, [alpha, 1 - alpha])
    return float(num.sum() / den.sum()), float(low), float(high)


def _bootstrap_median(values: np.ndarray, *, n_boot: int = 2000, seed: int = 0
                      ) -> tuple[float, float, float]:
    """Median with a percentile bootstrap interval."""
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    if len(values) == 0:
        return (float("nan"),) * 3
    rng = np.random.default_rng(seed)
    medians = np.median(values[rng.integers(0, len(values), size=(n_boot, len(values)))], axis=1)
    low, high = np.quantile(medians, [0.025, 0.975])
    return float(np.median(values)), float(low), float(high)


def _retweet_delays(tweets: pd.DataFrame, accounts: pd.DataFrame) -> np.ndarray:
    """Minutes between each retweet of a government message and the tweet it retweets."""
    types = _types(accounts)
    time_of = pd.Series(_naive(tweets["created_at"]), index=tweets["tweet_id"].to_numpy())
    rts = tweets[tweets["retweeted_id"].notna()
                 & tweets["retweeted_account"].map(types).eq("government")]
    parent_time = time_of.reindex(rts["retweeted_id"].to_numpy()).to_numpy()
    minutes = (_naive(rts["created_at"]) - parent_time) / np.timedelta64(1, "m")
    return minutes[~np.isnan(minutes)]


def recovery_table(
    data: CoproductionData, reach: pd.DataFrame, *, seed: int = 0,
    attention_hours: float = ATTENTION_HOURS,
) -> pd.DataFrame:
    """Compare the planted truth with what the measures recover.

    Parameters
    ----------
    data : CoproductionData
        A simulated data set (``effects`` not None).
    reach : DataFrame
        :func:`message_reach` of ``data``.
    seed : int
        Seed of the bootstrap.
    attention_hours : float
        The attention time used for ``reach``.

    Returns
    -------
    DataFrame
        One row per quantity: ``quantity``, ``planted`` (for agility: the time without any
        retweet, ``attention_hours * ln 2``), ``estimate``, ``ci_low``, ``ci_high`` (95 %,
        bootstrap over messages; normal approximation for the mean delay) and ``recovered``:
        the interval covers the planted value, or, for agility, lies below the time without
        retweets when citizens amplify (equals it when they do not).

    Examples
    --------
    >>> data = simulate(3)
    >>> table = recovery_table(data, message_reach(data.tweets, data.accounts))
    >>> table["recovered"].all()
    np.True_
    """
    if data.effects is None:
        raise ValueError("recovery needs simulated data with a planted truth")
    effects = data.effects
    ratio = bootstrap_ratio(reach["final_audience"], reach["direct_audience"], seed=seed)
    delays = _retweet_delays(data.tweets, data.accounts)
    if len(delays) > 1:
        mean = float(delays.mean())
        half = 1.96 * float(delays.std(ddof=1)) / np.sqrt(len(delays))
        delay = (mean, mean - half, mean + half)
    else:
        delay = (float("nan"),) * 3
    alone = attention_hours * np.log(2)
    agility = _bootstrap_median(reach["hours_to_half_direct"].to_numpy(), seed=seed)
    amplified = effects.amplification > 1
    rows = [
        ("Amplification of reach (final / direct audience)", effects.amplification, *ratio),
        ("Mean retweet delay of government messages (minutes)",
         effects.retweet_delay_minutes if amplified else float("nan"), *delay),
        ("Median hours to reach half the agency's followers", alone, *agility),
    ]
    table = pd.DataFrame(rows, columns=["quantity", "planted", "estimate", "ci_low", "ci_high"])
    covered = (table["ci_low"] <= table["planted"]) & (table["planted"] <= table["ci_high"])
    if amplified:
        faster = table.loc[2, "ci_high"] < alone
    else:
        faster = bool(np.isclose(table.loc[2, "estimate"], alone, rtol=1e-6))
    covered.iloc[2] = faster
    if not amplified:
        covered.iloc[1] = np.isnan(table.loc[1, "estimate"])
    table["recovered"] = covered.astype(bool)
    return table


def falsification(seed: int, scale: Scale = "teaching") -> pd.DataFrame:
    """Measure reach and agility in a world where citizens never retweet government.

    Parameters
    ----------
    seed : int
        Seed of the simulation.
    scale : {"teaching", "paper"}
        Size of the simulated storm.

    Returns
    -------
    DataFrame
        :func:`recovery_table` of ``simulate(seed, scale, Effects.none())``: amplification 1
        planted; measured with its interval; agility equal to the time without retweets.

    Examples
    --------
    >>> table = falsification(5)
    >>> float(table.loc[0, "estimate"]), float(table.loc[0, "ci_high"])
    (1.0, 1.0)
    """
    data = simulate(seed, scale, Effects.none())
    return recovery_table(data, message_reach(data.tweets, data.accounts), seed=seed)


def scorecard(recovery: pd.DataFrame, falsified: pd.DataFrame | None = None) -> pd.DataFrame:
    """Set the study's directional finding against what we measured.

    Parameters
    ----------
    recovery : DataFrame
        :func:`recovery_table` of the world with effects.
    falsified : DataFrame, optional
        :func:`falsification` (the world without effects).

    Returns
    -------
    DataFrame
        Columns ``finding`` (Chatfield & Reddick 2018, direction only), ``what we found`` and
        ``recovered`` (yes / no).

    Examples
    --------
    >>> data = simulate(3)
    >>> table = recovery_table(data, message_reach(data.tweets, data.accounts))
    >>> scorecard(table)["recovered"].tolist()
    ['yes', 'yes']
    """
    amp = recovery.iloc[0]
    agile = recovery.iloc[2]
    reach_found = amp["ci_low"] > 1
    agility_found = agile["ci_high"] < agile["planted"]
    rows = [
        ("Citizens' retweets magnify the reach of government disaster messages",
         f"audience x{amp['estimate']:.2f} (95% CI {amp['ci_low']:.2f} to "
         f"{amp['ci_high']:.2f}) of the agency's followers", reach_found),
        ("Citizens' retweets magnify the agility of government disaster messages",
         f"half the agency's followers reached in {agile['estimate'] * 60:.0f} min "
         f"(95% CI {agile['ci_low'] * 60:.0f} to {agile['ci_high'] * 60:.0f}), against "
         f"{agile['planted'] * 60:.0f} min without retweets", agility_found),
    ]
    if falsified is not None:
        amp0 = falsified.iloc[0]
        rows.append((
            "No citizen retweets, no amplification (falsification)",
            f"audience x{amp0['estimate']:.2f} (95% CI {amp0['ci_low']:.2f} to "
            f"{amp0['ci_high']:.2f})",
            bool(amp0["ci_low"] <= 1 <= amp0["ci_high"]),
        ))
    table = pd.DataFrame(rows, columns=["finding", "what we found", "recovered"])
    table["recovered"] = np.where(table["recovered"], "yes", "no")
    return table


# --------------------------------------------------------------------------------------------
# Real data: CrisisLexT6 (Hurricane Sandy) and the CrisisLexT26 timelines
# --------------------------------------------------------------------------------------------

SANDY = Contract(
    "CrisisLexT6 on-topic / off-topic tweets",
    (
        Column("event", "string", description="Crisis, from the folder name."),
        Column("tweet_id", "string", unique=True,
               description="Tweet id (digits; the file wraps it in single quotes)."),
        Column("created_at", "datetime",
               description="When the tweet was posted (UTC), decoded from the Snowflake id."),
        Column("text", "string",
               description="Text of the tweet as collected, HTML entities unescaped once."),
        Column("label", "string", allowed=("on-topic", "off-topic"),
               description="Crowd label: about the crisis (on-topic) or not (off-topic)."),
        Column("is_retweet", "bool", description="The text contains 'RT @account'."),
        Column("retweeted_account", "string", nullable=True,
               description="The account after the first 'RT @', lower case."),
    ),
    key=("tweet_id",),
)
"""Contract of :func:`read_crisislex_t6`."""

SANDY_ACCOUNT_TYPES = Contract(
    "hand-made table of organisational accounts",
    (
        Column("account", "string", unique=True, description="Handle as written in the data."),
        Column("organisation", "string", description="The organisation the handle names."),
        Column("account_type", "string",
               allowed=("emergency or weather service", "government", "news media", "business",
                        "utility", "non-profit"),
               description="Kind of organisation."),
        Column("basis", "string", description="Why: what in the handle names it."),
    ),
    key=("account",),
)
"""Contract of :func:`read_account_types` (``data/crisislex/sandy_account_types.csv``)."""

TIMELINE = Contract(
    "CrisisLexT26 timeline",
    (
        Column("event", "string", description="Crisis, from the file name."),
        Column("tweet_id", "string", description="Tweet id (digits)."),
        Column("created_at", "datetime", description="Timestamp given in the file (UTC)."),
        Column("included", "bool", description="In the period the collectors analysed (Y/N)."),
    ),
    key=("event", "tweet_id"),
)
"""Contract of :func:`read_crisislex_timeline`."""

_T6_SUFFIX = "-ontopic_offtopic.csv"
_TIMELINE_SUFFIX = "-tweetids_entire_period.csv"


def _csv_rows(path: Path, header: Sequence[str]) -> tuple[list[list[str]], list[int]]:
    """Read a CSV file whose (stripped) header must be ``header``; rows and their lines.

    The reading itself (UTF-8, quoted fields over several lines, each record's starting line,
    no data rows, ragged rows) is :mod:`govsocial.io`'s, shared with every CSV loader.
    """
    if not path.is_file():
        raise DataError("no such file", file=str(path), expected="a CSV file", found="nothing")
    records = io._read_csv_records(path)
    if records.header != list(header):
        raise DataError(
            "unexpected header",
            file=str(path),
            row=1,
            column=next((h for h in header if h not in records.header), None),
            expected=f"columns {list(header)}",
            found=f"columns {records.header}",
        )
    io._check_widths(records, path)
    return records.rows, records.lines


def _digits(values: list[str], *, path: Path, lines: list[int], column: str) -> list[str]:
    """Strip spaces and single quotes from ids; raise DataError at the first non-digit id."""
    ids = [value.strip().strip("'").strip() for value in values]
    for value, line in zip(ids, lines, strict=True):
        if not (value.isascii() and value.isdigit()):
            raise DataError("a tweet id must be a string of digits", file=str(path), row=line,
                            column=column, expected="digits, optionally in single quotes",
                            found=repr(value))
    return ids


def read_crisislex_t6(path: str | Path) -> io.Loaded:
    """Read one CrisisLexT6 ``<event>-ontopic_offtopic.csv`` file.

    The header is ``tweet id, tweet, label``; ids are wrapped in single quotes; HTML entities
    in the text are unescaped once (``&amp;`` is ``&``). Each tweet's creation time is decoded
    from its id (:func:`govsocial.io.tweet_id_to_datetime`).

    Parameters
    ----------
    path : str or path-like
        The CSV file.

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`SANDY`, in time order; nothing is dropped.

    Raises
    ------
    DataError
        For a wrong header, a row with the wrong number of fields, an id that is not digits, a
        label other than on-topic / off-topic, or a repeated id (named by file line).

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> folder = data_dir() / "crisislex" / "CrisisLexT6" / "2012_Sandy_Hurricane"
    >>> sandy = read_crisislex_t6(folder / "2012_Sandy_Hurricane-ontopic_offtopic.csv").frame
    >>> len(sandy), sandy["label"].value_counts().to_dict()
    (10008, {'on-topic': 6138, 'off-topic': 3870})
    """
    path = Path(path)
    rows, lines = _csv_rows(path, ("tweet id", "tweet", "label"))
    ids = _digits([row[0] for row in rows], path=path, lines=lines, column="tweet id")
    texts = [html.unescape(row[1]) for row in rows]
    account = pd.Series(texts, dtype=object).str.extract(_RT_PATTERN, expand=False)
    event = path.name[: -len(_T6_SUFFIX)] if path.name.endswith(_T6_SUFFIX) else path.stem
    frame = pd.DataFrame({
        "event": event,
        "tweet_id": ids,
        "created_at": io.tweet_id_to_datetime(ids).array,
        "text": texts,
        "label": [row[2].strip() for row in rows],
        "is_retweet": account.notna().to_numpy(),
        "retweeted_account": account.str.lower().to_numpy(),
    })
    table = validate(frame, SANDY, file=str(path), row_numbers=lines)
    table = table.sort_values(["created_at", "tweet_id"], kind="stable").reset_index(drop=True)
    return io.Loaded(table, LoadReport(io.shown_path(path), rows_read=len(table)))


def retweeted_accounts(sandy: pd.DataFrame) -> pd.DataFrame:
    """Count how often each account is retweeted.

    Parameters
    ----------
    sandy : DataFrame
        With ``retweeted_account`` (lower case, missing for non-retweets) and ``text``.

    Returns
    -------
    DataFrame
        ``account`` (lower case), ``spelling`` (its most frequent spelling in the texts),
        ``retweets`` and ``rank`` (1 = most retweeted; ties broken alphabetically).

    Examples
    --------
    >>> toy = pd.DataFrame({"text": ["RT @FEMA: x", "RT @fema: y", "RT @bob: z", "hi"],
    ...                     "retweeted_account": ["fema", "fema", "bob", None]})
    >>> retweeted_accounts(toy)[["spelling", "retweets", "rank"]].values.tolist()
    [['FEMA', 2, 1], ['bob', 1, 2]]
    """
    spelled = sandy["text"].astype(object).str.extract(_RT_PATTERN, expand=False)
    rts = pd.DataFrame({"account": sandy["retweeted_account"], "spelling": spelled}).dropna()
    spelling = (
        rts.groupby(["account", "spelling"]).size().reset_index(name="n")
        .sort_values(["account", "n", "spelling"], ascending=[True, False, True])
        .drop_duplicates("account").set_index("account")["spelling"]
    )
    counts = rts.groupby("account").size().rename("retweets").reset_index()
    counts = counts.sort_values(["retweets", "account"], ascending=[False, True],
                                kind="stable").reset_index(drop=True)
    counts.insert(1, "spelling", counts["account"].map(spelling))
    counts["rank"] = np.arange(1, len(counts) + 1)
    return counts


def read_account_types(path: str | Path) -> io.Loaded:
    """Read the hand-made table of organisational accounts.

    Parameters
    ----------
    path : str or path-like
        A CSV with the columns of :data:`SANDY_ACCOUNT_TYPES`.

    Returns
    -------
    Loaded
        The validated table (handles as written; compare them in lower case).

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> table = read_account_types(data_dir() / "crisislex" / "sandy_account_types.csv").frame
    >>> table.set_index("account").loc["fema", "account_type"]
    'emergency or weather service'
    """
    loaded = io.read_table(path, SANDY_ACCOUNT_TYPES)
    lowered = loaded.frame["account"].str.lower()
    if lowered.duplicated().any():
        position = int(np.flatnonzero(lowered.duplicated().to_numpy())[0])
        raise DataError("an account is listed twice (handles ignore case)", file=str(path),
                        row=position + 2, column="account", expected="each handle once",
                        found=repr(loaded.frame["account"].iloc[position]))
    return loaded


def most_retweeted(
    sandy: pd.DataFrame, account_types: pd.DataFrame, *, top: int = 50
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """List the most retweeted accounts, showing only organisations.

    Private people must not be singled out, so among the ``top`` most retweeted accounts only
    those in the hand-made table of organisations are named; the others are only counted.
    Accounts tied with the ``top``-th are included, so the list may be a little longer.

    Parameters
    ----------
    sandy : DataFrame
        From :func:`read_crisislex_t6`.
    account_types : DataFrame
        From :func:`read_account_types`.
    top : int
        How many of the most retweeted accounts to consider (ties at the cut included).

    Returns
    -------
    shown : DataFrame
        The organisational accounts among the ``top``: ``rank``, ``account`` (as spelled most
        often), ``organisation``, ``account_type``, ``retweets``.
    summary : DataFrame
        Accounts and retweets among the ``top`` by kind (the types, plus "private or
        unclassified (not shown)").

    Examples
    --------
    >>> toy = pd.DataFrame({"text": ["RT @fema: a", "RT @fema: b", "RT @ann: c"],
    ...                     "retweeted_account": ["fema", "fema", "ann"]})
    >>> types = pd.DataFrame({"account": ["fema"], "organisation": ["FEMA"],
    ...                       "account_type": ["government"], "basis": ["handle"]})
    >>> shown, summary = most_retweeted(toy, types, top=2)
    >>> shown["account"].tolist(), summary["accounts"].tolist()
    (['fema'], [1, 1])
    """
    counts = retweeted_accounts(sandy)
    if len(counts) > top:
        counts = counts[counts["retweets"] >= counts["retweets"].iloc[top - 1]]
    table = account_types.assign(account=account_types["account"].str.lower())
    merged = counts.merge(table[["account", "organisation", "account_type"]], on="account",
                          how="left")
    hidden = "private or unclassified (not shown)"
    shown = merged[merged["account_type"].notna()].rename(columns={"account": "key"})
    shown = shown.rename(columns={"spelling": "account"})[
        ["rank", "account", "organisation", "account_type", "retweets"]
    ].reset_index(drop=True)
    kinds = merged["account_type"].fillna(hidden)
    summary = (
        merged.assign(kind=kinds).groupby("kind")
        .agg(accounts=("rank", "size"), retweets=("retweets", "sum"))
        .sort_values(["accounts", "retweets"], ascending=False).reset_index()
    )
    summary = pd.concat([summary[summary["kind"] != hidden], summary[summary["kind"] == hidden]],
                        ignore_index=True)
    return shown, summary


def read_crisislex_timeline(path: str | Path, *, included_only: bool = True) -> io.Loaded:
    """Read one CrisisLexT26 ``<event>-tweetids_entire_period.csv`` file.

    The header is ``Timestamp, Tweet-ID, Included(Y/N)``; timestamps are in Twitter's format
    (``Thu Jun 20 03:56:19 +0000 2013``).

    Parameters
    ----------
    path : str or path-like
        The CSV file.
    included_only : bool
        Keep only the tweets marked ``Y`` (in the period the collectors analysed); the others
        are counted in the report as dropped. Rows that repeat an earlier row exactly (some
        files have a few) are always dropped and counted.

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`TIMELINE`, in time order.

    Raises
    ------
    DataError
        For a wrong header, a row with the wrong number of fields, an id that is not digits, a
        timestamp that cannot be read, an ``Included`` value other than Y or N, or an id that
        repeats with a different timestamp or flag (named by file line).

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> folder = data_dir() / "crisislex" / "CrisisLexT26" / "2013_Alberta_floods"
    >>> loaded = read_crisislex_timeline(
    ...     folder / "2013_Alberta_floods-tweetids_entire_period.csv")
    >>> loaded.report.rows_read, loaded.report.dropped
    (5887, {'exact repeat of an earlier row': 12, 'marked N (outside the analysed period)': 98})
    """
    path = Path(path)
    rows, lines = _csv_rows(path, ("Timestamp", "Tweet-ID", "Included(Y/N)"))
    ids = _digits([row[1] for row in rows], path=path, lines=lines, column="Tweet-ID")
    stamps = pd.to_datetime(pd.Series([row[0].strip() for row in rows]),
                            format="%a %b %d %H:%M:%S %z %Y", errors="coerce", utc=True)
    bad = stamps.isna().to_numpy()
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        raise DataError("cannot read this timestamp", file=str(path), row=lines[position],
                        column="Timestamp", expected="e.g. 'Thu Jun 20 03:56:19 +0000 2013'",
                        found=repr(rows[position][0]))
    flags = [row[2].strip() for row in rows]
    for flag, line in zip(flags, lines, strict=True):
        if flag not in ("Y", "N"):
            raise DataError("Included must be Y or N", file=str(path), row=line,
                            column="Included(Y/N)", expected="Y or N", found=repr(flag))
    event = path.name[: -len(_TIMELINE_SUFFIX)] if path.name.endswith(_TIMELINE_SUFFIX) \
        else path.stem
    frame = pd.DataFrame({"event": event, "tweet_id": ids, "created_at": stamps.to_numpy(),
                          "included": [flag == "Y" for flag in flags]})
    repeated = frame.duplicated().to_numpy()
    kept_lines = [line for line, again in zip(lines, repeated, strict=True) if not again]
    table = validate(frame[~repeated], TIMELINE, file=str(path), row_numbers=kept_lines)
    report = LoadReport(io.shown_path(path), rows_read=len(frame))
    report.dropped["exact repeat of an earlier row"] = int(repeated.sum())
    if included_only:
        report.dropped["marked N (outside the analysed period)"] = int((~table["included"]).sum())
        table = table[table["included"]]
    table = table.sort_values(["created_at", "tweet_id"], kind="stable").reset_index(drop=True)
    return io.Loaded(table, report)


def read_crisislex_timelines(folder: str | Path, events: Sequence[str]) -> io.Loaded:
    """Read the timelines of several CrisisLexT26 events.

    Parameters
    ----------
    folder : str or path-like
        The ``CrisisLexT26`` folder.
    events : sequence of str
        Event folder names, e.g. ``["2013_Alberta_floods"]``.

    Returns
    -------
    Loaded
        The included tweets of every event (columns of :data:`TIMELINE`), and a report adding
        up what was read and dropped.

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> loaded = read_crisislex_timelines(data_dir() / "crisislex" / "CrisisLexT26",
    ...                                   ["2013_NY_train_crash", "2013_Sardinia_floods"])
    >>> loaded.frame.groupby("event").size().to_dict()
    {'2013_NY_train_crash': 1027, '2013_Sardinia_floods': 1143}
    """
    folder = Path(folder)
    frames, read, dropped = [], 0, {}
    for event in events:
        loaded = read_crisislex_timeline(folder / event / f"{event}{_TIMELINE_SUFFIX}")
        frames.append(loaded.frame)
        read += loaded.report.rows_read
        for reason, n in loaded.report.dropped.items():
            dropped[reason] = dropped.get(reason, 0) + n
    if not frames:
        raise DataError("no events given", file=str(folder), expected="at least one event",
                        found="[]")
    report = LoadReport(io.shown_path(folder), rows_read=read, dropped=dropped)
    return io.Loaded(pd.concat(frames, ignore_index=True), report)


def timeline_curves(
    timelines: pd.DataFrame, *, bin_hours: float = 3, horizon_hours: float = 240
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Put several crises' tweet volumes on one axis: hours since each event's first tweet.

    Parameters
    ----------
    timelines : DataFrame
        ``event`` and ``created_at``, e.g. from :func:`read_crisislex_timelines`.
    bin_hours : float
        Width of the time bins (hours).
    horizon_hours : float
        Bins after this are left out of the curves (not of the totals).

    Returns
    -------
    curves : DataFrame
        Events in order of first appearance: ``event``, ``hours`` (start of the bin),
        ``share`` (of the event's tweets in the bin), ``cumulative`` (share up to the end of
        the bin).
    summary : DataFrame
        One row per event: ``event``, ``tweets``, ``peak_hours`` (start of the busiest bin),
        ``half_hours`` (hours until half of the event's tweets were posted).

    Examples
    --------
    >>> t = pd.to_datetime(["2013-01-01 00:00", "2013-01-01 01:00", "2013-01-01 07:00",
    ...                     "2013-01-01 08:00"], utc=True)
    >>> curves, summary = timeline_curves(pd.DataFrame({"event": "x", "created_at": t}))
    >>> curves["share"].head(3).tolist(), float(summary.loc[0, "half_hours"])
    ([0.5, 0.0, 0.5], 1.0)
    """
    curves, rows = [], []
    for event, group in timelines.groupby("event", sort=False):
        hours = (group["created_at"] - group["created_at"].min()).dt.total_seconds() / 3600
        hours = np.sort(hours.to_numpy())
        n = len(hours)
        n_bins = int(np.ceil(horizon_hours / bin_hours))
        counts = np.bincount(np.floor(hours / bin_hours).astype(int), minlength=n_bins)
        share = counts / n
        starts = np.arange(len(counts)) * bin_hours
        keep = starts < horizon_hours
        curves.append(pd.DataFrame({
            "event": event, "hours": starts[keep], "share": share[keep],
            "cumulative": np.cumsum(share)[keep],
        }))
        half = float(hours[int(np.ceil(n / 2)) - 1])
        rows.append({"event": event, "tweets": n, "peak_hours": float(starts[np.argmax(counts)]),
                     "half_hours": half})
    return pd.concat(curves, ignore_index=True), pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------

_KIND_COLOURS = dict(zip(KINDS, (PALETTE[4], PALETTE[0], PALETTE[3], PALETTE[1]), strict=True))
_TYPE_COLOURS = {"government": PALETTE[4], "citizen": PALETTE[3], "unlisted": PALETTE[1]}


def _mark(ax: plt.Axes, when: pd.Timestamp | float, label: str) -> None:
    """Draw a labelled vertical reference line."""
    ax.axvline(when, color="0.25", linestyle="--", linewidth=1.2, zorder=3)
    ax.annotate(label, xy=(when, 1.0), xycoords=("data", "axes fraction"),
                xytext=(4, -4), textcoords="offset points", ha="left", va="top",
                fontsize=10, color="0.15")


def volume_figure(counts: pd.DataFrame, *, landfall: pd.Timestamp | None,
                  ylabel: str = "Tweets per hour",
                  panels: Sequence[Sequence[str]] | None = None) -> Figure:
    """Draw the volume over time, one line per column, with landfall marked.

    Parameters
    ----------
    counts : DataFrame
        Index: time; one column per series (e.g. :func:`volume`).
    landfall : Timestamp or None
        Where to draw the labelled vertical line (None: no line).
    ylabel : str
        The y axis label, with its unit.
    panels : sequence of sequences of str, optional
        Columns to draw in each panel, top to bottom, each panel with its own y scale (default:
        all columns in one panel).

    Returns
    -------
    Figure
        One axes per panel, sharing the time axis; each panel's legend names its series.

    Examples
    --------
    >>> index = pd.date_range("2012-10-29", periods=3, freq="h", tz="UTC")
    >>> fig = volume_figure(pd.DataFrame({"a": [1, 2, 3], "b": [0, 1, 0]}, index=index),
    ...                     landfall=index[1], panels=[["a"], ["b"]])
    >>> len(fig.axes), len(fig.axes[0].lines)
    (2, 2)
    >>> plt.close(fig)
    """
    panels = [list(counts.columns)] if panels is None else [list(p) for p in panels]
    fig, axes = plt.subplots(len(panels), 1, sharex=True, squeeze=False,
                             figsize=(7.2, 1.6 + 1.7 * len(panels)))
    for ax, columns in zip(axes[:, 0], panels, strict=True):
        for column in columns:
            colour = _KIND_COLOURS.get(column, PALETTE[list(counts.columns).index(column) % 6])
            ax.plot(counts.index, counts[column], color=colour, linewidth=1.4, label=column)
        if landfall is not None:
            _mark(ax, landfall, "landfall")
        ax.set_ylim(bottom=0)
        ax.set_ylabel(ylabel)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    bottom = axes[-1, 0]
    days = (counts.index.max() - counts.index.min()) / pd.Timedelta(days=1)
    if days > 4:
        bottom.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, int(np.ceil(days / 7)))))
        bottom.xaxis.set_major_formatter(mdates.DateFormatter("%d\n%b"))
    else:
        bottom.xaxis.set_major_locator(mdates.HourLocator(byhour=[0, 12]))
        bottom.xaxis.set_major_formatter(mdates.DateFormatter("%d %b\n%H:%M"))
    bottom.set_xlabel("Date and time (UTC)")
    return fig


def network_core_figure(
    graph: nx.DiGraph, centrality: pd.DataFrame, *, top_citizens: int = 40, seed: int = 0
) -> Figure:
    """Draw the core of the retweet network: government accounts and the busiest citizens.

    Parameters
    ----------
    graph : DiGraph
        From :func:`retweet_network`.
    centrality : DataFrame
        From :func:`centrality_table`.
    top_citizens : int
        How many non-government accounts to draw, by total degree (distinct accounts they
        retweeted or were retweeted by).
    seed : int
        Fixes the spring layout.

    Returns
    -------
    Figure
        Government accounts on a ring, the other accounts placed between the accounts they are
        tied to (a spring layout with the ring fixed); nodes coloured by kind of account and
        sized by in-degree; only government accounts are labelled.

    Examples
    --------
    >>> g = nx.DiGraph([("a", "gov"), ("b", "gov"), ("b", "a")])
    >>> nx.set_node_attributes(g, {"gov": "government", "a": "citizen", "b": "citizen"},
    ...                        "account_type")
    >>> fig = network_core_figure(g, centrality_table(g))
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['gov']
    >>> plt.close(fig)
    """
    table = centrality.assign(degree=centrality["in_degree"] + centrality["out_degree"])
    government = table.loc[table["account_type"] == "government", "account"].tolist()
    others = (
        table[table["account_type"] != "government"]
        .sort_values(["degree", "account"], ascending=[False, True], kind="stable")
        .head(top_citizens)["account"].tolist()
    )
    core = graph.subgraph(government + others).to_undirected()
    ring = {
        v: (np.cos(angle), np.sin(angle))
        for v, angle in zip(
            government, np.pi / 2 - 2 * np.pi * np.arange(len(government)) / max(
                len(government), 1), strict=True)
    }
    fixed = [v for v in ring if v in core]
    layout = nx.spring_layout(core, pos=ring or None, fixed=fixed or None, seed=seed,
                              k=0.9 / np.sqrt(max(len(core), 1)), iterations=200)
    in_degree = table.set_index("account")["in_degree"]
    fig, ax = plt.subplots(figsize=(7.2, 6.0))
    nx.draw_networkx_edges(core, layout, ax=ax, edge_color="0.6", width=0.6, alpha=0.6)
    for kind in ("citizen", "unlisted", "government"):
        nodes = [v for v in core.nodes if graph.nodes[v].get("account_type") == kind]
        if not nodes:
            continue
        sizes = [30 + 600 * np.sqrt(in_degree.get(v, 0) / max(in_degree.max(), 1))
                 for v in nodes]
        nx.draw_networkx_nodes(core, layout, nodelist=nodes, node_size=sizes, ax=ax,
                               node_color=_TYPE_COLOURS[kind], edgecolors="white",
                               linewidths=0.8)
    for node in (v for v in government if v in core):
        x, y = layout[node]
        radius = max(np.hypot(x, y), 1e-9)
        ax.annotate(node, xy=(x, y), xytext=(18 * x / radius, 18 * y / radius),
                    textcoords="offset points", fontsize=9, color="0.1",
                    ha="left" if x > 0.2 else "right" if x < -0.2 else "center",
                    va="bottom" if y > 0.2 else "top" if y < -0.2 else "center",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.85})
    ax.margins(0.18)
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=9, color=_TYPE_COLOURS[kind],
               label=label)
        for kind, label in (("government", "government account"), ("citizen", "citizen"),
                            ("unlisted", "other account"))
        if any(graph.nodes[v].get("account_type") == kind for v in core.nodes)
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0),
              title="Node size: accounts\nthat retweeted it")
    ax.set_axis_off()
    return fig


def cascade_figure(cascade_table: pd.DataFrame) -> Figure:
    """Draw cascade sizes (complementary cumulative distribution) and depths, by author type.

    Parameters
    ----------
    cascade_table : DataFrame
        From :func:`cascades`.

    Returns
    -------
    Figure
        Left: share of originals with at least *n* retweets (log-log); right: share of
        originals by cascade depth.

    Examples
    --------
    >>> table = pd.DataFrame({"account_type": ["government", "citizen", "citizen"],
    ...                       "retweets": [5, 0, 1], "depth": [2, 0, 1]})
    >>> fig = cascade_figure(table)
    >>> len(fig.axes)
    2
    >>> plt.close(fig)
    """
    fig, (left, right) = plt.subplots(1, 2, figsize=(8.4, 3.8))
    kinds = [k for k in ("government", "citizen", "unlisted")
             if (cascade_table["account_type"] == k).any()]
    width = 0.8 / max(len(kinds), 1)
    for position, kind in enumerate(kinds):
        group = cascade_table[cascade_table["account_type"] == kind]
        sizes = np.sort(group["retweets"].to_numpy())
        values = np.unique(sizes[sizes > 0])
        if len(values):
            at_least = [(sizes >= v).mean() for v in values]
            left.step(values, at_least, where="post", color=_TYPE_COLOURS[kind],
                      linewidth=1.8, label=f"{kind} originals")
        depth = group["depth"].value_counts(normalize=True).sort_index()
        right.bar(depth.index + (position - (len(kinds) - 1) / 2) * width, depth.to_numpy(),
                  width=width, color=_TYPE_COLOURS[kind], label=f"{kind} originals")
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xlabel("Retweets of an original tweet (n)")
    left.set_ylabel("Share of originals with at least n")
    right.set_xlabel("Cascade depth (generations of retweets)")
    right.set_ylabel("Share of originals")
    right.legend(loc="upper right")
    return fig


def audience_figure(curves: pd.DataFrame, *, attention_hours: float = ATTENTION_HOURS
                    ) -> Figure:
    """Draw the average audience of a government message, with and without citizens.

    Parameters
    ----------
    curves : DataFrame
        From :func:`audience_curves`.
    attention_hours : float
        The attention time used, to mark when followers alone reach half of themselves.

    Returns
    -------
    Figure
        Two lines over hours since posting, a dotted line at half the followers.

    Examples
    --------
    >>> curves = pd.DataFrame({"hours": [0.0, 1.0], "followers_only": [0.0, 0.6],
    ...                        "with_retweets": [0.0, 1.5]})
    >>> fig = audience_figure(curves)
    >>> len(fig.axes[0].lines)
    4
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots()
    ax.plot(curves["hours"], curves["with_retweets"], color=PALETTE[0], linewidth=2,
            label="with citizens' retweets")
    ax.plot(curves["hours"], curves["followers_only"], color=PALETTE[3], linewidth=2,
            linestyle="-.", label="followers only")
    ax.axhline(0.5, color="0.25", linestyle=":", linewidth=1)
    _mark(ax, attention_hours * np.log(2), "half the followers,\nwithout retweets")
    ax.set_xlabel("Hours since the government message was posted")
    ax.set_ylabel("Audience (multiples of the\naccount's followers)")
    ax.set_ylim(bottom=0)
    ax.legend(loc="lower right")
    return fig


def timeline_figure(curves: pd.DataFrame, *, labels: dict[str, str] | None = None) -> Figure:
    """Draw normalised volume curves of several crises on hours since their first tweet.

    Parameters
    ----------
    curves : DataFrame
        ``curves`` from :func:`timeline_curves`.
    labels : dict, optional
        Readable names of the events for the legend.

    Returns
    -------
    Figure
        Cumulative share of each event's tweets, one line per event.

    Examples
    --------
    >>> curves = pd.DataFrame({"event": ["x", "x"], "hours": [0.0, 3.0],
    ...                        "share": [0.5, 0.5], "cumulative": [0.5, 1.0]})
    >>> fig = timeline_figure(curves)
    >>> len(fig.axes[0].lines)
    2
    >>> plt.close(fig)
    """
    labels = labels or {}
    fig, ax = plt.subplots(figsize=(7.2, 4.0))
    styles = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (3, 1)))
    for position, (event, group) in enumerate(curves.groupby("event", sort=False)):
        step = float(group["hours"].diff().dropna().min()) if len(group) > 1 else 1.0
        ax.step(group["hours"] + step, group["cumulative"], where="pre", linewidth=1.8,
                color=PALETTE[position % 6], linestyle=styles[position % len(styles)],
                label=labels.get(event, event))
    ax.axhline(0.5, color="0.25", linestyle=":", linewidth=1)
    ax.set_xlabel("Hours since the event's first collected tweet")
    ax.set_ylabel("Share of the event's tweets so far")
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter("{x:.0%}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig

