"""tp_explorer.state: the selection as a plain evented model, and the pure Highlight it implies.

No Qt, no VTK: tested without a display.
"""

from tp_explorer.state.events import Event
from tp_explorer.state.highlight import (
    Highlight,
    Label,
    Marker,
    chain_muscles,
    make_highlight,
    muscle_for_mesh,
    peeled_muscles,
    visible_sides,
)
from tp_explorer.state.model import (
    DEFAULT_LAYERS,
    LAYERS,
    MODES,
    SIDE_CHOICES,
    AppState,
    Selection,
    Structure,
)

__all__ = [
    "DEFAULT_LAYERS",
    "LAYERS",
    "MODES",
    "SIDE_CHOICES",
    "AppState",
    "Event",
    "Highlight",
    "Label",
    "Marker",
    "Selection",
    "Structure",
    "chain_muscles",
    "make_highlight",
    "muscle_for_mesh",
    "peeled_muscles",
    "visible_sides",
]
