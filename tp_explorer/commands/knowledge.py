"""Sub-commands that answer from the knowledge file: check, list, chain, refers-to, schema.

Each honours the global ``--regions PATH``; ``--json`` output shapes are documented in
docs/cli-json.md and kept stable for scripts.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from tp_explorer.knowledge.vocabulary import BODY_AREAS

if TYPE_CHECKING:
    from tp_explorer.knowledge import (
        ChainLink,
        Knowledge,
        Muscle,
        RedFlag,
        ReferringPoint,
        Site,
        Study,
        TriggerPoint,
    )
    from tp_explorer.knowledge.precautions import PatientPrecaution

LIST_KINDS = ("sites", "muscles", "studies", "areas")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this module's sub-commands."""
    p = sub.add_parser(
        "check",
        help="validate a knowledge file and report every problem",
        description="Validate a knowledge file. Exit 0 if valid, 2 with every problem listed.",
    )
    p.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="file to check (default: --regions or the shipped regions.yaml)",
    )
    p.set_defaults(handler=run_check)

    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of the knowledge file (regions.yaml)",
        description=(
            "Print the JSON Schema (draft 2020-12) of regions.yaml, generated from the "
            "program's own declaration of the file; editors use it to complete and check a "
            "knowledge file as it is written. The same as docs/regions.schema.json."
        ),
    )
    p.add_argument("--out", metavar="FILE.json", help="write the schema to FILE instead")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(handler=run_schema)

    p = sub.add_parser(
        "list", help="list sites, muscles, studies or body areas (the 29 groups and fine areas)"
    )
    p.add_argument("kind", choices=LIST_KINDS)
    _json_flag(p)
    p.set_defaults(handler=run_list)

    p = sub.add_parser("chain", help="the kinetic chain of a pain site")
    p.add_argument("site", metavar="SITE", help="a site id, e.g. pelvis (see: list sites)")
    p.add_argument(
        "--side",
        choices=("left", "right", "both"),
        default=argparse.SUPPRESS,
        help="which side (default: both)",
    )
    _json_flag(p)
    p.set_defaults(handler=run_chain)

    p = sub.add_parser(
        "refers-to",
        help="trigger points that refer pain to an area, ranked",
        description=(
            "Trigger points whose referral chart holds AREA (a group such as heel, or a fine "
            "area such as heel_plantar), each with its muscle: essential zones first, then "
            "spillover, then by how many sources report the pattern, then by muscle name."
        ),
    )
    p.add_argument(
        "area", metavar="AREA", help="a body area or fine area, e.g. heel (see: list areas)"
    )
    p.add_argument(
        "--exact",
        action="store_true",
        help="the one fine area where a group has the same name (groin, perineum, ...)",
    )
    _json_flag(p)
    p.set_defaults(handler=run_refers_to)


def _json_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON (see docs/cli-json.md)")


def _load(args: argparse.Namespace) -> Knowledge:
    from tp_explorer.knowledge import load_knowledge

    return load_knowledge(getattr(args, "regions", None))


def _emit(args: argparse.Namespace, data: object, lines: list[str]) -> int:
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write("\n".join(lines) + "\n")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from tp_explorer.knowledge import KnowledgeError, load_knowledge

    path = args.path or getattr(args, "regions", None)
    try:
        kb = load_knowledge(path)
    except KnowledgeError as exc:
        n = len(exc.problems)
        sys.stderr.write(str(exc) + "\n")
        where = path if path is not None else "regions.yaml"
        sys.stderr.write(f"{where}: {n} problem{'s' if n != 1 else ''}; file refused\n")
        return exc.exit_code
    sys.stdout.write(f"{kb.source}: OK, {kb.summary()}\n")
    from tp_explorer.commands.depth import warn_precaution_gaps

    warn_precaution_gaps(kb)
    return 0


def run_schema(args: argparse.Namespace) -> int:
    from tp_explorer.knowledge.json_schema import regions_json_schema_text

    text = regions_json_schema_text()
    if args.out is None:
        sys.stdout.write(text)
        return 0
    from tp_explorer.files import atomic_write_bytes

    path = atomic_write_bytes(args.out, text.encode("utf-8"), overwrite=args.force)
    sys.stdout.write(f"wrote {path}\n")
    return 0


# ---- JSON shapes (documented in docs/cli-json.md)
def site_json(site: Site) -> dict[str, object]:
    return {
        "id": site.id,
        "name": site.name,
        "areas": list(site.areas),
        "conditions": [
            {"id": c.id, "name": c.name, "synonyms": list(c.synonyms)} for c in site.conditions
        ],
        "study": site.study.id,
        "other_studies": [s.id for s in site.other_studies],
        "estim": None
        if site.estim is None
        else {"studies": [s.id for s in site.estim.studies], "note": site.estim.note},
    }


