"""Tests of the collection command, end to end against fake clients (no network, no extra).

The fakes serve the recorded pages of ``tests/data/bluesky`` and ``tests/data/mastodon`` (see
their READMEs) through the two-method protocols of :mod:`govsocial.collect.core`, check the
cursor or ``max_id`` each request carries, and count the requests. The written folders are then
read with the book's readers. A fake clock records the waits instead of sleeping.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from govsocial.collect import RateLimited
from govsocial.collect.cli import main
from govsocial.collect.core import AccountNotFound, Pacer, read_handles
from govsocial.io import (
    read_bluesky_feed,
    read_bluesky_profiles,
    read_mastodon_accounts,
    read_mastodon_statuses,
)

DATA = Path(__file__).parent / "data"
CITY = "cityofexample.bsky.social"
PARKS = "parks.example.gov"
CITY_DID = "did:plc:cityofexample"


def lines(path: Path) -> list[Any]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


FEED = lines(DATA / "bluesky" / "feed.jsonl")
PROFILES = lines(DATA / "bluesky" / "profiles.jsonl")[0]["profiles"]
STATUSES = lines(DATA / "mastodon" / "statuses.jsonl")
INFO = lines(DATA / "mastodon" / "accounts.jsonl")[0]
PARKS_ACCOUNT = lines(DATA / "mastodon" / "accounts.jsonl")[1][0]


class Clock:
    """A fake monotonic clock: sleeping moves it on, and every sleep is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class FakeBluesky:
    """Serves the city's two recorded feed pages; the parks account's feed is empty.

    ``fail_at`` raises an error on that request (1-based, counting feed requests);
    ``limited`` raises :class:`RateLimited` that many times before the first page.
    """

    def __init__(self, clock: Clock | None = None, *, fail_at: int | None = None,
                 limited: int = 0, error: BaseException | None = None) -> None:
        self.requests: list[tuple[str, str | None]] = []
        self.times: list[float] = []
        self.clock = clock
        self.fail_at = fail_at
        self.limited = limited
        self.error = error or ConnectionError("network down")

    def author_feed(self, actor: str, cursor: str | None, limit: int) -> dict[str, Any]:
        assert limit == 100
        if self.clock is not None:
            self.times.append(self.clock())
        if self.limited:
            self.limited -= 1
            raise RateLimited(30.0)
        self.requests.append((actor, cursor))
        if len(self.requests) == self.fail_at:
            raise self.error
        if actor == "nobody.example":
            raise AccountNotFound(actor)
        if actor == PARKS:
            assert cursor is None
            return {"feed": []}
        assert actor == CITY
        if cursor is None:
            return FEED[0]
        assert cursor == FEED[0]["cursor"], "the second page is asked with the first's cursor"
        return FEED[1]

    def profiles(self, actors: list[str]) -> dict[str, Any]:
        self.requests.append(("profiles", ",".join(actors)))
        return {"profiles": [p for p in PROFILES if p["handle"] in actors]}


class FakeMastodon:
    """Serves info@gov.example's two recorded pages (then an empty one) and two accounts."""

    def __init__(self, *, fail_at: int | None = None) -> None:
        self.requests: list[tuple[str, str | None]] = []
        self.fail_at = fail_at

    def account(self, acct: str) -> dict[str, Any]:
        self.requests.append(("lookup", acct))
        accounts = {"info": INFO, "parks@city.example": PARKS_ACCOUNT}
        if acct not in accounts:
            raise AccountNotFound(acct)
        return accounts[acct]

    def statuses(self, account_id: str, max_id: str | None, limit: int) -> list[dict[str, Any]]:
        assert limit == 40
        self.requests.append((account_id, max_id))
        if len([r for r in self.requests if r[0] != "lookup"]) == self.fail_at:
            raise ConnectionError("network down")
        if account_id == PARKS_ACCOUNT["id"]:
            return []
        assert account_id == INFO["id"]
        pages = {None: STATUSES[0], "112000000000000001": STATUSES[1],
                 "111999999999999980": []}
        assert max_id in pages, f"unexpected max_id {max_id}"
        return pages[max_id]


def accounts_csv(tmp_path: Path, *handles: str) -> Path:
    path = tmp_path / "accounts.csv"
    path.write_text("handle,agency\n" + "".join(f"{h},Agency {i}\n" for i, h in
                                                 enumerate(handles)), encoding="utf-8")
    return path


