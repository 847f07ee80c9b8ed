"""The landscape chapter's sentences are true for their numbers at every seed.

At module level, without executing the notebook: the classifier's sentences from real crisis
tweets at ten seeds (a seed draws a subsample of the tweets, as a reader's own data would differ,
and the folds and the shuffles of the null worlds), and the data sentences from the real files
and from numbers drawn at ten seeds on both sides of every threshold.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

from govsocial import io, landscape, planted
from govsocial.stats import wilson_interval

SEEDS = range(10)
NO_TYPE = ("Not labeled", "Not applicable")
N_SPLITS = 3  # fewer folds than the page's five: the sentences depend on the numbers, not on k


def percent(text: str) -> float:
    return float(text.rstrip("%")) / 100


@pytest.fixture(scope="module")
def training() -> pd.DataFrame:
    tweets = io.read_crisislex_t26(
        io.data_dir() / "crisislex" / "CrisisLexT26", information_source="Government"
    ).frame
    typed = tweets[~tweets["information_type"].isin(NO_TYPE)]
    return typed.rename(columns={"information_type": "label"}).reset_index(drop=True)


@pytest.fixture(scope="module")
def classifier_runs(training) -> list[tuple]:
    """The page's classifier numbers and sentences at each seed, on a subsample of tweets."""
    from govsocial import text

    runs = []
    with threadpool_limits(1):
        for seed in SEEDS:
            fraction = np.random.default_rng(seed).uniform(0.25, 0.45)
            sample = training.sample(frac=fraction, random_state=seed).reset_index(drop=True)
            # classes too small for the folds would stop the cross-validation
            counts = sample["label"].value_counts()
            sample = sample[sample["label"].isin(counts[counts >= N_SPLITS].index)]
            sample = sample.reset_index(drop=True)
            folds = {"n_splits": N_SPLITS, "seed": seed}
            clf = text.cross_validate_classifier(sample["text"], sample["label"], **folds)
            base = text.majority_baseline(sample["text"], sample["label"], **folds)
            worlds, checks = landscape.null_worlds_run(
                sample["text"], sample["label"], [100 * seed + i for i in range(2)], 0,
                n_splits=N_SPLITS,
            )
            said = landscape.classifier_claims(worlds, checks, clf.macro_f1, base.macro_f1)
            unseen = text.cross_validate_classifier(
                sample["text"], sample["label"], groups=sample["event"], **folds
            )
            said["unseen_move"] = landscape.unseen_move(unseen.macro_f1, clf.macro_f1)
            runs.append((said, checks, clf.macro_f1, base.macro_f1, unseen.macro_f1))
    return runs


def check_classifier_claims(said, checks, clf, base, unseen) -> None:
    by_finding = checks.set_index("finding")
    beat_rule, margin_rule = by_finding.index[:2]
    real_lead, noise_lead = float(said["real_lead"]), float(said["noise_lead"])
    assert real_lead == pytest.approx(clf - base, abs=0.006)
    verdict = said["clf_verdict"]
    assert verdict.startswith("Better than every") == (real_lead > noise_lead)
    if real_lead > noise_lead:
        quality = "far from" if clf < 0.7 else "close to" if clf >= 0.9 else "short of"
        assert verdict.endswith(f"{quality} perfect")
    beat = said["beat_sentence"]
    size = by_finding["size"][beat_rule]
    assert f" in {size:.0%} of the null worlds" in beat
    worlds = int(by_finding["null_worlds"][beat_rule])
    fooled = wilson_interval(round(size * worlds), worlds)[0] > 0.05
    assert ("far more often" in beat) == fooled
    assert percent(said["margin_size"]) == pytest.approx(by_finding["size"][margin_rule], abs=0.005)
    assert (said["unseen_move"] == "falls to") == (round(unseen, 2) < round(clf, 2))


def test_classifier_sentences_are_true_for_their_numbers_at_ten_seeds(classifier_runs) -> None:
    for run in classifier_runs:
        check_classifier_claims(*run)
    # on real tweets the classifier leads by far more than any shuffled-label run
    assert all(run[0]["clf_verdict"].startswith("Better") for run in classifier_runs)


