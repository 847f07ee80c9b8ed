"""The clickstream pipeline on the memory and DuckDB engines: identical results, by hand too.

A hand-made log holds what engines get wrong: two clicks of one user at the same instant (the
log's order decides), a click exactly at the timeout (stays in the session) and one a
microsecond later (opens a new one), a session across midnight (two day partitions), and one
user's clicks split over two files written as two chunks. The expectations are worked out by
hand. The Spark engine is compared with both on the same logs in ``test_spark_cluster.py``.
"""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from govsocial import clickstream as cs
from govsocial.clickstream import engines
from govsocial.schema import DataError

FINE, LOOKUP, HOME = "fine payment", "violation lookup", "home"


def hand_log() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The hand-made log as two chunks (user 3's clicks are split over both)."""
    stamp = pd.Timestamp
    first = pd.DataFrame(
        [
            (1, stamp("2019-03-01 23:50:00"), HOME),
            (2, stamp("2019-03-01 10:00:00"), LOOKUP),
            (2, stamp("2019-03-01 10:00:00"), HOME),  # same instant: after LOOKUP in the log
            (1, stamp("2019-03-02 00:10:00"), FINE),  # across midnight, 20 min later
            (3, stamp("2019-03-01 12:00:00"), HOME),
            (1, stamp("2019-03-02 00:40:00"), FINE),  # exactly 30 min later: same session
        ],
        columns=["user_id", "timestamp", "page"],
    )
    second = pd.DataFrame(
        [
            (3, stamp("2019-03-01 12:00:00"), FINE),  # same instant as user 3's HOME, later file
            (3, stamp("2019-03-01 12:05:00"), HOME),
            (1, stamp("2019-03-02 01:10:00.000001"), LOOKUP),  # 30 min + 1 us: new session
        ],
        columns=["user_id", "timestamp", "page"],
    )
    return first, second


HAND_SESSIONS = pd.DataFrame(
    [
        (1, 0, 3, HOME, FINE, 1, True, "2019-03-01"),
        (1, 1, 1, LOOKUP, LOOKUP, 1, True, "2019-03-02"),
        (2, 0, 2, LOOKUP, HOME, 1, False, "2019-03-01"),
        (3, 0, 3, HOME, HOME, 1, False, "2019-03-01"),
    ],
    columns=["user_id", "session", "pages", "first_page", "last_page", "services", "is_lookup",
             "day"],
)
HAND_TRANSITIONS = {
    (HOME, FINE): 2, (FINE, FINE): 1, (FINE, "(exit)"): 1, (LOOKUP, "(exit)"): 1,
    (LOOKUP, HOME): 1, (HOME, "(exit)"): 2, (FINE, HOME): 1,
}
HAND_VIEWS = {HOME: 4, FINE: 3, LOOKUP: 2}


def write_hand_log(folder) -> None:
    first, second = hand_log()
    engines.write_log(first, folder, part=0)
    engines.write_log(second, folder, part=1, first_row=len(first))


@pytest.fixture(scope="module")
def hand_results(tmp_path_factory):
    base = tmp_path_factory.mktemp("hand")
    write_hand_log(base / "log")
    return {
        engine: engines.run(base / "log", base / engine, engine=engine)
        for engine in ("memory", "duckdb")
    }


def as_dicts(result: engines.EngineResult) -> tuple[dict, dict]:
    moves = {(r.from_page, r.to_page): r.moves for r in result.transitions.itertuples()}
    return moves, dict(zip(result.views["page"], result.views["views"], strict=True))


@pytest.mark.parametrize("engine", ["memory", "duckdb"])
def test_engine_finds_the_hand_worked_sessions(hand_results, engine) -> None:
    sessions = engines.read_sessions(hand_results[engine].sessions_path.parent)
    pd.testing.assert_frame_equal(sessions[HAND_SESSIONS.columns], HAND_SESSIONS)
    assert sessions.loc[0, "start"] == pd.Timestamp("2019-03-01 23:50", tz="UTC")
    assert sessions.loc[0, "finish"] == pd.Timestamp("2019-03-02 00:40", tz="UTC")


@pytest.mark.parametrize("engine", ["memory", "duckdb"])
def test_engine_counts_the_hand_worked_moves_and_views(hand_results, engine) -> None:
    moves, views = as_dicts(hand_results[engine])
    assert moves == HAND_TRANSITIONS
    assert views == HAND_VIEWS
    assert hand_results[engine].summary["lookups"] == 2


def test_sessions_are_written_partitioned_by_the_day_they_start(hand_results) -> None:
    for result in hand_results.values():
        days = sorted(path.name for path in result.sessions_path.iterdir() if path.is_dir())
        assert days == ["day=2019-03-01", "day=2019-03-02"]


def assert_same(first: engines.EngineResult, second: engines.EngineResult) -> None:
    assert first.summary == second.summary
    pd.testing.assert_frame_equal(first.transitions, second.transitions)
    pd.testing.assert_frame_equal(first.views, second.views)
    pd.testing.assert_frame_equal(
        engines.read_sessions(first.sessions_path.parent),
        engines.read_sessions(second.sessions_path.parent),
    )


@pytest.mark.parametrize("timeout", ["30min", "2min"])
def test_duckdb_matches_memory_on_a_simulated_log(tmp_path, timeout) -> None:
    clicks = cs.simulate(5, n_records=20_000).clicks
    engines.write_log(clicks.iloc[:12_000], tmp_path / "log", part=0)
    engines.write_log(clicks.iloc[12_000:], tmp_path / "log", part=1, first_row=12_000)
    memory = engines.run(tmp_path / "log", tmp_path / "memory", engine="memory", timeout=timeout)
    duck = engines.run(tmp_path / "log", tmp_path / "duckdb", engine="duckdb", timeout=timeout)
    assert_same(memory, duck)


@pytest.mark.parametrize(
    ("log", "rows_per_pass", "passes"), [("hand", 2, 5), ("simulated", 7_000, 3)]
)
def test_duckdb_in_passes_over_users_matches_one_pass(tmp_path, log, rows_per_pass, passes):
    # the hand log (9 clicks of 3 users) in 5 passes: some of them without a single user
    if log == "hand":
        write_hand_log(tmp_path / log)
    else:
        engines.write_log(cs.simulate(5, n_records=20_000).clicks, tmp_path / log)
    whole = engines.run(tmp_path / log, tmp_path / "whole", engine="duckdb")
    parts = engines.run(tmp_path / log, tmp_path / "parts", engine="duckdb",
                        rows_per_pass=rows_per_pass)
    assert_same(whole, parts)
    files = (tmp_path / "parts" / "clicks").rglob("*.parquet")
    used = {path.name.split("_")[0] for path in files}
    # the users were really split: more than one pass wrote clicks, and no pass beyond the last
    assert 1 < len(used) and used <= {f"pass{n}" for n in range(passes)}


def test_duckdb_run_again_into_the_same_folder_leaves_no_old_files(tmp_path) -> None:
    engines.write_log(cs.simulate(5, n_records=3_000).clicks, tmp_path / "log")
    first = engines.run(tmp_path / "log", tmp_path / "out", engine="duckdb", rows_per_pass=1_000)
    again = engines.run(tmp_path / "log", tmp_path / "out", engine="duckdb")
    assert len(engines.read_sessions(tmp_path / "out")) == again.summary["sessions"]
    assert first.summary == again.summary


def test_memory_engine_is_the_chapters_pipeline(tmp_path) -> None:
    clicks = cs.simulate(9, n_records=5_000).clicks
    engines.write_log(clicks, tmp_path / "log")
    result = engines.run(tmp_path / "log", tmp_path / "out", engine="memory")
    services = cs.service_names(cs.menu_table())
    metrics = cs.session_metrics(cs.sessionize(clicks), services=services)
    assert result.summary["sessions"] == len(metrics)
    assert result.summary["lookups"] == int(metrics["is_lookup"].sum())
    views = cs.page_views(cs.sessionize(clicks))
    assert dict(zip(result.views["page"], result.views["views"], strict=True)) == {
        page: count for page, count in views.items() if count
    }


def test_a_folder_without_day_partitions_is_a_data_error(tmp_path) -> None:
    with pytest.raises(DataError, match="day partitions"):
        engines.run(tmp_path, tmp_path / "out", engine="duckdb")


def test_an_unknown_engine_is_refused(tmp_path) -> None:
    with pytest.raises(ValueError, match="engine must be one of"):
        engines.run(tmp_path, tmp_path / "out", engine="polars")


def test_pyspark_is_imported_only_by_the_spark_engine(tmp_path) -> None:
    probe = (
        "import sys, tempfile\n"
        "from govsocial.clickstream import simulate, engines\n"
        "folder = tempfile.mkdtemp()\n"
        "engines.write_log(simulate(1, n_records=1_000).clicks, folder + '/log')\n"
        "engines.run(folder + '/log', folder + '/out', engine='duckdb')\n"
        "engines.run(folder + '/log', folder + '/mem', engine='memory')\n"
        "sys.exit('pyspark' in sys.modules)\n"
    )
    assert subprocess.run([sys.executable, "-c", probe], check=False).returncode == 0


def test_text_user_ids_give_the_same_sessions_in_both_engines(tmp_path) -> None:
    first, second = hand_log()
    clicks = pd.concat([first, second], ignore_index=True)
    clicks["user_id"] = "user-" + clicks["user_id"].astype(str)
    engines.write_log(clicks, tmp_path / "log")
    memory = engines.run(tmp_path / "log", tmp_path / "memory", engine="memory")
    duck = engines.run(tmp_path / "log", tmp_path / "duckdb", engine="duckdb")
    assert_same(memory, duck)
    assert engines.read_sessions(tmp_path / "duckdb")["user_id"].tolist()[:2] == ["user-1"] * 2


def benchmark_table(rows: list[tuple]) -> pd.DataFrame:
    columns = ["engine", "records", "seconds", "peak_rss_mib", "sessions", "agree"]
    table = pd.DataFrame(rows, columns=columns)
    return table.assign(cores=2, memory_gib=24, date="2026-12-03")


def test_the_scale_sentence_names_each_engine_and_whether_they_agreed() -> None:
    table = benchmark_table([
        ("memory", 10, 2.0, 6144, 3, True), ("duckdb", 100, 1800.4, 6000, 30, True),
        ("spark", 100, 5000.0, 8192, 30, True),
    ])
    said = engines.scale_sentence(table, 100, base=10)
    assert said.startswith("At 100 records (ten times the log above), DuckDB took 1,800 s")
    assert "and Spark (local mode) took 5,000 s with a peak of 8.0 GiB." in said
    assert "They gave identical results." in said
    assert "would need about 60 GiB at that size, more than the machine's 24 GiB." in said
    table.loc[2, "sessions"] = 31
    assert "They did not agree." in engines.scale_sentence(table, 100, base=10)
    small = table.assign(peak_rss_mib=table["peak_rss_mib"] / 10)
    assert "within the machine's 24 GiB" in engines.scale_sentence(small, 100, base=10)


def test_the_scale_sentence_says_what_was_not_measured() -> None:
    table = benchmark_table([("memory", 10, 2.0, 6144, 3, True), ("memory", 20, 4.0, 99, 6, True)])
    assert engines.scale_sentence(table, 100, base=10) == (
        "Logs of 100 records have not been measured on this machine."
    )
    said = engines.scale_sentence(table, 20, base=10)
    assert said == (
        "At 20 records (twice the log above), the chapter's functions took 4 s with a peak of "
        "0.1 GiB."
    )
