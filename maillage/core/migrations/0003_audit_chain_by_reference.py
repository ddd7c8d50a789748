"""The audit trail keeps references, not names, and is chained after commit under a key.

Existing entries are checked against their old (unkeyed) chain first: the upgrade refuses to go on
over a broken trail, so it cannot launder a change made before it. Their user names and
descriptions are dropped (a description is kept as the label only where it is a public reference),
so is any free text in their details (a vault reader's note), and they are chained again, in
order, under ``AUDIT_CHAIN_KEY``.

On PostgreSQL the trigger then refuses every UPDATE except the chaining step (an unchained entry
receiving its place and hash) and redaction (blanking the address, whose digest stays), every
DELETE, and every TRUNCATE unless the session deliberately sets ``maillage.allow_audit_truncate``
(the test suite empties its throw-away database so; the application's role has no TRUNCATE
privilege at all, docs/security.md).
"""

import hashlib
import json
import re
import secrets

from django.conf import settings
from django.db import migrations, models

from maillage.core.models import redactable_digest, seal

REFERENCE_TYPES = ("situations.situation", "vault.vaultperson", "situations.vaultperson")
# What ``log_action`` accepts in details from now on; other strings (free text) are dropped.
CODE_VALUE = re.compile(r"[\w.:+/@-]{0,64}")


def _codes_only(value):
    if isinstance(value, dict):
        return {k: _codes_only(v) for k, v in value.items() if not _is_text(v)}
    if isinstance(value, list):
        return [_codes_only(v) for v in value if not _is_text(v)]
    return value


def _is_text(value) -> bool:
    return isinstance(value, str) and not CODE_VALUE.fullmatch(value)

DROP_OLD_TRIGGER = """
DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry;
DROP FUNCTION IF EXISTS core_auditentry_refuse_change();
"""

GUARD = """
CREATE OR REPLACE FUNCTION core_auditentry_guard() RETURNS trigger AS $$
DECLARE
    chain_columns text[] := ARRAY['sequence', 'prev_hash', 'hash'];
    redactable_columns text[] := ARRAY['ip_address', 'redaction_salt', 'redacted_at'];
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- Chaining: an unchained entry receives its place and hash, and nothing else changes.
        IF OLD.sequence IS NULL AND NEW.sequence IS NOT NULL AND NEW.hash <> ''
           AND to_jsonb(NEW) - chain_columns = to_jsonb(OLD) - chain_columns THEN
            RETURN NEW;
        END IF;
        -- Redaction: the address and its salt are blanked; their digest stays in the chain.
        IF OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
           AND NEW.ip_address IS NULL AND NEW.redaction_salt = ''
           AND to_jsonb(NEW) - redactable_columns = to_jsonb(OLD) - redactable_columns THEN
            RETURN NEW;
        END IF;
    END IF;
    IF TG_OP = 'TRUNCATE'
       AND current_setting('maillage.allow_audit_truncate', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit entries are append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditentry_append_only
    BEFORE UPDATE OR DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_guard();
CREATE TRIGGER core_auditentry_no_truncate
    BEFORE TRUNCATE ON core_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_guard();
"""

DROP_GUARD = """
DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry;
DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry;
DROP FUNCTION IF EXISTS core_auditentry_guard();
"""


def _postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


def _old_hash(entry) -> str:
    content = {
        "prev": entry.prev_hash,
        "at": entry.at.isoformat(),
        "actor": entry.actor_id,
        "actor_label": entry.actor_label,
        "organization": entry.organization_id,
        "table": entry.table_id,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "fields": entry.fields,
        "data": entry.data,
        "ip": entry.ip_address,
    }
    encoded = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def rechain(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    key = settings.AUDIT_CHAIN_KEY.encode()
    prev_old = new_prev = "0" * 64
    for sequence, entry in enumerate(AuditEntry.objects.order_by("id").iterator(), start=1):
        if entry.prev_hash != prev_old or _old_hash(entry) != entry.hash:
            raise RuntimeError(
                f"The audit trail is broken at entry #{entry.pk}; restore it before upgrading."
            )
        prev_old = entry.hash
        if entry.object_type in REFERENCE_TYPES:
            entry.label = entry.object_repr[:64]
        entry.data = _codes_only(entry.data)
        entry.redaction_salt = secrets.token_hex(16) if entry.ip_address else ""
        entry.redactable_digest = redactable_digest(entry.redaction_salt, entry.ip_address)
        entry.sequence, entry.prev_hash = sequence, new_prev
        entry.hash = new_prev = seal(key, entry)
        entry.save()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_append_only")]

    operations = [
        migrations.RunPython(_postgres(DROP_OLD_TRIGGER), migrations.RunPython.noop),
        migrations.AddField(
            model_name="auditentry",
            name="label",
            field=models.CharField(blank=True, max_length=64, verbose_name="reference"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="redaction_salt",
            field=models.CharField(blank=True, max_length=32),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="redactable_digest",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="redacted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="redacted on"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="sequence",
            field=models.PositiveBigIntegerField(blank=True, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.RunPython(rechain, migrations.RunPython.noop),
        migrations.RemoveField(model_name="auditentry", name="actor_label"),
        migrations.RemoveField(model_name="auditentry", name="object_repr"),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(
                condition=models.Q(("sequence__isnull", True)),
                fields=["id"],
                name="core_audit_unchained",
            ),
        ),
        migrations.RunPython(_postgres(GUARD), _postgres(DROP_GUARD)),
    ]
