"""Checks a composed knowledge file against the schema and builds the model from it.

Every check records a Problem and carries on, so one run reports everything that is wrong.
Nothing is built for the caller unless the whole file is clean.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlsplit

from tp_explorer.knowledge.cautions import needle_cautions
from tp_explorer.knowledge.model import (
    BASES,
    ROLES,
    UNVERIFIABLE,
    URGENCIES,
    Adjunct,
    ChainLink,
    Citation,
    Condition,
    Estim,
    Muscle,
    RedFlag,
    Site,
    Study,
    TriggerPoint,
)
from tp_explorer.knowledge.problems import KnowledgeError, Problem, describe_value
from tp_explorer.knowledge.vocabulary import ASPECTS, BODY_AREAS, MESH_IDS
from tp_explorer.knowledge.yaml_source import PathKey, YamlDocument, format_path

SCHEMA_VERSION = 1
_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_BAD = object()
RED_FLAG_SIGN_MAX = 200  # a sign is read at a glance; longer text belongs in the action  # marks a value that failed its check (a problem was recorded)

Check = Callable[["Checker", object, PathKey], object]


class Checker:
    """Collects problems with positions; helpers return the checked value or _BAD."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        # Ids of records that are present but invalid: references to them are not reported
        # again, so one mistake gives one message.
        self.broken_ids: set[str] = set()

    def add(
        self, path: PathKey, message: str, value: object = _BAD, expected: str | None = None
    ) -> object:
        mark = self.doc.mark(path)
        got = None if value is _BAD else describe_value(value)
        self.problems.append(
            Problem(
                self.doc.file, mark.line, mark.column, format_path(path), message, got, expected
            )
        )
        return _BAD

    # ---- records
    def record(
        self, value: object, path: PathKey, fields: dict[str, tuple[Check, bool]], what: str
    ) -> dict[str, object] | None:
        """Check a mapping: no unknown keys, no missing required ones, each field's own check."""
        if not isinstance(value, dict):
            self.add(path, f"wrong type for {what}", value, "a mapping of keys and values")
            return None
        out: dict[str, object] = {}
        for key in value:
            if key not in fields:
                self.add(
                    (*path, key),
                    f"unknown key '{key}' in {what}",
                    _BAD,
                    "one of: " + ", ".join(fields),
                )
        for key, (check, required) in fields.items():
            if key not in value:
                if required:
                    self.add(path, f"missing required key '{key}' in {what}")
                out[key] = _BAD if required else None
                continue
            out[key] = check(self, value[key], (*path, key))
        return out


# ---- field checks (each: (checker, value, path) -> value or _BAD)
def text(ck: Checker, v: object, p: PathKey) -> object:
    if not isinstance(v, str) or not v.strip():
        return ck.add(p, "wrong type", v, "non-empty text")
    return " ".join(v.split())


def optional(check: Check) -> Check:
    def inner(ck: Checker, v: object, p: PathKey) -> object:
        return None if v is None else check(ck, v, p)

    return inner


def ident(ck: Checker, v: object, p: PathKey) -> object:
    if not isinstance(v, str) or not _ID.match(v):
        return ck.add(p, "not a valid id", v, "lowercase letters, digits and _ (e.g. 'soleus')")
    return v


def integer(lo: int, hi: int) -> Check:
    def inner(ck: Checker, v: object, p: PathKey) -> object:
        if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
            return ck.add(p, "wrong value", v, f"a whole number from {lo} to {hi}")
        return v

    return inner


def boolean(ck: Checker, v: object, p: PathKey) -> object:
    if not isinstance(v, bool):
        return ck.add(p, "wrong type", v, "true or false")
    return v


def fraction(ck: Checker, v: object, p: PathKey) -> object:
    if (
        isinstance(v, bool)
        or not isinstance(v, int | float)
        or not math.isfinite(v)
        or not 0.0 <= v <= 1.0
    ):
        return ck.add(p, "wrong value", v, "a number from 0 to 1 (0 = origin end)")
    return float(v)


def choice(options: tuple[str, ...], what: str) -> Check:
    def inner(ck: Checker, v: object, p: PathKey) -> object:
        if not isinstance(v, str) or v not in options:
            shown = (
                ", ".join(options)
                if len(options) <= 12
                else f"one of the {len(options)} names in vocabulary.py"
            )
            return ck.add(p, f"unknown {what}", v, shown)
        return v

    return inner


