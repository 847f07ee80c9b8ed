"""Write the Bluesky and Mastodon fixture folders of the attention and coordination chapters.

Each fixture is the chapter's Twitter sample (``tests/data/<chapter>/``, fictional accounts)
re-written in the documented shapes of another platform, so that the chapter's own-data path can
be run end to end on it:

- Bluesky: ``feed.jsonl`` (``app.bsky.feed.getAuthorFeed`` pages: posts with mention facets
  counted in UTF-8 bytes, replies, reposts with a ``reasonRepost``), ``profiles.jsonl``
  (``app.bsky.actor.getProfiles``). Handles ``<username, lower case, _ as ->.bsky.social``, DIDs
  ``did:plc:<username>``. Bluesky opened in 2023, so every time moves forward by
  ``SHIFTS`` (whole weeks: weekdays stay).
- Mastodon: ``statuses.jsonl`` (pages of Status objects, HTML content with ``h-card``
  mentions, boosts with ``reblog``; no ``quotes_count``, as servers before 4.5),
  ``accounts.jsonl`` (Account objects), ``collection.json`` (``{"server": "gov.example"}``).
  Every account is local to ``gov.example``; times are the sample's.

``accounts.csv`` gets the platform's handles in a ``handle`` column (the column the collection
command reads) (some in other letter cases, some with an @, to
test matching); attention's ``coded.csv`` the new post ids. Run from the repository root:

    python tests/data/coordination_bluesky/make_platform_fixtures.py
"""

from __future__ import annotations

import csv
import html
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data"
SERVER = "gov.example"
#: How far each chapter's Bluesky times move forward (whole weeks, into Bluesky's years).
SHIFTS = {"attention": timedelta(weeks=157), "coordination": timedelta(weeks=209)}
BLUESKY_SHIFT = SHIFTS["attention"]
PAGE = 40


def _time(text: str, shift: timedelta) -> datetime:
    """Parse an ISO time and move it by ``shift``."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC) + shift


def _iso(moment: datetime) -> str:
    """Write a time as the APIs do (milliseconds, Z)."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _tweets(chapter: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The sample's tweets (in file order) and its user ids' usernames."""
    tweets, users = [], {}
    for line in (DATA / chapter / "tweets.jsonl").read_text().splitlines():
        if line.strip():
            page = json.loads(line)
            tweets.extend(page.get("data", []))
            users.update({u["id"]: u["username"] for u in page.get("includes", {})["users"]})
    for tweet in tweets:
        for mention in tweet.get("entities", {}).get("mentions", []):
            users.setdefault(mention["id"], mention["username"])
    return tweets, users


def _reference(tweet: dict[str, Any], kind: str) -> str | None:
    """Id of the tweet this one references as ``kind`` (retweeted, replied_to)."""
    return next((r["id"] for r in tweet.get("referenced_tweets", []) if r["type"] == kind), None)


def _pages(items: list[Any], last: dict[str, Any] | None = None) -> str:
    """Group items into pages of PAGE, one JSON value per line."""
    chunks = [items[i:i + PAGE] for i in range(0, len(items), PAGE)]
    return "".join(json.dumps(chunk) + "\n" for chunk in chunks)


# ------------------------------------------------------------------------------------------------
# Bluesky
# ------------------------------------------------------------------------------------------------


def bsky_handle(username: str) -> str:
    """The fixture's Bluesky handle for a Twitter username."""
    return f"{username.lower().replace('_', '-')}.bsky.social"


def bsky_did(username: str) -> str:
    """The fixture's DID for a Twitter username."""
    return f"did:plc:{username.lower().replace('_', '')}"


def bsky_uri(username: str, tweet_id: str, collection: str = "app.bsky.feed.post") -> str:
    """The at:// URI of a post (or repost record)."""
    return f"at://{bsky_did(username)}/{collection}/t{tweet_id}"


