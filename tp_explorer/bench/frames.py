"""Frame times of a turntable, and the same triangles in a bare pyvista plotter (the floor)."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyvista as pv
from PySide6.QtWidgets import QApplication
from pyvista.plotting.renderer import CameraPosition
from vtkmodules.vtkCommonDataModel import vtkPolyData
from vtkmodules.vtkRenderingCore import vtkRenderWindow

from tp_explorer.bench.result import BenchResult, percentile

if TYPE_CHECKING:
    from tp_explorer.ui.main_window import MainWindow

WARM_UP_FRAMES = 5
MIN_PAIRED_BLOCK = 4


def render_window_of(plotter: pv.BasePlotter) -> vtkRenderWindow:
    """The plotter's render window, whose WaitForCompletion ends a timed frame."""
    window = plotter.render_window
    if not isinstance(window, vtkRenderWindow):  # None once closed
        raise RuntimeError("the plotter is closed: no render window to time")
    return window


def frame_times(
    plotter: pv.BasePlotter,
    frames: int,
    app: QApplication | None = None,
    step: float | None = None,
) -> list[float]:
    """Render a full turntable, one frame per step; milliseconds per frame.

    With ``app`` (the window) a frame is what a drag step costs the user: the render and the
    Qt paint that puts it on screen, so a paint that renders a second time is counted.
    """
    window = render_window_of(plotter)
    camera = plotter.camera
    step = 360.0 / frames if step is None else step
    times = []
    for _ in range(frames):
        camera.Azimuth(step)
        started = time.perf_counter()
        plotter.render()
        if app is not None:
            app.processEvents()
        window.WaitForCompletion()
        times.append((time.perf_counter() - started) * 1000)
    return times


def visible_meshes(plotter: pv.BasePlotter) -> list[vtkPolyData]:
    """The triangles the plotter draws: every visible actor's non-empty input."""
    meshes = []
    for actor in plotter.renderer.actors.values():
        mapper = getattr(actor, "mapper", None)
        if not actor.GetVisibility() or mapper is None:
            continue
        dataset = mapper.GetInput()
        if isinstance(dataset, vtkPolyData) and dataset.GetNumberOfCells() > 0:
            meshes.append(dataset)
    return meshes


def count_triangles(meshes: list[vtkPolyData]) -> int:
    """Polygons and strips of ``meshes`` (the scene's surfaces are triangulated)."""
    return int(sum(m.GetNumberOfPolys() + m.GetNumberOfStrips() for m in meshes))


PAIRED_ROUNDS = 12


@dataclass(frozen=True)
class PairedFrames:
    """Turntable frames of the window and of the bare plotter, taken in alternating blocks."""

    window_ms: list[float]
    bare_ms: list[float]
    ratios: list[float]  # per round: the window block's median over the bare block's


def open_bare(
    meshes: list[vtkPolyData],
    size: tuple[int, int],
    camera: CameraPosition,
    multi_samples: int,
) -> pv.Plotter:
    """A plain pyvista plotter, default settings, the same triangles, the same window size,
    shown and drawn (its first uploads done).

    One setting is not pyvista's default: anti-aliasing. pyvista's theme asks for 8x MSAA, the
    window for 4x on a GPU and none in software, so the bare plotter gets the window's samples;
    otherwise the ratio would measure the anti-aliasing choice, not the scene.
    """
    bare = pv.Plotter(window_size=list(size), off_screen=False)
    if multi_samples:
        bare.enable_anti_aliasing("msaa", multi_samples=multi_samples)
    else:
        bare.disable_anti_aliasing()
    for mesh in meshes:
        bare.add_mesh(pv.wrap(mesh))
    bare.camera_position = camera
    bare.show(interactive_update=True, auto_close=False)
    frame_times(bare, WARM_UP_FRAMES)
    return bare


def paired_frames(
    plotter: pv.BasePlotter,
    app: QApplication,
    bare: pv.BasePlotter,
    frames: int,
    rounds: int = PAIRED_ROUNDS,
) -> PairedFrames:
    """``frames`` turntable frames each of the window (with its Qt paint) and the bare plotter,
    in ``rounds`` alternating blocks at the same angles, so that a shared machine's drift (its
    speed swings by tens of percent over a minute) falls on both alike; each round's ratio is
    taken within the round."""
    block = max(MIN_PAIRED_BLOCK, frames // rounds)
    step = 360.0 / (block * rounds)
    window_ms: list[float] = []
    bare_ms: list[float] = []
    ratios = []
    for round_index in range(rounds):
        first, second = (plotter, bare) if round_index % 2 == 0 else (bare, plotter)
        times = {}
        for target in (first, second):
            times[id(target)] = frame_times(target, block, app if target is plotter else None, step)
        window_ms += times[id(plotter)]
        bare_ms += times[id(bare)]
        ratios.append(statistics.median(times[id(plotter)]) / statistics.median(times[id(bare)]))
    return PairedFrames(window_ms, bare_ms, ratios)


def measure_default_scene(
    window: MainWindow, app: QApplication, frames: int, result: BenchResult
) -> list[vtkPolyData]:
    """Frame times of the full default scene, turning and from the front; its visible meshes."""
    plotter = window.plotter
    window.controller.select_site(next(iter(window.knowledge.sites)))
    window.controller.select_site(None)
    app.processEvents()
    frame_times(plotter, WARM_UP_FRAMES, app)
    frames_ms = frame_times(plotter, frames, app)
    result.frame_ms = statistics.median(frames_ms)
    result.frame_p95_ms = percentile(frames_ms, 0.95)
    result.frame_render_ms = statistics.median(frame_times(plotter, frames))
    # The turntable averages every angle; a selection is drawn from the front, where the body
    # fills the canvas. The same frame, still, from the view the selections are drawn in:
    window.controller.reset_view()
    result.frame_front_ms = statistics.median(frame_times(plotter, frames, app, step=0.0))
    app.processEvents()
    meshes = visible_meshes(plotter)
    result.triangles = count_triangles(meshes)
    result.actors = len(plotter.renderer.actors)
    return meshes
