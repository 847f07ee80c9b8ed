"""Benchmark the agency-attention chapter's pipeline at paper scale, and print figures.

Simulates forty fictional agencies with two years of tweets each (``scale="paper"``), then times
each step of the chapter: the cross-validated style classifier on the hand-coded sample (against
the majority baseline on the same folds), classifying every tweet, the account-level followers
model, and the tweet-level retweet model with the classifier's and with the true styles. Prints
wall time and peak memory (resident set size) of each step. Never asserts a time: machines are
shared and noisy.

Then the long run of the chapter's method that the page cannot afford: ``N_WORLDS`` planted
worlds and, for each rule, ``N_WORLDS`` null worlds with only its effect switched off (teaching
scale, seeds 1000 onwards), and the table "How often would this method fool us?" with power,
size, coverage and bias. ``N_WORLDS=50`` in the environment shortens it. With ``--store`` it
writes which worlds each rule found an effect in to ``govsocial/attention/long_run.py``, the
record the chapter's page reads (the tests recompute its first worlds to check it).

Run with ``make bench`` or ``.venv/bin/python benchmarks/attention.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd
from timing import peak_rss_mib, timed

from govsocial import attention, planted, text

SEED = 2022
N_SPLITS = 5
N_WORLDS = int(os.environ.get("N_WORLDS", "300"))
FIRST_SEED = 1000
STORE = Path(__file__).resolve().parents[1] / "govsocial" / "attention" / "long_run.py"


def main() -> None:
    data, simulate_s = timed(
        "simulate (paper scale: 40 agencies, 2 years)",
        lambda: attention.simulate(SEED, "paper"),
    )
    coded, tweets = data.coded, data.tweets
    print(f"  {len(tweets):,} tweets, {len(coded):,} hand-coded")
    model = text.tfidf_logistic_regression(C=1.0)
    baseline, _ = timed(
        "majority baseline (cross-validated)",
        lambda: text.majority_baseline(coded["text"], coded["label"], n_splits=N_SPLITS, seed=SEED),
    )
    report, cv_s = timed(
        "TF-IDF + logistic regression (cross-validated)",
        lambda: text.cross_validate_classifier(
            coded["text"], coded["label"], model=model, n_splits=N_SPLITS, seed=SEED
        ),
    )
    predicted, classify_s = timed(
        f"classify every tweet ({len(tweets):,})",
        lambda: attention.predict_styles(
            coded, tweets, out_of_fold=report.predictions, model=model
        ),
    )
    accounts, _ = timed(
        "account and tweet features",
        lambda: (
            attention.account_features(data.accounts, tweets, start=data.start, end=data.end),
            attention.tweet_features(tweets, data.accounts),
        ),
    )
    account_features, tweet_features = accounts
    followers, followers_s = timed(
        "followers model (negative binomial, 40 accounts)",
        lambda: attention.followers_model(account_features),
    )
    retweets, retweets_s = timed(
        "retweet model, classifier styles (clustered)",
        lambda: attention.retweet_model(tweet_features, predicted),
    )
    retweets_true, _ = timed(
        "retweet model, true styles (clustered)",
        lambda: attention.retweet_model(tweet_features, tweets["style"]),
    )
    table = attention.recovery_table(data.effects, followers, retweets_true, retweets)
    print(table.round(3).to_string(index=False))
    accuracy = float((predicted == tweets["style"]).mean())
    interactive = retweets.table.set_index("term").loc["interactive", "irr"]
    interactive_true = retweets_true.table.set_index("term").loc["interactive", "irr"]
    print(
        f"attention scale=paper tweets={len(tweets)} coded={len(coded)} "
        f"macro_f1={report.macro_f1:.3f} baseline_macro_f1={baseline.macro_f1:.3f} "
        f"accuracy_all={accuracy:.3f} irr_interactive_true={interactive_true:.3f} "
        f"irr_interactive_classified={interactive:.3f} simulate_s={simulate_s:.2f} "
        f"cv_s={cv_s:.2f} classify_s={classify_s:.2f} followers_s={followers_s:.2f} "
        f"retweets_s={retweets_s:.2f} peak_rss_mib={peak_rss_mib():.0f}"
    )
    long_run()


def long_run() -> None:
    """Power, size, coverage and bias of the chapter's rules over many worlds."""
    worlds, worlds_s = timed(
        f"method: {N_WORLDS} planted worlds and {N_WORLDS} null worlds per rule",
        lambda: attention.run_worlds(range(FIRST_SEED, FIRST_SEED + N_WORLDS)),
    )
    characteristics = attention.operating_characteristics(worlds=worlds)
    print(planted.fool_table(characteristics).to_string(index=False))
    columns = ["finding", "size", "size_low", "size_high", "coverage", "bias"]
    print(characteristics[columns].round(3).to_string(index=False))
    print(f"attention worlds={N_WORLDS} worlds_s={worlds_s:.1f}")
    if "--store" in sys.argv:
        STORE.write_text(long_run_module(worlds))
        print(f"stored in {STORE}")


def long_run_module(worlds: pd.DataFrame) -> str:
    """Write the source of ``long_run.py``: one string of 0/1 per rule and kind of world."""
    seeds = sorted(worlds["seed"].unique())
    assert seeds == list(range(seeds[0], seeds[0] + len(seeds))), "seeds must be consecutive"
    lines = [
        '"""The long run of the chapter\'s method: in which worlds each rule found its effect.',
        "",
        "Written by ``benchmarks/attention.py --store`` (too long for the page to run): planted",
        "worlds, and null worlds with only the rule's effect switched off, at teaching scale, one",
        "of each per seed from ``FIRST_SEED``. ``FOUND[finding, planted]`` has one character per",
        "seed, ``1`` where the rule found the effect; :func:`govsocial.attention.long_run_worlds`",
        "turns it back into worlds. The tests recompute the first worlds to check the record.",
        '"""',
        "",
        f"FIRST_SEED = {seeds[0]}",
        f"N_WORLDS = {len(seeds)}",
        "",
        "FOUND: dict[tuple[str, bool], str] = {",
    ]
    for (finding, is_planted), group in worlds.groupby(["finding", "planted"], sort=False):
        flags = "".join("1" if found else "0" for found in group.sort_values("seed")["found"])
        lines.append(f"    (\"{finding}\", {bool(is_planted)}): (")
        lines.extend(f'        "{flags[i : i + 80]}"' for i in range(0, len(flags), 80))
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
