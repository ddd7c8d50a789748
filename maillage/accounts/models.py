from collections.abc import Iterator
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from maillage.core.audit import log_action

from .audit import USER_DEACTIVATE, USER_LANGUAGE, USER_PRIVACY_OFFICER, USER_REACTIVATE


class Language(models.TextChoices):
    FRENCH = "fr-ca", _("French")
    ENGLISH = "en-ca", _("English")


class User(AbstractUser):
    """A person who signs in: belongs to one or more organisations and sits at tables."""

    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.FRENCH
    )
    is_privacy_officer = models.BooleanField(
        _("privacy officer"),
        default=False,
        help_text=_("Audits access, keeps the incident register and runs retention."),
    )

    deactivated_at = models.DateTimeField(_("deactivated on"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised on"), null=True, blank=True)
    # Raised by the database each time is_active changes, however it is changed (service, admin,
    # SQL), and never lowered: see migration 0003. Every session carries a hash of it.
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    objects: ClassVar[UserManager["User"]] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_session_auth_hash(self) -> str:
        """The hash each session of this person holds; Django ends a session whose hash differs.

        It changes with the password (Django's rule) and with the session generation, so that a
        deactivation ends every session for good: reactivating the account revives none of them.
        Generation 0 gives Django's own hash, so existing sessions survive the upgrade.
        """
        return self._session_hash(settings.SECRET_KEY)

    def get_session_auth_fallback_hash(self) -> Iterator[str]:
        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret)

    def _session_hash(self, secret: str | bytes) -> str:
        value = self.password
        if self.session_generation:
            value = f"{value}:{self.session_generation}"
        salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        return salted_hmac(salt, value, secret=secret, algorithm="sha256").hexdigest()

    @transaction.atomic
    def deactivate(self, *, by: "User", request=None) -> None:
        """Stop this person from signing in; every session they have open ends (the database
        raises the session generation)."""
        self.is_active = False
        self.deactivated_at = timezone.now()
        self.save(update_fields=["is_active", "deactivated_at"])
        self.refresh_from_db(fields=["session_generation"])
        log_action(USER_DEACTIVATE, user=by, obj=self, fields=["is_active"], request=request)

    @transaction.atomic
    def reactivate(self, *, by: "User", request=None) -> None:
        """Let this person sign in again; no session from before the deactivation comes back."""
        self.is_active = True
        self.deactivated_at = None
        self.save(update_fields=["is_active", "deactivated_at"])
        self.refresh_from_db(fields=["session_generation"])
        log_action(USER_REACTIVATE, user=by, obj=self, fields=["is_active"], request=request)

    @transaction.atomic
    def set_privacy_officer(self, value: bool, *, by: "User", request=None) -> None:
        """Give or withdraw the privacy officer's role: access reports, retention, incidents."""
        self.is_privacy_officer = value
        self.save(update_fields=["is_privacy_officer"])
        log_action(
            USER_PRIVACY_OFFICER,
            user=by,
            obj=self,
            fields=["is_privacy_officer"],
            data={"privacy_officer": value},
            request=request,
        )

    def anonymise(self) -> None:
        """Forget who held this deactivated account once its retention period is over.

        The row stays so that the audit trail, seats history and records keep pointing at
        something; the name, e-mail and password go, and the user name becomes a neutral label.
        """
        self.username = f"former-user-{self.pk}"
        self.first_name = self.last_name = self.email = ""
        self.set_unusable_password()
        self.anonymised_at = timezone.now()
        self.save(
            update_fields=[
                "username",
                "first_name",
                "last_name",
                "email",
                "password",
                "anonymised_at",
            ]
        )
        from allauth.account.models import EmailAddress
        from allauth.mfa.models import Authenticator

        EmailAddress.objects.filter(user=self).delete()
        Authenticator.objects.filter(user=self).delete()

    @transaction.atomic
    def set_language(self, language: str, *, request=None) -> None:
        self.language = language
        self.save(update_fields=["language"])
        log_action(USER_LANGUAGE, user=self, obj=self, fields=["language"], request=request)
