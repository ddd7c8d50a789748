"""Person names: spaCy's French NER, cleaned up, plus cues that also hold in English text.

The French model misses or mangles names in English sentences, so names are also found from
cues that do not depend on the language model: a title ('Mme', 'Mr.'), a role or kinship word
('client', 'locateur', 'her son', 'Tyrell's father', 'la mère de Jayden'), a verb of speech or
contact or a preposition that introduces a person ('spoke with', 'selon', 'accompagnée de'), a
known given name or surname (``words.py``), or an age right after the name ('(54 ans)').
Initials ('K.L.', 'M.-È. D.'), nicknames ('Ti-Gilles', 'grand luc') and names typed in lower
case are found too; in lower case a name needs evidence beyond the names data (a cue, a surname
or an age). Words of agency, programme and place names stop a name ('Karima Benhaddou du
CIUSSS', 'Elizabeth Fry Society'), and a place's name is none ('Red Lake', 'Saint-Luc').
"""

import re

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from .spans import PERSON
from .words import (
    in_place_name,
    is_acronym,
    is_common_word,
    is_given_name,
    is_grammar_word,
    is_name_word,
    is_surname,
    is_usual_given_name,
    is_wordlike,
)

LANGUAGE = "fr"

# One name word: 'Caron', 'Pierre-Luc', 'O'Brien', 'McDonald', 'LeBlanc', 'TREMBLAY'.
# Latin Extended-A and Latin Extended Additional ('Wiśniewska', 'Nguyễn Thị') mix both cases.
_EXTENDED = "\u0100-\u017f\u1e00-\u1eff"
_UPPER = f"A-ZÀ-ÖØ-Ý{_EXTENDED}"
_LOWER = f"a-zà-öø-ÿ{_EXTENDED}"
_NAME_WORD = (
    rf"(?:[{_UPPER}](?:[{_LOWER}]+|['’][{_UPPER}])[{_LOWER}]*(?:[{_UPPER}][{_LOWER}]+)?"
    rf"(?:-[{_UPPER}]?[{_LOWER}]+)*|[{_UPPER}]{{2,}}(?:-[{_UPPER}]{{2,}})*)"
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
    r"|stepfather|stepmother|grandson|granddaughter|nephew|niece|baby|bébé|ex|bf|gf"
    r"|mom|mum|dad|maman|papa|grandma|grandpa|granny|nokomis|kokum"
    r"|(?:her|his|their|my|our|your)\s+son)"
)
# Verbs of speech or contact and prepositions that introduce a person in a note.
_CUES = (
    r"(?:spoke|speaking|talked|talking|met|meeting|called|phoned|visited|texted|e-?mailed"
    r"|contacted|reached|interviewed|saw|seen|told|asked|drove|accompanied|according\s+to"
    r"|reported\s+by|referred\s+by|signed\s+by|selon|chez|avec|auprès\s+de|d['’]après"
    r"|accompagnée?s?|rencontrée?s?|parlé|jointe?|contactée?|appelée?|signalée?\s+par"
    r"|référée?\s+par|vue?|visitée?|with|w/|appel\s+de|call\s+from|message\s+de"
    r"|msg\s+from)"
)
# Words that say what someone is called: whatever follows is a name, even a common word.
_NAMING = (
    r"(?:(?:her|his|their|my)\s+name\s+is|name\s+is|s['’]appelle|s['’]appeler|goes\s+by"
    r"|known\s+as|nicknamed|a\.?k\.?a\.?|alias|surnommée?|se\s+fait\s+appeler"
    r"|(?:surname|last\s+name|nom\s+de\s+famille)(?:\s+on\s+file|\s+au\s+dossier)?\s*:)"
)
_LINK_WORDS = r"(?:(?:with|w/|to|by|à|avec|de|par)\s+)?"
_QUOTE = r"(?:[«\"“‘']\s*)?"
# '(54 ans)', ', 32 years old', or a bare ', 15,' as in 'Jayden Moose, 15, skipped school'.
# '(F, 27)', '(9)' and '13ans' too.
_AGE_AFTER = (
    r"(?=\s*(?:(?:\(\s*|,\s*)\d{1,3}\s*(?:ans|an|years?|yrs?|y/?o)\b|,\s*\d{1,2}\s*,"
    r"|\(\s*(?:[FMH]\s*,\s*)?\d{1,2}\s*\)|\s\d{1,2}\s*ans\b))"
)

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
_ROLE_RE = re.compile(rf"(?i:\b{_ROLES})(?:\s*[,(]\s*|\s+){_QUOTE}(?P<name>{_FULL_NAME})")
_CUE_RE = re.compile(rf"(?i:\b{_CUES})\s+{_LINK_WORDS}{_QUOTE}(?P<name>{_FULL_NAME})")
# A verb of speech, or an age, after a name that is also a word: 'June says', 'Hope a dit',
# 'June is 15'.
_SPEECH_AFTER = re.compile(
    r"\s+(?:is\s+\d{1,2}(?=\s*(?:years?\b|y/?o\b|and\b|but\b|[,.;)]))|a\s+\d{1,2}\s+ans\b"
    r"|says|said|told|tells|reports|reported|states|stated|explains|explained|admits|wrote"
    r"|a\s+écrit|écrit"
    r"|called|calls|texted|wants|asked|dit|a\s+dit|affirme|raconte|explique|rapporte|confie"
    r"|déclare|ajoute|mentionne|appelle|a\s+appelé|veut|demande)\b"
)
_NAMING_RE = re.compile(rf"(?i:\b{_NAMING})\s+{_QUOTE}(?P<name>{_FULL_NAME})")
_AGE_RE = re.compile(rf"(?P<name>{_FULL_NAME}){_AGE_AFTER}")
_TITLE_WORD_RE = re.compile(rf"{_TITLES}|(?i:{_ROLES})")
_CAPITALISED_AFTER = re.compile(r"(?:\s+[A-ZÀ-Ý][\w'’-]*)+")
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
    rue avenue boulevard chemin route street road drive lane court place royal
    lundi mardi mercredi jeudi vendredi samedi dimanche
    monday tuesday wednesday thursday friday saturday sunday
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    january february march april may june july august september october november december
    mondays tuesdays wednesdays thursdays fridays saturdays sundays
    born née né the les un une a an et and ou or en in on
    québec quebec ontario canada montréal montreal ottawa laval gatineau toronto
    autochtone autochtones indigenous inuk inuit métis first nations anglophone francophone
    allophone
    punjabi hindi urdu tagalog somali arabic arabe vietnamese vietnamien vietnamienne
    ukrainian ukrainien ukrainienne cree cri crie cris ojibwe oji-cree inuktitut innu atikamekw
    mohawk spanish espagnol portuguese portugais créole creole haitian haïtien haïtienne
    filipino filipina tamil bengali farsi dari pashto mandarin cantonese tigrinya amharic
    swahili lingala wolof russian russe polish polonais
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
    library bibliothèque pavillon phone helpline hotline general regional memorial police
    hortons coutu
    """.split()
)

_STREET_BEFORE = re.compile(
    r"(?i:\b(?:rue|avenue|av\.|boulevard|boul\.|chemin|route|rang|place|montée|saint|sainte"
    r"|st|ste|lac|mont|parc|école|pavillon|centre|hôpital|clsc|polyvalente|collège|cégep"
    r"|square|carré|côte|ruelle|promenade|maison|villa|manoir|foyer|résidence)"
    r"(?:\s+(?:secondaire|primaire|élémentaire|hospitalier|régional|régionale|général"
    r"|générale|communautaire|catholique|publique))?)\.?[\s-]+$"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?;:]\s*)$")
# 'on' and 'sur' before a lone word: a street named without its number ('seen on Queen').
_PLACE_BEFORE = re.compile(
    r"(?i:\b(?:à|a|au|en|in|at|near|from|vers|to|of|on|sur|along|off|corner\s+of))\s+$"
)
# A street type after a word makes it a street's name ('Main Street', 'Bay St.').
_STREET_AFTER = re.compile(
    r"\s+(?i:street|st|avenue|ave|road|rd|boulevard|blvd|drive|crescent|cres|lane"
    r"|parkway|pkwy|trail|sideroad|highway|hwy)(?![\w-])"
)
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
    following = _CAPITALISED_AFTER.match(text, end)
    if following and any(w.lower() in ORGANISATION_WORDS for w in following.group().split()):
        return None  # 'Salvation Army Booth' of 'Salvation Army Booth Centre'
    words = list(_WORD_RE.finditer(text, start, end))
    # Role words and grammar words in front are no part of it ('Neighbour John', 'Then Raj').
    while words and (
        _ROLE_WORD_RE.fullmatch(words[0].group()) or _leading_grammar(words[0].group())
    ):
        words.pop(0)
    kept: list[re.Match[str]] = []
    for index, word in enumerate(words):
        lower = word.group().lower()
        if lower in ORGANISATION_WORDS and not (kept and kept[-1].group().lower() in _PARTICLES):
            return None
        if _STREET_AFTER.match(text, word.start() - 1):
            return None  # 'Main Street'
        # A month before or between name words is a name ('June Okafor', 'Thi Mai Nguyen').
        followed = index + 1 < len(words) and is_surname(words[index + 1].group())
        inside = lower in _MONTHS and (kept or followed) and index + 1 < len(words)
        if (lower in NOT_NAMES or lower in ORGANISATION_WORDS) and not inside:
            break
        kept.append(word)
    # A lower-case particle at the end belongs to what follows ('Marie de la DPJ'); a
    # capitalised one is a surname ('Huong Le').
    while kept and kept[-1].group() in _PARTICLES:
        kept.pop()
    if kept and _STREET_AFTER.match(text, kept[-1].end()):
        return None
    return (kept[0].start(), kept[-1].end()) if kept else None


def _leading_grammar(word: str) -> bool:
    """'Then' of 'Then Raj', but not 'June' of 'June Okafor'."""
    return is_grammar_word(word) and word.lower() not in _MONTHS


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
        """Not a street's or a place's name ('rue Laurier', 'Red Lake', 'Saint-Luc'), not an
        acronym or a common word alone ('YRP', 'Ukrainian'); a lone word that opens a sentence
        ('Female, 40s') or follows 'à' / 'in' / 'on' is a name only when it is a usual given
        name that is no common word."""
        before = text[:start]
        if _STREET_BEFORE.search(before) or in_place_name(text, start, end):
            return False
        words = text[start:end].split()
        if len(words) > 1:
            return not all(is_common_word(w) and not is_name_word(w) for w in words)
        word = words[0]
        if is_acronym(word) or is_wordlike(word) or word.lower() in NOT_NAMES:
            return False
        if is_common_word(word) and not is_name_word(word):
            return False
        if _PLACE_BEFORE.search(before):
            return False
        if _SENTENCE_START.search(before):
            return _opens_sentence_as_name(text, start, end)
        return True


class NameCueRecognizer(LocalRecognizer):
    """Names recognised from a title, a role word, a known name or a following age."""

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
            (_NAMING_RE, 0.7),
            (_ROLE_RE, 0.6),
            (_AGE_RE, 0.6),
            (_POSSESSIVE_RE, 0.6),
            (_KIN_OF_RE, 0.6),
        )
        for regex, score in cues:
            for match in regex.finditer(text):
                bounds = _clean(text, *match.span("name"))
                if not bounds or (regex is _AGE_RE and not self._aged(text, *bounds)):
                    continue
                if regex not in (_TITLE_RE, _NAMING_RE) and in_place_name(text, *bounds):
                    continue  # 'mère de Bonaventure' is a mother from Bonaventure
                start = match.start() if regex is _TITLE_RE else bounds[0]
                results.append(_result(self, start, bounds[1], score))
        results += self._after_cues(text)
        results += self._known_names(text)
        return results

    @staticmethod
    def _aged(text: str, start: int, end: int) -> bool:
        """An age after a capitalised word makes it a name unless it is a place or a word
        ('Timmins, 45 ans' is not met in notes, 'Female, 40' is)."""
        words = text[start:end].split()
        if in_place_name(text, start, end) or _STREET_BEFORE.search(text[:start]):
            return False
        word = words[0]
        if len(words) > 1 or (is_name_word(word) and not is_acronym(word)):
            return True
        return not is_common_word(word) and not is_acronym(word)

    def _after_cues(self, text: str) -> list[RecognizerResult]:
        """Two or more name words after a verb of contact or a preposition ('selon Sokhna
        Diop'); one word only when it is a known name that is no common word ('spoke with
        Priyanka'); never a place ('chez Wemotaci')."""
        results = []
        for match in _CUE_RE.finditer(text):
            bounds = _clean(text, *match.span("name"))
            if not bounds or _STREET_BEFORE.search(text[: bounds[0]]):
                continue
            name = text[bounds[0] : bounds[1]]
            if in_place_name(text, *bounds) or is_acronym(name):
                continue
            if " " in name or (is_name_word(name) and not is_wordlike(name)):
                results.append(_result(self, *bounds, 0.5))
        return results

    @staticmethod
    def _lone_name(text: str, word: re.Match[str]) -> bool:
        """A name without a surname: not one that is also a word or a place ('Hope', 'Laval'),
        unless a verb of speech follows it ('June says'); not after 'à' / 'in' / 'on'; at a
        sentence start only a usual given name."""
        name, before = word.group(), text[: word.start()]
        if _PLACE_BEFORE.search(before) or in_place_name(text, *word.span()):
            return False
        if is_acronym(name) or _after_capitalised_word(before):
            return False  # 'NAN', 'Royal Victoria'
        if is_wordlike(name) or name.lower() in _MONTHS:
            return bool(_SPEECH_AFTER.match(text, word.end()))
        return not _SENTENCE_START.search(before) or _opens_sentence_as_name(text, *word.span())

    def _known_names(self, text: str) -> list[RecognizerResult]:
        """A known given name, with the capitalised words after it when there are some; or
        two or three known name words in a row, in either order ('Nguyen Thi Hoa')."""
        results = []
        for word in _NAME_WORD_RE.finditer(text):
            if _STREET_BEFORE.search(text[: word.start()]):
                continue
            if word.group().lower() in _MONTHS and self._lone_name(text, word):
                results.append(_result(self, *word.span(), 0.6))  # 'June says'
                continue
            match = _CANDIDATE_RE.match(text, word.start())
            bounds = _clean(text, *match.span()) if match else None
            if not bounds or bounds[0] != word.start():
                continue
            if bounds[1] - bounds[0] == len(word.group()):
                given = is_given_name(word.group()) or word.group().lower() in _MONTHS
                if given and self._lone_name(text, word):
                    results.append(_result(self, *bounds, 0.6))
            elif self._full_name(text, *bounds):
                results.append(_result(self, *bounds, 0.6))
        return results

    @staticmethod
    def _full_name(text: str, start: int, end: int) -> bool:
        """A given name followed by any capitalised words, or known name words only, at least
        one of which is no common word; never a place ('Sandy Lake', 'Owen Sound')."""
        if in_place_name(text, start, end):
            return False
        words = text[start:end].split()
        if _after_capitalised_word(text[:start]):
            return False
        if is_given_name(words[0]) and not is_wordlike(words[0]):
            return True
        # A month inside a name of known words is a name word ('Tran Mai', 'Thi Mai Nguyen').
        known = all(is_name_word(w) or w.lower() in _PARTICLES | _MONTHS for w in words)
        rest = [w for w in words if w.lower() not in _PARTICLES | _MONTHS]
        return known and any(not is_wordlike(w) and not is_acronym(w) for w in rest)


def _after_capitalised_word(before: str) -> bool:
    """The word before is capitalised, no name and no title, in the same sentence: the name
    is part of another ('Royal Victoria', 'North York')."""
    match = re.search(r"(?<![.!?:;])\s([A-ZÀ-Ý][\w'’-]*)\s$", before)
    if not match:
        return False
    word = match.group(1)
    if is_grammar_word(word):
        return False  # 'On Friday Nokuthula'
    known = is_name_word(word) and not is_wordlike(word)
    return not known and not _TITLE_WORD_RE.fullmatch(word)


def _opens_sentence_as_name(text: str, start: int, end: int) -> bool:
    """A lone word opening a sentence is a name when it is a usual given name and no common
    word ('Naïka découche'), or when a verb of speech follows ('Kevin a appelé')."""
    word = text[start:end]
    if not is_usual_given_name(word):
        return False
    return not is_common_word(word) or "-" in word or bool(_SPEECH_AFTER.match(text, end))
