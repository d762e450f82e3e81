"""The atlas's drawn muscles read as muscles (closed bellies and sheets that thin into their
ends, on their bones), the new segmented ones leave the grey context, and every new muscle's
path runs from its origin so trigger points count ``along`` from there."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import pyvista as pv

from tests.anatomy.test_muscles import BACK_FIRST, FOOT, LATERAL_FIRST, MEDIAL_FIRST
from tp_explorer.anatomy.derive.sections import grid_normals, lens, ring_loft, slab, taper
from tp_explorer.knowledge.vocabulary import MESH_IDS, SIDES

NEW = MESH_IDS[MESH_IDS.index("pectineus") :]
# drawn bellies (not sheets cut at the skin's top edge) and which of their ends thin out
BELLIES = {
    "quadratus_lumborum": (0, 1), "multifidus": (0, 1), "extensor_digitorum_brevis": (0, 1),
    "flexor_digiti_minimi_brevis": (0, 1), "ischiocavernosus": (0, 1),
    "transverse_perineal": (0, 1), "bulbospongiosus": (0, 1),
    "pyramidalis": (1,),  # a triangle: its base sits on the pubis, its apex thins out
    **{f"dorsal_interosseous_{k}": (0, 1) for k in range(1, 5)},
}  # fmt: skip
UPWARD = {
    "quadratus_lumborum", "multifidus", "rotatores", "rectus_abdominis", "pyramidalis",
    "internal_oblique", "transversus_abdominis",
}  # fmt: skip
DOWNWARD = {"pectineus", "popliteus", "plantaris", "fibularis_tertius", "external_oblique"}


def test_a_belly_loft_is_closed_wound_outward_and_tapered() -> None:
    n = 12
    s = np.linspace(0.0, 1.0, n)
    path = np.column_stack([np.zeros(n), 0.01 * np.sin(3 * s), 0.1 * s])
    a, b = 0.01 * taper(s, 0.2, 0.2, 0.3, 0.3), 0.005 * taper(s, 0.2, 0.2, 0.3, 0.3)
    loft = ring_loft(path, lens(a, b, 1.5), np.array([0.0, 1.0, 0.0]))
    assert loft.mesh.n_open_edges == 0 and loft.mesh.is_manifold
    assert loft.mesh.volume > 0 and _signed(loft.mesh) > 0
    assert len(loft.t) == loft.mesh.n_points and loft.t.min() == 0.0 and loft.t.max() == 1.0
    assert taper(np.array([0.0, 0.5, 1.0]), 0.2, 0.3, 0.3, 0.3).tolist() == [0.2, 1.0, 0.3]


def test_a_slab_is_closed_wound_outward_and_thin_at_its_border() -> None:
    rows, cols = 9, 7
    z = np.linspace(0.0, 0.1, rows)
    ang = np.linspace(-0.6, 0.6, cols)
    mid = np.array([[[0.1 * np.sin(t), -0.1 * np.cos(t), h] for t in ang] for h in z])
    normal = grid_normals(mid, mid * [1.0, 1.0, 0.0])
    half = 0.003 * np.outer(np.sin(np.pi * z / 0.1), np.sin(np.linspace(0, np.pi, cols)))
    loft = slab(mid, normal, half, half)
    assert loft.mesh.n_open_edges == 0 and loft.mesh.is_manifold
    assert _signed(loft.mesh) > 0
    assert loft.mesh.n_points == rows * cols + (rows - 2) * (cols - 2)


def _signed(mesh: pv.PolyData) -> float:
    p, f = np.asarray(mesh.points), mesh.regular_faces
    return float(np.einsum("ij,ij->i", p[f[:, 0]], np.cross(p[f[:, 1]], p[f[:, 2]])).sum() / 6)


def _section_area(points: np.ndarray, t: np.ndarray, lo: float, hi: float) -> float:
    """The area of a band of the muscle seen along the muscle's long axis (convex outline)."""
    from scipy.spatial import ConvexHull

    along = np.linalg.svd(points - points.mean(axis=0), full_matrices=False)[2][0]
    band = points[(t >= lo) & (t <= hi)]
    rel = band - band.mean(axis=0)
    rel -= np.outer(rel @ along, along)
    across = np.linalg.svd(rel, full_matrices=False)[2][:2]
    return float(ConvexHull(rel @ across.T).volume)


