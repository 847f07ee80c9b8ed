r"""Collect public posts of official accounts from Bluesky and Mastodon, for the readers.

The command ``python -m govsocial.collect`` (:mod:`govsocial.collect.cli`) writes a folder of the
files that :func:`govsocial.io.read_bluesky_feed`, :func:`govsocial.io.read_bluesky_profiles`,
:func:`govsocial.io.read_mastodon_statuses` and :func:`govsocial.io.read_mastodon_accounts`
read, page by page, politely and resumably::

    python -m govsocial.collect bluesky --handles accounts.csv --out mydata/
    python -m govsocial.collect mastodon --server social.example --handles accounts.csv \
        --out mydata/

It needs the optional extra ``pip install "govsocial[collect]"`` (``atproto``, ``Mastodon.py``,
``tqdm``), imported only when a collection starts; the book and the tests do without it.

Modules
-------
core
    The collection loop, the two client protocols, pacing, ``collection.json`` and resuming.
clients
    The adapters of ``atproto`` and ``Mastodon.py`` to those protocols.
cli
    The command line.

Examples
--------
>>> from govsocial.collect import read_handles, collect_bluesky, collect_mastodon
>>> callable(collect_bluesky) and callable(collect_mastodon)
True
"""

from govsocial.collect.core import (
    AccountNotFound,
    BlueskyClient,
    CollectionError,
    MastodonClient,
    Pacer,
    RateLimited,
    collect_bluesky,
    collect_mastodon,
    read_handles,
)

__all__ = [
    "AccountNotFound",
    "BlueskyClient",
    "CollectionError",
    "MastodonClient",
    "Pacer",
    "RateLimited",
    "collect_bluesky",
    "collect_mastodon",
    "read_handles",
]
