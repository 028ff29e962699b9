"""The fund's pages as people see them: the public overview, a delegate's work space, the Secretariat's
queue and matching, request and mission pages, the dashboards."""

import re

import pytest
from django.test import Client

from gealc.cooperation import services
from gealc.cooperation.models import CooperationRequest, Expert, ExpertiseArea, ExpertProposal
from gealc.cooperation.tests.conftest import days, offer
from gealc.core.languages import language_list
from gealc.core.testing import queries_for
from gealc.members.models import Person
from gealc.members.tests.factories import country

PUBLIC_PAGES = ["/cooperation/", "/cooperation/experts/", "/cooperation/dashboards/"]


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_the_public_pages_render_in_each_language(client: Client, fund, url: str, language: str):
    fund.mission_in("closed")

    page = html(client.get(url, headers={"accept-language": language}))

    assert f'<html lang="{language}">' in page
    assert 'href="/cooperation/" aria-current="page"' in page


def test_the_fund_page_shows_open_requests_completed_missions_and_baselines_without_personal_data(
    client: Client, cast, fund
):
    fund.mission_in("closed")
    open_request = fund.draft(title="Digital identity for all", window_start=days(20), window_end=days(50))
    services.request_submit(actor=cast.uruguay_delegate, request=open_request)
    services.request_approve(actor=cast.secretariat, request=open_request)
    fund.request_in("submitted")  # not public yet

    page = html(client.get("/cooperation/"))

    assert page.count("Interoperability of the civil registry") == 1  # the completed mission only
    assert "Digital identity for all" in page
    assert "more than 100" in page and "Brief of the open forum" in page
    for personal in ("Carla Expert", "expert@digital.gob.cl", "Ursula Delegate", "Olivia Officer"):
        assert personal not in page


@pytest.mark.parametrize("url", ["/cooperation/requests/new/", "/cooperation/experts/offer/"])
def test_the_checkbox_lists_show_one_checkbox_per_option(cast, call, url):
    form = html(as_user(cast.uruguay_delegate).get(url))

    for name, options in (("areas", ExpertiseArea.objects.count()), ("languages", 5)):
        group = form[form.index(f'<div id="id_{name}">') :].split("</fieldset>")[0]
        boxes = re.findall(r'<div class="form-check">\s*<input class="([^"]*)"\s+type="checkbox"', group)
        assert boxes == ["form-check-input"] * options, name
    assert '<label class="form-check-label" for="id_areas_0">Interoperability</label>' in form
    assert '<label class="form-check-label" for="id_languages_0">Spanish</label>' in form


def test_a_refused_request_keeps_what_was_typed_and_names_each_field_at_fault(cast, call):
    delegate = as_user(cast.uruguay_delegate)

    response = delegate.post("/cooperation/requests/new/", {"title": "Typed title", "languages": ["es"]})

    page = html(response)
    assert response.status_code == 200
    assert not CooperationRequest.objects.exists()
    assert '<a class="alert-link" href="#id_areas">Expertise areas — This field is required.</a>' in page
    assert '<div id="id_problem_error" class="w-100">' in page
    assert 'value="Typed title"' in page
    assert re.search(r'name="languages"\s+value="es"[^>]*checked', page)


def test_a_delegate_drafts_a_request_with_the_form_and_submits_it(cast, call):
    delegate = as_user(cast.uruguay_delegate)
    form = html(delegate.get("/cooperation/requests/new/"))
    assert '<label class="form-label" for="id_title">Title</label>' in form

    response = delegate.post(
        "/cooperation/requests/new/",
        {
            "country": cast.uruguay_delegate.person.memberships.get().country_id,
            "title": "Cybersecurity incident response",
            "problem": "No national CSIRT.",
            "outputs": "A CSIRT plan.",
            "language": "en",
            "areas": ["cybersecurity"],
            "languages": ["es", "en"],
            "modality": "mixed",
            "window_start": days(15).isoformat(),
            "window_end": days(45).isoformat(),
        },
    )
    request = CooperationRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cooperation/requests/{request.pk}/"
    page = html(delegate.get(response["Location"]))
    assert "Draft" in page and "Submit" in page and "Spanish, English" in page

    delegate.post(f"/cooperation/requests/{request.pk}/submit/")

    page = html(delegate.get(f"/cooperation/requests/{request.pk}/"))
    assert "The request was submitted to the Secretariat." in page
    assert "Submitted" in page and "Ursula Delegate" in page  # the history says who


