from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _sees_people(request: HttpRequest) -> bool:
    """The Secretariat, and heads of delegation for their country's people."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.has_perm("accounts.view_people"))


def _signed_out(request: HttpRequest) -> bool:
    return not _signed_in(request)


def _notifications_label(request: HttpRequest) -> str:
    from gealc.core.notifications import unread_count

    count = unread_count(getattr(request, "user", None))
    if not count:
        return gettext("Notifications")
    return ngettext("Notifications (%(count)s unread)", "Notifications (%(count)s unread)", count) % {
        "count": count
    }


class AccountsConfig(AppConfig):
    name = "gealc.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.account.signals import password_reset
        from django.contrib.auth.signals import user_logged_in

        from gealc.accounts.signals import (
            invitation_link_proves_the_address,
            password_sign_in_counts_as_reauthentication,
            remember_the_language_of_the_first_sign_in,
        )

        password_reset.connect(invitation_link_proves_the_address, dispatch_uid="gealc-invitation-verifies")

        user_logged_in.connect(
            password_sign_in_counts_as_reauthentication, dispatch_uid="gealc-fresh-password"
        )
        user_logged_in.connect(
            remember_the_language_of_the_first_sign_in, dispatch_uid="gealc-first-language"
        )

        from gealc.core.navigation import NavItem, register_account

        register_account(NavItem(_("People and roles"), "people:list", order=11, visible=_sees_people))
        register_account(NavItem(_("Your work"), "workspace", order=14, visible=_signed_in))
        register_account(
            NavItem(
                _("Notifications"),
                "accounts:notifications",
                order=16,
                visible=_signed_in,
                label_for=_notifications_label,
            )
        )
        register_account(NavItem(_("Your account"), "accounts:overview", order=20, visible=_signed_in))
        register_account(NavItem(_("Sign out"), "account_logout", order=30, visible=_signed_in))
        register_account(NavItem(_("Sign in"), "account_login", order=40, visible=_signed_out))
