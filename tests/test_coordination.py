"""Tests of govsocial.coordination: measures on hand-made data, the simulator, recovery and
falsification, the loaders (own data and the real tweet-ID archive), and the chapter notebook.

Expectations are computed by hand (tiny graphs and frames written out in the test), or by a
second, simpler method (plain ``re``, ``json``, ``zipfile``, ``networkx`` and ``pandas``), never
by calling the code under test twice. ``tests/data/coordination/`` holds a tiny own-data sample
of two fictional cities: Twitter API v2 responses (``tweets.jsonl``) and ``accounts.csv``.
"""

from __future__ import annotations

import json
import re
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from book_tools import ROOT, glued_values, text_of

from govsocial import coordination as co
from govsocial import io as gio
from govsocial import planted as method
from govsocial.schema import DataError

SAMPLE = ROOT / "tests" / "data" / "coordination"
ARCHIVE = ROOT / "data" / "covid_gov_tweet_ids" / "covid_gov_tweet_ids.zip"
NOTEBOOK = ROOT / "notebooks" / "coordination.ipynb"
SEED = 2022
EPOCH = datetime(2010, 11, 4, 1, 42, 54, 657000, tzinfo=UTC)  # Twitter's Snowflake epoch


def utc(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


def snowflake(moment: datetime, low_bits: int = 0) -> str:
    """A tweet ID for ``moment``, built by hand: milliseconds since the epoch, shifted 22 bits."""
    ms = (moment - EPOCH) // timedelta(milliseconds=1)
    return str((ms << 22) + low_bits)


# --------------------------------------------------------------------------------------------
# Snowflake decoding (the book's io.tweet_id_to_datetime, through this chapter's loader)
# --------------------------------------------------------------------------------------------


def test_hand_computed_ids_decode_to_their_times() -> None:
    # 1245604799606689794 = 296975326444 * 2**22 + 1314818: the time part is 296,975,326,444 ms
    # = 3437 days 05:08:46.444 after the epoch 2010-11-04 01:42:54.657 UTC,
    # i.e. 2020-04-02 06:51:41.101 UTC.
    assert 296_975_326_444 * 2**22 + 1_314_818 == 1245604799606689794
    assert timedelta(milliseconds=296_975_326_444) == timedelta(
        days=3437, hours=5, minutes=8, seconds=46, milliseconds=444
    )
    decoded = gio.tweet_id_to_datetime(["1245604799606689794"]).iloc[0]
    assert decoded == utc("2020-04-02 06:51:41.101")
    moments = [
        datetime(2020, 3, 11, 12, 0, tzinfo=UTC),
        datetime(2021, 2, 17, 23, 59, 59, 999000, tzinfo=UTC),
    ]
    ids = [snowflake(moments[0], low_bits=(5 << 12) + 17), snowflake(moments[1], 4_194_303)]
    decoded = gio.tweet_id_to_datetime(ids)
    assert [t.to_pydatetime() for t in decoded] == moments


def test_simulated_tweet_ids_are_snowflakes_of_their_creation_times() -> None:
    sim = co.simulate(7)
    ms = [(int(i) >> 22) + gio.TWITTER_EPOCH_MS for i in sim.tweets["tweet_id"]]
    expected = (sim.tweets["created_at"] - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(
        milliseconds=1
    )
    assert ms == expected.tolist()
    assert sim.tweets["tweet_id"].is_unique


# --------------------------------------------------------------------------------------------
# Network measures on hand-drawn graphs
# --------------------------------------------------------------------------------------------


def test_freeman_centralisation_of_a_star_is_one_and_of_regular_graphs_zero() -> None:
    assert co.freeman_centralisation(nx.star_graph(6)) == 1.0
    assert co.freeman_centralisation(nx.cycle_graph(7)) == 0.0
    assert co.freeman_centralisation(nx.complete_graph(5)) == 0.0
    assert np.isnan(co.freeman_centralisation(nx.path_graph(2)))


def test_freeman_centralisation_of_small_hand_computed_graphs() -> None:
    # path a-b-c-d: degrees 1, 2, 2, 1; sum of (2 - d) = 2; (n-1)(n-2) = 6 -> 1/3
    assert co.freeman_centralisation(nx.path_graph(4)) == pytest.approx(1 / 3)
    # star c-a, c-b, c-d plus a-b: degrees 3, 2, 2, 1 -> (0 + 1 + 1 + 2) / 6 = 2/3
    kite = nx.Graph([("c", "a"), ("c", "b"), ("c", "d"), ("a", "b")])
    assert co.freeman_centralisation(kite) == pytest.approx(2 / 3)
    # directed: a->b and b->a is one tie; with the isolate c: degrees 1, 1, 0 -> 1 / 2
    directed = nx.DiGraph([("a", "b"), ("b", "a")])
    directed.add_node("c")
    assert co.freeman_centralisation(directed) == pytest.approx(0.5)


def test_network_measures_of_a_hand_drawn_city() -> None:
    accounts = pd.DataFrame(
        {"account": ["h", "a", "b", "c"], "city": "X", "lead": [True, False, False, False]}
    )
    ties = pd.DataFrame({"city": "X", "source": ["a", "b", "h"], "target": ["h", "h", "a"]})
    row = co.network_measures(ties, accounts).iloc[0]
    assert row["agencies"] == 4 and row["ties"] == 3 and row["undirected_ties"] == 2
    assert row["density"] == pytest.approx(3 / 12)
    assert row["reciprocity"] == pytest.approx(2 / 3)  # a->h and h->a are returned
    assert row["lead_tie_share"] == pytest.approx(2 / 3)  # a->h, b->h
    assert row["isolated_share"] == pytest.approx(1 / 4)  # c
    # undirected degrees h 2, a 1, b 1, c 0 -> (0 + 1 + 1 + 2) / (3 * 2)
    assert row["centralisation"] == pytest.approx(4 / 6)
    assert row["hub"] == "h"


def test_random_centralisation_matches_the_enumeration_of_small_graphs() -> None:
    # Of the 20 graphs with 3 ties on 4 labelled nodes, 4 are stars (C = 1), 12 paths and 4
    # triangles with an isolate (both C = 1/3): mean 0.2 + 0.8 / 3.
    values = co.random_centralisation(4, 3, n_graphs=6000, seed=1)
    assert set(np.round(values, 6)) == {1.0, round(1 / 3, 6)}
    assert values.mean() == pytest.approx(0.2 + 0.8 / 3, abs=0.02)
    assert (co.random_centralisation(5, 10, n_graphs=10) == 0).all()
    with pytest.raises(ValueError):
        co.random_centralisation(3, 4)


def test_centralisation_band_flags_a_star_but_not_a_cycle() -> None:
    network = pd.DataFrame(
        {
            "city": ["star", "cycle"],
            "agencies": [8, 8],
            "undirected_ties": [7, 8],
            "centralisation": [1.0, 0.0],
        }
    )
    band = co.centralisation_band(network, n_graphs=500).set_index("city")
    assert bool(band.at["star", "hub_found"]) and not bool(band.at["cycle", "hub_found"])
    assert band.at["star", "p_value"] < 0.05 < band.at["cycle", "p_value"]


def test_interaction_ties_count_retweets_and_mentions_within_a_city() -> None:
    accounts = pd.DataFrame(
        {"account": ["A_Health", "A_Parks", "A_Mayor", "B_Health"], "city": ["A", "A", "A", "B"]}
    )
    tweets = pd.DataFrame(
        {
            "account": ["A_Parks", "A_Parks", "A_Mayor", "A_Mayor", "A_Mayor"],
            "is_retweet": [True, False, True, False, False],
            "text": [
                "RT @A_Health: thanks @A_Mayor",  # retweet of A_Health; the mention is not ours
                "With @a_health and @A_MAYOR today",  # two mentions, any case
                "RT @B_Health: other city",  # other city: not a tie
                "Hello @A_Mayor and @Nobody",  # self-mention and unknown handle: no tie
                "Thanks @A_Parks @A_Parks",  # one tie, two mentions
            ],
        }
    )
    ties = co.interaction_ties(tweets, accounts)
    got = {(r.source, r.target): (r.retweets, r.mentions) for r in ties.itertuples()}
    assert got == {
        ("A_Parks", "A_Health"): (1, 1),
        ("A_Parks", "A_Mayor"): (0, 1),
        ("A_Mayor", "A_Parks"): (0, 2),
    }


# --------------------------------------------------------------------------------------------
# Dictionary, adoption, attention and consistency on tiny frames
# --------------------------------------------------------------------------------------------


def test_flag_covid_matches_whole_words_in_any_case() -> None:
    texts = [
        "#COVID19 update",
        "Stay   home",
        "stay-home",
        "viruses",
        "computer virus",
        "Coronavirus facts",
        "Storytime",
    ]
    assert co.flag_covid(texts).tolist() == [True, True, False, False, True, True, False]
    assert co.flag_covid(["pandemic drill"], terms=["drill"]).tolist() == [True]


def test_precision_and_recall_by_hand() -> None:
    scores = co.precision_recall([True, True, True, False, False], [True, True, False, True, False])
    assert (scores["true_positives"], scores["false_positives"]) == (2, 1)
    assert (scores["false_negatives"], scores["true_negatives"]) == (1, 1)
    assert scores["precision"] == pytest.approx(2 / 3)
    assert scores["recall"] == pytest.approx(2 / 3)
    with pytest.raises(ValueError):
        co.precision_recall([True], [True, False])


def tiny_city() -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """One lead (h) and two agencies: p adopts on 2 March (after a lone January false alarm),
    q only retweets, and r never tweets about COVID-19."""
    accounts = pd.DataFrame(
        {"account": ["h", "p", "q", "r"], "city": "X", "lead": [True, False, False, False]}
    )
    rows = [
        ("h", "2020-02-03 15:00", "Stay home if sick, covid advice", False, True),
        ("h", "2020-02-04 15:00", "covid: wash hands", False, True),
        ("p", "2020-01-05 15:00", "computer virus warning", False, True),
        ("p", "2020-03-02 15:00", "Stay home if sick, covid advice", False, True),
        ("p", "2020-03-05 15:00", "parks closed covid", False, True),
        ("q", "2020-02-05 15:00", "RT @h: covid: wash hands", True, True),
        ("q", "2020-02-06 15:00", "RT @h: Stay home if sick", True, True),
        ("r", "2020-03-02 15:00", "Storytime today", False, False),
    ]
    tweets = pd.DataFrame(rows, columns=["account", "created_at", "text", "is_retweet", "covid"])
    tweets["created_at"] = pd.to_datetime(tweets["created_at"], utc=True)
    covid = tweets.pop("covid")
    return tweets, accounts, covid


def test_adoption_needs_two_covid_tweets_in_a_week_and_ignores_retweets() -> None:
    tweets, accounts, covid = tiny_city()
    rule = co.adoption_dates(tweets, accounts, covid).set_index("account")
    assert rule.at["h", "adopted_on"] == utc("2020-02-03")
    assert rule.at["p", "adopted_on"] == utc("2020-03-02")  # the January false alarm is alone
    assert rule.at["p", "lag_days"] == -9.0  # 2 March is 9 days before 11 March 2020
    assert pd.isna(rule.at["q", "adopted_on"])  # retweets only
    assert pd.isna(rule.at["r", "adopted_on"]) and np.isnan(rule.at["r", "lag_days"])
    first = co.adoption_dates(tweets, accounts, covid, min_tweets=1).set_index("account")
    assert first.at["p", "adopted_on"] == utc("2020-01-05")
    with pytest.raises(ValueError):
        co.adoption_dates(tweets, accounts, covid, min_tweets=0)


def test_adoption_curves_count_agencies_adopted_by_each_day() -> None:
    adoption = pd.DataFrame(
        {
            "city": ["X"] * 4,
            "adopted_on": pd.to_datetime(
                ["2020-03-01", "2020-03-03", "2020-03-03", None], utc=True
            ),
        }
    )
    curves = co.adoption_curves(adoption, start=utc("2020-02-29"), end=utc("2020-03-04"))
    assert curves["X"].tolist() == [0.0, 0.25, 0.25, 0.75, 0.75]


def test_covid_attention_is_the_weekly_share_of_own_tweets() -> None:
    tweets, accounts, covid = tiny_city()
    attention = co.covid_attention(tweets, accounts, covid).set_index("week")
    # week of Monday 2 March: p's two COVID-19 tweets and r's routine one; retweets excluded
    assert attention.at[utc("2020-03-02"), "tweets"] == 3
    assert attention.at[utc("2020-03-02"), "share"] == pytest.approx(2 / 3)
    assert utc("2020-02-03") in attention.index and len(attention) == 3


def test_message_consistency_compares_with_the_leads_messages_of_the_same_week() -> None:
    accounts = pd.DataFrame({"account": ["h", "p"], "city": "X", "lead": [True, False]})
    tweets = pd.DataFrame(
        {
            "account": ["h", "p", "p", "p"],
            "created_at": pd.to_datetime(
                ["2020-03-02", "2020-03-03", "2020-03-04", "2020-03-10"], utc=True
            ),
            "text": [
                "Testing site open covid",
                "Testing site open covid @h",
                "Libraries closed",
                "Testing site open covid",
            ],
            "is_retweet": False,
            "tweet_id": ["1", "2", "3", "4"],
        }
    )
    result = co.message_consistency(tweets, accounts, pd.Series([True] * 4)).set_index("tweet_id")
    assert result.at["2", "cosine"] == pytest.approx(1.0)  # same words; the @handle is dropped
    assert result.at["3", "cosine"] == pytest.approx(0.0)  # no word in common
    assert np.isnan(result.at["4", "cosine"])  # the lead posted nothing that week
    assert "1" not in result.index  # the lead's own messages are the reference


def test_agency_summary_and_city_estimates_by_hand() -> None:
    adoption = pd.DataFrame(
        {
            "account": ["h", "p", "q"],
            "city": "X",
            "lead": [True, False, False],
            "adopted_on": pd.to_datetime(["2020-02-01", "2020-03-01", "2020-03-21"], utc=True),
            "lag_days": [-39.0, -10.0, 10.0],
        }
    )
    consistency = pd.DataFrame(
        {"account": ["p", "p", "p", "q", "q"], "cosine": [0.9, 0.5, 0.1, 0.2, np.nan]}
    )
    agencies = co.agency_summary(adoption, consistency, echo_threshold=0.5).set_index("account")
    assert agencies.at["p", "consistency"] == pytest.approx(0.5)
    assert agencies.at["p", "echo_share"] == pytest.approx(2 / 3)  # 0.9 and 0.5 reach 0.5
    assert agencies.at["q", "covid_messages"] == 1 and agencies.at["h", "covid_messages"] == 0
    estimates = co.city_estimates(agencies.reset_index(), "lag_days").iloc[0]
    assert estimates["estimate"] == 0.0 and estimates["agencies"] == 2  # lead left out
    assert estimates["ci_low"] >= -10 and estimates["ci_high"] <= 10


def test_city_contrast_of_constant_cities_is_exact() -> None:
    agencies = pd.DataFrame(
        {"city": ["X"] * 3 + ["Y"] * 3, "lead": False, "lag": [7.0] * 3 + [2.0] * 3}
    )
    contrast = co.city_contrast(agencies, "lag", "X", "Y", statistic="median")
    assert (contrast["difference"], contrast["ci_low"], contrast["ci_high"]) == (5.0, 5.0, 5.0)
    assert not contrast["covers_zero"]


def test_fragmentation_index_is_the_mean_of_its_four_shares() -> None:
    network = pd.DataFrame({"city": ["X"], "isolated_share": [0.2], "centralisation": [0.6]})
    agencies = pd.DataFrame(
        {
            "city": "X",
            "lead": [True, False, False, False, False],
            "adopted_on": pd.to_datetime(
                ["2020-01-20", "2020-03-01", "2020-03-11", "2020-03-12", None], utc=True
            ),
            "consistency": [np.nan, 0.5, 0.3, 0.1, np.nan],
        }
    )
    row = co.fragmentation_index(network, agencies).iloc[0]
    # late: 12 March and never -> 2 of 4; inconsistency 1 - mean(0.5, 0.3, 0.1) = 0.7
    assert row["late_share"] == pytest.approx(0.5)
    assert row["inconsistency"] == pytest.approx(0.7)
    assert row["decentralisation"] == pytest.approx(0.4)
    assert row["fragmentation_index"] == pytest.approx((0.2 + 0.4 + 0.5 + 0.7) / 4)


def test_rhythm_correlations_match_numpy_on_the_common_days() -> None:
    days = pd.date_range("2020-01-01", periods=80, freq="D", tz="UTC")
    rng = np.random.default_rng(0)
    daily = pd.DataFrame(
        rng.poisson(5, size=(80, 3)).astype(float), index=days, columns=["a", "b", "c"]
    )
    daily.iloc[:20, 2] = np.nan  # c not covered on the first 20 days
    roles = pd.DataFrame(
        {
            "account": ["a", "b", "c"],
            "government": ["X", "X", "Y"],
            "role": ["leader", "government", "leader"],
        }
    )
    pairs = co.rhythm_correlations(daily, roles, min_days=30).set_index(["account_a", "account_b"])
    logged = np.log1p(daily)
    assert pairs.loc[("a", "c"), "days"] == 60
    expected = np.corrcoef(logged["a"][20:], logged["c"][20:])[0, 1]
    assert pairs.loc[("a", "c"), "r"] == pytest.approx(expected)
    assert bool(pairs.loc[("a", "b"), "same_government"])
    assert np.isnan(co.rhythm_correlations(daily, roles, min_days=70).iloc[1]["r"])


def test_same_government_test_difference_and_p_value() -> None:
    accounts = list("abcdef")
    government = dict(zip(accounts, "XXXYYY", strict=True))
    rows = []
    for i, a in enumerate(accounts):
        for b in accounts[i + 1 :]:
            same = government[a] == government[b]
            rows.append(
                {
                    "account_a": a,
                    "account_b": b,
                    "government_a": government[a],
                    "government_b": government[b],
                    "same_government": same,
                    "r": 0.8 if same else 0.1,
                }
            )
    result = co.same_government_test(pd.DataFrame(rows), n_permutations=999, seed=0)
    assert (result["same_pairs"], result["different_pairs"]) == (6, 9)
    assert result["difference"] == pytest.approx(0.7)
    # only the 2 labellings that keep the two groups (of 20) reach 0.7: p about 0.1
    assert 0.05 < result["p_value"] < 0.16


# --------------------------------------------------------------------------------------------
# The simulator
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def planted() -> co.CitySimulation:
    return co.simulate(SEED)


@pytest.fixture(scope="module")
def planted_analysis(planted) -> co.CityAnalysis:
    return co.analyse(planted.tweets, planted.accounts, seed=SEED)


def test_same_seed_gives_identical_frames_and_another_seed_different_ones(planted) -> None:
    again = co.simulate(SEED)
    for name in ("tweets", "accounts"):
        assert getattr(planted, name).equals(getattr(again, name))
    for name in ("labels", "latent_ties", "adoption", "cities"):
        assert getattr(planted.truth, name).equals(getattr(again.truth, name))
    hashes = pd.util.hash_pandas_object(planted.tweets, index=False)
    assert hashes.equals(pd.util.hash_pandas_object(again.tweets, index=False))
    other = co.simulate(SEED + 1)
    assert not planted.tweets.equals(other.tweets)


def test_simulated_cities_are_fictional_and_sized_as_the_issue_asks(planted) -> None:
    sizes = planted.accounts.groupby("city").size()
    assert sizes.index.tolist() == ["City A", "City B", "City C"]
    assert sizes.between(8, 15).all()
    assert co.simulate(1, scale="paper").accounts.groupby("city").size().between(8, 15).all()
    assert planted.accounts["account"].str.fullmatch(r"City[ABC]_\w+").all()
    assert (planted.accounts.groupby("city")["lead"].sum() == 1).all()
    times = planted.tweets["created_at"]
    assert times.min() >= utc("2020-01-01") and times.max() < utc("2020-06-01")
    assert times.is_monotonic_increasing


def test_each_agencys_true_adoption_day_is_its_first_true_covid_tweet(planted) -> None:
    frame = planted.tweets.merge(planted.truth.labels, on="tweet_id")
    own = frame[frame["is_covid"] & ~frame["is_retweet"]]
    first = own.groupby("account")["created_at"].min().dt.floor("D")
    truth = planted.truth.adoption.set_index("account")["adopted_on"]
    assert first.sort_index().equals(truth.sort_index())


def test_retweets_point_to_an_account_of_the_same_city(planted) -> None:
    retweets = planted.tweets[planted.tweets["is_retweet"]]
    target = retweets["text"].str.extract(r"^RT @(\w+):", expand=False)
    city_of = planted.accounts.set_index("account")["city"]
    assert target.notna().all()
    assert (target.map(city_of).to_numpy() == retweets["account"].map(city_of).to_numpy()).all()


def test_effects_none_makes_the_cities_alike_and_bad_effects_are_refused() -> None:
    params = co.city_parameters(co.Effects.none())
    for column in ("tie_base", "tie_to_hub", "tie_from_hub", "adoption_lag_days", "echo_share"):
        assert params[column].nunique() == 1, column
    with pytest.raises(ValueError, match="outside 0 to 1"):
        co.city_parameters(co.Effects(hub_ties=0.95))
    with pytest.raises(ValueError, match="scale"):
        co.simulate(1, scale="huge")  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# Recovery and falsification (teaching scale, the chapter's seed)
# --------------------------------------------------------------------------------------------


def test_dictionary_precision_and_recall_against_the_truth(planted) -> None:
    texts = planted.tweets["text"]
    # a second, plain implementation of the dictionary
    pattern = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in co.COVID_TERMS)
    plain = texts.str.contains(rf"(?<!\w)(?:{pattern})(?!\w)", case=False, regex=True)
    assert (co.flag_covid(texts) == plain).all()
    truth = planted.truth.labels["is_covid"].to_numpy()
    flagged = plain.to_numpy()
    assert (flagged & truth).sum() / flagged.sum() >= 0.95  # precision
    assert (flagged & truth).sum() / truth.sum() >= 0.90  # recall


def test_adoption_dates_are_recovered_agency_by_agency(planted, planted_analysis) -> None:
    measured = planted_analysis.adoption.set_index("account")["adopted_on"]
    truth = planted.truth.adoption.set_index("account")["adopted_on"]
    gap = (measured - truth).abs()
    assert (gap <= pd.Timedelta(days=3)).mean() >= 0.9


def test_every_planted_quantity_is_recovered(planted, planted_analysis) -> None:
    """Tolerances: centralisation within one tie of the hub (1/(n-1)); lead tie share, adoption
    lag and echo share inside their 95 % intervals (Wilson; bootstrap over agencies)."""
    table = co.recovery_table(planted_analysis, planted.truth)
    assert len(table) == 12
    assert table["recovered"].all(), table[~table["recovered"]]


def test_planted_hubs_are_found_and_the_fragmented_city_has_none(planted_analysis) -> None:
    network = planted_analysis.network.set_index("city")
    assert network["hub_found"].to_dict() == {"City A": True, "City B": True, "City C": False}
    assert network.at["City A", "hub"] == "CityA_Health"
    assert network.at["City B", "hub"] == "CityB_Mayor"
    assert network["density"].idxmin() == "City C"


def test_planted_contrasts_are_found_in_the_studys_direction(planted, planted_analysis) -> None:
    contrasts = co.contrast_table(planted_analysis, truth=planted.truth)
    a_minus_c = contrasts[contrasts["contrast"] == "City A - City C"].set_index("measure")
    assert a_minus_c.at["adoption lag (days)", "ci_high"] < 0  # City A adopted earlier
    assert a_minus_c.at["echo share", "ci_low"] > 0  # and echoed the lead more
    assert (contrasts["ci_low"] <= contrasts["planted"]).all()
    assert (contrasts["planted"] <= contrasts["ci_high"]).all()
    assert co.scorecard(planted_analysis)["supported"].all()
    index = planted_analysis.fragmentation.set_index("city")["fragmentation_index"]
    assert index["City A"] < index["City B"] < index["City C"]


def test_step_by_step_measures_equal_the_one_call_analysis(planted, planted_analysis) -> None:
    covid = co.flag_covid(planted.tweets["text"])
    adoption = co.adoption_dates(planted.tweets, planted.accounts, covid)
    assert adoption.equals(planted_analysis.adoption)
    ties = co.interaction_ties(planted.tweets, planted.accounts)
    assert ties.equals(planted_analysis.ties)


# --------------------------------------------------------------------------------------------
# How often would the method fool us? Power and size over many worlds (govsocial.planted)
# --------------------------------------------------------------------------------------------

N_WORLDS = 40  # planted worlds, and null worlds per rule


def test_each_null_world_switches_off_only_the_effect_under_test() -> None:
    planted = co.city_parameters(co.Effects())
    changed = {}
    for finding, effects in co.NULL_EFFECTS.items():
        null = co.city_parameters(effects)
        changed[finding] = {
            column
            for column in (
                "hub_role",
                "tie_base",
                "tie_to_hub",
                "tie_from_hub",
                "adoption_lag_days",
                "echo_share",
            )
            if not planted[column].equals(null[column])
        }
    hub, lag, echo = co.FINDINGS
    assert changed == {
        hub: {"hub_role", "tie_to_hub", "tie_from_hub"},
        lag: {"adoption_lag_days"},
        echo: {"echo_share"},
    }
    # the fragmented city stays sparse in every null world
    for effects in co.NULL_EFFECTS.values():
        assert co.city_parameters(effects).set_index("city").at["City C", "tie_base"] < 0.1
    assert [rule.finding for rule in co.RULES] == list(co.FINDINGS)
    with pytest.raises(ValueError, match="null world"):
        co.world(1, planted=False)


def test_a_world_gives_the_scorecards_evidence() -> None:
    sim = co.simulate(7)
    found = co.world(7)
    result = co.analyse(sim.tweets, sim.accounts, seed=7, n_graphs=200)
    card = co.scorecard(result, n_boot=1000)
    decisions = [rule.decide(found) for rule in co.RULES]
    assert decisions == card["supported"].tolist()


@pytest.fixture(scope="module")
def fooled() -> pd.DataFrame:
    return co.falsification(range(500, 500 + N_WORLDS))


@pytest.mark.many_worlds
@pytest.mark.slow
def test_each_rule_keeps_its_size_and_finds_the_planted_pattern(fooled) -> None:
    """Size within the binomial bound of its stated level, power at least about 90 %."""
    oc = method.operating_characteristics(fooled)
    assert oc["finding"].tolist() == list(co.FINDINGS)
    for row in oc.itertuples(index=False):
        assert row.null_worlds == row.planted_worlds == N_WORLDS
        alarms = round(row.size * N_WORLDS)
        assert alarms <= method.most_false_alarms(N_WORLDS, row.stated_level), row
        detections = round(row.power * N_WORLDS)
        assert detections >= method.fewest_detections(N_WORLDS, 0.9), row


@pytest.mark.many_worlds
@pytest.mark.slow
def test_the_lag_interval_covers_the_planted_difference(fooled) -> None:
    oc = method.operating_characteristics(fooled).set_index("finding")
    lag = oc.loc[co.FINDINGS[1]]
    assert lag["coverage_high"] >= 0.95  # the 95 % interval holds the planted 24 days
    assert abs(lag["bias"]) < 3  # days


# --------------------------------------------------------------------------------------------
# The page's sentences, true for their numbers at every seed
# --------------------------------------------------------------------------------------------

CLAIM_SEEDS = range(10)


@pytest.fixture(scope="module")
def analyses() -> dict[int, co.CityAnalysis]:
    out = {}
    for seed in CLAIM_SEEDS:
        sim = co.simulate(seed)
        out[seed] = co.analyse(sim.tweets, sim.accounts, seed=seed, n_graphs=200)
    return out


def test_the_city_claims_are_true_for_their_numbers_at_every_seed(analyses) -> None:
    seen = set()
    for seed, result in analyses.items():
        text = co.claims(result, n_boot=500)
        network = result.network.set_index("city")
        for city, row in network.iterrows():
            beyond = f"{city}'s network is centralised beyond chance" in text["network_claim"]
            assert beyond == (row["centralisation"] > row["band_high"]), (seed, city)
            seen.add(("hub", beyond))
        sparse = network["density"].idxmin()
        assert f"{sparse} has the sparsest network" in text["network_claim"]
        # attention shares from April, counted again
        weeks = result.attention
        april = weeks[weeks["week"] >= utc("2020-04-01")].groupby("city")["share"].mean()
        same = "of the same order" in text["attention_claim"]
        assert same == (april.max() <= 1.5 * april.min()), seed
        # the index: the least fragmented city, then each other city against it
        index = result.fragmentation.set_index("city")["fragmentation_index"]
        low = index.idxmin()
        shown = index.round(2)
        least = " and ".join(shown.index[shown == shown.min()])
        assert f"{least} {'is' if ' and ' not in least else 'are'} the least" in text["index_claim"]
        others = result.agencies[~result.agencies["lead"]]
        lag = others.groupby("city")["lag_days"].median()
        for city in index.index.drop(low):
            found = re.search(
                rf"Compared with {low}, {city}'s agencies adopted (later|earlier|at the same "
                rf"time) \(median lag ([+-][\d.]+) against ([+-][\d.]+) days from 11 March\) "
                rf"and echoed the lead health agency (more|less|as) often \(mean echo share "
                rf"([\d.]+) against ([\d.]+)\); its network (is|is not) centralised",
                text["index_claim"],
            )
            assert found, (seed, text["index_claim"])
            word, mine, theirs, echo_word, e_mine, e_theirs, hub = found.groups()
            assert float(mine) == lag[city] and float(theirs) == lag[low]
            expected = "later" if lag[city] > lag[low] else "earlier"
            assert word == (expected if lag[city] != lag[low] else "at the same time")
            a, b = float(e_mine), float(e_theirs)
            assert echo_word == ("more" if a > b else "less" if a < b else "as"), seed
            assert (hub == "is") == bool(network.at[city, "hub_found"])
            seen.add(("lag", word))
        # the width of the lag intervals, against the intervals themselves
        lags = co.city_estimates(
            result.agencies, "lag_days", statistic="median", seed=seed, n_boot=500
        )
        widths = (lags["ci_high"] - lags["ci_low"]).round()
        span = re.search(r"are (\d+)(?: to (\d+))? days wide", text["lag_claim"]).groups()
        assert int(span[0]) == widths.min() and int(span[1] or span[0]) == widths.max()
    assert ("hub", True) in seen and ("hub", False) in seen  # both kinds of sentence met


def test_the_rhythm_claim_says_more_only_when_the_numbers_do() -> None:
    tests = pd.DataFrame(
        {
            "mean_same": [0.4, 0.2, 0.3],
            "mean_different": [0.3, 0.3, 0.25],
            "p_value": [0.0005, 0.6, 0.2],
        },
        index=["daily posts (log)", "unusual days", "unusual days"],
    )
    first, second, third = (co.rhythm_claim(tests.iloc[[i]]) for i in range(3))
    assert "correlate more" in first and "p < 0.001" in first
    assert "more than shuffling the governments gives" in first
    assert "correlate less" in second and "no sign" in second
    assert "correlate more" in third and "shuffling the governments often gives too" in third


def test_the_fool_claim_reports_a_rule_above_its_level() -> None:
    oc = pd.DataFrame(
        {
            "finding": ["honest", "loose"],
            "power": [0.95, 1.0],
            "power_low": [0.84, 0.9],
            "size": [0.025, 0.3],
            "size_high": [0.13, 0.46],
            "stated_level": [0.05, 0.05],
            "size_above_level": [False, True],
            "planted_worlds": [40, 40],
            "null_worlds": [40, 40],
        }
    )
    text = co.fool_claim(oc)
    assert "2 of 2 rules find a planted effect reliably" in text
    assert "13 false alarms" in text  # 1 + 12
    assert "1 rule is fooled more often than its stated level: “loose”" in text
    assert "No rule is fooled" in co.fool_claim(oc.iloc[[0]])
    cover = pd.DataFrame(
        {
            "finding": ["lag", "echo"],
            "coverage": [0.97, 0.8],
            "coverage_low": [0.9, 0.7],
            "coverage_high": [0.99, 0.88],
        }
    )
    narrow, honest = co.coverage_claim(cover.iloc[[1]]), co.coverage_claim(cover.iloc[[0]])
    assert "too narrow" in narrow and "too narrow" not in honest
    assert "planted" in co.scorecard_claim(pd.DataFrame({"supported": [True]}), simulated=True)
    own = co.scorecard_claim(pd.DataFrame({"supported": [True]}), simulated=False)
    assert "simulat" not in own and "planted" not in own and "construction" not in own


# --------------------------------------------------------------------------------------------
# Own data: tweets.jsonl + accounts.csv
# --------------------------------------------------------------------------------------------


def sample_tweets() -> list[dict]:
    tweets, users = [], {}
    for line in (SAMPLE / "tweets.jsonl").read_text(encoding="utf-8").splitlines():
        response = json.loads(line)
        users.update({u["id"]: u["username"] for u in response["includes"]["users"]})
        tweets.extend(response["data"])
    return [{**t, "username": users[t["author_id"]]} for t in tweets]


def test_the_own_data_sample_loads(tmp_path) -> None:
    data = co.load_folder(SAMPLE)
    raw = sample_tweets()
    listed = [
        line.split(",")[0].lstrip("@")
        for line in (SAMPLE / "accounts.csv").read_text().splitlines()[1:]
    ]
    expected = [t for t in raw if t["username"] in listed]
    assert len(data.tweets) == len(expected) == len(raw) - 1
    assert data.report.dropped["author not in accounts.csv"] == 1
    assert sorted(data.accounts["account"]) == sorted(listed)  # the @ is removed
    assert data.tweets["is_retweet"].sum() == sum(t["text"].startswith("RT @") for t in expected)
    assert data.tweets["created_at"].is_monotonic_increasing


PLATFORM_SAMPLES = {
    "bluesky": ROOT / "tests" / "data" / "coordination_bluesky",
    "mastodon": ROOT / "tests" / "data" / "coordination_mastodon",
}


@pytest.mark.parametrize("platform", sorted(PLATFORM_SAMPLES))
def test_bluesky_and_mastodon_folders_give_the_twitter_sample_s_analysis(platform) -> None:
    # the fixtures are the Twitter sample in each platform's shapes (make_platform_fixtures.py)
    twitter = co.load_folder(SAMPLE)
    data = co.load_folder(PLATFORM_SAMPLES[platform])
    assert data.platform == platform and twitter.platform == "twitter"
    assert len(data.tweets) == len(twitter.tweets) == 45
    assert data.report.dropped["author not in accounts.csv"] == 1
    assert data.tweets["is_retweet"].tolist() == twitter.tweets["is_retweet"].tolist()
    assert any("counts when collected" in sentence for sentence in data.lacks)
    plain = {a.lower().split("@")[0].replace("-", "_").split(".")[0]: a
             for a in data.accounts["account"]}
    ties = co.interaction_ties(data.tweets, data.accounts)
    expected = co.interaction_ties(twitter.tweets, twitter.accounts)
    for name in ("source", "target"):
        ties[name] = ties[name].map({v: k for k, v in plain.items()})
        expected[name] = expected[name].str.lower()
    order = ["city", "source", "target"]
    pd.testing.assert_frame_equal(ties.sort_values(order, ignore_index=True),
                                  expected.sort_values(order, ignore_index=True),
                                  check_dtype=False)
    own = co.analyse(data.tweets, data.accounts, n_graphs=20)
    base = co.analyse(twitter.tweets, twitter.accounts, n_graphs=20)
    assert own.comparison["city"].tolist() == base.comparison["city"].tolist()
    assert own.covid.tolist() == base.covid.tolist()


def test_a_folder_of_two_platforms_or_a_missing_file_is_named(tmp_path) -> None:
    (tmp_path / "accounts.csv").write_text((SAMPLE / "accounts.csv").read_text())
    (tmp_path / "tweets.jsonl").write_text((SAMPLE / "tweets.jsonl").read_text())
    (tmp_path / "feed.jsonl").write_text("{}\n")
    with pytest.raises(DataError, match=r"more than one platform \(archival, bluesky\).*found "
                       r"accounts.csv, feed.jsonl, tweets.jsonl"):
        co.load_folder(tmp_path)
    (tmp_path / "tweets.jsonl").unlink()
    with pytest.raises(DataError, match="no profiles.jsonl"):
        co.load_folder(tmp_path)


@pytest.mark.parametrize(
    ("collection", "message"),
    [(None, "no collection.json"), ("[1]", "does not name the Mastodon server"),
     ("{server", "row 1.*not valid JSON")],
)
def test_a_mastodon_folder_needs_its_server(tmp_path, collection, message) -> None:
    for path in PLATFORM_SAMPLES["mastodon"].iterdir():
        if path.name != "collection.json":
            (tmp_path / path.name).write_bytes(path.read_bytes())
    if collection is not None:
        (tmp_path / "collection.json").write_text(collection)
    with pytest.raises(DataError, match=message):
        co.load_folder(tmp_path)


@pytest.mark.parametrize(
    ("platform", "handle"),
    [("bluesky", "City_D.bsky.social"), ("mastodon", "City D@gov.example"),
     ("twitter", "cityd-health.bsky.social")],
)
def test_a_handle_of_another_platform_is_refused(tmp_path, platform, handle) -> None:
    path = tmp_path / "accounts.csv"
    key = "account" if platform == "twitter" else "handle"
    path.write_text(f"{key},city,agency,lead\n{handle},X,H,true\n")
    with pytest.raises(DataError, match=f"row 2, column '{key}'.*{platform.title()}"):
        co.read_city_accounts(path, platform=platform)


def write_folder(tmp_path: Path, accounts: str, tweets: str | None = None) -> Path:
    (tmp_path / "accounts.csv").write_text(accounts, encoding="utf-8")
    (tmp_path / "tweets.jsonl").write_text(
        tweets if tweets is not None else (SAMPLE / "tweets.jsonl").read_text(), encoding="utf-8"
    )
    return tmp_path


def test_a_city_with_two_leads_is_refused_naming_row_and_column(tmp_path) -> None:
    folder = write_folder(
        tmp_path,
        "account,city,agency,lead\nCityD_Health,City D,Health,true\nCityD_Mayor,City D,Mayor,"
        "true\n",
    )
    with pytest.raises(DataError, match=r"row 2, column 'lead'.*exactly one lead"):
        co.load_folder(folder)


@pytest.mark.parametrize(
    ("accounts", "message"),
    [
        ("account,city,lead\nX_Health,X,true\n", r"missing column\(s\) 'agency'"),
        ("account,city,agency,lead\nX Health,X,H,true\n", r"row 2, column 'account'.*handle"),
        (
            "account,city,agency,lead\nX_Health,X,H,true\nx_health,X,H2,false\n",
            r"row 3, column 'account'.*twice",
        ),
        ("account,city,agency,lead\nX_Health,X,H,maybe\n", r"row 2, column 'lead'"),
    ],
)
def test_malformed_accounts_files_raise_data_error(tmp_path, accounts, message) -> None:
    with pytest.raises(DataError, match=message):
        co.read_city_accounts(write_folder(tmp_path, accounts) / "accounts.csv")


def test_missing_files_and_unlisted_authors_raise_data_error(tmp_path) -> None:
    with pytest.raises(DataError, match="no posts file of any platform"):
        co.load_folder(tmp_path)
    folder = write_folder(tmp_path, "account,city,agency,lead\nZ_Health,Z,Health,true\n")
    with pytest.raises(DataError, match="no post in tweets.jsonl is by an account"):
        co.load_folder(folder)
    (tmp_path / "tweets.jsonl").write_text("not json\n", encoding="utf-8")
    with pytest.raises(DataError, match="row 1.*not valid JSON"):
        co.load_folder(folder)


def test_a_missing_folder_or_a_file_given_for_the_folder_is_a_data_error(tmp_path) -> None:
    with pytest.raises(DataError, match="there is no folder at this path"):
        co.load_folder(tmp_path / "no_such_folder")
    with pytest.raises(DataError, match="this is a file, not a folder"):
        co.load_folder(SAMPLE / "accounts.csv")


def test_account_rows_after_a_blank_line_are_named_by_their_line(tmp_path) -> None:
    accounts = "account,city,agency,lead\nX_Health,X,H,true\n\nX Parks,X,P,false\n"
    with pytest.raises(DataError, match=r"row 4, column 'account'.*not a valid handle"):
        co.read_city_accounts(write_folder(tmp_path, accounts) / "accounts.csv")


def test_a_handle_listed_twice_names_both_lines(tmp_path) -> None:
    accounts = "account,city,agency,lead\nX_Health,X,H,true\nx_health,X,H2,false\n"
    with pytest.raises(DataError, match=r"row 3, column 'account'.*'x_health' \(line 2 has"):
        co.read_city_accounts(write_folder(tmp_path, accounts) / "accounts.csv")


def test_tweets_without_usernames_name_the_likely_cause(tmp_path) -> None:
    pages = [json.loads(line) for line in (SAMPLE / "tweets.jsonl").read_text().splitlines()]
    tweets = "".join(
        json.dumps({k: v for k, v in page.items() if k != "includes"}) + "\n" for page in pages
    )
    folder = write_folder(tmp_path, (SAMPLE / "accounts.csv").read_text(), tweets)
    with pytest.raises(DataError, match="expansions=author_id"):
        co.load_folder(folder)


def test_skip_leaves_out_bad_account_rows_and_lists_them(tmp_path) -> None:
    lines = (SAMPLE / "accounts.csv").read_text().splitlines()
    folder = write_folder(tmp_path, "\n".join([*lines, "Bad Handle,X,H,true"]) + "\n")
    with pytest.raises(DataError, match='on_error="skip"'):
        co.load_folder(folder)
    data = co.load_folder(folder, on_error="skip")
    assert len(data.accounts) == len(lines) - 1
    assert data.accounts_report.skipped["row"].tolist() == [len(lines) + 1]
    assert data.report.rows_kept == co.load_folder(SAMPLE).report.rows_kept


# --------------------------------------------------------------------------------------------
# The real tweet-ID archive
# --------------------------------------------------------------------------------------------


def make_zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


def test_the_zip_reader_decodes_drops_and_flags_as_it_says(tmp_path) -> None:
    t1 = datetime(2020, 3, 30, 10, 0, tzinfo=UTC)
    t2 = datetime(2020, 4, 2, 9, 30, tzinfo=UTC)
    id1, id2 = snowflake(t1, 7), snowflake(t2, 99)
    members = {
        "README.upstream.md": "# readme",
        "V1.00_update_2020_04_01/": "",
        "V1.00_update_2020_04_01/GOV_tweet_id/WHO_id.txt": f"{id1}\n\n1.2455e+18\n{id1}\n",
        "V1.01_update_0402_0408/GOV_tweet_id/WHO_id.txt": f"{id2}\n{id1}\n",
        "V1.01_update_0402_0408/GOV_tweet_id/rki_de_id.txt": "",
    }
    archive = co.read_covid_gov_tweet_ids(make_zip(tmp_path / "ids.zip", members))
    frame = archive.frame
    assert archive.report.rows_read == 6
    assert archive.report.dropped["blank line"] == 1
    assert archive.report.dropped["ID listed again for the same account"] == 2
    assert len(frame) == 3
    assert frame.set_index("tweet_id").loc[id2, "created_at"] == pd.Timestamp(t2)
    scientific = frame[frame["scientific_notation"]].iloc[0]
    assert scientific["tweet_id"] == "1245500000000000000"
    ms = (1_245_500_000_000_000_000 >> 22) + 1_288_834_974_657
    assert scientific["created_at"] == pd.Timestamp(ms, unit="ms", tz="UTC")
    files = archive.files.set_index(["release", "account"])
    assert files.at[("V1.01", "rki_de"), "ids"] == 0
    assert files.at[("V1.01", "WHO"), "release_start"] == utc("2020-04-02")
    coverage = co.account_coverage(archive).set_index("account")
    assert coverage.at["WHO", "first_day"] == utc("2020-03-31")  # the day after the oldest ID
    assert coverage.at["WHO", "last_day"] == utc("2020-04-08")


def test_release_years_roll_over_new_year(tmp_path) -> None:
    members = {
        f"{release}/GOV_tweet_id/WHO_id.txt": snowflake(datetime(2020, 12, 1, tzinfo=UTC), i)
        for i, release in enumerate(
            [
                "V1.00_update_2020_04_01",
                "V1.39_update_1224_1230",
                "V1.40_update_1231_0106",
                "V1.41_update_0107_0113",
            ]
        )
    }
    files = co.read_covid_gov_tweet_ids(make_zip(tmp_path / "ids.zip", members)).files
    dates = files.set_index("release")[["release_start", "release_end"]]
    assert dates.loc["V1.40"].tolist() == [utc("2020-12-31"), utc("2021-01-06")]
    assert dates.loc["V1.41"].tolist() == [utc("2021-01-07"), utc("2021-01-13")]


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"V1.00_update_2020_04_01/GOV_tweet_id/WHO.csv": "1"}, "unexpected file"),
        (
            {"V1.00_update_2020_04_01/GOV_tweet_id/WHO_id.txt": "123\nabc\n"},
            r"WHO_id\.txt, row 2, column 'tweet_id': this line is not a tweet ID",
        ),
        ({"V1.00_update_2020_04_01/GOV_tweet_id/WHO_id.txt": "1.5e+0\n"}, "not a whole"),
        (
            {
                "V1.00_update_2020_04_01/GOV_tweet_id/WHO_id.txt": "1245604799606689794\n",
                "V1.00_update_2020_04_01/GOV_tweet_id/rki_de_id.txt": "1245604799606689794\n",
            },
            "under two accounts",
        ),
        ({"README.md": "only a readme"}, "no ID files"),
    ],
)
def test_malformed_archives_raise_data_error(tmp_path, members, message) -> None:
    with pytest.raises(DataError, match=message):
        co.read_covid_gov_tweet_ids(make_zip(tmp_path / "ids.zip", members))


