"""The one place that connects panels -> state and state -> panels + scene.

Handlers are named ``_on_<source>_<event>``. Panels' setters block their own signals, so a
state change never loops back into the state.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QUrl
from PySide6.QtGui import QCursor, QDesktopServices
from PySide6.QtWidgets import QMenu, QStatusBar, QToolTip

from tp_explorer.state import (
    AppState,
    Highlight,
    Structure,
    make_highlight,
    muscle_for_mesh,
    visible_sides,
)
from tp_explorer.ui.camera_motion import CameraMotion
from tp_explorer.ui.canvas import CanvasEvents
from tp_explorer.ui.panels import ChainPanel, DetailsPanel, HiddenPanel, PeelControl, SitesPanel
from tp_explorer.ui.panels.details import area_name, area_title
from tp_explorer.ui.skin_lookup import clicked_area, fine_area_at

if TYPE_CHECKING:
    from tp_explorer.knowledge import ChainLink, Knowledge
    from tp_explorer.scene import BodyScene, PickResult

log = logging.getLogger(__name__)
SCENE_FIELDS = frozenset(
    {"site", "focus", "point", "side", "layers", "mode", "compare", "peel", "hidden", "isolated"}
)
FRAME_FIELDS = frozenset({"site", "focus", "point", "side", "compare", "mode"})
SCENE_MODES = ("explore", "compare", "presentation")


class Controller(QObject):
    """Owns no widgets; wires the given ones to the state and the scene."""

    def __init__(
        self,
        *,
        knowledge: Knowledge,
        state: AppState,
        scene: BodyScene,
        sites: SitesPanel,
        chain: ChainPanel,
        details: DetailsPanel,
        canvas: CanvasEvents,
        status: QStatusBar,
        peel: PeelControl | None = None,
        hidden: HiddenPanel | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.knowledge, self.state, self.scene = knowledge, state, scene
        self.sites, self.chain, self.details = sites, chain, details
        self.canvas, self.status = canvas, status
        self.peel_control, self.hidden_panel = peel, hidden
        self.motion = CameraMotion(scene, self)
        self.context_menu: QMenu | None = None
        self.view = "anterior"
        self.highlight = Highlight()
        self.last_apply_ms = 0.0
        self.last_spans: dict[str, float] = {}  # the last selection's steps, ms (for the bench)
        self.opened_urls: list[str] = []
        self.pick_interceptors: list[Callable[[PickResult], bool]] = []
        self._connections = [
            (sites.siteRequested, self._on_sites_site_requested),
            (sites.muscleRequested, self._on_sites_muscle_requested),
            (sites.searchChanged, self._on_sites_search_changed),
            (chain.muscleRequested, self._on_chain_muscle_requested),
            (details.linkRequested, self._on_details_link_requested),
            (details.siteRequested, self._on_sites_site_requested),
            (details.muscleRequested, self._on_chain_muscle_requested),
            (details.pointRequested, self._on_details_point_requested),
            (details.pointToggled, self._on_details_point_toggled),
            (canvas.clicked, self._on_canvas_clicked),
            (canvas.hovered, self._on_canvas_hovered),
            (canvas.contextRequested, self._on_canvas_context_requested),
            (chain.contextRequested, self._on_chain_context_requested),
        ]
        if peel is not None:
            self._connections.append((peel.peelRequested, self._on_peel_peel_requested))
        if hidden is not None:
            self._connections += [
                (hidden.showRequested, self._on_hidden_show_requested),
                (hidden.showAllRequested, self._on_hidden_show_all_requested),
            ]
        for signal, slot in self._connections:
            signal.connect(slot)
        state.changed.connect(self._on_state_changed)
        sites.set_sites(knowledge.sites)
        self.refresh()

    def disconnect_all(self) -> None:
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self.state.changed.disconnect(self._on_state_changed)

    # ---- panels -> state
    def _on_sites_site_requested(self, site_id: str) -> None:
        self.select_site(site_id)

    def _on_sites_muscle_requested(self, muscle_id: str) -> None:
        self.focus_muscle(muscle_id)

    def _on_chain_muscle_requested(self, muscle_id: str) -> None:
        self.focus_muscle(muscle_id)

    def _on_sites_search_changed(self, text: str) -> None:
        hits = self.knowledge.search(text) if text.strip() else ()
        self.sites.show_results(hits)

    def _on_details_point_requested(self, muscle_id: str, point_id: str) -> None:
        self.focus_point(muscle_id, point_id)

    def _on_details_point_toggled(self, muscle_id: str, point_id: str) -> None:
        self.toggle_point(muscle_id, point_id)

    def _on_peel_peel_requested(self, depth: int) -> None:
        self.set_peel(depth)

    def _on_hidden_show_requested(self, structure: Sequence[str]) -> None:
        kind, ident, side = structure  # a Structure; Qt's item data may hand it back as a list
        self.show_structure((kind, ident, side))

    def _on_hidden_show_all_requested(self) -> None:
        self.show_all()

    def _on_canvas_context_requested(self, x: float, y: float) -> None:
        result = self.scene.pick(x, y)
        structures: list[Structure] = []
        name = ""
        # a muscle or bone hit always names its mesh and side
        if (
            result is not None
            and result.kind == "muscle"
            and result.mesh_id is not None
            and result.side is not None
        ):
            structures = [("muscle", result.mesh_id, result.side)]
            name = self.describe(result)
        elif result is not None and result.kind == "bone" and result.side is not None:
            structures = [("bone", result.side, "")]
            name = self.structure_name(structures[0])
        self.open_context_menu(structures, name, QCursor.pos())

    def _on_chain_context_requested(self, muscle_id: str, where: QPoint) -> None:
        muscle = self.knowledge.muscles.get(muscle_id)
        if muscle is None:
            self.open_context_menu([], "", where)
            return
        self.open_context_menu(self.structures_of(muscle_id), muscle.name, where)

    def _on_details_link_requested(self, url: str) -> None:
        if not url.startswith("https://"):
            self.status.showMessage(f"Not opened (only https links are opened): {url}", 8000)
            return
        self.opened_urls.append(url)
        QDesktopServices.openUrl(QUrl(url))

    def _on_canvas_clicked(self, x: float, y: float) -> None:
        result = self.scene.pick(x, y)
        if result is None:
            return
        for interceptor in list(self.pick_interceptors):
            if interceptor(result):
                return
        if result.kind == "muscle" and result.mesh_id is not None:
            chain_ids = [link.muscle.id for link in self._links()]
            muscle = muscle_for_mesh(self.knowledge, result.mesh_id, prefer=chain_ids)
            if muscle is not None:
                self.focus_muscle(muscle)
            else:
                self.status.showMessage(f"{result.mesh_id}: not in the knowledge file", 5000)
        elif result.kind == "skin" and result.area:
            self.state.update(area=clicked_area(self.scene, result, x, y), focus=None)
        elif result.kind == "bone":
            self.status.showMessage("Bone", 3000)

    def _on_canvas_hovered(self, x: float, y: float) -> None:
        result = self.scene.pick(x, y)
        fine = fine_area_at(self.scene, x, y) if result and result.kind == "skin" else None
        text = self.describe(result, fine) if result else ""
        self.status.showMessage(text, 4000)
        if text:
            QToolTip.showText(QCursor.pos(), text, self.canvas.widget)

    def describe(self, result: PickResult, fine: tuple[str, str] | None = None) -> str:
        """Words for what is under the cursor (``fine``: the fine skin area there)."""
        if result.kind == "muscle" and result.mesh_id is not None:
            mid = muscle_for_mesh(self.knowledge, result.mesh_id)
            name = self.knowledge.muscles[mid].name if mid else result.mesh_id.replace("_", " ")
            return f"{name} ({result.side})"
        if result.kind == "skin" and fine is not None:
            return f"Skin: {area_title(*fine)}"
        if result.kind == "skin" and result.area:
            return f"Skin: {area_name(result.area)} ({result.area_side})"
        return "Bone" if result.kind == "bone" else ""

    # ---- public actions (menus, toolbar, features)
    def add_pick_interceptor(self, interceptor: Callable[[PickResult], bool]) -> None:
        """Let a feature see each click first; returning True stops the explorer's handling."""
        self.pick_interceptors.append(interceptor)

    def select_site(self, site_id: str | None) -> None:
        self.state.update(site=site_id, focus=None, area=None)

    def focus_muscle(self, muscle_id: str | None) -> None:
        self.state.update(focus=muscle_id, area=None)

    def focus_point(self, muscle_id: str, point_id: str | None) -> None:
        """Focus a muscle and one of its trigger points: only that point's chart is painted."""
        self.state.update(focus=muscle_id, point=point_id, area=None)

    def toggle_point(self, muscle_id: str, point_id: str) -> None:
        """Focus a trigger point, or, when it is the one focused, show all the muscle's again."""
        if self.state.focus == muscle_id and self.state.focused_point == point_id:
            self.state.update(point=None)
        else:
            self.focus_point(muscle_id, point_id)

    def clear_focus(self) -> None:
        """One step back: from a focused trigger point to its muscle, from a muscle to the
        chain."""
        if self.state.focused_point is not None:
            self.state.update(point=None)
        else:
            self.state.update(focus=None, area=None)

    def set_side(self, side: str) -> None:
        self.state.update(side=side)

    def set_view(self, view: str, render: bool = True) -> None:
        """Look from a preset at the selection (or the whole body without one)."""
        self.view = view
        self.scene.view = view
        self.motion.move_to(self.scene.framing(view, self.state.side), render=render)

    def reset_view(self) -> None:
        """The whole body from the front, with every structure shown and nothing peeled."""
        self.state.update(peel=0, hidden=frozenset(), isolated=frozenset())
        self.view = self.scene.view = "anterior"
        self.motion.move_to(self.scene.whole_body_pose("anterior", self.state.side))

    def camera_moved(self) -> None:
        """After the user turned or zoomed the camera: the focus's occluders change."""
        if self.highlight.focus is not None:
            self.scene.update_fading()
            self.scene.render()

    # ---- peel, hide, isolate
    def set_peel(self, depth: int) -> None:
        """Remove ``depth`` layers of muscle from the skin inward (the deepest always stays)."""
        deepest = max(self.scene.layer_count - 1, 0)
        self.state.update(peel=min(max(int(depth), 0), deepest))

    def peel_step(self, step: int) -> None:
        self.set_peel(self.state.peel + step)

    def structures_of(self, muscle_id: str) -> list[Structure]:
        """A knowledge muscle's meshes on the sides shown, as structures."""
        muscle = self.knowledge.muscles[muscle_id]
        sides = visible_sides(self.state.side)
        return [("muscle", mesh, side) for mesh in muscle.meshes for side in sides]

    def current_structures(self) -> list[Structure]:
        """What Hide and Isolate act on from the keyboard: the chain list's current muscle,
        else the focused one."""
        muscle = self.chain.current_muscle() or self.state.focus
        if muscle is None or muscle not in self.knowledge.muscles:
            return []
        return self.structures_of(muscle)

    def hide(self, structures: list[Structure]) -> None:
        if not structures:
            return
        sel = self.state.selection
        self.state.update(
            hidden=sel.hidden | frozenset(structures),
            isolated=sel.isolated - frozenset(structures),
        )

    def isolate(self, structures: list[Structure]) -> None:
        if structures:
            self.state.update(isolated=frozenset(structures), hidden=frozenset())

    def show_structure(self, structure: Structure) -> None:
        sel = self.state.selection
        isolated = sel.isolated | {structure} if sel.isolated else sel.isolated
        self.state.update(hidden=sel.hidden - {structure}, isolated=isolated)

    def show_all(self) -> None:
        self.state.update(hidden=frozenset(), isolated=frozenset())

    def structure_name(self, structure: Structure) -> str:
        kind, ident, side = structure
        if kind == "bone":
            return "Bones of the trunk and pelvis" if ident == "midline" else f"Bones ({ident})"
        mid = muscle_for_mesh(self.knowledge, ident)
        name = self.knowledge.muscles[mid].name if mid else ident.replace("_", " ")
        return f"{name} ({side})"

    def open_context_menu(self, structures: list[Structure], name: str, where: QPoint) -> QMenu:
        """Hide / Isolate for a structure, Show all, and each hidden structure to bring back."""
        menu = QMenu(self.canvas.widget)
        menu.setObjectName("structureMenu")
        if structures:
            menu.addAction(f"Hide {name}", lambda: self.hide(structures))
            menu.addAction(f"Isolate {name}", lambda: self.isolate(structures))
            menu.addSeparator()
        show_all = menu.addAction("Show all", self.show_all)
        sel = self.state.selection
        show_all.setEnabled(bool(sel.hidden or sel.isolated))
        if sel.hidden:
            back = menu.addMenu("Show hidden")
            for item in sorted(sel.hidden):
                back.addAction(self.structure_name(item), self._shows(item))
        self.context_menu = menu
        menu.popup(where)
        return menu

    def _shows(self, structure: Structure) -> Callable[[], None]:
        """A menu entry's action: bring ``structure`` back."""
        return lambda: self.show_structure(structure)

    def refresh(self) -> None:
        """Repaint everything from the state (for features that changed the scene themselves)."""
        self._on_state_changed(
            frozenset(
                {"site", "focus", "point", "side", "layers", "mode", "area", "peel", "hidden"}
            )
        )

    # ---- state -> panels + scene
    def _links(self) -> tuple[ChainLink, ...]:
        site = self.state.site
        return self.knowledge.chain_for(site, self.state.side) if site else ()

    def _on_state_changed(self, names: frozenset[str]) -> None:
        sel = self.state.selection
        links = self._links()
        # The 3D frame first, pushed to the screen at once; the side panels follow. Rebuilding
        # the details takes ~30 ms of Qt layout, and the picture should not wait for the text.
        if names & SCENE_FIELDS and sel.mode in SCENE_MODES:
            clock = [time.perf_counter()]

            def lap(name: str) -> None:
                clock.append(time.perf_counter())
                self.last_spans[name] = (clock[-1] - clock[-2]) * 1000

            self.highlight = make_highlight(self.state, self.knowledge, self.scene.depth_layers)
            lap("highlight")
            self.scene.apply(self.highlight, sel.layers, render=False)
            lap("apply")
            if names & FRAME_FIELDS:
                if self.scene.framed_keys():
                    self.view = self.scene.view = self.scene.best_view(sel.side)
                pose = self.scene.framing(self.view, sel.side)
                lap("framing")
                self.motion.move_to(pose)
            else:
                self.scene.render()
            lap("render")
            if self.canvas.widget.isVisible():
                self.canvas.widget.repaint()
            lap("repaint")
            self.last_spans["labels"] = self.scene.labels.last_layout_ms
            self.last_apply_ms = (clock[-1] - clock[0]) * 1000
            log.debug("selection painted in %.1f ms", self.last_apply_ms)
        if names & {"peel"} and self.peel_control is not None:
            self.peel_control.show_peel(sel.peel, max(self.scene.layer_count - 1, 0))
        if names & {"hidden", "isolated"} and self.hidden_panel is not None:
            self._show_hidden()
        if names & {"site", "side"}:
            self.sites.show_site(sel.site)
        if names & {"site", "side", "focus"}:
            self.chain.show_chain(links, sel.focus)
        if names & {"site", "focus", "area", "side"}:
            self._show_details(links)
        elif "point" in names:
            self.details.mark_point(sel.point)

    def _show_details(self, links: tuple[ChainLink, ...]) -> None:
        sel = self.state.selection
        if sel.area is not None:
            area, side = sel.area
            # ranked: essential first, then by sources (a fine area exactly, or a whole group)
            points = self.knowledge.points_referring_to(area, exact=True)
            self.details.show_area(area, side, points, self.knowledge.sites_for_area(area))
        elif sel.focus is not None:
            self.details.show_muscle(self.knowledge.muscles[sel.focus], sel.point)
        elif sel.site is not None:
            self.details.show_site(
                self.knowledge.sites[sel.site], links, self.knowledge.precautions_for(sel.site)
            )
        else:
            self.details.show_nothing()

    def _show_hidden(self) -> None:
        if self.hidden_panel is None:
            return
        sel = self.state.selection
        self.hidden_panel.show_hidden(
            [(item, self.structure_name(item)) for item in sorted(sel.hidden)],
            [self.structure_name(item) for item in sorted(sel.isolated)],
        )
