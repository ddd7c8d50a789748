"""Envelope encryption for the identity vault, three keys deep.

Each situation has its own random 256-bit data key, which encrypts the people's details
(AES-256-GCM). A wrapping key, one per month of vaults, wraps the data key; the master key from
``MAILLAGE_VAULT_KEY`` wraps the wrapping key (AES-256-GCM at each level).

Why the middle level: the master key lives as long as the service, so whatever it wraps can be
opened from any copy of the database ever made — a backup, a dump, an old row version still in
a table file. Wrapping keys are few and are destroyed on schedule; once one is gone, every copy
of the data keys it wrapped is noise, wherever that copy is. The associated data binds every
ciphertext to its situation (or wrapping key), so a blob copied from one row to another does
not decrypt.
"""

import base64
import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass
from datetime import date

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NONCE_BYTES = 12


class VaultLocked(Exception):
    """The data cannot be decrypted: unknown master key, destroyed key or tampered data."""


@dataclass(frozen=True)
class MasterKey:
    key: bytes

    @property
    def id(self) -> str:
        """A public fingerprint of the key, stored with each wrapped key to find it again."""
        return hashlib.sha256(b"maillage-vault-key-id:" + self.key).hexdigest()[:16]


def parse_master_key(value: str, name: str = "MAILLAGE_VAULT_KEY") -> MasterKey:
    try:
        key = base64.b64decode(value, validate=True)
    except ValueError:
        key = b""
    if len(key) != 32:
        raise ImproperlyConfigured(f"{name} must be the base64 of 32 random bytes.")
    return MasterKey(key)


def current_master_key() -> MasterKey:
    return parse_master_key(settings.MAILLAGE_VAULT_KEY)


def old_master_key() -> MasterKey | None:
    value = getattr(settings, "MAILLAGE_VAULT_KEY_OLD", "")
    return parse_master_key(value, "MAILLAGE_VAULT_KEY_OLD") if value else None


def master_key_by_id(key_id: str) -> MasterKey:
    """The configured master key with this id: the current one or, while rotating, the old one."""
    for candidate in (current_master_key(), old_master_key()):
        if candidate is not None and candidate.id == key_id:
            return candidate
    raise VaultLocked(f"No configured master key has the id {key_id}.")


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def seal(key: bytes, plaintext: bytes, context: str) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, context.encode())


def open_sealed(key: bytes, blob: bytes, context: str) -> bytes:
    if len(blob) <= NONCE_BYTES:
        raise VaultLocked("Nothing to decrypt.")
    try:
        return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], context.encode())
    except InvalidTag:
        raise VaultLocked("The data does not decrypt with this key.") from None


def wrapping_key_context(wrapping_key_id: int) -> str:
    return f"maillage-vault-wrapping-key:{wrapping_key_id}"


def wrap_context(situation_id: int) -> str:
    return f"maillage-vault-wrap:{situation_id}"


def person_context(situation_id: int) -> str:
    return f"maillage-vault-person:{situation_id}"


def normalise_name(name: str) -> str:
    """Lower case, no accents, no punctuation, words sorted: "Tremblay, Ève" = "eve tremblay"."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(sorted(letters.split()))


def table_match_key(master: MasterKey, table_id: int) -> bytes:
    """A key of its own for each table, so match keys never compare across tables."""
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"maillage-vault-match",
        info=f"table:{table_id}".encode(),
    ).derive(master.key)


def match_key(master: MasterKey, table_id: int, name: str, born_on: date | None) -> str:
    """Keyed hash of name and date of birth, or "" when either is missing (no guessing)."""
    normalised = normalise_name(name)
    if not normalised or born_on is None:
        return ""
    message = f"{normalised}|{born_on.isoformat()}".encode()
    return hmac.new(table_match_key(master, table_id), message, hashlib.sha256).hexdigest()
