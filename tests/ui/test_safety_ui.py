"""The needle-safety layer in the real window: focusing a muscle emphasises the nerves near it."""

from __future__ import annotations


def _emphasised(window) -> set[str]:
    return {name for name, _side in window.features.safety.layer.emphasised_structures()}


def test_layer_is_off_with_nothing_focused(window):
    window.controller.select_site("hip")
    safety = window.features.safety
    assert not safety.action.isChecked()
    assert safety.layer.visible_structures() == set()


def test_focusing_piriformis_emphasises_the_sciatic_nerve(window, knowledge):
    window.controller.focus_muscle("piriformis")
    safety = window.features.safety
    assert safety.action.isChecked()
    assert "sciatic_nerve" in _emphasised(window)
    assert "femoral_nerve" not in _emphasised(window)
    note = " ".join(safety.layer.note.GetInput().split())  # the note is wrapped to fit
    assert "Piriformis" in note and "Sciatic nerve" in note
    first_precaution = knowledge.muscles["piriformis"].precautions[0]
    assert first_precaution.split()[0] in note


def test_focusing_tibialis_posterior_emphasises_the_tibial_nerve(window):
    window.controller.focus_muscle("tibialis_posterior")
    assert "tibial_nerve" in _emphasised(window)
    assert "sciatic_nerve" not in _emphasised(window)


def test_user_can_switch_the_layer_off_and_the_choice_stands(window):
    safety = window.features.safety
    safety.action.trigger()  # off
    assert safety.layer.visible_structures() == set()
    window.controller.focus_muscle("piriformis")
    assert safety.layer.visible_structures() == set()
    safety.action.trigger()  # on again
    assert "sciatic_nerve" in _emphasised(window)


def test_one_side_shows_that_side_only(window):
    window.controller.set_side("left")
    try:
        window.controller.focus_muscle("piriformis")
        assert {s for _n, s in window.features.safety.layer.visible_structures()} == {"left"}
    finally:
        window.controller.set_side("both")


def test_structure_names_join_the_label_layout_without_overlap(window):
    """The nerves' names stand in the label columns with the muscles' names: no two labels
    overlap, and each nerve's leader line ends on that nerve's point nearest the trigger
    points, wherever the camera is."""
    import numpy as np

    from tp_explorer.scene.framing import project
    from tp_explorer.state.safety import structure_label

    window.controller.select_site("hip")
    window.controller.focus_muscle("piriformis")
    layer = window.features.safety.layer
    pool = window.scene.labels
    for view in ("posterior", "lateral"):
        window.controller.set_view(view)
        window.plotter.render()
        placed = pool.placements()
        safety = [p for p in placed if p.style == "safety"]
        assert {p.text for p in safety} <= {structure_label(n) for n, _s in layer.labelled}
        assert any(p.text == "Sciatic nerve" for p in safety), view
        boxes = [p.box for p in placed]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
        width, height = window.plotter.renderer.GetSize()
        for p in safety:
            xy, _depth, _front = project(np.array([p.anchor]), pool._matrix(), (width, height))
            assert np.allclose(xy[0], p.anchor_px, atol=0.5)
            assert any(np.allclose(p.anchor, n.closest) for n in layer.view.near), p.text


def test_labels_keep_clear_of_the_note(window):
    """The note in the lower right is part of the label layout's free room: no label stands
    under it (hip with piriformis focused names ~20 structures, down to the knee)."""
    window.controller.select_site("hip")
    window.controller.focus_muscle("piriformis")
    layer = window.features.safety.layer
    for view in ("posterior", "anterior"):
        window.controller.set_view(view)
        window.plotter.render()
        width, height = window.plotter.renderer.GetSize()
        note = layer.note_box(width, height)
        assert note is not None and note[2] <= width and note[0] > 0, note
        placed = window.scene.labels.placements()
        assert len(placed) >= 10
        for p in placed:
            a = p.box
            assert not (a[0] < note[2] and note[0] < a[2] and a[1] < note[3] and note[1] < a[3])
    window.features.safety.action.trigger()  # off: the note is gone, and so is its room
    try:
        assert layer.note_box(width, height) is None
    finally:
        window.features.safety.action.trigger()
