"""Writes on accounts: creating users, granting and revoking roles, tokens, disabling, erasure."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gealc.accounts.models import ApiToken, ErasureRequest, User, hash_token
from gealc.accounts.personal_data import PERSONAL_DATA, PersonalTable
from gealc.accounts.roles import forget_roles
from gealc.core.audit import record_decision
from gealc.core.errors import Conflict, ServiceError, require
from gealc.core.mail import Mail, mail_queue
from gealc.members.models import (
    COUNTRY_ROLES,
    NETWORK_WIDE_ROLES,
    Country,
    Institution,
    Membership,
    Person,
    Role,
)


def check_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ServiceError(
            _("“%(email)s” is not a valid e-mail address.") % {"email": email}, field="email"
        ) from None
    return email


def user_by_email(email: str) -> User:
    email = check_email(email)
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        raise ServiceError(_("There is no user with e-mail %(email)s.") % {"email": email}, field="email")
    return user


@dataclass(frozen=True)
class Created:
    user: User
    created: bool


def user_create(*, email: str, name: str, password: str | None = None, verified: bool = False) -> Created:
    """Create an account and its person; an existing e-mail changes nothing.

    With ``password`` the address counts as verified when ``verified`` (an operator vouches for it);
    without one the account has no usable password until the invitation link is followed.
    """
    email = check_email(email)
    name = (name or "").strip()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        return Created(existing, False)
    if not name:
        raise ServiceError(_("A name is required."), field="name")
    if password is not None:
        from django.contrib.auth.password_validation import validate_password

        try:
            validate_password(password, User(email=email, name=name))
        except ValidationError as exc:
            raise ServiceError(" ".join(exc.messages), field="password") from None
    with transaction.atomic():
        user = User.objects.create_user(email, password, name=name)
        EmailAddress.objects.create(
            user=user, email=email, primary=True, verified=verified and bool(password)
        )
        person = Person.objects.filter(user__isnull=True, email__iexact=email).first()
        if person is None:
            Person.objects.create(name=name, email=email, user=user)
        else:
            person.user = user
            person.save(update_fields=["user"])
    return Created(user, True)


def invitation_link(user: User) -> str:
    """The one-time link with which an invited person chooses their password (allauth's password reset
    key: it stops working once the password is set, and after ``PASSWORD_RESET_TIMEOUT``)."""
    # allauth's forms module reads its settings when imported: imported when first needed.
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    return settings.SITE_URL + path


def invitation_send(*, user: User, invited_by: Any = None) -> None:
    """Queue the invitation e-mail (in the person's language, or the site's) with the one-time link.

    Its notification links to the workspace, never to the link itself, which is a secret."""
    language = user.language or settings.LANGUAGE_CODE
    context = {
        "user": user,
        "link": invitation_link(user),
        "invited_by": getattr(invited_by, "name", "") or "",
        "site_name": settings.SITE_NAME,
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    with translation.override(language):
        subject = render_to_string("accounts/email/invitation_subject.txt", context)
        body = render_to_string("accounts/email/invitation_body.txt", context)
        text = _("You were invited to the platform: the e-mail has the link to choose your password.")
    mail_queue(
        [
            Mail(
                to=user.email,
                subject=subject,
                body=body,
                language=language,
                url=reverse("workspace"),
                text=text,
            )
        ]
    )


def user_invite(
    *,
    actor: Any,
    email: str,
    name: str,
    institution: Institution | None = None,
    country: Country | None = None,
    language: str = "",
) -> User:
    """Create the account and person of someone new and e-mail them an invitation to choose a password,
    in ``language`` (by default the one the inviter is using): their e-mails and notifications are
    written in it until they choose another.

    An e-mail address the platform already knows is refused (``field="email"``): inviting never changes
    someone else's account.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise ServiceError(
            _("The language must be one of %(codes)s.") % {"codes": ", ".join(dict(settings.LANGUAGES))},
            field="language",
        )
    if actor is not None:
        require(actor, "accounts.add_user")
    email = check_email(email)
    if User.objects.filter(email__iexact=email).exists():
        raise Conflict(
            _("%(email)s already has an account: find the person in the list instead.") % {"email": email},
            field="email",
        )
    if institution is not None and country is not None and institution.country_id not in (None, country.pk):
        raise ServiceError(
            _("%(institution)s is not an institution of %(country)s.")
            % {"institution": institution, "country": country.name},
            field="institution",
        )
    with transaction.atomic():
        user = user_create(email=email, name=name).user
        user.language = language
        user.save(update_fields=["language"])
        person = _person_of(user)
        person.institution = institution
        person.country = country or (institution.country if institution is not None else None)
        person.save(update_fields=["institution", "country"])
        record_decision(
            actor=actor,
            action="user.invite",
            target=user,
            payload={
                "user": user.pk,
                "country": person.country.iso3 if person.country else None,
                "institution": institution.pk if institution else None,
            },
        )
        invitation_send(user=user, invited_by=actor)
    return user


