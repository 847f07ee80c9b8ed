"""A folder of one platform's posts, read into the post format every chapter analyses.

A reader's own-data folder holds the files of ONE platform beside the chapter's own files
(``accounts.csv``, ``departments.csv``, ...):

- **Bluesky**: ``feed.jsonl`` (``app.bsky.feed.getAuthorFeed`` pages) and ``profiles.jsonl``
  (``app.bsky.actor.getProfiles`` answers), as ``python -m govsocial.collect bluesky`` writes
  them;
- **Mastodon**: ``statuses.jsonl`` (pages of ``GET /api/v1/accounts/:id/statuses``),
  ``accounts.jsonl`` (Account objects) and ``collection.json`` (``{"server": "..."}``, the
  server that answered), as ``python -m govsocial.collect mastodon`` writes them;
- or the chapter's **archival** files: Twitter API v2 responses (``tweets.jsonl``, as ``twarc2``
  wrote them) and, in some chapters, CrowdTangle CSV exports.

:func:`detect_platform` names the platform from the files present; :func:`read_platform` reads a
Bluesky or Mastodon folder, and :func:`read_posts_folder` also a Twitter one, into the
:data:`~govsocial.io.posts.POSTS` and :data:`~govsocial.io.posts.ACCOUNTS` formats;
:func:`handle_key` is how handles are matched (letter case and a leading @ ignored, Mastodon
handles as user@server). Every chapter that takes posts reads its folder here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from govsocial.io.bluesky import read_bluesky_feed, read_bluesky_profiles
from govsocial.io.core import Loaded, _decode, readable_folder
from govsocial.io.mastodon import read_mastodon_accounts, read_mastodon_statuses
from govsocial.io.posts import from_tweets_v2
from govsocial.io.tweets import read_tweets_v2_jsonl
from govsocial.schema import DataError, LoadReport, OnError

__all__ = [
    "HANDLE_PATTERNS",
    "LABELS",
    "LACKS",
    "PLATFORM_FILES",
    "TWEETS_FILE",
    "PostsFolder",
    "detect_platform",
    "handle_key",
    "read_platform",
    "read_posts_folder",
    "reposted_handles",
]

#: The files of each platform the collection command writes (all of them are needed), the
#: posts file first.
PLATFORM_FILES: dict[str, tuple[str, ...]] = {
    "bluesky": ("feed.jsonl", "profiles.jsonl"),
    "mastodon": ("statuses.jsonl", "accounts.jsonl", "collection.json"),
}

#: The archival Twitter file (API v2 responses, one per line).
TWEETS_FILE = "tweets.jsonl"

#: How the pages name each platform.
LABELS = {"bluesky": "Bluesky", "mastodon": "Mastodon", "twitter": "Twitter"}

#: What each platform does not give, in one sentence each (for the pages and the reports).
LACKS: dict[str, tuple[str, ...]] = {
    "bluesky": (
        "Bluesky gives counts when collected only (no follower or repost counts over time, no "
        "impressions), and no post before it opened in February 2023.",
    ),
    "mastodon": (
        "Mastodon gives counts when collected only (no follower or boost counts over time, no "
        "impressions), no quote counts from servers before version 4.5, and ids and counts as "
        "the server asked knows them.",
    ),
    "twitter": (
        "Twitter API v2 files are archival: free research access ended in 2023; they give "
        "counts when collected only, and mentions only as a number.",
    ),
}

#: Valid handles of ``accounts.csv`` on each platform (an @ in front is allowed).
HANDLE_PATTERNS: dict[str, tuple[re.Pattern[str], str]] = {
    "twitter": (re.compile(r"@?\w{1,15}"), "1-15 letters, digits or _ (an @ in front is allowed)"),
    "bluesky": (
        re.compile(r"@?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+"),
        "a Bluesky handle such as cityofexample.bsky.social (an @ in front is allowed)",
    ),
    "mastodon": (
        re.compile(r"@?\w+(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?"),
        "user@server, or user for an account of the server asked (an @ in front is allowed)",
    ),
}


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


def detect_platform(folder: Path, archival: Sequence[str] = (TWEETS_FILE,)) -> str:
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
    >>> detect_platform(folder)
    'bluesky'
    >>> _ = (folder / "tweets.jsonl").write_text("")
    >>> detect_platform(folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govsocial.schema.DataError: ...: the folder holds files of more than one platform (archival, \
bluesky)...
    """
    sets = {**PLATFORM_FILES, "archival": tuple(archival)}
    found = {
        platform: [name for name in names if (folder / name).is_file()]
        for platform, names in sets.items()
    }
    present = sorted(platform for platform, names in found.items() if names)
    expected = "the files of ONE platform: " + "; or ".join(
        f"{LABELS.get(p, 'archival')} {_listing(list(n))}"
        + (" (one or more)" if p == "archival" else "")
        for p, n in sets.items()
    )
    shown = ", ".join(sorted(path.name for path in folder.iterdir())) or "an empty folder"
    if len(present) != 1:
        problem = (
            f"the folder holds files of more than one platform ({', '.join(present)}): keep one "
            "platform per folder" if present else "the folder holds no posts file of any platform"
        )
        raise DataError(problem, file=str(folder), expected=expected, found=shown)
    platform = present[0]
    lacking = [name for name in sets[platform] if name not in found[platform]]
    if platform != "archival" and lacking:
        raise DataError(
            f"the {LABELS[platform]} files are incomplete: no {', no '.join(lacking)}",
            file=str(folder / lacking[0]),
            expected=f"all of {_listing(list(sets[platform]))} (as the collection command "
            "writes them)",
            found=f"only {_listing(found[platform])}",
        )
    return platform


