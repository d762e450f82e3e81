"""Muscles BodyParts3D lacks, drawn between their attachments on the atlas's own bones.

Each is a closed belly or sheet (tp_explorer.anatomy.derive.sections) whose sections follow
named bony attachments and the muscles and skin around it, so its shape and place follow the
atlas body. They are marked as drawn wherever the program names them. The drawing rules live
by region: the lower back, the abdominal wall, the perineum and the foot.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from tp_explorer.anatomy.atlas import drawn_back, drawn_foot, drawn_perineum, drawn_wall
from tp_explorer.anatomy.atlas.drawing import DrawContext
from tp_explorer.anatomy.derive.sections import Loft

Rule = Callable[[DrawContext, str], Loft]

RULES: dict[str, Rule] = {
    "quadratus_lumborum": drawn_back.quadratus_lumborum,
    "multifidus": drawn_back.multifidus,
    "plantar_fascia": drawn_foot.plantar_fascia,
    "extensor_digitorum_brevis": drawn_foot.extensor_digitorum_brevis,
    "flexor_digiti_minimi_brevis": drawn_foot.flexor_digiti_minimi_brevis,
    **{
        f"dorsal_interosseous_{k}": partial(drawn_foot.dorsal_interosseous, k=k)
        for k in (1, 2, 3, 4)
    },
    "bulbospongiosus": drawn_perineum.bulbospongiosus,
    "ischiocavernosus": drawn_perineum.ischiocavernosus,
    "transverse_perineal": drawn_perineum.transverse_perineal,
    "rectus_abdominis": drawn_wall.rectus_abdominis,
    "pyramidalis": drawn_wall.pyramidalis,
    "internal_oblique": drawn_wall.internal_oblique,
    "transversus_abdominis": drawn_wall.transversus_abdominis,
}


def draw_muscle(name: str, ctx: DrawContext, side: str) -> Loft:
    """The drawn surface of one muscle the atlas lacks, with its path (origin first)."""
    if name not in RULES:
        raise KeyError(f"no drawing rule for {name!r}")
    return RULES[name](ctx, side)
