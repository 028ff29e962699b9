from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gealc.core.audit import AnchorError, anchor_path, read_anchor, verify_chain, write_anchor


class Command(BaseCommand):
    help = (
        "Check the decision log: `gealc audit verify` walks the whole keyed hash chain and compares it with "
        "the anchor; `gealc audit anchor` writes the latest hash and count to AUDIT_ANCHOR_FILE."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "anchor"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "anchor":
            written = write_anchor()
            self.stdout.write(json.dumps(written.as_dict(), indent=2))
            self.stderr.write(f"Anchor written to {anchor_path()}")
            return
        try:
            anchor = read_anchor()
        except AnchorError as exc:
            raise CommandError(f"The anchor cannot be trusted: {exc}.", returncode=1) from exc
        report = verify_chain(anchor=anchor)
        if report.broken_at is not None:
            raise CommandError(
                f"Event #{report.broken_at} does not match: {report.reason}. "
                f"{report.count} event(s) read up to it.",
                returncode=1,
            )
        if report.missing:
            after = f"after event #{report.last_id}" if report.last_id is not None else "from the start"
            raise CommandError(
                f"{report.missing} event(s) missing {after}: the anchor of {anchor.time if anchor else ''} "
                f"counted {report.count + report.missing}, the log holds {report.count}.",
                returncode=1,
            )
        if anchor is None:
            self.stdout.write(
                f"{report.count} events, chain intact; no anchor at {anchor_path()}, so events deleted "
                "from the end cannot be detected (run `gealc audit anchor`)"
            )
            return
        self.stdout.write(
            f"{report.count} events, chain intact, and it holds the anchor of {anchor.time} "
            f"({anchor.count} events)"
        )
