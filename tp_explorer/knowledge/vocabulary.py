"""Names shared by knowledge and anatomy: body areas, anatomy meshes, sides, aspects.

The knowledge file may only name these; the anatomy build must produce every one of them, on
both sides. Pure Python so both layers (and the validator) can use it.
"""

from __future__ import annotations

SIDES: tuple[str, ...] = ("left", "right")

# Named regions of the skin, each present on the left and the right.
BODY_AREAS: tuple[str, ...] = (
    "heel",
    "plantar_foot",
    "dorsal_foot",
    "big_toe",
    "lesser_toes",
    "medial_ankle",
    "lateral_ankle",
    "anterior_ankle",
    "achilles",
    "calf",
    "shin",
    "lateral_leg",
    "anterior_knee",
    "posterior_knee",
    "medial_knee",
    "lateral_knee",
    "anterior_thigh",
    "lateral_thigh",
    "medial_thigh",
    "posterior_thigh",
    "groin",
    "lateral_hip",
    "buttock",
    "sacroiliac",
    "sacrum_coccyx",
    "lumbar",
    "lower_abdomen",
    "upper_abdomen",
    "perineum",
)

# One mesh per named anatomical muscle (or part), each built for the left and the right side.
MESH_IDS: tuple[str, ...] = (
    # hip and pelvis
    "gluteus_maximus",
    "gluteus_medius",
    "gluteus_minimus",
    "piriformis",
    "obturator_internus",
    "levator_ani",
    "tensor_fasciae_latae",
    "iliacus",
    "psoas_major",
    # lower back
    "quadratus_lumborum",
    "multifidus",
    "iliocostalis",
    "longissimus",
    # thigh
    "sartorius",
    "rectus_femoris",
    "vastus_lateralis",
    "vastus_medialis",
    "vastus_intermedius",
    "adductor_longus",
    "adductor_brevis",
    "adductor_magnus",
    "gracilis",
    "biceps_femoris",
    "semitendinosus",
    "semimembranosus",
    # leg
    "gastrocnemius_medial",
    "gastrocnemius_lateral",
    "soleus",
    "tibialis_anterior",
    "tibialis_posterior",
    "fibularis_longus",
    "fibularis_brevis",
    "extensor_digitorum_longus",
    "extensor_hallucis_longus",
    "flexor_digitorum_longus",
    "flexor_hallucis_longus",
    # foot
    "abductor_hallucis",
    "flexor_digitorum_brevis",
    "quadratus_plantae",
    "plantar_fascia",
    # short rotators and the groin (issue 24)
    "pectineus",
    "gemellus_superior",
    "gemellus_inferior",
    "quadratus_femoris",
    "obturator_externus",
    # knee and leg
    "popliteus",
    "plantaris",
    "fibularis_tertius",
    # foot intrinsics
    "extensor_digitorum_brevis",
    "extensor_hallucis_brevis",
    "abductor_digiti_minimi",
    "flexor_hallucis_brevis_medial",
    "flexor_hallucis_brevis_lateral",
    "adductor_hallucis_oblique",
    "adductor_hallucis_transverse",
    "flexor_digiti_minimi_brevis",
    "lumbrical_1",
    "lumbrical_2",
    "lumbrical_3",
    "lumbrical_4",
    "dorsal_interosseous_1",
    "dorsal_interosseous_2",
    "dorsal_interosseous_3",
    "dorsal_interosseous_4",
    "plantar_interosseous_1",
    "plantar_interosseous_2",
    "plantar_interosseous_3",
    # pelvic floor and perineum
    "bulbospongiosus",
    "ischiocavernosus",
    "transverse_perineal",
    "external_anal_sphincter",
    # abdominal wall
    "rectus_abdominis",
    "pyramidalis",
    "external_oblique",
    "internal_oblique",
    "transversus_abdominis",
    # lumbar paraspinal
    "rotatores",
)

# Nerves and vessels of the needle-safety layer, each built for the left and the right side.
NERVE_IDS: tuple[str, ...] = (
    "sciatic_nerve",
    "tibial_nerve",
    "common_fibular_nerve",
    "femoral_nerve",
    "femoral_vessels",
    "pudendal_nerve",
    "posterior_tibial_vessels",
)

# Where on a muscle a trigger point sits, besides its fraction along the muscle's path.
ASPECTS: tuple[str, ...] = ("anterior", "posterior", "medial", "lateral", "superficial", "deep")
