r"""Survey: which organisations use social media for which tasks (Oliveira & Welch 2013).

The chapter re-runs the design of a national survey of local government managers in five
departments of U.S. cities, asking which organisational factors predict four technology-task
couplings: social media for dissemination, for feedback on service quality, for participation
and for internal collaboration. The survey data are not public, so :func:`simulate` builds a
sampling frame of fictional cities, invites one manager per city and department, lets them
respond with a propensity that depends on department, city size and (unobserved) innovativeness,
and writes their answers as Likert items with measurement error. The planted truth
(:class:`Effects`) says which factors drive each coupling; ``Effects.none()`` plants nothing.

The analysis functions build scales from items and judge their reliability, weight the
respondents back to the frame (raking or post-stratification), estimate weighted shares, fit one
logistic regression per coupling with errors clustered by city, and check the estimates against
the planted truth.

Public names
------------
DEPARTMENTS, FACTORS, FACTOR_LABELS, COUPLINGS, COUPLING_LABELS, SIZE_CLASSES, SCALES
    The survey's departments, organisational factors, couplings, city-size classes and the
    items of each scale.
RESPONSES, FRAME
    Contracts of a survey file (one row per respondent) and a frame file (one row per
    invitation).
Effects
    The planted effects; ``Effects.none()`` plants none.
SurveyData
    Frame, responses, planted truth and load reports of one survey.
simulate(seed, scale="teaching", effects=None)
    A simulated survey of fictional cities.
load_folder(folder)
    The reader's own ``responses.csv`` and (optional) ``frame.csv``.
codebook()
    Every questionnaire item with its scale, wording and answers; the outcome coding.
size_class(population)
    The city-size class of each population.
cronbach_alpha(items)
    Cronbach's alpha of a set of items.
item_analysis(items)
    Corrected item-total correlation and alpha-if-deleted of every item.
reliability_table(responses, scales=SCALES, *, threshold=0.7)
    Alpha of every scale, with a verdict on whether it can be used.
drop_weak_items(responses, scales=SCALES, *, min_item_rest=0.3)
    The scales without items that do not fit them.
build_scales(responses, scales=SCALES, *, standardize=True)
    One score per scale and respondent: the mean of the items answered.
response_rates(frame, by)
    Invitations, responses and response rates (Wilson 95% CI) by group.
rake(respondents, frame, variables)
    Raking weights: respondents weighted to the frame's margins.
poststratify(respondents, frame, cells)
    Post-stratification weights: respondents weighted to the frame's cells.
weighted_shares(respondents, outcomes, weights=None, *, by=None)
    Shares (weighted or not) with 95% CIs, overall or by group.
nonresponse_bias(data, weights)
    Unweighted and weighted shares, against the frame's true shares when known.
suppress_small_cells(table, *, count="n", min_count=5)
    Blank out figures of groups too small to publish.
latent_scores(data)
    The respondents' true factor values (simulated data only), standardised.
fit_couplings(respondents, scores, *, factors=FACTORS)
    One logistic regression per coupling, errors clustered by city, Holm-adjusted p-values.
holm_adjust(p_values)
    Holm-adjusted p-values of a family of tests.
coefficient_matrix(fits, value="coef")
    Factor by coupling table of a column of the fits.
predicted_probabilities(fits, *, low=-1.0, high=1.0, n_draws=1000, seed=0)
    Average predicted probability of each coupling with a factor at a low and a high value.
recovery_table(effects, fits, *, alphas=None, latent_fits=None)
    Planted versus estimated factor effects.
replications(seeds, scale="teaching", effects=None)
    The models re-run in many simulated worlds, on scales and on the true factors.
falsification(seeds, scale="teaching")
    False discoveries and raw-share bias in worlds without effects.
falsification_summary(worlds)
    What the worlds without effects found, in five numbers.
scorecard(fits)
    The study's directional findings against what the models found.
response_rate_figure(rates, *, overall=None)
    Figure: response rates by department and city size.
shares_figure(bias)
    Figure: unweighted and weighted shares against the frame's true shares.
department_shares_figure(shares)
    Figure: unweighted and weighted shares by department, one panel per coupling.
probability_figure(probabilities)
    Figure: predicted probabilities at low and high factor values.
probability_steps(probabilities)
    How far each factor moves each coupling's probability.
coefficient_figure(fits)
    Figure: the factor effects of every coupling as a heatmap.

Examples
--------
>>> data = simulate(2022)
>>> scores = build_scales(data.responses)
>>> fits = fit_couplings(data.responses, scores)
>>> sorted(fits.table["coupling"].unique())
['collaboration', 'dissemination', 'feedback', 'participation']
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import patsy
import statsmodels.api as sm
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter
from scipy.special import expit
from statsmodels.stats.proportion import proportion_confint

from govsocial import io, plots
from govsocial.plots import PALETTE
from govsocial.schema import Column, Contract, DataError, LoadReport

__all__ = [
    "COUPLINGS",
    "COUPLING_LABELS",
    "DEPARTMENTS",
    "FACTORS",
    "FACTOR_LABELS",
    "FRAME",
    "ITEMS",
    "RESPONSES",
    "SCALES",
    "SIZE_CLASSES",
    "CouplingFits",
    "Effects",
    "SurveyData",
    "build_scales",
    "codebook",
    "coefficient_figure",
    "coefficient_matrix",
    "cronbach_alpha",
    "department_shares_figure",
    "drop_weak_items",
    "falsification",
    "falsification_summary",
    "fit_couplings",
    "holm_adjust",
    "item_analysis",
    "latent_scores",
    "load_folder",
    "nonresponse_bias",
    "poststratify",
    "predicted_probabilities",
    "probability_figure",
    "probability_steps",
    "rake",
    "recovery_table",
    "reliability_table",
    "replications",
    "response_rate_figure",
    "response_rates",
    "scorecard",
    "shares_figure",
    "simulate",
    "size_class",
    "suppress_small_cells",
    "weighted_shares",
]

Scale = Literal["teaching", "paper"]

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

# How each item reflects its factor (a standardised loading) in the simulation. innov_4 was
# drafted as an innovativeness item but measures something else (imitation of other cities).
_LOADINGS: dict[str, float] = {
    "work_1": 0.80, "work_2": 0.75, "work_3": 0.70,
    "innov_1": 0.80, "innov_2": 0.80, "innov_3": 0.75, "innov_4": 0.05,
    "tech_1": 0.85, "tech_2": 0.80, "tech_3": 0.75,
    "mgmt_1": 0.80, "mgmt_2": 0.75, "mgmt_3": 0.70,
    "stake_1": 0.75, "stake_2": 0.70, "stake_3": 0.65, "stake_4": 0.65,
}  # fmt: skip
_CUTS = np.array([-1.6, -0.7, 0.25, 1.2])  # latent answer -> 1..5
_ITEM_MISSING = 0.02  # chance that a respondent skips an item

# Correlations among city size (log population, standardised) and the five latent factors.
_CORRELATION = np.array([
    # size  work  innov  tech  mgmt  stake
    [1.00, 0.00, 0.10, 0.35, 0.20, 0.25],
    [0.00, 1.00, 0.10, 0.05, 0.10, 0.25],
    [0.10, 0.10, 1.00, 0.30, 0.25, 0.10],
    [0.35, 0.05, 0.30, 1.00, 0.35, 0.10],
    [0.20, 0.10, 0.25, 0.35, 1.00, 0.05],
    [0.25, 0.25, 0.10, 0.10, 0.05, 1.00],
])  # fmt: skip
_CITY_SHARE = 0.3  # share of a factor's variance common to all departments of a city
_CITY_SD = 0.5  # city-wide random intercept of every coupling (log-odds)
_LOG10_POPULATION = (4.45, 0.45)  # mean and SD of log10 population in the frame

_BASE_LOGODDS = {
    "dissemination": 0.6,
    "feedback": -0.7,
    "participation": -1.0,
    "collaboration": -1.5,
}
_BASE_RESPONSE = -0.95  # log-odds of responding for an average invitation

_N_CITIES: dict[str, int] = {"teaching": 300, "paper": 500}


# --------------------------------------------------------------------------------------------
# The planted truth
# --------------------------------------------------------------------------------------------


def _planted_factor_effects() -> dict[str, dict[str, float]]:
    return {
        "dissemination": {"technology": 0.8, "stakeholders": 0.7},
        "feedback": {"work": 0.8, "stakeholders": 0.6},
        "participation": {"innovativeness": 0.9, "management": 0.6},
        "collaboration": {"work": 0.6, "management": 0.8},
    }


def _planted_department_effects() -> dict[str, float]:
    return {
        "community development": 0.0,
        "finance": -0.9,
        "police": 0.5,
        "mayor's office": 0.3,
        "parks and recreation": 0.4,
    }


def _planted_response_departments() -> dict[str, float]:
    return {
        "community development": 0.0,
        "finance": -0.6,
        "police": 0.4,
        "mayor's office": -0.2,
        "parks and recreation": 0.3,
    }


@dataclass(frozen=True)
class Effects:
    """The effects planted in a simulated survey.

    Attributes
    ----------
    factors : dict of str to dict of str to float
        For each coupling, the factors that drive it and by how much: the change in log-odds of
        using social media for that task per standard deviation of the latent factor. Factors
        not listed have no effect on that coupling.
    departments : dict of str to float
        Log-odds shift of every coupling by department (community development = 0).
    size : float
        Log-odds shift of every coupling per standard deviation of log population.
    response_departments : dict of str to float
        Log-odds shift of the response propensity by department.
    response_size : float
        Log-odds shift of responding per standard deviation of log population.
    response_innovativeness : float
        Log-odds shift of responding per standard deviation of the (unobserved) innovativeness of
        the manager's department: the part of nonresponse that frame variables cannot explain.

    Examples
    --------
    >>> Effects().coefficient("participation", "innovativeness")
    0.9
    >>> Effects.none().coefficient("participation", "innovativeness")
    0.0
    """

    factors: dict[str, dict[str, float]] = field(default_factory=_planted_factor_effects)
    departments: dict[str, float] = field(default_factory=_planted_department_effects)
    size: float = 0.5
    response_departments: dict[str, float] = field(default_factory=_planted_response_departments)
    response_size: float = 0.6
    response_innovativeness: float = 0.5

    def __post_init__(self) -> None:
        """Refuse couplings, factors or departments the survey does not have."""
        for coupling, effects in self.factors.items():
            if coupling not in COUPLINGS:
                raise ValueError(f"unknown coupling {coupling!r}; use one of {list(COUPLINGS)}")
            unknown = set(effects) - set(FACTORS)
            if unknown:
                raise ValueError(f"unknown factor(s) {sorted(unknown)}; use {list(FACTORS)}")
        for shifts in (self.departments, self.response_departments):
            unknown = set(shifts) - set(DEPARTMENTS)
            if unknown:
                raise ValueError(f"unknown department(s) {sorted(unknown)}")

    @classmethod
    def none(cls) -> Effects:
        """Plant nothing: no factor, department or size effect, and equal response chances.

        Everyone invited responds with the same probability.
        """
        return cls(
            factors={},
            departments={},
            size=0.0,
            response_departments={},
            response_size=0.0,
            response_innovativeness=0.0,
        )

    def coefficient(self, coupling: str, factor: str) -> float:
        """Return the planted log-odds effect of ``factor`` on ``coupling`` (0.0 when none)."""
        return float(self.factors.get(coupling, {}).get(factor, 0.0))

    def matrix(self) -> pd.DataFrame:
        """Return the planted factor effects as a table: factors as rows, couplings as columns."""
        return pd.DataFrame(
            [[self.coefficient(c, f) for c in COUPLINGS] for f in FACTORS],
            index=pd.Index(FACTORS, name="factor"),
            columns=pd.Index(COUPLINGS, name="coupling"),
        )


@dataclass
class SurveyData:
    """One survey: who was invited, who answered what, and (if simulated) the truth.

    Attributes
    ----------
    frame : DataFrame
        One row per invitation: ``respondent_id``, ``city_id``, ``department``,
        ``population``, ``size_class`` and ``responded``; ``None`` when own data come without
        a frame.
    responses : DataFrame
        One row per respondent, with the frame's columns (but ``responded``), every item in
        :data:`ITEMS` (1-5, missing when skipped) and every coupling (0 or 1).
    truth : DataFrame or None
        Simulated data only: every invitation with its latent factors (standardised) and the
        couplings it would have reported, responded or not.
    effects : Effects or None
        The planted effects; ``None`` for own data.
    reports : list of LoadReport
        What a loader read and dropped (empty for simulated data).
    """

    frame: pd.DataFrame | None
    responses: pd.DataFrame
    truth: pd.DataFrame | None = None
    effects: Effects | None = None
    reports: list[LoadReport] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Simulation
# --------------------------------------------------------------------------------------------


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


def _likert(latent: np.ndarray, loading: float, rng: np.random.Generator) -> np.ndarray:
    """Answers 1..5 to one item: the factor seen through noise, cut at fixed thresholds."""
    answer = loading * latent + np.sqrt(1 - loading**2) * rng.standard_normal(latent.shape)
    return (np.searchsorted(_CUTS, answer) + 1).astype(float)


def simulate(seed: int, scale: Scale = "teaching", effects: Effects | None = None) -> SurveyData:
    """Simulate a survey of local government managers in fictional cities.

    The frame holds ``n`` fictional cities ("City 001", ...: 300 at teaching scale, 500 at paper
    scale) by the five :data:`DEPARTMENTS`, one manager invited per city and department. Each
    invited department has five latent organisational factors (correlated with each other and
    with city size, partly shared within a city), reports the four couplings through a logistic
    model with the planted factor, department and size effects plus a city-wide random
    intercept, and responds with a propensity that depends on department, city size and
    innovativeness. Respondents answer 17 Likert items (1-5), each skipped with probability 2%.

    Parameters
    ----------
    seed : int
        Seed of the random generator: the same seed gives the same survey.
    scale : {"teaching", "paper"}
        300 or 500 cities (1,500 or 2,500 invitations).
    effects : Effects, optional
        The planted effects; by default :class:`Effects` ().

    Returns
    -------
    SurveyData
        ``frame``, ``responses``, ``truth`` and ``effects``.

    Examples
    --------
    >>> data = simulate(1)
    >>> len(data.frame), bool(0.25 < data.frame["responded"].mean() < 0.40)
    (1500, True)
    """
    if scale not in _N_CITIES:
        raise ValueError(f"scale must be one of {list(_N_CITIES)}, got {scale!r}")
    effects = Effects() if effects is None else effects
    rng = np.random.default_rng(seed)
    n_cities, n_departments = _N_CITIES[scale], len(DEPARTMENTS)
    chol = np.linalg.cholesky(_CORRELATION)

    city_draw = rng.standard_normal((n_cities, 6)) @ chol.T
    size_z = city_draw[:, 0]
    population = np.round(10 ** (_LOG10_POPULATION[0] + _LOG10_POPULATION[1] * size_z), -2)
    population = np.maximum(population, 1_000).astype(int)
    own_draw = rng.standard_normal((n_cities, n_departments, 6)) @ chol.T
    # each factor: a city-wide part and the department's own part, correlated the same way
    factors = (
        np.sqrt(_CITY_SHARE) * city_draw[:, None, 1:] + np.sqrt(1 - _CITY_SHARE) * own_draw[..., 1:]
    ).reshape(-1, len(FACTORS))
    city_index = np.repeat(np.arange(n_cities), n_departments)
    departments = np.tile(np.array(DEPARTMENTS, dtype=object), n_cities)
    city_ids = np.array([f"City {i + 1:03d}" for i in range(n_cities)], dtype=object)

    truth = pd.DataFrame(
        {
            "respondent_id": [
                f"{city_ids[c]} / {d}" for c, d in zip(city_index, departments, strict=True)
            ],
            "city_id": city_ids[city_index],
            "department": departments,
            "population": population[city_index],
        }
    )
    truth["size_class"] = size_class(truth["population"])
    for position, factor in enumerate(FACTORS):
        truth[factor] = factors[:, position]

    size_std = size_z[city_index]
    department_shift = truth["department"].map(lambda d: effects.departments.get(d, 0.0))
    city_intercept = rng.normal(0.0, _CITY_SD, n_cities)[city_index]
    for coupling in COUPLINGS:
        logit = (
            _BASE_LOGODDS[coupling]
            + factors @ np.array([effects.coefficient(coupling, f) for f in FACTORS])
            + department_shift.to_numpy(dtype=float)
            + effects.size * size_std
            + city_intercept
        )
        truth[coupling] = (rng.random(len(truth)) < expit(logit)).astype(int)

    response_logit = (
        _BASE_RESPONSE
        + truth["department"].map(lambda d: effects.response_departments.get(d, 0.0)).to_numpy()
        + effects.response_size * size_std
        + effects.response_innovativeness * truth["innovativeness"].to_numpy()
    )
    truth["responded"] = rng.random(len(truth)) < expit(response_logit.astype(float))

    answered = truth[truth["responded"]].reset_index(drop=True)
    items = {}
    for factor, names in SCALES.items():
        for name in names:
            answers = _likert(answered[factor].to_numpy(), _LOADINGS[name], rng)
            answers[rng.random(len(answers)) < _ITEM_MISSING] = np.nan
            items[name] = pd.array(answers, dtype="Int64")
    frame_columns = ["respondent_id", "city_id", "department", "population", "size_class"]
    responses = pd.concat(
        [answered[frame_columns], pd.DataFrame(items), answered[list(COUPLINGS)]], axis=1
    )
    frame = truth[[*frame_columns, "responded"]].copy()
    return SurveyData(frame=frame, responses=responses, truth=truth, effects=effects)


# --------------------------------------------------------------------------------------------
# Own data
# --------------------------------------------------------------------------------------------

_ID_COLUMNS = (
    Column("respondent_id", "string", unique=True,
           description="one invitation: a manager of one department in one city"),
    Column("city_id", "string", description="the city (respondents are clustered by city)"),
    Column("department", "string", description="the manager's department"),
    Column("population", "int", minimum=1, description="the city's population (persons)"),
)  # fmt: skip

RESPONSES = Contract(
    "survey responses",
    (
        *_ID_COLUMNS,
        *(
            Column(name, "int", nullable=True, minimum=1, maximum=5,
                   description=f"{factor} item: {_LIKERT}; empty when skipped")
            for factor, names in SCALES.items()
            for name in names
        ),
        *(
            Column(c, "int", minimum=0, maximum=1,
                   description=f"1 if the department {_COUPLING_QUESTIONS[c]}, else 0")
            for c in COUPLINGS
        ),
    ),
)  # fmt: skip
"""One row per respondent: who they are, their 17 answers (1-5) and the four couplings (0/1)."""

FRAME = Contract("survey frame", _ID_COLUMNS)
"""One row per invitation, respondents or not: the sampling frame to weight to."""


def load_folder(folder: str | Path) -> SurveyData:
    """Read the reader's own survey from a folder.

    Parameters
    ----------
    folder : str or path-like
        Holds ``responses.csv`` (contract :data:`RESPONSES`) and optionally ``frame.csv``
        (contract :data:`FRAME`, every invitation). Without a frame, nothing can be weighted.

    Returns
    -------
    SurveyData
        ``truth`` and ``effects`` are ``None``; ``reports`` say what was read.

    Raises
    ------
    DataError
        When a file is missing or malformed (for example a Likert answer of 7), or when a
        respondent is missing from the frame or differs from it in city, department or
        population.
    """
    folder = Path(folder)
    path = folder / "responses.csv"
    if not path.is_file():
        raise DataError(
            "the survey folder has no responses.csv",
            file=str(folder),
            expected="responses.csv (and optionally frame.csv)",
        )
    loaded = io.read_table(path, RESPONSES)
    responses = loaded.frame
    responses["size_class"] = size_class(responses["population"])
    reports = [loaded.report]
    frame = None
    frame_path = folder / "frame.csv"
    if frame_path.is_file():
        frame_loaded = io.read_table(frame_path, FRAME)
        frame = frame_loaded.frame
        frame["size_class"] = size_class(frame["population"])
        _check_in_frame(responses, frame, str(path), loaded.lines)
        frame["responded"] = frame["respondent_id"].isin(responses["respondent_id"])
        reports.append(frame_loaded.report)
    order = [c.name for c in _ID_COLUMNS] + ["size_class", *ITEMS, *COUPLINGS]
    return SurveyData(frame=frame, responses=responses[order], reports=reports)


def _check_in_frame(
    responses: pd.DataFrame, frame: pd.DataFrame, file: str, lines: Sequence[int]
) -> None:
    """Every respondent must be an invitation of the frame, with the same description.

    ``lines`` holds the line of ``file`` on which each respondent's record starts.
    """
    merged = responses.merge(
        frame, on="respondent_id", how="left", suffixes=("", "_frame"), indicator=True
    )
    outside = (merged["_merge"] == "left_only").to_numpy().nonzero()[0]
    if len(outside):
        row = int(outside[0])
        raise DataError(
            "respondent not in frame.csv",
            file=file,
            row=lines[row],
            column="respondent_id",
            expected="an id listed in frame.csv",
            found=repr(merged.loc[row, "respondent_id"]),
        )
    for column in ("city_id", "department", "population"):
        differ = (merged[column] != merged[f"{column}_frame"]).to_numpy().nonzero()[0]
        if len(differ):
            row = int(differ[0])
            raise DataError(
                "respondent described differently in frame.csv",
                file=file,
                row=lines[row],
                column=column,
                expected=repr(merged.loc[row, f"{column}_frame"]),
                found=repr(merged.loc[row, column]),
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


# --------------------------------------------------------------------------------------------
# Measurement: scales and their reliability
# --------------------------------------------------------------------------------------------


def cronbach_alpha(items: pd.DataFrame) -> float:
    r"""Cronbach's alpha of a set of items, on the respondents who answered them all.

    :math:`\alpha = \frac{k}{k-1}\left(1 - \frac{\sum_i s_i^2}{s_T^2}\right)`, with ``k`` items,
    item variances :math:`s_i^2` and the variance :math:`s_T^2` of their sum (sample variances).

    Parameters
    ----------
    items : DataFrame
        One column per item, one row per respondent; rows with a missing answer are left out.

    Returns
    -------
    float
        Alpha: 1 when the items move together perfectly, 0 (or below) when they are unrelated.

    Examples
    --------
    >>> round(cronbach_alpha(pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 4, 4]})), 3)
    0.941
    """
    complete = items.dropna().astype(float)
    k = complete.shape[1]
    if k < 2 or len(complete) < 2:
        raise ValueError("alpha needs at least two items and two complete rows")
    total = complete.sum(axis=1).var(ddof=1)
    if total == 0:
        raise ValueError("alpha is undefined: every respondent gave the same total")
    return float(k / (k - 1) * (1 - complete.var(ddof=1).sum() / total))


def item_analysis(items: pd.DataFrame) -> pd.DataFrame:
    """How well each item fits its scale.

    Parameters
    ----------
    items : DataFrame
        The items of one scale (one column each), rows with missing answers left out.

    Returns
    -------
    DataFrame
        One row per item: ``item``, ``item_rest_r`` (correlation of the item with the sum of
        the *other* items, the corrected item-total correlation) and ``alpha_if_deleted``.

    Examples
    --------
    >>> toy = pd.DataFrame({"a": [1, 2, 3, 4], "b": [1, 3, 3, 4], "c": [4, 1, 3, 2]})
    >>> item_analysis(toy).round(2)["item_rest_r"].tolist()
    [0.67, 0.19, -0.57]
    """
    complete = items.dropna().astype(float)
    rows = []
    for item in complete.columns:
        rest = complete.drop(columns=item)
        rows.append(
            {
                "item": item,
                "item_rest_r": float(complete[item].corr(rest.sum(axis=1))),
                "alpha_if_deleted": cronbach_alpha(rest) if rest.shape[1] >= 2 else np.nan,
            }
        )
    return pd.DataFrame(rows)


def _weakest(items: pd.DataFrame) -> tuple[str, float]:
    """Find the item with the lowest item-rest correlation, and that correlation."""
    analysis = item_analysis(items).set_index("item")["item_rest_r"]
    return str(analysis.idxmin()), float(analysis.min())


def _verdict(alpha: float, threshold: float) -> str:
    if alpha >= 0.8:
        return "good"
    if alpha >= threshold:
        return "acceptable"
    return "too unreliable to use"


def reliability_table(
    responses: pd.DataFrame,
    scales: Mapping[str, Sequence[str]] = SCALES,
    *,
    threshold: float = 0.7,
) -> pd.DataFrame:
    """Cronbach's alpha of every scale, with a verdict on whether it can be used.

    Parameters
    ----------
    responses : DataFrame
        One row per respondent with the item columns.
    scales : mapping of str to sequence of str
        The items of each scale.
    threshold : float
        The smallest alpha accepted (0.7 is a common rule of thumb; 0.8 or more is good).

    Returns
    -------
    DataFrame
        One row per scale: ``scale``, ``items`` (how many), ``n`` (complete answers), ``alpha``,
        ``weakest`` (the item with the lowest item-rest correlation) and that correlation,
        ``weakest_r``, ``verdict`` and ``usable``.
    """
    rows = []
    for scale, names in scales.items():
        items = responses[list(names)]
        weakest, weakest_r = _weakest(items)
        alpha = cronbach_alpha(items)
        rows.append(
            {
                "scale": scale,
                "items": len(names),
                "n": int(items.notna().all(axis=1).sum()),
                "alpha": alpha,
                "weakest": weakest,
                "weakest_r": weakest_r,
                "verdict": _verdict(alpha, threshold),
                "usable": bool(alpha >= threshold),
            }
        )
    return pd.DataFrame(rows)


def drop_weak_items(
    responses: pd.DataFrame,
    scales: Mapping[str, Sequence[str]] = SCALES,
    *,
    min_item_rest: float = 0.3,
) -> dict[str, tuple[str, ...]]:
    """Drop the items that do not measure what the rest of their scale measures.

    An item whose corrected item-total correlation is below ``min_item_rest`` is dropped, one
    item at a time (the weakest first) and never below two items per scale.

    Parameters
    ----------
    responses : DataFrame
        One row per respondent with the item columns.
    scales : mapping of str to sequence of str
        The items of each scale, as drafted.
    min_item_rest : float
        The smallest item-rest correlation kept (0.3 is a common rule of thumb).

    Returns
    -------
    dict of str to tuple of str
        The items kept in each scale.

    Examples
    --------
    >>> toy = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [1, 2, 4, 4, 5], "c": [3, 1, 5, 1, 3]})
    >>> drop_weak_items(toy, {"s": ["a", "b", "c"]})
    {'s': ('a', 'b')}
    """
    kept = {}
    for scale, names in scales.items():
        names = list(names)
        while len(names) > 2:
            weakest, weakest_r = _weakest(responses[names])
            if weakest_r >= min_item_rest:
                break
            names.remove(weakest)
        kept[scale] = tuple(names)
    return kept


def build_scales(
    responses: pd.DataFrame,
    scales: Mapping[str, Sequence[str]] = SCALES,
    *,
    standardize: bool = True,
) -> pd.DataFrame:
    """One score per scale and respondent: the mean of the items the respondent answered.

    A respondent who skipped more than one item of a scale gets no score on it (missing).

    Parameters
    ----------
    responses : DataFrame
        One row per respondent with the item columns.
    scales : mapping of str to sequence of str
        The items of each scale (drop an unreliable item by leaving it out).
    standardize : bool
        Turn each score into standard deviations from the respondents' mean, so that a model's
        coefficient is the effect of one standard deviation.

    Returns
    -------
    DataFrame
        One column per scale, aligned with ``responses``.

    Examples
    --------
    >>> toy = pd.DataFrame({"a": [1, 5, None], "b": [3, 5, 4], "c": [2, None, None]})
    >>> build_scales(toy, {"s": ["a", "b", "c"]}, standardize=False)["s"].tolist()
    [2.0, 5.0, nan]
    """
    scores = {}
    for scale, names in scales.items():
        items = responses[list(names)].astype(float)
        score = items.mean(axis=1).where(items.isna().sum(axis=1) <= 1)
        if standardize:
            score = (score - score.mean()) / score.std(ddof=1)
        scores[scale] = score
    return pd.DataFrame(scores, index=responses.index)


# --------------------------------------------------------------------------------------------
# Nonresponse and weights
# --------------------------------------------------------------------------------------------


def _wilson(successes: float, n: float) -> tuple[float, float]:
    low, high = proportion_confint(successes, n, alpha=0.05, method="wilson")
    return float(low), float(high)


def response_rates(frame: pd.DataFrame, by: str | Sequence[str]) -> pd.DataFrame:
    """Invitations, responses and the response rate with a Wilson 95% CI, by group.

    Parameters
    ----------
    frame : DataFrame
        One row per invitation with a boolean ``responded`` column.
    by : str or sequence of str
        The grouping column(s).

    Returns
    -------
    DataFrame
        One row per group: the group column(s), ``invited``, ``responded``, ``rate``,
        ``ci_low``, ``ci_high``.

    Examples
    --------
    >>> frame = pd.DataFrame({"g": ["a", "a", "b", "b"], "responded": [True, False, True, True]})
    >>> response_rates(frame, "g")["rate"].tolist()
    [0.5, 1.0]
    """
    by = [by] if isinstance(by, str) else list(by)
    table = (
        frame.groupby(by, observed=True)["responded"]
        .agg(invited="size", responded="sum")
        .reset_index()
    )
    table["rate"] = table["responded"] / table["invited"]
    bounds = [_wilson(r, n) for r, n in zip(table["responded"], table["invited"], strict=True)]
    table["ci_low"], table["ci_high"] = zip(*bounds, strict=True)
    return table


def _check_categories(
    respondents: pd.DataFrame, frame: pd.DataFrame, columns: Sequence[str], what: str
) -> tuple[pd.Series, pd.Series]:
    """Respondents' group labels and the frame's count of each group.

    Every group of the frame must have respondents, and every respondent a group of the frame.
    """

    def label(table: pd.DataFrame) -> pd.Series:
        parts = [table[column].astype(str) for column in columns]
        return functools.reduce(lambda left, right: left + " / " + right, parts)

    mine = label(respondents)
    frame_counts = label(frame).value_counts().sort_index()
    present = set(mine.unique())
    empty = [group for group in frame_counts.index if group not in present]
    if empty:
        raise DataError(
            f"no respondents in {what} {empty[0]!r}: nobody can stand in for it; "
            "merge it with a neighbouring group or weight on coarser groups",
            column=", ".join(columns),
            expected=f"at least one respondent in every {what} of the frame",
            found=f"{len(empty)} empty {what}(s)",
        )
    unknown = sorted(present - set(frame_counts.index))
    if unknown:
        raise DataError(
            f"respondents in {what} {unknown[0]!r}, which the frame does not have",
            column=", ".join(columns),
            expected=f"only {what}s of the frame",
        )
    return mine, frame_counts


def rake(
    respondents: pd.DataFrame,
    frame: pd.DataFrame,
    variables: Sequence[str],
    *,
    max_iter: int = 100,
    tol: float = 1e-10,
) -> pd.Series:
    """Raking weights: respondents weighted so that each variable's margins match the frame.

    Iterative proportional fitting (Deming & Stephan 1940): starting from equal weights, the
    weights are multiplied, one variable at a time, by the frame count of each category over its
    weighted respondent count, until every margin fits.

    Parameters
    ----------
    respondents : DataFrame
        One row per respondent with the ``variables``.
    frame : DataFrame
        One row per invitation with the same ``variables``.
    variables : sequence of str
        Categorical columns whose margins the weights must reproduce.
    max_iter : int
        Most passes over the variables.
    tol : float
        Largest relative difference between a weighted margin and its frame count accepted.

    Returns
    -------
    Series
        One weight per respondent (aligned with ``respondents``), summing to ``len(frame)``.

    Raises
    ------
    DataError
        When a category of the frame has no respondents, or the margins cannot be matched.

    Examples
    --------
    >>> sample = pd.DataFrame({"a": ["x", "x", "y", "y"], "b": ["u", "v", "u", "v"]})
    >>> frame = pd.DataFrame({"a": ["x"] * 60 + ["y"] * 40, "b": ["u"] * 30 + ["v"] * 70})
    >>> rake(sample, frame, ["a", "b"]).round(6).tolist()
    [18.0, 42.0, 12.0, 28.0]
    """
    weights = np.full(len(respondents), len(frame) / len(respondents))
    codes, targets = [], []
    for variable in variables:
        mine, frame_counts = _check_categories(respondents, frame, [variable], "category")
        codes.append(frame_counts.index.get_indexer(mine))
        targets.append(frame_counts.to_numpy(dtype=float))
    for _ in range(max_iter):
        for code, target in zip(codes, targets, strict=True):
            weights *= (target / np.bincount(code, weights, len(target)))[code]
        worst = max(
            np.abs(np.bincount(code, weights, len(target)) / target - 1).max()
            for code, target in zip(codes, targets, strict=True)
        )
        if worst < tol:
            return pd.Series(weights, index=respondents.index, name="weight")
    raise DataError(
        f"raking did not converge in {max_iter} passes",
        column=", ".join(variables),
        expected=f"margins within {tol:g} of the frame",
        found=f"a relative gap of {worst:.2g}",
    )


def poststratify(respondents: pd.DataFrame, frame: pd.DataFrame, cells: Sequence[str]) -> pd.Series:
    """Post-stratification weights: each respondent stands for the invitations of its cell.

    The weight of a respondent in cell ``c`` is ``N_c / n_c``: the frame's count of the cell
    over its respondents.

    Parameters
    ----------
    respondents, frame : DataFrame
        Respondents and invitations, both with the ``cells`` columns.
    cells : sequence of str
        The columns whose combinations form the cells.

    Returns
    -------
    Series
        One weight per respondent, summing to ``len(frame)``.

    Raises
    ------
    DataError
        When a cell of the frame has no respondents (merge cells, or rake on margins).

    Examples
    --------
    >>> sample = pd.DataFrame({"a": ["x", "x", "y"]})
    >>> frame = pd.DataFrame({"a": ["x"] * 4 + ["y"] * 6})
    >>> poststratify(sample, frame, ["a"]).tolist()
    [2.0, 2.0, 6.0]
    """
    mine, frame_counts = _check_categories(respondents, frame, cells, "cell")
    weights = mine.map(frame_counts / mine.value_counts()).astype(float)
    return weights.rename("weight")


def _share_row(values: np.ndarray, weights: np.ndarray) -> dict[str, float]:
    """Weighted share with a Wilson interval on Kish's effective sample size."""
    keep = ~np.isnan(values)
    values, weights = values[keep], weights[keep]
    share = float(np.average(values, weights=weights))
    n_eff = float(weights.sum() ** 2 / (weights**2).sum())
    low, high = _wilson(share * n_eff, n_eff)
    return {"share": share, "ci_low": low, "ci_high": high, "n": int(keep.sum()), "n_eff": n_eff}


