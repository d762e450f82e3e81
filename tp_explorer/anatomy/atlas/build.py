"""Build the atlas anatomy from verified BodyParts3D files: decode, bring into one frame, merge
per knowledge muscle, decimate to budget, draw what is missing, label the skin.

The result is a BuiltAtlas (built.py; cache.py writes it); nothing here knows about files on
disk beyond reading the source folder. The skin areas come from the rules both sources share
(tp_explorer.anatomy.derive.areas), given this skeleton's landmarks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyvista as pv

from tp_explorer.anatomy.atlas import geometry as geo
from tp_explorer.anatomy.atlas.built import BuiltAtlas
from tp_explorer.anatomy.atlas.drawing import DrawContext
from tp_explorer.anatomy.atlas.drawn import draw_muscle
from tp_explorer.anatomy.atlas.landmarks import Skeleton
from tp_explorer.anatomy.atlas.manifest import AtlasTable, Entry
from tp_explorer.anatomy.atlas.more_courses import DRAWN_MORE, build_more
from tp_explorer.anatomy.atlas.nerves import DRAWN_NERVES, build_nerves
from tp_explorer.anatomy.derive.areas import label_skin
from tp_explorer.anatomy.derive.sections import Loft, arc_fraction, wind_outward
from tp_explorer.knowledge.vocabulary import MESH_IDS, SIDES

log = logging.getLogger(__name__)

STATIONS = 20
SKIN_TOP_MM = 1100.0 + geo.Z_SHIFT_MM  # below the armpits: the arms come away cleanly
TOP = SKIN_TOP_MM * geo.MM
# Bones above the skin's edge would stick out of the cropped body.
BONES_LEFT_OUT = ("tenth_rib", "tenth_thoracic_vertebra")

SKIN_EDGE_M = 0.016
SMALLEST = 300  # triangles: the fewest a knowledge muscle is decimated to

Progress = Callable[[str, float], None]
Lines = dict[str, dict[str, np.ndarray]]  # id -> side -> points


@dataclass(frozen=True)
class Detail:
    """Triangle budgets. Default fits software rendering; high is for a GPU."""

    name: str
    muscle_ratio: float
    muscle_min: int
    muscle_max: int
    muscle_density: float  # at most this many triangles per cm² of a muscle's surface
    context_ratio: float
    skin: int
    bone_ratio: float
    vessel: int


DETAILS = {
    "default": Detail("default", 0.42, 500, 2400, 16.0, 0.15, 48_000, 0.32, 1_000),
    "high": Detail("high", 1.0, 500, 12_000, 80.0, 0.6, 90_000, 1.0, 6_000),
}


def _read(folder: Path, entries: tuple[Entry, ...]) -> tuple[np.ndarray, np.ndarray]:
    return geo.merge([geo.read_entry(folder, e) for e in entries])


def _finish(points: np.ndarray, faces: np.ndarray, target: int) -> pv.PolyData:
    """Welded, cut level with the skin's top edge (capped, so it stays closed), decimated
    and wound outward."""
    mesh = geo.clean(points, faces)
    if mesh.n_cells == 0:
        raise ValueError("empty mesh")
    if mesh.bounds[5] > TOP:
        target = int(target * max(0.3, (TOP - mesh.bounds[4]) / (mesh.bounds[5] - mesh.bounds[4])))
        mesh = mesh.clip_closed_surface(normal="-z", origin=(0.0, 0.0, TOP)).triangulate()
        mesh = geo.clean(np.asarray(mesh.points), mesh.regular_faces)
        if mesh.n_cells == 0:
            raise ValueError("nothing below the skin's top edge")
    return wind_outward(geo.decimate(mesh, target))


def build(
    folder: Path,
    entries: tuple[Entry, ...],
    table: AtlasTable,
    builtin_paths: Lines,
    detail: str = "default",
    progress: Progress | None = None,
) -> BuiltAtlas:
    """Every mesh and array of the atlas cache. ``builtin_paths`` orients each muscle's
    centreline the way the built-in anatomy does (proximal first), so trigger-point fractions
    mean the same."""
    d = DETAILS[detail]
    say = progress or (lambda what, frac: None)
    say("bones", 0.0)
    bones = _bones(folder, entries, d)
    sk = Skeleton({k: np.asarray(v.points) for k, v in bones.items()})
    say("skin", 0.1)
    skin_entry = next(e for e in entries if e.kind == "skin")
    skin = _skin(*geo.read_entry(folder, skin_entry), d.skin)
    say("muscles", 0.25)
    muscles, lines = _muscles(folder, table, d, DrawContext(sk, {}, skin))
    say("muscles", 0.45)
    # files merged into knowledge muscles; arteries stay context even when a vessel path of
    # the safety layer is also taken from them
    used = {
        e.file for by_side in table.muscles.values() for parts in by_side.values() for e in parts
    }
    context, kinds, names = _context(folder, entries, used, d)
    say("vessels", 0.6)
    arteries = _arteries(folder, table, context, kinds)
    say("centrelines", 0.8)
    paths, sup, fractions = _centrelines(muscles, skin, builtin_paths, lines)
    say("areas", 0.88)
    normals = skin.compute_normals(cell_normals=False, split_vertices=False)
    labels = label_skin(
        np.asarray(skin.points),
        np.asarray(normals.point_data["Normals"]),
        {side: sk.side_landmarks(side) for side in SIDES},
    )
    say("nerves", 0.93)
    # drawn nerves among the segmented muscles (none runs along a drawn one)
    segmented = {
        k: {s: np.asarray(m.points) for s, m in v.items()}
        for k, v in muscles.items()
        if k not in table.drawn
    }
    nerves = build_nerves(sk, segmented, arteries)
    nerves.update(build_more(sk, segmented, arteries))
    nerves.update(_vessel_paths(table, arteries))
    say("done", 1.0)
    return BuiltAtlas(
        bones=bones,
        muscles=muscles,
        fractions=fractions,
        paths=paths,
        superficial=sup,
        skin=skin,
        skin_labels=labels,
        context=context,
        context_kind=kinds,
        context_name=names,
        nerves=nerves,
        drawn=(*table.drawn, *DRAWN_NERVES, *DRAWN_MORE),
        detail=d.name,
    )


def _bones(folder: Path, entries: tuple[Entry, ...], d: Detail) -> dict[str, pv.PolyData]:
    """Every bone below the skin's top edge, decimated to the detail's ratio."""
    bones: dict[str, pv.PolyData] = {}
    for e in entries:
        if e.kind != "bone":
            continue
        sid = geo.structure_id(e)
        if any(sid.startswith(x) for x in BONES_LEFT_OUT):
            continue
        p, f = geo.read_entry(folder, e)
        target = max(int(len(f) * d.bone_ratio), 120)
        bones[sid] = _finish(p, f, target)
    return bones


def _muscles(
    folder: Path, table: AtlasTable, d: Detail, ctx: DrawContext
) -> tuple[dict[str, dict[str, pv.PolyData]], dict[tuple[str, str], Loft]]:
    """Knowledge muscles: BodyParts3D parts merged per muscle and side, then the drawn ones
    (fitted to the segmented ones, the bones and the skin), with the drawn ones' own paths."""
    muscles: dict[str, dict[str, pv.PolyData]] = {}
    for name in MESH_IDS:
        if name in table.drawn:
            continue
        muscles[name] = {}
        for side in SIDES:
            parts = table.muscles[name][side]
            try:
                p, f = _read(folder, parts)
                muscles[name][side] = _finish(p, f, _muscle_target(p, f, d))
            except ValueError as exc:
                files = ", ".join(e.file for e in parts)
                raise ValueError(f"{name} ({side}): {files}: {exc}") from exc
    ctx = DrawContext(ctx.skeleton, dict(muscles), ctx.skin)
    lines: dict[tuple[str, str], Loft] = {}
    for name in table.drawn:
        muscles[name] = {}
        for side in SIDES:
            loft = draw_muscle(name, ctx, side)
            muscles[name][side] = loft.mesh
            lines[(name, side)] = loft
    return muscles, lines


