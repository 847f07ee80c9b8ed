"""The chapter's analysis steps: agendas, lead and lag, engagement and replies.

Pure functions, frames in and frames out: no figures, no printing, no files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from govsocial.stats import holm_adjust, wilson_interval

from ._common import DEPARTMENTS, TIMEZONE, _check_columns, _topic_order

# --------------------------------------------------------------------------------------------
# Agendas
# --------------------------------------------------------------------------------------------


def topic_shares(
    posts: pd.DataFrame, by: Sequence[str] = ("department", "actor")
) -> pd.DataFrame:
    """Share of posts on each topic within each group.

    Parameters
    ----------
    posts : DataFrame
        Posts with a ``topic`` column and the ``by`` columns; posts without a topic are left
        out.
    by : sequence of str
        Grouping columns (empty: all posts together).

    Returns
    -------
    DataFrame
        Columns ``*by``, ``topic``, ``posts`` and ``share`` (of the group's posts); every topic
        appears in every group (0 when absent), topics in codebook order.

    Examples
    --------
    >>> posts = pd.DataFrame({"actor": ["police", "police", "public"],
    ...                       "topic": ["crime", "safety tips", "crime"]})
    >>> topic_shares(posts, by=["actor"])["share"].tolist()
    [0.5, 0.5, 1.0, 0.0]
    """
    by = list(by)
    _check_columns(posts, [*by, "topic"], "topic_shares")
    coded = posts.dropna(subset=["topic"])
    topics = _topic_order(coded["topic"])
    counts = pd.crosstab(
        [coded[name].astype(str) for name in by] if by else np.zeros(len(coded), dtype=int),
        coded["topic"].astype(str),
    ).reindex(columns=topics, fill_value=0)
    shares = counts.div(counts.sum(axis=1), axis=0)
    long = counts.stack().rename("posts").to_frame().join(shares.stack().rename("share"))
    long = long.reset_index()
    if not by:
        long = long.drop(columns=long.columns[0])
    long.columns = [*by, "topic", "posts", "share"]
    if "department" in by:
        known = [name for name in DEPARTMENTS if name in set(long["department"])]
        order = known + sorted(set(long["department"]) - set(known))
        rank = long["department"].map({name: i for i, name in enumerate(order)})
        long = long.iloc[np.argsort(rank.to_numpy(), kind="stable")].reset_index(drop=True)
    return long.astype({"posts": "int64", "share": "float64"})


def _counts(topics: pd.Series, order: Sequence[str]) -> np.ndarray:
    return topics.astype(str).value_counts().reindex(order, fill_value=0).to_numpy()


def _ranks(matrix: np.ndarray) -> np.ndarray:
    """Average ranks along the last axis (ties share their mean rank), as Spearman uses."""
    return stats.rankdata(matrix, axis=-1)


def _spearman_rows(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Spearman correlation of each pair of rows; NaN where a row is constant."""
    a = _ranks(first)
    b = _ranks(second)
    a = a - a.mean(axis=-1, keepdims=True)
    b = b - b.mean(axis=-1, keepdims=True)
    denominator = np.sqrt((a**2).sum(axis=-1) * (b**2).sum(axis=-1))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, (a * b).sum(axis=-1) / denominator, np.nan)


def _bootstrap_shares(
    counts: np.ndarray, n_boot: int, rng: np.random.Generator
) -> np.ndarray:
    """Topic shares of ``n_boot`` resamples of the posts behind ``counts`` (multinomial).

    Resampling a group's posts with replacement changes only how many of them fall on each
    topic, so one multinomial draw of the topic counts is one bootstrap resample. This
    resampler is kept instead of :func:`govsocial.stats.bootstrap_interval` for speed: at paper
    scale a department has about 12,000 comments, and drawing one count per topic for each
    resample is over a thousand times less work than drawing every post again, as
    ``scipy.stats.bootstrap`` does, 1,000 times for each department and actor.
    """
    total = int(counts.sum())
    if total == 0:
        return np.full((n_boot, len(counts)), np.nan)
    return rng.multinomial(total, counts / total, size=n_boot) / total


