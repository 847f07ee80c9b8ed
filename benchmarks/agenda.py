"""Benchmark the police agenda chapter's pipeline at paper scale, and print figures.

Simulates the five departments at ``scale="paper"`` (about 6,000 police posts and 60,000
follower comments, the order of the corpora in the literature), then runs every step of the
chapter: coder agreement, clustering of the police posts (k from 4 to 12) and assignment of the
comments, agenda correlations with bootstrap intervals, platform and public-police gaps, lead-lag
tests, the engagement model, reply rates, the recovery table and a falsification run. Prints wall
time and peak memory (resident set size) of each step. Never asserts a time: machines are shared
and noisy.

Run with ``make bench`` or ``.venv/bin/python benchmarks/agenda.py``.
"""

from __future__ import annotations

import time
from typing import Any

from timing import peak_rss_mib, timed

from govsocial import agenda

SEED = 2022
N_BOOT = 1000


def estimates(posts, prefix: str) -> dict[str, Any]:
    police = posts[posts["actor"] == "police"]
    found: dict[str, Any] = {}
    found["agendas"], _ = timed(
        f"{prefix}agenda correlations ({N_BOOT} resamples)",
        lambda: agenda.agenda_correlation(posts, n_boot=N_BOOT, seed=SEED),
    )
    found["divergence"], _ = timed(
        f"{prefix}public minus police shares",
        lambda: agenda.share_gaps(posts, n_boot=N_BOOT, seed=SEED),
    )
    found["platforms"], _ = timed(
        f"{prefix}Twitter minus Facebook shares",
        lambda: agenda.share_gaps(
            police,
            group="platform",
            first="Facebook",
            second="Twitter",
            n_boot=N_BOOT,
            seed=SEED,
        ),
    )
    found["lags"], _ = timed(
        f"{prefix}daily attention and lead-lag tests",
        lambda: agenda.lead_lag(agenda.daily_attention(posts)),
    )
    found["engagement"], _ = timed(
        f"{prefix}negative binomial engagement model", lambda: agenda.engagement_model(posts)
    )
    found["replies"], _ = timed(f"{prefix}reply rates", lambda: agenda.reply_summary(posts))
    return found


def main() -> None:
    total_start = time.perf_counter()
    data, simulate_s = timed("simulate (paper scale)", lambda: agenda.simulate(SEED, "paper"))
    posts = data.posts
    police = posts[posts["actor"] == "police"]
    public = posts[posts["actor"] == "public"]
    print(f"  {len(police):,} police posts, {len(public):,} comments, {len(posts):,} in all")
    kappas, _ = timed("Cohen's kappa per topic", lambda: agenda.topic_kappas(data.reliability))
    clusters, cluster_s = timed(
        f"cluster {len(police):,} police posts (k = 4..12)",
        lambda: agenda.cluster_posts(police["text"], range(4, 13), seed=SEED),
    )
    mapping = agenda.map_clusters(clusters.labels, police["topic"])
    machine, _ = timed(
        "agreement with coders (police posts)",
        lambda: agenda.clustering_agreement(police["topic"], clusters.labels, mapping),
    )
    assigned, _ = timed(
        f"assign {len(public):,} comments to clusters", lambda: clusters.assign(public["text"])
    )
    comments = agenda.clustering_agreement(public["topic"], assigned, mapping)
    found = estimates(posts, "")
    recovery, _ = timed("recovery table", lambda: agenda.recovery_table(data, **found))
    null, _ = timed(
        "simulate with every effect at zero",
        lambda: agenda.simulate(SEED, "paper", effects=agenda.Effects.none()),
    )
    nulls = estimates(null.posts, "null: ")
    falsification = agenda.falsification(
        nulls["agendas"], nulls["platforms"], nulls["lags"], nulls["engagement"], nulls["replies"]
    )
    led = found["lags"].query("police_leads_p_holm < 0.05")["topic"].tolist()
    total_s = time.perf_counter() - total_start
    print(
        f"agenda scale=paper police_posts={len(police)} comments={len(public)} "
        f"kappa={kappas['kappa'].iloc[-1]:.3f} k={clusters.k} "
        f"ari_police={machine.ari_topics:.3f} ari_comments={comments.ari_topics:.3f} "
        f"rho_mean={found['agendas']['rho'].iloc[-1]:.3f} "
        f"led={'+'.join(topic.replace(' ', '_') for topic in led)} "
        f"recovered={int(recovery['recovered'].sum())}/{len(recovery)} "
        f"null_found={int(falsification['no_effect_found'].sum())}/{len(falsification)} "
        f"simulate_s={simulate_s:.2f} cluster_s={cluster_s:.2f} total_s={total_s:.2f} "
        f"peak_rss_mib={peak_rss_mib():.0f}"
    )


if __name__ == "__main__":
    main()
