"""Checks between the records of a knowledge file: names of other records, ids used once.

Two halves. While pydantic validates, ``FileIds`` answers every name field (schema_types.Names:
a chain's muscle, a site's study) from the ids the file defines, so a name is checked wherever
it stands, even inside a record with problems of its own. Afterwards ``cross_check`` looks
across the records that passed the schema: ids used twice, a mesh in two muscles, a trigger
point on another muscle's mesh, a red flag naming a condition its site lacks, a red flag's
search word that is also a condition's name, a needle caution kind given twice, a patient
precaution naming a site the file lacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from pydantic import ValidationError

from tp_explorer.knowledge import schema
from tp_explorer.knowledge.problems import Problem
from tp_explorer.knowledge.schema_errors import record_at
from tp_explorer.knowledge.schema_types import Finding, listing
from tp_explorer.knowledge.yaml_source import PathKey, YamlDocument

# the kinds of record a name field may point at, and the list of the file that holds them
NAMED_KINDS: dict[str, str] = {"study": "studies", "muscle": "muscles"}


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_Identified)
T = TypeVar("T")
Indexed = tuple[tuple[int, T], ...]  # records with their index in the file's list


class FileIds:
    """The ids the file gives each kind of record, read before validation.

    A name that points at a record with problems of its own is not reported again: that
    record's id is here even though the record itself is refused. An unknown name is answered
    with the ids of the records that are valid, as the file would be used.
    """

    def __init__(self, data: object, root: type[schema.KnowledgeFile] = schema.KnowledgeFile):
        self.data = data
        self.root = root  # the file's records (version 1's for an older file)
        self.ids = {kind: _ids(self._items(kind)) for kind in NAMED_KINDS}
        self._valid: dict[str, tuple[str, ...]] = {}

    def _items(self, kind: str) -> list[object]:
        items = self.data.get(NAMED_KINDS[kind]) if isinstance(self.data, dict) else None
        return items if isinstance(items, list) else []

    def valid_ids(self, kind: str) -> tuple[str, ...]:
        """The ids of the ``kind`` records that pass the schema (worked out when first asked)."""
        if kind not in self._valid:
            record = record_at((NAMED_KINDS[kind], 0), self.root)
            valid = []
            for item in self._items(kind):
                try:
                    valid.append(record.model_validate(item))
                except ValidationError:
                    continue
            self._valid[kind] = _ids(valid)
        return self._valid[kind]

    def unknown(self, kind: str, name: str) -> Finding | None:
        """A finding if the file has no ``kind`` record called ``name`` (schema_types.NameBook)."""
        if name in self.ids[kind]:
            return None
        names = ", ".join(self.valid_ids(kind)) or "(none defined)"
        return Finding(f"unknown {kind} '{name}'", name, f"one of: {names}")


def _ids(items: Sequence[object]) -> tuple[str, ...]:
    """The string ids of ``items`` (mappings or records), each once, in file order."""
    found = [
        item.get("id") if isinstance(item, dict) else getattr(item, "id", None) for item in items
    ]
    return tuple(dict.fromkeys(i for i in found if isinstance(i, str)))


@dataclass(frozen=True)
class Records:
    """The records that passed the schema (all of them when the whole file did)."""

    studies: Indexed[schema.Study] = ()
    muscles: Indexed[schema.Muscle] = ()
    sites: Indexed[schema.Site] = ()
    red_flags: Indexed[schema.RedFlag] = ()  # the general ones, at the top of the file
    needle_cautions: Indexed[schema.NeedleCaution] = ()
    precautions: Indexed[schema.PatientPrecaution] = ()

    @classmethod
    def of(cls, file: schema.KnowledgeFile) -> Records:
        return cls(
            tuple(enumerate(file.studies)),
            tuple(enumerate(file.muscles)),
            tuple(enumerate(file.sites)),
            tuple(enumerate(file.red_flags or ())),
            tuple(enumerate(file.needle_cautions or ())),
            tuple(enumerate(file.patient_precautions or ())),
        )


def cross_check(records: Records, doc: YamlDocument) -> list[Problem]:
    """Every problem between the records; records that failed the schema are left out."""
    found = _Found(doc)
    found.unique(("studies",), records.studies, "study")
    muscles = found.unique(("muscles",), records.muscles, "muscle")
    found.meshes_once(muscles)
    for i, muscle in records.muscles:
        found.trigger_points(("muscles", i), muscle)
    sites = found.unique(("sites",), records.sites, "site")
    for i, site in records.sites:
        found.site(("sites", i), site)
    found.red_flags(("red_flags",), records.red_flags, ())
    found.cautions_once(records.needle_cautions)
    found.terms_not_synonyms(sites, records.red_flags)
    found.precautions(records.precautions, tuple(site.id for _, site in sites))
    return found.problems


class _Found:
    """The problems found so far, each placed in the file."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, path: PathKey, message: str, expected: str, value: object) -> None:
        self.problems.append(self.doc.problem(path, message, expected, value))

    def unique(self, path: PathKey, items: Sequence[tuple[int, R]], what: str) -> Indexed[R]:
        """The records whose id is the first of its kind; a later one is a problem."""
        first: dict[str, int] = {}
        kept: list[tuple[int, R]] = []
        for i, record in items:
            if record.id in first:
                line = self.doc.mark((*path, first[record.id])).line
                message = f"duplicate {what} id '{record.id}' (first at line {line})"
                self.add((*path, i, "id"), message, "each id once", record.id)
                continue
            first[record.id] = i
            kept.append((i, record))
        return tuple(kept)

    def meshes_once(self, muscles: Indexed[schema.Muscle]) -> None:
        owner: dict[str, str] = {}
        for i, muscle in muscles:
            for mesh in muscle.meshes:
                if mesh in owner:
                    message = f"mesh '{mesh}' already belongs to muscle '{owner[mesh]}'"
                    self.add(
                        ("muscles", i, "meshes"), message, "each mesh in one muscle only", mesh
                    )
                owner[mesh] = muscle.id

    def trigger_points(self, path: PathKey, muscle: schema.Muscle) -> None:
        """Each trigger point on one of its muscle's own meshes, each id once per muscle."""
        seen: set[str] = set()
        for j, point in enumerate(muscle.trigger_points):
            where = (*path, "trigger_points", j)
            mesh = point.placement.mesh or muscle.meshes[0]
            if mesh not in muscle.meshes:
                self.add(
                    (*where, "placement", "mesh"),
                    "mesh is not one of this muscle's meshes",
                    ", ".join(muscle.meshes),
                    mesh,
                )
            elif point.id in seen:
                message = f"duplicate trigger point id '{point.id}'"
                self.add((*where, "id"), message, "each id once per muscle", point.id)
            else:
                seen.add(point.id)

    def site(self, path: PathKey, site: schema.Site) -> None:
        """A site's conditions and red flags once each, its red flags naming its conditions,
        each chain muscle once."""
        conditions = self.unique(
            (*path, "conditions"), tuple(enumerate(site.conditions)), "condition"
        )
        condition_ids = tuple(c.id for _, c in conditions)
        self.red_flags((*path, "red_flags"), tuple(enumerate(site.red_flags)), condition_ids)
        seen: set[str] = set()
        for j, link in enumerate(site.chain):
            if link.muscle in seen:
                self.add(
                    (*path, "chain", j, "muscle"),
                    "muscle listed twice in this chain",
                    "each muscle once per site",
                    link.muscle,
                )
            seen.add(link.muscle)

    def red_flags(
        self, path: PathKey, flags: Indexed[schema.RedFlag], condition_ids: tuple[str, ...]
    ) -> None:
        seen: set[str] = set()
        for j, flag in flags:
            unknown = [(k, c) for k, c in enumerate(flag.conditions) if c not in condition_ids]
            for k, condition in unknown:
                self.add(
                    (*path, j, "conditions", k),
                    "unknown condition of this site",
                    listing(condition_ids),
                    condition,
                )
            if unknown:
                continue
            if flag.id in seen:
                message = f"duplicate red flag id '{flag.id}'"
                self.add((*path, j, "id"), message, "each id once", flag.id)
                continue
            seen.add(flag.id)

    def cautions_once(self, cautions: Indexed[schema.NeedleCaution]) -> None:
        seen: set[str] = set()
        for i, caution in cautions:
            if caution.kind in seen:
                self.add(
                    ("needle_cautions", i, "kind"),
                    "needle caution kind listed twice",
                    "each kind once",
                    caution.kind,
                )
            seen.add(caution.kind)

    def precautions(
        self, precautions: Indexed[schema.PatientPrecaution], site_ids: tuple[str, ...]
    ) -> None:
        """A patient precaution's id once, and the sites it names defined in the file."""
        self.unique(("patient_precautions",), precautions, "patient precaution")
        for i, precaution in precautions:
            for k, site_id in enumerate(precaution.sites):
                if site_id not in site_ids:
                    self.add(
                        ("patient_precautions", i, "sites", k),
                        f"unknown site '{site_id}'",
                        "one of: " + ", ".join(site_ids),
                        site_id,
                    )

    def terms_not_synonyms(
        self, sites: Indexed[schema.Site], general: Indexed[schema.RedFlag]
    ) -> None:
        """A word that points at another diagnosis (a red flag's term) may not name a condition."""
        flags = [flag for _, flag in general]
        flags.extend(flag for _, site in sites for flag in site.red_flags)
        terms = {term.casefold(): flag.id for flag in flags for term in flag.terms}
        for i, site in sites:
            for j, condition in enumerate(site.conditions):
                for k, word in enumerate((condition.name, *condition.synonyms)):
                    flag_id = terms.get(word.casefold())
                    if flag_id is None:
                        continue
                    where: PathKey = ("sites", i, "conditions", j, "name")
                    if k:
                        where = ("sites", i, "conditions", j, "synonyms", k - 1)
                    self.add(
                        where,
                        f"'{word}' points at another diagnosis (red flag '{flag_id}'), not at a "
                        "trigger-point condition",
                        "the word only in that red flag's terms",
                        word,
                    )
