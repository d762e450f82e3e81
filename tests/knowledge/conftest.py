"""Fixtures for knowledge tests: the real regions.yaml and the small valid file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tp_explorer.knowledge import Knowledge, load_knowledge

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
REGIONS = REPO / "regions.yaml"
MINIMAL = HERE / "minimal.yaml"
BROKEN = HERE / "broken"


@pytest.fixture(scope="session")
def kb() -> Knowledge:
    return load_knowledge(REGIONS)
