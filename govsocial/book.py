"""What a chapter notebook needs from the book, and nothing else.

:func:`glue` is the one way a notebook hands a value to its prose. On the book's website (built
by Jupyter Book, which brings myst-nb) it stores the value for ``{glue:text}`` and
``{glue:figure}``; anywhere else (Colab, Binder, a plain Jupyter with only this package
installed) it shows the value instead, so a chapter runs with the package's declared dependencies
alone. A later move to another book engine changes this one function.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence

__all__ = ["glue", "join_words", "myst_nb_available"]


def myst_nb_available() -> bool:
    """Return True when myst-nb (the book build's notebook reader) can be imported.

    Examples
    --------
    >>> isinstance(myst_nb_available(), bool)
    True
    """
    return importlib.util.find_spec("myst_nb") is not None


def join_words(words: Sequence[str]) -> str:
    """Join words as prose, for sentences built from the numbers: 'a, b and c'.

    Examples
    --------
    >>> join_words(["crime", "traffic", "missing persons"])
    'crime, traffic and missing persons'
    >>> join_words(["crime"]), join_words([])
    ('crime', '')
    """
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def glue(**values: object) -> None:
    """Hand named values to the chapter's prose: text for ``{glue:text}``, figures for figures.

    Call it once per cell, after the analysis, with every value the next paragraph quotes.
    Strings are shown as they are (format numbers before gluing them: ``f"{share:.0%}"``);
    matplotlib figures become ``{glue:figure}`` images, and are closed once glued so that the
    notebook does not draw them a second time: glue a figure in the cell that makes it.

    With myst-nb installed (the book build) each value is stored in the cell's outputs under its
    name and not displayed: the page shows it where the prose asks for it. Without myst-nb (Colab,
    Binder) each value is displayed instead, so a reader running the notebook sees what the prose
    would quote, and the figures.

    Parameters
    ----------
    **values
        Name and value of each item, in the order they are shown.

    Examples
    --------
    >>> glue(n_accounts="1,234")  # doctest: +SKIP
    """
    show = _myst_nb_glue() or _display_glue
    for name, value in values.items():
        show(name, value)
        if _is_figure(value):
            import matplotlib.pyplot as plt

            plt.close(value)  # shown once, where the prose puts it


def _is_figure(value: object) -> bool:
    """Tell whether ``value`` is a matplotlib figure, without importing matplotlib."""
    return hasattr(value, "savefig") and hasattr(value, "axes")


def _myst_nb_glue() -> Callable[[str, object], None] | None:
    """myst-nb's glue, hiding the value (the page shows it), or None without myst-nb."""
    if not myst_nb_available():
        return None
    from myst_nb import glue as myst_glue

    def store(name: str, value: object) -> None:
        myst_glue(name, value, display=False)

    return store


def _display_glue(name: str, value: object) -> None:
    """Show one glued value to a reader outside the book: figures drawn, text named."""
    from IPython.display import display

    if _is_figure(value):
        display(value)
    else:
        print(f"{name}: {value}")
