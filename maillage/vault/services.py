"""Workflows on the identity vault. Each runs in one transaction and writes the audit entry."""

import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.audit import log_action
from maillage.notifications.services import notify_possible_repeat
from maillage.situations.states import Status
from maillage.tables.access import seat_at

from . import crypto
from .audit import (
    DISCLOSURE_ADD,
    KEY_DESTROY,
    PERSON_ADD,
    PERSON_EDIT,
    REPEAT_CONFIRM,
    REPEAT_DISMISS,
    REPEAT_FOUND,
    VAULT_VIEW,
    WRAPPING_KEY_DESTROY,
)
from .models import (
    Disclosure,
    Identity,
    LegalBasis,
    PossibleRepeat,
    RepeatStatus,
    VaultKey,
    VaultPerson,
    WrappingKey,
)

# A new situation about the same person within this time goes back to the table as a repeat.
REPEAT_WINDOW = timedelta(days=365)


# How many people one person may add or edit in vaults per hour. Saving is also how a match is
# looked for, so an unbounded number of saves would let someone test guessed identities.
VAULT_SAVES_PER_HOUR = 30


@dataclass(frozen=True)
class Saved:
    person: VaultPerson


def _count_save(by) -> None:
    """Refuse a save beyond the hourly allowance (counted per person, across processes)."""
    key = f"vault-saves:{by.pk}:{int(time.time() // 3600)}"
    cache.add(key, 0, timeout=3600)
    if cache.incr(key) > VAULT_SAVES_PER_HOUR:
        raise ValidationError(
            _(
                "You have saved many people in vaults in the last hour. For everyone's "
                "safety, wait before saving more, or ask the table's coordinator."
            )
        )


def _writable_key(situation) -> VaultKey:
    """The situation's key, created on first use and locked so positions stay in sequence."""
    if not situation.identity_allowed():
        raise ValidationError(
            _("Identifying information can be entered only once the table has named the agencies.")
        )
    key = VaultKey.objects.select_for_update().filter(situation=situation).first()
    if key is None:
        key = VaultKey.create_for(situation)
    if key.is_destroyed:
        raise ValidationError(_("The vault of this situation was destroyed; it cannot be used."))
    return key


def _match_key(situation, identity: Identity) -> str:
    return crypto.match_key(
        crypto.current_master_key(), situation.table_id, identity.name, identity.born_on
    )


@transaction.atomic
def add_person(*, situation, role: str, identity: Identity, by, request=None) -> Saved:
    key = _writable_key(situation)
    _count_save(by)
    last = VaultPerson.objects.filter(situation=situation).order_by("-position").first()
    person = VaultPerson(
        situation=situation,
        position=(last.position if last else 0) + 1,
        role=role,
        match_key=_match_key(situation, identity),
        created_by=by,
    )
    person.seal(identity, key.data_key())
    person.save()
    log_action(
        PERSON_ADD,
        user=by,
        obj=person,
        table=situation.table,
        fields=["role", *identity.filled()],
        request=request,
    )
    note_possible_repeat(person=person, by=by, request=request)
    return Saved(person)


@transaction.atomic
def edit_person(*, person: VaultPerson, role: str, identity: Identity, by, request=None) -> Saved:
    """Save new details; the audit entry names the fields that changed, never their values."""
    situation = person.situation
    key = _writable_key(situation)
    person = VaultPerson.objects.select_for_update().select_related("situation").get(pk=person.pk)
    data_key = key.data_key()
    changed = identity.changed_from(person.unseal(data_key))
    if role != person.role:
        changed.insert(0, "role")
    if not changed:
        return Saved(person)
    _count_save(by)
    person.role = role
    person.match_key = _match_key(situation, identity)
    person.seal(identity, data_key)
    person.save(update_fields=["role", "match_key", "sealed", "updated_at"])
    log_action(
        PERSON_EDIT,
        user=by,
        obj=person,
        table=situation.table,
        fields=changed,
        request=request,
    )
    note_possible_repeat(person=person, by=by, request=request)
    return Saved(person)


def find_repeat(person: VaultPerson):
    """Another situation of the same table about this person within 12 months, or None.

    Match keys are derived per table, and the query stays inside the table as well: a match
    never crosses tables.
    """
    if not person.match_key:
        return None
    created = person.situation.created_at
    match = (
        VaultPerson.objects.live()
        .filter(
            match_key=person.match_key,
            situation__table_id=person.situation.table_id,
            situation__created_at__gte=created - REPEAT_WINDOW,
            situation__created_at__lte=created + REPEAT_WINDOW,
        )
        .exclude(situation_id=person.situation_id)
        .select_related("situation__table__situation_settings")
        .order_by("-situation__created_at")
        .first()
    )
    return match.situation if match else None


def note_possible_repeat(*, person: VaultPerson, by, request=None) -> PossibleRepeat | None:
    """Record a match for the table's coordinator to review; tell the person saving nothing.

    Whether a match exists must not change what the person saving sees (it would confirm a
    guessed identity for a vault they may not open). The audit trail keeps the finding.
    """
    other = find_repeat(person)
    if other is None:
        return None
    earlier, later = sorted([person.situation, other], key=lambda s: (s.created_at, s.pk))
    candidate, new = PossibleRepeat.objects.get_or_create(situation=later, earlier=earlier)
    if new:
        log_action(REPEAT_FOUND, user=by, obj=candidate, table=later.table, request=request)
        notify_possible_repeat(candidate)
    return candidate


