from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest

from gealc.core.mail import subject_line


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by the Secretariat (`gealc user create`); public sign-up is off by default."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return bool(getattr(settings, "ACCOUNT_SIGNUP_OPEN", False))

    def format_email_subject(self, subject: str) -> str:
        # The invitation and reset subjects are the platform's own words today; built from any text a
        # user wrote, they would still stay one line.
        return subject_line(super().format_email_subject(subject))
