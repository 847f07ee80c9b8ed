"""The codebook as data: codes, definitions, rules, examples, SWOT cells, and the themes' levels.

The codebook mirrors the barriers that interviews with Canadian emergency-management officials
named (organisational factors, policies, federal legislation) and adds the themes an
interview study of crisis crowdsourcing would also hear. Every code belongs to one cell of a
SWOT table (strength, weakness, opportunity, threat).
"""

from __future__ import annotations

import pandas as pd

__all__ = ["CODES", "LEVELS", "NEIGHBOURS", "SWOT", "codebook"]

LEVELS = ("federal", "provincial", "municipal")
"""The three levels of government of the fictional agencies, from the highest."""

SWOT = ("strength", "weakness", "opportunity", "threat")
"""The four cells of a SWOT table: internal (strength, weakness), external (the others)."""

_ROWS = (
    # code, label, swot, definition, include, exclude, example
    ("culture", "Organisational culture", "weakness",
     "The agency's habits or hierarchy hold back the use of crowd information.",
     "risk aversion, sign-off chains, 'not how we do things'",
     "a written rule (code policy); lack of staff (code staffing)",
     "Nothing goes out without three signatures, so we never reply."),
    ("staffing", "Staff and resources", "weakness",
     "Too few people, hours or money to monitor or use social media.",
     "no one on nights or weekends, no budget for tools",
     "unwillingness rather than inability (code culture)",
     "We have one communications officer for the whole county."),
    ("policy", "Internal policy", "weakness",
     "The agency's own policies or procedures restrict using crowd information.",
     "social media policy, approval procedure, internal guideline",
     "a law passed by a legislature (code legislation)",
     "Our policy says only verified sources go into the situation report."),
    ("legislation", "Federal legislation", "threat",
     "Laws, above all federal ones, that limit collecting or using citizens' posts.",
     "privacy act, official languages, records law",
     "the agency's own rules (code policy)",
     "The privacy act stops us from storing what people post."),
    ("verification", "Unverified crowd information", "threat",
     "The crowd's information may be false, rumour or out of date.",
     "rumour, misinformation, cannot verify",
     "the agency's own errors",
     "Half of what we saw that night turned out to be rumours."),
    ("skills", "Skilled champions", "strength",
     "Staff who know social media and push for its use.",
     "a champion, trained staff, someone who 'gets it'",
     "tools or budget (code staffing)",
     "Our deputy chief runs the account herself and loves it."),
    ("awareness", "Situational awareness", "opportunity",
     "Crowd posts tell the agency what is happening where, faster.",
     "photos of flooding, reports of damage, real-time picture",
     "the public's expectations of the agency (code expectations)",
     "The first pictures of the washed-out bridge came from residents."),
    ("expectations", "Public expectations", "opportunity",
     "Citizens expect the agency to be on social media and to answer.",
     "people expect replies, 'they want to hear from us'",
     "information the agency gains (code awareness)",
     "People now expect us to answer on Twitter within the hour."),
    ("volunteers", "Digital volunteers", "opportunity",
     "Organised volunteers who could sort or map crowd information.",
     "volunteer technical communities, mapping volunteers",
     "individual citizens posting (code awareness)",
     "A volunteer mapping group offered to sort the posts for us."),
    ("liability", "Legal liability", "threat",
     "Fear of being sued for acting, or not acting, on a post.",
     "lawsuit, duty of care, 'if we saw it we are responsible'",
     "privacy law (code legislation)",
     "If we see a call for help and miss it, we are liable."),
)

CODES = tuple(row[0] for row in _ROWS)
"""The codes of the codebook, in the codebook's order."""

NEIGHBOURS = {"policy": "legislation", "culture": "staffing", "awareness": "expectations"}
"""Pairs of codes close enough in meaning that coders confuse them (the first for the second)."""


def codebook() -> pd.DataFrame:
    """Return the codebook: one row per code with its definition, rules and an example.

    Returns
    -------
    DataFrame
        Columns ``code``, ``label``, ``swot``, ``definition``, ``include``, ``exclude``,
        ``example`` (a fictional quotation).

    Examples
    --------
    >>> book = codebook()
    >>> book.loc[book["code"] == "legislation", "swot"].item()
    'threat'
    >>> sorted(book["swot"].unique()) == sorted(SWOT)
    True
    """
    return pd.DataFrame(
        _ROWS,
        columns=["code", "label", "swot", "definition", "include", "exclude", "example"],
    )
