"""The decision log: an append-only, hash-chained record of decisions (role changes, votes, approvals,
scores, results). Record history of ordinary edits is kept separately by django-simple-history."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from gealc.core.models import DecisionEvent

GENESIS = "0" * 64


def canonical(event: DecisionEvent) -> bytes:
    """The content an event's hash covers, as canonical JSON (sorted keys, no spaces)."""
    content = {
        "time": event.created_at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "actor": event.actor_label,
        "actor_id": event.actor_id,
        "action": event.action,
        "object": f"{event.object_type}:{event.object_id}",
        "payload": event.payload,
        "previous": event.previous_hash,
    }
    return json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode()


def compute_hash(event: DecisionEvent) -> str:
    return hashlib.sha256(canonical(event)).hexdigest()


def record_decision(
    *, actor: Any, action: str, target: models.Model | None = None, payload: dict[str, Any] | None = None
) -> DecisionEvent:
    """Append an event to the decision log, in the caller's transaction.

    ``actor`` is a user or None for the system. The payload must be JSON (ids and codes, never
    personal data, which would outlive an erasure). Retries when another writer appended first.
    """
    label = "system"
    actor_id = None
    if actor is not None and getattr(actor, "is_authenticated", False):
        label = f"user:{actor.pk}"
        actor_id = actor.pk
    for _attempt in range(5):
        try:
            with transaction.atomic():
                last = DecisionEvent.objects.select_for_update().order_by("-pk").first()
                event = DecisionEvent(
                    created_at=timezone.now(),
                    actor_id=actor_id,
                    actor_label=label,
                    action=action,
                    object_type=target._meta.label_lower if target is not None else "",
                    object_id=str(target.pk) if target is not None else "",
                    payload=json.loads(json.dumps(payload or {}, default=str)),
                    previous_hash=last.hash if last else GENESIS,
                )
                event.hash = compute_hash(event)
                event.save()
                return event
        except IntegrityError:
            continue
    raise RuntimeError("could not append to the decision log: too many concurrent writers")


@dataclass(frozen=True)
class ChainReport:
    count: int
    broken_at: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify_chain(events: Iterator[DecisionEvent] | None = None) -> ChainReport:
    """Walk the whole log in order and name the first event that does not match."""
    previous = GENESIS
    count = 0
    for event in (
        events if events is not None else DecisionEvent.objects.order_by("pk").iterator(chunk_size=2000)
    ):
        count += 1
        if event.previous_hash != previous:
            return ChainReport(
                count, event.pk, "it does not follow the event before it (an event was deleted or reordered)"
            )
        if compute_hash(event) != event.hash:
            return ChainReport(count, event.pk, "its content does not match its hash (it was changed)")
        previous = event.hash
    return ChainReport(count)
