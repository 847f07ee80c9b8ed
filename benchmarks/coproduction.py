"""Benchmark the coproduction chapter's network analysis at the study's size, and print figures.

Simulates the storm at ``scale="paper"`` (exactly 132,922 tweets, the size of Chatfield &
Reddick's #sandy collection), then runs every step of the chapter's analysis on it: kinds of
tweet, the retweet network, centrality (betweenness sampled from 300 accounts, as in the
chapter), Louvain communities, cascades, reach and agility, and recovery against the planted
truth. Prints wall time and peak memory (resident set size) of each step, and a one-line
summary. Never asserts a time: machines are shared and noisy.

Run with ``make bench`` or ``.venv/bin/python benchmarks/coproduction.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from timing import peak_rss_mib

from govsocial import coproduction

SEED = 2022
BETWEENNESS_SAMPLES = 300


def timed(label: str, step: Callable[[], Any], seconds: dict[str, float]) -> Any:
    start = time.perf_counter()
    result = step()
    seconds[label] = time.perf_counter() - start
    print(f"{label:<44} {seconds[label]:8.2f} s   peak RSS {peak_rss_mib():8.0f} MiB")
    return result


def main() -> None:
    seconds: dict[str, float] = {}
    data = timed("simulate (paper scale)", lambda: coproduction.simulate(SEED, "paper"), seconds)
    tweets, accounts = data.tweets, data.accounts
    timed("kinds of tweet", lambda: coproduction.tweet_kinds(tweets, accounts), seconds)
    graph = timed(
        "retweet network", lambda: coproduction.retweet_network(tweets, accounts), seconds
    )
    centrality = timed(
        f"centrality (betweenness from {BETWEENNESS_SAMPLES} accounts)",
        lambda: coproduction.centrality_table(
            graph, betweenness_samples=BETWEENNESS_SAMPLES, seed=SEED
        ),
        seconds,
    )
    communities, modularity = timed(
        "Louvain communities", lambda: coproduction.communities(graph, seed=SEED), seconds
    )
    cascades = timed("cascades", lambda: coproduction.cascades(tweets, accounts), seconds)
    reach = timed(
        "reach and agility", lambda: coproduction.message_reach(tweets, accounts), seconds
    )
    recovery = timed(
        "recovery table (bootstrap)",
        lambda: coproduction.recovery_table(data, reach, seed=SEED),
        seconds,
    )
    analysis = sum(value for key, value in seconds.items() if not key.startswith("simulate"))
    comparison = coproduction.compare_centrality(centrality)
    print(recovery.round(3).to_string(index=False))
    print(
        f"coproduction tweets={len(tweets)} accounts_in_network={graph.number_of_nodes()} "
        f"ties={graph.number_of_edges()} communities={len(communities)} "
        f"modularity={modularity:.3f} cascades={len(cascades)} "
        f"gov_share_of_retweets={comparison.loc['government', 'share_of_retweets']:.3f} "
        f"amplification={recovery.loc[0, 'estimate']:.3f} "
        f"planted={recovery.loc[0, 'planted']:.1f} "
        f"simulate_seconds={seconds['simulate (paper scale)']:.2f} "
        f"analysis_seconds={analysis:.2f} peak_rss_mib={peak_rss_mib():.0f}"
    )


if __name__ == "__main__":
    main()
