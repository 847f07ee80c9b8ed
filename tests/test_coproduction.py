"""The coproduction chapter: simulator, network and reach measures, real-data readers, notebook.

Expectations are computed by hand on tiny hand-drawn graphs and cascades, or by a second,
simpler method (plain Python over the raw files) for the real data and the glued numbers.
"""

from __future__ import annotations

import csv
import json
import math
import re
import statistics
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from book_tools import ROOT, glued_values, text_of

from govsocial import coproduction, io
from govsocial.io.snowflake import TWITTER_EPOCH_MS
from govsocial.schema import DataError

SAMPLE = ROOT / "tests" / "data" / "coproduction"
NOTEBOOK = ROOT / "notebooks" / "coproduction.ipynb"
SANDY_CSV = (
    ROOT / "data" / "crisislex" / "CrisisLexT6" / "2012_Sandy_Hurricane"
    / "2012_Sandy_Hurricane-ontopic_offtopic.csv"
)
ACCOUNT_TABLE = ROOT / "data" / "crisislex" / "sandy_account_types.csv"
T26 = ROOT / "data" / "crisislex" / "CrisisLexT26"


def utc(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


def toy_accounts(**followers: int) -> pd.DataFrame:
    return pd.DataFrame({
        "account": list(followers),
        "name": None,
        "account_type": ["government" if a.startswith("gov") else "citizen" for a in followers],
        "role": "x",
        "followers": list(followers.values()),
    })


def toy_tweets(rows: list[tuple[str, str, str, str | None, str | None]]) -> pd.DataFrame:
    """(tweet_id, account, time, retweeted_id, retweeted_account) -> a TWEETS frame."""
    return pd.DataFrame({
        "tweet_id": [r[0] for r in rows],
        "account": [r[1] for r in rows],
        "created_at": [utc(r[2]) for r in rows],
        "text": "x",
        "retweeted_id": [r[3] for r in rows],
        "retweeted_account": [r[4] for r in rows],
    })


# --------------------------------------------------------------------------------------------
# The simulator
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def teaching() -> coproduction.CoproductionData:
    return coproduction.simulate(2022)


def test_same_seed_gives_identical_frames_and_another_seed_differs(teaching) -> None:
    again = coproduction.simulate(2022)
    other = coproduction.simulate(2023)
    assert teaching.tweets.equals(again.tweets) and teaching.accounts.equals(again.accounts)
    assert not teaching.tweets.equals(other.tweets)
    assert not teaching.accounts["followers"].equals(other.accounts["followers"])


def test_paper_scale_has_exactly_the_studys_132922_tweets() -> None:
    data = coproduction.simulate(1, "paper")
    assert len(data.tweets) == 132_922
    assert data.tweets["tweet_id"].is_unique


def test_simulated_accounts_are_fictional_and_valid_handles(teaching) -> None:
    government = teaching.accounts[teaching.accounts["account_type"] == "government"]
    expected = {a["account"] for a in coproduction.GOVERNMENT_ACCOUNTS}
    assert set(government["account"]) == expected and len(expected) == 7
    assert government["name"].str.contains("Harbor|Coastal|National").all()
    handles = teaching.accounts["account"]
    assert handles.str.fullmatch(r"\w{1,15}").all(), "Twitter handles have at most 15 characters"
    citizens = teaching.accounts.loc[teaching.accounts["account_type"] == "citizen", "followers"]
    assert citizens.max() > 20 * citizens.median(), "follower counts should be heavy-tailed"


def test_snowflake_ids_of_simulated_tweets_decode_to_their_times(teaching) -> None:
    decoded = io.tweet_id_to_datetime(teaching.tweets["tweet_id"])
    assert (decoded.to_numpy() == teaching.tweets["created_at"].dt.floor("ms").to_numpy()).all()


def test_snowflake_decoding_agrees_with_the_timestamps_crisislex_published() -> None:
    path = T26 / "2013_NY_train_crash" / "2013_NY_train_crash-tweetids_entire_period.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    for stamp, tweet_id, _ in rows[:200]:
        published = datetime.strptime(stamp.strip(), "%a %b %d %H:%M:%S %z %Y")
        by_hand = datetime.fromtimestamp(
            ((int(tweet_id.strip()) >> 22) + TWITTER_EPOCH_MS) / 1000, tz=UTC
        )
        assert abs((by_hand - published).total_seconds()) < 1
    decoded = io.tweet_id_to_datetime([r[1].strip() for r in rows[:200]])
    published = pd.to_datetime([r[0].strip() for r in rows[:200]], format="%a %b %d %H:%M:%S %z %Y")
    assert (abs(decoded.to_numpy() - published.tz_convert("UTC").to_numpy())
            < np.timedelta64(1, "s")).all()


def test_every_retweet_follows_its_parent_and_names_the_original_author(teaching) -> None:
    tweets = teaching.tweets
    by_id = tweets.set_index("tweet_id")
    rts = tweets[tweets["retweeted_id"].notna()]
    parent_time = by_id.loc[rts["retweeted_id"], "created_at"].to_numpy()
    assert (rts["created_at"].to_numpy() > parent_time).all()
    assert (rts["text"].str.extract(r"^RT @(\w+):")[0] == rts["retweeted_account"]).all()
    types = teaching.accounts.set_index("account")["account_type"]
    assert rts["account"].map(types).eq("citizen").all(), "only citizens retweet"


def test_null_world_lets_citizens_retweet_government_as_often_as_each_other() -> None:
    assert coproduction.Effects.none().amplification == coproduction.CITIZEN_AMPLIFICATION
    with pytest.raises(ValueError, match="amplification"):
        coproduction.Effects(amplification=0.5)
    data = coproduction.simulate(3, effects=coproduction.Effects.none())
    kinds = coproduction.tweet_kinds(data.tweets, data.accounts)
    assert (kinds == "retweet of government").sum() > 0, "the null keeps government retweets"
    assert (kinds == "retweet of citizen").sum() > 0
    nobody = coproduction.simulate(3, effects=coproduction.Effects(amplification=1.0))
    kinds = coproduction.tweet_kinds(nobody.tweets, nobody.accounts)
    assert (kinds == "retweet of government").sum() == 0


# --------------------------------------------------------------------------------------------
# Network measures on hand-drawn graphs
# --------------------------------------------------------------------------------------------


def test_star_hub_has_every_in_tie_all_betweenness_and_known_eigenvector() -> None:
    star = nx.DiGraph([(leaf, "hub") for leaf in "abcd"])
    nx.set_node_attributes(star, "citizen", "account_type")
    table = coproduction.centrality_table(star).set_index("account")
    assert table.loc["hub", "in_degree"] == 4 and table.loc["a", "in_degree"] == 0
    assert table.loc["hub", "betweenness"] == pytest.approx(1.0)
    assert table.loc["a", "betweenness"] == pytest.approx(0.0)
    # the leading eigenvector of a star with 4 leaves: hub 1/sqrt(2), each leaf 1/(2 sqrt(2))
    assert table.loc["hub", "eigenvector"] == pytest.approx(1 / math.sqrt(2), abs=1e-6)
    assert table.loc["c", "eigenvector"] == pytest.approx(1 / (2 * math.sqrt(2)), abs=1e-6)


def test_middle_of_a_retweet_chain_is_the_only_broker() -> None:
    chain = nx.DiGraph([("a", "b"), ("b", "c")])  # a retweeted b, b retweeted c
    nx.set_node_attributes(chain, "citizen", "account_type")
    table = coproduction.centrality_table(chain).set_index("account")
    assert table["betweenness"].to_dict() == pytest.approx({"a": 0.0, "b": 1.0, "c": 0.0})
    assert table["in_degree"].to_dict() == {"a": 0, "b": 1, "c": 1}


def test_retweet_network_weights_ties_and_drops_self_retweets() -> None:
    accounts = toy_accounts(gov=100, ann=10, bob=5)
    tweets = toy_tweets([
        ("1", "gov", "2012-10-29 10:00", None, None),
        ("2", "ann", "2012-10-29 10:01", "1", "gov"),
        ("3", "gov", "2012-10-29 11:00", None, None),
        ("4", "ann", "2012-10-29 11:05", "3", "gov"),
        ("5", "bob", "2012-10-29 11:06", "4", "gov"),
        ("6", "gov", "2012-10-29 11:07", "3", "gov"),
    ])
    graph = coproduction.retweet_network(tweets, accounts)
    assert sorted(graph.edges(data="weight")) == [("ann", "gov", 2), ("bob", "gov", 1)]
    assert graph.nodes["gov"]["account_type"] == "government"
    summary = coproduction.compare_centrality(coproduction.centrality_table(graph))
    assert summary.loc["government", "share_of_retweets"] == pytest.approx(1.0)


def test_louvain_splits_two_triangles_joined_by_one_tie() -> None:
    graph = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x"),
                        ("a", "x")])
    nx.set_node_attributes(graph, {v: "citizen" for v in "abcxyz"}, "account_type")
    graph.nodes["x"]["account_type"] = "government"
    table, modularity = coproduction.communities(graph, seed=1)
    assert table["accounts"].tolist() == [3, 3]
    assert sorted(table["government_accounts"]) == ["", "x"]
    # by hand: m = 7 ties, each triangle holds 3 ties and degree sum 7
    assert modularity == pytest.approx(2 * (3 / 7 - (7 / 14) ** 2))


