"""Writes of the Excellence Award: an edition and what it declares (categories, criteria and weights,
questions, prizes), its phases (``workflow.EDITION_STEPS``), the countries' submissions and their
screening, the jury (assignments, declared conflicts of interest, scores), the Secretariat's tie
decisions and the heads of delegation's final vote.

Each action belongs to one phase of the edition: taken in another, it is refused with a Conflict naming
the phase. Every decision of the Secretariat and every vote goes to the decision log. The jury's marks
and the ranking come from ``ranking`` (pure arithmetic); the final vote is counted by the governance
counting module, one country one vote.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gealc.awards import notifications, ranking
from gealc.awards.models import (
    Assignment,
    Attachment,
    Category,
    ConflictOfInterest,
    Criterion,
    Edition,
    EditionPart,
    Eligibility,
    FinalVote,
    Phase,
    Prize,
    Question,
    Score,
    Solution,
    SolutionState,
    SolutionStatus,
    Submission,
    TieDecision,
)
from gealc.awards.workflow import EDITION_STEPS
from gealc.cooperation.models import Mission
from gealc.core.audit import record_decision
from gealc.core.errors import Conflict, Forbidden, ServiceError, require
from gealc.core.i18n import clean_texts, language_code, translations
from gealc.core.uploads import store_upload
from gealc.core.workflow import check_step
from gealc.governance import counting
from gealc.governance.models import NetworkRules
from gealc.members.models import Country, Membership, Role

MAX_PARTS = 20
MAX_ATTACHMENTS = 5
MAX_ANSWER = 5000
ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_FOLDER = "awards/submissions"


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def in_phase(edition: Edition, *phases: str, action: str) -> None:
    """Refuse ``action`` (what is being done, as people read it) outside ``phases``, naming the phase."""
    if edition.historical:
        raise Conflict(_("The edition %(year)d is historical: nothing is done in it on the platform.")
                       % {"year": edition.year})  # fmt: skip
    if edition.phase not in phases:
        raise Conflict(
            _("The edition is in the phase “%(phase)s”: %(action)s only in the phase %(phases)s.")
            % {
                "phase": edition.get_phase_display(),
                "action": action,
                "phases": " / ".join(f"“{Phase(phase).label}”" for phase in phases),
            }
        )


def _lock(edition: Edition) -> Edition:
    return Edition.objects.select_for_update().get(pk=edition.pk)


# The edition and what it declares ---------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """A category, criterion, question or prize as given: texts by language, a weight for a criterion,
    the category's code for a prize that belongs to one."""

    code: str
    name: Mapping[str, str]
    weight: int | None = None
    category: str = ""
    mission: int | None = None


def _parts(
    model: type[EditionPart], given: Sequence[Part], *, field: str, language: str, required: bool
) -> list[tuple[Part, dict[str, str]]]:
    if required and not given:
        raise ServiceError(_("Give at least one."), field=field)
    if len(given) > MAX_PARTS:
        raise ServiceError(_("At most %(max)d.") % {"max": MAX_PARTS}, field=field)
    seen: set[str] = set()
    cleaned: list[tuple[Part, dict[str, str]]] = []
    for index, part in enumerate(given):
        where = f"{field}.{index}"
        code = slugify(part.code or next(iter(part.name.values()), ""))[:40]
        if not code:
            raise ServiceError(_("Each line needs a code or a name."), field=where)
        if code in seen:
            raise ServiceError(_("The code %(code)r is given twice.") % {"code": code}, field=where)
        seen.add(code)
        try:
            texts = clean_texts(model, {"name": part.name}, original_language=language, required=["name"])
        except ServiceError as exc:
            raise ServiceError(exc.message, field=where) from None
        cleaned.append((Part(code, part.name, part.weight, part.category, part.mission), texts))
    return cleaned


def _weights(criteria: Sequence[Part]) -> dict[str, int]:
    weights: dict[str, int] = {}
    for index, criterion in enumerate(criteria):
        if criterion.weight is None or not 1 <= criterion.weight <= 100:
            raise ServiceError(
                _("Each criterion needs a whole-number weight from 1 to 100."), field=f"criteria.{index}"
            )
        weights[slugify(criterion.code or next(iter(criterion.name.values()), ""))[:40]] = criterion.weight
    total = sum(weights.values())
    if total != ranking.TOTAL_WEIGHT:
        raise ServiceError(
            _("The weights of the criteria must sum to 100; these sum to %(total)d.") % {"total": total},
            field="criteria",
        )
    return weights


