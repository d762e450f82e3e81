"""Compare through the real window: both muscles' zones painted in two patterns, overlap named."""

from __future__ import annotations


def test_compare_paints_both_zone_sets_and_names_the_overlap(window, qtbot, knowledge):
    action = window.findChild(type(window.features.presentation.action), "action_compare")
    action.trigger()
    panel = window.features.compare
    assert panel.isVisible()
    panel.first.setCurrentIndex(panel.first.findData("gluteus_minimus"))
    panel.second.setCurrentIndex(panel.second.findData("piriformis"))
    qtbot.mouseClick(panel.button, qtbot_left())
    layer = panel.layer
    gmin, pir = knowledge.muscles["gluteus_minimus"], knowledge.muscles["piriformis"]
    sides = ("left", "right")
    assert layer.shown_a == {(a, s) for a in (*gmin.essential, *gmin.spillover) for s in sides}
    assert layer.shown_b == {(a, s) for a in (*pir.essential, *pir.spillover) for s in sides}
    assert layer.actor_a.GetVisibility() and layer.actor_b.GetVisibility()
    assert layer.mesh_a.n_cells > 0 and layer.mesh_b.n_cells > 0
    # Two distinct patterns: A solid orange, B textured stripes.
    assert layer.actor_a.texture is None and layer.actor_b.texture is not None
    roles = set(window.scene.highlight.muscles.values())
    assert roles == {"compare_a", "compare_b"}
    text = panel.result.text()
    assert "Overlap of Gluteus minimus and Piriformis: buttock, posterior thigh." in text
    assert window.state.mode == "compare"

    panel.clear()
    assert not layer.visible
    assert window.state.mode == "explore"


def test_one_side_paints_one_side_only(window):
    window.controller.set_side("left")
    try:
        c = window.features.compare.compare("soleus", "gastrocnemius")
        assert c is not None
        layer = window.features.compare.layer
        assert {s for _a, s in layer.shown_a | layer.shown_b} == {"left"}
    finally:
        window.features.compare.clear()
        window.controller.set_side("both")


def test_same_muscle_twice_is_explained_not_painted(window):
    panel = window.features.compare
    assert panel.compare("soleus", "soleus") is None
    assert "two different muscles" in panel.result.text()


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
