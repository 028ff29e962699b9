from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gealc.accounts.services import token_create, token_revoke, user_by_email
from gealc.core.errors import ServiceError


class Command(BaseCommand):
    help = "Create or revoke personal API tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Print a new token (and nothing else) on standard output.")
        create.add_argument("email")
        create.add_argument("--days", type=int, default=None, help="Expire after this many days")
        create.add_argument("--name", default="", help="What the token is for")
        revoke = actions.add_parser("revoke", help="Revoke every token of the user.")
        revoke.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = user_by_email(options["email"])
            if options["action"] == "create":
                _token, raw = token_create(user=user, days=options["days"], name=options["name"])
                self.stdout.write(raw)
            else:
                revoked = token_revoke(user=user)
                self.stderr.write(f"{revoked} token(s) revoked.")
        except ServiceError as exc:
            raise CommandError(exc.message, returncode=2) from exc
