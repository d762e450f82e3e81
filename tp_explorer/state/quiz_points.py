"""The quiz's "which trigger point refers here?" questions, drawn on the fine skin map.

One fine area of one trigger point's essential zone is shown; the right answers are every
point whose essential zone holds that area (several points may), and the three wrong choices
are points whose essential zone does not: first those a student could confuse with a right
one (the area is in their spillover, or their essential zone lies in the same body area), then
points of muscles in the same pain sites, then any.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tp_explorer.knowledge.skin_areas import fine_area

if TYPE_CHECKING:
    from tp_explorer.knowledge import Muscle, PointReferral, TriggerPoint

N_WRONG = 3  # wrong choices beside the right one
CLOSE_POOL = 6  # the wrong choices are drawn from this many of the most plausible


def point_key(muscle: str, point: str) -> str:
    """How a trigger point is named as a choice: "muscle.point" (as refers-to prints it)."""
    return f"{muscle}.{point}"


def split_point_key(key: str) -> tuple[str, str]:
    """(muscle, point) from a choice made with ``point_key``."""
    muscle, _, point = key.partition(".")
    return muscle, point


def charted_points(muscle: Muscle) -> tuple[tuple[TriggerPoint, PointReferral], ...]:
    """The muscle's points that have a chart with an essential zone, with it, in file order."""
    return tuple(
        (tp, tp.referral)
        for tp in muscle.trigger_points
        if tp.referral is not None and tp.referral.essential
    )


@dataclass(frozen=True)
class PointDraw:
    """One which-point question's content: the area shown, the point drawn and its chart,
    every right answer and the choices offered (``point_key`` names)."""

    muscle: str
    point: str
    area: str
    label: str  # the area's words
    answers: tuple[str, ...]
    choices: tuple[str, ...]
    essential: tuple[str, ...]
    spillover: tuple[str, ...]


def draw_point(
    muscles: Mapping[str, Muscle], muscle_id: str, mates: set[str], rng: random.Random
) -> PointDraw:
    """A question on one of ``muscle_id``'s charted points; ``mates`` are the muscles that
    share a pain site with it (plausible wrong choices)."""
    points = charted_points(muscles[muscle_id])
    tp, mine = points[rng.randrange(len(points))]
    area = mine.essential[rng.randrange(len(mine.essential))]
    group = fine_area(area).group
    right: list[str] = []
    scored: list[tuple[int, str]] = []
    for mid, muscle in muscles.items():
        for other in muscle.trigger_points:
            chart = other.referral
            if chart is None:
                continue
            key = point_key(mid, other.id)
            if area in chart.essential:
                right.append(key)
                continue
            score = 3 if area in chart.spillover else 0
            score += 2 if any(fine_area(a).group == group for a in chart.essential) else 0
            score += 1 if mid in mates else 0
            scored.append((score, key))
    scored.sort(key=lambda sk: (-sk[0], sk[1]))
    close = [key for score, key in scored if score >= 2][:CLOSE_POOL]
    wrong = rng.sample(close, min(N_WRONG, len(close)))
    rest = [key for _score, key in scored if key not in wrong]
    wrong += rest[: N_WRONG - len(wrong)]
    drawn = point_key(muscle_id, tp.id)
    choices = [drawn, *wrong]
    rng.shuffle(choices)
    return PointDraw(
        muscle_id,
        tp.id,
        area,
        fine_area(area).label,
        tuple(right),
        tuple(choices),
        mine.essential,
        mine.spillover,
    )
