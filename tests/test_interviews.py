"""The interviews chapter: coder agreement, counting, saturation, assisted coding, own data.

Expectations are worked out by hand on tiny tables, or computed by a second method: the
``krippendorff`` package and scikit-learn for the closed forms of the bootstrap, scipy's beta
quantiles for the exact intervals, plain loops for counts and curves, Monte Carlo for the
chance of hearing a theme, and the ``csv`` module over the raw CrisisLexT26 files.
"""

from __future__ import annotations

import csv
import math
import re
import shutil
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd
import pytest
from book_tools import ROOT, glued_values, text_of
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from sklearn.metrics import cohen_kappa_score

from govsocial import interviews, planted
from govsocial.interviews import reliability
from govsocial.schema import DataError

SAMPLE = ROOT / "tests" / "data" / "interviews"
CRISIS = ROOT / "data" / "crisislex" / "CrisisLexT26"


def codes_frame(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["segment", "coder", "code"])


# --------------------------------------------------------------------------------------------
# Agreement
# --------------------------------------------------------------------------------------------


def test_agreement_of_a_hand_table_is_worked_out_by_hand() -> None:
    # A gives policy to s1, s2; B to s1, s3; s4 neither. Agree on s1 (yes) and s4 (no).
    codes = codes_frame([("s1", "A", "policy"), ("s2", "A", "policy"),
                         ("s1", "B", "policy"), ("s3", "B", "policy")])
    table = interviews.agreement_table(codes, ["s1", "s2", "s3", "s4"], code_list=["policy"],
                                       n_boot=50)
    row = table.iloc[0]
    # kappa: p_o = 2/4, p_e = 0.5 * 0.5 + 0.5 * 0.5 = 0.5 -> 0
    assert row["kappa"] == pytest.approx(0.0)
    # alpha: 8 values, 4 ones, 4 zeros, 2 disagreeing units: 1 - 7 * 2 / (4 * 4) = 0.125
    assert row["alpha"] == pytest.approx(0.125)
    assert (row["n_a"], row["n_b"]) == (2, 2)


@pytest.mark.parametrize("seed", range(12))
def test_closed_forms_of_the_bootstrap_match_the_packages(seed: int) -> None:
    rng = np.random.default_rng(seed)
    a = rng.random(40) < 0.3
    b = np.where(rng.random(40) < 0.8, a, ~a)
    alpha, kappa = reliability._alpha_kappa(a[None, :], b[None, :])
    expected_alpha = krippendorff.alpha(reliability_data=np.vstack([a, b]).astype(int),
                                        level_of_measurement="nominal")
    assert alpha[0] == pytest.approx(expected_alpha)
    assert kappa[0] == pytest.approx(cohen_kappa_score(a, b))


def test_agreement_intervals_hold_the_estimate_and_repeat_with_the_seed() -> None:
    data = interviews.simulate(5)
    first = interviews.agreement_table(data.codes, data.segments["segment"], n_boot=300, seed=1)
    again = interviews.agreement_table(data.codes, data.segments["segment"], n_boot=300, seed=1)
    pd.testing.assert_frame_equal(first, again)
    used = first.dropna(subset=["alpha"])
    assert (used["alpha_low"] <= used["alpha"] + 1e-9).all()
    assert (used["alpha"] <= used["alpha_high"] + 1e-9).all()
    assert (used["kappa_low"] <= used["kappa_high"]).all()


def test_a_code_nobody_used_has_no_agreement() -> None:
    codes = codes_frame([("s1", "A", "policy"), ("s1", "B", "policy")])
    table = interviews.agreement_table(codes, ["s1", "s2"], code_list=["policy", "liability"],
                                       n_boot=20)
    assert np.isnan(table.set_index("code").loc["liability", "alpha"])


def test_disagreements_list_exactly_the_segments_coded_differently() -> None:
    codes = codes_frame([("s1", "A", "policy"), ("s1", "B", "policy"),
                         ("s2", "A", "policy"), ("s2", "B", "legislation"),
                         ("s3", "A", "culture"), ("s3", "A", "staffing"),
                         ("s3", "B", "culture")])
    segments = pd.DataFrame({"segment": ["s1", "s2", "s3", "s4"], "text": list("abcd")})
    table = interviews.disagreements(codes, segments)
    assert table["segment"].tolist() == ["s2", "s3"]
    assert table[["only_a", "only_b"]].values.tolist() == [["policy", "legislation"],
                                                          ["staffing", ""]]


def test_confusion_rate_counts_swaps_by_hand() -> None:
    codes = codes_frame([("s1", "A", "policy"), ("s1", "B", "legislation"),
                         ("s2", "A", "policy"), ("s2", "B", "policy"),
                         ("s3", "A", "policy"),  # B gave nothing: a miss, not a swap
                         ("s4", "A", "policy"), ("s4", "A", "legislation"),  # both: left out
                         ("s4", "B", "legislation")])
    rates = interviews.confusion_rates(codes, ["s1", "s2", "s3", "s4"],
                                       {"policy": "legislation"})
    assert rates[["segments", "swapped"]].iloc[0].tolist() == [3, 1]


