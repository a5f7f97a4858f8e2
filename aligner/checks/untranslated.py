"""Text left in English in the German translation: whole sentences, and fragments inside German ones.

untranslated-sentence: a target sentence still in English. lingua (aligner/checks/language.py)
rates the sentence once addresses, markup, hashtags, handles, :emoji: codes and allowed terms are
taken out; each German function word in it (der, nicht, dass) counts against English, so a
German sentence full of English names is not flagged. Text whose words English mostly does not
know is another language (a name kept as it is: "Aknīstes novads", "Coahuila de Zaragoza"), and a
copied name or title with a name in it ("Australian Capital Territory") is kept on purpose; neither
is reported. Two further, independent pieces of
evidence: a profile of English-only and German-only function words, and near-identity with the
aligned source sentence. A sentence that is half German is reported by its English fragment.

untranslated-fragment: an English stretch inside a German sentence ("Hold my keyboard", "next
door to a retirement village", "save as draft"). Candidates are runs of target words copied
from the aligned source (ignoring case) with at least one word that is not ordinary German (the
German vocabulary and loanwords of language.py); numbers, addresses, hashtags, handles,
code-like tokens and allowed terms break a run. How the source writes the run decides much:
capitalised words (a name or a title: "Royal College of Emergency Medicine") and lone acronyms
are not reported; runs the translation capitalises as German nouns ("Factory Reset") and single
words are reported as info only, because German borrows English words freely (Update, Timeline)
and raters disagree on them. A run of several words that keeps English casing (a lower-case
word, or all capitals) and that lingua rates as English is flagged.
"""
from __future__ import annotations

import math

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from aligner.checks.base import Check, RuleDoc
from aligner.checks.context import CheckContext
from aligner.checks.language import (english_common_words, english_confidence, english_lexicon,
                                     english_proper_nouns, german_vocabulary)
from aligner.checks.placeholders import PLACEHOLDER, icu_syntax
from aligner.checks.severity import WARNING_AT, logistic
from aligner.checks.text import quote
from aligner.findings import Finding, Kind, Span

UNTRANSLATED_SENTENCE = RuleDoc(
    id="untranslated-sentence",
    kind=Kind.UNTRANSLATED,
    title="A target sentence is still in English",
    checks="Rates each target sentence with an English/German language identifier (lingua, "
    "offline), after taking out addresses, markup, code (Markdown code blocks, `inline code`, "
    "command-line options), format placeholders and ICU plural/select syntax, hashtags, handles "
    "and allowed terms, and "
    "counts English-only and German-only function words (the, which, would / der, nicht, "
    "dass). Fires when the sentence reads as English, more confidently when it copies its "
    "aligned source. A German function word counts against English, so German sentences full "
    "of English names are not flagged; nor are names kept as they are, in another language "
    "(text most of whose words English does not know: Coahuila de Zaragoza) or in English (a "
    "copied title-case name with a proper name in it: Australian Capital Territory). Sentences "
    "under three words, and sentences that are half "
    "German, are left to untranslated-fragment. English sources with German targets only.",
    why="Text left in the source language is unreadable for the audience of the translation and "
    "usually means a segment was skipped or a translation memory failed.",
    example_source="Tickets go on sale on Friday. The concert starts at eight.",
    example_target="Der Vorverkauf beginnt am Freitag. The concert starts at eight.",
    fix="Translate the sentence. If it is meant to stay in English (a quotation, a title), add "
    "it with --allow or the `allow` setting.",
)

