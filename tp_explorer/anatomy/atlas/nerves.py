"""Lower-limb nerves, drawn along their textbook courses relative to the atlas's bones,
muscles and arteries (BodyParts3D has no lower-body nerves).

Each course is a short list of anchor points, each a rule a reader can check ("below the
piriformis", "lateral to the femoral artery"), smoothed into a polyline. They are marked drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from tp_explorer.anatomy.atlas.landmarks import Skeleton
from tp_explorer.anatomy.derive.landmarks import lateral_sign
from tp_explorer.anatomy.derive.lofts import course

DRAWN_NERVES = (
    "sciatic_nerve",
    "tibial_nerve",
    "common_fibular_nerve",
    "femoral_nerve",
    "obturator_nerve",
    "pudendal_nerve",
    "superior_gluteal_nerve",
)

Points = Mapping[str, Mapping[str, np.ndarray]]


def slab(points: np.ndarray, z: float, band: float = 0.01) -> np.ndarray:
    s = points[np.abs(points[:, 2] - z) < band]
    return s if len(s) else points[np.argsort(np.abs(points[:, 2] - z))[:10]]


def along_z(line: np.ndarray, z: float) -> np.ndarray:
    """The point of a (roughly vertical) centreline at height z."""
    order = np.argsort(line[:, 2])
    ln = line[order]
    return np.array([np.interp(z, ln[:, 2], ln[:, k]) for k in range(3)])


class Courses:
    """Anchor rules for one side."""

    def __init__(self, sk: Skeleton, muscles: Points, arteries: Points, side: str) -> None:
        self.sk, self.m, self.a, self.side = sk, muscles, arteries, side
        self.sg = lateral_sign(side)

    def mus(self, name: str) -> np.ndarray:
        return np.asarray(self.m[name][self.side])

    def art(self, name: str) -> np.ndarray:
        return np.asarray(self.a[name][self.side])

    # -- shared anchors
    def below_piriformis(self, medial: float) -> np.ndarray:
        """On the piriformis's lower border, ``medial`` of the way from its lateral end."""
        p = self.mus("piriformis")
        ax = np.abs(p[:, 0])
        x = ax.max() - medial * (ax.max() - ax.min())
        s = p[np.abs(ax - x) < 0.008]
        low = s[np.argmin(s[:, 2])]
        below: np.ndarray = low + np.array([0.0, -0.004, -0.007])
        return below

    def division_z(self) -> float:
        femur = self.sk.pts(f"femur_{self.side}")
        return float(femur[:, 2].min()) + 0.08  # the sciatic divides above the knee

    # -- courses
    def sciatic(self) -> np.ndarray:
        sk, side = self.sk, self.side
        start = self.below_piriformis(0.55) + np.array([0.0, -0.01, 0.012])
        exit_ = self.below_piriformis(0.45)
        it, gt = sk.ischial_tuberosity(side), sk.greater_trochanter(side)
        hip_level = it + 0.38 * (gt - it)
        hip_level[1] = it[1] + 0.004
        hip_level[2] = it[2] + 0.02
        pts = [start, exit_, hip_level]
        biceps = self.mus("biceps_femoris")
        semim = self.mus("semimembranosus")
        for z in np.linspace(it[2] - 0.05, self.division_z(), 5):
            b, s = slab(biceps, z), slab(semim, z)
            x = 0.55 * b[:, 0].mean() + 0.45 * s[:, 0].mean()
            y = min(b[:, 1].min(), s[:, 1].mean()) - 0.004  # deep to the long head
            pts.append(np.array([x, y, z]))
        return np.array(pts)

    def tibial(self) -> np.ndarray:
        z0 = self.division_z()
        pop = self.art("popliteal_artery")
        pt = self.art("posterior_tibial_artery")
        pts = [self.sciatic()[-1]]
        for z in np.linspace(z0 - 0.04, pop[:, 2].min() + 0.01, 4):
            pts.append(along_z(pop, z) + np.array([self.sg * 0.004, 0.012, 0.0]))
        for z in np.linspace(pt[:, 2].max() - 0.02, pt[:, 2].min() + 0.015, 6):
            pts.append(along_z(pt, z) + np.array([self.sg * 0.004, 0.006, 0.0]))
        return np.array(pts)

    def common_fibular(self) -> np.ndarray:
        sk, side, sg = self.sk, self.side, self.sg
        start = self.sciatic()[-1]
        head = sk.fibular_head(side)
        fib = sk.pts(f"fibula_{side}")
        biceps = self.mus("biceps_femoris")
        knee_z = sk.knee(side)[2]
        b = slab(biceps, knee_z + 0.03)
        along_tendon = np.array(
            [b[:, 0].mean() - sg * 0.008, b[:, 1].mean(), knee_z + 0.03]
        )  # medial border of the biceps tendon
        behind_head = head + np.array([0.0, 0.012, -0.005])
        neck = slab(fib, head[2] - 0.035, 0.006)
        lateral = neck[np.argmax(sg * neck[:, 0])] + np.array([sg * 0.004, 0.0, 0.0])
        front = neck[np.argmin(neck[:, 1])] + np.array([sg * 0.006, -0.008, -0.02])
        return np.array([start, along_tendon, behind_head, lateral, front])

    def femoral(self) -> np.ndarray:
        sg = self.sg
        psoas, iliacus = self.mus("psoas_major"), self.mus("iliacus")
        ext = self.art("external_iliac_artery")
        fem = self.art("femoral_artery")
        pts = []
        for z in (ext[:, 2].max() + 0.02, 0.5 * (ext[:, 2].max() + ext[:, 2].min())):
            p, i = slab(psoas, z), slab(iliacus, z)
            x = 0.5 * (sg * np.abs(p[:, 0]).max() + sg * np.abs(i[:, 0]).min())
            pts.append(np.array([x, 0.5 * (p[:, 1].mean() + i[:, 1].mean()), z]))
        for z in np.linspace(ext[:, 2].min() + 0.005, fem[:, 2].max() - 0.07, 4):
            line = ext if z >= ext[:, 2].min() else fem
            a = along_z(np.vstack([line, fem]), z)
            pts.append(a + np.array([sg * 0.012, 0.002, 0.0]))  # lateral to the artery
        return np.array(pts)

    def obturator(self) -> np.ndarray:
        sk, side, sg = self.sk, self.side, self.sg
        psoas = self.mus("psoas_major")
        oi = self.mus("obturator_internus")
        al, ab = self.mus("adductor_longus"), self.mus("adductor_brevis")
        z_brim = sk.femoral_head(side)[2] + 0.09
        p = slab(psoas, z_brim)
        start = p[np.argmin(np.abs(p[:, 0]))] + np.array([-sg * 0.004, 0.0, 0.0])
        # along the lateral pelvic wall, on obturator internus's pelvic (medial) surface
        top = oi[oi[:, 2] > np.percentile(oi[:, 2], 80)]
        wall = top[np.argmin(np.abs(top[:, 0]))] + np.array([-sg * 0.004, 0.0, 0.0])
        canal = oi[np.argmin(oi[:, 1])].copy()  # the obturator canal, anterior and above
        canal[2] = wall[2] - 0.012
        z = float(ab[:, 2].max()) - 0.03
        thigh = []
        for zz in (z, z - 0.05, z - 0.1):
            a, b = slab(al, zz), slab(ab, zz)
            thigh.append(
                np.array([0.5 * (a[:, 0].mean() + b[:, 0].mean()), a[:, 1].max() + 0.002, zz])
            )  # between adductor longus (in front) and brevis (behind)
        return np.array([start, wall, canal, *thigh])

    def pudendal(self) -> np.ndarray:
        sk, side, sg = self.sk, self.side, self.sg
        exit_ = self.below_piriformis(0.75)
        it = sk.ischial_tuberosity(side)
        spine = it.copy()
        spine[0] = it[0] - sg * 0.012
        spine[1] = it[1] + 0.002
        spine[2] = it[2] + 0.06  # the ischial spine, behind which it turns
        canal = it + np.array([-sg * 0.018, -0.01, 0.025])  # pudendal canal, medial to OI
        front = it + np.array([-sg * 0.028, -0.05, 0.018])
        return np.array([exit_, spine, canal, front])

    def superior_gluteal(self) -> np.ndarray:
        p = self.mus("piriformis")
        ax = np.abs(p[:, 0])
        x = ax.max() - 0.6 * (ax.max() - ax.min())
        s = p[np.abs(ax - x) < 0.008]
        above = s[np.argmax(s[:, 2])] + np.array([0.0, 0.0, 0.008])
        minimus = self.mus("gluteus_minimus")
        medius = self.mus("gluteus_medius")
        pts = [above]
        z = float(np.median(minimus[:, 2])) + 0.01
        band = slab(minimus, z, 0.012)
        amax = np.abs(band[:, 0])
        for f in (0.25, 0.55, 0.85):
            xx = amax.min() + f * (amax.max() - amax.min())
            ring = band[np.abs(amax - xx) < 0.008]
            outer = ring[np.argmax(ring[:, 1] + np.abs(ring[:, 0]) * 0.3)]
            med = slab(medius, outer[2], 0.01)
            pts.append(outer + 0.2 * (med.mean(axis=0) - outer) * np.array([0, 1, 0]))
        return np.array(pts)


def build_nerves(
    sk: Skeleton, muscles: Points, arteries: Points
) -> dict[str, dict[str, np.ndarray]]:
    """Drawn nerve id -> side -> (n, 3) polyline, proximal first, one point every 8 mm."""
    out: dict[str, dict[str, np.ndarray]] = {}
    for nerve in DRAWN_NERVES:
        out[nerve] = {}
        for side in ("left", "right"):
            rule: Callable[[], np.ndarray] = getattr(
                Courses(sk, muscles, arteries, side), nerve.removesuffix("_nerve")
            )
            out[nerve][side] = course(rule())
    return out
