"""One closed, smooth skin around bones and muscles, from a distance field.

The skin is the zero level of min(distance to bones and bellies - OFFSET, distance to a trunk
hull) capped at the top of the region, contoured with flying edges, smoothed and decimated.
"""

from __future__ import annotations

import logging

import numpy as np
import pyvista as pv

log = logging.getLogger(__name__)

SPACING = 0.006
OFFSET = 0.009
TARGET_TRIANGLES = 34000


def trunk_hull(points: np.ndarray) -> pv.PolyData:
    """Convex hull of the pelvis, lumbar spine and lower thorax: fills the abdomen and perineum."""
    from scipy.spatial import ConvexHull

    hull = ConvexHull(points)
    faces = hull.simplices.astype(np.int64)
    mesh = pv.PolyData.from_regular_faces(points, faces).clean()
    hull_mesh: pv.PolyData = mesh.compute_normals(auto_orient_normals=True, consistent_normals=True)
    return hull_mesh


def build_skin(surfaces: list[pv.PolyData], trunk_points: np.ndarray, z_top: float) -> pv.PolyData:
    """Closed skin surface (triangles) enveloping all surfaces and the trunk hull."""
    merged = pv.merge(surfaces).triangulate()
    lo = np.array(merged.bounds[0::2]) - 0.03
    hi = np.array(merged.bounds[1::2]) + 0.03
    hi[2] = z_top + 2 * SPACING
    dims = np.ceil((hi - lo) / SPACING).astype(int) + 1
    # Centre the grid on x = 0 so the left and right skin sample the field alike.
    half = (dims[0] - 1) * SPACING / 2
    lo[0] = -half
    grid = pv.ImageData(dimensions=dims, spacing=(SPACING,) * 3, origin=lo)
    log.info("skin grid %s = %d points", dims, grid.n_points)
    d = np.abs(np.asarray(grid.compute_implicit_distance(merged)["implicit_distance"])) - OFFSET
    hull = trunk_hull(trunk_points)
    dh = np.asarray(grid.compute_implicit_distance(hull)["implicit_distance"]) - 0.004
    field = np.minimum(d, dh)
    z = np.asarray(grid.points)[:, 2]
    field = np.maximum(field, z - z_top)
    field = np.maximum(field, lo[2] + SPACING - z)
    # A light blur of the field removes the dents between neighbouring bellies.
    grid["f"] = field
    field = np.asarray(grid.gaussian_smooth(std_dev=1.2, radius_factor=2.0, scalars="f")["f"])
    # Symmetrise: the body is bilaterally symmetric; a symmetric field gives mirrored areas.
    f3 = field.reshape(dims[::-1])
    f3 = np.minimum(f3, f3[:, :, ::-1])
    grid["f"] = f3.ravel()
    surf: pv.PolyData = grid.contour([0.0], scalars="f", method="flying_edges")
    surf = surf.connectivity("largest").extract_surface(algorithm="dataset_surface")
    surf = surf.triangulate().clean()
    surf = surf.smooth_taubin(n_iter=80, pass_band=0.05)
    surf = _decimate(surf, TARGET_TRIANGLES)
    surf = surf.smooth_taubin(n_iter=20, pass_band=0.1)
    surf = surf.compute_normals(
        auto_orient_normals=True, consistent_normals=True, split_vertices=False
    )
    log.info(
        "skin: %d points, %d triangles, open edges %d",
        surf.n_points,
        surf.n_cells,
        surf.n_open_edges,
    )
    return surf


def _decimate(surf: pv.PolyData, target: int) -> pv.PolyData:
    import fast_simplification

    pts = np.asarray(surf.points, dtype=np.float64)
    faces = surf.regular_faces
    reduction = max(0.0, 1.0 - target / len(faces))
    p2, f2 = fast_simplification.simplify(pts, faces, target_reduction=reduction)
    # Collapsing a thin fold can leave the same triangle twice, back to back: a zero-volume fin
    # whose edges are shared by four faces. Dropping both copies closes the surface again.
    key = np.sort(f2, axis=1)
    _, inverse, counts = np.unique(key, axis=0, return_inverse=True, return_counts=True)
    f2 = f2[counts[inverse.ravel()] == 1]
    return _repair(pv.PolyData.from_regular_faces(p2, f2).clean())


def _repair(mesh: pv.PolyData, rounds: int = 5) -> pv.PolyData:
    """Cut out the few pinched edges (four faces on one edge) decimation leaves, then cap."""
    for _ in range(rounds):
        faces = mesh.regular_faces
        edges = np.sort(np.vstack([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]]), axis=1)
        _, inverse, counts = np.unique(edges, axis=0, return_inverse=True, return_counts=True)
        bad_edge = counts[inverse.ravel()] != 2
        if not bad_edge.any():
            return mesh
        bad_face = bad_edge.reshape(3, -1).any(axis=0)
        mesh = pv.PolyData.from_regular_faces(np.asarray(mesh.points), faces[~bad_face])
        mesh = mesh.clean().fill_holes(0.03).triangulate().clean()
    return mesh
