"""Every chapter notebook executes, and the numbers it glues into the prose are right.

Each glued value is recomputed here straight from the raw data file with the standard library
(csv, json, statistics), independently of ``govsocial.io``, so a loader that silently dropped or
duplicated rows would make these tests fail.
"""

from __future__ import annotations

import csv
import json
import statistics
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from book_tools import ROOT, glued_values, text_of, toc_notebooks
from threadpoolctl import threadpool_limits

from govsocial.stats import wilson_interval

pytestmark = pytest.mark.slow

DATA = ROOT / "data"
CRISIS = DATA / "crisislex" / "CrisisLexT26"
LANDSCAPE = ROOT / "notebooks" / "landscape.ipynb"
NO_TYPE = {"Not labeled", "Not applicable"}


@pytest.mark.parametrize("path", toc_notebooks(), ids=lambda p: p.stem)
def test_notebook_executes_without_errors(path: Path, run_notebook) -> None:
    notebook = run_notebook(path)
    errors = [
        output
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert not errors


@pytest.fixture(scope="module")
def glued(run_notebook) -> dict[str, object]:
    return glued_values(run_notebook(LANDSCAPE))


def crisis_rows() -> list[dict[str, str]]:
    rows = []
    for path in sorted(CRISIS.glob("*/*-tweets_labeled.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle, skipinitialspace=True)
            for row in reader:
                row = {key.strip(): value for key, value in row.items()}
                rows.append({**row, "event": path.parent.name})
    return rows


def test_every_figure_the_prose_refers_to_is_glued(glued) -> None:
    for name in (
        "fig_usdr_top10",
        "fig_doc_platforms",
        "fig_doc_registered",
        "fig_gov_types_by_event",
        "fig_confusion",
    ):
        assert isinstance(glued[name], dict) and "image/png" in glued[name], name


def test_oecd_shares_match_the_table(glued) -> None:
    with (DATA / "oecd" / "executive_social_media_2014.csv").open(newline="") as handle:
        table = {row["platform"]: row for row in csv.DictReader(handle)}
    for platform, name in (("Twitter", "oecd_twitter_share"), ("Facebook", "oecd_facebook_share")):
        share = int(table[platform]["countries_with_account"]) / int(
            table[platform]["oecd_countries"]
        )
        assert text_of(glued, name) == f"{share:.0%}"
    assert text_of(glued, "oecd_twitter_share") == "82%"  # 28 of 34, as the OECD reports


def test_usdr_agency_figures_match_the_registry_file(glued) -> None:
    agencies = load(DATA / "usdr" / "USDR_agencies.txt")
    counts = [agency["social_media_count"] for agency in agencies]
    with_accounts = [n for n in counts if n > 0]
    assert text_of(glued, "usdr_agencies") == f"{len(agencies):,}"
    assert text_of(glued, "usdr_agencies_with_accounts") == f"{len(with_accounts):,}"
    assert text_of(glued, "usdr_accounts_total") == f"{sum(counts):,}"
    assert text_of(glued, "usdr_median_accounts") == f"{statistics.median(with_accounts):.0f}"
    top10 = sum(sorted(counts, reverse=True)[:10]) / sum(counts)
    assert text_of(glued, "usdr_top10_share") == f"{top10:.0%}"


def test_department_of_commerce_figures_match_the_accounts_file(glued) -> None:
    accounts = load(DATA / "usdr" / "DOC_accts.txt")
    platforms = Counter(account["service_display_name"] for account in accounts)
    assert text_of(glued, "doc_accounts") == f"{len(accounts):,}"
    assert text_of(glued, "doc_platforms") == f"{len(platforms)}"
    assert text_of(glued, "doc_twitter_share") == f"{platforms['Twitter'] / len(accounts):.0%}"
    assert text_of(glued, "doc_facebook_share") == f"{platforms['Facebook'] / len(accounts):.0%}"
    months = Counter(account["created_at"][:7] for account in accounts)
    first = min(months)
    assert text_of(glued, "doc_first_month_share") == f"{months[first] / len(accounts):.0%}"


def test_crisis_figures_match_the_labelled_files(glued) -> None:
    rows = crisis_rows()
    government = [row for row in rows if row["Information Source"] == "Government"]
    events = {path.parent.name for path in CRISIS.glob("*/*-tweets_labeled.csv")}
    assert text_of(glued, "crisis_tweets_read") == f"{len(rows):,}"
    assert text_of(glued, "crisis_events") == f"{len(events)}"
    assert text_of(glued, "gov_tweets") == f"{len(government):,}"
    assert text_of(glued, "gov_share") == f"{len(government) / len(rows):.1%}"

    def caution_share(subset: list[dict[str, str]]) -> float:
        return sum(row["Information Type"] == "Caution and advice" for row in subset) / len(subset)

    others = [row for row in rows if row["Information Source"] != "Government"]
    assert text_of(glued, "gov_caution_share") == f"{caution_share(government):.0%}"
    assert text_of(glued, "other_caution_share") == f"{caution_share(others):.0%}"
    untyped = sum(row["Information Type"] in NO_TYPE for row in government)
    assert text_of(glued, "gov_untyped") == f"{untyped:,}"
    assert text_of(glued, "training_tweets") == f"{len(government) - untyped:,}"


def test_sympathy_shares_by_kind_of_crisis_match_the_files(glued) -> None:
    categories = {
        path.parent.name: json.loads(path.read_text(encoding="utf-8"))["categorization"]["category"]
        for path in CRISIS.glob("*/*-event_description.json")
    }
    rows = crisis_rows()
    government = [row for row in rows if row["Information Source"] == "Government"]
    for category, name in (("Human-induced", "sympathy_human"), ("Natural", "sympathy_natural")):
        subset = [row for row in government if categories[row["event"]] == category]
        share = sum(row["Information Type"] == "Sympathy and support" for row in subset) / len(
            subset
        )
        assert text_of(glued, name) == f"{share:.0%}"


def test_majority_baseline_matches_its_closed_form(glued) -> None:
    """Predicting the largest class everywhere: accuracy p, F1 2p/(1+p) for it, 0 for the rest."""
    labels = Counter(
        row["Information Type"]
        for row in crisis_rows()
        if row["Information Source"] == "Government" and row["Information Type"] not in NO_TYPE
    )
    p = max(labels.values()) / sum(labels.values())
    assert text_of(glued, "baseline_accuracy") == f"{p:.0%}"
    assert text_of(glued, "baseline_macro_f1") == f"{2 * p / (1 + p) / len(labels):.2f}"


def test_classifier_clearly_beats_the_baseline(glued) -> None:
    classifier = float(text_of(glued, "clf_macro_f1"))
    baseline = float(text_of(glued, "baseline_macro_f1"))
    assert classifier > baseline + 0.2
    assert classifier < 0.95  # crowd labels overlap: a perfect score would signal leakage


def test_unseen_crises_are_harder_than_random_folds(glued) -> None:
    unseen = float(text_of(glued, "clf_macro_f1_unseen_event"))
    assert (
        float(text_of(glued, "baseline_macro_f1")) < unseen < float(text_of(glued, "clf_macro_f1"))
    )
    assert text_of(glued, "unseen_move") == "falls to"


def test_landscape_source_shares_match_the_labelled_files(glued) -> None:
    rows = crisis_rows()
    sources = Counter(row["Information Source"] for row in rows)
    for name, source in (
        ("media_share", "Media"),
        ("outsider_share", "Outsiders"),
        ("eyewitness_share", "Eyewitness"),
    ):
        assert text_of(glued, name) == f"{sources[source] / len(rows):.0%}"


def test_landscape_hand_typed_numbers_are_gone_from_the_prose() -> None:
    prose = "\n".join(
        "".join(cell["source"])
        for cell in load(LANDSCAPE)["cells"]
        if cell["cell_type"] == "markdown"
    )
    assert "two thirds" not in prose and "Good, not perfect" not in prose
    assert "small voice" not in prose


def test_landscape_page_says_what_the_null_worlds_found(glued) -> None:
    """Sentences built from the numbers: each holds for the values glued beside it."""
    real_lead = float(text_of(glued, "real_lead"))
    noise_lead = float(text_of(glued, "noise_lead"))
    clf = float(text_of(glued, "clf_macro_f1"))
    baseline = float(text_of(glued, "baseline_macro_f1"))
    assert abs(real_lead - (clf - baseline)) <= 0.011
    verdict = text_of(glued, "clf_verdict")
    assert verdict.startswith("Better than every") == (real_lead > noise_lead)
    assert ("far from perfect" in verdict) == (real_lead > noise_lead and clf < 0.7)
    beat = text_of(glued, "beat_sentence")
    worlds = int(text_of(glued, "null_worlds"))
    share = int(beat.split(" in ")[1].split("%")[0]) / 100
    fooled = wilson_interval(round(share * worlds), worlds)[0] > 0.05
    assert ("far more often" in beat) == fooled
    assert text_of(glued, "margin_size") == "0%"


def _landscape_world(seed: int, signal: bool, n_splits: int = 3) -> tuple[float, float]:
    """The notebook's world, with fewer folds: real labels, or the same labels shuffled."""
    import numpy as np

    from govsocial import io, text

    tweets = io.read_crisislex_t26(CRISIS, information_source="Government").frame
    training = tweets[~tweets["information_type"].isin(NO_TYPE)]
    labels = training["information_type"].to_numpy()
    if not signal:
        labels = np.random.default_rng(seed).permutation(labels)
    folds = {"n_splits": n_splits, "seed": seed}
    model = text.cross_validate_classifier(training["text"], labels, **folds)
    floor = text.majority_baseline(training["text"], labels, **folds)
    return model.macro_f1, floor.macro_f1


@pytest.mark.many_worlds
def test_landscape_beating_the_baseline_is_no_test_but_the_margin_is() -> None:
    """Size and power bounded binomially over null (shuffled) and real-label worlds."""
    from govsocial import planted

    rules = [
        planted.Rule("beats", decide=lambda s: s[0] > s[1]),
        planted.Rule("margin", decide=lambda s: s[0] - s[1] >= 0.2),
    ]
    null_worlds, signal_worlds = 12, 3
    with threadpool_limits(1):  # one BLAS thread: several threads crawl on a busy machine
        worlds = pd.concat(
            [
                planted.run_worlds(_landscape_world, rules, range(null_worlds), kinds=(False,)),
                planted.run_worlds(_landscape_world, rules, range(signal_worlds), kinds=(True,)),
            ]
        )
    found = worlds.groupby(["finding", "planted"])["found"].sum()
    # comparing with the majority baseline alone: fooled far beyond a 5% level
    assert found["beats", False] > planted.most_false_alarms(null_worlds, 0.05)
    # the margin keeps its level and finds the real signal
    assert found["margin", False] <= planted.most_false_alarms(null_worlds, 0.05)
    assert found["margin", True] >= planted.fewest_detections(signal_worlds, 0.9)


def test_chapter_runs_on_your_own_data(run_notebook) -> None:
    sample = ROOT / "tests" / "data" / "labelled_posts_sample.csv"
    with sample.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    notebook = run_notebook(LANDSCAPE, DATA_PATH=str(sample), N_SPLITS=3)
    glued = glued_values(notebook)
    assert text_of(glued, "training_tweets") == f"{len(rows):,}"
    assert float(text_of(glued, "clf_macro_f1")) > float(text_of(glued, "baseline_macro_f1"))


def load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))
