"""The handout's words for a muscle's trigger points and where each sends pain, at three levels
of detail, so the page can print the most that fits beside its pictures.

"full": each point's main zone on the fine skin map, with its spillover zone in brackets;
"main": the main zones only; "brief": the main zones as the body areas they lie in (heel,
back of the thigh...). Points with the same chart at that level are named together. No Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tp_explorer.knowledge.skin_areas import group_of
from tp_explorer.ui.chart_text import areas_words, point_name, point_words

if TYPE_CHECKING:
    from tp_explorer.knowledge import Muscle, PointReferral

DETAILS: tuple[str, ...] = ("full", "main", "brief")  # most words first

# The 29 body areas (knowledge.vocabulary.BODY_AREAS) as a patient says them.
GROUP_WORDS: dict[str, str] = {
    "heel": "heel",
    "plantar_foot": "sole of the foot",
    "dorsal_foot": "top of the foot",
    "big_toe": "big toe",
    "lesser_toes": "small toes",
    "medial_ankle": "inner ankle",
    "lateral_ankle": "outer ankle",
    "anterior_ankle": "front of the ankle",
    "achilles": "Achilles tendon",
    "calf": "calf",
    "shin": "shin",
    "lateral_leg": "outer lower leg",
    "anterior_knee": "front of the knee",
    "posterior_knee": "back of the knee",
    "medial_knee": "inner knee",
    "lateral_knee": "outer knee",
    "anterior_thigh": "front of the thigh",
    "lateral_thigh": "outer thigh",
    "medial_thigh": "inner thigh",
    "posterior_thigh": "back of the thigh",
    "groin": "groin",
    "lateral_hip": "side of the hip",
    "buttock": "buttock",
    "sacroiliac": "sacroiliac joint",
    "sacrum_coccyx": "sacrum and tailbone",
    "lumbar": "low back",
    "lower_abdomen": "lower belly",
    "upper_abdomen": "upper belly",
    "perineum": "between the legs",
}


def _zones(chart: PointReferral, detail: str) -> str:
    """One chart's zones in the words of ``detail``."""
    if detail == "brief":
        groups = dict.fromkeys(group_of(a) for a in chart.essential)
        return ", ".join(GROUP_WORDS.get(g, g.replace("_", " ")) for g in groups)
    text = areas_words(chart.essential, short=True)
    if detail == "full" and chart.spillover:
        text += f" (spillover: {areas_words(chart.spillover, short=True)})"
    return text


def points_text(muscle: Muscle, detail: str = "full") -> str:
    """Sentences for a muscle's points: "Distal point: back of the heel; .... Proximal point:
    ...". A point without a chart says why."""
    if detail not in DETAILS:
        raise ValueError(f"detail must be one of {DETAILS}, not {detail!r}")
    zones: dict[str, list[str]] = {}
    reasons = []
    for point in muscle.trigger_points:
        if point.referral is None:
            reasons.append(f"{point_name(point)} point: no chart ({point.no_referral}).")
            continue
        zones.setdefault(_zones(point.referral, detail), []).append(point_words(point))
    sentences = []
    for words, names in zones.items():
        named = " and ".join(names)
        plural = "s" if len(names) > 1 else ""
        sentences.append(f"{named[:1].upper()}{named[1:]} point{plural}: {words}.")
    return " ".join([*sentences, *reasons])
