"""What a patient reads (presentation mode and the handout), built from the knowledge values.

No Qt here: plain strings, so the two patient views say the same thing and tests can read them.
Wording follows the evidence: red flags come first, then the patient precautions (who must not
be needled, or stimulated, and why), a link is worded from its basis, a study
done on another condition says so before any evidence wording, and study jargon is replaced by
the study's plain-language line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tp_explorer.knowledge import ChainLink, RedFlag, Site, Study
    from tp_explorer.knowledge.precautions import PatientPrecaution

TRIGGER_POINT_TEXT = (
    "Therapists who use the trigger-point model describe small, tender, tight spots in a "
    "muscle. Pressing such a spot may hurt where it is, and in that model it can also be felt "
    "as pain somewhere else, called its referral zone. So the muscle a therapist examines may "
    "not be the place where you feel the pain."
)
DEBATE_TEXT = (
    "Good to know: the trigger-point model is still debated among researchers. Referral maps "
    "come from clinical observation, and experts disagree about how trigger points arise and "
    "how reliably they can be found. Your therapist uses them as one guide among several."
)
RED_FLAG_HEADING = "When to see a doctor first"
RED_FLAG_INTRO = (
    "Most pain is not dangerous, but these signs can mean a problem that needs a doctor, and "
    'some of them are emergencies. Each line says how soon: "now" means call an ambulance or '
    "go to an emergency department straight away, without waiting for your next appointment. "
    "If a sign applies to you, tell your therapist; it is not treated with needling."
)
PRECAUTION_HEADING = "Before any needling or electrical stimulation"
PRECAUTION_INTRO = (
    "Please tell your therapist first if any of these applies to you. Needling or electrical "
    "stimulation may then be changed or left out, and you can say no to any part of the "
    "treatment at any time."
)
PRECAUTION_KIND_WORDS = {"needling": "Needling", "electrical_stimulation": "Electrical stimulation"}
EVIDENCE_WORDS = {
    "1": "a randomised trial or a review of trials: the kind of study ranked highest, though a "
    "single study can still have flaws, and the ranking says nothing about how large the "
    "effect was",
    "2": "moderate: a smaller or less controlled trial",
    "3": "limited: a comparison without random allocation",
    "4": "weak: a case series without a comparison group",
    "5": "very weak for patient care: laboratory, animal or expert-opinion work",
}
DOWNGRADED = "; graded down because the trials behind it were of low quality or disagreed"
UNVERIFIED_NEEDLED = "which muscles that study needled is not verified"
# a study's sample unit that means animals, so "needled in" never reads as a treatment of people
ANIMAL_UNITS = frozenset({"rabbits", "rats", "mice", "animals", "dogs", "pigs"})


def join_names(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def evidence_words(level: str, *, with_level: bool = True) -> str:
    """An Oxford CEBM level ("1b (...)", "1a- (...)") in words a patient can follow."""
    level = (level or "").strip()
    words = EVIDENCE_WORDS.get(level[:1], "")
    if words and "-" in level.split(" ")[0]:
        words += DOWNGRADED
    if not words:
        return level
    return f"{words} (level {level})" if with_level else words


def red_flag_line(flag: RedFlag) -> str:
    """One red flag as a patient reads it: the sign, then what to do."""
    sign = flag.sign.strip().rstrip(".")
    return f"• {sign}: {flag.action.strip()}"


def red_flag_text(flags: Sequence[RedFlag]) -> str:
    """The heading, a calm line on why, and one line per red flag."""
    if not flags:
        return ""
    return "\n".join([RED_FLAG_HEADING, RED_FLAG_INTRO, *(red_flag_line(f) for f in flags)])


def precaution_line(precaution: PatientPrecaution) -> str:
    """One precaution as a patient reads it: what it applies to, the sign, then what happens."""
    kind = PRECAUTION_KIND_WORDS.get(precaution.applies_to, precaution.applies_to)
    return f"• {kind}: {precaution.sign.strip().rstrip('.')}. {precaution.action.strip()}"


def precaution_text(precautions: Sequence[PatientPrecaution]) -> str:
    """The heading, why it is asked, and one line per precaution (needling first)."""
    if not precautions:
        return ""
    lines = (precaution_line(p) for p in precautions)
    return "\n".join([PRECAUTION_HEADING, PRECAUTION_INTRO, *lines])


def chain_text(links: Sequence[ChainLink]) -> str:
    """Why muscles away from the pain are treated, worded from each link's basis.

    Only links whose basis is a described referral are said to send pain here; the others are
    named as the article's idea about movement, with no referral described.
    """
    local = [lk.muscle.name for lk in links if lk.role == "local"]
    regional = [lk for lk in links if lk.role != "local"]
    if not regional:
        return f"The muscles most often involved here are {join_names(local)}." if local else ""
    referring = [lk.muscle.name for lk in regional if lk.basis == "referral"]
    movement = [lk.muscle.name for lk in regional if lk.basis != "referral"]
    text = (
        "Why a needle away from the painful area may be used: besides the muscles near the pain "
        f"({join_names(local) or 'none named'}), your therapist may treat muscles further away."
    )
    if referring:
        text += (
            f" Trigger points in {join_names(referring)} are described in the literature as "
            "referring pain to this area."
        )
    if movement:
        text += (
            f" {join_names(movement)} {'is' if len(movement) == 1 else 'are'} suggested by the "
            "clinic's article because of how people move to protect a painful area; no pain "
            "spreading from them to this area has been described, so this part is an idea "
            "rather than an observation."
        )
    return text


def study_text(site: Site, study: Study) -> str:
    """The research behind a site, for a patient: what it was really on comes first."""
    parts = []
    scope = (getattr(site, "study_scope", None) or "").strip()
    if scope:
        parts.append(f"Please note: {scope}")
    plain = (getattr(study, "plain_design", "") or "").strip()
    parts.append(f"The research behind it: {plain}" if plain else "")
    words = evidence_words(study.evidence_level, with_level=False)
    if words:
        parts.append(f"How strong this kind of evidence is: {words}.")
    return " ".join(p for p in parts if p)


def needled_note(link: ChainLink) -> str:
    """A short note on the studies a link was needled in; unverified ones say so."""
    studies = list(getattr(link, "studies", ()))
    if not studies:
        return ""
    unverified = {s.id for s in getattr(link, "unverified_studies", ())}
    named = []
    for s in studies:
        who = f"{s.citation.authors[0].split()[0]} {s.citation.year}"
        unit = str(getattr(s, "sample_unit", "")).strip().lower()
        if unit in ANIMAL_UNITS:
            who += f" (a study in {unit}, not in people)"
        named.append(f"{who} ({UNVERIFIED_NEEDLED})" if s.id in unverified else who)
    return "needled in " + join_names(named)
