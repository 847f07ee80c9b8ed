"""The collection loop shared by both platforms: handles, pacing, resumable state, progress.

Nothing here touches the network or imports a client library: the loop talks to a client through
the small protocols :class:`BlueskyClient` and :class:`MastodonClient` (two methods each), which
the adapters of :mod:`govsocial.collect.clients` implement with ``atproto`` and ``Mastodon.py``
and which the tests implement with recorded fixture pages.

How a folder is written
-----------------------
Bluesky: ``feed.jsonl`` (one ``app.bsky.feed.getAuthorFeed`` response per line, as the AppView
sent it) and ``profiles.jsonl`` (one ``app.bsky.actor.getProfiles`` response per line, at most
25 accounts each). Mastodon: ``statuses.jsonl`` (one ``GET /api/v1/accounts/:id/statuses``
response, a JSON array, per line) and ``accounts.jsonl`` (one Account object per line). These
are the files :func:`govsocial.io.read_bluesky_feed`, :func:`govsocial.io.read_bluesky_profiles`,
:func:`govsocial.io.read_mastodon_statuses` and :func:`govsocial.io.read_mastodon_accounts`
read. Pages without any item (the end of a feed) are not written.

Beside them, ``collection.json`` records the platform, the server, the tool and its version, when
the collection started and was last updated, ``--since``, and for each handle the cursor (Bluesky)
or ``max_id`` (Mastodon) to ask for next, the pages written, whether its feed is finished, whether
its profile was written (Bluesky) or its account id (Mastodon); and the size in bytes of each data
file after the last page it recorded.

Resuming
--------
A page is appended to its file (and flushed to disk) *before* ``collection.json`` records it and
the cursor that follows it. A re-run of the same command reads ``collection.json``, cuts each
data file back to the size recorded there (a page written while the run was being interrupted,
and so not recorded, is removed rather than written twice), and goes on from each handle's
cursor; finished handles are not asked again. Handles added to ``accounts.csv`` since are
collected too.

Politeness
----------
Requests are at least ``interval`` seconds apart (default :data:`DEFAULT_INTERVAL`). When the
server says the rate limit is reached (a :class:`RateLimited` raised by the adapter, with the
seconds the server asked to wait), the loop waits that long (or :data:`DEFAULT_BACKOFF`) and asks
again, at most :data:`MAX_RETRIES` times in a row.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TextIO, TypeVar

from govsocial import __version__

__all__ = [
    "DEFAULT_BACKOFF",
    "DEFAULT_INTERVAL",
    "MAX_RETRIES",
    "STATE_FILE",
    "AccountNotFound",
    "BlueskyClient",
    "CollectionError",
    "MastodonClient",
    "Pacer",
    "RateLimited",
    "collect_bluesky",
    "collect_mastodon",
    "read_handles",
]

#: Seconds between two requests, at least (one per second: well under both platforms' limits).
DEFAULT_INTERVAL = 1.0
#: Seconds to wait after a rate-limit answer that did not say how long.
DEFAULT_BACKOFF = 60.0
#: Rate-limit answers in a row after which the collection stops (it can be resumed).
MAX_RETRIES = 5
#: The file that records a collection and lets it resume.
STATE_FILE = "collection.json"
#: Posts per page asked for: the most each API gives.
BLUESKY_PAGE = 100
MASTODON_PAGE = 40
#: Accounts per getProfiles request: the most the endpoint takes.
PROFILES_BATCH = 25

_T = TypeVar("_T")

FILES = {
    "bluesky": ("feed.jsonl", "profiles.jsonl"),
    "mastodon": ("statuses.jsonl", "accounts.jsonl"),
}


class CollectionError(RuntimeError):
    """A collection that cannot start or go on (a bad ``accounts.csv``, another folder's state).

    Examples
    --------
    >>> str(CollectionError("accounts.csv has no column 'handle'"))
    "accounts.csv has no column 'handle'"
    """


class RateLimited(Exception):  # noqa: N818 (a signal to wait, not an error)
    """Raised by a client when the server answers that its rate limit is reached.

    Parameters
    ----------
    seconds : float or None
        How long the server asked to wait (from its headers); None when it did not say.

    Examples
    --------
    >>> RateLimited(30.0).seconds
    30.0
    """

    def __init__(self, seconds: float | None = None) -> None:
        super().__init__("rate limited" + (f" (wait {seconds} s)" if seconds is not None else ""))
        self.seconds = seconds


class AccountNotFound(Exception):  # noqa: N818 (the name says what happened)
    """Raised by a client when the server does not know a handle.

    Examples
    --------
    >>> str(AccountNotFound("nobody.example"))
    'nobody.example'
    """


class BlueskyClient(Protocol):
    """What the collection asks of a Bluesky client (the AppView's two public endpoints).

    :class:`govsocial.collect.clients.AtprotoClient` implements it with ``atproto``; a test
    implements it with recorded pages.

    Examples
    --------
    >>> class Recorded:
    ...     def author_feed(self, actor, cursor, limit):
    ...         return {"feed": [], "cursor": None}
    ...     def profiles(self, actors):
    ...         return {"profiles": []}
    >>> client: BlueskyClient = Recorded()
    >>> client.author_feed("a.example", None, 100)
    {'feed': [], 'cursor': None}
    """

    def author_feed(self, actor: str, cursor: str | None, limit: int) -> dict[str, Any]:
        """Return one ``app.bsky.feed.getAuthorFeed`` response as the JSON object sent."""
        ...

    def profiles(self, actors: Sequence[str]) -> dict[str, Any]:
        """Return one ``app.bsky.actor.getProfiles`` response (at most 25 actors)."""
        ...


class MastodonClient(Protocol):
    """What the collection asks of a Mastodon client (two public endpoints of one server).

    :class:`govsocial.collect.clients.MastodonPyClient` implements it with ``Mastodon.py``; a
    test implements it with recorded pages.

    Examples
    --------
    >>> class Recorded:
    ...     def account(self, acct):
    ...         return {"id": "1", "acct": acct}
    ...     def statuses(self, account_id, max_id, limit):
    ...         return []
    >>> client: MastodonClient = Recorded()
    >>> client.account("info")
    {'id': '1', 'acct': 'info'}
    """

    def account(self, acct: str) -> dict[str, Any]:
        """Return the Account object of ``acct`` (``GET /api/v1/accounts/lookup``)."""
        ...

    def statuses(self, account_id: str, max_id: str | None, limit: int) -> list[dict[str, Any]]:
        """Return one page of ``GET /api/v1/accounts/:id/statuses`` (newest first)."""
        ...


@dataclass
class Pacer:
    """Space requests at least ``interval`` seconds apart and wait out rate limits.

    Parameters
    ----------
    interval : float
        Seconds between the starts of two requests, at least.
    clock, sleep : callable
        The time (seconds, monotonic) and a way to wait; injected by tests.
    backoff : float
        Seconds to wait after a rate-limit answer that did not say how long.
    retries : int
        Rate-limit answers in a row before giving up (the exception is raised again).
    waited : list of float
        Every wait, in seconds, in order.
    rate_limited : list of float
        The waits for rate-limit answers among them (the progress lines report them).

    Examples
    --------
    >>> now = [0.0]
    >>> pacer = Pacer(2.0, clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    >>> pacer.call(lambda: "first"), pacer.call(lambda: "second"), pacer.waited
    ('first', 'second', [2.0])
    """

    interval: float = DEFAULT_INTERVAL
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    backoff: float = DEFAULT_BACKOFF
    retries: int = MAX_RETRIES
    waited: list[float] = field(default_factory=list)
    rate_limited: list[float] = field(default_factory=list)
    _last: float | None = None

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self.waited.append(seconds)
            self.sleep(seconds)

    def call(self, request: Callable[[], _T]) -> _T:
        """Make ``request`` when the interval has passed; on :class:`RateLimited`, wait, retry.

        Parameters
        ----------
        request : callable
            One request, without arguments.

        Returns
        -------
        object
            What ``request`` returned.

        Examples
        --------
        >>> answers = iter([RateLimited(5.0), "page"])
        >>> def request():
        ...     answer = next(answers)
        ...     if isinstance(answer, Exception):
        ...         raise answer
        ...     return answer
        >>> pacer = Pacer(0.0, clock=lambda: 0.0, sleep=lambda s: None)
        >>> pacer.call(request), pacer.waited, pacer.rate_limited
        ('page', [5.0], [5.0])
        """
        limited = 0
        while True:
            if self._last is not None:
                self._wait(self._last + self.interval - self.clock())
            self._last = self.clock()
            try:
                return request()
            except RateLimited as limit:
                limited += 1
                if limited > self.retries:
                    raise
                seconds = limit.seconds if limit.seconds is not None else self.backoff
                seconds = max(seconds, self.interval)
                self.rate_limited.append(seconds)
                self._wait(seconds)
                self._last = None


def read_handles(path: str | os.PathLike[str]) -> list[str]:
    r"""Read the handles to collect from the ``handle`` column of an ``accounts.csv``.

    Other columns (agency, department, role...) are left for the chapters' loaders. A leading
    '@' is dropped; empty cells are skipped; a handle listed twice (in any letter case) is kept
    once, where it first appears.

    Parameters
    ----------
    path : str or path
        A CSV file with a header row that has a ``handle`` column.

    Returns
    -------
    list of str

    Raises
    ------
    CollectionError
        When the file is missing, has no ``handle`` column or no handle.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> csv_file = pathlib.Path(tempfile.mkdtemp()) / "accounts.csv"
    >>> _ = csv_file.write_text("handle,agency\n@info@gov.example,Info\nINFO@gov.example,x\n")
    >>> read_handles(csv_file)
    ['info@gov.example']
    """
    path = Path(path)
    if not path.is_file():
        raise CollectionError(f"{path}: no such file (a CSV with a column 'handle' is needed)")
    with path.open(newline="", encoding="utf-8-sig") as stream:
        reader = csv.DictReader(stream)
        columns = [name.strip() for name in reader.fieldnames or []]
        if "handle" not in columns:
            raise CollectionError(
                f"{path}: no column 'handle' (found {', '.join(columns) or 'no header'}); "
                "list one account handle per row under a header 'handle'"
            )
        reader.fieldnames = columns
        seen: dict[str, str] = {}
        for row in reader:
            handle = (row.get("handle") or "").strip().removeprefix("@")
            if handle and handle.lower() not in seen:
                seen[handle.lower()] = handle
    if not seen:
        raise CollectionError(f"{path}: the column 'handle' is empty")
    return list(seen.values())


def _parse_time(value: Any) -> datetime | None:
    """Parse an ISO 8601 time of the APIs as an aware UTC datetime; None when it is not one.

    Examples
    --------
    >>> _parse_time("2024-05-01T08:00:00.000Z").isoformat()
    '2024-05-01T08:00:00+00:00'
    >>> _parse_time("2024-05-01").isoformat(), _parse_time(None)
    ('2024-05-01T00:00:00+00:00', None)
    """
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def parse_since(value: str | datetime | None) -> datetime | None:
    """Read ``--since``: a date or time (ISO 8601), UTC unless it says otherwise.

    Examples
    --------
    >>> parse_since("2024-05-01").isoformat()
    '2024-05-01T00:00:00+00:00'
    >>> parse_since("yesterday")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govsocial.collect.core.CollectionError: --since 'yesterday' is not a date (use 2024-05-01 ...)
    """
    if value is None or isinstance(value, datetime):
        return value if value is None or value.tzinfo else value.replace(tzinfo=UTC)
    moment = _parse_time(value)
    if moment is None:
        raise CollectionError(
            f"--since {value!r} is not a date (use 2024-05-01 or 2024-05-01T08:00)"
        )
    return moment


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class _Progress:
    """A tqdm bar per handle when tqdm is installed and stderr is a terminal; else plain lines."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self._bar: Any = None
        try:
            from tqdm import tqdm
        except ImportError:
            self._tqdm = None
        else:
            self._tqdm = tqdm if getattr(self.stream, "isatty", lambda: False)() else None

    def start(self, handle: str, pages: int) -> None:
        if self._tqdm is not None:
            self._bar = self._tqdm(desc=handle, unit="page", initial=pages, file=self.stream)

    def page(self, platform: str, handle: str, pages: int, items: int, oldest: datetime | None,
             waited: float) -> None:
        when = oldest.isoformat(timespec="minutes").replace("+00:00", "Z") if oldest else "-"
        if self._bar is not None:
            self._bar.update(1)
            self._bar.set_postfix(items=items, oldest=when)
            return
        wait = f", waited {waited:.1f} s for the rate limit" if waited else ""
        print(f"{platform} {handle}: page {pages}, {items} items, oldest {when}{wait}",
              file=self.stream, flush=True)

    def note(self, message: str) -> None:
        if self._bar is not None:
            self._bar.write(message, file=self.stream)
        else:
            print(message, file=self.stream, flush=True)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


class _Folder:
    """The output folder: data files appended page by page, and ``collection.json``."""

    def __init__(self, out: Path, platform: str, server: str, handles: Sequence[str],
                 since: datetime | None) -> None:
        self.out = out
        self.platform = platform
        out.mkdir(parents=True, exist_ok=True)
        self.state_path = out / STATE_FILE
        if self.state_path.exists():
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
            if state.get("platform") != platform or state.get("server") != server:
                raise CollectionError(
                    f"{self.state_path} records a {state.get('platform')} collection from "
                    f"{state.get('server')}, not {platform} from {server}: choose another --out"
                )
            self.resumed = True
        else:
            state = {"platform": platform, "server": server, "started": _now(),
                     "handles": {}, "files": {}}
            self.resumed = False
        state["tool"] = f"govsocial {__version__} (python -m govsocial.collect)"
        state["since"] = since.isoformat().replace("+00:00", "Z") if since else None
        for handle in handles:
            state["handles"].setdefault(handle, {"cursor": None, "pages": 0, "done": False})
        self.state: dict[str, Any] = state
        self._cut_back()

    def _cut_back(self) -> None:
        """Cut each data file to the size the state recorded (drop unrecorded pages)."""
        for name in FILES[self.platform]:
            path = self.out / name
            recorded = self.state["files"].get(name, 0)
            size = path.stat().st_size if path.exists() else 0
            if size < recorded:
                raise CollectionError(
                    f"{path} is shorter ({size} bytes) than {STATE_FILE} records ({recorded}): "
                    "it was changed since; start again in a new folder"
                )
            if size > recorded:
                with path.open("r+b") as stream:
                    stream.truncate(recorded)

    def handle(self, handle: str) -> dict[str, Any]:
        return self.state["handles"][handle]

    def append(self, name: str, page: Any) -> None:
        """Append one page as one JSON line, flushed to disk, then record the file's size."""
        path = self.out / name
        with path.open("a", encoding="utf-8", newline="\n") as stream:
            stream.write(json.dumps(page, ensure_ascii=False, separators=(",", ":")) + "\n")
            stream.flush()
            os.fsync(stream.fileno())
        self.state["files"][name] = path.stat().st_size

    def save(self) -> None:
        """Write ``collection.json`` atomically (a temporary file moved into place)."""
        self.state["updated"] = _now()
        temporary = self.state_path.with_suffix(".json.tmp")
        temporary.write_text(json.dumps(self.state, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
        os.replace(temporary, self.state_path)


def _oldest(times: Iterable[datetime | None]) -> datetime | None:
    known = [moment for moment in times if moment is not None]
    return min(known) if known else None


def _bluesky_item_time(item: Mapping[str, Any]) -> datetime | None:
    """When an author-feed item entered the feed: a repost's time, else the post's createdAt."""
    reason = item.get("reason") or {}
    if isinstance(reason, Mapping) and str(reason.get("$type", "")).endswith("#reasonPin"):
        return None  # a pinned post shown again at the top: not in time order
    if isinstance(reason, Mapping) and reason.get("indexedAt"):
        return _parse_time(reason.get("indexedAt"))
    post = item.get("post") or {}
    record = post.get("record") or {} if isinstance(post, Mapping) else {}
    return _parse_time(record.get("createdAt")) or _parse_time(post.get("indexedAt"))


def _id_key(status_id: str) -> tuple[int, str]:
    """Order Mastodon ids (digit strings of varying length) as numbers."""
    return (len(status_id), status_id)


@dataclass
class _Run:
    folder: _Folder
    pacer: Pacer
    progress: _Progress
    since: datetime | None
    max_pages: int | None

    def feed(self, handle: str, fetch: Callable[[str | None], tuple[Any, int, datetime | None,
                                                                     str | None]],
             file: str) -> None:
        """Page one handle's feed from its recorded cursor until the end, --since or --max-pages.

        ``fetch(cursor)`` returns the page, its number of items, its oldest time and the next
        cursor (None at the end).
        """
        state = self.folder.handle(handle)
        if state["done"]:
            return
        self.progress.start(handle, state["pages"])
        fetched = 0
        try:
            while self.max_pages is None or fetched < self.max_pages:
                before = len(self.pacer.rate_limited)
                page, items, oldest, cursor = fetch(state["cursor"])
                waited = sum(self.pacer.rate_limited[before:])
                fetched += 1
                if items:
                    self.folder.append(file, page)
                    state["pages"] += 1
                state["cursor"] = cursor
                reached = self.since is not None and oldest is not None and oldest < self.since
                state["done"] = cursor is None or items == 0 or reached
                self.folder.save()
                if items:
                    self.progress.page(self.folder.platform, handle, state["pages"], items, oldest,
                                       waited)
                if state["done"]:
                    break
        finally:
            self.progress.stop()


def _prepare(out: str | os.PathLike[str], platform: str, server: str, handles: Sequence[str],
             since: str | datetime | None, interval: float, clock: Callable[[], float] | None,
             sleep: Callable[[float], None] | None, max_pages: int | None,
             progress: TextIO | None) -> _Run:
    if max_pages is not None and max_pages < 1:
        raise CollectionError(f"--max-pages must be 1 or more, not {max_pages}")
    if interval < 0:
        raise CollectionError(f"--interval must be 0 or more seconds, not {interval}")
    moment = parse_since(since)
    folder = _Folder(Path(out), platform, server, handles, moment)
    pacer = Pacer(interval, clock=clock or time.monotonic, sleep=sleep or time.sleep)
    run = _Run(folder, pacer, _Progress(progress), moment, max_pages)
    if folder.resumed:
        run.progress.note(f"resuming the collection recorded in {folder.state_path}")
    folder.save()
    return run


def collect_bluesky(
    client: BlueskyClient,
    handles: Sequence[str],
    out: str | os.PathLike[str],
    *,
    server: str,
    since: str | datetime | None = None,
    max_pages: int | None = None,
    interval: float = DEFAULT_INTERVAL,
    clock: Callable[[], float] | None = None,
    sleep: Callable[[float], None] | None = None,
    progress: TextIO | None = None,
) -> dict[str, Any]:
    """Collect the author feeds and profiles of Bluesky accounts into ``out``.

    Writes ``feed.jsonl``, ``profiles.jsonl`` and ``collection.json`` (see the module's notes);
    resumes from ``collection.json`` when the folder has one. Profiles are asked for once every
    feed is finished.

    Parameters
    ----------
    client : BlueskyClient
        :class:`govsocial.collect.clients.AtprotoClient`, or a fake in tests.
    handles : sequence of str
        Handles (or DIDs) of the accounts: official accounts only.
    out : str or path
        The folder (created when missing).
    server : str
        The AppView asked (recorded in ``collection.json``).
    since : str or datetime, optional
        Stop paging an account's feed once a page reaches posts older than this (UTC unless it
        says otherwise). The last page is written whole, so a few older posts may remain.
    max_pages : int, optional
        At most this many pages per account in this run; a re-run goes on from there.
    interval : float
        Seconds between requests, at least.
    clock, sleep : callable, optional
        A monotonic clock and a way to wait (tests inject fakes).
    progress : text stream, optional
        Where progress goes (default: standard error).

    Returns
    -------
    dict
        The state written to ``collection.json``.

    Examples
    --------
    >>> import tempfile
    >>> class Fake:
    ...     def author_feed(self, actor, cursor, limit):
    ...         return {"feed": []}
    ...     def profiles(self, actors):
    ...         return {"profiles": [{"did": "did:plc:x", "handle": a} for a in actors]}
    >>> state = collect_bluesky(Fake(), ["a.example"], tempfile.mkdtemp(),
    ...                         server="https://public.api.bsky.app", interval=0, progress=None)
    >>> state["handles"]["a.example"]
    {'cursor': None, 'pages': 0, 'done': True, 'profile': True}
    """
    run = _prepare(out, "bluesky", server, handles, since, interval, clock, sleep, max_pages,
                   progress)
    feed_file, profiles_file = FILES["bluesky"]

    for handle in handles:
        def fetch(cursor: str | None, handle: str = handle) -> tuple[Any, int, datetime | None,
                                                                      str | None]:
            page = run.pacer.call(lambda: client.author_feed(handle, cursor, BLUESKY_PAGE))
            items = page.get("feed") or []
            oldest = _oldest(_bluesky_item_time(item) for item in items if isinstance(item, dict))
            return page, len(items), oldest, page.get("cursor") or None

        try:
            run.feed(handle, fetch, feed_file)
        except AccountNotFound as missing:
            _skip(run, handle, missing)

    state = run.folder.state
    wanted = [handle for handle in handles
              if not state["handles"][handle].get("error")
              and not state["handles"][handle].get("profile")]
    for start in range(0, len(wanted), PROFILES_BATCH):
        batch = wanted[start:start + PROFILES_BATCH]
        page = run.pacer.call(lambda batch=batch: client.profiles(batch))
        if page.get("profiles"):
            run.folder.append(profiles_file, page)
        for handle in batch:
            state["handles"][handle]["profile"] = True
        run.folder.save()
    if wanted:
        run.progress.note(f"bluesky: profiles of {len(wanted)} accounts written")
    return state


def _skip(run: _Run, handle: str, missing: AccountNotFound) -> None:
    state = run.folder.handle(handle)
    state.update(done=True, error=f"not found: {missing}")
    run.folder.save()
    run.progress.note(f"{run.folder.platform} {handle}: not found on the server, skipped")


def collect_mastodon(
    client: MastodonClient,
    handles: Sequence[str],
    out: str | os.PathLike[str],
    *,
    server: str,
    since: str | datetime | None = None,
    max_pages: int | None = None,
    interval: float = DEFAULT_INTERVAL,
    clock: Callable[[], float] | None = None,
    sleep: Callable[[float], None] | None = None,
    progress: TextIO | None = None,
) -> dict[str, Any]:
    """Collect the statuses and Account objects of Mastodon accounts, as one server serves them.

    For each handle: the Account object (``accounts.jsonl``, once per handle), then its statuses
    page by page with ``max_id`` (``statuses.jsonl``); ``collection.json`` as in the module's
    notes. Ids are those of the server asked: read the folder with
    ``read_mastodon_statuses(path, server=<that server>)``.

    Parameters
    ----------
    client : MastodonClient
        :class:`govsocial.collect.clients.MastodonPyClient`, or a fake in tests.
    handles : sequence of str
        ``user`` (an account of the server) or ``user@domain``: official accounts only.
    out : str or path
        The folder (created when missing).
    server : str
        The server's domain (recorded in ``collection.json``).
    since, max_pages, interval, clock, sleep, progress
        As for :func:`collect_bluesky`.

    Returns
    -------
    dict
        The state written to ``collection.json``.

    Examples
    --------
    >>> import tempfile
    >>> class Fake:
    ...     def account(self, acct):
    ...         return {"id": "1", "acct": acct, "username": acct}
    ...     def statuses(self, account_id, max_id, limit):
    ...         return []
    >>> state = collect_mastodon(Fake(), ["info"], tempfile.mkdtemp(), server="gov.example",
    ...                          interval=0)
    >>> state["handles"]["info"]
    {'cursor': None, 'pages': 0, 'done': True, 'account_id': '1'}
    """
    run = _prepare(out, "mastodon", server, handles, since, interval, clock, sleep, max_pages,
                   progress)
    statuses_file, accounts_file = FILES["mastodon"]

    for handle in handles:
        state = run.folder.handle(handle)
        if state["done"]:
            continue
        if "account_id" not in state:
            try:
                account = run.pacer.call(lambda handle=handle: client.account(handle))
            except AccountNotFound as missing:
                _skip(run, handle, missing)
                continue
            run.folder.append(accounts_file, account)
            state["account_id"] = str(account["id"])
            run.folder.save()

        def fetch(max_id: str | None, account_id: str = state["account_id"]) -> tuple[
                Any, int, datetime | None, str | None]:
            page = run.pacer.call(lambda: client.statuses(account_id, max_id, MASTODON_PAGE))
            statuses = [status for status in page if isinstance(status, dict)]
            oldest = _oldest(_parse_time(status.get("created_at")) for status in statuses)
            ids = [str(status["id"]) for status in statuses if status.get("id") is not None]
            return page, len(page), oldest, min(ids, key=_id_key) if ids else None

        run.feed(handle, fetch, statuses_file)
    return run.folder.state
