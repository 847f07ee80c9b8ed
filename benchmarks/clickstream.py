"""Benchmark the clickstream chapter's pipeline at the study's scale (42,188,760 records).

Writes N simulated records (the fictional bureau's two-month log, in time order as a server
writes it) to a Parquet file, then times the chapter's pipeline on that file (read, sessionize
with a 30-minute timeout, session metrics with the lookup rule, first-order transition matrix,
service utilisation) against two baselines computed on the same file in the same run:

- pandas: a straightforward implementation (``sort_values`` by user and time, ``groupby``
  diff and cumsum for sessions, ``groupby`` aggregations for metrics and transitions);
- DuckDB: one SQL window-function query (``lag`` / ``sum`` over user partitions ordered by time)
  materialised as a table, then three aggregate queries.

Each of the three runs in its own fresh Python process, so that each peak resident set size
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``) is that implementation's own; the data are
generated in yet another process. The three must agree (sessions, lookups, transition counts,
page views); the run stops if they do not. It also prints the pipeline's time at 1M, 4M, 16M
and 42M records, to show how the cost grows. Timings are never asserted: machines are shared.

Run with ``make bench`` or ``.venv/bin/python benchmarks/clickstream.py [--records N]``. The
last line is ``clickstream records=N seconds=S peak_rss_mib=M vs_pandas=R1 vs_duckdb=R2``, with
R = baseline seconds / pipeline seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import peak_rss_mib

PAPER_RECORDS = 42_188_760
LADDER = (1_000_000, 4_000_000, 16_000_000, PAPER_RECORDS)
SEED = 2022
TIMEOUT = "30min"


# --------------------------------------------------------------------------------------------
# Workers (each runs in its own process)
# --------------------------------------------------------------------------------------------


def generate(records: int, path: str) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from govsocial import clickstream

    start = time.perf_counter()
    if records == PAPER_RECORDS:  # the study's scale, as the chapter's SCALE = "paper" asks for it
        data = clickstream.simulate(SEED, "paper")
    else:
        data = clickstream.simulate(SEED, n_records=records)
    clicks = data.clicks
    if len(clicks) != records:  # the simulator writes exactly the records asked for
        raise SystemExit(f"asked for {records:,} records, the simulator wrote {len(clicks):,}")
    table = pa.table(
        {
            "user_id": pa.array(clicks["user_id"].to_numpy()),
            "timestamp": pa.array(clicks["timestamp"].array.asi8, pa.timestamp("s", tz="UTC")),
            "page": pa.DictionaryArray.from_arrays(
                pa.array(clicks["page"].cat.codes.to_numpy()),
                pa.array(list(clicks["page"].cat.categories)),
            ),
        }
    )
    pq.write_table(table, path, row_group_size=4_000_000)
    return {
        "seconds": time.perf_counter() - start,
        "peak_rss_mib": peak_rss_mib(),
        "bytes": os.path.getsize(path),
    }


def summary(sessions: int, lookups: int, transitions: dict, views: dict) -> dict:
    """What every implementation must agree on."""
    return {
        "sessions": int(sessions),
        "lookups": int(lookups),
        "moves": int(sum(transitions.values())),
        "transitions": {k: int(v) for k, v in sorted(transitions.items())},
        "views": {k: int(v) for k, v in sorted(views.items()) if v},
    }


def read_columns(path: str):
    """Read the log batch by batch into preallocated columns (no second full-size copy).

    pyarrow decodes one batch at a time into small buffers that are reused, and each batch is
    copied into its place in numpy columns allocated once: the frame costs its own size and
    little more. Page dictionaries of different row groups are merged.
    """
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    source = pq.ParquetFile(path)
    n = source.metadata.num_rows
    schema = source.schema_arrow
    unit, tz = schema.field("timestamp").type.unit, schema.field("timestamp").type.tz
    user = np.empty(n, dtype=schema.field("user_id").type.to_pandas_dtype())
    stamps = np.empty(n, dtype=np.int64)
    page = np.empty(n, dtype=np.int16)
    names: list[str] = []
    position = 0
    for batch in source.iter_batches(batch_size=1 << 20, columns=["user_id", "timestamp", "page"]):
        size = batch.num_rows
        end = position + size
        user[position:end] = batch.column(0).to_numpy()
        stamps[position:end] = batch.column(1).cast(pa.int64()).to_numpy()
        pages = batch.column(2)
        if not pa.types.is_dictionary(pages.type):
            pages = pages.dictionary_encode()
        known = pd.Index(names)
        dictionary = pages.dictionary.to_pylist()
        where = known.get_indexer(dictionary)
        for number in np.flatnonzero(where < 0):
            names.append(dictionary[number])
            where[number] = len(names) - 1
        page[position:end] = where[pages.indices.to_numpy()]
        position = end
    codes = page.astype(np.int8) if len(names) <= 127 else page
    stamps_type = pd.DatetimeTZDtype(unit, tz) if tz else f"datetime64[{unit}]"
    timestamps = pd.arrays.DatetimeArray._simple_new(stamps.view(f"M8[{unit}]"), dtype=stamps_type)
    return pd.DataFrame(
        {
            "user_id": user,
            "timestamp": timestamps,
            "page": pd.Categorical.from_codes(codes, categories=names),
        },
        copy=False,
    )


def run_pipeline(path: str) -> dict:
    import pandas as pd

    from govsocial import clickstream

    services = clickstream.service_names(clickstream.menu_table())
    steps = {}
    start = last = time.perf_counter()

    def mark(step: str) -> None:
        nonlocal last
        now = time.perf_counter()
        steps[step] = {"seconds": now - last, "peak_rss_mib": peak_rss_mib()}
        last = now

    clicks = read_columns(path)
    mark("read Parquet")
    sessions = clickstream.sessionize(clicks, timeout=TIMEOUT)
    del clicks
    mark("sessionize")
    metrics = clickstream.session_metrics(sessions, services=services)
    mark("session metrics")
    moves = clickstream.transition_matrix(sessions, exit=True, normalise=False)
    mark("transition matrix")
    views = clickstream.page_views(sessions)
    usage = clickstream.utilisation(views.reindex(services, fill_value=0))
    mark("utilisation")
    seconds = time.perf_counter() - start
    stacked = moves.drop(columns=clickstream.EXIT).stack()
    transitions = {f"{a} > {b}": n for (a, b), n in stacked.items() if n}
    result = summary(len(metrics), metrics["is_lookup"].sum(), transitions, views.to_dict())
    result.update(
        seconds=seconds,
        peak_rss_mib=peak_rss_mib(),
        steps=steps,
        gini=usage.gini,
        median_pages=float(metrics["pages"].median()),
        median_duration_s=float(metrics["duration_s"].median()),
    )
    del pd
    return result


def run_pandas(path: str) -> dict:
    import pandas as pd

    from govsocial import clickstream

    services = clickstream.service_names(clickstream.menu_table())
    start = time.perf_counter()
    clicks = pd.read_parquet(path)
    clicks = clicks.sort_values(["user_id", "timestamp"], kind="stable", ignore_index=True)
    gap = clicks.groupby("user_id", sort=False)["timestamp"].diff()
    new = gap.isna() | (gap > pd.Timedelta(TIMEOUT))
    clicks["session_id"] = new.cumsum() - 1
    by_session = clicks.groupby("session_id", sort=True)
    metrics = by_session.agg(
        pages=("page", "size"),
        first=("timestamp", "min"),
        last=("timestamp", "max"),
        last_page=("page", "last"),
    )
    metrics["duration_s"] = (metrics["last"] - metrics["first"]).dt.total_seconds()
    is_service = clicks["page"].isin(services)
    distinct = clicks[is_service].groupby("session_id")["page"].nunique()
    metrics["services"] = distinct.reindex(metrics.index, fill_value=0)
    metrics["is_lookup"] = metrics["last_page"].isin(services) & metrics["services"].eq(1)
    clicks["next_page"] = by_session["page"].shift(-1)
    moves = clicks.groupby(["page", "next_page"], observed=True).size()
    views = clicks["page"].value_counts()
    shares = views.reindex(services, fill_value=0) / views.reindex(services).sum()
    seconds = time.perf_counter() - start
    transitions = {f"{a} > {b}": n for (a, b), n in moves.items() if n}
    result = summary(len(metrics), metrics["is_lookup"].sum(), transitions, views.to_dict())
    result.update(seconds=seconds, peak_rss_mib=peak_rss_mib(), top_share=float(shares.max()))
    return result


DUCKDB_SESSIONS = """
CREATE TEMP TABLE sessions AS
WITH clicks AS (
    SELECT user_id, "timestamp" AS ts, CAST(page AS VARCHAR) AS page, file_row_number AS rn
    FROM read_parquet(?, file_row_number = true)
),
gaps AS (
    SELECT *,
        CASE WHEN lag(ts) OVER w IS NULL OR ts - lag(ts) OVER w > INTERVAL 30 MINUTE
             THEN 1 ELSE 0 END AS new_session
    FROM clicks
    WINDOW w AS (PARTITION BY user_id ORDER BY ts, rn)
)
SELECT *,
    sum(new_session) OVER (PARTITION BY user_id ORDER BY ts, rn ROWS UNBOUNDED PRECEDING)
        AS session
