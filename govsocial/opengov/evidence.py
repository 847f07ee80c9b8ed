"""The Open Data Barometer experts' justifications as a small corpus: what they cite as evidence.

- :data:`EXPERT_ANSWERS` and :func:`read_barometer_answers`: the expert survey's answers
  (country, question, score 0-10, free-text justification), read with the loader contract;
- :data:`EVIDENCE`: a transparent dictionary, one regular expression per kind of evidence
  (laws and policies, portals and websites, news and media, reports and studies);
- :func:`code_evidence` marks each answer 0/1 for each kind it names, and ``none of these``
  when it names none of them (or has no justification);
- :func:`score_band` groups the 0-10 scores into bands, whose shares
  :func:`govsocial.opengov.corpus.theme_shares` gives with Wilson intervals.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from govsocial import io
from govsocial.schema import Column, Contract, LoadReport, OnError

__all__ = ["BANDS", "EVIDENCE", "EXPERT_ANSWERS", "code_evidence", "read_barometer_answers",
           "score_band"]

EXPERT_ANSWERS = Contract(
    "Open Data Barometer expert survey answers",
    (
        Column("Country", "string", description="country name"),
        Column("Question.ID", "string", pattern=r"ODB\.2013\.[CI]\.[A-Z]+",
               pattern_meaning="a question code such as ODB.2013.C.INIT",
               description="the survey question (context C, impact I)"),
        Column("Response", "int", minimum=0, maximum=10,
               description="the expert's score, 0 (not at all) to 10 (fully)"),
        Column("Justification", "string", nullable=True,
               description="the expert's free-text justification, with sources"),
    ),
    key=("Country", "Question.ID"),
)
"""One row per country and question of the expert survey's context and impact questions."""

EVIDENCE: dict[str, str] = {
    "laws and policies": r"(?i:\blaws?\b|\bact\b|\blegislat\w*|\bdecrees?\b|\bregulations?\b"
                         r"|\bpolic(?:y|ies)\b|\bstrateg(?:y|ies)\b|\baction plans?\b"
                         r"|\bconstitution\b)",
    "portals and websites": r"(?i:\bportals?\b|\bwebsites?\b|\bweb ?sites?\b|\bweb ?pages?\b"
                            r"|\bonline platforms?\b)",
    "news and media": r"(?i:\bnews\w*|\bpress\b|\bmedia\b|\bjournalis\w*|\bblogs?\b"
                      r"|\barticles?\b)",
    "reports and studies": r"(?i:\breports?\b|\bstud(?:y|ies)\b|\bsurveys?\b|\bresearch\b"
                           r"|\bevaluations?\b|\bassessments?\b)",
}
"""One regular expression per kind of evidence, matched in any case in the justification's
text without web addresses (nearly every answer lists addresses among its sources, whatever
kind of source they point to)."""

BANDS: tuple[str, ...] = ("0", "1-3", "4-6", "7-10")
"""Score bands of the 0-10 answers, from none to much."""

_ADDRESS = re.compile(r"https?://\S+|www\.\S+")


def read_barometer_answers(
    path: str | Path | None = None, *, on_error: OnError = "raise"
) -> tuple[pd.DataFrame, LoadReport]:
    """Read the expert survey's context and impact answers.

    Parameters
    ----------
    path : str or path-like, optional
        The CSV file; by default ``primary_data_context_impact.csv`` in
        ``data/open_data_barometer/``.
    on_error : {"raise", "skip"}
        ``"raise"``: one DataError lists every problem with its line and column. ``"skip"``:
        those rows are left out and listed in the report.

    Returns
    -------
    tuple
        ``(answers, report)``: columns ``country``, ``question``, ``score``, ``justification``
        (empty text where the expert wrote none), and the load report.

    Examples
    --------
    >>> answers, report = read_barometer_answers()
    >>> answers.shape, answers["country"].nunique()
    ((1118, 4), 86)
    """
    path = path or io.data_dir() / "open_data_barometer" / "primary_data_context_impact.csv"
    loaded = io.read_table(path, EXPERT_ANSWERS, on_error=on_error)
    answers = loaded.frame.rename(columns={
        "Country": "country", "Question.ID": "question", "Response": "score",
        "Justification": "justification"})
    answers["justification"] = answers["justification"].fillna("").astype(str)
    return answers.reset_index(drop=True), loaded.report


def code_evidence(answers: pd.DataFrame, kinds: dict[str, str] = EVIDENCE) -> pd.DataFrame:
    """Mark each answer 1 for every kind of evidence its justification names.

    Web addresses are removed first. The last column, ``none of these``, is 1 when no kind
    matched (including answers without a justification).

    Examples
    --------
    >>> toy = pd.DataFrame({"justification": [
    ...     "The Access to Information Act (see https://news.example.org)", ""]})
    >>> code_evidence(toy).to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
    {'laws and policies': [1, 0], 'portals and websites': [0, 0], 'news and media': [0, 0],
     'reports and studies': [0, 0], 'none of these': [0, 1]}
    """
    text = answers["justification"].fillna("").map(lambda t: _ADDRESS.sub(" ", t))
    coded = pd.DataFrame(
        {kind: text.map(lambda t, p=re.compile(regex): int(bool(p.search(t))))
         for kind, regex in kinds.items()},
        index=answers.index,
    ).astype(np.int64)
    coded["none of these"] = (coded.sum(axis=1) == 0).astype(np.int64)
    return coded


def score_band(score: pd.Series) -> pd.Series:
    """Label each 0-10 score with its band (:data:`BANDS`).

    Examples
    --------
    >>> score_band(pd.Series([0, 1, 3, 4, 6, 7, 10])).tolist()
    ['0', '1-3', '1-3', '4-6', '4-6', '7-10', '7-10']
    """
    bins = pd.cut(score, [-0.5, 0.5, 3.5, 6.5, 10.5], labels=list(BANDS))
    return bins.astype("object")
