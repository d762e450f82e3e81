"""The landmarks the fine skin map adds (metatarsal heads, heel back-centre, ischial
tuberosities, sacral apex, L3 and L1/T12 heights) on both skeletons, the built-in body's stored
landmark table, and the fine-area names (knowledge.skin_areas) the referral charts use."""

from __future__ import annotations

import numpy as np
import pytest

from tp_explorer.anatomy import Anatomy
from tp_explorer.anatomy.atlas.landmarks import Skeleton
from tp_explorer.anatomy.derive.landmark_table import from_table, to_table
from tp_explorer.anatomy.derive.landmarks import SideLandmarks, TrunkLandmarks
from tp_explorer.anatomy.format import ASSET_FILE
from tp_explorer.knowledge import skin_areas
from tp_explorer.knowledge.skin_areas import FINE_AREA_IDS, resolve
from tp_explorer.knowledge.vocabulary import BODY_AREAS, SIDES
from tp_explorer.resources import assets_dir

Landmarks = tuple[dict[str, SideLandmarks], TrunkLandmarks]


def _builtin_landmarks() -> Landmarks:
    with np.load(assets_dir() / ASSET_FILE) as npz:
        return from_table(npz["landmark_names"], npz["landmark_values"], SIDES)


def _atlas_landmarks(atlas: Anatomy) -> Landmarks:
    sk = Skeleton({k: np.asarray(m.points, dtype=np.float64) for k, m in atlas.bones.items()})
    return {s: sk.side_landmarks(s) for s in SIDES}, sk.trunk_landmarks()


@pytest.fixture(params=("builtin", "atlas"))
def landmarks(request: pytest.FixtureRequest) -> Landmarks:
    if request.param == "builtin":
        return _builtin_landmarks()
    return _atlas_landmarks(request.getfixturevalue("atlas"))


def test_the_landmark_table_round_trips() -> None:
    sides, trunk = _builtin_landmarks()
    names, values = to_table(sides, trunk)
    again_sides, again_trunk = from_table(names, values, SIDES)
    assert again_trunk == trunk
    for side in SIDES:
        for field in ("hip", "metatarsal_heads", "heel_back"):
            assert np.array_equal(getattr(again_sides[side], field), getattr(sides[side], field))
        assert again_sides[side].crest_z == sides[side].crest_z


def test_a_table_missing_a_number_is_refused() -> None:
    names, values = to_table(*_builtin_landmarks())
    keep = names != "trunk.l3_z"
    with pytest.raises(KeyError, match=r"trunk\.l3_z"):
        from_table(names[keep], values[keep], SIDES)
    with pytest.raises(ValueError, match="NaN"):
        from_table(names, np.where(keep, values, np.nan), SIDES)


def test_metatarsal_heads_run_medial_to_lateral_in_front_of_the_heel(
    landmarks: Landmarks,
) -> None:
    sides, _ = landmarks
    for side, lm in sides.items():
        heads = lm.metatarsal_heads
        lateral = heads[:, 0] * (1 if side == "left" else -1)
        assert (np.diff(lateral) > 0.005).all(), side  # first (big toe) to fifth
        assert (heads[:, 1] < lm.heel_back[1] - 0.1).all(), side  # toes point to -y
        assert heads[0, 1] < heads[4, 1], side  # the first head lies ahead of the fifth
        assert abs(lm.heel_back[0] - lm.ankle[0]) < 0.02, side  # the heel is under the ankle


def test_trunk_landmarks_are_in_anatomical_order(landmarks: Landmarks) -> None:
    sides, trunk = landmarks
    left = sides["left"]
    # the coccyx tip (sacral apex less the coccyx) lies near the top of the pubic symphysis
    assert abs(trunk.sacral_apex_z - 0.03 - left.pubis_z) < 0.03
    assert left.ischial_z < trunk.sacral_apex_z < left.crest_z
    assert left.crest_z < trunk.l3_z + 0.05 < trunk.l1_top_z + 0.05
    assert trunk.l1_top_z - trunk.l3_z > 0.05  # two vertebrae and a half apart
    assert trunk.ischial_y > left.hip[1]  # the tuberosities lie behind the hip joints


def test_reference_names_resolve_to_fine_areas() -> None:
    assert resolve("heel_plantar") == ("heel_plantar",)
    assert resolve("inguinal") == ("groin",)  # alias
    assert resolve("back_thoracic") == ("back_thoracolumbar",)  # merged into it
    assert resolve("chest_lower_anterior") == ("abdomen_upper",)
    assert resolve("hip_posterior") == ("buttock_lateral",)  # a place within an area
    assert resolve("knee_popliteal") == ("knee_popliteal_medial", "knee_popliteal_lateral")
    assert resolve("heel") == skin_areas.areas_in_group("heel")  # a coarse area
    assert resolve("perineum") == ("perineum",)  # the fine area wins over the coarse one
    assert resolve("leg_*_lateral") == (
        "leg_proximal_lateral",
        "leg_mid_lateral",
        "leg_distal_lateral",
    )
    assert resolve("lumbar_*_para") == ("lumbar_lower_para", "lumbar_upper_para")
    assert len(resolve("thigh_*_posterior")) == 6
    with pytest.raises(KeyError, match="no_such_place"):
        resolve("no_such_place")
    with pytest.raises(KeyError):
        resolve("knee_*_lateral")


def test_every_name_the_vocabulary_offers_resolves() -> None:
    names = {
        *FINE_AREA_IDS,
        *skin_areas.ALIASES,
        *skin_areas.WITHIN,
        *skin_areas.SETS,
        *BODY_AREAS,
    }
    for name in names:
        assert resolve(name), name
        assert set(resolve(name)) <= set(FINE_AREA_IDS), name


def test_fine_areas_tile_each_coarse_area_once() -> None:
    assert len(set(FINE_AREA_IDS)) == len(FINE_AREA_IDS) == 81
    assert sum(a.sided for a in skin_areas.FINE_AREAS) == 73
    for group in BODY_AREAS:
        assert skin_areas.areas_in_group(group), group
    assert [skin_areas.group_of(a) for a in FINE_AREA_IDS].count("perineum") == 3
    with pytest.raises(KeyError):
        skin_areas.group_of("no_such_area")
    with pytest.raises(KeyError):
        skin_areas.areas_in_group("no_such_group")
