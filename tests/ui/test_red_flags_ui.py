"""Red flags come first, and patient wording follows the evidence: card, presentation, handout."""

from __future__ import annotations

import unicodedata

import pytest
from pypdf import PdfReader

from tp_explorer.ui.patient_text import RED_FLAG_HEADING, chain_text


def _flat(text: str) -> str:
    """Whitespace collapsed and ligatures the PDF font uses (fi, ff) unfolded."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_card_shows_red_flags_first_above_the_chain(window, knowledge):
    window.controller.select_site("lower_back")
    text = window.details_panel.text()
    flags = knowledge.red_flags_for("lower_back")
    assert flags[0].id == "cauda_equina"
    heading = text.index(RED_FLAG_HEADING)
    assert heading < text.index("Local muscles") < text.index("The study behind it")
    assert heading < text.index(flags[0].sign) < text.index("Local muscles")
    assert flags[0].source in text  # the professional view names the guideline


def test_card_says_when_a_needled_in_study_is_unverified(window):
    window.controller.select_site("ankle_foot")
    text = window.details_panel.text()
    line = next(x for x in text.splitlines() if x.startswith("Soleus"))
    assert "which muscles that study needled is not verified" in line


def test_presentation_shows_red_flags_first(window, knowledge):
    window.controller.select_site("lower_leg")
    pm = window.features.presentation
    pm.enter()
    try:
        text = pm.text.text()
        assert text.startswith(RED_FLAG_HEADING)
        first = knowledge.red_flags_for("lower_leg")[0]
        assert first.id == "acute_compartment_syndrome"
        assert text.index(first.sign) < text.index(knowledge.sites["lower_leg"].explanation[:40])
        assert "NCT" not in text and "sham" not in text.lower()
    finally:
        pm.leave()


def test_patient_chain_wording_follows_each_links_basis(knowledge):
    text = chain_text(knowledge.chain_for("pelvis"))
    sentences = text.split(". ")
    referral = next(x for x in sentences if "described in the literature" in x)
    movement = next(x for x in sentences if "suggested by the clinic's article" in x)
    assert "Adductor magnus" in referral  # a described referral to the pelvis
    assert "Gastrocnemius" not in referral and "Gastrocnemius" in movement
    assert "no pain spreading from them" in text
    assert "send pain along the chain" not in text


@pytest.fixture(scope="module")
def handouts(window, tmp_path_factory):
    from tp_explorer.ui.handout import write_window_handout

    out = {}
    folder = tmp_path_factory.mktemp("handouts")
    for site in ("pelvis", "hip", "lower_leg"):
        window.controller.select_site(site)
        window.controller.set_side("both")
        path = folder / f"{site}.pdf"
        write_window_handout(window, path)
        out[site] = [_flat(p.extract_text()) for p in PdfReader(path).pages]
    return out


def test_handout_red_flags_come_first_on_page_one(handouts, knowledge):
    first = handouts["pelvis"][0]
    whole = " ".join(handouts["pelvis"])
    assert first.index(RED_FLAG_HEADING) < first.index("Anterior")
    assert whole.index("Anterior") < whole.index("Muscles in this chain")
    for flag in knowledge.red_flags_for("pelvis"):
        assert _flat(flag.sign) in first, flag.id


def test_handout_states_the_other_condition_before_evidence_words(handouts):
    second = " ".join(handouts["hip"][1:])  # after page 1 (issue 25: it may run on)
    assert second.index("knee osteoarthritis, not in people with hip pain") < second.index(
        "How strong"
    )
    whole = " ".join(handouts["hip"])
    assert "NCT0" not in whole and "sham" not in whole.lower() and "GRADE" not in whole


def test_handout_words_compensation_links_as_an_idea(handouts):
    second = " ".join(handouts["pelvis"][1:])  # after page 1 (issue 25: it may run on)
    assert "send pain along the chain" not in second
    assert "no pain spreading from them to this area has been described" in second
    assert "Gastrocnemius (further along the chain; suggested for how you move" in " ".join(
        handouts["pelvis"]
    )
