from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gealc.accounts.models import ApiToken, ErasureRequest, User
from gealc.accounts.services import person_erase, user_disable, user_enable
from gealc.core.errors import ServiceError


@admin.register(User)
class UserAdmin(admin.ModelAdmin[User]):
    list_display = ("email", "name", "is_active", "last_login", "date_joined")
    list_filter = ("is_active", "is_superuser")
    search_fields = ("email", "name")
    fields = ("email", "name", "language", "is_active", "last_login", "date_joined")
    readonly_fields = ("last_login", "date_joined")

    def save_model(self, request: HttpRequest, obj: User, form: ModelForm[User], change: bool) -> None:
        # Disabling and enabling go through the services, so that tokens are revoked for good and the
        # decision log records who did it, as from any other place.
        switched = change and "is_active" in form.changed_data
        if switched:
            wanted = obj.is_active
            obj.is_active = not wanted
        super().save_model(request, obj, form, change)
        if switched:
            (user_enable if wanted else user_disable)(actor=request.user, user=obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Accounts are disabled (or erased on request), never deleted: the decision log refers to them.
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ("hint", "user", "name", "created_at", "expires_at", "revoked_at", "last_used_at")
    list_filter = ("revoked_at",)
    search_fields = ("user__email", "name", "hint")
    list_select_related = ("user",)
    readonly_fields = ("user", "name", "hint", "created_at", "expires_at", "revoked_at", "last_used_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ErasureRequest)
class ErasureRequestAdmin(admin.ModelAdmin[ErasureRequest]):
    list_display = ("pk", "user", "requested_at", "carried_out_at")
    list_filter = ("carried_out_at",)
    readonly_fields = ("user", "person_id_at_request", "reason", "requested_at", "carried_out_at")
    actions = ("carry_out",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Carry out the selected erasures"))
    def carry_out(self, request: HttpRequest, queryset: QuerySet[ErasureRequest]) -> None:
        done = 0
        for erasure in queryset.filter(carried_out_at__isnull=True):
            try:
                person_erase(actor=request.user, request=erasure)
            except ServiceError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                done += 1
        self.message_user(request, _("%(count)d erasure(s) carried out.") % {"count": done}, messages.SUCCESS)
