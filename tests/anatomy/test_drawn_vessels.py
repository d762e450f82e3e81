"""The drawn gluteal and pudendal vessels and cutaneous nerves: present on both sides, marked
drawn, each with its source, in their textbook places, and now the nearest to piriformis."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from tp_explorer.anatomy.atlas.more_courses import COURSE_SOURCES, DRAWN_MORE
from tp_explorer.anatomy.depth import DepthMeter, centreline_kind
from tp_explorer.state.approach import readings


def test_each_drawn_course_is_there_on_both_sides_marked_drawn_with_a_source(atlas: Any) -> None:
    assert len(DRAWN_MORE) == 8
    for name in DRAWN_MORE:
        assert set(atlas.nerves[name]) == {"left", "right"}, name
        assert name in atlas.drawn and COURSE_SOURCES[name].count("http") >= 1, name
        left, right = atlas.nerves[name]["left"], atlas.nerves[name]["right"]
        assert len(left) >= 8 and float(np.mean(left[:, 0])) > 0 > float(np.mean(right[:, 0]))
    kinds = {name: centreline_kind(name) for name in DRAWN_MORE}
    assert kinds["superior_gluteal_artery"] == kinds["internal_pudendal_vessels"] == "artery"
    assert kinds["sural_nerve"] == kinds["saphenous_nerve"] == "nerve"


@pytest.mark.parametrize("side", ["left", "right"])
def test_gluteal_arteries_run_above_and_below_piriformis(atlas: Any, side: str) -> None:
    piri = np.asarray(atlas.muscles["piriformis"][side].points)
    ax = np.abs(piri[:, 0])
    x = ax.max() - 0.6 * (ax.max() - ax.min())  # where both have left the pelvis
    slab = piri[np.abs(ax - x) < 0.008]
    for name, above in (("superior_gluteal_artery", True), ("inferior_gluteal_artery", False)):
        line = atlas.nerves[name][side]
        near = line[np.argmin(np.abs(np.abs(line[:, 0]) - x))]
        if above:
            assert near[2] > slab[:, 2].max(), name
        else:
            assert near[2] < slab[:, 2].min(), name
    saphenous, sural = atlas.nerves["saphenous_nerve"][side], atlas.nerves["sural_nerve"][side]
    tibia = np.asarray(atlas.bones[f"tibia_{side}"].points)
    sign = 1.0 if side == "left" else -1.0
    assert sign * saphenous[-1, 0] < sign * tibia[:, 0].mean()  # medial ankle
    assert sign * sural[-1, 0] > sign * tibia[:, 0].mean()  # lateral ankle


def test_piriformis_nearest_artery_is_a_gluteal_or_pudendal_vessel(
    atlas: Any, knowledge: Any
) -> None:
    meter = DepthMeter(atlas)
    for r in readings(meter, knowledge.muscles["piriformis"], ("left", "right")):
        artery = r.path.nearest("artery")
        assert artery is not None and artery.path_distance_m < 0.035
        assert artery.structure in {
            "superior_gluteal_artery",
            "inferior_gluteal_artery",
            "internal_pudendal_vessels",
        }
