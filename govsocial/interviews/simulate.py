"""The fictional interview study: agencies, officials, segments, two coders, and the truth.

Fourteen fictional agencies at three levels of government, fifteen officials (one agency has
two), as in the study's verified design. Each agency holds each theme of the codebook with a
planted prevalence that depends on its level; its officials voice its themes in segments written
from varied templates, some segments touching two themes. Two coders code every segment, the
second with a planted confusion between neighbouring codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from .codebook import CODES, LEVELS, NEIGHBOURS

__all__ = ["NULLS", "Effects", "InterviewData", "SCALES", "simulate"]

SCALES = {"teaching": (14, 15), "paper": (14, 15)}
"""Agencies and interviews: the study's 15 officials from 14 agencies (teaching = paper)."""

QUESTIONS = {
    "Q1": "How does your agency use social media when an emergency happens?",
    "Q2": "What stands in the way of using information the public posts?",
    "Q3": "What would help your agency use it more?",
}
_QUESTION_OF = {"culture": "Q2", "staffing": "Q2", "policy": "Q2", "legislation": "Q2",
                "verification": "Q2", "liability": "Q2", "skills": "Q3", "awareness": "Q1",
                "expectations": "Q1", "volunteers": "Q3"}  # fmt: skip

_PHRASES = {
    "culture": [
        "nothing goes out without three signatures, so we rarely reply",
        "our managers are risk averse about anything the public posts",
        "the old guard thinks the radio is enough",
        "there is a reluctance here to try what has not been tried",
        "the hierarchy wants every message cleared from the top",
    ],
    "staffing": [
        "we have one communications officer for the whole region",
        "nobody watches the accounts at night or on weekends",
        "there is no budget for monitoring tools",
        "our staff are stretched thin during an event",
        "we simply do not have the people to read all of it",
    ],
    "policy": [
        "our policy says only verified sources go into the situation report",
        "the internal procedure does not mention posts from the public",
        "our guideline forbids staff from replying to individuals",
        "we need an approved procedure before anyone can act on a post",
        "the operations manual was written before any of this existed",
    ],
    "legislation": [
        "the privacy act stops us from storing what people post",
        "federal law on official languages means every reply needs translating",
        "the records legislation treats every post we keep as a record",
        "the statute was never written with social media in mind",
        "Ottawa's rules on personal information tie our hands",
    ],
    "verification": [
        "half of what we saw that night turned out to be rumours",
        "we cannot confirm who is posting or from where",
        "false reports spread faster than our corrections",
        "a photo from last year's flood circulated as if it were today",
        "misinformation is the first thing my chief asks about",
    ],
    "skills": [
        "our deputy chief runs the account herself and loves it",
        "two of our staff took a course on social media in emergencies",
        "we have a champion who pushed this through",
        "the younger officers know these platforms inside out",
    ],
    "awareness": [
        "the first pictures of the washed-out bridge came from residents",
        "posts told us which streets were flooded before our crews did",
        "people sent photos of damage in real time",
        "the public gave us a picture of the situation we could not get otherwise",
    ],
    "expectations": [
        "people now expect us to answer online within the hour",
        "residents want to hear from us directly, not through the news",
        "the public assumes someone is reading every message",
        "citizens expect us to be where they are",
    ],
    "volunteers": [
        "a volunteer mapping group offered to sort the posts for us",
        "digital volunteers could tag the reports if we let them",
        "a network of online volunteers contacted us during the fire",
    ],
    "liability": [
        "if we see a call for help and miss it, we are liable",
        "legal counsel worries about being sued over a missed post",
        "once we monitor, we have a duty of care for what we see",
    ],
}
_OPENERS = ["", "Honestly, ", "To be frank, ", "I would say ", "Well, ", "In my view "]
_JOINERS = [", and ", "; on top of that ", ", and at the same time ", ", while "]
_FILLER = [
    "I have been with the agency for about twelve years.",
    "We cover a large area with a small team.",
    "Most of our work is planning between events.",
    "I moved here from the fire service.",
]
_FEDERAL = ["Federal Office for Flood Readiness", "National Agency for Civil Safety",
            "Federal Bureau of Emergency Logistics", "National Coastal Safety Service",
            "Federal Office of Public Warning"]
_PROVINCIAL = ["Province A Emergency Office", "Province B Public Safety Agency",
               "Province C Emergency Measures", "Province D Wildfire Service",
               "Province E Crisis Office"]
_MUNICIPAL = ["City A Fire and Rescue", "Town B Emergency Services", "City C Public Works",
              "County D Emergency Office", "City E Police Service"]  # fmt: skip
