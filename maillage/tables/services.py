"""Workflows that change who sits at a table. Each runs in one transaction and is audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core.audit import log_action
from maillage.organizations.audit import MEMBERSHIP_END

from .audit import (
    ORGANIZATION_ADD,
    ORGANIZATION_DESIGNATE,
    ORGANIZATION_REMOVE,
    SEAT_ADD,
    SEAT_REMOVE,
    SEAT_ROLE,
    TABLE_EDIT,
)
from .models import Role, Seat, Table, TableOrganization


def _ensure_seat(table: Table, user, organization) -> None:
    """A designated representative or substitute always holds a seat at the table."""
    if user is not None:
        Seat.objects.get_or_create(
            table=table, user=user, defaults={"organization": organization, "role": Role.MEMBER}
        )


def _check_managers_remain(table: Table) -> None:
    if not table.seats.filter(role__in=[Role.CHAIR, Role.COORDINATOR]).exists():
        raise ValidationError(_("A table needs at least one chair or coordinator."))


@transaction.atomic
def add_member_organization(
    *, table: Table, organization, representative=None, substitute=None, acting_user, request=None
) -> TableOrganization:
    membership = TableOrganization(
        table=table,
        organization=organization,
        representative=representative,
        substitute=substitute,
    )
    membership.full_clean()
    membership.save()
    _ensure_seat(table, representative, organization)
    _ensure_seat(table, substitute, organization)
    log_action(
        ORGANIZATION_ADD,
        user=acting_user,
        obj=membership,
        table=table,
        fields=["organization", "representative", "substitute"],
        request=request,
    )
    return membership


@transaction.atomic
def designate(
    *, membership: TableOrganization, representative, substitute, acting_user, request=None
) -> TableOrganization:
    """Name the person who speaks for an organisation at the table, and who stands in."""
    stored_representative, stored_substitute = TableOrganization.objects.filter(
        pk=membership.pk
    ).values_list("representative_id", "substitute_id")[0]
    changed = [
        name
        for name, stored_pk, person in (
            ("representative", stored_representative, representative),
            ("substitute", stored_substitute, substitute),
        )
        if stored_pk != (person.pk if person else None)
    ]
    membership.representative = representative
    membership.substitute = substitute
    membership.full_clean()
    membership.save()
    _ensure_seat(membership.table, representative, membership.organization)
    _ensure_seat(membership.table, substitute, membership.organization)
    log_action(
        ORGANIZATION_DESIGNATE,
        user=acting_user,
        obj=membership,
        table=membership.table,
        fields=changed,
        request=request,
    )
    return membership


@transaction.atomic
def remove_member_organization(*, membership: TableOrganization, acting_user, request=None) -> None:
    table = membership.table
    removed = list(
        table.seats.filter(organization=membership.organization).values_list("pk", flat=True)
    )
    log_action(
        ORGANIZATION_REMOVE,
        user=acting_user,
        obj=membership,
        table=table,
        data={"seats_removed": len(removed)},
        request=request,
    )
    Seat.objects.filter(pk__in=removed).delete()
    membership.delete()
    _check_managers_remain(table)


@transaction.atomic
def add_seat(*, table: Table, user, organization, role: str, acting_user, request=None) -> Seat:
    if not table.member_organizations.filter(organization=organization).exists():
        raise ValidationError(_("This organisation does not sit at the table."))
    if not user.memberships.filter(organization=organization, is_active=True).exists():
        raise ValidationError(_("This person does not work for this organisation."))
    if table.seats.filter(user=user).exists():
        raise ValidationError(_("This person already has a seat at this table."))
    seat = Seat.objects.create(table=table, user=user, organization=organization, role=role)
    log_action(
        SEAT_ADD,
        user=acting_user,
        obj=seat,
        table=table,
        fields=["user", "organization", "role"],
        data={"role": role},
        request=request,
    )
    return seat


@transaction.atomic
def change_role(*, seat: Seat, role: str, acting_user, request=None) -> Seat:
    previous = seat.role
    seat.role = role
    seat.save(update_fields=["role"])
    _check_managers_remain(seat.table)
    log_action(
        SEAT_ROLE,
        user=acting_user,
        obj=seat,
        table=seat.table,
        fields=["role"],
        data={"from": previous, "to": role},
        request=request,
    )
    return seat


@transaction.atomic
def remove_seat(*, seat: Seat, acting_user, request=None) -> None:
    table = seat.table
    log_action(SEAT_REMOVE, user=acting_user, obj=seat, table=table, request=request)
    TableOrganization.objects.filter(table=table, representative=seat.user).update(
        representative=None
    )
    TableOrganization.objects.filter(table=table, substitute=seat.user).update(substitute=None)
    seat.delete()
    _check_managers_remain(table)


@transaction.atomic
def end_membership(*, membership, acting_user, request=None) -> int:
    """The person no longer works for the organisation: their seats held for it end with it.

    A seat speaks for an organisation; once the person has left it, the seat (and with it the
    vault of every situation that agency is named in) must not stay open. Each seat removed is
    audited at its table, and the person is no longer its representative or substitute there.
    Returns how many seats ended. Ending a membership already ended changes nothing.
    """
    membership = type(membership).objects.select_for_update().get(pk=membership.pk)
    seats = list(
        Seat.objects.select_related("table").filter(
            user_id=membership.user_id, organization_id=membership.organization_id
        )
    )
    for seat in seats:
        log_action(
            SEAT_REMOVE,
            user=acting_user,
            obj=seat,
            table=seat.table,
            data={"membership_ended": True},
            request=request,
        )
        designations = TableOrganization.objects.filter(
            table_id=seat.table_id, organization_id=membership.organization_id
        )
        designations.filter(representative_id=membership.user_id).update(representative=None)
        designations.filter(substitute_id=membership.user_id).update(substitute=None)
        seat.delete()
    if membership.is_active or seats:
        membership.is_active = False
        membership.save(update_fields=["is_active"])
        log_action(
            MEMBERSHIP_END,
            user=acting_user,
            obj=membership,
            organization=membership.organization,
            fields=["is_active"],
            data={"seats_removed": len(seats)},
            request=request,
        )
    return len(seats)


@transaction.atomic
def update_table(*, table: Table, changed: list[str], acting_user, request=None) -> Table:
    table.full_clean()
    table.save()
    # Whether the table publishes its figures decides who sees them: the entry says which way.
    published = {"publishes_figures": table.publishes_figures}
    log_action(
        TABLE_EDIT,
        user=acting_user,
        obj=table,
        table=table,
        fields=changed,
        data=published if "publishes_figures" in changed else None,
        request=request,
    )
    return table
