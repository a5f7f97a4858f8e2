"""Number, date and time normalisation across English and German notation."""

from __future__ import annotations

import pytest

from aligner.checks.numbers import pair_changes, rescaled, unmatched
from aligner.checks.numbers_normalise import MONTH, NUMBER, TIME, find_mentions, readings


def differences(english: str, german: str):
    source, target = find_mentions(english, "en"), find_mentions(german, "de")
    return [m.text for m in unmatched(source, target)], [m.text for m in unmatched(target, source)]


@pytest.mark.parametrize("english, german", [
    ("1,250,000 people", "1.250.000 Menschen"),
    ("a rate of 3.5", "eine Rate von 3,5"),
    ("up 5%", "plus 5 %"),
    ("up 5 percent", "plus 5 Prozent"),
    ("the 2nd round", "die 2. Runde"),
    ("$5 million", "5 Millionen Dollar"),
    ("$5m", "5 Mio. Dollar"),
    ("2.3 billion euros", "2,3 Milliarden Euro"),
    ("On February 21, 2022, Russia", "Am 21. Februar 2022 erkannte Russland"),
    ("at 3 p.m.", "um 15 Uhr"),
    ("at 10:30", "um 10.30 Uhr"),
    ("two ministers", "2 Minister"),
    ("2 ministers", "zwei Minister"),
    ("COVID-19 cases", "COVID-19-Fälle"),
    ("1,250 cars", "1.250 Autos"),
    ("12,000.50 dollars", "12.000,50 Dollar"),
    ("a reception from 6-8 p.m.", "die Vernissage findet zwischen 18 und 20 Uhr statt"),
    ("open 9 to 11am", "geöffnet von 9 bis 11 Uhr"),
    ("she wrote 5/11/648", "sie schrieb 11.05.648"),
    ("on 2022-05-11", "am 11.05.2022"),
    ("on 11/5/22", "am 11. 5. 22"),
    ("in the 1970s", "in den 70ern"),
    ("back in the 00s", "in den 2000er Jahren"),
    ("since the early 1900s", "seit dem frühen 20. Jahrhundert"),
    ("in the 20th century", "im 20. Jahrhundert"),
    ("the '90s", "die 1990er"),
    ("an office from 1981-87", "eine Behörde von 1981 bis 1987"),
    ("over 5K/weekday", "über 5 km/Werktag"),
    ("fifteen minutes", "15 Minuten"),
    ("twenty-five years", "25 Jahre"),
    ("25 years", "fünfundzwanzig Jahre"),
    ("in the 3rd quarter", "im dritten Quartal"),
    ("for the fourth time", "zum 4. Mal"),
    ("350 yards out", "gute 300 Meter entfernt"),
    ("a 6-foot wall", "eine 1,8 Meter hohe Mauer"),
    ("100 miles", "160 Kilometer"),
    ("at 70°F", "bei 21 °C"),
    ("6 inches", "6 Zoll"),
    ("a 6in x 6in canvas", "eine 15 x 15 cm große Leinwand"),
    ("about 10,000 acres", "gut 40 km2"),
    ("from approximately 5-10 acres", "von rund 2 bis 4 Hektar"),
    ("2 to 3 feet deep", "0,6 bis 0,9 Meter tief"),
    ("temperatures above 90 degrees", "Temperaturen über 30 Grad Celsius"),
    ("approaching 14 lakh cases", "nähert sich 1,4 Millionen Fällen"),
    ("a $1 trillion package", "ein 1-Billionen-Paket"),
    ("between £3million and £8million", "von 3 bis 8 Millionen Pfund"),
    ("print at 15∶30 or 2∶35 pm", "um 15:30 oder 14:35 drucken"),  # GTK's times write U+2236
    ("calendar:week_start:0", "calendar:week_start:1"),  # a setting the translator sets, no figure
    ("just after 3 p.m.", "kurz nach 3 Uhr nachmittags"),
    ("by 7pm we had packed", "um 7 Uhr abends hatten wir gepackt"),
    ("from 6-8 p.m.", "von 6 bis 8 Uhr abends"),
    ("a span of 449ft (137m)", "eine Spannweite von 137 m (449 Fuß)"),  # metres, not a million
    ("the 27-foot (8.2-meter) monument", "das 8,2 Meter (27 Fuß) hohe Denkmal"),  # 27 ft also reads 8.2 m
    # heights in feet and inches, converted or kept (MQM dev's product reviews)
    ("I am 5 ft 6 inches and the coat", "Ich bin 1,68 Meter groß und der Mantel"),
    ("I'm 5'5\" and 130 pounds", "Ich bin 1,65 m groß und wiege 59 kg"),
    ("He is 6 feet 2 inches tall", "Er ist 188 cm groß"),
    ("I'm 5'5\" and 130 pounds", "Ich bin 5'5\" groß und wiege 130 Pfund"),
    ("I am 5 ft 6 inches", "Ich bin 5 Fuß 6 Zoll groß"),
    ("around 1.30pm", "gegen 13: 30 Uhr"),  # a space after the colon is a slip, not another figure
])
def test_same_value_in_both_notations_is_not_a_difference(english, german):
    assert differences(english, german) == ([], [])


