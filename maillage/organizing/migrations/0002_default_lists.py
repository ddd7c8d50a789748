"""The kinds of support and intensities Maillage ships with; each team's managers may add more."""

from django.db import migrations

KINDS = [
    ("governance", "Gouvernance du conseil d'administration", "Board governance"),
    ("agm", "Assemblée générale annuelle", "Annual general meeting"),
    ("strategic_planning", "Planification stratégique", "Strategic planning"),
    ("project", "Développement de projet", "Project development"),
    ("funding", "Demande de financement", "Funding application"),
    ("partnership", "Développement de partenariats", "Partnership building"),
    ("evaluation", "Évaluation", "Evaluation"),
    ("mobilisation", "Mobilisation citoyenne", "Citizen mobilisation"),
    ("other", "Autre", "Other"),
]
INTENSITIES = [
    ("one_off", "Ponctuelle", "One-off"),
    ("short_term", "Court terme (moins de trois mois)", "Short term (under three months)"),
    ("long_term", "Long terme", "Long term"),
]


def load(apps, schema_editor):
    for model_name, rows in (("SupportKind", KINDS), ("Intensity", INTENSITIES)):
        model = apps.get_model("organizing", model_name)
        for position, (code, fr, en) in enumerate(rows):
            model.objects.update_or_create(
                code=code, defaults={"name_fr": fr, "name_en": en, "position": position}
            )


class Migration(migrations.Migration):
    dependencies = [("organizing", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
