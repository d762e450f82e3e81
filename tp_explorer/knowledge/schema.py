"""The knowledge file (regions.yaml) as declared records: the one statement of its shape.

Each record is a strict, frozen pydantic model that refuses unknown keys; its fields use the
types of schema_types, so a bad value is reported in the file's own words. Checks between
records (ids naming other records, ids used twice) are in references.py; build.py turns a
checked file into the program's values (model.py). ``tp-explorer schema`` exports this as JSON
Schema (json_schema.py).

To extend the file, add a field here (and to the value in model.py that build.py fills).
Version 2 charts the referral per trigger point on the fine skin map and names each muscle's
chapter (chapters.py); a version 1 file (one pattern per muscle, on the 29 coarse areas, no
chapters) is still read: schema_v1.py declares it and migrate.py turns it into this shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, ClassVar

from pydantic import ConfigDict, Field, PlainValidator, model_validator

from tp_explorer.knowledge.cautions import CAUTION_KINDS
from tp_explorer.knowledge.chapters import CHAPTERS
from tp_explorer.knowledge.precautions import PRECAUTION_KINDS
from tp_explorer.knowledge.schema_approaches import NeedleApproaches
from tp_explorer.knowledge.schema_base import NONEMPTY as NONEMPTY
from tp_explorer.knowledge.schema_base import Record as Record
from tp_explorer.knowledge.schema_types import (
    AreaName,
    ArticleReference,
    AspectName,
    BasisName,
    ChapterName,
    ConditionId,
    Doi,
    Finding,
    Fraction,
    Id,
    Link,
    ListOf,
    MeshName,
    Millimetres,
    MuscleId,
    OneOf,
    Refuse,
    RoleName,
    SampleSize,
    Say,
    ShortText,
    Sign,
    SkinAreaName,
    StatusName,
    StudyId,
    Switch,
    Text,
    Unverifiable,
    UrgencyName,
    Year,
    refusal,
    refuse_when,
)

SCHEMA_VERSION = 2  # the version this module declares (and a new file should state)
SUPPORTED_VERSIONS = (1, 2)  # 1: read through schema_v1 and migrate


def records(what: str) -> ListOf:
    """A list of records with ids, at least one (the ids are checked in references.py)."""
    return ListOf(
        Say(f"wrong type for the {what} list", f"a list of {what} records"),
        Say(f"no {what} records", f"at least one {what}"),
        unique=False,
    )


def required_list(missing: Say) -> ListOf:
    """A list of records that must have at least one, with one message for both failures."""
    return ListOf(missing, missing, unique=False)


def _unsupported(version: int) -> Finding | None:
    if version in SUPPORTED_VERSIONS:
        return None
    expected = f"{SCHEMA_VERSION} (or 1 for an older file, read and converted)"
    return Finding("unsupported schema version", version, expected)


SchemaVersion = Annotated[
    int,
    Field(ge=1, le=1000),
    Refuse("wrong value", "a whole number from 1 to 1000"),
    refuse_when(_unsupported),
]
RED_FLAGS_MISSING = Say("red flags missing", "a list of at least one red flag")


class Citation(Record):
    """A study's corrected citation; null where not confirmed (then listed in ``unverified``)."""

    what: ClassVar[str] = "a citation"
    authors: Annotated[tuple[Text, ...], ListOf(empty=NONEMPTY, unique=False)]
    year: Year
    title: Text
    journal: Text
    volume: ShortText | None
    issue: ShortText | None
    pages: ShortText | None
    doi: Doi | None


class Study(Record):
    """One study: what the article says it showed, and what it actually examined and found."""

    what: ClassVar[str] = "a study"
    id: Id
    article_reference: Annotated[
        ArticleReference | None,
        Field(description="position in the article's reference list; null if not listed"),
    ]
    citation: Citation
    unverified: Annotated[
        tuple[Unverifiable, ...],
        ListOf(),
        Field(description="citation fields (or 'needled') no checked source confirmed"),
    ]
    article_citation_errors: Text
    design: Text
    plain_design: Text
    population: Text
    sample_size: SampleSize
    sample_unit: Text
    intervention: Text
    comparison: Text
    needled: Text
    main_result: Text
    follow_up: Text
    evidence_level: ShortText
    article_use: Text
    actual_finding: Text
    links: Annotated[tuple[Link, ...], ListOf()]

    @model_validator(mode="after")
    def nulls_are_unverified(self) -> Study:
        """A citation field left null must be named in ``unverified``."""
        found = [
            Finding(
                f"{name} is null but not listed in 'unverified'",
                None,
                f"the value, or '{name}' added to the study's unverified list",
                ("citation", name),
            )
            for name in ("volume", "issue", "pages", "doi")
            if getattr(self.citation, name) is None and name not in self.unverified
        ]
        if found:
            raise refusal(*found)
        return self


