"""The fine skin map's vocabulary: about 80 named patches, each inside one coarse body area.

A referral chart names these; the anatomy layer labels every skin point of the legs, pelvis and
lower back with one of them (by rule, from the skeleton; tp_explorer.anatomy.derive). Each fine
area splits exactly one coarse area of vocabulary.BODY_AREAS (its ``group``), so the coarse map
stays what it was. A sided area exists once per side; a midline area is one patch across the
midline (its side is ``MIDLINE``). ``resolve`` turns any name the reference uses (a fine area,
another name for one, a smaller place inside one, a set, a coarse area, or a level wildcard
such as ``leg_*_lateral``) into fine area ids. Pure Python, like the rest of the knowledge layer.
"""

from __future__ import annotations

from dataclasses import dataclass

from tp_explorer.knowledge.vocabulary import BODY_AREAS

MIDLINE = "mid"  # the side of a midline (unsided) area


@dataclass(frozen=True)
class FineArea:
    """One patch of skin: its id, the words a patient reads, its coarse area, and whether it
    exists once per side (True) or once across the midline (False)."""

    id: str
    label: str
    group: str
    sided: bool


def _sided(group: str, *rows: tuple[str, str]) -> tuple[FineArea, ...]:
    return tuple(FineArea(id_, label, group, True) for id_, label in rows)


def _midline(group: str, *rows: tuple[str, str]) -> tuple[FineArea, ...]:
    return tuple(FineArea(id_, label, group, False) for id_, label in rows)


def _levels(
    group: str, segment: str, aspect: str, words: str, thirds: tuple[str, str, str]
) -> tuple[FineArea, ...]:
    """A limb aspect in three levels: segment_proximal_aspect, ..._mid_..., ..._distal_..."""
    levels = ("proximal", "mid", "distal")
    return tuple(
        FineArea(f"{segment}_{lev}_{aspect}", f"{words}, {third}", group, True)
        for lev, third in zip(levels, thirds, strict=True)
    )


_THIRDS = ("upper third", "middle third", "lower third")

