"""The handout's pictures and their legend: front and back chart-view pictures, and the
swatches the window's legend paints (ui.swatches).

The pictures get the height the page leaves them (50 to 120 mm). Where they are narrow enough
the legend stands in a column beside them, so the page keeps its room for the words below;
otherwise it goes under them in two columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPen

from tp_explorer import palette
from tp_explorer.ui.handout_page import HandoutPage
from tp_explorer.ui.swatches import paint_swatch

# What the chart-view pictures draw (no muscle: the chart view shows only a focused one).
LEGEND_ENTRIES = (
    ("essential", "Main (essential) referral zone: solid"),
    ("spillover", "Spillover zone: striped, pain felt less often"),
    ("marker", "Trigger point: an X on the skin over it"),
)
PICTURE_MM = (50, 120)  # the pictures' least and greatest height
LEGEND_W_MM = 74  # the legend's column beside the pictures
ROW_MM = 9.5  # a legend row beside the pictures (room for two lines of words)
CAPTION_MM = 7
LEGEND_PT = 9.5


def draw_figures(page: HandoutPage, images: Sequence[tuple[str, QImage]], room: float) -> None:
    """The pictures, as tall as ``room`` allows within PICTURE_MM, and the legend: beside them
    where that leaves the pictures at least as tall as the legend under them would, else
    under them."""
    low, high = page.mm(PICTURE_MM[0]), page.mm(PICTURE_MM[1])
    beside = page.w - page.mm(LEGEND_W_MM + 4)
    fits_beside = _height_for(page, images, beside)
    height_beside = min(max(min(room, fits_beside), low), high)
    height_under = min(max(room - legend_height(page, 2), low), high)
    if height_beside >= height_under and _width(page, images, height_beside) <= beside:
        top = page.y
        _draw_images(page, images, height_beside, beside)
        bottom = page.y
        page.y = top + page.mm(CAPTION_MM)
        _draw_legend(page, page.w - page.mm(LEGEND_W_MM), page.mm(LEGEND_W_MM), 1)
        page.y = max(bottom, page.y)
        return
    _draw_images(page, images, height_under, page.w)
    _draw_legend(page, 0.0, page.w, 2)


def legend_height(page: HandoutPage, columns: int) -> float:
    """The legend's height in ``columns`` (its heading included)."""
    rows = -(-len(LEGEND_ENTRIES) // columns)
    return page.measure("Legend", 12, True) + page.mm(1.5 + rows * ROW_MM + 2)


def _width(page: HandoutPage, images: Sequence[tuple[str, QImage]], height: float) -> float:
    """How wide the pictures stand side by side at ``height``."""
    gaps = page.mm(6) * max(len(images) - 1, 0)
    return sum(image.width() * height / max(image.height(), 1) for _c, image in images) + gaps


def _height_for(page: HandoutPage, images: Sequence[tuple[str, QImage]], width: float) -> float:
    """The tallest the pictures may stand side by side in ``width``."""
    per_height = _width(page, images, 1.0) - page.mm(6) * max(len(images) - 1, 0)
    gaps = page.mm(6) * max(len(images) - 1, 0)
    return (width - gaps) / per_height if per_height > 0 else 0.0


def _draw_images(
    page: HandoutPage, images: Sequence[tuple[str, QImage]], max_h: float, width: float
) -> None:
    """The pictures side by side in ``width`` from the left, each under its caption."""
    gap = page.mm(6)
    col_w = (width - gap * (len(images) - 1)) / max(1, len(images))
    tallest = 0.0
    for i, (caption, image) in enumerate(images):
        x = i * (col_w + gap)
        scale = min(col_w / image.width(), max_h / image.height())
        w, h = image.width() * scale, image.height() * scale
        target = QRectF(x + (col_w - w) / 2, page.y + page.mm(CAPTION_MM), w, h)
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


def _draw_legend(page: HandoutPage, left: float, width: float, columns: int) -> None:
    """The swatches for the chart-view pictures, in ``columns`` from ``left``."""
    page.text("Legend", 12, True, 1.5, left=left, width=width)
    box = page.mm(6)
    column_w = width / columns
    rows = -(-len(LEGEND_ENTRIES) // columns)
    top = page.y
    for i, (kind, words) in enumerate(LEGEND_ENTRIES):
        x = left + column_w * (i // rows)
        y = top + (i % rows) * page.mm(ROW_MM)
        swatch = QRectF(x, y + (page.mm(ROW_MM - 1) - box) / 2, box, box)
        paint_swatch(page.p, swatch, kind, chart=True, line=page.mm(0.3))
        page.font(LEGEND_PT)
        page.p.setPen(QColor(palette.LABEL_TEXT))
        page.p.drawText(
            QRectF(x + box + page.mm(2.5), y, column_w - box - page.mm(3.5), page.mm(ROW_MM - 1)),
            int(Qt.AlignmentFlag.AlignVCenter)
            | int(Qt.AlignmentFlag.AlignLeft)
            | int(Qt.TextFlag.TextWordWrap),
            words,
        )
    page.y = top + rows * page.mm(ROW_MM) + page.mm(2)
