"""Muscles and nerves the models lack, from landmarks authored in authored_muscles.yaml.

The file is read into typed values here (a malformed entry fails with its name), so the build
steps see landmarks and numbers, not YAML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from tp_explorer.anatomy.builtin.bellies import STATIONS, TENDON_AREA, Layout
from tp_explorer.anatomy.builtin.catalog import ANATOMICAL_FRACTION, SPECIFIC_TENSION
from tp_explorer.anatomy.builtin.landmarks import Landmark, resolve_path, triple
from tp_explorer.anatomy.builtin.source import Bone
from tp_explorer.anatomy.derive.landmarks import lateral_sign
from tp_explorer.anatomy.derive.lofts import resample, smooth_polyline
from tp_explorer.anatomy.derive.sections import bump

AUTHORED_FILE = Path(__file__).resolve().parent.parent / "authored_muscles.yaml"


@dataclass(frozen=True)
class Sheet:
    """A flat layer: half-widths at its start and end and its thickness (mm)."""

    half_width_mm: tuple[float, float]
    thickness_mm: float


@dataclass(frozen=True)
class AuthoredMuscle:
    """One authored muscle: its path (origin first), belly profile and section.

    A sheet gives its section directly (with ``width_axis`` for the width); otherwise
    ``force_n`` sets the cross-section and ``aspect`` its flattening.
    """

    path: tuple[Landmark, ...]
    belly: tuple[float, float, float, float]
    force_n: float | None = None
    aspect: float = 1.5
    sheet: Sheet | None = None
    width_axis: tuple[float, float, float] | None = None


@dataclass(frozen=True)
class Authored:
    """Everything the file holds: muscles and nerve/vessel courses by id."""

    muscles: dict[str, AuthoredMuscle]
    nerves: dict[str, tuple[Landmark, ...]]


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"a number expected, not {value!r}")
    return float(value)


def _marks(raw: object) -> tuple[Landmark, ...]:
    if not isinstance(raw, list):
        raise ValueError(f"a list of landmarks expected, not {raw!r}")
    return tuple(Landmark.parse(m) for m in raw)


def _muscle(spec: Mapping[str, object]) -> AuthoredMuscle:
    belly = spec["belly"]
    if not isinstance(belly, list) or len(belly) != 4:
        raise ValueError("belly needs four fractions")
    a0, s0, s1, b1 = (_number(v) for v in belly)
    sheet = None
    if (raw := spec.get("sheet")) is not None:
        if not isinstance(raw, Mapping) or "width_axis" not in spec:
            raise ValueError("a sheet needs half_width_mm, thickness_mm and a width_axis")
        h0, h1 = (_number(v) for v in raw["half_width_mm"])
        sheet = Sheet((h0, h1), _number(raw["thickness_mm"]))
    elif "force_n" not in spec:
        raise ValueError("an authored muscle needs force_n or a sheet")
    force, axis = spec.get("force_n"), spec.get("width_axis")
    return AuthoredMuscle(
        path=_marks(spec["path"]),
        belly=(a0, s0, s1, b1),
        force_n=None if force is None else _number(force),
        aspect=_number(spec.get("aspect", 1.5)),
        sheet=sheet,
        width_axis=None if axis is None else triple(axis),
    )


def load_authored(path: Path = AUTHORED_FILE) -> Authored:
    """The parsed data file; ValueError names the entry that does not fit."""
    with path.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    muscles: dict[str, AuthoredMuscle] = {}
    nerves: dict[str, tuple[Landmark, ...]] = {}
    where = "muscles"
    try:
        for name, spec in raw["muscles"].items():
            where = str(name)
            muscles[where] = _muscle(spec)
        where = "nerves"
        for name, marks in raw["nerves"].items():
            where = str(name)
            nerves[where] = _marks(marks)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: {where}: {exc}") from exc
    return Authored(muscles, nerves)


def authored_layout(
    spec: AuthoredMuscle, side: str, bones: Mapping[str, Bone]
) -> tuple[Layout, float]:
    """Centreline and cross-sections of one authored muscle on one side, and its aspect."""
    raw = resolve_path(spec.path, side, bones)
    centre = resample(smooth_polyline(raw), STATIONS)
    s = np.linspace(0, 1, STATIONS)
    profile = bump(s, spec.belly)
    if spec.sheet is not None:
        h0, h1 = (v / 1000.0 for v in spec.sheet.half_width_mm)
        half = h0 + (h1 - h0) * s
        thick = spec.sheet.thickness_mm / 2000.0
        area = np.pi * half * thick
        ax = np.asarray(spec.width_axis, dtype=float)
        ax = np.array([ax[0] * lateral_sign(side), ax[1], ax[2]])
        width_dir = np.tile(ax, (STATIONS, 1))
        aspect = float(np.max(half / thick))
        return Layout(centre, area, width_dir, half), aspect
    if spec.force_n is None:
        raise ValueError("an authored muscle needs force_n or a sheet")
    total = spec.force_n / SPECIFIC_TENSION * ANATOMICAL_FRACTION
    area = TENDON_AREA + (total - TENDON_AREA) * profile
    return Layout(centre, area, None, None), spec.aspect
