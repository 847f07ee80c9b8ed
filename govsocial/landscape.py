"""The landscape chapter's helpers: the classifier's null worlds and the page's sentences.

The chapter uses real data only, so its sentences that compare, judge or count depend on the
data (the registry, the crisis tweets, a reader's own labelled posts) and, for the classifier,
on the seed that draws the folds and the shuffles. Each such sentence is built here from its
numbers, so that it stays true at any seed and on a reader's own data; the notebook glues the
strings, and ``tests/test_landscape.py`` checks them at many seeds.

Null worlds (:func:`make_world`, :func:`rules`) follow :mod:`govsocial.planted`: a null world
shuffles the labels across the posts, so the class mix stays and the text no longer says
anything about the label.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from govsocial import planted, text
from govsocial.book import join_words

__all__ = [
    "MARGIN",
    "beat_sentence",
    "caution_claim",
    "classifier_claims",
    "concentration_claim",
    "first_month_reading",
    "gap",
    "make_world",
    "null_worlds_run",
    "oecd_claim",
    "platform_claim",
    "rules",
    "sympathy_claim",
    "terms_sentence",
    "unseen_move",
    "verdict",
]

MARGIN = 0.2
"""The lead over the majority baseline, in macro-F1, that the stricter rule asks for (our
choice, not a convention)."""

Scores = tuple[float, float]  # macro-F1 of the classifier, of the majority baseline


def make_world(
    texts: pd.Series, labels: pd.Series, *, n_splits: int = 5
) -> Callable[[int, bool], Scores]:
    """Make the chapter's world for :func:`govsocial.planted.run_worlds`.

    Parameters
    ----------
    texts, labels : Series
        The posts and their labels, on the same index.
    n_splits : int
        Folds of the stratified cross-validation.

    Returns
    -------
    callable
        ``world(seed, signal) -> (classifier macro-F1, baseline macro-F1)``: with the real
        labels (``signal`` True) or the same labels shuffled across the posts (a null world),
        each on new folds drawn by ``seed``.
    """

    def world(seed: int, signal: bool) -> Scores:
        shuffled = labels
        if not signal:  # a null world: the same labels, shuffled
            shuffled = labels.sample(frac=1, random_state=seed).set_axis(labels.index)
        folds = {"n_splits": n_splits, "seed": seed}
        clf = text.cross_validate_classifier(texts, shuffled, **folds)
        floor = text.majority_baseline(texts, shuffled, **folds)
        return clf.macro_f1, floor.macro_f1

    return world


def gap(scores: Scores) -> tuple[float, float, float]:
    """Measure the classifier's lead over the baseline, as a point (no interval).

    Examples
    --------
    >>> gap((0.5, 0.125))
    (0.375, 0.375, 0.375)
    """
    lead = scores[0] - scores[1]
    return lead, lead, lead


def rules(margin: float = MARGIN) -> list[planted.Rule]:
    """Give the two decision rules: beat the majority baseline at all, or by ``margin``.

    Examples
    --------
    >>> [rule.finding for rule in rules(0.2)]  # doctest: +NORMALIZE_WHITESPACE
    ['the classifier beats the majority baseline',
     'it beats the baseline by at least 0.2 of macro-F1']
    """
    return [
        planted.Rule(
            "the classifier beats the majority baseline",
            decide=lambda scores: scores[0] > scores[1],
        ),
        planted.Rule(
            f"it beats the baseline by at least {margin} of macro-F1",
            decide=lambda scores: gap(scores)[0] >= margin,
            interval=gap,
        ),
    ]


def _percent(share: float) -> str:
    return f"{share:.0%}"


def oecd_claim(twitter_share: float, facebook_share: float) -> str:
    """Which of the two platforms led among the OECD's national executives.

    Examples
    --------
    >>> oecd_claim(0.82, 0.62)
    'Twitter, built for short public announcements and replies, led among national executives'
    >>> oecd_claim(0.5, 0.6)[-49:]
    'came second to Facebook among national executives'
    """
    twitter = "Twitter, built for short public announcements and replies,"
    if _percent(twitter_share) == _percent(facebook_share):
        return f"{twitter} was as common as Facebook among national executives"
    if twitter_share > facebook_share:
        return f"{twitter} led among national executives"
    return f"{twitter} came second to Facebook among national executives"


def concentration_claim(top10_share: float, agencies_with_accounts: int) -> str:
    """Whether the ten largest agencies hold most accounts, far beyond their number's share.

    Concentrated means: the ten hold more than half of all accounts, and at least twice the
    share ten agencies would hold if every agency with accounts held as many.

    Examples
    --------
    >>> concentration_claim(0.67, 156)[:57]
    "a government's social media presence is concentrated in a"
    >>> concentration_claim(0.3, 156)[:46]
    "a government's social media presence is spread"
    """
    even = min(1.0, 10 / max(agencies_with_accounts, 1))
    if top10_share > 0.5 and top10_share >= 2 * even:
        return ("a government's social media presence is concentrated in a few large "
                "departments with many field offices, parks, embassies or ships, each with an "
                "account of its own")
    return ("a government's social media presence is spread over many agencies rather than "
            "concentrated in a few")


def platform_claim(shares: pd.Series) -> str:
    """Whether Twitter and Facebook are the two largest platforms and carry most accounts.

    Parameters
    ----------
    shares : Series
        Share of the accounts per platform, indexed by platform name.

    Examples
    --------
    >>> platform_claim(pd.Series({"Twitter": 0.39, "Facebook": 0.36, "YouTube": 0.1}))[:40]
    'two platforms carry most of the presence'
    >>> platform_claim(pd.Series({"Twitter": 0.2, "Facebook": 0.2, "YouTube": 0.6}))[:28]
    'Twitter and Facebook are not'
    """
    top_two = set(shares.sort_values(ascending=False).index[:2])
    pair = float(shares.get("Twitter", 0.0) + shares.get("Facebook", 0.0))
    if top_two == {"Twitter", "Facebook"} and pair > 0.5:
        return ("two platforms carry most of the presence, the same two that the OECD "
                "counted across countries")
    if top_two == {"Twitter", "Facebook"}:
        return ("they are the two largest platforms, the two that the OECD counted across "
                "countries, but together they carry less than half of the presence")
    return ("Twitter and Facebook are not the department's two largest platforms, although "
            "they are the two that the OECD counted across countries")


def first_month_reading(first_month_share: float, month: pd.Timestamp) -> str:
    """Say what the share of accounts in the registry's first month tells about the dates.

    Examples
    --------
    >>> first_month_reading(0.69, pd.Timestamp("2016-02-01"))[:44]
    'A department does not open 69% of its accoun'
    >>> first_month_reading(0.05, pd.Timestamp("2016-02-01"))[:37]
    'No single month holds most of the acc'
    """
    share = _percent(first_month_share)
    if first_month_share >= 0.25:
        return (f"A department does not open {share} of its accounts in one month; far more "
                "likely, existing records were loaded into the registry then, and the later "
                "jumps are batches of registrations. A naive reading (\"the department "
                f"discovered social media in {month:%Y}\") would be wrong, and the file cannot "
                "tell us when the accounts were really opened")
    return ("No single month holds most of the accounts here, yet the file still cannot tell "
            "us when the accounts were really opened: a registration month can come long "
            "after the account's first post")


def caution_claim(government: float, others: float) -> str:
    """How often government tweets carry caution and advice, against other sources.

    Examples
    --------
    >>> caution_claim(0.27, 0.07)
    'Governments warn far more often than other sources'
    >>> caution_claim(0.07, 0.07)
    'Governments warn about as often as other sources'
    """
    ratio = government / others if others > 0 else np.inf
    if ratio >= 2:
        return "Governments warn far more often than other sources"
    if ratio > 1.2:
        return "Governments warn more often than other sources"
    if ratio >= 1 / 1.2:
        return "Governments warn about as often as other sources"
    return "Governments warn less often than other sources"


def sympathy_claim(human: float, natural: float) -> str:
    """Whether the share of sympathy and support shifts with the kind of crisis.

    Examples
    --------
    >>> sympathy_claim(0.08, 0.04)
    'the mix shifts with the kind of crisis'
    >>> sympathy_claim(0.05, 0.05)
    'on this type the kind of crisis makes little difference'
    """
    if abs(human - natural) >= 0.02 and max(human, natural) >= 1.5 * min(human, natural):
        return "the mix shifts with the kind of crisis"
    return "on this type the kind of crisis makes little difference"


def beat_sentence(size: float, fooled: bool, level: float = 0.05) -> str:
    """How often a classifier on shuffled labels beat the baseline, and what that means.

    Parameters
    ----------
    size : float
        Share of the null worlds in which the classifier beat the baseline.
    fooled : bool
        Whether the rule's size is above its stated level (even its Wilson interval's lower
        end), from :func:`govsocial.planted.operating_characteristics`.
    level : float
        The level we would accept.

    Examples
    --------
    >>> beat_sentence(1.0, True)[-30:]
    'so beating it alone is no test'
    """
    sentence = ("A classifier trained on shuffled labels beat the majority baseline "
                f"in {size:.0%} of the null worlds")
    if fooled:
        sentence += (f", far more often than the {level:.0%} we would accept: the baseline's "
                     "macro-F1 is so low that guessing clears it, so beating it alone is no test")
    return sentence


def verdict(lead: float, noise_lead: float, score: float) -> str:
    """Words for the classifier, from its lead, the null worlds' largest lead and its score.

    Examples
    --------
    >>> verdict(0.48, 0.05, 0.56)
    'Better than every shuffled-label run, and far from perfect'
    >>> verdict(0.01, 0.05, 0.2)
    'No better than a classifier trained on shuffled labels'
    """
    if lead <= noise_lead:
        return "No better than a classifier trained on shuffled labels"
    quality = "far from" if score < 0.7 else "short of"
    if score >= 0.9:
        quality = "close to"
    return f"Better than every shuffled-label run, and {quality} perfect"


def unseen_move(unseen: float, random_folds: float) -> str:
    """Give the verb for macro-F1 on unseen crises against random folds, as rounded.

    Examples
    --------
    >>> unseen_move(0.47, 0.56), unseen_move(0.56, 0.56)
    ('falls to', 'does not fall: it is')
    """
    return "falls to" if round(unseen, 2) < round(random_folds, 2) else "does not fall: it is"


def null_worlds_run(
    texts: pd.Series,
    labels: pd.Series,
    seeds: Sequence[int],
    signal_worlds: int,
    *,
    n_splits: int = 5,
    margin: float = MARGIN,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run the rules in ``signal_worlds`` real-label worlds and ``len(seeds)`` null worlds.

    Returns
    -------
    worlds, checks : DataFrame
        From :func:`govsocial.planted.run_worlds` and
        :func:`govsocial.planted.operating_characteristics`.
    """
    world = make_world(texts, labels, n_splits=n_splits)
    chapter_rules = rules(margin)
    worlds = pd.concat([
        planted.run_worlds(world, chapter_rules, seeds[:signal_worlds], kinds=(True,)),
        planted.run_worlds(world, chapter_rules, seeds, kinds=(False,)),
    ])
    return worlds, planted.operating_characteristics(worlds)


