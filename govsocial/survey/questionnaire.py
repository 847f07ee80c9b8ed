"""The questionnaire: departments, factors, couplings, items and their wording, size classes.

What the survey asks and of whom, shared by the simulator, the loader and the analysis: the five
:data:`DEPARTMENTS` surveyed in every city, the five organisational :data:`FACTORS` (each
measured by a scale of Likert items, :data:`SCALES`), the four technology-task
:data:`COUPLINGS` (yes/no), the city-size classes used for weighting (:func:`size_class`), and
the :func:`codebook` that lists every question.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

__all__ = [
    "COUPLINGS",
    "COUPLING_LABELS",
    "DEPARTMENTS",
    "FACTORS",
    "FACTOR_LABELS",
    "ITEMS",
    "SCALES",
    "SIZE_CLASSES",
    "codebook",
    "size_class",
]

DEPARTMENTS: tuple[str, ...] = (
    "community development",
    "finance",
    "police",
    "mayor's office",
    "parks and recreation",
)
"""The five departments surveyed in every city, in the study's order."""

FACTORS: tuple[str, ...] = ("work", "innovativeness", "technology", "management", "stakeholders")
"""The organisational factors, each measured by a scale of Likert items."""

FACTOR_LABELS: dict[str, str] = {
    "work": "Work characteristics",
    "innovativeness": "Innovativeness",
    "technology": "Technology capacity",
    "management": "Management capacity",
    "stakeholders": "Stakeholder influence",
}

COUPLINGS: tuple[str, ...] = ("dissemination", "feedback", "participation", "collaboration")
"""The four technology-task couplings: what a department uses social media for."""

COUPLING_LABELS: dict[str, str] = {
    "dissemination": "Dissemination",
    "feedback": "Feedback on service quality",
    "participation": "Participation",
    "collaboration": "Internal collaboration",
}

SIZE_CLASSES: tuple[str, ...] = ("under 25,000", "25,000 to 99,999", "100,000 and over")
"""City-size classes by population, used for weighting and for response rates."""

_SIZE_BREAKS = (25_000, 100_000)

_ITEMS: dict[str, tuple[tuple[str, str], ...]] = {
    "work": (
        ("work_1", "Most of my department's work involves direct contact with residents."),
        ("work_2", "The services we provide depend on information from the public."),
        ("work_3", "Our work requires frequent coordination with other departments."),
    ),
    "innovativeness": (
        ("innov_1", "My department is usually among the first to try new technologies."),
        ("innov_2", "Staff are encouraged to experiment with new ways of working."),
        ("innov_3", "Leadership supports new ideas even when some of them fail."),
        ("innov_4", "We look at what other cities do before we change anything."),
    ),
    "technology": (
        ("tech_1", "We have staff with the skills to run social media accounts."),
        ("tech_2", "Our IT support is adequate for new online tools."),
        ("tech_3", "Our computers and software are up to date."),
    ),
    "management": (
        ("mgmt_1", "Managers here set clear goals for online communication."),
        ("mgmt_2", "We have a written social media policy that staff follow."),
        ("mgmt_3", "Managers have the time and budget to oversee new initiatives."),
    ),
    "stakeholders": (
        ("stake_1", "Residents expect my department to be on social media."),
        ("stake_2", "Elected officials push my department to use social media."),
        ("stake_3", "Local media and community groups follow us online."),
        ("stake_4", "Other departments' use of social media influences ours."),
    ),
}

SCALES: dict[str, tuple[str, ...]] = {
    factor: tuple(name for name, _ in items) for factor, items in _ITEMS.items()
}
"""The items of each scale, as drafted (before any item is dropped)."""

ITEMS: tuple[str, ...] = tuple(itertools.chain.from_iterable(SCALES.values()))

_LIKERT = "1 strongly disagree, 2 disagree, 3 neither, 4 agree, 5 strongly agree"

_COUPLING_QUESTIONS = {
    "dissemination": "uses social media to disseminate information to the public",
    "feedback": "uses social media to get feedback on the quality of its services",
    "participation": "uses social media to involve the public in decisions",
    "collaboration": "uses social media for collaborative work inside the government",
}


def size_class(population: pd.Series) -> pd.Series:
    """Return the city-size class of each population (an ordered categorical).

    Examples
    --------
    >>> size_class(pd.Series([9_000, 25_000, 250_000])).tolist()
    ['under 25,000', '25,000 to 99,999', '100,000 and over']
    """
    codes = np.searchsorted(np.array(_SIZE_BREAKS), population.to_numpy(dtype=float), "right")
    return pd.Series(
        pd.Categorical.from_codes(codes, categories=list(SIZE_CLASSES), ordered=True),
        index=population.index,
        name="size_class",
    )


def codebook() -> pd.DataFrame:
    """Return the questionnaire: every item and outcome with its scale, wording and answers.

    Examples
    --------
    >>> book = codebook()
    >>> book.loc[book["column"] == "innov_4", "measures"].item()
    'innovativeness'
    """
    rows = [
        {"column": name, "measures": factor, "question": wording, "answers": "1-5 (agreement)"}
        for factor, items in _ITEMS.items()
        for name, wording in items
    ]
    rows += [
        {
            "column": c,
            "measures": "coupling",
            "question": f"My department {_COUPLING_QUESTIONS[c]}.",
            "answers": "1 yes, 0 no",
        }
        for c in COUPLINGS
    ]
    return pd.DataFrame(rows)
