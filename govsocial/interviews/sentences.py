"""The sentences that compare, judge or count, built from the numbers so they hold at any seed.

Each function takes a table the chapter computed and returns one or two sentences; the tests
check them against their numbers at many seeds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from govsocial.book import join_words

__all__ = [
    "strongest_links",
    "agreement_sentence",
    "assisted_sentence",
    "confusion_sentence",
    "crisis_sentence",
    "fool_sentence",
    "level_sentence",
    "most_sentence",
    "saturation_sentence",
    "worlds_sentence",
]


def _pct(value: float) -> str:
    return f"{value:.0%}"


def most_sentence(row: pd.Series | dict, label: str) -> str:
    """Say what may be written about how many agencies mentioned a theme.

    "Most agencies" only when the interval's lower end is above one half; a majority of the
    agencies interviewed whose interval reaches below one half is written as a count.

    Parameters
    ----------
    row : Series or dict
        A row of :func:`~govsocial.interviews.counting.mention_table` (``mentioning``,
        ``agencies``, ``ci_low``, ``ci_high``).
    label : str
        The theme, as the sentence names it.

    Examples
    --------
    >>> most_sentence({"mentioning": 9, "agencies": 14, "ci_low": 0.35, "ci_high": 0.87},
    ...               "internal policy")[:45]
    '9 of 14 agencies mentioned internal policy: m'
    >>> most_sentence({"mentioning": 14, "agencies": 14, "ci_low": 0.77, "ci_high": 1.0},
    ...               "culture")[:30]
    'Most agencies mentioned cultur'
    """
    k, n = int(row["mentioning"]), int(row["agencies"])
    low, high = float(row["ci_low"]), float(row["ci_high"])
    interval = f"95% interval {_pct(low)} to {_pct(high)}"
    if k == 0:
        return (f"No agency mentioned {label}; with {n} agencies, a theme held by up to "
                f"{_pct(high)} of agencies could still go unheard.")
    if low > 0.5:
        return f"Most agencies mentioned {label} ({k} of {n}; {interval})."
    if k / n > 0.5:
        return (f"{k} of {n} agencies mentioned {label}: more than half of those interviewed, "
                f"but the {interval} reaches below one half, so \"most agencies\" would say "
                f"more than {n} interviews show.")
    return f"{k} of {n} agencies mentioned {label} ({interval})."


def agreement_sentence(table: pd.DataFrame, labels: dict[str, str],
                       threshold: float = 0.667) -> str:
    """Which codes the coders agree on too little to use (alpha below ``threshold``).

    Examples
    --------
    >>> t = pd.DataFrame({"code": ["a", "b"], "alpha": [0.9, 0.5], "alpha_high": [1.0, 0.8]})
    >>> agreement_sentence(t, {"a": "A", "b": "B"})
    'Alpha falls below 0.667 for one code: B (0.50, interval up to 0.80).'
    """
    used = table.dropna(subset=["alpha"])
    low = used[used["alpha"] < threshold].sort_values("alpha")
    if low.empty:
        worst = used.sort_values("alpha").iloc[0]
        return (f"Every code used reaches an alpha of {threshold}; the lowest is "
                f"{labels[worst['code']]} ({worst['alpha']:.2f}).")
    parts = [f"{labels[r.code]} ({r.alpha:.2f}, interval up to {r.alpha_high:.2f})"
             for r in low.itertuples()]
    count = "one code" if len(low) == 1 else f"{len(low)} codes"
    return f"Alpha falls below {threshold} for {count}: {join_words(parts)}."


def confusion_sentence(rates: pd.DataFrame, labels: dict[str, str],
                       planted: dict[str, float] | None = None) -> str:
    """How often the second coder swapped each code for its neighbour (and what was planted).

    Examples
    --------
    >>> r = pd.DataFrame({"code": ["policy"], "neighbour": ["legislation"], "segments": [10],
    ...                   "swapped": [3], "rate": [0.3]})
    >>> confusion_sentence(r, {"policy": "policy", "legislation": "legislation"},
    ...                    {"policy": 0.35})
    'Coder B gave legislation instead of policy in 3 of 10 segments (30%; planted 35%).'
    """
    parts = []
    for r in rates.itertuples():
        if r.segments == 0:
            continue
        text = (f"{labels[r.neighbour]} instead of {labels[r.code]} in {r.swapped} of "
                f"{r.segments} segments ({_pct(r.rate)}")
        if planted is not None:
            text += f"; planted {_pct(planted.get(r.code, 0.0))}"
        parts.append(text + ")")
    if not parts:
        return "No segment carried a code with a neighbour, so no swap could be seen."
    return f"Coder B gave {join_words(parts)}."


def level_sentence(table: pd.DataFrame, code: str, label: str, p_value: float) -> str:
    """Compare the share of federal and municipal agencies mentioning a theme, with the test.

    Examples
    --------
    >>> t = pd.DataFrame({"code": ["legislation"] * 2, "level": ["federal", "municipal"],
    ...     "mentioning": [4, 1], "agencies": [5, 4]})
    >>> level_sentence(t, "legislation", "federal legislation", 0.1)[:60]
    '4 of 5 federal agencies mentioned federal legislation, again'
    """
    rows = table[table["code"] == code].set_index("level")
    fed, mun = rows.loc["federal"], rows.loc["municipal"]
    text = (f"{int(fed['mentioning'])} of {int(fed['agencies'])} federal agencies mentioned "
            f"{label}, against {int(mun['mentioning'])} of {int(mun['agencies'])} municipal "
            f"ones (Fisher's exact test, one-sided p = {p_value:.3f})")
    if p_value < 0.05:
        return text + ": a difference this many agencies can show."
    return (text + ": a difference in the agencies interviewed, but too few agencies to "
            "tell it from chance.")


def saturation_sentence(curve: pd.DataFrame, chao: dict[str, float],
                        total: int | None = None) -> str:
    """Say what the saturation curve and Chao2 show, against the truth when known.

    Examples
    --------
    >>> curve = pd.DataFrame({"new": [3, 1, 0, 0, 0], "heard": [3, 4, 4, 4, 4]})
    >>> said = saturation_sentence(
    ...     curve, {"observed": 4, "estimate": 4.0, "unheard": 0.0}, 5)
    >>> said.startswith("The last new code came with interview 2 of 5")
    True
    >>> said.endswith("In truth 5 exist: 1 was never heard.")
    True
    """
    last = int(np.flatnonzero(curve["new"].to_numpy() > 0).max()) + 1
    unheard = chao["unheard"]
    text = (f"The last new code came with interview {last} of {len(curve)}; Chao2 estimates "
            f"{chao['estimate']:.1f} themes, " + ("none unheard" if unheard < 0.5
                                                 else f"about {unheard:.1f} unheard") + ".")
    if total is not None:
        missing = total - int(chao["observed"])
        text += (" In truth every theme that exists was heard." if missing == 0 else
                 f" In truth {total} exist: {missing} "
                 f"{'was' if missing == 1 else 'were'} never heard.")
    return text


def assisted_sentence(validation: pd.DataFrame, labels: dict[str, str],
                      floor: float = 0.8) -> str:
    """Compare the dictionary and the classifier with the human codes (median kappa, misses).

    Examples
    --------
    >>> v = pd.DataFrame({"method": ["dictionary", "classifier"] * 2,
    ...     "code": ["a", "a", "b", "b"], "kappa": [0.9, 0.7, 0.8, 0.6],
    ...     "recall": [1.0, 0.7, 0.9, 0.5]})
    >>> assisted_sentence(v, {"a": "A", "b": "B"})[:56]
    'The dictionary agrees better with the human codes (media'
    """
    medians = validation.groupby("method")["kappa"].median()
    better = medians.idxmax()
    text = (f"The {better} agrees better with the human codes (median kappa "
            f"{medians['dictionary']:.2f} for the dictionary, {medians['classifier']:.2f} for "
            f"the classifier)." if medians["dictionary"] != medians["classifier"] else
            f"Both agree equally with the human codes (median kappa {medians.iloc[0]:.2f}).")
    low = validation[validation["recall"] < floor]
    for method in ("dictionary", "classifier"):
        missed = [labels[c] for c in low.loc[low["method"] == method, "code"]]
        if missed:
            text += (f" The {method} finds fewer than {_pct(floor)} of the human-coded "
                     f"segments of {join_words(missed)}.")
    return text


def crisis_sentence(shares: pd.DataFrame) -> str:
    """Name the largest information source and the government's share in each crisis.

    Examples
    --------
    >>> s = pd.DataFrame({"event": ["2013_X"] * 2, "label": ["Media", "Government"],
    ...     "tweets": [60, 40], "share": [0.6, 0.4], "ci_low": [0.5, 0.3],
    ...     "ci_high": [0.7, 0.5]})
    >>> crisis_sentence(s)[:60]
    'In 2013 X, Media posted the largest share of labelled tweets'
    >>> crisis_sentence(s)[-50:]
    'government accounts 40% (95% interval 30% to 50%).'
    """
    parts = []
    for event, rows in shares.groupby("event", sort=False):
        top = rows.sort_values("share", ascending=False).iloc[0]
        gov = rows[rows["label"] == "Government"]
        text = (f"In {event.replace('_', ' ')}, {top['label']} posted the largest share of "
                f"labelled tweets ({_pct(top['share'])})")
        if not gov.empty:
            g = gov.iloc[0]
            text += (f", and government accounts {_pct(g['share'])} (95% interval "
                     f"{_pct(g['ci_low'])} to {_pct(g['ci_high'])})")
        parts.append(text + ".")
    return " ".join(parts)


def fool_sentence(characteristics: pd.DataFrame) -> str:
    """Summarise power and size: which rules are reliable, which miss, which fool us.

    Examples
    --------
    >>> oc = pd.DataFrame({"finding": ["x", "y"], "power": [0.95, 0.4],
    ...     "power_low": [0.85, 0.25], "size": [0.0, 0.02], "size_above_level": [False, False]})
    >>> fool_sentence(oc)[:50]
    'No rule says "found" in its null worlds more often'
    >>> fool_sentence(oc)[74:120]
    '1 of 2 rules finds its planted effect reliably'

    """
    fooled = characteristics[characteristics["size_above_level"]]
    reliable = int((characteristics["power_low"] >= 0.8).sum())
    text = ("No rule says \"found\" in its null worlds more often than its stated level."
            if fooled.empty else
            f"{len(fooled)} of {len(characteristics)} rules say \"found\" in null worlds more "
            "often than their stated level.")
    rules = "rules finds its" if reliable == 1 else "rules find their"
    return (text + f" {reliable} of {len(characteristics)} {rules} planted effect "
            "reliably (the lower end of the power interval at least 80%).")


def worlds_sentence(characteristics: pd.DataFrame) -> str:
    """Compare the rules over many worlds: the level test's power, Chao2 against stopping.

    Parameters
    ----------
    characteristics : DataFrame
        From :func:`~govsocial.interviews.recovery.operating_characteristics`, rules in the
        chapter's order (level test, coder swap, Chao2, stopping rule).

    Examples
    --------
    >>> oc = pd.DataFrame({"power": [0.6, 1.0, 0.95, 0.8], "size": [0.0, 0.0, 0.0, 0.05]})
    >>> worlds_sentence(oc)[:58]
    'The level test finds the planted difference in 60% of the '
    """
    level, swap, chao, stop = (characteristics.iloc[k] for k in range(4))
    text = (f"The level test finds the planted difference in {_pct(level['power'])} of the "
            f"planted worlds, and the coders' swap is seen in {_pct(swap['power'])} of them. ")
    if chao["power"] > stop["power"]:
        comparison = (f"When rare themes exist, Chao2 notices them more often "
                      f"({_pct(chao['power'])} of the worlds) than the stopping rule "
                      f"({_pct(stop['power'])}), which declares saturation in the other "
                      f"{_pct(1 - stop['power'])}")
    elif chao["power"] < stop["power"]:
        comparison = (f"When rare themes exist, the stopping rule notices them more often "
                      f"({_pct(stop['power'])} of the worlds) than Chao2 "
                      f"({_pct(chao['power'])})")
    else:
        comparison = (f"When rare themes exist, Chao2 and the stopping rule notice them "
                      f"equally often ({_pct(chao['power'])} of the worlds)")
    return (text + comparison + f"; without rare themes they raise a false alarm in "
            f"{_pct(chao['size'])} and {_pct(stop['size'])} of the worlds.")


def strongest_links(edges: list[tuple[str, str, int]], labels: dict[str, str]) -> str:
    """Name the strongest links of the co-occurrence network, every pair that ties for the top.

    Parameters
    ----------
    edges : list of (code, code, segments)
        The network's links with their weights, in any order.
    labels : dict
        Each code's label, as the page shows it.

    Examples
    --------
    >>> labels = {"a": "A", "b": "B", "c": "C"}
    >>> strongest_links([("a", "b", 3), ("a", "c", 2)], labels)
    'the strongest joins A and B (3 segments)'
    >>> strongest_links([("a", "b", 2), ("b", "c", 1), ("a", "c", 2)], labels)
    'the strongest links (2 segments each) join A and B, and A and C'
    >>> strongest_links([], labels)
    'no two codes share a segment'
    """
    if not edges:
        return "no two codes share a segment"
    top = max(weight for _, _, weight in edges)
    pairs = [f"{labels[a]} and {labels[b]}" for a, b, weight in edges if weight == top]
    unit = "segment" if top == 1 else "segments"
    if len(pairs) == 1:
        return f"the strongest joins {pairs[0]} ({top} {unit})"
    shown = pairs[:3] + ([f"{len(pairs) - 3} more pairs"] if len(pairs) > 3 else [])
    return (f"the strongest links ({top} {unit} each) join "
            f"{', '.join(shown[:-1])}, and {shown[-1]}")
