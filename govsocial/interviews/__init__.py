r"""Interviews: what officials say, made reproducible (coding, agreement, saturation, SWOT).

The chapter re-runs the design of interview studies of government officials, above all the
semi-structured interviews with 15 officials from 14 Canadian emergency-management agencies on
the barriers to crisis crowdsourcing (Harrison & Johnson). Transcripts are not public, so
:func:`simulate` writes a fictional study with planted themes, and two coders with a planted
confusion code it. The analysis measures the coders' agreement, counts agencies honestly,
judges saturation, validates assisted coding and assembles a SWOT table; the real-data section
reads the CrisisLexT26 tweets of the two Canadian crises of 2013.

Files
-----
codebook.py
    The codebook as data: :data:`CODES`, :data:`LEVELS`, :data:`SWOT`, :data:`NEIGHBOURS`,
    :func:`codebook`.
simulate.py
    The fictional study: :class:`Effects`, :data:`NULLS`, :class:`InterviewData`,
    :func:`simulate`.
reliability.py
    Two coders: :func:`coder_matrix`, :func:`agreement_table`, :func:`disagreements`,
    :func:`confusion_rates`, :func:`reconciled`.
counting.py
    :func:`agency_mentions`, :func:`mention_table`, :func:`cooccurrence`,
    :func:`cooccurrence_network`, :func:`swot_table`.
saturation.py
    :func:`incidence`, :func:`new_codes_curve`, :func:`random_order_curves`,
    :func:`chance_heard`, :func:`chao2`, :func:`saturation_incidence`.
assisted.py
    :data:`KEYWORDS`, :func:`dictionary_codes`, :func:`classifier_codes`,
    :func:`validate_codes`.
recovery.py
    :func:`recovery_table`, :func:`level_test`, :func:`stopping_rule`, the worlds
    (:func:`world`, :data:`RULES`, :data:`NULL_OF`, :func:`run_worlds`,
    :func:`operating_characteristics`) and the saturation worlds (:data:`COMMON_SHARES`,
    :data:`RARE_SHARES`, :func:`saturation_shares`).
data.py
    :func:`load_folder` (own data; contracts :data:`CODES_FILE`, :data:`CODEBOOK_FILE`),
    :func:`read_canadian_crises`, :func:`crisis_shares`.
sentences.py
    The sentences that compare, judge or count.
figures.py
    :func:`barrier_figure`, :func:`agreement_figure`, :func:`saturation_figure`,
    :func:`cooccurrence_figure`, :func:`crisis_figure`.

Examples
--------
>>> data = simulate(2019)
>>> table = agreement_table(data.codes, data.segments["segment"], n_boot=50)
>>> list(table.columns[:4])
['code', 'n_a', 'n_b', 'alpha']
"""

from __future__ import annotations

from .assisted import KEYWORDS, classifier_codes, dictionary_codes, validate_codes
from .codebook import CODES, LEVELS, NEIGHBOURS, SWOT, codebook
from .counting import (
    agency_mentions,
    cooccurrence,
    cooccurrence_network,
    mention_table,
    swot_table,
)
from .data import (
    CANADIAN_CRISES,
    CODEBOOK_FILE,
    CODES_FILE,
    crisis_shares,
    load_folder,
    read_canadian_crises,
)
from .figures import (
    agreement_figure,
    barrier_figure,
    cooccurrence_figure,
    crisis_figure,
    saturation_figure,
)
from .recovery import (
    COMMON_SHARES,
    NULL_OF,
    RARE_SHARES,
    RULES,
    World,
    level_test,
    operating_characteristics,
    recovery_table,
    run_worlds,
    saturation_shares,
    stopping_rule,
    world,
)
from .reliability import (
    agreement_table,
    coder_matrix,
    confusion_rates,
    disagreements,
    reconciled,
)
from .saturation import (
    chance_heard,
    chao2,
    incidence,
    new_codes_curve,
    random_order_curves,
    saturation_incidence,
)
from .sentences import (
    agreement_sentence,
    assisted_sentence,
    confusion_sentence,
    crisis_sentence,
    fool_sentence,
    level_sentence,
    most_sentence,
    saturation_sentence,
    strongest_links,
    worlds_sentence,
)
from .simulate import NULLS, QUESTIONS, Effects, InterviewData, simulate

__all__ = [
    "CANADIAN_CRISES", "CODEBOOK_FILE", "CODES", "CODES_FILE", "COMMON_SHARES", "KEYWORDS",
    "LEVELS", "NEIGHBOURS", "NULLS", "NULL_OF", "QUESTIONS", "RARE_SHARES", "RULES", "SWOT",
    "Effects", "InterviewData", "World", "agency_mentions", "agreement_figure",
    "agreement_sentence", "agreement_table", "assisted_sentence", "barrier_figure",
    "chance_heard", "chao2", "classifier_codes", "codebook", "coder_matrix",
    "confusion_rates", "confusion_sentence", "cooccurrence", "cooccurrence_figure",
    "cooccurrence_network", "crisis_figure", "crisis_sentence", "crisis_shares",
    "dictionary_codes", "disagreements", "fool_sentence", "incidence", "level_sentence",
    "level_test", "load_folder", "mention_table", "most_sentence", "new_codes_curve",
    "operating_characteristics", "random_order_curves", "read_canadian_crises", "reconciled",
    "recovery_table", "run_worlds", "saturation_figure", "saturation_incidence",
    "saturation_sentence", "saturation_shares", "simulate", "stopping_rule", "swot_table",
    "validate_codes", "world", "strongest_links",
    "worlds_sentence",
]  # fmt: skip
