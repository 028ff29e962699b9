"""The Secretariat's admin writes governance records through the same services as the pages and the
API: what they log, it logs; what they create with a record, it creates once."""

import pytest
from django.test import Client

from gealc.core.errors import Conflict, ServiceError
from gealc.core.models import DecisionEvent
from gealc.governance.models import Motion, WorkPlan
from gealc.governance.services import (
    DEFAULT_AXES,
    election_create,
    motion_close,
    motion_create,
    motion_edit,
    vote_cast,
)


@pytest.fixture
def officer(cast) -> Client:
    client = Client()
    client.force_login(cast.secretariat)
    return client


def events(action: str, target: object) -> list[DecisionEvent]:
    return list(DecisionEvent.objects.filter(action=action, object_id=str(target.pk)))


@pytest.mark.parametrize(
    "model", ["meeting", "motion", "election", "committeemembership", "axis", "workplan"]
)
def test_the_secretariat_opens_each_list_of_governance_in_the_admin(officer, assembly, model):
    assert officer.get(f"/admin/governance/{model}/").status_code == 200


def test_adding_a_motion_in_the_admin_records_it_in_the_decision_log(officer, assembly):
    response = officer.post(
        "/admin/governance/motion/add/",
        {
            "meeting": assembly.pk,
            "title_en": "Approve the 2027 work plan",
            "title_es": "Aprobar el plan de trabajo 2027",
            "original_language": "es",
            "rule": "two_thirds",
            "_continue": "1",
        },
    )

    assert response.status_code == 302, response.content.decode()
    motion = Motion.objects.get(meeting=assembly)
    assert response["Location"] == f"/admin/governance/motion/{motion.pk}/change/"
    assert (motion.meeting, motion.title_es, motion.rule, motion.status) == (
        assembly,
        "Aprobar el plan de trabajo 2027",
        "two_thirds",
        "open",
    )
    (created,) = events("motion.create", motion)
    assert created.payload == {"rule": "two_thirds"}


def test_editing_a_closed_motion_in_the_admin_changes_its_texts_and_keeps_its_result(
    officer, cast, heads, assembly
):
    motion = motion_create(
        actor=cast.secretariat,
        meeting=assembly,
        title={"en": "Commitment"},
        original_language="en",
        rule="consensus",
    )
    vote_cast(actor=heads["URY"], motion=motion, option="yes")
    motion_close(actor=cast.secretariat, motion=motion)

    response = officer.post(
        f"/admin/governance/motion/{motion.pk}/change/",
        {"title_en": "Commitment", "title_fr": "Engagement", "original_language": "en"},
    )

    assert response.status_code == 302, response.content.decode()
    motion.refresh_from_db()
    assert (motion.title_fr, motion.status, motion.result, motion.quorum["met"]) == (
        "Engagement",
        "closed",
        "pass",
        True,
    )
    (edited,) = events("motion.edit", motion)
    assert edited.payload == {"fields": ["title_fr"]}


def test_adding_a_work_plan_in_the_admin_gives_it_the_default_axes_once(officer):
    form = officer.get("/admin/governance/workplan/add/").content.decode()

    response = officer.post("/admin/governance/workplan/add/", {"year": 2030})

    assert 'name="axes-TOTAL_FORMS"' not in form
    assert response.status_code == 302, response.content.decode()
    plan = WorkPlan.objects.get(year=2030)
    assert list(plan.axes.values_list("code", flat=True)) == [code for code, *_titles in DEFAULT_AXES]
    assert (
        'name="axes-TOTAL_FORMS" value="4"'
        in officer.get(f"/admin/governance/workplan/{plan.pk}/change/").content.decode()
    )


def test_a_work_plan_year_taken_is_refused_in_the_admin(officer, cast):
    officer.post("/admin/governance/workplan/add/", {"year": 2030})

    again = officer.post("/admin/governance/workplan/add/", {"year": 2030})

    assert again.status_code == 200
    assert "Work plan with this Year already exists." in again.content.decode()
    assert WorkPlan.objects.get().axes.count() == 4


def test_nobody_else_opens_governance_in_the_admin(cast):
    client = Client()
    client.force_login(cast.uruguay_head)

    assert client.get("/admin/governance/motion/add/").status_code in (302, 403)


