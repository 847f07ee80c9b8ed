"""Helpers for *Government Social Media: reproducible case studies*.

One module per chapter plus cross-cutting modules:

- :mod:`govsocial.schema`: column contracts, :func:`~govsocial.schema.validate`, ``DataError``;
- :mod:`govsocial.io`: loaders for real export formats and the book's datasets;
- :mod:`govsocial.text`: TF-IDF classifiers, cross-validated evaluation, coder agreement;
- :mod:`govsocial.models`: count models with tidy incidence-rate-ratio tables;
- :mod:`govsocial.plots`: the book's seaborn theme and standard figures.
"""

from govsocial.schema import DataError

__all__ = ["DataError"]
__version__ = "0.1.0"
