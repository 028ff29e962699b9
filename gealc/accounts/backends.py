from __future__ import annotations

from typing import Any

from gealc.accounts.rules import is_secretariat


class SecretariatAdminBackend:
    """Lets the admin list the apps to Secretariat officers.

    The admin asks ``has_module_perms`` before showing an app; the rules backend answers only object and
    model permissions, so without this the index would say "nothing to view" while every page it
    links to is allowed.
    """

    def authenticate(self, request: Any, **credentials: Any) -> None:
        return None

    def has_module_perms(self, user: Any, app_label: str) -> bool:
        return bool(is_secretariat(user))
