"""Write the scene into one compressed .npz (float32 points, int32 faces): small and fast to load.

The layout is read by tp_explorer.anatomy.builtin.load; FORMAT_VERSION changes with it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyvista as pv

from tp_explorer.anatomy.builtin.bellies import RING, STATIONS, Belly
from tp_explorer.anatomy.derive.areas import SkinLabels
from tp_explorer.anatomy.derive.lofts import tube_faces
from tp_explorer.anatomy.format import ASSET_FILE, FORMAT_VERSION
from tp_explorer.knowledge.vocabulary import BODY_AREAS, MESH_IDS, SIDES


def write_assets(
    out_dir: Path,
    bones: dict[str, pv.PolyData],
    muscles: dict[str, dict[str, Belly]],
    paths: np.ndarray,
    superficial: np.ndarray,
    skin: pv.PolyData,
    labels: SkinLabels,
    landmarks: tuple[np.ndarray, np.ndarray],
    nerves: dict[str, dict[str, np.ndarray]],
) -> Path:
    """Write the asset file; ``landmarks`` is the (names, values) table the fine skin map is
    drawn from at load (derive.landmark_table)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    names = sorted(bones)
    nerve_ids = sorted(nerves)
    nerve_counts = np.array(
        [[len(nerves[n][s]) for s in SIDES] for n in nerve_ids], dtype=np.int32
    ).reshape(-1, 2)
    nerve_pts = [nerves[n][s] for n in nerve_ids for s in SIDES]
    arrays = {
        "format_version": np.array(FORMAT_VERSION, dtype=np.int32),
        "bone_names": np.array(names),
        "bone_points": np.vstack([bones[n].points for n in names]).astype(np.float32),
        "bone_faces": np.vstack([bones[n].regular_faces for n in names]).astype(np.int32),
        "bone_npts": np.array([bones[n].n_points for n in names], dtype=np.int32),
        "bone_nfaces": np.array([bones[n].n_cells for n in names], dtype=np.int32),
        "muscle_ids": np.array(MESH_IDS),
        "muscle_points": np.array(
            [[muscles[m][s].points for s in SIDES] for m in MESH_IDS], dtype=np.float32
        ),
        "belly_faces": tube_faces(STATIONS, RING),
        "belly_layout": np.array([STATIONS, RING], dtype=np.int32),
        "muscle_paths": paths.astype(np.float32),
        "muscle_superficial": superficial.astype(np.float32),
        "skin_points": np.asarray(skin.points, dtype=np.float32),
        "skin_faces": skin.regular_faces.astype(np.int32),
        "skin_area": labels.area.astype(np.int16),
        "skin_side": labels.side.astype(np.int8),
        "area_names": np.array(BODY_AREAS),
        "skin_normals": np.asarray(skin.point_data["Normals"], dtype=np.float32),
        "landmark_names": landmarks[0],
        "landmark_values": landmarks[1].astype(np.float64),
        "nerve_ids": np.array(nerve_ids, dtype="<U32"),
        "nerve_counts": nerve_counts,
        "nerve_points": (
            np.vstack(nerve_pts).astype(np.float32) if nerve_pts else np.zeros((0, 3), np.float32)
        ),
    }
    path = out_dir / ASSET_FILE
    np.savez_compressed(path, allow_pickle=False, **arrays)
    return path
