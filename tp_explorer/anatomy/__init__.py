"""tp_explorer.anatomy: where things are in the body, from one of two sources.

builtin/ is the schematic body committed in assets/ (built from the MyoLeg/MyoTorso models by
``python -m tp_explorer.anatomy.build``); atlas/ is the BodyParts3D atlas the user installs.
derive/ holds what both share: the landmark value, the body-area rules, the polyline and
ring-stack helpers, and trigger-point placement. loader.py picks the source; model.py is the
Anatomy value both fill; depth.py measures needle paths on it.

Runtime code uses numpy and pyvista only; no build step is imported from here.
"""

from tp_explorer.anatomy.loader import load_anatomy
from tp_explorer.anatomy.model import Anatomy

__all__ = ["Anatomy", "load_anatomy"]
