"""The quiz panel: one row per question the hidden fields ask (per link its calls and bandwidth, the recommended
technology, the findings), a cell for the student's answer, and a result once checked; the worked solution of a
row (the explanation `advisor explain` prints) is revealed once it has been checked or given up."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from advisor import numbers
from advisor.results import results_fit
from advisor.rules._names import tech_label
from advisor.ui.appearance import TONES, tone
from advisor.ui.classroom import quiz, render
from advisor.ui.classroom.explain_pane import context_for
from advisor.ui.classroom.quiz import Question, QuizSettings, Verdict

QUESTION, ANSWER, RESULT = range(3)
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # combined once: Python's enum `|` is slow
MARKS = {"right": ("✓ ", "ok"), "wrong": ("✗ ", "error"), "invalid": ("? ", "warning"),  # appearance.TONES
         "shown": ("", "#607d8b")}
HINTS = {
    "calls": "Work it out from the design: each site's users and busy-hour settings (the Inspector), the share of "
             "calls that leave the site, how they reach this link, and Erlang B at the design's grade of service.",
    "kbps": "Calls × the bandwidth of one call on this link (its codec, VPN and layer 2), plus the signalling of "
            "the phones whose call control crosses it.",
    "technology": "Read the design's transports, sites and needs (dynamic routing, multicast, privacy); the VPN "
                  "comparison's Table 1 is open to you.",
    "errors": "Check the design against the rules: call processing, survivability, security, bandwidth and VPN.",
    "warnings": "Check the design against the rules: call processing, survivability, security, bandwidth and VPN.",
    "codes": "Type the codes of the findings that fire as errors or warnings, separated by commas or spaces (their "
             "families: VPN-, BW-, DEP-, SEC-, QOS-); 'none' if no check fails.",
}


class QuizPanel(QWidget):
    """The students' side of quiz mode."""

    endRequested = Signal()

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("quiz")
        self.document = document
        self.settings: QuizSettings | None = None
        self.questions: list[Question] = []
        self.answers: dict[str, str] = {}
        self.verdicts: dict[str, Verdict] = {}
        self.revealed: set[str] = set()
        self._filling = False
        self.header = QLabel(objectName="quiz-header", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.table = QTableWidget(0, 3, objectName="quiz-table")
        self.table.setHorizontalHeaderLabels(["Question", "Your answer", "Result"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setWordWrap(True)
        # Rows are fitted to their wrapped text as they come into view (`_fit_shown_rows`), not by the header's
        # ResizeToContents mode: that mode measured every row on show and on each column resize, ~5 s for the
        # 40,000 questions of a 20,000-site class file.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._fitted: set[int] = set()  # rows fitted at the current column widths
        self._fit_timer = QTimer(self, singleShot=True)
        self._fit_timer.setInterval(0)  # not interval=: see tests/ui/test_qt_keywords.py
        self._fit_timer.timeout.connect(self._fit_shown_rows)
        self.table.verticalScrollBar().valueChanged.connect(lambda _v: self._fit_timer.start())
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QUESTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ANSWER, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RESULT, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ANSWER, 150)
        header.resizeSection(RESULT, 230)
        header.sectionResized.connect(lambda *_: self._refit())  # the text wraps anew in a wider or narrower column
        self.table.itemChanged.connect(self._edited)
        self.table.currentCellChanged.connect(lambda row, _c, _pr, _pc: self._show_solution(row))
        self.solution = QTextBrowser(objectName="quiz-solution")
        self.solution.setOpenExternalLinks(False)
        self.score = QLabel(objectName="quiz-score")
        self.check_button = QPushButton("&Check answers", objectName="quiz-check")
        self.check_button.setToolTip("Mark every answer typed so far, and reveal its worked solution")
        self.check_button.clicked.connect(self.check_all)
        self.show_button = QPushButton("Show &solution", objectName="quiz-show")
        self.show_button.setToolTip("Give up on the selected question: show its answer and how it is worked out")
        self.show_button.clicked.connect(lambda: self.reveal(self.table.currentRow()))
        self.end_button = QPushButton("&End quiz", objectName="quiz-end")
        self.end_button.setToolTip("Leave quiz mode: every figure shows again")
        self.end_button.clicked.connect(self.endRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.score, 1)
        for button in (self.check_button, self.show_button, self.end_button):
            buttons.addWidget(button)
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.header)
        box.addWidget(self.table, 1)
        box.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.solution)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)
        # Another design opened (File ▸ New, Open, a drop, an import) while the quiz runs: the quiz goes on hiding
        # the same figures, with none of the answers, marks and answers shown of the design before. They were kept
        # by their links' ids: a design whose links bore the same ids showed "answer: … (shown)" and "the sizing
        # gives …" for figures of its own that the student had never given up on.
        document.replacing.connect(self._forget_answers)
        document.designChanged.connect(lambda _old, _new: self._rebuild())
        document.resultsChanged.connect(lambda _r: self._recheck())
        self.stop()

    # -- the quiz ---------------------------------------------------------------------------------------------------
    def start(self, settings: QuizSettings) -> None:
        self._end_editing(keep=False)  # a new quiz: its answers start empty
        self.settings = settings
        self.answers, self.verdicts, self.revealed = {}, {}, set()
        title = f"<b>{html.escape(settings.title, quote=False)}</b> — " if settings.title else "<b>Quiz</b> — "
        self.header.setText(f"{title}work out: {settings.hidden.describe()}. Accepted: "
                            f"{settings.tolerances.describe(settings.hidden)}.")
        for button in (self.check_button, self.show_button, self.end_button):
            button.setEnabled(True)
        self._rebuild()

    def _forget_answers(self) -> None:
        self._end_editing(keep=False)  # an answer to a question of the design replaced
        self.answers, self.verdicts, self.revealed = {}, {}, set()
        self.solution.clear()

    def stop(self) -> None:
        self._end_editing(keep=False)
        self.settings = None
        self.questions = []
        self.header.setText("No quiz is running. Classroom ▸ Quiz Mode… starts one on the open design; "
                            "Classroom ▸ Open Class File… opens one an instructor saved.")
        self.table.setRowCount(0)
        self.solution.clear()
        self.score.setText("")
        for button in (self.check_button, self.show_button, self.end_button):
            button.setEnabled(False)

    def _rebuild(self) -> None:
        """The questions for the design as it is now; answers and marks stay with their questions."""
        if self.settings is None:
            return
        self._end_editing()  # its answer, to the question as it was asked
        self.questions = quiz.questions(self.document.design, self.settings)
        self._filling = True
        # no editor opens on a cell made current while the rows are filled (the table edits on a current change):
        # it was left to an index the filling then removed, and warned as it lost the focus
        triggers = self.table.editTriggers()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        try:
            self._fill_rows()
        finally:  # whatever happens, the answers typed next are taken
            self._filling = False
            self.table.setEditTriggers(triggers)
        self._refit()
        if not self.questions:
            self.solution.setHtml(render.paragraphs(["This design has no links to ask about: open a design with "
                                                     "links, or hide the recommendation or the findings."]))
        self._update_score()

    def _end_editing(self, keep: bool = True) -> None:
        """Close the editor of an answer being typed (not confirmed: no Enter, the focus still in it), `keep`
        taking what it holds as the answer first. Rows filled again under it (an edit from the toolbar, which takes
        no focus) lost the typed answer, and Qt warned that the editor did not belong to the table as it left."""
        table = self.table
        if table.state() != QAbstractItemView.State.EditingState:
            return
        editor = table.indexWidget(table.currentIndex())
        if editor is None:
            return
        if keep:
            table.commitData(editor)  # through itemChanged: `_edited`
        table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _fill_rows(self) -> None:
        table = self.table
        table.setRowCount(len(self.questions))
        for row, q in enumerate(self.questions):
            item = QTableWidgetItem(q.text)
            item.setFlags(_READ_ONLY)
            item.setToolTip(self.hint(q))
            table.setItem(row, QUESTION, item)
            if q.kind == "technology":
                table.setItem(row, ANSWER, QTableWidgetItem())
                table.item(row, ANSWER).setFlags(_READ_ONLY)
                table.setCellWidget(row, ANSWER, self._technology_box(q.key))
            else:
                table.removeCellWidget(row, ANSWER)
                table.setItem(row, ANSWER, QTableWidgetItem(self.answers.get(q.key, "")))
            result = QTableWidgetItem()
            result.setFlags(_READ_ONLY)
            table.setItem(row, RESULT, result)
            self._mark(row)

    def hint(self, q: Question) -> str:
        """How to work the question out (the calculator is named when the quiz leaves it open)."""
        text = HINTS.get(q.kind, "")
        if q.kind == "kbps" and self.settings is not None and not self.settings.hidden.recommendation:
            text += " The per-call calculator prices one call on a selected link."
        return text

    def _technology_box(self, key: str) -> QComboBox:
        box = QComboBox(objectName="quiz-technology")
        box.addItem("— choose —", "")
        for tech in quiz.TECHNOLOGIES:
            box.addItem(tech_label(tech), tech)
        box.setCurrentIndex(max(box.findData(self.answers.get(key, "")), 0))
        box.currentIndexChanged.connect(lambda _i, k=key, b=box: self._answered(k, b.currentData() or ""))
        return box

    # -- answers ----------------------------------------------------------------------------------------------------
    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != ANSWER or not 0 <= item.row() < len(self.questions):
            return
        self._answered(self.questions[item.row()].key, item.text())

    def _answered(self, key: str, text: str) -> None:
        if self.answers.get(key, "") == text:
            return
        self.answers[key] = text
        self.verdicts.pop(key, None)  # a changed answer waits for the next check
        row = next((i for i, q in enumerate(self.questions) if q.key == key), None)
        if row is not None:
            self._mark(row)
        self._update_score()

    def set_answer(self, key: str, text: str) -> None:
        """Type an answer (the technology: its id, e.g. 'getvpn'), as a student would."""
        row = next(i for i, q in enumerate(self.questions) if q.key == key)
        widget = self.table.cellWidget(row, ANSWER)
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(widget.findData(text), 0))
        else:
            self.table.item(row, ANSWER).setText(text)

    def check_all(self) -> None:
        """Mark every answered question; its worked solution can then be read."""
        self._check({q.key for q in self.questions if self.answers.get(q.key, "").strip()})

    def _check(self, keys: set[str]) -> None:
        results = self.document.results
        if self.settings is None:
            return
        if results is None or context_for(self.document.design, results, self.document.results_current) is None:
            # the answers are never marked on the figures of the design before an edit (its analysis failed)
            failed = self.document.analysis_error is not None
            self.score.setText("The analysis of the design as it is now failed (the status bar says why): check "
                               "again once it succeeds." if failed else
                               "The design is being analysed: check again in a moment.")
            return
        for q in self.questions:
            if q.key in keys and q.key not in self.revealed:
                self.verdicts[q.key] = quiz.check(q, self.answers.get(q.key, ""), results, self.settings.tolerances)
        for row in range(len(self.questions)):
            self._mark(row)
        self._update_score()
        self._show_solution(self.table.currentRow())

    def _recheck(self) -> None:
        """New results (the design was edited): the answers already marked are marked again on them, and the
        answers shown read the new figures."""
        if self.settings is None:
            return
        for row, q in enumerate(self.questions):
            if q.key in self.revealed:
                self._mark(row)
        keys = set(self.verdicts) - self.revealed
        if not keys:
            self._show_solution(self.table.currentRow())
            return
        self._check(keys)

    def reveal(self, row: int) -> None:
        """Give up on a question: its answer and worked solution show, and it is no longer scored."""
        if not 0 <= row < len(self.questions) or self.document.results is None:
            return
        q = self.questions[row]
        self.revealed.add(q.key)
        self.verdicts[q.key] = Verdict("invalid", "")  # replaced by the answer in _mark
        self._mark(row)
        self._update_score()
        self._show_solution(row)

    # -- showing ----------------------------------------------------------------------------------------------------
    def _refit(self) -> None:
        """Every row to be fitted again as it shows (the texts or the column widths changed)."""
        self._fitted.clear()
        self._fit_timer.start()

    def _fit_shown_rows(self) -> None:
        """Fit the rows in view to their wrapped text, once each until the texts or the widths change. Fitting one
        may bring others into view (rows that shrink) or push them out: it goes on until the rows in view are."""
        table = self.table
        height = table.viewport().height()
        for _ in range(100):  # a few rounds at most; bounded all the same
            top = table.rowAt(0)
            if top < 0:
                return
            bottom = table.rowAt(height - 1)
            bottom = table.rowCount() - 1 if bottom < 0 else bottom
            pending = [row for row in range(top, bottom + 1) if row not in self._fitted]
            if not pending:
                return
            for row in pending:
                table.resizeRowToContents(row)
                self._fitted.add(row)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._fit_timer.start()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_timer.start()  # a taller view shows more rows

    def _mark(self, row: int) -> None:
        q = self.questions[row]
        item = self.table.item(row, RESULT)
        if item is None:
            return
        if not self._filling:  # its result's text changes: fitted again when next in view
            self._fitted.discard(row)
            self._fit_timer.start()
        results = self.document.results
        if q.key in self.revealed and results is not None:
            # Results of the design before an edit (an Undo brings a link back before its analysis) hold no
            # answer for it yet: it shows with the next results
            answer = None
            if self._results_fit(results):
                try:
                    answer = quiz.answer_text(q, results)
                except KeyError:  # results that do not name this question's link (yet)
                    answer = None
            state, text = "shown", (f"answer: {answer} (shown)" if answer is not None
                                    else "answer shown once the design is analysed")
        elif q.key in self.verdicts:
            verdict = self.verdicts[q.key]
            state, text = verdict.state, verdict.text
        else:
            item.setText("")
            item.setToolTip("")
            return
        prefix, colour = MARKS.get(state, ("", ""))
        item.setText(prefix + text)
        item.setToolTip(text)
        # the theme's own green and red: the light theme's read at 2.5:1 on the dark one
        item.setForeground(QBrush(QColor(tone(colour) if colour in TONES else colour)))

    def _results_fit(self, results) -> bool:
        """`results_fit` for the design as it is, worked out once per design and results (every shown answer asks)."""
        design = self.document.design
        memo = getattr(self, "_fit_memo", None)
        if memo is None or memo[0] is not design or memo[1] is not results:
            memo = self._fit_memo = (design, results, self.document.results_current and results_fit(design, results))
        return memo[2]

    def _update_score(self) -> None:
        scored = [v for k, v in self.verdicts.items() if k not in self.revealed and v.state in ("right", "wrong")]
        right = sum(v.state == "right" for v in scored)
        n = len(self.questions)
        questions = f"{numbers.count(n)} question{'s' if n != 1 else ''}"
        checked = f"{numbers.count(right)} of {numbers.count(len(scored))} checked answers right" if scored else \
            "no answer checked yet"  # not "0 of 0 checked answers right" before the first check
        self.score.setText(f"{checked} · {questions}" if self.settings else "")

    def _show_solution(self, row: int) -> None:
        if not 0 <= row < len(self.questions):
            return
        q = self.questions[row]
        results = self.document.results
        if q.key not in self.revealed and self.verdicts.get(q.key, Verdict("blank", "")).state not in ("right",
                                                                                                       "wrong"):
            self.solution.setHtml(render.page([], heading=q.text, note=self.hint(q))
                                  + render.paragraphs(["Type your answer, then Check answers: the worked solution "
                                                       "appears here."]))
            return
        ctx = context_for(self.document.design, results, self.document.results_current)
        if ctx is None or results is None:
            self.solution.setHtml(render.paragraphs(["The design is being analysed."]))
            return
        heading = f"{q.text}: {quiz.answer_text(q, results)}"
        self.solution.setHtml(render.page(quiz.solution(q, ctx), heading=heading))

    def solution_text(self) -> str:
        return self.solution.toPlainText()