_NAMES = {"federal": _FEDERAL, "provincial": _PROVINCIAL, "municipal": _MUNICIPAL}


def _study_prevalence() -> dict[str, tuple[float, float, float]]:
    return {
        "culture": (0.6, 0.6, 0.6), "staffing": (0.3, 0.5, 0.8),
        "policy": (0.7, 0.6, 0.5), "legislation": (0.9, 0.5, 0.2),
        "verification": (0.6, 0.6, 0.6), "skills": (0.4, 0.4, 0.4),
        "awareness": (0.7, 0.7, 0.7), "expectations": (0.5, 0.5, 0.6),
        "volunteers": (0.1, 0.1, 0.1), "liability": (0.1, 0.1, 0.15),
    }  # fmt: skip


@dataclass(frozen=True)
class Effects:
    """The planted truth of an interview study.

    Parameters
    ----------
    prevalence : dict
        Code -> share of agencies holding the theme at each level (federal, provincial,
        municipal).
    confusion : dict
        Code -> chance that the second coder codes a segment of it as its neighbour
        (:data:`~govsocial.interviews.codebook.NEIGHBOURS`).
    miss : tuple of float
        Chance that the first and the second coder miss a code a segment has.
    pair_share : float
        Chance that a segment also touches a second theme of the same official.

    Examples
    --------
    >>> Effects().prevalence["legislation"]
    (0.9, 0.5, 0.2)
    >>> NULLS["no level difference"].prevalence["legislation"]
    (0.5333333333333333, 0.5333333333333333, 0.5333333333333333)
    """

    prevalence: dict[str, tuple[float, float, float]] = field(default_factory=_study_prevalence)
    confusion: dict[str, float] = field(
        default_factory=lambda: {"policy": 0.35, "culture": 0.2}
    )
    miss: tuple[float, float] = (0.04, 0.06)
    pair_share: float = 0.2

    def __post_init__(self) -> None:
        unknown = (set(self.prevalence) - set(CODES)) | (set(self.confusion) - set(NEIGHBOURS))
        if unknown:
            raise ValueError(f"unknown codes in Effects: {sorted(unknown)}")


def _flat(code: str) -> Effects:
    base = Effects()
    mean = float(np.mean(base.prevalence[code]))
    return replace(base, prevalence={**base.prevalence, code: (mean, mean, mean)})


NULLS = {
    "no level difference": _flat("legislation"),
    "no confusion": replace(Effects(), confusion={}),
}
"""Null worlds: each switches off one planted effect and keeps everything else."""


@dataclass
class InterviewData:
    """One interview study: agencies, interviews, segments, codes, and (simulated) its truth.

    Attributes
    ----------
    agencies : DataFrame
        ``agency``, ``level``.
    interviews : DataFrame
        ``interview`` (in the order held), ``agency``, ``level``, ``speaker``.
    segments : DataFrame
        ``segment``, ``interview``, ``agency``, ``level``, ``speaker``, ``question``, ``text``.
    codes : DataFrame
        ``segment``, ``coder``, ``code``: one row per code a coder gave a segment.
    truth : DataFrame or None
        Segment by code (bool): the codes each segment really has (simulated data only).
    agency_truth : DataFrame or None
        Agency by code (bool): the themes each agency holds (simulated data only).
    effects : Effects or None
        The planted effects (simulated data only).
    reports : list
        The load reports (own data only).
    codebook : DataFrame or None
        The reader's own codebook when the folder had one (None: the chapter's).
    """

    agencies: pd.DataFrame
    interviews: pd.DataFrame
    segments: pd.DataFrame
    codes: pd.DataFrame
    truth: pd.DataFrame | None = None
    agency_truth: pd.DataFrame | None = None
    effects: Effects | None = None
    reports: list = field(default_factory=list)
    codebook: pd.DataFrame | None = None


def _agencies(rng: np.random.Generator, n: int) -> pd.DataFrame:
    levels = [LEVELS[i % 3] for i in range(n)]
    rows, used = [], {level: 0 for level in LEVELS}
    for level in levels:
        names = _NAMES[level]
        k = used[level]
        name = names[k % len(names)] + ("" if k < len(names) else f" {k // len(names) + 1}")
        used[level] += 1
        rows.append({"agency": name, "level": level})
    frame = pd.DataFrame(rows)
    return frame.iloc[rng.permutation(n)].reset_index(drop=True)


