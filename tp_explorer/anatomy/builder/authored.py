"""Bellies for muscles the models lack, from landmarks authored in authored_muscles.yaml."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import yaml

from tp_explorer.anatomy.builder.bellies import STATIONS, TENDON_AREA, Layout, _bump, resample
from tp_explorer.anatomy.builder.catalog import ANATOMICAL_FRACTION, SPECIFIC_TENSION
from tp_explorer.anatomy.builder.landmarks import lateral_sign, resolve_path
from tp_explorer.anatomy.builder.model import Bone

AUTHORED_FILE = Path(__file__).resolve().parent.parent / "authored_muscles.yaml"


def load_authored(path: Path = AUTHORED_FILE) -> dict:
    """The parsed data file (muscles and nerves)."""
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def authored_layout(
    spec: Mapping[str, object], side: str, bones: Mapping[str, Bone]
) -> tuple[Layout, float]:
    """Centreline and cross-sections of one authored muscle on one side, and its aspect."""
    raw = resolve_path(spec["path"], side, bones)  # type: ignore[arg-type]
    centre = resample(_spline(raw), STATIONS)
    s = np.linspace(0, 1, STATIONS)
    bump = _bump(s, tuple(spec["belly"]))  # type: ignore[arg-type]
    if "sheet" in spec:
        sheet = spec["sheet"]
        h0, h1 = (v / 1000.0 for v in sheet["half_width_mm"])
        half = h0 + (h1 - h0) * s
        thick = sheet["thickness_mm"] / 2000.0
        area = np.pi * half * thick
        ax = np.asarray(spec["width_axis"], dtype=float)
        ax = np.array([ax[0] * lateral_sign(side), ax[1], ax[2]])
        width_dir = np.tile(ax, (STATIONS, 1))
        aspect = float(np.max(half / thick))
        return Layout(centre, area, width_dir, half), aspect
    total = float(spec["force_n"]) / SPECIFIC_TENSION * ANATOMICAL_FRACTION
    area = TENDON_AREA + (total - TENDON_AREA) * bump
    return Layout(centre, area, None, None), float(spec.get("aspect", 1.5))


def _spline(points: np.ndarray, per_segment: int = 8) -> np.ndarray:
    """Catmull-Rom through the landmarks so the belly bends smoothly."""
    if len(points) < 3:
        return points
    p = np.vstack([2 * points[0] - points[1], points, 2 * points[-1] - points[-2]])
    out = []
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = p[i - 1], p[i], p[i + 1], p[i + 2]
        for t in np.linspace(0, 1, per_segment, endpoint=False):
            t2, t3 = t * t, t * t * t
            out.append(
                0.5
                * (
                    2 * p1
                    + (-p0 + p2) * t
                    + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2
                    + (-p0 + 3 * p1 - 3 * p2 + p3) * t3
                )
            )
    out.append(points[-1])
    return np.array(out)
