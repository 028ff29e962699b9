"""Forms of the Secretariat's pages of an award edition: its set-up (the edition and its rows of
categories, criteria, questions and prizes), the screening of a submission, a juror's assignment and a
tie's decision. They only read input: the services check and write, and their refusals come back next to
the field, the row or the list they name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from gealc.awards.edition_services import MAX_PARTS, Part
from gealc.awards.models import Edition
from gealc.core.errors import ServiceError
from gealc.core.forms import add_text_fields, text_fields_initial, texts_from

NAME_KEYS = tuple(f"name_{code}" for code in settings.LANGUAGE_CODES)

# Empty rows under the filled ones, for a new row without JavaScript; "More rows" adds as many again.
EXTRA_ROWS = 2


class EditionForm(forms.Form):
    """The edition itself: its year and number, its texts in each of the network's languages and its
    eligibility rules. The year and the original language are the edition's once it exists."""

    def __init__(self, *args: Any, edition: Edition | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"] = forms.IntegerField(
            label=_("Year"), min_value=2000, max_value=2100, disabled=edition is not None
        )
        self.fields["number"] = forms.IntegerField(
            label=_("Edition number"),
            required=False,
            min_value=1,
            max_value=100,
            help_text=_("e.g. 7 for the seventh edition"),
        )
        self.fields["original_language"] = forms.ChoiceField(
            label=_("Original language"),
            choices=settings.LANGUAGES,
            disabled=edition is not None,
            help_text=_("The language the texts are first written in: the title is required in it."),
        )
        add_text_fields(self, "title", _("Title"), max_length=200)
        add_text_fields(self, "description", _("Description"), max_length=5000, textarea=True)
        self.fields["min_months_in_operation"] = forms.IntegerField(
            label=_("Months in operation at least"),
            help_text=_("A solution must have been in operation this long when it is submitted."),
        )
        self.fields["max_per_country_category"] = forms.IntegerField(
            label=_("Submissions per country and category at most")
        )
        self.fields["finalists_per_category"] = forms.IntegerField(label=_("Finalists per category"))

    @staticmethod
    def initial_from(edition: Edition | None) -> dict[str, Any]:
        if edition is None:
            return {
                "original_language": settings.LANGUAGE_CODE,
                "min_months_in_operation": Edition._meta.get_field("min_months_in_operation").default,
                "max_per_country_category": Edition._meta.get_field("max_per_country_category").default,
                "finalists_per_category": Edition._meta.get_field("finalists_per_category").default,
            }
        return {
            "year": edition.year,
            "number": edition.number,
            "original_language": edition.original_language,
            **text_fields_initial(edition, "title", "description"),
            **{name: getattr(edition, name) for name in RULES},
        }

    def rules(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in RULES}


RULES = ("min_months_in_operation", "max_per_country_category", "finalists_per_category")


class PartRow(forms.Form):
    """One row of a category, criterion, question or prize: its code and its name in each language. A
    row left empty is no part (that is how a row is removed)."""

    kind: ClassVar[str] = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"] = forms.SlugField(label=_("Code"), max_length=40, required=False)
        add_text_fields(self, "name", self.name_label(), max_length=200)

    def name_label(self) -> Any:
        return _("Name")

    def name_fields(self) -> list[forms.BoundField]:
        return [self[f"name_{code}"] for code in settings.LANGUAGE_CODES]

    def part(self) -> Part | None:
        """The part the row gives, or None for an empty row."""
        data = getattr(self, "cleaned_data", None) or {}
        names = {code: text for code, text in texts_from(data, "name").items() if text.strip()}
        if not names and not (data.get("code") or "").strip():
            return None
        return Part(code=data.get("code") or "", name=names, **self.extra())

    def extra(self) -> dict[str, Any]:
        return {}

    @classmethod
    def initial_of(cls, part: Part) -> dict[str, Any]:
        return {"code": part.code, **{f"name_{code}": text for code, text in part.name.items()}}


class CategoryRow(PartRow):
    kind = "categories"


class CriterionRow(PartRow):
    kind = "criteria"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["weight"] = forms.IntegerField(
            label=_("Weight"), required=False, widget=forms.NumberInput(attrs={"class": "text-end"})
        )

    def extra(self) -> dict[str, Any]:
        return {"weight": self.cleaned_data.get("weight")}

    @classmethod
    def initial_of(cls, part: Part) -> dict[str, Any]:
        return {**super().initial_of(part), "weight": part.weight}


class QuestionRow(PartRow):
    kind = "questions"

    def name_label(self) -> Any:
        return _("Question")