def short_text(ck: Checker, v: object, p: PathKey) -> object:
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v)
    return text(ck, v, p)


def url(ck: Checker, v: object, p: PathKey) -> object:
    if not isinstance(v, str):
        return ck.add(p, "wrong type", v, "an https:// link")
    parts = urlsplit(v.strip()) if v.strip() == v else None
    if (
        parts is None
        or parts.scheme != "https"
        or not parts.netloc
        or any(c.isspace() or ord(c) < 32 for c in v)
    ):
        return ck.add(
            p,
            "link is not an https:// URL",
            v,
            "an https:// link (doi.org links are written https://doi.org/...)",
        )
    return v


def doi(ck: Checker, v: object, p: PathKey) -> object:
    if not isinstance(v, str) or not _DOI.match(v):
        return ck.add(p, "not a DOI", v, "a DOI such as 10.2522/ptj.20130255, or null")
    return v


def listof(check: Check, *, nonempty: bool = False, unique: bool = True) -> Check:
    def inner(ck: Checker, v: object, p: PathKey) -> object:
        if not isinstance(v, list):
            return ck.add(p, "wrong type", v, "a list")
        if nonempty and not v:
            return ck.add(p, "empty list", v, "at least one entry")
        out, seen, bad = [], set(), False
        for i, item in enumerate(v):
            r = check(ck, item, (*p, i))
            if r is _BAD:
                bad = True
                continue
            if unique and r in seen:
                ck.add((*p, i), "listed twice", item, "each entry once")
                bad = True
                continue
            seen.add(r)
            out.append(r)
        return _BAD if bad else tuple(out)

    return inner


area = choice(BODY_AREAS, "body area")
mesh = choice(MESH_IDS, "mesh")


def ok(*values: object) -> bool:
    return all(v is not _BAD for v in values)


# ---- top level
def build(doc: YamlDocument) -> dict[str, object]:
    """Validate ``doc``; return the parts of a Knowledge, or raise KnowledgeError with all problems."""
    ck = Checker(doc)
    top = ck.record(
        doc.data,
        (),
        {
            "schema_version": (integer(1, 1000), True),
            "disclaimer": (text, True),
            "model_note": (text, True),
            "adjunct": (lambda c, v, p: v, True),
            "studies": (lambda c, v, p: v, True),
            "muscles": (lambda c, v, p: v, True),
            "sites": (lambda c, v, p: v, True),
            "red_flags": (lambda c, v, p: v, False),
            "needle_cautions": (needle_cautions, False),
        },
        "the knowledge file",
    )
    if top is None:
        raise KnowledgeError(ck.problems)
    if top["schema_version"] not in (_BAD, SCHEMA_VERSION):
        ck.add(
            ("schema_version",),
            "unsupported schema version",
            top["schema_version"],
            str(SCHEMA_VERSION),
        )
    general_flags = (
        _red_flags(ck, top["red_flags"], ("red_flags",), (), nonempty=False)
        if top["red_flags"] is not None
        else ()
    )
    studies = _collection(ck, top["studies"], ("studies",), "study", _study)
    muscles = _collection(ck, top["muscles"], ("muscles",), "muscle", _muscle)
    _meshes_once(ck, muscles)
    adjunct = _adjunct(ck, top["adjunct"], studies)
    sites = _collection(
        ck, top["sites"], ("sites",), "site", lambda c, v, p: _site(c, v, p, muscles, studies)
    )
    _terms_not_synonyms(ck, top["sites"], sites, general_flags)
    if ck.problems:
        raise KnowledgeError(sorted(ck.problems, key=lambda pr: (pr.line, pr.column)))
    needled: dict[str, list[Study]] = {m: [] for m in muscles}
    for site in sites.values():
        for link in site.chain:
            for s in link.studies:
                if s not in needled[link.muscle.id]:
                    needled[link.muscle.id].append(s)
    return {
        "disclaimer": top["disclaimer"],
        "model_note": top["model_note"],
        "adjunct": adjunct,
        "studies": studies,
        "muscles": {k: replace(m, studies=tuple(needled[k])) for k, m in muscles.items()},
        "sites": _with_general_flags(_relink(sites, needled), general_flags),  # type: ignore[arg-type]
        "general_red_flags": general_flags,
        "needle_cautions": top["needle_cautions"] or (),
    }


