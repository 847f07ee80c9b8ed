r"""Police agenda-setting on Facebook and Twitter: simulator, coding, agendas and lead-lag tests.

The chapter re-runs the design of Williams et al. (2018): all posts of five police departments on
Facebook and Twitter over 90 days, and all follower posts responding to them; the posts are coded
into topics by hand and clustered by machine; the police agenda (what share of its posts a
department gives each topic) is compared with its followers' agenda; engagement and replies
measure the public's response and the police's interactivity. The data here are SIMULATED, for
fictional departments, with a planted truth that :func:`simulate` returns with the data.

Files
-----
``simulate.py``
    The fictional world: :class:`Effects`, :func:`simulate`, the planted :class:`Truth`.
``texts.py``
    The words of the fictional posts and comments, topic by topic.
``_common.py``
    The codebook (:data:`TOPICS`), the departments, platforms, time zone and period, and the
    helpers every step shares.
``coding.py``
    The codebook table, coder agreement (kappa) and machine clustering of the texts.
``analysis.py``
    Agendas and their correlation, share gaps, daily attention and lead-lag tests, the
    engagement model and reply rates: frames in, frames out.
``recovery.py``
    Planted effects against estimates (:func:`recovery_table`), the null world
    (:func:`falsification`), the study's findings (:func:`scorecard`), and power and size of
    the decision rules over many worlds (:func:`operating_characteristics`).
``sentences.py``
    The page's conditioned sentences (:func:`claims`).
``data.py``
    Your own data: :func:`load_folder` and :func:`posts_from_exports`.
``figures.py``
    The chapter's own figures.

Public functions
----------------
simulate(seed, scale, effects, coder_error)
    Five fictional departments' posts and their followers' comments, with the planted truth.
codebook()
    The eight topics, what each covers, and the topics coders confuse it with.
topic_kappas(reliability)
    Cohen's kappa of two coders, for each topic (one topic against the rest) and overall.
cluster_posts(texts, k_values, seed, ...)
    TF-IDF and k-means; the number of clusters chosen by the mean silhouette.
cluster_names(clustering)
    Names for clusters ("3: crash/road"), when no coder has coded the posts.
map_clusters(clusters, topics)
    Name each cluster after the topic most of its posts were coded with.
clustering_agreement(topics, clusters, mapping)
    Adjusted Rand index, purity, and per-topic recall of the machine against the coders.
topic_shares(posts, by)
    Share of posts on each topic, within groups (department, platform, actor).
agenda_correlation(posts, n_boot, seed)
    Spearman rank correlation of police and public agendas per department, bootstrap CIs.
share_gaps(posts, group, first, second, n_boot, seed)
    Difference between two groups' topic shares (public minus police, Twitter minus Facebook).
daily_attention(posts, timezone)
    Each local day's share of police and of public posts on each topic.
cross_correlation(attention, topic, max_lag)
    Correlation of police attention today with public attention ``lag`` days later.
lead_lag(attention, max_lag, granger_lag)
    Per topic: the lag of peak cross-correlation and Granger tests in both directions.
engagement_model(posts, reference)
    Negative binomial model of police posts' engagement by topic, department fixed effects.
reply_summary(posts)
    Per department: comments, police replies, reply rate with a Wilson CI, response times.
recovery_table(data, agendas, divergence, platforms, lags, engagement, replies)
    Planted effects against estimates, with intervals and a recovered? column.
falsification(agendas, platforms, lags, engagement, replies)
    One overall check per effect, for data simulated with every effect at zero.
scorecard(agendas, divergence, engagement, replies)
    The study's directional findings against what the chapter's methods found.
RULES, FALSE_LEAD, world(seed, planted, effect, scale), run_all_worlds(seeds, scale)
    The decision rules and the planted and null worlds they run in (``govsocial.planted``).
operating_characteristics(seeds, scale)
    Power and size of every rule, with Wilson intervals.
claims(results), clustering_claims(machine, comments, k)
    The page's sentences that compare, judge or count, conditioned on the numbers.
posts_from_exports(facebook, tweets, departments)
    The chapter's posts table from CrowdTangle posts, API v2 tweets and a department list.
load_folder(folder)
    Read, validate and combine a folder of Bluesky, Mastodon or archival posts.
agenda_scatter(shares), cross_correlation_figure(curves), silhouette_figure(scores, chosen)
    The chapter's own figures.

Public constants: :data:`TOPICS` (the codebook), :data:`DEPARTMENTS`, :data:`PLATFORMS`,
:data:`TIMEZONE`, :data:`START_DAY`, :data:`N_DAYS`, :data:`OWN_DATA_FILES` and the contract
:data:`DEPARTMENT_ACCOUNTS`; result classes :class:`Effects`, :class:`Truth`,
:class:`AgendaData`, :class:`Clustering`, :class:`ClusterAgreement`, :class:`ShareGaps`,
:class:`EngagementResult`, :class:`ReplyResult`, :class:`OwnData`.

Examples
--------
>>> data = simulate(seed=1)
>>> sorted(data.posts["actor"].unique())
['police', 'public']
>>> data.posts["department"].nunique(), data.truth.lag_days
(5, 2)
"""

