"""The handout's A4 PDF, drawn with Qt's own PDF writer (QPdfWriter + QPainter).

Page 1: the site and side, then first of all when to see a doctor first (the site's red flags),
anterior and posterior images of the current view, a legend of the zones and the chain's
muscles. Page 2: the plain-language explanation, the study with its DOI, blank fields for the
therapist, and the education-not-diagnosis statement; with depths, a page for the therapist.
All text is drawn as plain text (never HTML), so nothing from regions.yaml can be interpreted
as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from tp_explorer import palette
from tp_explorer.ui.handout_content import DEPTH_HONESTY, DISCLAIMER, HandoutContent
from tp_explorer.ui.handout_page import HandoutPage
from tp_explorer.ui.patient_text import RED_FLAG_HEADING, RED_FLAG_INTRO, evidence_words

LEGEND_ENTRIES = (
    ("essential", "Main (essential) referral zone: solid"),
    ("spillover", "Spillover zone: striped, pain felt less often"),
    ("local", "Muscle near the painful area"),
    ("regional", "Muscle further along the chain"),
)


def write_handout_pdf(
    path: str | Path, content: HandoutContent, images: Sequence[tuple[str, QImage]]
) -> None:
    """Draw the two pages into ``path`` (a temporary file from ``atomic_target``)."""
    writer = _a4_writer(path, content)
    painter = QPainter()
    if not painter.begin(writer):
        from tp_explorer.errors import InputError

        raise InputError(f"{path}: cannot write a PDF there")
    try:
        page = HandoutPage(painter, writer)
        _draw_first_page(page, content, images)
        _draw_second_page(page, content)
        if content.depth_lines:
            _draw_depth_page(page, content)
    finally:
        painter.end()


def _a4_writer(path: str | Path, content: HandoutContent) -> QPdfWriter:
    """An A4 portrait writer at 150 dpi, titled for the site and side."""
    writer = QPdfWriter(str(path))
    writer.setResolution(150)
    writer.setTitle(f"tp_explorer handout - {content.site_label} ({content.side_text})")
    writer.setCreator("tp_explorer")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(16, 14, 16, 14),
            QPageLayout.Unit.Millimeter,
        )
    )
    return writer


def _draw_first_page(
    page: HandoutPage, content: HandoutContent, images: Sequence[tuple[str, QImage]]
) -> None:
    """Title, red flags, the pictures, the legend and the chain's muscles."""
    page.text(f"{content.site_label} pain: your trigger-point handout", 18, True, 1.5)
    page.text(f"Side shown: {content.side_text}", 12, True, 3)
    if content.red_flags:
        _draw_red_flags(page, content.red_flags)
    muscle_text = content.muscle_text
    # The pictures take what the red flags, legend and muscle list leave of the page.
    below = (
        page.measure("Legend", 12, True)
        + page.mm(4 * 8 + 4)
        + page.measure("Muscles in this chain", 12, True)
        + page.measure(muscle_text, 9)
        + page.measure(DISCLAIMER, 8)
        + page.mm(20)
    )
    _draw_images(page, images, max_h=page.h - page.y - below)
    _draw_legend(page)
    page.room_for(page.measure("Muscles in this chain", 12, True) + page.measure(muscle_text, 9))
    page.text("Muscles in this chain", 12, True, 1.5)
    page.text(muscle_text, 9, False, 2)
    page.text(DISCLAIMER, 8, False, 0)


def _draw_second_page(page: HandoutPage, content: HandoutContent) -> None:
    """The explanation, the study, the therapist's fields and the statement."""
    if page.pages == 1:  # a long chain list has already moved on to a page of its own
        page.new_page()
    else:
        page.y += page.mm(8)
    page.text("What this means for you", 16, True, 3)
    for para in content.explanation:
        page.text(para, 11, False, 3)
    page.text("The study behind this", 13, True, 1.5)
    page.text(content.citation, 10, False, 1)
    if content.doi:
        page.text(f"DOI: {content.doi}   https://doi.org/{content.doi}", 10, False, 1)
    if content.evidence:
        words = evidence_words(content.evidence, with_level=False)
        page.text(f"Strength of this kind of evidence: {words}", 10, False, 1)
    page.y += page.mm(4)
    page.line_field("Therapist:")
    page.line_field("Date:")
    page.line_field("Home exercises and notes:", 8, 4)
    page.text(DISCLAIMER, 10, True, 1)
    if content.anatomy_credit:
        page.text(content.anatomy_credit, 8, False, 0)


