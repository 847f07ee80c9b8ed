"""Adapters from the official client libraries to the collection's two small protocols.

:class:`AtprotoClient` (Bluesky, with the ``atproto`` SDK) and :class:`MastodonPyClient`
(Mastodon, with ``Mastodon.py``) are the only code that imports those libraries, and only when
one is made: the book and the tests never need them. They come with the optional extra
``pip install "govsocial[collect]"``; without it, :class:`MissingExtra` says so.

Both write what the server sent, not the library's parsed objects: the readers read the API's
JSON (``$type`` fields, times as the server wrote them), which the libraries' models reshape
(``py_type``, datetimes). The atproto adapter calls the lexicon's endpoint with the SDK's
``invoke_query`` and the SDK's parameter models, whose ``Response.content`` is the decoded JSON;
the Mastodon adapter calls ``Mastodon.account_lookup`` and ``Mastodon.account_statuses`` and
keeps the JSON of the HTTP response the library received (a hook on its ``requests`` session).

Rate limits: atproto raises ``RateLimitExceededError`` on a 429, with the server's
``retry-after`` or ``ratelimit-reset``; the adapter turns it into
:class:`~govsocial.collect.core.RateLimited` with those seconds, which the collection waits out.
Mastodon.py keeps the server's ``X-RateLimit-*`` headers and, with ``ratelimit_method="wait"``
(used here), sleeps by itself until the window resets before asking again.

Neither logs in: the Bluesky AppView (:data:`PUBLIC_APPVIEW`) and a Mastodon server's public API
serve public posts without an account, and nothing else is collected.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from govsocial import __version__
from govsocial.collect.core import AccountNotFound, RateLimited

__all__ = ["INSTALL", "PUBLIC_APPVIEW", "AtprotoClient", "MastodonPyClient", "MissingExtra",
           "mastodon_base_url"]

#: Bluesky's public AppView: the unauthenticated read API.
PUBLIC_APPVIEW = "https://public.api.bsky.app"
#: How to install what collecting needs.
INSTALL = 'pip install "govsocial[collect]"'
_UNAVAILABLE = {"AccountTakedown", "AccountDeactivated", "BlockedActor", "BlockedByActor"}
USER_AGENT = f"govsocial/{__version__} (+python -m govsocial.collect; research collection)"


class MissingExtra(ImportError):
    """The optional packages for collecting (atproto, Mastodon.py, tqdm) are not installed.

    Examples
    --------
    >>> print(MissingExtra("atproto"))
    Collecting from Bluesky needs the package 'atproto', which is not installed.
    Install the collection extra: pip install "govsocial[collect]"
    """

    def __init__(self, package: str) -> None:
        platform = "Bluesky" if package == "atproto" else "Mastodon"
        super().__init__(
            f"Collecting from {platform} needs the package {package!r}, which is not installed.\n"
            f"Install the collection extra: {INSTALL}"
        )
        self.package = package


def mastodon_base_url(server: str) -> str:
    """Return the API base URL of a Mastodon server given as a domain or a URL.

    Examples
    --------
    >>> mastodon_base_url("social.example"), mastodon_base_url("https://social.example/")
    ('https://social.example', 'https://social.example')
    """
    server = server.strip().rstrip("/")
    return server if server.startswith(("https://", "http://")) else f"https://{server}"


def _seconds_until(moment: datetime | None) -> float | None:
    if moment is None:
        return None
    return max((moment - datetime.now(UTC)).total_seconds(), 0.0)


class AtprotoClient:
    """Bluesky's public AppView through the ``atproto`` SDK (no login).

    Parameters
    ----------
    base_url : str
        The AppView (default :data:`PUBLIC_APPVIEW`).
    timeout : float
        Seconds to wait for an answer.

    Raises
    ------
    MissingExtra
        When ``atproto`` is not installed.

    Examples
    --------
    >>> try:
    ...     client = AtprotoClient()
    ... except MissingExtra:
    ...     client = None  # the book's environment does not install the extra
    """

    def __init__(self, base_url: str = PUBLIC_APPVIEW, *, timeout: float = 30.0) -> None:
        try:
            from atproto import Client, models
            from atproto_client import exceptions
            from atproto_client.request import Request
        except ImportError as error:
            raise MissingExtra("atproto") from error
        request = Request(timeout=timeout)
        self._client = Client(base_url=base_url, request=request)
        self._models = models
        self._errors = exceptions

    def _query(self, nsid: str, params: Any) -> dict[str, Any]:
        try:
            response = self._client.invoke_query(nsid, params=params,
                                                 output_encoding="application/json")
        except self._errors.RateLimitExceededError as limited:
            seconds = limited.retry_after
            if seconds is None:
                seconds = _seconds_until(limited.reset_at)
            raise RateLimited(seconds) from limited
        except self._errors.BadRequestError as error:
            # The AppView answers 400 for an actor it cannot serve: InvalidRequest "Profile not
            # found", AccountTakedown, AccountDeactivated, BlockedActor, BlockedByActor.
            content = error.response.content if error.response is not None else None
            name = str(getattr(content, "error", "") or "")
            message = str(getattr(content, "message", "") or "")
            if name in _UNAVAILABLE or "not found" in message.lower():
                raise AccountNotFound(f"{getattr(params, 'actor', '')}: {error}") from error
            raise
        content = response.content
        if not isinstance(content, dict):
            raise TypeError(f"{nsid} answered {type(content).__name__}, not a JSON object")
        return content

    def author_feed(self, actor: str, cursor: str | None, limit: int) -> dict[str, Any]:
        """One ``app.bsky.feed.getAuthorFeed`` page (posts, replies and reposts), as sent.

        Parameters
        ----------
        actor : str
            Handle or DID.
        cursor : str or None
            The previous page's cursor; None for the newest page.
        limit : int
            Items per page (1 to 100).

        Returns
        -------
        dict
            ``{"feed": [...], "cursor": ...}``.
        """
        params = self._models.AppBskyFeedGetAuthorFeed.Params(actor=actor, cursor=cursor,
                                                              limit=limit)
        return self._query("app.bsky.feed.getAuthorFeed", params)

    def profiles(self, actors: Sequence[str]) -> dict[str, Any]:
        """One ``app.bsky.actor.getProfiles`` response, as sent.

        Parameters
        ----------
        actors : sequence of str
            At most 25 handles or DIDs.

        Returns
        -------
        dict
            ``{"profiles": [...]}``.
        """
        params = self._models.AppBskyActorGetProfiles.Params(actors=list(actors))
        return self._query("app.bsky.actor.getProfiles", params)


class MastodonPyClient:
    """One Mastodon server's public API through ``Mastodon.py`` (no login).

    Parameters
    ----------
    server : str
        The server's domain (``social.example``) or URL.
    timeout : float
        Seconds to wait for an answer.

    Raises
    ------
    MissingExtra
        When ``Mastodon.py`` is not installed.

    Examples
    --------
    >>> try:
    ...     client = MastodonPyClient("social.example")
    ... except MissingExtra:
    ...     client = None  # the book's environment does not install the extra
    """

    def __init__(self, server: str, *, timeout: float = 30.0) -> None:
        try:
            import requests
            from mastodon import Mastodon, MastodonNotFoundError
        except ImportError as error:
            raise MissingExtra("Mastodon.py") from error
        self._last: Any = None
        session = requests.Session()
        session.hooks["response"].append(self._keep)
        self._api = Mastodon(api_base_url=mastodon_base_url(server), session=session,
                             ratelimit_method="wait", request_timeout=timeout,
                             user_agent=USER_AGENT)
        self._not_found = MastodonNotFoundError

    def _keep(self, response: Any, *args: Any, **kwargs: Any) -> Any:
        """Keep the last HTTP response (a requests hook), whose JSON is written as sent."""
        self._last = response
        return response

    def _json(self) -> Any:
        return self._last.json()

    def account(self, acct: str) -> dict[str, Any]:
        """Return the Account object of ``acct`` (``GET /api/v1/accounts/lookup``), as sent.

        Parameters
        ----------
        acct : str
            ``user`` or ``user@domain`` (an account the server knows).

        Returns
        -------
        dict
        """
        try:
            self._api.account_lookup(acct)
        except self._not_found as error:
            raise AccountNotFound(acct) from error
        return self._json()

    def statuses(self, account_id: str, max_id: str | None, limit: int) -> list[dict[str, Any]]:
        """One page of ``GET /api/v1/accounts/:id/statuses`` (replies and boosts too), as sent.

        Parameters
        ----------
        account_id : str
            The account's id on this server.
        max_id : str or None
            Statuses older than this id; None for the newest page.
        limit : int
            Statuses per page (at most 40).

        Returns
        -------
        list of dict
        """
        self._api.account_statuses(account_id, max_id=max_id, limit=limit,
                                   exclude_replies=False, exclude_reblogs=False)
        return self._json()

