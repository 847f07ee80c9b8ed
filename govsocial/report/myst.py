"""MyST Markdown of the chapters, turned into the plain Markdown and HTML nbconvert renders.

A chapter's prose quotes its numbers with ``{glue:text}`` roles and shows its figures with
``{glue:figure}`` directives, which only the book's build understands. For a report, each glued
value is put in place, each glued figure becomes an HTML figure with its alt text and caption,
admonitions become boxes, citations ``Author (year)``, and the exercises are left out.

Public names: :func:`glued_values`, :func:`headings`, :func:`to_markdown`,
:func:`bibliography`.
"""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

_ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
_OPEN = re.compile(r"^(?P<fence>`{3,}|:{3,})\s*\{(?P<name>[\w:-]+)\}\s*(?P<argument>.*)$")
_OPTION = re.compile(r"^:(?P<key>[\w-]+):\s*(?P<value>.*)$")
_LABEL = re.compile(r"^\((?P<label>[\w-]+)\)=\s*$")
_HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.+?)\s*$")
DROPPED = {"exercise", "solution"}
MISSING = "\x00missing\x00"  # a value this run did not compute: its paragraph is left out


def glued_values(notebook: dict) -> dict[str, object]:
    """Map each glued name to its text, or to its figure's base64 PNG in a ``{"png": ...}`` dict.

    Examples
    --------
    >>> output = {"output_type": "display_data", "metadata": {"scrapbook": {"name": "n"}},
    ...           "data": {"application/papermill.record/text/plain": "'1,234'"}}
    >>> glued_values({"cells": [{"outputs": [output]}]})
    {'n': '1,234'}
    """
    values: dict[str, object] = {}
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            scrap = output.get("metadata", {}).get("scrapbook")
            if not scrap:
                continue
            data = {key.rsplit("/", 2)[-2] + "/" + key.rsplit("/", 1)[-1]: value
                    for key, value in output.get("data", {}).items()}
            if "image/png" in data:
                values[scrap["name"]] = {"png": data["image/png"]}
            elif "text/plain" in data:
                values[scrap["name"]] = _plain(data["text/plain"])
    return values


