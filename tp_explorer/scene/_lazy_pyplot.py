"""Make two parts of matplotlib load on first use instead of when pyvista's plotting loads.

pyvista.plotting imports ``matplotlib.pyplot`` (for ``plt.rcParams`` in one colour helper) and
``matplotlib.backends.backend_agg`` (for ``FigureCanvasAgg`` in its matplotlib chart). The program
draws no matplotlib chart, and the two cost ~0.5 s and ~55 MB at every start-up. A stand-in
module takes each one's place in ``sys.modules``: the first attribute anyone reads from it
imports the real module, so nothing changes for code that uses them. The Agg stand-in also
answers ``FigureCanvasAgg`` with a class that builds the real canvas when called, because
pyvista binds that name when it loads. (The stdlib LazyLoader does not do here: on Python 3.11
the import statement itself reads ``__spec__`` and so loads the module.) Imported by
``tp_explorer.scene`` first.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Any

PYPLOT = "matplotlib.pyplot"
AGG = "matplotlib.backends.backend_agg"


class _Deferred(types.ModuleType):
    """Has the module's spec and name; any other attribute loads the real module."""

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__") and attr.endswith("__"):
            # The import system and inspect probe modules for dunders they may lack
            # (``__path__`` on ``from m import x``, ``__wrapped__``); neither real module
            # defines any that is not already here, so a probe must not load it.
            raise AttributeError(attr)
        return getattr(_load(self), attr)


def _load(stand_in: types.ModuleType) -> types.ModuleType:
    name = stand_in.__name__
    if sys.modules.get(name) is stand_in:
        del sys.modules[name]
    real = importlib.import_module(name)
    stand_in.__dict__.update(real.__dict__)
    return real


class _DeferredCanvas:
    """Stands for ``FigureCanvasAgg`` where it was imported by name: calling it makes the
    real canvas (from the real backend, loaded then)."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        stand_in = sys.modules.get(AGG)
        real = _load(stand_in) if isinstance(stand_in, _Deferred) else importlib.import_module(AGG)
        return real.FigureCanvasAgg(*args, **kwargs)


def _defer(name: str, **ready: Any) -> None:
    """Register a stand-in for ``name`` unless it is loaded already (or matplotlib is absent)."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)  # imports matplotlib itself, which pyvista needs
    if spec is None:
        return
    module = _Deferred(name)
    module.__spec__ = spec
    module.__file__ = spec.origin
    module.__dict__.update(ready)
    sys.modules[name] = module


def defer_pyplot() -> None:
    _defer(PYPLOT)
    _defer(AGG, FigureCanvasAgg=_DeferredCanvas)


defer_pyplot()