def run(platform: str, tmp_path: Path, client: Any, *extra: str, handles: Path | None = None,
        clock: Clock | None = None) -> tuple[int, str]:
    clock = clock or Clock()
    server = ["--server", "gov.example"] if platform == "mastodon" else []
    stderr = io.StringIO()
    status = main([platform, *server, "--handles", str(handles or tmp_path / "accounts.csv"),
                   "--out", str(tmp_path / "mydata"), *extra],
                  client=client, clock=clock, sleep=clock.sleep, stderr=stderr)
    return status, stderr.getvalue()


# Bluesky ------------------------------------------------------------------------------------


def test_bluesky_end_to_end_then_the_readers(tmp_path):
    accounts_csv(tmp_path, CITY, "@" + PARKS)
    client = FakeBluesky()
    status, messages = run("bluesky", tmp_path, client)
    assert status == 0, messages
    out = tmp_path / "mydata"
    assert sorted(p.name for p in out.iterdir()) == [
        "collection.json", "feed.jsonl", "profiles.jsonl"]
    # Exactly the recorded pages, one per line, in order (the empty parks page is not written).
    assert lines(out / "feed.jsonl") == FEED
    assert lines(out / "profiles.jsonl") == [{"profiles": PROFILES}]
    assert client.requests == [(CITY, None), (CITY, FEED[0]["cursor"]), (PARKS, None),
                               ("profiles", f"{CITY},{PARKS}")]
    posts = read_bluesky_feed(out / "feed.jsonl").frame
    assert len(posts) == 6  # the post both pages carry is kept once
    first = posts.set_index("post_id").loc[f"at://{CITY_DID}/app.bsky.feed.post/3kcity0001"]
    assert (first["like_count"], first["repost_count"]) == (41, 13)  # the later copy
    accounts = read_bluesky_profiles(out / "profiles.jsonl").frame
    assert sorted(accounts["handle"]) == [CITY, PARKS]
    assert "bluesky cityofexample.bsky.social: page 2, 4 items" in messages


def test_collection_json_records_what_a_resume_needs(tmp_path):
    accounts_csv(tmp_path, CITY)
    run("bluesky", tmp_path, FakeBluesky())
    state = json.loads((tmp_path / "mydata" / "collection.json").read_text())
    assert state["platform"] == "bluesky"
    assert state["server"] == "https://public.api.bsky.app"
    assert state["tool"].startswith("govsocial 0.1.0")
    assert state["started"].endswith("Z") and state["updated"].endswith("Z")
    assert state["handles"] == {CITY: {"cursor": None, "pages": 2, "done": True, "profile": True}}
    assert state["files"]["feed.jsonl"] == (tmp_path / "mydata" / "feed.jsonl").stat().st_size


def test_bluesky_interrupted_then_resumed_without_duplicates(tmp_path):
    accounts_csv(tmp_path, CITY, PARKS)
    status, messages = run("bluesky", tmp_path, FakeBluesky(fail_at=2))
    assert status == 1
    assert "ConnectionError" in messages and "run the same command again" in messages
    out = tmp_path / "mydata"
    assert lines(out / "feed.jsonl") == FEED[:1]
    state = json.loads((out / "collection.json").read_text())
    assert state["handles"][CITY] == {"cursor": FEED[0]["cursor"], "pages": 1, "done": False}
    # A page written as the run was killed, before collection.json recorded it.
    with (out / "feed.jsonl").open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(FEED[1]) + "\n" + '{"feed": [{"post"')
    again = FakeBluesky()
    status, messages = run("bluesky", tmp_path, again)
    assert status == 0, messages
    assert "resuming" in messages
    assert again.requests[0] == (CITY, FEED[0]["cursor"])  # not the first page again
    assert lines(out / "feed.jsonl") == FEED  # each page once, the partial line gone
    assert len(read_bluesky_feed(out / "feed.jsonl").frame) == 6


def test_ctrl_c_is_resumable(tmp_path):
    accounts_csv(tmp_path, CITY)
    status, messages = run("bluesky", tmp_path, FakeBluesky(fail_at=2, error=KeyboardInterrupt()))
    assert status == 130 and "resume" in messages
    assert run("bluesky", tmp_path, FakeBluesky())[0] == 0
    assert lines(tmp_path / "mydata" / "feed.jsonl") == FEED


