"""The muscles: one actor per mesh and side (a selection is a handful of property changes,
and a pick names the muscle directly), coloured by chain role, ghosted, peeled, hidden,
and faded where they stand in front of a focused muscle.

A selection ghosts the muscles outside it as a faint veil, and only in the outer
``GHOST_LAYERS`` depth layers left by the peel: deeper ones are not drawn. Behind two veils
and the skin (each at 12 %) a third and fourth veil of the same colour added only a grey
crosshatch over the chain (the lumbar muscles behind the pelvis, the thigh's deep adductors),
yet each is blended pixel by pixel: on llvmpipe the deep ghosts were up to a fifth of a
selected frame (built-in lower_leg 48.9 -> 38.6 ms, atlas pelvis 66.2 -> 62.1 ms; benchmarks/
RESULTS.md, round 12)."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping

import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkProp

from tp_explorer import palette
from tp_explorer.scene.visuals.actors import Look, look, make_actor
from tp_explorer.state import Highlight

MuscleKey = tuple[str, str]  # (mesh id, side)
MUSCLE_SPECULAR = 0.3
FADED_OPACITY = 0.15  # a chain muscle in front of the focused one
GHOST_LAYERS = 2  # depth layers (from the outermost one left by the peel) drawn as a veil


class MuscleVisuals:
    """Every muscle's actor, the look a selection gives it (``base``) and the look it has
    (``base``, or faded for a focus)."""

    def __init__(
        self,
        renderer: pv.Renderer,
        muscles: Mapping[str, Mapping[str, pv.PolyData]],
        depth: Mapping[MuscleKey, int] | None = None,
    ) -> None:
        self.actors: dict[MuscleKey, pv.Actor] = {}
        self.depth: Mapping[MuscleKey, int] = depth or {}  # layer below the skin, 0 touches it
        for mesh_id, by_side in muscles.items():
            for side, mesh in by_side.items():
                self.actors[(mesh_id, side)] = make_actor(
                    renderer,
                    mesh,
                    color=palette.CONTEXT,
                    smooth_shading=True,
                    specular=MUSCLE_SPECULAR,
                    # Bellies are closed and wound outward (tests/anatomy): their back faces are
                    # never seen when opaque, and a ghosted belly drawn once instead of twice
                    # reads the same. ~7 ms less per frame in software rendering.
                    culling=True,
                    name=f"muscle-{mesh_id}-{side}",
                )
        first = next(iter(self.actors.values()), None)
        self._template = first.GetProperty() if first is not None else None
        self._properties: dict[tuple[str, float], pv.Property] = {}
        self.base: dict[MuscleKey, Look] = {}
        self.chosen: dict[MuscleKey, bool] = {}
        self._shown: dict[MuscleKey, Look] = {}

    def apply(self, highlight: Highlight, layers: frozenset[str]) -> None:
        """Each muscle's look for a selection: its role's colour, ghosted or plain context,
        drawn when the muscles layer, the side filter, the peel and hide / isolate allow (a
        ghost only in the outer veil layers). The chart view draws none under its opaque skin
        (its overlay outlines the focused one)."""
        sides = set(highlight.sides)
        show = "muscles" in layers
        chart = "chart" in layers
        deepest_veil = highlight.peel + GHOST_LAYERS - 1
        for mesh_id, side in self.actors:
            role = highlight.muscles.get((mesh_id, side))
            veiled = True
            if role is not None:
                colour, opacity = palette.ROLE_COLOURS[role], 1.0
            elif highlight.ghost_others:
                colour, opacity = palette.CONTEXT, palette.GHOST_OPACITY
                veiled = self.depth.get((mesh_id, side), 0) <= deepest_veil
            else:
                colour, opacity = palette.CONTEXT, 1.0
            chosen = side in sides and highlight.shows(("muscle", mesh_id, side))
            self.chosen[(mesh_id, side)] = chosen
            drawn = show and chosen and veiled and not chart
            self.base[(mesh_id, side)] = look(colour, opacity, drawn)

    def selected(self, key: MuscleKey) -> bool:
        """Whether the selection itself shows this muscle (its side, the peel, hide and
        isolate), whichever layers are drawn: what a framing follows."""
        return self.chosen.get(key, False)

    def drawn(self, key: MuscleKey) -> bool:
        """Whether the selection draws this muscle (before any fading)."""
        look = self.base.get(key)
        return look is not None and look.visible

    def show(self, faded: Collection[Hashable]) -> None:
        """Give each actor its look; those in ``faded`` (as ("muscle", key)) fade."""
        for key, actor in self.actors.items():
            now = self.base[key]
            if ("muscle", key) in faded:
                now = look(now.colour, min(now.opacity, FADED_OPACITY), now.visible)
            shown = self._shown.get(key)
            if shown is now or shown == now:
                continue
            self._shown[key] = now
            actor.SetVisibility(now.visible)
            actor.SetProperty(self._property(now.colour, now.opacity))

    def _property(self, colour: str, opacity: float) -> pv.Property:
        """One shared property per muscle look (colour, opacity), made once.

        Changing an actor's own property makes VTK regenerate that actor's shader source at
        the next render (~0.1 ms an actor: ~8 ms when a selection recolours 80 muscles);
        pointing the actor at a property that has not changed since does not."""
        key = (colour, opacity)
        prop = self._properties.get(key)
        if prop is None:
            prop = pv.Property()
            prop.DeepCopy(self._template)
            prop.SetColor(*palette.rgb_float(colour))
            prop.SetOpacity(opacity)
            self._properties[key] = prop
        return prop

    def key_of(self, actor: vtkProp) -> MuscleKey | None:
        """Which muscle an actor draws (for a pick)."""
        return next((key for key, mine in self.actors.items() if mine is actor), None)

    def visible(self) -> list[tuple[MuscleKey, pv.Actor]]:
        return [(key, actor) for key, actor in self.actors.items() if actor.GetVisibility()]
