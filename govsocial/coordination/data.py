"""Data from outside the simulator: a reader's own folder, and the real tweet-ID archive.

- own data: :func:`load_folder` reads a folder with ``tweets.jsonl`` (Twitter API v2 responses)
  and ``accounts.csv`` (checked by :func:`read_city_accounts` against :data:`CITY_ACCOUNTS`);
- real data (Yu, 2020): :func:`read_covid_gov_tweet_ids` reads the zipped weekly releases of
  governments' and health agencies' tweet IDs in place, decoding each ID's time;
  :func:`read_account_roles` reads the hand-made table of each account's government and role.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from govsocial import io as gio
from govsocial.io.core import readable_file
from govsocial.io.folders import (
    HANDLE_PATTERNS,
    PostsFolder,
    read_posts_folder,
    reposted_handles,
)
from govsocial.io.rows import case_repeats, keep_rows, row_problems
from govsocial.schema import (
    SKIP_HINT,
    Column,
    Contract,
    DataError,
    LoadReport,
    OnError,
    Problem,
)

__all__ = [
    "ACCOUNT_ROLES",
    "CITY_ACCOUNTS",
    "CITY_HANDLES",
    "CityData",
    "ROLE_NAMES",
    "TweetIdArchive",
    "read_account_roles",
    "read_city_accounts",
    "load_folder",
    "read_covid_gov_tweet_ids",
]

# --------------------------------------------------------------------------------------------
# Own data: a folder with tweets.jsonl and accounts.csv
# --------------------------------------------------------------------------------------------

CITY_ACCOUNTS = Contract(
    "city accounts",
    (
        Column(
            "account",
            "string",
            unique=True,
            description="Twitter/X handle without the @ (any case).",
        ),
        Column("city", "string", description="The city the account belongs to."),
        Column("agency", "string", description="The agency (department, office) running it."),
        Column(
            "lead",
            "bool",
            description="true for the city's lead health agency: exactly one per city.",
        ),
    ),
    key=("account",),
)
"""Contract of ``accounts.csv`` for :func:`read_city_accounts` (archival Twitter folders)."""

CITY_HANDLES = Contract(
    "city accounts",
    (
        Column(
            "handle",
            "string",
            unique=True,
            description="Bluesky handle ('cityofexample.bsky.social') or Mastodon handle "
            "('user@server', or 'user' on the server asked); an @ in front is allowed, case is "
            "ignored. The column the collection command reads.",
        ),
        *CITY_ACCOUNTS.columns[1:],
    ),
    key=("handle",),
)
"""Contract of ``accounts.csv`` in a Bluesky or Mastodon folder: ``handle`` for ``account``."""

def read_city_accounts(
    path: str | Path,
    *,
    platform: str = "twitter",
    server: str | None = None,
    on_error: OnError = "raise",
) -> gio.Loaded:
    r"""Read and check the accounts file: one row per account, one lead agency per city.

    Parameters
    ----------
    path : str or Path
        CSV with the columns of :data:`CITY_ACCOUNTS` (``account``, ``city``, ``agency``,
        ``lead``; Bluesky and Mastodon: :data:`CITY_HANDLES`, ``handle`` for ``account``, as
        the collection command reads it); a leading @ on a handle is removed.
    platform : {"twitter", "bluesky", "mastodon"}
        Whose handles the file lists: Twitter handles (1-15 letters, digits, _), Bluesky
        handles (``cityofexample.bsky.social``) or Mastodon handles (``user@server``).
    server : str, optional
        Mastodon: the server asked; a handle without a server is taken to be of it and
        written ``user@server``.
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every problem, each with its line. ``"skip"``: rows
        with problems are left out (all the rows of a city without exactly one lead), and
        ``report.skipped`` lists them with their line and reason.

    Returns
    -------
    Loaded
        The accounts (the handle in ``account`` on every platform), a load report and the
        line of each account.

    Raises
    ------
    DataError
        For anything :func:`govsocial.io.read_table` rejects, a handle that is not a valid
        Twitter handle, a handle listed twice (any case; the message names both lines), or a
        city without exactly one lead.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "accounts.csv"
    >>> _ = path.write_text("account,city,agency,lead\n@X_Health,X,Health,true\n"
    ...                     "X_Parks,X,Parks,false\n")
    >>> read_city_accounts(path).frame["account"].tolist()
    ['X_Health', 'X_Parks']
    >>> folder.cleanup()
    """
    if platform not in HANDLE_PATTERNS:
        raise ValueError(f"platform must be one of {sorted(HANDLE_PATTERNS)}, not {platform!r}")
    contract = CITY_ACCOUNTS if platform == "twitter" else CITY_HANDLES
    key = contract.names[0]
    loaded = gio.read_table(path, contract, on_error=on_error)
    frame, lines = loaded.frame, loaded.lines
    pattern, meaning = HANDLE_PATTERNS[platform]
    invalid = np.flatnonzero(
        [not pattern.fullmatch(str(handle).strip()) for handle in frame[key]]
    )
    loaded = keep_rows(loaded, contract, on_error, row_problems(
        invalid, lines, key, "not a valid handle", f"{platform.title()}: {meaning}",
        [repr(frame[key].iloc[i]) for i in invalid],
    ))
    handles = loaded.frame[key].str.strip().str.removeprefix("@")
    if platform == "mastodon" and server:
        handles = handles.where(handles.str.contains("@"), handles + "@" + server)
    loaded.frame[key] = handles
    again, found = case_repeats(loaded.frame[key], loaded.lines)
    loaded = keep_rows(loaded, contract, on_error, row_problems(
        again, loaded.lines, key, "this account is listed twice (handles ignore case)",
        "each account once", found,
    ))
    frame = loaded.frame
    leads = frame.groupby("city")["lead"].sum()
    wrong = frame["city"].map(leads).ne(1).to_numpy(bool)
    positions = np.flatnonzero(wrong & (frame["lead"].to_numpy(bool) | (
        frame["city"].map(leads).eq(0).to_numpy(bool))))
    loaded = keep_rows(loaded, contract, on_error, row_problems(
        positions, loaded.lines, "lead",
        "the city must have exactly one lead health agency", "one row with lead = true",
        [f"{int(leads[frame['city'].iloc[i]])} rows with lead = true in city "
         f"{frame['city'].iloc[i]!r}" for i in positions],
    ))
    return gio.Loaded(loaded.frame.rename(columns={key: "account"}), loaded.report, loaded.lines)


@dataclass(frozen=True)
class CityData:
    """Posts and accounts read from a reader's own folder.

    Attributes
    ----------
    tweets : DataFrame
        One row per post by a listed account (the chapter's name for posts of any platform),
        in time order: ``tweet_id`` (the post id), ``account``, ``created_at``, ``text``,
        ``is_retweet`` (a repost, boost or retweet), ``reposted`` (for a repost: the handle of
        the original post's author, when known) and ``mentions`` (handles mentioned,
        separated by spaces).
    accounts : DataFrame
        ``account``, ``city``, ``agency``, ``lead``.
    report : LoadReport
        Posts read, kept and dropped, with reasons (and, with ``on_error="skip"``, the rows
        skipped in ``report.skipped``).
    accounts_report : LoadReport, optional
        What ``accounts.csv`` held, and the rows skipped from it.
    platform : str
        'bluesky', 'mastodon' or 'twitter' (archival).
    lacks : tuple of str
        What the platform does not give that the chapter could use, one sentence each.
    """

    tweets: pd.DataFrame
    accounts: pd.DataFrame
    report: LoadReport
    accounts_report: LoadReport | None = None
    platform: str = "twitter"
    lacks: tuple[str, ...] = ()


#: What the chapter cannot do on each platform, one sentence each (the page says the same).
CHAPTER_LACKS: dict[str, tuple[str, ...]] = {
    "bluesky": (
        "Bluesky opened in February 2023, so the COVID-19 period cannot be studied on it: "
        "adoption lags are still counted from 11 March 2020 and mean nothing for a later "
        "crisis unless you read them against your own reference date.",
    ),
    "mastodon": (
        "A boost of a status by an account whose statuses are not in the folder has no known "
        "original author, so it adds no tie to the network.",
    ),
    "twitter": (),
}

_UNKNOWN_REPOST = "repost whose original author is not in the folder (no tie counted)"


def load_folder(folder: str | Path, *, on_error: OnError = "raise") -> CityData:
    """Read a folder of city-agency posts from Bluesky, Mastodon or (archival) Twitter.

    The folder holds ``accounts.csv`` (described in :func:`read_city_accounts`; handles of the
    folder's platform) and the files of ONE platform (see
    :mod:`govsocial.io.folders`): Bluesky ``feed.jsonl`` + ``profiles.jsonl``;
    Mastodon ``statuses.jsonl`` + ``accounts.jsonl`` + ``collection.json``; or Twitter
    ``tweets.jsonl`` (API v2 responses, as ``twarc2`` wrote them with
    ``expansions=author_id``). Every platform is read into the post format
    (:data:`govsocial.io.POSTS`) first. Handles are matched without regard to case (Mastodon:
    ``user@server``, a local ``user`` being of the server asked). Posts by accounts not in
    ``accounts.csv`` are dropped and counted.

    Parameters
    ----------
    folder : str or Path
        The folder.
    on_error : {"raise", "skip"}
        ``"raise"``: a problem in a row of either file raises one DataError listing every
        problem of the file with its line. ``"skip"``: those rows are left out, and the
        reports list them.

    Returns
    -------
    CityData
        Posts in time order, accounts, the reports, the platform and what it lacks.

    Raises
    ------
    DataError
        If the folder or a file is missing, the folder holds files of no platform or of two,
        a file is malformed, or no post is by a listed account (the message says when the
        tweets carry no usernames at all: tweets collected without ``expansions=author_id``).

    Examples
    --------
    >>> sample = gio.data_dir().parent / "tests" / "data" / "coordination"
    >>> data = load_folder(sample)
    >>> data.report.rows_kept, data.report.dropped["author not in accounts.csv"]
    (45, 1)
    """
    read = read_posts_folder(folder, on_error=on_error)
    accounts_loaded = read_city_accounts(
        read.posts_file.parent / "accounts.csv", platform=read.platform, server=read.server,
        on_error=on_error,
    )
    accounts = accounts_loaded.frame
    posts = read.posts.frame
    by_key = {read.key(a): a for a in accounts["account"]}
    account = posts["author_handle"].map(
        lambda handle: by_key.get(read.key(handle))
    ).astype("string")
    dropped = dict(read.posts.report.dropped)
    no_name = posts["author_handle"].isna()
    if read.platform == "twitter":
        dropped["author's username missing (request expansions=author_id)"] = int(no_name.sum())
    dropped["author not in accounts.csv"] = int((account.isna() & ~no_name).sum())
    if account.isna().all():
        raise _no_author_error(posts, accounts["account"], read.posts_file)
    tweets = pd.DataFrame({
        "tweet_id": posts["post_id"],
        "account": account,
        "created_at": posts["created_at"],
        "text": posts["text"],
        "is_retweet": posts["repost_of_post_id"].notna(),
        "reposted": reposted_handles(read),
        "mentions": _mentions(read),
    })[account.notna().to_numpy(bool)]
    tweets = tweets.sort_values(["created_at", "tweet_id"], kind="stable").reset_index(drop=True)
    unknown = int((tweets["is_retweet"] & tweets["reposted"].isna()).sum())
    report = LoadReport(
        gio.shown_path(read.posts_file), rows_read=read.posts.report.rows_read,
        dropped=dropped, skipped=read.posts.report.skipped,
    )
    lacks = read.lacks + CHAPTER_LACKS[read.platform]
    if unknown:
        lacks += (f"{unknown:,} {_UNKNOWN_REPOST}.",)
    return CityData(tweets, accounts, report, accounts_loaded.report, read.platform, lacks)


def _mentions(read: PostsFolder) -> pd.Series:
    """List the handles each post mentions, separated by spaces.

    Bluesky: a mention the text does not show is a DID, replaced by its handle where the
    folder knows it. Twitter (archival): the @handles of the text, as the TWEETS_V2 frame
    keeps only their number.
    """
    posts = read.posts.frame
    if read.platform == "twitter":
        found = posts["text"].astype("string").fillna("").str.findall(r"@(\w{1,15})")
        return found.map(" ".join).astype("string")
    handle_of = read.handle_of_id()
    return posts["mentions"].map(
        lambda text: " ".join(handle_of.get(h, h) for h in text.split())
        if isinstance(text, str) else pd.NA
    ).astype("string")


def _no_author_error(posts: pd.DataFrame, listed: pd.Series, path: Path) -> DataError:
    """Explain why no post is by a listed account, naming the likely cause."""
    if posts["author_handle"].isna().all():
        return DataError(
            "no tweet carries its author's username, so none can be matched to accounts.csv: "
            "the responses have no includes.users (were the tweets collected without "
            "expansions=author_id?)",
            file=str(path),
            column="includes.users",
            expected="responses with includes.users (request expansions=author_id)",
            found=f"{len(posts):,} tweets, no usernames",
        )
    return DataError(
        f"no post in {path.name} is by an account listed in accounts.csv (handles ignore case)",
        file=str(path),
        column="author_handle" if path.name != "tweets.jsonl" else "username",
        expected=f"authors among {sorted(listed)[:5]}",
        found=f"authors {sorted(posts['author_handle'].dropna().unique())[:5]}",
    )


# --------------------------------------------------------------------------------------------
# Real data: the weekly tweet-ID releases of Yu (2020)
# --------------------------------------------------------------------------------------------

_MEMBER = re.compile(
    r"(?P<release>V\d+\.\d+)_update_(?P<dates>\d{4}_\d{2}_\d{2}|\d{4}_\d{4})/"
    r"(?P<folder>\w+)/(?P<account>\w+)_id\.txt"
)
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?[eE]\+?\d+")
_BLANK_LINE = "blank line"
_REPEATED = "ID listed again for the same account"
_PRE_SNOWFLAKE = "ID from before Snowflake IDs (no time encoded)"


@dataclass(frozen=True)
class TweetIdArchive:
    """The tweet IDs of the weekly releases, one row per (account, ID).

    Attributes
    ----------
    frame : DataFrame
        ``account``, ``tweet_id`` (digits as text), ``created_at`` (UTC, decoded from the ID),
        ``release``, ``folder`` and ``scientific_notation`` (the ID was written like
        ``1.2e+18``: its last digits are lost, its time is not).
    files : DataFrame
        One row per ID file: ``member``, ``release``, ``release_start``, ``release_end`` (UTC
        days; the first release has no start), ``folder``, ``account``, ``lines``, ``ids``.
    report : LoadReport
        Lines read, kept and dropped, with reasons.
    """

    frame: pd.DataFrame
    files: pd.DataFrame
    report: LoadReport


def _release_dates(files: pd.DataFrame) -> pd.DataFrame:
    """Add UTC ``release_start``/``release_end`` days, the year carried over New Year."""
    out = []
    year, previous = 2020, None
    for release, dates in (
        files[["release", "dates"]]
        .drop_duplicates()
        .assign(order=lambda t: t["release"].str[1:].astype(float))
        .sort_values("order")[["release", "dates"]]
        .itertuples(index=False)
    ):
        if len(dates) == 10:  # 2020_04_01: the first release, up to that day
            start = None
            end = pd.Timestamp(dates.replace("_", "-"), tz="UTC")
            year = end.year
        else:
            first, last = dates.split("_")
            start = pd.Timestamp(year=year, month=int(first[:2]), day=int(first[2:]), tz="UTC")
            if previous is not None and start < previous:
                year += 1
                start = start.replace(year=year)
            end = pd.Timestamp(year=year, month=int(last[:2]), day=int(last[2:]), tz="UTC")
            if end < start:
                year += 1
                end = end.replace(year=year)
        previous = end
        out.append({"release": release, "release_start": start, "release_end": end})
    dates = pd.DataFrame(out)
    dates["release_start"] = pd.to_datetime(dates["release_start"], utc=True)
    return files.merge(dates, on="release", how="left")


_ID_LIMIT = 9223372036854775807
_ARCHIVE_DAMAGED = (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError)
_SKIPPED = "lines that are not tweet IDs, skipped"


def _id_problem(value: str, *, file: str, line: int) -> tuple[str | None, bool, Problem | None]:
    """Read one non-blank line of an ID file: ``(id, scientific, problem)``.

    Examples
    --------
    >>> _id_problem("1245604799606689794", file="a.txt", line=1)[:2]
    ('1245604799606689794', False)
    >>> _id_problem("1.2e+18", file="a.txt", line=1)[:2]
    ('1200000000000000000', True)
    >>> print(_id_problem("100000000000000000000", file="a.txt", line=5)[2])
    ... # doctest: +NORMALIZE_WHITESPACE
    a.txt, row 5, column 'tweet_id': a tweet ID must be a whole number that fits 64 bits \
(expected digits only, at most 9223372036854775807, found '100000000000000000000')
    """
    if value.isascii() and value.isdigit():
        if int(value) > _ID_LIMIT:
            return None, False, Problem(
                "a tweet ID must be a whole number that fits 64 bits", file=file, row=line,
                column="tweet_id", expected=f"digits only, at most {_ID_LIMIT}",
                found=repr(value))
        return value, False, None
    if _SCIENTIFIC.fullmatch(value):
        exact = Decimal(value)
        if exact != exact.to_integral_value() or exact > _ID_LIMIT:
            return None, True, Problem(
                "this number is not a whole tweet ID that fits 64 bits", file=file, row=line,
                column="tweet_id", expected=f"a whole number, at most {_ID_LIMIT}",
                found=repr(value))
        return str(int(exact)), True, None
    return None, False, Problem(
        "this line is not a tweet ID", file=file, row=line, column="tweet_id",
        expected="digits, e.g. 1245604799606689794", found=repr(value))


def _open_archive(path: Path, shown: str) -> zipfile.ZipFile:
    """Open the zip archive at ``path``; a file that is not one is a DataError."""
    try:
        return zipfile.ZipFile(path)
    except _ARCHIVE_DAMAGED as error:
        raise DataError(
            "cannot open the archive: it is not a zip file, or it is damaged", file=shown,
            expected="a zip file", found=str(error) or type(error).__name__,
        ) from None


def _member_text(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str) -> str:
    """Read one member as UTF-8 text; a damaged member or other bytes are a DataError."""
    name = f"{shown}:{info.filename}"
    try:
        raw = archive.read(info)
    except _ARCHIVE_DAMAGED as error:
        raise DataError(
            "the zip archive is damaged: this member cannot be read", file=name,
            expected="an intact zip archive (download it again)",
            found=str(error) or type(error).__name__,
        ) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(
            "the file is not UTF-8 text", file=name, expected="digits, one ID per line",
            found="other bytes",
        ) from None


def _skipped_table(problems: Sequence[Problem]) -> pd.DataFrame:
    """Turn the problems of skipped lines into a ``report.skipped`` table, with ``file``."""
    return pd.DataFrame({
        "row": [p.row for p in problems],
        "column": [p.column for p in problems],
        "problem": [p.problem for p in problems],
        "expected": [p.expected for p in problems],
        "found": [p.found for p in problems],
        "file": [p.file for p in problems],
    })


def read_covid_gov_tweet_ids(
    path: str | Path | None = None, *, on_error: OnError = "raise"
) -> TweetIdArchive:
    """Read the zipped weekly releases of government and health-agency tweet IDs (Yu, 2020).

    Each member ``V<version>_update_<dates>/<folder>/<account>_id.txt`` lists one tweet ID per
    line; the archive is read in place, never unzipped. Every ID is decoded to its UTC
    creation time (:func:`govsocial.io.tweet_id_to_datetime`). Blank lines, an ID listed again
    for the same account, and IDs too old to encode a time are dropped and counted. IDs written
    in scientific notation (``1.2e+18``, as a spreadsheet writes them) are converted exactly as
    written and kept, flagged: their last digits are lost, but the time bits sit far above them.

    Parameters
    ----------
    path : str or Path, optional
        The zip file; default ``data/covid_gov_tweet_ids/covid_gov_tweet_ids.zip``.
    on_error : {"raise", "skip"}
        ``"raise"``: lines that are not tweet IDs raise one DataError listing every one (its
        member and line). ``"skip"``: those lines are left out, and ``report.skipped`` lists
        each with its member (``file``), line and reason.

    Returns
    -------
    TweetIdArchive
        IDs, files and the report.

    Raises
    ------
    DataError
        For a path that is not a file, a file that is not a zip archive or a damaged one, a
        member whose name does not follow the pattern (other than Markdown files and folders),
        text that is not UTF-8, lines that are not tweet IDs (a 64-bit whole number; naming the
        member and line), an archive without any tweet ID, or one ID listed under two accounts.

    Examples
    --------
    >>> archive = read_covid_gov_tweet_ids()
    >>> archive.frame["account"].nunique(), str(archive.frame["created_at"].max().date())
    (35, '2021-02-17')
    """
    if on_error not in ("raise", "skip"):
        raise ValueError(f'on_error must be "raise" or "skip", not {on_error!r}')
    path = readable_file(
        path if path is not None
        else gio.data_dir() / "covid_gov_tweet_ids" / "covid_gov_tweet_ids.zip"
    )
    shown = gio.shown_path(path)
    archive = _open_archive(path, shown)
    ids: list[str] = []
    owners: list[int] = []
    scientific: list[bool] = []
    lines_of: list[int] = []
    file_rows = []
    problems: list[Problem] = []
    dropped = {_BLANK_LINE: 0, _REPEATED: 0, _PRE_SNOWFLAKE: 0}
    rows_read = 0
    with archive:
        for info in archive.infolist():
            name = info.filename
            if info.is_dir() or name.lower().endswith(".md"):
                continue
            match = _MEMBER.fullmatch(name)
            if match is None:
                raise DataError(
                    "unexpected file in the archive",
                    file=f"{shown}:{name}",
                    expected="V<version>_update_<dates>/<folder>/<account>_id.txt",
                    found=repr(name),
                )
            text = _member_text(archive, info, shown)
            file_index = len(file_rows)
            lines = text.splitlines()
            rows_read += len(lines)
            kept = 0
            for number, line in enumerate(lines, start=1):
                value = line.strip()
                if not value:
                    dropped[_BLANK_LINE] += 1
                    continue
                tweet_id, notation, problem = _id_problem(
                    value, file=f"{shown}:{name}", line=number)
                if problem is not None:
                    problems.append(problem)
                    continue
                ids.append(tweet_id)
                scientific.append(notation)
                owners.append(file_index)
                lines_of.append(number)
                kept += 1
            file_rows.append(
                {"member": name, **match.groupdict(), "lines": len(lines), "ids": kept}
            )
    if problems and on_error == "raise":
        raise DataError.of(problems, hint=SKIP_HINT)
    if not file_rows or not ids:
        raise DataError(
            "the archive holds no tweet IDs" if file_rows else "the archive holds no ID files",
            file=shown,
            expected="members like V1.00_update_2020_04_01/GOV_tweet_id/WHO_id.txt, "
            "one tweet ID per line",
            found=f"{len(file_rows)} ID files, {len(problems)} lines that are not IDs"
            if file_rows else "none",
        )
    files = _release_dates(pd.DataFrame(file_rows))
    frame = pd.DataFrame(
        {
            "account": files["account"].to_numpy()[owners],
            "tweet_id": ids,
            "created_at": gio.tweet_id_to_datetime(ids).to_numpy(),
            "release": files["release"].to_numpy()[owners],
            "folder": files["folder"].to_numpy()[owners],
            "scientific_notation": scientific,
            "member": files["member"].to_numpy()[owners],
            "line": lines_of,
        }
    )
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    too_old = frame["created_at"] < pd.Timestamp("2010-11-05", tz="UTC")
    dropped[_PRE_SNOWFLAKE] = int(too_old.sum())
    frame = frame[~too_old]
    order = frame.assign(rank=frame["release"].str[1:].astype(float))
    order = order.sort_values(["rank", "member", "line"], kind="stable")
    repeated = order.duplicated(["account", "tweet_id"])
    dropped[_REPEATED] = int(repeated.sum())
    frame = order[~repeated]
    clash = frame.duplicated("tweet_id", keep=False)
    if clash.any():
        pair = frame[clash].sort_values("tweet_id").head(2)
        raise DataError(
            "the same tweet ID is listed under two accounts",
            file=f"{shown}:{pair['member'].iloc[1]}",
            row=int(pair["line"].iloc[1]),
            column="tweet_id",
            expected="each ID under one account",
            found=f"{pair['tweet_id'].iloc[0]} under {pair['account'].tolist()}",
        )
    frame = frame.drop(columns=["rank", "member", "line"]).reset_index(drop=True)
    for name in ("account", "tweet_id", "release", "folder"):
        frame[name] = frame[name].astype("string")
    files = files.drop(columns="dates")
    report = LoadReport(shown, rows_read=rows_read, dropped=dropped)
    if problems:  # one problem per line; lines of two members may share a number
        report.skipped = _skipped_table(problems)
        report.dropped[_SKIPPED] = len(problems)
    return TweetIdArchive(frame, files, report)


ROLE_NAMES = ("health agency", "government", "foreign office", "leader")
ACCOUNT_ROLES = Contract(
    "account roles",
    (
        Column("account", "string", unique=True, description="Twitter handle, as in the files."),
        Column(
            "government",
            "string",
            description="Country, the European Union, or WHO (an international body).",
        ),
        Column(
            "role",
            "string",
            allowed=ROLE_NAMES,
            description="health agency, government, foreign office or leader.",
        ),
        Column("name", "string", description="What the account is (English)."),
    ),
    key=("account",),
)
"""Contract of the hand-made ``account_roles.csv``."""


def read_account_roles(
    path: str | Path | None = None, *, on_error: OnError = "raise"
) -> gio.Loaded:
    """Read the hand-made table of each account's government and role.

    Parameters
    ----------
    path : str or Path, optional
        Default ``data/covid_gov_tweet_ids/account_roles.csv``.
    on_error : {"raise", "skip"}
        As for :func:`govsocial.io.read_table`.

    Returns
    -------
    Loaded
        ``account``, ``government``, ``role``, ``name``.

    Examples
    --------
    >>> roles = read_account_roles().frame
    >>> roles.set_index("account").loc["rki_de", ["government", "role"]].tolist()
    ['Germany', 'health agency']
    """
    path = (
        Path(path)
        if path is not None
        else (gio.data_dir() / "covid_gov_tweet_ids" / "account_roles.csv")
    )
    return gio.read_table(path, ACCOUNT_ROLES, on_error=on_error)
