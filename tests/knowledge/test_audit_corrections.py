"""The knowledge audit's corrections (issue 16): one test per fix, each failing on the old file."""

from __future__ import annotations

from tp_explorer.knowledge import Knowledge


def _link(kb: Knowledge, site: str, muscle: str):
    return next(lk for lk in kb.chain_for(site) if lk.muscle.id == muscle)


def test_trochanteric_pain_is_not_an_it_band_synonym(kb: Knowledge) -> None:
    itbs = next(c for c in kb.sites["hip"].conditions if c.id == "it_band_syndrome")
    assert not any("trochanter" in s.lower() for s in itbs.synonyms)
    assert any(
        "greater trochanteric pain syndrome" in c
        for c in kb.muscles["tensor_fasciae_latae"].complaints
    )


def test_iliopsoas_paints_the_sacrum_and_the_deep_inner_thigh(kb: Knowledge) -> None:
    m = kb.muscles["iliopsoas"]
    assert "sacrum_coccyx" in m.essential
    assert "medial_thigh" in m.spillover and "buttock" in m.spillover


def test_multifidus_l1_refers_to_the_upper_not_the_lower_abdomen(kb: Knowledge) -> None:
    m = kb.muscles["multifidus"]
    assert "upper_abdomen" in m.spillover
    assert "lower_abdomen" not in (*m.essential, *m.spillover)


def test_fibularis_longus_paints_the_outer_foot_like_brevis(kb: Knowledge) -> None:
    longus, brevis = kb.muscles["fibularis_longus"], kb.muscles["fibularis_brevis"]
    assert "dorsal_foot" in longus.essential and "dorsal_foot" in brevis.essential
    assert "lateral_ankle" in longus.essential and "lateral_ankle" in brevis.essential


def test_gluteus_maximus_spillover_is_kept_but_not_labelled_on_a_flashcard_source(
    kb: Knowledge,
) -> None:
    """Issue 25: the only source labelling TrP1's spillover is student flashcards [S28]."""
    m = kb.muscles["gluteus_maximus"]
    assert not m.zones_labelled and m.spillover == ("posterior_thigh",)
    assert "flashcards" in m.trigger_point("trp1_sacral").referral.note


def test_knee_biceps_femoris_30_percent_is_the_hamstrings_as_a_group(kb: Knowledge) -> None:
    reason = _link(kb, "knee", "biceps_femoris").reason
    assert "30 %" in reason and "hamstrings as a group" in reason
    assert any("hamstrings as a group" in c for c in kb.muscles["biceps_femoris"].complaints)


def test_gastrocnemius_near_knee_trigger_point_in_both_heads(kb: Knowledge) -> None:
    near = [tp for tp in kb.muscles["gastrocnemius"].trigger_points if tp.along <= 0.2]
    assert {tp.mesh for tp in near} == {"gastrocnemius_medial", "gastrocnemius_lateral"}


def test_gastrocnemius_precautions_name_the_common_fibular_nerve(kb: Knowledge) -> None:
    text = " ".join(kb.muscles["gastrocnemius"].precautions)
    assert "common fibular nerve" in text and "lateral head" in text


def test_gluteus_minimus_precautions_name_the_sciatic_notch(kb: Knowledge) -> None:
    text = " ".join(kb.muscles["gluteus_minimus"].precautions)
    assert "sciatic nerve" in text and "greater sciatic notch" in text


def test_biceps_femoris_sciatic_nerve_deep_in_mid_thigh_medial_only_lower(kb: Knowledge) -> None:
    text = " ".join(kb.muscles["biceps_femoris"].precautions)
    assert "deep to the long head" in text and "only lower down" in text


def test_ankle_chain_has_the_muscles_the_fact_table_refers_there(kb: Knowledge) -> None:
    roles = {lk.muscle.id: (lk.role, lk.basis) for lk in kb.chain_for("ankle_foot")}
    for muscle in ("gluteus_minimus", "adductor_longus_brevis", "semitendinosus_semimembranosus"):
        assert roles[muscle] == ("regional", "referral"), muscle
        assert "ankle" in " ".join(
            (*kb.muscles[muscle].essential, *kb.muscles[muscle].spillover)
        ) or "achilles" in (*kb.muscles[muscle].essential, *kb.muscles[muscle].spillover)


def test_pelvis_chain_has_gracilis_with_the_adductors(kb: Knowledge) -> None:
    link = _link(kb, "pelvis", "gracilis")
    assert link.role == "regional" and link.basis == "article_claim"
    assert "adductor" in link.reason


def test_unverified_needled_in_study_is_flagged_on_the_link(kb: Knowledge) -> None:
    assert kb.studies["cotchett_2014"].needled_unverified
    link = _link(kb, "ankle_foot", "quadratus_plantae")
    assert [s.id for s in link.unverified_studies] == ["cotchett_2014"]
    assert not _link(kb, "pelvis", "obturator_internus").unverified_studies


def test_referral_reasons_read_as_what_the_literature_describes(kb: Knowledge) -> None:
    for site in kb.sites.values():
        for link in site.chain:
            if link.basis == "referral":
                assert "described as" in link.reason.lower(), (site.id, link.muscle.id)
            assert not link.reason.startswith("Refers"), (site.id, link.muscle.id)


def test_studies_have_a_plain_design_without_jargon(kb: Knowledge) -> None:
    for study in kb.studies.values():
        plain = study.plain_design.lower()
        for jargon in ("nct", "sham", "grade", "randomised", "meta-analysis", "cebm"):
            assert jargon not in plain, (study.id, jargon)
    assert "rabbits" in kb.studies["hsieh_2011"].plain_design


def test_hip_states_its_study_was_on_another_condition(kb: Knowledge) -> None:
    assert "knee osteoarthritis" in (kb.sites["hip"].study_scope or "")
