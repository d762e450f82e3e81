"""The installed atlas cache as the program's Anatomy value (numpy and pyvista only)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from tp_explorer.anatomy.arrays import areas_from_codes, polylines
from tp_explorer.anatomy.atlas.cache import CACHE_FILE, atlas_dir, meshes, read_cache
from tp_explorer.anatomy.atlas.landmarks import Skeleton
from tp_explorer.anatomy.derive.areas import SkinLabels
from tp_explorer.anatomy.derive.fine_map import fine_areas_from_codes, label_fine
from tp_explorer.anatomy.derive.trigger_points import PointKey
from tp_explorer.anatomy.model import Anatomy
from tp_explorer.errors import AssetError
from tp_explorer.knowledge.vocabulary import BODY_AREAS, MESH_IDS, SIDES

if TYPE_CHECKING:
    import pyvista as pv


def load_atlas(folder: Path | None = None) -> Anatomy:
    """The atlas anatomy; AssetError names the cache file when it is missing or corrupt."""
    folder = folder or atlas_dir()
    a = read_cache(folder)
    path = folder / CACHE_FILE
    try:
        if tuple(a["muscle_ids"]) != MESH_IDS or tuple(a["area_names"]) != BODY_AREAS:
            raise AssetError(
                f"{path}: the atlas cache was built for another vocabulary; "
                "reinstall it with 'tp-explorer atlas install'"
            )
        return assemble(a)
    except (KeyError, ValueError, IndexError, TypeError) as exc:
        raise AssetError(
            f"{path}: the atlas cache is corrupt ({exc}); reinstall it with "
            "'tp-explorer atlas install'"
        ) from exc


def assemble(a: dict[str, np.ndarray]) -> Anatomy:
    """The Anatomy value from the cache's arrays (with its stored trigger points, if any)."""
    flat = meshes(a, "muscle")
    muscles = {m: {s: flat[f"{m}|{s}"] for s in SIDES} for m in MESH_IDS}
    t_all = a["muscle_t"].astype(np.float64)
    muscle_t: dict[str, dict[str, np.ndarray]] = {m: {} for m in MESH_IDS}
    start = 0
    for m in MESH_IDS:
        for s in SIDES:
            n = muscles[m][s].n_points
            muscle_t[m][s] = t_all[start : start + n]
            start += n
    if start != len(t_all):
        raise ValueError("muscle_t does not match the muscle points")
    paths = {m: {s: a["paths"][i, j] for j, s in enumerate(SIDES)} for i, m in enumerate(MESH_IDS)}
    sup = {
        m: {s: a["superficial"][i, j] for j, s in enumerate(SIDES)} for i, m in enumerate(MESH_IDS)
    }
    import pyvista as pv

    skin = pv.PolyData.from_regular_faces(a["skin_points"].astype(np.float64), a["skin_faces"])
    skin.point_data["Normals"] = a["skin_normals"].astype(np.float64)
    skin.point_data.active_normals_name = "Normals"
    skin_area, skin_side = a["skin_area"], a["skin_side"]
    if len(skin_area) != skin.n_points or len(skin_side) != skin.n_points:
        raise ValueError("skin areas do not match the skin points")
    areas = areas_from_codes(skin_area, skin_side)
    bones = meshes(a, "bone")
    fine = _fine_map(skin, a["skin_faces"], SkinLabels(skin_area, skin_side), bones)
    nerves = polylines(a["nerve_ids"], a["nerve_counts"], a["nerve_points"])
    context = meshes(a, "context")
    names = list(a["context_names"])
    anatomy = Anatomy(
        bones=bones,
        muscles=muscles,
        muscle_paths=paths,
        skin=skin,
        areas=areas,
        nerves=nerves,
        stations=int(a["paths"].shape[2]),
        ring=0,
        superficial=sup,
        skin_area=skin_area,
        skin_side=skin_side,
        area_names=BODY_AREAS,
        fine_areas=fine_areas_from_codes(fine, skin_side),
        skin_fine=fine,
        muscle_t=muscle_t,
        context=context,
        context_kind={str(n): str(k) for n, k in zip(names, a["context_kind"], strict=True)},
        context_label={str(n): str(k) for n, k in zip(names, a["context_label"], strict=True)},
        source="atlas",
        drawn=tuple(str(x) for x in a["drawn"]),
    )
    if "tp_points" in a:  # caches built before the table existed place them at run time
        anatomy.remember_trigger_points(_trigger_point_rows(a))
    return anatomy


def _fine_map(
    skin: pv.PolyData, faces: np.ndarray, coarse: SkinLabels, bones: dict[str, pv.PolyData]
) -> np.ndarray:
    """The fine skin map, drawn at load from the cached skin and bones (about 30 ms): the cache
    keeps the bones the landmarks come from, so a change of the fine rules needs no
    reinstall."""
    sk = Skeleton({k: np.asarray(m.points, dtype=np.float64) for k, m in bones.items()})
    sides = {side: sk.side_landmarks(side) for side in SIDES}
    points = np.asarray(skin.points, dtype=np.float64)
    normals = np.asarray(skin.point_data["Normals"], dtype=np.float64)
    return label_fine(points, normals, faces, coarse, sides, sk.trunk_landmarks())


TP_KEYS = ("tp_mesh", "tp_side", "tp_along", "tp_aspect", "tp_points")


def trigger_point_table(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Every trigger point of the shipped knowledge, both sides, placed on this atlas.

    Placing one ray-casts into its muscle (~2 ms); the install does it once for all of them,
    so a selection (and a start-up that restores one) finds them ready. A user's own regions
    file may name others: those are placed when first shown.
    """
    from tp_explorer.knowledge import load_knowledge

    anatomy = assemble(arrays)
    keys = sorted(
        {
            (tp.mesh, side, float(np.clip(tp.along, 0.0, 1.0)), tp.aspect)
            for muscle in load_knowledge().muscles.values()
            for tp in muscle.trigger_points
            for side in SIDES
        },
        key=repr,
    )
    points = [anatomy.trigger_point(*key) for key in keys]
    return {
        "tp_mesh": np.array([k[0] for k in keys]),
        "tp_side": np.array([k[1] for k in keys]),
        "tp_along": np.array([k[2] for k in keys], dtype=np.float64),
        "tp_aspect": np.array([k[3] or "" for k in keys]),
        "tp_points": np.array(points, dtype=np.float64).reshape(-1, 3),
    }


def _trigger_point_rows(a: dict[str, np.ndarray]) -> list[tuple[PointKey, np.ndarray]]:
    rows = zip(
        a["tp_mesh"], a["tp_side"], a["tp_along"], a["tp_aspect"], a["tp_points"], strict=True
    )
    return [
        ((str(m), str(s), float(t), str(asp) or None), np.asarray(p, dtype=np.float64))
        for m, s, t, asp, p in rows
    ]
