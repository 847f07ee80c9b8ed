"""The pipeline as a Spark job: ``spark-submit`` this file to run it on a cluster.

``spark-submit`` sets the master, the memory and the cores; the job only names the log and the
output, runs :func:`govsocial.clickstream.engines.run` with ``engine="spark"`` on the session
``spark-submit`` made, and prints the sessions' fingerprint as one line of JSON. With
``--engine duckdb`` (or ``memory``) the same command runs on one machine without Spark.

Usage::

    JOB="$(python -m govsocial.clickstream.engines.job --path)"
    spark-submit --master spark://HOST:7077 "$JOB" /data/clicks /data/out --timeout 30min

Examples
--------
>>> import tempfile
>>> from govsocial.clickstream import simulate
>>> from govsocial.clickstream.engines import write_log
>>> folder = tempfile.mkdtemp()
>>> _ = write_log(simulate(7, n_records=1_000).clicks, f"{folder}/log")
>>> main([f"{folder}/log", f"{folder}/out", "--engine", "duckdb"])  # doctest: +ELLIPSIS
{"engine": "duckdb", "sessions": ..., "clicks": 1000, ...}
"""

from __future__ import annotations

import argparse
import json

__all__ = ["main"]


def main(argv: list[str] | None = None) -> None:
    """Run the pipeline on the log named on the command line; print its fingerprint.

    Parameters
    ----------
    argv : list of str, optional
        ``SOURCE OUTPUT [--timeout 30min] [--engine spark|duckdb|memory]``, or ``--path`` to
        print this file's path (for ``spark-submit``); default: the command line.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", nargs="?", help="the log: day=YYYY-MM-DD/*.parquet (or s3a://)")
    parser.add_argument("output", nargs="?", help="where sessions/ and clicks/ are written")
    parser.add_argument("--timeout", default="30min", help="inactivity that ends a session")
    parser.add_argument("--engine", default="spark", choices=("spark", "duckdb", "memory"))
    parser.add_argument("--path", action="store_true", help="print this file's path and stop")
    args = parser.parse_args(argv)
    if args.path:
        print(__file__)
        return
    if not (args.source and args.output):
        parser.error("SOURCE and OUTPUT are needed")
    from govsocial.clickstream.engines import run

    options = {}
    if args.engine == "spark":
        from pyspark.sql import SparkSession

        # the master, memory and cores come from spark-submit, not from here
        options["spark"] = SparkSession.builder.appName("govsocial-clickstream").getOrCreate()
    result = run(args.source, args.output, engine=args.engine, timeout=args.timeout, **options)
    print(json.dumps({"engine": args.engine, **result.summary}))
    if "spark" in options:
        options["spark"].stop()


if __name__ == "__main__":
    main()
