"""Find the numbers, dates and times in an English or German text, as comparable values.

Locales write the same number differently: "1,250,000" = "1.250.000", "3.5" = "3,5",
"5%" = "5 %" = "5 Prozent", "2nd" = "2.", "$5 million" = "5 Millionen Dollar",
"February 21, 2022" = "21. Februar 2022", "6-8 p.m." = "18 bis 20 Uhr", "5/11/2022" =
"11.05.2022", "the 1970s" = "die 70er", "the 1900s" = "das 20. Jahrhundert". Rather than guess the locale of each number, a number
gets every value its separators allow: "1,250" reads as 1250 (thousands) or 1.25 (decimal), and
two numbers match when their readings share a value. Spelled small numbers ("two", "zwei") are
found too, but only to vouch for a digit on the other side: a translator may write either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import FrozenSet, List

from aligner.findings import Span

NUMBER = "number"
MONTH = "month"
TIME = "time"
DATE = "date"  # a numeric day-month-year date, valued year * 10000 + month * 100 + day
PERIOD = "period"  # a decade or a century, valued by its first year (and its two-digit name)


@dataclass(frozen=True)
class Mention:
    span: Span  # offsets into the text given to find_mentions (plus its offset)
    text: str
    category: str  # NUMBER, MONTH, TIME, DATE or PERIOD: only mentions of one category are compared
    values: FrozenSet[float]  # every reading the notation allows
    spelled: bool = False  # a number word: may vouch for a digit, is never reported itself

    def matches(self, other: "Mention") -> bool:
        return self.category == other.category and bool(self.values & other.values)


_SCALES = {
    "thousand": 1e3, "tausend": 1e3,
    "million": 1e6, "millions": 1e6, "mn": 1e6, "mio": 1e6, "millionen": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9,
    "trillion": 1e12, "billionen": 1e12, "trillionen": 1e18,
}
_SCALE_PATTERN = "|".join(sorted(_SCALES, key=len, reverse=True))
_ATTACHED_SCALES = {"k": 1e3, "m": 1e6, "bn": 1e9}  # only written without a space: "5 m" is metres
# A German "Billion" is an English trillion; on the German side it must not read as 1e9.
_GERMAN_SCALES = {"billion": 1e12}

_DIGITS = re.compile(
    r"(?<![\w.,])(\d+(?:[.,\u00a0\u202f]\d+)*)"  # digits with separators between groups
    rf"(?:(?P<attached>k|m|bn)\b|\s?(?P<scale>{_SCALE_PATTERN})\b\.?)?",  # "$5m", "5 Mio."
    re.IGNORECASE,
)
_CLOCK = re.compile(
    r"(?<![\w.,])(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s?(?P<suffix>a\.m\.|p\.m\.|am\b|pm\b|Uhr\b)",
    re.IGNORECASE,
)
# A range of hours shares its suffix: "6-8 p.m.", "18 bis 20 Uhr", "9 to 11am".
_CLOCK_RANGE = re.compile(
    r"(?<![\w.,])(?P<first>\d{1,2})(?:[:.](?P<first_minute>\d{2}))?\s?(?:-|–|to|bis|und)\s?"
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s?(?P<suffix>a\.m\.|p\.m\.|am\b|pm\b|Uhr\b)",
    re.IGNORECASE,
)
# Numeric dates: English month/day/year (or day/month/year), German day.month.year, ISO.
_SLASH_DATE = re.compile(r"(?<![\w./])(\d{1,2})/(\d{1,2})/(\d{2,4})(?![\w/])")
_DOT_DATE = re.compile(r"(?<![\w.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{2,4})(?![\w.]\d)")
_ISO_DATE = re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")
# Decades and centuries: "the 1970s", "'70s", "00s" / "die 70er", "1970er Jahre", "2000ern";
# "the 20th century" / "das 20. Jahrhundert".
_DECADE = re.compile(r"(?<![\w'’])['’]?(\d{2})?(\d0)(?:['’]?s\b|er(?:n|\s?Jahren?)?\b)", re.IGNORECASE)
_CENTURY = re.compile(r"(?<![\w.])(\d{1,2})(?:st|nd|rd|th|\.)\s?(?:century|Jahrhunderts?)\b", re.IGNORECASE)
_COLON_TIME = re.compile(r"(?<![\w.,:])(?P<hour>\d{1,2}):(?P<minute>\d{2})(?![\d:])")

_MONTHS = {
    "january": 1, "jan": 1, "januar": 1, "jänner": 1, "february": 2, "feb": 2, "februar": 2,
    "march": 3, "mar": 3, "märz": 3, "april": 4, "apr": 4, "may": 5, "mai": 5, "june": 6,
    "jun": 6, "juni": 6, "july": 7, "jul": 7, "juli": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12, "dezember": 12, "dez": 12,
}
# A month name counts only next to a day or year ("May 5", "5. Mai 2022"): "may" is also a verb.
_MONTH = re.compile(r"\b(?:%s)\b" % "|".join(_MONTHS), re.IGNORECASE)
_DATE_BEFORE = re.compile(r"\d[.,]?\s$")
_DATE_AFTER = re.compile(r"^\.?\s\d")

_SPELLED = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100, "dozen": 12,
    "null": 0, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20, "hundert": 100, "dutzend": 12,
    "once": 1, "twice": 2, "einmal": 1, "zweimal": 2, "dreimal": 3, "half": 0.5, "halb": 0.5,
    "one": 1, "first": 1, "second": 2, "third": 3, "erste": 1, "zweite": 2, "dritte": 3,
}
_SPELLED_WORD = re.compile(r"\b(?:%s)\w*\b" % "|".join(sorted(_SPELLED, key=len, reverse=True)), re.IGNORECASE)


def readings(notation: str) -> FrozenSet[float]:
    """Every value a digit string with '.', ',' or thin-space separators can stand for."""
    groups = re.split(r"[.,\u00a0\u202f]", notation)
    separators = re.findall(r"[.,\u00a0\u202f]", notation)
    if not separators:
        return frozenset({float(notation)})
    if len(set(separators)) > 1:  # "1,250.5" or "1.250,5": the last separator is the decimal point
        return frozenset({float("".join(groups[:-1]) + "." + groups[-1])})
    if len(separators) > 1 or separators[0] in "\u00a0\u202f":  # "1.250.000": groups of thousands
        return frozenset({float("".join(groups))})
    whole, fraction = groups
    decimal = float(f"{whole}.{fraction}")
    if len(fraction) == 3:  # "1,250" or "1.250": thousands in one locale, a decimal in the other
        return frozenset({float(whole + fraction), decimal})
    return frozenset({decimal})


def find_mentions(text: str, lang: str, offset: int = 0) -> List[Mention]:
    """Numbers, clock times and month names of dates in `text`, in order."""
    mentions: List[Mention] = []
    taken: List[Span] = []

    def add(start: int, end: int, category: str, values, spelled: bool = False) -> None:
        if any(start < b and a < end for a, b in taken):
            return
        taken.append((start, end))
        mentions.append(Mention((start + offset, end + offset), text[start:end], category,
                                frozenset(values), spelled))

    def clock(hour: int, minute: int, suffix: str) -> int:
        if suffix.startswith("p") and hour < 12:
            hour += 12
        return hour * 60 + minute

    for m in _CLOCK_RANGE.finditer(text):
        suffix = m.group("suffix").lower()
        add(m.start(), m.start("first") + len(m.group("first")), TIME,
            {clock(int(m.group("first")), int(m.group("first_minute") or 0), suffix)})
        add(m.start("hour"), m.end(), TIME, {clock(int(m.group("hour")), int(m.group("minute") or 0), suffix)})
    for pattern, order in ((_ISO_DATE, ("year", "month", "day")), (_DOT_DATE, ("day", "month", "year")),
                           (_SLASH_DATE, ("month", "day", "year"))):
        for m in pattern.finditer(text):
            add(m.start(), m.end(), DATE, _date_values(dict(zip(order, map(int, m.groups()))), pattern is _SLASH_DATE))
    for m in _CENTURY.finditer(text):
        add(m.start(), m.end(), PERIOD, {(int(m.group(1)) - 1) * 100})
    for m in _DECADE.finditer(text):
        century, decade = m.group(1), int(m.group(2))
        years = {int(century + m.group(2))} if century else {1900 + decade, 2000 + decade}
        add(m.start(), m.end(), PERIOD, years | {decade})
    for m in _CLOCK.finditer(text):
        add(m.start(), m.end(), TIME, {clock(int(m.group("hour")), int(m.group("minute") or 0),
                                             m.group("suffix").lower())})
    for m in _COLON_TIME.finditer(text):
        add(m.start(), m.end(), TIME, {int(m.group("hour")) * 60 + int(m.group("minute"))})
    for m in _DIGITS.finditer(text):
        scale_word = (m.group("scale") or "").lower()
        scale = _SCALES.get(scale_word, 1.0) * _ATTACHED_SCALES.get((m.group("attached") or "").lower(), 1.0)
        if lang == "de":
            scale = _GERMAN_SCALES.get(scale_word, scale)
        add(m.start(), m.end(), NUMBER, {value * scale for value in readings(m.group(1))})
    for m in _MONTH.finditer(text):
        if _DATE_BEFORE.search(text[max(0, m.start() - 4):m.start()]) or _DATE_AFTER.match(text[m.end():m.end() + 3]):
            add(m.start(), m.end(), MONTH, {_MONTHS[m.group().lower()]})
    for m in _SPELLED_WORD.finditer(text):
        word = m.group().lower()
        if word in _SPELLED:
            add(m.start(), m.end(), NUMBER, {_SPELLED[word]}, spelled=True)
    return sorted(mentions, key=lambda mention: mention.span)


def _date_values(parts: dict, day_first_too: bool) -> set:
    """year * 10000 + month * 100 + day; a slashed date also reads day-first (5/11 in Britain)."""
    year = parts["year"] + 2000 if parts["year"] < 100 else parts["year"]
    values = {year * 10000 + parts["month"] * 100 + parts["day"]}
    if day_first_too:
        values.add(year * 10000 + parts["day"] * 100 + parts["month"])
    return values
