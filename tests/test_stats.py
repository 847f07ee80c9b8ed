"""The shared statistics: Wilson intervals, Holm's adjustment, percentile bootstraps."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

from govsocial import stats


def wilson_by_hand(k: float, n: float, z: float = 1.959963984540054) -> tuple[float, float]:
    p = k / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    return centre - half, centre + half


@pytest.mark.parametrize(("k", "n"), [(8, 10), (0, 5), (5, 5), (37, 120), (2.5, 7.5)])
def test_wilson_matches_the_formula(k: float, n: float) -> None:
    low, high = stats.wilson_interval(k, n)
    expected = wilson_by_hand(k, n)
    assert low == pytest.approx(max(0.0, expected[0]), abs=1e-12)
    assert high == pytest.approx(min(1.0, expected[1]), abs=1e-12)
    assert isinstance(low, float) and isinstance(high, float)


def test_wilson_on_arrays_is_elementwise_with_nan_for_no_trials() -> None:
    low, high = stats.wilson_interval(np.array([1, 0, 3]), np.array([4, 0, 3]))
    assert np.isnan(low[1]) and np.isnan(high[1])
    for i, (k, n) in enumerate([(1, 4), (3, 3)]):
        ref = proportion_confint(k, n, method="wilson")
        j = [0, 2][i]
        assert low[j] == pytest.approx(ref[0]) and high[j] == pytest.approx(min(1.0, ref[1]))


@given(
    n=st.integers(min_value=1, max_value=10_000),
    share=st.floats(min_value=0, max_value=1),
    level=st.sampled_from([0.8, 0.9, 0.95, 0.99]),
)
def test_wilson_interval_holds_the_share_and_stays_in_the_unit_interval(
    n: int, share: float, level: float
) -> None:
    k = round(share * n)
    low, high = stats.wilson_interval(k, n, level)
    assert 0.0 <= low <= k / n + 1e-12 and k / n - 1e-12 <= high <= 1.0


def test_wilson_covers_the_true_share_about_as_often_as_promised() -> None:
    rng = np.random.default_rng(7)
    n, truth, worlds = 60, 0.3, 4000
    k = rng.binomial(n, truth, size=worlds)
    low, high = stats.wilson_interval(k, np.full(worlds, n))
    coverage = np.mean((low <= truth) & (truth <= high))
    assert 0.93 <= coverage <= 0.97, coverage


@pytest.mark.parametrize("seed", range(20))
def test_holm_agrees_with_statsmodels(seed: int) -> None:
    rng = np.random.default_rng(seed)
    p = rng.uniform(0, 0.2, size=rng.integers(1, 15))
    assert np.allclose(stats.holm_adjust(p), multipletests(p, method="holm")[1])


def test_holm_leaves_nan_out_of_the_family() -> None:
    p = np.array([0.01, np.nan, 0.04, 0.03])
    adjusted = stats.holm_adjust(p)
    assert np.isnan(adjusted[1])
    assert np.allclose(adjusted[[0, 2, 3]], multipletests(p[[0, 2, 3]], method="holm")[1])
    assert stats.holm_adjust([]).shape == (0,)


def test_holm_is_never_below_the_raw_p_value_and_never_above_one() -> None:
    p = np.array([0.5, 0.9, 0.001, 0.3])
    adjusted = stats.holm_adjust(p)
    assert np.all(adjusted >= p) and np.all(adjusted <= 1.0)


def test_bootstrap_interval_of_a_mean_covers_about_as_often_as_promised() -> None:
    rng = np.random.default_rng(3)
    worlds, covered = 200, 0
    for _ in range(worlds):
        sample = rng.normal(10.0, 2.0, size=40)
        low, high = stats.bootstrap_interval([sample], np.mean, n_boot=500, rng=rng)
        covered += low <= 10.0 <= high
    assert 0.88 <= covered / worlds <= 0.99, covered / worlds


def test_paired_bootstrap_keeps_each_numerator_with_its_denominator() -> None:
    numerator = np.array([2.0, 4.0, 6.0, 8.0])
    denominator = numerator / 2  # every pair has ratio 2: every resample must give 2

    def ratio(num: np.ndarray, den: np.ndarray, axis: int = -1) -> np.ndarray:
        return num.sum(axis=axis) / den.sum(axis=axis)

    low, high = stats.bootstrap_interval([numerator, denominator], ratio, rng=0)
    assert low == pytest.approx(2.0) and high == pytest.approx(2.0)


def test_bootstrap_interval_of_nothing_or_a_constant() -> None:
    assert all(math.isnan(v) for v in stats.bootstrap_interval([np.array([])], np.mean))
    assert stats.bootstrap_interval([np.full(5, 3.0)], np.median) == (3.0, 3.0)


def test_bootstrap_is_reproducible_from_its_seed() -> None:
    sample = np.arange(30, dtype=float) ** 1.5
    first = stats.bootstrap_interval([sample], np.median, rng=11)
    assert first == stats.bootstrap_interval([sample], np.median, rng=11)
    assert first != stats.bootstrap_interval([sample], np.median, rng=12)


def test_unpaired_samples_are_resampled_each_on_its_own() -> None:
    def difference(a: np.ndarray, b: np.ndarray, axis: int = -1) -> np.ndarray:
        return a.mean(axis=axis) - b.mean(axis=axis)

    constant, varying = np.full(6, 5.0), np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    low, high = stats.bootstrap_interval([constant, varying], difference, paired=False, rng=2)
    assert low < 5.0 - 3.5 < high  # the varying sample's spread makes the interval wide


def test_holm_by_hand() -> None:
    # sorted 0.01, 0.02, 0.03, 0.04 times 4, 3, 2, 1: 0.04, 0.06, 0.06, 0.04 -> running max
    adjusted = stats.holm_adjust([0.03, 0.01, 0.04, 0.02])
    assert np.allclose(adjusted, [0.06, 0.04, 0.06, 0.06])
