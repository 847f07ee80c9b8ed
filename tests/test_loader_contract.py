"""Every public loader keeps one contract on any input (issue 15, item 1), tested by fuzzing.

The contract: whatever bytes or JSON a loader is given, it returns its frame (or the chapter's
data object) with the columns and dtypes its valid sample gives and a consistent report
(``rows_kept == len(frame)``), or it raises :class:`~govsocial.schema.DataError` whose message
names the file and, when one row of the input was changed, a row or line. No other exception
escapes.

Each loader starts from a valid sample (``tests/data/`` and ``tests/data/fuzz/``), copied to a
temporary folder, and one of its files is mutated by hypothesis: truncation at a random byte,
byte flips, blank lines, CRLF line ends, a byte-order mark, Latin-1 re-encoding, a field of a
megabyte, duplicated or deleted lines, a CSV cell or a whitespace-separated token replaced by a
generated value (text, numbers, ``12.0``, ``inf``, ``true``, dates in other layouts, a 30-digit
number, Arabic-Indic digits), JSON shapes (object, array or scalar documents, missing and null
fields, numbers as strings and strings as numbers, ``errors`` arrays, empty pages), Parquet
columns of other types, and damaged zip archives. Paths are tested too: a missing file, a
folder given for a file, a file given for a folder.

Loaders that take ``on_error`` (detected with :func:`inspect.signature`) are also run with
``on_error="skip"``: then every skipped row has a line and a reason.

Known failures are marked ``xfail(strict=False)`` with the finding they reproduce (see
``/work/briefs/fuzz_findings.md``); remove the mark when the fix lands. ``pytest -m slow`` runs
the same checks with more examples.
"""

from __future__ import annotations

import csv
import dataclasses
import inspect
import io
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from govsocial import agenda, attention, coordination, coproduction, survey
from govsocial import io as gio
from govsocial.schema import (
    DIGITS,
    DIGITS_MEANING,
    SKIPPED_COLUMNS,
    Column,
    Contract,
    DataError,
    LoadReport,
)

TESTS = Path(__file__).parent
DATA = TESTS / "data"
FUZZ = DATA / "fuzz"
BOOK_DATA = TESTS.parent / "data"

TABLE = Contract(
    "fuzz table",
    (
        Column("id", "string", unique=True, pattern=DIGITS, pattern_meaning=DIGITS_MEANING),
        Column("n", "int", minimum=0),
        Column("share", "float", nullable=True),
        Column("when", "datetime"),
        Column("flag", "bool"),
        Column("name", "string"),
    ),
    key=("id",),
)
"""A small contract with one column of every kind, for :func:`govsocial.io.read_table`."""

EXAMPLES = 10
#: Examples per loader of the slow variant (``pytest -m slow``); set GOVSOCIAL_FUZZ_EXAMPLES
#: for a longer hunt.
SLOW_EXAMPLES = int(os.environ.get("GOVSOCIAL_FUZZ_EXAMPLES", "40"))
_SETTINGS = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "suppress_health_check": list(HealthCheck),
    "phases": (Phase.explicit, Phase.generate),
}


