"""Bluesky posts and profiles, as the AT Protocol's public AppView endpoints return them.

Two kinds of file, both JSON lines with one API response per line, exactly as the response
came (the collection command writes them so):

- ``app.bsky.feed.getAuthorFeed`` pages, ``{"feed": [feedViewPost, ...], "cursor": "..."}``,
  read by :func:`read_bluesky_feed` into the :data:`~govsocial.io.posts.POSTS` format;
- ``app.bsky.actor.getProfiles`` responses, ``{"profiles": [profileViewDetailed, ...]}``, read
  by :func:`read_bluesky_profiles` into the :data:`~govsocial.io.posts.ACCOUNTS` format.

The fields are those of the lexicons (the AT Protocol's schemas), read rather than guessed:

- getAuthorFeed: https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/getAuthorFeed.json
  (documented at https://docs.bsky.app/docs/api/app-bsky-feed-get-author-feed);
- feedViewPost, postView, replyRef, reasonRepost, reasonPin, notFoundPost, blockedPost:
  https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/defs.json;
- the post record (text, createdAt, langs, reply, facets, embed):
  https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json;
- mentions: https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/richtext/facet.json;
- quotes: https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/embed/record.json
  and .../embed/recordWithMedia.json;
- getProfiles and profileViewDetailed:
  https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/actor/getProfiles.json
  and .../actor/defs.json.

How a feed item becomes a row
-----------------------------
- ``post_id`` is the post's ``at://`` URI; ``author_id`` the author's DID, ``author_handle``
  their handle when collected.
- **Reposts.** An item whose ``reason`` is ``app.bsky.feed.defs#reasonRepost`` is a repost by
  ``reason.by`` (the account whose feed this is), not a post of the post's author: the row's
  author is ``reason.by``, ``created_at`` is ``reason.indexedAt`` (the only time the feed gives
  for a repost), ``repost_of_post_id`` is the post's URI and ``post_id`` is the repost record's
  URI ``reason.uri`` (AppViews that do not send it: the post's URI followed by
  ``#repost-by-<DID>``). Text, language, mentions and counts are the original post's.
- **Pinned posts** (``reason`` of type ``#reasonPin``, sent with ``includePins``) are the same
  post shown again at the top of the feed: the copy in its own place is kept.
- **Replies.** ``reply_to_post_id`` is the record's ``reply.parent.uri``; ``reply_to_author_id``
  the DID in that URI (a URI names its author's repository). Both come from the reply's own
  record, so they are known when the post replied to was deleted (``reply.parent`` is then a
  ``#notFoundPost``) or is hidden from the reader (``#blockedPost``).
- **Text** is ``record.text``; a post of images only has an empty text, which is valid.
- **Language** is the first of ``record.langs`` (the author's app sets them; missing when not).
- **Mentions.** A ``app.bsky.richtext.facet#mention`` gives the DID of the account mentioned,
  not its handle; the handle is what the text shows at the facet's byte range ("@handle"), as
  the author's app wrote it. ``mentions`` stores that handle (without '@'), or the DID when the
  text there is not a handle. Handles can change later; DIDs do not.
- **Quotes.** ``quote_of_post_id`` is the URI of the post embedded with
  ``app.bsky.embed.record#view`` or ``app.bsky.embed.recordWithMedia#view`` (the record's own
  ``embed`` when the view lacks it). Embedded feeds, lists and starter packs are not quotes.
- **Counts**: ``likeCount``, ``repostCount``, ``replyCount``, ``quoteCount`` (missing when the
  AppView did not send them).

Which time: createdAt, not indexedAt
------------------------------------
A post has two times: ``record.createdAt``, written by the author's app into the record, and
``indexedAt``, when the AppView (Bluesky's index) first saw it. The book uses **createdAt**: it is
the time the author published, what the app shows under the post, the time a reader compares
with an event's clock and with the ``created_at`` of Mastodon and Twitter; ``indexedAt`` moves
when an AppView re-indexes the network, which would date old posts to the re-indexing. The
author's app can write any createdAt, though, so the reader checks it against indexedAt: a
createdAt more than :data:`CLOCK_TOLERANCE` after indexedAt (a wrong clock, a post dated in the
future) or before :data:`BLUESKY_OPENED` (a post imported from another platform with its old
date) is a problem of that post, named with its URI like any other.

Public functions
----------------
read_bluesky_feed(path, *, on_error="raise")
    getAuthorFeed pages (JSON lines) as posts.
read_bluesky_profiles(path, *, on_error="raise")
    getProfiles responses (JSON lines) as accounts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from govsocial.io.core import Loaded, PathLike, readable_file
from govsocial.io.posts import (
    ACCOUNTS,
    POSTS,
    _absent,
    _dig,
    _join,
    _json_lines,
    _Rows,
    _settle,
    _shape_problem,
    _text_not_missing,
)
from govsocial.schema import OnError, Problem

__all__ = ["BLUESKY_OPENED", "CLOCK_TOLERANCE", "read_bluesky_feed", "read_bluesky_profiles"]

#: Earliest believable createdAt: Bluesky opened its first public beta in February 2023.
BLUESKY_OPENED = pd.Timestamp("2023-02-01", tz="UTC")
#: How far createdAt may run ahead of indexedAt (clocks of phones differ by seconds to minutes).
CLOCK_TOLERANCE = pd.Timedelta(minutes=10)

REPOST = "app.bsky.feed.defs#reasonRepost"
PIN = "app.bsky.feed.defs#reasonPin"
MENTION = "app.bsky.richtext.facet#mention"
_POST_COLLECTION = "app.bsky.feed.post"
_QUOTE_VIEWS = {
    "app.bsky.embed.record#view": "record.uri",
    "app.bsky.embed.recordWithMedia#view": "record.record.uri",
    "app.bsky.embed.record": "record.uri",
    "app.bsky.embed.recordWithMedia": "record.record.uri",
}
_DID = r"did:[a-z]+:[A-Za-z0-9._:%-]+"
_FEED_CONTRACT = (
    POSTS.with_column("platform", allowed=("bluesky",))
    .with_column("post_id", pattern=r"at://\S+", pattern_meaning="an at:// URI")
    .with_column("author_id", pattern=_DID, pattern_meaning="a DID, e.g. 'did:plc:...'")
)
_PROFILE_CONTRACT = (
    ACCOUNTS.with_column("platform", allowed=("bluesky",))
    .with_column("account_id", pattern=_DID, pattern_meaning="a DID, e.g. 'did:plc:...'")
)


def _authority(uri: Any) -> str | None:
    """Return the repository (the author's DID) an at:// URI names.

    Examples
    --------
    >>> _authority("at://did:plc:abc/app.bsky.feed.post/3k"), _authority("https://x")
    ('did:plc:abc', None)
    """
    if not isinstance(uri, str) or not uri.startswith("at://"):
        return None
    return uri.removeprefix("at://").split("/", 1)[0] or None


def _is_post_uri(uri: Any) -> bool:
    """Whether ``uri`` names a post (not a feed, list or starter pack).

    Examples
    --------
    >>> _is_post_uri("at://did:plc:a/app.bsky.feed.post/3k")
    True
    >>> _is_post_uri("at://did:plc:a/app.bsky.feed.generator/news")
    False
    """
    parts = uri.removeprefix("at://").split("/") if isinstance(uri, str) else []
    return uri.startswith("at://") and len(parts) >= 3 and parts[1] == _POST_COLLECTION


def _quote(post: Mapping[str, Any]) -> str | None:
    """URI of the post that ``post`` quotes: from its embed view, else from its record's embed.

    Examples
    --------
    >>> view = {"$type": "app.bsky.embed.record#view",
    ...         "record": {"uri": "at://did:plc:b/app.bsky.feed.post/3q"}}
    >>> _quote({"embed": view, "record": {}})
    'at://did:plc:b/app.bsky.feed.post/3q'
    """
    for embed in (post.get("embed"), _dig(post, "record.embed")):
        kind = _dig(embed, "$type")
        if kind in _QUOTE_VIEWS:
            uri = _dig(embed, _QUOTE_VIEWS[kind])
            return uri if _is_post_uri(uri) else None
    return None


def _mentioned(text: Any, facets: Any) -> list[str]:
    """List the handles mentioned in a post: the text at each mention facet, else the facet's DID.

    Facet ranges count UTF-8 bytes, as the facet lexicon says.

    Examples
    --------
    >>> text = "Thanks @parks.example.gov 🌳 and @fire.example.gov"
    >>> start = len("Thanks ".encode())
    >>> facets = [{"index": {"byteStart": start, "byteEnd": start + 18},
    ...            "features": [{"$type": MENTION, "did": "did:plc:parks"}]},
    ...           {"index": {"byteStart": 0, "byteEnd": 3},
    ...            "features": [{"$type": MENTION, "did": "did:plc:fire"}]}]
    >>> _mentioned(text, facets)
    ['parks.example.gov', 'did:plc:fire']
    """
    if not isinstance(facets, list):
        return []
    raw = text.encode("utf-8") if isinstance(text, str) else b""
    handles = []
    for facet in facets:
        for feature in _dig(facet, "features") or []:
            if _dig(feature, "$type") != MENTION or not isinstance(_dig(feature, "did"), str):
                continue
            start, end = _dig(facet, "index.byteStart"), _dig(facet, "index.byteEnd")
            shown = ""
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
                shown = raw[start:end].decode("utf-8", errors="replace")
            handle = shown.removeprefix("@")
            written = shown.startswith("@") and handle and " " not in handle and "." in handle
            handles.append(handle if written else feature["did"])
    return handles


def _time(value: Any) -> pd.Timestamp | None:
    """Read an ISO 8601 text as a UTC timestamp; None when it is not one (the contract says why).

    Examples
    --------
    >>> _time("2024-05-01T08:00:00+02:00"), _time("May 1"), _time(3)
    (Timestamp('2024-05-01 06:00:00+0000', tz='UTC'), None, None)
    """
    if not isinstance(value, str):
        return None
    try:
        stamp = pd.to_datetime(value, format="ISO8601", utc=True)
    except ValueError:
        return None
    return None if pd.isna(stamp) else stamp


def _clock_problems(post: Mapping[str, Any], *, file: str, line: int, name: str) -> list[Problem]:
    """Find a createdAt later than indexedAt (beyond the tolerance) or before Bluesky opened.

    Examples
    --------
    >>> post = {"indexedAt": "2024-05-01T10:00:00Z",
    ...         "record": {"createdAt": "2024-05-01T11:00:00Z"}}
    >>> print(_clock_problems(post, file="f.jsonl", line=2, name="post 'at://x'")[0])
    f.jsonl, row 2, column 'record.createdAt': post 'at://x': createdAt is later than \
indexedAt, when Bluesky first saw the post: the author's clock or app is wrong (expected at or \
before indexedAt 2024-05-01T10:00:00+00:00 (10 minutes allowed), found '2024-05-01T11:00:00Z')
    """
    created = _time(_dig(post, "record.createdAt"))
    indexed = _time(post.get("indexedAt"))
    if created is None:
        return []
    shown = repr(post["record"]["createdAt"])
    if created < BLUESKY_OPENED:
        return [Problem(
            f"{name}: createdAt is before Bluesky opened: a post imported from another "
            "platform with its old date, or a wrong clock",
            file=file, row=line, column="record.createdAt",
            expected=f"on or after {BLUESKY_OPENED:%Y-%m-%d}", found=shown,
        )]
    if indexed is not None and created > indexed + CLOCK_TOLERANCE:
        minutes = int(CLOCK_TOLERANCE / pd.Timedelta(minutes=1))
        return [Problem(
            f"{name}: createdAt is later than indexedAt, when Bluesky first saw the post: the "
            "author's clock or app is wrong",
            file=file, row=line, column="record.createdAt",
            expected=f"at or before indexedAt {indexed.isoformat()} ({minutes} minutes allowed)",
            found=shown,
        )]
    return []


def _post_row(post: Mapping[str, Any]) -> dict[str, Any]:
    """Build the row of a post as its author published it (no repost)."""
    record = post.get("record")
    text = _dig(record, "text")
    langs = _dig(record, "langs")
    mentions = _mentioned(text, _dig(record, "facets"))
    parent = _dig(record, "reply.parent.uri")
    return {
        "platform": "bluesky",
        "post_id": post.get("uri"),
        "author_handle": _dig(post, "author.handle"),
        "author_id": _dig(post, "author.did"),
        "created_at": _dig(record, "createdAt"),
        "text": text,
        "lang": langs[0] if isinstance(langs, list) and langs else None,
        "reply_to_post_id": parent,
        "reply_to_author_id": _authority(parent),
        "repost_of_post_id": None,
        "quote_of_post_id": _quote(post),
        "mentions": _join(mentions),
        "mention_count": len(dict.fromkeys(mentions)),
        "like_count": post.get("likeCount"),
        "repost_count": post.get("repostCount"),
        "reply_count": post.get("replyCount"),
        "quote_count": post.get("quoteCount"),
    }


def _repost_row(post: Mapping[str, Any], reason: Mapping[str, Any]) -> dict[str, Any]:
    """Build the row of a repost: by ``reason.by``, at ``reason.indexedAt``, of the post's URI."""
    row = _post_row(post)
    by = _dig(reason, "by.did")
    uri = reason.get("uri") or (f"{post.get('uri')}#repost-by-{by}" if by else None)
    row.update({
        "post_id": uri,
        "author_handle": _dig(reason, "by.handle"),
        "author_id": by,
        "created_at": reason.get("indexedAt"),
        "reply_to_post_id": None,
        "reply_to_author_id": None,
        "repost_of_post_id": post.get("uri"),
        "quote_of_post_id": None,
    })
    return row


def _add_item(built: _Rows, item: Any, *, file: str, line: int, number: int) -> None:
    """Turn one feed item (a feedViewPost) into a row of ``built``, or into a problem."""
    where = f"feed item {number} on line {line}"
    post = _dig(item, "post")
    if not isinstance(post, Mapping):
        found = item if not isinstance(item, Mapping) else f"keys {sorted(item)}"
        built.add_problem(_shape_problem(
            file, line, '{"post": {"uri": ..., "author": ..., "record": ...}, ...}', found,
            problem=f"{where} is not a feedViewPost with a post", column="feed[].post"))
        return
    reason = item.get("reason")
    kind = _dig(reason, "$type")
    uri = post.get("uri")
    name = f"post {uri!r}" if isinstance(uri, str) else where
    problems: list[Problem] = []
    if not isinstance(post.get("record"), Mapping):
        problems.append(_shape_problem(
            file, line, "the post record (an object with text and createdAt)",
            post.get("record"), problem=f"{name}: the post has no record", column="post.record"))
    else:
        problems += _absent(post, ["record.text", "author.handle"], file=file, line=line,
                            name=name)
    if kind == REPOST and isinstance(reason, Mapping):
        row = _repost_row(post, reason)
        name = f"repost {row['post_id']!r}" if isinstance(row["post_id"], str) else where
        problems += _absent(reason, ["by.handle"], file=file, line=line, name=name)
    else:
        row = _post_row(post)
        problems += _clock_problems(post, file=file, line=line, name=name)
    built.add_row(row, line, name, pinned=kind == PIN, problems=problems)


def read_bluesky_feed(path: PathLike, *, on_error: OnError = "raise") -> Loaded:
    r"""Read ``app.bsky.feed.getAuthorFeed`` pages (JSON lines) as posts.

    Parameters
    ----------
    path : str or path-like
        A UTF-8 file with one getAuthorFeed response per line: ``{"feed": [...], "cursor":
        ...}`` (the cursor is optional; blank lines are skipped).
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every problem of the file. ``"skip"``: the posts (and
        lines) with problems are left out and ``report.skipped`` lists each with its line.

    Returns
    -------
    Loaded
        ``frame`` in the :data:`~govsocial.io.posts.POSTS` format, ``platform`` 'bluesky', in
        file order (see the module's description for what each column holds); ``report``
        counting feed items read, blank lines, copies of a post on earlier pages (the later
        page's copy is kept) and the items skipped; ``lines`` the line of each row.

    Raises
    ------
    DataError
        Naming the file, the line and the post's URI where there is one: for bytes that are not
        UTF-8, an empty file, a line that is not JSON, a page without a ``feed`` array, an item
        without a post, a post without its URI, author, record or createdAt, a value of the
        wrong type (a count as a string, a date not in ISO 8601), a createdAt after indexedAt
        or before Bluesky opened, the same post twice on one page. With ``on_error="skip"``
        only when no post of the file is usable.

    Examples
    --------
    >>> import json, tempfile
    >>> from pathlib import Path
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "feed.jsonl"
    >>> post = {"uri": "at://did:plc:city/app.bsky.feed.post/3kaaa", "cid": "bafy",
    ...         "author": {"did": "did:plc:city", "handle": "cityofexample.bsky.social"},
    ...         "record": {"$type": "app.bsky.feed.post", "text": "Bins out Monday",
    ...                    "createdAt": "2024-05-01T08:00:00.000Z", "langs": ["en"]},
    ...         "likeCount": 3, "repostCount": 1, "replyCount": 0, "quoteCount": 0,
    ...         "indexedAt": "2024-05-01T08:00:01.000Z"}
    >>> _ = path.write_text(json.dumps({"feed": [{"post": post}], "cursor": "c1"}) + "\n")
    >>> row = read_bluesky_feed(path).frame.iloc[0]
    >>> row["author_handle"], row["text"], row["lang"], int(row["like_count"])
    ('cityofexample.bsky.social', 'Bins out Monday', 'en', 3)
    >>> folder.cleanup()
    """
    path = readable_file(path)
    file = str(path)
    parsed = _json_lines(path, "one getAuthorFeed response")
    built = _Rows()
    for problem in parsed.problems:
        built.add_problem(problem)
    for line, page in parsed.values:
        feed = _dig(page, "feed")
        if not isinstance(feed, list):
            found = page if not isinstance(page, Mapping) else f"keys {sorted(page)}"
            built.add_problem(_shape_problem(
                file, line, '{"feed": [...], "cursor": ...}', found,
                problem="this line is not a getAuthorFeed page with a 'feed' array",
                column="feed"))
            continue
        for number, item in enumerate(feed, start=1):
            _add_item(built, item, file=file, line=line, number=number)
    return _settle(built, _FEED_CONTRACT, path=path, id_column="post_id", blank=parsed.blank,
                   on_error=on_error, finish=_text_not_missing)


def _profile_row(profile: Mapping[str, Any]) -> dict[str, Any]:
    """One row of the accounts format from a profileViewDetailed."""
    return {
        "platform": "bluesky",
        "handle": profile.get("handle"),
        "account_id": profile.get("did"),
        "display_name": profile.get("displayName"),
        "followers": profile.get("followersCount"),
        "following": profile.get("followsCount"),
        "posts": profile.get("postsCount"),
        "created_at": profile.get("createdAt"),
    }


def read_bluesky_profiles(path: PathLike, *, on_error: OnError = "raise") -> Loaded:
    r"""Read ``app.bsky.actor.getProfiles`` responses (JSON lines) as accounts.

    Parameters
    ----------
    path : str or path-like
        A UTF-8 file with one getProfiles response per line: ``{"profiles": [...]}``, each a
        profileViewDetailed (``did``, ``handle``, ``displayName``, ``followersCount``,
        ``followsCount``, ``postsCount``, ``createdAt``).
    on_error : {"raise", "skip"}
        As for :func:`read_bluesky_feed`.

    Returns
    -------
    Loaded
        ``frame`` in the :data:`~govsocial.io.posts.ACCOUNTS` format, ``platform`` 'bluesky':
        ``account_id`` the DID, ``handle`` the handle, ``followers`` from ``followersCount``,
        ``following`` from ``followsCount``, ``posts`` from ``postsCount``; a profile on
        several lines keeps the later line's copy.

    Raises
    ------
    DataError
        Naming the file, the line and the DID: as for :func:`read_bluesky_feed`.

    Examples
    --------
    >>> import json, tempfile
    >>> from pathlib import Path
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "profiles.jsonl"
    >>> profile = {"did": "did:plc:city", "handle": "cityofexample.bsky.social",
    ...            "displayName": "City of Example", "followersCount": 1200,
    ...            "followsCount": 40, "postsCount": 310,
    ...            "createdAt": "2023-09-01T12:00:00.000Z"}
    >>> _ = path.write_text(json.dumps({"profiles": [profile]}) + "\n")
    >>> read_bluesky_profiles(path).frame[["handle", "followers", "following"]].values.tolist()
    [['cityofexample.bsky.social', 1200, 40]]
    >>> folder.cleanup()
    """
    path = readable_file(path)
    file = str(path)
    parsed = _json_lines(path, "one getProfiles response")
    built = _Rows()
    for problem in parsed.problems:
        built.add_problem(problem)
    for line, page in parsed.values:
        profiles = _dig(page, "profiles")
        if not isinstance(profiles, list):
            found = page if not isinstance(page, Mapping) else f"keys {sorted(page)}"
            built.add_problem(_shape_problem(
                file, line, '{"profiles": [...]}', found,
                problem="this line is not a getProfiles response with a 'profiles' array",
                column="profiles"))
            continue
        for number, profile in enumerate(profiles, start=1):
            if not isinstance(profile, Mapping):
                built.add_problem(_shape_problem(
                    file, line, '{"did": ..., "handle": ...}', profile,
                    problem=f"profile {number} on line {line} is not an object",
                    column="profiles[]"))
                continue
            did = profile.get("did")
            name = f"profile {did!r}" if isinstance(did, str) else f"profile {number}"
            built.add_row(_profile_row(profile), line, name)
    return _settle(built, _PROFILE_CONTRACT, path=path, id_column="account_id",
                   blank=parsed.blank, on_error=on_error)
