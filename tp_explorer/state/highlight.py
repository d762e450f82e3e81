"""Selection + knowledge -> Highlight: what the scene paints. Pure and cheap, so it is tested alone.

The scene never asks the knowledge base anything; everything it needs for one selection is in
the Highlight value made here. Zones come from the trigger points' own charts (zones.py): a site
shows its local muscles' essential zones (every chain muscle's points are marked), a focused muscle
all of its points' charts, a focused point only its own. The union of a long chain's charts,
spillover included, covered most of the legs and read as one pink body, so the distal muscles'
charts and every spillover wait for a focus.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from tp_explorer.state.model import AppState, Selection, Structure
from tp_explorer.state.zones import ZonePaint, charts_of

if TYPE_CHECKING:
    from tp_explorer.knowledge import Muscle, Site

ROLE_PRIORITY = {"focus": 0, "local": 1, "regional": 2, "compare_a": 3, "compare_b": 3}


class LinkLike(Protocol):
    """The part of knowledge.ChainLink this module reads (a fake may name the muscle by id)."""

    @property
    def muscle(self) -> Muscle | str: ...

    @property
    def role(self) -> str: ...


class KnowledgeLike(Protocol):
    """The part of knowledge.Knowledge this module reads."""

    @property
    def sites(self) -> Mapping[str, Site]: ...

    @property
    def muscles(self) -> Mapping[str, Muscle]: ...

    def chain_for(self, site_id: str, side: str = "both") -> Sequence[LinkLike]: ...


@dataclass(frozen=True)
class Marker:
    """One trigger point to mark on a muscle mesh."""

    mesh: str
    side: str
    along: float
    aspect: str | None
    muscle: str
    tp: str


@dataclass(frozen=True)
class Label:
    """A name shown next to a highlighted muscle, anchored half-way along its mesh."""

    text: str
    mesh: str
    side: str
    muscle: str


@dataclass(frozen=True)
class Highlight:
    """Everything one selection paints. Muscles and zones not named here are context."""

    muscles: dict[tuple[str, str], str] = field(default_factory=dict)  # (mesh, side) -> role
    # (fine skin area, side) -> "essential" | "spillover"; side "mid" for a midline area
    zones: dict[tuple[str, str], str] = field(default_factory=dict)
    # the same zones on the 29 coarse body areas: (area, "left" | "right") -> kind
    zone_groups: dict[tuple[str, str], str] = field(default_factory=dict)
    markers: tuple[Marker, ...] = ()
    labels: tuple[Label, ...] = ()
    sides: tuple[str, ...] = ("left", "right")
    ghost_others: bool = False  # True when something is selected: other muscles fade
    site: str | None = None
    focus: str | None = None
    point: tuple[str, str] | None = None  # (muscle, trigger point) whose chart alone is shown
    area: tuple[str, str] | None = None
    peel: int = 0  # depth layers removed from the skin inward
    peeled: frozenset[tuple[str, str]] = frozenset()  # (mesh, side) removed by the peel
    hidden: frozenset[Structure] = frozenset()  # hidden by the user (Hide, or not isolated)
    isolated: frozenset[Structure] = frozenset()  # when not empty: only these are drawn

    def shows(self, structure: Structure) -> bool:
        """Whether the user's Hide / Isolate and the peel leave this structure drawn."""
        if self.isolated and structure not in self.isolated:
            return False
        if structure in self.hidden:
            return False
        return not (structure[0] == "muscle" and (structure[1], structure[2]) in self.peeled)

    def muscles_with_role(self, role: str) -> set[tuple[str, str]]:
        return {key for key, value in self.muscles.items() if value == role}


def visible_sides(side: str) -> tuple[str, ...]:
    """The side selection ('left', 'right', 'both') as the sides drawn."""
    return ("left", "right") if side == "both" else (side,)


def muscle_id(link: LinkLike) -> str:
    """ChainLink.muscle may be an id or a Muscle; give the id."""
    muscle = link.muscle
    return muscle if isinstance(muscle, str) else muscle.id


def muscle_for_mesh(knowledge: KnowledgeLike, mesh: str, prefer: Iterable[str] = ()) -> str | None:
    """The muscle a picked mesh belongs to, preferring muscles of the current chain."""
    preferred = list(prefer)
    for mid in preferred:
        muscle = knowledge.muscles.get(mid)
        if muscle is not None and mesh in muscle.meshes:
            return mid
    for mid, muscle in knowledge.muscles.items():
        if mesh in muscle.meshes:
            return mid
    return None


def chain_muscles(knowledge: KnowledgeLike, site: str | None, side: str) -> list[tuple[str, str]]:
    """(muscle id, role) of a site's chain in file order; empty without a site."""
    if site is None:
        return []
    return [(muscle_id(link), link.role) for link in knowledge.chain_for(site, side)]


def peeled_muscles(
    depth: Mapping[tuple[str, str], int] | None, peel: int
) -> frozenset[tuple[str, str]]:
    """The (mesh, side) keys a peel of ``peel`` layers removes: every muscle above that depth.

    ``depth`` is each muscle's layer below the skin (0 = touching it), measured by the scene
    from the meshes; without it nothing is peeled."""
    if not depth or peel <= 0:
        return frozenset()
    return frozenset(key for key, layer in depth.items() if layer < peel)


