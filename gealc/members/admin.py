from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from gealc.core.i18n import search_columns
from gealc.members.models import Country, Institution, Membership, Person, Post, Subregion


@admin.register(Subregion)
class SubregionAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "seats", "position")
    search_fields = ("code", *search_columns(Subregion, "name"))
    ordering = ("position",)


@admin.register(Country)
class CountryAdmin(SimpleHistoryAdmin):
    list_display = ("iso3", "iso2", "name", "subregion", "status", "joined", "authority")
    list_filter = ("status", "subregion")
    search_fields = ("iso2", "iso3", *search_columns(Country, "name"))
    list_select_related = ("subregion", "authority")
    autocomplete_fields = ("authority",)


@admin.register(Institution)
class InstitutionAdmin(SimpleHistoryAdmin):
    list_display = ("name", "acronym", "country", "kind", "is_partner")
    list_filter = ("kind", "is_partner", "country__subregion", "country")
    search_fields = ("name", "acronym", "country__iso3", *search_columns(Country, "name", prefix="country__"))
    list_select_related = ("country",)
    autocomplete_fields = ("country",)


class MembershipInline(admin.TabularInline[Membership, Person]):
    """Shown for reference: roles are granted and revoked with `gealc user grant/revoke`, which check the
    one-head-of-delegation rule and record the decision."""

    model = Membership
    extra = 0
    can_delete = False
    readonly_fields = ("role", "country", "institution", "post", "label", "start_date", "end_date")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("name", "email", "institution", "country")
    list_filter = ("country__subregion", "country")
    search_fields = ("name", "email", "institution__name", "institution__acronym")
    list_select_related = ("institution", "country")
    autocomplete_fields = ("institution", "country")
    readonly_fields = ("user", "erased_at")
    inlines = (MembershipInline,)


@admin.register(Post)
class PostAdmin(admin.ModelAdmin[Post]):
    list_display = ("label", "institution")
    search_fields = ("label", "institution__name", "institution__acronym")
    list_select_related = ("institution",)
    autocomplete_fields = ("institution",)


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("person", "role", "institution", "post", "country", "start_date", "end_date")
    list_filter = ("role", "country")
    search_fields = ("person__name", "role", "label", "institution__name")
    list_select_related = ("person", "institution", "post__institution", "country")

    # Read-only here: see MembershipInline.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
