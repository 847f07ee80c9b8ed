"""The comparison chapter: coding, shares, clustering, customer service, loaders and notebook.

Expectations are computed by hand or by a second, simpler method (scipy, plain loops, the csv
module), never by the code under test.
"""

from __future__ import annotations

import csv
import math
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from book_tools import ROOT, glued_values, text_of
from scipy import stats as sps

from govsocial import comparison, planted
from govsocial.schema import DataError

SAMPLE = ROOT / "tests" / "data" / "comparison"
CLIMATE = ROOT / "data" / "climatecove350" / "covered_climate_events.csv"
T0 = pd.Timestamp("2024-01-01", tz="UTC")

# --------------------------------------------------------------------------------------------
# Segmentation and coding
# --------------------------------------------------------------------------------------------


def test_segment_cuts_chinese_into_words_and_english_at_non_letters() -> None:
    assert comparison.segment("我认为政府的气候政策非常重要", "zh") == [
        "我", "认为", "政府", "的", "气候", "政策", "非常", "重要",
    ]  # fmt: skip
    assert comparison.segment("I think, therefore: COP21!", "en") == ["i", "think", "therefore",
                                                                     "cop"]  # fmt: skip


def test_dictionary_codes_by_the_most_frequent_category_and_leaves_ties_uncoded() -> None:
    posts = pd.DataFrame({
        "text": ["我认为政策很重要", "I think officials and the minister agree", "honestly sad",
                 "I think scientists are right"],
        "language": ["zh", "en", "en", "en"],
    })  # fmt: skip
    # 1: opinion 1, policy 1 (a tie); 2: authority 2 > opinion 1; 3: nothing; 4: a tie
    assert comparison.dictionary_code(posts).tolist() == [
        "uncoded", "authority", "uncoded", "uncoded",
    ]  # fmt: skip


def test_every_cue_phrase_holds_a_dictionary_word_and_no_implicit_phrase_does() -> None:
    from govsocial.comparison.phrases import PHRASES

    for language, categories in PHRASES.items():
        words = set().union(*comparison.DICTIONARY[language].values())
        for category, kinds in categories.items():
            for kind, phrases in kinds.items():
                for phrase in phrases:
                    hits = words & set(comparison.segment(phrase, language))
                    assert bool(hits) == (kind == "cue" and category != "filler"), phrase


def test_validation_table_matches_accuracy_and_kappa_by_hand() -> None:
    test = pd.DataFrame({"language": ["en"] * 4 + ["zh"] * 4,
                         "category": list("aabb") + list("abab")})  # fmt: skip
    guess = pd.Series(list("abbb") + list("abab"), index=test.index)
    table = comparison.validation_table(test, {"d": guess}).set_index("language")
    # English: 3 of 4 agree; p_o = 0.75, p_e = 0.5*0.25 + 0.5*0.75 = 0.5, kappa = 0.5
    assert table.loc["en", "accuracy"] == pytest.approx(0.75)
    assert table.loc["en", "kappa"] == pytest.approx(0.5)
    assert table.loc["zh", "kappa"] == pytest.approx(1.0)
    assert table.loc["both", "accuracy"] == pytest.approx(7 / 8)


def test_coded_sample_draws_the_same_number_per_language_and_splits_it_in_halves() -> None:
    posts = comparison.simulate_posts(3).posts
    train, test = comparison.coded_sample(posts, 50, seed=1)
    assert Counter(train["language"]) == Counter(test["language"]) == {"zh": 25, "en": 25}
    assert not set(train.index) & set(test.index)


@pytest.fixture(scope="module")
def world() -> comparison.PostsWorld:
    return comparison.simulate_posts(2015)


def test_classifier_beats_the_dictionary_on_held_out_posts(world) -> None:
    posts = world.posts.assign(code=comparison.dictionary_code(world.posts))
    train, test = comparison.coded_sample(posts, 200, 1)
    model = comparison.train_classifier(train)
    table = comparison.validation_table(
        test, {"dictionary": posts.loc[test.index, "code"],
               "classifier": comparison.classify(model, test)}
    ).set_index(["coder", "language"])  # fmt: skip
    assert table.loc[("classifier", "both"), "kappa"] > table.loc[("dictionary", "both"), "kappa"]
    assert table.loc[("classifier", "both"), "uncoded"] == 0
    assert 0.05 < table.loc[("dictionary", "both"), "uncoded"] < 0.35


