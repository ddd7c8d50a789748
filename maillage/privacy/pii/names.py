"""Person names: spaCy's French NER, cleaned up, plus cues that also hold in English text.

The French model misses or mangles names in English sentences, so names are also found from
cues that do not depend on the language model: a title ('Mme', 'Mr.'), a role or kinship word
('client', 'locateur', 'her son', 'Tyrell's father', 'la mère de Jayden'), a verb of speech or
contact or a preposition that introduces a person ('spoke with', 'selon', 'accompagnée de'), a
known given name (``first_names.py``), or an age right after the name ('(54 ans)'). Words of
agency, programme and place names stop a name ('Karima Benhaddou du CIUSSS', 'Elizabeth Fry
Society').
"""

import re

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from .first_names import is_ambiguous, is_first_name, is_local_first_name
from .spans import PERSON

LANGUAGE = "fr"

# One name word: 'Caron', 'Pierre-Luc', 'O'Brien', 'McDonald', 'LeBlanc', 'TREMBLAY'.
_UPPER = "A-ZÀ-ÖØ-Ý"
_LOWER = "a-zà-öø-ÿ"
_NAME_WORD = (
    rf"(?:[{_UPPER}](?:[{_LOWER}]+|['’][{_UPPER}])[{_LOWER}]*(?:[{_UPPER}][{_LOWER}]+)?"
    rf"(?:-[{_UPPER}][{_LOWER}]+)*|[{_UPPER}]{{2,}}(?:-[{_UPPER}]{{2,}})*)"
)
_PARTICLE = r"(?:(?:de|du|des|van|von|der|ben|bin|el|al|da|dos|di|le|la)\s+)"
_FULL_NAME = rf"{_NAME_WORD}(?:\s+{_PARTICLE}?{_NAME_WORD}){{0,2}}"

_TITLES = (
    r"(?:M\.|MM\.|Mme|Mmes|Mlle|Mr\.?|Mrs\.?|Ms\.?|Mx\.?|Miss|Dr\.?|Dre|Me|Monsieur|Madame"
    r"|Mademoiselle|Sir|Sgt\.?|Sgte|Sergent|Sergente|Cpl\.?|Cst\.?|Agt\.?|Insp\.?|Det\.?|Prof\.?)"
)
_ROLES = (
    r"(?:client|cliente|usager|usagère|patient|patiente|locateur|locatrice|propriétaire"
    r"|locataire|landlord|tenant|mère|père|frère|s(?:œ|oe)ur|fils|fille|conjoint|conjointe"
    r"|ex-conjoint|ex-conjointe|partenaire|copain|copine|mother|father|brother|sister"
    r"|daughter|partner|husband|wife|boyfriend|girlfriend|voisin|voisine|neighbou?r"
    r"|grand-mère|grand-père|grandmother|grandfather|oncle|tante|uncle|aunt|cousin|cousine"
    r"|élève|student|jeune|youth|enfant|child|victime|victim|suspect|suspecte|agresseur"
    r"|nommée?|dénommée?|prénommée?|named|called|intervenante?|worker|infirmière?|nurse"
    r"|policière?|agente?|officer|constable|sergent|sergeant|enquêteur|enquêtrice|detective"
    r"|travailleuse|travailleur|éducatrice|éducateur|médecin|doctor|parent|guardian|tuteur"
    r"|tutrice|résidente?|resident|ami|amie|friend|employeur|employer"
    r"|principal|principale|directeur|directrice|director|manager|gestionnaire"
    r"|enseignante?|teacher|vice-principal|caregiver|aidante?|proche\s+aidante?|elder|aîné|aînée"
    r"|avocate?|lawyer|interprète|interpreter|coloc|colocataire|roommate|chum|blonde"
    r"|beau-père|belle-mère|demi-frère|demi-s(?:œ|oe)ur|petit-fils|petite-fille|neveu|nièce"
    r"|stepfather|stepmother|grandson|granddaughter|nephew|niece|baby|bébé|ex"
    r"|(?:her|his|their|my|our|your)\s+son)"
)
# Verbs of speech or contact and prepositions that introduce a person in a note.
_CUES = (
    r"(?:spoke|speaking|talked|talking|met|meeting|called|phoned|visited|texted|e-?mailed"
    r"|contacted|reached|interviewed|saw|seen|told|asked|drove|accompanied|according\s+to"
    r"|reported\s+by|referred\s+by|signed\s+by|selon|chez|avec|auprès\s+de|d['’]après"
    r"|accompagnée?s?|rencontrée?s?|parlé|jointe?|contactée?|appelée?|signalée?\s+par"
    r"|référée?\s+par|vue?|visitée?)"
)
_LINK_WORDS = r"(?:(?:with|to|by|à|avec|de|par)\s+)?"
# '(54 ans)', ', 32 years old', or a bare ', 15,' as in 'Jayden Moose, 15, skipped school'.
_AGE_AFTER = r"(?=\s*(?:(?:\(\s*|,\s*)\d{1,3}\s*(?:ans|an|years?|yrs?|y/?o)\b|,\s*\d{1,2}\s*,))"

