"""The chapter's calendar: the study window, the pandemic declaration, the reference dates."""

from __future__ import annotations

import pandas as pd

__all__ = [
    "PANDEMIC_DECLARED",
    "REFERENCE_DATES",
    "WINDOW_END",
    "WINDOW_START",
]

WINDOW_START = pd.Timestamp("2020-01-01", tz="UTC")
"""First day of the simulated period."""
WINDOW_END = pd.Timestamp("2020-05-31", tz="UTC")
"""Last day of the simulated period."""
PANDEMIC_DECLARED = pd.Timestamp("2020-03-11", tz="UTC")
"""The day the WHO called COVID-19 a pandemic: adoption lags are counted from it."""

REFERENCE_DATES = pd.DataFrame(
    {
        "date": pd.to_datetime(["2020-01-30", "2020-03-11", "2020-03-13"], utc=True),
        "event": [
            "WHO: public health emergency of international concern",
            "WHO: COVID-19 is a pandemic",
            "U.S.: national emergency",
        ],
        "short": ["WHO emergency", "WHO pandemic", "U.S. emergency"],
    }
)
"""Real dates the chapter reads adoption against (UTC days)."""
