"""Write tests/data/agenda_bluesky/ and tests/data/agenda_mastodon/ from tests/data/agenda/.

The same fictional departments, residents and texts as the archival sample: every Facebook post
and tweet becomes a Bluesky post (a Mastodon status) of the same account, with the same replies,
the same answers and counts, dated eight years later (same weekdays: Bluesky opened in 2023).
Run from the repository's root: ``.venv/bin/python tests/data/agenda_bluesky/make_fixtures.py``.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd

from govsocial import io

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "agenda"
SHIFT = pd.Timedelta(days=7 * 417)  # 2016-01-04 (a Monday) to 2024-01-01 (a Monday)
SERVER = "gov.example"
PAGE = 25


def _stamp(time: pd.Timestamp) -> str:
    """ISO 8601 with milliseconds and Z, as both APIs write times."""
    return (time + SHIFT).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _posts() -> pd.DataFrame:
    """Every post of the sample in the post format, Facebook posts as the departments' posts."""
    tweets = io.from_tweets_v2(io.read_tweets_v2_jsonl(SAMPLE / "tweets.jsonl").frame)
    facebook = io.read_crowdtangle_csv(SAMPLE / "facebook_posts.csv").frame
    handles = {"BrindlewickPD": "BrindlewickPD", "Quillfield Police Department": "QuillfieldPD"}
    ids = dict(zip(tweets["author_handle"], tweets["author_id"], strict=False))
    known = facebook["user_name"].isin(handles) | facebook["page_name"].isin(handles)
    facebook = facebook[known]
    handle = facebook["user_name"].where(facebook["user_name"].isin(handles),
                                         facebook["page_name"]).map(handles)
    pages = pd.DataFrame({
        "post_id": [f"9{n:05d}" for n in range(len(facebook))],
        "author_handle": handle.to_numpy(), "author_id": handle.map(ids).to_numpy(),
        "created_at": facebook["created_at"].to_numpy(), "text": facebook["text"].to_numpy(),
        "like_count": facebook["likes"].to_numpy(), "repost_count": facebook["shares"].to_numpy(),
        "reply_count": facebook["comments"].to_numpy(),
    })
    posts = pd.concat([tweets, pages], ignore_index=True)
    return posts.sort_values(["created_at", "post_id"], kind="stable", ignore_index=True)


def _did(handle: str) -> str:
    return f"did:plc:{handle.lower()}"


def _bsky_handle(handle: str) -> str:
    return f"{handle.lower()}.bsky.social"


def _uri(row: pd.Series, number: int) -> str:
    return f"at://{_did(row['author_handle'])}/app.bsky.feed.post/3k{number:08d}"


def _bluesky(posts: pd.DataFrame, folder: Path) -> None:
    """Write feed.jsonl and profiles.jsonl."""
    uri = {row["post_id"]: _uri(row, n) for n, row in posts.iterrows()}
    by_id = posts.set_index("post_id")
    items = []
    for n, row in posts.iterrows():
        if pd.notna(row["repost_of_post_id"]):
            original = by_id.loc[row["repost_of_post_id"]]
            post = _bsky_post(original, uri[row["repost_of_post_id"]], uri)
            author = {"did": _did(row["author_handle"]),
                      "handle": _bsky_handle(row["author_handle"])}
            items.append({"post": post, "reason": {
                "$type": "app.bsky.feed.defs#reasonRepost", "by": author,
                "uri": f"at://{author['did']}/app.bsky.feed.repost/3r{n:08d}",
                "indexedAt": _stamp(row["created_at"])}})
        else:
            items.append({"post": _bsky_post(row, uri[row["post_id"]], uri)})
    with (folder / "feed.jsonl").open("w") as out:
        for start in range(0, len(items), PAGE):
            page = {"feed": items[start:start + PAGE]}
            if start + PAGE < len(items):
                page["cursor"] = f"cursor{start + PAGE}"
            out.write(json.dumps(page) + "\n")
    handles = sorted(set(posts["author_handle"]))
    profiles = [{
        "did": _did(h), "handle": _bsky_handle(h), "displayName": h,
        "followersCount": 12000 if h.endswith("PD") else 40, "followsCount": 10,
        "postsCount": int((posts["author_handle"] == h).sum()),
        "createdAt": "2023-06-01T12:00:00.000Z", "indexedAt": "2024-03-01T00:00:00.000Z",
    } for h in handles]
    (folder / "profiles.jsonl").write_text(json.dumps({"profiles": profiles}) + "\n")
    _accounts_csv(folder, {h: _bsky_handle(h) for h in handles})


