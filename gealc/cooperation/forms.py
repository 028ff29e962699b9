"""The fund's forms. They only read input: the services check and write. Templates render them with
``{% bootstrap_form %}`` (see core.forms)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gealc.cooperation.matching import Proposal
from gealc.cooperation.models import Expert, ExpertiseArea, Modality
from gealc.core.forms import DateInput, add_text_fields, texts_from
from gealc.core.languages import language_name
from gealc.members.models import Country, Institution

# Languages offered in the forms: the network's own and Dutch (official in Suriname). The API takes any
# ISO 639-1 code.
SPOKEN = ("es", "en", "pt", "fr", "nl")
MAX_MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": 0}


def _spoken_choices() -> list[tuple[str, str]]:
    return [(code, language_name(code)) for code in SPOKEN]


class CallForm(forms.Form):
    """A call's title in any of the languages (its original language's at least), its period and rules."""

    original_language = forms.ChoiceField(
        label=_("Original language of the title"), choices=settings.LANGUAGES, initial="en"
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput())
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput())
    currency = forms.CharField(
        label=_("Currency"), max_length=3, initial="USD", help_text=_("ISO 4217 code, e.g. USD.")
    )
    budget = forms.DecimalField(label=_("Budget"), **MAX_MONEY)  # type: ignore[arg-type]
    max_days_per_mission = forms.IntegerField(label=_("Maximum days per mission"), min_value=1, max_value=366)
    max_cost_per_mission = forms.DecimalField(label=_("Maximum cost per mission"), **MAX_MONEY)  # type: ignore[arg-type]
    default_per_diem = forms.DecimalField(
        label=_("Default per diem"),
        help_text=_("Daily rate for a destination without a rate of its own."),
        **MAX_MONEY,  # type: ignore[arg-type]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_text_fields(self, "title", _("Title"), max_length=200)
        self.order_fields(["original_language", *(f"title_{code}" for code in settings.LANGUAGE_CODES)])

    def service_input(self) -> dict[str, Any]:
        data = {name: value for name, value in self.cleaned_data.items() if not name.startswith("title_")}
        return {**data, "title": texts_from(self.cleaned_data, "title")}


class PerDiemRateForm(forms.Form):
    """One destination's daily rate; a row left empty is no rate."""

    country = forms.ModelChoiceField(
        queryset=Country.objects.none(), label=_("Destination"), required=False, to_field_name="iso3"
    )
    amount = forms.DecimalField(label=_("Daily rate"), required=False, **MAX_MONEY)  # type: ignore[arg-type]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.by_name()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        country, amount = data.get("country"), data.get("amount")
        if country is not None and amount is None:
            self.add_error("amount", _("Give the daily rate for this destination, or leave the row empty."))
        if country is None and amount is not None:
            self.add_error("country", _("Choose the destination of this rate."))
        return data


class BasePerDiemRateFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        seen: set[str] = set()
        for form in self.forms:
            country = form.cleaned_data.get("country") if hasattr(form, "cleaned_data") else None
            if country is None:
                continue
            if country.iso3 in seen:
                form.add_error("country", _("This destination has a rate in another row already."))
            seen.add(country.iso3)

    def rates(self) -> dict[str, Any]:
        """The rates by destination's alpha-3 code, rows left empty skipped."""
        return {
            form.cleaned_data["country"].iso3: form.cleaned_data["amount"]
            for form in self.forms
            if form.cleaned_data.get("country") is not None
        }


PerDiemRateFormSet = forms.formset_factory(
    PerDiemRateForm, formset=BasePerDiemRateFormSet, extra=3, max_num=300, validate_max=True
)


