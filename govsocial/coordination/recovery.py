"""Planted against measured, the study's findings against ours, and how often we are fooled.

:func:`recovery_table` sets each planted quantity against its estimate, :func:`contrast_table`
the city differences against the planted ones, and :func:`scorecard` the study's directional
findings against what the measures show (its decisions come from :func:`evidence`).

The scorecard's three decisions are the chapter's decision rules (:data:`RULES`, one
:class:`govsocial.planted.Rule` per finding). :func:`world` simulates and analyses one world:
with every planted pattern, or with only the effect under test switched off
(:data:`NULL_EFFECTS`: the other patterns, the working ties, the tweet rates and all the noise
stay). :func:`falsification` runs planted and null worlds through the rules with
:func:`govsocial.planted.run_worlds`; :func:`operating_characteristics` gives each rule's power
and size.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import partial
from typing import Literal

import numpy as np
import pandas as pd

from govsocial import planted as method
from govsocial.stats import wilson_interval

from .analysis import (
    CityAnalysis,
    adoption_dates,
    agency_summary,
    flag_covid,
    message_consistency,
)
from .estimates import city_contrast, city_estimates
from .network import centralisation_band, interaction_ties, network_measures
from .simulate import Effects, PlantedTruth, simulate

__all__ = [
    "FINDINGS",
    "NULL_EFFECTS",
    "RULES",
    "Evidence",
    "contrast_table",
    "evidence",
    "falsification",
    "operating_characteristics",
    "recovery_table",
    "scorecard",
    "world",
]

_OUTREACH = (
    ("adoption lag (days)", "lag_days", "adoption_lag_days", "median"),
    ("echo share", "echo_share", "echo_share", "mean"),
)


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
    >>> from govsocial.coordination import analyse, simulate
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
        low, high = wilson_interval(to_lead, ties)
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
    >>> from govsocial.coordination import Effects, analyse, simulate
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


@dataclass(frozen=True)
class Evidence:
    """What the scorecard decides on: the cities it compares and the three tests.

    Attributes
    ----------
    sparse : str
        The city with the sparsest network (lowest density): it stands for fragmentation.
    coordinated : str
        Of the other cities, the one whose ties point most to the lead health agency.
    density : float
        The sparse city's density.
    hub_sparse : bool
        Whether the random-network test finds a hub in the sparse city.
    hub_cities : tuple of str
        The other cities where it finds one.
    lag : Series
        :func:`city_contrast` of median adoption lags, sparse minus coordinated.
    echo : Series
        :func:`city_contrast` of mean echo shares, coordinated minus sparse.
    """

    sparse: str
    coordinated: str
    density: float
    hub_sparse: bool
    hub_cities: tuple[str, ...]
    lag: pd.Series
    echo: pd.Series


def evidence(
    network: pd.DataFrame, agencies: pd.DataFrame, *, seed: int = 0, n_boot: int = 2000
) -> Evidence:
    """Pick the cities the scorecard compares and run its three tests.

    Parameters
    ----------
    network : DataFrame
        :func:`network_measures` joined with :func:`centralisation_band` (``hub_found``).
    agencies : DataFrame
        :func:`agency_summary` (``lag_days``, ``echo_share``; an all-NaN column gives a NaN
        contrast).
    seed, n_boot : int
        Seed and resamples of the bootstrap intervals.

    Returns
    -------
    Evidence

    Examples
    --------
    >>> from govsocial.coordination import analyse, simulate
    >>> sim = simulate(seed=5)
    >>> result = analyse(sim.tweets, sim.accounts, n_graphs=100)
    >>> found = evidence(result.network, result.agencies)
    >>> found.sparse, found.coordinated
    ('City C', 'City A')
    """
    by_city = network.set_index("city")
    sparse = str(by_city["density"].idxmin())
    coordinated = str(by_city["lead_tie_share"].drop(index=sparse).idxmax())
    lag = city_contrast(
        agencies, "lag_days", sparse, coordinated, statistic="median", seed=seed, n_boot=n_boot
    )
    echo = city_contrast(agencies, "echo_share", coordinated, sparse, seed=seed, n_boot=n_boot)
    return Evidence(
        sparse=sparse,
        coordinated=coordinated,
        density=float(by_city.at[sparse, "density"]),
        hub_sparse=bool(by_city.at[sparse, "hub_found"]),
        hub_cities=tuple(
            str(c) for c in by_city.index if c != sparse and bool(by_city.at[c, "hub_found"])
        ),
        lag=lag,
        echo=echo,
    )


def hub_supported(found: Evidence) -> bool:
    """Decide the network finding: no hub beyond chance in the sparse city, one elsewhere."""
    return (not found.hub_sparse) and bool(found.hub_cities)


def lag_supported(found: Evidence) -> bool:
    """Decide the adoption finding: the lag difference's 95 % interval lies above zero."""
    return bool(found.lag["ci_low"] > 0)


