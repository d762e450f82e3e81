"""The skin areas a user may ask about: the 29 coarse body areas (groups) and the fine areas.

A question ("what refers pain here?") names either a group (``heel``: every fine area of the
heel) or one fine area (``heel_plantar``). Four names are both a group and one of its own areas
(``groin``, ``perineum``, ``achilles``, ``sacroiliac``); asked plainly they mean the group, which
holds the area of the same name, so nothing is lost and an older script's question keeps its
answer; ``exact`` asks for the one area.
"""

from __future__ import annotations

from tp_explorer.knowledge.problems import UnknownNameError
from tp_explorer.knowledge.skin_areas import FINE_AREA_IDS, areas_in_group, group_of
from tp_explorer.knowledge.vocabulary import BODY_AREAS


def unknown_area(name: object) -> UnknownNameError:
    """The error for a name that is no area, listing the groups and where the areas are."""
    return UnknownNameError(
        f"unknown area {name!r}; valid areas: {', '.join(BODY_AREAS)}; or one of the "
        f"{len(FINE_AREA_IDS)} fine areas (see: tp-explorer list areas)"
    )


def is_area_name(name: object) -> bool:
    """Whether ``name`` is a group or a fine area."""
    return isinstance(name, str) and (name in BODY_AREAS or name in FINE_AREA_IDS)


def asked_areas(name: str, exact: bool = False) -> tuple[str, ...]:
    """The fine areas a question about ``name`` covers: all of a group's, or the one area
    (also for a name that is both, when ``exact``). UnknownNameError for any other name."""
    if not is_area_name(name):
        raise unknown_area(name)
    if name in BODY_AREAS and not (exact and name in FINE_AREA_IDS):
        return areas_in_group(name)
    return (name,)


def group_for(name: str) -> str:
    """The group (coarse body area) a group or fine area name lies in."""
    if not is_area_name(name):
        raise unknown_area(name)
    return name if name in BODY_AREAS else group_of(name)
