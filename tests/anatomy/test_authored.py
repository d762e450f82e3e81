"""The authored muscles and nerves (authored_muscles.yaml) read into typed values for the
built-in body's build."""

from __future__ import annotations

from pathlib import Path

import pytest

from tp_explorer.anatomy.builtin.authored import load_authored
from tp_explorer.anatomy.builtin.catalog import MODEL_MUSCLES
from tp_explorer.anatomy.builtin.landmarks import Landmark
from tp_explorer.knowledge.vocabulary import MESH_IDS, NERVE_IDS


def test_the_file_covers_every_muscle_the_models_lack_and_every_nerve() -> None:
    data = load_authored()
    assert {m for m in MESH_IDS if m not in MODEL_MUSCLES} <= set(data.muscles)
    assert set(NERVE_IDS) <= set(data.nerves)
    for name, spec in data.muscles.items():
        assert spec.path and all(isinstance(m, Landmark) for m in spec.path), name
        assert (spec.sheet is None) != (spec.force_n is None), name  # one way to size it
        a0, s0, s1, b1 = spec.belly
        assert 0.0 <= a0 <= s0 <= s1 <= b1 <= 1.0, name


def test_landmarks_keep_their_fractions_and_offsets() -> None:
    first = load_authored().muscles["obturator_internus"].path[0]
    assert first == Landmark("hip_bone", (0.22, 0.30, 0.20), (-6.0, 0.0, 0.0))
    assert load_authored().muscles["obturator_internus"].path[2].offset_mm == (0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("entry", "named"),
    [
        ("  bad_sheet:\n    sheet: {half_width_mm: [20, 10], thickness_mm: 3}\n"
         "    belly: [0.0, 0.1, 0.9, 1.0]\n    path: [{bone: femur, at: [0, 0, 0]}]\n",
         "bad_sheet"),
        ("  no_size:\n    belly: [0.0, 0.1, 0.9, 1.0]\n    path: [{bone: femur, at: [0, 0, 0]}]\n",
         "no_size"),
        ("  no_at:\n    force_n: 100\n    belly: [0.0, 0.1, 0.9, 1.0]\n"
         "    path: [{bone: femur}]\n", "no_at"),
        ("  short_belly:\n    force_n: 100\n    belly: [0.0, 0.1]\n"
         "    path: [{bone: femur, at: [0, 0, 0]}]\n", "short_belly"),
    ],
)  # fmt: skip
def test_a_malformed_entry_is_named(tmp_path: Path, entry: str, named: str) -> None:
    path = tmp_path / "authored.yaml"
    path.write_text(f"muscles:\n{entry}nerves: {{}}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=named):
        load_authored(path)
