"""The reader's own survey: the file contracts and :func:`load_folder`.

A folder holds ``responses.csv`` (one row per respondent, contract :data:`RESPONSES`) and,
optionally, ``frame.csv`` (one row per invitation, contract :data:`FRAME`), read through
``govsocial.io`` and checked against each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from govsocial import io
from govsocial.schema import Column, Contract, DataError

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


def load_folder(folder: str | Path) -> SurveyData:
    """Read the reader's own survey from a folder.

    Parameters
    ----------
    folder : str or path-like
        Holds ``responses.csv`` (contract :data:`RESPONSES`) and optionally ``frame.csv``
        (contract :data:`FRAME`, every invitation). Without a frame, nothing can be weighted.

    Returns
    -------
    SurveyData
        ``truth`` and ``effects`` are ``None``; ``reports`` say what was read.

    Raises
    ------
    DataError
        When a file is missing or malformed (for example a Likert answer of 7), or when a
        respondent is missing from the frame or differs from it in city, department or
        population.
    """
    folder = Path(folder)
    path = folder / "responses.csv"
    if not path.is_file():
        raise DataError(
            "the survey folder has no responses.csv",
            file=str(folder),
            expected="responses.csv (and optionally frame.csv)",
        )
    loaded = io.read_table(path, RESPONSES)
    responses = loaded.frame
    responses["size_class"] = size_class(responses["population"])
    reports = [loaded.report]
    frame = None
    frame_path = folder / "frame.csv"
    if frame_path.is_file():
        frame_loaded = io.read_table(frame_path, FRAME)
        frame = frame_loaded.frame
        frame["size_class"] = size_class(frame["population"])
        _check_in_frame(responses, frame, str(path), loaded.lines)
        frame["responded"] = frame["respondent_id"].isin(responses["respondent_id"])
        reports.append(frame_loaded.report)
    order = [c.name for c in _ID_COLUMNS] + ["size_class", *ITEMS, *COUPLINGS]
    return SurveyData(frame=frame, responses=responses[order], reports=reports)


def _check_in_frame(
    responses: pd.DataFrame, frame: pd.DataFrame, file: str, lines: Sequence[int]
) -> None:
    """Every respondent must be an invitation of the frame, with the same description.

    ``lines`` holds the line of ``file`` on which each respondent's record starts.
    """
    merged = responses.merge(
        frame, on="respondent_id", how="left", suffixes=("", "_frame"), indicator=True
    )
    outside = (merged["_merge"] == "left_only").to_numpy().nonzero()[0]
    if len(outside):
        row = int(outside[0])
        raise DataError(
            "respondent not in frame.csv",
            file=file,
            row=lines[row],
            column="respondent_id",
            expected="an id listed in frame.csv",
            found=repr(merged.loc[row, "respondent_id"]),
        )
    for column in ("city_id", "department", "population"):
        differ = (merged[column] != merged[f"{column}_frame"]).to_numpy().nonzero()[0]
        if len(differ):
            row = int(differ[0])
            raise DataError(
                "respondent described differently in frame.csv",
                file=file,
                row=lines[row],
                column=column,
                expected=repr(merged.loc[row, f"{column}_frame"]),
                found=repr(merged.loc[row, column]),
            )
