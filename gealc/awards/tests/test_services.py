"""Drafting, editing and the review of a solution: who may do each, what is checked, what is recorded."""

import pytest

from gealc.awards import services
from gealc.awards.models import Solution, SolutionChange
from gealc.awards.tests.conftest import country, draft
from gealc.core.errors import Conflict, Forbidden, ServiceError
from gealc.core.models import DecisionEvent

pytestmark = pytest.mark.django_db


def test_a_delegate_drafts_a_solution_of_their_country_with_texts_in_several_languages(cast):
    solution = draft(
        cast.uruguay_delegate,
        names={"es": "Trámites en línea", "en": "Online procedures"},
        goals=[16, 9, 16],
        tags=["Procedures", "one-stop shop"],
        figures=[{"label": "Procedures online", "value": "1200", "unit": "procedures"}],
        year_started=2015,
        contact_name="Ana Contacto",
        contact_email="ana@agesic.gub.uy",
    )

    assert solution.state == "draft"
    assert solution.name == "Online procedures"  # the active language, English
    assert solution.name_key == "trámites en línea"
    assert [goal.number for goal in solution.goals.all()] == [9, 16]
    assert solution.tags == ["procedures", "one-stop shop"]
    assert solution.figures == [{"label": "Procedures online", "value": "1200", "unit": "procedures"}]
    assert "tramites en linea" in solution.search_text and "online procedures" in solution.search_text
    assert list(solution.changes.values_list("action", flat=True)) == ["draft"]


def test_a_delegate_cannot_draft_a_solution_for_another_country(cast):
    with pytest.raises(Forbidden):
        draft(cast.brazil_delegate, "URY")
    assert not Solution.objects.exists()


def test_a_delegate_cannot_edit_another_countrys_solution(cast, uruguayan_draft):
    with pytest.raises(Forbidden):
        services.solution_update(
            actor=cast.brazil_delegate, solution=uruguayan_draft, changes={"url": "https://example.org"}
        )
    uruguayan_draft.refresh_from_db()
    assert uruguayan_draft.url == ""


def test_a_delegate_cannot_publish_their_own_solution(cast, uruguayan_draft):
    services.solution_submit(actor=cast.uruguay_delegate, solution=uruguayan_draft)

    with pytest.raises(Forbidden):
        services.solution_publish(actor=cast.uruguay_delegate, solution=uruguayan_draft)
    assert Solution.objects.get().state == "in_review"


def test_the_name_and_description_in_the_original_language_are_required(cast):
    with pytest.raises(ServiceError) as refused:
        draft(cast.uruguay_delegate, names={"en": "Online procedures"})
    assert refused.value.field == "name.es"


def test_a_country_never_has_two_solutions_of_the_same_name(cast, uruguayan_draft):
    with pytest.raises(ServiceError) as refused:
        draft(cast.uruguay_head, name="  TRÁMITES en  línea ")
    assert refused.value.field == "name.es"
    assert "already has a solution" in refused.value.message
    # Another country may.
    assert draft(cast.brazil_delegate, "BRA").name_key == "trámites en línea"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"theme": "nothing"}, "theme"),
        ({"goals": [18]}, "goals"),
        ({"url": "ftp://example.org"}, "url"),
        ({"year_started": 1800}, "year_started"),
        ({"status": "dead"}, "status"),
        ({"languages": ["xx1"]}, "languages"),
        ({"contact_email": "not an address"}, "contact_email"),
        ({"figures": [{"label": "Users", "value": "many"}]}, "figures.0"),
    ],
)
def test_bad_values_are_refused_naming_the_field(cast, values, field):
    with pytest.raises(ServiceError) as refused:
        draft(cast.uruguay_delegate, **values)
    assert refused.value.field == field
    assert not Solution.objects.exists()


def test_an_institution_of_another_country_is_refused(cast):
    from gealc.members.models import Institution

    with pytest.raises(ServiceError) as refused:
        draft(cast.uruguay_delegate, institution=Institution.objects.filter(country=country("BRA")).first()
              or Institution.objects.create(name="Ministério", country=country("BRA")))  # fmt: skip
    assert refused.value.field == "institution"


def test_the_secretariat_returns_with_a_comment_and_the_country_resubmits_after_editing(
    cast, uruguayan_draft
):
    services.solution_submit(actor=cast.uruguay_delegate, solution=uruguayan_draft)

    with pytest.raises(ServiceError) as refused:
        services.solution_return(actor=cast.secretariat, solution=uruguayan_draft, comment="  ")
    assert refused.value.field == "comment"

    services.solution_return(actor=cast.secretariat, solution=uruguayan_draft, comment="Add the results.")
    returned = Solution.objects.get()
    assert returned.state == "returned" and returned.review_comment == "Add the results."

    with pytest.raises(Conflict):
        services.solution_publish(actor=cast.secretariat, solution=returned)

    services.solution_update(
        actor=cast.uruguay_delegate, solution=returned, changes={"results": {"es": "Un millón de trámites."}}
    )
    services.solution_submit(actor=cast.uruguay_delegate, solution=returned)
    published = services.solution_publish(actor=cast.secretariat, solution=returned)

    assert published.state == "published" and published.published_at is not None
    assert published.review_comment == ""
    assert published.results_es == "Un millón de trámites."
    assert published.name_es == "Trámites en línea"  # the texts not given stayed
    assert list(SolutionChange.objects.values_list("action", "note")) == [
        ("draft", ""), ("submit", ""), ("return", "Add the results."), ("edit", ""), ("submit", ""),
        ("publish", ""),
    ]  # fmt: skip
    assert list(
        DecisionEvent.objects.filter(action__startswith="awards.").values_list("action", flat=True)
    ) == [
        "awards.solution.return",
        "awards.solution.publish",
    ]


def test_the_country_cannot_edit_a_solution_in_review_but_the_secretariat_can_correct_it(
    cast, uruguayan_draft
):
    services.solution_submit(actor=cast.uruguay_delegate, solution=uruguayan_draft)

    with pytest.raises(Conflict):
        services.solution_update(
            actor=cast.uruguay_delegate, solution=uruguayan_draft, changes={"year_started": 2010}
        )
    services.solution_update(actor=cast.secretariat, solution=uruguayan_draft, changes={"year_started": 2010})
    assert Solution.objects.get().year_started == 2010


def test_a_solution_cannot_be_submitted_twice(cast, uruguayan_draft):
    services.solution_submit(actor=cast.uruguay_delegate, solution=uruguayan_draft)
    with pytest.raises(Conflict) as refused:
        services.solution_submit(actor=cast.uruguay_delegate, solution=uruguayan_draft)
    assert "In review" in refused.value.message
