"""Keep the book's moving parts in step, and execute its notebooks in parallel before a build.

Commands (run with the project's Python, e.g. ``.venv/bin/python scripts/bookkeeping.py ...``):

``set-repository URL``
    A fork's one step: write ``URL`` into ``_config.yml`` (which drives the repository, issue,
    download, Colab and Binder buttons), ``CITATION.cff``, and the set-up cell at the top of every
    chapter notebook (which fetches the book in Colab). ``make repository URL=...`` calls this.
``sync``
    Rewrite every chapter's set-up cell from the URL in ``_config.yml`` (after adding a chapter).
``preexecute``
    Execute every notebook of the table of contents that changed since it was last executed, in
    parallel over the machine's cores, into the execution cache Jupyter Book reads, so that the
    build that follows only renders. ``make book`` calls this first.
``glued OUT.json``
    Pre-execute, then write every value each chapter glues into its prose to ``OUT.json``
    (figures as their size in pixels): record it before a refactoring, compare after.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "_build" / ".jupyter_cache"
SETUP_TAG = "colab-setup"
# Hidden on the website, so that a reader's first code cell is the chapter's own. (Collapsed,
# with hide-cell, its toggle's accessible name would not contain its visible text.)
SETUP_TAGS = [SETUP_TAG, "remove-cell"]

SETUP_CELL = """\
# Set-up for Colab, Binder, or a Jupyter outside the book's folder: find
# the book (or fetch its release {release}), install its package when it is
# missing, and point GOVSOCIAL_DATA at the book's data. Safe to run again,
# after a restart too. In the book's own folder it only sets the data.
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

RELEASE = "{release}"
BOOK_URL = "{url}"
SOURCE = os.environ.get("GOVSOCIAL_BOOK_URL", BOOK_URL)
here = Path.cwd().resolve()
books = [p for p in (here, *here.parents) if (p / "_toc.yml").is_file()]
package = importlib.util.find_spec("govsocial")
if package and not books:  # installed from a book's folder: use that one
    found = Path(package.origin).parents
    books = [p for p in found if (p / "_toc.yml").is_file()]
book = books[0] if books else here / "{folder}"
if not (book / "data").is_dir():
    git = ["git", "-c", "advice.detachedHead=false", "clone", "-q"]
    fetch = [*git, "--depth", "1", "--branch", RELEASE, SOURCE, str(book)]
    subprocess.run(fetch, check=True)
if package is None:
    install = [sys.executable, "-m", "pip", "install", "-q", str(book)]
    subprocess.run(install, check=True)
    importlib.invalidate_caches()
os.environ["GOVSOCIAL_DATA"] = str(book / "data")"""


def package_version(root: Path = ROOT) -> str:
    """Return the helper package's version, read from ``govsocial/__init__.py``."""
    text = (root / "govsocial" / "__init__.py").read_text()
    return re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE).group(1)


def repository_url(root: Path = ROOT) -> str:
    """Return the repository URL configured in ``_config.yml``."""
    return yaml.safe_load((root / "_config.yml").read_text())["repository"]["url"]


def toc_entries(toc: dict | list | None = None, root: Path = ROOT) -> list[str]:
    """Return every page of ``_toc.yml`` (the root first), in reading order, without suffix."""
    if toc is None:
        toc = yaml.safe_load((root / "_toc.yml").read_text())
        return [toc["root"], *toc_entries(toc.get("parts", []) or toc.get("chapters", []))]
    found: list[str] = []
    for item in toc if isinstance(toc, list) else [toc]:
        if "file" in item:
            found.append(item["file"])
        for key in ("chapters", "sections", "parts"):
            found.extend(toc_entries(item.get(key, [])))
    return found


def toc_notebooks(root: Path = ROOT) -> list[Path]:
    """Return the notebooks of ``_toc.yml``, in reading order."""
    entries = toc_entries(root=root)
    return [root / f"{e}.ipynb" for e in entries if (root / f"{e}.ipynb").exists()]


def setup_cell(url: str, version: str | None = None) -> str:
    """Return the source of the set-up cell that opens every chapter notebook.

    It fetches the release tagged ``v<version>`` (the package's version by default), never a
    moving branch, into a folder named after the repository.
    """
    release = f"v{version or package_version()}"
    folder = url.rstrip("/").rsplit("/", 1)[-1]
    return SETUP_CELL.format(url=url, release=release, folder=folder)


def sync_setup_cell(path: Path, url: str) -> bool:
    """Make the notebook's first code cell the set-up cell for ``url``; True if it changed."""
    notebook = nbformat.read(path, as_version=4)
    wanted = setup_cell(url)
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    first = code_cells[0] if code_cells else None
    if first is not None and SETUP_TAG in first.metadata.get("tags", []):
        if first.source == wanted and first.metadata["tags"] == SETUP_TAGS:
            return False
        first.source = wanted
        first.metadata["tags"] = list(SETUP_TAGS)
    else:
        cell = nbformat.v4.new_code_cell(wanted, metadata={"tags": list(SETUP_TAGS)})
        cell.id = "colab-setup"
        position = notebook.cells.index(first) if first is not None else len(notebook.cells)
        notebook.cells.insert(position, cell)
    nbformat.write(notebook, path)
    return True


