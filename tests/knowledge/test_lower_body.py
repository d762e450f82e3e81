"""The lower-body muscles of the manual (issue 24): each of the 26 muscles the reference's Part 2
adds is in the shipped file with its chapter, its points charted or a reason given, findable by
search, in a pain site's chain only where a source or the article supports it, and with the
precautions its risky points need. What the reference rests on recollection alone is left out."""

from __future__ import annotations

import json
import re

import pytest

from tp_explorer.anatomy import Anatomy
from tp_explorer.cli import main
from tp_explorer.knowledge import Knowledge
from tp_explorer.knowledge.chapters import CHAPTERS, V1_CHAPTERS
from tp_explorer.knowledge.skin_areas import group_of

from .conftest import NEW_MUSCLES, REGIONS


def areas(kb: Knowledge, muscle: str) -> set[str]:
    """Every fine area any of the muscle's points charts, in either zone."""
    return {a for chart in kb.muscles[muscle].charts for a in chart.areas}


@pytest.mark.parametrize("muscle,chapter", sorted(NEW_MUSCLES.items()))
def test_each_new_muscle_is_there_with_its_chapter_and_charted_points(
    kb: Knowledge, muscle: str, chapter: str
) -> None:
    m = kb.muscles[muscle]
    assert m.chapter == chapter
    assert m.trigger_points and m.complaints and m.precautions and m.sources
    for tp in m.trigger_points:
        assert tp.mesh in m.meshes and 0 <= tp.along <= 1
        assert tp.referral is not None or tp.no_referral, tp.id  # a chart or a reason
        assert not (tp.referral is not None and tp.no_referral), tp.id  # never both
        if tp.referral is not None:
            assert tp.referral.essential and tp.referral.sources and tp.referral.note


def test_every_muscle_has_a_chapter_and_the_older_ones_kept_theirs(kb: Knowledge) -> None:
    assert len(kb.muscles) == 61
    assert all(m.chapter in CHAPTERS and m.chapter != "Other" for m in kb.muscles.values())
    old = {mid: m.chapter for mid, m in kb.muscles.items() if mid not in NEW_MUSCLES}
    assert old == V1_CHAPTERS
    groups = kb.muscles_by_chapter()
    assert [c for c, _ in groups] == [c for c in CHAPTERS if c != "Other"]
    assert sum(len(ms) for _, ms in groups) == 61
    assert {c: len(ms) for c, ms in groups}["Foot intrinsics"] == 11


