"""Tests of govsocial.io on small hand-made files.

``tests/data`` holds fictional samples in the real formats (every tweet, account, agency and
place is invented):

- ``crisislex/``: two events in the CrisisLexT26 layout, keeping the real files' quirks (spaces
  before header names, quoted ids, HTML entities, commas, doubled quotes and a line break inside
  quoted texts, a 17-digit id among 18-digit ones, one tweet labelled in both events, a year
  written as a string and a day-first start day);
- ``tweets_v2_sample.jsonl``: Twitter API v2 responses as twarc2 writes them;
- ``usdr_agencies_sample.json``, ``usdr_accounts_sample.json``: U.S. Digital Registry records.

Malformed files are written in ``tmp_path`` inside the tests, so each test shows its input.
Expected counts are computed with the csv and json modules, never with the code under test.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from govsocial import io as gio
from govsocial.io import (
    CRISISLEX_LABELLED,
    TWEETS_V2,
    USDR_ACCOUNTS,
    USDR_AGENCIES,
    Loaded,
    data_dir,
    read_crisislex_events,
    read_crisislex_labelled,
    read_crisislex_t26,
    read_table,
    read_tweets_v2_jsonl,
    read_usdr_accounts,
    read_usdr_agencies,
    tweet_id_to_datetime,
)
from govsocial.io import core as io_core
from govsocial.schema import Column, Contract, DataError

DATA = Path(__file__).parent / "data"
CRISISLEX = DATA / "crisislex"
FLOODS = CRISISLEX / "2099_Sample_floods" / "2099_Sample_floods-tweets_labeled.csv"
HEATWAVE = CRISISLEX / "2098_Sample_heatwave" / "2098_Sample_heatwave-tweets_labeled.csv"
TWEETS = DATA / "tweets_v2_sample.jsonl"
AGENCIES = DATA / "usdr_agencies_sample.json"
ACCOUNTS = DATA / "usdr_accounts_sample.json"

HEADER = "Tweet ID, Tweet Text, Information Source, Information Type, Informativeness\n"
GOOD_ROW = '"1","Roads closed, stay home",Government,Caution and advice,Related and informative\n'


def csv_rows(path: Path) -> list[list[str]]:
    """Data rows of a CSV file, read with the standard library."""
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))[1:]


def write(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` byte for byte (no newline translation) and return the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def error_of(function, *args, **kwargs) -> DataError:
    with pytest.raises(DataError) as caught:
        function(*args, **kwargs)
    return caught.value


# --------------------------------------------------------------------------------------------
# CrisisLexT26: one labelled file
# --------------------------------------------------------------------------------------------


def test_labelled_file_loads_every_row_with_the_contract_columns_and_string_dtypes():
    loaded = read_crisislex_labelled(FLOODS)
    assert isinstance(loaded, Loaded)
    assert list(loaded.frame.columns) == CRISISLEX_LABELLED.names
    assert len(loaded.frame) == len(csv_rows(FLOODS)) == 8
    assert all(str(dtype) == "string" for dtype in loaded.frame.dtypes)
    assert loaded.report.rows_read == 8
    assert loaded.report.rows_dropped == 0
    assert loaded.report.source == str(FLOODS)


def test_labelled_file_headers_with_leading_spaces_are_recognised():
    with FLOODS.open(newline="", encoding="utf-8") as handle:
        raw_header = next(csv.reader(handle))
    assert raw_header[1] == " Tweet Text"  # the quirk is really in the sample
    assert read_crisislex_labelled(FLOODS).frame["text"].notna().all()


def test_labelled_file_event_comes_from_the_file_name():
    assert set(read_crisislex_labelled(FLOODS).frame["event"]) == {"2099_Sample_floods"}


def test_labelled_file_ids_stay_exact_strings_never_floats():
    ids = read_crisislex_labelled(FLOODS).frame["tweet_id"].tolist()
    assert ids[0] == "409000000000000001"
    assert ids[-1] == "88000000000000008"
    assert ids == [row[0] for row in csv_rows(FLOODS)]


def test_labelled_file_html_entities_are_unescaped():
    text = read_crisislex_labelled(FLOODS).frame["text"]
    assert text[0] == (
        "River levels rising at Example Bridge, avoid the area & follow @CoastalSafetyAgency "
        "for updates"
    )
    assert text[1] == "Sandbags available at Fictional Town Hall <9am-5pm>"
    assert not text.str.contains("&amp;|&lt;|&gt;").any()


def test_labelled_file_keeps_commas_doubled_quotes_and_line_breaks_inside_quoted_texts():
    text = read_crisislex_labelled(FLOODS).frame["text"]
    assert text[2] == 'Our street is flooded, "worst in years" says a neighbour'
    assert text[3] == "Evacuation centres open:\n- North Hall, Sampletown\n- South School"
    # the record after the three-line text is still read correctly
    assert text[4] == "Thinking of everyone in Sampletown tonight"


def test_labelled_file_carriage_returns_inside_texts_become_newlines(tmp_path):
    path = write(
        tmp_path,
        "x-tweets_labeled.csv",
        HEADER + '"1","Tsunami warning\rhttp://t.co/x",Media,Caution and advice,'
        "Related and informative\n",
    )
    assert read_crisislex_labelled(path).frame["text"][0] == "Tsunami warning\nhttp://t.co/x"


def test_labelled_file_label_values_match_the_csv(tmp_path):
    frame = read_crisislex_labelled(FLOODS).frame
    rows = csv_rows(FLOODS)
    assert frame["information_source"].tolist() == [row[2] for row in rows]
    assert frame["information_type"].tolist() == [row[3] for row in rows]
    assert frame["informativeness"].tolist() == [row[4] for row in rows]


def test_labelled_empty_file_raises(tmp_path):
    error = error_of(read_crisislex_labelled, write(tmp_path, "e-tweets_labeled.csv", ""))
    assert "empty" in str(error)
    assert error.file.endswith("e-tweets_labeled.csv")


def test_labelled_header_only_file_raises_at_row_2(tmp_path):
    error = error_of(read_crisislex_labelled, write(tmp_path, "h-tweets_labeled.csv", HEADER))
    assert error.row == 2
    assert "no data rows" in str(error)


def test_labelled_missing_column_raises_naming_it(tmp_path):
    path = write(
        tmp_path,
        "m-tweets_labeled.csv",
        "Tweet ID, Tweet Text, Information Source, Information Type\n"
        '"1","Roads closed",Government,Caution and advice\n',
    )
    error = error_of(read_crisislex_labelled, path)
    assert error.column == "Informativeness"
    assert error.row == 1
    assert "'Informativeness'" in str(error)


def test_labelled_bad_label_value_raises_naming_the_starting_line_of_the_record(tmp_path):
    path = write(
        tmp_path,
        "b-tweets_labeled.csv",
        HEADER
        + GOOD_ROW
        + '"2","Line one\nline two\nline three",Media,Caution and advice,Related and informative\n'
        + '"3","Shelter open",Goverment,Caution and advice,Related and informative\n',
    )
    # header = line 1, row "1" = line 2, row "2" = lines 3-5, row "3" starts on line 6
    error = error_of(read_crisislex_labelled, path)
    assert (error.row, error.column) == (6, "information_source")
    assert "found 'Goverment'" in str(error)
    assert "'Government'" in error.expected


def test_labelled_duplicate_tweet_id_raises_naming_the_second_row(tmp_path):
    path = write(
        tmp_path,
        "d-tweets_labeled.csv",
        HEADER + GOOD_ROW + GOOD_ROW.replace('"1"', '"2"') + GOOD_ROW,
    )
    error = error_of(read_crisislex_labelled, path)
    assert (error.row, error.column) == (4, "tweet_id")
    assert "line 2" in str(error)  # where it was first seen
    assert "'1'" in str(error)


def test_labelled_id_that_is_not_digits_raises(tmp_path):
    path = write(tmp_path, "i-tweets_labeled.csv", HEADER + GOOD_ROW.replace('"1"', '"1.2e17"'))
    error = error_of(read_crisislex_labelled, path)
    assert (error.row, error.column) == (2, "tweet_id")
    assert "'1.2e17'" in str(error)


def test_labelled_row_with_too_few_fields_raises_naming_the_first_missing_column(tmp_path):
    path = write(
        tmp_path,
        "f-tweets_labeled.csv",
        HEADER + GOOD_ROW + '"2","No labels here",Media\n',
    )
    error = error_of(read_crisislex_labelled, path)
    assert (error.row, error.column) == (3, "Information Type")
    assert "expected 5 fields" in str(error)
    assert "found 3 fields" in str(error)


def test_labelled_unbalanced_quote_raises_at_the_record_start(tmp_path):
    path = write(
        tmp_path,
        "q-tweets_labeled.csv",
        HEADER + GOOD_ROW + '"2","Never closed,Media,Caution and advice,Related and informative\n',
    )
    error = error_of(read_crisislex_labelled, path)
    assert error.row == 3
    assert "quote" in str(error)


def test_labelled_file_that_is_not_utf8_raises(tmp_path):
    path = tmp_path / "l-tweets_labeled.csv"
    path.write_bytes((HEADER + GOOD_ROW.replace("closed", "ferm\u00e9")).encode("latin-1"))
    error = error_of(read_crisislex_labelled, path)
    assert error.row == 2
    assert "UTF-8" in str(error)


def test_labelled_every_problem_of_the_file_is_reported_at_once(tmp_path):
    path = write(
        tmp_path,
        "p-tweets_labeled.csv",
        HEADER
        + GOOD_ROW
        + GOOD_ROW.replace('"1"', '"12a"')
        + GOOD_ROW.replace("Government", "Goverment").replace('"1"', '"3"')
        + GOOD_ROW
        + '"5","No labels here",Media\n'
        + GOOD_ROW.replace('"1"', '"6"'),
    )
    error = error_of(read_crisislex_labelled, path)
    assert error.total == 4
    assert [(p.row, p.column) for p in error.problems] == [
        (3, "tweet_id"), (4, "information_source"), (5, "tweet_id"), (6, "Information Type")
    ]
    assert 'on_error="skip"' in str(error)
    loaded = read_crisislex_labelled(path, on_error="skip")
    assert loaded.frame["tweet_id"].tolist() == ["1", "6"]
    assert loaded.lines == [2, 7]
    assert loaded.report.skipped["row"].tolist() == [3, 4, 5, 6]
    assert (loaded.report.rows_read, loaded.report.rows_kept) == (6, 2)


# --------------------------------------------------------------------------------------------
# CrisisLexT26: the whole collection
# --------------------------------------------------------------------------------------------


def test_t26_reads_every_file_and_counts_every_row():
    loaded = read_crisislex_t26(CRISISLEX)
    expected = len(csv_rows(FLOODS)) + len(csv_rows(HEATWAVE))
    assert len(loaded.frame) == expected == 12
    assert loaded.report.rows_read == expected
    assert loaded.report.rows_kept == expected
    assert sorted(loaded.frame["event"].unique()) == ["2098_Sample_heatwave", "2099_Sample_floods"]


def test_t26_allows_the_same_tweet_labelled_in_two_events():
    frame = read_crisislex_t26(CRISISLEX).frame
    shared = frame[frame["tweet_id"] == "409000000000000001"]
    assert sorted(shared["event"]) == ["2098_Sample_heatwave", "2099_Sample_floods"]


def test_t26_is_sorted_by_event_then_numeric_tweet_id():
    frame = read_crisislex_t26(CRISISLEX).frame
    keys = list(zip(frame["event"], frame["tweet_id"].map(int), strict=True))
    assert keys == sorted(keys)
    # the 17-digit id comes first in its event although "8..." > "4..." as text
    floods = frame[frame["event"] == "2099_Sample_floods"]
    assert floods["tweet_id"].iloc[0] == "88000000000000008"
    assert frame.index.tolist() == list(range(len(frame)))


def test_t26_information_source_filter_keeps_matching_rows_and_reports_the_rest():
    rows = csv_rows(FLOODS) + csv_rows(HEATWAVE)
    government = sum(row[2] == "Government" for row in rows)
    loaded = read_crisislex_t26(CRISISLEX, information_source="Government")
    assert len(loaded.frame) == government == 4
    assert set(loaded.frame["information_source"]) == {"Government"}
    assert loaded.report.rows_read == len(rows)
    assert loaded.report.dropped == {"information source is not 'Government'": len(rows) - 4}
    assert "information source is not 'Government': 8" in str(loaded.report)


def test_t26_unknown_information_source_raises_listing_the_known_ones():
    error = error_of(read_crisislex_t26, CRISISLEX, information_source="government")
    assert "found 'government'" in str(error)
    assert "'Government'" in str(error)


def test_t26_folder_without_labelled_files_raises(tmp_path):
    error = error_of(read_crisislex_t26, tmp_path)
    assert "no CrisisLexT26 labelled files" in str(error)


def test_t26_error_in_one_file_names_that_file(tmp_path):
    write(tmp_path, "2001_A/2001_A-tweets_labeled.csv", HEADER + GOOD_ROW)
    bad = write(tmp_path, "2002_B/2002_B-tweets_labeled.csv", HEADER + GOOD_ROW + GOOD_ROW)
    error = error_of(read_crisislex_t26, tmp_path)
    assert error.file == str(bad)
    assert (error.row, error.column) == (3, "tweet_id")


def test_t26_problems_of_every_file_are_reported_together_or_skipped(tmp_path):
    first = write(tmp_path, "2001_A/2001_A-tweets_labeled.csv", HEADER + GOOD_ROW + GOOD_ROW)
    second = write(tmp_path, "2002_B/2002_B-tweets_labeled.csv",
                   HEADER + GOOD_ROW.replace('"1"', '"x"') + GOOD_ROW.replace('"1"', '"2"'))
    error = error_of(read_crisislex_t26, tmp_path)
    assert [(p.file, p.row) for p in error.problems] == [(str(first), 3), (str(second), 2)]
    loaded = read_crisislex_t26(tmp_path, on_error="skip")
    assert loaded.frame["tweet_id"].tolist() == ["1", "2"]
    assert loaded.report.skipped["file"].tolist() == [str(first), str(second)]
    assert loaded.report.rows_dropped == 2 and loaded.report.rows_read == 4


# --------------------------------------------------------------------------------------------
# CrisisLexT26: event descriptions
# --------------------------------------------------------------------------------------------


def test_events_one_row_per_event_with_typed_columns():
    events = read_crisislex_events(CRISISLEX)
    assert events["event"].tolist() == ["2098_Sample_heatwave", "2099_Sample_floods"]
    assert events["year"].tolist() == [2098, 2099]  # "2098" is a string in its file
    assert events["year"].dtype == "int64"
    assert events["duration_days"].tolist() == [9, 12]
    assert events["country"].tolist() == ["Fictionland", "Fictionland"]
    assert events["type"].tolist() == ["Heatwave", "Floods"]
    assert list(events.columns) == gio.CRISISLEX_EVENTS.names


def test_events_start_day_accepts_iso_and_day_first_dates():
    start = read_crisislex_events(CRISISLEX)["start_day"]
    assert start.tolist() == [pd.Timestamp("2014-06-17"), pd.Timestamp("2015-03-04")]
    assert start.dt.tz is None


def test_events_keywords_count_matches_the_json_lists():
    expected = []
    for event in ("2098_Sample_heatwave", "2099_Sample_floods"):
        path = CRISISLEX / event / f"{event}-event_description.json"
        expected.append(len(json.loads(path.read_text(encoding="utf-8"))["keywords"]))
    assert read_crisislex_events(CRISISLEX)["keywords_count"].tolist() == expected


def test_events_malformed_json_raises_naming_the_file_and_line(tmp_path):
    path = write(tmp_path, "2001_A/2001_A-event_description.json", '{"name": "A",\n"time": }\n')
    error = error_of(read_crisislex_events, tmp_path)
    assert error.file == str(path)
    assert error.row == 2
    assert "not valid JSON" in str(error)


def test_events_missing_field_raises_naming_it(tmp_path):
    description = json.loads(
        (CRISISLEX / "2099_Sample_floods" / "2099_Sample_floods-event_description.json").read_text()
    )
    del description["time"]["start_day"]
    write(tmp_path, "2001_A/2001_A-event_description.json", json.dumps(description))
    error = error_of(read_crisislex_events, tmp_path)
    assert error.column == "time.start_day"


def test_events_unreadable_date_raises(tmp_path):
    description = json.loads(
        (CRISISLEX / "2099_Sample_floods" / "2099_Sample_floods-event_description.json").read_text()
    )
    description["time"]["start_day"] = "March 4th"
    write(tmp_path, "2001_A/2001_A-event_description.json", json.dumps(description))
    error = error_of(read_crisislex_events, tmp_path)
    assert error.column == "time.start_day"
    assert "found 'March 4th'" in str(error)


def test_events_problems_of_every_description_are_reported_together(tmp_path):
    source = CRISISLEX / "2099_Sample_floods" / "2099_Sample_floods-event_description.json"
    description = json.loads(source.read_text())
    write(tmp_path, "2001_A/2001_A-event_description.json", json.dumps(description))
    description["time"]["duration"] = "12"  # a JSON string where a number belongs
    write(tmp_path, "2002_B/2002_B-event_description.json", json.dumps(description))
    write(tmp_path, "2003_C/2003_C-event_description.json", "[1, 2]")
    error = error_of(read_crisislex_events, tmp_path)
    assert error.total == 2
    assert [p.column for p in error.problems] == ["duration_days", None]
    events = read_crisislex_events(tmp_path, on_error="skip")
    assert events["event"].tolist() == ["2001_A"]
    assert len(events.attrs["skipped"]) == 2


# --------------------------------------------------------------------------------------------
# Twitter API v2, JSON lines
# --------------------------------------------------------------------------------------------


def sample_lines() -> list[str]:
    return TWEETS.read_text(encoding="utf-8").split("\n")


def tweet(**changes) -> dict:
    """A valid v2 tweet object, with ``changes`` applied (None removes a field)."""
    base = {
        "id": "10",
        "author_id": "7",
        "created_at": "2015-01-01T08:00:00.000Z",
        "text": "Stay safe",
        "public_metrics": {"retweet_count": 0, "reply_count": 0, "like_count": 1, "quote_count": 0},
    }
    base.update(changes)
    return {key: value for key, value in base.items() if value is not None}


def jsonl(tmp_path: Path, *lines: object) -> Path:
    text = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    return write(tmp_path, "tweets.jsonl", text + "\n")


def test_tweets_load_with_contract_columns_and_dtypes():
    frame = read_tweets_v2_jsonl(TWEETS).frame
    assert list(frame.columns) == TWEETS_V2.names
    expected_ids = []
    for line in sample_lines():
        if line.strip():
            data = json.loads(line).get("data", [])
            expected_ids += [t["id"] for t in (data if isinstance(data, list) else [data])]
    assert frame["tweet_id"].tolist() == expected_ids
    assert str(frame["tweet_id"].dtype) == "string"
    assert str(frame["created_at"].dtype).endswith("UTC]")
    for name in ("retweet_count", "reply_count", "like_count", "quote_count"):
        assert frame[name].dtype == "Int64", name  # missing without public_metrics
    assert frame["mention_count"].dtype == "int64"
    for name in ("is_retweet", "is_reply", "is_quote"):
        assert frame[name].dtype == "bool", name


def test_tweets_report_counts_blank_lines_and_api_errors():
    lines = sample_lines()[:-1]  # the file ends with a newline
    blank = sum(not line.strip() for line in lines)
    errors = sum(
        error.get("parameter") == "ids"
        for line in lines
        if line.strip()
        for error in json.loads(line).get("errors", [])
    )
    assert (blank, errors) == (1, 1)
    report = read_tweets_v2_jsonl(TWEETS).report
    assert report.dropped == {
        "API returned an error instead of the tweet (deleted or protected)": errors,
        "blank line": blank,
    }
    assert report.rows_kept == 4
    assert report.rows_read == 4 + errors + blank


def test_tweets_errors_about_expansions_are_not_counted_as_dropped_tweets(tmp_path):
    path = jsonl(
        tmp_path,
        {
            "data": [tweet()],
            "errors": [
                {
                    "resource_type": "tweet",
                    "parameter": "referenced_tweets.id",
                    "value": "9",
                    "section": "includes",
                    "title": "Not Found Error",
                },
                {
                    "resource_type": "user",
                    "parameter": "entities.mentions.username",
                    "value": "gone",
                    "title": "Not Found Error",
                },
            ],
        },
    )
    assert read_tweets_v2_jsonl(path).report.rows_dropped == 0


def test_tweets_username_is_joined_from_includes_and_from_other_lines():
    frame = read_tweets_v2_jsonl(TWEETS).frame.set_index("tweet_id")
    assert frame.loc["1900000000000000001", "username"] == "CoastalSafetyAgency"
    assert frame.loc["1900000000000000002", "username"] == "InlandHealthOffice"
    # lines 3 and 4 have no includes: the users seen on line 1 are used
    assert frame.loc["1900000000000000003", "username"] == "CoastalSafetyAgency"
    assert frame.loc["1900000000000000004", "username"] == "InlandHealthOffice"


def test_tweets_username_is_missing_when_never_included(tmp_path):
    frame = read_tweets_v2_jsonl(jsonl(tmp_path, {"data": [tweet()]})).frame
    assert frame["username"].isna().all()


def test_tweets_reference_flags_and_ids():
    frame = read_tweets_v2_jsonl(TWEETS).frame
    assert frame["is_retweet"].tolist() == [False, True, False, False]
    assert frame["is_reply"].tolist() == [False, False, True, False]
    assert frame["is_quote"].tolist() == [False, False, False, True]
    assert frame["referenced_id"].tolist()[1:] == [
        "1900000000000000001",
        "1900000000000000009",
        "1900000000000000001",
    ]
    assert pd.isna(frame["referenced_id"][0])
    assert frame["in_reply_to_user_id"][2] == "1002"
    assert frame["in_reply_to_user_id"].isna().sum() == 3


def test_tweets_values_by_hand():
    frame = read_tweets_v2_jsonl(TWEETS).frame
    first = frame.iloc[0]
    assert first["text"] == (
        "Flood warning for Example River: move to higher ground & follow @InlandHealthOffice "
        "for shelter info"
    )
    assert first["created_at"] == pd.Timestamp("2015-03-04 08:15:00", tz="UTC")
    assert (first["retweet_count"], first["reply_count"], first["like_count"]) == (12, 3, 40)
    assert frame["mention_count"].tolist() == [1, 2, 1, 2]
    assert pd.isna(frame["lang"][3])  # lang is optional
    # "+00:00" offsets are read as UTC too
    assert frame["created_at"][3] == pd.Timestamp("2015-03-04 10:30:00", tz="UTC")


def test_tweets_broken_json_line_raises_with_its_line_number(tmp_path):
    path = jsonl(tmp_path, {"data": [tweet()]}, "", '{"data": [{"id": "11",', {"data": []})
    error = error_of(read_tweets_v2_jsonl, path)
    assert error.row == 3
    assert "not valid JSON" in str(error)


def test_tweets_line_without_data_raises(tmp_path):
    path = jsonl(tmp_path, {"data": [tweet()]}, {"meta": {"result_count": 3}})
    error = error_of(read_tweets_v2_jsonl, path)
    assert (error.row, error.column) == (2, "data")
    assert "found keys ['meta']" in str(error)


def test_tweets_empty_page_of_a_search_is_accepted(tmp_path):
    path = jsonl(tmp_path, {"data": [tweet()]}, {"meta": {"result_count": 0}})
    report = read_tweets_v2_jsonl(path).report
    assert (report.rows_read, report.rows_kept, report.rows_dropped) == (1, 1, 0)


def test_tweets_line_with_only_errors_is_a_page_of_missing_tweets(tmp_path):
    error = {"resource_type": "tweet", "parameter": "ids", "value": "99", "title": "Not Found"}
    path = jsonl(tmp_path, {"data": [tweet()]}, {"errors": [error, error | {"value": "98"}]})
    report = read_tweets_v2_jsonl(path).report
    assert report.rows_kept == 1
    assert report.rows_dropped == 2


def test_tweets_missing_required_field_raises_naming_line_and_field(tmp_path):
    metrics = {"retweet_count": 0, "reply_count": 0, "quote_count": 0}
    path = jsonl(tmp_path, {"data": [tweet()]}, {"data": [tweet(id="11", public_metrics=metrics)]})
    error = error_of(read_tweets_v2_jsonl, path)
    assert (error.row, error.column) == (2, "public_metrics.like_count")


def test_tweets_without_public_metrics_are_read_with_missing_counts_and_counted(tmp_path):
    # public_metrics is only in a response when tweet.fields asked for it
    path = jsonl(tmp_path, {"data": [tweet(public_metrics=None), tweet(id="11")]})
    loaded = read_tweets_v2_jsonl(path)
    counts = loaded.frame[["retweet_count", "reply_count", "like_count", "quote_count"]]
    assert counts.iloc[0].isna().all()
    assert counts.iloc[1].tolist() == [0, 0, 1, 0]
    assert loaded.report.without_metrics == 1
    assert loaded.report.rows_kept == 2
    assert "1 tweets without public_metrics" in str(loaded.report)


def test_tweets_wrong_type_raises_naming_line_and_column(tmp_path):
    metrics = {"retweet_count": "many", "reply_count": 0, "like_count": 1, "quote_count": 0}
    path = jsonl(
        tmp_path, {"data": [tweet()]}, "", {"data": [tweet(id="11", public_metrics=metrics)]}
    )
    error = error_of(read_tweets_v2_jsonl, path)
    assert (error.row, error.column) == (3, "retweet_count")
    assert "found 'many'" in str(error)


def test_tweets_negative_count_raises(tmp_path):
    metrics = {"retweet_count": 0, "reply_count": 0, "like_count": -1, "quote_count": 0}
    error = error_of(
        read_tweets_v2_jsonl, jsonl(tmp_path, {"data": [tweet(public_metrics=metrics)]})
    )
    assert (error.row, error.column) == (1, "like_count")


def test_tweets_bad_created_at_raises(tmp_path):
    path = jsonl(tmp_path, {"data": [tweet(created_at="last Tuesday")]})
    error = error_of(read_tweets_v2_jsonl, path)
    assert (error.row, error.column) == (1, "created_at")


def test_tweets_id_that_is_not_digits_raises(tmp_path):
    error = error_of(read_tweets_v2_jsonl, jsonl(tmp_path, {"data": [tweet(id=1.5e18)]}))
    assert (error.row, error.column) == (1, "tweet_id")


def test_tweets_same_id_on_two_lines_keeps_the_later_copy_and_reports_it(tmp_path):
    path = jsonl(
        tmp_path,
        {"data": [tweet(), tweet(id="11")]},
        "",
        {"data": [tweet(id="11", text="later copy")]},
    )
    loaded = read_tweets_v2_jsonl(path)
    assert loaded.frame["tweet_id"].tolist() == ["10", "11"]
    assert loaded.frame.set_index("tweet_id").loc["11", "text"] == "later copy"
    assert loaded.report.dropped[
        "same tweet id on an earlier line (the later line's copy is kept)"
    ] == 1
    assert loaded.report.rows_kept == 2


def test_tweets_same_id_twice_on_one_line_raises_naming_the_line(tmp_path):
    path = jsonl(tmp_path, {"data": [tweet()]}, {"data": [tweet(id="11"), tweet(id="11")]})
    error = error_of(read_tweets_v2_jsonl, path)
    assert (error.row, error.column) == (2, "tweet_id")


def test_tweets_truncated_line_names_the_problem_once(tmp_path):
    path = write(tmp_path, "cut.jsonl", '{"data": [{"id": "1", "text": "a\tb\n')
    assert " at at " not in str(error_of(read_tweets_v2_jsonl, path))


def test_tweets_unknown_reference_type_raises(tmp_path):
    path = jsonl(tmp_path, {"data": [tweet(referenced_tweets=[{"type": "liked", "id": "3"}])]})
    error = error_of(read_tweets_v2_jsonl, path)
    assert (error.row, error.column) == (1, "referenced_tweets.type")


def test_tweets_empty_file_raises(tmp_path):
    error = error_of(read_tweets_v2_jsonl, write(tmp_path, "empty.jsonl", ""))
    assert "empty" in str(error)


def test_tweets_file_of_blank_lines_raises(tmp_path):
    error = error_of(read_tweets_v2_jsonl, write(tmp_path, "blank.jsonl", "\n  \n\n"))
    assert "only blank lines" in str(error)


def metrics(**counts) -> dict:
    """public_metrics with the four counts, ``counts`` applied."""
    return {"retweet_count": 0, "reply_count": 0, "like_count": 1, "quote_count": 0} | counts


def test_tweets_every_problem_of_the_file_is_reported_at_once(tmp_path):
    path = jsonl(
        tmp_path,
        {"data": [tweet(), tweet(id="11", public_metrics=metrics(like_count=-1))]},
        {"data": [tweet(id="12", created_at=None)]},
        '["not", "a", "response"]',
        {"data": [tweet(id="13")]},
    )
    error = error_of(read_tweets_v2_jsonl, path)
    assert error.total == 3
    assert [(p.row, p.column) for p in error.problems] == [
        (1, "like_count"), (2, "created_at"), (3, None)
    ]
    assert 'on_error="skip"' in str(error)


def test_tweets_a_problem_in_a_page_of_many_tweets_names_line_and_tweet_id(tmp_path):
    page = [tweet(id=str(n)) for n in range(100, 110)]
    page[6] = tweet(id="106", public_metrics=metrics(retweet_count="12"))
    page[8] = tweet(id="108", referenced_tweets=[{"type": "liked", "id": "3"}])
    error = error_of(read_tweets_v2_jsonl, jsonl(tmp_path, {"data": [tweet()]}, {"data": page}))
    assert [p.row for p in error.problems] == [2, 2]
    text = str(error)
    assert "tweet 106" in text and "'12'" in text
    assert "tweet 108" in text and "'liked'" in text


def test_tweets_skip_keeps_the_good_tweets_and_lists_the_others(tmp_path):
    path = jsonl(
        tmp_path,
        {"data": [tweet(), tweet(id="11", public_metrics=metrics(like_count=True))]},
        "",
        {"data": [tweet(id="12", text=None)]},
        {"data": [tweet(id="13")]},
    )
    loaded = read_tweets_v2_jsonl(path, on_error="skip")
    assert loaded.frame["tweet_id"].tolist() == ["10", "13"]
    skipped = loaded.report.skipped
    assert skipped[["row", "column"]].values.tolist() == [[1, "like_count"], [3, "text"]]
    assert loaded.report.dropped["rows with problems, skipped"] == 2
    assert loaded.report.dropped["blank line"] == 1
    assert loaded.report.rows_read == 5 and loaded.report.rows_kept == 2


@pytest.mark.parametrize(
    ("changes", "column"),
    [
        ({"public_metrics": metrics(like_count="12")}, "like_count"),  # a JSON string
        ({"public_metrics": metrics(reply_count=True)}, "reply_count"),  # a boolean
        ({"public_metrics": metrics(quote_count=1.5)}, "quote_count"),
        ({"id": 1.2e18}, "tweet_id"),  # a float loses an id's last digits
        ({"id": 1200000000000000000}, "tweet_id"),  # v2 writes ids as strings
        ({"id": "\u0661\u0662\u0663"}, "tweet_id"),  # Arabic-Indic digits
        ({"id": "1" * 30}, "tweet_id"),  # longer than any 64-bit id
        ({"author_id": "7a"}, "author_id"),
        ({"created_at": 1614592800}, "created_at"),  # a number is not a date
        ({"created_at": "4 March"}, "created_at"),
        ({"lang": 7}, "lang"),
        ({"referenced_tweets": [{"type": "quoted", "id": 9}]}, "referenced_id"),
    ],
)
def test_tweets_values_of_the_wrong_json_type_or_form_are_located_problems(
    tmp_path, changes, column
):
    error = error_of(read_tweets_v2_jsonl, jsonl(tmp_path, {"data": [tweet(**changes)]}))
    assert (error.row, error.column) == (1, column)


def test_tweets_created_after_the_collection_are_problems(tmp_path):
    twarc = {"retrieved_at": "2015-01-02T00:00:00+00:00", "version": "2.14.0"}
    late = tweet(id="11", created_at="2015-01-03T00:00:00.000Z")
    path = jsonl(tmp_path, {"data": [tweet(), late], "__twarc": twarc})
    error = error_of(read_tweets_v2_jsonl, path)
    assert (error.row, error.column) == (1, "created_at")
    assert "after the data were collected" in str(error) and "2015-01-02" in str(error)
    # without __twarc the limit is now
    future = tweet(created_at="2099-01-01T00:00:00.000Z")
    error = error_of(read_tweets_v2_jsonl, jsonl(tmp_path, {"data": [future]}))
    assert error.column == "created_at"


def test_tweets_errors_about_referenced_tweets_are_listed_apart_from_dropped_tweets(tmp_path):
    requested = {"resource_type": "tweet", "parameter": "ids", "value": "99",
                 "title": "Not Found Error"}
    referenced = {"resource_type": "tweet", "parameter": "referenced_tweets.id",
                  "value": "9", "title": "Not Found Error"}  # no 'section' field
    vague = {"title": "Authorization Error", "value": "8"}  # says nothing of a request
    path = jsonl(tmp_path, {"data": [tweet()], "errors": [requested, referenced, vague]})
    report = read_tweets_v2_jsonl(path).report
    assert report.rows_dropped == 1
    assert report.api_errors["value"].tolist() == ["99", "9", "8"]
    assert report.api_errors["requested"].tolist() == [True, False, False]
    assert report.other_api_errors == 2
    assert "2 API errors about tweets or users not requested" in str(report)


def test_tweets_a_file_of_one_empty_search_page_and_tweets_is_read(tmp_path):
    path = jsonl(tmp_path, {"meta": {"result_count": 0}}, {"data": [tweet()]})
    assert read_tweets_v2_jsonl(path).frame["tweet_id"].tolist() == ["10"]


def test_tweets_same_id_on_two_pages_keeps_the_later_metrics_with_skip_too(tmp_path):
    path = jsonl(
        tmp_path,
        {"data": [tweet(public_metrics=metrics(like_count=1))]},
        {"data": [tweet(public_metrics=metrics(like_count=7))]},
    )
    loaded = read_tweets_v2_jsonl(path, on_error="skip")
    assert loaded.frame["like_count"].tolist() == [7]
    assert loaded.report.skipped.empty
    assert loaded.report.dropped[
        "same tweet id on an earlier line (the later line's copy is kept)"
    ] == 1


@pytest.mark.parametrize(
    "line",
    [
        {"data": [tweet()], "errors": {"value": "9"}},
        {"data": [tweet()], "includes": {"users": "everyone"}},
        {"data": ["a tweet as text"]},
        {"data": [tweet(public_metrics=[1, 2])]},
        {"data": [tweet(entities={"mentions": "@a"})]},
        {"data": [tweet(referenced_tweets=[{"type": "quoted"}])]},
        {"data": [tweet(id=["1"])]},
        {"data": [tweet(author_id={"id": "7"})]},
    ],
)
def test_tweets_odd_shapes_of_json_are_located_data_errors(tmp_path, line):
    path = jsonl(tmp_path, {"data": [tweet(id="1")]}, line)
    error = error_of(read_tweets_v2_jsonl, path)
    assert error.row == 2 and error.file == str(path)
    loaded = read_tweets_v2_jsonl(path, on_error="skip")
    assert loaded.frame["tweet_id"].tolist() == ["1"]
    assert loaded.report.skipped["row"].tolist() == [2]


# --------------------------------------------------------------------------------------------
# U.S. Digital Registry
# --------------------------------------------------------------------------------------------


def test_usdr_agencies_load_with_typed_columns():
    records = json.loads(AGENCIES.read_text(encoding="utf-8"))
    loaded = read_usdr_agencies(AGENCIES)
    frame = loaded.frame
    assert list(frame.columns) == USDR_AGENCIES.names
    assert len(frame) == len(records) == loaded.report.rows_read
    assert frame["agency_id"].tolist() == [r["id"] for r in records]
    assert frame["agency_id"].dtype == "int64"
    assert frame["social_media_count"].sum() == sum(r["social_media_count"] for r in records)
    assert frame["mobile_app_count"].tolist() == [0, 2, 1]
    assert pd.isna(frame["info_url"][0])
    assert frame["info_url"][1] == "https://example.org/csa"
    assert frame["agency"][2] == "Inland Health Office"  # trailing space removed


def test_usdr_agencies_negative_count_raises_naming_the_record(tmp_path):
    records = json.loads(AGENCIES.read_text(encoding="utf-8"))
    records[1]["social_media_count"] = -3
    error = error_of(read_usdr_agencies, write(tmp_path, "a.json", json.dumps(records)))
    assert (error.row, error.column) == (2, "social_media_count")


def test_usdr_agencies_record_missing_field_raises_naming_record_and_field(tmp_path):
    records = json.loads(AGENCIES.read_text(encoding="utf-8"))
    del records[2]["name"]
    error = error_of(read_usdr_agencies, write(tmp_path, "a.json", json.dumps(records)))
    assert (error.row, error.column) == (3, "name")
    assert "record 3" in str(error)


def test_usdr_accounts_load_with_joined_agencies_and_tags():
    records = json.loads(ACCOUNTS.read_text(encoding="utf-8"))
    frame = read_usdr_accounts(ACCOUNTS).frame
    assert list(frame.columns) == USDR_ACCOUNTS.names
    assert len(frame) == len(records)
    assert frame["account_id"].tolist() == [r["id"] for r in records]
    assert frame["platform"].tolist() == ["twitter", "facebook", "youtube"]
    assert frame["platform_name"].tolist() == ["Twitter", "Facebook", "YouTube"]
    assert frame["agencies"][0] == "Department of Samples; Coastal Safety Agency (CSA)"
    assert frame["agencies"][1] == "Inland Health Office"
    assert frame["tags"].tolist() == ["safety; floods", "", "video"]
    assert pd.isna(frame["account"][1])  # empty in the registry
    assert frame["language"][1] == "English"  # "English " in the file
    assert pd.isna(frame["language"][2])


def test_usdr_accounts_registered_at_comes_from_created_at_in_utc():
    frame = read_usdr_accounts(ACCOUNTS).frame
    assert frame["registered_at"][0] == pd.Timestamp("2014-05-31 18:50:14", tz="UTC")
    assert frame["updated_at"][0] == pd.Timestamp("2014-06-01 14:13:44", tz="UTC")
    assert "not when it was opened" in USDR_ACCOUNTS.describe().set_index("column").loc[
        "registered_at", "description"
    ].replace("NOT", "not")


def test_usdr_accounts_record_missing_field_raises_naming_record_and_field(tmp_path):
    records = json.loads(ACCOUNTS.read_text(encoding="utf-8"))
    del records[1]["service_key"]
    error = error_of(read_usdr_accounts, write(tmp_path, "a.json", json.dumps(records)))
    assert (error.row, error.column) == (2, "service_key")
    assert "record 2" in str(error)


def test_usdr_accounts_agency_without_name_raises(tmp_path):
    records = json.loads(ACCOUNTS.read_text(encoding="utf-8"))
    records[0]["agencies"] = [{"id": 1}]
    error = error_of(read_usdr_accounts, write(tmp_path, "a.json", json.dumps(records)))
    assert error.row == 1
    assert "name" in error.column


def test_usdr_accounts_duplicate_id_raises(tmp_path):
    records = json.loads(ACCOUNTS.read_text(encoding="utf-8"))
    records[2]["id"] = records[0]["id"]
    error = error_of(read_usdr_accounts, write(tmp_path, "a.json", json.dumps(records)))
    assert (error.row, error.column) == (3, "account_id")


def test_usdr_malformed_json_raises_with_line(tmp_path):
    path = write(tmp_path, "a.json", '[{"id": 1,\n "name": "A"\n')
    error = error_of(read_usdr_agencies, path)
    assert error.file == str(path)
    assert "not valid JSON" in str(error)
    assert error.row == 3


def test_usdr_file_that_is_not_an_array_raises(tmp_path):
    error = error_of(read_usdr_accounts, write(tmp_path, "a.json", '{"id": 1}'))
    assert "JSON array" in str(error)


def test_usdr_every_problem_of_the_file_is_reported_at_once_or_skipped(tmp_path):
    records = json.loads(AGENCIES.read_text(encoding="utf-8"))
    good = records[0]
    records = [
        good,
        good | {"id": 2, "social_media_count": "12"},  # a JSON string where a number belongs
        "not a record",
        good | {"id": True},  # a boolean is not an id
        {key: value for key, value in good.items() if key != "name"} | {"id": 5},
        good | {"id": 6, "mobile_app_count": 1.5},
        good | {"id": 7},
    ]
    path = write(tmp_path, "a.json", json.dumps(records))
    error = error_of(read_usdr_agencies, path)
    assert error.total == 5
    assert [(p.row, p.column) for p in error.problems] == [
        (2, "social_media_count"), (3, None), (4, "agency_id"), (5, "name"),
        (6, "mobile_app_count"),
    ]
    assert "column nan" not in str(error)
    loaded = read_usdr_agencies(path, on_error="skip")
    assert loaded.frame["agency_id"].tolist() == [good["id"], 7]
    assert loaded.report.skipped["row"].tolist() == [2, 3, 4, 5, 6]
    assert (loaded.report.rows_read, loaded.report.rows_kept) == (7, 2)


def test_usdr_accounts_dates_must_be_iso_text_and_not_in_the_future(tmp_path):
    records = json.loads(ACCOUNTS.read_text(encoding="utf-8"))
    records[0]["created_at"] = 1401562214  # a number is not a date
    records[1]["updated_at"] = "2099-01-01T00:00:00.000Z"
    records[2]["created_at"] = "31/05/2014"
    error = error_of(read_usdr_accounts, write(tmp_path, "a.json", json.dumps(records)))
    assert [(p.row, p.column) for p in error.problems] == [
        (1, "registered_at"), (2, "updated_at"), (3, "registered_at")
    ]


# --------------------------------------------------------------------------------------------
# read_table
# --------------------------------------------------------------------------------------------

FIGURES = Contract(
    "figures",
    (
        Column("country", "string", unique=True),
        Column("year", "int"),
        Column("share", "float", nullable=True, minimum=0),
        Column("note", "string", nullable=True),
    ),
)


def test_read_table_strips_header_spaces_reads_text_and_treats_empty_as_missing(tmp_path):
    path = write(
        tmp_path,
        "f.csv",
        " country , year, share, note, ignored\nNA,2020,0.5,NA,x\nFR,2021,,,y\n",
    )
    loaded = read_table(path, FIGURES)
    frame = loaded.frame
    assert list(frame.columns) == ["country", "year", "share", "note"]
    assert frame["country"].tolist() == ["NA", "FR"]  # Namibia, not a missing value
    assert frame["year"].tolist() == [2020, 2021]
    assert frame["note"][0] == "NA"
    assert pd.isna(frame["share"][1])
    assert pd.isna(frame["note"][1])
    assert loaded.report.rows_read == 2


def test_read_table_error_row_is_the_line_where_a_multiline_record_starts(tmp_path):
    path = write(
        tmp_path,
        "f.csv",
        'country,year,share,note\nNZ,2020,0.5,"two\nlines"\nFR,2021,-1,\n',
    )
    error = error_of(read_table, path, FIGURES)
    assert (error.row, error.column) == (4, "share")


def test_read_table_gives_the_line_where_each_row_starts(tmp_path):
    # header on line 1, a blank line 3, a record spanning lines 4-5, the last row on line 6
    path = write(
        tmp_path,
        "f.csv",
        'country,year,share,note\nNZ,2020,0.5,\n\nFR,2021,1,"two\nlines"\nDE,2022,,\n',
    )
    assert read_table(path, FIGURES).lines == [2, 4, 6]


def test_read_table_missing_column_raises_naming_it(tmp_path):
    error = error_of(read_table, write(tmp_path, "f.csv", "country,share\nNZ,1\n"), FIGURES)
    assert error.column == "year"


def test_read_table_wrong_type_raises(tmp_path):
    path = write(tmp_path, "f.csv", "country,year,share,note\nNZ,twenty,1,\n")
    error = error_of(read_table, path, FIGURES)
    assert (error.row, error.column) == (2, "year")
    assert "found 'twenty'" in str(error)


def test_read_table_too_many_fields_raises(tmp_path):
    path = write(tmp_path, "f.csv", "country,year,share,note\nNZ,2020,1,,extra\n")
    error = error_of(read_table, path, FIGURES)
    assert error.row == 2
    assert "found 5 fields" in str(error)


def test_read_table_repeated_header_raises(tmp_path):
    path = write(tmp_path, "f.csv", "country,year,year,share,note\nNZ,1,2,1,\n")
    error = error_of(read_table, path, FIGURES)
    assert (error.row, error.column) == (1, "year")


def test_read_table_skips_blank_lines_but_keeps_line_numbers(tmp_path):
    path = write(tmp_path, "f.csv", "country,year,share,note\n\nNZ,2020,1,\n\nFR,x,1,\n")
    error = error_of(read_table, path, FIGURES)
    assert (error.row, error.column) == (5, "year")


def test_read_table_header_only_and_empty_files_raise(tmp_path):
    assert error_of(read_table, write(tmp_path, "h.csv", "country,year\n"), FIGURES).row == 2
    assert "empty" in str(error_of(read_table, write(tmp_path, "e.csv", ""), FIGURES))


# --------------------------------------------------------------------------------------------
# data_dir
# --------------------------------------------------------------------------------------------


def test_data_dir_honours_the_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVSOCIAL_DATA", str(tmp_path))
    assert data_dir() == tmp_path


def test_data_dir_environment_variable_naming_a_missing_folder_raises(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVSOCIAL_DATA", str(tmp_path / "nowhere"))
    error = error_of(data_dir)
    assert "GOVSOCIAL_DATA" in str(error)


def test_data_dir_finds_the_book_data_folder_from_a_subdirectory(tmp_path, monkeypatch):
    monkeypatch.delenv("GOVSOCIAL_DATA", raising=False)
    (tmp_path / "_toc.yml").write_text("format: jb-book\n")
    (tmp_path / "data").mkdir()
    deep = tmp_path / "notebooks" / "chapter"
    deep.mkdir(parents=True)
    (deep / "data").mkdir()  # a data/ folder without _toc.yml is not the book's
    monkeypatch.chdir(deep)
    assert data_dir().resolve() == (tmp_path / "data").resolve()


def test_data_dir_without_any_data_folder_raises_explaining_the_variable(tmp_path, monkeypatch):
    monkeypatch.delenv("GOVSOCIAL_DATA", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(io_core, "_PACKAGE_DATA", tmp_path / "no-package-data")
    error = error_of(data_dir)
    assert "GOVSOCIAL_DATA" in str(error)


def test_data_dir_falls_back_to_the_folder_next_to_the_package(tmp_path, monkeypatch):
    monkeypatch.delenv("GOVSOCIAL_DATA", raising=False)
    monkeypatch.chdir(tmp_path)
    package_data = tmp_path / "site" / "data"
    package_data.mkdir(parents=True)
    monkeypatch.setattr(io_core, "_PACKAGE_DATA", package_data)
    assert data_dir() == package_data


# --- tweet IDs (Snowflake) -----------------------------------------------------------------------


def test_tweet_ids_decode_to_the_timestamps_twitter_reported():
    """CrisisLexT26 timelines list Twitter's own creation time beside each ID: they agree."""
    import csv as csv_module
    from datetime import datetime

    timeline = (
        Path(__file__).resolve().parents[1]
        / "data/crisislex/CrisisLexT26/2012_Colorado_wildfires"
        / "2012_Colorado_wildfires-tweetids_entire_period.csv"
    )
    with timeline.open(newline="", encoding="utf-8") as handle:
        rows = list(csv_module.DictReader(handle, skipinitialspace=True))[:500]
    reported = [datetime.strptime(row["Timestamp"], "%a %b %d %H:%M:%S %z %Y") for row in rows]
    decoded = tweet_id_to_datetime([row["Tweet-ID"] for row in rows])
    assert len(decoded) == 500
    # Twitter's reported time is whole seconds from a clock that may differ from the ID's
    # generator by a fraction of a second: allow up to one second either way.
    gaps = [
        abs((t.to_pydatetime() - r).total_seconds()) for t, r in zip(decoded, reported, strict=True)
    ]
    assert max(gaps) < 1.0


