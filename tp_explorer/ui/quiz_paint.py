"""What the body shows for a quiz question, before and after the answer, as scene Highlights.

Name the muscle: the muscle's zones alone (colouring the muscle would give it away). Find the
zone: the muscle alone, with its trigger points. Which point: the one fine skin area alone.
Once answered, the muscle (or the trigger point) with its chart. Zones are the charts' own
fine areas (state.zones), the same way the explorer paints them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tp_explorer.knowledge.skin_areas import group_of
from tp_explorer.state import Highlight, Marker
from tp_explorer.state.quiz import FIND_THE_ZONE, NAME_THE_MUSCLE, WHICH_POINT, Question
from tp_explorer.state.zones import ESSENTIAL, ZonePaint, charts_of, zone_side

if TYPE_CHECKING:
    from tp_explorer.knowledge import Knowledge, Muscle


def _markers(
    muscle: Muscle, sides: tuple[str, ...], point: str | None = None
) -> tuple[Marker, ...]:
    """The muscle's trigger points (only ``point`` when given) on each side shown."""
    return tuple(
        Marker(tp.mesh, side, tp.along, tp.aspect, muscle.id, tp.id)
        for side in sides
        for tp in muscle.trigger_points
        if point is None or tp.id == point
    )


def _muscle_roles(muscle: Muscle, sides: tuple[str, ...]) -> dict[tuple[str, str], str]:
    return {(mesh, side): "focus" for side in sides for mesh in muscle.meshes}


def quiz_highlight(
    knowledge: Knowledge, muscle_id: str, kind: str, revealed: bool, sides: tuple[str, ...]
) -> Highlight:
    """What the model shows for a name-the-muscle or find-the-zone question: the muscle's
    zones, the muscle with its trigger points, or both once answered."""
    muscle = knowledge.muscles[muscle_id]
    zones = ZonePaint()
    if kind == NAME_THE_MUSCLE or revealed:
        zones.add(charts_of(muscle), sides)
    shown = kind == FIND_THE_ZONE or revealed
    muscles = _muscle_roles(muscle, sides) if shown else {}
    return Highlight(
        muscles=muscles,
        zones=zones.fine,
        zone_groups=zones.coarse,
        markers=_markers(muscle, sides) if shown else (),
        sides=sides,
        ghost_others=bool(muscles),
        focus=muscle_id if shown else None,
    )


def point_highlight(
    knowledge: Knowledge, question: Question, revealed: bool, sides: tuple[str, ...]
) -> Highlight:
    """A which-point question: the asked fine area alone; once answered, the drawn trigger
    point's chart, its muscle and the point itself."""
    area = question.area
    if not revealed:
        fine = {(area, zone_side(area, side)): ESSENTIAL for side in sides}
        groups = {(group_of(area), side): ESSENTIAL for side in sides}
        return Highlight(zones=fine, zone_groups=groups, sides=sides)
    muscle = knowledge.muscles[question.muscle]
    zones = ZonePaint()
    zones.add(charts_of(muscle, question.point), sides)
    muscles = _muscle_roles(muscle, sides)
    return Highlight(
        muscles=muscles,
        zones=zones.fine,
        zone_groups=zones.coarse,
        markers=_markers(muscle, sides, question.point),
        sides=sides,
        ghost_others=True,
        focus=muscle.id,
        point=(muscle.id, question.point),
    )


def question_highlight(
    knowledge: Knowledge, question: Question, revealed: bool, sides: tuple[str, ...]
) -> Highlight:
    """The picture for any kind of question."""
    if question.kind == WHICH_POINT:
        return point_highlight(knowledge, question, revealed, sides)
    return quiz_highlight(knowledge, question.muscle, question.kind, revealed, sides)
