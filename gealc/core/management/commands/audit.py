from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gealc.core.audit import verify_chain


class Command(BaseCommand):
    help = "Check the decision log: `gealc audit verify` walks the whole hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if not report.intact:
            raise CommandError(
                f"Event #{report.broken_at} does not match: {report.reason}. "
                f"{report.count} event(s) read up to it.",
                returncode=1,
            )
        self.stdout.write(f"{report.count} events, chain intact")
