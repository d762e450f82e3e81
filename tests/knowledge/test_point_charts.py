"""The shipped regions.yaml charts the referral per trigger point, faithful to the per-point
reference (shared/reference/trigger_point_patterns.md): each of the 26 places where the old
per-muscle pattern disagreed is settled as its note says, and nothing resting only on
recollection of the manual is charted."""

from __future__ import annotations

import re

import pytest

from tp_explorer.knowledge import Knowledge, TriggerPoint
from tp_explorer.knowledge.model import STATUSES
from tp_explorer.knowledge.skin_areas import group_of

from .conftest import NEW_MUSCLES, REGIONS


def point(kb: Knowledge, muscle: str, tp: str) -> TriggerPoint:
    return kb.muscles[muscle].trigger_point(tp)


def ess(kb: Knowledge, muscle: str, tp: str) -> set[str]:
    chart = point(kb, muscle, tp).referral
    assert chart is not None
    return set(chart.essential)


def spill(kb: Knowledge, muscle: str, tp: str) -> set[str]:
    chart = point(kb, muscle, tp).referral
    assert chart is not None
    return set(chart.spillover)


def test_every_trigger_point_has_its_own_chart_with_sources(kb: Knowledge) -> None:
    points = [tp for m in kb.muscles.values() for tp in m.trigger_points]
    before = [tp for m in kb.muscles.values() if m.id not in NEW_MUSCLES for tp in m.trigger_points]
    assert len(before) == 67  # 59 before, and the 8 the reference adds
    assert len(points) == 98  # and the 31 of the 26 lower-body muscles of issue 24
    for tp in points:
        chart = tp.referral
        assert chart is not None or tp.no_referral, tp.id
        if chart is not None:
            assert chart.essential and chart.sources and chart.note, tp.id
            assert chart.status in STATUSES, tp.id
            assert not set(chart.essential) & set(chart.spillover), tp.id
            assert all(re.fullmatch(r"[SPQ][0-9]+", s) for s in chart.sources), tp.id


def test_every_cited_source_tag_is_listed_with_its_address() -> None:
    text = REGIONS.read_text(encoding="utf-8")
    header = text[: text.index("schema_version:")]
    cited = set(re.findall(r"\b[PQ][0-9]+\b", text[len(header) :]))
    assert cited
    for tag in cited:
        entry = re.search(rf"^#   {tag} +(.+)$", header, re.MULTILINE)
        assert entry, f"{tag} is cited but not listed in the file's header"
        block = header[entry.start() : entry.start() + 400]
        assert tag == "P1" or "http" in block, tag


def test_the_new_points_of_the_reference_are_charted(kb: Knowledge) -> None:
    new = {
        ("rectus_femoris", "low"),
        ("vastus_medialis", "mid"),
        ("vastus_lateralis", "distal_posterolateral"),
        ("vastus_lateralis", "mid_posterolateral"),
        ("sartorius", "middle"),
        ("quadratus_lumborum", "deep_caudal"),
        ("iliopsoas", "psoas_abdominal"),
        ("levator_ani", "coccygeus"),
    }
    for muscle, tp in new:
        assert point(kb, muscle, tp).referral is not None
    assert len(kb.muscles["vastus_lateralis"].trigger_points) == 5  # five areas, not three


def test_a_point_shows_its_own_pattern_not_the_muscles(kb: Knowledge) -> None:
    # gluteus minimus: the front fibres down the outer leg, the back fibres down the calf
    assert "leg_mid_lateral" in ess(kb, "gluteus_minimus", "anterior")
    assert not {a for a in ess(kb, "gluteus_minimus", "anterior") if group_of(a) == "calf"}
    assert "leg_mid_posterolateral" in ess(kb, "gluteus_minimus", "posterior")
    assert "leg_mid_lateral" not in ess(kb, "gluteus_minimus", "posterior")
    # soleus: the low point to the heel, the high point to the upper calf
    assert {"heel_plantar", "heel_posterior"} <= ess(kb, "soleus", "distal")
    assert "leg_proximal_posteromedial" in ess(kb, "soleus", "proximal")
    assert not {a for a in ess(kb, "soleus", "proximal") if group_of(a) == "heel"}
    # gastrocnemius: the instep from the medial head, the back of the knee from the high points
    assert ess(kb, "gastrocnemius", "medial_head") == {"arch_medial"}
    assert ess(kb, "gastrocnemius", "near_knee_medial") == {"knee_popliteal_medial"}
    assert ess(kb, "gastrocnemius", "near_knee_lateral") == {"knee_popliteal_lateral"}


