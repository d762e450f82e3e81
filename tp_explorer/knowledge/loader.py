"""load_knowledge: the one way to read a regions file (shipped or the user's own)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from tp_explorer.knowledge.cache import cache_key, read_cached, write_cached
from tp_explorer.knowledge.queries import Knowledge
from tp_explorer.knowledge.source_file import read_source


def load_knowledge(path: str | os.PathLike[str] | None = None) -> Knowledge:
    """Load and validate a knowledge file; raise KnowledgeError listing every problem.

    ``None`` means the regions.yaml shipped with the program. The file is only ever read; a
    file validated before comes from the cache (cache.py).
    """
    if path is None:
        from tp_explorer.resources import regions_path

        path = regions_path()
    source = Path(path)
    raw = read_source(source)
    key = cache_key(raw)
    cached = read_cached(key)
    if cached is not None:
        return replace(cached, source=source)
    knowledge = validate(source, raw)
    write_cached(key, knowledge)
    return knowledge


def validate(source: Path, raw: bytes) -> Knowledge:
    """Parse, check and build the Knowledge of a file's bytes (no cache)."""
    # PyYAML and pydantic are imported here, not at start-up: a cached file needs neither.
    from tp_explorer.knowledge.build import build
    from tp_explorer.knowledge.validation import check
    from tp_explorer.knowledge.yaml_source import parse_yaml

    return build(check(parse_yaml(str(source), raw)), source)
