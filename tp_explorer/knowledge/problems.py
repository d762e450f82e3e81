"""Problems found in a knowledge file, and the error that carries all of them at once.

Every problem names the file, line, column and key path so a therapist can find and fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from tp_explorer.errors import InputError

_MAX_GOT = 80
# Stands for "no value to show" where None would mean the file's null.
NO_VALUE: Final = object()


def describe_value(value: object) -> str:
    """A short, one-line rendering of a bad value for an error message."""
    if isinstance(value, dict):
        text = "a mapping"
    elif isinstance(value, list):
        text = "a list"
    elif value is None:
        text = "null (empty value)"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = repr(value)
    else:
        text = f"{value!r} ({type(value).__name__})"
    text = " ".join(text.split())
    return text if len(text) <= _MAX_GOT else text[: _MAX_GOT - 3] + "..."


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a knowledge file, with where it is."""

    file: str
    line: int
    column: int
    path: str
    message: str
    got: str | None = None
    expected: str | None = None

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.path or '(file)'}: {self.message}"
        details = []
        if self.got is not None:
            details.append(f"got {self.got}")
        if self.expected is not None:
            details.append(f"expected {self.expected}")
        if details:
            text += f" ({'; '.join(details)})"
        return text


class KnowledgeError(InputError):
    """A knowledge file that cannot be used; ``problems`` lists everything found, not just one."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UnknownNameError(InputError):
    """A site, area or muscle name that the knowledge base does not know."""
