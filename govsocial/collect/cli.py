r"""The command line: ``python -m govsocial.collect {bluesky,mastodon} ...``.

Usage::

    python -m govsocial.collect bluesky --handles accounts.csv --out mydata/
    python -m govsocial.collect mastodon --server social.example --handles accounts.csv \
        --out mydata/ [--since 2024-01-01] [--max-pages 10] [--interval 1.0]

Exit status: 0 when the collection finished (or had nothing left to do), 1 when it stopped
early (a network error, the extra not installed; re-run the same command to go on), 2 for a
usage error (a bad ``accounts.csv``, a folder of another collection), 130 when interrupted
with Ctrl-C (re-run to go on).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from govsocial.collect.clients import (
    PUBLIC_APPVIEW,
    AtprotoClient,
    MastodonPyClient,
    MissingExtra,
    mastodon_base_url,
)
from govsocial.collect.core import (
    DEFAULT_INTERVAL,
    STATE_FILE,
    CollectionError,
    collect_bluesky,
    collect_mastodon,
    read_handles,
)

__all__ = ["main", "parser"]

_ETHICS = (
    "Only public posts are collected: the command does not log in. List official accounts "
    "only (agencies, departments, cities, officials in their role), never private persons. "
    "Replies, mentions and reposts in the pages still name other accounts, citizens among them: "
    "the files are written as the server sent them, and the analysis pseudonymises those handles "
    "with a keyed hash (govsocial.io.pseudonymise) before anything else. Respect the platform's "
    "terms and, on Mastodon, the rules of the server you ask (each server sets its own)."
)


def parser() -> argparse.ArgumentParser:
    """Build the argument parser of ``python -m govsocial.collect``.

    Returns
    -------
    argparse.ArgumentParser

    Examples
    --------
    >>> args = parser().parse_args(["bluesky", "--handles", "a.csv", "--out", "d"])
    >>> args.platform, args.handles, args.interval, args.since, args.max_pages
    ('bluesky', 'a.csv', 1.0, None, None)
    """
    main_parser = argparse.ArgumentParser(
        prog="python -m govsocial.collect",
        description=(
            "Collect the public posts of official government accounts from Bluesky or a "
            "Mastodon server into a folder that govsocial.io's readers read (feed.jsonl and "
            "profiles.jsonl; statuses.jsonl and accounts.jsonl; with collection.json, which "
            "lets a re-run resume). Needs: " + 'pip install "govsocial[collect]".'
        ),
        epilog=_ETHICS,
    )
    platforms = main_parser.add_subparsers(dest="platform", required=True, metavar="PLATFORM")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--handles", required=True, metavar="CSV",
                        help="accounts.csv with a column 'handle' (one official account per "
                        "row; other columns are ignored here and read by the chapters)")
    common.add_argument("--out", required=True, metavar="FOLDER",
                        help="folder to write (created if missing); a folder with "
                        f"{STATE_FILE} is resumed")
    common.add_argument("--since", metavar="DATE",
                        help="stop paging an account's posts once they are older than DATE "
                        "(2024-05-01 or 2024-05-01T08:00, UTC); the last page is kept whole")
    common.add_argument("--max-pages", type=int, metavar="N",
                        help="at most N pages per account in this run (a re-run goes on)")
    common.add_argument("--interval", type=float, default=DEFAULT_INTERVAL, metavar="SECONDS",
                        help=f"seconds between requests, at least (default {DEFAULT_INTERVAL})")
    bluesky = platforms.add_parser(
        "bluesky", parents=[common], epilog=_ETHICS,
        help="author feeds and profiles from Bluesky's public AppView",
        description="Author feeds (app.bsky.feed.getAuthorFeed) and profiles "
        "(app.bsky.actor.getProfiles) of the accounts listed, public posts only.")
    bluesky.add_argument("--appview", default=PUBLIC_APPVIEW, metavar="URL",
                         help=f"the AppView to ask (default {PUBLIC_APPVIEW}, no login)")
    mastodon = platforms.add_parser(
        "mastodon", parents=[common], epilog=_ETHICS,
        help="statuses and accounts from one Mastodon server",
        description="Statuses (GET /api/v1/accounts/:id/statuses) and Account objects of the "
        "accounts listed, public posts only, as one server serves them.")
    mastodon.add_argument("--server", required=True, metavar="DOMAIN",
                          help="the server to ask (e.g. social.example); handles without a "
                          "domain are its accounts")
    return main_parser


def _client(args: argparse.Namespace) -> Any:
    if args.platform == "bluesky":
        return AtprotoClient(args.appview)
    return MastodonPyClient(args.server)


def main(
    argv: Sequence[str] | None = None,
    *,
    client: Any = None,
    clock: Callable[[], float] | None = None,
    sleep: Callable[[float], None] | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command; return its exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: the command line's).
    client : object, optional
        A client for the platform (tests pass a fake); default the ``atproto`` or
        ``Mastodon.py`` adapter.
    clock, sleep : callable, optional
        A monotonic clock and a way to wait (tests pass fakes).
    stderr : text stream, optional
        Where progress and messages go (default: standard error).

    Returns
    -------
    int
        0 finished, 1 stopped early (re-run to resume), 2 usage error, 130 interrupted.

    Examples
    --------
    >>> import io
    >>> messages = io.StringIO()
    >>> main(["bluesky", "--handles", "no-such.csv", "--out", "x"], stderr=messages)
    2
    >>> print(messages.getvalue().strip())
    no-such.csv: no such file (a CSV with a column 'handle' is needed)
    """
    args = parser().parse_args(argv)
    err = stderr if stderr is not None else sys.stderr
    try:
        handles = read_handles(args.handles)
        if client is None:
            client = _client(args)
        options: dict[str, Any] = dict(since=args.since, max_pages=args.max_pages,
                                       interval=args.interval, clock=clock, sleep=sleep,
                                       progress=err)
        if args.platform == "bluesky":
            state = collect_bluesky(client, handles, args.out, server=args.appview, **options)
        else:
            server = mastodon_base_url(args.server).split("://", 1)[1]
            state = collect_mastodon(client, handles, args.out, server=server, **options)
    except CollectionError as error:
        print(error, file=err)
        return 2
    except MissingExtra as error:
        print(error, file=err)
        return 1
    except KeyboardInterrupt:
        print(f"interrupted: run the same command again to resume from {args.out}/{STATE_FILE}",
              file=err)
        return 130
    except Exception as error:  # a network or server error: what was written is kept
        reason = str(error) or repr(error.__cause__ or error.__context__ or error)
        print(f"stopped by {type(error).__name__}: {reason}\nWhat was collected is kept; run the "
              f"same command again to resume from {args.out}/{STATE_FILE}", file=err)
        return 1
    unfinished = [handle for handle, one in state["handles"].items() if not one["done"]]
    missing = [handle for handle, one in state["handles"].items() if one.get("error")]
    summary = f"{args.platform}: {len(state['handles']) - len(unfinished)} accounts finished"
    if unfinished:
        summary += f", {len(unfinished)} to go (run again to continue: --max-pages)"
    if missing:
        summary += f"; not found: {', '.join(missing)}"
    print(f"{summary}; written to {args.out}", file=err)
    return 0
