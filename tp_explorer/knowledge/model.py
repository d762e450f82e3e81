"""The clinic's knowledge as frozen values: studies, muscles, trigger points, sites, chains.

References between records are resolved to objects after validation, so a value in hand is
always complete (a chain link holds its Muscle, a site holds its Study).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tp_explorer.knowledge.approaches import Needling
from tp_explorer.knowledge.skin_areas import group_of

ROLES: tuple[str, ...] = ("local", "regional")
BASES: tuple[str, ...] = ("referral", "compensation", "article_claim")
ZONES: tuple[str, ...] = ("essential", "spillover")
# How sure a trigger point's chart is: "confirmed" (the manual's text, or two independent
# sources agree), "single" (one secondary source), "unsure" (the zones are given for the whole
# muscle, or only from recollection of the manual, and their tie to this point is not confirmed).
STATUSES: tuple[str, ...] = ("confirmed", "single", "unsure")
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
        """One-line citation with only the confirmed details: a part that is unknown or
        unverified is left out, not marked inline (the study lists what is unverified)."""

        def known(name: str, value: str | None) -> str:
            return "" if value is None or name in unverified else value

        volume, issue = known("volume", self.volume), known("issue", self.issue)
        pages = known("pages", self.pages)
        where = volume + (f"({issue})" if volume and issue else f"issue {issue}" if issue else "")
        where = f";{where}" if where else ""
        where += f":{pages}" if pages and where else f", {pages}" if pages else ""
        text = f"{', '.join(self.authors)}. {self.title}. {self.journal} {self.year}{where}."
        doi = known("doi", self.doi)
        return f"{text} doi:{doi}" if doi else text


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
class PointReferral:
    """Where one trigger point sends pain: areas of the fine skin map (skin_areas.py)."""

    essential: tuple[str, ...]  # fine area ids, the main zone
    spillover: tuple[str, ...]  # fine area ids, the wider zone; never one of ``essential``
    labelled: bool  # True only where a source labels the zones essential / spillover
    status: str | None  # one of STATUSES; None where the file does not grade it
    sources: tuple[str, ...]  # the sources that report the pattern (tags such as "S12")
    note: str

    @property
    def areas(self) -> tuple[str, ...]:
        """Every area of the chart, essential first."""
        return (*self.essential, *self.spillover)

    def zone_of(self, area: str) -> str | None:
        """ "essential", "spillover", or None where the chart does not hold ``area``."""
        if area in self.essential:
            return "essential"
        return "spillover" if area in self.spillover else None


@dataclass(frozen=True)
class TriggerPoint:
    """A trigger point: where it is in words, where anatomy/ draws it, and its own chart."""

    id: str
    location: str
    mesh: str
    along: float  # 0 = proximal (origin) end of the mesh's path, 1 = distal end
    aspect: str | None
    referral: PointReferral | None = None  # None: no chart (``no_referral`` says why)
    no_referral: str = ""  # why the point has no chart, where it has none
    needling: Needling = field(default_factory=Needling)  # taught approaches, published depths


def _groups(areas: Iterable[str]) -> tuple[str, ...]:
    """The coarse body areas (vocabulary.BODY_AREAS) that fine areas lie in, each once."""
    return tuple(dict.fromkeys(group_of(a) for a in areas))


@dataclass(frozen=True)
class Muscle:
    """A muscle (or a group the sources describe together) and its trigger points.

    The muscle's zones are not stored: they are the union of its points' charts, as fine areas
    (``essential_areas``) and as the coarse body areas they lie in (``essential``)."""

    id: str
    name: str
    chapter: str  # the region it is grouped in (chapters.CHAPTERS), as ``list muscles`` shows
    synonyms: tuple[str, ...]
    meshes: tuple[str, ...]
    trigger_points: tuple[TriggerPoint, ...]
    zone_note: str  # what holds for the muscle's points together ("" where nothing)
    complaints: tuple[str, ...]
    precautions: tuple[str, ...]
    sources: str
    studies: tuple[Study, ...] = ()  # studies in which this muscle was actually needled

    @property
    def charts(self) -> tuple[PointReferral, ...]:
        """The charts of the points that have one, in file order."""
        return tuple(tp.referral for tp in self.trigger_points if tp.referral is not None)

    @property
    def essential_areas(self) -> tuple[str, ...]:
        """Fine areas in the essential zone of any of the muscle's points."""
        return tuple(dict.fromkeys(a for chart in self.charts for a in chart.essential))

    @property
    def spillover_areas(self) -> tuple[str, ...]:
        """Fine areas in some point's spillover and in no point's essential zone."""
        essential = set(self.essential_areas)
        spill = (a for chart in self.charts for a in chart.spillover if a not in essential)
        return tuple(dict.fromkeys(spill))

    @property
    def essential(self) -> tuple[str, ...]:
        """Coarse body areas holding an essential area of any point."""
        return _groups(self.essential_areas)

    @property
    def spillover(self) -> tuple[str, ...]:
        """Coarse body areas holding spillover areas only (none of them essential)."""
        essential = set(self.essential)
        return tuple(g for g in _groups(self.spillover_areas) if g not in essential)

    @property
    def zones_labelled(self) -> bool:
        """True where a source labels the zones of at least one point."""
        return any(chart.labelled for chart in self.charts)

    def trigger_point(self, point_id: str) -> TriggerPoint:
        """The point with this id; KeyError naming the muscle's points when there is none."""
        for tp in self.trigger_points:
            if tp.id == point_id:
                return tp
        valid = ", ".join(tp.id for tp in self.trigger_points)
        raise KeyError(f"{self.id} has no trigger point {point_id!r}; its points: {valid}")


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
class ReferringPoint:
    """A trigger point whose chart holds an asked-for area, with its muscle (a ranked answer)."""

    muscle: Muscle
    point: TriggerPoint
    chart: PointReferral  # the point's own chart
    zone: str  # "essential" | "spillover": the best zone of the chart among the asked areas
    areas: tuple[str, ...]  # the asked fine areas the chart holds, in the chart's order

    @property
    def source_count(self) -> int:
        """How many sources report the point's pattern."""
        return len(self.chart.sources)


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "red_flag" | "site" | "condition" | "muscle"
    id: str
    label: str
    site_id: str | None
    score: float
