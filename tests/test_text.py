import numpy as np
import pandas as pd
import pytest

from govsocial.text import (
    _report_from_predictions,
    cohens_kappa,
    compare_reports,
    cross_validate_classifier,
    majority_baseline,
    tfidf_logistic_regression,
    top_terms,
)

# Three classes with disjoint vocabularies; "flood" is the majority class (10 of 20 posts).
_VOCAB = {
    "flood": ["flood", "water", "river", "levee", "#flood", "rain"],
    "traffic": ["road", "closed", "detour", "lane", "highway", "crash"],
    "health": ["vaccine", "clinic", "flu", "shots", "@cdc", "doctor"],
}
_SIZES = {"flood": 10, "traffic": 5, "health": 5}


def _disjoint_corpus(seed: int = 1) -> tuple[pd.Series, pd.Series]:
    rng = np.random.default_rng(seed)
    texts, labels = [], []
    for label, n in _SIZES.items():
        for _ in range(n):
            texts.append(" ".join(rng.choice(_VOCAB[label], size=4, replace=True)))
            labels.append(label)
    # A non-default index: predictions must keep it.
    index = pd.Index([f"post{i}" for i in range(len(texts))])
    return pd.Series(texts, index=index), pd.Series(labels, index=index)


def test_classifier_separates_classes_with_disjoint_vocabularies():
    texts, labels = _disjoint_corpus()
    report = cross_validate_classifier(texts, labels, seed=0)
    assert report.macro_f1 == 1.0
    assert report.accuracy == 1.0
    assert report.labels == ["flood", "health", "traffic"]
    assert report.predictions.index.equals(texts.index)
    assert report.predictions.tolist() == labels.tolist()
    assert report.per_class["support"].to_dict() == {"flood": 10, "health": 5, "traffic": 5}


def test_majority_baseline_predicts_the_majority_class_for_every_post():
    texts, labels = _disjoint_corpus()
    report = majority_baseline(texts, labels, seed=0)
    expected = pd.DataFrame(
        [[10, 0, 0], [5, 0, 0], [5, 0, 0]],
        index=pd.Index(["flood", "health", "traffic"], name="true"),
        columns=pd.Index(["flood", "health", "traffic"], name="predicted"),
    )
    pd.testing.assert_frame_equal(report.confusion, expected)
    assert report.accuracy == pytest.approx(10 / 20)
    # F1 of the majority class: precision 10/20, recall 1 -> 2 * 0.5 / 1.5 = 2/3; others 0.
    assert report.macro_f1 == pytest.approx((2 / 3) / 3)
    table = compare_reports([cross_validate_classifier(texts, labels), report])
    assert table.columns.tolist() == ["model", "accuracy", "macro_f1"]
    assert table["model"].tolist() == ["TF-IDF + logistic regression", "Majority class"]


def test_per_class_metrics_match_a_hand_computation():
    y_true = ["a", "a", "a", "b", "b", "c", "d"]
    y_pred = ["a", "a", "b", "b", "c", "c", "a"]
    report = _report_from_predictions("hand", y_true, y_pred)
    # a: TP 2, FP 1 (the d), FN 1 -> P 2/3, R 2/3, F1 2/3
    # b: TP 1, FP 1, FN 1        -> P 1/2, R 1/2, F1 1/2
    # c: TP 1, FP 1, FN 0        -> P 1/2, R 1,   F1 2/3
    # d: TP 0, never predicted   -> P 0 (zero_division=0), R 0, F1 0
    expected = pd.DataFrame(
        {
            "precision": [2 / 3, 1 / 2, 1 / 2, 0.0],
            "recall": [2 / 3, 1 / 2, 1.0, 0.0],
            "f1": [2 / 3, 1 / 2, 2 / 3, 0.0],
            "support": [3, 2, 1, 1],
        },
        index=pd.Index(["a", "b", "c", "d"], name="label"),
    )
    pd.testing.assert_frame_equal(report.per_class, expected)
    assert report.macro_f1 == pytest.approx((2 / 3 + 1 / 2 + 2 / 3 + 0) / 4)
    assert report.accuracy == pytest.approx(4 / 7)
    assert report.confusion.to_numpy().tolist() == [
        [2, 1, 0, 0],
        [0, 1, 1, 0],
        [0, 0, 1, 0],
        [1, 0, 0, 0],
    ]
    assert report.confusion.index.name == "true"
    assert report.confusion.columns.name == "predicted"


def test_class_with_fewer_members_than_folds_is_rejected_by_name():
    texts = ["flood water"] * 6 + ["road closed"] * 6 + ["flu shots"] * 2
    labels = ["flood"] * 6 + ["traffic"] * 6 + ["health"] * 2
    with pytest.raises(ValueError, match=r"'health' has 2"):
        cross_validate_classifier(texts, labels, n_splits=5)
    with pytest.raises(ValueError, match=r"'health' has 2"):
        majority_baseline(texts, labels, n_splits=5)


def test_texts_and_labels_of_different_length_are_rejected():
    with pytest.raises(ValueError, match="differ in length"):
        cross_validate_classifier(["a b", "c d", "e f"], ["x", "y"])


