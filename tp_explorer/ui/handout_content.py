"""What the patient handout says: its text, gathered from the knowledge queries, with no Qt.

Kept apart from the drawing so the words can be built and tested without a painter, and so
the PDF code only lays out what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from tp_explorer.ui.handout_points import DETAILS, points_text
from tp_explorer.ui.patient_text import (
    DEBATE_TEXT,
    TRIGGER_POINT_TEXT,
    chain_text,
    needled_note,
    precaution_line,
    red_flag_line,
    study_text,
)

if TYPE_CHECKING:
    from tp_explorer.anatomy import Anatomy
    from tp_explorer.knowledge import ChainLink, Knowledge, Study

DISCLAIMER = (
    "This handout is for education only. It is not a diagnosis and does not replace an "
    "examination by your clinician. Referral maps are typical patterns; your pain may differ."
)
DEPTH_HONESTY = (
    "Measured in this model: one adult male body (BodyParts3D) in one standing posture. Real "
    "depths change with body size, fat, muscle bulk and position, so no number here is a safe "
    "needle depth; use your own assessment and imaging where needed."
)
ROLE_WORDS = {"local": "near the painful area", "regional": "further along the chain"}
# What the chain list says of the trigger points, at each detail the page can hold.
POINTS_INTRO = {
    "full": "Muscles near the pain: each trigger point and its main zone (spillover in brackets).",
    "main": "Muscles near the pain: each trigger point and the main zone it sends pain to.",
    "brief": "Muscles near the pain: each trigger point and where it sends its main pain.",
}


@dataclass(frozen=True)
class HandoutContent:
    """Everything the handout prints, as plain text; built from the knowledge queries."""

    site_id: str
    site_label: str
    side: str
    muscles: tuple[tuple[str, str], ...]  # (muscle name, role)
    explanation: tuple[str, ...]
    citation: str
    doi: str
    evidence: str
    zones: tuple[str, ...] = ()  # body areas painted, for the legend
    extra: dict[str, str] = field(default_factory=dict)
    red_flags: tuple[str, ...] = ()  # one plain line per red flag, most urgent first
    # the therapist's part: one line per patient precaution with its source, needling first
    precautions: tuple[str, ...] = ()
    muscle_notes: tuple[str, ...] = ()  # per muscle, how it is linked (same order as muscles)
    anatomy_credit: str = ""  # which body the pictures show, and its source
    depth_lines: tuple[str, ...] = ()  # the therapist's page: needle depths in this model
    depth_side: str = ""
    # local muscle's name -> its points' charts in words at each detail (handout_points)
    point_charts: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def side_text(self) -> str:
        return {"both": "both sides"}.get(self.side, f"{self.side} side")

    @property
    def muscle_text(self) -> str:
        """The chain's muscles, one line each with how it is linked (page 1's list)."""
        return self.chain_text(None)

    def chain_entries(self, detail: str | None) -> tuple[str, tuple[tuple[str, str], ...]]:
        """The chain list as (intro, entries): each entry a muscle's name and the words after
        it, how it is linked; with ``detail`` (one of handout_points.DETAILS) a local muscle's
        entry goes on with its trigger points and where each sends pain, and the intro ("" when
        no muscle has points) says so."""
        notes = self.muscle_notes or tuple(
            ROLE_WORDS.get(role, role) for _name, role in self.muscles
        )
        entries = []
        for (name, role), note in zip(self.muscles, notes, strict=True):
            points = self.point_charts.get(name, {}).get(detail or "")
            if not points:
                entries.append((name, f" ({note})"))
                continue
            # the intro says these muscles are near the pain: only the rest of the note stays
            rest = note.removeprefix(ROLE_WORDS["local"]).lstrip("; ") if role == "local" else note
            entries.append((name, f" ({rest}). {points}" if rest else f". {points}"))
        with_points = detail is not None and any(n in self.point_charts for n, _ in self.muscles)
        return (POINTS_INTRO[detail] if with_points and detail else ""), tuple(entries)

    def chain_text(self, detail: str | None) -> str:
        """The chain list as text: the intro, then "- Name (how it is linked)..." a line each."""
        intro, entries = self.chain_entries(detail)
        lines = [f"- {name}{rest}" for name, rest in entries]
        return (
            "\n".join([intro, *lines] if intro else lines) or "No muscles are linked to this site."
        )


def study_citation(study: Study) -> tuple[str, str, str]:
    """(citation, doi, evidence level) of a knowledge Study, as plain text."""
    citation = study.citation.format(study.unverified)
    doi = "" if "doi" in study.unverified else study.citation.doi or ""
    return citation, doi, study.evidence_level


def patient_explanation(knowledge: Knowledge, site_id: str, side: str = "both") -> tuple[str, ...]:
    """Plain-language paragraphs for a patient about one pain site.

    What a trigger point is (the site's own explanation, written for patients), why muscles
    away from the pain are treated (worded from each link's basis), what the study was really
    on and how strong that kind of evidence is, and that the model is debated. The red flags
    are printed separately, first, on page 1.
    """
    site = knowledge.sites[site_id]
    links = knowledge.chain_for(site_id, side)
    own = site.explanation.strip()
    paras = [own or TRIGGER_POINT_TEXT]
    chain = chain_text(links)
    if chain:
        paras.append(chain)
    paras.append(study_text(site, knowledge.study_for(site_id)))
    if "debate" not in own.lower():
        paras.append(DEBATE_TEXT)
    return tuple(paras)


def handout_content(
    knowledge: Knowledge, site_id: str | None, side: str = "both"
) -> HandoutContent:
    """Collect the handout's text from the knowledge base (no site is an unknown one)."""
    if site_id is None or site_id not in knowledge.sites:
        from tp_explorer.errors import InputError

        raise InputError(f"unknown pain site {site_id!r}; known: {', '.join(knowledge.sites)}")
    site = knowledge.sites[site_id]
    links = knowledge.chain_for(site_id, side)
    muscles = tuple((lk.muscle.name, lk.role) for lk in links)
    notes = tuple(_muscle_note(lk) for lk in links)
    zones: list[str] = []
    for lk in links:
        for area in (*lk.muscle.essential, *lk.muscle.spillover):
            if area not in zones:
                zones.append(area)
    citation, doi, evidence = study_citation(knowledge.study_for(site_id))
    points = {
        lk.muscle.name: {detail: points_text(lk.muscle, detail) for detail in DETAILS}
        for lk in links
        if lk.role == "local" and lk.muscle.trigger_points
    }
    return HandoutContent(
        site_id,
        site.name,
        side,
        muscles,
        patient_explanation(knowledge, site_id, side),
        citation,
        doi,
        evidence,
        tuple(zones),
        red_flags=tuple(red_flag_line(f) for f in knowledge.red_flags_for(site_id)),
        precautions=tuple(
            f"{precaution_line(p)} (Source: {p.source})" for p in knowledge.precautions_for(site_id)
        ),
        muscle_notes=notes,
        point_charts=points,
    )


def _muscle_note(link: ChainLink) -> str:
    """How a muscle is linked, for the page-1 list: its role, its basis, where it was needled."""
    parts = [ROLE_WORDS.get(link.role, link.role)]
    if link.basis != "referral":
        parts.append("suggested for how you move, no referral here described")
    needled = needled_note(link)
    if needled:
        parts.append(needled)
    return "; ".join(parts)


def anatomy_credit(anatomy: Anatomy) -> str:
    """Which body the pictures show, and where it comes from."""
    if getattr(anatomy, "source", "builtin") == "atlas":
        return (
            "Pictures: BodyParts3D, (c) The Database Center for Life Science (DBCLS), "
            "CC BY-SA 2.1 JP; some structures drawn by tp_explorer."
        )
    return "Pictures: tp_explorer's schematic body from the myo-sim models (Apache-2.0)."


def with_depths(content: HandoutContent, knowledge: Knowledge, anatomy: Anatomy) -> HandoutContent:
    """The same handout with the therapist's depth page for its site's chain."""
    from tp_explorer.anatomy.depth import DepthMeter
    from tp_explorer.state.needle import chain_depth_lines

    lines = chain_depth_lines(DepthMeter(anatomy), knowledge, content.site_id, content.side)
    side = content.side if content.side in ("left", "right") else "left"
    return replace(content, depth_lines=lines, depth_side=side)
