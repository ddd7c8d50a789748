"""The Presidio analyzer, built once per process around spaCy's French model.

Only the NER component of the model runs: the parser, tagger and lemmatizer cost most of the
time and nothing here needs them. Context words are matched against lower-cased token forms,
which works the same for French and English, instead of French lemmas.
"""

import threading

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine

from .informal import InformalNameRecognizer
from .names import CleanSpacyRecognizer, NameCueRecognizer
from .recognizers import LANGUAGE, format_recognizers

SPACY_MODEL = "fr_core_news_md"
NER_ONLY = ["tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer"]
SCORE_THRESHOLD = 0.4


class NerOnlySpacyEngine(SpacyNlpEngine):
    """One French spaCy pipeline reduced to NER, shared by both languages."""

    def __init__(self, model: str = SPACY_MODEL) -> None:
        config = NerModelConfiguration(
            model_to_presidio_entity_mapping={"PER": "PERSON"},
            labels_to_ignore=["LOC", "ORG", "MISC"],
        )
        super().__init__(
            models=[{"lang_code": LANGUAGE, "model_name": model}],
            ner_model_configuration=config,
        )

    def load(self) -> None:
        model = self.models[0]["model_name"]
        self.nlp = {LANGUAGE: spacy.load(model, exclude=NER_ONLY)}  # type: ignore[assignment]

    def _doc_to_nlp_artifact(self, doc, language: str) -> NlpArtifacts:
        entities, scores = self._get_updated_entities(
            list(doc.ents), self._get_scores_for_entities(doc)
        )
        return NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=[token.idx for token in doc],
            lemmas=[token.lower_ for token in doc],
            nlp_engine=self,
            language=language,
            scores=scores,
        )


class PrefixContextEnhancer(LemmaContextAwareEnhancer):
    """A context word matches a token that starts with it ('né' → 'née', 'birth' → 'birthdate').

    Presidio's substring mode would let 'sin' match 'voisin'; whole-word mode would miss
    inflected forms.
    """

    @staticmethod
    def _find_supportive_word_in_context(context_list, recognizer_context_list, matching_mode=""):
        for context_word in recognizer_context_list or []:
            if any(word.startswith(context_word) for word in context_list or []):
                return context_word
        return ""


def build_analyzer(model: str = SPACY_MODEL) -> AnalyzerEngine:
    """A Presidio analyzer with only our recognizers, for the French model."""
    nlp_engine = NerOnlySpacyEngine(model)
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    name_recognizers = [CleanSpacyRecognizer(), NameCueRecognizer(), InformalNameRecognizer()]
    for recognizer in [*format_recognizers(), *name_recognizers]:
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=[LANGUAGE],
        default_score_threshold=SCORE_THRESHOLD,
        context_aware_enhancer=PrefixContextEnhancer(
            context_prefix_count=5, context_suffix_count=1
        ),
    )


_analyzer: AnalyzerEngine | None = None
_lock = threading.Lock()


def get_analyzer() -> AnalyzerEngine:
    """The process-wide analyzer; loading the model takes seconds, so it happens once."""
    global _analyzer
    if _analyzer is None:
        with _lock:
            if _analyzer is None:
                _analyzer = build_analyzer(SPACY_MODEL)
    return _analyzer
