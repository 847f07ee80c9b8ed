"""Did we recover it? The whole analysis of a world, planted against measured, the scorecard.

:func:`analyse` runs every step on one simulated log, sessions to scorecard;
:func:`recovery_table` sets the planted behaviour against the measured one, with intervals;
:func:`scorecard` sets the study's findings against what the log and the card sort show; and
:func:`falsification` runs the whole analysis on a world with every effect set to zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

from govsocial.stats import wilson_interval

from .analysis import (
    Utilisation,
    Wayfinding,
    service_names,
    shortest_steps,
    utilisation,
    way_first_services,
    wayfinding,
)
from .cardsort import (
    CardClusters,
    cluster_cards,
    co_occurrence,
    participant_models,
    typical_groups,
)
from .sessions import page_views, session_metrics, sessionize
from .simulate import HOME, ClickstreamData, Effects, Scale, simulate

__all__ = [
    "LOOKUP_TOOL",
    "MENU_MISMATCH",
    "OFF_PATH",
    "UNDERUSED",
    "Analysis",
    "analyse",
    "falsification",
    "recovery_table",
    "scorecard",
]


def _bootstrap(
    rng: np.random.Generator, per_user: np.ndarray, reps: int, chunk: int = 50
) -> np.ndarray:
    """Sum per-user columns over ``reps`` bootstrap samples of users (Poisson weights).

    ``per_user`` has one row per user; the result has one row per replicate. Resampling whole
    users keeps each user's sessions together, as they are not independent of each other.

    Written by hand, not through :func:`govsocial.stats.bootstrap_interval`, for speed and
    memory at paper scale: the study's 42 million records come from about 4 million users, and
    every measure of the recovery table is a ratio of per-user sums. A Poisson(1) weight per
    user and replicate turns ``reps`` replicates of all the sums into one matrix product, done
    ``chunk`` replicates at a time in float32, whereas ``scipy.stats.bootstrap`` resamples
    through an index array of replicates by users (13 GB for 400 replicates of 4 million
    users) and runs once per measure.
    """
    values = per_user.astype(np.float32)
    sums = []
    for done in range(0, reps, chunk):
        weights = rng.poisson(1.0, size=(min(chunk, reps - done), len(values)))
        sums.append(weights.astype(np.float32) @ values)
    return np.concatenate(sums).astype(float)


def _per_user(users: pd.Index, frame: pd.DataFrame, columns: Iterable[str]) -> np.ndarray:
    """Per-user sums of ``columns`` of ``frame`` and its row count (the last column)."""
    codes = users.get_indexer(frame["user_id"])
    out = [np.bincount(codes, weights=frame[c].astype(float).to_numpy(), minlength=len(users))
           for c in columns]
    out.append(np.bincount(codes, minlength=len(users)).astype(float))
    return np.column_stack(out)


def _popularity_slope(views: np.ndarray, log_rank: np.ndarray) -> np.ndarray:
    """Minus the least-squares slope of log(views + 0.5) on log(rank), for each row."""
    y = np.log(views + 0.5)
    x = log_rank - log_rank.mean()
    return -((y - y.mean(axis=-1, keepdims=True)) @ x) / (x @ x)


def recovery_table(
    data: ClickstreamData,
    sessions: pd.DataFrame,
    metrics: pd.DataFrame,
    way: Wayfinding,
    *,
    seed: int = 0,
    reps: int = 400,
) -> pd.DataFrame:
    """Planted behaviour against what the log and the card sort show, with 95% intervals.

    Intervals of the log measures come from one bootstrap that resamples users (all sessions
    of a user together, Poisson weights, ``reps`` replicates, percentile intervals); the
    card-sort interval is Wilson's for a proportion (:func:`govsocial.stats.wilson_interval`).

    Rows: the share of sessions that are lookups (planted: lookups that did not give up,
    :meth:`Effects.expected_lookup_share`); the popularity exponent (minus the least-squares
    slope of log views on log planted rank, counting the first service of each session); the
    share of home-portal sessions that leave the shortest path (planted: ``wander``); the share
    of home-portal sessions that reach no service (planted: ``wander * give_up``); the share of
    card-sort participants whose sort is closer to the task groups than to the menu (planted:
    ``task_sorting``).

    Returns
    -------
    DataFrame
        ``quantity``, ``planted``, ``measured``, ``ci_low``, ``ci_high`` and ``covered``.

    Examples
    --------
    >>> data = simulate(5, n_records=20_000)
    >>> run = analyse(data, reps=100)
    >>> run.recovery["quantity"].tolist()[:2]
    ['lookup share of sessions', 'popularity exponent']
    """
    rng = np.random.default_rng(seed)
    effects = data.effects
    users = pd.Index(pd.unique(metrics["user_id"]))
    services = data.menu[data.menu["kind"] == "service"]
    names = pd.Index(services["page"])
    first = way_first_services(sessions, names)
    views = np.zeros((len(users), len(names)))
    np.add.at(views, (users.get_indexer(first["user_id"]), names.get_indexer(first["service"])),
              1.0)
    table = way.per_session
    blocks = [
        _per_user(users, metrics, ["is_lookup"]),  # lookups, sessions
        _per_user(users, table, ["off_path", "abandoned"]),  # off path, none, home sessions
        views,
    ]
    observed = np.concatenate([block.sum(axis=0) for block in blocks])
    replicate = _bootstrap(rng, np.column_stack(blocks), reps)
    log_rank = np.log(services["rank"].to_numpy(dtype=float))

    def estimates(sums: np.ndarray) -> np.ndarray:
        lookup = sums[..., 0] / sums[..., 1]
        off_path = sums[..., 2] / sums[..., 4]
        abandoned = sums[..., 3] / sums[..., 4]
        exponent = _popularity_slope(sums[..., 5:], log_rank)
        return np.stack([lookup, exponent, off_path, abandoned], axis=-1)

    measured = estimates(observed)
    low, high = np.percentile(estimates(replicate), [2.5, 97.5], axis=0)
    planted = [
        effects.expected_lookup_share(),
        effects.concentration,
        effects.wander,
        effects.wander * effects.give_up,
    ]
    labels = [
        "lookup share of sessions",
        "popularity exponent",
        "home portal: share off the shortest path",
        "home portal: share reaching no service",
    ]
    rows = [
        (label, p, float(m), float(lo), float(hi))
        for label, p, m, lo, hi in zip(labels, planted, measured, low, high, strict=True)
    ]
    sorters = participant_models(data.card_sort, data.menu)
    task = int((sorters["closer_to"] == "task").sum())
    rows.append(
        ("card sort: share sorting by task", effects.task_sorting, task / len(sorters),
         *wilson_interval(task, len(sorters)))
    )
    out = pd.DataFrame(rows, columns=["quantity", "planted", "measured", "ci_low", "ci_high"])
    out["covered"] = (out["ci_low"] <= out["planted"] + 1e-12) & (
        out["planted"] - 1e-12 <= out["ci_high"]
    )
    return out


LOOKUP_TOOL = 0.5
"""Scorecard threshold: a lookup tool when more than half of the sessions are lookups."""
UNDERUSED = 0.5
"""Scorecard threshold: most services underutilised when more than half get under 1%."""
OFF_PATH = 0.10
"""Scorecard threshold: wayfinding fails when over 10% of home-portal visits leave the path."""
MENU_MISMATCH = 0.5
"""Scorecard threshold: the menu does not match users' sorting when the ARI is below 0.5."""


