"""Sentences of the open-government chapter that compare, judge or count.

Each is built from the numbers, so it stays true at any seed and on the reader's own data.
"""

from __future__ import annotations

import pandas as pd

from govsocial.book import join_words

__all__ = [
    "change_sentence",
    "coder_sentence",
    "evidence_sentence",
    "match_sentence",
    "fool_sentence",
    "order_sentence",
    "reproducibility_sentence",
    "scale_sentence",
    "skip_sentence",
]


def scale_sentence(h: float, low: float, high: float, threshold: float = 0.3) -> str:
    """Judge a scale by Loevinger's H and its interval against ``threshold``.

    Examples
    --------
    >>> scale_sentence(0.62, 0.55, 0.69)[:57]
    'H is 0.62 (95% interval 0.55 to 0.69), above 0.3 even at '
    >>> scale_sentence(0.12, 0.05, 0.2).endswith("not a staircase.")
    True
    """
    head = f"H is {h:.2f} (95% interval {low:.2f} to {high:.2f}), "
    if low > threshold:
        return head + (f"above {threshold} even at its lower end: "
                       "the indicators behave as a staircase.")
    if high < threshold:
        return head + (f"below {threshold} even at its upper end: "
                       "the indicators are not a staircase.")
    return head + (f"an interval that straddles {threshold}: "
                   "the data cannot tell whether the indicators form a staircase.")


def reproducibility_sentence(reproducibility: float, marginal: float) -> str:
    """Compare Guttman's reproducibility with the minimal marginal reproducibility.

    Examples
    --------
    >>> reproducibility_sentence(0.93, 0.76)[:40]
    'Reproducibility is 0.93, 0.17 above the '
    >>> "no better" in reproducibility_sentence(0.75, 0.76)
    True
    """
    gain = reproducibility - marginal
    if gain <= 0:
        return (f"Reproducibility is {reproducibility:.2f}, no better than the {marginal:.2f} "
                "that the steps' shares alone would give.")
    return (f"Reproducibility is {reproducibility:.2f}, {gain:.2f} above the {marginal:.2f} "
            "that the steps' shares alone would give.")


def order_sentence(recovered: tuple[str, ...], planted: tuple[str, ...]) -> str:
    """Say whether the recovered order of the levels is the planted one.

    Examples
    --------
    >>> order_sentence(("a", "b"), ("a", "b"))
    'The levels are held in the planted order, from a to b.'
    >>> order_sentence(("b", "a"), ("a", "b"))
    'The recovered order differs from the planted one: b comes before a.'
    """
    if tuple(recovered) == tuple(planted):
        return f"The levels are held in the planted order, from {recovered[0]} to {recovered[-1]}."
    for first, second in zip(planted, planted[1:], strict=False):
        if recovered.index(second) < recovered.index(first):
            return (f"The recovered order differs from the planted one: {second} comes "
                    f"before {first}.")
    return "The recovered order differs from the planted one."


def skip_sentence(skipped: pd.Series, units: int) -> str:
    """Name the step most often skipped on the way to a harder one.

    Examples
    --------
    >>> skip_sentence(pd.Series({"a": 3, "b": 10, "c": 0}), 100)
    'The step most often skipped is b: 10 of 100 (10%) lack it while holding a rarer step.'
    >>> skip_sentence(pd.Series({"a": 0, "b": 0}), 5)
    'No unit skips a step: the data are a perfect staircase.'
    """
    if skipped.max() == 0:
        return "No unit skips a step: the data are a perfect staircase."
    top = skipped.idxmax()
    return (f"The step most often skipped is {top}: {skipped[top]:,} of {units:,} "
            f"({skipped[top] / units:.0%}) lack it while holding a rarer step.")


