"""The lower-back muscles BodyParts3D lacks, drawn on the atlas's lumbar spine and pelvis:
quadratus lumborum and multifidus, each a belly of lens sections that fills its place between
the bones and thins into tendinous ends."""

from __future__ import annotations

import numpy as np

from tp_explorer.anatomy.atlas.drawing import DrawContext
from tp_explorer.anatomy.derive.landmarks import lateral_sign
from tp_explorer.anatomy.derive.sections import Loft, lens, ring_loft

MM = 0.001


def _smooth(v: np.ndarray, rounds: int = 2) -> np.ndarray:
    for _ in range(rounds):
        v = np.concatenate([v[:1], 0.25 * v[:-2] + 0.5 * v[1:-1] + 0.25 * v[2:], v[-1:]])
    return v


def _tips(ctx: DrawContext, side: str) -> np.ndarray:
    """The tips of the L1-L4 transverse processes on one side, lowest first."""
    sg = lateral_sign(side)
    tips = []
    for level in (1, 2, 3, 4):
        v = ctx.skeleton.lumbar(level)
        own = v[sg * v[:, 0] > 0]
        tips.append(own[np.argmax(np.abs(own[:, 0]))])
    return np.array(sorted(tips, key=lambda p: float(p[2])))


def quadratus_lumborum(ctx: DrawContext, side: str) -> Loft:
    """From the posterior iliac crest and iliolumbar ligament up to the 12th rib's lower border,
    its inner edge on the tips of the L1-L4 transverse processes, behind psoas: widest on the
    crest, thickest (18 mm) in its middle third, thinning into tendinous edges at both ends."""
    sk, sg = ctx.skeleton, lateral_sign(side)
    tips = _tips(ctx, side)
    hip = sk.pts(f"hip_bone_{side}")
    crest = hip[hip[:, 2] > hip[:, 2].max() - 0.03]
    crest = crest[crest[:, 1] > np.median(crest[:, 1])]  # posterior half of the crest
    z0 = float(np.median(crest[:, 2]))
    rib = sk.pts(f"twelfth_rib_{side}")
    rib_med = rib[np.abs(rib[:, 0]) < np.median(np.abs(rib[:, 0]))]
    z1 = float(rib_med[:, 2].min()) + 0.004
    n = 16
    zs = np.linspace(z0, z1, n)
    t = (zs - z0) / (z1 - z0)
    medial = np.interp(zs, tips[:, 2], np.abs(tips[:, 0])) - 0.004
    width = np.interp(t, [0.0, 0.08, 1.0], [0.054, 0.062, 0.030]) * np.interp(
        t, [0.0, 0.9, 1.0], [1.0, 1.0, 0.85]
    )
    half_t = np.interp(t, [0.0, 0.07, 0.35, 0.65, 0.93, 1.0], [1.2, 3.0, 9.0, 9.0, 2.5, 1.0]) * MM
    x = sg * (medial + 0.5 * width)
    y = _smooth(np.interp(zs, tips[:, 2], tips[:, 1]))
    path = np.column_stack([x, y, zs])
    # +width is +x here: make the inner (medial) half the thicker one
    outline = lens(0.5 * width, _smooth(half_t), 1.3, skew=-0.35 * sg, blunt=0.85)
    return ring_loft(path, outline, np.array([0.0, 1.0, 0.0]))


def _groove(ctx: DrawContext, side: str, zs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """At each height: the back of the laminae (or of the rotatores on them), and how far back
    the muscle may reach (6 mm inside the skin), as y (posterior is +y)."""
    sg = lateral_sign(side)
    sk = ctx.skeleton
    spine = np.vstack([sk.lumbar(n) for n in (1, 2, 3, 4, 5)] + [sk.pts("sacrum")])
    rot = ctx.muscle_points("rotatores", side)
    skin = np.asarray(ctx.skin.points)
    skin = skin[(sg * skin[:, 0] > 0.01) & (sg * skin[:, 0] < 0.03)]
    front, limit = [], []
    for z in zs:
        band = spine[np.abs(spine[:, 2] - z) < 0.008]
        own = band[sg * band[:, 0] >= 0]
        lamina = own[(np.abs(own[:, 0]) > 0.008) & (np.abs(own[:, 0]) < 0.026)]
        f = float(lamina[:, 1].max()) if len(lamina) else float(own[:, 1].max())
        r = rot[np.abs(rot[:, 2] - z) < 0.006]
        if len(r):
            f = max(f, float(r[:, 1].max()))
        front.append(f + 0.0005)
        limit.append(float(skin[np.abs(skin[:, 2] - z) < 0.01][:, 1].max()) - 0.006)
    return _smooth(np.array(front), 3), _smooth(np.array(limit), 3)


def multifidus(ctx: DrawContext, side: str) -> Loft:
    """From the dorsal sacrum up the laminae to the L1 spinous process, filling the groove
    beside the spinous processes behind the rotatores: deepest over L5-S1 (28 mm), thinner
    over the sacrum and up to L1, ending in tendinous tips."""
    sk, sg = ctx.skeleton, lateral_sign(side)
    sacrum = sk.pts("sacrum")
    z0 = float(sacrum[:, 2].min()) + 0.040
    z1 = float(sk.lumbar(1)[:, 2].max()) - 0.004
    n = 18
    zs = np.linspace(z0, z1, n)
    front, limit = _groove(ctx, side, zs)
    levels = [float(sk.lumbar(k)[:, 2].mean()) for k in (5, 3, 1)]
    depth = np.interp(
        zs, [z0, levels[0], levels[1], levels[2], z1], [0.012, 0.028, 0.020, 0.010, 0.008]
    )
    t = (zs - z0) / (z1 - z0)
    end = np.interp(t, [0.0, 0.08, 0.92, 1.0], [0.3, 1.0, 1.0, 0.35])
    half_t = 0.5 * np.clip(np.minimum(depth, limit - front), 0.004, None) * end
    lateral = np.interp(t, [0.0, 0.12, 0.9, 1.0], [0.016, 0.040, 0.021, 0.012])
    medial = 0.004
    x = sg * 0.5 * (medial + lateral)
    path = np.column_stack([x, front + half_t, zs])
    outline = lens(0.5 * (lateral - medial), half_t, 1.0, skew=-0.4 * sg, blunt=0.6)
    return ring_loft(path, outline, np.array([0.0, 1.0, 0.0]))
