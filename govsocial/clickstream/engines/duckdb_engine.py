"""The DuckDB engine: the pipeline's SQL (:mod:`.sql`) in embedded DuckDB, out of core.

DuckDB reads the day partitions straight from Parquet, writes the sessionized clicks and the
sessions back as day-partitioned Parquet, and spills to ``temp_directory`` whatever does not fit
under ``memory_limit``: one machine, no server, logs larger than its memory.

Examples
--------
>>> import tempfile
>>> from govsocial.clickstream import simulate
>>> from govsocial.clickstream.engines import write_log
>>> folder = tempfile.mkdtemp()
>>> _ = write_log(simulate(7, n_records=1_000).clicks, f"{folder}/log")
>>> transitions, views, summary = run_duckdb(f"{folder}/log", Path(folder), ["fines"], 1)
>>> summary[2]  # clicks
1000
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .sql import pipeline_queries

__all__ = ["run_duckdb"]


def _quoted(path: Path | str) -> str:
    """Return a path as a SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def _parquet_view(name: str, folder: Path | str) -> str:
    """Return SQL for a view over a day-partitioned Parquet folder, ``day`` kept as text."""
    files = _quoted(f"{folder}/**/*.parquet")
    return (
        f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet({files}, "
        "hive_partitioning = true, hive_types = {'day': VARCHAR})"
    )


def _copy_partitioned(query: str, folder: Path, number: int) -> str:
    """Return SQL that writes a query's rows as Parquet partitioned by ``day``.

    Pass ``number`` names its files (``pass<number>_<i>.parquet``); the first pass empties the
    folder, later ones add their files beside it.
    """
    mode = "OVERWRITE" if number == 0 else "OVERWRITE_OR_IGNORE"
    return (
        f"COPY ({query}) TO {_quoted(folder)} "
        f"(FORMAT parquet, PARTITION_BY (day), {mode}, FILENAME_PATTERN 'pass{number}_{{i}}')"
    )


#: How many of the log's rows one pass handles at most (the benchmark at 421M clicks: 9 passes).
ROWS_PER_PASS = 50_000_000


def run_duckdb(
    source: str,
    output: Path,
    services: list[str],
    timeout_us: int,
    *,
    memory_limit: str | None = None,
    threads: int | None = None,
    temp_directory: str | None = None,
    rows_per_pass: int = ROWS_PER_PASS,
) -> tuple[pd.DataFrame, pd.DataFrame, tuple]:
    """Run the pipeline in DuckDB; write clicks and sessions; transitions, views, fingerprint.

    See :func:`govsocial.clickstream.engines.run`, which calls it with ``engine="duckdb"``.
    A log of more than ``rows_per_pass`` rows is handled in passes, each over the users whose
    ``hash(user_id)`` falls in it: every session lies within one user's clicks, so each pass
    is complete in itself, and the counts and sums of the passes add up. This is what Spark's
    shuffle does across machines, done here across time: one pass's window functions sort what
    fits under ``memory_limit`` instead of spilling the whole log to disk (at 421,887,600 clicks
    that spill passed 35 GB).
    """
    import duckdb

    queries = pipeline_queries(timeout_us, "epoch_us")
    connection = duckdb.connect()
    try:
        connection.execute("SET TimeZone = 'UTC'")
        connection.execute("SET preserve_insertion_order = false")
        connection.execute(f"SET temp_directory = {_quoted(temp_directory or output / 'spill')}")
        if memory_limit:
            connection.execute(f"SET memory_limit = {_quoted(memory_limit)}")
        if threads:
            connection.execute(f"SET threads = {int(threads)}")
        connection.execute(_parquet_view("whole_log", source))
        rows = connection.execute("SELECT count(*) FROM whole_log").fetchone()[0]
        passes = max(1, -(-rows // rows_per_pass))
        connection.execute(
            "CREATE TEMP TABLE services AS SELECT unnest(?::VARCHAR[]) AS page", [services]
        )
        results = [
            _one_pass(connection, queries, output, number, passes) for number in range(passes)
        ]
    finally:
        connection.close()
    return _added_up(results)


def _one_pass(connection, queries: dict[str, str], output: Path, number: int, passes: int):
    """Run the pipeline on pass ``number`` of ``passes``: its transitions, views, fingerprint."""
    users = "" if passes == 1 else f" WHERE hash(user_id) % {passes} = {number}"
    connection.execute(f"CREATE OR REPLACE TEMP VIEW log AS SELECT * FROM whole_log{users}")
    for table in ("clicks", "sessions"):
        connection.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS {queries[table]}")
        connection.execute(_copy_partitioned(f"SELECT * FROM {table}", output / table, number))
    transitions = connection.execute(queries["transitions"]).df()
    views = connection.execute(queries["views"]).df()
    summary = connection.execute(queries["summary"]).fetchone()
    connection.execute("DROP TABLE clicks; DROP TABLE sessions")
    return transitions, views, summary


def _added_up(results: list[tuple]) -> tuple[pd.DataFrame, pd.DataFrame, tuple]:
    """Add the passes' counts: transitions and views by page, the fingerprint's sums."""
    if len(results) == 1:
        return results[0]
    transitions = pd.concat([result[0] for result in results])
    transitions = transitions.groupby(["from_page", "to_page"], as_index=False)["moves"].sum()
    views = pd.concat([result[1] for result in results])
    views = views.groupby("page", as_index=False)["views"].sum()
    summary = tuple(
        sum(value or 0 for value in values)  # a pass without users sums to NULL
        for values in zip(*(result[2] for result in results), strict=True)
    )
    return transitions, views, summary
