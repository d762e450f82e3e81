"""The value types of the knowledge file, each refusing a bad value in a therapist's words.

Pydantic's own messages ("Input should be a valid string") are replaced type by type with the
file's ("wrong type (got 3 (int); expected non-empty text)"): a check that fails raises a
``refusal`` carrying Findings, which schema_errors turns into Problems with line and column.
The markers here (Refuse, OneOf, ListOf, Names) also shape the exported JSON Schema.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Protocol, TypeVar, runtime_checkable
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from tp_explorer.knowledge.chapters import CHAPTERS
from tp_explorer.knowledge.model import BASES, ROLES, STATUSES, UNVERIFIABLE, URGENCIES
from tp_explorer.knowledge.skin_areas import FINE_AREA_IDS, areas_in_group
from tp_explorer.knowledge.vocabulary import ASPECTS, BODY_AREAS, MESH_IDS
from tp_explorer.knowledge.yaml_source import PathKey

KNOWLEDGE_ERROR = "knowledge"  # the pydantic error type of every refusal made here
ID_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
DOI_PATTERN = r"^10\.\d{4,9}/\S+$"
RED_FLAG_SIGN_MAX = 200  # a sign is read at a glance; longer text belongs in the action

T = TypeVar("T")


@dataclass(frozen=True)
class Finding:
    """One problem a check found: ``at`` is where, below the value the check was given."""

    message: str
    got: object
    expected: str | None
    at: PathKey = ()


def refusal(*findings: Finding) -> PydanticCustomError:
    """The error a check raises; it carries every finding (one check may find several)."""
    return PydanticCustomError(
        KNOWLEDGE_ERROR, "{message}", {"message": findings[0].message, "findings": findings}
    )


def listing(options: tuple[str, ...]) -> str:
    """The names a value may take, as a message shows them (a long list is only counted)."""
    if len(options) <= 12:
        return ", ".join(options)
    return f"one of the {len(options)} names in vocabulary.py"


@dataclass(frozen=True)
class Refuse:
    """Every failure of the annotated type is this one plain problem (not pydantic's words)."""

    message: str
    expected: str

    def __get_pydantic_core_schema__(
        self, source: object, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_wrap_validator_function(self.validate, handler(source))

    def validate(self, value: object, inner: ValidatorFunctionWrapHandler) -> object:
        try:
            return inner(value)
        except ValidationError:
            raise refusal(Finding(self.message, value, self.expected)) from None


@dataclass(frozen=True)
class OneOf:
    """A name from a fixed vocabulary; the JSON Schema lists the names as an enum."""

    options: tuple[str, ...]
    what: str
    expected: str | None = None  # the words for the valid names; default: ``listing``

    def __get_pydantic_core_schema__(
        self, source: object, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_wrap_validator_function(self.validate, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {**handler(schema), "enum": list(self.options)}

    def validate(self, value: object, inner: ValidatorFunctionWrapHandler) -> object:
        if isinstance(value, str) and value in self.options:
            return inner(value)
        expected = self.expected or listing(self.options)
        raise refusal(Finding(f"unknown {self.what}", value, expected))


@dataclass(frozen=True)
class SkinArea(OneOf):
    """A fine skin area; a coarse body area's name is refused with the areas it splits into."""

    def validate(self, value: object, inner: ValidatorFunctionWrapHandler) -> object:
        if isinstance(value, str) and value in BODY_AREAS and value not in self.options:
            expected = "one or more of its areas: " + ", ".join(areas_in_group(value))
            raise refusal(Finding("a group of skin areas, not one area", value, expected))
        return super().validate(value, inner)


@dataclass(frozen=True)
class Say:
    """The words for one way a list can be wrong."""

    message: str
    expected: str


@dataclass(frozen=True)
class ListOf:
    """A YAML list, kept as a tuple: its type, whether it may be empty, entries at most once."""

    not_list: Say = Say("wrong type", "a list")
    empty: Say | None = None  # None: an empty list is fine
    unique: bool = True

    def __get_pydantic_core_schema__(
        self, source: object, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_wrap_validator_function(self.validate, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        out = handler(schema)
        if self.empty is not None:
            out["minItems"] = 1
        if self.unique:
            out["uniqueItems"] = True
        return out

    def validate(self, value: object, inner: ValidatorFunctionWrapHandler) -> object:
        if not isinstance(value, list | tuple):
            raise refusal(Finding(self.not_list.message, value, self.not_list.expected))
        if not value and self.empty is not None:
            raise refusal(Finding(self.empty.message, value, self.empty.expected))
        items = inner(tuple(value))
        if self.unique:
            seen: set[object] = set()
            twice = []
            for i, item in enumerate(items):
                if item in seen:
                    twice.append(Finding("listed twice", value[i], "each entry once", (i,)))
                seen.add(item)
            if twice:
                raise refusal(*twice)
        return items


@runtime_checkable
class NameBook(Protocol):
    """The validation's context: which names of other records the file has (references.py)."""

    def unknown(self, kind: str, name: str) -> Finding | None:
        """A finding if ``name`` is no record of ``kind`` in the file, else None."""


@dataclass(frozen=True)
class Names:
    """The id of another record of the file (a study, a muscle), checked against the context."""

    kind: str

    def __get_pydantic_core_schema__(
        self, source: object, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_wrap_validator_function(self.validate, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {**handler(schema), "description": f"the id of a {self.kind} in this file"}

    def validate(
        self, value: object, inner: ValidatorFunctionWrapHandler, info: ValidationInfo
    ) -> object:
        if not isinstance(value, str):
            raise refusal(
                Finding(f"wrong type for a {self.kind} id", value, f"the id of a {self.kind}")
            )
        book = info.context
        if isinstance(book, NameBook):
            found = book.unknown(self.kind, value)
            if found is not None:
                raise refusal(found)
        return inner(value)


def refuse_when(test: Callable[[T], Finding | None]) -> AfterValidator:
    """An after-validator refusing a value for which ``test`` gives a finding."""

    def check(value: T) -> T:
        found = test(value)
        if found is not None:
            raise refusal(found)
        return value

    return AfterValidator(check)


def _squash(text: str) -> str:
    out = " ".join(text.split())
    if not out:
        raise ValueError("blank text")
    return out


def _number_as_text(value: object) -> object:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _not_https(link: str) -> Finding | None:
    parts = urlsplit(link.strip()) if link.strip() == link else None
    if (
        parts is not None
        and parts.scheme == "https"
        and parts.netloc
        and not any(c.isspace() or ord(c) < 32 for c in link)
    ):
        return None
    return Finding(
        "link is not an https:// URL",
        link,
        "an https:// link (doi.org links are written https://doi.org/...)",
    )


def _too_long_sign(sign: str) -> Finding | None:
    if len(sign) <= RED_FLAG_SIGN_MAX:
        return None
    expected = f"a short sign of at most {RED_FLAG_SIGN_MAX} characters"
    return Finding("red flag sign too long", sign, expected)


# ---- text
Text = Annotated[
    str, Field(pattern=r"\S"), AfterValidator(_squash), Refuse("wrong type", "non-empty text")
]
# a volume, issue, page range or evidence level: text, or a bare number the file may hold
ShortText = Annotated[Text, BeforeValidator(_number_as_text, json_schema_input_type=str | int)]
Sign = Annotated[
    Text, refuse_when(_too_long_sign), Field(json_schema_extra={"maxLength": RED_FLAG_SIGN_MAX})
]
Id = Annotated[
    str,
    Field(pattern=ID_PATTERN),
    Refuse("not a valid id", "lowercase letters, digits and _ (e.g. 'soleus')"),
]
Link = Annotated[
    str,
    Refuse("wrong type", "an https:// link"),
    refuse_when(_not_https),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https://"}),
]
Doi = Annotated[
    str,
    Field(pattern=DOI_PATTERN),
    Refuse("not a DOI", "a DOI such as 10.2522/ptj.20130255, or null"),
]

# ---- numbers and switches
Year = Annotated[
    int, Field(ge=1800, le=2100), Refuse("wrong value", "a whole number from 1800 to 2100")
]
ArticleReference = Annotated[
    int, Field(ge=1, le=99), Refuse("wrong value", "a whole number from 1 to 99")
]
SampleSize = Annotated[
    int, Field(ge=1, le=10_000_000), Refuse("wrong value", "a whole number from 1 to 10000000")
]
Fraction = Annotated[
    float,
    Field(ge=0, le=1, allow_inf_nan=False),
    Refuse("wrong value", "a number from 0 to 1 (0 = origin end)"),
]
Millimetres = Annotated[
    float,
    Field(gt=0, le=100, allow_inf_nan=False),
    Refuse("wrong value", "a distance in mm, more than 0 and at most 100"),
]
Switch = Annotated[bool, Refuse("wrong type", "true or false")]

# ---- names from a fixed vocabulary
AreaName = Annotated[str, OneOf(BODY_AREAS, "body area")]
MeshName = Annotated[str, OneOf(MESH_IDS, "mesh")]
SkinAreaName = Annotated[
    str,
    SkinArea(
        FINE_AREA_IDS,
        "skin area",
        f"one of the {len(FINE_AREA_IDS)} areas of skin_areas.py (see: tp-explorer list areas)",
    ),
]
AspectName = Annotated[str, OneOf(ASPECTS, "aspect")]
StatusName = Annotated[str, OneOf(STATUSES, "status")]
RoleName = Annotated[str, OneOf(ROLES, "role")]
BasisName = Annotated[str, OneOf(BASES, "basis")]
UrgencyName = Annotated[str, OneOf(URGENCIES, "urgency")]
Unverifiable = Annotated[str, OneOf(UNVERIFIABLE, "unverifiable field")]
ChapterName = Annotated[str, OneOf(CHAPTERS, "chapter")]

# ---- names of other records in the file (checked against references.FileIds)
StudyId = Annotated[str, Names("study")]
MuscleId = Annotated[str, Names("muscle")]
ConditionId = Annotated[str, Refuse("wrong type for a condition id", "the id of a condition")]
