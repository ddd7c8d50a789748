"""Forms of the meeting pages. Meeting mode shows the forms of one item at a time, so its forms
take their choices ready-made (computed once per page) and a per-item prefix."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.privacy.guard import GuardedFormMixin
from maillage.situations.models import Situation

from .agenda import MAX_MINUTES
from .models import ActionStatus, AttendanceStatus, Meeting, MeetingKind, validate_links


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


class NextStepForm(GuardedFormMixin, forms.Form):
    # Shown to every follower at once and kept in the plan: checked before it is saved.
    guarded_fields = ("title",)
    title = forms.CharField(label=_("Next step"), max_length=200)
    owner = forms.TypedChoiceField(label=_("Agency responsible"), coerce=int)
    due_on = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["owner"]).choices = choices

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._check_identifiers(cleaned)
        return cleaned


class NotesForm(GuardedFormMixin, forms.Form):
    # Pushed to every follower's screen when saved: checked first, like a description.
    guarded_fields = ("notes",)
    notes = forms.CharField(
        label=_("Discussion notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("No identifiers: these notes go into the minutes as written."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._check_identifiers(cleaned)
        return cleaned


class CloseForm(GuardedFormMixin, forms.Form):
    # The general notes go into the minutes as written: checked before the meeting closes.
    guarded_fields = ("notes",)
    notes = forms.CharField(
        label=_("General notes for the minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("No identifiers: these notes go into the minutes as written."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._check_identifiers(cleaned)
        return cleaned


class LinksField(forms.CharField):
    """Links to documents, one per line: a list of web addresses."""

    widget = forms.Textarea(attrs={"rows": 2})

    def to_python(self, value) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value) -> None:
        super().validate(value)
        validate_links(value)

    def prepare_value(self, value) -> str:
        return "\n".join(value) if isinstance(value, list) else (value or "")


class TopicForm(forms.Form):
    """A topic for the agenda; the presenter is one of the organisations seated at the table."""

    title = forms.CharField(label=_("Topic"), max_length=200)
    presenter = forms.TypedChoiceField(
        label=_("Presented by"), coerce=int, required=False, empty_value=None
    )
    documents = LinksField(
        label=_("Documents"),
        required=False,
        help_text=_("Links to the documents, one per line (https://…)."),
    )
    minutes_allotted = forms.IntegerField(
        label=_("Minutes allotted"), min_value=1, max_value=MAX_MINUTES, required=False
    )

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["presenter"]).choices = [("", "—"), *choices]


class SummaryForm(GuardedFormMixin, forms.Form):
    guarded_fields = ("summary",)
    summary = forms.CharField(
        label=_("Decision or summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("No identifiers: this text goes into the minutes as written."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._check_identifiers(cleaned)
        return cleaned


class ActionItemForm(GuardedFormMixin, forms.Form):
    guarded_fields = ("what",)
    what = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.TypedChoiceField(label=_("Organisation responsible"), coerce=int)
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["owner"]).choices = [("", "—"), *choices]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._check_identifiers(cleaned)
        return cleaned


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