# --------------------------------------------------------------------------------------------
# Shares: chi-square, Cramér's V, residuals, the log-linear model
# --------------------------------------------------------------------------------------------


def test_chi_square_matches_the_formula_by_hand() -> None:
    table = pd.DataFrame([[20, 30, 50], [30, 30, 40]], index=["a", "b"], columns=list("xyz"))
    result = comparison.chi_square(table)
    observed = table.to_numpy(float)
    expected = observed.sum(1, keepdims=True) * observed.sum(0, keepdims=True) / observed.sum()
    chi2 = ((observed - expected) ** 2 / expected).sum()
    assert result.statistic == pytest.approx(chi2)
    assert result.dof == 2
    assert result.p_value == pytest.approx(sps.chi2.sf(chi2, 2))
    assert result.cramers_v == pytest.approx(math.sqrt(chi2 / 200))
    # adjusted residual of cell (a, x): (20 - 25) / sqrt(25 * 0.5 * 0.75)
    assert result.residuals.loc["a", "x"] == pytest.approx(-5 / math.sqrt(25 * 0.5 * 0.75))


def test_contingency_table_leaves_uncoded_posts_out() -> None:
    posts = pd.DataFrame({"g": ["a", "a", "b", "b"], "code": ["x", "uncoded", "x", "y"]})
    assert comparison.contingency_table(posts, "g").to_numpy().sum() == 3


def test_planted_shares_of_the_null_world_are_equal_and_the_planted_ones_follow_the_study() -> None:
    null = comparison.planted_shares(comparison.Effects.none())
    assert np.allclose(null["China"], null["UK/US"])
    shares = comparison.planted_shares(comparison.Effects())
    assert np.isclose(shares["China"].sum(), 1) and np.isclose(shares["UK/US"].sum(), 1)
    for category in ("opinion", "experience", "authority", "policy"):
        assert shares.loc[category, "log_ratio"] > 0, category


def test_loglinear_estimates_agree_and_clustering_widens_the_country_intervals(world) -> None:
    posts = world.posts.assign(code=world.posts["category"])
    clustered = comparison.loglinear(posts, cluster=True)
    naive = comparison.loglinear(posts, cluster=False)
    assert np.allclose(clustered["log_ratio"], naive["log_ratio"])
    china = clustered["term"] == "China"
    widths = [(t["high"] - t["low"])[china].mean() for t in (naive, clustered)]
    assert widths[1] > widths[0]


def test_loglinear_country_ratio_is_the_share_ratio_when_platforms_are_balanced() -> None:
    """With one platform mix for both groups, exp(China term) is the plain share ratio."""
    rows = []
    for journalist, country, opinion in (("c1", "China", 6), ("c2", "China", 4),
                                         ("w1", "UK", 2), ("w2", "US", 3)):  # fmt: skip
        for platform in ("microblog", "messaging app"):
            rows += [(journalist, country, platform, "opinion")] * opinion
            rows += [(journalist, country, platform, "science")] * (10 - opinion)
    posts = pd.DataFrame(rows, columns=["journalist_id", "country", "platform", "code"])
    fit = comparison.loglinear(posts).set_index(["category", "term"])
    assert fit.loc[("opinion", "China"), "ratio"] == pytest.approx((10 / 20) / (5 / 20))
    assert fit.loc[("opinion", "messaging app"), "ratio"] == pytest.approx(1.0)


def test_simulation_is_reproducible_and_has_the_stated_size(world) -> None:
    again = comparison.simulate_posts(2015)
    pd.testing.assert_frame_equal(world.posts, again.posts)
    assert not world.posts.equals(comparison.simulate_posts(2016).posts)
    assert len(world.posts) == 3 * 30 * 20
    assert world.posts.groupby("country")["journalist_id"].nunique().tolist() == [30, 30, 30]
    assert set(world.posts.loc[world.posts["country"] == "China", "language"]) == {"zh"}


