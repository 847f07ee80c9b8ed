"""A structural equation model written in lavaan-style syntax, and its parts.

A model is a few lines of text, as in lavaan (R) and semopy (Python)::

    GOV   =~ gov_1 + gov_2 + gov_3      # a construct and its items (the measurement model)
    TRUST ~ GOV + RESP                  # a construct regressed on others (the structural model)
    gov_1 ~~ trust_1                    # two items' errors allowed to covary (CB-SEM only)

:func:`parse_model` turns the text into a :class:`Model`. Lines starting with ``#`` and text
after ``#`` are comments. This is a small subset of lavaan's syntax: no labels, no fixed
values, no interaction terms (moderation is done in two stages, see ``effects``).

Public: :class:`Model`, :func:`parse_model`, :class:`ModelSyntaxError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Model", "ModelSyntaxError", "parse_model"]

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


class ModelSyntaxError(ValueError):
    """A line of a model that cannot be read; says which line and why."""


@dataclass(frozen=True)
class Model:
    r"""A measurement model (constructs and items) and a structural model (paths).

    Parameters
    ----------
    blocks : dict
        Construct name to its items, in the order written.
    paths : list of (str, str)
        ``(cause, effect)`` pairs between constructs.
    covariances : list of (str, str)
        Pairs of items whose errors covary (used by the covariance-based estimator).

    Examples
    --------
    >>> m = parse_model("A =~ a1 + a2\nB =~ b1 + b2\nB ~ A")
    >>> m.constructs, m.items, m.paths
    (['A', 'B'], ['a1', 'a2', 'b1', 'b2'], [('A', 'B')])
    """

    blocks: dict[str, list[str]]
    paths: list[tuple[str, str]] = field(default_factory=list)
    covariances: list[tuple[str, str]] = field(default_factory=list)

    @property
    def constructs(self) -> list[str]:
        """The constructs, in the order their blocks were written."""
        return list(self.blocks)

    @property
    def items(self) -> list[str]:
        """Every item of every block, in order."""
        return [item for items in self.blocks.values() for item in items]

    @property
    def endogenous(self) -> list[str]:
        """Constructs that some path points to, in block order."""
        effects = {effect for _, effect in self.paths}
        return [c for c in self.constructs if c in effects]

    @property
    def exogenous(self) -> list[str]:
        """Constructs no path points to, in block order."""
        return [c for c in self.constructs if c not in self.endogenous]

    def predictors(self, construct: str) -> list[str]:
        r"""List the constructs with a path into ``construct``, in block order.

        Examples
        --------
        >>> parse_model("A =~ a\nB =~ b\nC =~ c\nC ~ B + A").predictors("C")
        ['A', 'B']
        """
        causes = {cause for cause, effect in self.paths if effect == construct}
        return [c for c in self.constructs if c in causes]

    def reversed(self) -> Model:
        r"""Return the same model with every structural arrow turned round.

        Examples
        --------
        >>> parse_model("A =~ a\nB =~ b\nB ~ A").reversed().paths
        [('B', 'A')]
        """
        return Model(dict(self.blocks), [(e, c) for c, e in self.paths], list(self.covariances))

    def to_text(self) -> str:
        r"""Write the model back in the syntax :func:`parse_model` reads.

        Examples
        --------
        >>> print(parse_model("A =~ a1 + a2\nB =~ b\nB ~ A").to_text())
        A =~ a1 + a2
        B =~ b
        B ~ A
        """
        lines = [f"{c} =~ {' + '.join(items)}" for c, items in self.blocks.items()]
        lines += [f"{e} ~ {' + '.join(self.predictors(e))}" for e in self.endogenous]
        lines += [f"{a} ~~ {b}" for a, b in self.covariances]
        return "\n".join(lines)


def parse_model(text: str) -> Model:
    r"""Read a model written in lavaan-style syntax.

    Parameters
    ----------
    text : str
        Lines ``construct =~ item + item``, ``construct ~ construct + construct`` and
        ``item ~~ item``; ``#`` starts a comment.

    Returns
    -------
    Model

    Raises
    ------
    ModelSyntaxError
        For a line without one of the three operators, a name that is not a plain name, an item
        in two blocks, a path between names that are not constructs, a cycle of paths, or a model
        without any block.

    Examples
    --------
    >>> parse_model("GOV =~ g1 + g2 + g3\nTRUST =~ t1 + t2\nTRUST ~ GOV").endogenous
    ['TRUST']
    """
    blocks: dict[str, list[str]] = {}
    regressions: list[tuple[int, str, list[str]]] = []
    covariances: list[tuple[str, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        for operator in ("=~", "~~", "~"):
            if operator in line:
                left, right = (part.strip() for part in line.split(operator, 1))
                break
        else:
            raise ModelSyntaxError(f"line {number}: no '=~', '~' or '~~' in {raw.strip()!r}")
        names = [name.strip() for name in right.split("+")]
        for name in [left, *names]:
            if not _NAME.match(name):
                raise ModelSyntaxError(f"line {number}: {name!r} is not a plain name")
        if operator == "=~":
            if left in blocks:
                raise ModelSyntaxError(f"line {number}: construct {left!r} defined twice")
            blocks[left] = names
        elif operator == "~":
            regressions.append((number, left, names))
        else:
            covariances += [(left, name) for name in names]
    if not blocks:
        raise ModelSyntaxError("the model has no construct: write 'NAME =~ item + item'")
    seen: dict[str, str] = {}
    for construct, items in blocks.items():
        for item in items:
            if item in seen or item in blocks:
                raise ModelSyntaxError(
                    f"item {item!r} is in block {seen.get(item, item)!r} and in block {construct!r}"
                )
            seen[item] = construct
    paths = []
    for number, effect, causes in regressions:
        for name in [effect, *causes]:
            if name not in blocks:
                raise ModelSyntaxError(
                    f"line {number}: {name!r} is not a construct "
                    "(paths join constructs defined with '=~')"
                )
        paths += [(cause, effect) for cause in causes]
    for a, b in covariances:
        for name in (a, b):
            if name not in seen:
                raise ModelSyntaxError(f"'{a} ~~ {b}': {name!r} is not an item of a block")
    model = Model(blocks, paths, covariances)
    _check_acyclic(model)
    return model


def topological_order(model: Model) -> list[str]:
    r"""Order the constructs so that every cause comes before its effects.

    Examples
    --------
    >>> topological_order(parse_model("A =~ a\nB =~ b\nA ~ B"))
    ['B', 'A']
    """
    order: list[str] = []
    remaining = list(model.constructs)
    while remaining:
        ready = [c for c in remaining if all(p in order for p in model.predictors(c))]
        if not ready:
            raise ModelSyntaxError("the paths form a cycle: " + ", ".join(remaining))
        order += ready
        remaining = [c for c in remaining if c not in ready]
    return order


def _check_acyclic(model: Model) -> None:
    topological_order(model)
