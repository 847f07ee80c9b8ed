"""Tests of govsocial.io.mastodon on the fictional pages of ``tests/data/mastodon``.

Expected values are written out by hand from the fixtures (see their README), never computed
with the code under test. Malformed files are written in ``tmp_path``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from govsocial.io.mastodon import html_to_text, read_mastodon_accounts, read_mastodon_statuses
from govsocial.io.posts import ACCOUNTS, POSTS
from govsocial.schema import DataError

DATA = Path(__file__).parent / "data" / "mastodon"
STATUSES = DATA / "statuses.jsonl"
INFO = "109000000000000001"
PARKS = "109000000000000777"


def status(sid: str = "1", **changes: object) -> dict:
    """A valid Status by info@gov.example, with ``changes`` applied."""
    value = {
        "id": sid, "created_at": "2024-05-01T08:00:00.000Z",
        "account": {"id": INFO, "username": "info", "acct": "info"},
        "content": "<p>Hello</p>", "language": "en", "in_reply_to_id": None,
        "in_reply_to_account_id": None, "reblog": None, "mentions": [], "edited_at": None,
        "favourites_count": 1, "reblogs_count": 0, "replies_count": 0,
    }
    value.update(changes)
    return value


def write(tmp_path: Path, *lines: object) -> Path:
    path = tmp_path / "statuses.jsonl"
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n"
                            for line in lines), encoding="utf-8")
    return path


def error_of(path: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        read_mastodon_statuses(path, server="gov.example")
    return caught.value


@pytest.fixture(scope="module")
def statuses() -> pd.DataFrame:
    return read_mastodon_statuses(STATUSES, server="gov.example").frame.set_index("post_id")


def test_columns_are_the_post_format():
    frame = read_mastodon_statuses(STATUSES, server="gov.example").frame
    assert list(frame.columns) == POSTS.names
    assert set(frame["platform"]) == {"mastodon"}
    assert frame["post_id"].tolist() == [
        "112000000000000002", "112000000000000003", "112000000000000001",
        "111999999999999990", "111999999999999980",
    ]


def test_html_content_becomes_plain_text_and_mentions_are_qualified(statuses):
    row = statuses.loc["112000000000000001"]
    assert row["text"] == (
        "Storm warning tonight & tomorrow.\nShelters: https://gov.example/shelters\n\n"
        "Updates from @parks"
    )
    assert row["author_handle"] == "info@gov.example"
    assert row["author_id"] == INFO
    assert row["mentions"] == "parks@city.example"
    assert row["mention_count"] == 1
    # the later page's copy: 31 favourites, not 30
    assert (row["like_count"], row["repost_count"], row["reply_count"]) == (31, 11, 2)
    assert pd.isna(row["quote_count"])


def test_a_boost_is_by_the_booster_and_names_the_boosted_status(statuses):
    row = statuses.loc["112000000000000002"]
    assert row["author_handle"] == "info@gov.example"
    assert row["created_at"] == pd.Timestamp("2024-05-01T08:05:00Z")
    assert row["repost_of_post_id"] == "112000000000000500"
    assert row["text"] == "Shelter list: Main St school and Example Library."
    assert (row["like_count"], row["repost_count"], row["reply_count"]) == (20, 7, 1)


def test_a_reply_names_the_status_and_account_replied_to(statuses):
    row = statuses.loc["112000000000000003"]
    assert row["reply_to_post_id"] == "112000000000000500"
    assert row["reply_to_author_id"] == PARKS
    assert row["text"] == "@parks Thank you! Buses run until midnight."


def test_an_edited_status_keeps_its_first_publication_time(statuses):
    row = statuses.loc["111999999999999990"]
    assert row["created_at"] == pd.Timestamp("2024-04-30T16:00:00Z")
    assert row["text"] == "Collection resumes on Friday (corrected: not Thursday)."


def test_language_and_quote_of_a_4_5_server(statuses):
    row = statuses.loc["111999999999999980"]
    assert row["lang"] == "fr"
    assert row["quote_of_post_id"] == "112000000000000500"
    assert row["quote_count"] == 2


def test_report_counts_the_earlier_copy():
    loaded = read_mastodon_statuses(STATUSES, server="gov.example")
    assert (loaded.report.rows_read, loaded.report.rows_kept) == (6, 5)
    assert loaded.lines == [1, 1, 2, 2, 2]


def test_accounts_local_and_remote_are_read_exactly():
    frame = read_mastodon_accounts(DATA / "accounts.jsonl", server="gov.example").frame
    assert list(frame.columns) == ACCOUNTS.names
    assert frame.to_dict("list") == {
        "platform": ["mastodon", "mastodon"],
        "handle": ["info@gov.example", "parks@city.example"],
        "account_id": [INFO, PARKS],
        "display_name": ["Info (fictional agency)", "City Parks (fictional)"],
        "followers": [950, 80],
        "following": [12, 5],
        "posts": [400, 60],
        "created_at": [pd.Timestamp("2022-11-07T00:00:00Z"), pd.Timestamp("2023-01-15T00:00:00Z")],
    }


@pytest.mark.parametrize(
    ("content", "text"),
    [
        ("<p>a</p><p>b</p>", "a\n\nb"),
        ("<p>line<br />next</p>", "line\nnext"),
        ("<p>&lt;tag&gt; &quot;q&quot; &#127783;</p>", '<tag> "q" 🌧'),
        ('<p><a href="https://x.example/a">read <b>this</b></a></p>', "read this"),
        ("<ul><li>one</li><li>two</li></ul>", "one\ntwo"),
        ("", ""),
        ("plain", "plain"),
    ],
)
def test_html_to_text(content, text):
    assert html_to_text(content) == text


# ---------------------------------------------------------------------------------------------
# Bad input: a DataError naming the file, the line and the status id
# ---------------------------------------------------------------------------------------------


def test_bytes_that_are_not_utf8_are_located(tmp_path):
    path = tmp_path / "statuses.jsonl"
    path.write_bytes(b"[]\n[\xe9]\n")
    error = error_of(path)
    assert (error.file, error.row) == (str(path), 2)


def test_a_line_that_is_not_json_is_located(tmp_path):
    error = error_of(write(tmp_path, [status()], "[{"))
    assert (error.row, error.problem) == (2, "this line is not valid JSON")


def test_an_error_answer_instead_of_a_page_is_located(tmp_path):
    error = error_of(write(tmp_path, [status()], {"error": "Record not found"}))
    assert error.row == 2
    assert error.problem == "this line is not a page of statuses"
    assert error.found == "an object with keys ['error']"


def test_a_status_missing_its_content_names_its_id(tmp_path):
    bad = status("77")
    del bad["content"]
    error = error_of(write(tmp_path, [bad]))
    assert (error.row, error.column) == (1, "content")
    assert "status '77'" in error.problem


def test_a_count_as_text_and_a_date_not_iso_are_both_listed(tmp_path):
    error = error_of(write(tmp_path, [status("5", reblogs_count="3")],
                           [status("6", created_at="yesterday")]))
    assert error.total == 2
    assert [(p.row, p.column) for p in error.problems] == [(1, "repost_count"), (2, "created_at")]
    assert "status '5'" in error.problems[0].problem
    assert "status '6'" in error.problems[1].problem


def test_an_id_that_is_a_number_is_refused(tmp_path):
    error = error_of(write(tmp_path, [status(), status("2", id=2)]))
    assert error.column == "post_id"
    assert error.found == "2"


def test_skip_keeps_the_good_statuses_and_lists_the_others(tmp_path):
    path = write(tmp_path, [status("1"), status("2", favourites_count=-1), 3],
                 {"error": "rate limited"}, [status("4")], [status("1", favourites_count=9)])
    loaded = read_mastodon_statuses(path, server="gov.example", on_error="skip")
    assert loaded.frame["post_id"].tolist() == ["4", "1"]
    assert loaded.frame["like_count"].tolist() == [1, 9]
    assert loaded.lines == [3, 4]
    assert loaded.report.rows_read == 6  # 4 statuses, a 3 in place of one, an error answer
    assert loaded.report.rows_kept == 2
    assert sorted(loaded.report.skipped["row"].tolist()) == [1, 1, 2]


def test_the_server_must_be_a_host_name(tmp_path):
    with pytest.raises(DataError, match="server must name"):
        read_mastodon_statuses(write(tmp_path, [status()]), server="")


def test_a_count_as_text_is_refused_even_when_every_count_is_text(tmp_path):
    error = error_of(write(tmp_path, [status("8", favourites_count="1")]))
    assert (error.row, error.column, error.found) == (1, "like_count", "'1'")
    assert "status '8'" in error.problem


def test_an_account_without_acct_names_its_id(tmp_path):
    path = tmp_path / "accounts.jsonl"
    path.write_text(json.dumps({"id": "5", "username": "x", "followers_count": 1}) + "\n")
    with pytest.raises(DataError) as caught:
        read_mastodon_accounts(path, server="gov.example")
    assert (caught.value.row, caught.value.column, caught.value.total) == (1, "handle", 1)
    assert "account '5'" in caught.value.problem
