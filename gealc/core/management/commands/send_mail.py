"""``gealc send_mail``: send the e-mail still waiting in the outbox (the mail server was down)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gealc.core.mail import outbox_send
from gealc.core.models import OutboxMessage


class Command(BaseCommand):
    help = (
        "Send the e-mail that could not be sent yet; a message that fails again stays pending with its error."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=None, help="send at most this many messages")

    def handle(self, *args: Any, **options: Any) -> None:
        delivery = outbox_send(limit=options["limit"])
        pending = OutboxMessage.objects.filter(sent_at=None).count()
        self.stdout.write(f"{delivery.sent} sent, {delivery.failed} failed, {pending} pending.")
        if delivery.failed:
            raise SystemExit(1)
