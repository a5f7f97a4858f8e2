"""Reading the two texts: UTF-8 (a BOM is fine) unless the user names another encoding. A file
that opens with a UTF-16 or UTF-32 byte order mark (as Windows editors and some translation
tools save text) is read in that encoding: the mark says so unambiguously.

Every refusal is an InputError whose message names the file and the fix, because the user
sees it as the single line the tool prints before exiting with status 2.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Optional

# Byte order marks that name their encoding; UTF-32 first, since its little-endian mark begins
# with UTF-16's.
_UNICODE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                 (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def read_bytes(path: str | Path, expected: str = "a file") -> bytes:
    """The file's bytes; `expected` names what the user should give instead of a directory."""
    from aligner.errors import InputError

    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory; give {expected}") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied; make the file readable") from None
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror}); check the file") from None


def read_text(path: str | Path, encoding: Optional[str] = None) -> str:
    data = read_bytes(path, "a text file")
    return decode_text(data, str(path), encoding)


def decode_text(data: bytes, name: str, encoding: Optional[str] = None) -> str:
    """Bytes to text, refusing binary, undecodable and empty input with a one-line reason."""
    from aligner.errors import InputError

    marked = next((codec for bom, codec in _UNICODE_BOMS if data.startswith(bom)), None)
    codec = encoding or marked
    if codec is not None:
        try:
            codec = codecs.lookup(codec).name
        except LookupError:
            raise InputError(f"--encoding {codec}: unknown encoding; "
                             "use a name such as utf-8, latin-1 or cp1252") from None
    wide = codec is not None and codec.startswith(("utf-16", "utf-32"))  # their text holds NUL bytes
    if b"\x00" in data[:8192] and not wide:
        raise InputError(f"{name}: looks like a binary file (it holds NUL bytes); give a plain-text file")
    if codec is None:
        try:
            text = data.decode("utf-8-sig")  # the BOM, if any, is not part of the text
        except UnicodeDecodeError as err:
            raise InputError(
                f"{name}: is not UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
                "convert it to UTF-8 or pass --encoding, e.g. --encoding latin-1"
            ) from None
    else:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as err:
            fix = "check the --encoding" if encoding else "convert it to UTF-8"
            raise InputError(f"{name}: cannot be decoded as {codec} (byte offset {err.start}); {fix}") from None
        text = text.lstrip("\ufeff")
    if not any(ch.isalnum() for ch in text):
        raise InputError(f"{name}: has no text to check; give a file with at least one sentence")
    return text
