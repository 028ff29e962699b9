"""The working groups' pages as a visitor, the Secretariat, a coordinator and a member see them."""

from __future__ import annotations

import pytest
from django.test import Client

from gealc.core.testing import queries_for
from gealc.groups import services
from gealc.groups.models import Deliverable, GroupMembership, WorkingGroup
from gealc.groups.tests.conftest import days, person_of, someone
from gealc.members.tests.factories import country

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# The public pages ------------------------------------------------------------------------------------


def test_the_list_shows_the_five_groups_of_the_brief_with_their_source(cast, client):
    page = client.get("/groups/").content.decode()

    for name in (
        "Open Data",
        "Measuring e-Government",
        "Public Software",
        "Management and Knowledge Sharing",
    ):
        assert f">{name}</a>" in page
    assert page.count("From the network's sources") == 5
    assert "Source: Brief of the open forum" in page
    assert "Not recorded" in page  # their member countries
    assert "New working group" not in page


def test_the_list_names_the_groups_in_the_visitors_language(cast, client):
    page = client.get("/groups/", headers={"accept-language": "es"}).content.decode()

    assert ">Datos Abiertos</a>" in page and ">Gobiernos Locales</a>" in page


def test_the_list_counts_member_countries_and_deliverables_and_puts_ended_groups_apart(
    cast, client, interoperability, member
):
    services.group_create(
        actor=cast.secretariat, name={"en": "E-invoicing"}, start_date=days(-900), end_date=days(-30)
    )

    page = client.get("/groups/").content.decode()

    active, past = page.split('id="past-heading"', 1)
    row = active.split('href="/groups/interoperability/"', 1)[1].split("</tr>", 1)[0]
    assert "Uruguay" in row
    assert '<td class="text-end">2</td>' in row  # Chile and Brazil
    assert "E-invoicing" in past and "E-invoicing" not in active
    open_data = active.split('href="/groups/open-data/"', 1)[1].split("</tr>", 1)[0]
    assert '<td class="text-end">1</td>' in open_data  # the metadata profile


def test_the_list_takes_the_same_queries_whatever_the_number_of_groups_and_members(
    cast, interoperability, member
):
    client = Client()
    before = queries_for(client, "/groups/")
    for number in range(6):
        group = services.group_create(
            actor=cast.secretariat, name={"en": f"Group {number}"}, lead_country=country("PER")
        )
        services.membership_add(actor=cast.secretariat, group=group, person=someone(), country=country("PER"))
        services.deliverable_add(
            actor=cast.secretariat,
            group=group,
            title={"en": "Report"},
            original_language="en",
            kind="report",
            status="planned",
        )

    assert queries_for(client, "/groups/") == before


def test_a_groups_page_shows_its_mandate_lead_coordinators_and_members_by_country(
    cast, client, interoperability, member
):
    page = client.get("/groups/interoperability/").content.decode()

    assert "Cross-border exchange of data between public administrations." in page
    members = page.split('id="members-heading"', 1)[1].split("</section>", 1)[0]
    assert "Brazil</a>" in members and "Chile</a>" in members
    assert members.index("Brazil") < members.index("Chile")
    assert "Bruno Delegate" in members and "Carla Expert" in members
    facts = page.split('id="facts-heading"', 1)[1]
    assert "Uruguay</a>" in facts
    assert "Carla Expert (Chile)" in facts
    assert "Resolution of the XIX Annual Meeting" in facts
    assert "Manage the members" not in page


def test_a_groups_page_shows_the_mandate_in_the_visitors_language(cast, client, interoperability):
    spanish = client.get("/groups/interoperability/", headers={"accept-language": "es"}).content.decode()
    french = client.get("/groups/interoperability/", headers={"accept-language": "fr"}).content.decode()

    assert "Intercambio transfronterizo de datos" in spanish
    assert "Cross-border exchange of data" in french  # no French text: the English one


def test_a_groups_page_never_shows_contact_data(cast, client, interoperability, coordinator):
    person = someone(
        name="Ana Pérez", email="ana@agesic.gub.uy", phone="+598 2901 1234", country=country("URY")
    )
    services.membership_add(
        actor=cast.secretariat, group=interoperability, person=person, country=country("URY")
    )

    for viewer in (client, signed_in(cast.chile_expert), signed_in(cast.secretariat)):
        page = viewer.get("/groups/interoperability/").content.decode()
        assert "Ana Pérez" in page
        assert "ana@agesic.gub.uy" not in page and "+598 2901 1234" not in page


