import io

import pytest
from django.core.management import CommandError, call_command

from gealc.core.audit import record_decision, verify_chain
from gealc.core.models import DecisionEvent


def verify() -> str:
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def log(cast) -> list[DecisionEvent]:
    """The role grants of the cast, plus a few more decisions."""
    for number in range(3):
        record_decision(actor=cast.secretariat, action="test.decide", payload={"number": number})
    return list(DecisionEvent.objects.order_by("pk"))


def test_role_grants_are_recorded_in_the_decision_log(cast):
    grants = DecisionEvent.objects.filter(action="role.grant")

    assert grants.count() == 7
    assert {event.payload["role"] for event in grants} == {
        "secretariat",
        "head_of_delegation",
        "delegate",
        "expert",
        "juror",
    }


def test_an_untouched_chain_verifies(log):
    assert verify() == f"{len(log)} events, chain intact"


def test_a_changed_payload_is_named(log):
    target = log[3]
    DecisionEvent.objects.filter(pk=target.pk).update(payload={"role": "secretariat", "forged": True})

    with pytest.raises(CommandError, match=rf"Event #{target.pk} does not match: its content") as caught:
        verify()
    assert caught.value.returncode == 1


def test_a_deleted_event_is_found_at_the_next_one(log):
    DecisionEvent.objects.filter(pk=log[2].pk).delete()

    report = verify_chain()

    assert (report.intact, report.broken_at) == (False, log[3].pk)
    assert "deleted or reordered" in report.reason


def test_reordered_events_are_found(log):
    first, second = log[4], log[5]
    # Swap the contents of two rows, keeping their ids: the order of the chain changes.
    fields = ["created_at", "actor_label", "action", "payload", "previous_hash", "hash"]
    values_first = {f: getattr(first, f) for f in fields}
    values_second = {f: getattr(second, f) for f in fields}
    DecisionEvent.objects.filter(pk=first.pk).update(hash="x" * 64, previous_hash="y" * 64)
    DecisionEvent.objects.filter(pk=second.pk).update(**values_first)
    DecisionEvent.objects.filter(pk=first.pk).update(**values_second)

    assert verify_chain().broken_at == first.pk


def test_the_admin_can_read_the_log_but_never_change_it(cast, log, client):
    client.force_login(cast.secretariat)

    listing = client.get("/admin/core/decisionevent/")
    change = client.post(f"/admin/core/decisionevent/{log[0].pk}/change/", {"action": "forged"})
    delete = client.post(f"/admin/core/decisionevent/{log[0].pk}/delete/", {"post": "yes"})

    assert listing.status_code == 200
    assert "role.grant" in listing.content.decode()
    assert change.status_code == 403
    assert delete.status_code == 403
    assert DecisionEvent.objects.get(pk=log[0].pk).action == log[0].action
    assert client.get("/admin/core/decisionevent/add/").status_code == 403
