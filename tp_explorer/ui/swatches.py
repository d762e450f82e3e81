"""The legend's little pictures, drawn as the scene draws the body: solid essential zones,
striped spillover zones, the trigger point's mark and the muscles' role colours.

One painter for the window's legend bar and the handout's legend, so both say the same thing;
every colour comes from the palette the scene paints with.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from tp_explorer import palette
from tp_explorer.scene.visuals.focus_overlay import FILL_OPACITY

STRIPES = 2.5  # stripes across a swatch: few and broad, so they read as a pattern at a glance
STRIPE_DUTY = 0.5  # how much of each stripe period is dark


def _outline(painter: QPainter, rect: QRectF, colour: str, width: float) -> None:
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(colour), width))
    painter.drawRect(rect)


def _stripes(painter: QPainter, rect: QRectF) -> None:
    """Diagonal dark stripes over the light ground, clipped to the swatch."""
    painter.save()
    clip = QPainterPath()
    clip.addRect(rect)
    painter.setClipPath(clip)
    period = rect.width() / STRIPES  # along the swatch's edge; across the stripes it is /sqrt 2
    painter.setPen(QPen(QColor(palette.SPILLOVER), period / math.sqrt(2) * STRIPE_DUTY))
    start = rect.left() - rect.height()
    offset = 0.0
    while start + offset < rect.right() + rect.height():
        x = start + offset
        painter.drawLine(QLineF(x, rect.bottom(), x + rect.height(), rect.top()))
        offset += period
    painter.restore()


def _mark(painter: QPainter, rect: QRectF, chart: bool) -> None:
    """The trigger point: an X with a light halo on the chart view's skin, else a dot."""
    centre = rect.center()
    arm = min(rect.width(), rect.height()) * 0.32
    if not chart:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(palette.MARKER))
        painter.drawEllipse(centre, arm * 0.8, arm * 0.8)
        return
    painter.fillRect(rect, QColor(palette.CHART_SKIN))
    for colour, width in ((palette.LABEL_BACKGROUND, arm * 0.75), (palette.MARKER, arm * 0.35)):
        pen = QPen(QColor(colour), width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(centre + QPointF(-arm, -arm), centre + QPointF(arm, arm))
        painter.drawLine(centre + QPointF(-arm, arm), centre + QPointF(arm, -arm))


def paint_swatch(
    painter: QPainter, rect: QRectF, key: str, chart: bool = True, line: float = 1.0
) -> None:
    """One swatch: "essential", "spillover", "marker", "outlined" (the chart view's focused
    muscle) or a muscle role (palette.ROLE_COLOURS); ``chart`` draws the trigger point as the
    chart view marks it; ``line`` is the outline's width in the painter's units."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if key == "marker":
        _mark(painter, rect, chart)
        _outline(painter, rect, palette.LABEL_TEXT, line)
    elif key == "outlined":
        fill = palette.blend(palette.FOCUS, FILL_OPACITY, palette.CHART_SKIN)
        painter.fillRect(rect, QColor(fill))
        _outline(painter, rect, palette.FOCUS_OUTLINE, line * 2)
    elif key == "spillover":
        painter.fillRect(rect, QColor(palette.SPILLOVER_LIGHT))
        _stripes(painter, rect)
        _outline(painter, rect, palette.ZONE_OUTLINE, line)
    elif key == "essential":
        painter.fillRect(rect, QColor(palette.ESSENTIAL))
        _outline(painter, rect, palette.ZONE_OUTLINE, line)
    else:
        painter.fillRect(rect, QColor(palette.ROLE_COLOURS[key]))
        _outline(painter, rect, palette.LABEL_TEXT, line)
    painter.restore()
