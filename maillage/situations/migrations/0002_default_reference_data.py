"""The default reference set "2026.1", in the "Category – specific factor" form of Ontario's
Risk-driven Tracking Database. Items are only ever added or retired, never deleted."""

from django.db import migrations

VERSION = "2026.1"

RISK_FACTORS = [
    ("alcohol", "Alcool", "Alcohol", [
        ("alcohol_person", "consommation problématique de la personne", "alcohol abuse by person"),
        ("alcohol_household", "consommation problématique dans le ménage", "alcohol abuse in household"),
        ("alcohol_chronic", "dépendance chronique", "chronic alcohol dependency"),
        ("alcohol_refuses_help", "refuse l'aide offerte", "refuses help offered"),
    ]),
    ("drugs", "Drogues", "Drugs", [
        ("drugs_person", "consommation problématique de la personne", "drug abuse by person"),
        ("drugs_household", "consommation problématique dans le ménage", "drug abuse in household"),
        ("drugs_overdose", "surdose récente ou risque de surdose", "recent overdose or overdose risk"),
        ("drugs_trafficking", "exposition au trafic de drogues", "exposure to drug trafficking"),
    ]),
    ("mental_health", "Santé mentale", "Mental health", [
        ("mh_diagnosed", "problème de santé mentale diagnostiqué", "diagnosed mental health problem"),
        ("mh_suspected", "problème de santé mentale soupçonné", "suspected mental health problem"),
        ("mh_not_compliant", "ne suit pas le traitement prescrit", "not following prescribed treatment"),
        ("mh_household", "problème de santé mentale dans le ménage", "mental health problem in household"),
    ]),
    ("suicide", "Suicide", "Suicide", [
        ("suicide_ideation", "idées suicidaires", "suicidal ideation"),
        ("suicide_attempt", "tentative récente", "recent attempt"),
        ("suicide_threat", "menace de suicide", "threat of suicide"),
        ("suicide_affected", "touché par le suicide d'un proche", "affected by the suicide of someone close"),
    ]),
    ("self_harm", "Automutilation", "Self-harm", [
        ("self_harm_person", "automutilation de la personne", "person self-harming"),
        ("self_harm_threat", "menace d'automutilation", "threat of self-harm"),
        ("self_harm_escalating", "automutilation qui s'aggrave", "escalating self-harm"),
    ]),
    ("housing", "Logement", "Housing", [
        ("housing_homeless", "en situation d'itinérance", "homeless"),
        ("housing_eviction", "menace d'expulsion", "facing eviction"),
        ("housing_unsafe", "logement insalubre ou dangereux", "unsafe or unsanitary housing"),
        ("housing_transient", "logement instable ou temporaire", "transient or unstable housing"),
        ("housing_hoarding", "accumulation compulsive", "hoarding"),
    ]),
    ("basic_needs", "Besoins de base", "Basic needs", [
        ("basic_needs_own", "incapable de subvenir à ses propres besoins", "unable to meet own needs"),
        ("basic_needs_dependants", "incapable de subvenir aux besoins des personnes à charge", "unable to meet dependants' needs"),
        ("basic_needs_food", "insécurité alimentaire", "food insecurity"),
    ]),
    ("criminal_involvement", "Implication criminelle", "Criminal involvement", [
        ("crim_person", "implication criminelle de la personne", "criminal involvement by person"),
        ("crim_household", "implication criminelle dans le ménage", "criminal involvement in household"),
        ("crim_gang", "lien avec un gang", "gang association"),
        ("crim_breach", "bris de conditions", "breach of conditions"),
        ("crim_weapons", "accès à des armes", "access to weapons"),
    ]),
    ("crime_victimization", "Victimisation criminelle", "Crime victimization", [
        ("victim_assault", "victime de voies de fait", "assault victim"),
        ("victim_theft", "victime de vol ou de fraude", "victim of theft or fraud"),
        ("victim_exploitation", "victime d'exploitation", "victim of exploitation"),
        ("victim_trafficking", "victime de traite de personnes", "victim of human trafficking"),
    ]),
    ("physical_violence", "Violence physique", "Physical violence", [
        ("physical_person", "violence physique exercée par la personne", "physical violence by person"),
        ("physical_victim", "personne victime de violence physique", "person victim of physical violence"),
        ("physical_household", "violence physique dans le ménage", "physical violence in household"),
        ("physical_intimate", "violence entre partenaires intimes", "intimate partner violence"),
    ]),
    ("emotional_violence", "Violence psychologique", "Emotional violence", [
        ("emotional_person", "violence psychologique exercée par la personne", "emotional violence by person"),
        ("emotional_victim", "personne victime de violence psychologique", "person victim of emotional violence"),
        ("emotional_coercive", "contrôle coercitif", "coercive control"),
    ]),
    ("sexual_violence", "Violence sexuelle", "Sexual violence", [
        ("sexual_person", "violence sexuelle exercée par la personne", "sexual violence by person"),
        ("sexual_victim", "personne victime de violence sexuelle", "person victim of sexual violence"),
        ("sexual_exploitation", "exploitation sexuelle", "sexual exploitation"),
    ]),
    ("elder_abuse", "Maltraitance envers les aînés", "Elder abuse", [
        ("elder_physical", "maltraitance physique", "physical abuse"),
        ("elder_financial", "exploitation financière", "financial exploitation"),
        ("elder_neglect", "négligence", "neglect"),
        ("elder_self_neglect", "négligence de soi", "self-neglect"),
    ]),
    ("parenting", "Parentalité", "Parenting", [
        ("parenting_ineffective", "capacités parentales insuffisantes", "ineffective parenting"),
        ("parenting_conflict", "conflit parent-enfant", "parent-child conflict"),
        ("parenting_neglect", "négligence envers l'enfant", "child neglect"),
        ("parenting_youth_protection", "signalement à la protection de la jeunesse", "involvement of child protection"),
    ]),
    ("supervision", "Supervision", "Supervision", [
        ("supervision_inadequate", "supervision inadéquate", "inadequate supervision"),
        ("supervision_none", "aucune supervision d'un adulte", "no adult supervision"),
        ("supervision_curfew", "non-respect du couvre-feu", "curfew not respected"),
    ]),
    ("missing_runaway", "Disparition ou fugue", "Missing/runaway", [
        ("missing_person", "personne disparue", "missing person"),
        ("missing_runaway", "fugue", "runaway"),
        ("missing_repeated", "fugues répétées", "repeated runaway"),
    ]),
    ("negative_peers", "Pairs négatifs", "Negative peers", [
        ("peers_negative", "fréquente des pairs négatifs", "associating with negative peers"),
        ("peers_older", "fréquente des personnes plus âgées à risque", "associating with older at-risk people"),
        ("peers_gang", "pairs liés à un gang", "gang-involved peers"),
    ]),
    ("antisocial_behaviour", "Comportement antisocial ou négatif", "Antisocial/negative behaviour", [
        ("antisocial_person", "comportement de la personne", "person exhibiting"),
        ("antisocial_household", "comportement dans le ménage", "household member exhibiting"),
        ("antisocial_threats", "menaces envers autrui", "threats towards others"),
        ("antisocial_fire", "allumage d'incendies", "fire setting"),
    ]),
    ("truancy", "Absentéisme scolaire", "Truancy", [
        ("truancy_chronic", "absentéisme chronique", "chronic absenteeism"),
        ("truancy_suspended", "suspension ou expulsion", "suspension or expulsion"),
        ("truancy_dropout", "décrochage scolaire", "dropped out of school"),
    ]),
    ("unemployment", "Chômage", "Unemployment", [
        ("unemployment_person", "personne sans emploi", "person unemployed"),
        ("unemployment_household", "chômage dans le ménage", "unemployment in household"),
        ("unemployment_recent_loss", "perte d'emploi récente", "recent job loss"),
    ]),
    ("poverty", "Pauvreté", "Poverty", [
        ("poverty_person", "personne en situation de pauvreté", "person living in poverty"),
        ("poverty_household", "ménage en situation de pauvreté", "household living in poverty"),
        ("poverty_debt", "endettement important", "serious debt"),
    ]),
    ("gambling", "Jeu", "Gambling", [
        ("gambling_person", "jeu problématique de la personne", "problem gambling by person"),
        ("gambling_household", "jeu problématique dans le ménage", "problem gambling in household"),
    ]),
    ("cognitive_functioning", "Fonctionnement cognitif", "Cognitive functioning", [
        ("cognitive_disability", "déficience intellectuelle", "intellectual disability"),
        ("cognitive_dementia", "troubles neurocognitifs (démence)", "dementia"),
        ("cognitive_brain_injury", "traumatisme crânien", "brain injury"),
        ("cognitive_fasd", "trouble du spectre de l'alcoolisation fœtale", "fetal alcohol spectrum disorder"),
    ]),
    ("physical_health", "Santé physique", "Physical health", [
        ("health_chronic", "maladie chronique", "chronic illness"),
        ("health_no_care", "ne reçoit pas les soins nécessaires", "not receiving needed care"),
        ("health_mobility", "mobilité réduite", "reduced mobility"),
        ("health_pregnancy", "grossesse à risque", "pregnancy at risk"),
    ]),
    ("social_environment", "Environnement social", "Social environment", [
        ("social_isolation", "isolement social", "social isolation"),
        ("social_discrimination", "discrimination ou racisme vécu", "discrimination or racism experienced"),
        ("social_neighbourhood", "conflits de voisinage", "neighbourhood conflict"),
        ("social_bereavement", "deuil récent", "recent bereavement"),
    ]),
    ("public_safety", "Menace à la santé et à la sécurité publiques", "Threat to public health and safety", [
        ("public_safety_threat", "menace envers la sécurité publique", "threat to public safety"),
        ("public_safety_health", "risque pour la santé publique", "risk to public health"),
        ("public_safety_animals", "animaux en danger ou dangereux", "animals at risk or dangerous"),
    ]),
]

