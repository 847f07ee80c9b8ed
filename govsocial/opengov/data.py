"""Real and own data for the scalogram: the Open Data Barometer and the reader's indicators.

- :func:`read_barometer_datasets` reads the openness checklist of the Open Data Barometer 2nd
  edition (``data/open_data_barometer/``) through :func:`govsocial.io.read_table`;
- :func:`checklist` turns the openness checklist's weighted scores into 0/1 steps;
- :func:`rank_intervals` bootstraps the countries' ranks over the fifteen dataset categories;
- :func:`platform_matrix` turns U.S. Digital Registry accounts into offices by platforms;
- :func:`load_folder` reads the reader's own indicators (contract :data:`INDICATOR_ROWS`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from govsocial import io
from govsocial.io.core import readable_folder
from govsocial.schema import Column, Contract, DataError, LoadReport, OnError, Problem

__all__ = [
    "BAROMETER_DATASETS",
    "CHECKLIST",
    "INDICATOR_ROWS",
    "STUDY_COUNTRIES",
    "checklist",
    "load_folder",
    "platform_matrix",
    "rank_intervals",
    "read_barometer_datasets",
]

CHECKLIST: dict[str, str] = {
    "aExists": "exists",
    "bAvailable": "available online",
    "cMachineReadable": "machine-readable",
    "dBulk": "in bulk",
    "eFree": "free of charge",
    "fLicense": "openly licensed",
    "gUpdated": "up to date",
    "hSustainable": "sustained",
    "iDiscoverable": "easy to find",
    "jLinked": "linked data",
}
"""The openness checklist's columns and what each step asks, in the Barometer's order."""

STUDY_COUNTRIES: tuple[str, ...] = ("US", "CA", "IT", "CN", "SA", "PK")
"""ISO2 codes of the countries of the book's studies."""

BAROMETER_DATASETS = Contract(
    "Open Data Barometer dataset scores",
    (
        Column("Country", "string", description="country name"),
        Column("ISO2", "string", description="ISO 3166 two-letter code"),
        Column("Dataset", "string", description="dataset category, e.g. 'D5 - Budget'"),
        Column("CalculatedScore", "int", minimum=0, maximum=100,
               description="weighted checklist score of the dataset (0-100)"),
        *(Column(name, "int", minimum=-5 if name == "gUpdated" else 0, maximum=15,
                 description=f"checklist step '{label}': points awarded (0 or less: not met;"
                             " 'up to date' is -5 for a dataset known to be out of date)")
          for name, label in CHECKLIST.items()),
    ),
    key=("ISO2", "Dataset"),
)  # fmt: skip
"""One row per country and dataset category."""

INDICATOR_ROWS = Contract(
    "scalogram indicators",
    (
        Column("unit", "string", description="the organisation (or country, city, ...)"),
        Column("indicator", "string", description="the step: a capability, a practice"),
        Column("value", "int", minimum=0, maximum=1, description="1 if the unit has it, else 0"),
    ),
    key=("unit", "indicator"),
)
"""The reader's own data: one row per unit and indicator (long format)."""


def _folder() -> Path:
    return io.data_dir() / "open_data_barometer"


def read_barometer_datasets(path: str | Path | None = None) -> pd.DataFrame:
    """Read the Barometer's openness checklist, one row per country and dataset category.

    Parameters
    ----------
    path : str or path-like, optional
        The CSV file; by default ``ODB-2014-Datasets-Scored.csv`` in the book's data.

    Returns
    -------
    DataFrame
        The columns of :data:`BAROMETER_DATASETS`.

    Examples
    --------
    >>> read_barometer_datasets().shape
    (1290, 14)
    """
    path = path or _folder() / "ODB-2014-Datasets-Scored.csv"
    return io.read_table(path, BAROMETER_DATASETS).frame


def checklist(datasets: pd.DataFrame) -> pd.DataFrame:
    """Turn the checklist into 0/1 steps (points awarded or not), named in words.

    Examples
    --------
    >>> checklist(read_barometer_datasets()).columns[:3].tolist()
    ['exists', 'available online', 'machine-readable']
    """
    steps = (datasets[list(CHECKLIST)] > 0).astype(np.int64)
    return steps.rename(columns=CHECKLIST)


