from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext, gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from gealc.core.admin import SaveChangedFieldsOnly
from gealc.core.i18n import (
    columns,
    from_columns,
    localized_column,
    search_columns,
    text_fieldsets,
    translated_fields,
)
from gealc.governance import services
from gealc.governance.models import (
    Activity,
    AgendaItem,
    Axis,
    CommitteeMembership,
    Delegation,
    Election,
    Meeting,
    MeetingDocument,
    Motion,
    NetworkRules,
    WorkPlan,
)


def _adopt(obj: Any, created: Any) -> None:
    """Make the admin's unsaved ``obj`` stand for the row a service ``created``, so that the admin logs
    the addition and redirects to that row. The service wrote it; the admin writes nothing more."""
    for field in created._meta.concrete_fields:
        setattr(obj, field.attname, getattr(created, field.attname))
    obj._state.adding, obj._state.db = False, created._state.db


class AgendaInline(admin.TabularInline[AgendaItem, Meeting]):
    model = AgendaItem
    extra = 0


class DocumentInline(admin.TabularInline[MeetingDocument, Meeting]):
    model = MeetingDocument
    extra = 0


class DelegationInline(admin.TabularInline[Delegation, Meeting]):
    """Representatives and notes are edited here; which countries attended is set through the attendance
    list (API or reference data), which checks it and keeps countries that already voted."""

    model = Delegation
    extra = 0
    can_delete = False
    readonly_fields = ("country",)
    autocomplete_fields = ("representatives",)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "ordinal", "start_date", "host_country", "city")
    list_filter = ("kind", "host_country")
    search_fields = search_columns(Meeting, "title", "city")
    inlines = (AgendaInline, DocumentInline, DelegationInline)
    autocomplete_fields = ("host_country",)


@admin.register(Motion)
class MotionAdmin(SimpleHistoryAdmin):
    """Motions are created here or through the API; votes and results only through the services."""

    list_display = ("title", "meeting", "rule", "status", "result")
    list_filter = ("status", "result", "rule")
    search_fields = search_columns(Motion, "title")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        # Once a motion exists its meeting and rule are fixed: votes may already have been cast under them.
        fixed = ("status", "result", "closed_at")
        if obj is None:
            return fixed
        if not obj.votes.exists():
            return (*fixed, "meeting", "rule")
        # Once votes are cast, what was voted on is fixed too (motion_edit refuses it); an empty
        # translation may still be filled in.
        voted = [
            localized_column(name, code)
            for name in ("title", "text")
            for code in settings.LANGUAGE_CODES
            if getattr(obj, localized_column(name, code))
        ]
        return (*fixed, "meeting", "rule", "original_language", *voted)

    def save_model(self, request: HttpRequest, obj: Motion, form: Any, change: bool) -> None:
        # Through the services, as the pages and the API: the creation goes to the decision log, and an
        # edit writes only the texts it changed, never the state that voting moved in the meantime.
        data, changed = form.cleaned_data, set(form.changed_data)
        if change:
            texts = {
                name: {
                    code: data[localized_column(name, code)]
                    for code in settings.LANGUAGE_CODES
                    if localized_column(name, code) in changed
                }
                for name in translated_fields(Motion)
            }
            services.motion_edit(
                actor=request.user,
                motion=obj,
                title=texts["title"],
                text=texts["text"],
                original_language=data["original_language"] if "original_language" in changed else None,
                note=data["note"] if "note" in changed else None,
            )
        else:
            texts = from_columns(data, Motion)
            created = services.motion_create(
                actor=request.user,
                meeting=data["meeting"],
                rule=data["rule"],
                title=texts["title"],
                text=texts["text"],
                original_language=data["original_language"],
                note=data["note"],
            )
            _adopt(obj, created)


@admin.register(Election)
class ElectionAdmin(SimpleHistoryAdmin):
    """Elections are run through their pages and the API, which keep the decision log; here they are read."""

    list_display = ("title", "meeting", "ballot_type", "status")
    list_filter = ("status", "ballot_type")
    search_fields = search_columns(Election, "title")
    fieldsets = (
        (None, {"fields": ("meeting", "original_language")}),
        *text_fieldsets(Election, "title"),
        (
            gettext_lazy("Ballot"),
            {
                "fields": (
                    "ballot_type", "status", "runoff_of", "opened_at", "closed_at", "certified_at", "results",
                )
            },
        ),
    )  # fmt: skip
    readonly_fields = (
        "meeting",
        "original_language",
        *columns(Election, "title"),
        "ballot_type",
        "status",
        "runoff_of",
        "opened_at",
        "closed_at",
        "certified_at",
        "results",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(CommitteeMembership)
class CommitteeMembershipAdmin(SimpleHistoryAdmin):
    list_display = ("country", "seat", "subregion", "start_date", "end_date", "election")
    list_filter = ("seat", "subregion")
    autocomplete_fields = ("country", "institution")


class ActivityForm(forms.ModelForm[Activity]):
    """An activity's dates lie within the network's life, as the progress reported on it."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("start_date", "end_date"):
            day = data.get(name)
            if day is not None and not services.EARLIEST_DATE <= day <= services.LATEST_DATE:
                self.add_error(
                    name,
                    gettext("The date must be between %(earliest)s and %(latest)s.")
                    % {
                        "earliest": services.EARLIEST_DATE.isoformat(),
                        "latest": services.LATEST_DATE.isoformat(),
                    },
                )
        return data


class ActivityInline(admin.StackedInline[Activity, Axis]):
    model = Activity
    form = ActivityForm
    extra = 0


@admin.register(Axis)
class AxisAdmin(admin.ModelAdmin[Axis]):
    list_display = ("title", "workplan", "position")
    list_filter = ("workplan",)
    inlines = (ActivityInline,)


class AxisInline(admin.TabularInline[Axis, WorkPlan]):
    model = Axis
    extra = 0


@admin.register(WorkPlan)
class WorkPlanAdmin(SaveChangedFieldsOnly, SimpleHistoryAdmin):
    list_display = ("year", "status", "approved_by")
    readonly_fields = ("status", "approved_by")

    def get_inlines(self, request: HttpRequest, obj: Any) -> tuple[type[AxisInline], ...]:
        # A new plan starts with the default axes, which are edited once it exists.
        return (AxisInline,) if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: WorkPlan, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
        else:
            _adopt(obj, services.workplan_create(actor=request.user, year=form.cleaned_data["year"]))


admin.site.register(NetworkRules, SimpleHistoryAdmin)
