"""The chart view: the manual's way of drawing referral, as a layer the window switches.

With ``CHART`` among the layers the window hands the scene, the skin is opaque and matte with
the zones painted on it and each trigger point marked on the skin; without it the atlas view
(translucent skin over the chain's muscles) is drawn. The normal window starts in the atlas
view; the quiz and the handout's pictures use the chart view.
"""

from __future__ import annotations

from collections.abc import Iterable

from tp_explorer.state import LAYERS

CHART = "chart"
# Every layer the window can switch and remember: the state's drawing layers and the chart.
VIEW_LAYERS: tuple[str, ...] = (*LAYERS, CHART)
CHART_KEYS = "Ctrl+Shift+7"  # after the six layers' Ctrl+Shift+1..6
CHART_TEXT = "Chart view"
CHART_TIP = "Opaque skin with the referral zones and the trigger points marked, as in the manual"


def with_chart(layers: Iterable[str], on: bool = True) -> frozenset[str]:
    """``layers`` with the chart view switched on (or off)."""
    return frozenset(layers) | {CHART} if on else frozenset(layers) - {CHART}
