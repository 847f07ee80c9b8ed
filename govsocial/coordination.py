r"""COVID-19 and functional fragmentation in city hall: simulator, measures and real posting data.

The chapter re-runs the design of Zeemering (2021): how the Twitter accounts of one city's
agencies coordinated (retweets and mentions among them) and reached out (when each began to
tweet about COVID-19, and how consistent its messages were with the lead health agency's) early
in the pandemic. Three *fictional* cities carry three planted governance patterns; a real
collection of national governments' tweet IDs shows the same questions at country level.

Simulation
----------
Effects, Effects.none()
    The planted effect sizes; ``none()`` makes all three cities alike.
simulate(seed, scale, effects)
    Tweets, retweets and mentions of City A, B and C's agencies, 1 January to 31 May 2020, with
    the planted truth.
city_parameters(effects)
    The tie probabilities, mean adoption lag and echo share each city is simulated with.

Measures (DataFrame in, DataFrame out)
--------------------------------------
flag_covid(texts, terms)
    Keyword dictionary: is a tweet about COVID-19?
precision_recall(predicted, actual)
    Precision, recall and F1 of a yes/no flag against the truth.
adoption_dates(tweets, accounts, covid)
    Each agency's first COVID-19 tweet, with a rule that resists single false positives.
adoption_curves(adoption)
    Cumulative share of each city's agencies that have tweeted about COVID-19, by day.
covid_attention(tweets, accounts, covid)
    Weekly share of each city's own tweets that are about COVID-19.
interaction_ties(tweets, accounts)
    Directed ties among a city's accounts, from retweets and @mentions.
freeman_centralisation(graph)
    Freeman's degree centralisation of an undirected graph (1 for a star, 0 for a cycle).
network_measures(ties, accounts)
    Density, centralisation, reciprocity, share of ties to the lead agency, isolated agencies.
random_centralisation(n_nodes, n_edges)
    Centralisation of random graphs with the same numbers of nodes and ties.
centralisation_band(network, seed)
    Whether each city's network is more centralised than random networks of its size.
message_consistency(tweets, accounts, covid)
    TF-IDF cosine of each agency COVID-19 message with the lead agency's messages that week.
agency_summary(adoption, consistency)
    One row per agency: adoption lag, mean cosine, share of messages echoing the lead.
city_estimates(agencies, value, seed), city_contrast(agencies, value, city, baseline, seed)
    City means and differences with bootstrap confidence intervals (agencies resampled).
fragmentation_index(network, agencies)
    A transparent index: the mean of four shares, each 0 (coordinated) to 1 (fragmented).
analyse(tweets, accounts, seed)
    Every measure above in one call, as a :class:`CityAnalysis`.
format_comparison(comparison)
    The comparative table across cities, measures as rows, ready to show.
recovery_table(analysis, truth), contrast_table(analysis, seed, truth), scorecard(analysis)
    Planted versus measured, city contrasts, and the study's findings against ours.

Own data
--------
read_city_accounts(path), read_city_tweets(folder)
    A folder with ``tweets.jsonl`` (Twitter API v2 responses) and ``accounts.csv``.

Real data: tweet IDs of governments and health agencies (Yu, 2020)
-------------------------------------------------------------------
read_covid_gov_tweet_ids(path), read_account_roles(path)
    The zipped weekly releases, validated; the hand-made table of governments and roles.
account_coverage(archive), daily_posts(archive, coverage)
    Which days each account's collection covers; posts per account and UTC day.
rhythm_correlations(daily, roles), same_government_test(pairs, seed)
    Correlation of daily posting between accounts, same versus different governments.

Figures
-------
adoption_figure, attention_figure, network_figure, consistency_figure, posting_rhythm_figure,
pair_correlation_figure: chapter-specific figure builders returning a Figure.

Examples
--------
>>> sim = simulate(seed=1)
>>> sorted(sim.accounts["city"].unique())
['City A', 'City B', 'City C']
>>> sim.truth.cities.set_index("city").loc["City C", "pattern"]
'fragmented'
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Literal

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import PercentFormatter
from sklearn.feature_extraction.text import TfidfVectorizer

from govsocial import io as gio
from govsocial.plots import PALETTE
from govsocial.schema import Column, Contract, DataError, LoadReport
from govsocial.text import TOKEN_PATTERN

__all__ = [
    "ACCOUNT_ROLES",
    "CITIES",
    "CITY_ACCOUNTS",
    "COVID_TERMS",
    "PANDEMIC_DECLARED",
    "PATTERNS",
    "REFERENCE_DATES",
    "ROLES",
    "CityAnalysis",
    "CityData",
    "CitySimulation",
    "Effects",
    "PlantedTruth",
    "TweetIdArchive",
    "account_coverage",
    "adoption_curves",
    "adoption_dates",
    "adoption_figure",
    "agency_summary",
    "analyse",
    "attention_figure",
    "centralisation_band",
    "city_contrast",
    "city_estimates",
    "city_parameters",
    "consistency_figure",
    "contrast_table",
    "covid_attention",
    "daily_posts",
    "flag_covid",
    "format_comparison",
    "fragmentation_index",
    "freeman_centralisation",
    "interaction_ties",
    "message_consistency",
    "network_figure",
    "network_measures",
    "pair_correlation_figure",
    "posting_rhythm_figure",
    "precision_recall",
    "random_centralisation",
    "read_account_roles",
    "read_city_accounts",
    "read_city_tweets",
    "read_covid_gov_tweet_ids",
    "recovery_table",
    "rhythm_correlations",
    "same_government_test",
    "scorecard",
    "simulate",
]

# --------------------------------------------------------------------------------------------
# Time frame and reference dates
# --------------------------------------------------------------------------------------------

WINDOW_START = pd.Timestamp("2020-01-01", tz="UTC")
"""First day of the simulated period."""
WINDOW_END = pd.Timestamp("2020-05-31", tz="UTC")
"""Last day of the simulated period."""
PANDEMIC_DECLARED = pd.Timestamp("2020-03-11", tz="UTC")
"""The day the WHO called COVID-19 a pandemic: adoption lags are counted from it."""

REFERENCE_DATES = pd.DataFrame(
    {
        "date": pd.to_datetime(["2020-01-30", "2020-03-11", "2020-03-13"], utc=True),
        "event": [
            "WHO: public health emergency of international concern",
            "WHO: COVID-19 is a pandemic",
            "U.S.: national emergency",
        ],
        "short": ["WHO emergency", "WHO pandemic", "U.S. emergency"],
    }
)
"""Real dates the chapter reads adoption against (UTC days)."""

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

# The lead health agency's key message of each week, from the week of 20 January 2020.
_KEY_MESSAGES = (
    "We are monitoring the novel coronavirus outbreak abroad; the risk to residents is low.",
    "Travelers returning from affected countries who develop fever or cough should call a "
    "doctor first: our coronavirus guidance for travelers.",
    "Coronavirus facts: the best protection is washing hands, covering coughs and staying home "
    "when sick.",
    "Stop the stigma: coronavirus does not discriminate and neither should we. Rely on facts.",
    "Prepare your household for COVID-19: keep a two-week supply of medicines and plan childcare.",
    "COVID-19 preparedness: employers should let sick workers stay home and plan remote work.",
    "First COVID-19 cases confirmed in our region; contact tracing is under way.",
    "Cancel or postpone gatherings of more than 250 people to slow the spread of COVID-19.",
    "Stay home order: leave home only for groceries, pharmacy visits and medical care during "
    "the COVID-19 emergency.",
    "Social distancing saves lives: keep six feet between you and others and stay at home.",
    "Free drive-through COVID-19 testing site now open for residents with symptoms; call "
    "ahead for an appointment.",
    "Wear a cloth face covering in grocery stores and on transit to protect others from COVID-19.",
    "Feeling anxious during the pandemic? A free counseling hotline is open around the clock.",
    "COVID-19 testing is now available to all essential workers, with or without symptoms.",
    "The stay at home order is extended through May; thank you for flattening the curve of "
    "COVID-19.",
    "Rent relief and emergency food assistance for households hit by the pandemic: apply online.",
    "Reopening roadmap: the city will reopen in phases as COVID-19 cases, hospital capacity "
    "and testing allow.",
    "Phase one of reopening begins: curbside retail and outdoor recreation with face "
    "coverings and distancing.",
    "Memorial Day weekend: keep gatherings small and wear a face covering to stop COVID-19.",
)
_LEAD_OTHER = (
    "Daily COVID-19 update: new case counts and hospital data are on our dashboard.",
    "Our COVID-19 call line is open 8am to 8pm every day.",
    "Health care providers: new COVID-19 reporting guidance is posted.",
    "Live Q&A with our health officer about the coronavirus at noon today.",
    "Wash your hands often with soap and water for at least 20 seconds.",
    "Symptoms include fever, cough and shortness of breath; call your doctor if you feel sick.",
)
_ECHO_FRAMES = (
    "",
    "Please share: ",
    "From our health department: ",
    "Important: ",
    "Reminder for residents: ",
)
_LEAD_FRAMES = ("", "Update: ", "Reminder: ", "Health alert: ", "Today: ")
_SUFFIXES = ("", " More on our website.", " Please share.", " Thank you!", " Details online.")

# Each agency's own COVID-19 messages, each with a word of the dictionary.
_COVID_OWN: Mapping[str, tuple[str, ...]] = {
    "mayor": (
        "The mayor has declared a local state of emergency over COVID-19.",
        "Mayor's briefing on the city's coronavirus response at 5pm, live on our channels.",
        "The city is launching a fund to support small businesses through the pandemic.",
        "City Hall is closed to the public during the COVID-19 emergency; services continue "
        "online.",
    ),
    "health": _LEAD_OTHER,
    "emergency": (
        "Sign up for text alerts about COVID-19 in the city.",
        "The emergency operations center is activated for the coronavirus response.",
        "Beware of coronavirus scams: the city never asks for payment for tests.",
        "A COVID-19 resource guide in five languages is now online.",
    ),
    "police": (
        "Officers will remind groups to keep social distancing in public spaces.",
        "File non-emergency reports online to limit contact during the COVID-19 emergency.",
        "Our lobby is closed because of the coronavirus; call the non-emergency line.",
        "Report price gouging on sanitizer and masks during the pandemic.",
    ),
    "fire": (
        "Paramedics may wear masks and gowns on arrival: part of our COVID-19 precautions.",
        "Call 911 for emergencies only; tell the dispatcher if anyone at home has COVID-19 "
        "symptoms.",
        "Fire station open houses are cancelled due to the coronavirus.",
        "Our crews are healthy and ready to respond during the pandemic.",
    ),
    "transit": (
        "Rear-door boarding only and fares suspended to protect operators during the "
        "COVID-19 emergency.",
        "Reduced service because of the coronavirus: ride only for essential trips.",
        "Buses and trains are cleaned every night during the pandemic.",
        "Face coverings are required for all riders.",
    ),
    "parks": (
        "Playgrounds and sports courts are closed to slow the spread of COVID-19.",
        "Trails stay open: keep six feet apart and practice social distancing.",
        "All recreation center programs are cancelled because of the coronavirus.",
        "Get outside close to home, alone or with your household, during the pandemic.",
    ),
    "library": (
        "All branches are closed to slow the spread of COVID-19; due dates are extended.",
        "At home during the pandemic? Borrow e-books and audiobooks with your library card.",
        "Online storytime every morning while branches are closed for the coronavirus.",
        "Library staff are helping answer the city's COVID-19 hotline.",
    ),
    "schools": (
        "Schools are closed because of COVID-19; grab-and-go meals are available for students.",
        "Distance learning starts Monday during the coronavirus closure; pick up a laptop.",
    ),
    "311": (
        "Questions about COVID-19 services? Call 311 or chat with us online.",
        "Longer wait times: our agents are answering many coronavirus calls.",
    ),
    "housing": (
        "No evictions for nonpayment during the COVID-19 emergency.",
        "Our offices are closed due to the coronavirus; pay rent online.",
    ),
    "works": (
        "Trash and recycling pickup continues on schedule during the COVID-19 emergency.",
        "Please bag your trash: it protects our crews from the coronavirus.",
    ),
    "business": (
        "Small businesses hit by the pandemic can apply for emergency loans.",
        "Restaurants: takeout and delivery only during the COVID-19 emergency.",
    ),
    "human services": (
        "Emergency food boxes for seniors during the COVID-19 emergency: call for delivery.",
        "Shelters are adding beds to allow social distancing.",
    ),
    "animals": (
        "Shelter visits by appointment only during the COVID-19 emergency.",
        "Foster a pet while you stay home: apply online.",
    ),
}

# A few of the agencies' COVID-19 messages use no dictionary word: the dictionary misses them.
_COVID_IMPLICIT: Mapping[str, tuple[str, ...]] = {
    "mayor": ("Thank you to every essential worker keeping our city running.",),
    "emergency": ("Donations of gloves and gowns for responders: drop them at the warehouse.",),
    "police": ("Thank you for staying in: traffic is down and so are crashes.",),
    "transit": ("Keep space between riders; wait for the next bus if it is crowded.",),
    "parks": ("Picnic areas are closed until further notice.",),
    "library": ("Book drops are closed; keep your items until we reopen.",),
    "schools": ("Free meals for students at 20 sites on weekdays.",),
    "311": ("Please call 311 instead of visiting our offices in person.",),
}
_IMPLICIT_DEFAULT = ("Our offices are closed to the public until further notice.",)
_IMPLICIT = 0.03  # share of an agency's own (non-echo) COVID-19 tweets using no dictionary word

# Routine tweets, none with a dictionary word.
_ROUTINE: Mapping[str, tuple[str, ...]] = {
    "mayor": (
        "The mayor signed the budget for the next fiscal year.",
        "Join the mayor at the community town hall tonight.",
        "Congratulations to our high school basketball champions!",
        "The mayor announced new investments in affordable housing.",
        "Happy Lunar New Year to everyone celebrating in our city.",
    ),
    "health": (
        "Free blood pressure screenings at community centers this week.",
        "Restaurant inspection results are posted online.",
        "Quit smoking: free support is available through our clinic.",
        "Get your child's vaccinations up to date.",
        "Heart health month: small changes add up.",
    ),
    "emergency": (
        "Check your emergency kit: water, food, flashlight and batteries.",
        "Winter storm watch tonight: drive carefully.",
        "Outdoor warning sirens are tested on the first Wednesday of the month.",
        "Sign up for emergency alerts by text and email.",
    ),
    "police": (
        "Traffic advisory: lane closures downtown for the parade on Saturday.",
        "Coffee with a cop tomorrow morning at the community center.",
        "Lock your car and take your valuables with you.",
        "Welcome to our newest officers, who graduated from the academy today.",
        "Help us identify a suspect in a downtown burglary.",
    ),
    "fire": (
        "Test your smoke alarms once a month.",
        "Crews contained a two-alarm fire this morning; no injuries reported.",
        "Space heaters need three feet of clearance.",
        "CPR class this weekend at station 7.",
    ),
    "transit": (
        "Weekend track work: shuttle buses replace trains between two stations.",
        "Service change on route 12 due to construction.",
        "New real-time arrival screens are live at downtown stops.",
        "Buses are running with delays due to the weather.",
    ),
    "parks": (
        "Registration for spring soccer leagues opens today.",
        "Join volunteers for a tree planting on Saturday.",
        "The pool at Riverside Park reopens after renovation.",
        "Birdwatching walk at the nature center this weekend.",
    ),
    "library": (
        "Storytime for toddlers every Tuesday at 10am.",
        "Free tax help at the central library on Saturdays.",
        "New books this week: check out our staff picks.",
        "Teen coding club meets after school on Thursdays.",
    ),
    "schools": (
        "Registration for kindergarten is open.",
        "Congratulations to our science fair winners.",
        "Spring break starts Monday; classes resume the following week.",
    ),
    "311": (
        "Report potholes, graffiti and broken streetlights to 311.",
        "311 is open 24 hours a day, 7 days a week.",
    ),
    "housing": (
        "Applications for the housing voucher waitlist open next month.",
        "Free workshop for first-time home buyers on Saturday.",
    ),
    "works": (
        "Street sweeping resumes next week; move your car.",
        "Pothole repairs on Main Street tonight.",
        "The bulk trash pickup schedule for this month is online.",
    ),
    "business": (
        "Apply for a small business grant for storefront improvements.",
        "Free workshop on starting a business next Tuesday.",
    ),
    "human services": (
        "Warming centers are open during the cold snap.",
        "Apply for heating bill assistance before the deadline.",
    ),
    "animals": (
        "Meet our pet of the week!",
        "Low-cost vaccination clinic for pets on Saturday.",
    ),
}

# Routine tweets that happen to use a dictionary word: the dictionary's false positives.
_AMBIGUOUS_TWEETS: Mapping[str, tuple[str, ...]] = {
    "health": (
        "Flu season is not over: the flu virus is still circulating, so get your flu shot.",
        "Measles outbreak in a neighbouring county: check your vaccination records.",
    ),
    "animals": ("New arrivals at the shelter stay in quarantine for ten days.",),
}
_AMBIGUOUS_DEFAULT = (
    "Beware of phishing emails: do not open attachments that may carry a computer virus.",
)

COVID_TERMS: tuple[str, ...] = (
    "covid",
    "covid19",
    "covid-19",
    "coronavirus",
    "sars-cov-2",
    "pandemic",
    "social distancing",
    "physical distancing",
    "stay home",
    "stay at home",
    "shelter in place",
    "face covering",
    "face coverings",
    "quarantine",
    "outbreak",
    "virus",
)
"""The chapter's COVID-19 keyword dictionary (matched as whole words, any case)."""

