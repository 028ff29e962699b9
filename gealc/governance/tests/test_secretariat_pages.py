"""The Secretariat's pages: each form calls the service the API calls, refuses with the field named and
in the user's language, and is closed to everyone but a Secretariat officer with two-factor
authentication."""

from __future__ import annotations

import datetime
import html
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import make_user
from gealc.core.testing import queries_for
from gealc.governance.models import (
    Activity,
    AgendaItem,
    Election,
    Meeting,
    MeetingDocument,
    Motion,
    NetworkRules,
    WorkPlan,
)
from gealc.governance.services import (
    candidacy_add,
    election_create,
    motion_close,
    motion_create,
    vote_cast,
    workplan_create,
)

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def plan(cast):
    return workplan_create(actor=cast.secretariat, year=2027)


@pytest.fixture
def draft_election(cast, assembly):
    return election_create(actor=cast.secretariat, meeting=assembly, title="Authorities 2027")


@pytest.fixture
def motion(cast, assembly):
    return motion_create(
        actor=cast.secretariat,
        meeting=assembly,
        rule="simple_majority",
        title={"en": "Approve the report"},
        original_language="en",
    )


@pytest.fixture
def pages(assembly, draft_election, motion, plan):
    activity = Activity.objects.create(axis=plan.axes.first(), title_en="Census", lead="secretariat")
    item = AgendaItem.objects.create(meeting=assembly, position=1, title_en="Opening")
    return [
        "/governance/",
        "/governance/rules/",
        "/meetings/new/",
        f"/meetings/{assembly.pk}/edit/",
        f"/meetings/{assembly.pk}/attendance/",
        f"/meetings/{assembly.pk}/agenda/",
        f"/meetings/agenda/{item.pk}/edit/",
        f"/meetings/{assembly.pk}/documents/",
        f"/meetings/{assembly.pk}/elections/new/",
        f"/meetings/{assembly.pk}/motions/new/",
        f"/elections/{draft_election.pk}/candidates/",
        f"/motions/{motion.pk}/edit/",
        "/work-plan/new/",
        f"/work-plan/{plan.year}/activities/new/",
        f"/work-plan/activities/{activity.pk}/edit/",
        f"/work-plan/{plan.year}/approve/",
    ]


def test_every_secretariat_page_opens_for_the_secretariat(cast, pages):
    officer = as_user(cast.secretariat)

    assert {url: officer.get(url).status_code for url in pages} == dict.fromkeys(pages, 200)


def test_a_delegate_gets_403_on_every_secretariat_page(cast, pages):
    delegate = as_user(cast.uruguay_delegate)

    assert {url: delegate.get(url).status_code for url in pages} == dict.fromkeys(pages, 403)
    assert {url: delegate.post(url, {}).status_code for url in pages} == dict.fromkeys(pages, 403)


def test_a_visitor_is_asked_to_sign_in(pages):
    responses = {url: Client().get(url) for url in pages}

    assert all(r.status_code == 302 and "/accounts/login/" in r["Location"] for r in responses.values())


def test_an_officer_without_two_factor_authentication_is_sent_to_set_it_up(pages):
    officer = make_user("new.officer@oas.org", "Nina New", ("secretariat", None))

    responses = {url: as_user(officer).get(url) for url in pages}

    assert {r["Location"] for r in responses.values()} == {"/accounts/2fa/totp/activate/"}


def test_the_governance_page_is_in_the_navigation_of_the_secretariat_only(cast):
    assert 'href="/governance/"' in as_user(cast.secretariat).get("/").content.decode()
    assert 'href="/governance/"' not in as_user(cast.uruguay_head).get("/").content.decode()
    assert 'href="/governance/"' not in Client().get("/").content.decode()
    assert "New meeting" in as_user(cast.secretariat).get("/meetings/").content.decode()
    assert "New meeting" not in Client().get("/meetings/").content.decode()


# Meetings -------------------------------------------------------------------------------------------

