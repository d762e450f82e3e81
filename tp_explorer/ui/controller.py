"""The one place that connects panels -> state and state -> panels + scene.

Handlers are named ``_on_<source>_<event>``. Panels' setters block their own signals, so a
state change never loops back into the state.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QCursor, QDesktopServices
from PySide6.QtWidgets import QStatusBar, QToolTip

from tp_explorer.state import AppState, Highlight, make_highlight, muscle_for_mesh, visible_sides
from tp_explorer.ui.canvas import CanvasEvents
from tp_explorer.ui.panels import ChainPanel, DetailsPanel, SitesPanel
from tp_explorer.ui.panels.details import area_name

log = logging.getLogger(__name__)
SCENE_FIELDS = frozenset({"site", "focus", "side", "layers", "mode", "compare"})
SCENE_MODES = ("explore", "compare", "presentation")


class Controller(QObject):
    """Owns no widgets; wires the given ones to the state and the scene."""

    def __init__(
        self,
        *,
        knowledge: Any,
        state: AppState,
        scene: Any,
        sites: SitesPanel,
        chain: ChainPanel,
        details: DetailsPanel,
        canvas: CanvasEvents,
        status: QStatusBar,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.knowledge, self.state, self.scene = knowledge, state, scene
        self.sites, self.chain, self.details = sites, chain, details
        self.canvas, self.status = canvas, status
        self.view = "anterior"
        self.highlight = Highlight()
        self.last_apply_ms = 0.0
        self.opened_urls: list[str] = []
        self.pick_interceptors: list[Callable[[Any], bool]] = []
        self._connections = [
            (sites.siteRequested, self._on_sites_site_requested),
            (sites.muscleRequested, self._on_sites_muscle_requested),
            (sites.searchChanged, self._on_sites_search_changed),
            (chain.muscleRequested, self._on_chain_muscle_requested),
            (details.linkRequested, self._on_details_link_requested),
            (details.siteRequested, self._on_sites_site_requested),
            (details.muscleRequested, self._on_chain_muscle_requested),
            (canvas.clicked, self._on_canvas_clicked),
            (canvas.hovered, self._on_canvas_hovered),
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
        if result.kind == "muscle":
            chain_ids = [link.muscle.id for link in self._links()]
            muscle = muscle_for_mesh(self.knowledge, result.mesh_id, prefer=chain_ids)
            if muscle is not None:
                self.focus_muscle(muscle)
            else:
                self.status.showMessage(f"{result.mesh_id}: not in the knowledge file", 5000)
        elif result.kind == "skin" and result.area:
            self.state.update(area=(result.area, result.area_side), focus=None)
        elif result.kind == "bone":
            self.status.showMessage("Bone", 3000)

    def _on_canvas_hovered(self, x: float, y: float) -> None:
        result = self.scene.pick(x, y)
        text = self.describe(result) if result else ""
        self.status.showMessage(text, 4000)
        if text:
            QToolTip.showText(QCursor.pos(), text, self.canvas.widget)

    def describe(self, result: Any) -> str:
        """Words for what is under the cursor."""
        if result.kind == "muscle":
            mid = muscle_for_mesh(self.knowledge, result.mesh_id)
            name = self.knowledge.muscles[mid].name if mid else result.mesh_id.replace("_", " ")
            return f"{name} ({result.side})"
        if result.kind == "skin" and result.area:
            return f"Skin: {area_name(result.area)} ({result.area_side})"
        return "Bone" if result.kind == "bone" else ""

    # ---- public actions (menus, toolbar, features)
    def add_pick_interceptor(self, interceptor: Callable[[Any], bool]) -> None:
        """Let a feature see each click first; returning True stops the explorer's handling."""
        self.pick_interceptors.append(interceptor)

    def select_site(self, site_id: str | None) -> None:
        self.state.update(site=site_id, focus=None, area=None)

    def focus_muscle(self, muscle_id: str | None) -> None:
        self.state.update(focus=muscle_id, area=None)

    def clear_focus(self) -> None:
        self.state.update(focus=None, area=None)

    def set_side(self, side: str) -> None:
        self.state.update(side=side)

    def set_view(self, view: str, render: bool = True) -> None:
        self.view = view
        self.scene.set_view(view, self.state.side, render=render)

    def reset_view(self) -> None:
        self.set_view("anterior")

    def refresh(self) -> None:
        """Repaint everything from the state (for features that changed the scene themselves)."""
        self._on_state_changed(frozenset({"site", "focus", "side", "layers", "mode", "area"}))

    # ---- state -> panels + scene
    def _links(self) -> tuple[Any, ...]:
        site = self.state.site
        return self.knowledge.chain_for(site, self.state.side) if site else ()

    def _on_state_changed(self, names: frozenset[str]) -> None:
        sel = self.state.selection
        links = self._links()
        # The 3D frame first, pushed to the screen at once; the side panels follow. Rebuilding
        # the details takes ~30 ms of Qt layout, and the picture should not wait for the text.
        if names & SCENE_FIELDS and sel.mode in SCENE_MODES:
            started = time.perf_counter()
            self.highlight = make_highlight(self.state, self.knowledge)
            self.scene.apply(self.highlight, sel.layers, render=False)
            if "focus" in names and sel.focus is not None:
                self._turn_to_focus()
            elif "side" in names:
                self.scene.set_view(self.view, sel.side, render=False)
            self.scene.render()
            if self.canvas.widget.isVisible():
                self.canvas.widget.repaint()
            self.last_apply_ms = (time.perf_counter() - started) * 1000
            log.debug("selection painted in %.1f ms", self.last_apply_ms)
        if names & {"site", "side"}:
            self.sites.show_site(sel.site)
        if names & {"site", "side", "focus"}:
            self.chain.show_chain(links, sel.focus)
        if names & {"site", "focus", "area", "side"}:
            self._show_details(links)

    def _show_details(self, links: tuple[Any, ...]) -> None:
        sel = self.state.selection
        if sel.area is not None:
            area, side = sel.area
            referrals = self.knowledge.muscles_referring_to(area)
            self.details.show_area(area, side, referrals, self.knowledge.sites_for_area(area))
        elif sel.focus is not None:
            self.details.show_muscle(self.knowledge.muscles[sel.focus])
        elif sel.site is not None:
            self.details.show_site(self.knowledge.sites[sel.site], links)
        else:
            self.details.show_nothing()

    def _turn_to_focus(self) -> None:
        muscle = self.knowledge.muscles[self.state.focus]
        sides = visible_sides(self.state.side)
        side = "right" if "right" in sides else sides[0]
        self.scene.focus_camera([(mesh, side) for mesh in muscle.meshes], render=False)
