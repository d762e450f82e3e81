"""Load the committed scene from assets/ with numpy and pyvista only (no build inputs)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pyvista as pv

from tp_explorer.anatomy.format import ASSET_FILE, FORMAT_VERSION
from tp_explorer.anatomy.model import Anatomy
from tp_explorer.errors import AssetError
from tp_explorer.knowledge.vocabulary import BODY_AREAS, MESH_IDS, SIDES
from tp_explorer.resources import REBUILD_COMMAND, assets_dir

_REQUIRED = (
    "format_version", "bone_names", "bone_points", "bone_faces", "bone_npts", "bone_nfaces",
    "muscle_ids", "muscle_points", "belly_faces", "belly_layout", "muscle_paths",
    "muscle_superficial", "skin_points", "skin_faces", "skin_area", "skin_side", "area_names",
    "nerve_ids", "nerve_counts", "nerve_points",
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
            return {k: npz[k] for k in _REQUIRED}
    except AssetError:
        raise
    except (OSError, ValueError, zipfile.BadZipFile, EOFError, KeyError) as exc:
        raise _fail(path, f"asset file is corrupt ({exc})") from exc


def _mesh(points: np.ndarray, faces: np.ndarray) -> pv.PolyData:
    return pv.PolyData.from_regular_faces(points, faces)


def load_anatomy(assets_dir_: Path | str | None = None) -> Anatomy:
    """The lower-body scene; raises AssetError naming the file and the rebuild command."""
    folder = Path(assets_dir_) if assets_dir_ is not None else assets_dir()
    path = folder / ASSET_FILE
    a = _read(path)
    if int(a["format_version"]) != FORMAT_VERSION:
        raise _fail(path, f"asset format {int(a['format_version'])}, expected {FORMAT_VERSION}")
    if tuple(a["muscle_ids"]) != MESH_IDS or tuple(a["area_names"]) != BODY_AREAS:
        raise _fail(path, "asset file does not match the shared vocabulary")
    try:
        return _assemble(a)
    except (ValueError, IndexError, TypeError) as exc:
        raise _fail(path, f"asset file is corrupt ({exc})") from exc


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
    areas = {
        name: {s: np.nonzero((skin_area == k) & (skin_side == j))[0] for j, s in enumerate(SIDES)}
        for k, name in enumerate(BODY_AREAS)
    }
    nerves: dict[str, dict[str, np.ndarray]] = {}
    n0 = 0
    for nid, counts in zip(a["nerve_ids"], a["nerve_counts"], strict=True):
        nerves[str(nid)] = {}
        for j, s in enumerate(SIDES):
            nerves[str(nid)][s] = a["nerve_points"][n0 : n0 + counts[j]]
            n0 += int(counts[j])
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
    )
