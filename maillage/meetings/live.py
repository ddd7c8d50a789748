"""Meeting mode: one page the coordinator drives; everyone else follows it on their own screen.

The coordinator's actions post through htmx and get the refreshed panel back. Followers poll
``state`` with the version they show; an unchanged meeting answers 204 (nothing to swap) after
three small queries, so polling every few seconds stays light.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.http import parse_id
from maillage.core.i18n import pick
from maillage.core.permissions import can, get_meeting_for_user, get_situation_for_user
from maillage.organizations.models import Organization
from maillage.situations.forms import DecideForm, posted_version
from maillage.situations.models import StaleEdit, Status

from . import reads, services
from .forms import AgenciesChoiceForm, AttendanceForm, CloseForm, NextStepForm, NotesForm
from .htmx import is_htmx
from .models import AgendaItem, AttendanceStatus, Meeting
from .rows import Row, agenda_rows, labels


def _agencies(table, row: Row | None = None) -> list[tuple[int, str]]:
    """(id, name) of the agencies seated at the table, or only of those involved in ``row``'s
    situation (originating, lead, assisting): the choices of the agencies and next-step forms."""
    found = reads.seated(table.pk, row)
    return [(pk, pick(fr, en)) for pk, fr, en, involved in found if row is None or involved]


def _forms(row: Row, table, bound: dict) -> dict:
    """The forms the situation's state calls for: only those read what they need."""
    pk, status = row["situation_pk"], row["status_code"]
    prefix = f"s{pk}"
    forms: dict = {}
    if status == Status.PRESENTED:
        forms["decide"] = DecideForm(prefix=prefix)
    elif status == Status.ACCEPTED:
        forms["agencies"] = AgenciesChoiceForm(prefix=prefix, choices=_agencies(table))
    elif status == Status.MOBILIZED:
        forms["next_step"] = NextStepForm(prefix=prefix, choices=_agencies(table, row))
    forms.update(bound.get(pk, {}))
    return forms


def _open_pk(request: HttpRequest, rows: list[Row], open_pk: int | None) -> int | None:
    """The situation whose forms are shown: the one asked for, else the first one."""
    if open_pk is None and parse_id(request.GET.get("open")) is not None:
        open_pk = int(request.GET["open"])
    listed = [row["situation_pk"] for row in rows]
    if open_pk in listed:
        return open_pk
    return listed[0] if listed else None


def _open(row: Row, table, bound: dict) -> None:
    """Build the forms of the situation under discussion."""
    row["forms"] = _forms(row, table, bound)
    row["notes_form"] = NotesForm(prefix=f"n{row['item_id']}", initial={"notes": row["notes"]})


DECISION = "meetings/_decision.html"


def _heading(row: Row) -> SafeString:
    """The reference, the summary and the decisions taken at this meeting."""
    html = format_html(
        '<h3 id="item-{}">{}. {}</h3> {}',
        row["item_id"],
        row["number"],
        row["reference"],
        row["summary"],
    )
    if row["decisions"]:
        drawn = ((render_to_string(DECISION, {"decision": d}),) for d in row["decisions"])
        items = format_html_join("", "<li>{}</li>", drawn)
        html += format_html('<ul class="decisions">{}</ul>', items)
    return html


def _closed(row: Row, live_url: str | None) -> SafeString:
    """A situation not under discussion, drawn here rather than by the template: forty rows of
    template tags cost more than the rest of the page. ``live_url`` is given to the coordinator,
    whose rows offer a button that opens the situation's forms. Ids are digits and the heading
    is already escaped; every other text is escaped here."""
    item, situation = row["item_id"], row["situation_id"]
    html = f'<section class="live-item" aria-labelledby="item-{item}">{row["heading"]}'
    if live_url:
        label = escape(_("Discuss %(reference)s") % {"reference": row["reference"]})
        html += (
            f' <a class="button secondary" href="?open={situation}#item-{item}" '
            f'hx-get="{escape(live_url)}?open={situation}" hx-target="#live" '
            f'hx-swap="outerHTML">{label}</a>'
        )
    if row["notes"]:
        html += f'<div class="prose">{linebreaks(row["notes"], autoescape=True)}</div>'
    return mark_safe(html + "</section>")  # noqa: S308 - every piece above is escaped


