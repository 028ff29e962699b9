"""Property-based checks of the public API against its own OpenAPI description."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from gealc.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


def test_the_openapi_description_is_served_and_names_every_public_list(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {
        "/api/v1/subregions",
        "/api/v1/countries",
        "/api/v1/countries/{code}",
        "/api/v1/institutions",
    } <= set(paths)


def test_the_interactive_documentation_uses_only_our_own_static_files(client):
    html = client.get("/api/v1/docs").content.decode()

    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html


@pytest.fixture
def keep_test_connection():
    """Requests through the WSGI handler would close the test's database connection when they end (as
    they should in production); the test client avoids that the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("reference", "keep_test_connection")
@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_makes_the_api_fail_or_answer_outside_its_schema(case):
    case.call_and_validate()
