"""Every form renders through django-bootstrap5 and core.forms."""

import re

from django import forms
from django.template import Context, Template

from gealc.core.forms import FieldRenderer, FormRenderer


class Survey(forms.Form):
    name = forms.CharField(label="Name")
    areas = forms.MultipleChoiceField(
        label="Areas",
        choices=[("a", "Open data"), ("b", "Interoperability"), ("c", "Cybersecurity")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick every one that applies.",
    )
    agree = forms.BooleanField(label="I agree", required=False)


def render(template: str, **context) -> str:
    return Template("{% load django_bootstrap5 %}" + template).render(Context(context))


def test_the_settings_name_our_renderers_and_no_cdn():
    from django_bootstrap5.core import get_field_renderer, get_form_renderer

    assert get_form_renderer() is FormRenderer
    assert get_field_renderer() is FieldRenderer
    assets = render("{% bootstrap_css %}{% bootstrap_javascript %}")
    assert 'href="/static/bootstrap/css/bootstrap.min.css"' in assets
    assert 'src="/static/bootstrap/js/bootstrap.bundle.min.js"' in assets
    assert "cdn" not in assets


def test_a_checkbox_list_is_a_fieldset_with_one_form_check_per_option():
    html = render("{% bootstrap_form form %}", form=Survey())

    group = html[html.index("<fieldset") : html.index("</fieldset>")]
    assert '<legend class="form-label fs-6">Areas</legend>' in group
    assert 'aria-describedby="id_areas_helptext"' in group
    assert group.count('<div class="form-check">') == 3
    boxes = re.findall(r'<input class="([^"]*)"\s+type="checkbox"\s+name="areas"', group)
    assert boxes == ["form-check-input"] * 3
    # The class of one checkbox is never put on the list's container.
    assert '<div id="id_areas">' in group
    assert 'for="id_areas_1">Interoperability</label>' in group
    assert "placeholder" not in html


def test_a_refused_form_keeps_what_was_typed_and_says_what_is_wrong_next_to_each_field():
    form = Survey(data={"name": "Ana", "agree": "on"})
    assert not form.is_valid()

    html = render("{% bootstrap_form form %}", form=form)

    summary = html[html.index('<div class="alert alert-danger"') : html.index("</ul>")]
    assert '<a class="alert-link" href="#id_areas">Areas — This field is required.</a>' in summary
    group = html[html.index("<fieldset") : html.index("</fieldset>")]
    assert 'aria-describedby="id_areas_helptext id_areas_error"' in group
    assert '<div id="id_areas_error"' in group and "This field is required." in group
    assert 'value="Ana"' in html
    assert re.search(r'<input type="checkbox" name="agree" class="form-check-input" [^>]*checked', html)
    # The fields that were right are not marked green.
    assert "is-valid" not in html


class StyledByHand(forms.Form):
    """A form whose author gave its option groups the class of a single control."""

    areas = forms.MultipleChoiceField(
        label="Areas",
        choices=[("a", "Open data"), ("b", "Interoperability")],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input columns"}),
    )
    vote = forms.ChoiceField(
        label="Vote",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect(attrs={"class": "form-control"}),
    )


def test_the_class_of_a_single_control_never_lands_on_the_container_of_a_list_of_options():
    html = render("{% bootstrap_form form %}", form=StyledByHand(data={}))

    assert '<div id="id_areas" class="columns is-invalid">' in html
    assert '<div id="id_vote" class="is-invalid">' in html
    assert html.count('<fieldset class="mb-3"') == 2
    assert '<legend class="form-label fs-6">Vote</legend>' in html
    boxes = re.findall(r'<input class="([^"]*)"\s+type="(?:checkbox|radio)"', html)
    assert len(boxes) == 4 and all(box.split()[0] == "form-check-input" for box in boxes)
    assert 'for="id_vote_1">No</label>' in html