def weighted_shares(
    respondents: pd.DataFrame,
    outcomes: Sequence[str] = COUPLINGS,
    weights: pd.Series | None = None,
    *,
    by: str | None = None,
) -> pd.DataFrame:
    """Shares of respondents reporting each outcome, weighted or not, with 95% CIs.

    The interval is Wilson's, computed on Kish's effective sample size
    ``(sum w)**2 / sum(w**2)``: unequal weights make a sample worth fewer respondents.

    Parameters
    ----------
    respondents : DataFrame
        One row per respondent with 0/1 ``outcomes``.
    outcomes : sequence of str
        The outcome columns.
    weights : Series, optional
        One weight per respondent; equal weights when omitted.
    by : str, optional
        A grouping column: one share per group and outcome.

    Returns
    -------
    DataFrame
        One row per outcome (and group): ``outcome``, the ``by`` column, ``share``,
        ``ci_low``, ``ci_high``, ``n`` and ``n_eff``.

    Examples
    --------
    >>> toy = pd.DataFrame({"y": [1, 0, 0, 0]})
    >>> weighted_shares(toy, ["y"], pd.Series([3.0, 1, 1, 1]))["share"].item()
    0.5
    """
    w = np.ones(len(respondents)) if weights is None else weights.to_numpy(dtype=float)
    groups = [(None, np.ones(len(respondents), bool))]
    if by is not None:
        groups = [
            (g, (respondents[by] == g).to_numpy())
            for g in pd.unique(respondents[by].astype(object))
        ]
    rows = []
    for outcome in outcomes:
        values = respondents[outcome].to_numpy(dtype=float)
        for group, mask in groups:
            row = {"outcome": outcome} | ({by: group} if by is not None else {})
            rows.append(row | _share_row(values[mask], w[mask]))
    return pd.DataFrame(rows)


