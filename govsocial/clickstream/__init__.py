"""Clickstreams of a government service account: sessions, movements, wayfinding, card sorting.

The chapter re-runs the design of Jiang, Wang, Lin & Shangguan (2021): a two-month server log
of a traffic-management bureau's WeChat service account (42,188,760 clickstream records),
analysed at the level of single movements from page to page, plus a card sort. The original log
is not public, so :func:`simulate` writes the log of a *fictional* bureau, the Quillhaven City
Traffic Management Bureau, with planted behaviour (:class:`Effects`) in the directions the study
reports: most visits are lookups, service popularity is concentrated, and some visitors who
start at the home portal wander between menus before they find a service, or give up. The
analysis functions are pure (a DataFrame in, a DataFrame or dataclass out) and vectorised, so
the same code runs on the teaching log, on the paper-scale log, on the real MSNBC sessions and
on a reader's own log.

Files
-----
simulate.py
    The fictional bureau (``BUREAU``, ``HOME``, ``MENUS``, ``SERVICES``, ``FEATURED``,
    :func:`menu_table`), the study's number of records (``PAPER_RECORDS``), the planted
    behaviour (:class:`Effects`), :func:`simulate` and the simulated card sort
    (:class:`ClickstreamData` holds the log, the card sort and the planted truth).
sessions.py
    :func:`sessionize` (clicks into sessions at inactivity gaps), :func:`session_metrics`
    (one row per session, lookup or not), :func:`page_views` and :func:`relabel_pages`.
analysis.py
    The menu's fewest clicks (:func:`shortest_steps`, :func:`page_groups`,
    :func:`service_names`), :func:`utilisation` (shares, Lorenz curve, Gini), movements
    (:func:`transition_matrix`, :func:`common_paths`) and wayfinding from the home portal
    (:func:`wayfinding`, :func:`way_first_services`).
cardsort.py
    The card sort: :func:`co_occurrence`, :func:`typical_groups`, :func:`cluster_cards`
    (hierarchical clustering), :func:`proposed_menu` and :func:`participant_models`.
recovery.py
    :func:`analyse` (every step of one simulated log), :func:`recovery_table` (planted against
    measured, with a bootstrap over users), :func:`scorecard` and its thresholds; the decision
    rules (``RULES``), each finding's null world just short of the study's claim
    (:func:`null_effects`, :func:`falsification`), power and size over many worlds through
    :mod:`govsocial.planted` (:func:`world`, :func:`run_worlds`,
    :func:`operating_characteristics`) and the chapter's computed sentences (:func:`claims`).
sentences.py
    The sentences on the menu and the movements, built from the menu and the transition
    matrix (:func:`menu_sentences`, :func:`movement_sentence`).
data.py
    ``DAP_DOMAINS``, the contract of the analytics.usa.gov domain export; the chapter's other
    real data and a reader's own log are read by :mod:`govsocial.io`.
figures.py
    :func:`lorenz_figure`, :func:`reach_figure`, :func:`matrix_heatmap` and
    :func:`dendrogram_figure`.
_common.py
    Private array helpers the steps share (page codes, ticks, session boundaries).

Public names
------------
BUREAU, HOME, MENUS, SERVICES, FEATURED, PAPER_RECORDS, DAP_DOMAINS
    The fictional bureau's name, its portal and menu pages, its services (menu, task group,
    popularity rank), the services linked from the home portal, the study's number of records
    and the contract of the analytics.usa.gov domain export.
EXIT, ENTRY
    The labels of the transition matrix's exit column and entry row.
LOOKUP_TOOL, UNDERUSED, OFF_PATH, MENU_MISMATCH
    The thresholds the scorecard uses.
Effects
    The planted behaviour; ``Effects.none()`` plants none of it (an extreme world, not the
    chapter's null worlds: see ``null_effects``).
ClickstreamData
    The simulated log, the planted visits behind it, the card sort and the planted truth.
Utilisation, Wayfinding, CardClusters
    What :func:`utilisation`, :func:`wayfinding` and :func:`cluster_cards` return.
simulate(seed, scale="teaching", effects=None, *, n_records=None)
    The bureau's server log over two months, written in time order.
menu_table()
    The bureau's menu tree: one row per page, with its kind, parent menu and task group.
shortest_steps(menu)
    Fewest clicks from the home portal to every page along the menu's links.
service_names(menu)
    The pages of a menu that are services.
page_groups(menu)
    A coarser page label for each page (home, the menus, and services by menu).
relabel_pages(sessions, mapping, other=None)
    The same clicks with coarser page labels (for a readable transition matrix).
sessionize(clicks, timeout="30min")
    Cut each user's clicks into sessions at inactivity gaps longer than ``timeout``.
session_metrics(sessions, services=None)
    One row per session: length, duration, first and last page, services used, lookup or not.
page_views(sessions)
    Views per page.
utilisation(counts)
    Traffic shares, Lorenz curve, Gini coefficient and share of items under 1% of traffic.
transition_matrix(sessions, *, exit=True, entry=False, normalise=True)
    First-order movement probabilities between pages (rows sum to 1).
common_paths(sessions, n=10, max_pages=8)
    The most frequent complete page sequences.
wayfinding(sessions, *, home, services, shortest=None, max_steps=10)
    From the home portal: reach within k steps, detour ratio, back-and-forth, abandonment.
way_first_services(sessions, services)
    The first service of every session that reaches one.
co_occurrence(card_sort)
    Share of participants who put each pair of cards in the same group.
typical_groups(card_sort)
    The median number of groups participants made.
cluster_cards(co, n_groups)
    Average-linkage hierarchical clustering of the cards (scipy), cut into groups.
proposed_menu(card_sort, clusters)
    The clusters as a menu, each named by the participants' most frequent label.
participant_models(card_sort, menu)
    How close each participant's sort is to the current menu and to the planted task model.
Analysis, analyse(data, *, timeout="30min", seed=0, reps=400)
    Every step of the analysis of one simulated log, sessions to scorecard.
recovery_table(data, sessions, metrics, way, *, seed=0, reps=400)
    Planted versus measured behaviour, with 95% bootstrap confidence intervals.
FINDINGS, RULES, null_effects(finding), NULL_CONCENTRATION, NULL_TASK_SORTING
    The four findings, their decision rules, and each finding's null world: only its effect
    just short of the study's claim, everything else planted.
world(seed, is_planted, *, finding=None), run_worlds(seeds), operating_characteristics(seeds)
    One simulated and analysed world; planted and null worlds; power, size and coverage.
falsification(seed, scale="teaching", *, reps=400)
    The analysis of every finding's null world at one seed.
null_verdicts(nulls), claims(card, ...)
    The scorecard's verdicts in the null worlds; the chapter's sentences, built from numbers.
scorecard(metrics, usage, way, card_ari)
    The study's findings against what the log and the card sort show.
lorenz_figure(curves), reach_figure(curves), matrix_heatmap(table, ...),
dendrogram_figure(clusters)
    The chapter's figures.

Examples
--------
>>> data = simulate(7, n_records=5_000)
>>> len(data.clicks), data.clicks["timestamp"].is_monotonic_increasing
(5000, True)
>>> sessions = sessionize(data.clicks)
>>> sessions["session_id"].nunique() == len(data.visits)
True
"""

