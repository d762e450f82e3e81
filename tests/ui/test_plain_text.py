"""Text from regions.yaml is shown literally, never as HTML; links open only over https.

A therapist's file is trusted to be honest, not to be markup: a name like ``<b>x</b>`` or an
``<img src=...>`` must show as those characters in every label, list item, button and tooltip,
and a click must never open a javascript:, file: or plain http: address.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6 import QtGui
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QAbstractButton, QLabel, QTextEdit, QWidget

from tp_explorer.knowledge import load_knowledge
from tp_explorer.resources import regions_path

PAYLOAD = '<b>bold</b><img src="file:///etc/hosts"> <a href="javascript:alert(1)">go</a> A&B'


def shown(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What a person reads: rich text (as Qt would detect it) rendered, else the text itself."""
    rich = fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if not rich:
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def markup_in(document: QTextDocument) -> list[str]:
    """Images or links a document holds: what parsing the text as HTML would have made."""
    found = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            chars = it.fragment().charFormat()
            if chars.isImageFormat() or chars.isAnchor():
                found.append(it.fragment().text())
            it += 1
        block = block.next()
    return found


def button_text(button: QAbstractButton) -> str:
    """A button's text as drawn: '&' marks a shortcut letter and '&&' is a literal '&'."""
    return button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")


@pytest.fixture(scope="module")
def html_kb(tmp_path_factory: pytest.TempPathFactory) -> Any:
    data = yaml.safe_load(regions_path().read_text(encoding="utf-8"))
    site = data["sites"][0]
    site["name"] = f"Site {PAYLOAD}"
    site["explanation"] = f"Explanation {PAYLOAD}"
    site["study_note"] = f"Note {PAYLOAD}"
    site["conditions"][0]["name"] = f"Condition {PAYLOAD}"
    for link in site["chain"]:
        link["reason"] = f"Reason {PAYLOAD}"
    chain_muscles = {link["muscle"] for link in site["chain"]}
    for muscle in data["muscles"]:
        if muscle["id"] in chain_muscles:
            muscle["name"] = f"{muscle['name']} {PAYLOAD}"
            muscle["complaints"] = [f"Complaint {PAYLOAD}"]
            for tp in muscle["trigger_points"]:
                tp["location"] = f"Location {PAYLOAD}"
    path = tmp_path_factory.mktemp("html") / "regions.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return load_knowledge(path)


def assert_literal(widget: QWidget, minimum: int = 1) -> None:
    """Every label, button and tooltip under ``widget`` that carries the payload shows it as is."""
    found = 0
    for child in [widget, *widget.findChildren(QWidget)]:
        texts: list[str] = []
        if isinstance(child, QLabel) and "bold" in child.text():
            texts.append(shown(child.text(), child.textFormat()))
        if isinstance(child, QAbstractButton) and "bold" in child.text():
            texts.append(button_text(child))
        if isinstance(child, QTextEdit) and "bold" in child.toPlainText():
            texts.append(child.toPlainText())  # what its document draws
            assert not markup_in(child.document()), child.toPlainText()
        if "bold" in child.toolTip():
            texts.append(shown(child.toolTip()))
        for text in texts:
            found += 1
            assert PAYLOAD in text, f"{type(child).__name__} shows {text!r}"
    assert found >= minimum, "the payload is not shown at all"


def test_sites_panel_shows_names_literally(html_kb, qtbot) -> None:
    """Guards the sites tree and search results: names and tooltips as plain text."""
    from tp_explorer.ui.panels import SitesPanel

    panel = SitesPanel()
    qtbot.addWidget(panel)
    panel.set_sites(html_kb.sites)
    top = panel.tree.topLevelItem(0)
    assert top.text(0) == f"Site {PAYLOAD}"
    child = top.child(0)
    assert child.text(0) == f"Condition {PAYLOAD}"
    assert PAYLOAD in shown(child.toolTip(0))
    panel.search.setText("bold")
    panel.show_results(html_kb.search("bold"))
    assert any(PAYLOAD in t for t in panel.result_texts())