def nonresponse_bias(data: SurveyData, weights: Mapping[str, pd.Series]) -> pd.DataFrame:
    """Unweighted and weighted shares of each coupling, against the true shares when known.

    Parameters
    ----------
    data : SurveyData
        A survey. When it is simulated, its ``truth`` holds the couplings of every invitation,
        and the shares are compared with the share among everyone invited.
    weights : mapping of str to Series
        Named weightings of the respondents (``{"raked": rake(...)}``).

    Returns
    -------
    DataFrame
        One row per coupling and estimate (``"unweighted"`` and each weighting): ``coupling``,
        ``estimate``, ``share``, ``ci_low``, ``ci_high``; for simulated data also ``truth`` (the
        share among everyone invited), ``bias`` (share minus truth), ``covered`` and
        ``bias_removed`` (the share of the unweighted bias the weighting removed).
    """
    tables = [weighted_shares(data.responses).assign(estimate="unweighted")]
    tables += [
        weighted_shares(data.responses, weights=w).assign(estimate=name)
        for name, w in weights.items()
    ]
    table = pd.concat(tables, ignore_index=True).rename(columns={"outcome": "coupling"})
    columns = ["coupling", "estimate", "share", "ci_low", "ci_high"]
    if data.truth is None:
        return table[columns]
    table["truth"] = table["coupling"].map(data.truth[list(COUPLINGS)].mean())
    table["bias"] = table["share"] - table["truth"]
    table["covered"] = (table["ci_low"] <= table["truth"]) & (table["truth"] <= table["ci_high"])
    raw = table.loc[table["estimate"] == "unweighted"].set_index("coupling")["bias"]
    table["bias_removed"] = 1 - table["bias"].abs() / table["coupling"].map(raw.abs())
    return table[[*columns, "truth", "bias", "covered", "bias_removed"]]


