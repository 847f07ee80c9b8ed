"""Tests of govsocial.schema: contracts, validate, DataError and LoadReport.

Every expectation is written out by hand.
"""

from __future__ import annotations

import pandas as pd
import pytest

from govsocial.schema import Column, Contract, DataError, LoadReport, validate

TOY = Contract(
    "toy table",
    (
        Column("id", "string", unique=True),
        Column("n", "int", minimum=0),
        Column("share", "float", nullable=True),
        Column("flag", "bool"),
        Column("when", "datetime"),
        Column("colour", "string", nullable=True, allowed=("red", "blue")),
    ),
    key=("id",),
)


def good_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "n": ["1", " 2 ", "30"],
            "share": ["0.5", "", "1e-2"],
            "flag": ["yes", "False", "1"],
            "when": ["2024-01-02T03:04:05Z", "2024-01-02", "2024-01-02T03:04:05+02:00"],
            "colour": ["red", "", "blue"],
            "extra": ["x", "y", "z"],
        }
    )


def raises(frame: pd.DataFrame, contract: Contract = TOY, **kwargs) -> DataError:
    with pytest.raises(DataError) as caught:
        validate(frame, contract, **kwargs)
    return caught.value


def test_validate_coerces_each_kind_and_keeps_only_contract_columns_in_order():
    out = validate(good_frame(), TOY)
    assert list(out.columns) == ["id", "n", "share", "flag", "when", "colour"]
    assert str(out["id"].dtype) == "string"
    assert out["n"].dtype == "int64"
    assert out["n"].tolist() == [1, 2, 30]
    assert out["share"].dtype == "float64"
    assert out["share"].iloc[0] == 0.5
    assert pd.isna(out["share"].iloc[1])
    assert out["share"].iloc[2] == 0.01
    assert out["flag"].dtype == "bool"
    assert out["flag"].tolist() == [True, False, True]
    assert str(out["when"].dt.tz) == "UTC"
    assert out["when"].iloc[0] == pd.Timestamp("2024-01-02 03:04:05", tz="UTC")
    assert out["when"].iloc[2] == pd.Timestamp("2024-01-02 01:04:05", tz="UTC")
    assert out["colour"].iloc[0] == "red"
    assert pd.isna(out["colour"].iloc[1])


def test_validate_returns_a_fresh_zero_based_index():
    frame = good_frame()
    frame.index = [10, 20, 30]
    assert validate(frame, TOY).index.tolist() == [0, 1, 2]


def test_nullable_int_column_becomes_Int64_with_missing_values():
    contract = Contract("c", (Column("n", "int", nullable=True),))
    out = validate(pd.DataFrame({"n": ["4", ""]}), contract)
    assert str(out["n"].dtype) == "Int64"
    assert out["n"].iloc[0] == 4
    assert out["n"].iloc[1] is pd.NA


def test_nullable_int_column_keeps_long_ids_exact():
    # Through float64 354439470801616898 would become 354439470801616896.
    contract = Contract("c", (Column("n", "int", nullable=True),))
    out = validate(pd.DataFrame({"n": ["354439470801616898", ""]}), contract)
    assert out["n"].iloc[0] == 354439470801616898


def test_nullable_bool_column_becomes_boolean():
    contract = Contract("c", (Column("b", "bool", nullable=True),))
    out = validate(pd.DataFrame({"b": ["true", ""]}), contract)
    assert str(out["b"].dtype) == "boolean"
    assert bool(out["b"].iloc[0]) is True
    assert out["b"].iloc[1] is pd.NA


def test_empty_frame_raises_naming_the_contract():
    error = raises(good_frame().iloc[0:0], file="toy.csv")
    assert error.file == "toy.csv"
    assert "toy table" in str(error)
    assert "expected at least one row" in str(error)
    assert "found 0 rows" in str(error)


def test_missing_column_raises_naming_it():
    error = raises(good_frame().drop(columns=["flag"]))
    assert error.column == "flag"
    assert "'flag'" in str(error)
    assert "expected columns" in str(error)
    assert "found columns" in str(error)


