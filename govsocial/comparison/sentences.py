"""The chapter's sentences that compare, judge or count, built from the numbers.

Each function takes the table the notebook shows and returns the sentence the prose glues, so
that the words stay true at any seed and on the reader's own data. The tests check them at
many seeds against the numbers.

Public names: coder_sentence, association_sentence, residual_sentence, cluster_sentence,
fool_sentence, service_sentence, templated_sentence, scorecard_sentence, news_value_sentence.
"""

from __future__ import annotations

import pandas as pd

from govsocial.book import join_words

from .simulate import CATEGORY_LABELS

__all__ = [
    "association_sentence",
    "cluster_sentence",
    "coder_sentence",
    "evaluation_sentence",
    "fool_sentence",
    "news_value_sentence",
    "residual_sentence",
    "scorecard_sentence",
    "service_sentence",
    "templated_sentence",
]


def _label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category)


def coder_sentence(validation: pd.DataFrame) -> str:
    """Which automatic coder agrees better with the human codes, in both languages together.

    Examples
    --------
    >>> v = pd.DataFrame({"coder": ["dictionary", "classifier"], "language": "both",
    ...                   "kappa": [0.7, 0.9], "uncoded": [0.2, 0.0]})
    >>> print(coder_sentence(v))  # doctest: +NORMALIZE_WHITESPACE
    The classifier agrees better with the human codes (kappa 0.90 against 0.70 for the
    dictionary).
    """
    both = validation[validation["language"] == "both"].set_index("coder")["kappa"]
    best, worst = both.idxmax(), both.idxmin()
    if best == worst or round(both[best], 2) == round(both[worst], 2):
        return f"The two coders agree equally well with the human codes (kappa {both[best]:.2f})."
    return (
        f"The {best} agrees better with the human codes (kappa {both[best]:.2f} against "
        f"{both[worst]:.2f} for the {worst})."
    )


def association_sentence(p_value: float, cramers_v: float) -> str:
    """Read a chi-square test and Cramér's V in words.

    V below 0.1 is called negligible, below 0.3 weak, below 0.5 moderate, else strong (common
    rules of thumb for tables with two rows).

    Examples
    --------
    >>> association_sentence(0.001, 0.18)
    "the association is statistically significant at 5%, and weak by Cramér's V (0.18)"
    """
    strength = ("negligible" if cramers_v < 0.1 else "weak" if cramers_v < 0.3
                else "moderate" if cramers_v < 0.5 else "strong")  # fmt: skip
    verdict = "statistically significant at 5%" if p_value < 0.05 else "not significant at 5%"
    return f"the association is {verdict}, and {strength} by Cramér's V ({cramers_v:.2f})"


def residual_sentence(residuals: pd.DataFrame, row: str = "China", cut: float = 2.0) -> str:
    """Name the categories over- and under-represented in ``row`` (residual beyond +-cut).

    Examples
    --------
    >>> r = pd.DataFrame({"opinion": [2.5, -2.5], "science": [-3.0, 3.0]},
    ...                  index=["China", "UK/US"])
    >>> print(residual_sentence(r))  # doctest: +NORMALIZE_WHITESPACE
    Posts of journalists from China hold more personal opinion and less science framing than
    independence would give.
    """
    line = residuals.loc[row]
    more = [_label(c) for c in line.index if line[c] > cut]
    less = [_label(c) for c in line.index if line[c] < -cut]
    if not more and not less:
        return (
            f"No category stands out for journalists from {row}: every adjusted residual "
            f"lies within ±{cut:g}."
        )
    parts = []
    if more:
        parts.append(f"more {join_words(more)}")
    if less:
        parts.append(f"less {join_words(less)}")
    return (
        f"Posts of journalists from {row} hold {' and '.join(parts)} than independence would give."
    )


def cluster_sentence(naive: pd.DataFrame, clustered: pd.DataFrame) -> str:
    """Compare the widths of the China intervals without and with clustering by journalist.

    Examples
    --------
    >>> n = pd.DataFrame({"term": ["China"], "low": [0.1], "high": [0.5]})
    >>> c = pd.DataFrame({"term": ["China"], "low": [0.0], "high": [0.6]})
    >>> cluster_sentence(n, c)
    'Clustering by journalist makes the country intervals 1.5 times as wide on average.'
    """
    width = [(t[t["term"] == "China"]["high"] - t[t["term"] == "China"]["low"]).mean()
             for t in (naive, clustered)]  # fmt: skip
    ratio = width[1] / width[0]
    if ratio > 1.05:
        return (
            f"Clustering by journalist makes the country intervals {ratio:.1f} times as "
            f"wide on average."
        )
    if ratio < 0.95:
        return (
            f"Clustering by journalist makes the country intervals narrower here "
            f"({ratio:.2f} times the width)."
        )
    return "Clustering by journalist leaves the country intervals about as wide."


def fool_sentence(characteristics: pd.DataFrame) -> str:
    """Say which rules were fooled more often than their stated level in null worlds.

    Examples
    --------
    >>> oc = pd.DataFrame({"finding": ["a", "b"], "size": [0.3, 0.0],
    ...                    "size_above_level": [True, False]})
    >>> fool_sentence(oc)
    'One rule is fooled more often than its stated level: a, in 30% of null worlds.'
    """
    above = characteristics[characteristics["size_above_level"]]
    if above.empty:
        return "No rule is fooled clearly more often than its stated level."
    named = join_words([f"{r.finding}, in {r.size:.0%} of null worlds" for r in above.itertuples()])
    count = "One rule is" if len(above) == 1 else f"{len(above)} rules are"
    verb = "its" if len(above) == 1 else "their"
    return f"{count} fooled more often than {verb} stated level: {named}."


