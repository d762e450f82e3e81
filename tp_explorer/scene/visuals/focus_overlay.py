"""The chart view's focused muscle, drawn in place over the opaque skin: a light see-through
fill and its outline as seen from the camera, as an anatomy chart draws a muscle under the
skin, so the eye links the trigger points marked over it to the zones around them.

The overlay is a renderer layer above the body that shares its camera (the needle-safety
layer draws its paths the same way). A small pool of actors is made once; a selection only
points them at the focused muscle's meshes (one per mesh and side).

Each mesh has its own silhouette filter, made the first time it is focused. A filter keeps the
edges it found in its input and finds them again only when the input is newer than they are:
one filter handed from soleus to gluteus minimus kept soleus's edges and drew them between
gluteus minimus's points, long lines from the hip to the floor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pyvista as pv
from vtkmodules.vtkFiltersHybrid import vtkPolyDataSilhouette
from vtkmodules.vtkRenderingCore import vtkPolyDataMapper, vtkRenderer

from tp_explorer import palette

POOL = 4  # meshes of one focused muscle on both sides (the largest has two meshes a side)
FILL_OPACITY = 0.18  # light: the zones under the muscle still read
OUTLINE_PX = 3.0

MuscleKey = tuple[str, str]


def overlay_renderer(plotter: pv.BasePlotter) -> vtkRenderer:
    """A renderer in the layer above the body's, with the body's camera and viewport."""
    base = plotter.renderer
    overlay = vtkRenderer()
    overlay.SetLayer(1)
    overlay.SetInteractive(False)
    overlay.SetActiveCamera(base.GetActiveCamera())
    overlay.SetViewport(base.GetViewport())
    window = plotter.ren_win
    if window is None:
        raise RuntimeError("the plotter has no render window (it is closed)")
    window.SetNumberOfLayers(max(2, window.GetNumberOfLayers()))
    window.AddRenderer(overlay)
    return overlay


class FocusOverlay:
    """Fill and outline actors for the focused muscle's meshes, over the skin."""

    def __init__(
        self, overlay: vtkRenderer, muscles: Mapping[str, Mapping[str, pv.PolyData]]
    ) -> None:
        self.muscles = muscles
        self.camera = overlay.GetActiveCamera()
        self.fills: list[pv.Actor] = []
        self.outlines: list[pv.Actor] = []
        self.silhouettes: dict[MuscleKey, vtkPolyDataSilhouette] = {}  # one per mesh and side
        for _ in range(POOL):
            fill_mapper = vtkPolyDataMapper()
            fill_mapper.ScalarVisibilityOff()
            fill = pv.Actor(mapper=fill_mapper)
            prop = fill.GetProperty()
            prop.SetColor(*palette.rgb_float(palette.FOCUS))
            prop.SetOpacity(FILL_OPACITY)
            prop.SetAmbient(0.3)
            prop.BackfaceCullingOn()  # one layer of fill, not front and back: zones read through
            outline_mapper = vtkPolyDataMapper()
            outline_mapper.ScalarVisibilityOff()
            outline = pv.Actor(mapper=outline_mapper)
            line = outline.GetProperty()
            line.SetColor(*palette.rgb_float(palette.FOCUS_OUTLINE))
            line.SetLineWidth(OUTLINE_PX)
            line.SetLighting(False)
            for actor in (fill, outline):
                actor.SetPickable(False)
                actor.SetVisibility(False)
                overlay.AddActor(actor)
            self.fills.append(fill)
            self.outlines.append(outline)
        self.shown: tuple[MuscleKey, ...] = ()

    def show(self, keys: Sequence[MuscleKey]) -> None:
        """Draw these muscle meshes (at most ``POOL``); none hides the overlay."""
        keys = tuple(k for k in keys if k[1] in self.muscles.get(k[0], {}))[:POOL]
        if keys == self.shown:
            return
        self.shown = keys
        for index, (fill, outline) in enumerate(zip(self.fills, self.outlines, strict=True)):
            visible = index < len(keys)
            if visible:
                mesh_id, side = keys[index]
                fill.GetMapper().SetInputData(self.muscles[mesh_id][side])
                outline.GetMapper().SetInputConnection(self.silhouette(keys[index]).GetOutputPort())
            fill.SetVisibility(visible)
            outline.SetVisibility(visible)

    def silhouette(self, key: MuscleKey) -> vtkPolyDataSilhouette:
        """The outline filter of one mesh (made once; never given another mesh)."""
        found = self.silhouettes.get(key)
        if found is None:
            found = vtkPolyDataSilhouette()
            found.SetCamera(self.camera)
            found.SetEnableFeatureAngle(False)
            found.SetInputData(self.muscles[key[0]][key[1]])
            self.silhouettes[key] = found
        return found
