"""The fictional world: cities, departments, latent factors, couplings and who responds.

:func:`simulate` builds a sampling frame of fictional cities, invites one manager per city and
department, lets them respond with a propensity that depends on department, city size and
(unobserved) innovativeness, and writes their answers as Likert items with measurement error.
The planted truth (:class:`Effects`) says which factors drive each coupling; ``Effects.none()``
plants nothing. :func:`latent_scores` hands the respondents' true factor values to the recovery
checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from scipy.special import expit

from govsocial.schema import LoadReport

from .questionnaire import COUPLINGS, DEPARTMENTS, FACTORS, SCALES, size_class

__all__ = ["Effects", "SurveyData", "latent_scores", "simulate"]

Scale = Literal["teaching", "paper"]

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

# Cities in the frame. The study's frame size is not in its verified record (LITERATURE.md), so
# the "paper" scale of 500 cities is our choice, not the published sample size.
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
        300 or 500 cities (1,500 or 2,500 invitations). 500 is our choice, not the study's
        sample size, which its verified record does not give.
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
