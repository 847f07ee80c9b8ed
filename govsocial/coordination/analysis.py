"""The chapter's measures, frames in and frames out, and :func:`analyse` running them all.

- the COVID-19 dictionary (:data:`COVID_TERMS`, :func:`flag_covid`) and its
  :func:`precision_recall` against the truth;
- outreach timing: :func:`adoption_dates`, :func:`adoption_curves`, :func:`covid_attention`;
- outreach content: :func:`message_consistency` (TF-IDF cosine with the lead agency's messages
  of the week) and :func:`agency_summary`;
- :func:`fragmentation_index`, and :func:`analyse`, which runs every measure (with the network
  measures of :mod:`.network`) into a :class:`CityAnalysis`, and :func:`format_comparison`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from govsocial.text import TOKEN_PATTERN

from ._common import PANDEMIC_DECLARED, WINDOW_END, WINDOW_START
from .network import centralisation_band, interaction_ties, network_measures

__all__ = [
    "COVID_TERMS",
    "CityAnalysis",
    "adoption_curves",
    "adoption_dates",
    "agency_summary",
    "analyse",
    "covid_attention",
    "flag_covid",
    "format_comparison",
    "fragmentation_index",
    "message_consistency",
    "precision_recall",
]

COVID_TERMS: tuple[str, ...] = (
    "covid",
    "covid19",
    "covid-19",
    "coronavirus",
    "sars-cov-2",
    "pandemic",
    "social distancing",
    "physical distancing",
    "stay home",
    "stay at home",
    "shelter in place",
    "face covering",
    "face coverings",
    "quarantine",
    "outbreak",
    "virus",
)
"""The chapter's COVID-19 keyword dictionary (matched as whole words, any case)."""

# --------------------------------------------------------------------------------------------
# Finding COVID-19 tweets
# --------------------------------------------------------------------------------------------


def _dictionary_pattern(terms: Iterable[str]) -> re.Pattern[str]:
    """One regular expression matching any of ``terms`` as whole words, any case."""
    parts = sorted(
        {re.escape(t.strip().lower()).replace(r"\ ", r"\s+") for t in terms}, key=len, reverse=True
    )
    if not parts or parts == [""]:
        raise ValueError("the dictionary has no terms")
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", flags=re.IGNORECASE)


def flag_covid(texts: Sequence[str] | pd.Series, terms: Iterable[str] = COVID_TERMS) -> pd.Series:
    """Flag the texts that use a word or phrase of the dictionary.

    A term matches as a whole word in any case: ``covid`` matches "COVID" and "#covid" but not
    "covid19" (which is a term of its own); spaces inside a term match any run of spaces.

    Parameters
    ----------
    texts : sequence of str or Series
        Tweet texts.
    terms : iterable of str
        The dictionary; default :data:`COVID_TERMS`.

    Returns
    -------
    Series of bool
        True where a text uses a term (index of ``texts`` if it is a Series).

    Examples
    --------
    >>> flag_covid(["Stay  home, save lives", "#COVID19 update", "Virtual storytime"]).tolist()
    [True, True, False]
    """
    series = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype="string")
    pattern = _dictionary_pattern(terms)
    found = series.astype("string").str.contains(pattern, regex=True)
    return found.fillna(False).astype(bool).rename("covid")


