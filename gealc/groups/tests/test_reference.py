"""The working groups of the reference data: the five the brief names, known from it alone."""

from __future__ import annotations

import pytest
from django.conf import settings

from gealc.core.refdata import ReferenceDataError, load_reference
from gealc.groups.models import Deliverable, GroupMembership, WorkingGroup

pytestmark = pytest.mark.django_db


def test_the_five_groups_of_the_brief_are_historical_with_their_source_and_nothing_invented(reference):
    groups = WorkingGroup.objects.order_by("slug")

    assert [group.slug for group in groups] == [
        "local-governments",
        "management-and-knowledge-sharing",
        "measuring-e-government",
        "open-data",
        "public-software",
    ]
    for group in groups:
        assert group.historical
        assert group.source.startswith("Brief of the open forum")
        assert (group.start_date, group.end_date, group.lead_country) == (None, None, None)
        assert all(getattr(group, f"name_{code}") for code in settings.LANGUAGE_CODES)
    assert not GroupMembership.objects.exists()
    profile = Deliverable.objects.get()
    assert (profile.group.slug, profile.kind, profile.status, profile.date) == (
        "open-data",
        "standard",
        "delivered",
        None,
    )
    assert profile.title_es.startswith("Perfil regional de metadatos")


def test_loading_twice_changes_nothing(reference):
    counts = load_reference(settings.REFERENCE_DATA_DIR)

    assert counts["working groups unchanged"] == 5
    assert counts["deliverables unchanged"] == 1
    assert not counts["working groups created"] and not counts["working groups updated"]


def test_a_group_of_the_platform_with_a_slug_of_the_file_stops_the_load(db):
    WorkingGroup.objects.create(slug="open-data", name_en="Open Data")

    with pytest.raises(
        ReferenceDataError, match=r"working_groups\.csv, line 2: the group 'open-data' exists"
    ):
        load_reference(settings.REFERENCE_DATA_DIR)
