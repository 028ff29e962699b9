import datetime

import pytest
from django.test import Client

from gealc.core.errors import ServiceError
from gealc.core.testing import queries_for
from gealc.governance.models import Activity, Axis, Motion, WorkPlan
from gealc.governance.services import (
    motion_close,
    motion_create,
    progress_report,
    vote_cast,
    workplan_approve,
    workplan_create,
)
from gealc.members.models import Country


def test_the_committee_history_goes_back_to_mexicos_presidency_in_2015(reference):
    in_2016 = Client().get("/api/v1/committee", {"date": "2016-01-15"}).json()
    in_2020 = Client().get("/api/v1/committee", {"date": "2020-01-15"}).json()

    assert in_2016["president"]["country"] == "MEX"
    assert "Secretaría de la Función Pública" in in_2016["president"]["institution"]
    assert in_2020["president"] is None


def test_a_bad_committee_date_is_a_422_naming_it(reference):
    response = Client().get("/api/v1/committee", {"date": "yesterday"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "date"]


def test_the_committee_page_shows_a_date_and_the_history(reference):
    html = Client().get("/committee/", {"date": "2016-03-01"}).content.decode()

    assert "Mexico" in html
    assert "27 Oct 2015" in html  # the one way dates read in English (gealc/core/formats)


@pytest.fixture
def plan(cast) -> WorkPlan:
    plan = workplan_create(actor=cast.secretariat, year=2026)
    axis = Axis.objects.get(workplan=plan, code="public-software")
    Activity.objects.create(
        axis=axis,
        title_en="Regional public-software workshop",
        lead="country",
        lead_country=Country.objects.get(iso3="URY"),
    )
    Activity.objects.create(
        axis=axis,
        title_en="Catalogue of shared solutions",
        lead="secretariat",
        progress=40,
        status="in_progress",
    )
    return plan


def test_a_new_work_plan_has_the_four_axes_of_the_brief(plan):
    assert list(plan.axes.values_list("title_en", flat=True)) == [
        "Public software",
        "Open data",
        "Measurement of digital government",
        "Knowledge management",
    ]


def test_the_lead_country_reports_progress_and_each_update_is_kept(cast, plan):
    workshop = Activity.objects.get(title_en="Regional public-software workshop")
    client = Client()
    client.force_login(cast.uruguay_delegate)

    first = client.post(
        f"/api/v1/activities/{workshop.pk}/progress",
        {"progress": 30, "note": "venue chosen"},
        content_type="application/json",
    )
    second = client.post(
        f"/api/v1/activities/{workshop.pk}/progress",
        {"progress": 60, "evidence": "https://example.org/agenda"},
        content_type="application/json",
    )

    assert (first.status_code, second.status_code) == (201, 201)
    axis = next(a for a in second.json()["axes"] if a["code"] == "public-software")
    assert axis["progress"] == 50
    assert axis["activities"][0]["evidence"] == ["https://example.org/agenda"]
    assert list(workshop.updates.values_list("progress", flat=True)) == [60, 30]


def test_only_the_lead_reports_progress(cast, plan):
    workshop = Activity.objects.get(title_en="Regional public-software workshop")
    client = Client()
    client.force_login(cast.brazil_delegate)

    response = client.post(
        f"/api/v1/activities/{workshop.pk}/progress", {"progress": 90}, content_type="application/json"
    )

    assert response.status_code == 403
    workshop.refresh_from_db()
    assert workshop.progress == 0


def test_the_plan_is_approved_by_a_motion_that_passed(cast, heads, assembly, plan):
    motion = motion_create(
        actor=cast.secretariat,
        meeting=assembly,
        title={"en": "Approve the 2026 work plan"},
        original_language="en",
        rule="simple_majority",
    )
    vote_cast(actor=heads["URY"], motion=motion, option="yes")
    motion_close(actor=cast.secretariat, motion=motion)

    workplan_approve(actor=cast.secretariat, plan=plan, motion=Motion.objects.get(pk=motion.pk))

    body = Client().get("/api/v1/workplans/2026").json()
    assert (body["status"], body["approved_by"]) == ("approved", motion.pk)
    assert Client().get("/api/v1/workplans/1999").status_code == 404


def test_the_work_plan_page_shows_progress_per_axis_and_what_changed_since_the_last_meeting(
    cast, plan, reference
):
    workshop = Activity.objects.get(title_en="Regional public-software workshop")
    progress_report(
        actor=cast.uruguay_delegate,
        activity=workshop,
        progress=80,
        note="materials ready",
        date=datetime.date.today(),
    )

    html = Client().get("/work-plan/2026/").content.decode()

    # The axis averages its two activities: 80 % and 40 %.
    assert '<progress max="100" value="60" aria-label="Public software">' in html
    assert "What changed since the XIX Annual Meeting of RED GEALC" in html
    assert "materials ready" in html


def test_the_governance_pages_take_the_same_queries_whatever_the_number_of_rows(cast, assembly, plan):
    pages = ["/meetings/", f"/meetings/{assembly.pk}/", "/committee/", "/work-plan/2026/"]

    before = {url: queries_for(Client(), url) for url in pages}
    axis = Axis.objects.get(workplan=plan, code="open-data")
    for number in range(5):
        Activity.objects.create(
            axis=axis,
            title_en=f"Open data activity {number}",
            lead="country",
            lead_country=Country.objects.get(iso3="BRA"),
        )
        motion_create(
            actor=cast.secretariat,
            meeting=assembly,
            title={"en": f"Motion {number}"},
            original_language="en",
            rule="consensus",
        )

    after = {url: queries_for(Client(), url) for url in pages}
    assert all(after[url] <= before[url] for url in pages), (before, after)


@pytest.mark.parametrize(
    "day", [datetime.date(1, 1, 1), datetime.date(1989, 12, 31), datetime.date(2101, 1, 1)]
)
def test_progress_dated_outside_the_networks_life_is_refused_naming_the_date(cast, plan, day):
    workshop = Activity.objects.get(title_en="Regional public-software workshop")

    with pytest.raises(ServiceError) as refused:
        progress_report(actor=cast.uruguay_delegate, activity=workshop, progress=50, date=day)

    assert refused.value.field == "date"
    assert str(refused.value) == "The date must be between 1990-01-01 and 2100-12-31."
    workshop.refresh_from_db()
    assert (workshop.progress, workshop.updates.count()) == (0, 0)


def test_progress_dated_at_the_edges_of_the_range_is_kept(cast, plan):
    workshop = Activity.objects.get(title_en="Regional public-software workshop")

    for day in (datetime.date(1990, 1, 1), datetime.date(2100, 12, 31)):
        progress_report(actor=cast.uruguay_delegate, activity=workshop, progress=50, date=day)

    assert workshop.updates.count() == 2


def test_an_activity_dated_in_the_year_one_is_refused_in_the_admin(cast, plan):
    officer = Client()
    officer.force_login(cast.secretariat)
    axis = Axis.objects.get(workplan=plan, code="public-software")
    activities = list(axis.activities.order_by("pk"))
    form = {
        "title_en": axis.title_en,
        "workplan": plan.pk,
        "code": axis.code,
        "position": axis.position,
        "activities-TOTAL_FORMS": str(len(activities)),
        "activities-INITIAL_FORMS": str(len(activities)),
        "activities-MIN_NUM_FORMS": "0",
        "activities-MAX_NUM_FORMS": "1000",
    }
    for index, activity in enumerate(activities):
        form |= {
            f"activities-{index}-id": activity.pk,
            f"activities-{index}-axis": axis.pk,
            f"activities-{index}-title_en": activity.title_en,
            f"activities-{index}-lead": activity.lead,
            f"activities-{index}-lead_country": activity.lead_country_id or "",
            f"activities-{index}-progress": activity.progress,
            f"activities-{index}-status": activity.status,
            f"activities-{index}-evidence": "[]",
        }
    form["activities-0-start_date"] = "0001-01-01"

    response = officer.post(f"/admin/governance/axis/{axis.pk}/change/", form)

    assert response.status_code == 200
    assert "The date must be between 1990-01-01 and 2100-12-31." in response.content.decode()
    assert Activity.objects.get(pk=activities[0].pk).start_date is None