def set_repository(url: str, root: Path = ROOT) -> None:
    """Write ``url`` wherever the book names its repository."""
    if not re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", url):
        raise SystemExit(f"expected https://github.com/OWNER/REPOSITORY, got {url!r}")
    old = repository_url(root)
    for name in ("_config.yml", "CITATION.cff"):
        path = root / name
        path.write_text(path.read_text().replace(old, url))
    for notebook in toc_notebooks(root):
        sync_setup_cell(notebook, url)
    print(f"repository URL: {old} -> {url}")


def preexecute(
    root: Path = ROOT, cache_path: Path = CACHE, timeout: int = 180, only: list[str] | None = None
) -> int:
    """Execute the notebooks the cache lacks, in parallel; return the number that failed."""
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    # One numerical thread per notebook: several notebooks at once with a thread pool each fight
    # over the cores (measured on 2 cores: 80 s with, 27 s without, for the whole book).
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    cache = get_cache(str(cache_path))
    notebooks = [str(p) for p in toc_notebooks(root) if not only or p.stem in only]
    for notebook in notebooks:
        cache.add_nb_to_project(notebook)
    start = time.perf_counter()
    executor = load_executor("local-parallel", cache=cache)
    result = executor.run_and_cache(filter_uris=notebooks, timeout=timeout)
    failed = [*result.excepted, *result.errored]
    print(
        f"pre-executed {len(result.succeeded)} notebook(s) in "
        f"{time.perf_counter() - start:.1f} s; {len(failed)} failed"
    )
    for uri in failed:
        print(f"  failed: {uri} (the book build will show the traceback)")
    return len(failed)


def executed_notebook(path: Path, cache_path: Path = CACHE) -> nbformat.NotebookNode:
    """Return ``path`` with the outputs of its cached execution (after :func:`preexecute`)."""
    from jupyter_cache import get_cache

    notebook = nbformat.read(path, as_version=4)
    _, merged = get_cache(str(cache_path)).merge_match_into_notebook(notebook)
    return merged


def glued_values(notebook: nbformat.NotebookNode) -> dict[str, object]:
    """Map each glued name to its stored text (a Python repr) or, for a figure, its mime bundle."""
    values: dict[str, object] = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            scrap = output.get("metadata", {}).get("scrapbook")
            if not scrap:
                continue
            data = {
                key.split("/", 2)[-1] if key.startswith("application/papermill.record/") else key: v
                for key, v in output.get("data", {}).items()
            }
            text = data.get("text/plain")
            values[scrap["name"]] = text if "image/png" not in data else dict(data)
    return values


def glued_summary(
    root: Path = ROOT, cache_path: Path = CACHE, only: list[str] | None = None
) -> dict[str, dict[str, str]]:
    """Every chapter's glued values, figures summarised as ``figure WxH``; JSON-ready."""
    import base64
    import io

    from PIL import Image

    summary: dict[str, dict[str, str]] = {}
    for path in toc_notebooks(root):
        if only and path.stem not in only:
            continue
        values = glued_values(executed_notebook(path, cache_path))
        shown: dict[str, str] = {}
        for name, value in sorted(values.items()):
            if isinstance(value, dict):
                image = Image.open(io.BytesIO(base64.b64decode(value["image/png"])))
                shown[name] = f"figure {image.width}x{image.height}"
            else:
                shown[name] = str(value)
        summary[path.stem] = shown
    return summary


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    setter = commands.add_parser("set-repository", help="point the book at another repository")
    setter.add_argument("url")
    commands.add_parser("sync", help="rewrite the set-up cell of every chapter")
    commands.add_parser("preexecute", help="execute changed notebooks in parallel")
    glued = commands.add_parser("glued", help="write every glued value to a JSON file")
    glued.add_argument("out", type=Path)
    glued.add_argument("--only", nargs="*", help="chapter names (notebook stems); default all")
    glued.add_argument("--cache", type=Path, default=CACHE, help="execution cache folder")
    args = parser.parse_args(argv)
    if args.command == "set-repository":
        set_repository(args.url)
    elif args.command == "sync":
        url = repository_url()
        changed = [p.name for p in toc_notebooks() if sync_setup_cell(p, url)]
        print(f"set-up cells rewritten: {changed or 'none'}")
    elif args.command == "glued":
        import json

        if preexecute(cache_path=args.cache, only=args.only):
            return 1
        summary = glued_summary(cache_path=args.cache, only=args.only)
        args.out.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
        print(f"glued values written to {args.out}")
    else:
        preexecute()  # failures surface, with tracebacks, in the build that follows
    return 0


if __name__ == "__main__":
    sys.exit(main())