from __future__ import annotations

from ._common import DEPARTMENTS, N_DAYS, PLATFORMS, START_DAY, TIMEZONE, TOPICS
from .analysis import (
    EngagementResult,
    ReplyResult,
    ShareGaps,
    agenda_correlation,
    cross_correlation,
    daily_attention,
    engagement_model,
    lead_lag,
    reply_summary,
    share_gaps,
    topic_shares,
)
from .coding import (
    ClusterAgreement,
    Clustering,
    cluster_names,
    cluster_posts,
    clustering_agreement,
    codebook,
    map_clusters,
    topic_kappas,
)
from .data import (
    DEPARTMENT_ACCOUNTS,
    OWN_DATA_FILES,
    PLATFORM_ACCOUNTS,
    OwnData,
    load_folder,
    posts_from_exports,
)
from .figures import agenda_scatter, cross_correlation_figure, silhouette_figure
from .recovery import (
    FALSE_LEAD,
    RULES,
    falsification,
    operating_characteristics,
    recovery_table,
    run_all_worlds,
    scorecard,
    world,
)
from .sentences import (
    agenda_claim,
    claims,
    clustering_claims,
    engagement_claim,
    lag_claims,
    platform_claim,
    power_claim,
    recovery_claims,
    reply_claim,
)
from .simulate import AgendaData, Effects, Truth, simulate

__all__ = [
    "DEPARTMENTS",
    "DEPARTMENT_ACCOUNTS",
    "FALSE_LEAD",
    "N_DAYS",
    "OWN_DATA_FILES",
    "PLATFORM_ACCOUNTS",
    "PLATFORMS",
    "RULES",
    "START_DAY",
    "TIMEZONE",
    "TOPICS",
    "AgendaData",
    "ClusterAgreement",
    "Clustering",
    "Effects",
    "EngagementResult",
    "OwnData",
    "ReplyResult",
    "ShareGaps",
    "Truth",
    "agenda_claim",
    "agenda_correlation",
    "agenda_scatter",
    "claims",
    "cluster_names",
    "cluster_posts",
    "clustering_agreement",
    "clustering_claims",
    "codebook",
    "cross_correlation",
    "cross_correlation_figure",
    "daily_attention",
    "engagement_claim",
    "engagement_model",
    "falsification",
    "lag_claims",
    "lead_lag",
    "load_folder",
    "map_clusters",
    "operating_characteristics",
    "platform_claim",
    "posts_from_exports",
    "power_claim",
    "recovery_claims",
    "recovery_table",
    "reply_claim",
    "reply_summary",
    "run_all_worlds",
    "scorecard",
    "share_gaps",
    "silhouette_figure",
    "simulate",
    "topic_kappas",
    "topic_shares",
    "world",
]
