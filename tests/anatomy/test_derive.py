"""What both anatomy sources share (tp_explorer.anatomy.derive): one set of area rules, the
polyline and ring-stack helpers, and trigger-point placement."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import pyvista as pv

from tp_explorer.anatomy import Anatomy
from tp_explorer.anatomy.atlas.cache import atlas_dir, read_status
from tp_explorer.anatomy.atlas.landmarks import Skeleton
from tp_explorer.anatomy.derive.areas import SkinLabels, label_skin
from tp_explorer.anatomy.derive.lofts import course, tube_faces
from tp_explorer.anatomy.derive.sections import signed_volume
from tp_explorer.anatomy.derive.trigger_points import Centreline, aspect_direction, on_rings
from tp_explorer.knowledge.vocabulary import SIDES


def _agreement(labels: SkinLabels, anatomy: Anatomy) -> float:
    assert np.array_equal(labels.side, anatomy.skin_side)
    return float((labels.area == anatomy.skin_area).mean())


def test_atlas_areas_are_the_shared_rules_on_the_atlas_skeleton(atlas: Anatomy) -> None:
    """The atlas's stored areas are what derive.areas gives its skin and skeleton landmarks."""
    sk = Skeleton({k: np.asarray(m.points) for k, m in atlas.bones.items()})
    skin = atlas.skin.compute_normals(cell_normals=False, split_vertices=False)
    labels = label_skin(
        np.asarray(skin.points),
        np.asarray(skin.point_data["Normals"]),
        {side: sk.side_landmarks(side) for side in SIDES},
    )
    assert _agreement(labels, atlas) > 0.999


def test_builtin_areas_are_the_same_rules_on_the_model_skeleton(anatomy: Anatomy) -> None:
    """The built-in body's stored areas come from the same rules, given the model's landmarks."""
    pytest.importorskip("mujoco")
    pytest.importorskip("myo_sim")
    from tp_explorer.anatomy.builtin.landmarks import side_landmarks
    from tp_explorer.anatomy.builtin.source import load_source

    src = load_source()
    skin = anatomy.skin.compute_normals(
        auto_orient_normals=True, consistent_normals=True, split_vertices=False
    )
    labels = label_skin(
        np.asarray(skin.points, dtype=np.float64),
        np.asarray(skin.point_data["Normals"]),
        {side: side_landmarks(src, side) for side in SIDES},
    )
    assert _agreement(labels, anatomy) > 0.999


def test_course_runs_from_the_first_anchor_to_the_last_evenly() -> None:
    anchors = np.array([[0.0, 0.0, 0.0], [0.0, 0.05, 0.1], [0.02, 0.05, 0.2], [0.0, 0.0, 0.3]])
    line = course(anchors)
    assert np.allclose(line[0], anchors[0]) and np.allclose(line[-1], anchors[-1])
    steps = np.linalg.norm(np.diff(line, axis=0), axis=1)
    assert steps.max() - steps.min() < 0.002  # resampled by arc length
    assert 0.006 < steps.mean() < 0.010  # about one point every 8 mm
    assert len(course(anchors[:2] * 0.01)) == 8  # a short course keeps eight points


def _cylinder(stations: int = 6, ring: int = 12, radius: float = 0.02) -> np.ndarray:
    a = np.linspace(0.0, 2 * np.pi, ring, endpoint=False)
    rings = [
        np.column_stack([radius * np.cos(a), radius * np.sin(a), np.full(ring, z)])
        for z in np.linspace(0.0, 0.1, stations)
    ]
    return np.vstack([*rings, [[0.0, 0.0, 0.0]], [[0.0, 0.0, 0.1]]])


def test_tube_faces_close_a_ring_stack_consistently() -> None:
    """No open edge, and every face wound the same way: the signed volume is the whole prism's
    (a face wound against the others would cancel part of it)."""
    points, faces = _cylinder(), tube_faces(6, 12)
    assert pv.PolyData.from_regular_faces(points, faces).n_open_edges == 0
    prism = 0.5 * 12 * 0.02**2 * np.sin(2 * np.pi / 12) * 0.1
    assert abs(signed_volume(points, faces)) == pytest.approx(prism, rel=1e-9)


@pytest.mark.parametrize(
    ("side", "aspect", "expected"),
    [
        ("left", "lateral", (0.016, 0.0)),
        ("left", "medial", (-0.016, 0.0)),
        ("right", "lateral", (-0.016, 0.0)),
        ("right", None, (0.0, 0.016)),  # superficial: towards the skin, +y here
        ("left", "deep", (0.0, -0.016)),
        ("left", "anterior", (0.0, -0.016)),
    ],
)
def test_on_rings_puts_the_point_under_the_named_face(
    side: str, aspect: str | None, expected: tuple[float, float]
) -> None:
    path = np.column_stack([np.zeros(6), np.zeros(6), np.linspace(0.0, 0.1, 6)])
    towards_skin = np.tile([0.0, 1.0, 0.0], (6, 1))
    point = on_rings(_cylinder(), Centreline(path, towards_skin), 6, 12, side, 0.5, aspect)
    assert point[:2] == pytest.approx(expected, abs=1e-9)  # 80 % of the way to the surface
    assert point[2] == pytest.approx(0.05)


def test_aspect_directions_mirror_left_and_right() -> None:
    sup = np.array([0.0, 0.6, 0.8])
    for aspect in ("lateral", "medial"):
        left, right = aspect_direction(aspect, "left", sup), aspect_direction(aspect, "right", sup)
        assert np.allclose(left * [-1, 1, 1], right)
    assert np.allclose(aspect_direction("deep", "left", sup), -sup)


def test_install_status_counts_the_triangles_the_atlas_draws(
    atlas_data_dir: Path, atlas: Anatomy
) -> None:
    """The status's total comes from the typed build result; the loaded atlas draws as many."""
    status = read_status(atlas_dir(atlas_data_dir))
    assert status is not None
    assert status["triangles"] == atlas.triangles
    assert status["drawn"] == list(atlas.drawn)