def handle_key(handle: Any, server: str | None = None) -> str | None:
    """Write a handle as handles are matched: no '@' in front, lower case, Mastodon user@server.

    Parameters
    ----------
    handle : object
        A handle as written ('@Info', 'info@Gov.Example', 'CityOfExample.bsky.social'); a
        missing or blank value gives None.
    server : str, optional
        The Mastodon server asked: a handle without a server is one of its accounts.

    Examples
    --------
    >>> handle_key("@Info", "gov.example"), handle_key(" City.bsky.social "), handle_key(" ")
    ('info@gov.example', 'city.bsky.social', None)
    """
    if not isinstance(handle, str) or not handle.strip():
        return None
    key = handle.strip().removeprefix("@").lower()
    if server and "@" not in key:
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


@dataclass(frozen=True)
class PostsFolder:
    """The posts and profiles of a folder of one platform.

    Attributes
    ----------
    platform : str
        'bluesky', 'mastodon' or 'twitter'.
    posts : Loaded
        Posts in the :data:`~govsocial.io.posts.POSTS` format, with their report and lines.
    profiles : Loaded or None
        Profiles in the :data:`~govsocial.io.posts.ACCOUNTS` format (None for Twitter).
    server : str or None
        The Mastodon server asked (None elsewhere).
    posts_file : Path
        The file the posts came from.
    """

    platform: str
    posts: Loaded
    profiles: Loaded | None
    server: str | None
    posts_file: Path

    @property
    def lacks(self) -> tuple[str, ...]:
        """What the platform does not give, one sentence each."""
        return LACKS[self.platform]

    @property
    def lines(self) -> list[int]:
        """The line of each post in its file."""
        return list(self.posts.lines) if self.posts.lines is not None else []

    @property
    def reports(self) -> list[LoadReport]:
        """The reports of the posts file and (where there is one) the profiles file."""
        return [self.posts.report] + ([self.profiles.report] if self.profiles else [])

    def key(self, handle: Any) -> str | None:
        """Match form of a handle of this folder (see :func:`handle_key`)."""
        return handle_key(handle, self.server)

    def handle_of_id(self) -> dict[str, str]:
        """Map each account id (DID, Mastodon id, Twitter user id) known here to its handle."""
        frame = self.posts.frame[["author_id", "author_handle"]].dropna()
        known = dict(zip(frame["author_id"], frame["author_handle"], strict=True))
        if self.profiles is not None:
            profiles = self.profiles.frame
            known.update(zip(profiles["account_id"], profiles["handle"], strict=True))
        return known


