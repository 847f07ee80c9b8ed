"""The DigitalGov pages on social media as a corpus: reading, a theme dictionary, years.

- :func:`read_digitalgov` reads the Markdown pages from the zip archive in
  ``data/digitalgov/`` (front matter: date, title, summary; then the body);
- :data:`THEMES` is a transparent dictionary: one regular expression per theme of the
  regulatory framework and of practice;
- :func:`plain_text` removes markup; :func:`code_pages` marks each page 0/1 for each theme it
  mentions;
- :func:`theme_shares` gives the share of pages mentioning each theme per period, with Wilson
  intervals;
- :func:`validate_dictionary` compares the dictionary with a hand-coded sample.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from govsocial import io
from govsocial.io.archives import read_members
from govsocial.schema import DataError, Problem
from govsocial.stats import wilson_interval
from govsocial.text import cohens_kappa

__all__ = [
    "THEMES",
    "code_pages",
    "plain_text",
    "period_of",
    "read_digitalgov",
    "theme_shares",
    "validate_dictionary",
]

THEMES: dict[str, str] = {
    "privacy": r"(?i:\bprivacy\b|\bpersonally identifiable\b)|\bPII\b",
    "security": r"(?i:\bsecurity\b|\bcybersecurity\b|\bhack(?:ed|ers?|ing)?\b|\bphishing\b"
                r"|\bpasswords?\b)",
    "records": r"(?i:\brecords? management\b|\bfederal records?\b|\brecord-?keeping\b"
               r"|\barchiv(?:e|es|ed|ing)\b)|\bNARA\b",
    "accessibility": r"(?i:\baccessib(?:le|ility)\b|\bsection 508\b|\b508\b"
                     r"|\bcaption(?:s|ed|ing)?\b|\balt text\b|\bscreen readers?\b)",
    "terms of service": r"(?i:\bterms of service\b|\bterms-of-service\b)|\bTOS\b",
    "engagement": r"(?i:\bengag(?:e|es|ed|ement|ing)\b|\bconversations?\b"
                  r"|\binteract(?:s|ion|ions|ive)?\b)",
    "measurement": r"(?i:\bmetrics?\b|\banalytics\b|\bmeasur(?:e|es|ed|ing|ement|ements)\b)"
                   r"|\bKPIs?\b",
}
"""One regular expression per theme, matched anywhere in the title, summary or body; words in
capitals (``PII``, ``TOS``, ``NARA``, ``KPI``) only in capitals, every other word in any case."""

_FRONT = re.compile(r"\A---\n(.*?)\n---\n?(.*)\Z", re.S)


def _field(front: str, name: str) -> str | None:
    """Return the value of a one-line front-matter field, unquoted, or None."""
    match = re.search(rf"^{name}:[ \t]*(.*?)[ \t]*$", front, flags=re.M)
    if match is None or match.group(1) == "":
        return None
    return match.group(1).strip().strip('"').strip("'")


def read_digitalgov(path: str | Path | None = None) -> pd.DataFrame:
    """Read the DigitalGov pages: one row per Markdown page of the archive.

    Parameters
    ----------
    path : str or path-like, optional
        The zip archive; by default ``data/digitalgov/social_media_posts.zip``.

    Returns
    -------
    DataFrame
        ``page`` (the path inside the archive), ``date`` (UTC; NaT for a page without one),
        ``year`` (nullable integer), ``title``, ``summary`` and ``body`` (text).

    Raises
    ------
    DataError
        Listing every page that is not UTF-8, has no front matter, no title, or a date that
        cannot be read.

    Examples
    --------
    >>> pages = read_digitalgov()
    >>> len(pages), int(pages["date"].isna().sum())
    (324, 1)
    """
    default = io.data_dir() / "digitalgov" / "social_media_posts.zip"
    path = Path(path) if path is not None else default
    members = read_members(path, lambda info: info.filename.endswith(".md"))
    rows, problems = [], []
    for name, raw in members:
        where = f"{path}:{name}"
        try:
            text = raw.decode("utf-8").replace("\r\n", "\n")
        except UnicodeDecodeError:
            problems.append(Problem("the page is not UTF-8 text", file=where))
            continue
        match = _FRONT.match(text)
        if match is None:
            problems.append(Problem("the page has no front matter between --- lines", file=where))
            continue
        front, body = match.groups()
        title = _field(front, "title")
        if title is None:
            problems.append(Problem("the front matter has no title", file=where, column="title"))
            continue
        date_text = _field(front, "date")
        date = pd.NaT
        if date_text is not None:
            date = pd.to_datetime(date_text, utc=True, errors="coerce")
            if pd.isna(date):
                problems.append(Problem("the date cannot be read", file=where, column="date",
                                        expected="YYYY-MM-DD hh:mm:ss -0500", found=date_text))
                continue
        rows.append({"page": name, "date": date, "title": title,
                     "summary": _field(front, "summary") or "", "body": body})
    if problems:
        raise DataError.of(problems)
    pages = pd.DataFrame(rows, columns=["page", "date", "title", "summary", "body"])
    pages["date"] = pd.to_datetime(pages["date"], utc=True)
    pages.insert(2, "year", pages["date"].dt.year.astype("Int64"))
    return pages


_MARKUP = (
    re.compile(r"\{\{<.*?>\}\}", re.S),  # Hugo shortcodes: {{< img src="..." caption="" >}}
    re.compile(r"<[^>]*>"),  # HTML tags (their text stays)
    re.compile(r"\]\([^)]*\)"),  # Markdown link targets: [text](url) keeps [text]
    re.compile(r"https?://\S+"),  # bare addresses
)


def plain_text(text: str) -> str:
    """Remove markup a reader never sees: shortcodes, HTML tags, link targets, addresses.

    Examples
    --------
    >>> plain_text('{{< img caption="" >}}See [our guide](https://a.gov/508) <b>now</b>')
    'See [our guide] now'
    """
    for pattern in _MARKUP:
        text = pattern.sub(lambda m: "]" if m.group(0).startswith("]") else "", text)
    return text


def code_pages(pages: pd.DataFrame, themes: dict[str, str] = THEMES) -> pd.DataFrame:
    """Mark each page 1 for every theme whose expression matches its title, summary or body.

    The text is matched without its markup (:func:`plain_text`): an image's ``caption=""``
    attribute or a number inside an address is not a mention.

    Examples
    --------
    >>> toy = pd.DataFrame({"title": ["Captioning videos"], "summary": [""],
    ...     "body": ["Check your Privacy settings; see the TOS."]})
    >>> code_pages(toy).iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'privacy': 1, 'security': 0, 'records': 0, 'accessibility': 1, 'terms of service': 1,
     'engagement': 0, 'measurement': 0}
    """
    text = (pages["title"] + "\n" + pages["summary"] + "\n" + pages["body"]).map(plain_text)
    coded = {theme: text.map(lambda t, p=re.compile(regex): int(bool(p.search(t))))
             for theme, regex in themes.items()}
    return pd.DataFrame(coded, index=pages.index).astype(np.int64)


def period_of(year: pd.Series, *, first: int = 2013, last: int = 2017) -> pd.Series:
    """Label each year, pooling the thin years at both ends (few pages each).

    Years up to ``first`` become ``"2012-2013"`` (from the earliest year), years from ``last``
    on ``"2017-2025"`` (to the latest); pages without a year get a missing period.

    Examples
    --------
    >>> years = pd.Series([2012, 2013, 2014, 2017, 2024, None], dtype="Int64")
    >>> period_of(years).fillna("unknown").tolist()
    ['2012-2013', '2012-2013', '2014', '2017-2024', '2017-2024', 'unknown']
    """
    known = year.dropna()
    low, high = int(known.min()), int(known.max())

    def label(value: object) -> object:
        if pd.isna(value):
            return pd.NA
        if value <= first:
            return f"{low}-{first}" if low < first else str(first)
        if value >= last:
            return f"{last}-{high}" if high > last else str(last)
        return str(int(value))

    return year.map(label).astype("object")


def theme_shares(coded: pd.DataFrame, period: pd.Series, level: float = 0.95) -> pd.DataFrame:
    """Share of pages mentioning each theme per period, with Wilson intervals.

    Pages without a period (no date) are left out.

    Returns
    -------
    DataFrame
        ``theme``, ``period``, ``pages``, ``mentions``, ``share``, ``low``, ``high``.

    Examples
    --------
    >>> coded = pd.DataFrame({"privacy": [1, 0, 1]})
    >>> theme_shares(coded, pd.Series(["2013", "2013", "2014"]))["share"].tolist()
    [0.5, 1.0]
    """
    rows = []
    dated = period.notna()
    for theme in coded.columns:
        for label, group in coded.loc[dated, theme].groupby(period[dated], sort=True):
            low, high = wilson_interval(int(group.sum()), len(group), level)
            rows.append({"theme": theme, "period": label, "pages": len(group),
                         "mentions": int(group.sum()), "share": group.mean(),
                         "low": low, "high": high})
    return pd.DataFrame(rows)


def validate_dictionary(coded: pd.DataFrame, hand: pd.DataFrame) -> pd.DataFrame:
    """Agreement of the dictionary with hand coding, theme by theme.

    Parameters
    ----------
    coded : DataFrame
        From :func:`code_pages`, indexed like ``hand`` (by page).
    hand : DataFrame
        0/1 hand codes, one column per theme, indexed by page.

    Returns
    -------
    DataFrame
        ``theme``, ``pages``, ``agreement`` (share of pages coded alike), ``kappa`` (Cohen's),
        ``precision`` and ``recall`` of the dictionary against the hand codes (NaN when
        undefined).

    Examples
    --------
    >>> hand = pd.DataFrame({"privacy": [1, 0, 0, 1]})
    >>> machine = pd.DataFrame({"privacy": [1, 1, 0, 1]})
    >>> validate_dictionary(machine, hand)[["agreement", "recall"]].iloc[0].tolist()
    [0.75, 1.0]
    """
    rows = []
    for theme in hand.columns:
        machine, human = coded.loc[hand.index, theme], hand[theme]
        both = int(((machine == 1) & (human == 1)).sum())
        rows.append({
            "theme": theme,
            "pages": len(human),
            "agreement": float((machine == human).mean()),
            "kappa": cohens_kappa(human.tolist(), machine.tolist())
            if human.nunique() > 1 or machine.nunique() > 1 else float("nan"),
            "precision": both / machine.sum() if machine.sum() else float("nan"),
            "recall": both / human.sum() if human.sum() else float("nan"),
        })
    return pd.DataFrame(rows)
