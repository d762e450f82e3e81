"""An older knowledge file (schema version 1: one pattern per muscle on the 29 coarse areas) is
still read: every trigger point gets the muscle's pattern as its own chart, on fine areas."""

from __future__ import annotations

import yaml

from tp_explorer.knowledge import load_knowledge
from tp_explorer.knowledge.chapters import OTHER, V1_CHAPTERS, v1_chapter
from tp_explorer.knowledge.migrate import OLDER_FILE_NOTE, fine_areas, source_tags
from tp_explorer.knowledge.skin_areas import areas_in_group

from .conftest import MINIMAL


def test_each_point_shows_its_muscles_whole_pattern() -> None:
    old = load_knowledge(MINIMAL)
    raw = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    for record in raw["muscles"]:
        muscle = old.muscles[record["id"]]
        pattern = record["referral"]
        assert set(muscle.essential) == set(pattern["essential"])
        assert set(muscle.spillover) == set(pattern["spillover"])
        assert muscle.zones_labelled == pattern["labelled"]
        assert muscle.zone_note == pattern["note"]
        for tp in muscle.trigger_points:
            chart = tp.referral
            assert chart is not None and chart.note == OLDER_FILE_NOTE
            assert chart.essential == fine_areas(tuple(pattern["essential"]))
            assert chart.spillover == fine_areas(tuple(pattern["spillover"]))
            assert chart.status is None and chart.sources == source_tags(record["sources"])
    assert old.points_referring_to("heel")[0].muscle.id == "soleus"


def test_coarse_areas_become_all_their_fine_areas_and_tags_the_sources() -> None:
    assert fine_areas(("heel", "achilles")) == (*areas_in_group("heel"), "achilles")
    assert fine_areas(("sacrum_coccyx",)) == ("sacrum_upper", "sacrum_lower", "coccyx")
    assert source_tags("[S8][S9][S8]; Travell & Simons via secondary sources") == ("S8", "S9")
    assert source_tags("Travell & Simons 1992") == ("Travell & Simons 1992",)


def test_a_version_1_muscle_gets_the_shipped_chapter_or_other() -> None:
    old = load_knowledge(MINIMAL)
    assert {m.chapter for m in old.muscles.values()} == {"Leg"}  # soleus and gastrocnemius
    assert v1_chapter("piriformis") == "Hip" and v1_chapter("levator_ani") == "Pelvic floor"
    assert v1_chapter("deltoid") == OTHER
    assert len(V1_CHAPTERS) == 35
