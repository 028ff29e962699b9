"""What every app shares: the decision log, the e-mail outbox and the notifications beside it."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionEvent(models.Model):
    """One entry of the append-only decision log.

    Each entry stores the hash of the entry before it and its own keyed hash (HMAC with ``AUDIT_KEY``) over
    that value and its canonical content (see ``gealc.core.audit``), so changing, deleting or reordering a
    stored entry breaks the chain at that point; deleting the last entries shows against the anchor.
    ``previous_hash`` is unique: two writers that raced on the same predecessor cannot both commit, which
    keeps the chain a single line.
    """

    created_at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        # The log keeps the id it recorded even if the account is ever deleted: it is part of the hash.
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    actor_label = models.CharField(_("actor"), max_length=255, help_text=_("Who acted, as recorded then."))
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    payload = models.JSONField(_("payload"), default=dict)
    previous_hash = models.CharField(_("previous hash"), max_length=64, unique=True)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        ordering: ClassVar = ["pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decision log")
        indexes: ClassVar = [models.Index(fields=["object_type", "object_id"], name="decision_object_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_type}:{self.object_id}"


class OutboxMessage(models.Model):
    """One e-mail to one person, written in the same transaction as the change it announces.

    It is sent once that transaction commits; a message the mail server refused stays here with its
    error until ``gealc send_mail`` delivers it. ``sent_at`` is empty while the message is pending.
    """

    recipient = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    language = models.CharField(_("language"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mail")
        indexes: ClassVar = [
            models.Index(fields=["created_at"], condition=models.Q(sent_at=None), name="outbox_pending_idx")
        ]
        constraints: ClassVar = [
            # A subject is one line: a line break would let user text add headers to the message.
            models.CheckConstraint(
                condition=~models.Q(subject__contains="\n") & ~models.Q(subject__contains="\r"),
                name="outbox_subject_one_line",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"


class Notification(models.Model):
    """What the platform told one person, kept beside the e-mail so that nothing depends on e-mail alone.

    ``mail_queue`` writes one for every message to a person with an account, in the same transaction as
    the message; ``url`` is the page of the record concerned (a path on the site), or empty.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    subject = models.CharField(_("subject"), max_length=255)
    text = models.CharField(_("text"), max_length=500, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes: ClassVar = [
            models.Index(fields=["user", "-created_at"], name="notification_user_idx"),
            models.Index(fields=["user"], condition=models.Q(read_at=None), name="notification_unread_idx"),
        ]
        constraints: ClassVar = [
            # A link is a path on this site: a notification never sends anyone elsewhere.
            models.CheckConstraint(
                condition=models.Q(url="") | models.Q(url__startswith="/"), name="notification_url_is_a_path"
            )
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
