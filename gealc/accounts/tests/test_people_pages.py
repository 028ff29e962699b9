"""The Secretariat's pages for people and roles, and who may open them."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from gealc.accounts.models import User
from gealc.accounts.services import role_grant, user_invite
from gealc.core.audit import verify_chain
from gealc.core.models import DecisionEvent, Notification, OutboxMessage
from gealc.core.testing import queries_for
from gealc.members.models import Country, Institution, Membership, Person


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def officer(cast):
    return client_for(cast.secretariat)


def test_an_officer_invites_a_person_who_receives_a_link_to_choose_a_password(officer, cast):
    agesic = Institution.objects.create(name="AGESIC", country=Country.objects.get(iso3="URY"))
    response = officer.post(
        "/people/invite/",
        {
            "email": "New.Delegate@agesic.gub.uy",
            "name": "Nadia Nueva",
            "country": "URY",
            "institution": agesic.pk,
        },
    )

    user = User.objects.get(email="new.delegate@agesic.gub.uy")
    assert response.status_code == 302 and response["Location"] == f"/people/{user.pk}/"
    assert not user.has_usable_password()
    person = Person.objects.get(user=user)
    assert (person.country.iso3, person.institution) == ("URY", agesic)
    message = OutboxMessage.objects.get(recipient=user.email)
    assert "Choose your password with this link" in message.body
    assert "/accounts/password/reset/key/" in message.body
    assert DecisionEvent.objects.filter(action="user.invite", object_id=str(user.pk)).exists()
    # The notification beside the e-mail never holds the one-time link.
    notification = Notification.objects.get(user=user)
    assert notification.url == "/workspace/" and "reset" not in notification.text
    page = officer.get(response["Location"]).content.decode()
    assert "Nadia Nueva is invited" in page and "invited, has not chosen a password yet" in page


def test_the_invitation_is_written_in_the_language_the_officer_chose_for_the_person(officer, cast):
    officer.post(
        "/people/invite/",
        {"email": "joao@gov.br", "name": "João Novo", "country": "BRA", "language": "pt"},
    )
    user = User.objects.get(email="joao@gov.br")
    assert user.language == "pt"
    message = OutboxMessage.objects.get(recipient=user.email)
    assert message.subject == "[RED GEALC] Você foi convidado para a plataforma: defina sua senha"
    assert message.body.startswith("Prezado(a) João Novo,")
    assert Notification.objects.get(user=user).text.startswith("Você")


def test_without_a_choice_the_person_is_invited_in_the_language_the_officer_is_using(officer, cast):
    User.objects.filter(pk=cast.secretariat.pk).update(language="es")
    officer.post("/people/invite/", {"email": "ana@gob.pe", "name": "Ana Nueva", "country": "PER"})

    assert User.objects.get(email="ana@gob.pe").language == "es"


def test_someone_who_never_chose_a_language_keeps_the_one_they_first_sign_in_with(cast):
    from conftest import PASSWORD

    user = cast.uruguay_delegate
    User.objects.filter(pk=user.pk).update(language="")
    client = Client(headers={"accept-language": "fr"})
    assert client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}).status_code == 302

    user.refresh_from_db()
    assert user.language == "fr"
    User.objects.filter(pk=user.pk).update(language="es")
    Client(headers={"accept-language": "pt"}).post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}
    )
    user.refresh_from_db()
    assert user.language == "es"  # a language once chosen stays


def test_the_invitation_link_lets_the_person_choose_a_password_and_sign_in(cast, client):
    from gealc.accounts.services import invitation_link

    user = user_invite(actor=cast.secretariat, email="nadia@agesic.gub.uy", name="Nadia Nueva")
    path = invitation_link(user).removeprefix("http://127.0.0.1:8000")
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_url, {"password1": "a fresh and long passphrase", "password2": "a fresh and long passphrase"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a fresh and long passphrase")
    # The link proved the address: the person signs in and lands on their workspace.
    response = Client().post(
        "/accounts/login/", {"login": "nadia@agesic.gub.uy", "password": "a fresh and long passphrase"}
    )
    assert response["Location"] == "/workspace/"


def test_inviting_an_address_that_has_an_account_is_refused_next_to_the_e_mail_field(officer, cast):
    response = officer.post("/people/invite/", {"email": "Delegate@gov.br", "name": "Someone Else"})

    assert response.status_code == 422
    page = response.content.decode()
    assert "delegate@gov.br already has an account" in page
    assert 'id="id_email"' in page and "is-invalid" in page.split('id="id_email"')[0].rsplit("<input", 1)[1]
    assert Person.objects.filter(user=cast.brazil_delegate).get().name == "Bruno Delegate"
    assert not OutboxMessage.objects.exists()


def test_an_officer_grants_a_role_with_dates_and_it_is_in_the_decision_log(officer, cast):
    user = user_invite(actor=cast.secretariat, email="nadia@agesic.gub.uy", name="Nadia Nueva")
    start = timezone.localdate()
    end = start + datetime.timedelta(days=365)

    response = officer.post(
        f"/people/{user.pk}/grant/",
        {"role": "delegate", "country": "URY", "start": start.isoformat(), "end": end.isoformat()},
        follow=True,
    )

    membership = Membership.objects.get(person__user=user)
    assert (membership.role, membership.country.iso3, membership.start_date, membership.end_date) == (
        "delegate",
        "URY",
        start,
        end,
    )
    assert "Nadia Nueva holds the role Country delegate — Uruguay" in response.content.decode()
    assert DecisionEvent.objects.filter(action="role.grant", payload__user=user.pk).exists()
    assert verify_chain().intact


def test_a_second_head_of_delegation_is_refused_in_place_on_the_role_field(officer, cast):
    user = user_invite(actor=cast.secretariat, email="nadia@agesic.gub.uy", name="Nadia Nueva")

    response = officer.post(f"/people/{user.pk}/grant/", {"role": "head_of_delegation", "country": "URY"})

    assert response.status_code == 422
    page = response.content.decode()
    assert "Uruguay already has a head of delegation for that period" in page
    assert "is-invalid" in page.split('id="id_role"')[0].rsplit("<select", 1)[1]
    assert not Membership.objects.filter(person__user=user).exists()


def test_a_network_wide_role_given_a_country_is_refused_naming_the_country(officer, cast):
    response = officer.post(f"/people/{cast.nobody.pk}/grant/", {"role": "secretariat", "country": "URY"})

    assert response.status_code == 422
    assert "is network-wide: give no country" in response.content.decode()


def test_an_officer_revokes_a_role_and_disables_and_enables_an_account(officer, cast):
    user = cast.brazil_delegate
    response = officer.post(f"/people/{user.pk}/revoke/", {"role": "delegate", "country": "BRA"}, follow=True)
    assert "Bruno Delegate no longer holds the role Country delegate" in response.content.decode()
    assert not Membership.objects.in_force().filter(person__user=user).exists()

    officer.post(f"/people/{user.pk}/disable/")
    user.refresh_from_db()
    assert not user.is_active
    officer.post(f"/people/{user.pk}/enable/")
    user.refresh_from_db()
    assert user.is_active
    actions = list(DecisionEvent.objects.values_list("action", flat=True))
    assert actions[-3:] == ["role.revoke", "user.disable", "user.enable"]


def test_an_officer_cannot_disable_their_own_account(officer, cast):
    response = officer.post(f"/people/{cast.secretariat.pk}/disable/", follow=True)

    assert "You cannot disable your own account." in response.content.decode()
    cast.secretariat.refresh_from_db()
    assert cast.secretariat.is_active


def test_the_people_page_lists_who_holds_which_role_and_filters_by_country_and_role(officer, cast):
    page = officer.get("/people/").content.decode()
    for name in ("Hugo Head", "Ursula Delegate", "Bruno Delegate", "Olivia Officer", "Carla Expert"):
        assert name in page

    page = officer.get("/people/", {"country": "URY", "role": "delegate"}).content.decode()
    assert "Ursula Delegate" in page
    assert "Hugo Head" not in page and "Bruno Delegate" not in page
    assert "delegate@agesic.gub.uy" in page  # the Secretariat sees contact data


def test_the_people_page_takes_as_many_queries_with_many_people(officer, cast):
    before = queries_for(officer, "/people/")
    uruguay = Country.objects.get(iso3="URY")
    for number in range(30):
        person = Person.objects.create(name=f"Person {number}", email=f"p{number}@example.org")
        Membership.objects.create(person=person, role="delegate", country=uruguay)
    assert queries_for(officer, "/people/") == before


def test_the_people_page_is_paginated(officer, cast):
    uruguay = Country.objects.get(iso3="URY")
    for number in range(60):
        person = Person.objects.create(name=f"Person {number:02}", email=f"p{number}@example.org")
        Membership.objects.create(person=person, role="delegate", country=uruguay)

    first = officer.get("/people/", {"country": "URY"}).content.decode()
    second = officer.get("/people/", {"country": "URY", "page": 2}).content.decode()
    assert "1 / 2" in first and "country=URY&amp;page=2" in first
    assert "Ursula Delegate" in second or "Person 59" in second


def test_a_head_of_delegation_sees_only_their_own_countrys_people_and_changes_nothing(cast):
    head = client_for(cast.uruguay_head)

    page = head.get("/people/").content.decode()
    assert "Ursula Delegate" in page and "Hugo Head" in page
    assert "Bruno Delegate" not in page and "Olivia Officer" not in page
    assert "delegate@agesic.gub.uy" not in page  # no contact data
    assert "Invite a person" not in page
    # Asking for another country shows nothing of it.
    assert "Bruno Delegate" not in head.get("/people/", {"country": "BRA"}).content.decode()
    assert head.get(f"/people/{cast.uruguay_delegate.pk}/").status_code == 403
    assert head.get("/people/invite/").status_code == 403
    response = head.post(
        f"/people/{cast.uruguay_delegate.pk}/revoke/", {"role": "delegate", "country": "URY"}
    )
    assert response.status_code == 403
    assert Membership.objects.in_force().filter(person__user=cast.uruguay_delegate).exists()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/people/"),
        ("get", "/people/invite/"),
        ("post", "/people/invite/"),
        ("get", "/people/{pk}/"),
        ("post", "/people/{pk}/grant/"),
        ("post", "/people/{pk}/revoke/"),
        ("post", "/people/{pk}/disable/"),
        ("post", "/people/{pk}/enable/"),
        ("get", "/people/find/"),
    ],
)
def test_a_delegate_gets_403_on_every_people_page(cast, method, path):
    delegate = client_for(cast.uruguay_delegate)
    response = getattr(delegate, method)(path.format(pk=cast.brazil_delegate.pk))
    assert response.status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in(client, cast):
    response = client.get("/people/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_an_officer_without_two_factor_authentication_must_set_it_up_first(cast):
    officer = User.objects.create_user("second.officer@oas.org", "a long and quite unusual passphrase")
    role_grant(actor=None, user=officer, role="secretariat")

    response = client_for(officer).get("/people/")

    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/totp/activate/"


def test_an_officer_finds_a_person_without_a_role_by_e_mail(officer, cast):
    user = user_invite(actor=cast.secretariat, email="nadia@agesic.gub.uy", name="Nadia Nueva")

    assert officer.get("/people/find/", {"email": "Nadia@agesic.gub.uy"})["Location"] == f"/people/{user.pk}/"
    response = officer.get("/people/find/", {"email": "nobody@nowhere.org"}, follow=True)
    assert "There is no account with the e-mail address “nobody@nowhere.org”." in response.content.decode()


def test_the_grant_form_chooses_no_role_by_itself(officer, cast):
    page = officer.get(f"/people/{cast.nobody.pk}/").content.decode()
    assert '<option value="" selected>Choose a role</option>' in page

    response = officer.post(f"/people/{cast.nobody.pk}/grant/", {"role": "", "country": ""})

    assert response.status_code == 422
    assert not Membership.objects.filter(person__user=cast.nobody).exists()


def test_each_role_in_force_has_an_end_date_proposing_today(officer, cast):
    membership = Membership.objects.get(person__user=cast.brazil_delegate)

    page = officer.get(f"/people/{cast.brazil_delegate.pk}/").content.decode()

    today = timezone.localdate().isoformat()
    assert f'id="revoke-{membership.pk}-ends_on"' in page
    assert f'name="ends_on" value="{today}"' in page
    assert "A role ends on the day you give, the first day without it: today ends it at once." in page


def test_an_officer_ends_a_role_on_a_later_day_and_the_person_holds_it_until_the_day_before(officer, cast):
    user = cast.brazil_delegate
    ends_on = timezone.localdate() + datetime.timedelta(days=10)

    response = officer.post(
        f"/people/{user.pk}/revoke/",
        {"role": "delegate", "country": "BRA", "ends_on": ends_on.isoformat()},
        follow=True,
    )

    assert "Bruno Delegate no longer holds the role Country delegate" in response.content.decode()
    membership = Membership.objects.get(person__user=user)  # kept, with its last day
    assert membership.end_date == ends_on - datetime.timedelta(days=1)
    assert Membership.objects.in_force().filter(pk=membership.pk).exists()
    assert not Membership.objects.in_force(ends_on).filter(pk=membership.pk).exists()
    event = DecisionEvent.objects.filter(action="role.revoke").get()
    assert event.payload["ended"] == membership.end_date.isoformat()


def test_an_officer_records_that_a_role_ended_in_the_past(officer, cast):
    user = cast.brazil_delegate
    today = timezone.localdate()
    Membership.objects.filter(person__user=user).update(start_date=today - datetime.timedelta(days=100))

    officer.post(
        f"/people/{user.pk}/revoke/",
        {"role": "delegate", "country": "BRA", "ends_on": (today - datetime.timedelta(days=30)).isoformat()},
    )

    membership = Membership.objects.get(person__user=user)
    assert membership.end_date == today - datetime.timedelta(days=31)
    assert not Membership.objects.in_force().filter(person__user=user).exists()


def test_an_end_in_the_past_before_the_role_started_is_refused_next_to_the_field(officer, cast):
    user = cast.brazil_delegate
    today = timezone.localdate()
    start = today - datetime.timedelta(days=10)
    membership = Membership.objects.get(person__user=user)
    Membership.objects.filter(pk=membership.pk).update(start_date=start)
    typed = (today - datetime.timedelta(days=20)).isoformat()

    response = officer.post(
        f"/people/{user.pk}/revoke/", {"role": "delegate", "country": "BRA", "ends_on": typed}
    )

    assert response.status_code == 422
    page = response.content.decode()
    field = f"revoke-{membership.pk}-ends_on"
    assert f'href="#{field}"' in page  # the summary leads to the field
    assert f'id="{field}"' in page and f'value="{typed}"' in page  # what was typed, kept
    assert page.count("it ends on a later day.") == 2  # in the summary and next to the field
    membership.refresh_from_db()
    assert (membership.start_date, membership.end_date) == (start, None)
    assert not DecisionEvent.objects.filter(action="role.revoke").exists()
