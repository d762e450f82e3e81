"""Name and version of the committed asset file, shared by the build and the loader."""

from __future__ import annotations

ASSET_FILE = "anatomy.npz"
FORMAT_VERSION = 2  # 2: skin normals and the landmark table (the fine skin map)
