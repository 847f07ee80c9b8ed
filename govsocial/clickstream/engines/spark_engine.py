"""The Spark engine: the pipeline's SQL (:mod:`.sql`) in Apache Spark, local or on a cluster.

PySpark is imported here only (``pip install govsocial[spark]``; Spark needs Java 17). With
``master="local[*]"`` Spark runs inside this process's JVM; with ``master="spark://host:7077"``
the driver (this process) sends the work to the cluster's executors. Every executor must see the
same paths: a shared file system, or an object store (``s3a://bucket/log``).

Spark splits the log into partitions and works on them in parallel. ``PARTITION BY user_id`` in
the window functions makes Spark *shuffle*: every click is sent over the network to the executor
that owns its user, because a session boundary needs all of one user's clicks, in time order, in
one place.

Examples
--------
>>> SPARK_DEFAULTS["spark.sql.session.timeZone"]
'UTC'
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from .sql import pipeline_queries

__all__ = ["SPARK_DEFAULTS", "run_spark", "spark_session"]

SPARK_DEFAULTS = {
    "spark.sql.session.timeZone": "UTC",
    # day=2019-03-01 stays the text it is in the folder's name (not a date)
    "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
    "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
    "spark.ui.enabled": "false",
    "spark.pyspark.python": sys.executable,
}


def spark_session(master: str = "local[*]", config: dict | None = None):
    """Start (or get) a Spark session with the pipeline's settings.

    Parameters
    ----------
    master : str
        ``"local[*]"``, ``"local[2]"``, or a cluster's ``"spark://host:port"``.
    config : dict, optional
        More Spark settings (``spark.driver.memory``, ``spark.executor.memory``, ...).

    Returns
    -------
    pyspark.sql.SparkSession
    """
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("govsocial-clickstream").master(master)
    for key, value in {**SPARK_DEFAULTS, **(config or {})}.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def run_spark(
    source: str,
    output: Path,
    services: list[str],
    timeout_us: int,
    *,
    master: str = "local[*]",
    spark=None,
    config: dict | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, tuple]:
    """Run the pipeline in Spark; write clicks and sessions; transitions, views, fingerprint.

    See :func:`govsocial.clickstream.engines.run`, which calls it with ``engine="spark"``. A
    session passed as ``spark`` is used and left running; otherwise one is started and stopped.
    """
    own = spark is None
    if own:
        spark = spark_session(master, config)
    else:
        for key, value in SPARK_DEFAULTS.items():
            if key.startswith("spark.sql."):
                spark.conf.set(key, value)
    queries = pipeline_queries(timeout_us, "unix_micros")
    base = str(output) if "://" in str(output) else str(Path(output).resolve())
    clicks_path, sessions_path = f"{base}/clicks", f"{base}/sessions"
    try:
        spark.read.option("basePath", source).parquet(source).createOrReplaceTempView("log")
        pages = spark.createDataFrame([(page,) for page in services], "page string")
        pages.createOrReplaceTempView("services")
        spark.sql(queries["clicks"]).write.mode("overwrite").partitionBy("day").parquet(
            clicks_path
        )
        spark.read.parquet(clicks_path).createOrReplaceTempView("clicks")
        spark.sql(queries["sessions"]).write.mode("overwrite").partitionBy("day").parquet(
            sessions_path
        )
        spark.read.parquet(sessions_path).createOrReplaceTempView("sessions")
        transitions = _frame(spark.sql(queries["transitions"]).collect(), 3)
        views = _frame(spark.sql(queries["views"]).collect(), 2)
        summary = tuple(spark.sql(queries["summary"]).collect()[0])
    finally:
        if own:
            spark.stop()
    transitions.columns = ["from_page", "to_page", "moves"]
    views.columns = ["page", "views"]
    return transitions, views, summary


def _frame(rows: list, width: int) -> pd.DataFrame:
    """Return collected rows as a frame (no pyarrow needed on the driver)."""
    return pd.DataFrame([tuple(row) for row in rows], columns=range(width))
