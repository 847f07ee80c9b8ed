"""Did we recover it? Planted effects against estimates, null worlds, the study's findings.

:func:`recovery_table` sets each planted effect next to its estimate, :func:`falsification`
checks that a world with every effect at zero shows none, and :func:`scorecard` sets the
study's directional findings next to what the chapter's methods found. :data:`RULES`,
:func:`world` and :func:`operating_characteristics` measure, through :mod:`govsocial.planted`,
how often each decision rule finds a planted effect (power) and how often it "finds" one in a
null world that switches off only that effect (size).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from govsocial import planted as method
from govsocial.planted import Rule

from ._common import TOPIC_CODES
from .analysis import (
    EngagementResult,
    ReplyResult,
    ShareGaps,
    agenda_correlation,
    daily_attention,
    engagement_model,
    lead_lag,
    reply_summary,
    share_gaps,
)
from .simulate import AgendaData, Effects, simulate


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
        planted value; a lag when the topic's Holm-adjusted Granger test finds that police
        lead (the estimate shown is the day the cross-correlation peaks, which by itself is no
        test: one of seven lags is always the highest); "other topics led by police" when no
        topic without a planted lag has a significant Granger test.

    Examples
    --------
    >>> from govsocial.agenda import (agenda_correlation, daily_attention, engagement_model,
    ...                               lead_lag, reply_summary, share_gaps, simulate)
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
            _row("lag", f"police lead public, {topic} (Granger, Holm; estimate: peak day)",
                 truth.lag_days, found["peak_lag"], np.nan, np.nan,
                 bool(found["police_leads_p_holm"] < alpha))
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


def falsification(
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
    >>> from govsocial.agenda import (Effects, agenda_correlation, daily_attention,
    ...                               engagement_model, lead_lag, reply_summary, share_gaps,
    ...                               simulate)
    >>> null = simulate(seed=4, effects=Effects.none())
    >>> posts = null.posts
    >>> table = falsification(
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
    >>> from govsocial.agenda import (agenda_correlation, engagement_model, reply_summary,
    ...                               share_gaps, simulate)
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
# How often would the method fool us? Planted and null worlds through govsocial.planted
# --------------------------------------------------------------------------------------------

LEVEL = 0.05  # every rule below is a test at this level (Holm-adjusted across topics for lags)
_N_BOOT = 200  # bootstrap resamples in each world (the decision uses a test or an interval)


def _null_agenda(effects: Effects) -> Effects:
    # followers' topics unrelated to the police's: no following, flat own priorities, no lag
    return replace(effects, agenda_follow=0.0, lag_strength=0.0,
                   public_priorities=dict.fromkeys(TOPIC_CODES, 1.0))


def _null_lag(effects: Effects) -> Effects:
    # only the lag off: same persistence of attention, same same-day comments
    return replace(effects, lag_strength=0.0)


def _null_platform(effects: Effects) -> Effects:
    return replace(effects, twitter_tilt=dict.fromkeys(TOPIC_CODES, 0.0))


def _null_engagement(effects: Effects) -> Effects:
    return replace(effects, engagement_irr=dict.fromkeys(TOPIC_CODES, 1.0))


def _null_replies(effects: Effects) -> Effects:
    none = Effects.none()
    return replace(effects, reply_rates=none.reply_rates,
                   reply_median_minutes=none.reply_median_minutes)


def _analyse(effect: str, posts: pd.DataFrame, seed: int) -> dict[str, Any]:
    """Run the one analysis step a finding needs."""
    if effect == "agenda":
        return {"agendas": agenda_correlation(posts, n_boot=_N_BOOT, seed=seed)}
    if effect == "lag":
        return {"lags": lead_lag(daily_attention(posts))}
    if effect == "platform":
        police = posts[posts["actor"] == "police"]
        return {"platforms": share_gaps(police, group="platform", first="Facebook",
                                        second="Twitter", n_boot=_N_BOOT, seed=seed)}
    if effect == "engagement":
        return {"engagement": engagement_model(posts)}
    return {"replies": reply_summary(posts)}


def _leads(topic: str) -> Any:
    def decide(result: dict[str, Any]) -> bool:
        lags = result["lags"].set_index("topic")
        return bool(lags.loc[topic, "police_leads_p_holm"] < LEVEL)

    return decide


def _false_lead(result: dict[str, Any]) -> bool:
    lags = result["lags"]
    others = lags[~lags["topic"].isin(Effects().lag_topics)]
    return bool((others["police_leads_p_holm"] < LEVEL).any())


def _ratio(effects: Effects) -> float:
    irr = effects.engagement_irr
    return float(irr["missing persons"] / irr["safety tips"])


def _missing_persons_ratio(result: dict[str, Any]) -> tuple[float, float, float]:
    """Return the engagement ratio of missing persons to safety tips, with its 95% CI."""
    row = result["engagement"].table.set_index("topic").loc["missing persons"]
    return float(row["irr"]), float(row["ci_low"]), float(row["ci_high"])


def _first_reply_rate(result: dict[str, Any]) -> tuple[float, float, float]:
    """Return the first department's reply rate, with its Wilson interval."""
    row = result["replies"].table.iloc[0]
    return float(row["reply_rate"]), float(row["ci_low"]), float(row["ci_high"])


