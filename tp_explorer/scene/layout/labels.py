"""Label placement as in an atlas: each name beside the body, a leader line to its muscle.

Labels stand in a column left or right of the highlighted muscles (``columns``), as near
their anchor's height (``anchors``) as the column allows, and never overlap each other, cover
a highlighted muscle or a box another layer reserves; a label with no free place is left out
rather than drawn on top of something. The highest priority is placed first; among equals
from the top down; then no two leaders cross, nor run over the focused muscle (``leaders``). A label's size comes from ``measure`` (the
scene rasterises the text once; tests pass plain arithmetic).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from tp_explorer.scene.layout.anchors import chosen_anchors, seen_points
from tp_explorer.scene.layout.arrays import BoolArray, Box, FloatArray, IntArray, vec3
from tp_explorer.scene.layout.columns import Columns
from tp_explorer.scene.layout.leaders import Candidates, Footprint, untangle
from tp_explorer.scene.layout.placement import Placement as Placement  # (re-exported)
from tp_explorer.scene.layout.projection import Projection

FRAME_PX = 2  # a frame in the background colour: padding around the text
MIN_WRAP_CHARS = 8  # a wrapped name's lines are never narrower than this

Label = tuple[str, str]  # (text, style): "muscle", or "safety" for a nerve or vessel
Measure = Callable[[str, str], tuple[int, int]]  # (text, style) -> its box's (width, height)


@dataclass(frozen=True, eq=False)
class LabelTargets:
    """Labels to place and the world points each may point at, stacked: ``owner`` gives the
    label of each point (grouped, ascending); ``through`` marks points seen wherever they
    are in view; ``normals`` (with ``offsets``, each normal . its point) where known."""

    labels: tuple[Label, ...] = ()
    points: FloatArray = field(default_factory=lambda: np.zeros((0, 3)))
    owner: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    priorities: FloatArray = field(default_factory=lambda: np.zeros(0))
    through: BoolArray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    normals: FloatArray | None = None
    offsets: FloatArray | None = None


def muscle_targets(
    surfaces: Sequence[FloatArray],
    texts: Sequence[str],
    priorities: npt.ArrayLike,
    normals: Sequence[FloatArray] | None = None,
    capacity: int | None = None,
    through: Sequence[bool] | None = None,
) -> LabelTargets:
    """Muscle labels: per label, points on its muscle's surface and their outward normals;
    ordered by priority (highest first), at most ``capacity`` of them. A label marked in
    ``through`` points at points seen wherever they are in view (the chart view's trigger
    points, marked over the skin)."""
    ranked = np.asarray(priorities, dtype=float)
    order = np.argsort(-ranked, kind="stable")[:capacity]
    stacked = [np.asarray(surfaces[i], dtype=float).reshape(-1, 3) for i in order]
    if not stacked:
        return LabelTargets()
    points = np.vstack(stacked)
    all_normals = (
        None
        if normals is None
        else np.vstack([np.asarray(normals[i], float).reshape(-1, 3) for i in order])
    )
    return LabelTargets(
        labels=tuple((texts[i], "muscle") for i in order),
        points=points,
        owner=np.repeat(np.arange(len(stacked)), [len(x) for x in stacked]),
        priorities=ranked[order],
        through=np.repeat(
            np.array([bool(through[i]) if through else False for i in order], dtype=bool),
            [len(x) for x in stacked],
        ),
        normals=all_normals,
        offsets=None if all_normals is None else np.einsum("ij,ij->i", all_normals, points),
    )


def point_targets(points: npt.ArrayLike, texts: Sequence[str], style: str) -> LabelTargets:
    """Labels of one world point each, seen through whatever is in front of them and placed
    before every muscle's (the needle-safety layer's nerves and vessels)."""
    stacked = np.asarray(points, dtype=float).reshape(-1, 3)
    labels = tuple((text, style) for text in list(texts)[: len(stacked)])
    stacked = stacked[: len(labels)]
    return LabelTargets(
        labels=labels,
        points=stacked,
        owner=np.arange(len(labels), dtype=np.int64),
        priorities=np.full(len(labels), np.inf),
        through=np.ones(len(labels), dtype=bool),
    )


def joined(first: LabelTargets, second: LabelTargets) -> LabelTargets:
    """Both sets as one, ``first``'s labels first. Normals are kept when ``second`` has them
    (``first``'s points then count as facing away; they are seen ``through`` or not at all)."""
    normals = offsets = None
    if second.normals is not None and second.offsets is not None:
        normals = np.vstack([np.zeros((len(first.points), 3)), second.normals])
        offsets = np.concatenate([np.zeros(len(first.points)), second.offsets])
    return LabelTargets(
        labels=first.labels + second.labels,
        points=np.vstack([first.points, second.points]),
        owner=np.concatenate([first.owner, second.owner + len(first.labels)]),
        priorities=np.concatenate([first.priorities, second.priorities]),
        through=np.concatenate([first.through, second.through]),
        normals=normals,
        offsets=offsets,
    )


def fitted(text: str, style: str, room: float, measure: Measure) -> str:
    """``text``, or wrapped at spaces into lines that fit ``room`` pixels (when it has
    spaces and one line does not fit). Line lengths come in steps of 4 characters, so a
    turning camera meets only a few wrapped forms (each one is rasterised once)."""
    width = measure(text, style)[0]
    if width <= room or " " not in text:
        return text
    per_char = max(width - 2 * FRAME_PX, 1) / len(text)
    chars = int((room - 2 * FRAME_PX) / per_char)
    chars = max(MIN_WRAP_CHARS, chars - chars % 4)
    return textwrap.fill(text, chars, break_long_words=False) or text


def place_labels(
    targets: LabelTargets,
    view: Projection,
    measure: Measure,
    avoid: FloatArray,
    reserved: Sequence[Box] = (),
    keep_clear: FloatArray | None = None,
    focused: str | None = None,
) -> list[Placement]:
    """Where each label stands for this camera, highest priority first; labels with no
    anchor in view or no free place are left out. ``avoid``: world points no label may
    cover (the highlighted muscles); ``reserved``: canvas boxes kept clear. No two leaders
    cross, and none runs over ``keep_clear`` (the focused muscle's points; ``focused``: its
    label, whose leader leaves it) once off it (``leaders.untangle``)."""
    columns = Columns(view, avoid)
    # A narrow canvas (presentation mode's half window, 28 pt) has no room beside the body
    # for long names on one line: those are wrapped to the room there is.
    shown_as = [
        (fitted(text, style, columns.room, measure), style) for text, style in targets.labels
    ]
    columns.open(max((measure(*label)[0] for label in shown_as), default=0), reserved)
    count = len(targets.labels)
    seen = np.zeros(0, dtype=bool)
    xy = np.zeros((0, 2))
    if len(targets.points):
        seen, xy = seen_points(
            targets.points, targets.owner, view, targets.normals, targets.offsets, targets.through
        )
    anchors = chosen_anchors(targets.points, targets.owner, count, seen, xy)
    heights = np.array([a[1][1] if a is not None else -1.0 for a in anchors])
    order = np.lexsort((-heights, -targets.priorities))
    placements: list[Placement] = []
    candidates: list[Candidates] = []
    for index in order:
        anchor = anchors[index]
        if anchor is None:
            continue
        spot = columns.place(anchor[1], measure(*shown_as[index]))
        if spot is None:
            continue
        box, end = spot
        text, style = targets.labels[index]
        at = (float(anchor[1][0]), float(anchor[1][1]))
        placements.append(Placement(text, box, vec3(anchor[0]), at, end, style, shown_as[index][0]))
        mine = seen & (targets.owner == index)
        candidates.append((targets.points[mine], xy[mine]))
    footprint = None if keep_clear is None else Footprint.of(view, keep_clear)
    return untangle(placements, candidates, columns.fits, footprint, focused)