def _draw_legend(page: HandoutPage) -> None:
    page.text("Legend", 12, True, 1.5)
    page.font(10)
    box = page.mm(6)
    for kind, words in LEGEND_ENTRIES:
        y = page.y
        rect = QRectF(0, y, box, box)
        if kind == "spillover":
            page.p.fillRect(rect, QColor(palette.SPILLOVER_LIGHT))
            page.p.fillRect(rect, QBrush(QColor(palette.SPILLOVER), Qt.BrushStyle.BDiagPattern))
        else:
            colour = {"essential": palette.ESSENTIAL, "local": palette.LOCAL}.get(
                kind, palette.REGIONAL
            )
            page.p.fillRect(rect, QColor(colour))
        page.p.setPen(QColor(palette.LABEL_TEXT))
        page.p.drawRect(rect)
        page.p.drawText(
            QRectF(box + page.mm(3), y, page.w, box),
            int(Qt.AlignmentFlag.AlignVCenter) | int(Qt.AlignmentFlag.AlignLeft),
            words,
        )
        page.y += box + page.mm(2)
    page.y += page.mm(2)


def _draw_red_flags(page: HandoutPage, lines: Sequence[str]) -> None:
    """The red flags in a light box at the top of page 1, before anything else about the site."""
    pad = page.mm(3)
    body = "\n".join([RED_FLAG_INTRO, *lines])
    inner_w = page.w - 2 * pad
    height = (
        page.measure(RED_FLAG_HEADING, 12, True, inner_w)
        + page.mm(1.5)
        + page.measure(body, 9.5, False, inner_w)
        + 2 * pad
    )
    box = QRectF(0, page.y, page.w, height)
    page.p.fillRect(box, QColor(palette.NOTICE_BACKGROUND))
    page.p.setPen(QPen(QColor(palette.NOTICE_BORDER), page.mm(0.4)))
    page.p.drawRect(box)
    top = page.y
    page.y += pad
    page.text(RED_FLAG_HEADING, 12, True, 1.5, left=pad, width=inner_w)
    page.text(body, 9.5, False, 0, left=pad, width=inner_w)
    page.y = top + height + page.mm(4)


def _draw_images(
    page: HandoutPage, images: Sequence[tuple[str, QImage]], max_h: float | None = None
) -> None:
    gap = page.mm(6)
    col_w = (page.w - gap * (len(images) - 1)) / max(1, len(images))
    max_h = min(page.mm(120), max_h if max_h is not None else page.mm(120))
    max_h = max(max_h, page.mm(50))
    tallest = 0.0
    for i, (caption, image) in enumerate(images):
        x = i * (col_w + gap)
        scale = min(col_w / image.width(), max_h / image.height())
        w, h = image.width() * scale, image.height() * scale
        target = QRectF(x + (col_w - w) / 2, page.y + page.mm(7), w, h)
        page.font(11, True)
        page.p.setPen(QColor(palette.LABEL_TEXT))
        page.p.drawText(
            QRectF(x, page.y, col_w, page.mm(6)), int(Qt.AlignmentFlag.AlignHCenter), caption
        )
        page.p.drawImage(target, image)
        page.p.setPen(QPen(QColor("#999999"), page.mm(0.3)))
        page.p.drawRect(target)
        tallest = max(tallest, h)
    page.y += tallest + page.mm(11)


def _draw_depth_page(page: HandoutPage, content: HandoutContent) -> None:
    """For the therapist: each chain trigger point's depth and nearest nerve and artery."""
    page.new_page()
    page.text("For the therapist: needle depths in this model", 15, True, 2)
    page.text(DEPTH_HONESTY, 9, False, 3)
    side = content.depth_side or "left"
    page.text(f"Shortest straight path from the skin, {side} side:", 10, True, 1.5)
    for line in content.depth_lines:
        page.room_for(page.measure(line, 9) + page.mm(1))
        page.text(f"- {line}", 9, False, 1)
