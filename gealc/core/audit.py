"""The decision log: an append-only, hash-chained record of decisions (role changes, votes, approvals,
scores, results). Record history of ordinary edits is kept separately by django-simple-history.

Each hash is an HMAC-SHA256 keyed with ``settings.AUDIT_KEY``, which the database does not hold: whoever can
write to the database can change a row but cannot recompute the hashes after it. Deleting the last events
leaves a shorter chain that is still whole, so ``write_anchor`` keeps the latest hash and count in a file
outside the database (``settings.AUDIT_ANCHOR_FILE``, with an HMAC of its own) and ``verify_chain`` checks
the log against it.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
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


def _keyed(content: bytes) -> str:
    return hmac.new(settings.AUDIT_KEY.encode(), content, hashlib.sha256).hexdigest()


def compute_hash(event: DecisionEvent) -> str:
    """The event's HMAC-SHA256 under ``AUDIT_KEY``: without the key nobody can make a matching one."""
    return _keyed(canonical(event))


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


class AnchorError(Exception):
    """The anchor file cannot be read, or its own HMAC does not match (it was changed or forged)."""


@dataclass(frozen=True)
class Anchor:
    """The state of the log at one moment, kept outside the database: ``count`` events, the last being
    ``last_id`` with ``hash``."""

    count: int
    last_id: int | None
    hash: str
    time: str

    def content(self) -> dict[str, Any]:
        return {"count": self.count, "last_id": self.last_id, "hash": self.hash, "time": self.time}

    def signature(self) -> str:
        return _keyed(json.dumps(self.content(), sort_keys=True, separators=(",", ":")).encode())

    def as_dict(self) -> dict[str, Any]:
        return {**self.content(), "hmac": self.signature()}


def anchor_path() -> Path:
    return Path(settings.AUDIT_ANCHOR_FILE)


def write_anchor() -> Anchor:
    """Write the latest hash and count of the log to ``AUDIT_ANCHOR_FILE`` (replaced whole, never half
    written) and return it."""
    # Counted up to the last event read, so that one appended meanwhile cannot shift the count.
    last = DecisionEvent.objects.order_by("-pk").first()
    count = DecisionEvent.objects.filter(pk__lte=last.pk).count() if last else 0
    anchor = Anchor(
        count=count,
        last_id=last.pk if last else None,
        hash=last.hash if last else GENESIS,
        time=timezone.now().astimezone(datetime.UTC).isoformat(timespec="seconds"),
    )
    path = anchor_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(anchor.as_dict(), file, indent=2)
        file.write("\n")
    os.replace(temporary, path)
    return anchor


def read_anchor() -> Anchor | None:
    """The anchor last written, or None when there is none. Raises ``AnchorError`` when the file is not an
    anchor or its HMAC does not match."""
    path = anchor_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise AnchorError(f"the anchor {path} cannot be read: {exc}") from exc
    try:
        anchor = Anchor(
            count=int(data["count"]),
            last_id=None if data["last_id"] is None else int(data["last_id"]),
            hash=str(data["hash"]),
            time=str(data["time"]),
        )
        signature = str(data["hmac"])
    except (KeyError, TypeError, ValueError) as exc:
        raise AnchorError(f"the anchor {path} is not an anchor: {exc}") from exc
    if not hmac.compare_digest(signature, anchor.signature()):
        raise AnchorError(f"the anchor {path} does not match its own HMAC (it was changed)")
    return anchor


@dataclass(frozen=True)
class ChainReport:
    count: int
    broken_at: int | None = None
    reason: str = ""
    #: The anchor checked against, or None when there was none (then deleted last events cannot show).
    anchor: Anchor | None = None
    #: Events the anchor counted that are no longer in the log, all after event ``last_id``.
    missing: int = 0
    last_id: int | None = None

    @property
    def intact(self) -> bool:
        return self.broken_at is None and self.missing == 0


def verify_chain(
    events: Iterator[DecisionEvent] | None = None, *, anchor: Anchor | None = None
) -> ChainReport:
    """Walk the whole log in order and name the first event that does not match its keyed hash or its
    predecessor; then, given an anchor, check that the log still holds its ``count`` events and that the
    event at that position has the anchored hash."""
    previous = GENESIS
    count = 0
    last_id: int | None = None
    for event in (
        events if events is not None else DecisionEvent.objects.order_by("pk").iterator(chunk_size=2000)
    ):
        count += 1
        if event.previous_hash != previous:
            return ChainReport(
                count,
                event.pk,
                "it does not follow the event before it (an event was deleted or reordered)",
                anchor=anchor,
            )
        if not hmac.compare_digest(compute_hash(event), event.hash):
            return ChainReport(
                count, event.pk, "its content does not match its hash (it was changed)", anchor=anchor
            )
        if anchor is not None and count == anchor.count and event.hash != anchor.hash:
            return ChainReport(
                count,
                event.pk,
                f"its hash is not the one anchored at {anchor.time} for event number {anchor.count}",
                anchor=anchor,
            )
        previous = event.hash
        last_id = event.pk
    if anchor is not None and count < anchor.count:
        return ChainReport(count, anchor=anchor, missing=anchor.count - count, last_id=last_id)
    return ChainReport(count, anchor=anchor, last_id=last_id)