def test_an_ended_membership_is_listed_among_the_earlier_ones(cast, client, member):
    services.membership_end(actor=cast.secretariat, membership=member, end_date=days(-1))

    page = client.get("/groups/interoperability/").content.decode()

    current = page.split('id="members-heading"', 1)[1].split("<details>", 1)[0]
    assert "Bruno Delegate" not in current
    assert "1 earlier membership" in page
    assert "Bruno Delegate — Brazil (Member," in page


def test_the_open_data_page_lists_its_metadata_profile_as_a_delivered_standard(cast, client):
    page = client.get("/groups/open-data/").content.decode()

    deliverables = page.split('id="deliverables-heading"', 1)[1].split("</section>", 1)[0]
    assert "Regional metadata profile for open-data catalogues based on DCAT-AP" in deliverables
    assert "Standard or profile" in deliverables and "Delivered" in deliverables
    assert "The network's sources name this group without its members" in page


def test_a_groups_page_takes_the_same_queries_whatever_its_members_and_deliverables(
    cast, interoperability, member
):
    client = Client()
    before = queries_for(client, "/groups/interoperability/")
    for number in range(5):
        services.membership_add(
            actor=cast.secretariat,
            group=interoperability,
            person=someone(),
            country=country("PER" if number % 2 else "MEX"),
        )
        services.deliverable_add(
            actor=cast.secretariat,
            group=interoperability,
            title={"en": f"Report {number}"},
            original_language="en",
            kind="report",
            status="delivered",
            date=days(-number),
        )

    assert queries_for(client, "/groups/interoperability/") == before


def test_an_unknown_group_is_a_404(cast, client):
    assert client.get("/groups/no-such-group/").status_code == 404


def test_working_groups_are_in_the_governance_menu_of_the_header(cast, client):
    page = client.get("/").content.decode()

    menu = page.split('<summary class="nav-link">Governance</summary>', 1)[1].split("</details>", 1)[0]
    assert '<a class="nav-link" href="/groups/">Working groups</a>' in menu


# The Secretariat's pages ---------------------------------------------------------------------------


def test_the_secretariat_creates_a_group_with_its_names_in_each_language(cast):
    officer = signed_in(cast.secretariat)
    assert "New working group" in officer.get("/groups/").content.decode()

    answer = officer.post(
        "/groups/new/",
        {
            "name_en": "Digital Signature",
            "name_es": "Firma Digital",
            "name_pt": "Assinatura Digital",
            "name_fr": "Signature numérique",
            "mandate_es": "Reconocimiento mutuo de firmas digitales.",
            "lead_country": "PRY",
            "start_date": days(0).isoformat(),
        },
    )

    assert answer.status_code == 302 and answer["Location"] == "/groups/digital-signature/"
    group = WorkingGroup.objects.get(slug="digital-signature")
    assert (group.name_fr, group.mandate_es, group.lead_country.iso3) == (
        "Signature numérique",
        "Reconocimiento mutuo de firmas digitales.",
        "PRY",
    )


def test_a_new_group_without_its_english_name_is_refused_next_to_that_field(cast):
    officer = signed_in(cast.secretariat)

    answer = officer.post("/groups/new/", {"name_es": "Ciberseguridad", "end_date": "", "start_date": ""})

    assert answer.status_code == 422
    page = answer.content.decode()
    assert "Give the group&#x27;s name in English" in page
    assert 'value="Ciberseguridad"' in page
    assert '<a class="alert-link" href="#id_name_en">Name (English) — Give the group' in page
    assert '<div id="id_name_en_error" class="w-100">' in page


def test_the_secretariat_edits_a_group_and_the_form_shows_what_it_holds(cast, interoperability):
    officer = signed_in(cast.secretariat)
    form = officer.get("/groups/interoperability/edit/").content.decode()
    assert 'value="Interoperabilidad"' in form
    assert '<option value="URY" selected>' in form

    answer = officer.post(
        "/groups/interoperability/edit/",
        {
            "name_en": "Interoperability",
            "name_es": "Interoperabilidad",
            "lead_country": "BRA",
            "end_date": days(10).isoformat(),
        },
    )

    assert answer.status_code == 302
    interoperability.refresh_from_db()
    assert (interoperability.lead_country.iso3, interoperability.end_date, interoperability.mandate_en) == (
        "BRA",
        days(10),
        "",
    )


def test_a_group_ending_before_it_started_is_refused_next_to_the_end_date(cast, interoperability):
    answer = signed_in(cast.secretariat).post(
        "/groups/interoperability/edit/",
        {"name_en": "Interoperability", "start_date": days(0).isoformat(), "end_date": days(-1).isoformat()},
    )

    assert answer.status_code == 422
    assert "The end date is before the start date." in answer.content.decode()


