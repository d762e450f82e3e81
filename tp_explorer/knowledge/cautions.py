"""Needle cautions: how close to a needle's path a structure of each kind must be to be named.

regions.yaml's ``needle_cautions`` section, one record per structure kind, each with its source,
so a therapist can see where a margin comes from and change it (declared in schema.py).
"""

from __future__ import annotations

from dataclasses import dataclass

CAUTION_KINDS: tuple[str, ...] = ("nerve", "artery", "vein", "organ")


@dataclass(frozen=True)
class NeedleCaution:
    """A structure of ``kind`` within ``within_mm`` of a needle path is a caution."""

    kind: str
    within_mm: float
    source: str
