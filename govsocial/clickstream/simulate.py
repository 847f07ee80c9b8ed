"""The fictional bureau and its simulated log: menu, planted behaviour, simulator, card sort.

The study's two-month log (Jiang et al., 2021) is not public, so :func:`simulate` writes the log
of a *fictional* bureau, the Quillhaven City Traffic Management Bureau, with planted behaviour
(:class:`Effects`) in the directions the study reports: most visits are lookups, service
popularity is concentrated, and some visitors who start at the home portal wander between menus
before they find a service, or give up. It also simulates an open card sort of the bureau's
services, whose participants sort by their own tasks or by the current menu.

Examples
--------
>>> data = simulate(7, n_records=5_000)
>>> len(data.clicks), data.clicks["timestamp"].is_monotonic_increasing
(5000, True)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Literal

import numpy as np
import pandas as pd

__all__ = [
    "BUREAU",
    "FEATURED",
    "HOME",
    "MENUS",
    "PAPER_RECORDS",
    "SERVICES",
    "ClickstreamData",
    "Effects",
    "Scale",
    "menu_table",
    "simulate",
]


# --------------------------------------------------------------------------------------------
# The fictional bureau
# --------------------------------------------------------------------------------------------

Scale = Literal["teaching", "paper"]


BUREAU = "Quillhaven City Traffic Management Bureau"
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
_LOG_START = pd.Timestamp("2019-03-01", tz="UTC")  # a Friday, as 2030-03-01 was
_HOME_ENTRY = 0.45  # share of visits that enter at the home portal (the rest deep-link)
_MAX_SERVICES = 8
_MAX_WRONG_MENUS = 6
_MIN_SPACING_S = 31 * 60 + 60  # between one visit's last click and the next visit's first
_LONG_PAUSE = 0.03  # share of clicks after a long pause (filling in a form): 5 to 28 minutes


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

    def services_under_1pct(self) -> int:
        """Count the services whose planted popularity is under 1% of the visits' choices."""
        return int((_popularity(self) < 0.01).sum())

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
