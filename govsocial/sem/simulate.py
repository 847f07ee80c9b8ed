"""Simulated surveys of government social media followers, each with a planted model.

Three designs follow the three studies of the chapter (see the notebook for the studies): the
*trust* design (good governance, perceived response to COVID-19 as mediator, quality of
information as moderator, trust in government), the *scams* design (following government
accounts, four protection-motivation appraisals, security behaviour) and the *currency* design
(privacy concerns, trust in technology and reachability driving participation in a digital
currency; information quality and trust in the accounts driving engagement). Every construct is
measured by 3-4 Likert items (1-5) worded as a questionnaire would word them. The planted
paths are standardised and their *directions* follow the studies' findings; their sizes are our
choice. The sample sizes at ``scale="paper"`` are the studies' (491, 240, 505); ``"teaching"``
uses 300 respondents for each (our choice). Countries and agencies are fictional.

Each item is ``loading * construct + method * M + error`` on a continuous scale, cut into five
answer categories, where ``M`` is a common-method factor shared by every item of a respondent
(``cmv`` > 0 plants common-method variance). Three *marker* items measure something unrelated
to the model (the respondent's cooking) and are kept out of the model.

Public: :data:`DESIGNS`, :class:`Design`, :class:`SemData`, :func:`simulate`,
:func:`latent_covariance`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from .model import Model, parse_model, topological_order

__all__ = ["DESIGNS", "Design", "SemData", "latent_covariance", "simulate"]

SCALES = ("teaching", "paper")
TEACHING_N = 300
CUTS = (-1.6, -0.75, 0.15, 1.1)  # continuous answer to 1-5: a little agreement bias
MARKER = {
    "marker_1": "I enjoy cooking for friends.",
    "marker_2": "I often try new recipes.",
    "marker_3": "Cooking is one of my hobbies.",
}


@dataclass(frozen=True)
class Design:
    """A planted model: constructs, items with wording and loading, paths and their sizes.

    Parameters
    ----------
    name, study : str
        Short name and the study it follows.
    n_paper : int
        The study's sample size.
    items : dict
        Construct to ``{item: (wording, loading)}``.
    paths : dict
        ``(cause, effect)`` to the standardised path coefficient.
    exogenous_correlation : float
        Correlation between every two exogenous constructs.
    interaction : tuple, optional
        ``(x, z, y, coefficient)``: the product of constructs x and z affects y.
    cmv : float
        Loading of every item (markers included) on the common-method factor.
    mediation : tuple, optional
        ``(x, m, y)``: the planted mediation the chapter tests.
    """

    name: str
    study: str
    n_paper: int
    items: dict[str, dict[str, tuple[str, float]]]
    paths: dict[tuple[str, str], float]
    exogenous_correlation: float = 0.3
    interaction: tuple[str, str, str, float] | None = None
    cmv: float = 0.0
    mediation: tuple[str, str, str] | None = None

    @property
    def model(self) -> Model:
        """The model the design plants, as an analyst would write it (no interaction)."""
        lines = [f"{c} =~ {' + '.join(items)}" for c, items in self.items.items()]
        effects = dict.fromkeys(e for _, e in self.paths)
        for effect in effects:
            causes = [c for c, e in self.paths if e == effect]
            lines.append(f"{effect} ~ {' + '.join(causes)}")
        return parse_model("\n".join(lines))

    @property
    def loadings(self) -> pd.Series:
        """Planted standardised loading of every item, indexed by item."""
        return pd.Series({i: v[1] for items in self.items.values() for i, v in items.items()})

    def with_path(self, cause: str, effect: str, value: float) -> Design:
        """Return the same design with one path set to ``value`` (0 switches it off).

        Examples
        --------
        >>> DESIGNS["trust"].with_path("GOV", "TRUST", 0.0).paths[("GOV", "TRUST")]
        0.0
        """
        return replace(self, paths={**self.paths, (cause, effect): value})

    def with_interaction(self, coefficient: float) -> Design:
        """Return the same design with the interaction's coefficient set (0 switches it off)."""
        x, z, y, _ = self.interaction
        return replace(self, interaction=(x, z, y, coefficient))

    def with_cmv(self, cmv: float) -> Design:
        """Return the same design with common-method variance of loading ``cmv`` on every item."""
        return replace(self, cmv=cmv)