UNTRANSLATED_FRAGMENT = RuleDoc(
    id="untranslated-fragment",
    kind=Kind.UNTRANSLATED,
    title="English words left inside a German sentence",
    checks="Looks for runs of target words copied unchanged (ignoring case) from the aligned "
    "source sentence with at least one word that is not ordinary German; numbers, addresses, "
    "hashtags, handles, code (identifiers, Markdown code blocks, `inline code`, command-line "
    "options, a command opening with a word no dictionary knows: gio copy), format "
    "placeholders ({count}, %s), ICU plural/select syntax, allowed terms and runs most of whose "
    "words English does not know (a name in its own language: Aknīstes novads) are skipped. A run of "
    "two or more words that "
    "keeps its English casing (a lower-case word other than of, the, and ..., or all capitals) "
    "and that the language identifier rates as English is flagged. Runs the translation "
    "capitalises like German nouns (Factory Reset) and single words (backlog, twee) are "
    "reported as info only, because German borrows many English words and readers disagree on "
    "them; names and titles (capitalised in the source) and lone acronyms are not reported. "
    "English sources with German targets only.",
    why="A phrase the translator or the machine left in English is lost on readers who do not "
    "know English, and often marks a passage that was not translated with care.",
    example_source="Tap \"save as draft\" to keep your changes for later.",
    example_target="Tippen Sie auf „save as draft“, um Ihre Änderungen für später zu behalten.",
    fix="Translate the words, or use the usual German term. If the English term is right here "
    "(a product name, an accepted loanword), add it with --allow or the `allow` setting.",
)

# Words frequent in English and absent (or rare) in German running text. Left out on purpose:
# words both languages share ("in", "an", "so", "also", "will", "war", "was", "die", "man").
ENGLISH_ONLY = frozenset(
    "the and of to is are were with that this for on have has had it be by from which who "
    "they their would been he she we you its there what said not but or at as after than "
    "these those our his her them can could should about into over my me your then some "
    "how why where when because while does did don't it's i'm i've you're that's isn't "
    "himself herself themselves very really just".split()
)
GERMAN_ONLY = frozenset(
    "der das und ist sind nicht mit von den dem des zu ein eine einen einem einer auf für sich "
    "auch dass es im wird werden hat haben nach bei aus wie sie er wir noch nur über oder "
    "aber wurde wurden vor zum zur sei seine ihre ihr diese dieser gegen am um beim vom ins".split()
)
LANGUAGE_WORDS = {"en": ENGLISH_ONLY, "de": GERMAN_ONLY}

