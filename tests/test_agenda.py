"""Tests of govsocial.agenda: the simulator, each analysis step, own data, and the chapter.

Unit tests use small hand-made frames whose answers are worked out by hand in the test.
Recovery and falsification tests run the teaching-scale simulator and check the planted truth
against the estimates, with the tolerances stated in each test. Own-data tests compute their
expectations from tests/data/agenda with the csv and json modules. The notebook tests (marked
slow) execute the chapter and recompute its glued numbers with plain pandas and scipy.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from book_tools import text_of
from scipy import stats

from govsocial import agenda
from govsocial.agenda._common import _NEIGHBOURS
from govsocial.schema import DataError

SAMPLE = Path(__file__).parent / "data" / "agenda"
ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "agenda.ipynb"
SEED = 2022


@pytest.fixture(scope="module")
def sim() -> agenda.AgendaData:
    return agenda.simulate(SEED)


@pytest.fixture(scope="module")
def null() -> agenda.AgendaData:
    return agenda.simulate(SEED, effects=agenda.Effects.none())


def estimates(data: agenda.AgendaData) -> dict:
    posts = data.posts
    police = posts[posts["actor"] == "police"]
    return {
        "agendas": agenda.agenda_correlation(posts, n_boot=1000, seed=SEED),
        "divergence": agenda.share_gaps(posts, n_boot=1000, seed=SEED),
        "platforms": agenda.share_gaps(
            police, group="platform", first="Facebook", second="Twitter", n_boot=1000, seed=SEED
        ),
        "lags": agenda.lead_lag(agenda.daily_attention(posts)),
        "engagement": agenda.engagement_model(posts),
        "replies": agenda.reply_summary(posts),
    }


@pytest.fixture(scope="module")
def found(sim) -> dict:
    return estimates(sim)


@pytest.fixture(scope="module")
def found_null(null) -> dict:
    return estimates(null)


# --------------------------------------------------------------------------------------------
# The simulator
# --------------------------------------------------------------------------------------------


def test_same_seed_gives_identical_frames(sim):
    again = agenda.simulate(SEED)
    assert sim.posts.equals(again.posts)
    assert sim.reliability.equals(again.reliability)
    hashes = pd.util.hash_pandas_object(sim.posts, index=True)
    assert hashes.equals(pd.util.hash_pandas_object(again.posts, index=True))
    assert sim.truth.rank_correlation.equals(again.truth.rank_correlation)


def test_different_seeds_give_different_frames(sim):
    other = agenda.simulate(SEED + 1)
    assert not sim.posts["text"].equals(other.posts["text"])
    assert len(sim.posts) != len(other.posts) or not sim.posts.equals(other.posts)


def test_posts_have_the_documented_structure(sim):
    posts = sim.posts
    assert set(posts["actor"]) == {"police", "public"}
    assert set(posts["platform"]) == {"Facebook", "Twitter"}
    assert list(posts["department"].cat.categories) == list(agenda.DEPARTMENTS)
    assert posts["post_id"].is_unique
    police_ids = set(posts.loc[posts["actor"] == "police", "post_id"])
    public = posts[posts["actor"] == "public"]
    assert public["parent_id"].isin(police_ids).all()
    assert posts.loc[posts["actor"] == "police", "parent_id"].isna().all()
    # a comment's count of comments on the police post equals its rows
    comments = public.groupby("parent_id").size()
    counted = posts.set_index("post_id").loc[comments.index, "comments"]
    assert (counted.to_numpy() == comments.to_numpy()).all()
    assert str(posts["created_at"].dt.tz) == "UTC"
    local = posts["created_at"].dt.tz_convert(agenda.TIMEZONE)
    first = local[posts["actor"] == "police"].dt.date.min()
    assert str(first) == agenda.START_DAY
    replied = public["police_replied"].astype(bool)
    assert public.loc[replied, "reply_minutes"].gt(0).all()
    assert public.loc[~replied, "reply_minutes"].isna().all()


def test_department_names_are_the_invented_ones():
    for name in agenda.DEPARTMENTS:
        assert name.endswith(" PD")
    assert "Riverton" not in " ".join(agenda.DEPARTMENTS)


def test_paper_scale_has_tens_of_thousands_of_posts_in_the_mix_of_xu_et_al():
    paper = agenda.simulate(1, "paper")
    posts = paper.posts
    assert 40_000 <= len(posts) <= 100_000
    police = posts[posts["actor"] == "police"]
    facebook = (police["platform"] == "Facebook").mean()
    assert abs(facebook - 26_490 / (26_490 + 41_277)) < 0.03


def test_bad_settings_are_refused():
    with pytest.raises(ValueError, match="scale"):
        agenda.simulate(1, "huge")
    with pytest.raises(ValueError, match="coder_error"):
        agenda.simulate(1, coder_error=1.5)
    with pytest.raises(ValueError, match="reply_rates"):
        agenda.simulate(1, effects=agenda.Effects(reply_rates=(0.1, 0.2)))
    with pytest.raises(ValueError, match="engagement_irr"):
        agenda.simulate(1, effects=agenda.Effects(engagement_irr={"crime": 2.0}))
    with pytest.raises(ValueError, match="lag_topics"):
        agenda.simulate(1, effects=agenda.Effects(lag_topics=("weather",)))


def test_null_effects_plant_nothing(null):
    truth = null.truth
    assert (truth.rank_correlation == 0).all()
    assert (truth.engagement_irr == 1).all()
    assert truth.lag_days == 0 and truth.lag_topics == ()
    assert np.allclose(truth.twitter_minus_facebook, 0)
    assert truth.reply_rates.nunique() == 1
    # a flat public agenda: every topic 1/8 of the comments
    assert np.allclose(truth.public_shares, 1 / 8)


def test_planted_truth_follows_the_studys_directions(sim):
    truth = sim.truth
    assert (truth.rank_correlation > 0).all()
    assert (truth.engagement_irr > 1).any()
    assert truth.reply_rates.gt(0).all() and truth.reply_rates.nunique() == 5


def test_coding_errors_keep_a_flat_agenda_flat():
    # every topic is the neighbour of exactly two others, so errors move no share on average
    incoming = {code: 0.0 for code in agenda.TOPICS}
    for neighbours in _NEIGHBOURS.values():
        for other in neighbours:
            incoming[other] += 1 / len(neighbours)
    assert all(math.isclose(value, 1.0) for value in incoming.values())


# --------------------------------------------------------------------------------------------
# Analysis steps on hand-made frames
# --------------------------------------------------------------------------------------------


def test_topic_kappa_matches_the_formula_by_hand():
    sample = pd.DataFrame(
        {
            "coder_a": ["crime"] * 6 + ["safety tips"] * 4,
            "coder_b": ["crime"] * 5 + ["safety tips"] + ["safety tips"] * 3 + ["crime"],
        }
    )
    # crime vs rest: agree on 8 of 10; a says crime 6/10, b says crime 6/10
    p_o, p_e = 0.8, 0.6 * 0.6 + 0.4 * 0.4
    table = agenda.topic_kappas(sample).set_index("topic")
    assert table.loc["crime", "kappa"] == pytest.approx((p_o - p_e) / (1 - p_e))
    assert table.loc["crime", "agreement"] == pytest.approx(0.8)
    assert table.loc["all topics", "coded_a"] == 10


def test_topic_kappa_of_a_topic_no_one_used_is_not_computed():
    sample = pd.DataFrame({"coder_a": ["crime", "tips"], "coder_b": ["crime", "tips"]})
    assert set(agenda.topic_kappas(sample)["topic"]) == {"crime", "tips", "all topics"}
    with pytest.raises(ValueError, match="coder_b"):
        agenda.topic_kappas(pd.DataFrame({"coder_a": ["crime"]}))


def test_topic_shares_by_hand():
    posts = pd.DataFrame(
        {
            "department": ["B", "B", "B", "A"],
            "actor": "police",
            "topic": ["crime", "crime", "safety tips", "safety tips"],
        }
    )
    shares = agenda.topic_shares(posts, by=["department"]).set_index(["department", "topic"])
    assert shares.loc[("B", "crime"), "share"] == pytest.approx(2 / 3)
    assert shares.loc[("A", "crime"), "posts"] == 0


def test_agenda_correlation_matches_spearmans_formula():
    police = {"crime": 5, "safety tips": 4, "traffic": 3, "community": 2, "missing persons": 1}
    public = {"crime": 4, "safety tips": 5, "traffic": 3, "community": 1, "missing persons": 2}
    rows = [("police", t) for t, n in police.items() for _ in range(n)]
    rows += [("public", t) for t, n in public.items() for _ in range(n)]
    posts = pd.DataFrame(rows, columns=["actor", "topic"]).assign(department="A")
    # ranks differ by 1 for two pairs of topics: sum d^2 = 4, n = 5
    expected = 1 - 6 * 4 / (5 * (5**2 - 1))
    table = agenda.agenda_correlation(posts, n_boot=200, seed=1)
    assert table.loc[0, "rho"] == pytest.approx(expected)
    assert table.loc[0, "ci_low"] <= table.loc[0, "ci_high"]
    assert len(table) == 1  # one department: no pooled row


def test_agenda_correlation_adds_the_mean_over_departments():
    rows = []
    for department, order in (("A", ["crime", "tips", "traffic"]), ("B", ["tips", "crime"])):
        for actor in ("police", "public"):
            for weight, topic in enumerate(order[::-1], start=1):
                rows += [(department, actor, topic)] * weight
    posts = pd.DataFrame(rows, columns=["department", "actor", "topic"])
    table = agenda.agenda_correlation(posts, n_boot=100, seed=1)
    assert table["department"].tolist() == ["A", "B", "all departments (mean)"]
    assert table.loc[2, "rho"] == pytest.approx(table.loc[:1, "rho"].mean())


def test_share_gaps_and_chi_square_by_hand():
    posts = pd.DataFrame(
        {"platform": ["Facebook"] * 10 + ["Twitter"] * 10,
         "topic": ["crime"] * 3 + ["safety tips"] * 7 + ["crime"] * 6 + ["safety tips"] * 4}
    )
    gaps = agenda.share_gaps(
        posts, group="platform", first="Facebook", second="Twitter", n_boot=200, seed=1
    )
    table = gaps.table.set_index("topic")
    assert table.loc["crime", "gap"] == pytest.approx(0.3)
    # chi-square with Yates' correction (2 x 2): expected 4.5 crime and 5.5 tips per platform
    observed_expected = ((3, 4.5), (7, 5.5), (6, 4.5), (4, 5.5))
    statistic = sum((abs(o - e) - 0.5) ** 2 / e for o, e in observed_expected)
    assert gaps.p_value == pytest.approx(stats.chi2.sf(statistic, 1))
    with pytest.raises(ValueError, match="Twitter"):
        agenda.share_gaps(posts[posts["platform"] == "Facebook"], group="platform",
                          first="Facebook", second="Twitter")


def test_daily_attention_uses_local_days():
    posts = pd.DataFrame(
        {
            # 03:00 UTC on 5 January is 21:00 on 4 January in Chicago
            "created_at": pd.to_datetime(
                ["2016-01-04 18:00", "2016-01-05 03:00", "2016-01-06 18:00"], utc=True
            ),
            "actor": ["police", "police", "public"],
            "topic": ["crime", "safety tips", "safety tips"],
        }
    )
    attention = agenda.daily_attention(posts, timezone="America/Chicago")
    assert [str(day.date()) for day in attention.index] == [
        "2016-01-04", "2016-01-05", "2016-01-06"
    ]
    assert attention[("police", "crime")].tolist() == [0.5, 0.0, 0.0]
    assert attention[("public", "safety tips")].tolist() == [0.0, 0.0, 1.0]


def _lagged_attention(lag: int, days: int = 80, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    police = rng.random(days + lag)
    public = police[:days] + 0.05 * rng.random(days)  # public today = police lag days ago
    index = pd.date_range("2016-01-04", periods=days, name="day")
    return pd.DataFrame(
        {("police", "crime"): police[lag:], ("public", "crime"): public}, index=index
    )


def test_cross_correlation_peaks_at_the_built_in_lag():
    curve = agenda.cross_correlation(_lagged_attention(3), "crime", max_lag=5)
    assert int(curve.loc[curve["correlation"].idxmax(), "lag"]) == 3
    assert curve["correlation"].max() > 0.95


def test_lead_lag_finds_the_leader_and_not_the_follower():
    table = agenda.lead_lag(_lagged_attention(2), max_lag=5, granger_lag=3)
    row = table.iloc[0]
    assert row["peak_lag"] == 2
    assert row["police_leads_p"] < 1e-6
    assert row["public_leads_p"] > 0.01


def test_engagement_ratio_equals_the_ratio_of_topic_means():
    # one department, one platform: the fitted mean of each topic is its sample mean
    likes = {
        "safety tips": [2, 10, 0, 7, 1, 4],
        "crime": [20, 3, 15, 1, 9, 24],
        "missing persons": [0, 5, 1, 0, 4, 2],
    }
    rows = [(t, n) for t, values in likes.items() for n in values]
    posts = pd.DataFrame(rows, columns=["topic", "likes"]).assign(
        actor="police", department="A", platform="Facebook", shares=0, comments=0
    )
    result = agenda.engagement_model(posts)
    table = result.table.set_index("topic")
    assert result.reference == "safety tips"
    assert table.loc["crime", "irr"] == pytest.approx(72 / 24, rel=1e-4)
    assert table.loc["missing persons", "irr"] == pytest.approx(12 / 24, rel=1e-4)
    assert 0 < result.topic_p_value < 1


def test_engagement_reference_falls_back_to_the_most_frequent_topic():
    posts = pd.DataFrame(
        {"topic": ["a", "a", "a", "b", "b"], "likes": [1, 2, 3, 4, 6], "actor": "police",
         "department": "A", "platform": "Twitter", "shares": 0, "comments": 0}
    )
    assert agenda.engagement_model(posts).reference == "a"


def test_reply_summary_by_hand():
    posts = pd.DataFrame(
        {
            "department": ["A"] * 4 + ["B"] * 2 + ["A"],
            "actor": ["public"] * 6 + ["police"],
            "police_replied": [True, True, False, False, False, True, None],
            "reply_minutes": [30.0, 90.0, None, None, None, 10.0, None],
        }
    )
    table = agenda.reply_summary(posts).table.set_index("department")
    assert table.loc["A", "comments"] == 4 and table.loc["A", "replies"] == 2
    assert table.loc["A", "median_minutes"] == 60
    assert table.loc["A", "share_within_hour"] == 0.5
    # Wilson interval of 2 of 4 at 95%: centre 0.5, half-width z*sqrt(1/16+z^2/64)/(1+z^2/4)
    z = stats.norm.ppf(0.975)
    half = z * math.sqrt(0.25 / 4 + z**2 / 64) / (1 + z**2 / 4)
    assert table.loc["A", "ci_low"] == pytest.approx(0.5 - half)


def test_clustering_separates_distinct_vocabularies_and_maps_to_topics():
    texts = pd.Series(
        ["crash road closed", "road closed crash lanes", "detour crash road",
         "road crash detour lanes", "crash closed lanes", "road detour closed",
         "missing boy last seen", "last seen missing girl", "missing person seen",
         "girl last seen missing", "boy missing person", "person last seen"]
    )
    topics = pd.Series(["traffic"] * 6 + ["missing persons"] * 6)
    found = agenda.cluster_posts(texts, k_values=[2], min_df=1, seed=1)
    mapping = agenda.map_clusters(found.labels, topics)
    result = agenda.clustering_agreement(topics, found.labels, mapping)
    assert result.ari_topics == pytest.approx(1.0) and result.purity == 1.0
    assert sorted(mapping) == ["missing persons", "traffic"]
    tried = agenda.cluster_posts(texts, k_values=[2, 3, 4, 40], min_df=1, seed=1)
    assert tried.scores["k"].tolist() == [2, 3, 4]  # 40 > number of texts: skipped
    assert tried.k == tried.scores.loc[tried.scores["silhouette"].idxmax(), "k"]


def test_clustering_refuses_impossible_numbers_of_clusters():
    with pytest.raises(ValueError, match="clusters"):
        agenda.cluster_posts(["a road", "a road", "a road"], k_values=[2], min_df=1)


# --------------------------------------------------------------------------------------------
# Recovery and falsification at teaching scale
# --------------------------------------------------------------------------------------------


def test_coders_agree_well_on_every_topic(sim):
    kappas = agenda.topic_kappas(sim.reliability)
    assert kappas["kappa"].min() > 0.6
    assert kappas["kappa"].iloc[-1] > 0.8


def test_agenda_agreement_is_recovered(sim, found):
    """Tolerance: the mean's interval holds the planted mean; 4 of 5 departments' do."""
    table = found["agendas"].set_index("department")
    planted = sim.truth.rank_correlation
    inside = [
        table.loc[d, "ci_low"] <= planted[d] <= table.loc[d, "ci_high"] for d in planted.index
    ]
    assert sum(inside) >= 4
    mean = table.loc["all departments (mean)"]
    assert mean["ci_low"] <= planted.mean() <= mean["ci_high"]
    assert mean["ci_low"] > 0


def test_divergent_topics_and_platform_mixes_are_recovered(sim, found):
    """Tolerance: every topic's planted gap inside its 95% interval, or within 0.01 of it."""
    for gaps, planted in (
        (found["divergence"], sim.truth.public_minus_police),
        (found["platforms"], sim.truth.twitter_minus_facebook),
    ):
        table = gaps.table.set_index("topic")
        for topic, value in planted.items():
            low, high = table.loc[topic, ["ci_low", "ci_high"]]
            assert low - 0.01 <= value <= high + 0.01, topic
        assert gaps.p_value < 1e-6


