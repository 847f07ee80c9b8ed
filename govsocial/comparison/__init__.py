r"""Comparison: one coding scheme across platforms, languages and countries; customer service.

The chapter re-runs the designs of three studies that compare platforms or countries: Chinese
climate journalists' posts at a climate summit against their UK and US colleagues' (a record
not found), a policy consultation run across several platforms at once (Ferro et al. 2013), and
users of an immigration agency's Twitter and Facebook accounts who expect personalised answers
(title only). None of their data are public: every world here is simulated, with fictional
journalists, a fictional agency and a fictional ministry; the real data are ClimateCovE350.

Files
-----
simulate.py
    Posts of fictional journalists (:func:`simulate_posts`, :class:`Effects`) and questions to
    a fictional agency (:func:`simulate_service`, :class:`ServiceEffects`), with planted truth.
phrases.py
    The words of the worlds: post phrases in Chinese and English, the coding dictionary, replies.
coding.py
    Segmentation (rjieba), dictionary coding, a classifier, validation on a coded sample.
analysis.py
    Contingency tables, chi-square with Cramér's V and residuals, the log-linear model with
    errors clustered by journalist; reply rates, survival curves, log-rank, near-duplicates.
consultation.py
    A consultation on three platforms: funnel, common footing, re-weightable evaluation.
recovery.py
    Decision rules in planted and null worlds (``govsocial.planted``), recovery tables,
    scorecard.
data.py
    Your own posts and questions (:func:`load_folder`), ClimateCovE350 (:func:`load_climatecove`).
sentences.py
    The sentences that compare or judge, built from the numbers.
figures.py
    The chapter's figures.
"""

from .analysis import (
    ChiSquare,
    chi_square,
    contingency_table,
    loglinear,
    logrank,
    near_duplicates,
    reply_rates,
    survival_at,
    survival_table,
    templated_shares,
    waiting_times,
)
from .coding import (
    UNCODED,
    classify,
    coded_sample,
    dictionary_code,
    segment,
    train_classifier,
    validation_table,
)
from .consultation import (
    CONSULTATION_PLATFORMS,
    MINISTRY,
    NATIVE_REACTION,
    STAGES,
    ConsultationEffects,
    evaluation_table,
    funnel,
    simulate_consultation,
)
from .data import (
    CLIMATECOVE,
    NEWS_VALUES,
    POSTS_CSV,
    QUESTIONS,
    OwnData,
    load_climatecove,
    load_folder,
    load_platform_posts,
    news_value_table,
)
from .figures import (
    funnel_figure,
    news_value_figure,
    residual_figure,
    share_figure,
    survival_figure,
)
from .phrases import AGENCY, DICTIONARY
from .recovery import (
    RULES,
    country_groups,
    operating_characteristics,
    recovery_table,
    scorecard,
    service_recovery,
    world,
)
from .sentences import (
    association_sentence,
    cluster_sentence,
    coder_sentence,
    evaluation_sentence,
    fool_sentence,
    news_value_sentence,
    residual_sentence,
    scorecard_sentence,
    service_sentence,
    templated_sentence,
)
from .simulate import (
    CATEGORIES,
    CATEGORY_LABELS,
    COUNTRIES,
    PLATFORMS,
    SERVICE_PLATFORMS,
    Effects,
    PostsWorld,
    ServiceEffects,
    ServiceWorld,
    planted_shares,
    simulate_posts,
    simulate_service,
)

__all__ = [
    "AGENCY", "CATEGORIES", "CATEGORY_LABELS", "CLIMATECOVE", "CONSULTATION_PLATFORMS",
    "COUNTRIES", "DICTIONARY", "MINISTRY", "NATIVE_REACTION", "NEWS_VALUES", "PLATFORMS",
    "POSTS_CSV", "QUESTIONS", "RULES", "SERVICE_PLATFORMS", "STAGES", "UNCODED", "ChiSquare",
    "ConsultationEffects", "Effects", "OwnData", "PostsWorld", "ServiceEffects", "ServiceWorld",
    "association_sentence", "chi_square", "classify", "cluster_sentence", "coded_sample",
    "coder_sentence", "contingency_table", "country_groups", "dictionary_code",
    "evaluation_sentence", "evaluation_table", "fool_sentence", "funnel", "funnel_figure",
    "load_climatecove",
    "load_folder", "load_platform_posts", "loglinear", "logrank", "near_duplicates",
    "news_value_figure",
    "news_value_sentence", "news_value_table", "operating_characteristics", "planted_shares",
    "recovery_table", "reply_rates", "residual_figure", "residual_sentence", "scorecard",
    "scorecard_sentence", "segment", "service_recovery", "service_sentence", "share_figure",
    "simulate_consultation", "simulate_posts", "simulate_service", "survival_at",
    "survival_figure", "survival_table", "templated_sentence", "templated_shares",
    "train_classifier", "validation_table", "waiting_times", "world",
]  # fmt: skip
