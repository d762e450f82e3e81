"""Which model parts make each named anatomical muscle, and how its belly is shaped.

The table is data, not code: a therapist reading it can see that glmax1-3 became gluteus
maximus and that sartorius is a flat strap.
"""

from __future__ import annotations

from dataclasses import dataclass

# Specific tension used to turn maximum isometric force into a cross-section (N per m²).
SPECIFIC_TENSION = 60e4  # 60 N/cm²
# The physiological area cuts every fibre at a right angle; in pennate leg muscles the
# anatomical (belly) section is a fraction of it, and Rajagopal's forces are those of young,
# strong adults. Without this factor the vasti and soleus would be twice as thick as a thigh.
ANATOMICAL_FRACTION = 0.4


@dataclass(frozen=True)
class MuscleSpec:
    """How one named muscle is built from model parts.

    merge: "single" (one part), "mean" (parallel parts averaged station by station),
    "primary" (first part is the centreline, all parts give the force) or "column" (stacked
    fascicles binned along their common axis, e.g. multifidus).
    start: which end is proximal/origin: "origin" keeps the model order, "inferior" or
    "superior" orders every part by height.
    belly: fractions (a0, s0, s1, b1): the fleshy part rises from a0 to s0 and falls from s1
    to b1; outside it the muscle is tendon.
    aspect: width/thickness of the cross-section (flat muscles > 1).
    top: clip the column at this height (m) so back muscles stop at the lower thorax.
    origin: a landmark (see landmarks.py) prepended where the model's path starts part-way
    along the real origin (the vasti start mid-femur in Rajagopal's model).
    area_scale: MyoTorso's fascicle forces are low; the lumbar muscles are scaled so their
    sections come near published MRI values (multifidus ~6 cm², erector ~15 cm², QL ~5 cm²).
    """

    parts: tuple[str, ...]
    merge: str = "single"
    start: str = "origin"
    belly: tuple[float, float, float, float] = (0.03, 0.25, 0.7, 0.97)
    aspect: float = 1.5
    top: float | None = None
    prepend: str | None = None  # a part whose origin extends the path proximally
    origin: tuple[str, tuple[float, float, float]] | None = None  # landmark (bone, fractions)
    area_scale: float = 1.0
    width_axis: tuple[float, float, float] | None = None  # fixed width direction (world)
    max_half_width: float = 0.06
    min_lateral: float = 0.0  # keep a column's centre at least this far from the midline (m)


