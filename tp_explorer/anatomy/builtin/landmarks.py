"""Points on the model's skeleton: authored landmarks resolved for one side, and the landmarks
the shared area rules need (tp_explorer.anatomy.derive.areas).

An authored landmark is a bone and fractions of that bone's extent: medial→lateral (for midline
bones midline→the side's lateral edge), anterior→posterior, inferior→superior, plus an optional
offset in millimetres along the same three directions. The left side is the mirror of the
right, so every authored structure is written once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from tp_explorer.anatomy.builtin.source import Bone, SourceModel
from tp_explorer.anatomy.derive.landmarks import (
    SideLandmarks,
    TrunkLandmarks,
    centre_z,
    heel_back,
    lateral_sign,
    metatarsal_head,
    sacral_apex_z,
)

MIDLINE_BONES = ("sacrum", "lumbar_1", "lumbar_2", "lumbar_3", "lumbar_4", "lumbar_5", "thorax")

Triple = tuple[float, float, float]


@dataclass(frozen=True)
class Landmark:
    """A bone (without side), fractions of its extent (ml, ap, si) and an offset in mm."""

    bone: str
    at: Triple
    offset_mm: Triple = (0.0, 0.0, 0.0)

    @classmethod
    def parse(cls, spec: object) -> Landmark:
        """One authored mapping {bone, at: [ml, ap, si], offset_mm: [...]}."""
        if not isinstance(spec, Mapping) or "bone" not in spec or "at" not in spec:
            raise ValueError(f"a landmark needs 'bone' and 'at': {spec!r}")
        return cls(str(spec["bone"]), triple(spec["at"]), triple(spec.get("offset_mm", (0, 0, 0))))


def triple(values: object) -> Triple:
    """Three numbers from an authored list."""
    if not isinstance(values, Sequence) or len(values) != 3:
        raise ValueError(f"three numbers expected, not {values!r}")
    a, b, c = (float(v) for v in values)
    return a, b, c


def resolve(mark: Landmark, side: str, bones: Mapping[str, Bone]) -> np.ndarray:
    """World position (m) of one landmark on one side."""
    bone_id = mark.bone if mark.bone in MIDLINE_BONES else f"{mark.bone}_{side}"
    if bone_id not in bones:
        raise KeyError(f"unknown bone {mark.bone!r} in landmark {mark!r}")
    pts = bones[bone_id].points
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    fml, fap, fsi = mark.at
    sgn = lateral_sign(side)
    if bone_id in MIDLINE_BONES:
        edge = hi[0] if sgn > 0 else lo[0]
        x = fml * edge
    else:
        medial, lateral = (lo[0], hi[0]) if sgn > 0 else (hi[0], lo[0])
        x = medial + fml * (lateral - medial)
    y = lo[1] + fap * (hi[1] - lo[1])
    z = lo[2] + fsi * (hi[2] - lo[2])
    off = np.asarray(mark.offset_mm, dtype=float) / 1000.0
    return np.array([x + sgn * off[0], y + off[1], z + off[2]])


def resolve_path(marks: Sequence[Landmark], side: str, bones: Mapping[str, Bone]) -> np.ndarray:
    """A polyline through several landmarks, in order."""
    return np.array([resolve(m, side, bones) for m in marks])


def side_landmarks(src: SourceModel, side: str) -> SideLandmarks:
    """What the area rules need, from the model's joint centres and bones."""
    s = "r" if side == "right" else "l"
    b = src.bodies
    hip_bone = src.bones[f"hip_bone_{side}"].points
    toes = src.bones[f"toes_{side}"].points
    foot = src.bones[f"foot_{side}"].points
    medial_x = toes[:, 0].min() if side == "left" else toes[:, 0].max()
    medial_pts = hip_bone[np.abs(hip_bone[:, 0]) < 0.01]
    calcaneus, metatarsals = _foot_pieces(src.bones[f"foot_{side}"], side)
    return SideLandmarks(
        hip=b[f"femur_{s}"],
        knee=b[f"tibia_{s}"],
        ankle=b[f"talus_{s}"],
        mtp=b[f"toes_{s}"],
        heel_y=float(b[f"calcn_{s}"][1]),
        toes_medial_x=float(medial_x),
        crest_z=float(hip_bone[:, 2].max()),
        ischial_z=float(hip_bone[:, 2].min()),
        pubis_z=float(medial_pts[:, 2].max()) if len(medial_pts) else float(hip_bone[:, 2].min()),
        sole_z=float(foot[:, 2].min()),
        metatarsal_heads=np.array([metatarsal_head(m) for m in metatarsals]),
        heel_back=heel_back(calcaneus),
    )


def pieces(bone: Bone) -> list[np.ndarray]:
    """The points of each connected piece of a bone mesh (the model's foot is one mesh of
    separate tarsals and metatarsals; its thorax holds the lower thoracic vertebrae)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    f = bone.faces
    rows = np.concatenate([f[:, 0], f[:, 1], f[:, 2]])
    cols = np.concatenate([f[:, 1], f[:, 2], f[:, 0]])
    n = len(bone.points)
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    return [bone.points[label == k] for k in np.unique(label)]


def _foot_pieces(foot: Bone, side: str) -> tuple[np.ndarray, list[np.ndarray]]:
    """The calcaneus (the piece reaching furthest back) and the five metatarsals (the five
    reaching furthest forward, first to fifth: medial to lateral)."""
    parts = pieces(foot)
    calcaneus = max(parts, key=lambda p: float(p[:, 1].max()))
    front = sorted(parts, key=lambda p: float(p[:, 1].min()))[:5]
    metatarsals = sorted(front, key=lambda p: lateral_sign(side) * float(p[:, 0].mean()))
    return calcaneus, metatarsals


def trunk_landmarks(src: SourceModel) -> TrunkLandmarks:
    """The fine map's midline landmarks from the model's pelvis and spine. The ischial
    tuberosity is the hip bone's lowest 2 cm; T12 is the lowest vertebra of the thorax bone
    (its pieces centred on the midline, narrower than 7 cm, behind the front of L1's body)."""
    tuberosity_y = []
    for side in ("left", "right"):
        hip = src.bones[f"hip_bone_{side}"].points
        tuberosity_y.append(float(hip[hip[:, 2] < hip[:, 2].min() + 0.02][:, 1].mean()))
    l1 = src.bones["lumbar_1"].points
    vertebrae = [
        p
        for p in pieces(src.bones["thorax"])
        if abs(p[:, 0].mean()) < 0.005
        and np.ptp(p[:, 0]) < 0.07
        and p[:, 1].mean() > l1[:, 1].min()
    ]
    t12 = min(vertebrae, key=lambda p: float(p[:, 2].min()))
    return TrunkLandmarks(
        ischial_y=float(np.mean(tuberosity_y)),
        sacral_apex_z=sacral_apex_z(src.bones["sacrum"].points),
        l3_z=centre_z(src.bones["lumbar_3"].points),
        l1_top_z=0.5 * (centre_z(l1) + centre_z(t12)),
    )
