"""The test suite empties its throw-away PostgreSQL database between some tests with TRUNCATE,
which the audit trail's trigger refuses unless the session says it means it."""

from django.db.backends.signals import connection_created


def allow_emptying_the_test_database(sender, connection, **kwargs) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET maillage.allow_audit_truncate = on")


connection_created.connect(allow_emptying_the_test_database)
