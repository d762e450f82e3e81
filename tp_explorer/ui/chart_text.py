"""A trigger point's referral chart in plain words: its name, its zones, how sure it is.

One place for the words the details panel, the skin-click list, the quiz and the handout use,
so a point reads the same everywhere. Built from the fine skin map's own labels
(knowledge.skin_areas); no Qt, so it is tested alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tp_explorer.knowledge.skin_areas import fine_area

if TYPE_CHECKING:
    from tp_explorer.knowledge import Muscle, PointReferral, ReferringPoint, TriggerPoint

# What each of knowledge.STATUSES means, for a reader who does not know the file's grades.
STATUS_WORDS: dict[str | None, str] = {
    "confirmed": "Confirmed: the manual's text, or two independent sources agree.",
    "single": "From one source only.",
    "unsure": (
        "Not confirmed for this point: the sources give these zones for the whole muscle, "
        "or only from memory of the manual."
    ),
    None: "Not graded.",
}
ZONE_WORDS = {"essential": "essential zone", "spillover": "spillover zone"}
UNLABELLED = (
    "Where no source labels a point's zones essential and spillover, the split shown is this "
    "program's reading of the sources."
)
_LEVEL_WORDS = ("upper third", "middle third", "lower third")
_CODE = re.compile(r"^(trp|[a-z])(\d+)$")
_ASIDE = re.compile(r" \([^)]*\)")  # a label's explanation in brackets
# How a label names one half of a place: (suffix or prefix, which half).
_HALVES = (
    (", inner half", "inner"),
    (", the half towards the cleft", "inner"),
    (", outer half", "outer"),
    (", the outer half", "outer"),
)


def point_words(point: TriggerPoint | str) -> str:
    """A point's id as words, codes kept upright: ``trp1_sacral`` -> "TrP1 sacral"."""
    ident = point if isinstance(point, str) else point.id
    words = []
    for word in ident.split("_"):
        code = _CODE.match(word)
        if code is None:
            words.append(word)
        else:
            words.append(("TrP" if code[1] == "trp" else code[1].upper()) + code[2])
    return " ".join(words)


def point_name(point: TriggerPoint | str) -> str:
    """A point's id as a name: ``near_knee_medial`` -> "Near knee medial", ``l1`` -> "L1"
    (the ids are the short names the file gives each point)."""
    text = point_words(point)
    return text[:1].upper() + text[1:]


def point_title(muscle: Muscle, point: TriggerPoint | str) -> str:
    """How a point is named on its own: "Soleus — distal point", "Multifidus — L1 point"."""
    return f"{muscle.name} — {point_words(point)} point"


def areas_words(areas: Iterable[str], short: bool = False) -> str:
    """Fine areas as one phrase from their labels, run together where they tile one place:
    thirds of a limb aspect ("outer side of the thigh, upper and middle thirds") and its two
    halves ("back of the knee" for both of its halves). ``short`` leaves out the labels'
    explanations in brackets."""
    levels: dict[str, list[str]] = {}
    for area in areas:
        label = fine_area(area).label
        label = _ASIDE.sub("", label) if short else label
        head, sep, tail = label.rpartition(", ")
        if sep and tail in _LEVEL_WORDS:
            levels.setdefault(head, []).append(tail)
        else:
            levels.setdefault(label, [])
    phrases = {head: _levels(found) for head, found in levels.items()}
    return "; ".join(_merge_halves(phrases))


def _half(head: str) -> tuple[str, str] | None:
    """(the place, "inner" | "outer") for "back of the knee, inner half" or "inner half of
    the calf"; None for a place that is not one half of another."""
    for suffix, side in _HALVES:
        if head.endswith(suffix):
            return head.removesuffix(suffix), side
    for side in ("inner", "outer"):
        if head.startswith(f"{side} half of "):
            return head.removeprefix(f"{side} half of "), side
    return None


def _merge_halves(phrases: dict[str, str]) -> list[str]:
    """Each head with its levels; both halves of one place at the same levels become the
    place itself."""
    halves: dict[str, dict[str, str]] = {}
    for head, level in phrases.items():
        half = _half(head)
        if half is not None:
            halves.setdefault(half[0], {})[half[1]] = level
    out: list[str] = []
    for head, level in phrases.items():
        half = _half(head)
        both = halves.get(half[0], {}) if half is not None else {}
        if half is not None and len(both) == 2 and both["inner"] == both["outer"]:
            head = half[0]
        phrase = f"{head}, {level}" if level else head
        if phrase not in out:
            out.append(phrase)
    return out


def _levels(levels: list[str]) -> str:
    """Thirds of one aspect: "upper third", "upper and lower thirds", or its whole length;
    "" for a place without levels."""
    ordered = [lv for lv in _LEVEL_WORDS if lv in levels]
    if not ordered:
        return ""
    if len(ordered) == len(_LEVEL_WORDS):
        return "its whole length"
    if len(ordered) == 1:
        return ordered[0]
    names = [lv.removesuffix(" third") for lv in ordered]
    return f"{', '.join(names[:-1])} and {names[-1]} thirds"


def zone_lines(chart: PointReferral) -> tuple[str, str]:
    """("Essential: ...", "Spillover: ...") for one chart."""
    essential = areas_words(chart.essential) or "none named"
    spillover = areas_words(chart.spillover) or "none named"
    return f"Essential: {essential}.", f"Spillover: {spillover}."


def status_words(chart: PointReferral) -> str:
    """How sure the chart is, and whether a source labels its zones, in plain words (where
    none does, the split is the program's reading: UNLABELLED says so once per list)."""
    words = STATUS_WORDS.get(chart.status, STATUS_WORDS[None])
    return words + (
        " A source labels these zones essential and spillover." if chart.labelled else ""
    )


def sources_words(chart: PointReferral) -> str:
    """ "Sources (3): S8, S11, P4" """
    if not chart.sources:
        return "Sources: none named."
    return f"Sources ({len(chart.sources)}): {', '.join(chart.sources)}."


def referring_line(hit: ReferringPoint) -> str:
    """A ranked answer to "what refers pain here?": "Soleus — distal point (essential zone,
    5 sources)"."""
    count = hit.source_count
    sources = f"{count} source" + ("" if count == 1 else "s")
    return f"{point_title(hit.muscle, hit.point)} ({ZONE_WORDS[hit.zone]}, {sources})"
