"""Every chapter runs where a class runs it: a fresh Python with only what the set-up cell installs.

This is Colab, Binder, or a student's own Jupyter, reproduced offline. A new virtual environment
that shares nothing with ``.venv`` gets a Jupyter kernel and nothing else. Every chapter notebook
is copied into one folder outside the repository and executed there with ``GOVSOCIAL_DATA``
unset: the first notebook's set-up cell fetches the book's release (``git clone --branch
v<version>`` of a repository made from the working tree, standing in for GitHub) and
``pip install``s it, not editable, from the wheels that ``make test`` downloaded into
``.venv/wheelhouse`` (standing in for PyPI). Then every notebook runs a second time, as after a
runtime restart: the package is installed, the variable is unset again, and the set-up cell must
still point the chapter at its data.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import bookkeeping
import nbformat
import pytest
from book_tools import NOTEBOOK_TIMEOUT_S, ROOT, toc_notebooks
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("reader")]

WHEELHOUSE = ROOT / ".venv" / "wheelhouse"
KERNEL = "govsocial-reader"
CHAPTERS = toc_notebooks()


@dataclass(frozen=True)
class Reader:
    """A reader's machine: a Python of its own, the kernel's environment, a working folder."""

    python: Path
    env: dict[str, str]
    workdir: Path
    book: Path  # where the set-up cell puts the fetched book


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run ``command``, failing the test with its output when it fails."""
    completed = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert completed.returncode == 0, f"{command} failed:\n{completed.stdout}{completed.stderr}"
    return completed


def release_repository(folder: Path, version: str) -> Path:
    """Make a git repository of the working tree as it is, tagged as the set-up cell's release."""
    listed = run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT).stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git = ["git", "-c", "user.name=Book", "-c", "user.email=book@example.org"]
    run([*git, "init", "-q"], cwd=folder)
    run([*git, "add", "-A"], cwd=folder)
    run([*git, "commit", "-q", "-m", "release"], cwd=folder)
    run([*git, "tag", f"v{version}"], cwd=folder)
    return folder


def kernel_environment(origin: Path) -> dict[str, str]:
    """The kernel's environment: no GOVSOCIAL_DATA, pip offline on the wheelhouse, GitHub local."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"GOVSOCIAL_DATA", "VIRTUAL_ENV", "PYTHONPATH"} and not key.startswith("PIP_")
    }
    env.update(
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(WHEELHOUSE),
        PIP_CONFIG_FILE=os.devnull,
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        GOVSOCIAL_BOOK_URL=origin.as_uri(),
        OMP_NUM_THREADS="1",
        OPENBLAS_NUM_THREADS="1",
    )
    return env


@pytest.fixture(scope="module")
def reader(tmp_path_factory) -> Reader:
    """A fresh virtual environment with a Jupyter kernel and nothing of the book."""
    if not any(WHEELHOUSE.glob("*.whl")):
        message = f"no wheels in {WHEELHOUSE}: run `make test`, which downloads them"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    base = tmp_path_factory.mktemp("reader")
    assert ROOT not in base.parents
    origin = release_repository(base / "origin", bookkeeping.package_version())
    env = kernel_environment(origin)
    venv = base / "venv"
    run([sys.executable, "-m", "venv", str(venv)])
    python = venv / "bin" / "python"
    run([str(python), "-m", "pip", "install", "-q", "ipykernel"], env=env)
    kernels = base / "jupyter"
    run([str(python), "-m", "ipykernel", "install", "--prefix", str(kernels), "--name", KERNEL])
    os.environ["JUPYTER_PATH"] = str(kernels / "share" / "jupyter")
    workdir = base / "class"
    workdir.mkdir()
    for path in CHAPTERS:
        shutil.copy(path, workdir / path.name)
    url = bookkeeping.repository_url()
    return Reader(python, env, workdir, workdir / url.rstrip("/").rsplit("/", 1)[-1])


def imports(reader: Reader, module: str) -> bool:
    """Whether ``module`` can be imported in the reader's Python."""
    probe = f"import importlib.util, sys; sys.exit(importlib.util.find_spec({module!r}) is None)"
    found = subprocess.run([str(reader.python), "-c", probe], env=reader.env, cwd=reader.workdir)
    return found.returncode == 0


def failure(notebook: nbformat.NotebookNode) -> str:
    """Name the first cell with an error output: its number, first line, and the error."""
    for number, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                first_line = cell.source.splitlines()[0] if cell.source else ""
                return f"cell {number} ({first_line!r}): {output['ename']}: {output['evalue']}"
    return "no cell has an error output"


def execute(reader: Reader, path: Path) -> str | None:
    """Execute the reader's copy of ``path`` in place; None when it ran to the end, else why not."""
    copy = reader.workdir / path.name
    notebook = nbformat.read(copy, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=NOTEBOOK_TIMEOUT_S,
        kernel_name=KERNEL,
        resources={"metadata": {"path": str(reader.workdir)}},
    )
    start = time.perf_counter()
    try:
        client.execute(env=reader.env)
    except CellExecutionError:
        return f"{path.name}: {failure(notebook)}"
    print(f"{path.name} ran in the reader's environment in {time.perf_counter() - start:.1f} s")
    return None


@pytest.fixture(scope="module")
def first_run(reader: Reader) -> dict[str, str | None]:
    """Every chapter once, starting from an environment without the package."""
    assert not imports(reader, "govsocial"), "the fresh environment already has the package"
    return {path.stem: execute(reader, path) for path in CHAPTERS}


@pytest.fixture(scope="module")
def second_run(reader: Reader, first_run: dict[str, str | None]) -> dict[str, str | None]:
    """Every chapter again, as after a runtime restart: package installed, variable unset."""
    assert imports(reader, "govsocial")
    assert "GOVSOCIAL_DATA" not in reader.env
    return {path.stem: execute(reader, path) for path in CHAPTERS}


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_runs_in_a_fresh_environment(first_run, path: Path) -> None:
    assert first_run[path.stem] is None, first_run[path.stem]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_runs_again_after_a_restart(second_run, path: Path) -> None:
    assert second_run[path.stem] is None, second_run[path.stem]


def test_set_up_cell_installed_the_release_not_the_working_copy(reader: Reader, first_run) -> None:
    where = run(
        [str(reader.python), "-c", "import govsocial; print(govsocial.__file__)"],
        env=reader.env,
        cwd=reader.workdir,
    ).stdout.strip()
    assert Path(where).is_relative_to(reader.python.parents[1]), where  # in the venv, not editable
    tag = run(["git", "describe", "--tags", "--exact-match"], cwd=reader.book).stdout.strip()
    assert tag == f"v{bookkeeping.package_version()}"
    assert not imports(reader, "myst_nb"), "the reader's environment must not need myst-nb"
