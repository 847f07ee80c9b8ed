"""Fictional agencies climbing, or not, the five levels of an open government maturity model.

The levels follow the Open Government Maturity Model's five (initial conditions, data
transparency, open participation, open collaboration, ubiquitous engagement); each is observed
through two yes/no indicators. In the *staircase* world an agency at level 3 has levels 1 to 3
and nothing above. In the *non-cumulative* world (the null) every level is adopted on its own,
with exactly the same chance as in the staircase world, so every indicator is as common as
before and only the ordering within agencies is switched off. In both worlds each indicator is
misrecorded with the same small probability (measurement error).

The number of agencies is our choice: the study reports field studies, no sample size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["INDICATORS", "LEVELS", "LEVEL_SHARES", "SCALES", "Agencies", "simulate"]

LEVELS: tuple[str, ...] = (
    "initial conditions",
    "data transparency",
    "open participation",
    "open collaboration",
    "ubiquitous engagement",
)
"""The five levels, in the model's order."""

INDICATORS: dict[str, tuple[str, str]] = {
    "initial conditions": ("has_account", "has_policy"),
    "data transparency": ("posts_data", "links_portal"),
    "open participation": ("asks_comments", "answers_public"),
    "open collaboration": ("co_designs", "shares_tools"),
    "ubiquitous engagement": ("cross_agency", "real_time_service"),
}
"""The two indicators that show each level."""

LEVEL_SHARES: tuple[float, ...] = (0.05, 0.15, 0.25, 0.25, 0.20, 0.10)
"""Share of agencies whose true level is 0 (none), 1, 2, 3, 4 and 5."""

SCALES: dict[str, int] = {"teaching": 150, "paper": 600}
"""Agencies per world (our choice: the study gives no sample size)."""

AGENCY_KINDS = ("Agency", "Office", "Bureau", "Commission", "Service")
AGENCY_TOPICS = ("Coastal Safety", "Rural Roads", "Public Records", "Clean Rivers",
                 "Small Business", "Seed Banks", "Mountain Rescue", "Civic Archives")  # fmt: skip


@dataclass(frozen=True)
class Agencies:
    """One simulated world of agencies and what was planted in it.

    Attributes
    ----------
    indicators : DataFrame
        ``agency`` (a fictional name) and one 0/1 column per indicator, as recorded.
    level : Series
        Each agency's true level (0-5); in the non-cumulative world the number of levels held.
    cumulative : bool
        True when the levels were planted as a staircase.
    order : tuple of str
        The planted order of the levels, first step first.
    error : float
        Probability that an indicator is misrecorded.
    """

    indicators: pd.DataFrame
    level: pd.Series
    cumulative: bool
    order: tuple[str, ...]
    error: float

    @property
    def items(self) -> pd.DataFrame:
        """The 0/1 indicators alone, one column per indicator."""
        return self.indicators.drop(columns="agency")


def agency_names(n: int) -> list[str]:
    """Fictional agency names, unique: ``"Agency for Coastal Safety 1"`` and so on.

    Examples
    --------
    >>> agency_names(2)
    ['Agency for Coastal Safety 1', 'Office for Rural Roads 1']
    """
    names = []
    for i in range(n):
        kind = AGENCY_KINDS[i % len(AGENCY_KINDS)]
        topic = AGENCY_TOPICS[i % len(AGENCY_TOPICS)]
        names.append(f"{kind} for {topic} {i // len(AGENCY_TOPICS) + 1}")
    return names


def simulate(
    seed: int,
    scale: str = "teaching",
    *,
    cumulative: bool = True,
    order: tuple[str, ...] = LEVELS,
    error: float = 0.05,
) -> Agencies:
    """Simulate agencies and their indicators.

    Parameters
    ----------
    seed : int
        Seed of the world's random numbers.
    scale : {"teaching", "paper"}
        Number of agencies (:data:`SCALES`).
    cumulative : bool
        True: a staircase (a level implies every level before it in ``order``). False: every
        level adopted independently, each as often as in the staircase world (the null).
    order : tuple of str
        The order in which agencies climb the levels (a permutation of :data:`LEVELS`).
    error : float
        Probability that an indicator is misrecorded (flipped), in [0, 0.5).

    Returns
    -------
    Agencies

    Examples
    --------
    >>> world = simulate(1)
    >>> world.items.shape
    (150, 10)
    >>> bool(world.cumulative), world.order[0]
    (True, 'initial conditions')
    """
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {sorted(SCALES)}, not {scale!r}")
    if sorted(order) != sorted(LEVELS):
        raise ValueError(f"order must list each of the five levels once: {LEVELS}")
    if not 0 <= error < 0.5:
        raise ValueError("error must be in [0, 0.5)")
    rng = np.random.default_rng(seed)
    n = SCALES[scale]
    true_level = rng.choice(len(LEVEL_SHARES), size=n, p=LEVEL_SHARES)
    step = np.arange(1, len(LEVELS) + 1)
    if cumulative:
        held = step[None, :] <= true_level[:, None]
    else:
        reach = np.cumsum(LEVEL_SHARES[::-1])[::-1][1:]  # P(level >= step)
        held = rng.random((n, len(LEVELS))) < reach[None, :]
    columns = {}
    for position, name in enumerate(order):
        for indicator in INDICATORS[name]:
            flip = rng.random(n) < error
            columns[indicator] = np.where(flip, ~held[:, position], held[:, position])
    ordered = [ind for name in LEVELS for ind in INDICATORS[name]]
    frame = pd.DataFrame({"agency": agency_names(n)})
    for indicator in ordered:
        frame[indicator] = columns[indicator].astype(np.int64)
    levels = true_level if cumulative else held.sum(axis=1)
    return Agencies(frame, pd.Series(levels, name="level"), cumulative, tuple(order), error)
