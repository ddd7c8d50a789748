from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.organizations.models import Organization
from maillage.privacy.guard import GuardedFormMixin

from .instrument import Answer
from .models import (
    AgeGroup,
    ConclusionCategory,
    DecisionMethod,
    Gender,
    ProtectiveFactor,
    RiskFactor,
    Service,
    Situation,
    SituationSettings,
    StudyFlag,
    Task,
    TaskStatus,
)


def posted_version(data) -> int:
    """The version the person started from; a missing or garbled one counts as stale."""
    try:
        return int(data.get("version", 0))
    except (TypeError, ValueError):
        return 0


def offered(model, table, current=()):
    """What the table offers today, plus what this record already uses (retired or hidden)."""
    ids = [item.pk for item in current if item is not None]
    return model.objects.filter(Q(pk__in=model.objects.for_table(table)) | Q(pk__in=ids))


class GroupedFactorsField(forms.ModelMultipleChoiceField):
    """Risk factors shown by category, as "Category – specific factor"."""

    def __init__(self, **kwargs) -> None:
        super().__init__(
            queryset=RiskFactor.objects.none(),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            **kwargs,
        )

    def group(self) -> None:
        groups: dict[str, list] = {}
        assert self.queryset is not None  # set in __init__
        for factor in self.queryset.select_related("category"):
            groups.setdefault(factor.category.name, []).append((factor.pk, factor.name))
        self.widget.choices = list(groups.items())


class SituationForm(GuardedFormMixin, forms.ModelForm):
    guarded_fields = ("description", "why_table")
    risk_factors = GroupedFactorsField(label=_("Risk factors"))

    class Meta:
        model = Situation
        fields = [
            "discussion_type",
            "age_group",
            "gender",
            "risk_factors",
            "protective_factors",
            "study_flags",
            "description",
            "why_table",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "why_table": forms.Textarea(attrs={"rows": 3}),
            "protective_factors": forms.CheckboxSelectMultiple,
            "study_flags": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "description": _(
                "No names, dates of birth, addresses, telephone numbers or other identifiers."
            ),
        }

    def __init__(self, *args, table, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        record = self.instance
        has_pk = record.pk is not None
        for name, model in (
            ("risk_factors", RiskFactor),
            ("protective_factors", ProtectiveFactor),
            ("study_flags", StudyFlag),
        ):
            current = list(getattr(record, name).all()) if has_pk else []
            field = cast(forms.ModelMultipleChoiceField, self.fields[name])
            field.queryset = offered(model, table, current)
        cast(GroupedFactorsField, self.fields["risk_factors"]).group()
        cast(forms.ModelChoiceField, self.fields["age_group"]).queryset = offered(
            AgeGroup, table, [record.age_group]
        )
        cast(forms.ModelChoiceField, self.fields["gender"]).queryset = offered(
            Gender, table, [record.gender]
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        self._check_identifiers(cleaned)
        return cleaned


class DecideForm(GuardedFormMixin, forms.Form):
    guarded_fields = ("recommendation",)
    aer_met = forms.TypedChoiceField(
        label=_("Is the risk acutely elevated?"),
        choices=[("yes", _("Yes: acutely elevated risk is met")), ("no", _("No: rejected"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    method = forms.ChoiceField(
        label=_("Decided by"), choices=DecisionMethod.choices, widget=forms.RadioSelect
    )
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, required=False)
    recommendation = forms.CharField(
        label=_("Recommendation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example, a referral to one agency. No identifiers."),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("method") == DecisionMethod.VOTE:
            for name in ("votes_for", "votes_against"):
                if cleaned.get(name) is None:
                    self.add_error(name, _("Give the number of votes."))
        self._check_identifiers(cleaned)
        return cleaned


class AgenciesForm(forms.Form):
    lead = forms.ModelChoiceField(label=_("Lead agency"), queryset=Organization.objects.none())
    assisting = forms.ModelMultipleChoiceField(
        label=_("Assisting agencies"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, table, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        seated = Organization.objects.filter(table_seats__table=table).order_by("name_fr")
        cast(forms.ModelChoiceField, self.fields["lead"]).queryset = seated
        cast(forms.ModelMultipleChoiceField, self.fields["assisting"]).queryset = seated

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        lead = cleaned.get("lead")
        if lead is not None and lead in cleaned.get("assisting", []):
            self.add_error("assisting", _("The lead agency cannot also be an assisting agency."))
        return cleaned


class FirstContactForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Date and time of first contact"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class ConcludeForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Conclusion"), queryset=ConclusionCategory.objects.none()
    )
    services = forms.ModelMultipleChoiceField(
        label=_("Services mobilised"),
        queryset=Service.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, table, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        categories = ConclusionCategory.objects.for_table(table)
        cast(forms.ModelChoiceField, self.fields["category"]).queryset = categories
        services = Service.objects.for_table(table)
        cast(forms.ModelMultipleChoiceField, self.fields["services"]).queryset = services


class TaskForm(GuardedFormMixin, forms.ModelForm):
    # A task's title is shown to every agency named and kept with the plan: no identifiers.
    guarded_fields = ("title",)

    class Meta:
        model = Task
        fields = ["title", "owner_organization", "due_on"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, situation: Situation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        involved = Organization.objects.filter(pk__in=situation.involved_organization_ids())
        cast(forms.ModelChoiceField, self.fields["owner_organization"]).queryset = involved

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._check_identifiers(cleaned)
        return cleaned


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)


class SituationSettingsForm(forms.ModelForm):
    class Meta:
        model = SituationSettings
        fields = ["prefix", "mobilization_hours", "reopen_days"]


class ReferenceItemForm(forms.Form):
    LABELS = {"name_fr": _("Name (French)"), "name_en": _("Name (English)")}

    def __init__(self, *args, model, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The list's own fields, so each keeps its length (legal bases allow longer names).
        for name, label in self.LABELS.items():
            self.fields[name] = model._meta.get_field(name).formfield(label=label)


class AssessmentForm(forms.Form):
    """One radio group per question of the instrument, then the two alternative grounds."""

    professional_judgement = forms.BooleanField(
        label=_("High risk by professional judgement"), required=False
    )
    escalation = forms.BooleanField(label=_("High risk by escalation"), required=False)

    def __init__(self, *args, instrument, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(instrument.questions.all())
        grounds = {name: self.fields.pop(name) for name in ("professional_judgement", "escalation")}
        for question in self.questions:
            self.fields[f"q{question.pk}"] = forms.ChoiceField(
                label=f"{question.position}. {question.text}",
                choices=Answer.choices,
                widget=forms.RadioSelect,
                initial=Answer.UNKNOWN,
            )
        self.fields.update(grounds)

    def answers(self) -> dict[str, str]:
        return {str(q.pk): self.cleaned_data[f"q{q.pk}"] for q in self.questions}
