"""Tests of the post format (govsocial.io.posts): contracts, the Twitter v2 mapping, and the
shared settling of a file's rows (duplicates, every problem at once).

The Twitter sample is ``tests/data/tweets_v2_sample.jsonl``; expected values are written out by
hand from it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from govsocial.io.bluesky import read_bluesky_feed
from govsocial.io.crowdtangle import read_crowdtangle_csv
from govsocial.io.mastodon import read_mastodon_statuses
from govsocial.io.posts import ACCOUNTS, POSTS, _latest, from_crowdtangle, from_tweets_v2
from govsocial.io.tweets import read_tweets_v2_jsonl
from govsocial.schema import DataError, validate

DATA = Path(__file__).parent / "data"


def test_every_column_is_documented():
    for contract in (POSTS, ACCOUNTS):
        assert all(column.description for column in contract.columns)
        assert contract.describe()["column"].tolist() == contract.names


def test_posts_columns_are_those_of_the_brief():
    assert POSTS.names == [
        "platform", "post_id", "author_handle", "author_id", "created_at", "text", "lang",
        "reply_to_post_id", "reply_to_author_id", "repost_of_post_id", "quote_of_post_id",
        "mentions", "mention_count", "like_count", "repost_count", "reply_count", "quote_count",
    ]
    assert ACCOUNTS.names == [
        "platform", "handle", "account_id", "display_name", "followers", "following", "posts",
        "created_at",
    ]


def test_crowdtangle_posts_map_into_the_post_format_leaving_unknowns_missing():
    export = read_crowdtangle_csv(DATA / "agenda" / "facebook_posts.csv").frame
    posts = from_crowdtangle(export)
    assert list(posts.columns) == POSTS.names and len(posts) == len(export)
    assert set(posts["platform"]) == {"facebook"}
    assert posts["post_id"].tolist() == export["url"].tolist()
    assert posts["author_id"].tolist() == export["page_name"].tolist()
    assert posts["like_count"].tolist() == export["likes"].tolist()
    assert posts["repost_count"].tolist() == export["shares"].tolist()
    assert posts["reply_count"].tolist() == export["comments"].tolist()
    # what an export does not hold is missing, never zero
    for column in ("lang", "reply_to_post_id", "repost_of_post_id", "quote_of_post_id",
                   "mentions", "mention_count", "quote_count"):
        assert posts[column].isna().all(), column
    validate(posts, POSTS, typed=True)


def test_a_frame_that_is_not_a_crowdtangle_export_is_refused():
    with pytest.raises(DataError, match="not a CROWDTANGLE_POSTS frame.*'url'"):
        from_crowdtangle(pd.DataFrame({"page_name": ["A"]}))


def test_tweets_map_into_the_post_format():
    posts = from_tweets_v2(read_tweets_v2_jsonl(DATA / "tweets_v2_sample.jsonl").frame)
    assert list(posts.columns) == POSTS.names
    first = posts.set_index("post_id").loc["1900000000000000001"]
    assert first["platform"] == "twitter"
    assert first["author_handle"] == "CoastalSafetyAgency"
    assert first["author_id"] == "1001"
    assert first["created_at"] == pd.Timestamp("2015-03-04T08:15:00Z")
    assert first["text"] == ("Flood warning for Example River: move to higher ground & follow "
                             "@InlandHealthOffice for shelter info")
    assert (first["like_count"], first["repost_count"], first["reply_count"],
            first["quote_count"]) == (40, 12, 3, 1)
    assert first["mention_count"] == 1
    assert pd.isna(first["mentions"])
    retweet = posts.set_index("post_id").loc["1900000000000000002"]
    assert retweet["repost_of_post_id"] == "1900000000000000001"
    assert pd.isna(retweet["reply_to_post_id"])


def test_a_frame_that_is_not_tweets_v2_is_refused():
    with pytest.raises(DataError, match="not a TWEETS_V2 frame"):
        from_tweets_v2(pd.DataFrame({"tweet_id": ["1"]}))


def test_the_platforms_concatenate_into_one_valid_frame():
    frames = [
        read_bluesky_feed(DATA / "bluesky" / "feed.jsonl").frame,
        read_mastodon_statuses(DATA / "mastodon" / "statuses.jsonl", server="gov.example").frame,
        from_tweets_v2(read_tweets_v2_jsonl(DATA / "tweets_v2_sample.jsonl").frame),
    ]
    together = pd.concat(frames, ignore_index=True)
    checked = validate(together, POSTS, typed=True)
    assert checked["platform"].value_counts().to_dict()["bluesky"] == 6
    assert checked["platform"].value_counts().to_dict()["mastodon"] == 5


def test_latest_copies_keep_the_later_line_and_leave_same_line_copies():
    assert _latest(["a", "a", "b", "b"], [1, 2, 3, 3], [False] * 4) == [1, 2, 3]
    assert _latest([7, "a"], [1, 1], [False, False]) == [0, 1]