def test_classifier_sentences_follow_the_numbers_in_every_case() -> None:
    """Each branch, from numbers made to reach it."""
    checks = pd.DataFrame({
        "finding": ["beats", "margin"], "size": [0.1, 0.0], "null_worlds": [10, 10],
        "stated_level": [0.05, 0.05], "size_above_level": [False, False],
    })
    for clf, base, noise in ((0.2, 0.19, 0.05), (0.56, 0.08, 0.05), (0.8, 0.1, 0.1),
                             (0.95, 0.1, 0.1)):
        worlds = pd.DataFrame({"planted": [False, False], "estimate": [noise, 0.0]})
        said = landscape.classifier_claims(worlds, checks, clf, base)
        check_classifier_claims(said | {"unseen_move": landscape.unseen_move(clf, clf)},
                                checks, clf, base, clf)
    fooled = checks.assign(size=[1.0, 0.0], size_above_level=[True, False])
    said = landscape.classifier_claims(worlds, fooled, 0.5, 0.1)
    assert "far more often than the 5%" in said["beat_sentence"]


def data_numbers(seed: int) -> dict[str, object]:
    """Numbers for the data sentences, drawn on both sides of each sentence's threshold."""
    rng = np.random.default_rng(seed)
    platforms = ["Twitter", "Facebook", "YouTube", "Flickr"]
    shares = rng.dirichlet(np.ones(len(platforms)) * rng.choice([0.3, 3.0]))
    return {
        "oecd": rng.choice([0.3, 0.6, 0.82], size=2),
        "top10": rng.uniform(0.05, 0.95),
        "with_accounts": int(rng.integers(5, 300)),
        "platforms": pd.Series(shares, index=platforms),
        "first_month": rng.uniform(0.02, 0.9),
        "caution": rng.uniform(0.01, 0.4, size=2),
        "sympathy": rng.uniform(0.0, 0.15, size=2),
    }


def real_numbers() -> dict[str, object]:
    """The same numbers from the real files, as the notebook computes them."""
    data = io.data_dir()
    oecd = pd.read_csv(data / "oecd" / "executive_social_media_2014.csv").set_index("platform")
    oecd_share = oecd["countries_with_account"] / oecd["oecd_countries"]
    counts = io.read_usdr_agencies(data / "usdr" / "USDR_agencies.txt").frame[
        "social_media_count"
    ]
    accounts = io.read_usdr_accounts(data / "usdr" / "DOC_accts.txt").frame
    by_month = accounts.set_index("registered_at").resample("MS").size()
    crises = io.read_crisislex_t26(data / "crisislex" / "CrisisLexT26").frame
    caution = crises["information_type"].eq("Caution and advice")
    government = crises["information_source"].eq("Government")
    return {
        "oecd": [oecd_share["Twitter"], oecd_share["Facebook"]],
        "top10": counts.nlargest(10).sum() / counts.sum(),
        "with_accounts": int((counts > 0).sum()),
        "platforms": accounts["platform_name"].value_counts(normalize=True),
        "first_month": by_month.iloc[0] / len(accounts),
        "caution": [caution[government].mean(), caution[~government].mean()],
        "sympathy": None,
    }


