"""Clickstreams: one row per click (``user_id``, ``timestamp``, ``page``), from CSV or Parquet.

The book's own format for page requests, specified by the contract :data:`CLICKSTREAM` (also the
output of :func:`govsocial.io.read_access_log`, :mod:`govsocial.io.access_logs`): a CSV file
(RFC 4180, read by :func:`govsocial.io.core.read_table`) or an Apache Parquet file
(https://parquet.apache.org/docs/file-format/) with at least those three columns, timestamps as
ISO 8601 date-times.

Public functions
----------------
read_clickstream(path, *, on_error="raise")
    A clickstream (``user_id``, ``timestamp``, ``page``) from a CSV or Parquet file.

Public constant: the contract :data:`CLICKSTREAM`.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from govsocial.io.core import Loaded, PathLike, read_table, readable_file, shown_path
from govsocial.schema import Column, Contract, DataError, LoadReport, OnError, check

__all__ = ["CLICKSTREAM", "read_clickstream"]

CLICKSTREAM = Contract(
    "clickstream",
    (
        Column(
            "user_id",
            "string",
            description="Pseudonymous identifier of the user (or device) that clicked: never a "
            "name, telephone number or raw IP address.",
        ),
        Column(
            "timestamp",
            "datetime",
            description="When the page was requested (converted to UTC; a time without an "
            "offset is read as UTC).",
        ),
        Column(
            "page",
            "string",
            description="The page or service requested, as a short name or a path without its "
            "query string.",
        ),
    ),
)
"""Contract of :func:`read_clickstream` and :func:`read_access_log`: one row per click."""

_PARQUET_SUFFIXES = {".parquet", ".pq"}


def _read_parquet(path: PathLike) -> pd.DataFrame:
    """Read a Parquet file, its timestamps in nanoseconds as the contract keeps them.

    Arrow changes the unit (milliseconds or microseconds, as writers store them) in one
    vectorised, overflow-checked pass: a time outside the years 1677-2262 raises
    ``pyarrow.ArrowInvalid`` (a ValueError) rather than wrapping around.
    """
    table = pq.read_table(path)
    columns = [
        column.cast(pa.timestamp("ns", tz=column.type.tz))
        if pa.types.is_timestamp(column.type) and column.type.unit != "ns" else column
        for column in table.columns
    ]
    return pa.Table.from_arrays(columns, names=table.column_names).to_pandas()


def read_clickstream(path: PathLike, *, on_error: OnError = "raise") -> Loaded:
    r"""Read a clickstream (one row per click) from a CSV or Parquet file.

    The file needs the columns ``user_id``, ``timestamp`` and ``page`` (others are left out);
    rows may be in any order. Timestamps are ISO 8601 date-times (``2019-03-01 08:15:02`` or
    ``2019-03-01T08:15:02+08:00``); times without an offset are read as UTC. In Parquet,
    timestamp columns keep their own unit; numbers are not read as times (their unit is
    unknown), and user ids may be numbers (read as text). Times in the future are refused.

    Parameters
    ----------
    path : str or path-like
        A ``.csv`` file (UTF-8, comma-separated, header on the first line) or a ``.parquet``
        file.
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every problem (the first 20, then how many more).
        ``"skip"``: rows with problems are left out, and ``report.skipped`` lists each with
        its row (for CSV, its line) and reason.

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`CLICKSTREAM`, in file order.

    Raises
    ------
    DataError
        At once for a file that cannot be read, a missing column or an empty file; with
        ``on_error="raise"`` also for every timestamp that cannot be read or lies in the
        future and every missing value, naming the row (for CSV, the line in the file).

    Examples
    --------
    >>> from pathlib import Path
    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "clicks.csv"
    >>> _ = path.write_text("user_id,timestamp,page\nu1,2019-03-01 08:00:00,home\n"
    ...                     "u1,2019-03-01 08:00:09,fine payment\n")
    >>> read_clickstream(path).frame["page"].tolist()
    ['home', 'fine payment']
    >>> _ = path.write_text("user_id,timestamp,page\nu1,yesterday,home\n")
    >>> read_clickstream(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govsocial.schema.DataError: .../clicks.csv, row 2, column 'timestamp': value cannot be read ...
    >>> folder.cleanup()
    """
    path = readable_file(path)
    file = str(path)
    if path.suffix.lower() in _PARQUET_SUFFIXES:
        try:
            raw = _read_parquet(path)
        except (OSError, ValueError) as error:
            raise DataError(
                "the file cannot be read as Parquet",
                file=file,
                expected="a Parquet file",
                found=str(error)[:120],
            ) from None
        missing = [name for name in CLICKSTREAM.names if name not in raw.columns]
        if missing:
            raise DataError(
                f"missing column(s) {', '.join(map(repr, missing))}",
                file=file,
                column=missing[0],
                expected=f"columns {CLICKSTREAM.names}",
                found=f"columns {list(raw.columns)}",
            )
        raw = pd.DataFrame({name: raw[name] for name in CLICKSTREAM.names})  # no copy
        if pd.api.types.is_datetime64_any_dtype(raw["timestamp"].dtype):
            stamps = raw["timestamp"]
            if stamps.dt.tz is None:
                raw["timestamp"] = stamps.dt.tz_localize("UTC")
            else:
                raw["timestamp"] = stamps.dt.tz_convert("UTC")
        raw["user_id"] = raw["user_id"].astype("string")
        checked = check(raw, CLICKSTREAM, file=file, typed=True)
        table, skipped = checked.settle(on_error)
        report = LoadReport(shown_path(file), rows_read=len(raw))
        report.skip(skipped)
        return Loaded(table, report)
    return read_table(path, CLICKSTREAM, on_error=on_error)
