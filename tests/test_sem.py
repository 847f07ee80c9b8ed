"""The SEM chapter: model syntax, both estimators against published or independent answers,
measurement checks by hand, the loader contract, sentences at many seeds, power and size over
planted and null worlds, and the notebook."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from book_tools import ROOT, glued_values, text_of

from govsocial import io, planted, sem
from govsocial.schema import DataError

NOTEBOOK = ROOT / "notebooks" / "sem.ipynb"
DATA = ROOT / "tests" / "data" / "sem"
SAMPLE = DATA / "own"
SEEDS = range(10)

# the panel's standard model without the error covariance y4 ~~ y8 (as semopy's lavaan estimates)
POLITICAL_DEMOCRACY = sem.DEMOCRACY_MODEL.replace("y4 ~~ y8\n", "")


# --- model syntax -------------------------------------------------------------------------


def test_model_syntax_reads_blocks_paths_and_error_covariances() -> None:
    model = sem.parse_model(POLITICAL_DEMOCRACY + "y4 ~~ y8  # a comment\n")
    assert model.constructs == ["ind60", "dem60", "dem65"]
    assert model.endogenous == ["dem60", "dem65"] and model.exogenous == ["ind60"]
    assert model.predictors("dem65") == ["ind60", "dem60"]
    assert ("y4", "y8") in model.covariances and len(model.covariances) == 6
    assert sem.parse_model(model.to_text()).paths == model.paths


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("A = a1 + a2", "no '=~'"),
        ("A =~ a1 + a-2", "not a plain name"),
        ("A =~ a1\nB =~ a1", "in block"),
        ("A =~ a1\nB ~ A", "'B' is not a construct"),
        ("A =~ a\nB =~ b\nA ~ B\nB ~ A", "cycle"),
        ("# nothing", "no construct"),
    ],
)
def test_model_syntax_errors_say_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(sem.ModelSyntaxError, match=words):
        sem.parse_model(text)


# --- CB-SEM against lavaan -----------------------------------------------------------------


@pytest.fixture(scope="module")
def democracy() -> pd.DataFrame:
    return pd.read_csv(DATA / "pd_data.csv", index_col=0)


def test_cb_sem_reproduces_lavaans_tutorial_estimates(democracy) -> None:
    """lavaan's tutorial, political democracy model with y4 ~~ y8: published to 3 decimals."""
    fit = sem.fit_cb(democracy, sem.parse_model(POLITICAL_DEMOCRACY + "y4 ~~ y8"))
    published = {"x2": 2.180, "x3": 1.819, "y2": 1.257, "y3": 1.058, "y4": 1.265,
                 "y6": 1.186, "y7": 1.280, "y8": 1.266}  # fmt: skip
    for item, value in published.items():
        assert fit.loadings[item] == pytest.approx(value, abs=1.5e-3), item
    paths = fit.paths.set_index(["cause", "effect"])["estimate"]
    assert paths["ind60", "dem60"] == pytest.approx(1.483, abs=1.5e-3)
    assert paths["ind60", "dem65"] == pytest.approx(0.572, abs=1.5e-3)
    assert paths["dem60", "dem65"] == pytest.approx(0.837, abs=1.5e-3)
    assert fit.fit["chi2"] == pytest.approx(38.125, abs=2e-3)
    assert fit.fit["df"] == 35


def test_cb_sem_standard_errors_are_lavaans(democracy) -> None:
    """lavaan's tutorial prints the standard errors (expected information) to 3 decimals."""
    fit = sem.fit_cb(democracy, sem.parse_model(POLITICAL_DEMOCRACY + "y4 ~~ y8"))
    published = {"y2": 0.182, "y3": 0.151, "y4": 0.145, "y6": 0.169, "y7": 0.160,
                 "y8": 0.158}  # fmt: skip
    for item, value in published.items():
        assert fit.loading_se[item] == pytest.approx(value, abs=1.5e-3), item
    assert fit.loading_se[["x1", "y1", "y5"]].isna().all()  # fixed at 1: no error
    se = fit.paths.set_index(["cause", "effect"])["se"]
    assert se["ind60", "dem60"] == pytest.approx(0.399, abs=1.5e-3)
    assert se["ind60", "dem65"] == pytest.approx(0.221, abs=1.5e-3)
    assert se["dem60", "dem65"] == pytest.approx(0.098, abs=1.5e-3)


