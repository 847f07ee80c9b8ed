"""The analysis: features, the two count models, measurement error, recovery and scorecard.

Pure functions, frames in and frames out. :func:`account_features` and :func:`tweet_features`
build the predictors; :func:`followers_model` (long-standing attention, one row per account) and
:func:`retweet_model` (temporal attention, one row per tweet, errors clustered by account) fit
the negative binomial models; :func:`analyse` fits both on one data set.
:func:`expected_attenuation` says how much misclassified styles dilute an effect;
:func:`recovery_table` and :func:`scorecard` set the estimates against the planted truth and
against the study's findings (the many planted and null worlds are in ``recovery.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from govsocial import models
from govsocial.models import CountModelResult

from .coding import STYLES
from .simulate import TERM_LABELS, AttentionData, Effects, simulate  # noqa: F401 (examples)

__all__ = [
    "FOLLOWERS_FORMULA",
    "RETWEETS_FORMULA",
    "AttentionFits",
    "account_features",
    "analyse",
    "expected_attenuation",
    "followers_model",
    "recovery_table",
    "retweet_model",
    "scorecard",
    "term_across_fits",
    "tweet_features",
]

FOLLOWERS_FORMULA = "followers ~ log2_news + account_age_years + tweets_per_week"
"""The account-level model of long-standing attention."""

RETWEETS_FORMULA = "retweet_count ~ interactive + promotional + log2_followers + weekend"
"""The tweet-level model of temporal attention (informative tweets are the reference)."""


def account_features(
    accounts: pd.DataFrame,
    tweets: pd.DataFrame,
    *,
    start: pd.Timestamp,
    end: pd.Timestamp,
) -> pd.DataFrame:
    """Add the account-level predictors of followers.

    Parameters
    ----------
    accounts : DataFrame
        Columns ``username``, ``created_at`` (UTC), ``followers``, ``news_mentions_per_month``.
    tweets : DataFrame
        Columns ``username`` and ``created_at``; only tweets in ``[start, end)`` are counted.
    start, end : Timestamp
        The observation window (UTC).

    Returns
    -------
    DataFrame
        ``accounts`` plus ``log2_news`` (log2 of news mentions per month + 1: one unit is a
        doubling), ``account_age_years`` (years from creation to ``end``) and
        ``tweets_per_week`` (tweets in the window divided by its length in weeks).

    Raises
    ------
    ValueError
        When the window is empty or an account was created after ``end``.

    Examples
    --------
    >>> accounts = pd.DataFrame({"username": ["a", "b"], "followers": [10, 20],
    ...     "created_at": pd.to_datetime(["2020-01-01", "2021-01-01"], utc=True),
    ...     "news_mentions_per_month": [3.0, 0.0]})
    >>> tweets = pd.DataFrame({"username": ["a"] * 14,
    ...     "created_at": pd.date_range("2021-06-01", periods=14, freq="D", tz="UTC")})
    >>> out = account_features(accounts, tweets,
    ...     start=pd.Timestamp("2021-06-01", tz="UTC"), end=pd.Timestamp("2021-06-15", tz="UTC"))
    >>> out[["log2_news", "tweets_per_week"]].to_numpy().tolist()
    [[2.0, 7.0], [0.0, 0.0]]
    """
    weeks = (end - start) / pd.Timedelta(days=7)
    if weeks <= 0:
        raise ValueError(f"the window is empty: start {start} is not before end {end}")
    late = accounts["created_at"] > end
    if late.any():
        raise ValueError(
            f"account {accounts.loc[late, 'username'].iloc[0]!r} was created after the end of "
            f"the window ({end:%Y-%m-%d})"
        )
    in_window = tweets[(tweets["created_at"] >= start) & (tweets["created_at"] < end)]
    counts = in_window.groupby("username").size()
    out = accounts.copy()
    out["log2_news"] = np.log2(out["news_mentions_per_month"].astype(float) + 1)
    out["account_age_years"] = (end - out["created_at"]) / pd.Timedelta(days=365.25)
    out["tweets_per_week"] = out["username"].map(counts).fillna(0).astype(float) / weeks
    return out


def tweet_features(tweets: pd.DataFrame, accounts: pd.DataFrame) -> pd.DataFrame:
    """Add the tweet-level controls of the retweet model.

    Parameters
    ----------
    tweets : DataFrame
        Columns ``username`` and ``created_at`` (UTC).
    accounts : DataFrame
        Columns ``username`` and ``followers``; every tweet's author must be listed.

    Returns
    -------
    DataFrame
        ``tweets`` plus ``log2_followers`` (log2 of the account's followers + 1) and
        ``weekend`` (1 if posted on a Saturday or Sunday, in UTC, else 0).

    Examples
    --------
    >>> tweets = pd.DataFrame({"username": ["a", "a"],
    ...     "created_at": pd.to_datetime(["2021-06-05", "2021-06-07"], utc=True)})
    >>> accounts = pd.DataFrame({"username": ["a"], "followers": [1023]})
    >>> tweet_features(tweets, accounts)[["log2_followers", "weekend"]].to_numpy().tolist()
    [[10.0, 1.0], [10.0, 0.0]]
    """
    followers = tweets["username"].map(accounts.set_index("username")["followers"])
    if followers.isna().any():
        missing = tweets.loc[followers.isna(), "username"].iloc[0]
        raise ValueError(f"tweets by {missing!r}, an account missing from the accounts table")
    out = tweets.copy()
    out["log2_followers"] = np.log2(followers.astype(float) + 1)
    out["weekend"] = (out["created_at"].dt.day_of_week >= 5).astype("int64")
    return out


def followers_model(features: pd.DataFrame) -> CountModelResult:
    """Negative binomial regression of followers on news salience, age and tweeting frequency.

    Parameters
    ----------
    features : DataFrame
        One row per account, from :func:`account_features`.

    Returns
    -------
    CountModelResult
        Fitted :data:`FOLLOWERS_FORMULA` with model-based standard errors (one row per
        account, so there is nothing to cluster).

    Examples
    --------
    >>> data = simulate(3)
    >>> features = account_features(data.accounts, data.tweets, start=data.start, end=data.end)
    >>> followers_model(features).table["term"].tolist()
    ['Intercept', 'log2_news', 'account_age_years', 'tweets_per_week']
    """
    return models.negative_binomial(FOLLOWERS_FORMULA, features)


def retweet_model(
    features: pd.DataFrame,
    styles: pd.Series,
    *,
    cluster: str | None = "username",
) -> CountModelResult:
    """Negative binomial regression of a tweet's retweets on its communication style.

    Parameters
    ----------
    features : DataFrame
        One row per tweet, from :func:`tweet_features`.
    styles : Series
        Each tweet's style (true, hand-coded or predicted), in the order of ``features``.
    cluster : str or None
        Column identifying the account: standard errors are clustered by it, because tweets of
        one account share its audience and are not independent. None: model-based errors.

    Returns
    -------
    CountModelResult
        Fitted :data:`RETWEETS_FORMULA`; ``interactive`` and ``promotional`` compare with
        informative tweets.

    Examples
    --------
    >>> data = simulate(3)
    >>> features = tweet_features(data.tweets, data.accounts)
    >>> fit = retweet_model(features, data.tweets["style"])
    >>> fit.cov_type, fit.table["term"].tolist()[:3]
    ('cluster', ['Intercept', 'interactive', 'promotional'])
    """
    if len(styles) != len(features):
        raise ValueError(f"{len(styles)} styles for {len(features)} tweets")
    values = pd.Series(np.asarray(styles, dtype=object), index=features.index)
    unknown = sorted(set(values.dropna()) - set(STYLES))
    if unknown or values.isna().any():
        raise ValueError(f"styles must be one of {list(STYLES)}; found {unknown or 'missing'}")
    data = features.assign(
        interactive=values.eq("interactive").astype("int64"),
        promotional=values.eq("promotional").astype("int64"),
    )
    return models.negative_binomial(RETWEETS_FORMULA, data, cluster=cluster)


@dataclass(frozen=True)
class AttentionFits:
    """Both models of one data set.

    Attributes
    ----------
    accounts : DataFrame
        The account features the followers model used.
    tweets : DataFrame
        The tweet features the retweet model used.
    followers, retweets : CountModelResult
        The fitted models.
    """

    accounts: pd.DataFrame
    tweets: pd.DataFrame
    followers: CountModelResult
    retweets: CountModelResult


def analyse(data: AttentionData, styles: pd.Series | None = None) -> AttentionFits:
    """Run the chapter's analysis of one data set: features, followers model, retweet model.

    The styles are given (true, hand-coded or from :func:`~govsocial.attention.predict_styles`);
    classifying the tweets is a step of its own, with its own checks.

    Parameters
    ----------
    data : AttentionData
        Simulated or loaded data.
    styles : Series, optional
        The style of each tweet; default the true ``style`` column of simulated tweets.

    Returns
    -------
    AttentionFits

    Examples
    --------
    >>> fits = analyse(simulate(5))
    >>> fits.followers.n_obs, fits.retweets.cov_type
    (40, 'cluster')
    """
    if styles is None:
        if "style" not in data.tweets:
            raise ValueError("these tweets have no true style: pass predicted styles")
        styles = data.tweets["style"]
    accounts = account_features(data.accounts, data.tweets, start=data.start, end=data.end)
    tweets = tweet_features(data.tweets, data.accounts)
    return AttentionFits(
        accounts=accounts,
        tweets=tweets,
        followers=followers_model(accounts),
        retweets=retweet_model(tweets, styles),
    )


def expected_attenuation(
    true_styles: pd.Series,
    predicted_styles: pd.Series,
    irr: float,
    *,
    style: str = "interactive",
) -> float:
    """Compute the rate ratio that misclassification alone leaves of a true ratio ``irr``.

    Compare tweets *predicted* to be of ``style`` with the rest. A share ``p`` of the first
    group truly is of that style, and a share ``q`` of the second. If the true style multiplies
    expected retweets by ``irr`` and nothing else differs, the groups' expected counts relate as
    ``(p * irr + 1 - p) / (q * irr + 1 - q)``: closer to 1 than ``irr`` whenever ``p < 1`` or
    ``q > 0``. (This ignores the other styles' own effects and the model's controls.)

    Parameters
    ----------
    true_styles, predicted_styles : Series
        True and predicted style of the same tweets.
    irr : float
        The true rate ratio of ``style`` tweets against all others.
    style : str
        The style whose effect is diluted.

    Returns
    -------
    float
        The diluted ratio.

    Examples
    --------
    >>> true = pd.Series(["interactive", "interactive", "informative", "informative"])
    >>> expected_attenuation(true, true, 2.0)
    2.0
    >>> guessed = pd.Series(["interactive", "informative", "interactive", "informative"])
    >>> expected_attenuation(true, guessed, 2.0)
    1.0
    """
    truly = np.asarray(true_styles, dtype=object) == style
    flagged = np.asarray(predicted_styles, dtype=object) == style
    if flagged.all() or not flagged.any():
        raise ValueError(f"every tweet or no tweet is predicted {style!r}: no comparison")
    p = truly[flagged].mean()
    q = truly[~flagged].mean()
    return float((p * irr + 1 - p) / (q * irr + 1 - q))


def term_across_fits(fits: Mapping[str, CountModelResult], term: str) -> pd.DataFrame:
    """One term's estimate from several fitted models, one row per fit.

    Parameters
    ----------
    fits : mapping of str to CountModelResult
        Label of each fit (``"true styles"``) and the fit.
    term : str
        The model term to compare.

    Returns
    -------
    DataFrame
        Columns ``term`` (the fit's label, so that :func:`govsocial.plots.coefficient_plot`
        draws one row per fit), ``irr``, ``ci_low``, ``ci_high``.

    Examples
    --------
    >>> fits = analyse(simulate(5))
    >>> term_across_fits({"true": fits.retweets}, "interactive")["term"].tolist()
    ['true']
    """
    rows = []
    for label, fit in fits.items():
        row = fit.table.set_index("term").loc[term]
        rows.append((label, row["irr"], row["ci_low"], row["ci_high"]))
    return pd.DataFrame(rows, columns=["term", "irr", "ci_low", "ci_high"])


def recovery_table(
    effects: Effects,
    followers: CountModelResult,
    retweets: CountModelResult,
    retweets_predicted: CountModelResult | None = None,
) -> pd.DataFrame:
    """Planted effects next to their estimates.

    Parameters
    ----------
    effects : Effects
        The planted truth.
    followers : CountModelResult
        The followers model.
    retweets : CountModelResult
        The retweet model fitted with the true styles.
    retweets_predicted : CountModelResult, optional
        The retweet model fitted with the classifier's styles: adds a row for its estimate of
        the same planted effect.

    Returns
    -------
    DataFrame
        One row per planted effect (and one more with ``retweets_predicted``): ``effect``,
        ``outcome``, ``planted_irr``, ``estimate``, ``ci_low``, ``ci_high`` (95%),
        ``covered`` (the interval holds the planted value) and ``detected`` (the interval
        excludes 1, no effect).

    Examples
    --------
    >>> data = simulate(5, effects=Effects.none())
    >>> fits = analyse(data)
    >>> table = recovery_table(data.effects, fits.followers, fits.retweets)
    >>> table.columns.tolist()[:4]
    ['effect', 'outcome', 'planted_irr', 'estimate']
    """
    planted = effects.table()
    estimates = {"followers": followers.table, "retweets": retweets.table}
    rows = []
    for effect, outcome, term, irr in planted.itertuples(index=False):
        label = (
            effect
            if retweets_predicted is None or outcome != "retweets"
            else (f"{effect}, true styles")
        )
        row = estimates[outcome].set_index("term").loc[term]
        rows.append((label, outcome, irr, row["irr"], row["ci_low"], row["ci_high"]))
        if retweets_predicted is not None and outcome == "retweets":
            row = retweets_predicted.table.set_index("term").loc[term]
            rows.append(
                (
                    f"{effect}, classifier styles",
                    outcome,
                    irr,
                    row["irr"],
                    row["ci_low"],
                    row["ci_high"],
                )
            )
    table = pd.DataFrame(
        rows, columns=["effect", "outcome", "planted_irr", "estimate", "ci_low", "ci_high"]
    )
    table["covered"] = (table["ci_low"] <= table["planted_irr"]) & (
        table["planted_irr"] <= table["ci_high"]
    )
    table["detected"] = (table["ci_low"] > 1) | (table["ci_high"] < 1)
    return table


_FINDINGS: tuple[tuple[str, str, str], ...] = (
    ("followers", "log2_news", "More followers for agencies more salient in traditional news"),
    ("followers", "account_age_years", "More followers for older accounts"),
    ("followers", "tweets_per_week", "More followers for agencies that tweet more often"),
    ("retweets", "interactive", "More retweets for a more interactive style"),
)


def scorecard(
    followers: CountModelResult, retweets: CountModelResult, *, planted: bool = False
) -> pd.DataFrame:
    """Müller's (2022) directional findings against what the two models found.

    A finding counts as found when the 95% confidence interval of its incidence-rate ratio
    lies entirely above 1 (the direction the study reports).

    Parameters
    ----------
    followers, retweets : CountModelResult
        The followers model and the retweet model.
    planted : bool
        True for simulated data, where the findings were planted: the verdict column reads
        ``recovered (planted)``; False (own data): ``reproduced?``.

    Returns
    -------
    DataFrame
        Columns ``finding``, ``what we found`` (IRR and 95% CI per unit of the predictor) and
        the verdict (``"yes"``, ``"no: no clear effect"`` or ``"no: opposite direction"``).

    Examples
    --------
    >>> fits = analyse(simulate(5))
    >>> scorecard(fits.followers, fits.retweets, planted=True).columns[-1]
    'recovered (planted)'
    >>> scorecard(fits.followers, fits.retweets)["reproduced?"].tolist()
    ['yes', 'yes', 'yes', 'yes']
    """
    tables = {"followers": followers.table, "retweets": retweets.table}
    rows = []
    for outcome, term, finding in _FINDINGS:
        row = tables[outcome].set_index("term").loc[term]
        found = (
            f"IRR {row['irr']:.2f} (95% CI {row['ci_low']:.2f} to {row['ci_high']:.2f}), "
            f"{TERM_LABELS[term].lower()}"
        )
        if row["ci_low"] > 1:
            verdict = "yes"
        elif row["ci_high"] < 1:
            verdict = "no: opposite direction"
        else:
            verdict = "no: no clear effect"
        rows.append((finding, found, verdict))
    verdict = "recovered (planted)" if planted else "reproduced?"
    return pd.DataFrame(rows, columns=["finding", "what we found", verdict])