def test_reconciled_uses_truth_then_a_reconciled_coder_then_the_codes_both_gave() -> None:
    codes = codes_frame([("s1", "A", "policy"), ("s1", "B", "policy"), ("s2", "A", "culture")])
    both = interviews.reconciled(codes, ["s1", "s2"], code_list=["policy", "culture"])
    assert both.values.tolist() == [[True, False], [False, False]]
    agreed = pd.concat([codes, codes_frame([("s2", "reconciled", "culture")])])
    table = interviews.reconciled(agreed, ["s1", "s2"], code_list=["policy", "culture"])
    assert table.values.tolist() == [[False, False], [False, True]]
    truth = pd.DataFrame({"policy": [False, True], "culture": [True, False]},
                         index=["s1", "s2"])
    assert interviews.reconciled(codes, ["s1", "s2"], truth, ["policy", "culture"]).equals(
        truth)


# --------------------------------------------------------------------------------------------
# Counting
# --------------------------------------------------------------------------------------------


def test_an_agency_counts_once_however_many_segments_and_officials() -> None:
    coded = pd.DataFrame({"policy": [True, True, True, False]}, index=list("abcd"))
    segments = pd.DataFrame({"segment": list("abcd"), "agency": ["x", "x", "x", "y"]})
    agencies = pd.DataFrame({"agency": ["x", "y", "z"],
                             "level": ["federal", "federal", "municipal"]})
    mentions = interviews.agency_mentions(coded, segments)
    table = interviews.mention_table(mentions, agencies, code_list=["policy"])
    rows = table.set_index("level")
    assert rows.loc["all", ["mentioning", "agencies"]].tolist() == [1, 3]  # z said nothing
    assert rows.loc["federal", ["mentioning", "agencies"]].tolist() == [1, 2]
    assert "provincial" not in rows.index


@pytest.mark.parametrize(("k", "n"), [(0, 5), (3, 5), (5, 5), (9, 14), (12, 14)])
def test_exact_intervals_are_the_beta_quantiles(k: int, n: int) -> None:
    mentions = pd.DataFrame({"policy": [True] * k + [False] * (n - k)},
                            index=[f"a{i}" for i in range(n)])
    agencies = pd.DataFrame({"agency": mentions.index, "level": "federal"})
    row = interviews.mention_table(mentions, agencies, code_list=["policy"]).iloc[0]
    low = stats.beta.ppf(0.025, k, n - k + 1) if k > 0 else 0.0
    high = stats.beta.ppf(0.975, k + 1, n - k) if k < n else 1.0
    assert row["ci_low"] == pytest.approx(low) and row["ci_high"] == pytest.approx(high)


def test_cooccurrence_counts_segments_with_both_codes_by_hand() -> None:
    coded = pd.DataFrame({"a": [1, 1, 0, 1], "b": [1, 0, 1, 1], "c": [0, 0, 0, 1]}).astype(bool)
    matrix = interviews.cooccurrence(coded)
    assert matrix.values.tolist() == [[3, 2, 1], [2, 3, 1], [1, 1, 1]]
    graph = interviews.cooccurrence_network(matrix, min_count=2)
    assert sorted(graph.edges(data="weight")) == [("a", "b", 2)]
    assert graph.nodes["a"]["segments"] == 3


def test_swot_table_orders_cells_counts_agencies_and_quotes_a_single_theme_segment() -> None:
    coded = pd.DataFrame({"policy": [True, True, False], "skills": [True, False, True]},
                         index=["s1", "s2", "s3"])
    mentions = pd.DataFrame({"policy": [True, False], "skills": [True, True]},
                            index=["x", "y"])
    segments = pd.DataFrame({"segment": ["s1", "s2", "s3"],
                             "text": ["both", "policy alone", "skills alone"]})
    table = interviews.swot_table(mentions, coded, segments)
    assert table["swot"].tolist() == ["strength", "weakness"]
    assert table["agencies"].tolist() == ["2 of 2", "1 of 2"]
    assert table["quotation"].tolist() == ["skills alone", "policy alone"]


# --------------------------------------------------------------------------------------------
# Saturation
# --------------------------------------------------------------------------------------------


def test_new_codes_curve_by_hand() -> None:
    table = pd.DataFrame({"a": [1, 0, 1, 0], "b": [0, 0, 1, 0], "c": [0, 0, 0, 1]},
                         index=["I1", "I2", "I3", "I4"]).astype(bool)
    curve = interviews.new_codes_curve(table)
    assert curve["new"].tolist() == [1, 0, 1, 1]
    assert curve["heard"].tolist() == [1, 1, 2, 3]
    assert curve["new_codes"].tolist() == ["a", "", "b", "c"]


def test_random_orders_all_end_with_every_code_and_never_fall() -> None:
    table = interviews.saturation_incidence(3, np.array([0.5, 0.2, 0.1, 0.9]), 10)
    table = table.loc[:, table.any()]
    orders = interviews.random_order_curves(table, n_orders=200, seed=1)
    assert orders["mean"].iloc[-1] == table.shape[1] and orders["all_heard"].iloc[-1] == 1.0
    assert (np.diff(orders["mean"]) >= 0).all()
    assert (orders["low"] <= orders["mean"]).all() and (orders["mean"] <= orders["high"]).all()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.booleans(), min_size=4, max_size=4), min_size=1, max_size=12))
