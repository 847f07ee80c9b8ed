"""The card sort: co-occurrence, hierarchical clustering, a proposed menu, sorters' models.

An open card sort asks participants to put the service cards into groups of their own and name
them. :func:`co_occurrence` counts how often two cards share a group, :func:`cluster_cards`
clusters the cards (average linkage, scipy) and cuts the tree into :func:`typical_groups`
groups, :func:`proposed_menu` names the clusters, and :func:`participant_models` tells whether
each participant sorted like the current menu or by task.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.cluster import hierarchy
from scipy.spatial.distance import squareform

from ._common import _check_columns

__all__ = [
    "CardClusters",
    "cluster_cards",
    "co_occurrence",
    "participant_models",
    "proposed_menu",
    "typical_groups",
]


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
    >>> from govsocial.clickstream import simulate
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
        ari_menu = _rand_index(services.loc[cards, "menu"], groups)
        ari_task = _rand_index(services.loc[cards, "task"], groups)
        rows.append((participant, ari_menu, ari_task, "task" if ari_task > ari_menu else "menu"))
    return pd.DataFrame(rows, columns=["participant", "ari_menu", "ari_task", "closer_to"])


def _rand_index(left: pd.Series, right: pd.Series) -> float:
    """Return the adjusted Rand index of two labelings (Hubert and Arabie), by pair counts.

    The same number as :func:`sklearn.metrics.adjusted_rand_score`, without its input checks,
    which cost most of the time of a card sort's analysis (two indices per participant).
    """
    a = pd.factorize(np.asarray(left))[0]
    b = pd.factorize(np.asarray(right))[0]
    table = np.zeros((a.max() + 1, b.max() + 1))
    np.add.at(table, (a, b), 1.0)

    def pairs(x: np.ndarray) -> float:
        return float((x * (x - 1) / 2).sum())

    together = pairs(table)
    rows, cols = pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    total = len(a) * (len(a) - 1) / 2
    expected = rows * cols / total if total else 0.0
    largest = (rows + cols) / 2
    if largest == expected:
        return 1.0
    return (together - expected) / (largest - expected)


def typical_groups(card_sort: pd.DataFrame) -> int:
    """Return the median number of groups participants made: how many menu items to cut.

    Examples
    --------
    >>> typical_groups(pd.DataFrame({"participant": ["p", "p", "q"], "group": ["a", "b", "a"]}))
    2
    """
    return int(np.round(card_sort.groupby("participant")["group"].nunique().median()))
