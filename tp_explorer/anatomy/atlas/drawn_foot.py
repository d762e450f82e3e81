"""The foot muscles BodyParts3D lacks, drawn on the atlas's foot bones: extensor digitorum
brevis, the four dorsal interossei, flexor digiti minimi brevis and the plantar fascia.

Each follows its bones: a path from origin to insertion, sections that fill the space the
bones leave (the gap between two metatarsal shafts, the top of the tarsals, the underside of the
fifth metatarsal) and a taper into its tendon.
"""

from __future__ import annotations

import numpy as np

from tp_explorer.anatomy.atlas.drawing import (
    DrawContext,
    Shaft,
    outward,
    shaft,
    slice_of,
    top_along,
)
from tp_explorer.anatomy.derive.lofts import resample, smooth_polyline
from tp_explorer.anatomy.derive.sections import RING, Loft, lens, merge_lofts, ring_loft, taper

FORWARD = np.array([0.0, -1.0, 0.0])  # anterior: the toes point to -y
UP = np.array([0.0, 0.0, 1.0])
METATARSALS = ("first", "second", "third", "fourth", "fifth")
TOES = ("big", "second", "third", "fourth", "little")
# dorsal interosseous k: between metatarsals k and k + 1, onto this toe's proximal phalanx, on
# the big-toe side (-1) or the outer side (+1)
DORSAL_INTEROSSEI = {1: ("second", -1.0), 2: ("second", 1.0), 3: ("third", 1.0), 4: ("fourth", 1.0)}
DI_THICKNESS = {1: 0.010, 2: 0.009, 3: 0.008, 4: 0.008}
MM = 0.001


def _unit(v: np.ndarray) -> np.ndarray:
    out: np.ndarray = v / np.linalg.norm(v)
    return out


def _metatarsal(ctx: DrawContext, k: int, side: str) -> tuple[Shaft, np.ndarray]:
    points = ctx.skeleton.pts(f"{METATARSALS[k - 1]}_metatarsal_bone_{side}")
    return shaft(points, FORWARD), points


def _phalanx_base(ctx: DrawContext, toe: str, side: str, towards: np.ndarray) -> np.ndarray:
    """The back end (base) of a toe's proximal phalanx, on the side ``towards`` points to."""
    ph = ctx.skeleton.pts(f"proximal_phalanx_of_{toe}_toe_{side}")
    base = ph[ph[:, 1] > ph[:, 1].max() - 0.006]
    proj = base @ towards
    edge = base[proj >= np.percentile(proj, 75)].mean(axis=0)
    edge[2] = 0.5 * (base[:, 2].min() + base[:, 2].max())
    out: np.ndarray = edge
    return out


def _stations(anchors: list[np.ndarray], n: int) -> np.ndarray:
    return resample(smooth_polyline(np.array(anchors), 6), n)


def dorsal_interosseous(ctx: DrawContext, side: str, k: int) -> Loft:
    """Bipennate, in the gap between metatarsals k and k + 1 (top face level with their backs),
    from 10 mm in front of their bases to a 2.5 mm tendon on the toe's phalanx."""
    (a, pa), (b, pb) = _metatarsal(ctx, k, side), _metatarsal(ctx, k + 1, side)
    axis = _unit(a.axis + b.axis)
    toe, edge = DORSAL_INTEROSSEI[k]
    insertion = _phalanx_base(ctx, toe, side, edge * outward(side))
    start = 0.5 * (a.base + b.base) + 0.010 * axis
    head = 0.5 * (a.head + b.head) - 0.010 * axis
    n = 10
    path = _stations([start, 0.5 * (start + head), head, insertion], n)
    s = np.linspace(0.0, 1.0, n)
    f_head = float(np.linalg.norm(head - start)) / float(
        np.linalg.norm(head - start) + np.linalg.norm(insertion - head)
    )
    half_thick = DI_THICKNESS[k] / 2
    size = taper(s, 0.45, 0.0, 0.3, 1.15 - f_head)
    a_half = 0.00125 + (0.006 - 0.00125) * size
    b_half = 0.001 + (half_thick - 0.001) * size
    up = np.empty((n, 3))
    for i, c in enumerate(path):
        w = _unit(np.cross(axis, UP)) * np.sign(np.cross(axis, UP) @ (b.head - a.head))
        v = _unit(np.cross(w, axis))
        v = v if v[2] > 0 else -v
        up[i] = v
        sa, sb = slice_of(pa, c, axis, 0.003), slice_of(pb, c, axis, 0.003)
        if s[i] > f_head or not len(sa) or not len(sb):
            continue
        face_a, face_b = float(((sa - c) @ w).max()), float(((sb - c) @ w).min())
        top = float(max(((sa - c) @ v).max(), ((sb - c) @ v).max()))
        a_half[i] = max(min(a_half[i], 0.5 * (face_b - face_a) - 0.5 * MM), 1.5 * MM)
        path[i] = c + w * 0.5 * (face_a + face_b) + v * (top - MM - b_half[i])
    path = _settle(path)
    return ring_loft(path, lens(a_half, b_half), up)


