"""A checked knowledge file turned into the program's values (model.py), names resolved.

The file names records by id; here a chain link gets its Muscle, a site its Study, each muscle
the studies that needled it, and each site the general red flags, most urgent first.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from tp_explorer.knowledge import model, schema
from tp_explorer.knowledge.approach_build import needling_of
from tp_explorer.knowledge.approaches import Needling
from tp_explorer.knowledge.cautions import NeedleCaution
from tp_explorer.knowledge.precautions import PatientPrecaution
from tp_explorer.knowledge.queries import Knowledge


def build(file: schema.KnowledgeFile, source: Path) -> Knowledge:
    """The Knowledge of a file that passed validation.check."""
    studies = {s.id: _study(s) for s in file.studies}
    needled = _needled(file, studies)
    approaches = file.needle_approaches or {}
    muscles = {
        m.id: _muscle(m, needled[m.id], needling_of(approaches.get(m.id, {}))) for m in file.muscles
    }
    general = tuple(_red_flag(f) for f in file.red_flags or ())
    sites = {s.id: _site(s, studies, muscles, general) for s in file.sites}
    a = file.adjunct
    return Knowledge(
        source=source,
        disclaimer=file.disclaimer,
        model_note=file.model_note,
        adjunct=model.Adjunct(a.name, a.description, studies[a.study], a.note),
        studies=studies,
        muscles=muscles,
        sites=sites,
        general_red_flags=general,
        needle_cautions=tuple(
            NeedleCaution(c.kind, c.within_mm, c.source) for c in file.needle_cautions or ()
        ),
        patient_precautions=tuple(
            PatientPrecaution(p.id, p.applies_to, p.sign, p.action, p.source, p.sites)
            for p in file.patient_precautions or ()
        ),
    )


def _needled(
    file: schema.KnowledgeFile, studies: dict[str, model.Study]
) -> dict[str, tuple[model.Study, ...]]:
    """Each muscle's studies: those in which a site's chain says it was needled, in order."""
    found: dict[str, list[model.Study]] = {m.id: [] for m in file.muscles}
    for site in file.sites:
        for link in site.chain:
            for study_id in link.studies:
                if studies[study_id] not in found[link.muscle]:
                    found[link.muscle].append(studies[study_id])
    return {muscle_id: tuple(s) for muscle_id, s in found.items()}


def _study(s: schema.Study) -> model.Study:
    c = s.citation
    return model.Study(
        id=s.id,
        article_reference=s.article_reference,
        citation=model.Citation(
            c.authors, c.year, c.title, c.journal, c.volume, c.issue, c.pages, c.doi
        ),
        unverified=s.unverified,
        article_citation_errors=s.article_citation_errors,
        design=s.design,
        population=s.population,
        sample_size=s.sample_size,
        sample_unit=s.sample_unit,
        intervention=s.intervention,
        comparison=s.comparison,
        needled=s.needled,
        main_result=s.main_result,
        follow_up=s.follow_up,
        evidence_level=s.evidence_level,
        article_use=s.article_use,
        actual_finding=s.actual_finding,
        links=s.links,
        plain_design=s.plain_design,
    )


def _point(
    t: schema.TriggerPoint, first_mesh: str, needling: Mapping[str, Needling]
) -> model.TriggerPoint:
    chart = t.referral
    if isinstance(chart, schema.NoReferral):
        referral, reason = None, chart.none
    else:
        referral = model.PointReferral(
            chart.essential,
            chart.spillover,
            chart.labelled,
            chart.status,
            chart.sources,
            chart.note,
        )
        reason = ""
    p = t.placement
    return model.TriggerPoint(
        t.id,
        t.location,
        p.mesh or first_mesh,
        p.along,
        p.aspect,
        referral,
        reason,
        needling.get(t.id, Needling()),
    )


def _muscle(
    m: schema.Muscle, studies: tuple[model.Study, ...], needling: Mapping[str, Needling]
) -> model.Muscle:
    return model.Muscle(
        id=m.id,
        name=m.name,
        chapter=m.chapter,
        synonyms=m.synonyms,
        meshes=m.meshes,
        trigger_points=tuple(_point(t, m.meshes[0], needling) for t in m.trigger_points),
        zone_note=m.referral_note or "",
        complaints=m.complaints,
        precautions=m.precautions,
        sources=m.sources,
        studies=studies,
    )


def _red_flag(f: schema.RedFlag) -> model.RedFlag:
    return model.RedFlag(f.id, f.sign, f.action, f.source, f.urgency, f.conditions, f.terms)


def _site(
    s: schema.Site,
    studies: dict[str, model.Study],
    muscles: dict[str, model.Muscle],
    general: tuple[model.RedFlag, ...],
) -> model.Site:
    chain = tuple(
        model.ChainLink(
            muscles[link.muscle],
            link.role,
            link.basis,
            link.reason,
            tuple(studies[i] for i in link.studies),
        )
        for link in s.chain
    )
    estim = None
    if s.estim is not None:
        estim = model.Estim(tuple(studies[i] for i in s.estim.studies), s.estim.note)
    flags = sorted(
        (*(_red_flag(f) for f in s.red_flags), *general),
        key=lambda f: model.URGENCIES.index(f.urgency),
    )
    return model.Site(
        id=s.id,
        name=s.name,
        areas=s.areas,
        conditions=tuple(model.Condition(c.id, c.name, c.synonyms) for c in s.conditions),
        study=studies[s.study],
        other_studies=tuple(studies[i] for i in s.other_studies),
        study_note=s.study_note,
        explanation=s.explanation,
        estim=estim,
        chain=chain,
        red_flags=tuple(flags),
        study_scope=s.study_scope,
    )
