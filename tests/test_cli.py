"""The command-line front door: help, version, logging and the no-display exit code."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from tp_explorer import __version__
from tp_explorer.cli import build_parser, main

EXPECTED_COMMANDS = {
    "check",
    "list",
    "chain",
    "refers-to",
    "snapshot",
    "handout",
    "quiz",
    "bench",
    "schema",
}


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tp_explorer", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_help_lists_every_sub_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in EXPECTED_COMMANDS:
        assert command in out, f"--help does not list {command!r}"
    assert "education tool, not a diagnosis" in out


def test_sub_commands_are_registered() -> None:
    parser = build_parser()
    sub_actions = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    assert sub_actions, "no sub-commands registered"
    assert set(sub_actions[0].choices) >= EXPECTED_COMMANDS


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"tp-explorer {__version__}"


def test_console_entry_point_and_module_agree() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"tp-explorer {__version__}"


def _env_without_display(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    env.pop("QT_QPA_PLATFORM", None)
    env.update(extra)
    return env


def test_no_display_exits_3_naming_what_is_missing() -> None:
    result = run_cli(env=_env_without_display())
    assert result.returncode == 3, result.stderr
    assert "DISPLAY" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_display_exits_3() -> None:
    result = run_cli(env=_env_without_display(DISPLAY=":987"))
    assert result.returncode == 3, result.stderr
    assert ":987" in result.stderr
    assert "Traceback" not in result.stderr


def test_offscreen_qt_platform_is_refused_with_exit_3() -> None:
    result = run_cli(env=_env_without_display(QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 3, result.stderr
    assert "offscreen" in result.stderr


def test_verbose_sends_debug_logs_to_stderr() -> None:
    result = run_cli("--verbose", env=_env_without_display())
    assert "DEBUG" in result.stderr
    assert result.stdout == ""
    quiet = run_cli(env=_env_without_display())
    assert "DEBUG" not in quiet.stderr


def test_snapshot_flags_are_checked(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    out = str(tmp_path / "x.png")
    for bad in (["--hide", "zones,teeth"], ["--hide", ""], ["--point", "soleus"]):
        with pytest.raises(SystemExit) as exit_info:
            main(["snapshot", "lower_leg", "--out", out, *bad])
        assert exit_info.value.code == 2, bad
        assert "--hide" in capsys.readouterr().err or bad[0] == "--point"
    assert main(["snapshot", "lower_leg", "--out", out, "--point", "soleus:nowhere"]) == 2
    assert "no trigger point 'nowhere'" in capsys.readouterr().err
    args = ["--muscle", "tibialis_anterior", "--point", "soleus:distal"]
    assert main(["snapshot", "lower_leg", "--out", out, *args]) == 2


def test_snapshot_hides_layers_and_never_moves_the_camera(monkeypatch, tmp_path) -> None:
    """Each hidden layer, and the chart view, leave the camera where the selection put it."""
    from tp_explorer.scene import snapshot as pictures

    taken = {}
    real = pictures.render_snapshot

    def remember(anatomy, highlight, layers, **kwargs):
        shot = real(anatomy, highlight, layers, **kwargs)
        taken[frozenset(layers)] = (shot.pose, shot.view, shot.image)
        return shot

    monkeypatch.setattr(pictures, "render_snapshot", remember)
    base = ["snapshot", "lower_leg", "--point", "soleus:distal", "--size", "240x320", "--force"]
    runs = [[], ["--chart"]] + [["--hide", name] for name in ("zones", "skin", "muscles")]
    runs += [["--hide", "bones,labels,markers"], ["--hide", "muscles,bones,labels", "--chart"]]
    for extra in runs:
        out = tmp_path / "shot.png"
        assert main([*base, "--out", str(out), *extra]) == 0, extra
        assert out.stat().st_size > 0
    assert len(taken) == len(runs)
    poses = {(pose, view) for pose, view, _image in taken.values()}
    assert len(poses) == 1, poses
    images = [image for _pose, _view, image in taken.values()]
    assert all(not np.array_equal(images[0], other) for other in images[1:])
