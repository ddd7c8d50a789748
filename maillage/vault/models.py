"""The identity vault: who a situation is about, encrypted with the situation's own key.

Only agencies named at Filter 3 may read it (``maillage.vault.access``). Nothing here ever
holds a name or a date of birth in clear: ``VaultPerson.sealed`` is ciphertext and
``match_key`` a keyed hash. ``__str__`` of every model is free of identifying data because it
is copied into the audit trail.
"""

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.situations.reference import ReferenceItem

from . import crypto


class WrappingKey(models.Model):
    """A key that wraps the data keys of the vaults made in one month, itself sealed by the
    master key.

    When a vault is destroyed, the wrapping key it was under is destroyed in the same run (the
    other vaults under it are first moved to the current one). From then on, no copy of that
    vault's data key — in a backup, a dump, or an old row version — can be opened, even with the
    master key. The copies of this table are the exception, hence the backup rule of
    docs/security.md: this small table is dumped on its own and only its newest dump is kept.
    """

    period = models.DateField(_("month"))
    sealed_key = models.BinaryField(null=True, editable=False)
    master_key_id = models.CharField(max_length=16)
    created_at = models.DateTimeField(auto_now_add=True)
    rotated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("wrapping key")
        verbose_name_plural = _("wrapping keys")
        indexes = [models.Index(fields=["period"], name="wrapping_key_period")]

    def __str__(self) -> str:
        return f"wrapping key {self.pk} ({self.period:%Y-%m})"

    @classmethod
    def current(cls, *, excluding: Iterable[int] = ()) -> "WrappingKey":
        """This month's key, locked until the transaction ends; made on first use. The lock
        keeps a vault from being wrapped by a key that a purge is destroying."""
        period = timezone.localdate().replace(day=1)
        found = (
            cls.objects.select_for_update()
            .filter(period=period)
            .exclude(pk__in=list(excluding))
            .order_by("-pk")
            .first()
        )
        return found or cls.create(period)

    @classmethod
    def create(cls, period: date) -> "WrappingKey":
        master = crypto.current_master_key()
        made = cls.objects.create(period=period, master_key_id=master.id)
        context = crypto.wrapping_key_context(made.pk)
        made.sealed_key = crypto.seal(master.key, crypto.new_data_key(), context)
        made.save(update_fields=["sealed_key"])
        return made

    def key(self) -> bytes:
        if not self.sealed_key:
            raise crypto.VaultLocked("This wrapping key was destroyed.")
        master = crypto.master_key_by_id(self.master_key_id)
        context = crypto.wrapping_key_context(self.pk)
        return crypto.open_sealed(master.key, bytes(self.sealed_key), context)

    def rewrap(self, master: crypto.MasterKey) -> None:
        """Seal the same key under ``master``; the data keys it wraps do not change."""
        key = self.key()
        self.sealed_key = crypto.seal(master.key, key, crypto.wrapping_key_context(self.pk))
        self.master_key_id = master.id
        self.rotated_at = timezone.now()
        self.save(update_fields=["sealed_key", "master_key_id", "rotated_at"])

    def destroy(self) -> None:
        """Overwrite the sealed key, then delete the row. VACUUM after the purge reclaims the old
        row versions (``maillage.privacy.retention.vacuum``)."""
        length = len(self.sealed_key or b"")
        WrappingKey.objects.filter(pk=self.pk).update(sealed_key=bytes(length))
        self.delete()


