"""Fixtures shared by the notebook and book tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from book_tools import ROOT, execute_notebook


@pytest.fixture(scope="session")
def data_env():
    """Run notebooks as a student would: no GOVSOCIAL_DATA, so the package must find data/."""
    previous = os.environ.pop("GOVSOCIAL_DATA", None)
    yield ROOT / "data"
    if previous is not None:
        os.environ["GOVSOCIAL_DATA"] = previous


@pytest.fixture(scope="session")
def run_notebook(tmp_path_factory, data_env):
    """Execute a copy of a notebook, placed outside the repository, once per parameter set.

    The copy runs in a temporary folder with GOVSOCIAL_DATA unset: the chapter must find its data
    through the installed package, as in a student's downloaded notebook.
    """
    executed: dict[tuple, nbformat.NotebookNode] = {}

    def run(path: Path, **parameters) -> nbformat.NotebookNode:
        key = (path, tuple(sorted(parameters.items())))
        if key not in executed:
            workdir = tmp_path_factory.mktemp(path.stem)
            executed[key] = execute_notebook(path, workdir, parameters or None)
        return executed[key]

    return run


@pytest.fixture(scope="session")
def built_html(tmp_path_factory) -> Path:
    """Build the whole book once, notebooks executed, with warnings as errors; return its html."""
    output = tmp_path_factory.mktemp("book")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    completed = subprocess.run(
        [
            str(jupyter_book),
            "build",
            str(ROOT),
            "-W",
            "-n",
            "--keep-going",
            "--path-output",
            str(output),
        ],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    log = completed.stdout + completed.stderr
    assert completed.returncode == 0, f"the book did not build cleanly:\n{log[-6000:]}"
    return output / "_build" / "html"
