"""A label as the layout placed it: its box, the leader line and the point it names."""

from __future__ import annotations

from dataclasses import dataclass

from tp_explorer.scene.layout.arrays import Box, Vec3


@dataclass(frozen=True)
class Placement:
    """One label as drawn: its text box (display px, origin bottom left) and leader line."""

    text: str
    box: Box  # x0, y0, x1, y1
    anchor: Vec3  # world point on the muscle's surface
    anchor_px: tuple[float, float]
    line_end_px: tuple[float, float]  # where the leader meets the box
    style: str = "muscle"  # or "safety": a nerve or vessel named by the needle-safety layer
    drawn: str = ""  # the text as drawn: ``text``, or wrapped into lines on a narrow canvas
