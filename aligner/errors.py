"""Exit codes and the one error type a user sees. Defined once; the CLI maps them."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    CLEAN = 0  # nothing reached the --fail-on severity
    FINDINGS = 1  # at least one finding at or above --fail-on
    UNUSABLE = 2  # the input or the call cannot be used (one line on stderr says why)


class InputError(Exception):
    """Bad input, told to the user as one line that names the file and the way out."""
