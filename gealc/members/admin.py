from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from gealc.members.models import Country, Institution, Membership, Person, Post, Subregion


@admin.register(Subregion)
class SubregionAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_en", "name_es", "seats", "position")
    search_fields = ("code", "name_en", "name_es", "name_pt", "name_fr")
    ordering = ("position",)


@admin.register(Country)
class CountryAdmin(SimpleHistoryAdmin):
    list_display = ("iso3", "iso2", "name_en", "subregion", "status", "joined", "authority")
    list_filter = ("status", "subregion")
    search_fields = ("iso2", "iso3", "name_en", "name_es", "name_pt", "name_fr")
    list_select_related = ("subregion", "authority")
    autocomplete_fields = ("authority",)


@admin.register(Institution)
class InstitutionAdmin(SimpleHistoryAdmin):
    list_display = ("name", "acronym", "country", "kind", "is_partner")
    list_filter = ("kind", "is_partner", "country__subregion", "country")
    search_fields = ("name", "acronym", "country__name_en", "country__iso3")
    list_select_related = ("country",)
    autocomplete_fields = ("country",)


class MembershipInline(admin.TabularInline[Membership, Person]):
    model = Membership
    extra = 0
    autocomplete_fields = ("institution", "post", "country")


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("name", "email", "institution", "country")
    list_filter = ("country__subregion", "country")
    search_fields = ("name", "email", "institution__name", "institution__acronym")
    list_select_related = ("institution", "country")
    autocomplete_fields = ("institution", "country", "user")
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
    autocomplete_fields = ("person", "institution", "post", "country")