def suppress_small_cells(
    table: pd.DataFrame, *, count: str = "n", min_count: int = 5
) -> pd.DataFrame:
    """Blank out every figure of a row based on fewer than ``min_count`` respondents.

    In a survey with one manager per city and department, a small group can identify a person:
    publish no figure computed from fewer than ``min_count`` of them.

    Parameters
    ----------
    table : DataFrame
        A table with one row per group and a ``count`` column.
    count : str
        The column holding the number of respondents behind each row.
    min_count : int
        The smallest group whose figures may be shown.

    Returns
    -------
    DataFrame
        A copy in which the numeric columns of small rows (the count included) are missing.

    Examples
    --------
    >>> table = pd.DataFrame({"g": ["a", "b"], "n": [12, 3], "share": [0.5, 1.0]})
    >>> suppress_small_cells(table)["share"].tolist()
    [0.5, nan]
    """
    out = table.copy()
    small = out[count] < min_count
    numeric = out.select_dtypes("number").columns
    for column in numeric:  # integers stay integers, with room for a blank
        kind = "Int64" if pd.api.types.is_integer_dtype(out[column]) else "float64"
        out[column] = out[column].astype(kind)
    out.loc[small, numeric] = np.nan
    return out


# --------------------------------------------------------------------------------------------
# Models
# --------------------------------------------------------------------------------------------


