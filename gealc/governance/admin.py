from functools import partial
from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin

from gealc.core.i18n import search_columns, texts_in_every_language
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
from gealc.governance.services import DEFAULT_AXES


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
    search_fields = ("city", *search_columns(Meeting, "title"))
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
        return (*fixed, "meeting", "rule") if obj is not None else fixed


@admin.register(Election)
class ElectionAdmin(SimpleHistoryAdmin):
    """Elections are run through their pages and the API, which keep the decision log; here they are read."""

    list_display = ("title", "meeting", "ballot_type", "status")
    list_filter = ("status", "ballot_type")
    readonly_fields = (
        "meeting",
        "title",
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


class ActivityInline(admin.StackedInline[Activity, Axis]):
    model = Activity
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
class WorkPlanAdmin(SimpleHistoryAdmin):
    list_display = ("year", "status", "approved_by")
    readonly_fields = ("status", "approved_by")
    inlines = (AxisInline,)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change and not obj.axes.exists():
            for position, (code, title) in enumerate(DEFAULT_AXES):
                Axis.objects.create(
                    workplan=obj,
                    code=code,
                    position=position,
                    **texts_in_every_language("title", partial(gettext, title)),
                )


admin.site.register(NetworkRules, SimpleHistoryAdmin)