def test_a_file_that_is_not_a_zip_raises_data_error(tmp_path) -> None:
    (tmp_path / "ids.zip").write_text("not a zip")
    with pytest.raises(DataError, match="cannot open the archive"):
        co.read_covid_gov_tweet_ids(tmp_path / "ids.zip")


_WHO = "V1.00_update_2020_04_01/GOV_tweet_id/WHO_id.txt"
_CDC = "V1.01_update_0402_0408/GOV_tweet_id/CDCgov_id.txt"


def test_a_damaged_archive_raises_data_error_naming_it(tmp_path) -> None:
    # F2: a byte flipped in the compressed data let zlib.error through
    path = tmp_path / "ids.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_WHO, "1245604799606689794\n" * 50)
    data = bytearray(path.read_bytes())
    start = 30 + len(_WHO)  # the local header, then the compressed bytes
    data[start:start + 8] = b"JJJJJJJJ"
    path.write_bytes(bytes(data))
    with pytest.raises(DataError, match=r"ids\.zip.*damaged"):
        co.read_covid_gov_tweet_ids(path)


def test_a_folder_given_for_the_archive_raises_data_error(tmp_path) -> None:
    # F5: IsADirectoryError
    (tmp_path / "ids.zip").mkdir()
    with pytest.raises(DataError, match="a folder, not a file"):
        co.read_covid_gov_tweet_ids(tmp_path / "ids.zip")


