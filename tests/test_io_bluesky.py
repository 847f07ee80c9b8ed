"""Tests of govsocial.io.bluesky on the fictional pages of ``tests/data/bluesky``.

Expected values are written out by hand from the fixtures (see their README), never computed
with the code under test. Malformed files are written in ``tmp_path``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from govsocial.io.bluesky import read_bluesky_feed, read_bluesky_profiles
from govsocial.io.posts import ACCOUNTS, POSTS
from govsocial.schema import DataError

DATA = Path(__file__).parent / "data" / "bluesky"
FEED = DATA / "feed.jsonl"
CITY = "did:plc:cityofexample"
PARKS = "did:plc:parksexample"


def at(did: str, rkey: str, collection: str = "app.bsky.feed.post") -> str:
    return f"at://{did}/{collection}/{rkey}"


def post(rkey: str = "3kx", **changes: object) -> dict:
    """A valid postView of the city, with ``changes`` applied to its top level."""
    value = {
        "uri": at(CITY, rkey), "cid": "bafy",
        "author": {"did": CITY, "handle": "cityofexample.bsky.social"},
        "record": {"$type": "app.bsky.feed.post", "text": "Hello",
                   "createdAt": "2024-05-01T08:00:00.000Z"},
        "likeCount": 1, "repostCount": 0, "replyCount": 0, "quoteCount": 0,
        "indexedAt": "2024-05-01T08:00:01.000Z",
    }
    value.update(changes)
    return value


def write(tmp_path: Path, *lines: object) -> Path:
    path = tmp_path / "feed.jsonl"
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n"
                            for line in lines), encoding="utf-8")
    return path


def error_of(path: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        read_bluesky_feed(path)
    return caught.value


@pytest.fixture(scope="module")
def feed() -> pd.DataFrame:
    return read_bluesky_feed(FEED).frame.set_index("post_id")


def test_columns_and_dtypes_are_the_post_format(feed):
    frame = read_bluesky_feed(FEED).frame
    assert list(frame.columns) == POSTS.names
    assert str(frame["created_at"].dt.tz) == "UTC"
    assert str(frame["like_count"].dtype) == "Int64"
    assert set(frame["platform"]) == {"bluesky"}


def test_a_post_with_a_mention_is_read_exactly_and_its_later_copy_kept(feed):
    row = feed.loc[at(CITY, "3kcity0001")]
    assert row["author_handle"] == "cityofexample.bsky.social"
    assert row["author_id"] == CITY
    assert row["created_at"] == pd.Timestamp("2024-05-01T08:00:00Z")
    assert row["text"] == (
        "Storm warning tonight. Shelters open, see @parks.example.gov for the list 🌧")
    assert row["lang"] == "en"
    assert row["mentions"] == "parks.example.gov"
    assert row["mention_count"] == 1
    # the copy on line 2 (41 likes, 13 reposts), not the one on line 1 (40, 12)
    assert (row["like_count"], row["repost_count"], row["reply_count"], row["quote_count"]) == (
        41, 13, 3, 1)


def test_a_repost_is_by_the_reposter_at_the_time_of_the_repost(feed):
    row = feed.loc[at(CITY, "3kcityrp01", "app.bsky.feed.repost")]
    assert row["author_id"] == CITY
    assert row["author_handle"] == "cityofexample.bsky.social"
    assert row["created_at"] == pd.Timestamp("2024-05-01T08:05:00Z")
    assert row["repost_of_post_id"] == at(PARKS, "3kparks001")
    assert row["text"] == "Shelter list: Main St school and Example Library."
    assert row["like_count"] == 25
    assert pd.isna(row["reply_to_post_id"])


def test_a_repost_without_its_record_uri_gets_one_from_the_post_and_reposter(tmp_path):
    reason = {"$type": "app.bsky.feed.defs#reasonRepost",
              "by": {"did": "did:plc:other", "handle": "other.example"},
              "indexedAt": "2024-05-02T00:00:00Z"}
    frame = read_bluesky_feed(write(tmp_path, {"feed": [{"post": post(), "reason": reason}]})).frame
    assert frame["post_id"].tolist() == [at(CITY, "3kx") + "#repost-by-did:plc:other"]
    assert frame["author_id"].tolist() == ["did:plc:other"]


def test_replies_name_the_post_and_author_replied_to_even_when_deleted(feed):
    reply = feed.loc[at(CITY, "3kcity0002")]
    assert reply["reply_to_post_id"] == at(PARKS, "3kparks001")
    assert reply["reply_to_author_id"] == PARKS
    orphan = feed.loc[at(CITY, "3kcity0003")]
    assert orphan["reply_to_post_id"] == at("did:plc:residentexample", "3kgone0001")
    assert orphan["reply_to_author_id"] == "did:plc:residentexample"


def test_a_post_of_images_only_has_empty_text_and_no_language(feed):
    row = feed.loc[at(CITY, "3kcity0004")]
    assert row["text"] == ""
    assert pd.isna(row["lang"])
    assert row["like_count"] == 15


def test_a_quote_names_the_quoted_post_and_the_first_language(feed):
    row = feed.loc[at(CITY, "3kcity0005")]
    assert row["quote_of_post_id"] == at(PARKS, "3kparks000")
    assert row["lang"] == "en"


def test_an_embedded_feed_is_not_a_quote(tmp_path):
    embed = {"$type": "app.bsky.embed.record#view",
             "record": {"uri": at(PARKS, "news", "app.bsky.feed.generator")}}
    frame = read_bluesky_feed(write(tmp_path, {"feed": [{"post": post(embed=embed)}]})).frame
    assert frame["quote_of_post_id"].isna().all()


def test_report_counts_items_blank_lines_and_the_earlier_copy():
    loaded = read_bluesky_feed(FEED)
    assert loaded.report.rows_read == 7
    assert loaded.report.rows_kept == 6
    assert sum(loaded.report.dropped.values()) == 1
    assert loaded.lines == [1, 1, 2, 2, 2, 2]


def test_a_pinned_copy_gives_way_to_the_post_in_its_place(tmp_path):
    pin = {"$type": "app.bsky.feed.defs#reasonPin"}
    path = write(tmp_path, {"feed": [{"post": post(), "reason": pin}, {"post": post()}]})
    loaded = read_bluesky_feed(path)
    assert len(loaded.frame) == 1
    assert loaded.report.rows_dropped == 1


def test_profiles_are_read_exactly():
    frame = read_bluesky_profiles(DATA / "profiles.jsonl").frame
    assert list(frame.columns) == ACCOUNTS.names
    assert frame.to_dict("list") == {
        "platform": ["bluesky", "bluesky"],
        "handle": ["cityofexample.bsky.social", "parks.example.gov"],
        "account_id": [CITY, PARKS],
        "display_name": ["City of Example (fictional)", "Example Parks (fictional)"],
        "followers": [1200, 530],
        "following": [40, 12],
        "posts": [310, 95],
        "created_at": [pd.Timestamp("2023-09-01T12:00:00Z"), pd.NaT],
    }


# ---------------------------------------------------------------------------------------------
# Bad input: a DataError naming the file, the line and the post
# ---------------------------------------------------------------------------------------------


def test_bytes_that_are_not_utf8_are_located(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(json.dumps({"feed": [{"post": post()}]}).encode() + b"\n\xff\n")
    error = error_of(path)
    assert error.file == str(path)
    assert error.row == 2
    assert "UTF-8" in str(error)


def test_a_line_that_is_not_json_is_located(tmp_path):
    error = error_of(write(tmp_path, {"feed": [{"post": post()}]}, '{"feed": [', ""))
    assert (error.row, error.problem) == (2, "this line is not valid JSON")


def test_a_page_of_the_wrong_shape_is_located(tmp_path):
    error = error_of(write(tmp_path, {"feed": [{"post": post()}]}, {"posts": []}))
    assert error.row == 2
    assert "getAuthorFeed page" in error.problem
    assert "keys ['posts']" in error.found


def test_a_post_missing_its_created_at_names_its_uri(tmp_path):
    record = {"$type": "app.bsky.feed.post", "text": "Hello"}
    error = error_of(write(tmp_path, {"feed": [{"post": post(record=record)}]}))
    assert error.row == 1
    assert error.column == "created_at"
    assert at(CITY, "3kx") in error.problem


def test_a_post_missing_its_text_names_its_uri(tmp_path):
    record = {"$type": "app.bsky.feed.post", "createdAt": "2024-05-01T08:00:00Z"}
    error = error_of(write(tmp_path, {"feed": [{"post": post(record=record)}]}))
    assert error.column == "record.text"
    assert at(CITY, "3kx") in error.problem


def test_a_count_as_text_and_a_date_not_iso_are_both_listed(tmp_path):
    bad_count = post("3ka", likeCount="12")
    bad_date = post("3kb", record={"text": "x", "createdAt": "01/05/2024 08:00"})
    error = error_of(
        write(tmp_path, {"feed": [{"post": bad_count}]}, {"feed": [{"post": bad_date}]}))
    assert error.total == 2
    assert [(p.row, p.column) for p in error.problems] == [(1, "like_count"), (2, "created_at")]
    assert at(CITY, "3ka") in error.problems[0].problem
    assert at(CITY, "3kb") in error.problems[1].problem
    assert error.problems[0].found == "'12'"


def test_created_after_indexed_and_before_bluesky_opened_are_problems(tmp_path):
    future = post("3ka", record={"text": "x", "createdAt": "2024-05-01T09:00:00Z"})
    imported = post("3kb", record={"text": "x", "createdAt": "2012-05-01T09:00:00Z"})
    fine = post("3kc", record={"text": "x", "createdAt": "2024-05-01T08:05:00Z"})  # 4 min ahead
    error = error_of(write(tmp_path, {"feed": [{"post": p} for p in (future, imported, fine)]}))
    assert error.total == 2
    assert "later than indexedAt" in error.problems[0].problem
    assert "before Bluesky opened" in error.problems[1].problem
    assert {p.column for p in error.problems} == {"record.createdAt"}


def test_the_same_post_twice_on_one_page_is_an_error(tmp_path):
    error = error_of(write(tmp_path, {"feed": [{"post": post()}, {"post": post()}]}))
    assert "duplicate key" in error.problem


def test_skip_keeps_the_good_posts_and_lists_the_others(tmp_path):
    path = write(tmp_path, {"feed": [{"post": post("3ka")}, {"post": post("3kb", likeCount=-1)},
                                     {"nopost": True}]},
                 "not json", "", {"feed": [{"post": post("3kc")}]})
    loaded = read_bluesky_feed(path, on_error="skip")
    assert loaded.frame["post_id"].tolist() == [at(CITY, "3ka"), at(CITY, "3kc")]
    assert loaded.lines == [1, 4]
    assert loaded.report.rows_read == 6  # 4 items, 1 unreadable line, 1 blank line
    assert loaded.report.rows_kept == 2
    assert sorted(loaded.report.skipped["row"].tolist()) == [1, 1, 2]


def test_an_empty_file_is_an_error(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n\n")
    assert "only blank lines" in error_of(path).problem


def test_a_profile_with_a_string_count_names_its_did(tmp_path):
    path = tmp_path / "profiles.jsonl"
    profile = {"did": CITY, "handle": "c.example", "followersCount": "1,200"}
    path.write_text(json.dumps({"profiles": [profile]}) + "\n")
    with pytest.raises(DataError) as caught:
        read_bluesky_profiles(path)
    assert caught.value.column == "followers"
    assert CITY in caught.value.problem


def test_skip_still_raises_when_no_post_is_usable(tmp_path):
    path = write(tmp_path, {"feed": [{"post": post(likeCount="1")}]}, "not json")
    with pytest.raises(DataError) as caught:
        read_bluesky_feed(path, on_error="skip")
    assert caught.value.total == 2


def test_a_line_level_problem_has_no_column(tmp_path):
    error = error_of(write(tmp_path, {"feed": [{"post": post()}]}, "not json"))
    assert error.column is None
    assert "column" not in str(error)


def test_a_post_without_its_author_handle_names_its_uri(tmp_path):
    error = error_of(write(tmp_path, {"feed": [{"post": post(author={"did": CITY})}]}))
    assert (error.row, error.column) == (1, "author.handle")
    assert at(CITY, "3kx") in error.problem
