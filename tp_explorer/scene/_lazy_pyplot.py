"""Make ``matplotlib.pyplot`` load on first use instead of when pyvista's plotting loads.

pyvista.plotting.colors imports pyplot only for ``plt.rcParams`` in one helper; loading it costs
about 0.3 s and 55 MB at every start-up. A stand-in module takes its place in ``sys.modules``:
the first attribute anyone reads from it imports the real pyplot, so nothing changes for code
that uses it. (The stdlib LazyLoader does not do here: on Python 3.11 the import statement
itself reads ``__spec__`` and so loads the module.) Imported by ``tp_explorer.scene`` first.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Any

NAME = "matplotlib.pyplot"


class _DeferredPyplot(types.ModuleType):
    """Has the module's spec and name; any other attribute loads the real pyplot."""

    def __getattr__(self, attr: str) -> Any:
        if sys.modules.get(NAME) is self:
            del sys.modules[NAME]
        real = importlib.import_module(NAME)
        self.__dict__.update(real.__dict__)
        return getattr(real, attr)


def defer_pyplot() -> None:
    """Register the stand-in unless pyplot is loaded already (or matplotlib is absent)."""
    if NAME in sys.modules:
        return
    spec = importlib.util.find_spec(NAME)  # imports matplotlib itself, which pyvista needs
    if spec is None:
        return
    module = _DeferredPyplot(NAME)
    module.__spec__ = spec
    module.__file__ = spec.origin
    sys.modules[NAME] = module


defer_pyplot()
