"""Analysis of sessions: the menu's paths, utilisation, movements and wayfinding.

Pure functions, frames in and frames (or dataclasses) out: the fewest clicks the menu allows
(:func:`shortest_steps`), how traffic spreads over services (:func:`utilisation`), where users go
next (:func:`transition_matrix`, :func:`common_paths`) and how visitors who start at the home
portal find a service or give up (:func:`wayfinding`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from govsocial.schema import DataError

from ._common import (
    _count_codes,
    _per_session_sum,
    _service_mask,
    _session_arrays,
    _smallest_int,
)

__all__ = [
    "ENTRY",
    "EXIT",
    "Utilisation",
    "Wayfinding",
    "common_paths",
    "page_groups",
    "service_names",
    "shortest_steps",
    "transition_matrix",
    "utilisation",
    "way_first_services",
    "wayfinding",
]


# --------------------------------------------------------------------------------------------
# The menu
# --------------------------------------------------------------------------------------------

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
    >>> from govsocial.clickstream import menu_table
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
    >>> from govsocial.clickstream import menu_table
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


def service_names(menu: pd.DataFrame) -> list[str]:
    """Return the pages of ``menu`` that are services.

    Examples
    --------
    >>> from govsocial.clickstream import menu_table
    >>> len(service_names(menu_table()))
    27
    """
    return menu.loc[menu["kind"] == "service", "page"].tolist()


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
