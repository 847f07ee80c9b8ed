"""The retweet network: who retweets whom, centrality, and communities.

An edge runs from each retweeter to the author it passes on, weighted by how often. Centrality
(in-degree, sampled betweenness, eigenvector) and Louvain communities are measured on it, and
summarised by kind of account.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from ._common import _types
from .simulate import _ACCOUNT_KIND_TYPES

__all__ = [
    "centrality_table",
    "communities",
    "compare_centrality",
    "retweet_network",
]


def retweet_network(tweets: pd.DataFrame, accounts: pd.DataFrame) -> nx.DiGraph:
    """Build the retweet network: an edge from each retweeter to the author it retweeted.

    Parameters
    ----------
    tweets, accounts : DataFrame
        Columns of :data:`TWEETS` and :data:`ACCOUNTS`. The author retweeted is
        ``retweeted_account`` (the original's author, as in ``RT @account:``).

    Returns
    -------
    DiGraph
        Nodes: every account that retweeted or was retweeted, with the attribute
        ``account_type`` (``"unlisted"`` when not in ``accounts``). Edge attribute ``weight``:
        how many times the source retweeted the target. Self-retweets are left out.

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": ["gov", "a"],
    ...                          "account_type": ["government", "citizen"]})
    >>> tweets = pd.DataFrame({"account": ["a", "a", "b"],
    ...                        "retweeted_account": ["gov", "gov", "a"]})
    >>> graph = retweet_network(tweets, accounts)
    >>> graph["a"]["gov"]["weight"], graph.nodes["b"]["account_type"]
    (2, 'unlisted')
    """
    rts = tweets.loc[tweets["retweeted_account"].notna(), ["account", "retweeted_account"]]
    rts = rts[rts["account"] != rts["retweeted_account"]]
    weights = rts.groupby(["account", "retweeted_account"]).size()
    graph = nx.DiGraph()
    graph.add_weighted_edges_from(
        (str(a), str(b), int(w)) for (a, b), w in weights.items()
    )
    types = _types(accounts)
    nx.set_node_attributes(
        graph, {node: str(types.get(node, "unlisted")) for node in graph.nodes}, "account_type"
    )
    return graph


def centrality_table(
    graph: nx.DiGraph, *, betweenness_samples: int | None = 300, seed: int = 0
) -> pd.DataFrame:
    """Compute the centrality of every account in the retweet network.

    Parameters
    ----------
    graph : DiGraph
        From :func:`retweet_network`.
    betweenness_samples : int or None
        Betweenness is estimated from shortest paths out of this many randomly chosen accounts
        (Brandes and Pich's sampling), exact when the network has no more accounts than that,
        or when None.
    seed : int
        Fixes the sample of accounts.

    Returns
    -------
    DataFrame
        One row per account, sorted by in-degree: ``account``, ``account_type``,
        ``in_degree`` (distinct accounts that retweeted it), ``retweets_received`` (weighted
        in-degree), ``out_degree`` (distinct accounts it retweeted), ``betweenness``
        (normalised, on the undirected network: how often it lies on shortest paths between
        others) and ``eigenvector`` (on the undirected network: connected to well-connected
        accounts; Euclidean norm 1).

    Examples
    --------
    >>> star = nx.DiGraph([("a", "hub"), ("b", "hub"), ("c", "hub"), ("d", "hub")])
    >>> nx.set_node_attributes(star, "citizen", "account_type")
    >>> table = centrality_table(star).set_index("account")
    >>> int(table.loc["hub", "in_degree"]), float(table.loc["hub", "betweenness"])
    (4, 1.0)
    >>> round(float(table.loc["hub", "eigenvector"]), 4)
    0.7071
    """
    undirected = _undirected(graph)
    n = graph.number_of_nodes()
    k = None if betweenness_samples is None or betweenness_samples >= n else betweenness_samples
    betweenness = nx.betweenness_centrality(undirected, k=k, seed=seed, normalized=True)
    eigenvector = _eigenvector(undirected)
    nodes = list(graph.nodes)
    table = pd.DataFrame({
        "account": nodes,
        "account_type": [graph.nodes[v].get("account_type", "unlisted") for v in nodes],
        "in_degree": [graph.in_degree(v) for v in nodes],
        "retweets_received": [graph.in_degree(v, weight="weight") for v in nodes],
        "out_degree": [graph.out_degree(v) for v in nodes],
        "betweenness": [betweenness[v] for v in nodes],
        "eigenvector": [eigenvector.get(v, 0.0) for v in nodes],
    })
    return table.sort_values(["in_degree", "account"], ascending=[False, True],
                             kind="stable").reset_index(drop=True)


def _undirected(graph: nx.DiGraph) -> nx.Graph:
    """Return the undirected network; a pair that retweeted each other sums both weights."""
    undirected = nx.Graph()
    undirected.add_nodes_from(graph.nodes(data=True))
    for a, b, weight in graph.edges(data="weight", default=1):
        if undirected.has_edge(a, b):
            undirected[a][b]["weight"] += weight
        else:
            undirected.add_edge(a, b, weight=weight)
    return undirected


def _eigenvector(undirected: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality of the largest connected part (others 0), norm 1, non-negative."""
    if undirected.number_of_edges() == 0:
        return dict.fromkeys(undirected.nodes, 0.0)
    largest = max(nx.connected_components(undirected), key=len)
    core = undirected.subgraph(largest)
    if core.number_of_nodes() < 3:
        values = {v: 1 / np.sqrt(core.number_of_nodes()) for v in core}
    else:
        values = nx.eigenvector_centrality_numpy(core, weight=None)
    return {v: abs(float(values.get(v, 0.0))) for v in undirected.nodes}


def compare_centrality(centrality: pd.DataFrame) -> pd.DataFrame:
    """Summarise centrality by kind of account.

    Parameters
    ----------
    centrality : DataFrame
        From :func:`centrality_table`.

    Returns
    -------
    DataFrame
        Index ``account_type``; columns ``accounts``, ``median_in_degree``, ``max_in_degree``,
        ``share_of_retweets`` (of all retweets received), ``median_betweenness``,
        ``mean_betweenness``, ``median_eigenvector``, ``mean_eigenvector``.

    Examples
    --------
    >>> table = pd.DataFrame({"account_type": ["government", "citizen", "citizen"],
    ...                       "in_degree": [4, 0, 1], "retweets_received": [6, 0, 2],
    ...                       "betweenness": [1.0, 0.0, 0.0], "eigenvector": [0.7, 0.1, 0.2]})
    >>> compare_centrality(table).loc["government", "share_of_retweets"]
    np.float64(0.75)
    """
    grouped = centrality.groupby("account_type")
    out = pd.DataFrame({
        "accounts": grouped.size(),
        "median_in_degree": grouped["in_degree"].median(),
        "max_in_degree": grouped["in_degree"].max(),
        "share_of_retweets": grouped["retweets_received"].sum()
        / centrality["retweets_received"].sum(),
        "median_betweenness": grouped["betweenness"].median(),
        "mean_betweenness": grouped["betweenness"].mean(),
        "median_eigenvector": grouped["eigenvector"].median(),
        "mean_eigenvector": grouped["eigenvector"].mean(),
    })
    order = [t for t in _ACCOUNT_KIND_TYPES if t in out.index]
    return out.loc[order]


def communities(graph: nx.DiGraph, *, seed: int = 0) -> tuple[pd.DataFrame, float]:
    """Find communities with the Louvain method on the undirected, weighted retweet network.

    Parameters
    ----------
    graph : DiGraph
        From :func:`retweet_network`.
    seed : int
        Fixes Louvain's random order of nodes.

    Returns
    -------
    table : DataFrame
        One row per community, largest first: ``community`` (1 = largest), ``accounts``,
        ``government_accounts`` (their handles, joined with ', '), ``citizen_share``.
    modularity : float
        Modularity of the partition (0 = no more within-community ties than chance).

    Examples
    --------
    >>> two = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"),
    ...                   ("x", "y"), ("y", "z"), ("z", "x"), ("a", "x")])
    >>> nx.set_node_attributes(two, "citizen", "account_type")
    >>> table, q = communities(two)
    >>> table["accounts"].tolist(), round(q, 3)
    ([3, 3], 0.357)
    """
    undirected = _undirected(graph)
    parts = nx.community.louvain_communities(undirected, weight="weight", seed=seed)
    modularity = float(nx.community.modularity(undirected, parts, weight="weight"))
    rows = []
    for members in sorted(parts, key=lambda p: (-len(p), min(p))):
        types = [graph.nodes[v].get("account_type") for v in members]
        government = sorted(v for v, t in zip(members, types, strict=True) if t == "government")
        rows.append({
            "accounts": len(members),
            "government_accounts": ", ".join(government),
            "citizen_share": types.count("citizen") / len(members),
        })
    table = pd.DataFrame(rows)
    table.insert(0, "community", np.arange(1, len(table) + 1))
    return table, modularity
