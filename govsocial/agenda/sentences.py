"""The page's sentences that compare, judge or count, built from the computed numbers.

Every sentence here is conditioned on the values it states, so that it stays true at any seed
and on a reader's own data; the notebook glues the strings, and a test checks them at many seeds.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from govsocial.book import join_words

from .analysis import EngagementResult, ReplyResult, ShareGaps
from .coding import ClusterAgreement

LEVEL = 0.05


def agenda_claim(agendas: pd.DataFrame) -> str:
    """Verdict on the mean rank correlation, from its interval.

    Examples
    --------
    >>> agenda_claim(pd.DataFrame({"rho": [0.4], "ci_low": [0.1], "ci_high": [0.6]}))[:24]
    'The agendas agree partly'
    """
    pooled = agendas.iloc[-1]
    if pooled["ci_low"] > 0:
        return ("The agendas agree partly: the mean rank correlation is positive, and its "
                "interval excludes 0.")
    if pooled["ci_high"] < 0:
        return ("The agendas disagree: the mean rank correlation is negative, and its "
                "interval excludes 0.")
    return "The agendas show no clear agreement: the mean rank correlation's interval holds 0."


def platform_claim(platforms: ShareGaps) -> str:
    """Whether the platforms' topic mixes differ more than chance would make them.

    Examples
    --------
    >>> platform_claim(ShareGaps(pd.DataFrame(), 0.2, "Facebook", "Twitter"))
    'Chance alone could make the two mixes differ this much (chi-square p = 0.200).'
    """
    p = platforms.p_value
    shown = "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
    if p < LEVEL:
        return ("The two mixes differ by more than chance would make them differ "
                f"(chi-square {shown}).")
    return f"Chance alone could make the two mixes differ this much (chi-square {shown})."


def lag_claims(lags: pd.DataFrame, weak_topic: str) -> dict[str, str]:
    """Sentences on which topics police lead, the reverse direction, and the weakest topic.

    Parameters
    ----------
    lags : DataFrame
        From :func:`lead_lag`.
    weak_topic : str
        The topic with the largest unadjusted police-leads p-value.

    Returns
    -------
    dict
        ``lag_led`` and ``lag_weak``.

    Examples
    --------
    >>> lags = pd.DataFrame({"topic": ["crime", "traffic"], "peak_lag": [2, 5],
    ...     "police_leads_p": [0.001, 0.6], "police_leads_p_holm": [0.002, 0.6],
    ...     "public_leads_p_holm": [0.5, 1.0]})
    >>> lag_claims(lags, "traffic")["lag_led"][:50]
    'Police attention leads public attention for crime '
    """
    led = lags[lags["police_leads_p_holm"] < LEVEL]
    reverse = int((lags["public_leads_p_holm"] < LEVEL).sum())
    if len(led):
        peaks = sorted({int(v) for v in led["peak_lag"]})
        whose = "its cross-correlation" if len(led) == 1 else "their cross-correlations"
        first = (f"Police attention leads public attention for {join_words(list(led['topic']))} "
                 f"(Holm-adjusted Granger p < 0.05); {whose} with later public attention "
                 f"peak{'s' if len(led) == 1 else ''} "
                 f"{' or '.join(map(str, peaks))} day{'s' * (peaks != [1])} after the police "
                 "posts.")
    else:
        first = ("For no topic does police attention lead public attention significantly "
                 "(Holm-adjusted Granger tests at 5%).")
    if reverse:
        second = (" Public attention leads police attention for "
                  f"{reverse} topic{'s' * (reverse > 1)}.")
    else:
        second = " Public attention leads police attention for no topic."
    row = lags.set_index("topic").loc[weak_topic]
    p, p_holm, peak = float(row["police_leads_p"]), float(row["police_leads_p_holm"]), int(
        row["peak_lag"])
    if p_holm < LEVEL:
        verdict = "yet even its Holm-adjusted test is significant"
    elif p >= 0.2:
        verdict = "and its Granger test is far from significant"
    elif p >= LEVEL:
        verdict = "and its Granger test is not significant"
    else:
        verdict = "and its test, significant alone, is not once adjusted for eight topics"
    weak = (f"The topic with the weakest evidence, {weak_topic}, has a cross-correlation that "
            f"peaks {peak} day{'s' * (peak != 1)} after the police posts, {verdict} "
            f"(p = {p:.2f} before adjustment). Where a cross-correlation peaks says little on "
            "its own: over seven lags, one of them is always the highest.")
    return {"lag_led": first + second, "lag_weak": weak}


def reply_claim(replies: ReplyResult) -> str:
    """Whether every department answers, and whether their rates differ.

    Examples
    --------
    >>> table = pd.DataFrame({"reply_rate": [0.3, 0.02]})
    >>> reply_claim(ReplyResult(table, 1e-9))[:38]
    'Every department answers some comments'
    """
    rates = replies.table["reply_rate"]
    p = replies.p_value
    shown = "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
    first = ("Every department answers some comments" if (rates > 0).all()
             else f"{int((rates > 0).sum())} of {len(rates)} departments answer comments")
    if p < LEVEL:
        return f"{first}, and the departments differ in how often (chi-square {shown}):"
    return f"{first}; their reply rates differ no more than chance allows (chi-square {shown}):"


def engagement_claim(engagement: EngagementResult) -> str:
    """Whether topic matters for engagement, from the likelihood-ratio test.

    Examples
    --------
    >>> engagement_claim(EngagementResult(pd.DataFrame(), "safety tips", 0.3, 10, None))
    'Topic does not change engagement by more than chance (likelihood-ratio p = 0.300).'
    """
    p = engagement.topic_p_value
    shown = "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
    if p < LEVEL:
        return f"Topic changes engagement by more than chance (likelihood-ratio {shown})."
    return f"Topic does not change engagement by more than chance (likelihood-ratio {shown})."


def recovery_claims(recovery: pd.DataFrame, null_checks: pd.DataFrame,
                    card: pd.DataFrame) -> dict[str, str]:
    """Sentences on the recovery table, the null run and the scorecard.

    Examples
    --------
    >>> rec = pd.DataFrame({"recovered": [True, False],
    ...                     "effect": ["rank correlation, A", "reply rate, A"]})
    >>> null = pd.DataFrame({"no_effect_found": [True, True]})
    >>> card = pd.DataFrame({"recovered": [True, True]})
    >>> recovery_claims(rec, null, card)["null_verdict"]
    'With every effect at zero, all 2 checks find no effect.'
    """
    found, nulls, study = recovery["recovered"], null_checks["no_effect_found"], card["recovered"]
    if nulls.all():
        null = f"With every effect at zero, all {len(nulls)} checks find no effect."
    else:
        wrong = ", ".join(null_checks.loc[~nulls, "check"]) if "check" in null_checks else ""
        null = (f"With every effect at zero, {int(nulls.sum())} of {len(nulls)} checks find no "
                f"effect; the others raise a false alarm{': ' + wrong if wrong else ''}. At a "
                "5% level each, a false alarm in one run is no proof of a broken method, which "
                "is why the table above counts them over many worlds.")
    if study.all():
        card_text = (f"All {len(study)} directional findings of the study reappear in the "
                     "simulated data.")
    else:
        card_text = (f"{int(study.sum())} of the {len(study)} directional findings of the study "
                     "reappear in the simulated data.")
    tail = (" That is what the simulator was built to do: the value of the exercise is whether "
            "the methods find it, and, in the null run above, "
            + ("they found nothing." if nulls.all() else "they were not silent everywhere."))
    departments = recovery[recovery["effect"].str.startswith("rank correlation, ")
                           & ~recovery["effect"].str.endswith("mean of departments")]
    held = int(departments["recovered"].sum())
    if held < len(departments):
        rank = (f"The rank correlations are the hardest: {held} of the {len(departments)} "
                "departments' intervals contain the planted value. With 95% intervals, about "
                "one in twenty misses by chance, and a rank statistic on eight topics is "
                "noisier than its interval admits; the mean over departments is the steadier "
                "measure.")
    else:
        rank = (f"All {len(departments)} departments' rank-correlation intervals contain the "
                "planted value, although a rank statistic on eight topics is noisier than its "
                "interval admits; the mean over departments is the steadier measure.")
    return {
        "rank_verdict": rank,
        "recovery_count": f"{int(found.sum())} of {len(found)} planted effects are recovered.",
        "null_verdict": null,
        "card_verdict": card_text + tail,
    }


def clustering_claims(machine: ClusterAgreement, comments: ClusterAgreement,
                      k: int) -> dict[str, str]:
    """Sentences on how well the machine's clusters agree with the coders.

    Parameters
    ----------
    machine, comments : ClusterAgreement
        From :func:`clustering_agreement`, on police posts and on comments.
    k : int
        The number of clusters chosen.

    Returns
    -------
    dict
        ``cluster_police`` (how well, how many topics, which topics are split),
        ``cluster_missed`` (the topics no cluster is named after, or none) and
        ``cluster_comments`` (how well on comments, and what the chapter does about it).

    Examples
    --------
    >>> by_topic = pd.DataFrame({"topic": ["crime", "traffic", "recognition"],
    ...     "posts": [600, 400, 100], "clusters": [3, 1, 0], "recall": [0.9, 0.9, 0.0],
    ...     "mostly_as": ["crime", "traffic", "crime"]})
    >>> police = ClusterAgreement(0.5, 0.7, 0.85, by_topic)
    >>> said = clustering_claims(police, ClusterAgreement(0.05, 0.05, 0.25, by_topic), 4)
    >>> said["cluster_missed"][:60]
    'It misses recognition, a topic whose words other topics use '
    >>> said["cluster_comments"][:25]
    'On comments it fails: pur'
    """
    table = machine.by_topic
    if machine.purity >= 0.75 and machine.ari_topics >= 0.5:
        how = "does well where words are distinctive"
    elif machine.purity >= 0.5:
        how = "does only moderately well"
    else:
        how = "does poorly"
    found = int((table["clusters"] > 0).sum())
    split = list(table.loc[table["clusters"] > 1, "topic"])
    named = f"{machine.ari_topics:.2f} once the clusters are named after topics"
    if split and machine.ari_topics > machine.ari_clusters:
        named += (f": the machine splits {join_words(split)} into several clusters, which the "
                  "coders keep together")
    police = (f"On police posts the machine {how}. Its {k} clusters cover {found} of the "
              f"{len(table)} coded topics, with a purity of {machine.purity:.0%} and an ARI of "
              f"{machine.ari_clusters:.2f} for the raw clusters ({named}).")
    missed = table[table["clusters"] == 0]
    if missed.empty:
        gap = "It misses no topic: every coded topic has a cluster named after it."
    else:
        where = join_words([f"{t} posts mostly in {m} clusters"
                            for t, m in zip(missed["topic"], missed["mostly_as"], strict=True)])
        kind = "a topic whose words" if len(missed) == 1 else "topics whose words"
        gap = (f"It misses {join_words(list(missed['topic']))}, {kind} other topics use too: "
               f"it puts {where}.")
    shown = f"purity {comments.purity:.0%}, ARI {comments.ari_topics:.2f}"
    why = (" A comment such as \"Shared. Praying she is found safe\" shares no word with the "
           "missing-person post it answers, and \"Thank you!\" could answer anything; coders "
           "see the thread, the machine sees only the text.")
    if comments.purity < 0.5 or comments.ari_topics < 0.2:
        said = f"On comments it fails: {shown}.{why} This is why the agendas below use the " \
            "coders' topics."
    elif comments.purity < machine.purity - 0.1:
        said = (f"On comments it does worse than on police posts: {shown}.{why} This is why "
                "the agendas below use the coders' topics.")
    else:
        said = (f"On comments it does about as well as on police posts: {shown}. The agendas "
                "below still use the coders' topics, which the machine only approximates.")
    return {"cluster_police": police, "cluster_missed": gap, "cluster_comments": said}


def claims(results: dict[str, Any]) -> dict[str, str]:
    """Every conditioned sentence of the page, from the chapter's results.

    Parameters
    ----------
    results : dict
        ``agendas``, ``platforms``, ``lags``, ``engagement``, ``replies`` and, on simulated
        data, ``recovery``, ``falsification`` and ``card``.

    Returns
    -------
    dict of str to str
        Glue name to sentence.
    """
    lags = results["lags"]
    weak = str(lags.sort_values("police_leads_p")["topic"].iloc[-1])
    out = {
        "agenda_verdict": agenda_claim(results["agendas"]),
        "engagement_verdict": engagement_claim(results["engagement"]),
        "reply_verdict": reply_claim(results["replies"]),
        **lag_claims(lags, weak),
    }
    if results.get("platforms") is not None:
        out["platform_verdict"] = platform_claim(results["platforms"])
    if results.get("recovery") is not None:
        out.update(recovery_claims(results["recovery"], results["falsification"],
                                   results["card"]))
    return out


def power_claim(characteristics: pd.DataFrame) -> str:
    """Sentences on the weakest lag rule's power and on rules whose size is above their level.

    Parameters
    ----------
    characteristics : DataFrame
        From :func:`operating_characteristics`.

    Examples
    --------
    >>> oc = pd.DataFrame({"finding": ["police attention leads the public's on crime (x)"],
    ...     "power": [0.5], "size_above_level": [False], "stated_level": [0.05]})
    >>> power_claim(oc)[:60]
    'Of the lag rules, the one for crime has the least power: it '
    """
    lags = characteristics[characteristics["finding"].str.contains("leads the public")]
    weakest = lags.sort_values("power").iloc[0]
    topic = str(weakest["finding"]).split(" on ")[1].split(" (")[0]
    power = float(weakest["power"])
    if power < 0.8:
        first = (f"Of the lag rules, the one for {topic} has the least power: it finds the "
                 f"planted lag in {power:.0%} of the planted worlds. A small topic gives few "
                 "posts a day, and 90 noisy days carry little information about a lag; \"no "
                 "significant lead\" there means \"not detectable with these data\".")
    else:
        first = (f"Of the lag rules, the one for {topic} has the least power, and still finds "
                 f"the planted lag in {power:.0%} of the planted worlds.")
    sure = characteristics[(characteristics["power"] == 1)
                           & (characteristics.get("power_low", 0.0) < 0.8)]
    if len(sure):
        worlds = characteristics.get("planted_worlds", pd.Series(["these"])).iloc[0]
        first += (f" With only {worlds} planted worlds, even a rule that finds the effect in "
                  "all of them is said to find it only \"some of the time\": the interval of "
                  "its power still reaches below 80%.")
    above = characteristics[characteristics["size_above_level"]]
    if len(above):
        second = (f" {len(above)} rule{'s' * (len(above) > 1)} "
                  f"{'are' if len(above) > 1 else 'is'} fooled clearly more often than the "
                  f"stated level: {'; '.join(above['finding'])}.")
    else:
        second = (" No rule's size is clearly above its stated level: the Wilson interval of "
                  "every size reaches down to 5% or below.")
    return first + second
