"""The reader's own survey: ``responses.csv`` and ``model.txt``, read with the book's contract.

``model.txt`` holds the model in lavaan-style syntax (:func:`~govsocial.sem.model.parse_model`);
``responses.csv`` one row per respondent: ``respondent_id`` and every item the model names, each
a whole number from 1 to ``scale_max``. A missing answer, an answer out of range, an item of the
model missing from the file or a model that cannot be read is a :class:`DataError`.

Public: :func:`responses_contract`, :func:`load_folder`.
"""

from __future__ import annotations

from pathlib import Path

from govsocial import io
from govsocial.io.core import readable_folder
from govsocial.schema import Column, Contract, DataError, OnError

from .model import Model, ModelSyntaxError, parse_model
from .simulate import SemData

__all__ = ["load_folder", "responses_contract"]


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
