import datetime

import pytest
from django.test import RequestFactory

from gealc.core import highlights
from gealc.core.highlights import Entry, Figure, Highlights, Panel


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test, the apps' own providers put back afterwards."""
    monkeypatch.setattr(highlights, "_PROVIDERS", {})
    return highlights


def test_the_registry_gathers_every_provider_in_order(registry):
    registry.register(
        "later",
        lambda request: Highlights(
            figures=[Figure("meetings", 2, order=50)],
            panels=[Panel("b", "Second", [], order=20)],
            open_now=[Entry("Meeting", date=datetime.date(2027, 5, 1))],
        ),
        order=20,
    )
    registry.register(
        "earlier",
        lambda request: Highlights(
            figures=[Figure("experts", 7, order=30)],
            panels=[Panel("a", "First", [], order=10)],
            open_now=[Entry("Vote"), Entry("Call", date=datetime.date(2027, 1, 31))],
        ),
        order=10,
    )

    gathered = registry.collect(RequestFactory().get("/"))

    assert [(figure.label, figure.value) for figure in gathered.figures] == [("experts", 7), ("meetings", 2)]
    assert [panel.title for panel in gathered.panels] == ["First", "Second"]
    # Dated items by date, undated ones (a vote in progress) after them.
    assert [entry.title for entry in gathered.open_now] == ["Call", "Meeting", "Vote"]


def test_registering_a_provider_again_replaces_it(registry):
    registry.register("fund", lambda request: Highlights(figures=[Figure("old", 1)]))
    registry.register("fund", lambda request: Highlights(figures=[Figure("new", 2)]))

    assert [figure.label for figure in registry.collect(RequestFactory().get("/")).figures] == ["new"]


def test_the_apps_register_their_providers_when_they_start():
    assert {"governance", "cooperation"} <= set(highlights._PROVIDERS)
