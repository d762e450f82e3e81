"""The skin: one closed surface around everything; body areas derived from the skeleton."""

from __future__ import annotations

import numpy as np
import pyvista as pv

from tp_explorer.knowledge.vocabulary import BODY_AREAS, SIDES


def _centroid(anatomy, area: str, side: str) -> np.ndarray:
    return np.asarray(anatomy.skin.points)[anatomy.areas[area][side]].mean(axis=0)


def test_skin_is_one_closed_surface(anatomy) -> None:
    skin = anatomy.skin
    assert skin.n_open_edges == 0
    assert skin.is_manifold
    assert skin.connectivity().point_data["RegionId"].max() == 0
    assert 0.02 < skin.volume < 0.06  # m³: a lower body and abdomen, 20-60 litres


def test_skin_envelops_bones_and_muscles(anatomy) -> None:
    pts = [np.asarray(m.points) for sides in anatomy.muscles.values() for m in sides.values()]
    pts += [np.asarray(m.points) for k, m in anatomy.bones.items() if k != "thorax"]
    cloud = pv.PolyData(np.vstack(pts))
    inside = cloud.select_interior_points(
        anatomy.skin, method="cell_locator", check_surface=False, locator_tolerance=1e-6
    )["selected_points"]
    assert inside.mean() > 0.995


def test_every_area_is_non_empty_on_both_sides(anatomy) -> None:
    for area in BODY_AREAS:
        for side in SIDES:
            assert len(anatomy.areas[area][side]) >= 10, (area, side)


def test_areas_are_disjoint(anatomy) -> None:
    allidx = np.concatenate([anatomy.areas[a][s] for a in BODY_AREAS for s in SIDES])
    assert len(allidx) == len(np.unique(allidx))


def test_areas_are_mirrored_left_and_right(anatomy) -> None:
    for area in BODY_AREAS:
        left = _centroid(anatomy, area, "left")
        right = _centroid(anatomy, area, "right")
        assert left[0] > 0 > right[0], area
        assert np.linalg.norm(left * [-1, 1, 1] - right) < 0.012, area
        n_left, n_right = len(anatomy.areas[area]["left"]), len(anatomy.areas[area]["right"])
        assert abs(n_left - n_right) <= 0.25 * max(n_left, n_right), area


def test_areas_follow_the_body_from_heel_to_back(anatomy) -> None:
    z = {a: _centroid(anatomy, a, "right")[2] for a in BODY_AREAS}
    assert z["heel"] < z["achilles"] < z["calf"] < z["posterior_knee"] < z["posterior_thigh"]
    assert z["posterior_thigh"] < z["buttock"] < z["lumbar"]
    assert z["shin"] < z["anterior_knee"] < z["anterior_thigh"] < z["groin"]
    assert z["sacrum_coccyx"] < z["lumbar"] and z["groin"] < z["lower_abdomen"]


def test_aspects_face_the_right_way(anatomy) -> None:
    c = {a: _centroid(anatomy, a, "right") for a in BODY_AREAS}
    assert c["anterior_thigh"][1] < c["posterior_thigh"][1]  # anterior is -y
    assert c["shin"][1] < c["calf"][1]
    assert c["lateral_thigh"][0] < c["medial_thigh"][0]  # right side: lateral is -x
    assert c["lateral_ankle"][0] < c["medial_ankle"][0]
    assert c["lateral_knee"][0] < c["medial_knee"][0]
    assert c["big_toe"][0] > c["lesser_toes"][0]  # big toe is medial
    assert c["plantar_foot"][2] < c["dorsal_foot"][2]
    assert abs(c["sacrum_coccyx"][0]) < abs(c["sacroiliac"][0]) < abs(c["buttock"][0])


def test_area_of_point_agrees_with_areas(anatomy) -> None:
    for area in BODY_AREAS:
        for side in SIDES:
            idx = anatomy.areas[area][side]
            for i in idx[:: max(1, len(idx) // 5)]:
                assert anatomy.area_of_point(int(i)) == (area, side)
    assert anatomy.area_of_point(-1) is None
    assert anatomy.area_of_point(anatomy.skin.n_points) is None
