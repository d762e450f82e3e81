"""Muscles BodyParts3D lacks, drawn between their attachments on the atlas's own bones.

Each is a loft of rounded cross-sections whose edges follow named bony attachments, so its
shape and place follow the skeleton (quadratus lumborum, multifidus, plantar fascia). They are
marked as drawn wherever the program names them.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyvista as pv

from tp_explorer.anatomy.atlas.geometry import wind_outward
from tp_explorer.anatomy.atlas.landmarks import Skeleton
from tp_explorer.anatomy.derive.landmarks import lateral_sign
from tp_explorer.anatomy.derive.lofts import tube_faces

RING = 16


def _section(x0: float, x1: float, y0: float, y1: float, z: float) -> np.ndarray:
    """A rounded-rectangle (superellipse) cross-section in a horizontal plane."""
    a = np.linspace(0, 2 * np.pi, RING, endpoint=False)
    c, s = np.cos(a), np.sin(a)
    ex = np.sign(c) * np.abs(c) ** 0.5
    ey = np.sign(s) * np.abs(s) ** 0.5
    cx, cy = 0.5 * (x0 + x1), 0.5 * (y0 + y1)
    hx, hy = 0.5 * abs(x1 - x0), 0.5 * abs(y1 - y0)
    return np.column_stack([cx + hx * ex, cy + hy * ey, np.full(RING, z)])


def loft(rings: list[np.ndarray]) -> pv.PolyData:
    """A closed surface through rings in order, capped at both ends, wound outward."""
    pts = np.vstack([*rings, rings[0].mean(axis=0), rings[-1].mean(axis=0)])
    return wind_outward(pv.PolyData.from_regular_faces(pts, tube_faces(len(rings), RING)))


def _near_z(points: np.ndarray, z: float, band: float = 0.006) -> np.ndarray:
    return points[np.abs(points[:, 2] - z) < band]


def _smooth(v: np.ndarray, rounds: int = 2) -> np.ndarray:
    for _ in range(rounds):
        v = np.concatenate([v[:1], 0.25 * v[:-2] + 0.5 * v[1:-1] + 0.25 * v[2:], v[-1:]])
    return v


def quadratus_lumborum(sk: Skeleton, side: str) -> pv.PolyData:
    """From the posterior iliac crest and iliolumbar ligament up to the 12th rib's lower border,
    its medial edge on the tips of the L1-L4 transverse processes, behind psoas."""
    sg = lateral_sign(side)
    tips = []
    for level in (1, 2, 3, 4):
        v = sk.lumbar(level)
        own = v[sg * v[:, 0] > 0]
        tip = own[np.argmax(np.abs(own[:, 0]))]
        tips.append(tip)
    tips_arr = np.array(sorted(tips, key=lambda p: p[2]))
    hip = sk.pts(f"hip_bone_{side}")
    crest = hip[hip[:, 2] > hip[:, 2].max() - 0.03]
    crest = crest[crest[:, 1] > np.median(crest[:, 1])]  # posterior half of the crest
    z0 = float(np.median(crest[:, 2]))
    rib = sk.pts(f"twelfth_rib_{side}")
    rib_med = rib[np.abs(rib[:, 0]) < np.median(np.abs(rib[:, 0]))]
    z1 = float(rib_med[:, 2].min()) + 0.004
    zs = np.linspace(z0, z1, 14)
    medial = np.interp(zs, tips_arr[:, 2], np.abs(tips_arr[:, 0])) - 0.004
    y_mid = np.interp(zs, tips_arr[:, 2], tips_arr[:, 1])
    t = (zs - z0) / (z1 - z0)
    lateral = medial + (0.062 - 0.030 * t)  # broad on the crest, narrower at the rib
    thick = 0.008 + 0.010 * np.sin(np.pi * np.clip(t, 0.04, 0.96))
    rings = [
        _section(sg * m, sg * lat, y - th, y + th, z)
        for m, lat, y, th, z in zip(medial, lateral, _smooth(y_mid), thick, zs, strict=True)
    ]
    return loft(rings)


def multifidus(sk: Skeleton, side: str) -> pv.PolyData:
    """From the dorsal sacrum up the laminae to the L1 spinous process, filling the groove
    beside the spinous processes; thickest over the sacrum and lower lumbar spine."""
    sg = lateral_sign(side)
    spine = np.vstack([sk.lumbar(n) for n in (1, 2, 3, 4, 5)] + [sk.pts("sacrum")])
    sacrum = sk.pts("sacrum")
    z0 = float(sacrum[:, 2].min()) + 0.045
    z1 = float(sk.lumbar(1)[:, 2].max()) - 0.008
    zs = np.linspace(z0, z1, 18)
    front, back, lateral = [], [], []
    for z in zs:
        band = _near_z(spine, z, 0.008)
        own = band[sg * band[:, 0] >= 0]
        lamina = own[(np.abs(own[:, 0]) > 0.008) & (np.abs(own[:, 0]) < 0.026)]
        spinous = own[np.abs(own[:, 0]) < 0.006]
        f = float(lamina[:, 1].max()) if len(lamina) else float(own[:, 1].max())
        b = float(spinous[:, 1].max()) if len(spinous) else f + 0.02
        t = (z - z0) / (z1 - z0)
        front.append(f + 0.001)
        # thickest over the sacrum and L5, thinning towards L1 (its fascicles get shorter)
        back.append(max(b - 0.004 * t, f + 0.024 - 0.012 * t))
        lateral.append(0.042 - 0.022 * t)
    front_s, back_s = _smooth(np.array(front), 3), _smooth(np.array(back), 3)
    rings = [
        _section(sg * 0.004, sg * lat, f, b, z)
        for f, b, lat, z in zip(front_s, back_s, lateral, zs, strict=True)
    ]
    return loft(rings)


def plantar_fascia(
    sk: Skeleton, side: str, flexor_brevis: np.ndarray, stations: int = 12
) -> pv.PolyData:
    """A thin fan under flexor digitorum brevis from the calcaneal tuberosity to the
    metatarsal heads."""
    calc = sk.pts(f"calcaneus_{side}")
    tub = calc[calc[:, 2] < calc[:, 2].min() + 0.008]
    tub = tub[tub[:, 1] > np.percentile(tub[:, 1], 50)].mean(axis=0)
    heads = sk.metatarsal_heads(side)
    front = heads.mean(axis=0)
    rings = []
    for t in np.linspace(0.0, 1.0, stations):
        c = (1 - t) * tub + t * front
        near = flexor_brevis[np.abs(flexor_brevis[:, 1] - c[1]) < 0.01]
        z = (float(near[:, 2].min()) if len(near) else c[2]) - 0.0025
        half = 0.011 + t * (0.5 * np.ptp(heads[:, 0]) + 0.004 - 0.011)
        # a ribbon across the sole: width along x, 3 mm thick along z, at this y
        ring = _section(c[0] - half, c[0] + half, z - 0.0015, z + 0.0015, 0.0)
        rings.append(np.column_stack([ring[:, 0], np.full(RING, c[1]), ring[:, 1]]))
    return loft(rings)


def draw_muscle(
    name: str, sk: Skeleton, side: str, muscles: Mapping[str, Mapping[str, np.ndarray]]
) -> pv.PolyData:
    """The drawn mesh of one muscle the atlas lacks."""
    if name == "quadratus_lumborum":
        return quadratus_lumborum(sk, side)
    if name == "multifidus":
        return multifidus(sk, side)
    if name == "plantar_fascia":
        return plantar_fascia(sk, side, np.asarray(muscles["flexor_digitorum_brevis"][side]))
    raise KeyError(f"no drawing rule for {name!r}")
