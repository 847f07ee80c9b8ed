"""The open-government chapter: scalogram statistics, the simulator, recovery, real and own data.

Expectations are worked out by hand on tiny tables (the arithmetic is in the comments) or by a
second method: Loevinger's H from covariances instead of Guttman errors, plain loops instead of
numpy, the ``csv`` module over the raw Barometer file.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from book_tools import ROOT, glued_values, text_of

from govsocial import opengov as og
from govsocial import planted
from govsocial.schema import DataError
from govsocial.stats import wilson_interval

SAMPLE = ROOT / "tests" / "data" / "opengov"
BAROMETER = ROOT / "data" / "open_data_barometer" / "ODB-2014-Datasets-Scored.csv"
SEEDS = range(11)  # the chapter's claims are checked at every one of these seeds

# Five units, three steps. Shares: a 0.8, b 0.6, c 0.4 (so a is easiest, c hardest).
HAND = pd.DataFrame({"a": [1, 1, 1, 1, 0], "b": [1, 1, 0, 0, 1], "c": [1, 0, 0, 1, 0]})


# --------------------------------------------------------------------------------------------
# Loevinger's H, Guttman's reproducibility, skipped steps: by hand
# --------------------------------------------------------------------------------------------


def test_pair_h_of_the_hand_table_is_worked_out_by_hand() -> None:
    result = og.loevinger_h(HAND)
    # (a, b): errors are units without a but with b: unit 5, F = 1; E = 5 * 0.2 * 0.6 = 0.6.
    # (a, c): no unit has c without a, F = 0; E = 5 * 0.2 * 0.4 = 0.4.
    # (b, c): unit 4 has c without b, F = 1; E = 5 * 0.4 * 0.4 = 0.8.
    assert result.errors.loc["a", "b"] == 1 and result.errors.loc["a", "c"] == 0
    assert result.expected.loc["b", "c"] == pytest.approx(0.8)
    assert result.pair_h.loc["a", "b"] == pytest.approx(1 - 1 / 0.6)
    assert result.pair_h.loc["c", "a"] == pytest.approx(1.0)
    assert result.pair_h.loc["b", "c"] == pytest.approx(1 - 1 / 0.8)
    assert result.h == pytest.approx(1 - 2 / 1.8)
    assert result.item_h.to_dict() == pytest.approx(
        {"a": 1 - 1 / 1.0, "b": 1 - 2 / 1.4, "c": 1 - 1 / 1.2}
    )


def test_pair_h_equals_the_published_worked_example() -> None:
    # tests/data/opengov/loevinger_example/README.md: means 0.2 and 0.6, n = 100, 8 errors
    # expected under independence, 2 observed: Hij = 1 - 2/8 = 0.75 as printed.
    example = pd.read_csv(SAMPLE / "loevinger_example" / "responses.csv", index_col=0)
    assert example.mean().to_dict() == pytest.approx({"item_i": 0.2, "item_j": 0.6})
    result = og.loevinger_h(example)
    assert result.expected.loc["item_j", "item_i"] == pytest.approx(8.0)
    assert result.errors.loc["item_j", "item_i"] == 2
    assert result.pair_h.loc["item_i", "item_j"] == pytest.approx(0.75)
    assert result.h == pytest.approx(0.75)  # one pair: the scale's H is the pair's


def test_reproducibility_of_the_hand_table_is_worked_out_by_hand() -> None:
    # Ideal patterns by total: unit 4 (total 2) should be 110 but is 101, two cells off;
    # unit 5 (total 1) should be 100 but is 010, two cells off: 4 of 15 cells differ.
    rep, marginal = og.guttman_reproducibility(HAND)
    assert rep == pytest.approx(11 / 15)
    assert marginal == pytest.approx((0.8 + 0.6 + 0.6) / 3)


def test_skipped_steps_of_the_hand_table() -> None:
    # Unit 5 holds b without a; unit 4 holds c without b.
    assert og.skipped_steps(HAND).to_dict() == {"a": 1, "b": 1, "c": 0}


def test_step_order_sorts_by_share() -> None:
    assert og.step_order(HAND[["c", "a", "b"]]).index.tolist() == ["a", "b", "c"]


def h_from_covariances(values: np.ndarray) -> float:
    """Second method: H = sum over pairs of cov / sum of the largest cov the shares allow."""
    n, k = values.shape
    cov_sum = max_sum = 0.0
    for i, j in itertools.combinations(range(k), 2):
        p_i, p_j = values[:, i].mean(), values[:, j].mean()
        both = sum(values[u, i] * values[u, j] for u in range(n)) / n
        cov_sum += both - p_i * p_j
        max_sum += min(p_i, p_j) * (1 - max(p_i, p_j))
    return cov_sum / max_sum


@pytest.mark.parametrize("seed", range(12))
def test_h_from_errors_equals_h_from_covariances(seed: int) -> None:
    rng = np.random.default_rng(seed)
    values = (rng.random((40, 5)) < rng.uniform(0.2, 0.8, 5)).astype(int)
    values[0], values[1] = 1, 0  # no constant column
    items = pd.DataFrame(values, columns=list("vwxyz"))
    assert og.loevinger_h(items).h == pytest.approx(h_from_covariances(values))


def test_perfect_staircase_has_h_and_reproducibility_one() -> None:
    stair = pd.DataFrame({"a": [1, 1, 1, 0], "b": [1, 1, 0, 0], "c": [1, 0, 0, 0]})
    assert og.loevinger_h(stair).h == pytest.approx(1.0)
    assert og.guttman_reproducibility(stair)[0] == 1.0
    h, low, high = og.bootstrap_h(pd.concat([stair] * 10), np.random.default_rng(0), n_boot=50)
    assert low == pytest.approx(1.0) and high == pytest.approx(1.0)


def test_bootstrap_interval_holds_the_estimate(tmp_path: Path) -> None:
    items = og.simulate(3).items
    h, low, high = og.bootstrap_h(items, np.random.default_rng(3))
    assert low < h < high


def test_scalogram_refuses_missing_values_non_binary_and_constant_steps() -> None:
    with pytest.raises(ValueError, match="0 or 1"):
        og.loevinger_h(pd.DataFrame({"a": [1, 2], "b": [0, 1]}))
    with pytest.raises(ValueError, match="0 or 1"):
        og.loevinger_h(pd.DataFrame({"a": [1, None], "b": [0, 1]}))
    with pytest.raises(ValueError, match="undefined"):
        og.loevinger_h(pd.DataFrame({"a": [1, 1], "b": [0, 1]}))
    with pytest.raises(ValueError, match="two indicators"):
        og.loevinger_h(pd.DataFrame({"a": [1, 0]}))


# --------------------------------------------------------------------------------------------
# The simulator
# --------------------------------------------------------------------------------------------


def test_same_seed_same_world_and_names_are_fictional() -> None:
    one, two = og.simulate(5), og.simulate(5)
    pd.testing.assert_frame_equal(one.indicators, two.indicators)
    assert not one.indicators.equals(og.simulate(6).indicators)
    assert one.indicators["agency"].is_unique
    assert one.indicators["agency"].str.match(r"^(Agency|Office|Bureau|Commission|Service) ").all()
    assert len(og.simulate(5, "paper").indicators) == og.SCALES["paper"]


def test_without_error_the_staircase_is_perfect() -> None:
    world = og.simulate(2, error=0.0)
    assert og.loevinger_h(world.items).h == pytest.approx(1.0)
    held = world.items.to_numpy().reshape(len(world.items), 5, 2)[:, :, 0]
    assert (held.sum(axis=1) == world.level.to_numpy()).all()


def test_null_world_keeps_every_step_as_common_as_the_staircase() -> None:
    # Averaged over worlds, each indicator's share is the same with and without a staircase.
    stair = pd.concat([og.simulate(s).items for s in range(20)]).mean()
    null = pd.concat([og.simulate(s, cumulative=False).items for s in range(20)]).mean()
    assert (stair - null).abs().max() < 0.04


def test_another_order_is_recovered() -> None:
    order = ("initial conditions", "open participation", "data transparency",
             "open collaboration", "ubiquitous engagement")  # fmt: skip
    world = og.simulate(4, "paper", order=order)
    assert og.level_order(world.items) == order


def test_simulate_refuses_bad_arguments() -> None:
    with pytest.raises(ValueError, match="scale"):
        og.simulate(1, "huge")
    with pytest.raises(ValueError, match="order"):
        og.simulate(1, order=("initial conditions",))
    with pytest.raises(ValueError, match="error"):
        og.simulate(1, error=0.6)


# --------------------------------------------------------------------------------------------
# Power and size over many worlds
# --------------------------------------------------------------------------------------------

N_WORLDS = 60


@pytest.fixture(scope="module")
def characteristics() -> pd.DataFrame:
    return og.operating_characteristics(range(1000, 1000 + N_WORLDS)).set_index("finding")


@pytest.mark.many_worlds
def test_h_rule_finds_the_staircase_and_keeps_its_size(characteristics) -> None:
    row = characteristics.iloc[0]
    assert row["power"] * N_WORLDS >= planted.fewest_detections(N_WORLDS, 0.9)
    assert row["size"] * N_WORLDS <= planted.most_false_alarms(N_WORLDS, 0.05)


@pytest.mark.many_worlds
def test_reproducibility_rule_keeps_its_size_in_these_worlds(characteristics) -> None:
    row = characteristics.iloc[1]
    assert row["size"] * N_WORLDS <= planted.most_false_alarms(N_WORLDS, 0.05)


@pytest.mark.many_worlds
def test_order_of_popularity_fools_us_and_the_table_says_so(characteristics) -> None:
    row = characteristics.iloc[2]
    assert row["size"] * N_WORLDS >= planted.fewest_detections(N_WORLDS, 0.8)
    assert row["size_above_level"]
    table = planted.fool_table(characteristics.reset_index())
    assert table["verdict"].iloc[2].startswith("fooled more often")


# --------------------------------------------------------------------------------------------
# The sentences, at many seeds
# --------------------------------------------------------------------------------------------


def claims_at(seed: int, cumulative: bool) -> dict[str, object]:
    world = og.simulate(seed, cumulative=cumulative)
    result = og.analyse(world.items, seed, n_boot=200)
    skipped = og.skipped_steps(world.items)
    return {
        "result": result,
        "skipped": skipped,
        "units": len(world.items),
        "scale": og.scale_sentence(result.h, result.h_low, result.h_high),
        "rep": og.reproducibility_sentence(result.reproducibility, result.marginal),
        "order": og.order_sentence(result.order, world.order),
        "skip": og.skip_sentence(skipped, len(world.items)),
        "planted_order": world.order,
    }


CLAIMS = [claims_at(seed, cumulative) for seed in SEEDS for cumulative in (True, False)]


@pytest.mark.parametrize("claims", CLAIMS)
def test_claims_are_true_for_their_numbers(claims) -> None:
    result = claims["result"]
    if result.h_low > og.H_THRESHOLD:
        assert claims["scale"].endswith("behave as a staircase.")
    elif result.h_high < og.H_THRESHOLD:
        assert claims["scale"].endswith("are not a staircase.")
    else:
        assert "straddles" in claims["scale"]
    assert f"{result.h:.2f}" in claims["scale"]
    better = result.reproducibility > result.marginal
    assert ("above" in claims["rep"]) == better
    same = result.order == claims["planted_order"]
    assert claims["order"].startswith("The levels are held in the planted order") == same
    top = claims["skipped"].idxmax()
    assert f" {top}: {claims['skipped'][top]:,} of {claims['units']:,}" in claims["skip"]


def test_claims_say_the_staircase_in_staircase_worlds_and_not_in_null_worlds() -> None:
    stair = CLAIMS[::2]
    null = CLAIMS[1::2]
    assert all(c["scale"].endswith("behave as a staircase.") for c in stair)
    assert all(not c["scale"].endswith("behave as a staircase.") for c in null)


def test_fool_sentence_names_honest_and_fooled_rules() -> None:
    oc = pd.DataFrame({"finding": ["s: H", "s: Rep", "s: order"],
                       "size_above_level": [False, False, True], "size": [0.0, 0.02, 1.0]})
    assert og.fool_sentence(oc) == (
        'The rules "H" and "Rep" keep their size (0% and 2% of non-cumulative worlds fooled '
        'them); the rule "order" is fooled in 100% of them.'
    )
    only_fooled = oc.iloc[[2]]
    assert og.fool_sentence(only_fooled) == (
        'The rule "order" is fooled in 100% of the non-cumulative worlds.'
    )


# --------------------------------------------------------------------------------------------
# The Open Data Barometer
# --------------------------------------------------------------------------------------------


def barometer_rows() -> list[dict[str, str]]:
    with BAROMETER.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_barometer_loads_every_row_and_the_checklist_matches_the_csv() -> None:
    rows = barometer_rows()
    datasets = og.read_barometer_datasets()
    assert len(datasets) == len(rows) == 1290
    assert datasets["ISO2"].nunique() == 86
    steps = og.checklist(datasets)
    for column, label in og.CHECKLIST.items():
        by_hand = sum(int(row[column]) > 0 for row in rows)
        assert steps[label].sum() == by_hand, column


def test_barometer_loader_names_a_bad_cell(tmp_path: Path) -> None:
    text = BAROMETER.read_text(encoding="utf-8").splitlines()
    text[3] = text[3].replace('"5","10"', '"5","ten"', 1)
    broken = tmp_path / "scores.csv"
    broken.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        og.read_barometer_datasets(broken)
    assert caught.value.row == 4


def test_rank_intervals_hold_each_rank_and_match_plain_means() -> None:
    datasets = og.read_barometer_datasets()
    ranks = og.rank_intervals(datasets, np.random.default_rng(1), n_boot=300)
    assert len(ranks) == 86
    assert ((ranks["rank_low"] <= ranks["rank"]) & (ranks["rank"] <= ranks["rank_high"])).all()
    scores: dict[str, list[int]] = {}
    for row in barometer_rows():
        scores.setdefault(row["ISO2"], []).append(int(row["CalculatedScore"]))
    means = {iso: sum(v) / len(v) for iso, v in scores.items()}
    best = max(means, key=means.get)
    assert ranks["ISO2"].iloc[0] == best
    assert ranks.set_index("ISO2")["score"].to_dict() == pytest.approx(means)


# --------------------------------------------------------------------------------------------
# Own data
# --------------------------------------------------------------------------------------------


def test_own_data_sample_loads_as_written() -> None:
    items, reports = og.load_folder(SAMPLE)
    with (SAMPLE / "indicators.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert items.shape == (len({r["unit"] for r in rows}), len({r["indicator"] for r in rows}))
    first = rows[0]
    assert items.loc[first["unit"], first["indicator"]] == int(first["value"])
    assert reports[0].rows_read == len(rows)


def write(folder: Path, lines: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "indicators.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_own_data_bad_value_is_named_by_row_and_column(tmp_path: Path) -> None:
    folder = write(tmp_path / "mine", ["unit,indicator,value", "A,x,1", "A,y,2", "B,x,0", "B,y,1"])
    with pytest.raises(DataError) as caught:
        og.load_folder(folder)
    assert caught.value.row == 3 and caught.value.column == "value"


def test_own_data_missing_pair_and_duplicate_are_named(tmp_path: Path) -> None:
    folder = write(tmp_path / "gap", ["unit,indicator,value", "A,x,1", "A,y,0", "B,x,0"])
    with pytest.raises(DataError, match="B: y"):
        og.load_folder(folder)
    folder = write(tmp_path / "twice", ["unit,indicator,value", "A,x,1", "A,x,0"])
    with pytest.raises(DataError, match="duplicate"):
        og.load_folder(folder)


def test_own_data_missing_folder_or_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        og.load_folder(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError, match="indicators.csv"):
        og.load_folder(tmp_path / "empty")


# --------------------------------------------------------------------------------------------
# The chapter notebook: its glued numbers, recomputed here from the simulator or the raw files
# --------------------------------------------------------------------------------------------

NOTEBOOK = ROOT / "notebooks" / "opengov.ipynb"
CHAPTER_SEED = 2012


@pytest.fixture(scope="module")
def glued(run_notebook) -> dict[str, object]:
    return glued_values(run_notebook(NOTEBOOK))


def test_notebook_glues_every_figure(glued) -> None:
    for name in ("fig_steps", "fig_pair_h", "fig_odb_pair_h", "fig_ranks"):
        assert isinstance(glued[name], dict) and "image/png" in glued[name], name


def test_notebook_simulated_numbers_match_a_second_method(glued) -> None:
    items = og.simulate(CHAPTER_SEED).items
    values = items.to_numpy()
    assert text_of(glued, "n_units") == f"{len(items):,}"
    assert f"H is {h_from_covariances(values):.2f} " in text_of(glued, "scale_sentence")
    assert text_of(glued, "scale_sentence").endswith("behave as a staircase.")
    assert text_of(glued, "null_scale_sentence").endswith("not a staircase.")
    assert text_of(glued, "fool_sentence").endswith('is fooled in 100% of them.')
    assert text_of(glued, "n_worlds") == "40"


def test_notebook_barometer_numbers_match_the_csv(glued) -> None:
    rows = barometer_rows()
    values = np.array([[int(row[c]) > 0 for c in og.CHECKLIST] for row in rows], dtype=int)
    assert text_of(glued, "odb_pairs") == f"{len(rows):,}"
    assert text_of(glued, "odb_countries") == f"{len({row['ISO2'] for row in rows})}"
    assert f"H is {h_from_covariances(values):.2f} " in text_of(glued, "odb_scale_sentence")
    # the caption: the first three steps have no Guttman errors with any other step
    item_h = og.loevinger_h(og.checklist(og.read_barometer_datasets())).item_h
    assert (item_h[["exists", "available online", "machine-readable"]] == 1).all()


def test_notebook_registry_numbers_match_the_json(glued) -> None:
    accounts = json.loads((ROOT / "data" / "usdr" / "DOC_accts.txt").read_text())
    # the registry's loader strips spaces around names: "U.S. Census Bureau " is one office
    offices = {a["organization"].strip() for a in accounts if (a["organization"] or "").strip()}
    assert text_of(glued, "n_offices") == f"{len(offices):,}"
    twitter = {a["organization"] for a in accounts if a["service_display_name"] == "Twitter"}
    facebook = {a["organization"] for a in accounts if a["service_display_name"] == "Facebook"}
    assert facebook - twitter and twitter - facebook  # "Facebook without Twitter, or the reverse"
    assert text_of(glued, "usdr_scale_sentence").endswith("not a staircase.")


def test_notebook_runs_on_the_own_data_sample(run_notebook) -> None:
    notebook = run_notebook(NOTEBOOK, DATA_PATH=str(SAMPLE))
    glued = glued_values(notebook)
    items, _ = og.load_folder(SAMPLE)
    assert text_of(glued, "n_units") == f"{len(items):,}"
    assert "fool_sentence" not in glued and "order_sentence" not in glued
    sentence = text_of(glued, "scale_sentence")
    assert "simulat" not in sentence and "planted" not in sentence


# --------------------------------------------------------------------------------------------
# The DigitalGov corpus
# --------------------------------------------------------------------------------------------

ARCHIVE = ROOT / "data" / "digitalgov" / "social_media_posts.zip"
HAND_CODED = ROOT / "data" / "digitalgov" / "hand_coded_sample.csv"


def years_by_hand() -> dict[str, int]:
    """Pages per year with zipfile and a plain search for the date line."""
    counts: dict[str, int] = {}
    with zipfile.ZipFile(ARCHIVE) as archive:
        for name in archive.namelist():
            if name.endswith(".md"):
                text = archive.read(name).decode("utf-8")
                front = text.split("---")[1]
                for line in front.splitlines():
                    if line.startswith("date:"):
                        year = line.split()[1][:4]
                        counts[year] = counts.get(year, 0) + 1
    return counts


def test_digitalgov_pages_and_years_match_a_plain_reading() -> None:
    pages = og.read_digitalgov()
    assert len(pages) == 324 and pages["date"].isna().sum() == 1
    by_year = pages["year"].dropna().astype(int).astype(str).value_counts().to_dict()
    assert by_year == years_by_hand()


def test_digitalgov_reader_names_every_bad_page(tmp_path: Path) -> None:
    archive = tmp_path / "pages.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("a.md", "---\ntitle: Fine\ndate: 2014-01-02 10:00:00 -0500\n---\nbody")
        out.writestr("b.md", "no front matter here")
        out.writestr("c.md", "---\ntitle: Bad date\ndate: yesterday\n---\nbody")
    with pytest.raises(DataError) as caught:
        og.read_digitalgov(archive)
    message = str(caught.value)
    assert "b.md" in message and "c.md" in message and "a.md" not in message


def test_plain_text_and_the_dictionary_ignore_markup() -> None:
    toy = pd.DataFrame({
        "title": ["Videos"], "summary": [""],
        "body": ['{{< img caption="" >}} See <a href="https://x.gov/508">this</a>. We engage.'],
    })
    coded = og.code_pages(toy).iloc[0]
    assert coded["accessibility"] == 0 and coded["engagement"] == 1
    capitals = pd.DataFrame({"title": ["pii and tos"], "summary": [""], "body": ["PII"]})
    assert og.code_pages(capitals).iloc[0][["privacy", "terms of service"]].tolist() == [1, 0]


def test_theme_shares_use_wilson_intervals_per_period() -> None:
    from statsmodels.stats.proportion import proportion_confint

    coded = pd.DataFrame({"privacy": [1, 0, 0, 1, 1, 0, 0]})
    period = pd.Series(["2014"] * 4 + ["2015"] * 3)
    shares = og.theme_shares(coded, period).set_index("period")
    low, high = proportion_confint(2, 4, method="wilson")
    assert shares.loc["2014", "share"] == 0.5
    assert shares.loc["2014", "low"] == pytest.approx(low)
    assert shares.loc["2014", "high"] == pytest.approx(high)
    assert shares.loc["2015", "pages"] == 3


def test_validation_of_the_dictionary_by_hand() -> None:
    hand = pd.DataFrame({"x": [1, 1, 0, 0]}, index=list("abcd"))
    machine = pd.DataFrame({"x": [1, 0, 1, 0]}, index=list("abcd"))
    row = og.validate_dictionary(machine, hand).iloc[0]
    # agree on a and d: 2 of 4; p_o = 0.5, p_e = 0.5 * 0.5 + 0.5 * 0.5 = 0.5, so kappa = 0
    assert row["agreement"] == 0.5 and row["kappa"] == pytest.approx(0.0)
    assert row["precision"] == 0.5 and row["recall"] == 0.5


def test_hand_coded_sample_lists_real_pages_and_every_theme() -> None:
    hand = pd.read_csv(HAND_CODED)
    assert list(hand.columns) == ["page", *og.THEMES]
    assert set(hand["page"]) <= set(og.read_digitalgov()["page"])
    assert hand[list(og.THEMES)].isin([0, 1]).all().all()


def random_shares(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for theme in ("a", "b", "c"):
        for period in ("1", "2", "3"):
            n = int(rng.integers(5, 60))
            k = int(rng.integers(0, n + 1))
            low, high = wilson_interval(k, n)
            rows.append({"theme": theme, "period": period, "pages": n, "mentions": k,
                         "share": k / n, "low": low, "high": high})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("seed", range(12))
def test_change_sentence_claims_a_change_only_when_intervals_part(seed: int) -> None:
    shares = random_shares(seed)
    sentence = og.change_sentence(shares)
    for theme, part in shares.groupby("theme"):
        first, last = part.iloc[0], part.iloc[-1]
        parted = last["low"] > first["high"] or last["high"] < first["low"]
        said = f"{theme} rose" in sentence or f"{theme} fell" in sentence
        assert parted == said, (theme, sentence)
        if last["low"] > first["high"]:
            assert f"{theme} rose ({first['share']:.0%} to {last['share']:.0%})" in sentence


def test_notebook_corpus_numbers_match_a_plain_reading(glued) -> None:
    by_hand = years_by_hand()
    assert text_of(glued, "n_pages") == f"{sum(by_hand.values()) + 1:,}"
    assert text_of(glued, "n_undated") == "1"
    hand = pd.read_csv(HAND_CODED).set_index("page")
    assert text_of(glued, "n_hand") == f"{len(hand)}"
    assert isinstance(glued["fig_themes"], dict)


# --------------------------------------------------------------------------------------------
# The topic model: fitted, paired with the themes, validated and counted like the dictionary
# --------------------------------------------------------------------------------------------

TOY_PAGES = pd.DataFrame({"title": ["t"] * 8, "summary": [""] * 8, "body": [
    "privacy data privacy rules", "privacy data rules notice", "privacy rules data notice",
    "privacy notice data rules", "video captions video audio", "video captions audio player",
    "audio captions video player", "captions player audio video"]})


def test_topic_model_separates_two_vocabularies_and_is_seeded() -> None:
    topics = og.topic_model(TOY_PAGES, 2, seed=3, n_terms=3)
    assert topics.weights.sum(axis=1).to_numpy() == pytest.approx(np.ones(8))
    heaviest = topics.weights.idxmax(axis=1)
    assert heaviest.iloc[:4].nunique() == 1 and heaviest.iloc[4:].nunique() == 1
    assert heaviest.iloc[0] != heaviest.iloc[4]
    again = og.topic_model(TOY_PAGES, 2, seed=3, n_terms=3)
    pd.testing.assert_frame_equal(topics.weights, again.weights)
    with pytest.raises(ValueError):
        og.topic_model(TOY_PAGES, 0)


def test_match_topics_pairs_by_correlation_one_to_one() -> None:
    weights = pd.DataFrame({"topic 1": [0.9, 0.8, 0.1, 0.2], "topic 2": [0.1, 0.2, 0.9, 0.8]})
    coded = pd.DataFrame({"privacy": [0, 0, 1, 1], "video": [1, 1, 0, 0], "x": [1, 0, 1, 0]})
    pairs = og.match_topics(weights, coded)  # three themes, two topics: x stays unpaired
    assert pairs.set_index("theme")["topic"].to_dict() == {"privacy": "topic 2",
                                                          "video": "topic 1"}
    by_hand = np.corrcoef(weights["topic 2"], coded["privacy"])[0, 1]
    assert pairs.set_index("theme").loc["privacy", "correlation"] == pytest.approx(by_hand)
    codes = og.topic_codes(weights, pairs, threshold=0.5)
    assert codes["video"].tolist() == [1, 1, 0, 0] and list(codes.columns) == ["privacy", "video"]


@pytest.fixture(scope="module")
def corpus() -> dict[str, object]:
    pages = og.read_digitalgov()
    hand = pd.read_csv(HAND_CODED).set_index("page")
    coded = og.code_pages(pages)
    return {"pages": pages, "hand": hand, "coded": coded,
            "validation": og.validate_dictionary(coded.set_axis(pages["page"]), hand)}


def topic_claims(corpus: dict[str, object], seed: int) -> dict[str, object]:
    pages, coded = corpus["pages"], corpus["coded"]
    topics = og.topic_model(pages, 7, seed=seed)
    matching = og.match_topics(topics.weights, coded)
    codes = og.topic_codes(topics.weights, matching)
    validation = og.validate_dictionary(codes.set_axis(pages["page"]), corpus["hand"])
    return {"matching": matching, "validation": validation, "codes": codes,
            "match": og.match_sentence(matching),
            "coder": og.coder_sentence(corpus["validation"], validation)}


@pytest.mark.parametrize("seed", SEEDS)
def test_topic_sentences_are_true_for_their_numbers(corpus, seed: int) -> None:
    claims = topic_claims(corpus, seed)
    matching = claims["matching"]
    # one theme per topic, every topic used once (as many topics as themes)
    assert sorted(matching["theme"]) == sorted(og.THEMES) and matching["topic"].is_unique
    for row in matching.itertuples():
        named = f"{row.theme}: {row.topic}, r = {row.correlation:.2f}" in claims["match"]
        assert named == (row.correlation >= 0.3), claims["match"]
    # the coder sentence's shares, recomputed from the 0/1 codes directly
    hand = corpus["hand"]
    coded = corpus["coded"].set_axis(corpus["pages"]["page"]).loc[hand.index, hand.columns]
    topic = claims["codes"].set_axis(corpus["pages"]["page"]).loc[hand.index, hand.columns]
    dictionary_share = float((coded.to_numpy() == hand.to_numpy()).mean())
    topic_share = float((topic.to_numpy() == hand.to_numpy()).mean())
    assert f"makes {dictionary_share:.0%} (" in claims["coder"]
    assert f"topic model {topic_share:.0%} (" in claims["coder"]
    if dictionary_share - topic_share >= 0.05:
        assert claims["coder"].endswith("the dictionary agrees more often.")
    elif topic_share - dictionary_share >= 0.05:
        assert claims["coder"].endswith("the topic model agrees more often.")
    else:
        assert "about as often" in claims["coder"]


def test_notebook_topic_numbers_match_a_second_fit(corpus, glued) -> None:
    claims = topic_claims(corpus, CHAPTER_SEED)
    assert text_of(glued, "n_topics") == "7"
    assert text_of(glued, "match_sentence") == claims["match"]
    assert text_of(glued, "coder_sentence") == claims["coder"]
    assert isinstance(glued["fig_topics"], dict)


# --------------------------------------------------------------------------------------------
# The Barometer experts' justifications: loader, dictionary, bands
# --------------------------------------------------------------------------------------------

ANSWERS = ROOT / "data" / "open_data_barometer" / "primary_data_context_impact.csv"


def answers_by_hand() -> list[dict[str, str]]:
    with ANSWERS.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_expert_answers_load_every_row_as_written() -> None:
    answers, report = og.read_barometer_answers()
    rows = answers_by_hand()
    assert len(answers) == len(rows) == 1118 and report.rows_read == len(rows)
    assert answers["score"].tolist() == [int(r["Response"]) for r in rows]
    assert answers["justification"].tolist() == [r["Justification"] for r in rows]
    assert answers["country"].nunique() == 86 and answers["question"].nunique() == 13


def test_expert_answers_loader_names_bad_lines(tmp_path: Path) -> None:
    rows = answers_by_hand()[:3]
    rows[1]["Response"] = "11"  # out of 0-10
    rows[2]["Question.ID"] = rows[0]["Question.ID"]  # the same country answers twice
    rows[2]["Country"] = rows[0]["Country"]
    path = tmp_path / "answers.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    # justifications span several lines: a record is named by the file line it starts on
    starts = [number for number, line in enumerate(path.read_text().splitlines(), 1)
              if line.startswith(rows[0]["Country"] + ",")]
    with pytest.raises(DataError) as caught:
        og.read_barometer_answers(path)
    message = str(caught.value)
    assert caught.value.row == starts[1] and caught.value.column == "Response"
    assert f"row {starts[2]}, column 'Country'" in message and "duplicate" in message


def test_evidence_dictionary_by_hand() -> None:
    toy = pd.DataFrame({"justification": [
        "The Freedom of Information Act of 2016 and the national strategy.",
        "See the data portal (https://data.example.gov/report) and its website.",
        "A news article and a World Bank report.",
        "No evidence", ""]})
    coded = og.code_evidence(toy)
    assert coded.to_dict("list") == {
        "laws and policies": [1, 0, 0, 0, 0], "portals and websites": [0, 1, 0, 0, 0],
        "news and media": [0, 0, 1, 0, 0], "reports and studies": [0, 0, 1, 0, 0],
        "none of these": [0, 0, 0, 1, 1]}  # the address's "report" does not count


def test_score_bands_cover_every_score_once() -> None:
    scores = pd.Series(range(11))
    bands = og.score_band(scores)
    assert bands.tolist() == ["0"] + ["1-3"] * 3 + ["4-6"] * 3 + ["7-10"] * 4
    assert set(bands) == set(og.BANDS)


def random_band_shares(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    coded = pd.DataFrame({kind: rng.binomial(1, rng.uniform(0.1, 0.7), 300)
                          for kind in ("laws", "news", "none of these")})
    scores = pd.Series(rng.integers(0, 11, 300))
    return og.theme_shares(coded, og.score_band(scores))


@pytest.mark.parametrize("seed", range(12))
def test_evidence_sentence_claims_a_difference_only_when_intervals_part(seed: int) -> None:
    shares = random_band_shares(seed)
    sentence = og.evidence_sentence(shares, og.BANDS)
    assert sentence.startswith("From answers scored 0 to answers scored 7-10 ")
    for kind, part in shares.groupby("theme"):
        low_band = part.set_index("period").loc["0"]
        high_band = part.set_index("period").loc["7-10"]
        parted = high_band["low"] > low_band["high"] or high_band["high"] < low_band["low"]
        said = f"{kind} rose (" in sentence or f"{kind} fell (" in sentence
        assert parted == said, (kind, sentence)


def test_notebook_evidence_numbers_match_a_plain_reading(glued) -> None:
    rows = answers_by_hand()
    assert text_of(glued, "n_answers") == f"{len(rows):,}"
    assert text_of(glued, "n_answer_countries") == f"{len({r['Country'] for r in rows})}"
    answers, _ = og.read_barometer_answers()
    evidence = og.code_evidence(answers)
    shares = og.theme_shares(evidence, og.score_band(answers["score"]))
    assert text_of(glued, "evidence_sentence") == og.evidence_sentence(shares, og.BANDS)
    laws = shares[(shares["theme"] == "laws and policies") & (shares["period"] == "0")].iloc[0]
    count = sum(1 for r in rows if r["Response"] == "0"
                and re.search(r"(?i)\blaws?\b|\bact\b|\blegislat|\bpolic", r["Justification"]))
    assert laws["pages"] == sum(1 for r in rows if r["Response"] == "0")
    assert abs(laws["mentions"] - count) <= 0.05 * laws["pages"]  # a simpler expression
    assert isinstance(glued["fig_evidence"], dict)


# --------------------------------------------------------------------------------------------
# Own data: a folder of policy documents
# --------------------------------------------------------------------------------------------

DOCUMENTS = SAMPLE / "documents"


def test_document_sample_loads_as_written() -> None:
    documents, report = og.load_documents(DOCUMENTS)
    files = sorted(p for p in DOCUMENTS.iterdir() if p.suffix in (".md", ".txt"))
    assert documents["page"].tolist() == [p.name for p in files]
    assert report.rows_read == len(files) and report.rows_dropped == 0
    for path, row in zip(files, documents.itertuples(), strict=True):
        lines = path.read_text(encoding="utf-8").splitlines()
        date_line = next(line for line in lines if line.startswith("date:"))
        assert row.date.strftime("%Y-%m-%d") == date_line.split(":", 1)[1].strip()
        assert row.year == int(date_line.split(":", 1)[1].strip()[:4])
        assert lines[-1] in row.body and "date:" not in row.body
    coded = og.code_pages(documents)
    assert coded.loc[documents["page"] == "2016-terms-of-service.txt",
                     "terms of service"].item() == 1


def write_document(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_document_loader_names_file_and_line_of_every_problem(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    write_document(folder, "a.md", "---\ntitle: A\ndate: 14/05/2012\n---\nText.\n")
    write_document(folder, "b.txt", "title: B\norganisation: City A\n---\nText.\n")
    write_document(folder, "c.txt", "No header at all.\n")
    write_document(folder, "d.md", "title: D\ndate: 2020-02-30\n---\n")
    write_document(folder, "ok.txt", "title: Fine\ndate: 2020-01-31\n---\nText.\n")
    write_document(folder, "notes.csv", "ignored,1\n")
    with pytest.raises(DataError) as caught:
        og.load_documents(folder)
    message = str(caught.value)
    assert "a.md, row 3, column 'date'" in message and "'14/05/2012'" in message
    assert "b.txt, row 3, column 'date': the header has no date" in message
    assert "c.txt, row 1: the document has no header" in message
    assert "d.md, row 2, column 'date'" in message  # 30 February does not exist
    documents, report = og.load_documents(folder, on_error="skip")
    assert documents["page"].tolist() == ["ok.txt"]
    assert report.rows_read == 5 and report.rows_dropped == 4


def test_document_loader_refuses_missing_or_empty_folders(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        og.load_documents(tmp_path / "nowhere")
    write_document(tmp_path / "empty", "notes.csv", "a,b\n")
    with pytest.raises(DataError, match=r"\.md or \.txt"):
        og.load_documents(tmp_path / "empty")


def test_notebook_reads_the_document_sample(glued) -> None:
    files = [p for p in DOCUMENTS.iterdir() if p.suffix in (".md", ".txt")]
    assert text_of(glued, "n_documents") == f"{len(files)}"
