"""The working groups' forms. They only read input: the services check and write, and their refusals
come back next to the field they name (``gealc.core.forms.add_service_error``)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gealc.core.forms import DateInput, add_text_fields, texts_from
from gealc.groups.models import DeliverableKind, DeliverableStatus, GroupRole
from gealc.members.models import Country, Person


class CountryChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A person by name and country: never their contact data."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} — {obj.country.name}" if obj.country else str(obj.name)


def _countries() -> Any:
    return Country.objects.by_name()


class GroupForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_text_fields(self, "name", _("Name"), max_length=200)
        self.fields["name_en"].help_text = _("Required: the other languages are its translations.")
        add_text_fields(self, "mandate", _("Mandate"), max_length=5000, textarea=True)
        self.fields["lead_country"] = CountryChoiceField(
            label=_("Lead country"),
            queryset=_countries(),
            to_field_name="iso3",
            required=False,
            help_text=_("The country that coordinates the group, when there is one."),
        )
        self.fields["start_date"] = forms.DateField(label=_("Start date"), required=False, widget=DateInput())
        self.fields["end_date"] = forms.DateField(
            label=_("End date"),
            required=False,
            widget=DateInput(),
            help_text=_("Empty while the group works."),
        )
        self.fields["source"] = forms.CharField(
            label=_("Source"),
            max_length=300,
            required=False,
            help_text=_("Where the group comes from: the resolution or document that created it."),
        )

    def service_input(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": texts_from(data, "name"),
            "mandate": texts_from(data, "mandate"),
            "lead_country": data.get("lead_country"),
            "start_date": data.get("start_date"),
            "end_date": data.get("end_date"),
            "source": data.get("source") or "",
        }


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Find a person by name"), max_length=200, required=False)


class MembershipForm(forms.Form):
    """A person joins the group: chosen among those found by name (``people``), with a role among
    ``roles``, the country they act for and the first day."""

    q = forms.CharField(widget=forms.HiddenInput, required=False)
    person = PersonChoiceField(
        label=_("Person"), queryset=Person.objects.none(), widget=forms.RadioSelect, empty_label=None
    )
    role = forms.ChoiceField(
        label=_("Role in the group"), choices=GroupRole.choices, widget=forms.RadioSelect
    )
    country = CountryChoiceField(
        label=_("On behalf of"),
        queryset=Country.objects.none(),
        to_field_name="iso3",
        required=False,
        help_text=_("The country the person takes part for; empty for none (an organisation, say)."),
    )
    start_date = forms.DateField(label=_("First day"), required=False, widget=DateInput())

    def __init__(self, *args: Any, people: list[int], roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Any]", self.fields["person"]).queryset = (
            Person.objects.filter(pk__in=people, erased_at__isnull=True)
            .select_related("country")
            .order_by("name", "pk")
        )
        role = cast(forms.ChoiceField, self.fields["role"])
        role.choices = [(code, label) for code, label in GroupRole.choices if code in roles]
        self.fields["role"].initial = GroupRole.MEMBER if GroupRole.MEMBER in roles else roles[0]
        cast("forms.ModelChoiceField[Any]", self.fields["country"]).queryset = _countries()
        self.fields["start_date"].initial = timezone.localdate()
        self.fields["start_date"].help_text = _("Today when empty.")


class MembershipEndForm(forms.Form):
    end_date = forms.DateField(
        label=_("Last day in the group"),
        widget=DateInput(),
        help_text=_("Today, or the day it ended or will end."),
    )


class DeliverableForm(forms.Form):
    original_language = forms.ChoiceField(
        label=_("Original language of the title"), choices=settings.LANGUAGES
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_text_fields(self, "title", _("Title"), max_length=300)
        add_text_fields(self, "summary", _("Summary"), max_length=5000, textarea=True)
        self.fields["kind"] = forms.ChoiceField(label=_("Kind"), choices=DeliverableKind.choices)
        self.fields["status"] = forms.ChoiceField(label=_("Status"), choices=DeliverableStatus.choices)
        self.fields["date"] = forms.DateField(
            label=_("Due or delivered on"),
            required=False,
            widget=DateInput(),
            help_text=_("When it is due, or the day it was delivered; empty when not known."),
        )
        self.fields["url"] = forms.URLField(
            label=_("Link to the document"), max_length=500, required=False, assume_scheme="https"
        )

    def service_input(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "original_language": data["original_language"],
            "title": texts_from(data, "title"),
            "summary": texts_from(data, "summary"),
            "kind": data["kind"],
            "status": data["status"],
            "date": data.get("date"),
            "url": data.get("url") or "",
        }
