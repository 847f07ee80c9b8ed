"""Tests of govsocial.clickstream: the simulator, the movement-level analysis and the chapter.

Expectations come from hand-made logs whose sessions were worked out by hand
(``tests/data/clickstream/clicks_good.csv``, described below), from a plain-Python reference
sessionizer, or from plain pandas / the standard library on the raw files; never from calling
the code under test a second time.

The hand-made log (22 clicks, 4 users, 30-minute timeout) has 7 sessions:

====  ====  =======================================================  ======  =======
user  id    pages                                                    lookup  seconds
====  ====  =======================================================  ======  =======
u1    0     home, menu: Drivers, licence points, licence points      yes     49
u1    1     violation lookup, home, menu: Public services, road c.   no      100
u2    2     fine payment, road conditions (exactly 30 min later)     no      1800
u2    3     home, fine payment                                       yes     14
u3    4     home, menu: Vehicles, home, menu: Drivers (gives up)     no      40
u3    5     home, menu: Vehicles, home, menu: Public s., accident r. yes     40
u4    6     licence renewal                                          yes     0
====  ====  =======================================================  ======  =======
"""

from __future__ import annotations

import csv
import math
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from book_tools import ROOT, glued_values, text_of
from hypothesis import given, settings
from hypothesis import strategies as st

from govsocial import clickstream as cs
from govsocial import io as gio
from govsocial.clickstream import engines
from govsocial.schema import DataError

SAMPLE = Path(__file__).parent / "data" / "clickstream"
GOOD = SAMPLE / "clicks_good.csv"
NOTEBOOK = ROOT / "notebooks" / "clickstream.ipynb"
MSNBC = ROOT / "data" / "msnbc" / "msnbc990928.zip"
DAP = ROOT / "data" / "analytics_usa_gov" / "all-domains-30-days.csv"
SEED = 2022


def sample_clicks() -> pd.DataFrame:
    frame = pd.read_csv(GOOD, dtype=str)
    frame["timestamp"] = pd.to_datetime(frame["timestamp"], utc=True)
    return frame


def sample_services(frame: pd.DataFrame) -> list[str]:
    return [p for p in frame["page"].unique() if p != "home" and not p.startswith("menu")]


def reference_sessions(frame: pd.DataFrame, timeout: pd.Timedelta) -> list[tuple]:
    """Plain-Python sessionizer: (user, time, page, session) in user-then-time order."""
    rows = sorted(
        (
            (user, stamp, position, page)
            for position, (user, stamp, page) in enumerate(
                zip(frame["user_id"], frame["timestamp"], frame["page"], strict=True)
            )
        ),
        key=lambda row: (row[0], row[1], row[2]),
    )
    out, session, previous = [], -1, None
    for user, stamp, _, page in rows:
        if previous is None or user != previous[0] or stamp - previous[1] > timeout:
            session += 1
        out.append((user, stamp, page, session))
        previous = (user, stamp)
    return out


# --------------------------------------------------------------------------------------------
# The simulator
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def teaching() -> cs.ClickstreamData:
    return cs.simulate(SEED)


@pytest.fixture(scope="module")
def run(teaching) -> cs.Analysis:
    return cs.analyse(teaching, seed=SEED)


def test_same_seed_gives_identical_frames_and_another_seed_does_not() -> None:
    first, second = cs.simulate(5, n_records=20_000), cs.simulate(5, n_records=20_000)
    for name in ("clicks", "visits", "card_sort", "sorters"):
        assert getattr(first, name).equals(getattr(second, name)), name
    hashes = pd.util.hash_pandas_object(first.clicks, index=False)
    assert hashes.equals(pd.util.hash_pandas_object(second.clicks, index=False))
    other = cs.simulate(6, n_records=20_000)
    assert not other.clicks.equals(first.clicks)
    assert not other.card_sort.equals(first.card_sort)


@pytest.mark.parametrize("records", [1_000, 12_345, 50_001])
def test_simulator_writes_exactly_the_records_asked_for(records: int) -> None:
    data = cs.simulate(3, n_records=records)
    assert len(data.clicks) == records == int(data.visits["pages"].sum())


def test_teaching_scale_and_paper_constant() -> None:
    # The paper scale itself (42,188,760 records, about 5.8 GB) is simulated and counted in
    # benchmarks/clickstream.py, not here: `make test` must pass on an 8 GB laptop.
    assert cs.PAPER_RECORDS == 42_188_760
    assert len(cs.simulate(1).clicks) == 300_000


def test_log_is_in_time_order_not_sorted_by_user(teaching) -> None:
    clicks = teaching.clicks
    assert clicks["timestamp"].is_monotonic_increasing
    assert not clicks["user_id"].is_monotonic_increasing
    span = clicks["timestamp"].max() - clicks["timestamp"].min()
    assert pd.Timedelta(days=59) < span <= pd.Timedelta(days=61)
    assert set(clicks["page"].cat.categories) == set(teaching.menu["page"])


