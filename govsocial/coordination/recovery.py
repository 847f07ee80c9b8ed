"""Planted against measured, and the study's findings against ours.

:func:`recovery_table` sets each planted quantity against its estimate, :func:`contrast_table`
the city differences against the planted ones, and :func:`scorecard` the study's directional
findings against what the measures show.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from govsocial.stats import wilson_interval

from .analysis import CityAnalysis
from .estimates import city_contrast, city_estimates
from .simulate import PlantedTruth

__all__ = [
    "contrast_table",
    "recovery_table",
    "scorecard",
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
    >>> from govsocial.coordination import analyse, simulate
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