MEETING = {
    "kind": "annual",
    "ordinal": "21",
    "original_language": "es",
    "title_es": "XXI Reunión Anual",
    "title_en": "XXI Annual Meeting",
    "start_date": "2027-10-20",
    "end_date": "2027-10-22",
    "host_country": "URY",
    "city_es": "Montevideo",
    "city_pt": "Montevidéu",
}


def test_the_secretariat_creates_a_meeting_with_its_title_in_two_languages(cast):
    response = as_user(cast.secretariat).post("/meetings/new/", MEETING, follow=True)

    meeting = Meeting.objects.get(ordinal=21)
    assert (meeting.title_es, meeting.title_en, meeting.original_language) == (
        "XXI Reunión Anual",
        "XXI Annual Meeting",
        "es",
    )
    assert "The meeting “XXI Annual Meeting” was created." in text(response)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"end_date": "2027-10-19"}, "end_date", "the meeting ends before it starts"),
        ({"title_es": ""}, "title_es", "Give the title in the original language (Spanish)."),
        ({"city_es": " "}, "city_es", "Give the city in the original language (Spanish)."),
    ],
)
def test_a_refused_meeting_names_the_field_and_keeps_what_was_typed(cast, change, field, message):
    response = as_user(cast.secretariat).post("/meetings/new/", {**MEETING, **change})

    form = response.context["form"]
    assert form.errors[field] == [message]
    assert "Montevidéu" in text(response)
    assert not Meeting.objects.filter(ordinal=21).exists()


def test_a_refusal_reaches_the_officer_in_spanish(cast):
    response = as_user(cast.secretariat).post(
        "/meetings/new/", {**MEETING, "end_date": "2027-10-19"}, headers={"accept-language": "es"}
    )

    assert response.context["form"].errors["end_date"] == [
        "la fecha de finalización de la reunión es anterior a la de inicio"
    ]


def test_the_secretariat_edits_a_meeting(cast, assembly):
    response = as_user(cast.secretariat).post(
        f"/meetings/{assembly.pk}/edit/",
        {
            **MEETING,
            "ordinal": "20",
            "original_language": "en",
            "title_en": "XX Annual Meeting, renamed",
            "city_en": "Montevideo",
        },
        follow=True,
    )

    assembly.refresh_from_db()
    assert (assembly.title_en, assembly.city_es, assembly.city_pt) == (
        "XX Annual Meeting, renamed",
        "Montevideo",
        "Montevidéu",
    )
    portuguese = Client().get(f"/meetings/{assembly.pk}/", headers={"accept-language": "pt"})
    assert "Montevidéu" in text(portuguese)
    assert assembly.history.count() == 2
    assert "The meeting was saved." in text(response)


def test_the_attendance_page_records_ticked_and_pasted_countries(cast, assembly):
    response = as_user(cast.secretariat).post(
        f"/meetings/{assembly.pk}/attendance/",
        {"countries": ["URY", "CHL"], "pasted": "Brasil\nArgentine, MEX"},
        follow=True,
    )

    assert sorted(assembly.delegations.values_list("country__iso3", flat=True)) == [
        "ARG",
        "BRA",
        "CHL",
        "MEX",
        "URY",
    ]
    assert "The attendance was recorded: 5 countries present." in text(response)


def test_the_attendance_page_refuses_a_list_as_the_api_does_and_records_nothing(cast, assembly):
    before = set(assembly.delegations.values_list("country__iso3", flat=True))

    response = as_user(cast.secretariat).post(
        f"/meetings/{assembly.pk}/attendance/",
        {"countries": ["URY", "CHL"], "pasted": "Chile\nAtlantis"},
        headers={"accept-language": "es"},
    )

    (error,) = response.context["form"].errors["countries"]
    assert "nombres repetidos: Chile" in error and "Atlantis" in error
    assert set(assembly.delegations.values_list("country__iso3", flat=True)) == before


