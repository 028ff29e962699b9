"""The working group a software belongs to: the network's data, beside its publiccode.yml. Set on the
edit page and through the API, shown on the software's page and the group's, and never touched by an
import or an export of the file."""

from __future__ import annotations

import pytest
from django.test import Client

from gealc.core.models import DecisionEvent
from gealc.groups.models import WorkingGroup
from gealc.software.models import Software
from gealc.software.tests.conftest import import_as, publiccode

pytestmark = pytest.mark.django_db

NEWER = publiccode(extra='softwareVersion: "2.0"\n')


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def tramites(client, cast, officer_headers) -> Software:
    """Uruguay's Tramites, version 1.0."""
    answer = import_as(client, officer_headers, publiccode(extra='softwareVersion: "1.0"\n'), country="URY")
    assert answer.status_code == 201, answer.json()
    return Software.objects.get(slug="tramites")


def patch(client, headers, body):
    return client.patch("/api/v1/software/tramites", body, content_type="application/json", headers=headers)


def test_simple_lat_belongs_to_the_public_software_group_and_each_page_says_so(cast, client):
    software = client.get("/software/simple-lat/").content.decode()
    group = client.get("/groups/public-software/").content.decode()
    open_data = client.get("/groups/open-data/").content.decode()

    assert 'Working group: <a href="/groups/public-software/">Public Software</a>' in software
    section = group.split('id="section-software"', 1)[1].split("</section>", 1)[0]
    assert ">Public software</h2>" in section
    assert 'href="/software/simple-lat/">Simple-Lat</a>' in section
    assert 'href="/software/simple/"' not in section
    assert 'id="section-software"' not in open_data
    assert "Working group:" not in client.get("/software/simple/").content.decode()


def test_the_owning_countrys_delegate_chooses_the_working_group_on_the_edit_page(cast, tramites):
    delegate = signed_in(cast.uruguay_delegate)
    form = delegate.get("/software/tramites/edit/").content.decode()
    assert '<option value="public-software">Public Software</option>' in form

    saved = delegate.post("/software/tramites/edit/", {"working_group": "public-software"})

    assert saved.status_code == 302
    tramites.refresh_from_db()
    assert tramites.working_group.slug == "public-software"
    assert (
        '<option value="public-software" selected>'
        in delegate.get("/software/tramites/edit/").content.decode()
    )
    event = DecisionEvent.objects.filter(action="software.update").latest("pk")
    assert (event.payload["before"]["working_group"], event.payload["after"]["working_group"]) == (
        None,
        "public-software",
    )


def test_saving_the_edit_page_without_a_group_leaves_it_in_none(cast, tramites):
    tramites.working_group = WorkingGroup.objects.get(slug="open-data")
    tramites.save(update_fields=["working_group"])

    signed_in(cast.uruguay_delegate).post("/software/tramites/edit/", {"working_group": ""})

    tramites.refresh_from_db()
    assert tramites.working_group is None


def test_the_api_answers_the_group_by_slug_and_name_in_the_requests_language(cast, client):
    english = client.get("/api/v1/software/simple-lat").json()
    spanish = client.get("/api/v1/software/simple-lat", headers={"accept-language": "es"}).json()
    simple = client.get("/api/v1/software/simple").json()

    assert english["working_group"] == {"slug": "public-software", "name": "Public Software"}
    assert spanish["working_group"] == {"slug": "public-software", "name": "Software Público"}
    assert simple["working_group"] is None


def test_a_patch_sets_the_group_by_its_slug_and_clears_it(cast, client, officer_headers, tramites):
    answer = patch(client, officer_headers, {"working_group": "open-data"})
    assert answer.status_code == 200
    assert answer.json()["working_group"] == {"slug": "open-data", "name": "Open Data"}

    cleared = patch(client, officer_headers, {"clear_working_group": True})
    assert cleared.json()["working_group"] is None


def test_an_unknown_group_is_a_422_naming_the_field_and_changes_nothing(
    cast, client, officer_headers, tramites
):
    answer = patch(client, officer_headers, {"working_group": "no-such-group", "solutions": []})

    assert answer.status_code == 422
    assert answer.json()["field"] == "working_group"
    assert "no-such-group" in answer.json()["detail"]
    tramites.refresh_from_db()
    assert tramites.working_group is None


def test_another_countrys_delegate_cannot_set_the_group(cast, client, token_for, tramites):
    answer = patch(client, token_for(cast.brazil_delegate), {"working_group": "open-data"})

    assert answer.status_code == 403
    tramites.refresh_from_db()
    assert tramites.working_group is None


def test_importing_a_new_version_of_the_file_keeps_the_group(cast, client, officer_headers, tramites):
    patch(client, officer_headers, {"working_group": "public-software"})

    imported = import_as(client, officer_headers, NEWER)

    assert imported.status_code == 200 and imported.json()["changed"] is True
    assert imported.json()["software_version"] == "2.0"
    assert imported.json()["working_group"] == {"slug": "public-software", "name": "Public Software"}
    tramites.refresh_from_db()
    assert tramites.working_group.slug == "public-software"


def test_a_new_file_through_the_patch_keeps_the_group_too(cast, client, officer_headers, tramites):
    patch(client, officer_headers, {"working_group": "public-software"})

    answer = patch(client, officer_headers, {"publiccode": NEWER})

    assert answer.status_code == 200
    assert answer.json()["working_group"]["slug"] == "public-software"


def test_the_exported_file_has_no_working_group_key(cast, client, officer_headers, tramites):
    patch(client, officer_headers, {"working_group": "public-software"})

    exported = client.get("/software/tramites/publiccode.yml").content.decode()

    assert "working" not in exported.lower() and "public-software" not in exported


def test_the_groups_api_lists_the_slugs_of_its_software(cast, client):
    assert client.get("/api/v1/groups/public-software").json()["software"] == ["simple-lat"]
    assert client.get("/api/v1/groups/open-data").json()["software"] == []


def test_a_software_stays_when_its_group_is_deleted(cast, client):
    WorkingGroup.objects.filter(slug="public-software").delete()

    software = Software.objects.get(slug="simple-lat")
    assert software.working_group is None