def test_menu_has_home_three_menus_and_27_services() -> None:
    menu = cs.menu_table()
    assert menu["kind"].value_counts().to_dict() == {"service": 27, "menu": 3, "home": 1}
    for needed in ("violation lookup", "licence points", "fine payment", "inspection booking",
                   "licence renewal", "accident reporting", "road conditions"):
        assert needed in set(menu["page"])
    steps = cs.shortest_steps(menu)
    assert steps["home"] == 0 and steps["menu: Drivers"] == 1
    assert steps["fine payment"] == 1 and steps["licence points"] == 2


def test_bureau_is_fictional_and_users_are_pseudonyms(teaching) -> None:
    assert "Quillhaven City" in cs.BUREAU
    assert teaching.clicks["user_id"].dtype == np.int32
    assert teaching.clicks["user_id"].min() >= 10_000_000


# --------------------------------------------------------------------------------------------
# Sessions
# --------------------------------------------------------------------------------------------


def test_sessionize_finds_the_hand_made_sessions() -> None:
    sessions = cs.sessionize(sample_clicks())
    assert sessions["session_id"].tolist() == [0] * 4 + [1] * 4 + [2] * 2 + [3] * 2 + [4] * 4 + [
        5
    ] * 5 + [6]
    assert sessions["step"].tolist()[:8] == [0, 1, 2, 3, 0, 1, 2, 3]
    by_session = sessions.groupby("session_id")["user_id"].first().tolist()
    assert by_session == ["u1", "u1", "u2", "u2", "u3", "u3", "u4"]


def test_a_gap_of_exactly_the_timeout_does_not_split_a_session() -> None:
    sessions = cs.sessionize(sample_clicks(), timeout="30min")
    u2 = sessions[sessions["user_id"] == "u2"]
    assert u2["session_id"].nunique() == 2  # 30 min 0 s: same; 30 min 1 s: new
    shorter = cs.sessionize(sample_clicks(), timeout="10min")
    assert shorter["session_id"].nunique() == 8


def test_sessionize_does_not_need_the_log_in_time_order() -> None:
    clicks = sample_clicks()
    shuffled = clicks.sample(frac=1, random_state=3).reset_index(drop=True)
    left = cs.sessionize(clicks)
    right = cs.sessionize(shuffled)
    pd.testing.assert_frame_equal(left, right)


def test_clicks_at_the_same_instant_keep_the_log_order() -> None:
    stamp = pd.Timestamp("2019-03-04 08:00", tz="UTC")
    clicks = pd.DataFrame(
        {"user_id": [7, 7, 7], "timestamp": [stamp, stamp, stamp + pd.Timedelta("5s")],
         "page": ["zeta", "alpha", "beta"]}
    )
    assert cs.sessionize(clicks)["page"].tolist() == ["zeta", "alpha", "beta"]


def test_sessionize_keeps_sub_second_times_and_time_zones() -> None:
    stamps = pd.to_datetime(
        ["2019-03-04 08:00:00.250+08:00", "2019-03-04 08:00:00.750+08:00"]
    ).tz_convert("Asia/Shanghai")
    clicks = pd.DataFrame({"user_id": ["a", "a"], "timestamp": stamps, "page": ["x", "y"]})
    out = cs.sessionize(clicks, timeout="400ms")
    assert out["session_id"].tolist() == [0, 1]
    assert out["timestamp"].tolist() == list(stamps)
    assert cs.sessionize(clicks, timeout="600ms")["session_id"].tolist() == [0, 0]


def test_sessionize_falls_back_when_keys_do_not_fit_64_bits() -> None:
    # nanosecond times over centuries with odd nanoseconds: too wide for the packed key
    stamps = pd.to_datetime([10, 3_000_000_000_000_000_001, 3_000_000_000_000_000_002], unit="ns")
    clicks = pd.DataFrame({"user_id": [1, 1, 1], "timestamp": stamps, "page": ["a", "b", "c"]})
    out = cs.sessionize(clicks)
    assert out["session_id"].tolist() == [0, 1, 1]
    assert out["timestamp"].tolist() == list(stamps)


def test_sessionize_reports_bad_input() -> None:
    clicks = sample_clicks()
    with pytest.raises(DataError, match="user_id"):
        cs.sessionize(clicks.drop(columns="user_id"))
    with pytest.raises(DataError, match="datetimes"):
        cs.sessionize(clicks.assign(timestamp=clicks["timestamp"].astype(str)))
    broken = clicks.copy()
    broken.loc[3, "timestamp"] = pd.NaT
    with pytest.raises(DataError, match="row 4"):
        cs.sessionize(broken)


click_logs = st.lists(
    st.tuples(
        st.integers(0, 4),  # user
        st.integers(0, 20_000),  # seconds after the start
        st.sampled_from(["home", "menu", "fines", "points"]),
    ),
    min_size=1,
    max_size=60,
)


