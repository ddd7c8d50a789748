from django.core.management.base import BaseCommand

from maillage.core.roles import app_role_grants


class Command(BaseCommand):
    help = (
        "Print the GRANT statements for the application's database role (run them as the owner "
        "after each migrate): everything on every table, but only SELECT, INSERT and the "
        "chaining and redaction columns on the audit trail."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("role", help="The role the application connects with.")

    def handle(self, *args, role: str, **options) -> None:
        for statement in app_role_grants(role):
            self.stdout.write(statement + ";")
