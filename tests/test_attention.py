"""The agency-attention chapter: simulator, loaders, analysis functions, and the notebook.

Expectations are computed independently of the code under test: by hand on tiny frames, with
plain numpy/pandas/statsmodels on the simulated data, or straight from the sample files with the
standard library (csv, json).
"""

from __future__ import annotations

import csv
import dataclasses
import json
import math
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from book_tools import ROOT, glued_values, text_of

from govsocial import attention, io, text
from govsocial import planted as planted_method
from govsocial.models import CountModelResult
from govsocial.schema import DataError

SEED = 2022
SAMPLE = ROOT / "tests" / "data" / "attention"
NOTEBOOK = ROOT / "notebooks" / "attention.ipynb"
MODEL = text.tfidf_logistic_regression(C=1.0)  # as in the chapter
TOLERANCE_SE = 3.0  # recovery: an estimate within 3 standard errors of the planted log-IRR
REAL_EU_AGENCIES = {  # a few real bodies the fictional names must never repeat
    "European Environment Agency",
    "European Medicines Agency",
    "European Food Safety Authority",
    "European Maritime Safety Agency",
    "European Chemicals Agency",
    "European Union Aviation Safety Agency",
    "European Centre for Disease Prevention and Control",
    "European Fisheries Control Agency",
    "European Union Agency for Cybersecurity",
    "European Labour Authority",
    "European Training Foundation",
    "European Union Agency for Fundamental Rights",
    "European Union Agency for Railways",
    "European Institute for Gender Equality",
}


@pytest.fixture(scope="module")
def teaching() -> attention.AttentionData:
    return attention.simulate(SEED)


@pytest.fixture(scope="module")
def teaching_fits(teaching) -> attention.AttentionFits:
    return attention.analyse(teaching)


@pytest.fixture(scope="module")
def style_report(teaching) -> text.ClassifierReport:
    coded = teaching.coded
    return text.cross_validate_classifier(
        coded["text"], coded["label"], model=MODEL, n_splits=5, seed=SEED
    )


def hashes(data: attention.AttentionData) -> list[int]:
    frames = [data.accounts, data.tweets, data.news, data.coded]
    return [int(pd.util.hash_pandas_object(frame, index=True).sum()) for frame in frames]


def fake_fit(rows: list[tuple[str, float, float, float]]) -> CountModelResult:
    """A CountModelResult whose table has the given (term, irr, ci_low, ci_high) rows."""
    table = pd.DataFrame(rows, columns=["term", "irr", "ci_low", "ci_high"])
    table["coef"] = np.log(table["irr"])
    return CountModelResult(
        table, alpha=1.0, n_obs=10, cov_type="nonrobust", formula="", result=None
    )


# --------------------------------------------------------------------------------------------
# The simulator
# --------------------------------------------------------------------------------------------


def test_same_seed_gives_byte_identical_frames(teaching) -> None:
    again = attention.simulate(SEED)
    assert hashes(again) == hashes(teaching)
    assert again.tweets.equals(teaching.tweets) and again.accounts.equals(teaching.accounts)


def test_different_seed_gives_different_data(teaching) -> None:
    other = attention.simulate(SEED + 1)
    assert all(a != b for a, b in zip(hashes(other), hashes(teaching), strict=True))


def test_simulated_tables_have_the_documented_columns(teaching) -> None:
    assert teaching.accounts.columns.tolist() == [
        "username",
        "name",
        "created_at",
        "followers",
        "news_mentions_per_month",
    ]
    assert teaching.tweets.columns.tolist() == [
        "tweet_id",
        "username",
        "created_at",
        "text",
        "retweet_count",
        "like_count",
        "reply_count",
        "is_reply",
        "mention_count",
        "style",
    ]
    assert teaching.coded.columns.tolist() == ["tweet_id", "text", "coder_a", "coder_b", "label"]
    assert set(teaching.tweets["style"]) == set(attention.STYLES)
    assert teaching.tweets["tweet_id"].is_unique
    assert (teaching.tweets[["retweet_count", "like_count", "reply_count"]] >= 0).all().all()


def test_about_forty_fictional_agencies_with_unique_handles(teaching) -> None:
    names = teaching.accounts["name"].tolist()
    assert len(names) == 40 == len(set(names)) == teaching.accounts["username"].nunique()
    assert all(name.startswith("European ") for name in names)
    assert not set(names) & REAL_EU_AGENCIES


def test_teaching_scale_is_six_months_and_a_few_hundred_tweets_per_agency(teaching) -> None:
    assert teaching.start == pd.Timestamp("2021-07-01", tz="UTC")
    assert teaching.end == pd.Timestamp("2022-01-01", tz="UTC")
    per_agency = teaching.tweets.groupby("username").size()
    assert per_agency.max() <= 400 and len(teaching.tweets) < 8000
    inside = teaching.tweets["created_at"].between(teaching.start, teaching.end, inclusive="left")
    assert inside.all()


def test_paper_scale_has_two_years_of_tweets_for_every_agency() -> None:
    paper = attention.simulate(SEED, "paper")
    years = paper.tweets.groupby("username")["created_at"].agg(
        lambda times: sorted(set(times.dt.year))
    )
    assert len(years) == 40 and all(found == [2020, 2021] for found in years)
    assert len(paper.coded) == 2000


def test_tweet_ids_encode_their_creation_time(teaching) -> None:
    sample = teaching.tweets.iloc[::97]
    decoded = io.tweet_id_to_datetime(sample["tweet_id"])
    assert (decoded.to_numpy() == sample["created_at"].to_numpy()).all()


def test_replies_start_with_a_mention_and_interactive_tweets_mention_more(teaching) -> None:
    tweets = teaching.tweets
    assert tweets.loc[tweets["is_reply"], "text"].str.startswith("@").all()
    assert tweets["mention_count"].equals(tweets["text"].str.count("@").astype("int64"))
    by_style = tweets.groupby("style")["mention_count"].mean()
    assert by_style["interactive"] > 2 * by_style[["informative", "promotional"]].max()