def agenda_correlation(
    posts: pd.DataFrame, *, n_boot: int = 1000, seed: int = 0, level: float = 0.95
) -> pd.DataFrame:
    """Spearman rank correlation of each department's police and public agendas.

    A department's police agenda is the share of its police posts on each topic, its public
    agenda the share of its followers' comments on each topic. Agenda-setting predicts that the
    topics the police post about most are the topics the public talks about most: a positive
    rank correlation. The interval is a percentile bootstrap: police posts and comments are
    resampled with replacement within the department (drawing topic counts from a
    multinomial), ``n_boot`` times.

    Parameters
    ----------
    posts : DataFrame
        Columns ``department``, ``actor`` (``police`` / ``public``) and ``topic``.
    n_boot : int
        Bootstrap resamples.
    seed : int
        Seed of the bootstrap.
    level : float
        Confidence level of the interval.

    Returns
    -------
    DataFrame
        One row per department: ``department``, ``police_posts``, ``public_posts``, ``rho``,
        ``ci_low``, ``ci_high`` (NaN where undefined: a flat agenda has no ranking); with
        several departments, a last row ``all departments (mean)`` holding the mean of their
        correlations and its interval (from the means of the departments' replicates).

    Examples
    --------
    >>> posts = pd.DataFrame({
    ...     "department": "A", "actor": ["police"] * 6 + ["public"] * 6,
    ...     "topic": ["crime"] * 3 + ["safety tips"] * 2 + ["traffic"] + ["crime"] * 3
    ...              + ["safety tips"] * 2 + ["traffic"]})
    >>> agenda_correlation(posts, n_boot=50)[["department", "rho"]]
      department  rho
    0          A  1.0
    """
    _check_columns(posts, ["department", "actor", "topic"], "agenda_correlation")
    coded = posts.dropna(subset=["topic"])
    order = _topic_order(coded["topic"])
    rng = np.random.default_rng(seed)
    tail = (1 - level) / 2 * 100
    rows, replicates = [], []
    groups = coded.groupby(coded["department"].astype(str), sort=False)
    known = [name for name in DEPARTMENTS if name in groups.groups]
    for department in known + sorted(set(groups.groups) - set(known)):
        group = groups.get_group(department)
        police = _counts(group.loc[group["actor"] == "police", "topic"], order)
        public = _counts(group.loc[group["actor"] == "public", "topic"], order)
        rho = (
            _rank_correlation_or_nan(police, public) if police.sum() and public.sum() else np.nan
        )
        boot = _spearman_rows(
            _bootstrap_shares(police, n_boot, rng), _bootstrap_shares(public, n_boot, rng)
        )
        replicates.append(boot)
        rows.append(
            {
                "department": department,
                "police_posts": int(police.sum()),
                "public_posts": int(public.sum()),
                "rho": rho,
                **_interval(boot, tail),
            }
        )
    table = pd.DataFrame(rows)
    if len(rows) > 1:
        with np.errstate(invalid="ignore"):
            stacked = np.vstack(replicates)
            usable = np.isfinite(stacked).any(axis=0)
            mean_boot = np.full(stacked.shape[1], np.nan)
            mean_boot[usable] = np.nanmean(stacked[:, usable], axis=0)
        pooled = {
            "department": "all departments (mean)",
            "police_posts": int(table["police_posts"].sum()),
            "public_posts": int(table["public_posts"].sum()),
            "rho": float(table["rho"].mean()) if table["rho"].notna().any() else np.nan,
            **_interval(mean_boot, tail),
        }
        table = pd.concat([table, pd.DataFrame([pooled])], ignore_index=True)
    return table


