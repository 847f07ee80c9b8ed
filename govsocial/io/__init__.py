r"""Loaders for the book's datasets and for real social-media export formats.

Every loader reads one format, checks it against a :class:`~govsocial.schema.Contract`, and
returns a :class:`Loaded`: the typed table plus a :class:`~govsocial.schema.LoadReport` saying
how many records were read and, for each reason, how many were left out. Data that do not fit
raise one :class:`~govsocial.schema.DataError` listing every problem of the file (the first 20,
then how many more), each with the file, the row (the line in the file, or the record's number
in a JSON array; in a page of tweets also the tweet's id), the column, what was expected and
what was found. Every loader takes ``on_error``: ``"raise"`` (the default) or ``"skip"``, which
keeps the good rows and lists each row left out, with its line and reason, in
``report.skipped``. Problems of a file as a whole (not UTF-8, not CSV or JSON, empty, a column
missing) raise at once.

One module per format, around a shared core; every public name is importable from
``govsocial.io`` itself.

Modules
-------
core
    Where the data are, :class:`Loaded`, :func:`read_table`, and the CSV / JSON reading shared
    by every format module.
posts
    One post format for every platform (:data:`POSTS`, :data:`ACCOUNTS`), and Twitter v2
    frames mapped into it.
bluesky
    Bluesky (AT Protocol) author feeds and profiles, as ``getAuthorFeed`` and ``getProfiles``
    return them.
mastodon
    Mastodon statuses and accounts, as the REST API returns them.
tweets
    Twitter API v2 responses stored as JSON lines (``twarc2``): archival (free research access
    ended in 2023).
crowdtangle
    CrowdTangle CSV exports of Facebook page posts.
crisislex
    CrisisLexT26: crisis tweets labelled by crowd workers, and their event descriptions.
usdr
    The U.S. Digital Registry's agencies and accounts (JSON).
clickstreams
    Clickstreams (``user_id``, ``timestamp``, ``page``) from CSV or Parquet.
access_logs
    Web server access logs (Common and Combined Log Format), users pseudonymised.
msnbc
    The UCI MSNBC.com Anonymous Web Data.
snowflake
    Tweet (Snowflake) ids: creation times encoded and decoded.

Public functions
----------------
data_dir()
    Where the book's ``data/`` folder is.
shown_path(path)
    A file's name as the book shows it (from ``data/`` on).
read_table(path, contract, *, on_error="raise")
    Any small CSV file, read as text and validated against ``contract``.
read_crisislex_labelled(path, *, on_error="raise")
    One CrisisLexT26 ``<event>-tweets_labeled.csv`` file.
read_crisislex_t26(folder, *, information_source=None, on_error="raise")
    Every labelled file of CrisisLexT26, optionally only one information source.
read_crisislex_events(folder, *, on_error="raise")
    One row per CrisisLexT26 event, from the ``*-event_description.json`` files.
read_tweets_v2_jsonl(path, *, on_error="raise")
    Twitter API v2 responses stored one per line (as ``twarc2`` writes them).
read_crowdtangle_csv(path, *, on_error="raise")
    Facebook page posts exported from CrowdTangle (CSV; archival: CrowdTangle closed in 2024).
read_bluesky_feed(path, *, on_error="raise")
    Bluesky ``app.bsky.feed.getAuthorFeed`` pages, one per line, as :data:`POSTS`.
read_bluesky_profiles(path, *, on_error="raise")
    Bluesky ``app.bsky.actor.getProfiles`` responses, one per line, as :data:`ACCOUNTS`.
read_mastodon_statuses(path, *, server, on_error="raise")
    Mastodon ``GET /api/v1/accounts/:id/statuses`` pages, one per line, as :data:`POSTS`.
read_mastodon_accounts(path, *, server, on_error="raise")
    Mastodon Account objects, as :data:`ACCOUNTS`.
from_tweets_v2(frame)
    A :data:`TWEETS_V2` frame as :data:`POSTS`.
from_crowdtangle(frame)
    A :data:`CROWDTANGLE_POSTS` frame as :data:`POSTS` (platform 'facebook').
read_posts_folder(folder, *, on_error="raise")
    A folder of one platform's posts (Bluesky, Mastodon or archival Twitter) as :data:`POSTS`
    and :data:`ACCOUNTS` (:mod:`govsocial.io.folders`).
html_to_text(content)
    A Mastodon status's HTML as plain text.
read_usdr_agencies(path, *, on_error="raise")
    The U.S. Digital Registry's list of agencies (``USDR_agencies.txt``).
read_usdr_accounts(path, *, on_error="raise")
    The U.S. Digital Registry's account records (e.g. ``DOC_accts.txt``).
read_clickstream(path, *, on_error="raise")
    A clickstream (``user_id``, ``timestamp``, ``page``) from a CSV or Parquet file.
read_access_log(path, *, salt, on_error="raise")
    A web server access log (Common or Combined Log Format) as clicks, users pseudonymised.
pseudonymise(values, salt)
    Keyed (HMAC-SHA-256) pseudonyms of identifiers.
read_msnbc(path, *, on_error="raise")
    The UCI MSNBC.com Anonymous Web Data: one session per line, pages as 17 categories.
snowflake_ids(created_at)
    Tweet ids that encode the given creation times.
tweet_id_to_datetime(tweet_ids)
    The UTC creation time encoded in tweet (Snowflake) IDs.

Public constants: the contracts :data:`CRISISLEX_LABELLED`, :data:`CRISISLEX_EVENTS`,
:data:`POSTS`, :data:`ACCOUNTS`, :data:`TWEETS_V2`, :data:`CROWDTANGLE_POSTS`,
:data:`USDR_AGENCIES`, :data:`USDR_ACCOUNTS`,
:data:`CLICKSTREAM`; the CrisisLexT26 label sets :data:`CRISISLEX_SOURCES`,
:data:`CRISISLEX_TYPES`, :data:`CRISISLEX_INFORMATIVENESS`; :data:`MSNBC_CATEGORIES`; and
:data:`TWITTER_EPOCH_MS`.

Examples
--------
>>> from govsocial.io import CRISISLEX_LABELLED
>>> CRISISLEX_LABELLED.names[:3]
['event', 'tweet_id', 'text']
"""