def test_curves_never_fall_and_count_every_code_heard_once(rows) -> None:
    table = pd.DataFrame(rows, columns=list("abcd"))
    curve = interviews.new_codes_curve(table)
    assert (np.diff(curve["heard"]) >= 0).all() and curve["new"].sum() == table.any().sum()
    named = [c for names in curve["new_codes"] for c in names.split(", ") if c]
    assert sorted(named) == sorted(table.columns[table.any()])
    richness = interviews.chao2(table)
    assert richness["estimate"] >= richness["observed"] == table.any().sum()


@pytest.mark.parametrize(("share", "n"), [(0.05, 15), (0.1, 15), (0.3, 5)])
def test_chance_heard_matches_a_monte_carlo_draw(share: float, n: int) -> None:
    rng = np.random.default_rng(0)
    heard = (rng.random((20_000, n)) < share).any(axis=1).mean()
    assert interviews.chance_heard(share, n) == pytest.approx(heard, abs=0.015)
    assert interviews.chance_heard(share, n) == pytest.approx(1 - (1 - share) ** n)


def test_chao2_by_hand() -> None:
    # 4 interviews; counts per theme: 4, 1, 1, 1, 2 -> Q1 = 3, Q2 = 1
    table = pd.DataFrame({"a": [1, 1, 1, 1], "b": [1, 0, 0, 0], "c": [0, 1, 0, 0],
                          "d": [0, 0, 1, 0], "e": [1, 1, 0, 0]}).astype(bool)
    result = interviews.chao2(table)
    assert (result["observed"], result["singletons"], result["doubletons"]) == (5, 3, 1)
    assert result["estimate"] == pytest.approx(5 + 3 / 4 * 3 * 2 / (2 * 2))


def test_chao2_without_singletons_adds_nothing() -> None:
    table = pd.DataFrame({"a": [1, 1, 0], "b": [1, 1, 1]}).astype(bool)
    assert interviews.chao2(table)["unheard"] == 0


def test_stopping_rule_reads_the_last_interviews() -> None:
    table = pd.DataFrame({"a": [1, 0, 0, 0, 0], "b": [0, 1, 0, 0, 0]}).astype(bool)
    assert interviews.stopping_rule(table, 3) is True
    table.loc[3, "b"], table.loc[1, "b"] = True, False
    assert interviews.stopping_rule(table, 3) is False


@pytest.mark.parametrize("rare", [False, True])
def test_the_two_saturation_worlds_are_what_they_claim(rare: bool) -> None:
    everything_heard = []
    for seed in range(200):
        table = interviews.saturation_incidence(seed, interviews.saturation_shares(rare))
        everything_heard.append(bool(table.any().all()))
    share = np.mean(everything_heard)
    if rare:  # 25 themes at 4%: each is missed with chance 0.96 ** 15 = 54%
        assert share == 0.0
    else:  # the rarest common theme (30%) is missed with chance 0.7 ** 15 = 0.5%
        assert share >= 0.95


# --------------------------------------------------------------------------------------------
# Assisted coding
# --------------------------------------------------------------------------------------------


def test_dictionary_matches_at_word_starts_only() -> None:
    texts = pd.Series(["The Privacy Act applies.", "We react fast.", "Acting now."],
                      index=["s1", "s2", "s3"])
    coded = interviews.dictionary_codes(texts, {"legislation": ["act"]})
    assert coded["legislation"].tolist() == [True, False, True]
    assert coded.index.tolist() == ["s1", "s2", "s3"]


def test_validation_precision_recall_and_kappa_by_hand() -> None:
    human = pd.DataFrame({"policy": [1, 1, 1, 0, 0, 0]}).astype(bool)
    machine = pd.DataFrame({"policy": [1, 1, 0, 1, 0, 0]}).astype(bool)
    row = interviews.validate_codes(machine, human, method="m", code_list=["policy"]).iloc[0]
    assert row["precision"] == pytest.approx(2 / 3) and row["recall"] == pytest.approx(2 / 3)
    # p_o = 4/6, p_e = 0.5 * 0.5 * 2 = 0.5 -> kappa = (2/3 - 1/2) / (1/2) = 1/3
    assert row["kappa"] == pytest.approx(1 / 3)


def test_classifier_predictions_are_out_of_fold() -> None:
    # a policy segment worded like the photos: only a model that saw it would call it policy
    texts = [f"our policy rule {k}" for k in range(10)] + [f"a photo {k}" for k in range(10)]
    texts.append("a photo zebra")
    coded = pd.DataFrame({"policy": [True] * 10 + [False] * 10 + [True]})
    predicted = interviews.classifier_codes(texts, coded, seed=0)["policy"]
    assert predicted[:10].all() and not predicted[10:20].any()
    assert not predicted.iloc[20]


def test_classifier_skips_codes_with_too_few_examples() -> None:
    coded = pd.DataFrame({"rare": [True, True] + [False] * 18})
    texts = [f"text {k}" for k in range(20)]
    assert not interviews.classifier_codes(texts, coded)["rare"].any()


