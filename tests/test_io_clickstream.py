"""Tests of the clickstream loaders in govsocial.io: clickstream CSV/Parquet, web access logs,
pseudonyms and the MSNBC sequences.

``tests/data/clickstream`` holds fictional samples (every address is from the ranges reserved
for documentation, every host name ends in ``.example``):

- ``clicks_good.csv`` and ``clicks_good.parquet``: the same 22 clicks of 4 users;
- ``clicks_bad_timestamp.csv`` (an hour 25 on line 4), ``clicks_missing_column.csv`` (``user``
  instead of ``user_id``), ``clicks_missing_page.csv`` (an empty page on line 3);
- ``access_good.log``: 11 lines in the Combined Log Format: 6 page views, and one each of a
  stylesheet, a robot, a POST, a 404 and a blank line; ``access_bad.log``: line 2 lacks the
  brackets around its time.

Expected values are counted with the csv module or by hand, never with the code under test.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from govsocial.io import (
    CLICKSTREAM,
    MSNBC_CATEGORIES,
    pseudonymise,
    read_access_log,
    read_clickstream,
    read_msnbc,
)
from govsocial.schema import DataError

SAMPLE = Path(__file__).parent / "data" / "clickstream"


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# --------------------------------------------------------------------------------------------
# Clickstream CSV and Parquet
# --------------------------------------------------------------------------------------------


def test_good_csv_loads_every_click_in_file_order() -> None:
    loaded = read_clickstream(SAMPLE / "clicks_good.csv")
    rows = csv_rows(SAMPLE / "clicks_good.csv")
    assert loaded.frame.columns.tolist() == CLICKSTREAM.names
    assert loaded.frame["user_id"].tolist() == [r["user_id"] for r in rows]
    assert loaded.frame["page"].tolist() == [r["page"] for r in rows]
    assert str(loaded.frame["timestamp"].dt.tz) == "UTC"
    assert loaded.frame["timestamp"].iloc[0] == pd.Timestamp("2019-03-04 08:00", tz="UTC")
    assert loaded.report.rows_read == loaded.report.rows_kept == len(rows) == 22


def test_parquet_sample_loads_the_same_clicks_as_the_csv() -> None:
    from_csv = read_clickstream(SAMPLE / "clicks_good.csv").frame
    from_parquet = read_clickstream(SAMPLE / "clicks_good.parquet").frame
    assert from_parquet["user_id"].tolist() == from_csv["user_id"].tolist()
    assert from_parquet["page"].tolist() == from_csv["page"].tolist()
    assert from_parquet["timestamp"].tolist() == from_csv["timestamp"].tolist()


def test_timestamps_with_offsets_are_converted_to_utc(tmp_path: Path) -> None:
    path = tmp_path / "clicks.csv"
    path.write_text("user_id,timestamp,page\na,2019-03-04T08:00:00+08:00,home\n"
                    "a,2019-03-04 00:00:30,fines\n")
    stamps = read_clickstream(path).frame["timestamp"].tolist()
    assert stamps == [pd.Timestamp("2019-03-04 00:00", tz="UTC"),
                      pd.Timestamp("2019-03-04 00:00:30", tz="UTC")]


@pytest.mark.parametrize(
    ("name", "row", "column", "message"),
    [
        ("clicks_bad_timestamp.csv", 4, "timestamp", "cannot be read as datetime"),
        ("clicks_missing_column.csv", 1, "user_id", "missing column"),
        ("clicks_missing_page.csv", 3, "page", "required value is missing"),
    ],
)
def test_malformed_csv_raises_a_data_error_naming_row_and_column(name, row, column, message):
    with pytest.raises(DataError, match=message) as caught:
        read_clickstream(SAMPLE / name)
    assert caught.value.row == row and caught.value.column == column


def test_parquet_without_a_column_or_with_bad_times_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "clicks.parquet"
    pd.DataFrame({"user": ["a"], "timestamp": ["2019-03-04"], "page": ["x"]}).to_parquet(path)
    with pytest.raises(DataError, match="missing column") as caught:
        read_clickstream(path)
    assert caught.value.column == "user_id"
    pd.DataFrame(
        {"user_id": [1, 2], "timestamp": ["2019-03-04", "soon"], "page": ["x", "y"]}
    ).to_parquet(path)
    with pytest.raises(DataError, match="datetime") as caught:
        read_clickstream(path)
    assert caught.value.row == 2
    path.write_text("not parquet")
    with pytest.raises(DataError, match="Parquet"):
        read_clickstream(path)


# --------------------------------------------------------------------------------------------
# Web server access logs
# --------------------------------------------------------------------------------------------


def test_access_log_keeps_page_views_and_counts_what_it_drops() -> None:
    loaded = read_access_log(SAMPLE / "access_good.log", salt="test-salt")
    frame = loaded.frame
    assert frame["page"].tolist() == [
        "/",
        "/menu/drivers",  # trailing slash removed
        "/services/fine-payment",  # query string removed
        "/services/licence-points",
        "/services/licence-points",  # 304 Not Modified is still a view
        "/services/fine-payment",
    ]
    assert frame["timestamp"].iloc[0] == pd.Timestamp("2019-03-04 00:00", tz="UTC")
    report = loaded.report
    assert report.rows_read == 11 and report.rows_kept == 6
    # blank line, POST, 404, stylesheet, robot: one each; no malformed request line
    assert sorted(report.dropped.values()) == [0, 1, 1, 1, 1, 1]
    assert report.dropped["blank line"] == 1


def test_access_log_users_are_keyed_hashes_of_address_and_browser() -> None:
    frame = read_access_log(SAMPLE / "access_good.log", salt="test-salt").frame
    assert frame["user_id"].nunique() == 2
    first = "203.0.113.7\x1fMozilla/5.0 (iPhone) MicroMessenger/8.0"
    expected = hmac.new(b"test-salt", first.encode(), hashlib.sha256).hexdigest()[:16]
    assert frame["user_id"].iloc[0] == expected
    text = frame.to_csv()
    assert "203.0.113" not in text and "198.51.100" not in text and "plate" not in text
    again = read_access_log(SAMPLE / "access_good.log", salt="test-salt").frame
    other = read_access_log(SAMPLE / "access_good.log", salt="another-salt").frame
    assert again["user_id"].tolist() == frame["user_id"].tolist()
    assert set(other["user_id"]).isdisjoint(frame["user_id"])


def test_common_log_format_without_browser_is_read(tmp_path: Path) -> None:
    path = tmp_path / "common.log"
    path.write_text(
        '192.0.2.1 - alice [04/Mar/2019:08:00:00 -0500] "GET /home HTTP/1.0" 200 2326\n'
        '192.0.2.1 - alice [04/Mar/2019:08:00:30 -0500] "GET /fines HTTP/1.0" 200 -\n'
    )
    frame = read_access_log(path, salt="s").frame
    assert frame["page"].tolist() == ["/home", "/fines"]
    assert frame["timestamp"].iloc[0] == pd.Timestamp("2019-03-04 13:00", tz="UTC")


def test_malformed_access_logs_raise_naming_the_line(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="Common or Combined") as caught:
        read_access_log(SAMPLE / "access_bad.log", salt="s")
    assert caught.value.row == 2
    path = tmp_path / "time.log"
    path.write_text(
        '192.0.2.1 - - [04/Mar/2019:08:00:00 +0000] "GET / HTTP/1.1" 200 1\n\n'
        '192.0.2.1 - - [31/Feb/2019:08:00:00 +0000] "GET / HTTP/1.1" 200 1\n'
    )
    with pytest.raises(DataError, match="time cannot be read") as caught:
        read_access_log(path, salt="s")
    assert caught.value.row == 3
    path.write_text('192.0.2.1 - - [04/Mar/2019:08:00:00 +0000] "GET /a.png HTTP/1.1" 200 1\n')
    with pytest.raises(DataError, match="no page views left"):
        read_access_log(path, salt="s")
    path.write_text("\n\n")
    with pytest.raises(DataError, match="no lines"):
        read_access_log(path, salt="s")


def test_a_salt_is_required() -> None:
    with pytest.raises(DataError, match="salt"):
        read_access_log(SAMPLE / "access_good.log", salt="")
    with pytest.raises(DataError, match="salt"):
        pseudonymise(["a"], salt=None)  # type: ignore[arg-type]


def test_pseudonymise_is_stable_and_salted() -> None:
    names = ["203.0.113.7", "203.0.113.8", "203.0.113.7"]
    first = pseudonymise(names, salt="one")
    assert first[0] == first[2] != first[1]
    assert first == pseudonymise(names, salt="one")
    assert set(first).isdisjoint(pseudonymise(names, salt="two"))
    assert first[0] == hmac.new(b"one", b"203.0.113.7", hashlib.sha256).hexdigest()[:16]


# --------------------------------------------------------------------------------------------
# MSNBC sequences
# --------------------------------------------------------------------------------------------

HEADER = (
    "% Different categories found in input file:\r\n\r\n"
    + " ".join(MSNBC_CATEGORIES)
    + "\r\n\r\n\r\n% Sequences:\r\n\r\n"
)


def write_seq(folder: Path, body: str, *, zipped: bool) -> Path:
    text = HEADER + body
    if not zipped:
        path = folder / "tiny.seq"
        path.write_bytes(text.encode("ascii"))
        return path
    path = folder / "tiny.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("tiny.seq", text)
        archive.writestr("__MACOSX/._tiny.seq", "resource fork")
    return path


@pytest.mark.parametrize("zipped", [False, True])
def test_msnbc_sequences_are_read_by_hand(tmp_path: Path, zipped: bool) -> None:
    path = write_seq(tmp_path, "1 1 \r\n2 \r\n3 17 12 \r\n6", zipped=zipped)
    frame = read_msnbc(path).frame
    assert frame["session_id"].tolist() == [1, 1, 2, 3, 3, 3, 4]
    assert frame["step"].tolist() == [0, 1, 0, 0, 1, 2, 0]
    assert frame["page"].astype(str).tolist() == [
        "frontpage", "frontpage", "news", "tech", "travel", "business", "on-air",
    ]


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("1 2\r\n3 x 4\r\n", 9, "something else"),
        ("1 2\r\n18\r\n", 9, "out of range"),
        ("1 2\r\n0 1\r\n", 9, "out of range"),
        ("1 2\r\n4 123\r\n", 9, "out of range"),
    ],
)
def test_malformed_msnbc_lines_are_named(tmp_path: Path, body, line, message) -> None:
    path = write_seq(tmp_path, body, zipped=False)
    with pytest.raises(DataError, match=message) as caught:
        read_msnbc(path)
    assert caught.value.row == line


def test_msnbc_file_without_header_or_marker_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.seq"
    path.write_text("1 2 3\n4 5\n")
    with pytest.raises(DataError, match="Sequences"):
        read_msnbc(path)
    path.write_text("% Different categories:\nfrontpage news\n% Sequences:\n1 2\n")
    with pytest.raises(DataError, match="17 MSNBC categories"):
        read_msnbc(path)


def test_access_log_line_with_a_form_feed_in_the_user_agent_stays_one_line(tmp_path) -> None:
    good = (SAMPLE / "access_good.log").read_text().splitlines()
    odd = good[0].replace("Mozilla/5.0", "Mozilla/5.0\x0c\u2028")
    path = tmp_path / "odd.log"
    path.write_text("\n".join([odd, *good[1:]]) + "\n")
    loaded = read_access_log(path, salt="s")
    reference = read_access_log(SAMPLE / "access_good.log", salt="s")
    assert loaded.report.rows_read == reference.report.rows_read
    assert len(loaded.frame) == len(reference.frame)


def test_every_problem_of_a_csv_clickstream_is_reported_at_once_or_skipped(tmp_path) -> None:
    path = tmp_path / "clicks.csv"
    path.write_text("user_id,timestamp,page\na,2019-03-04 08:00:00,home\n"
                    "a,4 March,fines\nb,2099-03-04 08:00:00,home\n,2019-03-04 08:00:00,x\n"
                    "c,2019-03-04 08:00:01,home\n")
    with pytest.raises(DataError, match='on_error="skip"') as caught:
        read_clickstream(path)
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (3, "timestamp"), (4, "timestamp"), (5, "user_id")
    ]
    loaded = read_clickstream(path, on_error="skip")
    assert loaded.frame["user_id"].tolist() == ["a", "c"]
    assert loaded.report.skipped["row"].tolist() == [3, 4, 5]


def test_parquet_integer_epochs_are_not_read_as_1970(tmp_path: Path) -> None:
    path = tmp_path / "clicks.parquet"
    pd.DataFrame(
        {"user_id": ["a", "b"], "timestamp": [1551686400, 1551686409], "page": ["x", "y"]}
    ).to_parquet(path)
    with pytest.raises(DataError, match="unit") as caught:
        read_clickstream(path)
    assert caught.value.total == 2 and caught.value.column == "timestamp"
    stamps = pd.to_datetime(["2019-03-04", "2099-03-04"]).as_unit("ms")
    pd.DataFrame({"user_id": ["a", "b"], "timestamp": stamps, "page": ["x", "y"]}).to_parquet(path)
    loaded = read_clickstream(path, on_error="skip")
    assert loaded.frame["user_id"].tolist() == ["a"]
    assert loaded.report.skipped["row"].tolist() == [2]


def test_every_bad_line_of_an_access_log_is_reported_at_once_or_skipped(tmp_path) -> None:
    good = '192.0.2.1 - - [04/Mar/2019:08:00:00 +0000] "GET /home HTTP/1.1" 200 1'
    path = tmp_path / "access.log"
    path.write_text("\n".join([
        good,
        "192.0.2.1 - - 04/Mar/2019:08:00:00 +0000 \"GET / HTTP/1.1\" 200 1",  # no brackets
        good.replace("04/Mar/2019", "31/Feb/2019"),
        good.replace("2019", "2099"),  # in the future
        good.replace("/home", "/fines"),
    ]) + "\n")
    with pytest.raises(DataError, match='on_error="skip"') as caught:
        read_access_log(path, salt="s")
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (2, None), (3, "time"), (4, "timestamp")
    ]
    assert "column nan" not in str(caught.value)
    loaded = read_access_log(path, salt="s", on_error="skip")
    assert loaded.frame["page"].tolist() == ["/home", "/fines"]
    assert loaded.report.skipped["row"].tolist() == [2, 3, 4]
    assert (loaded.report.rows_read, loaded.report.rows_kept) == (5, 2)


def test_every_malformed_msnbc_line_is_reported_at_once_or_skipped(tmp_path: Path) -> None:
    path = write_seq(tmp_path, "1 2\r\n3 x 4\r\n18\r\n5 6\r\n0 1 2\r\n7\r\n", zipped=False)
    with pytest.raises(DataError, match='on_error="skip"') as caught:
        read_msnbc(path)
    assert [p.row for p in caught.value.problems] == [9, 10, 12]
    loaded = read_msnbc(path, on_error="skip")
    assert loaded.frame["session_id"].tolist() == [1, 1, 4, 4, 6]
    assert loaded.report.skipped["row"].tolist() == [9, 10, 12]
    assert loaded.report.rows_read == 11 and loaded.report.rows_kept == 5