def test_news_frame_holds_one_row_per_agency_and_month(teaching) -> None:
    news = teaching.news
    assert len(news) == 40 * 6
    mean = news.groupby("username")["news_mentions"].mean()
    accounts = teaching.accounts.set_index("username")["news_mentions_per_month"]
    assert np.allclose(mean.loc[accounts.index].to_numpy(), accounts.to_numpy())


def test_effects_none_plants_nothing_and_effects_must_be_ratios() -> None:
    assert attention.Effects.none() == attention.Effects(1.0, 1.0, 1.0, 1.0)
    with pytest.raises(ValueError, match="interactive_retweet_irr"):
        attention.Effects(interactive_retweet_irr=0.0)
    with pytest.raises(ValueError, match="scale"):
        attention.simulate(1, scale="huge")


def test_the_simulation_holds_its_planted_truth() -> None:
    effects = attention.Effects(news_doubling_irr=2.0, interactive_retweet_irr=1.0)
    assert attention.simulate(3, effects=effects).effects == effects
    assert attention.simulate(3).effects == attention.Effects()


# --------------------------------------------------------------------------------------------
# Coding and classification
# --------------------------------------------------------------------------------------------


def test_two_coders_agree_substantially_but_not_perfectly(teaching) -> None:
    a, b = teaching.coded["coder_a"].tolist(), teaching.coded["coder_b"].tolist()
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    count_a, count_b = Counter(a), Counter(b)
    chance = sum(count_a[s] * count_b[s] for s in attention.STYLES) / n**2
    kappa = (observed - chance) / (1 - chance)
    assert 0.5 < kappa < 0.85
    assert kappa == pytest.approx(text.cohens_kappa(a, b))


def test_adjudicated_labels_are_the_coders_label_where_they_agree(teaching) -> None:
    coded = teaching.coded
    agree = coded["coder_a"] == coded["coder_b"]
    assert (coded.loc[agree, "label"] == coded.loc[agree, "coder_a"]).all()


def test_classifier_clearly_beats_the_majority_baseline_but_is_not_perfect(
    teaching, style_report
) -> None:
    report = style_report
    share = teaching.coded["label"].value_counts(normalize=True).max()
    baseline_f1 = 2 * share / (1 + share) / 3  # majority class everywhere, by hand
    assert report.macro_f1 > baseline_f1 + 0.4
    assert report.macro_f1 < 0.95  # texts overlap by design


def test_predict_styles_keeps_out_of_fold_predictions_for_coded_tweets() -> None:
    coded = pd.DataFrame(
        {
            "tweet_id": ["1", "2", "3", "4"],
            "text": ["new report out", "tell us now", "new data out", "tell me now"],
            "label": ["informative", "interactive", "informative", "interactive"],
        }
    )
    tweets = pd.DataFrame({"tweet_id": ["9", "2"], "text": ["new report", "tell us now"]})
    out_of_fold = pd.Series(["informative", "promotional", "informative", "interactive"])
    model = text.tfidf_logistic_regression(min_df=1)
    predicted = attention.predict_styles(coded, tweets, out_of_fold=out_of_fold, model=model)
    assert predicted.tolist() == ["informative", "promotional"]
    with pytest.raises(ValueError, match="out_of_fold"):
        attention.predict_styles(coded, tweets, out_of_fold=out_of_fold[:2], model=model)


# --------------------------------------------------------------------------------------------
# Features and models on hand-made data
# --------------------------------------------------------------------------------------------


def test_account_features_by_hand() -> None:
    accounts = pd.DataFrame(
        {
            "username": ["a", "b"],
            "created_at": pd.to_datetime(["2019-01-01", "2020-12-31"], utc=True),
            "followers": [10, 20],
            "news_mentions_per_month": [7.0, 1.0],
        }
    )
    start, end = pd.Timestamp("2021-01-01", tz="UTC"), pd.Timestamp("2021-01-29", tz="UTC")
    times = pd.to_datetime(["2021-01-02", "2021-01-05", "2020-12-30", "2021-01-29"], utc=True)
    tweets = pd.DataFrame({"username": ["a", "a", "a", "b"], "created_at": times})
    out = attention.account_features(accounts, tweets, start=start, end=end)
    # 28 days = 4 weeks; tweets outside [start, end) are not counted
    assert out["tweets_per_week"].tolist() == [0.5, 0.0]
    assert out["log2_news"].tolist() == [3.0, 1.0]
    assert out["account_age_years"].round(4).tolist() == [
        round(759 / 365.25, 4),
        round(29 / 365.25, 4),
    ]


def test_account_features_refuses_accounts_created_after_the_window() -> None:
    accounts = pd.DataFrame(
        {
            "username": ["late"],
            "created_at": pd.to_datetime(["2022-03-01"], utc=True),
            "followers": [1],
            "news_mentions_per_month": [1.0],
        }
    )
    tweets = pd.DataFrame({"username": [], "created_at": pd.to_datetime([], utc=True)})
    with pytest.raises(ValueError, match="'late' was created after"):
        attention.account_features(
            accounts,
            tweets,
            start=pd.Timestamp("2021-01-01", tz="UTC"),
            end=pd.Timestamp("2022-01-01", tz="UTC"),
        )


def test_tweet_features_by_hand() -> None:
    tweets = pd.DataFrame(
        {
            "username": ["a", "b", "a"],
            # Saturday, Monday, Sunday
            "created_at": pd.to_datetime(["2021-06-05", "2021-06-07", "2021-06-06"], utc=True),
        }
    )
    accounts = pd.DataFrame({"username": ["a", "b"], "followers": [7, 0]})
    out = attention.tweet_features(tweets, accounts)
    assert out["log2_followers"].tolist() == [3.0, 0.0, 3.0]
    assert out["weekend"].tolist() == [1, 0, 1]
    with pytest.raises(ValueError, match="'c'"):
        attention.tweet_features(tweets.assign(username=["a", "c", "a"]), accounts)