# --------------------------------------------------------------------------------------------
# The simulator and recovery
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world() -> interviews.InterviewData:
    return interviews.simulate(2019)


def test_same_seed_same_study_and_another_seed_differs(world) -> None:
    again = interviews.simulate(2019)
    pd.testing.assert_frame_equal(world.segments, again.segments)
    pd.testing.assert_frame_equal(world.codes, again.codes)
    assert not world.segments["text"].equals(interviews.simulate(2020).segments["text"])


def test_study_has_the_verified_design_14_agencies_15_officials(world) -> None:
    assert len(world.agencies) == 14 and len(world.interviews) == 15
    per_agency = world.interviews["agency"].value_counts()
    assert per_agency.max() == 2 and (per_agency >= 1).all() and len(per_agency) == 14
    assert set(world.agencies["level"]) == set(interviews.LEVELS)


def test_segments_touch_two_themes_and_some_none(world) -> None:
    themes = world.truth.sum(axis=1)
    assert (themes == 2).any() and (themes == 0).any() and themes.max() <= 2


def test_every_segment_of_a_theme_comes_from_an_agency_holding_it(world) -> None:
    agency = world.segments.set_index("segment")["agency"]
    for code in interviews.CODES:
        said = world.truth.index[world.truth[code]]
        assert world.agency_truth.loc[agency[said], code].all(), code


def test_effects_refuse_unknown_codes() -> None:
    with pytest.raises(ValueError, match="unknown codes"):
        interviews.Effects(confusion={"skills": 0.5})


def test_null_worlds_switch_off_only_the_effect_under_test() -> None:
    base = interviews.Effects()
    flat = interviews.NULLS["no level difference"]
    assert len(set(flat.prevalence["legislation"])) == 1
    assert {c: p for c, p in flat.prevalence.items() if c != "legislation"} == {
        c: p for c, p in base.prevalence.items() if c != "legislation"}
    assert (flat.confusion, flat.miss, flat.pair_share) == (
        base.confusion, base.miss, base.pair_share)
    calm = interviews.NULLS["no confusion"]
    assert calm.confusion == {} and calm.prevalence == base.prevalence
    assert (calm.miss, calm.pair_share) == (base.miss, base.pair_share)


@pytest.fixture(scope="module")
def large() -> interviews.InterviewData:
    return interviews.simulate(7, 900)


def test_planted_prevalence_by_level_is_recovered_in_a_large_study(large) -> None:
    coded = interviews.reconciled(large.codes, large.segments["segment"], large.truth)
    table = interviews.mention_table(interviews.agency_mentions(coded, large.segments),
                                     large.agencies, level=0.999)
    recovery = interviews.recovery_table(large, table)
    assert recovery["covered"].all(), recovery[~recovery["covered"]]


def test_planted_coder_confusion_is_recovered_in_a_large_study(large) -> None:
    rates = interviews.confusion_rates(large.codes, large.segments["segment"],
                                       interviews.NEIGHBOURS).set_index("code")
    planted_rates = interviews.Effects().confusion
    for code in interviews.NEIGHBOURS:
        n, k = rates.loc[code, "segments"], rates.loc[code, "swapped"]
        low, high = stats.binomtest(int(k), int(n)).proportion_ci(0.999)
        expected = planted_rates.get(code, 0.0)
        assert low - 0.02 <= expected <= high + 0.02, code  # misses blur a little


def test_without_confusion_no_code_loses_much_agreement() -> None:
    calm = interviews.simulate(7, 300, interviews.NULLS["no confusion"])
    table = interviews.agreement_table(calm.codes, calm.segments["segment"], n_boot=50)
    assert (table.dropna(subset=["alpha"])["alpha"] > 0.8).all()
    noisy = interviews.simulate(7, 300)
    noisy_table = interviews.agreement_table(noisy.codes, noisy.segments["segment"], n_boot=50)
    policy = noisy_table.set_index("code").loc["policy", "alpha"]
    assert policy < table.set_index("code").loc["policy", "alpha"] - 0.1


def test_recovery_intervals_cover_the_planted_shares_at_many_seeds() -> None:
    covered = []
    for seed in range(30):
        data = interviews.simulate(seed)
        coded = interviews.reconciled(data.codes, data.segments["segment"], data.truth)
        table = interviews.mention_table(interviews.agency_mentions(coded, data.segments),
                                         data.agencies)
        covered += interviews.recovery_table(data, table)["covered"].tolist()
    assert np.mean(covered) >= 0.93  # exact intervals are conservative: at least 95% expected


N_WORLDS = 60


@pytest.fixture(scope="module")
def characteristics() -> pd.DataFrame:
    return interviews.operating_characteristics(range(1000, 1000 + N_WORLDS))


@pytest.mark.many_worlds
def test_no_rule_fools_us_more_often_than_its_level(characteristics) -> None:
    for row in characteristics.itertuples():
        false_alarms = round(row.size * row.null_worlds)
        assert row.null_worlds == N_WORLDS
        assert false_alarms <= planted.most_false_alarms(N_WORLDS, 0.05), row.finding


