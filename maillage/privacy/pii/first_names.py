"""Given names: a short list for Québec and Ontario, and the list bundled with gender-guesser.

gender-guesser ships Jörg Michael's ``nam_dict.txt`` (GNU Free Documentation License): about
48,000 given names from over 50 countries, among them the Arab world, India, China, Vietnam,
Ireland and France. It is read from the installed package, once, on first use. Our own list
adds Québec spellings it lacks ('Réjean', 'Gaétan', 'Kateri').

A given name that is also a common word ('Grace', 'Hope'), a place ('Victoria') or a word of
either language is only taken for a name when a surname follows it.
"""

import unicodedata
from functools import cache
from importlib.resources import files

from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS
from spacy.lang.fr.stop_words import STOP_WORDS as FRENCH_STOP_WORDS

LOCAL_FIRST_NAMES = frozenset(
    """
    aaron abdel abdelkader abdoul abdullah adam adele adèle adrien ahmed aicha aïcha alain
    albert alex alexandra alexandre alexandrine alexis ali alice alicia aline alison amanda
    amelie amélie amina amir amy ana anais anaïs andre andré andrea andrée andrew angela
    angelique angélique anne annabelle annie anthony antoine ariane arianne arnaud arthur
    audrey aurelie aurélie ava awa aya barbara beatrice béatrice benjamin benoit benoît
    bernard bianca brandon brigitte bruno camille carl carla carole caroline carolyne
    catherine cedric cédric celine céline chantal charles charlotte chloe chloé christian
    christiane christine christopher claude claudette claudia claudine clement clément
    cody colin connor corinne daniel daniela danielle david debbie denis denise diane
    dominic dominique donald dylan edith édith edouard édouard elena eliane éliane elias
    elie élie elisabeth élisabeth elise élise ella emilie émilie emily emma emmanuel eric
    éric erika esther etienne étienne eve ève evelyne éveline fabienne fadi fatima fatoumata
    felix félix fernand florence francine francis francois françois frederic frédéric
    frederique frédérique gabriel gabrielle gaetan gaétan genevieve geneviève georges
    gerald gérald gerard gérard gilbert gilles ginette gisele gisèle guillaume guy hamza
    hassan helene hélène henri hugo hugues ian ibrahim ines inès irene isaac isabelle jack
    jacob jacqueline jacques james jasmine jason jean jeanne jeannine jennifer jeremy
    jérémy jessica jimmy joanie joanne jocelyn jocelyne joel joël john johanne jonathan
    jordan josee josée joseph josiane josée joshua judith julie julien juliette justin
    karim karine kateri katherine kathleen kathy kayla keith kelly kevin kim laura laurence
    laurent lea léa leila leïla leo léo leon léon liam lina linda lisa lise logan louis
    louise luc lucas lucie lucien luis lyne madeleine maelle maëlle malik manon marc marcel
    marco marguerite maria marie mariam marianne mario marion mark martin martine mathieu
    mathis matthew maude maurice maxime megan melanie mélanie melissa mélissa michael
    michel michele michèle micheline mireille mohamed mohammed monique mounir nadia nadine
    nancy natacha natalie nathalie nathan nicolas nicole noah noemie noémie normand
    nathaniel olivia olivier omar pascal pascale patricia patrick paul pauline philippe
    pierre priya rachel rachid rahul raphael raphaël raymond rebecca regis régis rejean
    réjean remi rémi rene rené richard robert roger roland rosalie sabrina salma samantha
    samir samuel sandra sara sarah sebastien sébastien serge simon simone sofia solange
    sophie stephane stéphane stephanie stéphanie steve steven suzanne sylvain sylvie tanya
    thérèse therese thomas tommy valerie valérie vanessa veronique véronique vincent
    virginie william xavier yannick yasmine yves yvon yvonne zacharie zoe zoé
    ahmad aisha amal anh bao chen duc fatma hoang huong jin karima khadija lan li linh mei
    minh nour rania reza salim sami sanjay sara thi wei yan yasmina youssef zainab
    """.split()
)

# Given names that are also common words or places: a name only with a surname after.
AMBIGUOUS_FIRST_NAMES = frozenset(
    """
    florence jordan laurence laurent lyne grace victoria rose mark guy jack eve ève
    li lan thi duc bao jin yan
    will may hope joy faith dawn bill art pat sue don ray rich king young prince major
    summer autumn winter amber crystal ruby pearl iris lily daisy violet holly ivy sky river
    rain storm sunny chance chase hunter cliff dale glen forest stone lane judge file son
    aime ange blanche constance clémence prudence patience victoire modeste désiré aurore
    france espérance fleur noël justice liberty unity honor harmony charity trinity genesis
    eden heaven angel precious princess gray
    regina sydney austin chelsea alma amos chandler milton hamilton london paris barrie
    pembroke renfrew trenton lindsay elliot alexandria carleton
    """.split()
)

# Never a given name, whatever the list says: words of either language, months, weekdays.
NEVER_FIRST_NAMES = (
    ENGLISH_STOP_WORDS
    | FRENCH_STOP_WORDS
    | frozenset(
        """
        janvier février mars avril mai juin juillet août septembre octobre novembre décembre
        january february march april june july august september october november december
        lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday
        friday saturday sunday
        """.split()
    )
)


def _plain(word: str) -> str:
    """Lower case without accents: 'Gaétan' and 'Gaetan' are the same name."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def first_names() -> frozenset[str]:
    """Every known given name, lower-cased and without accents (about 60,000)."""
    data = files("gender_guesser").joinpath("data/nam_dict.txt")
    names = {_plain(name) for name in LOCAL_FIRST_NAMES}
    with data.open(encoding="utf-8") as lines:
        for line in lines:
            if line[:1] in "#=" or len(line) < 4:
                continue
            name = line.split()[1]
            # '+' joins the parts of a compound name that is written with a space or a hyphen.
            for joiner in ("", " ", "-"):
                names.add(_plain(name.replace("+", joiner)))
    return frozenset(n for n in names if len(n) > 2 or n in LOCAL_FIRST_NAMES) - {
        _plain(w) for w in NEVER_FIRST_NAMES
    }


def is_first_name(word: str) -> bool:
    """True for a known given name ('Amira', 'Siobhan', 'Pierre-Luc' by its first part)."""
    return _plain(word.split("-")[0]) in first_names()


def is_local_first_name(word: str) -> bool:
    """True for a given name of our own short list of usual names here."""
    return _plain(word.split("-")[0]) in _local_first_names()


@cache
def _local_first_names() -> frozenset[str]:
    return frozenset(_plain(name) for name in LOCAL_FIRST_NAMES)


def is_ambiguous(word: str) -> bool:
    """True for a given name that is also a common word or a place ('Grace', 'Victoria')."""
    return word.split("-")[0].lower() in AMBIGUOUS_FIRST_NAMES
