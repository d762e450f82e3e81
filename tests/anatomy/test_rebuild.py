"""The committed assets are exactly what the build step makes from the models."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tp_explorer.anatomy.format import ASSET_FILE
from tp_explorer.resources import assets_dir


@pytest.mark.slow
def test_rebuild_matches_committed_assets(tmp_path: Path) -> None:
    pytest.importorskip("mujoco")
    pytest.importorskip("myo_sim")
    from tp_explorer.anatomy.builtin.pipeline import build

    build(tmp_path)
    with np.load(assets_dir() / ASSET_FILE) as old, np.load(tmp_path / ASSET_FILE) as new:
        assert sorted(old.files) == sorted(new.files)
        for key in old.files:
            a, b = old[key], new[key]
            assert a.shape == b.shape, key
            if a.dtype.kind == "f":
                assert np.allclose(a, b, atol=1e-5), key
            else:
                assert np.array_equal(a, b), key
