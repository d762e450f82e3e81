"""The application state: what the user has selected. Plain Python, no Qt, no VTK.

Every change goes through ``update``; it emits ``changed`` once with the names of the fields that
really changed, so one user action costs one scene update.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from tp_explorer.state.events import Event

SIDE_CHOICES: tuple[str, ...] = ("left", "right", "both")
LAYERS: tuple[str, ...] = ("skin", "muscles", "bones", "zones", "labels", "markers")
DEFAULT_LAYERS: frozenset[str] = frozenset(LAYERS)
MODES: tuple[str, ...] = ("explore", "compare", "presentation", "quiz")

# A structure the user can hide or isolate: ("muscle", mesh id, side) or ("bone", group, "").
Structure = tuple[str, str, str]
STRUCTURE_KINDS: tuple[str, ...] = ("muscle", "bone")


@dataclass(frozen=True)
class Selection:
    """One snapshot of the state; a value, so it can be compared and passed around."""

    site: str | None = None
    focus: str | None = None  # a muscle id from the knowledge file
    point: str | None = None  # one of the focused muscle's trigger points: only its chart shows
    side: str = "both"
    layers: frozenset[str] = DEFAULT_LAYERS
    mode: str = "explore"
    compare: tuple[str, str] | None = None  # two site ids, for the compare mode
    area: tuple[str, str] | None = None  # (body area, side) the user clicked on the skin
    peel: int = 0  # depth layers of muscle removed, from the skin inward
    hidden: frozenset[Structure] = frozenset()  # structures the user hid
    isolated: frozenset[Structure] = frozenset()  # when not empty: only these are drawn


@dataclass
class AppState:
    """Holds the current Selection and tells observers what changed."""

    selection: Selection = field(default_factory=Selection)
    changed: Event[frozenset[str]] = field(default_factory=Event, repr=False, compare=False)

    def update(self, **values: Any) -> frozenset[str]:
        """Change some fields; emit ``changed`` once with the names that differ. Returns them."""
        names = {f.name for f in fields(Selection)}
        unknown = set(values) - names
        if unknown:
            raise TypeError(f"unknown state fields: {sorted(unknown)}")
        if "focus" in values and "point" not in values and values["focus"] != self.focus:
            values["point"] = None  # a point belongs to its muscle: a new focus clears it
        new = replace(self.selection, **values)
        _validate(new)
        diff = frozenset(n for n in values if getattr(new, n) != getattr(self.selection, n))
        if diff:
            self.selection = new
            self.changed.emit(diff)
        return diff

    # Read-only conveniences for the common fields.
    @property
    def site(self) -> str | None:
        return self.selection.site

    @property
    def focus(self) -> str | None:
        return self.selection.focus

    @property
    def focused_point(self) -> str | None:
        """The focused trigger point of the focused muscle, if one is focused."""
        return self.selection.point

    @property
    def side(self) -> str:
        return self.selection.side

    @property
    def layers(self) -> frozenset[str]:
        return self.selection.layers

    @property
    def mode(self) -> str:
        return self.selection.mode

    @property
    def peel(self) -> int:
        return self.selection.peel

    def set_layer(self, layer: str, visible: bool) -> None:
        """Show or hide one layer."""
        layers = set(self.selection.layers)
        if visible:
            layers.add(layer)
        else:
            layers.discard(layer)
        self.update(layers=frozenset(layers))


def _validate(selection: Selection) -> None:
    if selection.side not in SIDE_CHOICES:
        raise ValueError(f"side must be one of {SIDE_CHOICES}, not {selection.side!r}")
    if selection.mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {selection.mode!r}")
    if not isinstance(selection.layers, frozenset):
        raise TypeError("layers must be a frozenset")
    if selection.point is not None and selection.focus is None:
        raise ValueError("a focused trigger point needs its muscle focused")
    if selection.peel < 0:
        raise ValueError(f"peel must be 0 or more, not {selection.peel!r}")
    for name in ("hidden", "isolated"):
        value = getattr(selection, name)
        if not isinstance(value, frozenset):
            raise TypeError(f"{name} must be a frozenset")
        for item in value:
            if len(item) != 3 or item[0] not in STRUCTURE_KINDS:
                raise ValueError(f"{name}: {item!r} is not a (kind, id, side) structure")
