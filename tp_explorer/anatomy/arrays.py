"""Unpacking shared by both anatomy sources' flat array files (assets/anatomy.npz, the atlas
cache): skin areas from per-point codes, and per-side polylines from counts."""

from __future__ import annotations

import numpy as np

from tp_explorer.knowledge.vocabulary import BODY_AREAS, SIDES


def areas_from_codes(
    skin_area: np.ndarray, skin_side: np.ndarray
) -> dict[str, dict[str, np.ndarray]]:
    """area -> side -> skin point indices, from one area code and one side code per point."""
    return {
        name: {s: np.nonzero((skin_area == k) & (skin_side == j))[0] for j, s in enumerate(SIDES)}
        for k, name in enumerate(BODY_AREAS)
    }


def polylines(
    ids: np.ndarray, counts: np.ndarray, points: np.ndarray
) -> dict[str, dict[str, np.ndarray]]:
    """id -> side -> (n, 3) polyline, from points laid out id by id, left then right."""
    out: dict[str, dict[str, np.ndarray]] = {}
    n0 = 0
    for nid, per_side in zip(ids, counts, strict=True):
        out[str(nid)] = {}
        for j, s in enumerate(SIDES):
            out[str(nid)][s] = points[n0 : n0 + per_side[j]]
            n0 += int(per_side[j])
    return out
