"""Clickstreams of a government service account: sessions, movements, wayfinding, card sorting.

The chapter re-runs the design of Jiang, Wang, Lin & Shangguan (2021): a two-month server log
of a traffic-management bureau's WeChat service account (42,188,760 clickstream records),
analysed at the level of single movements from page to page, plus a card sort. The original log
is not public, so :func:`simulate` writes the log of a *fictional* bureau, the Riverside City
Traffic Management Bureau, with planted behaviour (:class:`Effects`) in the directions the study
reports: most visits are lookups, service popularity is concentrated, and some visitors who
start at the home portal wander between menus before they find a service, or give up. The
analysis functions are pure (a DataFrame in, a DataFrame or dataclass out) and vectorised, so
the same code runs on the teaching log, on the paper-scale log, on the real MSNBC sessions and
on a reader's own log.

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
    The planted behaviour; ``Effects.none()`` plants none of it.
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
falsification(seed, scale="teaching", *, reps=400)
    The whole analysis of a world with every effect set to zero.
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

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Literal

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter
from scipy.cluster import hierarchy
from scipy.spatial.distance import squareform
from sklearn.metrics import adjusted_rand_score

from govsocial import plots
from govsocial.schema import Column, Contract, DataError

__all__ = [
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
    "menu_table",
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

Scale = Literal["teaching", "paper"]

# --------------------------------------------------------------------------------------------
# The fictional bureau
# --------------------------------------------------------------------------------------------

BUREAU = "Riverside City Traffic Management Bureau"
"""The fictional organisation whose service account the chapter simulates."""

HOME = "home"
"""The page name of the account's home portal."""

MENUS: tuple[str, ...] = ("menu: Vehicles", "menu: Drivers", "menu: Public services")
"""The three top menus (portal pages), as the bureau organised them: by department."""

SERVICES: tuple[tuple[str, str, str, int], ...] = (
    # (service, top menu, task group as users think of it, popularity rank)
    ("violation lookup", "menu: Vehicles", "Check", 1),
    ("vehicle registration", "menu: Vehicles", "Apply", 15),
    ("inspection booking", "menu: Vehicles", "Book", 5),
    ("plate selection", "menu: Vehicles", "Apply", 18),
    ("vehicle transfer", "menu: Vehicles", "Apply", 17),
    ("inspection results", "menu: Vehicles", "Check", 10),
    ("inspection fee payment", "menu: Vehicles", "Pay", 13),
    ("temporary plates", "menu: Vehicles", "Apply", 22),
    ("vehicle deregistration", "menu: Vehicles", "Apply", 26),
    ("licence points", "menu: Drivers", "Check", 3),
    ("licence renewal", "menu: Drivers", "Apply", 7),
    ("driving test booking", "menu: Drivers", "Book", 6),
    ("test results", "menu: Drivers", "Check", 8),
    ("lost licence replacement", "menu: Drivers", "Apply", 19),
    ("address change", "menu: Drivers", "Apply", 21),
    ("learner permit", "menu: Drivers", "Apply", 16),
    ("licence fee payment", "menu: Drivers", "Pay", 14),
    ("driving school finder", "menu: Drivers", "Learn", 24),
    ("fine payment", "menu: Public services", "Pay", 2),
    ("accident reporting", "menu: Public services", "Report", 9),
    ("road conditions", "menu: Public services", "Check", 4),
    ("towed vehicle lookup", "menu: Public services", "Check", 11),
    ("traffic hazard report", "menu: Public services", "Report", 20),
    ("office appointments", "menu: Public services", "Book", 12),
    ("traffic news", "menu: Public services", "Learn", 23),
    ("traffic rules guide", "menu: Public services", "Learn", 25),
    ("complaints and suggestions", "menu: Public services", "Report", 27),
)
"""The bureau's 27 services: top menu, the task group users have in mind, popularity rank.

The menu follows the bureau's departments; the task groups (Check, Apply, Book, Pay, Report,
Learn) are the simulated users' own way of thinking about the services, used by the card sort.
Popularity ranks order the services from most to least used when popularity is concentrated.
"""

FEATURED: tuple[str, ...] = ("violation lookup", "fine payment")
"""Services linked directly from the home portal (one click away)."""

PAPER_RECORDS = 42_188_760
"""Clickstream records in the study's two-month log (Jiang et al., 2021)."""

_TEACHING_RECORDS = 300_000
_WINDOW_DAYS = 61  # two months: March and April
_LOG_START = pd.Timestamp("2030-03-01", tz="UTC")
_HOME_ENTRY = 0.45  # share of visits that enter at the home portal (the rest deep-link)
_MAX_SERVICES = 8
_MAX_WRONG_MENUS = 6
_MIN_SPACING_S = 31 * 60 + 60  # between one visit's last click and the next visit's first
_LONG_PAUSE = 0.03  # share of clicks after a long pause (filling in a form): 5 to 28 minutes

DAP_DOMAINS = Contract(
    "analytics.usa.gov domains (30 days)",
    (
        Column("domain", "string", unique=True, description="Government web domain."),
        Column("visits", "int", minimum=0, description="Visits (sessions) in 30 days."),
        Column("pageviews", "int", minimum=0, description="Page views in 30 days."),
        Column("users", "int", minimum=0, description="Users in 30 days."),
        Column(
            "pageviews_per_session",
            "float",
            minimum=0,
            description="Page views per visit, as the export reports it.",
        ),
        Column(
            "avg_session_duration",
            "float",
            minimum=0,
            description="Mean visit duration, in seconds.",
        ),
        Column("exits", "int", minimum=0, description="Exits from the domain in 30 days."),
    ),
    key=("domain",),
)
"""Contract of ``data/analytics_usa_gov/all-domains-30-days.csv`` (read with ``io.read_table``)."""


def menu_table() -> pd.DataFrame:
    """Return the fictional bureau's menu tree, one row per page.

    Returns
    -------
    DataFrame
        Columns ``page``, ``kind`` (``home``, ``menu`` or ``service``), ``menu`` (the top menu
        a service sits in; the page itself for a menu), ``task`` (the simulated users' task
        group of a service), ``rank`` (planted popularity rank of a service) and ``featured``
        (linked directly from the home portal). Pages are in menu order: home, the three
        menus, then the services menu by menu.

    Examples
    --------
    >>> menu = menu_table()
    >>> menu["kind"].value_counts().to_dict()
    {'service': 27, 'menu': 3, 'home': 1}
    """
    rows = [(HOME, "home", None, None, None, False)]
    rows += [(menu, "menu", menu, None, None, False) for menu in MENUS]
    rows += [
        (service, "service", menu, task, rank, service in FEATURED)
        for service, menu, task, rank in SERVICES
    ]
    table = pd.DataFrame(rows, columns=["page", "kind", "menu", "task", "rank", "featured"])
    table["rank"] = table["rank"].astype("Int64")
    return table


def _menu_graph(menu: pd.DataFrame) -> nx.DiGraph:
    """Return the links a visitor can follow: home to menus and featured services, and on."""
    graph = nx.DiGraph()
    home = menu.loc[menu["kind"] == "home", "page"].iloc[0]
    graph.add_nodes_from(menu["page"])
    for row in menu.itertuples(index=False):
        if row.kind == "menu":
            graph.add_edge(home, row.page)
        elif row.kind == "service":
            graph.add_edge(row.menu, row.page)
            if row.featured:
                graph.add_edge(home, row.page)
    return graph


def shortest_steps(menu: pd.DataFrame) -> pd.Series:
    """Fewest clicks from the home portal to each page, following the menu's links.

    Parameters
    ----------
    menu : DataFrame
        A menu tree like :func:`menu_table`'s (``page``, ``kind``, ``menu``, ``featured``).

    Returns
    -------
    Series
        Steps (int) indexed by page: 0 for home, 1 for a menu or a featured service, 2 for a
        service reached through its menu.

    Examples
    --------
    >>> steps = shortest_steps(menu_table())
    >>> int(steps["fine payment"]), int(steps["licence renewal"])
    (1, 2)
    """
    graph = _menu_graph(menu)
    home = menu.loc[menu["kind"] == "home", "page"].iloc[0]
    lengths = nx.single_source_shortest_path_length(graph, home)
    return pd.Series(lengths, name="steps").reindex(menu["page"]).astype("int64")


def page_groups(menu: pd.DataFrame) -> dict[str, str]:
    """Map each page to a coarser label: home, each menu, and services grouped by their menu.

    Examples
    --------
    >>> page_groups(menu_table())["licence points"]
    'services: Drivers'
    """
    groups = {}
    for row in menu.itertuples(index=False):
        if row.kind == "service":
            groups[row.page] = "services: " + row.menu.removeprefix("menu: ")
        else:
            groups[row.page] = row.page
    return groups


# --------------------------------------------------------------------------------------------
# Planted effects and the simulator
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Effects:
    """The behaviour planted in the simulated log and card sort.

    The defaults follow the *direction* of the study's findings (Jiang et al., 2021); their
    sizes are illustrative, not taken from the paper, which the book cannot check.

    Attributes
    ----------
    lookup : float
        Probability that a visit is a lookup: the visitor wants one service, uses it and
        leaves. Other visits use two or more services. The study: "used mainly as a lookup
        tool", so above one half.
    concentration : float
        Exponent ``s`` of the services' popularity, proportional to ``rank ** -s``; 0 gives
        every service the same traffic. The study: most services underutilised.
    wander : float
        Probability that a visit entering at the home portal first opens wrong menus (and goes
        back) before it finds its service. The study: the home portals fail to support
        wayfinding.
    give_up : float
        Probability that a wandering visit ends without reaching any service.
    task_sorting : float
        Share of card-sort participants who group the services by their own tasks (check,
        apply, book, pay, report, learn) rather than by the bureau's departmental menu.

    Examples
    --------
    >>> Effects().lookup > 0.5, Effects.none().concentration
    (True, 0.0)
    """

    lookup: float = 0.70
    concentration: float = 1.6
    wander: float = 0.35
    give_up: float = 0.40
    task_sorting: float = 0.80

    @classmethod
    def none(cls) -> Effects:
        """Return a world without the study's findings: every planted effect set to zero.

        No visit is a pure lookup (every visit uses two or more services), every service is
        equally popular, visitors from the home portal take the shortest path, and every
        card-sort participant sorts the services as the current menu does.
        """
        return cls(**{f.name: 0.0 for f in fields(cls)})

    def expected_lookup_share(self) -> float:
        """Share of sessions the lookup rule should find: lookups that did not give up."""
        return self.lookup * (1 - _HOME_ENTRY * self.wander * self.give_up)

    def table(self) -> pd.DataFrame:
        """Return the planted values as a two-column table (``effect``, ``value``)."""
        return pd.DataFrame(list(asdict(self).items()), columns=["effect", "value"])


