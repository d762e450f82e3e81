"""Loading the committed assets: complete, and clear errors when a file is missing or broken."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tp_explorer.anatomy import load_anatomy
from tp_explorer.anatomy.format import ASSET_FILE
from tp_explorer.errors import AssetError
from tp_explorer.knowledge.vocabulary import BODY_AREAS, MESH_IDS, SIDES
from tp_explorer.resources import REBUILD_COMMAND, assets_dir

EXPECTED_BONES = (
    "sacrum", "lumbar_1", "lumbar_2", "lumbar_3", "lumbar_4", "lumbar_5", "thorax",
    *(f"{b}_{s}" for b in ("hip_bone", "femur", "patella", "tibia", "fibula", "talus", "foot",
                           "toes") for s in SIDES),
)  # fmt: skip


def test_every_mesh_id_and_side_is_built(anatomy) -> None:
    assert set(anatomy.muscles) == set(MESH_IDS)
    for mesh_id in MESH_IDS:
        assert set(anatomy.muscles[mesh_id]) == set(SIDES)
        assert set(anatomy.muscle_paths[mesh_id]) == set(SIDES)


def test_all_bones_are_present(anatomy) -> None:
    assert set(EXPECTED_BONES) <= set(anatomy.bones)
    for name, mesh in anatomy.bones.items():
        assert mesh.n_cells > 50, name


def test_every_body_area_exists_on_both_sides(anatomy) -> None:
    assert set(anatomy.areas) == set(BODY_AREAS)


def test_default_scene_fits_the_triangle_budget(anatomy) -> None:
    """Well inside the window's 250 k budget: 77 muscle meshes of 560 triangles a side
    (issue 24 took them from 40 to 77), the bones and the skin."""
    bones = sum(m.n_cells for m in anatomy.bones.values())
    muscles = sum(m.n_cells for sides in anatomy.muscles.values() for m in sides.values())
    total = bones + muscles + anatomy.skin.n_cells
    assert total <= 140_000, (bones, muscles, anatomy.skin.n_cells)


def test_assets_are_compact() -> None:
    size = sum(p.stat().st_size for p in assets_dir().rglob("*") if p.is_file())
    assert size <= 15 * 1024 * 1024
    assert (assets_dir() / "NOTICE.md").is_file()


def test_notice_credits_the_sources() -> None:
    text = (assets_dir() / "NOTICE.md").read_text(encoding="utf-8")
    for needle in ("myo-sim", "Apache", "Rajagopal", "2016", "Walia", "2025"):
        assert needle in text


def test_missing_asset_names_file_and_rebuild_command(tmp_path: Path) -> None:
    with pytest.raises(AssetError) as err:
        load_anatomy(tmp_path)
    assert ASSET_FILE in str(err.value)
    assert REBUILD_COMMAND in str(err.value)


def test_corrupt_asset_names_file_and_rebuild_command(tmp_path: Path) -> None:
    (tmp_path / ASSET_FILE).write_bytes(b"this is not a zip archive")
    with pytest.raises(AssetError) as err:
        load_anatomy(tmp_path)
    assert str(tmp_path / ASSET_FILE) in str(err.value)
    assert REBUILD_COMMAND in str(err.value)


def test_truncated_asset_is_reported(tmp_path: Path) -> None:
    data = (assets_dir() / ASSET_FILE).read_bytes()
    (tmp_path / ASSET_FILE).write_bytes(data[: len(data) // 2])
    with pytest.raises(AssetError, match=r"corrupt|lacks"):
        load_anatomy(tmp_path)


def test_asset_missing_an_array_is_reported(tmp_path: Path) -> None:
    with np.load(assets_dir() / ASSET_FILE) as npz:
        arrays = {k: npz[k] for k in npz.files if k != "skin_faces"}
    np.savez(tmp_path / ASSET_FILE, **arrays)
    with pytest.raises(AssetError, match="skin_faces"):
        load_anatomy(tmp_path)


@pytest.mark.parametrize(
    ("key", "change", "words"),
    [
        ("skin_normals", lambda a: a[:-1], "skin_normals"),
        ("landmark_values", lambda a: a[:-1], "landmark"),
        ("landmark_names", lambda a: np.where(a == "trunk.l3_z", "trunk.l3", a), "trunk.l3_z"),
    ],
)
def test_asset_with_an_unusable_fine_map_input_is_reported(
    tmp_path: Path, key: str, change, words: str
) -> None:
    """The fine skin map is drawn at load from the skin's normals and the landmark table."""
    with np.load(assets_dir() / ASSET_FILE) as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays[key] = change(arrays[key])
    np.savez(tmp_path / ASSET_FILE, **arrays)
    with pytest.raises(AssetError, match=words) as err:
        load_anatomy(tmp_path)
    assert REBUILD_COMMAND in str(err.value)


def test_a_copy_of_the_assets_loads(tmp_path: Path) -> None:
    shutil.copy(assets_dir() / ASSET_FILE, tmp_path / ASSET_FILE)
    anat = load_anatomy(assets_dir=tmp_path)
    assert anat.skin.n_points > 1000


def test_runtime_loader_never_imports_the_build_inputs() -> None:
    code = (
        "import sys; from tp_explorer.anatomy import load_anatomy; load_anatomy(); "
        "bad = [m for m in sys.modules if m.startswith('tp_explorer.anatomy.builtin.') "
        "and m != 'tp_explorer.anatomy.builtin.load']; "
        "bad += [m for m in ('mujoco', 'myo_sim', 'PySide6') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