def test_unconvertible_value_raises_with_row_column_expected_and_found():
    frame = good_frame()
    frame.loc[1, "n"] = "two"
    error = raises(frame)
    assert (error.row, error.column) == (2, "n")
    assert str(error).splitlines()[0] == (
        "row 2, column 'n': value cannot be read as int (expected a whole number in digits 0-9, "
        "found 'two')"
    )


def test_fractional_value_in_int_column_is_unconvertible():
    frame = good_frame()
    frame.loc[0, "n"] = "1.5"
    error = raises(frame)
    assert (error.row, error.column, error.found) == (1, "n", "'1.5'")


def test_unparseable_date_raises():
    frame = good_frame()
    frame.loc[2, "when"] = "yesterday"
    error = raises(frame)
    assert (error.row, error.column) == (3, "when")
    assert "found 'yesterday'" in str(error)


def test_unknown_bool_word_raises():
    frame = good_frame()
    frame.loc[0, "flag"] = "maybe"
    error = raises(frame)
    assert (error.row, error.column) == (1, "flag")
    assert "expected true/false, yes/no or 1/0" in str(error)


def test_missing_required_value_raises():
    frame = good_frame()
    frame.loc[2, "id"] = "  "
    error = raises(frame)
    assert (error.row, error.column) == (3, "id")
    assert "required value is missing" in str(error)
    assert "expected a string value" in str(error)
    assert "found an empty cell" in str(error)


def test_value_not_allowed_raises_listing_the_allowed_values():
    frame = good_frame()
    frame.loc[2, "colour"] = "green"
    error = raises(frame)
    assert (error.row, error.column) == (3, "colour")
    assert "expected one of ['red', 'blue']" in str(error)
    assert "found 'green'" in str(error)


def test_value_below_minimum_raises_showing_the_number_plainly():
    frame = good_frame()
    frame.loc[1, "n"] = "-2"
    error = raises(frame)
    assert str(error).splitlines()[0] == (
        "row 2, column 'n': value below the minimum (expected >= 0, found -2)"
    )


def test_likert_answer_above_the_scale_raises_naming_row_and_column():
    contract = Contract("survey", (Column("q1", "int", minimum=1, maximum=5),))
    with pytest.raises(DataError) as caught:
        validate(pd.DataFrame({"q1": ["1", "5", "7"]}), contract, file="s.csv")
    assert str(caught.value).splitlines()[0] == (
        "s.csv, row 3, column 'q1': value above the maximum (expected <= 5, found 7)"
    )


def test_out_of_range_answer_in_a_column_with_blanks_is_shown_as_typed():
    contract = Contract("survey", (Column("q1", "int", nullable=True, minimum=1, maximum=5),))
    with pytest.raises(DataError) as caught:
        validate(pd.DataFrame({"q1": ["1", None, "7"]}), contract)
    assert str(caught.value).splitlines()[0].endswith("(expected <= 5, found 7)")


def test_unique_column_violated_raises_at_the_second_occurrence():
    frame = good_frame()
    frame.loc[2, "id"] = "a"
    error = raises(frame)
    assert (error.row, error.column) == (3, "id")
    assert "expected unique values" in str(error)
    assert "found 'a' again" in str(error)


def test_duplicate_key_raises_at_the_repeating_row():
    contract = Contract(
        "pairs",
        (Column("event", "string"), Column("tweet_id", "string")),
        key=("event", "tweet_id"),
    )
    frame = pd.DataFrame({"event": ["x", "y", "x"], "tweet_id": ["1", "1", "1"]})
    error = raises(frame, contract, file="pairs.csv")
    assert (error.file, error.row, error.column) == ("pairs.csv", 3, "event")
    assert "duplicate key" in str(error)
    assert "expected unique (event, tweet_id)" in str(error)
    assert "found event='x', tweet_id='1'" in str(error)