from __future__ import annotations

from govsocial.io.access_logs import pseudonymise, read_access_log
from govsocial.io.bluesky import read_bluesky_feed, read_bluesky_profiles
from govsocial.io.clickstreams import CLICKSTREAM, read_clickstream
from govsocial.io.core import ENV_VAR as ENV_VAR  # the variable data_dir() honours
from govsocial.io.core import Loaded, data_dir, read_table, shown_path
from govsocial.io.core import PathLike as PathLike  # the type of every loader's path

# The shared CSV core: not public, but the chapters' own CSV readers use these two helpers
# (``io._read_csv_records``, ``io._check_widths``), so they stay importable from here.
from govsocial.io.core import _check_widths as _check_widths
from govsocial.io.core import _read_csv_records as _read_csv_records
from govsocial.io.crisislex import (
    CRISISLEX_EVENTS,
    CRISISLEX_INFORMATIVENESS,
    CRISISLEX_LABELLED,
    CRISISLEX_SOURCES,
    CRISISLEX_TYPES,
    read_crisislex_events,
    read_crisislex_labelled,
    read_crisislex_t26,
)
from govsocial.io.crowdtangle import CROWDTANGLE_POSTS, read_crowdtangle_csv
from govsocial.io.folders import PostsFolder, read_posts_folder
from govsocial.io.mastodon import html_to_text, read_mastodon_accounts, read_mastodon_statuses
from govsocial.io.msnbc import MSNBC_CATEGORIES, read_msnbc
from govsocial.io.posts import ACCOUNTS, POSTS, from_crowdtangle, from_tweets_v2
from govsocial.io.snowflake import TWITTER_EPOCH_MS, snowflake_ids, tweet_id_to_datetime
from govsocial.io.tweets import TWEETS_V2, TweetsReport, read_tweets_v2_jsonl
from govsocial.io.usdr import USDR_ACCOUNTS, USDR_AGENCIES, read_usdr_accounts, read_usdr_agencies

__all__ = [
    "ACCOUNTS",
    "CLICKSTREAM",
    "CRISISLEX_EVENTS",
    "CRISISLEX_INFORMATIVENESS",
    "CRISISLEX_LABELLED",
    "CRISISLEX_SOURCES",
    "CRISISLEX_TYPES",
    "CROWDTANGLE_POSTS",
    "MSNBC_CATEGORIES",
    "POSTS",
    "TWEETS_V2",
    "TWITTER_EPOCH_MS",
    "USDR_ACCOUNTS",
    "USDR_AGENCIES",
    "Loaded",
    "TweetsReport",
    "PostsFolder",
    "data_dir",
    "from_crowdtangle",
    "from_tweets_v2",
    "html_to_text",
    "pseudonymise",
    "read_access_log",
    "read_bluesky_feed",
    "read_bluesky_profiles",
    "read_clickstream",
    "read_crisislex_events",
    "read_crisislex_labelled",
    "read_crisislex_t26",
    "read_crowdtangle_csv",
    "read_mastodon_accounts",
    "read_mastodon_statuses",
    "read_msnbc",
    "read_posts_folder",
    "read_table",
    "read_tweets_v2_jsonl",
    "read_usdr_accounts",
    "read_usdr_agencies",
    "shown_path",
    "snowflake_ids",
    "tweet_id_to_datetime",
]
