"""The quiz engine: repeatable draws, plausible choices, scoring, streak and the misses review."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tp_explorer.knowledge.skin_areas import FINE_AREA_IDS, group_of
from tp_explorer.state.quiz import (
    DEFAULT_KINDS,
    FIND_THE_ZONE,
    KINDS,
    NAME_THE_MUSCLE,
    WHICH_POINT,
    make_quiz,
    muscle_for_mesh,
    plausible_neighbours,
    point_key,
    split_point_key,
)


def _muscle(mid: str, ess: tuple[str, ...], spill: tuple[str, ...] = (), meshes=None):
    return SimpleNamespace(
        id=mid,
        name=mid.replace("_", " ").title(),
        essential=ess,
        spillover=spill,
        meshes=meshes or (mid,),
        trigger_points=(),
    )


class FakeKnowledge:
    """Just the knowledge queries the quiz uses."""

    def __init__(self) -> None:
        ms = [
            _muscle("piriformis", ("buttock", "sacroiliac"), ("posterior_thigh",)),
            _muscle("gluteus_minimus", ("lateral_thigh", "buttock"), ("calf", "lateral_leg")),
            _muscle("gluteus_medius", ("sacroiliac", "buttock"), ("posterior_thigh",)),
            _muscle("gluteus_maximus", ("buttock", "sacrum_coccyx"), ("posterior_thigh",)),
            _muscle("quadratus_lumborum", ("sacroiliac", "buttock"), ("groin",)),
            _muscle("soleus", ("heel",), ("calf",)),
            _muscle("tibialis_posterior", ("achilles",), ("plantar_foot", "calf")),
            _muscle(
                "gastrocnemius",
                ("calf", "plantar_foot"),
                ("posterior_knee",),
                meshes=("gastrocnemius_medial", "gastrocnemius_lateral"),
            ),
            _muscle("twin_of_soleus", ("heel",), ("calf",)),
            _muscle("no_zones", (), ()),
        ]
        self.muscles = {m.id: m for m in ms}
        self.sites = {"hip": None, "ankle": None}

    def muscles_referring_to(self, area: str):
        out = []
        for m in self.muscles.values():
            if area in m.essential:
                out.append(SimpleNamespace(muscle=m.id, zone="essential"))
            elif area in m.spillover:
                out.append(SimpleNamespace(muscle=m.id, zone="spillover"))
        return tuple(out)

    def chain_for(self, site: str, side: str = "both"):
        ids = {
            "hip": ["piriformis", "gluteus_minimus", "soleus"],
            "ankle": ["soleus", "tibialis_posterior", "gastrocnemius"],
        }[site]
        return tuple(SimpleNamespace(muscle=m) for m in ids)


@pytest.fixture
def kb() -> FakeKnowledge:
    return FakeKnowledge()


def test_same_seed_asks_the_same_questions_with_the_same_choices(kb):
    a = make_quiz(kb, rounds=8, seed=42)
    b = make_quiz(kb, rounds=8, seed=42)
    assert a.questions == b.questions
    c = make_quiz(kb, rounds=8, seed=43)
    assert [q.muscle for q in c.questions] != [q.muscle for q in a.questions] or [
        q.kind for q in c.questions
    ] != [q.kind for q in a.questions]


def test_rounds_setting_and_no_repeat_before_every_muscle_was_asked(kb):
    quiz = make_quiz(kb, rounds=9, seed=1)
    assert quiz.rounds == 9
    asked = [q.muscle for q in quiz.questions]
    assert len(set(asked)) == 9  # nine muscles have zones; none asked twice
    assert "no_zones" not in asked


def test_name_the_muscle_offers_four_choices_with_the_answer_and_plausible_neighbours(kb):
    quiz = make_quiz(kb, rounds=20, seed=3, kinds=(NAME_THE_MUSCLE,))
    for q in quiz.questions:
        assert len(q.choices) == 4 and len(set(q.choices)) == 4
        assert q.muscle in q.choices
    q = next(q for q in quiz.questions if q.muscle == "piriformis")
    buttock_muscles = {"gluteus_minimus", "gluteus_medius", "gluteus_maximus", "quadratus_lumborum"}
    assert set(q.choices) - {"piriformis"} <= buttock_muscles


def test_a_muscle_with_identical_zones_is_never_a_distractor(kb):
    assert "twin_of_soleus" not in plausible_neighbours(kb, "soleus")
    assert plausible_neighbours(kb, "piriformis")[0] in {
        "gluteus_medius",
        "gluteus_maximus",
        "quadratus_lumborum",
        "gluteus_minimus",
    }


def test_score_streak_and_misses_review(kb):
    quiz = make_quiz(kb, rounds=4, seed=5, kinds=(NAME_THE_MUSCLE,))
    q1 = quiz.current
    assert quiz.answer_muscle(q1.muscle).correct
    assert (quiz.score, quiz.streak) == (1, 1)
    q2 = quiz.current
    assert quiz.answer_muscle(q2.muscle).correct
    assert quiz.streak == 2
    q3 = quiz.current
    wrong = next(c for c in q3.choices if c != q3.muscle)
    miss = quiz.answer_muscle(wrong)
    assert not miss.correct and miss.expected == q3.muscle
    assert (quiz.score, quiz.streak, quiz.best_streak) == (2, 0, 2)
    quiz.answer_muscle(quiz.current.muscle)
    assert quiz.finished and quiz.current is None
    assert [m.question.number for m in quiz.misses] == [3]
    with pytest.raises(ValueError):
        quiz.answer_muscle("soleus")


def test_find_the_zone_accepts_essential_and_spillover_areas_only(kb):
    quiz = make_quiz(kb, rounds=3, seed=0, kinds=(FIND_THE_ZONE,), muscles=["piriformis"])
    assert quiz.current.kind == FIND_THE_ZONE and quiz.current.choices == ()
    assert quiz.answer_area("buttock").correct
    assert quiz.answer_area("posterior_thigh").correct  # spillover counts
    miss = quiz.answer_area("heel")
    assert not miss.correct and "buttock" in miss.expected
    assert quiz.score == 2


def test_answering_the_wrong_kind_is_refused(kb):
    quiz = make_quiz(kb, rounds=1, seed=0, kinds=(FIND_THE_ZONE,))
    with pytest.raises(ValueError):
        quiz.answer_muscle("soleus")


def test_clicked_mesh_maps_to_its_muscle(kb):
    assert muscle_for_mesh(kb, "gastrocnemius_lateral") == "gastrocnemius"
    assert muscle_for_mesh(kb, "unknown_mesh") is None


def test_bad_settings_are_refused(kb):
    with pytest.raises(ValueError):
        make_quiz(kb, rounds=0)
    with pytest.raises(ValueError):
        make_quiz(kb, kinds=("spot_the_bone",))


# ---- which trigger point refers here? (fine skin areas, the real knowledge file)


def test_which_point_shows_a_fine_area_of_the_drawn_points_essential_zone(knowledge) -> None:
    quiz = make_quiz(knowledge, rounds=30, seed=7, kinds=(WHICH_POINT,))
    assert quiz.rounds == 30
    for q in quiz.questions:
        assert q.kind == WHICH_POINT and q.area in FINE_AREA_IDS
        chart = knowledge.muscles[q.muscle].trigger_point(q.point).referral
        assert q.area in chart.essential and q.essential == chart.essential
        assert point_key(q.muscle, q.point) in q.answers
        assert "trigger point" in q.prompt and q.label in q.prompt


def test_which_point_right_answers_are_every_point_with_the_area_as_essential(knowledge) -> None:
    quiz = make_quiz(knowledge, rounds=40, seed=11, kinds=(WHICH_POINT,))
    for q in quiz.questions:
        right = {
            point_key(m.id, tp.id)
            for m in knowledge.muscles.values()
            for tp in m.trigger_points
            if tp.referral is not None and q.area in tp.referral.essential
        }
        assert set(q.answers) == right
        assert len(q.choices) == 4 and len(set(q.choices)) == 4
        wrong = [c for c in q.choices if c not in right]
        assert len(wrong) == 3  # exactly one right choice is offered
        for key in wrong:
            muscle, point = split_point_key(key)
            chart = knowledge.muscles[muscle].trigger_point(point).referral
            assert q.area not in chart.essential


def test_which_point_distractors_are_plausible(knowledge) -> None:
    """Wrong choices refer to the same body area, or send spillover to the very area."""
    quiz = make_quiz(knowledge, rounds=40, seed=3, kinds=(WHICH_POINT,))
    plausible = 0
    for q in quiz.questions:
        group = group_of(q.area)
        for key in (c for c in q.choices if c not in q.answers):
            muscle, point = split_point_key(key)
            chart = knowledge.muscles[muscle].trigger_point(point).referral
            plausible += q.area in chart.spillover or any(
                group_of(a) == group for a in chart.essential
            )
    assert 4 * plausible >= 3 * 3 * quiz.rounds  # at least three in four


def test_which_point_answers_score_and_are_reviewed(knowledge) -> None:
    quiz = make_quiz(knowledge, rounds=2, seed=5, kinds=(WHICH_POINT,))
    q1 = quiz.current
    assert quiz.answer_point(point_key(q1.muscle, q1.point)).correct
    q2 = quiz.current
    wrong = next(c for c in q2.choices if c not in q2.answers)
    miss = quiz.answer_point(wrong)
    assert not miss.correct and point_key(q2.muscle, q2.point) in miss.expected
    assert quiz.score == 1 and [m.question.number for m in quiz.misses] == [2]


def test_which_point_is_refused_for_other_kinds_and_repeatable(knowledge) -> None:
    quiz = make_quiz(knowledge, rounds=1, seed=0, kinds=(NAME_THE_MUSCLE,))
    with pytest.raises(ValueError):
        quiz.answer_point("soleus.distal")
    a = make_quiz(knowledge, rounds=12, seed=9, kinds=KINDS)
    assert a.questions == make_quiz(knowledge, rounds=12, seed=9, kinds=KINDS).questions
    assert WHICH_POINT in {q.kind for q in a.questions}


def test_default_kinds_are_the_ones_the_window_shows(kb):
    assert DEFAULT_KINDS == (NAME_THE_MUSCLE, FIND_THE_ZONE)
    assert {q.kind for q in make_quiz(kb, rounds=20, seed=2).questions} <= set(DEFAULT_KINDS)


def test_a_muscle_without_charts_is_not_asked_which_point(kb):
    """The fake muscles have no trigger points: every round falls back to the other kinds,
    and a which-point-only quiz has nothing to ask."""
    quiz = make_quiz(kb, rounds=9, seed=1, kinds=KINDS)
    assert WHICH_POINT not in {q.kind for q in quiz.questions}
    with pytest.raises(ValueError):
        make_quiz(kb, rounds=3, seed=1, kinds=(WHICH_POINT,))