def test_followers_model_recovers_coefficients_of_plain_numpy_data() -> None:
    rng = np.random.default_rng(4)
    n = 3000
    frame = pd.DataFrame(
        {
            "log2_news": rng.normal(3, 1.5, n),
            "account_age_years": rng.uniform(2, 12, n),
            "tweets_per_week": rng.uniform(0.5, 12, n),
        }
    )
    mu = np.exp(
        8
        + 0.4 * frame["log2_news"]
        + 0.1 * frame["account_age_years"]
        - 0.05 * frame["tweets_per_week"]
    )
    frame["followers"] = rng.negative_binomial(5, 5 / (5 + mu))  # alpha = 0.2
    table = attention.followers_model(frame).table.set_index("term")
    assert table.loc["log2_news", "coef"] == pytest.approx(0.4, abs=0.02)
    assert table.loc["account_age_years", "coef"] == pytest.approx(0.1, abs=0.01)
    assert table.loc["tweets_per_week", "coef"] == pytest.approx(-0.05, abs=0.01)


def test_retweet_model_compares_styles_with_informative_tweets() -> None:
    rng = np.random.default_rng(5)
    n = 4000
    styles = pd.Series(rng.choice(attention.STYLES, size=n))
    frame = pd.DataFrame(
        {
            "username": rng.choice(list("abcdefghijklmnopqrst"), size=n),
            "log2_followers": rng.uniform(8, 14, n),
            "weekend": rng.integers(0, 2, n),
        }
    )
    mu = np.exp(
        0.5 + np.log(2.0) * styles.eq("interactive") + np.log(0.5) * styles.eq("promotional")
    )
    frame["retweet_count"] = rng.negative_binomial(2, 2 / (2 + mu))
    fit = attention.retweet_model(frame, styles)
    table = fit.table.set_index("term")
    assert fit.cov_type == "cluster"
    assert table.loc["interactive", "ci_low"] < 2.0 < table.loc["interactive", "ci_high"]
    assert table.loc["promotional", "ci_low"] < 0.5 < table.loc["promotional", "ci_high"]
    with pytest.raises(ValueError, match="styles must be one of"):
        attention.retweet_model(frame, styles.replace("promotional", "funny"))


def test_expected_attenuation_by_hand() -> None:
    true = pd.Series(["interactive"] * 3 + ["informative"] * 5)
    predicted = pd.Series(
        ["interactive", "informative", "informative", "interactive"] + ["informative"] * 4
    )
    # flagged: 2 tweets, 1 truly interactive (p = 1/2); others: 6 tweets, 2 interactive (q = 1/3)
    expected = (0.5 * 3 + 0.5) / (3 / 3 + 2 / 3)
    assert attention.expected_attenuation(true, predicted, 3.0) == pytest.approx(expected)
    with pytest.raises(ValueError, match="no comparison"):
        attention.expected_attenuation(true, pd.Series(["informative"] * 8), 3.0)


def test_recovery_table_marks_coverage_and_detection_by_hand() -> None:
    followers = fake_fit(
        [
            ("log2_news", 1.4, 1.3, 1.6),  # covers 1.5, detected
            ("account_age_years", 1.05, 0.98, 1.12),  # misses 1.15, not detected
            ("tweets_per_week", 1.1, 1.05, 1.2),
        ]
    )
    retweets = fake_fit([("interactive", 1.7, 1.5, 1.9)])
    predicted = fake_fit([("interactive", 1.3, 1.1, 1.5)])
    table = attention.recovery_table(attention.Effects(), followers, retweets, predicted)
    assert table["covered"].tolist() == [True, False, True, True, False]
    assert table["detected"].tolist() == [True, False, True, True, True]
    assert table["effect"].iloc[4].endswith("classifier styles")


def test_scorecard_reads_directions_by_hand() -> None:
    followers = fake_fit(
        [
            ("log2_news", 1.4, 1.3, 1.6),
            ("account_age_years", 1.0, 0.9, 1.1),
            ("tweets_per_week", 0.8, 0.7, 0.9),
        ]
    )
    retweets = fake_fit([("interactive", 1.7, 1.5, 1.9)])
    card = attention.scorecard(followers, retweets)
    assert card["reproduced?"].tolist() == [
        "yes",
        "no: no clear effect",
        "no: opposite direction",
        "yes",
    ]
    assert card["what we found"].iloc[0].startswith("IRR 1.40 (95% CI 1.30 to 1.60)")
    planted_card = attention.scorecard(followers, retweets, planted=True)
    assert planted_card.columns.tolist()[-1] == "recovered (planted)"
    assert planted_card.iloc[:, -1].tolist() == card["reproduced?"].tolist()


# --------------------------------------------------------------------------------------------
# Recovery and falsification on simulated data
# --------------------------------------------------------------------------------------------


def test_every_planted_effect_is_recovered_at_teaching_scale(teaching, teaching_fits) -> None:
    tables = {"followers": teaching_fits.followers.table, "retweets": teaching_fits.retweets.table}
    for _, outcome, term, planted in teaching.effects.table().itertuples(index=False):
        row = tables[outcome].set_index("term").loc[term]
        assert row["ci_low"] > 1, f"{term} not detected"
        assert abs(row["coef"] - math.log(planted)) <= TOLERANCE_SE * row["std_err"], term


N_WORLDS = 40  # worlds of each kind for the binomial bounds (a few seconds each)


@pytest.fixture(scope="module")
def worlds() -> pd.DataFrame:
    return attention.run_worlds(range(1, N_WORLDS + 1))


@pytest.fixture(scope="module")
def characteristics(worlds) -> pd.DataFrame:
    return attention.operating_characteristics(worlds=worlds)


def test_a_null_world_switches_off_only_the_effect_under_test() -> None:
    planted = attention.simulate(11, texts=False)
    for field in ("interactive_retweet_irr", "weekly_tweet_irr"):
        effects = dataclasses.replace(attention.Effects(), **{field: 1.0})
        null = attention.simulate(11, effects=effects, texts=False)
        # the same agencies, tweets and styles; only the outcome of the switched-off effect
        # moves (and the draws after it, which negative binomial draws consume unevenly)
        assert null.tweets["style"].equals(planted.tweets["style"])
        assert null.tweets["created_at"].equals(planted.tweets["created_at"])
        if field == "interactive_retweet_irr":
            assert null.accounts.equals(planted.accounts)
            interactive = planted.tweets["style"].eq("interactive")
            assert (null.tweets["retweet_count"] != planted.tweets["retweet_count"]).any()
            assert null.tweets.loc[~interactive, "retweet_count"].sum() > 0
        else:
            assert not null.accounts["followers"].equals(planted.accounts["followers"])


