"""Read the triangles of a binary glTF (GLB) file: plain accessors, or Draco-compressed ones.

The BodyParts3D files hold one mesh each; VTK's glTF reader cannot decode Draco, so the
container is parsed here (it is a small, fixed format) and Draco buffers go to DracoPy.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import numpy as np

_MAGIC = b"glTF"
_JSON, _BIN = 0x4E4F534A, 0x004E4942
_COMPONENTS = {5120: np.int8, 5121: np.uint8, 5122: np.int16, 5123: np.uint16, 5125: np.uint32,
               5126: np.float32}  # fmt: skip
_WIDTH = {"SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4}
DRACO = "KHR_draco_mesh_compression"
Json = dict[str, Any]  # a parsed glTF JSON object (its layout is checked as it is read)


class GlbError(ValueError):
    """The file is not a readable GLB mesh (truncated, corrupt, or an unknown layout)."""


def _chunks(data: bytes) -> tuple[Json, bytes]:
    if len(data) < 20 or data[:4] != _MAGIC:
        raise GlbError("not a GLB file (no glTF header)")
    _, length = struct.unpack_from("<II", data, 4)
    if length > len(data):
        raise GlbError(f"truncated: header says {length} bytes, file has {len(data)}")
    doc, binary, pos = None, b"", 12
    while pos + 8 <= length:
        size, kind = struct.unpack_from("<II", data, pos)
        body = data[pos + 8 : pos + 8 + size]
        if len(body) != size:
            raise GlbError("truncated chunk")
        if kind == _JSON:
            doc = json.loads(body.decode("utf-8"))
        elif kind == _BIN:
            binary = body
        pos += 8 + size
    if doc is None:
        raise GlbError("no JSON chunk")
    return doc, binary


def _view(doc: Json, binary: bytes, index: int) -> tuple[bytes, int]:
    view = doc["bufferViews"][index]
    start = int(view.get("byteOffset", 0))
    end = start + int(view["byteLength"])
    if end > len(binary):
        raise GlbError("buffer view runs past the binary chunk")
    return binary[start:end], int(view.get("byteStride", 0))


def _accessor(doc: Json, binary: bytes, index: int) -> np.ndarray:
    acc = doc["accessors"][index]
    dtype = np.dtype(_COMPONENTS[int(acc["componentType"])])
    width = _WIDTH[acc["type"]]
    count = int(acc["count"])
    raw, stride = _view(doc, binary, int(acc["bufferView"]))
    offset = int(acc.get("byteOffset", 0))
    item = dtype.itemsize * width
    stride = stride or item
    need = offset + stride * (count - 1) + item if count else 0
    if need > len(raw):
        raise GlbError("accessor runs past its buffer view")
    rows = np.lib.stride_tricks.as_strided(
        np.frombuffer(raw, dtype=np.uint8, count=need - offset, offset=offset),
        shape=(count, item),
        strides=(stride, 1),
    )
    return np.ascontiguousarray(rows).view(dtype).reshape(count, width)


def _draco(doc: Json, binary: bytes, ext: Json) -> tuple[np.ndarray, np.ndarray]:
    import DracoPy  # optional: only the atlas install needs it

    raw, _ = _view(doc, binary, int(ext["bufferView"]))
    try:
        mesh = DracoPy.decode(raw)
    except Exception as exc:  # DracoPy raises its own types for corrupt buffers
        raise GlbError(f"Draco buffer does not decode ({exc})") from exc
    points = np.asarray(mesh.points, dtype=np.float64).reshape(-1, 3)
    faces = np.asarray(mesh.faces, dtype=np.int64).reshape(-1, 3)
    return points, faces


def read_glb(path: Path | str) -> tuple[np.ndarray, np.ndarray]:
    """All triangle primitives of the file as one (points (n, 3) float64, faces (m, 3) int64),
    in the file's own coordinates (node transforms are not applied; the manifest says how)."""
    try:
        data = Path(path).read_bytes()
        doc, binary = _chunks(data)
        points, faces, base = [], [], 0
        for mesh in doc.get("meshes", []):
            for prim in mesh.get("primitives", []):
                if int(prim.get("mode", 4)) != 4:
                    continue
                ext = prim.get("extensions", {}).get(DRACO)
                if ext is not None:
                    p, f = _draco(doc, binary, ext)
                else:
                    p = _accessor(doc, binary, int(prim["attributes"]["POSITION"])).astype(float)
                    if "indices" in prim:
                        idx = _accessor(doc, binary, int(prim["indices"])).astype(np.int64)
                        f = idx.reshape(-1, 3)
                    else:
                        f = np.arange(len(p), dtype=np.int64).reshape(-1, 3)
                if len(f) and (f.min() < 0 or f.max() >= len(p)):
                    raise GlbError("triangle indices point past the vertices")
                points.append(p)
                faces.append(f + base)
                base += len(p)
    except GlbError:
        raise
    except (KeyError, IndexError, TypeError, ValueError, struct.error) as exc:
        raise GlbError(f"unreadable glTF content ({type(exc).__name__}: {exc})") from exc
    if not faces or not sum(len(f) for f in faces):
        raise GlbError("no triangles")
    return np.vstack(points), np.vstack(faces)