def _bsky_text(text: str) -> tuple[str, list[dict[str, Any]]]:
    """The text with each @username as @handle, and its mention facets (UTF-8 bytes)."""
    out, facets, position = "", [], 0
    words = text.split("@")
    out = words[0]
    for word in words[1:]:
        name = ""
        for char in word:
            if char.isalnum() or char == "_":
                name += char
            else:
                break
        if not name:
            out += "@" + word
            continue
        handle = bsky_handle(name)
        start = len(out.encode())
        out += "@" + handle
        facets.append({
            "index": {"byteStart": start, "byteEnd": len(out.encode())},
            "features": [{"$type": "app.bsky.richtext.facet#mention", "did": bsky_did(name)}],
        })
        out += word[len(name):]
    del position
    return out, facets


def _bsky_post(tweet: dict[str, Any], users: dict[str, str], text: str,
               author: str) -> dict[str, Any]:
    """A postView of one tweet."""
    created = _time(tweet["created_at"], BLUESKY_SHIFT)
    body, facets = _bsky_text(text)
    record: dict[str, Any] = {"$type": "app.bsky.feed.post", "text": body,
                              "createdAt": _iso(created), "langs": [tweet.get("lang", "en")]}
    if facets:
        record["facets"] = facets
    parent = _reference(tweet, "replied_to")
    if parent is not None:
        parent_author = users.get(tweet.get("in_reply_to_user_id", ""), "unknown")
        uri = bsky_uri(parent_author, parent)
        record["reply"] = {"root": {"uri": uri, "cid": f"bafy{parent}"},
                           "parent": {"uri": uri, "cid": f"bafy{parent}"}}
    metrics = tweet["public_metrics"]
    return {
        "uri": bsky_uri(author, tweet["id"]), "cid": f"bafy{tweet['id']}",
        "author": {"did": bsky_did(author), "handle": bsky_handle(author)},
        "record": record,
        "replyCount": metrics["reply_count"], "repostCount": metrics["retweet_count"],
        "likeCount": metrics["like_count"], "quoteCount": metrics["quote_count"],
        "indexedAt": _iso(created + timedelta(seconds=1)), "labels": [],
    }


def write_bluesky(chapter: str, profiles: list[dict[str, Any]]) -> Path:
    """Write ``tests/data/<chapter>_bluesky/`` feed.jsonl and profiles.jsonl."""
    global BLUESKY_SHIFT
    BLUESKY_SHIFT = SHIFTS[chapter]
    tweets, users = _tweets(chapter)
    by_id = {tweet["id"]: tweet for tweet in tweets}
    items = []
    for tweet in tweets:
        author = users[tweet["author_id"]]
        original = _reference(tweet, "retweeted")
        if original is None:
            items.append({"post": _bsky_post(tweet, users, tweet["text"], author)})
            continue
        head, _, rest = tweet["text"].partition(": ")
        source = by_id.get(original, {**tweet, "id": original, "referenced_tweets": []})
        original_author = users.get(source["author_id"], head.removeprefix("RT @"))
        if source is not by_id.get(original):
            original_author = head.removeprefix("RT @")
        text = source["text"] if original in by_id else rest
        moment = _time(tweet["created_at"], BLUESKY_SHIFT)
        items.append({
            "post": _bsky_post(source, users, text, original_author),
            "reason": {
                "$type": "app.bsky.feed.defs#reasonRepost",
                "by": {"did": bsky_did(author), "handle": bsky_handle(author)},
                "uri": bsky_uri(author, tweet["id"], "app.bsky.feed.repost"),
                "cid": f"bafyrp{tweet['id']}", "indexedAt": _iso(moment),
            },
        })
    folder = DATA / f"{chapter}_bluesky"
    folder.mkdir(exist_ok=True)
    chunks = [items[i:i + PAGE] for i in range(0, len(items), PAGE)]
    with (folder / "feed.jsonl").open("w") as out:
        for number, chunk in enumerate(chunks, start=1):
            page: dict[str, Any] = {"feed": chunk}
            if number < len(chunks):
                page["cursor"] = f"page{number + 1}"
            out.write(json.dumps(page, ensure_ascii=False) + "\n")
    (folder / "profiles.jsonl").write_text(json.dumps({"profiles": profiles}) + "\n")
    return folder


def bsky_profile(username: str, name: str, followers: int, created: str | None) -> dict:
    """A profileViewDetailed."""
    profile = {"did": bsky_did(username), "handle": bsky_handle(username), "displayName": name,
               "followersCount": followers, "followsCount": 10, "postsCount": 100,
               "indexedAt": "2024-12-31T00:00:00.000Z"}
    if created is not None:
        profile["createdAt"] = created
    return profile


