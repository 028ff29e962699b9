"""What the database itself refuses, whatever writes to it, and what "active" means."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction

from gealc.groups.models import Deliverable, GroupMembership, WorkingGroup
from gealc.groups.tests.conftest import days, someone

pytestmark = pytest.mark.django_db


def new_group(**values) -> WorkingGroup:
    return WorkingGroup.objects.create(
        slug=values.pop("slug", "interop"), name_en="Interoperability", **values
    )


def test_a_group_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        new_group(start_date=datetime.date(2025, 5, 1), end_date=datetime.date(2025, 4, 30))

    assert new_group(start_date=datetime.date(2025, 5, 1), end_date=datetime.date(2025, 5, 1)).pk


def test_a_group_needs_its_english_name():
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkingGroup.objects.create(slug="nameless", name_es="Sin nombre en inglés")


def test_a_membership_cannot_end_before_it_starts():
    group, person = new_group(), someone()

    with pytest.raises(IntegrityError), transaction.atomic():
        GroupMembership.objects.create(
            group=group, person=person, role="member", start_date=days(0), end_date=days(-1)
        )


def test_a_person_has_one_open_membership_of_a_group_and_ended_ones_stay_beside_it():
    group, person = new_group(), someone()
    GroupMembership.objects.create(
        group=group, person=person, role="member", start_date=days(-90), end_date=days(-30)
    )
    GroupMembership.objects.create(group=group, person=person, role="coordinator", start_date=days(-10))

    with pytest.raises(IntegrityError), transaction.atomic():
        GroupMembership.objects.create(group=group, person=person, role="member", start_date=days(0))

    assert GroupMembership.objects.filter(group=group, person=person).count() == 2


def test_the_role_kind_and_status_must_be_known_codes():
    group, person = new_group(), someone()
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupMembership.objects.create(group=group, person=person, role="chair", start_date=days(0))
    with pytest.raises(IntegrityError), transaction.atomic():
        Deliverable.objects.create(group=group, title_en="A", kind="poem", status="planned")
    with pytest.raises(IntegrityError), transaction.atomic():
        Deliverable.objects.create(group=group, title_en="A", kind="report", status="lost")


def test_a_deliverable_holds_its_title_in_its_original_language():
    group = new_group()
    with pytest.raises(IntegrityError), transaction.atomic():
        Deliverable.objects.create(
            group=group, title_en="Only in English", original_language="es", kind="report", status="planned"
        )


def test_a_group_is_active_without_an_end_date_or_until_its_last_day():
    open_ended = new_group(slug="open")
    ends_today = new_group(slug="today", end_date=days(0))
    ended = new_group(slug="ended", end_date=days(-1))

    assert set(WorkingGroup.objects.active()) == {open_ended, ends_today}
    assert list(WorkingGroup.objects.past()) == [ended]
    assert ends_today.is_active() and not ended.is_active()
