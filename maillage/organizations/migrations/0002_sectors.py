from django.db import migrations

SECTORS = [
    ("education", "Éducation", "Education"),
    ("health", "Santé", "Health"),
    ("emergency", "Services d'urgence", "Emergency services"),
    ("police", "Police", "Police"),
    ("mental_health", "Santé mentale et dépendances", "Mental health and addictions"),
    ("child_welfare", "Protection de la jeunesse", "Child welfare / youth protection"),
    ("indigenous", "Autochtone", "Indigenous"),
    ("francophone", "Francophone", "Francophone"),
    ("2slgbtq", "2SLGBTQ+", "2SLGBTQ+"),
    ("municipal", "Services sociaux municipaux", "Municipal social services"),
    ("housing", "Logement", "Housing"),
    ("justice", "Justice", "Justice"),
    ("shelter", "Maisons d'hébergement", "Shelters"),
    ("community", "Organisme communautaire", "Community organisation"),
    ("other", "Autre", "Other"),
]


def load(apps, schema_editor):
    Sector = apps.get_model("organizations", "Sector")
    for position, (code, name_fr, name_en) in enumerate(SECTORS):
        Sector.objects.update_or_create(
            code=code, defaults={"name_fr": name_fr, "name_en": name_en, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
