"""The clickstream pipeline on a real Spark cluster, checked against DuckDB and memory.

A Spark standalone master and one worker are started on 127.0.0.1 from the scripts that ship
inside the ``pyspark`` package (``bin/spark-class``; nothing is downloaded), on free ports, with
little memory and their logs in a temporary folder. The pipeline is then submitted to the master
as a client submits to any cluster (``SparkSession.builder.master("spark://127.0.0.1:PORT")``):
the worker starts an executor, which does the work. Its results must equal DuckDB's and the
in-memory engine's, on the hand-worked log of ``test_clickstream_engines.py`` (ties, the
timeout's edge, midnight, two files) and on a simulated log. The cluster is stopped at the end,
by process id.

Java 17 is needed: ``.ci/run`` installs Debian's ``openjdk-17-jre-headless`` when ``java`` is
missing. With ``CI=true`` a missing Java (or PySpark) is a failure; on a laptop, a skip that
says what to install. The tests run in ``make test`` on one xdist worker of their own.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest
from test_clickstream_engines import (
    HAND_SESSIONS,
    HAND_TRANSITIONS,
    HAND_VIEWS,
    as_dicts,
    write_hand_log,
)

from govsocial import clickstream as cs
from govsocial.clickstream import engines
from govsocial.clickstream.engines.spark_engine import spark_session

pytestmark = [
    pytest.mark.slow,
    pytest.mark.xdist_group("spark"),
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]

INSTALL_HINT = (
    "Spark needs Java 17: `sudo apt-get install openjdk-17-jre-headless` (Debian, Ubuntu), "
    "`brew install openjdk@17` (macOS); and PySpark: `pip install govsocial[spark]`"
)
STARTUP_S = 90


def missing(what: str) -> None:
    """Fail in CI, skip elsewhere, saying what to install."""
    message = f"{what} not found. {INSTALL_HINT}"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    """A TCP port nobody listens on now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(log: Path, text: str, process: subprocess.Popen) -> None:
    """Wait until ``text`` appears in a daemon's log; fail with the log if it dies or hangs."""
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        content = log.read_text(errors="replace") if log.exists() else ""
        if text in content:
            return
        if process.poll() is not None:
            pytest.fail(f"{log.name} exited with {process.returncode}:\n{content[-3000:]}")
        time.sleep(0.5)
    pytest.fail(f"no {text!r} in {log.name} after {STARTUP_S} s:\n{content[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    """Stop one daemon we started, by its process id."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, request):
    """A standalone master and one worker on 127.0.0.1; the master's URL and the worker's dir."""
    if shutil.which("java") is None:
        missing("java")
    try:
        from pyspark.find_spark_home import _find_spark_home
    except ImportError:
        missing("pyspark")
    home = Path(_find_spark_home())
    base = tmp_path_factory.mktemp("spark-cluster")
    env = {
        **os.environ,
        "SPARK_HOME": str(home),
        "SPARK_LOCAL_IP": "127.0.0.1",
        "SPARK_LOG_DIR": str(base / "logs"),
        "SPARK_WORKER_DIR": str(base / "work"),
        "SPARK_DAEMON_MEMORY": "256m",
        "SPARK_NO_DAEMONIZE": "1",
    }
    spark_class = str(home / "bin" / "spark-class")
    port = free_port()
    url = f"spark://127.0.0.1:{port}"
    processes: list[subprocess.Popen] = []

    def shut_down() -> None:
        for process in reversed(processes):
            stop(process)

    request.addfinalizer(shut_down)
    master_log = base / "master.log"
    with master_log.open("w") as log:
        processes.append(subprocess.Popen(
            [spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
             "--port", str(port), "--webui-port", str(free_port())],
            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=base,
        ))
    wait_for(master_log, "I have been elected leader", processes[0])
    worker_log = base / "worker.log"
    with worker_log.open("w") as log:
        processes.append(subprocess.Popen(
            [spark_class, "org.apache.spark.deploy.worker.Worker", url, "--host", "127.0.0.1",
             "--port", str(free_port()), "--webui-port", str(free_port()), "--cores", "2",
             "--memory", "1g", "--work-dir", str(base / "work")],
            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=base,
        ))
    wait_for(worker_log, "Successfully registered with master", processes[1])
    return url, base / "work"


@pytest.fixture(scope="module")
def spark(cluster):
    """A driver in this process, a client of the cluster (as spark-submit --deploy-mode client)."""
    url, _ = cluster
    session = spark_session(
        url,
        {
            "spark.driver.host": "127.0.0.1",
            "spark.driver.bindAddress": "127.0.0.1",
            "spark.driver.memory": "512m",
            "spark.executor.memory": "512m",
            "spark.cores.max": "2",
            "spark.sql.shuffle.partitions": "2",
        },
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_the_session_runs_on_the_cluster(spark, cluster) -> None:
    url, work = cluster
    assert spark.sparkContext.master == url
    assert spark.range(1000).selectExpr("sum(id)").collect()[0][0] == 999 * 1000 // 2
    assert any(work.glob("app-*/*/stderr")), "no executor was started by the worker"


def test_cluster_finds_the_hand_worked_sessions(spark, tmp_path) -> None:
    write_hand_log(tmp_path / "log")
    result = engines.run(tmp_path / "log", tmp_path / "spark", engine="spark", spark=spark)
    sessions = engines.read_sessions(tmp_path / "spark")
    pd.testing.assert_frame_equal(sessions[HAND_SESSIONS.columns], HAND_SESSIONS)
    assert as_dicts(result) == (HAND_TRANSITIONS, HAND_VIEWS)


def test_cluster_matches_duckdb_and_memory_on_a_simulated_log(spark, tmp_path) -> None:
    clicks = cs.simulate(11, n_records=10_000).clicks
    engines.write_log(clicks.iloc[:6_000], tmp_path / "log", part=0)
    engines.write_log(clicks.iloc[6_000:], tmp_path / "log", part=1, first_row=6_000)
    results = {
        engine: engines.run(tmp_path / "log", tmp_path / engine, engine=engine, **options)
        for engine, options in (("spark", {"spark": spark}), ("duckdb", {}), ("memory", {}))
    }
    sessions = {engine: engines.read_sessions(tmp_path / engine) for engine in results}
    for engine in ("duckdb", "memory"):
        assert results["spark"].summary == results[engine].summary
        pd.testing.assert_frame_equal(results["spark"].transitions, results[engine].transitions)
        pd.testing.assert_frame_equal(results["spark"].views, results[engine].views)
        pd.testing.assert_frame_equal(sessions["spark"], sessions[engine])