@pytest.mark.many_worlds
def test_chao2_and_the_swap_are_found_reliably_and_the_level_test_often(characteristics) -> None:
    power = characteristics.set_index("finding")["power"]
    finds = [round(p * N_WORLDS) for p in power]
    assert finds[1] >= planted.fewest_detections(N_WORLDS, 0.9)  # the swap
    assert finds[2] >= planted.fewest_detections(N_WORLDS, 0.9)  # Chao2
    assert finds[0] >= planted.fewest_detections(N_WORLDS, 0.5)  # Fisher, 5 against 4-5
    assert finds[0] < N_WORLDS, "with five agencies per level, some studies miss it"


@pytest.mark.many_worlds
def test_swap_interval_covers_the_planted_confusion(characteristics) -> None:
    row = characteristics.iloc[1]
    held = round(row["coverage"] * N_WORLDS)
    assert held >= planted.fewest_detections(N_WORLDS, 0.95)


@pytest.mark.many_worlds
def test_the_page_sentences_on_the_worlds_follow_the_numbers(characteristics) -> None:
    text = interviews.worlds_sentence(characteristics)
    assert f"in {characteristics['power'].iloc[0]:.0%} of the planted worlds" in text
    assert interviews.fool_sentence(characteristics).startswith("No rule says")


def test_every_rule_has_its_own_null_world() -> None:
    worlds = interviews.run_worlds(range(2))
    assert set(worlds["finding"]) == {rule.finding for rule in interviews.RULES}
    assert set(interviews.NULL_OF) == {rule.finding for rule in interviews.RULES}
    assert worlds.groupby(["finding", "planted"]).size().eq(2).all()


def test_level_test_is_fishers_exact_test_by_hand() -> None:
    # 4 of 5 federal, 1 of 5 municipal: P(X >= 4) for the hypergeometric of 10, 5 marked, 5 drawn
    mentions = pd.DataFrame({"legislation": [True] * 4 + [False] + [True] + [False] * 4},
                            index=[f"a{k}" for k in range(10)])
    agencies = pd.DataFrame({"agency": mentions.index,
                             "level": ["federal"] * 5 + ["municipal"] * 5})
    by_hand = sum(math.comb(5, k) * math.comb(5, 5 - k) for k in (4, 5)) / math.comb(10, 5)
    assert interviews.level_test(mentions, agencies, "legislation") == pytest.approx(by_hand)


# --------------------------------------------------------------------------------------------
# The chapter's sentences at many seeds
# --------------------------------------------------------------------------------------------

CLAIM_SEEDS = range(12)


def chapter_tables(seed: int) -> dict[str, object]:
    data = interviews.simulate(seed)
    segments = data.segments
    coded = interviews.reconciled(data.codes, segments["segment"], data.truth)
    mentions = interviews.agency_mentions(coded, segments)
    texts = segments.set_index("segment")["text"]
    validation = pd.concat([
        interviews.validate_codes(interviews.dictionary_codes(texts), coded,
                                  method="dictionary"),
        interviews.validate_codes(interviews.classifier_codes(texts, coded), coded,
                                  method="classifier"),
    ]).dropna(subset=["kappa"])
    table = interviews.incidence(coded, segments)
    return {
        "data": data,
        "agreement": interviews.agreement_table(data.codes, segments["segment"], n_boot=100,
                                                seed=seed),
        "rates": interviews.confusion_rates(data.codes, segments["segment"],
                                            interviews.NEIGHBOURS),
        "counts": interviews.mention_table(mentions, data.agencies),
        "p": interviews.level_test(mentions, data.agencies, "legislation"),
        "curve": interviews.new_codes_curve(table),
        "chao": interviews.chao2(table),
        "validation": validation,
        "edges": list(interviews.cooccurrence_network(interviews.cooccurrence(coded))
                      .edges(data="weight")),
    }


@pytest.fixture(scope="module")
def tables_at_seeds() -> list[dict[str, object]]:
    return [chapter_tables(seed) for seed in CLAIM_SEEDS]


LABEL = dict(zip(interviews.codebook()["code"], interviews.codebook()["label"].str.lower(),
                 strict=True))


def test_most_sentences_follow_their_intervals_at_every_seed(tables_at_seeds) -> None:
    seen = set()
    for t in tables_at_seeds:
        for row in t["counts"].query("level == 'all'").to_dict("records"):
            text = interviews.most_sentence(row, LABEL[row["code"]])
            k, n = row["mentioning"], row["agencies"]
            if k == 0:
                kind = "none"
                assert text.startswith("No agency mentioned")
            elif row["ci_low"] > 0.5:
                kind = "most"
                assert text.startswith(f"Most agencies mentioned {LABEL[row['code']]} ({k} of")
            else:
                kind = "count"
                assert text.startswith(f"{k} of {n} agencies")
                assert ("most agencies" in text) == (k / n > 0.5)
            seen.add(kind)
    assert {"count", "none"} <= seen, "the seeds exercise the count and none branches"
    # "most" needs 12 of 14 agencies (the exact interval's lower end above one half)
    low = stats.beta.ppf(0.025, 12, 3)
    row = {"mentioning": 12, "agencies": 14, "ci_low": low, "ci_high": 0.98}
    assert low > 0.5 and interviews.most_sentence(row, "x").startswith("Most agencies")
    low = stats.beta.ppf(0.025, 11, 4)
    row = {"mentioning": 11, "agencies": 14, "ci_low": low, "ci_high": 0.95}
    assert low < 0.5 and interviews.most_sentence(row, "x").startswith("11 of 14")


