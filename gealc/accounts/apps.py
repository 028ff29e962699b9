from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "gealc.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from gealc.accounts.signals import password_sign_in_counts_as_reauthentication

        user_logged_in.connect(
            password_sign_in_counts_as_reauthentication, dispatch_uid="gealc-fresh-password"
        )
