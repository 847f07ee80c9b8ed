"""Comparing shares properly, and measuring customer service: pure functions, frames in and out.

Shares: :func:`contingency_table`, :func:`chi_square` (with Cramér's V and adjusted
standardised residuals) and :func:`loglinear`, a Poisson log-linear model of category counts by
country group and platform whose errors can be clustered by journalist.

Customer service: :func:`reply_rates`, :func:`waiting_times` (hours to the first reply, with
censoring), :func:`survival_table` (Kaplan-Meier curves), :func:`survival_at`,
:func:`logrank`, :func:`near_duplicates` (templated replies by TF-IDF cosine similarity) and
:func:`templated_shares`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats as sps
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity
from statsmodels.duration.survfunc import SurvfuncRight, survdiff

from govsocial.stats import wilson_interval

from .coding import UNCODED

__all__ = [
    "ChiSquare",
    "chi_square",
    "contingency_table",
    "logrank",
    "loglinear",
    "near_duplicates",
    "reply_rates",
    "survival_at",
    "survival_table",
    "templated_shares",
    "waiting_times",
]


def contingency_table(posts: pd.DataFrame, row: str, column: str = "code") -> pd.DataFrame:
    """Count posts by ``row`` and ``column``, leaving out uncoded posts.

    Examples
    --------
    >>> toy = pd.DataFrame({"g": list("aab"), "code": ["x", "uncoded", "y"]})
    >>> contingency_table(toy, "g").values.tolist()
    [[1, 0], [0, 1]]
    """
    coded = posts[posts[column] != UNCODED]
    return pd.crosstab(coded[row], coded[column])


@dataclass(frozen=True)
class ChiSquare:
    """A chi-square test of independence and its effect size.

    Attributes
    ----------
    statistic, dof, p_value : float
    cramers_v : float
        sqrt(chi2 / (n (min(rows, columns) - 1))): 0 for no association, 1 for a perfect one.
    residuals : DataFrame
        Adjusted standardised residuals: about standard normal in each cell when rows and
        columns are independent, so beyond +-2 marks a cell that stands out.
    n : int
    """

    statistic: float
    dof: int
    p_value: float
    cramers_v: float
    residuals: pd.DataFrame
    n: int


def chi_square(table: pd.DataFrame) -> ChiSquare:
    """Chi-square test of a contingency table with Cramér's V and adjusted residuals.

    The test treats every post as independent: with several posts per journalist it is too
    confident (see :func:`loglinear`).

    Examples
    --------
    >>> result = chi_square(pd.DataFrame([[30, 10], [10, 30]]))
    >>> round(result.statistic, 1), round(result.cramers_v, 2)
    (20.0, 0.5)
    >>> round(float(result.residuals.iloc[0, 0]), 2)
    4.47
    """
    observed = table.to_numpy(dtype=float)
    statistic, p_value, dof, expected = sps.chi2_contingency(observed, correction=False)
    n = observed.sum()
    rows = observed.sum(axis=1, keepdims=True) / n
    columns = observed.sum(axis=0, keepdims=True) / n
    adjusted = (observed - expected) / np.sqrt(expected * (1 - rows) * (1 - columns))
    v = np.sqrt(statistic / (n * (min(observed.shape) - 1)))
    residuals = pd.DataFrame(adjusted, index=table.index, columns=table.columns)
    return ChiSquare(float(statistic), int(dof), float(p_value), float(v), residuals, int(n))


def loglinear(
    posts: pd.DataFrame, *, code: str = "code", cluster: bool = True, level: float = 0.95
) -> pd.DataFrame:
    """Poisson log-linear model of category counts by country group and platform.

    For each journalist and platform the coded posts are counted by category; the model is
    ``log E[count] = log(posts) + a_category + b_category * china + c_category * messaging``,
    so ``b`` is the log of the ratio of a category's share among Chinese journalists to its
    share among the others, and ``c`` the same for the messaging app against the microblog.

    Parameters
    ----------
    posts : DataFrame
        ``journalist_id``, ``country``, ``platform`` and the code column.
    cluster : bool
        True: standard errors clustered by journalist (their posts are not independent);
        False: the model's own errors, as if every post were independent.

    Returns
    -------
    DataFrame
        ``category``, ``term`` ("China" or the platform), ``log_ratio``, ``low``, ``high``,
        ``p_value``, ``ratio`` (exp of log_ratio).

    Examples
    --------
    >>> from govsocial.comparison.simulate import simulate_posts
    >>> world = simulate_posts(0).posts.assign(code=lambda p: p["category"])
    >>> fit = loglinear(world)
    >>> sorted(fit["term"].unique())
    ['China', 'messaging app']
    """
    coded = posts[posts[code] != UNCODED]
    counts = pd.crosstab([coded["journalist_id"], coded["country"], coded["platform"]],
                         coded[code]).stack().rename("count").reset_index()  # fmt: skip
    counts = counts.rename(columns={code: "category"})
    exposure = counts.groupby(["journalist_id", "platform"])["count"].transform("sum")
    categories = sorted(counts["category"].unique())
    china = counts["country"].eq("China").to_numpy(float)
    platforms = sorted(posts["platform"].unique())
    other = counts["platform"].eq(platforms[0]).to_numpy(float)
    design = {}
    for category in categories:
        indicator = counts["category"].eq(category).to_numpy(float)
        design[(category, "base")] = indicator
        design[(category, "China")] = indicator * china
        design[(category, platforms[0])] = indicator * other
    x = pd.DataFrame({f"{c}|{t}": v for (c, t), v in design.items()})
    model = sm.GLM(counts["count"].to_numpy(float), x, family=sm.families.Poisson(),
                   offset=np.log(exposure.to_numpy(float)))  # fmt: skip
    if cluster:
        groups = pd.factorize(counts["journalist_id"])[0]
        fit = model.fit(cov_type="cluster", cov_kwds={"groups": groups})
    else:
        fit = model.fit()
    intervals = fit.conf_int(1 - level)
    rows = []
    for name in x.columns:
        category, term = name.split("|")
        if term == "base":
            continue
        rows.append({
            "category": category, "term": term, "log_ratio": float(fit.params[name]),
            "low": float(intervals.loc[name, 0]), "high": float(intervals.loc[name, 1]),
            "p_value": float(fit.pvalues[name]),
        })  # fmt: skip
    table = pd.DataFrame(rows)
    table["ratio"] = np.exp(table["log_ratio"])
    return table


# --------------------------------------------------------------------------------------------
# Customer service
# --------------------------------------------------------------------------------------------


def reply_rates(questions: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Share of questions answered by the end of collection, per platform, with Wilson intervals.

    Examples
    --------
    >>> toy = pd.DataFrame({"platform": ["a", "a", "b"],
    ...                     "replied_at": [pd.Timestamp(0), pd.NaT, pd.NaT]})
    >>> reply_rates(toy)[["platform", "questions", "answered", "rate"]].values.tolist()
    [['a', 2, 1, 0.5], ['b', 1, 0, 0.0]]
    """
    rows = []
    for platform, group in questions.groupby("platform", sort=True):
        answered = int(group["replied_at"].notna().sum())
        low, high = wilson_interval(answered, len(group), level)
        rows.append({"platform": platform, "questions": len(group), "answered": answered,
                     "rate": answered / len(group), "low": low, "high": high})  # fmt: skip
    return pd.DataFrame(rows)


