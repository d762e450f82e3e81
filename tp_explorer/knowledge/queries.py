"""The loaded knowledge base and the questions the window and command line ask of it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from tp_explorer.knowledge.area_names import asked_areas, group_for
from tp_explorer.knowledge.cautions import NeedleCaution
from tp_explorer.knowledge.chapters import CHAPTERS
from tp_explorer.knowledge.model import (
    URGENCIES,
    Adjunct,
    ChainLink,
    Muscle,
    RedFlag,
    Referral,
    ReferringPoint,
    SearchHit,
    Site,
    Study,
)
from tp_explorer.knowledge.precautions import PatientPrecaution, for_site
from tp_explorer.knowledge.problems import UnknownNameError
from tp_explorer.knowledge.search import (
    MIN_SCORE,
    SIGN_SCORE,
    asks_for_emergency,
    best_score,
    is_alarm,
    words_in,
)
from tp_explorer.knowledge.vocabulary import SIDES

SIDE_CHOICES: tuple[str, ...] = (*SIDES, "both")
_KIND_ORDER = {"red_flag": 0, "site": 1, "condition": 2, "muscle": 3}


def _unknown(what: str, value: object, valid: tuple[str, ...] | list[str]) -> UnknownNameError:
    return UnknownNameError(f"unknown {what} {value!r}; valid {what}s: {', '.join(valid)}")


def _flag_score(text: str, flag: RedFlag) -> float:
    """How well ``text`` finds a red flag: its terms and its id in words, or every query word in
    its sign and action (search.words_in); a word such as "emergency" finds every flag whose
    urgency is an emergency (search.asks_for_emergency)."""
    found = max(
        best_score(text, [flag.id.replace("_", " "), *flag.terms]),
        words_in(text, f"{flag.sign} {flag.action}"),
    )
    if flag.urgency == "emergency" and asks_for_emergency(text):
        found = max(found, SIGN_SCORE)
    return found


def _flag_label(flag: RedFlag, site_name: str | None) -> str:
    """A red flag as a search result: its first term (or its sign), then where it applies."""
    words = flag.terms[0] if flag.terms else flag.sign
    where = f" ({site_name})" if site_name else " (every site)"
    return f"{words[:1].upper()}{words[1:]}: check the warning signs first{where}"


@dataclass(frozen=True)
class Knowledge:
    """Everything in regions.yaml, validated; dicts keep the file's order."""

    source: Path
    disclaimer: str
    model_note: str
    adjunct: Adjunct
    studies: dict[str, Study]
    muscles: dict[str, Muscle]
    sites: dict[str, Site]
    general_red_flags: tuple[RedFlag, ...] = ()  # signs that matter at every site
    needle_cautions: tuple[NeedleCaution, ...] = ()  # margins per structure kind, with sources
    patient_precautions: tuple[PatientPrecaution, ...] = ()  # who must not be needled, and why
    _areas: dict[str, tuple[Site, ...]] = field(default_factory=dict, repr=False, compare=False)

    def site(self, site_id: str) -> Site:
        """The site with this id, or UnknownNameError listing the valid ids."""
        try:
            return self.sites[site_id]
        except (KeyError, TypeError):
            raise _unknown("site", site_id, list(self.sites)) from None

    def muscle(self, muscle_id: str) -> Muscle:
        try:
            return self.muscles[muscle_id]
        except (KeyError, TypeError):
            raise _unknown("muscle", muscle_id, list(self.muscles)) from None

    def muscles_by_chapter(self) -> tuple[tuple[str, tuple[Muscle, ...]], ...]:
        """The muscles grouped by chapter, in chapters.CHAPTERS order (up the body), each
        group in file order; a chapter without a muscle is left out."""
        groups = ((c, tuple(m for m in self.muscles.values() if m.chapter == c)) for c in CHAPTERS)
        return tuple((chapter, muscles) for chapter, muscles in groups if muscles)

    def chain_for(self, site_id: str, side: str = "both") -> tuple[ChainLink, ...]:
        """The site's kinetic chain, local muscles first, each link marked with its side(s)."""
        site = self.site(site_id)
        if side not in SIDE_CHOICES:
            raise _unknown("side", side, SIDE_CHOICES)
        sides = SIDES if side == "both" else (side,)
        links = sorted(site.chain, key=lambda link: link.role != "local")
        return tuple(replace(link, sides=sides) for link in links)

    def muscles_referring_to(self, area: str) -> tuple[Referral, ...]:
        """Muscles with a point whose chart holds ``area`` (a group or a fine area, as
        area_names.asked_areas reads it): essential ones first, then spillover, in file order."""
        wanted = set(asked_areas(area))
        muscles = self.muscles.values()
        essential = [m for m in muscles if wanted.intersection(m.essential_areas)]
        first = {m.id for m in essential}
        spill = [m for m in muscles if m.id not in first and wanted.intersection(m.spillover_areas)]
        return (
            *(Referral(m, "essential") for m in essential),
            *(Referral(m, "spillover") for m in spill),
        )

    def points_referring_to(self, area: str, exact: bool = False) -> tuple[ReferringPoint, ...]:
        """Trigger points whose chart holds ``area`` (a group or a fine area; ``exact``: the one
        area where a group has its name), ranked: essential before spillover, then by how many
        sources report the pattern, then by muscle name and the muscle's order of points."""
        wanted = asked_areas(area, exact)
        found: list[tuple[tuple[int, int, str, int], ReferringPoint]] = []
        for muscle in self.muscles.values():
            for order, point in enumerate(muscle.trigger_points):
                chart = point.referral
                held = () if chart is None else tuple(a for a in chart.areas if a in wanted)
                if chart is None or not held:
                    continue
                zone = "essential" if any(a in chart.essential for a in held) else "spillover"
                hit = ReferringPoint(muscle, point, chart, zone, held)
                key = (zone != "essential", -hit.source_count, muscle.name.casefold(), order)
                found.append((key, hit))
        found.sort(key=lambda kh: kh[0])
        return tuple(hit for _, hit in found)

    def red_flags_for(self, site_id: str) -> tuple[RedFlag, ...]:
        """The site's red flags and the general ones, most urgent first (file order within).

        The loader has already merged them into ``Site.red_flags``; this names the question.
        """
        return self.site(site_id).red_flags

    def precautions_for(self, site_id: str) -> tuple[PatientPrecaution, ...]:
        """The patient precautions shown at a site: needling first, then electrical
        stimulation (precautions.for_site)."""
        return for_site(self.patient_precautions, self.site(site_id).id)

    def study_for(self, site_id: str) -> Study:
        """The study the article cites for this site."""
        return self.site(site_id).study

    def sites_for_area(self, area: str) -> tuple[Site, ...]:
        """Pain sites that cover a body area, or the group a fine area lies in (for a click on
        the skin)."""
        group = group_for(area)
        return tuple(s for s in self.sites.values() if group in s.areas)

    def search(self, text: str, limit: int = 20) -> tuple[SearchHit, ...]:
        """Red flags, sites, conditions and muscles matching ``text``, best first; tolerant of
        typos. Where the words are about an injury or an emergency (search.is_alarm), the
        red flags that match come first, whatever their score."""
        if not text or not text.strip() or limit <= 0:
            return ()
        hits = [*self._flag_hits(text), *self._site_hits(text)]
        for m in self.muscles.values():
            s = best_score(text, [m.name, m.id.replace("_", " "), *m.synonyms])
            hits.append(SearchHit("muscle", m.id, m.name, None, s))
        order = {id(h): i for i, h in enumerate(hits)}
        found = [h for h in hits if h.score >= MIN_SCORE]
        alarm = is_alarm(text)

        def rank(h: SearchHit) -> tuple[bool, float, int, int]:
            first = alarm and h.kind == "red_flag"
            return (not first, -round(h.score, 3), _KIND_ORDER[h.kind], order[id(h)])

        found.sort(key=rank)
        return tuple(replace(h, score=round(h.score, 3)) for h in found[:limit])

    def _site_hits(self, text: str) -> list[SearchHit]:
        hits = []
        for site in self.sites.values():
            s = best_score(text, [site.name, site.id.replace("_", " ")])
            hits.append(SearchHit("site", site.id, site.name, site.id, s))
            for cond in site.conditions:
                s = best_score(text, [cond.name, *cond.synonyms])
                label = f"{cond.name} ({site.name})"
                hits.append(SearchHit("condition", cond.id, label, site.id, s))
        return hits

    def _flag_hits(self, text: str) -> list[SearchHit]:
        """A red flag's words (its terms and its id in words) land on the flag, labelled as a
        warning sign of its site, so it never reads as a trigger-point condition; a general
        flag is found once, with no site."""
        found: list[tuple[int, SearchHit]] = []  # (urgency rank, hit): ties go most urgent first
        general = {f.id for f in self.general_red_flags}
        for flag in self.general_red_flags:
            hit = SearchHit("red_flag", flag.id, _flag_label(flag, None), None, 0.0)
            found.append(
                (URGENCIES.index(flag.urgency), replace(hit, score=_flag_score(text, flag)))
            )
        for site in self.sites.values():
            for flag in site.red_flags:
                if flag.id in general:
                    continue
                hit = SearchHit("red_flag", flag.id, _flag_label(flag, site.name), site.id, 0.0)
                found.append(
                    (URGENCIES.index(flag.urgency), replace(hit, score=_flag_score(text, flag)))
                )
        found.sort(key=lambda uh: uh[0])
        return [hit for _, hit in found]

    @property
    def trigger_point_count(self) -> int:
        return sum(len(m.trigger_points) for m in self.muscles.values())

    def summary(self) -> str:
        return (
            f"{len(self.sites)} sites, {len(self.muscles)} muscles, "
            f"{self.trigger_point_count} trigger points, {len(self.studies)} studies"
        )
