"""The working groups' rules: who may do what, the refusals (each naming its field), the decision log
and the message to the person concerned."""

from __future__ import annotations

import pytest
from django.core import mail

from gealc.core.audit import verify_chain
from gealc.core.errors import Conflict, Forbidden, ServiceError
from gealc.core.models import DecisionEvent, Notification
from gealc.groups import services
from gealc.groups.models import Deliverable, GroupMembership, WorkingGroup
from gealc.groups.tests.conftest import days, person_of, someone
from gealc.members.tests.factories import country

pytestmark = pytest.mark.django_db


# Groups ----------------------------------------------------------------------------------------------


def test_the_secretariat_creates_a_group_whose_address_comes_from_its_english_name(cast):
    group = services.group_create(
        actor=cast.secretariat,
        name={"en": "Digital Signature", "es": "Firma Digital"},
        lead_country=country("PRY"),
    )

    assert group.slug == "digital-signature"
    assert (group.name_es, group.lead_country.iso3, group.historical) == ("Firma Digital", "PRY", False)
    assert group.history.count() == 1


@pytest.mark.parametrize("who", ["uruguay_head", "uruguay_delegate", "chile_expert", "nobody"])
def test_only_the_secretariat_creates_a_group(cast, who):
    with pytest.raises(Forbidden):
        services.group_create(actor=getattr(cast, who), name={"en": "Cybersecurity"})

    assert not WorkingGroup.objects.filter(slug="cybersecurity").exists()


def test_a_group_without_an_english_name_is_refused_naming_that_field(cast):
    with pytest.raises(ServiceError) as refused:
        services.group_create(actor=cast.secretariat, name={"es": "Ciberseguridad"})

    assert refused.value.field == "name.en"
    assert "in English" in refused.value.message


def test_two_groups_cannot_share_a_name(cast):
    with pytest.raises(ServiceError) as refused:
        services.group_create(actor=cast.secretariat, name={"en": "open data"})

    assert refused.value.field == "name.en"
    assert refused.value.message == "Another working group is named “open data”."


def test_a_group_that_ends_before_it_starts_is_refused_naming_the_end_date(cast):
    with pytest.raises(ServiceError) as refused:
        services.group_create(
            actor=cast.secretariat, name={"en": "Innovation"}, start_date=days(0), end_date=days(-1)
        )

    assert (refused.value.field, refused.value.message) == (
        "end_date",
        "The end date is before the start date.",
    )


def test_a_group_cannot_end_before_one_of_its_memberships_starts(cast, interoperability, member):
    with pytest.raises(ServiceError) as refused:
        services.group_update(
            actor=cast.secretariat,
            group=interoperability,
            name={"en": "Interoperability"},
            end_date=days(-250),
        )

    assert refused.value.field == "end_date"
    assert "starts on" in refused.value.message


def test_a_coordinator_does_not_edit_the_group_itself(cast, interoperability, coordinator):
    with pytest.raises(Forbidden):
        services.group_update(actor=cast.chile_expert, group=interoperability, name={"en": "Renamed"})


def test_an_edit_keeps_the_address_and_its_history(cast, interoperability):
    services.group_update(
        actor=cast.secretariat,
        group=interoperability,
        name={"en": "Cross-border interoperability", "es": "Interoperabilidad transfronteriza"},
        end_date=days(30),
    )

    interoperability.refresh_from_db()
    assert interoperability.slug == "interoperability"
    assert interoperability.name_es == "Interoperabilidad transfronteriza"
    assert interoperability.history.count() == 2


# Memberships -----------------------------------------------------------------------------------------


def test_the_secretariat_appoints_a_coordinator_who_then_adds_members(cast, interoperability, coordinator):
    membership = services.membership_add(
        actor=cast.chile_expert,
        group=interoperability,
        person=person_of(cast.brazil_delegate),
        country=country("BRA"),
    )

    assert (membership.role, membership.country.iso3, membership.start_date) == ("member", "BRA", days(0))
    assert membership.recorded_by == cast.chile_expert


def test_a_coordinator_does_not_appoint_another_coordinator(cast, interoperability, coordinator):
    with pytest.raises(Forbidden):
        services.membership_add(
            actor=cast.chile_expert,
            group=interoperability,
            person=person_of(cast.brazil_delegate),
            role="coordinator",
        )


