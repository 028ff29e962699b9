"""Re-hash the decision log with the HMAC of AUDIT_KEY.

The plain SHA-256 chain is checked first and the migration stops if it is already broken, so that re-hashing
cannot bless a changed row. After it every event carries a keyed hash and `gealc audit verify` accepts no
other, so nobody can fall back to plain hashes for a forged tail. The canonical form is frozen here as it
was when the migration was written.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.db import migrations

GENESIS = "0" * 64


def canonical(event: Any) -> bytes:
    content = {
        "time": event.created_at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "actor": event.actor_label,
        "actor_id": event.actor_id,
        "action": event.action,
        "object": f"{event.object_type}:{event.object_id}",
        "payload": event.payload,
        "previous": event.previous_hash,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def rehash_with_key(apps: Any, schema_editor: Any) -> None:
    DecisionEvent = apps.get_model("core", "DecisionEvent")
    events = list(DecisionEvent.objects.order_by("pk"))
    previous = GENESIS
    for event in events:
        if event.previous_hash != previous or hashlib.sha256(canonical(event)).hexdigest() != event.hash:
            raise RuntimeError(
                f"The decision log is broken at event #{event.pk}: it is not re-hashed with AUDIT_KEY. "
                "Restore it from a backup before migrating."
            )
        previous = event.hash
    key = settings.AUDIT_KEY.encode()
    previous = GENESIS
    for event in events:
        event.previous_hash = previous
        event.hash = hmac.new(key, canonical(event), hashlib.sha256).hexdigest()
        DecisionEvent.objects.filter(pk=event.pk).update(previous_hash=event.previous_hash, hash=event.hash)
        previous = event.hash


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(rehash_with_key, migrations.RunPython.noop, elidable=False)]