def _attendance(meeting: Meeting) -> list[dict]:
    statuses = labels(AttendanceStatus.choices)
    return [
        {
            "pk": pk,
            "organization_id": org,
            "name": pick(fr, en),
            "status": status,
            "status_label": statuses.get(status, ""),
        }
        for pk, org, status, fr, en in reads.attendance(meeting.pk)
    ]


def live_context(
    request: HttpRequest, meeting: Meeting, bound: dict | None = None, open_pk=None
) -> dict:
    """Everything meeting mode shows; ``bound`` holds a refused form to show with its errors.

    The coordinator works on one situation at a time: only its forms are built, the others
    offer a button that opens theirs, which keeps the page light with a long agenda.
    """
    table = meeting.table
    drives = can(request.user, "meeting.manage", table) and meeting.in_progress
    decisions = reads.decisions(meeting.pk)
    rows = agenda_rows(meeting, request.user)
    for row in rows:
        row["decisions"], row["forms"] = decisions[row["situation_pk"]], {}
    current = _open_pk(request, rows, open_pk) if drives else None
    live_url = reverse("meetings:live", args=[table.pk, meeting.pk])
    for row in rows:
        row["heading"] = _heading(row)
        if row["situation_pk"] == current:
            _open(row, table, bound or {})
        else:
            row["closed"] = _closed(row, live_url if drives else None)
    return {
        "table": table,
        "meeting": meeting,
        "rows": rows,
        "drives": drives,
        "attendance": _attendance(meeting),
        "attendance_choices": AttendanceStatus.choices,
        "close_form": CloseForm(initial={"notes": meeting.minutes_notes}) if drives else None,
    }


def live(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, table_pk, pk)
    template = "meetings/live.html#live" if is_htmx(request) else "meetings/live.html"
    return render(request, template, live_context(request, meeting))


