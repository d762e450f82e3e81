"""The atlas cache in the user's data directory: one npz of arrays and a small JSON status,
both written atomically (temporary file, then rename), so a failed build never leaves half a
cache and a previous one stays usable.

Runtime reading needs numpy and pyvista only.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pyvista as pv

from tp_explorer.anatomy.atlas.built import BuiltAtlas
from tp_explorer.errors import AssetError
from tp_explorer.knowledge.vocabulary import BODY_AREAS, MESH_IDS, SIDES

CACHE_FORMAT = 2  # 2: point normals stored, so start-up computes none
CACHE_FILE = "atlas.npz"
STATUS_FILE = "atlas.json"
ENV_DATA_DIR = "TP_EXPLORER_DATA_DIR"
Status = dict[str, Any]  # the status file's JSON object


def data_dir() -> Path:
    """Where the atlas lives: $TP_EXPLORER_DATA_DIR, else the platform's user data folder."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("tp_explorer", appauthor=False))


def atlas_dir(base: Path | None = None) -> Path:
    return (base or data_dir()) / "atlas"


def _pack(named: list[tuple[str, pv.PolyData]]) -> dict[str, np.ndarray]:
    names = np.array([n for n, _ in named])
    npts = np.array([m.n_points for _, m in named], dtype=np.int64)
    nfaces = np.array([m.n_cells for _, m in named], dtype=np.int64)
    points = np.vstack([np.asarray(m.points, dtype=np.float32) for _, m in named])
    faces = np.vstack([m.regular_faces.astype(np.int32) for _, m in named])
    normals = np.vstack([_normals(m) for _, m in named]).astype(np.float32)
    return {
        "names": names,
        "npts": npts,
        "nfaces": nfaces,
        "points": points,
        "faces": faces,
        "normals": normals,
    }


def _normals(mesh: pv.PolyData) -> np.ndarray:
    """Smooth point normals, computed at install so the window does not at each start."""
    n = mesh.compute_normals(
        cell_normals=False,
        split_vertices=False,
        consistent_normals=False,
        auto_orient_normals=False,
    )
    return np.asarray(n.point_data["Normals"])


def _with_normals(mesh: pv.PolyData, normals: np.ndarray) -> pv.PolyData:
    mesh.point_data["Normals"] = normals
    mesh.point_data.active_normals_name = "Normals"
    return mesh


def _unpack(a: dict[str, np.ndarray], prefix: str) -> dict[str, pv.PolyData]:
    out: dict[str, pv.PolyData] = {}
    p0 = f0 = 0
    pts, faces = a[f"{prefix}_points"].astype(np.float64), a[f"{prefix}_faces"]
    normals = a[f"{prefix}_normals"].astype(np.float64)
    if normals.shape != pts.shape:
        raise ValueError(f"{prefix}: normals do not match the points")
    for name, npt, nf in zip(
        a[f"{prefix}_names"], a[f"{prefix}_npts"], a[f"{prefix}_nfaces"], strict=True
    ):
        f = faces[f0 : f0 + nf]
        if len(f) and (f.min() < 0 or f.max() >= npt):
            raise ValueError(f"{prefix} {name}: a face points past its mesh")
        mesh = pv.PolyData.from_regular_faces(pts[p0 : p0 + npt], f)
        out[str(name)] = _with_normals(mesh, normals[p0 : p0 + npt])
        p0, f0 = p0 + int(npt), f0 + int(nf)
    if p0 != len(pts) or f0 != len(faces):
        raise ValueError(f"{prefix}: counts do not add up")
    return out


def arrays_of(built: BuiltAtlas) -> dict[str, np.ndarray]:
    """The build's result as flat arrays for np.savez."""
    out: dict[str, np.ndarray] = {"format": np.array(CACHE_FORMAT)}
    muscles = [(f"{m}|{s}", built.muscles[m][s]) for m in MESH_IDS for s in SIDES]
    for prefix, named in (
        ("muscle", muscles),
        ("bone", sorted(built.bones.items())),
        ("context", sorted(built.context.items())),
    ):
        for k, v in _pack(named).items():
            out[f"{prefix}_{k}"] = v
    out["muscle_t"] = np.concatenate(
        [built.fractions[(m, s)] for m in MESH_IDS for s in SIDES]
    ).astype(np.float32)
    names = sorted(built.context)
    out["context_kind"] = np.array([built.context_kind[n] for n in names])
    out["context_label"] = np.array([built.context_name[n] for n in names])
    out["paths"] = built.paths.astype(np.float64)
    out["superficial"] = built.superficial.astype(np.float64)
    skin = built.skin
    out["skin_points"] = np.asarray(skin.points, dtype=np.float32)
    out["skin_normals"] = _normals(skin).astype(np.float32)
    out["skin_faces"] = skin.regular_faces.astype(np.int32)
    out["skin_area"] = built.skin_labels.area
    out["skin_side"] = built.skin_labels.side
    out["area_names"] = np.array(BODY_AREAS)
    out["muscle_ids"] = np.array(MESH_IDS)
    nerve_ids = sorted(built.nerves)
    out["nerve_ids"] = np.array(nerve_ids)
    out["nerve_counts"] = np.array(
        [[len(built.nerves[n][s]) for s in SIDES] for n in nerve_ids], dtype=np.int64
    )
    out["nerve_points"] = np.vstack([built.nerves[n][s] for n in nerve_ids for s in SIDES])
    out["drawn"] = np.array(built.drawn)
    return out


def _atomic(path: Path, write: Callable[[BinaryIO], object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_cache(folder: Path, arrays: dict[str, np.ndarray], status: Status) -> None:
    """Write the cache, then its status (the status names a complete cache only)."""
    _atomic(folder / CACHE_FILE, lambda fh: np.savez(fh, allow_pickle=False, **arrays))
    status = {**status, "bytes": (folder / CACHE_FILE).stat().st_size}
    _atomic(folder / STATUS_FILE, lambda fh: fh.write(json.dumps(status, indent=2).encode()))


def read_status(folder: Path) -> Status | None:
    """The status of an installed cache, or None when there is none (or it is unreadable)."""
    try:
        status = json.loads((folder / STATUS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(status, dict) or not (folder / CACHE_FILE).is_file():
        return None
    return status


def read_cache(folder: Path) -> dict[str, np.ndarray]:
    """The cache's arrays; AssetError names the file when it is missing or corrupt."""
    path = folder / CACHE_FILE
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
    except FileNotFoundError as exc:
        raise AssetError(f"{path}: the atlas is not installed (tp-explorer atlas install)") from exc
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        raise AssetError(
            f"{path}: the atlas cache is corrupt ({exc}); reinstall it with "
            "'tp-explorer atlas install'"
        ) from exc
    if int(arrays.get("format", -1)) != CACHE_FORMAT:
        raise AssetError(
            f"{path}: atlas cache format differs; reinstall with 'tp-explorer atlas install'"
        )
    return arrays


def meshes(arrays: dict[str, np.ndarray], prefix: str) -> dict[str, pv.PolyData]:
    return _unpack(arrays, prefix)
