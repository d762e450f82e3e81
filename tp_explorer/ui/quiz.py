"""The referral quiz dock: a question, four choices (keys 1-4) or a click on the model, feedback,
score and streak, and a review of the misses at the end.

The engine is ``tp_explorer.state.quiz``; this module only shows it. The model is painted with
ordinary scene highlights: zones alone for "name the muscle" (the muscle is not coloured, that
would give the answer away), the muscle alone for "find the zone", both after an answer.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tp_explorer.state import Highlight
from tp_explorer.state.compare import area_label
from tp_explorer.state.quiz import (
    DEFAULT_ROUNDS,
    FIND_THE_ZONE,
    NAME_THE_MUSCLE,
    Answer,
    Question,
    Quiz,
    make_quiz,
    muscle_for_mesh,
)

if TYPE_CHECKING:
    from tp_explorer.knowledge import Knowledge
    from tp_explorer.ui.window_base import ExplorerWindow


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def quiz_highlight(
    knowledge: Knowledge, muscle_id: str, kind: str, revealed: bool, sides: tuple[str, ...]
) -> Highlight:
    """What the model shows for a question: zones, the muscle, or both once answered."""
    muscle = knowledge.muscles[muscle_id]
    zones: dict[tuple[str, str], str] = {}
    muscles: dict[tuple[str, str], str] = {}
    if kind == NAME_THE_MUSCLE or revealed:
        for side in sides:
            for area in muscle.spillover:
                zones[(area, side)] = "spillover"
            for area in muscle.essential:
                zones[(area, side)] = "essential"
    if kind == FIND_THE_ZONE or revealed:
        for side in sides:
            for mesh in muscle.meshes:
                muscles[(mesh, side)] = "focus"
    return Highlight(muscles=muscles, zones=zones, sides=sides, ghost_others=bool(muscles))


class QuizPanel(QDockWidget):
    """The quiz dock. ``answered`` carries each Answer; ``finished`` the finished Quiz."""

    answered = Signal(object)
    finished = Signal(object)

    def __init__(self, window: ExplorerWindow) -> None:
        super().__init__("Quiz", window)
        self.setObjectName("dock_quiz")
        self.main_window = window
        self.quiz: Quiz | None = None
        self.last: Answer | None = None
        self.seed: int | None = None
        self.shown: Question | None = None  # the question on screen; ``last``: its answer

        body = QWidget()
        lay = QVBoxLayout(body)
        settings = QFormLayout()
        self.rounds_box = QSpinBox()
        self.rounds_box.setObjectName("quiz_rounds")
        self.rounds_box.setRange(1, 50)
        self.rounds_box.setValue(DEFAULT_ROUNDS)
        self.seed_box = QSpinBox()
        self.seed_box.setObjectName("quiz_seed")
        self.seed_box.setRange(-1, 999_999)
        self.seed_box.setSpecialValueText("random")
        self.seed_box.setValue(-1)
        settings.addRow("Rounds", self.rounds_box)
        settings.addRow("Seed", self.seed_box)
        lay.addLayout(settings)
        self.start_button = QPushButton("Start quiz")
        self.start_button.setObjectName("quiz_start")
        self.start_button.clicked.connect(self._on_start_clicked)
        lay.addWidget(self.start_button)

        self.progress = _plain(QLabel("Press Start."))
        self.progress.setObjectName("quiz_progress")
        self.question = _plain(QLabel(""))
        self.question.setObjectName("quiz_question")
        f = QFont()
        f.setPointSize(13)
        f.setBold(True)
        self.question.setFont(f)
        lay.addWidget(self.progress)
        lay.addWidget(self.question)
        self.choice_buttons: list[QPushButton] = []
        for i in range(4):
            button = QPushButton("")
            button.setObjectName(f"quiz_choice_{i + 1}")
            button.clicked.connect(lambda _checked=False, i=i: self.choose(i))
            lay.addWidget(button)
            self.choice_buttons.append(button)
        self.hint = _plain(QLabel(""))
        self.hint.setObjectName("quiz_hint")
        self.feedback = _plain(QLabel(""))
        self.feedback.setObjectName("quiz_feedback")
        lay.addWidget(self.hint)
        lay.addWidget(self.feedback)
        row = QHBoxLayout()
        self.score_label = _plain(QLabel(""))
        self.score_label.setObjectName("quiz_score")
        row.addWidget(self.score_label, 1)
        self.next_button = QPushButton("Next")
        self.next_button.setObjectName("quiz_next")
        self.next_button.clicked.connect(self.next_question)
        row.addWidget(self.next_button)
        lay.addLayout(row)
        self.review = QPlainTextEdit()
        self.review.setObjectName("quiz_review")
        self.review.setReadOnly(True)
        self.review.hide()
        lay.addWidget(self.review, 1)
        lay.addStretch(0)
        self.setWidget(body)
        self.setMinimumWidth(320)

        self.shortcuts = []
        for i in range(4):
            sc = QShortcut(QKeySequence(str(i + 1)), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(lambda i=i: self.choose(i))
            self.shortcuts.append(sc)
        sc = QShortcut(QKeySequence(Qt.Key.Key_N), self)
        sc.activated.connect(self.next_question)
        self.shortcuts.append(sc)
        self._show_idle()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.quiz is not None:
            self.stop()
        super().closeEvent(event)

    # -- running a quiz -------------------------------------------------------------------
    def _on_start_clicked(self) -> None:
        seed = self.seed_box.value()
        self.start(rounds=self.rounds_box.value(), seed=None if seed < 0 else seed)

    def start(self, rounds: int = DEFAULT_ROUNDS, seed: int | None = None) -> Quiz:
        """Begin a new quiz (the same seed and rounds ask the same questions)."""
        self.rounds_box.setValue(rounds)
        self.seed_box.setValue(-1 if seed is None else seed)
        self.seed = seed
        self.quiz = make_quiz(self.main_window.knowledge, rounds=rounds, seed=seed)
        self.review.hide()
        self.show()
        self.raise_()
        state = self.main_window.state
        state.update(site=None, focus=None, area=None, mode="quiz")
        self._show_question()
        return self.quiz

    @property
    def awaiting_answer(self) -> bool:
        return self.shown is not None and self.last is None

    def _running(self) -> Quiz:
        """The quiz under way (the panel's answers and pages are shown only while one is)."""
        if self.quiz is None:
            raise RuntimeError("no quiz is running")
        return self.quiz

    def _current(self) -> Question:
        """The question waiting for an answer."""
        q = self._running().current
        if q is None:
            raise RuntimeError("the quiz is finished: no question is waiting")
        return q

    def choose(self, index: int) -> Answer | None:
        """Pick choice ``index`` (0-3) of a name-the-muscle question."""
        if not self.isVisible() or not self.awaiting_answer:
            return None
        q = self._current()
        if q.kind != NAME_THE_MUSCLE or index >= len(q.choices):
            return None
        return self._record(self._running().answer_muscle(q.choices[index]))

    def answer_pick(self, pick: object) -> Answer | None:
        """A click on the model: a muscle for name-the-muscle, a skin area for find-the-zone."""
        if not self.awaiting_answer:
            return None
        q = self._current()
        kb = self.main_window.knowledge
        if q.kind == NAME_THE_MUSCLE:
            mesh = getattr(pick, "mesh_id", None)
            if getattr(pick, "kind", None) != "muscle" or mesh is None:
                self.hint.setText("Click a muscle (or press 1-4).")
                return None
            muscle = muscle_for_mesh(kb, mesh, q.choices)
            if muscle is None:
                return None
            return self._record(self._running().answer_muscle(muscle))
        area = getattr(pick, "area", None)
        if area is None:
            self.hint.setText("Click on the skin where you think the pain is felt.")
            return None
        return self._record(self._running().answer_area(area))

    def next_question(self) -> None:
        if self.quiz is None or self.awaiting_answer:
            return
        if self.quiz.finished:
            self._show_review()
        else:
            self._show_question()

    def stop(self) -> None:
        """Leave quiz mode and give the model back to the explorer."""
        self.quiz = None
        self.last = None
        self.shown = None
        with contextlib.suppress(ValueError):
            self.main_window.state.update(mode="explore")
        self._refresh_scene_from_state()
        self._show_idle()

    # -- showing ---------------------------------------------------------------------------
    def _name(self, muscle_id: str) -> str:
        m = self.main_window.knowledge.muscles.get(muscle_id)
        return m.name if m is not None else muscle_id

    def _sides(self) -> tuple[str, ...]:
        side = self.main_window.state.side
        return ("left", "right") if side == "both" else (side,)

    def _paint(self, revealed: bool) -> None:
        if not revealed:
            q = self._current()
        elif self.last is not None:
            q = self.last.question
        else:
            raise RuntimeError("no answer to reveal")
        h = quiz_highlight(self.main_window.knowledge, q.muscle, q.kind, revealed, self._sides())
        self.main_window.scene.apply(h)
        self.main_window.plotter.render()

    def _refresh_scene_from_state(self) -> None:
        refresh = getattr(self.main_window.controller, "refresh", None)
        if callable(refresh):
            refresh()

    def _show_idle(self) -> None:
        self.question.setText("Referral quiz")
        self.hint.setText(
            "A pattern is painted: name the muscle (keys 1-4, or click it). Or a muscle is "
            "named: click on the skin where it refers pain."
        )
        self.feedback.setText("")
        self.score_label.setText("")
        for b in self.choice_buttons:
            b.hide()
        self.next_button.hide()

    def _show_question(self) -> None:
        q = self._current()
        self.shown = q
        self.last = None
        self.progress.setText(f"Question {q.number} of {self._running().rounds}")
        self.question.setText(q.prompt)
        self.feedback.setText("")
        self.next_button.hide()
        if q.kind == NAME_THE_MUSCLE:
            for i, b in enumerate(self.choice_buttons):
                if i < len(q.choices):
                    b.setText(f"&{i + 1}  {self._name(q.choices[i])}")
                    b.setEnabled(True)
                    b.show()
                else:
                    b.hide()
            self.hint.setText("Press 1-4 or click the muscle on the model.")
        else:
            for b in self.choice_buttons:
                b.hide()
            self.hint.setText("Click on the skin where this muscle refers pain.")
        self._update_score()
        self._paint(revealed=False)

    def _record(self, answer: Answer) -> Answer:
        self.last = answer
        q = answer.question
        if answer.correct:
            text = "Right!"
        elif q.kind == NAME_THE_MUSCLE:
            text = f"Not quite: you chose {self._name(answer.given)}; it is {q.label}."
        else:
            where = area_label(answer.given) if answer.given else "no body area"
            text = f"Not quite: {where} is not one of {q.label}'s zones."
        if q.kind == FIND_THE_ZONE or not answer.correct:
            zones = ", ".join(area_label(a) for a in q.essential)
            text += f" {q.label} refers to {zones or 'no listed area'}"
            if q.spillover:
                text += f" (spillover: {', '.join(area_label(a) for a in q.spillover)})"
            text += "."
        self.feedback.setText(text)
        for b in self.choice_buttons:
            b.setEnabled(False)
        self.next_button.setText("See results" if self._running().finished else "Next")
        self.next_button.show()
        self._update_score()
        self._paint(revealed=True)
        self.answered.emit(answer)
        return answer

    def _update_score(self) -> None:
        qz = self._running()
        self.score_label.setText(
            f"Score {qz.score}/{qz.index}   streak {qz.streak} (best {qz.best_streak})"
        )

    def _show_review(self) -> None:
        qz = self._running()
        self.shown = None
        self.progress.setText("Quiz finished")
        self.question.setText(f"You scored {qz.score} out of {qz.rounds}.")
        self.hint.setText(f"Best streak: {qz.best_streak}.")
        self.feedback.setText("")
        for b in self.choice_buttons:
            b.hide()
        self.next_button.hide()
        lines = [self._miss_line(m) for m in qz.misses] or ["No misses. Well done!"]
        self.review.setPlainText("Review of misses:\n" + "\n".join(lines))
        self.review.show()
        self.finished.emit(qz)

    def _miss_line(self, m: Answer) -> str:
        q = m.question
        zones = ", ".join(area_label(a) for a in q.essential)
        if q.kind == NAME_THE_MUSCLE:
            return f"Q{q.number}: zones of {q.label} ({zones}); you said {self._name(m.given)}."
        given = area_label(m.given) if m.given else "nothing"
        return f"Q{q.number}: {q.label} refers to {zones}; you clicked {given}."


class QuizPickRouter(QObject):
    """Sends clicks on the model to the quiz while a question waits for an answer."""

    def __init__(self, panel: QuizPanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def __call__(self, pick: object) -> bool:
        """True when the quiz took the click (the explorer should then ignore it)."""
        if self.panel.isVisible() and self.panel.awaiting_answer:
            self.panel.answer_pick(pick)
            return True
        return False
