"""The patient handout: pages, text, the side shown, and no overwriting without consent."""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np
import pytest
from pypdf import PdfReader

from tp_explorer.errors import InputError


@pytest.fixture(scope="module")
def right_hip_pdf(window, tmp_path_factory) -> Any:
    from tp_explorer.ui.handout import write_window_handout

    window.controller.select_site("hip")
    window.controller.set_side("right")
    path = tmp_path_factory.mktemp("handout") / "hip-right.pdf"
    write_window_handout(window, path)
    return path


def _text(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def _words(path) -> str:
    """All pages' text on one line, ligatures (the PDF's "ﬁ") as plain letters."""
    return unicodedata.normalize("NFKC", " ".join(" ".join(p.split()) for p in _text(path)))


def test_handout_has_patient_pages_then_a_therapist_page(right_hip_pdf, knowledge):
    """Issue 25: the longer warning signs can push the chain list past page 1; the patient
    pages are followed by the therapist's page of patient precautions, each with its source."""
    pages = [unicodedata.normalize("NFKC", " ".join(p.split())) for p in _text(right_hip_pdf)]
    assert 3 <= len(pages) <= 4
    first, patient, therapist = pages[0], " ".join(pages[:-1]), pages[-1]
    assert "For the therapist: before any needling or electrical stimulation" in therapist
    for precaution in knowledge.precautions_for("hip"):
        assert precaution.sign.split(",")[0] in therapist, precaution.id
    assert "Source:" in therapist and "Int J Sports Phys Ther 2016;11(5):810-819" in therapist
    assert "Hip pain" in first and "Side shown: right side" in first
    assert first.index("When to see a doctor first") < first.index("Anterior")
    assert "Anterior" in first and "Posterior" in first
    for link in knowledge.chain_for("hip", "right"):
        assert link.muscle.name in patient
    assert "Main (essential) referral zone" in first and "Spillover zone" in first
    second = " ".join(pages[1:-1])
    study = knowledge.study_for("hip")
    assert study.citation.doi in second
    assert "Therapist:" in second and "Date:" in second and "Home exercises" in second
    assert "not a diagnosis" in second
    assert "debated" in second
    assert "Quadratus lumborum" in second  # why a distal muscle is treated


def _pdf_images(path) -> list[np.ndarray]:
    """The page-1 pictures, decoded with Qt (pypdf hands them over as PNG/JPEG bytes)."""
    from PySide6.QtGui import QImage

    out = []
    for image in PdfReader(path).pages[0].images:
        q = QImage.fromData(image.data).convertToFormat(QImage.Format.Format_RGB888)
        w, h = q.width(), q.height()
        raw = np.frombuffer(q.constBits(), dtype=np.uint8).reshape(h, q.bytesPerLine())
        out.append(raw[:, : w * 3].reshape(h, w, 3).copy())
    return out


def test_handout_pictures_show_the_side_that_is_shown(right_hip_pdf, window, anatomy):
    from tp_explorer.scene.snapshot import render_image
    from tp_explorer.state import Selection, make_highlight

    images = _pdf_images(right_hip_pdf)
    assert len(images) == 2
    anterior = images[0].astype(float)
    from tp_explorer.ui.chart_view import CHART
    from tp_explorer.ui.handout import picture_layers

    layers = picture_layers(window.scene.layers)
    assert CHART in layers  # the handout's pictures are chart-view pictures
    kb = window.knowledge
    diffs = {}
    for side in ("right", "left"):
        h = make_highlight(Selection(site="hip", side=side), kb)
        ref = render_image(anatomy, h, layers, view="anterior", size=images[0].shape[1::-1])
        diffs[side] = np.abs(ref.astype(float) - anterior).mean()
    assert diffs["right"] < diffs["left"]


def test_handout_lists_each_local_muscles_trigger_points_and_zones(right_hip_pdf, knowledge):
    """Per trigger point charts in words: each local muscle's points, at the most detail
    that keeps the handout as short as the briefest (within the two pages)."""
    from tp_explorer.ui.handout_points import DETAILS, points_text

    text = _words(right_hip_pdf)
    assert "Muscles near the pain: each trigger point" in text
    local = [lk.muscle for lk in knowledge.chain_for("hip", "right") if lk.role == "local"]
    assert local
    for muscle in local:
        variants = [" ".join(points_text(muscle, detail).split()) for detail in DETAILS]
        assert any(v[:70] in text for v in variants), muscle.name
        assert all(" point" in v for v in variants)


def test_chain_text_goes_from_spillover_to_body_areas(knowledge):
    from tp_explorer.ui.handout_content import handout_content

    content = handout_content(knowledge, "lower_leg", "both")
    full, brief = content.chain_text("full"), content.chain_text("brief")
    assert "(spillover:" in full and "(spillover:" not in brief
    assert "- Soleus. Distal point: back of the heel" in full
    assert "- Soleus. Distal point: heel, Achilles tendon." in brief
    assert content.chain_text(None) == content.muscle_text
    assert "Distal point" not in content.muscle_text
    regional = next(lk for lk in knowledge.chain_for("lower_leg") if lk.role == "regional")
    assert f"- {regional.muscle.name} (further along the chain" in brief


def test_the_command_line_handout_is_drawn_in_the_chart_view(tmp_path, monkeypatch):
    from tp_explorer.scene import snapshot
    from tp_explorer.ui.chart_view import CHART
    from tp_explorer.ui.handout import write_site_handout

    seen = []
    real = snapshot.render_image

    def render(anatomy, highlight, layers, **kwargs):
        seen.append(frozenset(layers))
        return real(anatomy, highlight, layers, **{**kwargs, "size": (80, 100)})

    monkeypatch.setattr(snapshot, "render_image", render)
    write_site_handout("ankle_foot", tmp_path / "ankle.pdf")
    assert len(seen) == 2 and all(CHART in layers for layers in seen)
    assert not any("labels" in layers for layers in seen)  # too small to read on paper


def test_existing_file_is_not_overwritten_without_consent(right_hip_pdf, window):
    from tp_explorer.ui.handout import write_window_handout

    before = right_hip_pdf.read_bytes()
    with pytest.raises(InputError, match="already exists"):
        write_window_handout(window, right_hip_pdf)
    assert right_hip_pdf.read_bytes() == before


def test_gui_asks_before_replacing_and_keeps_the_file_on_no(window, right_hip_pdf, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tp_explorer.ui import file_dialogs, handout

    asked = []
    monkeypatch.setattr(file_dialogs, "ask_save_path", lambda *a, **k: right_hip_pdf)
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No,
    )
    before = right_hip_pdf.read_bytes()
    assert handout.export_handout_interactive(window) is None
    assert asked and right_hip_pdf.read_bytes() == before


def test_command_line_handout_needs_force_to_replace(tmp_path, capsys):
    from tp_explorer.cli import main

    out = tmp_path / "ankle.pdf"
    assert main(["handout", "ankle_foot", "--out", str(out), "--side", "left"]) == 0
    assert "Side shown: left side" in " ".join(_text(out)[0].split())
    assert main(["handout", "ankle_foot", "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["handout", "ankle_foot", "--out", str(out), "--force"]) == 0
    assert "Side shown: both sides" in " ".join(_text(out)[0].split())
    assert main(["handout", "nowhere", "--out", str(tmp_path / "x.pdf")]) == 2
