"""Benchmark the agency-attention chapter's pipeline at paper scale, and print figures.

Simulates forty fictional agencies with two years of tweets each (``scale="paper"``), then times
each step of the chapter: the cross-validated style classifier on the hand-coded sample (against
the majority baseline on the same folds), classifying every tweet, the account-level followers
model, and the tweet-level retweet model with the classifier's and with the true styles. Prints
wall time and peak memory (resident set size) of each step. Never asserts a time: machines are
shared and noisy.

Run with ``make bench`` or ``.venv/bin/python benchmarks/attention.py``.
"""

from __future__ import annotations

from timing import peak_rss_mib, timed

from govsocial import attention, text

SEED = 2022
N_SPLITS = 5


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


if __name__ == "__main__":
    main()
