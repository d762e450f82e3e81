"""The details panel's text in the real window: every paragraph shown whole, at any text size.

The panel's paragraphs are read-only documents (TextBlock) sized to their text: a block cut
short, scrolled inside itself, or wider than the panel would hide words a therapist reads out.
"""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from tp_explorer.ui.panels.text_block import Section, TextBlock


@pytest.fixture(autouse=True)
def fresh(window):
    window.state.update(site=None, focus=None, area=None, side="both")
    yield
    window.change_font(0)
    window.state.update(site=None, focus=None, area=None, side="both")


def _settle(qtbot) -> None:
    qtbot.wait(150)  # the late relayout of wrapped text


def _blocks(window) -> list[TextBlock]:
    body = window.details_panel.widget()
    return [b for b in body.findChildren(TextBlock) if b.isVisibleTo(body)]


def assert_whole(window) -> None:
    """Each block is as tall as its text at its width, starts at its first line, has nothing
    selected, and nothing in the panel is wider than the panel."""
    blocks = _blocks(window)
    assert blocks
    for block in blocks:
        needed = math.ceil(block.document().size().height())
        assert block.height() >= needed, (block.toPlainText()[:60], block.height(), needed)
        assert block.verticalScrollBar().value() == 0, block.toPlainText()[:60]
        assert not block.textCursor().hasSelection()
    panel = window.details_panel
    assert panel.horizontalScrollBar().maximum() == 0  # nothing pushes the text off the edge
    assert panel.widget().width() <= panel.viewport().width()


def test_every_site_card_shows_all_its_text(window, knowledge, qtbot) -> None:
    for site in knowledge.sites:
        window.controller.select_site(site)
        _settle(qtbot)
        assert window.details_panel.kind == "site"
        assert_whole(window)
        text = window.details_panel.text()
        assert knowledge.sites[site].name in text
        study = knowledge.sites[site].study
        if study is not None:
            assert study.citation.title in text  # the study card's words reach text()


def test_a_muscle_card_and_its_point_cards_show_all_their_text(window, knowledge, qtbot) -> None:
    window.controller.select_site("lower_leg")
    window.controller.focus_muscle("soleus")
    _settle(qtbot)
    assert window.details_panel.kind == "muscle"
    assert_whole(window)
    cards = window.details_panel.point_cards
    assert {c.point_id for c in cards} == {p.id for p in knowledge.muscles["soleus"].trigger_points}
    for card, point in zip(cards, knowledge.muscles["soleus"].trigger_points, strict=True):
        assert f"Where: {point.location}" in card.words.toPlainText()


def test_a_larger_text_size_wraps_the_text_and_the_headings(window, qtbot) -> None:
    window.controller.select_site("lower_leg")
    window.controller.focus_muscle("soleus")
    _settle(qtbot)
    title = window.details_panel.widget().findChild(QWidget, "detailsTitle")
    before = title.font().pointSizeF()
    window.change_font(+6)
    _settle(qtbot)
    assert title.font().pointSizeF() > before  # the heading grows with the text
    assert_whole(window)
    headings = [s.heading for s in window.details_panel.widget().findChildren(Section)]
    assert any(h.height() > 1.5 * h.fontMetrics().lineSpacing() for h in headings)  # it wraps


def test_the_wheel_over_the_text_is_left_to_the_panel(window, qtbot) -> None:
    """The blocks never scroll themselves: a wheel turned over the words is not taken by the
    block, so Qt hands it on to the panel, which scrolls. (A synthesized event is not handed
    on to parents; a real one is, so the test stops at the block's refusal.)"""
    window.controller.select_site("lower_back")  # a long card: the red flags come first
    _settle(qtbot)
    bar = window.details_panel.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(0)
    block = next(b for b in _blocks(window) if b.visibleRegion().boundingRect().height() > 40)
    inside = QPointF(block.viewport().rect().center())
    event = QWheelEvent(
        inside,
        QPointF(block.viewport().mapToGlobal(inside.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),  # one notch down
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(block.viewport(), event)
    assert not event.isAccepted()  # left for the panel
    assert block.verticalScrollBar().value() == 0
    QApplication.sendEvent(window.details_panel.viewport(), event)  # where Qt hands it on
    assert bar.value() > 0
