"""The book's environments agree: two hashed lock files, Binder, Codespaces (issue 23).

``make lock`` (uv) writes requirements-dev.txt (everything: book, tests, tools) and
requirements.txt (what running the notebooks needs) from the inputs in pyproject.toml, and
binder/requirements.txt from requirements.txt. These tests read the files only: fast, no network.
Each check is a small function, tested on a pair that must fail as well as on the real files.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
DEV_LOCK = ROOT / "requirements-dev.txt"
RUNTIME_LOCK = ROOT / "requirements.txt"
BINDER = ROOT / "binder"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
MAKEFILE = (ROOT / "Makefile").read_text()

# Tools for building and testing the book: never needed to run a notebook.
DEV_TOOLS = {"jupyter-book", "myst-nb", "jupyter-cache", "pytest", "pytest-xdist", "hypothesis",
             "ruff", "playwright", "nbconvert", "uv", "beautifulsoup4", "papermill", "pyspark"}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Entry:
    """One requirement of a lock file: ``name==version ; marker`` and its hashes."""

    requirement: str
    hashes: tuple[str, ...]

    @property
    def pinned(self) -> re.Match[str] | None:
        return re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)\s*(?:;\s*(.+))?",
                            self.requirement)

    @property
    def key(self) -> tuple[str, str]:
        """(name, marker): a package may be locked twice, at two versions, for two markers."""
        match = self.pinned
        assert match, f"not pinned with ==: {self.requirement}"
        return normalise(match.group(1)), (match.group(3) or "").strip()

    @property
    def version(self) -> str:
        match = self.pinned
        assert match, f"not pinned with ==: {self.requirement}"
        return match.group(2)


def entries(text: str) -> list[Entry]:
    """The requirements of a requirements file, continuation lines (``\\``) joined."""
    logical, current = [], ""
    for line in text.splitlines():
        stripped = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        if current.strip():
            logical.append(current.strip())
        current = ""
    found = []
    for item in logical:
        requirement = re.split(r"\s+--", " " + item, maxsplit=1)[0].strip()
        hashes = tuple(re.findall(r"--hash=sha256:([0-9a-f]{64})", item))
        found.append(Entry(requirement, hashes))
    return found


def problems(text: str, *, hashed: bool) -> list[str]:
    """Requirements that are not pinned with ==, or (when `hashed`) carry no sha256 hash."""
    found = []
    for entry in entries(text):
        if entry.requirement.startswith("-") or entry.pinned is None:
            found.append(f"not pinned with ==: {entry.requirement}")
        elif hashed and not entry.hashes:
            found.append(f"no --hash=sha256: {entry.requirement}")
    return found


def pins(text: str) -> dict[tuple[str, str], str]:
    return {entry.key: entry.version for entry in entries(text)}


def disagreements(a: dict, b: dict) -> dict:
    """Shared packages locked at different versions: key -> (version in a, version in b)."""
    return {key: (a[key], b[key]) for key in a.keys() & b.keys() if a[key] != b[key]}


def dev_tools_in(locked: dict[tuple[str, str], str]) -> set[str]:
    names = {name for name, _ in locked}
    return {name for name in names if name in DEV_TOOLS or name.startswith("sphinx")}


def recipe(makefile: str, target: str) -> str:
    """The commands of one Makefile rule (the tab-indented lines after ``target:``)."""
    match = re.search(rf"^{re.escape(target)}:[^\n]*\n((?:\t[^\n]*\n?)*)", makefile, re.M)
    assert match, f"no rule for {target}"
    return match.group(1)


def lock_text(path: Path) -> str:
    assert path.is_file(), f"{path.name} is missing: run `make lock`"
    return path.read_text()


# --- the checks, each on a pair or sample that must fail ------------------------------------------

def test_problems_finds_loose_unhashed_and_editable_lines() -> None:
    sample = ("numpy==2.4.6 \\\n    --hash=sha256:" + "a" * 64 + "\n"
              "pandas>=2.2\n"
              "scipy==1.17.1\n"
              "-e .\n")
    assert problems(sample, hashed=True) == [
        "not pinned with ==: pandas>=2.2",
        "no --hash=sha256: scipy==1.17.1",
        "not pinned with ==: -e .",
    ]
    assert problems("scipy==1.17.1 ; sys_platform == 'win32'\n", hashed=False) == []


def test_disagreements_names_the_package_and_both_versions() -> None:
    dev = pins("numpy==2.4.6\npandas==3.1.1\npytest==9.2.0\n")
    assert disagreements(dev, pins("numpy==2.4.6\npandas==3.1.1\n")) == {}
    assert disagreements(dev, pins("numpy==2.4.5\npandas==3.1.1\n")) == {
        ("numpy", ""): ("2.4.6", "2.4.5")
    }


def test_dev_tools_in_flags_test_and_build_tools() -> None:
    assert dev_tools_in(pins("numpy==2.4.6\nipykernel==7.4.0\n")) == set()
    assert dev_tools_in(pins("Jupyter_Book==1.0.4.post1\nsphinx-exercise==1.2.1\n")) == {
        "jupyter-book", "sphinx-exercise"
    }


def test_recipe_reads_one_rule_only() -> None:
    makefile = "a: b\n\techo one\n\techo two\n\nc:\n\techo three\n"
    assert recipe(makefile, "a") == "\techo one\n\techo two\n"
    with pytest.raises(AssertionError):
        recipe(makefile, "lock")


# --- the real files -----------------------------------------------------------------------------

@pytest.mark.parametrize("path", [DEV_LOCK, RUNTIME_LOCK], ids=lambda p: p.name)
def test_lock_is_pinned_hashed_and_says_how_it_is_made(path: Path) -> None:
    text = lock_text(path)
    header = itertools.takewhile(lambda line: line.startswith("#"), text.splitlines())
    assert any("`make lock`" in line for line in header), (
        f"{path.name} must open with a comment saying it is made by `make lock`"
    )
    assert problems(text, hashed=True) == []
    assert not re.search(r"^\s*-e\b", text, re.M), "hash-checking mode refuses `-e .`"
    assert len(entries(text)) > 10


def test_the_two_locks_agree_and_the_runtime_lock_is_part_of_the_dev_lock() -> None:
    dev, runtime = pins(lock_text(DEV_LOCK)), pins(lock_text(RUNTIME_LOCK))
    assert disagreements(dev, runtime) == {}
    assert runtime.keys() <= dev.keys(), runtime.keys() - dev.keys()
    assert dev_tools_in(runtime) == set()


def test_locks_hold_what_pyproject_asks_for_within_its_ranges() -> None:
    project = PYPROJECT["project"]
    extras = project["optional-dependencies"]
    for path, inputs in [
        (RUNTIME_LOCK, project["dependencies"] + extras["notebook"]),
        (DEV_LOCK, project["dependencies"] + extras["notebook"] + extras["dev"]),
    ]:
        locked = {name: version for (name, _), version in pins(lock_text(path)).items()}
        for line in inputs:
            requirement = Requirement(line)
            name = normalise(requirement.name)
            assert name in locked, f"{name} is in pyproject.toml but not in {path.name}: make lock"
            assert requirement.specifier.contains(locked[name], prereleases=True), (
                f"{path.name} has {name}=={locked[name]}, outside {line!r}: make lock"
            )


def test_binder_pins_exactly_the_runtime_lock() -> None:
    binder = lock_text(BINDER / "requirements.txt")
    assert problems(binder, hashed=False) == []
    assert pins(binder) == pins(lock_text(RUNTIME_LOCK)), "run `make lock`"
    assert dev_tools_in(pins(binder)) == set()


def test_binder_installs_the_package_from_the_repository() -> None:
    post_build = BINDER / "postBuild"
    assert os.access(post_build, os.X_OK), "binder/postBuild must be executable"
    assert "pip install --no-deps ." in post_build.read_text()


def test_binder_codespaces_and_the_lock_use_the_python_that_pyproject_names() -> None:
    minimum = re.fullmatch(r">=\s*(\d+\.\d+)", PYPROJECT["project"]["requires-python"])
    assert minimum, PYPROJECT["project"]["requires-python"]
    python = minimum.group(1)
    assert (BINDER / "runtime.txt").read_text().strip() == f"python-{python}"
    assert re.search(rf"^LOCK_PYTHON\s*:?=\s*{re.escape(python)}\s*$", MAKEFILE, re.M)
    assert f"python:1-{python}" in devcontainer()["image"]


def devcontainer() -> dict:
    text = (ROOT / ".devcontainer" / "devcontainer.json").read_text()
    return json.loads("\n".join(line for line in text.splitlines()
                                if not line.lstrip().startswith("//")))


def test_codespace_sets_up_with_make_and_has_npm_and_chromium() -> None:
    config = devcontainer()
    command = config["postCreateCommand"]
    assert "make setup" in command and "chromium" in command
    assert any("features/node" in feature for feature in config["features"])


def test_make_lock_hashes_and_setup_checks_the_hashes() -> None:
    lock = recipe(MAKEFILE, "lock")
    commands = lock.replace("\\\n", " ").splitlines()
    compiles = [command for command in commands if "uv pip compile" in command]
    assert len(compiles) == 2
    for command in compiles:
        assert "--generate-hashes" in command and "--universal" in command
    assert "binder/requirements.txt" in lock
    setup = recipe(MAKEFILE, "$(STAMP)")
    assert "--require-hashes -r requirements-dev.txt" in setup
    assert "--no-deps -e ." in setup