def test_the_agenda_keeps_its_items_in_order(cast, assembly):
    officer = as_user(cast.secretariat)
    url = f"/meetings/{assembly.pk}/agenda/"

    officer.post(url, {"add": "1", "title_en": "Elections", "title_es": "Elecciones"})
    officer.post(url, {"add": "1", "title_en": "Opening", "position": "0"})
    refused = officer.post(url, {"add": "1", "title_es": "Sin inglés"})
    page = text(officer.get(f"/meetings/{assembly.pk}/"))

    assert list(assembly.agenda.order_by("position").values_list("title_en", flat=True)) == [
        "Opening",
        "Elections",
    ]
    assert refused.context["form"].errors["title_en"] == [
        "Give the title in the original language (English)."
    ]
    assert page.index("Opening") < page.index("Elections")

    officer.post(url, {"remove": assembly.agenda.get(title_en="Opening").pk})
    assert list(assembly.agenda.values_list("title_en", flat=True)) == ["Elections"]


def test_a_document_is_a_link_or_an_uploaded_file(cast, assembly):
    officer = as_user(cast.secretariat)
    url = f"/meetings/{assembly.pk}/documents/"

    officer.post(url, {"add": "1", "title": "Minutes", "language": "es", "url": "https://example.org/acta"})
    officer.post(
        url,
        {"add": "1", "title": "Report", "language": "en", "upload": SimpleUploadedFile("report.pdf", PDF)},
    )
    neither = officer.post(url, {"add": "1", "title": "Nothing", "language": "en"})
    disguised = officer.post(
        url,
        {"add": "1", "title": "Fake", "language": "en", "upload": SimpleUploadedFile("x.pdf", b"MZ\x90\x00")},
    )

    report = MeetingDocument.objects.get(title="Report")
    download = Client().get(f"/meetings/documents/{report.pk}/file")
    assert MeetingDocument.objects.get(title="Minutes").url == "https://example.org/acta"
    assert b"".join(download.streaming_content) == PDF
    assert neither.context["form"].errors["url"] == ["Give either a web address or a file, not both."]
    assert "upload" in disguised.context["form"].errors
    assert (
        f"/meetings/documents/{report.pk}/file" in Client().get(f"/meetings/{assembly.pk}/").content.decode()
    )


# Elections ------------------------------------------------------------------------------------------


def test_the_secretariat_creates_an_election_with_the_contests_it_ticks(cast, assembly):
    response = as_user(cast.secretariat).post(
        f"/meetings/{assembly.pk}/elections/new/",
        {
            "original_language": "en",
            "title_en": "Authorities 2027",
            "ballot_type": "open",
            "contests": ["presidency", "committee-andean"],
        },
        follow=True,
    )

    election = Election.objects.get(meeting=assembly)
    assert election.ballot_type == "open"
    assert list(election.contests.values_list("key", flat=True)) == ["presidency", "committee-andean"]
    assert "nominate its candidates, then open the voting" in text(response)


def test_an_election_without_a_title_or_contest_is_refused_with_the_fields_named(cast, assembly):
    response = as_user(cast.secretariat).post(
        f"/meetings/{assembly.pk}/elections/new/",
        {"original_language": "es", "title_en": "Authorities 2027", "ballot_type": "secret"},
    )

    # The title is missing in the language it is said to be written in.
    assert set(response.context["form"].errors) == {"title_es", "contests"}
    assert "Give the title in the original language (Spanish)." in text(response)
    assert not Election.objects.exists()


def test_the_secretariat_nominates_candidates_and_a_stranger_is_refused_next_to_the_field(
    cast, draft_election
):
    officer = as_user(cast.secretariat)
    url = f"/elections/{draft_election.pk}/candidates/"

    added = officer.post(url, {"contest": "committee-mercosur", "country": "URY"}, follow=True)
    refused = officer.post(url, {"contest": "committee-mercosur", "country": "MEX"})

    assert "Uruguay stands in “Executive Committee — Mercosur”." in text(added)
    assert refused.context["form"].errors["country"] == [
        "Mexico does not belong to the subregion of this contest (Mercosur)"
    ]
    assert "Nominate candidates" in officer.get(f"/elections/{draft_election.pk}/").content.decode()