def _plain(text: str) -> str:
    """Return a glued string's text (glue stores its repr); other values as printed."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    return value if isinstance(value, str) else text


def bibliography(path: Path) -> dict[str, str]:
    r"""Map each BibTeX key of ``path`` to a short author label, ``"Surname (year)"``-ready.

    Returns ``{key: "Surname|year"}``; two authors give ``A and B``, more ``A et al.``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     bib = Path(folder) / "r.bib"
    ...     entry = "@article{k1,\n author = {Doe, Jane and Roe, R.},\n year = {2020}}"
    ...     _ = bib.write_text(entry)
    ...     bibliography(bib)
    {'k1': 'Doe and Roe|2020'}
    """
    if not path.is_file():
        return {}
    labels = {}
    for entry in re.split(r"^@", path.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]:
        key = re.match(r"\w+\s*\{\s*([^,\s]+)\s*,", entry)
        author = re.search(r"\bauthor\s*=\s*\{(.*?)\}\s*,?\s*$", entry, re.MULTILINE | re.I)
        year = re.search(r"\byear\s*=\s*\{?(\d{4})", entry, re.I)
        if not key:
            continue
        names = [_surname(n) for n in re.split(r"\s+and\s+", author.group(1))] if author else []
        who = " and ".join(names) if len(names) <= 2 else f"{names[0]} et al."
        labels[key.group(1)] = f"{who or key.group(1)}|{year.group(1) if year else 'n.d.'}"
    return labels


def _surname(name: str) -> str:
    name = name.strip().strip("{}")
    return name.split(",")[0].strip("{} ") if "," in name else name.split()[-1].strip("{}")


def _cite(keys: str, textual: bool, bib: dict[str, str]) -> str:
    parts = []
    for key in (k.strip() for k in keys.split(",")):
        who, _, year = bib.get(key, f"{key}|").partition("|")
        parts.append(f"{who} ({year})" if textual else f"{who} {year}".strip())
    return "; ".join(parts) if textual else f"({'; '.join(parts)})"


def _split_target(content: str) -> tuple[str, str]:
    """``text <target>`` -> (text, target); ``target`` -> ("", target)."""
    found = re.fullmatch(r"(.*?)\s*<([^>]+)>", content.strip())
    return (found.group(1), found.group(2)) if found else ("", content.strip())


def inline(text: str, glued: dict, labels: dict[str, str], bib: dict[str, str]) -> str:
    r"""Replace the MyST roles of one piece of text.

    Examples
    --------
    >>> inline("read {glue:text}`n` rows, see {term}`bootstrap`", {"n": "12"}, {}, {})
    'read 12 rows, see bootstrap'
    >>> inline("{cite:t}`doe20` found {glue:text}`m`", {}, {}, {"doe20": "Doe|2020"})
    'Doe (2020) found \x00missing\x00'
    """

    def replace(match: re.Match) -> str:
        role, content = match.group(1), match.group(2)
        if role.startswith("glue"):
            value = glued.get(content.split(":")[0].strip())
            return value if isinstance(value, str) else MISSING
        if role.startswith("cite"):
            return _cite(content, role.endswith(":t"), bib)
        shown, target = _split_target(content)
        if role == "ref":
            return shown or labels.get(target, target.replace("-", " "))
        if role == "doc":
            return shown or Path(target).name.replace("-", " ")
        return shown or target  # term, abbr, and any other role: its text

    return _ROLE.sub(replace, text)


def headings(sources: list[str]) -> dict[str, str]:
    r"""Map each ``(label)=`` target to the text of the heading that follows it.

    Examples
    --------
    >>> headings(["(own-data)=\n## Your own data\n"])
    {'own-data': 'Your own data'}
    """
    labels: dict[str, str] = {}
    pending: list[str] = []
    for line in "\n".join(sources).splitlines():
        if found := _LABEL.match(line.strip()):
            pending.append(found.group("label"))
        elif found := _HEADING.match(line):
            labels.update(dict.fromkeys(pending, found.group("text")))
            pending = []
        elif line.strip():
            pending = []
    return labels


def _blocks(lines: list[str]) -> list[tuple[str, str, list[str]] | str]:
    """Split lines into plain lines and directive blocks ``(name, argument, body lines)``."""
    out: list[tuple[str, str, list[str]] | str] = []
    position = 0
    while position < len(lines):
        opened = _OPEN.match(lines[position].strip())
        if not opened:
            out.append(lines[position])
            position += 1
            continue
        fence = opened.group("fence")
        end = position + 1
        while end < len(lines):
            closing = lines[end].strip()
            if closing and set(closing) == {fence[0]} and len(closing) >= len(fence):
                break
            end += 1
        out.append((opened.group("name"), opened.group("argument"), lines[position + 1 : end]))
        position = end + 1
    return out


def _options(body: list[str]) -> tuple[dict[str, str], list[str]]:
    options: dict[str, str] = {}
    while body and (found := _OPTION.match(body[0].strip())):
        options[found.group("key")] = found.group("value")
        body = body[1:]
    return options, body


def _figure(argument: str, body: list[str], glued: dict, text) -> str:
    options, caption = _options(body)
    value = glued.get(argument.strip())
    alt = html.escape(options.get("alt", argument), quote=True)
    caption_html = html.escape(text(" ".join(line.strip() for line in caption).strip()))
    if not isinstance(value, dict):
        return MISSING  # not drawn for these data
    return (
        f"<figure class='report-figure'><img src=\"data:image/png;base64,{value['png']}\" "
        f'alt="{alt}"/><figcaption>{caption_html}</figcaption></figure>'
    )


def to_markdown(source: str, glued: dict, labels: dict[str, str], bib: dict[str, str]) -> str:
    r"""Turn a MyST Markdown cell into Markdown (with HTML) that nbconvert renders.

    Examples
    --------
    >>> print(to_markdown(":::{admonition} Note\n:class: tip\n\nIt is {glue:text}`x`.\n:::",
    ...                   {"x": "7"}, {}, {}))
    <div class="report-box">
    <p class="report-box-title">Note</p>
    <BLANKLINE>
    It is 7.
    <BLANKLINE>
    </div>
    >>> to_markdown("```{exercise}\nDo it.\n```\nAfter.", {}, {}, {})
    'After.'
    >>> to_markdown("Planted: {glue:text}`truth`.\n\nKept.", {}, {}, {})
    'Kept.'
    """

    def text(piece: str) -> str:
        return inline(piece, glued, labels, bib)

    out: list[str] = []
    for block in _blocks(source.splitlines()):
        if isinstance(block, str):
            if not _LABEL.match(block.strip()):
                out.append(text(block))
            continue
        name, argument, body = block
        if name in DROPPED:
            continue
        if name == "glue:figure":
            out.append(_figure(argument, body, glued, text))
        elif name.startswith("glue"):
            out.append(text(f"{{glue:text}}`{argument.strip()}`"))
        else:  # admonition, note, tip, ...: a box with its title and its Markdown body
            _, inner = _options(body)
            title = argument.strip() or name.capitalize()
            content = to_markdown("\n".join(inner), glued, labels, bib)
            out.extend(
                ['<div class="report-box">',
                 f'<p class="report-box-title">{html.escape(text(title))}</p>',
                 "", content, "", "</div>"]
            )
    paragraphs = re.split(r"\n\s*\n", "\n".join(out))
    return "\n\n".join(p for p in paragraphs if MISSING not in p).strip()
