"""Muscle bellies: closed, sane sizes, in place, mirrored, and outside bone."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from tp_explorer.knowledge.vocabulary import MESH_IDS, SIDES

# Muscles whose origin end is inferior (back muscles, the abdominal wall) or that run across
# (the short rotators, the foot, the perineum) rather than from above.
INFERIOR_FIRST = {
    "quadratus_lumborum", "multifidus", "iliocostalis", "longissimus", "rotatores",
    "rectus_abdominis", "pyramidalis", "internal_oblique", "transversus_abdominis",
}  # fmt: skip
FOOT = {
    "abductor_hallucis", "flexor_digitorum_brevis", "quadratus_plantae", "plantar_fascia",
    "extensor_digitorum_brevis", "extensor_hallucis_brevis", "abductor_digiti_minimi",
    "flexor_hallucis_brevis_medial", "flexor_hallucis_brevis_lateral",
    "adductor_hallucis_oblique", "flexor_digiti_minimi_brevis",
    *(f"lumbrical_{k}" for k in range(1, 5)),
    *(f"dorsal_interosseous_{k}" for k in range(1, 5)),
    *(f"plantar_interosseous_{k}" for k in range(1, 4)),
}  # fmt: skip
# origin on the pelvis's inner (medial) side, insertion further out
MEDIAL_FIRST = {"gemellus_superior", "gemellus_inferior", "quadratus_femoris", "obturator_externus"}
# origin behind (the sitting bone, the anococcygeal raphe, the perineal body), running forward
BACK_FIRST = {"ischiocavernosus", "bulbospongiosus", "external_anal_sphincter"}
# origin further out, running in to the midline or the big toe
LATERAL_FIRST = {"transverse_perineal", "adductor_hallucis_transverse"}
NOT_VERTICAL = {
    "obturator_internus", "levator_ani", "piriformis",
    *FOOT, *MEDIAL_FIRST, *BACK_FIRST, *LATERAL_FIRST,
}  # fmt: skip
# Muscles smaller than 3 cm³ in life: the forefoot's small muscles, the perineal muscles, each
# half of the anal sphincter, pyramidalis, fibularis tertius and the lumbar rotatores.
SMALL = {
    "fibularis_tertius", "flexor_hallucis_brevis_medial", "adductor_hallucis_transverse",
    "flexor_digiti_minimi_brevis", "pyramidalis", "bulbospongiosus", "ischiocavernosus",
    "transverse_perineal", "external_anal_sphincter", "rotatores",
    *(f"lumbrical_{k}" for k in range(1, 5)),
    *(f"dorsal_interosseous_{k}" for k in range(1, 5)),
    *(f"plantar_interosseous_{k}" for k in range(1, 4)),
}  # fmt: skip


def _closed_bones(anatomy) -> pv.PolyData:
    """All bones but the (open, context-only) thorax, normals oriented outward.

    The model's tibiae and toes have small holes, so the inside/outside sign of a distance
    needs consistently oriented normals rather than the raw triangle winding.
    """
    merged = pv.merge([m for k, m in anatomy.bones.items() if k != "thorax"]).clean()
    return merged.compute_normals(auto_orient_normals=True, consistent_normals=True)


@pytest.mark.parametrize("mesh_id", MESH_IDS)
def test_belly_is_closed_with_a_sane_volume(anatomy, mesh_id: str) -> None:
    for side in SIDES:
        mesh = anatomy.muscles[mesh_id][side]
        assert mesh.n_open_edges == 0, (mesh_id, side)
        volume_cm3 = mesh.volume * 1e6
        least = 0.3 if mesh_id in SMALL else 3.0
        assert least < volume_cm3 < 1500.0, (mesh_id, side, volume_cm3)


def _signed_volume(mesh: pv.PolyData) -> float:
    faces = mesh.triangulate().regular_faces
    p = np.asarray(mesh.points, dtype=float)
    return float(
        np.einsum("ij,ij->i", p[faces[:, 0]], np.cross(p[faces[:, 1]], p[faces[:, 2]])).sum() / 6
    )


@pytest.mark.parametrize("mesh_id", MESH_IDS)
def test_belly_triangles_face_outward(anatomy, mesh_id: str) -> None:
    """The scene culls muscles' back faces: an inside-out belly (a mirrored side whose winding
    was not flipped back, say) would be drawn as its own far wall, lit from inside."""
    for side in SIDES:
        volume = _signed_volume(anatomy.muscles[mesh_id][side])
        assert volume > 0, (mesh_id, side, volume)


def test_big_muscles_are_bigger_than_small_ones(anatomy) -> None:
    def vol(m: str) -> float:
        return anatomy.muscles[m]["right"].volume

    assert vol("gluteus_maximus") > vol("gluteus_minimus") > vol("quadratus_plantae")
    assert vol("soleus") > vol("tibialis_anterior") > vol("extensor_hallucis_longus")
    assert vol("vastus_lateralis") > vol("sartorius")


@pytest.mark.parametrize("mesh_id", MESH_IDS)
def test_left_is_the_mirror_of_right(anatomy, mesh_id: str) -> None:
    left = np.asarray(anatomy.muscles[mesh_id]["left"].points)
    right = np.asarray(anatomy.muscles[mesh_id]["right"].points)
    assert left[:, 0].mean() > 0 > right[:, 0].mean()  # subject's left is +x
    mirrored = left.mean(axis=0) * [-1, 1, 1]
    assert np.linalg.norm(mirrored - right.mean(axis=0)) < 0.006


@pytest.mark.parametrize("mesh_id", sorted(set(MESH_IDS) - NOT_VERTICAL))
def test_paths_run_from_the_proximal_end(anatomy, mesh_id: str) -> None:
    path = anatomy.muscle_paths[mesh_id]["right"]
    if mesh_id in INFERIOR_FIRST:
        assert path[0, 2] < path[-1, 2]
    else:
        assert path[0, 2] > path[-1, 2]


def test_foot_muscles_run_from_heel_to_toes(anatomy) -> None:
    for mesh_id in ("abductor_hallucis", "flexor_digitorum_brevis", "plantar_fascia"):
        path = anatomy.muscle_paths[mesh_id]["right"]
        assert path[0, 1] > path[-1, 1]  # posterior (+y) to anterior
        assert path[:, 2].max() < 0.08  # in the sole


@pytest.mark.parametrize("mesh_id", sorted(FOOT | MEDIAL_FIRST | BACK_FIRST | LATERAL_FIRST))
def test_crosswise_muscles_run_from_their_origin(anatomy, mesh_id: str) -> None:
    """Trigger points count ``along`` from the origin: the foot's muscles from the heel end,
    the short rotators from the pelvis outwards, the perineal muscles from behind or from the
    sitting bone inwards."""
    for side, lateral in (("left", 1.0), ("right", -1.0)):
        path = anatomy.muscle_paths[mesh_id][side]
        if mesh_id in MEDIAL_FIRST:
            assert lateral * path[0, 0] < lateral * path[-1, 0], (mesh_id, side)
        elif mesh_id in LATERAL_FIRST:
            assert lateral * path[0, 0] > lateral * path[-1, 0], (mesh_id, side)
        else:
            assert path[0, 1] > path[-1, 1], (mesh_id, side)  # posterior (+y) first


def test_muscles_sit_in_their_regions(anatomy) -> None:
    def centre(m: str) -> np.ndarray:
        return np.asarray(anatomy.muscles[m]["right"].points).mean(axis=0)

    knee_z = anatomy.bones["patella_right"].center[2]
    tibia = anatomy.bones["tibia_right"].center
    assert centre("soleus")[2] < knee_z < centre("rectus_femoris")[2]
    assert centre("gluteus_maximus")[1] > centre("iliacus")[1]  # buttock behind the pelvis
    assert centre("tibialis_anterior")[1] < tibia[1] < centre("soleus")[1]
    assert centre("fibularis_longus")[0] < tibia[0]  # lateral is -x on the right
    assert centre("multifidus")[1] > anatomy.bones["lumbar_3"].center[1]


def test_bellies_lie_outside_bone(anatomy) -> None:
    bones = _closed_bones(anatomy)
    for mesh_id in MESH_IDS:
        for side in SIDES:
            pts = pv.PolyData(np.asarray(anatomy.muscles[mesh_id][side].points))
            depth = pts.compute_implicit_distance(bones)["implicit_distance"]
            assert depth.min() > -0.002, (mesh_id, side, depth.min())


def test_no_bone_passes_through_a_belly(anatomy) -> None:
    bones = _closed_bones(anatomy)
    samples = np.vstack([bones.points, bones.cell_centers().points])
    for mesh_id in MESH_IDS:
        for side in SIDES:
            belly = anatomy.muscles[mesh_id][side]
            lo, hi = np.array(belly.bounds[0::2]), np.array(belly.bounds[1::2])
            near = samples[np.all((samples > lo) & (samples < hi), axis=1)]
            if not len(near):
                continue
            inside = pv.PolyData(near).select_interior_points(
                belly, method="cell_locator", check_surface=False, locator_tolerance=1e-6
            )
            hits = near[inside["selected_points"].astype(bool)]
            if not len(hits):
                continue
            depth = np.abs(pv.PolyData(hits).compute_implicit_distance(belly)["implicit_distance"])
            assert depth.max() < 0.006, (mesh_id, side, depth.max())