@pytest.mark.parametrize("who", ["chile_expert", "uruguay_head", "nobody"])
def test_only_the_secretariat_opens_the_new_and_edit_pages(cast, interoperability, coordinator, who):
    client = signed_in(getattr(cast, who))

    assert client.get("/groups/new/").status_code == 403
    assert client.get("/groups/interoperability/edit/").status_code == 403


# Members -----------------------------------------------------------------------------------------------


def test_a_coordinator_finds_a_person_by_name_and_adds_them_as_a_member(cast, interoperability, coordinator):
    expert = signed_in(cast.chile_expert)
    page = expert.get("/groups/interoperability/").content.decode()
    assert 'href="/groups/interoperability/members/"' in page

    found = expert.get("/groups/interoperability/members/", {"q": "bruno"}).content.decode()
    assert "Bruno Delegate" in found
    assert "delegate@gov.br" not in found
    assert 'value="coordinator"' not in found  # only the Secretariat appoints one

    bruno = person_of(cast.brazil_delegate)
    answer = expert.post(
        "/groups/interoperability/members/",
        {"q": "bruno", "person": bruno.pk, "role": "member", "country": "BRA", "start_date": ""},
        follow=True,
    )

    assert "Bruno Delegate takes part in the group as member." in answer.content.decode()
    membership = GroupMembership.objects.get(person=bruno)
    assert (membership.role, membership.country.iso3, membership.start_date) == ("member", "BRA", days(0))


def test_the_members_page_lists_only_the_people_found_never_the_whole_registry(
    cast, interoperability, coordinator
):
    expert = signed_in(cast.chile_expert)

    empty = expert.get("/groups/interoperability/members/").content.decode()
    nobody = expert.get("/groups/interoperability/members/", {"q": "zzz"}).content.decode()

    assert "Bruno Delegate" not in empty and "Ursula Delegate" not in empty
    assert "Nobody in the registry is named like “zzz”." in nobody


def test_the_people_found_leave_out_those_who_take_part_already(cast, interoperability, member):
    page = (
        signed_in(cast.secretariat)
        .get("/groups/interoperability/members/", {"q": "delegate"})
        .content.decode()
    )

    form = page.split('id="add-heading"', 1)[1]
    assert "Ursula Delegate" in form and "Sara Delegate" in form
    assert "Bruno Delegate" not in form


def test_adding_someone_already_a_member_is_refused_next_to_the_person(cast, interoperability, member):
    officer = signed_in(cast.secretariat)
    bruno = person_of(cast.brazil_delegate)

    answer = officer.post(
        "/groups/interoperability/members/",
        {"q": "bruno", "person": bruno.pk, "role": "member", "country": ""},
    )

    assert answer.status_code == 422
    page = answer.content.decode()
    assert "Bruno Delegate is already a member of this group" in page
    assert f'value="{bruno.pk}"' in page and "checked" in page


def test_the_secretariat_appoints_a_coordinator_from_the_members_page(cast, interoperability):
    officer = signed_in(cast.secretariat)
    ursula = person_of(cast.uruguay_delegate)

    assert (
        'value="coordinator"'
        in officer.get("/groups/interoperability/members/", {"q": "ursula"}).content.decode()
    )
    officer.post(
        "/groups/interoperability/members/",
        {
            "q": "ursula",
            "person": ursula.pk,
            "role": "coordinator",
            "country": "URY",
            "start_date": days(0).isoformat(),
        },
    )

    assert GroupMembership.objects.get(person=ursula).role == "coordinator"


def test_a_member_ends_on_the_day_the_coordinator_gives(cast, member):
    expert = signed_in(cast.chile_expert)
    url = f"/groups/interoperability/members/{member.pk}/end/"
    assert "End the membership of Bruno Delegate" in expert.get(url).content.decode()

    refused = expert.post(url, {"end_date": days(-300).isoformat()})
    assert refused.status_code == 422
    assert "it cannot end before that" in refused.content.decode()

    answer = expert.post(url, {"end_date": days(-1).isoformat()}, follow=True)
    assert "The membership of Bruno Delegate was ended." in answer.content.decode()
    member.refresh_from_db()
    assert member.end_date == days(-1)


def test_a_coordinator_sees_no_end_link_for_a_coordinator_and_may_not_open_it(cast, coordinator, member):
    expert = signed_in(cast.chile_expert)

    page = expert.get("/groups/interoperability/members/").content.decode()

    assert f"/members/{member.pk}/end/" in page
    assert f"/members/{coordinator.pk}/end/" not in page
    assert expert.get(f"/groups/interoperability/members/{coordinator.pk}/end/").status_code == 403


