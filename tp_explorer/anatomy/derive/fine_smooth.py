"""Tidying of the fine skin map on the skin's triangles: a rule that cuts a coarse area along a
height or an angle leaves stray pieces and single points where the mesh's cells straddle the
line. Each is given to the fine area around it (of the same coarse area and side), so every
fine area is one patch with a clean edge.

The coarse labels never change here: a piece is only ever given to a neighbour in its own
coarse area. A coarse island (a piece of a coarse area cut off from the rest of it) cannot join
its fine area's main patch; it ends as one fine area, its largest piece's.
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

ROUNDS = 6  # loose points, then stray pieces, until nothing changes (3-4 rounds in practice)


class SkinGraph:
    """The skin's edges and triangles, with the coarse labels and the fine areas' sidedness,
    so the rounds below are plain array work. A closed skin wound one way lists each edge once
    in each direction among its triangles' edges; the atlas skin's cut top edge, once."""

    def __init__(
        self,
        faces: np.ndarray,
        coarse_area: np.ndarray,
        coarse_side: np.ndarray,
        sided: np.ndarray,
    ) -> None:
        f = np.asarray(faces, dtype=np.int32)
        self.faces = f
        self.u = f.ravel()
        self.v = f[:, [1, 2, 0]].ravel()
        self.n = len(coarse_area)
        self.coarse = np.asarray(coarse_area, dtype=np.int32)
        self.side = np.asarray(coarse_side, dtype=np.int32)
        self.sided = np.asarray(sided, dtype=bool)
        self.coarse_key = np.where(self.coarse < 0, -1, 2 * self.coarse + self.side)
        # an edge along which a fine label may pass: both ends in one coarse area
        self.open_edge = (self.coarse[self.u] == self.coarse[self.v]) & (self.coarse[self.u] >= 0)
        self.same_side = self.side[self.u] == self.side[self.v]

    def key(self, codes: np.ndarray) -> np.ndarray:
        """One key per (fine area, side): a midline area is one key across both sides."""
        c = codes.astype(np.int32)
        side = np.where(self.sided[np.maximum(c, 0)], self.side, 2)
        return np.where(c < 0, -1, 3 * c + side)

    def components(self, key: np.ndarray) -> np.ndarray:
        """Component id per point, joining points along edges whose ends share a key."""
        same = key[self.u] == key[self.v]
        graph = coo_matrix(
            (np.ones(int(same.sum()), dtype=np.int8), (self.u[same], self.v[same])),
            shape=(self.n, self.n),
        )
        return np.asarray(connected_components(graph, directed=True, connection="weak")[1])

    def votes(
        self, codes: np.ndarray, movable: np.ndarray, size: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Edges (both ways) from a movable point to a neighbour whose label it may take: a
        different label of the same coarse area, of its own side or a midline one, held by a
        settled point or by a larger piece (``size``: each point's piece size), so two small
        pieces never swap labels."""
        froms, tos = [], []
        for u, v in ((self.u, self.v), (self.v, self.u)):
            e = np.nonzero(movable[u] & self.open_edge)[0]
            e = e[~movable[v[e]] | (size[v[e]] > size[u[e]])]
            cu, cv = codes[u[e]], codes[v[e]]
            ok = (cu != cv) & (cv >= 0) & (self.same_side[e] | ~self.sided[np.maximum(cv, 0)])
            froms.append(u[e[ok]])
            tos.append(v[e[ok]])
        return np.concatenate(froms), np.concatenate(tos)


def _winner(groups: np.ndarray, labels: np.ndarray, n_groups: int) -> np.ndarray:
    """Per group, the most frequent label among its votes (-1 for a group with none)."""
    out = np.full(n_groups, -1, dtype=np.intp)
    if len(groups) == 0:
        return out
    pairs, counts = np.unique(np.column_stack([groups, labels]), axis=0, return_counts=True)
    order = np.lexsort((-counts, pairs[:, 0]))  # by group, most votes first
    first = np.unique(pairs[order, 0], return_index=True)[1]
    best = pairs[order][first]
    out[best[:, 0]] = best[:, 1]
    return out


def _merge_strays(g: SkinGraph, codes: np.ndarray) -> bool:
    """Give every piece of a fine area but its largest to the neighbour area it borders most;
    True when any moved. A coarse island keeps the label of its largest piece."""
    key = g.key(codes)
    comp = g.components(key)
    sizes = np.bincount(comp)
    largest = np.zeros(int(key.max()) + 2, dtype=np.intp)  # key -> size of its largest piece
    np.maximum.at(largest, key + 1, sizes[comp])
    stray = (key >= 0) & (sizes[comp] < largest[key + 1])
    if not stray.any():
        return False
    here, there = g.votes(codes, stray, sizes[comp])
    winner = _winner(comp[here], codes[there], len(sizes))
    new = winner[comp]
    move = stray & (new >= 0)
    codes[move] = new[move]
    return bool(move.any())  # a piece may have taken a label that moved too: look again


def _settle_loose(g: SkinGraph, codes: np.ndarray) -> bool:
    """A point in no triangle of its own fine area, though in triangles of its coarse area,
    takes the fine area that gives it the most whole triangles (one whose other two corners
    share it): the boundary gets no one-point spikes."""
    key = g.key(codes)
    f = g.faces
    k0, k1, k2 = key[f[:, 0]], key[f[:, 1]], key[f[:, 2]]
    held = np.zeros(g.n, dtype=bool)
    held[f[(k0 == k1) & (k1 == k2)].ravel()] = True
    c = g.coarse_key[f]
    in_coarse = (c[:, 0] == c[:, 1]) & (c[:, 1] == c[:, 2]) & (c[:, 0] >= 0)
    loose = (codes >= 0) & ~held
    corners, labels = [], []
    for a, b, d in ((0, 1, 2), (1, 2, 0), (2, 0, 1)):
        pa, pb, pd = f[:, a], f[:, b], f[:, d]
        ok = in_coarse & loose[pa] & (key[pb] == key[pd]) & (key[pb] != key[pa])
        corners.append(pa[ok])
        labels.append(codes[pb[ok]])
    point, label = np.concatenate(corners), np.concatenate(labels).astype(np.intp)
    if not len(point):
        return False
    winner = _winner(point, label, g.n)
    move = loose & (winner >= 0)
    codes[move] = winner[move]
    return bool(move.any())


def tidy(
    codes: np.ndarray,
    faces: np.ndarray,
    coarse_area: np.ndarray,
    coarse_side: np.ndarray,
    sided: np.ndarray,
) -> np.ndarray:
    """The fine codes with stray pieces and loose points given to the area around them."""
    out = np.array(codes, dtype=np.int16)
    g = SkinGraph(faces, coarse_area, coarse_side, sided)
    pending = True  # strays may be left: the first round always looks
    for _ in range(ROUNDS):
        moved = _settle_loose(g, out)
        if not (moved or pending):
            break
        # moving loose points can split an area; merging never leaves a stray it could move
        pending = _merge_strays(g, out)
    return out
