"""Corrupt or foreign settings: each bad value is a WARNING naming its key, the default is used,
and the window still opens.

Each case writes a settings file by hand (as a crash, another version or a curious student
would leave it) and reads it through Settings; removing a check in ui/settings.py makes its
case fail, by a missing warning, a wrong value, or an exception.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tp_explorer.state import DEFAULT_LAYERS
from tp_explorer.ui.settings import DEFAULT_FONT_PT, Settings

GOOD = """[view]
side=left
layers=skin, bones
font_pt=14
[selection]
site=pelvis
"""

# name -> (file text, key named in the warning, getter, expected value)
CASES = {
    "side_unknown": ("[view]\nside=upside\n", "view/side", "side", "both"),
    "side_wrong_type": ("[view]\nside=@Rect(1 2 3 4)\n", "view/side", "side", "both"),
    "side_a_list": ("[view]\nside=left, right\n", "view/side", "side", "both"),
    "layers_unknown": ("[view]\nlayers=skin, wings\n", "view/layers", "layers", {"skin"}),
    "layers_wrong_type": (
        "[view]\nlayers=@Size(3 4)\n",
        "view/layers",
        "layers",
        set(DEFAULT_LAYERS),
    ),
    "font_text": ("[view]\nfont_pt=huge\n", "view/font_pt", "font_size", DEFAULT_FONT_PT),
    "font_fraction": ("[view]\nfont_pt=11.5\n", "view/font_pt", "font_size", DEFAULT_FONT_PT),
    "font_too_big": ("[view]\nfont_pt=999\n", "view/font_pt", "font_size", 24),
    "font_a_list": ("[view]\nfont_pt=1, 2\n", "view/font_pt", "font_size", DEFAULT_FONT_PT),
    "geometry_text": ("[window]\ngeometry=hello\n", "window/geometry", "geometry", None),
    "geometry_garbage_bytes": (
        "[window]\ngeometry=@ByteArray(\\x12\\x34garbage\\0\\0)\n",
        "window/geometry",
        "geometry",
        None,
    ),
    "state_garbage_bytes": (
        "[window]\nstate=@ByteArray(\\x1\\xd9\\xd0\\xcbnot a state)\n",
        "window/state",
        "window_state",
        None,
    ),
    "splitter_wrong_type": (
        "[window]\nsplitter=@Size(3 4)\n",
        "window/splitter",
        "splitter",
        None,
    ),
    "site_wrong_type": ("[selection]\nsite=@Rect(0 0 1 1)\n", "selection/site", "last_site", None),
    "unknown_keys": ("[General]\nfoo=1\n[other]\nbar=2\n", "unknown keys", "side", "both"),
    "json_file": ('{"view": {"side": "left"}}\n', "not a settings file", "side", "both"),
}


def settings_at(path: Path) -> Settings:
    return Settings(QSettings(str(path), QSettings.Format.IniFormat))


def read(settings: Settings, getter: str):
    value = getattr(settings, getter)()
    return set(value) if isinstance(value, frozenset) else value


def test_good_file_is_read_without_warnings(tmp_path: Path, caplog) -> None:
    """Guards the cases below: a well-formed file gives its values and no warning."""
    path = tmp_path / "good.ini"
    path.write_text(GOOD)
    with caplog.at_level(logging.WARNING):
        s = settings_at(path)
        assert s.side() == "left"
        assert s.layers() == {"skin", "bones"}
        assert s.font_size() == 14
        assert s.last_site() == "pelvis"
        assert s.geometry() is None
    assert caplog.records == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_value_warns_and_falls_back(case: str, tmp_path: Path, caplog) -> None:
    text, key, getter, expected = CASES[case]
    path = tmp_path / "settings.ini"
    path.write_text(text)
    with caplog.at_level(logging.WARNING, logger="tp_explorer.ui.settings"):
        assert read(settings_at(path), getter) == expected
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(key in w for w in warnings), warnings


def test_garbage_file_gives_defaults(tmp_path: Path, caplog) -> None:
    """Random bytes as the settings file: defaults everywhere, a warning, no exception."""
    path = tmp_path / "settings.ini"
    path.write_bytes(bytes(range(256)) * 20)
    with caplog.at_level(logging.WARNING, logger="tp_explorer.ui.settings"):
        s = settings_at(path)
        values = (s.side(), s.layers(), s.font_size(), s.last_site(), s.geometry())
    assert values == ("both", DEFAULT_LAYERS, DEFAULT_FONT_PT, None, None)
    assert caplog.records


def test_settings_path_that_is_a_folder(tmp_path: Path, caplog) -> None:
    """A folder where the file should be: AccessError is logged, defaults used, save survives."""
    path = tmp_path / "settings.ini"
    path.mkdir()
    with caplog.at_level(logging.WARNING, logger="tp_explorer.ui.settings"):
        s = settings_at(path)
        assert (s.side(), s.font_size()) == ("both", DEFAULT_FONT_PT)
        s.save(
            geometry=b"",
            window_state=b"",
            splitter=b"",
            side="left",
            layers=frozenset(),
            site=None,
            font_pt=12,
        )
    messages = [r.getMessage() for r in caplog.records]
    assert any("cannot be read" in m and str(path) in m for m in messages), messages
    assert any("could not save" in m for m in messages), messages
    assert path.is_dir()


EVERYTHING_WRONG = """[window]
geometry=@ByteArray(\\x12\\x34garbage)
state=hello
splitter=@Size(1 2)
[view]
side=@Rect(1 2 3 4)
layers=wings, skin
font_pt=huge
[selection]
site=@Rect(0 0 1 1)
"""


@pytest.mark.parametrize("content", ["everything_wrong", "garbage", "folder"])
def test_window_opens_with_bad_settings(
    content: str, tmp_path: Path, qapp, qtbot, knowledge, anatomy, caplog
) -> None:
    """Guards MainWindow._restore through Settings: the window opens with defaults."""
    from tp_explorer.ui.main_window import MainWindow

    path = tmp_path / "settings.ini"
    if content == "everything_wrong":
        path.write_text(EVERYTHING_WRONG)
    elif content == "garbage":
        path.write_bytes(bytes(range(256)) * 20)
    else:
        path.mkdir()
    with caplog.at_level(logging.WARNING, logger="tp_explorer.ui.settings"):
        window = MainWindow(knowledge, anatomy, settings=settings_at(path), multi_samples=0)
        qtbot.addWidget(window)
        window.show()
        qapp.processEvents()
    assert window.isVisible()
    assert window.state.side == "both"
    assert window.state.site is None
    assert window.font_pt == DEFAULT_FONT_PT
    expected_layers = {"skin"} if content == "everything_wrong" else set(DEFAULT_LAYERS)
    assert set(window.state.layers) == expected_layers
    assert caplog.records
    window.close()
