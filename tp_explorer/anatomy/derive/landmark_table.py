"""The landmarks as a flat table of named numbers, so a source can store them beside its skin
(the built-in body's asset file) and the fine skin map can be drawn when it loads.

A name is ``owner.field`` for a number and ``owner.field.i`` for each entry of an array field
(in C order); the owners are the sides and ``trunk``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields

import numpy as np

from tp_explorer.anatomy.derive.landmarks import SideLandmarks, TrunkLandmarks

# Shapes of the array fields of SideLandmarks (the others are numbers).
SIDE_SHAPES: dict[str, tuple[int, ...]] = {
    "hip": (3,),
    "knee": (3,),
    "ankle": (3,),
    "mtp": (3,),
    "metatarsal_heads": (5, 3),
    "heel_back": (3,),
}
TRUNK = "trunk"


def to_table(
    sides: Mapping[str, SideLandmarks], trunk: TrunkLandmarks
) -> tuple[np.ndarray, np.ndarray]:
    """(names, values): one name per stored number."""
    names: list[str] = []
    values: list[float] = []
    for side, lm in sides.items():
        for f in fields(SideLandmarks):
            value = np.asarray(getattr(lm, f.name), dtype=np.float64)
            if f.name in SIDE_SHAPES:
                names += [f"{side}.{f.name}.{i}" for i in range(value.size)]
                values += [float(v) for v in value.ravel()]
            else:
                names.append(f"{side}.{f.name}")
                values.append(float(value))
    for f in fields(TrunkLandmarks):
        names.append(f"{TRUNK}.{f.name}")
        values.append(float(getattr(trunk, f.name)))
    return np.array(names), np.array(values, dtype=np.float64)


def from_table(
    names: np.ndarray, values: np.ndarray, sides: tuple[str, ...]
) -> tuple[dict[str, SideLandmarks], TrunkLandmarks]:
    """The landmarks back from a table; KeyError names the first missing number, ValueError
    a table whose names and values do not pair up or hold a non-finite number."""
    if names.shape != values.shape or names.ndim != 1:
        raise ValueError("landmark names and values do not pair up")
    if not np.isfinite(values).all():
        raise ValueError("a landmark is NaN or infinite")
    table = {str(n): float(v) for n, v in zip(names, values, strict=True)}

    def number(name: str) -> float:
        if name not in table:
            raise KeyError(f"landmark {name} is missing")
        return table[name]

    def array(owner: str, field: str) -> np.ndarray:
        shape = SIDE_SHAPES[field]
        count = int(np.prod(shape))
        return np.array([number(f"{owner}.{field}.{i}") for i in range(count)]).reshape(shape)

    def side_landmarks(side: str) -> SideLandmarks:
        return SideLandmarks(
            hip=array(side, "hip"),
            knee=array(side, "knee"),
            ankle=array(side, "ankle"),
            mtp=array(side, "mtp"),
            heel_y=number(f"{side}.heel_y"),
            toes_medial_x=number(f"{side}.toes_medial_x"),
            crest_z=number(f"{side}.crest_z"),
            ischial_z=number(f"{side}.ischial_z"),
            pubis_z=number(f"{side}.pubis_z"),
            sole_z=number(f"{side}.sole_z"),
            metatarsal_heads=array(side, "metatarsal_heads"),
            heel_back=array(side, "heel_back"),
        )

    out = {side: side_landmarks(side) for side in sides}
    trunk = TrunkLandmarks(**{f.name: number(f"{TRUNK}.{f.name}") for f in fields(TrunkLandmarks)})
    return out, trunk
