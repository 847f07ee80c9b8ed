"""Sessions: cut a click log into sessions, and one row of metrics per session.

:func:`sessionize` works on integer codes packed into one 64-bit key per click, so that it runs
on the study's 42 million records in seconds; :func:`session_metrics` tells each session's
length, duration, services and whether it is a lookup; :func:`page_views` and
:func:`relabel_pages` count and regroup pages.

Examples
--------
>>> from govsocial.clickstream import simulate
>>> data = simulate(7, n_records=5_000)
>>> sessions = sessionize(data.clicks)
>>> sessions["session_id"].nunique() == len(data.visits)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from govsocial.schema import DataError

from ._common import (
    _CHUNK,
    _UNITS_PER_SECOND,
    _bits,
    _check_columns,
    _count_codes,
    _page_codes,
    _per_session_sum,
    _service_mask,
    _session_arrays,
    _smallest_int,
    _stamps,
)

__all__ = [
    "page_views",
    "relabel_pages",
    "session_metrics",
    "sessionize",
]


_REQUIRED = ("user_id", "timestamp", "page")


def _datetimes(values: np.ndarray, unit: str, tz: str | None) -> pd.Series:
    """Wrap ``values`` (int64 ticks since the epoch) as a datetime Series, without a copy."""
    stamps = values.view(f"M8[{unit}]")
    if tz is None:
        return pd.Series(stamps, copy=False)
    try:  # zero-copy: the values already are UTC instants
        array = pd.arrays.DatetimeArray._simple_new(stamps, dtype=pd.DatetimeTZDtype(unit, "UTC"))
    except (AttributeError, TypeError):  # pragma: no cover - other pandas versions
        array = pd.DatetimeIndex(stamps).tz_localize("UTC").array
    series = pd.Series(array, copy=False)
    return series if tz == "UTC" else series.dt.tz_convert(tz)


def _coarsest_factor(values: np.ndarray, origin: int, unit: str, bits_left: int) -> int:
    """Largest factor (1000, 10**6, ...) dividing every tick, if the ticks need it to fit."""
    span = int(values.max()) - origin
    if _bits(span) <= bits_left:
        return 1
    per_second = _UNITS_PER_SECOND[unit]
    for coarser in ("s", "ms", "us"):
        factor = per_second // _UNITS_PER_SECOND[coarser]
        if factor > 1 and _bits(span // factor) <= bits_left:
            exact = all(
                not np.any((values[i:i + _CHUNK] - origin) % factor)
                for i in range(0, len(values), _CHUNK)
            )
            if exact:
                return factor
    return 0  # does not fit


def sessionize(clicks: pd.DataFrame, timeout: str | pd.Timedelta = "30min") -> pd.DataFrame:
    """Cut each user's clicks into sessions at gaps of inactivity longer than ``timeout``.

    A session is a run of one user's clicks in which no click follows the previous one by more
    than ``timeout``; the next click after a longer gap starts a new session. Clicks of one user
    with the same timestamp keep the order they have in ``clicks`` (the log's order).

    The work is done on integer codes: users and pages become small integers, times become
    integer ticks, and the three are packed into one 64-bit key per click, so one fast sort of
    integers orders the clicks by user and time (no comparison sort of the columns, no
    temporary copies of full columns). Logs whose keys would not fit into 64 bits, or with two
    clicks of one user at the same instant, fall back to a stable ``numpy.lexsort``.

    Parameters
    ----------
    clicks : DataFrame
        Columns ``user_id`` (any hashable values), ``timestamp`` (datetimes) and ``page``
        (strings or categorical), in any order. Other columns are left out of the result.
    timeout : str or Timedelta
        The inactivity gap that closes a session (pandas offset string, e.g. ``"30min"``).

    Returns
    -------
    DataFrame
        The clicks sorted by user and time, with ``session_id`` (0, 1, 2, ... in that order)
        and ``step`` (0 for a session's first click, then 1, 2, ...). ``page`` is categorical.

    Raises
    ------
    DataError
        When a column is missing, timestamps are not datetimes, or a value is missing.

    Examples
    --------
    >>> clicks = pd.DataFrame({
    ...     "user_id": [1, 2, 1, 1],
    ...     "timestamp": pd.to_datetime(["2019-03-01 09:00", "2019-03-01 09:01",
    ...                                  "2019-03-01 09:10", "2019-03-01 11:00"]),
    ...     "page": ["home", "home", "fine payment", "home"]})
    >>> sessionize(clicks)[["user_id", "session_id", "step"]].to_numpy().tolist()
    [[1, 0, 0], [1, 0, 1], [1, 1, 0], [2, 2, 0]]
    """
    _check_columns(clicks, _REQUIRED, "sessionize")
    n = len(clicks)
    if n == 0:
        raise DataError("there are no clicks to sessionize", expected="at least one click")
    users = clicks["user_id"]
    integer_users = pd.api.types.is_integer_dtype(users.dtype) and not isinstance(
        users.dtype, pd.CategoricalDtype
    )
    if integer_users:
        user_source = users.to_numpy()
        low = int(user_source.min())
        user_range = int(user_source.max()) - low
        unique_users = None
    else:
        user_source, unique_users = pd.factorize(users, sort=True)
        if (user_source < 0).any():
            position = int(np.flatnonzero(user_source < 0)[0])
            raise DataError(
                "a click has no user_id", row=position + 1, column="user_id",
                expected="a user identifier", found="a missing value",
            )
        low, user_range = 0, len(unique_users) - 1
    values, unit, tz = _stamps(clicks["timestamp"])
    page_codes, pages = _page_codes(clicks["page"])
    origin = int(values.min())
    gap = pd.Timedelta(timeout).as_unit("ns").value  # nanoseconds
    user_bits, page_bits = _bits(user_range), _bits(max(len(pages) - 1, 0))
    factor = _coarsest_factor(values, origin, unit, 63 - user_bits - page_bits)
    user_type = _smallest_int(max(user_range, 127))
    page_type = _smallest_int(max(len(pages), 127))

    sorted_user = sorted_page = ticks = None
    if factor:
        time_bits = 63 - user_bits - page_bits
        limit = gap // (10**9 // _UNITS_PER_SECOND[unit]) // factor
        # one 64-bit key per click: user | time | page, built block by block
        key = np.empty(n, dtype=np.int64)
        for i in range(0, n, _CHUNK):
            block = key[i:i + _CHUNK]
            np.subtract(user_source[i:i + _CHUNK], low, out=block, casting="unsafe")
            block <<= time_bits
            block |= (values[i:i + _CHUNK] - origin) // factor
            block <<= page_bits
            block |= page_codes[i:i + _CHUNK]
        key.sort()
        sorted_user = np.empty(n, dtype=user_type)
        np.right_shift(key, time_bits + page_bits, out=sorted_user, casting="unsafe")
        sorted_page = np.empty(n, dtype=page_type)
        np.bitwise_and(key, (1 << page_bits) - 1, out=sorted_page, casting="unsafe")
        key >>= page_bits
        key &= (1 << time_bits) - 1
        ticks = key  # reused below for the output timestamps
        del key
        starts = np.ones(n, dtype=bool)
        tied = False
        for i in range(0, n - 1, _CHUNK):
            j = min(i + _CHUNK, n - 1)
            same = sorted_user[i + 1:j + 1] == sorted_user[i:j]
            step_gap = ticks[i + 1:j + 1] - ticks[i:j]
            tied = tied or bool(np.any(same & (step_gap == 0)))
            starts[i + 1:j + 1] = ~same | (step_gap > limit)
        if tied:  # the log's order must decide between clicks at the same instant
            sorted_user = None
    if sorted_user is None:
        order = np.lexsort((np.arange(n), values, user_source))
        sorted_user = (np.asarray(user_source)[order] - low).astype(user_type)
        ticks = values[order] - origin
        sorted_page = page_codes[order].astype(page_type)
        factor = 1
        limit = gap // (10**9 // _UNITS_PER_SECOND[unit])
        starts = np.ones(n, dtype=bool)
        starts[1:] = (sorted_user[1:] != sorted_user[:-1]) | (np.diff(ticks) > limit)

    first = np.flatnonzero(starts)
    lengths = np.diff(np.append(first, n))
    session = starts.astype(_smallest_int(len(first)))
    np.cumsum(session, dtype=session.dtype, out=session)
    session -= 1
    step = np.ones(n, dtype=_smallest_int(int(lengths.max())))
    step[first[1:]] = 1 - lengths[:-1]
    step[0] = 0
    np.cumsum(step, dtype=step.dtype, out=step)
    del starts

    ticks *= factor
    ticks += origin
    if unique_users is None:
        if low:
            if low + user_range <= np.iinfo(sorted_user.dtype).max:
                sorted_user += sorted_user.dtype.type(low)
            else:
                sorted_user = sorted_user.astype(np.int64) + low
        user_values = sorted_user.astype(users.dtype, copy=False)
    else:
        user_values = unique_users.take(sorted_user)
    result = pd.DataFrame(
        {
            "user_id": user_values,
            "timestamp": _datetimes(ticks, unit, tz),
            "page": pd.Categorical.from_codes(sorted_page, categories=pages),
            "session_id": session,
            "step": step,
        },
        copy=False,
    )
    result.attrs["timeout"] = str(pd.Timedelta(timeout))
    return result


def session_metrics(sessions: pd.DataFrame, services: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per session: how long, how many pages, which services, and whether a lookup.

    A session is a **lookup** when it uses exactly one service and ends on it: every service
    page of the session is the same service, and the session's last page is that service. Pages
    that are not services (the home portal, menus) may come before it.

    Parameters
    ----------
    sessions : DataFrame
        The output of :func:`sessionize` (or any frame with ``session_id`` and ``page``, each
        session's clicks together and in order; ``user_id`` and ``timestamp`` are optional).
    services : iterable of str, optional
        The pages that are services; by default every page is one.

    Returns
    -------
    DataFrame
        ``session_id``, ``user_id`` (if given), ``start`` and ``duration_s`` (seconds from the
        first to the last click; if timestamps are given), ``pages`` (clicks), ``first_page``,
        ``last_page``, ``services`` (distinct services used) and ``is_lookup``.

    Examples
    --------
    >>> sessions = pd.DataFrame({"session_id": [0, 0, 0, 1, 1, 2],
    ...     "page": ["home", "menu", "fines", "fines", "news", "home"]})
    >>> metrics = session_metrics(sessions, services=["fines", "news"])
    >>> metrics[["pages", "services", "is_lookup"]].to_numpy().tolist()
    [[3, 1, True], [2, 2, False], [1, 0, False]]
    """
    s = _session_arrays(sessions, "session_metrics")
    is_service = _service_mask(s.names, services)
    last = s.pages[s.ends]
    size = len(s.names)
    if size <= 64:
        # each session's set of services as a bit mask: OR over its clicks
        kind = np.uint32 if size <= 32 else np.uint64
        bit = np.where(is_service, kind(1) << np.arange(size, dtype=kind), kind(0)).astype(kind)
        used = np.bitwise_or.reduceat(bit[s.pages], s.starts)
        n_services = np.bitwise_count(used)
        is_lookup = is_service[last] & (used == bit[last])
    else:
        service_click = is_service[s.pages]
        other_service = service_click & (s.pages != last[s.index])
        is_lookup = is_service[last] & (_per_session_sum(other_service, s) == 0)
        width = _bits(size)
        pairs = (s.index[service_click].astype(np.int64) << width) | s.pages[service_click]
        pairs.sort()
        distinct = pairs[np.append(True, pairs[1:] != pairs[:-1])] if len(pairs) else pairs
        n_services = np.bincount(distinct >> width, minlength=len(s.starts))
    out = {"session_id": sessions["session_id"].to_numpy()[s.starts]}
    if "user_id" in sessions.columns:
        out["user_id"] = sessions["user_id"].to_numpy()[s.starts]
    if s.stamps is not None:
        out["start"] = sessions["timestamp"].array.take(s.starts)
        ticks = (s.stamps[s.ends] - s.stamps[s.starts]).astype(np.float64)
        out["duration_s"] = ticks / _UNITS_PER_SECOND[s.unit]
    out["pages"] = s.lengths
    out["first_page"] = pd.Categorical.from_codes(s.pages[s.starts], categories=s.names)
    out["last_page"] = pd.Categorical.from_codes(last, categories=s.names)
    out["services"] = n_services.astype(_smallest_int(int(n_services.max(initial=0))))
    out["is_lookup"] = is_lookup
    return pd.DataFrame(out, copy=False)


def relabel_pages(
    sessions: pd.DataFrame, mapping: Mapping[str, str], other: str | None = None
) -> pd.DataFrame:
    """Give pages coarser labels (for example services by menu), keeping the click order.

    Parameters
    ----------
    sessions : DataFrame
        Any frame with a ``page`` column (e.g. the output of :func:`sessionize`).
    mapping : mapping of str to str
        New label of each page; the new labels keep the order in which they first appear in
        ``mapping``.
    other : str, optional
        Label of pages not in ``mapping``; by default they keep their own name.

    Returns
    -------
    DataFrame
        A copy of ``sessions`` whose ``page`` is categorical over the new labels.

    Examples
    --------
    >>> frame = pd.DataFrame({"page": ["home", "fines", "news", "parking"]})
    >>> relabel_pages(frame, {"home": "home", "fines": "services"}, other="other")[
    ...     "page"].tolist()
    ['home', 'services', 'other', 'other']
    """
    codes, names = _page_codes(sessions["page"])
    labels = [mapping.get(name, name if other is None else other) for name in names]
    order = list(dict.fromkeys([*mapping.values(), *labels]))
    order = [label for label in order if label in set(labels)]
    position = {label: number for number, label in enumerate(order)}
    remap = np.array([position[label] for label in labels], dtype=_smallest_int(len(order)))
    page = pd.Categorical.from_codes(remap[codes], categories=order)
    return sessions.assign(page=page)


def page_views(sessions: pd.DataFrame) -> pd.Series:
    """Count views (clicks) per page, largest first.

    Examples
    --------
    >>> page_views(pd.DataFrame({"page": ["a", "b", "a"]})).to_dict()
    {'a': 2, 'b': 1}
    """
    codes, names = _page_codes(sessions["page"])
    counts = _count_codes(codes, len(names))
    views = pd.Series(counts, index=pd.Index(names, name="page"), name="views")
    return views.sort_values(ascending=False, kind="stable")