def as_frame(rows: list[tuple[int, int, str]], string_users: bool) -> pd.DataFrame:
    start = pd.Timestamp("2019-03-04", tz="UTC")
    return pd.DataFrame(
        {
            "user_id": [f"u{u}" if string_users else 1_000 + u for u, _, _ in rows],
            "timestamp": [start + pd.Timedelta(seconds=s) for _, s, _ in rows],
            "page": [p for _, _, p in rows],
        }
    )


@settings(max_examples=150, deadline=None)
@given(click_logs, st.integers(1, 5_000), st.booleans())
def test_sessionize_agrees_with_a_plain_python_sessionizer(rows, timeout_s, string_users):
    frame = as_frame(rows, string_users)
    timeout = pd.Timedelta(seconds=timeout_s)
    out = cs.sessionize(frame, timeout=timeout)
    expected = reference_sessions(frame, timeout)
    got = list(
        zip(out["user_id"], out["timestamp"], out["page"].astype(str), out["session_id"],
            strict=True)
    )
    assert got == expected


@settings(max_examples=150, deadline=None)
@given(click_logs, st.integers(1, 5_000))
def test_sessionize_never_merges_two_users_nor_splits_a_short_gap(rows, timeout_s):
    out = cs.sessionize(as_frame(rows, False), timeout=pd.Timedelta(seconds=timeout_s))
    assert (out.groupby("session_id")["user_id"].nunique() == 1).all()
    gap = out.groupby("user_id")["timestamp"].diff()
    same_user_next = gap.notna()
    new_session = out["session_id"].diff().fillna(1).ne(0)
    short = same_user_next & (gap <= pd.Timedelta(seconds=timeout_s))
    long = same_user_next & (gap > pd.Timedelta(seconds=timeout_s))
    assert not (short & new_session).any()  # never splits a gap under the timeout
    assert new_session[long].all()  # always splits a longer gap
    steps = out.groupby("session_id").cumcount()
    assert steps.tolist() == out["step"].tolist()


@settings(max_examples=100, deadline=None)
@given(click_logs, st.booleans(), st.booleans())
def test_transition_rows_sum_to_one(rows, exit_column, entry_row):
    sessions = cs.sessionize(as_frame(rows, True), timeout="10min")
    matrix = cs.transition_matrix(sessions, exit=exit_column, entry=entry_row)
    assert np.allclose(matrix.sum(axis=1), 1.0)
    assert (matrix.to_numpy() >= 0).all()


# --------------------------------------------------------------------------------------------
# Session metrics, utilisation, movements, wayfinding
# --------------------------------------------------------------------------------------------


def test_session_metrics_on_the_hand_made_log() -> None:
    clicks = sample_clicks()
    metrics = cs.session_metrics(cs.sessionize(clicks), services=sample_services(clicks))
    assert metrics["pages"].tolist() == [4, 4, 2, 2, 4, 5, 1]
    assert metrics["is_lookup"].tolist() == [True, False, False, True, False, True, True]
    assert metrics["services"].tolist() == [1, 2, 2, 1, 0, 1, 1]
    assert metrics["duration_s"].tolist() == [49, 100, 1800, 14, 40, 40, 0]
    assert metrics["first_page"].astype(str).tolist()[:2] == ["home", "violation lookup"]
    assert metrics["last_page"].astype(str).tolist()[4] == "menu: Drivers"


def test_lookup_rule_without_a_bit_mask_gives_the_same_answer() -> None:
    """More than 64 pages takes the sort-based path; it must agree with the bit-mask path."""
    clicks = sample_clicks()
    services = sample_services(clicks)
    sessions = cs.sessionize(clicks)
    extra = [f"unused page {n}" for n in range(70)]
    wide = sessions.assign(
        page=pd.Categorical(sessions["page"].astype(str),
                            categories=[*sessions["page"].cat.categories, *extra])
    )
    narrow = cs.session_metrics(sessions, services=services)
    broad = cs.session_metrics(wide, services=services)
    assert narrow["is_lookup"].tolist() == broad["is_lookup"].tolist()
    assert narrow["services"].tolist() == broad["services"].tolist()


def test_session_functions_refuse_unsorted_sessions() -> None:
    frame = pd.DataFrame({"session_id": [1, 0, 1], "page": ["a", "b", "c"]})
    with pytest.raises(DataError, match="sessionize"):
        cs.session_metrics(frame)


def test_utilisation_by_hand() -> None:
    even = cs.utilisation(pd.Series({"a": 3, "b": 3, "c": 3, "d": 3}))
    assert even.gini == pytest.approx(0.0) and even.under_1pct == 0
    one = cs.utilisation(pd.Series({"a": 0, "b": 0, "c": 0, "d": 9}))
    assert one.gini == pytest.approx(0.75)  # 2*(4*9)/(4*9) - 5/4
    assert one.under_1pct == 3 and one.share_under_1pct == pytest.approx(0.75)
    assert one.lorenz.iloc[0].tolist() == [0.0, 0.0] and one.lorenz.iloc[-1].tolist() == [1, 1]
    skewed = cs.utilisation(pd.Series({"a": 990, "b": 5, "c": 5}))
    assert skewed.under_1pct == 2 and skewed.top_share == pytest.approx(0.99)
    assert skewed.table["cumulative_share"].iloc[-1] == pytest.approx(1.0)