def precision_recall(
    predicted: Sequence[bool] | pd.Series, actual: Sequence[bool] | pd.Series
) -> pd.Series:
    """Score a yes/no flag against the truth.

    Parameters
    ----------
    predicted, actual : sequences of bool, same length
        The flag (for example :func:`flag_covid`) and the true labels.

    Returns
    -------
    Series
        ``true_positives``, ``false_positives``, ``false_negatives``, ``true_negatives``,
        ``precision`` (share of flagged items that are true), ``recall`` (share of true items
        flagged) and ``f1`` (their harmonic mean); NaN where a share has no denominator.

    Examples
    --------
    >>> precision_recall([True, True, False, False], [True, False, True, False])["precision"]
    np.float64(0.5)
    """
    p = np.asarray(predicted, dtype=bool)
    a = np.asarray(actual, dtype=bool)
    if p.shape != a.shape:
        raise ValueError(f"predicted has {p.size} values but actual has {a.size}")
    tp, fp = int((p & a).sum()), int((p & ~a).sum())
    fn, tn = int((~p & a).sum()), int((~p & ~a).sum())
    precision = tp / (tp + fp) if tp + fp else np.nan
    recall = tp / (tp + fn) if tp + fn else np.nan
    f1 = 2 * precision * recall / (precision + recall) if tp else np.nan
    return pd.Series(
        {
            "true_positives": tp,
            "false_positives": fp,
            "false_negatives": fn,
            "true_negatives": tn,
            "precision": precision,
            "recall": recall,
            "f1": f1,
        }
    )


# --------------------------------------------------------------------------------------------
# Adoption and attention
# --------------------------------------------------------------------------------------------


def _with_accounts(tweets: pd.DataFrame, accounts: pd.DataFrame) -> pd.DataFrame:
    """Tweets with their account's city and lead flag (inner join on ``account``)."""
    return tweets.merge(accounts[["account", "city", "lead"]], on="account", how="inner")


def _monday(times: pd.Series) -> pd.Series:
    """Return the Monday (00:00 UTC) of each timestamp's week."""
    days = times.dt.floor("D")
    return days - pd.to_timedelta(days.dt.day_of_week, unit="D")


def adoption_dates(
    tweets: pd.DataFrame,
    accounts: pd.DataFrame,
    covid: pd.Series,
    *,
    min_tweets: int = 2,
    window_days: int = 7,
    reference: pd.Timestamp = PANDEMIC_DECLARED,
) -> pd.DataFrame:
    """Date each agency began to tweet about COVID-19.

    An agency adopts on the day of its first own (not retweeted) COVID-19 tweet that is followed,
    within ``window_days`` days, by enough others to make ``min_tweets`` in all. With
    ``min_tweets=1`` this is simply the first COVID-19 tweet, which one false positive of the
    dictionary (a January tweet about a measles outbreak) can move by weeks.

    Parameters
    ----------
    tweets : DataFrame
        ``account``, ``created_at`` (UTC), ``is_retweet``.
    accounts : DataFrame
        ``account``, ``city``, ``lead``.
    covid : Series of bool
        Whether each tweet is about COVID-19 (aligned with ``tweets``).
    min_tweets, window_days : int
        The rule above.
    reference : Timestamp
        Day lags are counted from (default: the WHO's pandemic declaration, 11 March 2020).

    Returns
    -------
    DataFrame
        One row per account of ``accounts``: ``account``, ``city``, ``lead``, ``adopted_on``
        (UTC day, NaT if never) and ``lag_days`` (days after ``reference``; negative before).

    Examples
    --------
    >>> tweets = pd.DataFrame({"account": ["a"] * 3, "is_retweet": [False] * 3,
    ...     "created_at": pd.to_datetime(["2020-01-05", "2020-03-01", "2020-03-04"], utc=True)})
    >>> accounts = pd.DataFrame({"account": ["a"], "city": ["X"], "lead": [True]})
    >>> covid = pd.Series([True, True, True])
    >>> adoption_dates(tweets, accounts, covid)["adopted_on"].dt.date.tolist()
    [datetime.date(2020, 3, 1)]
    >>> adoption_dates(tweets, accounts, covid, min_tweets=1)["lag_days"].tolist()
    [-66.0]
    """
    if min_tweets < 1:
        raise ValueError("min_tweets must be at least 1")
    own = tweets.loc[covid.to_numpy(dtype=bool) & ~tweets["is_retweet"].to_numpy(dtype=bool)]
    window = pd.Timedelta(days=window_days).value
    first: dict[str, pd.Timestamp] = {}
    for account, group in own.groupby("account", sort=False):
        times = np.sort(group["created_at"].to_numpy(dtype="datetime64[ns]").astype("int64"))
        ends = np.searchsorted(times, times + window, side="left")
        enough = np.flatnonzero(ends - np.arange(len(times)) >= min_tweets)
        if len(enough):
            first[str(account)] = pd.Timestamp(times[enough[0]], tz="UTC").floor("D")
    out = accounts[["account", "city", "lead"]].copy()
    out["adopted_on"] = pd.to_datetime(out["account"].map(first), utc=True)
    out["lag_days"] = (out["adopted_on"] - reference.floor("D")).dt.days.astype(float)
    return out.reset_index(drop=True)


