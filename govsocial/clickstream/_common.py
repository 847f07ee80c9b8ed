"""Private array helpers the chapter's steps share: codes, ticks, session boundaries."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from govsocial.schema import DataError

_UNITS_PER_SECOND = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}


def _bits(value: int) -> int:
    """Bits needed to store the non-negative integer ``value`` (at least 1)."""
    return max(int(value).bit_length(), 1)


def _smallest_int(largest: int) -> type[np.signedinteger]:
    """Return the narrowest signed integer type that holds values up to ``largest``."""
    for kind in (np.int8, np.int16, np.int32):
        if largest <= np.iinfo(kind).max:
            return kind
    return np.int64


def _check_columns(frame: pd.DataFrame, needed: Iterable[str], function: str) -> None:
    missing = [name for name in needed if name not in frame.columns]
    if missing:
        raise DataError(
            f"{function} needs the column(s) {', '.join(map(repr, missing))}",
            column=missing[0],
            expected=f"columns {list(needed)}",
            found=f"columns {list(frame.columns)}",
        )


def _page_codes(pages: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Small integer codes of the pages and the page names (categories)."""
    if not isinstance(pages.dtype, pd.CategoricalDtype):
        pages = pages.astype("category")
    codes = pages.cat.codes.to_numpy()
    if len(codes) and codes.min() < 0:
        position = int(np.flatnonzero(codes < 0)[0])
        raise DataError(
            "a click has no page", row=position + 1, column="page", expected="a page name",
            found="a missing value",
        )
    return codes, pages.cat.categories


def _stamps(stamps: pd.Series, column: str = "timestamp") -> tuple[np.ndarray, str, str | None]:
    """Return the int64 values behind a datetime column (no copy), their unit and zone."""
    if not pd.api.types.is_datetime64_any_dtype(stamps.dtype):
        raise DataError(
            "timestamps must be datetimes",
            column=column,
            expected="a datetime column (parse it with pandas.to_datetime)",
            found=f"dtype {stamps.dtype}",
        )
    array = stamps.array
    values = array.asi8 if hasattr(array, "asi8") else np.asarray(stamps).view("i8")
    missing = values == np.iinfo(np.int64).min  # NaT
    if missing.any():
        position = int(np.flatnonzero(missing)[0])
        raise DataError(
            "a click has no timestamp", row=position + 1, column=column,
            expected="a date and time", found="a missing value",
        )
    tz = None if stamps.dt.tz is None else str(stamps.dt.tz)
    return values, stamps.dt.unit, tz


_CHUNK = 1 << 22  # rows per block when a full-length temporary array would cost too much memory


class _Sessions:
    """Arrays of a sessionized frame: session boundaries, pages and (optional) times."""

    def __init__(self, sessions: pd.DataFrame, function: str) -> None:
        _check_columns(sessions, ("session_id", "page"), function)
        ids = sessions["session_id"].to_numpy()
        n = len(ids)
        if n == 0:
            raise DataError(f"{function}: there are no clicks", expected="at least one click")
        new = np.empty(n, dtype=bool)
        new[0] = True
        np.not_equal(ids[1:], ids[:-1], out=new[1:])
        starts = np.flatnonzero(new)
        del new
        if len(starts) > 1 and np.any(ids[starts][1:] <= ids[starts][:-1]):
            raise DataError(
                f"{function} needs each session's clicks together and sessions in order: pass "
                "the output of sessionize()",
                column="session_id",
                expected="session_id sorted",
                found="a session_id that goes back",
            )
        self.n = n
        self.starts = starts
        self.lengths = np.diff(np.append(starts, n))
        self.ends = starts + self.lengths - 1
        self.pages, self.names = _page_codes(sessions["page"])
        self.stamps = self.unit = None
        if "timestamp" in sessions.columns:
            self.stamps, self.unit, _ = _stamps(sessions["timestamp"])
        self._index: np.ndarray | None = None

    @property
    def index(self) -> np.ndarray:
        """Session number (0, 1, ...) of every click."""
        if self._index is None:
            index = np.zeros(self.n, dtype=_smallest_int(len(self.starts)))
            index[self.starts[1:]] = 1
            np.cumsum(index, dtype=index.dtype, out=index)
            self._index = index
        return self._index

    def step(self) -> np.ndarray:
        """Position of every click in its session (0 for the first)."""
        return np.arange(self.n) - self.starts[self.index]


def _session_arrays(sessions: pd.DataFrame, function: str) -> _Sessions:
    """Validate a sessionized frame (grouped by session, in click order) and get its arrays."""
    return _Sessions(sessions, function)


def _service_mask(names: pd.Index, services: Iterable[str] | None) -> np.ndarray:
    """Return, for each page code, whether the page is a service."""
    if services is None:
        return np.ones(len(names), dtype=bool)
    wanted = set(services)
    return np.array([name in wanted for name in names], dtype=bool)


def _per_session_sum(flags: np.ndarray, s: _Sessions) -> np.ndarray:
    """Sum of a 0/1 array over each session, through one cumulative sum."""
    total = np.cumsum(flags, dtype=np.int64)
    return total[s.ends] - total[s.starts] + flags[s.starts]


def _count_codes(codes: np.ndarray, size: int) -> np.ndarray:
    """How often each of 0..size-1 occurs in ``codes``, block by block (little memory)."""
    counts = np.zeros(size, dtype=np.int64)
    for i in range(0, len(codes), _CHUNK):
        counts += np.bincount(codes[i:i + _CHUNK], minlength=size)[:size]
    return counts
