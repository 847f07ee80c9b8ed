"""Tests of govsocial.io.read_crowdtangle_csv on a fictional CrowdTangle export.

``tests/data/agenda/facebook_posts.csv`` has all the columns a CrowdTangle export of Facebook
page posts has, times in EST, an HTML entity, a quoted line break and a photo without a caption.
Malformed files are written in ``tmp_path`` inside the tests. Expected values are computed with
the csv module, never with the code under test.
"""

from __future__ import annotations

import csv
import html
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest

from govsocial.io import CROWDTANGLE_POSTS, read_crowdtangle_csv
from govsocial.schema import DataError

SAMPLE = Path(__file__).parent / "data" / "agenda" / "facebook_posts.csv"
HEADER = "Page Name,User Name,Post Created,Type,Likes,Comments,Shares,Message,URL\n"
EST = timezone(timedelta(hours=-5))


def rows() -> list[dict[str, str]]:
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write(folder: Path, text: str, name: str = "posts.csv") -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def error_of(path: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        read_crowdtangle_csv(path)
    return caught.value


def test_sample_loads_every_post_with_text_and_counts_the_rest():
    expected = [row for row in rows() if row["Message"].strip()]
    loaded = read_crowdtangle_csv(SAMPLE)
    assert len(loaded.frame) == len(expected)
    assert loaded.report.rows_read == len(rows())
    assert loaded.report.rows_dropped == len(rows()) - len(expected) == 1
    assert list(loaded.frame.columns) == CROWDTANGLE_POSTS.names
    assert loaded.frame["url"].tolist() == [row["URL"] for row in expected]
    assert loaded.frame["likes"].tolist() == [int(row["Likes"]) for row in expected]
    assert loaded.frame["shares"].sum() == sum(int(row["Shares"]) for row in expected)


def test_times_are_converted_from_the_stated_zone_to_utc():
    first = rows()[0]
    stamp = datetime.strptime(first["Post Created"].removesuffix(" EST"), "%Y-%m-%d %H:%M:%S")
    expected = stamp.replace(tzinfo=EST).astimezone(UTC)
    loaded = read_crowdtangle_csv(SAMPLE).frame
    assert loaded.loc[0, "created_at"] == pd.Timestamp(expected)
    assert str(loaded["created_at"].dt.tz) == "UTC"


def test_text_keeps_commas_and_line_breaks_and_unescapes_entities():
    expected = [html.unescape(row["Message"]).strip() for row in rows() if row["Message"].strip()]
    loaded = read_crowdtangle_csv(SAMPLE).frame
    assert loaded["text"].tolist() == expected
    assert loaded["text"].str.contains("\n").any()
    assert loaded["text"].str.contains(" & ").any()
    assert not loaded["text"].str.contains("&amp;").any()


def test_numeric_offsets_and_daylight_saving_abbreviations_are_read(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "A,a,2015-07-04 09:05:00 EDT,Status,1,0,0,one,u1\n"
        + "A,a,2015-07-04 9:05 +0200,Status,1,0,0,two,u2\n"
        + "A,a,2015-07-04T09:05:00Z,Status,1,0,0,three,u3\n",
    )
    times = read_crowdtangle_csv(path).frame["created_at"].dt.strftime("%H:%M").tolist()
    assert times == ["13:05", "07:05", "09:05"]


def test_a_repeated_url_names_both_lines(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "A,a,2015-01-04 09:05:00 EST,Status,1,0,0,one,https://example.org/1\n"
        + "A,a,2015-01-05 09:05:00 EST,Status,1,0,0,two,https://example.org/2\n"
        + "A,a,2015-01-06 09:05:00 EST,Status,1,0,0,three,https://example.org/1\n",
    )
    error = error_of(path)
    assert error.row == 4 and error.column == "URL"
    assert "line 2" in str(error) and "https://example.org/1" in str(error)


def test_a_time_without_a_zone_is_refused(tmp_path):
    path = write(tmp_path, HEADER + "A,a,2015-01-04 09:05:00,Status,1,0,0,one,u1\n")
    error = error_of(path)
    assert error.row == 2 and error.column == "Post Created" and "time zone" in str(error)


def test_an_ambiguous_zone_abbreviation_is_refused(tmp_path):
    path = write(tmp_path, HEADER + "A,a,2015-01-04 09:05:00 IST,Status,1,0,0,one,u1\n")
    error = error_of(path)
    assert error.row == 2 and "'IST'" in str(error)


def test_an_unreadable_time_is_refused(tmp_path):
    path = write(tmp_path, HEADER + "A,a,04/01/2015 09:05,Status,1,0,0,one,u1\n")
    assert error_of(path).row == 2


def test_a_negative_or_fractional_count_names_row_and_column(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "A,a,2015-01-04 09:05:00 EST,Status,1,0,0,one,u1\n"
        + "A,a,2015-01-04 10:05:00 EST,Status,-3,0,0,two,u2\n",
    )
    error = error_of(path)
    assert (error.row, error.column) == (3, "likes")
    path = write(tmp_path, HEADER + "A,a,2015-01-04 09:05:00 EST,Status,1,2.5,0,one,u1\n")
    assert error_of(path).column == "comments"


def test_a_missing_column_is_named(tmp_path):
    path = write(
        tmp_path,
        "Page Name,User Name,Post Created,Type,Likes,Comments,Message,URL\n"
        "A,a,2015-01-04 09:05:00 EST,Status,1,0,one,u1\n",
    )
    error = error_of(path)
    assert error.column == "Shares" and error.row == 1


def test_a_row_with_too_few_fields_is_named(tmp_path):
    path = write(tmp_path, HEADER + "A,a,2015-01-04 09:05:00 EST,Status,1,0,0,one\n")
    assert error_of(path).row == 2


def test_empty_and_header_only_files_are_refused(tmp_path):
    assert "empty" in str(error_of(write(tmp_path, "")))
    assert error_of(write(tmp_path, HEADER)).row == 2


def test_a_file_without_any_text_is_refused(tmp_path):
    path = write(tmp_path, HEADER + "A,a,2015-01-04 09:05:00 EST,Photo,1,0,0,,u1\n")
    error = error_of(path)
    assert error.column == "Message"


def test_a_missing_url_is_refused(tmp_path):
    path = write(tmp_path, HEADER + "A,a,2015-01-04 09:05:00 EST,Status,1,0,0,one,\n")
    error = error_of(path)
    assert (error.row, error.column) == (2, "url")


def test_user_name_may_be_empty(tmp_path):
    path = write(tmp_path, HEADER + "A,,2015-01-04 09:05:00 EST,Status,1,0,0,one,u1\n")
    assert read_crowdtangle_csv(path).frame["user_name"].isna().all()


def test_every_problem_of_the_file_is_reported_at_once_or_skipped(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "A,a,2015-01-04 09:05:00 EST,Status,1,0,0,one,u1\n"
        + "A,a,2015-01-04 09:05:00,Status,1,0,0,no zone,u2\n"
        + "A,a,2015-01-04 09:05:00 EST,Status,1,0,0,again,u1\n"
        + "A,a,2015-01-04 09:05:00 EST,Status,x,0,0,bad count,u4\n"
        + "A,a,2015-01-04 09:05:00 EST,Status,1,0\n"
        + "A,a,2015-01-04 09:05:00 EST,Photo,1,0,0,,u6\n"
        + "A,a,2015-01-04 09:05:00 EST,Status,1,0,0,fine,u7\n",
    )
    error = error_of(path)
    assert error.total == 4
    assert [(p.row, p.column) for p in error.problems] == [
        (3, "Post Created"), (4, "URL"), (5, "likes"), (6, "Shares")
    ]
    assert 'on_error="skip"' in str(error)
    loaded = read_crowdtangle_csv(path, on_error="skip")
    assert loaded.frame["url"].tolist() == ["u1", "u7"]
    assert loaded.lines == [2, 8]
    assert loaded.report.skipped["row"].tolist() == [3, 4, 5, 6]
    assert loaded.report.rows_read == 7 and loaded.report.rows_kept == 2


def test_a_post_created_in_the_future_is_refused(tmp_path):
    path = write(tmp_path, HEADER + "A,a,2099-01-04 09:05:00 EST,Status,1,0,0,one,u1\n")
    error = error_of(path)
    assert (error.row, error.column) == (2, "created_at")
    assert "after the data were collected" in str(error)
