"""regions.yaml's checked ``needle_approaches`` records turned into the values of
approaches.py, and the checks that its ids name real muscles and trigger points."""

from __future__ import annotations

from collections.abc import Mapping

from tp_explorer.knowledge import schema
from tp_explorer.knowledge.approaches import NeedleApproach, Needling, PublishedDepth
from tp_explorer.knowledge.problems import Problem
from tp_explorer.knowledge.schema_approaches import PointNeedling
from tp_explorer.knowledge.schema_types import listing
from tp_explorer.knowledge.yaml_source import YamlDocument


def needling_of(points: Mapping[str, PointNeedling]) -> dict[str, Needling]:
    """Trigger point id -> its Needling, for one muscle."""
    return {tp: _needling(record) for tp, record in points.items()}


def _needling(r: PointNeedling) -> Needling:
    return Needling(
        tuple(
            NeedleApproach(a.position, a.entry, a.landmark, a.angle, a.cone_deg, a.sources)
            for a in r.approaches
        ),
        r.shortest_path or "",
        tuple(
            PublishedDepth(
                p.depth_mm,
                p.low_mm,
                p.high_mm,
                p.spread,
                p.population,
                p.method,
                p.posture,
                p.entry,
                p.measured,
                p.citation,
            )
            for p in r.published
        ),
    )


def approach_problems(file: schema.KnowledgeFile, doc: YamlDocument) -> list[Problem]:
    """A muscle or trigger point id in needle_approaches that the file does not have."""
    points = {m.id: tuple(t.id for t in m.trigger_points) for m in file.muscles}
    problems: list[Problem] = []
    for muscle, by_point in (file.needle_approaches or {}).items():
        if muscle not in points:
            problems.append(
                doc.problem(
                    ("needle_approaches", muscle),
                    "unknown muscle in needle_approaches",
                    "a muscle id (tp-explorer list muscles)",
                    muscle,
                )
            )
            continue
        for tp in by_point:
            if tp not in points[muscle]:
                problems.append(
                    doc.problem(
                        ("needle_approaches", muscle, tp),
                        f"unknown trigger point of muscle '{muscle}'",
                        listing(points[muscle]),
                        tp,
                    )
                )
    return problems
