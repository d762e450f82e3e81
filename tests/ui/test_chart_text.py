"""A trigger point's chart in plain words (no window): names, zones, how sure, ranked lines."""

from __future__ import annotations

import pytest

from tp_explorer.knowledge.skin_areas import FINE_AREAS, fine_area
from tp_explorer.knowledge.vocabulary import BODY_AREAS
from tp_explorer.ui.chart_text import (
    STATUS_WORDS,
    areas_words,
    point_name,
    point_title,
    referring_line,
    sources_words,
    status_words,
    zone_lines,
)
from tp_explorer.ui.handout_points import DETAILS, GROUP_WORDS, points_text


@pytest.mark.parametrize(
    ("ident", "name"),
    [
        ("near_knee_medial", "Near knee medial"),
        ("trp1_sacral", "TrP1 sacral"),
        ("l1", "L1"),
        ("s4", "S4"),
        ("upper_third", "Upper third"),
    ],
)
def test_point_names_keep_codes_upright(ident, name) -> None:
    assert point_name(ident) == name


def test_point_title_names_muscle_and_point(knowledge) -> None:
    soleus = knowledge.muscles["soleus"]
    assert point_title(soleus, "distal") == "Soleus — distal point"
    assert point_title(knowledge.muscles["multifidus"], "l1") == "Multifidus — L1 point"


def test_areas_words_run_levels_and_halves_together() -> None:
    thirds = ("thigh_proximal_lateral", "thigh_mid_lateral", "thigh_distal_lateral")
    assert areas_words(thirds) == "outer side of the thigh, its whole length"
    assert areas_words(thirds[:2]) == "outer side of the thigh, upper and middle thirds"
    assert areas_words(("knee_popliteal_medial", "knee_popliteal_lateral")) == "back of the knee"
    assert areas_words(("knee_popliteal_medial",)) == "back of the knee, inner half"
    calf = ("leg_proximal_posteromedial", "leg_proximal_posterolateral")
    assert areas_words(calf) == "the calf, upper third"
    assert areas_words(("heel_posterior", "achilles")) == (
        "back of the heel; back of the ankle, over the Achilles tendon"
    )
    assert "(" not in areas_words(("arch_medial",), short=True)
    assert "(the instep)" in areas_words(("arch_medial",))


def test_every_fine_area_has_words() -> None:
    for area in FINE_AREAS:
        assert areas_words((area.id,)), area.id


def test_a_chart_reads_in_plain_words(knowledge) -> None:
    chart = knowledge.muscles["soleus"].trigger_point("distal").referral
    essential, spillover = zone_lines(chart)
    assert essential.startswith("Essential: back of the heel; underside of the heel")
    assert spillover.startswith("Spillover: inner arch of the sole")
    assert status_words(chart) == STATUS_WORDS["confirmed"]
    assert sources_words(chart) == "Sources (5): S8, S11, S12, P4, P5."
    labelled = knowledge.muscles["biceps_femoris"].trigger_points[0].referral
    assert labelled.labelled and "A source labels these zones" in status_words(labelled)


def test_ranked_lines_name_zone_and_sources(knowledge) -> None:
    hits = knowledge.points_referring_to("heel_plantar", exact=True)
    assert referring_line(hits[0]) == "Soleus — distal point (essential zone, 5 sources)"
    spill = next(h for h in hits if h.zone == "spillover")
    assert "(spillover zone, " in referring_line(spill)


def test_group_words_cover_every_body_area() -> None:
    assert set(GROUP_WORDS) == set(BODY_AREAS)


def test_points_text_at_each_detail(knowledge) -> None:
    soleus = knowledge.muscles["soleus"]
    full, main, brief = (points_text(soleus, detail) for detail in DETAILS)
    assert full.startswith("Distal point: back of the heel; underside of the heel")
    assert "(spillover: inner arch of the sole" in full and "spillover" not in main
    assert brief.startswith("Distal point: heel, Achilles tendon.")
    piriformis = points_text(knowledge.muscles["piriformis"], "main")
    assert piriformis.startswith("Lateral and medial points: ")  # one chart, named together
    for group in {fine_area(a).group for a in soleus.essential_areas}:
        assert GROUP_WORDS[group] in points_text(soleus, "brief")
    with pytest.raises(ValueError, match="detail"):
        points_text(soleus, "everything")
