"""Speed and memory of the real window, against the renderer's own limit.

Drives the same code paths a user does (the sites tree, the controller, the scene) on the
current display and compares the full scene's frame time with a bare pyvista plotter drawing the
identical triangles with default settings, in the same run. Timings are reported, never asserted.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tp_explorer.ui.heap import IDLE_TRIM_MS

SELECTION_ROUNDS = 200
TURNTABLE_FRAMES = 72
# The selections are timed in blocks with turntable frames of the default scene between them,
# so the frame a selection is divided by is measured on the same machine state (a shared VM's
# speed drifts by 10-30 % over the minute the selections take).
SELECTION_BLOCKS = 10
SETTLE_MS = 200  # idle event loop between two clicks (a person clicks a few times a second)

COLD_START_CHILD = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from tp_explorer.ui.app import run_window

def ready(window):
    # the first frame is the first time the canvas's picture reaches the screen
    def swapped():
        print("FIRST_FRAME", time.time(), flush=True)
        QTimer.singleShot(0, QApplication.instance().quit)
    window.plotter.frameSwapped.connect(swapped)
    QTimer.singleShot(60000, QApplication.instance().quit)

sys.exit(run_window(on_ready=ready))
"""


@dataclass
class BenchResult:
    """The figures; the JSON keys are stable so versions can be compared."""

    renderer: str = ""
    machine: str = ""
    multi_samples: int = 0  # the window's MSAA, chosen by renderer; the bare plotter uses the same
    window_size: tuple[int, int] = (0, 0)
    cold_start_s: float = 0.0
    cold_start_runs_s: list[float] = field(default_factory=list)
    # a plain pyvistaqt window drawing the same anatomy (no knowledge, panels or highlight)
    bare_cold_start_s: float = 0.0
    cold_start_ratio: float = 0.0
    knowledge_load_s: float = 0.0
    asset_load_s: float = 0.0
    window_build_s: float = 0.0
    frame_ms: float = 0.0
    frame_p95_ms: float = 0.0
    frame_render_ms: float = 0.0  # the VTK render alone, without the Qt paint that shows it
    frame_selected_ms: float = 0.0  # a frame of a selected site: zones, labels, markers shown
    frame_front_ms: float = 0.0  # the default scene from the front, the view selections redraw
    # the default scene's turntable frames taken between the blocks of selections
    frame_interleaved_ms: float = 0.0
    bare_frame_ms: float = 0.0
    bare_frame_p95_ms: float = 0.0
    frame_ratio: float = 0.0
    selection_ms: float = 0.0
    selection_p95_ms: float = 0.0
    selection_ratio: float = 0.0
    selection_ratio_selected_frame: float = 0.0
    selection_ratio_front_frame: float = 0.0
    selection_apply_ms: float = 0.0
    selection_with_panels_ms: float = 0.0
    # median ms of each step of a selection, up to the repainted frame (controller.last_spans):
    # highlight, apply, framing, render (of which labels: their layout), repaint
    selection_breakdown_ms: dict[str, float] = field(default_factory=dict)
    rss_mb: float = 0.0  # steady: after 200 selections and the idle second that follows
    rss_peak_mb: float = 0.0
    rss_after_200_selections_mb: float = 0.0  # at once, before the window has been idle
    bare_rss_mb: float = 0.0  # a plain pyvistaqt window, same triangles and size, own process
    rss_ratio: float = 0.0
    actors: int = 0
    actors_after_selections: int = 0
    triangles: int = 0


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def _rss_mb() -> tuple[float, float]:
    """Current and peak resident memory of this process, in MB (Linux /proc; else zeros)."""
    status = Path("/proc/self/status")
    if not status.exists():
        return 0.0, 0.0
    fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)

    def mb(key: str) -> float:
        return int(fields.get(key, "0 kB").split()[0]) / 1024

    return mb("VmRSS"), mb("VmHWM")


