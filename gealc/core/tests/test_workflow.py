"""A procedure declared only in this file gets its buttons, its page and its API operations from
``gealc.core.workflow``: a new step needs its declaration and its service, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
import rules
from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template import engines
from django.test import Client
from django.urls import include, path
from ninja import NinjaAPI, Router, Schema

from gealc.core.errors import Conflict, ServiceError, require
from gealc.core.workflow import (
    action_list,
    add_step_endpoints,
    check_step,
    record_step,
    step,
    steps,
    take_step,
)


@dataclass
class Bell:
    pk: int
    state: str = "silent"
    loudness: int = 0


BELLS: dict[int, Bell] = {}


# The services: they check the permission and the state, and write (here, in memory).
def bell_ring(*, actor: Any, bell: Bell, loudness: int) -> Bell:
    require(actor, "tests.ring_bell", bell)
    check_step(BELL_STEPS, "ring", state=bell.state, state_label=bell.state, what="bell")
    if loudness > 10:
        raise ServiceError("That would wake the neighbours.", field="loudness")
    bell.state, bell.loudness = "ringing", loudness
    return bell


def bell_hush(*, actor: Any, bell: Bell) -> Bell:
    require(actor, "tests.ring_bell", bell)
    check_step(BELL_STEPS, "hush", state=bell.state, state_label=bell.state, what="bell")
    bell.state = "silent"
    return bell


class RingForm(forms.Form):
    loudness = forms.IntegerField(label="Loudness", min_value=1)


class RingIn(Schema):
    loudness: int


# The whole procedure, one declaration per step.
BELL_STEPS = steps(
    step(
        "ring",
        {"silent"},
        "ringing",
        "tests.ring_bell",
        record="bell",
        service=bell_ring,
        form=RingForm,
        schema=RingIn,
        label="ring the bell",
        past="rung",
        success="The bell rings.",
        operation="ring_bell",
        summary="Ring a bell",
    ),
    # Named after its record: the service ``bell_hush`` of this module, the operation ``hush_bell``.
    record_step("bell", __name__)(
        "hush",
        {"ringing"},
        "silent",
        "tests.ring_bell",
        label="hush",
        past="hushed",
        success="The bell is silent.",
    ),
)


# What an app writes once for a kind of record: its page, its generic POST view and its API router.
PAGE = engines["django"].from_string(
    "{% for message in messages %}<p class=message>{{ message }}</p>{% endfor %}"
    "<p>The bell is {{ bell.state }}.</p>{% include 'core/_actions.html' %}"
)


def _bell(pk: int) -> Bell:
    if pk not in BELLS:
        raise Http404("No such bell")
    return BELLS[pk]


def bell_page(request: HttpRequest, pk: int) -> HttpResponse:
    bell = _bell(pk)
    actions = action_list(request.user, BELL_STEPS, bell, state=bell.state, url_name="bell_step")
    return HttpResponse(PAGE.render({"bell": bell, "actions": actions}, request))


def bell_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    take_step(request, BELL_STEPS, action, _bell(pk))
    return redirect("bell", pk)


router = Router()
add_step_endpoints(
    router,
    BELL_STEPS,
    path="/bells/{bell_id}",
    id_name="bell_id",
    id_type=int,
    find=lambda request, bell_id: _bell(bell_id),
    answer=lambda request, bell_id, bell: {"state": bell.state, "loudness": bell.loudness},
    out=dict[str, Any],
    errors={},
    actor=lambda request: request.user,
    auth=None,
    module=__name__,
)
api = NinjaAPI(urls_namespace="bells-test", docs_url=None)
api.add_router("", router)


@api.exception_handler(ServiceError)
def refused(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=exc.status)


urlpatterns = [
    path("bells/<int:pk>/", bell_page, name="bell"),
    path("bells/<int:pk>/<slug:action>/", bell_step, name="bell_step"),
    path("api/", api.urls),
    # The site's own pages, for what the context processors link to.
    path("", include("gealc.urls")),
]


@pytest.fixture
def bell():
    rules.add_perm("tests.ring_bell", rules.is_authenticated)
    BELLS.clear()
    BELLS[1] = Bell(pk=1)
    yield BELLS[1]
    rules.remove_perm("tests.ring_bell")
    BELLS.clear()


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


pytestmark = pytest.mark.urls(__name__)


def test_the_include_shows_the_steps_the_state_allows_with_their_form_fields(cast, bell):
    page = signed_in(cast.uruguay_delegate).get("/bells/1/").content.decode()

    assert 'action="/bells/1/ring/"' in page
    assert '<label for="ring-loudness">Loudness:</label>' in page
    assert ">Ring the bell</button>" in page
    assert "Hush" not in page


def test_a_visitor_who_may_not_take_the_steps_sees_none(db, bell):
    page = Client().get("/bells/1/").content.decode()

    assert "What you can do now" not in page


def test_the_generic_view_takes_the_step_and_says_so(cast, bell):
    client = signed_in(cast.uruguay_delegate)

    rung = client.post("/bells/1/ring/", {"loudness": "3"}, follow=True).content.decode()

    assert (bell.state, bell.loudness) == ("ringing", 3)
    assert "<p class=message>The bell rings.</p>" in rung
    assert "<p>The bell is ringing.</p>" in rung
    assert ">Hush</button>" in rung
    hushed = client.post("/bells/1/hush/", follow=True).content.decode()
    assert "<p class=message>The bell is silent.</p>" in hushed


def test_the_generic_view_shows_what_the_form_or_the_service_refused(cast, bell):
    client = signed_in(cast.uruguay_delegate)

    empty = client.post("/bells/1/ring/", {"loudness": ""}, follow=True).content.decode()
    loud = client.post("/bells/1/ring/", {"loudness": "11"}, follow=True).content.decode()
    assert bell.state == "silent"
    client.post("/bells/1/ring/", {"loudness": "2"})
    again = client.post("/bells/1/ring/", {"loudness": "2"}, follow=True).content.decode()

    assert "<p class=message>Loudness: This field is required.</p>" in empty
    assert "<p class=message>That would wake the neighbours.</p>" in loud
    assert "The bell is in the state “ringing”: it cannot be rung now." in again
    assert client.post("/bells/1/toll/").status_code == 404


def test_each_step_is_an_api_operation_with_its_own_input(cast, bell):
    client = signed_in(cast.uruguay_delegate)

    rung = client.post("/api/bells/1/ring", {"loudness": 4}, content_type="application/json")
    again = client.post("/api/bells/1/ring", {"loudness": 4}, content_type="application/json")
    hushed = client.post("/api/bells/1/hush", {"nothing": 1}, content_type="application/json")

    assert (rung.status_code, rung.json()) == (200, {"state": "ringing", "loudness": 4})
    assert (again.status_code, again.json()) == (
        409,
        {"detail": "The bell is in the state “ringing”: it cannot be rung now."},
    )
    assert (hushed.status_code, bell.state) == (200, "silent")
    assert client.post("/api/bells/1/ring", {}, content_type="application/json").status_code == 422


def test_the_openapi_has_one_operation_per_step_with_its_input_schema():
    paths = api.get_openapi_schema()["paths"]

    operations = {
        path: (
            operation["post"]["operationId"],
            operation["post"]["summary"],
            operation["post"]
            .get("requestBody", {})
            .get("content", {})
            .get("application/json", {})
            .get("schema"),
        )
        for path, operation in paths.items()
    }
    assert operations == {
        "/api/bells/{bell_id}/ring": (
            "gealc_core_tests_test_workflow_ring_bell",
            "Ring a bell",
            {"$ref": "#/components/schemas/RingIn"},
        ),
        "/api/bells/{bell_id}/hush": ("gealc_core_tests_test_workflow_hush_bell", "Hush Bell", None),
    }


def test_a_step_named_after_its_record_is_taken_by_the_service_of_that_name(cast, bell):
    bell.state = "ringing"
    hush = BELL_STEPS["hush"]
    assert (hush.record, hush.service, hush.operation) == ("bell", f"{__name__}.bell_hush", "hush_bell")
    assert hush.run(actor=cast.uruguay_delegate, record=bell).state == "silent"


def test_a_procedure_cannot_name_two_steps_alike():
    with pytest.raises(ValueError, match="same name"):
        steps(
            step("ring", {"silent"}, "ringing", None, label="ring", past="rung"),
            step("ring", {"ringing"}, "ringing", None, label="ring", past="rung"),
        )


def test_check_step_names_the_state_when_it_refuses():
    with pytest.raises(Conflict, match=r"^The bell is in the state “silent”: it cannot be hushed now\.$"):
        check_step(BELL_STEPS, "hush", state="silent", state_label="silent", what="bell")