def test_lean_worlds_draw_the_same_numbers_without_texts() -> None:
    full, lean = attention.simulate(5), attention.simulate(5, texts=False)
    columns = ["tweet_id", "created_at", "retweet_count", "like_count", "reply_count", "style"]
    assert full.tweets[columns].equals(lean.tweets[columns])
    assert full.accounts.equals(lean.accounts) and (lean.tweets["text"] == "").all()


def test_a_null_world_needs_the_effect_it_switches_off() -> None:
    with pytest.raises(ValueError, match="off must be one of"):
        attention.world(1, False)


@pytest.mark.many_worlds
@pytest.mark.slow
def test_every_rule_finds_its_planted_effect_binomially(characteristics) -> None:
    for row in characteristics.itertuples(index=False):
        assert row.planted_worlds == N_WORLDS
        detections = round(row.power * N_WORLDS)
        assert detections >= planted_method.fewest_detections(N_WORLDS, 0.9), row.finding


@pytest.mark.many_worlds
@pytest.mark.slow
def test_no_rule_finds_an_absent_effect_beyond_the_binomial_bound(characteristics) -> None:
    for row in characteristics.itertuples(index=False):
        assert row.null_worlds == N_WORLDS
        false_alarms = round(row.size * N_WORLDS)
        assert false_alarms <= planted_method.most_false_alarms(N_WORLDS, 0.05), row.finding


@pytest.mark.many_worlds
@pytest.mark.slow
def test_intervals_cover_the_planted_values_binomially(characteristics) -> None:
    for row in characteristics.itertuples(index=False):
        held = round(row.coverage * N_WORLDS)
        assert held >= planted_method.fewest_detections(N_WORLDS, 0.95), row.finding
        assert abs(row.bias) < 0.1, row.finding


@pytest.mark.many_worlds
@pytest.mark.slow
def test_the_fool_table_says_what_the_worlds_show(characteristics) -> None:
    table = planted_method.fool_table(characteristics)
    assert table["finding"].tolist() == [rule.finding for rule in attention.RULES]
    flagged = characteristics["size_above_level"].to_numpy()
    assert (table["verdict"].str.startswith("fooled more often") == flagged).all()


@pytest.mark.many_worlds
@pytest.mark.slow
def test_the_fool_claims_match_their_numbers_over_many_subsets(worlds) -> None:
    rng = np.random.default_rng(0)
    for _ in range(12):
        seeds = rng.choice(np.arange(1, N_WORLDS + 1), size=20, replace=False)
        oc = attention.operating_characteristics(worlds=worlds[worlds["seed"].isin(seeds)])
        check_fool_claims(oc)


@pytest.mark.many_worlds
@pytest.mark.slow
def test_the_null_pattern_counts_the_misses(worlds) -> None:
    runs = attention.null_runs(worlds)
    assert len(runs) == 4 * N_WORLDS and (runs["planted_irr"] == 1.0).all()
    sentence = attention.sentences.null_pattern(runs)
    missed = runs[(runs["ci_low"] > 1) | (runs["ci_high"] < 1)]
    assert (~runs["covered"]).sum() == len(missed)
    if len(missed) > 1:
        assert sentence.startswith(f"The {len(missed)} misses fall on")


# --------------------------------------------------------------------------------------------
# The page's sentences, checked against their numbers at many seeds
# --------------------------------------------------------------------------------------------

CLAIM_SEEDS = range(1, 13)
WORDS = ("no", "one", "two", "three", "four")


def check_fool_claims(oc: pd.DataFrame) -> None:
    said = attention.sentences.fool_claims(oc, attention.N_AGENCIES)
    flagged = oc.loc[oc["size_above_level"], "finding"].str.lower().tolist()
    if flagged:
        assert said["size_verdict"].startswith(f"{WORDS[len(flagged)]} of the {len(oc)} rules")
        assert all(finding in said["size_verdict"] for finding in flagged)
        assert "more often than its 5% level promises" in said["closing"]
    else:
        assert "5% level promises: not never" in said["closing"]
        if (oc["size"] <= oc["stated_level"]).all():
            assert said["size_verdict"].startswith("none of the")
        else:
            assert said["size_verdict"].startswith("no rule finds an absent effect clearly")
            assert f"{oc['size'].max():.0%}" in said["size_verdict"]
    reliable = int((oc["power_low"] >= 0.8).sum())
    assert said["power_verdict"].startswith("all") == (reliable == len(oc))
    if reliable < len(oc):
        assert f"{oc['power'].min():.0%}" in said["power_verdict"]
    assert f"with {attention.N_AGENCIES} agencies" in said["closing"]


def test_the_stored_long_run_is_what_the_method_gives() -> None:
    from govsocial.attention import long_run

    first = range(long_run.FIRST_SEED, long_run.FIRST_SEED + 2)
    recomputed = attention.run_worlds(first)
    for (finding, is_planted), group in recomputed.groupby(["finding", "planted"]):
        flags = "".join("1" if found else "0" for found in group.sort_values("seed")["found"])
        assert long_run.FOUND[finding, bool(is_planted)][: len(first)] == flags, finding
    assert all(len(flags) == long_run.N_WORLDS for flags in long_run.FOUND.values())
    assert {finding for finding, _ in long_run.FOUND} == {rule.finding for rule in attention.RULES}
    oc = attention.operating_characteristics(worlds=attention.long_run_worlds())
    assert (oc["null_worlds"] == long_run.N_WORLDS).all()
    check_fool_claims(oc)


def test_fool_claims_follow_the_numbers_in_every_case() -> None:
    base = pd.DataFrame(
        {
            "finding": ["A", "B", "C"],
            "power": [1.0, 1.0, 0.6],
            "power_low": [0.85, 0.85, 0.4],
            "size": [0.0, 0.05, 0.25],
            "size_low": [0.0, 0.01, 0.12],
            "size_high": [0.16, 0.24, 0.45],
            "stated_level": [0.05] * 3,
            "size_above_level": [False, False, True],
        }
    )
    check_fool_claims(base)
    check_fool_claims(base.assign(size_above_level=False, size=[0.0, 0.05, 0.1]))
    check_fool_claims(base.assign(size_above_level=False, size=0.0, power_low=0.9))
    check_fool_claims(base.assign(size_above_level=True))


