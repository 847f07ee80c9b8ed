"""Write tests/data/coproduction_bluesky/ and coproduction_mastodon/ from tests/data/coproduction/.

The same fictional storm, accounts and texts as the archival sample: every tweet becomes a
Bluesky post (a Mastodon status) of the same account, every retweet a repost (a boost), dated
twelve years later (same weekdays: Bluesky opened in 2023). Run from the repository's root:
``.venv/bin/python tests/data/coproduction_bluesky/make_fixtures.py``.
"""

from __future__ import annotations

import csv
import html
import json
from pathlib import Path

import pandas as pd

from govsocial import io

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "coproduction"
SHIFT = pd.Timedelta(days=7 * 626)  # 2012-10-29 (a Monday) to 2024-10-28 (a Monday)
SERVER = "gov.example"
#: The original of the sample's retweet of a tweet outside the file (by NatEmergAgency).
OUTSIDE = {"post_id": "262992194565046280", "author_handle": "NatEmergAgency",
           "created_at": pd.Timestamp("2012-10-29T19:00Z"),
           "text": "Make a plan, build a kit, stay informed. #storm"}


def _stamp(time: pd.Timestamp) -> str:
    """ISO 8601 with milliseconds and Z, as both APIs write times."""
    return (time + SHIFT).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _accounts() -> list[dict[str, str]]:
    with (SAMPLE / "accounts.csv").open(newline="") as handle:
        return list(csv.DictReader(handle))


def _posts() -> pd.DataFrame:
    tweets = io.from_tweets_v2(io.read_tweets_v2_jsonl(SAMPLE / "tweets.jsonl").frame)
    original = tweets["text"].str.replace(r"^RT @\w+: ", "", regex=True)
    return tweets.assign(text=original.where(tweets["repost_of_post_id"].notna(),
                                             tweets["text"]))


def _did(handle: str) -> str:
    return f"did:plc:{handle.lower().replace('_', '')}"


def _bsky(handle: str) -> str:
    return f"{handle.lower().replace('_', '-')}.bsky.social"


def _bluesky(folder: Path) -> None:
    """Write feed.jsonl, profiles.jsonl and accounts.csv."""
    posts = _posts()
    uri = {row["post_id"]: f"at://{_did(row['author_handle'])}/app.bsky.feed.post/3k{n:06d}"
           for n, row in posts.iterrows()}
    uri[OUTSIDE["post_id"]] = f"at://{_did(OUTSIDE['author_handle'])}/app.bsky.feed.post/3kout"
    texts = dict(zip(posts["post_id"], posts["text"], strict=True))
    times = dict(zip(posts["post_id"], posts["created_at"], strict=True))
    authors = dict(zip(posts["post_id"], posts["author_handle"], strict=True))
    texts[OUTSIDE["post_id"]] = OUTSIDE["text"]
    times[OUTSIDE["post_id"]] = OUTSIDE["created_at"]
    authors[OUTSIDE["post_id"]] = OUTSIDE["author_handle"]

    def view(post_id: str) -> dict:
        handle = authors[post_id]
        return {"uri": uri[post_id], "cid": f"bafy{post_id[-6:]}",
                "author": {"did": _did(handle), "handle": _bsky(handle)},
                "record": {"$type": "app.bsky.feed.post", "text": texts[post_id],
                           "createdAt": _stamp(times[post_id]), "langs": ["en"]},
                "replyCount": 0, "repostCount": 3, "likeCount": 5, "quoteCount": 0,
                "indexedAt": _stamp(times[post_id] + pd.Timedelta(seconds=1))}

    items = []
    for n, row in posts.iterrows():
        original = row["repost_of_post_id"]
        if pd.isna(original):
            items.append({"post": view(row["post_id"])})
            continue
        by = {"did": _did(row["author_handle"]), "handle": _bsky(row["author_handle"])}
        items.append({"post": view(original), "reason": {
            "$type": "app.bsky.feed.defs#reasonRepost", "by": by,
            "uri": f"at://{by['did']}/app.bsky.feed.repost/3r{n:06d}",
            "indexedAt": _stamp(row["created_at"])}})
    (folder / "feed.jsonl").write_text(
        "".join(json.dumps({"feed": items[i:i + 4]}) + "\n" for i in range(0, len(items), 4)))
    rows = _accounts()
    profiles = [{"did": _did(r["username"]), "handle": _bsky(r["username"]),
                 "displayName": r["name"] or r["username"],
                 "followersCount": int(r["followers"]), "followsCount": 10, "postsCount": 50,
                 "createdAt": "2023-06-01T12:00:00.000Z",
                 "indexedAt": "2024-10-01T00:00:00.000Z"} for r in rows]
    (folder / "profiles.jsonl").write_text(json.dumps({"profiles": profiles}) + "\n")
    lines = ["handle,account_type,followers,name"]
    for r in rows:  # followers left to the profiles, except for the government accounts
        followers = r["followers"] if r["account_type"] == "government" else ""
        shown = _bsky(r["username"]).replace(r["username"].lower(), r["username"])
        lines.append(f"{shown},{r['account_type']},{followers},{r['name']}")
    (folder / "accounts.csv").write_text("\n".join(lines) + "\n")


