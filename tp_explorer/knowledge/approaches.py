"""How a trigger point is needled: the approaches courses teach, and depths studies measured.

regions.yaml's ``needle_approaches`` section (declared in schema_approaches.py), attached to
each trigger point by build.py. An approach names the patient's position and the side of the
body the needle enters from, so the depth meter can measure along it; a point no checked source
gives an approach for says so, and the shortest path is used and labelled as such.
"""

from __future__ import annotations

from dataclasses import dataclass

POSITIONS: tuple[str, ...] = ("prone", "supine", "side_lying")
# the side of the body a needle enters from; "superior" is the dorsum of the standing foot,
# "inferior" the sole or the perineum
ENTRY_SIDES: tuple[str, ...] = (
    "posterior",
    "anterior",
    "lateral",
    "medial",
    "posteromedial",
    "posterolateral",
    "anteromedial",
    "anterolateral",
    "superior",
    "inferior",
)
METHODS: tuple[str, ...] = ("CT", "MRI", "ultrasound")
DEFAULT_CONE_DEG = 20.0


@dataclass(frozen=True)
class NeedleApproach:
    """One taught way in: position, entry side, where the sources give them a landmark and an
    angle, the cone around the entry side the meter searches, and the sources."""

    position: str | None  # None where no source names one
    entry: str  # one of ENTRY_SIDES
    landmark: str | None
    angle: str | None
    cone_deg: float
    sources: tuple[str, ...]

    def words(self) -> str:
        """ "prone, from posterior (between PSIS and greater trochanter)"."""
        where = f" ({self.landmark})" if self.landmark else ""
        position = f"{self.position.replace('_', '-')}, " if self.position else ""
        return f"{position}from {self.entry}{where}"


@dataclass(frozen=True)
class PublishedDepth:
    """A depth a study measured (CT, MRI or ultrasound) for the point along one approach."""

    depth_mm: float
    low_mm: float | None  # the spread as a range, where the study gives one
    high_mm: float | None
    spread: str  # the spread in the study's own terms (SD, range)
    population: str
    method: str  # one of METHODS
    posture: str | None  # one of POSITIONS, where the study gives it
    entry: str  # the approach (entry side) it belongs beside
    measured: str  # what the figure is the distance to
    citation: str

    def words(self) -> str:
        """ "CT in 60 adults: mean 63 mm, 47–79 mm"."""
        span = ""
        if self.low_mm is not None and self.high_mm is not None:
            span = f", {self.low_mm:.0f}–{self.high_mm:.0f} mm"
        return f"{self.method} in {self.population}: mean {self.depth_mm:.0f} mm{span}"

    def beside(self, model_mm: float) -> str:
        """ "in this model 71 mm; CT in 60 adults: mean 66 mm, 48–84 mm (model/published 1.08)"."""
        ratio = model_mm / self.depth_mm
        return f"in this model {model_mm:.0f} mm; {self.words()} (model/published {ratio:.2f})"


@dataclass(frozen=True)
class Needling:
    """A trigger point's approaches, or why it has none (then the shortest path is used),
    and the published depths beside it."""

    approaches: tuple[NeedleApproach, ...] = ()
    shortest_path: str = ""  # why no approach is given; empty when there are approaches
    published: tuple[PublishedDepth, ...] = ()

    def published_for(self, entry: str) -> tuple[PublishedDepth, ...]:
        return tuple(p for p in self.published if p.entry == entry)