def test_recovery_table_labels_findings_by_the_planted_truth(world) -> None:
    fit = comparison.loglinear(world.posts.assign(code=world.posts["category"]))
    table = comparison.recovery_table(world, fit)
    assert table["planted_difference"].all()
    found = table["finding"]
    excluded = (table["low"] > 1) | (table["high"] < 1)
    assert ((found == "missed") == ~excluded).all()
    assert (table["covered"] == ((table["low"] <= table["planted"])
                                 & (table["planted"] <= table["high"]))).all()  # fmt: skip


# --------------------------------------------------------------------------------------------
# Customer service
# --------------------------------------------------------------------------------------------


def toy_questions() -> pd.DataFrame:
    hours = [1, 2, np.nan, 4, np.nan]
    return pd.DataFrame({
        "platform": "a",
        "asked_at": [T0] * 5,
        "replied_at": [T0 + pd.Timedelta(hours=h) if h == h else pd.NaT for h in hours],
        "observed_until": [T0 + pd.Timedelta(hours=h) for h in (10, 10, 3, 10, 10)],
    })  # fmt: skip


def test_waiting_times_use_the_end_of_collection_for_censored_questions() -> None:
    times = comparison.waiting_times(toy_questions())
    assert times["hours"].tolist() == [1, 2, 3, 4, 10]
    assert times["replied"].tolist() == [1, 1, 0, 1, 0]


def test_survival_table_is_the_product_limit_estimate_by_hand() -> None:
    curve = comparison.survival_table(toy_questions())
    at = dict(zip(curve["hours"], curve["unanswered"], strict=True))
    # at 1 h: 4/5; at 2 h: 4/5 * 3/4; 3 h censored; at 4 h: * 1/2
    assert at[1] == pytest.approx(0.8)
    assert at[2] == pytest.approx(0.6)
    assert at[4] == pytest.approx(0.3)
    assert comparison.survival_at(toy_questions(), 3.5)["unanswered"].iloc[0] == pytest.approx(0.6)


def test_reply_rates_count_answered_questions_with_wilson_intervals() -> None:
    rates = comparison.reply_rates(toy_questions()).iloc[0]
    assert (rates["questions"], rates["answered"]) == (5, 3)
    assert rates["low"] < 0.6 < rates["high"]


def test_near_duplicates_find_a_template_and_spare_personal_replies() -> None:
    rng = np.random.default_rng(4)
    from govsocial.comparison.phrases import personalised_reply, templated_reply

    texts = [templated_reply(rng) for _ in range(20)] + [personalised_reply(rng)
                                                         for _ in range(20)]  # fmt: skip
    found = comparison.near_duplicates(pd.Series(texts))
    assert found["templated"].iloc[:20].all()
    assert not found["templated"].iloc[20:].any()


def test_service_world_censors_late_replies_and_recovers_planted_values() -> None:
    service = comparison.simulate_service(11)
    q = service.questions
    assert (q["replied_at"].dropna() <= q["observed_until"].max()).all()
    replies = q[q["replied_at"].notna()]
    detected = comparison.near_duplicates(replies["reply_text"])
    check = comparison.service_recovery(service, detected)
    assert check["covered"].sum() >= 5
    assert (detected["templated"] == replies["templated"].astype(bool)).mean() > 0.95


# --------------------------------------------------------------------------------------------
# Consultation
# --------------------------------------------------------------------------------------------


def test_funnel_counts_per_thousand_and_conversions_by_hand() -> None:
    counts = pd.DataFrame({"platform": ["a"], "reached": [2000], "endorsed": [100],
                           "commented": [20], "substantive": [5]})  # fmt: skip
    stages = comparison.funnel(counts).set_index("stage")
    assert stages["per_1000"].tolist() == [1000, 50, 10, 2.5]
    assert stages.loc["commented", "conversion"] == pytest.approx(0.2)
    assert math.isnan(stages.loc["reached", "conversion"])