def _interval(replicates: np.ndarray, tail: float) -> dict[str, float]:
    """Percentile interval of the finite bootstrap replicates (NaN when there are none)."""
    finite = replicates[np.isfinite(replicates)]
    if not len(finite):
        return {"ci_low": np.nan, "ci_high": np.nan}
    low, high = np.percentile(finite, [tail, 100 - tail])
    return {"ci_low": float(low), "ci_high": float(high)}


def _rank_correlation_or_nan(first: np.ndarray, second: np.ndarray) -> float:
    """Return scipy's Spearman correlation; NaN (no warning) when either side is constant."""
    if np.ptp(first) == 0 or np.ptp(second) == 0:
        return np.nan
    return float(stats.spearmanr(first, second).statistic)


@dataclass
class ShareGaps:
    """Differences between two groups' topic shares.

    Attributes
    ----------
    table : DataFrame
        One row per topic: ``topic``, ``share_first``, ``share_second``, ``gap`` (second minus
        first), ``ci_low``, ``ci_high`` (percentile bootstrap).
    p_value : float
        Chi-square test that both groups have the same topic mix (NaN when undefined).
    first, second : str
        The two groups compared.
    """

    table: pd.DataFrame
    p_value: float
    first: str
    second: str


def share_gaps(
    posts: pd.DataFrame,
    *,
    group: str = "actor",
    first: str = "police",
    second: str = "public",
    n_boot: int = 1000,
    seed: int = 0,
    level: float = 0.95,
) -> ShareGaps:
    """How much more (or less) of its posts one group gives each topic than another group.

    Parameters
    ----------
    posts : DataFrame
        Columns ``topic`` and ``group``.
    group : str
        The column that defines the groups (``actor``, ``platform``, ...).
    first, second : str
        The two values of ``group`` compared; gaps are ``second`` minus ``first``.
    n_boot : int
        Bootstrap resamples (each group's posts resampled separately).
    seed : int
        Seed of the bootstrap.
    level : float
        Confidence level.

    Returns
    -------
    ShareGaps

    Raises
    ------
    ValueError
        When a group has no coded posts.

    Examples
    --------
    >>> posts = pd.DataFrame({"platform": ["Facebook"] * 4 + ["Twitter"] * 4,
    ...                       "topic": ["crime", "tips", "tips", "tips"] + ["crime"] * 4})
    >>> gaps = share_gaps(posts, group="platform", first="Facebook", second="Twitter",
    ...                   n_boot=20)
    >>> gaps.table[["topic", "gap"]]
       topic   gap
    0  crime  0.75
    1   tips -0.75
    """
    _check_columns(posts, [group, "topic"], "share_gaps")
    coded = posts.dropna(subset=["topic"])
    order = _topic_order(coded["topic"])
    values = coded[group].astype(str)
    counts = {}
    for name in (first, second):
        counts[name] = _counts(coded.loc[values == name, "topic"], order)
        if counts[name].sum() == 0:
            raise ValueError(f"no coded posts with {group} == {name!r}")
    shares = {name: counts[name] / counts[name].sum() for name in (first, second)}
    rng = np.random.default_rng(seed)
    boot = _bootstrap_shares(counts[second], n_boot, rng) - _bootstrap_shares(
        counts[first], n_boot, rng
    )
    tail = (1 - level) / 2 * 100
    table = pd.DataFrame(
        {
            "topic": order,
            "share_first": shares[first],
            "share_second": shares[second],
            "gap": shares[second] - shares[first],
            "ci_low": np.percentile(boot, tail, axis=0),
            "ci_high": np.percentile(boot, 100 - tail, axis=0),
        }
    )
    observed = np.vstack([counts[first], counts[second]])
    observed = observed[:, observed.sum(axis=0) > 0]
    p_value = (
        float(stats.chi2_contingency(observed).pvalue) if observed.shape[1] > 1 else np.nan
    )
    return ShareGaps(table, p_value, first, second)