def _settle(path: np.ndarray, rounds: int = 2) -> np.ndarray:
    """Smooth the inner stations of a fitted path (its ends stay on their attachments)."""
    p = path.copy()
    for _ in range(rounds):
        p[1:-1] = 0.25 * p[:-2] + 0.5 * p[1:-1] + 0.25 * p[2:]
    return p


def flexor_digiti_minimi_brevis(ctx: DrawContext, side: str) -> Loft:
    """A spindle under the fifth metatarsal shaft, from its base to the little toe's phalanx
    (plantar, outer side of its base), tendinous over the last 15 mm."""
    m5, points = _metatarsal(ctx, 5, side)
    insertion = _phalanx_base(ctx, "little", side, outward(side) - UP)
    n = 11
    path = _stations([m5.at(0.1), m5.at(0.5), m5.at(0.9), insertion], n)
    s = np.linspace(0.0, 1.0, n)
    length = float(np.linalg.norm(np.diff(path, axis=0), axis=1).sum())
    size = taper(s, 0.35, 0.0, 0.3, min(0.9, 0.015 / length + 0.3))
    a_half = 0.0015 + (0.0055 - 0.0015) * size
    b_half = 0.001 + (0.0035 - 0.001) * size
    down = np.tile(-_unit(UP - (UP @ m5.axis) * m5.axis), (n, 1))
    for i, c in enumerate(path[:-1]):
        sl = slice_of(points, c, m5.axis, 0.003)
        if len(sl):
            # the section's upper face 1 mm under the bone, a little to its inner side
            low = float(((sl - c) @ down[i]).max())
            path[i] = c + down[i] * (low + MM + b_half[i]) - outward(side) * 0.002
    return ring_loft(_settle(path), lens(a_half, b_half), down)


def _on_top(ctx: DrawContext, side: str, points: np.ndarray, lift: np.ndarray) -> np.ndarray:
    """Points moved up to lie ``lift`` above the foot bones beneath them."""
    foot = ctx.skeleton.foot(side)
    top = top_along(foot, points, UP, 0.006)
    out = points.copy()
    ok = ~np.isnan(top)
    out[ok, 2] = top[ok] + lift[ok]
    return out