def fool_sentence(characteristics: pd.DataFrame) -> str:
    """Sum up the fool table: which rules keep their size, which are fooled.

    Examples
    --------
    >>> oc = pd.DataFrame({"finding": ["x: H", "x: order"], "size_above_level": [False, True],
    ...     "power": [1.0, 1.0], "size": [0.0, 1.0]})
    >>> first, second = fool_sentence(oc).split("; ")
    >>> first
    'The rule "H" keeps its size (0% of non-cumulative worlds fooled it)'
    >>> second
    'the rule "order" is fooled in 100% of them.'
    """

    def rules(findings: pd.Series) -> str:
        names = [f'"{finding.split(": ", 1)[-1]}"' for finding in findings]
        return ("the rule " if len(names) == 1 else "the rules ") + join_words(names)

    honest = characteristics[~characteristics["size_above_level"]]
    fooled = characteristics[characteristics["size_above_level"]]
    parts = []
    if len(honest):
        sizes = join_words([f"{s:.0%}" for s in honest["size"]])
        one = len(honest) == 1
        parts.append(f"{rules(honest['finding'])} {'keeps its' if one else 'keep their'} size "
                     f"({sizes} of non-cumulative worlds fooled {'it' if one else 'them'})")
    if len(fooled):
        sizes = join_words([f"{s:.0%}" for s in fooled["size"]])
        verb = "is" if len(fooled) == 1 else "are"
        parts.append(f"{rules(fooled['finding'])} {verb} fooled in {sizes} of "
                     f"{'them' if len(honest) else 'the non-cumulative worlds'}")
    sentence = "; ".join(parts) + "."
    return sentence[0].upper() + sentence[1:]


def change_sentence(shares: pd.DataFrame) -> str:
    """Say which themes' shares changed between the first and the last period.

    A change is claimed only when the two periods' 95% intervals do not overlap.

    Parameters
    ----------
    shares : DataFrame
        From :func:`govsocial.opengov.corpus.theme_shares` (periods sort in time order).

    Examples
    --------
    >>> shares = pd.DataFrame({"theme": ["a", "a", "b", "b"], "period": ["1", "2", "1", "2"],
    ...     "share": [0.2, 0.6, 0.3, 0.35], "low": [0.1, 0.5, 0.2, 0.25],
    ...     "high": [0.3, 0.7, 0.4, 0.45]})
    >>> moved, rest = change_sentence(shares).split("; ")
    >>> moved
    'Between 1 and 2 the share of pages mentioning a rose (20% to 60%)'
    >>> rest
    'for b the intervals overlap, so the pages cannot show a change.'
    """
    periods = sorted(shares["period"].unique())
    return _ends(shares, periods, f"Between {periods[0]} and {periods[-1]} ",
                 "the share of pages mentioning", "the pages cannot show a change")


def match_sentence(matching: pd.DataFrame, threshold: float = 0.3) -> str:
    """Say which themes' paired topics go with them (correlation at least ``threshold``).

    Parameters
    ----------
    matching : DataFrame
        From :func:`govsocial.opengov.topics.match_topics`.

    Examples
    --------
    >>> pairs = pd.DataFrame({"theme": ["a", "b", "c"], "topic": ["topic 2", "topic 1",
    ...     "topic 3"], "correlation": [0.6, 0.1, -0.05]})
    >>> first, second = match_sentence(pairs).split("; ")
    >>> first[:46], first[-41:]
    ('The paired topic of one of 3 themes correlates', "dictionary's codes (a: topic 2, r = 0.60)")
    >>> second
    'for b and c it correlates less, so the topic model groups those pages differently.'
    """
    close = matching[matching["correlation"] >= threshold]
    far = matching[matching["correlation"] < threshold]
    n = len(matching)
    if close.empty:
        return (f"No theme's paired topic correlates {threshold} or more with the "
                f"dictionary's codes: the topic model groups the pages of all {n} themes "
                "differently.")
    named = join_words([f"{row.theme}: {row.topic}, r = {row.correlation:.2f}"
                        for row in close.itertuples()])
    if len(close) == 1:
        head = f"The paired topic of one of {n} themes correlates"
    else:
        head = f"The paired topics of {'all' if far.empty else len(close)} of {n} themes correlate"
    head += f" at least {threshold} with the dictionary's codes ({named})"
    if far.empty:
        return head + "."
    return (f"{head}; for {join_words(list(far['theme']))} it correlates less, so the topic "
            "model groups those pages differently.")