@dataclass(frozen=True)
class ClickstreamData:
    """A simulated service-account log with its planted truth.

    Attributes
    ----------
    clicks : DataFrame
        The server log, in time order as a server writes it (not sorted by user):
        ``user_id`` (int32 pseudonym), ``timestamp`` (UTC, whole seconds), ``page``
        (categorical, the pages of :attr:`menu`).
    visits : DataFrame
        The planted visits behind the log, one row per visit: ``visit_id``, ``user_id``,
        ``start``, ``pages`` (records), ``intent`` (``lookup`` or ``browse``),
        ``home_entry``, ``wandered``, ``gave_up``, ``services`` (services used).
    menu : DataFrame
        The menu tree (:func:`menu_table`).
    card_sort : DataFrame
        An open card sort: ``participant``, ``card`` (a service), ``group`` (the name the
        participant gave the group the card went into).
    sorters : DataFrame
        Planted truth of the card sort: ``participant`` and ``model`` (``task`` or ``menu``).
    effects : Effects
        The planted behaviour.
    seed : int
        The seed used.
    """

    clicks: pd.DataFrame
    visits: pd.DataFrame
    menu: pd.DataFrame
    card_sort: pd.DataFrame
    sorters: pd.DataFrame
    effects: Effects
    seed: int


@dataclass
class _Visits:
    """Page sequences of simulated visits, as arrays (before times and users are attached)."""

    pages: np.ndarray  # page code of every record, visit after visit
    visit: np.ndarray  # visit index of every record
    lengths: np.ndarray  # records per visit
    intent_lookup: np.ndarray
    home_entry: np.ndarray
    wandered: np.ndarray
    gave_up: np.ndarray
    services_used: np.ndarray


def _popularity(effects: Effects) -> np.ndarray:
    """Probability of each service (in SERVICES order) being the one a visitor wants."""
    ranks = np.array([rank for *_, rank in SERVICES], dtype=float)
    weights = ranks ** -effects.concentration
    return weights / weights.sum()


def _draw_services(
    rng: np.random.Generator, counts: np.ndarray, probabilities: np.ndarray
) -> np.ndarray:
    """Draw ``counts[v]`` services for each visit; consecutive services of a visit differ."""
    total = int(counts.sum())
    first = np.cumsum(counts) - counts
    position = np.arange(total) - np.repeat(first, counts)
    cumulative = np.cumsum(probabilities)
    cumulative[-1] = 1.0
    services = np.searchsorted(cumulative, rng.random(total), side="right")
    for step in range(1, int(counts.max(initial=1))):
        at = np.flatnonzero(position == step)
        previous = services[at - 1]
        left = probabilities[previous]
        target = rng.random(len(at)) * (1 - left)
        start = cumulative[previous] - left  # where the previous service's interval begins
        target = np.where(target >= start, target + left, target)
        drawn = np.searchsorted(cumulative, target, side="right")
        services[at] = np.minimum(drawn, len(probabilities) - 1)
    return services


def _draw_visits(rng: np.random.Generator, n_visits: int, effects: Effects) -> _Visits:
    """Build the page sequence of each visit from its planted kind (vectorised)."""
    menu = menu_table()
    code = {page: number for number, page in enumerate(menu["page"])}
    n_menus, first_service = len(MENUS), 1 + len(MENUS)
    service_menu = np.array([code[m] for _, m, _, _ in SERVICES])  # menu page code of service
    featured = np.array([s in FEATURED for s, *_ in SERVICES])
    v = np.arange(n_visits)

    lookup = rng.random(n_visits) < effects.lookup
    wanted = np.where(lookup, 1, np.minimum(1 + rng.geometric(0.5, n_visits), _MAX_SERVICES))
    home = rng.random(n_visits) < _HOME_ENTRY
    wandered = home & (rng.random(n_visits) < effects.wander)
    wrong = np.where(wandered, np.minimum(rng.geometric(0.55, n_visits), _MAX_WRONG_MENUS), 0)
    gave_up = wandered & (rng.random(n_visits) < effects.give_up)
    services = _draw_services(rng, wanted, _popularity(effects))
    first_of_visit = np.cumsum(wanted) - wanted
    target_menu = service_menu[services[first_of_visit]]

    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []  # visit, slot, page, n

    def add(visits: np.ndarray, slot: np.ndarray | int, page: np.ndarray | int, n=1) -> None:
        size = len(visits)
        parts.append(
            (
                visits,
                np.broadcast_to(slot, size),
                np.broadcast_to(page, size),
                np.broadcast_to(n, size),
            )
        )

    home_code = code[HOME]
    add(v[home], 0, home_code)
    # wandering: wrong menu, back home, wrong menu, ... (a visitor who gives up leaves from the
    # last wrong menu)
    wander_visit = np.repeat(v, wrong)
    j = np.arange(len(wander_visit)) - np.repeat(np.cumsum(wrong) - wrong, wrong) + 1
    offset = 1 + rng.integers(0, n_menus - 1, len(wander_visit))
    wrong_menu = 1 + (target_menu[wander_visit] - 1 + offset) % n_menus
    add(wander_visit, 2 * j - 1, wrong_menu)
    back = ~(gave_up[wander_visit] & (j == wrong[wander_visit]))
    add(wander_visit[back], 2 * j[back], home_code)
    # services actually used
    use_visit = np.repeat(v, wanted)
    use_index = np.arange(len(use_visit)) - np.repeat(first_of_visit, wanted)
    used = ~gave_up[use_visit]
    use_visit, use_index, use_service = use_visit[used], use_index[used], services[used]
    base = 16 + 4 * use_index
    menu_page = service_menu[use_service]
    is_featured = featured[use_service]
    first = use_index == 0
    via_menu_first = first & home[use_visit] & (wandered[use_visit] | ~is_featured)
    route = rng.random(len(use_visit))
    via_home = ~first & (route < 0.4)
    via_menu_later = ~first & (route < 0.7) & ~(via_home & is_featured)
    add(use_visit[via_home], base[via_home], home_code)
    via_menu = via_menu_first | via_menu_later
    add(use_visit[via_menu], base[via_menu] + 1, menu_page[via_menu])
    repeats = np.minimum(rng.geometric(0.6, len(use_visit)), 5)
    add(use_visit, base + 2, first_service + use_service, repeats)

    seg_visit, seg_slot, seg_page, seg_count = (
        np.concatenate([np.asarray(p[i], dtype=np.int64) for p in parts]) for i in range(4)
    )
    order = np.argsort(seg_visit * 64 + seg_slot)
    seg_visit, seg_page, seg_count = seg_visit[order], seg_page[order], seg_count[order]
    pages = np.repeat(seg_page.astype(np.int8), seg_count)
    visit = np.repeat(seg_visit, seg_count)
    lengths = np.bincount(visit, minlength=n_visits)
    services_used = np.bincount(use_visit, minlength=n_visits)
    return _Visits(pages, visit, lengths, lookup, home, wandered, gave_up, services_used)


def _click_gaps(rng: np.random.Generator, n: int) -> np.ndarray:
    """Seconds between two clicks of one visit: mostly seconds, sometimes a form to fill in."""
    gaps = 1 + np.floor(rng.lognormal(np.log(10), 0.8, n)).clip(max=600)
    long = rng.random(n) < _LONG_PAUSE
    gaps[long] = rng.integers(300, 28 * 60, int(long.sum()))
    return gaps.astype(np.int64)


_HOURLY = np.array(
    [2, 1, 1, 1, 1, 2, 4, 7, 10, 12, 12, 11, 9, 10, 11, 11, 10, 9, 8, 8, 8, 7, 5, 3], dtype=float
)


def _visit_starts(rng: np.random.Generator, n: int) -> np.ndarray:
    """Seconds after the log start: weekdays busier than weekends, days busier than nights."""
    day_weight = np.array([1.0 if (_LOG_START + pd.Timedelta(days=d)).day_of_week < 5 else 0.6
                           for d in range(_WINDOW_DAYS)])
    day = rng.choice(_WINDOW_DAYS, n, p=day_weight / day_weight.sum())
    hour = rng.choice(24, n, p=_HOURLY / _HOURLY.sum())
    return day * 86_400 + hour * 3_600 + rng.integers(0, 3_600, n)


def _pack(*columns: tuple[np.ndarray, int]) -> np.ndarray:
    """Pack non-negative integer columns into one int64 key, the first column most significant."""
    key = np.zeros(len(columns[0][0]), dtype=np.int64)
    for values, bits in columns:
        key <<= bits
        key |= values
    return key