# --------------------------------------------------------------------------------------------
# Cascades, reach and agility on hand-made cascades
# --------------------------------------------------------------------------------------------


def test_cascade_size_depth_and_first_retweet_by_hand() -> None:
    accounts = toy_accounts(gov=100, ann=10, bob=5, cat=1)
    tweets = toy_tweets([
        ("1", "gov", "2012-10-29 10:00", None, None),
        ("2", "ann", "2012-10-29 10:05", "1", "gov"),
        ("3", "bob", "2012-10-29 10:20", "2", "gov"),
        ("4", "cat", "2012-10-29 10:30", "1", "gov"),
        ("5", "ann", "2012-10-29 12:00", None, None),
        ("6", "bob", "2012-10-29 12:30", "999", "someone"),  # original not in the data
    ])
    table = coproduction.cascades(tweets, accounts).set_index("tweet_id")
    assert table.loc["1", ["retweets", "depth"]].tolist() == [3, 2]
    assert table.loc["1", "first_retweet_minutes"] == pytest.approx(5.0)
    assert table.loc["5", ["retweets", "depth"]].tolist() == [0, 0]
    assert math.isnan(table.loc["5", "first_retweet_minutes"])
    assert set(table.index) == {"1", "5"}


def test_reach_and_agility_of_one_message_by_hand() -> None:
    accounts = toy_accounts(gov=100, ann=300, bob=100)
    tweets = toy_tweets([
        ("1", "gov", "2012-10-29 10:00", None, None),
        ("2", "ann", "2012-10-29 10:00", "1", "gov"),
        ("3", "bob", "2012-10-29 11:00", "2", "gov"),
        ("4", "ann", "2012-10-29 12:00", "1", "gov"),  # a second retweet by ann adds nobody
        ("5", "gov", "2012-10-29 12:30", "1", "gov"),  # nor does the agency's own retweet
    ])
    row = coproduction.message_reach(tweets, accounts, attention_hours=1.0).iloc[0]
    assert row[["direct_audience", "retweet_audience", "final_audience"]].tolist() == [
        100, 400, 500
    ]
    assert row["amplification"] == pytest.approx(5.0)
    assert row["first_retweet_minutes"] == pytest.approx(0.0)
    # before 1 h only gov's and ann's followers look: 400 (1 - exp(-t)) = 50, then = 250
    assert row["hours_to_half_direct"] == pytest.approx(-math.log(1 - 50 / 400), abs=1e-6)
    assert row["hours_to_half_final"] == pytest.approx(-math.log(1 - 250 / 400), abs=1e-6)