class _Unchanged:
    """What a service is given for a value that may be set to None and is to stay as it is."""


UNCHANGED = _Unchanged()


def _number(number: int | None) -> int | None:
    """The edition's ordinal (the 7th edition), when it has one."""
    if number is None:
        return None
    if not isinstance(number, int) or not 1 <= number <= 100:
        raise ServiceError(_("Give a whole number from %(low)d to %(high)d.") % {"low": 1, "high": 100},
                           field="number")  # fmt: skip
    return number


def _rules(values: Mapping[str, Any]) -> dict[str, int]:
    limits = {
        "min_months_in_operation": (0, 240),
        "max_per_country_category": (1, 20),
        "finalists_per_category": (1, 20),
    }
    cleaned: dict[str, int] = {}
    for name, (low, high) in limits.items():
        if name not in values:
            continue
        try:
            number = int(values[name])
        except (TypeError, ValueError):
            number = -1
        if not low <= number <= high:
            raise ServiceError(
                _("Give a whole number from %(low)d to %(high)d.") % {"low": low, "high": high}, field=name
            )
        cleaned[name] = number
    return cleaned


def _write_parts(edition: Edition, categories: Sequence[Part], criteria: Sequence[Part],
                 questions: Sequence[Part], prizes: Sequence[Part]) -> None:  # fmt: skip
    language = edition.original_language
    _weights(criteria)
    checked = {
        "categories": _parts(Category, categories, field="categories", language=language, required=True),
        "criteria": _parts(Criterion, criteria, field="criteria", language=language, required=True),
        "questions": _parts(Question, questions, field="questions", language=language, required=False),
        "prizes": _parts(Prize, prizes, field="prizes", language=language, required=False),
    }
    codes = {part.code for part, _texts in checked["categories"]}
    for index, (prize, _texts) in enumerate(checked["prizes"]):
        if prize.category and prize.category not in codes:
            raise ServiceError(
                _("The prize names the category %(code)r, which the edition does not have.")
                % {"code": prize.category},
                field=f"prizes.{index}",
            )
        if prize.mission is not None and not Mission.objects.filter(pk=prize.mission).exists():
            raise ServiceError(
                _("No mission with id %(ids)s.") % {"ids": prize.mission}, field=f"prizes.{index}"
            )
    Prize.objects.filter(edition=edition).delete()
    Question.objects.filter(edition=edition).delete()
    Criterion.objects.filter(edition=edition).delete()
    Category.objects.filter(edition=edition).delete()
    made = {
        part.code: Category.objects.create(
            edition=edition, code=part.code, position=i, original_language=language, **texts
        )
        for i, (part, texts) in enumerate(checked["categories"])
    }
    for i, (part, texts) in enumerate(checked["criteria"]):
        Criterion.objects.create(
            edition=edition,
            code=part.code,
            weight=part.weight or 0,
            position=i,
            original_language=language,
            **texts,
        )
    for i, (part, texts) in enumerate(checked["questions"]):
        Question.objects.create(
            edition=edition, code=part.code, position=i, original_language=language, **texts
        )
    for i, (part, texts) in enumerate(checked["prizes"]):
        Prize.objects.create(
            edition=edition,
            code=part.code,
            position=i,
            original_language=language,
            category=made.get(part.category),
            mission_id=part.mission,
            **texts,
        )


def edition_create(
    *,
    actor: Any,
    year: int,
    title: Mapping[str, str],
    original_language: str,
    categories: Sequence[Part],
    criteria: Sequence[Part],
    description: Mapping[str, str] | None = None,
    questions: Sequence[Part] = (),
    prizes: Sequence[Part] = (),
    number: int | None = None,
    **rules: Any,
) -> Edition:
    """A new edition, being set up: the Secretariat opens its call once it is ready."""
    require(actor, "awards.run_edition")
    language = language_code(original_language)
    if not 2000 <= int(year) <= 2100:
        raise ServiceError(_("Give a year from 2000 to 2100."), field="year")
    ordinal = _number(number)
    texts = clean_texts(
        Edition,
        {"title": title, "description": description or {}},
        original_language=language,
        required=["title"],
    )
    with transaction.atomic():
        if Edition.objects.filter(year=year).exists():
            raise ServiceError(_("The edition of %(year)d exists already.") % {"year": year}, field="year")
        edition = Edition.objects.create(
            year=year,
            number=ordinal,
            original_language=language,
            created_by=_user(actor),
            **texts,
            **_rules(rules),
        )
        _write_parts(edition, categories, criteria, questions, prizes)
        record_decision(actor=actor, action="award_edition_create", target=edition, payload={"year": year})
    return edition


