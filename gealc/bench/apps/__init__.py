"""The apps' contributions to the benchmark, in the order their data is generated."""

from __future__ import annotations

from gealc.bench.apps import accounts, awards, cooperation, governance, members, platform, software
from gealc.bench.registry import Contribution

# A new app appends its module's CONTRIBUTION here (solutions and software, documents and indicators,
# events and their registered public servants, search, the impact dashboard and rankings as they land).
CONTRIBUTIONS: list[Contribution] = [
    members.CONTRIBUTION,
    accounts.CONTRIBUTION,
    governance.CONTRIBUTION,
    cooperation.CONTRIBUTION,
    awards.CONTRIBUTION,
    software.CONTRIBUTION,
    platform.CONTRIBUTION,
]
