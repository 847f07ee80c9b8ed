"""How much the book's checks cost: a 2,000,000-row clickstream read as CSV and as Parquet.

For each format, each step runs in a fresh process (so that its peak memory is its own): a bare
read with pyarrow (the baseline), and ``govsocial.io.read_clickstream`` (read, validate, type).
Printed: wall and CPU time, peak resident memory (and the part of it the read added), the ratio
of each loader's time to the bare read's, and memory as a multiple of the CSV's size. Modules are
imported before the clock starts in both steps. The data are dated 2019 (dates after now are
problems). The targets (issue 15), printed as met or not: validation adds at most 50% to the
bare read's time, and the memory reading adds stays under 3 times the CSV's size. They are
for the default 2,000,000 rows: a small file's times are mostly fixed costs. Nothing here
asserts: machines are shared and noisy.

Each step runs ``--repeat`` times (default 3), alternately, and the best figure of each is
printed.

Run: ``.venv/bin/python benchmarks/loaders.py [--rows N] [--repeat N]`` (``--rows 200000`` for
a quick run).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROWS = 2_000_000
TIME_TARGET = 1.5  # the loader's time, as a multiple of the bare read's
MEMORY_TARGET = 3  # memory added by reading, as a multiple of the CSV's size


def make_files(rows: int, folder: Path) -> tuple[Path, Path]:
    """Write the same clickstream as CSV and as Parquet (seconds resolution, UTC)."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(1)
    start = pd.Timestamp("2019-03-01", tz="UTC").value // 10**9
    seconds = np.sort(rng.integers(0, 30 * 86_400, rows)) + start
    frame = pd.DataFrame(
        {
            "user_id": pd.Series(rng.integers(0, rows // 10, rows)).map("u{:07d}".format),
            "timestamp": pd.to_datetime(seconds, unit="s", utc=True),
            "page": rng.choice(["home", "fine payment", "vehicle inspection", "news"], rows),
        }
    )
    csv_path, parquet_path = folder / "clicks.csv", folder / "clicks.parquet"
    frame.assign(timestamp=frame["timestamp"].dt.strftime("%Y-%m-%d %H:%M:%S")).to_csv(
        csv_path, index=False
    )
    frame.to_parquet(parquet_path, index=False)
    return csv_path, parquet_path


def step(kind: str, path: str) -> dict[str, float]:
    """One measured step, in this (fresh) process.

    Modules are imported before the clock starts, and the resident memory they take is
    recorded, so that the figures are those of reading the file: ``seconds`` (wall),
    ``cpu_seconds`` (user and system time of all threads: steadier than wall time on a busy
    machine), ``peak_mib`` (the process's peak while reading, imported modules included) and
    ``read_mib`` (that peak less the memory held before reading).
    """
    import resource

    import pandas as pd  # noqa: F401  (imported before the clock, as the loader imports it)
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    from govsocial.io import read_clickstream

    def usage() -> tuple[float, float]:
        used = resource.getrusage(resource.RUSAGE_SELF)
        return used.ru_utime + used.ru_stime, _memory_mib()["VmHWM"]

    before_cpu, _ = usage()
    before_mib = _memory_mib()["VmRSS"]
    _reset_peak()
    start = time.perf_counter()
    if kind == "bare":
        table = pcsv.read_csv(path) if path.endswith(".csv") else pq.read_table(path)
        rows = table.to_pandas().shape[0]
    else:
        rows = len(read_clickstream(path).frame)
    seconds = time.perf_counter() - start
    cpu, peak = usage()
    return {
        "seconds": seconds,
        "cpu_seconds": cpu - before_cpu,
        "peak_mib": peak,
        "read_mib": peak - before_mib,
        "rows": rows,
    }


def _memory_mib() -> dict[str, float]:
    """This process's resident memory now (``VmRSS``) and at its peak (``VmHWM``), in MiB."""
    import resource

    try:
        with open("/proc/self/status") as status:
            fields = dict(line.split(":", 1) for line in status)
        return {name: int(fields[name].split()[0]) / 1024 for name in ("VmRSS", "VmHWM")}
    except (OSError, KeyError):  # not Linux: the peak since the process started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return {"VmRSS": peak, "VmHWM": peak}


def _reset_peak() -> None:
    """Start the peak over from the memory held now (Linux; elsewhere the peak stays)."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pass


def measure(kind: str, path: Path) -> dict[str, float]:
    """Run :func:`step` in a fresh process and return what it printed."""
    done = subprocess.run(
        [sys.executable, __file__, "--step", kind, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def best_of(repeat: int, path: Path) -> tuple[dict[str, float], dict[str, float]]:
    """Measure the bare read and the loader ``repeat`` times, alternately; keep each one's best.

    The best (smallest) figure of several runs is the one least disturbed by whatever else the
    machine was doing; the two steps alternate so that both meet the same disturbances.
    """
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "book": []}
    for _ in range(repeat):
        for kind, results in runs.items():
            results.append(measure(kind, path))
    best = {
        kind: {name: min(result[name] for result in results) for name in results[0]}
        for kind, results in runs.items()
    }
    return best["bare"], best["book"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each step; the best of them is printed (default 3)")
    parser.add_argument("--step", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(step(*args.step)))
        return
    with tempfile.TemporaryDirectory(prefix="loaders-bench-") as folder:
        csv_path, parquet_path = make_files(args.rows, Path(folder))
        csv_mib = csv_path.stat().st_size / 2**20
        print(f"{args.rows:,} rows; CSV {csv_mib:.0f} MiB, "
              f"Parquet {parquet_path.stat().st_size / 2**20:.0f} MiB; best of {args.repeat} "
              "runs. Memory: the process's "
              "peak, and the part of it added by reading (peak less the memory held after "
              "importing), each as a multiple of the CSV's size.")
        for path in (csv_path, parquet_path):
            bare, book = best_of(args.repeat, path)
            assert bare["rows"] == book["rows"] == args.rows
            for label, result in (("pyarrow, bare read", bare), ("read_clickstream", book)):
                peak, read = result["peak_mib"], result["read_mib"]
                print(
                    f"{path.suffix[1:]:>8}  {label:<19} {result['seconds']:6.2f} s "
                    f"(CPU {result['cpu_seconds']:6.2f} s)  peak {peak:5.0f} MiB "
                    f"({peak / csv_mib:4.1f}x the CSV), added by reading {read:5.0f} MiB "
                    f"({read / csv_mib:4.1f}x)"
                )
            time_ratio = book["seconds"] / bare["seconds"]
            met = time_ratio <= TIME_TARGET and book["read_mib"] / csv_mib < MEMORY_TARGET
            print(
                f"{'':>8}  against the bare read: time {time_ratio:.2f}x, "
                f"CPU time {book['cpu_seconds'] / bare['cpu_seconds']:.2f}x; targets "
                f"(time at most {TIME_TARGET}x, memory added under {MEMORY_TARGET}x the CSV): "
                f"{'met' if met else 'NOT met'}"
            )


if __name__ == "__main__":
    main()