def test_agreement_sentences_name_exactly_the_codes_below_the_threshold(tables_at_seeds) -> None:
    for t in tables_at_seeds:
        table = t["agreement"].dropna(subset=["alpha"])
        text = interviews.agreement_sentence(t["agreement"], LABEL, 0.667)
        low = table[table["alpha"] < 0.667]
        if low.empty:
            assert text.startswith("Every code used reaches")
            assert f"({table['alpha'].min():.2f})" in text
        else:
            for code, alpha in zip(low["code"], low["alpha"], strict=True):
                assert f"{LABEL[code]} ({alpha:.2f}" in text
            for code in set(table["code"]) - set(low["code"]):
                assert f"{LABEL[code]} (" not in text


def test_confusion_sentences_quote_their_counts(tables_at_seeds) -> None:
    for t in tables_at_seeds:
        text = interviews.confusion_sentence(t["rates"], LABEL, interviews.Effects().confusion)
        for r in t["rates"].itertuples():
            if r.segments:
                assert f"in {r.swapped} of {r.segments} segments ({r.rate:.0%}" in text


def test_level_sentences_say_can_show_only_below_five_percent(tables_at_seeds) -> None:
    verdicts = set()
    for t in tables_at_seeds:
        text = interviews.level_sentence(t["counts"], "legislation", "legislation", t["p"])
        assert ("a difference this many agencies can show" in text) == (t["p"] < 0.05)
        assert f"p = {t['p']:.3f}" in text
        rows = t["counts"].query("code == 'legislation'").set_index("level")
        assert text.startswith(f"{rows.loc['federal', 'mentioning']} of "
                               f"{rows.loc['federal', 'agencies']} federal agencies")
        verdicts.add(t["p"] < 0.05)
    assert verdicts == {True, False}


def test_saturation_sentences_name_the_last_new_code_and_the_unheard(tables_at_seeds) -> None:
    for t in tables_at_seeds:
        curve, chao = t["curve"], t["chao"]
        text = interviews.saturation_sentence(curve, chao, 10)
        last = max(i for i, n in enumerate(curve["new"], 1) if n > 0)
        assert f"came with interview {last} of {len(curve)}" in text
        missing = 10 - chao["observed"]
        if missing:
            assert f"{missing} {'was' if missing == 1 else 'were'} never heard" in text
        else:
            assert "every theme that exists was heard" in text


def test_assisted_sentences_name_the_better_method_and_the_misses(tables_at_seeds) -> None:
    for t in tables_at_seeds:
        v = t["validation"]
        text = interviews.assisted_sentence(v, LABEL)
        medians = v.groupby("method")["kappa"].median()
        if medians["dictionary"] > medians["classifier"]:
            assert text.startswith("The dictionary agrees better")
        elif medians["dictionary"] < medians["classifier"]:
            assert text.startswith("The classifier agrees better")
        missed = v[(v["method"] == "classifier") & (v["recall"] < 0.8)]
        assert ("The classifier finds fewer" in text) == (not missed.empty)


@pytest.mark.parametrize("seed", range(12))
def test_worlds_and_fool_sentences_follow_their_numbers(seed: int) -> None:
    rng = np.random.default_rng(seed)
    power = rng.choice([0.3, 0.6, 0.8, 0.95, 1.0], size=4)
    oc = pd.DataFrame({"finding": list("abcd"), "power": power, "power_low": power - 0.15,
                       "size": rng.choice([0.0, 0.05], size=4),
                       "size_above_level": rng.random(4) < 0.2})
    text = interviews.worlds_sentence(oc)
    if power[2] > power[3]:
        assert "Chao2 notices them more often" in text
    elif power[2] < power[3]:
        assert "the stopping rule notices them more often" in text
    else:
        assert "equally often" in text
    fooled = int(oc["size_above_level"].sum())
    said = interviews.fool_sentence(oc)
    assert said.startswith("No rule") == (fooled == 0)
    assert f"{int((oc['power_low'] >= 0.8).sum())} of 4 rule" in said


# --------------------------------------------------------------------------------------------
# Real data: CrisisLexT26's Canadian crises
# --------------------------------------------------------------------------------------------


def crisis_rows(event: str) -> list[dict[str, str]]:
    path = CRISIS / event / f"{event}-tweets_labeled.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle, skipinitialspace=True)
        return [{key.strip(): value for key, value in row.items()} for row in reader]


@pytest.fixture(scope="module")
def tweets() -> pd.DataFrame:
    return interviews.read_canadian_crises(CRISIS)


def test_canadian_crises_have_every_row_of_their_files(tweets) -> None:
    for event in interviews.CANADIAN_CRISES:
        assert (tweets["event"] == event).sum() == len(crisis_rows(event))