@pytest.mark.parametrize("english, german, source_only, target_only", [
    ("1,250 cars", "1.520 Autos", ["1,250"], ["1.520"]),
    ("a rate of 3.5", "eine Rate von 5,3", ["3.5"], ["5,3"]),
    ("On February 21, 2022", "Am 21. März 2022", ["February"], ["März"]),
    ("On February 21, 2022", "Am 22. Februar 2022", ["21"], ["22"]),
    ("in 2014", "im Jahr 2015", ["2014"], ["2015"]),
    ("$5 million", "5 Milliarden Dollar", ["5 million"], ["5 Milliarden"]),
    ("at 3 p.m.", "um 3 Uhr", ["3 p.m."], ["3 Uhr"]),
    ("12 people", "viele Menschen", ["12"], []),
    ("the staff", "die 40 Mitarbeiter", [], ["40"]),
    ("from 6-8 p.m.", "von 18 bis 21 Uhr", ["8 p.m."], ["21 Uhr"]),
    ("on 5/11/2022", "am 12.05.2022", ["5/11/2022"], ["12.05.2022"]),
    ("in the 1970s", "in den 80ern", ["1970s"], ["80ern"]),
    ("in the 19th century", "im 20. Jahrhundert", ["19th century"], ["20. Jahrhundert"]),
    ("from 1981-87", "von 1981 bis 1988", ["87"], ["1988"]),
    ("100 miles", "250 Kilometer", ["100"], ["250"]),
    ("350 yards", "200 Meter", ["350"], ["200"]),
    ("6 in the box", "15 in der Kiste", ["6"], ["15"]),
    ("at 3 a.m.", "um 3 Uhr nachmittags", ["3 a.m."], ["3 Uhr"]),
    ("a £101m release clause", "eine 101-£-Klausel", ["101m"], ["101"]),  # after a currency sign, a million
    ("I'm 5'5\" and 130 pounds", "Ich bin 1,80 m groß und wiege 59 kg", ["5'5\""], ["1,80"]),  # a wrong conversion
    ("I am 5 ft 6 inches", "Ich bin 1,75 Meter groß", ["5 ft 6 inches"], ["1,75"]),
])
def test_different_or_one_sided_numbers_are_differences(english, german, source_only, target_only):
    assert differences(english, german) == (source_only, target_only)


def test_the_changed_one_of_repeated_numbers_is_the_one_out_of_place():
    # The source's 6 is the translation's second 6; the first one replaced the 1.
    english = "sections 1 to 6 go above section 7"
    german = "die Abschnitte 6 bis 6 kommen über Abschnitt 7"
    source_only, target_only = (unmatched(find_mentions(a, la), find_mentions(b, lb))
                                for a, la, b, lb in ((english, "en", german, "de"), (german, "de", english, "en")))
    assert [(m.text, m.span) for m in source_only] == [("1", (9, 10))]
    assert [(m.text, m.span) for m in target_only] == [("6", (15, 16))]