def _mastodon(folder: Path) -> None:
    """Write statuses.jsonl, accounts.jsonl, collection.json and accounts.csv."""
    posts = _posts()
    rows = {r["username"]: r for r in _accounts()}
    ids = {name: f"10900000000000{n:04d}" for n, name in enumerate(rows)}
    local = {name for name, r in rows.items() if r["account_type"] == "government"}

    def account(name: str) -> dict:
        host = SERVER if name in local else "town.example"
        return {"id": ids[name], "username": name.lower(),
                "acct": name.lower() if name in local else f"{name.lower()}@{host}",
                "display_name": rows[name]["name"], "locked": False, "bot": False,
                "created_at": "2023-06-01T00:00:00.000Z", "note": "",
                "url": f"https://{host}/@{name.lower()}",
                "followers_count": int(rows[name]["followers"]), "following_count": 10,
                "statuses_count": 50}

    def status(post_id: str, name: str, time: pd.Timestamp, text: str) -> dict:
        sid = f"1130{post_id[-14:]}"
        return {"id": sid, "created_at": _stamp(time), "in_reply_to_id": None,
                "in_reply_to_account_id": None, "sensitive": False, "spoiler_text": "",
                "visibility": "public", "language": "en",
                "uri": f"https://{SERVER}/statuses/{sid}", "replies_count": 0,
                "reblogs_count": 3, "favourites_count": 5, "edited_at": None,
                "content": f"<p>{html.escape(text)}</p>", "reblog": None,
                "account": account(name), "media_attachments": [], "mentions": [],
                "tags": [], "emojis": [], "card": None, "poll": None}

    by_id = posts.set_index("post_id")
    statuses = [status(OUTSIDE["post_id"], OUTSIDE["author_handle"], OUTSIDE["created_at"],
                       OUTSIDE["text"])]
    for _, row in posts.iterrows():
        original = row["repost_of_post_id"]
        own = status(row["post_id"], row["author_handle"], row["created_at"], row["text"])
        if pd.notna(original):
            if original == OUTSIDE["post_id"]:
                shown = statuses[0]
            else:
                source = by_id.loc[original]
                shown = status(original, source["author_handle"], source["created_at"],
                               source["text"])
            own.update(content="", reblog=shown, language=None, reblogs_count=0,
                       favourites_count=0)
        statuses.append(own)
    (folder / "statuses.jsonl").write_text(
        "".join(json.dumps(statuses[i:i + 4]) + "\n" for i in range(0, len(statuses), 4)))
    (folder / "accounts.jsonl").write_text(json.dumps([account(n) for n in rows]) + "\n")
    (folder / "collection.json").write_text(json.dumps({
        "server": SERVER, "collected_at": "2024-11-01T00:00:00Z",
        "handles": [account(n)["acct"] for n in rows]}, indent=1) + "\n")
    lines = ["handle,account_type,followers,name"]
    for name, r in rows.items():
        handle = f"@{name}" if name in local else f"{name}@town.example"
        followers = r["followers"] if name in local else ""
        lines.append(f"{handle},{r['account_type']},{followers},{r['name']}")
    (folder / "accounts.csv").write_text("\n".join(lines) + "\n")


def main() -> None:
    """Write both folders."""
    for name, write in (("coproduction_bluesky", _bluesky),
                        ("coproduction_mastodon", _mastodon)):
        folder = ROOT / name
        folder.mkdir(exist_ok=True)
        write(folder)


if __name__ == "__main__":
    main()