def test_chain_panel_shows_names_and_reasons_literally(html_kb, qtbot) -> None:
    """Guards the chain list: muscle names as items, reasons in tooltips, never as HTML."""
    from tp_explorer.ui.panels import ChainPanel

    panel = ChainPanel()
    qtbot.addWidget(panel)
    site = next(iter(html_kb.sites))
    panel.show_chain(html_kb.chain_for(site), None)
    items = [panel.list.item(i) for i in range(panel.list.count())]
    muscles = [it for it in items if it.data(Qt.ItemDataRole.UserRole)]
    assert muscles
    for item in muscles:
        assert PAYLOAD in item.text()
        tip = shown(item.toolTip())
        assert PAYLOAD in tip and f"Reason {PAYLOAD}" in tip, tip


def test_details_panel_shows_everything_literally(html_kb, qtbot) -> None:
    """Guards the details panel: site, muscle and area views, labels and buttons."""
    from tp_explorer.ui.panels import DetailsPanel

    panel = DetailsPanel()
    qtbot.addWidget(panel)
    site_id = next(iter(html_kb.sites))
    site = html_kb.sites[site_id]
    links = html_kb.chain_for(site_id)
    panel.show_site(site, links)
    assert_literal(panel.widget(), minimum=3)
    for label in panel.widget().findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText
    for block in panel.widget().findChildren(QTextEdit):
        assert block.isReadOnly()
    panel.show_muscle(links[0].muscle, links[0].muscle.trigger_points[0].id)
    assert_literal(panel.widget(), minimum=3)
    area = (links[0].muscle.essential_areas or links[0].muscle.spillover_areas)[0]
    panel.show_area(area, "left", html_kb.points_referring_to(area), html_kb.sites_for_area(area))
    assert_literal(panel.widget(), minimum=1)


def test_legend_holds_no_text_from_the_file(qtbot) -> None:
    """The legend's words are the program's own (nothing from regions.yaml reaches it)."""
    from tp_explorer.ui.panels import LegendBar

    legend = LegendBar()
    qtbot.addWidget(legend)
    assert all(not QtGui.Qt.mightBeRichText(text) for text in legend.labels())


@pytest.fixture(scope="module")
def window(qapp, knowledge, anatomy, isolated_settings):
    from tp_explorer.ui.main_window import MainWindow

    win = MainWindow(knowledge, anatomy, multi_samples=0, restore=False)
    win.show()
    qapp.processEvents()
    yield win
    win.close()


@pytest.mark.parametrize(
    ("url", "opened"),
    [
        ("https://doi.org/10.1016/j.jbmt.2014.01.001", True),
        ("https://example.org/paper", True),
        ("http://doi.org/10.1/x", False),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("file:///etc/passwd", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("  https://example.org", False),
        ("ftp://example.org/x", False),
    ],
)
def test_link_handler_opens_only_https(window, monkeypatch, url: str, opened: bool) -> None:
    """Guards Controller._on_details_link_requested: the browser gets https addresses only."""
    calls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda u: calls.append(QUrl(u).toString()))
    window.details_panel.linkRequested.emit(url)
    assert bool(calls) is opened, (url, calls)
    if not opened:
        assert "Not opened" in window.statusBar().currentMessage()


def test_doi_button_opens_doi_org(window, monkeypatch) -> None:
    """The study card's DOI button goes through the same handler and reaches doi.org."""
    calls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda u: calls.append(QUrl(u).toString()))
    window.controller.select_site(next(iter(window.knowledge.sites)))
    buttons = [b for b in window.details_panel.buttons() if b.objectName() == "doiButton"]
    assert buttons
    buttons[0].click()
    assert calls and calls[0].startswith("https://doi.org/")


def test_payload_file_is_really_html(html_kb) -> None:
    """Guards the test data: Qt would treat the payload as rich text if given the chance."""
    assert QtGui.Qt.mightBeRichText(PAYLOAD)
    assert shown(PAYLOAD) != PAYLOAD
    assert isinstance(regions_path(), Path)
