import datetime

import pytest

from conftest import make_user
from gealc.governance.models import Meeting
from gealc.governance.services import participants_set
from gealc.members.models import Country

# Member countries present at the test assembly (26 of 33: quorum is 17).
PRESENT = [
    "ARG", "BRA", "CHL", "PRY", "URY",
    "BOL", "COL", "ECU", "PER",
    "CRI", "DOM", "SLV", "GTM", "MEX", "PAN",
    "BHS", "BRB", "JAM", "TTO", "GUY", "HTI", "LCA", "GRD", "SUR", "DMA",
    "CAN",
]  # fmt: skip


@pytest.fixture
def heads(cast) -> dict[str, object]:
    """A head of delegation, with two-factor authentication, for every country present.

    Uruguay's is the cast's."""
    users = {"URY": cast.uruguay_head}
    for code in PRESENT:
        if code not in users:
            users[code] = make_user(
                f"head@{code.lower()}.example.org", f"Head of {code}", ("head_of_delegation", code), mfa=True
            )
    return users


@pytest.fixture
def assembly(cast) -> Meeting:
    """An annual meeting in Santo Domingo with the countries of PRESENT and the observer Spain."""
    meeting = Meeting.objects.create(
        kind=Meeting.Kind.ANNUAL,
        ordinal=20,
        title_en="XX Annual Meeting",
        title_es="XX Reunión Anual",
        start_date=datetime.date(2026, 10, 20),
        end_date=datetime.date(2026, 10, 21),
        host_country=Country.objects.get(iso3="DOM"),
        city_en="Santo Domingo",
    )
    participants_set(actor=cast.secretariat, meeting=meeting, names=[*PRESENT, "ESP"])
    return meeting
