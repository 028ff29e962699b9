"""Property-based checks of the public API against its own OpenAPI description."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

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


# The writes, exercised as the roles that may make them: a personal token for the Secretariat (with the
# two-factor authentication its role requires) and one for a delegate. Fewer examples than the public
# run, as each operation needs its people created again.
#
# Only data that fits the schema, so that the writes reach the services (bad input is the public run's
# work), and no NUL characters in text: PostgreSQL refuses them with a 500, which is being fixed apart.
writes = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    method=["POST", "PUT", "PATCH", "DELETE"]
)
writes.config.generation.update(modes=[GenerationMode.POSITIVE], allow_x00=False)


@pytest.fixture
def role_tokens(reference) -> dict[str, dict[str, str]]:
    """The ``Authorization`` header of a Secretariat officer's token and of a delegate's."""
    from conftest import make_user
    from gealc.accounts.services import token_create

    officer = make_user("officer@oas.org", "Olivia Officer", ("secretariat", None), mfa=True)
    delegate = make_user("delegate@agesic.gub.uy", "Ursula Delegate", ("delegate", "URY"))
    return {
        role: {"Authorization": f"Bearer {token_create(user=user, days=1)[1]}"}
        for role, user in {"secretariat": officer, "delegate": delegate}.items()
    }


@pytest.mark.usefixtures("keep_test_connection")
@writes.parametrize()
@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_write_by_the_secretariat_or_a_delegate_makes_the_api_fail_or_answer_outside_its_schema(
    case, role_tokens
):
    for headers in role_tokens.values():
        # A request the schema allows may still be refused: a country code that names no country, a
        # date the call is not open on. Those 422s are the services' work, not a fault.
        case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])
