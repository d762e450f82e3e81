"""The declared schema: strict records, plain messages for every kind of mistake, all of them at
once, and the JSON Schema export (`tp-explorer schema`, docs/regions.schema.json)."""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tp_explorer.cli import main
from tp_explorer.knowledge import KnowledgeError, schema, schema_v1
from tp_explorer.knowledge.chapters import CHAPTERS
from tp_explorer.knowledge.json_schema import regions_json_schema, regions_json_schema_text
from tp_explorer.knowledge.loader import validate
from tp_explorer.knowledge.model import ROLES, URGENCIES
from tp_explorer.knowledge.schema_errors import record_at
from tp_explorer.knowledge.skin_areas import FINE_AREA_IDS
from tp_explorer.knowledge.validation import check
from tp_explorer.knowledge.vocabulary import BODY_AREAS, MESH_IDS
from tp_explorer.knowledge.yaml_source import YamlDocument

from .conftest import MINIMAL, MINIMAL_V2, REGIONS, REPO

COMMITTED = REPO / "docs" / "regions.schema.json"
# The records of the current version (schema.py); version 1's own are in schema_v1.py.
RECORDS = [r for r in schema.Record.__subclasses__() if r.__module__ == schema.__name__]
V1_RECORDS = [
    r
    for r in vars(schema_v1).values()
    if isinstance(r, type) and issubclass(r, schema.Record) and r.__module__ == schema_v1.__name__
]
PYDANTIC_WORDING = ("Input should", "Field required", "Extra inputs", "validation error")


def test_committed_schema_is_the_generated_one() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == regions_json_schema_text(), (
        "docs/regions.schema.json is stale: run `tp-explorer schema --out "
        "docs/regions.schema.json --force`"
    )


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == regions_json_schema() and err == ""


