from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.organizations.models import Organization

from .models import (
    Disclosure,
    Identity,
    InformationKind,
    LegalBasis,
    PersonRole,
    ReadReason,
    VaultPerson,
)


class ReasonForm(forms.Form):
    """Asked before every display of the vault; the answer goes to the audit trail."""

    reason = forms.ChoiceField(
        label=_("Why are you opening the vault?"),
        choices=[("", "—"), *ReadReason.choices],
    )
    note = forms.CharField(
        label=_("Details"),
        max_length=200,
        required=False,
        help_text=_("Required for another reason. Name nobody: this goes to the audit trail."),
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == ReadReason.OTHER and not data.get("note", "").strip():
            self.add_error("note", _("Say why you need to open the vault."))
        return data


class PersonForm(forms.Form):
    role = forms.ChoiceField(label=_("Role in the situation"), choices=PersonRole.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    born_on = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("With the name, it lets Maillage notice a repeat within 12 months."),
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    contact = forms.CharField(
        label=_("Contact"),
        max_length=300,
        required=False,
        help_text=_("Telephone, e-mail, or how to reach the person safely."),
    )
    relationship = forms.CharField(
        label=_("Relationship to the person at risk"), max_length=200, required=False
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only what the agencies named need to act."),
    )

    def clean_born_on(self):
        born_on = self.cleaned_data.get("born_on")
        if born_on and born_on > timezone.localdate():
            raise forms.ValidationError(_("A date of birth cannot be in the future."))
        return born_on

    @classmethod
    def for_identity(cls, role: str, identity: Identity, **kwargs) -> "PersonForm":
        initial = {"role": role, **{n: getattr(identity, n) for n in Identity.field_names()}}
        return cls(initial=initial, **kwargs)

    def identity(self) -> Identity:
        data = self.cleaned_data
        return Identity(
            name=data["name"].strip(),
            born_on=data.get("born_on"),
            **{
                n: data.get(n, "").strip()
                for n in Identity.field_names()
                if n not in {"name", "born_on"}
            },
        )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: VaultPerson) -> str:
        return f"{obj.reference} — {obj.get_role_display()}"


class DisclosureForm(forms.ModelForm):
    information = forms.MultipleChoiceField(
        label=_("Information disclosed"),
        choices=InformationKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Disclosure
        fields = [
            "person",
            "disclosed_at",
            "recipient_organization",
            "recipient_name",
            "danger",
            "imminence",
            "information",
            "information_details",
            "legal_basis",
            "consent_obtained",
        ]
        field_classes = {"person": PersonChoiceField}
        widgets = {
            "disclosed_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "danger": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, situation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        person = cast(forms.ModelChoiceField, self.fields["person"])
        person.queryset = VaultPerson.objects.of_situation(situation).select_related(
            "situation__table__situation_settings"
        )
        person.empty_label = None
        recipient = cast(forms.ModelChoiceField, self.fields["recipient_organization"])
        recipient.queryset = Organization.objects.filter(
            table_seats__table=situation.table
        ).order_by("name_fr")
        basis = cast(forms.ModelChoiceField, self.fields["legal_basis"])
        basis.queryset = LegalBasis.objects.for_table(situation.table)
        self.fields["disclosed_at"].initial = timezone.localtime().strftime("%Y-%m-%dT%H:%M")

    def clean_disclosed_at(self):
        value = self.cleaned_data["disclosed_at"]
        if value > timezone.now():
            raise forms.ValidationError(_("A disclosure cannot be recorded in advance."))
        return value


class RepeatDecisionForm(forms.Form):
    """The coordinator's decision on one possible repeat still to review."""

    candidate: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None, widget=forms.HiddenInput
    )
    decision = forms.ChoiceField(
        choices=[("confirm", _("It is a repeat")), ("dismiss", _("Not a repeat"))]
    )

    def __init__(self, *args, candidates, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["candidate"]).queryset = candidates
        self.fields["candidate"].error_messages["invalid_choice"] = _(
            "This possible repeat is no longer awaiting review."
        )
