"""Fixed demo content: real places, fictional people and agencies' plausible names."""

from dataclasses import dataclass

TERRITORIES = [
    # (key, name, kind, parent key)
    ("on", "Ontario", "province", None),
    ("qc", "Québec", "province", None),
    ("sudbury", "Grand Sudbury", "municipality", "on"),
    ("flour_mill", "Moulin-à-fleur", "neighbourhood", "sudbury"),
    ("donovan", "Donovan", "neighbourhood", "sudbury"),
    ("mtl_region", "Montréal", "region", "qc"),
    ("ciusss_centre", "CIUSSS du Centre-Sud-de-l'Île-de-Montréal", "health", "mtl_region"),
    ("hochelaga", "Hochelaga-Maisonneuve", "neighbourhood", "mtl_region"),
    ("laurentides", "Laurentides", "region", "qc"),
    ("antoine_labelle", "MRC d'Antoine-Labelle", "mrc", "laurentides"),
    ("mont_laurier", "Mont-Laurier", "municipality", "antoine_labelle"),
    ("css_pierre_neveu", "Centre de services scolaire Pierre-Neveu", "school_board", "laurentides"),
]

# (key, sector code, name_fr, name_en, acronym, territory keys, languages)
ORGANIZATIONS = [
    (
        "gsps",
        "police",
        "Service de police du Grand Sudbury",
        "Greater Sudbury Police Service",
        "GSPS",
        ["sudbury"],
        ["en", "fr"],
    ),
    (
        "hsn",
        "health",
        "Horizon Santé-Nord",
        "Health Sciences North",
        "HSN",
        ["sudbury"],
        ["en", "fr"],
    ),
    (
        "acsm",
        "mental_health",
        "ACSM Sudbury/Manitoulin",
        "CMHA Sudbury/Manitoulin",
        "CMHA",
        ["sudbury"],
        ["en", "fr"],
    ),
    (
        "cas",
        "child_welfare",
        "Société d'aide à l'enfance du district de Sudbury",
        "Children's Aid Society of the Districts of Sudbury",
        "CAS",
        ["sudbury"],
        ["en", "fr"],
    ),
    (
        "csc_nouvelon",
        "education",
        "Conseil scolaire catholique Nouvelon",
        "Nouvelon Catholic School Board",
        "CSCN",
        ["sudbury"],
        ["fr"],
    ),
    (
        "sudbury_housing",
        "housing",
        "Logement du Grand Sudbury",
        "Greater Sudbury Housing",
        "GSHC",
        ["sudbury"],
        ["en", "fr"],
    ),
    (
        "n_swakamok",
        "indigenous",
        "Centre d'amitié autochtone N'Swakamok",
        "N'Swakamok Native Friendship Centre",
        "NNFC",
        ["sudbury"],
        ["en", "indigenous"],
    ),
    (
        "sudbury_social",
        "municipal",
        "Services sociaux de la Ville du Grand Sudbury",
        "City of Greater Sudbury Social Services",
        "",
        ["sudbury"],
        ["en", "fr"],
    ),
    (
        "ems_sudbury",
        "emergency",
        "Services paramédicaux du Grand Sudbury",
        "Greater Sudbury Paramedic Services",
        "",
        ["sudbury"],
        ["en", "fr"],
    ),
    (
        "rainbow",
        "2slgbtq",
        "Centre arc-en-ciel du Nord",
        "Northern Rainbow Centre",
        "",
        ["sudbury"],
        ["en", "fr"],
    ),
    (
        "spvm",
        "police",
        "Service de police de la Ville de Montréal",
        "Montréal City Police Service",
        "SPVM",
        ["mtl_region"],
        ["fr", "en"],
    ),
    (
        "dpcp",
        "justice",
        "Directeur des poursuites criminelles et pénales",
        "Director of Criminal and Penal Prosecutions",
        "DPCP",
        ["qc"],
        ["fr", "en"],
    ),
    (
        "cavac",
        "justice",
        "CAVAC de Montréal",
        "Montréal Crime Victims Assistance Centre",
        "CAVAC",
        ["mtl_region"],
        ["fr", "en", "other"],
    ),
    (
        "maison_flora",
        "shelter",
        "Maison d'hébergement Flora",
        "Flora Shelter",
        "",
        ["mtl_region"],
        ["fr", "en", "other"],
    ),
    (
        "dpj_mtl",
        "child_welfare",
        "Direction de la protection de la jeunesse de Montréal",
        "Montréal Youth Protection",
        "DPJ",
        ["mtl_region"],
        ["fr", "en"],
    ),
    (
        "ciusss_csmtl",
        "health",
        "CIUSSS du Centre-Sud-de-l'Île-de-Montréal",
        "Centre-Sud-de-l'Île-de-Montréal CIUSSS",
        "CIUSSS",
        ["ciusss_centre"],
        ["fr", "en"],
    ),
    (
        "option_hommes",
        "community",
        "Option – Une alternative à la violence",
        "Option – An alternative to violence",
        "",
        ["mtl_region"],
        ["fr", "en"],
    ),
    (
        "cisss_laurentides",
        "health",
        "CISSS des Laurentides",
        "Laurentides CISSS",
        "CISSS",
        ["laurentides"],
        ["fr"],
    ),
    (
        "ville_mont_laurier",
        "municipal",
        "Ville de Mont-Laurier",
        "Town of Mont-Laurier",
        "",
        ["mont_laurier"],
        ["fr"],
    ),
    (
        "cdc_antoine_labelle",
        "community",
        "CDC des Hautes-Laurentides",
        "Hautes-Laurentides Community Development Corporation",
        "CDC",
        ["antoine_labelle"],
        ["fr"],
    ),
    (
        "css_pn",
        "education",
        "Centre de services scolaire Pierre-Neveu",
        "Pierre-Neveu School Service Centre",
        "CSSPN",
        ["css_pierre_neveu"],
        ["fr"],
    ),
    (
        "francoquebec",
        "francophone",
        "Centre francophone du Grand Sudbury",
        "Greater Sudbury Francophone Centre",
        "",
        ["sudbury"],
        ["fr"],
    ),
    (
        "other_ontario",
        "other",
        "Bureau régional de Service Ontario",
        "ServiceOntario Regional Office",
        "",
        ["on"],
        ["en", "fr"],
    ),
]