def _block(prefix: str, wordings: list[str], loadings: list[float]) -> dict:
    return {
        f"{prefix}_{k}": (w, lam)
        for k, (w, lam) in enumerate(zip(wordings, loadings, strict=True), start=1)
    }


_TRUST = Design(
    name="trust",
    study="good governance, perceived response and trust (491 followers)",
    n_paper=491,
    items={
        "GOV": _block(
            "gov",
            [
                "The government of Veloria makes decisions in a transparent way.",
                "The government is accountable for how it spends public money.",
                "Citizens' views are taken into account in government decisions.",
                "The government applies the law equally to everyone.",
            ],
            [0.8, 0.75, 0.78, 0.72],
        ),
        "RESP": _block(
            "resp",
            [
                "The government responded quickly to COVID-19.",
                "The government's COVID-19 measures were appropriate.",
                "The government provided enough support during COVID-19.",
                "I follow the News Agency of Veloria's accounts mostly for entertainment.",
            ],
            [0.82, 0.8, 0.74, 0.3],
        ),
        "QINFO": _block(
            "qinfo",
            [
                "The agency's posts on COVID-19 were accurate.",
                "The agency's posts were timely.",
                "The agency's posts were easy to understand.",
            ],
            [0.8, 0.76, 0.72],
        ),
        "TRUST": _block(
            "trust",
            [
                "I trust the government of Veloria.",
                "The government acts in the interest of citizens like me.",
                "I can rely on what the government tells the public.",
            ],
            [0.85, 0.78, 0.8],
        ),
    },
    paths={
        ("GOV", "RESP"): 0.5,
        ("GOV", "TRUST"): 0.25,
        ("RESP", "TRUST"): 0.35,
        ("QINFO", "TRUST"): 0.2,
    },
    interaction=("RESP", "QINFO", "TRUST", 0.15),
    mediation=("GOV", "RESP", "TRUST"),
)

_SCAMS = Design(
    name="scams",
    study="followers' security behaviour towards COVID-19 scams (240 responses)",
    n_paper=240,
    items={
        "FOLLOW": _block(
            "follow",
            [
                "I read the Ministry of Digital Safety's posts every week.",
                "I share the ministry's warnings with others.",
                "I comment on or like the ministry's posts.",
            ],
            [0.8, 0.75, 0.72],
        ),
        "SEV": _block(
            "sev",
            [
                "Falling for a COVID-19 scam would harm me seriously.",
                "Losing money to a scam would be a serious problem for me.",
                "A stolen identity would be hard to recover from.",
            ],
            [0.78, 0.8, 0.72],
        ),
        "VUL": _block(
            "vul",
            [
                "I could be the target of a COVID-19 scam.",
                "Scammers could get my personal data.",
                "I am at risk of receiving fraudulent messages.",
            ],
            [0.76, 0.78, 0.74],
        ),
        "SELF": _block(
            "self",
            [
                "I can tell a scam message from a real one.",
                "I know how to check whether a website is genuine.",
                "I am able to protect my accounts.",
            ],
            [0.8, 0.77, 0.75],
        ),
        "REFF": _block(
            "reff",
            [
                "Checking a sender protects me from scams.",
                "Strong passwords keep my accounts safe.",
                "Reporting scams helps stop them.",
            ],
            [0.75, 0.78, 0.72],
        ),
        "SECB": _block(
            "secb",
            [
                "I check links before I click them.",
                "I do not share codes sent to my phone.",
                "I report suspicious messages.",
            ],
            [0.8, 0.76, 0.74],
        ),
    },
    paths={
        ("FOLLOW", "SEV"): 0.3,
        ("FOLLOW", "VUL"): 0.25,
        ("FOLLOW", "SELF"): 0.35,
        ("FOLLOW", "REFF"): 0.3,
        ("SEV", "SECB"): 0.2,
        ("VUL", "SECB"): 0.2,
        ("SELF", "SECB"): 0.2,
        ("REFF", "SECB"): 0.2,
    },
    mediation=("FOLLOW", "SELF", "SECB"),
)

