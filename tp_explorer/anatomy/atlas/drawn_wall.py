"""The abdominal wall muscles BodyParts3D lacks, drawn as curved slabs under the segmented
external oblique: rectus abdominis (with pyramidalis in front of its lower end), internal
oblique and transversus abdominis.

Each follows the wall (bodywall.Wall: the inner face of the external oblique, or the skin less
the usual gap where that muscle is absent) at its own depth, between bony attachments on the
pubis, the iliac crest and the lowest ribs; every border ends in a thin edge. The atlas body
ends at the skin's top edge, so the sheets are cut there.
"""

from __future__ import annotations

import numpy as np

from tp_explorer.anatomy.atlas.bodywall import Wall, smoothstep
from tp_explorer.anatomy.atlas.drawing import DrawContext
from tp_explorer.anatomy.derive.sections import Loft, grid_normals, lens, ring_loft, slab

MM = 0.001
ACROSS = 11  # grid columns across a sheet
PYRAMIDALIS_HEIGHT = 0.060  # its apex on the linea alba, above the pubic crest


def _rows(n_inner: int) -> np.ndarray:
    """Row fractions with a close pair at each end: the sheet's thickness drops to its thin
    border over about 1 % of its height (a cut or a bony attachment, not a long taper)."""
    return np.concatenate([[0.0, 0.008], np.linspace(0.04, 0.96, n_inner), [0.992, 1.0]])


def _columns(m: int = ACROSS) -> np.ndarray:
    """Column fractions, closer near the borders so the thin edges are round."""
    out: np.ndarray = 0.5 - 0.5 * np.cos(np.pi * np.linspace(0.0, 1.0, m))
    return out


def _pyramidalis_thickness(x: np.ndarray, rise: np.ndarray) -> np.ndarray:
    """Full thickness of pyramidalis at lateral offset ``x`` and height ``rise`` above the
    pubic crest: a triangle from the midline out to 20 mm on the pubis to its apex 2 mm off
    the midline, 4 mm thick, thinning to 1 mm at the apex and to nothing at its edges."""
    v = np.clip(rise / PYRAMIDALIS_HEIGHT, 0.0, 1.0)
    half_width = 0.010 * (1.0 - v) + 0.001
    centre = 0.010 * (1.0 - v) + 0.002 * v
    across = np.clip(1.0 - ((np.abs(x) - centre) / half_width) ** 2, 0.0, 1.0)
    inside = (rise >= 0) & (rise <= PYRAMIDALIS_HEIGHT)
    out: np.ndarray = np.where(inside, (0.004 - 0.003 * v) * np.sqrt(across), 0.0)
    return out


