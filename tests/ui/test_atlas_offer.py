"""Without the atlas the window starts on the built-in anatomy with a quiet offer; the offer
installs in the background and switches the window to the atlas without a restart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ATLAS_SOURCE


@pytest.fixture
def builtin_window(qtbot: Any, knowledge: Any, isolated_settings: Path) -> Any:
    from tp_explorer.anatomy import load_anatomy
    from tp_explorer.ui.main_window import MainWindow

    w = MainWindow(knowledge, load_anatomy(), restore=False)  # no atlas in the data folder
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_an_offline_start_without_the_atlas_falls_back_with_the_banner(builtin_window: Any) -> None:
    offer = builtin_window.atlas_offer
    assert builtin_window.anatomy.source == "builtin"
    assert offer.banner.isVisible()
    assert "built-in" in offer.banner.text.text()
    assert offer.banner.button.text().startswith("Get the detailed anatomy (about ")
    assert "MB)" in offer.banner.button.text()


def test_a_failed_install_keeps_the_built_in_body_and_says_why(
    qtbot: Any, builtin_window: Any, tmp_path: Path
) -> None:
    offer = builtin_window.atlas_offer
    offer.start(tmp_path / "no-such-folder")
    qtbot.waitUntil(lambda: offer.banner.button.isEnabled(), timeout=30_000)
    assert "no-such-folder" in offer.banner.text.text()
    assert builtin_window.anatomy.source == "builtin"
    assert offer.new_window is None


def test_installing_switches_the_window_to_the_atlas_keeping_the_selection(
    qtbot: Any,
    builtin_window: Any,
    atlas_data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TP_EXPLORER_DATA_DIR", str(atlas_data_dir))
    builtin_window.state.update(site="lower_leg", side="left")
    offer = builtin_window.atlas_offer
    with qtbot.waitSignal(offer.switched, timeout=180_000) as signal:
        offer.start(ATLAS_SOURCE)
    new = signal.args[0]
    qtbot.addWidget(new)
    assert new.anatomy.source == "atlas"
    assert new.state.site == "lower_leg" and new.state.side == "left"
    assert not new.atlas_offer.banner.isVisible()
    assert not builtin_window.isVisible()
    lit = {k for k, a in new.scene.muscle_actors.items() if a.GetVisibility()}
    assert ("soleus", "left") in lit and ("soleus", "right") not in lit


def test_high_detail_is_offered_only_on_the_atlas(
    qtbot: Any,
    builtin_window: Any,
    knowledge: Any,
    atlas: Any,
    atlas_data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tp_explorer.ui.main_window import MainWindow

    assert not builtin_window.atlas_offer.action_high.isEnabled()
    monkeypatch.setenv("TP_EXPLORER_DATA_DIR", str(atlas_data_dir))
    w = MainWindow(knowledge, atlas, restore=False)
    qtbot.addWidget(w)
    offer = w.atlas_offer
    assert offer.action_high.isEnabled() and not offer.action_high.isChecked()
    assert offer.installed_detail() == "default"
    kept = offer._kept_source("atlas-source")
    assert kept is not None and kept.is_dir()  # a rebuild needs no download