# --------------------------------------------------------------------------------------------
# The loaders
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One public loader, its valid sample and the files of the sample that may be mutated.

    Attributes
    ----------
    name : str
        How the test names the case.
    sample : Path
        The sample file, or the sample folder for a loader of folders.
    load : callable
        Takes the copied sample's path (and ``on_error`` when ``function`` accepts it).
    function : callable
        The public loader, for :func:`inspect.signature`.
    targets : tuple of str
        Files of a sample folder that may be mutated (relative paths); empty for a file.
    first_row : int
        The line on which the rows of a whitespace-separated text file begin (the lines before
        are a header, whose changes need not be reported with a line).
    """

    name: str
    sample: Path
    load: Callable[..., Any]
    function: Callable[..., Any]
    targets: tuple[str, ...] = ()
    first_row: int = 1

    @property
    def takes_folder(self) -> bool:
        """Whether the loader reads a folder."""
        return self.sample.is_dir()

    @property
    def skips(self) -> bool:
        """Whether the loader accepts ``on_error``."""
        return "on_error" in inspect.signature(self.function).parameters


def _case(name: str, sample: Path, function: Callable[..., Any], *targets: str,
          load: Callable[..., Any] | None = None, first_row: int = 1) -> Case:
    return Case(name, sample, load or function, function, tuple(targets), first_row)


CRISISLEX_LABELLED_SAMPLE = (
    DATA / "crisislex" / "2099_Sample_floods" / "2099_Sample_floods-tweets_labeled.csv"
)
CRISISLEX_FILES = (
    "2098_Sample_heatwave/2098_Sample_heatwave-tweets_labeled.csv",
    "2099_Sample_floods/2099_Sample_floods-tweets_labeled.csv",
)
CRISISLEX_EVENT_FILES = (
    "2098_Sample_heatwave/2098_Sample_heatwave-event_description.json",
    "2099_Sample_floods/2099_Sample_floods-event_description.json",
)
TIMELINE_EVENT = "2012_Sample_wildfires"
SERVER = "gov.example"  # the Mastodon fixtures' own server
MSNBC_FIRST_ROW = 8  # after the header, '% Sequences:' and a blank line

CASES = [
    _case("read_table", FUZZ / "table.csv", gio.read_table,
          load=lambda path, **kw: gio.read_table(path, TABLE, **kw)),
    _case("read_crisislex_labelled", CRISISLEX_LABELLED_SAMPLE, gio.read_crisislex_labelled),
    _case("read_crisislex_t26", DATA / "crisislex", gio.read_crisislex_t26, *CRISISLEX_FILES),
    _case("read_crisislex_events", DATA / "crisislex", gio.read_crisislex_events,
          *CRISISLEX_EVENT_FILES),
    _case("read_tweets_v2_jsonl", DATA / "tweets_v2_sample.jsonl", gio.read_tweets_v2_jsonl),
    _case("read_crowdtangle_csv", DATA / "agenda" / "facebook_posts.csv",
          gio.read_crowdtangle_csv),
    _case("read_usdr_agencies", DATA / "usdr_agencies_sample.json", gio.read_usdr_agencies),
    _case("read_usdr_accounts", DATA / "usdr_accounts_sample.json", gio.read_usdr_accounts),
    _case("read_clickstream (csv)", DATA / "clickstream" / "clicks_good.csv",
          gio.read_clickstream),
    _case("read_clickstream (parquet)", DATA / "clickstream" / "clicks_good.parquet",
          gio.read_clickstream),
    _case("read_access_log", DATA / "clickstream" / "access_good.log", gio.read_access_log,
          load=lambda path, **kw: gio.read_access_log(path, salt="fuzz", **kw)),
    _case("read_bluesky_feed", DATA / "bluesky" / "feed.jsonl", gio.read_bluesky_feed),
    _case("read_bluesky_profiles", DATA / "bluesky" / "profiles.jsonl",
          gio.read_bluesky_profiles),
    _case("read_mastodon_statuses", DATA / "mastodon" / "statuses.jsonl",
          gio.read_mastodon_statuses,
          load=lambda path, **kw: gio.read_mastodon_statuses(path, server=SERVER, **kw)),
    _case("read_mastodon_accounts", DATA / "mastodon" / "accounts.jsonl",
          gio.read_mastodon_accounts,
          load=lambda path, **kw: gio.read_mastodon_accounts(path, server=SERVER, **kw)),
    _case("read_msnbc (seq)", FUZZ / "msnbc_sample.seq", gio.read_msnbc,
          first_row=MSNBC_FIRST_ROW),
    _case("read_msnbc (zip)", FUZZ / "msnbc_sample.zip", gio.read_msnbc,
          first_row=MSNBC_FIRST_ROW),
    _case("attention.load_folder", DATA / "attention", attention.load_folder,
          "tweets.jsonl", "accounts.csv", "coded.csv"),
    _case("attention.load_folder (bluesky)", DATA / "attention_bluesky", attention.load_folder,
          "feed.jsonl", "profiles.jsonl", "accounts.csv", "coded.csv"),
    _case("attention.load_folder (mastodon)", DATA / "attention_mastodon",
          attention.load_folder, "statuses.jsonl", "accounts.jsonl", "accounts.csv",
          "coded.csv", "collection.json"),
    _case("agenda.load_folder", DATA / "agenda", agenda.load_folder,
          "departments.csv", "facebook_posts.csv", "tweets.jsonl"),
    _case("agenda.load_folder (bluesky)", DATA / "agenda_bluesky", agenda.load_folder,
          "feed.jsonl", "profiles.jsonl", "accounts.csv"),
    _case("agenda.load_folder (mastodon)", DATA / "agenda_mastodon", agenda.load_folder,
          "statuses.jsonl", "accounts.jsonl", "collection.json", "accounts.csv"),
    _case("coordination.load_folder", DATA / "coordination", coordination.load_folder,
          "tweets.jsonl", "accounts.csv"),
    _case("coordination.load_folder (bluesky)", DATA / "coordination_bluesky",
          coordination.load_folder, "feed.jsonl", "profiles.jsonl", "accounts.csv"),
    _case("coordination.load_folder (mastodon)", DATA / "coordination_mastodon",
          coordination.load_folder, "statuses.jsonl", "accounts.jsonl", "accounts.csv",
          "collection.json"),
    _case("coordination.read_city_accounts", DATA / "coordination" / "accounts.csv",
          coordination.read_city_accounts),
    _case("coordination.read_covid_gov_tweet_ids", FUZZ / "covid_gov_tweet_ids_sample.zip",
          coordination.read_covid_gov_tweet_ids),
    _case("coordination.read_account_roles",
          BOOK_DATA / "covid_gov_tweet_ids" / "account_roles.csv",
          coordination.read_account_roles),
    _case("coproduction.load_folder", DATA / "coproduction", coproduction.load_folder,
          "tweets.jsonl", "accounts.csv"),
    _case("coproduction.load_folder (bluesky)", DATA / "coproduction_bluesky",
          coproduction.load_folder, "feed.jsonl", "profiles.jsonl", "accounts.csv"),
    _case("coproduction.load_folder (mastodon)", DATA / "coproduction_mastodon",
          coproduction.load_folder, "statuses.jsonl", "accounts.jsonl", "collection.json",
          "accounts.csv"),
    _case("coproduction.read_crisislex_t6", FUZZ / "2012_Sample_Hurricane-ontopic_offtopic.csv",
          coproduction.read_crisislex_t6),
    _case("coproduction.read_account_types",
          BOOK_DATA / "crisislex" / "sandy_account_types.csv",
          coproduction.read_account_types),
    _case("coproduction.read_crisislex_timeline",
          FUZZ / "CrisisLexT26" / TIMELINE_EVENT
          / f"{TIMELINE_EVENT}-tweetids_entire_period.csv",
          coproduction.read_crisislex_timeline),
    _case("coproduction.read_crisislex_timelines", FUZZ / "CrisisLexT26",
          coproduction.read_crisislex_timelines,
          f"{TIMELINE_EVENT}/{TIMELINE_EVENT}-tweetids_entire_period.csv",
          load=lambda path, **kw: coproduction.read_crisislex_timelines(
              path, [TIMELINE_EVENT], **kw)),
    _case("survey.load_folder", DATA / "survey", survey.load_folder,
          "responses.csv", "frame.csv"),
]
CASES_BY_NAME = {case.name: case for case in CASES}

#: Loaders whose cases fail today, with the finding of fuzz_findings.md they reproduce. Remove
#: an entry when its fix lands (the marks are not strict, so a fixed loader passes meanwhile).
KNOWN: dict[str, str] = {
}


def _marked(names: Sequence[str], known: dict[str, str]) -> list[Any]:
    """``names`` as pytest parameters, the known failures marked xfail with their finding."""
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=False, reason=known[name]))
        if name in known else name
        for name in names
    ]


# --------------------------------------------------------------------------------------------
# What a loader returns
# --------------------------------------------------------------------------------------------


def frames_of(result: Any) -> dict[str, pd.DataFrame]:
    """The data frames a loader returned, by attribute name (``""`` for a bare frame)."""
    if isinstance(result, pd.DataFrame):
        return {"": result}
    if dataclasses.is_dataclass(result):
        return {
            field.name: getattr(result, field.name)
            for field in dataclasses.fields(result)
            if isinstance(getattr(result, field.name), pd.DataFrame)
        }
    raise AssertionError(f"a loader returned {type(result).__name__}, not a frame or data")


def reports_of(result: Any) -> list[LoadReport]:
    """The load reports a loader returned."""
    found: list[LoadReport] = []
    if dataclasses.is_dataclass(result):
        for field in dataclasses.fields(result):
            value = getattr(result, field.name)
            if isinstance(value, LoadReport):
                found.append(value)
            elif isinstance(value, list | tuple):
                found.extend(item for item in value if isinstance(item, LoadReport))
    return found


def counted_frame(result: Any) -> pd.DataFrame | None:
    """The frame whose length the result's one report counts as kept rows, if there is one."""
    if isinstance(result, gio.Loaded | coordination.TweetIdArchive):
        return result.frame
    if isinstance(result, coordination.CityData):
        return result.tweets
    return None