def _with_general_flags(sites: dict[str, Site], general: tuple[RedFlag, ...]) -> dict[str, Site]:
    """Each site carries its own red flags and the general ones, most urgent first."""
    out = {}
    for sid, site in sites.items():
        flags = sorted((*site.red_flags, *general), key=lambda f: URGENCIES.index(f.urgency))
        out[sid] = replace(site, red_flags=tuple(flags))
    return out


def _relink(sites: dict[str, Site], needled: dict[str, list[Study]]) -> dict[str, Site]:
    """Point chain links at the final Muscle values (which carry their needled studies)."""
    out = {}
    for sid, site in sites.items():
        chain = tuple(
            replace(link, muscle=replace(link.muscle, studies=tuple(needled[link.muscle.id])))
            for link in site.chain
        )
        out[sid] = replace(site, chain=chain)
    return out


def _collection(
    ck: Checker,
    value: object,
    path: PathKey,
    what: str,
    make: Callable[[Checker, object, PathKey], object],
) -> dict:
    """A list of records with unique ids, in file order; bad records are left out."""
    out: dict[str, object] = {}
    if value is _BAD:
        return out
    if not isinstance(value, list):
        ck.add(path, f"wrong type for the {what} list", value, f"a list of {what} records")
        return out
    if not value:
        ck.add(path, f"no {what} records", value, f"at least one {what}")
    first_line: dict[str, int] = {}
    for i, item in enumerate(value):
        made = make(ck, item, (*path, i))
        if made is None or made is _BAD:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                ck.broken_ids.add(item["id"])
            continue
        if made.id in out:
            ck.add(
                (*path, i, "id"),
                f"duplicate {what} id '{made.id}' (first at line {first_line[made.id]})",
                made.id,
                "each id once",
            )
            continue
        first_line[made.id] = ck.doc.mark((*path, i)).line
        out[made.id] = made
    return out


def _ref(ck: Checker, v: object, p: PathKey, table: dict, what: str) -> object:
    if not isinstance(v, str):
        return ck.add(p, f"wrong type for a {what} id", v, f"the id of a {what}")
    if v not in table:
        if v in ck.broken_ids:
            return _BAD
        names = ", ".join(table) or "(none defined)"
        return ck.add(p, f"unknown {what} '{v}'", v, f"one of: {names}")
    return table[v]


def _refs(
    ck: Checker, v: object, p: PathKey, table: dict, what: str, *, nonempty: bool = False
) -> object:
    return listof(lambda c, x, q: _ref(c, x, q, table, what), nonempty=nonempty)(ck, v, p)


# ---- studies
def _study(ck: Checker, v: object, p: PathKey) -> Study | None:
    r = ck.record(
        v,
        p,
        {
            "id": (ident, True),
            "article_reference": (optional(integer(1, 99)), True),
            "citation": (lambda c, x, q: x, True),
            "unverified": (listof(choice(UNVERIFIABLE, "unverifiable field")), True),
            "article_citation_errors": (text, True),
            "design": (text, True),
            "plain_design": (text, True),
            "population": (text, True),
            "sample_size": (integer(1, 10_000_000), True),
            "sample_unit": (text, True),
            "intervention": (text, True),
            "comparison": (text, True),
            "needled": (text, True),
            "main_result": (text, True),
            "follow_up": (text, True),
            "evidence_level": (short_text, True),
            "article_use": (text, True),
            "actual_finding": (text, True),
            "links": (listof(url), True),
        },
        "a study",
    )
    if r is None:
        return None
    cit = _citation(ck, r["citation"], (*p, "citation"), r["unverified"])
    if not ok(*r.values()) or cit is None:
        return None
    fields = {k: v for k, v in r.items() if k != "citation"}
    return Study(citation=cit, **fields)  # type: ignore[arg-type]


