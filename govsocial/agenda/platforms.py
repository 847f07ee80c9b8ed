"""Which platform a folder of posts comes from, and its posts and accounts in the post format.

A chapter's own-data folder holds the files of ONE platform, as the collection command writes
them (``python -m govsocial.collect bluesky --handles accounts.csv --out mydata/``):

- Bluesky: ``feed.jsonl`` (getAuthorFeed pages) and ``profiles.jsonl`` (getProfiles answers);
- Mastodon: ``statuses.jsonl``, ``accounts.jsonl`` and ``collection.json`` (``{"server":
  ...}``, the server that answered);
- or the chapter's archival files (Twitter API v2 JSON lines, CrowdTangle CSV exports),

beside the chapter's own ``accounts.csv`` (or ``departments.csv``). :func:`detect_platform`
names the platform from the files present; :func:`read_platform` reads the Bluesky or Mastodon
files into the :data:`~govsocial.io.posts.POSTS` and :data:`~govsocial.io.posts.ACCOUNTS`
formats; :func:`handle_key` is how handles are matched (letter case ignored, Mastodon handles
as user@server). The agenda and coproduction chapters share this module.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from govsocial.io.core import _decode
from govsocial.schema import DataError, LoadReport, OnError

__all__ = ["PLATFORM_FILES", "PlatformPosts", "detect_platform", "handle_key", "read_platform"]

PLATFORM_FILES: dict[str, tuple[str, ...]] = {
    "bluesky": ("feed.jsonl", "profiles.jsonl"),
    "mastodon": ("statuses.jsonl", "accounts.jsonl", "collection.json"),
}
"""The files of each platform the collection command writes (all of them are needed)."""

LABELS = {"bluesky": "Bluesky", "mastodon": "Mastodon", "twitter": "Twitter"}
"""How the pages name each platform."""


def _listing(names: Sequence[str]) -> str:
    """Join file names for a message ('a, b and c').

    Examples
    --------
    >>> _listing(["a", "b", "c"]), _listing(["a"]), _listing([])
    ('a, b and c', 'a', 'none')
    """
    if not names:
        return "none"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def detect_platform(folder: Path, archival: Sequence[str]) -> str:
    """Name the platform whose files ``folder`` holds: 'bluesky', 'mastodon' or 'archival'.

    Parameters
    ----------
    folder : Path
        An existing folder.
    archival : sequence of str
        The chapter's archival post files (any one of them makes the folder archival).

    Returns
    -------
    str

    Raises
    ------
    DataError
        When the folder holds files of two platforms, of none, or only some of a platform's
        files; the message names the files found and the files expected.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in PLATFORM_FILES["bluesky"]:
    ...     _ = (folder / name).write_text("{}")
    >>> detect_platform(folder, ["tweets.jsonl"])
    'bluesky'
    """
    sets = {**PLATFORM_FILES, "archival": tuple(archival)}
    found = {
        platform: [name for name in names if (folder / name).is_file()]
        for platform, names in sets.items()
    }
    present = [platform for platform, names in found.items() if names]
    expected = "; or ".join(
        f"{LABELS.get(p, 'archival')}: {_listing(list(n))}"
        + (" (one or more)" if p == "archival" else "")
        for p, n in sets.items()
    )
    every = [name for names in found.values() for name in names]
    if len(present) != 1:
        problem = ("the folder holds posts of more than one platform: keep one platform per "
                   "folder" if present else "the folder holds no posts of any platform")
        raise DataError(problem, file=str(folder), expected=f"the files of ONE platform: "
                        f"{expected}", found=f"post files: {_listing(every)}")
    platform = present[0]
    lacking = [name for name in sets[platform] if name not in found[platform]]
    if platform != "archival" and lacking:
        raise DataError(
            f"the {LABELS[platform]} files are incomplete",
            file=str(folder / lacking[0]),
            expected=f"all of {_listing(list(sets[platform]))} (as the collection command "
            "writes them)",
            found=f"only {_listing(found[platform])}",
        )
    return platform


def handle_key(handle: Any, server: str | None = None) -> Any:
    """Write a handle as handles are matched: no '@' in front, lower case, Mastodon user@server.

    Parameters
    ----------
    handle : object
        A handle as written ('@Info', 'info@Gov.Example', 'CityOfExample.bsky.social'); a
        missing value stays missing.
    server : str, optional
        The Mastodon server asked: a handle without a server is one of its accounts.

    Examples
    --------
    >>> handle_key("@Info", "gov.example"), handle_key(" City.bsky.social ")
    ('info@gov.example', 'city.bsky.social')
    """
    if not isinstance(handle, str):
        return handle
    key = handle.strip().removeprefix("@").lower()
    if server is not None and "@" not in key:
        key = f"{key}@{server.lower()}"
    return key


def _server(path: Path) -> str:
    """Return the ``server`` of ``collection.json``; a file without one is a DataError."""
    text = _decode(path)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError("this file is not valid JSON", file=str(path), row=error.lineno,
                        expected='{"server": "social.example", ...}',
                        found=f"{error.msg} at character {error.colno}") from None
    server = value.get("server") if isinstance(value, Mapping) else None
    if not isinstance(server, str) or not server.strip() or "/" in server:
        raise DataError(
            "the collection does not name the Mastodon server that answered",
            file=str(path), column="server",
            expected='{"server": "social.example", ...} (a host name, as the collection '
            "command writes it)",
            found=repr(server) if isinstance(value, Mapping) else f"a JSON {type(value).__name__}",
        )
    return server.strip().lower()


@dataclass
class PlatformPosts:
    """The posts and accounts of a Bluesky or Mastodon folder.

    Attributes
    ----------
    platform : str
        'bluesky' or 'mastodon'.
    posts : DataFrame
        The :data:`~govsocial.io.posts.POSTS` format.
    lines : list of int
        The line of each post in its file.
    accounts : DataFrame
        The :data:`~govsocial.io.posts.ACCOUNTS` format.
    posts_file : Path
        The file the posts come from.
    server : str or None
        The Mastodon server asked (None for Bluesky).
    reports : list of LoadReport
        The reports of the posts and the accounts files.
    """

    platform: str
    posts: pd.DataFrame
    lines: list[int]
    accounts: pd.DataFrame
    posts_file: Path
    server: str | None
    reports: list[LoadReport]

    def key(self, handle: Any) -> Any:
        """Match form of a handle of this platform (see :func:`handle_key`)."""
        return handle_key(handle, self.server)


def read_platform(folder: Path, platform: str, *, on_error: OnError = "raise") -> PlatformPosts:
    """Read a Bluesky or Mastodon folder's posts and accounts.

    Parameters
    ----------
    folder : Path
        A folder holding the files of :data:`PLATFORM_FILES` for ``platform``.
    platform : {"bluesky", "mastodon"}
    on_error : {"raise", "skip"}
        Passed on to the readers.

    Returns
    -------
    PlatformPosts

    Raises
    ------
    DataError
        From the readers (file, line, post id), or for a ``collection.json`` without a server.
    """
    from govsocial import io

    files = [folder / name for name in PLATFORM_FILES[platform]]
    if platform == "bluesky":
        server = None
        posts = io.read_bluesky_feed(files[0], on_error=on_error)
        accounts = io.read_bluesky_profiles(files[1], on_error=on_error)
    else:
        server = _server(files[2])
        posts = io.read_mastodon_statuses(files[0], server=server, on_error=on_error)
        accounts = io.read_mastodon_accounts(files[1], server=server, on_error=on_error)
    lines = list(posts.lines) if posts.lines is not None else []
    return PlatformPosts(platform, posts.frame, lines, accounts.frame, files[0], server,
                         [posts.report, accounts.report])
