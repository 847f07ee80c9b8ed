"""The coproduction chapter's data: the reader's own tweets, and the CrisisLex files.

- :func:`load_folder`: a reader's ``tweets.jsonl`` (Twitter API v2) and ``accounts.csv``,
  into the frames :func:`~govsocial.coproduction.simulate` builds;
- :func:`read_crisislex_t6`: the CrisisLexT6 Hurricane Sandy tweets, times decoded from the ids;
- :func:`read_account_types`: the hand-made table of organisational accounts;
- :func:`read_crisislex_timeline`, :func:`read_crisislex_timelines`: CrisisLexT26 timelines.

Every reader validates what it reads and raises :class:`~govsocial.schema.DataError` naming the
file, line and column of the first problem.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from govsocial import io
from govsocial.io.core import readable_file, readable_folder
from govsocial.schema import (
    SKIP_HINT,
    Checked,
    Column,
    Contract,
    DataError,
    LoadReport,
    OnError,
    Problem,
    check,
    validate,
)

from ._common import _RT_PATTERN
from .simulate import ACCOUNT_TYPES, ACCOUNTS, LANDFALL, TWEETS, CoproductionData

__all__ = [
    "OWN_ACCOUNTS",
    "SANDY",
    "SANDY_ACCOUNT_TYPES",
    "TIMELINE",
    "load_folder",
    "read_account_types",
    "read_crisislex_t6",
    "read_crisislex_timeline",
    "read_crisislex_timelines",
]


# --------------------------------------------------------------------------------------------
# Own data
# --------------------------------------------------------------------------------------------

OWN_ACCOUNTS = Contract(
    "coproduction accounts.csv",
    (
        Column("username", "string", unique=True,
               description="Handle without the @, as in the tweets' includes.users."),
        Column("account_type", "string", allowed=ACCOUNT_TYPES,
               description="government or citizen."),
        Column("followers", "int", minimum=0,
               description="Followers when the tweets were collected (count)."),
        Column("name", "string", nullable=True, description="Display name (optional)."),
    ),
    key=("username",),
)
"""Contract of a reader's ``accounts.csv`` (see :func:`load_folder`)."""