def shape_of(result: Any) -> dict[str, list[tuple[str, str]]]:
    """Each frame's columns and dtypes."""
    return {
        name: [(str(column), str(dtype)) for column, dtype in frame.dtypes.items()]
        for name, frame in frames_of(result).items()
    }


_REFERENCE: dict[str, dict[str, list[tuple[str, str]]]] = {}


def reference_shape(case: Case) -> dict[str, list[tuple[str, str]]]:
    """Columns and dtypes of what the loader returns for its valid sample."""
    if case.name not in _REFERENCE:
        with tempfile.TemporaryDirectory() as folder:
            _REFERENCE[case.name] = shape_of(case.load(copy_sample(case, Path(folder))))
    return _REFERENCE[case.name]


def copy_sample(case: Case, folder: Path) -> Path:
    """Copy the case's sample into ``folder``; return the path to give the loader."""
    target = folder / case.sample.name
    if case.takes_folder:
        shutil.copytree(case.sample, target)
    else:
        shutil.copyfile(case.sample, target)
    return target


# --------------------------------------------------------------------------------------------
# The contract
# --------------------------------------------------------------------------------------------

_PLACE = re.compile(r"\b(?:rows?|lines?|records?) \d")


@dataclass(frozen=True)
class Outcome:
    """What one call of a loader did: returned ``result`` or raised ``error``."""

    result: Any = None
    error: BaseException | None = None


def call(case: Case, path: Path, on_error: str | None) -> Outcome:
    """Run the loader, catching whatever it raises."""
    keywords = {} if on_error is None else {"on_error": on_error}
    try:
        return Outcome(result=case.load(path, **keywords))
    except Exception as error:  # noqa: BLE001 - the contract is about which exceptions escape
        return Outcome(error=error)