def test_crisis_shares_match_a_plain_count(tweets) -> None:
    shares = interviews.crisis_shares(tweets, "information_source")
    for event in interviews.CANADIAN_CRISES:
        rows = [r for r in crisis_rows(event) if r["Information Source"] != "Not labeled"]
        government = sum(r["Information Source"] == "Government" for r in rows)
        got = shares.query("event == @event and label == 'Government'").iloc[0]
        assert got["share"] == pytest.approx(government / len(rows))
        assert shares.query("event == @event")["share"].sum() == pytest.approx(1.0)
    text = interviews.crisis_sentence(shares)
    top = shares.sort_values("share", ascending=False).groupby("event").head(1)
    for row in top.itertuples():
        assert f"{row.label} posted the largest share of labelled tweets ({row.share:.0%})" in text


# --------------------------------------------------------------------------------------------
# Own data
# --------------------------------------------------------------------------------------------


def copy_sample(tmp_path: Path) -> Path:
    folder = tmp_path / "study"
    shutil.copytree(SAMPLE, folder)
    return folder


def test_own_data_sample_loads_as_written() -> None:
    data = interviews.load_folder(SAMPLE)
    segment_lines = [line for path in sorted(SAMPLE.glob("I0*"))
                     for line in path.read_text().splitlines() if line.startswith("[")]
    assert len(data.segments) == len(segment_lines)
    with (SAMPLE / "codes.csv").open(newline="") as handle:
        assert len(data.codes) == sum(1 for _ in csv.DictReader(handle))
    assert data.truth is None and data.effects is None
    assert data.agencies["level"].tolist() == ["federal", "provincial", "municipal",
                                               "municipal"]
    first = data.segments.iloc[1]
    assert (first["segment"], first["question"]) == ("I01-02", "Q2")
    assert first["text"].startswith("The privacy act")


def test_own_data_code_typo_and_unknown_segment_are_named_with_their_lines(tmp_path) -> None:
    folder = copy_sample(tmp_path)
    lines = (folder / "codes.csv").read_text().splitlines()
    lines[2] = lines[2].replace("legislation", "legislaton")
    lines[5] = lines[5].replace("I01-04", "I01-40")
    (folder / "codes.csv").write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError) as caught:
        interviews.load_folder(folder)
    message = str(caught.value)
    assert "row 3, column 'code': code not in the codebook" in message
    assert "'legislaton'" in message
    assert "row 6, column 'segment': segment not in any transcript" in message
    data = interviews.load_folder(folder, on_error="skip")
    assert len(data.codes) == len(lines) - 1 - 2
    assert sorted(data.reports[-1].skipped["row"]) == [3, 6]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda t: t.replace("level: federal", "level: national"),
         "row 3, column 'level': unknown level of government"),
        (lambda t: t.replace("agency: Federal Office for Flood Readiness\n", ""),
         "the header lacks 'agency'"),
        (lambda t: t.replace("[I01-03] (Q2) Our", "I01-03 (Q2) Our"),
         "row 11: a line is neither blank, a heading nor a segment"),
        (lambda t: t.replace("[I01-03]", "[I01-02]"), "row 11: a segment id is used twice"),
        (lambda t: t.replace("---\n", ""), "the transcript has no header closed by a line"),
    ],
)
def test_own_data_transcript_problems_are_named_by_file_and_line(tmp_path, edit, expected):
    folder = copy_sample(tmp_path)
    path = folder / "I01.md"
    path.write_text(edit(path.read_text()))
    with pytest.raises(DataError) as caught:
        interviews.load_folder(folder)
    assert "I01.md" in str(caught.value) and expected in str(caught.value)
    if "used twice" not in expected:
        data = interviews.load_folder(folder, on_error="skip") if "segment" not in expected \
            else None
        if data is not None:
            assert "I01" not in set(data.interviews["interview"])


def test_own_data_missing_codes_or_folder_is_a_data_error(tmp_path) -> None:
    folder = copy_sample(tmp_path)
    (folder / "codes.csv").unlink()
    with pytest.raises(DataError, match="needs transcripts"):
        interviews.load_folder(folder)
    with pytest.raises(DataError):
        interviews.load_folder(tmp_path / "nowhere")


def test_own_codebook_replaces_the_chapters(tmp_path) -> None:
    folder = copy_sample(tmp_path)
    (folder / "codes.csv").write_text("segment,coder,code\nI01-02,A,law\nI01-02,B,law\n")
    with pytest.raises(DataError, match="code not in the codebook"):
        interviews.load_folder(folder)
    (folder / "codebook.csv").write_text("code,label,swot\nlaw,Laws,threat\n")
    data = interviews.load_folder(folder)
    assert data.codebook["code"].tolist() == ["law"]
    (folder / "codebook.csv").write_text("code,label,swot\nlaw,Laws,danger\n")
    with pytest.raises(DataError, match="swot"):
        interviews.load_folder(folder)