@transaction.atomic
def decide_repeat(*, candidate: PossibleRepeat, confirmed: bool, by, request=None) -> None:
    """The coordinator's decision: a confirmed repeat goes back to the table as one."""
    candidate = PossibleRepeat.objects.select_for_update().get(pk=candidate.pk)
    if not candidate.is_pending:
        raise ValidationError(_("This possible repeat was already reviewed."))
    candidate.status = RepeatStatus.CONFIRMED if confirmed else RepeatStatus.DISMISSED
    candidate.decided_at = timezone.now()
    candidate.decided_by = by
    candidate.save(update_fields=["status", "decided_at", "decided_by"])
    later = candidate.situation
    if confirmed and later.repeat_of_id is None:
        later.mark_repeat(of=candidate.earlier, by=by, request=request)
    log_action(
        REPEAT_CONFIRM if confirmed else REPEAT_DISMISS,
        user=by,
        obj=candidate,
        table=later.table,
        request=request,
    )


@dataclass(frozen=True)
class Shown:
    person: VaultPerson
    identity: Identity


@transaction.atomic
def read_vault(
    *, situation, reason: str, note: str = "", by, request=None, person_pk: int | None = None
) -> list[Shown]:
    """Decrypt the people of a situation for one reader, with one audit entry per person."""
    key = VaultKey.objects.filter(situation=situation).first()
    if key is None:
        return []
    data_key = key.data_key()
    people = VaultPerson.objects.of_situation(situation).select_related(
        "situation__table__situation_settings"
    )
    if person_pk is not None:
        people = people.filter(pk=person_pk)
    shown = [Shown(person, person.unseal(data_key)) for person in people]
    # The note is free text: it is asked of the reader but never kept in the permanent trail.
    data = {"reason": reason}
    for item in shown:
        log_action(
            VAULT_VIEW,
            user=by,
            obj=item.person,
            table=situation.table,
            data=data,
            request=request,
        )
    return shown


@transaction.atomic
def destroy_expired_vaults(*, older_than: datetime) -> int:
    """Shred the vaults of situations concluded before ``older_than``; return how many.

    The purger of the identity vault: ``older_than`` comes from the retention rule of the vault
    class (``maillage purge``, or ``maillage destroy_expired_vaults`` for this class alone).

    The wrapped key goes, and the ciphertext and match keys are blanked as well, so nothing is
    left to decrypt or to compare. Then the wrapping keys they were under are destroyed, which
    makes the copies of these vaults unreadable too (``retire_wrapping_keys``). The de-identified
    situation stays for statistics. Running it again destroys nothing more.
    """
    keys = (
        VaultKey.objects.select_for_update(of=("self",))
        .filter(
            destroyed_at__isnull=True,
            situation__status=Status.CONCLUDED,
            situation__concluded_at__lt=older_than,
        )
        .select_related("situation__table")
    )
    count = 0
    wrapping_ids: set[int] = set()
    for key in keys:
        if key.wrapping_key_id is not None:
            wrapping_ids.add(key.wrapping_key_id)
        people = VaultPerson.objects.filter(situation_id=key.situation_id)
        shredded = people.update(sealed=b"", match_key="")
        key.destroy()
        log_action(
            KEY_DESTROY,
            obj=key,
            table=key.situation.table,
            fields=["wrapped_key", "sealed", "match_key"],
            data={"people": shredded, "older_than": older_than.isoformat()},
        )
        count += 1
    retire_wrapping_keys(wrapping_ids)
    return count


def retire_wrapping_keys(ids: set[int]) -> None:
    """Destroy these wrapping keys, first moving the vaults still kept under them to the current
    key. Called in the transaction that destroyed vaults under them."""
    retiring = WrappingKey.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    for wrapping in retiring:
        kept = list(VaultKey.objects.select_for_update().filter(wrapping_key=wrapping))
        if kept:
            successor = WrappingKey.current(excluding=ids)
            for key in kept:
                key.rewrap(successor)
        log_action(
            WRAPPING_KEY_DESTROY,
            obj=wrapping,
            fields=["sealed_key"],
            data={"period": f"{wrapping.period:%Y-%m}", "moved": len(kept)},
        )
        wrapping.destroy()


@transaction.atomic
def record_disclosure(*, situation, person: VaultPerson, by, request=None, **fields):
    """Write one entry of the disclosure register (Filter 3), for the agency of ``by``."""
    seat = seat_at(by, situation.table)
    if seat is None or not situation.identity_allowed():
        raise ValidationError(_("Disclosures are recorded once the table has named the agencies."))
    if person.situation_id != situation.pk:
        raise ValidationError(_("The person must be in the vault of this situation."))
    if fields["disclosed_at"] > timezone.now():
        raise ValidationError(_("A disclosure cannot be recorded in advance."))
    offered = LegalBasis.objects.for_table(situation.table)
    if not offered.filter(pk=fields["legal_basis"].pk).exists():
        raise ValidationError(_("Choose a legal basis offered at this table."))
    seated = situation.table.member_organizations.filter(
        organization=fields["recipient_organization"]
    )
    if not seated.exists():
        raise ValidationError(_("The recipient agency must sit at the table."))
    disclosure = Disclosure.objects.create(
        situation=situation,
        person=person,
        discloser_organization_id=seat[1],
        recorded_by=by,
        **fields,
    )
    log_action(
        DISCLOSURE_ADD,
        user=by,
        obj=disclosure,
        table=situation.table,
        fields=["person", *fields],
        data={
            "legal_basis": disclosure.legal_basis.code,
            "recipient": disclosure.recipient_organization_id,
            "consent": disclosure.consent_obtained,
        },
        request=request,
    )
    return disclosure