def violations(case: Case, outcome: Outcome, mutated: str, *, row_local: bool,
               on_error: str | None) -> list[str]:
    """Every way ``outcome`` breaks the loader contract (empty when it keeps it).

    Parameters
    ----------
    case : Case
        The loader.
    outcome : Outcome
        What it did.
    mutated : str
        The name of the file that was changed, which an error must name. A loader of
        folders may name another of its files instead (a coded tweet whose author was taken
        out of ``accounts.csv`` is reported in ``coded.csv``, where the row is).
    row_local : bool
        Whether the change touched one row only (then an error must name a row or line).
    on_error : str, optional
        The policy the loader was called with.
    """
    if outcome.error is not None:
        error = outcome.error
        message = str(error)
        if not isinstance(error, DataError):
            return [f"{type(error).__name__} escaped: {message[:300]}"]
        problems = []
        names = {mutated, *(Path(target).name for target in case.targets)}
        if not any(name in message for name in names):
            problems.append(f"DataError does not name {mutated!r}: {message[:300]}")
        if row_local and not _PLACE.search(message):
            problems.append(f"DataError names no row or line: {message[:300]}")
        return problems
    problems = []
    shape = shape_of(outcome.result)
    if shape != reference_shape(case):
        problems.append(f"columns or dtypes differ from the valid sample's: {shape}")
    counted = counted_frame(outcome.result)
    reports = reports_of(outcome.result)
    if counted is not None and len(reports) == 1 and reports[0].rows_kept != len(counted):
        problems.append(
            f"report says kept {reports[0].rows_kept} but the frame has {len(counted)} rows"
        )
    if on_error == "skip":
        for report in reports:
            if not report.skipped.empty:
                if not set(SKIPPED_COLUMNS) <= set(report.skipped.columns):
                    problems.append(f"report.skipped has columns {list(report.skipped.columns)}")
                elif report.skipped["row"].isna().any() or report.skipped["problem"].isna().any():
                    problems.append("report.skipped lists a row without its line or reason")
    return problems


# --------------------------------------------------------------------------------------------
# Mutations
# --------------------------------------------------------------------------------------------

VALUES = (
    "", " ", "x", "12", "12.0", "1e3", "-1", "0", "007", "inf", "-inf", "Infinity", "nan", "NaN",
    "true", "false", "TRUE", "yes", "NULL", "None", "N/A", "4 March", "2016", "03/04/2030",
    "13/04/2030", "2030-01-01T00:00:00Z", "2099-12-31", "2013-06-20",
    "Thu Jun 20 03:56:19 +0000 2013", "20/06/2013 03:56", "1614592800", "1614592800000",
    "123456789012345678901234567890", "1.2e+18", "\u0661\u0662\u0663\u0664\u0665",
    "\uff11\uff12", "'354439470801616898'", "@someone", "RT @someone: x", '"', "'", ",",
    "a,b", "line\nbreak", "\u00e9", "\x00", "\U0001f642", "&amp;", "<b>", "\u202e",
)
TEXT_VALUES = st.one_of(
    st.sampled_from(VALUES),
    st.text(max_size=12),
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
ERRORS_ENTRY = {
    "value": "1900000000000000009", "detail": "Could not find tweet", "title": "Not Found Error",
    "resource_type": "tweet", "parameter": "ids", "resource_id": "1900000000000000009",
    "type": "https://api.twitter.com/2/problems/resource-not-found",
}
JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.sampled_from([0, -1, 12, 1614592800, 10**30, 1.2e18, 12.0, 0.5, float("inf")]),
    st.floats(allow_nan=False),
    TEXT_VALUES,
    st.just([]),
    st.just({}),
    st.just([None]),
    st.just({"errors": [ERRORS_ENTRY]}),
)
HUGE = 1_000_000


@dataclass(frozen=True)
class Mutated:
    """A mutated file: its bytes, what was done, and whether only one row was touched."""

    data: bytes
    steps: tuple[str, ...]
    row_local: bool


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


@st.composite
def byte_mutation(draw: st.DrawFn, data: bytes) -> tuple[bytes, str]:
    """One change of the raw bytes or lines, and its description."""
    kind = draw(st.sampled_from([
        "truncate", "flip", "blank line", "crlf", "bom", "latin-1", "huge", "duplicate line",
        "delete line", "empty",
    ]))
    lines = _lines(data)
    if kind == "truncate":
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        return data[:at], f"truncate at byte {at}"
    if kind == "flip":
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        byte = draw(st.integers(0, 255))
        return data[:at] + bytes([byte]) + data[at + 1:], f"byte {at} -> {byte:#04x}"
    if kind == "blank line" and lines:
        at = draw(st.integers(0, len(lines)))
        blank = draw(st.sampled_from([b"\n", b"\n\n", b"  \n", b"\r\n"]))
        return b"".join([*lines[:at], blank, *lines[at:]]), f"blank line {blank!r} before {at + 1}"
    if kind == "crlf":
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"), "CRLF line ends"
    if kind == "bom":
        return b"\xef\xbb\xbf" + data, "byte-order mark"
    if kind == "latin-1":
        text = data.decode("utf-8", errors="replace")
        at = draw(st.integers(0, len(text)))
        text = text[:at] + "caf\u00e9" + text[at:]
        return text.encode("latin-1", errors="replace"), f"Latin-1, caf\u00e9 at char {at}"
    if kind == "huge" and lines:
        at = draw(st.integers(0, len(data)))
        return data[:at] + b"x" * HUGE + data[at:], f"1 MB of 'x' at byte {at}"
    if kind == "duplicate line" and lines:
        at = draw(st.integers(0, len(lines) - 1))
        return b"".join([*lines[:at + 1], lines[at], *lines[at + 1:]]), f"line {at + 1} twice"
    if kind == "delete line" and lines:
        at = draw(st.integers(0, len(lines) - 1))
        return b"".join([*lines[:at], *lines[at + 1:]]), f"line {at + 1} deleted"
    return b"", "empty file"


