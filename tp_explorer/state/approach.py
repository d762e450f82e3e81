"""Needle readings along the approaches a therapist is taught, with the shortest path beside.

For each trigger point and side: one reading per approach the knowledge gives (the entry on
the skin nearest the approach's side, within its cone, that misses bone; the muscles crossed;
what lies near), or one reading along the shortest bone-free path, labelled so, where no source
gives an approach. Published depths ride along for the approach they were measured on.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from tp_explorer.anatomy.approach import Layer, Layers, along, outward
from tp_explorer.knowledge.approaches import NeedleApproach, PublishedDepth
from tp_explorer.state.safety import trigger_point_positions

if TYPE_CHECKING:
    from tp_explorer.anatomy import Anatomy
    from tp_explorer.anatomy.depth import DepthMeter, NeedlePath
    from tp_explorer.knowledge import Muscle

_LAYERS: weakref.WeakKeyDictionary[DepthMeter, Layers] = weakref.WeakKeyDictionary()


def layers_of(meter: DepthMeter) -> Layers:
    """The layer finder of a meter's anatomy, made once per meter."""
    found = _LAYERS.get(meter)
    if found is None:
        found = _LAYERS[meter] = Layers(getattr(meter.anatomy, "muscles", {}) or {})
    return found


def mesh_label(mesh: str) -> str:
    text = mesh.replace("_", " ")
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class NeedleReading:
    """One trigger point, one side, one way in: the path measured (along the approach, or the
    shortest where no approach is given), the layers it crosses, the shortest path beside it,
    and the published depths for that approach."""

    trigger_point: str
    side: str
    approach: NeedleApproach | None  # None: the shortest path is the measured one
    fallback: str  # why there is no approach (the knowledge's words); "" with one
    path: NeedlePath
    off_axis_deg: float  # how far the path turned from the approach's side to miss bone
    shortest: NeedlePath
    layers: tuple[Layer, ...]
    published: tuple[PublishedDepth, ...]

    @property
    def along_approach(self) -> bool:
        return self.approach is not None

    def how(self) -> str:
        """What the figure was measured along, in words."""
        if self.approach is None:
            return "shortest bone-free path from the skin (no taught approach on record)"
        turned = f", turned {self.off_axis_deg:.0f}° to miss bone" if self.off_axis_deg else ""
        return f"along the taught approach: {self.approach.words()}{turned}"


def readings(
    meter: DepthMeter, muscle: Muscle, sides: tuple[str, ...] = ("left", "right")
) -> list[NeedleReading]:
    """Every reading of a muscle's trigger points, in the muscle's order, per side."""
    points = {tp.id: tp for tp in muscle.trigger_points}
    finder = layers_of(meter)
    out: list[NeedleReading] = []
    for side in sides:
        for tp_id, pos in trigger_point_positions(cast("Anatomy", meter.anatomy), muscle, side):
            needling = points[tp_id].needling
            shortest = meter.measure(tp_id, side, pos)
            for approach in needling.approaches:
                found = along(
                    meter, tp_id, side, pos, outward(approach.entry, side), approach.cone_deg
                )
                path, off = (found.path, found.off_axis_deg) if found else (shortest, 0.0)
                layers = tuple(finder.along(path.entry, path.target))
                published = needling.published_for(approach.entry)
                out.append(
                    NeedleReading(tp_id, side, approach, "", path, off, shortest, layers, published)
                )
            if not needling.approaches:
                reason = needling.shortest_path or "no approach is recorded for this point"
                layers = tuple(finder.along(shortest.entry, shortest.target))
                out.append(
                    NeedleReading(tp_id, side, None, reason, shortest, 0.0, shortest, layers, ())
                )
    return out