def _rectus_outline(wall: Wall, z: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per height: inner edge, outer edge (lateral offsets) and half-thickness of the rectus."""
    z0, navel = wall.pubis_z, wall.navel_z
    inner = 0.004 + 0.004 * smoothstep((z - navel + 0.02) / 0.04)
    outer = np.interp(z, [z0, z0 + 0.025, navel, wall.top], [0.026, 0.040, 0.068, 0.075])
    half = np.interp(z, [z0, z0 + 0.025, z0 + 0.06, navel, navel + 0.03], [3.5, 4.0, 5.0, 5.5, 6.0])
    for level in (navel, navel + 0.045, navel + 0.09):  # the tendinous intersections
        half = half * (1.0 - 0.2 * np.exp(-(((z - level) / 0.006) ** 2)))
    return inner, outer, half * MM


def rectus_abdominis(ctx: DrawContext, side: str) -> Loft:
    """A long flat belly up the front of the belly wall, just behind the external oblique's
    front sheet: from a short thick tendon on the pubic crest, widening to about 70 mm and
    thickest above the navel, with three shallow waists (the tendinous intersections), cut at
    the skin's top edge (the xiphoid and costal cartilages are above the atlas body)."""
    wall = Wall(ctx, side)
    z = wall.pubis_z + (wall.top - wall.pubis_z) * _rows(12)
    inner, outer, half = _rectus_outline(wall, z)
    c = _columns()
    x = inner[:, None] + (outer - inner)[:, None] * c[None, :]
    zz = np.repeat(z[:, None], len(c), axis=1)
    theta = wall.theta_at(x, zz)
    h = half[:, None] * np.sin(np.pi * c)[None, :] ** 0.5
    h[[0, -1], :] = 0.0
    pocket = _pyramidalis_thickness(x, zz - wall.pubis_z)
    pocket = np.where(pocket > 0, pocket + 0.5 * MM, 0.0)
    depth = wall.front_depth(theta, zz, pocket + 2 * half[:, None]) + pocket + h
    mid = wall.points(theta, zz, depth)
    normal = grid_normals(mid, wall.directions(theta))
    return slab(mid, normal, h, h)


def pyramidalis(ctx: DrawContext, side: str) -> Loft:
    """A small triangle in front of the lowest rectus: its base on the front of the pubis from
    the midline out to 20 mm, its apex on the linea alba 60 mm above."""
    wall = Wall(ctx, side)
    n = 10
    s = np.linspace(0.0, 1.0, n)
    rise = s * PYRAMIDALIS_HEIGHT
    z = wall.pubis_z + rise
    x = 0.010 * (1.0 - s) + 0.002 * s + 0.0003
    theta = wall.theta_at(x, z)
    half_t = np.maximum(_pyramidalis_thickness(x, rise), 0.0008) / 2
    half_t[[0, -1]] = [0.0012, 0.0005]
    _, _, rectus_half = _rectus_outline(wall, z)
    depth = wall.front_depth(theta, z, _pyramidalis_thickness(x, rise) + 2 * rectus_half + 0.0005)
    path = wall.points(theta, z, depth + half_t)
    for _ in range(2):
        path[1:-1] = 0.25 * path[:-2] + 0.5 * path[1:-1] + 0.25 * path[2:]
    half_w = np.maximum(0.010 * (1.0 - s), 0.001)
    return ring_loft(path, lens(half_w, half_t, 1.3), wall.directions(theta))


def _sheet_grid(
    wall: Wall, bottom: np.ndarray, back: float, front_x: np.ndarray, rows: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A sheet's (rows, columns) grid of angles round the trunk and heights: columns from the
    ``back`` angle to the outer edge of the rectus plus ``front_x``(height) (lateral offsets),
    rows from its lower border (``bottom``, a polyline of bony points) to the ribs or the skin's
    top edge. Also the (u, v) fractions across and up."""
    u = _columns(13)
    v = _rows(rows - 4)
    low_theta, low_z = wall.profile(bottom)
    theta = np.tile(back + (0.5 - back) * u, (len(v), 1))
    z = np.empty_like(theta)
    for _ in range(4):  # the front edge depends on the height, the borders on the angle
        z_low = np.interp(theta, low_theta, low_z)
        z = z_low + v[:, None] * (wall.rib_border(theta) - z_low)
        _, outer, _ = _rectus_outline(wall, z)
        front = wall.theta_at(outer + front_x_at(front_x, z, wall), z)
        theta = back + (front - back) * u[None, :]
    return theta, z, np.tile(u, (len(v), 1)), np.repeat(v[:, None], len(u), axis=1)


def front_x_at(front_x: np.ndarray, z: np.ndarray, wall: Wall) -> np.ndarray:
    """A sheet's front edge beyond the rectus: ``front_x`` (below the navel, at it and above)
    interpolated by height."""
    out: np.ndarray = np.interp(z, [wall.navel_z - 0.04, wall.navel_z], front_x)
    return out


def _io_thickness(wall: Wall, theta: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Full thickness of the internal oblique away from its edges: 10 mm low at the side
    near the anterior superior iliac spine, 4 mm towards the rectus and the ribs."""
    asis = wall.lower_border(1.0)[0]
    t0 = float(wall.angle(asis)[0])
    bump = np.exp(-(((theta - t0) / 0.5) ** 2) - ((z - asis[2] - 0.02) / 0.07) ** 2)
    out: np.ndarray = (4.0 + 6.0 * bump) * MM
    return out


def _edges(h: np.ndarray) -> np.ndarray:
    """Zero on a sheet's border, so it ends in a thin edge all round."""
    h[[0, -1], :] = 0.0
    h[:, [0, -1]] = 0.0
    return h


def internal_oblique(ctx: DrawContext, side: str) -> Loft:
    """A curved sheet just inside the external oblique, from the front two-thirds of the
    iliac crest and the outer half of the inguinal ligament up to the 11th and 12th ribs and
    the skin's top edge, and from the lateral edge of quadratus lumborum round to the rectus:
    thickest (10 mm) low at the side near the anterior superior iliac spine."""
    wall = Wall(ctx, side)
    bottom = wall.lower_border(0.5)
    theta, z, u, v = _sheet_grid(wall, bottom, wall.back_theta, np.array([0.001, 0.001]), 13)
    full = _io_thickness(wall, theta, z)
    h = _edges(0.5 * full * (np.sin(np.pi * u) * np.sin(np.pi * v)) ** 0.4)
    mid = wall.points(theta, z, 0.0005 + h)
    normal = grid_normals(mid, wall.directions(theta))
    return slab(mid, normal, h, h)


def transversus_abdominis(ctx: DrawContext, side: str) -> Loft:
    """The innermost sheet, just inside the internal oblique, its fibres round the belly: from
    the inner lip of the iliac crest, the outer third of the inguinal ligament and the
    thoracolumbar fascia to the lowest ribs and the skin's top edge; its fleshy part ends at
    the rectus's outer edge above the navel and 20-40 mm outside it below."""
    wall = Wall(ctx, side)
    bottom = wall.lower_border(2.0 / 3.0)
    theta, z, u, v = _sheet_grid(wall, bottom, wall.back_theta + 0.05, np.array([0.03, 0.001]), 13)
    under = 0.0005 + _io_thickness(wall, theta, z) + 0.0005  # under the internal oblique
    full = (5.0 - 1.0 * u) * MM
    h = _edges(0.5 * full * (np.sin(np.pi * u) * np.sin(np.pi * v)) ** 0.4)
    mid = wall.points(theta, z, under + h)
    normal = grid_normals(mid, wall.directions(theta))
    return slab(mid, normal, h, h)
