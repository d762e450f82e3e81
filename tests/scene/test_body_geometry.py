"""The scene's nearest-skin-point query (VTK's point locator) against brute force."""

from __future__ import annotations

import numpy as np

from tp_explorer.scene.body_geometry import nearest_points


def test_nearest_points_matches_brute_force() -> None:
    rng = np.random.default_rng(7)
    source = rng.normal(size=(3000, 3))
    query = rng.normal(size=(500, 3)) * 1.5
    found = nearest_points(source, query)
    distances = np.linalg.norm(query[:, None, :] - source[None, :, :], axis=2)
    expected = source[np.argmin(distances, axis=1)]
    # equal distances (ties) may pick either point; the distance itself must be the minimum
    assert np.allclose(
        np.linalg.norm(found - query, axis=1), distances.min(axis=1), rtol=0, atol=1e-12
    )
    assert (np.all(found == expected, axis=1)).mean() > 0.99


def test_nearest_points_of_nothing_is_empty() -> None:
    assert nearest_points(np.zeros((4, 3)), np.zeros((0, 3))).shape == (0, 3)
