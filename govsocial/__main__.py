"""``python -m govsocial report ...``: see :mod:`govsocial.report.cli`."""

import sys

from govsocial.report.cli import main

sys.exit(main())
