"""The reader's own survey: ``responses.csv`` and ``model.txt``, read with the book's contract.

``model.txt`` holds the model in lavaan-style syntax (:func:`~govsocial.sem.model.parse_model`);
``responses.csv`` one row per respondent: ``respondent_id`` and every item the model names, each
a whole number from 1 to ``scale_max``. A missing answer, an answer out of range, an item of the
model missing from the file or a model that cannot be read is a :class:`DataError`.

Real data: :func:`read_response_index` reads one country's daily Government Response Index from
the Oxford COVID-19 Government Response Tracker (``data/oxcgrt/``).

Public: :func:`responses_contract`, :func:`load_folder`, :func:`read_response_index`.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from govsocial import io
from govsocial.io.core import readable_folder
from govsocial.schema import Column, Contract, DataError, OnError, Problem

from .model import Model, ModelSyntaxError, parse_model
from .simulate import SemData

__all__ = [
    "DEMOCRACY",
    "DEMOCRACY_MODEL",
    "load_folder",
    "read_political_democracy",
    "read_response_index",
    "responses_contract",
]

_DAY = re.compile(r"\d{2}[A-Z][a-z]{2}\d{4}")


def responses_contract(model: Model, scale_max: int = 5) -> Contract:
    """Build the contract of ``responses.csv``: an id and every item, 1 to ``scale_max``.

    Examples
    --------
    >>> responses_contract(parse_model("A =~ a1 + a2")).names
    ['respondent_id', 'a1', 'a2']
    """
    return Contract(
        "SEM responses",
        (
            Column("respondent_id", "string", unique=True, description="one respondent"),
            *(
                Column(
                    item,
                    "int",
                    minimum=1,
                    maximum=scale_max,
                    description=f"answer to item {item} of construct {construct}, "
                    f"1 to {scale_max}; every item must be answered",
                )
                for construct, items in model.blocks.items()
                for item in items
            ),
        ),
    )


def load_folder(folder: str | Path, *, scale_max: int = 5, on_error: OnError = "raise") -> SemData:
    """Read the reader's own survey and model from a folder.

    Parameters
    ----------
    folder : str or path-like
        Holds ``model.txt`` and ``responses.csv``.
    scale_max : int
        Highest answer of the Likert items (5 for a 1-5 scale, 7 for 1-7).
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every problem with its line. ``"skip"``: respondents
        with problems are left out and ``reports[0].skipped`` lists them.

    Returns
    -------
    SemData
        ``design`` and ``latent`` are None.

    Raises
    ------
    DataError
        For a missing folder or file, a model that cannot be read, an item of the model
        missing from ``responses.csv``, a missing answer or an answer out of range.

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> sample = data_dir().parent / "tests" / "data" / "sem" / "own"
    >>> load_folder(sample).model.constructs
    ['GOV', 'RESP', 'TRUST']
    """
    folder = readable_folder(folder)
    model_path = folder / "model.txt"
    for path in (model_path, folder / "responses.csv"):
        if not path.is_file():
            raise DataError(
                f"the folder has no {path.name}",
                file=str(folder),
                expected="model.txt and responses.csv",
                found=", ".join(sorted(p.name for p in folder.iterdir())) or "an empty folder",
            )
    try:
        model = parse_model(model_path.read_text(encoding="utf-8-sig"))
    except ModelSyntaxError as error:
        raise DataError(
            f"the model cannot be read: {error}",
            file=str(model_path),
            expected="lines 'C =~ item + item', 'C ~ C + C', 'item ~~ item'",
        ) from None
    except UnicodeDecodeError:
        raise DataError("the model is not UTF-8 text", file=str(model_path)) from None
    loaded = io.read_table(
        folder / "responses.csv", responses_contract(model, scale_max), on_error=on_error
    )
    return SemData(responses=loaded.frame, model=model, reports=[loaded.report])


def read_response_index(path: str | Path, country: str = "PAK") -> pd.Series:
    """Read one country's daily Government Response Index from the OxCGRT time series file.

    Parameters
    ----------
    path : str or path-like
        ``OxCGRT_timeseries_GovernmentResponseIndex_v1.csv`` (one row per jurisdiction, one
        column per day such as ``01Jan2020``).
    country : str
        ISO 3166-1 alpha-3 code; the country's national row (``Jurisdiction`` ``NAT_TOTAL``).

    Returns
    -------
    Series
        The index (0-100) by day, a float Series named ``country`` with a DatetimeIndex; days
        without a value are left out.

    Raises
    ------
    DataError
        For a missing file, a header without the id columns or without day columns, a country
        with no national row, or a value that is not a number from 0 to 100 (with its column).

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> path = data_dir() / "oxcgrt" / "OxCGRT_timeseries_GovernmentResponseIndex_v1.csv"
    >>> index = read_response_index(path, "PAK")
    >>> str(index.index.min().date()), bool(index.max() <= 100)
    ('2020-01-01', True)
    """
    path = Path(path)
    if not path.is_file():
        raise DataError("no such file", file=str(path), expected="the OxCGRT time series CSV")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        for needed in ("CountryCode", "Jurisdiction"):
            if needed not in header:
                raise DataError(
                    "a column is missing",
                    file=str(path),
                    row=1,
                    column=needed,
                    expected="the OxCGRT header",
                    found=", ".join(header[:7]),
                )
        days = [(k, name) for k, name in enumerate(header) if _DAY.fullmatch(name)]
        if not days:
            raise DataError(
                "no day columns",
                file=str(path),
                row=1,
                expected="columns such as 01Jan2020",
                found=", ".join(header[:9]),
            )
        code, level = header.index("CountryCode"), header.index("Jurisdiction")
        for line, row in enumerate(reader, start=2):  # noqa: B007 (the row found: its line)
            if len(row) > level and row[code] == country and row[level] == "NAT_TOTAL":
                break
        else:
            raise DataError(
                f"no national row for {country!r}",
                file=str(path),
                column="CountryCode",
                expected="an ISO alpha-3 code in the file",
            )
    values, problems = {}, []
    for k, name in days:
        text = row[k].strip() if k < len(row) else ""
        if not text:
            continue
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not 0 <= value <= 100:
            problems.append(
                Problem(
                    "not an index from 0 to 100",
                    str(path),
                    line,
                    name,
                    "a number from 0 to 100",
                    repr(text),
                )
            )
            continue
        values[pd.to_datetime(name, format="%d%b%Y")] = value
    if problems:
        raise DataError.of(problems)
    return pd.Series(values, name=country, dtype=float)


# --------------------------------------------------------------------------------------------
# Real data: Bollen's industrialisation and political democracy panel
# --------------------------------------------------------------------------------------------

_INDICATORS = {
    "y1": "Expert ratings of the freedom of the press in 1960",
    "y2": "The freedom of political opposition in 1960",
    "y3": "The fairness of elections in 1960",
    "y4": "The effectiveness of the elected legislature in 1960",
    "y5": "Expert ratings of the freedom of the press in 1965",
    "y6": "The freedom of political opposition in 1965",
    "y7": "The fairness of elections in 1965",
    "y8": "The effectiveness of the elected legislature in 1965",
    "x1": "The gross national product (GNP) per capita in 1960 (logarithm)",
    "x2": "The inanimate energy consumption per capita in 1960 (logarithm)",
    "x3": "The percentage of the labour force in industry in 1960 (logarithm)",
}

DEMOCRACY = Contract(
    "political democracy",
    tuple(Column(name, "float", description=text) for name, text in _INDICATORS.items()),
)
"""Contract of :func:`read_political_democracy`: 75 countries, 11 indicators."""

DEMOCRACY_MODEL = """
ind60 =~ x1 + x2 + x3
dem60 =~ y1 + y2 + y3 + y4
dem65 =~ y5 + y6 + y7 + y8
dem60 ~ ind60
dem65 ~ ind60 + dem60
y1 ~~ y5
y2 ~~ y4 + y6
y3 ~~ y7
y4 ~~ y8
y6 ~~ y8
"""
"""The panel's standard model (lavaan's tutorial): industrialisation in 1960 and democracy in
1960 and 1965, the same indicator's errors correlated across the two years."""


def read_political_democracy(path: str | Path, *, on_error: OnError = "raise") -> pd.DataFrame:
    """Read Bollen's industrialisation and political democracy data (``pd_data.csv``).

    Parameters
    ----------
    path : str or path-like
        The CSV file: a first column of row numbers (left out) and the columns of
        :data:`DEMOCRACY`.
    on_error : {"raise", "skip"}
        As for :func:`govsocial.io.read_table`.

    Returns
    -------
    DataFrame
        One row per country (75), the 11 indicators as floats.

    Examples
    --------
    >>> from govsocial.io import data_dir
    >>> frame = read_political_democracy(data_dir() / "political_democracy" / "pd_data.csv")
    >>> frame.shape
    (75, 11)
    """
    return io.read_table(path, DEMOCRACY, on_error=on_error).frame
