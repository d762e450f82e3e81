"""Every trigger point names its taught needle approach with sources, or says why it has none;
published depths stand beside an approach; the section's ids are checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tp_explorer.knowledge import KnowledgeError, load_knowledge
from tp_explorer.knowledge.approaches import ENTRY_SIDES, METHODS, POSITIONS


def test_every_trigger_point_has_an_approach_or_a_labelled_fallback(knowledge: Any) -> None:
    count = 0
    for muscle in knowledge.muscles.values():
        for tp in muscle.trigger_points:
            n = tp.needling
            where = f"{muscle.id}.{tp.id}"
            assert bool(n.approaches) != bool(n.shortest_path), where
            if not n.approaches:
                assert "shortest" in n.shortest_path, where
            for a in n.approaches:
                assert a.sources and all(s.strip() for s in a.sources), where
                assert a.entry in ENTRY_SIDES and a.position in (*POSITIONS, None), where
                assert 0 < a.cone_deg <= 45, where
            for p in n.published:
                assert p.entry in {a.entry for a in n.approaches}, where
                assert p.method in METHODS and p.citation and p.population, where
            count += 1
    assert count == 98


def test_piriformis_and_tibialis_posterior_carry_the_published_depths(knowledge: Any) -> None:
    (lateral, medial) = knowledge.muscles["piriformis"].trigger_points
    assert lateral.needling.approaches[0].position == "prone"
    assert lateral.needling.approaches[0].entry == "posterior"
    centre = [p for p in medial.needling.published if "centre" in p.measured]
    assert centre and centre[0].depth_mm == 63 and centre[0].method == "CT"
    assert (centre[0].low_mm, centre[0].high_mm) == (47, 79)
    (belly,) = knowledge.muscles["tibialis_posterior"].trigger_points
    medial_way = belly.needling.published_for("medial")
    assert any(p.depth_mm == pytest.approx(23.1) for p in medial_way)
    published = sum(
        len(tp.needling.published) for m in knowledge.muscles.values() for tp in m.trigger_points
    )
    assert published >= 6


def _edited(knowledge: Any, tmp_path: Path, old: str, new: str) -> Path:
    text = knowledge.source.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "regions.yaml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    return bad


def test_an_unknown_trigger_point_or_both_kinds_of_entry_are_refused(
    knowledge: Any, tmp_path: Path
) -> None:
    bad = _edited(
        knowledge, tmp_path, "  piriformis:\n    lateral:", "  piriformis:\n    lateralx:"
    )
    with pytest.raises(KnowledgeError, match="unknown trigger point of muscle 'piriformis'"):
        load_knowledge(bad)
    both = _edited(
        knowledge,
        tmp_path,
        "  piriformis:\n    lateral:\n      approaches:",
        "  piriformis:\n    lateral:\n      shortest_path: none\n      approaches:",
    )
    with pytest.raises(KnowledgeError, match="exactly one of them"):
        load_knowledge(both)
