"""An installed (non-editable) wheel finds regions.yaml and assets/ and runs from outside the repo."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the built wheel; dependencies come from the test venv by path."""
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(REPO),
        ],
        check=True,
        timeout=300,
    )
    wheels = list(dist.glob("tp_explorer-*.whl"))
    assert len(wheels) == 1
    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    env_python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(env_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # The dependencies (Qt, VTK, numpy) are large: borrow the test venv's, after the wheel's own.
    (Path(purelib) / "zz_test_deps.pth").write_text(
        "\n".join(site.getsitepackages()) + "\n", encoding="utf-8"
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            purelib,
            str(wheels[0]),
        ],
        check=True,
        timeout=300,
    )
    return env_dir


def run_installed(env_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "tp_explorer", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_wheel_uses_its_own_package_and_data(installed: Path, tmp_path: Path) -> None:
    probe = subprocess.run(
        [
            str(installed / "bin" / "python"),
            "-c",
            "import tp_explorer, tp_explorer.resources as r;"
            "print(tp_explorer.__file__); print(r.regions_path()); print(r.assets_dir())",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    package_file, regions, assets = probe.stdout.split()
    assert not package_file.startswith(str(REPO)), package_file
    assert Path(regions).is_file() and not regions.startswith(str(REPO))
    assert Path(assets).is_dir() and any(Path(assets).iterdir())


def test_wheel_checks_its_knowledge_outside_the_repo(installed: Path, tmp_path: Path) -> None:
    result = run_installed(installed, tmp_path, "check")
    assert result.returncode == 0, result.stderr
    result = run_installed(installed, tmp_path, "list", "sites")
    assert result.returncode == 0, result.stderr
    assert "pelvis" in result.stdout.lower()


def test_wheel_renders_a_snapshot_outside_the_repo(installed: Path, tmp_path: Path) -> None:
    out = tmp_path / "hip.png"
    result = run_installed(
        installed, tmp_path, "snapshot", "hip", "--out", str(out), "--size", "400x300"
    )
    assert result.returncode == 0, result.stderr
    assert out.is_file() and out.stat().st_size > 1000
