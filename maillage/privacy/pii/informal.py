"""Names written the way notes are typed on a phone: initials, nicknames and lower case.

* Initials ('K.L.', 'M.-È. D.', 'J.-S. P.') are a name unless they are a known abbreviation
  ('N.B.', 'C.P.', 'É.-U.', 'R.R.').
* Nicknames: 'Ti-' joined to a word ('Ti-Gilles', 'ti-loup'), and 'grand', 'petit', 'big',
  'little' before a given name ('grand luc', 'Big Mike').
* A name in lower case ('rencontré avec mathieu', 'sarah gendron') has lost the capital that
  says 'name', so it needs other evidence, and more of it when the name is also a common word:
  a cue before it (a verb of contact, a role, a title), a known surname after a given name, an
  age after it, or brackets around it after a role word ('la tante (maryse)').
"""

import re

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from .lexicon import get_lexicon
from .names import (
    _CUES,
    _KIN,
    _NAMING,
    _ROLES,
    _SPEECH_AFTER,
    LANGUAGE,
    ORGANISATION_WORDS,
    _result,
)
from .spans import PERSON
from .words import is_given_name, is_surname, is_wordlike

_UPPER = "A-ZÀ-ÖØ-Ý"
_INITIAL = rf"[{_UPPER}]\."
# 'K.L.', 'T.R.', 'M.-È. D.', 'A.-M. L.': two or more initials, the last maybe after a space.
_INITIALS_RE = re.compile(
    rf"(?<![\w.])(?P<name>{_INITIAL}(?:-?{_INITIAL})+(?:\s{_INITIAL})?|{_INITIAL}-{_INITIAL}"
    rf"|{_INITIAL}\s{_INITIAL})(?![\w-])"
)
# Dotted abbreviations that are no one's initials.
ABBREVIATIONS = frozenset(
    """
    N.B. P.S. C.P. R.R. P.O. U.S. É.-U. É.U. E.U. D.O.B. O.P.P. S.Q. G.R.C. C.A.S. D.P.J.
    Q.C. B.C. N.S. P.E.I. T.V. A.M. P.M. E.G. I.E. U.K. R.N. M.D. B.A. M.A. N.D. S.V.P. P.P.O.
    R.C.M.P. C.-B. Î.-P.-É. T.-N.-L. N.-B. N.-É. T.N.O. T.-N. O.N. A.A. N.A. J.-C. A.C. C.V.
    D.D.N. D.N. C.L.S.C. C.H. C.H.S.L.D. H.L.M. O.M.H. P.J. É.T.S. U.S.A. N.W.T. R.-V. R.V.
    P.A.B. T.E.S. I.P.S. R.P.A. S.O.S. C.R.D. S.A.A.Q. I.V.A.C. C.A.V.A.C. A.S.A.P. E.T.A.
    R.P.N. P.S.W. M.S.W. B.S.W. C.Y.W. E.C.E. O.W. O.D.S.P. E.I. C.P.P. O.A.S. I.D. E.R.
    I.C.U. H.I.V. S.T.I. T.B. A.D.H.D. P.T.S.D. O.C.D. C.A.M.H. C.M.H.A. G.P. N.P.
    """.split()
)
# 'la T.S.', 'l'A.S.', 'the S.W.': after an article, dotted capitals are a job, not a person.
_ARTICLE_BEFORE = re.compile(
    r"(?i:\b(?:la|le|les|une|un|sa|son|ses|notre|votre|leur|the|our|her|his|a|an)\s+|\bl['’])$"
)
_NICKNAME_RE = re.compile(
    rf"(?<![\w-])(?P<name>(?i:ti|p['’]?tit)-[{_UPPER}a-zà-ÿ][\w'’]+|(?i:grand|petit|big|little|lil)"
    rf"\s+(?P<given>[\w'’-]+))"
)
_LOWER_WORD = r"[a-zà-öø-ÿ][a-zà-öø-ÿ'’-]+"
_LOWER_NAME_RE = re.compile(
    rf"(?<![\w@.'’-])(?P<given>{_LOWER_WORD})(?:\s+(?P<surname>{_LOWER_WORD}))?"
)
_LOWER_TITLES = r"(?:m\.|mme|mlle|mr\.?|mrs\.?|ms\.?|miss|dr\.?|dre|monsieur|madame|mademoiselle)"
_CUE_BEFORE = re.compile(
    rf"(?i:\b(?:{_CUES}|{_ROLES}|{_KIN}|{_LOWER_TITLES}))\s+"
    r"(?:(?:with|w/|to|by|à|avec|de|par)\s+)?(?:[«\"“‘']\s*)?$"
)
_ROLE_WORD = re.compile(rf"(?i:{_ROLES}|{_KIN})$")
_NAMING_BEFORE = re.compile(rf"(?i:\b{_NAMING})\s+(?:[«\"“‘']\s*)?$")
_BRACKET_AFTER_ROLE = re.compile(rf"(?i:\b(?:{_ROLES}|{_KIN}))\s*\(\s*$")
_AGE_AFTER = re.compile(
    r"\s*(?:\(\s*(?:[fmh]\s*,\s*)?\d{1,2}\s*\)|,?\s*\d{1,2}\s*(?:ans|an|years?|yrs?|y/?o)\b"
    r"|,\s*\d{1,2}\s*,)",
    re.IGNORECASE,
)


