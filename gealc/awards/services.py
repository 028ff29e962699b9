"""Writes of the solutions catalogue: drafting and editing a solution, the steps of its review
(``workflow.SOLUTION_STEPS``), and the import of the historical catalogue (``imports``).

Each service checks the actor's permission, checks the input (a ServiceError naming the field), writes in
one transaction with a row in the solution's history of changes, and keeps the search document. The
Secretariat's decisions (publishing, returning) go to the decision log.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gealc.awards import search
from gealc.awards.models import Goal, Solution, SolutionChange, SolutionStatus, Theme
from gealc.awards.workflow import EDITABLE_STATES, SOLUTION_STEPS
from gealc.cooperation.models import Mission
from gealc.core.audit import record_decision
from gealc.core.errors import Conflict, ServiceError, require
from gealc.core.i18n import clean_texts, columns, language_code, localized_column
from gealc.core.languages import language_codes
from gealc.core.workflow import check_step
from gealc.members.models import Country, Institution

TEXTS = ("name", "problem", "description", "results")
REQUIRED_TEXTS = ("name", "description")
MAX_FIGURES = 10
MAX_TAGS = 20
MAX_TAG_LENGTH = 40
FIRST_YEAR, LAST_YEAR = 1990, 2100
TAG = re.compile(r"^[\w][\w .+#/-]*$")


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


# Checking input ---------------------------------------------------------------------------------------


def theme_by_code(code: str, *, field: str = "theme") -> Theme:
    found = Theme.objects.filter(code=(code or "").strip().lower()).first()
    if found is None:
        raise ServiceError(_("Unknown theme %(code)r.") % {"code": code}, field=field)
    return found


def _goals(numbers: Iterable[int]) -> list[Goal]:
    wanted: list[int] = []
    for raw in numbers:
        try:
            number = int(raw)
        except (TypeError, ValueError):
            raise ServiceError(
                _("%(value)r is not a Sustainable Development Goal (1 to 17).") % {"value": raw},
                field="goals",
            ) from None
        if not 1 <= number <= 17:
            raise ServiceError(
                _("%(value)r is not a Sustainable Development Goal (1 to 17).") % {"value": raw},
                field="goals",
            )
        if number not in wanted:
            wanted.append(number)
    found = {goal.number: goal for goal in Goal.objects.filter(number__in=wanted)}
    return [found[number] for number in sorted(wanted) if number in found]


def _tags(values: Iterable[str]) -> list[str]:
    cleaned: list[str] = []
    for raw in values:
        tag = " ".join((raw or "").split()).lower()
        if not tag:
            continue
        if len(tag) > MAX_TAG_LENGTH or not TAG.match(tag):
            raise ServiceError(
                _("%(tag)r is not a tag: at most %(max)d letters, digits, spaces or - . + # /.")
                % {"tag": raw, "max": MAX_TAG_LENGTH},
                field="tags",
            )
        if tag not in cleaned:
            cleaned.append(tag)
    if len(cleaned) > MAX_TAGS:
        raise ServiceError(_("At most %(max)d tags.") % {"max": MAX_TAGS}, field="tags")
    return cleaned


def _figures(values: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Results in figures: each a label, a number and an optional unit ("citizens served", 1200000)."""
    cleaned: list[dict[str, Any]] = []
    for index, raw in enumerate(values):
        label = " ".join(str(raw.get("label") or "").split())
        unit = " ".join(str(raw.get("unit") or "").split())
        where = f"figures.{index}"
        if not label or len(label) > 120 or len(unit) > 30:
            raise ServiceError(
                _("Each figure needs a label of at most 120 characters (and a unit of at most 30)."),
                field=where,
            )
        try:
            value = Decimal(str(raw.get("value")).strip().replace(",", ""))
        except (InvalidOperation, ValueError):
            raise ServiceError(
                _("The figure “%(label)s” needs a number.") % {"label": label}, field=where
            ) from None
        if not value.is_finite() or abs(value) >= Decimal("1e15"):
            raise ServiceError(_("The figure “%(label)s” needs a number.") % {"label": label}, field=where)
        cleaned.append({"label": label, "value": format(value.normalize(), "f"), "unit": unit})
    if len(cleaned) > MAX_FIGURES:
        raise ServiceError(_("At most %(max)d figures.") % {"max": MAX_FIGURES}, field="figures")
    return cleaned


def _missions(country: Country, ids: Iterable[int]) -> list[Mission]:
    wanted = list(dict.fromkeys(int(pk) for pk in ids))
    found = {mission.pk: mission for mission in Mission.objects.filter(pk__in=wanted)}
    missing = [str(pk) for pk in wanted if pk not in found]
    if missing:
        raise ServiceError(_("No mission with id %(ids)s.") % {"ids": ", ".join(missing)}, field="missions")
    for mission in found.values():
        if country.pk not in (mission.provider_id, mission.recipient_id):
            raise ServiceError(
                _("Mission %(id)d did not involve %(country)s.")
                % {"id": mission.pk, "country": country.name},
                field="missions",
            )
    return [found[pk] for pk in wanted]