LANGUAGE_PAIRS = {("en", "de")}  # source, target: what the models and word lists cover
REPORTED_FROM = 0.1  # findings below this confidence are not reported at all, not even as info
MIN_WORDS = 3  # shorter sentences (names, headings, "Gave up.") are left to the fragment rule
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Addresses, markup and code (a Markdown code block up to its closing fence or the sentence's
# end, `inline code`, a command-line option: --ignore-case, --width=N, -i, a setting: bs=BYTES,
# a file path: /var/lib/dpkg/available, an editor command: :help, an identifier: SCHED_BATCH) are
# copied verbatim by every translator: they are no language.
NOT_PROSE = re.compile(r"```.*?(?:```|$)|`[^`\n]+`|https?://\S+|www\.\S+|\S+@\S+\.\w+|<[^<>]*>"
                       r"|(?<![\w-])--[a-z][a-z0-9-]*(?:=\S*)?|(?<![\w-])-[A-Za-z](?![\w-])"
                       r"|(?<![\w-])[a-z][a-z0-9_]*=\S+"
                       r"|(?<![\w/.:~-])(?:~|\.{1,2})?/[\w.+-]+(?:/[\w.+-]*)+|(?<![\w:]):[a-z]+\b"
                       r"|\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b", re.DOTALL)
# A date format's codes ("%I:%M:%S %p", "%A, %e. %B"): a translator localises them, they are no words.
STRFTIME = re.compile(r"%[-_0^#]?[EO]?[aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ](?![A-Za-z])")
# Hashtags, handles and :emoji-codes: copied as they are, and no sentence of either language.
TAGS = re.compile(r"(?<![\w#@])[#@][\w.-]*\w|(?<!\w):[a-z0-9_+-]+:")


def prose(text: str) -> str:
    return NOT_PROSE.sub(" ", text)


def function_word_counts(text: str, langs=("en", "de")) -> Dict[str, int]:
    """English-only and German-only function words in `text`; the English pronoun "I" counts
    too, written as a capital on its own (a lower-case "i" is a letter being spelt out)."""
    words = WORD.findall(text)
    counts = {lang: sum(w.lower() in LANGUAGE_WORDS[lang] for w in words) for lang in langs}
    if "en" in counts:
        counts["en"] += sum(w == "I" for w in words)
    return counts


def allowed_spans(text: str, allow_terms: Sequence[str]) -> List[Span]:
    """Where the allowed terms occur in `text` (case-insensitive, whole words)."""
    spans: List[Span] = []
    for term in allow_terms:
        term = term.strip()
        if term:
            pattern = r"(?<!\w)" + re.escape(term) + r"(?!\w)"
            spans.extend(m.span() for m in re.finditer(pattern, text, re.IGNORECASE))
    return spans


def blank(text: str, spans: Sequence[Span]) -> str:
    """`text` with these spans replaced by spaces (offsets stay valid)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def not_language(text: str) -> List[Span]:
    """Where `text` holds no language: addresses, markup, code, tags, format placeholders, date
    formats and ICU MessageFormat syntax ("{count, plural, one {…} other {…}}": "plural", "one",
    "other")."""
    return ([m.span() for m in NOT_PROSE.finditer(text)] + [m.span() for m in TAGS.finditer(text)]
            + [m.span() for m in PLACEHOLDER.finditer(text)] + [m.span() for m in STRFTIME.finditer(text)]
            + icu_syntax(text))


def language_text(text: str, allow_terms: Sequence[str] = ()) -> str:
    """The part of a sentence that is language: without what not_language finds or the allowed terms."""
    return blank(text, not_language(text) + allowed_spans(text, allow_terms))


# ----------------------------------------------------------------- whole sentences

LINGUA_MIDPOINT = 0.85  # lingua's English confidence where a sentence turns English
LINGUA_WIDTH = 0.04
GERMAN_WORD_PENALTY = 0.25  # each German-only function word multiplies the lingua evidence by this


# Below this share of words English knows, a text is no English, whatever lingua (which only
# tells English from German) says: a name kept in its own language ("Aknīstes novads", "Coahuila
# de Zaragoza", "Borsod-Abaúj-Zemplén"). Every English sentence left untranslated in
# synthetic/dev.jsonl has a share of 0.78 or more once hashtags are out, and short English UI
# strings full of jargon ("Configure NGINX upstream keepalive timeouts": 0.4) stay English; the
# region names that Debian's German iso_3166-2 catalogue keeps as they are mostly have less.
MIN_ENGLISH_SHARE = 0.4


def english_vocabulary_share(text: str) -> Optional[float]:
    """The share of the words of two or more letters in `text` that English knows
    (language.english_lexicon, and English function words). None for text with no such word."""
    words = [w.lower() for w in WORD.findall(text) if len(w) > 1]
    if not words:
        return None
    lexicon = english_lexicon()
    return sum(w in lexicon or w in ENGLISH_ONLY for w in words) / len(words)


def foreign_words(text: str) -> bool:
    """Whether `text` is mostly words English does not know: another language, not English."""
    share = english_vocabulary_share(text)
    return share is not None and share < MIN_ENGLISH_SHARE


def kept_name(target: str, aligned_source: str) -> bool:
    """Whether `target` copies its source, or a stretch of it, and reads as a name or a title in
    English ("Australian Capital Territory", "City of Kigali", "Isle of Wight", the dateline
    "VIRGINIA BEACH, Va." that the German splitter cut from "VIRGINIA BEACH, Va. -- The city of
    Virginia Beach removed …"): every word capitalised or a particle (words in capitals count as
    a name when the source also writes them in title case), and one capitalised word that English
    uses only as a name or does not know. Translations keep such names on purpose; a heading of
    ordinary words ("Save All Files", "If They Do, They Haven't Shared It") is not one of them."""
    copied = (SequenceMatcher(None, target.lower(), aligned_source.lower()).ratio() >= 0.9
              or " ".join(target.lower().split()) in " ".join(aligned_source.lower().split()))
    if not copied:
        return False
    words = source_words(target)
    if not words or _shape(words, words + source_words(aligned_source)) != "name":
        return False
    common = english_common_words()
    # A contraction (Haven't, It's) is no name, whether or not the word list has it.
    return any(w.text[:1].isupper() and w.lower not in common and w.lower not in ENGLISH_ONLY
               for w in words if len(w.text) > 1 and not any(ch in w.text for ch in "'’"))


def untranslated_confidence(target: str, aligned_source: str) -> float:
    """Probability-like evidence that `target` (already stripped by language_text) is English:
    lingua's rating, the function-word profile, and near-identity with the aligned source; 0 for
    text in another language and for a name kept as it is (foreign_words, kept_name)."""
    counts = function_word_counts(target)
    english, german = counts["en"], counts["de"]
    words = len(WORD.findall(target))
    lingua = english_confidence(target)
    from_lingua = (logistic(lingua, LINGUA_MIDPOINT, LINGUA_WIDTH) * min(1.0, words / 4)
                   * GERMAN_WORD_PENALTY ** german)
    english_share = (english + 0.5) / (english + german + 1.0)  # smoothed: 0.5 without evidence
    # A share of 0.75 is where the text turns English; three English words make it trustworthy.
    from_profile = logistic(english_share, 0.75, 0.06) * min(1.0, english / 3)
    from_copy = 0.0
    if aligned_source and (english_share > 0.6 or (german == 0 and lingua > 0.9)):
        # Character-level identity; an English title quoted in a German sentence reaches ~0.75.
        identity = SequenceMatcher(None, target.lower(), aligned_source.lower()).ratio()
        from_copy = logistic(identity, 0.85, 0.04)
    confidence = 1.0 - (1.0 - from_lingua) * (1.0 - from_profile) * (1.0 - from_copy)
    # Asked last, of the few sentences that read as English at all: the word list loads on first use.
    if confidence >= REPORTED_FROM and (foreign_words(target)
                                        or (aligned_source and kept_name(target, aligned_source))):
        return 0.0
    return confidence


# ----------------------------------------------------------------- fragments

TOKEN = re.compile(r"[#@]?[^\W_](?:[\w'’.\-]*[^\W_])?")
CAMEL = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]")
ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{1,3}|V)")  # "Henry VIII", "wilaya VI": numbers
NAME_PREFIX = re.compile(r"(?:al|el|ad|as|at|an|ar|ibn|bin|bint|abu|ben|da|de|di|van|von)-[A-Z]")
# Lower-case words a title or a name keeps small ("Royal College of Emergency Medicine",
# "Tierra del Sol"): they do not make a capitalised run ordinary text.
PARTICLES = frozenset("a an the and or of for to in on at by with from as into over de del der "
                      "des di da du la le van von y".split())


@dataclass(frozen=True)
class SourceWord:
    lower: str
    text: str
    initial: bool  # first word of a sentence, quote or bracket: its capital says nothing


@dataclass(frozen=True)
class Word:
    start: int  # offsets into the target sentence
    end: int
    text: str
    english: bool  # copied and not ordinary German: evidence; False: copied but also German


@dataclass(frozen=True)
class Fragment:
    start: int  # offsets into the target sentence
    end: int
    words: Tuple[Word, ...]
    shape: str  # as the source writes it: "name" (capitalised: a name or a title), "caps" (all
    # capitals), or "text" (ordinary words)

    @property
    def english_words(self) -> List[Word]:
        return [w for w in self.words if w.english]


def _sentence_initial(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence, a quote, a bracket or a line: anything but a
    letter, a digit or a comma before it."""
    before = text[:start].rstrip()
    return not before or not (before[-1].isalnum() or before[-1] == ",")


def source_words(source: str) -> List[SourceWord]:
    return [SourceWord(m.group().lstrip("#@").lower(), m.group().lstrip("#@"), _sentence_initial(source, m.start()))
            for m in TOKEN.finditer(source)]


def _code_like(token: str) -> bool:
    """Hashtags, handles, numbers, Roman numerals, dotted names and camelCase: not prose."""
    return (token[0] in "#@" or any(ch.isdigit() or ch in "._" for ch in token)
            or bool(CAMEL.search(token)) or (len(token) > 1 and bool(ROMAN.fullmatch(token))))


def _source_occurrence(words: Sequence[Word], source: Sequence[SourceWord]) -> List[SourceWord]:
    """The source words the run was copied from: the same words in a row if the source has them
    so (written the same way if it has that too), else each word's first occurrence."""
    lowers = [w.text.lower() for w in words]
    n = len(lowers)
    matches = [i for i in range(len(source) - n + 1) if all(source[i + k].lower == lowers[k] for k in range(n))]
    if matches:
        same = [i for i in matches if all(source[i + k].text == words[k].text for k in range(n))]
        i = (same or matches)[0]
        return list(source[i:i + n])
    first: Dict[str, SourceWord] = {}
    for word in source:
        first.setdefault(word.lower, word)
    # A word that joins the run without being in the source stands for itself.
    return [first.get(lower) or SourceWord(lower, w.text, False) for lower, w in zip(lowers, words)]


def _titled_elsewhere(occurrence: Sequence[SourceWord], source: Sequence[SourceWord]) -> bool:
    """Whether the source also writes these words in a row with capitals and lower case, as a
    name ("VIRGINIA BEACH, Va. -- The city of Virginia Beach")."""
    n = len(occurrence)
    lowers = [w.lower for w in occurrence]
    return any(all(source[i + k].lower == lowers[k] for k in range(n))
               and any(source[i + k].text[:1].isupper() and not source[i + k].text.isupper() for k in range(n))
               for i in range(len(source) - n + 1))


def _shape(occurrence: Sequence[SourceWord], source: Sequence[SourceWord]) -> str:
    """How the source writes the run: "caps" if its words are all capitals (and not a name it
    writes elsewhere in mixed case), "name" if every word is capitalised or a particle (a name or
    a title), else "text"."""
    proper, common = english_proper_nouns(), english_common_words()
    letters = [w for w in occurrence if len(w.text) > 1]
    if letters and all(w.text.isupper() for w in letters):
        return "name" if _titled_elsewhere(occurrence, source) else "caps"
    named = False
    for k, w in enumerate(occurrence):
        if w.text.isupper() and len(w.text) > 1:
            continue  # an acronym inside a name ("Sydney CBD") is neither
        if w.text[:1].islower():
            inside_name = (0 < k < len(occurrence) - 1 and occurrence[k - 1].text[:1].isupper()
                           and occurrence[k + 1].text[:1].isupper())
            if w.lower in PARTICLES or inside_name or NAME_PREFIX.match(w.text):
                continue  # "Daniel arap Moi", "Abu Hajar al-Iraqi"
            return "text"
        if w.initial and w.lower in common and w.lower not in proper:
            continue  # an ordinary word, capitalised because it opens a sentence or a quote
        named = True
    return "name" if named else "text"


def fragments(sentence: str, source: str, allow_terms: Sequence[str] = ()) -> List[Fragment]:
    """Runs of words of `sentence` copied from `source` that contain at least one word that is
    not ordinary German, trimmed of German words at both ends. A run stops at punctuation and at
    any word that is not copied or is a number, address, tag, code or allowed term."""
    german = german_vocabulary()
    source_list = source_words(language_text(source, allow_terms))
    copied = {w.lower for w in source_list}
    blocked = not_language(sentence) + allowed_spans(sentence, allow_terms)
    runs: List[List[Word]] = [[]]
    previous_end: Optional[int] = None
    for m in TOKEN.finditer(sentence):
        token = m.group()
        lower = token.lower()
        if previous_end is not None and sentence[previous_end:m.start()].strip():
            runs.append([])  # punctuation between the two words
        previous_end = m.end()
        if _code_like(token) or any(m.start() < b and a < m.end() for a, b in blocked):
            runs.append([])
            continue
        ordinary_german = lower in german or lower in GERMAN_ONLY
        if lower not in copied:
            if token.islower() and len(token) > 1 and not ordinary_german and runs[-1]:
                # Not in the source but not German either ("are use today" for "are useless
                # today"): it may join two copied words, never start or end a run.
                runs[-1].append(Word(m.start(), m.end(), token, False))
            else:
                runs.append([])
            continue
        english = lower in ENGLISH_ONLY or (len(token) > 1 and not ordinary_german)
        runs[-1].append(Word(m.start(), m.end(), token, english))
    out: List[Fragment] = []
    for run in runs:
        # The shape is read on the whole run: "Daniel" is German too, but it tells "Daniel arap
        # Moi" is a name.
        shape = _shape(_source_occurrence(run, source_list), source_list) if run else ""
        whole = run
        while run and not run[0].english:
            run = run[1:]
        while run and not run[-1].english:
            run = run[:-1]
        if len(run) >= 2 and len(whole) > len(run) and run[0] is whole[1] and _sentence_initial(sentence, whole[0].start):
            # "Time to move on", "Hold my keyboard": a word German shares, opening the quote
            run = [whole[0]] + run
        if run:
            out.append(Fragment(run[0].start, run[-1].end, tuple(run), shape))
    return out


# Where the evidence of a fragment turns English: lingua's confidence for the run, plus a little
# for each English-only function word and each further English word in it.
RUN_MIDPOINT = 0.75
RUN_WIDTH = 0.06
# Caps keep the weaker kinds of candidate below WARNING_AT (reported as info, ranked by lingua).
# Chosen on mqm/dev, where each of these kinds flags more unannotated items than annotated ones
# (item precision 0.21 for capitalised runs, 0.10 for capitalised single words, 0.14 for single
# lower-case words, against 0.31-1.0 for runs that keep English casing).
GERMANISED_CAP = 0.45  # every word capitalised as German capitalises nouns (Factory Reset)
SINGLE_WORD_CAP = 0.45  # one capitalised word: Backlog, but also Update, Coffee, Timeline
LOWERCASE_WORD_CAP = 0.49  # one word kept in lower case (twee, groggy): the strongest single word


def fragment_confidence(fragment: Fragment, sentence: str) -> float:
    """How likely a reader would call this fragment untranslated English. Only runs of several
    words that keep English casing (a lower-case word other than a particle, or all capitals)
    can reach WARNING_AT; see the caps above.

    The evidence is weighed on a scale whose flag point is 0.5 (where the caps were chosen) and
    shifted in log-odds so that this point lands on WARNING_AT."""
    evidence = _fragment_evidence(fragment, sentence)
    if evidence <= 0.0:
        return 0.0
    shift = math.log(WARNING_AT / (1 - WARNING_AT))
    evidence = min(max(evidence, 1e-6), 1 - 1e-6)
    return 1.0 / (1.0 + math.exp(-(math.log(evidence / (1 - evidence)) + shift)))


def _fragment_evidence(fragment: Fragment, sentence: str) -> float:
    words = fragment.words
    if fragment.shape == "name":
        return 0.0  # names and titles are copied on purpose: not reported (item precision 0.06)
    run = sentence[fragment.start:fragment.end]
    lingua = english_confidence(run)
    if len(words) >= 2 and words[0].text[:1].islower() and not _known_word(words[0].text):
        return 0.0  # a command and its argument ("gio copy", "stty sane", "apt-mark manual"), no English
    if len(words) >= 2:
        function = sum(w.text.lower() in ENGLISH_ONLY for w in words)
        evidence = lingua + 0.05 * function + 0.03 * (len(fragment.english_words) - 1)
        confidence = logistic(evidence, RUN_MIDPOINT, RUN_WIDTH)
        if confidence >= REPORTED_FROM and foreign_words(run):
            return 0.0  # a name kept in its own language ("Aknīstes novads", "Húnaþing vestra")
        kept_lowercase = any(w.text[:1].islower() and w.text.lower() not in PARTICLES and len(w.text) > 1
                             for w in words)
        return confidence if kept_lowercase or fragment.shape == "caps" else GERMANISED_CAP * confidence
    word = words[0]
    if fragment.shape == "caps":
        return 0.0  # a lone acronym (GOP, but also CBN, PDF): not reported (item precision 0.14)
    confidence = SINGLE_WORD_CAP * lingua
    if word.text[:1].islower():  # German writes no noun, and no sentence start, in lower case
        confidence = max(confidence, LOWERCASE_WORD_CAP * logistic(lingua, 0.85, 0.04))
    return confidence


def _known_word(token: str) -> bool:
    """An English or German dictionary word: not a program's, a setting's or a made-up name."""
    lower = token.lower()
    return lower in english_common_words() or lower in german_vocabulary() or lower in ENGLISH_ONLY


# ----------------------------------------------------------------- the check

def _language(code: str) -> str:
    return code.lower().replace("_", "-").split("-")[0]


def find_untranslated(ctx: CheckContext) -> Iterator[Finding]:
    if (_language(ctx.source.lang), _language(ctx.target.lang)) not in LANGUAGE_PAIRS:
        return  # the language models and word lists are English and German ones
    allow = ctx.allow_terms
    for bead in ctx.beads:
        source_text = ctx.source_text(bead) if bead.source else ""
        aligned_source = language_text(source_text, allow)
        for j in bead.target:
            text = ctx.target.sentence(j)
            offset = ctx.target.sentences[j][0]
            clean = language_text(text, allow)
            sentence_confidence = 0.0
            if len(WORD.findall(clean)) >= MIN_WORDS:
                sentence_confidence = untranslated_confidence(clean, aligned_source)
            pieces = [(fragment, fragment_confidence(fragment, text))
                      for fragment in (fragments(text, source_text, allow) if source_text else [])]
            # A sentence that is half German ("Die neue Version ist schneller, but to be honest
            # ...") is reported by its English fragment, which says exactly where.
            mixed = (sentence_confidence >= WARNING_AT and function_word_counts(clean)["de"] > 0
                     and any(confidence >= WARNING_AT for _, confidence in pieces))
            if sentence_confidence >= REPORTED_FROM and not mixed:
                yield UNTRANSLATED_SENTENCE.finding(
                    confidence=sentence_confidence,
                    source_span=ctx.source_span(bead) if bead.source else None,
                    target_span=ctx.target.sentences[j],
                    message=f"Target sentence {quote(text)} is still in English.",
                )
                if sentence_confidence >= WARNING_AT:
                    continue  # the whole sentence is reported: its fragments would repeat it
            for fragment, confidence in pieces:
                if confidence < REPORTED_FROM:
                    continue
                words = text[fragment.start:fragment.end]
                where = quote(words) if words == text else f"{quote(words)} in {quote(text, 60)}"
                yield UNTRANSLATED_FRAGMENT.finding(
                    confidence=confidence,
                    source_span=ctx.source_span(bead),
                    target_span=(offset + fragment.start, offset + fragment.end),
                    message=f"{where} is still English, as in the source.",
                )


CHECK = Check(name="untranslated", rules=(UNTRANSLATED_SENTENCE, UNTRANSLATED_FRAGMENT), run=find_untranslated)