@st.composite
def csv_cell_mutation(draw: st.DrawFn, data: bytes) -> tuple[bytes, str, bool]:
    """A CSV cell replaced by a generated value; whether a data row (not the header) changed."""
    text = data.decode("utf-8-sig")
    records = list(csv.reader(io.StringIO(text, newline="")))
    filled = [i for i, record in enumerate(records) if record]
    header_too = draw(st.integers(0, 9)) == 0
    choices = filled if header_too else filled[1:]
    if not choices:
        return data, "no cell to change", False
    row = draw(st.sampled_from(choices))
    column = draw(st.integers(0, len(records[row]) - 1))
    value = draw(st.one_of(TEXT_VALUES, st.just("x" * HUGE))) if draw(
        st.integers(0, 19)) == 0 else draw(TEXT_VALUES)
    records[row][column] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    shown = value if len(value) < 40 else f"{value[:10]}... ({len(value):,} chars)"
    return (out.getvalue().encode("utf-8"), f"record {row} column {column} = {shown!r}",
            row != 0)


@st.composite
def token_mutation(draw: st.DrawFn, data: bytes, first_row: int = 1
                   ) -> tuple[bytes, str, bool]:
    """A whitespace-separated token of one line replaced by a generated value.

    The change is row-local when the line is at or after ``first_row``.
    """
    lines = _lines(data)
    filled = [i for i, line in enumerate(lines) if line.split()]
    if not filled:
        return data, "no token to change", False
    at = draw(st.sampled_from(filled))
    tokens = lines[at].split(b" ")
    position = draw(st.integers(0, len(tokens) - 1))
    value = draw(TEXT_VALUES)
    end = b"\n" if tokens[position].endswith(b"\n") else b""
    tokens[position] = value.encode("utf-8") + end
    lines[at] = b" ".join(tokens)
    return (b"".join(lines), f"line {at + 1} token {position} = {value!r}",
            at + 1 >= first_row)


@st.composite
def json_path(draw: st.DrawFn, node: Any) -> list[Any]:
    """A path (keys and indices) to a node inside a parsed JSON document."""
    path: list[Any] = []
    while isinstance(node, dict | list) and node and draw(st.integers(0, 3)) > 0:
        key = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
        path.append(key)
        node = node[key]
    return path


