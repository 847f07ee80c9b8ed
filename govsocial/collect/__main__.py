"""``python -m govsocial.collect``: see :mod:`govsocial.collect.cli`."""

import sys

from govsocial.collect.cli import main

sys.exit(main())