def test_same_id_in_two_events_is_not_a_duplicate_key():
    contract = Contract(
        "pairs",
        (Column("event", "string"), Column("tweet_id", "string")),
        key=("event", "tweet_id"),
    )
    frame = pd.DataFrame({"event": ["x", "y"], "tweet_id": ["1", "1"]})
    assert len(validate(frame, contract)) == 2


def test_row_numbers_are_used_in_messages():
    frame = good_frame()
    frame.loc[2, "n"] = "many"
    error = raises(frame, file="toy.csv", row_numbers=[2, 5, 9])
    assert error.row == 9
    assert str(error).startswith("toy.csv, row 9, column 'n':")


def test_data_error_str_names_file_row_column_then_problem_and_details():
    error = DataError("not a number", file="a.csv", row=3, column="n", expected="int", found="'x'")
    assert str(error) == "a.csv, row 3, column 'n': not a number (expected int, found 'x')"
    assert isinstance(error, ValueError)


def test_data_error_str_leaves_out_what_is_not_known():
    assert str(DataError("bad")) == "bad"
    assert str(DataError("bad", file="a.csv")) == "a.csv: bad"
    assert str(DataError("bad", found="7")) == "bad (found 7)"


def test_load_report_counts_and_str():
    report = LoadReport("t.csv", rows_read=1200, dropped={"blank line": 2, "not labelled": 1000})
    assert report.rows_dropped == 1002
    assert report.rows_kept == 198
    assert str(report) == (
        "t.csv: read 1,200 rows, kept 198, dropped 1,002 (blank line: 2, not labelled: 1,000)"
    )


def test_load_report_str_omits_reasons_with_zero_records():
    report = LoadReport("t.csv", rows_read=3, dropped={"blank line": 0})
    assert str(report) == "t.csv: read 3 rows, kept 3, dropped 0"


def test_contract_names_and_describe():
    assert TOY.names == ["id", "n", "share", "flag", "when", "colour"]
    table = TOY.describe()
    assert list(table.columns) == ["column", "kind", "missing allowed", "description"]
    assert table["kind"].tolist() == ["string", "int", "float", "bool", "datetime", "string"]


# --------------------------------------------------------------------------------------------
# Strict types (issue 15): each of these was accepted before, silently
# --------------------------------------------------------------------------------------------

WHEN = Contract("dates", (Column("when", "datetime"),))
COUNT = Contract("counts", (Column("n", "int"),))
SHARE = Contract("shares", (Column("x", "float"),))
ID = Contract("ids", (Column("id", "int"),))


@pytest.mark.parametrize(
    "text",
    ["4 March", "2016", "03/04/2019", "13/04/2019", "March 4, 2019", "2019-13-01", "soon"],
)
def test_dates_that_are_not_iso_8601_are_refused(text):
    error = raises(pd.DataFrame({"when": ["2019-03-04", text]}), WHEN)
    assert (error.row, error.column, error.found) == (2, "when", repr(text))
    assert "ISO 8601" in error.expected


def test_iso_dates_with_and_without_zones_are_read_as_utc():
    out = validate(
        pd.DataFrame({"when": ["2019-03-04", "2019-03-04T10:00:00+02:00", "2019-03-04 10:00Z",
                               "2019-03-04 10:00:00.5"]}),
        WHEN,
    )
    assert out["when"].tolist() == [
        pd.Timestamp("2019-03-04", tz="UTC"), pd.Timestamp("2019-03-04 08:00", tz="UTC"),
        pd.Timestamp("2019-03-04 10:00", tz="UTC"), pd.Timestamp("2019-03-04 10:00:00.5", tz="UTC"),
    ]


def test_a_date_layout_is_read_only_when_the_caller_gives_it():
    day_first = WHEN.with_column("when", format="%d/%m/%Y")
    out = validate(pd.DataFrame({"when": ["03/04/2019", "13/04/2019"]}), day_first)
    assert out["when"].dt.month.tolist() == [4, 4]