FINE_AREAS: tuple[FineArea, ...] = (
    *_sided(
        "big_toe",
        ("big_toe_plantar", "underside of the big toe"),
        ("big_toe_dorsal", "top and sides of the big toe"),
    ),
    *_sided(
        "lesser_toes",
        ("lesser_toes_plantar", "underside of the small toes"),
        ("lesser_toes_dorsal", "top of the small toes"),
    ),
    *_sided(
        "heel",
        ("heel_plantar", "underside of the heel"),
        ("heel_posterior", "back of the heel"),
        ("heel_lateral", "outer side of the heel"),
        ("heel_medial", "inner side of the heel"),
    ),
    *_sided(
        "plantar_foot",
        ("ball_medial", "ball of the foot under the big toe"),
        ("ball_central", "middle of the ball of the foot (under the 2nd to 4th toes)"),
        ("ball_lateral", "ball of the foot under the little toe"),
        ("arch_medial", "inner arch of the sole (the instep)"),
        ("sole_lateral", "outer part of the sole, between heel and ball"),
    ),
    *_sided(
        "dorsal_foot",
        ("dorsum_medial", "top of the foot on the big-toe side, and the inner edge"),
        ("dorsum_mid", "middle of the top of the foot"),
        ("dorsum_lateral", "top of the foot on the little-toe side, and the outer edge"),
    ),
    *_sided(
        "anterior_ankle",
        ("ankle_anteromedial", "front of the ankle, inner half"),
        ("ankle_anterolateral", "front of the ankle, outer half"),
    ),
    *_sided(
        "medial_ankle", ("malleolus_medial", "inner ankle bone and the skin around and behind it")
    ),
    *_sided(
        "lateral_ankle", ("malleolus_lateral", "outer ankle bone and the skin around and behind it")
    ),
    *_sided("achilles", ("achilles", "back of the ankle, over the Achilles tendon")),
    *_levels("shin", "leg", "anteromedial", "shin bone (inner front of the lower leg)", _THIRDS),
    *_levels(
        "shin", "leg", "anterolateral", "front-outer lower leg, beside the shin bone", _THIRDS
    ),
    *_levels("lateral_leg", "leg", "lateral", "outer side of the lower leg", _THIRDS),
    *_levels("calf", "leg", "posterolateral", "outer half of the calf", _THIRDS),
    *_levels("calf", "leg", "posteromedial", "inner half of the calf", _THIRDS),
    *_sided("anterior_knee", ("knee_patellar", "front of the knee, around the kneecap")),
    *_sided("lateral_knee", ("knee_lateral", "outer side of the knee")),
    *_sided("medial_knee", ("knee_medial", "inner side of the knee")),
    *_sided(
        "posterior_knee",
        ("knee_popliteal_lateral", "back of the knee, outer half"),
        ("knee_popliteal_medial", "back of the knee, inner half"),
    ),
    *_levels("anterior_thigh", "thigh", "anterior", "front of the thigh", _THIRDS),
    *_levels("lateral_thigh", "thigh", "lateral", "outer side of the thigh", _THIRDS),
    *_levels(
        "posterior_thigh", "thigh", "posterolateral", "back of the thigh, outer half", _THIRDS
    ),
    *_levels("posterior_thigh", "thigh", "posteromedial", "back of the thigh, inner half", _THIRDS),
    *_levels("medial_thigh", "thigh", "medial", "inner side of the thigh", _THIRDS),
    *_sided(
        "groin",
        ("groin", "groin crease and inner groin"),
        ("hip_anterior", "front of the hip joint, outside the groin"),
    ),
    *_sided(
        "lateral_hip",
        ("hip_anterolateral", "front-outer hip, in front of the hip's bony point"),
        ("trochanter", "side of the hip over and above its bony point (greater trochanter)"),
        ("iliac_crest_lateral", "along the top of the hip bone, at the side"),
    ),
    *_sided(
        "buttock",
        ("iliac_crest_posterior", "along the top of the hip bone, at the back"),
        ("buttock_upper", "upper buttock"),
        ("buttock_medial", "middle of the buttock, the half towards the cleft"),
        ("buttock_lateral", "middle of the buttock, the outer half"),
        ("buttock_lower", "lower buttock, above the buttock crease"),
    ),
    *_sided(
        "sacroiliac", ("sacroiliac", "over the sacroiliac joint (the dimple beside the sacrum)")
    ),
    *_midline(
        "sacrum_coccyx",
        ("sacrum_upper", "upper part of the flat bone at the base of the spine (sacrum)"),
        ("sacrum_lower", "lower part of the sacrum"),
        ("coccyx", "tailbone"),
    ),
    *_midline(
        "perineum",
        ("genital", "genitals (front part of the area between the legs)"),
        ("perineum", "between the genitals and the anus"),
        ("anal", "around the anus, up to the tailbone"),
    ),
    *_midline("lumbar", ("lumbar_midline", "low back, over the spine")),
    *_sided(
        "lumbar",
        ("lumbar_lower_para", "low back beside the spine, lower half (just above the hip bone)"),
        ("lumbar_upper_para", "low back beside the spine, upper half"),
        ("back_thoracolumbar", "back at the level of the lowest ribs, and above"),
    ),
    *_midline(
        "lower_abdomen",
        ("suprapubic", "lower belly in the middle, between the navel and the pubic bone"),
    ),
    *_sided(
        "lower_abdomen",
        ("abdomen_lower", "lower belly beside the middle"),
        (
            "abdomen_lower_lateral",
            "lower belly towards the side, and the waist just above the hip bone",
        ),
    ),
    *_sided(
        "upper_abdomen",
        ("abdomen_upper", "upper belly above the navel, front and side, and the lower chest"),
    ),
)

FINE_AREA_IDS: tuple[str, ...] = tuple(a.id for a in FINE_AREAS)
_BY_ID: dict[str, FineArea] = {a.id: a for a in FINE_AREAS}

# Another name for the same place. The draft's back_thoracic and chest_lower_anterior were
# merged into the areas below them: no referral names them, and on the atlas both lie above
# the skin's top edge (the tenth thoracic vertebra, their lower bound, is above it).
ALIASES: dict[str, str] = {
    "inguinal": "groin",
    "back_thoracic": "back_thoracolumbar",
    "chest_lower_anterior": "abdomen_upper",
}

