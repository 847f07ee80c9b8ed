"""The words of the fictional posts: police posts and followers' comments, topic by topic.

The simulator draws each post's text from phrases of its topic; details shared between
neighbouring topics make topics overlap in their words, as real posts do.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ._common import DEPARTMENTS, TOPIC_CODES

_SLOTS: dict[str, tuple[str, ...]] = {
    "street": (
        "Main Street", "Oak Avenue", "5th Street", "Mill Road", "Elm Street", "River Road",
        "Park Avenue", "2nd Avenue", "Lake Drive", "Church Street", "Hill Road", "Cedar Lane",
    ),
    "place": (
        "the library", "the high school", "City Park", "the transit center",
        "the community center", "the mall", "the farmers market", "the ice rink",
    ),
    "area": ("the north side", "downtown", "the east side", "the west end", "the south side"),
    "day": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "this weekend"),
    "time": ("around 9 pm", "early this morning", "this afternoon", "overnight", "at noon"),
    "age": ("13", "14", "15", "16", "17", "72", "78", "81"),
    "clothing": (
        "a red jacket", "a gray hoodie", "jeans and a black coat", "a blue backpack",
        "a green winter hat",
    ),
    "years": ("10", "15", "20", "25", "30"),
    "event": ("the parade", "the 5K run", "the winter market", "the marathon", "the concert"),
    "item": ("a laptop", "a purse", "tools", "a phone", "packages"),
}

# Police posts: an optional lead, one or two core sentences of the topic, and details. Details
# are shared between neighbouring topics, so topics overlap in their words as real posts do.
_SHARED_DETAILS: dict[str, str] = {
    "info": "Anyone with information please call our tip line.",
    "share": "Please share.",
    "website": "Details on our website.",
    "safe": "Stay safe.",
    "thanks": "Thank you to our officers.",
    "avoid": "Please avoid the area.",
    "questions": "Questions? Send us a message.",
    "community": "Thank you, community, for your help.",
}

_POLICE_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "crime": {
        "lead": ("ALERT:", "UPDATE:", "ARREST:", ""),
        "core": (
            "Officers arrested a suspect after a burglary on {street} {time}.",
            "Armed robbery reported near {place}; officers are investigating.",
            "Shots fired on {street} {time}; no injuries reported.",
            "Several vehicle break-ins reported {time} in {area}; {item} taken.",
            "Arrest made in the {street} stabbing; the suspect is in custody.",
            "Detectives are asking for doorbell video from homes near {street}.",
            "Stolen car recovered on {street}; two arrested after a short pursuit.",
            "A man was robbed at gunpoint near {place} {time}.",
            "Officers seized drugs and a handgun during a search in {area}.",
            "The investigation into the {street} shooting is ongoing.",
            "Burglary suspect caught in the act by officers in {area}.",
        ),
        "detail": ("info", "avoid", "safe", "community"),
    },
    "traffic": {
        "lead": ("TRAFFIC:", "ROAD CLOSURE:", ""),
        "core": (
            "Crash on {street} near {place}; expect delays and use alternate routes.",
            "{street} is closed {day} for {event}; plan ahead and use detours.",
            "Speed enforcement in school zones this week; slow down and watch for children.",
            "DUI checkpoint {day} in {area}; plan a sober ride home.",
            "Icy roads {time}: several crashes on {street}; drive slowly.",
            "Traffic signal out at {street}; treat it as a four-way stop.",
            "Seat belt enforcement this month: buckle up, every trip, every seat.",
            "Two-car collision on {street}; one driver taken to hospital.",
            "Lanes on {street} reopened after the crash.",
            "Watch for pedestrians and bikes on {street} during construction.",
        ),
        "detail": ("avoid", "safe", "share"),
    },
    "missing persons": {
        "lead": ("MISSING:", "WANTED:", "FOUND:", ""),
        "core": (
            "Missing {age}-year-old last seen near {place} wearing {clothing}.",
            "We are looking for a missing {age}-year-old last seen in {area} {time}.",
            "Suspect wanted for the {street} robbery, last seen wearing {clothing}; do not "
            "approach, call 911.",
            "The missing {age}-year-old from {area} has been found safe.",
            "Help us find a missing adult with dementia last seen on {street}.",
            "Do you know this person? Wanted on a warrant for burglary.",
            "Runaway {age}-year-old may be near {place}; family is worried.",
            "Wanted suspect arrested thanks to tips from the public.",
            "Missing person last seen walking on {street} wearing {clothing}.",
        ),
        "detail": ("share", "info", "community"),
    },
    "community": {
        "lead": ("JOIN US:", "EVENT:", ""),
        "core": (
            "Coffee with a Cop at {place} {day}: meet the officers who serve your "
            "neighborhood.",
            "National Night Out is {day}: meet your officers at City Park.",
            "Great to see everyone at {event} with our officers.",
            "Officers read to students at {place} today.",
            "Neighborhood meeting {day} at {place}: bring your questions for your district "
            "officers.",
            "Shop with a Cop: officers took kids from {area} holiday shopping.",
            "Our officers played basketball with kids at {place}.",
            "Youth police academy for teens starts {day} at {place}.",
            "Join us for a community walk in {area} {day}.",
            "Thanks to {place} for hosting our community forum.",
        ),
        "detail": ("thanks", "website", "community", "share", "questions"),
    },
    "safety tips": {
        "lead": ("SAFETY TIP:", "SCAM ALERT:", "TIP:", ""),
        "core": (
            "Lock your car and take your valuables: most break-ins happen to unlocked cars. "
            "#9PMRoutine",
            "Police will never ask you to pay with gift cards over the phone.",
            "Going away {day}? Ask a neighbor to pick up your mail and leave a light on.",
            "Keep packages safe: have deliveries sent to work or use a locker.",
            "Never leave your car running unattended to warm it up.",
            "Lock doors and windows and light up your entrances at night.",
            "Record serial numbers of {item} so we can return them if stolen.",
            "Scammers pretend to be from the IRS or the utility company; hang up.",
            "Talk with your kids about staying safe online.",
            "Do not leave {item} in plain view in your car.",
        ),
        "detail": ("safe", "share", "info"),
    },
    "recruitment": {
        "lead": ("NOW HIRING:", "CAREERS:", ""),
        "core": (
            "We are hiring police officers; apply by {day}.",
            "Congratulations to our new recruits who graduated from the police academy.",
            "The next academy class starts soon; competitive pay and benefits.",
            "Hiring event {day} at {place}: meet recruiters and learn about a career in "
            "policing.",
            "Please welcome our new dispatchers and officers to the department.",
            "Lateral officers wanted: apply now, hiring bonus available.",
            "Congratulations to our newly promoted sergeants and lieutenant.",
            "Ride along with an officer and see if a career in policing is for you.",
            "Applications for police cadets are open until {day}.",
        ),
        "detail": ("website", "questions", "share"),
    },
    "recognition": {
        "lead": ("CONGRATULATIONS:", "THANK YOU:", ""),
        "core": (
            "Congratulations to our officer of the month for outstanding service in {area}.",
            "Officers saved a life on {street} {time} with CPR.",
            "Happy retirement to our sergeant after {years} years of service.",
            "Our officers received the lifesaving award today; we are proud of their work.",
            "Congratulations on {years} years of service to our department and the community.",
            "Recognizing our K9 team for an outstanding year.",
            "An officer pulled a driver from a burning car on {street}.",
            "Our dispatcher was honored for talking a caller through CPR.",
            "Officers of the year named at the awards ceremony.",
        ),
        "detail": ("thanks", "community", "share"),
    },
    "accountability": {
        "lead": ("STATEMENT:", "TRANSPARENCY:", ""),
        "core": (
            "Our annual use-of-force report is now online.",
            "All patrol officers now wear body cameras; read our body camera policy.",
            "How to file a complaint, or commend an officer: forms online or at the front "
            "desk.",
            "The department is reviewing the incident on {street}; an internal investigation "
            "is under way.",
            "The community review board meets {day} at {place}; the public may comment.",
            "The officer involved in the {street} incident is on leave during the review.",
            "Complaint and internal affairs statistics for last year are published.",
            "Body camera footage of the {street} arrest will be released after the review.",
            "The chief will answer questions about the investigation at {place} {day}.",
        ),
        "detail": ("website", "questions", "community"),
    },
}

# Followers' comments on a topic; and generic reactions that name no topic at all.
_PUBLIC_PHRASES: dict[str, tuple[str, ...]] = {
    "crime": (
        "Another break-in on our street last night. When will this stop?",
        "Was anyone hurt? What happened on {street}?",
        "My car was broken into on {street} too, did anyone see anything?",
        "Glad they caught him. Hope he stays in jail this time.",
        "There have been so many robberies in {area} lately.",
        "Heard the shots from my house, scary night.",
        "Drug dealing on {street} every night and nobody arrests them.",
        "Someone stole {item} from my porch in {area}.",
    ),
    "traffic": (
        "People speed on {street} every day, please put an officer there.",
        "The light at {street} is dangerous, someone is going to get killed.",
        "Taking the detour, thanks for the road closure update.",
        "Can you do something about drivers running the stop sign on {street}?",
        "Traffic on {street} is terrible every morning.",
        "So many drivers on their phones, please ticket them.",
        "Was anyone hurt in the crash on {street}?",
    ),
    "missing persons": (
        "Shared. Praying she is found safe.",
        "Hope he comes home soon, sharing.",
        "Sharing, I think I saw someone like that near {place}.",
        "So glad she was found safe!",
        "Shared on our neighborhood page, hope they find him.",
        "Praying for the family, bring her home.",
    ),
    "community": (
        "Will there be a Coffee with a Cop in {area}?",
        "My kids loved meeting the officers at {event}!",
        "We need more events like this in {area}.",
        "What time does National Night Out start?",
        "Great event, see you next year.",
        "Can officers visit our school too?",
    ),
    "safety tips": (
        "Good reminder, thanks for the tip.",
        "Got that scam call yesterday too.",
        "Always lock the car, learned that the hard way.",
        "Sharing with my parents, they get these scam calls.",
        "Good advice about the packages.",
        "Is there a number to report scam calls?",
    ),
    "recruitment": (
        "What are the requirements to apply?",
        "Is the academy paid?",
        "Congrats to the new recruits!",
        "How long is the academy? My son wants to apply.",
        "Are you hiring dispatchers too?",
        "Is there an age limit to apply?",
    ),
    "recognition": (
        "Congratulations officer, well deserved.",
        "Thank you for saving that life!",
        "Happy retirement and thank you for your service.",
        "Proud of these officers, well done.",
        "Congrats on the award, a true hero.",
    ),
    "accountability": (
        "Why was the officer not disciplined?",
        "Release the body camera footage.",
        "I filed a complaint weeks ago and heard nothing back.",
        "Who investigates the police when the police do wrong?",
        "We need an independent review board, not an internal investigation.",
        "Transparency matters, publish the full report.",
        "The officer who stopped me was rude, how do I complain?",
        "Why does the department investigate itself?",
    ),
}

_GENERIC_PHRASES: tuple[str, ...] = (
    "Thank you!",
    "Thank you for all you do.",
    "Great job!",
    "Stay safe out there.",
    "Thanks for keeping us informed.",
    "Shared.",
    "Thanks for the update.",
    "Love this.",
    "Well done!",
    "Be safe.",
    "Appreciate the info.",
    "Great work everyone.",
    "God bless.",
)


def _choose(
    pool: Sequence[str], n: int, rng: np.random.Generator, *, blank: float = 0.0
) -> np.ndarray:
    """``n`` phrases drawn from ``pool`` (object array); with probability ``blank`` an empty one."""
    phrases = np.array(pool, dtype=object)[rng.integers(len(pool), size=n)]
    if blank:
        phrases[rng.random(n) < blank] = ""
    return phrases


def _join(*parts: np.ndarray) -> np.ndarray:
    """Join phrase arrays row by row with single spaces, skipping empty phrases."""
    return np.array(
        [" ".join(phrase for phrase in row if phrase) for row in zip(*parts, strict=True)],
        dtype=object,
    )


def _fill_slots(texts: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Fill every ``{slot}`` of every text with a value drawn at random."""
    values = {name: rng.choice(pool, size=len(texts)) for name, pool in _SLOTS.items()}
    rows = zip(*values.values(), strict=True)
    names = list(values)
    return np.array(
        [
            text.format(**dict(zip(names, row, strict=True))) if "{" in text else text
            for text, row in zip(texts, rows, strict=True)
        ],
        dtype=object,
    )


