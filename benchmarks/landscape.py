"""Benchmark the landscape chapter's pipeline on the full real data, and print figures.

Loads all 26 CrisisLexT26 events, then cross-validates the information-type classifier on
(1) the government tweets, as the chapter does, and (2) every typed tweet of every source
(about 24,000), against the majority baseline measured in the same run. Prints wall time and
peak memory (resident set size) of each step. Never asserts a time: machines are shared and noisy.

Run with ``make bench`` or ``.venv/bin/python benchmarks/landscape.py``.
"""

from __future__ import annotations

import functools

from timing import peak_rss_mib, timed

from govsocial import io, text

NO_TYPE = ["Not labeled", "Not applicable"]


def main() -> None:
    folder = io.data_dir() / "crisislex" / "CrisisLexT26"
    loaded, _ = timed("load CrisisLexT26 (26 events)", lambda: io.read_crisislex_t26(folder))
    tweets = loaded.frame[~loaded.frame["information_type"].isin(NO_TYPE)]
    government = tweets[tweets["information_source"] == "Government"]
    for name, subset in (("government", government), ("all sources", tweets)):
        texts, labels = subset["text"], subset["information_type"]
        baseline, baseline_s = timed(
            f"majority baseline, {name} ({len(subset):,} tweets)",
            functools.partial(text.majority_baseline, texts, labels),
        )
        classifier, classifier_s = timed(
            f"TF-IDF + logistic regression, {name}",
            functools.partial(text.cross_validate_classifier, texts, labels),
        )
        print(
            f"landscape subset={name!r} tweets={len(subset)} macro_f1={classifier.macro_f1:.3f} "
            f"baseline_macro_f1={baseline.macro_f1:.3f} seconds={classifier_s:.2f} "
            f"vs_baseline_time={classifier_s / baseline_s:.1f} peak_rss_mib={peak_rss_mib():.0f}"
        )


if __name__ == "__main__":
    main()
