r"""The fictional storm of the coproduction chapter, and the planted truth.

:func:`simulate` builds two weeks of tweets around the landfall of a storm in the fictional
"Harbor City": seven fictional government accounts, thousands of citizen accounts with
heavy-tailed follower counts, and retweet cascades grown by a subcritical branching process.
:class:`Effects` says by how much citizens multiply the audience of a government message and how
fast they pass it on; :class:`CoproductionData` holds the frames and that planted truth. The
frames' contracts (:data:`ACCOUNTS`, :data:`TWEETS`) and the storm's calendar (:data:`LANDFALL`)
live here too, since own data (:mod:`.data`) fills the same frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from govsocial.io.snowflake import snowflake_ids
from govsocial.schema import Column, Contract, LoadReport, validate

__all__ = [
    "ACCOUNTS",
    "ACCOUNT_TYPES",
    "ATTENTION_HOURS",
    "CITIZEN_AMPLIFICATION",
    "GOVERNMENT_ACCOUNTS",
    "LANDFALL",
    "TWEETS",
    "CoproductionData",
    "Effects",
    "simulate",
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


# --------------------------------------------------------------------------------------------
# Planted effects and the data object
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Effects:
    """The effects planted in the simulated storm.

    The direction follows Chatfield & Reddick (2018): citizens' retweets magnify the reach and
    agility of government messages. The sizes are ours (the study publishes no such numbers).
    Citizens' own tweets are always retweeted at one rate, which multiplies their authors'
    audience by :data:`CITIZEN_AMPLIFICATION` on average; the effect under test is that
    citizens carry government messages further than that.

    Attributes
    ----------
    amplification : float
        Expected audience of a government message, with citizens' retweets, divided by the
        government account's own followers. :data:`CITIZEN_AMPLIFICATION` means citizens
        retweet government exactly as often as they retweet each other (the null world); 1
        means they never retweet government.
    retweet_delay_minutes : float
        Mean delay (minutes) between a tweet and each retweet of it; the time by which
        citizens pass a message on.

    Examples
    --------
    >>> Effects().amplification
    3.0
    >>> round(Effects.none().amplification, 3)
    1.462
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
        """Return the null world: citizens retweet government as often as each other.

        Only the effect under test is switched off: government messages are retweeted at the
        rate citizens' own tweets are (amplification :data:`CITIZEN_AMPLIFICATION`), with the
        same delays, cascades and noise. A world in which nobody retweets government
        (``Effects(amplification=1.0)``) would make every measure come out "no effect" by
        arithmetic, which tests nothing.

        Examples
        --------
        >>> Effects.none().amplification == CITIZEN_AMPLIFICATION
        True
        >>> Effects.none().retweet_delay_minutes
        20.0
        """
        return cls(amplification=CITIZEN_AMPLIFICATION)


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

CITIZEN_AMPLIFICATION = 1.0 + _CITIZEN_PULL / (1.0 - _OFFSPRING)
"""Expected audience of a citizen's own tweet, with retweets, over its author's followers
(about 1.46): the first generation adds ``_CITIZEN_PULL`` times the author's followers, and the
subcritical cascade multiplies that by ``1 / (1 - offspring)``. The null world gives government
messages the same."""

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
    ``Effects.none()`` citizens retweet government exactly as they retweet each other.

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
    ids = snowflake_ids(times).astype(str)
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
