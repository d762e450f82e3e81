"""The handout's A4 PDF, drawn with Qt's own PDF writer (QPdfWriter + QPainter).

Page 1: the site and side, then first of all when to see a doctor first (the site's red flags),
anterior and posterior chart-view pictures, a legend of the zones, and the chain's muscles,
each muscle near the pain with its trigger points and where each sends pain, in two columns:
the most detail (spillover zones, main zones, or the body areas they lie in) that keeps the
list on page 1, found by laying the handout out in memory. Page 2: the plain-language
explanation, the study with its DOI, blank fields for the therapist, and the
education-not-diagnosis statement. Then the therapist's page: the patient precautions for
needling and electrical stimulation, each with its source; with depths, a page of them too.
All text is drawn as plain text (never HTML), so nothing from regions.yaml can be interpreted
as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF
from PySide6.QtGui import (
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
from tp_explorer.ui.handout_figures import draw_figures
from tp_explorer.ui.handout_page import HandoutPage
from tp_explorer.ui.handout_points import DETAILS
from tp_explorer.ui.patient_text import (
    PRECAUTION_HEADING,
    PRECAUTION_INTRO,
    RED_FLAG_HEADING,
    RED_FLAG_INTRO,
    evidence_words,
)

CHAIN_PT = 8.5
RED_FLAG_PT = 8.5  # the red flags are many (issue 25), and must leave page 1 room for the chain
THERAPIST_PRECAUTION_NOTE = (
    "Ask about each of these before the first treatment and again when things change; the "
    "patient's answers decide whether needling or electrical stimulation is changed or left out."
)


def write_handout_pdf(
    path: str | Path, content: HandoutContent, images: Sequence[tuple[str, QImage]]
) -> None:
    """Draw the pages into ``path`` (a temporary file from ``atomic_target``), with the most
    trigger-point detail that keeps the chain list on page 1 (_detail_that_fits)."""
    detail = _detail_that_fits(content, images)
    _draw(_a4_writer(str(path), content), content, images, detail, str(path))


def _draw(
    writer: QPdfWriter,
    content: HandoutContent,
    images: Sequence[tuple[str, QImage]],
    detail: str,
    where: str,
) -> tuple[int, int]:
    """Every page of the handout on ``writer``; (the page the chain list ends on, the number
    of pages)."""
    painter = QPainter()
    if not painter.begin(writer):
        from tp_explorer.errors import InputError

        raise InputError(f"{where}: cannot write a PDF there")
    try:
        page = HandoutPage(painter, writer)
        _draw_first_page(page, content, images, detail)
        chain_ends = page.pages
        _draw_second_page(page, content)
        if content.precautions:
            _draw_precautions(page, content.precautions)
        if content.depth_lines:
            _draw_depth_page(page, content)
        return chain_ends, page.pages
    finally:
        painter.end()


def _detail_that_fits(content: HandoutContent, images: Sequence[tuple[str, QImage]]) -> str:
    """The most detail (handout_points.DETAILS) that keeps the chain list on page 1, so the
    explanation starts page 2 as it does with the briefest, and the handout no longer; the
    briefest where none does. Found by laying the handout out in memory."""
    laid: dict[str, tuple[int, int]] = {}

    def layout(detail: str) -> tuple[int, int]:
        if detail not in laid:
            buffer = QBuffer()
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            laid[detail] = _draw(_a4_writer(buffer, content), content, images, detail, "memory")
        return laid[detail]

    briefest = DETAILS[-1]
    pages = layout(briefest)[1]
    for detail in DETAILS[:-1]:
        chain_ends, total = layout(detail)
        if chain_ends == 1 and total <= pages:
            return detail
    return briefest


def _a4_writer(target: str | QBuffer, content: HandoutContent) -> QPdfWriter:
    """An A4 portrait writer at 150 dpi, titled for the site and side, into a file (by path)
    or a buffer."""
    writer = QPdfWriter(target)
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
    page: HandoutPage, content: HandoutContent, images: Sequence[tuple[str, QImage]], detail: str
) -> None:
    """Title, red flags, the pictures, the legend and the chain's muscles."""
    page.text(f"{content.site_label} pain: your trigger-point handout", 18, True, 1.5)
    page.text(f"Side shown: {content.side_text}", 12, True, 3)
    if content.red_flags:
        _draw_red_flags(page, content.red_flags)
    # The pictures and legend take what the red flags and the muscle list leave of the page.
    intro, entries = content.chain_entries(detail)
    below = (
        page.measure("Muscles in this chain", 12, True)
        + page.measure(intro, CHAIN_PT)
        + page.columns_height(entries, CHAIN_PT)
        + page.measure(DISCLAIMER, 8)
        + page.mm(20)
    )
    draw_figures(page, images, page.h - page.y - below)
    page.room_for(page.measure("Muscles in this chain", 12, True) + page.measure(intro, CHAIN_PT))
    page.text("Muscles in this chain", 12, True, 1.5)
    if intro:
        page.text(intro, CHAIN_PT, False, 1)
    page.columns(entries, CHAIN_PT)
    page.y += page.mm(1)
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


def _draw_precautions(page: HandoutPage, lines: Sequence[str]) -> None:
    """The therapist's page: who must not be needled or stimulated, each with its source, to
    ask about before any treatment."""
    page.new_page()
    page.text(f"For the therapist: {PRECAUTION_HEADING.lower()}", 15, True, 2)
    page.text(THERAPIST_PRECAUTION_NOTE, 9, False, 1.5)
    page.text(PRECAUTION_INTRO, 9, False, 2)
    for line in lines:
        page.text(line, 8.5, False, 1)


def _draw_red_flags(page: HandoutPage, lines: Sequence[str]) -> None:
    """The red flags in a light box at the top of page 1, before anything else about the site."""
    pad = page.mm(3)
    body = "\n".join([RED_FLAG_INTRO, *lines])
    inner_w = page.w - 2 * pad
    height = (
        page.measure(RED_FLAG_HEADING, 12, True, inner_w)
        + page.mm(1.5)
        + page.measure(body, RED_FLAG_PT, False, inner_w)
        + 2 * pad
    )
    box = QRectF(0, page.y, page.w, height)
    page.p.fillRect(box, QColor(palette.NOTICE_BACKGROUND))
    page.p.setPen(QPen(QColor(palette.NOTICE_BORDER), page.mm(0.4)))
    page.p.drawRect(box)
    top = page.y
    page.y += pad
    page.text(RED_FLAG_HEADING, 12, True, 1.5, left=pad, width=inner_w)
    page.text(body, RED_FLAG_PT, False, 0, left=pad, width=inner_w)
    page.y = top + height + page.mm(4)


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