def check_data_claims(numbers: dict[str, object]) -> None:
    twitter, facebook = numbers["oecd"]
    lead = landscape.oecd_claim(twitter, facebook)
    if f"{twitter:.0%}" == f"{facebook:.0%}":
        assert "as common as Facebook" in lead
    else:
        assert ("led among" in lead) == (twitter > facebook)
        assert ("came second" in lead) == (twitter < facebook)

    top10, n = numbers["top10"], numbers["with_accounts"]
    concentrated = "concentrated in a few large" in landscape.concentration_claim(top10, n)
    assert concentrated == (top10 > 0.5 and top10 >= 2 * min(1.0, 10 / n))

    shares = numbers["platforms"]
    said = landscape.platform_claim(shares)
    top_two = set(shares.nlargest(2).index) == {"Twitter", "Facebook"}
    most = shares.get("Twitter", 0) + shares.get("Facebook", 0) > 0.5
    assert said.startswith("two platforms carry most") == (top_two and most)
    assert ("not the department's two largest" in said) == (not top_two)

    first = numbers["first_month"]
    reading = landscape.first_month_reading(first, pd.Timestamp("2016-02-01"))
    assert (f"does not open {first:.0%} of its accounts in one month" in reading) == (
        first >= 0.25
    )

    government, others = numbers["caution"]
    said = landscape.caution_claim(government, others)
    ratio = government / others
    assert ("far more often" in said) == (ratio >= 2)
    assert ("less often" in said) == (ratio < 1 / 1.2)
    assert ("about as often" in said) == (1 / 1.2 <= ratio <= 1.2)

    if numbers["sympathy"] is not None:
        human, natural = numbers["sympathy"]
        shifts = landscape.sympathy_claim(human, natural) == (
            "the mix shifts with the kind of crisis"
        )
        assert shifts == (abs(human - natural) >= 0.02
                          and max(human, natural) >= 1.5 * min(human, natural))


@pytest.mark.parametrize("seed", SEEDS)
def test_data_sentences_are_true_for_their_numbers(seed: int) -> None:
    check_data_claims(data_numbers(seed))


def test_data_sentences_are_true_for_the_real_files() -> None:
    numbers = real_numbers()
    check_data_claims(numbers)
    # on the real files the page says what it said before the sentences were built
    assert "led among" in landscape.oecd_claim(*numbers["oecd"])
    assert "concentrated" in landscape.concentration_claim(
        numbers["top10"], numbers["with_accounts"]
    )
    assert landscape.platform_claim(numbers["platforms"]).startswith("two platforms carry most")
    assert "far more often" in landscape.caution_claim(*numbers["caution"])


def test_the_rules_are_the_planted_rules_with_their_margin() -> None:
    beats, margin = landscape.rules(0.3)
    assert isinstance(beats, planted.Rule) and margin.finding.endswith("0.3 of macro-F1")
    assert beats.decide((0.2, 0.1)) and not margin.decide((0.35, 0.1))
    assert margin.decide((0.45, 0.1)) and margin.interval((0.45, 0.1))[0] == pytest.approx(0.35)


def test_terms_sentence_is_true_for_its_numbers_at_ten_seeds(training) -> None:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from govsocial import text

    for seed in SEEDS:
        fraction = np.random.default_rng(seed).uniform(0.25, 0.45)
        sample = training.sample(frac=fraction, random_state=seed).reset_index(drop=True)
        terms = text.top_terms(sample["text"], sample["label"], n=5)
        said = landscape.terms_sentence(terms, sample["text"], sample["event"])
        spread = landscape.events_per_term(list(terms["term"]), sample["text"], sample["event"])
        many = max(3, int(np.ceil(sample["event"].nunique() / 5)))
        quoted = said.split("(")[1].split(":")[0] if "codebook" in said else ""
        for term in (t.strip("*,; ") for t in quoted.split("*") if t.strip("*,; ")):
            if term.startswith("for "):
                continue
            assert spread[term] >= many and term not in ENGLISH_STOP_WORDS, (seed, term)
            assert term[0] not in "#@", (seed, term)
        single = [t for t in dict.fromkeys(terms["term"]) if spread[t] == 1]
        verb = "occurs" if len(single) == 1 else "occur"
        assert (f"{len(single)} {verb} in the tweets" in said) == bool(single), seed
        for term in single:
            assert f"*{term}*" in said.split("single crisis only:")[1], (seed, term)
        tags = {t for t in terms["term"] if t[0] in "#@"}
        assert (f"{len(tags)} of the" in said) == bool(tags), seed


def test_terms_sentence_without_events_asks_instead_of_stating() -> None:
    terms = pd.DataFrame({"label": ["a"], "rank": [1], "term": ["x"]})
    said = landscape.terms_sentence(terms, pd.Series(["x"]), None)
    assert said.endswith("?")
