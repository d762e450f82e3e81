"""The gluteal and pudendal vessels and the cutaneous nerves near the needled muscles, drawn
like nerves.py's nerves: anchor rules relative to the atlas's bones, muscles and arteries,
smoothed into polylines and marked drawn (BodyParts3D has none of them).

Each course follows the anatomy its source describes (COURSE_SOURCES); a rule a reader can
check is written beside each anchor.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from tp_explorer.anatomy.atlas.landmarks import Skeleton
from tp_explorer.anatomy.atlas.nerves import Courses, Points, along_z, slab
from tp_explorer.anatomy.derive.lofts import course

COURSE_SOURCES: dict[str, str] = {
    "superior_gluteal_artery": (
        "Leaves the pelvis above the upper border of piriformis and divides at once into a "
        "superficial and a deep branch (Gray's Anatomy 1918, via "
        "https://the-meaning.com/superior_gluteal_artery.html)"
    ),
    "inferior_gluteal_artery": (
        "Leaves the pelvis below piriformis and descends between the greater trochanter and the "
        "ischial tuberosity with the sciatic and posterior femoral cutaneous nerves, under "
        "gluteus maximus (Gray's Anatomy 1918, via "
        "http://absoluteastronomy.com/topics/Inferior_gluteal_artery)"
    ),
    "internal_pudendal_vessels": (
        "Leave the pelvis below piriformis, cross the tip of the ischial spine, re-enter through "
        "the lesser sciatic foramen and run forward in the pudendal canal on obturator internus "
        "(https://flexikon.doccheck.com/de/Corpus:Internal_pudendal_artery; "
        "https://radiopaedia.org/articles/pudendal-canal)"
    ),
    "inferior_gluteal_nerve": (
        "Leaves below piriformis and supplies gluteus maximus "
        "(https://issuhub.com/view/index/6123?pageIndex=423, plate 528)"
    ),
    "posterior_femoral_cutaneous_nerve": (
        "Leaves below piriformis, runs under gluteus maximus behind the sciatic nerve, then "
        "between biceps femoris and semitendinosus under the fascia lata to the back of the "
        "knee (https://www.taylorfrancis.com/books/e/9781420041248/chapters/10.1201%2Fb15927-48)"
    ),
    "saphenous_nerve": (
        "From the femoral nerve in the femoral triangle, through the adductor canal beside the "
        "femoral artery, out between sartorius and gracilis at the medial knee, then down the "
        "medial border of the tibia with the great saphenous vein, in front of the medial "
        "malleolus (https://www.taylorfrancis.com/books/9780429135637/chapters/10.1201/b14221-15)"
    ),
    "sural_nerve": (
        "From the tibial nerve in the popliteal fossa, between the two heads of gastrocnemius, "
        "then beside the lateral margin of the calcaneal tendon to behind the lateral malleolus "
        "(https://www.taylorfrancis.com/chapters/edit/10.1201/b15927-55/sural-nerve-syndrome)"
    ),
    "lateral_femoral_cutaneous_nerve": (
        "From the lateral border of psoas major across iliacus, under the inguinal ligament just "
        "medial to the anterior superior iliac spine, then over sartorius into the lateral thigh "
        "(https://www.imaios.com/ru/e-Anatomy/Anatomicheskie-chasti/Lateral-nyj-kozhnyj-nerv-bedra)"
    ),
}
DRAWN_MORE = tuple(COURSE_SOURCES)


class MoreCourses(Courses):
    """The anchor rules of the extra vessels and nerves, for one side."""

    def iliac_low(self) -> np.ndarray:
        """The internal iliac artery's lowest point: where its branches start."""
        a = self.art("internal_iliac_artery")
        low: np.ndarray = a[np.argmin(a[:, 2])]
        return low

    def superior_gluteal_artery(self) -> np.ndarray:
        nerve = self.superior_gluteal()
        above = nerve[0] + np.array([0.0, 0.0, 0.006])  # just above piriformis's upper border
        branches = nerve[1:3] + np.array([0.0, 0.004, 0.006])  # beside the nerve's branches
        return np.array([self.iliac_low(), above, *branches])

    def inferior_gluteal_artery(self) -> np.ndarray:
        sg, side = self.sg, self.side
        exit_ = self.below_piriformis(0.68)  # below piriformis, medial to the sciatic nerve
        it = self.sk.ischial_tuberosity(side)
        gt = self.sk.greater_trochanter(side)
        between = it + 0.3 * (gt - it) + np.array([0.0, 0.012, 0.03])
        lower = between + np.array([sg * 0.004, 0.004, -0.07])  # down the back of the thigh
        return np.array([self.iliac_low(), exit_, between, lower])

    def internal_pudendal_vessels(self) -> np.ndarray:
        beside = np.array([self.sg * 0.004, 0.0, 0.0])  # lateral to the pudendal nerve
        return np.array([self.iliac_low(), *(self.pudendal() + beside)])

    def inferior_gluteal(self) -> np.ndarray:
        exit_ = self.below_piriformis(0.62)
        gm = self.mus("gluteus_maximus")
        near = gm[np.argsort(np.linalg.norm(gm - exit_, axis=1))[:40]].mean(axis=0)
        into = near + 0.35 * (gm.mean(axis=0) - near)  # fanning into gluteus maximus
        return np.array([exit_, near, into])

    def posterior_femoral_cutaneous(self) -> np.ndarray:
        behind = np.array([-self.sg * 0.006, 0.01, 0.0])  # behind the sciatic, a little medial
        sciatic = self.sciatic()
        pts = [self.below_piriformis(0.58), sciatic[2] + behind]
        biceps, semit = self.mus("biceps_femoris"), self.mus("semitendinosus")
        knee_z = self.sk.knee(self.side)[2]
        for z in np.linspace(self.sk.ischial_tuberosity(self.side)[2] - 0.06, knee_z + 0.04, 4):
            b, s = slab(biceps, z), slab(semit, z)
            back = max(b[:, 1].max(), s[:, 1].max()) + 0.003  # under the fascia lata
            pts.append(np.array([0.5 * (b[:, 0].mean() + s[:, 0].mean()), back, z]))
        return np.array(pts)

    def saphenous(self) -> np.ndarray:
        sg, side = self.sg, self.side
        fem = self.art("femoral_artery")
        start = self.femoral()[-1]
        pts = [start]
        for z in np.linspace(fem[:, 2].max() - 0.1, fem[:, 2].min() + 0.02, 3):
            pts.append(along_z(fem, z) + np.array([-sg * 0.007, -0.003, 0.0]))
        knee_z = self.sk.knee(side)[2]
        sart, grac = (
            slab(self.mus("sartorius"), knee_z + 0.04),
            slab(self.mus("gracilis"), knee_z),
        )
        pts.append(0.5 * (sart.mean(axis=0) + grac.mean(axis=0)) + np.array([0.0, 0.0, 0.03]))
        tibia = self.sk.pts(f"tibia_{side}")
        for z in np.linspace(knee_z - 0.08, tibia[:, 2].min() + 0.06, 4):
            t = slab(tibia, z, 0.005)
            edge = t[np.argmin(sg * t[:, 0])]  # the tibia's medial border
            pts.append(edge + np.array([-sg * 0.006, 0.006, 0.0]))
        low = tibia[tibia[:, 2] < tibia[:, 2].min() + 0.02]
        malleolus = low[np.argmin(sg * low[:, 0])]
        pts.append(malleolus + np.array([-sg * 0.004, -0.014, 0.0]))  # in front of it
        return np.array(pts)

    def sural(self) -> np.ndarray:
        side, sg = self.side, self.sg
        start = self.tibial()[3]
        med, lat = self.mus("gastrocnemius_medial"), self.mus("gastrocnemius_lateral")
        knee_z = self.sk.knee(side)[2]
        pts = [start]
        for z in (knee_z - 0.07, knee_z - 0.15):
            m, la = slab(med, z), slab(lat, z)
            gap_x = 0.5 * (m[:, 0].mean() + la[:, 0].mean())  # between the two heads
            pts.append(np.array([gap_x, max(m[:, 1].max(), la[:, 1].max()) + 0.002, z]))
        calc = self.sk.pts(f"calcaneus_{side}")
        back = calc[np.argmax(calc[:, 1])]
        pts.append(back + np.array([sg * 0.018, -0.004, 0.07]))  # lateral to the tendon
        fib = self.sk.pts(f"fibula_{side}")
        tip = fib[np.argmin(fib[:, 2])]
        pts.append(tip + np.array([0.0, 0.012, 0.004]))  # behind the lateral malleolus
        return np.array(pts)

    def lateral_femoral_cutaneous(self) -> np.ndarray:
        side, sg = self.side, self.sg
        hip = self.sk.pts(f"hip_bone_{side}")
        upper = hip[hip[:, 2] > hip[:, 2].max() - 0.09]
        asis = upper[np.argmin(upper[:, 1])]  # the anterior superior iliac spine
        psoas, iliacus = self.mus("psoas_major"), self.mus("iliacus")
        z0 = float(np.median(iliacus[:, 2])) + 0.03
        p = slab(psoas, z0)
        border = p[np.argmax(sg * p[:, 0])] + np.array([sg * 0.003, 0.0, 0.0])
        i = slab(iliacus, 0.5 * (z0 + asis[2]))
        across = i[np.argmin(i[:, 1])] + np.array([0.0, -0.003, 0.0])  # on iliacus
        under = asis + np.array([-sg * 0.015, -0.004, -0.012])  # medial to the spine
        thigh = [under + np.array([sg * 0.01 * k, 0.002, -0.05 * k]) for k in (1, 2)]
        return np.array([border, across, under, *thigh])


def build_more(sk: Skeleton, muscles: Points, arteries: Points) -> dict[str, dict[str, np.ndarray]]:
    """Drawn vessel or nerve id -> side -> (n, 3) polyline, proximal first."""
    out: dict[str, dict[str, np.ndarray]] = {}
    for name in DRAWN_MORE:
        out[name] = {}
        for side in ("left", "right"):
            rules = MoreCourses(sk, muscles, arteries, side)
            rule: Callable[[], np.ndarray] = getattr(rules, name.removesuffix("_nerve"))
            out[name][side] = course(rule())
    return out