def test_without_retweets_half_the_followers_takes_attention_times_ln2() -> None:
    accounts = toy_accounts(gov=100)
    tweets = toy_tweets([("1", "gov", "2012-10-29 10:00", None, None)])
    row = coproduction.message_reach(tweets, accounts, attention_hours=2.0).iloc[0]
    assert row["amplification"] == 1.0 and row["retweets"] == 0
    assert row["hours_to_half_direct"] == pytest.approx(2 * math.log(2), abs=1e-6)
    curves = coproduction.audience_curves(tweets, accounts, hours=[0, 2 * math.log(2)],
                                          attention_hours=2.0)
    assert curves["with_retweets"].tolist() == pytest.approx([0.0, 0.5])


def test_bootstrap_ratio_of_a_constant_ratio_is_exact() -> None:
    assert coproduction.bootstrap_ratio([2, 4, 6], [1, 2, 3]) == (2.0, 2.0, 2.0)
    estimate, low, high = coproduction.bootstrap_ratio([1, 5, 2, 8], [1, 1, 1, 1], seed=3)
    assert estimate == 4.0 and low <= estimate <= high


def test_tweet_kinds_and_hourly_volume_by_hand() -> None:
    accounts = toy_accounts(gov=100, ann=10)
    tweets = toy_tweets([
        ("1", "gov", "2012-10-29 10:05", None, None),
        ("2", "ann", "2012-10-29 10:10", "1", "gov"),
        ("3", "ann", "2012-10-29 12:00", None, None),
        ("4", "zed", "2012-10-29 12:30", "3", "ann"),
    ])
    kinds = coproduction.tweet_kinds(tweets, accounts).tolist()
    assert kinds == list(coproduction.KINDS)
    hourly = coproduction.volume(tweets, accounts)
    assert hourly.sum().tolist() == [1, 1, 1, 1]
    assert hourly.index.size == 3  # 10:00, 11:00 (empty) and 12:00


# --------------------------------------------------------------------------------------------
# Recovery and falsification at teaching scale
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [2022, 7])
def test_planted_amplification_delay_and_agility_are_recovered(seed: int) -> None:
    data = coproduction.simulate(seed)
    reach = coproduction.message_reach(data.tweets, data.accounts)
    table = coproduction.recovery_table(data, reach, seed=seed)
    amp, citizens, relative, delay, hour = (table.iloc[i] for i in range(5))
    assert abs(amp["estimate"] - 3.0) < 0.3, "amplification within 10% of the planted 3"
    assert abs(citizens["estimate"] - coproduction.CITIZEN_AMPLIFICATION) < 0.15
    assert relative["ci_low"] > 1.5
    assert abs(delay["estimate"] - 20.0) < 2.0, "mean retweet delay within 2 minutes"
    assert hour["ci_low"] > 1.2, "more first-hour audience than citizens' own tweets"
    card = coproduction.scorecard(table)
    assert list(card.columns) == ["finding", "what we found", "recovered (planted)"]
    assert (card["recovered (planted)"] == "yes").all()


def test_null_world_is_still_amplified_but_not_more_than_citizens() -> None:
    table = coproduction.falsification(2022)
    amp, relative, hour = table.iloc[0], table.iloc[2], table.iloc[4]
    assert amp["ci_low"] > 1.2, "government is still retweeted in the null world"
    assert relative["ci_low"] <= 1.0 <= relative["ci_high"]
    assert hour["ci_low"] <= 1.0 <= hour["ci_high"]
    assert table["recovered"].all()


def test_comparison_with_citizens_by_hand() -> None:
    accounts = toy_accounts(gov=100, a=300, b=50, c=10)
    tweets = toy_tweets([
        ("1", "gov", "2012-10-29 10:00", None, None),
        ("2", "a", "2012-10-29 10:00", "1", "gov"),  # gov: (100 + 300) / 100 = 4
        ("3", "b", "2012-10-29 11:00", None, None),
        ("4", "c", "2012-10-29 11:00", "3", "b"),  # citizen: (50 + 10) / 50 = 1.2
    ])
    result = coproduction.compare_with_citizens(tweets, accounts, n_boot=50)
    assert result.government_amplification == pytest.approx((4.0, 4.0, 4.0))
    assert result.citizen_amplification == pytest.approx((1.2, 1.2, 1.2))
    assert result.relative_reach[0] == pytest.approx(4.0 / 1.2)
    hour = 1 - math.exp(-1)  # everyone posted at once: each audience reached alike
    assert result.government_first_hour[0] == pytest.approx(4.0 * hour)
    assert result.relative_first_hour[0] == pytest.approx(4.0 / 1.2)


N_SIZE_WORLDS = 30


@pytest.mark.many_worlds
@pytest.mark.slow
def test_power_and_size_of_the_rules_are_bounded_binomially() -> None:
    from govsocial import planted

    oc = coproduction.operating_characteristics(range(N_SIZE_WORLDS), n_boot=300)
    oc = oc.set_index("finding")
    reach, hour, weak = coproduction.RULES
    for rule in (reach, hour):
        row = oc.loc[rule.finding]
        false_alarms = round(row["size"] * row["null_worlds"])
        detections = round(row["power"] * row["planted_worlds"])
        assert false_alarms <= planted.most_false_alarms(N_SIZE_WORLDS, rule.level)
        assert detections >= planted.fewest_detections(N_SIZE_WORLDS, 0.9)
    # the weak rule is fooled in the null world, and the page says so
    assert oc.loc[weak.finding, "size_above_level"]
    assert oc.loc[weak.finding, "size"] > 0.9