def test_transition_matrix_by_hand() -> None:
    counts = cs.transition_matrix(cs.sessionize(sample_clicks()), normalise=False)
    # from home: u1 > menu: Drivers, u1 > menu: Public services, u2 > fine payment,
    # u3 > menu: Vehicles (twice), menu: Drivers, menu: Public services
    home = counts.loc["home"]
    assert home[home > 0].to_dict() == {
        "fine payment": 1, "menu: Drivers": 2, "menu: Public services": 2, "menu: Vehicles": 2,
    }
    assert counts.loc["licence points", "licence points"] == 1
    assert counts.loc["licence points", cs.EXIT] == 1
    assert int(counts[cs.EXIT].sum()) == 7  # one exit per session
    assert int(counts.to_numpy().sum()) == 22  # one movement or exit per click
    entry = cs.transition_matrix(cs.sessionize(sample_clicks()), entry=True, normalise=False)
    assert entry.loc[cs.ENTRY, "home"] == 4


def test_common_paths_by_hand() -> None:
    sessions = pd.DataFrame(
        {"session_id": [0, 0, 1, 1, 2, 3, 3, 3],
         "page": ["h", "f", "h", "f", "n", "h", "m", "f"]}
    )
    paths = cs.common_paths(sessions, n=3, max_pages=2)
    assert paths["path"].tolist() == ["h > f", "n"]
    assert paths["sessions"].tolist() == [2, 1]
    assert paths["share"].tolist() == [0.5, 0.25]


def test_wayfinding_on_the_hand_made_log() -> None:
    clicks = sample_clicks()
    way = cs.wayfinding(
        cs.sessionize(clicks), home="home", services=sample_services(clicks),
        shortest=cs.shortest_steps(cs.menu_table()),
    )
    table = way.per_session
    assert table["session_id"].tolist() == [0, 3, 4, 5]
    assert table["steps"].tolist()[:2] == [2.0, 1.0] and math.isnan(table["steps"].iloc[2])
    assert table["steps"].iloc[3] == 4.0 and table["shortest"].iloc[3] == 2.0
    assert table["off_path"].tolist() == [False, False, True, True]
    assert table["back_and_forth"].tolist() == [False, False, True, True]
    assert way.abandonment == 0.25 and way.off_path == 0.5 and way.back_and_forth == 0.5
    assert way.detour_ratio == pytest.approx((1 + 1 + 2) / 3)
    assert way.reach.set_index("steps")["reached"].loc[[1, 2, 4]].tolist() == [0.25, 0.5, 0.75]


def test_relabel_pages_groups_services_by_menu() -> None:
    sessions = cs.sessionize(sample_clicks())
    grouped = cs.relabel_pages(sessions, cs.page_groups(cs.menu_table()))
    assert list(grouped["page"].cat.categories)[:2] == ["home", "menu: Vehicles"]
    assert grouped["page"].iloc[2] == "services: Drivers"
    assert (grouped["session_id"] == sessions["session_id"]).all()


# --------------------------------------------------------------------------------------------
# Card sorting
# --------------------------------------------------------------------------------------------


def test_co_occurrence_and_clusters_by_hand() -> None:
    sort = pd.DataFrame(
        {
            "participant": ["p"] * 4 + ["q"] * 4 + ["r"] * 4,
            "card": ["a", "b", "c", "d"] * 3,
            "group": ["X", "X", "Y", "Y", "L", "L", "M", "M", "S", "T", "T", "T"],
        }
    )
    co = cs.co_occurrence(sort)
    assert co.loc["a", "b"] == pytest.approx(2 / 3)
    assert co.loc["c", "d"] == pytest.approx(1.0)
    assert co.loc["b", "c"] == pytest.approx(1 / 3)
    assert np.allclose(np.diag(co), 1.0) and np.allclose(co, co.T)
    clusters = cs.cluster_cards(co, 2)
    assert clusters.labels.tolist() == [1, 1, 2, 2]
    menu = cs.proposed_menu(sort, clusters)
    assert menu["services"].tolist() == [2, 2]


def test_card_sort_of_the_simulation(teaching) -> None:
    sort = teaching.card_sort
    assert sort["participant"].nunique() == 30
    assert (sort.groupby("participant")["card"].nunique() == 27).all()
    models = cs.participant_models(sort, teaching.menu)
    truth = teaching.sorters.set_index("participant")["model"]
    agree = (models.set_index("participant")["closer_to"] == truth).mean()
    assert agree >= 0.9


