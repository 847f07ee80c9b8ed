"""The inter-agency network: retweet and mention ties, and how centralised they are.

:func:`interaction_ties` reads directed ties among each city's accounts from retweets and
@mentions; :func:`freeman_centralisation` and :func:`network_measures` describe each city's
network (density, centralisation, reciprocity, ties to the lead agency, isolated agencies);
:func:`random_centralisation` and :func:`centralisation_band` set a city's centralisation
against random networks of the same size and density (a hub beyond chance).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import networkx as nx
import numpy as np
import pandas as pd

__all__ = [
    "centralisation_band",
    "freeman_centralisation",
    "interaction_ties",
    "network_measures",
    "random_centralisation",
]

_RT_HEAD = re.compile(r"^RT @(\w{1,15}):")
_HANDLE = re.compile(r"@(\w{1,15})")


def interaction_ties(tweets: pd.DataFrame, accounts: pd.DataFrame) -> pd.DataFrame:
    """Directed ties among each city's accounts, from retweets and @mentions.

    A retweet (text ``RT @handle: ...``) is a tie from the retweeting account to ``handle``;
    every @handle in an own tweet is a tie from its author to ``handle``. Mentions inside a
    retweeted text are the original author's, so they are not counted. Only handles of the
    same city's accounts (any case) count; self-mentions are ignored.

    Parameters
    ----------
    tweets : DataFrame
        ``account``, ``text``, ``is_retweet``; own data (:func:`load_folder`) also
        ``reposted`` (the original author's handle of a repost) and ``mentions`` (handles
        separated by spaces), which are then used instead of the text, as Bluesky and
        Mastodon texts do not carry ``RT @handle:`` and write mentions their own way.
    accounts : DataFrame
        ``account``, ``city``.

    Returns
    -------
    DataFrame
        ``city``, ``source``, ``target``, ``retweets``, ``mentions`` and ``weight`` (their
        sum), one row per directed tie, sorted.

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": ["A_Health", "A_Parks"], "city": ["A", "A"]})
    >>> tweets = pd.DataFrame({"account": ["A_Parks", "A_Parks"], "is_retweet": [True, False],
    ...     "text": ["RT @A_Health: wash hands", "Thanks @a_health and @Other"]})
    >>> interaction_ties(tweets, accounts)[["source", "target", "weight"]].values.tolist()
    [['A_Parks', 'A_Health', 2]]
    """
    handle_of = {str(a).lower(): str(a) for a in accounts["account"]}
    city_of = dict(zip(accounts["account"], accounts["city"], strict=True))
    text = tweets["text"].astype("string").fillna("")
    is_rt = tweets["is_retweet"].to_numpy(dtype=bool)
    if "reposted" in tweets:  # own data: the handles the platform gives
        retweeted = tweets["reposted"][is_rt]
        mentioned = tweets["mentions"][~is_rt].astype("string").fillna("").str.split()
    else:  # simulated tweets: the handles in the text
        retweeted = text[is_rt].str.extract(_RT_HEAD, expand=False)
        mentioned = text[~is_rt].str.findall(_HANDLE)
    rt = pd.DataFrame({"source": tweets["account"][is_rt], "handle": retweeted, "kind": "retweets"})
    mn = pd.DataFrame({"source": tweets["account"][~is_rt], "handle": mentioned}).explode("handle")
    mn["kind"] = "mentions"
    links = pd.concat([rt, mn], ignore_index=True).dropna(subset=["handle"])
    links["target"] = links["handle"].str.lower().map(handle_of)
    links["city"] = links["source"].map(city_of)
    links = links[
        links["target"].notna()
        & (links["target"].map(city_of) == links["city"])
        & (links["target"] != links["source"])
    ]
    counts = links.groupby(["city", "source", "target", "kind"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=["retweets", "mentions"], fill_value=0)
    counts["weight"] = counts["retweets"] + counts["mentions"]
    out = counts.reset_index().rename_axis(columns=None)
    for name in ("city", "source", "target"):
        out[name] = out[name].astype("string")
    return out.astype({"retweets": int, "mentions": int, "weight": int})


def freeman_centralisation(graph: nx.Graph) -> float:
    r"""Freeman's degree centralisation of a graph, read as undirected.

    .. math:: C = \frac{\sum_i (d_{\max} - d_i)}{(n-1)(n-2)}

    where :math:`d_i` is node :math:`i`'s degree and :math:`n` the number of nodes. The
    denominator is the largest sum possible, reached by a star, so a star scores 1 and any
    graph in which every node has the same degree (a cycle, a complete graph) scores 0.
    Directed graphs are read as undirected (a tie in either direction, or both, is one tie).

    Parameters
    ----------
    graph : networkx.Graph or DiGraph
        The network; isolated nodes count.

    Returns
    -------
    float
        Centralisation between 0 and 1; NaN for fewer than three nodes.

    Examples
    --------
    >>> import networkx as nx
    >>> freeman_centralisation(nx.star_graph(4)), freeman_centralisation(nx.cycle_graph(5))
    (1.0, 0.0)
    """
    undirected = graph.to_undirected() if graph.is_directed() else graph
    n = undirected.number_of_nodes()
    if n < 3:
        return float("nan")
    degrees = np.array([d for _, d in undirected.degree()], dtype=float)
    return float((degrees.max() - degrees).sum() / ((n - 1) * (n - 2)))


def _city_graph(ties: pd.DataFrame, members: Sequence[str]) -> nx.DiGraph:
    """Build a directed graph of ``members`` (isolates included) and the ties among them."""
    graph = nx.DiGraph()
    graph.add_nodes_from(members)
    for row in ties.itertuples(index=False):
        if row.source in graph and row.target in graph:
            graph.add_edge(row.source, row.target, weight=getattr(row, "weight", 1))
    return graph


def network_measures(ties: pd.DataFrame, accounts: pd.DataFrame) -> pd.DataFrame:
    """Describe each city's network of ties among its accounts.

    Parameters
    ----------
    ties : DataFrame
        Directed ties: ``city``, ``source``, ``target`` (from :func:`interaction_ties`).
    accounts : DataFrame
        ``account``, ``city``, ``lead``: every account is a node, tied or not.

    Returns
    -------
    DataFrame
        One row per city: ``agencies``, ``ties`` (directed), ``undirected_ties``, ``density``
        (directed ties over possible ones, n(n-1)), ``centralisation`` (Freeman degree
        centralisation of the undirected graph), ``reciprocity`` (share of directed ties
        returned), ``lead_tie_share`` (share of directed ties pointing to the lead agency, i.e.
        agencies retweeting or mentioning it), ``isolated_share`` (share of agencies with no tie
        at all) and ``hub`` (the account with most ties in and out).

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": list("hab"), "city": "X", "lead": [1, 0, 0]})
    >>> ties = pd.DataFrame({"city": "X", "source": ["a", "b", "h"], "target": ["h", "h", "a"]})
    >>> measures = network_measures(ties, accounts).loc[0]
    >>> [round(float(measures[m]), 3) for m in ("density", "reciprocity", "lead_tie_share")]
    [0.5, 0.667, 0.667]
    """
    rows = []
    for city, members in accounts.groupby("city", sort=True):
        names = members["account"].astype(str).tolist()
        lead = members.loc[members["lead"].astype(bool), "account"].astype(str).tolist()
        graph = _city_graph(ties[ties["city"] == city], names)
        n, m = graph.number_of_nodes(), graph.number_of_edges()
        degree = dict(graph.to_undirected().degree())
        to_lead = sum(1 for _, target in graph.edges() if target in lead)
        rows.append(
            {
                "city": city,
                "agencies": n,
                "ties": m,
                "undirected_ties": graph.to_undirected().number_of_edges(),
                "density": nx.density(graph) if n > 1 else np.nan,
                "centralisation": freeman_centralisation(graph),
                "reciprocity": nx.reciprocity(graph) if m else np.nan,
                "lead_tie_share": to_lead / m if m else np.nan,
                "isolated_share": sum(1 for d in degree.values() if d == 0) / n,
                "hub": max(names, key=lambda name: (degree[name], name in lead)) if m else None,
            }
        )
    return pd.DataFrame(rows)


def random_centralisation(
    n_nodes: int, n_edges: int, *, n_graphs: int = 1000, seed: int = 0
) -> np.ndarray:
    """Freeman centralisation of random graphs with ``n_nodes`` nodes and ``n_edges`` ties.

    Each graph draws its ties uniformly among all pairs of nodes (an Erdős-Rényi G(n, m)
    graph): what a network of this size and density looks like when no agency is a hub.

    Parameters
    ----------
    n_nodes, n_edges : int
        Nodes, and undirected ties (at most n(n-1)/2).
    n_graphs : int
        How many random graphs.
    seed : int
        Seed of the random generator.

    Returns
    -------
    ndarray
        ``n_graphs`` centralisation values.

    Examples
    --------
    >>> random_centralisation(4, 6, n_graphs=3).tolist()  # the complete graph, every time
    [0.0, 0.0, 0.0]
    """
    pairs = np.array(np.triu_indices(n_nodes, 1))
    if not 0 <= n_edges <= pairs.shape[1]:
        raise ValueError(f"{n_edges} ties do not fit in a graph of {n_nodes} nodes")
    if n_nodes < 3:
        return np.full(n_graphs, np.nan)
    rng = np.random.default_rng(seed)
    chosen = np.argsort(rng.random((n_graphs, pairs.shape[1])), axis=1)[:, :n_edges]
    degrees = np.zeros((n_graphs, n_nodes))
    rows = np.repeat(np.arange(n_graphs), n_edges)
    np.add.at(degrees, (rows, pairs[0][chosen].ravel()), 1)
    np.add.at(degrees, (rows, pairs[1][chosen].ravel()), 1)
    spread = n_nodes * degrees.max(axis=1) - 2 * n_edges
    return spread / ((n_nodes - 1) * (n_nodes - 2))


def centralisation_band(
    network: pd.DataFrame, *, seed: int = 0, n_graphs: int = 1000, level: float = 0.90
) -> pd.DataFrame:
    """Compare each city's centralisation with random networks of the same size and density.

    Parameters
    ----------
    network : DataFrame
        From :func:`network_measures` (``city``, ``agencies``, ``undirected_ties``,
        ``centralisation``).
    seed : int
        Seed of the random graphs.
    n_graphs : int
        Random graphs per city.
    level : float
        Coverage of the band: with 0.90, a network above the band is more centralised than
        95 % of the random ones (a one-sided test at the 5 % level).

    Returns
    -------
    DataFrame
        ``city``, ``centralisation``, ``band_low`` and ``band_high`` (the central ``level``
        range of the random graphs), ``p_value`` (share of random graphs at least as
        centralised, counting the observed one) and ``hub_found`` (above the band).

    Examples
    --------
    >>> network = pd.DataFrame({"city": ["X"], "agencies": [6], "undirected_ties": [5],
    ...                         "centralisation": [1.0]})
    >>> bool(centralisation_band(network, n_graphs=200).loc[0, "hub_found"])
    True
    """
    rows = []
    alpha = (1 - level) / 2
    for position, row in enumerate(network.itertuples(index=False)):
        values = random_centralisation(
            int(row.agencies), int(row.undirected_ties), n_graphs=n_graphs, seed=seed + position
        )
        low, high = np.quantile(values, [alpha, 1 - alpha])
        p = (1 + np.sum(values >= row.centralisation - 1e-12)) / (1 + n_graphs)
        rows.append(
            {
                "city": row.city,
                "centralisation": row.centralisation,
                "band_low": low,
                "band_high": high,
                "p_value": p,
                "hub_found": bool(row.centralisation > high),
            }
        )
    return pd.DataFrame(rows)
