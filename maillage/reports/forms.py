"""The dashboard's filters, and the coordinator's narrative."""

from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.organizations.models import Territory
from maillage.situations.models import DiscussionType
from maillage.tables.models import Table

from .access import report_tables_for_user
from .models import Narrative
from .scope import Scope, descendants

PERIOD_CHOICES = [
    ("week", _("Week")),
    ("month", _("Month")),
    ("quarter", _("Quarter")),
    ("year", _("Year")),
]
DEFAULT_PERIOD = "month"
LONGEST = timedelta(days=366 * 10)


def default_start() -> date:
    today = timezone.localdate()
    return date(today.year - 1, today.month, 1)


class FilterForm(forms.Form):
    table = forms.ModelChoiceField(
        Table.objects.none(),
        label=_("Table"),
        required=False,
        help_text=_(
            "Your tables, and the tables that publish their figures to every signed-in person."
        ),
    )
    territory = forms.ModelChoiceField(
        Territory.objects.all(),
        label=_("Territory"),
        required=False,
        help_text=_("Includes the areas inside it."),
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput({"type": "date"})
    )
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput({"type": "date"}))
    discussion_type = forms.ChoiceField(
        label=_("Discussion type"),
        choices=[("", _("All types")), *DiscussionType.choices],
        required=False,
    )
    period = forms.ChoiceField(label=_("Per"), choices=PERIOD_CHOICES, required=False)

    def __init__(self, data, *, user):
        super().__init__(data)
        self.user = user
        visible = report_tables_for_user(user, Table.objects.filter(is_active=True))
        self.fields["table"].queryset = visible.order_by("name_fr")
        self.fields["table"].empty_label = _("All my tables")
        self.fields["territory"].empty_label = _("All territories")

    def clean(self):
        data = super().clean()
        data["start"] = data.get("start") or default_start()
        data["end"] = data.get("end") or timezone.localdate()
        data["period"] = data.get("period") or DEFAULT_PERIOD
        if data["end"] < data["start"]:
            raise ValidationError(_("The end date is before the start date."), code="order")
        if data["end"] - data["start"] > LONGEST:
            raise ValidationError(_("Choose a period of ten years or less."), code="too_long")
        return data


def scope_from(form: FilterForm) -> Scope:
    data = form.cleaned_data
    table, territory = data.get("table"), data.get("territory")
    field = form.fields["table"]
    assert isinstance(field, forms.ModelChoiceField) and field.queryset is not None
    tables = field.queryset
    if table is not None:
        tables = tables.filter(pk=table.pk)
    if territory is not None:
        tables = tables.filter(territory_id__in=descendants(territory))
    return Scope(
        table_ids=tuple(tables.values_list("pk", flat=True)),
        table=table,
        territory=territory,
        start=data["start"],
        end=data["end"],
        discussion_type=data.get("discussion_type") or "",
        period=data["period"],
    )


class NarrativeForm(forms.ModelForm):
    class Meta:
        model = Narrative
        fields = ["text"]
        widgets = {"text": forms.Textarea({"rows": 10})}
        help_texts = {
            "text": _(
                "What changed over the period and why, for decision makers. Never describe a "
                "person or a situation: the report is public."
            )
        }

    def clean_text(self) -> str:
        from maillage.privacy.pii import detect  # loads the language model: only when saving

        text = self.cleaned_data["text"]
        found = detect(text) if text.strip() else []
        if found:
            kinds = ", ".join(sorted({span.label for span in found}))
            raise ValidationError(
                _("Remove what could identify someone before saving (found: %(kinds)s).")
                % {"kinds": kinds},
                code="pii",
            )
        return text