def test_evaluation_ranks_follow_the_weights() -> None:
    counts = comparison.simulate_consultation(1)
    equal = comparison.evaluation_table(counts)
    assert sorted(equal["rank"]) == [1, 2, 3]
    assert (equal[["technological", "political", "organisational"]] >= 0).all().all()
    for dimension in ("technological", "political", "organisational"):
        only = comparison.evaluation_table(counts, {dimension: 1.0})
        assert only["overall"].idxmax() == equal[dimension].idxmax()


# --------------------------------------------------------------------------------------------
# Loaders: own data and ClimateCovE350
# --------------------------------------------------------------------------------------------


def test_own_data_sample_loads_every_row() -> None:
    with (SAMPLE / "posts.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    data = comparison.load_folder(SAMPLE)
    assert len(data.posts.posts) == len(rows)
    assert data.posts.posts["category"].notna().sum() == sum(bool(r["category"]) for r in rows)
    with (SAMPLE / "questions.csv").open(newline="", encoding="utf-8") as handle:
        questions = list(csv.DictReader(handle))
    assert len(data.service.questions) == len(questions)
    unanswered = sum(not q["replied_at"] for q in questions)
    assert data.service.questions["replied_at"].isna().sum() == unanswered


def copy_sample(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    shutil.copytree(SAMPLE, folder)
    return folder


def edit(path: Path, line: int, column: str, value: str) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[line - 1][rows[0].index(column)] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def test_reply_before_its_question_is_named_by_file_row_and_column(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    edit(folder / "questions.csv", 5, "replied_at", "2020-01-01T00:00:00Z")
    with pytest.raises(DataError) as caught:
        comparison.load_folder(folder)
    error = caught.value
    assert (Path(error.file).name, error.row, error.column) == ("questions.csv", 5, "replied_at")
    assert "reply dated before its question" in str(error)
    data = comparison.load_folder(folder, on_error="skip")
    assert len(data.service.questions) == 159


def test_a_language_outside_the_scheme_is_refused(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    edit(folder / "posts.csv", 3, "language", "fr")
    with pytest.raises(DataError) as caught:
        comparison.load_folder(folder)
    assert (caught.value.row, caught.value.column) == (3, "language")


def test_missing_folder_or_a_folder_without_files_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="there is no folder"):
        comparison.load_folder(tmp_path / "nothing")
    with pytest.raises(DataError, match="neither posts.csv nor questions.csv"):
        comparison.load_folder(tmp_path)


def test_platform_posts_keep_own_posts_in_chinese_or_english_with_their_country() -> None:
    from govsocial import io

    folder = ROOT / "tests" / "data" / "bluesky"
    raw = io.read_posts_folder(folder).posts.frame
    expected = [
        post_id
        for post_id, repost, lang in zip(
            raw["post_id"],
            raw["repost_of_post_id"].astype(object),
            raw["lang"].astype(object),
            strict=True,
        )
        if pd.isna(repost) and not pd.isna(lang) and lang[:2].lower() in ("zh", "en")
    ]
    assert 0 < len(expected) < len(raw)
    world = comparison.load_platform_posts({folder: "UK"})
    assert world.posts["post_id"].tolist() == expected
    assert set(world.posts["country"]) == {"UK"}
    assert world.posts["category"].isna().all()
    codes = comparison.dictionary_code(world.posts)
    assert len(codes) == len(expected)


def climate_rows() -> list[dict[str, str]]:
    with CLIMATE.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_climatecove_loads_every_event() -> None:
    events = comparison.load_climatecove()
    rows = climate_rows()
    assert len(events) == len(rows) == 349
    assert Counter(events["Media"]) == Counter(r["Media"] for r in rows)


def test_news_value_table_matches_plain_counts() -> None:
    rows = climate_rows()
    table = comparison.news_value_table(comparison.load_climatecove()).set_index("label")
    for label, (column, value) in comparison.NEWS_VALUES.items():
        for media, name in (("News", "news"), ("Twitter", "twitter")):
            part = [r for r in rows if r["Media"] == media]
            share = sum(r[column] == value for r in part) / len(part)
            assert table.loc[label, name] == pytest.approx(share), (label, media)
        assert table.loc[label, "low"] < table.loc[label, "difference"] < table.loc[label, "high"]


# --------------------------------------------------------------------------------------------
# Power and size over many worlds
# --------------------------------------------------------------------------------------------

N_WORLDS = 40


@pytest.fixture(scope="module")
def many_worlds() -> pd.DataFrame:
    return planted.run_worlds(comparison.world, comparison.RULES, range(500, 500 + N_WORLDS))


def _counts(worlds: pd.DataFrame, finding_start: str) -> tuple[int, int]:
    rule = worlds[worlds["finding"].str.startswith(finding_start)]
    return int(rule.loc[rule["planted"], "found"].sum()), int(rule.loc[~rule["planted"],
                                                                       "found"].sum())  # fmt: skip


@pytest.mark.many_worlds
def test_clustered_model_keeps_its_size_and_finds_planted_opinion_often(many_worlds) -> None:
    power, false = _counts(many_worlds, "more personal opinion in China (log-linear, clustered")
    assert false <= planted.most_false_alarms(N_WORLDS, 0.05)
    assert power >= planted.fewest_detections(N_WORLDS, 0.6)


@pytest.mark.many_worlds
def test_chi_square_ignoring_journalists_is_fooled_more_often_than_its_level(many_worlds) -> None:
    _, chi_false = _counts(many_worlds, "countries differ in categories (chi-square")
    _, clustered_false = _counts(many_worlds, "more personal opinion in China (log-linear, clu")
    assert chi_false > planted.most_false_alarms(N_WORLDS, 0.05, risk=0.05)
    assert chi_false > clustered_false


@pytest.mark.many_worlds
def test_service_rules_find_planted_differences_and_keep_their_size(many_worlds) -> None:
    for start in ("reply times", "reply rates", "templated shares"):
        power, false = _counts(many_worlds, start)
        assert power >= planted.fewest_detections(N_WORLDS, 0.9), start
        assert false <= planted.most_false_alarms(N_WORLDS, 0.05), start


# --------------------------------------------------------------------------------------------
# The chapter's sentences at many seeds
# --------------------------------------------------------------------------------------------

CLAIM_SEEDS = range(12)


def claims(seed: int) -> dict[str, object]:
    posts = comparison.simulate_posts(seed).posts
    posts = posts.assign(code=comparison.dictionary_code(posts),
                         country_group=comparison.country_groups(posts))  # fmt: skip
    result = comparison.chi_square(comparison.contingency_table(posts, "country_group"))
    naive = comparison.loglinear(posts, cluster=False)
    clustered = comparison.loglinear(posts)
    service = comparison.simulate_service(seed).questions
    rates = comparison.reply_rates(service)
    waiting = comparison.survival_at(service, 24)
    p = comparison.logrank(service)[1]
    replies = service[service["replied_at"].notna()]
    shares = comparison.templated_shares(service, comparison.near_duplicates(
        replies["reply_text"]))  # fmt: skip
    card = comparison.scorecard(clustered)
    train, test = comparison.coded_sample(posts, 100, seed)
    model = comparison.train_classifier(train)
    validation = comparison.validation_table(
        test,
        {
            "dictionary": posts.loc[test.index, "code"],
            "classifier": comparison.classify(model, test),
        },
    )
    consultation = comparison.simulate_consultation(seed)
    return {
        "validation": validation, "consultation": consultation, "result": result,
        "naive": naive, "clustered": clustered, "rates": rates, "waiting": waiting, "p": p,
        "shares": shares, "card": card,
    }  # fmt: skip


@pytest.fixture(scope="module")
def claims_at_seeds() -> list[dict[str, object]]:
    return [claims(seed) for seed in CLAIM_SEEDS]


def test_association_and_residual_sentences_follow_their_numbers(claims_at_seeds) -> None:
    for c in claims_at_seeds:
        r = c["result"]
        text = comparison.association_sentence(r.p_value, r.cramers_v)
        assert ("statistically significant" in text) == (r.p_value < 0.05)
        assert f"({r.cramers_v:.2f})" in text
        assert ("weak" in text) == (0.1 <= r.cramers_v < 0.3)
        sentence = comparison.residual_sentence(r.residuals)
        china = r.residuals.loc["China"]
        for category, value in china.items():
            label = comparison.CATEGORY_LABELS[category]
            more, _, less = sentence.partition(" and less ")
            if value > 2:
                assert label in more and " more " in more, sentence
            elif value < -2:
                assert label in (less or more.split(" less ")[-1]), sentence
            else:
                assert label not in sentence


def test_cluster_sentence_follows_the_interval_widths(claims_at_seeds) -> None:
    for c in claims_at_seeds:
        naive, clustered = c["naive"], c["clustered"]
        china = naive["term"] == "China"
        ratio = ((clustered["high"] - clustered["low"])[china].mean()
                 / (naive["high"] - naive["low"])[china].mean())  # fmt: skip
        sentence = comparison.cluster_sentence(naive, clustered)
        if ratio > 1.05:
            assert f"{ratio:.1f} times as wide" in sentence
        elif ratio < 0.95:
            assert "narrower" in sentence
        else:
            assert "about as wide" in sentence


def test_service_and_templated_sentences_follow_their_numbers(claims_at_seeds) -> None:
    for c in claims_at_seeds:
        rates = c["rates"].set_index("platform")
        top = rates["rate"].idxmax()
        sentence = comparison.service_sentence(c["rates"], c["waiting"], c["p"])
        assert sentence.startswith(f"The {top} account answers more questions")
        apart = rates["low"].max() > rates.loc[rates["rate"].idxmin(), "high"]
        assert ("intervals apart" in sentence) == apart
        assert ("finds the waiting curves different" in sentence) == (c["p"] < 0.05)
        shares = c["shares"].set_index("platform")
        text = comparison.templated_sentence(c["shares"])
        assert text.startswith(f"More of the {shares['share'].idxmax()} replies")
        assert f"{shares['share'].max():.0%} against {shares['share'].min():.0%}" in text


def test_scorecard_sentence_counts_the_yes_rows(claims_at_seeds) -> None:
    for c in claims_at_seeds:
        card = c["card"]
        found = int((card["recovered (planted)"] == "yes").sum())
        assert comparison.scorecard_sentence(card).startswith(f"{found} of 4 findings")
        own = card.rename(columns={"recovered (planted)": "as in the study?"})
        text = comparison.scorecard_sentence(own, simulated=False)
        assert "simulated" not in text and "planted" not in text


def test_coder_and_evaluation_sentences_follow_their_tables_at_every_seed(claims_at_seeds) -> None:
    for c in claims_at_seeds:
        both = c["validation"].query("language == 'both'").set_index("coder")["kappa"]
        sentence = comparison.coder_sentence(c["validation"])
        if round(both.max(), 2) == round(both.min(), 2):
            assert "equally well" in sentence
        else:
            assert sentence.startswith(f"The {both.idxmax()} agrees better")
            assert f"kappa {both.max():.2f} against {both.min():.2f}" in sentence
        equal = comparison.evaluation_table(c["consultation"])
        for dimension in ("technological", "political", "organisational"):
            only = comparison.evaluation_table(c["consultation"], {dimension: 1.0})
            text = comparison.evaluation_sentence(equal, only, dimension)
            assert text.startswith(f"With equal weights the {equal['overall'].idxmax()} comes")
            same = equal["overall"].idxmax() == only["overall"].idxmax()
            assert ("keeps it first" in text) == same
            assert same or text.endswith(f"the {only['overall'].idxmax()}.")


def test_coder_fool_and_news_sentences_follow_their_tables() -> None:
    for kappas in ((0.9, 0.7), (0.6, 0.8), (0.75, 0.75)):
        v = pd.DataFrame({"coder": ["classifier", "dictionary"], "language": "both",
                          "kappa": kappas})  # fmt: skip
        sentence = comparison.coder_sentence(v)
        if kappas[0] == kappas[1]:
            assert "equally well" in sentence
        else:
            best = "classifier" if kappas[0] > kappas[1] else "dictionary"
            assert sentence.startswith(f"The {best} agrees better")
    oc = pd.DataFrame({"finding": ["x", "y"], "size": [0.0, 0.0],
                       "size_above_level": [False, False]})  # fmt: skip
    assert comparison.fool_sentence(oc).startswith("No rule")
    table = comparison.news_value_table(comparison.load_climatecove())
    sentence = comparison.news_value_sentence(table)
    for row in table.itertuples():
        assert (row.label in sentence) == (row.low > 0 or row.high < 0), row.label


# --------------------------------------------------------------------------------------------
# The chapter notebook
# --------------------------------------------------------------------------------------------

NOTEBOOK = ROOT / "notebooks" / "comparison.ipynb"
CHAPTER_SEED = 2015


@pytest.fixture(scope="module")
def glued(run_notebook) -> dict[str, object]:
    return glued_values(run_notebook(NOTEBOOK))


@pytest.mark.slow
def test_notebook_glues_every_figure(glued) -> None:
    for name in ("fig_residuals", "fig_shares", "fig_survival", "fig_funnel",
                 "fig_news_values"):  # fmt: skip
        assert isinstance(glued[name], dict) and "image/png" in glued[name], name


@pytest.mark.slow
def test_notebook_counts_match_the_simulated_world_and_the_real_file(glued) -> None:
    posts = comparison.simulate_posts(CHAPTER_SEED).posts
    assert text_of(glued, "n_posts") == f"{len(posts):,}"
    assert text_of(glued, "n_chinese") == f"{(posts['language'] == 'zh').sum():,}"
    questions = comparison.simulate_service(CHAPTER_SEED).questions
    assert text_of(glued, "n_censored") == f"{questions['replied_at'].isna().sum():,}"
    rows = climate_rows()
    assert text_of(glued, "n_events") == f"{len(rows)}"
    assert text_of(glued, "n_twitter") == f"{sum(r['Media'] == 'Twitter' for r in rows)}"


@pytest.mark.slow
def test_notebook_chi_square_matches_scipy(glued) -> None:
    posts = comparison.simulate_posts(CHAPTER_SEED).posts
    codes = comparison.dictionary_code(posts)
    group = np.where(posts["country"] == "China", "China", "UK/US")
    keep = codes != "uncoded"
    table = pd.crosstab(group[keep], codes[keep])
    chi2, p, dof, _ = sps.chi2_contingency(table.to_numpy(), correction=False)
    assert text_of(glued, "chi2") == f"{chi2:.1f}"
    v = math.sqrt(chi2 / table.to_numpy().sum())
    assert text_of(glued, "cramers_v") == f"{v:.2f}"


@pytest.mark.slow
def test_notebook_fool_table_names_the_chi_square_when_it_is_fooled(glued) -> None:
    sentence = text_of(glued, "fool_sentence")
    assert "clustered by journalist" not in sentence
    assert int(text_of(glued, "n_material")) == 5
    assert "clustered by journalist" in comparison.RULES[2].finding
    assert 0.5 <= float(text_of(glued, "clustered_power").rstrip("%")) / 100 <= 1


@pytest.mark.slow
def test_notebook_runs_on_the_own_data_sample(run_notebook) -> None:
    notebook = run_notebook(NOTEBOOK, DATA_PATH=str(SAMPLE))
    glued = glued_values(notebook)
    with (SAMPLE / "posts.csv").open(newline="", encoding="utf-8") as handle:
        n = sum(1 for _ in csv.DictReader(handle))
    assert text_of(glued, "n_posts") == f"{n:,}"
    assert "n_recovered" not in glued and "fool_sentence" not in glued
    text = text_of(glued, "scorecard_sentence")
    assert "simulated" not in text and "planted" not in text
