"""The shared method: planted and null worlds, power, size, coverage, binomial bounds."""

from __future__ import annotations

import numpy as np
import pytest

from govsocial import planted

N = 40  # observations per world


def world(seed: int, is_planted: bool, effect: float = 0.6) -> np.ndarray:
    """A sample whose mean is ``effect`` when planted and 0 otherwise; the noise is the same."""
    return np.random.default_rng(seed).normal(effect if is_planted else 0.0, 1.0, size=N)


def mean_interval(sample: np.ndarray, z: float = 1.959964) -> tuple[float, float, float]:
    half = z * sample.std(ddof=1) / np.sqrt(len(sample))
    return sample.mean(), sample.mean() - half, sample.mean() + half


def rule(z: float = 1.959964, level: float = 0.05) -> planted.Rule:
    return planted.Rule(
        "the mean is not zero",
        decide=lambda x: not (mean_interval(x, z)[1] <= 0 <= mean_interval(x, z)[2]),
        level=level,
        interval=lambda x: mean_interval(x, z),
        truth=lambda is_planted: 0.6 if is_planted else 0.0,
    )


@pytest.fixture(scope="module")
def honest() -> object:
    return planted.operating_characteristics(planted.run_worlds(world, [rule()], range(400)))


def test_an_honest_rule_keeps_its_size_and_finds_the_planted_effect(honest) -> None:
    row = honest.iloc[0]
    assert row["null_worlds"] == row["planted_worlds"] == 400
    assert row["size"] * 400 <= planted.most_false_alarms(400, 0.05)
    assert row["power"] * 400 >= planted.fewest_detections(400, 0.9)  # about 0.97 here
    assert not row["size_above_level"]
    assert row["size_low"] <= 0.05 <= row["size_high"] or row["size"] < 0.05


def test_coverage_and_bias_of_the_interval(honest) -> None:
    row = honest.iloc[0]
    assert row["coverage_low"] <= 0.95 <= row["coverage_high"]
    assert abs(row["bias"]) < 0.05


def test_a_rule_looser_than_it_says_is_reported_as_such() -> None:
    # a 50% interval sold as a 5% rule: the null worlds must catch it
    loose = planted.run_worlds(world, [rule(z=0.674)], range(200), kinds=(False,))
    row = planted.operating_characteristics(loose).iloc[0]
    assert row["size_above_level"] and row["size"] * 200 > planted.most_false_alarms(200, 0.05)
    assert np.isnan(row["power"])
    verdict = planted.fool_table(planted.operating_characteristics(loose))["verdict"].iloc[0]
    assert verdict == "fooled more often than its 5% level"


def test_a_null_world_keeps_the_noise() -> None:
    # null worlds differ from planted ones only in the effect: same seed, same noise
    assert np.allclose(world(3, True) - world(3, False), 0.6)


def test_a_weak_effect_gives_low_power_and_the_table_says_so() -> None:
    weak = planted.run_worlds(
        lambda seed, p: world(seed, p, effect=0.05), [rule()], range(150), kinds=(True,)
    )
    table = planted.fool_table(planted.operating_characteristics(weak))
    assert table["verdict"].iloc[0] == "usually misses a planted effect"
    assert table["finds it when absent (size)"].iloc[0] == "not run"


@pytest.mark.parametrize(("n", "level"), [(50, 0.05), (200, 0.05), (100, 0.1)])
def test_binomial_bounds_hold_at_the_stated_rate(n: int, level: float) -> None:
    from scipy import stats

    most = planted.most_false_alarms(n, level)
    assert stats.binom.sf(most, n, level) <= 0.001 < stats.binom.sf(most - 1, n, level)
    fewest = planted.fewest_detections(n, 0.8)
    assert stats.binom.cdf(fewest - 1, n, 0.8) <= 0.001 < stats.binom.cdf(fewest, n, 0.8)


def test_a_stated_level_of_two_and_a_half_percent_reads_so() -> None:
    worlds = planted.run_worlds(world, [rule(level=0.025)], range(5), kinds=(False,))
    table = planted.fool_table(planted.operating_characteristics(worlds))
    assert table["stated level"].iloc[0] == "2.5%"


def test_the_fool_table_shows_no_row_numbers() -> None:
    # the page shows the finding first, not pandas' 0, 1, 2 (nor an empty index header)
    worlds = planted.run_worlds(world, [rule()], range(5))
    table = planted.fool_table(planted.operating_characteristics(worlds))
    html = table.drop(columns="verdict")._repr_html_()
    first_row = html.split("<tbody>")[1].split("</tr>")[0]
    assert "<th" not in first_row and "<td>the mean is not zero</td>" in first_row
    assert repr(table).splitlines()[1].lstrip().startswith("the mean is not zero")
    named = table.set_index("finding")  # an index that means something is shown
    assert "<th>the mean is not zero</th>" in named._repr_html_()