# Family words that name someone by their relation to a person: 'Tyrell's father',
# 'la mère de Jayden'.
_KIN = (
    r"(?:mother|father|mom|mum|dad|mama|papa|parents?|brother|sister|son|daughter|aunt|uncle"
    r"|grandmother|grandfather|grandma|grandpa|granny|cousin|husband|wife|boyfriend"
    r"|girlfriend|stepfather|stepmother|stepdad|stepmom"
    r"|mère|père|frère|s(?:œ|oe)ur|fils|fille|conjointe?|tante|oncle|grand-mère|grand-père"
    r"|cousine?|copain|copine|amie?|chum|blonde|beau-père|belle-mère|demi-frère"
    r"|demi-s(?:œ|oe)ur)"
)
_POSSESSIVE_RE = re.compile(rf"(?P<name>{_NAME_WORD})['’]s\s+(?i:{_KIN})\b")
_KIN_OF_RE = re.compile(rf"(?i:\b{_KIN})\s+(?:de\s+|d['’])(?P<name>{_FULL_NAME})")
_TITLE_RE = re.compile(rf"\b{_TITLES}\s+(?P<name>{_FULL_NAME})")
_ROLE_RE = re.compile(rf"(?i:\b{_ROLES})(?:\s*[,(]\s*|\s+)(?P<name>{_FULL_NAME})")
_CUE_RE = re.compile(rf"(?i:\b{_CUES})\s+{_LINK_WORDS}(?P<name>{_FULL_NAME})")
_AGE_RE = re.compile(rf"(?P<name>{_FULL_NAME}){_AGE_AFTER}")
_CANDIDATE_RE = re.compile(rf"(?P<name>{_FULL_NAME})")
_NAME_WORD_RE = re.compile(rf"\b{_NAME_WORD}")
_WORD_RE = re.compile(r"[\w'’-]+")
_ROLE_WORD_RE = re.compile(rf"(?i:{_ROLES})")
_PARTICLES = frozenset("de du des van von der ben bin el al da dos di le la".split())

# Capitalised words that follow a name cue but are not names.
NOT_NAMES = frozenset(
    """
    clsc cisss ciusss dpj spvm spvq sq grc rcmp opp cas cavac ivac calacs cmha acsm
    hlm omh ramq ohip sin nas cp ddn dob ems urgence urgences hôpital hospital police
    rue avenue boulevard chemin route street road drive lane court place
    lundi mardi mercredi jeudi vendredi samedi dimanche
    monday tuesday wednesday thursday friday saturday sunday
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    january february march april may june july august september october november december
    mondays tuesdays wednesdays thursdays fridays saturdays sundays
    born née né the les un une a an et and ou or en in on
    québec quebec ontario canada montréal montreal ottawa laval gatineau toronto
    autochtone autochtones indigenous inuk inuit métis first nations anglophone francophone
    allophone
    """.split()
)