# --------------------------------------------------------------------------------------------
# Lead and lag
# --------------------------------------------------------------------------------------------


def daily_attention(posts: pd.DataFrame, timezone: str = TIMEZONE) -> pd.DataFrame:
    """Each day's share of police posts and of public posts on each topic.

    Days are local calendar days in ``timezone`` (a post at 23:30 local time belongs to that
    day, although its UTC time falls on the next). Every day from the first to the last post
    appears; a day on which an actor posted nothing has shares of 0 for that actor.

    Parameters
    ----------
    posts : DataFrame
        Columns ``created_at`` (UTC timestamps), ``actor`` and ``topic``.
    timezone : str
        IANA time zone of the departments.

    Returns
    -------
    DataFrame
        Index ``day`` (dates), columns a MultiIndex (actor, topic) of shares.

    Examples
    --------
    >>> posts = pd.DataFrame({
    ...     "created_at": pd.to_datetime(["2016-01-04 15:00", "2016-01-05 03:00",
    ...                                   "2016-01-05 15:00"], utc=True),
    ...     "actor": ["police", "public", "public"], "topic": ["crime", "crime", "safety tips"]})
    >>> daily_attention(posts)[("public", "crime")].tolist()
    [1.0, 0.0]
    """
    _check_columns(posts, ["created_at", "actor", "topic"], "daily_attention")
    coded = posts.dropna(subset=["topic"])
    day = coded["created_at"].dt.tz_convert(timezone).dt.tz_localize(None).dt.normalize()
    topics = _topic_order(coded["topic"])
    actors = [name for name in ("police", "public") if name in set(coded["actor"])]
    counts = (
        coded.groupby([day.rename("day"), coded["actor"].astype(str), coded["topic"].astype(str)])
        .size()
        .unstack(["actor", "topic"], fill_value=0)
    )
    days = pd.date_range(day.min(), day.max(), freq="D", name="day")
    columns = pd.MultiIndex.from_product([actors, topics], names=["actor", "topic"])
    counts = counts.reindex(index=days, columns=columns, fill_value=0)
    totals = counts.T.groupby(level="actor").sum().T
    shares = counts.div(totals.reindex(columns=columns, level="actor").to_numpy())
    return shares.fillna(0.0)


def _lagged_correlation(leader: np.ndarray, follower: np.ndarray, lag: int) -> float:
    """Pearson correlation of ``leader[t]`` with ``follower[t + lag]``; NaN if undefined."""
    if lag >= 0:
        x, y = leader[: len(leader) - lag], follower[lag:]
    else:
        x, y = leader[-lag:], follower[: len(follower) + lag]
    if len(x) < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return np.nan
    return float(np.corrcoef(x, y)[0, 1])


def cross_correlation(
    attention: pd.DataFrame, topic: str, max_lag: int = 7
) -> pd.DataFrame:
    """Correlation of police attention to a topic on day t with public attention on day t + lag.

    A peak at a positive lag means public attention follows police attention; at a negative
    lag, that police attention follows the public's.

    Parameters
    ----------
    attention : DataFrame
        From :func:`daily_attention`.
    topic : str
        The topic.
    max_lag : int
        Largest lag, in days, in each direction.

    Returns
    -------
    DataFrame
        Columns ``lag`` (days, from ``-max_lag`` to ``max_lag``) and ``correlation``.

    Examples
    --------
    >>> days = pd.date_range("2016-01-04", periods=6, name="day")
    >>> columns = pd.MultiIndex.from_product([["police", "public"], ["crime"]])
    >>> attention = pd.DataFrame({("police", "crime"): [0, 1, 0, 0, 1, 0.5],
    ...                           ("public", "crime"): [0.2, 0, 1, 0, 0, 1]}, index=days)
    >>> curve = cross_correlation(attention, "crime", max_lag=1)
    >>> int(curve.loc[curve["correlation"].idxmax(), "lag"])
    1
    """
    police = attention[("police", topic)].to_numpy(dtype=float)
    public = attention[("public", topic)].to_numpy(dtype=float)
    lags = np.arange(-max_lag, max_lag + 1)
    return pd.DataFrame(
        {"lag": lags, "correlation": [_lagged_correlation(police, public, lag) for lag in lags]}
    )