def _swap_type(value: Any) -> Any:
    """A number as a string and a string of digits as a number; others unchanged."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return value


@st.composite
def json_node_mutation(draw: st.DrawFn, document: Any) -> tuple[Any, str, list[Any]]:
    """One change to a parsed JSON document: a value, a field, or the document's shape.

    Returns the changed document, a description, and the path of the changed node (empty
    when the whole document was replaced).
    """
    kind = draw(st.sampled_from(["replace", "replace", "delete", "null", "swap type", "wrap",
                                 "document"]))
    if kind == "document":
        shape = draw(st.sampled_from(["scalar", "array", "object", "wrapped", "empty page",
                                      "errors only", "empty array", "empty object"]))
        replacement = {
            "scalar": draw(JSON_VALUES),
            "array": [document, document],
            "object": {"data": document},
            "wrapped": [document],
            "empty page": {"meta": {"result_count": 0}},
            "errors only": {"errors": [ERRORS_ENTRY]},
            "empty array": [],
            "empty object": {},
        }[shape]
        return replacement, f"document -> {shape}", []
    path = draw(json_path(document))
    if not path:
        return draw(JSON_VALUES), "document -> generated value", []
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    if kind == "delete":
        del parent[key]
        return document, f"delete {path}", path
    if kind == "null":
        parent[key] = None
    elif kind == "swap type":
        parent[key] = _swap_type(parent[key])
    elif kind == "wrap":
        parent[key] = [parent[key]]
    else:
        parent[key] = draw(JSON_VALUES)
    return document, f"{kind} {path} -> {parent[key]!r}"[:200], path


@st.composite
def jsonl_mutation(draw: st.DrawFn, data: bytes) -> tuple[bytes, str, bool]:
    """One line of a JSON lines file changed as a parsed document."""
    lines = _lines(data)
    filled = [i for i, line in enumerate(lines) if line.strip()]
    at = draw(st.sampled_from(filled))
    document, step, _ = draw(json_node_mutation(json.loads(lines[at])))
    lines[at] = json.dumps(document).encode("utf-8") + b"\n"
    return b"".join(lines), f"line {at + 1}: {step}", True


@st.composite
def json_mutation(draw: st.DrawFn, data: bytes) -> tuple[bytes, str, bool]:
    """A whole-file JSON document changed; row-local when inside one record of an array."""
    document = json.loads(data.decode("utf-8-sig"))
    records = isinstance(document, list)
    changed, step, path = draw(json_node_mutation(document))
    row_local = records and bool(path)
    return json.dumps(changed, indent=1).encode("utf-8"), step, row_local


@st.composite
def parquet_mutation(draw: st.DrawFn, data: bytes) -> tuple[bytes, str, bool]:
    """A Parquet file rewritten with a column of another type, a null, or no rows."""
    table = pq.read_table(io.BytesIO(data))
    frame = table.to_pandas()
    column = draw(st.sampled_from(list(frame.columns)))
    kind = draw(st.sampled_from(["as text", "epoch seconds", "as float", "null cell",
                                 "drop column", "no rows", "generated text", "future"]))
    local = False
    if kind == "as text":
        frame[column] = frame[column].astype(str)
    elif kind == "epoch seconds":
        frame[column] = pd.to_datetime(frame[column], utc=True, errors="coerce").astype(
            "int64") // 10**9 if frame[column].dtype.kind == "M" else range(len(frame))
    elif kind == "as float":
        frame[column] = pd.Series(range(len(frame)), dtype=float) + 0.5
    elif kind == "null cell":
        at = draw(st.integers(0, len(frame) - 1))
        frame[column] = frame[column].astype(object)
        frame.loc[at, column] = None
        local = True
    elif kind == "drop column":
        frame = frame.drop(columns=column)
    elif kind == "no rows":
        frame = frame.iloc[:0]
    elif kind == "generated text":
        at = draw(st.integers(0, len(frame) - 1))
        frame[column] = frame[column].astype(str)
        frame.loc[at, column] = draw(TEXT_VALUES)
        local = True
    else:
        at = draw(st.integers(0, len(frame) - 1))
        if frame[column].dtype.kind == "M":
            frame.loc[at, column] = pd.Timestamp("2099-01-01", tz="UTC")
            local = True
    out = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), out)
    return out.getvalue(), f"parquet {kind} {column!r}", local


def structural(data: bytes, suffix: str, first_row: int
               ) -> st.SearchStrategy[tuple[bytes, str, bool]]:
    """The structure-aware mutation of a file with this suffix."""
    if suffix not in (".csv", ".jsonl", ".json", ".parquet"):
        return token_mutation(data, first_row)
    return {
        ".csv": csv_cell_mutation,
        ".jsonl": jsonl_mutation,
        ".json": json_mutation,
        ".parquet": parquet_mutation,
    }[suffix](data)


@st.composite
def file_mutation(draw: st.DrawFn, data: bytes, suffix: str, first_row: int = 1) -> Mutated:
    """A structural change, raw byte changes, or both, to one file."""
    steps: list[str] = []
    row_local = False
    plan = draw(st.sampled_from(["structure", "structure", "bytes", "both"]))
    if plan in ("structure", "both"):
        data, step, row_local = draw(structural(data, suffix, first_row))
        steps.append(step)
    if plan in ("bytes", "both"):
        for _ in range(draw(st.integers(1, 2))):
            data, step = draw(byte_mutation(data))
            steps.append(step)
        row_local = False
    return Mutated(data, tuple(steps), row_local)


@st.composite
def zip_mutation(draw: st.DrawFn, data: bytes, first_row: int = 1) -> Mutated:
    """A zip archive with one member mutated, a member added, or its own bytes damaged."""
    plan = draw(st.sampled_from(["member", "member", "raw", "extra member", "no members"]))
    if plan == "raw":
        changed, step = draw(byte_mutation(data))
        return Mutated(changed, (f"zip: {step}",), False)
    source = zipfile.ZipFile(io.BytesIO(data))
    row_local = False
    members = {name: source.read(name) for name in source.namelist()}
    step = plan
    if plan == "member":
        name = draw(st.sampled_from(sorted(members)))
        mutated = draw(file_mutation(members[name], Path(name).suffix, first_row))
        members[name] = mutated.data
        step = f"member {name}: {'; '.join(mutated.steps)}"
        row_local = mutated.row_local
    elif plan == "extra member":
        name = draw(st.sampled_from(["notes.txt", "V1.00_update_2020_04_01/GOV_tweet_id/x.csv",
                                     "__MACOSX/._a.seq", "other.seq", "empty/"]))
        members[name] = b"1 2 3\n"
        step = f"extra member {name}"
    else:
        members = {}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return Mutated(out.getvalue(), (step,), row_local)


# --------------------------------------------------------------------------------------------
# Running one mutated sample
# --------------------------------------------------------------------------------------------


@st.composite
def scenario(draw: st.DrawFn, case: Case) -> tuple[str, Mutated, str | None]:
    """Which file to change, how, and the ``on_error`` policy to call the loader with."""
    target = draw(st.sampled_from(case.targets)) if case.takes_folder else case.sample.name
    source = case.sample / target if case.takes_folder else case.sample
    data = source.read_bytes()
    if source.suffix == ".zip":
        mutated = draw(zip_mutation(data, case.first_row))
    else:
        mutated = draw(file_mutation(data, source.suffix, case.first_row))
    on_error = draw(st.sampled_from([None, "skip"])) if case.skips else None
    return target, mutated, on_error


def run_scenario(case: Case, target: str, mutated: Mutated, on_error: str | None) -> list[str]:
    """Write the mutated sample to a temporary folder, run the loader, list what broke."""
    with tempfile.TemporaryDirectory() as folder:
        path = copy_sample(case, Path(folder))
        file = path / target if case.takes_folder else path
        file.write_bytes(mutated.data)
        outcome = call(case, path, on_error)
        return violations(case, outcome, Path(target).name, row_local=mutated.row_local,
                          on_error=on_error)


def check_scenario(case: Case, target: str, mutated: Mutated, on_error: str | None) -> None:
    """Fail with the mutation's description when the loader breaks its contract."""
    broken = run_scenario(case, target, mutated, on_error)
    assert not broken, (
        f"{case.name} on {target} after {list(mutated.steps)} (on_error={on_error!r}): "
        + "; ".join(broken)
    )


# --------------------------------------------------------------------------------------------
# The tests
# --------------------------------------------------------------------------------------------