def test_own_data_pipeline_runs_on_the_sample() -> None:
    data = interviews.load_folder(SAMPLE)
    coded = interviews.reconciled(data.codes, data.segments["segment"])
    # both coders agree on I01-02 legislation; A's policy on I01-03 is B's legislation
    assert coded.loc["I01-02", "legislation"] and not coded.loc["I01-03", "policy"]
    mentions = interviews.agency_mentions(coded, data.segments)
    table = interviews.mention_table(mentions, data.agencies)
    assert table.query("level == 'all'")["agencies"].eq(4).all()
    curve = interviews.new_codes_curve(interviews.incidence(coded, data.segments))
    assert curve["heard"].iloc[-1] == coded.any().sum()


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


def test_figures_label_their_axes_and_list_themes_top_to_bottom(world) -> None:
    import matplotlib.pyplot as plt

    coded = interviews.reconciled(world.codes, world.segments["segment"], world.truth)
    table = interviews.mention_table(interviews.agency_mentions(coded, world.segments),
                                     world.agencies)
    agreement = interviews.agreement_table(world.codes, world.segments["segment"], n_boot=20)
    for fig, n_rows in ((interviews.barrier_figure(table[table["level"] != "all"]), 10),
                        (interviews.agreement_figure(agreement),
                         agreement["alpha"].notna().sum())):
        ax = fig.axes[0]
        assert ax.get_xlabel() and ax.get_ylabel() and ax.yaxis_inverted()
        assert len(ax.get_yticklabels()) == n_rows
        plt.close(fig)


# --------------------------------------------------------------------------------------------
# The chapter notebook
# --------------------------------------------------------------------------------------------

NOTEBOOK = ROOT / "notebooks" / "interviews.ipynb"
CHAPTER_SEED = 2019  # the notebook's SEED


@pytest.fixture(scope="module")
def glued(run_notebook) -> dict[str, object]:
    return glued_values(run_notebook(NOTEBOOK))


@pytest.mark.slow
def test_notebook_glues_every_figure(glued) -> None:
    for name in ("fig_agreement", "fig_barriers", "fig_cooccurrence", "fig_saturation",
                 "fig_crisis"):
        assert isinstance(glued[name], dict) and "image/png" in glued[name], name


@pytest.mark.slow
def test_notebook_counts_match_the_simulated_study(glued) -> None:
    data = interviews.simulate(CHAPTER_SEED)
    assert text_of(glued, "n_agencies") == f"{len(data.agencies)}"
    assert text_of(glued, "n_interviews") == f"{data.segments['interview'].nunique()}"
    assert text_of(glued, "n_segments") == f"{len(data.segments)}"
    given: dict[tuple[str, str], set[str]] = {}
    for row in data.codes.itertuples():
        given.setdefault((row.segment, row.coder), set()).add(row.code)
    differ = sum(given.get((s, "A"), set()) != given.get((s, "B"), set())
                 for s in data.segments["segment"])
    assert text_of(glued, "n_disagree") == f"{differ}"
    assert text_of(glued, "heard_10_15") == f"{1 - 0.9 ** 15:.0%}"
    assert text_of(glued, "planted_federal") == "90%"
    assert text_of(glued, "n_common") == "10" and text_of(glued, "n_rare") == "25"
    assert text_of(glued, "rare_share") == "4%"
    agencies = data.agencies["agency"]
    assert text_of(glued, "n_covered").endswith(f"of {3 * len(interviews.CODES)}")
    assert len(agencies) == 14


@pytest.mark.slow
def test_notebook_crisis_figures_match_the_files(glued) -> None:
    rows = [r for e in interviews.CANADIAN_CRISES for r in crisis_rows(e)]
    assert text_of(glued, "n_crisis_tweets") == f"{len(rows):,}"
    alberta = [r for r in crisis_rows("2013_Alberta_floods")
               if r["Information Source"] != "Not labeled"]
    share = sum(r["Information Source"] == "Government" for r in alberta) / len(alberta)
    assert f"government accounts {share:.0%}" in text_of(glued, "crisis_sentence")


@pytest.mark.slow
def test_notebook_runs_on_the_own_data_sample(run_notebook) -> None:
    notebook = run_notebook(NOTEBOOK, DATA_PATH=str(SAMPLE))
    glued = glued_values(notebook)
    assert text_of(glued, "n_interviews") == "4"
    assert "n_covered" not in glued and "fool_sentence" not in glued
    for name in ("confusion_sentence", "saturation_sentence"):
        assert "planted" not in text_of(glued, name) and "In truth" not in text_of(glued, name)
    assert re.search(r"\d+ of 4 agencies|No agency", text_of(glued, "most_sentence_top"))


def test_strongest_link_sentences_name_every_tied_pair(tables_at_seeds) -> None:
    for tables in tables_at_seeds:
        edges = tables["edges"]
        said = interviews.strongest_links(edges, LABEL)
        top = max(weight for _, _, weight in edges)
        tied = [(a, b) for a, b, weight in edges if weight == top]
        assert f"({top} segment" in said
        assert said.startswith("the strongest joins") == (len(tied) == 1)
        for a, b in tied[:3]:
            assert f"{LABEL[a]} and {LABEL[b]}" in said
        if len(tied) > 3:
            assert f"{len(tied) - 3} more pairs" in said
