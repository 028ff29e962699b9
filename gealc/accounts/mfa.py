from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator


def has_mfa(user: Any) -> bool:
    """Whether the user has an authenticator app (TOTP) set up."""
    cached = getattr(user, "_gealc_has_mfa", None)
    if cached is None:
        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._gealc_has_mfa = cached
    return bool(cached)
