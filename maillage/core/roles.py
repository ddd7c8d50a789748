"""What the application's database role may do, so that it cannot rewrite the audit trail.

A migration role owns the tables (it runs ``maillage migrate``); the application connects with
a role that may read and write every table except the audit trail, where it may only SELECT,
INSERT, and UPDATE the columns of the chaining step and of redaction (the trigger then refuses any
other change of them). Without ownership it cannot disable the trigger, and without the TRUNCATE
or DELETE privilege it cannot empty the trail. ``maillage app_role_grants <role>`` prints these
statements for the operator to run as the owner after each ``migrate``.
"""

from django.db import connection

AUDIT_TABLE = "core_auditentry"
AUDIT_UPDATABLE = ("sequence", "prev_hash", "hash", "ip_address", "redaction_salt", "redacted_at")


def app_role_grants(role: str) -> list[str]:
    quote = connection.ops.quote_name
    role = quote(role)
    columns = ", ".join(quote(name) for name in AUDIT_UPDATABLE)
    return [
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {AUDIT_TABLE} FROM {role}",
        f"GRANT UPDATE ({columns}) ON {AUDIT_TABLE} TO {role}",
    ]
