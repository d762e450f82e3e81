"""tp_explorer: a 3D trigger-point explorer for regional dry needling.

Education tool, not a diagnosis.
"""

__version__ = "0.1.0"
