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


def _copy_partitioned(query: str, folder: Path) -> str:
    """Return SQL that writes a query's rows as Parquet partitioned by ``day``."""
    return (
        f"COPY ({query}) TO {_quoted(folder)} "
        "(FORMAT parquet, PARTITION_BY (day), OVERWRITE_OR_IGNORE)"
    )


def run_duckdb(
    source: str,
    output: Path,
    services: list[str],
    timeout_us: int,
    *,
    memory_limit: str | None = None,
    threads: int | None = None,
    temp_directory: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, tuple]:
    """Run the pipeline in DuckDB; write clicks and sessions; transitions, views, fingerprint.

    See :func:`govsocial.clickstream.engines.run`, which calls it with ``engine="duckdb"``.
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
        connection.execute(_parquet_view("log", source))
        connection.execute(
            "CREATE TEMP TABLE services AS SELECT unnest(?::VARCHAR[]) AS page", [services]
        )
        connection.execute(_copy_partitioned(queries["clicks"], output / "clicks"))
        connection.execute(_parquet_view("clicks", output / "clicks"))
        connection.execute(_copy_partitioned(queries["sessions"], output / "sessions"))
        connection.execute(_parquet_view("sessions", output / "sessions"))
        transitions = connection.execute(queries["transitions"]).df()
        views = connection.execute(queries["views"]).df()
        summary = connection.execute(queries["summary"]).fetchone()
    finally:
        connection.close()
    return transitions, views, summary
