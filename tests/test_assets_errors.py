"""Missing or corrupt asset files: an AssetError naming the file and the rebuild command, exit 4.

Each case copies the committed assets to a temporary folder, damages the copy one way, and
points the loader (and, through ``resources.assets_dir``, the command line) at it. A check that
is removed from the loader makes its case fail: either no error, or a traceback instead of one.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from tp_explorer import resources
from tp_explorer.anatomy import load_anatomy
from tp_explorer.anatomy.format import ASSET_FILE
from tp_explorer.cli import main
from tp_explorer.errors import AssetError
from tp_explorer.resources import REBUILD_COMMAND

Arrays = dict[str, np.ndarray]


def _arrays() -> Arrays:
    with np.load(resources.assets_dir() / ASSET_FILE, allow_pickle=False) as npz:
        return {k: npz[k] for k in npz.files}


def _write(folder: Path, arrays: Arrays) -> None:
    np.savez_compressed(folder / ASSET_FILE, **arrays)


def _edit(change: Callable[[Arrays], None]) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        arrays = _arrays()
        change(arrays)
        _write(folder, arrays)

    return damage


def _set(key: str, value: object) -> Callable[[Arrays], None]:
    def change(a: Arrays) -> None:
        a[key] = np.asarray(value)

    return change


def _poke(key: str, index: tuple[int, ...], value: float) -> Callable[[Arrays], None]:
    def change(a: Arrays) -> None:
        a[key] = a[key].copy()
        a[key][index] = value

    return change


def _drop(key: str) -> Callable[[Arrays], None]:
    def change(a: Arrays) -> None:
        del a[key]

    return change


def _truncate(folder: Path) -> None:
    path = folder / ASSET_FILE
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _garbage(folder: Path) -> None:
    (folder / ASSET_FILE).write_bytes(np.random.default_rng(8).bytes(50_000))


def _empty(folder: Path) -> None:
    (folder / ASSET_FILE).write_bytes(b"")


def _missing(folder: Path) -> None:
    (folder / ASSET_FILE).unlink()


def _folder_instead(folder: Path) -> None:
    (folder / ASSET_FILE).unlink()
    (folder / ASSET_FILE).mkdir()


def _pickled(folder: Path) -> None:
    arrays = _arrays()
    arrays["skin_points"] = np.array([object()] * 3, dtype=object)
    _write(folder, arrays)


def _bad_member(folder: Path) -> None:
    """A valid zip whose skin_points member is not an .npy at all."""
    src = folder / ASSET_FILE
    buffer = io.BytesIO()
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(buffer, "w") as new:
        for item in old.infolist():
            data = b"not an array" if item.filename == "skin_points.npy" else old.read(item)
            new.writestr(item, data)
    src.write_bytes(buffer.getvalue())


# name -> (damage, words the message must contain)
CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "missing": (_missing, "missing"),
    "folder_instead_of_file": (_folder_instead, "missing"),
    "empty": (_empty, "corrupt"),
    "truncated": (_truncate, "corrupt"),
    "garbage_bytes": (_garbage, "corrupt"),
    "member_not_npy": (_bad_member, "corrupt"),
    "pickled_objects": (_pickled, "corrupt"),
    "key_missing": (_edit(_drop("skin_faces")), "lacks skin_faces"),
    "old_format": (_edit(_set("format_version", 0)), "asset format 0"),
    "format_not_a_number": (_edit(_set("format_version", "one")), "corrupt"),
    "foreign_vocabulary": (_edit(lambda a: a.update(muscle_ids=a["muscle_ids"][::-1])), "vocab"),
    "nan_skin_point": (_edit(_poke("skin_points", (5, 1), np.nan)), "NaN"),
    "inf_muscle_point": (_edit(_poke("muscle_points", (3, 1, 7, 0), np.inf)), "NaN"),
    "nan_nerve_point": (_edit(_poke("nerve_points", (0, 2), np.nan)), "NaN"),
    "skin_face_out_of_range": (_edit(_poke("skin_faces", (10, 0), 10**7)), "skin_faces"),
    "negative_face_index": (_edit(_poke("belly_faces", (0, 0), -1)), "negative"),
    "belly_face_out_of_range": (_edit(_poke("belly_faces", (4, 2), 5000)), "belly_faces"),
    "bone_face_past_its_bone": (_edit(_poke("bone_faces", (0, 0), 2000)), "bone_faces"),
    "points_2d_not_3d": (_edit(lambda a: a.update(skin_points=a["skin_points"][:, :2])), "3D"),
    "faces_as_floats": (_edit(lambda a: a.update(skin_faces=a["skin_faces"] * 1.0)), "triangles"),
    "muscle_points_one_side": (
        _edit(lambda a: a.update(muscle_points=a["muscle_points"][:, :1])),
        "muscle_points",
    ),
    "belly_layout_wrong": (_edit(_set("belly_layout", [19, 14])), "belly_layout"),
    "bone_counts_do_not_add_up": (
        _edit(lambda a: a.update(bone_npts=a["bone_npts"] + 1)),
        "bone counts",
    ),
    "skin_area_short": (_edit(lambda a: a.update(skin_area=a["skin_area"][:-5])), "skin_area"),
    "skin_area_unknown": (_edit(_poke("skin_area", (0,), 99)), "unknown body area"),
    "skin_side_unknown": (_edit(_poke("skin_side", (0,), 7)), "skin_side"),
    "nerve_counts_wrong": (_edit(_poke("nerve_counts", (0, 0), 10**6)), "nerve_counts"),
}


@pytest.fixture
def assets_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "assets"
    shutil.copytree(resources.assets_dir(), folder)
    return folder


def test_the_copy_itself_loads(assets_copy: Path) -> None:
    """Guards the test: an undamaged copy must load, so each failure below is the damage's."""
    anatomy = load_anatomy(assets_copy)
    assert anatomy.muscles


@pytest.mark.parametrize("case", sorted(CASES))
def test_damaged_asset_names_file_and_rebuild_command(case: str, assets_copy: Path) -> None:
    """Guards the loader's checks: each damage is an AssetError, never a crash or a bad scene."""
    damage, words = CASES[case]
    damage(assets_copy)
    with pytest.raises(AssetError) as info:
        load_anatomy(assets_copy)
    message = str(info.value)
    assert str(assets_copy / ASSET_FILE) in message
    assert REBUILD_COMMAND in message
    assert words.lower() in message.lower(), message
    assert info.value.exit_code == 4


@pytest.mark.parametrize("case", ["missing", "truncated", "nan_skin_point"])
def test_snapshot_command_exits_4_without_traceback(
    case: str,
    assets_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Guards cli.main's handling: a damaged asset is one line on stderr and exit code 4."""
    CASES[case][0](assets_copy)
    monkeypatch.setattr(resources, "assets_dir", lambda: assets_copy)
    out = tmp_path / "x.png"
    code = main(["snapshot", "pelvis", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 4
    assert "Traceback" not in err
    assert str(assets_copy / ASSET_FILE) in err
    assert REBUILD_COMMAND in err
    assert not out.exists()
