"""Checks a composed knowledge file: the schema first, then the checks between records.

Every problem is reported at once: pydantic reports each bad value, every name is checked
where it stands, and the checks between records still run on the records that passed, so a
broken study does not hide a muscle listed twice. Nothing is returned unless all is clean.
"""

from __future__ import annotations

from typing import TypeVar

from pydantic import ValidationError

from tp_explorer.knowledge import schema
from tp_explorer.knowledge.problems import KnowledgeError, Problem
from tp_explorer.knowledge.references import FileIds, Indexed, Records, cross_check
from tp_explorer.knowledge.schema_errors import problems_from
from tp_explorer.knowledge.yaml_source import YamlDocument

M = TypeVar("M", bound=schema.Record)


def check(doc: YamlDocument) -> schema.KnowledgeFile:
    """The checked file, or KnowledgeError listing every problem in file order."""
    names = FileIds(doc.data)
    checked: schema.KnowledgeFile | None = None
    try:
        checked = schema.KnowledgeFile.model_validate(doc.data, context=names)
    except ValidationError as exc:
        problems = problems_from(exc, doc)
        records = _records_that_pass(doc.data, exc, names)
    else:
        problems, records = [], Records.of(checked)
    problems.extend(cross_check(records, doc))
    if problems or checked is None:
        raise KnowledgeError(sorted(problems, key=_position))
    return checked


def _position(problem: Problem) -> tuple[int, int]:
    return problem.line, problem.column


def _records_that_pass(data: object, error: ValidationError, names: FileIds) -> Records:
    """The records of each top-level list that have no problem of their own."""
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

    return Records(
        passing("studies", schema.Study),
        passing("muscles", schema.Muscle),
        passing("sites", schema.Site),
        passing("red_flags", schema.RedFlag),
        passing("needle_cautions", schema.NeedleCaution),
    )