def test_a_too_long_id_is_reported_with_its_member_and_line(tmp_path) -> None:
    # F3: no file named, and the row counted over the whole archive
    ids = [snowflake(datetime(2020, 4, 3, tzinfo=UTC), i) for i in range(6)]
    ids[4] = "100000000000000000000"
    members = {_WHO: "1245604799606689794\n" * 10, _CDC: "\n".join(ids) + "\n"}
    with pytest.raises(DataError) as caught:
        co.read_covid_gov_tweet_ids(make_zip(tmp_path / "ids.zip", members))
    assert caught.value.file.endswith(f"ids.zip:{_CDC}")
    assert caught.value.row == 5
    assert "fits 64 bits" in str(caught.value)


@pytest.mark.parametrize("text", ["", "\n\n  \n"])
def test_an_archive_without_any_id_is_refused(tmp_path, text) -> None:
    # F8: accepted with 0 rows and other dtypes
    with pytest.raises(DataError, match="holds no tweet IDs"):
        co.read_covid_gov_tweet_ids(make_zip(tmp_path / "ids.zip", {_WHO: text}))


def test_the_archive_lists_every_bad_line_or_skips_them(tmp_path) -> None:
    good = snowflake(datetime(2020, 3, 30, tzinfo=UTC), 1)
    members = {_WHO: f"{good}\nabc\n1.5e+0\n", _CDC: f"x{good}\n"}
    path = make_zip(tmp_path / "ids.zip", members)
    with pytest.raises(DataError, match='3 problems[\\s\\S]*on_error="skip"') as caught:
        co.read_covid_gov_tweet_ids(path)
    assert [p.row for p in caught.value.problems] == [2, 3, 1]
    archive = co.read_covid_gov_tweet_ids(path, on_error="skip")
    assert archive.frame["tweet_id"].tolist() == [good]
    skipped = archive.report.skipped
    assert skipped["row"].tolist() == [2, 3, 1]
    assert skipped["file"].str.endswith(_CDC).tolist() == [False, False, True]
    assert archive.report.rows_kept == 1