# --------------------------------------------------------------------------------------------
# Simulation
# --------------------------------------------------------------------------------------------


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
        ``is_retweet``: the columns :func:`read_city_tweets` gives for real data.
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


def _snowflake_ids(created_at: pd.Series) -> pd.Series:
    """Snowflake-style IDs whose time bits are ``created_at`` (rows in time order)."""
    since_1970 = created_at - pd.Timestamp(0, tz="UTC")
    ms = (since_1970 // pd.Timedelta(milliseconds=1)).to_numpy() - gio.TWITTER_EPOCH_MS
    sequence = np.arange(len(ms)) % 4096
    return pd.Series((ms << 22) + sequence, index=created_at.index).astype(str)


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
    tweets["tweet_id"] = _snowflake_ids(tweets["created_at"])
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


# --------------------------------------------------------------------------------------------
# Finding COVID-19 tweets
# --------------------------------------------------------------------------------------------


def _dictionary_pattern(terms: Iterable[str]) -> re.Pattern[str]:
    """One regular expression matching any of ``terms`` as whole words, any case."""
    parts = sorted(
        {re.escape(t.strip().lower()).replace(r"\ ", r"\s+") for t in terms}, key=len, reverse=True
    )
    if not parts or parts == [""]:
        raise ValueError("the dictionary has no terms")
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", flags=re.IGNORECASE)


def flag_covid(texts: Sequence[str] | pd.Series, terms: Iterable[str] = COVID_TERMS) -> pd.Series:
    """Flag the texts that use a word or phrase of the dictionary.

    A term matches as a whole word in any case: ``covid`` matches "COVID" and "#covid" but not
    "covid19" (which is a term of its own); spaces inside a term match any run of spaces.

    Parameters
    ----------
    texts : sequence of str or Series
        Tweet texts.
    terms : iterable of str
        The dictionary; default :data:`COVID_TERMS`.

    Returns
    -------
    Series of bool
        True where a text uses a term (index of ``texts`` if it is a Series).

    Examples
    --------
    >>> flag_covid(["Stay  home, save lives", "#COVID19 update", "Virtual storytime"]).tolist()
    [True, True, False]
    """
    series = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype="string")
    pattern = _dictionary_pattern(terms)
    found = series.astype("string").str.contains(pattern, regex=True)
    return found.fillna(False).astype(bool).rename("covid")


def precision_recall(
    predicted: Sequence[bool] | pd.Series, actual: Sequence[bool] | pd.Series
) -> pd.Series:
    """Score a yes/no flag against the truth.

    Parameters
    ----------
    predicted, actual : sequences of bool, same length
        The flag (for example :func:`flag_covid`) and the true labels.

    Returns
    -------
    Series
        ``true_positives``, ``false_positives``, ``false_negatives``, ``true_negatives``,
        ``precision`` (share of flagged items that are true), ``recall`` (share of true items
        flagged) and ``f1`` (their harmonic mean); NaN where a share has no denominator.

    Examples
    --------
    >>> precision_recall([True, True, False, False], [True, False, True, False])["precision"]
    np.float64(0.5)
    """
    p = np.asarray(predicted, dtype=bool)
    a = np.asarray(actual, dtype=bool)
    if p.shape != a.shape:
        raise ValueError(f"predicted has {p.size} values but actual has {a.size}")
    tp, fp = int((p & a).sum()), int((p & ~a).sum())
    fn, tn = int((~p & a).sum()), int((~p & ~a).sum())
    precision = tp / (tp + fp) if tp + fp else np.nan
    recall = tp / (tp + fn) if tp + fn else np.nan
    f1 = 2 * precision * recall / (precision + recall) if tp else np.nan
    return pd.Series(
        {
            "true_positives": tp,
            "false_positives": fp,
            "false_negatives": fn,
            "true_negatives": tn,
            "precision": precision,
            "recall": recall,
            "f1": f1,
        }
    )


# --------------------------------------------------------------------------------------------
# Adoption and attention
# --------------------------------------------------------------------------------------------


def _with_accounts(tweets: pd.DataFrame, accounts: pd.DataFrame) -> pd.DataFrame:
    """Tweets with their account's city and lead flag (inner join on ``account``)."""
    return tweets.merge(accounts[["account", "city", "lead"]], on="account", how="inner")


def _monday(times: pd.Series) -> pd.Series:
    """Return the Monday (00:00 UTC) of each timestamp's week."""
    days = times.dt.floor("D")
    return days - pd.to_timedelta(days.dt.day_of_week, unit="D")


def adoption_dates(
    tweets: pd.DataFrame,
    accounts: pd.DataFrame,
    covid: pd.Series,
    *,
    min_tweets: int = 2,
    window_days: int = 7,
    reference: pd.Timestamp = PANDEMIC_DECLARED,
) -> pd.DataFrame:
    """Date each agency began to tweet about COVID-19.

    An agency adopts on the day of its first own (not retweeted) COVID-19 tweet that is followed,
    within ``window_days`` days, by enough others to make ``min_tweets`` in all. With
    ``min_tweets=1`` this is simply the first COVID-19 tweet, which one false positive of the
    dictionary (a January tweet about a measles outbreak) can move by weeks.

    Parameters
    ----------
    tweets : DataFrame
        ``account``, ``created_at`` (UTC), ``is_retweet``.
    accounts : DataFrame
        ``account``, ``city``, ``lead``.
    covid : Series of bool
        Whether each tweet is about COVID-19 (aligned with ``tweets``).
    min_tweets, window_days : int
        The rule above.
    reference : Timestamp
        Day lags are counted from (default: the WHO's pandemic declaration, 11 March 2020).

    Returns
    -------
    DataFrame
        One row per account of ``accounts``: ``account``, ``city``, ``lead``, ``adopted_on``
        (UTC day, NaT if never) and ``lag_days`` (days after ``reference``; negative before).

    Examples
    --------
    >>> tweets = pd.DataFrame({"account": ["a"] * 3, "is_retweet": [False] * 3,
    ...     "created_at": pd.to_datetime(["2020-01-05", "2020-03-01", "2020-03-04"], utc=True)})
    >>> accounts = pd.DataFrame({"account": ["a"], "city": ["X"], "lead": [True]})
    >>> covid = pd.Series([True, True, True])
    >>> adoption_dates(tweets, accounts, covid)["adopted_on"].dt.date.tolist()
    [datetime.date(2020, 3, 1)]
    >>> adoption_dates(tweets, accounts, covid, min_tweets=1)["lag_days"].tolist()
    [-66.0]
    """
    if min_tweets < 1:
        raise ValueError("min_tweets must be at least 1")
    own = tweets.loc[covid.to_numpy(dtype=bool) & ~tweets["is_retweet"].to_numpy(dtype=bool)]
    window = pd.Timedelta(days=window_days).value
    first: dict[str, pd.Timestamp] = {}
    for account, group in own.groupby("account", sort=False):
        times = np.sort(group["created_at"].to_numpy(dtype="datetime64[ns]").astype("int64"))
        ends = np.searchsorted(times, times + window, side="left")
        enough = np.flatnonzero(ends - np.arange(len(times)) >= min_tweets)
        if len(enough):
            first[str(account)] = pd.Timestamp(times[enough[0]], tz="UTC").floor("D")
    out = accounts[["account", "city", "lead"]].copy()
    out["adopted_on"] = pd.to_datetime(out["account"].map(first), utc=True)
    out["lag_days"] = (out["adopted_on"] - reference.floor("D")).dt.days.astype(float)
    return out.reset_index(drop=True)


def adoption_curves(
    adoption: pd.DataFrame,
    *,
    start: pd.Timestamp = WINDOW_START,
    end: pd.Timestamp = WINDOW_END,
) -> pd.DataFrame:
    """Cumulative share of each city's agencies that have tweeted about COVID-19, by day.

    Parameters
    ----------
    adoption : DataFrame
        From :func:`adoption_dates`: ``city``, ``adopted_on``.
    start, end : Timestamp
        First and last day of the curves (UTC).

    Returns
    -------
    DataFrame
        Index: days; one column per city; values: share of the city's agencies (all of them,
        lead included) that adopted on or before the day.

    Examples
    --------
    >>> adoption = pd.DataFrame({"city": ["X", "X"],
    ...     "adopted_on": pd.to_datetime(["2020-01-02", None], utc=True)})
    >>> adoption_curves(adoption, start=pd.Timestamp("2020-01-01", tz="UTC"),
    ...                 end=pd.Timestamp("2020-01-03", tz="UTC"))["X"].tolist()
    [0.0, 0.5, 0.5]
    """
    days = pd.date_range(start.floor("D"), end.floor("D"), freq="D")
    curves = {}
    for city, group in adoption.groupby("city", sort=True):
        adopted = group["adopted_on"].dropna().sort_values().to_numpy()
        curves[city] = np.searchsorted(adopted, days.to_numpy(), side="right") / len(group)
    return pd.DataFrame(curves, index=days).rename_axis("day")