def load_folder(folder: str | Path, *, landfall: pd.Timestamp | str = LANDFALL,
                on_error: OnError = "raise") -> CoproductionData:
    """Read a reader's own tweets and accounts into the frames the analysis uses.

    The folder holds ``tweets.jsonl`` (Twitter API v2 responses, one per line, as ``twarc2``
    writes them with ``expansions=author_id``; read by
    :func:`govsocial.io.read_tweets_v2_jsonl`) and ``accounts.csv`` (columns of
    :data:`OWN_ACCOUNTS`: ``username``, ``account_type`` government or citizen, ``followers``,
    optional ``name``), which must list every author of a tweet. Handles are matched without
    regard to case.

    A retweet's original author is the author of the referenced tweet when it is in the file,
    and otherwise the ``RT @account`` at the start of its text. Twitter's API links every
    retweet to the original, not to the retweet it was passed on from, so cascades in your data
    have depth 1.

    Parameters
    ----------
    folder : str or path-like
        The folder with the two files.
    landfall : Timestamp or str
        When the disaster struck (UTC), marked on the figures.
    on_error : {"raise", "skip"}
        ``"raise"``: problems in rows raise one DataError listing them all, each with its line
        (or tweet id). ``"skip"``: those rows (and tweets by authors not in ``accounts.csv``)
        are left out, and the report lists them.

    Returns
    -------
    CoproductionData
        ``effects`` is None; ``report`` says what was read and dropped.

    Raises
    ------
    DataError
        For a missing folder or file, malformed files, a handle listed twice (any case),
        tweets without usernames (collected without ``expansions=author_id``), an author
        missing from ``accounts.csv``, or a retweet whose original author cannot be found.

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> folder = data_dir().parent / "tests" / "data" / "coproduction"
    >>> data = load_folder(folder)
    >>> int(data.tweets["retweeted_id"].notna().sum()), data.report.rows_kept
    (6, 10)
    """
    folder = readable_folder(folder)
    tweets_path, accounts_path = folder / "tweets.jsonl", folder / "accounts.csv"
    for path in (tweets_path, accounts_path):
        if not path.is_file():
            raise DataError(
                "the own-data folder is missing a file",
                file=str(path),
                expected="tweets.jsonl (Twitter API v2) and accounts.csv",
                found="no such file",
            )
    loaded = _read_tweets(tweets_path, on_error)
    own = _read_own_accounts(accounts_path, on_error).frame
    raw, report = loaded.frame, loaded.report
    if raw["username"].isna().all():
        raise DataError(
            "no tweet carries its author's username, so none can be matched to accounts.csv: "
            "the responses have no includes.users (were the tweets collected without "
            "expansions=author_id?)",
            file=str(tweets_path), column="includes.users",
            expected="responses with includes.users (request expansions=author_id)",
            found=f"{len(raw):,} tweets, no usernames",
        )
    spelling = dict(zip(own["username"].str.lower(), own["username"], strict=True))
    author = raw["username"].str.lower().map(spelling)
    raw = _drop_tweets(raw, author.isna().to_numpy(bool), loaded.lines, report, on_error,
                       str(tweets_path))
    raw = raw.assign(username=author.dropna().astype("string").to_numpy())
    author_of = dict(zip(raw["tweet_id"], raw["username"], strict=True))
    retweeted_id = raw["referenced_id"].where(raw["is_retweet"])
    from_text = raw["text"].str.extract(_RT_PATTERN, expand=False)
    retweeted_account = retweeted_id.map(author_of).fillna(from_text).where(raw["is_retweet"])
    lost = raw["is_retweet"] & retweeted_account.isna()
    if lost.any():
        position = int(np.flatnonzero(lost.to_numpy())[0])
        raise DataError(
            "cannot tell whose tweet this retweet passes on",
            file=str(tweets_path),
            column="referenced_tweets.id",
            expected="the retweeted tweet in the file, or a text starting 'RT @account:'",
            found=f"tweet {raw['tweet_id'].iloc[position]}",
        )
    tweets = pd.DataFrame({
        "tweet_id": raw["tweet_id"],
        "account": raw["username"],
        "created_at": raw["created_at"],
        "text": raw["text"],
        "retweeted_id": retweeted_id,
        "retweeted_account": retweeted_account,
    })
    tweets = validate(tweets, TWEETS, file=str(tweets_path))
    tweets = tweets.sort_values(["created_at", "tweet_id"], kind="stable").reset_index(drop=True)
    accounts = validate(
        pd.DataFrame({
            "account": own["username"],
            "name": own["name"],
            "account_type": own["account_type"],
            "role": own["account_type"],
            "followers": own["followers"],
        }),
        ACCOUNTS,
        file=str(accounts_path),
    )
    outside = tweets["retweeted_id"].notna() & ~tweets["retweeted_id"].isin(tweets["tweet_id"])
    return CoproductionData(
        accounts=accounts, tweets=tweets, effects=None, landfall=pd.Timestamp(landfall),
        report=report, scale="own data",
        notes={"retweets_of_tweets_outside_the_file": int(outside.sum())},
    )


_UNLISTED = "author not in accounts.csv"


def _read_tweets(path: Path, on_error: OnError) -> io.Loaded:
    """Read ``tweets.jsonl`` (Twitter API v2 JSON lines)."""
    return io.read_tweets_v2_jsonl(path, on_error=on_error)


def _read_own_accounts(path: Path, on_error: OnError) -> io.Loaded:
    """Read ``accounts.csv``; a handle listed twice in any case names both lines."""
    loaded = io.read_table(path, OWN_ACCOUNTS, on_error=on_error)
    handles = loaded.frame["username"]
    lowered = handles.str.lower()
    again = np.flatnonzero(lowered.duplicated().to_numpy(bool))
    if not len(again):
        return loaded
    first = {handle: i for i, handle in reversed(list(enumerate(lowered)))}
    problems = pd.DataFrame({
        "position": again,
        "row": [loaded.lines[i] for i in again],
        "column": "username",
        "problem": "this handle is listed twice (handles ignore case)",
        "expected": "each account once",
        "found": [f"{handles.iloc[i]!r} (line {loaded.lines[first[lowered.iloc[i]]]} has "
                  f"{handles.iloc[first[lowered.iloc[i]]]!r})" for i in again],
    })
    checked = Checked(loaded.frame, problems, OWN_ACCOUNTS, str(path))
    frame, skipped = checked.settle(on_error)
    loaded.report.skip(skipped)
    return io.Loaded(frame, loaded.report)