def _person_of(user: User) -> Person:
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person.objects.create(name=user.name or user.email, email=user.email, user=user)
    return person


def _check_role(role: str, country: Country | None) -> None:
    if role not in Role.values:
        raise ServiceError(
            _("Unknown role “%(role)s” (expected one of: %(roles)s).")
            % {"role": role, "roles": ", ".join(Role.values)},
            field="role",
        )
    if role in NETWORK_WIDE_ROLES and country is not None:
        raise ServiceError(
            _("The role %(role)s is network-wide: give no country.") % {"role": Role(role).label},
            field="country",
        )
    if role in COUNTRY_ROLES and country is None:
        raise ServiceError(
            _("The role %(role)s is held for a country: give the country.") % {"role": Role(role).label},
            field="country",
        )
    if role == Role.HEAD_OF_DELEGATION and country is not None and not country.is_member:
        raise ServiceError(
            _("%(country)s is not a member (%(status)s): it has no head of delegation.")
            % {"country": country.name, "status": country.get_status_display()},
            field="country",
        )


def role_grant(
    *,
    actor: Any,
    user: User,
    role: str,
    country: Country | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    label: str = "",
) -> Membership:
    """Grant ``role`` (for ``country``) from ``start`` (today by default). ``actor`` None is the operator.

    Granting a role the user already holds today changes nothing. A country has one head of delegation
    at a time: a grant that overlaps another's term is refused.
    """
    if actor is not None:
        require(actor, "accounts.grant_role")
    _check_role(role, country)
    start = start or timezone.localdate()
    if end is not None and end < start:
        raise ServiceError(_("The end date is before the start date."), field="end")
    with transaction.atomic():
        person = _person_of(user)
        current = Membership.objects.in_force(start).filter(person=person, role=role, country=country).first()
        if current is not None:
            return current
        if role == Role.HEAD_OF_DELEGATION:
            # Concurrent grants for one country wait for each other here, so both see each other's term.
            if country is not None:
                Country.objects.select_for_update().filter(pk=country.pk).first()
            overlapping = (
                Membership.objects.select_for_update()
                .in_force_during(start=start, end=end)
                .filter(role=role, country=country)
                .exclude(person=person)
            )
            other = overlapping.select_related("person").first()
            if other is not None:
                raise Conflict(
                    _(
                        "%(country)s already has a head of delegation for that period (%(person)s): "
                        "revoke that role first."
                    )
                    % {"country": country.name if country else "", "person": other.person.name},
                    field="role",
                )
        membership = Membership.objects.create(
            person=person, role=role, country=country, start_date=start, end_date=end, label=label
        )
        record_decision(
            actor=actor,
            action="role.grant",
            target=membership,
            payload={
                "user": user.pk,
                "role": role,
                "country": country.iso3 if country else None,
                "start": start.isoformat(),
                "end": end.isoformat() if end else None,
            },
        )
    forget_roles(user)
    return membership


def role_revoke(
    *, actor: Any, user: User, role: str, country: Country | None = None, ends_on: datetime.date | None = None
) -> int:
    """End the user's memberships with ``role`` (for ``country``) that are in force on ``ends_on`` or
    later; returns how many.

    ``ends_on`` (today by default) is the first day without the role: today takes effect at once, a later
    day at its start, an earlier one records that the role ended then. Each membership keeps its row with
    its last day (``end_date``, the day before) set; only a membership that would end before it began to
    take effect is removed (a role to come, or one granted today, revoked before its first day held). A
    day in the past on or before a membership's start is refused: that membership was held at least a day.
    """
    if actor is not None:
        require(actor, "accounts.grant_role")
    _check_role(role, country)
    today = timezone.localdate()
    ends_on = ends_on or today
    last_day = ends_on - datetime.timedelta(days=1)
    ended = 0
    with transaction.atomic():
        # In force on the day it ends, or later.
        memberships = list(
            Membership.objects.select_for_update()
            .in_force_during(start=ends_on, end=None)
            .filter(person__user=user, role=role, country=country)
            .order_by("start_date", "pk")
        )
        for membership in memberships:
            if membership.start_date is not None and ends_on <= membership.start_date and ends_on < today:
                raise ServiceError(
                    _("The role started on %(start)s: it ends on a later day.")
                    % {"start": date_format(membership.start_date)},
                    field="ends_on",
                )
        for membership in memberships:
            membership_id = membership.pk
            if membership.start_date is not None and membership.start_date >= ends_on:
                # It never took effect: ending it before it started would contradict its dates.
                membership.delete()
            else:
                membership.end_date = last_day
                membership.save(update_fields=["end_date"])
            ended += 1
            record_decision(
                actor=actor,
                action="role.revoke",
                target=None,
                payload={
                    "membership": membership_id,
                    "user": user.pk,
                    "role": role,
                    "country": country.iso3 if country else None,
                    "ended": last_day.isoformat(),
                },
            )
    forget_roles(user)
    return ended


