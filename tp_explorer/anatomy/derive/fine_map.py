"""The fine skin map: every coarse area split by its own fine rules, then tidied so each fine
area is one patch with no stray points.

The coarse labels (areas.py) are taken as they are: a point's fine area always lies in its
coarse area (knowledge.skin_areas gives each fine area's group), so the coarse map never moves.
Both sources call ``label_fine`` when they load, with their skin and their skeleton's
landmarks.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from tp_explorer.anatomy.derive.areas import SkinLabels
from tp_explorer.anatomy.derive.fine_foot import FOOT_RULES
from tp_explorer.anatomy.derive.fine_frame import SideFrame
from tp_explorer.anatomy.derive.fine_limb import LIMB_RULES
from tp_explorer.anatomy.derive.fine_smooth import tidy
from tp_explorer.anatomy.derive.fine_trunk import TRUNK_RULES
from tp_explorer.anatomy.derive.landmarks import SideLandmarks, TrunkLandmarks
from tp_explorer.knowledge.skin_areas import FINE_AREAS, MIDLINE
from tp_explorer.knowledge.vocabulary import BODY_AREAS, SIDES

RULES = {**FOOT_RULES, **LIMB_RULES, **TRUNK_RULES}
if set(RULES) != set(BODY_AREAS):  # every coarse area is split by exactly one rule
    raise AssertionError(f"fine rules do not cover {set(BODY_AREAS) ^ set(RULES)}")
SIDED = np.array([a.sided for a in FINE_AREAS], dtype=bool)


def label_fine(
    points: np.ndarray,
    normals: np.ndarray,
    faces: np.ndarray,
    coarse: SkinLabels,
    sides: Mapping[str, SideLandmarks],
    trunk: TrunkLandmarks,
) -> np.ndarray:
    """The fine area code (index into FINE_AREAS, -1 where the coarse area is none) of every
    skin point; ``faces`` (n, 3) are the skin's triangles, for the tidying."""
    codes = np.full(len(points), -1, dtype=np.int16)
    crest = float(np.mean([sides[s].crest_z for s in SIDES]))
    for j, side in enumerate(SIDES):
        sel = np.nonzero(coarse.side == j)[0]
        frame = SideFrame(points[sel], normals[sel], sides[side], trunk, side, crest)
        area = coarse.area[sel]
        for k, group in enumerate(BODY_AREAS):
            i = np.nonzero(area == k)[0]
            if len(i):
                codes[sel[i]] = RULES[group](frame, i)
    return tidy(codes, np.asarray(faces), coarse.area, coarse.side, SIDED)


def fine_areas_from_codes(
    codes: np.ndarray, skin_side: np.ndarray
) -> dict[str, dict[str, np.ndarray]]:
    """Fine area -> side -> skin point indices; a midline area's only side is MIDLINE."""
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(FINE_AREAS) + 1))
    out: dict[str, dict[str, np.ndarray]] = {}
    for k, fine in enumerate(FINE_AREAS):
        idx = np.sort(order[bounds[k] : bounds[k + 1]])
        if fine.sided:
            out[fine.id] = {s: idx[skin_side[idx] == j] for j, s in enumerate(SIDES)}
        else:
            out[fine.id] = {MIDLINE: idx}
    return out
