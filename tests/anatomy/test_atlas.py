"""The BodyParts3D atlas, installed from ../shared/bodyparts3d: real muscles on both sides,
mirrored, body areas, trigger points inside their muscles, drawn structures marked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tp_explorer.knowledge.vocabulary import BODY_AREAS, MESH_IDS, SIDES

MIRROR = np.array([-1.0, 1.0, 1.0])
# Muscles smaller than 2 cm³ in life (each under 1-2 cm³ in the atlas): the forefoot's small
# muscles, the superficial perineal muscles, each half of the anal sphincter, pyramidalis and
# fibularis tertius. They must still be real solids.
SMALL = {
    "fibularis_tertius", "adductor_hallucis_transverse", "pyramidalis", "bulbospongiosus",
    "ischiocavernosus", "transverse_perineal", "external_anal_sphincter",
    *(f"lumbrical_{k}" for k in range(1, 5)),
    *(f"dorsal_interosseous_{k}" for k in range(1, 5)),
    *(f"plantar_interosseous_{k}" for k in range(1, 4)),
}  # fmt: skip
# The fewest triangles a muscle may have: the second lumbrical's source mesh has 266.
FEWEST_TRIANGLES = 250


@pytest.mark.parametrize("mesh_id", MESH_IDS)
def test_every_knowledge_muscle_is_a_closed_surface_of_sane_volume(
    atlas: Any, mesh_id: str
) -> None:
    for side in SIDES:
        mesh = atlas.muscles[mesh_id][side]
        assert mesh.n_cells >= FEWEST_TRIANGLES, f"{mesh_id} {side}: {mesh.n_cells} triangles"
        edges = mesh.extract_all_edges().n_cells
        assert mesh.n_open_edges <= 0.03 * edges, (
            f"{mesh_id} {side}: {mesh.n_open_edges} open edges"
        )
        volume_cm3 = mesh.volume * 1e6
        least = 0.2 if mesh_id in SMALL else 2.0
        assert least < volume_cm3 < 1500.0, f"{mesh_id} {side}: {volume_cm3:.1f} cm³"


@pytest.mark.parametrize("mesh_id", MESH_IDS)
def test_left_and_right_mirror_within_a_few_mm(atlas: Any, mesh_id: str) -> None:
    left = np.asarray(atlas.muscles[mesh_id]["left"].points)
    right = np.asarray(atlas.muscles[mesh_id]["right"].points) * MIRROR
    assert np.linalg.norm(left.mean(axis=0) - right.mean(axis=0)) < 0.006
    lo = np.abs(left.min(axis=0) - right.min(axis=0))
    hi = np.abs(left.max(axis=0) - right.max(axis=0))
    assert max(lo.max(), hi.max()) < 0.008, mesh_id


def test_muscles_lie_on_their_own_side_and_in_the_body(atlas: Any) -> None:
    lo, hi = np.asarray(atlas.skin.bounds).reshape(3, 2).T
    for mesh_id in MESH_IDS:
        for side in SIDES:
            c = np.asarray(atlas.muscles[mesh_id][side].center)
            if mesh_id != "levator_ani":  # the pelvic floor spans the midline
                assert (c[0] > 0) == (side == "left"), (mesh_id, side)
            assert np.all(c > lo - 0.01) and np.all(c < hi + 0.01), (mesh_id, side)


def test_body_areas_are_non_empty_and_mirrored(atlas: Any) -> None:
    pts = np.asarray(atlas.skin.points)
    for area in BODY_AREAS:
        left, right = atlas.areas[area]["left"], atlas.areas[area]["right"]
        assert len(left) and len(right), area
        cl, cr = pts[left].mean(axis=0), pts[right].mean(axis=0) * MIRROR
        assert np.linalg.norm(cl - cr) < 0.03, area


def test_areas_sit_where_their_names_say(atlas: Any) -> None:
    pts = np.asarray(atlas.skin.points)

    def centre(area: str) -> np.ndarray:
        return pts[atlas.areas[area]["left"]].mean(axis=0)

    assert centre("heel")[2] < centre("calf")[2] < centre("posterior_thigh")[2]
    assert centre("posterior_thigh")[2] < centre("buttock")[2] < centre("lumbar")[2]
    assert centre("shin")[1] < centre("calf")[1]  # anterior is -y
    assert centre("lower_abdomen")[2] < centre("upper_abdomen")[2]


def test_every_trigger_point_lies_on_or_in_its_muscle(atlas: Any, knowledge: Any) -> None:
    import pyvista as pv

    for muscle in knowledge.muscles.values():
        for tp in muscle.trigger_points:
            for side in SIDES:
                mesh = atlas.muscles[tp.mesh][side]
                p = atlas.trigger_point(tp.mesh, side, tp.along, getattr(tp, "aspect", None))
                # signed distance to the (outward-wound) surface: negative inside
                probe = pv.PolyData(p[None, :]).compute_implicit_distance(mesh)
                signed = float(probe["implicit_distance"][0])
                assert signed < 0.001, (muscle.id, tp.id, side, signed)


def test_install_places_every_shipped_trigger_point_as_the_window_would(
    atlas_data_dir: Path, knowledge: Any
) -> None:
    """The install stores each trigger point of regions.yaml on both sides; each equals what
    placing it at run time gives, so the stored table changes nothing but the time."""
    from tp_explorer.anatomy.atlas.cache import read_cache
    from tp_explorer.anatomy.atlas.load import TP_KEYS, assemble

    arrays = read_cache(atlas_data_dir / "atlas")
    stored = {
        (str(m), str(s), float(t), str(a) or None): p
        for m, s, t, a, p in zip(*(arrays[k] for k in TP_KEYS), strict=True)
    }
    wanted = {
        (tp.mesh, side, float(tp.along), tp.aspect)
        for muscle in knowledge.muscles.values()
        for tp in muscle.trigger_points
        for side in SIDES
    }
    assert set(stored) == wanted
    unplaced = assemble({k: v for k, v in arrays.items() if k not in TP_KEYS})
    for key, point in stored.items():
        assert np.allclose(unplaced.trigger_point(*key), point, atol=1e-9), key


def test_drawn_structures_are_marked(atlas: Any) -> None:
    for name in ("quadratus_lumborum", "multifidus", "plantar_fascia", "sciatic_nerve"):
        assert name in atlas.drawn
    assert "gluteus_maximus" not in atlas.drawn
    assert atlas.source == "atlas"


def test_drawn_muscles_sit_on_their_bones(atlas: Any) -> None:
    """QL between the iliac crest and the 12th rib, lateral to the spine; multifidus beside the
    spinous processes, behind the laminae."""
    for side, sg in (("left", 1.0), ("right", -1.0)):
        ql = np.asarray(atlas.muscles["quadratus_lumborum"][side].points)
        hip = np.asarray(atlas.bones[f"hip_bone_{side}"].points)
        rib = np.asarray(atlas.bones[f"twelfth_rib_{side}"].points)
        assert ql[:, 2].min() > hip[:, 2].max() - 0.03
        assert ql[:, 2].max() < rib[:, 2].max()
        assert np.all(sg * ql[:, 0] > 0.01)
        mf = np.asarray(atlas.muscles["multifidus"][side].points)
        assert np.all(sg * mf[:, 0] > 0) and np.abs(mf[:, 0]).max() < 0.05
        assert mf[:, 1].mean() > np.asarray(atlas.bones["third_lumbar_vertebra"].center)[1]


def test_sciatic_nerve_runs_below_piriformis_and_deep_to_biceps(atlas: Any) -> None:
    for side in SIDES:
        nerve = atlas.nerves["sciatic_nerve"][side]
        piri = np.asarray(atlas.muscles["piriformis"][side].points)
        assert nerve[:, 2].max() < piri[:, 2].mean()
        biceps = np.asarray(atlas.muscles["biceps_femoris"][side].points)
        mid_z = 0.5 * (biceps[:, 2].min() + biceps[:, 2].max())
        at = nerve[np.argmin(np.abs(nerve[:, 2] - mid_z))]
        slab = biceps[np.abs(biceps[:, 2] - at[2]) < 0.01]
        assert at[1] < slab[:, 1].mean()  # anterior (deep) to the hamstring


def test_budget_and_load(atlas: Any) -> None:
    assert atlas.triangles <= 250_000