def _residual_ss(design: np.ndarray, target: np.ndarray) -> float:
    """Residual sum of squares of the least-squares fit of ``target`` on ``design``."""
    coefficients = np.linalg.lstsq(design, target, rcond=None)[0]
    residuals = target - design @ coefficients
    return float(residuals @ residuals)


def _granger_p(follower: np.ndarray, leader: np.ndarray, lag: int) -> float:
    """p-value of the F test that ``leader``'s past adds nothing to predicting ``follower``.

    Both regressions hold the follower's own last ``lag`` days AND the leader's same-day value:
    comments answer the same day's posts, so with persistent attention yesterday's police
    attention predicts today's comments through today's posts alone. Only the leader's past
    beyond today is tested.
    """
    n = len(follower)
    if np.ptp(follower) == 0 or np.ptp(leader) == 0 or n <= 3 * lag + 3:
        return np.nan
    target = follower[lag:]
    own_past = np.column_stack([follower[lag - k : n - k] for k in range(1, lag + 1)])
    leader_past = np.column_stack([leader[lag - k : n - k] for k in range(1, lag + 1)])
    restricted = np.column_stack([np.ones(n - lag), own_past, leader[lag:]])
    full = np.column_stack([restricted, leader_past])
    dof = len(target) - np.linalg.matrix_rank(full)
    rss_full = _residual_ss(full, target)
    extra = np.linalg.matrix_rank(full) - np.linalg.matrix_rank(restricted)
    if dof <= 0 or extra <= 0 or rss_full <= 0:
        return np.nan
    statistic = ((_residual_ss(restricted, target) - rss_full) / extra) / (rss_full / dof)
    return float(stats.f.sf(statistic, extra, dof))


def lead_lag(
    attention: pd.DataFrame, *, max_lag: int = 7, granger_lag: int = 3
) -> pd.DataFrame:
    """Per topic: when public attention follows police attention, and Granger tests.

    For each topic, the lag (1 to ``max_lag`` days) at which police attention best predicts
    later public attention (peak cross-correlation), and two Granger tests with ``granger_lag``
    days of past values: does police attention help predict public attention beyond the
    public's own past and the same day's police attention (``police_leads_p``), and the
    reverse (``public_leads_p``). The same-day term matters: comments answer the day's posts,
    and attention to a topic persists for days, so without it yesterday's police attention
    "predicts" today's comments in a world with no lag at all. Holm's
    adjustment corrects each direction for testing every topic. Granger "causality" is
    predictive precedence, not causation: a third factor (an incident that both police and
    residents react to, with different speeds) produces it as well.

    Parameters
    ----------
    attention : DataFrame
        From :func:`daily_attention`.
    max_lag : int
        Largest lag searched for the cross-correlation peak.
    granger_lag : int
        Days of past values in the Granger regressions.

    Returns
    -------
    DataFrame
        One row per topic: ``topic``, ``peak_lag``, ``peak_correlation``, ``police_leads_p``,
        ``police_leads_p_holm``, ``public_leads_p``, ``public_leads_p_holm``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> police = rng.random(60)
    >>> public = np.r_[rng.random(2), police[:-2]] + 0.1 * rng.random(60)
    >>> days = pd.date_range("2016-01-04", periods=60, name="day")
    >>> attention = pd.DataFrame({("police", "crime"): police, ("public", "crime"): public},
    ...                          index=days)
    >>> result = lead_lag(attention)
    >>> int(result.loc[0, "peak_lag"]), bool(result.loc[0, "police_leads_p"] < 0.01)
    (2, True)
    """
    topics = [topic for topic in attention["police"].columns if topic in attention["public"]]
    rows = []
    for topic in topics:
        police = attention[("police", topic)].to_numpy(dtype=float)
        public = attention[("public", topic)].to_numpy(dtype=float)
        correlations = np.array(
            [_lagged_correlation(police, public, lag) for lag in range(1, max_lag + 1)]
        )
        if np.isfinite(correlations).any():
            peak = int(np.nanargmax(correlations)) + 1
            peak_r = float(correlations[peak - 1])
        else:
            peak, peak_r = 0, np.nan
        rows.append(
            {
                "topic": topic,
                "peak_lag": peak,
                "peak_correlation": peak_r,
                "police_leads_p": _granger_p(public, police, granger_lag),
                "public_leads_p": _granger_p(police, public, granger_lag),
            }
        )
    table = pd.DataFrame(rows)
    table.insert(4, "police_leads_p_holm", holm_adjust(table["police_leads_p"].to_numpy()))
    table["public_leads_p_holm"] = holm_adjust(table["public_leads_p"].to_numpy())
    return table.astype({"peak_lag": "int64"})