def point_json(t: TriggerPoint) -> dict[str, object]:
    """A trigger point with its own chart (``referral`` null and ``no_referral`` the reason
    where it has none)."""
    chart = t.referral
    referral = None
    if chart is not None:
        referral = {
            "essential": list(chart.essential),
            "spillover": list(chart.spillover),
            "labelled": chart.labelled,
            "status": chart.status,
            "sources": list(chart.sources),
            "note": chart.note,
        }
    return {
        "id": t.id,
        "location": t.location,
        "mesh": t.mesh,
        "along": t.along,
        "aspect": t.aspect,
        "referral": referral,
        "no_referral": t.no_referral or None,
    }


def muscle_json(m: Muscle) -> dict[str, object]:
    return {
        "id": m.id,
        "name": m.name,
        "chapter": m.chapter,
        "synonyms": list(m.synonyms),
        "meshes": list(m.meshes),
        "essential": list(m.essential),
        "spillover": list(m.spillover),
        "essential_areas": list(m.essential_areas),
        "spillover_areas": list(m.spillover_areas),
        "zones_labelled": m.zones_labelled,
        "zone_note": m.zone_note,
        "trigger_points": [point_json(t) for t in m.trigger_points],
        "precautions": list(m.precautions),
        "studies": [s.id for s in m.studies],
    }


def study_json(s: Study) -> dict[str, object]:
    c = s.citation
    return {
        "id": s.id,
        "article_reference": s.article_reference,
        "citation": c.format(s.unverified),
        "authors": list(c.authors),
        "year": c.year,
        "title": c.title,
        "journal": c.journal,
        "volume": c.volume,
        "issue": c.issue,
        "pages": c.pages,
        "doi": c.doi,
        "unverified": list(s.unverified),
        "design": s.design,
        "sample_size": s.sample_size,
        "sample_unit": s.sample_unit,
        "evidence_level": s.evidence_level,
        "main_result": s.main_result,
        "follow_up": s.follow_up,
        "article_use": s.article_use,
        "actual_finding": s.actual_finding,
        "links": list(s.links),
    }


def link_json(link: ChainLink) -> dict[str, object]:
    return {
        "muscle": link.muscle.id,
        "name": link.muscle.name,
        "role": link.role,
        "basis": link.basis,
        "reason": link.reason,
        "studies": [s.id for s in link.studies],
        "studies_unverified": [s.id for s in link.unverified_studies],
        "sides": list(link.sides),
        "trigger_points": [point_json(t) for t in link.muscle.trigger_points],
    }


def red_flag_json(flag: RedFlag) -> dict[str, object]:
    return {
        "id": flag.id,
        "sign": flag.sign,
        "action": flag.action,
        "source": flag.source,
        "urgency": flag.urgency,
        "conditions": list(flag.conditions),
        "terms": list(flag.terms),
    }


def precaution_json(p: PatientPrecaution) -> dict[str, object]:
    return {
        "id": p.id,
        "applies_to": p.applies_to,
        "sign": p.sign,
        "action": p.action,
        "source": p.source,
        "sites": list(p.sites),
    }


def run_list(args: argparse.Namespace) -> int:
    kb = _load(args)
    if args.kind == "sites":
        data = [site_json(s) for s in kb.sites.values()]
        lines = [
            f"{s.id:<12} {s.name}: " + ", ".join(c.name for c in s.conditions)
            for s in kb.sites.values()
        ]
    elif args.kind == "muscles":
        data, lines = muscles_listing(kb)
    elif args.kind == "studies":
        data = [study_json(s) for s in kb.studies.values()]
        lines = [
            f"{s.id:<16} level {s.evidence_level}: {s.citation.format(s.unverified)}"
            for s in kb.studies.values()
        ]
    else:
        data, lines = areas_listing(kb)
    return _emit(args, data, lines)


def muscles_listing(kb: Knowledge) -> tuple[list[dict[str, object]], list[str]]:
    """Every muscle in file order, each with its chapter and how many muscles that chapter
    holds; the text groups them by chapter (up the body), a count per chapter and the total."""
    groups = kb.muscles_by_chapter()
    counts = {chapter: len(muscles) for chapter, muscles in groups}
    data = [{**muscle_json(m), "chapter_count": counts[m.chapter]} for m in kb.muscles.values()]
    lines: list[str] = []
    for chapter, muscles in groups:
        lines.append(f"{chapter} ({len(muscles)} muscle{'s' if len(muscles) != 1 else ''}):")
        lines.extend(f"  {m.id:<32} {m.name}" for m in muscles)
    lines.append(f"{len(kb.muscles)} muscles in {len(groups)} chapters")
    return data, lines


