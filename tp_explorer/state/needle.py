"""Needle depth tables for a muscle, and the nerves the precautions forget.

Joins the anatomy's measurements (anatomy.depth) with the knowledge: a muscle's trigger points,
the caution margins of regions.yaml and the written precautions. Numbers are "in this model".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from tp_explorer.anatomy.depth import DepthMeter, NeedlePath
from tp_explorer.state.safety import trigger_point_positions

if TYPE_CHECKING:
    from tp_explorer.anatomy import Anatomy
    from tp_explorer.knowledge import Knowledge, Muscle

# How a nerve is named in precautions text; a nerve not listed is matched by its own words.
_NERVE_WORDS: dict[str, str] = {
    "common_fibular_nerve": r"\b(common )?(fibular|peroneal) nerve",
    "tibial_nerve": r"\btibial (and [a-z ]+ )?nerves?\b|\btibial nerve",
    "sciatic_nerve": r"\bsciatic\b",
    "femoral_nerve": r"\bfemoral (vessels and |and [a-z ]+ )?nerves?\b",
}


def _anatomy(meter: DepthMeter) -> Anatomy:
    """The anatomy the meter was built on (anatomy.depth keeps it as a plain object)."""
    return cast("Anatomy", meter.anatomy)


def _measurable(meter: DepthMeter, muscle: Muscle) -> bool:
    """Whether the meter's anatomy draws the mesh of every one of the muscle's trigger points."""
    drawn = _anatomy(meter).muscles
    return all(tp.mesh in drawn for tp in muscle.trigger_points)


def thresholds_m(knowledge: Knowledge) -> dict[str, float]:
    """Clinic margin per structure kind, in metres, from regions.yaml's needle_cautions."""
    return {c.kind: c.within_mm / 1000.0 for c in getattr(knowledge, "needle_cautions", ())}


def depth_table(
    meter: DepthMeter, muscle: Muscle, sides: tuple[str, ...] = ("left", "right")
) -> list[NeedlePath]:
    """One shortest needle path per trigger point and side, in the muscle's order."""
    out = []
    for side in sides:
        for tp_id, pos in trigger_point_positions(_anatomy(meter), muscle, side):
            out.append(meter.measure(tp_id, side, pos))
    return out


def mentions(nerve: str, precautions: tuple[str, ...]) -> bool:
    """Whether the written precautions name this nerve."""
    words = _NERVE_WORDS.get(nerve) or r"\b" + re.escape(
        nerve.removesuffix("_nerve").replace("_", " ")
    )
    return re.search(words, " ".join(precautions), flags=re.IGNORECASE) is not None


@dataclass(frozen=True)
class PrecautionGap:
    """A nerve measured within the caution margin of a muscle's needle path, not in its text."""

    muscle: str
    nerve: str
    trigger_point: str
    side: str
    path_distance_mm: float
    within_mm: float

    def message(self) -> str:
        return (
            f"muscles.{self.muscle}.precautions: the {self.nerve.replace('_', ' ')} lies "
            f"{self.path_distance_mm:.0f} mm from the needle path to trigger point "
            f"'{self.trigger_point}' ({self.side}) in this model (clinic margin "
            f"{self.within_mm:.0f} mm, not a published threshold), but the precautions do not "
            "mention it"
        )


def precaution_gaps(knowledge: Knowledge, meter: DepthMeter) -> list[PrecautionGap]:
    """Every (muscle, nerve) whose measured distance is within the margin but never written."""
    margin = thresholds_m(knowledge).get("nerve")
    if margin is None:
        return []
    gaps: list[PrecautionGap] = []
    for muscle in knowledge.muscles.values():
        if not _measurable(meter, muscle):
            continue
        seen: set[str] = set()
        for path in depth_table(meter, muscle):
            for s in path.near:
                if s.kind != "nerve" or s.path_distance_m > margin or s.structure in seen:
                    continue
                if mentions(s.structure, muscle.precautions):
                    continue
                seen.add(s.structure)
                gaps.append(
                    PrecautionGap(
                        muscle.id,
                        s.structure,
                        path.trigger_point,
                        path.side,
                        s.path_distance_m * 1000,
                        margin * 1000,
                    )
                )
    return gaps


def chain_depth_lines(
    meter: DepthMeter, knowledge: Knowledge, site_id: str, side: str = "both"
) -> tuple[str, ...]:
    """One line per trigger point (and taught approach) of a site's chain, for the therapist's
    page of the handout: depth along the approach (or the shortest path, labelled so), the
    nearest nerve and artery, and any published depth beside it, in this model. With both sides
    the left is measured (the model's two sides mirror each other within a few millimetres)."""
    from tp_explorer.state.approach import readings

    shown = side if side in ("left", "right") else "left"
    lines: list[str] = []
    for link in knowledge.chain_for(site_id, side):
        muscle = link.muscle
        if not _measurable(meter, muscle):
            continue
        for r in readings(meter, muscle, (shown,)):
            path = r.path
            way = (
                f"along the approach {r.approach.words()}"
                if r.approach is not None
                else "shortest path; no taught approach on record"
            )
            parts = [
                f"{muscle.name}, {r.trigger_point.replace('_', ' ')}: "
                f"{path.depth_m * 1000:.0f} mm below the skin ({way})"
            ]
            for kind in ("nerve", "artery"):
                near = path.nearest(kind)
                if near is not None:
                    parts.append(f"{near.label} {near.path_distance_m * 1000:.0f} mm from the path")
            parts.extend(p.beside(path.depth_m * 1000) for p in r.published)
            lines.append("; ".join(parts))
    return tuple(lines)
