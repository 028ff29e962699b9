from __future__ import annotations

import sys
from typing import Any
from urllib.parse import urlsplit

from allauth.account.forms import ResetPasswordForm
from allauth.core import context
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test import RequestFactory

from gealc.accounts.services import role_grant, role_revoke, user_by_email, user_create
from gealc.core.errors import ServiceError
from gealc.members.models import Country, Role


def _country(code: str | None) -> Country | None:
    if not code:
        return None
    country = Country.objects.filter(iso3=code.strip().upper()).first()
    if country is None:
        raise ServiceError(f"unknown country {code!r} (give its ISO 3166-1 alpha-3 code)", field="country")
    return country


class Command(BaseCommand):
    help = "Create users and grant or revoke their roles."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser(
            "create",
            help="Create a user. The password is read from standard input when that is not a terminal; "
            "otherwise an invitation e-mail is sent.",
        )
        create.add_argument("email")
        create.add_argument("--name", required=True)
        for name in ("grant", "revoke"):
            sub = actions.add_parser(name, help=f"{name.capitalize()} a role ({', '.join(Role.values)}).")
            sub.add_argument("email")
            sub.add_argument("role")
            sub.add_argument("--country", help="ISO 3166-1 alpha-3 code, for roles held for a country")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"handle_{options['action']}")(options)
        except ServiceError as exc:
            raise CommandError(exc.message, returncode=2) from exc

    def handle_create(self, options: dict[str, Any]) -> None:
        password = None
        if not sys.stdin.isatty():
            password = sys.stdin.readline().rstrip("\r\n") or None
        result = user_create(email=options["email"], name=options["name"], password=password, verified=True)
        if not result.created:
            self.stdout.write(f"{result.user.email} already exists: nothing changed.")
            return
        if password is None:
            self._invite(result.user.email)
            self.stdout.write(
                f"Created {result.user.email}; an invitation to choose a password was e-mailed."
            )
        else:
            self.stdout.write(f"Created {result.user.email}.")

    def _invite(self, email: str) -> None:
        site = urlsplit(settings.SITE_URL)
        request = RequestFactory().post(
            "/accounts/password/reset/",
            SERVER_NAME=site.hostname or "127.0.0.1",
            SERVER_PORT=str(site.port or (443 if site.scheme == "https" else 80)),
            secure=site.scheme == "https",
        )
        form = ResetPasswordForm(data={"email": email})
        with context.request_context(request):
            if form.is_valid():
                form.save(request)

    def handle_grant(self, options: dict[str, Any]) -> None:
        user = user_by_email(options["email"])
        membership = role_grant(
            actor=None, user=user, role=options["role"], country=_country(options["country"])
        )
        where = f" for {membership.country.iso3}" if membership.country else ""
        self.stdout.write(f"{user.email} holds {membership.role}{where} from {membership.start_date}.")

    def handle_revoke(self, options: dict[str, Any]) -> None:
        user = user_by_email(options["email"])
        ended = role_revoke(actor=None, user=user, role=options["role"], country=_country(options["country"]))
        self.stdout.write(f"{ended} membership(s) ended." if ended else "The user did not hold that role.")