# Words of organisation and programme names: capitalised words right before one of these are
# part of that name ('Youth Services Bureau', 'Quick Response Program'), not a person's.
ORGANISATION_WORDS = frozenset(
    """
    service services bureau program programme programs centre center benefit benefits court
    tribunal hospital hôpital clinic clinique housing logement health santé society société
    aid aide association office department ministère ministry commission agency agence
    maison institute institut school école college collège university université shelter
    refuge foundation fondation fund fonds team équipe unit unité committee comité network
    réseau group groupe support response works coalition alliance council conseil board
    company inc ltd corporation corp church église mission project projet initiative line
    ligne manor manoir villa lodge residence résidence foyer house park parc arena aréna
    library bibliothèque pavillon phone helpline hotline
    """.split()
)

_STREET_BEFORE = re.compile(
    r"(?i:\b(?:rue|avenue|av\.|boulevard|boul\.|chemin|route|rang|place|montée|saint|sainte"
    r"|st|ste|lac|mont|parc|école|pavillon|centre|hôpital|clsc|polyvalente|collège|cégep)"
    r"(?:\s+(?:secondaire|primaire|élémentaire|hospitalier|régional|régionale|général"
    r"|générale|communautaire|catholique|publique))?)\.?[\s-]+$"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?;:]\s*)$")
_PLACE_BEFORE = re.compile(r"(?i:\b(?:à|a|au|en|in|at|near|from|vers|to|of))\s+$")
# A lower-case word right after a name that makes it a place's or an institution's
# ('Brandon police', 'Our Lady of Lourdes school').
_INSTITUTION_AFTER = re.compile(
    r"\s+(?:police|school|hospital|detachment|county|township|district|region|area|office"
    r"|shelter|clinic|board|court|library|arena|park|city|town)\b"
)
_MONTHS = frozenset(
    """
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    january february march april may june july august september october november december
    """.split()
)


