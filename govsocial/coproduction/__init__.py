r"""Coproduction: citizens amplifying government disaster communication (#sandy).

The chapter re-runs the design of Chatfield & Reddick (2018): #sandy tweets analysed as a
network, to see how citizens' retweets of government tweets magnify the *reach* and the
*agility* of government disaster communication. Their data are not public, so :func:`simulate`
builds a fictional storm: seven fictional government accounts of "Harbor City" and the nation,
thousands of citizen accounts with heavy-tailed follower counts, and retweet cascades grown by a
branching process whose planted truth (:class:`Effects`) says by how much citizens multiply the
audience of a government message. The analysis functions then measure the retweet network,
the cascades, the reach and the agility of government messages, on simulated data or on a
reader's own tweets (:func:`load_folder`). Real Hurricane Sandy tweets (CrisisLexT6) and the
CrisisLexT26 timelines are read by :func:`read_crisislex_t6` and :func:`read_crisislex_timelines`.

Files
-----
simulate.py
    The fictional storm: :data:`LANDFALL`, the accounts, :class:`Effects`,
    :class:`CoproductionData`, :func:`simulate`, and the frames' contracts.
analysis.py
    Kinds of tweet and volume, reach and agility of government messages, the most retweeted
    accounts of the real Sandy tweets, several crises' timelines on one axis.
cascades.py
    Retweet cascades: size, depth and first retweet of every original tweet.
network.py
    The retweet network, its centrality and its communities.
recovery.py
    The planted truth against the measures: comparison with citizens, decision rules, power and
    size, recovery table, falsification, scorecard, the page's sentences.
data.py
    The reader's own-data folder (:func:`load_folder`) and the CrisisLex readers.
figures.py
    The chapter's figures.
_common.py
    Small private helpers several of these files share.

Public names
------------
LANDFALL, ATTENTION_HOURS, GOVERNMENT_ACCOUNTS, ACCOUNT_TYPES, KINDS
    When the storm makes landfall, how fast followers see a tweet, the fictional government
    accounts, the kinds of account and the kinds of tweet.
ACCOUNTS, TWEETS, OWN_ACCOUNTS, PLATFORM_OWN_ACCOUNTS, SANDY, TIMELINE, SANDY_ACCOUNT_TYPES
    Contracts of the frames and files the chapter reads or builds.
Effects
    The planted effects; ``Effects.none()`` plants none.
CoproductionData
    Accounts, tweets, the planted truth and the load report of one data set.
simulate(seed, scale="teaching", effects=None)
    A simulated storm: accounts, original tweets and retweet cascades.
load_folder(folder)
    The reader's own posts (Bluesky, Mastodon, or archival Twitter API v2) and ``accounts.csv``.
tweet_kinds(tweets, accounts)
    Each tweet labelled as a government or citizen original or retweet.
volume(tweets, accounts, *, freq="1h")
    Tweets per time bin and kind.
cascades(tweets, accounts)
    One row per original tweet: retweets, depth, time to first retweet.
retweet_network(tweets, accounts)
    The directed, weighted retweet network (retweeter -> original author).
centrality_table(graph, *, betweenness_samples=300, seed=0)
    In-degree, betweenness and eigenvector centrality of every account.
compare_centrality(centrality)
    The centrality measures summarised by kind of account.
communities(graph, *, seed=0)
    Louvain communities of the retweet network, with their make-up.
message_reach(tweets, accounts, *, attention_hours=ATTENTION_HOURS)
    Reach and agility of every government message.
audience_curves(tweets, accounts, *, hours, attention_hours=ATTENTION_HOURS)
    The average audience of a government message over time, with and without citizens.
bootstrap_ratio(numerator, denominator, *, n_boot=2000, seed=0)
    A ratio of sums with a bootstrap confidence interval.
compare_with_citizens(tweets, accounts, *, seed=0)
    Reach and first-hour audience of government messages against citizens' own tweets.
RULES, world(seed, is_planted), operating_characteristics(seeds)
    The chapter's decision rules, one planted or null world, and their power and size.
recovery_table(data, reach, *, seed=0)
    Planted versus measured amplification and agility.
falsification(seed, scale="teaching")
    The same measures in the null world: citizens retweet government as often as each other.
scorecard(recovery, falsified)
    The study's directional finding against what we measured.
claims(numbers)
    The page's comparing and judging sentences, built from the numbers.
read_crisislex_t6(path)
    The CrisisLexT6 on-topic / off-topic file of one crisis, with decoded times.
retweeted_accounts(sandy)
    How often each account is retweeted (from ``RT @account`` in the text).
read_account_types(path)
    The hand-made table of organisational accounts.
most_retweeted(sandy, account_types, *, top=50)
    The most retweeted accounts: organisational ones shown, the rest only counted.
read_crisislex_timeline(path, *, included_only=True)
    One CrisisLexT26 ``*-tweetids_entire_period.csv`` file.
read_crisislex_timelines(folder, events)
    Several CrisisLexT26 timelines.
timeline_curves(timelines, *, bin_hours=3, horizon_hours=240)
    Normalised volume curves on a common axis of hours since the first tweet.
volume_figure(counts, *, landfall, ylabel="Tweets per hour")
    Figure: volume over time by kind, landfall marked.
network_core_figure(graph, centrality, *, top_citizens=40, seed=0)
    Figure: the core of the retweet network.
cascade_figure(cascade_table)
    Figure: cascade size and depth distributions.
audience_figure(curves, *, attention_hours=ATTENTION_HOURS)
    Figure: average audience over time, with and without citizens.
timeline_figure(curves)
    Figure: normalised volume curves of several crises.

Examples
--------
>>> data = simulate(2022)
>>> reach = message_reach(data.tweets, data.accounts)
>>> estimate, low, high = bootstrap_ratio(reach["final_audience"], reach["direct_audience"])
>>> bool(low < data.effects.amplification < high)
True
"""