def _drop_tweets(raw: pd.DataFrame, unlisted: np.ndarray, lines: list[int] | None,
                 report: LoadReport, on_error: OnError, file: str) -> pd.DataFrame:
    """Raise at tweets whose author is not in ``accounts.csv``, or leave them out and count them.

    Each problem names the tweet id, the author and, when the reader gives it, the line.
    """
    if not unlisted.any():
        return raw
    problems = [
        Problem("a tweet's author is not listed in accounts.csv", file=file,
                row=lines[i] if lines else None, column="username",
                expected="a row of accounts.csv for every author (handles ignore case)",
                found=f"{raw['username'].iloc[i]!r} (author of tweet {raw['tweet_id'].iloc[i]})")
        for i in np.flatnonzero(unlisted)
    ]
    if on_error == "raise":
        raise DataError.of(problems, hint=SKIP_HINT)
    report.dropped[_UNLISTED] = len(problems)
    return raw[~unlisted].reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Real data: CrisisLexT6 (Hurricane Sandy) and the CrisisLexT26 timelines
# --------------------------------------------------------------------------------------------

SANDY = Contract(
    "CrisisLexT6 on-topic / off-topic tweets",
    (
        Column("event", "string", description="Crisis, from the folder name."),
        Column("tweet_id", "string", unique=True,
               description="Tweet id (digits; the file wraps it in single quotes)."),
        Column("created_at", "datetime",
               description="When the tweet was posted (UTC), decoded from the Snowflake id."),
        Column("text", "string",
               description="Text of the tweet as collected, HTML entities unescaped once."),
        Column("label", "string", allowed=("on-topic", "off-topic"),
               description="Crowd label: about the crisis (on-topic) or not (off-topic)."),
        Column("is_retweet", "bool", description="The text contains 'RT @account'."),
        Column("retweeted_account", "string", nullable=True,
               description="The account after the first 'RT @', lower case."),
    ),
    key=("tweet_id",),
)
"""Contract of :func:`read_crisislex_t6`."""

SANDY_ACCOUNT_TYPES = Contract(
    "hand-made table of organisational accounts",
    (
        Column("account", "string", unique=True, description="Handle as written in the data."),
        Column("organisation", "string", description="The organisation the handle names."),
        Column("account_type", "string",
               allowed=("emergency or weather service", "government", "news media", "business",
                        "utility", "non-profit"),
               description="Kind of organisation."),
        Column("basis", "string", description="Why: what in the handle names it."),
    ),
    key=("account",),
)
"""Contract of :func:`read_account_types` (``data/crisislex/sandy_account_types.csv``)."""

TIMELINE = Contract(
    "CrisisLexT26 timeline",
    (
        Column("event", "string", description="Crisis, from the file name."),
        Column("tweet_id", "string", description="Tweet id (digits)."),
        Column("created_at", "datetime", description="Timestamp given in the file (UTC)."),
        Column("included", "bool", description="In the period the collectors analysed (Y/N)."),
    ),
    key=("event", "tweet_id"),
)
"""Contract of :func:`read_crisislex_timeline`."""

_T6_SUFFIX = "-ontopic_offtopic.csv"
_TIMELINE_SUFFIX = "-tweetids_entire_period.csv"


