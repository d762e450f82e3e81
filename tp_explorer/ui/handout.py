"""The patient handout: an A4 PDF written with Qt's own PDF writer (QPdfWriter + QPainter).

Page 1: the site and side, then first of all when to see a doctor first (the site's red flags),
anterior and posterior images of the current view, a legend of the zones and the chain's
muscles. Page 2: the plain-language explanation, the study with its DOI, blank fields for the
therapist, and the education-not-diagnosis statement. All text is drawn as
plain text (never HTML), so nothing from regions.yaml can be interpreted as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from tp_explorer import palette
from tp_explorer.files import atomic_target
from tp_explorer.ui.patient_text import (
    DEBATE_TEXT,
    RED_FLAG_HEADING,
    RED_FLAG_INTRO,
    TRIGGER_POINT_TEXT,
    chain_text,
    evidence_words,
    needled_note,
    red_flag_line,
    study_text,
)

if TYPE_CHECKING:
    from tp_explorer.anatomy import Anatomy
    from tp_explorer.knowledge import ChainLink, Knowledge, Study
    from tp_explorer.state import Highlight
    from tp_explorer.ui.window_base import ExplorerWindow

DISCLAIMER = (
    "This handout is for education only. It is not a diagnosis and does not replace an "
    "examination by your clinician. Referral maps are typical patterns; your pain may differ."
)
__all__ = [
    "DEBATE_TEXT",
    "TRIGGER_POINT_TEXT",
    "HandoutContent",
    "evidence_words",
    "handout_content",
    "patient_explanation",
    "study_citation",
]
ROLE_WORDS = {"local": "near the painful area", "regional": "further along the chain"}


@dataclass(frozen=True)
class HandoutContent:
    """Everything the handout prints, as plain text; built from the knowledge queries."""

    site_id: str
    site_label: str
    side: str
    muscles: tuple[tuple[str, str], ...]  # (muscle name, role)
    explanation: tuple[str, ...]
    citation: str
    doi: str
    evidence: str
    zones: tuple[str, ...] = ()  # body areas painted, for the legend
    extra: dict[str, str] = field(default_factory=dict)
    red_flags: tuple[str, ...] = ()  # one plain line per red flag, most urgent first
    muscle_notes: tuple[str, ...] = ()  # per muscle, how it is linked (same order as muscles)
    anatomy_credit: str = ""  # which body the pictures show, and its source
    depth_lines: tuple[str, ...] = ()  # the therapist's page: needle depths in this model
    depth_side: str = ""

    @property
    def side_text(self) -> str:
        return {"both": "both sides"}.get(self.side, f"{self.side} side")


def study_citation(study: Study) -> tuple[str, str, str]:
    """(citation, doi, evidence level) of a knowledge Study, as plain text."""
    citation = study.citation.format(study.unverified)
    return citation, study.citation.doi or "", study.evidence_level


def patient_explanation(knowledge: Knowledge, site_id: str, side: str = "both") -> tuple[str, ...]:
    """Plain-language paragraphs for a patient about one pain site.

    What a trigger point is (the site's own explanation, written for patients), why muscles
    away from the pain are treated (worded from each link's basis), what the study was really
    on and how strong that kind of evidence is, and that the model is debated. The red flags
    are printed separately, first, on page 1.
    """
    site = knowledge.sites[site_id]
    links = knowledge.chain_for(site_id, side)
    own = site.explanation.strip()
    paras = [own or TRIGGER_POINT_TEXT]
    chain = chain_text(links)
    if chain:
        paras.append(chain)
    paras.append(study_text(site, knowledge.study_for(site_id)))
    if "debate" not in own.lower():
        paras.append(DEBATE_TEXT)
    return tuple(paras)


def handout_content(
    knowledge: Knowledge, site_id: str | None, side: str = "both"
) -> HandoutContent:
    """Collect the handout's text from the knowledge base (no site is an unknown one)."""
    if site_id is None or site_id not in knowledge.sites:
        from tp_explorer.errors import InputError

        raise InputError(f"unknown pain site {site_id!r}; known: {', '.join(knowledge.sites)}")
    site = knowledge.sites[site_id]
    links = knowledge.chain_for(site_id, side)
    muscles = tuple((lk.muscle.name, lk.role) for lk in links)
    notes = tuple(_muscle_note(lk) for lk in links)
    zones: list[str] = []
    for lk in links:
        for area in (*lk.muscle.essential, *lk.muscle.spillover):
            if area not in zones:
                zones.append(area)
    citation, doi, evidence = study_citation(knowledge.study_for(site_id))
    return HandoutContent(
        site_id,
        site.name,
        side,
        muscles,
        patient_explanation(knowledge, site_id, side),
        citation,
        doi,
        evidence,
        tuple(zones),
        red_flags=tuple(red_flag_line(f) for f in knowledge.red_flags_for(site_id)),
        muscle_notes=notes,
    )


def _muscle_note(link: ChainLink) -> str:
    """How a muscle is linked, for the page-1 list: its role, its basis, where it was needled."""
    parts = [ROLE_WORDS.get(link.role, link.role)]
    if link.basis != "referral":
        parts.append("suggested for how you move, no referral here described")
    needled = needled_note(link)
    if needled:
        parts.append(needled)
    return "; ".join(parts)


def qimage_from_array(rgb: np.ndarray) -> QImage:
    """An (h, w, 3|4) uint8 array -> a QImage that owns its pixels."""
    arr = np.ascontiguousarray(rgb[..., :3], dtype=np.uint8)
    h, w = arr.shape[:2]
    return QImage(arr.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class _Page:
    """A cursor down an A4 page in device pixels, with the few drawing helpers the handout uses."""

    def __init__(self, painter: QPainter, writer: QPdfWriter) -> None:
        self.writer = writer
        self.pages = 1
        self.p = painter
        self.w = writer.width()
        self.h = writer.height()
        self.dpi = writer.resolution()
        self.y = 0.0

    def new_page(self) -> None:
        self.writer.newPage()
        self.pages += 1
        self.y = 0.0

    def room_for(self, height: float) -> None:
        """Start a new page when ``height`` no longer fits below the cursor."""
        if self.y > 0 and self.y + height > self.h:
            self.new_page()

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    def font(self, pt: float, bold: bool = False) -> None:
        f = QFont("DejaVu Sans")
        f.setPointSizeF(pt)
        f.setBold(bold)
        self.p.setFont(f)

    _FLAGS = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)

    def measure(
        self, text: str, pt: float = 11, bold: bool = False, width: float | None = None
    ) -> float:
        """Height the wrapped text would take, without drawing it."""
        self.font(pt, bold)
        rect = QRectF(0, 0, width if width is not None else self.w, self.h)
        return self.p.boundingRect(rect, self._FLAGS, text).height()

    def text(
        self,
        text: str,
        pt: float = 11,
        bold: bool = False,
        gap_mm: float = 2.5,
        left: float = 0.0,
        width: float | None = None,
    ) -> None:
        self.room_for(self.measure(text, pt, bold, width if width is not None else self.w - left))
        self.font(pt, bold)
        self.p.setPen(QColor(palette.LABEL_TEXT))
        rect = QRectF(left, self.y, width if width is not None else self.w - left, self.h - self.y)
        used = self.p.boundingRect(rect, self._FLAGS, text)
        self.p.drawText(rect, self._FLAGS, text)
        self.y += used.height() + self.mm(gap_mm)

    def line_field(self, label: str, height_mm: float = 9, lines: int = 1) -> None:
        self.room_for(self.mm(6 + height_mm * lines + 4))
        self.font(11, True)
        self.p.setPen(QColor(palette.LABEL_TEXT))
        self.p.drawText(
            QRectF(0, self.y, self.w, self.mm(6)), int(Qt.AlignmentFlag.AlignLeft), label
        )
        self.y += self.mm(6)
        self.p.setPen(QPen(QColor("#777777"), self.mm(0.25)))
        for _ in range(lines):
            self.y += self.mm(height_mm)
            self.p.drawLine(0, int(self.y), int(self.w), int(self.y))
        self.y += self.mm(4)


def _draw_legend(page: _Page) -> None:
    entries = [
        ("essential", "Main (essential) referral zone: solid"),
        ("spillover", "Spillover zone: striped, pain felt less often"),
        ("local", "Muscle near the painful area"),
        ("regional", "Muscle further along the chain"),
    ]
    page.text("Legend", 12, True, 1.5)
    page.font(10)
    box = page.mm(6)
    for kind, words in entries:
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


def _draw_red_flags(page: _Page, lines: Sequence[str]) -> None:
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
    page: _Page, images: Sequence[tuple[str, QImage]], max_h: float | None = None
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


def write_handout_pdf(
    path: str | Path, content: HandoutContent, images: Sequence[tuple[str, QImage]]
) -> None:
    """Draw the two pages into ``path`` (a temporary file from ``atomic_target``)."""
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
    painter = QPainter()
    if not painter.begin(writer):
        from tp_explorer.errors import InputError

        raise InputError(f"{path}: cannot write a PDF there")
    try:
        page = _Page(painter, writer)
        page.text(f"{content.site_label} pain: your trigger-point handout", 18, True, 1.5)
        page.text(f"Side shown: {content.side_text}", 12, True, 3)
        if content.red_flags:
            _draw_red_flags(page, content.red_flags)
        notes = content.muscle_notes or tuple(
            ROLE_WORDS.get(role, role) for _name, role in content.muscles
        )
        lines = [
            f"- {name} ({note})" for (name, _role), note in zip(content.muscles, notes, strict=True)
        ]
        muscle_text = "\n".join(lines) or "No muscles are linked to this site."
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
        page.room_for(
            page.measure("Muscles in this chain", 12, True) + page.measure(muscle_text, 9)
        )
        page.text("Muscles in this chain", 12, True, 1.5)
        page.text(muscle_text, 9, False, 2)
        page.text(DISCLAIMER, 8, False, 0)

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
        if content.depth_lines:
            _draw_depth_page(page, content)
    finally:
        painter.end()


DEPTH_HONESTY = (
    "Measured in this model: one adult male body (BodyParts3D) in one standing posture. Real "
    "depths change with body size, fat, muscle bulk and position, so no number here is a safe "
    "needle depth; use your own assessment and imaging where needed."
)


def _draw_depth_page(page: _Page, content: HandoutContent) -> None:
    """For the therapist: each chain trigger point's depth and nearest nerve and artery."""
    page.new_page()
    page.text("For the therapist: needle depths in this model", 15, True, 2)
    page.text(DEPTH_HONESTY, 9, False, 3)
    side = content.depth_side or "left"
    page.text(f"Shortest straight path from the skin, {side} side:", 10, True, 1.5)
    for line in content.depth_lines:
        page.room_for(page.measure(line, 9) + page.mm(1))
        page.text(f"- {line}", 9, False, 1)


def anatomy_credit(anatomy: Anatomy) -> str:
    """Which body the pictures show, and where it comes from."""
    if getattr(anatomy, "source", "builtin") == "atlas":
        return (
            "Pictures: BodyParts3D, (c) The Database Center for Life Science (DBCLS), "
            "CC BY-SA 2.1 JP; some structures drawn by tp_explorer."
        )
    return "Pictures: tp_explorer's schematic body from the myo-sim models (Apache-2.0)."


def with_depths(content: HandoutContent, knowledge: Knowledge, anatomy: Anatomy) -> HandoutContent:
    """The same handout with the therapist's depth page for its site's chain."""
    from dataclasses import replace

    from tp_explorer.anatomy.depth import DepthMeter
    from tp_explorer.state.needle import chain_depth_lines

    lines = chain_depth_lines(DepthMeter(anatomy), knowledge, content.site_id, content.side)
    side = content.side if content.side in ("left", "right") else "left"
    return replace(content, depth_lines=lines, depth_side=side)


def export_handout(
    target: str | Path,
    content: HandoutContent,
    images: Sequence[tuple[str, np.ndarray | QImage]],
    overwrite: bool = False,
) -> Path:
    """Write the handout atomically; an existing file is replaced only with ``overwrite``."""
    qimages = [
        (cap, img if isinstance(img, QImage) else qimage_from_array(img)) for cap, img in images
    ]
    with atomic_target(target, overwrite) as tmp:
        write_handout_pdf(tmp, content, qimages)
    return Path(target)


HANDOUT_VIEWS = (("Anterior (front)", "anterior"), ("Posterior (back)", "posterior"))
IMAGE_SIZE = (800, 1000)


def handout_images(
    anatomy: Anatomy,
    highlight: Highlight,
    layers: frozenset[str],
    size: tuple[int, int] = IMAGE_SIZE,
) -> list[tuple[str, np.ndarray]]:
    """Front and back pictures of one selection, off screen through the window's scene code."""
    from tp_explorer.scene.snapshot import render_image

    return [
        (caption, render_image(anatomy, highlight, layers, view=view, size=size))
        for caption, view in HANDOUT_VIEWS
    ]


def export_handout_interactive(window: ExplorerWindow, depth_table: bool = False) -> Path | None:
    """File > Export handout: the selected site and side as shown, asking before overwriting;
    ``depth_table`` adds the therapist's page of needle depths."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from tp_explorer.ui.file_dialogs import ask_save_path, confirm_overwrite

    state = window.state
    if state.site is None:
        QMessageBox.information(
            window, "Export handout", "Choose a pain site first; the handout is about one site."
        )
        return None
    path = ask_save_path(
        window, "Export handout", f"handout-{state.site}-{state.side}.pdf", "PDF (*.pdf)"
    )
    if path is None:
        return None
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    overwrite = path.exists()
    if overwrite and not confirm_overwrite(window, path):
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return write_window_handout(window, path, overwrite, depth_table=depth_table)
    finally:
        QApplication.restoreOverrideCursor()


def write_window_handout(
    window: ExplorerWindow, path: str | Path, overwrite: bool = False, depth_table: bool = False
) -> Path:
    """The handout of what the window shows now: its site, side, highlight and layers."""
    from dataclasses import replace

    state, scene = window.state, window.scene
    content = handout_content(window.knowledge, state.site, state.side)
    content = replace(content, anatomy_credit=anatomy_credit(window.anatomy))
    if depth_table:
        content = with_depths(content, window.knowledge, window.anatomy)
    layers = set(scene.layers) | {"zones", "skin", "muscles", "bones"}
    images = handout_images(window.anatomy, scene.highlight, frozenset(layers))
    return export_handout(path, content, images, overwrite)


def write_site_handout(
    site_id: str,
    target: str | Path,
    side: str = "both",
    regions: str | None = None,
    overwrite: bool = False,
    depth_table: bool = False,
) -> Path:
    """The command-line handout: a selection made from SITE and --side, rendered off screen."""
    from dataclasses import replace

    from PySide6.QtGui import QGuiApplication

    from tp_explorer.anatomy import load_anatomy
    from tp_explorer.knowledge import load_knowledge
    from tp_explorer.state import Selection, make_highlight
    from tp_explorer.state.model import DEFAULT_LAYERS

    kb = load_knowledge(regions)
    content = handout_content(kb, site_id, side)  # an unknown site is an InputError
    anatomy = load_anatomy()
    content = replace(content, anatomy_credit=anatomy_credit(anatomy))
    if depth_table:
        content = with_depths(content, kb, anatomy)
    highlight = make_highlight(Selection(site=site_id, side=side), kb)
    _app = QGuiApplication.instance() or QGuiApplication(["tp-explorer"])
    images = handout_images(anatomy, highlight, DEFAULT_LAYERS)
    return export_handout(target, content, images, overwrite)
