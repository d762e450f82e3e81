"""The installed atlas cache as the program's Anatomy value (numpy and pyvista only)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tp_explorer.anatomy.arrays import areas_from_codes, polylines
from tp_explorer.anatomy.atlas.cache import atlas_dir, meshes, read_cache
from tp_explorer.anatomy.model import Anatomy
from tp_explorer.errors import AssetError
from tp_explorer.knowledge.vocabulary import BODY_AREAS, MESH_IDS, SIDES


def load_atlas(folder: Path | None = None) -> Anatomy:
    """The atlas anatomy; AssetError names the cache file when it is missing or corrupt."""
    folder = folder or atlas_dir()
    a = read_cache(folder)
    path = folder / "atlas.npz"
    try:
        if tuple(a["muscle_ids"]) != MESH_IDS or tuple(a["area_names"]) != BODY_AREAS:
            raise AssetError(
                f"{path}: the atlas cache was built for another vocabulary; "
                "reinstall it with 'tp-explorer atlas install'"
            )
        return _assemble(a)
    except (KeyError, ValueError, IndexError, TypeError) as exc:
        raise AssetError(
            f"{path}: the atlas cache is corrupt ({exc}); reinstall it with "
            "'tp-explorer atlas install'"
        ) from exc


def _assemble(a: dict[str, np.ndarray]) -> Anatomy:
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
    nerves = polylines(a["nerve_ids"], a["nerve_counts"], a["nerve_points"])
    context = meshes(a, "context")
    names = list(a["context_names"])
    return Anatomy(
        bones=meshes(a, "bone"),
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
        muscle_t=muscle_t,
        context=context,
        context_kind={str(n): str(k) for n, k in zip(names, a["context_kind"], strict=True)},
        context_label={str(n): str(k) for n, k in zip(names, a["context_label"], strict=True)},
        source="atlas",
        drawn=tuple(str(x) for x in a["drawn"]),
    )
