"""The floor: the same rows as the countries, institutions and solutions lists, read with one raw SQL
query each and written as the same JSON, with no framework in between. Served only by the benchmark's WSGI
application (``gealc.bench.wsgi``), in the same gunicorn run as the platform, never in production."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from django.db import connection

PREFIX = "/__floor__/"

_QUERIES = {
    "countries": (
        "SELECT c.iso2, c.iso3, c.name_en, s.code, c.status, c.joined FROM members_country c "
        "LEFT JOIN members_subregion s ON s.id = c.subregion_id ORDER BY c.iso3 LIMIT %s OFFSET %s",
        ("iso2", "iso3", "name", "subregion", "status", "joined"),
        "SELECT COUNT(*) FROM members_country",
    ),
    "institutions": (
        "SELECT i.id, i.name, i.acronym, c.iso3, i.kind, i.website, i.is_partner FROM members_institution i "
        "LEFT JOIN members_country c ON c.id = i.country_id ORDER BY i.name, i.id LIMIT %s OFFSET %s",
        ("id", "name", "acronym", "country", "kind", "website", "partner"),
        "SELECT COUNT(*) FROM members_institution",
    ),
    # The published catalogue in the order of names, with the columns of the API list's items (texts in
    # English, the synthetic solutions' language), the page's ids first through the index of the order
    # (as ``core.api.page_first``), then the page's goals and missions (``_solutions``).
    "solutions": (
        "SELECT s.id, c.iso3, c.name_en, r.code, i.name, i.acronym, s.name_en, s.problem_en, "
        "s.description_en, s.results_en, s.original_language, s.figures, t.code, s.url, s.year_started, "
        "s.status, s.tags, s.languages, s.state, s.review_comment, s.imported, s.published_at "
        "FROM awards_solution s JOIN members_country c ON c.id = s.country_id "
        "LEFT JOIN members_subregion r ON r.id = c.subregion_id JOIN awards_theme t ON t.id = s.theme_id "
        "LEFT JOIN members_institution i ON i.id = s.institution_id "
        "WHERE s.id IN (SELECT id FROM awards_solution WHERE state = 'published' "
        "ORDER BY name_key, id LIMIT %s OFFSET %s) ORDER BY s.name_key, s.id",
        ("id", "country", "country_name", "subregion", "institution", "acronym", "name", "problem",
         "description", "results", "original_language", "figures", "theme", "url", "year_started",
         "status", "tags", "languages", "state", "review_comment", "imported", "published_at"),
        "SELECT COUNT(*) FROM awards_solution WHERE state = 'published'",
    ),
}  # fmt: skip


def _value(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


_JSON = ("figures", "tags", "languages")
_RELATED = (
    ("goals", "SELECT sg.solution_id, g.number FROM awards_solution_goals sg "
     "JOIN awards_goal g ON g.id = sg.goal_id WHERE sg.solution_id IN ({}) ORDER BY g.number"),
    ("missions", "SELECT solution_id, mission_id FROM awards_solution_missions "
     "WHERE solution_id IN ({}) ORDER BY mission_id"),
)  # fmt: skip


def _solutions(cursor: Any, items: list[dict[str, Any]]) -> None:
    """The rest of the API list's item: the institution as it names it, JSON columns decoded (SQLite
    gives their text), the page's goals and missions in one query each."""
    for item in items:
        acronym = item.pop("acronym")
        if item["institution"] is not None and acronym:
            item["institution"] = f"{item['institution']} ({acronym})"
        item["imported"] = bool(item["imported"])
        for name in _JSON:
            if isinstance(item[name], str):
                item[name] = json.loads(item[name])
    ids = [item["id"] for item in items]
    for name, select in _RELATED:
        found: dict[int, list[int]] = {}
        if ids:
            cursor.execute(select.format(", ".join(["%s"] * len(ids))), ids)
            for solution_id, value in cursor.fetchall():
                found.setdefault(solution_id, []).append(value)
        for item in items:
            item[name] = found.get(item["id"], [])


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    name = environ.get("PATH_INFO", "")[len(PREFIX) :].strip("/")
    if name not in _QUERIES:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"no such floor"]
    query = parse_qs(environ.get("QUERY_STRING", ""))
    limit = min(int(query.get("limit", ["50"])[0]), 200)
    offset = int(query.get("offset", ["0"])[0])
    select, columns, count = _QUERIES[name]
    with connection.cursor() as cursor:
        cursor.execute(count)
        (total,) = cursor.fetchone() or (0,)
        cursor.execute(select, [limit, offset])
        items = [dict(zip(columns, map(_value, row), strict=True)) for row in cursor.fetchall()]
        if name == "solutions":
            _solutions(cursor, items)
    body = json.dumps({"count": total, "items": items}).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
