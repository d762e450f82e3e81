"""tp_explorer.anatomy: where things are in the body, loaded from the committed assets/.

Runtime code uses numpy and pyvista only; the build step (tp_explorer.anatomy.build) is never
imported from here.
"""

from tp_explorer.anatomy.loader import load_anatomy
from tp_explorer.anatomy.model import Anatomy

__all__ = ["Anatomy", "load_anatomy"]