@pytest.fixture(scope="module")
def raw_archive() -> dict[str, list[str]]:
    """The real archive read with zipfile alone: member name -> non-blank lines."""
    with zipfile.ZipFile(ARCHIVE) as archive:
        return {
            name: [
                line.strip() for line in archive.read(name).decode().splitlines() if line.strip()
            ]
            for name in archive.namelist()
            if name.endswith("_id.txt")
        }


@pytest.fixture(scope="module")
def real_archive() -> co.TweetIdArchive:
    return co.read_covid_gov_tweet_ids()


def test_the_real_archive_loads_with_the_counts_of_a_plain_reading(raw_archive, real_archive):
    lines = [
        (name.split("/")[-1][: -len("_id.txt")], line)
        for name, found in raw_archive.items()
        for line in found
    ]
    unique = {(account, line) for account, line in lines}
    scientific = {pair for pair in unique if "e+" in pair[1]}
    assert real_archive.report.rows_read == len(lines)
    assert len(real_archive.frame) == len(unique)
    assert real_archive.report.dropped["ID listed again for the same account"] == len(lines) - len(
        unique
    )
    assert real_archive.frame["scientific_notation"].sum() == len(scientific)
    assert real_archive.frame["account"].nunique() == len({a for a, _ in unique}) == 35
    assert real_archive.frame["created_at"].max().date().isoformat() == "2021-02-17"


