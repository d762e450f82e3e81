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

# The 26 lower-body muscles issue 24 added (from the reference's Part 2), with their chapters.
NEW_MUSCLES: dict[str, str] = {
    "pectineus": "Thigh and knee",
    "popliteus": "Thigh and knee",
    "gemellus_superior": "Hip",
    "gemellus_inferior": "Hip",
    "quadratus_femoris": "Hip",
    "obturator_externus": "Hip",
    "plantaris": "Leg",
    "fibularis_tertius": "Leg",
    "extensor_digitorum_brevis": "Foot intrinsics",
    "extensor_hallucis_brevis": "Foot intrinsics",
    "abductor_digiti_minimi": "Foot intrinsics",
    "flexor_hallucis_brevis": "Foot intrinsics",
    "adductor_hallucis": "Foot intrinsics",
    "lumbricals": "Foot intrinsics",
    "interossei": "Foot intrinsics",
    "flexor_digiti_minimi_brevis": "Foot intrinsics",
    "bulbospongiosus": "Pelvic floor",
    "ischiocavernosus": "Pelvic floor",
    "transverse_perineal": "Pelvic floor",
    "external_anal_sphincter": "Pelvic floor",
    "rectus_abdominis": "Abdominal wall",
    "external_oblique": "Abdominal wall",
    "internal_oblique": "Abdominal wall",
    "transversus_abdominis": "Abdominal wall",
    "pyramidalis": "Abdominal wall",
    "rotatores": "Lumbar paraspinal",
}


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
