"""Web server access logs (Common and Combined Log Format) as clicks, with pseudonymous users.

Reads the Common Log Format (``host ident user [time] "request" status bytes``) and the Combined
Log Format (the same followed by ``"referer" "user agent"``) that Apache httpd and nginx write by
default. Both are specified in the Apache httpd documentation
(https://httpd.apache.org/docs/current/logs.html, "Common Log Format" and "Combined Log
Format"); nginx's predefined ``combined`` format is the same
(https://nginx.org/en/docs/http/ngx_http_log_module.html). Clients are replaced by keyed
pseudonyms (:func:`pseudonymise`, HMAC-SHA-256 as in RFC 2104) before anything is kept; the
result has the columns of :data:`govsocial.io.clickstreams.CLICKSTREAM`.

Public functions
----------------
read_access_log(path, *, salt, on_error="raise")
    A web server access log (Common or Combined Log Format) as clicks, users pseudonymised.
pseudonymise(values, salt)
    Keyed (HMAC-SHA-256) pseudonyms of identifiers.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from govsocial.io.clickstreams import CLICKSTREAM
from govsocial.io.core import Loaded, PathLike, _decode, readable_file, shown_path
from govsocial.schema import DataError, LoadReport, OnError, Problem, check

__all__ = ["pseudonymise", "read_access_log"]

# host ident user [time] "request" status bytes ["referer" "user agent"]
_ACCESS_LINE = (
    r'^(?P<host>\S+) (?P<ident>\S+) (?P<authuser>\S+) \[(?P<time>[^\]]+)\] '
    r'"(?P<request>(?:[^"\\]|\\.)*)" (?P<status>\d{3}|-) (?P<bytes>\d+|-)'
    r'(?: "(?P<referer>(?:[^"\\]|\\.)*)" "(?P<agent>(?:[^"\\]|\\.)*)")?\s*$'
)
_STATIC = (
    ".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".ico", ".svg", ".webp", ".woff",
    ".woff2", ".ttf", ".map", ".txt", ".xml",
)
_BOTS = r"(?i)bot|crawl|spider|slurp|curl|wget|python-requests|monitor"
_NOT_A_REQUEST = "request is not METHOD PATH PROTOCOL"
_NOT_GET = "not a GET request"
_FAILED = "status 400 or above (error)"
_STATIC_FILE = "static file (stylesheet, script, image, font)"
_BOT = "automated client (bot, crawler or script)"


def pseudonymise(values: Iterable[str], salt: str) -> list[str]:
    """Replace identifiers with keyed SHA-256 pseudonyms (HMAC, 16 hexadecimal characters).

    The same value and salt always give the same pseudonym, so a user's clicks stay linked;
    without the salt, a pseudonym cannot be turned back into the value by trying likely values
    (every IP address, say). Keep the salt secret and apart from the data, and destroy it when
    the linking is no longer needed. This is pseudonymisation, not anonymisation: the clicks
    of one pseudonym can still single out a person.

    Parameters
    ----------
    values : iterable of str
        Identifiers (IP addresses, device ids, account names).
    salt : str
        A secret, random string (for example ``secrets.token_hex(16)``); not empty.

    Returns
    -------
    list of str

    Examples
    --------
    >>> a, b, c = pseudonymise(["203.0.113.7", "203.0.113.8", "203.0.113.7"], salt="s3cret")
    >>> a == c, a == b, len(a)
    (True, False, 16)
    """
    import hashlib
    import hmac

    if not isinstance(salt, str) or not salt:
        raise DataError(
            "a salt is needed to pseudonymise identifiers",
            expected="a secret, non-empty string, e.g. secrets.token_hex(16)",
            found=repr(salt),
        )
    key = salt.encode("utf-8")
    cache: dict[str, str] = {}
    out = []
    for value in values:
        if value not in cache:
            digest = hmac.new(key, str(value).encode("utf-8"), hashlib.sha256).hexdigest()
            cache[value] = digest[:16]
        out.append(cache[value])
    return out


def read_access_log(path: PathLike, *, salt: str, on_error: OnError = "raise") -> Loaded:
    r"""Parse a web server access log into clicks, with pseudonymous users.

    Reads the Common Log Format (``host ident user [time] "request" status bytes``) and the
    Combined Log Format (the same, then ``"referer" "user agent"``), as Apache and nginx write
    them. Each kept line becomes one click:

    - ``user_id``: a salted hash (:func:`pseudonymise`) of the client address and, in the
      Combined format, the user agent; the address itself is not kept;
    - ``timestamp``: the request time, converted to UTC;
    - ``page``: the requested path **without its query string** (``?plate=...`` can carry
      personal data) and without a trailing slash (``/`` stays ``/``).

    Lines left out, and counted in the report: blank lines, requests that are not
    ``METHOD PATH PROTOCOL``, requests other than GET, responses with status 400 or above,
    static files (stylesheets, scripts, images, fonts) and automated clients (user agents
    naming a bot, crawler, spider or script).

    Parameters
    ----------
    path : str or path-like
        The log file (UTF-8 text, one request per line).
    salt : str
        Secret salt of the pseudonyms (keep it out of the data and out of the notebook you
        share).
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every line in neither format, with a time that
        cannot be read or that lies in the future (the first 20, then how many more).
        ``"skip"``: those lines are left out, and ``report.skipped`` lists each with its line
        and reason.

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`CLICKSTREAM`, in file order.

    Raises
    ------
    DataError
        At once for an empty salt, a file that is not UTF-8 or a log with no page views left;
        with ``on_error="raise"`` also for every line in neither format or with a time that
        cannot be read or lies in the future (naming the line).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "access.log"
    >>> _ = path.write_text(
    ...     '203.0.113.7 - - [01/Mar/2019:08:00:00 +0800] "GET /home HTTP/1.1" 200 512\n'
    ...     '203.0.113.7 - - [01/Mar/2019:08:00:04 +0800] "GET /style.css HTTP/1.1" 200 90\n'
    ...     '203.0.113.7 - - [01/Mar/2019:08:00:09 +0800] "GET /fines?plate=X1 HTTP/1.1" 200 1\n')
    >>> loaded = read_access_log(path, salt="s3cret")
    >>> loaded.frame["page"].tolist(), str(loaded.frame["timestamp"].iloc[0])
    (['/home', '/fines'], '2019-03-01 00:00:00+00:00')
    >>> print(loaded.report)  # doctest: +ELLIPSIS
    /.../access.log: read 3 rows, kept 2, dropped 1 (static file ...: 1)
    >>> folder.cleanup()
    """
    import numpy as np

    path = readable_file(path)
    file = str(path)
    pseudonymise([], salt)  # check the salt before reading anything
    # Lines end at "\n" (or "\r\n") only: str.splitlines would also break a line at form
    # feeds, "\x1c"-"\x1e" or "\u2028" inside a user agent, and shift every line number after it.
    text = _decode(path)
    lines = pd.Series(text.removesuffix("\n").split("\n") if text else [], dtype="string")
    lines = lines.str.removesuffix("\r")
    numbers = pd.Series(range(1, len(lines) + 1))
    blank = lines.str.strip().eq("").to_numpy(dtype=bool)
    dropped = {"blank line": int(blank.sum())}
    lines, numbers = lines[~blank], numbers[~blank]
    if lines.empty:
        raise DataError(
            "the log has no lines", file=file, expected="one request per line", found="no lines"
        )
    parts = lines.str.extract(_ACCESS_LINE)
    unparsed = parts["host"].isna().to_numpy(dtype=bool)
    problems = [
        Problem(
            "this line is not in the Common or Combined Log Format", file, int(numbers.iloc[i]),
            None, 'host ident user [day/Mon/year:hh:mm:ss +zone] "GET /path HTTP/1.1" '
            "status bytes", repr(str(lines.iloc[i])[:80]),
        )
        for i in np.flatnonzero(unparsed)
    ]
    times = pd.to_datetime(parts["time"], format="%d/%b/%Y:%H:%M:%S %z", errors="coerce",
                           utc=True)
    untimed = times.isna().to_numpy(dtype=bool) & ~unparsed
    problems += [
        Problem("the request time cannot be read", file, int(numbers.iloc[i]), "time",
                "[day/Mon/year:hh:mm:ss +zone], e.g. [01/Mar/2019:08:00:00 +0800]",
                repr(str(parts["time"].iloc[i])))
        for i in np.flatnonzero(untimed)
    ]
    problems.sort(key=lambda problem: problem.row or 0)
    request = parts["request"].str.extract(r"^(?P<method>[A-Z]+) (?P<target>\S+) HTTP/[\d.]+$")
    path_only = request["target"].str.replace(r"[?#].*$", "", regex=True)
    status = pd.to_numeric(parts["status"], errors="coerce")
    agent = parts["agent"].fillna("")
    reasons = [
        (_NOT_A_REQUEST, request["method"].isna()),
        (_NOT_GET, request["method"].ne("GET")),
        (_FAILED, status.ge(400).fillna(False)),
        (_STATIC_FILE, path_only.str.lower().str.endswith(_STATIC).fillna(False)),
        (_BOT, agent.str.contains(_BOTS, regex=True)),
    ]
    keep = ~unparsed & ~untimed
    for reason, mask in reasons:
        hit = keep & mask.to_numpy(dtype=bool, na_value=False)
        dropped[reason] = int(hit.sum())
        keep &= ~hit
    if not keep.any() and problems:
        raise DataError.of(problems)
    if not keep.any():
        raise DataError(
            "no page views left in the log after leaving out "
            + ", ".join(f"{reason} ({n})" for reason, n in dropped.items() if n),
            file=file,
            expected="at least one successful GET request of a page",
            found="none",
        )
    page = path_only[keep].str.replace(r"(?<=.)/+$", "", regex=True)
    client = (parts["host"] + "\x1f" + agent)[keep]
    frame = pd.DataFrame(
        {
            "user_id": pseudonymise(client.tolist(), salt),
            "timestamp": times[keep].array,
            "page": page.to_numpy(),
        }
    )
    checked = check(frame, CLICKSTREAM, file=file, row_numbers=numbers[keep].tolist())
    checked = checked.add(problems)
    table, skipped = checked.settle(on_error)
    report = LoadReport(shown_path(file), rows_read=len(blank), dropped=dropped)
    report.skip(skipped)
    return Loaded(table, report)
