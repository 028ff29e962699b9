"""Each step of a procedure is its own operation in the OpenAPI description, with its own input."""

from gealc.cooperation.workflow import MISSION_STEPS, REQUEST_STEPS
from gealc.governance.workflow import ELECTION_STEPS, MOTION_STEPS

REQUEST = "/api/v1/cooperation/requests/{request_id}"
MISSION = "/api/v1/cooperation/missions/{mission_id}"
ELECTION = "/api/v1/elections/{election_id}"
MOTION = "/api/v1/motions/{motion_id}"


def schema_of(request_body: dict | None) -> str | None:
    if request_body is None:
        return None
    schema = request_body["content"]["application/json"]["schema"]
    refs = [schema] if "$ref" in schema else [s for s in schema["anyOf"] if "$ref" in s]
    name = refs[0]["$ref"].rsplit("/", 1)[1]
    return name if request_body.get("required") else f"{name} (optional)"


def step_operations(paths: dict) -> dict[str, tuple[str, str | None, list[str]]]:
    ends = ("/submit", "/approve", "/reject", "/withdraw", "/cancel", "/start", "/complete", "/close",
            "/open", "/certify", "/runoff")  # fmt: skip
    return {
        path: (
            operations["post"]["operationId"],
            schema_of(operations["post"].get("requestBody")),
            sorted(operations["post"]["responses"]),
        )
        for path, operations in paths.items()
        # Records with a procedure of steps; a call's close is an operation of its own, not a step.
        if path.endswith(ends) and path.startswith((REQUEST, MISSION, ELECTION, MOTION))
    }


ERRORS = ["401", "403", "404", "409", "422"]


def test_each_step_has_its_operation_with_its_input_schema_and_answers(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert step_operations(paths) == {
        f"{REQUEST}/submit": ("gealc_cooperation_api_submit_request", None, ["200", *ERRORS]),
        f"{REQUEST}/withdraw": (
            "gealc_cooperation_api_withdraw_request",
            "OptionalReasonIn (optional)",
            ["200", *ERRORS],
        ),
        f"{REQUEST}/approve": ("gealc_cooperation_api_approve_request", None, ["200", *ERRORS]),
        f"{REQUEST}/reject": ("gealc_cooperation_api_reject_request", "ReasonIn", ["200", *ERRORS]),
        f"{MISSION}/approve": ("gealc_cooperation_api_approve_mission", None, ["200", *ERRORS]),
        f"{MISSION}/cancel": ("gealc_cooperation_api_cancel_mission", "ReasonIn", ["200", *ERRORS]),
        f"{MISSION}/start": ("gealc_cooperation_api_start_mission", None, ["200", *ERRORS]),
        f"{MISSION}/complete": ("gealc_cooperation_api_complete_mission", None, ["200", *ERRORS]),
        f"{MISSION}/close": ("gealc_cooperation_api_close_mission", "CloseIn", ["200", *ERRORS]),
        f"{ELECTION}/open": ("gealc_governance_api_open_election", None, ["200", *ERRORS]),
        f"{ELECTION}/close": ("gealc_governance_api_close_election", None, ["200", *ERRORS]),
        f"{ELECTION}/certify": ("gealc_governance_api_certify_election", None, ["200", *ERRORS]),
        f"{ELECTION}/runoff": ("gealc_governance_api_create_runoff", None, ["201", *ERRORS]),
        f"{MOTION}/close": ("gealc_governance_api_close_motion", None, ["200", *ERRORS]),
    }


def test_every_step_taken_by_a_post_is_in_the_openapi_description_and_nothing_else(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    declared = {
        f"{prefix}/{name}": step.schema.__name__ if step.schema else None
        for prefix, table in [
            (REQUEST, REQUEST_STEPS),
            (MISSION, MISSION_STEPS),
            (ELECTION, ELECTION_STEPS),
            (MOTION, MOTION_STEPS),
        ]
        for name, step in table.items()
        if step.posted
    }

    described = {
        path: schema.removesuffix(" (optional)") if schema else None
        for path, (_, schema, _) in step_operations(paths).items()
    }
    assert described == declared