# A plain pyvistaqt window drawing the anatomy our window draws (bones, context structures,
# muscles, translucent skin) on a canvas of ``width`` x ``height``: the body of both children
# that measure the stack's own floor (memory, cold start).
PLAIN_WINDOW = """
app = QApplication(sys.argv[:1])
anatomy = load_anatomy()
window = QMainWindow()
plotter = QtInteractor(window, auto_update=False, multi_samples=0)
window.setCentralWidget(plotter)
for mesh in [*anatomy.bones.values(), *anatomy.context.values()]:
    plotter.add_mesh(mesh)
for by_side in anatomy.muscles.values():
    for mesh in by_side.values():
        plotter.add_mesh(mesh)
plotter.add_mesh(anatomy.skin, opacity=0.12)
window.resize(width, height)
"""

BARE_RSS_CHILD = (
    """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
from pyvistaqt import QtInteractor
from tp_explorer.anatomy import load_anatomy
from tp_explorer.ui.heap import limit_heap_fragmentation, trim_heap

limit_heap_fragmentation()
width, height, frames = (int(v) for v in sys.argv[1:4])
"""
    + PLAIN_WINDOW
    + """
window.show()
for _ in range(5):
    app.processEvents()
for _ in range(frames):
    plotter.camera.Azimuth(360.0 / frames)
    plotter.render()
    app.processEvents()
trim_heap()
for line in open("/proc/self/status"):
    if line.startswith("VmRSS:"):
        print("BARE_RSS_KB", line.split()[1], flush=True)
"""
)


def measure_bare_rss(size: tuple[int, int], frames: int) -> float:
    """RSS (MB) of a plain pyvistaqt window drawing the same triangles, in a fresh process.

    The floor the stack itself sets (Python, Qt, VTK, pyvista, the OpenGL driver) for this
    canvas size; the window's own memory is what it holds above this. 0.0 where /proc is absent.
    """
    if not Path("/proc/self/status").exists():
        return 0.0
    args = (str(size[0]), str(size[1]), str(frames))
    return int(_run_child("bare-memory", BARE_RSS_CHILD, "BARE_RSS_KB", args)) / 1024


