"""The community organising demo: a CISSS team of five organisers in the Laurentides.

Three years of support requests from community organisations, with their activities, and eight
development projects spread over the four stages, each with a logic model and indicators. Written
in bulk: the point is a realistic picture to explore, not the audit trail of three years.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from maillage.organizations.models import Membership, Organization, Sector, Territory
from maillage.organizing.models import (
    Activity,
    Axis,
    Intensity,
    OrganizingTeam,
    Outcome,
    RequestStatus,
    Satisfaction,
    Source,
    SupportKind,
    SupportRequest,
    TeamMember,
    TeamRole,
)
from maillage.organizing.projects import (
    Determinant,
    GuidingQuestion,
    Indicator,
    IndicatorValue,
    LogicRow,
    Project,
    ProjectPartner,
    Stage,
    StageAnswer,
    StageChange,
)

ORGANISERS = [
    # username, first name, last name
    ("organisateur2", "Mathieu", "Gagnon"),
    ("organisatrice3", "Amélie", "Ouellet"),
    ("organisateur4", "Karim", "Benali"),
    ("gestionnaire_oc", "Julie", "Morin"),
]
COMMUNITY = [
    "Maison de la famille de la Lièvre",
    "Comptoir alimentaire de Ferme-Neuve",
    "Centre d'action bénévole Léonie-Bélanger",
    "Maison des jeunes de Mont-Laurier",
    "Association des personnes handicapées de la Lièvre",
    "Coopérative de solidarité en habitation du Haut-Lièvre",
    "Regroupement des aînés de Lac-des-Écorces",
    "Centre de femmes Liberté",
    "Table de sécurité alimentaire d'Antoine-Labelle",
    "Club de marche de Rivière-Rouge",
]
PROJECTS = [
    ("Cuisines collectives du Haut-Lièvre", Stage.INITIATION, ["food", "income"]),
    ("Transport collectif rural", Stage.INITIATION, ["transport", "exclusion"]),
    ("Logement abordable à Mont-Laurier", Stage.PLANNING, ["housing", "income"]),
    ("Halte-garderie communautaire", Stage.PLANNING, ["early_childhood", "social_support"]),
    ("Jardins collectifs de Ferme-Neuve", Stage.IMPLEMENTATION, ["food", "social_support"]),
    ("Persévérance scolaire dans la Lièvre", Stage.IMPLEMENTATION, ["schooling"]),
    ("Aînés actifs et reliés", Stage.EVALUATION, ["exclusion", "social_support"]),
    ("Accueil des nouveaux arrivants", Stage.EVALUATION, ["employment", "exclusion"]),
]
LOGIC = [
    ("resources", "Organisatrice, local prêté, subvention"),
    ("activities", "Rencontres de mobilisation"),
    ("activities", "Ateliers mensuels"),
    ("outputs", "Douze ateliers par année"),
    ("short", "Les participants se connaissent"),
    ("medium", "Entraide régulière"),
    ("long", "Moins d'isolement"),
]


def _people(team: OrganizingTeam, cisss: Organization, password: str) -> list:
    User = get_user_model()
    organisatrice = User.objects.get(username="organisatrice")
    people = [organisatrice]
    TeamMember.objects.create(team=team, user=organisatrice, role=TeamRole.ORGANISER)
    for username, first, last in ORGANISERS:
        person = User.objects.create(
            username=username,
            first_name=first,
            last_name=last,
            language="fr-ca",
            email=f"{username}@demo.maillage.example",
            password=password,
        )
        Membership.objects.create(user=person, organization=cisss)
        manager = username.startswith("gestionnaire")
        TeamMember.objects.create(
            team=team, user=person, role=TeamRole.MANAGER if manager else TeamRole.ORGANISER
        )
        if not manager:
            people.append(person)
    return people


def _community(territory: Territory) -> list[Organization]:
    sector = Sector.objects.get(code="community")
    found = []
    for name in COMMUNITY:
        organization = Organization.objects.create(name_fr=name, name_en=name, sector=sector)
        organization.territories.add(territory)
        found.append(organization)
    return found


def _requests(team, organisers, organizations, rng: random.Random) -> None:
    kinds = list(SupportKind.objects.all())
    intensities = list(Intensity.objects.all())
    now = timezone.now()
    made = []
    for n in range(120):
        received = now - timedelta(days=rng.randint(1, 3 * 365))
        age = (now - received).days
        status = (
            RequestStatus.RECEIVED
            if age < 10
            else rng.choices(
                [
                    RequestStatus.CLOSED,
                    RequestStatus.ACCEPTED,
                    RequestStatus.REDIRECTED,
                    RequestStatus.DECLINED,
                ],
                weights=[60, 25 if age < 300 else 0, 10, 5],
            )[0]
        )
        accompanied = status in (RequestStatus.ACCEPTED, RequestStatus.CLOSED)
        made.append(
            SupportRequest(
                team=team,
                organization=rng.choice(organizations),
                contact_name="Direction générale",
                contact_email=f"direction{n}@organisme.example",
                need="Accompagnement demandé par le conseil d'administration.",
                kind=rng.choice(kinds),
                source=rng.choice(list(Source.values)),
                received_at=received,
                status=status,
                triaged_at=None
                if status == RequestStatus.RECEIVED
                else received + timedelta(days=3),
                triage_reason=""
                if accompanied or status == RequestStatus.RECEIVED
                else "Hors mandat",
                redirected_to="Corporation de développement communautaire"
                if status == RequestStatus.REDIRECTED
                else "",
                organiser=rng.choice(organisers) if accompanied else None,
                axis=rng.choice([Axis.ORGANIZATIONS] * 3 + list(Axis.values))
                if accompanied
                else "",
                intensity=rng.choice(intensities) if accompanied else None,
                closed_at=received + timedelta(days=rng.randint(30, 200))
                if status == RequestStatus.CLOSED
                else None,
                outcome=rng.choice(list(Outcome.values)) if status == RequestStatus.CLOSED else "",
                what_changed="Nouveaux règlements adoptés."
                if status == RequestStatus.CLOSED
                else "",
            )
        )
    SupportRequest.objects.bulk_create(made)
    activities, answers = [], []
    for found in SupportRequest.objects.filter(team=team, organiser__isnull=False):
        start = timezone.localtime(found.received_at).date() + timedelta(days=5)
        end = timezone.localtime(found.closed_at).date() if found.closed_at else date.today()
        for _ in range(rng.randint(2, 9)):
            span = max((end - start).days, 0)
            activities.append(
                Activity(
                    request=found,
                    on=min(start + timedelta(days=rng.randint(0, span)), date.today()),
                    kind=rng.choice(["meeting", "accompaniment", "phone", "document", "training"]),
                    minutes=rng.choice([30, 60, 90, 120, 180]),
                    participants=rng.randint(1, 12),
                    organiser=found.organiser,
                )
            )
        if found.status == RequestStatus.CLOSED and rng.random() < 0.6:
            answers.append(
                Satisfaction(
                    request=found,
                    usefulness=rng.randint(3, 5),
                    listening=rng.randint(3, 5),
                    autonomy=rng.randint(2, 5),
                )
            )
    Activity.objects.bulk_create(activities)
    Satisfaction.objects.bulk_create(answers)


def _projects(team, organisers, organizations, territory, concertation, rng) -> None:
    today = date.today()
    for index, (title, stage, determinants) in enumerate(PROJECTS):
        started = today - timedelta(days=200 + 150 * index)
        project = Project.objects.create(
            team=team,
            title=title,
            stage=stage,
            started_on=started,
            populations="Familles, aînés et jeunes du territoire",
            summary="Démarche de développement des communautés portée avec les partenaires.",
        )
        project.territories.add(territory)
        project.tables.add(concertation)
        project.determinants.set(Determinant.objects.filter(code__in=determinants))
        for step in range(1, stage + 1):
            StageChange.objects.create(
                project=project,
                from_stage=step - 1 or None,
                to_stage=step,
                on=timezone.make_aware(
                    datetime.combine(started + timedelta(days=120 * (step - 1)), time(9))
                ),
                by=rng.choice(organisers),
            )
        for question in GuidingQuestion.objects.filter(stage__lte=stage):
            StageAnswer.objects.create(
                project=project, question=question, text="Réponse travaillée en comité."
            )
        ProjectPartner.objects.create(
            project=project, organization=organizations[index], role="lead"
        )
        LogicRow.objects.bulk_create(
            LogicRow(project=project, level=level, text=text, position=n)
            for n, (level, text) in enumerate(LOGIC)
        )
        indicator = Indicator.objects.create(
            project=project,
            name="Personnes rejointes",
            group="how_much",
            unit="personnes",
            polarity="higher",
            minimum=0,
            baseline=Decimal(20),
            baseline_on=started,
            target=Decimal(120),
            target_on=started + timedelta(days=1200),
        )
        IndicatorValue.objects.bulk_create(
            IndicatorValue(
                indicator=indicator,
                on=started + timedelta(days=90 * q),
                value=Decimal(20 + q * rng.randint(3, 9)),
            )
            for q in range(1, max(2, (today - started).days // 90))
        )


def load(
    *, organizations: dict, territories: dict, tables: dict, password: str, rng: random.Random
) -> None:
    cisss = organizations["cisss_laurentides"]
    territory = territories["antoine_labelle"]
    team = OrganizingTeam.objects.create(
        organization=cisss,
        name_fr="Organisation communautaire — CISSS des Laurentides",
        name_en="Community organising — CISSS des Laurentides",
        email="oc@cisss-laurentides.example.org",
    )
    team.territories.add(territories["laurentides"], territory)
    organisers = _people(team, cisss, password)
    community = _community(territory)
    _requests(team, organisers, community, rng)
    _projects(team, organisers, community, territory, tables["concertation"], rng)