@pytest.fixture(scope="module")
def seed_worlds() -> list[tuple]:
    """Worlds at many seeds, each with a stand-in classifier that mislabels about one in six."""
    out = []
    for seed in CLAIM_SEEDS:
        data = attention.simulate(seed, texts=False)
        fits = attention.analyse(data)
        rng = np.random.default_rng(seed)
        styles = data.tweets["style"].to_numpy(dtype=object, copy=True)
        wrong = rng.random(len(styles)) < 0.15
        styles[wrong] = rng.choice(attention.STYLES, int(wrong.sum()))
        predicted = pd.Series(styles, index=data.tweets.index)
        out.append((seed, data, fits, predicted, attention.analyse(data, predicted).retweets))
    return out


def test_the_chapter_sentences_match_their_numbers_at_many_seeds(seed_worlds) -> None:
    from scipy import stats

    claims = attention.sentences
    for seed, data, fits, predicted, predicted_fit in seed_worlds:
        # followers against news mentions
        rho = stats.spearmanr(fits.accounts["log2_news"], fits.accounts["followers"])[0]
        sentence = claims.salience_sentence(fits.accounts)
        assert f"rank correlation {rho:.2f}" in sentence, seed
        assert ("more followers" in sentence) == (rho >= 0.2), seed
        # attenuation
        true_row = fits.retweets.table.set_index("term").loc["interactive"]
        pred_row = predicted_fit.table.set_index("term").loc["interactive"]
        planted = data.effects.interactive_retweet_irr
        sentence = claims.attenuation_sentence(
            planted, true_row[["irr", "ci_low", "ci_high"]].tolist(), pred_row["irr"]
        )
        closer = abs(math.log(pred_row["irr"])) < abs(math.log(true_row["irr"]))
        assert sentence.endswith("closer to 1.") == closer, seed
        holds = true_row["ci_low"] <= planted <= true_row["ci_high"]
        assert ("interval holds" in sentence) == holds, seed
        assert f"estimate is {true_row['irr']:.2f}" in sentence, seed
        # the recovery table's classifier row
        recovery = attention.recovery_table(
            data.effects, fits.followers, fits.retweets, retweets_predicted=predicted_fit
        )
        sentence = claims.classifier_row_sentence(recovery)
        detected = bool(pred_row["ci_low"] > 1 or pred_row["ci_high"] < 1)
        assert ("detected, but diluted" in sentence) == (detected and closer), seed
        # one world's intervals against 1
        flags = [
            bool(row["ci_low"] > 1 or row["ci_high"] < 1) for row in (true_row, pred_row)
        ]
        sentence = claims.null_sentence(flags, ["true styles", "classifier styles"])
        assert sentence.startswith("neither") == (not any(flags)), seed
        assert sentence.startswith("both") == all(flags), seed
        # the classifier's accuracy on all tweets against a cross-validated one
        accuracy = float((predicted == data.tweets["style"]).mean())
        for cv in (accuracy, accuracy - 0.1, accuracy + 0.02):
            sentence = claims.accuracy_sentence(accuracy, cv)
            assert sentence.startswith("close to") == (abs(accuracy - cv) <= 0.03 + 1e-9)
            assert f"({cv:.0%})" in sentence
        # where the stand-in classifier's mistakes fall
        confusion = pd.crosstab(data.tweets["style"], predicted)
        off = confusion.to_numpy()[~np.eye(len(confusion), dtype=bool)]
        sentence = claims.confusion_sentence(confusion)
        assert (sentence == "The mistakes fall on every pair of styles") == (off > 0).all()
        # the scorecard, on simulated data and as if on own data
        card = attention.scorecard(fits.followers, predicted_fit, planted=True)
        n_yes = int((card["recovered (planted)"] == "yes").sum())
        sentence = claims.scorecard_reading(card, simulated=True)
        assert sentence.startswith(f"{n_yes} of {len(card)} planted findings"), seed
        own = claims.scorecard_reading(
            attention.scorecard(fits.followers, predicted_fit), simulated=False
        )
        assert own.startswith(f"{n_yes} of {len(card)} of the study's findings"), seed
        assert "simulated" not in own and "construction" not in own


def test_classifier_verdict_follows_the_gap_to_the_baseline() -> None:
    verdict = attention.sentences.classifier_verdict
    assert verdict(0.84, 0.20).startswith("Far better")
    assert verdict(0.45, 0.20).startswith("Better than the baseline, but far")
    assert verdict(0.25, 0.20).startswith("Hardly better")
    assert verdict(0.97, 0.20).startswith("Nearly perfect")


def test_misclassified_styles_shrink_the_interactive_effect(teaching, style_report) -> None:
    predicted = attention.predict_styles(
        teaching.coded, teaching.tweets, out_of_fold=style_report.predictions, model=MODEL
    )
    true_irr = attention.analyse(teaching).retweets.table.set_index("term").loc["interactive"]
    pred_irr = (
        attention.analyse(teaching, predicted).retweets.table.set_index("term").loc["interactive"]
    )
    assert 1 < pred_irr["irr"] < true_irr["irr"]
    diluted = attention.expected_attenuation(teaching.tweets["style"], predicted, true_irr["irr"])
    assert diluted == pytest.approx(pred_irr["irr"], abs=0.1)


# --------------------------------------------------------------------------------------------
# Own data: the sample folder and malformed copies
# --------------------------------------------------------------------------------------------


