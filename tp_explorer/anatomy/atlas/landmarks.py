"""Bony landmarks of one side of the atlas skeleton, found from the bone meshes' shapes (the
area rules' SideLandmarks among them).

Each is a plain rule on one bone (a top, an end, an extreme) so a reader can check it against
a textbook; all positions in the common frame (metres).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from tp_explorer.anatomy.derive.landmarks import (
    SideLandmarks,
    TrunkLandmarks,
    centre_z,
    heel_back,
    metatarsal_head,
    sacral_apex_z,
)

LUMBAR = ("first", "second", "third", "fourth", "fifth")


class Skeleton:
    """Bone points by id, with the landmark questions the atlas build asks."""

    def __init__(self, bones: Mapping[str, np.ndarray]) -> None:
        self.bones = bones

    def pts(self, name: str) -> np.ndarray:
        return np.asarray(self.bones[name])

    def lumbar(self, level: int) -> np.ndarray:
        return self.pts(f"{LUMBAR[level - 1]}_lumbar_vertebra")

    def femoral_head(self, side: str) -> np.ndarray:
        femur = self.pts(f"femur_{side}")
        top = femur[femur[:, 2] > femur[:, 2].max() - 0.045]
        ax = np.abs(top[:, 0])
        head = top[ax < ax.min() + 0.045]
        centre: np.ndarray = head.mean(axis=0)
        centre[2] = head[:, 2].max() - 0.022  # a head is about 45 mm across
        return centre

    def greater_trochanter(self, side: str) -> np.ndarray:
        femur = self.pts(f"femur_{side}")
        top = femur[femur[:, 2] > femur[:, 2].max() - 0.08]
        outermost: np.ndarray = top[np.argmax(np.abs(top[:, 0]))]
        return outermost

    def ischial_tuberosity(self, side: str) -> np.ndarray:
        hip = self.pts(f"hip_bone_{side}")
        low = hip[hip[:, 2] < hip[:, 2].min() + 0.02]
        centre: np.ndarray = low.mean(axis=0)
        return centre

    def knee(self, side: str) -> np.ndarray:
        femur, tibia = self.pts(f"femur_{side}"), self.pts(f"tibia_{side}")
        plateau = tibia[tibia[:, 2] > tibia[:, 2].max() - 0.015]
        centre: np.ndarray = plateau.mean(axis=0)
        centre[2] = 0.5 * (femur[:, 2].min() + tibia[:, 2].max())
        return centre

    def ankle(self, side: str) -> np.ndarray:
        centre: np.ndarray = self.pts(f"talus_{side}").mean(axis=0)
        return centre

    def fibular_head(self, side: str) -> np.ndarray:
        fib = self.pts(f"fibula_{side}")
        head: np.ndarray = fib[fib[:, 2] > fib[:, 2].max() - 0.02].mean(axis=0)
        return head

    def metatarsal_heads(self, side: str) -> np.ndarray:
        names = ("first", "second", "third", "fourth", "fifth")
        return np.array([metatarsal_head(self.pts(f"{n}_metatarsal_bone_{side}")) for n in names])

    def toes(self, side: str) -> np.ndarray:
        return np.vstack([v for k, v in self.bones.items() if "phalanx" in k and k.endswith(side)])

    def foot(self, side: str) -> np.ndarray:
        parts = ("calcaneus", "talus", "navicular", "cuboid", "cuneiform", "metatarsal", "phalanx")
        return np.vstack(
            [v for k, v in self.bones.items() if k.endswith(side) and any(p in k for p in parts)]
        )

    def side_landmarks(self, side: str) -> SideLandmarks:
        """What the skin-area rules need, as the built-in anatomy's landmarks give it."""
        hip = self.pts(f"hip_bone_{side}")
        calc = self.pts(f"calcaneus_{side}")
        toes = self.toes(side)
        medial_x = toes[:, 0].min() if side == "left" else toes[:, 0].max()
        near_mid = hip[np.abs(hip[:, 0]) < 0.012]
        y0, y1 = calc[:, 1].min(), calc[:, 1].max()
        heads = self.metatarsal_heads(side)
        return SideLandmarks(
            hip=self.femoral_head(side),
            knee=self.knee(side),
            ankle=self.ankle(side),
            mtp=heads.mean(axis=0),
            heel_y=float(y0 + 0.6 * (y1 - y0) + 0.012),
            toes_medial_x=float(medial_x),
            crest_z=float(hip[:, 2].max()),
            ischial_z=float(hip[:, 2].min()),
            pubis_z=float(near_mid[:, 2].max()) if len(near_mid) else float(hip[:, 2].min()),
            sole_z=float(self.foot(side)[:, 2].min()),
            metatarsal_heads=heads,
            heel_back=heel_back(calc),
        )

    def trunk_landmarks(self) -> TrunkLandmarks:
        """The fine map's midline landmarks, from the pelvis and the lumbar and T12 vertebrae
        (T12's top is cut level with the skin's edge; its centre moves by about 1 mm)."""
        tuberosities = [self.ischial_tuberosity(side) for side in ("left", "right")]
        l1, t12 = self.lumbar(1), self.pts("twelfth_thoracic_vertebra")
        return TrunkLandmarks(
            ischial_y=float(np.mean([t[1] for t in tuberosities])),
            sacral_apex_z=sacral_apex_z(self.pts("sacrum")),
            l3_z=centre_z(self.lumbar(3)),
            l1_top_z=0.5 * (centre_z(l1) + centre_z(t12)),
        )