def _url(value: str) -> str:
    url = (value or "").strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ServiceError(
                _("Give a web address starting with https:// or http://."), field="url"
            ) from None
        if len(url) > 500:
            raise ServiceError(_("At most %(max)d characters.") % {"max": 500}, field="url")
    return url


def _contact(name: str, email: str) -> tuple[str, str]:
    name = " ".join((name or "").split())
    email = (email or "").strip()
    if len(name) > 200:
        raise ServiceError(_("At most %(max)d characters.") % {"max": 200}, field="contact_name")
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            raise ServiceError(_("Give a valid e-mail address."), field="contact_email") from None
    return name, email


def _year(value: int | None) -> int | None:
    if value is None:
        return None
    if not FIRST_YEAR <= int(value) <= min(LAST_YEAR, timezone.localdate().year):
        raise ServiceError(
            _("The year must be between %(first)d and this year.") % {"first": FIRST_YEAR},
            field="year_started",
        )
    return int(value)


def _status(value: str) -> str:
    if value not in SolutionStatus.values:
        raise ServiceError(
            _("The status must be one of %(values)s.") % {"values": ", ".join(SolutionStatus.values)},
            field="status",
        )
    return value


def name_key(name: str) -> str:
    """The name as the natural key compares it: lower-cased, spaces collapsed."""
    return " ".join(name.casefold().split())


def search_document(solution: Solution) -> str:
    texts = [str(getattr(solution, column) or "") for column in columns(Solution, *TEXTS)]
    institution = solution.institution
    extra = [str(institution)] if institution is not None else []
    return search.document([*texts, *solution.tags, *extra])


def check_solution(
    *,
    country: Country,
    name: Mapping[str, str],
    description: Mapping[str, str],
    original_language: str,
    theme: str,
    problem: Mapping[str, str] | None = None,
    results: Mapping[str, str] | None = None,
    figures: Iterable[Mapping[str, Any]] = (),
    goals: Iterable[int] = (),
    url: str = "",
    year_started: int | None = None,
    status: str = SolutionStatus.OPERATION,
    tags: Iterable[str] = (),
    languages: Iterable[str] = (),
    institution: Institution | None = None,
    missions: Iterable[int] = (),
    contact_name: str = "",
    contact_email: str = "",
    reference: str = "",
    current: Solution | None = None,
) -> tuple[dict[str, Any], list[Goal], list[Mission]]:
    """A solution's fields checked as drafting, editing and the import all check them: the columns to
    write, its goals and its missions. ``current`` is the solution being changed, whose texts in the
    languages not given stay as they are."""
    original = language_code(original_language)
    texts = clean_texts(
        Solution,
        {"name": name, "description": description, "problem": problem or {}, "results": results or {}},
        original_language=original,
        required=() if current is not None else REQUIRED_TEXTS,
    )
    if current is not None:
        # The texts kept from before count as given: the original language's must still be there.
        merged = {column: getattr(current, column) for column in columns(Solution, *TEXTS)} | texts
        for field in REQUIRED_TEXTS:
            if not merged[localized_column(field, original)]:
                clean_texts(Solution, {field: {}}, original_language=original, required=[field])
        texts = merged
    if institution is not None and institution.country_id != country.pk:
        raise ServiceError(
            _("The institution must be an institution of %(country)s.") % {"country": country.name},
            field="institution",
        )
    key = name_key(texts[localized_column("name", original)])
    same_name = Solution.objects.filter(country=country, name_key=key)
    if current is not None:
        same_name = same_name.exclude(pk=current.pk)
    if same_name.exists():
        raise ServiceError(
            _("%(country)s already has a solution named “%(name)s”.")
            % {"country": country.name, "name": texts[localized_column("name", original)]},
            field=f"name.{original}",
        )
    contact = _contact(contact_name, contact_email)
    fields: dict[str, Any] = {
        **texts,
        "original_language": original,
        "name_key": key,
        "theme": theme_by_code(theme),
        "institution": institution,
        "figures": _figures(figures),
        "url": _url(url),
        "year_started": _year(year_started),
        "status": _status(status),
        "tags": _tags(tags),
        "languages": language_codes(languages),
        "contact_name": contact[0],
        "contact_email": contact[1],
        "reference": (reference or "").strip()[:60],
    }
    return fields, _goals(goals), _missions(country, missions)


def _log(solution: Solution, action: str, *, actor: Any, previous: str = "", note: str = "") -> None:
    SolutionChange.objects.create(
        solution=solution,
        action=action,
        from_state=previous,
        to_state=solution.state,
        actor=_user(actor),
        note=note,
    )


def _save(solution: Solution, goals: list[Goal], missions: list[Mission]) -> None:
    solution.search_text = search_document(solution)
    solution.save()
    solution.goals.set(goals)
    solution.missions.set(missions)


