"""Fixtures shared by the notebook and book tests.

Every chapter notebook is executed once per test run, by the book build: the build pre-executes
the notebooks in parallel into its execution cache, renders the website from it, and the notebook
tests read the executed notebooks from that same cache. Runs with other parameters (the reader's
own data) execute a copy of the notebook outside the repository.

Under pytest-xdist the book is built once for all workers (a file lock guards it), and the tests
that need it are sent to one worker (``xdist_group("book")``) while the others run the rest; the
tests marked ``many_worlds`` are grouped by file, so that each file's worlds are simulated once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import bookkeeping
import nbformat
import pytest
from book_tools import ROOT, execute_notebook
from filelock import FileLock

# One numerical thread per process: the test workers and the kernels they start share the
# machine's cores, and BLAS thread pools fighting over them make a notebook ten times slower.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

BOOK_FIXTURES = {"built_book", "built_html", "run_notebook", "site"}  # grouped on one worker


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Group the tests on the workers: the book's on one, each chapter's many worlds together.

    Every test that needs the built book or an executed notebook goes to one worker. The tests
    marked ``many_worlds`` of one file share a module-scoped fixture that simulates the worlds
    once (tens of seconds): grouped by file, they run on one worker, so the worlds are simulated
    once per run, while the files' groups spread over the workers.
    """
    for item in items:
        if BOOK_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group("book"))
        elif item.get_closest_marker("many_worlds") is not None:
            item.add_marker(pytest.mark.xdist_group(f"worlds-{item.path.stem}"))


def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary folder all xdist workers of this run share (the run's own under plain pytest)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def data_env():
    """Run notebooks as a student would: no GOVSOCIAL_DATA, so the set-up cell must set it."""
    previous = os.environ.pop("GOVSOCIAL_DATA", None)
    yield ROOT / "data"
    if previous is not None:
        os.environ["GOVSOCIAL_DATA"] = previous


def build_book(output: Path) -> str:
    """Pre-execute every notebook into ``output``'s cache, then build the book from it; the log."""
    cache = output / "_build" / ".jupyter_cache"
    failed = bookkeeping.preexecute(cache_path=cache)
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [str(jupyter_book), "build", str(ROOT), "-W", "-n", "--keep-going"]
    completed = subprocess.run(
        [*command, "--path-output", str(output)], capture_output=True, text=True, timeout=1800
    )
    log = completed.stdout + completed.stderr
    assert not failed, f"{failed} notebook(s) failed to execute:\n{log[-6000:]}"
    assert completed.returncode == 0, f"the book did not build cleanly:\n{log[-6000:]}"
    return log


@pytest.fixture(scope="session")
def built_book(tmp_path_factory, data_env) -> Path:
    """Build the whole book once per run, notebooks executed, warnings as errors; its folder."""
    shared = shared_folder(tmp_path_factory)
    output = shared / "book"
    with FileLock(str(shared / "book.lock")):
        done = output / "build.log"
        if not done.exists():
            output.mkdir(exist_ok=True)
            done.write_text(build_book(output))
    return output


@pytest.fixture(scope="session")
def built_html(request) -> Path:
    """The built website's html folder (``BUILT_HTML=_build/html`` checks a book already built)."""
    if os.environ.get("BUILT_HTML"):
        return Path(os.environ["BUILT_HTML"]).resolve()
    return request.getfixturevalue("built_book") / "_build" / "html"


@pytest.fixture(scope="session")
def run_notebook(request, tmp_path_factory, data_env):
    """Return a chapter executed as the book executed it, or with other parameters.

    Without parameters the notebook comes from the book build's execution cache (executed once).
    With parameters a copy runs in a temporary folder outside the repository, GOVSOCIAL_DATA
    unset, once per parameter set. ``ONE_CHAPTER=1`` in the environment executes a chapter on its
    own instead of building the whole book (for working on one chapter).
    """
    one_chapter = os.environ.get("ONE_CHAPTER") == "1"
    book = None if one_chapter else request.getfixturevalue("built_book")
    cache = None if book is None else book / "_build" / ".jupyter_cache"
    executed: dict[tuple, nbformat.NotebookNode] = {}

    def run(path: Path, **parameters) -> nbformat.NotebookNode:
        key = (path, tuple(sorted(parameters.items())))
        if key not in executed:
            if parameters or cache is None:
                workdir = tmp_path_factory.mktemp(path.stem)
                executed[key] = execute_notebook(path, workdir, parameters)
            else:
                executed[key] = bookkeeping.executed_notebook(path, cache)
        return executed[key]

    return run