def _csv_rows(path: Path, header: Sequence[str]) -> tuple[io.core._CsvRecords, list[Problem]]:
    """Read a CSV file whose (stripped) header must be ``header``.

    Returns its records of the right width, and a problem for each record of the wrong width.

    The reading itself (UTF-8, quoted fields over several lines, each record's starting line,
    no data rows, ragged rows) is :mod:`govsocial.io`'s, shared with every CSV loader.
    """
    path = readable_file(path)
    records = io._read_csv_records(path)
    if records.header != list(header):
        raise DataError(
            "unexpected header",
            file=str(path),
            row=1,
            column=next((h for h in header if h not in records.header), None),
            expected=f"columns {list(header)}",
            found=f"columns {records.header}",
        )
    return io.core._width_problems(records, path)


_PLACEHOLDER_TIME = pd.Timestamp("2010-11-04", tz="UTC")


def _row_problems(rows: list[tuple[int, str, str, str, str]], lines: Sequence[int]
                  ) -> pd.DataFrame:
    """Build a problems table from (position, column, problem, expected, found) tuples."""
    return pd.DataFrame({
        "position": [r[0] for r in rows], "row": [lines[r[0]] for r in rows],
        "column": [r[1] for r in rows], "problem": [r[2] for r in rows],
        "expected": [r[3] for r in rows], "found": [r[4] for r in rows],
    })


