"""Pages of several apps that show people show their names, never their contact data."""

import pytest
from django.test import Client

from gealc.cooperation import services as cooperation
from gealc.cooperation.models import Expert
from gealc.groups import services as groups
from gealc.members.models import Person
from gealc.members.tests.factories import PersonFactory, country

pytestmark = pytest.mark.usefixtures("reference")


@pytest.fixture
def people_shown(cast, assembly) -> dict[str, str]:
    """Pages that show people, each with the name of someone on it who has an e-mail and a phone."""
    ana = PersonFactory(
        name="Ana Pérez", email="ana@agesic.gub.uy", phone="+598 2901 1234", country=country("URY")
    )
    assert isinstance(ana, Person)
    assembly.delegations.get(country__iso3="URY").representatives.add(ana)
    expert = cooperation.expert_offer(
        actor=cast.brazil_delegate,
        country=country("BRA"),
        name="Beatriz Especialista",
        email="beatriz@gov.br",
        areas=["interoperability"],
        languages=["pt"],
        original_language="pt",
        consent_public=True,
    )
    assert isinstance(expert, Expert)
    cooperation.expert_validate(actor=cast.secretariat, expert=expert)
    Person.objects.filter(pk=expert.person_id).update(phone="+55 61 2020 5678")
    group = groups.group_create(actor=cast.secretariat, name={"en": "Interoperability"})
    groups.membership_add(actor=cast.secretariat, group=group, person=ana, role="coordinator")
    return {
        f"/meetings/{assembly.pk}/": "Ana Pérez",
        "/cooperation/experts/": "Beatriz Especialista",
        f"/groups/{group.slug}/": "Ana Pérez",
    }


CONTACT_DATA = ["ana@agesic.gub.uy", "+598 2901 1234", "beatriz@gov.br", "+55 61 2020 5678"]


@pytest.mark.parametrize("viewer", [None, "uruguay_delegate"])
def test_pages_that_show_people_show_their_names_and_never_their_contact_data(cast, people_shown, viewer):
    client = Client()
    if viewer:
        client.force_login(getattr(cast, viewer))

    for url, name in people_shown.items():
        html = client.get(url).content.decode()
        assert name in html, url
        assert not [data for data in CONTACT_DATA if data in html], url