class VaultKey(models.Model):
    """The situation's data key, wrapped by a wrapping key. Destroying it shreds the vault.

    Vaults made before wrapping keys existed are wrapped by the master key directly
    (``wrapping_key`` empty) until ``maillage rotate_vault_key`` moves them.
    """

    situation = models.OneToOneField(
        "situations.Situation", on_delete=models.CASCADE, related_name="vault_key"
    )
    wrapping_key = models.ForeignKey(
        WrappingKey, null=True, blank=True, on_delete=models.PROTECT, related_name="vault_keys"
    )
    wrapped_key = models.BinaryField(null=True, editable=False)
    # The master key at the root of the chain: match keys of the vault are derived from it.
    master_key_id = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    rotated_at = models.DateTimeField(null=True, blank=True)
    destroyed_at = models.DateTimeField(_("destroyed"), null=True, blank=True)

    class Meta:
        verbose_name = _("vault key")
        verbose_name_plural = _("vault keys")

    def __str__(self) -> str:
        return f"vault key {self.situation_id}"

    @classmethod
    def create_for(cls, situation) -> "VaultKey":
        wrapping = WrappingKey.current()
        context = crypto.wrap_context(situation.pk)
        wrapped = crypto.seal(wrapping.key(), crypto.new_data_key(), context)
        return cls.objects.create(
            situation=situation,
            wrapping_key=wrapping,
            wrapped_key=wrapped,
            master_key_id=wrapping.master_key_id,
        )

    @property
    def is_destroyed(self) -> bool:
        return self.destroyed_at is not None

    def data_key(self) -> bytes:
        if self.is_destroyed or not self.wrapped_key:
            raise crypto.VaultLocked("The key of this vault was destroyed.")
        return crypto.open_sealed(
            self._wrapping_secret(), bytes(self.wrapped_key), crypto.wrap_context(self.situation_id)
        )

    def _wrapping_secret(self) -> bytes:
        if self.wrapping_key_id is None:
            return crypto.master_key_by_id(self.master_key_id).key
        wrapping = WrappingKey.objects.filter(pk=self.wrapping_key_id).first()
        if wrapping is None:
            raise crypto.VaultLocked("The wrapping key of this vault was destroyed.")
        return wrapping.key()

    def rewrap(self, wrapping: WrappingKey) -> None:
        """Wrap the same data key under ``wrapping``; the people's ciphertext does not change."""
        data_key = self.data_key()
        context = crypto.wrap_context(self.situation_id)
        self.wrapped_key = crypto.seal(wrapping.key(), data_key, context)
        self.wrapping_key = wrapping
        self.master_key_id = wrapping.master_key_id
        self.rotated_at = timezone.now()
        self.save(update_fields=["wrapped_key", "wrapping_key", "master_key_id", "rotated_at"])

    def destroy(self) -> None:
        self.wrapped_key = None
        self.wrapping_key = None
        self.master_key_id = ""
        self.destroyed_at = timezone.now()
        self.save(update_fields=["wrapped_key", "wrapping_key", "master_key_id", "destroyed_at"])


class PersonRole(models.TextChoices):
    AT_RISK = "at_risk", _("Person at risk")
    INVOLVED = "involved", _("Other person involved")


@dataclass
class Identity:
    """What the vault holds about one person. Only ever in memory, never stored in clear."""

    name: str = ""
    born_on: date | None = None
    address: str = ""
    contact: str = ""
    relationship: str = ""
    notes: str = ""

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def to_bytes(self) -> bytes:
        data = asdict(self)
        data["born_on"] = self.born_on.isoformat() if self.born_on else None
        return json.dumps(data, ensure_ascii=False).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> "Identity":
        data = json.loads(raw)
        born_on = date.fromisoformat(data["born_on"]) if data.get("born_on") else None
        known = {k: v for k, v in data.items() if k in cls.field_names() and k != "born_on"}
        return cls(born_on=born_on, **known)

    def changed_from(self, other: "Identity") -> list[str]:
        return [n for n in self.field_names() if getattr(self, n) != getattr(other, n)]

    def filled(self) -> list[str]:
        return [n for n in self.field_names() if getattr(self, n)]


class VaultPersonQuerySet(models.QuerySet):
    def of_situation(self, situation) -> "VaultPersonQuerySet":
        return self.filter(situation=situation).order_by("position")

    def live(self) -> "VaultPersonQuerySet":
        return self.filter(situation__vault_key__destroyed_at__isnull=True)