# --------------------------------------------------------------------------------------------
# Recovery and falsification
# --------------------------------------------------------------------------------------------


def test_sessions_recover_the_planted_visits_exactly(teaching, run) -> None:
    metrics = run.metrics
    assert len(metrics) == len(teaching.visits)
    visits = teaching.visits.sort_values(["user_id", "start"], kind="stable")
    assert metrics["pages"].tolist() == visits["pages"].tolist()
    planted_lookup = (visits["intent"] == "lookup") & ~visits["gave_up"]
    assert metrics["is_lookup"].tolist() == planted_lookup.tolist()


TOLERANCE = {
    "lookup share of sessions": 0.02,
    "popularity exponent": 0.1,
    "home portal: share off the shortest path": 0.03,
    "home portal: share reaching no service": 0.02,
    "card sort: share sorting by task": 0.2,
}


def test_every_planted_effect_is_recovered_within_tolerance(run) -> None:
    table = run.recovery.set_index("quantity")
    assert set(table.index) == set(TOLERANCE)
    for quantity, tolerance in TOLERANCE.items():
        row = table.loc[quantity]
        assert abs(row["measured"] - row["planted"]) < tolerance, quantity
        assert row["ci_low"] <= row["measured"] <= row["ci_high"], quantity
    assert (run.scorecard["found?"] == "yes").all()


def test_the_planted_world_shows_the_study_findings(run) -> None:
    metrics = run.metrics
    assert metrics["is_lookup"].mean() > 0.5
    assert run.usage.share_under_1pct > 0.5
    assert run.way.off_path > 0.1 and run.card_ari < 0.5


def test_each_null_world_moves_only_its_own_effect() -> None:
    planted_effects = cs.Effects()
    for finding in cs.FINDINGS:
        null = cs.null_effects(finding)
        changed = [f for f in ("lookup", "concentration", "wander", "task_sorting")
                   if getattr(null, f) != getattr(planted_effects, f)]
        assert changed == [{"lookup": "lookup", "underused": "concentration",
                            "wayfinding": "wander", "card sort": "task_sorting"}[finding]]
        assert null.give_up == planted_effects.give_up
    # just short of each claim, not the opposite extreme
    assert cs.null_effects("lookup").expected_lookup_share() == pytest.approx(0.5)
    assert cs.null_effects("underused").services_under_1pct() == 13  # of 27: one short of most
    assert cs.Effects().services_under_1pct() > 27 / 2
    assert cs.null_effects("wayfinding").wander == cs.OFF_PATH
    assert 0 < cs.null_effects("card sort").task_sorting < 0.5


def test_the_lookup_null_world_is_half_lookups_with_every_other_mechanism() -> None:
    nulls = cs.falsification(SEED, n_records=60_000, reps=200)
    lookup = nulls["lookup"].recovery.set_index("quantity")
    share = lookup.loc["lookup share of sessions"]
    assert share["ci_low"] <= 0.5 <= share["ci_high"]  # about half, not zero
    assert 0.45 < share["measured"] < 0.55
    # the other mechanisms stay: concentration, wandering, giving up, task sorting
    assert lookup.loc["popularity exponent", "measured"] > 1.4
    assert lookup.loc["home portal: share off the shortest path", "measured"] > 0.25
    assert lookup.loc["home portal: share reaching no service", "measured"] > 0.1
    assert nulls["lookup"].usage.gini > 0.5
    assert nulls["lookup"].scorecard.set_index("finding")["found?"].iloc[0] == "no"


N_WORLDS = 24


@pytest.fixture(scope="module")
def interval_worlds() -> pd.DataFrame:
    """The two interval rules in planted worlds and in their own null worlds (small logs)."""
    from functools import partial

    from govsocial import planted

    seeds = range(100, 100 + N_WORLDS)
    rules = [cs.RULES[0], cs.RULES[2]]
    frames = [planted.run_worlds(partial(cs.world, n_records=8_000, reps=100), rules, seeds,
                                 kinds=(True,))]
    for finding, rule in (("lookup", cs.RULES[0]), ("wayfinding", cs.RULES[2])):
        frames.append(planted.run_worlds(
            partial(cs.world, finding=finding, n_records=8_000, reps=100), [rule], seeds,
            kinds=(False,)))
    return planted.operating_characteristics(pd.concat(frames, ignore_index=True))


@pytest.mark.many_worlds
def test_interval_rules_keep_their_size_and_find_the_planted_effect(interval_worlds) -> None:
    from govsocial import planted

    for row in interval_worlds.itertuples():
        assert row.null_worlds == row.planted_worlds == N_WORLDS
        false_alarms = round(row.size * N_WORLDS)
        assert false_alarms <= planted.most_false_alarms(N_WORLDS, row.stated_level), row.finding
        detections = round(row.power * N_WORLDS)
        assert detections >= planted.fewest_detections(N_WORLDS, 0.95), row.finding
        # the intervals hold the planted value about 95% of the time
        assert row.coverage * N_WORLDS >= planted.fewest_detections(N_WORLDS, 0.95)