def rank_intervals(
    datasets: pd.DataFrame,
    rng: np.random.Generator,
    *,
    n_boot: int = 2000,
    level: float = 0.95,
) -> pd.DataFrame:
    """Countries ranked by their mean checklist score, with bootstrap intervals of the rank.

    Each country's score is the mean ``CalculatedScore`` of its dataset categories. A
    bootstrap resample draws the categories with replacement (the same draw for every
    country), recomputes every score and ranks them (1 = best, ties share the best rank).

    Parameters
    ----------
    datasets : DataFrame
        From :func:`read_barometer_datasets`.
    rng : numpy Generator
        Source of the resamples.
    n_boot : int
        Bootstrap resamples.
    level : float
        Coverage of the percentile intervals.

    Returns
    -------
    DataFrame
        ``ISO2``, ``Country``, ``score``, ``rank``, ``rank_low``, ``rank_high``, best first.

    Examples
    --------
    >>> toy = pd.DataFrame({"ISO2": ["A", "A", "B", "B"], "Country": ["a", "a", "b", "b"],
    ...     "Dataset": ["x", "y", "x", "y"], "CalculatedScore": [90, 80, 10, 20]})
    >>> rank_intervals(toy, np.random.default_rng(0), n_boot=20)["rank_high"].tolist()
    [1.0, 2.0]
    """
    wide = datasets.pivot(index="ISO2", columns="Dataset", values="CalculatedScore")
    if wide.isna().any().any():
        raise ValueError("every country needs a score for every dataset category")
    scores = wide.to_numpy(float)
    picks = rng.integers(0, scores.shape[1], size=(n_boot, scores.shape[1]))
    means = scores[:, picks].mean(axis=2).T  # n_boot x countries
    ranks = 1 + (means[:, None, :] > means[:, :, None]).sum(axis=2)
    tail = (1 - level) / 2
    score = scores.mean(axis=1)
    names = datasets.drop_duplicates("ISO2").set_index("ISO2")["Country"]
    table = pd.DataFrame({
        "ISO2": wide.index,
        "Country": names.loc[wide.index].to_numpy(),
        "score": score,
        "rank": 1 + (score[None, :] > score[:, None]).sum(axis=1),
        "rank_low": np.quantile(ranks, tail, axis=0),
        "rank_high": np.quantile(ranks, 1 - tail, axis=0),
    })
    return table.sort_values(["rank", "ISO2"]).reset_index(drop=True)


def platform_matrix(accounts: pd.DataFrame, *, min_offices: int = 10) -> pd.DataFrame:
    """Offices by platforms: 1 if the office runs at least one registered account there.

    Parameters
    ----------
    accounts : DataFrame
        From :func:`govsocial.io.read_usdr_accounts` (columns ``organization``,
        ``platform_name``). Accounts without an organization are left out.
    min_offices : int
        Keep only platforms on which at least this many offices run an account (rarer ones
        have too few units for a stable H).

    Returns
    -------
    DataFrame
        0/1, indexed by office, one column per platform, most used platform first.

    Examples
    --------
    >>> toy = pd.DataFrame({"organization": ["A", "A", "B", None],
    ...     "platform_name": ["Twitter", "Facebook", "Twitter", "Flickr"]})
    >>> platform_matrix(toy, min_offices=1).to_dict("index")
    {'A': {'Twitter': 1, 'Facebook': 1}, 'B': {'Twitter': 1, 'Facebook': 0}}
    """
    named = accounts.dropna(subset=["organization"])
    named = named[named["organization"].str.strip() != ""]
    wide = pd.crosstab(named["organization"], named["platform_name"]).clip(upper=1)
    counts = wide.sum().sort_values(ascending=False, kind="stable")
    kept = counts[counts >= min_offices].index
    wide = wide[kept].astype(np.int64)
    wide.columns.name = None
    wide.index.name = "office"
    return wide


def load_folder(
    folder: str | Path, *, on_error: OnError = "raise"
) -> tuple[pd.DataFrame, list[LoadReport]]:
    """Read the reader's own indicators: ``indicators.csv`` in long format.

    Parameters
    ----------
    folder : str or path-like
        Holds ``indicators.csv`` (contract :data:`INDICATOR_ROWS`): one row per unit and
        indicator, ``value`` 0 or 1. Every unit must have a row for every indicator.
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every problem with its line. ``"skip"``: those rows
        are left out (and units left incomplete by that are dropped); the report lists them.

    Returns
    -------
    tuple
        ``(items, reports)``: a 0/1 DataFrame indexed by unit with one column per indicator
        (in file order), and the load reports.

    Raises
    ------
    DataError
        When the folder or file is missing, a value is not 0 or 1, a unit repeats an
        indicator, or a unit lacks an indicator others have.
    """
    folder = readable_folder(folder)
    path = folder / "indicators.csv"
    if not path.is_file():
        raise DataError(
            "the folder has no indicators.csv",
            file=str(folder),
            expected="indicators.csv with columns unit, indicator, value",
            found=", ".join(sorted(p.name for p in folder.iterdir())) or "an empty folder",
        )
    loaded = io.read_table(path, INDICATOR_ROWS, on_error=on_error)
    rows = loaded.frame
    indicators = list(dict.fromkeys(rows["indicator"]))
    units = list(dict.fromkeys(rows["unit"]))
    wide = rows.pivot(index="unit", columns="indicator", values="value")
    wide = wide.loc[units, indicators]
    incomplete = wide.isna().any(axis=1)
    if incomplete.any():
        if on_error == "raise":
            raise DataError.of([
                Problem("a unit lacks an indicator the others have", file=str(path),
                        column="indicator", expected=f"a row for {pair}", found="no row")
                for pair in _missing_pairs(wide[incomplete])
            ])
        wide = wide[~incomplete]
    if len(wide) < 2 or wide.shape[1] < 2:
        raise DataError(
            "a scalogram needs at least two units and two indicators",
            file=str(path),
            expected="two or more units and indicators",
            found=f"{len(wide)} unit(s), {wide.shape[1]} indicator(s)",
        )
    return wide.astype(np.int64), [loaded.report]


def _missing_pairs(wide: pd.DataFrame) -> Sequence[str]:
    """Name each missing unit-indicator pair as ``"unit: indicator"``."""
    stacked = wide.isna().stack()
    return [f"{unit}: {indicator}" for (unit, indicator), gone in stacked.items() if gone]