def adoption_curves(
    adoption: pd.DataFrame,
    *,
    start: pd.Timestamp = WINDOW_START,
    end: pd.Timestamp = WINDOW_END,
) -> pd.DataFrame:
    """Cumulative share of each city's agencies that have tweeted about COVID-19, by day.

    Parameters
    ----------
    adoption : DataFrame
        From :func:`adoption_dates`: ``city``, ``adopted_on``.
    start, end : Timestamp
        First and last day of the curves (UTC).

    Returns
    -------
    DataFrame
        Index: days; one column per city; values: share of the city's agencies (all of them,
        lead included) that adopted on or before the day.

    Examples
    --------
    >>> adoption = pd.DataFrame({"city": ["X", "X"],
    ...     "adopted_on": pd.to_datetime(["2020-01-02", None], utc=True)})
    >>> adoption_curves(adoption, start=pd.Timestamp("2020-01-01", tz="UTC"),
    ...                 end=pd.Timestamp("2020-01-03", tz="UTC"))["X"].tolist()
    [0.0, 0.5, 0.5]
    """
    days = pd.date_range(start.floor("D"), end.floor("D"), freq="D")
    curves = {}
    for city, group in adoption.groupby("city", sort=True):
        adopted = group["adopted_on"].dropna().sort_values().to_numpy()
        curves[city] = np.searchsorted(adopted, days.to_numpy(), side="right") / len(group)
    return pd.DataFrame(curves, index=days).rename_axis("day")


def covid_attention(tweets: pd.DataFrame, accounts: pd.DataFrame, covid: pd.Series) -> pd.DataFrame:
    """Weekly share of each city's own tweets (retweets left out) about COVID-19.

    Parameters
    ----------
    tweets : DataFrame
        ``account``, ``created_at``, ``is_retweet``.
    accounts : DataFrame
        ``account``, ``city``, ``lead``.
    covid : Series of bool
        Aligned with ``tweets``.

    Returns
    -------
    DataFrame
        ``city``, ``week`` (its Monday, UTC), ``tweets``, ``covid_tweets`` and ``share``.

    Examples
    --------
    >>> tweets = pd.DataFrame({"account": ["a", "a"], "is_retweet": [False, False],
    ...     "created_at": pd.to_datetime(["2020-03-02", "2020-03-03"], utc=True)})
    >>> accounts = pd.DataFrame({"account": ["a"], "city": ["X"], "lead": [True]})
    >>> covid_attention(tweets, accounts, pd.Series([True, False]))["share"].tolist()
    [0.5]
    """
    frame = tweets.assign(covid=covid.to_numpy(dtype=bool))
    frame = _with_accounts(frame[~frame["is_retweet"].to_numpy(dtype=bool)], accounts)
    frame["week"] = _monday(frame["created_at"])
    weekly = frame.groupby(["city", "week"]).agg(
        tweets=("covid", "size"), covid_tweets=("covid", "sum")
    )
    weekly["share"] = weekly["covid_tweets"] / weekly["tweets"]
    return weekly.reset_index()


# --------------------------------------------------------------------------------------------
# Message consistency
# --------------------------------------------------------------------------------------------

_NOT_CONTENT = re.compile(r"^RT @\w+:\s*|@\w+|https?://\S+")


