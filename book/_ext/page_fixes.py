"""Sphinx extension: small fixes to every HTML page that the browser tests found.

1. Repeated <script> entries. sphinx-thebe 0.3.1 registers its inline configuration script each
time Sphinx reads documents, and in a Jupyter Book 1 build that happens twice, so every page
declared ``const THEBE_JS_URL`` twice and the browser raised "Identifier 'THEBE_JS_URL' has
already been declared" (the togglebutton selector was repeated the same way). This keeps the
first of identical scripts (same file, same inline body) and removes the rest.
2. The reference list. docutils writes ``<div role="list" class="citation-list">`` around entries
   whose role is ``doc-biblioentry``, not ``listitem``, which axe-core reports as a critical
   ARIA violation (a list whose children are not list items). The role is dropped: the entries
   keep their own.

Two more fixes live in ``book/_templates/``: the search and colour-mode buttons.
"""

from __future__ import annotations

from typing import Any


def _script_key(script: Any) -> tuple[str, str]:
    """Identify a script by its file name and inline body.

    Inline scripts come with ``None`` or ``""`` as their file name depending on the extension
    that added them, which is why Sphinx's own de-duplication misses them.
    """
    filename = getattr(script, "filename", script) or ""
    return (str(filename), str(getattr(script, "attributes", {}).get("body", "")))


def drop_repeated_scripts(app, pagename, templatename, context, doctree) -> None:
    """Keep each distinct script once, in its first position."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for script in context.get("script_files", []):
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


CITATION_LIST = '<div role="list" class="citation-list">'


def drop_citation_list_role(app, pagename, templatename, context, doctree) -> None:
    """Remove the list role that docutils puts around bibliography entries."""
    body = context.get("body")
    if body and CITATION_LIST in body:
        context["body"] = body.replace(CITATION_LIST, '<div class="citation-list">')


def setup(app) -> dict[str, bool]:
    """Register the handlers late, after other extensions have added their scripts."""
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    app.connect("html-page-context", drop_citation_list_role, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