def _run_child(what: str, code: str, tag: str, args: tuple[str, ...] = ()) -> str:
    """Run ``code`` in a fresh Python on this display; the value after its last ``tag`` line."""
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ.copy(),
    )
    stamps = [ln for ln in proc.stdout.splitlines() if ln.startswith(tag)]
    if proc.returncode != 0 or not stamps:
        raise RuntimeError(f"{what} child failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return stamps[-1].split()[1]


BARE_COLD_START_CHILD = (
    """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from pyvistaqt import QtInteractor
from tp_explorer.anatomy import load_anatomy

width, height = (int(v) for v in sys.argv[1:3])  # our canvas's size: the same pixels to fill
"""
    + PLAIN_WINDOW
    + """

def swapped():
    print("FIRST_FRAME", time.time(), flush=True)
    QTimer.singleShot(0, app.quit)

plotter.frameSwapped.connect(swapped)
QTimer.singleShot(60000, app.quit)
window.show()
sys.exit(app.exec())
"""
)


def compile_bytecode() -> None:
    """Write the package's bytecode, as an installed program has it.

    pip compiles what it installs, and Python writes the rest on the first start; where
    PYTHONDONTWRITEBYTECODE is set (as on some servers) every start would otherwise compile
    ~75 modules from source again, ~0.15 s no user pays.
    """
    import compileall

    import tp_explorer

    compileall.compile_dir(Path(tp_explorer.__file__).parent, quiet=1)


def measure_cold_start(
    runs: int, child: str = COLD_START_CHILD, args: tuple[str, ...] = ()
) -> list[float]:
    """Seconds from process start to the window's first rendered frame, in fresh processes."""
    compile_bytecode()
    times = []
    for _ in range(runs):
        started = time.time()
        times.append(float(_run_child("cold-start", child, "FIRST_FRAME", args)) - started)
    return times


def _frame_times(
    plotter: Any, frames: int, app: Any = None, step: float | None = None
) -> list[float]:
    """Render a full turntable, one frame per step; milliseconds per frame.

    With ``app`` (the window) a frame is what a drag step costs the user: the render and the
    Qt paint that puts it on screen, so a paint that renders a second time is counted.
    """
    window = plotter.render_window
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


def _settle(app: Any, ms: int = SETTLE_MS) -> None:
    """Run the event loop for ``ms`` milliseconds, as the idle time between two clicks does.

    Without it the details panel's late relayout (word-wrapped labels settle ~25-250 ms after
    a selection) is painted inside the next selection's canvas repaint, which a person who
    clicks an idle window never sees.
    """
    from PySide6.QtTest import QTest

    QTest.qWait(ms)
    app.processEvents()


def _visible_meshes(plotter: Any) -> list[Any]:
    meshes = []
    for actor in plotter.renderer.actors.values():
        if not actor.GetVisibility() or not hasattr(actor, "mapper") or actor.mapper is None:
            continue
        dataset = actor.mapper.GetInput()
        if dataset is not None and dataset.GetNumberOfCells() > 0:
            meshes.append(dataset)
    return meshes


def _triangles(meshes: list[Any]) -> int:
    return int(sum(m.GetNumberOfPolys() + m.GetNumberOfStrips() for m in meshes))


def measure_bare(
    meshes: list[Any], size: tuple[int, int], camera: Any, frames: int, multi_samples: int
) -> list[float]:
    """A plain pyvista plotter, default settings, the same triangles, the same window size.

    One setting is not pyvista's default: anti-aliasing. pyvista's theme asks for 8x MSAA, the
    window for 4x on a GPU and none in software, so the bare plotter gets the window's samples;
    otherwise the ratio would measure the anti-aliasing choice, not the scene.
    """
    import pyvista as pv

    bare = pv.Plotter(window_size=list(size), off_screen=False)
    if multi_samples:
        bare.enable_anti_aliasing("msaa", multi_samples=multi_samples)
    else:
        bare.disable_anti_aliasing()
    for mesh in meshes:
        bare.add_mesh(pv.wrap(mesh))
    bare.camera_position = camera
    bare.show(interactive_update=True, auto_close=False)
    try:
        _frame_times(bare, 5)  # warm-up: first uploads
        return _frame_times(bare, frames)
    finally:
        bare.close()


def run_benchmark(
    cold_runs: int = 5,
    frames: int = TURNTABLE_FRAMES,
    selections: int = SELECTION_ROUNDS,
    measure_bare_memory: bool = True,
) -> BenchResult:
    """Measure everything in one run on the current display.

    ``selections`` below 200 is for the test that only checks the benchmark runs.
    """
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from tp_explorer.anatomy import load_anatomy
    from tp_explorer.knowledge import load_knowledge
    from tp_explorer.ui.heap import limit_heap_fragmentation
    from tp_explorer.ui.preflight import check_display, check_opengl

    check_display()
    limit_heap_fragmentation()  # as run_window does before anything large is allocated
    result = BenchResult(
        machine=f"{platform.node()} {platform.machine()} {os.cpu_count()} cpus, "
        f"Python {platform.python_version()}, {platform.system()}"
    )
    result.cold_start_runs_s = measure_cold_start(cold_runs) if cold_runs else []
    if result.cold_start_runs_s:
        result.cold_start_s = statistics.median(result.cold_start_runs_s)

    started = time.perf_counter()
    knowledge = load_knowledge()
    result.knowledge_load_s = time.perf_counter() - started
    started = time.perf_counter()
    anatomy = load_anatomy()
    result.asset_load_s = time.perf_counter() - started

    app = QApplication.instance() or QApplication(sys.argv[:1])
    result.renderer = check_opengl()
    import tempfile

    from PySide6.QtCore import QSettings

    from tp_explorer.ui.main_window import MainWindow
    from tp_explorer.ui.settings import Settings

    settings_dir = tempfile.mkdtemp(prefix="tp-bench-")  # never the user's settings
    qsettings = QSettings(str(Path(settings_dir) / "bench.ini"), QSettings.Format.IniFormat)
    started = time.perf_counter()
    window = MainWindow(knowledge, anatomy, settings=Settings(qsettings), restore=False)
    window.resize(1400, 900)
    window.show()
    for _ in range(5):
        app.processEvents()
    window.plotter.render()
    result.window_build_s = time.perf_counter() - started
    size = (window.plotter.width(), window.plotter.height())
    result.window_size = size
    result.multi_samples = window.multi_samples

    # the full default scene, turning
    window.controller.select_site(next(iter(knowledge.sites)))
    window.controller.select_site(None)
    app.processEvents()
    _frame_times(window.plotter, 5, app)
    frames_ms = _frame_times(window.plotter, frames, app)
    result.frame_ms = statistics.median(frames_ms)
    result.frame_p95_ms = _percentile(frames_ms, 0.95)
    result.frame_render_ms = statistics.median(_frame_times(window.plotter, frames))
    # The turntable averages every angle; a selection is drawn from the front, where the body
    # fills the canvas. The same frame, still, from the view the selections are drawn in:
    window.controller.reset_view()
    result.frame_front_ms = statistics.median(_frame_times(window.plotter, frames, app, step=0.0))
    app.processEvents()
    meshes = _visible_meshes(window.plotter)
    result.triangles = _triangles(meshes)
    result.actors = len(window.plotter.renderer.actors)

    # selection latency: choose each site in the tree, as a user does, until the frame is drawn
    tree = window.sites_panel.tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    latencies, totals, applies = [], [], []
    spans: list[dict[str, float]] = []
    swaps: list[float] = []
    interleaved: list[float] = []
    window.plotter.frameSwapped.connect(lambda: swaps.append(time.perf_counter()))

    def choose(item: Any) -> float:
        """Click the site's row, as a user chooses it; the click's time (perf_counter)."""
        if not tree.viewport().rect().contains(tree.visualItemRect(item)):
            tree.scrollToItem(item)  # a user scrolls to a row out of view, then clicks it
            _settle(app)
        where = tree.visualItemRect(item).center()
        clicked = time.perf_counter()
        QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
        app.processEvents()
        window.plotter.render_window.WaitForCompletion()
        return clicked

    blocks = max(1, min(SELECTION_BLOCKS, selections))
    step = 360.0 / frames
    turned = 0.0
    for round_index in range(selections):
        _block, first_of_block = divmod(round_index * blocks, selections)
        if first_of_block < blocks:
            # turntable frames of the default scene, continuing the turn where it stopped
            window.controller.select_site(None)
            window.controller.reset_view()
            window.controller.motion.finish()  # a GPU animates the move; the frames start after
            _settle(app, 50)
            window.plotter.camera.Azimuth(turned)
            count = max(3, frames // blocks)
            interleaved += _frame_times(window.plotter, count, app, step)
            turned += count * step
            # the timed selections go from one site to the next, as the first round does
            choose(items[(round_index - 1) % len(items)])
            _settle(app)
        item = items[round_index % len(items)]
        swaps.clear()
        started = choose(item)
        ended = time.perf_counter()
        # latency to the repainted 3D frame on screen (the canvas's first swap); the panels'
        # text may follow it, and the total until they are done is reported beside it
        latencies.append(((swaps[0] if swaps else ended) - started) * 1000)
        totals.append((ended - started) * 1000)
        # What app.exec() does after the frame, and processEvents() never does: without it the
        # panels' replaced widgets (deleteLater) pile up and RSS grows ~0.8 MB a selection.
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        # A user clicks an idle window: let the deferred layouts and repaints of this selection
        # finish (they would otherwise be painted inside the next selection's frame).
        _settle(app)
        applies.append(getattr(window.controller, "last_apply_ms", 0.0))
        spans.append(dict(getattr(window.controller, "last_spans", {})))
    result.rss_after_200_selections_mb, _ = _rss_mb()  # at once, before any idle moment
    result.frame_selected_ms = statistics.median(_frame_times(window.plotter, frames, app))
    result.selection_ms = statistics.median(latencies)
    result.selection_p95_ms = _percentile(latencies, 0.95)
    result.selection_apply_ms = statistics.median(applies)
    names = dict.fromkeys(name for step in spans for name in step)
    result.selection_breakdown_ms = {
        name: round(statistics.median(step.get(name, 0.0) for step in spans), 2) for name in names
    }
    result.selection_with_panels_ms = statistics.median(totals)
    result.frame_interleaved_ms = statistics.median(interleaved)
    result.selection_ratio = result.selection_ms / result.frame_interleaved_ms
    # the same latency against one frame of the selected scene (labels, markers, painted skin)
    result.selection_ratio_selected_frame = result.selection_ms / result.frame_selected_ms
    # ... and against a frame of the default scene from the same (front) view
    result.selection_ratio_front_frame = result.selection_ms / result.frame_front_ms
    result.actors_after_selections = len(window.plotter.renderer.actors)
    # steady memory: what the window holds once idle (it hands freed heap pages back then)
    _settle(app, IDLE_TRIM_MS + 500)
    result.rss_mb, result.rss_peak_mb = _rss_mb()
    camera = window.plotter.camera_position
    window.close()
    if cold_runs:  # a plain window whose canvas is the size of ours, in fresh processes
        bare_runs = measure_cold_start(cold_runs, BARE_COLD_START_CHILD, tuple(map(str, size)))
        result.bare_cold_start_s = statistics.median(bare_runs)
        result.cold_start_ratio = result.cold_start_s / result.bare_cold_start_s

    # after the window's memory is measured: the bare plotter would add its own
    bare_ms = measure_bare(meshes, size, camera, frames, window.multi_samples)
    result.bare_frame_ms = statistics.median(bare_ms)
    result.bare_frame_p95_ms = _percentile(bare_ms, 0.95)
    result.frame_ratio = result.frame_ms / result.bare_frame_ms
    if measure_bare_memory:
        result.bare_rss_mb = measure_bare_rss(size, frames)
        result.rss_ratio = result.rss_mb / result.bare_rss_mb if result.bare_rss_mb else 0.0
    return result


TARGETS = {
    "frame_ratio": ("<=", 1.15),
    "selection_ratio": ("<=", 1.3),
    "cold_start_s": ("<=", 2.0),
    "rss_mb": ("<=", 450.0),
    "triangles": ("<=", 250_000),
}


def format_table(result: BenchResult) -> str:
    """A plain table of every figure, with the targets beside the ones that have one."""
    rows = [
        ("renderer", result.renderer),
        ("machine", result.machine),
        ("window (canvas px)", f"{result.window_size[0]} x {result.window_size[1]}"),
    ]
    for key, value in asdict(result).items():
        if key in {"renderer", "machine", "window_size", "cold_start_runs_s"}:
            continue
        if isinstance(value, dict):
            text = ", ".join(f"{k} {v:.1f}" for k, v in value.items())
        else:
            text = f"{value:,.3f}" if isinstance(value, float) else f"{value:,}"
        if key in TARGETS:
            op, limit = TARGETS[key]
            ok = value <= limit
            text += f"   (target {op} {limit:,}: {'met' if ok else 'MISSED'})"
        rows.append((key, text))
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)


def write_json(result: BenchResult, path: str | os.PathLike[str]) -> None:
    """The figures as JSON (the user named the file, so it is replaced atomically)."""
    from tp_explorer.files import atomic_write_bytes

    data = asdict(result)
    data["targets"] = {k: {"op": op, "limit": lim} for k, (op, lim) in TARGETS.items()}
    atomic_write_bytes(path, (json.dumps(data, indent=2) + "\n").encode(), overwrite=True)