@pytest.mark.parametrize("mesh_id", sorted(BELLIES))
def test_drawn_bellies_thin_into_their_ends(atlas: Any, mesh_id: str) -> None:
    """No square ends: a drawn belly's end sections are well under half its fullest one."""
    assert mesh_id in atlas.drawn
    for side in SIDES:
        points = np.asarray(atlas.muscles[mesh_id][side].points)
        t = atlas.muscle_t[mesh_id][side]
        fullest = max(_section_area(points, t, c - 0.06, c + 0.06) for c in (0.3, 0.5, 0.7))
        ends = {0: (0.0, 0.04), 1: (0.96, 1.0)}
        for end in BELLIES[mesh_id]:
            area = _section_area(points, t, *ends[end])
            assert area < 0.5 * fullest, (mesh_id, side, end, area, fullest)


@pytest.mark.parametrize("mesh_id", NEW)
def test_new_muscle_paths_run_from_their_origin(atlas: Any, mesh_id: str) -> None:
    for side, lateral in (("left", 1.0), ("right", -1.0)):
        path = atlas.muscle_paths[mesh_id][side]
        if mesh_id in UPWARD:
            assert path[0, 2] < path[-1, 2], (mesh_id, side)
        elif mesh_id in DOWNWARD:
            assert path[0, 2] > path[-1, 2], (mesh_id, side)
        elif mesh_id in MEDIAL_FIRST:
            assert lateral * path[0, 0] < lateral * path[-1, 0], (mesh_id, side)
        elif mesh_id in LATERAL_FIRST:
            assert lateral * path[0, 0] > lateral * path[-1, 0], (mesh_id, side)
        else:
            assert mesh_id in FOOT | BACK_FIRST, mesh_id
            assert path[0, 1] > path[-1, 1], (mesh_id, side)  # posterior (+y) first


@pytest.mark.parametrize("mesh_id", NEW)
def test_new_muscles_place_trigger_points_inside_themselves(atlas: Any, mesh_id: str) -> None:
    for side in SIDES:
        mesh = atlas.muscles[mesh_id][side]
        for along in (0.2, 0.5, 0.8):
            for aspect in (None, "deep"):
                p = atlas.trigger_point(mesh_id, side, along, aspect)
                probe = pv.PolyData(p[None, :]).compute_implicit_distance(mesh)
                signed = float(probe["implicit_distance"][0])
                assert signed < 0.001, (mesh_id, side, along, aspect, signed)


def test_knowledge_muscles_are_not_also_grey_context(atlas: Any) -> None:
    """A segmented muscle that became a knowledge muscle is drawn once, not again as context."""
    from tp_explorer.anatomy.atlas.geometry import structure_id
    from tp_explorer.anatomy.atlas.manifest import read_table

    table = read_table()
    for mesh_id in NEW:
        for side in SIDES:
            for entry in table.muscles[mesh_id][side]:
                assert structure_id(entry) not in atlas.context, (mesh_id, side, entry.file)
    assert not {"external_oblique_left", "external_oblique_right"} & set(atlas.context)


def test_abdominal_sheets_lie_inside_the_external_oblique(atlas: Any) -> None:
    """Rectus, internal oblique and transversus under the external oblique's inner face and
    inside the skin, front to back in layers."""
    skin = atlas.skin
    for side in SIDES:
        for mesh_id in ("rectus_abdominis", "internal_oblique", "transversus_abdominis"):
            pts = pv.PolyData(np.asarray(atlas.muscles[mesh_id][side].points))
            depth = pts.compute_implicit_distance(skin)["implicit_distance"]
            assert float(np.max(depth)) < 0.0, (mesh_id, side)  # all inside the skin
        io = np.asarray(atlas.muscles["internal_oblique"][side].points)
        ta = np.asarray(atlas.muscles["transversus_abdominis"][side].points)
        axis = np.array([0.0, float(np.mean(io[:, 1])), 0.0])
        r_io = np.linalg.norm((io - axis)[:, :2], axis=1).mean()
        r_ta = np.linalg.norm((ta - axis)[:, :2], axis=1).mean()
        assert r_ta < r_io, side  # transversus inside the internal oblique
