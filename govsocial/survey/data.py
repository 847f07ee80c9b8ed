"""The reader's own survey: the file contracts and :func:`load_folder`.

A folder holds ``responses.csv`` (one row per respondent, contract :data:`RESPONSES`) and,
optionally, ``frame.csv`` (one row per invitation, contract :data:`FRAME`), read through
``govsocial.io`` and checked against each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from govsocial import io
from govsocial.io.core import readable_folder
from govsocial.schema import Checked, Column, Contract, DataError, OnError

from .questionnaire import _COUPLING_QUESTIONS, _LIKERT, COUPLINGS, ITEMS, SCALES, size_class
from .simulate import SurveyData

__all__ = ["FRAME", "RESPONSES", "load_folder"]

_ID_COLUMNS = (
    Column("respondent_id", "string", unique=True,
           description="one invitation: a manager of one department in one city"),
    Column("city_id", "string", description="the city (respondents are clustered by city)"),
    Column("department", "string", description="the manager's department"),
    Column("population", "int", minimum=1, description="the city's population (persons)"),
)  # fmt: skip

RESPONSES = Contract(
    "survey responses",
    (
        *_ID_COLUMNS,
        *(
            Column(name, "int", nullable=True, minimum=1, maximum=5,
                   description=f"{factor} item: {_LIKERT}; empty when skipped")
            for factor, names in SCALES.items()
            for name in names
        ),
        *(
            Column(c, "int", minimum=0, maximum=1,
                   description=f"1 if the department {_COUPLING_QUESTIONS[c]}, else 0")
            for c in COUPLINGS
        ),
    ),
)  # fmt: skip
"""One row per respondent: who they are, their 17 answers (1-5) and the four couplings (0/1)."""

FRAME = Contract("survey frame", _ID_COLUMNS)
"""One row per invitation, respondents or not: the sampling frame to weight to."""


def load_folder(folder: str | Path, *, on_error: OnError = "raise") -> SurveyData:
    """Read the reader's own survey from a folder.

    Parameters
    ----------
    folder : str or path-like
        Holds ``responses.csv`` (contract :data:`RESPONSES`) and optionally ``frame.csv``
        (contract :data:`FRAME`, every invitation). Without a frame, nothing can be weighted.
    on_error : {"raise", "skip"}
        ``"raise"``: problems in rows raise one DataError listing them all with their lines.
        ``"skip"``: those rows are left out, and each report's ``skipped`` lists them.

    Returns
    -------
    SurveyData
        ``truth`` and ``effects`` are ``None``; ``reports`` say what was read.

    Raises
    ------
    DataError
        When the folder or ``responses.csv`` is missing, a file is malformed (for example a
        Likert answer of 7), or a respondent is missing from the frame or differs from it in
        city, department or population.
    """
    folder = readable_folder(folder)
    path = folder / "responses.csv"
    if not path.is_file():
        raise DataError(
            "the survey folder has no responses.csv",
            file=str(folder),
            expected="responses.csv (and optionally frame.csv)",
            found=", ".join(sorted(p.name for p in folder.iterdir())) or "an empty folder",
        )
    loaded = io.read_table(path, RESPONSES, on_error=on_error)
    responses = loaded.frame
    reports = [loaded.report]
    frame = None
    frame_path = folder / "frame.csv"
    if frame_path.is_file():
        frame_loaded = io.read_table(frame_path, FRAME, on_error=on_error)
        frame = frame_loaded.frame
        problems = _frame_problems(responses, frame, loaded.lines or [])
        if not problems.empty:
            checked = Checked(responses, problems, RESPONSES, str(path))
            responses, skipped = checked.settle(on_error)
            loaded.report.skip(skipped)
        frame["size_class"] = size_class(frame["population"])
        frame["responded"] = frame["respondent_id"].isin(responses["respondent_id"])
        reports.append(frame_loaded.report)
    responses["size_class"] = size_class(responses["population"])
    order = [c.name for c in _ID_COLUMNS] + ["size_class", *ITEMS, *COUPLINGS]
    return SurveyData(frame=frame, responses=responses[order], reports=reports)


def _plain(value: object) -> str:
    """``repr`` of a value as a reader would type it (``12300``, not ``np.int64(12300)``).

    Examples
    --------
    >>> _plain(np.int64(12300)), _plain("finance")
    ('12300', "'finance'")
    """
    return repr(value.item() if isinstance(value, np.generic) else value)


def _frame_problems(
    responses: pd.DataFrame, frame: pd.DataFrame, lines: Sequence[int]
) -> pd.DataFrame:
    """Every respondent must be an invitation of the frame, with the same description.

    ``lines`` holds the line of ``responses.csv`` on which each respondent's record starts.

    Returns
    -------
    DataFrame
        One problem per row and column (as :attr:`~govsocial.schema.Checked.problems`).
    """
    merged = responses.merge(
        frame, on="respondent_id", how="left", suffixes=("", "_frame"), indicator=True
    )
    rows = []
    for position in np.flatnonzero((merged["_merge"] == "left_only").to_numpy()):
        rows.append((position, "respondent_id", "respondent not in frame.csv",
                     "an id listed in frame.csv", _plain(merged["respondent_id"].iloc[position])))
    inside = (merged["_merge"] == "both").to_numpy()
    for column in ("city_id", "department", "population"):
        differ = inside & (merged[column] != merged[f"{column}_frame"]).fillna(True).to_numpy(bool)
        for position in np.flatnonzero(differ):
            rows.append((position, column, "respondent described differently in frame.csv",
                         _plain(merged[f"{column}_frame"].iloc[position]),
                         _plain(merged[column].iloc[position])))
    rows.sort(key=lambda row: row[0])
    return pd.DataFrame({
        "position": [row[0] for row in rows],
        "row": [lines[row[0]] for row in rows],
        "column": [row[1] for row in rows],
        "problem": [row[2] for row in rows],
        "expected": [row[3] for row in rows],
        "found": [row[4] for row in rows],
    })