class PrizeRow(PartRow):
    """A prize, for one category or all of them, and the fund's training mission it is, once it exists."""

    kind = "prizes"

    def __init__(
        self,
        *args: Any,
        categories: Sequence[tuple[str, str]] = (),
        missions: Sequence[tuple[int, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"] = forms.ChoiceField(
            label=_("Category"),
            required=False,
            choices=[("", _("All categories")), *categories],
        )
        self.fields["mission"] = forms.TypedChoiceField(
            label=_("Training mission"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", _("None")), *missions],
        )

    def extra(self) -> dict[str, Any]:
        return {
            "category": self.cleaned_data.get("category") or "",
            "mission": self.cleaned_data.get("mission"),
        }

    @classmethod
    def initial_of(cls, part: Part) -> dict[str, Any]:
        return {**super().initial_of(part), "category": part.category, "mission": part.mission}


ROWS: dict[str, type[PartRow]] = {row.kind: row for row in (CategoryRow, CriterionRow, QuestionRow, PrizeRow)}
KIND_LABELS = {
    "categories": _("Categories"),
    "criteria": _("Criteria of the jury"),
    "questions": _("Questions every submission answers"),
    "prizes": _("Prizes"),
}


def part_key(part: Part) -> tuple[Any, ...]:
    """What a part is, as the service will store it (its code made from its name when not given)."""
    code = slugify(part.code or next(iter(part.name.values()), ""))[:40]
    return (code, tuple(sorted(part.name.items())), part.weight, part.category, part.mission)


class EditionSetup:
    """The edition's form and its four lists of rows, handed to ``edition_create`` / ``edition_update``
    as one, with each refusal of the service put where it belongs."""

    def __init__(
        self,
        data: QueryDict | None,
        *,
        edition: Edition | None,
        declared: dict[str, list[Part]],
        missions: Sequence[tuple[int, str]] = (),
        more: str = "",
    ) -> None:
        self.edition = edition
        self.declared = declared
        initial = EditionForm.initial_from(edition)
        rows = {kind: [row.initial_of(part) for part in declared.get(kind, [])] for kind, row in ROWS.items()}
        extra = dict.fromkeys(ROWS, EXTRA_ROWS)
        if data is not None and more in ROWS:
            # "More rows": what was typed, shown again unsaved and unchecked, with more empty rows.
            typed = self._build(data, initial, rows, extra, missions)
            initial = {name: typed[0][name].value() for name in typed[0].fields}
            rows = {
                kind: [{name: form[name].value() for name in form.fields} for form in formset.forms]
                for kind, formset in typed[1].items()
            }
            extra = {kind: EXTRA_ROWS if kind == more else 0 for kind in ROWS}
            data = None
        self.form, self.formsets = self._build(data, initial, rows, extra, missions)
        self._rows: dict[str, list[int]] = {}
        self.top_errors: list[str] = []

    def _build(
        self,
        data: QueryDict | None,
        initial: dict[str, Any],
        rows: dict[str, list[dict[str, Any]]],
        extra: dict[str, int],
        missions: Sequence[tuple[int, str]],
    ) -> tuple[EditionForm, dict[str, forms.BaseFormSet[Any]]]:
        form = EditionForm(data, edition=self.edition, initial=initial)
        formsets: dict[str, forms.BaseFormSet[Any]] = {}
        for kind, row in ROWS.items():
            factory = forms.formset_factory(
                row, extra=extra[kind], max_num=MAX_PARTS, validate_max=True, absolute_max=MAX_PARTS
            )
            kwargs: dict[str, Any] = {}
            if kind == "prizes":
                kwargs = {"categories": self._category_choices(data, rows), "missions": list(missions)}
            formsets[kind] = factory(data, initial=rows[kind], prefix=kind, form_kwargs=kwargs)
        return form, formsets

    def _category_choices(
        self, data: QueryDict | None, rows: dict[str, list[dict[str, Any]]]
    ) -> list[tuple[str, str]]:
        """The categories a prize may name: those typed on the page (or declared, before anything is
        typed), by the code the service will give them."""
        typed: list[dict[str, Any]] = rows.get("categories", [])
        if data is not None:
            total = str(data.get("categories-TOTAL_FORMS") or "0")
            typed = [
                {key: data.get(f"categories-{index}-{key}") for key in ("code", *NAME_KEYS)}
                for index in range(min(int(total) if total.isdigit() else 0, MAX_PARTS))
            ]
        choices: dict[str, str] = {}
        for row in typed:
            names = [str(row.get(key) or "").strip() for key in NAME_KEYS]
            name = next((text for text in names if text), "")
            code = slugify(str(row.get("code") or "").strip() or name)[:40]
            if code:
                choices[code] = name or code
        return list(choices.items())

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        return all([valid, *(formset.is_valid() for formset in self.formsets.values())])

    def parts(self, kind: str) -> list[Part]:
        """The parts of the filled rows, remembering which row gave each (the service names the index)."""
        found: list[Part] = []
        self._rows[kind] = []
        for index, form in enumerate(self.formsets[kind].forms):
            part = form.part()
            if part is not None:
                found.append(part)
                self._rows[kind].append(index)
        return found

    def changed(self, kind: str) -> bool:
        """Whether the rows of ``kind`` say something else than what the edition declares."""
        return [part_key(part) for part in self.parts(kind)] != [
            part_key(part) for part in self.declared.get(kind, [])
        ]

    def service_input(self) -> dict[str, Any]:
        """Everything, for a new edition; for an edition that exists, only what changed (so that the texts
        of an edition whose call is open change without touching the criteria its countries submitted
        under)."""
        data = self.form.cleaned_data
        texts = {"title": texts_from(data, "title"), "description": texts_from(data, "description")}
        if self.edition is None:
            return {
                "year": data["year"],
                "number": data["number"],
                "original_language": data["original_language"],
                **texts,
                **self.form.rules(),
                **{kind: self.parts(kind) for kind in ROWS},
            }
        rules = {
            name: value for name, value in self.form.rules().items() if getattr(self.edition, name) != value
        }
        return {
            "number": data["number"],
            **texts,
            **rules,
            **{kind: self.parts(kind) for kind in ROWS if self.changed(kind)},
        }

    def add_service_error(self, exc: ServiceError) -> None:
        """The refusal beside what it names: a field of the edition, a row (``criteria.1``), a whole list
        (``criteria``: the weights' sum), or the top of the page."""
        where = exc.field or ""
        kind, _dot, index = where.partition(".")
        if kind in self.formsets:
            formset = self.formsets[kind]
            rows = self._rows.get(kind, [])
            if index.isdigit() and int(index) < len(rows):
                formset.forms[rows[int(index)]].add_error(None, exc.message)
            else:
                formset.non_form_errors().append(exc.message)
            return
        field = where.replace(".", "_")
        if field in self.form.fields:
            self.form.add_error(field, exc.message)
        else:
            self.top_errors.append(exc.message)

    def has_errors(self) -> bool:
        return bool(
            self.top_errors
            or self.form.errors
            or any(formset.total_error_count() for formset in self.formsets.values())
        )

    def lists(self) -> list[dict[str, Any]]:
        """The four lists of rows, for the template."""
        return [
            {
                "kind": kind,
                "label": KIND_LABELS[kind],
                "formset": formset,
                "columns": len(formset.empty_form.visible_fields()),
            }
            for kind, formset in self.formsets.items()
        ]

    def weights_total(self) -> int:
        """The sum of the weights as typed (the service says whether it is 100)."""
        total = 0
        for form in self.formsets["criteria"].forms:
            value = str(form["weight"].value() or "").strip()
            total += int(value) if value.isdigit() else 0
        return total

    def summary(self) -> list[tuple[str, str]]:
        """Every error of the page, each with the anchor of what it concerns, for the summary on top."""
        found: list[tuple[str, str]] = [("", message) for message in self.top_errors]
        for field in self.form:
            found += [(field.auto_id or "", f"{field.label} — {error}") for error in field.errors]
        found += [("", str(error)) for error in self.form.non_field_errors()]
        for kind, formset in self.formsets.items():
            found += [
                (f"list-{kind}", f"{KIND_LABELS[kind]} — {error}") for error in formset.non_form_errors()
            ]
            for index, form in enumerate(formset.forms):
                anchor = f"{kind}-row-{index}"
                errors = list(form.non_field_errors()) + [
                    f"{field.label} — {error}" for field in form for error in field.errors
                ]
                found += [(anchor, f"{KIND_LABELS[kind]}, {index + 1} — {error}") for error in errors]
        return found


class ScreeningForm(forms.Form):
    """The Secretariat's screening of one submission."""

    eligible = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("yes", _("Eligible")), ("no", _("Not eligible"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the submission is not eligible: the country reads it."),
    )


class AssignmentForm(forms.Form):
    """A juror, among the people holding the juror role, for one of the eligible submissions."""

    def __init__(
        self,
        *args: Any,
        jurors: Sequence[tuple[int, str]],
        submissions: Sequence[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submission"] = forms.TypedChoiceField(
            label=_("Submission"), coerce=int, choices=[("", "—"), *submissions]
        )
        self.fields["juror"] = forms.TypedChoiceField(
            label=_("Juror"), coerce=int, choices=[("", "—"), *jurors]
        )


class TieForm(forms.Form):
    """Which of the tied submissions the Secretariat chooses, and why (published with the result)."""

    def __init__(self, *args: Any, tied: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chosen"] = forms.TypedMultipleChoiceField(
            label=_("Chosen"),
            coerce=int,
            choices=list(tied),
            required=False,  # the service says how many to choose
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["reason"] = forms.CharField(
            label=_("Reason"),
            max_length=2000,
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Published beside the result."),
        )
