"""Data readers: the reader's own coded posts and questions, and the real ClimateCovE350 events.

A folder of your own holds ``posts.csv`` (coded or uncoded posts with platform and country,
contract :data:`POSTS_CSV`), ``questions.csv`` (questions to an account and its replies,
contract :data:`QUESTIONS`), or both; :func:`load_folder` reads them through
``govsocial.io.read_table`` and checks that no reply comes before its question or after the end
of collection. :func:`load_climatecove` reads the book's copy of ClimateCovE350, and
:func:`news_value_table` compares the labels of news and Twitter events.

Public names: POSTS_CSV, QUESTIONS, CLIMATECOVE, OwnData, load_folder, load_climatecove,
news_value_table, NEWS_VALUES.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from govsocial import io
from govsocial.io.core import readable_folder
from govsocial.schema import Checked, Column, Contract, DataError, OnError
from govsocial.stats import wilson_interval

from .simulate import CATEGORIES, PostsWorld, ServiceWorld

__all__ = [
    "CLIMATECOVE",
    "NEWS_VALUES",
    "POSTS_CSV",
    "QUESTIONS",
    "OwnData",
    "load_climatecove",
    "load_folder",
    "load_platform_posts",
    "news_value_table",
]

POSTS_CSV = Contract("coded posts", (
    Column("post_id", "string", unique=True, description="one post"),
    Column("journalist_id", "string", description="who wrote it (posts are clustered by it)"),
    Column("country", "string", description="the author's country ('China' is compared with "
           "the rest)"),
    Column("platform", "string", description="where it was posted (two platforms)"),
    Column("language", "string", allowed=("zh", "en"), description="'zh' or 'en'"),
    Column("text", "string", description="the post's text"),
    Column("category", "string", nullable=True, allowed=CATEGORIES,
           description="the human code, on a coded sample; empty elsewhere"),
))  # fmt: skip
"""One row per post: author, country, platform, language, text, and a human code if any."""

QUESTIONS = Contract("questions and replies", (
    Column("question_id", "string", unique=True, description="one question to the account"),
    Column("platform", "string", description="where it was asked"),
    Column("asked_at", "datetime", description="when it was asked (ISO 8601, UTC)"),
    Column("replied_at", "datetime", nullable=True,
           description="the account's first reply; empty if none was seen"),
    Column("reply_text", "string", nullable=True, description="the text of that reply"),
    Column("observed_until", "datetime",
           description="end of collection: a question without reply is censored here"),
))  # fmt: skip
"""One row per question: when it was asked, when (if ever) it was answered, and the reply."""


@dataclass
class OwnData:
    """What :func:`load_folder` found: posts, questions, or both (None where absent)."""

    posts: PostsWorld | None = None
    service: ServiceWorld | None = None
    reports: list = field(default_factory=list)


def load_folder(folder: str | Path, *, on_error: OnError = "raise") -> OwnData:
    """Read your own ``posts.csv`` and/or ``questions.csv`` from a folder.

    Parameters
    ----------
    folder : str or path-like
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every problem with its line and column; ``"skip"``:
        those rows are left out and the reports list them.

    Returns
    -------
    OwnData

    Raises
    ------
    DataError
        When the folder holds neither file, a file breaks its contract, or a reply is dated
        before its question or after the end of collection.

    Examples
    --------
    >>> load_folder("no/such/folder")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govsocial.schema.DataError: ...there is no folder at this path...
    """
    folder = readable_folder(folder)
    found = OwnData()
    if not (folder / "posts.csv").is_file() and not (folder / "questions.csv").is_file():
        raise DataError(
            "the folder has neither posts.csv nor questions.csv",
            file=str(folder), expected="posts.csv and/or questions.csv",
            found=", ".join(sorted(p.name for p in folder.iterdir())) or "an empty folder",
        )  # fmt: skip
    if (folder / "posts.csv").is_file():
        loaded = io.read_table(folder / "posts.csv", POSTS_CSV, on_error=on_error)
        posts = loaded.frame
        people = posts.groupby("journalist_id", as_index=False)["country"].first()
        found.posts = PostsWorld(posts, people.assign(name=people["journalist_id"]))
        found.reports.append(loaded.report)
    if (folder / "questions.csv").is_file():
        path = folder / "questions.csv"
        loaded = io.read_table(path, QUESTIONS, on_error=on_error)
        questions = loaded.frame
        problems = _time_problems(questions, loaded.lines or [])
        if not problems.empty:
            checked = Checked(questions, problems, QUESTIONS, str(path))
            questions, skipped = checked.settle(on_error)
            loaded.report.skip(skipped)
        found.service = ServiceWorld(questions)
        found.reports.append(loaded.report)
    return found


def load_platform_posts(
    folders: Mapping[str | Path, str], *, on_error: OnError = "raise"
) -> PostsWorld:
    """Read posts collected from Bluesky or Mastodon (the book's common post format).

    Each folder holds one platform's files as the book's collector writes them (see
    ``govsocial.io.read_posts_folder``); the mapping gives the country of its accounts.
    Reposts are left out (they are someone else's words), and so are posts whose language
    (the platform's ``lang`` tag) is neither Chinese nor English; every account counts as one
    author (``journalist_id``). The posts have no human codes: code a sample by hand and add a
    ``category`` column, or use the dictionary alone.

    Parameters
    ----------
    folders : mapping
        Folder -> country of its accounts (for example ``{"bluesky_uk": "UK"}``).
    on_error : {"raise", "skip"}
        Passed to the platform readers.

    Returns
    -------
    PostsWorld
        ``posts`` in the columns of :data:`POSTS_CSV` (``category`` empty); ``reports`` as the
        readers give them.

    Raises
    ------
    DataError
        Whatever the platform readers refuse (a missing file, a malformed record).

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> folder = data_dir().parent / "tests" / "data" / "bluesky"
    >>> world = load_platform_posts({folder: "US"})
    >>> sorted(world.posts.columns) == sorted(POSTS_CSV.names)
    True
    """
    frames, reports = [], []
    for folder, country in folders.items():
        read = io.read_posts_folder(folder, on_error=on_error)
        posts = read.posts.frame
        language = posts["lang"].fillna("").str[:2].str.lower()
        keep = posts["repost_of_post_id"].isna() & language.isin(["zh", "en"])
        kept = posts[keep]
        frames.append(pd.DataFrame({
            "post_id": kept["post_id"].astype(str),
            "journalist_id": kept["author_handle"].astype(str),
            "country": country,
            "platform": read.platform,
            "language": language[keep],
            "text": kept["text"].fillna(""),
            "category": pd.Series(pd.NA, index=kept.index, dtype="string"),
        }))  # fmt: skip
        reports.append(read.posts.report)
    posts = pd.concat(frames, ignore_index=True)
    people = posts.groupby("journalist_id", as_index=False)["country"].first()
    return PostsWorld(posts, people.assign(name=people["journalist_id"]), reports=reports)


def _time_problems(questions: pd.DataFrame, lines: list[int]) -> pd.DataFrame:
    """List replies before their question, and replies or questions after the end."""
    rows = []
    checks = (
        ("replied_at", questions["replied_at"] < questions["asked_at"],
         "reply dated before its question", "not before asked_at"),
        ("replied_at", questions["replied_at"] > questions["observed_until"],
         "reply dated after the end of collection", "not after observed_until"),
        ("asked_at", questions["asked_at"] > questions["observed_until"],
         "question dated after the end of collection", "not after observed_until"),
    )  # fmt: skip
    for column, mask, problem, expected in checks:
        for position in np.flatnonzero(mask.fillna(False).to_numpy(bool)):
            found = f"{questions[column].iloc[position]:%Y-%m-%d %H:%M}"
            rows.append((position, column, problem, expected, found))
    rows.sort(key=lambda r: r[0])
    return pd.DataFrame({
        "position": [r[0] for r in rows], "row": [lines[r[0]] for r in rows],
        "column": [r[1] for r in rows], "problem": [r[2] for r in rows],
        "expected": [r[3] for r in rows], "found": [r[4] for r in rows],
    })  # fmt: skip


# --------------------------------------------------------------------------------------------
# ClimateCovE350
# --------------------------------------------------------------------------------------------

_VALUES = {
    "Negativity": ("this is good news", "this is neither good nor bad news", "this is bad news"),
    "Magnitude": ("the magnitude of this event is high", "the magnitude of this event is "
                  "moderate", "the magnitude of this event is low"),
    "Predictability": ("a member of the public could not have know this will happen",
                       "a member of the public could have know this will happen"),
    "Elite persons": ("this involves someone rich, powerful, or famous",
                      "this does not involve someone rich, powerful, or famous"),
    "Conflict": ("this depicts a conflict between two opposing persons/groups",
                 "this does not depict a conflict between two opposing persons/groups"),
    "Unexpectedness": ("this is an ordinary event", "this is an extraordinary event"),
}  # fmt: skip

CLIMATECOVE = Contract("ClimateCovE350 events", (
    Column("Media", "string", allowed=("News", "Twitter"),
           description="where the event spiked: online news (GDELT) or Twitter"),
    Column("Event", "string", description="the event as a headline"),
    Column("Relatedness (crowd)", "string", description="crowd label: related to climate "
           "change, weakly related, not related"),
    Column("Primary Type (or trigger)", "string",
           description="who or what triggered the event (crowd majority)"),
    Column("Primary Sub-type (or action)", "string",
           description="what kind of action, with its trigger in brackets"),
    *(Column(name, "string", allowed=values, description=f"news value: {name.lower()}")
      for name, values in _VALUES.items()),
))  # fmt: skip
"""The columns of ``covered_climate_events.csv`` the chapter uses, with their allowed labels."""

NEWS_VALUES = {
    "negative": ("Negativity", "this is bad news"),
    "high magnitude": ("Magnitude", "the magnitude of this event is high"),
    "unpredictable": ("Predictability",
                      "a member of the public could not have know this will happen"),
    "about elite persons": ("Elite persons", "this involves someone rich, powerful, or famous"),
    "about a conflict": ("Conflict", "this depicts a conflict between two opposing "
                         "persons/groups"),
    "extraordinary": ("Unexpectedness", "this is an extraordinary event"),
    "triggered by government": ("Primary Type (or trigger)", "govt (exec & legislative)"),
}  # fmt: skip
"""Each label the chapter compares: its column and the value that counts as having it."""


def load_climatecove(path: str | Path | None = None) -> pd.DataFrame:
    """Read ClimateCovE350's events (the book's copy in ``data/climatecove350/``).

    Returns
    -------
    DataFrame
        One row per event with the columns of :data:`CLIMATECOVE`.

    Examples
    --------
    >>> events = load_climatecove()
    >>> len(events), sorted(events["Media"].unique())
    (349, ['News', 'Twitter'])
    """
    if path is None:
        path = io.data_dir() / "climatecove350" / "covered_climate_events.csv"
    return io.read_table(path, CLIMATECOVE).frame


def news_value_table(events: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Share of news and Twitter events with each label, and their difference with an interval.

    The difference's interval is Newcombe's hybrid score interval, built from the two Wilson
    intervals.

    Returns
    -------
    DataFrame
        ``label``, ``news``, ``twitter`` (shares), ``difference`` (Twitter minus news),
        ``low``, ``high``.

    Examples
    --------
    >>> table = news_value_table(load_climatecove())
    >>> len(table)
    7
    """
    rows = []
    news = events[events["Media"] == "News"]
    twitter = events[events["Media"] == "Twitter"]
    for label, (column, value) in NEWS_VALUES.items():
        counts = [int((part[column] == value).sum()) for part in (news, twitter)]
        p1, p2 = counts[1] / len(twitter), counts[0] / len(news)
        l1, u1 = wilson_interval(counts[1], len(twitter), level)
        l2, u2 = wilson_interval(counts[0], len(news), level)
        difference = p1 - p2
        rows.append({
            "label": label, "news": p2, "twitter": p1, "difference": difference,
            "low": difference - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
            "high": difference + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
        })  # fmt: skip
    return pd.DataFrame(rows)