def scorecard(
    metrics: pd.DataFrame, usage: Utilisation, way: Wayfinding, card_ari: float | None
) -> pd.DataFrame:
    """Set the study's findings against what the log (and the card sort) show.

    A finding counts as found when: more than half of the sessions are lookups
    (:data:`LOOKUP_TOOL`); more than half of the services get under 1% of the service traffic
    (:data:`UNDERUSED`); more than 10% of the sessions starting at the home portal give up or
    take a longer path than the menu's shortest (:data:`OFF_PATH`); the card sort's clusters
    agree poorly with the current menu, adjusted Rand index below 0.5 (:data:`MENU_MISMATCH`).

    Parameters
    ----------
    metrics : DataFrame
        :func:`session_metrics`.
    usage : Utilisation
        :func:`utilisation` of the service page views.
    way : Wayfinding
        :func:`wayfinding`.
    card_ari : float or None
        Adjusted Rand index between the card-sort clusters and the current menu (None: no card
        sort, the row is left out).

    Returns
    -------
    DataFrame
        ``finding``, ``what we found``, ``found?``.

    Examples
    --------
    >>> run = analyse(simulate(5, n_records=20_000), reps=50)
    >>> run.scorecard["found?"].tolist()
    ['yes', 'yes', 'yes', 'yes']
    """
    lookup = float(metrics["is_lookup"].mean())
    rows = [
        (
            "Used mainly as a lookup tool",
            f"{lookup:.0%} of sessions are lookups (one service, then leave)",
            lookup > LOOKUP_TOOL,
        ),
        (
            "Most services underutilised",
            f"{usage.under_1pct} of {len(usage.table)} services get under 1% of service "
            f"views; Gini {usage.gini:.2f}",
            usage.share_under_1pct > UNDERUSED,
        ),
    ]
    if np.isnan(way.off_path):
        found = f"{way.abandonment:.0%} of home-portal sessions reach no service"
        rows.append(("Home portals fail to support wayfinding", found, way.abandonment > 0.05))
    else:
        rows.append(
            (
                "Home portals fail to support wayfinding",
                f"{way.off_path:.0%} of home-portal sessions leave the shortest path, "
                f"{way.abandonment:.0%} reach no service",
                way.off_path > OFF_PATH,
            )
        )
    if card_ari is not None:
        rows.append(
            (
                "Deficiencies in information architecture (card sort)",
                f"users' groups against the current menu: adjusted Rand index {card_ari:.2f}",
                card_ari < MENU_MISMATCH,
            )
        )
    table = pd.DataFrame(rows, columns=["finding", "what we found", "found?"])
    table["found?"] = np.where(table["found?"], "yes", "no")
    return table