def test_zones_and_labels_settled_as_the_reference_says(kb: Knowledge) -> None:
    # 10: flexor digitorum brevis refers to the ball of the foot, not the heel
    assert ess(kb, "flexor_digitorum_brevis", "arch") == {"ball_central"}
    assert "heel" not in kb.muscles["flexor_digitorum_brevis"].essential
    # 11: obturator internus's back-of-thigh zone is spillover
    assert {"anal", "perineum"} == ess(kb, "obturator_internus", "intrapelvic")
    assert {group_of(a) for a in spill(kb, "obturator_internus", "intrapelvic")} == {
        "posterior_thigh"
    }
    # 12: adductor magnus's pelvic zone is the essential zone of its upper point
    assert "perineum" in ess(kb, "adductor_magnus", "upper")
    assert "groin" in ess(kb, "adductor_magnus", "mid")
    # 14: quadratus lumborum's crest and trochanter are main zones of the superficial points
    assert ess(kb, "quadratus_lumborum", "superficial_cranial") == {"iliac_crest_lateral"}
    assert ess(kb, "quadratus_lumborum", "superficial_caudal") == {"trochanter"}
    assert ess(kb, "quadratus_lumborum", "deep") == {"sacroiliac"}
    assert ess(kb, "quadratus_lumborum", "deep_caudal") == {"buttock_lower"}
    # 17: soleus's mid-calf and sacroiliac zones are main zones of their own points
    assert ess(kb, "soleus", "rare_lateral") == {"sacroiliac"}
    # 18: the adductors' shin zone is spillover
    assert "leg_mid_anteromedial" in spill(kb, "adductor_longus_brevis", "longus_distal")
    # 22, 24, 25: a zone one source alone puts in the main zone is spillover
    assert "knee_medial" in spill(kb, "gracilis", "belly")
    assert "big_toe_dorsal" in spill(kb, "extensor_hallucis_longus", "belly")
    assert "leg_distal_lateral" in spill(kb, "fibularis_brevis", "lower")
    # 23: tibialis posterior's spillover reaches under the toes
    assert {"big_toe_plantar", "lesser_toes_plantar"} <= spill(kb, "tibialis_posterior", "belly")
    # 26: multifidus's two S1 versions are not merged: the tailbone only
    assert ess(kb, "multifidus", "s1") == {"coccyx"}


def test_what_rests_only_on_recollection_is_left_out(kb: Knowledge) -> None:
    medius = ess(kb, "gluteus_medius", "anterior") | spill(kb, "gluteus_medius", "anterior")
    assert not medius & {"iliac_crest_posterior", "iliac_crest_lateral", "sacrum_upper"}
    minimus = ess(kb, "gluteus_minimus", "posterior") | spill(kb, "gluteus_minimus", "posterior")
    assert not {a for a in minimus if group_of(a) == "posterior_knee"}
    levator = ess(kb, "levator_ani", "pelvic_floor") | spill(kb, "levator_ani", "pelvic_floor")
    assert not levator & {"anal", "sacrum_lower"}


@pytest.mark.parametrize(
    "muscle,tp,word",
    [
        ("semitendinosus_semimembranosus", "semitendinosus_lower", "[S38]"),
        ("iliopsoas", "iliacus", "[S52]"),
        ("gluteus_medius", "anterior", "left out"),
        ("gluteus_minimus", "posterior", "not charted"),
        ("flexor_digitorum_brevis", "arch", "[S36]"),
    ],
)
def test_notes_say_where_the_chart_departs_from_a_source(
    kb: Knowledge, muscle: str, tp: str, word: str
) -> None:
    chart = point(kb, muscle, tp).referral
    assert chart is not None and word in chart.note


def test_muscle_zones_are_the_union_of_the_points_charts(kb: Knowledge) -> None:
    for m in kb.muscles.values():
        fine = {a for tp in m.trigger_points if tp.referral for a in tp.referral.essential}
        assert set(m.essential_areas) == fine
        assert set(m.essential) == {group_of(a) for a in fine}
        assert not set(m.spillover) & set(m.essential)