def extensor_digitorum_brevis(ctx: DrawContext, side: str) -> Loft:
    """A flat belly from the sinus tarsi (front of the upper-outer calcaneus) over the cuboid
    and lateral cuneiform, splitting halfway along metatarsals 2-4 into three slips that
    narrow into tendons on the bases of the proximal phalanges of toes 2-4."""
    sk, out = ctx.skeleton, outward(side)
    calc = sk.pts(f"calcaneus_{side}")
    mid_z = 0.5 * (calc[:, 2].min() + calc[:, 2].max())
    upper_outer = calc[(calc[:, 2] > mid_z) & ((calc - calc.mean(axis=0)) @ out > 0)]
    origin = upper_outer[np.argsort(upper_outer[:, 1])[:8]].mean(axis=0)
    shafts = [_metatarsal(ctx, k, side)[0] for k in (2, 3, 4)]
    split = np.mean([m.at(0.45) for m in shafts], axis=0)
    tarsal = 0.5 * (
        sk.pts(f"cuboid_bone_{side}").mean(axis=0)
        + sk.pts(f"lateral_cuneiform_bone_{side}").mean(axis=0)
    )
    n = 12
    path = _stations([origin, tarsal, split], n)
    s = np.linspace(0.0, 1.0, n)
    # narrow on the calcaneus, broad over the tarsals, gathering into its slips at the end
    half_w = np.interp(s, [0.0, 0.12, 0.45, 0.75, 1.0], [0.004, 0.0075, 0.014, 0.012, 0.0045])
    half_t = 0.0008 + 0.0032 * taper(s, 0.35, 0.25, 0.3, 0.35)
    path = _on_top(ctx, side, path, MM + half_t)
    path[0] = origin + UP * half_t[0]
    belly = ring_loft(_settle(path), lens(half_w, half_t, 1.3), UP)
    belly_len = _length(path)
    total = belly_len + _length(_slip(ctx, side, path, shafts, split, 1))
    begin = float(belly.t[(n - 4) * RING]) * belly_len / total  # where the slips leave the belly
    parts = [Loft(belly.mesh, belly.path, belly.t * belly_len / total)]
    for k in range(3):
        slip = _slip(ctx, side, path, shafts, split, k)
        ss = np.linspace(0.0, 1.0, len(slip))
        a = 0.001 + 0.003 * (1 - ss) ** 1.5
        b = 0.00075 + 0.0015 * (1 - ss) ** 1.5
        piece = ring_loft(slip, lens(a, b, 1.3), UP)
        parts.append(Loft(piece.mesh, piece.path, begin + piece.t * (1.0 - begin)))
    middle = _slip(ctx, side, path, shafts, split, 1)
    return merge_lofts(parts, np.vstack([path, middle[1:]]))


def _length(path: np.ndarray) -> float:
    return float(np.linalg.norm(np.diff(path, axis=0), axis=1).sum())


def _slip(
    ctx: DrawContext, side: str, belly: np.ndarray, shafts: list[Shaft], split: np.ndarray, k: int
) -> np.ndarray:
    """The path of the slip to toe k + 2: out of the belly's end, over its metatarsal, onto
    the base of the toe's proximal phalanx, 1-2 mm above the bones."""
    insertion = _phalanx_base(ctx, TOES[k + 1], side, outward(side) + UP)
    begin = belly[-4] + (shafts[k].at(0.4) - split) * 0.7
    slip = _stations([begin, shafts[k].at(0.8), insertion], 8)
    lift = MM + 0.001 + 0.0015 * np.linspace(1.0, 0.0, 8)
    slip = _on_top(ctx, side, slip, lift)
    slip[-1] = insertion + UP * 0.001
    return _settle(slip)


def plantar_fascia(ctx: DrawContext, side: str) -> Loft:
    """A thin fan under flexor digitorum brevis from the calcaneal tuberosity to the
    metatarsal heads, thin at its edges and ends."""
    sk = ctx.skeleton
    calc = sk.pts(f"calcaneus_{side}")
    tub = calc[calc[:, 2] < calc[:, 2].min() + 0.008]
    tub = tub[tub[:, 1] > np.percentile(tub[:, 1], 50)].mean(axis=0)
    heads = sk.metatarsal_heads(side)
    front = heads.mean(axis=0)
    brevis = ctx.muscle_points("flexor_digitorum_brevis", side)
    n = 12
    s = np.linspace(0.0, 1.0, n)
    path = np.array([(1 - t) * tub + t * front for t in s])
    for i, c in enumerate(path):
        near = brevis[np.abs(brevis[:, 1] - c[1]) < 0.01]
        path[i, 2] = (float(near[:, 2].min()) if len(near) else c[2]) - 0.0025
    half = 0.011 + s * (0.5 * np.ptp(heads[:, 0]) + 0.004 - 0.011)
    thick = 0.0015 * taper(s, 0.5, 0.5, 0.15, 0.15)
    return ring_loft(path, lens(half, thick, 2.0), UP)
