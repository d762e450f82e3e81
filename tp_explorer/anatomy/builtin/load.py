"""The built-in schematic body from the committed assets/anatomy.npz (numpy and pyvista only:
nothing of the build step). AssetError names the file and the rebuild command."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pyvista as pv

from tp_explorer import resources
from tp_explorer.anatomy.arrays import areas_from_codes, polylines
from tp_explorer.anatomy.derive.areas import SkinLabels
from tp_explorer.anatomy.derive.fine_map import fine_areas_from_codes, label_fine
from tp_explorer.anatomy.derive.landmark_table import from_table
from tp_explorer.anatomy.format import ASSET_FILE, FORMAT_VERSION
from tp_explorer.anatomy.model import Anatomy
from tp_explorer.errors import AssetError
from tp_explorer.knowledge.vocabulary import BODY_AREAS, MESH_IDS, SIDES
from tp_explorer.resources import REBUILD_COMMAND

_REQUIRED = (
    "format_version", "bone_names", "bone_points", "bone_faces", "bone_npts", "bone_nfaces",
    "muscle_ids", "muscle_points", "belly_faces", "belly_layout", "muscle_paths",
    "muscle_superficial", "skin_points", "skin_faces", "skin_area", "skin_side", "area_names",
    "skin_normals", "landmark_names", "landmark_values", "nerve_ids", "nerve_counts",
    "nerve_points",
)  # fmt: skip


def _fail(path: Path, what: str) -> AssetError:
    return AssetError(f"{path}: {what}. Rebuild the assets with: {REBUILD_COMMAND}")


def _read(path: Path) -> dict[str, np.ndarray]:
    if not path.is_file():
        raise _fail(path, "asset file is missing")
    try:
        with np.load(path, allow_pickle=False) as npz:
            missing = [k for k in _REQUIRED if k not in npz.files]
            if missing:
                raise _fail(path, f"asset file lacks {', '.join(missing)}")
            arrays = {k: npz[k] for k in _REQUIRED}
    except AssetError:
        raise
    except (OSError, ValueError, zipfile.BadZipFile, EOFError, KeyError) as exc:
        raise _fail(path, f"asset file is corrupt ({exc})") from exc
    if bad := [k for k, v in arrays.items() if not isinstance(v, np.ndarray)]:
        raise _fail(path, f"asset file is corrupt ({', '.join(bad)} not a numpy array)")
    return arrays


def _mesh(points: np.ndarray, faces: np.ndarray) -> pv.PolyData:
    mesh: pv.PolyData = pv.PolyData.from_regular_faces(points, faces)
    return mesh


def load_builtin(assets_dir: Path | str | None = None) -> Anatomy:
    """The committed schematic scene; raises AssetError naming the file and the rebuild
    command."""
    folder = Path(assets_dir) if assets_dir is not None else resources.assets_dir()
    path = folder / ASSET_FILE
    a = _read(path)
    try:
        if int(a["format_version"]) != FORMAT_VERSION:
            got = int(a["format_version"])
            raise _fail(path, f"asset format {got}, expected {FORMAT_VERSION}")
        if tuple(a["muscle_ids"]) != MESH_IDS or tuple(a["area_names"]) != BODY_AREAS:
            raise _fail(path, "asset file does not match the shared vocabulary")
        if problem := _check(a):
            raise _fail(path, f"asset file is corrupt ({problem})")
        return _assemble(a)
    except (ValueError, IndexError, TypeError) as exc:
        raise _fail(path, f"asset file is corrupt ({exc})") from exc


_POINTS = ("bone_points", "skin_points", "nerve_points")
_FACES = ("bone_faces", "belly_faces", "skin_faces")
_FLOATS = (*_POINTS, "muscle_points", "muscle_paths", "muscle_superficial", "skin_normals")


def _check(a: dict[str, np.ndarray]) -> str | None:
    """What np.load cannot see: shapes, counts, NaNs and face indices that would crash VTK."""
    for key in _FLOATS:
        if a[key].dtype.kind != "f" or a[key].ndim < 2 or a[key].shape[-1] != 3:
            return f"{key} is not an array of 3D points"
        if not np.isfinite(a[key]).all():
            return f"{key} holds NaN or infinite coordinates"
    for key in _FACES:
        if a[key].dtype.kind not in "iu" or a[key].ndim != 2 or a[key].shape[1] != 3:
            return f"{key} is not an array of triangles"
        if a[key].size and a[key].min() < 0:
            return f"{key} holds a negative point index"
    n_mesh = (len(MESH_IDS), len(SIDES))
    if a["muscle_points"].ndim != 4 or a["muscle_points"].shape[:2] != n_mesh:
        return "muscle_points does not hold one belly per muscle mesh and side"
    if a["muscle_paths"].shape[:2] != n_mesh or a["muscle_superficial"].shape[:2] != n_mesh:
        return "muscle_paths does not hold one path per muscle mesh and side"
    stations, ring = (int(v) for v in a["belly_layout"])
    if stations < 2 or ring < 3 or stations * ring + 2 != a["muscle_points"].shape[2]:
        return "belly_layout does not match the belly points (stations x ring + 2 caps)"
    if a["belly_faces"].size and a["belly_faces"].max() >= a["muscle_points"].shape[2]:
        return "belly_faces points past the belly's points"
    npts, nfaces = a["bone_npts"], a["bone_nfaces"]
    if npts.shape != a["bone_names"].shape or nfaces.shape != a["bone_names"].shape:
        return "bone counts do not match bone_names"
    if int(npts.sum()) != len(a["bone_points"]) or int(nfaces.sum()) != len(a["bone_faces"]):
        return "bone counts do not add up to the bone arrays"
    if (npts < 0).any() or (nfaces < 0).any():
        return "bone counts are negative"
    face_limit = np.repeat(npts, nfaces)
    if len(a["bone_faces"]) and (a["bone_faces"].max(axis=1) >= face_limit).any():
        return "bone_faces points past its bone's points"
    n_skin = len(a["skin_points"])
    if a["skin_faces"].size and a["skin_faces"].max() >= n_skin:
        return "skin_faces points past skin_points"
    if a["skin_area"].shape != (n_skin,) or a["skin_side"].shape != (n_skin,):
        return "skin_area or skin_side does not have one entry per skin point"
    if a["skin_normals"].shape != (n_skin, 3):
        return "skin_normals does not have one normal per skin point"
    try:
        from_table(a["landmark_names"], a["landmark_values"].astype(np.float64), SIDES)
    except (KeyError, ValueError) as exc:
        return f"the landmark table is unusable ({exc})"
    if n_skin and (a["skin_area"].max() >= len(BODY_AREAS) or a["skin_area"].min() < -1):
        return "skin_area names an unknown body area"
    if n_skin and not np.isin(a["skin_side"], (0, 1)).all():
        return "skin_side is neither 0 (left) nor 1 (right)"
    counts = a["nerve_counts"]
    if counts.shape != (len(a["nerve_ids"]), len(SIDES)) or (counts < 0).any():
        return "nerve_counts does not hold two counts per nerve"
    if int(counts.sum()) != len(a["nerve_points"]):
        return "nerve_counts does not add up to nerve_points"
    return None


def _assemble(a: dict[str, np.ndarray]) -> Anatomy:
    bones: dict[str, pv.PolyData] = {}
    p0 = f0 = 0
    for name, npt, nf in zip(a["bone_names"], a["bone_npts"], a["bone_nfaces"], strict=True):
        bones[str(name)] = _mesh(a["bone_points"][p0 : p0 + npt], a["bone_faces"][f0 : f0 + nf])
        p0 += int(npt)
        f0 += int(nf)
    stations, ring = (int(v) for v in a["belly_layout"])
    faces = a["belly_faces"]
    muscles: dict[str, dict[str, pv.PolyData]] = {}
    paths: dict[str, dict[str, np.ndarray]] = {}
    sup: dict[str, dict[str, np.ndarray]] = {}
    for i, mesh_id in enumerate(MESH_IDS):
        muscles[mesh_id] = {s: _mesh(a["muscle_points"][i, j], faces) for j, s in enumerate(SIDES)}
        paths[mesh_id] = {s: a["muscle_paths"][i, j] for j, s in enumerate(SIDES)}
        sup[mesh_id] = {s: a["muscle_superficial"][i, j] for j, s in enumerate(SIDES)}
    skin_area, skin_side = a["skin_area"], a["skin_side"]
    areas = areas_from_codes(skin_area, skin_side)
    sides, trunk = from_table(a["landmark_names"], a["landmark_values"].astype(np.float64), SIDES)
    fine = label_fine(
        a["skin_points"].astype(np.float64),
        a["skin_normals"].astype(np.float64),
        a["skin_faces"],
        SkinLabels(skin_area, skin_side),
        sides,
        trunk,
    )
    nerves = polylines(a["nerve_ids"], a["nerve_counts"], a["nerve_points"])
    return Anatomy(
        bones=bones,
        muscles=muscles,
        muscle_paths=paths,
        skin=_mesh(a["skin_points"], a["skin_faces"]),
        areas=areas,
        nerves=nerves,
        stations=stations,
        ring=ring,
        superficial=sup,
        skin_area=skin_area,
        skin_side=skin_side,
        area_names=BODY_AREAS,
        fine_areas=fine_areas_from_codes(fine, skin_side),
        skin_fine=fine,
    )
