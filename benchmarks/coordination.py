"""Benchmark the coordination chapter's pipeline at paper scale, and print figures.

Simulates the three fictional cities at ``scale="paper"`` (15, 14 and 15 agencies, January to
May 2020), runs every measure step by step (dictionary, adoption, attention, retweet/mention
network with its random-network band, TF-IDF consistency, fragmentation index), the recovery
table and the falsification run with the patterns switched off, then reads the real tweet-ID
archive and computes the same-government test. Prints wall time and peak memory (resident set
size) of each step. Never asserts a time: machines are shared and noisy.

Run with ``make bench`` or ``.venv/bin/python benchmarks/coordination.py``.
"""

from __future__ import annotations

import time

from timing import peak_rss_mib, timed

from govsocial import coordination as co

SEED = 2022
GOVERNMENTS = [
    "United States",
    "United Kingdom",
    "Germany",
    "France",
    "Italy",
    "Spain",
    "European Union",
    "WHO",
]


def main() -> None:
    total = time.perf_counter()
    sim, _ = timed("simulate (paper scale)", lambda: co.simulate(SEED, scale="paper"))
    tweets, accounts = sim.tweets, sim.accounts
    covid, _ = timed(f"dictionary ({len(tweets):,} tweets)", lambda: co.flag_covid(tweets["text"]))
    adoption, _ = timed("adoption dates", lambda: co.adoption_dates(tweets, accounts, covid))
    timed("weekly attention", lambda: co.covid_attention(tweets, accounts, covid))
    ties, _ = timed("retweet and mention ties", lambda: co.interaction_ties(tweets, accounts))
    network, _ = timed("network measures", lambda: co.network_measures(ties, accounts))
    timed(
        "random-network band (1,000 graphs per city)",
        lambda: co.centralisation_band(network, seed=SEED),
    )
    consistency, _ = timed(
        "TF-IDF consistency", lambda: co.message_consistency(tweets, accounts, covid)
    )
    timed("agency summary", lambda: co.agency_summary(adoption, consistency))
    result, analyse_s = timed(
        "analyse (all measures in one call)", lambda: co.analyse(tweets, accounts, seed=SEED)
    )
    recovery, _ = timed("recovery table", lambda: co.recovery_table(result, sim.truth))
    null_sim, _ = timed(
        "simulate without patterns", lambda: co.simulate(SEED, "paper", co.Effects.none())
    )
    null, _ = timed(
        "analyse without patterns",
        lambda: co.analyse(null_sim.tweets, null_sim.accounts, seed=SEED),
    )
    contrasts = co.contrast_table(null, truth=null_sim.truth)
    archive, read_s = timed("read the real tweet-ID archive", co.read_covid_gov_tweet_ids)
    roles = co.read_account_roles().frame
    studied = roles[roles["government"].isin(GOVERNMENTS)]
    coverage = co.account_coverage(archive)
    covered = coverage[coverage["account"].isin(studied["account"])]
    daily, _ = timed(
        "daily posts (33 accounts, 2020)",
        lambda: co.daily_posts(
            archive, covered, start=covered["first_day"].max(), end="2020-12-31"
        ),
    )
    pairs, _ = timed("pair correlations", lambda: co.rhythm_correlations(daily, studied))
    test, _ = timed(
        "permutation test (2,000 shuffles)", lambda: co.same_government_test(pairs, seed=SEED)
    )
    print(
        f"coordination scale=paper tweets={len(tweets)} agencies={len(accounts)} "
        f"recovered={int(recovery['recovered'].sum())}/{len(recovery)} "
        f"null_contrasts_covering_zero={int(contrasts['covers_zero'].sum())}/{len(contrasts)} "
        f"null_hubs={int(null.network['hub_found'].sum())} "
        f"analyse_seconds={analyse_s:.2f} archive_ids={len(archive.frame)} "
        f"archive_seconds={read_s:.2f} same_minus_different={test['difference']:.3f} "
        f"p_value={test['p_value']:.4f} total_seconds={time.perf_counter() - total:.2f} "
        f"peak_rss_mib={peak_rss_mib():.0f}"
    )


if __name__ == "__main__":
    main()
