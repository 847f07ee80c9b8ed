"""The sentences that compare, judge or count, built from the numbers.

Each function returns a sentence that holds for the numbers it is given, so the page stays true
at every seed and on the reader's own data. Public: :func:`measurement_sentence`,
:func:`estimator_sentence`, :func:`mediation_sentence`, :func:`equivalence_sentence`,
:func:`harman_sentence`, :func:`power_sentence`.
"""

from __future__ import annotations

import pandas as pd

from govsocial.book import join_words

__all__ = [
    "ann_sentence",
    "fool_sentence",
    "equivalence_sentence",
    "estimator_sentence",
    "harman_sentence",
    "measurement_sentence",
    "mediation_sentence",
    "power_sentence",
]


def measurement_sentence(
    weak: list[str], table: pd.DataFrame, *, ave_floor: float = 0.5, cr_floor: float = 0.7
) -> str:
    """Which items load weakly and which constructs miss the AVE or reliability floor.

    Examples
    --------
    >>> t = pd.DataFrame({"construct": ["A"], "composite_reliability": [0.8], "ave": [0.45]})
    >>> measurement_sentence(["a4"], t)
    'One item loads below 0.7 (a4), and A has an AVE below 0.5.'
    >>> measurement_sentence([], t.assign(ave=0.6)).startswith("Every item loads at least 0.7")
    True
    """
    low_ave = table.loc[table["ave"] < ave_floor, "construct"].tolist()
    low_cr = table.loc[table["composite_reliability"] < cr_floor, "construct"].tolist()
    if weak:
        count = "One item loads" if len(weak) == 1 else f"{len(weak)} items load"
        first = f"{count} below 0.7 ({join_words(weak)})"
    else:
        first = "Every item loads at least 0.7"
    if not low_ave and not low_cr:
        return (
            f"{first}, and every construct reaches an AVE of {ave_floor} and a composite "
            f"reliability of {cr_floor}."
        )
    parts = []
    if low_ave:
        verb = "has" if len(low_ave) == 1 else "have"
        parts.append(f"{join_words(low_ave)} {verb} an AVE below {ave_floor}")
    if low_cr:
        verb = "has" if len(low_cr) == 1 else "have"
        parts.append(f"{join_words(low_cr)} {verb} a composite reliability below {cr_floor}")
    return f"{first}, and {' and '.join(parts)}."


def estimator_sentence(table: pd.DataFrame) -> str:
    """How far each estimator's paths fall from the planted ones, on average.

    Examples
    --------
    >>> t = pd.DataFrame({"planted": [0.5, 0.3], "pls": [0.4, 0.25], "cb_sem": [0.5, 0.31]})
    >>> estimator_sentence(t).split(": ")[1]
    'CB-SEM comes closer.'
    """

    def side(diff: float) -> str:
        return "below" if diff < 0 else "above"

    pls = float((table["pls"] - table["planted"]).mean())
    cb = float((table["cb_sem"] - table["planted"]).mean())
    closer = "CB-SEM" if abs(cb) < abs(pls) else "PLS-SEM"
    return (
        f"On average PLS-SEM is {abs(pls):.2f} {side(pls)} the planted paths and CB-SEM "
        f"{abs(cb):.2f} {side(cb)} them: {closer} comes closer."
    )


def mediation_sentence(claim: str, indirect: tuple[float, float, float]) -> str:
    """Say the mediation claim with the indirect effect and its interval.

    Examples
    --------
    >>> mediation_sentence("partial mediation", (0.1, 0.05, 0.16))
    'The indirect effect is 0.10 (95% CI 0.05 to 0.16): the data support partial mediation.'
    >>> mediation_sentence("no mediation shown", (0.02, -0.01, 0.06)).split(": ")[1]
    'the interval holds zero, so no mediation is shown.'
    """
    head = (
        f"The indirect effect is {indirect[0]:.2f} (95% CI {indirect[1]:.2f} to {indirect[2]:.2f})"
    )
    if claim == "no mediation shown":
        return f"{head}: the interval holds zero, so no mediation is shown."
    return f"{head}: the data support {claim}."


def equivalence_sentence(chi2_a: float, chi2_b: float, *, tol: float = 1e-3) -> str:
    """Whether the model and its reversed twin fit equally well.

    Examples
    --------
    >>> equivalence_sentence(12.3456, 12.3457)
    'Both fit with the same chi-square (12.35): the data cannot tell the two directions apart.'
    >>> equivalence_sentence(12.0, 15.0)
    'The chi-squares differ (12.00 and 15.00): these two models are not equivalent.'
    """
    if abs(chi2_a - chi2_b) <= tol * max(1.0, abs(chi2_a)):
        return (
            f"Both fit with the same chi-square ({chi2_a:.2f}): the data cannot tell the "
            "two directions apart."
        )
    return (
        f"The chi-squares differ ({chi2_a:.2f} and {chi2_b:.2f}): these two models are "
        "not equivalent."
    )