def test_a_member_or_a_coordinator_of_another_group_adds_nobody(cast, interoperability, member):
    other = services.group_create(actor=cast.secretariat, name={"en": "Cybersecurity"})
    services.membership_add(
        actor=cast.secretariat, group=other, person=person_of(cast.peru_juror), role="coordinator"
    )

    for actor in (cast.brazil_delegate, cast.peru_juror, cast.uruguay_head):
        with pytest.raises(Forbidden):
            services.membership_add(
                actor=actor, group=interoperability, person=person_of(cast.spain_delegate)
            )


def test_a_coordinator_whose_membership_ended_adds_nobody(cast, interoperability, coordinator):
    services.membership_end(actor=cast.secretariat, membership=coordinator, end_date=days(-1))

    with pytest.raises(Forbidden):
        services.membership_add(
            actor=cast.chile_expert, group=interoperability, person=person_of(cast.peru_juror)
        )


def test_a_person_already_a_member_is_refused_naming_the_person(cast, interoperability, member):
    with pytest.raises(Conflict) as refused:
        services.membership_add(
            actor=cast.secretariat, group=interoperability, person=person_of(cast.brazil_delegate)
        )

    assert refused.value.field == "person"
    assert refused.value.message.startswith("Bruno Delegate is already a member of this group (since ")
    assert GroupMembership.objects.filter(person=person_of(cast.brazil_delegate)).count() == 1


def test_a_person_rejoins_after_their_membership_ended(cast, interoperability, member):
    services.membership_end(actor=cast.secretariat, membership=member, end_date=days(-10))

    again = services.membership_add(
        actor=cast.secretariat, group=interoperability, person=person_of(cast.brazil_delegate)
    )

    assert again.pk != member.pk
    assert GroupMembership.objects.filter(person=person_of(cast.brazil_delegate)).count() == 2


def test_a_membership_of_an_ended_group_cannot_start_after_its_end(cast, interoperability):
    services.group_update(
        actor=cast.secretariat, group=interoperability, name={"en": "Interoperability"}, end_date=days(-5)
    )

    with pytest.raises(ServiceError) as refused:
        services.membership_add(actor=cast.secretariat, group=interoperability, person=someone())

    assert refused.value.field == "start_date"
    assert "The group ended on" in refused.value.message


def test_an_unknown_role_is_refused_naming_the_role(cast, interoperability):
    with pytest.raises(ServiceError) as refused:
        services.membership_add(
            actor=cast.secretariat, group=interoperability, person=someone(), role="chair"
        )

    assert refused.value.field == "role"


def test_ending_a_membership_keeps_its_row_with_its_last_day(cast, interoperability, member):
    ended = services.membership_end(actor=cast.chile_expert, membership=member, end_date=days(-1))

    member.refresh_from_db()
    assert member.end_date == ended.end_date == days(-1)
    assert not GroupMembership.objects.in_force().filter(pk=member.pk).exists()


def test_an_end_before_the_start_is_refused_naming_the_end_date(cast, member):
    with pytest.raises(ServiceError) as refused:
        services.membership_end(actor=cast.secretariat, membership=member, end_date=days(-201))

    assert refused.value.field == "end_date"
    assert "cannot end before that" in refused.value.message
    member.refresh_from_db()
    assert member.end_date is None


def test_a_membership_ends_once(cast, member):
    services.membership_end(actor=cast.secretariat, membership=member)

    with pytest.raises(Conflict) as refused:
        services.membership_end(actor=cast.secretariat, membership=member)

    assert refused.value.field == "end_date"


def test_only_the_secretariat_ends_a_coordinators_membership(cast, coordinator):
    with pytest.raises(Forbidden):
        services.membership_end(actor=cast.chile_expert, membership=coordinator)

    services.membership_end(actor=cast.secretariat, membership=coordinator)