def waiting_times(questions: pd.DataFrame) -> pd.DataFrame:
    """Hours from each question to its first reply, or to the end of collection (censored).

    Returns
    -------
    DataFrame
        ``platform``, ``hours``, ``replied`` (1 for a reply seen, 0 for censored).

    Examples
    --------
    >>> t0 = pd.Timestamp("2024-01-01", tz="UTC")
    >>> toy = pd.DataFrame({"platform": ["a", "a"], "asked_at": [t0, t0],
    ...     "replied_at": [t0 + pd.Timedelta(hours=2), pd.NaT],
    ...     "observed_until": [t0 + pd.Timedelta(hours=48)] * 2})
    >>> waiting_times(toy)[["hours", "replied"]].values.tolist()
    [[2.0, 1.0], [48.0, 0.0]]
    """
    end = questions["replied_at"].fillna(questions["observed_until"])
    hours = (end - questions["asked_at"]).dt.total_seconds() / 3600
    return pd.DataFrame(
        {
            "platform": questions["platform"],
            "hours": hours,
            "replied": questions["replied_at"].notna().astype(int),
        }
    )


def survival_table(questions: pd.DataFrame) -> pd.DataFrame:
    """Kaplan-Meier curves of "still unanswered" per platform (statsmodels' SurvfuncRight).

    Returns
    -------
    DataFrame
        ``platform``, ``hours``, ``unanswered`` (share still waiting), ``low``, ``high``.

    Examples
    --------
    >>> t0 = pd.Timestamp("2024-01-01", tz="UTC")
    >>> toy = pd.DataFrame({"platform": ["a"] * 4, "asked_at": [t0] * 4,
    ...     "replied_at": [t0 + pd.Timedelta(hours=h) for h in (1, 2, 3)] + [pd.NaT],
    ...     "observed_until": [t0 + pd.Timedelta(hours=10)] * 4})
    >>> survival_table(toy)["unanswered"].round(2).tolist()
    [0.75, 0.5, 0.25]
    """
    times = waiting_times(questions)
    frames = []
    for platform, group in times.groupby("platform", sort=True):
        curve = SurvfuncRight(group["hours"].to_numpy(), group["replied"].to_numpy())
        low, high = _pointwise(curve)
        frames.append(
            pd.DataFrame(
                {
                    "platform": platform,
                    "hours": curve.surv_times,
                    "unanswered": curve.surv_prob,
                    "low": low,
                    "high": high,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _pointwise(curve: SurvfuncRight, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Greenwood intervals on the log scale, clipped to [0, 1]."""
    z = sps.norm.ppf(0.5 + level / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        se = curve.surv_prob_se / curve.surv_prob
        low = curve.surv_prob * np.exp(-z * np.nan_to_num(se))
        high = curve.surv_prob * np.exp(z * np.nan_to_num(se))
    return np.clip(low, 0, 1), np.clip(high, 0, 1)


def survival_at(questions: pd.DataFrame, hours: float) -> pd.DataFrame:
    """Each platform's share of questions still unanswered ``hours`` after they were asked.

    Examples
    --------
    >>> t0 = pd.Timestamp("2024-01-01", tz="UTC")
    >>> toy = pd.DataFrame({"platform": ["a"] * 4, "asked_at": [t0] * 4,
    ...     "replied_at": [t0 + pd.Timedelta(hours=h) for h in (1, 2, 3)] + [pd.NaT],
    ...     "observed_until": [t0 + pd.Timedelta(hours=10)] * 4})
    >>> survival_at(toy, 2.5)["unanswered"].round(2).tolist()
    [0.5]
    """
    table = survival_table(questions)
    rows = []
    for platform, curve in table.groupby("platform", sort=True):
        before = curve[curve["hours"] <= hours]
        row = before.iloc[-1] if len(before) else pd.Series({"unanswered": 1.0, "low": 1.0,
                                                             "high": 1.0})  # fmt: skip
        rows.append({"platform": platform, "hours": hours, "unanswered": float(row["unanswered"]),
                     "low": float(row["low"]), "high": float(row["high"])})  # fmt: skip
    return pd.DataFrame(rows)


def logrank(questions: pd.DataFrame) -> tuple[float, float]:
    """Log-rank test that the platforms' waiting curves are the same: (chi-square, p-value).

    Examples
    --------
    >>> from govsocial.comparison.simulate import simulate_service
    >>> statistic, p = logrank(simulate_service(1).questions)
    >>> p < 0.05
    True
    """
    times = waiting_times(questions)
    statistic, p_value = survdiff(times["hours"].to_numpy(), times["replied"].to_numpy(),
                                  times["platform"].to_numpy())  # fmt: skip
    return float(statistic), float(p_value)


def near_duplicates(texts: pd.Series, threshold: float = 0.8) -> pd.DataFrame:
    """Find templated replies: texts very similar to at least one other reply.

    Each reply becomes a TF-IDF vector of words and word pairs; its *nearest-neighbour
    similarity* is the largest cosine similarity to any other reply. A template re-used with
    one blank filled sits close to its siblings; a reply written for one case does not.

    Returns
    -------
    DataFrame
        Indexed like ``texts``: ``similarity`` and ``templated`` (similarity >= threshold).

    Examples
    --------
    >>> texts = pd.Series(["Please see our website for processing times.",
    ...                    "Please see our website for processing times today.",
    ...                    "Hi Ana, your passport scan arrived on 3 May."])
    >>> near_duplicates(texts)["templated"].tolist()
    [True, True, False]
    """
    vectors = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit_transform(texts)
    similarity = cosine_similarity(vectors)
    np.fill_diagonal(similarity, 0.0)
    nearest = similarity.max(axis=1) if len(texts) > 1 else np.zeros(len(texts))
    return pd.DataFrame({"similarity": nearest, "templated": nearest >= threshold},
                        index=texts.index)  # fmt: skip


def templated_shares(
    questions: pd.DataFrame, detected: pd.DataFrame, level: float = 0.95
) -> pd.DataFrame:
    """Share of each platform's replies detected as templated, with Wilson intervals.

    Examples
    --------
    >>> q = pd.DataFrame({"platform": ["a", "a", "b"]})
    >>> d = pd.DataFrame({"templated": [True, False, True]})
    >>> templated_shares(q, d)["share"].tolist()
    [0.5, 1.0]
    """
    rows = []
    joined = questions.loc[detected.index, ["platform"]].join(detected["templated"])
    for platform, group in joined.groupby("platform", sort=True):
        found = int(group["templated"].sum())
        low, high = wilson_interval(found, len(group), level)
        rows.append({"platform": platform, "replies": len(group), "templated": found,
                     "share": found / len(group), "low": low, "high": high})  # fmt: skip
    return pd.DataFrame(rows)
