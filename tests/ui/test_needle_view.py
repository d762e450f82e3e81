"""The Needle view on the atlas: with a muscle focused it draws the path, highlights the
structures near it, cuts the body along the path, and words every number "in this model"."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="module")
def atlas_window(qapp: Any, knowledge: Any, atlas: Any, isolated_settings: Any) -> Any:
    from tp_explorer.ui.main_window import MainWindow

    w = MainWindow(knowledge, atlas, restore=False)
    w.show()
    qapp.processEvents()
    yield w
    w.close()


def test_needle_view_needs_a_focused_muscle(atlas_window: Any) -> None:
    atlas_window.state.update(site="pelvis", focus=None, side="left")
    assert not atlas_window.needle_view.action.isEnabled()
    atlas_window.state.update(focus="piriformis")
    assert atlas_window.needle_view.action.isEnabled()


def _planes(actor: Any) -> int:
    planes = actor.GetMapper().GetClippingPlanes()
    return 0 if planes is None else int(planes.GetNumberOfItems())


def _on_canvas(plotter: Any, path: Any) -> tuple[float, float]:
    """Where the middle of a needle path lands on the canvas, as fractions (0, 0 = bottom
    left)."""
    renderer = plotter.renderer
    mid = [(a + b) / 2 for a, b in zip(path.entry, path.target, strict=True)]
    renderer.SetWorldPoint(*mid, 1.0)
    renderer.WorldToDisplay()
    x, y, _ = renderer.GetDisplayPoint()
    w, h = renderer.GetSize()
    return x / w, y / h


def test_piriformis_needle_view_shows_path_sciatic_nerve_and_cut(atlas_window: Any) -> None:
    needle = atlas_window.needle_view
    atlas_window.state.update(site="pelvis", focus="piriformis", side="left")
    # the skin halves carry their own midline plane; the cut adds exactly one to every part
    before = {id(a): _planes(a) for a in needle.layer._body_actors()}
    overlay = atlas_window.scene.overlay
    drawn_before = overlay.GetDraw()
    needle.action.setChecked(True)
    try:
        layer = needle.layer
        assert layer.visible and layer.needle_actor.GetVisibility()
        assert drawn_before and not overlay.GetDraw()  # no uncut outline over the cut face
        assert layer.highlighted["sciatic_nerve:left"].GetVisibility()
        clipped = layer.clipped_actors()
        assert atlas_window.scene.muscle_actors[("gluteus_maximus", "left")] in clipped
        assert all(_planes(a) == before[id(a)] + 1 for a in clipped)
        note = layer.note.GetText(2)
        assert "In this model" in note and "mm below the skin" in note
        assert "Sciatic nerve" in note and "Not a safe depth" in note
        assert "along the taught approach" in note and "Gluteus maximus" in note
        assert "clinic margins" in note and "lung and pleura" in note
        assert "caution margin" not in note and "Published: in this model" in note
        x, y = _on_canvas(atlas_window.scene.plotter, needle.paths[0])
        assert 0.3 < x < 0.7 and 0.2 < y < 0.55  # across the middle, below the note
        path = needle.paths[0]
        assert 0.02 < path.depth_m < 0.12
        first = path.trigger_point
        needle.next_point()
        assert needle.paths[needle.index].trigger_point != first
    finally:
        needle.action.setChecked(False)
    assert not needle.layer.visible
    assert overlay.GetDraw() == drawn_before
    assert all(_planes(a) == before[id(a)] for a in needle.layer._body_actors())


def test_unfocusing_turns_the_needle_view_off(atlas_window: Any) -> None:
    needle = atlas_window.needle_view
    atlas_window.state.update(site="lower_leg", focus="tibialis_posterior", side="right")
    needle.action.setChecked(True)
    assert needle.layer.visible
    atlas_window.state.update(focus=None)
    assert not needle.action.isChecked() and not needle.layer.visible


def test_details_panel_shows_the_needle_words_and_marks_drawn_muscles(atlas_window: Any) -> None:
    needle = atlas_window.needle_view
    atlas_window.state.update(site="lower_back", focus="quadratus_lumborum", side="left")
    text = atlas_window.details_panel.text()
    assert "Drawn, not segmented: BodyParts3D has no mesh of this muscle" in text
    needle.action.setChecked(True)
    try:
        text = atlas_window.details_panel.text()
        assert "Needle view: Quadratus lumborum" in text
        assert "In this model the point lies" in text and "Not a safe depth" in text
    finally:
        needle.action.setChecked(False)
    atlas_window.state.update(focus="gluteus_maximus")
    assert "Drawn, not segmented" not in atlas_window.details_panel.text()


def test_handout_can_carry_the_depth_table_and_names_its_anatomy(
    atlas_data_dir: Any, monkeypatch: Any, tmp_path: Any
) -> None:
    import pypdf

    from tp_explorer.ui.handout import write_site_handout

    monkeypatch.setenv("TP_EXPLORER_DATA_DIR", str(atlas_data_dir))
    out = write_site_handout("pelvis", tmp_path / "h.pdf", "right", depth_table=True)
    pages = [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(out).pages]
    text = " ".join(pages)
    assert "BodyParts3D" in text and "CC BY-SA 2.1 JP" in text
    start = next(i for i, p in enumerate(pages) if "needle depths in this model" in p)
    last = " ".join(pages[start:])
    assert "right side" in last
    assert "no number here is a safe needle depth" in last
    assert "Piriformis, lateral:" in last and "Sciatic nerve" in last
    plain = write_site_handout("pelvis", tmp_path / "p.pdf", "right")
    plain_text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(plain).pages)
    assert "needle depths" not in plain_text


def test_the_canvas_note_keeps_the_first_published_depth_and_the_nearest_structures() -> None:
    """The canvas shows one published depth and four structures, and says where the rest are;
    the details panel keeps every line."""
    from tp_explorer.scene.needle import canvas_note

    note = "\n".join(
        [
            "Needle view: X",
            "In this model the point lies 54 mm below the skin.",
            "Published: first",
            "Published: second",
            "Published: third",
            *[f"• structure {i}: {i} mm from the path" for i in range(6)],
            "Margins are clinic margins, not published thresholds.",
            "Not in this model: lung and pleura, body size, posture.",
        ]
    )
    shown = canvas_note(note).splitlines()
    assert [line for line in shown if line.startswith("Published:")] == ["Published: first"]
    assert [line for line in shown if line.startswith("• ")] == [
        f"• structure {i}: {i} mm from the path" for i in range(4)
    ]
    assert shown[-3] == "(4 more in the details panel)"
    assert shown[-2:] == note.splitlines()[-2:]
    short = "\n".join(note.splitlines()[:3])
    assert canvas_note(short) == short
