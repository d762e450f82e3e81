"""Fixtures for knowledge tests: the real regions.yaml and the small valid files.

The validated-knowledge cache is kept in a temporary folder, so these tests neither read nor
fill the developer's own cache.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tp_explorer.knowledge import Knowledge, load_knowledge
from tp_explorer.knowledge.cache import ENV_CACHE_DIR

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
REGIONS = REPO / "regions.yaml"
MINIMAL = HERE / "minimal.yaml"  # version 1: one pattern per muscle (an older user's file)
MINIMAL_V2 = HERE / "minimal_v2.yaml"  # the current version: a chart per trigger point
BROKEN = HERE / "broken"


@pytest.fixture(scope="session", autouse=True)
def knowledge_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("knowledge-cache")
    old = os.environ.get(ENV_CACHE_DIR)
    os.environ[ENV_CACHE_DIR] = str(folder)
    yield folder
    if old is None:
        os.environ.pop(ENV_CACHE_DIR, None)
    else:
        os.environ[ENV_CACHE_DIR] = old


@pytest.fixture(scope="session")
def kb(knowledge_cache_dir: Path) -> Knowledge:
    return load_knowledge(REGIONS)
