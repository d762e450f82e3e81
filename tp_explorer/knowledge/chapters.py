"""The regions of the body the knowledge file groups its muscles in, foot first.

Each muscle names one (``chapter`` in regions.yaml): the part of the trigger-point manual and
its reference that treats it, as a region, not a chapter number. ``list muscles`` groups by
them in this order, which runs up the body as the pain sites do. A version 1 file has no
chapters: its muscles get the one the shipped file gives a muscle of the same id, else OTHER.
"""

from __future__ import annotations

OTHER = "Other"
CHAPTERS: tuple[str, ...] = (
    "Foot intrinsics",
    "Leg",
    "Thigh and knee",
    "Hip",
    "Pelvic floor",
    "Abdominal wall",
    "Lower back",
    "Lumbar paraspinal",
    OTHER,
)

# The muscles a version 1 file could hold (the shipped file's before chapters), by chapter.
_V1_MUSCLES: dict[str, tuple[str, ...]] = {
    "Foot intrinsics": ("abductor_hallucis", "quadratus_plantae", "flexor_digitorum_brevis"),
    "Leg": (
        "gastrocnemius",
        "soleus",
        "tibialis_posterior",
        "tibialis_anterior",
        "fibularis_longus",
        "fibularis_brevis",
        "extensor_digitorum_longus",
        "extensor_hallucis_longus",
        "flexor_digitorum_longus",
        "flexor_hallucis_longus",
    ),
    "Thigh and knee": (
        "biceps_femoris",
        "semitendinosus_semimembranosus",
        "rectus_femoris",
        "vastus_medialis",
        "vastus_lateralis",
        "vastus_intermedius",
        "adductor_longus_brevis",
        "adductor_magnus",
        "gracilis",
        "sartorius",
    ),
    "Hip": (
        "tensor_fasciae_latae",
        "gluteus_maximus",
        "gluteus_medius",
        "gluteus_minimus",
        "piriformis",
        "iliopsoas",
    ),
    "Pelvic floor": ("obturator_internus", "levator_ani"),
    "Lower back": ("quadratus_lumborum",),
    "Lumbar paraspinal": ("iliocostalis_lumborum", "longissimus", "multifidus"),
}
V1_CHAPTERS: dict[str, str] = {
    muscle: chapter for chapter, muscles in _V1_MUSCLES.items() for muscle in muscles
}


def v1_chapter(muscle_id: str) -> str:
    """The chapter a version 1 file's muscle migrates to: its shipped one, else OTHER."""
    return V1_CHAPTERS.get(muscle_id, OTHER)
