"""The quick ways of reading (issue 15, item 6) give what the careful ways give.

``read_table`` reads a *plain* CSV file (no double quote, no blank line, no stray carriage
return, every row as wide as the header) with pyarrow, and any other with the ``csv`` module;
``schema`` runs its patterns in Arrow and lets Arrow parse plain ISO 8601 dates. Each test
compares the quick way with the careful one on inputs chosen to tell them apart. Timings are in
``benchmarks/loaders.py``, never asserted here.
"""

from __future__ import annotations

import re
import sys

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pa_compute
import pytest

from govsocial import schema
from govsocial import values as value_readers
from govsocial.io import core
from govsocial.schema import Column, Contract, DataError
from govsocial.values import _SPACE

CONTRACT = Contract(
    "toy",
    (
        Column("user_id", "string", unique=True),
        Column("when", "datetime"),
        Column("n", "int", nullable=True, minimum=0),
        Column("share", "float", nullable=True),
        Column("page", "string", nullable=True),
    ),
)

HEADER = "user_id,when,n,share,page"

FILES = {
    "plain": f"{HEADER}\nu1,2019-03-01 08:00:00,1,0.5,home\nu2,2019-03-02,2,1e-2,news\n",
    "no final newline": f"{HEADER}\nu1,2019-03-01 08:00:00,1,0.5,home",
    "zoned times": f"{HEADER}\nu1,2019-03-01T08:00:00Z,1,0.5,home\nu2,2019-03-02T01:00+08:00,2,,\n",
    "zoned then naive": f"{HEADER}\nu1,2019-03-01T08:00:00Z,1,0.5,home\nu2,2019-03-02 01:00,2,,\n",
    "hour only": f"{HEADER}\nu1,2019-03-01 08,1,0.5,home\nu2,2019-03-02T09,2,,\n",
    "not a date": f"{HEADER}\nu1,2019-03-01,1,0.5,home\nu2,4 March,2,,\nu3,2019-02-30,3,,\n",
    "crlf": f"{HEADER}\r\nu1,2019-03-01T08:00:00Z,1,0.5,home\r\nu2,2019-03-02,,,\r\n",
    "byte-order mark": f"\ufeff{HEADER}\nu1,2019-03-01,1,0.5,home\n",
    "spaces in header": " user_id , when ,n,share,page\nu1,2019-03-01,1,0.5,home\n",
    "extra and unnamed columns": f"{HEADER},,extra\nu1,2019-03-01,1,0.5,home,x,y\n",
    "text that looks missing": f"{HEADER}\nu1,2019-03-01,1,0.5,NA\nu2,2019-03-01,2,0.5,null\n",
    "empty cells": f"{HEADER}\nu1,2019-03-01,,,\nu2,2019-03-01, ,0.5, \n",
    "blank line": f"{HEADER}\nu1,2019-03-01,1,0.5,home\n\nu2,2019-03-01,2,0.5,home\n",
    "blank line at the end": f"{HEADER}\nu1,2019-03-01,1,0.5,home\n\n",
    "blank first line": f"\n{HEADER}\nu1,2019-03-01,1,0.5,home\n",
    "lone carriage return": f"{HEADER}\ru1,2019-03-01,1,0.5,home\n\nu2,2019-03-01,1,0.5,x\n",
    "quoted newline": f'{HEADER}\nu1,2019-03-01,1,0.5,"two\nlines"\nu2,2019-03-01,1,0.5,x\n',
    "unbalanced quote": f'{HEADER}\nu1,2019-03-01,1,0.5,"home\nu2,2019-03-01,1,0.5,x\n',
    "short row": f"{HEADER}\nu1,2019-03-01,1,0.5\nu2,2019-03-01,1,0.5,x\n",
    "long row": f"{HEADER}\nu1,2019-03-01,1,0.5,x,y\nu2,2019-03-01,1,0.5,x\n",
    "bad values": f"{HEADER}\nu1,2019-02-30 00:00:00,-1,inf,x\nu1,4 March,1.0,x,y\n",
    "future date": f"{HEADER}\nu1,2099-01-01 00:00:00,1,0.5,x\n",
    "header only": f"{HEADER}\n",
    "empty file": "",
    "missing column": "user_id,when,n,share\nu1,2019-03-01,1,0.5\n",
    "column named twice": f"{HEADER},page\nu1,2019-03-01,1,0.5,x,y\n",
    "one column, blank line": "user_id\nu1\n\nu2\n",
    "not ascii": f"{HEADER}\ncafé,2019-03-01,1,0.5,Zoë 🙂\r\nu2,2019-03-01,2,0.5,x\r\n",
}