def test_numbers_are_dates_only_with_a_unit():
    typed = pd.DataFrame({"when": pd.array([1614592800], dtype="int64")})
    error = raises(typed, WHEN)
    assert "unit" in error.expected
    out = validate(typed, WHEN.with_column("when", unit="s"))
    assert out["when"].iloc[0] == pd.Timestamp("2021-03-01 10:00", tz="UTC")
    json_like = pd.DataFrame({"when": pd.Series([1614592800], dtype=object)})
    assert raises(json_like, WHEN, typed=True).row == 1


def test_parquet_timestamps_keep_their_unit():
    stamps = pd.DataFrame({"when": pd.to_datetime(["2021-03-01 10:00"]).as_unit("ms")})
    assert validate(stamps, WHEN)["when"].iloc[0] == pd.Timestamp("2021-03-01 10:00", tz="UTC")


def test_dates_after_the_collection_time_are_problems():
    frame = pd.DataFrame({"when": ["2019-03-04", "2019-03-06"]})
    error = raises(frame, WHEN, not_after="2019-03-05")
    assert (error.row, error.problem) == (2, "date after the data were collected")
    future = (pd.Timestamp.now(tz="UTC") + pd.Timedelta(days=2)).strftime("%Y-%m-%d")
    assert raises(pd.DataFrame({"when": [future]}), WHEN).row == 1


@pytest.mark.parametrize("text", ["12.0", "1e3", "true", "١٢", "12 apples", "0x1F"])
def test_integers_from_text_are_digits_only(text):
    error = raises(pd.DataFrame({"n": ["1", text]}), COUNT)
    assert (error.row, error.found) == (2, repr(text))


@pytest.mark.parametrize("value", ["12", True, 12.5, 1.2e18])
def test_integers_from_typed_sources_are_numbers_not_text_booleans_or_inexact_floats(value):
    frame = pd.DataFrame({"id": pd.Series([1, value], dtype=object)})
    assert raises(frame, ID, typed=True).row == 2


def test_whole_floats_from_a_float_column_are_integers_when_exact():
    out = validate(pd.DataFrame({"id": [1.0, 2.0]}), ID)
    assert out["id"].tolist() == [1, 2]
    assert raises(pd.DataFrame({"id": [1.0, 1.2e18]}), ID).row == 2


def test_a_thirty_digit_integer_is_a_located_problem_not_a_crash():
    error = raises(pd.DataFrame({"n": ["1", "1" * 30]}), COUNT)
    assert (error.row, error.column) == (2, "n")


@pytest.mark.parametrize("text", ["inf", "-Infinity", "nan", "1,5", "true"])
def test_floats_refuse_infinities_words_and_commas(text):
    assert raises(pd.DataFrame({"x": ["0.5", text]}), SHARE).row == 2


def test_a_column_may_allow_infinities():
    allowed = SHARE.with_column("x", infinite=True)
    assert validate(pd.DataFrame({"x": ["inf", "-1.5"]}), allowed)["x"].tolist() == [
        float("inf"), -1.5,
    ]
    typed = pd.DataFrame({"x": [float("inf")]})
    assert raises(typed, SHARE).row == 1


def test_text_from_typed_sources_must_be_strings():
    frame = pd.DataFrame({"id": pd.Series(["a", 5], dtype=object)})
    contract = Contract("ids", (Column("id", "string"),))
    assert raises(frame, contract, typed=True).row == 2
    assert validate(frame, contract)["id"].tolist() == ["a", "5"]


def test_a_pattern_names_the_form_a_string_must_have():
    from govsocial.schema import DIGITS, DIGITS_MEANING

    contract = Contract("ids", (Column("id", "string", pattern=DIGITS,
                                       pattern_meaning=DIGITS_MEANING),))
    error = raises(pd.DataFrame({"id": ["123", "12a"]}), contract)
    assert (error.row, error.expected) == (2, DIGITS_MEANING)


# --------------------------------------------------------------------------------------------
# All problems at once, and on_error="skip"
# --------------------------------------------------------------------------------------------


