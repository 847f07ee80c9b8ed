"""The page's sentences on the menu and the movements, built from the menu and the numbers.

The menu's description and the reading of the transition matrix state facts that the data
decide: how many menus and services there are, which services the home portal links to, where a
menu leads. Each sentence here is built from those values, so that it stays true at any seed
and for another menu; the notebook glues the strings, and a test checks them at many seeds.
(The verdicts on the study's findings are :func:`govsocial.clickstream.claims`.)
"""

from __future__ import annotations

import pandas as pd

from govsocial.book import join_words

from .simulate import HOME

__all__ = ["menu_sentences", "movement_sentence"]

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _count(n: int, noun: str) -> str:
    """'three top menus', 'one service': small counts in words, larger ones in digits."""
    number = _NUMBERS[n] if n < len(_NUMBERS) else f"{n}"
    return f"{number} {noun}{'' if n == 1 else 's'}"


def _menu_name(menu: str) -> str:
    return str(menu).removeprefix("menu: ")


def _span(shares: pd.Series) -> str:
    """'57% to 74%', or '57%' when every share rounds to the same percentage."""
    low, high = f"{shares.min():.0%}", f"{shares.max():.0%}"
    return low if low == high else f"{low} to {high}"


def menu_sentences(menu: pd.DataFrame) -> dict[str, str]:
    """Describe the menu: its top menus, its services, and the services linked from home.

    Parameters
    ----------
    menu : DataFrame
        The menu table (``page``, ``kind``, ``menu``, ``featured``), as simulated.

    Returns
    -------
    dict
        ``menu_description`` (for the data section) and ``home_links`` (for the caption of
        the transition figure).

    Examples
    --------
    >>> from govsocial.clickstream import menu_table
    >>> said = menu_sentences(menu_table())
    >>> said["home_links"][:64]
    'The home portal links straight to two services: violation lookup'
    >>> said["menu_description"][:65]
    "The bureau's menu has a home portal, three top menus organised by"
    """
    services = menu[menu["kind"] == "service"]
    menus = list(menu.loc[menu["kind"] == "menu", "page"])
    featured = services[services["featured"].astype(bool)]
    names = join_words([_menu_name(m) for m in menus])
    description = (f"The bureau's menu has a home portal, {_count(len(menus), 'top menu')} "
                   f"organised by department ({names}), and {_count(len(services), 'service')}")
    if featured.empty:
        description += "; no service is linked straight from the home portal."
        links = "The home portal links to the menus only, to no service directly."
        return {"menu_description": description, "home_links": links}
    description += (f"; {_count(len(featured), 'service')} "
                    f"{'is' if len(featured) == 1 else 'are'} also linked straight from the "
                    "home portal.")
    parts = []
    for i, row in enumerate(featured.itertuples(index=False)):
        kind = "service" if i == 0 else "one"
        parts.append(f"{row.page} (a {_menu_name(row.menu)} {kind})")
    links = (f"The home portal links straight to {_count(len(featured), 'service')}: "
             f"{join_words(parts)}.")
    return {"menu_description": description, "home_links": links}


def movement_sentence(moves: pd.DataFrame, menu: pd.DataFrame, *, home: str = HOME,
                      often: float = 0.1) -> str:
    """Say where a menu leads: into its own services, and how often straight back home.

    Parameters
    ----------
    moves : DataFrame
        The transition matrix of pages grouped by :func:`page_groups`.
    menu : DataFrame
        The menu table.
    home : str
        The home portal's page.
    often : float
        The share of a menu's movements back to the home portal from which the sentence says
        "often".

    Examples
    --------
    >>> rows = ["home", "menu: A", "services: A"]
    >>> moves = pd.DataFrame([[0, .5, .5], [.3, 0, .7], [.1, .1, .8]], index=rows,
    ...                      columns=rows)
    >>> movement_sentence(moves, pd.DataFrame({"page": ["menu: A"], "kind": ["menu"]}))[:45]
    'The menu leads mostly into its own services ('
    """
    menus = [m for m in menu.loc[menu["kind"] == "menu", "page"] if m in moves.index]
    if not menus:
        return ""
    own = pd.Series({m: float(moves.loc[m].get("services: " + _menu_name(m), 0.0))
                     for m in menus})
    back = pd.Series({m: float(moves.loc[m].get(home, 0.0)) for m in menus})
    others = pd.Series({m: float(moves.loc[m].drop("services: " + _menu_name(m),
                                                   errors="ignore").max()) for m in menus})
    subject = "The menu" if len(menus) == 1 else "Each menu"
    shown = _span(own)
    if (own > 0.5).all():
        first = f"{subject} leads mostly into its own services ({shown} of its movements)"
    elif (own > others).all():
        first = (f"{subject} leads into its own services more often than anywhere else "
                 f"({shown} of its movements)")
    else:
        weak = join_words([_menu_name(m) for m in menus if own[m] <= others[m]])
        first = (f"Not every menu leads mostly into its own services ({shown} of a menu's "
                 f"movements; {weak} more often elsewhere)")
    low, high = back.min(), back.max()
    shown_back = _span(back)
    if low >= often:
        return (f"{first}, but often also straight back to the home portal ({shown_back}): a "
                "visitor who opens a menu and turns back did not find the service there.")
    if high >= often:
        return (f"{first}; some menus also send visitors straight back to the home portal "
                f"({shown_back}): a visitor who opens a menu and turns back did not find the "
                "service there.")
    return (f"{first}, and rarely back to the home portal ({shown_back}): visitors who open "
            "a menu mostly find their service there.")
