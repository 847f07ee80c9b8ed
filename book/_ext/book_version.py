"""Sphinx extension: the book's version is the package's, read from ``govsocial/__init__.py``.

One version for the package and the book: ``__version__`` in ``govsocial/__init__.py`` (which
``pyproject.toml`` reads too, and the set-up cells pin as the tag ``v<version>``). This sets
Sphinx's ``version`` and ``release`` from it and offers it to the pages as the MyST substitution
``{{ version }}``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


def package_version(root: Path) -> str:
    """Return ``__version__`` from ``root/govsocial/__init__.py`` (without importing it)."""
    text = (root / "govsocial" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE).group(1)


def _set_version(app: Any, config: Any) -> None:
    version = package_version(Path(app.confdir))
    config.version = config.release = version
    config.myst_substitutions = {**(config.myst_substitutions or {}), "version": version}


def setup(app: Any) -> dict[str, Any]:
    """Register the handler that sets the version when the configuration is read."""
    app.connect("config-inited", _set_version)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
