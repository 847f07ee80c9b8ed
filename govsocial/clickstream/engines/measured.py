"""The benchmark's measured figures, read from the file it writes, ready for the chapter's prose.

``benchmarks/clickstream_engines.py`` writes ``data/benchmarks/clickstream_engines.csv``: one row
per engine and log size, with the machine and the date. The chapter quotes those figures only
through :func:`read_benchmarks` and :func:`benchmark_figures`, never typed by hand.

Examples
--------
>>> from govsocial import io
>>> table = read_benchmarks(io.data_dir() / "benchmarks" / "clickstream_engines.csv")
>>> set(table["engine"]) <= {"memory", "duckdb", "spark"}
True
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from govsocial.schema import DataError

__all__ = ["ENGINE_LABELS", "benchmark_figures", "read_benchmarks", "scale_sentence"]

ENGINE_LABELS = {"memory": "in memory", "duckdb": "DuckDB", "spark": "Spark (local mode)"}
_SUBJECTS = {**ENGINE_LABELS, "memory": "the chapter's functions"}
_COLUMNS = ("engine", "records", "seconds", "peak_rss_mib", "sessions", "agree", "cores",
            "memory_gib", "date")


def read_benchmarks(path: str | Path) -> pd.DataFrame:
    """Read the engines' benchmark table.

    Parameters
    ----------
    path : str or Path
        ``data/benchmarks/clickstream_engines.csv``.

    Returns
    -------
    DataFrame
        One row per engine and size, smallest log first.

    Raises
    ------
    DataError
        When the file is missing or lacks a column.

    Examples
    --------
    >>> from govsocial import io
    >>> path = io.data_dir() / "benchmarks" / "clickstream_engines.csv"
    >>> bool(read_benchmarks(path)["records"].min() > 0)
    True
    """
    if not Path(path).is_file():
        raise DataError("no benchmark table", file=str(path),
                        expected="the file benchmarks/clickstream_engines.py writes",
                        found="no file")
    table = pd.read_csv(path)
    missing = [column for column in _COLUMNS if column not in table.columns]
    if missing:
        raise DataError("the benchmark table lacks a column", file=str(path),
                        column=missing[0], expected=f"columns {list(_COLUMNS)}",
                        found=f"columns {list(table.columns)}")
    if "memory_budget" in table.columns:
        table["memory_budget"] = table["memory_budget"].fillna("none")
    return table.sort_values(["records", "engine"], ignore_index=True)


def benchmark_figures(table: pd.DataFrame, records: int) -> dict[str, str]:
    """Return the figures of one log size as text for gluing: time, memory, machine.

    Parameters
    ----------
    table : DataFrame
        From :func:`read_benchmarks`.
    records : int
        The log size whose figures to quote.

    Returns
    -------
    dict of str to str
        ``bench_<engine>_seconds`` and ``bench_<engine>_gib`` for each engine measured,
        ``bench_records``, ``bench_sessions``, ``bench_agree`` ("gave identical results" or
        "did not agree"), ``bench_fastest``, ``bench_machine`` and ``bench_date``.

    Examples
    --------
    >>> table = pd.DataFrame({"engine": ["memory", "duckdb"], "records": [10, 10],
    ...     "seconds": [2.0, 5.0], "peak_rss_mib": [2048, 512], "sessions": [3, 3],
    ...     "agree": [True, True], "cores": [2, 2], "memory_gib": [24, 24],
    ...     "date": ["2026-12-03"] * 2})
    >>> figures = benchmark_figures(table, 10)
    >>> figures["bench_duckdb_gib"], figures["bench_fastest"], figures["bench_agree"]
    ('0.5', 'in memory', 'gave identical results')
    """
    rows = table[table["records"] == records]
    if rows.empty:
        raise DataError(f"no benchmark at {records:,} records", column="records",
                        expected=f"{records}", found=f"{sorted(set(table['records']))}")
    figures = {
        "bench_records": f"{records:,}",
        "bench_sessions": f"{int(rows['sessions'].iloc[0]):,}",
        "bench_machine": (
            f"{int(rows['cores'].iloc[0])} cores and {int(rows['memory_gib'].iloc[0])} GiB"
        ),
        "bench_date": str(rows["date"].iloc[0]),
    }
    figures["bench_agree"] = "gave identical results" if _agreed(rows) else "did not agree"
    for row in rows.itertuples(index=False):
        figures[f"bench_{row.engine}_seconds"] = f"{row.seconds:,.0f}"
        figures[f"bench_{row.engine}_gib"] = f"{row.peak_rss_mib / 1024:.1f}"
    fastest = rows.loc[rows["seconds"].idxmin(), "engine"]
    figures["bench_fastest"] = ENGINE_LABELS.get(fastest, fastest)
    return figures


def scale_sentence(table: pd.DataFrame, records: int, *, base: int) -> str:
    """Return a sentence on what the benchmark measured at ``records``, beyond ``base`` records.

    Names every engine measured at that size with its time and peak memory, says whether they
    agreed, and, when the in-memory engine was measured at ``base`` but not at ``records``,
    what it would need at that size (its memory scaled by the ratio of sizes) against the
    machine's memory. Without a row at ``records``, says so.

    Parameters
    ----------
    table : DataFrame
        From :func:`read_benchmarks`.
    records : int
        The larger size (ten times the study's log).
    base : int
        The size the rest of the chapter quotes (the study's log).

    Returns
    -------
    str

    Examples
    --------
    >>> table = pd.DataFrame({"engine": ["memory", "duckdb", "duckdb"],
    ...     "records": [10, 10, 100], "seconds": [2.0, 5.0, 61.0],
    ...     "peak_rss_mib": [4096, 512, 600], "sessions": [3, 3, 30],
    ...     "agree": [True, True, True], "cores": [2, 2, 2], "memory_gib": [24, 24, 24],
    ...     "date": ["2026-12-03"] * 3})
    >>> print(scale_sentence(table, 100, base=10))  # doctest: +NORMALIZE_WHITESPACE
    At 100 records (ten times the log above), DuckDB took 61 s with a peak of 0.6 GiB. The
    chapter's functions, which hold the whole log in memory, would need about 40 GiB at that
    size, more than the machine's 24 GiB.
    >>> scale_sentence(table, 1000, base=10)
    'Logs of 1,000 records have not been measured on this machine.'
    """
    rows = table[table["records"] == records]
    if rows.empty:
        return f"Logs of {records:,} records have not been measured on this machine."
    times = [
        f"{_SUBJECTS.get(row.engine, row.engine)} took {row.seconds:,.0f} s with a peak of "
        f"{row.peak_rss_mib / 1024:.1f} GiB"
        for row in rows.itertuples(index=False)
    ]
    factor = records / base
    said = f"At {records:,} records ({_times_word(factor)} the log above), " + _joined(times) + "."
    if len(rows) > 1:
        said += " They gave identical results." if _agreed(rows) else " They did not agree."
    in_memory = table[(table["records"] == base) & (table["engine"] == "memory")]
    if "memory" not in set(rows["engine"]) and not in_memory.empty:
        need = in_memory["peak_rss_mib"].iloc[0] / 1024 * factor
        machine = int(rows["memory_gib"].iloc[0])
        verdict = "more than" if need > machine else "within"
        said += (
            " The chapter's functions, which hold the whole log in memory, would need about "
            f"{need:,.0f} GiB at that size, {verdict} the machine's {machine} GiB."
        )
    return said


def _agreed(rows: pd.DataFrame) -> bool:
    """Whether the engines of one log size agreed and found the same number of sessions."""
    agreed = rows["agree"].astype(str).str.lower().eq("true").all()
    return bool(agreed and rows["sessions"].nunique() == 1)


def _times_word(factor: float) -> str:
    """Say a factor in words: ``ten times`` for 10, ``2.5 times`` for 2.5."""
    return {2: "twice", 10: "ten times", 100: "a hundred times"}.get(factor, f"{factor:g} times")


def _joined(parts: list[str]) -> str:
    """Join phrases as ``a``, ``a and b`` or ``a, b and c``."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
