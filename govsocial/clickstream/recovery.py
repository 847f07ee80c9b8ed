"""Did we recover it? The whole analysis of a world, planted against measured, the scorecard.

:func:`analyse` runs every step on one simulated log, sessions to scorecard;
:func:`recovery_table` sets the planted behaviour against the measured one, with intervals;
:func:`scorecard` sets the study's findings against what the log and the card sort show.

How often would the method fool us? Each finding has a decision rule (:data:`RULES`, through
:mod:`govsocial.planted`) and a *null world* (:func:`null_effects`) in which only its effect
falls just short of the study's claim while every other planted behaviour, and all the noise,
stays: half of the sessions are lookups (not "mainly"), 13 of the 27 services have a planted
popularity under 1% (not "most"), 10% of the home-portal visits wander (the threshold), and
40% of the card-sort participants sort by task (a minority). :func:`world` simulates and
analyses one world; :func:`operating_characteristics` runs planted and null worlds and measures
power and size; :func:`falsification` analyses every finding's null world at one seed; and
:func:`claims` builds the sentences the chapter prints from the computed numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import partial

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

from govsocial import planted
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
    "FINDINGS",
    "LOOKUP_TOOL",
    "MENU_MISMATCH",
    "NULL_CONCENTRATION",
    "NULL_TASK_SORTING",
    "OFF_PATH",
    "RULES",
    "TABLE_RECORDS",
    "UNDERUSED",
    "Analysis",
    "analyse",
    "claims",
    "falsification",
    "null_effects",
    "null_verdicts",
    "operating_characteristics",
    "recovery_table",
    "run_worlds",
    "scorecard",
    "world",
]


_LOOKUP_ROW = "lookup share of sessions"
_OFF_PATH_ROW = "home portal: share off the shortest path"


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
    labels = [_LOOKUP_ROW, "popularity exponent", _OFF_PATH_ROW,
              "home portal: share reaching no service"]
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
    metrics: pd.DataFrame,
    usage: Utilisation,
    way: Wayfinding,
    card_ari: float | None,
    recovery: pd.DataFrame | None = None,
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
    recovery : DataFrame, optional
        :func:`recovery_table`. With it, the lookup and wayfinding findings count as found only
        when the whole 95% interval is above the threshold (a one-sided test at 2.5%), as the
        rules of :data:`RULES` decide; without it (a log without planted truth), when the
        measured share is.

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
    lookup_low = off_low = None
    if recovery is not None:
        rows_by = recovery.set_index("quantity")
        lookup_low = float(rows_by.loc[_LOOKUP_ROW, "ci_low"])
        off_low = float(rows_by.loc[_OFF_PATH_ROW, "ci_low"])
    rows = [
        (
            "Used mainly as a lookup tool",
            f"{lookup:.0%} of sessions are lookups (one service, then leave)",
            (lookup if lookup_low is None else lookup_low) > LOOKUP_TOOL,
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
                (way.off_path if off_low is None else off_low) > OFF_PATH,
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
        scorecard(metrics, usage, way, card_ari, recovery),
    )


# --------------------------------------------------------------------------------------------
# How often would this method fool us? Null worlds, rules, power and size, claims
# --------------------------------------------------------------------------------------------

FINDINGS: tuple[str, ...] = ("lookup", "underused", "wayfinding", "card sort")
"""Keys of the study's four findings, in the scorecard's order (see :func:`null_effects`)."""

NULL_CONCENTRATION = 1.4
"""Popularity exponent of the underuse null world: 13 of the 27 services have a planted
popularity under 1%, one short of "most" (the planted world's 1.6 puts 16 under 1%)."""

NULL_TASK_SORTING = 0.4
"""Share of task sorters in the card-sort null world: a minority (the planted world has 80%)."""

TABLE_RECORDS = 30_000
"""Records per world of the chapter's table of power and size (the log is 300,000 records)."""


def null_effects(finding: str, effects: Effects | None = None) -> Effects:
    """Return the planted behaviour with only ``finding``'s effect just short of the claim.

    Every other planted effect, and all the noise, stays as in ``effects``:

    - ``"lookup"``: exactly half of the sessions are lookups (the claim is *more* than half);
    - ``"underused"``: popularity exponent :data:`NULL_CONCENTRATION`, 13 of 27 services with a
      planted share under 1% (the claim is more than half of them);
    - ``"wayfinding"``: 10% of the home-portal visits wander, the threshold :data:`OFF_PATH`;
    - ``"card sort"``: :data:`NULL_TASK_SORTING` of the participants sort by task.

    Examples
    --------
    >>> round(null_effects("lookup").expected_lookup_share(), 6)
    0.5
    >>> calm = null_effects("wayfinding")
    >>> calm.wander, calm.lookup == Effects().lookup, calm.give_up == Effects().give_up
    (0.1, True, True)
    """
    effects = Effects() if effects is None else effects
    if finding == "lookup":
        scale = LOOKUP_TOOL / effects.expected_lookup_share()
        return replace(effects, lookup=effects.lookup * scale)
    if finding == "underused":
        return replace(effects, concentration=NULL_CONCENTRATION)
    if finding == "wayfinding":
        return replace(effects, wander=OFF_PATH)
    if finding == "card sort":
        return replace(effects, task_sorting=NULL_TASK_SORTING)
    raise ValueError(f"finding must be one of {FINDINGS}, got {finding!r}")


def world(
    seed: int,
    is_planted: bool,
    *,
    finding: str | None = None,
    n_records: int = TABLE_RECORDS,
    reps: int = 200,
) -> Analysis:
    """Simulate and analyse one world: planted, or the null world of ``finding``.

    Examples
    --------
    >>> run = world(3, False, finding="lookup", n_records=5_000, reps=50)
    >>> run.scorecard["found?"].iloc[0] in ("yes", "no")
    True
    """
    effects = Effects() if is_planted else null_effects(str(finding))
    data = simulate(seed, effects=effects, n_records=n_records)
    return analyse(data, seed=seed, reps=reps)


def _found(finding: str, run: Analysis) -> bool:
    """Return the scorecard's verdict on ``finding`` in one analysed world."""
    return bool(run.scorecard.set_index("finding").loc[finding, "found?"] == "yes")


def _interval(quantity: str, run: Analysis) -> tuple[float, float, float]:
    row = run.recovery.set_index("quantity").loc[quantity]
    return float(row["measured"]), float(row["ci_low"]), float(row["ci_high"])


def _truth(planted_value: float, null_value: float, is_planted: bool) -> float:
    return planted_value if is_planted else null_value


def _rule(finding: str, level: float, quantity: str | None = None, truth=None) -> planted.Rule:
    return planted.Rule(
        finding,
        decide=partial(_found, finding),
        level=level,
        interval=None if quantity is None else partial(_interval, quantity),
        truth=None if truth is None else partial(_truth, *truth),
    )


RULES: tuple[planted.Rule, ...] = (
    _rule("Used mainly as a lookup tool", 0.025, _LOOKUP_ROW,
          (Effects().expected_lookup_share(), LOOKUP_TOOL)),
    _rule("Most services underutilised", 0.05),
    _rule("Home portals fail to support wayfinding", 0.025, _OFF_PATH_ROW,
          (Effects().wander, OFF_PATH)),
    _rule("Deficiencies in information architecture (card sort)", 0.05),
)
"""One rule per finding, the scorecard's: the lookup and wayfinding shares' 95% bootstrap
intervals must lie above their thresholds (one side of a 95% interval: a 2.5% level); the
underuse count and the card sort's adjusted Rand index are compared with their thresholds as
measured, and their 5% level is the false-alarm rate we would accept, not a property of a test."""


def run_worlds(
    seeds: Sequence[int], *, n_records: int = TABLE_RECORDS, reps: int = 200
) -> pd.DataFrame:
    """Every rule in the planted world and in its own null world, one of each per seed.

    Returns
    -------
    DataFrame
        :func:`govsocial.planted.run_worlds`'s rows: planted worlds for all rules, then each
        rule's null worlds (:func:`null_effects`).
    """
    seeds = list(seeds)
    frames = [planted.run_worlds(partial(world, n_records=n_records, reps=reps), RULES, seeds,
                                 kinds=(True,))]
    for finding, rule in zip(FINDINGS, RULES, strict=True):
        null = partial(world, finding=finding, n_records=n_records, reps=reps)
        frames.append(planted.run_worlds(null, [rule], seeds, kinds=(False,)))
    return pd.concat(frames, ignore_index=True)


def operating_characteristics(
    seeds: Sequence[int], *, n_records: int = TABLE_RECORDS, reps: int = 200
) -> pd.DataFrame:
    """Measure power, size, coverage and bias of every rule over planted and null worlds.

    Examples
    --------
    >>> oc = operating_characteristics(range(2), n_records=5_000, reps=50)
    >>> oc["planted_worlds"].tolist(), oc["null_worlds"].tolist()
    ([2, 2, 2, 2], [2, 2, 2, 2])
    """
    return planted.operating_characteristics(run_worlds(seeds, n_records=n_records, reps=reps))


def falsification(
    seed: int, scale: Scale = "teaching", *, reps: int = 400, n_records: int | None = None
) -> dict[str, Analysis]:
    """Analyse each finding's null world (:func:`null_effects`) at one seed.

    Examples
    --------
    >>> nulls = falsification(5, n_records=5_000, reps=50)
    >>> list(nulls)
    ['lookup', 'underused', 'wayfinding', 'card sort']
    """
    return {
        finding: analyse(
            simulate(seed, scale, effects=null_effects(finding), n_records=n_records),
            seed=seed,
            reps=reps,
        )
        for finding in FINDINGS
    }


def null_verdicts(nulls: dict[str, Analysis]) -> list[str]:
    """Each finding's scorecard verdict in its own null world, in the scorecard's order."""
    return [
        "yes" if _found(rule.finding, nulls[key]) else "no"
        for key, rule in zip(FINDINGS, RULES, strict=True)
    ]


def _count(n: int, total: int) -> str:
    return "all" if n == total and total > 1 else ("none" if n == 0 else f"{n} of {total}")


def claims(
    card: pd.DataFrame,
    *,
    lookup_share: float,
    share_under_1pct: float,
    off_path: float | None,
    card_ari: float | None,
    characteristics: pd.DataFrame | None = None,
) -> dict[str, str]:
    """Build the chapter's sentences that compare or judge from the computed numbers.

    Parameters
    ----------
    card : DataFrame
        :func:`scorecard`, optionally with a ``null world`` column (:func:`null_verdicts`).
    lookup_share, share_under_1pct, off_path, card_ari : float
        The measured lookup share, share of services under 1% of the views, share of
        home-portal sessions off the shortest path (None: no menu) and the card sort's ARI
        (None: no card sort).
    characteristics : DataFrame, optional
        :func:`operating_characteristics`.

    Returns
    -------
    dict
        ``lookup_verdict``, ``underused_verdict``, ``wayfinding_verdict`` (when ``off_path``),
        ``card_verdict`` (when ``card_ari``), ``scorecard_verdict``, ``null_verdict`` (with a
        null column) and ``fool_verdict`` (with ``characteristics``).
    """
    out = {
        "lookup_verdict": (
            "most visitors come for one service, use it and leave: that is what \"used mainly "
            "as a lookup tool\" looks like in a log"
            if lookup_share > LOOKUP_TOOL
            else "fewer than half of the sessions are lookups, so by this rule the log does not "
            "show an account \"used mainly as a lookup tool\""
        ),
        "underused_verdict": (
            "traffic is concentrated, and **most services are underutilised**"
            if share_under_1pct > UNDERUSED
            else "traffic is uneven, but most services are not underutilised by this rule"
        ),
    }
    if off_path is not None:
        out["wayfinding_verdict"] = (
            "The home portal does **not support wayfinding** well: the departmental menus do not "
            "tell visitors where their task lives."
            if off_path > OFF_PATH
            else "By this measure the home portal supports wayfinding: few visitors leave the "
            "shortest path."
        )
    if card_ari is not None:
        out["card_verdict"] = (
            "disagree" if card_ari < MENU_MISMATCH else "largely agree"
        )
    found = card["found?"] == "yes"
    n = len(card)
    if found.all():
        planted_part = "Every finding is found in the planted world"
    else:
        missed = ", ".join(card.loc[~found, "finding"].str.lower())
        planted_part = f"{_count(int(found.sum()), n).capitalize()} findings are found in " \
            f"the planted world (not: {missed})"
    if "null world" in card.columns:
        false_alarms = card["null world"] == "yes"
        out["null_verdict"] = _count(int(false_alarms.sum()), n)
        if not false_alarms.any():
            out["scorecard_verdict"] = (
                f"{planted_part}, and none is found in its null world, where it falls just "
                "short of the claim."
            )
        else:
            fooled = ", ".join(card.loc[false_alarms, "finding"].str.lower())
            out["scorecard_verdict"] = (
                f"{planted_part}, but in the null worlds, where each finding falls just short "
                f"of the claim, the scorecard still reports: {fooled}."
            )
    else:
        out["scorecard_verdict"] = f"{planted_part}."
    if characteristics is not None:
        above = characteristics[characteristics["size_above_level"]]
        if above.empty:
            out["fool_verdict"] = (
                "No rule's size is clearly above its stated level in these worlds"
            )
        else:
            names = " and ".join(f"\"{f}\"" for f in above["finding"])
            several = len(above) > 1
            out["fool_verdict"] = (
                f"The size{'s' if several else ''} of {names} "
                f"{'are' if several else 'is'} above {'their' if several else 'its'} stated "
                f"level{'s' if several else ''}: in worlds just short of the claim "
                f"{'they find' if several else 'it finds'} the effect more often than promised, "
                f"so read {'those rows' if several else 'that row'} of the scorecard with care"
            )
    return out
