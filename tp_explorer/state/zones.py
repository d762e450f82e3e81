"""Referral zones a selection paints: trigger points' charts as (skin area, side) -> kind.

A chart names fine skin areas (knowledge.skin_areas); a sided area is painted on the side of
the muscle that refers there, a midline area once, on the side ``MIDLINE`` ("mid"). The same
zones are also kept on the 29 coarse body areas each fine area lies in, on the muscle's own
side, for a skin that is labelled only with those (the anatomy's ``areas``). In both views an
area in any essential zone is essential; spillover never paints over it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tp_explorer.knowledge.skin_areas import MIDLINE, fine_area

if TYPE_CHECKING:
    from tp_explorer.knowledge import Muscle, PointReferral

ZoneKey = tuple[str, str]  # (area, side)
ESSENTIAL = "essential"
SPILLOVER = "spillover"


def zone_side(area: str, side: str) -> str:
    """The side a fine area is painted on for a muscle of ``side``: its own, or MIDLINE."""
    return side if fine_area(area).sided else MIDLINE


def charts_of(muscle: Muscle, point: str | None = None) -> tuple[PointReferral, ...]:
    """The charts a muscle paints: every point's, or only ``point``'s (none if it has none)."""
    return tuple(
        tp.referral
        for tp in muscle.trigger_points
        if tp.referral is not None and (point is None or tp.id == point)
    )


@dataclass
class ZonePaint:
    """Zones gathered so far, fine and coarse."""

    fine: dict[ZoneKey, str] = field(default_factory=dict)
    coarse: dict[ZoneKey, str] = field(default_factory=dict)

    def add(
        self, charts: Iterable[PointReferral], sides: Iterable[str], spillover: bool = True
    ) -> None:
        """Paint charts on the given sides: spillover first (unless ``spillover`` is False),
        essential over it."""
        charts = tuple(charts)
        for side in sides:
            for chart in charts if spillover else ():
                for area in chart.spillover:
                    self._paint(area, side, SPILLOVER)
            for chart in charts:
                for area in chart.essential:
                    self._paint(area, side, ESSENTIAL)

    def _paint(self, area: str, side: str, kind: str) -> None:
        fine_key = (area, zone_side(area, side))
        coarse_key = (fine_area(area).group, side)
        for zones, key in ((self.fine, fine_key), (self.coarse, coarse_key)):
            if kind == ESSENTIAL:
                zones[key] = ESSENTIAL
            else:
                zones.setdefault(key, SPILLOVER)
