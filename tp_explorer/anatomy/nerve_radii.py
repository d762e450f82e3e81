"""How thick each nerve is along its course, so distances are measured to its surface.

A radius at the proximal and the distal end of the drawn centreline (linear between), each the
radius of a circle with the cross-sectional area an ultrasound or MRI study measured in healthy
adults (the pudendal nerve: half the width measured at dissection). Nerves are not round (the sciatic is flat and wider than this radius says), so the
surface here is a round-equivalent one. A nerve with no checked figure keeps a 1 mm radius.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

DEFAULT_RADIUS_M = 0.001  # a nerve or vessel centreline without a measured size


def radius_from_area_mm2(area: float) -> float:
    """The radius (m) of a circle of ``area`` mm²."""
    return math.sqrt(area / math.pi) / 1000.0


@dataclass(frozen=True)
class NerveRadius:
    """A nerve's round-equivalent radius at its proximal and distal ends, with the source."""

    proximal_m: float
    distal_m: float
    source: str

    def at(self, fraction: float) -> float:
        """The radius ``fraction`` of the way along the course (0 = proximal)."""
        return self.proximal_m + (self.distal_m - self.proximal_m) * fraction


_CHEN = (
    "Chen J, Liu J, Zeng J, Wu S, Ren J. Ultrasonographic reference values for the sciatic "
    "nerve in 200 healthy adults: cross-sectional area 52.7 mm² at the gluteal sulcus, 44.4 mm² "
    "at mid-thigh. J Med Ultrasound. 2018. doi:10.4103/JMU.JMU_6_17"
)
_SINGH = (
    "Singh KP, Kaur S, Arora V. Reference values for the cross sectional area of normal tibial "
    "nerve on high-resolution ultrasonography: 19.6 mm² below the sciatic bifurcation, 11.1 mm² "
    "above the medial malleolus. J Ultrason. 2022;22:e144-e152. doi:10.15557/JoU.2022.0024"
)
_META = (
    "Cross-sectional area reference values for peripheral nerve ultrasound in adults: a "
    "systematic review and meta-analysis, part II, lower extremity nerves (pooled means: fibular "
    "nerve 7.9 mm² in the popliteal fossa, 8.4 mm² at the fibular head; sural nerve 2.4 mm²)"
)
_RUSU = (
    "Rusu GM, Curcean AD, Dudea SM. Femoral and sciatic nerves explored by ultrasound and MRI: "
    "femoral nerve 24.8 mm² on MRI between psoas and iliacus. Med Pharm Rep. "
    "2020;93(4):357-364. doi:10.15386/mpr-1629"
)

_PUDENDAL = (
    "Anatomic variations of pudendal nerve within pelvis and pudendal canal: clinical "
    "applications (13 female cadavers: nerve width in the pelvis 4.5 mm, range 2.5-6.3 mm; "
    "half the width is used as the radius)"
)

NERVE_RADII: dict[str, NerveRadius] = {
    "sciatic_nerve": NerveRadius(radius_from_area_mm2(52.7), radius_from_area_mm2(44.4), _CHEN),
    "tibial_nerve": NerveRadius(radius_from_area_mm2(19.6), radius_from_area_mm2(11.1), _SINGH),
    "common_fibular_nerve": NerveRadius(
        radius_from_area_mm2(7.9), radius_from_area_mm2(8.4), _META
    ),
    "sural_nerve": NerveRadius(radius_from_area_mm2(2.4), radius_from_area_mm2(2.4), _META),
    "femoral_nerve": NerveRadius(radius_from_area_mm2(24.8), radius_from_area_mm2(24.8), _RUSU),
    "pudendal_nerve": NerveRadius(0.00225, 0.00225, _PUDENDAL),
}


def radius_of(structure: str, radii: dict[str, NerveRadius] | None = None) -> NerveRadius:
    """The radius profile of a centreline structure (1 mm where none was measured)."""
    table = NERVE_RADII if radii is None else radii
    return table.get(structure) or NerveRadius(DEFAULT_RADIUS_M, DEFAULT_RADIUS_M, "")
