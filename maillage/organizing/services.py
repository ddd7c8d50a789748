"""Workflows of a support request. Each validates, writes and audits in one transaction.

Messages to the requesting organisation go by e-mail after the transaction commits, in the
language it chose, and carry only the request's reference, its status and links.
"""

import logging
from datetime import date
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core.audit import log_action

from . import audit
from .models import Activity, Satisfaction, SupportRequest

logger = logging.getLogger(__name__)
SATISFACTION_SALT = "maillage.organizing.satisfaction"


def _mail(support_request_pk: int, template: str) -> None:
    """One message to the requesting organisation's contact, in the language it chose."""
    found = SupportRequest.objects.select_related("team", "organization").get(pk=support_request_pk)
    with translation.override(found.language):
        context = {"request": found, "site": settings.SITE_URL}
        if template == "closed":
            link = reverse("organizing:satisfaction", args=[satisfaction_token(found)])
            context["satisfaction_link"] = settings.SITE_URL + link
        subject = render_to_string(f"organizing/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"organizing/email/{template}.txt", context)
    try:
        EmailMessage(subject, body, to=[found.contact_email]).send()
    except Exception:  # the request is recorded whatever happens to the mail
        logger.exception("Could not mail support request %s", support_request_pk)


def _mail_after_commit(support_request: SupportRequest, template: str) -> None:
    transaction.on_commit(partial(_mail, support_request.pk, template))


@transaction.atomic
def receive_request(*, form_data: dict, team, source: str, by=None, request=None):
    """A new request from an organisation; its contact is told it was received."""
    found = SupportRequest(team=team, source=source, filed_by=by, **form_data)
    found.full_clean()
    found.save()
    log_action(
        audit.REQUEST_RECEIVE,
        user=by,
        obj=found,
        organization=found.organization,
        data={"source": source},
        request=request,
    )
    _mail_after_commit(found, "received")
    return found


@transaction.atomic
def triage_request(
    *,
    support_request: SupportRequest,
    decision: str,
    reason: str,
    redirected_to: str,
    organiser=None,
    axis: str = "",
    intensity=None,
    by,
    request=None,
) -> SupportRequest:
    found = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
    found.triage(decision=decision, reason=reason, redirected_to=redirected_to)
    if found.is_accompanied:
        found.organiser, found.axis, found.intensity = organiser, axis, intensity
    found.save()
    log_action(
        audit.REQUEST_TRIAGE,
        user=by,
        obj=found,
        organization=found.organization,
        fields=["status", "organiser", "axis", "intensity"],
        data={"decision": decision},
        request=request,
    )
    _mail_after_commit(found, "triaged")
    return found


@transaction.atomic
def assign_request(
    *, support_request: SupportRequest, organiser, axis: str, intensity, by, request=None
) -> SupportRequest:
    found = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
    if not found.is_accompanied:
        raise ValidationError(_("Only a request being accompanied can be reassigned."))
    found.organiser, found.axis, found.intensity = organiser, axis, intensity
    found.save(update_fields=["organiser", "axis", "intensity"])
    log_action(
        audit.REQUEST_ASSIGN,
        user=by,
        obj=found,
        organization=found.organization,
        fields=["organiser", "axis", "intensity"],
        request=request,
    )
    return found


@transaction.atomic
def log_activity(
    *,
    support_request: SupportRequest,
    on: date,
    kind: str,
    minutes: int,
    participants: int,
    notes: str,
    by,
    request=None,
) -> Activity:
    found = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
    if not found.is_accompanied:
        raise ValidationError(_("Activities are logged while a request is accompanied."))
    if on < timezone.localtime(found.received_at).date():
        raise ValidationError(_("The activity is dated before the request was received."))
    activity = Activity(
        request=found,
        on=on,
        kind=kind,
        minutes=minutes,
        participants=participants,
        notes=notes,
        organiser=by,
    )
    activity.full_clean()
    activity.save()
    log_action(
        audit.ACTIVITY_ADD,
        user=by,
        obj=activity,
        organization=found.organization,
        fields=["on", "kind", "minutes", "participants"],
        request=request,
    )
    return activity


@transaction.atomic
def close_request(
    *, support_request: SupportRequest, outcome: str, what_changed: str, by, request=None
) -> SupportRequest:
    """Record what changed; the organisation is asked how satisfied it is."""
    found = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
    found.close(outcome=outcome, what_changed=what_changed)
    found.save()
    log_action(
        audit.REQUEST_CLOSE,
        user=by,
        obj=found,
        organization=found.organization,
        fields=["status", "outcome", "what_changed"],
        data={"outcome": outcome},
        request=request,
    )
    _mail_after_commit(found, "closed")
    return found


def satisfaction_token(found: SupportRequest) -> str:
    return signing.TimestampSigner(salt=SATISFACTION_SALT).sign(str(found.pk))


class LinkProblem(Exception):
    """A questionnaire link that cannot be used; the message says why, for the page."""


def request_for_token(token: str) -> SupportRequest:
    signer = signing.TimestampSigner(salt=SATISFACTION_SALT)
    try:
        pk = int(signer.unsign(token, max_age=Satisfaction.link_lifetime()))
    except signing.SignatureExpired:
        raise LinkProblem(
            _("This link has expired. Ask the organising team for a new one.")
        ) from None
    except (signing.BadSignature, ValueError):
        raise LinkProblem(_("This link is not valid. Check that it was copied whole.")) from None
    found = SupportRequest.objects.select_related("organization", "team").filter(pk=pk).first()
    if found is None or not found.is_closed:
        raise LinkProblem(_("This link is not valid. Check that it was copied whole."))
    if Satisfaction.objects.filter(request=found).exists():
        raise LinkProblem(_("This questionnaire was already answered. Thank you!"))
    return found


@transaction.atomic
def record_satisfaction(*, token: str, answers: dict, request=None) -> Satisfaction:
    found = request_for_token(token)
    SupportRequest.objects.select_for_update().filter(pk=found.pk).first()
    if Satisfaction.objects.filter(request=found).exists():
        raise LinkProblem(_("This questionnaire was already answered. Thank you!"))
    answer = Satisfaction.objects.create(request=found, **answers)
    log_action(
        audit.SATISFACTION_ANSWER,
        obj=answer,
        organization=found.organization,
        request=request,
    )
    return answer