# ------------------------------------------------------------------------------------------------
# Mastodon
# ------------------------------------------------------------------------------------------------


def masto_id(user_id: str) -> str:
    """The fixture's account id on gov.example for a Twitter user id."""
    return f"109{user_id}"


def masto_account(user_id: str, username: str, name: str, followers: int,
                  created: str) -> dict[str, Any]:
    """An Account object of gov.example."""
    return {"id": masto_id(user_id), "username": username, "acct": username,
            "display_name": name, "locked": False, "bot": False, "created_at": created,
            "note": "", "url": f"https://{SERVER}/@{username}", "followers_count": followers,
            "following_count": 10, "statuses_count": 100}


def _masto_content(text: str, users: dict[str, str]) -> tuple[str, list[dict[str, Any]]]:
    """HTML content with h-card mentions, and the status's mentions."""
    ids = {name.lower(): uid for uid, name in users.items()}
    parts = text.split("@")
    out, mentions = html.escape(parts[0], quote=False), []
    for word in parts[1:]:
        name = ""
        for char in word:
            if char.isalnum() or char == "_":
                name += char
            else:
                break
        if not name:
            out += "@" + html.escape(word, quote=False)
            continue
        out += (f'<span class="h-card" translate="no"><a href="https://{SERVER}/@{name}" '
                f'class="u-url mention">@<span>{name}</span></a></span>'
                + html.escape(word[len(name):], quote=False))
        uid = ids.get(name.lower(), "0")
        if all(m["username"] != name for m in mentions):
            mentions.append({"id": masto_id(uid), "username": name,
                             "url": f"https://{SERVER}/@{name}", "acct": name})
    return f"<p>{out}</p>", mentions


def _masto_status(tweet: dict[str, Any], users: dict[str, str], text: str,
                  account: dict[str, Any]) -> dict[str, Any]:
    """A Status object of one tweet (no quotes_count: a server before 4.5)."""
    content, mentions = _masto_content(text, users)
    parent = _reference(tweet, "replied_to")
    metrics = tweet["public_metrics"]
    reply_user = tweet.get("in_reply_to_user_id")
    return {
        "id": tweet["id"], "created_at": tweet["created_at"].replace("Z", "").split(".")[0]
        + ".000Z",
        "in_reply_to_id": parent, "in_reply_to_account_id":
        masto_id(reply_user) if parent is not None and reply_user else None,
        "sensitive": False, "spoiler_text": "", "visibility": "public",
        "language": tweet.get("lang", "en"),
        "uri": f"https://{SERVER}/users/{account['username']}/statuses/{tweet['id']}",
        "url": f"https://{SERVER}/@{account['username']}/{tweet['id']}",
        "replies_count": metrics["reply_count"], "reblogs_count": metrics["retweet_count"],
        "favourites_count": metrics["like_count"], "edited_at": None, "content": content,
        "reblog": None, "account": account, "media_attachments": [], "mentions": mentions,
        "tags": [], "emojis": [], "card": None, "poll": None,
    }


def write_mastodon(chapter: str, accounts: dict[str, dict[str, Any]]) -> Path:
    """Write ``tests/data/<chapter>_mastodon/`` statuses, accounts and collection.json."""
    tweets, users = _tweets(chapter)
    by_id = {tweet["id"]: tweet for tweet in tweets}

    def account_of(user_id: str) -> dict[str, Any]:
        return accounts.get(user_id) or masto_account(
            user_id, users.get(user_id, f"user{user_id}"), "", 0, "2020-01-01T00:00:00.000Z")

    statuses = []
    for tweet in tweets:
        account = account_of(tweet["author_id"])
        original = _reference(tweet, "retweeted")
        if original is None:
            statuses.append(_masto_status(tweet, users, tweet["text"], account))
            continue
        head, _, rest = tweet["text"].partition(": ")
        if original in by_id:
            source = by_id[original]
            boosted = _masto_status(source, users, source["text"],
                                    account_of(source["author_id"]))
        else:
            name = head.removeprefix("RT @")
            uid = next((u for u, n in users.items() if n == name), "0")
            stand_in = {**tweet, "id": original, "referenced_tweets": [], "author_id": uid}
            boosted = _masto_status(stand_in, users, rest, account_of(uid))
        boost = _masto_status({**tweet, "referenced_tweets": []}, users, "", account)
        boost.update({"content": "", "mentions": [], "reblog": boosted, "language": None})
        statuses.append(boost)
    folder = DATA / f"{chapter}_mastodon"
    folder.mkdir(exist_ok=True)
    (folder / "statuses.jsonl").write_text(_pages(statuses))
    (folder / "accounts.jsonl").write_text(
        "".join(json.dumps(account) + "\n" for account in accounts.values()))
    (folder / "collection.json").write_text(json.dumps({"server": SERVER}) + "\n")
    return folder


