"""The skeletal landmarks both sources give the area rules, in two values (one per side, one for
the midline), and the side convention.

Each source finds them its own way (the built-in body from the model's joint centres and bones,
the atlas from its bone meshes' shapes); the rules in areas.py and the fine map (fine_map.py)
see only these values.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class SideLandmarks:
    """Joint centres and bony heights of one side (world frame, metres)."""

    hip: np.ndarray
    knee: np.ndarray
    ankle: np.ndarray
    mtp: np.ndarray
    heel_y: float
    toes_medial_x: float
    crest_z: float
    ischial_z: float
    pubis_z: float
    sole_z: float
    metatarsal_heads: np.ndarray  # (5, 3): heads of the first (big-toe) to fifth metatarsal
    heel_back: np.ndarray  # back-centre of the heel bone (its most posterior part)


@dataclass(frozen=True)
class TrunkLandmarks:
    """Midline depths and heights of the pelvis and spine, for the fine map's trunk rules."""

    ischial_y: float  # mean y of the two ischial tuberosities (urogenital / anal border)
    sacral_apex_z: float  # lower end of the sacrum proper (above the coccyx)
    l3_z: float  # centre height of the third lumbar vertebra
    l1_top_z: float  # between the first lumbar and the twelfth thoracic vertebra


def lateral_sign(side: str) -> float:
    """+1 when lateral is +x (the subject's left), -1 when lateral is -x (the subject's right)."""
    return 1.0 if side == "left" else -1.0


# Both skeletons' sacrum bones end at the coccyx tip: the atlas's narrows to a 2.4 cm waist (the
# sacrococcygeal joint) 3.4 cm above its tip, and its tip lies near the top of the pubic
# symphysis, as the coccyx tip does. The sacrum proper ends about this far above the tip.
COCCYX_HEIGHT = 0.03


def sacral_apex_z(sacrum: np.ndarray) -> float:
    """Height of the sacral apex (the sacrococcygeal joint), from the sacrum bone's points."""
    return float(sacrum[:, 2].min()) + COCCYX_HEIGHT


def centre_z(bone: np.ndarray) -> float:
    """Centre height of a bone: midway between its lowest and highest points (robust to how
    densely each part of the mesh is sampled)."""
    return float(0.5 * (bone[:, 2].min() + bone[:, 2].max()))


def metatarsal_head(metatarsal: np.ndarray) -> np.ndarray:
    """Centre of a metatarsal's head: the mean of its front 12 mm (the toes point to -y)."""
    front = metatarsal[metatarsal[:, 1] < metatarsal[:, 1].min() + 0.012]
    head: np.ndarray = front.mean(axis=0)
    return head


def heel_back(calcaneus: np.ndarray) -> np.ndarray:
    """Back-centre of the heel bone: the mean of its hindmost 5 mm."""
    back = calcaneus[calcaneus[:, 1] > calcaneus[:, 1].max() - 0.005]
    centre: np.ndarray = back.mean(axis=0)
    return centre