# (key, kind, name_fr, name_en, territory, cadence, terms of reference)
TABLES = [
    (
        "rmt",
        "situation",
        "Table de mobilisation rapide de Sudbury",
        "Sudbury Rapid Mobilization Table",
        "sudbury",
        "twice_weekly",
        "La table se réunit deux fois par semaine pour repérer les situations de risque aigu "
        "et mobiliser les organismes dans les 24 à 48 heures. Approche des quatre filtres.",
    ),
    (
        "cellule",
        "dv_cell",
        "Cellule d'action concertée en violence conjugale de Montréal",
        "Montréal Coordinated Action Cell on Domestic Violence",
        "mtl_region",
        "weekly",
        "Situations à haut risque d'homicide conjugal ou intrafamilial. Chaque partenaire "
        "désigne une personne et un substitut.",
    ),
    (
        "concertation",
        "concertation",
        "Table de développement social d'Antoine-Labelle",
        "Antoine-Labelle Social Development Table",
        "antoine_labelle",
        "monthly",
        "Concertation en sécurité alimentaire, logement et transport, accompagnée par "
        "l'organisation communautaire du CISSS des Laurentides.",
    ),
]

# (table key, organisation keys)
TABLE_ORGANIZATIONS = {
    "rmt": [
        "gsps",
        "hsn",
        "acsm",
        "cas",
        "csc_nouvelon",
        "sudbury_housing",
        "n_swakamok",
        "sudbury_social",
        "ems_sudbury",
        "rainbow",
        "francoquebec",
    ],
    "cellule": [
        "spvm",
        "dpcp",
        "cavac",
        "maison_flora",
        "dpj_mtl",
        "ciusss_csmtl",
        "option_hommes",
    ],
    "concertation": ["cisss_laurentides", "ville_mont_laurier", "cdc_antoine_labelle", "css_pn"],
}

