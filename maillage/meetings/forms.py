"""Forms of the meeting pages. Meeting mode shows one set of forms per situation, so its forms
take their choices ready-made (computed once per page) and a per-situation prefix."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.situations.models import Situation

from .models import AttendanceStatus, Meeting, MeetingKind


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["starts_at", "kind"]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = MeetingKind.SCHEDULED


class ScheduleForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of meetings to schedule"), min_value=1, max_value=12, initial=4
    )


class AddItemForm(forms.Form):
    situation = forms.ModelChoiceField(label=_("Situation"), queryset=Situation.objects.none())

    def __init__(self, *args, queryset, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["situation"])
        field.queryset = queryset
        field.label_from_instance = lambda s: (  # type: ignore[method-assign,assignment]
            f"{s.reference} — {s.get_status_display()}"
        )


class AttendanceForm(forms.Form):
    organization = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Attendance"), choices=AttendanceStatus.choices)


class AgenciesChoiceForm(forms.Form):
    """Lead and assisting agencies among those seated at the table."""

    lead = forms.TypedChoiceField(label=_("Lead agency"), coerce=int)
    assisting = forms.TypedMultipleChoiceField(
        label=_("Assisting agencies"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["lead"]).choices = [("", "—"), *choices]
        cast(forms.ChoiceField, self.fields["assisting"]).choices = choices

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("lead") in cleaned.get("assisting", []):
            self.add_error("assisting", _("The lead agency cannot also be an assisting agency."))
        return cleaned


class NextStepForm(forms.Form):
    title = forms.CharField(label=_("Next step"), max_length=200)
    owner = forms.TypedChoiceField(label=_("Agency responsible"), coerce=int)
    due_on = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["owner"]).choices = choices


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Discussion notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("No identifiers: these notes go into the minutes as written."),
    )


class CloseForm(forms.Form):
    notes = forms.CharField(
        label=_("General notes for the minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("No identifiers: these notes go into the minutes as written."),
    )
