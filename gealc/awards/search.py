"""The catalogue's full-text search: one stored document per solution, every text in every language,
lower-cased and without accents, so that "tramites" finds "Trámites" and a word in any of the network's
languages finds the solution, with a ``LIKE`` that SQLite and PostgreSQL both run."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from django.db.models import Q

MAX_WORDS = 8


def fold(text: str) -> str:
    """``text`` lower-cased, accents taken off, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(char for char in decomposed if not unicodedata.combining(char)).split())


def document(parts: Iterable[str]) -> str:
    return fold(" ".join(part for part in parts if part))


def matching(query: str) -> Q:
    """Solutions whose document holds every word of ``query`` (at most ``MAX_WORDS`` are used)."""
    condition = Q()
    for word in fold(query).split()[:MAX_WORDS]:
        condition &= Q(search_text__contains=word)
    return condition
