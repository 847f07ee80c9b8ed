"""Did we recover it: planted against estimated, decision rules in planted and null worlds.

A world (:func:`world`) simulates posts and customer service, codes the posts by dictionary,
and applies every rule of :data:`RULES`. In a null world the country differences, the platform
differences in reply times and the templated shares are switched off; journalists' own
leanings, platform differences in content, censoring and coding errors stay.

Public names: RULES, world, operating_characteristics, recovery_table, service_recovery,
scorecard.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportions_ztest

from govsocial import planted

from .analysis import (
    chi_square,
    contingency_table,
    loglinear,
    logrank,
    near_duplicates,
    reply_rates,
    survival_at,
    templated_shares,
)
from .coding import dictionary_code
from .simulate import (
    CATEGORY_LABELS,
    SERVICE_PLATFORMS,
    Effects,
    PostsWorld,
    ServiceEffects,
    ServiceWorld,
    planted_shares,
    simulate_posts,
    simulate_service,
)

__all__ = [
    "RULES",
    "operating_characteristics",
    "recovery_table",
    "scorecard",
    "service_recovery",
    "world",
]

FOCUS = "opinion"  # the category the country rules test


def country_groups(posts: pd.DataFrame) -> pd.Series:
    """China against the UK and the US together (the study's comparison).

    Examples
    --------
    >>> country_groups(pd.DataFrame({"country": ["China", "US"]})).tolist()
    ['China', 'UK/US']
    """
    return posts["country"].where(posts["country"] == "China", "UK/US")


def world(seed: int, is_planted: bool, scale: str = "teaching") -> dict[str, object]:
    """Simulate and analyse one world: the results every rule of :data:`RULES` reads.

    Examples
    --------
    >>> result = world(1, True)
    >>> sorted(result)[:3]
    ['chi_p', 'clustered', 'logrank_p']
    """
    posts_effects = Effects() if is_planted else Effects.none()
    service_effects = ServiceEffects() if is_planted else ServiceEffects.none()
    posts = simulate_posts(seed, scale, posts_effects).posts
    posts = posts.assign(code=dictionary_code(posts), country_group=country_groups(posts))
    questions = simulate_service(seed, scale, service_effects).questions
    replies = questions[questions["replied_at"].notna()]
    detected = near_duplicates(replies["reply_text"])
    shares = templated_shares(questions, detected)
    counts = shares["templated"].to_numpy()
    rates = reply_rates(questions)
    return {
        "chi_p": chi_square(contingency_table(posts, "country_group")).p_value,
        "naive": _focus(loglinear(posts, cluster=False)),
        "clustered": _focus(loglinear(posts, cluster=True)),
        "logrank_p": logrank(questions)[1],
        "reply_p": float(proportions_ztest(rates["answered"], rates["questions"])[1]),
        "templated_p": float(proportions_ztest(counts, shares["replies"].to_numpy())[1]),
        "truth": float(planted_shares(posts_effects).loc[FOCUS, "log_ratio"]),
    }


def _focus(fit: pd.DataFrame) -> tuple[float, float, float]:
    row = fit[(fit["category"] == FOCUS) & (fit["term"] == "China")].iloc[0]
    return float(row["log_ratio"]), float(row["low"]), float(row["high"])


_TRUTH = float(planted_shares(Effects()).loc[FOCUS, "log_ratio"])

RULES = (
    planted.Rule(
        "countries differ in categories (chi-square, posts as independent)",
        lambda r: r["chi_p"] < 0.05,
    ),
    planted.Rule(
        "more personal opinion in China (log-linear, posts as independent)",
        lambda r: r["naive"][1] > 0,
        interval=lambda r: r["naive"],
        truth=lambda p: _TRUTH if p else 0.0,
    ),
    planted.Rule(
        "more personal opinion in China (log-linear, clustered by journalist)",
        lambda r: r["clustered"][1] > 0,
        interval=lambda r: r["clustered"],
        truth=lambda p: _TRUTH if p else 0.0,
    ),
    planted.Rule("reply times differ between platforms (log-rank)",
                 lambda r: r["logrank_p"] < 0.05),
    planted.Rule("reply rates differ between platforms (z-test)", lambda r: r["reply_p"] < 0.05),
    planted.Rule("templated shares differ between platforms (z-test)",
                 lambda r: r["templated_p"] < 0.05),
)  # fmt: skip
"""The chapter's decision rules. The one-sided log-linear rules have a stated level of 5%,
which is conservative for a one-sided look at a 95% interval (2.5%)."""


def operating_characteristics(seeds: Iterable[int], scale: str = "teaching") -> pd.DataFrame:
    """Power, size and coverage of every rule over planted and null worlds.

    Examples
    --------
    >>> table = operating_characteristics(range(2))
    >>> len(table) == len(RULES)
    True
    """
    worlds = planted.run_worlds(lambda s, p: world(s, p, scale), RULES, seeds)
    return planted.operating_characteristics(worlds)


def recovery_table(posts_world: PostsWorld, fit: pd.DataFrame) -> pd.DataFrame:
    """Planted against estimated China/UK-US share ratios, category by category.

    Parameters
    ----------
    posts_world : PostsWorld
        The simulated world (its ``effects`` give the truth).
    fit : DataFrame
        From :func:`~govsocial.comparison.analysis.loglinear`.

    Returns
    -------
    DataFrame
        ``category``, ``planted_difference`` (a ratio other than 1 is planted), ``planted``
        and ``estimated`` ratios, ``low``, ``high``, ``covered``,
        ``finding`` ("recovered", "missed", "wrong direction", "silent" or "false alarm").

    Examples
    --------
    >>> from govsocial.comparison.analysis import loglinear
    >>> w = simulate_posts(2)
    >>> fit = loglinear(w.posts.assign(code=w.posts["category"]))
    >>> recovery_table(w, fit)["category"].tolist()[0]
    'personal opinion'
    """
    truth = planted_shares(posts_world.effects)["log_ratio"]
    china = fit[fit["term"] == "China"].set_index("category")
    rows = []
    for category, label in CATEGORY_LABELS.items():
        est = china.loc[category]
        true = float(truth[category])
        excludes = est["low"] > 0 or est["high"] < 0
        material = abs(true) > 0.05
        if material and excludes:
            finding = ("recovered" if np.sign(est["log_ratio"]) == np.sign(true)
                       else "wrong direction")  # fmt: skip
        elif material:
            finding = "missed"
        else:
            finding = "false alarm" if excludes else "silent"
        rows.append({"category": label, "planted_difference": material,
                     "planted": np.exp(true), "estimated": est["ratio"],
                     "low": np.exp(est["low"]), "high": np.exp(est["high"]),
                     "covered": bool(est["low"] <= true <= est["high"]),
                     "finding": finding})  # fmt: skip
    return pd.DataFrame(rows)


def service_recovery(
    service: ServiceWorld, detected: pd.DataFrame, hours: float = 24.0
) -> pd.DataFrame:
    """Planted against estimated reply rate, unanswered after ``hours`` and templated share.

    Returns
    -------
    DataFrame
        ``platform``, ``measure``, ``planted``, ``estimate``, ``low``, ``high``, ``covered``.

    Examples
    --------
    >>> from govsocial.comparison.analysis import near_duplicates
    >>> s = simulate_service(2)
    >>> r = s.questions[s.questions["reply_text"].notna()]
    >>> len(service_recovery(s, near_duplicates(r["reply_text"])))
    6
    """
    effects, questions = service.effects, service.questions
    rates = reply_rates(questions).set_index("platform")
    waiting = survival_at(questions, hours).set_index("platform")
    templated = templated_shares(questions, detected).set_index("platform")
    rows = []
    for platform in rates.index:
        i = SERVICE_PLATFORMS.index(platform)
        followed = questions[questions["platform"] == platform]
        follow = (followed["observed_until"] - followed["asked_at"]).dt.total_seconds() / 3600
        reachable = effects.reply_share[i] * float(
            np.mean(1 - np.exp(-follow.to_numpy() / effects.mean_hours[i]))
        )
        for measure, table, column, truth in (
            ("answered by the end of collection", rates, "rate", reachable),
            (
                f"unanswered after {hours:.0f} hours",
                waiting,
                "unanswered",
                float(effects.survival(platform, hours)),
            ),
            ("replies templated", templated, "share", effects.templated_share[i]),
        ):
            value = table.loc[platform, column]
            low, high = table.loc[platform, "low"], table.loc[platform, "high"]
            rows.append({"platform": platform, "measure": measure, "planted": truth,
                         "estimate": float(value), "low": float(low), "high": float(high),
                         "covered": bool(low <= truth <= high)})  # fmt: skip
    return pd.DataFrame(rows)


def scorecard(fit: pd.DataFrame, *, simulated: bool = True) -> pd.DataFrame:
    """Set the COP21 study's directional findings against the model's China ratios.

    A finding counts as reproduced when the clustered 95% interval excludes 1 in the study's
    direction.

    Examples
    --------
    >>> from govsocial.comparison.analysis import loglinear
    >>> w = simulate_posts(2)
    >>> card = scorecard(loglinear(w.posts.assign(code=w.posts["category"])))
    >>> len(card)
    4
    """
    china = fit[fit["term"] == "China"].set_index("category")
    findings = (
        ("Chinese journalists more often express personal opinions", "opinion"),
        ("Chinese journalists more often discuss work experience", "experience"),
        ("Chinese journalists favour conventional sources of authority", "authority"),
        ("Chinese journalists frame climate change as a policy issue", "policy"),
    )
    column = "recovered (planted)" if simulated else "as in the study?"
    rows = []
    for finding, category in findings:
        row = china.loc[category]
        rows.append({"study's finding": finding,
                     "China / UK-US share ratio": f"{row['ratio']:.2f} "
                     f"({np.exp(row['low']):.2f} to {np.exp(row['high']):.2f})",
                     column: "yes" if row["low"] > 0 else "no"})  # fmt: skip
    return pd.DataFrame(rows)
