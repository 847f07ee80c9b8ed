"""Loaders keep their promise on awkward input: a wrong path or a huge field is no traceback.

Every public file loader of ``govsocial.io`` is given a path that does not exist and a folder; the
folder loaders a file and a missing folder. Each must raise ``DataError`` whose message names the
path it was given.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from govsocial import DataError
from govsocial import io as gio
from govsocial.schema import Column, Contract

CONTRACT = Contract("toy", (Column("a", "string"),))
FILE_LOADERS: dict[str, Callable[[Path], object]] = {
    "read_table": lambda path: gio.read_table(path, CONTRACT),
    "read_clickstream (csv)": gio.read_clickstream,
    "read_access_log": lambda path: gio.read_access_log(path, salt="s"),
    "read_crisislex_labelled": gio.read_crisislex_labelled,
    "read_crowdtangle_csv": gio.read_crowdtangle_csv,
    "read_msnbc": gio.read_msnbc,
    "read_tweets_v2_jsonl": gio.read_tweets_v2_jsonl,
    "read_usdr_agencies": gio.read_usdr_agencies,
    "read_usdr_accounts": gio.read_usdr_accounts,
}
FOLDER_LOADERS: dict[str, Callable[[Path], object]] = {
    "read_crisislex_t26": gio.read_crisislex_t26,
    "read_crisislex_events": gio.read_crisislex_events,
}


@pytest.mark.parametrize("name", FILE_LOADERS)
@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".zip", ".jsonl"])
def test_a_missing_file_is_a_data_error_naming_it(name: str, suffix: str, tmp_path) -> None:
    path = tmp_path / f"typo{suffix}"
    with pytest.raises(DataError, match="there is no file at this path") as error:
        FILE_LOADERS[name](path)
    assert error.value.file == str(path)


@pytest.mark.parametrize("name", FILE_LOADERS)
def test_a_folder_given_for_a_file_is_a_data_error(name: str, tmp_path) -> None:
    folder = tmp_path / "posts.csv"
    folder.mkdir()
    with pytest.raises(DataError, match="this is a folder, not a file"):
        FILE_LOADERS[name](folder)


@pytest.mark.parametrize("name", FOLDER_LOADERS)
def test_folder_loaders_reject_a_file_and_a_missing_folder(name: str, tmp_path) -> None:
    file = tmp_path / "a.csv"
    file.write_text("a\n1\n")
    with pytest.raises(DataError, match="this is a file, not a folder"):
        FOLDER_LOADERS[name](file)
    with pytest.raises(DataError, match="there is no folder at this path"):
        FOLDER_LOADERS[name](tmp_path / "missing")


def test_a_damaged_zip_is_a_data_error(tmp_path) -> None:
    path = tmp_path / "msnbc990928.seq.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(DataError, match="not a zip archive") as error:
        gio.read_msnbc(path)
    assert error.value.file == str(path)


def test_a_field_of_a_megabyte_is_read_not_blamed_on_quotes(tmp_path) -> None:
    long_text = "x" * 1_000_000
    path = tmp_path / "long.csv"
    path.write_text(f'a\n"{long_text}"\nshort\n')
    frame = gio.read_table(path, CONTRACT).frame
    assert frame["a"].str.len().tolist() == [1_000_000, 5]