def _bsky_post(row: pd.Series, uri: str, uris: dict[str, str]) -> dict:
    record = {"$type": "app.bsky.feed.post", "text": row["text"],
              "createdAt": _stamp(row["created_at"]), "langs": ["en"]}
    parent = row["reply_to_post_id"]
    if pd.notna(parent) and parent in uris:
        record["reply"] = {"root": {"uri": uris[parent], "cid": "bafyparent"},
                           "parent": {"uri": uris[parent], "cid": "bafyparent"}}
    elif pd.notna(row["reply_to_author_id"]):  # a reply to a post not collected
        record["reply"] = {"root": {"uri": "at://did:plc:elsewhere/app.bsky.feed.post/3x",
                                    "cid": "bafyx"},
                           "parent": {"uri": "at://did:plc:elsewhere/app.bsky.feed.post/3x",
                                      "cid": "bafyx"}}
    return {
        "uri": uri, "cid": f"bafy{uri[-10:]}",
        "author": {"did": _did(row["author_handle"]),
                   "handle": _bsky_handle(row["author_handle"])},
        "record": record, "replyCount": int(row["reply_count"]),
        "repostCount": int(row["repost_count"]), "likeCount": int(row["like_count"]),
        "quoteCount": 0, "indexedAt": _stamp(row["created_at"] + pd.Timedelta(seconds=1)),
    }


def _accounts_csv(folder: Path, handles: dict[str, str]) -> None:
    """accounts.csv: the departments' handles (in other letter cases) and the residents'."""
    departments = {"BrindlewickPD": "Brindlewick PD", "QuillfieldPD": "Quillfield PD"}
    lines = ["handle,department"]
    for name, handle in handles.items():
        shown = handle.replace(name.lower(), name) if name in departments else handle
        lines.append(f"{shown},{departments.get(name, '')}")
    (folder / "accounts.csv").write_text("\n".join(lines) + "\n")


def _mastodon(posts: pd.DataFrame, folder: Path) -> None:
    """Write statuses.jsonl, accounts.jsonl and collection.json."""
    handles = sorted(set(posts["author_handle"]))
    ids = {h: f"1090000000000{n:05d}" for n, h in enumerate(handles)}
    local = {h for h in handles if h.endswith("PD")}
    acct = {h: h.lower() if h in local else f"{h.lower()}@town.example" for h in handles}
    accounts = {h: {
        "id": ids[h], "username": h.lower(), "acct": acct[h], "display_name": h,
        "locked": False, "bot": False, "created_at": "2023-06-01T00:00:00.000Z", "note": "",
        "url": f"https://{SERVER if h in local else 'town.example'}/@{h.lower()}",
        "followers_count": 12000 if h in local else 40, "following_count": 10,
        "statuses_count": int((posts["author_handle"] == h).sum()),
    } for h in handles}
    status_id = {row["post_id"]: f"11200000000{n:07d}" for n, row in posts.iterrows()}
    by_id = posts.set_index("post_id")

    def status(row: pd.Series, post_id: str) -> dict:
        parent = row["reply_to_post_id"]
        replying = pd.notna(row["reply_to_author_id"])
        author_of_parent = (by_id.loc[parent, "author_handle"]
                            if pd.notna(parent) and parent in by_id.index else None)
        return {
            "id": status_id[post_id], "created_at": _stamp(row["created_at"]),
            "in_reply_to_id": (status_id[parent] if author_of_parent
                               else "111000000000000001" if replying else None),
            "in_reply_to_account_id": (ids[author_of_parent] if author_of_parent
                                       else "109999999999999999" if replying else None),
            "sensitive": False, "spoiler_text": "", "visibility": "public", "language": "en",
            "uri": f"https://{SERVER}/statuses/{status_id[post_id]}",
            "replies_count": int(row["reply_count"]), "reblogs_count": int(row["repost_count"]),
            "favourites_count": int(row["like_count"]), "edited_at": None,
            "content": f"<p>{html.escape(row['text'])}</p>", "reblog": None,
            "account": accounts[row["author_handle"]], "media_attachments": [],
            "mentions": [], "tags": [], "emojis": [], "card": None, "poll": None,
        }

    statuses = []
    for _, row in posts.iterrows():
        if pd.notna(row["repost_of_post_id"]):
            original = by_id.loc[row["repost_of_post_id"]]
            boost = status(row, row["post_id"])
            boost.update(content="", reblog=status(original, row["repost_of_post_id"]),
                         language=None, replies_count=0, reblogs_count=0, favourites_count=0)
            statuses.append(boost)
        else:
            statuses.append(status(row, row["post_id"]))
    with (folder / "statuses.jsonl").open("w") as out:
        for start in range(0, len(statuses), PAGE):
            out.write(json.dumps(statuses[start:start + PAGE]) + "\n")
    with (folder / "accounts.jsonl").open("w") as out:
        for h in handles:
            out.write(json.dumps(accounts[h]) + "\n")
    (folder / "collection.json").write_text(json.dumps({
        "server": SERVER, "collected_at": "2024-03-01T00:00:00Z",
        "handles": [f"{acct[h]}" for h in sorted(local)]}, indent=1) + "\n")
    _accounts_csv(folder, {h: (f"@{h}" if h in local else acct[h]) for h in handles})


def main() -> None:
    """Write both folders."""
    posts = _posts()
    for name, write in (("agenda_bluesky", _bluesky), ("agenda_mastodon", _mastodon)):
        folder = ROOT / name
        folder.mkdir(exist_ok=True)
        write(posts, folder)


if __name__ == "__main__":
    main()