def sample_counts() -> dict[str, int]:
    """Accounts, analysed tweets, retweets, unknown authors and coded rows, from the raw files."""
    with (SAMPLE / "accounts.csv").open(newline="") as handle:
        listed = {row["username"].lower() for row in csv.DictReader(handle)}
    analysed = retweets = unknown = 0
    for line in (SAMPLE / "tweets.jsonl").read_text().splitlines():
        if not line.strip():
            continue
        response = json.loads(line)
        users = {u["id"]: u["username"].lower() for u in response["includes"]["users"]}
        for tweet in response["data"]:
            kinds = {ref["type"] for ref in tweet.get("referenced_tweets", [])}
            if "retweeted" in kinds:
                retweets += 1
            elif users.get(tweet["author_id"]) not in listed:
                unknown += 1
            else:
                analysed += 1
    with (SAMPLE / "coded.csv").open(newline="") as handle:
        coded = sum(1 for _ in csv.DictReader(handle))
    return {
        "accounts": len(listed),
        "tweets": analysed,
        "retweets": retweets,
        "unknown": unknown,
        "coded": coded,
    }


def copy_sample(tmp_path: Path) -> Path:
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder)
    return folder


def test_sample_folder_loads_and_reports_what_it_dropped() -> None:
    expected = sample_counts()
    data = attention.load_folder(SAMPLE)
    assert len(data.accounts) == expected["accounts"]
    assert len(data.tweets) == expected["tweets"]
    assert len(data.coded) == expected["coded"]
    assert data.effects is None and data.news is None and "style" not in data.tweets
    used = data.reports[2]
    assert used.dropped == {
        "retweet (not the account's own content)": expected["retweets"],
        "author not in accounts.csv": expected["unknown"],
    }
    assert data.coded["text"].notna().all()
    assert data.start <= data.tweets["created_at"].min()
    assert data.tweets["created_at"].max() < data.end


PLATFORM_SAMPLES = {
    "bluesky": ROOT / "tests" / "data" / "attention_bluesky",
    "mastodon": ROOT / "tests" / "data" / "attention_mastodon",
}


@pytest.mark.parametrize("platform", sorted(PLATFORM_SAMPLES))
def test_bluesky_and_mastodon_folders_give_the_twitter_sample_s_models(platform) -> None:
    # the fixtures are the Twitter sample in each platform's shapes (built by
    # tests/data/coordination_bluesky/make_platform_fixtures.py; Bluesky's times moved by
    # whole weeks), so every model must come out the same
    twitter = attention.load_folder(SAMPLE)
    data = attention.load_folder(PLATFORM_SAMPLES[platform])
    assert data.platform == platform and twitter.platform == "twitter"
    assert any("counts when collected" in sentence for sentence in data.lacks)
    assert data.reports[2].dropped == twitter.reports[2].dropped
    assert len(data.coded) == len(twitter.coded)
    for column in ("retweet_count", "like_count", "reply_count", "is_reply"):
        assert data.tweets[column].tolist() == twitter.tweets[column].tolist(), column
    # Twitter counts every @ of a tweet; Bluesky and Mastodon each account mentioned once
    assert (data.tweets["mention_count"] <= twitter.tweets["mention_count"]).all()
    styles = pd.Series([attention.STYLES[i % 3] for i in range(len(data.tweets))])
    own = attention.analyse(data, styles)
    base = attention.analyse(twitter, styles)
    for fit in ("followers", "retweets"):
        pd.testing.assert_frame_equal(getattr(own, fit).table, getattr(base, fit).table)


@pytest.mark.parametrize("platform", sorted(PLATFORM_SAMPLES))
def test_a_listed_account_without_a_profile_or_its_age_is_named(tmp_path, platform) -> None:
    folder = tmp_path / platform
    shutil.copytree(PLATFORM_SAMPLES[platform], folder)
    profiles = folder / ("profiles.jsonl" if platform == "bluesky" else "accounts.jsonl")
    lines = profiles.read_text().splitlines()
    if platform == "bluesky":
        page = json.loads(lines[0])
        del page["profiles"][0]["createdAt"]
        page["profiles"] = page["profiles"][:-1]
        lines = [json.dumps(page)]
    else:
        lines = lines[:-1]
        first = json.loads(lines[0])
        del first["created_at"]
        lines[0] = json.dumps(first)
    profiles.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError) as caught:
        attention.load_folder(folder)
    message = str(caught.value)
    assert "row 2, column 'created_at'" in message and "gives no created_at" in message
    assert "row 13, column 'handle': the account has no profile" in message
    data = attention.load_folder(folder, on_error="skip")
    assert len(data.accounts) == 10
    assert data.reports[0].skipped["row"].tolist() == [2, 13]
    assert data.accounts.dtypes.to_dict() == attention.load_folder(SAMPLE).accounts.dtypes.to_dict()


def test_a_folder_of_two_platforms_is_refused_naming_the_files(tmp_path) -> None:
    folder = copy_sample(tmp_path)
    (folder / "statuses.jsonl").write_text("[]\n")
    with pytest.raises(DataError, match=r"more than one platform \(archival, mastodon\)"):
        attention.load_folder(folder)


def test_sample_without_coded_file_loads_without_coded_tweets(tmp_path) -> None:
    folder = copy_sample(tmp_path)
    (folder / "coded.csv").unlink()
    assert attention.load_folder(folder).coded is None


def test_missing_tweets_file_is_named(tmp_path) -> None:
    folder = copy_sample(tmp_path)
    (folder / "tweets.jsonl").unlink()
    with pytest.raises(DataError, match="no posts file of any platform.*found accounts.csv, "
                       "coded.csv"):
        attention.load_folder(folder)


def rewrite_csv(path: Path, row: int, column: str, value: str) -> None:
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[row][column] = value
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_negative_followers_are_rejected_with_row_and_column(tmp_path) -> None:
    folder = copy_sample(tmp_path)
    rewrite_csv(folder / "accounts.csv", 2, "followers", "-5")
    with pytest.raises(DataError, match=r"accounts.csv, row 4, column 'followers'"):
        attention.load_folder(folder)


def test_missing_news_column_is_named(tmp_path) -> None:
    folder = copy_sample(tmp_path)
    frame = pd.read_csv(folder / "accounts.csv", dtype=str)
    frame.drop(columns="news_mentions_per_month").to_csv(folder / "accounts.csv", index=False)
    with pytest.raises(DataError, match="news_mentions_per_month"):
        attention.load_folder(folder)


