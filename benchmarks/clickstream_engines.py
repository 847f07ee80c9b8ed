"""Benchmark the clickstream pipeline on three engines: in memory, DuckDB and Spark.

Writes N simulated records (default: the study's 42,188,760) as Parquet partitioned by day, in
chunks of about 4.2 million records, so the log is never whole in memory: each chunk is a log of
the fictional bureau simulated with its own seed and its own users (user ids offset by 10^8 per
chunk), over the same two months, added as one more file to every day's folder. Then each engine
runs the pipeline (sessions at a 30-minute timeout, the sessions written back as day-partitioned
Parquet, the lookup rule, first-order transitions, page views) in a fresh Python process of its
own, and the engines must agree exactly: the sessions' fingerprint (number, lookups, clicks,
services, sums of the first and last click times in microseconds), every transition count and
every page view. The run stops if they do not.

Peak memory is the peak resident set size of the engine's whole process tree (Spark's JVM is a
child of the Python driver), sampled every 0.2 s, or the process's own exact peak when larger.
DuckDB and Spark get the same memory budget (``--memory``, default 6 GB): DuckDB's
``memory_limit`` and Spark's driver memory (local mode: the driver is the executor); beyond it
they spill to disk. The in-memory engine has no budget: it needs the log in memory.

Run ``.venv/bin/python benchmarks/clickstream_engines.py`` (42M, all three engines) or
``--scale 10`` (421,887,600 records, DuckDB and Spark only: hours on two cores, about 6 GB of
Parquet plus the engines' output). With ``--workdir DIR`` the log and each engine's answer are
kept in DIR, so a long run can be resumed one engine at a time (``--engines spark``) and is
still compared with the engines measured before. One line per engine and size, in the
``key=value`` style:
``clickstream_engine engine=E records=N seconds=S peak_rss_mib=M sessions=K agree=true``. With
``--csv PATH`` (default ``data/benchmarks/clickstream_engines.csv``) the figures are also
written there, with the machine and the date, for the chapter to quote. Timings are never
asserted: machines are shared.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from timing import peak_rss_mib

PAPER_RECORDS = 42_188_760
CHUNK_RECORDS = 4_218_876  # a tenth of the study's log
SEED = 2022
TIMEOUT = "30min"
USERS_PER_CHUNK = 10**8
ROOT = Path(__file__).resolve().parents[1]
CSV_PATH = ROOT / "data" / "benchmarks" / "clickstream_engines.csv"
CSV_COLUMNS = (
    "engine", "records", "seconds", "peak_rss_mib", "memory_budget", "sessions", "lookups",
    "moves", "agree", "cores", "memory_gib", "machine", "python", "engine_version", "date",
)


class TreePeak:
    """Sample the resident memory of this process and its children (Spark's JVM) in a thread."""

    def __init__(self, interval: float = 0.2) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(interval,), daemon=True)

    def _sample(self, interval: float) -> None:
        try:
            import psutil
        except ImportError:  # the process's own peak only
            return
        me = psutil.Process()
        while not self._stop.is_set():
            try:
                processes = [me, *me.children(recursive=True)]
                total = sum(p.memory_info().rss for p in processes if p.is_running())
            except psutil.Error:
                continue
            self.peak = max(self.peak, total / 2**20)
            self._stop.wait(interval)

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


# --------------------------------------------------------------------------------------------
# Workers (each runs in its own process)
# --------------------------------------------------------------------------------------------


def write_chunk(part: int, records: int, folder: str) -> float:
    """Write chunk ``part`` of a log of ``records`` clicks; the process's peak memory (MiB)."""
    from govsocial.clickstream import simulate
    from govsocial.clickstream.engines import write_log

    first = part * CHUNK_RECORDS
    size = min(CHUNK_RECORDS, records - first)
    clicks = simulate(SEED + part, n_records=max(size, 1_000)).clicks.iloc[:size]
    clicks = clicks.assign(user_id=clicks["user_id"].astype("int64") + part * USERS_PER_CHUNK)
    write_log(clicks, folder, part=part, first_row=first)
    return peak_rss_mib()


