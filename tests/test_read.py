"""Reading a text file's bytes: UTF-8 by default, the encoding a byte order mark names, or --encoding."""

from __future__ import annotations

import codecs

import pytest

from aligner.errors import InputError
from aligner.read import decode_text

TEXT = "Die Tür öffnet sich. Ein Satz."


@pytest.mark.parametrize("bom, body", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                                       (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")])
def test_a_byte_order_mark_names_the_encoding(bom, body):
    assert decode_text(bom + TEXT.encode(body), "de.txt") == TEXT  # the mark itself is not part of the text


def test_utf8_with_or_without_its_mark():
    assert decode_text(TEXT.encode("utf-8"), "de.txt") == TEXT
    assert decode_text(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "de.txt") == TEXT


def test_utf16_without_a_mark_reads_when_the_encoding_is_given_and_is_binary_otherwise():
    data = TEXT.encode("utf-16-le")
    assert decode_text(data, "de.txt", "utf-16-le") == TEXT
    with pytest.raises(InputError, match=r"^de\.txt: looks like a binary file"):
        decode_text(data, "de.txt")


def test_a_given_encoding_wins_over_the_default():
    data = TEXT.encode("latin-1")
    with pytest.raises(InputError, match=r"^de\.txt: is not UTF-8 .*--encoding"):
        decode_text(data, "de.txt")
    assert decode_text(data, "de.txt", "latin-1") == TEXT


def test_an_unknown_encoding_is_named():
    with pytest.raises(InputError, match=r"^--encoding klingon: unknown encoding"):
        decode_text(b"text", "de.txt", "klingon")


def test_a_marked_file_that_does_not_decode_says_to_convert_it():
    data = codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")[:-1]  # an odd byte count
    with pytest.raises(InputError, match=r"^de\.txt: cannot be decoded as utf-16 .*convert it to UTF-8$"):
        decode_text(data, "de.txt")
