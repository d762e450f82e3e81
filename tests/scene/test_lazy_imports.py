"""What start-up loads: no scipy, and only stand-ins for the parts of matplotlib pyvista names.

Behaviour, not timing: each module here cost 0.2-0.6 s of every cold start when it was loaded.
"""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import tp_explorer.ui.main_window
from tp_explorer.scene._lazy_pyplot import _Deferred
heavy = ("scipy", "scipy.spatial", "scipy.ndimage", "matplotlib.pyplot",
         "matplotlib.backends.backend_agg", "matplotlib.backend_bases")
print(sorted(m for m in heavy if m in sys.modules and not isinstance(sys.modules[m], _Deferred)))
"""


def test_window_modules_load_no_scipy_and_no_matplotlib_drawing() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr


def test_pyvista_matplotlib_chart_still_draws_through_the_stand_ins() -> None:
    import pyvista as pv
    from matplotlib.figure import Figure

    import tp_explorer.scene  # noqa: F401  (registers the stand-ins first, as the program does)

    figure = Figure()  # not pyplot: it would pick the Qt backend and want a window
    figure.add_subplot().plot([0, 1, 2], [0, 1, 4])
    chart = pv.ChartMPL(figure)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    assert isinstance(chart._canvas, FigureCanvasAgg)
    chart._canvas.draw()
    assert chart._canvas.buffer_rgba() is not None
