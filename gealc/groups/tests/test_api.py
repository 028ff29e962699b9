"""The working groups' API: public lists and groups, with names and never contact data."""

from __future__ import annotations

import pytest

from gealc.groups import services
from gealc.groups.tests.conftest import days, someone
from gealc.members.tests.factories import country

pytestmark = pytest.mark.django_db


def test_the_list_answers_the_groups_active_first_with_their_counts(cast, client, interoperability, member):
    services.group_create(actor=cast.secretariat, name={"en": "E-invoicing"}, end_date=days(-1))

    answer = client.get("/api/v1/groups").json()

    assert answer["count"] == 7
    slugs = [item["slug"] for item in answer["items"]]
    assert slugs[-1] == "e-invoicing"
    interop = next(item for item in answer["items"] if item["slug"] == "interoperability")
    assert interop == {
        "slug": "interoperability",
        "name": "Interoperability",
        "name_translations": {
            "en": "Interoperability",
            "es": "Interoperabilidad",
            "pt": "Interoperabilidade",
        },
        "lead_country": "URY",
        "lead_country_name": "Uruguay",
        "start_date": days(-400).isoformat(),
        "end_date": None,
        "active": True,
        "historical": False,
        "source": "Resolution of the XIX Annual Meeting",
        "member_country_count": 2,
        "deliverable_count": 0,
        "url": "/groups/interoperability/",
    }


def test_the_list_keeps_the_active_or_the_past_groups(cast, client, interoperability):
    services.group_create(actor=cast.secretariat, name={"en": "E-invoicing"}, end_date=days(-1))

    active = client.get("/api/v1/groups", {"active": "true"}).json()
    past = client.get("/api/v1/groups", {"active": "false"}).json()

    assert active["count"] == 6 and "e-invoicing" not in [item["slug"] for item in active["items"]]
    assert [item["slug"] for item in past["items"]] == ["e-invoicing"]


def test_the_list_keeps_the_groups_a_country_leads_or_takes_part_in(cast, client, interoperability, member):
    def slugs(code: str) -> list[str]:
        return [item["slug"] for item in client.get("/api/v1/groups", {"country": code}).json()["items"]]

    assert slugs("URY") == ["interoperability"]  # it leads
    assert slugs("bra") == ["interoperability"]  # its delegate takes part
    assert slugs("PER") == []
    assert slugs("XXX") == []


def test_a_bad_country_code_is_a_422_naming_the_parameter(cast, client):
    answer = client.get("/api/v1/groups", {"country": "Uruguay"})

    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["query", "country"]


def test_a_group_answers_its_members_by_country_its_deliverables_and_no_contact_data(
    cast, client, interoperability, member
):
    ana = someone(name="Ana Pérez", email="ana@agesic.gub.uy", phone="+598 2901 1234")
    services.membership_add(actor=cast.secretariat, group=interoperability, person=ana)
    services.deliverable_add(
        actor=cast.chile_expert,
        group=interoperability,
        title={"es": "Guía"},
        summary={"es": "Cómo intercambiar datos."},
        original_language="es",
        kind="guide",
        status="planned",
    )

    answer = client.get("/api/v1/groups/interoperability", headers={"accept-language": "es"})

    assert answer.status_code == 200
    group = answer.json()
    assert group["name"] == "Interoperabilidad"
    assert group["mandate"].startswith("Intercambio transfronterizo")
    coordinator = member.group.memberships.get(role="coordinator")
    assert group["coordinators"] == [{"id": coordinator.person_id, "name": "Carla Expert", "country": "CHL"}]
    assert [
        (entry["country"], [person["name"] for person in entry["people"]]) for entry in group["members"]
    ] == [
        ("BRA", ["Bruno Delegate"]),
        ("CHL", ["Carla Expert"]),
        (None, ["Ana Pérez"]),
    ]
    assert group["members"][0]["people"][0] == {
        "id": member.person_id,
        "name": "Bruno Delegate",
        "role": "member",
        "start_date": days(-200).isoformat(),
    }
    assert [(item["title"], item["kind"], item["status"]) for item in group["deliverables"]] == [
        ("Guía", "guide", "planned")
    ]
    assert group["software"] == []
    text = answer.content.decode()
    for data in ("ana@agesic.gub.uy", "+598 2901 1234", "expert@digital.gob.cl", "delegate@gov.br"):
        assert data not in text


def test_the_open_data_group_answers_its_metadata_profile(cast, client):
    group = client.get("/api/v1/groups/open-data").json()

    assert group["historical"] is True and group["members"] == [] and group["start_date"] is None
    assert (
        group["deliverables"][0]["title"]
        == "Regional metadata profile for open-data catalogues based on DCAT-AP"
    )
    assert (group["deliverables"][0]["kind"], group["deliverables"][0]["status"]) == ("standard", "delivered")


def test_an_unknown_group_is_a_404(cast, client):
    answer = client.get("/api/v1/groups/no-such-group")

    assert answer.status_code == 404
    assert "no-such-group" in answer.json()["detail"]


def test_the_list_takes_the_same_queries_whatever_the_number_of_groups(
    cast, client, interoperability, member, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        client.get("/api/v1/groups")
    for number in range(5):
        group = services.group_create(
            actor=cast.secretariat, name={"en": f"Group {number}"}, lead_country=country("PER")
        )
        services.membership_add(actor=cast.secretariat, group=group, person=someone(), country=country("PER"))

    with django_assert_max_num_queries(3):
        assert client.get("/api/v1/groups").json()["count"] == 11
