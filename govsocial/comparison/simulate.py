"""The fictional worlds of the comparison chapter and their planted truth.

Two worlds, each with its planted truth:

- :func:`simulate_posts`: fictional climate journalists of three countries (China, the UK, the
  US) post about a climate summit on two generic platforms (a *microblog* and a *messaging
  app*), in Chinese or English. Every post has one true category of a shared coding scheme
  (:data:`CATEGORIES`); each journalist has their own leanings (a random effect per category),
  so posts of one journalist are not independent. Country and platform shift the category
  shares by the planted :class:`Effects`.
- :func:`simulate_service`: users ask a fictional agency questions on two platforms; the agency
  answers some of them, after a while, with templated or personalised replies; questions not
  answered by the end of the collection are censored.

Public names: CATEGORIES, CATEGORY_LABELS, COUNTRIES, PLATFORMS, SERVICE_PLATFORMS, Effects,
ServiceEffects, PostsWorld, ServiceWorld, simulate_posts, simulate_service, planted_shares.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .phrases import AGENCY, compose_post, personalised_reply, templated_reply

__all__ = [
    "CATEGORIES",
    "CATEGORY_LABELS",
    "COUNTRIES",
    "PLATFORMS",
    "SERVICE_PLATFORMS",
    "Effects",
    "PostsWorld",
    "ServiceEffects",
    "ServiceWorld",
    "planted_shares",
    "simulate_posts",
    "simulate_service",
]

CATEGORIES = ("opinion", "experience", "authority", "policy", "science")
CATEGORY_LABELS = {
    "opinion": "personal opinion",
    "experience": "work experience",
    "authority": "official sources",
    "policy": "policy framing",
    "science": "science framing",
}
COUNTRIES = ("China", "UK", "US")
PLATFORMS = ("microblog", "messaging app")
SERVICE_PLATFORMS = ("microblog", "social network")
_SCALES = {"teaching": (30, 20), "paper": (60, 40)}  # journalists per country, posts each
_BASE = np.array([-0.4, -0.2, 0.0, -0.2, 0.6])  # log-odds of each category, UK/US, microblog


@dataclass(frozen=True)
class Effects:
    """Planted shifts of category log-odds (one value per category of :data:`CATEGORIES`).

    Parameters
    ----------
    china : tuple of float
        Added for Chinese journalists (direction after the COP21 study: more personal
        opinion, work experience, official sources and policy framing; less science).
    messaging : tuple of float
        Added on the messaging app (more personal, less framing).
    journalist_sd : float
        Standard deviation of each journalist's own leaning per category (log-odds).

    Examples
    --------
    >>> Effects.none().china
    (0.0, 0.0, 0.0, 0.0, 0.0)
    """

    china: tuple[float, ...] = (0.8, 0.5, 0.5, 0.4, -1.0)
    messaging: tuple[float, ...] = (0.5, 0.4, -0.2, -0.2, -0.3)
    journalist_sd: float = 0.5

    @classmethod
    def none(cls) -> Effects:
        """Return the null world: no country difference; platforms and journalists as planted."""
        return cls(china=(0.0,) * len(CATEGORIES))


@dataclass
class PostsWorld:
    """Simulated posts, their planted truth, and who wrote them.

    Attributes
    ----------
    posts : DataFrame
        One row per post: ``post_id``, ``journalist_id``, ``country``, ``platform``,
        ``language`` (``"zh"`` or ``"en"``), ``text``, and ``category`` (the true code, known
        only because the world is simulated; your own data have it only on a coded sample).
    journalists : DataFrame
        ``journalist_id``, ``name`` (fictional), ``country``.
    effects : Effects or None
        The planted effects (None for your own data).
    """

    posts: pd.DataFrame
    journalists: pd.DataFrame
    effects: Effects | None = None
    reports: list = field(default_factory=list)


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def simulate_posts(
    seed: int, scale: str = "teaching", effects: Effects | None = None
) -> PostsWorld:
    """Simulate posts of fictional journalists in Chinese and English on two platforms.

    Parameters
    ----------
    seed : int
        Seed of the world.
    scale : {"teaching", "paper"}
        ``"teaching"``: 30 journalists per country, 20 posts each; ``"paper"``: 60 and 40.
        The study's sample size is not verified, so both sizes are our choice.
    effects : Effects, optional
        The planted effects (default :class:`Effects`).

    Returns
    -------
    PostsWorld

    Examples
    --------
    >>> world = simulate_posts(1)
    >>> len(world.posts), sorted(world.posts["language"].unique())
    (1800, ['en', 'zh'])
    """
    effects = Effects() if effects is None else effects
    per_country, per_journalist = _SCALES[scale]
    rng = np.random.default_rng(seed)
    rows, people = [], []
    for country in COUNTRIES:
        language = "zh" if country == "China" else "en"
        for k in range(per_country):
            journalist = f"{country[:2].upper()}{k + 1:03d}"
            people.append(
                {
                    "journalist_id": journalist,
                    "name": f"Journalist {journalist}",
                    "country": country,
                }
            )
            leaning = rng.normal(0.0, effects.journalist_sd, len(CATEGORIES))
            on_messaging = rng.random(per_journalist) < 0.5
            for j, messaging in enumerate(on_messaging):
                logits = _BASE + leaning
                if country == "China":
                    logits = logits + np.asarray(effects.china)
                if messaging:
                    logits = logits + np.asarray(effects.messaging)
                category = CATEGORIES[rng.choice(len(CATEGORIES), p=_softmax(logits))]
                rows.append({
                    "post_id": f"{journalist}-{j + 1:03d}",
                    "journalist_id": journalist,
                    "country": country,
                    "platform": PLATFORMS[int(messaging)],
                    "language": language,
                    "text": compose_post(category, language, rng),
                    "category": category,
                })  # fmt: skip
    return PostsWorld(pd.DataFrame(rows), pd.DataFrame(people), effects)


def planted_shares(effects: Effects, *, draws: int = 20_000) -> pd.DataFrame:
    """Compute the expected category shares by country group (over journalists, platforms).

    Computed by Monte Carlo with a fixed seed (the truth does not change between calls).

    Returns
    -------
    DataFrame
        Index: the categories; columns ``China``, ``UK/US`` and ``log_ratio`` (log of the
        China share over the UK/US share: the log-linear model's target).

    Examples
    --------
    >>> shares = planted_shares(Effects.none())
    >>> bool(abs(shares["log_ratio"]).max() < 1e-12)
    True
    """
    rng = np.random.default_rng(0)
    leaning = rng.normal(0.0, effects.journalist_sd, (draws, len(CATEGORIES)))
    out = {}
    for group, shift in (("China", np.asarray(effects.china)), ("UK/US", 0.0)):
        micro = _softmax(_BASE + leaning + shift)
        messaging = _softmax(_BASE + leaning + shift + np.asarray(effects.messaging))
        out[group] = ((micro + messaging) / 2).mean(axis=0)
    table = pd.DataFrame(out, index=pd.Index(CATEGORIES, name="category"))
    table["log_ratio"] = np.log(table["China"] / table["UK/US"])
    return table


# --------------------------------------------------------------------------------------------
# Customer service
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceEffects:
    """Planted customer-service behaviour on each platform of :data:`SERVICE_PLATFORMS`.

    Parameters
    ----------
    reply_share : tuple of float
        Share of questions the agency ever answers.
    mean_hours : tuple of float
        Mean time to the first reply of an answered question (exponential), in hours.
    templated_share : tuple of float
        Share of replies that are a template with the blanks filled in.

    Examples
    --------
    >>> ServiceEffects.none().mean_hours
    (12.0, 12.0)
    """

    reply_share: tuple[float, float] = (0.8, 0.65)
    mean_hours: tuple[float, float] = (4.0, 24.0)
    templated_share: tuple[float, float] = (0.6, 0.3)

    @classmethod
    def none(cls) -> ServiceEffects:
        """Return the null world: both platforms answer alike (values between the planted two)."""
        return cls(reply_share=(0.7, 0.7), mean_hours=(12.0, 12.0), templated_share=(0.45, 0.45))

    def survival(self, platform: str, hours: np.ndarray | float) -> np.ndarray:
        """Return the planted probability that a question is still unanswered after ``hours``.

        Examples
        --------
        >>> float(ServiceEffects().survival("microblog", 0.0))
        1.0
        """
        i = SERVICE_PLATFORMS.index(platform)
        hours = np.asarray(hours, dtype=float)
        return 1 - self.reply_share[i] * (1 - np.exp(-hours / self.mean_hours[i]))


@dataclass
class ServiceWorld:
    """Questions to the agency and its replies.

    Attributes
    ----------
    questions : DataFrame
        ``question_id``, ``platform``, ``asked_at``, ``replied_at`` (NaT if never answered),
        ``reply_text`` (missing if never answered), ``observed_until`` (end of collection);
        simulated worlds also hold ``templated`` (the planted truth of each reply).
    effects : ServiceEffects or None
    """

    questions: pd.DataFrame
    effects: ServiceEffects | None = None
    reports: list = field(default_factory=list)


_SERVICE_SCALES = {"teaching": 300, "paper": 1000}  # questions per platform (our choice)
START = pd.Timestamp("2024-03-01", tz="UTC")


def simulate_service(
    seed: int, scale: str = "teaching", effects: ServiceEffects | None = None
) -> ServiceWorld:
    """Simulate questions to the fictional agency's two accounts and its replies.

    Questions arrive over 30 days; collection ends two days after the last day, so a question
    asked late has less time to be answered: unanswered questions are *censored* at the end.

    Parameters
    ----------
    seed : int
    scale : {"teaching", "paper"}
        300 or 1,000 questions per platform (our choice: the study's size is not verified).
    effects : ServiceEffects, optional

    Returns
    -------
    ServiceWorld

    Examples
    --------
    >>> world = simulate_service(3)
    >>> len(world.questions), world.questions["platform"].nunique()
    (600, 2)
    """
    effects = ServiceEffects() if effects is None else effects
    rng = np.random.default_rng(seed)
    n = _SERVICE_SCALES[scale]
    end = START + pd.Timedelta(days=32)
    rows = []
    for i, platform in enumerate(SERVICE_PLATFORMS):
        asked = START + pd.to_timedelta(np.sort(rng.uniform(0, 30 * 24, n)), unit="h")
        answered = rng.random(n) < effects.reply_share[i]
        wait = rng.exponential(effects.mean_hours[i], n)
        templated = rng.random(n) < effects.templated_share[i]
        for q in range(n):
            replied = asked[q] + pd.Timedelta(hours=float(wait[q]))
            seen = bool(answered[q]) and replied <= end
            text = None
            if seen:
                text = templated_reply(rng) if templated[q] else personalised_reply(rng)
            rows.append({
                "question_id": f"{platform[:2]}{q + 1:04d}",
                "platform": platform,
                "asked_at": asked[q],
                "replied_at": replied if seen else pd.NaT,
                "reply_text": text,
                "observed_until": end,
                "templated": bool(templated[q]) if seen else None,
            })  # fmt: skip
    questions = pd.DataFrame(rows)
    questions["replied_at"] = pd.to_datetime(questions["replied_at"], utc=True)
    questions.attrs["agency"] = AGENCY
    return ServiceWorld(questions, effects)
