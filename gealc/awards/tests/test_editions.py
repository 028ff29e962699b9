"""An award edition through its phases with the services: the rules people rely on."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import make_user
from gealc.accounts.services import role_grant
from gealc.awards import edition_services as awards
from gealc.awards.edition_services import Part
from gealc.awards.models import Edition, Eligibility, FinalVote, Phase, Submission, TieDecision
from gealc.awards.tests.conftest import country, published
from gealc.core.errors import Conflict, Forbidden, ServiceError
from gealc.core.models import DecisionEvent

pytestmark = pytest.mark.django_db
SINCE = datetime.date(2020, 1, 15)


def new_edition(cast: Any, **changes: Any) -> Edition:
    values: dict[str, Any] = {
        "year": 2027,
        "title": {"en": "Excellence Award 2027", "es": "Premio a la Excelencia 2027"},
        "original_language": "en",
        "categories": [Part("government-value", {"en": "Government value", "es": "Valor público"})],
        "criteria": [Part("impact", {"en": "Impact"}, weight=60), Part("reuse", {"en": "Reuse"}, weight=40)],
        "questions": [Part("users", {"en": "Who uses it?"})],
        "finalists_per_category": 1,
        **changes,
    }
    return awards.edition_create(actor=cast.secretariat, **values)


def step(cast: Any, edition: Edition, *names: str) -> Edition:
    for name in names:
        edition = getattr(awards, f"edition_{name}")(actor=cast.secretariat, edition=edition)
    return edition


def submit(cast: Any, edition: Edition, iso3: str, name: str) -> Submission:
    solution = published(cast, iso3, name)
    delegate = {"URY": cast.uruguay_delegate, "BRA": cast.brazil_delegate}[iso3]
    return awards.submission_create(
        actor=delegate,
        edition=edition,
        solution=solution,
        category=edition.categories.get(),
        in_operation_since=SINCE,
        answers={"users": "Every citizen."},
    )


def test_weights_that_do_not_sum_to_100_are_refused_naming_the_criteria(cast: Any) -> None:
    with pytest.raises(ServiceError) as refused:
        new_edition(
            cast,
            criteria=[Part("impact", {"en": "Impact"}, weight=60), Part("reuse", {"en": "Reuse"}, weight=30)],
        )
    assert refused.value.field == "criteria"
    assert "sum to 90" in refused.value.message
    assert not Edition.objects.filter(year=2027).exists()


def test_only_the_secretariat_creates_an_edition(cast: Any) -> None:
    with pytest.raises(Forbidden):
        awards.edition_create(
            actor=cast.uruguay_delegate, year=2027, title={"en": "X"}, original_language="en",
            categories=[Part("a", {"en": "A"})], criteria=[Part("b", {"en": "B"}, weight=100)],
        )  # fmt: skip


def test_a_submission_outside_the_open_call_is_refused_naming_the_phase(cast: Any) -> None:
    edition = new_edition(cast)
    with pytest.raises(Conflict) as refused:
        submit(cast, edition, "URY", "Trámites en línea")
    assert "Being set up" in refused.value.message
    assert "Call open" in refused.value.message


def test_a_submission_follows_the_eligibility_rules(cast: Any) -> None:
    edition = step(
        cast, new_edition(cast, max_per_country_category=1, min_months_in_operation=12), "open_call"
    )
    solution = published(cast, "URY", "Identidad digital")
    category = edition.categories.get()
    recent = datetime.date.today() - datetime.timedelta(days=40)
    with pytest.raises(ServiceError) as too_new:
        awards.submission_create(
            actor=cast.uruguay_delegate, edition=edition, solution=solution, category=category,
            in_operation_since=recent, answers={"users": "All"},
        )  # fmt: skip
    assert too_new.value.field == "in_operation_since"
    with pytest.raises(ServiceError) as unanswered:
        awards.submission_create(
            actor=cast.uruguay_delegate, edition=edition, solution=solution, category=category,
            in_operation_since=SINCE, answers={},
        )  # fmt: skip
    assert unanswered.value.field == "answers.users"
    submit(cast, edition, "URY", "Trámites en línea")
    with pytest.raises(ServiceError) as too_many:
        awards.submission_create(
            actor=cast.uruguay_delegate, edition=edition, solution=solution, category=category,
            in_operation_since=SINCE, answers={"users": "All"},
        )  # fmt: skip
    assert too_many.value.field == "category"
    assert "Uruguay already has 1 submission" in too_many.value.message
    with pytest.raises(Forbidden):
        awards.submission_create(
            actor=cast.brazil_delegate, edition=edition, solution=solution, category=category,
            in_operation_since=SINCE, answers={"users": "All"},
        )  # fmt: skip


def test_an_attachment_is_checked_by_its_content(cast: Any, tmp_path: Any, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    edition = step(cast, new_edition(cast), "open_call")
    solution = published(cast, "URY", "Trámites en línea")
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, content_type="application/pdf")
    with pytest.raises(ServiceError) as refused:
        awards.submission_create(
            actor=cast.uruguay_delegate, edition=edition, solution=solution,
            category=edition.categories.get(), in_operation_since=SINCE,
            answers={"users": "All"}, files=[fake],
        )  # fmt: skip
    assert refused.value.field == "files"
    assert not Submission.objects.exists()
    pdf = SimpleUploadedFile(
        "report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", content_type="x"
    )
    made = awards.submission_create(
        actor=cast.uruguay_delegate, edition=edition, solution=solution, category=edition.categories.get(),
        in_operation_since=SINCE, answers={"users": "All"}, files=[pdf],
    )  # fmt: skip
    assert [(a.original_name, a.content_type) for a in made.attachments.all()] == [
        ("report.pdf", "application/pdf")
    ]


def test_an_ineligible_submission_needs_the_reason_the_country_reads(cast: Any) -> None:
    edition = step(cast, new_edition(cast), "open_call")
    submission = submit(cast, edition, "URY", "Trámites en línea")
    step(cast, edition, "close_call", "start_screening")
    with pytest.raises(ServiceError) as refused:
        awards.submission_screen(actor=cast.secretariat, submission=submission, eligible=False)
    assert refused.value.field == "reason"
    screened = awards.submission_screen(
        actor=cast.secretariat, submission=submission, eligible=False, reason="Not in operation."
    )
    assert (screened.eligibility, screened.screening_reason) == (Eligibility.INELIGIBLE, "Not in operation.")


@pytest.fixture
def in_evaluation(cast: Any) -> tuple[Edition, Submission, Submission]:
    edition = step(cast, new_edition(cast), "open_call")
    uruguay = submit(cast, edition, "URY", "Trámites en línea")
    brazil = submit(cast, edition, "BRA", "gov.br")
    step(cast, edition, "close_call", "start_screening")
    for submission in (uruguay, brazil):
        awards.submission_screen(actor=cast.secretariat, submission=submission, eligible=True)
    return step(cast, edition, "start_evaluation"), uruguay, brazil


def test_a_juror_is_never_assigned_a_submission_of_their_own_country(cast: Any, in_evaluation: Any) -> None:
    edition, uruguay, _brazil = in_evaluation
    uruguayan_juror = make_user("juror@agesic.gub.uy", "Julia Juror", ("juror", "URY"))
    with pytest.raises(ServiceError) as refused:
        awards.assignment_create(
            actor=cast.secretariat, edition=edition, juror=uruguayan_juror, submission=uruguay
        )
    assert refused.value.field == "juror"
    assert "from Uruguay" in refused.value.message


def test_a_declared_conflict_refuses_the_assignment(cast: Any, in_evaluation: Any) -> None:
    edition, uruguay, _brazil = in_evaluation
    awards.conflict_declare(actor=cast.peru_juror, submission=uruguay, reason="I advised its team in 2024.")
    with pytest.raises(ServiceError) as refused:
        awards.assignment_create(
            actor=cast.secretariat, edition=edition, juror=cast.peru_juror, submission=uruguay
        )
    assert "declared a conflict of interest" in refused.value.message


def test_a_role_granted_after_the_assignment_stops_the_scores(cast: Any, in_evaluation: Any) -> None:
    edition, uruguay, _brazil = in_evaluation
    assignment = awards.assignment_create(
        actor=cast.secretariat, edition=edition, juror=cast.peru_juror, submission=uruguay
    )
    role_grant(actor=None, user=cast.peru_juror, role="delegate", country=country("URY"))
    with pytest.raises(Forbidden):
        awards.scores_save(actor=cast.peru_juror, assignment=assignment, scores={"impact": 8, "reuse": 7})
    assert not assignment.scores.exists()


def test_scores_are_whole_numbers_from_0_to_10_for_every_criterion(cast: Any, in_evaluation: Any) -> None:
    edition, uruguay, _brazil = in_evaluation
    assignment = awards.assignment_create(
        actor=cast.secretariat, edition=edition, juror=cast.peru_juror, submission=uruguay
    )
    with pytest.raises(ServiceError) as above:
        awards.scores_save(actor=cast.peru_juror, assignment=assignment, scores={"impact": 11, "reuse": 7})
    assert above.value.field == "scores.impact"
    with pytest.raises(ServiceError) as missing:
        awards.scores_save(actor=cast.peru_juror, assignment=assignment, scores={"impact": 8})
    assert "Reuse" in missing.value.message
    with pytest.raises(Forbidden):
        awards.scores_save(actor=cast.secretariat, assignment=assignment, scores={"impact": 8, "reuse": 7})


def test_an_edition_runs_from_its_call_to_its_winner_with_a_tie_decided_on_the_record(
    cast: Any, in_evaluation: Any
) -> None:
    edition, uruguay, brazil = in_evaluation
    with pytest.raises(ServiceError) as too_early:
        awards.final_vote_cast(actor=cast.uruguay_head, category=edition.categories.get(), submission=brazil)
    assert too_early.value.field == "submission"  # not a finalist yet
    for submission in (uruguay, brazil):
        assignment = awards.assignment_create(
            actor=cast.secretariat, edition=edition, juror=cast.peru_juror, submission=submission
        )
        # 8 x 60 + 5 x 40 = 680 and 6 x 60 + 8 x 40 = 680: a tie for the one finalist's place.
        scores = {"impact": 8, "reuse": 5} if submission == uruguay else {"impact": 6, "reuse": 8}
        awards.scores_save(actor=cast.peru_juror, assignment=assignment, scores=scores, comment="Solid.")
    edition = step(cast, edition, "select_finalists")
    category = edition.categories.get()
    selection = awards.category_finalists(edition, category)
    assert (selection.chosen, sorted(selection.tied), selection.seats_left) == (
        (),
        sorted([uruguay.pk, brazil.pk]),
        1,
    )
    with pytest.raises(Conflict) as undecided:
        step(cast, edition, "open_vote")
    assert "Government value" in undecided.value.message
    with pytest.raises(ServiceError):
        awards.tie_decide(actor=cast.secretariat, category=category, chosen=[uruguay.pk], reason="")
    awards.tie_decide(
        actor=cast.secretariat, category=category, chosen=[brazil.pk], reason="Higher score on impact."
    )
    edition = step(cast, edition, "open_vote")
    with pytest.raises(ServiceError) as own:
        awards.final_vote_cast(actor=cast.uruguay_head, category=category, submission=uruguay)
    assert own.value.field == "submission"
    brazil.refresh_from_db()
    vote = awards.final_vote_cast(actor=cast.uruguay_head, category=category, submission=brazil)
    assert len(vote.receipt) == 12
    with pytest.raises(Conflict):
        awards.final_vote_cast(actor=cast.uruguay_head, category=category, submission=brazil)
    edition = step(cast, edition, "announce")
    assert edition.phase == Phase.ANNOUNCED
    assert list(Submission.objects.filter(winner=True)) == [brazil]
    assert FinalVote.objects.count() == 1
    assert TieDecision.objects.get().reason == "Higher score on impact."
    logged = set(DecisionEvent.objects.values_list("action", flat=True))
    assert {"award_final_vote", "award_tie_decide", "award_scores_save", "award_edition_announce"} <= logged


def test_the_api_advance_takes_the_next_phase_and_none_after_the_last(cast: Any) -> None:
    edition = awards.edition_advance(actor=cast.secretariat, edition=new_edition(cast))
    assert edition.phase == Phase.CALL_OPEN
    Edition.objects.filter(pk=edition.pk).update(phase=Phase.ANNOUNCED, announced_at=edition.created_at)
    edition.refresh_from_db()
    with pytest.raises(Conflict):
        awards.edition_advance(actor=cast.secretariat, edition=edition)
