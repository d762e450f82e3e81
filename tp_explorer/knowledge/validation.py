"""Checks a composed knowledge file: the schema first, then the checks between records.

Every problem is reported at once: pydantic reports each bad value, every name is checked
where it stands, and the checks between records still run on the records that passed, so a
broken study does not hide a muscle listed twice. Nothing is returned unless all is clean.
A version 1 file is checked against its own records (schema_v1) and returned migrated.
"""

from __future__ import annotations

from typing import TypeVar

from pydantic import ValidationError

from tp_explorer.knowledge import schema
from tp_explorer.knowledge.approach_build import approach_problems
from tp_explorer.knowledge.migrate import migrate, migrate_muscle
from tp_explorer.knowledge.problems import KnowledgeError, Problem
from tp_explorer.knowledge.references import FileIds, Indexed, Records, cross_check
from tp_explorer.knowledge.schema_errors import problems_from
from tp_explorer.knowledge.schema_v1 import KnowledgeFileV1, MuscleV1, looks_like_v1
from tp_explorer.knowledge.yaml_source import YamlDocument

M = TypeVar("M", bound=schema.Record)
Root = type[schema.KnowledgeFile]


def root_for(data: object) -> Root:
    """The records a file is checked against: version 1's for a file that says it is one
    (or, with no valid version, is shaped like one), else the current version's."""
    version = data.get("schema_version") if isinstance(data, dict) else None
    if version == 1 or (version not in schema.SUPPORTED_VERSIONS and looks_like_v1(data)):
        return KnowledgeFileV1
    return schema.KnowledgeFile


def check(doc: YamlDocument) -> schema.KnowledgeFile:
    """The checked file (in the current version), or KnowledgeError listing every problem in
    file order."""
    root = root_for(doc.data)
    names = FileIds(doc.data, root)
    checked: schema.KnowledgeFile | None = None
    try:
        checked = root.model_validate(doc.data, context=names)
    except ValidationError as exc:
        problems = problems_from(exc, doc, root)
        records = _records_that_pass(doc.data, exc, names, root)
    else:
        problems, records = [], Records.of(_current(checked))
    problems.extend(cross_check(records, doc))
    if checked is not None and not problems:
        problems.extend(approach_problems(_current(checked), doc))
    if problems or checked is None:
        raise KnowledgeError(sorted(problems, key=_position))
    return _current(checked)


def _current(checked: schema.KnowledgeFile) -> schema.KnowledgeFile:
    return migrate(checked) if isinstance(checked, KnowledgeFileV1) else checked


def _position(problem: Problem) -> tuple[int, int]:
    return problem.line, problem.column


def _records_that_pass(data: object, error: ValidationError, names: FileIds, root: Root) -> Records:
    """The records of each top-level list that have no problem of their own (a version 1
    muscle migrated, so the checks between records see one shape)."""
    broken = {tuple(e["loc"][:2]) for e in error.errors(include_url=False)}

    def passing(key: str, record: type[M]) -> Indexed[M]:
        items = data.get(key) if isinstance(data, dict) else None
        out: list[tuple[int, M]] = []
        for i, item in enumerate(items if isinstance(items, list) else ()):
            if (key, i) in broken:
                continue
            try:
                out.append((i, record.model_validate(item, context=names)))
            except ValidationError:  # cannot happen (it had no error above); left out all the same
                continue
        return tuple(out)

    muscles: Indexed[schema.Muscle]
    if root is KnowledgeFileV1:
        muscles = tuple((i, migrate_muscle(m)) for i, m in passing("muscles", MuscleV1))
    else:
        muscles = passing("muscles", schema.Muscle)
    return Records(
        passing("studies", schema.Study),
        muscles,
        passing("sites", schema.Site),
        passing("red_flags", schema.RedFlag),
        passing("needle_cautions", schema.NeedleCaution),
    )