class InformalNameRecognizer(LocalRecognizer):
    """Initials, nicknames and names typed in lower case."""

    def __init__(self) -> None:
        super().__init__(supported_entities=[PERSON], supported_language=LANGUAGE)

    def load(self) -> None:
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = [
            _result(self, *match.span("name"), 0.6)
            for match in _INITIALS_RE.finditer(text)
            if match.group("name") not in ABBREVIATIONS
            and not _ARTICLE_BEFORE.search(text, 0, match.start())
        ]
        for match in _NICKNAME_RE.finditer(text):
            given = match.group("given")
            if given is None or (is_given_name(given) and not is_wordlike(given)):
                results.append(_result(self, *match.span("name"), 0.6))
        results += self._lower_case(text)
        return results

    def _lower_case(self, text: str) -> list[RecognizerResult]:
        results = []
        position = 0
        while match := _LOWER_NAME_RE.search(text, position):
            given, surname = match.group("given"), match.group("surname")
            position = match.end("given")
            # French 'son' is also a possessive: 'son chèque', 'son aîné' are no names.
            if not is_given_name(given) or not _usual_if_common(given) or _ROLE_WORD.match(given):
                continue
            if surname and surname in ORGANISATION_WORDS:
                continue  # 'jean coutu', a pharmacy
            with_surname = bool(surname) and is_surname(surname) and not is_wordlike(surname)
            end = match.end("surname") if with_surname else match.end("given")
            before = text[: match.start()]
            named = bool(_NAMING_BEFORE.search(before))  # 'her name is hope': enough alone
            evidence = (
                2 * named
                + bool(_CUE_BEFORE.search(before))
                + with_surname
                + bool(_AGE_AFTER.match(text, end) or _SPEECH_AFTER.match(text, end))
                + bool(_BRACKET_AFTER_ROLE.search(before) and text[end : end + 1] == ")")
            )
            # A given name that is also a word ('rose', 'will') needs its surname and more.
            wordlike = is_wordlike(given)
            if evidence >= (2 if wordlike else 1) and (with_surname or named or not wordlike):
                results.append(_result(self, match.start(), end, 0.5))
                position = end
        return results


def _usual_if_common(word: str) -> bool:
    """A common word of either language counts in lower case only when it is also a usual
    given name ('mathieu', 'sarah'), not a rare one that the dataset holds ('chèque')."""
    lexicon = get_lexicon()
    return not lexicon.is_common(word) or lexicon.is_strong_given(word)