def test_account_created_after_the_last_tweet_is_rejected(tmp_path) -> None:
    folder = copy_sample(tmp_path)
    rewrite_csv(folder / "accounts.csv", 0, "created_at", "2022-06-01")
    with pytest.raises(DataError, match=r"row 2, column 'created_at'.*after the last post"):
        attention.load_folder(folder)


def test_usernames_differing_only_in_case_are_rejected(tmp_path) -> None:
    folder = copy_sample(tmp_path)
    with (folder / "accounts.csv").open(newline="") as handle:
        first = list(csv.DictReader(handle))[0]
    rewrite_csv(folder / "accounts.csv", 1, "username", first["username"].upper())
    with pytest.raises(DataError, match=r"row 3, column 'username'.*upper/lower case"):
        attention.load_folder(folder)


def test_unknown_style_in_coded_file_is_rejected(tmp_path) -> None:
    folder = copy_sample(tmp_path)
    rewrite_csv(folder / "coded.csv", 0, "label", "funny")
    with pytest.raises(DataError, match=r"coded.csv, row 2, column 'label'.*not allowed"):
        attention.load_folder(folder)


def test_coded_tweet_missing_from_the_tweets_is_rejected(tmp_path) -> None:
    folder = copy_sample(tmp_path)
    rewrite_csv(folder / "coded.csv", 3, "tweet_id", "123")
    with pytest.raises(DataError, match=r"coded.csv, row 5, column 'tweet_id'"):
        attention.load_folder(folder)


def test_a_missing_folder_or_a_file_given_for_the_folder_is_a_data_error(tmp_path) -> None:
    with pytest.raises(DataError, match="there is no folder at this path"):
        attention.load_folder(tmp_path / "no_such_folder")
    with pytest.raises(DataError, match="this is a file, not a folder"):
        attention.load_folder(SAMPLE / "accounts.csv")


def test_rows_after_a_blank_line_are_named_by_their_line(tmp_path) -> None:
    folder = copy_sample(tmp_path)
    rewrite_csv(folder / "accounts.csv", 2, "created_at", "2022-06-01")
    lines = (folder / "accounts.csv").read_text().splitlines()
    (folder / "accounts.csv").write_text("\n".join([lines[0], "", *lines[1:]]) + "\n")
    with pytest.raises(DataError, match=r"row 5, column 'created_at'.*after the last post"):
        attention.load_folder(folder)


def test_a_handle_listed_twice_names_both_lines(tmp_path) -> None:
    folder = copy_sample(tmp_path)
    with (folder / "accounts.csv").open(newline="") as handle:
        first = list(csv.DictReader(handle))[0]
    rewrite_csv(folder / "accounts.csv", 3, "username", first["username"].lower())
    with pytest.raises(DataError, match=r"row 5, column 'username'.*line 2 has"):
        attention.load_folder(folder)


def drop_includes(path: Path) -> None:
    pages = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    path.write_text("".join(
        json.dumps({k: v for k, v in page.items() if k != "includes"}) + "\n"
        for page in pages
    ))


def test_tweets_without_usernames_name_the_likely_cause(tmp_path) -> None:
    folder = copy_sample(tmp_path)
    drop_includes(folder / "tweets.jsonl")
    with pytest.raises(DataError, match="expansions=author_id"):
        attention.load_folder(folder)


