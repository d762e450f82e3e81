"""The ``depth`` command's words and JSON for needle readings (state.approach.NeedleReading).

Every number is "in this model"; the margins are the clinic's, not published thresholds.
JSON shape: docs/cli-json.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tp_explorer.anatomy.approach import Layer
    from tp_explorer.anatomy.depth import NeedlePath
    from tp_explorer.state.approach import NeedleReading

MARGIN_WORDS = "closer than the clinic margin (a clinic choice, not a published threshold)"


def mm(x: float) -> float:
    return round(x * 1000.0, 1)


def path_json(path: NeedlePath) -> dict[str, object]:
    return {
        "trigger_point": path.trigger_point,
        "side": path.side,
        "skin_depth_mm": mm(path.depth_m),
        "entry": [mm(x) for x in path.entry],
        "target": [mm(x) for x in path.target],
        "direction": [round(x, 3) for x in path.direction],
        "crosses_bone": path.crosses_bone,
        "near": [
            {
                "structure": s.structure,
                "label": s.label,
                "kind": s.kind,
                "distance_mm": mm(s.distance_m),
                "path_distance_mm": mm(s.path_distance_m),
            }
            for s in path.near
        ],
    }


def layer_json(layer: Layer) -> dict[str, object]:
    return {
        "muscle": layer.mesh,
        "side": layer.side,
        "from_mm": mm(layer.start_m),
        "to_mm": mm(layer.end_m),
        "thickness_mm": mm(layer.thickness_m),
    }


def reading_json(r: NeedleReading) -> dict[str, object]:
    """The measured path's keys (as before), then how it was measured, the layers, the
    shortest path and the published depths beside it."""
    out = path_json(r.path)
    a = r.approach
    out["measured_along"] = "approach" if a is not None else "shortest"
    out["approach"] = (
        None
        if a is None
        else {
            "position": a.position,
            "entry_side": a.entry,
            "landmark": a.landmark,
            "angle": a.angle,
            "cone_deg": a.cone_deg,
            "off_axis_deg": round(r.off_axis_deg, 1),
            "sources": list(a.sources),
        }
    )
    out["shortest_path_reason"] = r.fallback or None
    out["layers"] = [layer_json(layer) for layer in r.layers]
    shortest = path_json(r.shortest)
    out["shortest"] = {k: v for k, v in shortest.items() if k not in ("trigger_point", "side")}
    out["published"] = [
        {
            "depth_mm": p.depth_mm,
            "low_mm": p.low_mm,
            "high_mm": p.high_mm,
            "spread": p.spread,
            "population": p.population,
            "method": p.method,
            "posture": p.posture,
            "measured": p.measured,
            "citation": p.citation,
            "model_to_published": round(r.path.depth_m * 1000.0 / p.depth_mm, 2),
        }
        for p in r.published
    ]
    return out


def layer_words(r: NeedleReading) -> str:
    """ "skin and fat 0–21 mm; Gluteus maximus 21–37 mm; Piriformis 68–71 mm"."""
    from tp_explorer.state.approach import mesh_label

    if not r.layers:
        return "no muscle of the model lies on this path"
    parts = [f"skin and fat 0–{r.layers[0].start_m * 1000:.0f} mm"]
    parts += [
        f"{mesh_label(layer.mesh)} {layer.start_m * 1000:.0f}–{layer.end_m * 1000:.0f} mm"
        for layer in r.layers
    ]
    return "; ".join(parts)


def reading_lines(r: NeedleReading, margins: dict[str, float]) -> list[str]:
    """The text lines for one reading: depth and how measured, layers, published, near."""
    p = r.path
    bone = " (no bone-free path found; the line meets bone)" if p.crosses_bone else ""
    lines = [
        f"  {r.trigger_point} ({r.side}): {p.depth_m * 1000:.0f} mm from the skin{bone}, {r.how()}"
    ]
    if r.approach is None:
        lines.append(f"      why: {r.fallback}")
    lines.append(f"      crosses: {layer_words(r)}")
    for pub in r.published:
        lines.append(f"      published: {pub.beside(p.depth_m * 1000)} [{pub.measured}]")
    for s in p.near:
        flag = f"  <- {MARGIN_WORDS}" if s.path_distance_m <= margins.get(s.kind, -1.0) else ""
        lines.append(
            f"      {s.label} ({s.kind}): {s.path_distance_m * 1000:.0f} mm from the path, "
            f"{s.distance_m * 1000:.0f} mm from the point{flag}"
        )
    if r.approach is not None:
        lines.append(
            f"      shortest bone-free path (second figure): {r.shortest.depth_m * 1000:.0f} mm"
        )
    return lines