def echo_supported(found: Evidence) -> bool:
    """Decide the echo finding: the echo-share difference's 95 % interval lies above zero."""
    return bool(found.echo["ci_low"] > 0)


def scorecard(analysis: CityAnalysis, *, n_boot: int = 2000) -> pd.DataFrame:
    """Set the study's directional findings against what the measures show.

    The sparsest network (lowest density) stands for functional fragmentation, the city whose
    ties point most to the lead health agency for whole-of-government coordination around it
    (:func:`evidence`). Outreach is then compared between the two, with bootstrap intervals.

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
    >>> from govsocial.coordination import analyse, simulate
    >>> sim = simulate(seed=5)
    >>> card = scorecard(analyse(sim.tweets, sim.accounts, n_graphs=100))
    >>> card["supported"].tolist()
    [True, True, True]
    """
    found = evidence(analysis.network, analysis.agencies, seed=analysis.seed, n_boot=n_boot)
    sparse, coordinated, lag, echo = found.sparse, found.coordinated, found.lag, found.echo
    return pd.DataFrame(
        [
            {
                "finding": FINDINGS[0],
                "what_we_found": (
                    f"{sparse} (sparsest network, density {found.density:.2f}) "
                    f"is {'more' if found.hub_sparse else 'no more'} centralised than random "
                    f"networks; hub beyond chance in: {', '.join(found.hub_cities) or 'none'}"
                ),
                "supported": hub_supported(found),
            },
            {
                "finding": FINDINGS[1],
                "what_we_found": (
                    f"{sparse}'s agencies adopted {lag['difference']:.1f} days later than "
                    f"{coordinated}'s (difference of medians, 95% CI {lag['ci_low']:.1f} to "
                    f"{lag['ci_high']:.1f})"
                ),
                "supported": lag_supported(found),
            },
            {
                "finding": FINDINGS[2],
                "what_we_found": (
                    f"echo share {echo['difference']:.2f} higher in {coordinated} than in "
                    f"{sparse} (95% CI {echo['ci_low']:.2f} to {echo['ci_high']:.2f})"
                ),
                "supported": echo_supported(found),
            },
        ]
    )


FINDINGS = (
    "Fragmentation goes with internal-coordination problems: no agency pulls the network together",
    "Fragmentation goes with outreach problems: later adoption of COVID-19 messaging",
    "Coordination around the lead agency (whole-of-government communication) goes with "
    "consistent messages",
)
"""The study's three findings, direction only, as the scorecard states them."""

# --------------------------------------------------------------------------------------------
# Decision rules, planted and null worlds
# --------------------------------------------------------------------------------------------

_PLANTED = Effects()

NULL_EFFECTS: dict[str, Effects] = {
    FINDINGS[0]: replace(_PLANTED, hub_ties=0.0),
    FINDINGS[1]: replace(_PLANTED, early_adoption_days=0.0, late_adoption_days=0.0),
    FINDINGS[2]: replace(_PLANTED, echo_boost=0.0, echo_drop=0.0),
}
"""Each finding's null world: the study's effects with only the effect under test switched off.

Without hubs City A and City B tie as an ordinary city does (City C stays sparse); without the
adoption effect every city adopts alike (ties and echoes stay); without the echo effect every
agency restates the lead's message equally often (ties and adoption stay)."""


def _contrast_interval(found: Evidence, name: str) -> tuple[float, float, float]:
    """Return the contrast and its interval when it compares City C with City A, else NaN.

    Only then is the planted difference known in advance (City B has no outreach effect).
    """
    if (found.sparse, found.coordinated) != ("City C", "City A"):
        return (np.nan, np.nan, np.nan)
    contrast = getattr(found, name)
    return (contrast["difference"], contrast["ci_low"], contrast["ci_high"])


RULES: tuple[method.Rule, ...] = (
    method.Rule(FINDINGS[0], hub_supported, level=0.05),
    method.Rule(
        FINDINGS[1],
        lag_supported,
        level=0.025,
        interval=partial(_contrast_interval, name="lag"),
        truth=lambda is_planted: (
            _PLANTED.late_adoption_days + _PLANTED.early_adoption_days if is_planted else 0.0
        ),
    ),
    method.Rule(
        FINDINGS[2],
        echo_supported,
        level=0.025,
        interval=partial(_contrast_interval, name="echo"),
        truth=lambda is_planted: _PLANTED.echo_boost + _PLANTED.echo_drop if is_planted else 0.0,
    ),
)
"""The scorecard's three decisions as rules. The network rule is a one-sided random-network
test at 5 % (it tests every city but the sparse one, so it can be fooled more often); the two
outreach rules ask that a 95 % interval lie above zero: one side, 2.5 %. Coverage is measured
on the worlds where the scorecard compares City C with City A (planted differences: 24 days,
and 0.6 of the planted echo share, which the echo threshold measures with some error)."""