@dataclass
class CouplingFits:
    """One logistic regression per coupling, and their factor coefficients in one table.

    Attributes
    ----------
    table : DataFrame
        One row per coupling and factor: ``coupling``, ``factor``, ``coef`` (log-odds per
        standard deviation), ``std_err`` (clustered by city), ``ci_low``, ``ci_high``,
        ``p_value`` and ``p_holm`` (Holm-adjusted across every factor test of every model).
    results : dict of str to statsmodels results
        The fitted model of each coupling.
    data : DataFrame
        The rows the models used (complete cases), with the factor scores.
    n_obs : int
        Respondents in the models.
    dropped : int
        Respondents left out because a scale score was missing.
    formula : str
        The right-hand side of every model.
    """

    table: pd.DataFrame
    results: dict[str, Any]
    data: pd.DataFrame
    n_obs: int
    dropped: int
    formula: str


def fit_couplings(
    respondents: pd.DataFrame,
    scores: pd.DataFrame,
    *,
    factors: Sequence[str] = FACTORS,
    controls: str = "C(department) + log_population",
) -> CouplingFits:
    """Fit one logistic regression per coupling with standard errors clustered by city.

    Every model is ``coupling ~ factors + controls``; a respondent with a missing score is
    left out of every model (and counted in ``dropped``). The p-values of all factor tests
    (factors times couplings) are also adjusted together with Holm's method, because
    four models give four chances for each factor to look significant by chance.

    Parameters
    ----------
    respondents : DataFrame
        One row per respondent with ``city_id``, ``department``, ``population`` and the
        :data:`COUPLINGS`.
    scores : DataFrame
        One column per factor, aligned with ``respondents`` (from :func:`build_scales`).
    factors : sequence of str
        The factor columns to enter.
    controls : str
        Further terms of the formula (``log_population`` is ``log10(population)``).

    Returns
    -------
    CouplingFits
    """
    data = pd.concat(
        [respondents[["city_id", "department", "population", *COUPLINGS]], scores[list(factors)]],
        axis=1,
    )
    data["log_population"] = np.log10(data["population"].astype(float))
    complete = data.dropna(subset=list(factors)).reset_index(drop=True)
    rhs = " + ".join([*factors, controls]) if controls else " + ".join(factors)
    results, rows = {}, []
    groups = pd.factorize(complete["city_id"])[0]
    design = patsy.dmatrix(rhs, complete, return_type="dataframe")  # the same for every model
    for coupling in COUPLINGS:
        result = sm.Logit(complete[coupling], design).fit(
            disp=0, cov_type="cluster", cov_kwds={"groups": groups}
        )
        results[coupling] = result
        ci = result.conf_int()
        for factor in factors:
            rows.append(
                {
                    "coupling": coupling,
                    "factor": factor,
                    "coef": float(result.params[factor]),
                    "std_err": float(result.bse[factor]),
                    "ci_low": float(ci.loc[factor, 0]),
                    "ci_high": float(ci.loc[factor, 1]),
                    "p_value": float(result.pvalues[factor]),
                }
            )
    table = pd.DataFrame(rows)
    table["p_holm"] = holm_adjust(table["p_value"].to_numpy())
    return CouplingFits(
        table=table,
        results=results,
        data=complete,
        n_obs=len(complete),
        dropped=len(data) - len(complete),
        formula=rhs,
    )