def generate(records: int, folder: str, jobs: int) -> dict:
    """Write ``records`` simulated clicks to ``folder`` in chunks, ``jobs`` chunks at a time.

    Every chunk depends only on its number (its seed, its users, its first ``log_row``), so the
    log is the same however many processes write it. Returns time, peak memory (the largest of
    one writing process; ``jobs`` of them run at once) and bytes.
    """
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    start = time.perf_counter()
    parts = range(-(-records // CHUNK_RECORDS))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        peaks = list(pool.map(partial(write_chunk, records=records, folder=folder), parts))
    size = sum(path.stat().st_size for path in Path(folder).rglob("*.parquet"))
    return {"seconds": time.perf_counter() - start, "peak_rss_mib": max(peaks), "bytes": size}


def run_engine(engine: str, folder: str, output: str, memory: str) -> dict:
    """Run one engine on the log; its figures and what the engines must agree on."""
    from govsocial.clickstream.engines import run

    options: dict = {}
    if engine == "duckdb":
        import duckdb

        options = {"memory_limit": memory, "temp_directory": f"{output}/spill"}
        version = duckdb.__version__
    elif engine == "spark":
        import pyspark

        spark_memory = memory.lower().replace("gb", "g")
        options = {
            "master": f"local[{os.cpu_count()}]",
            "config": {
                "spark.driver.memory": spark_memory,
                "spark.local.dir": f"{output}/spill",
                # shuffle files of 421M clicks: smaller with zstd, and removed once a query
                # is done with them rather than at the next half-hourly clean-up
                "spark.io.compression.codec": "zstd",
                "spark.cleaner.periodicGC.interval": "1min",
            },
        }
        version = pyspark.__version__
    else:
        import numpy

        version = f"numpy {numpy.__version__}"
    with TreePeak() as tree:
        start = time.perf_counter()
        result = run(folder, output, engine=engine, timeout=TIMEOUT, **options)
        seconds = time.perf_counter() - start
    moves = result.transitions[result.transitions["to_page"] != "(exit)"]
    return {
        "seconds": seconds,
        "peak_rss_mib": max(tree.peak, peak_rss_mib()),
        "summary": result.summary,
        "transitions": [list(map(str, row)) for row in result.transitions.itertuples(index=False)],
        "views": [list(map(str, row)) for row in result.views.itertuples(index=False)],
        "moves": int(moves["moves"].sum()),
        "engine_version": version,
    }


# --------------------------------------------------------------------------------------------
# The conductor
# --------------------------------------------------------------------------------------------


def in_subprocess(*args: str) -> dict:
    """Run this script as a worker in a fresh Python; its JSON answer."""
    completed = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr[-5000:])
        raise SystemExit(f"worker {args[:2]} failed")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def disagreement(results: dict[str, dict]) -> str | None:
    """Name the first thing two engines disagree on, or None."""
    names = list(results)
    for name in names[1:]:
        for key in ("summary", "transitions", "views"):
            if results[name][key] != results[names[0]][key]:
                return f"{name} and {names[0]} disagree on {key}"
    return None


def write_csv(path: Path, rows: list[dict]) -> None:
    """Add the rows to the CSV, replacing earlier rows of the same engine and size."""
    path.parent.mkdir(parents=True, exist_ok=True)
    kept = []
    if path.exists():
        with path.open(newline="") as handle:
            new = {(row["engine"], str(row["records"])) for row in rows}
            kept = [r for r in csv.DictReader(handle) if (r["engine"], r["records"]) not in new]
    every = sorted([*kept, *rows], key=lambda r: (int(r["records"]), r["engine"]))
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(every)


def machine() -> dict:
    """What the figures were measured on."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cores": os.cpu_count(),
        "memory_gib": f"{memory:.0f}",
        "machine": f"{platform.system()} {platform.machine()}",
        "python": platform.python_version(),
        "date": datetime.date.today().isoformat(),
    }


def prepared_log(folder: Path, records: int, jobs: int) -> None:
    """Write the log to ``folder`` unless a finished log of ``records`` clicks is already there."""
    done = folder / "_records"
    if done.is_file() and done.read_text().strip() == str(records):
        print(f"clickstream_log records={records} reused={folder}")
        return
    shutil.rmtree(folder, ignore_errors=True)
    made = in_subprocess("--generate", str(records), str(folder), str(jobs))
    done.write_text(f"{records}\n")
    print(
        f"clickstream_log records={records} seconds={made['seconds']:.1f} jobs={jobs} "
        f"peak_rss_mib={made['peak_rss_mib']:.0f} parquet_mib={made['bytes'] / 2**20:.0f}",
        flush=True,
    )


def csv_rows(results: dict[str, dict], records: int, memory: str) -> list[dict]:
    """One CSV row per engine; ``agree`` is true when every engine measured so far agrees."""
    problem = disagreement(results)
    return [
        {
            "engine": engine, "records": records, "seconds": f"{r['seconds']:.1f}",
            "peak_rss_mib": f"{r['peak_rss_mib']:.0f}",
            "memory_budget": "" if engine == "memory" else memory,
            "sessions": r["summary"]["sessions"], "lookups": r["summary"]["lookups"],
            "moves": r["moves"], "agree": str(problem is None).lower(),
            "engine_version": r["engine_version"], **machine(),
        }
        for engine, r in results.items()
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=PAPER_RECORDS)
    parser.add_argument("--scale", type=int, default=1, help="multiply the records (10: 421M)")
    parser.add_argument("--engines", default=None, help="comma-separated (default: all three; "
                        "duckdb,spark from --scale 2)")
    parser.add_argument("--memory", default="6GB", help="DuckDB's and Spark's memory budget")
    parser.add_argument("--workdir", default=None,
                        help="keep the log and each engine's answer here, to resume a long run "
                        "(default: a temporary folder, removed at the end)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count(),
                        help="processes writing the log")
    parser.add_argument("--csv", default=str(CSV_PATH), help="'' to write no CSV")
    parser.add_argument("--worker", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--generate", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        records, folder, jobs = args.generate
        print(json.dumps(generate(int(records), folder, int(jobs))))
        return
    if args.worker:
        print(json.dumps(run_engine(*args.worker), default=str))
        return

    records = args.records * args.scale
    default = "memory,duckdb,spark" if args.scale == 1 else "duckdb,spark"
    chosen = (args.engines or default).split(",")
    keep = args.workdir is not None
    workdir = Path(args.workdir) if keep else Path(tempfile.mkdtemp(prefix="clickstream-engines-"))
    workdir.mkdir(parents=True, exist_ok=True)
    answers = workdir / f"answers-{records}"
    answers.mkdir(exist_ok=True)
    try:
        print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()}", flush=True)
        log = workdir / f"log-{records}"
        prepared_log(log, records, args.jobs)
        results = {
            path.stem: json.loads(path.read_text()) for path in sorted(answers.glob("*.json"))
        }
        for engine in chosen:
            output = str(workdir / engine)
            results[engine] = in_subprocess("--worker", engine, str(log), output, args.memory)
            (answers / f"{engine}.json").write_text(json.dumps(results[engine]))
            shutil.rmtree(output, ignore_errors=True)
            figures = results[engine]
            print(
                f"clickstream_engine engine={engine} records={records} "
                f"seconds={figures['seconds']:.1f} peak_rss_mib={figures['peak_rss_mib']:.0f} "
                f"sessions={figures['summary']['sessions']}",
                flush=True,
            )
            if args.csv:
                write_csv(Path(args.csv), csv_rows(results, records, args.memory))
        print(f"load average at the end: {os.getloadavg()}")
        for row in csv_rows(results, records, args.memory):
            print(
                f"clickstream_engine engine={row['engine']} records={records} "
                f"seconds={row['seconds']} peak_rss_mib={row['peak_rss_mib']} "
                f"sessions={row['sessions']} agree={row['agree']}"
            )
        problem = disagreement(results)
        if problem:
            raise SystemExit(problem)
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
