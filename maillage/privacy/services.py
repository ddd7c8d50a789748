"""Privacy workflows: the retention schedule, purgers we own, and the incident register."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest

from maillage.accounts.audit import USER_ANONYMISE
from maillage.core.audit import log_action
from maillage.core.models import AuditEntry

from .audit import INCIDENT_ADD, INCIDENT_DESTROY, INCIDENT_EDIT, RETENTION_EDIT
from .models import Incident, RetentionRule


@transaction.atomic
def set_retention(*, data_class: str, keep_days: int, by, request: HttpRequest | None = None):
    rule, _ = RetentionRule.objects.update_or_create(
        data_class=data_class, defaults={"keep_days": keep_days, "updated_by": by}
    )
    log_action(
        RETENTION_EDIT,
        user=by,
        obj=rule,
        fields=["keep_days"],
        data={"data_class": data_class, "keep_days": keep_days},
        request=request,
    )
    return rule


def anonymise_deactivated_accounts(*, older_than: datetime) -> int:
    """Anonymise accounts deactivated before ``older_than`` and not anonymised yet."""
    users = get_user_model().objects.filter(
        is_active=False, deactivated_at__lt=older_than, anonymised_at__isnull=True
    )
    count = 0
    for user in users:
        user.anonymise()
        # The addresses they worked from go too; the chain keeps only their digest.
        AuditEntry.objects.about_person(user).redact()
        log_action(
            USER_ANONYMISE,
            obj=user,
            fields=["username", "first_name", "last_name", "email", "password"],
        )
        count += 1
    return count


def purge_incidents(*, older_than: datetime) -> int:
    """Delete register entries recorded before ``older_than`` (never less than five years)."""
    old = Incident.objects.recorded_before(older_than)
    ids = list(old.values_list("pk", flat=True))
    old.delete()
    for pk in ids:
        log_action(INCIDENT_DESTROY, data={"incident": pk})
    return len(ids)


@transaction.atomic
def record_incident(*, form, by, request: HttpRequest | None = None) -> Incident:
    incident = form.save(commit=False)
    incident.recorded_by = by
    incident.save()
    log_action(INCIDENT_ADD, user=by, obj=incident, fields=list(form.fields), request=request)
    return incident


@transaction.atomic
def edit_incident(*, form, by, request: HttpRequest | None = None) -> Incident:
    incident = form.save()
    log_action(INCIDENT_EDIT, user=by, obj=incident, fields=form.changed_data, request=request)
    return incident
