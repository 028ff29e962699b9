"""The upgrade from plain SHA-256 hashes to keyed ones: old events keep verifying, a broken log stops it."""

import hashlib
import importlib

import pytest
from django.apps import apps

from gealc.core.audit import GENESIS, canonical, verify_chain
from gealc.core.models import DecisionEvent

upgrade = importlib.import_module("gealc.core.migrations.0002_decision_log_keyed_hashes")


def plain_log(count: int) -> list[DecisionEvent]:
    """Events hashed as before the upgrade: plain SHA-256, no key."""
    from django.utils import timezone

    previous = GENESIS
    events = []
    for number in range(count):
        event = DecisionEvent(
            created_at=timezone.now(),
            actor_label="system",
            action="test.decide",
            payload={"number": number},
            previous_hash=previous,
        )
        event.hash = hashlib.sha256(canonical(event)).hexdigest()
        event.save()
        events.append(event)
        previous = event.hash
    return events


def test_events_hashed_before_the_upgrade_verify_after_it(db):
    plain_log(5)
    assert verify_chain().broken_at is not None

    upgrade.rehash_with_key(apps, None)

    report = verify_chain()
    assert (report.intact, report.count) == (True, 5)


def test_the_upgrade_stops_on_a_log_already_broken_instead_of_blessing_it(db):
    events = plain_log(5)
    DecisionEvent.objects.filter(pk=events[2].pk).update(payload={"number": "forged"})

    with pytest.raises(RuntimeError, match=rf"broken at event #{events[2].pk}"):
        upgrade.rehash_with_key(apps, None)
    assert DecisionEvent.objects.get(pk=events[4].pk).hash == events[4].hash
