"""Bone meshes for the scene: the thorax clipped to its lower part and thinned, others as is."""

from __future__ import annotations

import numpy as np
import pyvista as pv

from tp_explorer.anatomy.builtin.source import Bone

THORAX_TOP = 1.32  # keep the lower ribs and T10-T12 as context
THORAX_TRIANGLES = 5000
FOOT_KEEP = 0.6  # feet and toes are denser than the rest of the low-poly skeleton


def bone_mesh(bone: Bone) -> pv.PolyData:
    mesh: pv.PolyData = pv.PolyData.from_regular_faces(bone.points, bone.faces)
    return mesh


def scene_bones(bones: dict[str, Bone]) -> dict[str, pv.PolyData]:
    """Meshes as shown: decimated with fast-simplification where the source is dense."""
    import fast_simplification

    out: dict[str, pv.PolyData] = {}
    for name in sorted(bones):
        mesh = bone_mesh(bones[name])
        if name == "thorax":
            mesh = mesh.clip(normal="z", origin=(0, 0, THORAX_TOP), invert=True).triangulate()
            mesh = mesh.extract_surface(algorithm="dataset_surface").clean()
            target = 1.0 - THORAX_TRIANGLES / mesh.n_cells
        elif name.startswith(("foot_", "toes_")):
            target = 1.0 - FOOT_KEEP
        else:
            out[name] = mesh
            continue
        pts, faces = fast_simplification.simplify(
            np.asarray(mesh.points, dtype=np.float64), mesh.regular_faces, target_reduction=target
        )
        out[name] = pv.PolyData.from_regular_faces(pts, faces)
    return out
