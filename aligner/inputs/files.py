"""Reading an input file's bytes, and turning a per-file InputError into an InputProblem.

The messages match aligner.read.read_text, which decodes plain text; the XML readers need the raw
bytes because an XML file declares its own encoding.
"""

from __future__ import annotations

from pathlib import Path
from typing import Union

from aligner.errors import InputError
from aligner.inputs.base import InputProblem


def read_bytes(path: Union[str, Path]) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory; give a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied; make the file readable") from None
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror}); check the file") from None


def problem_from_error(where: str, err: InputError) -> InputProblem:
    """One file of a batch is unusable: the same one-line message, as a problem of that file."""
    message = str(err)
    prefix = f"{where}: "
    return InputProblem(where, message[len(prefix):] if message.startswith(prefix) else message)
