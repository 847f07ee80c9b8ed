"""The pipeline's four steps as SQL, written once for DuckDB and Spark SQL.

The two engines read the same text; only the function that turns a timestamp into integer
microseconds differs (``epoch_us`` in DuckDB, ``unix_micros`` in Spark), and is filled in by
:func:`pipeline_queries`. Every query uses only what both dialects share: window functions with
``PARTITION BY`` / ``ORDER BY``, ``min_by`` / ``max_by`` and ``count(DISTINCT ...)``.

The order of one user's clicks is ``(timestamp, log_row)``: ``log_row`` is the click's place in
the log as the server wrote it, so two clicks at the same instant keep the log's order, as
:func:`govsocial.clickstream.sessionize` keeps the frame's order.

Public names
------------
SESSION_COLUMNS, TRANSITION_COLUMNS, VIEW_COLUMNS, SUMMARY_COLUMNS
    The columns every engine returns for sessions, transitions, page views and the summary.
pipeline_queries(timeout_us, micros)
    The queries: ``clicks`` (sessionized clicks), ``sessions``, ``transitions``, ``views``
    and ``summary`` (the sessions' fingerprint).

Examples
--------
>>> queries = pipeline_queries(1_800_000_000, "epoch_us")
>>> sorted(queries)
['clicks', 'sessions', 'summary', 'transitions', 'views']
>>> "1800000000" in queries["clicks"]
True
"""

from __future__ import annotations

__all__ = [
    "SESSION_COLUMNS", "SUMMARY_COLUMNS", "TRANSITION_COLUMNS", "VIEW_COLUMNS", "pipeline_queries",
]

SESSION_COLUMNS = (
    "user_id", "session", "start", "finish", "pages", "first_page", "last_page", "services",
    "is_lookup",
)
TRANSITION_COLUMNS = ("from_page", "to_page", "moves")
VIEW_COLUMNS = ("page", "views")
SUMMARY_COLUMNS = ("sessions", "lookups", "clicks", "services", "start_us", "finish_us")

# Step 1: a click opens a session when it is its user's first, or follows the user's previous
# click by MORE than the timeout (a click exactly at the timeout stays in the session).
_CLICKS = """
WITH ticked AS (
    SELECT l.user_id, l.timestamp, l.page, l.log_row, CAST(l.day AS STRING) AS day,
           {micros}(l.timestamp) AS t, s.page IS NOT NULL AS is_service
    FROM log AS l LEFT JOIN services AS s ON l.page = s.page
),
marked AS (
    SELECT *,
           CASE WHEN lag(t) OVER w IS NULL OR t - lag(t) OVER w > {timeout_us}
                THEN 1 ELSE 0 END AS opens
    FROM ticked
    WINDOW w AS (PARTITION BY user_id ORDER BY t, log_row)
),
numbered AS (
    SELECT *,
           sum(opens) OVER (PARTITION BY user_id ORDER BY t, log_row
                            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - 1 AS session
    FROM marked
)
SELECT user_id, timestamp, page, log_row, day, t, is_service, session,
       row_number() OVER (PARTITION BY user_id, session ORDER BY t, log_row) - 1 AS step
FROM numbered
"""

# Step 2: one row per session; a lookup uses exactly one service and ends on it.
_SESSIONS = """
SELECT user_id, session, min(timestamp) AS start, max(timestamp) AS finish,
       count(*) AS pages, min_by(page, step) AS first_page, max_by(page, step) AS last_page,
       count(DISTINCT CASE WHEN is_service THEN page END) AS services,
       max_by(is_service, step)
           AND count(DISTINCT CASE WHEN is_service THEN page END) = 1 AS is_lookup,
       min_by(day, step) AS day
FROM clicks
GROUP BY user_id, session
"""

# Step 3: first-order transitions within a session; the last click moves to '(exit)'.
_TRANSITIONS = """
SELECT page AS from_page, coalesce(next_page, '(exit)') AS to_page, count(*) AS moves
FROM (
    SELECT page, lead(page) OVER (PARTITION BY user_id, session ORDER BY step) AS next_page
    FROM clicks
) AS pairs
GROUP BY page, coalesce(next_page, '(exit)')
"""

# Step 4: views per page (utilisation is computed from these few numbers).
_VIEWS = """
SELECT page, count(*) AS views FROM clicks GROUP BY page
"""


# The fingerprint of the sessions table: sums every engine must reproduce exactly.
_SUMMARY = """
SELECT count(*) AS sessions, sum(CASE WHEN is_lookup THEN 1 ELSE 0 END) AS lookups,
       sum(pages) AS clicks, sum(services) AS services,
       sum(CAST({micros}(start) AS DECIMAL(38, 0))) AS start_us,
       sum(CAST({micros}(finish) AS DECIMAL(38, 0))) AS finish_us
FROM sessions
"""


def pipeline_queries(timeout_us: int, micros: str) -> dict[str, str]:
    """Return the four queries with the timeout and the dialect's microseconds function.

    The queries read three tables the engine provides: ``log`` (``user_id``, ``timestamp``,
    ``page``, ``log_row``, ``day``), ``services`` (``page``) and, for the last three, ``clicks``
    (the first query's result).

    Parameters
    ----------
    timeout_us : int
        The inactivity gap that closes a session, in microseconds.
    micros : str
        The dialect's function from a timestamp to integer microseconds since the epoch.

    Returns
    -------
    dict of str to str
        ``clicks``, ``sessions``, ``transitions``, ``views`` and ``summary``.

    Examples
    --------
    >>> "unix_micros" in pipeline_queries(60_000_000, "unix_micros")["clicks"]
    True
    """
    return {
        "clicks": _CLICKS.format(timeout_us=int(timeout_us), micros=micros),
        "sessions": _SESSIONS,
        "transitions": _TRANSITIONS,
        "views": _VIEWS,
        "summary": _SUMMARY.format(micros=micros),
    }
