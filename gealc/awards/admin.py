from typing import ClassVar

from django.contrib import admin

from gealc.awards.models import (
    Assignment,
    Attachment,
    Category,
    ConflictOfInterest,
    Criterion,
    Edition,
    Goal,
    Prize,
    Question,
    Solution,
    Submission,
    Theme,
    TieDecision,
)
from gealc.core.i18n import columns, search_columns, text_fieldsets


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


# Award editions: the Secretariat reads them here; they change through the edition's pages and API (the
# services keep the phases, the decision log and the notifications). The final votes and each juror's
# scores are not shown one by one: the results and the ranking publish what they add up to.


class ReadOnly:
    """What the admin only shows."""

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


class CategoryInline(ReadOnly, admin.TabularInline[Category, Edition]):
    model = Category
    fields = ("code", *columns(Category, "name"), "position")
    extra = 0


class CriterionInline(ReadOnly, admin.TabularInline[Criterion, Edition]):
    model = Criterion
    fields = ("code", *columns(Criterion, "name"), "weight", "position")
    extra = 0


class QuestionInline(ReadOnly, admin.TabularInline[Question, Edition]):
    model = Question
    fields = ("code", *columns(Question, "name"), "position")
    extra = 0


class PrizeInline(ReadOnly, admin.TabularInline[Prize, Edition]):
    model = Prize
    fields = ("code", *columns(Prize, "name"), "category", "mission")
    extra = 0


@admin.register(Edition)
class EditionAdmin(ReadOnly, admin.ModelAdmin[Edition]):
    list_display = ("year", "title", "phase", "historical")
    list_filter: ClassVar = ["phase", "historical"]
    search_fields = search_columns(Edition, "title")
    inlines: ClassVar = [CategoryInline, CriterionInline, QuestionInline, PrizeInline]


class AttachmentInline(ReadOnly, admin.TabularInline[Attachment, Submission]):
    model = Attachment
    fields = ("original_name", "content_type", "size", "uploaded_at")
    readonly_fields = ("uploaded_at",)
    extra = 0


@admin.register(Submission)
class SubmissionAdmin(ReadOnly, admin.ModelAdmin[Submission]):
    list_display = ("solution", "edition", "category", "country", "eligibility", "finalist", "winner")
    list_filter: ClassVar = ["edition", "eligibility", "finalist", "winner"]
    list_select_related = ("solution", "edition", "category", "country")
    inlines: ClassVar = [AttachmentInline]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnly, admin.ModelAdmin[Assignment]):
    list_display = ("submission", "juror", "assigned_at", "scored_at")
    list_filter: ClassVar = ["submission__edition"]
    list_select_related = ("submission__solution", "submission__country", "juror")
    exclude = ("comment",)


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(ReadOnly, admin.ModelAdmin[ConflictOfInterest]):
    list_display = ("submission", "juror", "declared_at")
    list_filter: ClassVar = ["submission__edition"]
    list_select_related = ("submission__solution", "submission__country", "juror")


@admin.register(TieDecision)
class TieDecisionAdmin(ReadOnly, admin.ModelAdmin[TieDecision]):
    list_display = ("category", "stage", "decided_by", "decided_at")
    list_filter: ClassVar = ["stage"]
    list_select_related = ("category", "decided_by")
