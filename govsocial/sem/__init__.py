"""SEM: citizens' trust and participation as structural equation models.

Three studies of government social media followers fit structural equation models to surveys;
their data are not public, so :func:`simulate` builds surveys with a planted model (loadings,
paths, a mediation, a moderation, optional common-method variance). The chapter checks the
measurement model, fits the structural model with two estimators written here (PLS-SEM and
covariance-based SEM by maximum likelihood), tests mediation and moderation by bootstrap, and
shows what SEM cannot establish.

Files
-----
model.py
    lavaan-style model syntax: :func:`parse_model`, :class:`Model`.
simulate.py
    The three designs and their planted truth: :data:`DESIGNS`, :func:`simulate`.
measurement.py
    Loadings, composite reliability, AVE, Fornell-Larcker, HTMT.
pls.py, cbsem.py
    The two estimators: :func:`fit_pls`, :func:`fit_cb`.
effects.py
    Bootstrap intervals, mediation, two-stage moderation, Harman's test, the marker check.
recovery.py
    Planted and null worlds through ``govsocial.planted``; power per study; equivalent models.
data.py
    The reader's own folder: :func:`load_folder`.
ann.py
    The second stage of PLS-SEM-ANN: a neural network on the scores, cross-validated.
sentences.py, figures.py
    The sentences that judge, and the figures.
"""

from .ann import AnnStage, ann_stage
from .cbsem import CbFit, fit_cb
from .data import (
    DEMOCRACY,
    DEMOCRACY_MODEL,
    load_folder,
    read_political_democracy,
    read_response_index,
    responses_contract,
)
from .effects import (
    bootstrap_pls,
    harman_share,
    marker_check,
    mediation_chain,
    mediation_claim,
    moderation,
    score_bootstrap,
)
from .figures import paths_figure, response_index_figure
from .measurement import fornell_larcker, htmt, reliability, weak_items
from .model import Model, ModelSyntaxError, parse_model
from .pls import PlsFit, fit_pls
from .recovery import (
    analyse_world,
    cmv_worlds,
    equivalent_fits,
    mediation_model,
    power_by_study,
    recovery_table,
    rules,
    run_rules,
)
from .sentences import (
    ann_sentence,
    equivalence_sentence,
    estimator_sentence,
    fool_sentence,
    harman_sentence,
    measurement_sentence,
    mediation_sentence,
    power_sentence,
)
from .simulate import DESIGNS, MARKER, Design, SemData, simulate

__all__ = [
    "DEMOCRACY",
    "DEMOCRACY_MODEL",
    "AnnStage",
    "ann_stage",
    "ann_sentence",
    "DESIGNS",
    "MARKER",
    "CbFit",
    "Design",
    "Model",
    "ModelSyntaxError",
    "PlsFit",
    "SemData",
    "analyse_world",
    "bootstrap_pls",
    "cmv_worlds",
    "equivalence_sentence",
    "equivalent_fits",
    "estimator_sentence",
    "fit_cb",
    "fit_pls",
    "fool_sentence",
    "fornell_larcker",
    "harman_sentence",
    "harman_share",
    "htmt",
    "load_folder",
    "marker_check",
    "measurement_sentence",
    "mediation_chain",
    "mediation_claim",
    "mediation_model",
    "mediation_sentence",
    "moderation",
    "parse_model",
    "paths_figure",
    "power_by_study",
    "power_sentence",
    "read_political_democracy",
    "read_response_index",
    "recovery_table",
    "reliability",
    "response_index_figure",
    "responses_contract",
    "rules",
    "run_rules",
    "score_bootstrap",
    "simulate",
    "weak_items",
]
