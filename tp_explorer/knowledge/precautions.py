"""Patient precautions: what a patient tells the therapist before needling or electrical stimulation.

regions.yaml's ``patient_precautions`` section (declared in schema.py): each names what it
applies to, the sign in the patient's words, what then happens, its source, and the sites it
matters most for (none: every site). Shown on every site card before treatment, in
presentation mode, on the handout's therapist part and in ``chain --json``.
"""

from __future__ import annotations

from dataclasses import dataclass

# What a precaution applies to, in the order they are shown.
PRECAUTION_KINDS: tuple[str, ...] = ("needling", "electrical_stimulation")
KIND_WORDS = {"needling": "needling", "electrical_stimulation": "electrical stimulation"}


@dataclass(frozen=True)
class PatientPrecaution:
    """A condition that changes or rules out needling or electrical stimulation for a patient."""

    id: str
    applies_to: str  # one of PRECAUTION_KINDS
    sign: str  # what applies to the patient, in plain words
    action: str  # what the therapist does then, in plain words
    source: str  # the guideline or paper it comes from
    sites: tuple[str, ...] = ()  # sites it matters most for; () = every site

    def applies_at(self, site_id: str) -> bool:
        """True where the precaution is shown for ``site_id``."""
        return not self.sites or site_id in self.sites


def for_site(
    precautions: tuple[PatientPrecaution, ...], site_id: str
) -> tuple[PatientPrecaution, ...]:
    """The precautions shown at a site: needling first, then electrical stimulation, file order
    within each."""
    shown = [p for p in precautions if p.applies_at(site_id)]
    return tuple(sorted(shown, key=lambda p: PRECAUTION_KINDS.index(p.applies_to)))