def test_adding_and_ending_a_membership_go_to_the_decision_log_without_names(cast, interoperability, member):
    services.membership_end(actor=cast.chile_expert, membership=member, end_date=days(0))

    events = list(DecisionEvent.objects.filter(action__startswith="group.membership.").order_by("pk"))
    assert [event.action for event in events] == [
        "group.membership.add",
        "group.membership.add",
        "group.membership.end",
    ]
    added, ended = events[1], events[2]
    assert added.actor_id == cast.chile_expert.pk
    assert added.payload == {
        "group": "interoperability",
        "person": member.person_id,
        "role": "member",
        "country": "BRA",
        "start": days(-200).isoformat(),
        "end": None,
    }
    assert ended.payload["end"] == days(0).isoformat()
    assert "Bruno" not in str(added.payload)
    assert verify_chain().intact


def test_the_person_is_told_in_their_language_when_they_join_and_when_they_leave(
    cast, interoperability, coordinator, django_capture_on_commit_callbacks
):
    cast.brazil_delegate.language = "pt"
    cast.brazil_delegate.save(update_fields=["language"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        membership = services.membership_add(
            actor=cast.chile_expert, group=interoperability, person=person_of(cast.brazil_delegate)
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_end(actor=cast.chile_expert, membership=membership)

    assert [message.to for message in mail.outbox] == [["delegate@gov.br"], ["delegate@gov.br"]]
    joined, left = mail.outbox
    assert "Interoperabilidade" in joined.subject
    assert "/groups/interoperability/" in joined.body
    assert "Interoperabilidade" in left.subject
    notices = Notification.objects.filter(user=cast.brazil_delegate).order_by("pk")
    assert [notice.url for notice in notices] == ["/groups/interoperability/"] * 2


def test_nobody_is_told_of_their_own_change_and_a_refused_change_tells_nobody(
    cast, interoperability, coordinator
):
    mail.outbox.clear()
    Notification.objects.all().delete()

    services.membership_end(actor=cast.secretariat, membership=coordinator, end_date=days(0))
    services.membership_add(
        actor=cast.secretariat, group=interoperability, person=person_of(cast.secretariat)
    )
    with pytest.raises(Conflict):
        services.membership_add(
            actor=cast.secretariat, group=interoperability, person=person_of(cast.secretariat)
        )

    assert list(Notification.objects.values_list("user__email", flat=True)) == ["expert@digital.gob.cl"]


# Deliverables ----------------------------------------------------------------------------------------


def test_a_coordinator_adds_and_edits_the_groups_deliverables(cast, interoperability, coordinator):
    deliverable = services.deliverable_add(
        actor=cast.chile_expert,
        group=interoperability,
        title={"es": "Guía de interoperabilidad transfronteriza"},
        original_language="es",
        kind="guide",
        status="in_progress",
        date=days(60),
    )
    services.deliverable_update(
        actor=cast.chile_expert,
        deliverable=deliverable,
        title={
            "es": "Guía de interoperabilidad transfronteriza",
            "en": "Cross-border interoperability guide",
        },
        original_language="es",
        kind="guide",
        status="delivered",
        date=days(0),
        url="https://example.org/guide.pdf",
    )

    deliverable.refresh_from_db()
    assert (deliverable.title_en, deliverable.status, deliverable.url) == (
        "Cross-border interoperability guide",
        "delivered",
        "https://example.org/guide.pdf",
    )
    assert deliverable.history.count() == 2


def test_a_member_does_not_add_deliverables(cast, interoperability, member):
    with pytest.raises(Forbidden):
        services.deliverable_add(
            actor=cast.brazil_delegate,
            group=interoperability,
            title={"pt": "Relatório"},
            original_language="pt",
            kind="report",
            status="planned",
        )
    assert not Deliverable.objects.filter(group=interoperability).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": {"en": ""}}, "title.en"),
        ({"kind": "poem"}, "kind"),
        ({"status": "lost"}, "status"),
        ({"url": "ftp://example.org/file"}, "url"),
        ({"status": "delivered", "date": days(3)}, "date"),
    ],
)
def test_a_bad_deliverable_is_refused_naming_the_field(cast, interoperability, change, field):
    values = {
        "title": {"en": "Report"},
        "original_language": "en",
        "kind": "report",
        "status": "planned",
        **change,
    }

    with pytest.raises(ServiceError) as refused:
        services.deliverable_add(actor=cast.secretariat, group=interoperability, **values)

    assert refused.value.field == field
