"""The project's own list of BodyParts3D files and the table that maps knowledge muscles to them.

Both are metadata (paths, hashes, FMA ids); the geometry is fetched on the user's machine.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from tp_explorer.errors import AssetError
from tp_explorer.knowledge.vocabulary import MESH_IDS, NERVE_IDS, SIDES

HERE = Path(__file__).resolve().parent
MANIFEST_FILE = HERE / "manifest.tsv"
TABLE_FILE = HERE / "atlas_map.yaml"
DRAWN = "drawn"


@dataclass(frozen=True)
class Entry:
    """One BodyParts3D file: where it lives in a mirror and upstream, and how to check it."""

    file: str
    kind: str  # muscle, bone, artery, vein, organ, skin
    name: str
    fma_id: str
    side: str  # left, right, mid
    source_path: str
    source_commit: str
    sha256: str
    bytes: int
    draco: bool
    transform: str


def read_manifest(path: Path = MANIFEST_FILE) -> tuple[Entry, ...]:
    """Every file of the atlas, in the manifest's order; AssetError names a broken row."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            lines = [line for line in fh if not line.startswith("#")]
        rows = list(csv.DictReader(lines, delimiter="\t"))
        entries = tuple(
            Entry(
                file=r["file"],
                kind=r["kind"],
                name=r["name"],
                fma_id=r["fma_id"],
                side=r["side"],
                source_path=r["source_path"],
                source_commit=r["source_commit"],
                sha256=r["sha256"].lower(),
                bytes=int(r["bytes"]),
                draco=r["draco"] == "yes",
                transform=r["transform"],
            )
            for r in rows
        )
    except (OSError, KeyError, ValueError, TypeError) as exc:
        raise AssetError(f"{path}: the atlas manifest cannot be read ({exc})") from exc
    if not entries:
        raise AssetError(f"{path}: the atlas manifest lists no files")
    return entries


def fingerprint(entries: tuple[Entry, ...]) -> str:
    """One hash over every file's hash: equal fingerprints mean the same source data."""
    h = hashlib.sha256()
    for e in sorted(entries, key=lambda e: e.file):
        h.update(f"{e.file}\t{e.sha256}\n".encode())
    return h.hexdigest()


@dataclass(frozen=True)
class AtlasTable:
    """Knowledge muscle -> side -> the manifest entries that make it (empty for drawn ones)."""

    muscles: dict[str, dict[str, tuple[Entry, ...]]]
    drawn: tuple[str, ...]
    vessel_paths: dict[str, dict[str, tuple[Entry, ...]]]

    def used_files(self) -> set[str]:
        return {
            e.file
            for table in (self.muscles, self.vessel_paths)
            for by_side in table.values()
            for parts in by_side.values()
            for e in parts
        }


def _parts(
    name: str, spec: object, index: dict[tuple[str, str], list[Entry]], path: Path
) -> dict[str, tuple[Entry, ...]]:
    if not isinstance(spec, dict) or set(spec) != set(SIDES):
        raise AssetError(f"{path}: {name}: give FMA ids for both 'left' and 'right', or 'drawn'")
    out: dict[str, tuple[Entry, ...]] = {}
    for side in SIDES:
        ids = spec[side]
        if not isinstance(ids, list) or not ids:
            raise AssetError(f"{path}: {name}, {side}: a list of FMA ids is expected")
        found: list[Entry] = []
        for fma in ids:
            rows = index.get((str(fma), side))
            if not rows:
                raise AssetError(
                    f"{path}: {name}, {side}: FMA id {fma} is not in the atlas manifest "
                    f"for that side ({MANIFEST_FILE.name})"
                )
            found.extend(rows)
        out[side] = tuple(found)
    return out


def read_table(entries: tuple[Entry, ...] | None = None, path: Path = TABLE_FILE) -> AtlasTable:
    """The FMA table, checked against the manifest and the shared vocabulary."""
    entries = entries or read_manifest()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise AssetError(f"{path}: the atlas table cannot be read ({exc})") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("muscles"), dict):
        raise AssetError(f"{path}: a 'muscles' mapping is expected")
    index: dict[tuple[str, str], list[Entry]] = {}
    for e in entries:
        index.setdefault((e.fma_id, e.side), []).append(e)
    spec = raw["muscles"]
    unknown = sorted(set(spec) - set(MESH_IDS))
    if unknown:
        raise AssetError(f"{path}: unknown knowledge muscle {unknown[0]!r} (not in MESH_IDS)")
    missing = [m for m in MESH_IDS if m not in spec]
    if missing:
        raise AssetError(f"{path}: knowledge muscle {missing[0]!r} has no atlas structures")
    muscles: dict[str, dict[str, tuple[Entry, ...]]] = {}
    drawn: list[str] = []
    for name in MESH_IDS:
        if spec[name] == DRAWN:
            drawn.append(name)
            muscles[name] = {side: () for side in SIDES}
        else:
            muscles[name] = _parts(name, spec[name], index, path)
    vessel_spec = raw.get("vessel_paths") or {}
    bad = sorted(set(vessel_spec) - set(NERVE_IDS))
    if bad:
        raise AssetError(f"{path}: unknown vessel path {bad[0]!r} (not in NERVE_IDS)")
    vessels = {name: _parts(name, s, index, path) for name, s in vessel_spec.items()}
    return AtlasTable(muscles=muscles, drawn=tuple(drawn), vessel_paths=vessels)
