"""The Secretariat's admin for the fund: it keeps the taxonomy and the baselines and adds translations of
requests and bios. Money, states and matches change only through the services (the pages and the API),
so those are read-only here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from gealc.cooperation.models import (
    Baseline,
    Call,
    CooperationRequest,
    Expert,
    ExpertiseArea,
    LedgerEntry,
    Mission,
    MissionReport,
    PerDiemRate,
)
from gealc.core.admin import SaveChangedFieldsOnly
from gealc.core.audit import record_decision
from gealc.core.i18n import search_columns, text_fieldsets


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ExpertiseArea)
class ExpertiseAreaAdmin(admin.ModelAdmin[ExpertiseArea]):
    list_display = ("code", "name", "position")
    search_fields = ("code", *search_columns(ExpertiseArea, "name"))


@admin.register(Baseline)
class BaselineAdmin(admin.ModelAdmin[Baseline]):
    list_display = ("code", "label", "measure", "qualifier", "value", "as_of", "source")
    list_filter = ("measure",)


class PerDiemRateInline(admin.TabularInline[PerDiemRate, Call]):
    model = PerDiemRate
    extra = 0
    autocomplete_fields = ("country",)


@admin.register(Call)
class CallAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "currency", "budget", "committed", "spent", "opens_on", "closes_on")
    search_fields = search_columns(Call, "title")
    inlines = (PerDiemRateInline,)
    fieldsets = (
        (None, {"fields": ("year", "original_language")}),
        *text_fieldsets(Call, "title"),
        (
            _("Budget and rules"),
            {
                "fields": (
                    "currency", "budget", "committed", "spent", "opens_on", "closes_on",
                    "max_days_per_mission", "max_cost_per_mission", "default_per_diem",
                )
            },
        ),
    )  # fmt: skip

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        # Once money has moved, the currency of the ledger is fixed.
        if obj is not None and LedgerEntry.objects.filter(call=obj).exists():
            return ("committed", "spent", "currency")
        return ("committed", "spent")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Opening a call is a decision recorded in the decision log: it goes through the calls' pages
        # (or the API).
        return False

    def save_model(self, request: HttpRequest, obj: Call, form: Any, change: bool) -> None:
        # Only the fields edited here: the totals may have moved since the form was loaded.
        fields = [name for name in form.changed_data if name not in ("committed", "spent")]
        if fields:
            with transaction.atomic():
                obj.save(update_fields=fields)
                if "budget" in fields:
                    record_decision(
                        actor=request.user,
                        action="cooperation.call.budget",
                        target=obj,
                        payload={"budget": str(obj.budget), "currency": obj.currency},
                    )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CooperationRequest)
class CooperationRequestAdmin(SaveChangedFieldsOnly, admin.ModelAdmin[CooperationRequest]):
    list_display = ("__str__", "country", "state", "call", "window_start", "window_end")
    list_filter = ("state", "call", "country")
    search_fields = search_columns(CooperationRequest, "title")
    list_select_related = ("country", "call")
    fieldsets = [(None, {"fields": ["original_language"]}), *text_fieldsets(CooperationRequest)]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Expert)
class ExpertAdmin(SaveChangedFieldsOnly, SimpleHistoryAdmin):
    list_display = ("__str__", "country", "status", "consent_public")
    list_filter = ("status", "country", "areas")
    search_fields = ("person__name",)
    list_select_related = ("person", "country")
    fieldsets = [
        (None, {"fields": ["original_language", "consent_public"]}),
        *text_fieldsets(Expert, "bio"),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Mission)
class MissionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "state", "call", "start_date", "end_date", "committed")
    list_filter = ("state", "call")
    list_select_related = ("call",)


@admin.register(MissionReport)
class MissionReportAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "kind", "rating", "submitted_at")


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ("call", "mission", "kind", "amount", "at")
    list_filter = ("call", "kind")
    list_select_related = ("call", "mission")
