"""The referral quiz dock: a question, four choices (keys 1-4) or a click on the model, feedback,
score and streak, and a review of the misses at the end.

The engine is ``tp_explorer.state.quiz``; this module only shows it, in the chart view (switched
on for the quiz, back as it was after). Three kinds: name the muscle whose zones are painted,
find a named muscle's zone on the skin, and which trigger point refers to a painted fine skin
area (choices named "Muscle — point"). What the body shows for each is in quiz_paint, what the dock
says in quiz_words.
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
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tp_explorer.state.quiz import (
    DEFAULT_ROUNDS,
    FIND_THE_ZONE,
    KINDS,
    NAME_THE_MUSCLE,
    WHICH_POINT,
    Answer,
    Question,
    Quiz,
    make_quiz,
    muscle_for_mesh,
)
from tp_explorer.ui.chart_view import CHART, with_chart
from tp_explorer.ui.quiz_paint import question_highlight
from tp_explorer.ui.quiz_words import choice_name, feedback, miss_line, prompt

if TYPE_CHECKING:
    from tp_explorer.ui.window_base import ExplorerWindow


def _plain(label: QLabel) -> QLabel:
    """A wrapped plain-text label that never widens the dock (long feedback wraps instead)."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(1)
    return label


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
        self.chart_before: bool | None = None  # the chart view before the quiz switched it on

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
        self.choice_buttons = self._choice_buttons(lay)
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

        self.shortcuts = self._shortcuts()
        window.state.changed.connect(self._on_state_changed)
        self._show_idle()

    def _choice_buttons(self, lay: QVBoxLayout) -> list[QPushButton]:
        """The four answer buttons (their words are set per question)."""
        buttons = []
        for i in range(4):
            button = QPushButton("")
            button.setObjectName(f"quiz_choice_{i + 1}")
            button.clicked.connect(lambda _checked=False, i=i: self.choose(i))
            lay.addWidget(button)
            buttons.append(button)
        return buttons

    def _shortcuts(self) -> list[QShortcut]:
        """Keys 1-4 answer, N goes on to the next question."""
        shortcuts = []
        for i in range(4):
            sc = QShortcut(QKeySequence(str(i + 1)), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(lambda i=i: self.choose(i))
            shortcuts.append(sc)
        sc = QShortcut(QKeySequence(Qt.Key.Key_N), self)
        sc.activated.connect(self.next_question)
        shortcuts.append(sc)
        return shortcuts

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
        self.quiz = make_quiz(self.main_window.knowledge, rounds=rounds, seed=seed, kinds=KINDS)
        self.review.hide()
        self.show()
        self.raise_()
        state = self.main_window.state
        if self.chart_before is None:
            self.chart_before = CHART in state.layers
        layers = with_chart(state.layers)  # the quiz is asked on the chart view
        state.update(site=None, focus=None, area=None, mode="quiz", layers=layers)
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
        """Pick choice ``index`` (0-3) of a name-the-muscle or which-point question."""
        if not self.isVisible() or not self.awaiting_answer:
            return None
        q = self._current()
        if q.kind == FIND_THE_ZONE or index >= len(q.choices):
            return None
        if q.kind == WHICH_POINT:
            return self._record(self._running().answer_point(q.choices[index]))
        return self._record(self._running().answer_muscle(q.choices[index]))

    def answer_pick(self, pick: object) -> Answer | None:
        """A click on the model: a muscle for name-the-muscle, a skin area for find-the-zone."""
        if not self.awaiting_answer:
            return None
        q = self._current()
        kb = self.main_window.knowledge
        if q.kind == WHICH_POINT:
            self.hint.setText("Press 1-4 to choose the trigger point.")
            return None
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
        state = self.main_window.state
        layers = self.layers_outside_quiz(state.layers)
        self.chart_before = None
        with contextlib.suppress(ValueError):
            state.update(mode="explore", layers=layers)
        self._refresh_scene_from_state()
        self._show_idle()

    def layers_outside_quiz(self, layers: frozenset[str]) -> frozenset[str]:
        """``layers`` with the chart view as it was before the quiz switched it on (what the
        window keeps when it closes during a quiz)."""
        return layers if self.chart_before is None else with_chart(layers, self.chart_before)

    def _on_state_changed(self, names: frozenset[str]) -> None:
        """The chart view (or another layer) switched during a question: paint it again."""
        if "layers" in names and self.shown is not None and self.quiz is not None:
            self._paint(revealed=self.last is not None)

    # -- showing ---------------------------------------------------------------------------
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
        window = self.main_window
        h = question_highlight(window.knowledge, q, revealed, self._sides())
        window.scene.apply(h, window.state.layers, render=False)
        # the frame follows what is painted: the asked area, the zones, the muscle
        window.controller.set_view(window.scene.best_view(window.state.side), render=False)
        window.plotter.render()

    def _refresh_scene_from_state(self) -> None:
        refresh = getattr(self.main_window.controller, "refresh", None)
        if callable(refresh):
            refresh()

    def _show_idle(self) -> None:
        self.question.setText("Referral quiz")
        self.hint.setText(
            "A pattern is painted: name the muscle (keys 1-4, or click it). Or a muscle is "
            "named: click on the skin where it refers pain. Or one patch of skin is painted: "
            "choose the trigger point that refers pain there (keys 1-4)."
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
        self.question.setText(prompt(q))
        self.feedback.setText("")
        self.next_button.hide()
        if q.kind in (NAME_THE_MUSCLE, WHICH_POINT):
            for i, b in enumerate(self.choice_buttons):
                if i < len(q.choices):
                    name = choice_name(self.main_window.knowledge, q, q.choices[i])
                    name = name.replace("&", "&&")
                    b.setText(f"&{i + 1}  {name}")
                    b.setEnabled(True)
                    b.show()
                else:
                    b.hide()
            self.hint.setText(
                "Press 1-4 or click the muscle on the model."
                if q.kind == NAME_THE_MUSCLE
                else "Press 1-4, or click a choice."
            )
        else:
            for b in self.choice_buttons:
                b.hide()
            self.hint.setText("Click on the skin where this muscle refers pain.")
        self._update_score()
        self._paint(revealed=False)

    def _record(self, answer: Answer) -> Answer:
        self.last = answer
        self.feedback.setText(feedback(self.main_window.knowledge, answer))
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
        kb = self.main_window.knowledge
        lines = [miss_line(kb, m) for m in qz.misses] or ["No misses. Well done!"]
        self.review.setPlainText("Review of misses:\n" + "\n".join(lines))
        self.review.show()
        self.finished.emit(qz)


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
