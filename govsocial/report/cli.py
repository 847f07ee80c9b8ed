r"""The command line: ``govsocial report`` (also ``python -m govsocial report``).

Usage::

    govsocial report attention --data mydata/ --out attention-report.html
    govsocial report survey --data survey/ --out survey.html --seed 7 -p N_WORLDS=5
    govsocial report sem --data mysurvey/ --out sem-report.pdf   # printed by Chromium
    govsocial report --list

Exit status: 0 when the report was written; 2 when the data do not fit the chapter (the
loader's ``DataError`` message on stderr, no report written) or for a usage error; 1 when the
notebook stopped for another reason (its cell and error on stderr, no report written).
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from govsocial.report.chapters import CHAPTERS, listing

__all__ = ["main", "parser"]


def _parameter(text: str) -> tuple[str, object]:
    """``NAME=VALUE`` -> (NAME, value), the value read as a Python literal when it is one.

    Examples
    --------
    >>> _parameter("N_WORLDS=2"), _parameter("LANDFALL=2024-10-28 23:30")
    (('N_WORLDS', 2), ('LANDFALL', '2024-10-28 23:30'))
    """
    name, equals, value = text.partition("=")
    if not equals or not name.strip().isidentifier():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    try:
        return name.strip(), ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return name.strip(), value


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``govsocial report``.

    Examples
    --------
    >>> parser().parse_args(["report", "sem", "--data", "d", "--out", "r.html"]).chapter
    'sem'
    """
    top = argparse.ArgumentParser(prog="govsocial", description="The book's commands.")
    commands = top.add_subparsers(dest="command", required=True)
    report = commands.add_parser(
        "report",
        help="a chapter run on your own data, as an HTML report without code",
        description="Run a chapter's notebook on your data and write an HTML report without "
        "code: its header records the package version, the seed, every input file (size, "
        "rows, SHA-256) and what the loader kept and dropped.",
    )
    report.add_argument("chapter", nargs="?", choices=list(CHAPTERS), metavar="CHAPTER",
                        help="the chapter (see --list)")
    report.add_argument("--list", action="store_true", help="name every chapter and its data")
    report.add_argument("--data", type=Path, help="your file or folder (see --list)")
    report.add_argument("--out", type=Path, help="the file to write (.html or .pdf)")
    report.add_argument("--format", choices=["html", "pdf"], dest="fmt",
                        help="html, or pdf (printed by Chromium); default from --out's suffix")
    report.add_argument("--seed", type=int, help="SEED (default: the chapter's)")
    report.add_argument("--scale", choices=["teaching", "paper"], help="SCALE of the simulations")
    report.add_argument("-p", "--parameter", type=_parameter, action="append", default=[],
                        metavar="NAME=VALUE", help="another notebook parameter (repeatable)")
    report.add_argument("--quick", action="store_true",
                        help="fewer simulated worlds and resamples (a first look, not a result)")
    report.add_argument("--no-progress", action="store_true", help="no progress bar")
    return top


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run the command; return its exit status (see the module's docstring).

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> main(["report", "--list"], stdout=out), out.getvalue().split()[0]
    (0, 'landscape')
    """
    from govsocial.report.chapters import chapter as find_chapter

    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    args = parser().parse_args(argv)
    if args.list:
        print(listing(), file=stdout)
        return 0
    if not (args.chapter and args.data and args.out):
        print("govsocial report: give CHAPTER, --data and --out (or --list)", file=stderr)
        return 2
    from govsocial import DataError
    from govsocial.report.run import ReportError, make_report

    extra = dict(find_chapter(args.chapter).quick) if args.quick else {}
    extra.update(dict(args.parameter))
    try:
        fmt = args.fmt or ("pdf" if args.out.suffix.lower() == ".pdf" else "html")
        written = make_report(args.chapter, args.data, args.out, seed=args.seed,
                              scale=args.scale, extra=extra, progress=not args.no_progress,
                              fmt=fmt)
    except DataError as error:
        print(f"govsocial report: your data do not fit the {args.chapter} chapter:\n{error}",
              file=stderr)
        return 2
    except ReportError as error:
        print(f"govsocial report: {error}", file=stderr)
        return 1
    print(f"report written: {written}", file=stdout)
    return 0
