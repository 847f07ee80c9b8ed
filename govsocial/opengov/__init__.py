"""Open government: is maturity a staircase? Scalograms of agencies and countries.

Public verbs: :func:`simulate`, :func:`analyse`, :func:`operating_characteristics`,
:func:`loevinger_h`, :func:`guttman_reproducibility`, :func:`bootstrap_h`, :func:`step_order`,
:func:`skipped_steps`, :func:`read_barometer_datasets`, :func:`checklist`,
:func:`rank_intervals`, :func:`read_digitalgov`, :func:`code_pages`, :func:`theme_shares`,
:func:`validate_dictionary`, :func:`topic_model`, :func:`match_topics`, :func:`topic_codes`,
:func:`read_barometer_answers`, :func:`code_evidence`, :func:`score_band`,
:func:`load_folder`, :func:`load_documents`, the figures and the sentences.
"""

from .corpus import (
    THEMES,
    code_pages,
    period_of,
    plain_text,
    read_digitalgov,
    theme_shares,
    validate_dictionary,
)
from .data import (
    BAROMETER_DATASETS,
    CHECKLIST,
    INDICATOR_ROWS,
    STUDY_COUNTRIES,
    checklist,
    load_folder,
    platform_matrix,
    rank_intervals,
    read_barometer_datasets,
)
from .documents import DOCUMENT_FIELDS, load_documents
from .evidence import (
    BANDS,
    EVIDENCE,
    EXPERT_ANSWERS,
    code_evidence,
    read_barometer_answers,
    score_band,
)
from .figures import pair_h_figure, ranks_figure, steps_figure, themes_figure
from .recovery import (
    H_THRESHOLD,
    REP_THRESHOLD,
    RULES,
    Analysis,
    analyse,
    level_order,
    operating_characteristics,
    pair_table,
    scorecard,
)
from .scalogram import (
    Scalability,
    bootstrap_h,
    guttman_reproducibility,
    loevinger_h,
    skipped_steps,
    step_order,
)
from .sentences import (
    change_sentence,
    coder_sentence,
    evidence_sentence,
    fool_sentence,
    match_sentence,
    order_sentence,
    reproducibility_sentence,
    scale_sentence,
    skip_sentence,
)
from .simulate import INDICATORS, LEVELS, SCALES, Agencies, simulate
from .topics import Topics, match_topics, topic_codes, topic_model

__all__ = [
    "BAROMETER_DATASETS", "CHECKLIST", "H_THRESHOLD", "INDICATORS", "INDICATOR_ROWS", "LEVELS",
    "REP_THRESHOLD", "RULES", "SCALES", "STUDY_COUNTRIES", "Agencies", "Analysis", "Scalability",
    "analyse", "bootstrap_h", "checklist", "fool_sentence", "guttman_reproducibility",
    "level_order", "load_folder", "loevinger_h", "operating_characteristics", "order_sentence",
    "pair_h_figure", "pair_table", "platform_matrix", "rank_intervals", "ranks_figure",
    "read_barometer_datasets", "reproducibility_sentence", "scale_sentence", "scorecard",
    "simulate", "skip_sentence", "skipped_steps", "step_order", "steps_figure", "THEMES",
    "code_pages", "period_of", "plain_text", "read_digitalgov", "theme_shares", "themes_figure",
    "validate_dictionary", "change_sentence", "Topics", "coder_sentence", "match_sentence",
    "match_topics", "topic_codes", "topic_model", "BANDS", "EVIDENCE", "EXPERT_ANSWERS",
    "code_evidence", "evidence_sentence", "read_barometer_answers", "score_band",
    "DOCUMENT_FIELDS", "load_documents",
]  # fmt: skip