def test_every_account_of_the_archive_has_a_government_and_role(real_archive) -> None:
    roles = co.read_account_roles().frame
    assert set(roles["account"]) == set(real_archive.frame["account"])
    assert set(roles["role"]) == set(co.ROLE_NAMES)
    chosen = [
        "United States",
        "United Kingdom",
        "Germany",
        "France",
        "Italy",
        "Spain",
        "European Union",
        "WHO",
    ]
    assert set(chosen) <= set(roles["government"])


def test_coverage_starts_after_the_oldest_id_and_ignores_trailing_empty_weeks(
    raw_archive, real_archive
) -> None:
    coverage = co.account_coverage(real_archive).set_index("account")
    white_house = [
        int(i) for name, ids in raw_archive.items() if "/WhiteHouse_id" in name for i in ids
    ]
    oldest = EPOCH + timedelta(milliseconds=min(white_house) >> 22)
    assert coverage.at["WhiteHouse", "first_day"].date() == oldest.date() + timedelta(days=1)
    assert coverage.at["foreignoffice", "trailing_empty_weeks"] == 2
    assert coverage.at["foreignoffice", "last_day"] == utc("2020-08-26")
    daily = co.daily_posts(
        real_archive, coverage.reset_index(), start="2020-08-20", end="2020-08-31"
    )
    assert daily.loc[utc("2020-08-26") :, "foreignoffice"].iloc[1:].isna().all()
    assert daily["WHO"].notna().all()


