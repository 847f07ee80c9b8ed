"""Benchmark the comparison chapter at paper scale and print wall time and peak memory.

Simulates the posts at ``scale="paper"`` (180 fictional journalists, 7,200 posts; the study's
size is not verified, so the size is our choice) and 2,000 questions to the fictional agency,
then runs every step of the chapter: dictionary coding (with rjieba segmentation), the
classifier, chi-square, the log-linear model with and without clustering, survival curves,
log-rank, near-duplicate replies, and the power and size of the chapter's rules over 20
planted and 20 null worlds. Never asserts a time: machines are shared and noisy.

Run with ``make bench`` or ``.venv/bin/python benchmarks/comparison.py``.
"""

from __future__ import annotations

from timing import peak_rss_mib, timed

from govsocial import comparison, planted

SEED = 2015
SCALE = "paper"
N_WORLDS = 20


def main() -> None:
    """Run the chapter's steps at paper scale, printing each step's time and peak memory."""
    world, _ = timed("simulate posts (paper scale)", lambda: comparison.simulate_posts(SEED, SCALE))
    posts = world.posts
    codes, _ = timed("dictionary coding (segmentation included)",
                     lambda: comparison.dictionary_code(posts))  # fmt: skip
    posts = posts.assign(code=codes, country_group=comparison.country_groups(posts))
    train, test = comparison.coded_sample(posts, 400, SEED)
    model, _ = timed("train the classifier (400 coded posts)",
                     lambda: comparison.train_classifier(train))  # fmt: skip
    timed("classify every post", lambda: comparison.classify(model, posts))
    table = comparison.contingency_table(posts, "country_group")
    timed("chi-square, Cramér's V, residuals", lambda: comparison.chi_square(table))
    timed("log-linear model, clustered", lambda: comparison.loglinear(posts))
    timed("log-linear model, naive", lambda: comparison.loglinear(posts, cluster=False))
    service, _ = timed("simulate service (paper scale)",
                       lambda: comparison.simulate_service(SEED, SCALE))  # fmt: skip
    questions = service.questions
    timed("survival curves", lambda: comparison.survival_table(questions))
    timed("log-rank test", lambda: comparison.logrank(questions))
    replies = questions[questions["replied_at"].notna()]
    timed("near-duplicate replies", lambda: comparison.near_duplicates(replies["reply_text"]))
    oc, _ = timed(f"power and size, {N_WORLDS} + {N_WORLDS} worlds",
                  lambda: comparison.operating_characteristics(range(N_WORLDS), SCALE))  # fmt: skip
    print(planted.fool_table(oc))
    print(f"peak RSS {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
