from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gealc.core.refdata import ReferenceDataError, load_reference


class Command(BaseCommand):
    help = "Load the network's reference data (subregions, countries, organisations...) from data files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dir",
            type=Path,
            default=None,
            help="Folder of the data files (default: REFERENCE_DATA_DIR, the repository's data/reference).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["dir"] or settings.REFERENCE_DATA_DIR
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a folder")
        try:
            counts = load_reference(directory)
        except ReferenceDataError as exc:
            raise CommandError(f"{exc} (nothing was written)") from exc
        for key in sorted(counts):
            self.stdout.write(f"{key}: {counts[key]}")
        changed = sum(
            count for key, count in counts.items() if key.endswith(("created", "updated", "removed", "set"))
        )
        self.stdout.write(
            self.style.SUCCESS(f"Reference data loaded: {changed} record(s) created or updated.")
        )