from __future__ import annotations

from .analysis import (
    KINDS,
    audience_curves,
    message_reach,
    most_retweeted,
    retweeted_accounts,
    timeline_curves,
    tweet_kinds,
    volume,
)
from .cascades import cascades
from .data import (
    OWN_ACCOUNTS,
    PLATFORM_OWN_ACCOUNTS,
    SANDY,
    SANDY_ACCOUNT_TYPES,
    TIMELINE,
    load_folder,
    read_account_types,
    read_crisislex_t6,
    read_crisislex_timeline,
    read_crisislex_timelines,
)
from .figures import (
    audience_figure,
    cascade_figure,
    network_core_figure,
    timeline_figure,
    volume_figure,
)
from .network import centrality_table, communities, compare_centrality, retweet_network
from .recovery import (
    RULES,
    CitizenComparison,
    bootstrap_ratio,
    claims,
    community_counts,
    compare_with_citizens,
    falsification,
    operating_characteristics,
    recovery_table,
    scorecard,
    world,
)
from .simulate import (
    ACCOUNT_TYPES,
    ACCOUNTS,
    ATTENTION_HOURS,
    CITIZEN_AMPLIFICATION,
    GOVERNMENT_ACCOUNTS,
    LANDFALL,
    TWEETS,
    CoproductionData,
    Effects,
    simulate,
)

__all__ = [
    "ACCOUNTS",
    "ACCOUNT_TYPES",
    "ATTENTION_HOURS",
    "CITIZEN_AMPLIFICATION",
    "CitizenComparison",
    "GOVERNMENT_ACCOUNTS",
    "KINDS",
    "LANDFALL",
    "OWN_ACCOUNTS",
    "PLATFORM_OWN_ACCOUNTS",
    "RULES",
    "SANDY",
    "SANDY_ACCOUNT_TYPES",
    "TIMELINE",
    "TWEETS",
    "CoproductionData",
    "Effects",
    "audience_curves",
    "audience_figure",
    "bootstrap_ratio",
    "cascade_figure",
    "cascades",
    "centrality_table",
    "claims",
    "communities",
    "community_counts",
    "compare_with_citizens",
    "compare_centrality",
    "falsification",
    "load_folder",
    "message_reach",
    "most_retweeted",
    "network_core_figure",
    "operating_characteristics",
    "read_account_types",
    "read_crisislex_t6",
    "read_crisislex_timeline",
    "read_crisislex_timelines",
    "recovery_table",
    "retweet_network",
    "retweeted_accounts",
    "scorecard",
    "simulate",
    "timeline_curves",
    "timeline_figure",
    "tweet_kinds",
    "volume",
    "volume_figure",
    "world",
]
