import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from gealc.core.refdata import ReferenceDataError, load_reference
from gealc.governance.models import Delegation, Meeting
from gealc.governance.services import participants_set, quorum
from gealc.members.models import Country

# The participants as the brief lists them: Uruguay twice, Mexico (the host) missing.
BRIEF = [
    "Bahamas", "Barbados", "Brazil", "Bolivia", "Chile", "Colombia", "Costa Rica", "Ecuador", "El Salvador",
    "Guatemala", "Haiti", "Honduras", "Jamaica", "Nicaragua", "Panama", "Paraguay", "Peru", "Suriname",
    "Uruguay", "Uruguay", "Venezuela",
]  # fmt: skip


def officer_client(cast) -> Client:
    client = Client()
    client.force_login(cast.secretariat)
    return client


def test_the_briefs_participant_list_is_caught_naming_the_duplicate(cast, assembly):
    before = list(Delegation.objects.filter(meeting=assembly).values_list("country__iso3", flat=True))

    response = officer_client(cast).put(
        f"/api/v1/meetings/{assembly.pk}/participants", {"countries": BRIEF}, content_type="application/json"
    )

    assert response.status_code == 422
    body = response.json()
    assert body["duplicates"] == ["Uruguay"]
    assert body["unknown"] == []
    assert "named twice: Uruguay" in body["detail"]
    assert list(Delegation.objects.filter(meeting=assembly).values_list("country__iso3", flat=True)) == before


def test_unknown_names_are_refused_with_the_names_listed(cast, assembly):
    response = officer_client(cast).put(
        f"/api/v1/meetings/{assembly.pk}/participants",
        {"countries": ["Uruguay", "Atlantis", "Brasil", "BRA"]},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["unknown"] == ["Atlantis"]
    assert response.json()["duplicates"] == ["BRA"]


def test_names_in_any_language_or_iso_codes_are_recorded(cast, assembly):
    response = officer_client(cast).put(
        f"/api/v1/meetings/{assembly.pk}/participants",
        {"countries": ["República Dominicana", "São Cristóvão e Nevis", "Pérou", "ury", "CA"]},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert [p["country"] for p in response.json()] == ["CAN", "DOM", "KNA", "PER", "URY"]


def test_only_the_secretariat_records_attendance(cast, assembly):
    client = Client()
    client.force_login(cast.uruguay_delegate)

    response = client.put(
        f"/api/v1/meetings/{assembly.pk}/participants",
        {"countries": ["URY"]},
        content_type="application/json",
    )

    assert response.status_code == 403


def test_observers_attend_but_do_not_count_for_quorum(cast, assembly):
    present = quorum(assembly)

    assert Delegation.objects.filter(meeting=assembly, country__iso3="ESP").exists()
    assert (present.present, present.members, present.required, present.met) == (26, 33, 17, True)


def test_quorum_needs_more_than_half_of_the_members(cast, assembly):
    members = list(Country.objects.members().order_by("iso3").values_list("iso3", flat=True))

    participants_set(actor=cast.secretariat, meeting=assembly, names=[*members[:16], "ESP", "PRT", "AND"])
    assert not quorum(assembly).met
    participants_set(actor=cast.secretariat, meeting=assembly, names=members[:17])
    assert quorum(assembly).met


def test_the_ix_annual_meeting_is_in_the_reference_data_with_the_duplicate_reconciled(reference):
    meeting = Meeting.objects.get(kind="annual", ordinal=9)
    delegations = Delegation.objects.filter(meeting=meeting).select_related("country")

    assert (meeting.start_date.isoformat(), meeting.city, meeting.host_country.iso3) == (
        "2015-10-26",
        "Mexico City",
        "MEX",
    )
    assert meeting.ordinal_roman == "IX"
    assert delegations.count() == 21
    assert delegations.filter(country__iso3="URY").count() == 1
    assert "Host country" in delegations.get(country__iso3="MEX").note
    commitment = meeting.motions.get()
    assert (commitment.title_en, commitment.result) == ("Commitment of Mexico City", "pass")


def test_a_participant_file_that_repeats_a_country_without_saying_so_is_refused(tmp_path: Path):
    data = tmp_path / "reference"
    shutil.copytree(settings.REFERENCE_DATA_DIR, data)
    participants = data / "meeting_participants.csv"
    participants.write_text(
        re.sub(
            r"annual:9,Uruguay,duplicate,[^\n]*",
            "annual:9,Uruguay,,,,,",
            participants.read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )

    with pytest.raises(
        ReferenceDataError, match=r"meeting_participants.csv, line 21: Uruguay is named twice .*line 20"
    ):
        load_reference(data)
    assert not Meeting.objects.exists()


pytestmark = pytest.mark.django_db