# --------------------------------------------------------------------------------------------
# Response and interactivity
# --------------------------------------------------------------------------------------------


@dataclass
class EngagementResult:
    """Engagement of police posts by topic, from a negative binomial model.

    Attributes
    ----------
    table : DataFrame
        One row per topic other than the reference: ``topic``, ``irr`` (expected engagement
        relative to the reference topic, same department and platform), ``ci_low``,
        ``ci_high``, ``p_value``.
    reference : str
        The reference topic.
    topic_p_value : float
        Likelihood-ratio test that topic adds nothing to department and platform.
    n_posts : int
        Police posts in the model.
    fit : CountModelResult
        The full model (all terms, including department and platform).
    """

    table: pd.DataFrame
    reference: str
    topic_p_value: float
    n_posts: int
    fit: Any


def engagement_model(posts: pd.DataFrame, *, reference: str = "safety tips") -> EngagementResult:
    """Fit engagement (likes + shares + comments) of police posts on topic, by negative binomial.

    The model is ``engagement ~ topic + department + platform`` (NB2), so each topic's
    incidence-rate ratio compares posts of the same department on the same platform:
    departments with more followers do not make their favourite topics look engaging.

    Parameters
    ----------
    posts : DataFrame
        Columns ``actor``, ``topic``, ``department``, ``platform``, ``likes``, ``shares``,
        ``comments``; only police posts with a topic are used.
    reference : str
        The topic every other is compared with; if absent, the most frequent topic.

    Returns
    -------
    EngagementResult

    Raises
    ------
    ValueError
        When fewer than two topics have police posts.

    Examples
    --------
    >>> from govsocial.agenda import simulate
    >>> data = simulate(seed=5)
    >>> result = engagement_model(data.posts)
    >>> result.reference, len(result.table)
    ('safety tips', 7)
    """
    from govsocial.models import negative_binomial

    _check_columns(
        posts,
        ["actor", "topic", "department", "platform", "likes", "shares", "comments"],
        "engagement_model",
    )
    police = posts[(posts["actor"] == "police") & posts["topic"].notna()]
    data = pd.DataFrame(
        {
            "engagement": (police["likes"] + police["shares"] + police["comments"]).astype(
                "int64"
            ),
            "topic": police["topic"].astype(str).to_numpy(),
            "department": police["department"].astype(str).to_numpy(),
            "platform": police["platform"].astype(str).to_numpy(),
        }
    )
    topics = _topic_order(data["topic"])
    if len(topics) < 2:
        raise ValueError("the engagement model needs police posts on at least two topics")
    if reference not in topics:
        reference = str(data["topic"].value_counts().idxmax())
    controls = [
        f"C(Q('{name}'))" for name in ("department", "platform") if data[name].nunique() > 1
    ]
    topic_term = f"C(topic, Treatment(reference={reference!r}))"
    formula = " + ".join([f"engagement ~ {topic_term}", *controls])
    fit = negative_binomial(formula, data)
    table = fit.table[fit.table["term"].str.startswith(topic_term)].copy()
    table["topic"] = table["term"].str.extract(r"\[T\.(.*)\]$", expand=False)
    table = table.set_index("topic").reindex([t for t in topics if t != reference])
    restricted = negative_binomial(
        " + ".join(["engagement ~ 1", *controls]), data
    ).result.llf
    statistic = 2 * (fit.result.llf - restricted)
    p_value = float(stats.chi2.sf(statistic, len(topics) - 1))
    return EngagementResult(
        table=table[["irr", "ci_low", "ci_high", "p_value"]].reset_index(),
        reference=reference,
        topic_p_value=p_value,
        n_posts=len(data),
        fit=fit,
    )