# --------------------------------------------------------------------------------------------
# The chapter notebook
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def glued(run_notebook) -> dict[str, object]:
    return glued_values(run_notebook(NOTEBOOK))


@pytest.mark.slow
def test_chapter_executes_and_glues_every_figure(glued) -> None:
    for name in (
        "fig_adoption",
        "fig_attention",
        "fig_network",
        "fig_consistency",
        "fig_rhythm",
        "fig_pairs",
    ):
        assert isinstance(glued[name], dict) and "image/png" in glued[name], name


@pytest.mark.slow
def test_chapter_numbers_match_an_independent_computation(glued, planted) -> None:
    tweets = planted.tweets
    assert text_of(glued, "n_tweets") == f"{len(tweets):,}"
    assert text_of(glued, "n_accounts") == f"{len(planted.accounts)}"
    pattern = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in co.COVID_TERMS)
    flagged = tweets["text"].str.contains(rf"(?<!\w)(?:{pattern})(?!\w)", case=False)
    assert text_of(glued, "covid_flagged") == f"{flagged.mean():.0%}"
    truth = planted.truth.labels["is_covid"]
    precision = (flagged & truth).sum() / flagged.sum()
    assert text_of(glued, "dict_precision") == f"{precision:.2f}"
    # City A's ties to its health department, counted with plain string handling
    city_a = set(planted.accounts.loc[planted.accounts["city"] == "City A", "account"])
    pairs = set()
    for account, text, is_rt in tweets[["account", "text", "is_retweet"]].itertuples(index=False):
        if account not in city_a:
            continue
        handles = re.findall(r"^RT @(\w+):", text) if is_rt else re.findall(r"@(\w+)", text)
        pairs |= {(account, h) for h in handles if h in city_a and h != account}
    to_lead = sum(1 for _, target in pairs if target == "CityA_Health")
    assert text_of(glued, "lead_ties_A") == f"{to_lead / len(pairs):.0%}"
    graph = nx.Graph()
    graph.add_nodes_from(city_a)
    graph.add_edges_from(pairs)
    degrees = np.array([d for _, d in graph.degree()])
    n = len(degrees)
    centralisation = (degrees.max() - degrees).sum() / ((n - 1) * (n - 2))
    assert text_of(glued, "centralisation_A") == f"{centralisation:.2f}"
    assert text_of(glued, "recovered") == text_of(glued, "recovery_rows") == "12"
    assert text_of(glued, "supported") == "3"
    assert text_of(glued, "n_worlds") == "16"
    assert "worlds per rule" in text_of(glued, "fool_claim")
    assert "national announcements" not in text_of(glued, "rhythm_claim")


