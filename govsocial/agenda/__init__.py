"""Police agenda-setting on Facebook and Twitter (moving into a package: see simulate.py)."""

from .simulate import *  # noqa: F403
from .simulate import __all__  # noqa: F401
