"""Errors a user can act on. Each carries the exit code the command line returns for it.

Exit codes: 0 ok, 1 unexpected failure, 2 bad input (knowledge file, arguments, refused
overwrite), 3 no display or OpenGL for the window, 4 missing or corrupt asset files.
"""

from __future__ import annotations


class TpExplorerError(Exception):
    """Base class: the message is shown to the user as it is, without a traceback."""

    exit_code = 1


class InputError(TpExplorerError):
    """A file or argument the user gave cannot be used."""

    exit_code = 2


class DisplayError(TpExplorerError):
    """No display or no usable OpenGL for the window."""

    exit_code = 3


class AssetError(TpExplorerError):
    """A committed asset file is missing or corrupt."""

    exit_code = 4