def test_list_muscles_json_gives_each_muscles_chapter_and_its_count(capsys) -> None:
    assert main(["list", "muscles", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and len(data) >= 60
    counts: dict[str, int] = {}
    for muscle in data:
        assert muscle["chapter"] in CHAPTERS and muscle["trigger_points"]
        counts[muscle["chapter"]] = counts.get(muscle["chapter"], 0) + 1
        assert all(t["referral"] or t["no_referral"] for t in muscle["trigger_points"])
    assert all(m["chapter_count"] == counts[m["chapter"]] for m in data)
    assert sum(counts.values()) == len(data)


def test_list_muscles_text_is_grouped_by_chapter_with_counts(capsys) -> None:
    assert main(["list", "muscles"]) == 0
    lines = capsys.readouterr().out.splitlines()
    headings = [line for line in lines if not line.startswith(" ")]
    assert headings[0] == "Foot intrinsics (11 muscles):"
    assert "Pelvic floor (6 muscles):" in headings and "Abdominal wall (5 muscles):" in headings
    assert headings[-1] == "61 muscles in 8 chapters"
    first = lines.index("Abdominal wall (5 muscles):")
    assert [line.split()[0] for line in lines[first + 1 : first + 6]] == [
        "rectus_abdominis", "external_oblique", "internal_oblique", "transversus_abdominis",
        "pyramidalis",
    ]  # fmt: skip


def test_search_finds_every_new_muscle_by_name_and_synonym(kb: Knowledge) -> None:
    for muscle in NEW_MUSCLES:
        m = kb.muscles[muscle]
        for words in (m.name, *m.synonyms):
            hits = kb.search(words, limit=40)
            assert muscle in [h.id for h in hits if h.kind == "muscle"], (muscle, words)
        assert kb.search(m.name, limit=1)[0].id == muscle, m.name


def test_rotatores_is_its_own_muscle_not_a_synonym_of_multifidus(kb: Knowledge) -> None:
    assert "rotatores" not in kb.muscles["multifidus"].synonyms
    assert kb.search("rotatores", limit=1)[0].id == "rotatores"


def test_chain_additions_carry_a_reason_and_the_basis_their_sources_give(kb: Knowledge) -> None:
    added = 0
    for site in kb.sites.values():
        site_areas = set(site.areas)
        for link in site.chain:
            if link.muscle.id not in NEW_MUSCLES:
                continue
            added += 1
            assert link.reason and link.basis in ("referral", "article_claim"), link.muscle.id
            charted = {group_of(a) for a in areas(kb, link.muscle.id)}
            if link.basis == "referral":  # a charted zone of this muscle lies in the site
                assert charted & site_areas, (site.id, link.muscle.id)
            else:  # the article names its group for the pelvis: pelvic floor, lumbar, foot
                assert site.id == "pelvis", link.muscle.id
                assert link.muscle.chapter in (
                    "Pelvic floor",
                    "Lumbar paraspinal",
                    "Foot intrinsics",
                )
                assert "article names" in link.reason
    assert added == 38


def test_muscles_without_a_pattern_are_in_no_chain_by_referral(kb: Knowledge) -> None:
    uncharted = [mid for mid in NEW_MUSCLES if not kb.muscles[mid].charts]
    assert sorted(uncharted) == [
        "flexor_digiti_minimi_brevis", "gemellus_inferior", "gemellus_superior", "lumbricals",
        "transverse_perineal",
    ]  # fmt: skip
    for site in kb.sites.values():
        for link in site.chain:
            assert link.muscle.id not in uncharted or link.basis == "article_claim"
    for mid in ("gemellus_superior", "gemellus_inferior"):
        assert all(mid not in [ln.muscle.id for ln in s.chain] for s in kb.sites.values())
        assert "short rotators" in kb.muscles[mid].zone_note


@pytest.mark.parametrize(
    "muscle,words",
    [
        ("pectineus", ("femoral vessels and nerve",)),
        ("obturator_externus", ("femoral vessels and nerve", "obturator nerve")),
        ("popliteus", ("popliteal artery and vein", "tibial nerve", "common fibular nerve")),
        ("plantaris", ("tibial nerve", "common fibular nerve")),
        ("gemellus_superior", ("sciatic nerve", "pudendal nerve")),
        ("gemellus_inferior", ("sciatic nerve",)),
        ("quadratus_femoris", ("sciatic nerve",)),
        ("rectus_abdominis", ("peritoneum", "abdominal cavity", "epigastric vessels", "bladder")),
        ("external_oblique", ("abdominal cavity", "pleura")),
        ("internal_oblique", ("abdominal cavity",)),
        ("transversus_abdominis", ("peritoneum", "abdominal cavity")),
        ("pyramidalis", ("bladder", "peritoneum")),
        ("bulbospongiosus", ("pelvic-health training", "pudendal nerve", "urethra")),
        ("ischiocavernosus", ("pelvic-health training", "pudendal nerve")),
        ("transverse_perineal", ("pelvic-health training", "pudendal nerve")),
        ("external_anal_sphincter", ("chaperone", "pudendal nerve")),
        ("rotatores", ("spinal canal", "kidney")),
        ("fibularis_tertius", ("deep fibular nerve", "anterior tibial artery")),
        ("extensor_hallucis_brevis", ("dorsalis pedis artery", "deep fibular nerve")),
    ],
)
def test_risky_points_have_their_precautions(kb: Knowledge, muscle: str, words) -> None:
    text = " ".join(kb.muscles[muscle].precautions)
    for word in words:
        assert word in text, (muscle, word)


def test_what_rests_on_recollection_or_uncounted_pages_is_left_out(kb: Knowledge) -> None:
    # the upper points of internal oblique and transversus are recollection only
    assert [tp.id for tp in kb.muscles["internal_oblique"].trigger_points] == ["lower"]
    assert [tp.id for tp in kb.muscles["transversus_abdominis"].trigger_points] == ["lower_lateral"]
    # the inner knee of pectineus and the coccyx of the anal sphincter come from uncounted pages
    assert not {a for a in areas(kb, "pectineus") if group_of(a) in ("medial_knee",)}
    assert areas(kb, "external_anal_sphincter") == {"anal"}
    # the conflicting outer-ankle pattern of abductor digiti minimi is not charted
    assert areas(kb, "abductor_digiti_minimi") == {"ball_lateral"}
    # plantaris reaches the big toe in spillover only, and the ankle chain leaves it out
    plantaris = kb.muscles["plantaris"]
    assert "big_toe" in plantaris.spillover and "big_toe" not in plantaris.essential
    assert "plantaris" not in [ln.muscle.id for ln in kb.chain_for("ankle_foot")]
    # the knee of quadratus femoris (one source, no side) is spillover, not in the knee chain
    assert "anterior_knee" in kb.muscles["quadratus_femoris"].spillover
    assert "quadratus_femoris" not in [ln.muscle.id for ln in kb.chain_for("knee")]


def test_both_sided_bands_are_said_in_the_notes(kb: Knowledge) -> None:
    rectus = kb.muscles["rectus_abdominis"]
    for point in ("upper", "lower"):
        chart = rectus.trigger_point(point).referral
        assert chart is not None and "both sides" in chart.note


def test_sources_named_twice_are_cited_by_their_s_tag() -> None:
    text = REGIONS.read_text(encoding="utf-8")
    body = text[text.index("schema_version:") :]
    for q, s in (("Q32", "S28"), ("Q35", "S100"), ("Q53", "S81"), ("Q72", "S90")):
        assert not re.search(rf"\b{q}\b", body), q
        assert re.search(rf"\b{s}\b", body), s
    assert "bilateral" not in body


def test_soleus_names_the_nerve_the_atlas_finds_by_its_high_point(kb: Knowledge) -> None:
    text = " ".join(kb.muscles["soleus"].precautions)
    assert "common fibular nerve" in text and "head of the fibula" in text


def test_on_the_atlas_every_new_point_is_drawn_and_no_near_nerve_goes_unnamed(
    kb: Knowledge, atlas: Anatomy
) -> None:
    """What `tp-explorer check` warns about on the detailed anatomy: a modelled nerve within the
    caution margin of a needle path that the muscle's precautions do not name."""
    from tp_explorer.anatomy.depth import DepthMeter
    from tp_explorer.state.needle import precaution_gaps

    for muscle in NEW_MUSCLES:
        assert all(tp.mesh in atlas.muscles for tp in kb.muscles[muscle].trigger_points), muscle
    assert [gap.message() for gap in precaution_gaps(kb, DepthMeter(atlas))] == []
