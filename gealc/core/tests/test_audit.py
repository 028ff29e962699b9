import hashlib
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from gealc.core.audit import GENESIS, canonical, record_decision, verify_chain
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


def anchor() -> dict[str, object]:
    out = io.StringIO()
    call_command("audit", "anchor", stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def test_an_untouched_chain_verifies_and_says_that_without_an_anchor_deletions_at_the_end_cannot_show(
    log, anchor_file
):
    assert verify() == (
        f"{len(log)} events, chain intact; no anchor at {anchor_file}, so events deleted from the end "
        "cannot be detected (run `gealc audit anchor`)"
    )


def test_an_untouched_chain_verifies_against_its_anchor(log):
    taken = anchor()

    assert (
        verify()
        == f"{len(log)} events, chain intact, and it holds the anchor of {taken['time']} ({len(log)} events)"
    )


def test_the_anchor_is_written_to_a_file_outside_the_database_and_printed(log, anchor_file: Path):
    printed = anchor()

    assert json.loads(anchor_file.read_text(encoding="utf-8")) == printed
    assert printed["count"] == len(log)
    assert printed["last_id"] == log[-1].pk
    assert printed["hash"] == log[-1].hash
    assert set(printed) == {"count", "last_id", "hash", "time", "hmac"}


def test_deleting_the_last_three_events_is_named_against_the_anchor(log):
    anchor()
    DecisionEvent.objects.filter(pk__in=[event.pk for event in log[-3:]]).delete()

    with pytest.raises(CommandError, match=rf"^3 event\(s\) missing after event #{log[-4].pk}:") as caught:
        verify()
    assert caught.value.returncode == 1


def test_an_anchor_whose_event_was_replaced_names_that_event(log):
    anchor()
    # Drop the last event and append another in its place: the count is the anchor's, the hash is not.
    DecisionEvent.objects.filter(pk=log[-1].pk).delete()
    replaced = record_decision(actor=None, action="test.decide", payload={"number": "forged"})

    with pytest.raises(
        CommandError, match=rf"Event #{replaced.pk} does not match: its hash is not the one anchored"
    ):
        verify()


def test_a_tail_rehashed_without_the_key_names_its_first_changed_event(log):
    """Change one event and recompute plain SHA-256 hashes from it to the end, as someone who can write to
    the database but does not hold AUDIT_KEY would."""
    events = list(DecisionEvent.objects.order_by("pk"))
    changed = events[4]
    previous = events[3].hash
    for number, event in enumerate(events[4:]):
        if number == 0:
            event.payload = {**event.payload, "role": "secretariat"}
        event.previous_hash = previous
        event.hash = hashlib.sha256(canonical(event)).hexdigest()
        DecisionEvent.objects.filter(pk=event.pk).update(
            payload=event.payload, previous_hash=event.previous_hash, hash=event.hash
        )
        previous = event.hash

    with pytest.raises(CommandError, match=rf"Event #{changed.pk} does not match: its content"):
        verify()


def test_an_anchor_that_was_edited_is_refused(log, anchor_file: Path):
    anchor()
    forged = json.loads(anchor_file.read_text(encoding="utf-8"))
    forged["count"] = 2
    anchor_file.write_text(json.dumps(forged), encoding="utf-8")

    with pytest.raises(CommandError, match="does not match its own HMAC") as caught:
        verify()
    assert caught.value.returncode == 1


def test_the_open_data_page_shows_the_latest_anchor(log):
    taken = anchor()

    html = Client().get("/open-data/").content.decode()

    assert f"<code>{taken['hash']}</code>" in html
    assert f"{len(log)} decisions" in html


def test_the_hashes_are_keyed(log, settings):
    settings.AUDIT_KEY = "another key"

    assert verify_chain().broken_at == log[0].pk
    assert log[0].previous_hash == GENESIS


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
