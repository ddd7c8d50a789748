"""The legal bases Maillage ships with. Tables may add their own; none is ever deleted."""

from django.db import migrations

DEFAULT_LEGAL_BASES = [
    (
        "on_mfippa_32h",
        "Ontario — LAIMPVP (MFIPPA), al. 32 h) : circonstances impérieuses touchant la santé "
        "ou la sécurité d'une personne",
        "Ontario — MFIPPA s. 32(h): compelling circumstances affecting health or safety",
    ),
    (
        "on_fippa_42_1h",
        "Ontario — LAIPVP (FIPPA), al. 42 (1) h) : circonstances impérieuses touchant la santé "
        "ou la sécurité d'une personne",
        "Ontario — FIPPA s. 42(1)(h): compelling circumstances affecting health or safety",
    ),
    (
        "on_phipa_40_1",
        "Ontario — LPRPS (PHIPA), par. 40 (1) : éliminer ou réduire un risque important de "
        "blessure grave",
        "Ontario — PHIPA s. 40(1): eliminating or reducing a significant risk of serious "
        "bodily harm",
    ),
    (
        "qc_a21_59_1",
        "Québec — Loi sur l'accès (A-2.1), art. 59.1 : prévenir un acte de violence",
        "Québec — Access Act (A-2.1) s. 59.1: preventing an act of violence",
    ),
    (
        "qc_p391_18_1",
        "Québec — Loi sur la protection des renseignements personnels dans le secteur privé "
        "(P-39.1), art. 18.1 : prévenir un acte de violence",
        "Québec — Private Sector Act (P-39.1) s. 18.1: preventing an act of violence",
    ),
    (
        "qc_lpj_72_6",
        "Québec — Loi sur la protection de la jeunesse (LPJ), art. 72.6",
        "Québec — Youth Protection Act s. 72.6",
    ),
    (
        "consent",
        "Consentement de la personne",
        "Consent of the person",
    ),
    (
        "other",
        "Autre disposition (préciser dans les détails)",
        "Other provision (explain in the details)",
    ),
]


def add_defaults(apps, schema_editor):
    LegalBasis = apps.get_model("vault", "LegalBasis")
    for position, (code, name_fr, name_en) in enumerate(DEFAULT_LEGAL_BASES, start=1):
        LegalBasis.objects.update_or_create(
            code=code,
            table=None,
            defaults={"name_fr": name_fr, "name_en": name_en, "position": position * 10},
        )


class Migration(migrations.Migration):
    dependencies = [("vault", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