def _open_election(cast, assembly):
    election = election_create(actor=cast.secretariat, meeting=assembly, title="Authorities 2027")
    for contest, code in [("presidency", "DOM"), ("presidency", "URY")]:
        candidacy_add(actor=cast.secretariat, election=election, contest_key=contest, country_code=code)
    Election.objects.filter(pk=election.pk).update(status="open")
    election.refresh_from_db()
    return election


# Motions --------------------------------------------------------------------------------------------


def test_the_secretariat_puts_a_motion_to_the_meeting(cast, assembly):
    response = as_user(cast.secretariat).post(
        f"/meetings/{assembly.pk}/motions/new/",
        {
            "rule": "two_thirds",
            "original_language": "pt",
            "title_pt": "Aprovar o relatório",
            "text_pt": "...",
        },
        follow=True,
    )

    motion = Motion.objects.get(meeting=assembly)
    assert (motion.rule, motion.title_pt, motion.status) == ("two_thirds", "Aprovar o relatório", "open")
    assert "The resolution was put to the meeting: voting is open." in text(response)


def test_a_motion_is_edited_before_the_votes_and_what_was_voted_stays_after(cast, heads, motion):
    officer = as_user(cast.secretariat)
    url = f"/motions/{motion.pk}/edit/"

    officer.post(url, {"original_language": "en", "title_en": "Approve the annual report", "note": ""})
    vote_cast(actor=heads["URY"], motion=motion, option="yes")
    refused = officer.post(url, {"original_language": "en", "title_en": "Something else", "note": ""})
    translated = officer.post(
        url, {"original_language": "en", "title_en": "Approve the annual report", "title_es": "Aprobar"}
    )

    motion.refresh_from_db()
    assert (motion.title_en, motion.title_es) == ("Approve the annual report", "Aprobar")
    assert refused.context["form"].errors["title_en"] == [
        "Votes have been cast on this motion: its title in English can no longer change. A translation may "
        "be added in a language it lacks."
    ]
    assert translated.status_code == 302


# Work plans -----------------------------------------------------------------------------------------


def test_the_secretariat_creates_a_work_plan_and_a_second_for_the_same_year_is_refused(cast):
    officer = as_user(cast.secretariat)

    officer.post("/work-plan/new/", {"year": "2028"})
    refused = officer.post("/work-plan/new/", {"year": "2028"})

    assert WorkPlan.objects.get().axes.count() == 4
    assert refused.context["form"].errors["year"] == ["there is already a work plan for 2028"]


def test_the_secretariat_adds_and_edits_an_activity(cast, plan):
    officer = as_user(cast.secretariat)
    axis = plan.axes.get(code="open-data")

    refused = officer.post(
        f"/work-plan/{plan.year}/activities/new/",
        {"axis": axis.pk, "title_en": "Open data census", "lead": "country"},
    )
    officer.post(
        f"/work-plan/{plan.year}/activities/new/",
        {"axis": axis.pk, "title_en": "Open data census", "lead": "country", "lead_country": "URY"},
    )
    activity = Activity.objects.get()
    officer.post(
        f"/work-plan/activities/{activity.pk}/edit/",
        {"axis": axis.pk, "title_en": "Open data census", "lead": "group", "lead_group": "Open data group"},
    )

    activity.refresh_from_db()
    assert refused.context["form"].errors["lead_country"] == ["Say which country leads the activity."]
    assert (activity.lead, activity.lead_group, activity.lead_country) == ("group", "Open data group", None)
    assert "Open data census" in officer.get(f"/work-plan/{plan.year}/").content.decode()