_CURRENCY = Design(
    name="currency",
    study="participation in a government-backed digital currency (505 citizens)",
    n_paper=505,
    items={
        "PRIV": _block(
            "priv",
            [
                "I care about who sees my payment data.",
                "I read the privacy terms of payment apps.",
                "I want to control what is known about my spending.",
            ],
            [0.78, 0.72, 0.8],
        ),
        "TTECH": _block(
            "ttech",
            [
                "The digital currency's technology is reliable.",
                "The digital currency app is secure.",
                "The technology works as promised.",
            ],
            [0.8, 0.78, 0.75],
        ),
        "REACH": _block(
            "reach",
            [
                "The Central Bank of Ostria's accounts are easy to find.",
                "The bank answers questions on its accounts.",
                "I can reach the bank through social media when I need to.",
            ],
            [0.76, 0.74, 0.78],
        ),
        "INFOQ": _block(
            "infoq",
            [
                "The bank's posts about the digital currency are accurate.",
                "The posts are up to date.",
                "The posts are relevant to me.",
            ],
            [0.8, 0.76, 0.74],
        ),
        "TGSM": _block(
            "tgsm",
            [
                "I trust the bank's social media accounts.",
                "The accounts tell the truth.",
                "The accounts are run in the public interest.",
            ],
            [0.82, 0.78, 0.75],
        ),
        "PART": _block(
            "part",
            [
                "I have used the digital currency to pay.",
                "I intend to use the digital currency more.",
                "I recommend the digital currency to others.",
            ],
            [0.8, 0.78, 0.76],
        ),
        "ENG": _block(
            "eng",
            [
                "I like or share the bank's posts.",
                "I comment on the bank's posts.",
                "I follow the bank's accounts closely.",
            ],
            [0.78, 0.74, 0.77],
        ),
    },
    paths={
        ("PRIV", "PART"): 0.2,
        ("TTECH", "PART"): 0.3,
        ("REACH", "PART"): 0.25,
        ("INFOQ", "ENG"): 0.3,
        ("TGSM", "ENG"): 0.35,
    },
)

DESIGNS: dict[str, Design] = {d.name: d for d in (_TRUST, _SCAMS, _CURRENCY)}
"""The three designs, by name: ``trust``, ``scams``, ``currency``."""


@dataclass
class SemData:
    """A survey and, when simulated, its planted truth.

    Attributes
    ----------
    responses : DataFrame
        ``respondent_id`` and one integer column per item (1-5), markers included when present.
    model : Model
        The model to fit.
    design : Design or None
        The planted design (None for the reader's own data).
    latent : DataFrame or None
        The true construct scores (simulated data only).
    reports : list
        What the loader read (own data only).
    """

    responses: pd.DataFrame
    model: Model
    design: Design | None = None
    latent: pd.DataFrame | None = None
    reports: list = field(default_factory=list)

    @property
    def items(self) -> pd.DataFrame:
        """The answers to the model's items, as floats (markers left out)."""
        return self.responses[self.model.items].astype(float)