def test_a_finished_collection_asks_nothing_again(tmp_path):
    accounts_csv(tmp_path, CITY)
    run("bluesky", tmp_path, FakeBluesky())
    again = FakeBluesky()
    assert run("bluesky", tmp_path, again)[0] == 0
    assert again.requests == []
    # A handle added to accounts.csv later is collected on the next run.
    accounts_csv(tmp_path, CITY, PARKS)
    added = FakeBluesky()
    assert run("bluesky", tmp_path, added)[0] == 0
    assert added.requests == [(PARKS, None), ("profiles", PARKS)]
    assert [len(line["profiles"]) for line in lines(tmp_path / "mydata" / "profiles.jsonl")] == [
        1, 1]


def test_requests_are_spaced_by_the_interval(tmp_path):
    accounts_csv(tmp_path, CITY, PARKS)
    clock = Clock()
    client = FakeBluesky(clock)
    assert run("bluesky", tmp_path, client, "--interval", "2.5", clock=clock)[0] == 0
    assert [b - a for a, b in zip(client.times, client.times[1:], strict=False)] == [2.5, 2.5]
    assert clock.sleeps == [2.5, 2.5, 2.5]  # three feed requests, then the profiles


def test_rate_limit_answers_are_waited_out(tmp_path):
    accounts_csv(tmp_path, CITY)
    clock = Clock()
    client = FakeBluesky(clock, limited=2)
    status, messages = run("bluesky", tmp_path, client, "--interval", "1", clock=clock)
    assert status == 0
    assert clock.sleeps[:2] == [30.0, 30.0]  # what the server asked, twice
    assert "waited 60.0 s for the rate limit" in messages
    assert lines(tmp_path / "mydata" / "feed.jsonl") == FEED


def test_too_many_rate_limit_answers_stop_the_run_resumably(tmp_path):
    accounts_csv(tmp_path, CITY)
    status, messages = run("bluesky", tmp_path, FakeBluesky(limited=10))
    assert status == 1 and "RateLimited" in messages


def test_pacer_waits_at_least_the_interval_after_a_rate_limit():
    clock = Clock()
    answers = iter([RateLimited(None), "page"])

    def request() -> str:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    pacer = Pacer(1.0, clock=clock, sleep=clock.sleep, backoff=60.0)
    assert pacer.call(request) == "page"
    assert clock.sleeps == [60.0]


def test_since_stops_paging_at_older_posts(tmp_path):
    accounts_csv(tmp_path, CITY)
    client = FakeBluesky()
    assert run("bluesky", tmp_path, client, "--since", "2024-05-01T08:06")[0] == 0
    # The first page already reaches 08:00, before --since: the second is not asked.
    assert client.requests[:-1] == [(CITY, None)]
    assert lines(tmp_path / "mydata" / "feed.jsonl") == FEED[:1]
    state = json.loads((tmp_path / "mydata" / "collection.json").read_text())
    assert state["since"] == "2024-05-01T08:06:00Z"
    assert state["handles"][CITY]["done"] is True


def test_max_pages_stops_and_a_rerun_goes_on(tmp_path):
    accounts_csv(tmp_path, CITY)
    first = FakeBluesky()
    status, messages = run("bluesky", tmp_path, first, "--max-pages", "1")
    assert status == 0 and "1 to go" in messages
    assert lines(tmp_path / "mydata" / "feed.jsonl") == FEED[:1]
    second = FakeBluesky()
    assert run("bluesky", tmp_path, second, "--max-pages", "1")[0] == 0
    assert second.requests[0] == (CITY, FEED[0]["cursor"])
    assert lines(tmp_path / "mydata" / "feed.jsonl") == FEED


def test_an_unknown_handle_is_skipped_and_named(tmp_path):
    accounts_csv(tmp_path, "nobody.example", CITY)
    client = FakeBluesky()
    status, messages = run("bluesky", tmp_path, client)
    assert status == 0
    assert "nobody.example: not found" in messages and "not found: nobody.example" in messages
    assert ("profiles", CITY) in client.requests


# Mastodon -----------------------------------------------------------------------------------