def edition_update(
    *,
    actor: Any,
    edition: Edition,
    title: Mapping[str, str] | None = None,
    description: Mapping[str, str] | None = None,
    categories: Sequence[Part] | None = None,
    criteria: Sequence[Part] | None = None,
    questions: Sequence[Part] | None = None,
    prizes: Sequence[Part] | None = None,
    number: int | _Unchanged | None = UNCHANGED,
    **rules: Any,
) -> Edition:
    """Change an edition being set up; once its call is open, only its texts, number and prizes change
    (the rules and criteria the countries submitted under stay)."""
    require(actor, "awards.run_edition", edition)
    ordinal = number if isinstance(number, _Unchanged) else _number(number)
    with transaction.atomic():
        locked = _lock(edition)
        structure = categories is not None or criteria is not None or questions is not None or bool(rules)
        if structure:
            in_phase(locked, Phase.SETUP, action=_("categories, criteria, questions and rules are changed"))
        elif locked.historical:
            in_phase(locked, Phase.SETUP, action=_("the edition is changed"))
        texts = clean_texts(
            Edition,
            {
                name: given
                for name, given in (("title", title), ("description", description))
                if given is not None
            },
            original_language=locked.original_language,
            required=["title"] if title is not None else [],
        )
        for column, text in {**texts, **_rules(rules)}.items():
            setattr(locked, column, text)
        if not isinstance(ordinal, _Unchanged):
            locked.number = ordinal
        locked.save()
        if locked.phase == Phase.SETUP and (structure or prizes is not None):
            _write_parts(
                locked,
                categories if categories is not None else _declared(locked.categories.all()),
                criteria if criteria is not None else _declared(locked.criteria.all()),
                questions if questions is not None else _declared(locked.questions.all()),
                prizes if prizes is not None else _declared(locked.prizes.all()),
            )
        elif prizes is not None:
            _rewrite_prizes(locked, prizes)
        record_decision(
            actor=actor, action="award_edition_update", target=locked, payload={"year": locked.year}
        )
    return locked


def _declared(parts: Iterable[Any]) -> list[Part]:
    """What is stored, given again (to rewrite one kind of part and keep the others)."""
    found: list[Part] = []
    for part in parts:
        found.append(
            Part(
                code=part.code,
                name=translations(part, "name"),
                weight=getattr(part, "weight", None),
                category=part.category.code if getattr(part, "category", None) else "",
                mission=getattr(part, "mission_id", None),
            )
        )
    return found


def parts_declared(edition: Edition) -> dict[str, list[Part]]:
    """The edition's categories, criteria, questions and prizes as the services take them."""
    return {
        "categories": _declared(edition.categories.all()),
        "criteria": _declared(edition.criteria.all()),
        "questions": _declared(edition.questions.all()),
        "prizes": _declared(edition.prizes.select_related("category")),
    }


def _rewrite_prizes(edition: Edition, prizes: Sequence[Part]) -> None:
    categories = {category.code: category for category in edition.categories.all()}
    checked = _parts(Prize, prizes, field="prizes", language=edition.original_language, required=False)
    Prize.objects.filter(edition=edition).delete()
    for i, (part, texts) in enumerate(checked):
        if part.category and part.category not in categories:
            raise ServiceError(
                _("The prize names the category %(code)r, which the edition does not have.")
                % {"code": part.category},
                field=f"prizes.{i}",
            )
        Prize.objects.create(
            edition=edition, code=part.code, position=i, original_language=edition.original_language,
            category=categories.get(part.category), mission_id=part.mission, **texts,
        )  # fmt: skip


# The phases -------------------------------------------------------------------------------------------


def _advance(actor: Any, edition: Edition, name: str, check: Any = None) -> Edition:
    declared = EDITION_STEPS[name]
    require(actor, declared.permission or "awards.run_edition", edition)
    with transaction.atomic():
        locked = _lock(edition)
        if locked.historical:
            in_phase(locked, *declared.sources, action=str(declared.label))
        check_step(
            EDITION_STEPS, name, state=locked.phase, state_label=locked.get_phase_display(), what=_("edition")
        )
        if check is not None:
            check(locked)
        previous = locked.phase
        locked.phase = declared.target or locked.phase
        if locked.phase == Phase.ANNOUNCED:
            locked.announced_at = timezone.now()
        locked.save()
        record_decision(
            actor=actor,
            action=f"award_edition_{name}",
            target=locked,
            payload={"from": previous, "to": locked.phase},
        )
    return locked


