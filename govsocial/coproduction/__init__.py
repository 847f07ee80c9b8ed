"""Coproduction (being split into files named after its steps; see simulate.py)."""

from .simulate import *  # noqa: F403
from .simulate import __all__  # noqa: F401