def _citation(ck: Checker, v: object, p: PathKey, unverified: object) -> Citation | None:
    if v is _BAD:
        return None
    r = ck.record(
        v,
        p,
        {
            "authors": (listof(text, nonempty=True, unique=False), True),
            "year": (integer(1800, 2100), True),
            "title": (text, True),
            "journal": (text, True),
            "volume": (optional(short_text), True),
            "issue": (optional(short_text), True),
            "pages": (optional(short_text), True),
            "doi": (optional(doi), True),
        },
        "a citation",
    )
    if r is None:
        return None
    if isinstance(unverified, tuple):
        for name in ("volume", "issue", "pages", "doi"):
            if name in v and v[name] is None and name not in unverified:  # type: ignore[operator]
                ck.add(
                    (*p, name),
                    f"{name} is null but not listed in 'unverified'",
                    None,
                    f"the value, or '{name}' added to the study's unverified list",
                )
    if not ok(*r.values()):
        return None
    return Citation(**r)  # type: ignore[arg-type]


# ---- muscles
def _muscle(ck: Checker, v: object, p: PathKey) -> Muscle | None:
    r = ck.record(
        v,
        p,
        {
            "id": (ident, True),
            "name": (text, True),
            "synonyms": (listof(text), True),
            "meshes": (listof(mesh, nonempty=True), True),
            "trigger_points": (lambda c, x, q: x, True),
            "referral": (lambda c, x, q: x, True),
            "complaints": (listof(text, nonempty=True), True),
            "precautions": (listof(text, nonempty=True), True),
            "sources": (text, True),
        },
        "a muscle",
    )
    if r is None:
        return None
    meshes = r["meshes"] if isinstance(r["meshes"], tuple) else ()
    tps = _trigger_points(ck, r["trigger_points"], (*p, "trigger_points"), meshes)
    ref = _referral(ck, r["referral"], (*p, "referral"))
    if not ok(*r.values()) or tps is None or ref is None:
        return None
    essential, spillover, labelled, note = ref
    return Muscle(
        id=r["id"],
        name=r["name"],
        synonyms=r["synonyms"],
        meshes=r["meshes"],  # type: ignore[arg-type]
        trigger_points=tps,
        essential=essential,
        spillover=spillover,
        zones_labelled=labelled,
        zone_note=note,
        complaints=r["complaints"],
        precautions=r["precautions"],  # type: ignore[arg-type]
        sources=r["sources"],  # type: ignore[arg-type]
    )


def _trigger_points(
    ck: Checker, v: object, p: PathKey, meshes: tuple[str, ...]
) -> tuple[TriggerPoint, ...] | None:
    if v is _BAD:
        return None
    if not isinstance(v, list) or not v:
        ck.add(p, "trigger points missing", v, "a list of at least one trigger point")
        return None
    out: list[TriggerPoint] = []
    bad = False
    for i, item in enumerate(v):
        q = (*p, i)
        r = ck.record(
            item,
            q,
            {
                "id": (ident, True),
                "location": (text, True),
                "placement": (lambda c, x, y: x, True),
            },
            "a trigger point",
        )
        if r is None:
            bad = True
            continue
        place = (
            ck.record(
                r["placement"],
                (*q, "placement"),
                {
                    "mesh": (mesh, False),
                    "along": (fraction, True),
                    "aspect": (optional(choice(ASPECTS, "aspect")), False),
                },
                "a placement",
            )
            if r["placement"] is not _BAD
            else None
        )
        if place is None or not ok(*r.values(), *place.values()):
            bad = True
            continue
        m = place["mesh"] or (meshes[0] if meshes else None)
        if meshes and m not in meshes:
            ck.add(
                (*q, "placement", "mesh"),
                "mesh is not one of this muscle's meshes",
                m,
                ", ".join(meshes),
            )
            bad = True
            continue
        if any(tp.id == r["id"] for tp in out):
            ck.add(
                (*q, "id"),
                f"duplicate trigger point id '{r['id']}'",
                r["id"],
                "each id once per muscle",
            )
            bad = True
            continue
        out.append(TriggerPoint(r["id"], r["location"], m, place["along"], place["aspect"]))  # type: ignore[arg-type]
    return None if bad else tuple(out)


