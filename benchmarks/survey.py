"""Benchmark the survey chapter at paper scale, and raking on a large frame, and print figures.

Simulates the survey at ``scale="paper"`` (500 fictional cities by five departments, 2,500
invitations), runs every step of the chapter (reliability, weak items, scales, raking and
post-stratification, shares, four clustered logits, predicted probabilities, recovery), then the
many-world checks (replications, and power and size of the chapter's rules). Last, raking
alone on a national-size frame (1,000,000 invitations, 300,000 respondents, three weighting
variables) against a baseline measured in the same run: the same iterative proportional fitting
written the obvious way, with a pandas ``groupby`` per margin and pass. Prints wall time and
peak memory (resident set size) of each step. Never asserts a time: machines are shared and noisy.

Run with ``make bench`` or ``.venv/bin/python benchmarks/survey.py``.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
from timing import peak_rss_mib, timed

from govsocial import survey

SEED = 2013
WEIGHTING = ["department", "size_class"]
N_WORLDS = 100


def pandas_rake(respondents: pd.DataFrame, frame: pd.DataFrame, variables: list[str],
                tol: float = 1e-10, max_iter: int = 100) -> pd.Series:
    """Baseline: raking with one pandas groupby per margin and pass."""
    weights = pd.Series(len(frame) / len(respondents), index=respondents.index)
    targets = {v: frame[v].value_counts() for v in variables}
    for _ in range(max_iter):
        for v in variables:
            current = weights.groupby(respondents[v], observed=True).sum()
            weights = weights * respondents[v].map(targets[v] / current).astype(float)
        gaps = [
            (weights.groupby(respondents[v], observed=True).sum() / targets[v] - 1).abs().max()
            for v in variables
        ]
        if max(gaps) < tol:
            return weights
    raise RuntimeError("baseline raking did not converge")


def national_frame(n: int, rng: np.random.Generator) -> pd.DataFrame:
    """A large synthetic frame with three categorical variables (region, age band, sex)."""
    return pd.DataFrame({
        "region": rng.choice([f"region {i}" for i in range(50)], n),
        "age": rng.choice(["18-29", "30-44", "45-64", "65+"], n, p=[0.2, 0.25, 0.33, 0.22]),
        "sex": rng.choice(["female", "male"], n),
    })


def main() -> None:
    total = time.perf_counter()
    data, _ = timed("simulate (paper scale, 2,500 invitations)",
                    lambda: survey.simulate(SEED, "paper"))
    responses, frame = data.responses, data.frame
    timed("reliability table (5 scales)", lambda: survey.reliability_table(responses))
    kept, _ = timed("drop weak items", lambda: survey.drop_weak_items(responses))
    scores, _ = timed("build scales", lambda: survey.build_scales(responses, kept))
    raked, _ = timed("rake (department, size class)",
                     lambda: survey.rake(responses, frame, WEIGHTING))
    stratified, _ = timed("post-stratify (15 cells)",
                          lambda: survey.poststratify(responses, frame, WEIGHTING))
    timed("nonresponse bias (3 estimates x 4 couplings)",
          lambda: survey.nonresponse_bias(data, {"raked": raked, "post": stratified}))
    fits, _ = timed("four clustered logits", lambda: survey.fit_couplings(responses, scores))
    timed("predicted probabilities (1,000 draws)", lambda: survey.predicted_probabilities(fits))
    latent, _ = timed("four logits on the true factors",
                      lambda: survey.fit_couplings(responses, survey.latent_scores(data)))
    recovery = survey.recovery_table(data.effects, fits, latent_fits=latent)
    reps, reps_s = timed(f"replications ({N_WORLDS} worlds)",
                         lambda: survey.replications(range(N_WORLDS), "paper"))
    oc, null_s = timed(f"power and size ({N_WORLDS} worlds of each kind)",
                       lambda: survey.operating_characteristics(range(N_WORLDS), "paper"))
    chapter_s = time.perf_counter() - total

    rng = np.random.default_rng(SEED)
    big_frame = national_frame(1_000_000, rng)
    sample = big_frame.sample(300_000, random_state=SEED, weights=np.where(
        big_frame["age"] == "65+", 2.0, 1.0)).reset_index(drop=True)
    variables = ["region", "age", "sex"]
    ours, ours_s = timed("rake 300,000 respondents to 1,000,000 (govsocial)",
                         lambda: survey.rake(sample, big_frame, variables))
    base, base_s = timed("rake 300,000 respondents to 1,000,000 (pandas baseline)",
                         lambda: pandas_rake(sample, big_frame, variables))
    agree = float(np.max(np.abs(ours.to_numpy() / base.to_numpy() - 1)))

    driven = reps[reps["planted"] != 0]
    print(
        f"survey scale=paper invitations={len(frame)} respondents={len(responses)} "
        f"recovered={int((recovery['finding'] == 'recovered').sum())}/"
        f"{int((recovery['planted'] != 0).sum())} "
        f"silent={int((recovery['finding'] == 'correctly silent').sum())}/"
        f"{int((recovery['planted'] == 0).sum())} "
        f"power={(driven['finding'] == 'recovered').mean():.2f} "
        f"holm_size={oc.loc[1, 'size']:.3f} raw_size={oc.loc[0, 'size']:.3f} "
        f"worlds_s={reps_s + null_s:.1f} chapter_s={chapter_s:.1f} "
        f"rake_1m_s={ours_s:.2f} vs_pandas={base_s / ours_s:.1f} max_rel_diff={agree:.1e} "
        f"peak_rss_mib={peak_rss_mib():.0f}"
    )


if __name__ == "__main__":
    main()
