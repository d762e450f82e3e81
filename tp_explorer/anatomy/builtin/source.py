"""Compile the MyoLeg and MyoTorso models and read bones and muscle paths in one world frame.

Only the build imports mujoco and myo_sim; the running program reads the committed assets.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from mujoco import MjData, MjModel

log = logging.getLogger(__name__)

# Meshes of the legs model that are no anatomy (floor, logo) or above the region we show.
_SKIP_MESHES = ("meshscene", "logo", "hat_cervical", "hat_jaw", "hat_skull")
# Torso geoms kept as faint context: the lower thoracic vertebrae and the ribcage.
_THORAX_GEOMS = ("torso_geom_1", "torso_geom_2", "torso_geom_3", "torso_geom_13")
_SIDE = {"r": "right", "l": "left"}


@dataclass(frozen=True)
class Bone:
    """One bone mesh in the world frame (metres) and the model body that carries it."""

    name: str
    body: str
    points: np.ndarray
    faces: np.ndarray


@dataclass(frozen=True)
class MusclePart:
    """One actuator of a model: its path (origin first) and maximum isometric force."""

    name: str
    side: str
    path: np.ndarray
    max_force: float


@dataclass(frozen=True)
class SourceModel:
    """Everything the build reads from the models, already in the legs model's world frame."""

    bones: dict[str, Bone]
    parts: dict[str, dict[str, MusclePart]] = field(default_factory=dict)  # side -> name -> part
    bodies: dict[str, np.ndarray] = field(default_factory=dict)  # body name -> world position


def _bone_id(geom: str, mesh: str) -> str | None:
    """Stable bone ids: femur_right, hip_bone_left, lumbar_3, sacrum, thorax..."""
    if mesh in _SKIP_MESHES:
        return None
    if geom.startswith("lumbar"):
        return f"lumbar_{geom[6]}"
    if geom.startswith("sacrum"):
        return "sacrum"
    if geom.startswith("torso"):
        return "thorax" if geom in _THORAX_GEOMS else None
    stem, side = geom.rsplit("_", 1)
    stem = {"pelvis": "hip_bone", "bofoot": "toes"}.get(stem, stem)
    return f"{stem}_{_SIDE[side]}"


def _path(data: MjData, tendon: int) -> np.ndarray:
    adr, num = data.ten_wrapadr[tendon], data.ten_wrapnum[tendon]
    pts = data.wrap_xpos.reshape(-1, 3)[adr : adr + num]
    pts = pts[np.abs(pts).sum(axis=1) > 0]
    keep = np.ones(len(pts), dtype=bool)
    keep[1:] = np.linalg.norm(np.diff(pts, axis=0), axis=1) > 1e-5
    path: np.ndarray = pts[keep].astype(np.float64)
    return path


def _parts(model: MjModel, data: MjData, shift: np.ndarray) -> dict[str, dict[str, MusclePart]]:
    out: dict[str, dict[str, MusclePart]] = {"left": {}, "right": {}}
    for a in range(model.nu):
        name = model.actuator(a).name
        stem, side = name.rsplit("_", 1)
        if side not in _SIDE:
            continue
        tendon = model.actuator_trnid[a][0]
        path = _path(data, tendon) + shift
        force = float(model.actuator_gainprm[a][2])
        out[_SIDE[side]][stem] = MusclePart(stem, _SIDE[side], path, force)
    return out


def load_source() -> SourceModel:
    """Compile both models at the legs' standing pose; move the torso onto the legs' sacrum."""
    import mujoco
    import myo_sim

    legs, ldata = myo_sim.load("myolegs_abdomen")
    mujoco.mj_resetDataKeyframe(legs, ldata, legs.key("standing").id)
    mujoco.mj_forward(legs, ldata)
    torso, tdata = myo_sim.load("myotorso")
    mujoco.mj_forward(torso, tdata)
    # Both models put the sacrum in the same orientation; only its height differs.
    shift = ldata.xpos[legs.body("sacrum").id] - tdata.xpos[torso.body("sacrum").id]
    log.info("torso -> legs shift %s", np.round(shift, 4))

    bones: dict[str, Bone] = {}
    for g in range(legs.ngeom):
        if legs.geom_type[g] != mujoco.mjtGeom.mjGEOM_MESH:
            continue
        mesh = legs.geom_dataid[g]
        bone_id = _bone_id(legs.geom(g).name, legs.mesh(mesh).name)
        if bone_id is None:
            continue
        va, vn = legs.mesh_vertadr[mesh], legs.mesh_vertnum[mesh]
        fa, fn = legs.mesh_faceadr[mesh], legs.mesh_facenum[mesh]
        rot = ldata.geom_xmat[g].reshape(3, 3)
        pts = legs.mesh_vert[va : va + vn].astype(np.float64) @ rot.T + ldata.geom_xpos[g]
        faces = legs.mesh_face[fa : fa + fn].astype(np.int64)
        body = legs.body(legs.geom_bodyid[g]).name
        if bone_id in bones:  # thorax is several geoms: append
            old = bones[bone_id]
            faces = np.vstack([old.faces, faces + len(old.points)])
            pts = np.vstack([old.points, pts])
        bones[bone_id] = Bone(bone_id, body, pts, faces)

    parts = _parts(legs, ldata, np.zeros(3))
    torso_parts = _parts(torso, tdata, shift)
    for side in parts:
        for name, part in torso_parts[side].items():
            parts[side].setdefault(name, part)
    bodies = {legs.body(b).name: ldata.xpos[b].copy() for b in range(legs.nbody)}
    return SourceModel(bones, parts, bodies)