def _police_texts(topics: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Police posts: lead, one or two core sentences, up to two details; slots filled."""
    out = np.empty(len(topics), dtype=object)
    for index, code in enumerate(TOPIC_CODES):
        rows = np.flatnonzero(topics == index)
        n = len(rows)
        if not n:
            continue
        phrases = _POLICE_PHRASES[code]
        details = [_SHARED_DETAILS[name] for name in phrases["detail"]]
        out[rows] = _join(
            _choose(phrases["lead"], n, rng),
            _choose(phrases["core"], n, rng),
            _choose(phrases["core"], n, rng, blank=0.6),
            _choose(details, n, rng, blank=0.3),
            _choose(details, n, rng, blank=0.7),
        )
    return _fill_slots(out, rng)


def _public_texts(topics: np.ndarray, generic: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Comments: one sentence of the topic, sometimes with a generic reaction; or generic only."""
    out = np.empty(len(topics), dtype=object)
    for index, code in enumerate(TOPIC_CODES):
        rows = np.flatnonzero((topics == index) & ~generic)
        n = len(rows)
        if n:
            out[rows] = _join(
                _choose(_PUBLIC_PHRASES[code], n, rng),
                _choose(_GENERIC_PHRASES, n, rng, blank=0.7),
            )
    rows = np.flatnonzero(generic)
    out[rows] = _join(
        _choose(_GENERIC_PHRASES, len(rows), rng),
        _choose(_GENERIC_PHRASES, len(rows), rng, blank=0.6),
    )
    return _fill_slots(out, rng)


def _hashtags(texts: np.ndarray, departments: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Append the department's hashtag to about half of the texts (as on Twitter)."""
    tags = np.array(["#" + name.replace(" ", "") for name in DEPARTMENTS], dtype=object)
    add = rng.random(len(texts)) < 0.5
    out = texts.copy()
    out[add] = out[add] + " " + tags[departments[add]]
    return out