def _sentence(rng: np.random.Generator, codes: list[str]) -> str:
    parts = [_PHRASES[c][rng.integers(len(_PHRASES[c]))] for c in codes]
    text = parts[0] if len(parts) == 1 else parts[0] + _JOINERS[rng.integers(4)] + parts[1]
    opener = _OPENERS[rng.integers(len(_OPENERS))]
    text = opener + text
    return text[0].upper() + text[1:] + "."


def simulate(seed: int, scale: str | int = "teaching", effects: Effects | None = None
             ) -> InterviewData:
    """Simulate an interview study of fictional agencies with planted themes and coders.

    Parameters
    ----------
    seed : int
        Seed of every random step.
    scale : {"teaching", "paper"} or int
        ``"teaching"`` and ``"paper"``: the study's 14 agencies and 15 officials; an int: that
        many agencies, one official each plus one agency with two (for recovery checks).
    effects : Effects, optional
        The planted truth; ``Effects()`` by default.

    Returns
    -------
    InterviewData

    Examples
    --------
    >>> data = simulate(2019)
    >>> len(data.agencies), data.interviews["interview"].nunique()
    (14, 15)
    >>> sorted(data.codes["coder"].unique())
    ['A', 'B']
    """
    effects = effects or Effects()
    rng = np.random.default_rng(seed)
    n_agencies, n_interviews = SCALES[scale] if isinstance(scale, str) else (scale, scale + 1)
    agencies = _agencies(rng, n_agencies)
    level_index = agencies["level"].map({lv: i for i, lv in enumerate(LEVELS)}).to_numpy()
    shares = np.array([effects.prevalence[c] for c in CODES]).T[level_index]
    holds = rng.random(shares.shape) < shares
    empty = ~holds.any(axis=1)  # an official always says something
    holds[empty, rng.integers(len(CODES), size=empty.sum())] = True
    agency_truth = pd.DataFrame(holds, index=agencies["agency"], columns=list(CODES))
    who = list(range(n_agencies)) + [0] * (n_interviews - n_agencies)
    order = rng.permutation(len(who))
    interviews, segments, truth, codes = [], [], [], []
    for number, position in enumerate(order, 1):
        agency, level = agencies.iloc[who[position]][["agency", "level"]]
        interview = f"I{number:02d}"
        speaker = f"official {number:02d}"
        interviews.append({"interview": interview, "agency": agency, "level": level,
                           "speaker": speaker})
        themes = [c for c, h in zip(CODES, holds[who[position]], strict=True) if h]
        pieces: list[list[str]] = []
        for theme in themes:
            pieces += [[theme] for _ in range(1 + rng.poisson(0.6))]
        for piece in pieces:
            others = [t for t in themes if t != piece[0]]
            if others and rng.random() < effects.pair_share:
                piece.append(others[rng.integers(len(others))])
        pieces += [[] for _ in range(rng.integers(1, 3))]
        for k, p in enumerate(rng.permutation(len(pieces)), 1):
            piece = pieces[p]
            segment = f"{interview}-{k:02d}"
            text = _sentence(rng, piece) if piece else _FILLER[rng.integers(len(_FILLER))]
            segments.append({"segment": segment, "interview": interview, "agency": agency,
                             "level": level, "speaker": speaker,
                             "question": _QUESTION_OF[piece[0]] if piece else "Q1",
                             "text": text})
            truth.append({c: c in piece for c in CODES})
            codes += _code(rng, segment, piece, effects)
    segments_frame = pd.DataFrame(segments)
    return InterviewData(
        agencies=agencies.sort_values(["level", "agency"], key=_level_key).reset_index(drop=True),
        interviews=pd.DataFrame(interviews),
        segments=segments_frame,
        codes=pd.DataFrame(codes, columns=["segment", "coder", "code"]),
        truth=pd.DataFrame(truth, index=segments_frame["segment"]),
        agency_truth=agency_truth,
        effects=effects,
    )


def _level_key(column: pd.Series) -> pd.Series:
    if column.name == "level":
        return column.map({lv: i for i, lv in enumerate(LEVELS)})
    return column


def _code(rng: np.random.Generator, segment: str, piece: list[str], effects: Effects
          ) -> list[tuple[str, str, str]]:
    rows = []
    for code in piece:
        if rng.random() >= effects.miss[0]:
            rows.append((segment, "A", code))
        if rng.random() < effects.confusion.get(code, 0.0):
            rows.append((segment, "B", NEIGHBOURS[code]))
        elif rng.random() >= effects.miss[1]:
            rows.append((segment, "B", code))
    return list(dict.fromkeys(rows))
