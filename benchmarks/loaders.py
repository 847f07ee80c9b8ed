"""How much the book's checks cost: a 2,000,000-row clickstream read as CSV and as Parquet.

For each format, each step runs in a fresh process (so that its peak memory is its own): a bare
read with pyarrow (the baseline), and ``govsocial.io.read_clickstream`` (read, validate, type).
Printed: wall time, peak resident memory, the ratio of each loader's time to the bare read's,
and peak memory as a multiple of the CSV's size. The targets (issue 15): validation adds at most
50% to the bare read's time, and peak memory stays under 3 times the CSV's size. Nothing here
asserts: machines are shared and noisy.

Run: ``.venv/bin/python benchmarks/loaders.py [--rows N]``.
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


def make_files(rows: int, folder: Path) -> tuple[Path, Path]:
    """Write the same clickstream as CSV and as Parquet (seconds resolution, UTC)."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(1)
    start = pd.Timestamp("2030-03-01", tz="UTC").value // 10**9
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
    """One measured step, in this (fresh) process."""
    import resource

    start = time.perf_counter()
    if kind == "bare":
        if path.endswith(".csv"):
            import pyarrow.csv as pcsv

            rows = pcsv.read_csv(path).to_pandas().shape[0]
        else:
            import pyarrow.parquet as pq

            rows = pq.read_table(path).to_pandas().shape[0]
    else:
        from govsocial.io import read_clickstream

        rows = len(read_clickstream(path).frame)
    return {
        "seconds": time.perf_counter() - start,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rows": rows,
    }


def measure(kind: str, path: Path) -> dict[str, float]:
    """Run :func:`step` in a fresh process and return what it printed."""
    done = subprocess.run(
        [sys.executable, __file__, "--step", kind, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--step", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(step(*args.step)))
        return
    with tempfile.TemporaryDirectory(prefix="loaders-bench-") as folder:
        csv_path, parquet_path = make_files(args.rows, Path(folder))
        csv_mib = csv_path.stat().st_size / 2**20
        print(f"{args.rows:,} rows; CSV {csv_mib:.0f} MiB, "
              f"Parquet {parquet_path.stat().st_size / 2**20:.0f} MiB")
        for path in (csv_path, parquet_path):
            bare = measure("bare", path)
            book = measure("book", path)
            assert bare["rows"] == book["rows"] == args.rows
            for label, result in (("pyarrow, bare read", bare), ("read_clickstream", book)):
                peak = result["peak_mib"]
                print(
                    f"{path.suffix[1:]:>8}  {label:<20} {result['seconds']:7.2f} s  "
                    f"peak {peak:6.0f} MiB ({peak / csv_mib:4.1f}x the CSV)"
                )
            print(f"{'':>8}  time against the bare read: {book['seconds'] / bare['seconds']:.2f}x")


if __name__ == "__main__":
    main()
