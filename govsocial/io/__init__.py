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
tweets
    Twitter API v2 responses stored as JSON lines (``twarc2``).
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
    Facebook page posts exported from CrowdTangle (CSV).
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
:data:`TWEETS_V2`, :data:`CROWDTANGLE_POSTS`, :data:`USDR_AGENCIES`, :data:`USDR_ACCOUNTS`,
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
from govsocial.io.msnbc import MSNBC_CATEGORIES, read_msnbc
from govsocial.io.snowflake import TWITTER_EPOCH_MS, snowflake_ids, tweet_id_to_datetime
from govsocial.io.tweets import TWEETS_V2, read_tweets_v2_jsonl
from govsocial.io.usdr import USDR_ACCOUNTS, USDR_AGENCIES, read_usdr_accounts, read_usdr_agencies

__all__ = [
    "CLICKSTREAM",
    "CRISISLEX_EVENTS",
    "CRISISLEX_INFORMATIVENESS",
    "CRISISLEX_LABELLED",
    "CRISISLEX_SOURCES",
    "CRISISLEX_TYPES",
    "CROWDTANGLE_POSTS",
    "MSNBC_CATEGORIES",
    "TWEETS_V2",
    "TWITTER_EPOCH_MS",
    "USDR_ACCOUNTS",
    "USDR_AGENCIES",
    "Loaded",
    "data_dir",
    "pseudonymise",
    "read_access_log",
    "read_clickstream",
    "read_crisislex_events",
    "read_crisislex_labelled",
    "read_crisislex_t26",
    "read_crowdtangle_csv",
    "read_msnbc",
    "read_table",
    "read_tweets_v2_jsonl",
    "read_usdr_accounts",
    "read_usdr_agencies",
    "shown_path",
    "snowflake_ids",
    "tweet_id_to_datetime",
]
