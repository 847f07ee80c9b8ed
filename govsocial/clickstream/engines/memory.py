"""The in-memory engine: the whole log in memory, the chapter's own numpy functions.

The log is read from its day partitions with pyarrow, put back in the log's order
(``log_row``), and handed to :func:`~govsocial.clickstream.sessionize`,
:func:`~govsocial.clickstream.session_metrics`, :func:`~govsocial.clickstream.transition_matrix`
and :func:`~govsocial.clickstream.page_views`: the reference the SQL engines must match.

Examples
--------
>>> import tempfile
>>> from govsocial.clickstream import simulate
>>> from govsocial.clickstream.engines import write_log
>>> folder = tempfile.mkdtemp()
>>> _ = write_log(simulate(7, n_records=1_000).clicks, f"{folder}/log")
>>> transitions, views, summary = run_memory(f"{folder}/log", Path(folder), ["fines"], 1)
>>> int(views["views"].sum())
1000
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

__all__ = ["read_log", "run_memory"]


def read_log(source: str) -> pd.DataFrame:
    """Read a day-partitioned log into memory, in the log's order (``log_row``).

    Examples
    --------
    >>> import tempfile
    >>> from govsocial.clickstream import simulate
    >>> from govsocial.clickstream.engines import write_log
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_log(simulate(7, n_records=1_000).clicks, folder)
    >>> read_log(folder).columns.tolist()
    ['user_id', 'timestamp', 'page']
    """
    dataset = ds.dataset(source, format="parquet", partitioning="hive")
    table = dataset.to_table(columns=["user_id", "timestamp", "page", "log_row"])
    rows = table.column("log_row").to_numpy()
    if len(rows) > 1 and np.any(rows[1:] < rows[:-1]):
        table = table.take(pa.array(np.argsort(rows, kind="stable")))
    del rows
    pages = table.column("page").dictionary_encode().combine_chunks()
    return pd.DataFrame(
        {
            "user_id": table.column("user_id").to_numpy(),
            "timestamp": table.column("timestamp").to_pandas(),
            "page": pages.to_pandas(),
        },
        copy=False,
    )


def _sum_exact(micros: np.ndarray) -> int:
    """Sum of int64 microseconds without overflow (whole seconds and the rest apart)."""
    seconds, rest = np.divmod(micros, 1_000_000)
    return int(seconds.sum(dtype=np.int64)) * 1_000_000 + int(rest.sum(dtype=np.int64))


def _session_table(sessions: pd.DataFrame, services: list[str]) -> pd.DataFrame:
    """One row per session with the SQL engines' columns (number of the session per user)."""
    from govsocial.clickstream import session_metrics

    metrics = session_metrics(sessions, services=services)
    ids = sessions["session_id"].to_numpy()
    ends = np.append(np.flatnonzero(ids[1:] != ids[:-1]), len(ids) - 1)
    users = metrics["user_id"].to_numpy()
    first = np.ones(len(users), dtype=bool)
    first[1:] = users[1:] != users[:-1]
    position = np.arange(len(users))
    number = position - np.maximum.accumulate(np.where(first, position, 0))
    start = metrics["start"].dt.tz_convert("UTC").astype("datetime64[us, UTC]")
    finish = sessions["timestamp"].iloc[ends].reset_index(drop=True)
    return pd.DataFrame(
        {
            "user_id": users,
            "session": number.astype(np.int64),
            "start": start,
            "finish": finish.dt.tz_convert("UTC").astype("datetime64[us, UTC]"),
            "pages": metrics["pages"].astype(np.int64),
            "first_page": metrics["first_page"].astype(str),
            "last_page": metrics["last_page"].astype(str),
            "services": metrics["services"].astype(np.int64),
            "is_lookup": metrics["is_lookup"].astype(bool),
            "day": start.dt.strftime("%Y-%m-%d"),
        }
    )


def run_memory(
    source: str, output: Path, services: list[str], timeout_us: int
) -> tuple[pd.DataFrame, pd.DataFrame, list[int]]:
    """Run the pipeline in memory; write the sessions; transitions, views and fingerprint.

    See :func:`govsocial.clickstream.engines.run`, which calls it with ``engine="memory"``.
    """
    from govsocial.clickstream import EXIT, page_views, sessionize, transition_matrix

    sessions = sessionize(read_log(source), timeout=pd.Timedelta(microseconds=timeout_us))
    table = _session_table(sessions, services)
    ds.write_dataset(
        pa.Table.from_pandas(table, preserve_index=False),
        str(output / "sessions"),
        format="parquet",
        partitioning=ds.partitioning(pa.schema([("day", pa.string())]), flavor="hive"),
        existing_data_behavior="delete_matching",
    )
    counts = transition_matrix(sessions, exit=True, normalise=False)
    stacked = counts.stack()
    transitions = stacked[stacked > 0].rename("moves").reset_index()
    transitions.columns = ["from_page", "to_page", "moves"]
    transitions["to_page"] = transitions["to_page"].astype(str).replace({EXIT: "(exit)"})
    views = page_views(sessions).rename_axis("page").reset_index(name="views")
    summary = [
        len(table),
        int(table["is_lookup"].sum()),
        int(table["pages"].sum()),
        int(table["services"].sum()),
        _sum_exact(table["start"].array.asi8),
        _sum_exact(table["finish"].array.asi8),
    ]
    return transitions, views[views["views"] > 0], summary