def token_create(*, user: User, days: int | None = None, name: str = "") -> tuple[ApiToken, str]:
    """A new personal API token; returns the record and the token itself, which is never stored."""
    if days is not None and days < 1:
        raise ServiceError(_("A token lasts at least one day."), field="days")
    if not user.is_active:
        raise ServiceError(_("The account is disabled."), field="email")
    raw = ApiToken.generate()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        key_hash=hash_token(raw),
        hint=raw[: len(ApiToken.PREFIX) + 4],
        expires_at=timezone.now() + datetime.timedelta(days=days) if days else None,
    )
    return token, raw


def token_revoke(*, user: User, token_id: int | None = None) -> int:
    """Revoke one of the user's tokens, or all of them; returns how many were revoked."""
    tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if token_id is not None:
        tokens = tokens.filter(pk=token_id)
    return tokens.update(revoked_at=timezone.now())


def token_authenticate(raw: str) -> User | None:
    """The active user a valid token belongs to, or None (unknown, expired, revoked, disabled)."""
    if not raw.startswith(ApiToken.PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw)).first()
    now = timezone.now()
    if token is None or not token.is_valid(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def user_disable(*, actor: Any, user: User) -> None:
    """Disable an account: every session ends (see ``User.save``) and every token is revoked."""
    if actor is not None:
        require(actor, "accounts.change_user", user)
    with transaction.atomic():
        user.is_active = False
        user.save()
        token_revoke(user=user)
        record_decision(actor=actor, action="user.disable", target=user, payload={"user": user.pk})


def user_enable(*, actor: Any, user: User) -> None:
    """Enable a disabled account again. The tokens revoked when it was disabled stay revoked: the
    owner makes new ones, so that a token that leaked before the disabling never comes back."""
    if actor is not None:
        require(actor, "accounts.change_user", user)
    with transaction.atomic():
        user.is_active = True
        user.save()
        record_decision(actor=actor, action="user.enable", target=user, payload={"user": user.pk})


def _addresses(user: User | None, person: Person | None) -> set[str]:
    """Every address the person was known by: sign-in logs keep the one typed."""
    found = {user.email} if user is not None else set()
    if user is not None:
        found |= set(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    if person is not None and person.email:
        found.add(person.email)
    return {address.lower() for address in found if address}


@dataclass(frozen=True)
class _Owner:
    user: User | None
    person: Person | None
    addresses: set[str]


def _personal_rows(table: PersonalTable, owner: _Owner) -> QuerySet[Any]:
    """The rows of ``table`` that hold personal data of the account or the person (none if unknown)."""
    model = apps.get_model(table.model)
    user, person = owner.user, owner.person
    kind, _sep, lookup = table.find.partition(":")
    if kind == "user":
        return model.objects.filter(**{lookup: user}) if user is not None else model.objects.none()
    if kind == "person":
        return model.objects.filter(**{lookup: person}) if person is not None else model.objects.none()
    if kind == "email":
        addresses = owner.addresses
        match = Q()
        for address in addresses:
            match |= Q(**{f"{lookup}__iexact": address})
        return model.objects.filter(match) if addresses else model.objects.none()
    if kind == "sessions":
        if user is None:
            return model.objects.none()
        keys = [
            session.pk
            for session in model.objects.iterator()
            if str(session.get_decoded().get("_auth_user_id")) == str(user.pk)
        ]
        return model.objects.filter(pk__in=keys)
    if kind == "admin_log":
        from django.contrib.contenttypes.models import ContentType

        about = Q(pk__in=[])
        for obj in (user, person):
            if obj is not None:
                about |= Q(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
        return model.objects.filter(about)
    raise ValueError(f"unknown way to find rows: {table.find}")


def _export_rows(table: PersonalTable, owner: _Owner) -> list[dict[str, Any]]:
    model = apps.get_model(table.model)
    columns = [*table.fields, *(f for f in ("attempt_time", "logout_time", "action_time") if _has(model, f))]
    return [
        {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in row.items()}
        for row in _personal_rows(table, owner).values(*columns)
    ]


def _has(model: Any, field: str) -> bool:
    return any(f.name == field for f in model._meta.concrete_fields)


def _erase_rows(table: PersonalTable, owner: _Owner) -> None:
    rows = _personal_rows(table, owner)
    if table.find == "sessions":
        # Through the session engine, which also drops the copy a cached engine keeps.
        store = import_module(settings.SESSION_ENGINE).SessionStore
        for key in list(rows.values_list("pk", flat=True)):
            store(session_key=key).delete()
    elif table.erasure == "delete":
        rows.delete()
    elif table.erasure == "anonymise":
        model = apps.get_model(table.model)
        blank = {
            name: [] if model._meta.get_field(name).get_internal_type() == "JSONField" else ""
            for name in table.fields
        }
        rows.update(**blank)


def _installed(table: PersonalTable) -> bool:
    """Whether the table's app is installed (the list names tables of optional apps too)."""
    try:
        apps.get_model(table.model)
    except LookupError:
        return False
    return True


def personal_data(user: User) -> dict[str, Any]:
    """Everything the platform holds about the user, for them to download."""
    person = Person.objects.select_related("institution", "country").filter(user=user).first()
    memberships = (
        Membership.objects.filter(person=person).select_related("country", "institution") if person else []
    )
    owner = _Owner(user, person, _addresses(user, person))
    return {
        "account": {
            "email": user.email,
            "name": user.name,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user)
            ],
            "two_factor": sorted(Authenticator.objects.filter(user=user).values_list("type", flat=True)),
        },
        "person": (
            {
                "name": person.name,
                "email": person.email,
                "phone": person.phone,
                "languages": person.languages,
                "institution": str(person.institution) if person.institution else None,
                "country": person.country.iso3 if person.country else None,
            }
            if person
            else None
        ),
        "memberships": [
            {
                "role": membership.role,
                "label": membership.label,
                "country": membership.country.iso3 if membership.country else None,
                "institution": str(membership.institution) if membership.institution else None,
                "start": membership.start_date.isoformat() if membership.start_date else None,
                "end": membership.end_date.isoformat() if membership.end_date else None,
            }
            for membership in memberships
        ],
        # Every other table with personal data (sign-in logs, the admin's history, the expert roster).
        "records": {
            table.model: _export_rows(table, owner)
            for table in PERSONAL_DATA
            if table.export and _installed(table)
        },
        "api_tokens": [
            {
                "name": token.name,
                "hint": token.hint,
                "created": token.created_at.isoformat(),
                "expires": token.expires_at.isoformat() if token.expires_at else None,
                "revoked": token.revoked_at.isoformat() if token.revoked_at else None,
            }
            for token in ApiToken.objects.filter(user=user)
        ],
    }


def erasure_request(*, user: User, reason: str = "") -> ErasureRequest:
    if ErasureRequest.objects.filter(user=user, carried_out_at__isnull=True).exists():
        raise Conflict(_("An erasure request is already waiting for the Secretariat."))
    person = Person.objects.filter(user=user).first()
    return ErasureRequest.objects.create(
        user=user, reason=reason.strip(), person_id_at_request=person.pk if person else None
    )


def person_erase(*, actor: Any, request: ErasureRequest) -> None:
    """Carry out an erasure: the person and account are anonymised; memberships (so every count) and
    the decision log stay as they are, pointing at the anonymous record. Every other table of
    ``PERSONAL_DATA`` is deleted or anonymised as it says (sign-in logs, sessions, addresses, two-factor,
    tokens, the admin's history, the expert's bio and the offers naming the person)."""
    if actor is not None:
        require(actor, "accounts.change_erasurerequest", request)
    if request.carried_out_at is not None:
        raise Conflict(_("This erasure was already carried out."))
    with transaction.atomic():
        now = timezone.now()
        person = (
            Person.objects.filter(pk=request.person_id_at_request).first()
            if request.person_id_at_request
            else None
        )
        user = request.user
        # The registry first, while the addresses that sign-in logs keep are still known.
        owner = _Owner(user, person, _addresses(user, person))
        for table in PERSONAL_DATA:
            if table.erasure != "special" and _installed(table):
                _erase_rows(table, owner)
        if person is not None:
            anonymous = f"Erased person #{person.pk}"
            person.name, person.email, person.phone, person.languages = anonymous, "", "", []
            person.erased_at = now
            person.save()
            person.history.all().update(name=anonymous)
        if user is not None:
            user.name = ""
            user.email = f"erased-{user.pk}@invalid.invalid"
            user.set_unusable_password()
            user.is_active = False
            user.save()
        request.carried_out_at = now
        request.reason = ""
        request.save(update_fields=["carried_out_at", "reason"])
        record_decision(
            actor=actor,
            action="person.erase",
            target=person,
            payload={"request": request.pk, "user": user.pk if user else None},
        )