class VaultPerson(models.Model):
    """One person a situation is about, sealed with the situation's data key."""

    situation = models.ForeignKey(
        "situations.Situation", on_delete=models.CASCADE, related_name="vault_people"
    )
    position = models.PositiveSmallIntegerField()
    role = models.CharField(_("role"), max_length=20, choices=PersonRole.choices)
    sealed = models.BinaryField(editable=False)
    match_key = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = VaultPersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person in the vault")
        verbose_name_plural = _("people in the vault")
        ordering = ["situation", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["situation", "position"], name="vault_person_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """E.g. "RMT-0042-P1": names the person without identifying them."""
        return f"{self.situation.reference}-P{self.position}"

    @property
    def audit_label(self) -> str:
        """What the audit trail keeps of this object: its reference, which names no one."""
        return self.reference

    def seal(self, identity: Identity, data_key: bytes) -> None:
        context = crypto.person_context(self.situation_id)
        self.sealed = crypto.seal(data_key, identity.to_bytes(), context)

    def unseal(self, data_key: bytes) -> Identity:
        context = crypto.person_context(self.situation_id)
        return Identity.from_bytes(crypto.open_sealed(data_key, bytes(self.sealed), context))


class LegalBasis(ReferenceItem):
    """A provision allowing a disclosure. A default list ships; tables adapt it like the other
    reference lists (hide a default, add and retire their own), and past disclosures keep theirs.
    """

    name_fr = models.CharField(_("name (French)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)

    list_help = _(
        "Offered in the form that records a disclosure of identifying information. "
        "Past disclosures keep the legal basis they cite."
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(table__isnull=True),
                name="legal_basis_default_code",
            ),
            models.UniqueConstraint(fields=["table", "code"], name="legal_basis_table_code"),
        ]


class Imminence(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediate: within hours")
    DAYS = "days", _("Within 24 to 48 hours")
    WEEKS = "weeks", _("Within days or weeks")


class InformationKind(models.TextChoices):
    NAME = "name", _("Name")
    BORN_ON = "born_on", _("Date of birth")
    ADDRESS = "address", _("Address")
    CONTACT = "contact", _("Contact information")
    OTHER_PEOPLE = "other_people", _("Other people involved")
    HEALTH = "health", _("Health information")
    JUSTICE = "justice", _("Criminal or court information")
    OTHER = "other", _("Other information")


class DisclosureQuerySet(models.QuerySet):
    def of_table(self, table) -> "DisclosureQuerySet":
        return self.filter(situation__table=table)

    def for_register(self) -> "DisclosureQuerySet":
        return self.select_related(
            "situation__table__situation_settings",
            "person",
            "recipient_organization",
            "discloser_organization",
            "legal_basis",
            "recorded_by",
        ).order_by("-disclosed_at", "-pk")


class Disclosure(models.Model):
    """One sharing of identifying information with an agency, as the law asks to record it.

    The register holds no identity: the person is named by their vault reference, and the
    free-text fields are written without names (the form says so).
    """

    situation = models.ForeignKey(
        "situations.Situation", on_delete=models.PROTECT, related_name="disclosures"
    )
    person = models.ForeignKey(
        VaultPerson,
        verbose_name=_("person at risk"),
        on_delete=models.PROTECT,
        related_name="disclosures",
    )
    disclosed_at = models.DateTimeField(_("date and time of the disclosure"), default=timezone.now)
    discloser_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("disclosing agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("recipient agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient_name = models.CharField(_("recipient (person)"), max_length=200)
    danger = models.TextField(
        _("danger"),
        help_text=_("The act of violence or harm feared and how serious it is. Name nobody."),
    )
    imminence = models.CharField(_("imminence"), max_length=20, choices=Imminence.choices)
    information = models.JSONField(_("information disclosed"), default=list)
    information_details = models.CharField(
        _("details of the information disclosed"),
        max_length=300,
        blank=True,
        help_text=_("Only if the list above is not enough. Name nobody."),
    )
    legal_basis = models.ForeignKey(
        LegalBasis, verbose_name=_("legal basis"), on_delete=models.PROTECT, related_name="+"
    )
    consent_obtained = models.BooleanField(_("consent obtained"), default=False)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-disclosed_at", "-pk"]

    def __str__(self) -> str:
        return f"disclosure {self.pk} ({self.person_id})"

    def information_labels(self) -> list[str]:
        labels = dict(InformationKind.choices)
        return [str(labels[code]) for code in self.information if code in labels]


class ReadReason(models.TextChoices):
    """Why someone opens the vault. Stored with every view in the audit trail."""

    PLAN = "plan", _("Planning or carrying out the intervention")
    CONTACT = "contact", _("Contacting the person")
    SAFETY = "safety", _("Preventing imminent harm")
    VERIFY = "verify", _("Checking or correcting the information")
    DISCLOSE = "disclose", _("Recording a disclosure")
    OTHER = "other", _("Other reason")


class RepeatStatus(models.TextChoices):
    PENDING = "pending", _("To review")
    CONFIRMED = "confirmed", _("Confirmed repeat")
    DISMISSED = "dismissed", _("Not a repeat")


class PossibleRepeatQuerySet(models.QuerySet):
    def of_table(self, table) -> "PossibleRepeatQuerySet":
        return self.filter(situation__table=table)

    def pending(self) -> "PossibleRepeatQuerySet":
        return self.filter(status=RepeatStatus.PENDING)


class PossibleRepeat(models.Model):
    """Two situations of one table whose vaults hold the same person within 12 months.

    Found by the vault when someone saves a person, but never shown to them: the person saving
    may not be allowed to read the other vault, and telling them would confirm a guessed
    identity. The table's coordinator is told and decides with the agencies involved; only a
    confirmed match marks the later situation as a repeat.
    """

    situation = models.ForeignKey(
        "situations.Situation", on_delete=models.CASCADE, related_name="possible_repeats"
    )
    earlier = models.ForeignKey(
        "situations.Situation", on_delete=models.CASCADE, related_name="possible_repeated_by"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RepeatStatus.choices, default=RepeatStatus.PENDING
    )
    found_at = models.DateTimeField(_("found"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PossibleRepeatQuerySet.as_manager()

    class Meta:
        verbose_name = _("possible repeat")
        verbose_name_plural = _("possible repeats")
        ordering = ["-found_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["situation", "earlier"], name="possible_repeat_once")
        ]

    def __str__(self) -> str:
        return f"possible repeat {self.pk}"

    @property
    def is_pending(self) -> bool:
        return self.status == RepeatStatus.PENDING
