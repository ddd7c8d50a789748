"""How a coordinator adapts the reference lists and the timings of their table.

Default items are hidden (not deleted) for the table; the table's own items are retired (not
deleted). Past situations keep every reference they had, whatever happens to the lists.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core.audit import log_action
from maillage.core.http import parse_id
from maillage.tables.access import get_table_for_user

from .audit import REFERENCE_ADD, REFERENCE_HIDE, REFERENCE_RETIRE, REFERENCE_SHOW, SETTINGS_EDIT
from .forms import ReferenceItemForm, SituationSettingsForm
from .models import REFERENCE_MODELS, HiddenItem, RiskCategory, SituationSettings


@transaction.atomic
def set_hidden(*, table, model, item, hidden: bool, by, request=None) -> None:
    if item.table_id is not None:
        raise ValidationError(_("Only items of the default list can be hidden."))
    if hidden:
        HiddenItem.objects.get_or_create(table=table, list_name=model.list_name(), item_id=item.pk)
    else:
        HiddenItem.objects.filter(
            table=table, list_name=model.list_name(), item_id=item.pk
        ).delete()
    action = REFERENCE_HIDE if hidden else REFERENCE_SHOW
    log_action(action, user=by, obj=item, table=table, request=request)


@transaction.atomic
def add_item(*, table, model, name_fr: str, name_en: str, category=None, by, request=None):
    base = slugify(name_en or name_fr)[:50] or "item"
    code, n = base, 1
    while model.objects.filter(table=table, code=code).exists():
        n += 1
        code = f"{base}-{n}"
    extra = {"category": category} if category is not None else {}
    last = model.objects.filter(table=table).order_by("-position").first()
    item = model.objects.create(
        table=table,
        code=code,
        name_fr=name_fr,
        name_en=name_en,
        position=(last.position + 1) if last else 1000,
        **extra,
    )
    log_action(REFERENCE_ADD, user=by, obj=item, table=table, request=request)
    return item


@transaction.atomic
def retire_item(*, table, item, by, request=None) -> None:
    if item.table_id != table.pk:
        raise ValidationError(_("Only the table's own items can be retired here."))
    item.retire()
    log_action(REFERENCE_RETIRE, user=by, obj=item, table=table, request=request)


def _model(list_name: str):
    model = REFERENCE_MODELS.get(list_name)
    if model is None:
        raise Http404
    return model


def settings_page(request: HttpRequest, table_pk: int) -> HttpResponse:
    table = get_table_for_user(request.user, table_pk, "table.configure_situations")
    instance = SituationSettings.for_table(table)
    form = SituationSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        log_action(
            SETTINGS_EDIT,
            user=request.user,
            obj=instance,
            table=table,
            fields=form.changed_data,
            request=request,
        )
        messages.success(request, _("The settings were saved."))
        return redirect("situations:settings", table_pk=table.pk)
    list_name = request.GET.get("list", "riskfactor")
    return render(
        request,
        "situations/settings.html",
        {"table": table, "form": form, **_list_context(table, list_name)},
        status=422 if form.errors else 200,
    )


def _list_context(table, list_name: str) -> dict:
    model = _model(list_name)
    hidden = set(
        HiddenItem.objects.filter(table=table, list_name=list_name).values_list(
            "item_id", flat=True
        )
    )
    items = model.objects.filter(table__isnull=True, retired_at__isnull=True)
    own = model.objects.filter(table=table)
    if list_name == "riskfactor":
        items, own = items.select_related("category"), own.select_related("category")
    return {
        "lists": [(name, m._meta.verbose_name_plural) for name, m in REFERENCE_MODELS.items()],
        "list_name": list_name,
        "list_label": model._meta.verbose_name_plural,
        "list_help": model.list_help,
        "defaults": [(item, item.pk in hidden) for item in items],
        "own": own,
        "item_form": ReferenceItemForm(model=model),
        "categories": RiskCategory.objects.for_table(table) if list_name == "riskfactor" else None,
    }


@require_POST
def toggle_item(request: HttpRequest, table_pk: int, list_name: str, item_pk: int) -> HttpResponse:
    table = get_table_for_user(request.user, table_pk, "table.configure_situations")
    model = _model(list_name)
    item = get_object_or_404(model, pk=item_pk, table__isnull=True)
    hide = request.POST.get("hide") == "yes"
    set_hidden(table=table, model=model, item=item, hidden=hide, by=request.user, request=request)
    messages.success(request, _("The item is hidden.") if hide else _("The item is offered again."))
    return redirect(f"{_settings_url(table)}?list={list_name}")


@require_POST
def add_to_list(request: HttpRequest, table_pk: int, list_name: str) -> HttpResponse:
    table = get_table_for_user(request.user, table_pk, "table.configure_situations")
    model = _model(list_name)
    form = ReferenceItemForm(request.POST, model=model)
    category = None
    if list_name == "riskfactor":
        category_pk = parse_id(request.POST.get("category"))
        category = (
            RiskCategory.objects.for_table(table).filter(pk=category_pk).first()
            if category_pk is not None
            else None
        )
        if category is None:
            form.add_error(None, _("Choose the category of the risk factor."))
    if form.is_valid():
        add_item(
            table=table,
            model=model,
            category=category,
            by=request.user,
            request=request,
            **form.cleaned_data,
        )
        messages.success(request, _("The item was added to your table's list."))
    else:
        for error in form.errors.values():
            messages.error(request, " ".join(str(message) for message in error))
    return redirect(f"{_settings_url(table)}?list={list_name}")


@require_POST
def retire(request: HttpRequest, table_pk: int, list_name: str, item_pk: int) -> HttpResponse:
    table = get_table_for_user(request.user, table_pk, "table.configure_situations")
    item = get_object_or_404(_model(list_name), pk=item_pk, table=table)
    retire_item(table=table, item=item, by=request.user, request=request)
    messages.success(request, _("The item was retired; past situations keep it."))
    return redirect(f"{_settings_url(table)}?list={list_name}")


def _settings_url(table) -> str:
    from django.urls import reverse

    return reverse("situations:settings", kwargs={"table_pk": table.pk})