# A smaller place the reference names, drawn as the fine area that contains it.
WITHIN: dict[str, str] = {
    "ankle_posteromedial": "malleolus_medial",
    "hip_posterior": "buttock_lateral",
    "buttock_deep": "buttock_lower",
    "toe2_medial": "lesser_toes_dorsal",
    "toe2": "lesser_toes_dorsal",
    "leg_mid_medial": "leg_mid_posteromedial",
    "leg_proximal_medial": "leg_proximal_posteromedial",
    "leg_distal_medial": "leg_distal_posteromedial",
    "thigh_proximal_anterolateral": "thigh_proximal_lateral",
    "thigh_proximal_anteromedial": "thigh_proximal_medial",
    "thigh_mid_anterolateral": "thigh_mid_lateral",
    "thigh_mid_anteromedial": "thigh_mid_medial",
    "thigh_distal_anterolateral": "thigh_distal_lateral",
    "thigh_distal_anteromedial": "thigh_distal_medial",
}

# A name for several fine areas (every coarse area is one too: all the areas of its group).
SETS: dict[str, tuple[str, ...]] = {
    "ankle_anterior": ("ankle_anteromedial", "ankle_anterolateral"),
    "knee_popliteal": ("knee_popliteal_medial", "knee_popliteal_lateral"),
    "knee": (
        "knee_patellar",
        "knee_medial",
        "knee_lateral",
        "knee_popliteal_medial",
        "knee_popliteal_lateral",
    ),
    "iliac_crest": ("iliac_crest_posterior", "iliac_crest_lateral"),
    "sacrum": ("sacrum_upper", "sacrum_lower"),
    "thigh_lateral": ("thigh_proximal_lateral", "thigh_mid_lateral", "thigh_distal_lateral"),
    "dorsum": ("dorsum_medial", "dorsum_mid", "dorsum_lateral"),
    "ball": ("ball_medial", "ball_central", "ball_lateral"),
    **{
        f"{seg}_{lev}_{name}": (f"{seg}_{lev}_{stem}medial", f"{seg}_{lev}_{stem}lateral")
        for lev in ("proximal", "mid", "distal")
        for seg, name, stem in (
            ("leg", "anterior", "antero"),
            ("leg", "posterior", "postero"),
            ("thigh", "posterior", "postero"),
        )
    },
}

# What a '*' in a reference name stands for: limb levels, or the two lumbar halves.
WILDCARD_LEVELS: tuple[tuple[str, ...], ...] = (("proximal", "mid", "distal"), ("lower", "upper"))


def fine_area(area: str) -> FineArea:
    """The fine area with this id; KeyError names it when there is none."""
    try:
        return _BY_ID[area]
    except KeyError:
        raise KeyError(f"unknown fine skin area {area!r}") from None


def group_of(area: str) -> str:
    """The coarse body area (one of BODY_AREAS) a fine area splits."""
    return fine_area(area).group


def areas_in_group(group: str) -> tuple[str, ...]:
    """The fine area ids that tile one coarse body area, in vocabulary order."""
    if group not in BODY_AREAS:
        raise KeyError(f"unknown body area {group!r}")
    return tuple(a.id for a in FINE_AREAS if a.group == group)


def sides_of(area: str) -> tuple[str, ...]:
    """("left", "right") for a sided area, (MIDLINE,) for a midline one."""
    return ("left", "right") if fine_area(area).sided else (MIDLINE,)


def resolve(name: str) -> tuple[str, ...]:
    """The fine area ids a reference name stands for: the area itself, the area an alias or a
    smaller place (``within``) names, a set's members, a coarse area's fine areas, or each
    level of a ``*`` wildcard (``leg_*_lateral``). A fine id wins over a coarse area of the same
    name (``groin``, ``perineum``, ``achilles``, ``sacroiliac``). KeyError when unknown."""
    if "*" in name:
        return _resolve_wildcard(name)
    if name in _BY_ID:
        return (name,)
    if name in ALIASES:
        return (ALIASES[name],)
    if name in WITHIN:
        return (WITHIN[name],)
    if name in SETS:
        return SETS[name]
    if name in BODY_AREAS:
        return areas_in_group(name)
    raise KeyError(f"unknown skin area name {name!r}")


def _resolve_wildcard(name: str) -> tuple[str, ...]:
    for levels in WILDCARD_LEVELS:
        try:
            parts = [resolve(name.replace("*", level, 1)) for level in levels]
        except KeyError:
            continue
        return tuple(dict.fromkeys(a for part in parts for a in part))
    raise KeyError(f"no level fills the wildcard in skin area name {name!r}")