def test_tweet_id_decoding_by_hand():
    # (1 << 22) is one millisecond after the epoch; an ID of 1000 ms << 22 is one second after.
    decoded = tweet_id_to_datetime([str(1000 << 22), 1 << 22 | 5])
    assert decoded.iloc[0] == pd.Timestamp("2010-11-04T01:42:55.657Z")
    assert decoded.iloc[1] == pd.Timestamp("2010-11-04T01:42:54.658Z")


@pytest.mark.parametrize("bad", ["12a4", "1.5e18", "", "-5"])
def test_tweet_id_decoding_rejects_non_ids(bad):
    with pytest.raises(DataError, match="row 2"):
        tweet_id_to_datetime(["210980000776728576", bad])


def test_tweets_loaded_lines_name_the_line_of_each_kept_tweet(tmp_path) -> None:
    """Chapters name a tweet's line from Loaded.lines (fuzz finding F4): blank lines and
    skipped tweets must not shift them."""
    def page(tweet_id: str, likes: object) -> str:
        tweet = {
            "id": tweet_id, "author_id": "7", "created_at": "2019-03-04T08:00:00.000Z",
            "text": "hello", "public_metrics": {"retweet_count": 0, "reply_count": 0,
                                                "like_count": likes, "quote_count": 0},
        }
        return json.dumps({"data": [tweet], "includes": {"users": [{"id": "7",
                                                                     "username": "a"}]}})

    path = tmp_path / "tweets.jsonl"
    path.write_text("\n".join([page("1", 1), "", page("2", "many"), page("3", 2)]) + "\n")
    loaded = read_tweets_v2_jsonl(path, on_error="skip")
    assert loaded.frame["tweet_id"].tolist() == ["1", "3"]
    assert list(loaded.lines) == [1, 4]
