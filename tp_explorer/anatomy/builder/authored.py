"""Bellies for muscles the models lack, from landmarks authored in authored_muscles.yaml."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import yaml

from tp_explorer.anatomy.builder.bellies import (
    STATIONS,
    TENDON_AREA,
    Layout,
    _bump,
    resample,
    smooth_polyline,
)
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
    centre = resample(smooth_polyline(raw), STATIONS)
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