def three_problems() -> pd.DataFrame:
    frame = good_frame()
    frame.loc[0, "n"] = "-1"
    frame.loc[1, "flag"] = "maybe"
    frame.loc[2, "when"] = "soon"
    return frame


def test_every_problem_of_a_table_is_reported_at_once_with_its_place():
    error = raises(three_problems(), file="t.csv")
    assert error.total == 3
    assert [(p.row, p.column) for p in error.problems] == [(1, "n"), (2, "flag"), (3, "when")]
    lines = str(error).splitlines()
    assert lines[0] == "t.csv: 3 problems"
    assert lines[1].startswith("  row 1, column 'n': value below the minimum")
    assert 'on_error="skip"' in lines[-1]


def test_the_message_lists_twenty_problems_then_says_how_many_more():
    frame = pd.DataFrame({"n": ["x"] * 45})
    error = raises(frame, COUNT)
    assert (error.total, len(error.problems)) == (45, 20)
    assert str(error).splitlines()[-2] == "  ... and 25 more"


def test_skip_keeps_the_good_rows_and_lists_the_others():
    from govsocial.schema import check

    frame = pd.concat([three_problems(), good_frame().assign(id=["d", "e", "f"])],
                      ignore_index=True)
    checked = check(frame, TOY, file="t.csv", row_numbers=[2, 3, 4, 6, 7, 8])
    kept, skipped = checked.settle("skip")
    assert kept["id"].tolist() == ["d", "e", "f"]
    assert kept["n"].dtype == "int64" and kept["flag"].dtype == "bool"
    assert skipped["row"].tolist() == [2, 3, 4]
    assert skipped["column"].tolist() == ["n", "flag", "when"]
    report = LoadReport("t.csv", rows_read=6)
    report.skip(skipped)
    assert report.rows_kept == 3
    assert "report.skipped" in str(report)


def test_skip_drops_the_later_copy_of_a_repeated_key():
    frame = good_frame()
    frame.loc[2, "id"] = "a"
    assert validate(frame, TOY, on_error="skip")["id"].tolist() == ["a", "b"]


def test_an_unknown_policy_is_refused():
    with pytest.raises(ValueError, match="on_error"):
        validate(good_frame(), TOY, on_error="ignore")


def test_naive_dates_beside_zoned_ones_stay_utc():
    # pandas before 2.3 gave naive values the offset of the first zoned value in the column
    out = validate(
        pd.DataFrame({"when": ["2019-03-04T08:00:00+08:00", "2019-03-04", "2019-03-04 00:00:30"]}),
        WHEN,
    )
    assert out["when"].tolist() == [
        pd.Timestamp("2019-03-04", tz="UTC"), pd.Timestamp("2019-03-04", tz="UTC"),
        pd.Timestamp("2019-03-04 00:00:30", tz="UTC"),
    ]


@pytest.mark.parametrize(("contract", "column"), [(ID, "id"), (SHARE, "x")])
def test_a_typed_column_of_strings_only_is_still_refused_where_numbers_belong(contract, column):
    # a one-record JSON file whose count is "12" gives a column holding only strings
    frame = pd.DataFrame({column: pd.Series(["12"], dtype=object)})
    assert raises(frame, contract, typed=True).row == 1
    assert raises(frame.astype("string"), contract, typed=True).row == 1


def test_a_typed_column_of_strings_is_refused_where_booleans_belong():
    contract = Contract("flags", (Column("flag", "bool"),))
    assert raises(pd.DataFrame({"flag": pd.Series(["true"], dtype=object)}), contract,
                  typed=True).row == 1


def test_added_problems_without_a_column_do_not_say_column_nan():
    from govsocial.schema import Problem, check

    checked = check(pd.DataFrame({"n": ["1"]}), COUNT, file="t.jsonl")
    error = checked.add([Problem("not an object", row=3)]).error()
    assert str(error).splitlines()[0] == "t.jsonl, row 3: not an object"
