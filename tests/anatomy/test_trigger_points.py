"""Trigger points: along the belly from its proximal end, on the asked face, under its surface."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from tp_explorer.knowledge.vocabulary import ASPECTS, MESH_IDS, SIDES


def _inside(mesh: pv.PolyData, point: np.ndarray) -> bool:
    sel = pv.PolyData(point[None]).select_interior_points(
        mesh, method="cell_locator", check_surface=False, locator_tolerance=1e-6
    )
    return bool(sel["selected_points"][0])


@pytest.mark.parametrize("mesh_id", MESH_IDS)
def test_trigger_points_lie_just_inside_the_belly(anatomy, mesh_id: str) -> None:
    for side in SIDES:
        belly = anatomy.muscles[mesh_id][side]
        for along in (0.3, 0.5, 0.7):
            for aspect in (None, *ASPECTS):
                p = anatomy.trigger_point(mesh_id, side, along, aspect)
                assert p.shape == (3,)
                depth = pv.PolyData(p[None]).compute_implicit_distance(belly)["implicit_distance"]
                assert abs(depth[0]) < 0.012, (mesh_id, side, along, aspect, depth[0])


def test_trigger_point_is_inside_a_big_belly(anatomy) -> None:
    for mesh_id in ("gluteus_maximus", "soleus", "vastus_lateralis", "gastrocnemius_medial"):
        for side in SIDES:
            p = anatomy.trigger_point(mesh_id, side, 0.5, "superficial")
            assert _inside(anatomy.muscles[mesh_id][side], p), (mesh_id, side)


def test_along_runs_from_proximal_to_distal(anatomy) -> None:
    top = anatomy.trigger_point("gastrocnemius_medial", "right", 0.1)
    bottom = anatomy.trigger_point("gastrocnemius_medial", "right", 0.6)
    assert top[2] > bottom[2]


def test_aspect_moves_the_point_to_that_face(anatomy) -> None:
    tp = anatomy.trigger_point
    assert (
        tp("vastus_lateralis", "right", 0.5, "anterior")[1]
        < tp("vastus_lateralis", "right", 0.5, "posterior")[1]
    )
    # right side: lateral is -x; left side: lateral is +x
    assert tp("soleus", "right", 0.4, "lateral")[0] < tp("soleus", "right", 0.4, "medial")[0]
    assert tp("soleus", "left", 0.4, "lateral")[0] > tp("soleus", "left", 0.4, "medial")[0]


def test_superficial_is_nearer_the_skin_than_deep(anatomy) -> None:
    skin = anatomy.skin
    for mesh_id in ("gluteus_maximus", "gastrocnemius_lateral", "tibialis_anterior"):
        sup = anatomy.trigger_point(mesh_id, "left", 0.5, "superficial")
        deep = anatomy.trigger_point(mesh_id, "left", 0.5, "deep")
        d = pv.PolyData(np.array([sup, deep])).compute_implicit_distance(skin)
        assert abs(d["implicit_distance"][0]) < abs(d["implicit_distance"][1]), mesh_id


def test_left_and_right_trigger_points_are_mirrored(anatomy) -> None:
    for mesh_id in MESH_IDS:
        left = anatomy.trigger_point(mesh_id, "left", 0.5, "posterior")
        right = anatomy.trigger_point(mesh_id, "right", 0.5, "posterior")
        assert np.linalg.norm(left * [-1, 1, 1] - right) < 0.012, mesh_id


def test_bad_arguments_are_refused(anatomy) -> None:
    with pytest.raises(KeyError):
        anatomy.trigger_point("no_such_muscle", "left", 0.5)
    with pytest.raises(ValueError):
        anatomy.trigger_point("soleus", "both", 0.5)
    with pytest.raises(ValueError):
        anatomy.trigger_point("soleus", "left", 0.5, "upward")
