"""Benchmark the interviews chapter at paper scale and on a large study, and print figures.

Runs every step of the chapter on the study's design (``scale="paper"``: the verified 15
officials from 14 agencies), then the power and size table with 200 worlds of each kind, then
agreement (1,000 bootstrap resamples), counts, saturation and the classifier on a large
simulated study (2,000 agencies, about 20,000 segments), to show how the steps grow. Prints wall
time and peak memory (resident set size) of each step. Never asserts a time.

Run with ``make bench`` or ``.venv/bin/python benchmarks/interviews.py``.
"""

from __future__ import annotations

import time

from timing import peak_rss_mib, timed

from govsocial import interviews, planted

SEED = 2019
N_WORLDS = 200


def chapter(data: interviews.InterviewData, n_boot: int = 1000) -> dict[str, object]:
    """Every analysis step of the chapter on one study."""
    segments = data.segments
    agreement = interviews.agreement_table(data.codes, segments["segment"], n_boot=n_boot)
    coded = interviews.reconciled(data.codes, segments["segment"], data.truth)
    mentions = interviews.agency_mentions(coded, segments)
    counts = interviews.mention_table(mentions, data.agencies)
    table = interviews.incidence(coded, segments)
    orders = interviews.random_order_curves(table, n_orders=500)
    texts = segments.set_index("segment")["text"]
    classified = interviews.classifier_codes(texts, coded)
    return {"agreement": agreement, "counts": counts, "orders": orders,
            "chao": interviews.chao2(table), "classified": classified}


def main() -> None:
    total = time.perf_counter()
    paper, _ = timed("simulate (paper scale: 14 agencies, 15 officials)",
                     lambda: interviews.simulate(SEED, "paper"))
    timed("chapter steps (paper scale)", lambda: chapter(paper))
    oc, worlds_s = timed(f"power and size, {N_WORLDS} worlds of each kind",
                         lambda: interviews.operating_characteristics(range(N_WORLDS)))
    print(planted.fool_table(oc).to_string())
    large, _ = timed("simulate (2,000 agencies)", lambda: interviews.simulate(SEED, 2000))
    timed(f"chapter steps ({len(large.segments):,} segments)", lambda: chapter(large, 1000))
    print(
        f"interviews segments_paper={len(paper.segments)} segments_large={len(large.segments)} "
        f"power={','.join(f'{p:.2f}' for p in oc['power'])} "
        f"size={','.join(f'{s:.2f}' for s in oc['size'])} worlds_s={worlds_s:.1f} "
        f"total_s={time.perf_counter() - total:.1f} peak_rss_mib={peak_rss_mib():.0f}"
    )


if __name__ == "__main__":
    main()
