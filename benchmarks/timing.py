"""What every benchmark prints: wall time and peak memory of each step.

Imported by the benchmark scripts (run them as ``.venv/bin/python benchmarks/NAME.py``, or all
with ``make bench``). Nothing here asserts a time: machines are shared and noisy.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from typing import Any


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, step: Callable[[], Any]) -> tuple[Any, float]:
    """Run ``step``, print its wall time and the peak memory so far; return its result and time."""
    start = time.perf_counter()
    result = step()
    seconds = time.perf_counter() - start
    print(f"{label:<52} {seconds:8.2f} s   peak RSS {peak_rss_mib():8.0f} MiB")
    return result, seconds
