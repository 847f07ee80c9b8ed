"""The clickstream pipeline on three engines: in memory, DuckDB (out of core) and Apache Spark.

The four steps of the chapter (sessions at an inactivity timeout, one row per session with the
lookup rule, first-order transitions, page views for utilisation) run on a log stored as Parquet
partitioned by day (``day=YYYY-MM-DD/``, as servers write logs). :func:`run` chooses the engine:

- ``"memory"``: the chapter's own numpy functions (:func:`~govsocial.clickstream.sessionize`,
  ...) on the whole log read into memory;
- ``"duckdb"``: the steps as SQL (:mod:`.sql`) in DuckDB, embedded, spilling to disk when the
  log does not fit in memory;
- ``"spark"``: the same SQL in Spark, locally or on a cluster (``master="spark://host:7077"``).
  PySpark is imported only there (``pip install govsocial[spark]``, and Java 17).

Every engine writes the sessions (one row per session) as Parquet partitioned by the day of the
session's first click into ``output/sessions/``, and returns an :class:`EngineResult` with the
transitions, the page views and a fingerprint of the sessions (sums that must agree exactly).

Public names
------------
ENGINES
    The engine names.
EngineResult
    What :func:`run` returns.
write_log(clicks, folder, *, part=0, first_row=0)
    Write a click log as day-partitioned Parquet with the log's order in ``log_row``.
run(source, output, *, engine="duckdb", services=None, timeout="30min", **options)
    Run the pipeline on a day-partitioned log with one engine.
read_sessions(output)
    The sessions an engine wrote, sorted by user and session.
read_benchmarks(path), benchmark_figures(table, records), scale_sentence(table, records, base)
    The benchmark's measured figures (``data/benchmarks/clickstream_engines.csv``), as text
    for the chapter's prose (:mod:`.measured`).

Examples
--------
>>> import tempfile
>>> from govsocial.clickstream import simulate
>>> folder = tempfile.mkdtemp()
>>> _ = write_log(simulate(7, n_records=2_000).clicks, f"{folder}/log")
>>> memory = run(f"{folder}/log", f"{folder}/memory", engine="memory")
>>> duck = run(f"{folder}/log", f"{folder}/duckdb", engine="duckdb")
>>> memory.summary == duck.summary
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from govsocial.schema import DataError

from .measured import benchmark_figures, read_benchmarks, scale_sentence
from .sql import SESSION_COLUMNS, SUMMARY_COLUMNS

__all__ = [
    "ENGINES", "EngineResult", "benchmark_figures", "read_benchmarks", "read_sessions", "run",
    "scale_sentence", "write_log",
]

ENGINES = ("memory", "duckdb", "spark")


@dataclass(frozen=True)
class EngineResult:
    """What one engine found in one log.

    Attributes
    ----------
    engine : str
        ``"memory"``, ``"duckdb"`` or ``"spark"``.
    sessions_path : Path or str
        The folder of the sessions, Parquet partitioned by ``day`` (a URL for an object store).
    transitions : DataFrame
        ``from_page``, ``to_page`` (``"(exit)"`` when the session ends) and ``moves``, sorted.
    views : DataFrame
        ``page`` and ``views``, sorted by page.
    summary : dict
        ``sessions``, ``lookups``, ``clicks``, ``services`` and the sums of the sessions' first
        and last click times in microseconds (``start_us``, ``finish_us``): a fingerprint.
    """

    engine: str
    sessions_path: Path | str
    transitions: pd.DataFrame
    views: pd.DataFrame
    summary: dict


def _utc_micros(stamps: pd.Series) -> pa.Array:
    """Timestamps as an Arrow ``timestamp[us, UTC]`` array (naive times are read as UTC)."""
    if stamps.dt.tz is None:
        stamps = stamps.dt.tz_localize("UTC")
    return pa.array(stamps.dt.tz_convert("UTC").astype("datetime64[us, UTC]"))


def _user_ids(users: pd.Series) -> pa.Array:
    """Return user ids as 64-bit integers when they are integers, else as text."""
    if pd.api.types.is_integer_dtype(users.dtype):
        return pa.array(users.to_numpy().astype(np.int64))
    return pa.array(users.astype(str).to_numpy(), pa.string())


def write_log(
    clicks: pd.DataFrame, folder: str | Path, *, part: int = 0, first_row: int = 0
) -> int:
    """Write clicks as Parquet partitioned by day, keeping the log's order in ``log_row``.

    Called once per chunk of a long log (``part`` 0, 1, ... and ``first_row`` the rows written
    before), the chunks add files to the same day folders, so no chunk needs the whole log.

    Parameters
    ----------
    clicks : DataFrame
        ``user_id`` (integers or text), ``timestamp`` (datetimes, UTC when naive; kept to the
        microsecond) and ``page``, in the log's order.
    folder : str or Path
        The log's folder; gets ``day=YYYY-MM-DD/part-<part>-0.parquet`` files.
    part : int
        Number of this chunk (names its files).
    first_row : int
        ``log_row`` of this chunk's first click.

    Returns
    -------
    int
        The rows written.

    Examples
    --------
    >>> import tempfile
    >>> clicks = pd.DataFrame({"user_id": [1, 1], "page": ["home", "fines"],
    ...     "timestamp": pd.to_datetime(["2019-03-01 23:59", "2019-03-02 00:01"])})
    >>> folder = tempfile.mkdtemp()
    >>> write_log(clicks, folder)
    2
    >>> sorted(path.name for path in Path(folder).iterdir())
    ['day=2019-03-01', 'day=2019-03-02']
    """
    stamps = _utc_micros(clicks["timestamp"])
    days = pc.strftime(stamps, format="%Y-%m-%d", locale="C")
    table = pa.table(
        {
            "user_id": _user_ids(clicks["user_id"]),
            "timestamp": stamps,
            "page": pa.array(clicks["page"].astype(str).to_numpy()),
            "log_row": pa.array(np.arange(first_row, first_row + len(clicks), dtype=np.int64)),
            "day": days,
        }
    )
    ds.write_dataset(
        table,
        str(folder),
        format="parquet",
        partitioning=ds.partitioning(pa.schema([("day", pa.string())]), flavor="hive"),
        basename_template=f"part-{part}-{{i}}.parquet",
        existing_data_behavior="overwrite_or_ignore",
        max_rows_per_group=1 << 20,
    )
    return len(clicks)


def read_sessions(output: str | Path) -> pd.DataFrame:
    """Read the sessions an engine wrote, sorted by user and session, in plain dtypes.

    Examples
    --------
    >>> import tempfile
    >>> from govsocial.clickstream import simulate
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_log(simulate(7, n_records=2_000).clicks, f"{folder}/log")
    >>> result = run(f"{folder}/log", f"{folder}/out", engine="duckdb")
    >>> len(read_sessions(f"{folder}/out")) == result.summary["sessions"]
    True
    """
    table = ds.dataset(
        str(Path(output) / "sessions"), format="parquet", partitioning="hive"
    ).to_table()
    frame = table.to_pandas()
    for column in ("start", "finish"):
        stamps = pd.to_datetime(frame[column], utc=True)
        frame[column] = stamps.dt.tz_convert("UTC").astype("datetime64[us, UTC]")
    if pd.api.types.is_integer_dtype(frame["user_id"].dtype):
        frame["user_id"] = frame["user_id"].astype(np.int64)
    else:
        frame["user_id"] = frame["user_id"].astype(str)
    for column in ("session", "pages", "services"):
        frame[column] = frame[column].astype(np.int64)
    for column in ("first_page", "last_page", "day"):
        frame[column] = frame[column].astype(str)
    frame["is_lookup"] = frame["is_lookup"].astype(bool)
    frame = frame[[*SESSION_COLUMNS, "day"]]
    return frame.sort_values(["user_id", "session"], ignore_index=True)


def _tidy(transitions: pd.DataFrame, views: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sort and type the small tables the same way for every engine."""
    transitions = transitions.astype({"from_page": str, "to_page": str, "moves": np.int64})
    views = views.astype({"page": str, "views": np.int64})
    transitions = transitions.sort_values(["from_page", "to_page"], ignore_index=True)
    return transitions, views.sort_values("page", ignore_index=True)