#: The chapter's decision rules, by the effect whose null world tests them.
RULES: dict[str, tuple[Rule, ...]] = {
    "agenda": (
        Rule("police and followers share priorities (mean rank correlation, 95% CI above 0)",
             lambda r: bool(r["agendas"].iloc[-1]["ci_low"] > 0), LEVEL),
    ),
    "lag": tuple(
        Rule(f"police attention leads the public's on {topic} (Granger, Holm)",
             _leads(topic), LEVEL)
        for topic in Effects().lag_topics
    ),
    "platform": (
        Rule("the topic mix differs between Twitter and Facebook (chi-square)",
             lambda r: bool(r["platforms"].p_value < LEVEL), LEVEL),
    ),
    "engagement": (
        Rule("engagement differs by topic (likelihood ratio)",
             lambda r: bool(r["engagement"].topic_p_value < LEVEL), LEVEL,
             interval=_missing_persons_ratio,
             truth=lambda planted: _ratio(Effects() if planted else _null_engagement(Effects()))),
    ),
    "replies": (
        Rule("reply rates differ between departments (chi-square)",
             lambda r: bool(r["replies"].p_value < LEVEL), LEVEL,
             interval=_first_reply_rate,
             truth=lambda planted: float((Effects() if planted else _null_replies(Effects()))
                                         .reply_rates[0])),
    ),
}

#: Topics without a planted lag must show no lead: a size-only rule, checked in planted worlds.
FALSE_LEAD = Rule("police lead on a topic with no planted lag (any of the other five)",
                  _false_lead, LEVEL)

_NULLS = {
    "agenda": _null_agenda,
    "lag": _null_lag,
    "platform": _null_platform,
    "engagement": _null_engagement,
    "replies": _null_replies,
}


@lru_cache(maxsize=64)
def world(seed: int, planted: bool, effect: str | None = None,
          scale: str = "teaching") -> dict[str, Any]:
    """Simulate one world and run the analyses its rules need.

    Parameters
    ----------
    seed : int
        Seed of the simulation (and of the bootstraps).
    planted : bool
        True: every effect of the study planted; False: only ``effect`` switched off, every
        other effect, the persistence of attention and all the noise kept.
    effect : str, optional
        One of the keys of :data:`RULES`; required for a null world. A planted world without
        ``effect`` runs every analysis.
    scale : str
        ``"teaching"`` or ``"paper"``.

    Returns
    -------
    dict
        The analysis results the rules read (``agendas``, ``lags``, ``platforms``,
        ``engagement``, ``replies``).

    Examples
    --------
    >>> sorted(world(1, False, "replies"))
    ['replies']
    """
    if not planted and effect not in _NULLS:
        raise ValueError(f"a null world needs one of the effects {list(_NULLS)}, got {effect!r}")
    effects = Effects() if planted else _NULLS[str(effect)](Effects())
    posts = simulate(seed, scale, effects).posts  # type: ignore[arg-type]
    result: dict[str, Any] = {}
    for name in ([effect] if effect else list(_NULLS)):
        result.update(_analyse(str(name), posts, seed))
    return result


def run_all_worlds(seeds: Iterable[int], scale: str = "teaching") -> pd.DataFrame:
    """Every rule in planted worlds and in its own null worlds, one of each per seed.

    Returns
    -------
    DataFrame
        The rows of :func:`govsocial.planted.run_worlds` for every rule; the size-only rule
        :data:`FALSE_LEAD` is read in the planted worlds, where those five topics have no lag.

    Examples
    --------
    >>> worlds = run_all_worlds([1])
    >>> int(worlds["planted"].sum()), int((~worlds["planted"]).sum())
    (7, 8)
    """
    seeds = list(seeds)
    every = [rule for rules in RULES.values() for rule in rules]
    frames = [method.run_worlds(lambda s, p: world(s, True, None, scale), every, seeds,
                                kinds=(True,))]
    for effect, rules in RULES.items():
        frames.append(method.run_worlds(lambda s, p, e=effect: world(s, False, e, scale),
                                        rules, seeds, kinds=(False,)))
    frames.append(method.run_worlds(lambda s, p: world(s, True, None, scale), [FALSE_LEAD],
                                    seeds, kinds=(False,)))
    return pd.concat(frames, ignore_index=True)


def operating_characteristics(seeds: Iterable[int], scale: str = "teaching") -> pd.DataFrame:
    """Power and size of every rule of the chapter, with Wilson intervals.

    Examples
    --------
    >>> table = operating_characteristics([1])
    >>> len(table), int(table["null_worlds"].iloc[0])
    (8, 1)
    """
    return method.operating_characteristics(run_all_worlds(seeds, scale))
