"""The labels' pictures: each text rasterised once per font size by VTK's own text renderer
(so it looks as a text actor's does), and the texts of a selection packed into one texture.

Packed again only when a label not yet in the texture is shown (labels are muscle and nerve
names: after the first few selections a selection uploads nothing, only moves quads).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import vtkmodules.vtkRenderingFreeType  # noqa: F401  (the text renderer's FreeType)
from vtkmodules.vtkCommonDataModel import vtkImageData
from vtkmodules.vtkRenderingCore import vtkRenderer, vtkTextProperty, vtkTextRenderer, vtkTexture

from tp_explorer import palette
from tp_explorer.scene.layout.labels import FRAME_PX, Label
from tp_explorer.scene.vtk_arrays import numpy_to_vtk, vtk_to_numpy

log = logging.getLogger(__name__)

MAX_PACKED_TEXTS = 96  # the texture keeps every text shown until it holds this many
MAX_SHEET_PX = 4096  # the texture's height at most (GPUs take 8192 and more; this stays safe)
CACHED_PICTURES = 512  # a session's labels at a few font sizes

Picture = npt.NDArray[np.uint8]  # RGBA rows, bottom-up
Cell = tuple[int, int, int, int]  # x, y, width, height of a picture in the texture


def style_as_label(prop: vtkTextProperty, frame_px: int) -> None:
    """A label's look on a vtkTextProperty: dark text on a light, slightly see-through
    background with a frame of ``frame_px`` in the same colour (its padding)."""
    prop.SetColor(*palette.rgb_float(palette.LABEL_TEXT))
    prop.SetBackgroundColor(*palette.rgb_float(palette.LABEL_BACKGROUND))
    prop.SetBackgroundOpacity(0.85)
    prop.SetFrame(True)
    prop.SetFrameColor(*palette.rgb_float(palette.LABEL_BACKGROUND))
    prop.SetFrameWidth(frame_px)


class LabelPictures:
    """Every label's picture at the current font size, and the texture that holds them."""

    def __init__(self, renderer: vtkRenderer, font_size: int) -> None:
        self.renderer = renderer
        self._text_renderer = vtkTextRenderer()
        self._props = {"muscle": vtkTextProperty(), "safety": vtkTextProperty()}
        muscle, safety = self._props["muscle"], self._props["safety"]
        style_as_label(muscle, FRAME_PX)
        muscle.SetJustificationToLeft()
        muscle.SetVerticalJustificationToBottom()
        safety.ShallowCopy(muscle)
        safety.SetBold(True)
        safety.SetBackgroundColor(*palette.rgb_float(palette.NERVE))
        safety.SetFrameColor(*palette.rgb_float(palette.NERVE))
        self._pictures: dict[tuple[str, str, int], Picture] = {}
        self._packed: int | None = None  # the font size the texture holds pictures at
        self.cells: dict[Label, Cell] = {}
        self.sheet_size = (1, 1)
        self.sheet = vtkImageData()
        self.texture = vtkTexture()
        self.texture.SetInputData(self.sheet)
        self.texture.InterpolateOff()  # quads sit on whole pixels: each texel is one pixel
        self.texture.RepeatOff()
        self.font_size = font_size
        self.set_font_size(font_size)

    def set_font_size(self, points: int) -> None:
        self.font_size = points
        self._packed = None
        for prop in self._props.values():
            prop.SetFontSize(points)

    def _dpi(self) -> int:
        window = self.renderer.GetRenderWindow()
        return int(window.GetDPI()) if window is not None else 72

    def picture(self, text: str, style: str = "muscle") -> Picture:
        """The text's RGBA picture (rows bottom-up), its frame and background included."""
        key = (text, style, self.font_size)
        picture = self._pictures.get(key)
        if picture is None:
            picture = self._render(text, style)
            if len(self._pictures) > CACHED_PICTURES:
                self._pictures.clear()
            self._pictures[key] = picture
        return picture

    def _render(self, text: str, style: str) -> Picture:
        image = vtkImageData()
        dims = [0, 0]
        prop = self._props["safety" if style == "safety" else "muscle"]
        if not self._text_renderer.RenderString(prop, text, image, dims, self._dpi()):
            log.warning("the label %r could not be drawn", text)
            dims = [0, 0]
        nx, ny, _nz = image.GetDimensions()
        scalars = image.GetPointData().GetScalars()
        if scalars is None or dims[0] <= 0 or dims[1] <= 0:
            return np.zeros((1, 1, 4), dtype=np.uint8)
        rgba = vtk_to_numpy(scalars).reshape(ny, nx, -1)
        return np.ascontiguousarray(rgba[: dims[1], : dims[0], :4], dtype=np.uint8)

    def size_of(self, text: str, style: str = "muscle") -> tuple[int, int]:
        """A label's box: its picture and FRAME_PX of room on each side."""
        height, width = self.picture(text, style).shape[:2]
        return width + 2 * FRAME_PX, height + 2 * FRAME_PX

    def pack(self, labels: Sequence[Label]) -> None:
        """Every (text, style) shown so far at this font size, stacked into the one texture
        (while it stays under MAX_PACKED_TEXTS texts and MAX_SHEET_PX rows)."""
        if self._packed == self.font_size and all(k in self.cells for k in labels):
            return
        keys = list(dict.fromkeys(labels))
        pictures = {key: self.picture(*key) for key in keys}
        if self._packed == self.font_size and len(self.cells) < MAX_PACKED_TEXTS:
            kept = {key: self.picture(*key) for key in self.cells if key not in pictures}
            if sum(p.shape[0] + 1 for p in [*pictures.values(), *kept.values()]) <= MAX_SHEET_PX:
                pictures = {**kept, **pictures}
        width = max((p.shape[1] for p in pictures.values()), default=1)
        height = max(sum(p.shape[0] + 1 for p in pictures.values()), 1)
        sheet = np.zeros((height, width, 4), dtype=np.uint8)
        self.cells = {}
        y = 0
        for key, picture in pictures.items():
            h, w = picture.shape[:2]
            sheet[y : y + h, :w] = picture
            self.cells[key] = (0, y, w, h)
            y += h + 1  # a clear row between pictures
        self.sheet.SetDimensions(width, height, 1)
        scalars = numpy_to_vtk(sheet.reshape(-1, 4), deep=True)
        scalars.SetName("label_pictures")
        self.sheet.GetPointData().SetScalars(scalars)
        self.sheet.Modified()
        self.sheet_size = (width, height)
        self._packed = self.font_size