def _referral(ck: Checker, v: object, p: PathKey):  # type: ignore[no-untyped-def]
    if v is _BAD:
        return None
    r = ck.record(
        v,
        p,
        {
            "labelled": (boolean, True),
            "essential": (listof(area, nonempty=True), True),
            "spillover": (listof(area), True),
            "note": (text, True),
        },
        "a referral pattern",
    )
    if r is None or not ok(*r.values()):
        return None
    both = set(r["essential"]) & set(r["spillover"])  # type: ignore[arg-type]
    if both:
        ck.add(
            (*p, "spillover"),
            "area listed as both essential and spillover",
            sorted(both)[0],
            "each area in one zone only",
        )
        return None
    return r["essential"], r["spillover"], r["labelled"], r["note"]


def _meshes_once(ck: Checker, muscles: dict[str, Muscle]) -> None:
    owner: dict[str, str] = {}
    for i, m in enumerate(muscles.values()):
        for mesh_id in m.meshes:
            if mesh_id in owner:
                ck.add(
                    ("muscles", i, "meshes"),
                    f"mesh '{mesh_id}' already belongs to muscle '{owner[mesh_id]}'",
                    mesh_id,
                    "each mesh in one muscle only",
                )
            owner[mesh_id] = m.id


# ---- adjunct and sites
def _adjunct(ck: Checker, v: object, studies: dict[str, Study]) -> Adjunct | None:
    if v is _BAD:
        return None
    p: PathKey = ("adjunct",)
    r = ck.record(
        v,
        p,
        {
            "name": (text, True),
            "description": (text, True),
            "study": (lambda c, x, q: _ref(c, x, q, studies, "study"), True),
            "note": (text, True),
        },
        "the adjunct",
    )
    if r is None or not ok(*r.values()):
        return None
    return Adjunct(**r)  # type: ignore[arg-type]


def _site(
    ck: Checker, v: object, p: PathKey, muscles: dict[str, Muscle], studies: dict[str, Study]
) -> Site | None:
    def study_ref(c: Checker, x: object, q: PathKey) -> object:
        return _ref(c, x, q, studies, "study")

    def study_refs(c: Checker, x: object, q: PathKey) -> object:
        return _refs(c, x, q, studies, "study")

    r = ck.record(
        v,
        p,
        {
            "id": (ident, True),
            "name": (text, True),
            "areas": (listof(area, nonempty=True), True),
            "conditions": (lambda c, x, q: x, True),
            "study": (study_ref, True),
            "other_studies": (study_refs, False),
            "study_note": (text, True),
            "explanation": (text, True),
            "estim": (lambda c, x, q: x, True),
            "chain": (lambda c, x, q: x, True),
            "red_flags": (lambda c, x, q: x, True),
            "study_scope": (optional(text), False),
        },
        "a site",
    )
    if r is None:
        return None
    conditions = _collection(ck, r["conditions"], (*p, "conditions"), "condition", _condition)
    flags = (
        _red_flags(ck, r["red_flags"], (*p, "red_flags"), tuple(conditions), nonempty=True)
        if r["red_flags"] is not _BAD
        else _BAD
    )
    estim = None
    if r["estim"] is not None and r["estim"] is not _BAD:
        e = ck.record(
            r["estim"],
            (*p, "estim"),
            {
                "studies": (lambda c, x, q: _refs(c, x, q, studies, "study", nonempty=True), True),
                "note": (text, True),
            },
            "an electrical-stimulation note",
        )
        estim = Estim(**e) if e is not None and ok(*e.values()) else _BAD  # type: ignore[arg-type]
    chain = _chain(ck, r["chain"], (*p, "chain"), muscles, studies)
    if (
        not ok(*r.values(), estim, flags)
        or chain is None
        or (r["conditions"] is not _BAD and not conditions)
    ):
        return None
    return Site(
        id=r["id"],
        name=r["name"],
        areas=r["areas"],  # type: ignore[arg-type]
        conditions=tuple(conditions.values()),
        study=r["study"],  # type: ignore[arg-type]
        other_studies=r["other_studies"] or (),
        study_note=r["study_note"],  # type: ignore[arg-type]
        explanation=r["explanation"],
        estim=estim,
        chain=chain,  # type: ignore[arg-type]
        red_flags=flags,  # type: ignore[arg-type]
        study_scope=r["study_scope"],  # type: ignore[arg-type]
    )