def holm_adjust(p_values: np.ndarray) -> np.ndarray:
    """Holm-adjusted p-values of a family of tests.

    The smallest p-value is multiplied by the number of tests ``m``, the next by ``m - 1``, and
    so on; each adjusted value is at least the one before it, and at most 1 (Holm 1979). This is
    ``statsmodels.stats.multitest.multipletests(p, method="holm")[1]`` (the tests check they
    agree), written out because that function runs a full garbage collection on every call,
    which made it the slowest step of the many-world checks.

    Examples
    --------
    >>> holm_adjust(np.array([0.01, 0.04, 0.03])).round(2).tolist()
    [0.03, 0.06, 0.06]
    """
    order = np.argsort(p_values)
    m = len(p_values)
    stepped = np.maximum.accumulate(p_values[order] * (m - np.arange(m)))
    adjusted = np.empty(m)
    adjusted[order] = np.minimum(stepped, 1.0)
    return adjusted


def coefficient_matrix(fits: CouplingFits, value: str = "coef") -> pd.DataFrame:
    """One column of the fits as a factor-by-coupling table (factors as rows).

    Examples
    --------
    >>> data = simulate(2022)
    >>> fits = fit_couplings(data.responses, build_scales(data.responses))
    >>> coefficient_matrix(fits).shape
    (5, 4)
    """
    matrix = fits.table.pivot(index="factor", columns="coupling", values=value)
    factors = list(dict.fromkeys(fits.table["factor"]))
    return matrix.reindex(index=factors, columns=list(COUPLINGS))


