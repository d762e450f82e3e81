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
    note = " ".join(safety.layer.note.GetText(1).split())  # the note is wrapped to fit
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