def covid_attention(tweets: pd.DataFrame, accounts: pd.DataFrame, covid: pd.Series) -> pd.DataFrame:
    """Weekly share of each city's own tweets (retweets left out) about COVID-19.

    Parameters
    ----------
    tweets : DataFrame
        ``account``, ``created_at``, ``is_retweet``.
    accounts : DataFrame
        ``account``, ``city``, ``lead``.
    covid : Series of bool
        Aligned with ``tweets``.

    Returns
    -------
    DataFrame
        ``city``, ``week`` (its Monday, UTC), ``tweets``, ``covid_tweets`` and ``share``.

    Examples
    --------
    >>> tweets = pd.DataFrame({"account": ["a", "a"], "is_retweet": [False, False],
    ...     "created_at": pd.to_datetime(["2020-03-02", "2020-03-03"], utc=True)})
    >>> accounts = pd.DataFrame({"account": ["a"], "city": ["X"], "lead": [True]})
    >>> covid_attention(tweets, accounts, pd.Series([True, False]))["share"].tolist()
    [0.5]
    """
    frame = tweets.assign(covid=covid.to_numpy(dtype=bool))
    frame = _with_accounts(frame[~frame["is_retweet"].to_numpy(dtype=bool)], accounts)
    frame["week"] = _monday(frame["created_at"])
    weekly = frame.groupby(["city", "week"]).agg(
        tweets=("covid", "size"), covid_tweets=("covid", "sum")
    )
    weekly["share"] = weekly["covid_tweets"] / weekly["tweets"]
    return weekly.reset_index()


# --------------------------------------------------------------------------------------------
# The inter-agency network
# --------------------------------------------------------------------------------------------

_RT_HEAD = re.compile(r"^RT @(\w{1,15}):")
_HANDLE = re.compile(r"@(\w{1,15})")


