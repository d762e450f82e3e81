"""Panels of the main window. Each emits intent signals and has setters that never write state."""

from tp_explorer.ui.panels.chain import ChainPanel
from tp_explorer.ui.panels.details import DetailsPanel
from tp_explorer.ui.panels.hidden import HiddenPanel
from tp_explorer.ui.panels.legend import LegendBar
from tp_explorer.ui.panels.peel import PeelControl
from tp_explorer.ui.panels.sites import SitesPanel

__all__ = [
    "ChainPanel",
    "DetailsPanel",
    "HiddenPanel",
    "LegendBar",
    "PeelControl",
    "SitesPanel",
]