def _ready_to_open(edition: Edition) -> None:
    problem = ranking.weights_problem(dict(edition.criteria.values_list("code", "weight")))
    if problem is not None:
        total = sum(edition.criteria.values_list("weight", flat=True))
        raise Conflict(
            _("The weights of the criteria must sum to 100; these sum to %(total)d.") % {"total": total}
        )
    if not edition.categories.exists():
        raise Conflict(_("The edition has no category yet."))


def edition_open_call(*, actor: Any, edition: Edition) -> Edition:
    return _advance(actor, edition, "open_call", _ready_to_open)


def edition_close_call(*, actor: Any, edition: Edition) -> Edition:
    return _advance(actor, edition, "close_call")


def edition_start_screening(*, actor: Any, edition: Edition) -> Edition:
    return _advance(actor, edition, "start_screening")


def _all_screened(edition: Edition) -> None:
    pending = edition.submissions.filter(eligibility=Eligibility.PENDING).count()
    if pending:
        raise Conflict(
            ngettext(
                "%(count)d submission is not screened yet.",
                "%(count)d submissions are not screened yet.",
                pending,
            )
            % {"count": pending}
        )


def edition_start_evaluation(*, actor: Any, edition: Edition) -> Edition:
    return _advance(actor, edition, "start_evaluation", _all_screened)


def _select_finalists(edition: Edition) -> None:
    unfinished = Assignment.objects.filter(submission__edition=edition, scored_at__isnull=True).count()
    if unfinished:
        raise Conflict(
            ngettext(
                "%(count)d evaluation is not complete: the juror scores it, or the assignment is removed.",
                "%(count)d evaluations are not complete: the jurors score them, or they are removed.",
                unfinished,
            )
            % {"count": unfinished}
        )
    for category in edition.categories.all():
        selection = category_finalists(edition, category)
        Submission.objects.filter(pk__in=selection.chosen).update(finalist=True)


def edition_select_finalists(*, actor: Any, edition: Edition) -> Edition:
    return _advance(actor, edition, "select_finalists", _select_finalists)


def _finalists_settled(edition: Edition) -> None:
    open_ties = [
        category.name
        for category in edition.categories.all()
        if not category_finalists(edition, category).settled
        and not TieDecision.objects.filter(category=category, stage=TieDecision.Stage.FINALISTS).exists()
    ]
    if open_ties:
        raise Conflict(
            _("A tie for the last finalist's place waits for the Secretariat's decision in: %(categories)s.")
            % {"categories": ", ".join(open_ties)}
        )


def edition_open_vote(*, actor: Any, edition: Edition) -> Edition:
    return _advance(actor, edition, "open_vote", _finalists_settled)


def _count_and_crown(edition: Edition) -> None:
    undecided: list[str] = []
    winners: list[int] = []
    for category in edition.categories.all():
        count = category_count(edition, category)
        if count.status == counting.Status.DECIDED:
            winners += [int(key) for key in count.elected]
        elif count.status == counting.Status.RUNOFF:
            decision = TieDecision.objects.filter(category=category, stage=TieDecision.Stage.WINNER).first()
            if decision is None or sorted(decision.tied) != sorted(int(key) for key in count.runoff):
                undecided.append(category.name)
            else:
                winners += [int(key) for key in decision.chosen]
    if undecided:
        raise Conflict(
            _("The vote is tied and waits for the Secretariat's decision in: %(categories)s.")
            % {"categories": ", ".join(undecided)}
        )
    Submission.objects.filter(pk__in=winners).update(winner=True)


def edition_announce(*, actor: Any, edition: Edition) -> Edition:
    return _advance(actor, edition, "announce", _count_and_crown)


def edition_advance(*, actor: Any, edition: Edition) -> Edition:
    """The step that follows the edition's phase (the API's ``advance``)."""
    following = next((name for name, each in EDITION_STEPS.items() if edition.phase in each.sources), None)
    if following is None:
        raise Conflict(
            _("The edition is in the phase “%(phase)s”: it has no next phase.")
            % {"phase": edition.get_phase_display()}
        )
    step = EDITION_STEPS[following]
    return step.run(actor=actor, record=edition)


