"""The sentences of the chapter that compare, judge or count, built from the computed numbers.

Each function takes the numbers a paragraph rests on and returns the words, so that the page
says "closer to 1" only when the estimate is closer to 1, "reliably" only when the worlds show
it, on any seed and on a reader's own data. The notebook glues the strings; the tests check each
sentence against its numbers at many seeds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = [
    "accuracy_sentence",
    "attenuation_sentence",
    "classifier_row_sentence",
    "classifier_verdict",
    "confusion_sentence",
    "fool_claims",
    "null_pattern",
    "null_sentence",
    "salience_sentence",
    "scorecard_reading",
]

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _word(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else f"{n:,}"


def _count(n: int, one: str, many: str) -> str:
    return f"{_word(n)} {one if n == 1 else many}"


def salience_sentence(features: pd.DataFrame) -> str:
    """Say how followers go with news mentions, from their rank correlation.

    Examples
    --------
    >>> frame = pd.DataFrame({"log2_news": [1, 2, 3, 4], "followers": [10, 20, 30, 40]})
    >>> salience_sentence(frame)
    'More news mentions go with more followers (rank correlation 1.00)'
    """
    rho = float(features["log2_news"].corr(features["followers"], method="spearman"))
    if not np.isfinite(rho) or abs(rho) < 0.2:
        return f"News mentions and followers hardly go together (rank correlation {rho:.2f})"
    direction = "more" if rho > 0 else "fewer"
    strength = "go with" if abs(rho) >= 0.5 else "tend to go with"
    spread = "" if abs(rho) >= 0.9 else ", but the spread is wide"
    return (
        f"More news mentions {strength} {direction} followers (rank correlation {rho:.2f})"
        + spread
    )


def classifier_verdict(classifier_f1: float, baseline_f1: float) -> str:
    """Judge a classifier's macro-F1 against the majority baseline's.

    Examples
    --------
    >>> classifier_verdict(0.84, 0.20)
    'Far better than the baseline, but not perfect.'
    >>> classifier_verdict(0.22, 0.20)
    'Hardly better than the baseline: do not trust its styles.'
    """
    gap = classifier_f1 - baseline_f1
    if classifier_f1 >= 0.95:
        return "Nearly perfect, which on real tweets would call for a second look."
    if gap >= 0.3:
        return "Far better than the baseline, but not perfect."
    if gap >= 0.1:
        return "Better than the baseline, but far from perfect."
    return "Hardly better than the baseline: do not trust its styles."


def confusion_sentence(confusion: pd.DataFrame) -> str:
    """Say where a confusion matrix's mistakes fall (rows: coded style, columns: predicted).

    Examples
    --------
    >>> m = pd.DataFrame([[8, 1], [2, 9]], index=["a", "b"], columns=["a", "b"])
    >>> confusion_sentence(m)
    'The mistakes fall on every pair of styles'
    >>> confusion_sentence(pd.DataFrame([[8, 0], [2, 9]], index=["a", "b"], columns=["a", "b"]))
    'The mistakes fall on 1 of the 2 ordered pairs of styles'
    """
    values = confusion.to_numpy()
    off = ~np.eye(len(values), dtype=bool)
    n_off = int((values[off] > 0).sum())
    if n_off == off.sum():
        return "The mistakes fall on every pair of styles"
    if n_off == 0:
        return "There are no mistakes"
    return f"The mistakes fall on {n_off} of the {int(off.sum())} ordered pairs of styles"


def accuracy_sentence(all_accuracy: float, cv_accuracy: float) -> str:
    """Compare the accuracy on all tweets with the cross-validated accuracy.

    Examples
    --------
    >>> accuracy_sentence(0.85, 0.84)
    'close to the cross-validated accuracy (84%), as it should be'
    >>> accuracy_sentence(0.70, 0.84)
    'below the cross-validated accuracy (84%)'
    """
    if round(abs(all_accuracy - cv_accuracy), 3) <= 0.03:
        return f"close to the cross-validated accuracy ({cv_accuracy:.0%}), as it should be"
    side = "above" if all_accuracy > cv_accuracy else "below"
    return f"{side} the cross-validated accuracy ({cv_accuracy:.0%})"


def attenuation_sentence(
    planted: float, true_fit: Sequence[float], predicted_irr: float
) -> str:
    """Compare the estimate with true styles, the planted value and the classifier's estimate.

    Parameters
    ----------
    planted : float
        The planted IRR.
    true_fit : (irr, ci_low, ci_high)
        The estimate with the true styles and its 95% interval.
    predicted_irr : float
        The estimate with the classifier's styles.

    Examples
    --------
    >>> attenuation_sentence(1.6, (1.70, 1.5, 1.9), 1.53).endswith("it is 1.53, closer to 1.")
    True
    """
    irr, low, high = (float(v) for v in true_fit)
    holds = "holds" if low <= planted <= high else "misses"
    if abs(math.log(predicted_irr)) < abs(math.log(irr)):
        after = "closer to 1."
    else:
        after = "no closer to 1 this time: dilution is an average, not a rule for every draw."
    return (
        f"With the true styles the estimate is {irr:.2f}, and its interval {holds} the planted "
        f"{planted:.2f}; with the classifier's styles it is {predicted_irr:.2f}, {after}"
    )


def classifier_row_sentence(recovery: pd.DataFrame) -> str:
    """Read the recovery table's classifier row against the true-styles row above it.

    Parameters
    ----------
    recovery : DataFrame
        From :func:`~govsocial.attention.recovery_table` with ``retweets_predicted``: its last
        two rows are the interactive effect with true and with classifier styles.

    Examples
    --------
    >>> table = pd.DataFrame({"estimate": [1.7, 1.5], "detected": [True, True]})
    >>> classifier_row_sentence(table)
    'The classifier-based row repeats the lesson of the previous section: detected, but diluted.'
    """
    true_row, predicted_row = recovery.iloc[-2], recovery.iloc[-1]
    found = "detected" if predicted_row["detected"] else "not detected"
    diluted = abs(math.log(predicted_row["estimate"])) < abs(math.log(true_row["estimate"]))
    if predicted_row["detected"] and diluted:
        return (
            "The classifier-based row repeats the lesson of the previous section: detected, "
            "but diluted."
        )
    how = "closer to 1 than" if diluted else "no closer to 1 than"
    return (
        f"The classifier-based row is {found}, and its estimate is {how} the true-styles "
        "estimate."
    )


def null_sentence(excludes_one: Sequence[bool], labels: Sequence[str]) -> str:
    """Say what the one null world analysed in full shows.

    Examples
    --------
    >>> null_sentence([False, False], ["true styles", "classifier styles"])
    'neither interval excludes 1'
    >>> null_sentence([True, False], ["true styles", "classifier styles"])
    'the interval with true styles excludes 1: a false alarm'
    """
    flags = [bool(flag) for flag in excludes_one]
    found = [label for label, flag in zip(labels, flags, strict=True) if flag]
    if not found:
        return "neither interval excludes 1" if len(flags) == 2 else "no interval excludes 1"
    if len(found) == len(flags):
        return "both intervals exclude 1: a false alarm" if len(flags) == 2 else (
            "every interval excludes 1: a false alarm"
        )
    return f"the interval with {' and '.join(found)} excludes 1: a false alarm"


def null_pattern(runs: pd.DataFrame) -> str:
    """Describe where the null worlds' intervals miss 1: how many, on which effects, which side.

    Examples
    --------
    >>> runs = pd.DataFrame({"effect": ["a", "a", "b"], "ci_low": [0.9, 1.1, 0.5],
    ...     "ci_high": [1.1, 1.3, 0.9], "covered": [True, False, False]})
    >>> null_pattern(runs)
    'The 2 misses fall on two of the 2 effects, one above 1 and one below.'
    """
    missed = runs[~runs["covered"]]
    if missed.empty:
        return f"None of the {len(runs)} intervals misses 1 in these worlds."
    above = int((missed["ci_low"] > 1).sum())
    below = len(missed) - above
    n_effects = missed["effect"].nunique()
    if len(missed) == 1:
        side = "above" if above else "below"
        return f"The one miss is {side} 1."
    return (
        f"The {len(missed)} misses fall on {_word(n_effects)} of the "
        f"{runs['effect'].nunique()} effects, {_word(above)} above 1 and {_word(below)} below."
    )


def fool_claims(characteristics: pd.DataFrame, n_agencies: int) -> dict[str, str]:
    """State the verdicts on the table "How often would this method fool us?", from its numbers.

    Parameters
    ----------
    characteristics : DataFrame
        From :func:`govsocial.planted.operating_characteristics`.
    n_agencies : int
        The number of agencies in each simulated world.

    Returns
    -------
    dict of str to str
        ``size_verdict`` (the rules' false alarms against their 5% level), ``power_verdict``
        (how often the planted effects are found) and ``closing`` (what the design can and
        cannot do).

    Examples
    --------
    >>> oc = pd.DataFrame({"finding": ["A", "B"], "power": [1.0, 0.9],
    ...     "power_low": [0.9, 0.8], "size": [0.05, 0.2], "size_low": [0.01, 0.1],
    ...     "size_high": [0.15, 0.3], "stated_level": [0.05, 0.05],
    ...     "size_above_level": [False, True]})
    >>> fool_claims(oc, 40)["size_verdict"].split(":")[0]
    'one of the 2 rules finds an absent effect clearly more often than its 5% level (b)'
    """
    oc = characteristics.reset_index(drop=True)
    n_rules = len(oc)
    above = oc.loc[oc["size_above_level"], "finding"].str.lower().tolist()
    worst = oc.loc[oc["size"].idxmax()]
    if above:
        one = len(above) == 1
        size_verdict = (
            f"{_word(len(above))} of the {n_rules} rules {'finds' if one else 'find'} an absent "
            f"effect clearly more often than {'its' if one else 'their'} 5% level "
            f"({'; '.join(above)}): trust {'its' if one else 'their'} intervals less than "
            "they claim"
        )
    elif (oc["size"] <= oc["stated_level"]).all():
        size_verdict = (
            f"none of the {n_rules} rules finds an absent effect more often than its 5% level "
            f"in these worlds (at most {worst['size']:.0%})"
        )
    else:
        size_verdict = (
            f"no rule finds an absent effect clearly more often than its 5% level: the "
            f"highest share, {worst['size']:.0%} ({worst['finding'].lower()}), is within what "
            "chance allows in this many worlds"
        )
    reliable = int((oc["power_low"] >= 0.8).sum())
    least = oc.loc[oc["power"].idxmin()]
    if reliable == n_rules:
        power_verdict = f"all {n_rules} planted effects are found reliably"
    else:
        power_verdict = (
            f"{_count(reliable, 'planted effect is', 'planted effects are')} found reliably; "
            f"the least often found, {least['finding'].lower()}, in {least['power']:.0%} of "
            "the planted worlds"
        )
    finds = "finds the planted effects" if reliable == n_rules else "finds most planted effects"
    if above:
        absent = (
            "but where an effect is absent it also finds it more often than its 5% level "
            "promises, for the rules named above"
        )
    else:
        absent = (
            "and where an effect is absent it still finds it now and then, about as often "
            "as a 5% level promises: not never"
        )
    closing = f"the design {finds} with {n_agencies} agencies, {absent}"
    return {"size_verdict": size_verdict, "power_verdict": power_verdict, "closing": closing}


def scorecard_reading(card: pd.DataFrame, *, simulated: bool) -> str:
    """Read the scorecard in one sentence, for simulated or own data.

    Examples
    --------
    >>> card = pd.DataFrame({"recovered (planted)": ["yes", "no: no clear effect"]})
    >>> scorecard_reading(card, simulated=True).split(",")[0]
    '1 of 2 planted findings is recovered in this simulated world'
    """
    column = card.columns[-1]
    n_yes, n_all = int((card[column] == "yes").sum()), len(card)
    verb = "is" if n_yes == 1 else "are"
    if simulated:
        return (
            f"{n_yes} of {n_all} planted findings {verb} recovered in this simulated world, in "
            "the direction the study reports."
        )
    return (
        f"{n_yes} of {n_all} of the study's findings {verb} reproduced on your data, in the "
        "direction the study reports: associations in your sample, not proof of the study's "
        "explanations."
    )
