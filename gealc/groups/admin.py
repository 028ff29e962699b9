"""The Secretariat's back room for the working groups: reading records and their history; writes go
through the pages (the services keep the decision log and tell the people concerned)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin
from django.http import HttpRequest

from gealc.core.i18n import columns, search_columns, text_fieldsets
from gealc.groups.models import Deliverable, GroupMembership, WorkingGroup


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MembershipInline(ReadOnly, admin.TabularInline[GroupMembership, WorkingGroup]):
    model = GroupMembership
    fields = ("person", "country", "role", "start_date", "end_date")
    extra = 0


class DeliverableInline(ReadOnly, admin.TabularInline[Deliverable, WorkingGroup]):
    model = Deliverable
    fields = (*columns(Deliverable, "title"), "kind", "status", "date", "url")
    readonly_fields = ("url",)  # shown as text: no form field is built for it
    extra = 0


@admin.register(WorkingGroup)
class WorkingGroupAdmin(ReadOnly, admin.ModelAdmin[WorkingGroup]):
    list_display = ("name", "slug", "lead_country", "start_date", "end_date", "historical")
    list_filter: ClassVar = ["historical"]
    search_fields = search_columns(WorkingGroup, "name")
    list_select_related = ("lead_country",)
    fieldsets = [
        (None, {"fields": ["slug", "lead_country", "start_date", "end_date", "source"]}),
        *text_fieldsets(WorkingGroup),
    ]
    inlines: ClassVar = [MembershipInline, DeliverableInline]


@admin.register(GroupMembership)
class GroupMembershipAdmin(ReadOnly, admin.ModelAdmin[GroupMembership]):
    list_display = ("person", "group", "country", "role", "start_date", "end_date")
    list_filter: ClassVar = ["role", "group"]
    list_select_related = ("person", "group", "country")
    search_fields = ("person__name",)


@admin.register(Deliverable)
class DeliverableAdmin(ReadOnly, admin.ModelAdmin[Deliverable]):
    list_display = ("title", "group", "kind", "status", "date")
    list_filter: ClassVar = ["kind", "status", "group"]
    list_select_related = ("group",)
    search_fields = search_columns(Deliverable, "title")
    readonly_fields = ("url",)
    fieldsets = [
        (None, {"fields": ["group", "kind", "status", "date", "url", "original_language"]}),
        *text_fieldsets(Deliverable),
    ]