def _red_flags(
    ck: Checker, v: object, p: PathKey, condition_ids: tuple[str, ...], *, nonempty: bool
) -> object:
    """Red flags: each a plain sign, what to do, its guideline or textbook, and how soon."""
    if not isinstance(v, list) or (nonempty and not v):
        return ck.add(p, "red flags missing", v, "a list of at least one red flag")
    out: list[RedFlag] = []
    bad = False
    for i, item in enumerate(v):
        q = (*p, i)
        r = ck.record(
            item,
            q,
            {
                "id": (ident, True),
                "sign": (text, True),
                "action": (text, True),
                "source": (text, True),
                "urgency": (choice(URGENCIES, "urgency"), True),
                "conditions": (listof(choice(condition_ids, "condition of this site")), False),
                "terms": (listof(text), False),
            },
            "a red flag",
        )
        if r is None or not ok(*r.values()):
            bad = True
            continue
        if any(f.id == r["id"] for f in out):
            ck.add((*q, "id"), f"duplicate red flag id '{r['id']}'", r["id"], "each id once")
            bad = True
            continue
        if len(str(r["sign"])) > RED_FLAG_SIGN_MAX:
            ck.add(
                (*q, "sign"),
                "red flag sign too long",
                r["sign"],
                f"a short sign of at most {RED_FLAG_SIGN_MAX} characters",
            )
            bad = True
            continue
        r["conditions"] = r["conditions"] or ()
        r["terms"] = r["terms"] or ()
        out.append(RedFlag(**r))  # type: ignore[arg-type]
    return _BAD if bad else tuple(out)


def _terms_not_synonyms(
    ck: Checker, raw_sites: object, sites: dict[str, Site], general: object
) -> None:
    """A word that points at another diagnosis (a red flag's term) may not name a condition."""
    flags = [*(general if isinstance(general, tuple) else ())]
    for site in sites.values():
        flags.extend(site.red_flags)
    terms = {t.casefold(): f.id for f in flags for t in f.terms}
    if not terms or not isinstance(raw_sites, list):
        return
    for i, site in enumerate(sites.values()):
        index = next(
            (
                k
                for k, raw in enumerate(raw_sites)
                if isinstance(raw, dict) and raw.get("id") == site.id
            ),
            i,
        )
        for j, cond in enumerate(site.conditions):
            for k, word in enumerate((cond.name, *cond.synonyms)):
                flag = terms.get(word.casefold())
                if flag is None:
                    continue
                where = ("sites", index, "conditions", j, "name" if k == 0 else "synonyms")
                if k:
                    where = (*where, k - 1)
                ck.add(
                    where,
                    f"'{word}' points at another diagnosis (red flag '{flag}'), not at a "
                    "trigger-point condition",
                    word,
                    "the word only in that red flag's terms",
                )


def _condition(ck: Checker, v: object, p: PathKey) -> Condition | None:
    r = ck.record(
        v,
        p,
        {"id": (ident, True), "name": (text, True), "synonyms": (listof(text), True)},
        "a condition",
    )
    if r is None or not ok(*r.values()):
        return None
    return Condition(**r)  # type: ignore[arg-type]


def _chain(
    ck: Checker, v: object, p: PathKey, muscles: dict[str, Muscle], studies: dict[str, Study]
) -> tuple[ChainLink, ...] | None:
    if v is _BAD:
        return None
    if not isinstance(v, list) or not v:
        ck.add(p, "chain missing", v, "a list of at least one chain link")
        return None
    out: list[ChainLink] = []
    bad = False
    for i, item in enumerate(v):
        q = (*p, i)
        r = ck.record(
            item,
            q,
            {
                "muscle": (lambda c, x, y: _ref(c, x, y, muscles, "muscle"), True),
                "role": (choice(ROLES, "role"), True),
                "basis": (choice(BASES, "basis"), True),
                "reason": (text, True),
                "studies": (lambda c, x, y: _refs(c, x, y, studies, "study"), True),
            },
            "a chain link",
        )
        if r is None or not ok(*r.values()):
            bad = True
            continue
        if any(link.muscle.id == r["muscle"].id for link in out):  # type: ignore[attr-defined]
            ck.add(
                (*q, "muscle"),
                "muscle listed twice in this chain",
                r["muscle"].id,  # type: ignore[attr-defined]
                "each muscle once per site",
            )
            bad = True
            continue
        out.append(ChainLink(**r))  # type: ignore[arg-type]
    return None if bad else tuple(out)