def test_tweets_without_counts_are_left_out_and_counted(tmp_path) -> None:
    folder = copy_sample(tmp_path)
    lines = (folder / "tweets.jsonl").read_text().splitlines()
    page = json.loads(lines[0])
    assert "referenced_tweets" not in page["data"][0]  # an original tweet of a listed agency
    del page["data"][0]["public_metrics"]
    lines[0] = json.dumps(page)
    (folder / "tweets.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "coded.csv").unlink()  # the tweet is coded there
    data = attention.load_folder(folder)
    assert data.reports[2].dropped["no counts (the tweet has no public_metrics)"] == 1
    assert len(data.tweets) == sample_counts()["tweets"] - 1
    assert data.tweets["retweet_count"].dtype == "int64"


def test_skip_keeps_the_good_rows_and_lists_the_skipped_ones(tmp_path) -> None:
    folder = copy_sample(tmp_path)
    rewrite_csv(folder / "accounts.csv", 2, "followers", "-5")
    rewrite_csv(folder / "coded.csv", 3, "tweet_id", "123")
    with pytest.raises(DataError, match='on_error="skip"'):
        attention.load_folder(folder)
    data = attention.load_folder(folder, on_error="skip")
    assert len(data.accounts) == sample_counts()["accounts"] - 1
    accounts_report, coded_report = data.reports[0], data.reports[3]
    assert accounts_report.skipped["row"].tolist() == [4]
    # line 5 names no tweet; the others are tweets of the account left out
    assert 5 in coded_report.skipped["row"].tolist()
    assert len(data.coded) == sample_counts()["coded"] - coded_report.rows_dropped
    assert accounts_report.rows_kept == len(data.accounts)


# --------------------------------------------------------------------------------------------
# The notebook
# --------------------------------------------------------------------------------------------


def stream_outputs(notebook, name: str) -> str:
    return "".join(
        output.get("text", "")
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream" and output.get("name") == name
    )


@pytest.fixture(scope="module")
def executed(run_notebook):
    return run_notebook(NOTEBOOK)


@pytest.fixture(scope="module")
def glued(executed) -> dict[str, object]:
    return glued_values(executed)


@pytest.mark.slow
def test_notebook_runs_cleanly_and_skips_the_embedding_cell(executed, glued) -> None:
    assert not stream_outputs(executed, "stderr")
    assert "Skipped: the embedding classifier" in stream_outputs(executed, "stdout")
    for name in (
        "fig_salience",
        "fig_confusion",
        "fig_followers",
        "fig_attenuation",
        "fig_null_worlds",
    ):
        assert isinstance(glued[name], dict) and "image/png" in glued[name], name


@pytest.mark.slow
def test_glued_counts_and_coder_agreement_match_the_simulation(glued, teaching) -> None:
    tweets, coded = teaching.tweets, teaching.coded
    assert text_of(glued, "n_agencies") == str(len(teaching.accounts))
    assert text_of(glued, "n_tweets") == f"{len(tweets):,}"
    per_agency = tweets["username"].value_counts()
    assert text_of(glued, "tweets_median") == f"{per_agency.median():.0f}"
    assert text_of(glued, "tweets_max") == f"{per_agency.max()}"
    agree = [a == b for a, b in zip(coded["coder_a"], coded["coder_b"], strict=True)]
    p_o = sum(agree) / len(agree)
    a, b = Counter(coded["coder_a"]), Counter(coded["coder_b"])
    p_e = sum(a[s] * b[s] for s in attention.STYLES) / len(agree) ** 2
    assert text_of(glued, "coder_agreement") == f"{p_o:.0%}"
    assert text_of(glued, "kappa") == f"{(p_o - p_e) / (1 - p_e):.2f}"


@pytest.mark.slow
def test_glued_baseline_matches_its_closed_form(glued, teaching) -> None:
    share = teaching.coded["label"].value_counts(normalize=True).max()
    assert text_of(glued, "baseline_accuracy") == f"{share:.0%}"
    assert text_of(glued, "baseline_macro_f1") == f"{2 * share / (1 + share) / 3:.2f}"
    assert float(text_of(glued, "clf_macro_f1")) > float(text_of(glued, "baseline_macro_f1")) + 0.4


@pytest.mark.slow
def test_glued_followers_ratios_match_an_independent_fit(glued, teaching) -> None:
    accounts, tweets = teaching.accounts, teaching.tweets
    weeks = (teaching.end - teaching.start).days / 7
    counts = tweets["username"].value_counts().reindex(accounts["username"]).to_numpy()
    age = (teaching.end - accounts["created_at"]).dt.total_seconds() / (365.25 * 86400)
    x = np.column_stack([np.log2(accounts["news_mentions_per_month"] + 1), age, counts / weeks])
    fit = sm.NegativeBinomial(accounts["followers"].to_numpy(), sm.add_constant(x)).fit(
        method="lbfgs", maxiter=5000, disp=0
    )
    for name, coef in zip(("irr_news", "irr_age", "irr_tpw"), fit.params[1:4], strict=True):
        assert float(text_of(glued, name)) == pytest.approx(math.exp(coef), abs=0.011), name


@pytest.mark.slow
def test_glued_interactive_ratio_with_true_styles_matches_an_independent_fit(
    glued, teaching
) -> None:
    tweets = teaching.tweets
    followers = tweets["username"].map(teaching.accounts.set_index("username")["followers"])
    x = np.column_stack(
        [
            tweets["style"].eq("interactive"),
            tweets["style"].eq("promotional"),
            np.log2(followers + 1),
            tweets["created_at"].dt.day_of_week >= 5,
        ]
    ).astype(float)
    fit = sm.NegativeBinomial(tweets["retweet_count"].to_numpy(), sm.add_constant(x)).fit(
        method="lbfgs", maxiter=5000, disp=0
    )
    assert float(text_of(glued, "irr_interactive_true")) == pytest.approx(
        math.exp(fit.params[1]), abs=0.011
    )
    assert text_of(glued, "planted_interactive") == "1.60"


@pytest.mark.slow
def test_glued_recovery_and_falsification_say_what_the_method_found(glued) -> None:
    true_irr = float(text_of(glued, "irr_interactive_true"))
    predicted_irr = float(text_of(glued, "irr_interactive_pred"))
    assert 1 < predicted_irr < true_irr  # attenuation
    assert float(text_of(glued, "irr_expected_diluted")) == pytest.approx(predicted_irr, abs=0.1)
    assert text_of(glued, "n_detected") == "4"
    assert int(text_of(glued, "n_covered")) >= 3
    assert text_of(glued, "n_reproduced") == "4 of 4"
    n_worlds = int(text_of(glued, "n_worlds"))
    assert text_of(glued, "null_intervals") == str(4 * n_worlds)
    assert text_of(glued, "null_single") in {
        "neither interval excludes 1",
        "both intervals exclude 1: a false alarm",
        "the interval with true styles excludes 1: a false alarm",
        "the interval with classifier styles excludes 1: a false alarm",
    }
    assert text_of(glued, "scorecard_reading").startswith("4 of 4 planted findings are recovered")
    closing = text_of(glued, "closing")
    assert text_of(glued, "long_closing") in text_of(glued, "scorecard_reading")
    calm = text_of(glued, "size_verdict").startswith(("none", "no rule"))
    assert ("more often than its 5% level promises" in closing) == (not calm)
    assert ("not never" in closing) == calm


@pytest.mark.slow
@pytest.mark.parametrize("folder", ["attention", "attention_bluesky", "attention_mastodon"])
def test_chapter_runs_on_the_sample_folder(run_notebook, folder) -> None:
    expected = sample_counts()
    notebook = run_notebook(NOTEBOOK, DATA_PATH=str(SAMPLE.parent / folder))
    glued = glued_values(notebook)
    assert text_of(glued, "n_agencies") == str(expected["accounts"])
    assert text_of(glued, "n_tweets") == f"{expected['tweets']:,}"
    assert text_of(glued, "coded_n") == f"{expected['coded']:,}"
    for truth_only in (
        "irr_interactive_true",
        "n_detected",
        "null_miss_rate",
        "all_accuracy",
        "size_verdict",
        "closing",
        "long_closing",
    ):
        assert truth_only not in glued
    assert "irr_interactive_pred" in glued and "n_reproduced" in glued
    reading = text_of(glued, "scorecard_reading")
    assert "reproduced on your data" in reading
    assert "simulated" not in reading and "construction" not in reading
    assert text_of(glued, "n_agencies") == str(expected["accounts"])
    assert not stream_outputs(notebook, "stderr")


@pytest.mark.slow
def test_chapter_without_coded_file_learns_from_simulated_coding(run_notebook, tmp_path) -> None:
    folder = tmp_path / "no_coding"
    folder.mkdir()
    for name in ("accounts.csv", "tweets.jsonl"):
        shutil.copy(SAMPLE / name, folder / name)
    notebook = run_notebook(NOTEBOOK, DATA_PATH=str(folder))
    assert "No coded.csv" in stream_outputs(notebook, "stdout")
    assert text_of(glued_values(notebook), "coded_n") == "1,000"
