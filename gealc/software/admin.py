"""The Secretariat's back room for the catalogue: reading records; writes go through the pages and API."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gealc.software.models import Adoption, Contribution, Software, SoftwareRevision


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Software)
class SoftwareAdmin(ReadOnly):
    list_display = ("name", "country", "development_status", "license", "updated_at")
    list_filter = ("development_status", "country")
    search_fields = ("name", "url")
    list_select_related = ("country",)


@admin.register(SoftwareRevision)
class RevisionAdmin(ReadOnly):
    list_display = ("software", "number", "software_version", "imported_at")
    list_select_related = ("software",)


@admin.register(Adoption)
class AdoptionAdmin(ReadOnly):
    list_display = ("software", "country", "institution", "status", "since")
    list_select_related = ("software", "country", "institution")


@admin.register(Contribution)
class ContributionAdmin(ReadOnly):
    list_display = ("software", "country", "contributed_on")
    list_select_related = ("software", "country")
