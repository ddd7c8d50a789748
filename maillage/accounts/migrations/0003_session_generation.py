"""A person's session generation, raised by the database whenever is_active changes.

Every session holds a hash of the generation (``User.get_session_auth_hash``). A trigger, rather
than the deactivation service alone, raises it: an account switched off in the admin or in SQL,
then on again, must not find its old sessions alive. The generation never goes down, so an
update written from a stale copy of the row cannot revive them either.
"""

from django.db import migrations, models

POSTGRESQL_FORWARD = """
CREATE OR REPLACE FUNCTION accounts_user_session_generation() RETURNS trigger AS $$
BEGIN
    NEW.session_generation := GREATEST(OLD.session_generation, NEW.session_generation);
    IF NEW.is_active IS DISTINCT FROM OLD.is_active THEN
        NEW.session_generation := NEW.session_generation + 1;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER accounts_user_session_generation
    BEFORE UPDATE ON accounts_user
    FOR EACH ROW EXECUTE FUNCTION accounts_user_session_generation();
"""
POSTGRESQL_BACKWARD = """
DROP TRIGGER IF EXISTS accounts_user_session_generation ON accounts_user;
DROP FUNCTION IF EXISTS accounts_user_session_generation();
"""

SQLITE_FORWARD = [
    """
    CREATE TRIGGER accounts_user_session_generation
    AFTER UPDATE OF is_active ON accounts_user
    FOR EACH ROW WHEN OLD.is_active IS NOT NEW.is_active
    BEGIN
        UPDATE accounts_user
        SET session_generation = max(OLD.session_generation, NEW.session_generation) + 1
        WHERE id = NEW.id;
    END;
    """,
    """
    CREATE TRIGGER accounts_user_session_generation_kept
    AFTER UPDATE OF session_generation ON accounts_user
    FOR EACH ROW WHEN NEW.session_generation < OLD.session_generation
    BEGIN
        UPDATE accounts_user SET session_generation = OLD.session_generation WHERE id = NEW.id;
    END;
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS accounts_user_session_generation;",
    "DROP TRIGGER IF EXISTS accounts_user_session_generation_kept;",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FORWARD, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_BACKWARD, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_deactivation_dates")]
    operations = [
        migrations.AddField(
            model_name="user",
            name="session_generation",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(forward, backward),
    ]
