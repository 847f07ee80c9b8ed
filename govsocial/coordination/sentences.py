"""The chapter's sentences that compare, judge or count, built from the computed numbers.

Each function returns prose that the notebook glues into the page, so that a sentence saying
"later" or "beyond chance" is written only when the numbers say so, at any seed and on a
reader's own data. :func:`claims` gathers the sentences about the cities; :func:`rhythm_claim`
the one about the real governments; :func:`fool_claim` the one under the table "How often
would this method fool us?"; :func:`scorecard_claim` the one under the scorecard.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .analysis import CityAnalysis
from .estimates import city_estimates

__all__ = ["claims", "coverage_claim", "fool_claim", "rhythm_claim", "scorecard_claim"]

SAME_ORDER = 1.5
"""Attention shares are "of the same order" when the largest is at most this many times the
smallest (our choice)."""


def _compare(a: float, b: float, more: str, less: str, same: str, *, tol: float = 0.0) -> str:
    """``more`` when a > b (by more than ``tol``), ``less`` when a < b, ``same`` otherwise."""
    if a - b > tol:
        return more
    if b - a > tol:
        return less
    return same


def _attention_claim(analysis: CityAnalysis) -> str:
    attention = analysis.attention
    late = attention[attention["week"] >= pd.Timestamp("2020-04-01", tz="UTC")]
    april = late.groupby("city")["share"].mean().dropna()
    if april.empty:
        return "No week from April on has tweets to measure attention with."
    listed = ", ".join(f"{city} {share:.0%}" for city, share in april.items())
    low, high = april.min(), april.max()
    if len(april) > 1 and low > 0 and high / low <= SAME_ORDER:
        return (
            f"From April the cities gave the crisis shares of the same order ({listed}): the "
            f"largest is at most {SAME_ORDER} times the smallest."
        )
    if len(april) == 1:
        return f"From April, {listed} of the own tweets were about the crisis."
    ratio = f"more than {SAME_ORDER} times" if low > 0 else "far above"
    return (
        f"From April the cities gave the crisis different shares ({listed}): "
        f"{april.idxmax()}'s is {ratio} {april.idxmin()}'s."
    )


def _network_claim(analysis: CityAnalysis) -> str:
    network = analysis.network.set_index("city")
    sentences = []
    for city, row in network.iterrows():
        lead = (
            f"{row['lead_tie_share']:.0%} of its ties point to the lead health agency"
            if pd.notna(row["lead_tie_share"])
            else "it has no ties"
        )
        if bool(row["hub_found"]):
            sentences.append(
                f"{city}'s network is centralised beyond chance: centralisation "
                f"{row['centralisation']:.2f}, above the {row['band_high']:.2f} that random "
                f"networks of its size and density exceed in only 5 % of draws; its most "
                f"connected account is @{row['hub']}, and {lead}."
            )
        else:
            sentences.append(
                f"{city}'s network is no more centralised than random networks of its size "
                f"and density (centralisation {row['centralisation']:.2f}, within the band "
                f"that reaches {row['band_high']:.2f}); {lead}."
            )
    density = network["density"].dropna()
    if len(density) > 1:
        sparse, dense = density.idxmin(), density.idxmax()
        sentences.append(
            f"{sparse} has the sparsest network (density {density[sparse]:.2f}, against "
            f"{density[dense]:.2f} in {dense})."
        )
    return " ".join(sentences)


def _index_claim(analysis: CityAnalysis, *, seed: int, n_boot: int) -> str:
    index = analysis.fragmentation.set_index("city")["fragmentation_index"].dropna()
    if index.empty:
        return "The index could not be computed."
    scores = ", ".join(f"{city} {value:.2f}" for city, value in index.items())
    if len(index) == 1:
        return f"The index is {scores}."
    low = index.idxmin()
    shown = index.round(2)
    least = shown.index[shown == shown.min()].tolist()
    most = shown.index[shown == shown.max()].tolist()
    if len(least) == len(shown):
        verdict = "the cities score alike (to two decimals)"
    else:
        verdict = (
            f"{' and '.join(least)} {'is' if len(least) == 1 else 'are'} the least fragmented "
            f"by this measure{'' if len(least) == 1 else ' (equal to two decimals)'}, and "
            f"{' and '.join(most)} the most"
        )
    sentences = [f"The index reads {scores}: {verdict}."]
    others = analysis.agencies[~analysis.agencies["lead"].astype(bool)]
    lag = others.groupby("city")["lag_days"].median()
    echo = others.groupby("city")["echo_share"].mean()
    hubs = analysis.network.set_index("city")["hub_found"]
    for city in index.index.drop(low):
        parts = []
        if pd.notna(lag.get(city)) and pd.notna(lag.get(low)):
            word = _compare(lag[city], lag[low], "later", "earlier", "at the same time")
            parts.append(
                f"adopted {word} (median lag {lag[city]:+g} against {lag[low]:+g} days "
                "from 11 March)"
            )
        if pd.notna(echo.get(city)) and pd.notna(echo.get(low)):
            word = _compare(round(echo[city], 2), round(echo[low], 2), "more", "less", "as")
            parts.append(
                f"echoed the lead health agency {word} often (mean echo share "
                f"{echo[city]:.2f} against {echo[low]:.2f})"
            )
        hub = "is" if hubs.get(city, False) else "is not"
        agencies = f"{city}'s agencies {' and '.join(parts)}; its" if parts else f"{city}'s"
        sentences.append(
            f"Compared with {low}, {agencies} network {hub} centralised beyond chance."
        )
    return " ".join(sentences)


def _lag_claim(analysis: CityAnalysis, *, seed: int, n_boot: int) -> str:
    lags = city_estimates(
        analysis.agencies, "lag_days", statistic="median", seed=seed, n_boot=n_boot
    ).dropna(subset=["ci_low", "ci_high"])
    if lags.empty:
        return "No city has adoption lags to estimate."
    widths = lags["ci_high"] - lags["ci_low"]
    sizes = lags["agencies"]
    agencies = f"{sizes.min()}" if sizes.min() == sizes.max() else f"{sizes.min()} to {sizes.max()}"
    span = (
        f"{widths.min():.0f}"
        if round(widths.min()) == round(widths.max())
        else f"{widths.min():.0f} to {widths.max():.0f}"
    )
    return (
        f"With {agencies} agencies per city besides the lead, the 95 % intervals of the median "
        f"adoption lags are {span} days wide: the spread comes from the agencies themselves, "
        "not from dating each of them (step 2)."
    )


def claims(analysis: CityAnalysis, *, n_boot: int = 2000) -> dict[str, str]:
    """Return the chapter's comparing sentences about the cities, built from the measures.

    Parameters
    ----------
    analysis : CityAnalysis
        From :func:`analyse` (simulated cities or the reader's own).
    n_boot : int
        Bootstrap resamples of the lag intervals (seeded with ``analysis.seed``).

    Returns
    -------
    dict of str
        ``attention_claim`` (April attention shares), ``network_claim`` (each city's
        centralisation against random networks, its ties to the lead, the sparsest city),
        ``index_claim`` (the fragmentation index and what differs from the least fragmented
        city) and ``lag_claim`` (how wide the lag intervals are).

    Examples
    --------
    >>> from govsocial.coordination import analyse, simulate
    >>> sim = simulate(seed=5)
    >>> sentences = claims(analyse(sim.tweets, sim.accounts, n_graphs=100))
    >>> sorted(sentences)
    ['attention_claim', 'index_claim', 'lag_claim', 'network_claim']
    """
    return {
        "attention_claim": _attention_claim(analysis),
        "network_claim": _network_claim(analysis),
        "index_claim": _index_claim(analysis, seed=analysis.seed, n_boot=n_boot),
        "lag_claim": _lag_claim(analysis, seed=analysis.seed, n_boot=n_boot),
    }


def rhythm_claim(tests: pd.DataFrame, *, alpha: float = 0.05) -> str:
    """Say what the same-government permutation tests show, and no more.

    Parameters
    ----------
    tests : DataFrame
        One row per version (index ``"daily posts (log)"``, ``"unusual days"``) with
        ``mean_same``, ``mean_different`` and ``p_value`` (:func:`same_government_test`).
    alpha : float
        Level below which a difference counts as more than the shuffles give.

    Returns
    -------
    str

    Examples
    --------
    >>> tests = pd.DataFrame({"mean_same": [0.5], "mean_different": [0.3],
    ...                       "p_value": [0.001]}, index=["unusual days"])
    >>> rhythm_claim(tests)[:60]
    'On unusual days, accounts of the same government correlate m'
    """
    sentences = []
    for name, row in tests.iterrows():
        label = "On unusual days" if name == "unusual days" else "In their daily posts"
        word = _compare(row["mean_same"], row["mean_different"], "more", "less", "as much")
        p = "p < 0.001" if row["p_value"] < 0.001 else f"p = {row['p_value']:.3f}"
        verdict = (
            "more than shuffling the governments gives"
            if row["p_value"] < alpha and word == "more"
            else "a difference that shuffling the governments often gives too"
            if word == "more"
            else "no sign that a shared government brings accounts into step"
        )
        sentences.append(
            f"{label}, accounts of the same government correlate {word} than accounts of "
            f"different governments ({row['mean_same']:.2f} against "
            f"{row['mean_different']:.2f}; permutation test, {p}): {verdict}."
        )
    return " ".join(sentences)


def fool_claim(characteristics: pd.DataFrame, *, reliable: float = 0.8) -> str:
    """Sum up the table "How often would this method fool us?" in a sentence.

    Parameters
    ----------
    characteristics : DataFrame
        :func:`govsocial.planted.operating_characteristics`.
    reliable : float
        Lower end of the power interval above which a rule "finds a planted effect reliably".

    Returns
    -------
    str

    Examples
    --------
    >>> oc = pd.DataFrame({"finding": ["x"], "power": [1.0], "power_low": [0.9],
    ...     "size": [0.0], "size_high": [0.1], "stated_level": [0.05],
    ...     "size_above_level": [False], "planted_worlds": [40], "null_worlds": [40]})
    >>> fool_claim(oc)[:49]
    'Over 40 planted and 40 null worlds per rule, 1 of'
    """
    n_rules = len(characteristics)
    reliable_rules = int((characteristics["power_low"] >= reliable).sum())
    over = characteristics[characteristics["size_above_level"].astype(bool)]
    planted_n = int(characteristics["planted_worlds"].min())
    null_n = int(characteristics["null_worlds"].min())
    alarms = int(np.round(characteristics["size"] * characteristics["null_worlds"]).sum())
    text = (
        f"Over {planted_n} planted and {null_n} null worlds per rule, {reliable_rules} of "
        f"{n_rules} rules find a planted effect reliably (the lower end of the power interval "
        f"at {reliable:.0%} or more), and the null worlds raise {alarms} false "
        f"alarm{'' if alarms == 1 else 's'} in all. "
    )
    if over.empty:
        text += (
            "No rule is fooled clearly more often than its stated level; with this many worlds "
            "the size intervals still reach up to "
            f"{characteristics['size_high'].max():.0%}, so the table rules out only a "
            "rule that is much looser than it says."
        )
    else:
        names = "; ".join(f"“{f}”" for f in over["finding"])
        one = len(over) == 1
        text += (
            f"{len(over)} rule{'' if one else 's'} {'is' if one else 'are'} fooled more "
            f"often than {'its' if one else 'their'} stated level: {names}."
        )
    return text


def coverage_claim(characteristics: pd.DataFrame, *, level: float = 0.95) -> str:
    """Say how often each rule's confidence interval held the planted value.

    Parameters
    ----------
    characteristics : DataFrame
        :func:`govsocial.planted.operating_characteristics` (``coverage`` with its interval).
    level : float
        The intervals' nominal coverage.

    Returns
    -------
    str

    Examples
    --------
    >>> oc = pd.DataFrame({"finding": ["x"], "coverage": [0.8], "coverage_low": [0.6],
    ...                    "coverage_high": [0.9]})
    >>> coverage_claim(oc)[:40]
    'The 95% interval of “x” held the planted'
    """
    rows = characteristics.dropna(subset=["coverage"])
    if rows.empty:
        return ""
    sentences = []
    for row in rows.itertuples(index=False):
        if row.coverage_high < level:
            verdict = f"so it is too narrow for its {level:.0%} promise"
        elif row.coverage_low > level:
            verdict = "so it is wider than it needs to be"
        else:
            verdict = f"as often as its {level:.0%} promise, as far as these worlds can tell"
        sentences.append(
            f"The {level:.0%} interval of “{row.finding}” held the planted difference in "
            f"{row.coverage:.0%} of the planted worlds that compare City C with City A "
            f"({row.coverage_low:.0%} to {row.coverage_high:.0%}), {verdict}."
        )
    return " ".join(sentences)


def scorecard_claim(card: pd.DataFrame, *, simulated: bool) -> str:
    """Say under the scorecard how many findings the measures support.

    Parameters
    ----------
    card : DataFrame
        :func:`scorecard` (``supported``).
    simulated : bool
        True for the simulated cities (the findings were planted), False for own data.

    Returns
    -------
    str

    Examples
    --------
    >>> card = pd.DataFrame({"supported": [True, False, True]})
    >>> scorecard_claim(card, simulated=False)
    'On these data the measures support 2 of the 3 findings in the study’s direction.'
    """
    found, total = int(card["supported"].sum()), len(card)
    if simulated:
        return (
            f"With the patterns planted, the measures recover {found} of the {total} "
            "findings at this seed."
        )
    return (
        f"On these data the measures support {found} of the {total} findings in the study’s "
        "direction."
    )