SIMPLE_LISTS = {
    "ProtectiveFactor": [
        ("family_support", "Soutien familial", "Family support"),
        ("positive_peers", "Pairs positifs", "Positive peers"),
        ("connected_services", "Déjà lié à des services", "Already connected to services"),
        ("school_engaged", "Engagement scolaire", "Engaged at school"),
        ("employment", "Emploi", "Employment"),
        ("stable_housing", "Logement stable", "Stable housing"),
        ("cultural_connection", "Lien culturel ou communautaire", "Cultural or community connection"),
        ("willing_help", "Ouvert à recevoir de l'aide", "Willing to accept help"),
        ("spiritual", "Ressources spirituelles", "Spiritual resources"),
    ],
    "StudyFlag": [
        ("opioids", "Opioïdes", "Opioids"),
        ("youth", "Jeunesse", "Youth"),
        ("seniors", "Aînés", "Seniors"),
        ("indigenous", "Autochtones", "Indigenous"),
        ("francophone", "Francophones", "Francophone"),
        ("covid", "Pandémie", "Pandemic"),
        ("rural", "Milieu rural", "Rural"),
    ],
    "AgeGroup": [
        ("0_5", "0 à 5 ans", "0 to 5"),
        ("6_11", "6 à 11 ans", "6 to 11"),
        ("12_17", "12 à 17 ans", "12 to 17"),
        ("18_24", "18 à 24 ans", "18 to 24"),
        ("25_29", "25 à 29 ans", "25 to 29"),
        ("30_39", "30 à 39 ans", "30 to 39"),
        ("40_59", "40 à 59 ans", "40 to 59"),
        ("60_plus", "60 ans et plus", "60 and over"),
        ("mixed", "Âges multiples (famille, groupe)", "Multiple ages (family, group)"),
        ("unknown", "Inconnu", "Unknown"),
    ],
    "Gender": [
        ("woman", "Femme", "Woman"),
        ("man", "Homme", "Man"),
        ("non_binary", "Non binaire ou bispirituel", "Non-binary or Two-Spirit"),
        ("mixed", "Plusieurs (famille, groupe)", "Multiple (family, group)"),
        ("unknown", "Inconnu", "Unknown"),
    ],
    "ConclusionCategory": [
        ("risk_lowered", "Risque global réduit", "Overall risk lowered"),
        ("connected", "Lié à des services", "Connected to services"),
        ("informed", "Informé des services", "Informed of services"),
        ("refused", "A refusé les services", "Refused services"),
        ("still_aer", "Toujours à risque aigu — autre", "Still at acutely elevated risk — other"),
        ("moved", "A déménagé ou injoignable", "Moved or unreachable"),
        ("other", "Autre", "Other"),
    ],
    "Service": [
        ("mental_health", "Santé mentale", "Mental health"),
        ("addictions", "Dépendances", "Addictions"),
        ("housing", "Logement", "Housing"),
        ("income_support", "Soutien au revenu", "Income support"),
        ("child_protection", "Protection de la jeunesse", "Child protection"),
        ("police", "Police", "Police"),
        ("health_care", "Soins de santé", "Health care"),
        ("victim_services", "Aide aux victimes", "Victim services"),
        ("shelter", "Maison d'hébergement", "Shelter"),
        ("education", "Éducation", "Education"),
        ("seniors", "Services aux aînés", "Seniors' services"),
        ("indigenous", "Services autochtones", "Indigenous services"),
        ("community", "Organisme communautaire", "Community organisation"),
        ("food", "Aide alimentaire", "Food assistance"),
    ],
}


def load(apps, schema_editor):
    RiskCategory = apps.get_model("situations", "RiskCategory")
    RiskFactor = apps.get_model("situations", "RiskFactor")
    for position, (code, name_fr, name_en, factors) in enumerate(RISK_FACTORS):
        category, _ = RiskCategory.objects.update_or_create(
            code=code,
            table=None,
            defaults={"name_fr": name_fr, "name_en": name_en, "position": position,
                      "introduced_in": VERSION},
        )
        for index, (factor_code, factor_fr, factor_en) in enumerate(factors):
            RiskFactor.objects.update_or_create(
                code=factor_code,
                table=None,
                defaults={"category": category, "name_fr": factor_fr, "name_en": factor_en,
                          "position": index, "introduced_in": VERSION},
            )
    for model_name, items in SIMPLE_LISTS.items():
        model = apps.get_model("situations", model_name)
        for position, (code, name_fr, name_en) in enumerate(items):
            model.objects.update_or_create(
                code=code,
                table=None,
                defaults={"name_fr": name_fr, "name_en": name_en, "position": position,
                          "introduced_in": VERSION},
            )


class Migration(migrations.Migration):
    dependencies = [("situations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