def classifier_claims(
    worlds: pd.DataFrame, checks: pd.DataFrame, clf_macro_f1: float, baseline_macro_f1: float
) -> dict[str, str]:
    """Build the classifier's sentences and the numbers they rest on, as the page glues them.

    Returns
    -------
    dict
        ``beat_sentence``, ``margin_size``, ``noise_lead``, ``real_lead`` and ``clf_verdict``.
    """
    by_finding = checks.set_index("finding")
    beat_rule, margin_rule = by_finding.index[:2]
    # the leads as the page rounds them, so that the verdict holds for the numbers shown
    noise_lead = round(float(worlds.query("not planted")["estimate"].max()), 2)
    real_lead = round(clf_macro_f1 - baseline_macro_f1, 2)
    level = float(by_finding["stated_level"][beat_rule])
    fooled = bool(by_finding["size_above_level"][beat_rule])
    return {
        "beat_sentence": beat_sentence(by_finding["size"][beat_rule], fooled, level),
        "margin_size": f"{by_finding['size'][margin_rule]:.0%}",
        "noise_lead": f"{noise_lead:.2f}",
        "real_lead": f"{real_lead:.2f}",
        "clf_verdict": verdict(real_lead, noise_lead, clf_macro_f1),
    }


CODEBOOK_EXAMPLES = ("Caution and advice", "Donations and volunteering")
"""The types whose strongest terms the page quotes as examples of codebook words."""