def _numbers(seed: int) -> dict[str, float]:
    """Every number the chapter's sentences depend on, computed with the package."""
    data = coproduction.simulate(seed)
    tweets, accounts = data.tweets, data.accounts
    kinds = coproduction.tweet_kinds(tweets, accounts)
    before = tweets["created_at"] < data.landfall
    graph = coproduction.retweet_network(tweets, accounts)
    kind = accounts.set_index("account")["account_type"]
    in_degree = pd.Series(dict(graph.in_degree()))
    in_degree = in_degree.reindex(accounts["account"], fill_value=0)
    table, _ = coproduction.communities(graph, seed=seed)
    centrality = coproduction.centrality_table(graph, betweenness_samples=30, seed=seed)
    mean_betweenness = centrality.groupby("account_type")["betweenness"].mean()
    n_gov = int((accounts["account_type"] == "government").sum())
    reach = coproduction.message_reach(tweets, accounts)
    versus = coproduction.compare_with_citizens(tweets, accounts, seed=seed, n_boot=200)
    return {
        "gov_before": before[kinds == "government original"].mean(),
        "cit_before": before[kinds == "citizen original"].mean(),
        "gov_median_in_degree": in_degree[kind.reindex(in_degree.index).eq("government")
                                          .to_numpy()].median(),
        "cit_max_in_degree": in_degree[kind.reindex(in_degree.index).eq("citizen")
                                       .to_numpy()].max(),
        "betweenness_ratio": mean_betweenness["government"] / mean_betweenness["citizen"],
        **coproduction.community_counts(table, n_gov),
        "n_government": n_gov,
        "half_direct_min": reach["hours_to_half_direct"].median() * 60,
        "alone_min": math.log(2) * 60,
        "rel_low": versus.relative_reach[1], "rel_high": versus.relative_reach[2],
        "hour_low": versus.relative_first_hour[1], "hour_high": versus.relative_first_hour[2],
        "_big": table.head(n_gov)["government_accounts"].tolist(),
    }


@pytest.mark.parametrize("seed", range(10))
def test_claims_are_true_for_their_numbers(seed: int) -> None:
    n = _numbers(seed)
    said = coproduction.claims(n)
    assert (said["warn_ahead"] == "Government accounts warn ahead") == (
        n["gov_before"] > n["cit_before"])
    assert said["hubs"].startswith("more") == (n["gov_median_in_degree"] > n["cit_max_in_degree"])
    assert said["hubs"].startswith("fewer") == (n["gov_median_in_degree"]
                                                < n["cit_max_in_degree"])
    assert ("no more often" not in said["brokers"]) == (n["betweenness_ratio"] > 1)
    with_gov = sum(g != "" for g in n["_big"])
    assert n["big_with_gov"] == with_gov
    text = said["communities"]
    if with_gov == len(n["_big"]):
        assert text.startswith(f"All {with_gov} largest")
    else:
        assert text.startswith(f"{with_gov} of the {len(n['_big'])} largest")
    assert ("each agency has a community of its own" in text) == (
        n["agencies_alone"] == n["n_government"])
    assert (said["faster"] == "citizens make government faster") == (
        n["half_direct_min"] < n["alone_min"])
    verdict = said["reach_verdict"]
    assert ("further" in verdict and "not measurably further" not in verdict) == (n["rel_low"] > 1)
    assert ("faster" in verdict and "not measurably faster" not in verdict) == (n["hour_low"] > 1)


@pytest.mark.parametrize(("rel", "hour", "words"), [
    ((1.2, 1.5), (1.1, 1.3), "further and faster"),
    ((0.9, 1.1), (0.95, 1.05), "cannot tell"),
    ((1.1, 1.3), (0.9, 1.2), "but not measurably faster"),
    ((0.8, 0.9), (0.7, 0.95), "less far and less fast"),
])
def test_reach_verdict_follows_the_intervals(rel, hour, words) -> None:
    said = coproduction.claims({"rel_low": rel[0], "rel_high": rel[1],
                                "hour_low": hour[0], "hour_high": hour[1]})
    assert words in said["reach_verdict"]
    assert set(said) == {"reach_verdict"}


# --------------------------------------------------------------------------------------------
# Own data
# --------------------------------------------------------------------------------------------


def test_own_data_sample_loads_with_its_report() -> None:
    data = coproduction.load_folder(SAMPLE)
    assert data.effects is None and len(data.tweets) == 10
    assert data.report.dropped == {
        "API returned an error instead of the tweet (deleted or protected)": 0,
        "blank line": 1,
    }
    rts = data.tweets[data.tweets["retweeted_id"].notna()]
    assert len(rts) == 6
    outside = rts[rts["account"] == "resident_d"].iloc[0]
    assert outside["retweeted_account"] == "NatEmergAgency"  # from the RT text
    reach = coproduction.message_reach(data.tweets, data.accounts)
    by_hand = (9000 + 120 + 4000 + 35 + 11000 + 4000) / (9000 + 11000)
    total = reach["final_audience"].sum() / reach["direct_audience"].sum()
    assert total == pytest.approx(by_hand)


def copy_sample(tmp_path: Path) -> Path:
    for name in ("tweets.jsonl", "accounts.csv"):
        (tmp_path / name).write_bytes((SAMPLE / name).read_bytes())
    return tmp_path