def predicted_probabilities(
    fits: CouplingFits,
    *,
    low: float = -1.0,
    high: float = 1.0,
    n_draws: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Average predicted probability of each coupling with one factor set low, then high.

    For every coupling and factor, the factor is set to ``low`` (then ``high``) standard
    deviations for every respondent in the model, the others keep their values, and the
    predicted probabilities are averaged. The 95% interval comes from ``n_draws`` coefficient
    vectors drawn from the estimates' (clustered) sampling distribution.

    Returns
    -------
    DataFrame
        One row per coupling, factor and level: ``coupling``, ``factor``, ``level``
        (``"low"``/``"high"``), ``value``, ``probability``, ``ci_low``, ``ci_high``.
    """
    rng = np.random.default_rng(seed)
    factors = list(dict.fromkeys(fits.table["factor"]))
    rows = []
    for coupling, result in fits.results.items():
        exog = np.asarray(result.model.exog, dtype=float)
        names = list(result.model.exog_names)
        draws = rng.multivariate_normal(result.params, result.cov_params(), size=n_draws)
        for factor in factors:
            column = names.index(factor)
            for level, value in (("low", low), ("high", high)):
                design = exog.copy()
                design[:, column] = value
                point = expit(design @ result.params.to_numpy()).mean()
                simulated = expit(design @ draws.T).mean(axis=0)
                rows.append(
                    {
                        "coupling": coupling,
                        "factor": factor,
                        "level": level,
                        "value": value,
                        "probability": float(point),
                        "ci_low": float(np.quantile(simulated, 0.025)),
                        "ci_high": float(np.quantile(simulated, 0.975)),
                    }
                )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Did we recover it?
# --------------------------------------------------------------------------------------------


def _finding(row: pd.Series, planted: float, level: float) -> str:
    significant = row["p_holm"] < level
    if planted != 0:
        if significant and np.sign(row["coef"]) == np.sign(planted):
            return "recovered"
        return "wrong sign" if significant else "missed"
    return "false positive" if significant else "correctly silent"


def recovery_table(
    effects: Effects,
    fits: CouplingFits,
    *,
    alphas: Mapping[str, float] | None = None,
    latent_fits: CouplingFits | None = None,
    level: float = 0.05,
) -> pd.DataFrame:
    """Planted versus estimated effect of every factor on every coupling.

    Parameters
    ----------
    effects : Effects
        The planted truth.
    fits : CouplingFits
        Models fitted on the scale scores.
    alphas : mapping of str to float, optional
        Cronbach's alpha of each scale: adds ``expected``, the planted effect times
        ``sqrt(alpha)``, roughly what measurement error leaves of it.
    latent_fits : CouplingFits, optional
        The same models fitted on the true latent factors: adds ``latent_coef`` and
        ``latent_covered`` (whether its interval holds the planted value).
    level : float
        Holm-adjusted p-value below which an effect counts as found.

    Returns
    -------
    DataFrame
        One row per coupling and factor: ``coupling``, ``factor``, ``planted``, (``expected``),
        ``coef``, ``ci_low``, ``ci_high``, ``p_holm``, (``latent_coef``, ``latent_covered``)
        and ``finding``: "recovered", "missed" or "wrong sign" where an effect was planted,
        "correctly silent" or "false positive" where none was.
    """
    table = fits.table.copy()
    table["planted"] = [
        effects.coefficient(c, f) for c, f in zip(table["coupling"], table["factor"], strict=True)
    ]
    columns = ["coupling", "factor", "planted"]
    if alphas is not None:
        table["expected"] = table["planted"] * np.sqrt(table["factor"].map(alphas))
        columns.append("expected")
    columns += ["coef", "ci_low", "ci_high", "p_holm"]
    if latent_fits is not None:
        latent = latent_fits.table.set_index(["coupling", "factor"])
        keys = pd.MultiIndex.from_frame(table[["coupling", "factor"]])
        table["latent_coef"] = latent["coef"].reindex(keys).to_numpy()
        low, high = latent["ci_low"].reindex(keys), latent["ci_high"].reindex(keys)
        table["latent_covered"] = (low.to_numpy() <= table["planted"]) & (
            table["planted"] <= high.to_numpy()
        )
        columns += ["latent_coef", "latent_covered"]
    table["finding"] = [
        _finding(row, planted, level)
        for (_, row), planted in zip(table.iterrows(), table["planted"], strict=True)
    ]
    return table[[*columns, "finding"]]


def latent_scores(data: SurveyData) -> pd.DataFrame:
    """Return the true factor values of the respondents (simulated data only), standardised.

    What the scales would give without measurement error: fitting the models on these shows
    what the design recovers when measurement is perfect.
    """
    if data.truth is None:
        raise ValueError("latent factors exist only in simulated data")
    truth = data.truth.set_index("respondent_id")
    latent = truth.loc[data.responses["respondent_id"], list(FACTORS)].reset_index(drop=True)
    return (latent - latent.mean()) / latent.std(ddof=1)


def _scale_fits(data: SurveyData) -> CouplingFits:
    """Fit the chapter's models: weak items dropped, scales built, one logit per coupling."""
    kept = drop_weak_items(data.responses)
    return fit_couplings(data.responses, build_scales(data.responses, kept))


def falsification(seeds: Sequence[int], scale: Scale = "teaching") -> pd.DataFrame:
    """Run the whole pipeline in worlds without effects and count what it finds anyway.

    Each world is simulated with :meth:`Effects.none`: no factor drives any coupling and
    everyone responds with the same probability. Weak items are dropped as in the chapter
    (:func:`drop_weak_items`) before the scales are built.

    Parameters
    ----------
    seeds : sequence of int
        One world per seed.
    scale : {"teaching", "paper"}
        Survey size.

    Returns
    -------
    DataFrame
        One row per world: ``seed``, ``tests`` (factor tests), ``significant_raw`` (p < 0.05
        before adjustment), ``significant_holm`` (after), and for each coupling the bias of the
        unweighted share (``bias_<coupling>``) and whether its 95% CI holds the frame share
        (``covered_<coupling>``).
    """
    rows = []
    for seed in seeds:
        world = simulate(seed, scale, Effects.none())
        fits = _scale_fits(world)
        bias = nonresponse_bias(world, {})
        row = {
            "seed": seed,
            "tests": len(fits.table),
            "significant_raw": int((fits.table["p_value"] < 0.05).sum()),
            "significant_holm": int((fits.table["p_holm"] < 0.05).sum()),
        }
        for _, b in bias.iterrows():
            row[f"bias_{b['coupling']}"] = b["bias"]
            row[f"covered_{b['coupling']}"] = bool(b["covered"])
        rows.append(row)
    return pd.DataFrame(rows)


def replications(
    seeds: Sequence[int], scale: Scale = "teaching", effects: Effects | None = None
) -> pd.DataFrame:
    """Re-run the models in many simulated worlds, on the scales and on the true factors.

    One world is one draw: whether scale-based estimates are attenuated, and by how much, shows
    only on average over many.

    Parameters
    ----------
    seeds : sequence of int
        One world per seed.
    scale : {"teaching", "paper"}
        Survey size.
    effects : Effects, optional
        The planted effects (by default :class:`Effects` ()).

    Returns
    -------
    DataFrame
        One row per world, coupling and factor: ``seed``, ``coupling``, ``factor``,
        ``planted``, ``coef`` (on the scales, weak items dropped), ``latent_coef`` (on the true
        factors) and ``finding`` (as in :func:`recovery_table`).
    """
    tables = []
    for seed in seeds:
        world = simulate(seed, scale, effects)
        fits = _scale_fits(world)
        latent = fit_couplings(world.responses, latent_scores(world))
        table = recovery_table(world.effects, fits, latent_fits=latent)
        tables.append(table.assign(seed=seed))
    columns = ["seed", "coupling", "factor", "planted", "coef", "latent_coef", "finding"]
    return pd.concat(tables, ignore_index=True)[columns]


def falsification_summary(worlds: pd.DataFrame) -> pd.Series:
    """Summarise what the worlds without effects found, in five numbers.

    Parameters
    ----------
    worlds : DataFrame
        :func:`falsification`.

    Returns
    -------
    Series
        ``raw_rate`` (share of all factor tests with p < 0.05), ``worlds_any_raw`` and
        ``worlds_any_holm`` (share of worlds with at least one such test, before and after Holm's
        adjustment), ``mean_bias`` (mean bias of the unweighted shares) and ``share_covered``
        (share of their 95% intervals holding the true share).
    """
    return pd.Series(
        {
            "raw_rate": worlds["significant_raw"].sum() / worlds["tests"].sum(),
            "worlds_any_raw": (worlds["significant_raw"] > 0).mean(),
            "worlds_any_holm": (worlds["significant_holm"] > 0).mean(),
            "mean_bias": worlds.filter(like="bias_").to_numpy().mean(),
            "share_covered": worlds.filter(like="covered_").to_numpy().mean(),
        }
    )


_STUDY_GROUPS = {
    "Work characteristics predict at least one coupling": ("work",),
    "Innovativeness predicts at least one coupling": ("innovativeness",),
    "Technology and management capacity predict at least one coupling": (
        "technology",
        "management",
    ),
    "Stakeholder influence predicts at least one coupling": ("stakeholders",),
}


def scorecard(fits: CouplingFits, *, level: float = 0.05) -> pd.DataFrame:
    """Set the study's directional findings against what the models found.

    A factor "predicts" a coupling when its Holm-adjusted p-value is below ``level``.

    Returns
    -------
    DataFrame
        One row per finding: ``finding`` (the study's), ``we found`` and ``reproduced?``.
    """
    found = fits.table[fits.table["p_holm"] < level]
    sets = {c: frozenset(found.loc[found["coupling"] == c, "factor"]) for c in COUPLINGS}

    def listing(factors: frozenset[str]) -> str:
        return ", ".join(FACTOR_LABELS[f].lower() for f in FACTORS if f in factors) or "none"

    rows = [
        {
            "finding": "Different organisational factors predict each of the four couplings",
            "we found": "; ".join(
                f"{COUPLING_LABELS[c].lower()}: {listing(s)}" for c, s in sets.items()
            ),
            "reproduced?": "yes" if all(sets.values()) and len(set(sets.values())) == 4 else "no",
        }
    ]
    for finding, factors in _STUDY_GROUPS.items():
        predicted = [COUPLING_LABELS[c].lower() for c in COUPLINGS if sets[c] & set(factors)]
        rows.append(
            {
                "finding": finding,
                "we found": ", ".join(predicted) or "no coupling",
                "reproduced?": "yes" if predicted else "no",
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


def _dots(
    ax: plt.Axes,
    table: pd.DataFrame,
    *,
    rows: str,
    row_order: Sequence[str],
    groups: str,
    x: str = "share",
) -> None:
    """Draw one dot with its 95% interval per row and group, groups side by side in colour."""
    labels = list(dict.fromkeys(table[groups].astype(str)))
    offsets = np.linspace(-0.25, 0.25, len(labels)) if len(labels) > 1 else [0.0]
    for colour, offset, label in zip(PALETTE, offsets, labels, strict=False):
        part = table[table[groups].astype(str) == label]
        y = np.array([list(row_order).index(r) for r in part[rows]]) + offset
        value = part[x].to_numpy(dtype=float)
        ax.errorbar(
            value, y,
            xerr=[value - part["ci_low"].to_numpy(), part["ci_high"].to_numpy() - value],
            fmt="o", color=colour, capsize=2, label=label,
        )  # fmt: skip
    ax.set_yticks(range(len(row_order)))
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    ax.grid(axis="y", visible=False)


def _departments(seen: pd.Series) -> list[str]:
    """Order the departments present as the survey lists them (others after them)."""
    present = list(dict.fromkeys(seen))
    return [d for d in DEPARTMENTS if d in present] + [d for d in present if d not in DEPARTMENTS]


def response_rate_figure(rates: pd.DataFrame, *, overall: float | None = None) -> Figure:
    """Response rates with 95% CIs by department (rows) and city-size class (colours).

    Parameters
    ----------
    rates : DataFrame
        :func:`response_rates` by ``["department", "size_class"]``.
    overall : float, optional
        The overall rate, drawn as a dashed line.
    """
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    departments = _departments(rates["department"])
    _dots(ax, rates, rows="department", row_order=departments, groups="size_class", x="rate")
    if overall is not None:
        ax.axvline(overall, color="0.25", linestyle="--", linewidth=1)
    ax.set_yticklabels(departments)
    ax.invert_yaxis()
    ax.set_xlabel("Response rate (share of invited managers, 95% CI)")
    ax.set_ylabel("Department")
    ax.legend(
        title="City population",
        frameon=False,
        loc="upper center",
        bbox_to_anchor=(0.4, -0.2),
        ncols=3,
    )
    return fig


def shares_figure(bias: pd.DataFrame) -> Figure:
    """Shares of each coupling, unweighted and weighted, with 95% CIs and the frame's truth.

    Parameters
    ----------
    bias : DataFrame
        :func:`nonresponse_bias` (or any table with ``coupling``, ``estimate``, ``share``,
        ``ci_low``, ``ci_high``; a ``truth`` column adds black diamonds).
    """
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    _dots(ax, bias, rows="coupling", row_order=COUPLINGS, groups="estimate")
    if "truth" in bias:
        truth = bias.drop_duplicates("coupling")
        ax.scatter(
            truth["truth"],
            [COUPLINGS.index(c) for c in truth["coupling"]],
            marker="D",
            color="black",
            s=30,
            zorder=3,
            label="everyone invited (truth)",
        )
    ax.set_yticklabels([COUPLING_LABELS[c] for c in COUPLINGS])
    ax.invert_yaxis()
    ax.set_xlabel("Share of departments using social media for the task (95% CI)")
    ax.set_ylabel("Coupling")
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.35, -0.2), ncols=2)
    return fig


def department_shares_figure(shares: pd.DataFrame) -> Figure:
    """Shares of each coupling by department, one panel per coupling, estimates in colour.

    Parameters
    ----------
    shares : DataFrame
        :func:`weighted_shares` by ``"department"`` for several weightings, stacked, with an
        ``estimate`` column naming each (``"unweighted"``, ``"raked"``).
    """
    departments = _departments(shares["department"])
    fig, axes = plt.subplots(
        2, 2, figsize=(8.0, 5.6), sharex=True, sharey=True, layout="constrained"
    )
    for ax, coupling in zip(axes.flat, COUPLINGS, strict=True):
        part = shares[shares["outcome"] == coupling]
        _dots(ax, part, rows="department", row_order=departments, groups="estimate")
        ax.set_title(COUPLING_LABELS[coupling], fontsize="medium")
        ax.set_yticklabels(departments)
        ax.set_xlim(0, 1)
    axes[0, 0].invert_yaxis()  # the axes share y: once for all
    fig.supylabel("Department", fontsize="medium")
    fig.supxlabel(
        "Share of departments using social media for the task (95% CI)", fontsize="medium"
    )
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, frameon=False, ncols=len(labels), loc="outside upper center")
    return fig