def _clean(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name inside a run of capitalised words, or None.

    Role words in front are dropped ('Neighbour John O'Connor'), and so is everything from
    the first word that is no name ('Karima Benhaddou du CIUSSS'). Words that run straight
    into an organisation word are that organisation's name ('Youth Services Bureau').
    """
    if re.match(r"-\w", text[end : end + 2]) or _INSTITUTION_AFTER.match(text, end):
        return None  # 'Val' of 'Val-d'Or', 'Brandon police'
    words = list(_WORD_RE.finditer(text, start, end))
    while words and _ROLE_WORD_RE.fullmatch(words[0].group()):
        words.pop(0)
    kept: list[re.Match[str]] = []
    for index, word in enumerate(words):
        lower = word.group().lower()
        if lower in ORGANISATION_WORDS and not (kept and kept[-1].group().lower() in _PARTICLES):
            return None
        # A month between two name words is a name ('Thi Mai Nguyen').
        inside = kept and index + 1 < len(words) and lower in _MONTHS
        if (lower in NOT_NAMES or lower in ORGANISATION_WORDS) and not inside:
            break
        kept.append(word)
    # A lower-case particle at the end belongs to what follows ('Marie de la DPJ'); a
    # capitalised one is a surname ('Huong Le').
    while kept and kept[-1].group() in _PARTICLES:
        kept.pop()
    return (kept[0].start(), kept[-1].end()) if kept else None


def _trim_to_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Narrow an NER span to its first run of capitalised name words.

    A run longer than a name is cut into candidates; only the first of those counts ('Care'
    alone is no name in 'Saint Elizabeth Health Care').
    """
    previous: int | None = None
    for match in _CANDIDATE_RE.finditer(text, start, end):
        adjacent = previous is not None and text[previous : match.start()].isspace()
        previous = match.end()
        if adjacent:
            continue
        bounds = _clean(text, match.start(), match.end())
        if bounds:
            return bounds
    return None


def _result(recognizer: LocalRecognizer, start: int, end: int, score: float) -> RecognizerResult:
    return RecognizerResult(
        entity_type=PERSON,
        start=start,
        end=end,
        score=score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,  # type: ignore[has-type]
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )


class CleanSpacyRecognizer(SpacyRecognizer):
    """spaCy's PER entities, cut down to capitalised name words.

    On English text the French model sometimes tags phrases ('Born December', 'disclosed
    suicidal ideation'); street names and agency acronyms are dropped.
    """

    def __init__(self) -> None:
        super().__init__(supported_language=LANGUAGE, supported_entities=[PERSON])

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for result in super().analyze(text, entities, nlp_artifacts):
            bounds = _trim_to_name(text, result.start, result.end)
            if bounds and self._plausible(text, *bounds):
                results.append(_result(self, *bounds, result.score))
        return results

    @staticmethod
    def _plausible(text: str, start: int, end: int) -> bool:
        """Not a street name; a lone word is no name when it opens a sentence ('Carte santé')
        or follows 'à' / 'in' ('isolée à Trois-Rivières'), unless it is a known first name."""
        before = text[:start]
        if _STREET_BEFORE.search(before):
            return False
        word = text[start:end]
        lone = " " not in word and not is_first_name(word)
        return not (lone and (_SENTENCE_START.search(before) or _PLACE_BEFORE.search(before)))


class NameCueRecognizer(LocalRecognizer):
    """Names recognised from a title, a role word, a known first name or a following age."""

    def __init__(self) -> None:
        super().__init__(supported_entities=[PERSON], supported_language=LANGUAGE)

    def load(self) -> None:
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        cues = (
            (_TITLE_RE, 0.8),
            (_ROLE_RE, 0.6),
            (_AGE_RE, 0.6),
            (_POSSESSIVE_RE, 0.6),
            (_KIN_OF_RE, 0.6),
        )
        for regex, score in cues:
            for match in regex.finditer(text):
                bounds = _clean(text, *match.span("name"))
                if bounds:
                    start = match.start() if regex is _TITLE_RE else bounds[0]
                    results.append(_result(self, start, bounds[1], score))
        results += self._after_cues(text)
        results += self._first_names(text)
        return results

    def _after_cues(self, text: str) -> list[RecognizerResult]:
        """Two or more name words after a verb of contact or a preposition ('selon Sokhna
        Diop'); one word only when it is a known given name ('spoke with Priyanka')."""
        results = []
        for match in _CUE_RE.finditer(text):
            bounds = _clean(text, *match.span("name"))
            if not bounds or _STREET_BEFORE.search(text[: bounds[0]]):
                continue
            name = text[bounds[0] : bounds[1]]
            if " " in name or (is_first_name(name) and not is_ambiguous(name)):
                results.append(_result(self, *bounds, 0.5))
        return results

    @staticmethod
    def _lone_name(text: str, word: re.Match[str]) -> bool:
        """A given name without a surname: not one that is also a word or a place, not after
        'à' / 'in', and at a sentence start only a name of our own list (the long list holds
        words too: 'Femme de 54 ans')."""
        name, before = word.group(), text[: word.start()]
        if is_ambiguous(name) or _PLACE_BEFORE.search(before):
            return False
        return not _SENTENCE_START.search(before) or is_local_first_name(name)

    def _first_names(self, text: str) -> list[RecognizerResult]:
        """A known first name, with the capitalised words after it when there are some."""
        results = []
        for word in _NAME_WORD_RE.finditer(text):
            if not is_first_name(word.group()) or _STREET_BEFORE.search(text[: word.start()]):
                continue
            match = _CANDIDATE_RE.match(text, word.start())
            bounds = _clean(text, *match.span()) if match else None
            if not bounds:
                continue
            if bounds[1] - bounds[0] == len(word.group()) and not self._lone_name(text, word):
                continue
            results.append(_result(self, *bounds, 0.6))
        return results