@dataclass
class _Paint:
    """What one selection paints so far: muscle roles, zones, markers and labels."""

    knowledge: KnowledgeLike
    muscles: dict[tuple[str, str], str] = field(default_factory=dict)
    zones: ZonePaint = field(default_factory=ZonePaint)
    markers: list[Marker] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)

    def muscle(self, mid: str, role: str, link_sides: Iterable[str]) -> None:
        muscle = self.knowledge.muscles[mid]
        for side in link_sides:
            for mesh in muscle.meshes:
                old = self.muscles.get((mesh, side))
                if old is None or ROLE_PRIORITY[role] < ROLE_PRIORITY[old]:
                    self.muscles[(mesh, side)] = role

    def zones_and_markers(
        self,
        mid: str,
        link_sides: Iterable[str],
        point: str | None = None,
        *,
        zones: bool = True,
        spillover: bool = True,
    ) -> None:
        """The muscle's zones (only ``point``'s chart when given; none unless ``zones``; the
        essential ones alone unless ``spillover``) and all its points' markers."""
        muscle = self.knowledge.muscles[mid]
        sides = tuple(link_sides)
        if zones:
            self.zones.add(charts_of(muscle, point), sides, spillover)
        for side in sides:
            for tp in muscle.trigger_points:
                self.markers.append(Marker(tp.mesh, side, tp.along, tp.aspect, mid, tp.id))

    def label(self, mid: str, link_sides: tuple[str, ...]) -> None:
        if not link_sides:
            return
        muscle = self.knowledge.muscles[mid]
        # One label per muscle: on the right side when both are shown, to halve the clutter.
        side = "right" if "right" in link_sides else link_sides[0]
        self.labels.append(Label(muscle.name, muscle.meshes[0], side, mid))


def _paint_selection(paint: _Paint, sel: Selection, sides: tuple[str, ...]) -> None:
    """The compared sites' chains, or the site's chain, then the focused muscle on top."""
    knowledge = paint.knowledge
    if sel.mode == "compare" and sel.compare is not None:
        for role, site in zip(("compare_a", "compare_b"), sel.compare, strict=False):
            for link in knowledge.chain_for(site, sel.side):
                mid = muscle_id(link)
                link_sides = _link_sides(link, sides)
                paint.muscle(mid, role, link_sides)
                paint.label(mid, link_sides)
    elif sel.site is not None:
        for link in knowledge.chain_for(sel.site, sel.side):
            mid = muscle_id(link)
            link_sides = _link_sides(link, sides)
            paint.muscle(mid, link.role, link_sides)
            if sel.focus is None:
                local = link.role == "local"
                paint.zones_and_markers(mid, link_sides, zones=local, spillover=False)
            if mid != sel.focus:
                paint.label(mid, link_sides)

    if sel.focus is not None and sel.focus in knowledge.muscles:
        paint.muscle(sel.focus, "focus", sides)
        paint.zones_and_markers(sel.focus, sides, focused_point(knowledge, sel))
        paint.label(sel.focus, sides)


def focused_point(knowledge: KnowledgeLike, sel: Selection) -> str | None:
    """The focused trigger point's id, where it is one of the focused muscle's points."""
    muscle = knowledge.muscles.get(sel.focus) if sel.focus is not None else None
    if muscle is None or sel.point is None:
        return None
    return sel.point if any(tp.id == sel.point for tp in muscle.trigger_points) else None


def make_highlight(
    state: AppState | Selection,
    knowledge: KnowledgeLike,
    depth: Mapping[tuple[str, str], int] | None = None,
) -> Highlight:
    """The pure function from a selection to what the scene paints.

    ``depth`` (muscle layer below the skin, by (mesh, side)) turns the selection's peel into
    the muscles it removes."""
    sel = state.selection if isinstance(state, AppState) else state
    sides = visible_sides(sel.side)
    paint = _Paint(knowledge)
    _paint_selection(paint, sel, sides)
    muscles = paint.muscles

    peeled = peeled_muscles(depth, sel.peel)
    hidden = Highlight(peeled=peeled, hidden=sel.hidden, isolated=sel.isolated)

    def drawn(mesh: str, side: str) -> bool:
        return hidden.shows(("muscle", mesh, side))

    # Markers on hidden or unknown meshes are dropped; duplicates (shared meshes) collapse.
    markers = list(
        dict.fromkeys(
            m for m in paint.markers if (m.mesh, m.side) in muscles and drawn(m.mesh, m.side)
        )
    )
    labels = list(dict.fromkeys(lb for lb in paint.labels if drawn(lb.mesh, lb.side)))
    point = focused_point(knowledge, sel)
    return Highlight(
        muscles=muscles,
        zones=paint.zones.fine,
        zone_groups=paint.zones.coarse,
        markers=tuple(markers),
        labels=tuple(labels),
        sides=sides,
        ghost_others=bool(muscles),
        site=sel.site,
        focus=sel.focus,
        point=None if point is None or sel.focus is None else (sel.focus, point),
        area=sel.area,
        peel=sel.peel,
        peeled=peeled,
        hidden=sel.hidden,
        isolated=sel.isolated,
    )


def _link_sides(link: LinkLike, sides: tuple[str, ...]) -> tuple[str, ...]:
    link_sides = getattr(link, "sides", None) or sides
    return tuple(s for s in sides if s in link_sides)
