"""The chapters a report can be made of, and the data each needs: the one registry.

Each entry names the notebook (``notebooks/<name>.ipynb``), says in a sentence what
``--data`` must be, and loads that data with the chapter's own loader, in this process and
before any notebook runs, so that bad input stops with the loader's ``DataError`` and the
header can quote the loader's report of what was kept and dropped.

Public names: :class:`Chapter`, :data:`CHAPTERS`, :func:`chapter`, :func:`listing`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

Loader = Callable[[Path, dict], list[str]]


@dataclass(frozen=True)
class Chapter:
    """A chapter a report can be made of.

    Attributes
    ----------
    name : str
        The notebook's stem (``notebooks/<name>.ipynb``) and the command's argument.
    needs : str
        What ``--data`` must be, in a sentence.
    load : callable
        ``load(path, parameters)`` reads the data with the chapter's loader and returns the
        loader's reports as text (one string per report); raises ``DataError``.
    quick : dict
        Parameters that keep the run short (fewer simulated worlds), used by ``--quick``.
    """

    name: str
    needs: str
    load: Loader
    quick: dict = field(default_factory=dict)


def _texts(reports: object) -> list[str]:
    """Each report as text: a list of reports, one report, or nothing.

    Examples
    --------
    >>> _texts(["a", "b"]), _texts("a"), _texts(None)
    (['a', 'b'], ['a'], [])
    """
    if reports is None:
        return []
    if isinstance(reports, list | tuple):
        return [str(report) for report in reports]
    return [str(reports)]


def _load_agenda(path: Path, parameters: dict) -> list[str]:
    from govsocial import agenda

    own = agenda.load_folder(path)
    return [*_texts(own.reports), *([f"left out: {own.dropped}"] if len(own.dropped) else [])]


def _load_attention(path: Path, parameters: dict) -> list[str]:
    from govsocial import attention

    data = attention.load_folder(path)
    return [*_texts(data.reports), *(f"{data.platform}: {lack}" for lack in data.lacks)]


def _load_coordination(path: Path, parameters: dict) -> list[str]:
    from govsocial import coordination

    own = coordination.load_folder(path)
    return [*_texts(own.report), *(f"{own.platform}: {lack}" for lack in own.lacks)]


def _load_coproduction(path: Path, parameters: dict) -> list[str]:
    from govsocial import coproduction

    landfall = parameters.get("LANDFALL", coproduction.data.LANDFALL)
    return _texts(coproduction.load_folder(path, landfall=landfall).report)


def _load_clickstream(path: Path, parameters: dict) -> list[str]:
    from govsocial import io

    if path.suffix == ".log":
        return _texts(io.read_access_log(path, salt="report").report)
    return _texts(io.read_clickstream(path).report)


def _load_landscape(path: Path, parameters: dict) -> list[str]:
    from govsocial import io
    from govsocial.schema import Column, Contract

    contract = Contract("labelled posts", (Column("text", "string"), Column("label", "string")))
    return _texts(io.read_table(path, contract).report)


def _load_opengov(path: Path, parameters: dict) -> list[str]:
    from govsocial import opengov

    return _texts(opengov.load_folder(path)[1])


def _load_sem(path: Path, parameters: dict) -> list[str]:
    from govsocial import sem

    return _texts(sem.load_folder(path).reports)


def _load_survey(path: Path, parameters: dict) -> list[str]:
    from govsocial import survey

    return _texts(survey.load_folder(path).reports)


def _load_interviews(path: Path, parameters: dict) -> list[str]:
    from govsocial import interviews

    return _texts(interviews.load_folder(path).reports)


def _load_comparison(path: Path, parameters: dict) -> list[str]:
    from govsocial import comparison

    return _texts(comparison.load_folder(path).reports)


_POSTS = (
    "a folder of ONE platform's posts with accounts.csv: Bluesky (feed.jsonl, profiles.jsonl), "
    "Mastodon (statuses.jsonl, accounts.jsonl, collection.json) or archival Twitter "
    "(tweets.jsonl)"
)

CHAPTERS: dict[str, Chapter] = {
    chapter.name: chapter
    for chapter in (
        Chapter(
            "landscape",
            "a CSV file of labelled posts with the columns text and label",
            _load_landscape,
            {"N_SPLITS": 3},
        ),
        Chapter(
            "attention",
            f"{_POSTS}; accounts.csv names each agency (optional coded.csv: hand-coded styles)",
            _load_attention,
            {"N_WORLDS": 2, "N_SPLITS": 3},
        ),
        Chapter(
            "agenda",
            f"{_POSTS}, or archival departments.csv with facebook_posts.csv (CrowdTangle); "
            "accounts.csv names each account's department",
            _load_agenda,
            {"N_WORLDS": 2, "N_BOOT": 50},
        ),
        Chapter(
            "clickstream",
            "a clickstream file (CSV or Parquet with user_id, timestamp, page) "
            "or a web server access log (.log)",
            _load_clickstream,
            {"N_WORLDS": 2},
        ),
        Chapter(
            "coordination",
            f"{_POSTS}; accounts.csv gives each account's city and role",
            _load_coordination,
            {"N_WORLDS": 2},
        ),
        Chapter(
            "coproduction",
            f"{_POSTS}; accounts.csv says which accounts are government and which citizens",
            _load_coproduction,
            {"N_WORLDS": 2, "BETWEENNESS_SAMPLES": 50},
        ),
        Chapter(
            "survey",
            "a folder with responses.csv (Likert answers per respondent) and optionally "
            "frame.csv (every invitation, for weights)",
            _load_survey,
            {"N_WORLDS": 2},
        ),
        Chapter(
            "sem",
            "a folder with model.txt (the measurement and structural model) and responses.csv",
            _load_sem,
            {"N_WORLDS": 2, "RESAMPLES": 50},
        ),
        Chapter(
            "opengov",
            "a folder with indicators.csv: one row per unit and indicator, value 0 or 1",
            _load_opengov,
            {"N_WORLDS": 4},
        ),
        Chapter(
            "interviews",
            "a folder with one transcript per interview (*.md or *.txt), codes.csv (the coded "
            "segments) and optionally codebook.csv",
            _load_interviews,
            {"N_WORLDS": 2, "N_BOOT": 50, "N_ORDERS": 50},
        ),
        Chapter(
            "comparison",
            "a folder with posts.csv (posts by platform and language, with category where "
            "coded) and/or questions.csv (questions to an account: asked_at, replied_at)",
            _load_comparison,
            {"N_WORLDS": 2},
        ),
    )
}


def chapter(name: str) -> Chapter:
    """Return the chapter called ``name``; ``KeyError`` naming the chapters there are.

    Examples
    --------
    >>> chapter("survey").name
    'survey'
    """
    if name not in CHAPTERS:
        raise KeyError(f"no chapter {name!r}; the chapters are: {', '.join(CHAPTERS)}")
    return CHAPTERS[name]


def listing() -> str:
    """Every chapter with the data it needs, one paragraph each (``govsocial report --list``).

    Examples
    --------
    >>> listing().splitlines()[0]
    'landscape'
    """
    return "\n\n".join(f"{c.name}\n    --data: {c.needs}" for c in CHAPTERS.values())