# Submissions and screening ----------------------------------------------------------------------------


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole months from ``start`` to ``end`` (a month counts once its day is reached)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)


def _answers(edition: Edition, given: Mapping[str, str]) -> dict[str, str]:
    questions = list(edition.questions.all())
    known = {question.code for question in questions}
    strangers = sorted(set(given) - known)
    if strangers:
        raise ServiceError(
            _("The edition asks no question %(codes)s.") % {"codes": ", ".join(strangers)}, field="answers"
        )
    answers: dict[str, str] = {}
    for question in questions:
        text = (given.get(question.code) or "").strip()
        where = f"answers.{question.code}"
        if not text:
            raise ServiceError(
                _("Answer the question “%(question)s”.") % {"question": question.name}, field=where
            )
        if len(text) > MAX_ANSWER:
            raise ServiceError(
                _("At most %(max)d characters (this one has %(length)d).")
                % {"max": MAX_ANSWER, "length": len(text)},
                field=where,
            )
        answers[question.code] = text
    return answers


def submission_create(
    *,
    actor: Any,
    edition: Edition,
    solution: Solution,
    category: Category,
    in_operation_since: datetime.date,
    answers: Mapping[str, str] | None = None,
    files: Sequence[UploadedFile[bytes]] = (),
) -> Submission:
    """A member country submits one of its published solutions to a category of an open call."""
    require(actor, "awards.submit_candidacy", solution)
    if category.edition_id != edition.pk:
        raise ServiceError(_("The category is not one of this edition's."), field="category")
    if not solution.country.is_member:
        raise ServiceError(
            _("%(country)s is not a member country of the network.") % {"country": solution.country.name},
            field="solution",
        )
    if solution.state != SolutionState.PUBLISHED:
        raise ServiceError(
            _("Only a solution published in the catalogue can be submitted."), field="solution"
        )
    if solution.status != SolutionStatus.OPERATION:
        raise ServiceError(
            _("Only a solution in operation can be submitted (this one is “%(status)s”).")
            % {"status": solution.get_status_display()},
            field="solution",
        )
    today = timezone.localdate()
    if in_operation_since > today:
        raise ServiceError(_("The date cannot be in the future."), field="in_operation_since")
    if files and len(files) > MAX_ATTACHMENTS:
        raise ServiceError(_("At most %(max)d files.") % {"max": MAX_ATTACHMENTS}, field="files")
    with transaction.atomic():
        locked = _lock(edition)
        in_phase(locked, Phase.CALL_OPEN, action=_("solutions are submitted"))
        months = months_between(in_operation_since, today)
        if months < locked.min_months_in_operation:
            raise ServiceError(
                ngettext(
                    "The edition asks for at least %(min)d month in operation; this one has %(months)d.",
                    "The edition asks for at least %(min)d months in operation; this one has %(months)d.",
                    locked.min_months_in_operation,
                )
                % {"min": locked.min_months_in_operation, "months": months},
                field="in_operation_since",
            )
        if Submission.objects.filter(edition=locked, solution=solution).exists():
            raise ServiceError(_("This solution is already submitted to this edition."), field="solution")
        already = Submission.objects.filter(
            edition=locked, category=category, country=solution.country
        ).count()
        if already >= locked.max_per_country_category:
            raise ServiceError(
                ngettext(
                    "%(country)s already has %(count)d submission in “%(category)s”: the most allowed.",
                    "%(country)s already has %(count)d submissions in “%(category)s”: the most allowed.",
                    already,
                )
                % {"country": solution.country.name, "count": already, "category": category.name},
                field="category",
            )
        submission = Submission.objects.create(
            edition=locked,
            category=category,
            solution=solution,
            country=solution.country,
            in_operation_since=in_operation_since,
            answers=_answers(locked, answers or {}),
            submitted_by=_user(actor),
        )
        for upload in files:
            stored = store_upload(upload, folder=ATTACHMENT_FOLDER, max_bytes=ATTACHMENT_BYTES, field="files")
            Attachment.objects.create(
                submission=submission,
                file=stored.name,
                original_name=stored.original_name,
                content_type=stored.content_type,
                size=stored.size,
                sha256=stored.sha256,
            )
        record_decision(
            actor=actor,
            action="award_submission_create",
            target=submission,
            payload={"edition": locked.year, "category": category.code, "country": solution.country.iso3},
        )
    return submission