def test_mastodon_end_to_end_then_the_readers(tmp_path):
    accounts_csv(tmp_path, "info", "parks@city.example")
    client = FakeMastodon()
    status, messages = run("mastodon", tmp_path, client)
    assert status == 0, messages
    out = tmp_path / "mydata"
    assert sorted(p.name for p in out.iterdir()) == [
        "accounts.jsonl", "collection.json", "statuses.jsonl"]
    assert lines(out / "statuses.jsonl") == STATUSES
    assert lines(out / "accounts.jsonl") == [INFO, PARKS_ACCOUNT]
    assert client.requests == [
        ("lookup", "info"), (INFO["id"], None), (INFO["id"], "112000000000000001"),
        (INFO["id"], "111999999999999980"), ("lookup", "parks@city.example"),
        (PARKS_ACCOUNT["id"], None)]
    posts = read_mastodon_statuses(out / "statuses.jsonl", server="gov.example").frame
    assert len(posts) == 5
    assert posts.set_index("post_id").loc["112000000000000001", "like_count"] == 31
    accounts = read_mastodon_accounts(out / "accounts.jsonl", server="gov.example").frame
    assert len(accounts) == 2
    state = json.loads((out / "collection.json").read_text())
    assert state["server"] == "gov.example"
    assert state["handles"]["info"] == {"cursor": None, "pages": 2, "done": True,
                                        "account_id": INFO["id"]}


def test_mastodon_interrupted_then_resumed(tmp_path):
    accounts_csv(tmp_path, "info")
    status, _ = run("mastodon", tmp_path, FakeMastodon(fail_at=2))
    assert status == 1
    state = json.loads((tmp_path / "mydata" / "collection.json").read_text())
    assert state["handles"]["info"]["cursor"] == "112000000000000001"  # the max_id to ask next
    again = FakeMastodon()
    assert run("mastodon", tmp_path, again)[0] == 0
    # The account was looked up once, in the first run; the statuses go on from max_id.
    assert again.requests[0] == (INFO["id"], "112000000000000001")
    out = tmp_path / "mydata"
    assert lines(out / "statuses.jsonl") == STATUSES
    assert lines(out / "accounts.jsonl") == [INFO]


def test_mastodon_since(tmp_path):
    accounts_csv(tmp_path, "info")
    client = FakeMastodon()
    assert run("mastodon", tmp_path, client, "--since", "2024-05-01")[0] == 0
    # Page 2 reaches 2024-04-30: no third request.
    assert client.requests == [("lookup", "info"), (INFO["id"], None),
                               (INFO["id"], "112000000000000001")]


def test_another_collection_in_the_same_folder_is_refused(tmp_path):
    accounts_csv(tmp_path, CITY)
    run("bluesky", tmp_path, FakeBluesky())
    status, messages = run("mastodon", tmp_path, FakeMastodon())
    assert status == 2 and "records a bluesky collection" in messages


# accounts.csv, arguments, the extra ---------------------------------------------------------


def test_handles_come_from_the_handle_column(tmp_path):
    path = tmp_path / "accounts.csv"
    path.write_text("agency,handle\nCity,@City.Example\nParks,\nAgain,city.example\n"
                    "Other,parks.example.gov\n", encoding="utf-8")
    assert read_handles(path) == ["City.Example", "parks.example.gov"]


def test_accounts_csv_without_handle_column(tmp_path):
    path = tmp_path / "accounts.csv"
    path.write_text("username,agency\ncity,City\n", encoding="utf-8")
    status, messages = run("bluesky", tmp_path, FakeBluesky(), handles=path)
    assert status == 2
    assert "no column 'handle' (found username, agency)" in messages


def test_bad_since_and_max_pages(tmp_path):
    accounts_csv(tmp_path, CITY)
    assert run("bluesky", tmp_path, FakeBluesky(), "--since", "soon") == (
        2, "--since 'soon' is not a date (use 2024-05-01 or 2024-05-01T08:00)\n")
    assert run("bluesky", tmp_path, FakeBluesky(), "--max-pages", "0")[0] == 2


def test_help_says_public_posts_of_official_accounts(capsys):
    with pytest.raises(SystemExit):
        main(["bluesky", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "Only public posts are collected" in text
    assert "List official accounts only" in text
    assert "govsocial.io.pseudonymise" in text


@pytest.mark.parametrize(("platform", "package", "module"), [
    ("bluesky", "atproto", "atproto"), ("mastodon", "Mastodon.py", "mastodon")])
def test_a_missing_extra_says_how_to_install_it(tmp_path, monkeypatch, platform, package,
                                                module):
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    accounts_csv(tmp_path, CITY)
    server = ["--server", "gov.example"] if platform == "mastodon" else []
    stderr = io.StringIO()
    status = main([platform, *server, "--handles", str(tmp_path / "accounts.csv"),
                   "--out", str(tmp_path / "mydata")], stderr=stderr)
    assert status == 1
    assert f"needs the package {package!r}" in stderr.getvalue()
    assert 'pip install "govsocial[collect]"' in stderr.getvalue()
    assert not (tmp_path / "mydata").exists()  # nothing written before the client exists