def message_consistency(
    tweets: pd.DataFrame, accounts: pd.DataFrame, covid: pd.Series
) -> pd.DataFrame:
    """Compare each agency COVID-19 message with the lead agency's messages of the same week.

    Each own COVID-19 tweet of a non-lead agency is set against one document: all own COVID-19
    tweets of its city's lead agency in the same week (Monday to Sunday, UTC). Both become
    TF-IDF vectors (English stop words removed, @handles and links dropped) and their cosine
    similarity is the message's consistency: 0 when they share no word, 1 when they use the
    same words in the same proportions.

    Parameters
    ----------
    tweets : DataFrame
        ``account``, ``created_at``, ``text``, ``is_retweet``.
    accounts : DataFrame
        ``account``, ``city``, ``lead``.
    covid : Series of bool
        Aligned with ``tweets``.

    Returns
    -------
    DataFrame
        One row per non-lead COVID-19 message: ``tweet_id`` (if ``tweets`` has it), ``city``,
        ``account``, ``week`` and ``cosine`` (NaN when the lead posted no COVID-19 tweet that
        week).

    Examples
    --------
    >>> accounts = pd.DataFrame({"account": ["h", "p"], "city": "X", "lead": [True, False]})
    >>> tweets = pd.DataFrame({"account": ["h", "p"], "is_retweet": False,
    ...     "created_at": pd.to_datetime(["2020-03-02", "2020-03-03"], utc=True),
    ...     "text": ["Stay home, covid", "Please stay home covid"]})
    >>> round(float(message_consistency(tweets, accounts, pd.Series([True, True]))["cosine"][0]), 6)
    1.0
    """
    keep = covid.to_numpy(dtype=bool) & ~tweets["is_retweet"].to_numpy(dtype=bool)
    frame = _with_accounts(tweets.loc[keep], accounts)
    columns = ["tweet_id", "city", "account", "week", "cosine"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame["clean"] = frame["text"].astype("string").str.replace(_NOT_CONTENT, " ", regex=True)
    frame["week"] = _monday(frame["created_at"])
    lead_docs = frame[frame["lead"].astype(bool)].groupby(["city", "week"])["clean"].agg(" ".join)
    others = frame[~frame["lead"].astype(bool)].reset_index(drop=True)
    if "tweet_id" not in others:
        others["tweet_id"] = pd.NA
    if others.empty:
        return pd.DataFrame(columns=columns)
    vectorizer = TfidfVectorizer(
        token_pattern=TOKEN_PATTERN,
        stop_words="english",
        sublinear_tf=True,
        strip_accents="unicode",
    )
    corpus = pd.concat([others["clean"], lead_docs.reset_index(drop=True)], ignore_index=True)
    try:
        vectorizer.fit(corpus.fillna(""))
    except ValueError:  # no word left: every message is only stop words or handles
        return others.assign(cosine=np.nan)[columns]
    keys = pd.MultiIndex.from_frame(others[["city", "week"]])
    has_lead = keys.isin(lead_docs.index)
    message_vectors = vectorizer.transform(others["clean"].fillna(""))
    # each lead document once, then one row of it per message of its city and week
    lead_vectors = vectorizer.transform(lead_docs.fillna("").to_numpy())
    position = lead_docs.index.get_indexer(keys)
    rows = lead_vectors[np.where(has_lead, position, 0)]
    cosine = np.asarray(message_vectors.multiply(rows).sum(axis=1)).ravel()
    others["cosine"] = np.where(has_lead, cosine, np.nan)
    return others[columns]


def agency_summary(
    adoption: pd.DataFrame,
    consistency: pd.DataFrame,
    *,
    echo_threshold: float = 0.35,
) -> pd.DataFrame:
    """One row per agency: when it adopted, and how consistent its COVID-19 messages were.

    Parameters
    ----------
    adoption : DataFrame
        From :func:`adoption_dates`.
    consistency : DataFrame
        From :func:`message_consistency`.
    echo_threshold : float
        A message whose cosine with the lead's messages of its week reaches this value counts
        as restating ("echoing") the lead's message.

    Returns
    -------
    DataFrame
        ``adoption``'s columns plus ``covid_messages`` (compared with a lead message),
        ``consistency`` (mean cosine) and ``echo_share`` (share at or above the threshold);
        NaN for the lead agencies and for agencies with no message to compare.

    Examples
    --------
    >>> adoption = pd.DataFrame({"account": ["p"], "city": ["X"], "lead": [False],
    ...     "adopted_on": pd.to_datetime(["2020-03-01"], utc=True), "lag_days": [-10.0]})
    >>> consistency = pd.DataFrame({"account": ["p", "p"], "cosine": [0.9, 0.1]})
    >>> agency_summary(adoption, consistency)[["consistency", "echo_share"]].values.tolist()
    [[0.5, 0.5]]
    """
    scored = consistency.dropna(subset=["cosine"])
    per_agency = scored.groupby("account")["cosine"].agg(
        covid_messages="size",
        consistency="mean",
        echo_share=lambda c: float((c >= echo_threshold).mean()),
    )
    out = adoption.merge(per_agency, left_on="account", right_index=True, how="left")
    out["covid_messages"] = out["covid_messages"].fillna(0).astype(int)
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Fragmentation index and the whole analysis
# --------------------------------------------------------------------------------------------


def fragmentation_index(
    network: pd.DataFrame, agencies: pd.DataFrame, *, reference: pd.Timestamp = PANDEMIC_DECLARED
) -> pd.DataFrame:
    """Compute a transparent fragmentation index: the mean of four shares, each 0 to 1.

    Components (higher means more fragmented):

    - ``isolated_share``: share of agencies with no retweet or mention tie to another of the
      city's accounts (internal coordination);
    - ``decentralisation``: 1 minus Freeman degree centralisation (no agency pulls the
      network together);
    - ``late_share``: share of agencies (lead left out) whose first COVID-19 tweet came after
      ``reference``, or never (outreach timing);
    - ``inconsistency``: 1 minus the mean consistency of the agencies' COVID-19 messages with
      the lead agency's (outreach content).

    Parameters
    ----------
    network : DataFrame
        From :func:`network_measures`.
    agencies : DataFrame
        From :func:`agency_summary`.
    reference : Timestamp
        The cut-off for late adoption (default: 11 March 2020).

    Returns
    -------
    DataFrame
        ``city``, the four components and ``fragmentation_index`` (their mean; components that
        cannot be computed are left out of the mean).

    Examples
    --------
    >>> network = pd.DataFrame({"city": ["X"], "isolated_share": [0.5], "centralisation": [0.5]})
    >>> agencies = pd.DataFrame({"city": ["X"], "lead": [False], "consistency": [0.5],
    ...     "adopted_on": pd.to_datetime(["2020-04-01"], utc=True)})
    >>> float(fragmentation_index(network, agencies)["fragmentation_index"][0])
    0.625
    """
    others = agencies[~agencies["lead"].astype(bool)]
    late = others["adopted_on"].isna() | (others["adopted_on"] > reference.floor("D"))
    by_city = pd.DataFrame(
        {
            "late_share": late.groupby(others["city"]).mean(),
            "inconsistency": 1 - others.groupby("city")["consistency"].mean(),
        }
    )
    table = network.set_index("city")[["isolated_share"]].assign(
        decentralisation=1 - network.set_index("city")["centralisation"]
    )
    table = table.join(by_city, how="left")
    components = ["isolated_share", "decentralisation", "late_share", "inconsistency"]
    table = table[components]
    table["fragmentation_index"] = table.mean(axis=1, skipna=True)
    return table.reset_index().rename(columns={"index": "city"})


@dataclass(frozen=True)
class CityAnalysis:
    """Every measure of the chapter for one set of city tweets.

    Attributes
    ----------
    covid : Series of bool
        Dictionary flag per tweet (aligned with the tweets).
    adoption : DataFrame
        :func:`adoption_dates`.
    curves : DataFrame
        :func:`adoption_curves`.
    attention : DataFrame
        :func:`covid_attention`.
    ties : DataFrame
        :func:`interaction_ties`.
    network : DataFrame
        :func:`network_measures` joined with :func:`centralisation_band`.
    consistency : DataFrame
        :func:`message_consistency`.
    agencies : DataFrame
        :func:`agency_summary`.
    fragmentation : DataFrame
        :func:`fragmentation_index`.
    comparison : DataFrame
        One row per city with the chapter's comparative measures.
    seed : int
        Seed of the random graphs and bootstrap resamples.
    """

    covid: pd.Series
    adoption: pd.DataFrame
    curves: pd.DataFrame
    attention: pd.DataFrame
    ties: pd.DataFrame
    network: pd.DataFrame
    consistency: pd.DataFrame
    agencies: pd.DataFrame
    fragmentation: pd.DataFrame
    comparison: pd.DataFrame
    seed: int


def _comparison(
    tweets: pd.DataFrame,
    accounts: pd.DataFrame,
    covid: pd.Series,
    network: pd.DataFrame,
    agencies: pd.DataFrame,
    fragmentation: pd.DataFrame,
) -> pd.DataFrame:
    """One row per city with the measures the chapter compares."""
    frame = _with_accounts(tweets.assign(covid=covid.to_numpy(dtype=bool)), accounts)
    own = frame[~frame["is_retweet"].to_numpy(dtype=bool)]
    after = own[own["created_at"] >= PANDEMIC_DECLARED]
    others = agencies[~agencies["lead"].astype(bool)]
    leads = agencies[agencies["lead"].astype(bool)].set_index("city")
    table = pd.DataFrame(
        {
            "tweets": frame.groupby("city").size(),
            "retweets": frame.groupby("city")["is_retweet"].sum(),
            "covid_share_after_declaration": after.groupby("city")["covid"].mean(),
            "lead_first_covid": leads["adopted_on"],
            "median_first_covid": others.groupby("city")["adopted_on"].agg(
                lambda s: s.dropna().median() if s.notna().any() else pd.NaT
            ),
            "adopted_before_declaration": others.assign(
                early=others["adopted_on"] <= PANDEMIC_DECLARED
            )
            .groupby("city")["early"]
            .mean(),
            "median_lag_days": others.groupby("city")["lag_days"].median(),
            "consistency": others.groupby("city")["consistency"].mean(),
            "echo_share": others.groupby("city")["echo_share"].mean(),
        }
    )
    table = network.set_index("city")[
        [
            "agencies",
            "ties",
            "density",
            "centralisation",
            "hub_found",
            "reciprocity",
            "lead_tie_share",
            "isolated_share",
            "hub",
        ]
    ].join(table, how="left")
    table = table.join(fragmentation.set_index("city")["fragmentation_index"])
    return table.reset_index().rename(columns={"index": "city"})


def format_comparison(comparison: pd.DataFrame) -> pd.DataFrame:
    """Turn :attr:`CityAnalysis.comparison` into a readable table: measures as rows.

    Parameters
    ----------
    comparison : DataFrame
        One row per city, as :func:`analyse` builds it.

    Returns
    -------
    DataFrame
        Index: the measures in plain words; one column per city; values as display text.

    Examples
    --------
    >>> from govsocial.coordination import simulate
    >>> sim = simulate(seed=5)
    >>> table = format_comparison(analyse(sim.tweets, sim.accounts, n_graphs=50).comparison)
    >>> table.loc["Agencies"].tolist()
    ['12', '10', '11']
    """

    def percent(value: float) -> str:
        return "n/a" if pd.isna(value) else f"{value:.0%}"

    def number(value: float, digits: int = 2) -> str:
        return "n/a" if pd.isna(value) else f"{value:.{digits}f}"

    def day(value: pd.Timestamp) -> str:
        return "never" if pd.isna(value) else f"{value:%d %b}"

    rows = {}
    for row in comparison.itertuples(index=False):
        rows[row.city] = {
            "Agencies": f"{row.agencies}",
            "Tweets (of which retweets)": f"{row.tweets:,} ({row.retweets:,})",
            "Own tweets about COVID-19 from 11 March": percent(row.covid_share_after_declaration),
            "Lead health agency's first COVID-19 tweet": day(row.lead_first_covid),
            "Other agencies' median first COVID-19 tweet": day(row.median_first_covid),
            "Other agencies tweeting about COVID-19 by 11 March": percent(
                row.adopted_before_declaration
            ),
            "Median adoption lag (days from 11 March)": number(row.median_lag_days, 0),
            "Ties (retweets and mentions)": f"{row.ties}",
            "Density": number(row.density),
            "Freeman degree centralisation": number(row.centralisation),
            "Hub beyond chance (vs random networks)": "yes" if row.hub_found else "no",
            "Most connected account": row.hub if isinstance(row.hub, str) else "none",
            "Reciprocity": number(row.reciprocity),
            "Share of ties to the lead health agency": percent(row.lead_tie_share),
            "Agencies without ties": percent(row.isolated_share),
            "Consistency with the lead (mean cosine)": number(row.consistency),
            "Messages echoing the lead": percent(row.echo_share),
            "Fragmentation index (0 to 1)": number(row.fragmentation_index),
        }
    return pd.DataFrame(rows).rename_axis("measure")


def analyse(
    tweets: pd.DataFrame,
    accounts: pd.DataFrame,
    *,
    seed: int = 0,
    terms: Iterable[str] = COVID_TERMS,
    min_tweets: int = 2,
    window_days: int = 7,
    echo_threshold: float = 0.35,
    n_graphs: int = 1000,
) -> CityAnalysis:
    """Run every measure of the chapter on one set of city tweets.

    Parameters
    ----------
    tweets : DataFrame
        ``account``, ``created_at``, ``text``, ``is_retweet`` (simulated or
        :func:`load_folder`).
    accounts : DataFrame
        ``account``, ``city``, ``lead``.
    seed : int
        Seed of the random graphs of :func:`centralisation_band`.
    terms : iterable of str
        The COVID-19 dictionary.
    min_tweets, window_days : int
        The adoption rule of :func:`adoption_dates`.
    echo_threshold : float
        The echo rule of :func:`agency_summary`.
    n_graphs : int
        Random graphs per city for the centralisation band.

    Returns
    -------
    CityAnalysis
        All measures.

    Examples
    --------
    >>> from govsocial.coordination import simulate
    >>> sim = simulate(seed=5)
    >>> result = analyse(sim.tweets, sim.accounts, seed=5, n_graphs=100)
    >>> result.comparison["city"].tolist()
    ['City A', 'City B', 'City C']
    """
    covid = flag_covid(tweets["text"], terms)
    covid.index = tweets.index
    adoption = adoption_dates(
        tweets, accounts, covid, min_tweets=min_tweets, window_days=window_days
    )
    start = min(WINDOW_START, tweets["created_at"].min().floor("D"))
    end = max(WINDOW_END, tweets["created_at"].max().floor("D"))
    curves = adoption_curves(adoption, start=start, end=end)
    attention = covid_attention(tweets, accounts, covid)
    ties = interaction_ties(tweets, accounts)
    network = network_measures(ties, accounts)
    band = centralisation_band(network, seed=seed, n_graphs=n_graphs)
    network = network.merge(band.drop(columns="centralisation"), on="city")
    consistency = message_consistency(tweets, accounts, covid)
    agencies = agency_summary(adoption, consistency, echo_threshold=echo_threshold)
    fragmentation = fragmentation_index(network, agencies)
    comparison = _comparison(tweets, accounts, covid, network, agencies, fragmentation)
    return CityAnalysis(
        covid,
        adoption,
        curves,
        attention,
        ties,
        network,
        consistency,
        agencies,
        fragmentation,
        comparison,
        seed,
    )