def coder_sentence(dictionary: pd.DataFrame, topics: pd.DataFrame, margin: float = 0.05) -> str:
    """Compare the dictionary's and the topic model's agreement with the hand coding.

    The two agree with the coder "about as often" when their shares of page-theme decisions
    coded alike differ by less than ``margin``.

    Parameters
    ----------
    dictionary, topics : DataFrame
        From :func:`govsocial.opengov.corpus.validate_dictionary`, one for each coder.

    Examples
    --------
    >>> a = pd.DataFrame({"pages": [10, 10], "agreement": [0.9, 1.0], "kappa": [0.8, 1.0]})
    >>> b = pd.DataFrame({"pages": [10, 10], "agreement": [0.6, 0.8], "kappa": [0.1, None]})
    >>> coder_sentence(a, b).split(", the ")[-1]
    'topic model 70% (mean kappa 0.10): the dictionary agrees more often.'
    """

    def said(validation: pd.DataFrame) -> tuple[float, str]:
        share = float((validation["agreement"] * validation["pages"]).sum()
                      / validation["pages"].sum())
        kappa = pd.to_numeric(validation["kappa"], errors="coerce").mean()
        kappa_text = "no kappa" if pd.isna(kappa) else f"mean kappa {kappa:.2f}"
        return share, f"{share:.0%} ({kappa_text})"

    d_share, d_text = said(dictionary)
    t_share, t_text = said(topics)
    if abs(d_share - t_share) < margin:
        verdict = "the two agree with the coder about as often"
    elif d_share > t_share:
        verdict = "the dictionary agrees more often"
    else:
        verdict = "the topic model agrees more often"
    return (f"Of the page-theme decisions of the hand-coded sample, the dictionary makes "
            f"{d_text} as the coder did, the topic model {t_text}: {verdict}.")


def _ends(shares: pd.DataFrame, periods: list[str], head: str, subject: str,
          nothing: str) -> str:
    """Compare each theme's first and last period: rose, fell, or overlapping intervals."""
    first, last = periods[0], periods[-1]
    rose, fell, same = [], [], []
    for theme, part in shares.groupby("theme", sort=False):
        a = part.set_index("period").loc[first]
        b = part.set_index("period").loc[last]
        if b["low"] > a["high"]:
            rose.append(f"{theme} rose ({a['share']:.0%} to {b['share']:.0%})")
        elif b["high"] < a["low"]:
            fell.append(f"{theme} fell ({a['share']:.0%} to {b['share']:.0%})")
        else:
            same.append(theme)
    moved = rose + fell
    if moved:
        sentence = head + f"{subject} " + join_words(moved)
        if same:
            sentence += f"; for {join_words(same)} the intervals overlap, so {nothing}"
    else:
        sentence = head + (f"no share changed by more than its intervals allow: {nothing}")
    return sentence + "."


def evidence_sentence(shares: pd.DataFrame, bands: tuple[str, ...]) -> str:
    """Say which kinds of evidence experts cite more or less often at high scores than at low.

    A difference is claimed only when the lowest and the highest band's 95% intervals do not
    overlap.

    Parameters
    ----------
    shares : DataFrame
        From :func:`govsocial.opengov.corpus.theme_shares`, the ``period`` being the band.
    bands : tuple of str
        The bands from lowest to highest score.

    Examples
    --------
    >>> shares = pd.DataFrame({"theme": ["laws", "laws", "news", "news"],
    ...     "period": ["0", "7-10"] * 2, "share": [0.2, 0.6, 0.3, 0.35],
    ...     "low": [0.1, 0.5, 0.2, 0.25], "high": [0.3, 0.7, 0.4, 0.45]})
    >>> moved, rest = evidence_sentence(shares, ("0", "7-10")).split("; ")
    >>> moved[-50:]
    'the share of answers citing laws rose (20% to 60%)'
    >>> rest
    'for news the intervals overlap, so the answers cannot show a difference.'
    """
    present = [band for band in bands if band in set(shares["period"])]
    return _ends(shares, present, f"From answers scored {present[0]} to answers scored "
                 f"{present[-1]} ", "the share of answers citing",
                 "the answers cannot show a difference")
