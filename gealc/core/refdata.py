"""Loading the network's reference data from the data files kept in the repository.

Each app that owns reference data has a ``reference`` module with a ``load(context)`` function. The
``load_reference`` command calls them in the order of INSTALLED_APPS inside one transaction, so a bad
file writes nothing. Records are matched on a natural key and updated in place; a record whose values
have not changed is not written at all, so loading twice changes nothing.
"""

from __future__ import annotations

import csv
import datetime
import importlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.db import models, transaction

from gealc.core.i18n import translated_fields

M = TypeVar("M", bound=models.Model)


class ReferenceDataError(Exception):
    """A data file that cannot be loaded; the message names the file, the line and the reason."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        super().__init__(f"{path.name}, line {line}: {reason}")


@dataclass
class LoadContext:
    directory: Path
    counts: Counter[str] = field(default_factory=Counter)

    def path(self, name: str) -> Path:
        return self.directory / name

    def rows(
        self,
        name: str,
        *,
        required: set[str],
        optional: frozenset[str] | set[str] = frozenset(),
        texts: type[models.Model] | None = None,
    ) -> Iterator[Row]:
        """The rows of a CSV file with a header line; checks the columns before the first row.

        With ``texts``, the columns of that model's translated fields are expected too (``title_en``,
        ``title_es``, ...): those of a required language must be there, the others may be (the files of
        records written in one original language name that column in ``required``)."""
        required, optional = set(required), set(optional)
        if texts is not None:
            for spec in translated_fields(texts).values():
                for column, code in zip(spec.columns, settings.LANGUAGE_CODES, strict=True):
                    (required if code in spec.required else optional).add(column)
        path = self.path(name)
        if not path.exists():
            raise ReferenceDataError(path, 0, "the file is missing")
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, strict=True)
            try:
                header = set(reader.fieldnames or [])
            except csv.Error as exc:
                raise ReferenceDataError(path, 1, f"malformed line ({exc})") from exc
            missing = required - header
            unknown = header - required - optional
            if missing:
                raise ReferenceDataError(path, 1, f"missing column(s): {', '.join(sorted(missing))}")
            if unknown:
                raise ReferenceDataError(path, 1, f"unknown column(s): {', '.join(sorted(unknown))}")
            while True:
                try:
                    values = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    raise ReferenceDataError(path, reader.line_num, f"malformed line ({exc})") from exc
                if None in values or any(value is None for value in values.values()):
                    raise ReferenceDataError(
                        path, reader.line_num, f"expected {len(reader.fieldnames or [])} fields"
                    )
                if not any((value or "").strip() for value in values.values()):
                    continue
                yield Row(path=path, line=reader.line_num, values=values)

    def upsert(self, model: type[M], *, lookup: dict[str, Any], values: dict[str, Any]) -> M:
        """Create the record found by ``lookup``, or update only the fields whose value changed."""
        label = model._meta.verbose_name_plural
        instance = model._default_manager.filter(**lookup).first()
        if instance is None:
            instance = model._default_manager.create(**lookup, **values)
            self.counts[f"{label} created"] += 1
            return instance
        changed = [name for name, value in values.items() if getattr(instance, name) != value]
        if changed:
            for name in changed:
                setattr(instance, name, values[name])
            instance.save(update_fields=changed)
            self.counts[f"{label} updated"] += 1
        else:
            self.counts[f"{label} unchanged"] += 1
        return instance


@dataclass
class Row:
    path: Path
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def require(self, column: str) -> str:
        value = self.get(column)
        if not value:
            raise self.error(f"{column} is empty")
        return value

    def texts(self, model: type[models.Model]) -> dict[str, str]:
        """The cells of ``model``'s translated fields by column; a required language may not be empty."""
        cells: dict[str, str] = {}
        for spec in translated_fields(model).values():
            for column, code in zip(spec.columns, settings.LANGUAGE_CODES, strict=True):
                cells[column] = self.require(column) if code in spec.required else self.get(column)
        return cells

    def error(self, reason: str) -> ReferenceDataError:
        return ReferenceDataError(self.path, self.line, reason)

    def whole(self, column: str, *, required: bool = True) -> int | None:
        """A whole number (an empty cell is None when not required)."""
        value = self.get(column)
        if not value:
            if required:
                raise self.error(f"{column} is empty")
            return None
        if not value.isdigit():
            raise self.error(f"{column} must be a whole number, not {value!r}")
        return int(value)

    def date(self, column: str, *, required: bool = True) -> datetime.date | None:
        """A date written YYYY-MM-DD (an empty cell is None when not required)."""
        value = self.get(column)
        if not value:
            if required:
                raise self.error(f"{column} is empty")
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise self.error(f"{column} must be a date as YYYY-MM-DD, not {value!r}") from None

    def flag(self, column: str) -> bool:
        """yes/no (also true/false, 1/0); empty is no."""
        value = self.get(column).lower()
        if value in {"yes", "true", "1", "y"}:
            return True
        if value in {"no", "false", "0", "n", ""}:
            return False
        raise self.error(f"{column} must be yes or no, not {self.get(column)!r}")


def load_reference(directory: Path) -> Counter[str]:
    """Load every app's reference data from ``directory`` in one transaction; return the counts."""
    context = LoadContext(directory=directory)
    with transaction.atomic():
        for config in apps.get_app_configs():
            if not config.name.startswith("gealc."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.reference")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.reference":
                    raise
                continue
            module.load(context)
    return context.counts
