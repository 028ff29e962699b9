"""The catalogue's test world: small publiccode.yml files owned by the cast's countries."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

MINIMAL = """\
publiccodeYmlVersion: "0"
name: {name}
url: "{url}"
{extra}platforms:
  - web
categories:
  - {category}
developmentStatus: {status}
softwareType: "standalone/web"
description:
  en:
    shortDescription: {name} in short.
    longDescription: >
      {name} is a piece of public software that the tests import, long enough for the standard, which
      asks for a long description of at least one hundred and fifty characters.
    features:
      - One feature
  es:
    shortDescription: {name} en breve.
    longDescription: >
      {name} es un software público que importan las pruebas, con una descripción larga que alcanza
      los ciento cincuenta caracteres que pide el estándar para este campo.
    features:
      - Una función
legal:
  license: AGPL-3.0-or-later
maintenance:
  type: community
  contacts:
    - name: Ada Maintainer
      email: ada@example.org
localisation:
  localisationReady: true
  availableLanguages:
    - es
"""


def publiccode(
    name: str = "Tramites",
    *,
    url: str | None = None,
    category: str = "workflow-management",
    status: str = "stable",
    extra: str = "",
) -> str:
    """A valid publiccode.yml; ``extra`` is inserted as top-level lines (e.g. a softwareVersion)."""
    return MINIMAL.format(
        name=name,
        url=url or f"https://example.org/{name.lower().replace(' ', '-')}.git",
        category=category,
        status=status,
        extra=extra,
    )


def import_as(client: Client, headers: dict[str, str], text: str, **params: str) -> Any:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return client.post(
        f"/api/v1/software/import{'?' + query if query else ''}",
        data=text.encode("utf-8"),
        content_type="application/yaml",
        headers=headers,
    )


@pytest.fixture
def officer_headers(cast: Any, token_for: Any) -> dict[str, str]:
    return dict(token_for(cast.secretariat))
