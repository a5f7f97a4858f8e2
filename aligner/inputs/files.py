"""Reading an input file's bytes (aligner.read.read_bytes: the XML readers need the raw bytes,
as an XML file declares its own encoding), and turning a per-file InputError into an InputProblem.
"""

from __future__ import annotations

from aligner.errors import InputError
from aligner.inputs.base import InputProblem
from aligner.read import read_bytes

__all__ = ["problem_from_error", "read_bytes"]


def problem_from_error(where: str, err: InputError) -> InputProblem:
    """One file of a batch is unusable: the same one-line message, as a problem of that file."""
    message = str(err)
    prefix = f"{where}: "
    return InputProblem(where, message[len(prefix):] if message.startswith(prefix) else message)
