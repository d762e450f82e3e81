"""Label placement without a render window: for any camera pose and any set of labels, placed
labels never overlap, stay on the canvas, cover no highlighted muscle and no reserved box, and
each leader line runs from a projected point of its own muscle to its label's box."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.scene.layout.synthetic import camera_at, measure, scenes
from tp_explorer.scene.layout.labels import (
    joined,
    muscle_targets,
    place_labels,
    point_targets,
)


def overlapping(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@settings(max_examples=150, deadline=None)
@given(scenes(), st.booleans(), st.booleans())
def test_placed_labels_never_overlap_and_lead_to_their_muscles(scene, with_note, wrap) -> None:
    muscles, texts, priorities, view = scene
    width, height = view.size
    surfaces = [points for points, _normals in muscles]
    normals = [n for _points, n in muscles]
    targets = muscle_targets(surfaces, texts, priorities, normals)
    avoid = np.vstack(surfaces)
    note = (width * 0.6, 6.0, width - 6.0, height * 0.2)
    reserved = [note] if with_note else []

    def sizes(text: str, style: str) -> tuple[int, int]:  # wide letters: long names wrap
        width, height = measure(text, style)
        return (width * 3 if wrap else width), height

    placed = place_labels(targets, view, sizes, avoid, reserved)

    by_text = dict(zip(texts, surfaces, strict=True))
    avoid_xy, _depth, front = view.project(avoid)
    avoid_xy = avoid_xy[front]
    rank = dict(zip(texts, priorities, strict=True))
    assert [rank[p.text] for p in placed] == sorted((rank[p.text] for p in placed), reverse=True)
    for i, p in enumerate(placed):
        x0, y0, x1, y1 = p.box
        assert x0 >= 0 and y0 >= 0 and x1 <= width and y1 <= height, p
        for q in placed[i + 1 :]:
            assert not overlapping(p.box, q.box), (p, q)
        assert not (with_note and overlapping(p.box, note)), p
        # the leader starts on a point of its own muscle, projected ...
        assert any(np.array_equal(p.anchor, point) for point in by_text[p.text]), p.text
        xy, _d, in_front = view.project(np.array([p.anchor]))
        assert in_front[0] and np.allclose(xy[0], p.anchor_px, atol=1e-9)
        # ... and ends on a side of its label's box
        ex, ey = p.line_end_px
        assert ex in (x0, x1) and y0 <= ey <= y1
        # no label covers a highlighted muscle
        inside = (
            (avoid_xy[:, 0] > x0)
            & (avoid_xy[:, 0] < x1)
            & (avoid_xy[:, 1] > y0)
            & (avoid_xy[:, 1] < y1)
        )
        assert not inside.any(), p.text
        assert p.drawn.split() == p.text.split()  # wrapped at most


@settings(max_examples=60, deadline=None)
@given(scenes())
def test_point_labels_are_placed_first_and_seen_through_the_muscles(scene) -> None:
    """The needle-safety layer's names (one point each, behind the muscles or not) take their
    places before any muscle's, in the same columns."""
    muscles, texts, priorities, view = scene
    surfaces = [points for points, _normals in muscles]
    centres = np.array([points.mean(axis=0) for points in surfaces])  # inside each ball
    extra = point_targets(centres[:2], ["Nerve A", "Nerve B"], "safety")
    targets = joined(extra, muscle_targets(surfaces, texts, priorities, [n for _p, n in muscles]))
    placed = place_labels(targets, view, measure, np.vstack(surfaces))
    styles = [p.style for p in placed]
    assert styles == sorted(styles, key=lambda s: s != "safety")
    xy, _depth, front = view.project(centres[:2])
    seen = {
        name
        for name, point, ok in zip(("Nerve A", "Nerve B"), xy, front, strict=False)
        if ok and 0 <= point[0] < view.size[0] and 0 <= point[1] < view.size[1]
    }
    placed_safety = {p.text for p in placed if p.style == "safety"}
    assert placed_safety <= seen
    # with the canvas all to themselves, every seen nerve finds a place
    alone = place_labels(extra, view, measure, np.zeros((0, 3)))
    assert {p.text for p in alone} == seen


def test_a_label_whose_muscle_is_behind_the_camera_or_off_canvas_is_left_out() -> None:
    view = camera_at((0.0, 0.0, 5.0), up=(0.0, 1.0, 0.0), size=(400, 300))
    anchors = np.array([[0.0, 0.0, 0.0], [0.0, 0.0, 10.0], [50.0, 0.0, 0.0]])
    targets = muscle_targets(list(anchors), ["in view", "behind", "far right"], [1.0, 1.0, 1.0])
    assert [p.text for p in place_labels(targets, view, measure, np.zeros((0, 3)))] == ["in view"]


def test_more_labels_than_the_capacity_keeps_the_highest_priorities() -> None:
    anchors = [np.array([-1.5, 1.0, 0.0]), np.array([0.0, 0.0, 0.0]), np.array([-1.5, -1.0, 0])]
    targets = muscle_targets(anchors, ["low", "high", "middle"], [1.0, 3.0, 2.0], capacity=2)
    assert [text for text, _style in targets.labels] == ["high", "middle"]
    view = camera_at((0.0, 0.0, 5.0), up=(0.0, 1.0, 0.0), size=(800, 600))
    assert [p.text for p in place_labels(targets, view, measure, np.zeros((0, 3)))] == [
        "high",
        "middle",
    ]