@dataclass
class ReplyResult:
    """Police replies to followers' comments, per department.

    Attributes
    ----------
    table : DataFrame
        One row per department: ``department``, ``comments``, ``replies``, ``reply_rate``,
        ``ci_low``, ``ci_high`` (Wilson 95% interval), ``median_minutes`` and
        ``share_within_hour`` (of replies).
    p_value : float
        Chi-square test that all departments reply equally often.
    """

    table: pd.DataFrame
    p_value: float


def reply_summary(posts: pd.DataFrame) -> ReplyResult:
    """How often, and how fast, each department replies to its followers' comments.

    Parameters
    ----------
    posts : DataFrame
        Columns ``department``, ``actor``, ``police_replied`` and ``reply_minutes``; only
        public comments are used.

    Returns
    -------
    ReplyResult

    Raises
    ------
    ValueError
        When there are no public comments.

    Examples
    --------
    >>> posts = pd.DataFrame({"department": ["A"] * 4, "actor": "public",
    ...                       "police_replied": [True, False, False, True],
    ...                       "reply_minutes": [30.0, None, None, 90.0]})
    >>> reply_summary(posts).table[["replies", "reply_rate", "median_minutes"]]
       replies  reply_rate  median_minutes
    0        2         0.5            60.0
    """
    _check_columns(
        posts, ["department", "actor", "police_replied", "reply_minutes"], "reply_summary"
    )
    public = posts[posts["actor"] == "public"]
    if public.empty:
        raise ValueError("no public comments: reply rates need followers' comments")
    replied = public["police_replied"].fillna(False).astype(bool)
    minutes = public["reply_minutes"].where(replied)
    grouped = pd.DataFrame(
        {"department": public["department"].astype(str), "replied": replied, "minutes": minutes}
    ).groupby("department", sort=False)
    table = pd.DataFrame(
        {
            "comments": grouped.size(),
            "replies": grouped["replied"].sum().astype("int64"),
            "median_minutes": grouped["minutes"].median(),
            "share_within_hour": grouped["minutes"].apply(
                lambda values: float((values.dropna() <= 60).mean())
                if values.notna().any()
                else np.nan
            ),
        }
    )
    table["reply_rate"] = table["replies"] / table["comments"]
    table["ci_low"], table["ci_high"] = wilson_interval(
        table["replies"].to_numpy(), table["comments"].to_numpy()
    )
    known = [name for name in DEPARTMENTS if name in table.index]
    table = table.loc[known + sorted(set(table.index) - set(known))]
    observed = np.column_stack([table["replies"], table["comments"] - table["replies"]])
    usable = len(table) > 1 and (observed.sum(axis=0) > 0).all()
    p_value = float(stats.chi2_contingency(observed).pvalue) if usable else np.nan
    columns = ["comments", "replies", "reply_rate", "ci_low", "ci_high", "median_minutes",
               "share_within_hour"]
    return ReplyResult(table[columns].rename_axis("department").reset_index(), p_value)