@pytest.mark.parametrize("who", ["brazil_delegate", "uruguay_head", "peru_juror"])
def test_a_member_and_others_do_not_open_the_members_page(cast, member, who):
    client = signed_in(getattr(cast, who))

    assert client.get("/groups/interoperability/members/").status_code == 403
    assert client.get(f"/groups/interoperability/members/{member.pk}/end/").status_code == 403


def test_a_visitor_is_asked_to_sign_in_for_the_members_page(cast, interoperability):
    answer = Client().get("/groups/interoperability/members/")

    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/")


# Deliverables --------------------------------------------------------------------------------------


def test_a_coordinator_adds_a_deliverable_and_edits_it(cast, interoperability, coordinator):
    expert = signed_in(cast.chile_expert)
    answer = expert.post(
        "/groups/interoperability/deliverables/new/",
        {
            "original_language": "es",
            "title_es": "Guía de interoperabilidad",
            "kind": "guide",
            "status": "planned",
            "date": days(90).isoformat(),
        },
    )
    assert answer.status_code == 302
    deliverable = Deliverable.objects.get(group=interoperability)

    page = expert.get(f"/groups/interoperability/deliverables/{deliverable.pk}/edit/").content.decode()
    assert 'value="Guía de interoperabilidad"' in page
    expert.post(
        f"/groups/interoperability/deliverables/{deliverable.pk}/edit/",
        {
            "original_language": "es",
            "title_es": "Guía de interoperabilidad",
            "title_en": "Interoperability guide",
            "kind": "guide",
            "status": "delivered",
            "date": days(0).isoformat(),
            "url": "https://example.org/guia.pdf",
        },
    )

    english = Client().get("/groups/interoperability/").content.decode()
    assert (
        '<a href="https://example.org/guia.pdf" rel="nofollow noopener">Interoperability guide</a>' in english
    )


def test_a_deliverable_without_its_original_title_is_refused_next_to_that_field(cast, interoperability):
    answer = signed_in(cast.secretariat).post(
        "/groups/interoperability/deliverables/new/",
        {"original_language": "pt", "title_en": "Guide", "kind": "guide", "status": "planned"},
    )

    assert answer.status_code == 422
    assert "Give the title in the original language (Portuguese)." in answer.content.decode()
    assert not Deliverable.objects.filter(group=interoperability).exists()


@pytest.mark.parametrize("who", ["brazil_delegate", "uruguay_delegate"])
def test_a_member_and_others_do_not_open_the_deliverable_pages(cast, member, who):
    client = signed_in(getattr(cast, who))

    assert client.get("/groups/interoperability/deliverables/new/").status_code == 403


# The workspace ---------------------------------------------------------------------------------------


def test_a_member_finds_their_groups_on_their_workspace(cast, member):
    page = signed_in(cast.brazil_delegate).get("/workspace/").content.decode()

    panel = page.split("Your working groups", 1)[1].split("</section>", 1)[0]
    assert 'href="/groups/interoperability/"' in panel and "Interoperability" in panel
    assert "Working groups you coordinate" not in page


def test_a_coordinator_finds_the_pages_to_keep_their_groups_members_and_deliverables(cast, coordinator):
    page = signed_in(cast.chile_expert).get("/workspace/").content.decode()

    assert "Working groups you coordinate" in page
    assert 'href="/groups/interoperability/members/"' in page
    assert 'href="/groups/interoperability/deliverables/new/"' in page


# The back room and the open data ---------------------------------------------------------------------


def test_the_secretariat_reads_groups_and_memberships_in_the_admin_but_changes_nothing_there(
    cast, interoperability, member
):
    officer = signed_in(cast.secretariat)

    listing = officer.get("/admin/groups/workinggroup/").content.decode()
    record = officer.get(f"/admin/groups/workinggroup/{interoperability.pk}/change/")

    assert "Interoperability" in listing
    assert record.status_code == 200 and "Bruno Delegate" in record.content.decode()
    assert officer.get("/admin/groups/groupmembership/").status_code == 200
    assert officer.get("/admin/groups/workinggroup/add/").status_code == 403
    assert signed_in(cast.chile_expert).get("/admin/groups/workinggroup/", follow=True).status_code == 403


def test_the_open_data_page_lists_the_working_groups(cast, client):
    html = client.get("/open-data/").content.decode()

    row = html[html.index("<td>Working groups, their members and deliverables</td>") :].split("</tr>")[0]
    assert '<a href="/api/v1/groups"><code>/api/v1/groups</code></a>' in row