def _summary(values: Iterable) -> dict:
    """Return the fingerprint as plain Python integers."""
    return {name: int(value) for name, value in zip(SUMMARY_COLUMNS, values, strict=True)}


def run(
    source: str | Path,
    output: str | Path,
    *,
    engine: str = "duckdb",
    services: Iterable[str] | None = None,
    timeout: str | pd.Timedelta = "30min",
    **options,
) -> EngineResult:
    """Run the clickstream pipeline on a day-partitioned Parquet log with one engine.

    Parameters
    ----------
    source : str or Path
        The log's folder (``day=YYYY-MM-DD/*.parquet`` with ``user_id``, ``timestamp``,
        ``page`` and ``log_row``), as :func:`write_log` writes it; for Spark also a URL such as
        ``s3a://bucket/clicks`` (credentials from the environment, never in code).
    output : str or Path
        Where the engine writes ``sessions/`` (and DuckDB and Spark ``clicks/``, the
        sessionized clicks they read back for the later steps).
    engine : {"memory", "duckdb", "spark"}
        The engine.
    services : iterable of str, optional
        The pages that are services (default: the fictional bureau's).
    timeout : str or Timedelta
        The inactivity gap that closes a session; a click exactly at the timeout stays in it.
    **options
        Passed to the engine: DuckDB ``memory_limit``, ``threads``, ``temp_directory``; Spark
        ``master``, ``spark`` (an existing session), ``config`` (a dict).

    Returns
    -------
    EngineResult

    Examples
    --------
    >>> import tempfile
    >>> from govsocial.clickstream import simulate
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_log(simulate(3, n_records=1_000).clicks, f"{folder}/log")
    >>> run(f"{folder}/log", f"{folder}/out").summary["clicks"]
    1000
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    remote = "://" in str(source)  # an object store (s3a://...): Spark checks it
    if not remote and not any(Path(source).glob("day=*/*.parquet")):
        raise DataError(
            "the log folder has no day partitions", file=str(source),
            expected="day=YYYY-MM-DD/*.parquet files (write them with write_log)",
            found="no such files",
        )
    if services is None:
        from govsocial.clickstream import menu_table, service_names

        services = service_names(menu_table())
    services = sorted(set(services))
    timeout_us = int(pd.Timedelta(timeout).total_seconds() * 1_000_000)
    if "://" not in str(output):
        output = Path(output)
        output.mkdir(parents=True, exist_ok=True)
    if engine == "memory":
        from .memory import run_memory as runner
    elif engine == "duckdb":
        from .duckdb_engine import run_duckdb as runner
    else:
        from .spark_engine import run_spark as runner
    transitions, views, summary = runner(str(source), output, services, timeout_us, **options)
    transitions, views = _tidy(transitions, views)
    sessions_path = f"{output}/sessions" if isinstance(output, str) else output / "sessions"
    return EngineResult(engine, sessions_path, transitions, views, _summary(summary))
