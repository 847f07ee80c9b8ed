import warnings

import numpy as np
import pandas as pd
import pytest

from govsocial.models import irr_table, negative_binomial


def _nb2_counts(rng: np.random.Generator, mu: np.ndarray, alpha: float) -> np.ndarray:
    """NB2 draws with mean mu and variance mu + alpha * mu**2 (numpy's n, p parametrisation)."""
    size = 1 / alpha
    return rng.negative_binomial(size, size / (size + mu))


@pytest.fixture(scope="module")
def simulated():
    rng = np.random.default_rng(2024)
    n = 3000
    data = pd.DataFrame({"x1": rng.normal(size=n), "x2": rng.normal(size=n)})
    # Planted truth: log-IRR 0.5 for x1, 0 for x2, dispersion alpha 0.5.
    mu = np.exp(0.3 + 0.5 * data["x1"].to_numpy() + 0.0 * data["x2"].to_numpy())
    data["y"] = _nb2_counts(rng, mu, alpha=0.5)
    return data


@pytest.fixture(scope="module")
def fitted(simulated):
    return negative_binomial("y ~ x1 + x2", simulated)


def test_recovers_planted_coefficient_and_dispersion(fitted):
    table = fitted.table.set_index("term")
    # Standard error of the x1 coefficient is about 0.02 at n = 3000; 0.06 is three of them.
    assert table.loc["x1", "coef"] == pytest.approx(0.5, abs=0.06)
    assert table.loc["x1", "ci_low"] < np.exp(0.5) < table.loc["x1", "ci_high"]
    assert fitted.alpha == pytest.approx(0.5, abs=0.1)
    assert fitted.n_obs == 3000
    assert fitted.cov_type == "nonrobust"
    assert fitted.formula == "y ~ x1 + x2"


def test_finds_nothing_where_nothing_was_planted(fitted):
    table = fitted.table.set_index("term")
    assert table.loc["x2", "ci_low"] < 1 < table.loc["x2", "ci_high"]
    assert table.loc["x2", "p_value"] > 0.05


def test_table_has_no_alpha_row_and_irr_is_exp_coef(fitted):
    table = fitted.table
    assert table.columns.tolist() == [
        "term",
        "coef",
        "std_err",
        "irr",
        "ci_low",
        "ci_high",
        "p_value",
    ]
    assert table["term"].tolist() == ["Intercept", "x1", "x2"]
    np.testing.assert_allclose(table["irr"], np.exp(table["coef"]))
    # 95% Wald interval, computed independently on the log scale and exponentiated.
    np.testing.assert_allclose(
        table["ci_low"], np.exp(table["coef"] - 1.959964 * table["std_err"]), rtol=1e-5
    )
    np.testing.assert_allclose(
        table["ci_high"], np.exp(table["coef"] + 1.959964 * table["std_err"]), rtol=1e-5
    )
    pd.testing.assert_frame_equal(irr_table(fitted.result), table)


def test_cluster_robust_errors_are_larger_for_a_cluster_level_regressor():
    rng = np.random.default_rng(7)
    n_clusters, per_cluster = 60, 40
    cluster = np.repeat(np.arange(n_clusters), per_cluster)
    z = rng.normal(size=n_clusters)[cluster]  # varies only between clusters
    shock = rng.normal(scale=0.6, size=n_clusters)[cluster]  # shared within a cluster
    data = pd.DataFrame({"z": z, "account": [f"acct{c}" for c in cluster]})
    data["y"] = _nb2_counts(rng, np.exp(1.0 + 0.2 * z + shock), alpha=0.3)

    naive = negative_binomial("y ~ z", data)
    robust = negative_binomial("y ~ z", data, cluster="account")
    assert robust.cov_type == "cluster"
    naive_se = naive.table.set_index("term").loc["z", "std_err"]
    robust_se = robust.table.set_index("term").loc["z", "std_err"]
    # Same point estimates, but the within-cluster correlation inflates the honest SE well above
    # the model-based one (design effect of 40 correlated posts per cluster).
    np.testing.assert_allclose(naive.table["coef"], robust.table["coef"])
    assert robust_se > 1.5 * naive_se


def test_missing_values_raise_naming_the_column(simulated):
    data = simulated.copy()
    data.loc[[3, 10, 11], "x2"] = np.nan
    data["unused"] = np.nan  # not in the formula: must not matter
    with pytest.raises(ValueError, match=r"3 of 3000 rows .*'x2' \(3\)"):
        negative_binomial("y ~ x1 + x2", data)
    result = negative_binomial("y ~ x1", data)
    assert result.n_obs == 3000


def test_missing_cluster_values_raise(simulated):
    data = simulated.assign(account=["a", "b", None] * 1000)
    with pytest.raises(ValueError, match=r"'account' \(1000\)"):
        negative_binomial("y ~ x1", data, cluster="account")


def test_non_convergence_raises(simulated):
    with pytest.raises(RuntimeError, match="did not converge"):
        negative_binomial("y ~ x1 + x2", simulated, maxiter=2)


def test_a_fit_that_bfgs_leaves_flagged_is_polished_by_newton_and_matches_lbfgs():
    # Large counts (thousands) on 40 rows: for this seed statsmodels' BFGS stops at the optimum
    # with a precision-loss flag. The helper must still return the optimum, which an
    # independent optimiser (L-BFGS) confirms.
    import statsmodels.formula.api as smf

    rng = np.random.default_rng(19)
    n = 40
    x1, x2, x3 = rng.normal(size=n), rng.uniform(0, 10, n), rng.uniform(0, 20, n)
    mu = np.exp(7 + 0.4 * x1 + 0.14 * x2 + 0.09 * x3)
    data = pd.DataFrame({"y": rng.negative_binomial(2, 2 / (2 + mu)), "x1": x1, "x2": x2, "x3": x3})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bfgs = smf.negativebinomial("y ~ x1 + x2 + x3", data).fit(disp=0, maxiter=300)
        lbfgs = smf.negativebinomial("y ~ x1 + x2 + x3", data).fit(
            method="lbfgs", disp=0, maxiter=2000
        )
    assert not bfgs.mle_retvals["converged"]  # the situation this test is about
    fitted = negative_binomial("y ~ x1 + x2 + x3", data)
    coef = fitted.table.set_index("term")["coef"]
    assert np.allclose(coef.to_numpy(), lbfgs.params.drop("alpha").to_numpy(), atol=2e-3)
