"""What the quiz says: its choices' names, the feedback after an answer and the review lines.

Plain text from the knowledge (no Qt), so the quiz dock only places it. A trigger point is
named "Muscle — point"; a which-point question's zones are fine areas, in chart_text's words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tp_explorer.state.compare import area_label
from tp_explorer.state.quiz import (
    FIND_THE_ZONE,
    NAME_THE_MUSCLE,
    WHICH_POINT,
    Answer,
    Question,
    point_key,
    split_point_key,
)
from tp_explorer.ui.chart_text import point_title

if TYPE_CHECKING:
    from tp_explorer.knowledge import Knowledge


def prompt(question: Question) -> str:
    """The question as the dock asks it (a which-point question names its area plainly)."""
    if question.kind == WHICH_POINT:
        return f"Which trigger point sends its main pain to the painted area: {question.label}?"
    return question.prompt


def muscle_name(knowledge: Knowledge, muscle_id: str) -> str:
    muscle = knowledge.muscles.get(muscle_id)
    return muscle.name if muscle is not None else muscle_id


def choice_name(knowledge: Knowledge, question: Question, choice: str) -> str:
    """A choice as shown: a muscle's name, or "Muscle — point" for a trigger point."""
    if question.kind != WHICH_POINT:
        return muscle_name(knowledge, choice)
    muscle_id, point = split_point_key(choice)
    muscle = knowledge.muscles.get(muscle_id)
    return point_title(muscle, point) if muscle is not None else choice


def point_feedback(knowledge: Knowledge, answer: Answer) -> str:
    """A which-point answer, a line each: right or not, every right point, and whose pattern
    the body now shows."""
    q = answer.question
    right = {key: choice_name(knowledge, q, key) for key in q.answers}
    if answer.correct:
        lines = [f"Right! {right[answer.given]} sends its main pain here."]
        others = [name for key, name in right.items() if key != answer.given]
        if others:
            lines.append(f"Also right: {' or '.join(others)}.")
    else:
        given = choice_name(knowledge, q, answer.given)
        lines = [
            f"Not quite: {given} does not send its main pain here.",
            f"Right: {' or '.join(right.values())}.",
        ]
    drawn = choice_name(knowledge, q, point_key(q.muscle, q.point))
    lines.append(f"On the body now: the whole pattern of {drawn}.")
    return "\n".join(lines)


def feedback(knowledge: Knowledge, answer: Answer) -> str:
    """What the dock says after an answer of any kind."""
    q = answer.question
    if q.kind == WHICH_POINT:
        return point_feedback(knowledge, answer)
    if answer.correct:
        text = "Right!"
    elif q.kind == NAME_THE_MUSCLE:
        text = f"Not quite: you chose {muscle_name(knowledge, answer.given)}; it is {q.label}."
    else:
        where = area_label(answer.given) if answer.given else "no body area"
        text = f"Not quite: {where} is not one of {q.label}'s zones."
    if q.kind == FIND_THE_ZONE or not answer.correct:
        zones = ", ".join(area_label(a) for a in q.essential)
        text += f" {q.label} refers to {zones or 'no listed area'}"
        if q.spillover:
            text += f" (spillover: {', '.join(area_label(a) for a in q.spillover)})"
        text += "."
    return text


def miss_line(knowledge: Knowledge, miss: Answer) -> str:
    """One line of the review of misses."""
    q = miss.question
    if q.kind == WHICH_POINT:
        right = "; ".join(choice_name(knowledge, q, key) for key in q.answers)
        given = choice_name(knowledge, q, miss.given)
        return f"Q{q.number}: {q.label} — {right}; you said {given}."
    zones = ", ".join(area_label(a) for a in q.essential)
    if q.kind == NAME_THE_MUSCLE:
        given = muscle_name(knowledge, miss.given)
        return f"Q{q.number}: zones of {q.label} ({zones}); you said {given}."
    given = area_label(miss.given) if miss.given else "nothing"
    return f"Q{q.number}: {q.label} refers to {zones}; you clicked {given}."
