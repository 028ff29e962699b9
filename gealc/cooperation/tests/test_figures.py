"""The dashboards, charts and flows are computed once and kept in the cache; every service that changes
what they count makes the next read recompute, so a change shows at once."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gealc.cooperation import services
from gealc.cooperation.models import Baseline
from gealc.cooperation.selectors import baselines


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_a_mission_that_starts_shows_at_once_on_the_dashboards_charts_and_flows(
    client: Client, fund, django_capture_on_commit_callbacks
):
    assert "<td>Chile</td><td>Uruguay</td>" not in html(client.get("/cooperation/dashboards/"))
    assert b"Chile" not in client.get("/cooperation/charts/flows.svg").content
    assert client.get("/api/v1/cooperation/flows").json()["items"] == []

    with django_capture_on_commit_callbacks(execute=True):
        fund.mission_in("in_progress")

    assert "<td>Chile</td><td>Uruguay</td><td>1</td>" in html(client.get("/cooperation/dashboards/"))
    assert b"Chile" in client.get("/cooperation/charts/flows.svg").content
    assert client.get("/api/v1/cooperation/flows").json()["items"][0]["missions"] == 1


def test_the_dashboards_read_the_missions_once_and_then_from_the_cache(client: Client, fund):
    fund.mission_in("in_progress")
    html(client.get("/cooperation/dashboards/"))

    with CaptureQueriesContext(connection) as again:
        html(client.get("/cooperation/dashboards/"))

    assert not [q for q in again.captured_queries if "cooperation_mission" in q["sql"]]


def test_a_validated_expert_counts_at_once_in_the_historical_baselines(
    fund, django_capture_on_commit_callbacks
):
    Baseline.objects.create(
        code="roster",
        label_en="Experts on the roster",
        measure="roster_size",
        value=200,
        source_en="A report",
    )
    before = baselines()[0].recorded

    with django_capture_on_commit_callbacks(execute=True):
        services.expert_validate(actor=fund.cast.secretariat, expert=fund.roster.argentina)

    assert baselines()[0].recorded == before + 1


def test_a_change_rolled_back_leaves_the_figures_as_they_were(client: Client, fund):
    from gealc.core import figures

    version = figures.version("cooperation")
    fund.mission_in("in_progress")  # the test's transaction never commits

    assert figures.version("cooperation") == version


def test_the_dashboards_show_the_largest_flows_and_say_how_many_the_api_lists(
    client: Client, fund, monkeypatch
):
    from gealc.cooperation import views

    fund.mission_in("in_progress")
    monkeypatch.setattr(views, "DASHBOARD_FLOWS", 0)

    page = html(client.get("/cooperation/dashboards/"))

    assert "<td>Chile</td><td>Uruguay</td>" not in page
    assert "The 0 largest of 1 flows; the API lists them all:" in page
    assert client.get("/api/v1/cooperation/flows").json()["count"] == 1