def test_lead_lag_controls_for_same_day_attention():
    # public today = police today (same-day comments); police attention persists (AR 0.6):
    # yesterday's police attention predicts today's comments only through today's posts
    rng = np.random.default_rng(5)
    police = np.zeros(400)
    for day in range(1, 400):
        police[day] = 0.6 * police[day - 1] + rng.normal()
    public = police + 0.5 * rng.normal(size=400)
    index = pd.date_range("2016-01-04", periods=400, name="day")
    attention = pd.DataFrame({("police", "crime"): police, ("public", "crime"): public},
                             index=index)
    assert agenda.lead_lag(attention).loc[0, "police_leads_p"] > 0.01


# Power and size of the lag rule, binomially bounded: planted worlds against null worlds that
# switch off only the lag (same persistence of attention, same same-day comments).
N_LAG_WORLDS = 30


@pytest.fixture(scope="module")
def lag_worlds() -> pd.DataFrame:
    from govsocial import planted

    seeds = range(100, 100 + N_LAG_WORLDS)
    rules = agenda.RULES["lag"]
    planted_worlds = planted.run_worlds(
        lambda s, p: agenda.world(s, True, "lag"), [*rules, agenda.FALSE_LEAD], seeds,
        kinds=(True,))
    null_worlds = planted.run_worlds(
        lambda s, p: agenda.world(s, False, "lag"), [*rules, agenda.FALSE_LEAD], seeds,
        kinds=(False,))
    return pd.concat([planted_worlds, null_worlds], ignore_index=True)


