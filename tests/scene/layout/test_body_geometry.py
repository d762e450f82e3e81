"""What is measured once from the meshes, on synthetic meshes with a brute-force nearest-point
query: depth below the skin and the peel layers, which way a muscle faces, zone patches."""

from __future__ import annotations

import numpy as np

from tp_explorer.scene.layout.body_geometry import (
    BodyGeometry,
    MeshArrays,
    depth_layers,
    label_anchor,
    sample_ids,
)


def brute_nearest(source: np.ndarray, query: np.ndarray) -> np.ndarray:
    distances = np.linalg.norm(query[:, None, :] - source[None, :, :], axis=2)
    return source[np.argmin(distances, axis=1)]


def sphere(centre, radius, rings=12, segments=16) -> MeshArrays:
    """A closed UV sphere wound outward."""
    points = [(0.0, 0.0, radius)]
    for i in range(1, rings):
        theta = np.pi * i / rings
        for j in range(segments):
            phi = 2 * np.pi * j / segments
            points.append(
                (
                    radius * np.sin(theta) * np.cos(phi),
                    radius * np.sin(theta) * np.sin(phi),
                    radius * np.cos(theta),
                )
            )
    points.append((0.0, 0.0, -radius))
    tris = []
    for j in range(segments):
        tris.append((0, 1 + j, 1 + (j + 1) % segments))
    for i in range(rings - 2):
        a, b = 1 + i * segments, 1 + (i + 1) * segments
        for j in range(segments):
            k = (j + 1) % segments
            tris += [(a + j, b + j, b + k), (a + j, b + k, a + k)]
    last = len(points) - 1
    base = 1 + (rings - 2) * segments
    for j in range(segments):
        tris.append((base + j, last, base + (j + 1) % segments))
    return MeshArrays(np.asarray(points) + np.asarray(centre, float), np.asarray(tris, np.int64))


def test_depth_layers_skip_empty_bands() -> None:
    layers = depth_layers({"a": 0.01, "b": 0.011, "c": 0.03, "d": 0.08})
    assert layers["a"] == layers["b"] == 0
    assert layers["c"] == 1 and layers["d"] == 2


def test_deeper_muscles_peel_later_and_each_faces_its_nearest_skin() -> None:
    skin = sphere((0.0, 0.0, 0.0), 0.2, rings=30, segments=40)
    muscles = {
        ("shallow", "left"): sphere((0.0, -0.15, 0.0), 0.03),  # near the front of the skin
        ("deep", "left"): sphere((0.0, 0.0, 0.0), 0.03),
        ("side", "left"): sphere((0.12, 0.0, 0.0), 0.03),
    }
    areas = {"front": {"left": np.flatnonzero(skin.points[:, 1] < -0.15)}}
    geometry = BodyGeometry(skin, muscles, areas, brute_nearest)
    shallow, deep, side = (geometry.muscles[k] for k in muscles)
    assert shallow.depth < side.depth < deep.depth
    assert geometry.layers[("shallow", "left")] < geometry.layers[("deep", "left")]
    assert geometry.layer_count >= 2
    assert shallow.facing @ (0, -1, 0) > 0.9 and side.facing @ (1, 0, 0) > 0.9
    # outward normals: each sample point's normal points away from its sphere's centre
    assert (np.einsum("ij,ij->i", shallow.normals, shallow.sample - (0, -0.15, 0)) > 0).all()
    assert (
        shallow.area == np.float64(shallow.area) and 0.8 < shallow.area / (4 * np.pi * 0.03**2) < 1
    )
    zone = geometry.zone("front", "left")
    assert zone is not None and zone.direction @ (0, -1, 0) > 0.95 and zone.weight > 0
    assert geometry.zone("front", "right") is None and geometry.zone("back", "left") is None


def test_samples_spread_over_the_points_and_the_anchor_lies_on_the_muscle() -> None:
    assert list(sample_ids(5, 10)) == [0, 1, 2, 3, 4]
    ids = sample_ids(1000, 10)
    assert len(ids) == 10 and ids[0] == 0 and ids[-1] == 999
    points = sphere((0.0, 0.0, 0.0), 0.05).points
    anchor = label_anchor(None, points)
    assert any(np.array_equal(anchor, p) for p in points)
    path = np.array([[0.0, 0.0, 0.0], [0.0, 0.0, 0.1], [0.0, 0.0, 0.2]])
    assert np.array_equal(label_anchor(path, points), path[1])