def test_a_form_error_is_shown_next_to_the_field_it_names(cast, call):
    delegate = as_user(cast.uruguay_delegate)

    response = delegate.post(
        "/cooperation/requests/new/",
        {
            "country": cast.uruguay_delegate.person.memberships.get().country_id,
            "title": "Late",
            "problem": "x",
            "outputs": "y",
            "language": "en",
            "areas": ["cybersecurity"],
            "modality": "remote",
            "window_start": days(15).isoformat(),
            "window_end": days(5).isoformat(),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "window_end": ["The latest end comes before the earliest start."]
    }
    assert not CooperationRequest.objects.exists()


def test_only_delegates_of_a_member_country_get_the_draft_form(cast, call):
    assert as_user(cast.spain_delegate).get("/cooperation/requests/new/").status_code == 403
    assert as_user(cast.chile_expert).get("/cooperation/requests/new/").status_code == 403
    assert Client().get("/cooperation/requests/new/").status_code == 302


def test_the_secretariat_queue_lists_what_waits_for_a_decision(cast, fund):
    fund.request_in("submitted")
    fund.mission_in("planned")

    page = html(as_user(cast.secretariat).get("/cooperation/queue/"))

    assert "Requests to approve or reject" in page
    assert page.count("Interoperability of the civil registry") == 2  # to decide; mission to approve
    assert "Ana Pendiente" in page  # the expert to validate
    assert as_user(cast.uruguay_head).get("/cooperation/queue/").status_code == 403


def test_the_matching_page_explains_each_proposal_and_picks_an_expert(cast, fund):
    request = fund.request_in("approved")
    officer = as_user(cast.secretariat)

    page = html(officer.get(f"/cooperation/requests/{request.pk}/matching/"))
    assert "Score: 95 points" in page
    assert (
        "Shares 2 expertise areas with the request (Interoperability, Digital identity): +50 points." in page
    )
    assert "Ulises Experto" not in page

    response = officer.post(
        f"/cooperation/requests/{request.pk}/matching/", {"experts": [fund.roster.brazil.pk]}
    )
    assert response.status_code == 200
    assert "needs a reason" in response.content.decode()

    response = officer.post(
        f"/cooperation/requests/{request.pk}/matching/",
        {"experts": [fund.roster.brazil.pk], "override_reason": "Portuguese documents."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == "matched"


def test_the_secretariat_plans_and_approves_a_mission_from_the_pages(cast, fund):
    request = fund.request_in("matched")
    officer = as_user(cast.secretariat)

    response = officer.post(
        f"/cooperation/requests/{request.pk}/missions/new/",
        {
            "expert": fund.roster.chile.pk,
            "start_date": days(12).isoformat(),
            "end_date": days(14).isoformat(),
            "modality": "on_site",
            "destination": request.country_id,
            "travel_cost": "800",
            "other_cost": "0",
        },
    )
    assert response.status_code == 302
    officer.post(response["Location"] + "approve/")

    page = html(officer.get(response["Location"]))
    assert "The mission is approved and its cost committed." in page
    assert "Committed on the call now: 1,550.00 USD." in page  # 800 + 3 days x 250


def test_the_mission_page_shows_the_budget_and_the_report_forms_only_to_the_right_people(
    client: Client, cast, fund
):
    mission = fund.mission_in("completed")
    url = f"/cooperation/missions/{mission.pk}/"

    public = html(client.get(url))
    expert = html(as_user(cast.chile_expert).get(url))
    head = html(as_user(cast.uruguay_head).get(url))
    brazil = html(as_user(cast.brazil_delegate).get(url))

    assert "Carla Expert" in public  # she agreed to be listed
    assert "Budget" not in public and "Submit the" not in public
    assert "Submit the expert's report" in expert and "Submit the host country" not in expert
    assert "Submit the host country's report" in head and "Submit the expert" not in head
    assert "2,250.00 USD" in head
    assert "Budget" not in brazil


def test_the_expert_and_the_host_report_from_the_mission_page(cast, fund):
    mission = fund.mission_in("completed")
    url = f"/cooperation/missions/{mission.pk}/"

    as_user(cast.chile_expert).post(
        url + "reports/expert/",
        {"outputs": "A roadmap.", "recommendations": "Share a catalogue.", "language": "en"},
    )
    as_user(cast.uruguay_head).post(
        url + "reports/host/", {"rating": "4", "results": "Adopted.", "language": "es"}
    )

    page = html(as_user(cast.secretariat).get(url))
    assert "Share a catalogue." in page and "Rating: 4 out of 5" in page
    assert "Close with these actual costs" in page
    mission.request.refresh_from_db()
    assert mission.request.state == "reported"


def test_the_dashboards_show_each_chart_beside_a_table_of_its_figures(client: Client, fund):
    fund.mission_in("closed")

    page = html(client.get("/cooperation/dashboards/"))

    assert page.count('<img class="img-fluid mb-3" src="/cooperation/charts/') == 4
    assert "<td>Chile</td><td>Uruguay</td><td>1</td>" in page
    assert '<th scope="row">Chile</th><td>1</td><td>0</td>' in page
    assert "1,900.00 USD" in page  # spent
    for name in ("missions-per-year", "exchanges", "flows", "budget"):
        chart = client.get(f"/cooperation/charts/{name}.svg")
        assert chart["Content-Type"] == "image/svg+xml"
        assert chart["Content-Security-Policy"].startswith("default-src 'none'")
        assert chart.content.lstrip().startswith(b"<?xml")
    assert client.get("/cooperation/charts/nothing.svg").status_code == 404


def test_the_work_space_shows_a_delegate_their_country_and_an_expert_their_missions(cast, fund):
    fund.mission_in("completed")
    fund.request_in("draft")

    delegate = html(as_user(cast.uruguay_delegate).get("/cooperation/workspace/"))
    expert = html(as_user(cast.chile_expert).get("/cooperation/workspace/"))

    assert "Missions waiting for your country's report" in delegate
    assert delegate.count("Interoperability of the civil registry") == 3  # report due, two requests
    assert "Ulises Experto" in delegate  # offered by Uruguay
    assert "Your missions as an expert" in expert and "Due now" in expert


def test_a_delegate_offers_an_expert_from_the_page_and_the_secretariat_validates_it(cast, reference):
    delegate = as_user(cast.brazil_delegate)

    response = delegate.post(
        "/cooperation/experts/offer/",
        {
            "country": cast.brazil_delegate.person.memberships.get().country_id,
            "name": "Bianca Dados",
            "email": "bianca@gov.br",
            "areas": ["open-data"],
            "languages": ["pt"],
            "language": "pt",
            "bio": "Cuida do portal de dados.",
            "consent_public": "on",
        },
    )
    assert response.status_code == 302
    expert = Expert.objects.get(person__name="Bianca Dados")
    as_user(cast.secretariat).post(f"/cooperation/experts/{expert.pk}/validate/")

    roster = html(Client().get("/cooperation/experts/"))
    assert "Bianca Dados" in roster and "Cuida do portal de dados." in roster
    assert "bianca@gov.br" not in roster


def propose(cast, email: str) -> None:
    """Brazil offers someone the platform already knows (by ``email``)."""
    services.expert_offer(
        actor=cast.brazil_delegate,
        country=country("BRA"),
        name="Somebody",
        email=email,
        areas=["open-data"],
        languages=["pt"],
        original_language="pt",
    )


def test_an_offer_of_a_known_person_reads_like_any_other_and_the_secretariat_confirms_it(cast, reference):
    delegate = as_user(cast.brazil_delegate)
    form = {
        "country": cast.brazil_delegate.person.memberships.get().country_id,
        "name": "Hugo Cabeza",
        "areas": ["open-data"],
        "languages": ["pt"],
        "language": "pt",
        "bio": "x",
    }

    known = delegate.post("/cooperation/experts/offer/", {**form, "email": "head@agesic.gub.uy"}, follow=True)
    unknown = delegate.post("/cooperation/experts/offer/", {**form, "email": "new@gov.br"}, follow=True)
    officer = as_user(cast.secretariat)
    queue = html(officer.get("/cooperation/queue/"))
    proposal = ExpertProposal.objects.get()
    confirmed = officer.post(f"/cooperation/experts/proposals/{proposal.pk}/confirm/", follow=True)

    assert [m.message for m in known.context["messages"]] == [m.message for m in unknown.context["messages"]]
    assert "Hugo Cabeza" in queue and "Hugo Head" in queue and "no country" in queue
    assert "The proposal is confirmed" in html(confirmed)
    head = Person.objects.get(user=cast.uruguay_head)
    assert head.country is None and head.name == "Hugo Head"
    assert Expert.objects.get(person=head).status == "offered"
    assert (
        as_user(cast.brazil_delegate)
        .post(f"/cooperation/experts/proposals/{proposal.pk}/decline/")
        .status_code
        == 403
    )
    proposal.refresh_from_db()
    assert proposal.status == "confirmed"


def test_a_countrys_work_space_lists_its_offers_alike_whether_the_e_mail_was_known(cast, reference):
    propose(cast, "head@agesic.gub.uy")
    propose(cast, "new@gov.br")

    page = html(as_user(cast.brazil_delegate).get("/cooperation/workspace/"))

    rows = [row for row in re.findall(r"<tr><td>Somebody</td>.*?</tr>", page)]
    assert len(rows) == 2 and rows[0] == rows[1]
    assert "Hugo" not in page


def test_the_secretariat_declines_a_proposal_from_the_queue(cast, reference):
    propose(cast, "head@agesic.gub.uy")
    proposal = ExpertProposal.objects.get()
    officer = as_user(cast.secretariat)

    declined = officer.post(f"/cooperation/experts/proposals/{proposal.pk}/decline/", follow=True)

    assert "The proposal is declined." in html(declined)
    assert "Hugo Head" not in html(officer.get("/cooperation/queue/"))
    assert not Expert.objects.filter(person__user=cast.uruguay_head).exists()


def test_pages_take_the_same_queries_whatever_the_number_of_rows(
    cast, fund, django_capture_on_commit_callbacks
):
    # One row of each kind first, so that every list and its prefetches are already in use.
    fund.mission_in("closed")
    fund.mission_in("completed", start_date=days(36), end_date=days(38))
    fund.mission_in("planned", start_date=days(25), end_date=days(26))
    fund.request_in("submitted")
    request = fund.request_in("approved")
    propose(cast, Person.objects.create(name="Known", email="known@example.org").email)
    officer, delegate = as_user(cast.secretariat), as_user(cast.uruguay_delegate)
    pages = [
        (officer, "/cooperation/"),
        (officer, "/cooperation/experts/"),
        (officer, "/cooperation/dashboards/"),
        (officer, "/cooperation/queue/"),
        (officer, f"/cooperation/requests/{request.pk}/"),
        (officer, f"/cooperation/requests/{request.pk}/matching/"),
        (delegate, "/cooperation/workspace/"),
    ]
    before = [queries_for(client, url) for client, url in pages]

    # The changes commit, so the fund's figures are computed again rather than read from the cache.
    with django_capture_on_commit_callbacks(execute=True):
        for index in range(3):
            expert = offer(
                cast.secretariat,
                "PER",
                f"Expert {index}",
                f"e{index}@pcm.gob.pe",
                ["interoperability"],
                ["es"],
            )
            services.expert_validate(actor=cast.secretariat, expert=expert)
            offer(
                cast.secretariat, "COL", f"Pending {index}", f"p{index}@mintic.gov.co", ["open-data"], ["es"]
            )
            propose(cast, Person.objects.create(name="Known", email=f"known{index}@example.org").email)
            fund.request_in("submitted")
            fund.request_in("approved")
        fund.mission_in("closed", start_date=days(30), end_date=days(34))
        fund.mission_in("completed", start_date=days(20), end_date=days(24))
        fund.mission_in("planned", start_date=days(27), end_date=days(28))

    assert [queries_for(client, url) for client, url in pages] == before


def test_the_secretariat_reads_the_offered_expert_in_full_before_validating(cast, roster):
    expert = roster.argentina
    expert.bio_es = "Dirige la plataforma de interoperabilidad."
    expert.save(update_fields=["bio_es"])
    officer = as_user(cast.secretariat)

    queue = html(officer.get("/cooperation/queue/"))
    assert f'href="/cooperation/experts/{expert.pk}/validate/">Review and validate' in queue
    page = html(officer.get(f"/cooperation/experts/{expert.pk}/validate/"))

    assert expert.person.name in page
    assert "Argentina" in page
    for area in expert.areas.all():
        assert area.name in page
    assert language_list(expert.person.languages) in page
    assert "Dirige la plataforma de interoperabilidad." in page and "Spanish" in page
    assert expert.person.email in page
    assert Expert.objects.get(pk=expert.pk).status == "offered"

    officer.post(f"/cooperation/experts/{expert.pk}/validate/")
    assert Expert.objects.get(pk=expert.pk).status == "validated"


def test_nobody_but_the_secretariat_reads_the_validation_page(cast, roster):
    for user in (cast.uruguay_delegate, cast.chile_expert):
        client = as_user(user)
        assert client.get(f"/cooperation/experts/{roster.argentina.pk}/validate/").status_code == 403
        assert client.post(f"/cooperation/experts/{roster.argentina.pk}/validate/").status_code == 403
    assert Expert.objects.get(pk=roster.argentina.pk).status == "offered"