@pytest.mark.many_worlds
def test_lag_rule_keeps_its_level_in_null_worlds(lag_worlds):
    from govsocial.planted import most_false_alarms

    null = lag_worlds[~lag_worlds["planted"]]
    for finding, group in null.groupby("finding"):
        assert group["found"].sum() <= most_false_alarms(N_LAG_WORLDS, 0.05), finding
    # topics without a planted lag, in the planted worlds: the same bound
    other = lag_worlds[lag_worlds["planted"]
                       & (lag_worlds["finding"] == agenda.FALSE_LEAD.finding)]
    assert other["found"].sum() <= most_false_alarms(N_LAG_WORLDS, 0.05)


@pytest.mark.many_worlds
def test_lag_rule_finds_the_strong_lags(lag_worlds):
    from govsocial.planted import fewest_detections

    found = lag_worlds[lag_worlds["planted"]].groupby("finding")["found"].sum()
    rules = {rule.finding.split(" on ")[1].split(" (")[0]: rule.finding
             for rule in agenda.RULES["lag"]}
    # measured over 40 worlds: traffic about 0.9, crime about 0.7, missing persons about 0.4
    assert found[rules["traffic"]] >= fewest_detections(N_LAG_WORLDS, 0.8)
    assert found[rules["crime"]] >= fewest_detections(N_LAG_WORLDS, 0.55)
    assert found[rules["missing persons"]] >= fewest_detections(N_LAG_WORLDS, 0.2)


