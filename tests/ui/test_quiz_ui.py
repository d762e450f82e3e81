"""The referral quiz through the real window: repeatable, scored right, clickable, reviewed."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from tp_explorer.scene.picking import PickResult
from tp_explorer.state.quiz import FIND_THE_ZONE, NAME_THE_MUSCLE, WHICH_POINT, split_point_key
from tp_explorer.ui.chart_text import point_title


def _asked(quiz) -> list[tuple]:
    return [(q.kind, q.muscle, q.choices) for q in quiz.questions]


def test_same_seed_asks_the_same_questions_twice(window):
    panel = window.features.quiz
    first = _asked(panel.start(rounds=6, seed=2024))
    second = _asked(panel.start(rounds=6, seed=2024))
    assert first == second and len(first) == 6
    assert _asked(panel.start(rounds=6, seed=7)) != first
    assert window.state.mode == "quiz"


def test_keys_answer_right_and_wrong_and_the_score_and_streak_follow(window, qtbot):
    panel = window.features.quiz
    quiz = panel.start(rounds=3, seed=5)
    quiz_questions = [q for q in quiz.questions]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    answered = []
    for i, q in enumerate(quiz_questions):
        assert panel.progress.text() == f"Question {i + 1} of 3"
        right = i != 1  # the second answer is wrong
        if q.kind == WHICH_POINT:
            wrong = next(c for c in q.choices if c not in q.answers)
            choice = next(c for c in q.choices if c in q.answers) if right else wrong
            qtbot.keyClick(window.plotter, str(q.choices.index(choice) + 1))
        elif q.kind == NAME_THE_MUSCLE:
            assert [b.text().split("  ", 1)[1] for b in panel.choice_buttons] == [
                window.knowledge.muscles[c].name for c in q.choices
            ]
            index = q.choices.index(q.muscle)
            if not right:
                index = (index + 1) % 4
            qtbot.keyClick(window.plotter, str(index + 1))
        else:
            area = sorted(q.answer_areas)[0] if right else "lumbar"
            assert right or "lumbar" not in q.answer_areas
            panel.answer_pick(PickResult("skin", area=area, area_side="right"))
        answered.append(panel.last)
        assert panel.last.correct is right
        assert panel.feedback.text().startswith("Right!" if right else "Not quite")
        qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert quiz.score == 2 and quiz.best_streak == 1 and quiz.streak == 1
    assert panel.score_label.text().startswith("Score 2/3")
    assert panel.review.isVisible()
    assert "Q2:" in panel.review.toPlainText() and "Q1:" not in panel.review.toPlainText()


def _skip_to_name_the_muscle(panel, quiz) -> None:
    """Answer the other kinds (any area, the first choice) until a name-the-muscle one is
    asked."""
    while quiz.current.kind != NAME_THE_MUSCLE:
        if quiz.current.kind == WHICH_POINT:
            panel.choose(0)
        else:
            panel.answer_pick(PickResult("skin", area="lumbar", area_side="left"))
        panel.next_question()


def test_name_the_muscle_paints_zones_without_giving_the_muscle_away(window):
    panel = window.features.quiz
    quiz = panel.start(rounds=12, seed=3)
    _skip_to_name_the_muscle(panel, quiz)
    q = quiz.current
    h = window.scene.highlight
    # the zones are the muscle's points' charts, on the fine skin map and on its body areas
    assert set(h.zone_groups) and {a for a, _s in h.zone_groups} == set(q.essential) | set(
        q.spillover
    )
    muscle = window.knowledge.muscles[q.muscle]
    fine = set(muscle.essential_areas) | set(muscle.spillover_areas)
    assert {a for a, _s in h.zones} == fine
    assert h.muscles == {} and not h.markers  # neither the muscle nor its points are shown
    assert "chart" in window.scene.layers  # the quiz is asked on the chart view


def test_clicking_the_muscle_on_the_model_answers(window, qtbot):
    panel = window.features.quiz
    quiz = panel.start(rounds=12, seed=3)
    _skip_to_name_the_muscle(panel, quiz)
    q = quiz.current
    mesh = window.knowledge.muscles[q.muscle].meshes[0]
    # A click on the canvas goes scene.pick -> controller -> the quiz's pick interceptor.
    window.scene.pick = lambda x, y: PickResult("muscle", mesh, "right")
    try:
        window.canvas_events.clicked.emit(10.0, 10.0)
    finally:
        del window.scene.pick
    assert panel.last is not None and panel.last.correct
    assert window.state.focus is None  # the explorer did not also take the click


def test_find_the_zone_shows_the_muscle_and_takes_a_skin_click(window, anatomy):
    panel = window.features.quiz
    quiz = panel.start(rounds=12, seed=3)
    while quiz.current.kind != FIND_THE_ZONE:
        panel.choose(0)
        panel.next_question()
    q = quiz.current
    assert q.label in panel.question.text()
    roles = set(window.scene.highlight.muscles.values())
    assert roles == {"focus"} and not window.scene.highlight.zones
    area = q.essential[0]
    side = "right"
    # A real ray pick: aim at the middle of the area's skin points.
    pts = anatomy.skin.points[np.asarray(anatomy.areas[area][side])]
    window.controller.set_view("posterior" if pts[:, 1].mean() > 0 else "anterior")
    target = pts[np.argmin(np.linalg.norm(pts - pts.mean(axis=0), axis=1))]
    x, y = window.scene.project(target)
    pick = window.scene.pick(x, y)
    assert pick is not None and pick.area is not None
    answer = panel.answer_pick(pick)
    assert answer is not None and answer.correct is (pick.area in q.answer_areas)
    panel.stop()
    assert window.state.mode == "explore"


def _skip_to(panel, quiz, kind) -> None:
    while quiz.current.kind != kind:
        if quiz.current.kind == FIND_THE_ZONE:
            panel.answer_pick(PickResult("skin", area="lumbar", area_side="left"))
        else:
            panel.choose(0)
        panel.next_question()


def test_which_point_shows_one_area_and_names_the_points(window, qtbot):
    """The third kind: one fine skin area is painted; the choices are "Muscle — point"; a
    right key answers it, and then the drawn point's chart is shown with its muscle."""
    kb = window.knowledge
    chart_before = "chart" in window.state.layers
    panel = window.features.quiz
    quiz = panel.start(rounds=12, seed=3)
    _skip_to(panel, quiz, WHICH_POINT)
    q = quiz.current
    assert q.label in panel.question.text() and "trigger point" in panel.question.text()
    shown = [b.text().split("  ", 1)[1] for b in panel.choice_buttons if b.isVisible()]
    titles = [point_title(kb.muscles[m], p) for m, p in map(split_point_key, q.choices)]
    assert shown == [t.replace("&", "&&") for t in titles]
    assert all(" — " in t and t.endswith(" point") for t in titles)
    h = window.scene.highlight
    assert {a for a, _s in h.zones} == {q.area} and set(h.zones.values()) == {"essential"}
    assert not h.muscles and not h.markers  # nothing gives the answer away
    assert "chart" in window.scene.layers and "chart" in window.state.layers
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    right = next(c for c in q.choices if c in q.answers)
    qtbot.keyClick(window.plotter, str(q.choices.index(right) + 1))
    assert panel.last is not None and panel.last.correct
    assert panel.feedback.text().startswith("Right!")
    shown_after = window.scene.highlight
    assert shown_after.point == (q.muscle, q.point) and shown_after.focus == q.muscle
    chart = kb.muscles[q.muscle].trigger_point(q.point).referral
    assert {a for a, _s in shown_after.zones} == set(chart.areas)
    panel.stop()
    assert ("chart" in window.state.layers) is chart_before  # as it was before the quiz


def test_quiz_command_checks_rounds_and_offers_seed(capsys):
    from tp_explorer.cli import build_parser, main

    args = build_parser().parse_args(["quiz", "--seed", "3", "--rounds", "4"])
    assert (args.seed, args.rounds) == (3, 4)
    assert main(["quiz", "--rounds", "0"]) == 2
    assert "--rounds" in capsys.readouterr().err


def test_the_window_remembers_its_own_view_when_closed_mid_quiz(window):
    """The quiz switches the chart view on only while it runs: the settings keep the user's."""
    from tp_explorer.ui.chart_view import CHART
    from tp_explorer.ui.settings import Settings

    window.state.set_layer(CHART, False)
    panel = window.features.quiz
    panel.start(rounds=2, seed=1)
    assert CHART in window.state.layers
    window.save_settings()
    assert CHART not in Settings().layers()
    panel.stop()
    assert CHART not in window.state.layers
