"""A country saves its request as a draft, changes it while it is one, and learns before the form whether
a call is open."""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from gealc.cooperation import services
from gealc.cooperation.models import Call, CooperationRequest
from gealc.cooperation.tests.conftest import days
from gealc.core.errors import Conflict, Forbidden, ServiceError


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text(response) -> str:
    return html.unescape(response.content.decode())


def form(**changes) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Open data portal",
        "problem": "Datasets are scattered.",
        "outputs": "A national portal.",
        "language": "en",
        "areas": ["open-data"],
        "languages": ["es", "pt"],
        "modality": "remote",
        "window_start": days(20).isoformat(),
        "window_end": days(40).isoformat(),
    }
    data.update(changes)
    return data


def test_a_delegate_edits_the_draft_of_their_country_and_the_history_says_so(cast, fund):
    draft = fund.draft()
    delegate = as_user(cast.uruguay_delegate)
    detail = text(delegate.get(f"/cooperation/requests/{draft.pk}/"))
    assert f'href="/cooperation/requests/{draft.pk}/edit/">Edit the draft</a>' in detail
    page = text(delegate.get(f"/cooperation/requests/{draft.pk}/edit/"))
    assert 'value="Interoperability of the civil registry"' in page
    assert 'name="country"' not in page

    response = delegate.post(f"/cooperation/requests/{draft.pk}/edit/", form(), follow=True)

    assert "The draft is saved. Submit it when it is ready." in text(response)
    draft.refresh_from_db()
    assert (draft.title, draft.problem, draft.modality, draft.languages) == (
        "Open data portal",
        "Datasets are scattered.",
        "remote",
        ["es", "pt"],
    )
    assert [area.code for area in draft.areas.all()] == ["open-data"]
    assert draft.state == "draft"
    assert list(draft.changes.values_list("action", flat=True)) == ["draft", "edit"]
    assert "draft edited" in text(response)


def test_a_refused_edit_names_the_field_and_changes_nothing(cast, fund):
    draft = fund.draft()
    delegate = as_user(cast.uruguay_delegate)

    page = text(
        delegate.post(
            f"/cooperation/requests/{draft.pk}/edit/",
            form(window_start=days(40).isoformat(), window_end=days(20).isoformat()),
        )
    )

    assert "The latest end comes before the earliest start." in page
    assert 'id="id_window_end_error"' in page or "is-invalid" in page
    draft.refresh_from_db()
    assert draft.title == "Interoperability of the civil registry"


def test_only_the_owning_countrys_delegates_edit_a_draft_and_only_while_it_is_one(cast, fund):
    draft = fund.draft()
    assert as_user(cast.brazil_delegate).get(f"/cooperation/requests/{draft.pk}/edit/").status_code == 404
    assert as_user(cast.chile_expert).get(f"/cooperation/requests/{draft.pk}/edit/").status_code == 404
    assert as_user(cast.secretariat).get(f"/cooperation/requests/{draft.pk}/edit/").status_code == 403
    values: dict[str, Any] = {
        "title": {"en": "x"}, "problem": {"en": "x"}, "outputs": {"en": "x"}, "original_language": "en",
        "areas": ["open-data"], "modality": "remote", "window_start": days(5), "window_end": days(6),
    }  # fmt: skip
    with pytest.raises(Forbidden):
        services.request_update(actor=cast.brazil_delegate, request=draft, **values)

    submitted = fund.request_in("submitted", slot=1)
    moved = as_user(cast.uruguay_delegate).get(f"/cooperation/requests/{submitted.pk}/edit/", follow=True)
    assert "only a draft is edited" in text(moved)
    with pytest.raises(Conflict, match="only a draft is edited"):
        services.request_update(actor=cast.uruguay_head, request=submitted, **values)
    submitted.refresh_from_db()
    assert submitted.title == "Interoperability of the civil registry"


def test_with_no_call_open_the_page_says_when_the_next_opens_before_the_form_and_keeps_a_draft(cast):
    upcoming = services.call_create(
        actor=cast.secretariat, year=days(0).year, title="Spring call", budget=Decimal("1000"),
        opens_on=days(10), closes_on=days(70), max_days_per_mission=5,
        max_cost_per_mission=Decimal("500"), default_per_diem=Decimal("100"),
    )  # fmt: skip
    delegate = as_user(cast.uruguay_delegate)

    page = text(delegate.get("/cooperation/requests/new/"))
    notice = page.index("No call of the fund is open today. The next call, “Spring call”, opens on")
    assert notice < page.index('<form method="post"')

    country = cast.uruguay_delegate.person.memberships.get().country_id
    delegate.post("/cooperation/requests/new/", {**form(), "country": country})
    draft = CooperationRequest.objects.get()
    assert (draft.call, draft.state) == (upcoming, "draft")
    with pytest.raises(Conflict, match="it is not open today"):
        services.request_submit(actor=cast.uruguay_delegate, request=draft)


def test_with_no_call_announced_the_page_says_so_instead_of_showing_the_form(cast):
    assert not Call.objects.exists()

    page = text(as_user(cast.uruguay_delegate).get("/cooperation/requests/new/"))

    assert "No call of the fund is open today, and none is announced yet." in page
    assert 'name="title"' not in page
    with pytest.raises(ServiceError) as refused:
        services.request_draft(
            actor=cast.uruguay_delegate, country=cast.uruguay_delegate.person.memberships.get().country,
            title={"en": "x"}, problem={"en": "x"}, outputs={"en": "x"}, original_language="en",
            areas=["open-data"], modality="remote", window_start=days(5), window_end=days(6),
        )  # fmt: skip
    assert refused.value.field == "call"


def test_a_draft_whose_call_closed_says_so_and_offers_neither_submit_nor_edit(cast, fund):
    draft = fund.draft()
    delegate = as_user(cast.uruguay_delegate)
    assert ">Submit</button>" in text(delegate.get(f"/cooperation/requests/{draft.pk}/"))

    services.call_close(actor=cast.secretariat, call=fund.call)
    page = text(delegate.get(f"/cooperation/requests/{draft.pk}/"))

    assert f"The call “{fund.call.title}” is closed: this draft can no longer be submitted." in page
    assert ">Submit</button>" not in page and "Edit the draft" not in page
    assert ">Withdraw</button>" in page