def submission_screen(*, actor: Any, submission: Submission, eligible: bool, reason: str = "") -> Submission:
    """The Secretariat's screening: eligible, or not with the reason the country reads."""
    require(actor, "awards.screen_submission", submission)
    reason = (reason or "").strip()
    if not eligible and not reason:
        raise ServiceError(_("Say why the submission is not eligible: the country reads it."), field="reason")
    if len(reason) > 2000:
        raise ServiceError(_("At most %(max)d characters.") % {"max": 2000}, field="reason")
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        in_phase(_lock(locked.edition), Phase.SCREENING, action=_("submissions are screened"))
        locked.eligibility = Eligibility.ELIGIBLE if eligible else Eligibility.INELIGIBLE
        locked.screening_reason = reason
        locked.screened_at = timezone.now()
        locked.save()
        if not eligible:
            Assignment.objects.filter(submission=locked).delete()
        record_decision(
            actor=actor,
            action="award_submission_screen",
            target=locked,
            payload={"eligibility": locked.eligibility},
        )
        notifications.screening_announce(submission=locked, actor=actor)
    return locked


# The jury ---------------------------------------------------------------------------------------------


def _juror_countries(user: Any) -> set[str]:
    """The countries the person holds any role for today, read afresh (a role granted a moment ago
    counts): a juror judges nothing from them."""
    return set(
        Membership.objects.in_force()
        .filter(person__user=user, country__isnull=False)
        .values_list("country__iso3", flat=True)
    )


def is_juror(user: Any) -> bool:
    return Membership.objects.in_force().filter(person__user=user, role=Role.JUROR).exists()


def conflict_of(user: Any, submission: Submission) -> str | None:
    """Why ``user`` may not judge ``submission`` (a sentence to show), or None."""
    if submission.country.iso3 in _juror_countries(user):
        return _("the submission is from %(country)s, a country the juror acts for") % {
            "country": submission.country.name
        }
    if ConflictOfInterest.objects.filter(submission=submission, juror=user).exists():
        return _("the juror declared a conflict of interest with it")
    return None


def assignment_create(*, actor: Any, edition: Edition, juror: Any, submission: Submission) -> Assignment:
    """The Secretariat assigns a juror to an eligible submission, never in conflict of interest."""
    require(actor, "awards.assign_juror", edition)
    if submission.edition_id != edition.pk:
        raise ServiceError(_("The submission is not one of this edition's."), field="submission")
    if juror is None or not getattr(juror, "is_active", False) or not is_juror(juror):
        raise ServiceError(_("This person does not hold the juror role today."), field="juror")
    with transaction.atomic():
        in_phase(_lock(edition), Phase.SCREENING, Phase.EVALUATION, action=_("jurors are assigned"))
        current = Submission.objects.select_for_update().get(pk=submission.pk)
        if current.eligibility != Eligibility.ELIGIBLE:
            raise ServiceError(_("Only an eligible submission is given to the jury."), field="submission")
        conflict = conflict_of(juror, current)
        if conflict is not None:
            raise ServiceError(_("The assignment is refused: %(why)s.") % {"why": conflict}, field="juror")
        try:
            with transaction.atomic():
                assignment = Assignment.objects.create(
                    submission=current, juror=juror, assigned_by=_user(actor)
                )
        except IntegrityError:
            raise ServiceError(
                _("This juror is already assigned to this submission."), field="juror"
            ) from None
        record_decision(
            actor=actor,
            action="award_assignment_create",
            target=assignment,
            payload={"submission": current.pk, "juror": juror.pk},
        )
        notifications.assignment_announce(assignment=assignment, actor=actor)
    return assignment


def assignment_remove(*, actor: Any, assignment: Assignment) -> None:
    require(actor, "awards.assign_juror", assignment.submission.edition)
    with transaction.atomic():
        in_phase(
            _lock(assignment.submission.edition),
            Phase.SCREENING,
            Phase.EVALUATION,
            action=_("jurors are assigned"),
        )
        record_decision(
            actor=actor,
            action="award_assignment_remove",
            target=assignment.submission,
            payload={"submission": assignment.submission_id, "juror": assignment.juror_id},
        )
        Assignment.objects.filter(pk=assignment.pk).delete()


