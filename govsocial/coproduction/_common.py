"""Helpers that several files of the coproduction chapter share.

``_RT_PATTERN`` finds ``RT @account`` in a tweet's text (own data, CrisisLexT6, the count of
retweeted accounts); ``_naive`` and ``_types`` serve the measures of cascades, networks and reach.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

_RT_PATTERN = re.compile(r"(?<![\w@])[Rr][Tt] @([A-Za-z0-9_]{1,15})")
"""``RT @account`` (any case of RT) not inside a word; a handle is 1-15 ASCII letters, digits
or underscores."""


def _naive(times: pd.Series) -> np.ndarray:
    """Return UTC times as a numpy datetime64 array (no time zone), for fast arithmetic."""
    return times.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy()


def _types(accounts: pd.DataFrame) -> pd.Series:
    """Account -> account_type."""
    return accounts.set_index("account")["account_type"]
