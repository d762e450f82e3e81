"""The base of every declared record of the knowledge file (schema.py re-exports it), kept
apart so the sections declared in their own modules (schema_approaches.py) can share it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from tp_explorer.knowledge.schema_types import Say

NONEMPTY = Say("empty list", "at least one entry")


class Record(BaseModel):
    """A mapping in the file: strict types, no unknown keys, frozen once read."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, protected_namespaces=())
    what: ClassVar[str] = "a record"  # how messages name it: "missing required key 'x' in ..."
    # the words for a missing key where "missing required key 'x' in ..." would not say enough
    missing: ClassVar[Mapping[str, Say]] = {}