class Placement(Record):
    """Where anatomy/ draws a trigger point on one of its muscle's meshes."""

    what: ClassVar[str] = "a placement"
    mesh: Annotated[
        MeshName, Field(description="one of the muscle's meshes; absent: its first mesh")
    ] = ""
    along: Annotated[Fraction, Field(description="0 = proximal (origin) end, 1 = distal end")]
    aspect: AspectName | None = None


class PointReferral(Record):
    """Where one trigger point sends pain: essential and spillover areas of the fine skin map."""

    what: ClassVar[str] = "a referral chart"
    essential: Annotated[
        tuple[SkinAreaName, ...],
        ListOf(empty=NONEMPTY),
        Field(description="the main zone: fine skin areas (tp-explorer list areas)"),
    ]
    spillover: Annotated[
        tuple[SkinAreaName, ...],
        ListOf(),
        Field(description="the wider, weaker zone; [] where no source names one"),
    ]
    labelled: Annotated[
        Switch, Field(description="true only where a source labels the zones themselves")
    ]
    status: Annotated[
        StatusName | None,
        Field(
            description="confirmed: the manual's text or two independent sources; single: one "
            "secondary source; unsure: the zones are given for the whole muscle only"
        ),
    ] = None
    sources: Annotated[
        tuple[Text, ...],
        ListOf(empty=Say("no sources", "at least one source, e.g. [S12, P4]")),
        Field(description="the sources that report this pattern (their tags, such as S12)"),
    ]
    note: Text

    @model_validator(mode="after")
    def zones_apart(self) -> PointReferral:
        """An area is in one zone only."""
        both = set(self.essential) & set(self.spillover)
        if both:
            raise refusal(
                Finding(
                    "area listed as both essential and spillover",
                    sorted(both)[0],
                    "each area in one zone only",
                    ("spillover",),
                )
            )
        return self


class NoReferral(Record):
    """A trigger point drawn without a chart, and why."""

    what: ClassVar[str] = "a trigger point without a chart"
    none: Annotated[Text, Field(description="why this trigger point has no referral chart")]


def _chart_or_reason(value: object) -> PointReferral | NoReferral:
    """``{none: why}`` is a point without a chart; anything else must be a chart."""
    if isinstance(value, dict) and "none" in value:
        extra = [key for key in value if key != "none"]
        if extra:
            expected = "either {none: why there is no chart} or a chart without 'none'"
            raise refusal(*(Finding(f"'{k}' beside 'none'", k, expected, (k,)) for k in extra))
        return NoReferral.model_validate(value)
    return PointReferral.model_validate(value)


ChartOrReason = Annotated[
    PointReferral | NoReferral,
    PlainValidator(_chart_or_reason, json_schema_input_type=PointReferral | NoReferral),
]
NO_CHART = Say(
    "trigger point without a referral",
    "referral: {essential: [...], spillover: [...], labelled, sources: [...], note}, "
    "or referral: {none: why it has none}",
)


class TriggerPoint(Record):
    """A trigger point: where it is in words, and where it is drawn (its chart follows it)."""

    what: ClassVar[str] = "a trigger point"
    missing: ClassVar[Mapping[str, Say]] = {"referral": NO_CHART}
    id: Id
    location: Text
    placement: Placement
    referral: Annotated[
        ChartOrReason, Field(description="the point's own chart, or {none: why it has none}")
    ]


NO_CHAPTER = Say(
    "muscle without a chapter",
    "chapter: the region it is grouped in, one of " + ", ".join(CHAPTERS),
)


class Muscle(Record):
    """A muscle (or a group the sources describe together) and its trigger points."""

    what: ClassVar[str] = "a muscle"
    missing: ClassVar[Mapping[str, Say]] = {"chapter": NO_CHAPTER}
    id: Id
    name: Text
    chapter: Annotated[
        ChapterName,
        Field(
            description="the region of the body the manual treats it in; list muscles groups by it"
        ),
    ]
    synonyms: Annotated[tuple[Text, ...], ListOf()]
    meshes: Annotated[tuple[MeshName, ...], ListOf(empty=NONEMPTY)]
    trigger_points: Annotated[
        tuple[TriggerPoint, ...],
        required_list(Say("trigger points missing", "a list of at least one trigger point")),
    ]
    referral_note: Annotated[
        Text | None, Field(description="what holds for the referral of all its points together")
    ] = None
    complaints: Annotated[tuple[Text, ...], ListOf(empty=NONEMPTY)]
    precautions: Annotated[tuple[Text, ...], ListOf(empty=NONEMPTY)]
    sources: Text


