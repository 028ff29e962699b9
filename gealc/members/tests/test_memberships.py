import datetime

import pytest
from django.utils import timezone

from gealc.members.models import Membership, Role
from gealc.members.tests.factories import PersonFactory, country

START = datetime.date(2024, 3, 1)
END = datetime.date(2025, 2, 28)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def term(reference) -> Membership:
    """A delegate of Uruguay from 1 March 2024 to 28 February 2025."""
    return Membership.objects.create(
        person=PersonFactory.create(),
        role=Role.DELEGATE,
        country=country("URY"),
        start_date=START,
        end_date=END,
    )


def in_force(on: datetime.date) -> set[Membership]:
    return set(Membership.objects.in_force(on))


def test_a_membership_is_in_force_from_its_start_date_to_its_end_date_both_included(term):
    assert in_force(START - DAY) == set()
    assert in_force(START) == {term}
    assert in_force(END) == {term}
    assert in_force(END + DAY) == set()


def test_a_membership_without_dates_has_always_been_and_goes_on(reference):
    always = Membership.objects.create(
        person=PersonFactory.create(), role=Role.EXPERT, country=country("CHL")
    )
    from_now_on = Membership.objects.create(
        person=PersonFactory.create(), role=Role.EXPERT, country=country("PER"), start_date=START
    )

    assert in_force(datetime.date(1990, 1, 1)) == {always}
    assert in_force(datetime.date(2999, 12, 31)) == {always, from_now_on}


def test_without_a_date_it_means_today(term):
    today = timezone.localdate()
    current = Membership.objects.create(
        person=PersonFactory.create(),
        role=Role.DELEGATE,
        country=country("BRA"),
        start_date=today,
        end_date=today,
    )

    assert set(Membership.objects.in_force()) == {current}


def test_in_force_during_a_period_means_on_at_least_one_of_its_days(term):
    def during(start: datetime.date, end: datetime.date | None) -> set[Membership]:
        return set(Membership.objects.in_force_during(start=start, end=end))

    assert during(START - 10 * DAY, START - DAY) == set()
    assert during(START - 10 * DAY, START) == {term}
    assert during(END, END + 10 * DAY) == {term}
    assert during(END + DAY, None) == set()
    assert during(START - 10 * DAY, None) == {term}