def _muscle_target(points: np.ndarray, faces: np.ndarray, d: Detail) -> int:
    """Triangles a knowledge muscle keeps: the detail's share of its source, within the
    detail's bounds, and no finer than its density allows (a small foot muscle needs no more
    triangles than a thigh muscle's square centimetre does), but never under SMALLEST."""
    n = int(np.clip(int(len(faces) * d.muscle_ratio), d.muscle_min, d.muscle_max))
    a, b, c = points[faces[:, 0]], points[faces[:, 1]], points[faces[:, 2]]
    area_cm2 = 0.5 * float(np.linalg.norm(np.cross(b - a, c - a), axis=1).sum()) * 1e4
    return min(n, max(SMALLEST, int(area_cm2 * d.muscle_density)))


def _context(
    folder: Path, entries: tuple[Entry, ...], used: set[str], d: Detail
) -> tuple[dict[str, pv.PolyData], dict[str, str], dict[str, str]]:
    """Every other muscle, vessel and organ below the skin's top edge: meshes, kinds, names."""
    context: dict[str, pv.PolyData] = {}
    kinds: dict[str, str] = {}
    names: dict[str, str] = {}
    for e in entries:
        if e.kind not in ("muscle", "artery", "vein", "organ") or e.file in used:
            continue
        p, f = geo.read_entry(folder, e)
        if p[:, 2].min() >= TOP:
            continue  # wholly above the cropped body
        if e.kind == "muscle":
            target = max(int(len(f) * d.context_ratio), 200)
            target = min(target, 3 * d.muscle_max)
        elif e.kind == "organ":
            target = len(f)
        else:
            target = min(len(f), d.vessel)
        sid = geo.structure_id(e)
        context[sid] = _finish(p, f, target)
        kinds[sid] = e.kind
        names[sid] = e.name
    return context, kinds, names


