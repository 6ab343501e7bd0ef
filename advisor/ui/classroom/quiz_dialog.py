"""The instructor's quiz settings: what to hide, how close an answer must be, which questions about the findings,
and a title for the class."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from advisor.ui.classroom.quiz import FIELDS, MAX_CALLS, MAX_KBPS_PERCENT, Hidden, QuizSettings, Tolerances
from advisor.ui.inspector_fields import one_line

CHECK_TEXT = {"kbps": "Link bandwidth (kbps per direction)", "calls": "Concurrent calls per link",
              "recommendation": "The recommended VPN technology", "findings": "The findings (errors and warnings)"}
CHECK_TIPS = {"kbps": "The link table's bandwidth columns, the canvas labels, the plots, the status bar's WAN load "
                      "and the findings that state a link's figures are hidden",
              "calls": "The link table's calls, the canvas labels, the plots and the findings that state calls",
              "recommendation": "The recommendation, the VPN column, the comparison's ranking, the packet anatomy, "
                                "the calculator and the findings that name the technology are hidden",
              "findings": "The Findings panel, the canvas badges and the status bar's counts are hidden"}
QUESTIONS = (("both", "How many errors and warnings, and which codes"), ("counts", "How many errors and warnings"),
             ("codes", "Which codes fire"))


class QuizDialog(QDialog):
    def __init__(self, parent: QWidget | None, settings: QuizSettings, ok_text: str = "Start quiz"):
        super().__init__(parent)
        self.setWindowTitle("Quiz mode")
        self.setObjectName("quiz-dialog")
        intro = QLabel("Choose what the students work out. Each figure is hidden everywhere in the window until the "
                       "quiz ends; students type their answers in the Quiz panel, and each answer, once checked, "
                       "shows its worked solution.", wordWrap=True)
        self.title = QLineEdit(settings.title, placeholderText="e.g. Lab 3: sizing an MPLS WAN", maxLength=200)
        self._given_title = (self.title.text(), settings.title)  # shown, given: a leading U+FEFF does not show
        self.checks: dict[str, QCheckBox] = {}
        boxes = QVBoxLayout()
        for name in FIELDS:
            box = QCheckBox(CHECK_TEXT[name], objectName=f"quiz-hide-{name}")
            box.setChecked(getattr(settings.hidden, name))
            box.setToolTip(CHECK_TIPS[name])
            box.toggled.connect(self._update)
            self.checks[name] = box
            boxes.addWidget(box)
        # The boxes take what a class file may hold (quiz.Tolerances); a share finer than the box shows is given
        # back as it was unless the box is changed (`_tolerances`)
        self._given = settings.tolerances
        self.kbps = QDoubleSpinBox(decimals=2, minimum=0.0, maximum=MAX_KBPS_PERCENT, singleStep=0.5, suffix=" %")
        self.kbps.setValue(settings.tolerances.kbps_percent)
        self.kbps.setToolTip("An answer within this share of the sizing's kbps is right")
        self.calls = QSpinBox(minimum=0, maximum=MAX_CALLS, specialValueText="exact")
        self.calls.setValue(settings.tolerances.calls)
        self.calls.setToolTip("How many calls an answer may be off and still be right (exact: none)")
        self.question = QComboBox()
        for key, text in QUESTIONS:
            self.question.addItem(text, key)
        self.question.setCurrentIndex(max(self.question.findData(settings.findings_question), 0))
        form = QFormLayout()
        form.addRow("Title:", self.title)
        form.addRow("Hide:", boxes)
        form.addRow("Bandwidth accepted within ±", self.kbps)
        form.addRow("Calls accepted within ±", self.calls)
        form.addRow("About the findings, ask:", self.question)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(QLabel("The technology, the counts and the codes are checked exactly.", wordWrap=True))
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        chosen = any(box.isChecked() for box in self.checks.values())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(chosen)
        self.kbps.setEnabled(self.checks["kbps"].isChecked())
        self.calls.setEnabled(self.checks["calls"].isChecked())
        self.question.setEnabled(self.checks["findings"].isChecked())

    def settings(self) -> QuizSettings:
        hidden = Hidden(**{name: box.isChecked() for name, box in self.checks.items()})
        text = self.title.text()
        # as given, if untouched; a pasted line break or tab (a spreadsheet cell) becomes one space
        title = self._given_title[1] if text == self._given_title[0] else one_line(text).strip()
        return QuizSettings(title=title, hidden=hidden,
                            tolerances=self._tolerances(), findings_question=self.question.currentData())

    def _tolerances(self) -> Tolerances:
        kbps = self.kbps.value()
        given = self._given.kbps_percent
        if kbps == round(given, self.kbps.decimals()):  # the box as it was filled: the share as it was given
            kbps = given
        return Tolerances(kbps_percent=kbps, calls=self.calls.value())
