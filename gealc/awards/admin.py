from typing import ClassVar

from django.contrib import admin

from gealc.awards.models import Goal, Solution, Theme
from gealc.core.i18n import search_columns, text_fieldsets


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin[Theme]):
    list_display = ("code", "name", "position")
    fieldsets = [(None, {"fields": ["code", "position"]}), *text_fieldsets(Theme)]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin[Goal]):
    list_display = ("number", "name")
    fieldsets = [(None, {"fields": ["number"]}), *text_fieldsets(Goal)]


@admin.register(Solution)
class SolutionAdmin(admin.ModelAdmin[Solution]):
    """The Secretariat reads solutions here; they change through the catalogue's pages and API."""

    list_display = ("name", "country", "theme", "state", "imported")
    list_filter: ClassVar = ["state", "status", "theme", "imported"]
    search_fields = search_columns(Solution, "name")
    list_select_related = ("country", "theme")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
