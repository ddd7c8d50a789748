"""Throughput of the identifier detector against stock Presidio, on one core.

usage: python bench/pii.py [--texts N] [--model fr_core_news_md]

Both detectors get the same ~300-character narratives built from the dev set. Stock Presidio
is AnalyzerEngine with the same French spaCy model (full pipeline) and its default recognizers.
The last line is 'ours_tps=… stock_tps=… ratio=…'.
"""

import os

# One core, for comparable figures: BLAS threads must be capped before numpy loads.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT.parent / "shared" / "eval" / "pii-dev.jsonl"
FALLBACK = [
    "Mme Julie Roy, née le 3 mars 1984, habite au 125 rue Laurier; tél. 514 555-0123.",
    "Client Kevin Nguyen (DOB 1988-11-02) called from 416-555-0199 about his daughter.",
    "Rencontre au CLSC le 12 mars 2024 avec l'équipe du SPVM; aucune information nominative.",
]


def narratives(count: int, length: int = 300) -> list[str]:
    """``count`` texts of about ``length`` characters, made by joining dev-set sentences."""
    if DEV_SET.exists():
        sentences = [json.loads(line)["text"] for line in DEV_SET.open(encoding="utf-8")]
    else:
        sentences = FALLBACK
    texts, index = [], 0
    while len(texts) < count:
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < length:
            parts.append(sentences[index % len(sentences)])
            index += 1
        texts.append(" ".join(parts)[:length])
    return texts


def rate(function, texts: list[str], rounds: int = 3) -> float:
    """Best texts-per-second over a few rounds, after one warm-up call."""
    function(texts[:5])
    best = 0.0
    for _ in range(rounds):
        started = time.perf_counter()
        function(texts)
        best = max(best, len(texts) / (time.perf_counter() - started))
    return best


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stock_analyzer(model: str):
    import tldextract.tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    # Stock e-mail validation would try to download the public-suffix list; keep it offline.
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "fr", "model_name": model}],
        }
    )
    return AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["fr"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=300)
    parser.add_argument("--model", help="spaCy model to use instead of the detector's own")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    sys.path.insert(0, str(ROOT))
    from maillage.privacy.pii import detect, detect_many, engine

    if args.model:
        engine.SPACY_MODEL = args.model
    model = engine.SPACY_MODEL

    texts = narratives(args.texts)
    started = time.perf_counter()
    engine.get_analyzer()
    print(f"model={model} load_s={time.perf_counter() - started:.1f}")
    ours = rate(lambda batch: detect_many((text, None) for text in batch), texts)
    ours_single = rate(lambda batch: [detect(text) for text in batch], texts)
    print(f"ours_one_by_one_tps={ours_single:.1f}")
    print(f"peak_rss_mb={peak_mb():.0f} (detector loaded, before stock Presidio)")

    stock = stock_analyzer(model)
    stock_tps = rate(lambda batch: [stock.analyze(text, language="fr") for text in batch], texts)
    print(f"ours_tps={ours:.1f} stock_tps={stock_tps:.1f} ratio={ours / stock_tps:.2f}")


if __name__ == "__main__":
    main()