def probability_figure(probabilities: pd.DataFrame) -> Figure:
    """Predicted probability of each coupling at a low and a high value of each factor.

    One panel per coupling (two by two); in each, one row per factor with the low (open circle)
    and high (filled circle) predictions and their 95% intervals.

    Parameters
    ----------
    probabilities : DataFrame
        :func:`predicted_probabilities`.
    """
    factors = list(dict.fromkeys(probabilities["factor"]))
    fig, axes = plt.subplots(
        2, 2, figsize=(8.0, 5.6), sharey=True, sharex=True, layout="constrained"
    )
    for ax, coupling in zip(axes.flat, COUPLINGS, strict=True):
        part = probabilities[probabilities["coupling"] == coupling]
        for level, colour, shift in (("low", PALETTE[0], 0.15), ("high", PALETTE[3], -0.15)):
            rows = part[part["level"] == level].set_index("factor").reindex(factors)
            y = np.arange(len(factors)) + shift
            p = rows["probability"].to_numpy()
            ax.errorbar(
                p, y, xerr=[p - rows["ci_low"].to_numpy(), rows["ci_high"].to_numpy() - p],
                fmt="o", color=colour, capsize=2, mfc="white" if level == "low" else colour,
                label=f"{rows['value'].iloc[0]:+g} SD",
            )  # fmt: skip
        ax.set_title(COUPLING_LABELS[coupling], fontsize="medium")
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
        ax.grid(axis="y", visible=False)
        ax.set_yticks(range(len(factors)), labels=[FACTOR_LABELS[f] for f in factors])
    axes[0, 0].invert_yaxis()
    fig.supylabel("Factor set low or high", fontsize="medium")
    fig.supxlabel(
        "Predicted probability of using social media for the task (95% CI)", fontsize="medium"
    )
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(
        handles, labels, title="Factor value", frameon=False, ncols=2, loc="outside upper center"
    )
    return fig


def probability_steps(probabilities: pd.DataFrame) -> pd.DataFrame:
    """How much each factor moves each coupling's probability, largest step first.

    Parameters
    ----------
    probabilities : DataFrame
        :func:`predicted_probabilities`.

    Returns
    -------
    DataFrame
        One row per coupling and factor: ``coupling``, ``factor``, ``low``, ``high`` and
        ``step`` (high minus low), sorted by ``step`` from largest to smallest.
    """
    wide = probabilities.pivot_table(
        index=["coupling", "factor"], columns="level", values="probability"
    )
    steps = wide[["low", "high"]].assign(step=wide["high"] - wide["low"])
    return steps.sort_values("step", ascending=False).reset_index().rename_axis(columns=None)


def coefficient_figure(fits: CouplingFits, *, level: float = 0.05) -> Figure:
    """Draw the factor effects of every coupling as one heatmap, significant cells starred.

    Parameters
    ----------
    fits : CouplingFits
        :func:`fit_couplings`.
    level : float
        Holm-adjusted p-value below which a cell gets a star.
    """
    coefficients = coefficient_matrix(fits)
    marks = coefficient_matrix(fits, "p_holm") < level
    for table in (coefficients, marks):
        table.index = [FACTOR_LABELS.get(f, f) for f in table.index]
        table.columns = [COUPLING_LABELS[c] for c in table.columns]
    return plots.coefficient_heatmap(
        coefficients,
        marks=marks,
        xlabel="Coupling (one logistic regression each)",
        ylabel="Organisational factor",
        colorbar_label="Log-odds per standard deviation",
    )