FROM gaps
"""

DUCKDB_METRICS = """
SELECT count(*) AS sessions,
       sum(CASE WHEN last_is_service AND services = 1 THEN 1 ELSE 0 END) AS lookups,
       median(pages) AS median_pages,
       median(duration_s) AS median_duration_s
FROM (
    SELECT user_id, session, count(*) AS pages,
           date_diff('second', min(ts), max(ts)) AS duration_s,
           count(DISTINCT page) FILTER (WHERE list_contains(?::VARCHAR[], page)) AS services,
           list_contains(?::VARCHAR[], arg_max(page, rn)) AS last_is_service
    FROM sessions
    GROUP BY user_id, session
)
"""

DUCKDB_TRANSITIONS = """
SELECT page, next_page, count(*) AS n
FROM (
    SELECT page, lead(page) OVER (PARTITION BY user_id, session ORDER BY ts, rn) AS next_page
    FROM sessions
)
WHERE next_page IS NOT NULL
GROUP BY page, next_page
"""


def run_duckdb(path: str) -> dict:
    import duckdb

    from govsocial import clickstream

    services = clickstream.service_names(clickstream.menu_table())
    start = time.perf_counter()
    connection = duckdb.connect()
    connection.execute(DUCKDB_SESSIONS, [path])
    sessions, lookups, median_pages, median_duration = connection.execute(
        DUCKDB_METRICS, [services, services]
    ).fetchone()
    moves = connection.execute(DUCKDB_TRANSITIONS).fetchall()
    views = dict(connection.execute("SELECT page, count(*) FROM sessions GROUP BY page").fetchall())
    seconds = time.perf_counter() - start
    transitions = {f"{a} > {b}": n for a, b, n in moves}
    result = summary(sessions, lookups, transitions, views)
    result.update(
        seconds=seconds,
        peak_rss_mib=peak_rss_mib(),
        median_pages=float(median_pages),
        median_duration_s=float(median_duration),
        threads=connection.execute("SELECT current_setting('threads')").fetchone()[0],
    )
    return result


WORKERS = {"pipeline": run_pipeline, "pandas": run_pandas, "duckdb": run_duckdb}


# --------------------------------------------------------------------------------------------
# The conductor
# --------------------------------------------------------------------------------------------


def in_subprocess(*args: str) -> dict:
    completed = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        raise SystemExit(f"worker {args[:2]} failed")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def check_agreement(results: dict[str, dict]) -> None:
    reference = results["pipeline"]
    for name, result in results.items():
        for key in ("sessions", "lookups", "moves", "transitions", "views"):
            if result[key] != reference[key]:
                raise SystemExit(f"{name} disagrees with the pipeline on {key}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=PAPER_RECORDS)
    parser.add_argument("--no-ladder", action="store_true", help="skip the 1M-42M ladder")
    parser.add_argument("--workdir", default=None, help="where to write the Parquet files")
    parser.add_argument("--worker", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--generate", nargs=2, metavar=("N", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        print(json.dumps(generate(int(args.generate[0]), args.generate[1])))
        return
    if args.worker:
        print(json.dumps(WORKERS[args.worker[0]](args.worker[1]), default=float))
        return

    records = args.records
    workdir = Path(tempfile.mkdtemp(prefix="clickstream-bench-", dir=args.workdir))
    try:
        print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()}")
        sizes = [] if args.no_ladder else [n for n in LADDER if n < records]
        ladder = {}
        for size in [*sizes, records]:
            path = str(workdir / f"clicks_{size}.parquet")
            made = in_subprocess("--generate", str(size), path)
            print(
                f"generate {size:>11,} records: {made['seconds']:7.1f} s, "
                f"peak RSS {made['peak_rss_mib']:6.0f} MiB, Parquet {made['bytes'] / 2**20:.0f} MiB"
            )
            result = in_subprocess("--worker", "pipeline", path)
            ladder[size] = result
            if size != records:
                os.remove(path)
        pipeline = ladder[records]
        print(f"\npipeline steps at {records:,} records (own process):")
        for step, figures in pipeline["steps"].items():
            print(
                f"  {step:<20} {figures['seconds']:7.2f} s   "
                f"peak RSS so far {figures['peak_rss_mib']:7.0f} MiB"
            )
        path = str(workdir / f"clicks_{records}.parquet")
        results = {"pipeline": pipeline}
        for name in ("pandas", "duckdb"):
            results[name] = in_subprocess("--worker", name, path)
        check_agreement(results)
        print(
            f"\nall three agree: {pipeline['sessions']:,} sessions, {pipeline['lookups']:,} "
            f"lookups, {pipeline['moves']:,} moves within sessions"
        )
        print(f"\n{'implementation':<16}{'seconds':>10}{'peak RSS MiB':>15}")
        for name, result in results.items():
            print(f"{name:<16}{result['seconds']:>10.2f}{result['peak_rss_mib']:>15.0f}")
        print("\npipeline seconds by log size (each in a fresh process):")
        for size, result in ladder.items():
            print(
                f"  {size:>11,} records: {result['seconds']:6.2f} s "
                f"({result['seconds'] / size * 1e9:5.0f} ns per record), "
                f"peak RSS {result['peak_rss_mib']:6.0f} MiB"
            )
        print(f"load average at the end: {os.getloadavg()}")
        seconds = pipeline["seconds"]
        print(
            f"clickstream records={records} seconds={seconds:.2f} "
            f"peak_rss_mib={pipeline['peak_rss_mib']:.0f} "
            f"vs_pandas={results['pandas']['seconds'] / seconds:.2f} "
            f"vs_duckdb={results['duckdb']['seconds'] / seconds:.2f}"
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