def conflict_declare(*, actor: Any, submission: Submission, reason: str) -> ConflictOfInterest:
    """A juror declares a conflict of interest with a submission: they are taken off it, if assigned."""
    require(actor, "awards.judge")
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Say what the conflict of interest is."), field="reason")
    with transaction.atomic():
        in_phase(
            _lock(submission.edition),
            Phase.SCREENING,
            Phase.EVALUATION,
            action=_("conflicts of interest are declared"),
        )
        declared, _created = ConflictOfInterest.objects.update_or_create(
            submission=submission, juror=actor, defaults={"reason": reason[:2000]}
        )
        Assignment.objects.filter(submission=submission, juror=actor).delete()
        record_decision(
            actor=actor,
            action="award_conflict_declare",
            target=submission,
            payload={"submission": submission.pk},
        )
    return declared


def scores_save(
    *, actor: Any, assignment: Assignment, scores: Mapping[str, int], comment: str = ""
) -> Assignment:
    """The assigned juror's scores, one per criterion from 0 to 10, with a comment; changed freely until
    the evaluation closes. The conflict rule is checked again: a role or a declaration since the
    assignment stops the scores."""
    require(actor, "awards.score_submission", assignment)
    submission = assignment.submission
    criteria = {criterion.code: criterion for criterion in submission.edition.criteria.all()}
    cleaned: dict[str, int] = {}
    for code, raw in scores.items():
        if code not in criteria:
            raise ServiceError(_("The edition has no criterion %(code)r.") % {"code": code}, field="scores")
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = -1
        if not 0 <= value <= ranking.MAX_SCORE or str(raw).strip() not in {str(value), f"{value}.0"}:
            raise ServiceError(_("Give a whole number from 0 to 10."), field=f"scores.{code}")
        cleaned[code] = value
    missing = [criterion.name for code, criterion in criteria.items() if code not in cleaned]
    if missing:
        raise ServiceError(
            _("Score every criterion; missing: %(criteria)s.") % {"criteria": ", ".join(missing)},
            field="scores",
        )
    comment = (comment or "").strip()
    if len(comment) > 5000:
        raise ServiceError(_("At most %(max)d characters.") % {"max": 5000}, field="comment")
    with transaction.atomic():
        in_phase(_lock(submission.edition), Phase.EVALUATION, action=_("scores are saved"))
        conflict = conflict_of(actor, submission)
        if conflict is not None:
            raise Forbidden(_("Your scores cannot be saved: %(reason)s.") % {"reason": conflict})
        locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
        Score.objects.filter(assignment=locked).delete()
        Score.objects.bulk_create(
            Score(assignment=locked, criterion=criteria[code], value=value) for code, value in cleaned.items()
        )
        locked.comment = comment
        locked.scored_at = timezone.now()
        locked.save(update_fields=["comment", "scored_at"])
        record_decision(
            actor=actor,
            action="award_scores_save",
            target=submission,
            payload={"submission": submission.pk, "scores": cleaned},
        )
    return locked


# The ranking ------------------------------------------------------------------------------------------


def category_marks(edition: Edition, category: Category) -> list[ranking.Mark]:
    """The marks of the category's eligible submissions from their complete score sheets."""
    weights = dict(edition.criteria.values_list("code", "weight"))
    sheets: dict[int, dict[int, dict[str, int]]] = {}
    rows = Score.objects.filter(
        assignment__submission__category=category, assignment__scored_at__isnull=False
    ).values_list("assignment__submission_id", "assignment_id", "criterion__code", "value")
    for submission_id, assignment_id, code, value in rows:
        sheets.setdefault(submission_id, {}).setdefault(assignment_id, {})[code] = value
    eligible = category.submissions.filter(eligibility=Eligibility.ELIGIBLE).values_list("pk", flat=True)
    return [ranking.submission_mark(pk, weights, sheets.get(pk, {}).values()) for pk in eligible]


def category_finalists(edition: Edition, category: Category) -> ranking.Finalists:
    return ranking.finalists(ranking.rank(category_marks(edition, category)), edition.finalists_per_category)


