"""regions.yaml's ``needle_approaches`` section as declared records (see approaches.py).

Keyed by muscle id, then trigger point id: each point gives its approaches, or
``shortest_path: why`` where no checked source gives one, and the published depths measured
along one of its approaches. Ids are checked against the muscles in approach_checks.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, ClassVar

from pydantic import Field, model_validator

from tp_explorer.knowledge.approaches import DEFAULT_CONE_DEG, ENTRY_SIDES, METHODS, POSITIONS
from tp_explorer.knowledge.schema_base import NONEMPTY, Record
from tp_explorer.knowledge.schema_types import Finding, ListOf, OneOf, Text, refusal

PositionName = Annotated[str, OneOf(POSITIONS, "patient position")]
EntrySide = Annotated[str, OneOf(ENTRY_SIDES, "entry side")]
MethodName = Annotated[str, OneOf(METHODS, "imaging method")]
DepthMm = Annotated[float, Field(gt=0, le=300, allow_inf_nan=False)]


class Approach(Record):
    """A taught way in to a trigger point."""

    what: ClassVar[str] = "a needle approach"
    position: Annotated[PositionName | None, Field(description="where the sources give it")] = None
    entry: Annotated[EntrySide, Field(description="the side of the body the needle enters from")]
    landmark: Annotated[Text | None, Field(description="where the sources place the entry")] = None
    angle: Annotated[Text | None, Field(description="the needle's angle, where given")] = None
    cone_deg: Annotated[
        float,
        Field(gt=0, le=45, description="how far from the entry side the meter may search"),
    ] = DEFAULT_CONE_DEG
    sources: Annotated[tuple[Text, ...], ListOf(empty=NONEMPTY)]


class PublishedDepthRecord(Record):
    """A depth a CT, MRI or ultrasound study measured along one of the point's approaches."""

    what: ClassVar[str] = "a published depth"
    depth_mm: DepthMm
    low_mm: DepthMm | None = None
    high_mm: DepthMm | None = None
    spread: Text
    population: Text
    method: MethodName
    posture: Annotated[PositionName | None, Field(description="where the study gives it")] = None
    entry: Annotated[EntrySide, Field(description="the approach it belongs beside")]
    measured: Annotated[Text, Field(description="what the depth is measured to")]
    citation: Text


class PointNeedling(Record):
    """One trigger point's approaches (or why none), and published depths."""

    what: ClassVar[str] = "a trigger point's needling"
    approaches: Annotated[tuple[Approach, ...], ListOf()] = ()
    shortest_path: Annotated[
        Text | None,
        Field(description="why no approach is given; the shortest path is used instead"),
    ] = None
    published: Annotated[tuple[PublishedDepthRecord, ...], ListOf()] = ()

    @model_validator(mode="after")
    def approach_or_reason(self) -> PointNeedling:
        """Approaches or a reason for the shortest path, not both; depths beside approaches."""
        if bool(self.approaches) == (self.shortest_path is not None):
            raise refusal(
                Finding(
                    "give approaches or shortest_path (why none), exactly one of them",
                    None,
                    "approaches: [...] or shortest_path: why no approach is given",
                )
            )
        entries = {a.entry for a in self.approaches}
        found = [
            Finding("published depth beside no approach", p.entry, ", ".join(sorted(entries)))
            for p in self.published
            if p.entry not in entries
        ]
        if found:
            raise refusal(*found)
        return self


NeedleApproaches = Mapping[str, Mapping[str, PointNeedling]]
