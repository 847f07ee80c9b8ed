"""The reader's own interviews (:func:`load_folder`) and the real crowd of two Canadian crises.

An own-data folder holds one transcript per interview (``.md`` or ``.txt``) and ``codes.csv``.
A transcript starts with a header of ``key: value`` lines (``interview``, ``agency``, ``level``;
others, such as ``date``, are kept) closed by a line ``---``; then one segment per line,
``[segment id] text``, or ``[segment id] (Q2) text`` to record the question. Blank lines and
Markdown headings (lines starting with ``#``) are skipped. ``codes.csv`` has the columns
``segment``, ``coder``, ``code`` (contract :data:`CODES_FILE`); an optional ``codebook.csv``
(``code``, ``label``, ``swot``; contract :data:`CODEBOOK_FILE`) replaces the chapter's codebook.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from govsocial import io
from govsocial.io.core import readable_folder, shown_path
from govsocial.io.crisislex import read_crisislex_labelled
from govsocial.schema import (
    SKIP_HINT,
    Checked,
    Column,
    Contract,
    DataError,
    LoadReport,
    OnError,
    Problem,
)
from govsocial.stats import wilson_interval

from .codebook import LEVELS, SWOT, codebook
from .simulate import InterviewData

__all__ = [
    "CANADIAN_CRISES",
    "CODEBOOK_FILE",
    "CODES_FILE",
    "crisis_shares",
    "load_folder",
    "read_canadian_crises",
]

CODES_FILE = Contract(
    "interview codes",
    (
        Column("segment", "string", description="the segment id, as in the transcript"),
        Column("coder", "string",
               description="who coded it (two coders; 'reconciled' for the agreed codes)"),
        Column("code", "string", description="one code of the codebook"),
    ),
    key=("segment", "coder", "code"),
)
"""``codes.csv``: one row per code a coder gave a segment."""

CODEBOOK_FILE = Contract(
    "interview codebook",
    (
        Column("code", "string", unique=True, description="the code as used in codes.csv"),
        Column("label", "string", description="the theme's name as the tables show it"),
        Column("swot", "string", allowed=SWOT, description="the code's SWOT cell"),
    ),
)
"""``codebook.csv`` (optional): the reader's own codes."""

CANADIAN_CRISES = ("2013_Alberta_floods", "2013_Lac_Megantic_train_crash")
"""The two Canadian crises of CrisisLexT26."""

_HEADER = re.compile(r"^(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*\S)\s*$")
_SEGMENT = re.compile(r"^\[(?P<segment>[^\]\s]+)\]\s*(?:\((?P<question>[^)]+)\)\s*)?"
                      r"(?P<text>\S.*)$")
_REQUIRED = ("interview", "agency", "level")


