"""Fixtures shared by the notebook and book tests."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from book_tools import ROOT, execute_notebook


@pytest.fixture(scope="session")
def data_env():
    """Point the helper package at the repository's data folder for notebooks run elsewhere."""
    previous = os.environ.get("GOVSOCIAL_DATA")
    os.environ["GOVSOCIAL_DATA"] = str(ROOT / "data")
    yield ROOT / "data"
    if previous is None:
        os.environ.pop("GOVSOCIAL_DATA")
    else:
        os.environ["GOVSOCIAL_DATA"] = previous


@pytest.fixture(scope="session")
def run_notebook(tmp_path_factory, data_env):
    """Execute a notebook once per session (per parameter set) and return the executed copy."""
    executed: dict[tuple, nbformat.NotebookNode] = {}

    def run(path: Path, **parameters) -> nbformat.NotebookNode:
        key = (path, tuple(sorted(parameters.items())))
        if key not in executed:
            workdir = tmp_path_factory.mktemp(path.stem)
            executed[key] = execute_notebook(path, workdir, parameters or None)
        return executed[key]

    return run