def _quick(path, contract, on_error):
    """``read_table`` as it is."""
    return core.read_table(path, contract, on_error=on_error)


def _careful(path, contract, on_error):
    """``read_table`` with the quick path switched off."""
    quick = core._read_plain_csv
    core._read_plain_csv = lambda *args: None
    try:
        return core.read_table(path, contract, on_error=on_error)
    finally:
        core._read_plain_csv = quick


def _outcome(read, *args):
    """What a reader gives: its frame, report, skipped rows and lines, or its error's text."""
    try:
        loaded = read(*args)
    except DataError as error:
        return str(error)
    return loaded.frame, str(loaded.report), loaded.report.skipped, list(loaded.lines)


@pytest.mark.parametrize("chunk", [3, core._CHUNK])
@pytest.mark.parametrize("on_error", ["raise", "skip"])
@pytest.mark.parametrize("name", sorted(FILES))
def test_quick_and_careful_csv_reading_agree(monkeypatch, tmp_path, name, on_error,
                                             chunk) -> None:
    monkeypatch.setattr(core, "_CHUNK", chunk)  # 3 bytes: a character, CR LF split apart
    path = tmp_path / "toy.csv"
    path.write_bytes(FILES[name].encode("utf-8"))
    contract = CONTRACT if name != "one column, blank line" else Contract(
        "one", (Column("user_id", "string"),))
    quick = _outcome(_quick, path, contract, on_error)
    careful = _outcome(_careful, path, contract, on_error)
    assert type(quick) is type(careful)
    if isinstance(quick, str):
        assert quick == careful
        return
    pd.testing.assert_frame_equal(quick[0], careful[0])
    assert quick[1] == careful[1]
    pd.testing.assert_frame_equal(quick[2], careful[2], check_dtype=False)
    assert quick[3] == careful[3]


@pytest.mark.parametrize("on_error", ["raise", "skip"])
@pytest.mark.parametrize("name", sorted(FILES))
def test_columns_checked_in_threads_give_what_one_thread_gives(monkeypatch, tmp_path, name,
                                                                on_error) -> None:
    """Large tables have their columns checked side by side; problems keep the same order."""
    path = tmp_path / "toy.csv"
    path.write_bytes(FILES[name].encode("utf-8"))
    contract = CONTRACT if name != "one column, blank line" else Contract(
        "one", (Column("user_id", "string"),))
    one_thread = _outcome(_quick, path, contract, on_error)
    monkeypatch.setattr(schema, "_THREADED_ROWS", 1)
    threads = _outcome(_quick, path, contract, on_error)
    if isinstance(one_thread, str):
        assert threads == one_thread
        return
    pd.testing.assert_frame_equal(threads[0], one_thread[0])
    assert threads[1:2] == one_thread[1:2] and threads[3] == one_thread[3]
    pd.testing.assert_frame_equal(threads[2], one_thread[2])


@pytest.mark.parametrize(
    ("name", "quick"),
    [("plain", True), ("crlf", True), ("byte-order mark", True), ("empty cells", True),
     ("blank line", False), ("lone carriage return", False), ("quoted newline", False),
     ("short row", False), ("header only", False), ("column named twice", False)],
)
def test_only_plain_files_take_the_quick_path(tmp_path, name, quick) -> None:
    path = tmp_path / "toy.csv"
    path.write_bytes(FILES[name].encode("utf-8"))
    assert (core._read_plain_csv(path, CONTRACT) is not None) is quick


def test_the_quick_path_keeps_empty_cells_missing_and_na_as_text(tmp_path) -> None:
    path = tmp_path / "toy.csv"
    path.write_text(f"{HEADER}\nu1,2019-03-01,,0.5,NA\n")
    frame = core._read_plain_csv(path, CONTRACT)
    assert frame["n"].isna().all() and frame["page"].tolist() == ["NA"]