ALL = [case.name for case in CASES]
PATH_KNOWN: dict[tuple[str, str], str] = {}
SAMPLE_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("name", _marked(ALL, SAMPLE_KNOWN))
@pytest.mark.parametrize("on_error", [None, "skip"])
def test_the_valid_sample_loads_whole(name: str, on_error: str | None) -> None:
    case = CASES_BY_NAME[name]
    if on_error is not None and not case.skips:
        pytest.skip(f"{name} takes no on_error (yet)")
    with tempfile.TemporaryDirectory() as folder:
        outcome = call(case, copy_sample(case, Path(folder)), on_error)
    assert outcome.error is None, f"{name} refuses its valid sample: {outcome.error!r}"
    for report in reports_of(outcome.result):
        assert report.skipped.empty, f"{name} skipped rows of its valid sample"
    assert not violations(case, outcome, "", row_local=False, on_error=on_error)


@pytest.mark.parametrize("name", _marked(ALL, KNOWN))
@settings(max_examples=EXAMPLES, **_SETTINGS)
@given(data=st.data())
def test_any_mutation_gives_the_frame_or_a_located_data_error(name: str, data: Any) -> None:
    case = CASES_BY_NAME[name]
    check_scenario(case, *data.draw(scenario(case), label="scenario"))


@pytest.mark.slow
@pytest.mark.parametrize("name", _marked(ALL, KNOWN))
@settings(max_examples=SLOW_EXAMPLES, **_SETTINGS)
@given(data=st.data())
def test_many_mutations_slow(name: str, data: Any) -> None:
    case = CASES_BY_NAME[name]
    check_scenario(case, *data.draw(scenario(case), label="scenario"))


@pytest.mark.parametrize(
    ("name", "wrong"),
    [
        pytest.param(name, wrong, marks=pytest.mark.xfail(
            strict=False, reason=PATH_KNOWN[(name, wrong)]))
        if (name, wrong) in PATH_KNOWN else (name, wrong)
        for name in ALL
        for wrong in ("missing", "the other kind")
    ],
)
def test_a_wrong_path_is_a_data_error_naming_it(name: str, wrong: str) -> None:
    case = CASES_BY_NAME[name]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / case.sample.name
        if wrong == "the other kind":
            if case.takes_folder:
                path.write_text("a\n1\n")
            else:
                path.mkdir()
        outcome = call(case, path, None)
        broken = violations(case, outcome, case.sample.name, row_local=False, on_error=None)
    assert outcome.error is not None, f"{name} loaded {wrong} path {path}"
    assert not broken, "; ".join(broken)


# --------------------------------------------------------------------------------------------
# Nothing wrong accepted silently: values the contracts refuse
# --------------------------------------------------------------------------------------------

REFUSED = {
    "id": ("12.0", "1.2e+18", "\u0661\u0662\u0663", "\uff11\uff12", "x", "-5", ""),
    "n": ("12.0", "1e3", "true", "inf", "-1", "x", "", "\u0661\u0662"),
    "share": ("inf", "-inf", "nan", "NaN", "true", "x", "1,5"),
    "when": ("4 March", "2016", "03/04/2030", "13/04/2030", "2099-01-01", "1614592800", "x",
             ""),
    "flag": ("maybe", "2", "x", ""),
    "name": ("", "  "),
}
"""For each column of :data:`TABLE`, values its contract refuses (issue 15, item 3)."""


