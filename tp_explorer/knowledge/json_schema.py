"""The JSON Schema of regions.yaml, generated from schema.py (``tp-explorer schema``).

Editors that understand JSON Schema (for YAML too) can then complete keys and names and flag
a wrong value while the file is written; docs/regions.schema.json is this, committed.
"""

from __future__ import annotations

import json

from tp_explorer.knowledge.schema import KnowledgeFile

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def regions_json_schema() -> dict[str, object]:
    """The schema as a JSON-ready dict."""
    return {"$schema": DIALECT, **KnowledgeFile.model_json_schema(mode="validation")}


def regions_json_schema_text() -> str:
    """The schema as the text ``tp-explorer schema`` prints and docs/regions.schema.json holds."""
    return json.dumps(regions_json_schema(), indent=2, ensure_ascii=False) + "\n"
