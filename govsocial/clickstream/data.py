"""The chapter's real data: the contract of the U.S. federal domains export.

The chapter's other real and own data are read by :mod:`govsocial.io`: the MSNBC sessions
(``io.read_msnbc``), a clickstream file (``io.read_clickstream``) and a web server's access log
(``io.read_access_log``). The analytics.usa.gov domain export is a plain table, read with
``io.read_table(path, DAP_DOMAINS)``.
"""

from __future__ import annotations

from govsocial.schema import Column, Contract

__all__ = ["DAP_DOMAINS"]


DAP_DOMAINS = Contract(
    "analytics.usa.gov domains (30 days)",
    (
        Column("domain", "string", unique=True, description="Government web domain."),
        Column("visits", "int", minimum=0, description="Visits (sessions) in 30 days."),
        Column("pageviews", "int", minimum=0, description="Page views in 30 days."),
        Column("users", "int", minimum=0, description="Users in 30 days."),
        Column(
            "pageviews_per_session",
            "float",
            minimum=0,
            description="Page views per visit, as the export reports it.",
        ),
        Column(
            "avg_session_duration",
            "float",
            minimum=0,
            description="Mean visit duration, in seconds.",
        ),
        Column("exits", "int", minimum=0, description="Exits from the domain in 30 days."),
    ),
    key=("domain",),
)
"""Contract of ``data/analytics_usa_gov/all-domains-30-days.csv`` (read with ``io.read_table``)."""
