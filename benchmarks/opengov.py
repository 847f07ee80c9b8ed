"""Benchmark the open-government chapter at paper scale, and H's bootstrap on a large table.

Simulates 600 fictional agencies (``scale="paper"``, our choice: the study gives no sample
size), runs the scalogram statistics with a bootstrap interval, the power and size of the
chapter's rules over 200 worlds of each kind, the Open Data Barometer section (checklist and
experts' justifications), the DigitalGov dictionary and topic model, and last Loevinger's H
with 400 bootstrap resamples on 100,000 units by 20 indicators, against a baseline measured in
the same run: H's errors counted pair by pair with pandas. Prints wall time and peak memory
(resident set size) of each step. Never asserts a time.

Run with ``make bench`` or ``.venv/bin/python benchmarks/opengov.py``.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
from timing import timed

from govsocial import opengov as og

SEED = 2012
N_WORLDS = 200


def pandas_h(items: pd.DataFrame) -> float:
    """Baseline: H from Guttman errors counted pair by pair with pandas."""
    shares = items.mean()
    observed = expected = 0.0
    for a, b in itertools.combinations(items.columns, 2):
        easy, hard = (a, b) if shares[a] >= shares[b] else (b, a)
        observed += ((items[easy] == 0) & (items[hard] == 1)).sum()
        expected += len(items) * (1 - shares[easy]) * shares[hard]
    return 1 - observed / expected


def main() -> None:
    world, _ = timed("simulate 600 agencies", lambda: og.simulate(SEED, "paper"))
    timed("scalogram with bootstrap (600 agencies)", lambda: og.analyse(world.items, SEED))
    timed(
        f"power and size, {N_WORLDS} worlds of each kind",
        lambda: og.operating_characteristics(range(N_WORLDS), "paper"),
    )
    datasets, _ = timed("read the Barometer checklist", og.read_barometer_datasets)
    timed("Barometer: H with bootstrap", lambda: og.analyse(og.checklist(datasets), SEED))
    timed("Barometer: rank intervals", lambda: og.rank_intervals(
        datasets, np.random.default_rng(SEED)))
    pages, _ = timed("read the DigitalGov archive (324 pages)", og.read_digitalgov)
    coded, _ = timed("code the pages with the theme dictionary", lambda: og.code_pages(pages))
    topics, _ = timed("topic model: NMF, 7 topics", lambda: og.topic_model(pages, 7, seed=SEED))
    timed("topic model: NMF, 20 topics", lambda: og.topic_model(pages, 20, seed=SEED))
    timed("pair topics with themes", lambda: og.match_topics(topics.weights, coded))
    answers, _ = timed("read the Barometer experts' answers (1,118)", og.read_barometer_answers)
    timed("code the answers' evidence", lambda: og.code_evidence(answers[0]))
    rng = np.random.default_rng(SEED)
    ability = rng.normal(size=(100_000, 1))
    difficulty = np.linspace(-2, 2, 20)[None, :]
    big = pd.DataFrame((rng.random((100_000, 20)) < 1 / (1 + np.exp(difficulty - 2 * ability)))
                       .astype(np.int64), columns=[f"step_{i}" for i in range(20)])
    fast, _ = timed("H, 100,000 units x 20 steps", lambda: og.loevinger_h(big).h)
    slow, _ = timed("baseline: pandas pair loop", lambda: pandas_h(big))
    print(f"H agrees with the baseline: {abs(fast - slow) < 1e-9}")
    timed("H's bootstrap, 400 resamples", lambda: og.bootstrap_h(big, rng, n_boot=400))


if __name__ == "__main__":
    main()