# Intervals over many planted worlds: a 95% interval holds its planted value in about 95% of
# them (bounded binomially), whatever one seed shows. The worlds are shared with the claims test.
CLAIM_SEEDS = range(1, 13)


def test_engagement_and_reply_intervals_cover_the_planted_values():
    from govsocial.planted import fewest_detections

    truth = agenda.simulate(1).truth
    n = len(CLAIM_SEEDS)
    held = {}
    for seed in CLAIM_SEEDS:
        result = agenda.world(seed, True)
        table = result["engagement"].table.set_index("topic")
        for topic, value in truth.engagement_irr.drop("safety tips").items():
            inside = table.loc[topic, "ci_low"] <= value <= table.loc[topic, "ci_high"]
            held[topic] = held.get(topic, 0) + int(inside)
        replies = result["replies"].table.set_index("department")
        for department, rate in truth.reply_rates.items():
            inside = replies.loc[department, "ci_low"] <= rate <= replies.loc[
                department, "ci_high"]
            held[department] = held.get(department, 0) + int(inside)
    for name, count in held.items():
        assert count >= fewest_detections(n, 0.95), (name, count)


def test_reply_times_are_recovered(sim, found):
    table = found["replies"].table.set_index("department")
    medians = table["median_minutes"] / sim.truth.reply_median_minutes
    assert medians.between(0.7, 1.4).all()


def test_recovery_table_and_scorecard(sim, found):
    table = agenda.recovery_table(sim, **found)
    with_interval = table.dropna(subset=["ci_low", "ci_high"])
    inside = (with_interval["ci_low"] <= with_interval["planted"]) & (
        with_interval["planted"] <= with_interval["ci_high"])
    assert (with_interval["recovered"] == inside).all()
    lags = found["lags"].set_index("topic")
    for row in table[table["effect"].str.startswith("police lead public")].itertuples():
        topic = row.effect.split(", ")[1].split(" (")[0]
        assert row.recovered == (lags.loc[topic, "police_leads_p_holm"] < 0.05)
    card = agenda.scorecard(
        found["agendas"], found["divergence"], found["engagement"], found["replies"]
    )
    assert card["recovered"].all()


def test_claims_are_true_for_their_numbers_at_many_seeds():
    for seed in CLAIM_SEEDS:
        data = agenda.simulate(seed)
        result = agenda.world(seed, True)
        divergence = agenda.share_gaps(data.posts, n_boot=200, seed=seed)
        nposts = agenda.simulate(seed, effects=agenda.Effects.none()).posts
        null = agenda.falsification(
            agenda.agenda_correlation(nposts, n_boot=200, seed=seed),
            agenda.share_gaps(nposts[nposts["actor"] == "police"], group="platform",
                              first="Facebook", second="Twitter", n_boot=200, seed=seed),
            agenda.lead_lag(agenda.daily_attention(nposts)),
            agenda.engagement_model(nposts), agenda.reply_summary(nposts))
        recovery = agenda.recovery_table(data, result["agendas"], divergence,
                                         result["platforms"], result["lags"],
                                         result["engagement"], result["replies"])
        card = agenda.scorecard(result["agendas"], divergence, result["engagement"],
                                result["replies"])
        text = agenda.claims({**result, "recovery": recovery, "falsification": null,
                              "card": card})
        check_claims(text, result, recovery, null, card)


def check_claims(text, result, recovery, null, card):
    pooled = result["agendas"].iloc[-1]
    assert ("agree partly" in text["agenda_verdict"]) == (pooled["ci_low"] > 0)
    assert ("disagree" in text["agenda_verdict"]) == (pooled["ci_high"] < 0)
    assert ("more than chance" in text["platform_verdict"]) == (
        result["platforms"].p_value < 0.05)
    assert ("changes engagement" in text["engagement_verdict"]) == (
        result["engagement"].topic_p_value < 0.05)
    rates = result["replies"].table["reply_rate"]
    assert text["reply_verdict"].startswith("Every department") == bool((rates > 0).all())
    assert ("differ in how often" in text["reply_verdict"]) == (result["replies"].p_value < 0.05)
    lags = result["lags"]
    led = set(lags.loc[lags["police_leads_p_holm"] < 0.05, "topic"])
    sentence = text["lag_led"].split(" (Holm")[0]
    named = {t for t in lags["topic"] if t in sentence}
    assert named == led, (sentence, led)
    assert ("for no topic." in text["lag_led"]) == (
        (lags["public_leads_p_holm"] >= 0.05).all())
    weak = lags.sort_values("police_leads_p").iloc[-1]
    assert f"weakest evidence, {weak['topic']}," in text["lag_weak"]
    assert f"peaks {int(weak['peak_lag'])} day" in text["lag_weak"]
    if "far from significant" in text["lag_weak"]:
        assert weak["police_leads_p"] >= 0.2
    if "even its Holm-adjusted test is significant" in text["lag_weak"]:
        assert weak["police_leads_p_holm"] < 0.05
    departments = recovery[recovery["kind"] == "agenda"].iloc[:-1]
    assert ("the hardest" in text["rank_verdict"]) == (not departments["recovered"].all())
    found = recovery["recovered"]
    assert text["recovery_count"].startswith(f"{int(found.sum())} of {len(found)} ")
    assert text["null_verdict"].startswith("With every effect at zero, all") == bool(
        null["no_effect_found"].all())
    assert text["card_verdict"].startswith("All") == bool(card["recovered"].all())
    assert text["card_verdict"].endswith("they found nothing.") == bool(
        null["no_effect_found"].all())


