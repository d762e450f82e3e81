"""load_knowledge: the one way to read a regions file (shipped or the user's own)."""

from __future__ import annotations

import os
from pathlib import Path

from tp_explorer.knowledge.queries import Knowledge
from tp_explorer.knowledge.validate import build
from tp_explorer.knowledge.yaml_source import load_yaml


def load_knowledge(path: str | os.PathLike[str] | None = None) -> Knowledge:
    """Load and validate a knowledge file; raise KnowledgeError listing every problem.

    ``None`` means the regions.yaml shipped with the program. The file is only ever read.
    """
    if path is None:
        from tp_explorer.resources import regions_path

        path = regions_path()
    source = Path(path)
    parts = build(load_yaml(source))
    return Knowledge(source=source, **parts)  # type: ignore[arg-type]