def _read_transcript(path: Path) -> tuple[dict[str, str], list[dict], list[Problem]]:
    file = shown_path(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    header, rows, problems = {}, [], []
    end = next((k for k, line in enumerate(lines) if line.strip() == "---"), None)
    if end is None:
        return {}, [], [Problem("the transcript has no header closed by a line '---'",
                                file=file, row=1, expected="key: value lines, then ---",
                                found=repr(lines[0][:40]) if lines else "an empty file")]
    for number, line in enumerate(lines[:end], 1):
        match = _HEADER.match(line.strip())
        if match:
            header[match["key"].lower()] = match["value"]
        elif line.strip():
            problems.append(Problem("a header line is not 'key: value'", file=file, row=number,
                                    expected="key: value", found=repr(line[:40])))
    for key in _REQUIRED:
        if key not in header:
            problems.append(Problem(f"the header lacks '{key}'", file=file, row=end + 1,
                                    expected=", ".join(_REQUIRED), found=", ".join(header)))
    if "level" in header and header["level"] not in LEVELS:
        row = next(k for k, line in enumerate(lines[:end], 1) if line.lower().startswith("level"))
        problems.append(Problem("unknown level of government", file=file, row=row,
                                column="level", expected=" or ".join(LEVELS),
                                found=repr(header["level"])))
    for number, line in enumerate(lines[end + 1:], end + 2):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        match = _SEGMENT.match(text)
        if match is None:
            problems.append(Problem("a line is neither blank, a heading nor a segment",
                                    file=file, row=number, expected="[segment id] text",
                                    found=repr(text[:40])))
            continue
        rows.append({"segment": match["segment"], "question": match["question"] or "",
                     "text": match["text"], "_file": file, "_line": number})
    return header, rows, problems


def load_folder(folder: str | Path, *, on_error: OnError = "raise") -> InterviewData:
    """Read the reader's own interview study from a folder.

    Parameters
    ----------
    folder : str or path-like
        One transcript per interview (``*.md`` or ``*.txt``), ``codes.csv``, and optionally
        ``codebook.csv``.
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every problem with its file and line. ``"skip"``:
        transcripts with problems and rows of ``codes.csv`` with problems are left out, and
        the reports list them.

    Returns
    -------
    InterviewData
        ``truth`` and ``effects`` are None; ``reports`` say what was read.

    Raises
    ------
    DataError
        When the folder, its transcripts or ``codes.csv`` are missing; a transcript's header
        lacks a key or names an unknown level; a line is not a segment; a segment id repeats;
        or ``codes.csv`` names a segment no transcript has or a code not in the codebook.

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> data = load_folder(data_dir().parent / "tests" / "data" / "interviews")
    >>> len(data.interviews), sorted(data.codes["coder"].unique())
    (4, ['A', 'B'])
    """
    folder = readable_folder(folder)
    paths = sorted(p for p in folder.iterdir() if p.suffix in (".md", ".txt")
                   and p.name.lower() != "readme.md")
    codes_path = folder / "codes.csv"
    if not paths or not codes_path.is_file():
        raise DataError("the interview folder needs transcripts (.md or .txt) and codes.csv",
                        file=str(folder), expected="I01.md, I02.md, ..., codes.csv",
                        found=", ".join(sorted(p.name for p in folder.iterdir())) or "nothing")
    interviews, segments, problems = [], [], []
    bad_files = 0
    for path in paths:
        header, rows, found = _read_transcript(path)
        seen = {s["segment"] for s in segments}
        for row in rows:
            if row["segment"] in seen:
                found.append(Problem("a segment id is used twice", file=row["_file"],
                                     row=row["_line"], expected="a new segment id",
                                     found=repr(row["segment"])))
            seen.add(row["segment"])
        if found:
            problems += found
            bad_files += 1
            continue
        interviews.append({k: header.get(k) for k in (*_REQUIRED, "speaker")})
        segments += [{**r, "interview": header["interview"], "agency": header["agency"],
                      "level": header["level"], "speaker": header.get("speaker", "")}
                     for r in rows]
    if problems and (on_error == "raise" or not interviews):
        raise DataError.of(problems, hint=SKIP_HINT if on_error == "raise" else None)
    report = LoadReport(shown_path(folder), rows_read=len(paths))
    if bad_files:
        report.dropped["transcripts with problems, skipped"] = bad_files
    book = codebook()
    reports = [report]
    if (folder / "codebook.csv").is_file():
        loaded_book = io.read_table(folder / "codebook.csv", CODEBOOK_FILE)
        book = loaded_book.frame.assign(definition="", include="", exclude="", example="")
        reports.append(loaded_book.report)
    loaded = io.read_table(codes_path, CODES_FILE, on_error=on_error)
    codes = loaded.frame
    known = {s["segment"] for s in segments}
    allowed = set(book["code"])
    rows = []
    for position, (segment, code) in enumerate(zip(codes["segment"], codes["code"],
                                                   strict=True)):
        line = loaded.lines[position]
        if segment not in known:
            rows.append((position, line, "segment", "segment not in any transcript",
                         "a segment id of a transcript", repr(segment)))
        if code not in allowed:
            rows.append((position, line, "code", "code not in the codebook",
                         "one of " + ", ".join(book["code"]), repr(code)))
    if rows:
        table = pd.DataFrame(rows, columns=["position", "row", "column", "problem",
                                            "expected", "found"])
        codes, skipped = Checked(codes, table, CODES_FILE, str(codes_path)).settle(on_error)
        loaded.report.skip(skipped)
    reports.append(loaded.report)
    segment_frame = pd.DataFrame(segments)[["segment", "interview", "agency", "level",
                                            "speaker", "question", "text"]]
    interview_frame = pd.DataFrame(interviews)
    agencies = interview_frame[["agency", "level"]].drop_duplicates("agency")
    agencies = agencies.sort_values(["level", "agency"], key=lambda c: c.map(
        {lv: i for i, lv in enumerate(LEVELS)}) if c.name == "level" else c)
    return InterviewData(agencies=agencies.reset_index(drop=True), interviews=interview_frame,
                         segments=segment_frame, codes=codes.reset_index(drop=True),
                         reports=reports, codebook=book)


def read_canadian_crises(folder: str | Path, events=CANADIAN_CRISES) -> pd.DataFrame:
    """Read the labelled tweets of CrisisLexT26's Canadian crises with the book's loader.

    Parameters
    ----------
    folder : str or path-like
        The ``CrisisLexT26`` folder.
    events : sequence of str
        Event folders to read.

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> tweets = read_canadian_crises(data_dir() / "crisislex" / "CrisisLexT26")
    >>> sorted(tweets["event"].unique()) == sorted(CANADIAN_CRISES)
    True
    """
    folder = Path(folder)
    frames = [read_crisislex_labelled(folder / e / f"{e}-tweets_labeled.csv").frame
              for e in events]
    return pd.concat(frames, ignore_index=True)


def crisis_shares(tweets: pd.DataFrame, column: str, *, level: float = 0.95) -> pd.DataFrame:
    """Share of each label of ``column`` per event, with Wilson intervals.

    Tweets labelled "Not labeled" are left out of the denominator; "Not applicable" counts as
    a label of its own.

    Returns
    -------
    DataFrame
        ``event``, ``label``, ``tweets`` (with that label), ``total``, ``share``, ``ci_low``,
        ``ci_high``, sorted by event and descending share.

    Examples
    --------
    >>> t = pd.DataFrame({"event": ["e"] * 4, "information_source": ["Media", "Media",
    ...                   "Government", "Not labeled"]})
    >>> crisis_shares(t, "information_source")[["label", "share"]].values.tolist()
    [['Media', 0.6666666666666666], ['Government', 0.3333333333333333]]
    """
    kept = tweets[tweets[column] != "Not labeled"]
    counts = kept.groupby(["event", column]).size().rename("tweets").reset_index()
    counts = counts.rename(columns={column: "label"})
    counts["total"] = counts.groupby("event")["tweets"].transform("sum")
    counts["share"] = counts["tweets"] / counts["total"]
    low, high = wilson_interval(counts["tweets"].to_numpy(), counts["total"].to_numpy(), level)
    counts["ci_low"], counts["ci_high"] = low, high
    counts = counts.sort_values(["event", "share"], ascending=[True, False], kind="stable")
    return counts.reset_index(drop=True)