def test_own_data_author_missing_from_accounts_is_named(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    lines = (folder / "accounts.csv").read_text().splitlines()
    (folder / "accounts.csv").write_text("\n".join(x for x in lines if "resident_e" not in x))
    with pytest.raises(DataError, match="resident_e") as error:
        coproduction.load_folder(folder)
    assert error.value.column == "username" and error.value.file.endswith("tweets.jsonl")
    assert "author of tweet" in str(error.value) and 'on_error="skip"' in str(error.value)
    skipped = coproduction.load_folder(folder, on_error="skip")
    assert skipped.report.dropped["author not in accounts.csv"] > 0
    assert "resident_e" not in set(skipped.tweets["account"])


def test_own_data_handles_match_in_any_case(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    text = (folder / "accounts.csv").read_text().replace("resident_b,", "Resident_B,")
    (folder / "accounts.csv").write_text(text)
    data = coproduction.load_folder(folder)
    assert len(data.tweets) == 10 and "Resident_B" in set(data.tweets["account"])


def test_own_data_handle_listed_twice_names_both_lines(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    lines = (folder / "accounts.csv").read_text().splitlines()
    twin = next(x for x in lines if x.startswith("resident_b,")).replace("resident_b", "RESIDENT_B")
    (folder / "accounts.csv").write_text("\n".join([*lines, "", twin]) + "\n")
    with pytest.raises(DataError, match=rf"row {len(lines) + 2}, column 'username'.*line \d+ has"):
        coproduction.load_folder(folder)


def test_own_data_without_includes_users_names_the_cause(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    pages = [json.loads(x) for x in (folder / "tweets.jsonl").read_text().splitlines() if x]
    (folder / "tweets.jsonl").write_text("".join(
        json.dumps({k: v for k, v in page.items() if k != "includes"}) + "\n" for page in pages
    ))
    with pytest.raises(DataError, match="expansions=author_id") as error:
        coproduction.load_folder(folder)
    assert error.value.file.endswith("tweets.jsonl")


def test_own_data_missing_folder_or_a_file_for_it_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="there is no folder at this path"):
        coproduction.load_folder(tmp_path / "no_such_folder")
    with pytest.raises(DataError, match="this is a file, not a folder"):
        coproduction.load_folder(SAMPLE / "accounts.csv")


def test_own_data_bad_account_type_names_row_and_column(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    text = (folder / "accounts.csv").read_text().replace("resident_b,citizen", "resident_b,agency")
    (folder / "accounts.csv").write_text(text)
    with pytest.raises(DataError) as error:
        coproduction.load_folder(folder)
    assert error.value.column == "account_type" and error.value.row == 6


def test_own_data_retweet_of_an_unknown_author_is_refused(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    lines = (folder / "tweets.jsonl").read_text().splitlines()
    response = json.loads(lines[3])
    response["data"][1]["text"] = "passing this on"  # no 'RT @', original not in the file
    lines[3] = json.dumps(response)
    (folder / "tweets.jsonl").write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError, match="whose tweet"):
        coproduction.load_folder(folder)


def test_own_data_unlisted_author_is_named_with_its_line(tmp_path: Path) -> None:
    # fuzz finding F4: the problem named the tweet but not its line in tweets.jsonl
    folder = copy_sample(tmp_path)
    text = (folder / "accounts.csv").read_text().replace("resident_a,", "xresident_a,")
    (folder / "accounts.csv").write_text(text)
    with pytest.raises(DataError) as error:
        coproduction.load_folder(folder)
    lines = (folder / "tweets.jsonl").read_text().splitlines()
    expected = sorted({n for n, line in enumerate(lines, start=1) if '"201"' in line})
    assert re.findall(r"row (\d+)", str(error.value))
    assert sorted({int(n) for n in re.findall(r"row (\d+)", str(error.value))}) == expected


def test_own_data_every_lost_retweet_is_named_at_once(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    lines = (folder / "tweets.jsonl").read_text().splitlines()
    rows = set()
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        response = json.loads(line)
        for tweet in response["data"]:
            if tweet.get("referenced_tweets", [{}])[0].get("type") == "retweeted":
                tweet["text"] = "passing this on"
                tweet["referenced_tweets"][0]["id"] = "999999999999999999"
                rows.add(number + 1)
        lines[number] = json.dumps(response)
    (folder / "tweets.jsonl").write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError, match="whose tweet") as error:
        coproduction.load_folder(folder)
    assert "6 problems" in str(error.value)  # before: the first only, without its line
    assert {int(n) for n in re.findall(r"row (\d+)", str(error.value))} == rows
    data = coproduction.load_folder(folder, on_error="skip")
    assert data.report.dropped["reposts whose original author is unknown"] == 6


PLATFORM_SAMPLES = {
    "bluesky": SAMPLE.parent / "coproduction_bluesky",
    "mastodon": SAMPLE.parent / "coproduction_mastodon",
}


def copy_platform(platform: str, folder: Path, skip: tuple[str, ...] = ()) -> Path:
    for path in PLATFORM_SAMPLES[platform].iterdir():
        if path.name not in skip and path.suffix != ".py":
            (folder / path.name).write_bytes(path.read_bytes())
    return folder


@pytest.mark.parametrize("platform", sorted(PLATFORM_SAMPLES))
def test_own_data_platform_folder_runs_the_first_half(platform: str) -> None:
    data = coproduction.load_folder(PLATFORM_SAMPLES[platform])
    archival = coproduction.load_folder(SAMPLE)
    reposts = data.tweets[data.tweets["retweeted_id"].notna()]
    assert len(reposts) == 6
    # the same accounts pass on the same accounts' posts as in the archival sample
    strip = lambda h: h.split("@")[0].split(".")[0].replace("-", "_").lower()  # noqa: E731
    pairs = sorted(zip(reposts["account"].map(strip), reposts["retweeted_account"].map(strip),
                       strict=True))
    old = archival.tweets.dropna(subset=["retweeted_id"])
    assert pairs == sorted(zip(old["account"].str.lower(), old["retweeted_account"].str.lower(),
                               strict=True))
    # followers left empty in accounts.csv come from the collected profiles
    assert data.accounts["followers"].tolist() == archival.accounts["followers"].tolist()
    reach = coproduction.message_reach(data.tweets, data.accounts)
    assert (reach["final_audience"] >= reach["direct_audience"]).all()
    cascades = coproduction.cascades(data.tweets, data.accounts)
    assert cascades["depth"].max() == 1


def test_own_data_bluesky_repost_of_a_post_outside_the_file_finds_its_author() -> None:
    data = coproduction.load_folder(PLATFORM_SAMPLES["bluesky"])
    assert data.notes["retweets_of_tweets_outside_the_file"] == 1
    outside = data.tweets[~data.tweets["retweeted_id"].isin(data.tweets["tweet_id"])
                          & data.tweets["retweeted_id"].notna()]
    assert outside["retweeted_account"].tolist() == ["NatEmergAgency.bsky.social"]


def test_own_data_mastodon_boost_of_a_status_outside_the_file_is_named(tmp_path: Path) -> None:
    folder = copy_platform("mastodon", tmp_path)
    lines = (folder / "statuses.jsonl").read_text().splitlines()
    page = json.loads(lines[0])
    original = page.pop(0)  # the agency's status that resident_d boosts
    lines[0] = json.dumps(page)
    (folder / "statuses.jsonl").write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError, match="whose post this repost passes on") as error:
        coproduction.load_folder(folder)
    assert error.value.row == 3 and original["id"] in str(error.value)
    data = coproduction.load_folder(folder, on_error="skip")
    assert data.report.dropped["reposts whose original author is unknown"] == 1


def test_own_data_mastodon_handles_match_with_or_without_the_server(tmp_path: Path) -> None:
    folder = copy_platform("mastodon", tmp_path)
    text = (folder / "accounts.csv").read_text().replace("@HarborCityOEM,",
                                                         "harborcityoem@GOV.example,")
    (folder / "accounts.csv").write_text(text)
    data = coproduction.load_folder(folder)
    assert "harborcityoem@GOV.example" in set(data.tweets["account"])


def test_own_data_platform_author_missing_from_accounts_is_named(tmp_path: Path) -> None:
    folder = copy_platform("bluesky", tmp_path)
    lines = (folder / "accounts.csv").read_text().splitlines()
    (folder / "accounts.csv").write_text("\n".join(x for x in lines if "resident-e" not in x))
    with pytest.raises(DataError, match="resident-e.bsky.social") as error:
        coproduction.load_folder(folder)
    assert error.value.file.endswith("feed.jsonl") and error.value.row == 3
    assert "at://" in str(error.value)


def test_own_data_platform_followers_unknown_are_named(tmp_path: Path) -> None:
    folder = copy_platform("bluesky", tmp_path)
    (folder / "accounts.csv").write_text(
        (folder / "accounts.csv").read_text() + "someone.bsky.social,citizen,,\n")
    with pytest.raises(DataError, match="followers") as error:
        coproduction.load_folder(folder)
    assert error.value.row == 10 and error.value.column == "followers"


def test_own_data_platform_handle_listed_twice_names_both_lines(tmp_path: Path) -> None:
    folder = copy_platform("mastodon", tmp_path)
    (folder / "accounts.csv").write_text(
        (folder / "accounts.csv").read_text() + "HARBORCITYOEM@gov.example,government,1,\n")
    with pytest.raises(DataError, match=r"row 10, column 'handle'.*line 2 has"):
        coproduction.load_folder(folder)


def test_own_data_platform_no_listed_author_is_named_even_with_skip(tmp_path: Path) -> None:
    folder = copy_platform("bluesky", tmp_path)
    (folder / "accounts.csv").write_text(
        "handle,account_type,followers,name\nnobody.bsky.social,citizen,1,\n")
    with pytest.raises(DataError, match="no post is by an account listed") as error:
        coproduction.load_folder(folder, on_error="skip")
    assert error.value.file.endswith("feed.jsonl")


def test_own_data_folder_of_two_platforms_is_refused(tmp_path: Path) -> None:
    folder = copy_platform("bluesky", tmp_path)
    (folder / "tweets.jsonl").write_bytes((SAMPLE / "tweets.jsonl").read_bytes())
    with pytest.raises(DataError, match="more than one platform") as error:
        coproduction.load_folder(folder)
    assert "feed.jsonl" in str(error.value) and "tweets.jsonl" in str(error.value)


def test_own_data_missing_file_and_malformed_json_are_named(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no posts file of any platform"):
        coproduction.load_folder(tmp_path)
    (tmp_path / "tweets.jsonl").write_bytes((SAMPLE / "tweets.jsonl").read_bytes())
    with pytest.raises(DataError, match="missing a file"):
        coproduction.load_folder(tmp_path)
    folder = copy_sample(tmp_path)
    (folder / "tweets.jsonl").write_text('{"data": [\n')
    with pytest.raises(DataError) as error:
        coproduction.load_folder(folder)
    assert error.value.row == 1


# --------------------------------------------------------------------------------------------
# Real data readers
# --------------------------------------------------------------------------------------------


def sandy_rows() -> list[list[str]]:
    with SANDY_CSV.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))[1:]


HANDLE_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def first_retweeted(text: str) -> str | None:
    """The handle after the first 'RT @' that does not sit inside a word, scanning by hand."""
    for start in range(len(text) - 3):
        before = text[start - 1] if start else " "
        if text[start:start + 4].upper() != "RT @" or before.isalnum() or before in "_@":
            continue
        handle = ""
        for char in text[start + 4:start + 4 + 15]:
            if char not in HANDLE_CHARS:
                break
            handle += char
        if handle:
            return handle
    return None


def hand_retweeted(texts: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for text in texts:
        handle = first_retweeted(text)
        if handle:
            counts[handle.lower()] = counts.get(handle.lower(), 0) + 1
    return counts


def test_sandy_file_loads_every_row_with_decoded_times() -> None:
    rows = sandy_rows()
    loaded = coproduction.read_crisislex_t6(SANDY_CSV)
    frame = loaded.frame
    assert len(frame) == len(rows) == loaded.report.rows_kept
    labels = {label: sum(r[2] == label for r in rows) for label in ("on-topic", "off-topic")}
    assert frame["label"].value_counts().to_dict() == labels
    assert frame["created_at"].min() >= utc("2012-10-28") and frame["created_at"].max() < utc(
        "2012-10-31"
    )
    counts = coproduction.retweeted_accounts(frame).set_index("account")["retweets"].to_dict()
    assert counts == hand_retweeted([r[1] for r in rows])


def test_most_retweeted_names_only_organisations_from_the_hand_made_table() -> None:
    sandy = coproduction.read_crisislex_t6(SANDY_CSV).frame
    table = coproduction.read_account_types(ACCOUNT_TABLE).frame
    shown, summary = coproduction.most_retweeted(sandy, table, top=50)
    organisations = set(table["account"].str.lower())
    assert set(shown["account"].str.lower()) <= organisations
    counts = hand_retweeted([r[1] for r in sandy_rows()])
    cut = sorted(counts.values(), reverse=True)[49]
    considered = {a for a, n in counts.items() if n >= cut}
    assert summary["accounts"].sum() == len(considered)
    hidden = summary.set_index("kind").loc["private or unclassified (not shown)", "accounts"]
    assert hidden == len(considered - organisations)


def test_account_table_is_documented_and_rejects_repeated_handles(tmp_path: Path) -> None:
    table = coproduction.read_account_types(ACCOUNT_TABLE).frame
    assert table["basis"].str.len().gt(0).all()
    sheet = (ROOT / "data" / "crisislex" / "DATASHEET.md").read_text(encoding="utf-8")
    assert "sandy_account_types.csv" in sheet and "hand-made" in sheet
    bad = tmp_path / "types.csv"
    bad.write_text("account,organisation,account_type,basis\nFEMA,F,government,h\n"
                   "fema,F,government,h\n")
    with pytest.raises(DataError, match="twice") as error:
        coproduction.read_account_types(bad)
    assert error.value.row == 3


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ("'12x',\"hello\",on-topic", "tweet id"),
        ("'12',\"hello\",maybe", "label"),
    ],
)
def test_malformed_sandy_rows_are_named(tmp_path: Path, line: str, column: str) -> None:
    path = tmp_path / "2099_Test-ontopic_offtopic.csv"
    path.write_text("tweet id, tweet, label\n'11',\"ok\",off-topic\n" + line + "\n")
    with pytest.raises(DataError) as error:
        coproduction.read_crisislex_t6(path)
    assert error.value.row == 3 and error.value.column == column


def test_sandy_reader_lists_every_problem_and_skip_keeps_the_good_rows(tmp_path: Path) -> None:
    path = tmp_path / "2099_Test-ontopic_offtopic.csv"
    path.write_text("tweet id, tweet, label\n'11',\"ok\",off-topic\n'12x',\"a\",on-topic\n\n"
                    "'13',\"b\",maybe\n'14',\"c\"\n")
    with pytest.raises(DataError) as error:
        coproduction.read_crisislex_t6(path)
    assert [p.row for p in error.value.problems] == [3, 5, 6]
    loaded = coproduction.read_crisislex_t6(path, on_error="skip")
    assert loaded.frame["tweet_id"].tolist() == ["11"]
    assert loaded.report.skipped["row"].tolist() == [3, 5, 6]
    with pytest.raises(DataError, match="there is no file at this path"):
        coproduction.read_crisislex_t6(tmp_path / "missing-ontopic_offtopic.csv")


def test_timeline_reader_lists_every_problem_and_skip_keeps_the_good_rows(tmp_path: Path) -> None:
    path = tmp_path / "2099_Test-tweetids_entire_period.csv"
    path.write_text(
        "Timestamp, Tweet-ID, Included(Y/N)\n"
        '"Thu Jun 20 03:56:19 +0000 2013","2",Y\n'
        '"yesterday","3",Y\n'
        '"Thu Jun 20 04:00:00 +0000 2013","4",?\n'
    )
    with pytest.raises(DataError) as error:
        coproduction.read_crisislex_timeline(path)
    assert [p.row for p in error.value.problems] == [3, 4]
    loaded = coproduction.read_crisislex_timeline(path, on_error="skip")
    assert loaded.frame["tweet_id"].tolist() == ["2"]
    assert loaded.report.skipped["row"].tolist() == [3, 4]


def test_sandy_reader_refuses_a_wrong_header(tmp_path: Path) -> None:
    path = tmp_path / "x-ontopic_offtopic.csv"
    path.write_text("id,text\n1,a\n")
    with pytest.raises(DataError, match="header"):
        coproduction.read_crisislex_t6(path)


def test_timeline_reader_drops_exact_repeats_and_reports_them(tmp_path: Path) -> None:
    path = tmp_path / "2099_Test-tweetids_entire_period.csv"
    path.write_text(
        "Timestamp, Tweet-ID, Included(Y/N)\n"
        '"Thu Jun 20 03:56:19 +0000 2013","2",Y\n'
        '"Thu Jun 20 03:56:19 +0000 2013","2",Y\n'
        '"Thu Jun 20 04:00:00 +0000 2013","3",N\n'
    )
    loaded = coproduction.read_crisislex_timeline(path)
    assert loaded.frame["tweet_id"].tolist() == ["2"]
    assert loaded.report.rows_read == 3 and loaded.report.rows_kept == 1
    assert loaded.frame.loc[0, "event"] == "2099_Test"


@pytest.mark.parametrize(
    ("rows", "column", "row"),
    [
        ('"Thu Jun 20 03:56:19 +0000 2013","2",Y\n"yesterday","3",Y\n', "Timestamp", 3),
        ('"Thu Jun 20 03:56:19 +0000 2013","2",Y\n"Thu Jun 20 03:56:19 +0000 2013","3",?\n',
         "Included(Y/N)", 3),
        ('"Thu Jun 20 03:56:19 +0000 2013","2",Y\n"Thu Jun 20 05:00:00 +0000 2013","2",Y\n',
         "event", 3),
    ],
)
def test_malformed_timelines_are_named(tmp_path: Path, rows: str, column: str, row: int) -> None:
    path = tmp_path / "2099_Test-tweetids_entire_period.csv"
    path.write_text("Timestamp, Tweet-ID, Included(Y/N)\n" + rows)
    with pytest.raises(DataError) as error:
        coproduction.read_crisislex_timeline(path)
    assert error.value.column == column and error.value.row == row


def test_timeline_curves_share_and_half_time_by_hand() -> None:
    times = pd.to_datetime(["2013-01-01 00:00", "2013-01-01 01:00", "2013-01-01 07:00",
                            "2013-01-01 08:00", "2013-01-02 00:00"], utc=True)
    frame = pd.DataFrame({"event": ["b", "b", "b", "b", "a"], "created_at": times})
    curves, summary = coproduction.timeline_curves(frame, bin_hours=3, horizon_hours=12)
    b = curves[curves["event"] == "b"]
    assert b["share"].tolist() == [0.5, 0.0, 0.5, 0.0]
    assert b["cumulative"].tolist() == [0.5, 0.5, 1.0, 1.0]
    assert summary["event"].tolist() == ["b", "a"]  # order of first appearance
    assert summary.set_index("event").loc["b", "half_hours"] == 1.0


# --------------------------------------------------------------------------------------------
# The notebook
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def glued(run_notebook) -> dict[str, object]:
    return glued_values(run_notebook(NOTEBOOK))


def plain_amplification(seed: int) -> float:
    """Final over direct audience of the simulated government messages, in plain Python."""
    data = coproduction.simulate(seed)
    followers = dict(zip(data.accounts["account"], data.accounts["followers"], strict=True))
    kind = dict(zip(data.accounts["account"], data.accounts["account_type"], strict=True))
    parent = dict(zip(data.tweets["tweet_id"], data.tweets["retweeted_id"], strict=True))
    author = dict(zip(data.tweets["tweet_id"], data.tweets["account"], strict=True))

    def root(tweet: str) -> str:
        while isinstance(parent[tweet], str):
            tweet = parent[tweet]
        return tweet

    reached: dict[str, set[str]] = {
        t: set() for t, p in parent.items() if not isinstance(p, str)
        and kind[author[t]] == "government"
    }
    for tweet, above in parent.items():
        if isinstance(above, str) and root(tweet) in reached:
            reached[root(tweet)].add(author[tweet])
    direct = sum(followers[author[t]] for t in reached)
    through = sum(followers[a] for t, who in reached.items() for a in who if a != author[t])
    return (direct + through) / direct


@pytest.mark.slow
def test_notebook_glues_every_figure(glued) -> None:
    for name in ("fig_volume", "fig_network_core", "fig_cascades", "fig_audience",
                 "fig_sandy_volume", "fig_timelines"):
        assert isinstance(glued[name], dict) and "image/png" in glued[name], name


@pytest.mark.slow
def test_notebook_simulated_numbers_match_an_independent_computation(glued) -> None:
    assert text_of(glued, "n_tweets") == "12,000"
    assert text_of(glued, "amplification") == f"{plain_amplification(2022):.2f}"
    assert text_of(glued, "alone_min") == f"{60 * math.log(2):.0f}"
    null = coproduction.falsification(2022)
    assert text_of(glued, "null_amplification") == f"{null.loc[0, 'estimate']:.2f}"
    assert text_of(glued, "n_worlds") == "10"
    assert text_of(glued, "all_recovered") == "all"


@pytest.mark.slow
def test_notebook_real_numbers_match_the_raw_files(glued) -> None:
    rows = sandy_rows()
    assert text_of(glued, "n_sandy") == f"{len(rows):,}"
    retweets = hand_retweeted([r[1] for r in rows])
    share = sum(retweets.values()) / len(rows)
    assert text_of(glued, "sandy_rt_share") == f"{share:.0%}"
    with ACCOUNT_TABLE.open(newline="", encoding="utf-8") as handle:
        types = {r["account"].lower(): r["account_type"] for r in csv.DictReader(handle)}
    cut = sorted(retweets.values(), reverse=True)[49]
    top = [a for a, n in retweets.items() if n >= cut]
    assert text_of(glued, "n_considered") == str(len(top))
    assert text_of(glued, "n_hidden") == str(sum(a not in types for a in top))
    government = {"government", "emergency or weather service"}
    assert text_of(glued, "n_gov_real") == str(sum(types.get(a) in government for a in top))


@pytest.mark.slow
def test_notebook_crisis_half_times_match_the_raw_timelines(glued) -> None:
    def half_hours(event: str) -> float:
        path = T26 / event / f"{event}-tweetids_entire_period.csv"
        with path.open(newline="", encoding="utf-8") as handle:
            rows = {tuple(x.strip() for x in r) for r in list(csv.reader(handle))[1:]}
        times = sorted(
            datetime.strptime(r[0], "%a %b %d %H:%M:%S %z %Y") for r in rows if r[2] == "Y"
        )
        return (times[math.ceil(len(times) / 2) - 1] - times[0]).total_seconds() / 3600

    sudden = ["2013_West_Texas_explosion", "2013_LA_airport_shootings", "2013_Bohol_earthquake"]
    assert text_of(glued, "half_sudden") == f"{statistics.median(map(half_hours, sudden)):.0f}"


@pytest.mark.slow
def test_notebook_never_shows_a_private_account(run_notebook) -> None:
    notebook = run_notebook(NOTEBOOK)
    with ACCOUNT_TABLE.open(newline="", encoding="utf-8") as handle:
        organisations = {r["account"].lower() for r in csv.DictReader(handle)}
    private = {a for a in hand_retweeted([r[1] for r in sandy_rows()]) if a not in organisations
               and len(a) >= 5}
    shown = " ".join(
        str(value)
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        for key, value in {**output.get("data", {}), "text": output.get("text", "")}.items()
        if key != "image/png"
    ).lower()
    words = set(re.findall(r"\w+", shown))
    assert not (private & words)


@pytest.mark.slow
@pytest.mark.parametrize("platform", sorted(PLATFORM_SAMPLES))
def test_notebook_runs_on_the_platform_samples(run_notebook, platform: str) -> None:
    notebook = run_notebook(NOTEBOOK, DATA_PATH=str(PLATFORM_SAMPLES[platform]),
                            LANDFALL="2024-10-28 23:30")
    errors = [o for c in notebook.cells for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    values = glued_values(notebook)
    assert text_of(values, "n_tweets") == ("10" if platform == "bluesky" else "11")
    assert text_of(values, "gov_max_depth") == "1"
    assert "planted_amplification" not in values


@pytest.mark.slow
def test_notebook_runs_on_the_own_data_sample(run_notebook) -> None:
    notebook = run_notebook(NOTEBOOK, DATA_PATH=str(SAMPLE))
    errors = [o for c in notebook.cells for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    values = glued_values(notebook)
    assert text_of(values, "n_tweets") == "10"
    by_hand = (9000 + 120 + 4000 + 35 + 11000 + 4000) / (9000 + 11000)
    assert text_of(values, "amplification") == f"{by_hand:.2f}"
    assert text_of(values, "gov_max_depth") == "1"
    assert "planted_amplification" not in values