def latent_covariance(design: Design) -> tuple[pd.DataFrame, dict[str, float]]:
    """Covariances of the constructs the design plants, and each disturbance's variance.

    Every construct has variance 1: an endogenous construct's disturbance variance is 1 minus
    what its causes (and the interaction) explain.

    Returns
    -------
    (DataFrame, dict)
        The construct covariance (= correlation) matrix and ``{construct: disturbance variance}``.

    Examples
    --------
    >>> cov, psi = latent_covariance(DESIGNS["trust"])
    >>> float(round(cov.loc["GOV", "RESP"], 2)), float(round(cov.loc["TRUST", "TRUST"], 2))
    (0.5, 1.0)
    """
    model = design.model
    order = topological_order(model)
    names = list(model.constructs)
    cov = pd.DataFrame(0.0, index=names, columns=names)
    exo = model.exogenous
    for a in exo:
        for b in exo:
            cov.loc[a, b] = 1.0 if a == b else design.exogenous_correlation
    psi: dict[str, float] = {}
    for c in order:
        causes = model.predictors(c)
        if not causes:
            continue
        b = np.array([design.paths[(p, c)] for p in causes])
        explained = float(b @ cov.loc[causes, causes].to_numpy() @ b)
        if design.interaction and design.interaction[2] == c:
            x, z, _, g = design.interaction
            explained += g**2 * (1 + cov.loc[x, z] ** 2)
        if explained >= 1:
            raise ValueError(f"the paths into {c} explain more than its variance")
        psi[c] = 1 - explained
        done = [d for d in order[: order.index(c)]]
        row = b @ cov.loc[causes, done].to_numpy()
        cov.loc[c, done] = row
        cov.loc[done, c] = row
        cov.loc[c, c] = 1.0
    return cov, psi


def simulate(
    seed: int, scale: str = "teaching", design: str | Design = "trust", *, n: int | None = None
) -> SemData:
    """Simulate one survey of a design, with its planted truth.

    Parameters
    ----------
    seed : int
        Seed of the random generator.
    scale : {"teaching", "paper"}
        300 respondents, or the study's sample size.
    design : str or Design
        A name in :data:`DESIGNS` or a design (for example one with a path switched off).
    n : int, optional
        Number of respondents, overriding ``scale``.

    Returns
    -------
    SemData

    Examples
    --------
    >>> data = simulate(1, "paper", "scams")
    >>> len(data.responses), int(data.items.min().min()), int(data.items.max().max())
    (240, 1, 5)
    """
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {SCALES}, not {scale!r}")
    design = DESIGNS[design] if isinstance(design, str) else design
    size = n or (design.n_paper if scale == "paper" else TEACHING_N)
    rng = np.random.default_rng(seed)
    cov, psi = latent_covariance(design)
    model = design.model
    exo = model.exogenous
    latent = pd.DataFrame(index=range(size), columns=model.constructs, dtype=float)
    latent[exo] = rng.multivariate_normal(
        np.zeros(len(exo)), cov.loc[exo, exo].to_numpy(), size=size
    )
    for c in topological_order(model):
        if c in exo:
            continue
        value = sum(design.paths[(p, c)] * latent[p] for p in model.predictors(c))
        if design.interaction and design.interaction[2] == c:
            x, z, _, g = design.interaction
            value = value + g * (latent[x] * latent[z] - cov.loc[x, z])
        latent[c] = value + np.sqrt(psi[c]) * rng.standard_normal(size)
    method = rng.standard_normal(size)
    answers = {}
    for construct, items in design.items.items():
        for item, (_, loading) in items.items():
            answers[item] = _answer(latent[construct].to_numpy(), loading, design.cmv, method, rng)
    hobby = rng.standard_normal(size)  # the markers' own construct, unrelated to the model
    for item in MARKER:
        answers[item] = _answer(hobby, 0.75, design.cmv, method, rng)
    responses = pd.DataFrame(answers)
    responses.insert(0, "respondent_id", [f"R{k:04d}" for k in range(1, size + 1)])
    return SemData(responses=responses, model=model, design=design, latent=latent)


def _answer(
    construct: np.ndarray, loading: float, cmv: float, method: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """One item's answers 1-5 from its construct, the method factor and its own error."""
    own = rng.standard_normal(len(method))
    error = np.sqrt(max(1 - loading**2 - cmv**2, 0.05))
    continuous = loading * construct + cmv * method + error * own
    return (np.searchsorted(CUTS, continuous) + 1).astype(np.int64)
