"""The clinic's knowledge as frozen values: studies, muscles, trigger points, sites, chains.

References between records are resolved to objects after validation, so a value in hand is
always complete (a chain link holds its Muscle, a site holds its Study).
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES: tuple[str, ...] = ("local", "regional")
BASES: tuple[str, ...] = ("referral", "compensation", "article_claim")
ZONES: tuple[str, ...] = ("essential", "spillover")
CITATION_FIELDS: tuple[str, ...] = (
    "authors",
    "year",
    "title",
    "journal",
    "volume",
    "issue",
    "pages",
    "doi",
)
# A study's "unverified" list may name a citation field or "needled": the list of muscles the
# study needled was not among the facts checked for this program.
UNVERIFIABLE: tuple[str, ...] = (*CITATION_FIELDS, "needled")
# How soon a red flag needs a doctor, most urgent first.
URGENCIES: tuple[str, ...] = ("emergency", "same_day", "soon", "before_treatment")


@dataclass(frozen=True)
class Citation:
    """A study's corrected citation; a None field is unknown (listed in Study.unverified)."""

    authors: tuple[str, ...]
    year: int
    title: str
    journal: str
    volume: str | None
    issue: str | None
    pages: str | None
    doi: str | None

    def format(self, unverified: tuple[str, ...] = ()) -> str:
        """One-line citation; unknown or unverified parts are marked as such."""

        def part(name: str, value: str | None) -> str:
            if value is None:
                return f"[{name} not confirmed]"
            return f"{value} [unverified]" if name in unverified else value

        authors = ", ".join(self.authors)
        where = part("volume", self.volume)
        if self.issue is not None or "issue" in unverified:
            where += f"({part('issue', self.issue)})"
        text = f"{authors}. {self.title}. {self.journal} {self.year};{where}:{part('pages', self.pages)}."
        if self.doi is not None or "doi" in unverified:
            text += f" doi:{part('doi', self.doi)}"
        return text


@dataclass(frozen=True)
class Study:
    """One study: what the article says it showed, and what it actually examined and found."""

    id: str
    article_reference: int | None  # position in the article's reference list; None if not listed
    citation: Citation
    unverified: tuple[str, ...]
    article_citation_errors: str
    design: str
    population: str
    sample_size: int
    sample_unit: str
    intervention: str
    comparison: str
    needled: str
    main_result: str
    follow_up: str
    evidence_level: str
    article_use: str
    actual_finding: str
    links: tuple[str, ...]
    plain_design: str = ""  # the design in words a patient can follow (no registry numbers, GRADE)

    @property
    def needled_unverified(self) -> bool:
        """True where the study entry says which muscles it needled is not verified."""
        return "needled" in self.unverified


@dataclass(frozen=True)
class TriggerPoint:
    """A trigger point: where it is in words, and where anatomy/ should draw it."""

    id: str
    location: str
    mesh: str
    along: float  # 0 = proximal (origin) end of the mesh's path, 1 = distal end
    aspect: str | None


@dataclass(frozen=True)
class Muscle:
    """A muscle (or a group the sources describe together) and its referral pattern."""

    id: str
    name: str
    synonyms: tuple[str, ...]
    meshes: tuple[str, ...]
    trigger_points: tuple[TriggerPoint, ...]
    essential: tuple[str, ...]
    spillover: tuple[str, ...]
    zones_labelled: bool  # True only where a source labels the zones essential / spillover
    zone_note: str
    complaints: tuple[str, ...]
    precautions: tuple[str, ...]
    sources: str
    studies: tuple[Study, ...] = ()  # studies in which this muscle was actually needled


@dataclass(frozen=True)
class Condition:
    id: str
    name: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class RedFlag:
    """A sign that means "see a doctor first; do not treat this as a trigger-point problem"."""

    id: str
    sign: str  # what the person notices, in plain words
    action: str  # what to do, in plain words
    source: str  # the guideline or textbook it comes from
    urgency: str  # one of URGENCIES
    conditions: tuple[str, ...] = ()  # the site's conditions it matters most for; () = all
    terms: tuple[str, ...] = ()  # search words that point at this problem, not at a condition


@dataclass(frozen=True)
class ChainLink:
    """A muscle in a site's kinetic chain, with why it is there."""

    muscle: Muscle
    role: str  # "local" | "regional"
    basis: str  # "referral" | "compensation" | "article_claim"
    reason: str
    studies: tuple[Study, ...]  # studies in which this muscle was needled for this site
    sides: tuple[str, ...] = ("left", "right")

    @property
    def unverified_studies(self) -> tuple[Study, ...]:
        """Studies this link names whose own entry says the needled muscles are not verified."""
        return tuple(s for s in self.studies if s.needled_unverified)


@dataclass(frozen=True)
class Estim:
    """The electrical-stimulation adjunct, where the article applies it to a site."""

    studies: tuple[Study, ...]
    note: str


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    areas: tuple[str, ...]
    conditions: tuple[Condition, ...]
    study: Study
    other_studies: tuple[Study, ...]
    study_note: str
    explanation: str
    estim: Estim | None
    chain: tuple[ChainLink, ...]
    red_flags: tuple[RedFlag, ...] = ()  # its own and the general ones, most urgent first
    study_scope: str | None = None  # what the cited study was really on, where that differs


@dataclass(frozen=True)
class Adjunct:
    name: str
    description: str
    study: Study
    note: str


@dataclass(frozen=True)
class Referral:
    """A muscle that refers pain to an area, and whether that is its essential or spillover zone."""

    muscle: Muscle
    zone: str  # "essential" | "spillover"


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "site" | "condition" | "muscle"
    id: str
    label: str
    site_id: str | None
    score: float
