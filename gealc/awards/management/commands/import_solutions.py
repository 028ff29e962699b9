"""``gealc import_solutions FILE.csv``: import the historical catalogue (see ``gealc.awards.imports``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gealc.awards.imports import ImportRefused, solutions_import


class Command(BaseCommand):
    help = "Import solutions from a CSV file (one transaction; the columns are in the README)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        self.stdout.write(f"Checking and importing {path.name}...")
        try:
            result = solutions_import(actor=None, text=text)
        except ImportRefused as exc:
            for error in exc.errors:
                self.stderr.write(f"{path.name}, {error}")
            raise CommandError(f"{exc.message} Nothing was imported.") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.lines} lines: {result.created} solutions created, {result.updated} updated, "
                f"{result.unchanged} unchanged."
            )
        )