def test_schema_out_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "regions.schema.json"
    assert main(["schema", "--out", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == regions_json_schema()
    assert str(target) in capsys.readouterr().out
    target.write_text("mine", encoding="utf-8")
    assert main(["schema", "--out", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mine"
    assert main(["schema", "--out", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8") == regions_json_schema_text()


def test_every_record_is_strict_closed_and_frozen() -> None:
    assert len(RECORDS) == 16  # 15 before issue 25 added PatientPrecaution
    assert {r.__name__ for r in V1_RECORDS} == {
        "KnowledgeFileV1", "MuscleV1", "TriggerPointV1", "ReferralV1",
    }  # fmt: skip
    for record in (*RECORDS, *V1_RECORDS):
        config = record.model_config
        assert config.get("strict") and config.get("frozen"), record
        assert config.get("extra") == "forbid", record
        assert record.what != schema.Record.what, f"{record.__name__} has no 'what'"


def test_json_schema_states_every_key_and_the_vocabularies() -> None:
    exported = regions_json_schema()
    defs = exported["$defs"]
    assert isinstance(defs, dict)
    for record in RECORDS:
        shape = exported if record is schema.KnowledgeFile else defs[record.__name__]
        assert list(shape["properties"]) == list(record.model_fields), record
        assert shape["additionalProperties"] is False
    site = defs["Site"]["properties"]
    assert site["areas"]["items"]["enum"] == list(BODY_AREAS)
    assert site["areas"]["minItems"] == 1 and site["areas"]["uniqueItems"] is True
    assert defs["Muscle"]["properties"]["meshes"]["items"]["enum"] == list(MESH_IDS)
    chart = defs["PointReferral"]["properties"]
    assert chart["essential"]["items"]["enum"] == list(FINE_AREA_IDS)
    assert chart["spillover"]["items"]["enum"] == list(FINE_AREA_IDS)
    assert chart["status"]["anyOf"][0]["enum"] == ["confirmed", "single", "unsure"]
    assert "referral" in defs["TriggerPoint"]["required"]
    choices = defs["TriggerPoint"]["properties"]["referral"]["anyOf"]
    assert choices == [{"$ref": "#/$defs/PointReferral"}, {"$ref": "#/$defs/NoReferral"}]
    assert defs["NoReferral"]["required"] == ["none"]
    assert defs["ChainLink"]["properties"]["role"]["enum"] == list(ROLES)
    assert defs["RedFlag"]["properties"]["urgency"]["enum"] == list(URGENCIES)
    assert defs["RedFlag"]["properties"]["sign"]["maxLength"] == 200
    assert exported["required"] == [
        "schema_version", "disclaimer", "model_note", "adjunct", "studies", "muscles", "sites",
    ]  # fmt: skip


def test_json_schema_requires_a_muscles_chapter_from_the_list() -> None:
    muscle = regions_json_schema()["$defs"]["Muscle"]
    assert "chapter" in muscle["required"]
    assert muscle["properties"]["chapter"]["enum"] == list(CHAPTERS)
    assert CHAPTERS[-1] == "Other" and len(set(CHAPTERS)) == len(CHAPTERS)


def test_a_problem_names_its_record() -> None:
    assert record_at(()) is schema.KnowledgeFile
    assert record_at(("sites", 2)) is schema.Site
    assert record_at(("sites", 0, "chain", 1)) is schema.ChainLink
    assert record_at(("sites", 0, "estim")) is schema.Estim
    assert record_at(("red_flags", 3)) is schema.RedFlag
    assert record_at(("muscles", 1, "trigger_points", 0, "placement")) is schema.Placement
    assert record_at(("studies", 0, "citation")) is schema.Citation
    chart = ("muscles", 0, "trigger_points", 1, "referral")
    assert record_at(chart) is schema.PointReferral
    v1 = schema_v1.KnowledgeFileV1
    assert record_at(("muscles", 0, "referral"), v1) is schema_v1.ReferralV1
    assert record_at(("muscles", 0, "trigger_points", 0), v1) is schema_v1.TriggerPointV1


def write(tmp_path: Path, data: object, name: str = "edited.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@functools.cache
def _minimal(path: Path = MINIMAL) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def minimal(path: Path = MINIMAL) -> dict[str, object]:
    """A small valid file's content (version 1 unless ``path`` says), a fresh copy to edit."""
    return copy.deepcopy(_minimal(path))


def test_problems_in_several_records_are_all_reported(tmp_path: Path) -> None:
    data = minimal()
    studies, muscles, sites = data["studies"], data["muscles"], data["sites"]
    assert isinstance(studies, list) and isinstance(muscles, list) and isinstance(sites, list)
    studies[0]["citation"]["year"] = "2020"  # a wrong value in a study
    muscles.append(copy.deepcopy(muscles[0]))  # a muscle id used twice
    sites[0]["name"] = ""  # a broken site ...
    sites[0]["chain"][1]["muscle"] = "gastrocnemus"  # ... still has its names checked
    sites[0]["red_flags"][0]["urgency"] = "later"
    with pytest.raises(KnowledgeError) as info:
        validate(write(tmp_path, data), (tmp_path / "edited.yaml").read_bytes())
    found = {(p.path, p.message.split(" (first at line")[0]) for p in info.value.problems}
    assert found == {
        ("studies[0].citation.year", "wrong value"),
        ("muscles[2].id", "duplicate muscle id 'soleus'"),
        ("sites[0].name", "wrong type"),
        ("sites[0].chain[1].muscle", "unknown muscle 'gastrocnemus'"),
        ("sites[0].red_flags[0].urgency", "unknown urgency"),
    }
    assert [p.line for p in info.value.problems] == sorted(p.line for p in info.value.problems)


def mutations(
    data: object, path: tuple[str | int, ...] = (), source: Path = MINIMAL
) -> Iterator[object]:
    """The small file with one value replaced by a wrong one, or one key dropped or added."""
    children = list(data.items()) if isinstance(data, dict) else list(enumerate(data))
    for key, child in children:
        for bad in (None, 7, "", [], {"x": 1}):
            yield edited(path, key, bad, source)
        if isinstance(data, dict):
            yield edited(path, key, DROP, source)
            yield edited(path, "zz_extra", "x", source)
        if isinstance(child, dict | list):
            yield from mutations(child, (*path, key), source)


DROP = object()


def edited(
    path: tuple[str | int, ...], key: str | int, value: object, source: Path = MINIMAL
) -> object:
    data = minimal(source)
    node: dict | list = data
    for part in path:
        node = node[part]
    if value is DROP:
        del node[key]
    else:
        node[key] = value
    return data


@pytest.mark.parametrize("source", [MINIMAL, MINIMAL_V2], ids=["version_1", "version_2"])
def test_every_mistake_is_said_in_plain_words(source: Path) -> None:
    """Each one-value mistake to a small file (an older one and a current one) is refused in
    the file's own words (never pydantic's), each problem with a key path (lines are the broken
    corpus's business)."""
    refused = 0
    for data in mutations(minimal(source), source=source):
        try:
            check(YamlDocument("edited.yaml", data, {}))
        except KnowledgeError as exc:
            refused += 1
            for problem in exc.problems:
                assert not any(w in problem.message for w in PYDANTIC_WORDING), problem
                assert problem.path or "the knowledge file" in problem.message, problem
    assert refused > 600


def test_the_shipped_file_passes_the_schema_as_it_is() -> None:
    validate(REGIONS, REGIONS.read_bytes())
