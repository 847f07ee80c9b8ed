"""A folder of posts from one platform, read into the post format every chapter analyses.

A reader's own folder holds the files of ONE platform, plus the chapter's ``accounts.csv``:

- **Bluesky**: ``feed.jsonl`` (``app.bsky.feed.getAuthorFeed`` pages) and ``profiles.jsonl``
  (``app.bsky.actor.getProfiles`` answers), as ``python -m govsocial.collect bluesky`` writes
  them;
- **Mastodon**: ``statuses.jsonl`` (pages of ``GET /api/v1/accounts/:id/statuses``),
  ``accounts.jsonl`` (Account objects) and ``collection.json`` (``{"server": "..."}``, the
  server that answered), as ``python -m govsocial.collect mastodon`` writes them;
- **Twitter** (archival): ``tweets.jsonl`` (API v2 responses, as ``twarc2`` wrote them).

:func:`read_posts_folder` finds the platform from the files present, reads the posts into the
:data:`~govsocial.io.posts.POSTS` format (Twitter through
:func:`~govsocial.io.posts.from_tweets_v2`) and the profiles into
:data:`~govsocial.io.posts.ACCOUNTS`; :func:`handle_key` and :func:`check_handles` match and
check the handles of a chapter's ``accounts.csv``. The attention and coordination chapters use
it (it could move to :mod:`govsocial.io` for every chapter).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from govsocial import io as gio
from govsocial.io.core import readable_folder
from govsocial.schema import DataError, OnError

__all__ = [
    "FILES",
    "HANDLE_PATTERNS",
    "LACKS",
    "PostsFolder",
    "detect_platform",
    "handle_key",
    "read_posts_folder",
    "reposted_handles",
]

#: The files of each platform: the posts file first.
FILES: dict[str, tuple[str, ...]] = {
    "bluesky": ("feed.jsonl", "profiles.jsonl"),
    "mastodon": ("statuses.jsonl", "accounts.jsonl", "collection.json"),
    "twitter": ("tweets.jsonl",),
}

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


def detect_platform(folder: Path, chapter_files: Sequence[str] = ("accounts.csv",)) -> str:
    """Say which platform's files ``folder`` holds.

    Parameters
    ----------
    folder : Path
        A readable folder.
    chapter_files : sequence of str
        The chapter's own files, named in the message when something is missing.

    Returns
    -------
    str
        'bluesky', 'mastodon' or 'twitter'.

    Raises
    ------
    DataError
        When the folder holds files of no platform or of two, or lacks a file of its platform;
        the message lists the files found and the files expected.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "feed.jsonl").write_text("{}"); _ = (folder / "tweets.jsonl").write_text("")
    >>> detect_platform(folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govsocial.schema.DataError: ...: the folder holds files of two platforms (bluesky, twitter)...
    """
    present = {path.name for path in folder.iterdir()}
    found = [name for name, files in FILES.items() if present & set(files)]
    chapter = ", ".join(chapter_files)
    expected = (
        f"{chapter} and the files of ONE platform: Bluesky {' + '.join(FILES['bluesky'])}; "
        f"Mastodon {' + '.join(FILES['mastodon'])}; or (archival) Twitter tweets.jsonl"
    )
    shown = ", ".join(sorted(present)) or "an empty folder"
    if len(found) != 1:
        problem = (
            f"the folder holds files of two platforms ({', '.join(sorted(found))}): keep one "
            "platform per folder"
            if found else "the folder holds no posts file of any platform"
        )
        raise DataError(problem, file=str(folder), expected=expected, found=shown)
    platform = found[0]
    missing = [name for name in (*FILES[platform], *chapter_files) if name not in present]
    if missing:
        raise DataError(
            f"the folder has no {' and no '.join(missing)} (a {platform} folder needs it)",
            file=str(folder),
            expected=expected,
            found=shown,
        )
    return platform


def _server(path: Path) -> str:
    """Read the server's host name from ``collection.json``."""
    try:
        value = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataError(
            "this is not a JSON object in UTF-8", file=str(path),
            expected='{"server": "host name of the Mastodon server asked"}',
            found=str(error)[:120],
        ) from None
    server = value.get("server") if isinstance(value, dict) else None
    if not isinstance(server, str) or not server.strip():
        raise DataError(
            "collection.json does not name the server", file=str(path), column="server",
            expected='{"server": "host name of the Mastodon server asked"}',
            found=repr(value)[:120],
        )
    return server.strip().lower()


def handle_key(handle: object, platform: str, server: str | None = None) -> str | None:
    """Return the form in which two spellings of one handle compare equal (None if missing).

    Lower case, without a leading @; on Mastodon a handle without a server gets the server
    asked.

    Examples
    --------
    >>> handle_key("@Info", "mastodon", "gov.example"), handle_key("@City.bsky.social", "bluesky")
    ('info@gov.example', 'city.bsky.social')
    """
    if not isinstance(handle, str) or not handle.strip():
        return None
    key = handle.strip().removeprefix("@").lower()
    if platform == "mastodon" and "@" not in key and server:
        key = f"{key}@{server}"
    return key


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
    posts: gio.Loaded
    profiles: gio.Loaded | None
    server: str | None
    posts_file: Path

    @property
    def lacks(self) -> tuple[str, ...]:
        """What the platform does not give, one sentence each."""
        return LACKS[self.platform]

    def handle_of_id(self) -> dict[str, str]:
        """Map each account id (DID, Mastodon id, Twitter user id) known here to its handle."""
        frame = self.posts.frame[["author_id", "author_handle"]].dropna()
        known = dict(zip(frame["author_id"], frame["author_handle"], strict=True))
        if self.profiles is not None:
            profiles = self.profiles.frame
            known.update(zip(profiles["account_id"], profiles["handle"], strict=True))
        return known


def read_posts_folder(
    folder: str | Path,
    *,
    chapter_files: Sequence[str] = ("accounts.csv",),
    on_error: OnError = "raise",
) -> PostsFolder:
    """Read the posts (and profiles) of a folder holding one platform's files.

    Parameters
    ----------
    folder : str or Path
        The folder (see the module's description for the files of each platform).
    chapter_files : sequence of str
        The chapter's own files that must be there too (named in messages).
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
    >>> sample = gio.data_dir().parent / "tests" / "data" / "bluesky"
    >>> read = read_posts_folder(sample, chapter_files=())
    >>> read.platform, len(read.posts.frame), len(read.profiles.frame)
    ('bluesky', 6, 2)
    """
    folder = readable_folder(folder)
    platform = detect_platform(folder, chapter_files)
    posts_file = folder / FILES[platform][0]
    if platform == "bluesky":
        posts = gio.read_bluesky_feed(posts_file, on_error=on_error)
        profiles = gio.read_bluesky_profiles(folder / "profiles.jsonl", on_error=on_error)
        return PostsFolder(platform, posts, profiles, None, posts_file)
    if platform == "mastodon":
        server = _server(folder / "collection.json")
        posts = gio.read_mastodon_statuses(posts_file, server=server, on_error=on_error)
        profiles = gio.read_mastodon_accounts(
            folder / "accounts.jsonl", server=server, on_error=on_error)
        return PostsFolder(platform, posts, profiles, server, posts_file)
    tweets = gio.read_tweets_v2_jsonl(posts_file, on_error=on_error)
    posts = gio.Loaded(gio.from_tweets_v2(tweets.frame), tweets.report, tweets.lines)
    return PostsFolder(platform, posts, None, None, posts_file)


def reposted_handles(read: PostsFolder) -> pd.Series:
    """For each repost, the handle of the original post's author (missing when not known).

    Bluesky: the DID in the original post's URI, through the handles known in the folder.
    Mastodon and Twitter: the author of the original post when it is among the collected posts;
    Twitter: else the handle in the text ``RT @handle:``.

    Examples
    --------
    >>> sample = gio.data_dir().parent / "tests" / "data" / "bluesky"
    >>> read = read_posts_folder(sample, chapter_files=())
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
