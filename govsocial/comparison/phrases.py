"""The words of the simulated worlds: post phrases in Chinese and English, and agency replies.

Each category of the coding scheme has *cue* phrases, which hold a word of the coding
dictionary (:data:`DICTIONARY`), and *implicit* phrases, which say the same thing without one
(a dictionary misses them; a classifier trained on coded posts can learn them). Filler phrases
set the scene and belong to no category.

Public names: AGENCY, DICTIONARY, PHRASES, compose_post, templated_reply, personalised_reply.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "AGENCY",
    "DICTIONARY",
    "PHRASES",
    "compose_post",
    "personalised_reply",
    "templated_reply",
]

AGENCY = "Agency for Migration Services (fictional)"

PHRASES: dict[str, dict[str, dict[str, list[str]]]] = {
    "zh": {
        "opinion": {"cue": ["我认为这很重要", "我觉得结果令人担忧", "个人看法是还不够"],
                    "implicit": ["说实话有点失望", "真心希望大家努力"]},
        "experience": {"cue": ["今天在会场采访代表", "赶稿到深夜", "采访了三位谈判代表"],
                       "implicit": ["又是通宵的一天", "记者中心排队两小时"]},
        "authority": {"cue": ["据官员表示将继续努力", "发改委发布最新消息", "外交部发言人介绍"],
                      "implicit": ["代表团团长称进展顺利", "部长在发布会上说明"]},
        "policy": {"cue": ["减排政策是焦点", "各国谈判立场不同", "国家承诺落实目标"],
                   "implicit": ["五年规划将作调整", "协议文本仍有分歧"]},
        "science": {"cue": ["科学家研究显示风险增加", "全球气温上升", "数据显示海平面变化"],
                    "implicit": ["冰川正在融化", "珊瑚白化越来越严重"]},
        "filler": {"cue": ["巴黎气候大会", "第二周", "现场直击", "今天下午"]},
    },
    "en": {
        "opinion": {"cue": ["I think this matters", "in my view it is not enough",
                            "personally I believe we can do better"],
                    "implicit": ["honestly a bit disappointed", "really hope everyone steps up"]},
        "experience": {"cue": ["filing my story from the press centre",
                               "interviewed three negotiators today", "long deadline night"],
                       "implicit": ["queued two hours for a badge", "no sleep again tonight"]},
        "authority": {"cue": ["officials said talks continue", "the minister announced new aid",
                              "according to the spokesperson"],
                      "implicit": ["the delegation head told us", "per the government briefing"]},
        "policy": {"cue": ["emission targets are the sticking point",
                           "negotiating positions differ", "national pledges under review"],
                   "implicit": ["the draft text still has brackets", "the five year plan shifts"]},
        "science": {"cue": ["scientists warn of higher risk", "temperatures keep rising",
                            "new research on sea level"],
                    "implicit": ["glaciers melting faster", "coral bleaching spreads"]},
        "filler": {"cue": ["at the Paris summit", "week two", "live from the venue",
                           "this afternoon"]},
    },
}  # fmt: skip

DICTIONARY: dict[str, dict[str, frozenset[str]]] = {
    "zh": {
        "opinion": frozenset({"认为", "觉得", "看法"}),
        "experience": frozenset({"采访", "赶稿", "会场"}),
        "authority": frozenset({"官员", "发改委", "发言人"}),
        "policy": frozenset({"政策", "谈判", "承诺", "立场"}),
        "science": frozenset({"科学家", "研究", "气温", "数据"}),
    },
    "en": {
        "opinion": frozenset({"think", "view", "personally", "believe"}),
        "experience": frozenset({"filing", "interviewed", "deadline", "story"}),
        "authority": frozenset({"officials", "minister", "spokesperson"}),
        "policy": frozenset({"emission", "negotiating", "pledges", "targets"}),
        "science": frozenset({"scientists", "temperatures", "research"}),
    },
}
"""One coding scheme in two languages: the words that mark each category."""

IMPLICIT_SHARE = 0.15  # posts that make their point without a dictionary word
DISTRACTOR_SHARE = 0.08  # posts that also hold a cue of another category


def compose_post(category: str, language: str, rng: np.random.Generator) -> str:
    """Write one post of ``category`` in ``language`` ("zh" or "en").

    Examples
    --------
    >>> text = compose_post("science", "en", np.random.default_rng(0))
    >>> isinstance(text, str) and len(text) > 10
    True
    """
    words = PHRASES[language]
    kind = "implicit" if rng.random() < IMPLICIT_SHARE else "cue"
    parts = [_pick(words["filler"]["cue"], rng), _pick(words[category][kind], rng)]
    if rng.random() < DISTRACTOR_SHARE:
        others = [c for c in DICTIONARY[language] if c != category]
        parts.append(_pick(words[others[rng.integers(len(others))]]["cue"], rng))
    return ("，" if language == "zh" else ", ").join(parts) + ("。" if language == "zh" else ".")


def _pick(options: list[str], rng: np.random.Generator) -> str:
    return options[int(rng.integers(len(options)))]


_TEMPLATES = (
    "Thank you for contacting us. Processing times for {form} applications are posted on our "
    "website. Please do not send personal information here.",
    "We cannot discuss individual cases on social media. For your {form} application, please "
    "use the web form on our website.",
    "Thanks for your question about {form}. Current processing times and the checklist are "
    "on our website; we are unable to comment on specific files.",
)
_FORMS = ("work permit", "study permit", "visitor visa", "citizenship", "permanent residence")
_OPENINGS = ("Hi {name},", "Hello {name},", "Dear {name},", "{name}, thanks for writing.")
_BODIES = (
    "your {form} file shows a request for {doc} sent on {day} March",
    "we checked: the {doc} you uploaded on {day} March was unreadable",
    "the office in {city} received your {form} application on {day} March",
    "your biometrics appointment in {city} is confirmed for {day} April",
    "a {doc} is still missing from your {form} file",
    "your {doc} was matched to case {ref} on {day} March",
    "the {city} team flagged your {form} file for a second review",
    "an officer in {city} asked for a new {doc} on {day} April",
    "your address change for case {ref} went through",
    "the fee for your {form} application was refunded on {day} March",
)
_CLOSINGS = (
    "Send it by direct message and we will pass it on.",
    "Reply here once it is done and we will check again.",
    "We expect a decision within {weeks} weeks.",
    "Call us with reference {ref} if anything changes.",
)
_NAMES = (
    "Amira",
    "Jonas",
    "Li",
    "Priya",
    "Tomas",
    "Fatou",
    "Mateo",
    "Sana",
    "Ivan",
    "Noor",
    "Chen",
    "Olu",
    "Marta",
    "Yusuf",
    "Elena",
    "Kofi",
    "Hana",
    "Diego",
    "Rina",
    "Omar",
)
_DOCS = ("police certificate", "passport scan", "bank statement", "medical exam", "photo")
_CITIES = ("Northport", "Lakeside", "Riverton", "Hillcrest", "Bayview")


def templated_reply(rng: np.random.Generator) -> str:
    """Write a template reply with its one blank filled (what a near-duplicate check finds).

    Examples
    --------
    >>> "website" in templated_reply(np.random.default_rng(1))
    True
    """
    return _pick(list(_TEMPLATES), rng).format(form=_pick(list(_FORMS), rng))


def personalised_reply(rng: np.random.Generator) -> str:
    """Write a reply for one user's case: name, details and next step vary.

    Examples
    --------
    >>> personalised_reply(np.random.default_rng(1)) != personalised_reply(
    ...     np.random.default_rng(2))
    True
    """
    fill = {
        "name": _pick(list(_NAMES), rng), "form": _pick(list(_FORMS), rng),
        "doc": _pick(list(_DOCS), rng), "city": _pick(list(_CITIES), rng),
        "day": int(rng.integers(1, 29)), "weeks": int(rng.integers(2, 9)),
        "ref": f"{int(rng.integers(10**6, 10**7))}",
    }  # fmt: skip
    first, second = rng.choice(len(_BODIES), size=2, replace=False)
    parts = [_pick(list(_OPENINGS), rng), _BODIES[first] + ";", _BODIES[second] + ".",
             _pick(list(_CLOSINGS), rng)]  # fmt: skip
    return " ".join(parts).format(**fill)
