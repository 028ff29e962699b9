from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from gealc.core.forms import DateInput
from gealc.members.models import Country, Institution, Role


class TokenForm(forms.Form):
    name = forms.CharField(label=_("What the token is for"), max_length=100, required=False)
    days = forms.IntegerField(
        label=_("Expires after (days)"), min_value=1, max_value=3650, required=False, initial=90
    )


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account will be closed and my name, e-mail and phone removed."),
        required=True,
    )


def _countries() -> Any:
    return Country.objects.by_name()


class InviteForm(forms.Form):
    """Who to invite. The service checks the address is new and sends the invitation."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    name = forms.CharField(label=_("Full name"), max_length=200)
    country = forms.ModelChoiceField(
        queryset=Country.objects.none(), label=_("Country"), required=False, to_field_name="iso3"
    )
    institution = forms.ModelChoiceField(
        queryset=Institution.objects.none(),
        label=_("Institution"),
        required=False,
        help_text=_("The institution the person works for, if it is in the registry."),
    )
    language = forms.ChoiceField(
        label=_("Language of their e-mails"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("The invitation and the platform's messages are written in it; they can change it."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = get_language()
        self.fields["country"].queryset = _countries()  # type: ignore[attr-defined]
        self.fields["country"].empty_label = _("None (an international organisation)")  # type: ignore[attr-defined]
        self.fields["institution"].empty_label = _("Not in the registry")  # type: ignore[attr-defined]
        self.fields["institution"].queryset = Institution.objects.select_related("country").order_by(  # type: ignore[attr-defined]
            "name", "pk"
        )


class GrantForm(forms.Form):
    # No role is chosen for the officer: granting Secretariat powers by leaving the default is impossible.
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("Choose a role")), *Role.choices])
    country = forms.ModelChoiceField(
        queryset=Country.objects.none(),
        label=_("For the country"),
        required=False,
        to_field_name="iso3",
        help_text=_("Every role but Secretariat officer is held for a country."),
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=DateInput(), help_text=_("Today when left empty.")
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=DateInput(), help_text=_("Open-ended when left empty.")
    )
    label = forms.CharField(
        label=pgettext_lazy("job title", "Position"),
        max_length=200,
        required=False,
        help_text=_("e.g. Director of AGESIC"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = _countries()  # type: ignore[attr-defined]
        self.fields["country"].empty_label = _("None (Secretariat officer)")  # type: ignore[attr-defined]


class RevokeForm(forms.Form):
    """The end of one of a person's roles: which role (from its row), and the first day without it."""

    role = forms.ChoiceField(choices=Role.choices, widget=forms.HiddenInput)
    country = forms.ModelChoiceField(
        queryset=Country.objects.all(), to_field_name="iso3", required=False, widget=forms.HiddenInput
    )
    ends_on = forms.DateField(
        label=_("Ends on"),
        required=False,
        widget=DateInput(),
        help_text=_("The first day without the role: today ends it at once. Today when left empty."),
    )


class PeopleFilterForm(forms.Form):
    country = forms.ModelChoiceField(
        queryset=Country.objects.none(), label=_("Country"), required=False, to_field_name="iso3"
    )
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("Every role")), *Role.choices], required=False)

    def __init__(self, *args: Any, countries: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries if countries is not None else _countries()  # type: ignore[attr-defined]
        self.fields["country"].empty_label = _("Every country")  # type: ignore[attr-defined]
