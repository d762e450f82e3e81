"""Needle cautions: how close to a needle's path a structure of each kind must be to be named.

regions.yaml's ``needle_cautions`` section, one record per structure kind, each with its source,
so a therapist can see where a margin comes from and change it. Checked with the same Checker
as the rest of the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tp_explorer.knowledge.validate import Checker
    from tp_explorer.knowledge.yaml_source import PathKey

CAUTION_KINDS: tuple[str, ...] = ("nerve", "artery", "vein", "organ")


@dataclass(frozen=True)
class NeedleCaution:
    """A structure of ``kind`` within ``within_mm`` of a needle path is a caution."""

    kind: str
    within_mm: float
    source: str


def needle_cautions(ck: Checker, value: object, path: PathKey) -> tuple[NeedleCaution, ...]:
    """Validate the ``needle_cautions`` list; problems go to ``ck``; bad records are left out."""
    from tp_explorer.knowledge.validate import _BAD, text

    if value is None or value is _BAD:
        return ()
    if not isinstance(value, list):
        ck.add(path, "wrong type for needle_cautions", value, "a list of {kind, within_mm, source}")
        return ()
    out: dict[str, NeedleCaution] = {}
    for i, item in enumerate(value):
        p = (*path, i)
        r = ck.record(
            item,
            p,
            {
                "kind": (_kind, True),
                "within_mm": (_millimetres, True),
                "source": (text, True),
            },
            "a needle caution",
        )
        if r is None or any(v is _BAD for v in r.values()):
            continue
        if r["kind"] in out:
            ck.add((*p, "kind"), "needle caution kind listed twice", r["kind"], "each kind once")
            continue
        out[r["kind"]] = NeedleCaution(r["kind"], float(r["within_mm"]), r["source"])  # type: ignore[arg-type]
    return tuple(out.values())


def _kind(ck: Checker, v: object, p: PathKey) -> object:
    if v not in CAUTION_KINDS:
        return ck.add(p, "unknown structure kind", v, "one of: " + ", ".join(CAUTION_KINDS))
    return v


def _millimetres(ck: Checker, v: object, p: PathKey) -> object:
    if isinstance(v, bool) or not isinstance(v, int | float) or not 0 < v <= 100:
        return ck.add(p, "wrong value", v, "a distance in mm, more than 0 and at most 100")
    return v
