from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gealc.core.models import DecisionEvent


@admin.register(DecisionEvent)
class DecisionEventAdmin(admin.ModelAdmin[DecisionEvent]):
    """The decision log can be read, never written: no add, change or delete, even for superusers."""

    list_display = ("pk", "created_at", "actor_label", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("action", "object_type", "object_id", "hash")
    readonly_fields = (
        "created_at",
        "actor",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "payload",
        "previous_hash",
        "hash",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SaveChangedFieldsOnly:
    """An admin change writes only the fields the form changed.

    The services move states and totals under locks; a whole-row save from a form loaded earlier would
    silently undo what they did in between.
    """

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.save()
        elif form.changed_data:
            obj.save(update_fields=list(form.changed_data))