@pytest.mark.parametrize("chunk", [1, 2, 3, core._CHUNK])
@pytest.mark.parametrize("bad", [b"\xe9\n", b"\xc3", b"\xed\xa0\x80\n"])
def test_the_quick_path_names_the_line_of_a_byte_that_is_not_utf8(
    monkeypatch, tmp_path, chunk, bad
) -> None:
    monkeypatch.setattr(core, "_CHUNK", chunk)
    path = tmp_path / "toy.csv"
    path.write_bytes(f"{HEADER}\nu1,2019-03-01,1,0.5,é\nu2,2019-03-01,1,0.5,caf".encode()
                     + bad)
    with pytest.raises(DataError, match="not UTF-8") as caught:
        core.read_table(path, CONTRACT)
    assert caught.value.row == 3


def test_space_class_is_pythons_whitespace_in_both_regex_engines() -> None:
    every = [chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000]
    python = [c for c in every if re.fullmatch(r"\s", c)]
    assert [c for c in every if re.fullmatch(_SPACE, c)] == python
    found = pa_compute.match_substring_regex(pa.array(every), f"^{_SPACE}$").to_pylist()
    assert [c for c, hit in zip(every, found, strict=True) if hit] == python


@pytest.mark.parametrize(
    "odd",
    [None, "2019-02-29 00:00:00", "2019-01-01 24:00:00", "0000-01-01", "2019-01-01 10:11:12Z",
     "2019-01-01 10:11:12.1234567", "2019-01-01t10:11", "2019-01-01 10:11:12,5",
     " 2019-01-01 ", "2019-01-01 10:11:12+02:00", "9999-12-31 23:59:59.999999"],
)
def test_arrow_parses_iso_dates_as_pandas_does(monkeypatch, odd) -> None:
    plain = ["2019-03-01 08:00:00", "2020-02-29", "2019-03-01T08:00", "2019-03-01 08:00:00.25"]
    text = pd.Series(plain * 300 + [odd], dtype="string[pyarrow]")
    quick = [value_readers._iso_datetimes(values) for values in (text, text[:-1])]
    assert value_readers._arrow_iso(text[:-1]) is not None
    monkeypatch.setattr(value_readers, "_arrow_iso", lambda text: None)
    careful = [value_readers._iso_datetimes(values) for values in (text, text[:-1])]
    for mine, theirs in zip(quick, careful, strict=True):
        pd.testing.assert_series_equal(mine, theirs)


def test_blank_cells_are_found_as_stripping_finds_them() -> None:
    spaces = [c for c in map(chr, range(0x110000)) if c.isspace()]
    # cells whose first byte could begin a space but do not (the quick pre-check lets them
    # through to the exact one): U+2019, U+3001, U+00E9 share lead bytes with spaces
    near = ["\u2019", "\u3001x", "\u00e9", "\u00a0x", "\u2000\u2019", "\u1680-"]
    cells = [*spaces, "", None, "a", " a", "a ", "\x1c\u3000", " \t\n", "\u200b", " é ", *near]
    text = pd.Series(cells * 2, dtype="string[pyarrow]")
    stripped = text.str.strip().eq("").fillna(False).to_numpy(bool)
    assert value_readers._blank(text).tolist() == stripped.tolist()
    # an array in several chunks, the first cut part-way through (Arrow keeps an offset)
    chunked = pa.chunked_array([pa.array(cells).slice(3), pa.array(cells), pa.array(cells[:4])])
    text = pd.Series(pd.arrays.ArrowStringArray(chunked.cast(pa.large_string())))
    stripped = text.str.strip().eq("").fillna(False).to_numpy(bool)
    assert value_readers._blank(text).tolist() == stripped.tolist()


def test_the_quick_path_parses_iso_times_while_reading(tmp_path) -> None:
    path = tmp_path / "toy.csv"
    path.write_text(FILES["plain"])
    frame = core._read_plain_csv(path, CONTRACT)
    assert pd.api.types.is_datetime64_any_dtype(frame["when"])
    path.write_text(FILES["not a date"])
    assert core._read_plain_csv(path, CONTRACT)["when"].dtype != frame["when"].dtype