def tie_decide(*, actor: Any, category: Category, chosen: Sequence[int], reason: str) -> TieDecision:
    """The Secretariat decides between tied submissions, with the reason published beside the result:
    in the finalists phase, which of those tied for the last place enter the finalists; in the vote,
    which of those tied with most votes wins."""
    edition = category.edition
    require(actor, "awards.decide_tie", edition)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(
            _("Give the reason for the decision: it is published with the result."), field="reason"
        )
    picked = sorted({int(pk) for pk in chosen})
    with transaction.atomic():
        locked = _lock(edition)
        in_phase(locked, Phase.FINALISTS, Phase.VOTING, action=_("ties are decided"))
        if locked.phase == Phase.FINALISTS:
            stage = TieDecision.Stage.FINALISTS
            selection = category_finalists(locked, category)
            tied, seats = sorted(selection.tied), selection.seats_left
        else:
            stage = TieDecision.Stage.WINNER
            count = category_count(locked, category)
            tied, seats = sorted(int(key) for key in count.runoff), count.runoff_seats
        if not tied:
            raise Conflict(_("There is no tie to decide in “%(category)s”.") % {"category": category.name})
        if len(picked) != seats or not set(picked) <= set(tied):
            raise ServiceError(
                ngettext(
                    "Choose %(seats)d of the tied submissions.",
                    "Choose %(seats)d of the tied submissions.",
                    seats,
                )
                % {"seats": seats},
                field="chosen",
            )
        decision, _created = TieDecision.objects.update_or_create(
            category=category,
            stage=stage,
            defaults={"tied": tied, "chosen": picked, "reason": reason[:2000], "decided_by": _user(actor),
                      "decided_at": timezone.now()},
        )  # fmt: skip
        if stage == TieDecision.Stage.FINALISTS:
            Submission.objects.filter(pk__in=tied).update(finalist=False)
            Submission.objects.filter(pk__in=picked).update(finalist=True)
        record_decision(
            actor=actor,
            action="award_tie_decide",
            target=decision,
            payload={"category": category.code, "stage": stage, "tied": tied, "chosen": picked},
        )
    return decision


# The final vote ---------------------------------------------------------------------------------------


def final_vote_cast(
    *, actor: Any, category: Category, submission: Submission, country: Country | None = None
) -> FinalVote:
    """A head of delegation's vote, for their member country, for one finalist of a category."""
    require(actor, "awards.cast_final_vote", category.edition)
    headed = sorted(
        Membership.objects.in_force()
        .filter(person__user=actor, role=Role.HEAD_OF_DELEGATION, country__status=Country.Status.MEMBER)
        .values_list("country__iso3", flat=True)
    )
    if country is None:
        if len(headed) != 1:
            raise ServiceError(_("Say for which country the vote is cast."), field="country")
        country = Country.objects.get(iso3=headed[0])
    if country.iso3 not in headed:
        raise Forbidden("not the head of delegation of this member country")
    submission = Submission.objects.select_related("country").get(pk=submission.pk)  # as it is now
    if submission.category_id != category.pk or not submission.finalist:
        raise ServiceError(_("The vote goes to one of the category's finalists."), field="submission")
    if submission.country_id == country.pk:
        raise ServiceError(
            _("%(country)s cannot vote for its own submission.") % {"country": country.name},
            field="submission",
        )
    with transaction.atomic():
        in_phase(_lock(category.edition), Phase.VOTING, action=_("votes are cast"))
        try:
            with transaction.atomic():
                vote = FinalVote.objects.create(
                    category=category, country=country, submission=submission, cast_by=_user(actor)
                )
        except IntegrityError:
            raise Conflict(
                _("%(country)s has already voted in “%(category)s”.")
                % {"country": country.name, "category": category.name}
            ) from None
        record_decision(
            actor=actor,
            action="award_final_vote",
            target=vote,
            payload={"category": category.code, "country": country.iso3, "submission": submission.pk},
        )
    return vote


def category_count(edition: Edition, category: Category) -> counting.SeatCount:
    """The final vote of a category counted one country one vote, under the network's minimum turnout
    (of the member countries)."""
    finalists = [str(pk) for pk in category.submissions.filter(finalist=True).values_list("pk", flat=True)]
    votes = [
        [str(pk)]
        for pk in FinalVote.objects.filter(category=category).values_list("submission_id", flat=True)
    ]
    members = Country.objects.members().count()
    turnout = counting.turnout_count(
        voted=len(votes), present=members, minimum=NetworkRules.current().min_turnout_fraction
    )
    return counting.seats_count(candidates=finalists, ballots=votes, seats=1, turnout_met=turnout.met)


def votes_by_category(edition: Edition) -> dict[int, int]:
    return dict(
        FinalVote.objects.filter(category__edition=edition)
        .values("category")
        .annotate(n=Count("pk"))
        .values_list("category", "n")
    )