def harman_sentence(share: float, marker: tuple[float, float, float]) -> str:
    """Say what Harman's test and the marker check find in one survey.

    Examples
    --------
    >>> harman_sentence(0.3, (0.2, 0.1, 0.3)).split("; ")[0]
    "The first factor explains 30% of the variance, so Harman's test passes"
    """
    verdict = "fails" if share > 0.5 else "passes"
    first = f"The first factor explains {share:.0%} of the variance, so Harman's test {verdict}"
    r, low, high = marker
    interval = f"{r:.2f} (95% CI {low:.2f} to {high:.2f})"
    if low > 0:
        link = "yet" if verdict == "passes" else "and"
        return (
            f"{first}; {link} the marker scale correlates {interval} with the items, so "
            "common-method variance is there."
        )
    return (
        f"{first}; the marker scale correlates {interval} with the items, an interval "
        "that holds zero."
    )


def power_sentence(power: pd.DataFrame) -> str:
    """Which study sizes find a small path in most worlds.

    Examples
    --------
    >>> p = pd.DataFrame({"study": ["a", "b"], "n": [240, 500], "power": [0.4, 0.85]})
    >>> power_sentence(p).split("; ")[1]
    'only 500 respondents reach 80%.'
    """
    ordered = power.sort_values("n")
    first, last = ordered.iloc[0], ordered.iloc[-1]
    reach = ordered.loc[ordered["power"] >= 0.8, "n"].tolist()
    if reach:
        tail = (
            f"only {join_words([str(n) for n in reach])} respondents reach 80%"
            if len(reach) < len(ordered)
            else "every size reaches 80%"
        )
    else:
        tail = "no size reaches 80%"
    return (
        f"A small path is found in {first['power']:.0%} of the worlds with {first['n']} "
        f"respondents and in {last['power']:.0%} with {last['n']}; {tail}."
    )


def fool_sentence(characteristics: pd.DataFrame, null_estimates: dict[str, float]) -> str:
    """Say which rules keep their stated level and which are fooled, from the table's numbers.

    Parameters
    ----------
    characteristics : DataFrame
        From :func:`govsocial.planted.operating_characteristics`.
    null_estimates : dict
        Finding to its mean estimate in the null worlds (where the truth is 0).

    Examples
    --------
    >>> oc = pd.DataFrame({"finding": ["direct", "mediates"], "size": [0.2, 0.05],
    ...     "size_low": [0.12, 0.01], "stated_level": [0.05, 0.05],
    ...     "size_above_level": [True, False]})
    >>> fool_sentence(oc, {"direct": 0.04, "mediates": 0.0}).split(": ")[0]
    'The rule "direct" is fooled more often than its 5% level'
    """
    parts = []
    for row in characteristics.itertuples(index=False):
        bias = null_estimates.get(row.finding, float("nan"))
        if row.size_above_level:
            parts.append(
                f'The rule "{row.finding}" is fooled more often than its '
                f"{row.stated_level:.0%} level: in {row.size:.0%} of the null worlds, where "
                f"the effect is zero, its estimate averages {bias:.2f}."
            )
    kept = characteristics.loc[~characteristics["size_above_level"], "finding"].tolist()
    if kept:
        verb = "is" if len(kept) == 1 else "are"
        whose = "its" if len(kept) == 1 else "their"
        quoted = join_words([f'"{k}"' for k in kept])
        parts.append(
            f"{quoted} {verb} not fooled more often than {whose} stated level in these worlds."
        )
    return " ".join(parts)


def ann_sentence(ann_r2: float, linear_r2: float, table: pd.DataFrame) -> str:
    """Compare the network's out-of-fold fit and importances with the linear paths.

    Examples
    --------
    >>> t = pd.DataFrame({"cause": ["A", "B"], "path_normalised": [1.0, 0.5],
    ...                   "ann_importance_normalised": [0.4, 1.0]})
    >>> ann_sentence(0.10, 0.15, t).split(" (")[1].split(")")[0]
    'the network predicts worse'
    >>> ann_sentence(0.10, 0.15, t).split("; ")[1].startswith("its most important cause is B")
    True
    """
    if ann_r2 > linear_r2 + 0.02:
        fit = "the network predicts better"
    elif ann_r2 < linear_r2 - 0.02:
        fit = "the network predicts worse"
    else:
        fit = "the network predicts about as well"
    top_ann = table.loc[table["ann_importance_normalised"].idxmax(), "cause"]
    top_path = table.loc[table["path_normalised"].idxmax(), "cause"]
    if top_ann == top_path:
        rank = f"its most important cause, {top_ann}, also has the largest path."
    else:
        rank = f"its most important cause is {top_ann}, while the largest path is {top_path}'s."
    return (
        f"Out of fold, the network explains {ann_r2:.0%} of the variance and the linear paths "
        f"{linear_r2:.0%} ({fit}); {rank}"
    )