def _arteries(
    folder: Path, table: AtlasTable, context: dict[str, pv.PolyData], kinds: dict[str, str]
) -> Lines:
    """Artery points by id and side, for the drawn nerves and the safety layer's vessel paths
    (the table's vessel paths read whole, undecimated)."""
    arteries: Lines = {}
    for sid, kind in kinds.items():
        if kind == "artery" and sid.endswith(("_left", "_right")):
            base, side = sid.rsplit("_", 1)
            arteries.setdefault(base, {})[side] = np.asarray(context[sid].points)
    for by_side in table.vessel_paths.values():
        base = geo.structure_id(by_side["left"][0]).rsplit("_", 1)[0]
        for side in SIDES:
            p, _ = _read(folder, by_side[side])
            arteries.setdefault(base, {})[side] = p
    return arteries


def _centrelines(
    muscles: dict[str, dict[str, pv.PolyData]],
    skin: pv.PolyData,
    builtin_paths: Lines,
    drawn: dict[tuple[str, str], Loft],
) -> tuple[np.ndarray, np.ndarray, dict[tuple[str, str], np.ndarray]]:
    """Per muscle and side: centreline stations, the direction to the nearest skin at each,
    and each point's fraction along the centreline. A segmented muscle's centreline runs along
    its long axis, oriented as the built-in body's path (proximal first); a drawn one's is the
    path it was drawn along, origin first."""
    from scipy.spatial import cKDTree

    skin_points = np.asarray(skin.points)
    skin_tree = cKDTree(skin_points)
    paths = np.zeros((len(MESH_IDS), len(SIDES), STATIONS, 3))
    sup = np.zeros_like(paths)
    fractions: dict[tuple[str, str], np.ndarray] = {}
    for i, name in enumerate(MESH_IDS):
        for j, side in enumerate(SIDES):
            if (name, side) in drawn:
                loft = drawn[(name, side)]
                path = _stations(loft.path, STATIONS)
                t = loft.t
            else:
                mp = np.asarray(muscles[name][side].points)
                ref = builtin_paths[name][side]
                path, t = geo.centreline(mp, ref[-1] - ref[0], STATIONS)
            paths[i, j] = path
            fractions[(name, side)] = t
            _, k = skin_tree.query(path)
            out = skin_points[k] - path
            sup[i, j] = out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
    return paths, sup, fractions


def _stations(path: np.ndarray, n: int) -> np.ndarray:
    """n stations along a drawn path at even fractions of its length."""
    f = arc_fraction(path)
    at = np.linspace(0.0, 1.0, n)
    return np.column_stack([np.interp(at, f, path[:, k]) for k in range(3)])


def _vessel_paths(table: AtlasTable, arteries: Lines) -> Lines:
    """The safety layer's vessel courses: each artery's centreline, proximal first."""
    out: Lines = {}
    for name, by_side in table.vessel_paths.items():
        base = geo.structure_id(by_side["left"][0]).rsplit("_", 1)[0]
        out[name] = {}
        for side in SIDES:
            line, _ = geo.centreline(arteries[base][side], np.array([0.0, 0.0, 1.0]), 24)
            out[name][side] = line[::-1]  # proximal first
    return out


def _skin(points: np.ndarray, faces: np.ndarray, target: int) -> pv.PolyData:
    """The outer skin shell (BodyParts3D's skin has an inner shell too), cut with a flat edge
    below the armpits and with the arms, then free of the trunk, dropped."""
    mesh = geo.clean(points, faces)
    cut = mesh.clip(normal="z", origin=(0.0, 0.0, TOP), invert=True).triangulate()
    parts = cut.connectivity()
    region = np.asarray(parts.cell_data["RegionId"])
    best, best_size = None, -1.0
    for r in np.unique(region):
        piece = parts.extract_cells(region == r)
        b = np.asarray(piece.bounds).reshape(3, 2)
        size = float(np.prod(b[:, 1] - b[:, 0]))
        if size > best_size:
            best, best_size = piece, size
    if best is None:
        raise ValueError("the skin has nothing below its top edge")
    shell = pv.PolyData.from_regular_faces(
        np.asarray(best.points), best.cells.reshape(-1, 4)[:, 1:].copy()
    ).clean()
    # BodyParts3D's skin has long slivers (1 % of edges over 37 mm): split every edge longer
    # than SKIN_EDGE_M so painted zones and their hatching have even, small cells.
    shell = shell.subdivide_adaptive(max_edge_len=SKIN_EDGE_M).clean()
    return geo.decimate(shell, target)
