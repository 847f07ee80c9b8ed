"""Mastodon statuses and accounts, as a Mastodon server's REST API returns them.

Two kinds of file, both JSON lines, each line exactly as the server answered:

- pages of ``GET /api/v1/accounts/:id/statuses`` (a JSON array of Status objects), read by
  :func:`read_mastodon_statuses` into the :data:`~govsocial.io.posts.POSTS` format;
- Account objects (``GET /api/v1/accounts/:id`` or ``/api/v1/accounts/lookup``: one object per
  line; or arrays of them), read by :func:`read_mastodon_accounts` into the
  :data:`~govsocial.io.posts.ACCOUNTS` format.

The fields are those of the API documentation:

- Status: https://docs.joinmastodon.org/entities/Status/
- Account: https://docs.joinmastodon.org/entities/Account/
- the statuses of an account: https://docs.joinmastodon.org/methods/accounts/#statuses
- quotes (servers from version 4.5 on): https://docs.joinmastodon.org/entities/Quote/ and
  https://docs.joinmastodon.org/entities/ShallowQuote/

Ids, handles and the server
---------------------------
Every id (statuses, accounts) is the id on the server that was asked, which the readers take as
``server`` (e.g. ``"social.example.gov"``): the same status or account has another id on
another server. An account's ``acct`` is ``user`` for an account of that server and
``user@other.server`` for an account elsewhere; the readers store every handle fully qualified
as ``user@server``, so that ``info`` on ``gov.example`` and ``info`` on ``city.example`` differ.

How a status becomes a row
--------------------------
- **Boosts.** A status whose ``reblog`` is a Status is a boost: the row's author is the
  booster (the status's ``account``), ``created_at`` the time of the boost, ``post_id`` the
  boost's id and ``repost_of_post_id`` the boosted status's id; text, language, mentions and
  counts are the boosted status's (the boost's own content is empty).
- **Replies**: ``in_reply_to_id`` and ``in_reply_to_account_id``.
- **Text**: the HTML ``content`` turned into plain text with :mod:`html.parser` (see
  :func:`html_to_text`); the content warning (``spoiler_text``) is not part of it.
- **Language**: ``language`` (set by the author's app; missing when not).
- **Mentions**: the ``acct`` of each of ``mentions``, fully qualified.
- **Counts**: ``favourites_count`` (likes), ``reblogs_count`` (boosts), ``replies_count``; and
  ``quotes_count`` from servers that have quotes (4.5 on); missing elsewhere. A quote's
  ``quote_of_post_id`` is ``quote.quoted_status.id`` (or ``quote.quoted_status_id``).
- **Edited statuses** (``edited_at`` set) keep ``created_at``, the time of first publication:
  the text is the edited one, as the API gives no other.

Public functions
----------------
read_mastodon_statuses(path, *, server, on_error="raise")
    Pages of an account's statuses (JSON lines) as posts.
read_mastodon_accounts(path, *, server, on_error="raise")
    Account objects (JSON lines) as accounts.
html_to_text(content)
    A status's HTML content as plain text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from typing import Any

from govsocial.io.core import Loaded, PathLike, readable_file
from govsocial.io.posts import (
    ACCOUNTS,
    POSTS,
    _absent,
    _dig,
    _join,
    _json_lines,
    _Rows,
    _settle,
    _shape_problem,
    _text_not_missing,
)
from govsocial.schema import DataError, OnError

__all__ = ["html_to_text", "read_mastodon_accounts", "read_mastodon_statuses"]

_ID = r"[0-9A-Za-z_-]+"
_ID_MEANING = "an id of letters, digits, '_' or '-' (Mastodon: digits), e.g. '112233445566'"
_STATUS_CONTRACT = (
    POSTS.with_column("platform", allowed=("mastodon",))
    .with_column("post_id", pattern=_ID, pattern_meaning=_ID_MEANING)
    .with_column("author_id", pattern=_ID, pattern_meaning=_ID_MEANING)
)
_ACCOUNT_CONTRACT = (
    ACCOUNTS.with_column("platform", allowed=("mastodon",))
    .with_column("account_id", pattern=_ID, pattern_meaning=_ID_MEANING)
)
_PARAGRAPHS = {"p", "blockquote", "pre", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"}


class _PlainText(HTMLParser):
    """Collect the text of HTML: paragraphs apart by a blank line, ``<br>`` and items by one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def _break(self, newlines: str) -> None:
        if "".join(self.parts).strip():
            self.parts.append(newlines)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _PARAGRAPHS:
            self._break("\n\n")
        elif tag == "li":
            self._break("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(content: str) -> str:
    r"""Turn a status's HTML ``content`` into plain text, with :mod:`html.parser`.

    Paragraphs are separated by a blank line, ``<br>`` becomes a newline, a link becomes its
    text (Mastodon hides part of a long address in ``<span class="invisible">``: the whole
    address is kept), a mention becomes ``@user``, entities are decoded (``&amp;`` is ``&``);
    leading and trailing white space is removed.

    Examples
    --------
    >>> html_to_text('<p>Roadworks on Main St &amp; 2nd Ave.<br>Detour: '
    ...              '<a href="https://city.example/detour"><span class="invisible">https://'
    ...              '</span><span class="">city.example/detour</span></a></p>'
    ...              '<p>Thanks <span class="h-card"><a href="https://gov.example/@transit" '
    ...              'class="u-url mention">@<span>transit</span></a></span></p>')
    'Roadworks on Main St & 2nd Ave.\nDetour: https://city.example/detour\n\nThanks @transit'
    """
    parser = _PlainText()
    parser.feed(content)
    parser.close()
    return "".join(parser.parts).strip()


def _qualified(acct: Any, server: str) -> Any:
    """Return ``acct`` as ``user@server``: local accounts get ``server``; others stay as given.

    Examples
    --------
    >>> _qualified("info", "gov.example"), _qualified("@parks@city.example", "gov.example")
    ('info@gov.example', 'parks@city.example')
    """
    if not isinstance(acct, str) or not acct.strip("@"):
        return acct
    acct = acct.strip().removeprefix("@")
    return acct if "@" in acct else f"{acct}@{server}"


def _quoted(status: Mapping[str, Any]) -> Any:
    """Return the id of the status quoted (a Quote or a ShallowQuote), or None."""
    quote = status.get("quote")
    return _dig(quote, "quoted_status.id") or _dig(quote, "quoted_status_id")


def _status_row(status: Mapping[str, Any], server: str) -> dict[str, Any]:
    """Build the row of a status; a boost takes its content and counts from ``reblog``."""
    boosted = status.get("reblog")
    shown = boosted if isinstance(boosted, Mapping) else status
    content = shown.get("content")
    mentions = [
        _qualified(_dig(mention, "acct"), server) for mention in shown.get("mentions") or []
    ]
    handles = [m for m in mentions if isinstance(m, str)]
    return {
        "platform": "mastodon",
        "post_id": status.get("id"),
        "author_handle": _qualified(_dig(status, "account.acct"), server),
        "author_id": _dig(status, "account.id"),
        "created_at": status.get("created_at"),
        "text": html_to_text(content) if isinstance(content, str) else content,
        "lang": shown.get("language"),
        "reply_to_post_id": status.get("in_reply_to_id"),
        "reply_to_author_id": status.get("in_reply_to_account_id"),
        "repost_of_post_id": boosted.get("id") if isinstance(boosted, Mapping) else None,
        "quote_of_post_id": _quoted(shown) if shown is status else None,
        "mentions": _join(handles),
        "mention_count": len(dict.fromkeys(handles)),
        "like_count": shown.get("favourites_count"),
        "repost_count": shown.get("reblogs_count"),
        "reply_count": shown.get("replies_count"),
        "quote_count": shown.get("quotes_count"),
    }


_STATUS_FIELDS = ("content", "favourites_count", "reblogs_count", "replies_count")


def _status_absent(status: Mapping[str, Any], *, file: str, line: int, name: str) -> list:
    """List the required Status fields a status (or the status it boosts) lacks."""
    own = _absent(status, ["account.acct"], file=file, line=line, name=name)
    boosted = status.get("reblog")
    if isinstance(boosted, Mapping):
        return own + _absent(boosted, ["id", *_STATUS_FIELDS], file=file, line=line,
                             name=f"{name} (the status it boosts)")
    return own + _absent(status, _STATUS_FIELDS, file=file, line=line, name=name)


def _check_server(server: Any) -> str:
    """Return ``server`` as a bare host name (``"gov.example"``); anything else raises."""
    host = server.strip().removeprefix("https://").rstrip("/") if isinstance(server, str) else ""
    if not host or "/" in host or "@" in host or " " in host:
        raise DataError(
            "server must name the Mastodon server the data came from",
            column="server",
            expected="a host name such as 'social.example.gov'",
            found=repr(server),
        )
    return host


def read_mastodon_statuses(
    path: PathLike, *, server: str, on_error: OnError = "raise"
) -> Loaded:
    r"""Read pages of ``GET /api/v1/accounts/:id/statuses`` (JSON lines) as posts.

    Parameters
    ----------
    path : str or path-like
        A UTF-8 file with one page per line: a JSON array of Status objects (blank lines are
        skipped).
    server : str
        The host name of the server that answered (``"social.example.gov"``): it qualifies
        the handles of its own accounts, and its ids are the ones in the file.
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every problem of the file. ``"skip"``: the statuses
        (and lines) with problems are left out and ``report.skipped`` lists each.

    Returns
    -------
    Loaded
        ``frame`` in the :data:`~govsocial.io.posts.POSTS` format, ``platform`` 'mastodon',
        in file order (see the module's description for each column); ``report`` counting
        statuses read, blank lines, copies of a status on earlier pages (the later page's copy
        is kept) and statuses skipped; ``lines`` the line of each row.

    Raises
    ------
    DataError
        Naming the file, the line and the status id where there is one: for bytes that are not
        UTF-8, an empty file, a line that is not JSON, a page that is not an array (an error
        answer such as ``{"error": "Record not found"}``), a status that is not an object or
        lacks its id, account, created_at or content, a value of the wrong type (a count as a
        string, a date not in ISO 8601), the same status twice on one page. With
        ``on_error="skip"`` only when no status of the file is usable.

    Examples
    --------
    >>> import json, tempfile
    >>> from pathlib import Path
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "statuses.jsonl"
    >>> status = {"id": "1001", "created_at": "2024-05-01T08:00:00.000Z",
    ...           "account": {"id": "1", "username": "info", "acct": "info"},
    ...           "content": "<p>Bins out Monday &amp; Tuesday</p>", "language": "en",
    ...           "in_reply_to_id": None, "in_reply_to_account_id": None, "reblog": None,
    ...           "mentions": [], "favourites_count": 4, "reblogs_count": 2,
    ...           "replies_count": 0, "edited_at": None}
    >>> _ = path.write_text(json.dumps([status]) + "\n")
    >>> row = read_mastodon_statuses(path, server="gov.example").frame.iloc[0]
    >>> row["author_handle"], row["text"], int(row["like_count"]), row["quote_count"]
    ('info@gov.example', 'Bins out Monday & Tuesday', 4, <NA>)
    >>> folder.cleanup()
    """
    host = _check_server(server)
    path = readable_file(path)
    file = str(path)
    parsed = _json_lines(path, "one page of statuses (a JSON array)")
    built = _Rows()
    for problem in parsed.problems:
        built.add_problem(problem)
    for line, page in parsed.values:
        if not isinstance(page, list):
            found = page if not isinstance(page, Mapping) else f"an object with keys {sorted(page)}"
            built.add_problem(_shape_problem(
                file, line, "a JSON array of statuses [{...}, ...]", found,
                problem="this line is not a page of statuses"))
            continue
        for number, status in enumerate(page, start=1):
            if not isinstance(status, Mapping):
                built.add_problem(_shape_problem(
                    file, line, '{"id": ..., "account": ..., "content": ...}', status,
                    problem=f"status {number} on line {line} is not an object"))
                continue
            sid = status.get("id")
            name = f"status {sid!r}" if isinstance(sid, str) else f"status {number}"
            built.add_row(_status_row(status, host), line, name,
                          problems=_status_absent(status, file=file, line=line, name=name))
    return _settle(built, _STATUS_CONTRACT, path=path, id_column="post_id", blank=parsed.blank,
                   on_error=on_error, finish=_text_not_missing)


def _account_row(account: Mapping[str, Any], server: str) -> dict[str, Any]:
    """Build one row of the accounts format from an Account object."""
    return {
        "platform": "mastodon",
        "handle": _qualified(account.get("acct"), server),
        "account_id": account.get("id"),
        "display_name": account.get("display_name"),
        "followers": account.get("followers_count"),
        "following": account.get("following_count"),
        "posts": account.get("statuses_count"),
        "created_at": account.get("created_at"),
    }


def _accounts_of(value: Any) -> Iterator[tuple[int, Any]]:
    """Yield the Account objects of one line (one object, or an array of them), numbered."""
    values = value if isinstance(value, list) else [value]
    yield from enumerate(values, start=1)


def read_mastodon_accounts(
    path: PathLike, *, server: str, on_error: OnError = "raise"
) -> Loaded:
    r"""Read Mastodon Account objects (JSON lines: one object, or an array, per line).

    Parameters
    ----------
    path : str or path-like
        A UTF-8 file of Account objects (``GET /api/v1/accounts/:id``, ``/lookup``; arrays as
        ``GET /api/v1/accounts?id[]=...`` returns them).
    server : str
        The host name of the server that answered (qualifies local handles).
    on_error : {"raise", "skip"}
        As for :func:`read_mastodon_statuses`.

    Returns
    -------
    Loaded
        ``frame`` in the :data:`~govsocial.io.posts.ACCOUNTS` format, ``platform`` 'mastodon':
        ``handle`` user@server, ``followers`` from ``followers_count``, ``following`` from
        ``following_count``, ``posts`` from ``statuses_count``, ``created_at`` the day the
        account was created (Mastodon gives midnight UTC). For an account of another server
        the counts are what the server asked knows, which may be less than its own server's.

    Raises
    ------
    DataError
        Naming the file, the line and the account id: as for :func:`read_mastodon_statuses`.

    Examples
    --------
    >>> import json, tempfile
    >>> from pathlib import Path
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "accounts.jsonl"
    >>> account = {"id": "1", "username": "info", "acct": "info", "display_name": "Info",
    ...            "followers_count": 950, "following_count": 12, "statuses_count": 400,
    ...            "created_at": "2022-11-07T00:00:00.000Z"}
    >>> _ = path.write_text(json.dumps(account) + "\n")
    >>> read_mastodon_accounts(path, server="gov.example").frame[["handle", "followers"]
    ...                                                           ].values.tolist()
    [['info@gov.example', 950]]
    >>> folder.cleanup()
    """
    host = _check_server(server)
    path = readable_file(path)
    file = str(path)
    parsed = _json_lines(path, "one Account object (or an array of them)")
    built = _Rows()
    for problem in parsed.problems:
        built.add_problem(problem)
    for line, value in parsed.values:
        for number, account in _accounts_of(value):
            if not isinstance(account, Mapping):
                built.add_problem(_shape_problem(
                    file, line, '{"id": ..., "acct": ..., "followers_count": ...}', account,
                    problem=f"account {number} on line {line} is not an object"))
                continue
            aid = account.get("id")
            name = f"account {aid!r}" if isinstance(aid, str) else f"account {number}"
            built.add_row(_account_row(account, host), line, name)
    return _settle(built, _ACCOUNT_CONTRACT, path=path, id_column="account_id",
                   blank=parsed.blank, on_error=on_error)
