"""Synthetic cameras and bodies for the layout core's tests: a camera from a pose, without VTK."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from tp_explorer.scene.layout.projection import Projection, perspective_matrix


def camera_at(
    position, focal=(0.0, 0.0, 0.0), size=(800, 600), up=(0.0, 0.0, 1.0), view_angle=30.0
) -> Projection:
    """The projection of a perspective camera at ``position`` looking at ``focal``."""
    distance = float(np.linalg.norm(np.subtract(position, focal)))
    matrix = perspective_matrix(
        position, focal, up, view_angle, size[0] / size[1], (distance * 0.05, distance * 4)
    )
    return Projection(matrix, size, tuple(float(v) for v in position))


def ball(centre, radius=0.05, n=400, seed=0) -> tuple[np.ndarray, np.ndarray]:
    """Points on a sphere and their outward normals."""
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, 3))
    normals = v / np.linalg.norm(v, axis=1)[:, None]
    return np.asarray(centre, dtype=float) + radius * normals, normals


CHAR_PX, LINE_PX = 7, 15


def measure(text: str, style: str) -> tuple[int, int]:
    """A fixed-pitch font: the box of each line of text, with the frame's padding."""
    from tp_explorer.scene.layout.labels import FRAME_PX

    lines = text.split("\n")
    return CHAR_PX * max(len(line) for line in lines) + 2 * FRAME_PX, LINE_PX * len(lines) + 4


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
names = st.lists(words, min_size=1, max_size=4).map(" ".join)


@st.composite
def scenes(draw):
    """A body of random balls (muscles), a camera around it and a canvas."""
    count = draw(st.integers(1, 14))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    centres = rng.uniform((-0.2, -0.1, -0.5), (0.2, 0.1, 0.5), size=(count, 3))
    muscles = [
        ball(c, radius=rng.uniform(0.02, 0.12), n=150, seed=i) for i, c in enumerate(centres)
    ]
    azimuth = draw(st.floats(0, 2 * np.pi))
    elevation = draw(st.floats(-0.8, 0.8))
    distance = draw(st.floats(1.2, 4.0))
    eye = distance * np.array(
        [
            np.cos(elevation) * np.cos(azimuth),
            np.cos(elevation) * np.sin(azimuth),
            np.sin(elevation),
        ]
    )
    size = (draw(st.integers(240, 1400)), draw(st.integers(240, 1000)))
    view = camera_at(tuple(eye), focal=tuple(rng.uniform(-0.1, 0.1, 3)), size=size)
    texts = [f"{draw(names)} {i}" for i in range(count)]  # unique: the index ends each name
    priorities = [draw(st.sampled_from([1.0, 2.0])) for _ in range(count)]
    return muscles, texts, priorities, view