@pytest.mark.parametrize("power, above", [(0.5, False), (0.95, True)])
def test_power_claim_follows_its_numbers(power, above):
    oc = pd.DataFrame({
        "finding": ["police attention leads the public's on crime (x)",
                    "police attention leads the public's on traffic (x)", "replies (x)"],
        "power": [power, 1.0, 1.0], "size_above_level": [False, False, above],
        "stated_level": [0.05] * 3,
    })
    text = agenda.power_claim(oc)
    assert "the one for crime has the least power" in text
    assert f"in {power:.0%} of" in text
    assert ("not detectable" in text) == (power < 0.8)
    assert ("No rule's size is clearly above" in text) == (not above)
    assert ("replies (x)" in text) == above
    oc["power_low"] = [0.3, 0.85, 0.7]
    assert "some of the time" in agenda.power_claim(oc)  # replies: 100%, interval below 80%
    oc["power_low"] = [0.3, 0.85, 0.85]
    assert "some of the time" not in agenda.power_claim(oc)


def test_falsification_finds_no_effect_when_none_is_planted(found_null):
    table = agenda.falsification(
        found_null["agendas"], found_null["platforms"], found_null["lags"],
        found_null["engagement"], found_null["replies"],
    )
    assert table["no_effect_found"].all(), table


@pytest.mark.parametrize("seed", [1, 2])
def test_falsification_on_other_seeds(seed):
    data = agenda.simulate(seed, effects=agenda.Effects.none())
    result = estimates(data)
    table = agenda.falsification(
        result["agendas"], result["platforms"], result["lags"], result["engagement"],
        result["replies"],
    )
    assert table["no_effect_found"].sum() >= 4  # five 5% tests: one false alarm is allowed


# --------------------------------------------------------------------------------------------
# Own data
# --------------------------------------------------------------------------------------------


