"""Installing the atlas: idempotent, refuses bad files with the old cache intact, downloads from
a local HTTP server on 127.0.0.1 (never the internet), and exits 4 from the command line."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.conftest import ATLAS_SOURCE, REPO, require_atlas_source
from tp_explorer.anatomy.atlas.install import InstallError, install
from tp_explorer.anatomy.atlas.manifest import read_manifest


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "atlas").iterdir())}


@pytest.fixture(scope="module")
def source_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("bp3d") / "bodyparts3d"
    shutil.copytree(require_atlas_source(), target)
    return target


def test_second_install_of_the_same_data_does_nothing(atlas_data_dir: Path) -> None:
    before = _snapshot(atlas_data_dir)
    result = install(ATLAS_SOURCE, data=atlas_data_dir)
    assert result.changed is False
    assert _snapshot(atlas_data_dir) == before


def test_a_cache_from_before_the_new_muscles_asks_for_a_reinstall(
    atlas_data_dir: Path, tmp_path: Path
) -> None:
    """A cache built by an older version (an older build version, the 40 muscles of before
    issue 24) is not used: loading it names the reinstall command, and an install without
    --force rebuilds it instead of calling it current."""
    import json

    from tp_explorer.anatomy.atlas.cache import read_cache, write_cache
    from tp_explorer.anatomy.atlas.install import BUILD_VERSION
    from tp_explorer.anatomy.atlas.load import load_atlas
    from tp_explorer.errors import AssetError

    arrays = read_cache(atlas_data_dir / "atlas")
    arrays["muscle_ids"] = arrays["muscle_ids"][:40]
    status = json.loads((atlas_data_dir / "atlas" / "atlas.json").read_text())
    status["build_version"] = BUILD_VERSION - 1
    old = tmp_path / "old"
    write_cache(old / "atlas", arrays, status)
    with pytest.raises(AssetError, match="reinstall it with 'tp-explorer atlas install'"):
        load_atlas(old / "atlas")
    with pytest.raises(InstallError):  # it goes on to rebuild: here from a folder not there
        install(tmp_path / "nowhere", data=old)


@pytest.mark.parametrize("damage", ["flip", "truncate"])
def test_a_bad_file_is_refused_by_name_and_the_cache_stays(
    atlas_data_dir: Path, source_copy: Path, damage: str
) -> None:
    entry = next(e for e in read_manifest() if e.kind == "muscle" and e.draco)
    path = source_copy / entry.file
    good = path.read_bytes()
    try:
        if damage == "flip":
            bad = bytearray(good)
            bad[len(bad) // 2] ^= 0xFF
            path.write_bytes(bytes(bad))
        else:
            path.write_bytes(good[: len(good) // 2])
        before = _snapshot(atlas_data_dir)
        with pytest.raises(InstallError) as info:
            install(source_copy, data=atlas_data_dir, force=True)
        assert entry.file in str(info.value)
        assert info.value.exit_code == 4
        assert _snapshot(atlas_data_dir) == before
    finally:
        path.write_bytes(good)


def test_a_missing_file_is_named(tmp_path: Path, source_copy: Path) -> None:
    entry = read_manifest()[3]
    moved = tmp_path / "moved.glb"
    shutil.move(source_copy / entry.file, moved)
    try:
        with pytest.raises(InstallError, match="file missing"):
            install(source_copy, data=tmp_path / "data")
        assert not (tmp_path / "data" / "atlas" / "atlas.npz").exists()
    finally:
        shutil.move(moved, source_copy / entry.file)


def test_an_unwritable_data_folder_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(InstallError, match="a-file"):
        install(ATLAS_SOURCE, data=blocker / "data")


class _Server:
    def __init__(self, root: Path, missing: set[str]) -> None:
        self.requests: list[str] = []
        self.missing = missing
        outer = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.requests.append(self.path)
                if any(self.path.endswith(m) for m in outer.missing):
                    self.send_error(404)
                    return
                super().do_GET()

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Handler, directory=str(root))
        )
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"


@pytest.fixture
def server() -> Iterator[_Server]:
    srv = _Server(require_atlas_source(), set())
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()


def test_download_from_a_mirror_resumes_after_an_interruption(
    tmp_path: Path, server: _Server
) -> None:
    entries = read_manifest()
    late = entries[len(entries) // 2].file
    server.missing = {late}
    data = tmp_path / "data"
    with pytest.raises(InstallError, match="download failed"):
        install(url=server.url, data=data)
    assert not (data / "atlas").exists()
    fetched_first = len(server.requests)
    server.missing = set()
    server.requests.clear()
    progress: list[tuple[str, float, float]] = []
    result = install(
        url=server.url, data=data, progress=lambda s, d, t, w: progress.append((s, d, t))
    )
    assert result.changed and result.status["installed"]
    # files fetched before the interruption were kept, not fetched again
    assert len(server.requests) == len(entries) - (fetched_first - 1)
    assert progress[-1][0] == "build" and any(p[0] == "download" for p in progress)


def test_cli_exits_4_naming_the_folder(tmp_path: Path) -> None:
    from tp_explorer.cli import main

    assert main(["atlas", "install", "--from", str(tmp_path / "nowhere")]) == 4


def test_status_json_names_what_is_installed(
    atlas_data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from tp_explorer.cli import main

    monkeypatch.setenv("TP_EXPLORER_DATA_DIR", str(atlas_data_dir))
    assert main(["atlas", "status", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["installed"] is True
    drawn = {
        "quadratus_lumborum", "multifidus", "plantar_fascia", "extensor_digitorum_brevis",
        "flexor_digiti_minimi_brevis", "bulbospongiosus", "ischiocavernosus",
        "transverse_perineal", "rectus_abdominis", "pyramidalis", "internal_oblique",
        "transversus_abdominis", *(f"dorsal_interosseous_{k}" for k in range(1, 5)),
    }  # fmt: skip
    assert info["muscles_mapped"] == 61  # the knowledge muscles BodyParts3D has
    assert set(info["muscles_drawn"]) == drawn
    assert 100_000 < info["triangles"] <= 250_000
    assert 0 < info["bytes"] <= 40e6


def test_no_committed_file_holds_atlas_geometry(atlas: Any) -> None:
    """Neither a BodyParts3D file (glTF/Draco) nor a mesh made from one is committed."""
    from scipy.spatial import cKDTree

    meshes = [*atlas.bones.values(), atlas.skin]
    meshes += [m for by_side in atlas.muscles.values() for m in by_side.values()]
    atlas_pts = np.vstack([np.asarray(m.points) for m in meshes])
    trees = [cKDTree(atlas_pts), cKDTree(atlas_pts * 1000.0)]  # metres, and millimetres
    files = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in files:
        path = REPO / name
        if not path.is_file():
            continue
        head = path.read_bytes()[:64]
        assert not head.startswith(b"glTF"), f"{name} is a glTF file"
        assert b"DRACO" not in head, f"{name} is a Draco file"
        assert not name.endswith((".glb", ".gltf", ".drc", ".stl", ".obj", ".ply", ".vtk", ".vtp"))
        if name.endswith(".npz"):
            with np.load(path) as npz:
                for key in npz.files:
                    arr = npz[key]
                    if arr.dtype.kind != "f" or arr.shape[-1:] != (3,) or arr.size < 30:
                        continue
                    pts = arr.reshape(-1, 3).astype(float)
                    for tree in trees:
                        d, _ = tree.query(pts, k=1)
                        share = float((d < 1e-5 * (1000 if tree is trees[1] else 1)).mean())
                        assert share < 0.01, f"{name}:{key} holds atlas vertices"