@settings(max_examples=EXAMPLES * 2, **_SETTINGS)
@given(
    cell=st.sampled_from(sorted(REFUSED)).flatmap(
        lambda column: st.tuples(st.just(column), st.sampled_from(REFUSED[column]))),
    record=st.integers(1, 3),
    blank=st.integers(0, 2),
    on_error=st.sampled_from([None, "skip"]),
)
def test_read_table_refuses_what_its_contract_refuses(cell: tuple[str, str], record: int,
                                                      blank: int, on_error: str | None) -> None:
    """A refused value is reported at its line, counted after ``blank`` blank lines."""
    column, value = cell
    records = list(csv.reader(io.StringIO((FUZZ / "table.csv").read_text(), newline="")))
    records[record][records[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    header, body = out.getvalue().split("\n", 1)
    line = record + 1 + blank
    keywords = {} if on_error is None else {"on_error": on_error}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "table.csv"
        path.write_text(header + "\n" * (1 + blank) + body, encoding="utf-8")
        if on_error is None:
            with pytest.raises(DataError) as caught:
                gio.read_table(path, TABLE, **keywords)
            assert f"row {line}, column {column!r}" in str(caught.value)
        else:
            loaded = gio.read_table(path, TABLE, **keywords)
            assert len(loaded.frame) == len(records) - 2
            assert line in set(loaded.report.skipped["row"])
            assert loaded.report.rows_kept == len(loaded.frame)


TWEET_FIELDS = [
    ("id", "123456789012345678901234567890"),
    ("id", "\u0661\u0662\u0663\u0664"),
    ("id", 1.2e18),
    ("id", 1900000000000000001),
    ("id", ""),
    ("author_id", 1001),
    ("created_at", 1614592800),
    ("created_at", "4 March"),
    ("created_at", "2016"),
    ("created_at", "03/04/2015"),
    ("created_at", "2099-01-01T00:00:00Z"),
    ("public_metrics.like_count", "12"),
    ("public_metrics.like_count", True),
    ("public_metrics.like_count", 12.5),
    ("public_metrics.like_count", -1),
    ("public_metrics.retweet_count", float("inf")),
    ("text", 12),
]
"""A field of the first tweet of the sample, and a value the API never writes there."""
TWEETS_KNOWN: dict[tuple[str, str], str] = {}


def _tweet_cases() -> list[Any]:
    cases = []
    for field_name, value in TWEET_FIELDS:
        key = (field_name, repr(value))
        marks = (
            [pytest.mark.xfail(strict=False, reason=TWEETS_KNOWN[key])]
            if key in TWEETS_KNOWN else []
        )
        cases.append(pytest.param(field_name, value, marks=marks, id=f"{field_name}={value!r}"))
    return cases


@pytest.mark.parametrize(("field_name", "value"), _tweet_cases())
def test_read_tweets_refuses_what_the_api_never_writes(field_name: str, value: Any) -> None:
    lines = (DATA / "tweets_v2_sample.jsonl").read_text(encoding="utf-8").splitlines()
    page = json.loads(lines[0])
    tweet = page["data"][0]
    tweet_id = tweet["id"]
    *parents, last = field_name.split(".")
    node = tweet
    for part in parents:
        node = node[part]
    node[last] = value
    lines[0] = json.dumps(page)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tweets.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        with pytest.raises(DataError) as caught:
            gio.read_tweets_v2_jsonl(path)
    message = str(caught.value)
    assert "tweets.jsonl" in message and _PLACE.search(message), message
    if field_name != "id":
        assert tweet_id in message, f"the message does not name tweet {tweet_id}: {message}"


@settings(max_examples=EXAMPLES, **_SETTINGS)
@given(records=st.lists(st.integers(1, 3), min_size=2, max_size=3, unique=True),
       column=st.sampled_from(["n", "when", "flag"]))
def test_every_problem_of_a_file_at_once(records: list[int], column: str) -> None:
    """Several refused values in one file: one DataError lists each with its line."""
    rows = list(csv.reader(io.StringIO((FUZZ / "table.csv").read_text(), newline="")))
    for record in records:
        rows[record][rows[0].index(column)] = "x"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "table.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        with pytest.raises(DataError) as caught:
            gio.read_table(path, TABLE)
    assert caught.value.total == len(records)
    for record in records:
        assert f"row {record + 1}, column {column!r}" in str(caught.value)
    assert 'on_error="skip"' in str(caught.value)


CSV_TARGETS = [
    (case.name, target)
    for case in CASES
    if case.takes_folder and case.name.endswith("load_folder")
    for target in case.targets
    if target.endswith(".csv") and target != "facebook_posts.csv"
]
"""The hand-made CSV files of the chapters' folders, each keyed by its first column."""
LINE_KNOWN: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize(
    ("name", "target"),
    [
        pytest.param(*key, marks=pytest.mark.xfail(strict=False, reason=LINE_KNOWN[key]))
        if key in LINE_KNOWN else key
        for key in CSV_TARGETS
    ],
)
def test_a_repeated_row_after_blank_lines_is_named_by_its_line(name: str, target: str) -> None:
    """Lines are counted in the file (blank lines too), not as positions in the frame."""
    case = CASES_BY_NAME[name]
    text = (case.sample / target).read_text(encoding="utf-8")
    header, body = text.split("\n", 1)
    first = next(csv.reader(io.StringIO(body)))
    again = io.StringIO()
    csv.writer(again, lineterminator="\n").writerow(first)
    changed = f"{header}\n\n\n{body.rstrip(chr(10))}\n{again.getvalue()}"
    line = changed.count("\n")
    with tempfile.TemporaryDirectory() as folder:
        path = copy_sample(case, Path(folder))
        (path / target).write_text(changed, encoding="utf-8")
        outcome = call(case, path, None)
    assert isinstance(outcome.error, DataError), (
        f"{name} accepted {target} with its first row repeated on line {line}: {outcome}"
    )
    message = str(outcome.error)
    assert re.search(rf"\b(?:row|line) {line}\b", message), message


TINY = {
    "empty": b"",
    "blank lines": b"\n\n\r\n",
    "a byte-order mark": b"\xef\xbb\xbf",
    "a cut byte-order mark": b"\xef\xbb",
    "a cut UTF-8 letter": b"\xc3",
    "a NUL": b"\x00",
    "a quote": b'"',
    "one word": b"a",
    "null": b"null",
    "an array": b"[]",
    "an object": b"{}",
}
"""Files of a few bytes: every loader must refuse them with a DataError naming the file."""
TINY_KNOWN: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param(name, content, marks=pytest.mark.xfail(
            strict=False, reason=TINY_KNOWN[(name, content)]))
        if (name, content) in TINY_KNOWN else (name, content)
        for name in ALL
        for content in TINY
    ],
)
def test_a_file_of_a_few_bytes_gives_a_data_error(name: str, content: str) -> None:
    case = CASES_BY_NAME[name]
    target = case.targets[0] if case.takes_folder else case.sample.name
    data = TINY[content]
    if target.endswith(".zip"):  # the archive holds the tiny file
        members = zipfile.ZipFile(case.sample).namelist()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr(members[0], data)
        data = out.getvalue()
    mutated = Mutated(data, (content,), False)
    check_scenario(case, target, mutated, None)
