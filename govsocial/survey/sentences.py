"""The chapter's sentences that compare or judge, built from the computed numbers.

A sentence such as "raking removes more of the bias for dissemination than for participation"
is true at one seed and false at another. :func:`claims` writes every such sentence of the
chapter from the tables the chapter computes, so the words follow the numbers at any seed and on
the reader's own data. Pure: tables in, strings out.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from govsocial.book import join_words

from .questionnaire import COUPLING_LABELS, COUPLINGS

__all__ = ["claims", "scorecard_column"]


def scorecard_column(simulated: bool) -> str:
    """Name the scorecard's verdict column: a planted recovery on simulated data, else a match.

    Examples
    --------
    >>> scorecard_column(True), scorecard_column(False)
    ('recovered (planted)', 'as in the study?')
    """
    return "recovered (planted)" if simulated else "as in the study?"


def _label(coupling: str) -> str:
    return COUPLING_LABELS[coupling].lower()


def _count(n: int, total: int) -> str:
    return "all four" if n == total == 4 else f"{n} of {total}"


def _response(rates: pd.DataFrame) -> dict[str, str]:
    ranked = rates.sort_values("rate")
    lowest, highest = ranked.iloc[0], ranked.iloc[-1]
    if highest["ci_low"] > lowest["ci_high"]:
        verdict = "Response is far from even: the departments' 95% intervals do not all overlap."
    else:
        verdict = "Response differs between departments by less than its own uncertainty."
    return {"response_verdict": verdict}


def _drafted(drafted: pd.DataFrame, threshold: float) -> dict[str, str]:
    weak = drafted[drafted["alpha"] < threshold].sort_values("alpha")
    if weak.empty:
        low = drafted.sort_values("alpha").iloc[0]
        text = (
            f"As drafted, every scale reaches the threshold; the lowest alpha is "
            f"{low['alpha']:.2f} ({low['scale']})."
        )
    elif len(weak) == 1:
        row = weak.iloc[0]
        text = (
            f"As drafted, one scale falls below the threshold: {row['scale']}, with an alpha "
            f"of {row['alpha']:.2f}."
        )
    else:
        listed = join_words([f"{r.scale} ({r.alpha:.2f})" for r in weak.itertuples()])
        text = f"As drafted, {len(weak)} scales fall below the threshold: {listed}."
    return {"unusable_sentence": text}


def _item(items: pd.DataFrame, alpha: float) -> dict[str, str]:
    weakest = items.sort_values("item_rest_r").iloc[0]
    r, deleted = weakest["item_rest_r"], weakest["alpha_if_deleted"]
    strength = "close to zero" if abs(r) < 0.15 else "the lowest of the scale"
    text = f"{weakest['item']} has an item-rest correlation of {r:.2f}, {strength}"
    if deleted > alpha:
        text += f", and alpha would rise from {alpha:.2f} to {deleted:.2f} if it were deleted."
    else:
        text += f", but alpha would not rise if it were deleted ({deleted:.2f})."
    return {"item_sentence": text}


def _kept(reliability: pd.DataFrame, threshold: float) -> dict[str, str]:
    alphas = reliability.set_index("scale")["alpha"]
    low, high = alphas.min(), alphas.max()
    below = alphas[alphas < threshold]
    if below.empty:
        verdict = "usable, but not perfect" if low < 0.9 else "usable, and close to perfect"
    else:
        verdict = f"but {join_words(list(below.index))} still below the threshold"
    return {
        "alpha_range_sentence": (
            f"every scale now lies between {low:.2f} and {high:.2f}: {verdict}."
        ),
        "alpha_error_sentence": (
            f"An alpha of {low:.2f} (the lowest) still means that about {1 - low:.0%} of that "
            "scale's variance is measurement error"
        ),
    }


def _shares(bias: pd.DataFrame) -> dict[str, str]:
    table = bias.set_index(["estimate", "coupling"])
    raw = table.loc["unweighted"]
    n_above = int((raw["bias"] > 0).sum())
    if n_above == len(raw):
        above = (
            f"All {len(raw)} unweighted shares lie above the truth: the departments that "
            "answered use social media more than those that did not."
        )
    elif n_above:
        above = (
            f"{n_above} of {len(raw)} unweighted shares lie above the truth "
            f"({join_words([_label(c) for c in raw.index[raw['bias'] > 0]])})."
        )
    else:
        above = "No unweighted share lies above the truth."
    low, high = raw["bias"].min() * 100, raw["bias"].max() * 100
    if low > 0:
        spread = (
            f"Unweighted, the shares are too high by {low:.1f} to {high:.1f} percentage points."
        )
    elif high < 0:
        spread = (
            f"Unweighted, the shares are too low by {-high:.1f} to {-low:.1f} percentage points."
        )
    else:
        spread = (
            f"Unweighted, the shares miss the truth by {low:+.1f} to {high:+.1f} percentage points "
            "(a minus: too low)."
        )
    out = {"shares_sentence": above, "raw_range_sentence": spread}
    if "raked" in table.index.get_level_values(0):
        raked = table.loc["raked"]
        closer = int((raked["bias"].abs() < raw["bias"].abs()).sum())
        out["closer_sentence"] = (
            f"Raking moves {_count(closer, len(raw))} estimates closer to the truth."
            if closer
            else "Raking moves no estimate closer to the truth."
        )
    return out


def _raking(bias: pd.DataFrame) -> dict[str, str]:
    table = bias.set_index(["estimate", "coupling"])
    raked = table.loc["raked"].reindex([c for c in COUPLINGS if c in table.loc["raked"].index])
    removed = raked["bias_removed"].sort_values()
    least, most = removed.index[0], removed.index[-1]
    if removed.iloc[0] < 0:
        first = (
            f"Raking removes up to {removed.iloc[-1]:.0%} of the unweighted bias "
            f"({_label(most)}), but adds to it for {_label(least)}."
        )
    else:
        first = (
            f"Raking removes between {removed.iloc[0]:.0%} ({_label(least)}) and "
            f"{removed.iloc[-1]:.0%} ({_label(most)}) of the unweighted bias: part of it, "
            "not all."
        )
    missed = raked[~raked["covered"].astype(bool)]
    if missed.empty:
        second = "After raking, every 95% interval holds the true share."
    else:
        gaps = join_words(
            [
                f"{_label(c)} {abs(b) * 100:.1f} points too {'high' if b > 0 else 'low'}"
                for c, b in missed["bias"].items()
            ]
        )
        verb = "misses" if len(missed) == 1 else "miss"
        intervals = "interval" if len(missed) == 1 else "intervals"
        second = f"After raking, {len(missed)} of {len(raked)} 95% {intervals} still {verb} the "
        second += f"true share: {gaps}."
    return {"raking_sentence": f"{first} {second}"}


def _attenuation(reps: pd.DataFrame, alphas: Mapping[str, float] | None) -> dict[str, str]:
    driven = reps[reps["planted"] != 0]
    scale = float((driven["coef"] / driven["planted"]).mean())
    latent = float((driven["latent_coef"] / driven["planted"]).mean())
    if scale < latent:
        relative = scale / latent
        text = (
            f"The scales fall short of the true factors: their estimates reach {relative:.0%} "
            "of the true-factor estimates"
        )
        if alphas is not None:
            predicted = float(np.sqrt(driven["factor"].map(alphas)).mean())
            size = "roughly" if abs(relative - predicted) < 0.1 else "not"
            text += (
                f", where the square root of alpha predicts {predicted:.0%}: attenuation by "
                f"measurement error, {size} of the size it predicts."
            )
        else:
            text += ": attenuation by measurement error."
    else:
        text = "In these worlds the scales fall no shorter than the true factors."
    return {"attenuation_sentence": text}


def _fool(characteristics: pd.DataFrame) -> dict[str, str]:
    oc = characteristics.set_index("finding")
    raw = oc[oc.index.str.contains("raw p <", regex=False)].iloc[0]
    holm = oc[oc.index.str.contains("any of 20 Holm", regex=False)].iloc[0]

    def against(row: pd.Series) -> str:
        if row["size_above_level"]:
            return f"above its stated {row['stated_level']:.0%} level"
        if row["size_high"] < row["stated_level"]:
            return f"below its stated {row['stated_level']:.0%} level"
        return f"consistent with its stated {row['stated_level']:.0%} level"

    text = (
        f"Read without adjustment, the twenty tests 'find' some factor effect in "
        f"{raw['size']:.0%} of the worlds without any ({against(raw)}); after Holm's "
        f"adjustment in {holm['size']:.0%} ({against(holm)})."
    )
    effect_rows = oc[oc.index.str.contains("(Holm p < 0.05)", regex=False)]
    if len(effect_rows):
        found = join_words(
            [f"'{finding.split(' (')[0].lower()}' in {row['power']:.0%} of the planted worlds "
             f"and {row['size']:.0%} of its null worlds ({against(row)})"
             for finding, row in effect_rows.iterrows()]
        )  # fmt: skip
        text += f" One effect at a time, the models find {found}."
    bias_rows = oc[oc.index.str.startswith("Raking leaves")]
    if len(bias_rows):
        row = bias_rows.iloc[0]
        text += (
            f" The raked interval of participation misses the truth in {row['power']:.0%} of "
            f"the planted worlds and in {row['size']:.0%} of the worlds where response does "
            f"not depend on innovativeness ({against(row)})."
        )
    return {"fool_sentence": text}


def _scorecard(card: pd.DataFrame, simulated: bool, holm: pd.Series | None) -> dict[str, str]:
    column = scorecard_column(simulated)
    n = int((card[column] == "yes").sum())
    if not simulated:
        return {
            "scorecard_sentence": (
                f"{n} of {len(card)} of the study's findings appear in the models of your "
                "survey (a factor counts when its Holm-adjusted p-value is below 0.05)."
            )
        }
    text = f"{n} of {len(card)} findings are recovered on the simulated survey, where we planted "
    text += "them."
    if holm is not None:
        share = f"{holm['size']:.0%}"
        if holm["size_above_level"]:
            silent = (
                "that even with the twenty tests adjusted together the design 'finds' a factor "
                f"effect in {share} of the worlds without one, more often than its 5% level"
            )
        else:
            silent = (
                "that the design rarely finds a factor effect where none is planted once the "
                f"twenty tests are adjusted together ({share} of the null worlds)"
            )
        text += f" The worlds above show {silent}."
    return {"scorecard_sentence": text}


def _null_card(card: pd.DataFrame) -> dict[str, str]:
    n = int((card[scorecard_column(True)] == "yes").sum())
    if n == 0:
        text = "the scorecard recovers none of the study's findings, as it should"
    else:
        text = (
            f"the scorecard 'recovers' {n} of the study's findings that this world does not "
            "have: a false alarm of the kind counted below"
        )
    return {"null_card_sentence": text}


def claims(
    *,
    rates: pd.DataFrame | None = None,
    drafted: pd.DataFrame | None = None,
    items: pd.DataFrame | None = None,
    reliability: pd.DataFrame | None = None,
    bias: pd.DataFrame | None = None,
    reps: pd.DataFrame | None = None,
    alphas: Mapping[str, float] | None = None,
    characteristics: pd.DataFrame | None = None,
    card: pd.DataFrame | None = None,
    null_card: pd.DataFrame | None = None,
    simulated: bool = True,
    threshold: float = 0.7,
) -> dict[str, str]:
    """Write the chapter's comparing and judging sentences from its computed tables.

    Every argument is optional: a sentence is written when the tables it needs are given (on
    the reader's own data without a frame, for example, there are no response rates).

    Parameters
    ----------
    rates : DataFrame, optional
        :func:`response_rates` by department: ``response_verdict``.
    drafted : DataFrame, optional
        :func:`reliability_table` of the scales as drafted: ``unusable_sentence``.
    items : DataFrame, optional
        :func:`item_analysis` of the innovativeness items, with ``drafted``:
        ``item_sentence``.
    reliability : DataFrame, optional
        :func:`reliability_table` after weak items are dropped: ``alpha_range_sentence``,
        ``alpha_error_sentence``.
    bias : DataFrame, optional
        :func:`nonresponse_bias` (simulated data, with a ``"raked"`` weighting):
        ``shares_sentence``, ``raw_range_sentence``, ``closer_sentence``,
        ``raking_sentence``.
    reps : DataFrame, optional
        :func:`replications`, with ``alphas``: ``attenuation_sentence``.
    alphas : mapping of str to float, optional
        Alpha of each scale.
    characteristics : DataFrame, optional
        :func:`operating_characteristics`: ``fool_sentence``.
    card : DataFrame, optional
        :func:`scorecard` of the chapter's fits: ``scorecard_sentence``.
    null_card : DataFrame, optional
        :func:`scorecard` of a world without factor effects: ``null_card_sentence``.
    simulated : bool
        Whether the data are simulated (the scorecard says "recovered" only then).
    threshold : float
        The smallest usable alpha.

    Returns
    -------
    dict of str to str
        Glue name to sentence.

    Examples
    --------
    >>> rates = pd.DataFrame({"department": ["a", "b"], "rate": [0.2, 0.5],
    ...                       "ci_low": [0.15, 0.44], "ci_high": [0.26, 0.56]})
    >>> claims(rates=rates)["response_verdict"].split(":")[0]
    'Response is far from even'
    """
    out: dict[str, str] = {}
    if rates is not None:
        out |= _response(rates)
    if drafted is not None:
        out |= _drafted(drafted, threshold)
        if items is not None:
            alpha = float(drafted.set_index("scale").loc["innovativeness", "alpha"])
            out |= _item(items, alpha)
    if reliability is not None:
        out |= _kept(reliability, threshold)
    if bias is not None:
        out |= _shares(bias)
        if "bias_removed" in bias and (bias["estimate"] == "raked").any():
            out |= _raking(bias)
    if reps is not None:
        out |= _attenuation(reps, alphas)
    if characteristics is not None:
        out |= _fool(characteristics)
    if card is not None:
        holm = None
        if characteristics is not None:
            oc = characteristics.set_index("finding")
            holm = oc[oc.index.str.contains("any of 20 Holm", regex=False)].iloc[0]
        out |= _scorecard(card, simulated, holm)
    if null_card is not None:
        out |= _null_card(null_card)
    return out
