"""Issue 25 in the window and the patient texts: the patient precautions on every site card and
in presentation mode (after the red flags, before anything about treatment), the search's
warning signs, and patient wording that does not state a debated model as fact."""

from __future__ import annotations

import pytest

from tp_explorer.ui.patient_text import (
    EVIDENCE_WORDS,
    PRECAUTION_HEADING,
    RED_FLAG_HEADING,
    RED_FLAG_INTRO,
    TRIGGER_POINT_TEXT,
    chain_text,
    needled_note,
)
from tp_explorer.ui.presentation import presentation_text

SITES = ("ankle_foot", "lower_leg", "knee", "hip", "pelvis", "lower_back")


@pytest.mark.parametrize("site", SITES)
def test_every_card_shows_the_precautions_after_the_red_flags(window, knowledge, site):
    window.controller.select_site(site)
    text = window.details_panel.text()
    flags, precautions = text.index(RED_FLAG_HEADING), text.index(PRECAUTION_HEADING)
    assert flags < precautions < text.index("Local muscles") < text.index("The study behind it")
    for precaution in knowledge.precautions_for(site):
        assert precaution.sign in text and precaution.source in text, precaution.id
    assert ("chaperone" in text) == (site == "pelvis")


@pytest.mark.parametrize("site", SITES)
def test_presentation_text_has_the_precautions_before_the_explanation(knowledge, site):
    text = presentation_text(knowledge, site)
    explanation = knowledge.sites[site].explanation
    assert text.index(RED_FLAG_HEADING) < text.index(PRECAUTION_HEADING) < text.index(explanation)
    assert "pacemaker" in text and "blood" in text and "pregnant" in text


def test_the_presentation_panel_shows_them(window):
    window.controller.select_site("pelvis")
    pm = window.features.presentation
    pm.enter()
    try:
        shown = pm.text.text()
        assert PRECAUTION_HEADING in shown and "chaperone" in shown
    finally:
        pm.leave()


def test_search_results_name_warning_signs_and_open_their_site(window):
    panel = window.sites_panel
    panel.search.setText("broken ankle")
    texts = panel.result_texts()
    assert texts[0].startswith("Broken ankle: check the warning signs first (Ankle and foot)")
    assert texts[0].endswith("(Warning sign)")
    panel.results.setCurrentRow(0)
    panel.results.itemActivated.emit(panel.results.item(0))
    assert window.controller.state.selection.site == "ankle_foot"


def test_patient_words_do_not_state_the_model_as_fact(knowledge):
    assert "A trigger point is" not in TRIGGER_POINT_TEXT
    assert "needs treatment" not in TRIGGER_POINT_TEXT and "model" in TRIGGER_POINT_TEXT
    for site in knowledge.sites.values():
        assert not site.explanation.startswith("A trigger point is"), site.id
        assert " refer pain" not in site.explanation, site.id  # "are described as sending"
    assert "compensate" not in knowledge.sites["pelvis"].explanation
    assert "strongest" not in EVIDENCE_WORDS["1"] and "can still have flaws" in EVIDENCE_WORDS["1"]
    assert "emergencies" in RED_FLAG_INTRO and '"now"' in RED_FLAG_INTRO


def test_a_painted_zone_is_never_called_no_referral(knowledge):
    """Biceps femoris (lower leg) and gluteus maximus (hip) have zones painted there."""
    for site, muscle in (("lower_leg", "biceps_femoris"), ("hip", "gluteus_maximus")):
        link = next(lk for lk in knowledge.chain_for(site) if lk.muscle.id == muscle)
        assert link.basis == "referral"
        words = chain_text(knowledge.chain_for(site))
        suggested = words.partition("suggested by the clinic's article")[0].rpartition(".")[2]
        assert link.muscle.name not in suggested, site


def test_an_animal_study_says_so_where_it_is_named(knowledge):
    link = next(lk for lk in knowledge.chain_for("lower_leg") if lk.muscle.id == "gastrocnemius")
    assert "rabbits, not in people" in needled_note(link)


def test_the_handout_citation_drops_what_was_not_confirmed(knowledge):
    from tp_explorer.ui.handout_content import handout_content

    content = handout_content(knowledge, "pelvis")
    assert "unverified" not in content.citation and "not confirmed" not in content.citation
    assert "2018;issue 1:8–16" in content.citation and ";42" not in content.citation
    assert len(content.precautions) == len(knowledge.precautions_for("pelvis"))
    assert all("(Source: " in line for line in content.precautions)