def sample_counts() -> dict[str, int]:
    """What tests/data/agenda holds, read with csv and json."""
    with (SAMPLE / "departments.csv").open(newline="") as handle:
        departments = list(csv.DictReader(handle))
    pages = {row["facebook_page"].lower() for row in departments}
    handles = {row["twitter_username"].lstrip("@").lower() for row in departments}
    with (SAMPLE / "facebook_posts.csv").open(newline="", encoding="utf-8") as handle:
        facebook = [
            row for row in csv.DictReader(handle)
            if row["Message"].strip()
            and (row["User Name"].lower() in pages or row["Page Name"].lower() in pages)
        ]
    tweets, users = [], {}
    for line in (SAMPLE / "tweets.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            response = json.loads(line)
            tweets += response["data"]
            users.update({u["id"]: u["username"] for u in response["includes"]["users"]})
    police_ids = {t["author_id"] for t in tweets if users[t["author_id"]].lower() in handles}

    def kind(tweet, wanted):
        return any(r["type"] == wanted for r in tweet.get("referenced_tweets", []))

    public = [
        t for t in tweets
        if t["author_id"] not in police_ids and t.get("in_reply_to_user_id") in police_ids
    ]
    public_ids = {t["id"] for t in public}
    police_replies = [
        t for t in tweets
        if t["author_id"] in police_ids and kind(t, "replied_to")
        and t["referenced_tweets"][0]["id"] in public_ids
    ]
    police_tweets = [
        t for t in tweets
        if t["author_id"] in police_ids and not kind(t, "replied_to") and not kind(t, "retweeted")
    ]
    answered = {t["referenced_tweets"][0]["id"] for t in police_replies}
    return {
        "facebook": len(facebook),
        "police_tweets": len(police_tweets),
        "public": len(public),
        "answered": len(answered),
        "replies": len(police_replies),
    }


def test_own_data_sample_loads_with_the_expected_posts():
    expected = sample_counts()
    own = agenda.load_folder(SAMPLE)
    posts = own.posts
    counts = posts.groupby(["actor", "platform"]).size()
    assert counts[("police", "Facebook")] == expected["facebook"]
    assert counts[("police", "Twitter")] == expected["police_tweets"]
    assert counts[("public", "Twitter")] == expected["public"]
    assert int(posts["police_replied"].sum()) == expected["answered"]
    assert own.dropped["department replies to residents (counted as replies)"] == (
        expected["replies"]
    )
    assert own.dropped["Facebook posts of pages not in departments.csv"] == 1
    assert own.dropped["retweets by department accounts"] == 1
    assert own.dropped["tweets neither by nor replying to a department"] == 1
    assert len(own.reports) == 3
    assert posts["topic"].isna().all()
    assert posts.loc[posts["police_replied"].fillna(False), "reply_minutes"].gt(0).all()
    assert set(posts["department"]) == {"Brindlewick PD", "Quillfield PD"}


def test_own_data_reply_times_match_the_tweets():
    tweets = []
    for line in (SAMPLE / "tweets.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            tweets += json.loads(line)["data"]
    by_id = {t["id"]: t for t in tweets}
    reply = next(
        t for t in tweets
        if t["author_id"] in {"2001", "2002"} and t.get("referenced_tweets")
        and t["referenced_tweets"][0]["type"] == "replied_to"
        and by_id.get(t["referenced_tweets"][0]["id"], {}).get("author_id") not in {"2001", "2002"}
    )
    answered = by_id[reply["referenced_tweets"][0]["id"]]
    minutes = (
        pd.Timestamp(reply["created_at"]) - pd.Timestamp(answered["created_at"])
    ).total_seconds() / 60
    posts = agenda.load_folder(SAMPLE).posts.set_index("post_id")
    assert posts.loc[answered["id"], "reply_minutes"] == pytest.approx(minutes)


def copy_sample(folder: Path, skip: tuple[str, ...] = ()) -> Path:
    for path in SAMPLE.iterdir():
        if path.name not in skip:
            (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_own_data_needs_the_department_list(tmp_path):
    folder = copy_sample(tmp_path, skip=("departments.csv",))
    with pytest.raises(DataError, match="departments"):
        agenda.load_folder(folder)


def test_own_data_needs_some_posts(tmp_path):
    folder = copy_sample(tmp_path, skip=("facebook_posts.csv", "tweets.jsonl"))
    with pytest.raises(DataError, match="no posts"):
        agenda.load_folder(folder)


def test_own_data_runs_on_one_export_only(tmp_path):
    folder = copy_sample(tmp_path, skip=("tweets.jsonl",))
    posts = agenda.load_folder(folder).posts
    assert set(posts["platform"]) == {"Facebook"}


def test_own_data_refuses_a_department_listed_twice(tmp_path):
    folder = copy_sample(tmp_path)
    (folder / "departments.csv").write_text(
        "department,facebook_page,twitter_username\nA PD,a,a\nA PD,b,b\n"
    )
    with pytest.raises(DataError) as caught:
        agenda.load_folder(folder)
    assert caught.value.row == 3 and caught.value.column == "department"


def test_own_data_refuses_a_department_list_without_its_columns(tmp_path):
    folder = copy_sample(tmp_path)
    (folder / "departments.csv").write_text("department,page\nA PD,a\n")
    with pytest.raises(DataError) as caught:
        agenda.load_folder(folder)
    assert caught.value.column == "facebook_page"


def test_own_data_says_when_no_post_belongs_to_a_department(tmp_path):
    folder = copy_sample(tmp_path)
    (folder / "departments.csv").write_text(
        "department,facebook_page,twitter_username\nElsewhere PD,elsewhere,elsewhere\n"
    )
    with pytest.raises(DataError, match="departments.csv"):
        agenda.load_folder(folder)


def test_own_data_names_the_row_of_a_broken_export(tmp_path):
    folder = copy_sample(tmp_path)
    lines = (folder / "tweets.jsonl").read_text().splitlines()
    lines[1] = lines[1][:-5]
    (folder / "tweets.jsonl").write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError) as caught:
        agenda.load_folder(folder)
    assert caught.value.row == 2 and "tweets.jsonl" in str(caught.value)


def test_missing_folder_is_named(tmp_path):
    with pytest.raises(DataError, match="there is no folder at this path"):
        agenda.load_folder(tmp_path / "nowhere")


def test_own_data_two_departments_sharing_a_handle_are_named(tmp_path):
    folder = copy_sample(tmp_path)
    (folder / "departments.csv").write_text(
        "department,facebook_page,twitter_username\n"
        "Brindlewick PD,BrindlewickPD,BrindlewickPD\n\n"
        "Quillfield PD,Quillfield Police Department,@brindlewickpd\n"
    )
    with pytest.raises(DataError, match=r"row 4, column 'twitter_username'.*"
                       r"'Quillfield PD', already the account of 'Brindlewick PD' \(line 2\)"):
        agenda.load_folder(folder)
    own = agenda.load_folder(folder, on_error="skip")
    assert own.reports[0].skipped["row"].tolist() == [4]
    assert set(own.posts["department"]) == {"Brindlewick PD"}


def test_own_data_tweets_without_counts_are_left_out_and_counted(tmp_path):
    folder = copy_sample(tmp_path)
    lines = (folder / "tweets.jsonl").read_text().splitlines()
    number, page = next(
        (i, json.loads(x)) for i, x in enumerate(lines)
        if x.strip() and any(t["author_id"] in {"2001", "2002"} and not t.get("referenced_tweets")
                             for t in json.loads(x)["data"])
    )
    tweet = next(t for t in page["data"]
                 if t["author_id"] in {"2001", "2002"} and not t.get("referenced_tweets"))
    del tweet["public_metrics"]
    lines[number] = json.dumps(page)
    (folder / "tweets.jsonl").write_text("\n".join(lines) + "\n")
    own = agenda.load_folder(folder)
    assert own.dropped["tweets without counts (no public_metrics)"] == 1
    assert tweet["id"] not in set(own.posts["post_id"])
    expected = sample_counts()
    assert (own.posts["platform"] == "Twitter").sum() < expected["police_tweets"] + expected[
        "public"]


def test_own_data_tweets_without_usernames_name_the_likely_cause(tmp_path):
    folder = copy_sample(tmp_path)
    pages = [json.loads(x) for x in (folder / "tweets.jsonl").read_text().splitlines() if x]
    (folder / "tweets.jsonl").write_text("".join(
        json.dumps({k: v for k, v in page.items() if k != "includes"}) + "\n" for page in pages
    ))
    with pytest.raises(DataError, match="expansions=author_id"):
        agenda.load_folder(folder)


# --------------------------------------------------------------------------------------------
# Own data from Bluesky and Mastodon (tests/data/agenda_bluesky/, agenda_mastodon/: the
# archival sample's departments, residents and texts, written by make_fixtures.py there)
# --------------------------------------------------------------------------------------------

PLATFORM_SAMPLES = {
    "Bluesky": SAMPLE.parent / "agenda_bluesky",
    "Mastodon": SAMPLE.parent / "agenda_mastodon",
}


def copy_folder(source: Path, folder: Path, skip: tuple[str, ...] = ()) -> Path:
    for path in source.iterdir():
        if path.name not in skip and path.suffix != ".py":
            (folder / path.name).write_bytes(path.read_bytes())
    return folder


@pytest.mark.parametrize("platform", sorted(PLATFORM_SAMPLES))
def test_own_data_platform_folder_gives_the_archival_samples_posts(platform):
    expected = sample_counts()
    own = agenda.load_folder(PLATFORM_SAMPLES[platform])
    posts = own.posts
    counts = posts.groupby("actor").size()
    assert set(posts["platform"]) == {platform}
    assert counts["police"] == expected["facebook"] + expected["police_tweets"]
    assert counts["public"] == expected["public"]
    assert int(posts["police_replied"].sum()) == expected["answered"]
    assert own.dropped["department replies to residents (counted as replies)"] == (
        expected["replies"])
    assert own.dropped["reposts by department accounts"] == 1
    assert set(posts["department"]) == {"Brindlewick PD", "Quillfield PD"}
    archival = agenda.load_folder(SAMPLE).posts
    assert sorted(posts["reply_minutes"].dropna().round(6)) == sorted(
        archival["reply_minutes"].dropna().round(6))


@pytest.mark.parametrize("platform", sorted(PLATFORM_SAMPLES))
def test_own_data_platform_folder_runs_the_chapters_own_data_steps(platform):
    posts = agenda.load_folder(PLATFORM_SAMPLES[platform]).posts
    police = posts[posts["actor"] == "police"]
    clusters = agenda.cluster_posts(police["text"], range(4, 7), seed=SEED)
    names = agenda.cluster_names(clusters)
    posts = posts.assign(topic=clusters.assign(posts["text"]).map(names).astype("string"))
    agendas = agenda.agenda_correlation(posts, n_boot=20, seed=SEED)
    assert set(agendas["department"].iloc[:-1]) == {"Brindlewick PD", "Quillfield PD"}
    agenda.share_gaps(posts, n_boot=20, seed=SEED)
    attention = agenda.daily_attention(posts, timezone="America/Chicago")
    agenda.lead_lag(attention, max_lag=3, granger_lag=2)
    assert len(agenda.engagement_model(posts).table)
    assert len(agenda.reply_summary(posts).table) == 2


def test_own_data_mastodon_handles_match_in_any_case_with_or_without_the_server(tmp_path):
    folder = copy_folder(PLATFORM_SAMPLES["Mastodon"], tmp_path)
    text = (folder / "accounts.csv").read_text()
    (folder / "accounts.csv").write_text(
        text.replace("@BrindlewickPD,", "BRINDLEWICKPD@GOV.EXAMPLE,"))
    posts = agenda.load_folder(folder).posts
    assert (posts["department"] == "Brindlewick PD").any()


def test_own_data_a_folder_of_two_platforms_names_the_files(tmp_path):
    folder = copy_folder(PLATFORM_SAMPLES["Bluesky"], tmp_path)
    (folder / "tweets.jsonl").write_bytes((SAMPLE / "tweets.jsonl").read_bytes())
    with pytest.raises(DataError) as caught:
        agenda.load_folder(folder)
    message = str(caught.value)
    assert "more than one platform" in message
    assert "feed.jsonl" in message and "tweets.jsonl" in message
    assert "statuses.jsonl" in message  # what is expected


def test_own_data_a_folder_without_posts_names_what_is_expected(tmp_path):
    (tmp_path / "accounts.csv").write_text("handle,department\na.bsky.social,A PD\n")
    with pytest.raises(DataError, match="no posts file of any platform") as caught:
        agenda.load_folder(tmp_path)
    assert "feed.jsonl" in str(caught.value) and "collection.json" in str(caught.value)


def test_own_data_mastodon_without_its_collection_file_is_named(tmp_path):
    folder = copy_folder(PLATFORM_SAMPLES["Mastodon"], tmp_path, skip=("collection.json",))
    with pytest.raises(DataError, match="incomplete") as caught:
        agenda.load_folder(folder)
    assert caught.value.file.endswith("collection.json")


def test_own_data_mastodon_collection_without_a_server_is_named(tmp_path):
    folder = copy_folder(PLATFORM_SAMPLES["Mastodon"], tmp_path)
    (folder / "collection.json").write_text('{"handles": []}')
    with pytest.raises(DataError, match="server") as caught:
        agenda.load_folder(folder)
    assert caught.value.column == "server"


def test_own_data_platform_folder_needs_its_accounts_list(tmp_path):
    folder = copy_folder(PLATFORM_SAMPLES["Bluesky"], tmp_path, skip=("accounts.csv",))
    with pytest.raises(DataError, match="accounts"):
        agenda.load_folder(folder)


def test_own_data_platform_handle_listed_twice_names_both_lines(tmp_path):
    folder = copy_folder(PLATFORM_SAMPLES["Bluesky"], tmp_path)
    with (folder / "accounts.csv").open("a") as out:
        out.write("brindlewickpd.BSKY.social,Quillfield PD\n")
    with pytest.raises(DataError) as caught:
        agenda.load_folder(folder)
    assert caught.value.column == "handle" and "line 2" in str(caught.value)
    own = agenda.load_folder(folder, on_error="skip")
    assert len(own.reports[-1].skipped) == 1


def test_own_data_platform_folder_without_replies_says_why_it_cannot_run(tmp_path):
    folder = copy_folder(PLATFORM_SAMPLES["Bluesky"], tmp_path)
    pages = [json.loads(x) for x in (folder / "feed.jsonl").read_text().splitlines()]
    for page in pages:
        page["feed"] = [item for item in page["feed"]
                        if "reply" not in item["post"]["record"]]
    (folder / "feed.jsonl").write_text("".join(json.dumps(p) + "\n" for p in pages))
    with pytest.raises(DataError, match="public's replies") as caught:
        agenda.load_folder(folder)
    assert "accounts.csv" in str(caught.value)


def test_own_data_platform_folder_with_no_department_post_is_named(tmp_path):
    folder = copy_folder(PLATFORM_SAMPLES["Mastodon"], tmp_path)
    (folder / "accounts.csv").write_text("handle,department\nelsewhere@gov.example,X PD\n")
    with pytest.raises(DataError, match="no post belongs to a department") as caught:
        agenda.load_folder(folder)
    assert caught.value.file.endswith("statuses.jsonl")


def test_own_data_accounts_without_any_department_are_named(tmp_path):
    folder = copy_folder(PLATFORM_SAMPLES["Mastodon"], tmp_path)
    (folder / "accounts.csv").write_text("handle,department\nresident7000@town.example,\n")
    with pytest.raises(DataError, match="no account of accounts.csv belongs") as caught:
        agenda.load_folder(folder)
    assert caught.value.column == "department"


def test_own_data_accounts_list_that_is_a_folder_is_named(tmp_path):
    folder = copy_folder(PLATFORM_SAMPLES["Bluesky"], tmp_path, skip=("accounts.csv",))
    (folder / "accounts.csv").mkdir()
    with pytest.raises(DataError, match="this is a folder, not a file"):
        agenda.load_folder(folder)


def test_own_data_broken_post_is_named_by_line_and_id(tmp_path):
    folder = copy_folder(PLATFORM_SAMPLES["Bluesky"], tmp_path)
    lines = (folder / "feed.jsonl").read_text().splitlines()
    page = json.loads(lines[2])
    post = page["feed"][0]["post"]
    post["likeCount"] = "many"
    lines[2] = json.dumps(page)
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError) as caught:
        agenda.load_folder(folder)
    assert caught.value.row == 3 and post["uri"] in str(caught.value)
    own = agenda.load_folder(folder, on_error="skip")
    assert post["uri"] not in set(own.posts["post_id"])
    assert own.reports[0].skipped["row"].tolist() == [3]


# --------------------------------------------------------------------------------------------
# The chapter
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def glued(run_notebook) -> dict:
    from book_tools import glued_values

    return glued_values(run_notebook(NOTEBOOK))


@pytest.mark.slow
def test_chapter_executes_without_errors_or_warnings(run_notebook):
    notebook = run_notebook(NOTEBOOK)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error"
            assert output.get("name") != "stderr", output.get("text")


@pytest.mark.slow
def test_chapter_counts_match_a_plain_recount(glued, sim):
    posts = sim.posts
    assert text_of(glued, "n_police") == f"{(posts['actor'] == 'police').sum():,}"
    assert text_of(glued, "n_public") == f"{(posts['actor'] == 'public').sum():,}"
    police = posts[posts["actor"] == "police"]
    assert text_of(glued, "facebook_share") == f"{(police['platform'] == 'Facebook').mean():.0%}"


@pytest.mark.slow
def test_chapter_kappa_matches_sklearn(glued, sim):
    from sklearn.metrics import cohen_kappa_score

    sample = sim.reliability
    kappa = cohen_kappa_score(sample["coder_a"], sample["coder_b"])
    assert text_of(glued, "kappa_overall") == f"{kappa:.2f}"


@pytest.mark.slow
def test_chapter_rank_correlations_match_scipy(glued, sim):
    posts = sim.posts
    rhos = {}
    for department, group in posts.groupby("department", observed=True):
        counts = pd.crosstab(group["topic"], group["actor"]).reindex(
            list(agenda.TOPICS), fill_value=0
        )
        rhos[department] = stats.spearmanr(counts["police"], counts["public"]).statistic
    rhos = pd.Series(rhos)
    assert text_of(glued, "rho_high_dept") == rhos.idxmax()
    assert text_of(glued, "rho_high") == f"{rhos.max():.2f}"
    assert text_of(glued, "rho_mean") == f"{rhos.mean():.2f}"


@pytest.mark.slow
def test_chapter_divergence_and_replies_match_pandas(glued, sim):
    posts = sim.posts
    shares = pd.crosstab(posts["topic"], posts["actor"], normalize="columns")
    gap = shares["public"] - shares["police"]
    assert text_of(glued, "gap_up_topic") == gap.idxmax()
    assert text_of(glued, "gap_up") == f"{100 * gap.max():.1f}"
    public = posts[posts["actor"] == "public"]
    rates = public.groupby("department", observed=True)["police_replied"].mean()
    assert text_of(glued, "reply_high_dept") == rates.idxmax()
    assert text_of(glued, "reply_high") == f"{rates.max():.0%}"


@pytest.mark.slow
def test_chapter_recovers_and_falsifies(glued):
    assert text_of(glued, "recovery_count").startswith(
        f"{text_of(glued, 'n_recovered')} of {text_of(glued, 'n_effects')} ")
    assert text_of(glued, "n_null_found") == text_of(glued, "n_null_checks") == "5"
    assert text_of(glued, "null_verdict").startswith("With every effect at zero, all 5")
    assert text_of(glued, "n_worlds") == "8"
    assert {"crime", "traffic"} <= set(text_of(glued, "led_topics").split(" and "))
    for name in (
        "fig_silhouette", "fig_agenda_heatmap", "fig_agenda_scatter", "fig_cross_correlation",
        "fig_engagement", "fig_replies",
    ):
        assert isinstance(glued[name], dict) and "image/png" in glued[name], name


@pytest.mark.slow
def test_chapter_compares_two_platform_folders(run_notebook):
    from book_tools import glued_values

    folders = tuple(str(folder) for folder in PLATFORM_SAMPLES.values())
    notebook = run_notebook(NOTEBOOK, DATA_PATH=folders)
    errors = [
        output for cell in notebook.cells for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert not errors
    values = glued_values(notebook)
    assert text_of(values, "platform_first") == "Bluesky"
    assert text_of(values, "platform_second") == "Mastodon"
    expected = sample_counts()
    police = expected["facebook"] + expected["police_tweets"]
    assert text_of(values, "n_police") == f"{2 * police:,}"


@pytest.mark.slow
@pytest.mark.parametrize("folder", [SAMPLE, *PLATFORM_SAMPLES.values()],
                         ids=["archival", *PLATFORM_SAMPLES])
def test_chapter_runs_on_the_own_data_sample(run_notebook, folder):
    from book_tools import glued_values

    notebook = run_notebook(NOTEBOOK, DATA_PATH=str(folder))
    errors = [
        output for cell in notebook.cells for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert not errors
    expected = sample_counts()
    values = glued_values(notebook)
    police = expected["facebook"] + expected["police_tweets"]
    assert text_of(values, "n_police") == f"{police:,}"
    assert text_of(values, "n_public") == f"{expected['public']:,}"
    assert "kappa_overall" not in values and "n_recovered" not in values


# The clustering paragraph at many seeds: the clusters are fitted at one k (the page's search
# over k picks the largest at these seeds), so that ten seeds take seconds, not minutes.
@pytest.fixture(scope="module")
def clusterings():
    runs = []
    for seed in range(1, 11):
        posts = agenda.simulate(seed).posts
        police, public = posts[posts["actor"] == "police"], posts[posts["actor"] == "public"]
        clusters = agenda.cluster_posts(police["text"], [12], seed=seed)
        mapping = agenda.map_clusters(clusters.labels, police["topic"])
        machine = agenda.clustering_agreement(police["topic"], clusters.labels, mapping)
        comments = agenda.clustering_agreement(
            public["topic"], clusters.assign(public["text"]), mapping)
        runs.append((machine, comments, agenda.clustering_claims(machine, comments, 12)))
    return runs


def test_clustering_sentences_are_true_for_their_numbers_at_many_seeds(clusterings):
    for machine, comments, said in clusterings:
        table = machine.by_topic
        found = int((table["clusters"] > 0).sum())
        assert f"cover {found} of the {len(table)} coded topics" in said["cluster_police"]
        assert ("does well" in said["cluster_police"]) == (
            machine.purity >= 0.75 and machine.ari_topics >= 0.5)
        split = set(table.loc[table["clusters"] > 1, "topic"])
        if "splits" in said["cluster_police"]:
            named = said["cluster_police"].split("splits ")[1].split(" into")[0]
            assert {t for t in table["topic"] if t in named} == split
        missed = list(table.loc[table["clusters"] == 0, "topic"])
        assert ("misses no topic" in said["cluster_missed"]) == (not missed)
        for topic in missed:
            assert topic in said["cluster_missed"].split(",")[0] + said["cluster_missed"]
        fails = comments.purity < 0.5 or comments.ari_topics < 0.2
        assert said["cluster_comments"].startswith("On comments it fails") == fails
        assert f"purity {comments.purity:.0%}" in said["cluster_comments"]


def test_clustering_sentences_when_every_topic_is_found_and_comments_do_well():
    table = pd.DataFrame({"topic": ["crime", "traffic"], "posts": [10, 10],
                          "clusters": [1, 1], "recall": [1.0, 1.0],
                          "mostly_as": ["crime", "traffic"]})
    good = agenda.ClusterAgreement(0.9, 0.9, 0.95, table)
    said = agenda.clustering_claims(good, agenda.ClusterAgreement(0.8, 0.8, 0.9, table), 2)
    assert said["cluster_missed"].startswith("It misses no topic")
    assert "splits" not in said["cluster_police"]
    assert said["cluster_comments"].startswith("On comments it does about as well")
