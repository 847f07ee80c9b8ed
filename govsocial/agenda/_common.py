"""Names every file of the agenda chapter shares: the codebook, the departments, the period.

Also the small helpers that several steps use to order topics and check columns.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

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