def state(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    """The followers' poll: 204 while the meeting is unchanged, else the refreshed panel."""
    meeting = get_meeting_for_user(request.user, table_pk, pk)
    if str(meeting.version) == request.GET.get("v"):
        return HttpResponse(status=204)
    return render(request, "meetings/live.html#live", live_context(request, meeting))


def _panel(
    request: HttpRequest, meeting: Meeting, bound=None, status: int = 200, open_pk=None
) -> HttpResponse:
    if not is_htmx(request):
        response = redirect("meetings:live", table_pk=meeting.table_id, pk=meeting.pk)
        if open_pk:
            response["Location"] += f"?open={open_pk}"
        return response
    meeting.refresh_from_db()
    context = live_context(request, meeting, bound, open_pk)
    return render(request, "meetings/live.html#live", context, status=status)


def _attempt(request: HttpRequest, form, action, done: str) -> int:
    """Run ``action``; on refusal put the reason on ``form``. Returns the HTTP status."""
    try:
        action()
    except StaleEdit as error:
        form.add_error(None, error.messages[0])
        return 409
    except ValidationError as error:
        form.add_error(None, " ".join(error.messages))
        return 422
    messages.success(request, done)
    return 200


@require_POST
def attendance(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, table_pk, pk, "meeting.manage")
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose present, substitute present or absent."))
        return _panel(request, meeting, status=422)
    line = get_object_or_404(meeting.attendance, organization_id=form.cleaned_data["organization"])
    try:
        services.set_attendance(
            meeting=meeting,
            organization_id=line.organization_id,
            status=form.cleaned_data["status"],
            by=request.user,
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _panel(request, meeting, status=422)
    return _panel(request, meeting)


def _situation(request: HttpRequest, meeting: Meeting, situation_pk: int, action: str):
    return get_situation_for_user(request.user, situation_pk, action, table_pk=meeting.table_id)


@require_POST
def decide(request: HttpRequest, table_pk: int, pk: int, situation_pk: int) -> HttpResponse:
    """Filter 2 in meeting mode: AER met or not, by consensus or vote."""
    meeting = get_meeting_for_user(request.user, table_pk, pk, "meeting.manage")
    situation = _situation(request, meeting, situation_pk, "situation.decide")
    form = DecideForm(request.POST, prefix=f"s{situation.pk}")
    status = 422
    if form.is_valid():
        data = form.cleaned_data
        status = _attempt(
            request,
            form,
            lambda: services.record_decision(
                meeting=meeting,
                situation=situation,
                decision={
                    "aer_met": data["aer_met"],
                    "method": data["method"],
                    "votes_for": data["votes_for"],
                    "votes_against": data["votes_against"],
                    "recommendation": data["recommendation"],
                },
                version=posted_version(request.POST),
                by=request.user,
                request=request,
            ),
            _("%(reference)s: the decision was recorded.") % {"reference": situation.reference},
        )
        if status == 200 and form.guard_overridden:
            from maillage.situations.services import record_guard_override

            record_guard_override(
                situation=situation,
                table=meeting.table,
                labels=form.guard_labels,
                by=request.user,
                request=request,
            )
    bound = {} if status == 200 else {situation.pk: {"decide": form}}
    return _panel(request, meeting, bound, status, open_pk=situation.pk)


@require_POST
def name_agencies(request: HttpRequest, table_pk: int, pk: int, situation_pk: int):
    """Filter 3 in meeting mode: the lead agency and the assisting agencies."""
    meeting = get_meeting_for_user(request.user, table_pk, pk, "meeting.manage")
    situation = _situation(request, meeting, situation_pk, "situation.name_agencies")
    seated = {org.pk: org for org in Organization.objects.filter(table_seats__table=meeting.table)}
    choices = [(org_pk, org.name) for org_pk, org in seated.items()]
    form = AgenciesChoiceForm(request.POST, prefix=f"s{situation.pk}", choices=choices)
    status = 422
    if form.is_valid():
        status = _attempt(
            request,
            form,
            lambda: services.record_agencies(
                meeting=meeting,
                situation=situation,
                lead=seated[form.cleaned_data["lead"]],
                assisting=[seated[org_pk] for org_pk in form.cleaned_data["assisting"]],
                version=posted_version(request.POST),
                by=request.user,
                request=request,
            ),
            _("%(reference)s: the agencies were named.") % {"reference": situation.reference},
        )
    bound = {} if status == 200 else {situation.pk: {"agencies": form}}
    return _panel(request, meeting, bound, status, open_pk=situation.pk)


@require_POST
def next_step(request: HttpRequest, table_pk: int, pk: int, situation_pk: int):
    """Filter 4 in meeting mode: a task for one of the agencies named."""
    meeting = get_meeting_for_user(request.user, table_pk, pk, "meeting.manage")
    situation = _situation(request, meeting, situation_pk, "situation.view")
    involved = Organization.objects.filter(pk__in=situation.involved_organization_ids())
    owners = {org.pk: org for org in involved}
    form = NextStepForm(
        request.POST,
        prefix=f"s{situation.pk}",
        choices=[(org_pk, org.name) for org_pk, org in owners.items()],
    )
    status = 422
    if form.is_valid():
        data = form.cleaned_data
        status = _attempt(
            request,
            form,
            lambda: services.add_next_step(
                meeting=meeting,
                situation=situation,
                title=data["title"],
                owner=owners[data["owner"]],
                due_on=data["due_on"],
                by=request.user,
                request=request,
            ),
            _("%(reference)s: the next step was added.") % {"reference": situation.reference},
        )
    bound = {} if status == 200 else {situation.pk: {"next_step": form}}
    return _panel(request, meeting, bound, status, open_pk=situation.pk)


@require_POST
def notes(request: HttpRequest, table_pk: int, pk: int, item_pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, table_pk, pk, "meeting.manage")
    item = get_object_or_404(AgendaItem.objects.listed(), pk=item_pk, meeting=meeting)
    item.meeting = meeting
    form = NotesForm(request.POST, prefix=f"n{item.pk}")
    if form.is_valid():
        try:
            services.save_notes(
                item=item, notes=form.cleaned_data["notes"], by=request.user, request=request
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _panel(request, meeting, status=422, open_pk=item.situation_id)
        messages.success(request, _("The notes were saved."))
    return _panel(request, meeting, open_pk=item.situation_id)


@require_POST
def close(request: HttpRequest, table_pk: int, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, table_pk, pk, "meeting.manage")
    form = CloseForm(request.POST)
    form.is_valid()
    try:
        services.close_meeting(
            meeting=meeting,
            notes=form.cleaned_data.get("notes", ""),
            by=request.user,
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meetings:live", table_pk=table_pk, pk=pk)
    messages.success(request, _("The meeting was closed. Review the minutes, then publish them."))
    target = reverse("meetings:minutes", args=[table_pk, pk])
    if is_htmx(request):
        return HttpResponse(status=204, headers={"HX-Redirect": target})
    return redirect(target)
