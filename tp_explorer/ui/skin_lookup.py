"""Which fine skin area is under the cursor, for the reverse lookup "what refers pain here?".

The scene's pick names the coarse body area of a skin hit; the charts are drawn on the fine
skin map, so a click asks again for the fine area of the skin point hit
(``Anatomy.fine_area_of_point``), with the same picker and the same skin halves the scene
picks among. Where no fine area is found (a skin point off the fine map), the coarse area the
scene named stands: the knowledge queries take a group as well.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tp_explorer.scene import BodyScene, PickResult


def fine_area_at(scene: BodyScene, x: float, y: float) -> tuple[str, str] | None:
    """(fine area, side) of the skin at display pixel (x, y), origin bottom left; the side is
    "mid" for a midline area. None where the ray meets no skin that can be picked."""
    skin = scene.skin
    hit = scene.picker.pick(x, y, scene.plotter.renderer, skin.pickable(scene.layers))
    if hit is None:
        return None
    side = next((s for s, actor in skin.actors.items() if actor is hit.actor), None)
    if side is None:
        return None
    ids = skin.point_ids[side]
    if not 0 <= hit.point_id < len(ids):
        return None
    return scene.anatomy.fine_area_of_point(int(ids[hit.point_id]))


def clicked_area(scene: BodyScene, result: PickResult, x: float, y: float) -> tuple[str, str]:
    """The area a skin click asks about: the fine area under the cursor, else the body area
    the scene's pick named (``result`` is a pick with an area)."""
    fine = fine_area_at(scene, x, y)
    if fine is not None:
        return fine
    return str(result.area), str(result.area_side)