def events_per_term(terms: Sequence[str], texts: pd.Series, events: pd.Series) -> pd.Series:
    """Count the events in whose tweets each term occurs (case-insensitive, whole words).

    Examples
    --------
    >>> texts = pd.Series(["Stay safe #bigwet", "stay indoors", "Donate now"])
    >>> events_per_term(["stay", "#bigwet"], texts, pd.Series(["a", "b", "b"])).to_dict()
    {'stay': 2, '#bigwet': 1}
    """
    lower = texts.astype(str).str.lower()
    counts = {}
    for term in terms:
        pattern = r"(?<![\w#@])" + re.escape(term.lower()) + r"(?!\w)"
        counts[term] = int(events[lower.str.contains(pattern, regex=True)].nunique())
    return pd.Series(counts, dtype=int)


def terms_sentence(terms: pd.DataFrame, texts: pd.Series, events: pd.Series | None) -> str:
    """Say which of the classifier's strongest terms many crises share and which are one crisis's.

    A term is *shared* here when it is an ordinary word (no hashtag, mention or stop word) used
    in the tweets of at least a fifth of the crises (and at least three); a term of a *single
    crisis* occurs in the tweets of one crisis only. The sentence quotes up to two shared terms
    of each type in :data:`CODEBOOK_EXAMPLES`, and counts the hashtags, mentions and single-crisis
    terms.

    Parameters
    ----------
    terms : DataFrame
        From :func:`govsocial.text.top_terms` (``label``, ``rank``, ``term``).
    texts : Series
        The tweets the classifier learned from.
    events : Series or None
        Each tweet's crisis; None when unknown (a reader's own posts).

    Examples
    --------
    >>> terms = pd.DataFrame({"label": ["Caution and advice"] * 2, "rank": [1, 2],
    ...                       "term": ["warning", "#bigwet"]})
    >>> texts = pd.Series(["warning: floods", "Flood warning", "warning #bigwet"])
    >>> said = terms_sentence(terms, texts, pd.Series(["a", "b", "c"]))
    >>> said[:58]
    'Some read like a codebook, words that many crises share (*'
    >>> said[-58:]
    '1 occurs in the tweets of a single crisis only: *#bigwet*.'
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    if events is None:
        return ("Read them as a codebook would: which are words of their type, and which "
                "belong to one event or one account?")
    spread = events_per_term(list(terms["term"]), texts, events)
    n_events = int(events.nunique())
    many = max(3, int(np.ceil(n_events / 5)))
    examples = []
    for label in CODEBOOK_EXAMPLES:
        mine = terms[terms["label"] == label].sort_values("rank")["term"]
        shared = [t for t in mine if t[0] not in "#@" and t not in ENGLISH_STOP_WORDS
                  and spread[t] >= many][:2]
        if shared:
            examples.append(f"{', '.join(f'*{t}*' for t in shared)} for {label.lower()}")
    unique = list(dict.fromkeys(terms["term"]))
    tags = [t for t in unique if t[0] in "#@"]
    single = [t for t in unique if spread[t] == 1]
    if examples:
        first = (f"Some read like a codebook, words that many crises share ({'; '.join(examples)}"
                 f": each in the tweets of {many} or more of the {n_events} crises)")
    else:
        first = (f"None of the caution or donation terms is an ordinary word shared by {many} or "
                 f"more of the {n_events} crises")
    counts = [f"{len(tags)} of the {len(unique)} terms are hashtags or mentions"] if tags else []
    if single:
        verb = "occurs" if len(single) == 1 else "occur"
        counts.append(f"{len(single)} {verb} in the tweets of a single crisis only: "
                      + join_words([f"*{t}*" for t in single]))
    if not counts:
        return f"{first}; none is a hashtag or a mention, or confined to a single crisis."
    return f"{first}, but {' and '.join(counts)}."
