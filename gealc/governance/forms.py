from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from gealc.core.errors import ServiceError
from gealc.core.forms import DateInput, add_service_error, add_text_fields, texts_from
from gealc.core.i18n import clean_texts, current_language
from gealc.governance.models import Activity, DecisionRule, Election, Meeting, Motion, VoteOption
from gealc.members.models import Country


class VoteForm(forms.Form):
    option = forms.ChoiceField(
        label=_("Your country's vote"), choices=VoteOption.choices, widget=forms.RadioSelect
    )
    confirm = forms.BooleanField(label=_("I confirm this vote; it cannot be changed."), required=True)


class BallotForm(forms.Form):
    """One group of checkboxes per contest, at most as many ticks as the contest has seats."""

    def __init__(self, *args: Any, contests: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.contests = contests
        for contest in contests:
            self.fields[f"contest_{contest['key']}"] = forms.MultipleChoiceField(
                label=contest["label"],
                choices=[(country.iso3, country.name) for country in contest["candidate_countries"]],
                widget=forms.CheckboxSelectMultiple,
                required=False,
                help_text=_("Choose up to %(seats)d.") % {"seats": contest["seats"]},
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for contest in self.contests:
            name = f"contest_{contest['key']}"
            if len(cleaned.get(name, [])) > contest["seats"]:
                self.add_error(name, _("Choose at most %(seats)d.") % {"seats": contest["seats"]})
        return cleaned

    def choices(self) -> dict[str, list[str]]:
        return {
            contest["key"]: list(self.cleaned_data.get(f"contest_{contest['key']}", []))
            for contest in self.contests
        }


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    evidence = forms.URLField(label=_("Evidence (link)"), required=False, assume_scheme="https")


# The Secretariat's forms. They only read input: the services check and write, and their refusals come
# back next to the field they name (``gealc.core.forms.add_service_error``).


def _countries() -> Any:
    return Country.objects.by_name()


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    ordinal = forms.IntegerField(
        label=_("Number"), required=False, min_value=1, max_value=999, help_text=_("e.g. 9 for the IX")
    )
    original_language = forms.ChoiceField(
        label=_("Original language of the title"), choices=settings.LANGUAGES
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_text_fields(self, "title", _("Title"), max_length=200)
        self.fields["start_date"] = forms.DateField(label=_("Start date"), widget=DateInput())
        self.fields["end_date"] = forms.DateField(label=_("End date"), widget=DateInput())
        self.fields["host_country"] = forms.ModelChoiceField(
            label=_("Host country"), queryset=_countries(), to_field_name="iso3"
        )
        add_text_fields(self, "city", _("City"), max_length=100)

    def service_input(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "ordinal": data["ordinal"],
            "original_language": data["original_language"],
            "title": texts_from(data, "title"),
            "start_date": data["start_date"],
            "end_date": data["end_date"],
            "host_country": data["host_country"],
            "city": texts_from(data, "city"),
        }


class AttendanceForm(forms.Form):
    countries = forms.MultipleChoiceField(
        label=_("Countries present"), required=False, widget=forms.CheckboxSelectMultiple
    )
    pasted = forms.CharField(
        label=_("Or paste a list of countries"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line or separated by commas: names in English, Spanish, Portuguese or French, or "
            "ISO codes. They are added to the countries ticked above."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["countries"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [
            (
                country.iso3,
                country.name if country.is_member else f"{country.name} ({country.get_status_display()})",
            )
            for country in _countries()
        ]

    def names(self) -> list[str]:
        pasted = self.cleaned_data.get("pasted") or ""
        lines = [part.strip() for line in pasted.splitlines() for part in line.split(",")]
        return [*self.cleaned_data.get("countries", []), *[line for line in lines if line]]


class AgendaItemForm(forms.Form):
    position = forms.IntegerField(
        label=pgettext_lazy("order in a list", "Position"), min_value=0, max_value=999, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_text_fields(self, "title", _("Item"), max_length=300)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    url = forms.URLField(label=_("Web address"), required=False, assume_scheme="https")
    upload = forms.FileField(
        label=_("Or a file"), required=False, help_text=_("PDF, office documents, images or text.")
    )


class ElectionForm(forms.Form):
    """An election's title in any of the languages (its original language's at least), its ballot and the
    contests it holds."""

    original_language = forms.ChoiceField(
        label=_("Original language of the title"), choices=settings.LANGUAGES
    )
    ballot_type = forms.ChoiceField(
        label=_("Ballot"), choices=Election.BallotType.choices, widget=forms.RadioSelect
    )
    contests = forms.MultipleChoiceField(
        label=_("Contests"), widget=forms.CheckboxSelectMultiple, help_text=_("The offices to elect.")
    )

    def __init__(self, *args: Any, contests: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.defaults = contests
        add_text_fields(self, "title", _("Title"), max_length=200)
        self.order_fields(
            ["original_language", *(f"title_{code}" for code in settings.LANGUAGE_CODES), "ballot_type"]
        )
        field = self.fields["contests"]
        assert isinstance(field, forms.MultipleChoiceField)
        language = current_language()
        field.choices = [
            (spec["key"], f"{spec['label'].get(language) or spec['label']['en']} · "
             + str(ngettext("%(seats)d seat", "%(seats)d seats", spec["seats"]) % {"seats": spec["seats"]}))
            for spec in contests
        ]  # fmt: skip

    def chosen_contests(self) -> list[dict[str, Any]]:
        keys = set(self.cleaned_data["contests"])
        return [spec for spec in self.defaults if spec["key"] in keys]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Said with the other refusals of the form, not only once the rest is right.
        if data.get("original_language"):
            try:
                clean_texts(
                    Election,
                    {"title": texts_from(data, "title")},
                    original_language=data["original_language"],
                    required=["title"],
                )
            except ServiceError as exc:
                add_service_error(self, exc)
        return data

    def service_input(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "original_language": data["original_language"],
            "title": texts_from(data, "title"),
            "ballot_type": data["ballot_type"],
            "contests": self.chosen_contests(),
        }


class CandidacyForm(forms.Form):
    contest = forms.ChoiceField(label=_("Contest"))
    country = forms.ChoiceField(label=_("Country"))

    def __init__(self, *args: Any, contests: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        contest = self.fields["contest"]
        country = self.fields["country"]
        assert isinstance(contest, forms.ChoiceField) and isinstance(country, forms.ChoiceField)
        contest.choices = [(spec["key"], spec["label"]) for spec in contests]
        country.choices = [(c.iso3, c.name) for c in Country.objects.members().by_name()]


class MotionForm(forms.Form):
    rule = forms.ChoiceField(label=_("Decision rule"), choices=DecisionRule.choices)
    original_language = forms.ChoiceField(label=_("Original language"), choices=settings.LANGUAGES)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            # Votes may already be cast under the rule: it does not change.
            del self.fields["rule"]
        add_text_fields(self, "title", _("Title"), max_length=300)
        add_text_fields(self, "text", _("Text"), max_length=None, textarea=True)
        self.order_fields(
            ["rule", "original_language", *[f"title_{c}" for c in settings.LANGUAGE_CODES],
             *[f"text_{c}" for c in settings.LANGUAGE_CODES], "note"]
        )  # fmt: skip


class WorkPlanForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)


class ActivityForm(forms.Form):
    axis = forms.ChoiceField(label=_("Axis"))

    def __init__(self, *args: Any, axes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        axis = self.fields["axis"]
        assert isinstance(axis, forms.ChoiceField)
        axis.choices = [(str(each.pk), each.title) for each in axes]
        self.axes = {str(each.pk): each for each in axes}
        add_text_fields(self, "title", _("Title"), max_length=300)
        self.fields["lead"] = forms.ChoiceField(
            label=_("Lead"), choices=Activity.Lead.choices, widget=forms.RadioSelect
        )
        self.fields["lead_country"] = forms.ModelChoiceField(
            label=_("Lead country"),
            queryset=_countries(),
            to_field_name="iso3",
            required=False,
            help_text=_("When a country leads."),
        )
        self.fields["lead_group"] = forms.CharField(
            label=_("Lead working group"), max_length=200, required=False, help_text=_("When a group leads.")
        )
        self.fields["start_date"] = forms.DateField(label=_("Start"), required=False, widget=DateInput())
        self.fields["end_date"] = forms.DateField(label=_("End"), required=False, widget=DateInput())

    def service_input(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "axis": self.axes[data["axis"]],
            "title": texts_from(data, "title"),
            "lead": data["lead"],
            "lead_country": data["lead_country"],
            "lead_group": data["lead_group"],
            "start_date": data["start_date"],
            "end_date": data["end_date"],
        }


class MotionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} — {obj.meeting.title}"


class ApproveForm(forms.Form):
    motion = MotionChoiceField(
        label=_("Resolution that approves the plan"),
        queryset=Motion.objects.none(),
        help_text=_("A resolution that passed."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["motion"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            Motion.objects.filter(status=Motion.Status.CLOSED, result=Motion.Result.PASS)
            .select_related("meeting")
            .order_by("-meeting__start_date", "-pk")
        )


class NetworkRulesForm(forms.Form):
    quorum_fraction = forms.DecimalField(
        label=_("Quorum"),
        min_value=0,
        max_value=1,
        decimal_places=3,
        help_text=_(
            "Share of the member countries that must be present: more than this (0.5 = more than half)."
        ),
    )
    min_turnout_fraction = forms.DecimalField(
        label=_("Minimum turnout"),
        min_value=0,
        max_value=1,
        decimal_places=3,
        help_text=_(
            "Share of the member countries present that must vote for a vote or an election to have a "
            "result (0 = no minimum, 0.5 = at least half). Below it, closing gives no result."
        ),
    )
    committee_term_months = forms.IntegerField(
        label=_("Term of the Committee (months)"), min_value=1, max_value=120
    )
    min_ballots_published = forms.IntegerField(
        label=_("Fewest ballots published"),
        min_value=1,
        max_value=1000,
        help_text=_(
            "In a secret election with fewer ballots than this, neither the ballots one by one nor the "
            "countries that voted are published, so that no ballot can be traced to its country."
        ),
    )


class CloseForm(forms.Form):
    confirm = forms.BooleanField(label=_("I confirm: close the voting now."), required=True)


class CertifyForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I confirm: certify the results and seat these countries."), required=True
    )
