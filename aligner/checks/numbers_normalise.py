"""Find the numbers, dates and times in an English or German text, as comparable values.

Locales write the same number differently: "1,250,000" = "1.250.000", "3.5" = "3,5",
"5%" = "5 %" = "5 Prozent", "2nd" = "2.", "$5 million" = "5 Millionen Dollar", "a million" = "eine Million",
"February 21, 2022" = "21. Februar 2022", "6-8 p.m." = "18 bis 20 Uhr", "5/11/2022" =
"11.05.2022", "the 1970s" = "die 70er", "the 1900s" = "das 20. Jahrhundert", "1981-87" =
"1981 bis 1987", "350 yards" = "300 Meter" (a converted unit, rounded). Rather than guess the locale of each number, a number
gets every value its separators allow: "1,250" reads as 1250 (thousands) or 1.25 (decimal), and
two numbers match when their readings share a value. Spelled small numbers ("two", "zwei") are
found too ("fifteen", "twenty-five", "fünfundzwanzig"), but only to vouch for a digit on the
other side: a translator may write either.
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
    spelled: bool = False  # a number word: may vouch for a digit; reported only as changed, if a cardinal

    def matches(self, other: "Mention") -> bool:
        return self.category == other.category and bool(self.values & other.values)

    @property
    def cardinal(self) -> bool:
        """A number word that means nothing but its number ("nine", "zwanzig", "six million",
        "twenty-five", "fünfundzwanzig")."""
        word = self.text.split()[0]
        return self.spelled and (word.split("-")[0].lower() in CARDINAL_WORDS or bool(_COMPOUND.fullmatch(word)))


_SCALES = {
    "thousand": 1e3, "tausend": 1e3,
    "million": 1e6, "millions": 1e6, "mn": 1e6, "mio": 1e6, "millionen": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9,
    "trillion": 1e12, "billionen": 1e12, "trillionen": 1e18,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,  # Indian English: 14 lakh = 1,4 Millionen
}
_SCALE_PATTERN = "|".join(sorted(_SCALES, key=len, reverse=True))
_ATTACHED_SCALES = {"k": 1e3, "m": 1e6, "bn": 1e9}  # only written without a space: "5 m" is metres
# "5K" is 5,000, or a 5-kilometre run ("5K/weekday" -> "5 km/Werktag"): it keeps both readings.
# So does "137m", lower-case and without a currency sign before it, which is as often metres ("a
# span of 449ft (137m)" -> "137 m (449 Fuß)") as a million; "£101m" is money, "10M" a million.
_ALSO_UNSCALED = {"k"}
_CURRENCY_BEFORE = re.compile(r"[$£€¥]\s?$|\b(?:US|USD|EUR|GBP)\s?$")
# A German "Billion" is an English trillion; on the German side it must not read as 1e9.
_GERMAN_SCALES = {"billion": 1e12}

_DIGITS = re.compile(
    # digits with separators between groups; not a setting's value ("calendar:week_start:0", as
    # GTK's translators are asked to set it)
    r"(?<![\w.,])(?<![A-Za-z_]:)(\d+(?:[.,\u00a0\u202f]\d+)*)"
    rf"(?:(?P<attached>k|m|bn)\b|[\s-]?(?P<scale>{_SCALE_PATTERN})\b\.?)?",  # "$5m", "5 Mio.", "1-Billionen-Paket"
    re.IGNORECASE,
)
# Clock times; "∶" (U+2236, RATIO) is the colon GNOME's and GTK's strings write in times.
# A space after the colon ("13: 30 Uhr") is a typing slip, not another figure.
_CLOCK = re.compile(
    r"(?<![\w.,])(?P<hour>\d{1,2})(?:(?:[:.∶]|:\s)(?P<minute>\d{2}))?\s?(?P<suffix>a\.m\.|p\.m\.|am\b|pm\b|Uhr\b)",
    re.IGNORECASE,
)
# A range of hours shares its suffix: "6-8 p.m.", "18 bis 20 Uhr", "9 to 11am".
_CLOCK_RANGE = re.compile(
    r"(?<![\w.,])(?P<first>\d{1,2})(?:[:.∶](?P<first_minute>\d{2}))?\s?(?:-|–|to|bis|und)\s?"
    r"(?P<hour>\d{1,2})(?:[:.∶](?P<minute>\d{2}))?\s?(?P<suffix>a\.m\.|p\.m\.|am\b|pm\b|Uhr\b)",
    re.IGNORECASE,
)
# "um 3 Uhr nachmittags", "bis 8 Uhr abends": a German hour counted from noon, as p.m. is.
_GERMAN_AFTERNOON = re.compile(r"\s+(?:nachmittags|abends)\b", re.IGNORECASE)
# Numeric dates: English month/day/year (or day/month/year), German day.month.year, ISO.
_SLASH_DATE = re.compile(r"(?<![\w./])(\d{1,2})/(\d{1,2})/(\d{2,4})(?![\w/])")
_DOT_DATE = re.compile(r"(?<![\w.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{2,4})(?![\w.]\d)")
_ISO_DATE = re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")
# Decades and centuries: "the 1970s", "'70s", "00s" / "die 70er", "1970er Jahre", "2000ern";
# "the 20th century" / "das 20. Jahrhundert".
_DECADE = re.compile(r"(?<![\w'’])['’]?(\d{2})?(\d0)(?:['’]?s\b|er(?:n|\s?Jahren?)?\b)", re.IGNORECASE)
_CENTURY = re.compile(r"(?<![\w.])(\d{1,2})(?:st|nd|rd|th|\.)\s?(?:century|Jahrhunderts?)\b", re.IGNORECASE)
_COLON_TIME = re.compile(r"(?<![\w.,:∶])(?P<hour>\d{1,2})[:∶](?P<minute>\d{2})(?![\d:∶])")

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
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17,
    "achtzehn": 18, "neunzehn": 19,
}
# "twenty-five", "fünfundzwanzig": a ten and a unit in one word.
_EN_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
            "ninety": 90}
_DE_UNITS = {"ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9}
_DE_TENS = {"zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70,
            "achtzig": 80, "neunzig": 90}
_SPELLED.update({**_EN_TENS, **_DE_TENS})  # the tens alone count too ("thirty", "dreißig")
# Ordinals up to the twelfth, German ones with their inflections ("im dritten Quartal" = "in the
# 3rd quarter"): they vouch for a digit like any number word.
_SPELLED.update(zip("fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(), range(4, 13)))
_SPELLED.update({stem + ending: value
                 for value, stem in enumerate("erste zweite dritte vierte fünfte sechste siebte achte neunte "
                                              "zehnte elfte zwölfte".split(), start=1)
                 for ending in ("", "n", "r", "s", "m")})
_COMPOUND = re.compile(r"\b(?:(?P<en_tens>{})[-\s](?P<en_unit>{})|(?P<de_unit>{})und(?P<de_tens>{}))\b".format(
    *("|".join(words) for words in (_EN_TENS, _EN_UNITS, _DE_UNITS, _DE_TENS))), re.IGNORECASE)
_SPELLED_WORD = re.compile(r"\b(?:%s)\w*\b" % "|".join(sorted(_SPELLED, key=len, reverse=True)), re.IGNORECASE)
# Number words that are nothing but a number: a changed one is reported like a changed digit
# ("nine" -> "zehn"). Left out: words with another sense ("one", "second", "once", "half",
# "null", and German "acht" and "elf"), and the round "hundred" and "dozen" that stand for "many".
CARDINAL_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen zwei drei vier fünf sechs sieben neun zehn zwölf dreizehn vierzehn fünfzehn sechzehn "
    "siebzehn achtzehn neunzehn".split()) | frozenset(_EN_TENS) | frozenset(_DE_TENS)


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

    def clock(hour: int, minute: int, suffix: str, end: int) -> int:
        # p.m., and German's "3 Uhr nachmittags", "8 Uhr abends", count from noon
        afternoon = suffix.startswith("p") or (suffix == "uhr" and _GERMAN_AFTERNOON.match(text, end))
        if afternoon and hour < 12:
            hour += 12
        return hour * 60 + minute

    for m in _CLOCK_RANGE.finditer(text):
        suffix = m.group("suffix").lower()
        add(m.start(), m.start("first") + len(m.group("first")), TIME,
            {clock(int(m.group("first")), int(m.group("first_minute") or 0), suffix, m.end())})
        add(m.start("hour"), m.end(), TIME,
            {clock(int(m.group("hour")), int(m.group("minute") or 0), suffix, m.end())})
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
    for m in _FEET_AND_INCHES.finditer(text):
        add(m.start(), m.end(), NUMBER, height_readings(int(m.group("feet")), int(m.group("inches"))))
    for m in _CLOCK.finditer(text):
        add(m.start(), m.end(), TIME, {clock(int(m.group("hour")), int(m.group("minute") or 0),
                                             m.group("suffix").lower(), m.end())})
    for m in _COLON_TIME.finditer(text):
        add(m.start(), m.end(), TIME, {int(m.group("hour")) * 60 + int(m.group("minute"))})
    for m in _DIGITS.finditer(text):
        scale_word = (m.group("scale") or "").lower()
        attached = (m.group("attached") or "").lower()
        scale = _scale_of(scale_word, lang) * _ATTACHED_SCALES.get(attached, 1.0)
        values = {value * scale for value in readings(m.group(1))}
        if attached in _ALSO_UNSCALED or _may_be_metres(m, text):
            values |= readings(m.group(1))
        range_start = _YEAR_RANGE_START.search(text[max(0, m.start() - 7):m.start()])
        if range_start and len(m.group(1)) == 2 and not scale_word and not attached:
            values.add(float(range_start.group("century") + m.group(1)))  # "1981-87": 1987
        shared = _SHARED_SCALE.match(text[m.end():m.end() + 40]) if not scale_word and not attached else None
        if shared:  # "3 bis 8 Millionen": the first figure of a range shares the second one's scale
            scale = _scale_of(shared.group("scale").lower(), lang)
            values |= {value * scale for value in readings(m.group(1))}
        unit = _IMPERIAL.match(text[m.end():m.end() + 24]) if lang == "en" else None
        follower = _RANGE_FOLLOWER.match(text[m.end():m.end() + 24]) if lang == "en" and not unit else None
        if follower:  # "5-10 acres" = "2 bis 4 Hektar": the first figure of a range shares the second one's unit
            unit = _IMPERIAL.match(text[m.end() + follower.end():m.end() + follower.end() + 24])
        if unit:
            values |= converted(values, "inches" if unit.group("attached") else unit.group("unit").lower())
        add(m.start(), m.end(), NUMBER, values)
    for m in _MONTH.finditer(text):
        if _DATE_BEFORE.search(text[max(0, m.start() - 4):m.start()]) or _DATE_AFTER.match(text[m.end():m.end() + 3]):
            add(m.start(), m.end(), MONTH, {_MONTHS[m.group().lower()]})

    def add_spelled(start: int, end: int, value: float) -> None:
        scaled = _SPELLED_SCALE.match(text, end)  # "six million", "sechs Millionen"
        if scaled:
            end, value = scaled.end(), value * _scale_of(scaled.group(1).lower(), lang)
        add(start, end, NUMBER, {value}, spelled=True)

    for m in _COMPOUND.finditer(text):
        tens = _EN_TENS.get((m.group("en_tens") or "").lower()) or _DE_TENS[m.group("de_tens").lower()]
        unit = _EN_UNITS.get((m.group("en_unit") or "").lower()) or _DE_UNITS[m.group("de_unit").lower()]
        add_spelled(m.start(), m.end(), tens + unit)
    for m in _SPELLED_WORD.finditer(text):
        word = m.group().lower()
        if word in _SPELLED:
            add_spelled(m.start(), m.end(), _SPELLED[word])
    for m in _ARTICLE_SCALE.finditer(text):
        add(m.start(), m.end(), NUMBER, {_scale_of(m.group("scale").lower(), lang)}, spelled=True)
    return sorted(mentions, key=lambda mention: mention.span)


def _may_be_metres(match: re.Match, text: str) -> bool:
    """A figure with "m" attached in lower case and no currency sign before it ("137m", not "£101m"
    or "10M"): metres as often as a million."""
    before = text[max(0, match.start() - 4):match.start()]
    return match.group("attached") == "m" and not _CURRENCY_BEFORE.search(before)


def _scale_of(word: str, lang: str) -> float:
    """The factor a scale word stands for (1 for none): a German "Billion" is 1e12."""
    if lang == "de" and word in _GERMAN_SCALES:
        return _GERMAN_SCALES[word]
    return _SCALES.get(word, 1.0)


# "a million", "eine Million", "einer Milliarde": one of the scale. A scale word alone is no figure
# ("Millionen Menschen" = millions of people).
_ARTICLE_SCALE = re.compile(rf"\b(?:an?|ein|eine|einer|einen|einem|eines)\s(?P<scale>{_SCALE_PATTERN})\b\.?",
                            re.IGNORECASE)
_SPELLED_SCALE = re.compile(rf"\s({_SCALE_PATTERN})\b\.?", re.IGNORECASE)  # "two million", "zwei Mio."

# The second year of a range, written with two digits: "1981-87", "2019–20".
_YEAR_RANGE_START = re.compile(r"(?<!\d)(?P<century>1[5-9]|20)\d\d\s?[-–/]\s?$")
# What joins the two figures of a range ("3 bis 8", "5-10", "375 and 400").
_RANGE_JOIN = r"\s?(?:-|–|bis|und|oder|to|and|or)\s?"
_SHARED_SCALE = re.compile(rf"^{_RANGE_JOIN}\D{{0,2}}\d+(?:[.,]\d+)?[\s-]?(?P<scale>{_SCALE_PATTERN})\b",
                           re.IGNORECASE)
# What follows the first figure of a range up to the end of the second ("-10", " to 10").
_RANGE_FOLLOWER = re.compile(rf"^{_RANGE_JOIN}\d+(?:[.,]\d+)*")
# Imperial units a German translation usually converts to metric, with the factors to the metric
# units it is converted to (Fahrenheit, an offset scale, is converted apart; American "degrees"
# are Fahrenheit, and the figure keeps its own value too, for angles).
_IMPERIAL_FACTORS = {
    "mile": (1.609344,), "miles": (1.609344,), "mph": (1.609344,), "foot": (0.3048,), "feet": (0.3048,),
    "ft": (0.3048,), "yard": (0.9144,), "yards": (0.9144,), "yd": (0.9144,), "yds": (0.9144,),
    "inch": (2.54,), "inches": (2.54,), "pound": (0.45359237,), "pounds": (0.45359237,),
    "lb": (0.45359237,), "lbs": (0.45359237,), "ounce": (28.349523,), "ounces": (28.349523,),
    "oz": (28.349523,), "gallon": (3.785412,), "gallons": (3.785412,),
    "acre": (0.404686, 0.00404686), "acres": (0.404686, 0.00404686),  # hectares, square kilometres
    "square feet": (0.092903,), "sq ft": (0.092903,), "square miles": (2.589988,),
}
# "6in" and "6 inches" are inches, "6 in the morning" is not: "in" counts only when attached.
_IMPERIAL = re.compile(r"^(?:(?P<attached>in)\b|\s?-?\s?(?P<unit>square feet|square miles|sq ft|°\s?F\b|degrees(?: fahrenheit)?|%s)\b)" % "|".join(
    sorted((unit for unit in _IMPERIAL_FACTORS if " " not in unit), key=len, reverse=True)), re.IGNORECASE)
# A converted figure is rounded (350 yards = 320 m, written "gute 300 Meter"): any round number
# within this fraction of the exact conversion counts as the same figure.
CONVERSION_TOLERANCE = 0.1
_ROUND_STEPS = tuple(m * 10.0 ** e for e in range(-1, 7) for m in (1, 2, 5))


def converted(values, unit: str) -> set:
    """The metric readings of an imperial figure: the exact conversion and the round numbers
    near it."""
    out = set()
    fahrenheit = unit.endswith("f") or unit.startswith("degrees")
    factors = () if fahrenheit else _IMPERIAL_FACTORS[" ".join(unit.split())]
    for value in values:
        metrics = [(value - 32) * 5 / 9] if fahrenheit else [value * factor for factor in factors]
        for metric in metrics:
            out |= _near(metric)
    return out


def _near(metric: float) -> set:
    """A converted figure and the round numbers within CONVERSION_TOLERANCE of it."""
    out = {round(metric, 6)}
    for step in _ROUND_STEPS:
        rounded = round(round(metric / step) * step, 6)
        if rounded and abs(rounded - metric) <= CONVERSION_TOLERANCE * abs(metric):
            out.add(rounded)
    return out


# A height in feet and inches ("5'5\"", "5′ 11″", "5 ft 6 in", "6 feet 2 inches") is one figure,
# which a German translation gives in metres or centimetres ("1,65 m", "168 cm") or keeps as it is
# ("5 Fuß 6 Zoll"; read the same way on both sides).
_FEET_AND_INCHES = re.compile(
    r"(?<![\w.,'’])(?P<feet>[1-9])\s?(?:'|’|′|ft\b\.?|foot\b|feet\b|Fuß\b)"  # the feet
    r"\s?(?P<inches>1[01]|[0-9])(?![\d.,]\d)(?:\s?(?:\"|”|″|''|’’|in\b\.?|inch(?:es)?\b|Zoll\b))?")  # the inches


def height_readings(feet: int, inches: int) -> set:
    """The metric readings of a height: metres to the centimetre, centimetres, and the round
    numbers near each (as `converted` takes them)."""
    metres = feet * 0.3048 + inches * 0.0254
    return {round(metres, 2), float(round(metres * 100))} | _near(metres) | _near(metres * 100)


def _date_values(parts: dict, day_first_too: bool) -> set:
    """year * 10000 + month * 100 + day; a slashed date also reads day-first (5/11 in Britain)."""
    year = parts["year"] + 2000 if parts["year"] < 100 else parts["year"]
    values = {year * 10000 + parts["month"] * 100 + parts["day"]}
    if day_first_too:
        values.add(year * 10000 + parts["day"] * 100 + parts["month"])
    return values