def test_same_seed_gives_same_predictions():
    rng = np.random.default_rng(3)
    words = [f"w{i}" for i in range(30)]
    texts = [" ".join(rng.choice(words, size=6)) for _ in range(60)]
    labels = rng.choice(["a", "b", "c"], size=60).tolist()
    first = cross_validate_classifier(texts, labels, seed=7)
    second = cross_validate_classifier(texts, labels, seed=7)
    pd.testing.assert_series_equal(first.predictions, second.predictions)


def test_random_labels_give_chance_level_scores():
    # No signal planted: tokens and labels are independent draws, so the out-of-fold macro-F1 of
    # a two-class classifier should be near 0.5 (chance). With 400 posts the accuracy's standard
    # error under the null is sqrt(0.25 / 400) = 0.025, so 0.6 is four standard errors away,
    # while the disjoint-vocabulary test shows the same pipeline reaching 1.0 when signal exists.
    rng = np.random.default_rng(11)
    words = [f"tok{i}" for i in range(200)]
    texts = [" ".join(rng.choice(words, size=8)) for _ in range(400)]
    labels = rng.choice(["yes", "no"], size=400).tolist()
    report = cross_validate_classifier(texts, labels, seed=0)
    baseline = majority_baseline(texts, labels, seed=0)
    assert report.macro_f1 < 0.6
    assert report.accuracy < baseline.accuracy + 0.1


def test_top_terms_recover_each_class_vocabulary():
    texts, labels = _disjoint_corpus()
    terms = top_terms(texts, labels, n=3, model=tfidf_logistic_regression(ngram_range=(1, 1)))
    assert terms.columns.tolist() == ["label", "rank", "term", "weight"]
    assert terms.groupby("label")["rank"].apply(list).to_dict() == {
        "flood": [1, 2, 3],
        "health": [1, 2, 3],
        "traffic": [1, 2, 3],
    }
    for label, rows in terms.groupby("label"):
        assert set(rows["term"]) <= set(_VOCAB[label])
        assert rows["weight"].is_monotonic_decreasing


def test_top_terms_for_two_classes_give_each_class_its_own_terms():
    texts = ["flood water", "flood river", "road closed", "road lane"] * 3
    labels = ["flood", "flood", "traffic", "traffic"] * 3
    terms = top_terms(texts, labels, n=1, model=tfidf_logistic_regression(ngram_range=(1, 1)))
    assert terms.set_index("label")["term"].to_dict() == {"flood": "flood", "traffic": "road"}
    assert (terms["weight"] > 0).all()


def test_kappa_matches_hand_computation():
    a = ["y", "y", "y", "y", "y", "y", "n", "n", "n", "n"]
    b = ["y", "y", "y", "y", "n", "n", "y", "n", "n", "n"]
    p_o = 7 / 10  # items 1-4 and 8-10 agree
    p_e = (6 / 10) * (5 / 10) + (4 / 10) * (5 / 10)  # both "y" + both "n" by chance = 0.5
    assert cohens_kappa(a, b) == pytest.approx((p_o - p_e) / (1 - p_e))
    assert cohens_kappa(a, b) == pytest.approx(0.4)


def test_kappa_is_one_for_identical_coders():
    coder = ["info", "request", "info", "other", "request"]
    assert cohens_kappa(coder, list(coder)) == 1.0


def test_kappa_rejects_different_lengths_and_empty_input():
    with pytest.raises(ValueError, match="different numbers"):
        cohens_kappa(["a", "b"], ["a"])
    with pytest.raises(ValueError, match="empty"):
        cohens_kappa([], [])


def test_grouped_folds_hold_out_whole_groups_and_expose_group_specific_words():
    # Each event has its own hashtag; the hashtag alone identifies the class within an event,
    # but every event mixes both classes, so a hashtag never generalises to a new event.
    texts, labels, events = [], [], []
    for event in range(6):
        for i in range(10):
            label = "warning" if (i + event) % 2 else "thanks"
            word = "stay indoors" if label == "warning" else "thank you"
            texts.append(f"#event{event} {word} update {i}")
            labels.append(label)
            events.append(f"event{event}")
    grouped = cross_validate_classifier(texts, labels, n_splits=3, seed=1, groups=events)
    assert grouped.macro_f1 == 1.0  # the class words carry over to unseen events
    with pytest.raises(ValueError, match="groups cannot fill"):
        cross_validate_classifier(texts, labels, n_splits=7, groups=events)


def test_grouped_folds_reveal_words_that_only_work_within_one_group():
    # The class is signalled only by words peculiar to each event: random folds reward them,
    # folds grouped by event cannot, because an unseen event's words were never learned.
    texts, labels, events = [], [], []
    for event in range(6):
        for i in range(10):
            label = "warning" if i % 2 else "thanks"
            word = f"alpha{event}" if label == "warning" else f"beta{event}"
            texts.append(f"{word} {word} update")
            labels.append(label)
            events.append(event)
    random_folds = cross_validate_classifier(texts, labels, n_splits=3, seed=1)
    grouped = cross_validate_classifier(texts, labels, n_splits=3, seed=1, groups=events)
    assert random_folds.macro_f1 == 1.0
    assert grouped.macro_f1 < 0.7