# Tables that publish their suppressed figures to every signed-in person: Sudbury reports to
# the region's decision makers; the domestic violence cell and the concertation table do not.
PUBLISHING_TABLES = {"rmt"}

# The demo personas: (username, first, last, language, organisation, table, role, notes)
PEOPLE = [
    (
        "coordo",
        "Sophie",
        "Tremblay",
        "fr-ca",
        "sudbury_social",
        "rmt",
        "coordinator",
        "coordinator of the Sudbury situation table",
    ),
    (
        "presidence",
        "Daniel",
        "Bouchard",
        "fr-ca",
        "acsm",
        "rmt",
        "chair",
        "chair of the Sudbury situation table",
    ),
    (
        "membre",
        "Marc",
        "Gagnon",
        "fr-ca",
        "gsps",
        "rmt",
        "member",
        "police representative at the Sudbury table",
    ),
    (
        "substitut",
        "Karen",
        "Wilson",
        "en-ca",
        "gsps",
        "rmt",
        "member",
        "police substitute at the Sudbury table",
    ),
    (
        "observateur",
        "Julie",
        "Roy",
        "fr-ca",
        "csc_nouvelon",
        "rmt",
        "observer",
        "school board observer",
    ),
    ("sante", "Priya", "Singh", "en-ca", "hsn", "rmt", "member", "hospital representative"),
    (
        "cellule",
        "Nadia",
        "Benali",
        "fr-ca",
        "spvm",
        "cellule",
        "coordinator",
        "coordinator of the Montréal domestic violence cell",
    ),
    (
        "autre",
        "Luc",
        "Pelletier",
        "fr-ca",
        "cavac",
        "cellule",
        "member",
        "member of another table only",
    ),
    (
        "organisatrice",
        "Geneviève",
        "Lavoie",
        "fr-ca",
        "cisss_laurentides",
        "concertation",
        "coordinator",
        "community organiser accompanying the Antoine-Labelle table",
    ),
    (
        "sanstable",
        "Éric",
        "Morin",
        "fr-ca",
        "hsn",
        None,
        None,
        "works for an agency, no table; sees the figures Sudbury publishes",
    ),
    ("vieprivee", "Hélène", "Côté", "fr-ca", "sudbury_social", None, None, "privacy officer"),
    ("inactif", "Paul", "Girard", "fr-ca", "gsps", None, None, "deactivated account"),
]


@dataclass(frozen=True)
class History:
    """The past of one table: how many discussions each year, who brings and who leads them."""

    table: str  # key in TABLES
    per_year: tuple[int, ...]  # from the oldest year to the last twelve months
    rejected: float  # share of discussions where the table found no acutely elevated risk
    originating: dict[str, int]  # agency key: weight among the agencies that bring discussions
    lead: dict[str, int]  # agency key: weight among the lead agencies
    meeting_days: tuple[int, ...]  # weekdays the table sits (Monday is 0)
    meeting_time: tuple[int, int]  # hour and minute


# Sudbury reported about 875 discussions in its first five years: written on the first load so
# that its dashboards show figures and trends.
HISTORY = History(
    table="rmt",
    per_year=(150, 165, 175, 185, 200),
    rejected=0.04,
    originating={
        "gsps": 45,
        "acsm": 12,
        "cas": 10,
        "hsn": 8,
        "sudbury_social": 8,
        "csc_nouvelon": 6,
        "sudbury_housing": 5,
        "ems_sudbury": 3,
        "n_swakamok": 3,
    },
    lead={
        "acsm": 25,
        "cas": 15,
        "hsn": 14,
        "gsps": 12,
        "sudbury_housing": 10,
        "sudbury_social": 10,
        "n_swakamok": 6,
        "rainbow": 3,
        "francoquebec": 3,
        "csc_nouvelon": 2,
    },
    meeting_days=(0, 3),
    meeting_time=(10, 0),
)
