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
the planted truth. Wilson intervals and Holm's adjustment come from :mod:`govsocial.stats`.

Files
-----
questionnaire.py
    What the survey asks and of whom: departments, factors, couplings, items, size classes,
    the codebook.
simulate.py
    The fictional world and its planted truth: :class:`Effects`, :class:`SurveyData`,
    :func:`simulate`, :func:`latent_scores`.
data.py
    The reader's own survey: the contracts :data:`RESPONSES` and :data:`FRAME`,
    :func:`load_folder`.
scales.py
    Measurement: Cronbach's alpha, item analysis, reliability, weak items, scale scores.
weights.py
    Nonresponse: response rates, raking, post-stratification, weighted shares, bias, small
    cells.
models.py
    One clustered logit per coupling, coefficient tables, predicted probabilities.
recovery.py
    Did we recover it: the recovery table, the decision rules and their planted and null
    worlds (through ``govsocial.planted``), replications, scorecard.
sentences.py
    The sentences that compare or judge, built from the numbers so they hold at every seed.
figures.py
    The chapter's figures.

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
coefficient_matrix(fits, value="coef")
    Factor by coupling table of a column of the fits.
predicted_probabilities(fits, *, low=-1.0, high=1.0, n_draws=1000, seed=0)
    Average predicted probability of each coupling with a factor at a low and a high value.
recovery_table(effects, fits, *, alphas=None, latent_fits=None)
    Planted versus estimated factor effects.
replications(seeds, scale="teaching", effects=None)
    The models re-run in many simulated worlds, on scales and on the true factors.
RULES, NULLS, NULL_OF
    The chapter's decision rules (``govsocial.planted.Rule``), its null worlds (each switches
    off only the effect under test) and the null world of each rule.
World, world(seed, planted, *, null="no factor effects", scale="teaching")
    One simulated world, analysed as the chapter does.
run_worlds(seeds, scale="teaching"), operating_characteristics(seeds, scale="teaching")
    Every rule in planted and null worlds: power, size, coverage and bias.
scorecard(fits, *, simulated=True)
    The study's directional findings against what the models found.
claims(...)
    The chapter's sentences that compare or judge, built from the computed numbers.
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

from .data import (
    FRAME,
    RESPONSES,
    load_folder,
)
from .figures import (
    coefficient_figure,
    department_shares_figure,
    probability_figure,
    response_rate_figure,
    shares_figure,
)
from .models import (
    CouplingFits,
    coefficient_matrix,
    fit_couplings,
    predicted_probabilities,
    probability_steps,
)
from .questionnaire import (
    COUPLING_LABELS,
    COUPLINGS,
    DEPARTMENTS,
    FACTOR_LABELS,
    FACTORS,
    ITEMS,
    SCALES,
    SIZE_CLASSES,
    codebook,
    size_class,
)
from .recovery import (
    NULL_OF,
    NULLS,
    RULES,
    World,
    operating_characteristics,
    recovery_table,
    replications,
    run_worlds,
    scorecard,
    world,
)
from .scales import (
    build_scales,
    cronbach_alpha,
    drop_weak_items,
    item_analysis,
    reliability_table,
)
from .sentences import claims, scorecard_column
from .simulate import (
    Effects,
    SurveyData,
    latent_scores,
    simulate,
)
from .weights import (
    nonresponse_bias,
    poststratify,
    rake,
    response_rates,
    suppress_small_cells,
    weighted_shares,
)

__all__ = [
    "NULLS",
    "NULL_OF",
    "RULES",
    "World",
    "claims",
    "operating_characteristics",
    "run_worlds",
    "world",
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
    "fit_couplings",
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
    "scorecard_column",
    "shares_figure",
    "simulate",
    "size_class",
    "suppress_small_cells",
    "weighted_shares",
]