# ------------------------------------------------------------------------------------------------
# The chapters
# ------------------------------------------------------------------------------------------------


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text())))


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue())


def _spelled(handle: str, number: int) -> str:
    """Vary the spelling of every third handle (case, a leading @) to test the matching."""
    return {0: handle, 1: handle.upper(), 2: "@" + handle}[number % 3]


def attention() -> None:
    """The attention chapter: news mentions in accounts.csv, followers and age in profiles."""
    tweets, users = _tweets("attention")
    uid = {name: user_id for user_id, name in users.items()}
    listed = _rows(DATA / "attention" / "accounts.csv")
    profiles = [
        bsky_profile(row["username"], row["name"], int(row["followers"]),
                     _iso(_time(row["created_at"] + "T00:00:00Z", BLUESKY_SHIFT)))
        for row in listed
    ]
    folder = write_bluesky("attention", profiles)
    _write_csv(folder / "accounts.csv", [
        {"handle": _spelled(bsky_handle(row["username"]), i), "name": row["name"],
         "news_mentions_per_month": row["news_mentions_per_month"]}
        for i, row in enumerate(listed)
    ])
    author = {tweet["id"]: users[tweet["author_id"]] for tweet in tweets}
    _write_csv(folder / "coded.csv", [
        {**row, "tweet_id": bsky_uri(author[row["tweet_id"]], row["tweet_id"])}
        for row in _rows(DATA / "attention" / "coded.csv")
    ])
    accounts = {
        uid[row["username"]]: masto_account(
            uid[row["username"]], row["username"], row["name"], int(row["followers"]),
            row["created_at"] + "T00:00:00.000Z")
        for row in listed
    }
    folder = write_mastodon("attention", accounts)
    _write_csv(folder / "accounts.csv", [
        {"handle": _spelled(row["username"] + ("@" + SERVER if i % 2 else ""), i),
         "name": row["name"], "news_mentions_per_month": row["news_mentions_per_month"]}
        for i, row in enumerate(listed)
    ])
    (folder / "coded.csv").write_text((DATA / "attention" / "coded.csv").read_text())


def coordination() -> None:
    """The coordination chapter: accounts.csv with the platform's handles, as the sample's."""
    _, users = _tweets("coordination")
    uid = {name: user_id for user_id, name in users.items()}
    listed = [{**row, "account": row["account"].strip().lstrip("@")}
              for row in _rows(DATA / "coordination" / "accounts.csv")]
    profiles = [bsky_profile(row["account"], row["agency"], 100, "2023-06-01T00:00:00.000Z")
                for row in listed]
    folder = write_bluesky("coordination", profiles)
    _write_csv(folder / "accounts.csv", [
        {"handle": _spelled(bsky_handle(row["account"]), i),
         **{k: v for k, v in row.items() if k != "account"}}
        for i, row in enumerate(listed)
    ])
    accounts = {
        uid[row["account"]]: masto_account(uid[row["account"]], row["account"], row["agency"],
                                           100, "2019-06-01T00:00:00.000Z")
        for row in listed if row["account"] in uid
    }
    folder = write_mastodon("coordination", accounts)
    _write_csv(folder / "accounts.csv", [
        {"handle": _spelled(row["account"] + ("@" + SERVER if i % 2 else ""), i),
         **{k: v for k, v in row.items() if k != "account"}}
        for i, row in enumerate(listed)
    ])


if __name__ == "__main__":
    attention()
    coordination()