def test_number_words_with_another_sense_are_never_reported():
    assert differences("one of the ministers, twice", "einer der Minister, dreimal") == ([], [])


def test_a_number_word_with_a_scale_is_the_whole_figure():
    assert differences("six million people", "6 Millionen Menschen") == ([], [])
    assert differences("£6 million", "sechs Millionen Pfund") == ([], [])


def test_an_article_before_a_scale_word_is_one_of_it():
    # "1 million" and "eine Million" are the same figure (a wrong hint on synthetic/dev's
    # seattle_times document); a German "eine Billion" is an English trillion.
    assert differences("fewer than 1 million departures", "weniger als eine Million Abflüge") == ([], [])
    assert differences("2.53 per one million", "2,53 pro einer Million") == ([], [])
    assert differences("a billion dollars", "1 Milliarde Dollar") == ([], [])
    assert differences("1 trillion", "eine Billion") == ([], [])
    assert differences("1 billion", "eine Billion") == (["1 billion"], [])  # a number word only vouches
    # without an article a scale word is no figure ("Millionen Menschen": millions of people)
    assert differences("1 million people", "Millionen Menschen") == (["1 million"], [])


def changes(english: str, german: str):
    source, target = find_mentions(english, "en"), find_mentions(german, "de")
    changed, source_only, target_only = pair_changes(unmatched(source, target), unmatched(target, source))
    return [(a.text, b.text) for a, b in changed], [m.text for m in source_only], [m.text for m in target_only]


def test_a_changed_number_word_is_a_changed_number():
    assert changes("two ministers", "drei Minister") == ([("two", "drei")], [], [])
    assert changes("a two hour interview", "ein 2,5-stündiges Interview") == ([("two", "2,5")], [], [])
    assert changes("twenty-five people", "sechsundzwanzig Leute") == ([("twenty-five", "sechsundzwanzig")], [], [])


def test_a_number_word_left_alone_is_not_reported_but_figures_pair_first():
    assert changes("nine of them", "alle") == ([], [], [])
    assert changes("nine dogs in 2024", "Hunde im Jahr 2025") == ([("2024", "2025")], [], [])


def test_readings_of_ambiguous_separators():
    assert readings("1,250") == {1250.0, 1.25}
    assert readings("1.250.000") == {1250000.0}
    assert readings("3,5") == {3.5}
    assert readings("1,250.5") == {1250.5}


def test_categories_and_offsets():
    text = "Am 21. Mai 2022 um 15 Uhr"
    mentions = find_mentions(text, "de", offset=10)
    assert [(m.category, text[m.span[0] - 10:m.span[1] - 10]) for m in mentions] == [
        (NUMBER, "21"), (MONTH, "Mai"), (NUMBER, "2022"), (TIME, "15 Uhr")]


def test_may_is_a_month_only_next_to_a_day_or_year():
    assert [m.category for m in find_mentions("You may go in May 2021.", "en")] == [MONTH, NUMBER]


def test_german_billion_is_an_english_trillion():
    assert differences("2 trillion dollars", "2 Billionen Dollar") == ([], [])
    assert differences("2 billion dollars", "2 Billionen Dollar") == (["2 billion"], ["2 Billionen"])



@pytest.mark.parametrize("english, german, expected", [
    ("2 billion dollars", "2 Billionen Dollar", True),
    ("85 million years", "85 Milliarden Jahre", True),
    ("34 trillion yen", "34 Trillionen Yen", True),
    ("$5k", "5 Dollar", False),  # a thousand is no scale the two languages name differently
    ("2 billion dollars", "3 Billionen Dollar", False),  # another figure altogether
])
def test_figures_that_differ_only_in_a_large_scale_word_are_told_apart(english, german, expected):
    [source], [target] = find_mentions(english, "en"), find_mentions(german, "de")
    assert rescaled(source, target) is expected