def interaction_ties(tweets: pd.DataFrame, accounts: pd.DataFrame) -> pd.DataFrame:
    """Directed ties among each city's accounts, from retweets and @mentions.

    A retweet (text ``RT @handle: ...``) is a tie from the retweeting account to ``handle``;
    every @handle in an own tweet is a tie from its author to ``handle``. Mentions inside a
    retweeted text are the original author's, so they are not counted. Only handles of the
    same city's accounts (any case) count; self-mentions are ignored.

    Parameters
    ----------
    tweets : DataFrame
        ``account``, ``text``, ``is_retweet``.
    accounts : DataFrame
        ``account``, ``city``.

    Returns
    -------
    DataFrame
        ``city``, ``source``, ``target``, ``retweets``, ``mentions`` and ``weight`` (their
        sum), one row per directed tie, sorted.

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": ["A_Health", "A_Parks"], "city": ["A", "A"]})
    >>> tweets = pd.DataFrame({"account": ["A_Parks", "A_Parks"], "is_retweet": [True, False],
    ...     "text": ["RT @A_Health: wash hands", "Thanks @a_health and @Other"]})
    >>> interaction_ties(tweets, accounts)[["source", "target", "weight"]].values.tolist()
    [['A_Parks', 'A_Health', 2]]
    """
    handle_of = {str(a).lower(): str(a) for a in accounts["account"]}
    city_of = dict(zip(accounts["account"], accounts["city"], strict=True))
    text = tweets["text"].astype("string").fillna("")
    is_rt = tweets["is_retweet"].to_numpy(dtype=bool)
    retweeted = text[is_rt].str.extract(_RT_HEAD, expand=False)
    rt = pd.DataFrame({"source": tweets["account"][is_rt], "handle": retweeted, "kind": "retweets"})
    mentioned = text[~is_rt].str.findall(_HANDLE)
    mn = pd.DataFrame({"source": tweets["account"][~is_rt], "handle": mentioned}).explode("handle")
    mn["kind"] = "mentions"
    links = pd.concat([rt, mn], ignore_index=True).dropna(subset=["handle"])
    links["target"] = links["handle"].str.lower().map(handle_of)
    links["city"] = links["source"].map(city_of)
    links = links[
        links["target"].notna()
        & (links["target"].map(city_of) == links["city"])
        & (links["target"] != links["source"])
    ]
    counts = links.groupby(["city", "source", "target", "kind"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=["retweets", "mentions"], fill_value=0)
    counts["weight"] = counts["retweets"] + counts["mentions"]
    out = counts.reset_index().rename_axis(columns=None)
    for name in ("city", "source", "target"):
        out[name] = out[name].astype("string")
    return out.astype({"retweets": int, "mentions": int, "weight": int})


def freeman_centralisation(graph: nx.Graph) -> float:
    r"""Freeman's degree centralisation of a graph, read as undirected.

    .. math:: C = \frac{\sum_i (d_{\max} - d_i)}{(n-1)(n-2)}

    where :math:`d_i` is node :math:`i`'s degree and :math:`n` the number of nodes. The
    denominator is the largest sum possible, reached by a star, so a star scores 1 and any
    graph in which every node has the same degree (a cycle, a complete graph) scores 0.
    Directed graphs are read as undirected (a tie in either direction, or both, is one tie).

    Parameters
    ----------
    graph : networkx.Graph or DiGraph
        The network; isolated nodes count.

    Returns
    -------
    float
        Centralisation between 0 and 1; NaN for fewer than three nodes.

    Examples
    --------
    >>> freeman_centralisation(nx.star_graph(4)), freeman_centralisation(nx.cycle_graph(5))
    (1.0, 0.0)
    """
    undirected = graph.to_undirected() if graph.is_directed() else graph
    n = undirected.number_of_nodes()
    if n < 3:
        return float("nan")
    degrees = np.array([d for _, d in undirected.degree()], dtype=float)
    return float((degrees.max() - degrees).sum() / ((n - 1) * (n - 2)))


def _city_graph(ties: pd.DataFrame, members: Sequence[str]) -> nx.DiGraph:
    """Build a directed graph of ``members`` (isolates included) and the ties among them."""
    graph = nx.DiGraph()
    graph.add_nodes_from(members)
    for row in ties.itertuples(index=False):
        if row.source in graph and row.target in graph:
            graph.add_edge(row.source, row.target, weight=getattr(row, "weight", 1))
    return graph


def network_measures(ties: pd.DataFrame, accounts: pd.DataFrame) -> pd.DataFrame:
    """Describe each city's network of ties among its accounts.

    Parameters
    ----------
    ties : DataFrame
        Directed ties: ``city``, ``source``, ``target`` (from :func:`interaction_ties`).
    accounts : DataFrame
        ``account``, ``city``, ``lead``: every account is a node, tied or not.

    Returns
    -------
    DataFrame
        One row per city: ``agencies``, ``ties`` (directed), ``undirected_ties``, ``density``
        (directed ties over possible ones, n(n-1)), ``centralisation`` (Freeman degree
        centralisation of the undirected graph), ``reciprocity`` (share of directed ties
        returned), ``lead_tie_share`` (share of directed ties pointing to the lead agency, i.e.
        agencies retweeting or mentioning it), ``isolated_share`` (share of agencies with no tie
        at all) and ``hub`` (the account with most ties in and out).

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": list("hab"), "city": "X", "lead": [1, 0, 0]})
    >>> ties = pd.DataFrame({"city": "X", "source": ["a", "b", "h"], "target": ["h", "h", "a"]})
    >>> measures = network_measures(ties, accounts).loc[0]
    >>> [round(float(measures[m]), 3) for m in ("density", "reciprocity", "lead_tie_share")]
    [0.5, 0.667, 0.667]
    """
    rows = []
    for city, members in accounts.groupby("city", sort=True):
        names = members["account"].astype(str).tolist()
        lead = members.loc[members["lead"].astype(bool), "account"].astype(str).tolist()
        graph = _city_graph(ties[ties["city"] == city], names)
        n, m = graph.number_of_nodes(), graph.number_of_edges()
        degree = dict(graph.to_undirected().degree())
        to_lead = sum(1 for _, target in graph.edges() if target in lead)
        rows.append(
            {
                "city": city,
                "agencies": n,
                "ties": m,
                "undirected_ties": graph.to_undirected().number_of_edges(),
                "density": nx.density(graph) if n > 1 else np.nan,
                "centralisation": freeman_centralisation(graph),
                "reciprocity": nx.reciprocity(graph) if m else np.nan,
                "lead_tie_share": to_lead / m if m else np.nan,
                "isolated_share": sum(1 for d in degree.values() if d == 0) / n,
                "hub": max(names, key=lambda name: (degree[name], name in lead)) if m else None,
            }
        )
    return pd.DataFrame(rows)


def random_centralisation(
    n_nodes: int, n_edges: int, *, n_graphs: int = 1000, seed: int = 0
) -> np.ndarray:
    """Freeman centralisation of random graphs with ``n_nodes`` nodes and ``n_edges`` ties.

    Each graph draws its ties uniformly among all pairs of nodes (an Erdős-Rényi G(n, m)
    graph): what a network of this size and density looks like when no agency is a hub.

    Parameters
    ----------
    n_nodes, n_edges : int
        Nodes, and undirected ties (at most n(n-1)/2).
    n_graphs : int
        How many random graphs.
    seed : int
        Seed of the random generator.

    Returns
    -------
    ndarray
        ``n_graphs`` centralisation values.

    Examples
    --------
    >>> random_centralisation(4, 6, n_graphs=3).tolist()  # the complete graph, every time
    [0.0, 0.0, 0.0]
    """
    pairs = np.array(np.triu_indices(n_nodes, 1))
    if not 0 <= n_edges <= pairs.shape[1]:
        raise ValueError(f"{n_edges} ties do not fit in a graph of {n_nodes} nodes")
    if n_nodes < 3:
        return np.full(n_graphs, np.nan)
    rng = np.random.default_rng(seed)
    chosen = np.argsort(rng.random((n_graphs, pairs.shape[1])), axis=1)[:, :n_edges]
    degrees = np.zeros((n_graphs, n_nodes))
    rows = np.repeat(np.arange(n_graphs), n_edges)
    np.add.at(degrees, (rows, pairs[0][chosen].ravel()), 1)
    np.add.at(degrees, (rows, pairs[1][chosen].ravel()), 1)
    spread = n_nodes * degrees.max(axis=1) - 2 * n_edges
    return spread / ((n_nodes - 1) * (n_nodes - 2))


def centralisation_band(
    network: pd.DataFrame, *, seed: int = 0, n_graphs: int = 1000, level: float = 0.90
) -> pd.DataFrame:
    """Compare each city's centralisation with random networks of the same size and density.

    Parameters
    ----------
    network : DataFrame
        From :func:`network_measures` (``city``, ``agencies``, ``undirected_ties``,
        ``centralisation``).
    seed : int
        Seed of the random graphs.
    n_graphs : int
        Random graphs per city.
    level : float
        Coverage of the band: with 0.90, a network above the band is more centralised than
        95 % of the random ones (a one-sided test at the 5 % level).

    Returns
    -------
    DataFrame
        ``city``, ``centralisation``, ``band_low`` and ``band_high`` (the central ``level``
        range of the random graphs), ``p_value`` (share of random graphs at least as
        centralised, counting the observed one) and ``hub_found`` (above the band).

    Examples
    --------
    >>> network = pd.DataFrame({"city": ["X"], "agencies": [6], "undirected_ties": [5],
    ...                         "centralisation": [1.0]})
    >>> bool(centralisation_band(network, n_graphs=200).loc[0, "hub_found"])
    True
    """
    rows = []
    alpha = (1 - level) / 2
    for position, row in enumerate(network.itertuples(index=False)):
        values = random_centralisation(
            int(row.agencies), int(row.undirected_ties), n_graphs=n_graphs, seed=seed + position
        )
        low, high = np.quantile(values, [alpha, 1 - alpha])
        p = (1 + np.sum(values >= row.centralisation - 1e-12)) / (1 + n_graphs)
        rows.append(
            {
                "city": row.city,
                "centralisation": row.centralisation,
                "band_low": low,
                "band_high": high,
                "p_value": p,
                "hub_found": bool(row.centralisation > high),
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Message consistency
# --------------------------------------------------------------------------------------------

_NOT_CONTENT = re.compile(r"^RT @\w+:\s*|@\w+|https?://\S+")


def message_consistency(
    tweets: pd.DataFrame, accounts: pd.DataFrame, covid: pd.Series
) -> pd.DataFrame:
    """Compare each agency COVID-19 message with the lead agency's messages of the same week.

    Each own COVID-19 tweet of a non-lead agency is set against one document: all own COVID-19
    tweets of its city's lead agency in the same week (Monday to Sunday, UTC). Both become
    TF-IDF vectors (English stop words removed, @handles and links dropped) and their cosine
    similarity is the message's consistency: 0 when they share no word, 1 when they use the
    same words in the same proportions.

    Parameters
    ----------
    tweets : DataFrame
        ``account``, ``created_at``, ``text``, ``is_retweet``.
    accounts : DataFrame
        ``account``, ``city``, ``lead``.
    covid : Series of bool
        Aligned with ``tweets``.

    Returns
    -------
    DataFrame
        One row per non-lead COVID-19 message: ``tweet_id`` (if ``tweets`` has it), ``city``,
        ``account``, ``week`` and ``cosine`` (NaN when the lead posted no COVID-19 tweet that
        week).

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": ["h", "p"], "city": "X", "lead": [True, False]})
    >>> tweets = pd.DataFrame({"account": ["h", "p"], "is_retweet": False,
    ...     "created_at": pd.to_datetime(["2020-03-02", "2020-03-03"], utc=True),
    ...     "text": ["Stay home, covid", "Please stay home covid"]})
    >>> round(float(message_consistency(tweets, accounts, pd.Series([True, True]))["cosine"][0]), 6)
    1.0
    """
    keep = covid.to_numpy(dtype=bool) & ~tweets["is_retweet"].to_numpy(dtype=bool)
    frame = _with_accounts(tweets.loc[keep], accounts)
    columns = ["tweet_id", "city", "account", "week", "cosine"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame["clean"] = frame["text"].astype("string").str.replace(_NOT_CONTENT, " ", regex=True)
    frame["week"] = _monday(frame["created_at"])
    lead_docs = frame[frame["lead"].astype(bool)].groupby(["city", "week"])["clean"].agg(" ".join)
    others = frame[~frame["lead"].astype(bool)].reset_index(drop=True)
    if "tweet_id" not in others:
        others["tweet_id"] = pd.NA
    if others.empty:
        return pd.DataFrame(columns=columns)
    vectorizer = TfidfVectorizer(
        token_pattern=TOKEN_PATTERN,
        stop_words="english",
        sublinear_tf=True,
        strip_accents="unicode",
    )
    corpus = pd.concat([others["clean"], lead_docs.reset_index(drop=True)], ignore_index=True)
    try:
        vectorizer.fit(corpus.fillna(""))
    except ValueError:  # no word left: every message is only stop words or handles
        return others.assign(cosine=np.nan)[columns]
    keys = pd.MultiIndex.from_frame(others[["city", "week"]])
    has_lead = keys.isin(lead_docs.index)
    lead_text = pd.Series("", index=others.index, dtype="string")
    lead_text[has_lead] = lead_docs.reindex(keys[has_lead]).to_numpy()
    message_vectors = vectorizer.transform(others["clean"].fillna(""))
    lead_vectors = vectorizer.transform(lead_text.fillna(""))
    cosine = np.asarray(message_vectors.multiply(lead_vectors).sum(axis=1)).ravel()
    others["cosine"] = np.where(has_lead, cosine, np.nan)
    return others[columns]


def agency_summary(
    adoption: pd.DataFrame,
    consistency: pd.DataFrame,
    *,
    echo_threshold: float = 0.35,
) -> pd.DataFrame:
    """One row per agency: when it adopted, and how consistent its COVID-19 messages were.

    Parameters
    ----------
    adoption : DataFrame
        From :func:`adoption_dates`.
    consistency : DataFrame
        From :func:`message_consistency`.
    echo_threshold : float
        A message whose cosine with the lead's messages of its week reaches this value counts
        as restating ("echoing") the lead's message.

    Returns
    -------
    DataFrame
        ``adoption``'s columns plus ``covid_messages`` (compared with a lead message),
        ``consistency`` (mean cosine) and ``echo_share`` (share at or above the threshold);
        NaN for the lead agencies and for agencies with no message to compare.

    Examples
    --------
    >>> adoption = pd.DataFrame({"account": ["p"], "city": ["X"], "lead": [False],
    ...     "adopted_on": pd.to_datetime(["2020-03-01"], utc=True), "lag_days": [-10.0]})
    >>> consistency = pd.DataFrame({"account": ["p", "p"], "cosine": [0.9, 0.1]})
    >>> agency_summary(adoption, consistency)[["consistency", "echo_share"]].values.tolist()
    [[0.5, 0.5]]
    """
    scored = consistency.dropna(subset=["cosine"])
    per_agency = scored.groupby("account")["cosine"].agg(
        covid_messages="size",
        consistency="mean",
        echo_share=lambda c: float((c >= echo_threshold).mean()),
    )
    out = adoption.merge(per_agency, left_on="account", right_index=True, how="left")
    out["covid_messages"] = out["covid_messages"].fillna(0).astype(int)
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# City estimates with bootstrap intervals
# --------------------------------------------------------------------------------------------


_STATISTICS = {"mean": np.mean, "median": np.median}


def _bootstrap(
    values: np.ndarray, rng: np.random.Generator, n_boot: int, statistic: str
) -> np.ndarray:
    """Return the statistic of ``n_boot`` resamples (with replacement) of ``values``."""
    draws = rng.integers(0, len(values), size=(n_boot, len(values)))
    return _STATISTICS[statistic](values[draws], axis=1)


def city_estimates(
    agencies: pd.DataFrame,
    value: str,
    *,
    statistic: Literal["mean", "median"] = "mean",
    seed: int = 0,
    n_boot: int = 2000,
    level: float = 0.95,
) -> pd.DataFrame:
    """Mean (or median) of an agency-level measure per city, with a bootstrap interval.

    The lead agencies are left out (the measures compare the other agencies with the lead).
    Agencies are resampled with replacement within each city (percentile interval).

    Parameters
    ----------
    agencies : DataFrame
        From :func:`agency_summary`: ``city``, ``lead`` and the ``value`` column.
    value : str
        The measure, e.g. ``"lag_days"`` or ``"echo_share"``.
    statistic : {"mean", "median"}
        The median resists a single misdated agency.
    seed, n_boot, level : int, int, float
        Seed, number of resamples and coverage of the interval.

    Returns
    -------
    DataFrame
        ``city``, ``agencies`` (with a value), ``estimate``, ``ci_low``, ``ci_high``.

    Examples
    --------
    >>> agencies = pd.DataFrame({"city": "X", "lead": False, "lag": [1.0, 1.0, 1.0]})
    >>> city_estimates(agencies, "lag")[["estimate", "ci_low", "ci_high"]].values.tolist()
    [[1.0, 1.0, 1.0]]
    """
    rng = np.random.default_rng(seed)
    alpha = (1 - level) / 2
    rows = []
    others = agencies[~agencies["lead"].astype(bool)]
    for city, group in others.groupby("city", sort=True):
        values = group[value].dropna().to_numpy(dtype=float)
        if len(values) == 0:
            rows.append(
                {
                    "city": city,
                    "agencies": 0,
                    "estimate": np.nan,
                    "ci_low": np.nan,
                    "ci_high": np.nan,
                }
            )
            continue
        draws = _bootstrap(values, rng, n_boot, statistic)
        low, high = np.quantile(draws, [alpha, 1 - alpha])
        rows.append(
            {
                "city": city,
                "agencies": len(values),
                "estimate": float(_STATISTICS[statistic](values)),
                "ci_low": low,
                "ci_high": high,
            }
        )
    return pd.DataFrame(rows)


def city_contrast(
    agencies: pd.DataFrame,
    value: str,
    city: str,
    baseline: str,
    *,
    statistic: Literal["mean", "median"] = "mean",
    seed: int = 0,
    n_boot: int = 2000,
    level: float = 0.95,
) -> pd.Series:
    """Difference of an agency-level mean (or median) between two cities, bootstrapped.

    Parameters
    ----------
    agencies : DataFrame
        From :func:`agency_summary`.
    value : str
        The measure.
    city, baseline : str
        The difference is ``city`` minus ``baseline``.
    statistic : {"mean", "median"}
        What is compared.
    seed, n_boot, level : int, int, float
        Seed, resamples (agencies resampled within each city, independently) and coverage.

    Returns
    -------
    Series
        ``difference``, ``ci_low``, ``ci_high`` and ``covers_zero``.

    Examples
    --------
    >>> agencies = pd.DataFrame({"city": ["X", "X", "Y", "Y"], "lead": False,
    ...                          "lag": [5.0, 5.0, 1.0, 1.0]})
    >>> float(city_contrast(agencies, "lag", "X", "Y")["difference"])
    4.0
    """
    rng = np.random.default_rng(seed)
    others = agencies[~agencies["lead"].astype(bool)]
    first = others.loc[others["city"] == city, value].dropna().to_numpy(dtype=float)
    second = others.loc[others["city"] == baseline, value].dropna().to_numpy(dtype=float)
    if len(first) == 0 or len(second) == 0:
        return pd.Series(
            {"difference": np.nan, "ci_low": np.nan, "ci_high": np.nan, "covers_zero": True}
        )
    diffs = _bootstrap(first, rng, n_boot, statistic) - _bootstrap(second, rng, n_boot, statistic)
    alpha = (1 - level) / 2
    low, high = np.quantile(diffs, [alpha, 1 - alpha])
    centre = _STATISTICS[statistic]
    return pd.Series(
        {
            "difference": float(centre(first) - centre(second)),
            "ci_low": low,
            "ci_high": high,
            "covers_zero": bool(low <= 0 <= high),
        }
    )


# --------------------------------------------------------------------------------------------
# Fragmentation index, the whole analysis, recovery and scorecard
# --------------------------------------------------------------------------------------------


def fragmentation_index(
    network: pd.DataFrame, agencies: pd.DataFrame, *, reference: pd.Timestamp = PANDEMIC_DECLARED
) -> pd.DataFrame:
    """Compute a transparent fragmentation index: the mean of four shares, each 0 to 1.

    Components (higher means more fragmented):

    - ``isolated_share``: share of agencies with no retweet or mention tie to another of the
      city's accounts (internal coordination);
    - ``decentralisation``: 1 minus Freeman degree centralisation (no agency pulls the
      network together);
    - ``late_share``: share of agencies (lead left out) whose first COVID-19 tweet came after
      ``reference``, or never (outreach timing);
    - ``inconsistency``: 1 minus the mean consistency of the agencies' COVID-19 messages with
      the lead agency's (outreach content).

    Parameters
    ----------
    network : DataFrame
        From :func:`network_measures`.
    agencies : DataFrame
        From :func:`agency_summary`.
    reference : Timestamp
        The cut-off for late adoption (default: 11 March 2020).

    Returns
    -------
    DataFrame
        ``city``, the four components and ``fragmentation_index`` (their mean; components that
        cannot be computed are left out of the mean).

    Examples
    --------
    >>> network = pd.DataFrame({"city": ["X"], "isolated_share": [0.5], "centralisation": [0.5]})
    >>> agencies = pd.DataFrame({"city": ["X"], "lead": [False], "consistency": [0.5],
    ...     "adopted_on": pd.to_datetime(["2020-04-01"], utc=True)})
    >>> float(fragmentation_index(network, agencies)["fragmentation_index"][0])
    0.625
    """
    others = agencies[~agencies["lead"].astype(bool)]
    late = others["adopted_on"].isna() | (others["adopted_on"] > reference.floor("D"))
    by_city = pd.DataFrame(
        {
            "late_share": late.groupby(others["city"]).mean(),
            "inconsistency": 1 - others.groupby("city")["consistency"].mean(),
        }
    )
    table = network.set_index("city")[["isolated_share"]].assign(
        decentralisation=1 - network.set_index("city")["centralisation"]
    )
    table = table.join(by_city, how="left")
    components = ["isolated_share", "decentralisation", "late_share", "inconsistency"]
    table = table[components]
    table["fragmentation_index"] = table.mean(axis=1, skipna=True)
    return table.reset_index().rename(columns={"index": "city"})


@dataclass(frozen=True)
class CityAnalysis:
    """Every measure of the chapter for one set of city tweets.

    Attributes
    ----------
    covid : Series of bool
        Dictionary flag per tweet (aligned with the tweets).
    adoption : DataFrame
        :func:`adoption_dates`.
    curves : DataFrame
        :func:`adoption_curves`.
    attention : DataFrame
        :func:`covid_attention`.
    ties : DataFrame
        :func:`interaction_ties`.
    network : DataFrame
        :func:`network_measures` joined with :func:`centralisation_band`.
    consistency : DataFrame
        :func:`message_consistency`.
    agencies : DataFrame
        :func:`agency_summary`.
    fragmentation : DataFrame
        :func:`fragmentation_index`.
    comparison : DataFrame
        One row per city with the chapter's comparative measures.
    seed : int
        Seed of the random graphs and bootstrap resamples.
    """

    covid: pd.Series
    adoption: pd.DataFrame
    curves: pd.DataFrame
    attention: pd.DataFrame
    ties: pd.DataFrame
    network: pd.DataFrame
    consistency: pd.DataFrame
    agencies: pd.DataFrame
    fragmentation: pd.DataFrame
    comparison: pd.DataFrame
    seed: int


def _comparison(
    tweets: pd.DataFrame,
    accounts: pd.DataFrame,
    covid: pd.Series,
    network: pd.DataFrame,
    agencies: pd.DataFrame,
    fragmentation: pd.DataFrame,
) -> pd.DataFrame:
    """One row per city with the measures the chapter compares."""
    frame = _with_accounts(tweets.assign(covid=covid.to_numpy(dtype=bool)), accounts)
    own = frame[~frame["is_retweet"].to_numpy(dtype=bool)]
    after = own[own["created_at"] >= PANDEMIC_DECLARED]
    others = agencies[~agencies["lead"].astype(bool)]
    leads = agencies[agencies["lead"].astype(bool)].set_index("city")
    table = pd.DataFrame(
        {
            "tweets": frame.groupby("city").size(),
            "retweets": frame.groupby("city")["is_retweet"].sum(),
            "covid_share_after_declaration": after.groupby("city")["covid"].mean(),
            "lead_first_covid": leads["adopted_on"],
            "median_first_covid": others.groupby("city")["adopted_on"].agg(
                lambda s: s.dropna().median() if s.notna().any() else pd.NaT
            ),
            "adopted_before_declaration": others.assign(
                early=others["adopted_on"] <= PANDEMIC_DECLARED
            )
            .groupby("city")["early"]
            .mean(),
            "median_lag_days": others.groupby("city")["lag_days"].median(),
            "consistency": others.groupby("city")["consistency"].mean(),
            "echo_share": others.groupby("city")["echo_share"].mean(),
        }
    )
    table = network.set_index("city")[
        [
            "agencies",
            "ties",
            "density",
            "centralisation",
            "hub_found",
            "reciprocity",
            "lead_tie_share",
            "isolated_share",
            "hub",
        ]
    ].join(table, how="left")
    table = table.join(fragmentation.set_index("city")["fragmentation_index"])
    return table.reset_index().rename(columns={"index": "city"})


def format_comparison(comparison: pd.DataFrame) -> pd.DataFrame:
    """Turn :attr:`CityAnalysis.comparison` into a readable table: measures as rows.

    Parameters
    ----------
    comparison : DataFrame
        One row per city, as :func:`analyse` builds it.

    Returns
    -------
    DataFrame
        Index: the measures in plain words; one column per city; values as display text.

    Examples
    --------
    >>> sim = simulate(seed=5)
    >>> table = format_comparison(analyse(sim.tweets, sim.accounts, n_graphs=50).comparison)
    >>> table.loc["Agencies"].tolist()
    ['12', '10', '11']
    """

    def percent(value: float) -> str:
        return "n/a" if pd.isna(value) else f"{value:.0%}"

    def number(value: float, digits: int = 2) -> str:
        return "n/a" if pd.isna(value) else f"{value:.{digits}f}"

    def day(value: pd.Timestamp) -> str:
        return "never" if pd.isna(value) else f"{value:%d %b}"

    rows = {}
    for row in comparison.itertuples(index=False):
        rows[row.city] = {
            "Agencies": f"{row.agencies}",
            "Tweets (of which retweets)": f"{row.tweets:,} ({row.retweets:,})",
            "Own tweets about COVID-19 from 11 March": percent(row.covid_share_after_declaration),
            "Lead health agency's first COVID-19 tweet": day(row.lead_first_covid),
            "Other agencies' median first COVID-19 tweet": day(row.median_first_covid),
            "Other agencies tweeting about COVID-19 by 11 March": percent(
                row.adopted_before_declaration
            ),
            "Median adoption lag (days from 11 March)": number(row.median_lag_days, 0),
            "Ties (retweets and mentions)": f"{row.ties}",
            "Density": number(row.density),
            "Freeman degree centralisation": number(row.centralisation),
            "Hub beyond chance (vs random networks)": "yes" if row.hub_found else "no",
            "Most connected account": row.hub if isinstance(row.hub, str) else "none",
            "Reciprocity": number(row.reciprocity),
            "Share of ties to the lead health agency": percent(row.lead_tie_share),
            "Agencies without ties": percent(row.isolated_share),
            "Consistency with the lead (mean cosine)": number(row.consistency),
            "Messages echoing the lead": percent(row.echo_share),
            "Fragmentation index (0 to 1)": number(row.fragmentation_index),
        }
    return pd.DataFrame(rows).rename_axis("measure")


def analyse(
    tweets: pd.DataFrame,
    accounts: pd.DataFrame,
    *,
    seed: int = 0,
    terms: Iterable[str] = COVID_TERMS,
    min_tweets: int = 2,
    window_days: int = 7,
    echo_threshold: float = 0.35,
    n_graphs: int = 1000,
) -> CityAnalysis:
    """Run every measure of the chapter on one set of city tweets.

    Parameters
    ----------
    tweets : DataFrame
        ``account``, ``created_at``, ``text``, ``is_retweet`` (simulated or
        :func:`read_city_tweets`).
    accounts : DataFrame
        ``account``, ``city``, ``lead``.
    seed : int
        Seed of the random graphs of :func:`centralisation_band`.
    terms : iterable of str
        The COVID-19 dictionary.
    min_tweets, window_days : int
        The adoption rule of :func:`adoption_dates`.
    echo_threshold : float
        The echo rule of :func:`agency_summary`.
    n_graphs : int
        Random graphs per city for the centralisation band.

    Returns
    -------
    CityAnalysis
        All measures.

    Examples
    --------
    >>> sim = simulate(seed=5)
    >>> result = analyse(sim.tweets, sim.accounts, seed=5, n_graphs=100)
    >>> result.comparison["city"].tolist()
    ['City A', 'City B', 'City C']
    """
    covid = flag_covid(tweets["text"], terms)
    covid.index = tweets.index
    adoption = adoption_dates(
        tweets, accounts, covid, min_tweets=min_tweets, window_days=window_days
    )
    start = min(WINDOW_START, tweets["created_at"].min().floor("D"))
    end = max(WINDOW_END, tweets["created_at"].max().floor("D"))
    curves = adoption_curves(adoption, start=start, end=end)
    attention = covid_attention(tweets, accounts, covid)
    ties = interaction_ties(tweets, accounts)
    network = network_measures(ties, accounts)
    band = centralisation_band(network, seed=seed, n_graphs=n_graphs)
    network = network.merge(band.drop(columns="centralisation"), on="city")
    consistency = message_consistency(tweets, accounts, covid)
    agencies = agency_summary(adoption, consistency, echo_threshold=echo_threshold)
    fragmentation = fragmentation_index(network, agencies)
    comparison = _comparison(tweets, accounts, covid, network, agencies, fragmentation)
    return CityAnalysis(
        covid,
        adoption,
        curves,
        attention,
        ties,
        network,
        consistency,
        agencies,
        fragmentation,
        comparison,
        seed,
    )


_OUTREACH = (
    ("adoption lag (days)", "lag_days", "adoption_lag_days", "median"),
    ("echo share", "echo_share", "echo_share", "mean"),
)


def _wilson(successes: int, trials: int, z: float = 1.959964) -> tuple[float, float]:
    """Wilson score interval for a binomial share."""
    if trials == 0:
        return (np.nan, np.nan)
    p = successes / trials
    centre = (p + z**2 / (2 * trials)) / (1 + z**2 / trials)
    half = z * np.sqrt(p * (1 - p) / trials + z**2 / (4 * trials**2)) / (1 + z**2 / trials)
    return (centre - half, centre + half)


def recovery_table(
    analysis: CityAnalysis,
    truth: PlantedTruth,
    *,
    n_boot: int = 2000,
) -> pd.DataFrame:
    """Set each planted quantity against its measured estimate, city by city.

    Rows, per city:

    - ``centralisation``: Freeman centralisation of the planted working ties against that of the
      observed retweet/mention network; interval: the central 90 % of random networks of the
      same size and density (above it: a hub beyond chance); recovered if no further from the
      planted value than one tie of the most connected agency moves it, 1/(n-1) for n
      agencies.
    - ``lead tie share``: share of ties pointing to the lead agency, planted against observed;
      interval: Wilson 95 % interval over the observed ties; recovered if it holds the planted
      value.
    - ``adoption lag (days)``: planted typical (mean and median) days from 11 March 2020 to an
      agency's first COVID-19 tweet, against the measured median; bootstrap 95 % interval
      over agencies.
    - ``echo share``: planted share of agency COVID-19 messages restating the lead's message,
      against the measured share at or above the echo threshold; bootstrap interval.

    Parameters
    ----------
    analysis : CityAnalysis
        The measures.
    truth : PlantedTruth
        The simulator's truth.
    n_boot : int
        Bootstrap resamples.

    Returns
    -------
    DataFrame
        ``measure``, ``city``, ``planted``, ``measured``, ``ci_low``, ``ci_high``, ``interval``
        (what the interval is) and ``recovered``.

    Examples
    --------
    >>> sim = simulate(seed=5)
    >>> table = recovery_table(analyse(sim.tweets, sim.accounts, n_graphs=100), sim.truth)
    >>> table["measure"].unique().tolist()
    ['centralisation', 'lead tie share', 'adoption lag (days)', 'echo share']
    """
    planted = truth.cities.set_index("city")
    network = analysis.network.set_index("city")
    rows = []
    for city in planted.index:
        tolerance = 1 / (network.at[city, "agencies"] - 1) + 1e-9
        rows.append(
            {
                "measure": "centralisation",
                "city": city,
                "planted": planted.at[city, "centralisation"],
                "measured": network.at[city, "centralisation"],
                "ci_low": network.at[city, "band_low"],
                "ci_high": network.at[city, "band_high"],
                "interval": "random networks of this size and density",
                "recovered": bool(
                    abs(network.at[city, "centralisation"] - planted.at[city, "centralisation"])
                    <= tolerance
                ),
            }
        )
    for city in planted.index:
        ties = int(network.at[city, "ties"])
        to_lead = int(round(network.at[city, "lead_tie_share"] * ties)) if ties else 0
        low, high = _wilson(to_lead, ties)
        share = planted.at[city, "lead_tie_share"]
        rows.append(
            {
                "measure": "lead tie share",
                "city": city,
                "planted": share,
                "measured": network.at[city, "lead_tie_share"],
                "ci_low": low,
                "ci_high": high,
                "interval": "Wilson, over observed ties",
                "recovered": bool(low <= share <= high),
            }
        )
    for measure, value, column, statistic in _OUTREACH:
        estimates = city_estimates(
            analysis.agencies, value, statistic=statistic, seed=analysis.seed, n_boot=n_boot
        )
        for row in estimates.itertuples(index=False):
            target = planted.at[row.city, column]
            rows.append(
                {
                    "measure": measure,
                    "city": row.city,
                    "planted": target,
                    "measured": row.estimate,
                    "ci_low": row.ci_low,
                    "ci_high": row.ci_high,
                    "interval": "bootstrap over agencies",
                    "recovered": bool(row.ci_low <= target <= row.ci_high),
                }
            )
    return pd.DataFrame(rows)


def contrast_table(
    analysis: CityAnalysis,
    *,
    truth: PlantedTruth | None = None,
    baseline: str = "City C",
    n_boot: int = 2000,
) -> pd.DataFrame:
    """Differences between each city and ``baseline`` in adoption lag and echo share.

    Adoption lags are compared by their medians, echo shares by their means.

    Parameters
    ----------
    analysis : CityAnalysis
        The measures.
    truth : PlantedTruth, optional
        If given, the planted differences are added.
    baseline : str
        The city every other is compared with (default: the fragmented City C).
    n_boot : int
        Bootstrap resamples.

    Returns
    -------
    DataFrame
        ``measure``, ``contrast`` (e.g. ``"City A - City C"``), ``planted`` (NaN without
        truth), ``difference``, ``ci_low``, ``ci_high`` and ``covers_zero``.

    Examples
    --------
    >>> sim = simulate(seed=5, effects=Effects.none())
    >>> table = contrast_table(analyse(sim.tweets, sim.accounts, n_graphs=100), truth=sim.truth)
    >>> table["planted"].abs().max()
    np.float64(0.0)
    """
    planted = truth.cities.set_index("city") if truth is not None else None
    rows = []
    cities = sorted(set(analysis.agencies["city"]) - {baseline})
    for measure, value, column, statistic in _OUTREACH:
        for city in cities:
            result = city_contrast(
                analysis.agencies,
                value,
                city,
                baseline,
                statistic=statistic,
                seed=analysis.seed,
                n_boot=n_boot,
            )
            rows.append(
                {
                    "measure": measure,
                    "contrast": f"{city} - {baseline}",
                    "planted": (planted.at[city, column] - planted.at[baseline, column])
                    if planted is not None
                    else np.nan,
                    **result.to_dict(),
                }
            )
    return pd.DataFrame(rows)


def scorecard(analysis: CityAnalysis, *, n_boot: int = 2000) -> pd.DataFrame:
    """Set the study's directional findings against what the measures show.

    The sparsest network (lowest density) stands for functional fragmentation, the city whose
    ties point most to the lead health agency for whole-of-government coordination around it.
    Outreach is then compared between the two, with bootstrap intervals.

    Parameters
    ----------
    analysis : CityAnalysis
        The measures (of three or more cities).
    n_boot : int
        Bootstrap resamples.

    Returns
    -------
    DataFrame
        ``finding`` (the study's, direction only), ``what_we_found`` and ``supported`` (True
        only when the interval of the difference excludes zero in the study's direction, or
        the network test says so).

    Examples
    --------
    >>> sim = simulate(seed=5)
    >>> card = scorecard(analyse(sim.tweets, sim.accounts, n_graphs=100))
    >>> card["supported"].tolist()
    [True, True, True]
    """
    network = analysis.network.set_index("city")
    sparse = str(network["density"].idxmin())
    coordinated = str(network["lead_tie_share"].drop(index=sparse).idxmax())
    lag = city_contrast(
        analysis.agencies,
        "lag_days",
        sparse,
        coordinated,
        statistic="median",
        seed=analysis.seed,
        n_boot=n_boot,
    )
    echo = city_contrast(
        analysis.agencies, "echo_share", coordinated, sparse, seed=analysis.seed, n_boot=n_boot
    )
    hub_sparse = bool(network.at[sparse, "hub_found"])
    hub_any = [c for c in network.index if c != sparse and bool(network.at[c, "hub_found"])]
    return pd.DataFrame(
        [
            {
                "finding": "Fragmentation goes with internal-coordination problems: no agency "
                "pulls the network together",
                "what_we_found": (
                    f"{sparse} (sparsest network, density {network.at[sparse, 'density']:.2f}) "
                    f"is {'more' if hub_sparse else 'no more'} centralised than random "
                    f"networks; hub beyond chance in: {', '.join(hub_any) or 'none'}"
                ),
                "supported": (not hub_sparse) and bool(hub_any),
            },
            {
                "finding": "Fragmentation goes with outreach problems: later adoption of "
                "COVID-19 messaging",
                "what_we_found": (
                    f"{sparse}'s agencies adopted {lag['difference']:.1f} days later than "
                    f"{coordinated}'s (difference of medians, 95% CI {lag['ci_low']:.1f} to "
                    f"{lag['ci_high']:.1f})"
                ),
                "supported": bool(lag["ci_low"] > 0),
            },
            {
                "finding": "Coordination around the lead agency (whole-of-government "
                "communication) goes with consistent messages",
                "what_we_found": (
                    f"echo share {echo['difference']:.2f} higher in {coordinated} than in "
                    f"{sparse} (95% CI {echo['ci_low']:.2f} to {echo['ci_high']:.2f})"
                ),
                "supported": bool(echo["ci_low"] > 0),
            },
        ]
    )


# --------------------------------------------------------------------------------------------
# Own data: a folder with tweets.jsonl and accounts.csv
# --------------------------------------------------------------------------------------------

CITY_ACCOUNTS = Contract(
    "city accounts",
    (
        Column(
            "account",
            "string",
            unique=True,
            description="Twitter/X handle without the @ (any case).",
        ),
        Column("city", "string", description="The city the account belongs to."),
        Column("agency", "string", description="The agency (department, office) running it."),
        Column(
            "lead",
            "bool",
            description="true for the city's lead health agency: exactly one per city.",
        ),
    ),
    key=("account",),
)
"""Contract of ``accounts.csv`` for :func:`read_city_accounts`."""

_VALID_HANDLE = re.compile(r"@?\w{1,15}")


def read_city_accounts(path: str | Path) -> gio.Loaded:
    r"""Read and check the accounts file: one row per account, one lead agency per city.

    Parameters
    ----------
    path : str or Path
        CSV with the columns of :data:`CITY_ACCOUNTS` (``account``, ``city``, ``agency``,
        ``lead``); a leading @ on a handle is removed.

    Returns
    -------
    Loaded
        The accounts and a load report.

    Raises
    ------
    DataError
        For anything :func:`govsocial.io.read_table` rejects, a handle that is not a valid
        Twitter handle, a handle listed twice (any case), or a city without exactly one lead.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "accounts.csv"
    >>> _ = path.write_text("account,city,agency,lead\n@X_Health,X,Health,true\n"
    ...                     "X_Parks,X,Parks,false\n")
    >>> read_city_accounts(path).frame["account"].tolist()
    ['X_Health', 'X_Parks']
    >>> folder.cleanup()
    """
    loaded = gio.read_table(path, CITY_ACCOUNTS)
    frame = loaded.frame
    file = str(path)
    for position, handle in enumerate(frame["account"]):
        if not _VALID_HANDLE.fullmatch(str(handle).strip()):
            raise DataError(
                "not a valid handle",
                file=file,
                row=position + 2,
                column="account",
                expected="1-15 letters, digits or _ (an @ in front is allowed)",
                found=repr(handle),
            )
    frame["account"] = frame["account"].str.strip().str.lstrip("@")
    repeated = frame["account"].str.lower().duplicated()
    if repeated.any():
        position = int(np.flatnonzero(repeated)[0])
        raise DataError(
            "this account is listed twice (handles ignore case)",
            file=file,
            row=position + 2,
            column="account",
            expected="each account once",
            found=repr(frame["account"].iloc[position]),
        )
    leads = frame.groupby("city")["lead"].sum()
    wrong = leads[leads != 1]
    if len(wrong):
        city = wrong.index[0]
        position = int(np.flatnonzero(frame["city"] == city)[0])
        raise DataError(
            f"city {city!r} must have exactly one lead health agency",
            file=file,
            row=position + 2,
            column="lead",
            expected="one row with lead = true",
            found=f"{int(wrong.iloc[0])} rows with lead = true",
        )
    return gio.Loaded(frame, loaded.report)


@dataclass(frozen=True)
class CityData:
    """Tweets and accounts read from a reader's own folder.

    Attributes
    ----------
    tweets : DataFrame
        ``tweet_id``, ``account``, ``created_at``, ``text``, ``is_retweet``.
    accounts : DataFrame
        ``account``, ``city``, ``agency``, ``lead``.
    report : LoadReport
        Tweets read, kept and dropped, with reasons.
    """

    tweets: pd.DataFrame
    accounts: pd.DataFrame
    report: LoadReport


def read_city_tweets(folder: str | Path) -> CityData:
    """Read a folder of city-agency tweets: ``tweets.jsonl`` plus ``accounts.csv``.

    ``tweets.jsonl`` holds Twitter API v2 responses, one per line, as ``twarc2`` writes them
    (read by :func:`govsocial.io.read_tweets_v2_jsonl`, which needs ``expansions=author_id``
    so that each response carries its authors' usernames); ``accounts.csv`` is described in
    :func:`read_city_accounts`. Tweets by accounts not in ``accounts.csv`` are dropped and
    counted.

    Parameters
    ----------
    folder : str or Path
        The folder.

    Returns
    -------
    CityData
        Tweets in time order, accounts, and the report.

    Raises
    ------
    DataError
        If a file is missing, either file is malformed, or no tweet is by a listed account.

    Examples
    --------
    >>> sample = gio.data_dir().parent / "tests" / "data" / "coordination"
    >>> data = read_city_tweets(sample)
    >>> data.report.rows_kept, data.report.dropped["author not in accounts.csv"]
    (45, 1)
    """
    folder = Path(folder)
    for name in ("tweets.jsonl", "accounts.csv"):
        if not (folder / name).is_file():
            raise DataError(
                f"the folder has no {name}",
                file=str(folder),
                expected="tweets.jsonl (Twitter API v2 JSON lines) and accounts.csv",
                found=f"files {sorted(p.name for p in folder.iterdir())}"
                if folder.is_dir()
                else "no such folder",
            )
    accounts = read_city_accounts(folder / "accounts.csv").frame
    loaded = gio.read_tweets_v2_jsonl(folder / "tweets.jsonl")
    tweets = loaded.frame
    by_lower = {a.lower(): a for a in accounts["account"]}
    account = tweets["username"].astype("string").str.lower().map(by_lower)
    dropped = dict(loaded.report.dropped)
    no_name = tweets["username"].isna()
    dropped["author's username missing (request expansions=author_id)"] = int(no_name.sum())
    dropped["author not in accounts.csv"] = int((account.isna() & ~no_name).sum())
    kept = tweets[account.notna()].assign(account=account[account.notna()].astype("string"))
    if kept.empty:
        raise DataError(
            "no tweet in tweets.jsonl is by an account listed in accounts.csv",
            file=str(folder / "tweets.jsonl"),
            column="username",
            expected=f"authors among {sorted(accounts['account'])[:5]}...",
            found=f"authors {sorted(tweets['username'].dropna().unique())[:5]}",
        )
    kept = kept.sort_values(["created_at", "tweet_id"], kind="stable").reset_index(drop=True)
    report = LoadReport(
        gio.shown_path(folder / "tweets.jsonl"), rows_read=loaded.report.rows_read, dropped=dropped
    )
    columns = ["tweet_id", "account", "created_at", "text", "is_retweet"]
    return CityData(kept[columns], accounts, report)


# --------------------------------------------------------------------------------------------
# Real data: the weekly tweet-ID releases of Yu (2020)
# --------------------------------------------------------------------------------------------

_MEMBER = re.compile(
    r"(?P<release>V\d+\.\d+)_update_(?P<dates>\d{4}_\d{2}_\d{2}|\d{4}_\d{4})/"
    r"(?P<folder>\w+)/(?P<account>\w+)_id\.txt"
)
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?[eE]\+?\d+")
_BLANK_LINE = "blank line"
_REPEATED = "ID listed again for the same account"
_PRE_SNOWFLAKE = "ID from before Snowflake IDs (no time encoded)"


@dataclass(frozen=True)
class TweetIdArchive:
    """The tweet IDs of the weekly releases, one row per (account, ID).

    Attributes
    ----------
    frame : DataFrame
        ``account``, ``tweet_id`` (digits as text), ``created_at`` (UTC, decoded from the ID),
        ``release``, ``folder`` and ``scientific_notation`` (the ID was written like
        ``1.2e+18``: its last digits are lost, its time is not).
    files : DataFrame
        One row per ID file: ``member``, ``release``, ``release_start``, ``release_end`` (UTC
        days; the first release has no start), ``folder``, ``account``, ``lines``, ``ids``.
    report : LoadReport
        Lines read, kept and dropped, with reasons.
    """

    frame: pd.DataFrame
    files: pd.DataFrame
    report: LoadReport


def _release_dates(files: pd.DataFrame) -> pd.DataFrame:
    """Add UTC ``release_start``/``release_end`` days, the year carried over New Year."""
    out = []
    year, previous = 2020, None
    for release, dates in (
        files[["release", "dates"]]
        .drop_duplicates()
        .assign(order=lambda t: t["release"].str[1:].astype(float))
        .sort_values("order")[["release", "dates"]]
        .itertuples(index=False)
    ):
        if len(dates) == 10:  # 2020_04_01: the first release, up to that day
            start = None
            end = pd.Timestamp(dates.replace("_", "-"), tz="UTC")
            year = end.year
        else:
            first, last = dates.split("_")
            start = pd.Timestamp(year=year, month=int(first[:2]), day=int(first[2:]), tz="UTC")
            if previous is not None and start < previous:
                year += 1
                start = start.replace(year=year)
            end = pd.Timestamp(year=year, month=int(last[:2]), day=int(last[2:]), tz="UTC")
            if end < start:
                year += 1
                end = end.replace(year=year)
        previous = end
        out.append({"release": release, "release_start": start, "release_end": end})
    dates = pd.DataFrame(out)
    dates["release_start"] = pd.to_datetime(dates["release_start"], utc=True)
    return files.merge(dates, on="release", how="left")


def read_covid_gov_tweet_ids(path: str | Path | None = None) -> TweetIdArchive:
    """Read the zipped weekly releases of government and health-agency tweet IDs (Yu, 2020).

    Each member ``V<version>_update_<dates>/<folder>/<account>_id.txt`` lists one tweet ID per
    line; the archive is read in place, never unzipped. Every ID is decoded to its UTC
    creation time (:func:`govsocial.io.tweet_id_to_datetime`). Blank lines, an ID listed again
    for the same account, and IDs too old to encode a time are dropped and counted. IDs written
    in scientific notation (``1.2e+18``, as a spreadsheet writes them) are converted exactly as
    written and kept, flagged: their last digits are lost, but the time bits sit far above them.

    Parameters
    ----------
    path : str or Path, optional
        The zip file; default ``data/covid_gov_tweet_ids/covid_gov_tweet_ids.zip``.

    Returns
    -------
    TweetIdArchive
        IDs, files and the report.

    Raises
    ------
    DataError
        For a file that is not a zip archive, a member whose name does not follow the pattern
        (other than Markdown files and folders), text that is not UTF-8, a line that is not a
        tweet ID (naming the member and line), or one ID listed under two accounts.

    Examples
    --------
    >>> archive = read_covid_gov_tweet_ids()
    >>> archive.frame["account"].nunique(), str(archive.frame["created_at"].max().date())
    (35, '2021-02-17')
    """
    path = (
        Path(path)
        if path is not None
        else (gio.data_dir() / "covid_gov_tweet_ids" / "covid_gov_tweet_ids.zip")
    )
    shown = gio.shown_path(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, FileNotFoundError) as error:
        raise DataError(
            "cannot open the archive", file=shown, expected="a zip file", found=str(error)
        ) from None
    ids: list[str] = []
    owners: list[int] = []
    scientific: list[bool] = []
    lines_of: list[int] = []
    file_rows = []
    dropped = {_BLANK_LINE: 0, _REPEATED: 0, _PRE_SNOWFLAKE: 0}
    rows_read = 0
    with archive:
        for info in archive.infolist():
            name = info.filename
            if info.is_dir() or name.lower().endswith(".md"):
                continue
            match = _MEMBER.fullmatch(name)
            if match is None:
                raise DataError(
                    "unexpected file in the archive",
                    file=f"{shown}:{name}",
                    expected="V<version>_update_<dates>/<folder>/<account>_id.txt",
                    found=repr(name),
                )
            raw = archive.read(info)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise DataError(
                    "the file is not UTF-8 text",
                    file=f"{shown}:{name}",
                    expected="digits, one ID per line",
                    found="other bytes",
                ) from None
            file_index = len(file_rows)
            lines = text.splitlines()
            rows_read += len(lines)
            kept = 0
            for number, line in enumerate(lines, start=1):
                value = line.strip()
                if not value:
                    dropped[_BLANK_LINE] += 1
                    continue
                if value.isascii() and value.isdigit():
                    ids.append(value)
                    scientific.append(False)
                elif _SCIENTIFIC.fullmatch(value):
                    try:
                        exact = Decimal(value)
                    except InvalidOperation:  # pragma: no cover - the pattern rules it out
                        exact = Decimal("0.5")
                    if exact != exact.to_integral_value():
                        raise DataError(
                            "this number is not a whole tweet ID",
                            file=f"{shown}:{name}",
                            row=number,
                            expected="a whole number",
                            found=repr(value),
                        )
                    ids.append(str(int(exact)))
                    scientific.append(True)
                else:
                    raise DataError(
                        "this line is not a tweet ID",
                        file=f"{shown}:{name}",
                        row=number,
                        expected="digits, e.g. 1245604799606689794",
                        found=repr(value),
                    )
                owners.append(file_index)
                lines_of.append(number)
                kept += 1
            file_rows.append(
                {"member": name, **match.groupdict(), "lines": len(lines), "ids": kept}
            )
    if not file_rows:
        raise DataError(
            "the archive holds no ID files",
            file=shown,
            expected="members like V1.00_update_2020_04_01/GOV_tweet_id/WHO_id.txt",
            found="none",
        )
    files = _release_dates(pd.DataFrame(file_rows))
    frame = pd.DataFrame(
        {
            "account": files["account"].to_numpy()[owners],
            "tweet_id": ids,
            "created_at": gio.tweet_id_to_datetime(ids).to_numpy(),
            "release": files["release"].to_numpy()[owners],
            "folder": files["folder"].to_numpy()[owners],
            "scientific_notation": scientific,
            "member": files["member"].to_numpy()[owners],
            "line": lines_of,
        }
    )
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    too_old = frame["created_at"] < pd.Timestamp("2010-11-05", tz="UTC")
    dropped[_PRE_SNOWFLAKE] = int(too_old.sum())
    frame = frame[~too_old]
    order = frame.assign(rank=frame["release"].str[1:].astype(float))
    order = order.sort_values(["rank", "member", "line"], kind="stable")
    repeated = order.duplicated(["account", "tweet_id"])
    dropped[_REPEATED] = int(repeated.sum())
    frame = order[~repeated]
    clash = frame.duplicated("tweet_id", keep=False)
    if clash.any():
        pair = frame[clash].sort_values("tweet_id").head(2)
        raise DataError(
            "the same tweet ID is listed under two accounts",
            file=f"{shown}:{pair['member'].iloc[1]}",
            row=int(pair["line"].iloc[1]),
            column="tweet_id",
            expected="each ID under one account",
            found=f"{pair['tweet_id'].iloc[0]} under {pair['account'].tolist()}",
        )
    frame = frame.drop(columns=["rank", "member", "line"]).reset_index(drop=True)
    for name in ("account", "tweet_id", "release", "folder"):
        frame[name] = frame[name].astype("string")
    files = files.drop(columns="dates")
    report = LoadReport(shown, rows_read=rows_read, dropped=dropped)
    return TweetIdArchive(frame, files, report)


ROLE_NAMES = ("health agency", "government", "foreign office", "leader")
ACCOUNT_ROLES = Contract(
    "account roles",
    (
        Column("account", "string", unique=True, description="Twitter handle, as in the files."),
        Column(
            "government",
            "string",
            description="Country, the European Union, or WHO (an international body).",
        ),
        Column(
            "role",
            "string",
            allowed=ROLE_NAMES,
            description="health agency, government, foreign office or leader.",
        ),
        Column("name", "string", description="What the account is (English)."),
    ),
    key=("account",),
)
"""Contract of the hand-made ``account_roles.csv``."""


def read_account_roles(path: str | Path | None = None) -> gio.Loaded:
    """Read the hand-made table of each account's government and role.

    Parameters
    ----------
    path : str or Path, optional
        Default ``data/covid_gov_tweet_ids/account_roles.csv``.

    Returns
    -------
    Loaded
        ``account``, ``government``, ``role``, ``name``.

    Examples
    --------
    >>> roles = read_account_roles().frame
    >>> roles.set_index("account").loc["rki_de", ["government", "role"]].tolist()
    ['Germany', 'health agency']
    """
    path = (
        Path(path)
        if path is not None
        else (gio.data_dir() / "covid_gov_tweet_ids" / "account_roles.csv")
    )
    return gio.read_table(path, ACCOUNT_ROLES)


def account_coverage(archive: TweetIdArchive) -> pd.DataFrame:
    """Which UTC days each account's collection covers.

    The first collection of an account took its most recent tweets (at most about 3,200, the
    API's limit), so its oldest ID marks where the record starts: coverage begins the day after
    that ID, the first full day. It ends on the last day of the last weekly release in which the
    account has at least one ID. Empty weekly files in between are true zeros (the account was
    collected and posted nothing); empty files at the end are not trusted, because the
    collector reports at least one account (``foreignoffice``) whose tweets had stopped being
    available, which also gives empty files.

    Parameters
    ----------
    archive : TweetIdArchive
        From :func:`read_covid_gov_tweet_ids`.

    Returns
    -------
    DataFrame
        ``account``, ``first_release``, ``last_release`` (last release listing the account),
        ``first_day``, ``last_day``, ``ids``, ``empty_weeks`` (weekly files with no ID) and
        ``trailing_empty_weeks`` (empty files after the last ID, left out of the coverage).

    Examples
    --------
    >>> coverage = account_coverage(read_covid_gov_tweet_ids()).set_index("account")
    >>> str(coverage.at["WHO", "last_day"].date())
    '2021-02-17'
    """
    files = archive.files.assign(order=archive.files["release"].str[1:].astype(float))
    files = files.sort_values("order")
    per_account = files.groupby("account").agg(
        first_release=("release", "first"),
        last_release=("release", "last"),
        empty_weeks=("ids", lambda s: int((s == 0).sum())),
    )
    with_ids = files[files["ids"] > 0].groupby("account")
    per_account["last_day"] = with_ids["release_end"].last()
    per_account["trailing_empty_weeks"] = files.groupby("account")["ids"].agg(
        lambda s: (
            len(s) - 1 - int(np.flatnonzero(s.to_numpy() > 0).max()) if (s > 0).any() else len(s)
        )
    )
    ids = archive.frame.groupby("account").agg(
        ids=("tweet_id", "size"), oldest=("created_at", "min")
    )
    out = per_account.join(ids, how="left")
    out["first_day"] = out["oldest"].dt.floor("D") + pd.Timedelta(days=1)
    out["ids"] = out["ids"].fillna(0).astype(int)
    columns = [
        "first_release",
        "last_release",
        "first_day",
        "last_day",
        "ids",
        "empty_weeks",
        "trailing_empty_weeks",
    ]
    return out[columns].reset_index()


def daily_posts(
    archive: TweetIdArchive,
    coverage: pd.DataFrame,
    *,
    start: pd.Timestamp | str,
    end: pd.Timestamp | str,
) -> pd.DataFrame:
    """Count posts per account and UTC day, missing (not zero) outside its coverage.

    Parameters
    ----------
    archive : TweetIdArchive
        The IDs.
    coverage : DataFrame
        From :func:`account_coverage`.
    start, end : Timestamp or str
        First and last day.

    Returns
    -------
    DataFrame
        Index: days (UTC); one column per account; float counts, NaN where not covered.

    Examples
    --------
    >>> archive = read_covid_gov_tweet_ids()
    >>> daily = daily_posts(archive, account_coverage(archive), start="2020-03-01",
    ...                     end="2020-03-02")
    >>> daily.shape
    (2, 35)
    """
    start = (
        pd.Timestamp(start).tz_localize("UTC")
        if pd.Timestamp(start).tz is None
        else pd.Timestamp(start)
    )
    end = (
        pd.Timestamp(end).tz_localize("UTC") if pd.Timestamp(end).tz is None else pd.Timestamp(end)
    )
    days = pd.date_range(start.floor("D"), end.floor("D"), freq="D")
    frame = archive.frame.assign(day=archive.frame["created_at"].dt.floor("D"))
    frame = frame[(frame["day"] >= days[0]) & (frame["day"] <= days[-1])]
    counts = frame.groupby(["day", "account"]).size().unstack(fill_value=0)
    accounts = sorted(coverage["account"].astype(str))
    counts = counts.reindex(index=days, columns=accounts, fill_value=0).astype(float)
    cover = coverage.set_index("account")
    for account in accounts:
        outside = (days < cover.at[account, "first_day"]) | (days > cover.at[account, "last_day"])
        counts.loc[outside, account] = np.nan
    counts.index.name = "day"
    counts.columns.name = None
    return counts


def rhythm_correlations(
    daily: pd.DataFrame,
    roles: pd.DataFrame,
    *,
    detrend: bool = False,
    min_days: int = 60,
) -> pd.DataFrame:
    """Correlation of daily posting between every pair of accounts.

    Counts are taken as ``log(1 + posts)``. With ``detrend``, each account's centred 7-day
    mean is subtracted, and then its usual deviation on that day of the week, so that only
    unusual days are compared: not the slow swell of the pandemic, nor the quiet weekends,
    which nearly every account shares.

    Parameters
    ----------
    daily : DataFrame
        From :func:`daily_posts`.
    roles : DataFrame
        ``account``, ``government``, ``role``; accounts not in it are left out.
    detrend : bool
        Compare unusual days (deviations from the account's 7-day mean and weekday pattern)
        rather than the levels.
    min_days : int
        Pairs covered together on fewer days get no correlation (NaN).

    Returns
    -------
    DataFrame
        One row per pair: ``account_a``, ``account_b``, ``government_a``, ``government_b``,
        ``role_a``, ``role_b``, ``same_government``, ``days`` and ``r`` (Pearson).

    Examples
    --------
    >>> days = pd.date_range("2020-01-01", periods=4, freq="D", tz="UTC")
    >>> daily = pd.DataFrame({"a": [0, 1, 2, 3], "b": [0, 1, 2, 3], "c": [3, 2, 1, 0]},
    ...                      index=days, dtype=float)
    >>> roles = pd.DataFrame({"account": list("abc"), "government": ["X", "X", "Y"],
    ...                       "role": "leader"})
    >>> rhythm_correlations(daily, roles, min_days=3)["r"].round(2).tolist()
    [1.0, -0.92, -0.92]
    """
    listed = roles.set_index("account")
    accounts = [a for a in daily.columns if a in listed.index]
    values = np.log1p(daily[accounts])
    if detrend:
        values = values - values.rolling(7, center=True, min_periods=7).mean()
        weekday = values.groupby(values.index.day_of_week).transform("mean")
        values = values - weekday
    matrix = values.corr(min_periods=min_days)
    present = values.notna().astype(int)
    overlap = present.T @ present
    rows = []
    for i, a in enumerate(accounts):
        for b in accounts[i + 1 :]:
            rows.append(
                {
                    "account_a": a,
                    "account_b": b,
                    "government_a": listed.at[a, "government"],
                    "government_b": listed.at[b, "government"],
                    "role_a": listed.at[a, "role"],
                    "role_b": listed.at[b, "role"],
                    "same_government": listed.at[a, "government"] == listed.at[b, "government"],
                    "days": int(overlap.at[a, b]),
                    "r": matrix.at[a, b],
                }
            )
    return pd.DataFrame(rows)


def same_government_test(
    pairs: pd.DataFrame, *, n_permutations: int = 2000, seed: int = 0
) -> pd.Series:
    """Test whether accounts of one government post more in step than those of different ones.

    The statistic is the mean correlation of same-government pairs minus that of
    different-government pairs. Its p-value comes from shuffling the governments among the
    accounts (keeping how many accounts each has), which keeps every correlation as it is and
    breaks only the link between correlation and government.

    Parameters
    ----------
    pairs : DataFrame
        From :func:`rhythm_correlations`.
    n_permutations : int
        Shuffles.
    seed : int
        Seed of the shuffles.

    Returns
    -------
    Series
        ``same_pairs``, ``different_pairs``, ``mean_same``, ``mean_different``,
        ``difference`` and ``p_value`` (one-sided: same-government pairs more alike).

    Examples
    --------
    >>> pairs = pd.DataFrame({"account_a": ["a", "a", "b"], "account_b": ["b", "c", "c"],
    ...     "government_a": ["X", "X", "X"], "government_b": ["X", "Y", "Y"],
    ...     "same_government": [True, False, False], "r": [0.9, 0.1, 0.2]})
    >>> same_government_test(pairs, n_permutations=50)["difference"].round(2)
    np.float64(0.75)
    """
    usable = pairs.dropna(subset=["r"])
    accounts = sorted(set(usable["account_a"]) | set(usable["account_b"]))
    position = {a: i for i, a in enumerate(accounts)}
    government = {}
    for side in ("a", "b"):
        government.update(
            dict(zip(usable[f"account_{side}"], usable[f"government_{side}"], strict=True))
        )
    labels = pd.factorize(pd.Series([government[a] for a in accounts]))[0]
    i = usable["account_a"].map(position).to_numpy()
    j = usable["account_b"].map(position).to_numpy()
    r = usable["r"].to_numpy(dtype=float)

    def statistic(lab: np.ndarray) -> np.ndarray:
        same = lab[..., i] == lab[..., j]
        n_same = same.sum(axis=-1)
        mean_same = np.where(same, r, 0).sum(axis=-1) / np.maximum(n_same, 1)
        mean_diff = np.where(~same, r, 0).sum(axis=-1) / np.maximum(len(r) - n_same, 1)
        return mean_same - mean_diff

    observed = float(statistic(labels))
    rng = np.random.default_rng(seed)
    shuffled = np.array([rng.permutation(labels) for _ in range(n_permutations)])
    null = statistic(shuffled)
    same = usable["same_government"].to_numpy(dtype=bool)
    return pd.Series(
        {
            "same_pairs": int(same.sum()),
            "different_pairs": int((~same).sum()),
            "mean_same": float(r[same].mean()) if same.any() else np.nan,
            "mean_different": float(r[~same].mean()) if (~same).any() else np.nan,
            "difference": observed,
            "p_value": (1 + np.sum(null >= observed - 1e-12)) / (1 + n_permutations),
        }
    )


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------

_CITY_COLOURS = dict(zip(CITIES, (PALETTE[0], PALETTE[3], PALETTE[4]), strict=True))
_CITY_STYLES = dict(zip(CITIES, ("-", "--", ":"), strict=True))
_REFERENCE_COLOUR = "0.35"


def _city_colour(city: str, position: int) -> str:
    return _CITY_COLOURS.get(city, PALETTE[position % 6])


def _month_ticks(ax: plt.Axes) -> None:
    """Label the x axis with month names (the axis holds dates of 2020)."""
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b"))


def _mark_reference_dates(ax: plt.Axes, reference_dates: pd.DataFrame) -> None:
    """Dashed vertical lines at the reference dates, labelled just above the plot."""
    for position, row in enumerate(reference_dates.itertuples(index=False)):
        ax.axvline(row.date, color=_REFERENCE_COLOUR, linestyle=(0, (4, 3)), linewidth=1)
        ax.annotate(
            row.short,
            xy=(row.date, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(2, 2 + 11 * (position % 2)),
            textcoords="offset points",
            fontsize=9,
            color=_REFERENCE_COLOUR,
        )


def adoption_figure(
    curves: pd.DataFrame, reference_dates: pd.DataFrame = REFERENCE_DATES
) -> Figure:
    """Cumulative adoption curves, one line per city, with the reference dates.

    Parameters
    ----------
    curves : DataFrame
        From :func:`adoption_curves`.
    reference_dates : DataFrame
        ``date`` and ``short`` label of each reference line.

    Returns
    -------
    Figure
        One axes: share of agencies (%) against date.

    Examples
    --------
    >>> days = pd.date_range("2020-03-01", periods=3, tz="UTC")
    >>> fig = adoption_figure(pd.DataFrame({"City A": [0.0, 0.5, 1.0]}, index=days))
    >>> fig.axes[0].get_ylabel()
    'Agencies that have tweeted about COVID-19'
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(7.2, 4.2))
    for position, city in enumerate(curves.columns):
        ax.step(
            curves.index,
            curves[city],
            where="post",
            label=city,
            linewidth=2,
            color=_city_colour(city, position),
            linestyle=_CITY_STYLES.get(city, "-"),
        )
    _mark_reference_dates(ax, reference_dates)
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.set_xlabel("Date (2020, UTC)")
    ax.set_ylabel("Agencies that have tweeted about COVID-19")
    ax.legend(loc="lower right")
    _month_ticks(ax)
    return fig


def attention_figure(
    attention: pd.DataFrame, reference_dates: pd.DataFrame = REFERENCE_DATES
) -> Figure:
    """Weekly share of each city's own tweets about COVID-19.

    Parameters
    ----------
    attention : DataFrame
        From :func:`covid_attention`.
    reference_dates : DataFrame
        Reference lines.

    Returns
    -------
    Figure
        One axes: share (%) against week.

    Examples
    --------
    >>> attention = pd.DataFrame({"city": "City A", "share": [0.1, 0.5],
    ...     "week": pd.to_datetime(["2020-03-02", "2020-03-09"], utc=True)})
    >>> fig = attention_figure(attention)
    >>> len(fig.axes[0].lines) >= 1
    True
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(7.2, 4.2))
    for position, (city, group) in enumerate(attention.groupby("city", sort=True)):
        ax.plot(
            group["week"],
            group["share"],
            marker="o",
            markersize=3.5,
            linewidth=2,
            label=city,
            color=_city_colour(city, position),
            linestyle=_CITY_STYLES.get(city, "-"),
        )
    _mark_reference_dates(ax, reference_dates)
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.set_xlabel("Week (2020, starting Monday, UTC)")
    ax.set_ylabel("Own tweets about COVID-19")
    ax.legend(loc="upper left")
    _month_ticks(ax)
    return fig


def consistency_figure(
    consistency: pd.DataFrame, reference_dates: pd.DataFrame = REFERENCE_DATES
) -> Figure:
    """Weekly mean consistency of agency COVID-19 messages with the lead's, by city.

    Parameters
    ----------
    consistency : DataFrame
        From :func:`message_consistency`.
    reference_dates : DataFrame
        Reference lines.

    Returns
    -------
    Figure
        One axes: mean cosine similarity against week.

    Examples
    --------
    >>> consistency = pd.DataFrame({"city": "City A", "cosine": [0.2, 0.6],
    ...     "week": pd.to_datetime(["2020-03-02", "2020-03-09"], utc=True)})
    >>> fig = consistency_figure(consistency)
    >>> bool(fig.axes[0].get_ylim()[1] >= 0.6)
    True
    >>> plt.close(fig)
    """
    weekly = (
        consistency.dropna(subset=["cosine"])
        .groupby(["city", "week"])["cosine"]
        .agg(["mean", "size"])
        .reset_index()
    )
    weekly = weekly[weekly["size"] >= 3] if (weekly["size"] >= 3).any() else weekly
    fig, ax = plt.subplots(figsize=(7.2, 4.2))
    for position, (city, group) in enumerate(weekly.groupby("city", sort=True)):
        ax.plot(
            group["week"],
            group["mean"],
            marker="o",
            markersize=3.5,
            linewidth=2,
            label=city,
            color=_city_colour(city, position),
            linestyle=_CITY_STYLES.get(city, "-"),
        )
    _mark_reference_dates(ax, reference_dates)
    ax.set_ylim(0, 1)
    ax.set_xlabel("Week (2020, starting Monday, UTC)")
    ax.set_ylabel("Similarity with the lead's messages\n(mean TF-IDF cosine)")
    ax.legend(loc="upper right")
    _month_ticks(ax)
    return fig


def network_figure(ties: pd.DataFrame, accounts: pd.DataFrame) -> Figure:
    """Small multiples: each city's retweet and mention network, lead agency in the middle.

    Parameters
    ----------
    ties : DataFrame
        From :func:`interaction_ties`.
    accounts : DataFrame
        ``account``, ``city``, ``lead``.

    Returns
    -------
    Figure
        One panel per city; nodes sized by number of ties, the lead agency orange, arrows from
        the account that retweets or mentions to the one retweeted or mentioned. Labels are the
        handle's last part.

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": ["A_Health", "A_Parks"], "city": "City A",
    ...                          "lead": [True, False]})
    >>> ties = pd.DataFrame({"city": ["City A"], "source": ["A_Parks"], "target": ["A_Health"],
    ...                      "weight": [2]})
    >>> fig = network_figure(ties, accounts)
    >>> len(fig.axes)
    1
    >>> plt.close(fig)
    """
    cities = sorted(accounts["city"].unique())
    fig, axes = plt.subplots(1, len(cities), figsize=(3.4 * len(cities), 3.9), squeeze=False)
    for ax, city in zip(axes[0], cities, strict=True):
        members = accounts[accounts["city"] == city]
        names = members["account"].astype(str).tolist()
        lead = members.loc[members["lead"].astype(bool), "account"].astype(str).tolist()
        graph = _city_graph(ties[ties["city"] == city], names)
        others = [n for n in names if n not in lead]
        layout = nx.shell_layout(graph, nlist=[lead, others] if lead else [names])
        radius = max(float(np.hypot(*xy)) for xy in layout.values()) or 1.0
        layout = {name: np.asarray(xy) / radius for name, xy in layout.items()}
        degree = dict(graph.to_undirected().degree())
        sizes = [60 + 35 * degree[n] for n in graph]
        nx.draw_networkx_edges(
            graph,
            layout,
            ax=ax,
            edge_color="0.55",
            width=0.9,
            arrowsize=7,
            node_size=sizes,
            connectionstyle="arc3,rad=0.08",
        )
        nx.draw_networkx_nodes(
            graph,
            layout,
            ax=ax,
            node_size=sizes,
            node_color=[PALETTE[0] if n in lead else PALETTE[3] for n in graph],
            edgecolors="white",
            linewidths=0.8,
        )
        for name, size, (x, y) in zip(graph, sizes, (layout[n] for n in graph), strict=True):
            label = name.split("_", 1)[-1]
            if name in lead:
                ax.annotate(
                    label,
                    (x, y),
                    xytext=(0, -np.sqrt(size) / 2 - 2),
                    textcoords="offset points",
                    ha="center",
                    va="top",
                    fontsize=7.5,
                )
                continue
            angle = np.arctan2(y, x)
            ax.text(
                1.22 * np.cos(angle),
                1.22 * np.sin(angle),
                label,
                fontsize=7.5,
                ha="left" if np.cos(angle) > 0.3 else "right" if np.cos(angle) < -0.3 else "center",
                va="center",
            )
        ax.set_aspect("equal")
        ax.set_xlim(-1.75, 1.75)
        ax.set_ylim(-1.4, 1.4)
        ax.set_xlabel(f"{city}: {graph.number_of_edges()} ties")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        for spine in ax.spines.values():
            spine.set_visible(False)
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            color=PALETTE[0],
            markersize=8,
            label="lead health agency",
        ),
        Line2D(
            [], [], marker="o", linestyle="", color=PALETTE[3], markersize=8, label="other agency"
        ),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=2)
    return fig


_ROLE_COLOURS = dict(zip(ROLE_NAMES, (PALETTE[0], PALETTE[3], PALETTE[2], PALETTE[5]), strict=True))


def posting_rhythm_figure(
    daily: pd.DataFrame, roles: pd.DataFrame, governments: Sequence[str]
) -> Figure:
    """Small multiples of daily posts (7-day mean), one panel per government.

    Parameters
    ----------
    daily : DataFrame
        From :func:`daily_posts`.
    roles : DataFrame
        ``account``, ``government``, ``role``.
    governments : sequence of str
        The panels, in order.

    Returns
    -------
    Figure
        One line per account coloured by role; a dashed line on 11 March 2020.

    Examples
    --------
    >>> days = pd.date_range("2020-03-01", periods=10, tz="UTC")
    >>> daily = pd.DataFrame({"a": range(10)}, index=days, dtype=float)
    >>> roles = pd.DataFrame({"account": ["a"], "government": ["X"], "role": ["leader"]})
    >>> fig = posting_rhythm_figure(daily, roles, ["X"])
    >>> fig.axes[0].get_ylabel()
    'Posts a day'
    >>> plt.close(fig)
    """
    columns = min(4, len(governments))
    rows = int(np.ceil(len(governments) / columns))
    fig, axes = plt.subplots(
        rows, columns, figsize=(2.7 * columns + 0.8, 2.3 * rows + 0.8), sharex=True, squeeze=False
    )
    smooth = daily.rolling(7, center=True, min_periods=4).mean()
    listed = roles.set_index("account")
    for ax, government in zip(axes.ravel(), governments, strict=False):
        for account in listed.index[listed["government"] == government]:
            if account in smooth:
                ax.plot(
                    smooth.index,
                    smooth[account],
                    linewidth=1.3,
                    color=_ROLE_COLOURS[listed.at[account, "role"]],
                )
        ax.axvline(PANDEMIC_DECLARED, color=_REFERENCE_COLOUR, linestyle=(0, (4, 3)), linewidth=1)
        ax.set_title(government, loc="left", fontsize=10, fontweight="bold")
        ax.set_ylim(bottom=0)
        ax.tick_params(labelsize=8)
    for ax in axes.ravel()[len(governments) :]:
        ax.set_visible(False)
    for ax in axes[:, 0]:
        ax.set_ylabel("Posts a day")
    for ax in axes[-1, :]:
        ax.set_xlabel("Date (UTC)")
        for label in ax.get_xticklabels():
            label.set_rotation(45)
            label.set_ha("right")
    handles = [
        Line2D([], [], color=colour, linewidth=2, label=role)
        for role, colour in _ROLE_COLOURS.items()
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=4)
    return fig


def pair_correlation_figure(pairs: Mapping[str, pd.DataFrame]) -> Figure:
    """Dot plots of pair correlations, same versus different governments, one panel per measure.

    Parameters
    ----------
    pairs : mapping of str to DataFrame
        Panel label (the x-axis label) to a frame from :func:`rhythm_correlations`.

    Returns
    -------
    Figure
        Jittered dots per pair and a black bar at each group's mean.

    Examples
    --------
    >>> pairs = pd.DataFrame({"same_government": [True, False], "r": [0.5, 0.1]})
    >>> fig = pair_correlation_figure({"Correlation": pairs})
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['different governments', 'same government']
    >>> plt.close(fig)
    """
    fig, axes = plt.subplots(
        1, len(pairs), figsize=(4.2 * len(pairs) + 0.6, 3.0), sharey=True, squeeze=False
    )
    rng = np.random.default_rng(0)
    for ax, (label, frame) in zip(axes[0], pairs.items(), strict=True):
        for level, same in enumerate((False, True)):
            values = frame.loc[frame["same_government"] == same, "r"].dropna()
            jitter = rng.uniform(-0.18, 0.18, len(values))
            ax.scatter(
                values,
                level + jitter,
                s=10,
                alpha=0.55,
                color=PALETTE[3] if same else PALETTE[0],
                linewidths=0,
            )
            if len(values):
                ax.plot(
                    [values.mean()] * 2, [level - 0.3, level + 0.3], color="black", linewidth=2.5
                )
        ax.axvline(0, color=_REFERENCE_COLOUR, linewidth=1)
        ax.set_yticks([0, 1], labels=["different governments", "same government"])
        ax.set_ylim(-0.6, 1.6)
        ax.set_xlabel(label)
        ax.grid(axis="y", visible=False)
    return fig
