"""The determinants and guiding questions Maillage ships with; each may be edited or retired."""

from django.db import migrations

DETERMINANTS = [
    ("income", "Revenu", "Income"),
    ("schooling", "Scolarité", "Schooling"),
    ("employment", "Emploi et conditions de travail", "Employment and working conditions"),
    ("housing", "Logement", "Housing"),
    ("exclusion", "Exclusion sociale", "Social exclusion"),
    ("stress", "Stress", "Stress"),
    ("social_support", "Soutien social", "Social support"),
    ("transport", "Transport", "Transport"),
    ("food", "Sécurité alimentaire", "Food security"),
    ("early_childhood", "Développement de la petite enfance", "Early childhood development"),
    ("environment", "Environnement physique", "Physical environment"),
    ("health_services", "Accès aux services", "Access to services"),
]
# Seed 001: for each stage, what set it off, how long it takes, what to work out, what was learned.
QUESTIONS = {
    1: [
        ("Qu'est-ce qui a déclenché la démarche, et qui l'a portée ?",
         "What set the process off, and who carried it?"),
        ("Quel portrait de la communauté a-t-on dressé, avec qui ?",
         "What picture of the community was drawn, and with whom?"),
    ],
    2: [
        ("Quelles priorités la communauté a-t-elle retenues ?",
         "Which priorities did the community choose?"),
        ("Qui fait quoi, avec quelles ressources et dans quels délais ?",
         "Who does what, with which resources and by when?"),
    ],
    3: [
        ("Qu'est-ce qui avance, et qu'est-ce qui bloque ?", "What moves forward, and what is stuck?"),
        ("Comment la participation des citoyens et des partenaires se maintient-elle ?",
         "How is the participation of citizens and partners kept up?"),
    ],
    4: [
        ("Qu'est-ce qui a changé pour la communauté ?", "What changed for the community?"),
        ("Qu'a-t-on appris, pour la suite et pour les autres ?",
         "What was learned, for what comes next and for others?"),
    ],
}


def load(apps, schema_editor):
    Determinant = apps.get_model("organizing", "Determinant")
    for position, (code, fr, en) in enumerate(DETERMINANTS):
        Determinant.objects.update_or_create(
            code=code, defaults={"name_fr": fr, "name_en": en, "position": position}
        )
    GuidingQuestion = apps.get_model("organizing", "GuidingQuestion")
    if not GuidingQuestion.objects.exists():
        for stage, questions in QUESTIONS.items():
            for position, (fr, en) in enumerate(questions):
                GuidingQuestion.objects.create(
                    stage=stage, text_fr=fr, text_en=en, position=position
                )


class Migration(migrations.Migration):
    dependencies = [("organizing", "0003_development_projects")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
