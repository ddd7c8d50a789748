from typing import cast

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.organizations.models import Organization

from .models import (
    Activity,
    Axis,
    Intensity,
    Outcome,
    RequestStatus,
    Satisfaction,
    SupportKind,
    SupportRequest,
)


def team_organisers(team):
    return get_user_model().objects.filter(organizing_seats__team=team, is_active=True)


def organizations_served(team):
    """Active organisations of the team's territories (all active ones if it names none)."""
    found = Organization.objects.filter(is_active=True)
    territories = list(team.territories.values_list("pk", flat=True))
    if territories:
        found = found.filter(
            Q(territories__in=territories) | Q(territories__parent__in=territories)
        ).distinct()
    return found.order_by("name_fr")


class RequestForm(forms.ModelForm):
    """What an organisation tells the team. Nothing about a person beyond who to contact."""

    # A field people never see: a form that fills it is a robot's.
    website = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
    )

    class Meta:
        model = SupportRequest
        fields = [
            "organization",
            "kind",
            "need",
            "contact_name",
            "contact_email",
            "contact_phone",
            "language",
        ]
        widgets = {"need": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "need": _(
                "Describe what your organisation needs, in your own words. Do not name the "
                "people you serve."
            ),
        }

    def __init__(self, *args, team, organizations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organization"]).queryset = (
            organizations if organizations is not None else organizations_served(team)
        )
        self.fields["organization"].error_messages["required"] = _(
            "Choose the organisation that asks for support."
        )
        cast(forms.ModelChoiceField, self.fields["kind"]).queryset = SupportKind.objects.active()
        cast(forms.ChoiceField, self.fields["language"]).choices = settings.LANGUAGES
        self.fields["website"].label = _("Leave this field empty")

    @property
    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class TriageForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (RequestStatus.ACCEPTED, _("Accept")),
            (RequestStatus.REDIRECTED, _("Redirect elsewhere")),
            (RequestStatus.DECLINED, _("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    redirected_to = forms.CharField(label=_("Redirected to"), required=False, max_length=200)
    organiser: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Organiser"), queryset=None, required=False
    )
    axis = forms.ChoiceField(label=_("Axis"), choices=[("", "—"), *Axis.choices], required=False)
    intensity = forms.ModelChoiceField(
        label=_("Intensity"), queryset=Intensity.objects.active(), required=False
    )

    def __init__(self, *args, team, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organiser"]).queryset = team_organisers(team)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == RequestStatus.ACCEPTED:
            for name, message in (
                ("organiser", _("Choose the organiser who accompanies the organisation.")),
                ("axis", _("Choose the axis of the work.")),
                ("intensity", _("Choose the expected intensity.")),
            ):
                if not cleaned.get(name):
                    self.add_error(name, message)
        return cleaned


class AssignForm(forms.Form):
    organiser: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Organiser"), queryset=None)
    axis = forms.ChoiceField(label=_("Axis"), choices=Axis.choices)
    intensity = forms.ModelChoiceField(label=_("Intensity"), queryset=Intensity.objects.active())

    def __init__(self, *args, team, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organiser"]).queryset = team_organisers(team)


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["on", "kind", "minutes", "participants", "notes"]
        widgets = {
            "on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"notes": _("About the work with the organisation; never name a person.")}

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("An activity is logged once it took place."))
        return on


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Were the objectives met?"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    what_changed = forms.CharField(
        label=_("What changed for the organisation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )


class SatisfactionForm(forms.ModelForm):
    SCALE = [(n, str(n)) for n in range(1, 6)]

    class Meta:
        model = Satisfaction
        fields = ["usefulness", "listening", "autonomy", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("usefulness", "listening", "autonomy"):
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label,
                choices=self.SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=_("1: not at all — 5: completely"),
            )


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("", _("Open requests")), *RequestStatus.choices], required=False, label=_("Show")
    )