class Condition(Record):
    """A condition a pain site covers, with the words people use for it."""

    what: ClassVar[str] = "a condition"
    id: Id
    name: Text
    synonyms: Annotated[tuple[Text, ...], ListOf()]


class RedFlag(Record):
    """A sign that means "see a doctor first; do not treat this as a trigger-point problem"."""

    what: ClassVar[str] = "a red flag"
    id: Id
    sign: Sign
    action: Text
    source: Text
    urgency: UrgencyName
    conditions: Annotated[
        tuple[ConditionId, ...],
        ListOf(),
        Field(description="ids of the site's conditions it matters most for; empty: all"),
    ] = ()
    terms: Annotated[
        tuple[Text, ...],
        ListOf(),
        Field(description="words for another diagnosis that a search lands on this flag"),
    ] = ()


class Estim(Record):
    """The electrical-stimulation adjunct, where the article applies it to a site."""

    what: ClassVar[str] = "an electrical-stimulation note"
    studies: Annotated[tuple[StudyId, ...], ListOf(empty=NONEMPTY)]
    note: Text


class ChainLink(Record):
    """A muscle in a site's kinetic chain, with why it is there."""

    what: ClassVar[str] = "a chain link"
    muscle: MuscleId
    role: RoleName
    basis: BasisName
    reason: Text
    studies: Annotated[
        tuple[StudyId, ...],
        ListOf(),
        Field(description="studies in which this muscle was needled for this site"),
    ]


class Site(Record):
    """A pain site: its body areas, conditions, study, red flags and kinetic chain."""

    what: ClassVar[str] = "a site"
    id: Id
    name: Text
    areas: Annotated[tuple[AreaName, ...], ListOf(empty=NONEMPTY)]
    conditions: Annotated[tuple[Condition, ...], records("condition")]
    study: StudyId
    other_studies: Annotated[tuple[StudyId, ...], ListOf()] = ()
    study_note: Text
    explanation: Text
    estim: Estim | None
    chain: Annotated[
        tuple[ChainLink, ...],
        required_list(Say("chain missing", "a list of at least one chain link")),
    ]
    red_flags: Annotated[tuple[RedFlag, ...], required_list(RED_FLAGS_MISSING)]
    study_scope: Annotated[
        Text | None, Field(description="what the cited study was really on, where that differs")
    ] = None


class Adjunct(Record):
    """The adjunct the article pairs with needling, and the study it cites for it."""

    what: ClassVar[str] = "the adjunct"
    name: Text
    description: Text
    study: StudyId
    note: Text


class NeedleCaution(Record):
    """A structure of ``kind`` within ``within_mm`` of a needle's path is named as a caution."""

    what: ClassVar[str] = "a needle caution"
    kind: Annotated[
        str,
        OneOf(CAUTION_KINDS, "structure kind", "one of: " + ", ".join(CAUTION_KINDS)),
    ]
    within_mm: Millimetres
    source: Text


class PatientPrecaution(Record):
    """What a patient tells the therapist first: needling or stimulation is changed or left out."""

    what: ClassVar[str] = "a patient precaution"
    id: Id
    applies_to: Annotated[
        str, OneOf(PRECAUTION_KINDS, "precaution kind", "one of: " + ", ".join(PRECAUTION_KINDS))
    ]
    sign: Text
    action: Text
    source: Text
    sites: Annotated[tuple[Id, ...], ListOf(), Field(description="site ids; empty: all")] = ()


class KnowledgeFile(Record):
    """The clinic's knowledge: studies, muscles and their trigger points, pain sites."""

    model_config = ConfigDict(title="tp_explorer knowledge file (regions.yaml)")
    what: ClassVar[str] = "the knowledge file"
    schema_version: SchemaVersion
    disclaimer: Text
    model_note: Text
    adjunct: Adjunct
    studies: Annotated[tuple[Study, ...], records("study")]
    muscles: Annotated[tuple[Muscle, ...], records("muscle")]
    sites: Annotated[tuple[Site, ...], records("site")]
    red_flags: Annotated[tuple[RedFlag, ...], ListOf(RED_FLAGS_MISSING, unique=False)] | None = (
        Field(default=None, description="signs that matter at every site")
    )
    needle_cautions: (
        Annotated[
            tuple[NeedleCaution, ...],
            ListOf(
                Say("wrong type for needle_cautions", "a list of {kind, within_mm, source}"),
                unique=False,
            ),
        ]
        | None
    ) = Field(default=None, description="how near a needle's path each kind of structure is named")
    patient_precautions: Annotated[tuple[PatientPrecaution, ...], ListOf(unique=False)] | None = (
        Field(default=None, description="what rules out or changes needling or stimulation")
    )
    needle_approaches: NeedleApproaches | None = Field(
        default=None,
        description="per muscle and trigger point: the taught needle approaches, or why none",
    )