def test_the_secretariat_records_the_approval_of_a_plan_by_a_resolution_that_passed(
    cast, heads, plan, motion
):
    officer = as_user(cast.secretariat)
    vote_cast(actor=heads["URY"], motion=motion, option="yes")
    motion_close(actor=cast.secretariat, motion=motion)

    response = officer.post(f"/work-plan/{plan.year}/approve/", {"motion": motion.pk}, follow=True)

    plan.refresh_from_db()
    assert (plan.status, plan.approved_by) == ("approved", motion)
    assert "The work plan for 2027 is approved." in text(response)


# The network's rules --------------------------------------------------------------------------------

RULES = {
    "quorum_fraction": "0.5",
    "min_turnout_fraction": "0.5",
    "committee_term_months": "12",
    "min_ballots_published": "3",
}


def test_the_secretariat_sets_a_minimum_turnout_and_the_history_keeps_who_changed_it(cast):
    NetworkRules.current()
    officer = as_user(cast.secretariat)

    response = officer.post("/governance/rules/", RULES, follow=True)

    rules = NetworkRules.current()
    latest = rules.history.order_by("-history_date").first()
    assert rules.min_turnout_fraction == Decimal("0.5")
    assert (latest.min_turnout_fraction, latest.history_user) == (Decimal("0.5"), cast.secretariat)
    assert rules.history.count() == 2
    assert "The network&#x27;s rules were saved." in response.content.decode()
    assert "Olivia Officer" in response.content.decode()


def test_a_turnout_out_of_range_is_refused_next_to_its_field(cast):
    response = as_user(cast.secretariat).post("/governance/rules/", {**RULES, "min_turnout_fraction": "1.5"})

    assert "min_turnout_fraction" in response.context["form"].errors
    assert NetworkRules.current().min_turnout_fraction == Decimal("0")


def test_the_pages_read_dates_through_the_plain_date_filter(cast, assembly):
    page = as_user(cast.secretariat).get("/governance/").content.decode()

    assert "20 Oct 2026" in page  # the language's DATE_FORMAT, never a format written in a template


def test_the_governance_page_takes_as_many_queries_with_more_meetings_and_votes(cast, assembly):
    officer = as_user(cast.secretariat)
    election_create(actor=cast.secretariat, meeting=assembly, title="Authorities")
    motion_create(
        actor=cast.secretariat, meeting=assembly, rule="consensus", title={"en": "M"}, original_language="en"
    )
    workplan_create(actor=cast.secretariat, year=2029)
    queries_for(officer, "/governance/")  # the session's first request writes what later ones read
    before = queries_for(officer, "/governance/")
    for number in range(30, 36):
        meeting = Meeting.objects.create(
            kind="annual",
            ordinal=number,
            title_en=f"Meeting {number}",
            start_date=datetime.date(2030, 1, number - 29),
            end_date=datetime.date(2030, 1, number - 29),
            host_country=assembly.host_country,
            city_en="Lima",
        )
        election_create(actor=cast.secretariat, meeting=meeting, title=f"Election {number}")
        motion_create(
            actor=cast.secretariat,
            meeting=meeting,
            rule="consensus",
            title={"en": f"Motion {number}"},
            original_language="en",
        )
        workplan_create(actor=cast.secretariat, year=2000 + number)

    assert queries_for(officer, "/governance/") == before


def test_a_tied_election_gets_its_runoff_from_its_page(cast, heads, assembly):
    from gealc.governance.services import ballot_cast, election_close

    election = _open_election(cast, assembly)
    ballot_cast(actor=heads["URY"], election=election, choices={"presidency": ["URY"]})
    ballot_cast(actor=heads["BRA"], election=election, choices={"presidency": ["DOM"]})
    election_close(actor=cast.secretariat, election=election)

    response = as_user(cast.secretariat).post(f"/elections/{election.pk}/runoff/", follow=True)

    runoff = Election.objects.get(runoff_of=election)
    assert response.redirect_chain[-1][0] == f"/elections/{runoff.pk}/"
    assert "The runoff is prepared with the contests that had no result." in text(response)
    assert sorted(runoff.contests.get().candidacies.values_list("country__iso3", flat=True)) == ["DOM", "URY"]
