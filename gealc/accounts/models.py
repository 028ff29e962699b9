"""User accounts and personal API tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, email: str | None) -> User:
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """An account, identified by its e-mail address. What it may do comes from its person's roles."""

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Unticking this ends every session of the account.")
    )
    is_staff = models.BooleanField(_("staff status"), default=False, help_text=_("May open the admin."))
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    language = models.CharField(_("language"), max_length=5, blank=True, choices=settings.LANGUAGES)
    # Part of the session hash: raising it ends every session of the account at its next request.
    session_generation = models.PositiveIntegerField(default=0, editable=False)
    # When the workspace was last opened: it shows what changed since then.
    workspace_visited_at = models.DateTimeField(
        _("workspace last visited"), null=True, blank=True, editable=False
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering: ClassVar = ["email"]
        constraints: ClassVar = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ignoring_case")
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Disabling an account ends all its sessions, whichever way it is disabled (service, admin).
        if self.pk and not self.is_active:
            was_active = User.objects.filter(pk=self.pk, is_active=True).exists()
            if was_active:
                self.session_generation += 1
                update_fields = kwargs.get("update_fields")
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "session_generation"}
        super().save(*args, **kwargs)

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        key_salt = "gealc.accounts.User.session"
        return salted_hmac(
            key_salt, f"{self.password}:{self.session_generation}", secret=secret, algorithm="sha256"
        ).hexdigest()


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 hash is stored; the token is shown once, when created."""

    PREFIX = "gealc_"

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(
        _("hint"), max_length=12, editable=False, help_text=_("The token's first characters.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering: ClassVar = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.hint}… ({self.user})"

    @classmethod
    def generate(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)

    def is_valid(self, at: Any = None) -> bool:
        now = at or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


class ErasureRequest(models.Model):
    """A person's request to have their personal data erased, carried out by the Secretariat."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.SET_NULL, null=True, related_name="erasure_requests"
    )
    person_id_at_request = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    reason = models.TextField(_("reason"), blank=True)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    carried_out_at = models.DateTimeField(_("carried out"), null=True, blank=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering: ClassVar = ["-requested_at"]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.requested_at:%Y-%m-%d})"
