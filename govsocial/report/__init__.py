"""``govsocial report``: a chapter run on the reader's own data, as an HTML report without code.

Modules: :mod:`~govsocial.report.chapters` (the chapters and the data each needs),
:mod:`~govsocial.report.header` (input files, hashes, the header), :mod:`~govsocial.report.myst`
(the chapters' MyST prose made plain), :mod:`~govsocial.report.run` (execute and render),
:mod:`~govsocial.report.cli` (the command line). Needs the ``report`` extra (papermill,
nbconvert).
"""

from govsocial.report.chapters import CHAPTERS, listing
from govsocial.report.cli import main

__all__ = ["CHAPTERS", "listing", "main"]