# Drafting and editing ---------------------------------------------------------------------------------


def solution_draft(*, actor: Any, country: Country, **values: Any) -> Solution:
    """A delegate or head of delegation of ``country`` (a member), or the Secretariat, drafts a solution.

    ``values`` are those of :func:`check_solution`; the texts come in any of the languages, at least the
    name and what it does in the original one."""
    require(actor, "awards.draft_solution", country)
    fields, goals, missions = check_solution(country=country, **values)
    with transaction.atomic():
        solution = Solution(country=country, created_by=_user(actor), **fields)
        _save(solution, goals, missions)
        _log(solution, "draft", actor=actor)
    return solution


# What an edit may change, as check_solution names it.
EDITABLE = (
    *TEXTS, "original_language", "theme", "figures", "goals", "url", "year_started", "status", "tags",
    "languages", "institution", "missions", "contact_name", "contact_email",
)  # fmt: skip


def current_values(solution: Solution) -> dict[str, Any]:
    """The solution's values as :func:`check_solution` takes them (the texts: those present)."""
    return {
        "original_language": solution.original_language,
        "theme": solution.theme.code,
        "figures": solution.figures,
        "goals": [goal.number for goal in solution.goals.all()],
        "url": solution.url,
        "year_started": solution.year_started,
        "status": solution.status,
        "tags": solution.tags,
        "languages": solution.languages,
        "institution": solution.institution,
        "missions": [mission.pk for mission in solution.missions.all()],
        "contact_name": solution.contact_name,
        "contact_email": solution.contact_email,
        "reference": solution.reference,
    }


def _lock(pk: int) -> Solution:
    return Solution.objects.select_for_update(of=("self",)).select_related("country", "theme").get(pk=pk)


def solution_update(*, actor: Any, solution: Solution, changes: Mapping[str, Any]) -> Solution:
    """Change some of a solution's values (the others, and texts in languages not given, stay).

    The country changes its solution while it is a draft or returned; the Secretariat may correct one in
    any state. Checked as when it was drafted."""
    require(actor, "awards.edit_solution", solution)
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ServiceError(_("%(field)s cannot be changed.") % {"field": unknown[0]}, field=unknown[0])
    with transaction.atomic():
        locked = _lock(solution.pk)
        if locked.state not in EDITABLE_STATES and not actor.has_perm("awards.review_solution", locked):
            raise Conflict(
                _("The solution is in the state “%(state)s”: the country edits it as a draft or returned.")
                % {"state": locked.get_state_display()}
            )
        values = current_values(locked) | {
            name: {} for name in TEXTS
        } | dict(changes)  # fmt: skip
        fields, goals, missions = check_solution(country=locked.country, current=locked, **values)
        for name, value in fields.items():
            setattr(locked, name, value)
        _save(locked, goals, missions)
        _log(locked, "edit", actor=actor, previous=locked.state)
    return locked


# The review ---------------------------------------------------------------------------------------------


def _step(
    solution: Solution,
    action: str,
    *,
    actor: Any,
    note: str = "",
    check: Callable[[Solution], None] | None = None,
    decision: bool = False,
) -> Solution:
    found = SOLUTION_STEPS[action]
    assert found.permission is not None and found.target is not None
    require(actor, found.permission, solution)
    with transaction.atomic():
        locked = _lock(solution.pk)
        check_step(
            SOLUTION_STEPS,
            action,
            state=locked.state,
            state_label=locked.get_state_display(),
            what=_("solution"),
        )
        if check is not None:
            check(locked)
        previous = locked.state
        locked.state = found.target
        locked.save(update_fields=["state", "review_comment", "published_at"])
        _log(locked, action, actor=actor, previous=previous, note=note)
        if decision:
            record_decision(
                actor=actor,
                action=f"awards.solution.{action}",
                target=locked,
                payload={"country": locked.country.iso3, "state": locked.state},
            )
    return locked


def solution_submit(*, actor: Any, solution: Solution) -> Solution:
    """The country sends its draft (or its returned solution, edited) to the Secretariat."""
    return _step(solution, "submit", actor=actor)


def solution_publish(*, actor: Any, solution: Solution) -> Solution:
    def stamp(locked: Solution) -> None:
        locked.published_at = locked.published_at or timezone.now()
        locked.review_comment = ""

    return _step(solution, "publish", actor=actor, check=stamp, decision=True)


def solution_return(*, actor: Any, solution: Solution, comment: str) -> Solution:
    """The Secretariat returns a solution in review with a comment that the country reads."""
    comment = (comment or "").strip()
    if not comment:
        raise ServiceError(_("Say what the country should change."), field="comment")
    if len(comment) > 2000:
        raise ServiceError(_("At most %(max)d characters.") % {"max": 2000}, field="comment")

    def keep(locked: Solution) -> None:
        locked.review_comment = comment

    return _step(solution, "return", actor=actor, note=comment, check=keep, decision=True)