def areas_listing(kb: Knowledge) -> tuple[list[dict[str, object]], list[str]]:
    """Both levels: the 29 groups (the body areas a site covers), then the fine areas the
    charts name, each with its group, its words and its sides ("mid" for a midline area)."""
    from tp_explorer.knowledge.skin_areas import FINE_AREAS, areas_in_group, sides_of

    data: list[dict[str, object]] = []
    lines = ["Groups (body areas):"]
    for group in BODY_AREAS:
        sites = [s.id for s in kb.sites_for_area(group)]
        members = areas_in_group(group)
        data.append(
            {
                "area": group,
                "level": "group",
                "group": group,
                "label": group.replace("_", " "),
                "sided": True,
                "sides": ["left", "right"],
                "sites": sites,
                "areas": list(members),
            }
        )
        lines.append(f"  {group:<16} {', '.join(sites) or '-'}; areas: {', '.join(members)}")
    lines.append("Areas (fine, as the referral charts name them):")
    for area in FINE_AREAS:
        sides = sides_of(area.id)
        data.append(
            {
                "area": area.id,
                "level": "area",
                "group": area.group,
                "label": area.label,
                "sided": area.sided,
                "sides": list(sides),
                "sites": [s.id for s in kb.sites_for_area(area.group)],
                "areas": [area.id],
            }
        )
        where = "" if area.sided else " (midline)"
        lines.append(f"  {area.id:<28} {area.group:<15} {area.label}{where}")
    return data, lines


def run_chain(args: argparse.Namespace) -> int:
    kb = _load(args)
    side = getattr(args, "side", None) or "both"
    site = kb.site(args.site)
    links = kb.chain_for(site.id, side)
    flags = kb.red_flags_for(site.id)
    precautions = kb.precautions_for(site.id)
    data = {
        "site": site.id,
        "name": site.name,
        "side": side,
        "study": site.study.id,
        "red_flags": [red_flag_json(f) for f in flags],
        "precautions": [precaution_json(p) for p in precautions],
        "links": [link_json(link) for link in links],
    }
    lines = [f"{site.name} ({side}); study: {site.study.id}"]
    lines.append("When to see a doctor first (screen before needling):")
    lines.extend(f"  [{f.urgency}] {f.sign}: {f.action} ({f.source})" for f in flags)
    lines.append("Before any needling or electrical stimulation, ask about:")
    lines.extend(f"  [{p.applies_to}] {p.sign}: {p.action} ({p.source})" for p in precautions)
    lines.append("Chain:")
    for link in links:
        unverified = {s.id for s in link.unverified_studies}
        named = [
            f"{s.id} (which muscles it needled is not verified)" if s.id in unverified else s.id
            for s in link.studies
        ]
        studies = f" [needled in: {', '.join(named)}]" if named else ""
        lines.append(f"  {link.role:<8} {link.muscle.name}: {link.reason}{studies}")
    lines.append(kb.model_note)
    return _emit(args, data, lines)


def referring_point_json(hit: ReferringPoint) -> dict[str, object]:
    return {
        "muscle": hit.muscle.id,
        "name": hit.muscle.name,
        "point": hit.point.id,
        "zone": hit.zone,
        "areas": list(hit.areas),
        "sources": list(hit.chart.sources),
        "status": hit.chart.status,
        "labelled": hit.chart.labelled,
    }


def run_refers_to(args: argparse.Namespace) -> int:
    from tp_explorer.knowledge.area_names import asked_areas

    kb = _load(args)
    exact = bool(getattr(args, "exact", False))
    asked = asked_areas(args.area, exact)
    hits = kb.points_referring_to(args.area, exact)
    data = [referring_point_json(h) for h in hits]
    covers = "" if asked == (args.area,) else f" (group: {', '.join(asked)})"
    lines = [f"{args.area}{covers}"]
    for h in hits:
        status = f"; {h.chart.status}" if h.chart.status else ""
        count = f"{h.source_count} source{'s' if h.source_count != 1 else ''}"
        lines.append(
            f"  {h.zone:<10} {h.muscle.name}, {h.point.id.replace('_', ' ')} "
            f"({h.muscle.id}.{h.point.id}): {', '.join(h.areas)} [{count}{status}]"
        )
    if not hits:
        lines = [f"no trigger point in the knowledge file refers pain to {args.area}"]
    return _emit(args, data, lines)
