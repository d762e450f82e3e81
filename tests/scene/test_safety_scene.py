"""The needle-safety layer off screen: actors made once, emphasis and dimming by property only."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
import pyvista as pv

from tp_explorer.scene.safety import EMPHASIS_WIDTH, SafetyLayer, SafetyView, safety_note
from tp_explorer.state.safety import NearStructure


@pytest.fixture
def plotter():
    p = pv.Plotter(off_screen=True, window_size=[300, 300])
    yield p
    p.close()


def _anatomy():
    line = np.array([[0.0, 0.0, 0.0], [0.0, 0.0, 0.5], [0.0, 0.02, 1.0]])
    nerves = {
        name: {
            "left": line + np.array([0.1 + i / 100, 0, 0]),
            "right": line - np.array([0.1, 0, 0]),
        }
        for i, name in enumerate(("sciatic_nerve", "femoral_vessels"))
    }
    return SimpleNamespace(nerves=nerves)


def test_actors_are_made_once_and_hidden_until_shown(plotter):
    layer = SafetyLayer(plotter, _anatomy())
    assert set(layer.actors) == {
        (n, s) for n in ("sciatic_nerve", "femoral_vessels") for s in ("left", "right")
    }
    assert layer.visible_structures() == set()
    count = plotter.renderer.GetViewProps().GetNumberOfItems()
    near = (NearStructure("sciatic_nerve", "right", 0.01, "tp1", (-0.1, 0.0, 0.5)),)
    layer.show(SafetyView(True, ("right",), near, "Needle safety - Piriformis"))
    assert plotter.renderer.GetViewProps().GetNumberOfItems() == count
    assert layer.visible_structures() == {("sciatic_nerve", "right"), ("femoral_vessels", "right")}
    assert layer.emphasised_structures() == {("sciatic_nerve", "right")}
    dim = layer.actors[("femoral_vessels", "right")].GetProperty()
    assert dim.GetOpacity() < 1.0 and dim.GetLineWidth() < EMPHASIS_WIDTH
    assert layer.labelled == {("sciatic_nerve", "right")}
    plotter.camera_position = [(0.0, -3.0, 0.5), (0.0, 0.0, 0.5), (0.0, 0.0, 1.0)]
    img = plotter.screenshot(return_img=True)
    assert img.shape[:2] == (300, 300)
    assert layer.label_pool.shown() == ["Sciatic nerve"]  # laid out and drawn in the render
    layer.show(SafetyView(False))
    assert layer.visible_structures() == set() and not layer.note.GetVisibility()


def test_note_names_structures_with_distance_and_the_precautions():
    near = [
        NearStructure("sciatic_nerve", "left", 0.012, "tp1", (0, 0, 0)),
        NearStructure("sciatic_nerve", "right", 0.015, "tp1", (0, 0, 0)),
    ]
    text = safety_note("Piriformis", near, ["Deep: the sciatic nerve runs below it."])
    assert text.splitlines() == [
        "Needle safety - Piriformis",
        "Near its trigger points: Sciatic nerve (1 cm)",
        "- Deep: the sciatic nerve runs below it.",
    ]
    assert "No major nerve" in safety_note("Soleus", [], [])