def test_the_service_behind_the_admin_keeps_a_title_in_the_original_language(cast, assembly):
    motion = motion_create(
        actor=cast.secretariat,
        meeting=assembly,
        title={"en": "Commitment"},
        original_language="en",
        rule="consensus",
    )

    with pytest.raises(ServiceError) as no_spanish_title:
        motion_edit(actor=cast.secretariat, motion=motion, original_language="es")
    with pytest.raises(ServiceError) as emptied:
        motion_edit(actor=cast.secretariat, motion=motion, title={"en": " "})
    with pytest.raises(ServiceError) as unknown:
        motion_edit(actor=cast.secretariat, motion=motion, original_language="xx")

    assert (no_spanish_title.value.field, emptied.value.field, unknown.value.field) == (
        "title.es",
        "title.en",
        "original_language",
    )
    motion.refresh_from_db()
    assert (motion.title_en, motion.original_language) == ("Commitment", "en")
    assert events("motion.edit", motion) == []


@pytest.fixture
def voted(cast, heads, assembly) -> Motion:
    motion = motion_create(
        actor=cast.secretariat,
        meeting=assembly,
        title={"en": "Commitment"},
        text={"en": "The network commits to open data."},
        original_language="en",
        rule="consensus",
    )
    vote_cast(actor=heads["URY"], motion=motion, option="yes")
    return motion


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": {"en": "Another commitment"}}, "title.en"),
        ({"text": {"en": "The network commits to nothing."}}, "text.en"),
        ({"text": {"en": ""}}, "text.en"),
    ],
)
def test_what_was_voted_on_cannot_change_once_a_vote_is_cast(cast, voted, changes, field):
    with pytest.raises(Conflict) as refused:
        motion_edit(actor=cast.secretariat, motion=voted, **changes)

    assert refused.value.field == field
    assert "Votes have been cast on this motion" in str(refused.value)
    voted.refresh_from_db()
    assert (voted.title_en, voted.text_en) == ("Commitment", "The network commits to open data.")
    assert events("motion.edit", voted) == []


def test_the_original_language_cannot_change_once_a_vote_is_cast(cast, voted):
    with pytest.raises(Conflict) as refused:
        motion_edit(actor=cast.secretariat, motion=voted, title={"es": "Compromiso"}, original_language="es")

    assert refused.value.field == "original_language"
    voted.refresh_from_db()
    assert (voted.original_language, voted.title_es) == ("en", "")


def test_a_translation_in_a_language_without_text_may_still_be_added_after_the_votes(cast, voted):
    motion_edit(actor=cast.secretariat, motion=voted, title={"es": "Compromiso", "en": "Commitment"})

    voted.refresh_from_db()
    assert (voted.title_en, voted.title_es) == ("Commitment", "Compromiso")


def test_the_admin_shows_the_voted_texts_read_only_and_keeps_them(officer, voted):
    form = officer.get(f"/admin/governance/motion/{voted.pk}/change/").content.decode()
    assert 'name="title_en"' not in form and 'name="text_en"' not in form
    assert 'name="title_es"' in form

    response = officer.post(
        f"/admin/governance/motion/{voted.pk}/change/",
        {"title_en": "Changed", "text_en": "Changed", "title_es": "Compromiso"},
    )

    assert response.status_code == 302, response.content.decode()
    voted.refresh_from_db()
    assert (voted.title_en, voted.text_en, voted.title_es) == (
        "Commitment",
        "The network commits to open data.",
        "Compromiso",
    )


def test_the_admin_shows_an_election_s_title_in_each_language_and_finds_it_by_any(officer, cast, assembly):
    election = election_create(
        actor=cast.secretariat,
        meeting=assembly,
        title={"es": "Autoridades 2027", "en": "Authorities 2027"},
        original_language="es",
    )

    page = officer.get(f"/admin/governance/election/{election.pk}/change/").content.decode()
    found = officer.get("/admin/governance/election/", {"q": "Autoridades"}).content.decode()

    for language in ("English", "Spanish", "Portuguese", "French"):
        assert f"Title ({language})" in page
    assert "Autoridades 2027" in page and "Authorities 2027" in page
    assert f"/admin/governance/election/{election.pk}/change/" in found
