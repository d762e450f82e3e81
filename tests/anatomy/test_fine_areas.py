"""The fine skin map (knowledge.skin_areas, drawn by anatomy.derive.fine_map) on both anatomies:
every fine area present on each of its sides, tiling its coarse area exactly, in one patch with
a clean edge, and in the right place on the body.

Tolerance, documented here once: the coarse map has a few islands of its own (a piece of a
coarse area cut off from the rest of it: skin folded deep into the built-in body's popliteal
fossae, the atlas's hanging genitals, which the coarse rule calls thigh). The coarse map must
not move, so a fine area is checked for one patch on the main piece of its coarse area; the
islands are counted and bounded apart.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from tp_explorer.anatomy import Anatomy
from tp_explorer.knowledge.skin_areas import (
    FINE_AREA_IDS,
    FINE_AREAS,
    MIDLINE,
    areas_in_group,
    group_of,
    sides_of,
)
from tp_explorer.knowledge.vocabulary import BODY_AREAS, SIDES

SOURCES = ("anatomy", "atlas")  # the built-in body and the atlas (conftest fixtures)
SIDED = np.array([a.sided for a in FINE_AREAS])


@pytest.fixture(params=SOURCES)
def anat(request: pytest.FixtureRequest) -> Anatomy:
    value: Anatomy = request.getfixturevalue(request.param)
    return value


def _edges(anat: Anatomy) -> tuple[np.ndarray, np.ndarray]:
    f = anat.skin.regular_faces
    return f.ravel(), f[:, [1, 2, 0]].ravel()


def _components(anat: Anatomy, key: np.ndarray) -> np.ndarray:
    """Component per point, along skin edges whose two ends share a key."""
    u, v = _edges(anat)
    same = (key[u] == key[v]) & (key[u] >= 0)
    n = len(key)
    graph = coo_matrix((np.ones(int(same.sum())), (u[same], v[same])), shape=(n, n))
    return np.asarray(connected_components(graph, directed=False)[1])


def _fine_key(anat: Anatomy) -> np.ndarray:
    """One key per (fine area, side); a midline area is one key across both sides."""
    c = anat.skin_fine.astype(int)
    side = np.where(SIDED[np.maximum(c, 0)], anat.skin_side, 2)
    return np.where(c < 0, -1, 3 * c + side)


def _coarse_key(anat: Anatomy) -> np.ndarray:
    return np.where(anat.skin_area < 0, -1, 2 * anat.skin_area.astype(int) + anat.skin_side)


def _on_main_coarse_piece(anat: Anatomy) -> np.ndarray:
    """Points on the largest piece of their coarse area and side (not on a coarse island)."""
    key = _coarse_key(anat)
    comp = _components(anat, key)
    size = np.bincount(comp)[comp]
    largest = np.zeros(key.max() + 2, dtype=int)
    np.maximum.at(largest, key + 1, size)
    return np.asarray((key >= 0) & (size == largest[key + 1]))


def _centre(anat: Anatomy, area: str, side: str) -> np.ndarray:
    return np.asarray(anat.skin.points)[anat.fine_areas[area][side]].mean(axis=0)


def test_every_fine_area_is_present_on_each_of_its_sides(anat: Anatomy) -> None:
    assert tuple(anat.fine_areas) == FINE_AREA_IDS
    keys = [(area, side) for area, by_side in anat.fine_areas.items() for side in by_side]
    assert len(keys) == 2 * int(SIDED.sum()) + int((~SIDED).sum()) == 154
    for area, by_side in anat.fine_areas.items():
        assert tuple(by_side) == sides_of(area)
        for side, idx in by_side.items():
            assert len(idx) >= 5, (area, side)


def test_fine_areas_split_the_coarse_areas_exactly(anat: Anatomy) -> None:
    """Where a coarse area is, exactly one fine area of its group is, on the same side."""
    fine, coarse = anat.skin_fine, anat.skin_area
    assert fine.shape == coarse.shape
    assert np.array_equal(fine >= 0, coarse >= 0)
    labelled = np.nonzero(fine >= 0)[0]
    groups = np.array([BODY_AREAS.index(a.group) for a in FINE_AREAS])
    assert np.array_equal(groups[fine[labelled]], coarse[labelled])
    every = np.concatenate([i for by_side in anat.fine_areas.values() for i in by_side.values()])
    assert np.array_equal(np.sort(every), labelled)  # disjoint, and cover every labelled point
    for area, by_side in anat.fine_areas.items():
        for side, idx in by_side.items():
            assert (fine[idx] == FINE_AREA_IDS.index(area)).all()
            if side != MIDLINE:
                assert (anat.skin_side[idx] == SIDES.index(side)).all()


def test_legs_pelvis_and_lower_back_are_covered(anat: Anatomy) -> None:
    """Every skin point of the legs, pelvis and lower back has a fine area (the skin below
    the navel; the atlas's cut top edge and the built-in body's lid are above it)."""
    z = np.asarray(anat.skin.points)[:, 2]
    crest = np.asarray(anat.skin.points)[anat.areas["lumbar"]["left"]][:, 2].min()
    assert (anat.skin_fine[z < crest + 0.04] >= 0).all()


def test_each_fine_area_is_one_patch(anat: Anatomy) -> None:
    """Connected through the skin's edges, on the main piece of its coarse area."""
    key = _fine_key(anat)
    main = _on_main_coarse_piece(anat)
    comp = _components(anat, np.where(main, key, -1))
    for k in np.unique(key[main]):
        pieces = np.unique(comp[main & (key == k)])
        area = FINE_AREAS[k // 3]
        assert len(pieces) == 1, (area.id, ("left", "right", MIDLINE)[k % 3], len(pieces))


def test_coarse_islands_are_few(anat: Anatomy) -> None:
    """The tolerance above stays small: under 3 % of the skin lies on coarse islands."""
    assert (~_on_main_coarse_piece(anat)).mean() < 0.03


def test_no_fine_area_has_an_isolated_point(anat: Anatomy) -> None:
    """Each point has a neighbour of its own fine area wherever it has one of its coarse area;
    and points in no whole triangle of their area (corners where three areas meet) are rare."""
    key, coarse = _fine_key(anat), _coarse_key(anat)
    u, v = _edges(anat)
    with_fine = np.zeros(len(key), dtype=bool)
    with_fine[u[key[u] == key[v]]] = True
    with_coarse = np.zeros(len(key), dtype=bool)
    with_coarse[u[coarse[u] == coarse[v]]] = True
    assert not (with_coarse & ~with_fine & (key >= 0)).any()
    f = anat.skin.regular_faces
    k = key[f]
    held = np.zeros(len(key), dtype=bool)
    held[f[(k[:, 0] == k[:, 1]) & (k[:, 1] == k[:, 2])].ravel()] = True
    assert (~held & (key >= 0)).mean() < 0.015


def test_fine_area_of_point_agrees_with_fine_areas(anat: Anatomy) -> None:
    for area, by_side in anat.fine_areas.items():
        for side, idx in by_side.items():
            for i in idx[:: max(1, len(idx) // 4)]:
                assert anat.fine_area_of_point(int(i)) == (area, side)
                coarse = anat.area_of_point(int(i))
                assert coarse is not None and coarse[0] == group_of(area)
    assert anat.fine_area_of_point(-1) is None
    assert anat.fine_area_of_point(anat.skin.n_points) is None


def test_fine_areas_mirror_left_and_right(anat: Anatomy) -> None:
    tolerance = 0.02 if anat.source == "builtin" else 0.035  # the atlas body is not symmetric
    for area in FINE_AREAS:
        if not area.sided:
            assert abs(_centre(anat, area.id, MIDLINE)[0]) < 0.02, area.id
            continue
        left, right = _centre(anat, area.id, "left"), _centre(anat, area.id, "right")
        assert left[0] > 0 > right[0], area.id
        assert np.linalg.norm(left * [-1, 1, 1] - right) < tolerance, area.id


def test_fine_areas_lie_where_their_names_say(anat: Anatomy) -> None:
    c = {a: _centre(anat, a, sides_of(a)[-1]) for a in FINE_AREA_IDS}  # right side or midline
    x, y, z = ({a: p[i] for a, p in c.items()} for i in range(3))
    # along the foot: toes, ball, mid-sole, heel (-y is forward); across it: medial is +x here
    assert y["lesser_toes_plantar"] < y["ball_central"] < y["sole_lateral"] < y["heel_plantar"]
    assert x["ball_lateral"] < x["ball_central"] < x["ball_medial"]
    assert x["dorsum_lateral"] < x["dorsum_mid"] < x["dorsum_medial"]
    assert x["sole_lateral"] < x["arch_medial"] and x["heel_lateral"] < x["heel_medial"]
    assert y["heel_posterior"] > y["heel_plantar"] and z["heel_plantar"] < z["heel_posterior"]
    assert z["ball_central"] < z["dorsum_mid"] and z["big_toe_plantar"] < z["big_toe_dorsal"]
    for segment, aspects in (
        ("leg", ("anteromedial", "anterolateral", "lateral", "posterolateral", "posteromedial")),
        ("thigh", ("anterior", "lateral", "posterolateral", "posteromedial", "medial")),
    ):
        for aspect in aspects:
            lo, mid, hi = (z[f"{segment}_{lev}_{aspect}"] for lev in ("distal", "mid", "proximal"))
            assert lo < mid < hi, (segment, aspect)
    assert x["leg_mid_posterolateral"] < x["leg_mid_posteromedial"]
    assert x["knee_popliteal_lateral"] < x["knee_popliteal_medial"]
    assert y["leg_mid_anteromedial"] < y["leg_mid_posteromedial"]
    assert z["coccyx"] < z["sacrum_lower"] < z["sacrum_upper"]
    assert y["genital"] < y["perineum"] < y["anal"]
    assert z["lumbar_lower_para"] < z["lumbar_upper_para"] < z["back_thoracolumbar"]
    assert z["buttock_lower"] < z["buttock_medial"] < z["buttock_upper"]
    assert z["buttock_upper"] < z["iliac_crest_posterior"]
    assert x["buttock_lateral"] < x["buttock_medial"]
    assert z["trochanter"] < z["iliac_crest_lateral"]
    assert y["hip_anterolateral"] < y["trochanter"]
    assert z["suprapubic"] < z["abdomen_upper"] and z["groin"] < z["abdomen_lower"]
    assert x["abdomen_lower_lateral"] < x["abdomen_lower"]


def test_every_coarse_area_is_split(anat: Anatomy) -> None:
    for group in BODY_AREAS:
        total = sum(len(anat.areas[group][s]) for s in SIDES)
        split = sum(len(i) for a in areas_in_group(group) for i in anat.fine_areas[a].values())
        assert split == total, group
