"""Sub-command: search QUERY [--json]: the window's search from the command line.

The same typo-tolerant search as the window's search box (Knowledge.search): warning signs
(red flags), pain sites, conditions and muscles, best first; words about an injury or an
emergency put the red flags first. ``--json`` is documented in docs/cli-json.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tp_explorer.knowledge import Knowledge, RedFlag, SearchHit

KIND_WORDS = {
    "red_flag": "warning sign",
    "site": "pain site",
    "condition": "condition",
    "muscle": "muscle",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this module's sub-command."""
    p = sub.add_parser(
        "search",
        help="search warning signs, pain sites, conditions and muscles, as the window does",
        description=(
            "Search the knowledge file as the window's search box does: each result names its "
            "kind (red_flag, site, condition, muscle). Injury and emergency words (broken, "
            "fall, numbness, ...) list the matching warning signs first."
        ),
    )
    p.add_argument("query", metavar="QUERY", nargs="+", help="words to search for")
    p.add_argument("--limit", type=int, default=20, help="at most this many results (20)")
    p.add_argument("--json", action="store_true", help="print JSON (see docs/cli-json.md)")
    p.set_defaults(handler=run_search)


def hit_json(kb: Knowledge, hit: SearchHit) -> dict[str, object]:
    """A result as JSON; a red flag carries its urgency, sign and action."""
    data: dict[str, object] = {
        "kind": hit.kind,
        "id": hit.id,
        "label": hit.label,
        "site": hit.site_id,
        "score": hit.score,
    }
    if hit.kind == "red_flag":
        flag = _flag(kb, hit)
        if flag is not None:
            data.update(urgency=flag.urgency, sign=flag.sign, action=flag.action)
    return data


def _flag(kb: Knowledge, hit: SearchHit) -> RedFlag | None:
    flags = kb.red_flags_for(hit.site_id) if hit.site_id else kb.general_red_flags
    return next((f for f in flags if f.id == hit.id), None)


def run_search(args: argparse.Namespace) -> int:
    from tp_explorer.knowledge import load_knowledge

    kb = load_knowledge(getattr(args, "regions", None))
    query = " ".join(args.query)
    hits = kb.search(query, limit=max(args.limit, 0))
    if args.json:
        json.dump([hit_json(kb, h) for h in hits], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    lines = [f"{len(hits)} result{'s' if len(hits) != 1 else ''} for {query!r}"]
    for h in hits:
        kind = KIND_WORDS.get(h.kind, h.kind)
        lines.append(f"  {h.kind:<9} {h.label}  [{kind}: {h.id}]")
        if h.kind == "red_flag":
            flag = _flag(kb, h)
            if flag is not None:
                lines.append(f"            {flag.action}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