def _settle(checked: Checked, extra: pd.DataFrame, width: list[Problem], on_error: OnError
            ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Join the reader's own problems to :func:`check`'s and apply ``on_error``."""
    if not extra.empty:
        table = extra if checked.problems.empty else pd.concat([checked.problems, extra])
        checked = dataclasses.replace(
            checked, problems=table.sort_values("position", kind="stable", ignore_index=True)
        )
    return checked.add(width).settle(on_error)


def _id_problems(ids: Sequence[str], column: str) -> list[tuple[int, str, str, str, str]]:
    """(position, column, problem, expected, found) of each id that is not digits."""
    return [
        (i, column, "a tweet id must be a string of digits",
         "digits, optionally in single quotes", repr(value))
        for i, value in enumerate(ids) if not (value.isascii() and value.isdigit())
    ]


def read_crisislex_t6(path: str | Path, *, on_error: OnError = "raise") -> io.Loaded:
    """Read one CrisisLexT6 ``<event>-ontopic_offtopic.csv`` file.

    The header is ``tweet id, tweet, label``; ids are wrapped in single quotes; HTML entities
    in the text are unescaped once (``&amp;`` is ``&``). Each tweet's creation time is decoded
    from its id (:func:`govsocial.io.tweet_id_to_datetime`).

    Parameters
    ----------
    path : str or path-like
        The CSV file.
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every problem with its line. ``"skip"``: rows with
        problems are left out and ``report.skipped`` lists them.

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`SANDY`, in time order.

    Raises
    ------
    DataError
        For a missing file, a wrong header, a row with the wrong number of fields, an id that
        is not digits, a label other than on-topic / off-topic, or a repeated id (named by file
        line).

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> folder = data_dir() / "crisislex" / "CrisisLexT6" / "2012_Sandy_Hurricane"
    >>> sandy = read_crisislex_t6(folder / "2012_Sandy_Hurricane-ontopic_offtopic.csv").frame
    >>> len(sandy), sandy["label"].value_counts().to_dict()
    (10008, {'on-topic': 6138, 'off-topic': 3870})
    """
    path = Path(path)
    records, width = _csv_rows(path, ("tweet id", "tweet", "label"))
    rows, lines = records.rows, records.lines
    ids = [row[0].strip().strip("'").strip() for row in rows]
    bad_ids = _id_problems(ids, "tweet id")
    bad = {problem[0] for problem in bad_ids}
    times = pd.Series(_PLACEHOLDER_TIME, index=range(len(rows)))
    good = [i for i in range(len(rows)) if i not in bad]
    if good:
        decoded = io.tweet_id_to_datetime([ids[i] for i in good])
        times.iloc[good] = pd.to_datetime(decoded, utc=True).to_numpy()
    texts = [html.unescape(row[1]) for row in rows]
    account = pd.Series(texts, dtype=object).str.extract(_RT_PATTERN, expand=False)
    event = path.name[: -len(_T6_SUFFIX)] if path.name.endswith(_T6_SUFFIX) else path.stem
    frame = pd.DataFrame({
        "event": event,
        "tweet_id": ids,
        "created_at": pd.to_datetime(times, utc=True).array,
        "text": texts,
        "label": [row[2].strip() for row in rows],
        "is_retweet": account.notna().to_numpy(),
        "retweeted_account": account.str.lower().to_numpy(),
    })
    checked = check(frame, SANDY, file=str(path), row_numbers=lines)
    table, skipped = _settle(checked, _row_problems(bad_ids, lines), width, on_error)
    table = table.sort_values(["created_at", "tweet_id"], kind="stable").reset_index(drop=True)
    report = LoadReport(io.shown_path(path), rows_read=len(rows) + len(width))
    report.skip(skipped)
    return io.Loaded(table, report)


def read_account_types(path: str | Path, *, on_error: OnError = "raise") -> io.Loaded:
    """Read the hand-made table of organisational accounts.

    Parameters
    ----------
    path : str or path-like
        A CSV with the columns of :data:`SANDY_ACCOUNT_TYPES`.
    on_error : {"raise", "skip"}
        As for :func:`govsocial.io.read_table`; a handle listed twice (any case) is a problem
        of its second row.

    Returns
    -------
    Loaded
        The validated table (handles as written; compare them in lower case).

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> table = read_account_types(data_dir() / "crisislex" / "sandy_account_types.csv").frame
    >>> table.set_index("account").loc["fema", "account_type"]
    'emergency or weather service'
    """
    loaded = io.read_table(path, SANDY_ACCOUNT_TYPES, on_error=on_error)
    handles = loaded.frame["account"]
    lowered = handles.str.lower()
    again = np.flatnonzero(lowered.duplicated().to_numpy(bool))
    if not len(again):
        return loaded
    first = {handle: i for i, handle in reversed(list(enumerate(lowered)))}
    problems = _row_problems([
        (i, "account", "an account is listed twice (handles ignore case)", "each handle once",
         f"{handles.iloc[i]!r} (line {loaded.lines[first[lowered.iloc[i]]]} has "
         f"{handles.iloc[first[lowered.iloc[i]]]!r})")
        for i in again
    ], loaded.lines)
    table, skipped = Checked(loaded.frame, problems, SANDY_ACCOUNT_TYPES, str(path)).settle(
        on_error)
    loaded.report.skip(skipped)
    return io.Loaded(table, loaded.report)


_STAMP = "%a %b %d %H:%M:%S %z %Y"


def read_crisislex_timeline(path: str | Path, *, included_only: bool = True,
                            on_error: OnError = "raise") -> io.Loaded:
    """Read one CrisisLexT26 ``<event>-tweetids_entire_period.csv`` file.

    The header is ``Timestamp, Tweet-ID, Included(Y/N)``; timestamps are in Twitter's format
    (``Thu Jun 20 03:56:19 +0000 2013``).

    Parameters
    ----------
    path : str or path-like
        The CSV file.
    included_only : bool
        Keep only the tweets marked ``Y`` (in the period the collectors analysed); the others
        are counted in the report as dropped. Rows that repeat an earlier row exactly (some
        files have a few) are always dropped and counted.
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every problem with its line. ``"skip"``: rows with
        problems are left out and ``report.skipped`` lists them.

    Returns
    -------
    Loaded
        ``frame`` with the columns of :data:`TIMELINE`, in time order.

    Raises
    ------
    DataError
        For a wrong header, a row with the wrong number of fields, an id that is not digits, a
        timestamp that cannot be read, an ``Included`` value other than Y or N, or an id that
        repeats with a different timestamp or flag (named by file line).

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> folder = data_dir() / "crisislex" / "CrisisLexT26" / "2013_Alberta_floods"
    >>> loaded = read_crisislex_timeline(
    ...     folder / "2013_Alberta_floods-tweetids_entire_period.csv")
    >>> loaded.report.rows_read, loaded.report.dropped
    (5887, {'exact repeat of an earlier row': 12, 'marked N (outside the analysed period)': 98})
    """
    path = Path(path)
    records, width = _csv_rows(path, ("Timestamp", "Tweet-ID", "Included(Y/N)"))
    cells = [[cell.strip() for cell in row] for row in records.rows]
    repeated = pd.DataFrame(cells).duplicated().to_numpy(bool)
    cells = [row for row, again in zip(cells, repeated, strict=True) if not again]
    lines = [line for line, again in zip(records.lines, repeated, strict=True) if not again]
    ids = [row[1] for row in cells]
    stamps = pd.to_datetime(pd.Series([row[0] for row in cells], dtype=object), format=_STAMP,
                            errors="coerce", utc=True)
    flags = [row[2] for row in cells]
    problems = _id_problems(ids, "Tweet-ID")
    problems += [(i, "Timestamp", "cannot read this timestamp",
                  "e.g. 'Thu Jun 20 03:56:19 +0000 2013'", repr(cells[i][0]))
                 for i in np.flatnonzero(stamps.isna().to_numpy())]
    problems += [(i, "Included(Y/N)", "Included must be Y or N", "Y or N", repr(flag))
                 for i, flag in enumerate(flags) if flag not in ("Y", "N")]
    event = path.name[: -len(_TIMELINE_SUFFIX)] if path.name.endswith(_TIMELINE_SUFFIX) \
        else path.stem
    frame = pd.DataFrame({"event": event, "tweet_id": ids,
                          "created_at": stamps.fillna(_PLACEHOLDER_TIME).array,
                          "included": [flag == "Y" for flag in flags]})
    checked = check(frame, TIMELINE, file=str(path), row_numbers=lines)
    problems.sort(key=lambda problem: problem[0])
    table, skipped = _settle(checked, _row_problems(problems, lines), width, on_error)
    report = LoadReport(io.shown_path(path), rows_read=len(records.rows) + len(width))
    report.dropped["exact repeat of an earlier row"] = int(repeated.sum())
    report.skip(skipped)
    if included_only:
        report.dropped["marked N (outside the analysed period)"] = int((~table["included"]).sum())
        table = table[table["included"]]
    table = table.sort_values(["created_at", "tweet_id"], kind="stable").reset_index(drop=True)
    return io.Loaded(table, report)


def read_crisislex_timelines(folder: str | Path, events: Sequence[str], *,
                             on_error: OnError = "raise") -> io.Loaded:
    """Read the timelines of several CrisisLexT26 events.

    Parameters
    ----------
    folder : str or path-like
        The ``CrisisLexT26`` folder.
    events : sequence of str
        Event folder names, e.g. ``["2013_Alberta_floods"]``.
    on_error : {"raise", "skip"}
        As for :func:`read_crisislex_timeline`; the report lists the rows skipped in every file.

    Returns
    -------
    Loaded
        The included tweets of every event (columns of :data:`TIMELINE`), and a report adding
        up what was read and dropped.

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> loaded = read_crisislex_timelines(data_dir() / "crisislex" / "CrisisLexT26",
    ...                                   ["2013_NY_train_crash", "2013_Sardinia_floods"])
    >>> loaded.frame.groupby("event").size().to_dict()
    {'2013_NY_train_crash': 1027, '2013_Sardinia_floods': 1143}
    """
    folder = readable_folder(folder)
    frames, read, dropped, skipped = [], 0, {}, []
    for event in events:
        loaded = read_crisislex_timeline(folder / event / f"{event}{_TIMELINE_SUFFIX}",
                                         on_error=on_error)
        frames.append(loaded.frame)
        if not loaded.report.skipped.empty:
            skipped.append(loaded.report.skipped.assign(event=event))
        read += loaded.report.rows_read
        for reason, n in loaded.report.dropped.items():
            dropped[reason] = dropped.get(reason, 0) + n
    if not frames:
        raise DataError("no events given", file=str(folder), expected="at least one event",
                        found="[]")
    report = LoadReport(io.shown_path(folder), rows_read=read, dropped=dropped)
    if skipped:
        report.skipped = pd.concat(skipped, ignore_index=True)
    return io.Loaded(pd.concat(frames, ignore_index=True), report)
