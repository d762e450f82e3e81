"""The referral quiz for students: questions, answers, score, streak and a review of misses.

Pure and repeatable: every random choice comes from one ``random.Random(seed)``, so the same
seed and rounds ask the same questions with the same choices in the same order. Questions use
only knowledge queries (a muscle's zones, muscles referring to an area), no quiz-only geometry.
Three kinds: name the muscle whose zones are shown, find a muscle's zone on the skin, and
which trigger point refers to a shown fine skin area (quiz_points.py draws those).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tp_explorer.state.quiz_points import charted_points, draw_point, point_key, split_point_key

if TYPE_CHECKING:
    from tp_explorer.knowledge import Knowledge, Muscle

NAME_THE_MUSCLE = "name_the_muscle"
FIND_THE_ZONE = "find_the_zone"
WHICH_POINT = "which_point"  # which trigger point refers to this fine skin area?
KINDS: tuple[str, ...] = (NAME_THE_MUSCLE, FIND_THE_ZONE, WHICH_POINT)
# What a quiz asks unless told: the kinds the quiz window shows today.
DEFAULT_KINDS: tuple[str, ...] = (NAME_THE_MUSCLE, FIND_THE_ZONE)
N_CHOICES = 4
DEFAULT_ROUNDS = 10


@dataclass(frozen=True)
class Question:
    """One question: which muscle, which kind, the choices offered and the zones involved.

    A which-point question shows one fine skin ``area``; its choices are trigger points
    (``point_key``), ``answers`` every point whose essential zone holds the area, and
    ``muscle``, ``point``, ``essential`` and ``spillover`` the point drawn and its chart."""

    number: int
    kind: str
    muscle: str
    label: str  # the muscle's name; for a which-point question, the area's words
    choices: tuple[str, ...]
    essential: tuple[str, ...]
    spillover: tuple[str, ...]
    area: str = ""  # which-point: the fine skin area shown
    point: str = ""  # which-point: the trigger point drawn (one of ``answers``)
    answers: tuple[str, ...] = ()  # which-point: every right choice

    @property
    def answer_areas(self) -> frozenset[str]:
        """Body areas that count as a right click for a find-the-zone question."""
        return frozenset(self.essential) | frozenset(self.spillover)

    @property
    def prompt(self) -> str:
        if self.kind == NAME_THE_MUSCLE:
            return "Which muscle refers pain to the highlighted zones?"
        if self.kind == WHICH_POINT:
            return f"Which trigger point refers pain to the highlighted area ({self.label})?"
        return f"Click where {self.label} refers pain."


@dataclass(frozen=True)
class Answer:
    """What the student gave, whether it was right, and what was right."""

    question: Question
    given: str
    correct: bool
    expected: str


@dataclass
class Quiz:
    """A quiz over a knowledge base: a fixed list of questions, then answers one by one."""

    questions: tuple[Question, ...]
    answers: list[Answer] = field(default_factory=list)
    streak: int = 0
    best_streak: int = 0

    @property
    def rounds(self) -> int:
        return len(self.questions)

    @property
    def index(self) -> int:
        return len(self.answers)

    @property
    def finished(self) -> bool:
        return self.index >= len(self.questions)

    @property
    def current(self) -> Question | None:
        return None if self.finished else self.questions[self.index]

    @property
    def score(self) -> int:
        return sum(1 for a in self.answers if a.correct)

    @property
    def misses(self) -> tuple[Answer, ...]:
        return tuple(a for a in self.answers if not a.correct)

    def answer_muscle(self, muscle_id: str) -> Answer:
        """Answer a name-the-muscle question with a muscle id (a choice or a click)."""
        q = self._require(NAME_THE_MUSCLE)
        return self._record(Answer(q, muscle_id, muscle_id == q.muscle, q.muscle))

    def answer_point(self, key: str) -> Answer:
        """Answer a which-point question with a trigger point (``point_key``)."""
        q = self._require(WHICH_POINT)
        return self._record(Answer(q, key, key in q.answers, ", ".join(q.answers)))

    def answer_area(self, area: str | None) -> Answer:
        """Answer a find-the-zone question with the body area clicked (None: missed the skin)."""
        q = self._require(FIND_THE_ZONE)
        given = area or ""
        expected = ", ".join(sorted(q.answer_areas))
        return self._record(Answer(q, given, given in q.answer_areas, expected))

    def _require(self, kind: str) -> Question:
        q = self.current
        if q is None:
            raise ValueError("the quiz is finished")
        if q.kind != kind:
            raise ValueError(f"question {q.number} is {q.kind}, not {kind}")
        return q

    def _record(self, answer: Answer) -> Answer:
        self.answers.append(answer)
        self.streak = self.streak + 1 if answer.correct else 0
        self.best_streak = max(self.best_streak, self.streak)
        return answer


def _mid(muscle: Muscle | str) -> str:
    """A muscle reference as its id (knowledge gives Muscle objects; fakes may give ids)."""
    return muscle if isinstance(muscle, str) else muscle.id


def _zones(muscle: Muscle) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(muscle.essential or ()), tuple(muscle.spillover or ())


def _site_members(knowledge: Knowledge) -> dict[str, set[str]]:
    """muscle id -> ids of the pain sites whose chain names it."""
    members: dict[str, set[str]] = {}
    for site_id in knowledge.sites:
        try:
            links = knowledge.chain_for(site_id, "both")
        except Exception:
            continue
        for link in links:
            members.setdefault(_mid(link.muscle), set()).add(site_id)
    return members


def plausible_neighbours(knowledge: Knowledge, muscle_id: str) -> list[str]:
    """Other muscles a student could confuse with this one, most plausible first."""
    return [m for m, _score in _scored_neighbours(knowledge, muscle_id)]


def _scored_neighbours(knowledge: Knowledge, muscle_id: str) -> list[tuple[str, int]]:
    """(muscle, score) pairs, most plausible first.

    Plausible = refers to the same body areas (asked through ``muscles_referring_to``) or
    belongs to the same pain site's chain. Muscles with exactly the same zones are left out:
    the painted picture could not tell them apart.
    """
    muscle = knowledge.muscles[muscle_id]
    ess, spill = _zones(muscle)
    mine = frozenset(ess) | frozenset(spill)
    scores: dict[str, int] = {}
    for area in sorted(mine):
        for ref in knowledge.muscles_referring_to(area):
            other = _mid(ref.muscle)
            if other != muscle_id:
                scores[other] = scores.get(other, 0) + 2
    sites = _site_members(knowledge)
    for other, other_sites in sites.items():
        if other != muscle_id and other_sites & sites.get(muscle_id, set()):
            scores[other] = scores.get(other, 0) + 1
    out = []
    for other, score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        o_ess, o_spill = _zones(knowledge.muscles[other])
        if not (o_ess or o_spill):
            continue
        if (frozenset(o_ess), frozenset(o_spill)) == (frozenset(ess), frozenset(spill)):
            continue
        out.append((other, score))
    return out


def _choices(knowledge: Knowledge, muscle_id: str, rng: random.Random) -> tuple[str, ...]:
    scored = _scored_neighbours(knowledge, muscle_id)
    # Prefer muscles that share a body area (score >= 2); chain mates fill in when too few.
    pool = [m for m, score in scored if score >= 2][:5]
    if len(pool) < N_CHOICES - 1:
        pool += [m for m, _ in scored if m not in pool][: N_CHOICES - 1 - len(pool)]
    picked = rng.sample(pool, min(N_CHOICES - 1, len(pool)))
    if len(picked) < N_CHOICES - 1:
        rest = sorted(m for m in _quizzable(knowledge) if m != muscle_id and m not in picked)
        picked += rng.sample(rest, min(N_CHOICES - 1 - len(picked), len(rest)))
    choices = [muscle_id, *picked]
    rng.shuffle(choices)
    return tuple(choices)


def _quizzable(knowledge: Knowledge) -> list[str]:
    return [m_id for m_id, m in knowledge.muscles.items() if any(_zones(m))]


def make_quiz(
    knowledge: Knowledge,
    rounds: int = DEFAULT_ROUNDS,
    seed: int | None = None,
    kinds: Sequence[str] = DEFAULT_KINDS,
    muscles: Iterable[str] | None = None,
) -> Quiz:
    """Draw ``rounds`` questions; the same seed gives the same quiz.

    Kinds alternate in a seeded order (a which-point question only for a muscle with a
    charted trigger point); a muscle is asked again only after every muscle has been asked
    once.
    """
    if rounds < 1:
        raise ValueError("a quiz needs at least one round")
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise ValueError(f"unknown question kinds: {unknown or 'none given'}")
    rng = random.Random(seed)
    pool = sorted(muscles) if muscles is not None else sorted(_quizzable(knowledge))
    if set(kinds) == {WHICH_POINT}:
        pool = [m for m in pool if charted_points(knowledge.muscles[m])]
    if not pool:
        raise ValueError("no muscle in the knowledge base has referral zones to quiz on")
    order: list[str] = []
    questions = []
    for number in range(1, rounds + 1):
        if not order:
            order = pool[:]
            rng.shuffle(order)
        muscle_id = order.pop()
        muscle = knowledge.muscles[muscle_id]
        can = [k for k in kinds if k != WHICH_POINT or charted_points(muscle)]
        if not can:
            raise ValueError(f"{muscle_id} has no charted trigger point to ask about")
        kind = can[rng.randrange(len(can))]
        if kind == WHICH_POINT:
            questions.append(point_question(knowledge, muscle_id, number, rng))
            continue
        ess, spill = _zones(muscle)
        choices = _choices(knowledge, muscle_id, rng) if kind == NAME_THE_MUSCLE else ()
        questions.append(Question(number, kind, muscle_id, muscle.name, choices, ess, spill))
    return Quiz(tuple(questions))


def point_question(
    knowledge: Knowledge, muscle_id: str, number: int, rng: random.Random
) -> Question:
    """A which-point question on one of the muscle's charted trigger points."""
    sites = _site_members(knowledge)
    mine = sites.get(muscle_id, set())
    mates = {other for other, theirs in sites.items() if theirs & mine}
    d = draw_point(knowledge.muscles, muscle_id, mates, rng)
    return Question(
        number,
        WHICH_POINT,
        d.muscle,
        d.label,
        d.choices,
        d.essential,
        d.spillover,
        area=d.area,
        point=d.point,
        answers=d.answers,
    )


def muscle_for_mesh(knowledge: Knowledge, mesh_id: str, among: Iterable[str] = ()) -> str | None:
    """The muscle a clicked mesh belongs to, preferring those in ``among`` (the choices)."""
    owners = [m_id for m_id, m in knowledge.muscles.items() if mesh_id in tuple(m.meshes)]
    preferred = [m for m in owners if m in set(among)]
    if preferred:
        return preferred[0]
    return owners[0] if owners else None


__all__ = [
    "DEFAULT_KINDS",
    "DEFAULT_ROUNDS",
    "FIND_THE_ZONE",
    "KINDS",
    "NAME_THE_MUSCLE",
    "WHICH_POINT",
    "Answer",
    "Question",
    "Quiz",
    "make_quiz",
    "muscle_for_mesh",
    "plausible_neighbours",
    "point_key",
    "point_question",
    "split_point_key",
]