from __future__ import annotations

from .analysis import (
    ENTRY,
    EXIT,
    Utilisation,
    Wayfinding,
    common_paths,
    page_groups,
    service_names,
    shortest_steps,
    transition_matrix,
    utilisation,
    way_first_services,
    wayfinding,
)
from .cardsort import (
    CardClusters,
    cluster_cards,
    co_occurrence,
    participant_models,
    proposed_menu,
    typical_groups,
)
from .data import DAP_DOMAINS
from .figures import dendrogram_figure, lorenz_figure, matrix_heatmap, reach_figure
from .recovery import (
    FINDINGS,
    LOOKUP_TOOL,
    MENU_MISMATCH,
    NULL_CONCENTRATION,
    NULL_TASK_SORTING,
    OFF_PATH,
    RULES,
    TABLE_RECORDS,
    UNDERUSED,
    Analysis,
    analyse,
    claims,
    falsification,
    null_effects,
    null_verdicts,
    operating_characteristics,
    recovery_table,
    run_worlds,
    scorecard,
    world,
)
from .sentences import menu_sentences, movement_sentence
from .sessions import page_views, relabel_pages, session_metrics, sessionize
from .simulate import (
    BUREAU,
    FEATURED,
    HOME,
    MENUS,
    PAPER_RECORDS,
    SERVICES,
    ClickstreamData,
    Effects,
    menu_table,
    simulate,
)

__all__ = [
    "world",
    "run_worlds",
    "operating_characteristics",
    "null_verdicts",
    "null_effects",
    "claims",
    "TABLE_RECORDS",
    "RULES",
    "NULL_TASK_SORTING",
    "NULL_CONCENTRATION",
    "FINDINGS",
    "BUREAU",
    "DAP_DOMAINS",
    "ENTRY",
    "EXIT",
    "FEATURED",
    "HOME",
    "LOOKUP_TOOL",
    "MENUS",
    "MENU_MISMATCH",
    "OFF_PATH",
    "PAPER_RECORDS",
    "SERVICES",
    "UNDERUSED",
    "Analysis",
    "CardClusters",
    "ClickstreamData",
    "Effects",
    "Utilisation",
    "Wayfinding",
    "analyse",
    "cluster_cards",
    "co_occurrence",
    "common_paths",
    "dendrogram_figure",
    "falsification",
    "lorenz_figure",
    "matrix_heatmap",
    "menu_sentences",
    "menu_table",
    "movement_sentence",
    "page_groups",
    "page_views",
    "participant_models",
    "proposed_menu",
    "reach_figure",
    "recovery_table",
    "relabel_pages",
    "scorecard",
    "service_names",
    "session_metrics",
    "sessionize",
    "shortest_steps",
    "simulate",
    "transition_matrix",
    "typical_groups",
    "utilisation",
    "way_first_services",
    "wayfinding",
]