def test_the_table_reports_a_rule_whose_size_is_above_its_level() -> None:
    from govsocial import planted

    oc = pd.DataFrame({"finding": ["x"], "planted_worlds": [8], "power": [1.0],
                       "power_low": [0.68], "power_high": [1.0], "null_worlds": [8],
                       "size": [0.5], "size_low": [0.22], "size_high": [0.78],
                       "stated_level": [0.05], "size_above_level": [True]})
    said = cs.claims(pd.DataFrame({"finding": ["x"], "found?": ["yes"]}), lookup_share=0.6,
                     share_under_1pct=0.6, off_path=0.2, card_ari=0.1, characteristics=oc)
    assert "\"x\"" in said["fool_verdict"] and "above its stated level" in said["fool_verdict"]
    assert planted.fool_table(oc)["verdict"].iloc[0].startswith("fooled more often")


CLAIM_SEEDS = range(10)


@pytest.fixture(scope="module")
def claim_runs() -> list[cs.Analysis]:
    """Worlds at ten seeds, planted or each finding's null world in turn (small logs)."""
    runs = []
    for seed in CLAIM_SEEDS:
        effects = cs.Effects() if seed % 2 == 0 else cs.null_effects(cs.FINDINGS[seed // 2 % 4])
        runs.append(cs.analyse(cs.simulate(seed, effects=effects, n_records=6_000), seed=seed,
                               reps=60))
    return runs


def test_claims_are_true_for_their_numbers_at_ten_seeds(claim_runs) -> None:
    for seed, run in zip(CLAIM_SEEDS, claim_runs, strict=True):
        other = claim_runs[(seed + 1) % len(claim_runs)]
        card = run.scorecard.assign(**{"null world": other.scorecard["found?"].to_numpy()})
        lookup = float(run.metrics["is_lookup"].mean())
        said = cs.claims(card, lookup_share=lookup, share_under_1pct=run.usage.share_under_1pct,
                         off_path=run.way.off_path, card_ari=run.card_ari)
        assert said["lookup_verdict"].startswith("most visitors") == (lookup > 0.5), seed
        assert ("**most services are underutilised**" in said["underused_verdict"]) == (
            run.usage.share_under_1pct > 0.5), seed
        assert ("does **not support" in said["wayfinding_verdict"]) == (
            run.way.off_path > cs.OFF_PATH), seed
        assert (said["card_verdict"] == "disagree") == (run.card_ari < cs.MENU_MISMATCH), seed
        found = card["found?"] == "yes"
        alarms = card["null world"] == "yes"
        verdict = said["scorecard_verdict"]
        assert verdict.startswith("Every finding is found") == bool(found.all()), seed
        for finding, hit in zip(card["finding"], found, strict=True):
            if not hit:
                assert finding.lower() in verdict.split("(not:")[1].split(")")[0], seed
        assert ("none is found in its null world" in verdict) == (not alarms.any()), seed
        for finding, alarm in zip(card["finding"], alarms, strict=True):
            if alarm:
                assert finding.lower() in verdict.split("still reports:")[1], seed



def test_menu_and_movement_sentences_are_true_for_their_numbers_at_ten_seeds(claim_runs):
    menu = cs.menu_table()
    said = cs.menu_sentences(menu)
    featured = menu.loc[menu["featured"].astype(bool), "page"]
    assert all(page in said["home_links"] for page in featured)
    assert f"and {len(cs.service_names(menu))} services" in said["menu_description"]
    menus = list(menu.loc[menu["kind"] == "menu", "page"])
    for seed, run in zip(CLAIM_SEEDS, claim_runs, strict=True):
        moves = cs.transition_matrix(cs.relabel_pages(run.sessions, cs.page_groups(menu)))
        sentence = cs.movement_sentence(moves, menu)
        own = [moves.loc[m, "services: " + m.removeprefix("menu: ")] for m in menus]
        back = [moves.loc[m, cs.HOME] for m in menus]
        assert sentence.startswith("Each menu leads mostly") == (min(own) > 0.5), seed
        assert f"({min(own):.0%}" in sentence and f"{max(own):.0%} of" in sentence, seed
        assert ("often also straight back" in sentence) == (min(back) >= 0.1), seed
        assert ("rarely back" in sentence) == (max(back) < 0.1), seed
        assert f"({min(back):.0%}" in sentence and f"{max(back):.0%})" in sentence, seed


def test_movement_sentence_when_menus_lead_elsewhere_and_rarely_home():
    rows = ["home", "menu: A", "menu: B", "services: A", "services: B"]
    moves = pd.DataFrame(0.0, index=rows, columns=rows)
    moves.loc["menu: A", ["services: A", "home"]] = [0.9, 0.05]
    moves.loc["menu: B", ["services: B", "services: A", "home"]] = [0.3, 0.6, 0.05]
    menu = pd.DataFrame({"page": ["menu: A", "menu: B"], "kind": ["menu", "menu"]})
    sentence = cs.movement_sentence(moves, menu)
    assert sentence.startswith("Not every menu") and "; B more often elsewhere" in sentence
    assert "rarely back to the home portal (5%)" in sentence


# --------------------------------------------------------------------------------------------
# Real data and the chapter
# --------------------------------------------------------------------------------------------


def msnbc_sequences() -> list[list[str]]:
    with zipfile.ZipFile(MSNBC) as archive:
        text = archive.read("msnbc990928.seq").decode("ascii")
    header, body = text.split("% Sequences:")
    names = header.split()[-17:]
    return [[names[int(n) - 1] for n in line.split()] for line in body.splitlines()
            if line.split()]


@pytest.fixture(scope="module")
def msnbc() -> list[list[str]]:
    return msnbc_sequences()


def msnbc_lookup(sequence: list[str]) -> bool:
    topics = [page for page in sequence if page != "frontpage"]
    return len(set(topics)) == 1 and sequence[-1] != "frontpage"


@pytest.mark.slow
def test_read_msnbc_matches_a_plain_parse_of_the_zip(msnbc) -> None:
    frame = gio.read_msnbc(MSNBC).frame
    assert frame["session_id"].nunique() == len(msnbc) == 989_818
    assert len(frame) == sum(map(len, msnbc)) == 4_698_794
    assert frame["page"].astype(str).iloc[:2].tolist() == msnbc[0]
    metrics = cs.session_metrics(frame, services=[c for c in gio.MSNBC_CATEGORIES
                                                  if c != "frontpage"])
    assert metrics["is_lookup"].sum() == sum(map(msnbc_lookup, msnbc))
    assert metrics["pages"].tolist()[:1000] == [len(s) for s in msnbc[:1000]]


def test_federal_domains_load_through_their_contract() -> None:
    with DAP.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    frame = gio.read_table(DAP, cs.DAP_DOMAINS).frame
    assert len(frame) == len(rows) == 1_976
    assert frame["visits"].sum() == sum(int(r["visits"]) for r in rows)
    assert frame["domain"].tolist() == [r["domain"] for r in rows]


def gini(values) -> float:
    ordered = sorted(float(v) for v in values)
    n, total = len(ordered), sum(ordered)
    return 2 * sum(i * v for i, v in enumerate(ordered, 1)) / (n * total) - (n + 1) / n


@pytest.fixture(scope="module")
def chapter(run_notebook) -> dict:
    return glued_values(run_notebook(NOTEBOOK))


def plain_pandas_sessions(clicks: pd.DataFrame) -> pd.DataFrame:
    """Sessions the straightforward way: sort, diff, cumsum."""
    frame = clicks.sort_values(["user_id", "timestamp"], kind="stable").reset_index(drop=True)
    gap = frame.groupby("user_id")["timestamp"].diff()
    frame["session"] = (gap.isna() | (gap > pd.Timedelta("30min"))).cumsum()
    return frame


@pytest.mark.slow
def test_chapter_figures_on_the_simulated_log(chapter) -> None:
    data = cs.simulate(SEED)
    clicks = data.clicks.assign(page=data.clicks["page"].astype(str))
    services = set(data.menu.loc[data.menu["kind"] == "service", "page"])
    frame = plain_pandas_sessions(clicks)
    assert text_of(chapter, "n_records") == f"{len(clicks):,}"
    assert text_of(chapter, "n_sessions") == f"{frame['session'].nunique():,}"
    per_session = frame.groupby("session")["page"].agg(list)
    lookups = [
        len({p for p in pages if p in services}) == 1 and pages[-1] in services
        for pages in per_session
    ]
    assert text_of(chapter, "lookup_share") == f"{np.mean(lookups):.0%}"
    views = Counter(p for p in clicks["page"] if p in services)
    counts = [views.get(s, 0) for s in services]
    assert text_of(chapter, "gini") == f"{gini(counts):.2f}"
    under = sum(c / sum(counts) < 0.01 for c in counts)
    assert text_of(chapter, "under_1pct") == f"{under}"
    assert text_of(chapter, "sessions_match") == "all of them"
    assert text_of(chapter, "covered") == "5 of 5"
    assert text_of(chapter, "null_lookup") == "50%"
    assert text_of(chapter, "null_under") == "13"
    assert text_of(chapter, "n_table_worlds") == "8"
    assert text_of(chapter, "n_pages") == f"{clicks['page'].nunique()}"
    for name in ("fig_session_lengths", "fig_service_shares", "fig_transitions", "fig_reach",
                 "fig_cooccurrence", "fig_dendrogram", "fig_msnbc_transitions", "fig_lorenz"):
        assert isinstance(chapter[name], dict) and "image/png" in chapter[name], name


@pytest.mark.slow
def test_chapter_at_scale_section_quotes_duckdb_and_the_benchmark_file(chapter) -> None:
    """DuckDB's sessions equal the chapter's; the measured figures are the committed file's."""
    assert text_of(chapter, "duck_agree") == "the same"
    assert text_of(chapter, "duck_sessions") == text_of(chapter, "n_sessions")
    with (ROOT / "data" / "benchmarks" / "clickstream_engines.csv").open(newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["records"] == str(cs.PAPER_RECORDS)]
    assert {r["engine"] for r in rows} == {"memory", "duckdb", "spark"}
    for row in rows:
        engine = row["engine"]
        assert text_of(chapter, f"bench_{engine}_seconds") == f"{float(row['seconds']):,.0f}"
        assert text_of(chapter, f"bench_{engine}_gib") == f"{int(row['peak_rss_mib']) / 1024:.1f}"
    agreed = all(r["agree"] == "true" for r in rows) and len({r["sessions"] for r in rows}) == 1
    assert text_of(chapter, "bench_agree") == (
        "gave identical results" if agreed else "did not agree"
    )
    assert text_of(chapter, "bench_sessions") == f"{int(rows[0]['sessions']):,}"
    table = engines.read_benchmarks(ROOT / "data" / "benchmarks" / "clickstream_engines.csv")
    assert text_of(chapter, "scale_sentence") == engines.scale_sentence(
        table, 10 * cs.PAPER_RECORDS, base=cs.PAPER_RECORDS
    )


@pytest.mark.slow
def test_chapter_msnbc_figures_equal_the_raw_file(chapter, msnbc) -> None:
    lengths = [len(s) for s in msnbc]
    assert text_of(chapter, "msnbc_sessions") == f"{len(msnbc):,}"
    assert text_of(chapter, "msnbc_views") == f"{sum(lengths):,}"
    assert text_of(chapter, "msnbc_single") == f"{sum(n == 1 for n in lengths) / len(msnbc):.0%}"
    assert text_of(chapter, "msnbc_median_pages") == f"{np.median(lengths):.0f}"
    lookup = sum(map(msnbc_lookup, msnbc)) / len(msnbc)
    assert text_of(chapter, "msnbc_lookup") == f"{lookup:.0%}"
    views = Counter(page for sequence in msnbc for page in sequence)
    assert text_of(chapter, "msnbc_front_share") == f"{views['frontpage'] / sum(lengths):.0%}"
    assert text_of(chapter, "msnbc_gini") == f"{gini(views.values()):.2f}"
    moves = Counter((a, b) for s in msnbc for a, b in zip(s, s[1:], strict=False))
    exits = Counter(s[-1] for s in msnbc)
    stays = []
    for page in views:
        total = sum(n for (a, _), n in moves.items() if a == page) + exits[page]
        stays.append(moves[(page, page)] / total)
    assert text_of(chapter, "msnbc_stay") == f"{np.mean(stays):.0%}"


@pytest.mark.slow
def test_chapter_federal_figures_equal_the_raw_file(chapter) -> None:
    with DAP.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    visits = [int(r["visits"]) for r in rows]
    views = [int(r["pageviews"]) for r in rows]
    assert text_of(chapter, "dap_domains") == f"{len(rows):,}"
    assert text_of(chapter, "dap_per_visit") == f"{sum(views) / sum(visits):.1f}"
    short = sum(float(r["pageviews_per_session"]) < 2 for r in rows) / len(rows)
    assert text_of(chapter, "dap_short") == f"{short:.0%}"
    top10 = sum(sorted(visits, reverse=True)[:10]) / sum(visits)
    assert text_of(chapter, "dap_top10") == f"{top10:.0%}"
    assert text_of(chapter, "dap_gini") == f"{gini(visits):.2f}"
    assert text_of(chapter, "dap_top") == max(rows, key=lambda r: int(r["visits"]))["domain"]


@pytest.mark.slow
def test_chapter_runs_on_your_own_clickstream(run_notebook) -> None:
    glued = glued_values(run_notebook(NOTEBOOK, DATA_PATH=str(GOOD)))
    assert text_of(glued, "n_records") == "22"
    assert text_of(glued, "n_sessions") == "7"
    assert text_of(glued, "lookup_share") == f"{4 / 7:.0%}"
    assert text_of(glued, "abandonment") == "25%"
    assert "covered" not in glued and "ari_menu" not in glued  # need the planted truth
    assert "fool_verdict" not in glued


@pytest.mark.slow
def test_chapter_runs_on_your_own_access_log(run_notebook) -> None:
    glued = glued_values(
        run_notebook(NOTEBOOK, DATA_PATH=str(SAMPLE / "access_good.log"), HOME_PAGE="/",
                     MENU_PREFIX="/menu", SALT="test-salt")
    )
    assert text_of(glued, "n_records") == "6"
    assert text_of(glued, "n_users") == "2"
    assert text_of(glued, "n_services") == "2"