def read_platform(folder: Path, platform: str, *, on_error: OnError = "raise") -> PostsFolder:
    """Read a Bluesky or Mastodon folder's posts and profiles.

    Parameters
    ----------
    folder : Path
        A folder holding the files of :data:`PLATFORM_FILES` for ``platform``.
    platform : {"bluesky", "mastodon"}
    on_error : {"raise", "skip"}
        Passed on to the readers.

    Returns
    -------
    PostsFolder

    Raises
    ------
    DataError
        From the readers (file, line, post id), or for a ``collection.json`` without a server.
    """
    posts_file, profiles_file, *_ = (folder / name for name in PLATFORM_FILES[platform])
    if platform == "bluesky":
        return PostsFolder(
            platform, read_bluesky_feed(posts_file, on_error=on_error),
            read_bluesky_profiles(profiles_file, on_error=on_error), None, posts_file)
    server = _server(folder / "collection.json")
    return PostsFolder(
        platform, read_mastodon_statuses(posts_file, server=server, on_error=on_error),
        read_mastodon_accounts(profiles_file, server=server, on_error=on_error), server,
        posts_file)


def read_posts_folder(folder: str | Path, *, on_error: OnError = "raise") -> PostsFolder:
    """Read the posts (and profiles) of a folder holding one platform's files.

    Parameters
    ----------
    folder : str or Path
        The folder: Bluesky or Mastodon files, or the archival Twitter ``tweets.jsonl``.
    on_error : {"raise", "skip"}
        As for the platform's readers: ``"raise"`` lists every problem of a file in one
        DataError; ``"skip"`` leaves the rows with problems out and the reports list them.

    Returns
    -------
    PostsFolder
        The platform, the posts, the profiles and the server.

    Raises
    ------
    DataError
        For a missing folder, files of no platform or of two, a missing file, a
        ``collection.json`` without the server, and whatever the platform's readers refuse.

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> read = read_posts_folder(data_dir().parent / "tests" / "data" / "bluesky")
    >>> read.platform, len(read.posts.frame), len(read.profiles.frame)
    ('bluesky', 6, 2)
    """
    folder = readable_folder(folder)
    platform = detect_platform(folder)
    if platform != "archival":
        return read_platform(folder, platform, on_error=on_error)
    posts_file = folder / TWEETS_FILE
    tweets = read_tweets_v2_jsonl(posts_file, on_error=on_error)
    posts = Loaded(from_tweets_v2(tweets.frame), tweets.report, tweets.lines)
    return PostsFolder("twitter", posts, None, None, posts_file)


def reposted_handles(read: PostsFolder) -> pd.Series:
    """For each repost, the handle of the original post's author (missing when not known).

    Bluesky: the DID in the original post's URI, through the handles known in the folder.
    Mastodon and Twitter: the author of the original post when it is among the collected posts;
    Twitter: else the handle in the text ``RT @handle:``.

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> read = read_posts_folder(data_dir().parent / "tests" / "data" / "bluesky")
    >>> reposted_handles(read).dropna().tolist()
    ['parks.example.gov']
    """
    posts = read.posts.frame
    handle_of = read.handle_of_id()
    author_of = dict(zip(posts["post_id"], posts["author_handle"], strict=True))
    original = posts["repost_of_post_id"]
    found = original.map(author_of)
    if read.platform == "bluesky":
        did = original.str.removeprefix("at://").str.split("/").str[0]
        found = found.fillna(did.map(handle_of))
    if read.platform == "twitter":
        head = posts["text"].str.extract(r"^RT @(\w{1,15}):", expand=False)
        found = found.fillna(head)
    return found.where(original.notna()).astype("string")
