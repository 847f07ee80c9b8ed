"""The fictional world: three cities' agencies tweeting through the first months of COVID-19.

City A's agencies coordinate around the health department, City B's around the mayor's office,
and City C is fragmented (sparse ties, late adoption, its own messages). :class:`Effects` sets
how far each city departs from a common baseline (``Effects.none()``: not at all);
:func:`city_parameters` turns the effects into each city's tie probabilities, adoption lag and
echo share; :func:`simulate` draws tweets, retweets and mentions, 1 January to 31 May 2020, and
returns them with the :class:`PlantedTruth` the measures are checked against. The texts the
agencies tweet are in ``_texts.py``.

Examples
--------
>>> sim = simulate(seed=1)
>>> sim.truth.cities.set_index("city").loc["City C", "pattern"]
'fragmented'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Literal

import numpy as np
import pandas as pd

from govsocial.io.snowflake import snowflake_ids

from ._common import PANDEMIC_DECLARED, WINDOW_END, WINDOW_START
from ._texts import (
    _AMBIGUOUS_DEFAULT,
    _AMBIGUOUS_TWEETS,
    _COVID_IMPLICIT,
    _COVID_OWN,
    _ECHO_FRAMES,
    _IMPLICIT_DEFAULT,
    _KEY_MESSAGES,
    _LEAD_FRAMES,
    _ROUTINE,
    _SUFFIXES,
)
from .network import network_measures

__all__ = [
    "CITIES",
    "CitySimulation",
    "Effects",
    "PATTERNS",
    "PlantedTruth",
    "ROLES",
    "city_parameters",
    "simulate",
]

CITIES = ("City A", "City B", "City C")
"""The three fictional cities."""
PATTERNS: Mapping[str, str] = {
    "City A": "health-centred",
    "City B": "mayor-centred",
    "City C": "fragmented",
}
"""The governance pattern planted in each city."""

# --------------------------------------------------------------------------------------------
# The fictional agencies
# --------------------------------------------------------------------------------------------

ROLES = pd.DataFrame(
    [
        # role, handle suffix, agency, own tweets a day (paper scale), COVID share once adopted
        ("mayor", "Mayor", "Office of the Mayor", 3.0, 0.45),
        ("health", "Health", "Department of Public Health", 3.0, 0.85),
        ("emergency", "Ready", "Office of Emergency Management", 2.5, 0.7),
        ("police", "Police", "Police Department", 3.0, 0.2),
        ("fire", "Fire", "Fire and Emergency Medical Services", 1.5, 0.3),
        ("transit", "Transit", "Transit Authority", 2.5, 0.3),
        ("parks", "Parks", "Parks and Recreation", 1.5, 0.3),
        ("library", "Library", "Public Library", 1.5, 0.3),
        ("schools", "Schools", "Public Schools", 2.0, 0.4),
        ("311", "311", "311 Customer Service", 2.0, 0.35),
        ("housing", "Housing", "Housing Authority", 1.0, 0.3),
        ("works", "Works", "Department of Public Works", 1.5, 0.2),
        ("business", "Business", "Office of Economic Development", 1.0, 0.4),
        ("human services", "Care", "Department of Human Services", 1.0, 0.45),
        ("animals", "Animals", "Animal Services", 1.0, 0.2),
    ],
    columns=["role", "suffix", "agency", "rate", "covid_share"],
)
"""The agencies a simulated city may have, in the order they are added (8 to 15 per city)."""

_SCALES = {
    "teaching": {"sizes": (12, 10, 11), "rate_factor": 0.6, "interactions": 4.0},
    "paper": {"sizes": (15, 14, 15), "rate_factor": 1.0, "interactions": 5.0},
}
_TIE_BASE = 0.10  # probability that an agency retweets or mentions another, no pattern
_NOISE_TIES = 0.005  # expected one-off interactions per ordered pair, outside working ties
_LAG_BASE = -2.0  # mean adoption, days after 11 March 2020, no pattern
_LAG_SD = 6.0
_ECHO_BASE = 0.3  # share of an agency's COVID-19 tweets restating the lead's message
_SURGE = 1.25  # own tweets rise by this factor once an agency tweets about COVID-19
_AMBIGUOUS = 0.006  # share of routine tweets using a word of the COVID-19 dictionary
_LEAD_KEY = 0.7  # share of the lead agency's COVID-19 tweets that carry the week's message
_LEAD_FIRST_DAY = 23  # 24 January 2020: the lead agencies' first COVID-19 tweet, +0..6 days
_KEY_WEEK0 = pd.Timestamp("2020-01-20", tz="UTC")  # Monday of the first key message
_IMPLICIT = 0.03  # share of an agency's own (non-echo) COVID-19 tweets using no dictionary word


@dataclass(frozen=True)
class Effects:
    """The planted effect sizes: how far each city departs from a common baseline.

    Without effects every city is simulated alike: each agency retweets or mentions each other
    agency with probability 0.15, adopts COVID-19 messaging about two days before the WHO's
    pandemic declaration (standard deviation six days), and restates the lead health agency's
    weekly message in 30 % of its COVID-19 tweets. The defaults follow the study's direction:
    fragmentation goes with sparser ties, later adoption and less consistent messages
    (Zeemering, 2021); the sizes are ours, not the study's.

    Parameters
    ----------
    hub_ties : float
        Added probability that an agency retweets or mentions its city's hub (City A: the health
        department; City B: the mayor's office); the hub ties back with half this addition.
    fragmented_ties : float
        Probability removed from every tie in City C (a sparser network).
    early_adoption_days : float
        City A's agencies adopt COVID-19 messaging this many days earlier than the baseline.
    late_adoption_days : float
        City C's agencies adopt it this many days later.
    echo_boost : float
        Added share of City A's agency COVID-19 tweets that restate the lead agency's message.
    echo_drop : float
        Share removed in City C.

    Examples
    --------
    >>> Effects().hub_ties, Effects.none().hub_ties
    (0.6, 0.0)
    """

    hub_ties: float = 0.6
    fragmented_ties: float = 0.06
    early_adoption_days: float = 10.0
    late_adoption_days: float = 14.0
    echo_boost: float = 0.4
    echo_drop: float = 0.2

    @classmethod
    def none(cls) -> Effects:
        """Every effect zero: the three cities are simulated alike (for falsification).

        Examples
        --------
        >>> all(value == 0 for value in vars(Effects.none()).values())
        True
        """
        return cls(**{field.name: 0.0 for field in fields(cls)})


def city_parameters(effects: Effects) -> pd.DataFrame:
    """Return the parameters each city is simulated with, given the planted effects.

    Parameters
    ----------
    effects : Effects
        The planted effect sizes.

    Returns
    -------
    DataFrame
        One row per city: ``city``, ``pattern``, ``hub_role`` (``"health"``, ``"mayor"`` or
        missing), ``tie_base`` (probability of a tie between two ordinary agencies),
        ``tie_to_hub`` and ``tie_from_hub``, ``adoption_lag_days`` (mean days from 11 March
        2020 to an agency's first COVID-19 tweet) and ``echo_share`` (share of an agency's
        COVID-19 tweets restating the lead agency's weekly message).

    Raises
    ------
    ValueError
        When an effect pushes a probability or share outside 0 to 1.

    Examples
    --------
    >>> city_parameters(Effects())[["city", "tie_to_hub", "echo_share"]].round(2)
         city  tie_to_hub  echo_share
    0  City A        0.70         0.7
    1  City B        0.70         0.3
    2  City C        0.04         0.1
    """
    rows = []
    for city in CITIES:
        pattern = PATTERNS[city]
        hub = {"health-centred": "health", "mayor-centred": "mayor"}.get(pattern)
        base = _TIE_BASE - (effects.fragmented_ties if pattern == "fragmented" else 0.0)
        has_hub = hub is not None and effects.hub_ties != 0
        lag = _LAG_BASE
        echo = _ECHO_BASE
        if pattern == "health-centred":
            lag -= effects.early_adoption_days
            echo += effects.echo_boost
        if pattern == "fragmented":
            lag += effects.late_adoption_days
            echo -= effects.echo_drop
        rows.append(
            {
                "city": city,
                "pattern": pattern,
                "hub_role": hub if has_hub else None,
                "tie_base": base,
                "tie_to_hub": base + effects.hub_ties if has_hub else base,
                "tie_from_hub": base + effects.hub_ties / 2 if has_hub else base,
                "adoption_lag_days": lag,
                "echo_share": echo,
            }
        )
    table = pd.DataFrame(rows)
    shares = table[["tie_base", "tie_to_hub", "tie_from_hub", "echo_share"]].to_numpy()
    if (shares < 0).any() or (shares > 1).any():
        raise ValueError(
            "these effects push a tie probability or echo share outside 0 to 1: "
            f"{table[['city', 'tie_base', 'tie_to_hub', 'echo_share']].to_dict('records')}"
        )
    return table


@dataclass(frozen=True)
class PlantedTruth:
    """What the simulator built in, for checking the measures against.

    Attributes
    ----------
    effects : Effects
        The effect sizes used.
    cities : DataFrame
        :func:`city_parameters` plus the measures of the planted (latent) network of working
        ties: ``centralisation``, ``density``, ``lead_tie_share``.
    latent_ties : DataFrame
        The planted working ties (``city``, ``source``, ``target``): who would retweet or
        mention whom. Retweets and mentions are drawn from them, plus a few one-off ones.
    adoption : DataFrame
        Each agency's true first COVID-19 tweet (``account``, ``city``, ``lead``,
        ``adopted_on``, ``lag_days`` from 11 March 2020).
    labels : DataFrame
        For every tweet (``tweet_id``): ``is_covid`` and ``echoes_lead`` (restates the lead
        agency's message of the week).
    """

    effects: Effects
    cities: pd.DataFrame
    latent_ties: pd.DataFrame
    adoption: pd.DataFrame
    labels: pd.DataFrame


@dataclass(frozen=True)
class CitySimulation:
    """Simulated city-agency tweets and the truth they were built from.

    Attributes
    ----------
    tweets : DataFrame
        ``tweet_id`` (Snowflake-style, as text), ``account``, ``created_at`` (UTC), ``text``,
        ``is_retweet``: the columns :func:`load_folder` gives for real data.
    accounts : DataFrame
        ``account``, ``city``, ``agency``, ``lead`` (the city's lead health agency), ``role``.
    truth : PlantedTruth
        The planted truth.
    seed : int
        The seed used.
    scale : str
        ``"teaching"`` or ``"paper"``.
    """

    tweets: pd.DataFrame
    accounts: pd.DataFrame
    truth: PlantedTruth
    seed: int
    scale: str


def _make_accounts(scale: str) -> pd.DataFrame:
    """Build the fictional accounts of the three cities at ``scale`` (no randomness)."""
    rows = []
    for city, size in zip(CITIES, _SCALES[scale]["sizes"], strict=True):
        tag = city.replace(" ", "")
        for role in ROLES.head(size).itertuples():
            rows.append(
                {
                    "account": f"{tag}_{role.suffix}",
                    "city": city,
                    "agency": f"{city} {role.agency}",
                    "lead": role.role == "health",
                    "role": role.role,
                }
            )
    return pd.DataFrame(rows)


def _pick(rng: np.random.Generator, banks: Sequence[Sequence[str]]) -> list[str]:
    """One random entry of each bank (banks may differ in length)."""
    sizes = np.array([len(bank) for bank in banks])
    positions = np.floor(rng.random(len(banks)) * sizes).astype(int)
    return [bank[i] for bank, i in zip(banks, positions, strict=True)]


def simulate(
    seed: int,
    scale: Literal["teaching", "paper"] = "teaching",
    effects: Effects | None = None,
) -> CitySimulation:
    """Simulate the Twitter accounts of three fictional cities' agencies, January to May 2020.

    City A's agencies coordinate around the health department (early adoption, dense ties to
    it, messages that restate its own); City B's around the mayor's office; City C is
    fragmented (late adoption, sparse ties, its own messages). Each agency tweets every day at
    its own rate; from its (planted) adoption day on, a share of its tweets is about COVID-19,
    and some of those restate the lead health agency's message of the week. Retweets and
    @mentions follow planted working ties, plus a few one-off interactions.

    Parameters
    ----------
    seed : int
        Seed of the random generator; the same seed gives identical frames.
    scale : {"teaching", "paper"}
        ``"teaching"``: 12, 10 and 11 agencies at 0.6 times the paper-scale tweet rates (about
        8,000 tweets); ``"paper"``: 15, 14 and 15 agencies (about 15,000 tweets).
    effects : Effects, optional
        Planted effect sizes; default :class:`Effects` (), ``Effects.none()`` for none.

    Returns
    -------
    CitySimulation
        Tweets, accounts and the planted truth.

    Examples
    --------
    >>> sim = simulate(seed=3)
    >>> sim.tweets.columns.tolist()
    ['tweet_id', 'account', 'created_at', 'text', 'is_retweet']
    >>> sim.accounts.groupby("city").size().tolist()
    [12, 10, 11]
    """
    if scale not in _SCALES:
        raise ValueError(f"scale must be 'teaching' or 'paper', not {scale!r}")
    effects = Effects() if effects is None else effects
    params = city_parameters(effects)
    config = _SCALES[scale]
    rng = np.random.default_rng(seed)
    accounts = _make_accounts(scale)
    roles = accounts.merge(ROLES, on="role", how="left")
    city_row = accounts["city"].map({c: i for i, c in enumerate(CITIES)}).to_numpy()
    is_lead = accounts["lead"].to_numpy()
    n_accounts = len(accounts)
    n_days = (WINDOW_END - WINDOW_START).days + 1
    pandemic_day = (PANDEMIC_DECLARED - WINDOW_START).days

    # Adoption: the day of each agency's first COVID-19 tweet.
    lead_day = _LEAD_FIRST_DAY + rng.integers(0, 7, size=len(CITIES))
    mean_day = pandemic_day + params["adoption_lag_days"].to_numpy()[city_row]
    drawn = np.rint(mean_day + rng.normal(0.0, _LAG_SD, n_accounts)).astype(int)
    adopt_day = np.clip(drawn, lead_day[city_row] + 1, n_days - 8)
    adopt_day = np.where(is_lead, lead_day[city_row], adopt_day)

    # Own tweets: a Poisson count per agency and day; two COVID-19 tweets on the adoption day.
    rate = roles["rate"].to_numpy() * config["rate_factor"]
    rate = rate * np.exp(rng.normal(0.0, 0.25, n_accounts))
    after = np.arange(n_days)[None, :] >= adopt_day[:, None]
    counts = rng.poisson(rate[:, None] * np.where(after, _SURGE, 1.0))
    owner = np.repeat(np.repeat(np.arange(n_accounts), n_days), counts.ravel())
    day = np.repeat(np.tile(np.arange(n_days), n_accounts), counts.ravel())
    covid_share = roles["covid_share"].to_numpy()
    is_covid = (day >= adopt_day[owner]) & (rng.random(len(owner)) < covid_share[owner])
    owner = np.concatenate([owner, np.repeat(np.arange(n_accounts), 2)])
    day = np.concatenate([day, np.repeat(adopt_day, 2)])
    is_covid = np.concatenate([is_covid, np.ones(2 * n_accounts, dtype=bool)])
    n_own = len(owner)
    seconds = rng.integers(13 * 3600, 24 * 3600, n_own) * 1000 + rng.integers(0, 1000, n_own)
    created = WINDOW_START + pd.to_timedelta(day * 86_400_000 + seconds, unit="ms")

    # Texts: the lead's message of the week, echoes of it, own COVID-19 messages, routine.
    week = np.clip((day - (_KEY_WEEK0 - WINDOW_START).days) // 7, 0, len(_KEY_MESSAGES) - 1)
    echo_share = params["echo_share"].to_numpy()[city_row]
    lead_owner = is_lead[owner]
    draw = rng.random(n_own)
    key_tweet = is_covid & lead_owner & (draw < _LEAD_KEY)
    echoes = is_covid & ~lead_owner & (draw < echo_share[owner])
    ambiguous = ~is_covid & (draw < _AMBIGUOUS)
    role_of = roles["role"].to_numpy()[owner]
    banks: list[Sequence[str]] = []
    implicit_draw = rng.random(n_own) < _IMPLICIT
    for role, covid, key, echo, odd, implicit in zip(
        role_of, is_covid, key_tweet, echoes, ambiguous, implicit_draw, strict=True
    ):
        if key or echo:
            banks.append(_ECHO_FRAMES if echo else _LEAD_FRAMES)
        elif covid and implicit:
            banks.append(_COVID_IMPLICIT.get(role, _IMPLICIT_DEFAULT))
        elif covid:
            banks.append(_COVID_OWN[role])
        elif odd:
            banks.append(_AMBIGUOUS_TWEETS.get(role, _AMBIGUOUS_DEFAULT))
        else:
            banks.append(_ROUTINE[role])
    picked = np.array(_pick(rng, banks), dtype=object)
    keyed = key_tweet | echoes
    picked[keyed] = picked[keyed] + np.array(_KEY_MESSAGES, dtype=object)[week[keyed]]
    suffix = np.array(_SUFFIXES, dtype=object)[rng.integers(0, len(_SUFFIXES), n_own)]
    texts = picked + suffix

    own = pd.DataFrame(
        {
            "owner": owner,
            "created_at": created,
            "text": texts,
            "is_retweet": False,
            "is_covid": is_covid,
            "echoes_lead": echoes | key_tweet | (is_covid & lead_owner),
        }
    )
    own["echoes_lead"] = own["echoes_lead"] & own["is_covid"]

    # Working ties, and retweets and mentions drawn from them.
    handles = accounts["account"].to_numpy()
    latent_rows, events = [], []
    for c, city in enumerate(CITIES):
        members = np.flatnonzero(city_row == c)
        size = len(members)
        p = np.full((size, size), params.at[c, "tie_base"])
        hub_role = params.at[c, "hub_role"]
        if pd.notna(hub_role):
            hub = int(np.flatnonzero(roles["role"].to_numpy()[members] == hub_role)[0])
            p[:, hub] = params.at[c, "tie_to_hub"]
            p[hub, :] = params.at[c, "tie_from_hub"]
        np.fill_diagonal(p, 0.0)
        latent = rng.random((size, size)) < p
        n_events = latent * rng.poisson(config["interactions"], (size, size))
        n_events = n_events + rng.poisson(_NOISE_TIES, (size, size)) * (1 - np.eye(size, dtype=int))
        source, target = np.nonzero(latent)
        latent_rows.append(
            pd.DataFrame(
                {
                    "city": city,
                    "source": handles[members[source]],
                    "target": handles[members[target]],
                }
            )
        )
        u, v = np.nonzero(n_events)
        reps = n_events[u, v]
        events.append(np.column_stack([np.repeat(members[u], reps), np.repeat(members[v], reps)]))
    pairs = np.concatenate(events)
    is_rt = rng.random(len(pairs)) < 0.6

    own = own.sort_values(["owner", "created_at"], kind="stable").reset_index(drop=True)
    starts = np.searchsorted(own["owner"].to_numpy(), np.arange(n_accounts))
    sizes = np.bincount(own["owner"].to_numpy(), minlength=n_accounts)

    # Retweets: a random own tweet of the retweeted agency, shared a few hours later.
    rt_source, rt_target = pairs[is_rt, 0], pairs[is_rt, 1]
    original = starts[rt_target] + np.floor(rng.random(len(rt_target)) * sizes[rt_target])
    original = own.iloc[original.astype(int)]
    delay = pd.to_timedelta(rng.exponential(2 * 3_600_000, len(rt_target)).astype(int), "ms")
    last_moment = WINDOW_END + pd.Timedelta(days=1) - pd.Timedelta(milliseconds=1)
    retweets = pd.DataFrame(
        {
            "owner": rt_source,
            "created_at": (
                original["created_at"].reset_index(drop=True)
                + delay.to_series(index=range(len(delay)))
            )
            .clip(upper=last_moment)
            .to_numpy(),
            "text": "RT @" + handles[rt_target].astype(object) + ": " + original["text"].to_numpy(),
            "is_retweet": True,
            "is_covid": original["is_covid"].to_numpy(),
            "echoes_lead": False,
        }
    )

    # Mentions: added to a random own tweet of the mentioning agency.
    mn_source, mn_target = pairs[~is_rt, 0], pairs[~is_rt, 1]
    carrier = starts[mn_source] + np.floor(rng.random(len(mn_source)) * sizes[mn_source])
    mentions = pd.DataFrame({"row": carrier.astype(int), "handle": " @" + handles[mn_target]})
    added = mentions.groupby("row")["handle"].agg("".join)
    own.loc[added.index, "text"] = own.loc[added.index, "text"] + added

    tweets = pd.concat([own, retweets], ignore_index=True)
    tweets = tweets.sort_values(["created_at", "owner", "is_retweet"], kind="stable")
    tweets = tweets.reset_index(drop=True)
    tweets["tweet_id"] = snowflake_ids(tweets["created_at"]).astype(str)
    tweets["account"] = handles[tweets["owner"].to_numpy()]
    tweets["text"] = tweets["text"].astype("string")
    tweets["account"] = tweets["account"].astype("string")
    tweets["tweet_id"] = tweets["tweet_id"].astype("string")
    labels = tweets[["tweet_id", "is_covid", "echoes_lead"]].copy()
    labels["is_covid"] = labels["is_covid"].astype(bool)
    labels["echoes_lead"] = labels["echoes_lead"].astype(bool)
    tweets = tweets[["tweet_id", "account", "created_at", "text", "is_retweet"]]
    tweets["is_retweet"] = tweets["is_retweet"].astype(bool)

    adopted_on = WINDOW_START + pd.to_timedelta(adopt_day, unit="D")
    adoption = accounts[["account", "city", "lead"]].assign(
        adopted_on=adopted_on,
        lag_days=(adopted_on - PANDEMIC_DECLARED).days.astype(float),
    )
    latent_ties = pd.concat(latent_rows, ignore_index=True)
    observed = accounts.drop(columns="role")
    planted_network = network_measures(latent_ties.assign(weight=1), observed)
    cities = params.merge(
        planted_network[["city", "centralisation", "density", "lead_tie_share"]], on="city"
    )
    truth = PlantedTruth(effects, cities, latent_ties, adoption, labels)
    return CitySimulation(tweets, accounts, truth, seed, scale)
