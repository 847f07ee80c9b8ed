"""Tools the tests share: the project root, the table of contents, and a notebook runner."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import bookkeeping
import nbformat
from bookkeeping import glued_values  # noqa: F401  (one parser of glued outputs)
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_TIMEOUT_S = 300  # a generous ceiling per cell, not a speed test


def toc_files(toc: dict | list | None = None) -> list[str]:
    """Every page named in ``_toc.yml`` (the root first), in reading order."""
    return bookkeeping.toc_entries(toc)


def toc_notebooks() -> list[Path]:
    """The notebooks in the table of contents."""
    return bookkeeping.toc_notebooks()


def inject_parameters(notebook: nbformat.NotebookNode, parameters: dict) -> None:
    """Insert a cell after the ``parameters`` cell that overrides its values (as papermill does)."""
    for position, cell in enumerate(notebook.cells):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = "\n".join(f"{name} = {value!r}" for name, value in parameters.items())
            injected = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
            notebook.cells.insert(position + 1, injected)
            return
    raise AssertionError("the notebook has no cell tagged 'parameters'")


def execute_notebook(path: Path, workdir: Path, parameters: dict | None = None):
    """Execute a copy of ``path`` inside ``workdir`` and return the executed notebook."""
    copied = workdir / path.name
    shutil.copy(path, copied)
    notebook = nbformat.read(copied, as_version=4)
    if parameters:
        inject_parameters(notebook, parameters)
    client = NotebookClient(
        notebook,
        timeout=NOTEBOOK_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(workdir)}},
    )
    client.execute()
    return notebook


def text_of(glued: dict[str, object], name: str) -> str:
    """The glued string ``name`` as the reader sees it (glue stores the ``repr`` of a str)."""
    value = glued[name]
    assert isinstance(value, str), f"{name} is a figure, not a glued string"
    text = ast.literal_eval(value)
    assert isinstance(text, str), f"{name} is not a glued string: {value}"
    return text
