"""Schema version 1 of the knowledge file: one referral pattern per muscle, on coarse areas.

Files written before the per-trigger-point charts (``schema_version: 1``) are still read: they
are checked against these records, in the same words as before, and migrate.py turns them into
version 2 (schema.py). Only the muscle and its trigger points differ; every other record is
version 2's own.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, model_validator

from tp_explorer.knowledge.schema import (
    NONEMPTY,
    KnowledgeFile,
    Placement,
    Record,
    records,
    required_list,
)
from tp_explorer.knowledge.schema_types import (
    AreaName,
    Finding,
    Id,
    ListOf,
    MeshName,
    Say,
    Switch,
    Text,
    refusal,
)


class TriggerPointV1(Record):
    """A trigger point of a version 1 file: no chart of its own."""

    what: ClassVar[str] = "a trigger point"
    id: Id
    location: Text
    placement: Placement


class ReferralV1(Record):
    """Where a muscle's trigger points send pain, all together: coarse body areas."""

    what: ClassVar[str] = "a referral pattern"
    labelled: Annotated[
        Switch, Field(description="true only where a source labels the zones themselves")
    ]
    essential: Annotated[tuple[AreaName, ...], ListOf(empty=NONEMPTY)]
    spillover: Annotated[tuple[AreaName, ...], ListOf()]
    note: Text

    @model_validator(mode="after")
    def zones_apart(self) -> ReferralV1:
        """An area is in one zone only."""
        both = set(self.essential) & set(self.spillover)
        if both:
            raise refusal(
                Finding(
                    "area listed as both essential and spillover",
                    sorted(both)[0],
                    "each area in one zone only",
                    ("spillover",),
                )
            )
        return self


class MuscleV1(Record):
    """A muscle of a version 1 file, with the one referral pattern of all its points."""

    what: ClassVar[str] = "a muscle"
    id: Id
    name: Text
    synonyms: Annotated[tuple[Text, ...], ListOf()]
    meshes: Annotated[tuple[MeshName, ...], ListOf(empty=NONEMPTY)]
    trigger_points: Annotated[
        tuple[TriggerPointV1, ...],
        required_list(Say("trigger points missing", "a list of at least one trigger point")),
    ]
    referral: ReferralV1
    complaints: Annotated[tuple[Text, ...], ListOf(empty=NONEMPTY)]
    precautions: Annotated[tuple[Text, ...], ListOf(empty=NONEMPTY)]
    sources: Text


class KnowledgeFileV1(KnowledgeFile):
    """A version 1 knowledge file: version 2's records but for its muscles."""

    # The one field whose record differs; mypy sees a narrowing override of a mutable field,
    # which is safe here: records are frozen, and migrate.py replaces these before use.
    muscles: Annotated[tuple[MuscleV1, ...], records("muscle")]  # type: ignore[assignment]


def looks_like_v1(data: object) -> bool:
    """Whether a file whose version is missing or unknown is shaped like version 1: a muscle
    with a referral of its own (so its problems are said against the shape it has)."""
    muscles = data.get("muscles") if isinstance(data, dict) else None
    return isinstance(muscles, list) and any(
        isinstance(m, dict) and "referral" in m for m in muscles
    )