def world(
    seed: int,
    planted: bool = True,
    *,
    finding: str | None = None,
    scale: Literal["teaching", "paper"] = "teaching",
    n_graphs: int = 200,
    n_boot: int = 1000,
) -> Evidence:
    """Simulate one world and take the scorecard's evidence from it.

    Parameters
    ----------
    seed : int
        Seed of the simulation, the random networks and the bootstrap.
    planted : bool
        True: the study's effects (:class:`Effects` ()); False: the null world of ``finding``
        (:data:`NULL_EFFECTS`).
    finding : str, optional
        One of :data:`FINDINGS`; required when ``planted`` is False.
    scale : {"teaching", "paper"}
        The simulator's scale.
    n_graphs, n_boot : int
        Random networks per city and bootstrap resamples (fewer than the page's single run, for
        speed).

    Returns
    -------
    Evidence

    Examples
    --------
    >>> found = world(3, planted=False, finding=FINDINGS[0])  # no hubs planted
    >>> found.hub_cities
    ()
    """
    if planted:
        effects = _PLANTED
    elif finding in NULL_EFFECTS:
        effects = NULL_EFFECTS[finding]
    else:
        raise ValueError(f"a null world needs one of the findings, not {finding!r}")
    sim = simulate(seed, scale=scale, effects=effects)
    tweets, accounts = sim.tweets, sim.accounts
    network = network_measures(interaction_ties(tweets, accounts), accounts)
    band = centralisation_band(network, seed=seed, n_graphs=n_graphs)
    network = network.merge(band.drop(columns="centralisation"), on="city")
    # a null world runs only the measures its rule reads (the others would be NaN anyway)
    agencies = accounts[["account", "city", "lead"]].assign(lag_days=np.nan, echo_share=np.nan)
    if planted or finding != FINDINGS[0]:
        covid = flag_covid(tweets["text"])
        covid.index = tweets.index
        agencies = adoption_dates(tweets, accounts, covid).assign(echo_share=np.nan)
        if planted or finding == FINDINGS[2]:
            consistency = message_consistency(tweets, accounts, covid)
            agencies = agency_summary(agencies.drop(columns="echo_share"), consistency)
    return evidence(network, agencies, seed=seed, n_boot=n_boot)


def falsification(
    seeds: Iterable[int],
    *,
    scale: Literal["teaching", "paper"] = "teaching",
    n_graphs: int = 200,
    n_boot: int = 1000,
) -> pd.DataFrame:
    """Run every rule in planted worlds, and each rule in its own null worlds.

    One planted world per seed feeds all three rules; each rule then gets one null world per
    seed in which only its effect is switched off (:data:`NULL_EFFECTS`).

    Parameters
    ----------
    seeds : iterable of int
        One world of each kind per seed.
    scale, n_graphs, n_boot
        As in :func:`world`.

    Returns
    -------
    DataFrame
        :func:`govsocial.planted.run_worlds`'s rows, planted worlds first.

    Examples
    --------
    >>> worlds = falsification(range(1))
    >>> worlds.groupby("planted").size().to_dict()
    {False: 3, True: 3}
    """
    seeds = list(seeds)
    options = {"scale": scale, "n_graphs": n_graphs, "n_boot": n_boot}
    frames = [method.run_worlds(partial(world, **options), RULES, seeds, kinds=(True,))]
    for rule in RULES:
        null_world = partial(world, finding=rule.finding, **options)
        frames.append(method.run_worlds(null_world, [rule], seeds, kinds=(False,)))
    return pd.concat(frames, ignore_index=True)


def operating_characteristics(
    seeds: Iterable[int],
    *,
    scale: Literal["teaching", "paper"] = "teaching",
    n_graphs: int = 200,
    n_boot: int = 1000,
) -> pd.DataFrame:
    """Power, size, coverage and bias of each rule over the worlds of :func:`falsification`.

    Examples
    --------
    >>> oc = operating_characteristics(range(1))
    >>> oc["planted_worlds"].tolist()
    [1, 1, 1]
    """
    worlds = falsification(seeds, scale=scale, n_graphs=n_graphs, n_boot=n_boot)
    return method.operating_characteristics(worlds)