_GL = (0.0, 0.2, 0.75, 0.97)
MODEL_MUSCLES: dict[str, MuscleSpec] = {
    "gluteus_maximus": MuscleSpec(("glmax1", "glmax2", "glmax3"), "column", belly=_GL, aspect=2.5),
    "gluteus_medius": MuscleSpec(("glmed1", "glmed2", "glmed3"), "column", belly=_GL, aspect=2.0),
    "gluteus_minimus": MuscleSpec(("glmin1", "glmin2", "glmin3"), "column", belly=_GL, aspect=2.0),
    "piriformis": MuscleSpec(("piri",), belly=(0.0, 0.15, 0.6, 0.95), aspect=1.6),
    "tensor_fasciae_latae": MuscleSpec(("tfl",), belly=(0.0, 0.08, 0.3, 0.5), aspect=1.8),
    "iliacus": MuscleSpec(("iliacus",), belly=(0.0, 0.1, 0.6, 0.95), aspect=2.5),
    "psoas_major": MuscleSpec(
        ("psoas",), belly=(0.0, 0.15, 0.75, 0.97), aspect=1.2, prepend="Ps_L1_VB"
    ),
    "quadratus_lumborum": MuscleSpec(
        tuple(f"QL_{k}" for k in ("post", "mid", "ant")),
        "column",
        "inferior",
        aspect=2.0,
        area_scale=2.5,
    ),
    "multifidus": MuscleSpec(
        ("MF_",),
        "column",
        "inferior",
        (0.0, 0.1, 0.9, 1.0),
        1.3,
        area_scale=2.5,
        width_axis=(1.0, 0.0, 0.0),
        max_half_width=0.012,
        min_lateral=0.017,
    ),
    "iliocostalis": MuscleSpec(
        ("IL_L", "IL_R10", "IL_R11", "IL_R12"),
        "column",
        "inferior",
        (0.0, 0.1, 0.85, 1.0),
        2.0,
        top=1.2,
        area_scale=2.5,
        width_axis=(1.0, 0.0, 0.0),
        max_half_width=0.02,
        min_lateral=0.052,
    ),
    "longissimus": MuscleSpec(
        ("LTpL_", "LTpT_T10", "LTpT_T11", "LTpT_T12"),
        "column",
        "inferior",
        (0.0, 0.1, 0.85, 1.0),
        1.6,
        top=1.2,
        area_scale=2.5,
        width_axis=(1.0, 0.0, 0.0),
        max_half_width=0.02,
        min_lateral=0.032,
    ),
    "sartorius": MuscleSpec(("sart",), belly=(0.0, 0.06, 0.8, 0.97), aspect=3.0),
    "rectus_femoris": MuscleSpec(("recfem",), belly=(0.02, 0.2, 0.7, 0.9), aspect=1.3),
    "vastus_lateralis": MuscleSpec(
        ("vaslat",),
        belly=(0.0, 0.12, 0.62, 0.85),
        aspect=1.8,
        origin=("femur", (0.9, 0.45, 0.86)),
    ),
    "vastus_medialis": MuscleSpec(
        ("vasmed",),
        belly=(0.0, 0.25, 0.75, 0.92),
        aspect=1.6,
        origin=("femur", (0.3, 0.6, 0.78)),
    ),
    "vastus_intermedius": MuscleSpec(
        ("vasint",),
        belly=(0.0, 0.12, 0.65, 0.85),
        aspect=2.2,
        origin=("femur", (0.55, 0.2, 0.8)),
    ),
    "adductor_longus": MuscleSpec(("addlong",), belly=(0.0, 0.2, 0.8, 1.0), aspect=1.8),
    "adductor_brevis": MuscleSpec(("addbrev",), belly=(0.0, 0.2, 0.8, 1.0), aspect=1.8),
    "adductor_magnus": MuscleSpec(
        ("addmagProx", "addmagMid", "addmagDist", "addmagIsch"),
        "mean",
        belly=(0.0, 0.15, 0.8, 0.98),
        aspect=2.2,
    ),
    "gracilis": MuscleSpec(("grac",), belly=(0.0, 0.1, 0.6, 0.85), aspect=2.0),
    "biceps_femoris": MuscleSpec(("bflh", "bfsh"), "primary", belly=(0.03, 0.25, 0.8, 0.95)),
    "semitendinosus": MuscleSpec(("semiten",), belly=(0.03, 0.2, 0.6, 0.85), aspect=1.3),
    "semimembranosus": MuscleSpec(("semimem",), belly=(0.05, 0.35, 0.8, 0.95), aspect=1.6),
    "gastrocnemius_medial": MuscleSpec(("gasmed",), belly=(0.02, 0.12, 0.45, 0.65), aspect=1.6),
    "gastrocnemius_lateral": MuscleSpec(("gaslat",), belly=(0.02, 0.12, 0.4, 0.6), aspect=1.6),
    "soleus": MuscleSpec(("soleus",), belly=(0.0, 0.15, 0.65, 0.85), aspect=2.2),
    "tibialis_anterior": MuscleSpec(("tibant",), belly=(0.0, 0.1, 0.55, 0.75), aspect=1.3),
    "tibialis_posterior": MuscleSpec(("tibpost",), belly=(0.0, 0.1, 0.55, 0.75), aspect=1.5),
    "fibularis_longus": MuscleSpec(("perlong",), belly=(0.0, 0.1, 0.45, 0.6), aspect=1.4),
    "fibularis_brevis": MuscleSpec(("perbrev",), belly=(0.0, 0.15, 0.5, 0.65), aspect=1.4),
    "extensor_digitorum_longus": MuscleSpec(("edl",), belly=(0.0, 0.1, 0.5, 0.65), aspect=1.3),
    "extensor_hallucis_longus": MuscleSpec(("ehl",), belly=(0.05, 0.2, 0.5, 0.65), aspect=1.3),
    "flexor_digitorum_longus": MuscleSpec(("fdl",), belly=(0.0, 0.1, 0.5, 0.65), aspect=1.4),
    "flexor_hallucis_longus": MuscleSpec(("fhl",), belly=(0.05, 0.2, 0.55, 0.7), aspect=1.4),
}
