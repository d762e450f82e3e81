"""Comparing two muscles' referral zones: which body areas each has alone and which they share.

Pure: the window paints the two sets in two patterns and names the overlap from this value.
"""

from __future__ import annotations

from dataclasses import dataclass

from tp_explorer.knowledge import Knowledge


def area_label(area: str) -> str:
    """A body-area id as people say it ("lateral_hip" -> "lateral hip")."""
    return area.replace("_", " ")


@dataclass(frozen=True)
class MuscleZones:
    muscle: str
    label: str
    essential: tuple[str, ...]
    spillover: tuple[str, ...]

    @property
    def areas(self) -> frozenset[str]:
        return frozenset(self.essential) | frozenset(self.spillover)


@dataclass(frozen=True)
class Comparison:
    """Two muscles' zones; ``shared`` is the overlap, in the first muscle's file order."""

    first: MuscleZones
    second: MuscleZones
    shared: tuple[str, ...]
    first_only: tuple[str, ...]
    second_only: tuple[str, ...]

    @property
    def overlap_text(self) -> str:
        """One line naming the overlap, for a label or a status bar."""
        a, b = self.first.label, self.second.label
        if not self.shared:
            return f"{a} and {b} refer to no body area in common."
        names = ", ".join(area_label(x) for x in self.shared)
        return f"Overlap of {a} and {b}: {names}."


def _zones(knowledge: Knowledge, muscle_id: str) -> MuscleZones:
    try:
        m = knowledge.muscles[muscle_id]
    except KeyError:
        raise ValueError(f"unknown muscle: {muscle_id}") from None
    return MuscleZones(muscle_id, m.name, tuple(m.essential or ()), tuple(m.spillover or ()))


def compare_muscles(knowledge: Knowledge, first: str, second: str) -> Comparison:
    """Overlap of two muscles' essential + spillover zones."""
    if first == second:
        raise ValueError("choose two different muscles to compare")
    a, b = _zones(knowledge, first), _zones(knowledge, second)
    a_order = [*a.essential, *(x for x in a.spillover if x not in a.essential)]
    b_order = [*b.essential, *(x for x in b.spillover if x not in b.essential)]
    shared = tuple(x for x in a_order if x in b.areas)
    return Comparison(
        a,
        b,
        shared,
        tuple(x for x in a_order if x not in b.areas),
        tuple(x for x in b_order if x not in a.areas),
    )
