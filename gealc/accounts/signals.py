from __future__ import annotations

import time
from typing import Any

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from django.http import HttpRequest

# How recent a password sign-in must be to count as having just confirmed the password.
FRESH_SECONDS = 60


def password_sign_in_counts_as_reauthentication(
    sender: Any, request: HttpRequest, user: Any, **kwargs: Any
) -> None:
    """Someone who has just typed their password is not asked for it again a second later.

    allauth asks for the password again before two-factor set-up, even right after signing in; an
    officer who must set it up before acting would type the password twice in a row. The usual
    reauthentication timeout still applies from the moment of sign-in.
    """
    if request is None or not hasattr(request, "session"):
        return
    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY)
    if not isinstance(records, list) or not records:
        return
    last = records[-1]
    if last.get("method") == "password" and time.time() - float(last.get("at", 0)) < FRESH_SECONDS:
        last["reauthenticated"] = True
        request.session[AUTHENTICATION_METHODS_SESSION_KEY] = records


def invitation_link_proves_the_address(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """Choosing a password with the invitation link verifies the address the link was sent to.

    An invited person has never signed in and has one address, the one the invitation (or a reset key,
    which goes to the same address) was sent to: following the link proved they read it, so they are not
    sent a second e-mail to confirm it before they can sign in.
    """
    from allauth.account.models import EmailAddress

    if user is None or user.last_login is not None:
        return
    addresses = EmailAddress.objects.filter(user=user)
    if addresses.count() == 1:
        addresses.filter(email__iexact=user.email).update(verified=True)


def remember_the_language_of_the_first_sign_in(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    """Someone who never chose a language gets their e-mails and notifications in the one they sign in
    with (the page's, from the browser or the language switch), not in the platform's default.

    Only a sign-in through the pages says which: the locale middleware has then read the request's
    language (a sign-in by other means, such as a test's or a command's, has none)."""
    from django.conf import settings

    language = str(getattr(request, "LANGUAGE_CODE", "") or "")
    chosen = str(getattr(user, "language", "") or "")
    if chosen or language not in dict(settings.LANGUAGES):
        return
    type(user).objects.filter(pk=user.pk, language="").update(language=language)
    user.language = language