class RequestForm(forms.Form):
    country = forms.ModelChoiceField(queryset=Country.objects.none(), label=_("Requesting country"))
    title = forms.CharField(label=_("Title"), max_length=200)
    problem = forms.CharField(label=_("Problem and objectives"), widget=forms.Textarea(attrs={"rows": 5}))
    outputs = forms.CharField(label=_("Expected outputs"), widget=forms.Textarea(attrs={"rows": 3}))
    language = forms.ChoiceField(label=_("Language of these texts"), choices=settings.LANGUAGES)
    areas = forms.ModelMultipleChoiceField(
        queryset=ExpertiseArea.objects.all(), label=_("Expertise areas"), widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
    )  # fmt: skip
    languages = forms.MultipleChoiceField(
        label=_("Preferred languages"),
        choices=_spoken_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    modality = forms.ChoiceField(label=_("Modality"), choices=Modality.choices)
    window_start = forms.DateField(label=_("Earliest start"), widget=DateInput())
    window_end = forms.DateField(label=_("Latest end"), widget=DateInput())
    host_institution = forms.ModelChoiceField(
        queryset=Institution.objects.none(), label=_("Host institution"), required=False
    )

    def __init__(self, *args: Any, countries: list[Country], editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["country"]  # a draft stays its country's
        ids = [country.pk for country in countries]
        if not editing:
            self.fields["country"].queryset = Country.objects.filter(pk__in=ids).by_name()  # type: ignore[attr-defined]
        self.fields["host_institution"].queryset = Institution.objects.filter(  # type: ignore[attr-defined]
            country__in=ids
        ).order_by("name")
        if len(countries) == 1 and not editing:
            self.fields["country"].initial = countries[0].pk


def _reason(label: Any, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        max_length=5000,
        required=required,
    )


class _ReasonForm(forms.Form):
    """The reason given with a step: a label that is a heading of its own, without a colon."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class RejectForm(_ReasonForm):
    reason = _reason(_("Reason for rejection"))


class ExpertDeclineForm(_ReasonForm):
    reason = _reason(_("Reason for declining (the offering country reads it)"))


class WithdrawForm(_ReasonForm):
    reason = _reason(_("Reason for withdrawing (optional)"), required=False)


class CancelForm(_ReasonForm):
    reason = _reason(_("Reason for cancelling"))


class MatchForm(forms.Form):
    experts = forms.MultipleChoiceField(label=_("Experts to match"), widget=forms.CheckboxSelectMultiple)
    override_reason = forms.CharField(
        label=_("Reason, when the pick is not the best-ranked"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args: Any, proposals: list[Proposal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["experts"].choices = [  # type: ignore[attr-defined]
            (
                str(proposal.expert.pk),
                f"{proposal.rank}. {proposal.expert.person.name} ({proposal.expert.country.name})",
            )
            for proposal in proposals
        ]


class MissionForm(forms.Form):
    expert = forms.ModelChoiceField(queryset=Expert.objects.none(), label=_("Expert"))
    start_date = forms.DateField(label=pgettext_lazy("first day", "Start"), widget=DateInput())
    end_date = forms.DateField(label=pgettext_lazy("last day", "End"), widget=DateInput())
    modality = forms.ChoiceField(label=_("Modality"), choices=Modality.choices)
    destination = forms.ModelChoiceField(queryset=Country.objects.all(), label=_("Destination"))
    days = forms.IntegerField(
        label=_("Days of per diem"),
        min_value=0,
        max_value=366,
        required=False,
        help_text=_("Leave empty for the whole mission on site, none for remote work."),
    )
    travel_cost = forms.DecimalField(label=_("Travel"), initial=0, **MAX_MONEY)  # type: ignore[arg-type]
    other_cost = forms.DecimalField(label=_("Other costs"), initial=0, **MAX_MONEY)  # type: ignore[arg-type]
    other_description = forms.CharField(label=_("Other costs are for"), max_length=300, required=False)

    def __init__(self, *args: Any, experts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = experts  # type: ignore[attr-defined]
        self.fields["destination"].queryset = Country.objects.by_name()  # type: ignore[attr-defined]


# The close step's form is shown under its button by core/_actions.html, field by field: its widgets
# carry Bootstrap's class themselves, as the reasons above do.
_AMOUNT = forms.NumberInput(attrs={"class": "form-control"})


class CloseForm(forms.Form):
    actual_travel_cost = forms.DecimalField(label=_("Actual travel"), widget=_AMOUNT, **MAX_MONEY)  # type: ignore[arg-type]
    actual_days = forms.IntegerField(
        label=_("Actual days of per diem"), min_value=0, max_value=366, widget=_AMOUNT
    )
    actual_other_cost = forms.DecimalField(
        label=_("Actual other costs"),
        initial=0,
        widget=_AMOUNT,
        **MAX_MONEY,  # type: ignore[arg-type]
    )


class ExpertReportForm(forms.Form):
    outputs = forms.CharField(label=_("Outputs of the mission"), widget=forms.Textarea(attrs={"rows": 4}))
    recommendations = forms.CharField(label=_("Recommendations"), widget=forms.Textarea(attrs={"rows": 4}))
    language = forms.ChoiceField(label=_("Language of the report"), choices=settings.LANGUAGES)


class HostReportForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating of the mission"),
        coerce=int,
        choices=[(value, str(value)) for value in range(5, 0, -1)],
        help_text=_("5 is the best."),
    )
    results = forms.CharField(label=_("Results for your country"), widget=forms.Textarea(attrs={"rows": 4}))
    language = forms.ChoiceField(label=_("Language of the report"), choices=settings.LANGUAGES)


class ExpertOfferForm(forms.Form):
    country = forms.ModelChoiceField(queryset=Country.objects.none(), label=_("Offering country"))
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail (never published)"))
    institution = forms.ModelChoiceField(
        queryset=Institution.objects.none(), label=_("Institution"), required=False
    )
    areas = forms.ModelMultipleChoiceField(
        queryset=ExpertiseArea.objects.all(), label=_("Expertise areas"), widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
    )  # fmt: skip
    languages = forms.MultipleChoiceField(
        label=_("Working languages"), choices=_spoken_choices, widget=forms.CheckboxSelectMultiple
    )
    bio = forms.CharField(
        label=_("Short bio"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )
    language = forms.ChoiceField(label=_("Language of the bio"), choices=settings.LANGUAGES)
    available_from = forms.DateField(label=_("Available from"), widget=DateInput(), required=False)
    available_until = forms.DateField(label=_("Available until"), widget=DateInput(), required=False)
    consent_public = forms.BooleanField(
        label=_("The expert agrees to appear in the public roster (without contact details)"), required=False
    )

    def __init__(self, *args: Any, countries: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries  # type: ignore[attr-defined]
        self.fields["institution"].queryset = Institution.objects.filter(  # type: ignore[attr-defined]
            country__in=countries
        ).order_by("name")
        # A delegate of one country offers for it: chosen already, as on the request form.
        only = list(countries[:2])
        if len(only) == 1:
            self.fields["country"].initial = only[0].pk