def service_sentence(rates: pd.DataFrame, waiting: pd.DataFrame, logrank_p: float) -> str:
    """Compare the platforms' reply rates and waiting, with the log-rank test's verdict.

    Examples
    --------
    >>> rates = pd.DataFrame({"platform": ["a", "b"], "rate": [0.8, 0.6],
    ...                       "low": [0.75, 0.55], "high": [0.85, 0.65]})
    >>> waiting = pd.DataFrame({"platform": ["a", "b"], "hours": [24, 24],
    ...                         "unanswered": [0.2, 0.5]})
    >>> print(service_sentence(rates, waiting, 0.0001))  # doctest: +NORMALIZE_WHITESPACE
    The a account answers more questions (80% against 60%, intervals apart) and leaves fewer
    waiting after 24 hours (20% against 50%); the log-rank test finds the waiting curves
    different (p < 0.001).
    """
    r = rates.set_index("platform")
    first, second = r["rate"].idxmax(), r["rate"].idxmin()
    apart = r.loc[first, "low"] > r.loc[second, "high"]
    w = waiting.set_index("platform")["unanswered"]
    hours = int(waiting["hours"].iloc[0])
    fewer = "fewer" if w[first] < w[second] else "more" if w[first] > w[second] else "as many"
    p = "p < 0.001" if logrank_p < 0.001 else f"p = {logrank_p:.3f}"
    verdict = (
        "finds the waiting curves different"
        if logrank_p < 0.05
        else ("cannot tell the waiting curves apart")
    )
    return (
        f"The {first} account answers more questions ({r.loc[first, 'rate']:.0%} against "
        f"{r.loc[second, 'rate']:.0%}, intervals {'apart' if apart else 'overlapping'}) "
        f"and leaves {fewer} waiting after {hours} hours ({w[first]:.0%} against "
        f"{w[second]:.0%}); the log-rank test {verdict} ({p})."
    )


def templated_sentence(shares: pd.DataFrame) -> str:
    """Say which platform's replies are more often templated.

    Examples
    --------
    >>> s = pd.DataFrame({"platform": ["a", "b"], "share": [0.6, 0.3],
    ...                   "low": [0.5, 0.2], "high": [0.7, 0.4]})
    >>> templated_sentence(s)
    'More of the a replies are templated (60% against 30%), and the intervals do not overlap.'
    """
    s = shares.set_index("platform")
    first, second = s["share"].idxmax(), s["share"].idxmin()
    apart = s.loc[first, "low"] > s.loc[second, "high"]
    tail = "the intervals do not overlap" if apart else "but the intervals overlap"
    joint = ", and " if apart else ", "
    return (
        f"More of the {first} replies are templated ({s.loc[first, 'share']:.0%} against "
        f"{s.loc[second, 'share']:.0%}){joint}{tail}."
    )


def scorecard_sentence(card: pd.DataFrame, *, simulated: bool = True) -> str:
    """Count the study's findings the model reproduces.

    Examples
    --------
    >>> card = pd.DataFrame({"recovered (planted)": ["yes", "no", "yes"]})
    >>> scorecard_sentence(card)
    '2 of 3 findings are recovered in this simulated world, where all 3 are planted.'
    """
    found = int((card[card.columns[-1]] == "yes").sum())
    if simulated:
        return (
            f"{found} of {len(card)} findings are recovered in this simulated world, "
            f"where all {len(card)} are planted."
        )
    return f"{found} of {len(card)} of the study's findings hold in these data."


def news_value_sentence(table: pd.DataFrame) -> str:
    """Name the labels more common among Twitter events than news events (interval apart from 0).

    Parameters
    ----------
    table : DataFrame
        From :func:`~govsocial.comparison.data.news_value_table`: ``label``, ``difference``,
        ``low``, ``high`` (Twitter share minus News share).

    Examples
    --------
    >>> t = pd.DataFrame({"label": ["negative", "elite"], "difference": [0.2, -0.1],
    ...                   "low": [0.1, -0.2], "high": [0.3, 0.01]})
    >>> print(news_value_sentence(t))  # doctest: +NORMALIZE_WHITESPACE
    Twitter events are more often negative; no label is clearly more common among news
    events.
    """
    more = table.loc[table["low"] > 0, "label"].tolist()
    less = table.loc[table["high"] < 0, "label"].tolist()
    first = (f"Twitter events are more often {join_words(more)}" if more
             else "no label is clearly more common among Twitter events")  # fmt: skip
    second = (f"news events are more often {join_words(less)}" if less
              else "no label is clearly more common among news events")  # fmt: skip
    sentence = f"{first}; {second}."
    return sentence[0].upper() + sentence[1:]


def evaluation_sentence(equal: pd.DataFrame, reweighted: pd.DataFrame, dimension: str) -> str:
    """Say which platform comes first with equal weights and with one dimension's weight only.

    Examples
    --------
    >>> a = pd.DataFrame({"overall": [0.9, 0.2]}, index=["x", "y"])
    >>> b = pd.DataFrame({"overall": [0.1, 0.8]}, index=["x", "y"])
    >>> print(evaluation_sentence(a, b, "political"))  # doctest: +NORMALIZE_WHITESPACE
    With equal weights the x comes first; weighting only the political dimension puts another
    platform first, the y.
    """
    first, second = equal["overall"].idxmax(), reweighted["overall"].idxmax()
    if first == second:
        return (
            f"With equal weights the {first} comes first, and weighting only the "
            f"{dimension} dimension keeps it first."
        )
    return (
        f"With equal weights the {first} comes first; weighting only the {dimension} "
        f"dimension puts another platform first, the {second}."
    )
