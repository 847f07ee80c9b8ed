r"""COVID-19 and functional fragmentation in city hall: simulator, measures and real posting data.

The chapter re-runs the design of Zeemering (2021): how the Twitter accounts of one city's
agencies coordinated (retweets and mentions among them) and reached out (when each began to
tweet about COVID-19, and how consistent its messages were with the lead health agency's) early
in the pandemic. Three *fictional* cities carry three planted governance patterns; a real
collection of national governments' tweet IDs (Yu, 2020) shows the same questions at country
level.

The package's files name the chapter's steps:

``simulate.py``
    :class:`Effects` (``Effects.none()`` makes all three cities alike), :func:`city_parameters`
    and :func:`simulate`: tweets, retweets and mentions of City A, B and C's agencies, 1 January
    to 31 May 2020, with the :class:`PlantedTruth`. ``_texts.py`` holds the tweets' texts.
``analysis.py``
    The COVID-19 dictionary (:func:`flag_covid`, :func:`precision_recall`), adoption
    (:func:`adoption_dates`, :func:`adoption_curves`), weekly attention
    (:func:`covid_attention`), message consistency (:func:`message_consistency`,
    :func:`agency_summary`), the :func:`fragmentation_index`, and :func:`analyse`, every
    measure in one call (a :class:`CityAnalysis`), with :func:`format_comparison`.
``network.py``
    Retweet and mention ties (:func:`interaction_ties`), :func:`freeman_centralisation`,
    :func:`network_measures`, and centralisation against random networks
    (:func:`random_centralisation`, :func:`centralisation_band`).
``estimates.py``
    City means and medians, and differences between cities, with bootstrap intervals
    (:func:`city_estimates`, :func:`city_contrast`).
``recovery.py``
    Planted versus measured (:func:`recovery_table`), city contrasts (:func:`contrast_table`),
    the study's findings against ours (:func:`scorecard`, deciding on :func:`evidence`), and
    the method checked over many worlds with :mod:`govsocial.planted`: the decision rules
    (:data:`RULES`), planted and null worlds (:func:`world`, :data:`NULL_EFFECTS`),
    :func:`falsification` and :func:`operating_characteristics` (power and size).
``sentences.py``
    The sentences that compare, judge or count, built from the numbers (:func:`claims`,
    :func:`rhythm_claim`, :func:`fool_claim`, :func:`scorecard_claim`).
``data.py``
    Own data: :func:`load_folder` reads a folder of Bluesky or Mastodon posts, or of
    archival Twitter API v2 responses, with ``accounts.csv`` (:func:`read_city_accounts`),
    through :mod:`~govsocial.io.folders` into the post format. Real data:
    :func:`read_covid_gov_tweet_ids` (the zipped weekly releases, validated) and
    :func:`read_account_roles` (the hand-made table of governments and roles).
``rhythms.py``
    Posting rhythms in the real data: :func:`account_coverage`, :func:`daily_posts`,
    :func:`rhythm_correlations`, :func:`same_government_test`.
``figures.py``
    :func:`adoption_figure`, :func:`attention_figure`, :func:`network_figure`,
    :func:`consistency_figure`, :func:`posting_rhythm_figure`, :func:`pair_correlation_figure`.
``_common.py``
    The calendar: the study window, :data:`PANDEMIC_DECLARED` and :data:`REFERENCE_DATES`.

Examples
--------
>>> from govsocial import coordination
>>> sim = coordination.simulate(seed=1)
>>> sorted(sim.accounts["city"].unique())
['City A', 'City B', 'City C']
>>> sim.truth.cities.set_index("city").loc["City C", "pattern"]
'fragmented'
"""

from __future__ import annotations

from ._common import PANDEMIC_DECLARED, REFERENCE_DATES, WINDOW_END, WINDOW_START
from .analysis import (
    COVID_TERMS,
    CityAnalysis,
    adoption_curves,
    adoption_dates,
    agency_summary,
    analyse,
    covid_attention,
    flag_covid,
    format_comparison,
    fragmentation_index,
    message_consistency,
    precision_recall,
)
from .data import (
    ACCOUNT_ROLES,
    CITY_ACCOUNTS,
    ROLE_NAMES,
    CityData,
    TweetIdArchive,
    load_folder,
    read_account_roles,
    read_city_accounts,
    read_covid_gov_tweet_ids,
)
from .estimates import city_contrast, city_estimates
from .figures import (
    adoption_figure,
    attention_figure,
    consistency_figure,
    network_figure,
    pair_correlation_figure,
    posting_rhythm_figure,
)
from .network import (
    centralisation_band,
    freeman_centralisation,
    interaction_ties,
    network_measures,
    random_centralisation,
)
from .recovery import (
    FINDINGS,
    NULL_EFFECTS,
    RULES,
    Evidence,
    contrast_table,
    evidence,
    falsification,
    operating_characteristics,
    recovery_table,
    scorecard,
    world,
)
from .rhythms import account_coverage, daily_posts, rhythm_correlations, same_government_test
from .sentences import claims, coverage_claim, fool_claim, rhythm_claim, scorecard_claim
from .simulate import (
    CITIES,
    PATTERNS,
    ROLES,
    CitySimulation,
    Effects,
    PlantedTruth,
    city_parameters,
    simulate,
)

__all__ = [
    "ACCOUNT_ROLES",
    "FINDINGS",
    "NULL_EFFECTS",
    "RULES",
    "CITIES",
    "CITY_ACCOUNTS",
    "COVID_TERMS",
    "PANDEMIC_DECLARED",
    "PATTERNS",
    "REFERENCE_DATES",
    "ROLES",
    "ROLE_NAMES",
    "WINDOW_END",
    "WINDOW_START",
    "CityAnalysis",
    "CityData",
    "Evidence",
    "CitySimulation",
    "Effects",
    "PlantedTruth",
    "TweetIdArchive",
    "account_coverage",
    "adoption_curves",
    "adoption_dates",
    "adoption_figure",
    "agency_summary",
    "analyse",
    "attention_figure",
    "centralisation_band",
    "city_contrast",
    "city_estimates",
    "city_parameters",
    "claims",
    "consistency_figure",
    "contrast_table",
    "coverage_claim",
    "covid_attention",
    "daily_posts",
    "evidence",
    "falsification",
    "flag_covid",
    "fool_claim",
    "format_comparison",
    "fragmentation_index",
    "freeman_centralisation",
    "interaction_ties",
    "load_folder",
    "message_consistency",
    "network_figure",
    "network_measures",
    "operating_characteristics",
    "pair_correlation_figure",
    "posting_rhythm_figure",
    "precision_recall",
    "random_centralisation",
    "read_account_roles",
    "read_city_accounts",
    "read_covid_gov_tweet_ids",
    "recovery_table",
    "rhythm_claim",
    "rhythm_correlations",
    "same_government_test",
    "scorecard",
    "scorecard_claim",
    "simulate",
    "world",
]
