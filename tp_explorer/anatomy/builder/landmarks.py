"""Points on the skeleton named in anatomical terms, resolved for one side.

A landmark is a bone and fractions of that bone's extent: medial→lateral (for midline bones
midline→the side's lateral edge), anterior→posterior, inferior→superior, plus an optional
offset in millimetres along the same three directions. The left side is the mirror of the
right, so every authored structure is written once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from tp_explorer.anatomy.builder.model import Bone

MIDLINE_BONES = ("sacrum", "lumbar_1", "lumbar_2", "lumbar_3", "lumbar_4", "lumbar_5", "thorax")


def lateral_sign(side: str) -> float:
    """+1 when lateral is +x (subject's left), -1 when lateral is -x (subject's right)."""
    return 1.0 if side == "left" else -1.0


def resolve(spec: Mapping[str, object], side: str, bones: Mapping[str, Bone]) -> np.ndarray:
    """World position (m) of one landmark mapping {bone, at: [ml, ap, si], offset_mm: [...]}."""
    name = str(spec["bone"])
    bone_id = name if name in MIDLINE_BONES else f"{name}_{side}"
    if bone_id not in bones:
        raise KeyError(f"unknown bone {name!r} in landmark {spec!r}")
    pts = bones[bone_id].points
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    fml, fap, fsi = (float(v) for v in spec["at"])  # type: ignore[union-attr]
    sgn = lateral_sign(side)
    if bone_id in MIDLINE_BONES:
        edge = hi[0] if sgn > 0 else lo[0]
        x = fml * edge
    else:
        medial, lateral = (lo[0], hi[0]) if sgn > 0 else (hi[0], lo[0])
        x = medial + fml * (lateral - medial)
    y = lo[1] + fap * (hi[1] - lo[1])
    z = lo[2] + fsi * (hi[2] - lo[2])
    off = np.asarray(spec.get("offset_mm", (0, 0, 0)), dtype=float) / 1000.0
    return np.array([x + sgn * off[0], y + off[1], z + off[2]])


def resolve_path(
    specs: Sequence[Mapping[str, object]], side: str, bones: Mapping[str, Bone]
) -> np.ndarray:
    """A polyline through several landmarks, in order."""
    return np.array([resolve(s, side, bones) for s in specs])
