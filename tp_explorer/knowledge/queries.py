"""The loaded knowledge base and the questions the window and command line ask of it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from tp_explorer.knowledge.area_names import asked_areas, group_for
from tp_explorer.knowledge.cautions import NeedleCaution
from tp_explorer.knowledge.chapters import CHAPTERS
from tp_explorer.knowledge.model import (
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
from tp_explorer.knowledge.problems import UnknownNameError
from tp_explorer.knowledge.search import MIN_SCORE, best_score
from tp_explorer.knowledge.vocabulary import SIDES

SIDE_CHOICES: tuple[str, ...] = (*SIDES, "both")
_KIND_ORDER = {"site": 0, "condition": 1, "muscle": 2}


def _unknown(what: str, value: object, valid: tuple[str, ...] | list[str]) -> UnknownNameError:
    return UnknownNameError(f"unknown {what} {value!r}; valid {what}s: {', '.join(valid)}")


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

    def study_for(self, site_id: str) -> Study:
        """The study the article cites for this site."""
        return self.site(site_id).study

    def sites_for_area(self, area: str) -> tuple[Site, ...]:
        """Pain sites that cover a body area, or the group a fine area lies in (for a click on
        the skin)."""
        group = group_for(area)
        return tuple(s for s in self.sites.values() if group in s.areas)

    def search(self, text: str, limit: int = 20) -> tuple[SearchHit, ...]:
        """Sites, conditions and muscles matching ``text``, best first; tolerant of typos."""
        if not text or not text.strip() or limit <= 0:
            return ()
        hits: list[tuple[SearchHit, int]] = []
        order = 0
        for site in self.sites.values():
            s = best_score(text, [site.name, site.id.replace("_", " ")])
            hits.append((SearchHit("site", site.id, site.name, site.id, s), order))
            order += 1
            for cond in site.conditions:
                s = best_score(text, [cond.name, *cond.synonyms])
                label = f"{cond.name} ({site.name})"
                hits.append((SearchHit("condition", cond.id, label, site.id, s), order))
                order += 1
            for flag in site.red_flags:
                if not flag.terms:
                    continue
                # A word for another diagnosis lands on the site, whose card opens with the
                # red flags; the label says so, so it never reads as a trigger-point condition.
                s = best_score(text, flag.terms)
                term = flag.terms[0]
                label = f"{term[:1].upper()}{term[1:]}: check the warning signs first ({site.name})"
                hits.append((SearchHit("site", site.id, label, site.id, s), order))
                order += 1
        for m in self.muscles.values():
            s = best_score(text, [m.name, m.id.replace("_", " "), *m.synonyms])
            hits.append((SearchHit("muscle", m.id, m.name, None, s), order))
            order += 1
        found = [(h, o) for h, o in hits if h.score >= MIN_SCORE]
        found.sort(key=lambda ho: (-round(ho[0].score, 3), _KIND_ORDER[ho[0].kind], ho[1]))
        return tuple(replace(h, score=round(h.score, 3)) for h, _ in found[:limit])

    @property
    def trigger_point_count(self) -> int:
        return sum(len(m.trigger_points) for m in self.muscles.values())

    def summary(self) -> str:
        return (
            f"{len(self.sites)} sites, {len(self.muscles)} muscles, "
            f"{self.trigger_point_count} trigger points, {len(self.studies)} studies"
        )