def simulate(
    seed: int,
    scale: Scale = "teaching",
    effects: Effects | None = None,
    *,
    n_records: int | None = None,
) -> ClickstreamData:
    """Simulate two months of the fictional bureau's service-account log, and a card sort.

    Visits are drawn one by one from the planted behaviour: a lookup (enter, use one service,
    leave) or a browse (two or more services); entered at the home portal or straight at a
    service (a link in a pushed message or a saved menu item); from the home portal, possibly
    wandering through wrong menus first and possibly giving up. Each user's visits are at least
    32 minutes apart, and no click within a visit follows the previous one by 30 minutes or
    more, so a 30-minute timeout recovers the planted visits exactly. Records are written in
    time order, as a server writes its log.

    Parameters
    ----------
    seed : int
        Seed of ``numpy.random.default_rng``; the same seed gives identical frames.
    scale : {"teaching", "paper"}
        ``"teaching"``: 300,000 records; ``"paper"``: 42,188,760 records, the study's log.
    effects : Effects, optional
        Planted behaviour; default :class:`Effects` ().
    n_records : int, optional
        Exactly this many records instead of the scale's number (at least 1,000).

    Returns
    -------
    ClickstreamData
        The log, the planted visits, the menu, the card sort and the planted truth.

    Examples
    --------
    >>> data = simulate(1, n_records=2_000)
    >>> len(data.clicks), int(data.visits["pages"].sum())
    (2000, 2000)
    >>> data.clicks.columns.tolist()
    ['user_id', 'timestamp', 'page']
    """
    effects = Effects() if effects is None else effects
    target = n_records or (PAPER_RECORDS if scale == "paper" else _TEACHING_RECORDS)
    if target < 1_000:
        raise ValueError(f"n_records must be at least 1,000, got {target}")
    root = np.random.default_rng(seed)
    log_rng, card_rng, pilot_rng = root.spawn(3)

    pilot = _draw_visits(pilot_rng, 20_000, effects)
    n_visits = int(np.ceil(target / pilot.lengths.mean() * 1.06)) + 200
    drawn = _draw_visits(log_rng, n_visits, effects)
    while drawn.lengths.sum() < target * 1.03:  # rare: draw more visits
        n_visits = int(n_visits * 1.5)
        drawn = _draw_visits(log_rng, n_visits, effects)

    # times within each visit
    n = len(drawn.pages)
    gaps = _click_gaps(log_rng, n)
    first = np.cumsum(drawn.lengths) - drawn.lengths
    gaps[first] = 0
    offsets = np.cumsum(gaps)
    offsets -= np.repeat(offsets[first], drawn.lengths)
    durations = offsets[first + drawn.lengths - 1]

    # users: a few visit often, most once or twice
    n_users = int(n_visits / 2.2) + 1
    per_user = 1 + log_rng.negative_binomial(0.6, 0.6 / (0.6 + 1.5), n_users)
    per_user = np.minimum(per_user, 60)
    users_needed = int(np.searchsorted(np.cumsum(per_user), n_visits)) + 1
    per_user = per_user[:users_needed]
    per_user[-1] -= per_user.sum() - n_visits
    user_of_visit = np.repeat(np.arange(users_needed), per_user)

    # start times: sorted within user, then pushed apart so that visits never overlap
    raw = _visit_starts(log_rng, n_visits)
    order = np.argsort(_pack((user_of_visit, 32), (raw, 31)), kind="stable")
    start = raw[order]
    dur = durations[order]
    users_sorted = user_of_visit  # already sorted by user
    spacing = dur + _MIN_SPACING_S
    user_first = np.cumsum(per_user) - per_user
    cum = np.cumsum(spacing) - spacing
    before = cum - np.repeat(cum[user_first], per_user)  # spacing of earlier visits of the user
    lifted = (start - before) + users_sorted.astype(np.int64) * (1 << 40)
    start = np.maximum.accumulate(lifted) - users_sorted.astype(np.int64) * (1 << 40) + before
    visit_start = np.empty(n_visits, dtype=np.int64)
    visit_start[order] = start
    fits = visit_start + durations < _WINDOW_DAYS * 86_400

    # keep whole visits, in random order, up to the target; top up with reloads
    candidates = log_rng.permutation(np.flatnonzero(fits))
    lengths = drawn.lengths[candidates]
    keep_n = int(np.searchsorted(np.cumsum(lengths), target, side="right"))
    kept = np.sort(candidates[:keep_n])
    shortfall = target - int(drawn.lengths[kept].sum())
    extra = np.zeros(n_visits, dtype=np.int64)
    extra[log_rng.choice(kept, size=shortfall, replace=False)] = 1

    keep_record = np.zeros(n_visits, dtype=bool)
    keep_record[kept] = True
    record_kept = keep_record[drawn.visit]
    pages = drawn.pages[record_kept]
    visit = drawn.visit[record_kept]
    seconds = visit_start[visit] + offsets[record_kept]
    # reloads: the visit's last page once more, one second later
    reload_visits = kept[extra[kept] == 1]
    reload_last = first[reload_visits] + drawn.lengths[reload_visits] - 1
    pages = np.concatenate([pages, drawn.pages[reload_last]])
    visit = np.concatenate([visit, reload_visits])
    seconds = np.concatenate(
        [seconds, visit_start[reload_visits] + offsets[reload_last] + 1]
    )

    # the server writes in time order; ties keep visit order (a stable sort)
    order = np.argsort(_pack((seconds, 26), (visit, 37)))
    pages, visit, seconds = pages[order], visit[order], seconds[order]

    pseudonyms = (10_000_000 + log_rng.permutation(users_needed)).astype(np.int32)
    menu = menu_table()
    clicks = pd.DataFrame(
        {
            "user_id": pseudonyms[user_of_visit[visit]],
            "timestamp": _to_datetime(seconds, _LOG_START.value // 10**9, "s", "UTC"),
            "page": pd.Categorical.from_codes(pages, categories=list(menu["page"])),
        },
        copy=False,
    )
    visits = pd.DataFrame(
        {
            "visit_id": np.arange(len(kept)),
            "user_id": pseudonyms[user_of_visit[kept]],
            "start": _to_datetime(visit_start[kept], _LOG_START.value // 10**9, "s", "UTC"),
            "pages": drawn.lengths[kept] + extra[kept],
            "intent": np.where(drawn.intent_lookup[kept], "lookup", "browse"),
            "home_entry": drawn.home_entry[kept],
            "wandered": drawn.wandered[kept],
            "gave_up": drawn.gave_up[kept],
            "services": drawn.services_used[kept],
        }
    )
    visits = visits.sort_values("start", kind="stable", ignore_index=True)
    visits["visit_id"] = np.arange(len(visits))
    card_sort, sorters = _simulate_card_sort(card_rng, effects)
    return ClickstreamData(clicks, visits, menu, card_sort, sorters, effects, seed)


def _to_datetime(values: np.ndarray, origin: int, unit: str, tz: str | None) -> pd.Series:
    """Integer ticks after ``origin`` (in ``unit``) as a datetime Series."""
    stamps = (np.asarray(values, dtype=np.int64) + origin).view(f"M8[{unit}]")
    index = pd.DatetimeIndex(stamps, copy=False)
    if tz is not None:
        index = index.tz_localize(tz)
    return pd.Series(index, copy=False)


# --------------------------------------------------------------------------------------------
# Card sorting (simulation)
# --------------------------------------------------------------------------------------------

_GROUP_NAMES: dict[str, tuple[str, ...]] = {
    "Check": ("Check", "Look up", "Queries", "My records"),
    "Apply": ("Apply", "Applications", "Paperwork", "Get a document"),
    "Book": ("Book", "Appointments", "Bookings"),
    "Pay": ("Pay", "Payments", "Fees and fines"),
    "Report": ("Report", "Tell the bureau", "Reporting"),
    "Learn": ("Learn", "Information", "Guides and news"),
    "menu: Vehicles": ("Vehicles", "My car", "Vehicle services"),
    "menu: Drivers": ("Drivers", "Licence", "Driver services"),
    "menu: Public services": ("Public services", "Other", "General"),
}
_CARD_NOISE = 0.12  # chance that a participant puts a card in a group it does not belong to


def _simulate_card_sort(
    rng: np.random.Generator, effects: Effects, n_participants: int = 30
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Simulate an open card sort of the 27 service cards by ``n_participants`` people."""
    cards = [service for service, *_ in SERVICES]
    models = {
        "task": np.array([task for _, _, task, _ in SERVICES]),
        "menu": np.array([menu for _, menu, _, _ in SERVICES]),
    }
    rows, sorters = [], []
    for number in range(1, n_participants + 1):
        participant = f"P{number:02d}"
        model = "task" if rng.random() < effects.task_sorting else "menu"
        truth = models[model]
        groups = np.unique(truth)
        names = {g: _GROUP_NAMES[g][rng.integers(len(_GROUP_NAMES[g]))] for g in groups}
        moved = rng.random(len(cards)) < _CARD_NOISE
        chosen = truth.copy()
        for position in np.flatnonzero(moved):
            others = groups[groups != truth[position]]
            chosen[position] = others[rng.integers(len(others))]
        rows += [(participant, card, names[g]) for card, g in zip(cards, chosen, strict=True)]
        sorters.append((participant, model))
    card_sort = pd.DataFrame(rows, columns=["participant", "card", "group"])
    return card_sort, pd.DataFrame(sorters, columns=["participant", "model"])


# --------------------------------------------------------------------------------------------
# Sessions
# --------------------------------------------------------------------------------------------

_REQUIRED = ("user_id", "timestamp", "page")
_UNITS_PER_SECOND = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}


def _bits(value: int) -> int:
    """Bits needed to store the non-negative integer ``value`` (at least 1)."""
    return max(int(value).bit_length(), 1)


def _smallest_int(largest: int) -> type[np.signedinteger]:
    """Return the narrowest signed integer type that holds values up to ``largest``."""
    for kind in (np.int8, np.int16, np.int32):
        if largest <= np.iinfo(kind).max:
            return kind
    return np.int64


def _check_columns(frame: pd.DataFrame, needed: Iterable[str], function: str) -> None:
    missing = [name for name in needed if name not in frame.columns]
    if missing:
        raise DataError(
            f"{function} needs the column(s) {', '.join(map(repr, missing))}",
            column=missing[0],
            expected=f"columns {list(needed)}",
            found=f"columns {list(frame.columns)}",
        )


def _page_codes(pages: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Small integer codes of the pages and the page names (categories)."""
    if not isinstance(pages.dtype, pd.CategoricalDtype):
        pages = pages.astype("category")
    codes = pages.cat.codes.to_numpy()
    if len(codes) and codes.min() < 0:
        position = int(np.flatnonzero(codes < 0)[0])
        raise DataError(
            "a click has no page", row=position + 1, column="page", expected="a page name",
            found="a missing value",
        )
    return codes, pages.cat.categories


def _stamps(stamps: pd.Series, column: str = "timestamp") -> tuple[np.ndarray, str, str | None]:
    """Return the int64 values behind a datetime column (no copy), their unit and zone."""
    if not pd.api.types.is_datetime64_any_dtype(stamps.dtype):
        raise DataError(
            "timestamps must be datetimes",
            column=column,
            expected="a datetime column (parse it with pandas.to_datetime)",
            found=f"dtype {stamps.dtype}",
        )
    array = stamps.array
    values = array.asi8 if hasattr(array, "asi8") else np.asarray(stamps).view("i8")
    missing = values == np.iinfo(np.int64).min  # NaT
    if missing.any():
        position = int(np.flatnonzero(missing)[0])
        raise DataError(
            "a click has no timestamp", row=position + 1, column=column,
            expected="a date and time", found="a missing value",
        )
    tz = None if stamps.dt.tz is None else str(stamps.dt.tz)
    return values, stamps.dt.unit, tz


def _datetimes(values: np.ndarray, unit: str, tz: str | None) -> pd.Series:
    """Wrap ``values`` (int64 ticks since the epoch) as a datetime Series, without a copy."""
    stamps = values.view(f"M8[{unit}]")
    if tz is None:
        return pd.Series(stamps, copy=False)
    try:  # zero-copy: the values already are UTC instants
        array = pd.arrays.DatetimeArray._simple_new(stamps, dtype=pd.DatetimeTZDtype(unit, "UTC"))
    except (AttributeError, TypeError):  # pragma: no cover - other pandas versions
        array = pd.DatetimeIndex(stamps).tz_localize("UTC").array
    series = pd.Series(array, copy=False)
    return series if tz == "UTC" else series.dt.tz_convert(tz)


_CHUNK = 1 << 22  # rows per block when a full-length temporary array would cost too much memory


def _coarsest_factor(values: np.ndarray, origin: int, unit: str, bits_left: int) -> int:
    """Largest factor (1000, 10**6, ...) dividing every tick, if the ticks need it to fit."""
    span = int(values.max()) - origin
    if _bits(span) <= bits_left:
        return 1
    per_second = _UNITS_PER_SECOND[unit]
    for coarser in ("s", "ms", "us"):
        factor = per_second // _UNITS_PER_SECOND[coarser]
        if factor > 1 and _bits(span // factor) <= bits_left:
            exact = all(
                not np.any((values[i:i + _CHUNK] - origin) % factor)
                for i in range(0, len(values), _CHUNK)
            )
            if exact:
                return factor
    return 0  # does not fit


def sessionize(clicks: pd.DataFrame, timeout: str | pd.Timedelta = "30min") -> pd.DataFrame:
    """Cut each user's clicks into sessions at gaps of inactivity longer than ``timeout``.

    A session is a run of one user's clicks in which no click follows the previous one by more
    than ``timeout``; the next click after a longer gap starts a new session. Clicks of one user
    with the same timestamp keep the order they have in ``clicks`` (the log's order).

    The work is done on integer codes: users and pages become small integers, times become
    integer ticks, and the three are packed into one 64-bit key per click, so one fast sort of
    integers orders the clicks by user and time (no comparison sort of the columns, no
    temporary copies of full columns). Logs whose keys would not fit into 64 bits, or with two
    clicks of one user at the same instant, fall back to a stable ``numpy.lexsort``.

    Parameters
    ----------
    clicks : DataFrame
        Columns ``user_id`` (any hashable values), ``timestamp`` (datetimes) and ``page``
        (strings or categorical), in any order. Other columns are left out of the result.
    timeout : str or Timedelta
        The inactivity gap that closes a session (pandas offset string, e.g. ``"30min"``).

    Returns
    -------
    DataFrame
        The clicks sorted by user and time, with ``session_id`` (0, 1, 2, ... in that order)
        and ``step`` (0 for a session's first click, then 1, 2, ...). ``page`` is categorical.

    Raises
    ------
    DataError
        When a column is missing, timestamps are not datetimes, or a value is missing.

    Examples
    --------
    >>> clicks = pd.DataFrame({
    ...     "user_id": [1, 2, 1, 1],
    ...     "timestamp": pd.to_datetime(["2030-03-01 09:00", "2030-03-01 09:01",
    ...                                  "2030-03-01 09:10", "2030-03-01 11:00"]),
    ...     "page": ["home", "home", "fine payment", "home"]})
    >>> sessionize(clicks)[["user_id", "session_id", "step"]].to_numpy().tolist()
    [[1, 0, 0], [1, 0, 1], [1, 1, 0], [2, 2, 0]]
    """
    _check_columns(clicks, _REQUIRED, "sessionize")
    n = len(clicks)
    if n == 0:
        raise DataError("there are no clicks to sessionize", expected="at least one click")
    users = clicks["user_id"]
    integer_users = pd.api.types.is_integer_dtype(users.dtype) and not isinstance(
        users.dtype, pd.CategoricalDtype
    )
    if integer_users:
        user_source = users.to_numpy()
        low = int(user_source.min())
        user_range = int(user_source.max()) - low
        unique_users = None
    else:
        user_source, unique_users = pd.factorize(users, sort=True)
        if (user_source < 0).any():
            position = int(np.flatnonzero(user_source < 0)[0])
            raise DataError(
                "a click has no user_id", row=position + 1, column="user_id",
                expected="a user identifier", found="a missing value",
            )
        low, user_range = 0, len(unique_users) - 1
    values, unit, tz = _stamps(clicks["timestamp"])
    page_codes, pages = _page_codes(clicks["page"])
    origin = int(values.min())
    gap = pd.Timedelta(timeout).as_unit("ns").value  # nanoseconds
    user_bits, page_bits = _bits(user_range), _bits(max(len(pages) - 1, 0))
    factor = _coarsest_factor(values, origin, unit, 63 - user_bits - page_bits)
    user_type = _smallest_int(max(user_range, 127))
    page_type = _smallest_int(max(len(pages), 127))

    sorted_user = sorted_page = ticks = None
    if factor:
        time_bits = 63 - user_bits - page_bits
        limit = gap // (10**9 // _UNITS_PER_SECOND[unit]) // factor
        # one 64-bit key per click: user | time | page, built block by block
        key = np.empty(n, dtype=np.int64)
        for i in range(0, n, _CHUNK):
            block = key[i:i + _CHUNK]
            np.subtract(user_source[i:i + _CHUNK], low, out=block, casting="unsafe")
            block <<= time_bits
            block |= (values[i:i + _CHUNK] - origin) // factor
            block <<= page_bits
            block |= page_codes[i:i + _CHUNK]
        key.sort()
        sorted_user = np.empty(n, dtype=user_type)
        np.right_shift(key, time_bits + page_bits, out=sorted_user, casting="unsafe")
        sorted_page = np.empty(n, dtype=page_type)
        np.bitwise_and(key, (1 << page_bits) - 1, out=sorted_page, casting="unsafe")
        key >>= page_bits
        key &= (1 << time_bits) - 1
        ticks = key  # reused below for the output timestamps
        del key
        starts = np.ones(n, dtype=bool)
        tied = False
        for i in range(0, n - 1, _CHUNK):
            j = min(i + _CHUNK, n - 1)
            same = sorted_user[i + 1:j + 1] == sorted_user[i:j]
            step_gap = ticks[i + 1:j + 1] - ticks[i:j]
            tied = tied or bool(np.any(same & (step_gap == 0)))
            starts[i + 1:j + 1] = ~same | (step_gap > limit)
        if tied:  # the log's order must decide between clicks at the same instant
            sorted_user = None
    if sorted_user is None:
        order = np.lexsort((np.arange(n), values, user_source))
        sorted_user = (np.asarray(user_source)[order] - low).astype(user_type)
        ticks = values[order] - origin
        sorted_page = page_codes[order].astype(page_type)
        factor = 1
        limit = gap // (10**9 // _UNITS_PER_SECOND[unit])
        starts = np.ones(n, dtype=bool)
        starts[1:] = (sorted_user[1:] != sorted_user[:-1]) | (np.diff(ticks) > limit)

    first = np.flatnonzero(starts)
    lengths = np.diff(np.append(first, n))
    session = starts.astype(_smallest_int(len(first)))
    np.cumsum(session, dtype=session.dtype, out=session)
    session -= 1
    step = np.ones(n, dtype=_smallest_int(int(lengths.max())))
    step[first[1:]] = 1 - lengths[:-1]
    step[0] = 0
    np.cumsum(step, dtype=step.dtype, out=step)
    del starts

    ticks *= factor
    ticks += origin
    if unique_users is None:
        if low:
            if low + user_range <= np.iinfo(sorted_user.dtype).max:
                sorted_user += sorted_user.dtype.type(low)
            else:
                sorted_user = sorted_user.astype(np.int64) + low
        user_values = sorted_user.astype(users.dtype, copy=False)
    else:
        user_values = unique_users.take(sorted_user)
    result = pd.DataFrame(
        {
            "user_id": user_values,
            "timestamp": _datetimes(ticks, unit, tz),
            "page": pd.Categorical.from_codes(sorted_page, categories=pages),
            "session_id": session,
            "step": step,
        },
        copy=False,
    )
    result.attrs["timeout"] = str(pd.Timedelta(timeout))
    return result


class _Sessions:
    """Arrays of a sessionized frame: session boundaries, pages and (optional) times."""

    def __init__(self, sessions: pd.DataFrame, function: str) -> None:
        _check_columns(sessions, ("session_id", "page"), function)
        ids = sessions["session_id"].to_numpy()
        n = len(ids)
        if n == 0:
            raise DataError(f"{function}: there are no clicks", expected="at least one click")
        new = np.empty(n, dtype=bool)
        new[0] = True
        np.not_equal(ids[1:], ids[:-1], out=new[1:])
        starts = np.flatnonzero(new)
        del new
        if len(starts) > 1 and np.any(ids[starts][1:] <= ids[starts][:-1]):
            raise DataError(
                f"{function} needs each session's clicks together and sessions in order: pass "
                "the output of sessionize()",
                column="session_id",
                expected="session_id sorted",
                found="a session_id that goes back",
            )
        self.n = n
        self.starts = starts
        self.lengths = np.diff(np.append(starts, n))
        self.ends = starts + self.lengths - 1
        self.pages, self.names = _page_codes(sessions["page"])
        self.stamps = self.unit = None
        if "timestamp" in sessions.columns:
            self.stamps, self.unit, _ = _stamps(sessions["timestamp"])
        self._index: np.ndarray | None = None

    @property
    def index(self) -> np.ndarray:
        """Session number (0, 1, ...) of every click."""
        if self._index is None:
            index = np.zeros(self.n, dtype=_smallest_int(len(self.starts)))
            index[self.starts[1:]] = 1
            np.cumsum(index, dtype=index.dtype, out=index)
            self._index = index
        return self._index

    def step(self) -> np.ndarray:
        """Position of every click in its session (0 for the first)."""
        return np.arange(self.n) - self.starts[self.index]


def _session_arrays(sessions: pd.DataFrame, function: str) -> _Sessions:
    """Validate a sessionized frame (grouped by session, in click order) and get its arrays."""
    return _Sessions(sessions, function)


def _service_mask(names: pd.Index, services: Iterable[str] | None) -> np.ndarray:
    """Return, for each page code, whether the page is a service."""
    if services is None:
        return np.ones(len(names), dtype=bool)
    wanted = set(services)
    return np.array([name in wanted for name in names], dtype=bool)


def _per_session_sum(flags: np.ndarray, s: _Sessions) -> np.ndarray:
    """Sum of a 0/1 array over each session, through one cumulative sum."""
    total = np.cumsum(flags, dtype=np.int64)
    return total[s.ends] - total[s.starts] + flags[s.starts]


def session_metrics(sessions: pd.DataFrame, services: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per session: how long, how many pages, which services, and whether a lookup.

    A session is a **lookup** when it uses exactly one service and ends on it: every service
    page of the session is the same service, and the session's last page is that service. Pages
    that are not services (the home portal, menus) may come before it.

    Parameters
    ----------
    sessions : DataFrame
        The output of :func:`sessionize` (or any frame with ``session_id`` and ``page``, each
        session's clicks together and in order; ``user_id`` and ``timestamp`` are optional).
    services : iterable of str, optional
        The pages that are services; by default every page is one.

    Returns
    -------
    DataFrame
        ``session_id``, ``user_id`` (if given), ``start`` and ``duration_s`` (seconds from the
        first to the last click; if timestamps are given), ``pages`` (clicks), ``first_page``,
        ``last_page``, ``services`` (distinct services used) and ``is_lookup``.

    Examples
    --------
    >>> sessions = pd.DataFrame({"session_id": [0, 0, 0, 1, 1, 2],
    ...     "page": ["home", "menu", "fines", "fines", "news", "home"]})
    >>> metrics = session_metrics(sessions, services=["fines", "news"])
    >>> metrics[["pages", "services", "is_lookup"]].to_numpy().tolist()
    [[3, 1, True], [2, 2, False], [1, 0, False]]
    """
    s = _session_arrays(sessions, "session_metrics")
    is_service = _service_mask(s.names, services)
    last = s.pages[s.ends]
    size = len(s.names)
    if size <= 64:
        # each session's set of services as a bit mask: OR over its clicks
        kind = np.uint32 if size <= 32 else np.uint64
        bit = np.where(is_service, kind(1) << np.arange(size, dtype=kind), kind(0)).astype(kind)
        used = np.bitwise_or.reduceat(bit[s.pages], s.starts)
        n_services = np.bitwise_count(used)
        is_lookup = is_service[last] & (used == bit[last])
    else:
        service_click = is_service[s.pages]
        other_service = service_click & (s.pages != last[s.index])
        is_lookup = is_service[last] & (_per_session_sum(other_service, s) == 0)
        width = _bits(size)
        pairs = (s.index[service_click].astype(np.int64) << width) | s.pages[service_click]
        pairs.sort()
        distinct = pairs[np.append(True, pairs[1:] != pairs[:-1])] if len(pairs) else pairs
        n_services = np.bincount(distinct >> width, minlength=len(s.starts))
    out = {"session_id": sessions["session_id"].to_numpy()[s.starts]}
    if "user_id" in sessions.columns:
        out["user_id"] = sessions["user_id"].to_numpy()[s.starts]
    if s.stamps is not None:
        out["start"] = sessions["timestamp"].array.take(s.starts)
        ticks = (s.stamps[s.ends] - s.stamps[s.starts]).astype(np.float64)
        out["duration_s"] = ticks / _UNITS_PER_SECOND[s.unit]
    out["pages"] = s.lengths
    out["first_page"] = pd.Categorical.from_codes(s.pages[s.starts], categories=s.names)
    out["last_page"] = pd.Categorical.from_codes(last, categories=s.names)
    out["services"] = n_services.astype(_smallest_int(int(n_services.max(initial=0))))
    out["is_lookup"] = is_lookup
    return pd.DataFrame(out, copy=False)


def _count_codes(codes: np.ndarray, size: int) -> np.ndarray:
    """How often each of 0..size-1 occurs in ``codes``, block by block (little memory)."""
    counts = np.zeros(size, dtype=np.int64)
    for i in range(0, len(codes), _CHUNK):
        counts += np.bincount(codes[i:i + _CHUNK], minlength=size)[:size]
    return counts


def relabel_pages(
    sessions: pd.DataFrame, mapping: Mapping[str, str], other: str | None = None
) -> pd.DataFrame:
    """Give pages coarser labels (for example services by menu), keeping the click order.

    Parameters
    ----------
    sessions : DataFrame
        Any frame with a ``page`` column (e.g. the output of :func:`sessionize`).
    mapping : mapping of str to str
        New label of each page; the new labels keep the order in which they first appear in
        ``mapping``.
    other : str, optional
        Label of pages not in ``mapping``; by default they keep their own name.

    Returns
    -------
    DataFrame
        A copy of ``sessions`` whose ``page`` is categorical over the new labels.

    Examples
    --------
    >>> frame = pd.DataFrame({"page": ["home", "fines", "news", "parking"]})
    >>> relabel_pages(frame, {"home": "home", "fines": "services"}, other="other")[
    ...     "page"].tolist()
    ['home', 'services', 'other', 'other']
    """
    codes, names = _page_codes(sessions["page"])
    labels = [mapping.get(name, name if other is None else other) for name in names]
    order = list(dict.fromkeys([*mapping.values(), *labels]))
    order = [label for label in order if label in set(labels)]
    position = {label: number for number, label in enumerate(order)}
    remap = np.array([position[label] for label in labels], dtype=_smallest_int(len(order)))
    page = pd.Categorical.from_codes(remap[codes], categories=order)
    return sessions.assign(page=page)


def page_views(sessions: pd.DataFrame) -> pd.Series:
    """Count views (clicks) per page, largest first.

    Examples
    --------
    >>> page_views(pd.DataFrame({"page": ["a", "b", "a"]})).to_dict()
    {'a': 2, 'b': 1}
    """
    codes, names = _page_codes(sessions["page"])
    counts = _count_codes(codes, len(names))
    views = pd.Series(counts, index=pd.Index(names, name="page"), name="views")
    return views.sort_values(ascending=False, kind="stable")


# --------------------------------------------------------------------------------------------
# Utilisation
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Utilisation:
    """How traffic is spread over items (services, page categories, web sites).

    Attributes
    ----------
    table : DataFrame
        One row per item, most used first: ``item``, ``count``, ``share``, ``cumulative_share``.
    lorenz : DataFrame
        The Lorenz curve: ``share_of_items`` (least used first) and ``share_of_traffic``,
        from (0, 0) to (1, 1).
    gini : float
        Gini coefficient of the counts: 0 when every item has the same traffic, approaching 1
        when one item has it all.
    under_1pct : int
        Items with less than 1% of the traffic.
    share_under_1pct : float
        ``under_1pct`` as a share of the items.
    top_share : float
        Share of traffic of the most used tenth of the items (at least one item).
    """

    table: pd.DataFrame
    lorenz: pd.DataFrame
    gini: float
    under_1pct: int
    share_under_1pct: float
    top_share: float


def _gini(values: np.ndarray) -> float:
    """Gini coefficient of non-negative values (0: equal; close to 1: concentrated)."""
    ordered = np.sort(np.asarray(values, dtype=float))
    n, total = len(ordered), ordered.sum()
    if n == 0 or total == 0:
        return float("nan")
    ranks = np.arange(1, n + 1)
    return float(2 * np.sum(ranks * ordered) / (n * total) - (n + 1) / n)


def utilisation(counts: pd.Series) -> Utilisation:
    """Traffic shares, Lorenz curve, Gini coefficient and the items under 1% of traffic.

    Parameters
    ----------
    counts : Series
        Traffic per item (views per service, visits per web site), indexed by item.

    Returns
    -------
    Utilisation

    Examples
    --------
    >>> usage = utilisation(pd.Series({"a": 97, "b": 2, "c": 1}))
    >>> round(usage.gini, 3), usage.under_1pct, usage.table["item"].tolist()
    (0.64, 0, ['a', 'b', 'c'])
    >>> utilisation(pd.Series({"a": 5, "b": 5})).gini
    0.0
    """
    values = counts.astype(float)
    if (values < 0).any() or values.sum() <= 0:
        raise ValueError("counts must be non-negative with a positive total")
    table = (
        pd.DataFrame({"item": counts.index.astype(str), "count": counts.to_numpy()})
        .sort_values("count", ascending=False, kind="stable")
        .reset_index(drop=True)
    )
    table["share"] = table["count"] / table["count"].sum()
    table["cumulative_share"] = table["share"].cumsum()
    ascending = np.sort(values.to_numpy())
    n = len(ascending)
    lorenz = pd.DataFrame(
        {
            "share_of_items": np.arange(n + 1) / n,
            "share_of_traffic": np.append(0.0, np.cumsum(ascending) / ascending.sum()),
        }
    )
    under = int((table["share"] < 0.01).sum())
    top = max(1, int(np.ceil(n / 10)))
    return Utilisation(
        table=table,
        lorenz=lorenz,
        gini=_gini(ascending),
        under_1pct=under,
        share_under_1pct=under / n,
        top_share=float(table["share"].iloc[:top].sum()),
    )


# --------------------------------------------------------------------------------------------
# Movements
# --------------------------------------------------------------------------------------------

EXIT = "(exit)"
ENTRY = "(entry)"


def transition_matrix(
    sessions: pd.DataFrame,
    *,
    exit: bool = True,  # noqa: A002 - the name readers expect
    entry: bool = False,
    normalise: bool = True,
) -> pd.DataFrame:
    """First-order transitions: where users go next from each page, within a session.

    Parameters
    ----------
    sessions : DataFrame
        The output of :func:`sessionize` (``session_id``, ``page``, in click order).
    exit : bool
        Add an ``(exit)`` column: the session ended on this page.
    entry : bool
        Add an ``(entry)`` row: the pages sessions start on.
    normalise : bool
        Divide each row by its total, so that rows are probabilities summing to 1; otherwise
        return the counts.

    Returns
    -------
    DataFrame
        Rows: the page moved from (pages never seen, and so with nothing to count, are left
        out); columns: the page moved to (and ``(exit)``).

    Examples
    --------
    >>> sessions = pd.DataFrame({"session_id": [0, 0, 0, 1, 1],
    ...                          "page": ["home", "fines", "fines", "home", "news"]})
    >>> transition_matrix(sessions).loc["home"].to_dict()
    {'fines': 0.5, 'home': 0.0, 'news': 0.5, '(exit)': 0.0}
    """
    s = _session_arrays(sessions, "transition_matrix")
    size = len(s.names)
    width = size + 1
    pair = s.pages[:-1].astype(_smallest_int(size * width))
    pair *= width
    pair += s.pages[1:]
    pair[s.starts[1:] - 1] = size * width  # from a session's last click to the next: no move
    counts = _count_codes(pair, size * width + 1)[: size * width].reshape(size, width)
    counts[:, size] = _count_codes(s.pages[s.ends], size)
    codes = s.pages
    names = list(s.names)
    table = pd.DataFrame(counts, index=pd.Index(names, name="from"),
                         columns=pd.Index([*names, EXIT], name="to"))
    if entry:
        first = np.bincount(codes[s.starts], minlength=width)
        first[size] = 0
        table = pd.concat([pd.DataFrame([first], index=[ENTRY], columns=table.columns), table])
        table.index.name = "from"
    if not exit:
        table = table.drop(columns=EXIT)
    table = table[table.sum(axis=1) > 0]
    if normalise:
        table = table.div(table.sum(axis=1), axis=0)
    return table


def common_paths(sessions: pd.DataFrame, n: int = 10, max_pages: int = 8) -> pd.DataFrame:
    """Find the most frequent complete sessions, as page sequences.

    Parameters
    ----------
    sessions : DataFrame
        The output of :func:`sessionize`.
    n : int
        How many paths to return.
    max_pages : int
        Only sessions of at most this many pages are ranked (shares stay shares of all
        sessions).

    Returns
    -------
    DataFrame
        ``path`` (pages joined by ``" > "``), ``pages``, ``sessions`` and ``share`` (of all
        sessions), most frequent first.

    Examples
    --------
    >>> sessions = pd.DataFrame({"session_id": [0, 0, 1, 1, 2],
    ...                          "page": ["home", "fines", "home", "fines", "news"]})
    >>> common_paths(sessions, n=2)[["path", "sessions"]].to_numpy().tolist()
    [['home > fines', 2], ['news', 1]]
    """
    s = _session_arrays(sessions, "common_paths")
    base = len(s.names) + 1
    if base**max_pages >= 2**53:  # sums of float64 weights are exact below 2**53
        raise ValueError(f"max_pages={max_pages} is too long to encode {base - 1} pages")
    short = s.lengths <= max_pages
    keep = short[s.index]
    step = np.arange(s.n) - s.starts[s.index]
    digits = (s.pages[keep].astype(np.int64) + 1) * base ** step[keep].astype(np.int64)
    codes = np.bincount(s.index[keep], weights=digits, minlength=len(s.starts))
    values, counts = np.unique(codes[short].astype(np.int64), return_counts=True)
    order = np.argsort(-counts, kind="stable")[:n]
    rows = []
    names = np.asarray(s.names, dtype=object)
    for value, count in zip(values[order], counts[order], strict=True):
        path = []
        while value:
            value, digit = divmod(int(value), base)
            path.append(names[digit - 1])
        rows.append((" > ".join(path), len(path), int(count)))
    table = pd.DataFrame(rows, columns=["path", "pages", "sessions"])
    table["share"] = table["sessions"] / len(s.starts)
    return table.reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Wayfinding from the home portal
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wayfinding:
    """How visitors who start at the home portal find (or fail to find) a service.

    Attributes
    ----------
    per_session : DataFrame
        One row per session that starts at the home portal: ``session_id``, ``user_id`` (if
        known), ``reached`` (a service), ``steps`` (clicks from home to the first service),
        ``shortest`` (fewest clicks to that service), ``detour_ratio`` (steps / shortest),
        ``off_path`` (gave up, or took more than the fewest clicks), ``back_and_forth``
        (went to a page and straight back, A > B > A, before the first service) and
        ``abandoned`` (no service at all).
    reach : DataFrame
        ``steps`` k = 1, 2, ... and ``reached`` (share of these sessions at a service within k
        clicks of the home portal).
    sessions : int
        Sessions that start at the home portal.
    detour_ratio : float
        Mean detour ratio of the sessions that reach a service (1: always the shortest path).
    off_path : float
        Share of sessions that give up or take a longer path than the menu's shortest.
    back_and_forth : float
        Share of sessions with an A > B > A movement before their first service.
    abandonment : float
        Share of sessions that reach no service.
    """

    per_session: pd.DataFrame
    reach: pd.DataFrame
    sessions: int
    detour_ratio: float
    off_path: float
    back_and_forth: float
    abandonment: float


def wayfinding(
    sessions: pd.DataFrame,
    *,
    home: str,
    services: Iterable[str],
    shortest: Mapping[str, int] | pd.Series | None = None,
    max_steps: int = 10,
) -> Wayfinding:
    """Wayfinding from the home portal: reach, detours, back-and-forth and abandonment.

    Only sessions whose first page is ``home`` count. For each, the first service page is
    found; the number of clicks from home to it is compared with the fewest the menu allows.

    Parameters
    ----------
    sessions : DataFrame
        The output of :func:`sessionize`.
    home : str
        The home portal's page name.
    services : iterable of str
        The pages that are services.
    shortest : mapping or Series, optional
        Fewest clicks from home to each service (:func:`shortest_steps`). Without it, detour
        ratio and off-path share are not computed (NaN).
    max_steps : int
        Largest k of the reach curve.

    Returns
    -------
    Wayfinding

    Examples
    --------
    >>> sessions = pd.DataFrame({"session_id": [0, 0, 0, 1, 1, 1, 1, 1, 2, 2],
    ...     "page": ["home", "m1", "fines", "home", "m2", "home", "m1", "fines",
    ...              "home", "m2"]})
    >>> way = wayfinding(sessions, home="home", services=["fines"], shortest={"fines": 2})
    >>> way.per_session["steps"].tolist(), way.detour_ratio, round(way.abandonment, 3)
    ([2.0, 4.0, nan], 1.5, 0.333)
    """
    s = _session_arrays(sessions, "wayfinding")
    names = list(s.names)
    if home not in names:
        raise DataError(
            "the home page never occurs in the clicks", column="page",
            expected=f"a page named {home!r}", found=f"{len(names)} other pages",
        )
    home_code = names.index(home)
    is_service = _service_mask(s.names, services)
    from_home = s.pages[s.starts] == home_code
    service_click = is_service[s.pages]
    before = np.cumsum(service_click, dtype=np.int64) - service_click
    seen = before - before[s.starts][s.index]  # services earlier in the same session
    first_service = service_click & (seen == 0)
    where = np.flatnonzero(first_service)
    step = np.arange(s.n) - s.starts[s.index]
    steps = np.full(len(s.starts), np.nan)
    first_page = np.full(len(s.starts), -1)
    steps[s.index[where]] = step[where]
    first_page[s.index[where]] = s.pages[where]
    reached = first_page >= 0
    # A > B > A before the first service (or anywhere, if none is reached)
    pattern = np.zeros(s.n, dtype=bool)
    pattern[2:] = (
        (s.pages[2:] == s.pages[:-2])
        & (s.pages[2:] != s.pages[1:-1])
        & (s.index[2:] == s.index[:-2])
        & (seen[2:] == 0)
        & ~service_click[2:]
    )
    back = _per_session_sum(pattern, s) > 0
    fewest = np.full(len(s.starts), np.nan)
    if shortest is not None:
        lookup = np.array([shortest.get(name, np.nan) for name in names], dtype=float)
        fewest[reached] = lookup[first_page[reached]]
    chosen = np.flatnonzero(from_home)
    table = pd.DataFrame({"session_id": sessions["session_id"].to_numpy()[s.starts][chosen]})
    if "user_id" in sessions.columns:
        table["user_id"] = sessions["user_id"].to_numpy()[s.starts][chosen]
    table["reached"] = reached[chosen]
    table["steps"] = steps[chosen]
    table["shortest"] = fewest[chosen]
    table["detour_ratio"] = table["steps"] / table["shortest"]
    if shortest is None:
        table["off_path"] = np.nan
    else:
        table["off_path"] = (~table["reached"]) | (table["steps"] > table["shortest"])
    table["back_and_forth"] = back[chosen]
    table["abandoned"] = ~table["reached"]
    count = len(table)
    reach = pd.DataFrame({"steps": np.arange(1, max_steps + 1)})
    reach["reached"] = [
        float((table["steps"] <= k).mean()) if count else np.nan for k in reach["steps"]
    ]

    def mean(column: str) -> float:
        return float(table[column].astype(float).mean()) if count else float("nan")

    return Wayfinding(
        per_session=table,
        reach=reach,
        sessions=count,
        detour_ratio=float(table["detour_ratio"].mean()) if count else float("nan"),
        off_path=mean("off_path"),
        back_and_forth=mean("back_and_forth"),
        abandonment=mean("abandoned"),
    )


# --------------------------------------------------------------------------------------------
# Card sorting
# --------------------------------------------------------------------------------------------


def co_occurrence(card_sort: pd.DataFrame) -> pd.DataFrame:
    """Share of participants who put each pair of cards into the same group.

    Parameters
    ----------
    card_sort : DataFrame
        One row per participant and card: ``participant``, ``card``, ``group``.

    Returns
    -------
    DataFrame
        A symmetric card-by-card matrix with ones on the diagonal (cards in order of first
        appearance).

    Examples
    --------
    >>> sort = pd.DataFrame({"participant": ["p", "p", "p", "q", "q", "q"],
    ...                      "card": ["a", "b", "c"] * 2, "group": ["x", "x", "y", "u", "v", "v"]})
    >>> co_occurrence(sort).loc["a"].tolist()
    [1.0, 0.5, 0.0]
    """
    _check_columns(card_sort, ("participant", "card", "group"), "co_occurrence")
    cards = pd.Index(pd.unique(card_sort["card"]), name="card")
    group_of = card_sort["participant"].astype(str) + "\x1f" + card_sort["group"].astype(str)
    group_codes, groups = pd.factorize(group_of)
    card_codes = cards.get_indexer(card_sort["card"])
    onehot = np.zeros((len(cards), len(groups)))
    onehot[card_codes, group_codes] = 1.0
    together = onehot @ onehot.T
    participants = card_sort["participant"].nunique()
    return pd.DataFrame(together / participants, index=cards, columns=cards.rename(None))


@dataclass(frozen=True)
class CardClusters:
    """Hierarchical clusters of the cards.

    Attributes
    ----------
    linkage : ndarray
        scipy's linkage matrix (average linkage on the distance 1 - co-occurrence).
    labels : Series
        Cluster number (1, 2, ...) of each card, indexed by card.
    leaves : list of str
        The cards in the dendrogram's order.
    n_groups : int
        Number of clusters the tree was cut into.
    """

    linkage: np.ndarray
    labels: pd.Series
    leaves: list[str]
    n_groups: int


def cluster_cards(co: pd.DataFrame, n_groups: int) -> CardClusters:
    """Cluster the cards hierarchically (average linkage) and cut the tree into groups.

    Parameters
    ----------
    co : DataFrame
        The co-occurrence matrix (:func:`co_occurrence`).
    n_groups : int
        How many groups to cut the tree into.

    Returns
    -------
    CardClusters

    Examples
    --------
    >>> co = pd.DataFrame([[1, .9, .1], [.9, 1, .2], [.1, .2, 1]],
    ...                   index=list("abc"), columns=list("abc"))
    >>> cluster_cards(co, 2).labels.tolist()
    [1, 1, 2]
    """
    distance = 1 - co.to_numpy(dtype=float)
    np.fill_diagonal(distance, 0)
    linkage = hierarchy.linkage(squareform(distance, checks=False), method="average")
    raw = hierarchy.fcluster(linkage, t=n_groups, criterion="maxclust")
    # number the clusters in order of first appearance in the card list
    _, first = np.unique(raw, return_index=True)
    renumber = {cluster: rank + 1 for rank, cluster in enumerate(raw[np.sort(first)])}
    labels = pd.Series([renumber[c] for c in raw], index=co.index, name="cluster")
    leaves = [co.index[i] for i in hierarchy.leaves_list(linkage)]
    return CardClusters(linkage, labels, leaves, int(labels.nunique()))


def proposed_menu(card_sort: pd.DataFrame, clusters: CardClusters) -> pd.DataFrame:
    """Turn the card clusters into a menu, each named by the label participants used most.

    Examples
    --------
    >>> sort = pd.DataFrame({"participant": ["p", "p", "q", "q"], "card": ["a", "b"] * 2,
    ...                      "group": ["Pay", "Check", "Pay", "Look up"]})
    >>> clusters = CardClusters(np.zeros((1, 4)), pd.Series({"a": 1, "b": 2}), ["a", "b"], 2)
    >>> proposed_menu(sort, clusters)["menu item"].tolist()
    ['Pay', 'Check']
    """
    rows = []
    used: dict[str, int] = {}
    for cluster in sorted(clusters.labels.unique()):
        cards = clusters.labels.index[clusters.labels == cluster].tolist()
        labels = card_sort.loc[card_sort["card"].isin(cards), "group"]
        name = labels.value_counts().sort_index().sort_values(ascending=False, kind="stable")
        name = str(name.index[0])
        used[name] = used.get(name, 0) + 1
        if used[name] > 1:
            name = f"{name} ({used[name]})"
        rows.append((name, len(cards), ", ".join(cards)))
    return pd.DataFrame(rows, columns=["menu item", "services", "cards"])


def participant_models(card_sort: pd.DataFrame, menu: pd.DataFrame) -> pd.DataFrame:
    """How close each participant's sort is to the current menu and to the task groups.

    Parameters
    ----------
    card_sort : DataFrame
        ``participant``, ``card``, ``group``.
    menu : DataFrame
        :func:`menu_table` (services with their ``menu`` and ``task``).

    Returns
    -------
    DataFrame
        ``participant``, ``ari_menu`` and ``ari_task`` (adjusted Rand index of the
        participant's groups with the menu and with the task groups), and ``closer_to``.

    Examples
    --------
    >>> data = simulate(3, n_records=1_000)
    >>> table = participant_models(data.card_sort, data.menu)
    >>> table.columns.tolist()
    ['participant', 'ari_menu', 'ari_task', 'closer_to']
    """
    services = menu[menu["kind"] == "service"].set_index("page")
    rows = []
    for participant, sort in card_sort.groupby("participant", sort=True):
        groups = sort.set_index("card")["group"]
        cards = groups.index
        ari_menu = adjusted_rand_score(services.loc[cards, "menu"], groups)
        ari_task = adjusted_rand_score(services.loc[cards, "task"], groups)
        rows.append((participant, ari_menu, ari_task, "task" if ari_task > ari_menu else "menu"))
    return pd.DataFrame(rows, columns=["participant", "ari_menu", "ari_task", "closer_to"])


# --------------------------------------------------------------------------------------------
# Did we recover it?
# --------------------------------------------------------------------------------------------


def _bootstrap(
    rng: np.random.Generator, per_user: np.ndarray, reps: int, chunk: int = 50
) -> np.ndarray:
    """Sum per-user columns over ``reps`` bootstrap samples of users (Poisson weights).

    ``per_user`` has one row per user; the result has one row per replicate. Resampling whole
    users keeps each user's sessions together, as they are not independent of each other.
    """
    values = per_user.astype(np.float32)
    sums = []
    for done in range(0, reps, chunk):
        weights = rng.poisson(1.0, size=(min(chunk, reps - done), len(values)))
        sums.append(weights.astype(np.float32) @ values)
    return np.concatenate(sums).astype(float)


def _per_user(users: pd.Index, frame: pd.DataFrame, columns: Iterable[str]) -> np.ndarray:
    """Per-user sums of ``columns`` of ``frame`` and its row count (the last column)."""
    codes = users.get_indexer(frame["user_id"])
    out = [np.bincount(codes, weights=frame[c].astype(float).to_numpy(), minlength=len(users))
           for c in columns]
    out.append(np.bincount(codes, minlength=len(users)).astype(float))
    return np.column_stack(out)


def _popularity_slope(views: np.ndarray, log_rank: np.ndarray) -> np.ndarray:
    """Minus the least-squares slope of log(views + 0.5) on log(rank), for each row."""
    y = np.log(views + 0.5)
    x = log_rank - log_rank.mean()
    return -((y - y.mean(axis=-1, keepdims=True)) @ x) / (x @ x)


def _wilson(successes: int, n: int) -> tuple[float, float]:
    """Wilson score 95% interval of a proportion."""
    if n == 0:
        return float("nan"), float("nan")
    z = 1.959963984540054
    p = successes / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    return float(max(0.0, centre - half)), float(min(1.0, centre + half))


def way_first_services(sessions: pd.DataFrame, services: Iterable[str]) -> pd.DataFrame:
    """Find the first service of every session that reaches one.

    Returns
    -------
    DataFrame
        ``session_id``, ``user_id`` (if known) and ``service``, one row per session that
        reaches a service.

    Examples
    --------
    >>> sessions = pd.DataFrame({"session_id": [0, 0, 1], "page": ["home", "fines", "home"]})
    >>> way_first_services(sessions, ["fines"])["service"].tolist()
    ['fines']
    """
    s = _session_arrays(sessions, "way_first_services")
    service_click = _service_mask(s.names, services)[s.pages]
    before = np.cumsum(service_click, dtype=np.int64) - service_click
    first = np.flatnonzero(service_click & (before == before[s.starts][s.index]))
    out = {"session_id": sessions["session_id"].to_numpy()[first]}
    if "user_id" in sessions.columns:
        out["user_id"] = sessions["user_id"].to_numpy()[first]
    out["service"] = np.asarray(s.names)[s.pages[first]]
    return pd.DataFrame(out)


def recovery_table(
    data: ClickstreamData,
    sessions: pd.DataFrame,
    metrics: pd.DataFrame,
    way: Wayfinding,
    *,
    seed: int = 0,
    reps: int = 400,
) -> pd.DataFrame:
    """Planted behaviour against what the log and the card sort show, with 95% intervals.

    Intervals of the log measures come from one bootstrap that resamples users (all sessions
    of a user together, Poisson weights, ``reps`` replicates, percentile intervals); the
    card-sort interval is Wilson's for a proportion.

    Rows: the share of sessions that are lookups (planted: lookups that did not give up,
    :meth:`Effects.expected_lookup_share`); the popularity exponent (minus the least-squares
    slope of log views on log planted rank, counting the first service of each session); the
    share of home-portal sessions that leave the shortest path (planted: ``wander``); the share
    of home-portal sessions that reach no service (planted: ``wander * give_up``); the share of
    card-sort participants whose sort is closer to the task groups than to the menu (planted:
    ``task_sorting``).

    Returns
    -------
    DataFrame
        ``quantity``, ``planted``, ``measured``, ``ci_low``, ``ci_high`` and ``covered``.

    Examples
    --------
    >>> data = simulate(5, n_records=20_000)
    >>> run = analyse(data, reps=100)
    >>> run.recovery["quantity"].tolist()[:2]
    ['lookup share of sessions', 'popularity exponent']
    """
    rng = np.random.default_rng(seed)
    effects = data.effects
    users = pd.Index(pd.unique(metrics["user_id"]))
    services = data.menu[data.menu["kind"] == "service"]
    names = pd.Index(services["page"])
    first = way_first_services(sessions, names)
    views = np.zeros((len(users), len(names)))
    np.add.at(views, (users.get_indexer(first["user_id"]), names.get_indexer(first["service"])),
              1.0)
    table = way.per_session
    blocks = [
        _per_user(users, metrics, ["is_lookup"]),  # lookups, sessions
        _per_user(users, table, ["off_path", "abandoned"]),  # off path, none, home sessions
        views,
    ]
    observed = np.concatenate([block.sum(axis=0) for block in blocks])
    replicate = _bootstrap(rng, np.column_stack(blocks), reps)
    log_rank = np.log(services["rank"].to_numpy(dtype=float))

    def estimates(sums: np.ndarray) -> np.ndarray:
        lookup = sums[..., 0] / sums[..., 1]
        off_path = sums[..., 2] / sums[..., 4]
        abandoned = sums[..., 3] / sums[..., 4]
        exponent = _popularity_slope(sums[..., 5:], log_rank)
        return np.stack([lookup, exponent, off_path, abandoned], axis=-1)

    measured = estimates(observed)
    low, high = np.percentile(estimates(replicate), [2.5, 97.5], axis=0)
    planted = [
        effects.expected_lookup_share(),
        effects.concentration,
        effects.wander,
        effects.wander * effects.give_up,
    ]
    labels = [
        "lookup share of sessions",
        "popularity exponent",
        "home portal: share off the shortest path",
        "home portal: share reaching no service",
    ]
    rows = [
        (label, p, float(m), float(lo), float(hi))
        for label, p, m, lo, hi in zip(labels, planted, measured, low, high, strict=True)
    ]
    sorters = participant_models(data.card_sort, data.menu)
    task = int((sorters["closer_to"] == "task").sum())
    rows.append(
        ("card sort: share sorting by task", effects.task_sorting, task / len(sorters),
         *_wilson(task, len(sorters)))
    )
    out = pd.DataFrame(rows, columns=["quantity", "planted", "measured", "ci_low", "ci_high"])
    out["covered"] = (out["ci_low"] <= out["planted"] + 1e-12) & (
        out["planted"] - 1e-12 <= out["ci_high"]
    )
    return out


LOOKUP_TOOL = 0.5
"""Scorecard threshold: a lookup tool when more than half of the sessions are lookups."""
UNDERUSED = 0.5
"""Scorecard threshold: most services underutilised when more than half get under 1%."""
OFF_PATH = 0.10
"""Scorecard threshold: wayfinding fails when over 10% of home-portal visits leave the path."""
MENU_MISMATCH = 0.5
"""Scorecard threshold: the menu does not match users' sorting when the ARI is below 0.5."""


def scorecard(
    metrics: pd.DataFrame, usage: Utilisation, way: Wayfinding, card_ari: float | None
) -> pd.DataFrame:
    """Set the study's findings against what the log (and the card sort) show.

    A finding counts as found when: more than half of the sessions are lookups
    (:data:`LOOKUP_TOOL`); more than half of the services get under 1% of the service traffic
    (:data:`UNDERUSED`); more than 10% of the sessions starting at the home portal give up or
    take a longer path than the menu's shortest (:data:`OFF_PATH`); the card sort's clusters
    agree poorly with the current menu, adjusted Rand index below 0.5 (:data:`MENU_MISMATCH`).

    Parameters
    ----------
    metrics : DataFrame
        :func:`session_metrics`.
    usage : Utilisation
        :func:`utilisation` of the service page views.
    way : Wayfinding
        :func:`wayfinding`.
    card_ari : float or None
        Adjusted Rand index between the card-sort clusters and the current menu (None: no card
        sort, the row is left out).

    Returns
    -------
    DataFrame
        ``finding``, ``what we found``, ``found?``.

    Examples
    --------
    >>> run = analyse(simulate(5, n_records=20_000), reps=50)
    >>> run.scorecard["found?"].tolist()
    ['yes', 'yes', 'yes', 'yes']
    """
    lookup = float(metrics["is_lookup"].mean())
    rows = [
        (
            "Used mainly as a lookup tool",
            f"{lookup:.0%} of sessions are lookups (one service, then leave)",
            lookup > LOOKUP_TOOL,
        ),
        (
            "Most services underutilised",
            f"{usage.under_1pct} of {len(usage.table)} services get under 1% of service "
            f"views; Gini {usage.gini:.2f}",
            usage.share_under_1pct > UNDERUSED,
        ),
    ]
    if np.isnan(way.off_path):
        found = f"{way.abandonment:.0%} of home-portal sessions reach no service"
        rows.append(("Home portals fail to support wayfinding", found, way.abandonment > 0.05))
    else:
        rows.append(
            (
                "Home portals fail to support wayfinding",
                f"{way.off_path:.0%} of home-portal sessions leave the shortest path, "
                f"{way.abandonment:.0%} reach no service",
                way.off_path > OFF_PATH,
            )
        )
    if card_ari is not None:
        rows.append(
            (
                "Deficiencies in information architecture (card sort)",
                f"users' groups against the current menu: adjusted Rand index {card_ari:.2f}",
                card_ari < MENU_MISMATCH,
            )
        )
    table = pd.DataFrame(rows, columns=["finding", "what we found", "found?"])
    table["found?"] = np.where(table["found?"], "yes", "no")
    return table


@dataclass(frozen=True)
class Analysis:
    """Every step of the chapter's analysis of one simulated log.

    Attributes
    ----------
    sessions, metrics : DataFrame
        :func:`sessionize` and :func:`session_metrics`.
    usage : Utilisation
        Utilisation of the service page views.
    way : Wayfinding
        Wayfinding from the home portal.
    clusters : CardClusters
        The card sort's clusters.
    card_ari : float
        Adjusted Rand index between the clusters and the current menu.
    recovery, scorecard : DataFrame
        :func:`recovery_table` and :func:`scorecard`.
    """

    sessions: pd.DataFrame
    metrics: pd.DataFrame
    usage: Utilisation
    way: Wayfinding
    clusters: CardClusters
    card_ari: float
    recovery: pd.DataFrame
    scorecard: pd.DataFrame


def service_names(menu: pd.DataFrame) -> list[str]:
    """Return the pages of ``menu`` that are services.

    Examples
    --------
    >>> len(service_names(menu_table()))
    27
    """
    return menu.loc[menu["kind"] == "service", "page"].tolist()


def typical_groups(card_sort: pd.DataFrame) -> int:
    """Return the median number of groups participants made: how many menu items to cut.

    Examples
    --------
    >>> typical_groups(pd.DataFrame({"participant": ["p", "p", "q"], "group": ["a", "b", "a"]}))
    2
    """
    return int(np.round(card_sort.groupby("participant")["group"].nunique().median()))


def analyse(
    data: ClickstreamData, *, timeout: str = "30min", seed: int = 0, reps: int = 400
) -> Analysis:
    """Run the chapter's whole analysis on a simulated log: sessions to scorecard.

    Examples
    --------
    >>> run = analyse(simulate(5, n_records=20_000), reps=50)
    >>> bool(run.recovery["covered"].all())
    True
    """
    services = service_names(data.menu)
    sessions = sessionize(data.clicks, timeout=timeout)
    metrics = session_metrics(sessions, services=services)
    usage = utilisation(page_views(sessions).reindex(services, fill_value=0))
    way = wayfinding(
        sessions, home=HOME, services=services, shortest=shortest_steps(data.menu)
    )
    clusters = cluster_cards(co_occurrence(data.card_sort), typical_groups(data.card_sort))
    current = data.menu.set_index("page").loc[clusters.labels.index, "menu"]
    card_ari = float(adjusted_rand_score(current, clusters.labels))
    recovery = recovery_table(data, sessions, metrics, way, seed=seed, reps=reps)
    return Analysis(
        sessions, metrics, usage, way, clusters, card_ari, recovery,
        scorecard(metrics, usage, way, card_ari),
    )


def falsification(seed: int, scale: Scale = "teaching", *, reps: int = 400) -> Analysis:
    """Run the whole analysis on a simulated world with every planted effect set to zero.

    Examples
    --------
    >>> run = falsification(5, reps=50)
    >>> run.scorecard["found?"].tolist()
    ['no', 'no', 'no', 'no']
    """
    return analyse(simulate(seed, scale, effects=Effects.none()), seed=seed, reps=reps)


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


def lorenz_figure(curves: Mapping[str, pd.DataFrame]) -> Figure:
    """Lorenz curves of traffic, one line per named curve, with the line of equality.

    Parameters
    ----------
    curves : mapping of str to DataFrame
        ``Utilisation.lorenz`` tables, by label.

    Examples
    --------
    >>> fig = lorenz_figure({"toy": utilisation(pd.Series([1, 2, 7])).lorenz})
    >>> len(fig.axes[0].lines)
    2
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(5.6, 4.6))
    ax.plot([0, 1], [0, 1], color="0.25", linestyle="--", linewidth=1, label="equal traffic")
    for colour, (label, curve) in zip(plots.PALETTE, curves.items(), strict=False):
        ax.plot(curve["share_of_items"], curve["share_of_traffic"], color=colour,
                linewidth=2, label=label)
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("Share of items, least used first (%)")
    ax.set_ylabel("Share of traffic (%)")
    ax.legend(loc="upper left")
    return fig


def reach_figure(curves: Mapping[str, pd.DataFrame], shortest: int | None = 2) -> Figure:
    """Share of home-portal sessions at a service within k clicks, one line per curve.

    Parameters
    ----------
    curves : mapping of str to DataFrame
        ``Wayfinding.reach`` tables, by label.
    shortest : int, optional
        Where to draw the menu's depth (clicks from home to a service through a menu).

    Examples
    --------
    >>> reach = pd.DataFrame({"steps": [1, 2, 3], "reached": [0.2, 0.7, 0.8]})
    >>> fig = reach_figure({"toy": reach})
    >>> fig.axes[0].get_xlabel()
    'Clicks from the home portal (k)'
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots()
    if shortest is not None:
        ax.axvline(shortest, color="0.25", linestyle="--", linewidth=1)
        ax.annotate("menu depth", (shortest, 0.03), xytext=(4, 0),
                    textcoords="offset points", color="0.25")
    markers = ["o", "s", "^", "D"]
    for number, (label, curve) in enumerate(curves.items()):
        ax.step(curve["steps"], curve["reached"], where="post", linewidth=2,
                color=plots.PALETTE[(3 + number) % len(plots.PALETTE)]
                if number == 0 else plots.PALETTE[(number - 1) % len(plots.PALETTE)],
                marker=markers[number % len(markers)], markersize=4, label=label)
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.set_xticks(curves[next(iter(curves))]["steps"])
    ax.set_xlabel("Clicks from the home portal (k)")
    ax.set_ylabel("Sessions at a service within k (%)")
    ax.legend(loc="lower right")
    return fig


def matrix_heatmap(
    table: pd.DataFrame,
    *,
    xlabel: str,
    ylabel: str,
    colorbar_label: str,
    percent: bool = True,
    size: tuple[float, float] | None = None,
) -> Figure:
    """Draw a large matrix as a heatmap, without cell annotations.

    For matrices too large to print a number in every cell (page-to-page transitions of 17
    or more pages, card co-occurrence); small ones read better with
    :func:`govsocial.plots.share_heatmap`.

    Examples
    --------
    >>> fig = matrix_heatmap(pd.DataFrame([[0.5, 0.5], [1, 0]], index=list("ab"),
    ...                      columns=list("ab")), xlabel="To", ylabel="From",
    ...                      colorbar_label="Share (%)")
    >>> fig.axes[0].get_xlabel()
    'To'
    >>> plt.close(fig)
    """
    rows, columns = table.shape
    width, height = size or (2.8 + 0.26 * columns, 1.6 + 0.26 * rows)
    fig, ax = plt.subplots(figsize=(width, height))
    sns.heatmap(
        table.astype(float), cmap=plots.SEQUENTIAL, vmin=0.0, vmax=1.0 if percent else None,
        linewidths=0.3, linecolor="white", square=True, cbar_kws={"label": colorbar_label,
                                                                  "shrink": 0.7},
        xticklabels=True, yticklabels=True, ax=ax,
    )
    if percent:
        ax.collections[0].colorbar.ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.tick_params(axis="x", rotation=90, labelsize=9)
    ax.tick_params(axis="y", rotation=0, labelsize=9)
    return fig


def dendrogram_figure(clusters: CardClusters) -> Figure:
    """Draw the card-sort dendrogram, cards on the left, ``clusters.n_groups`` colours.

    Examples
    --------
    >>> co = pd.DataFrame([[1, .9, .1], [.9, 1, .2], [.1, .2, 1]],
    ...                   index=list("abc"), columns=list("abc"))
    >>> fig = dendrogram_figure(cluster_cards(co, 2))
    >>> fig.axes[0].get_xlabel()
    'Distance: 1 - share of participants grouping the cards together'
    >>> plt.close(fig)
    """
    n = len(clusters.labels)
    fig, ax = plt.subplots(figsize=(6.4, 1.0 + 0.24 * n))
    k = clusters.n_groups
    heights = clusters.linkage[:, 2]
    threshold = (heights[-k] + heights[-k + 1]) / 2 if 1 < k <= len(heights) else 0
    hierarchy.set_link_color_palette([c for c in plots.PALETTE[:6]])
    hierarchy.dendrogram(
        clusters.linkage,
        labels=clusters.labels.index.tolist(),
        orientation="right",
        color_threshold=threshold,
        above_threshold_color="0.35",
        leaf_font_size=10,
        ax=ax,
    )
    hierarchy.set_link_color_palette(None)
    ax.set_xlabel("Distance: 1 - share of participants grouping the cards together")
    ax.set_ylabel("Service card")
    ax.grid(axis="y", visible=False)
    return fig