@dataclass(frozen=True)
class Analysis:
    """Every step of the chapter's analysis of one simulated log.

    Attributes
    ----------
    sessions, metrics : DataFrame
        :func:`sessionize` and :func:`session_metrics`.
    usage : Utilisation
        Utilisation of the service page views.
    way : Wayfinding
        Wayfinding from the home portal.
    clusters : CardClusters
        The card sort's clusters.
    card_ari : float
        Adjusted Rand index between the clusters and the current menu.
    recovery, scorecard : DataFrame
        :func:`recovery_table` and :func:`scorecard`.
    """

    sessions: pd.DataFrame
    metrics: pd.DataFrame
    usage: Utilisation
    way: Wayfinding
    clusters: CardClusters
    card_ari: float
    recovery: pd.DataFrame
    scorecard: pd.DataFrame


def analyse(
    data: ClickstreamData, *, timeout: str = "30min", seed: int = 0, reps: int = 400
) -> Analysis:
    """Run the chapter's whole analysis on a simulated log: sessions to scorecard.

    Examples
    --------
    >>> run = analyse(simulate(5, n_records=20_000), reps=50)
    >>> bool(run.recovery["covered"].all())
    True
    """
    services = service_names(data.menu)
    sessions = sessionize(data.clicks, timeout=timeout)
    metrics = session_metrics(sessions, services=services)
    usage = utilisation(page_views(sessions).reindex(services, fill_value=0))
    way = wayfinding(
        sessions, home=HOME, services=services, shortest=shortest_steps(data.menu)
    )
    clusters = cluster_cards(co_occurrence(data.card_sort), typical_groups(data.card_sort))
    current = data.menu.set_index("page").loc[clusters.labels.index, "menu"]
    card_ari = float(adjusted_rand_score(current, clusters.labels))
    recovery = recovery_table(data, sessions, metrics, way, seed=seed, reps=reps)
    return Analysis(
        sessions, metrics, usage, way, clusters, card_ari, recovery,
        scorecard(metrics, usage, way, card_ari),
    )


def falsification(seed: int, scale: Scale = "teaching", *, reps: int = 400) -> Analysis:
    """Run the whole analysis on a simulated world with every planted effect set to zero.

    Examples
    --------
    >>> run = falsification(5, reps=50)
    >>> run.scorecard["found?"].tolist()
    ['no', 'no', 'no', 'no']
    """
    return analyse(simulate(seed, scale, effects=Effects.none()), seed=seed, reps=reps)
