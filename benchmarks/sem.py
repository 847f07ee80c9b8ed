"""Benchmark the SEM chapter at paper scale and print figures.

Simulates the trust design at ``scale="paper"`` (491 respondents, the study's sample), fits
PLS-SEM and CB-SEM, then times 1,000 bootstrap resamples with each estimator (PLS refits the
weights in every resample; CB-SEM refits by maximum likelihood from the full sample's estimates),
the chapter's rules over 100 planted and 100 null worlds, and the power per study. Prints wall
time and peak memory (resident set size) of each step. Never asserts a time: machines are shared
and noisy.

Run with ``make bench`` or ``.venv/bin/python benchmarks/sem.py``.
"""

from __future__ import annotations

import time

import numpy as np
from timing import peak_rss_mib, timed

from govsocial import planted, sem

SEED = 2021
RESAMPLES = 1000
N_WORLDS = 100


def cb_bootstrap(data: sem.SemData, resamples: int, seed: int) -> np.ndarray:
    """Standardised CB-SEM paths of ``resamples`` bootstrap resamples (warm-started)."""
    full = sem.fit_cb(data.items, data.model)
    rng = np.random.default_rng(seed)
    draws = []
    for _ in range(resamples):
        sample = data.items.iloc[rng.integers(0, len(data.items), len(data.items))]
        fit = sem.fit_cb(sample, data.model, start=full.parameters)
        draws.append(fit.paths["std_estimate"].to_numpy())
    return np.array(draws)


def main() -> None:
    total = time.perf_counter()
    data, _ = timed("simulate (paper scale, 491 respondents)",
                    lambda: sem.simulate(SEED, "paper", "trust"))
    timed("PLS-SEM fit", lambda: sem.fit_pls(data.items, data.model))
    timed("CB-SEM fit (maximum likelihood)", lambda: sem.fit_cb(data.items, data.model))
    timed(f"PLS-SEM bootstrap, {RESAMPLES:,} resamples",
          lambda: sem.bootstrap_pls(data.items, data.model, mediation=data.design.mediation,
                                    resamples=RESAMPLES, seed=SEED))
    timed(f"CB-SEM bootstrap, {RESAMPLES:,} resamples",
          lambda: cb_bootstrap(data, RESAMPLES, SEED))
    worlds, _ = timed(f"rules over {N_WORLDS} planted and {N_WORLDS} null worlds (paper)",
                      lambda: sem.run_rules(range(N_WORLDS), "paper"))
    print(planted.fool_table(planted.operating_characteristics(worlds)).to_string())
    power, _ = timed(f"power per study, {N_WORLDS} worlds each",
                     lambda: sem.power_by_study(range(N_WORLDS)))
    print(power.round(2).to_string(index=False))
    print(f"{'total':<52} {time.perf_counter() - total:8.2f} s   "
          f"peak RSS {peak_rss_mib():8.0f} MiB")


if __name__ == "__main__":
    main()