def test_cb_sem_reproduces_lavaans_estimates_shipped_with_semopy(democracy) -> None:
    with (DATA / "pd_lavaan_params.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    fit = sem.fit_cb(democracy, sem.parse_model(POLITICAL_DEMOCRACY))
    paths = fit.paths.set_index(["cause", "effect"])["estimate"]
    checked = 0
    for row in rows:
        value = float(row["Estimate"])
        if row["op"] == "=~":
            assert fit.loadings[row["rval"]] == pytest.approx(value, rel=2e-3), row
            checked += 1
        elif row["op"] == "~":
            assert paths[row["rval"], row["lval"]] == pytest.approx(value, rel=2e-3), row
            checked += 1
    assert checked == 14


def test_cb_sem_fit_indices_follow_their_formulas() -> None:
    data = sem.simulate(4)
    fit = sem.fit_cb(data.items, data.model).fit
    p = len(data.model.items)
    free = (p - 4) + 4 + 3 + 2 + p  # loadings, paths, exogenous (co)variances, psi, errors
    assert fit["df"] == p * (p + 1) // 2 - free
    rmsea = np.sqrt(max(fit["chi2"] - fit["df"], 0) / (fit["df"] * fit["n"]))
    assert fit["rmsea"] == pytest.approx(rmsea)
    assert 0 <= fit["srmr"] < 0.1 and 0.9 < fit["cfi"] <= 1


# --- PLS against independent computations --------------------------------------------------


def test_pls_two_blocks_mode_a_is_the_first_singular_pair_of_the_cross_covariance() -> None:
    """Wold's two-block Mode A PLS converges to Tucker's inter-battery weights (an SVD)."""
    data = sem.simulate(6)
    model = sem.parse_model(
        "GOV =~ gov_1 + gov_2 + gov_3 + gov_4\nTRUST =~ trust_1 + trust_2 + trust_3\nTRUST ~ GOV"
    )
    fit = sem.fit_pls(data.items, model)
    x = data.items[model.items]
    z = (x - x.mean()) / x.std()
    cross = z[model.blocks["GOV"]].T.to_numpy() @ z[model.blocks["TRUST"]].to_numpy()
    left, _, right = np.linalg.svd(cross)
    for block, vector in (("GOV", left[:, 0]), ("TRUST", right[0])):
        weights = fit.weights[model.blocks[block]].to_numpy()
        cosine = abs(weights @ vector) / np.linalg.norm(weights)
        assert cosine == pytest.approx(1, abs=1e-6)


def test_pls_with_one_item_per_construct_is_standardised_regression() -> None:
    rng = np.random.default_rng(3)
    frame = pd.DataFrame(rng.normal(size=(200, 3)), columns=["a", "b", "c"])
    frame["c"] += 0.5 * frame["a"] - 0.3 * frame["b"]
    model = sem.parse_model("A =~ a\nB =~ b\nC =~ c\nC ~ A + B")
    z = (frame - frame.mean()) / frame.std()
    beta = np.linalg.lstsq(z[["a", "b"]].to_numpy(), z["c"].to_numpy(), rcond=None)[0]
    paths = sem.fit_pls(frame, model).paths["estimate"].to_numpy()
    assert paths == pytest.approx(beta)


# --- simulation ----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "n"), [("trust", 491), ("scams", 240), ("currency", 505)])
def test_paper_scale_is_each_studys_sample_and_answers_are_likert(name: str, n: int) -> None:
    data = sem.simulate(1, "paper", name)
    assert len(data.responses) == n
    answers = data.responses.drop(columns="respondent_id")
    assert answers.isin([1, 2, 3, 4, 5]).all().all()
    assert len(sem.simulate(1, "teaching", name).responses) == 300


def test_simulated_constructs_have_the_planted_correlations() -> None:
    data = sem.simulate(2, design="trust", n=20000)
    design = data.design
    corr = data.latent.corr()
    assert corr.loc["GOV", "RESP"] == pytest.approx(design.paths[("GOV", "RESP")], abs=0.03)
    assert data.latent.std().to_numpy() == pytest.approx(np.ones(4), abs=0.03)
    # the product term: TRUST on the two standardised constructs' product
    product = data.latent["RESP"] * data.latent["QINFO"]
    slope = np.polyfit(
        product - product.mean(),
        data.latent["TRUST"]
        - (data.latent[["GOV", "RESP", "QINFO"]] @ np.array([0.25, 0.35, 0.2])),
        1,
    )[0]
    assert slope == pytest.approx(design.interaction[3], abs=0.03)


def test_common_method_variance_correlates_the_markers_with_the_items() -> None:
    clean = sem.simulate(3, n=5000)
    biased = sem.simulate(3, design=sem.DESIGNS["trust"].with_cmv(0.4), n=5000)
    for data, low, high in ((clean, -0.05, 0.05), (biased, 0.1, 1)):
        marker = data.responses[list(sem.MARKER)].astype(float)
        assert low < sem.marker_check(data.items, marker)[0] < high


# --- measurement by hand -------------------------------------------------------------------


def test_reliability_and_ave_by_hand() -> None:
    model = sem.parse_model("A =~ a1 + a2 + a3")
    table = sem.reliability(pd.Series({"a1": 0.9, "a2": 0.8, "a3": 0.5}), model)
    total = (0.9 + 0.8 + 0.5) ** 2
    errors = (1 - 0.81) + (1 - 0.64) + (1 - 0.25)
    assert table["composite_reliability"].iloc[0] == pytest.approx(total / (total + errors))
    assert table["ave"].iloc[0] == pytest.approx((0.81 + 0.64 + 0.25) / 3)


def test_htmt_by_hand_on_four_items() -> None:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(rng.normal(size=(50, 4)), columns=["a1", "a2", "b1", "b2"])
    model = sem.parse_model("A =~ a1 + a2\nB =~ b1 + b2")
    r = frame.corr().abs()
    hetero = (r.loc["a1", "b1"] + r.loc["a1", "b2"] + r.loc["a2", "b1"] + r.loc["a2", "b2"]) / 4
    expected = hetero / np.sqrt(r.loc["a1", "a2"] * r.loc["b1", "b2"])
    assert sem.htmt(frame, model).loc["A", "B"] == pytest.approx(expected)


# --- sentences and claims at ten seeds (module level) ------------------------------------


def _chapter(seed: int) -> dict:
    data = sem.simulate(seed)
    drafted = sem.fit_pls(data.items, data.model)
    weak = sem.weak_items(drafted.loadings)
    model = sem.Model({c: [i for i in items if i not in weak]
                       for c, items in data.model.blocks.items()}, data.model.paths)  # fmt: skip
    items = data.items[model.items]
    fit = sem.fit_pls(items, model)
    boot = sem.bootstrap_pls(items, model, mediation=("GOV", "RESP", "TRUST"),
                             resamples=60, seed=seed)  # fmt: skip
    table = sem.recovery_table(data.design, fit.paths, sem.fit_cb(items, model).paths, boot)
    forward, backward = sem.equivalent_fits(sem.SemData(items, model), ("GOV", "RESP", "TRUST"))
    return {"weak": weak, "drafted": sem.reliability(drafted.loadings, data.model),
            "table": table, "boot": boot.set_index("effect"), "forward": forward,
            "backward": backward, "data": data}  # fmt: skip


@pytest.fixture(scope="module")
def chapters() -> dict[int, dict]:
    return {seed: _chapter(seed) for seed in SEEDS}


def test_the_drafted_weak_item_is_caught_at_every_seed(chapters) -> None:
    for seed, chapter in chapters.items():
        assert chapter["weak"] == ["resp_4"], seed
        sentence = sem.measurement_sentence(chapter["weak"], chapter["drafted"])
        assert sentence.startswith("One item loads below 0.7 (resp_4)"), seed


def test_estimator_sentence_names_the_closer_estimator(chapters) -> None:
    for seed, chapter in chapters.items():
        table = chapter["table"]
        pls = abs((table["pls"] - table["planted"]).mean())
        cb = abs((table["cb_sem"] - table["planted"]).mean())
        closer = "CB-SEM" if cb < pls else "PLS-SEM"
        assert sem.estimator_sentence(table).endswith(f"{closer} comes closer."), seed
        # composites attenuate: PLS below the planted paths on average at every seed
        assert (table["pls"] - table["planted"]).mean() < 0, seed


def test_mediation_sentence_follows_the_intervals(chapters) -> None:
    for seed, chapter in chapters.items():
        boot = chapter["boot"]
        indirect = boot.loc["indirect GOV -> RESP -> TRUST"]
        direct = boot.loc["GOV -> TRUST"]
        claim = sem.mediation_claim((direct["low"], direct["high"]),
                                    (indirect["low"], indirect["high"]))  # fmt: skip
        sentence = sem.mediation_sentence(claim, tuple(indirect[["estimate", "low", "high"]]))
        holds_zero = indirect["low"] <= 0 <= indirect["high"]
        assert ("holds zero" in sentence) == holds_zero, seed
        assert f"{indirect['estimate']:.2f}" in sentence


def test_reversed_mediation_fits_exactly_as_well_at_every_seed(chapters) -> None:
    for seed, chapter in chapters.items():
        forward, backward = chapter["forward"], chapter["backward"]
        assert forward.fit["df"] == backward.fit["df"], seed
        assert forward.fit["chi2"] == pytest.approx(backward.fit["chi2"], rel=1e-4), seed
        sentence = sem.equivalence_sentence(forward.fit["chi2"], backward.fit["chi2"])
        assert sentence.startswith("Both fit with the same chi-square"), seed


def test_harman_sentence_matches_its_numbers_at_every_seed() -> None:
    for seed in SEEDS:
        data = sem.simulate(seed, design=sem.DESIGNS["trust"].with_cmv(0.4))
        share = sem.harman_share(data.items)
        marker = sem.marker_check(data.items, data.responses[list(sem.MARKER)].astype(float))
        sentence = sem.harman_sentence(share, marker)
        assert ("test passes" in sentence) == (share <= 0.5), seed
        assert ("common-method variance is there" in sentence) == (marker[1] > 0), seed
        assert share < 0.5, seed  # planted common-method variance, and Harman's test passes


def test_power_sentence_counts_sizes_that_reach_eighty_percent() -> None:
    rng = np.random.default_rng(0)
    for _ in SEEDS:
        power = pd.DataFrame({"study": list("abc"), "n": [240, 491, 505],
                              "power": rng.uniform(0.3, 1, 3)})  # fmt: skip
        sentence = sem.power_sentence(power)
        reach = (power["power"] >= 0.8).sum()
        if reach == 0:
            assert sentence.endswith("no size reaches 80%.")
        elif reach == 3:
            assert sentence.endswith("every size reaches 80%.")
        else:
            assert "only" in sentence


# --- power and size over many worlds -------------------------------------------------------

WORLDS = 30


@pytest.fixture(scope="module")
def rule_worlds() -> pd.DataFrame:
    return sem.run_rules(range(100, 100 + WORLDS), resamples=200)


@pytest.mark.many_worlds
def test_paths_are_found_and_mediation_and_moderation_keep_their_size(rule_worlds) -> None:
    found = rule_worlds.groupby(["finding", "planted"])["found"].sum()
    direct, direct_cb, indirect, interaction = rule_worlds["finding"].unique()
    for finding in (direct_cb, indirect, interaction):
        assert found[finding, False] <= planted.most_false_alarms(WORLDS, 0.05), finding
    for finding in (direct, direct_cb, indirect):
        assert found[finding, True] >= planted.fewest_detections(WORLDS, 0.8), finding


@pytest.mark.many_worlds
def test_cb_sem_keeps_the_direct_paths_size_where_pls_is_fooled(rule_worlds) -> None:
    """Measurement error modelled: CB-SEM's direct path is unbiased in the null worlds."""
    direct, direct_cb = rule_worlds["finding"].unique()[:2]
    null = rule_worlds[~rule_worlds["planted"]].groupby("finding")["estimate"]
    pls, cb = null.mean()[direct], null.mean()[direct_cb]
    cb_se = null.std()[direct_cb] / np.sqrt(WORLDS)
    assert abs(cb) < 3 * cb_se  # no bias CB-SEM could not owe to chance
    assert cb < pls  # PLS's bias (tested below) is not CB-SEM's


@pytest.mark.many_worlds
def test_the_direct_path_absorbs_part_of_the_indirect_effect_in_null_worlds(rule_worlds) -> None:
    """A mediator measured with error: the direct path is biased upwards where it is zero.

    Measured over 150 null worlds at each scale: mean estimate 0.04, size 12% (teaching) and
    20% (paper). The test bounds both: clearly biased, fooled at most about a quarter of the time.
    """
    direct = rule_worlds["finding"].unique()[0]
    null = rule_worlds[(rule_worlds["finding"] == direct) & ~rule_worlds["planted"]]
    estimates = null["estimate"]
    assert estimates.mean() - 3 * estimates.std() / np.sqrt(len(null)) > 0
    assert null["found"].sum() <= planted.most_false_alarms(WORLDS, 0.12)


@pytest.mark.many_worlds
def test_the_interaction_is_found_more_often_than_by_chance(rule_worlds) -> None:
    interaction = rule_worlds[rule_worlds["finding"].str.contains("moderates")]
    found = interaction[interaction["planted"]]["found"].sum()
    assert found > planted.most_false_alarms(WORLDS, 0.05)


@pytest.mark.many_worlds
def test_harman_misses_planted_cmv_and_the_marker_check_finds_it() -> None:
    worlds = sem.cmv_worlds(range(WORLDS))
    found = worlds.groupby(["finding", "planted"])["found"].sum()
    harman, marker = worlds["finding"].unique()
    assert found[harman, True] <= planted.most_false_alarms(WORLDS, 0.05)
    assert found[marker, True] >= planted.fewest_detections(WORLDS, 0.8)
    assert found[marker, False] <= planted.most_false_alarms(WORLDS, 0.05)


@pytest.mark.many_worlds
def test_power_for_a_small_path_is_higher_with_more_respondents() -> None:
    power = sem.power_by_study(range(WORLDS), resamples=200).set_index("study")
    assert power.loc["scams", "n"] == 240 and power.loc["currency", "n"] == 505
    # a small path (0.1) is far from certain with 240 answers
    assert power.loc["scams", "power"] < 0.95
    assert power.loc["currency", "found"] >= power.loc["scams", "found"] - 3


# --- the loader contract -------------------------------------------------------------------


def _copy_sample(tmp_path: Path) -> Path:
    folder = tmp_path / "own"
    folder.mkdir()
    for name in ("responses.csv", "model.txt"):
        (folder / name).write_text((SAMPLE / name).read_text())
    return folder


def test_own_data_sample_loads_as_written() -> None:
    with (SAMPLE / "responses.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    data = sem.load_folder(SAMPLE)
    assert len(data.responses) == len(rows) == 40
    assert data.model.constructs == ["GOV", "RESP", "TRUST"]
    assert data.responses["gov_1"].tolist() == [int(row["gov_1"]) for row in rows]


def test_every_bad_answer_is_listed_with_its_line(tmp_path) -> None:
    folder = _copy_sample(tmp_path)
    lines = (folder / "responses.csv").read_text().splitlines()
    cells = [line.split(",") for line in lines]
    cells[3][1] = "6"
    cells[7][2] = ""
    (folder / "responses.csv").write_text("\n".join(",".join(c) for c in cells) + "\n")
    with pytest.raises(DataError) as caught:
        sem.load_folder(folder)
    problems = caught.value.problems
    assert [(p.row, p.column) for p in problems] == [(4, "gov_1"), (8, "gov_2")]
    skipped = sem.load_folder(folder, on_error="skip")
    assert len(skipped.responses) == 38
    assert skipped.reports[0].rows_dropped == 2


def test_an_item_of_the_model_missing_from_the_file_is_a_data_error(tmp_path) -> None:
    folder = _copy_sample(tmp_path)
    (folder / "model.txt").write_text("GOV =~ gov_1 + gov_9\nTRUST =~ trust_1\nTRUST ~ GOV\n")
    with pytest.raises(DataError, match="gov_9"):
        sem.load_folder(folder)


def test_a_model_that_cannot_be_read_is_a_data_error_naming_the_file(tmp_path) -> None:
    folder = _copy_sample(tmp_path)
    (folder / "model.txt").write_text("GOV := gov_1 + gov_2\n")
    with pytest.raises(DataError, match="model cannot be read") as caught:
        sem.load_folder(folder)
    assert caught.value.file.endswith("model.txt")


def test_a_missing_file_or_folder_is_a_data_error(tmp_path) -> None:
    folder = _copy_sample(tmp_path)
    (folder / "model.txt").unlink()
    with pytest.raises(DataError, match="no model.txt"):
        sem.load_folder(folder)
    with pytest.raises(DataError):
        sem.load_folder(tmp_path / "nowhere")


def test_a_seven_point_scale_is_accepted_when_asked_for(tmp_path) -> None:
    folder = _copy_sample(tmp_path)
    text = (folder / "responses.csv").read_text().splitlines()
    cells = [line.split(",") for line in text]
    cells[2][1] = "7"
    (folder / "responses.csv").write_text("\n".join(",".join(c) for c in cells) + "\n")
    assert sem.load_folder(folder, scale_max=7).responses["gov_1"].iloc[1] == 7
    with pytest.raises(DataError):
        sem.load_folder(folder)


# --- the notebook ---------------------------------------------------------------------------


def test_notebook_code_lines_fit_and_it_is_stored_without_outputs() -> None:
    notebook = json.loads(NOTEBOOK.read_text())
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert not cell["outputs"] and cell["execution_count"] is None
            for line in "".join(cell["source"]).splitlines():
                assert len(line) <= 76, line


@pytest.fixture(scope="module")
def glued(run_notebook) -> dict[str, object]:
    return glued_values(run_notebook(NOTEBOOK))


@pytest.mark.slow
def test_notebook_executes_and_glues_its_figure(glued) -> None:
    for name in ("fig_paths", "fig_response_index"):
        assert isinstance(glued[name], dict) and "image/png" in glued[name], name


@pytest.mark.slow
def test_notebook_response_index_matches_a_plain_reading(glued) -> None:
    with OXCGRT.open(newline="") as handle:
        rows = list(csv.reader(handle))
    row = next(r for r in rows if r[0] == "PAK" and r[6] == "NAT_TOTAL")
    values = [(float(v), day) for day, v in zip(rows[0][7:], row[7:], strict=True) if v]
    peak = max(v for v, _ in values)
    first_day = next(day for v, day in values if v == peak)
    assert text_of(glued, "index_peak") == f"{peak:.0f}"
    assert text_of(glued, "index_days") == f"{len(values):,}"
    assert pd.Timestamp(text_of(glued, "index_peak_day")) == pd.to_datetime(
        first_day, format="%d%b%Y"
    )


@pytest.mark.slow
def test_notebook_numbers_match_a_plain_recount(glued) -> None:
    data = sem.simulate(2021, "teaching", "trust")
    assert text_of(glued, "n_respondents") == f"{len(data.responses):,}"
    assert text_of(glued, "n_items") == f"{len(data.model.items)}"
    p = len(data.model.items) - 1  # resp_4 dropped
    free = (p - 4) + 4 + 3 + 2 + p
    assert text_of(glued, "fit_df") == f"{p * (p + 1) // 2 - free}"
    assert text_of(glued, "planted_indirect") == f"{0.5 * 0.35:.2f}"
    assert "resp_4" in text_of(glued, "weak_sentence")
    assert text_of(glued, "equivalence_sentence").startswith("Both fit")


@pytest.mark.slow
def test_notebook_runs_on_the_own_data_sample(run_notebook) -> None:
    notebook = run_notebook(NOTEBOOK, DATA_PATH=str(SAMPLE), RESAMPLES=50)
    errors = [o for c in notebook.cells for o in c.get("outputs", [])
              if o.get("output_type") == "error"]  # fmt: skip
    assert not errors
    glued = glued_values(notebook)
    assert text_of(glued, "n_respondents") == "40"
    assert "fig_paths" in glued


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", "no construct"), (b"\xef\xbb\xbf", "no construct"), (b"\xff\xfe", "not UTF-8")],
    ids=["empty", "byte-order mark only", "not utf-8"],
)
def test_a_model_file_of_a_few_bytes_is_a_data_error(tmp_path, content, words) -> None:
    folder = _copy_sample(tmp_path)
    (folder / "model.txt").write_bytes(content)
    with pytest.raises(DataError, match=words):
        sem.load_folder(folder)


def test_a_model_file_with_a_byte_order_mark_is_read(tmp_path) -> None:
    folder = _copy_sample(tmp_path)
    text = (SAMPLE / "model.txt").read_bytes()
    (folder / "model.txt").write_bytes(b"\xef\xbb\xbf" + text)
    assert sem.load_folder(folder).model.constructs == ["GOV", "RESP", "TRUST"]


# --- real data: the Government Response Index ---------------------------------------------

OXCGRT = ROOT / "data" / "oxcgrt" / "OxCGRT_timeseries_GovernmentResponseIndex_v1.csv"


def test_response_index_matches_a_plain_reading_of_the_file() -> None:
    with OXCGRT.open(newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    row = next(r for r in rows if r[0] == "PAK" and r[6] == "NAT_TOTAL")
    days = {name: cell for name, cell in zip(header[7:], row[7:], strict=True) if cell}
    index = sem.read_response_index(OXCGRT, "PAK")
    assert len(index) == len(days)
    assert index.max() == pytest.approx(max(float(v) for v in days.values()))
    assert index.iloc[0] == float(days["01Jan2020"])
    assert str(index.index.max().date()) == "2023-02-28" or len(days) < len(header) - 7


def test_response_index_errors_name_the_problem(tmp_path) -> None:
    with pytest.raises(DataError, match="no national row for 'XXX'"):
        sem.read_response_index(OXCGRT, "XXX")
    with pytest.raises(DataError, match="no such file"):
        sem.read_response_index(tmp_path / "nothing.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "CountryCode,CountryName,RegionCode,RegionName,CityCode,CityName,Jurisdiction,"
        "01Jan2020,02Jan2020,03Jan2020\nPAK,Pakistan,,,,,NAT_TOTAL,1.5,x,120\n"
    )
    with pytest.raises(DataError) as caught:
        sem.read_response_index(bad)
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (2, "02Jan2020"),
        (2, "03Jan2020"),
    ]
    bad.write_text("Country,Name\nPAK,Pakistan\n")
    with pytest.raises(DataError, match="a column is missing"):
        sem.read_response_index(bad)


# --- the second stage: a neural network ---------------------------------------------------


def test_ann_sentence_follows_its_numbers_at_every_seed() -> None:
    for seed in SEEDS:
        data = sem.simulate(seed, design="currency")
        scores = sem.fit_pls(data.items, data.model).scores
        stage = sem.ann_stage(scores, "PART", ["PRIV", "TTECH", "REACH"], seed=seed)
        table = stage.table
        assert table["ann_importance_normalised"].max() == pytest.approx(1.0)
        assert table["path_normalised"].max() == pytest.approx(1.0)
        sentence = sem.ann_sentence(stage.ann_r2, stage.linear_r2, table)
        assert f"{stage.ann_r2:.0%}" in sentence and f"{stage.linear_r2:.0%}" in sentence
        top = table.loc[table["ann_importance_normalised"].idxmax(), "cause"]
        assert f"most important cause is {top}" in sentence or f"cause, {top}," in sentence
        # the planted relations are linear: the network never clearly beats the regression
        assert stage.ann_r2 <= stage.linear_r2 + 0.05, seed


def test_the_political_democracy_panel_loads_and_refuses_a_bad_cell(tmp_path) -> None:
    shipped = io.data_dir() / "political_democracy" / "pd_data.csv"
    frame = sem.read_political_democracy(shipped)
    assert frame.shape == (75, 11) and list(frame.columns) == sem.DEMOCRACY.names
    pd.testing.assert_frame_equal(frame, pd.read_csv(DATA / "pd_data.csv", index_col=0)
                                  .reset_index(drop=True), check_dtype=False)
    rows = shipped.read_text().splitlines()
    cells = rows[4].split(",")
    cells[2] = "n/a"  # y2 of the fourth country, line 5
    rows[4] = ",".join(cells)
    broken = tmp_path / "pd_data.csv"
    broken.write_text("\n".join(rows) + "\n")
    with pytest.raises(DataError, match=r"row 5, column 'y2'.*float"):
        sem.read_political_democracy(broken)
