"""The whole build: models -> bones, bellies, skin, areas, nerves -> one asset file."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import numpy as np
import pyvista as pv
from scipy.spatial import cKDTree

from tp_explorer.anatomy.builtin import authored, bellies, bones, skin
from tp_explorer.anatomy.builtin.bonefield import BoneField
from tp_explorer.anatomy.builtin.catalog import MODEL_MUSCLES
from tp_explorer.anatomy.builtin.landmarks import (
    Landmark,
    resolve,
    side_landmarks,
    trunk_landmarks,
)
from tp_explorer.anatomy.builtin.nerves import build_nerves
from tp_explorer.anatomy.builtin.source import MusclePart, SourceModel, load_source
from tp_explorer.anatomy.builtin.writer import write_assets
from tp_explorer.anatomy.derive.areas import label_skin
from tp_explorer.anatomy.derive.landmark_table import to_table
from tp_explorer.knowledge.vocabulary import MESH_IDS, SIDES

log = logging.getLogger(__name__)

SKIN_TOP = 1.22


def _parts(src: SourceModel, side: str, names: tuple[str, ...]) -> list[MusclePart]:
    have = src.parts[side]
    out: list[MusclePart] = []
    for name in names:
        if name in have:
            out.append(have[name])
        else:
            out.extend(have[k] for k in sorted(have) if k.startswith(name))
    if not out:
        raise KeyError(f"no model part matches {names} on the {side}")
    return out


def build_muscles(
    src: SourceModel, field: BoneField, data: authored.Authored
) -> dict[str, dict[str, bellies.Belly]]:
    """Mesh id -> side -> belly: model parts by the catalog, the rest from authored data."""
    out: dict[str, dict[str, bellies.Belly]] = {}
    for mesh_id in MESH_IDS:
        out[mesh_id] = {}
        for side in SIDES:
            if mesh_id in MODEL_MUSCLES:
                spec = MODEL_MUSCLES[mesh_id]
                origin = None
                if spec.prepend:
                    origin = src.parts[side][spec.prepend].path[0]
                if spec.origin:
                    bone, at = spec.origin
                    origin = resolve(Landmark(bone, at), side, src.bones)
                layout = bellies.layout_parts(_parts(src, side, spec.parts), spec, origin)
                aspect = spec.aspect
            else:
                layout, aspect = authored.authored_layout(data.muscles[mesh_id], side, src.bones)
            out[mesh_id][side] = bellies.sweep(layout, aspect, field)
    return out


def _superficial_dirs(paths: np.ndarray, skin_mesh: pv.PolyData) -> np.ndarray:
    """Unit vector from each belly station towards the nearest skin point."""
    tree = cKDTree(np.asarray(skin_mesh.points))
    flat = paths.reshape(-1, 3)
    _, idx = tree.query(flat)
    d = np.asarray(skin_mesh.points)[idx] - flat
    d /= np.maximum(np.linalg.norm(d, axis=1, keepdims=True), 1e-9)
    dirs: np.ndarray = d.reshape(paths.shape)
    return dirs


def _waist(src: SourceModel) -> np.ndarray:
    """Elliptical rings from the iliac crests up to the top of the skin: the abdomen's wall.

    Sized from the hip bones (width) and from the lumbar spine and pubis (depth), so the
    trunk is rounded rather than the box a hull of the lower ribs would give.
    """
    hips = np.vstack([src.bones["hip_bone_left"].points, src.bones["hip_bone_right"].points])
    crest = hips[:, 2].max()
    half_x = 0.92 * hips[:, 0].max()
    y_front = hips[:, 1].min() - 0.015
    y_back = max(src.bones[f"lumbar_{k}"].points[:, 1].max() for k in range(1, 6)) + 0.01
    yc, half_y = 0.5 * (y_front + y_back), 0.5 * (y_back - y_front)
    t = np.linspace(0, 2 * np.pi, 48, endpoint=False)
    rings = [
        np.column_stack([half_x * np.cos(t), yc + half_y * np.sin(t), np.full_like(t, z)])
        for z in np.linspace(crest - 0.03, SKIN_TOP + 0.02, 6)
    ]
    return np.vstack(rings)


def build(out_dir: Path) -> Path:
    """Build the whole built-in body from the models into ``out_dir``; the written file."""
    t0 = time.perf_counter()
    src = load_source()
    log.info("models loaded in %.1f s", time.perf_counter() - t0)
    bone_meshes = bones.scene_bones(src.bones)
    # Keep bellies off the bones as they are shown (decimated feet), not as the model has them.
    field = BoneField(list(bone_meshes.values()))
    data = authored.load_authored()
    muscles = build_muscles(src, field, data)
    log.info("bellies built at %.1f s", time.perf_counter() - t0)
    surfaces = [m for k, m in bone_meshes.items() if k != "thorax"]
    surfaces += [
        pv.PolyData.from_regular_faces(b.points, b.faces)
        for sides in muscles.values()
        for b in sides.values()
    ]
    trunk = [
        src.bones[k].points for k in src.bones if k.startswith(("hip_bone", "sacrum", "lumbar"))
    ]
    trunk.append(_waist(src))
    skin_mesh = skin.build_skin(surfaces, np.vstack(trunk), SKIN_TOP)
    log.info("skin built at %.1f s", time.perf_counter() - t0)
    landmarks = {side: side_landmarks(src, side) for side in SIDES}
    labels = label_skin(
        np.asarray(skin_mesh.points), np.asarray(skin_mesh.point_data["Normals"]), landmarks
    )
    table = to_table(landmarks, trunk_landmarks(src))
    paths = np.array([[muscles[m][s].path for s in SIDES] for m in MESH_IDS])
    dirs = _superficial_dirs(paths, skin_mesh)
    nerves = build_nerves(src, data)
    path = write_assets(
        out_dir, bone_meshes, muscles, paths, dirs, skin_mesh, labels, table, nerves
    )
    log.info("build done in %.1f s -> %s", time.perf_counter() - t0, path)
    return path
