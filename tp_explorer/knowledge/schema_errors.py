"""Pydantic's errors as Problems: the file's line and column, the key path, plain words.

A refusal from schema_types already carries its words; pydantic's own structural errors
(a missing key, an unknown key, a record that is not a mapping) are worded here, naming the
record by its ``what`` ("missing required key 'meshes' in a muscle").
"""

from __future__ import annotations

import types
from typing import Annotated, Union, get_args, get_origin

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from tp_explorer.knowledge import schema
from tp_explorer.knowledge.problems import Problem
from tp_explorer.knowledge.schema_types import KNOWLEDGE_ERROR, Finding
from tp_explorer.knowledge.yaml_source import PathKey, YamlDocument

NOT_A_MAPPING = ("model_type", "model_attributes_type", "dict_type")


Root = type[schema.KnowledgeFile]


def problems_from(
    error: ValidationError, doc: YamlDocument, root: Root = schema.KnowledgeFile
) -> list[Problem]:
    """Every error pydantic found, placed in the file (checked against ``root``'s records)."""
    return [p for details in error.errors(include_url=False) for p in _problems(details, doc, root)]


def _problems(details: ErrorDetails, doc: YamlDocument, root: Root) -> list[Problem]:
    loc: PathKey = tuple(details["loc"])
    kind = details["type"]
    if kind == KNOWLEDGE_ERROR:
        findings = details.get("ctx", {}).get("findings", ())
        return [
            doc.problem((*loc, *f.at), f.message, f.expected, f.got)
            for f in findings
            if isinstance(f, Finding)
        ]
    if kind == "missing":
        record = record_at(loc[:-1], root)
        say = record.missing.get(str(loc[-1]))
        if say is not None:
            return [doc.problem(loc[:-1], say.message, say.expected)]
        return [doc.problem(loc[:-1], f"missing required key '{loc[-1]}' in {record.what}")]
    if kind == "extra_forbidden":
        record = record_at(loc[:-1], root)
        allowed = "one of: " + ", ".join(record.model_fields)
        return [doc.problem(loc, f"unknown key '{loc[-1]}' in {record.what}", allowed)]
    if kind in NOT_A_MAPPING:
        message = f"wrong type for {record_at(loc, root).what}"
        return [doc.problem(loc, message, "a mapping of keys and values", details["input"])]
    # every value type refuses in its own words; this is only a net for a type added without
    return [doc.problem(loc, details["msg"], None, details["input"])]


def record_at(loc: PathKey, root: Root = schema.KnowledgeFile) -> type[schema.Record]:
    """The record class of the value at ``loc`` (the knowledge file itself for ())."""
    current: object = root
    for part in loc:
        record = _record(current)
        if isinstance(part, str) and record is not None and part in record.model_fields:
            current = record.model_fields[part].annotation
        else:
            current = _items(current)
    return _record(current) or schema.Record


def _bare(annotation: object) -> object:
    """``X`` from ``Annotated[X, ...]`` and from ``X | None``."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin is Union or origin is types.UnionType:
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        else:
            return annotation


def _record(annotation: object) -> type[schema.Record] | None:
    bare = _bare(annotation)
    if isinstance(bare, type) and issubclass(bare, schema.Record):
        return bare
    return None


def _items(annotation: object) -> object:
    """The entry type of a ``tuple[X, ...]`` annotation, else None."""
    bare = _bare(annotation)
    return get_args(bare)[0] if get_origin(bare) is tuple else None