@pytest.mark.slow
def test_chapter_real_data_numbers_match_a_plain_reading(glued, raw_archive) -> None:
    lines = [
        (name.split("/")[-1][: -len("_id.txt")], line)
        for name, found in raw_archive.items()
        for line in found
    ]
    assert text_of(glued, "ids_kept") == f"{len(set(lines)):,}"
    assert text_of(glued, "ids_repeated") == f"{len(lines) - len(set(lines)):,}"
    assert text_of(glued, "ids_scientific") == f"{sum('e+' in i for _, i in set(lines)):,}"
    assert text_of(glued, "rhythm_accounts") == "33"
    white_house = [int(i) for account, i in lines if account == "WhiteHouse"]
    start = (EPOCH + timedelta(milliseconds=min(white_house) >> 22)).date() + timedelta(days=1)
    assert text_of(glued, "rhythm_start") == f"{start:%d %B %Y}"
    same, different = (
        float(text_of(glued, "levels_same")),
        float(text_of(glued, "levels_different")),
    )
    assert same > different


@pytest.mark.slow
@pytest.mark.parametrize(
    "folder", ["coordination", "coordination_bluesky", "coordination_mastodon"]
)
def test_chapter_runs_on_the_own_data_sample(run_notebook, folder) -> None:
    notebook = run_notebook(NOTEBOOK, DATA_PATH=str(SAMPLE.parent / folder))
    errors = [
        o for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"
    ]
    assert not errors
    values = glued_values(notebook)
    assert text_of(values, "n_accounts") == "8" and text_of(values, "n_cities") == "2"
    assert "dict_precision" not in values and "recovered" not in values
    assert "fool_claim" not in values
    for name in ("scorecard_claim", "network_claim", "index_claim"):
        assert not re.search("simulat|planted|by construction", text_of(values, name)), name
    assert text_of(values, "n_tweets") == f"{len(sample_tweets()) - 1:,}"
