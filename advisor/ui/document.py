"""The open design in the desktop app: current Design, its undo stack, the latest Results and the selection.

Every edit is an ``advisor.commands`` intent pushed here as one undo entry holding before/after snapshots. An entry
typed in a view and not confirmed yet (the Inspector's boxes) becomes an edit of its own before any other change
(``take_pending``).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from advisor.analysis import collector_paused
from advisor.commands import SetFields, SetFieldsMany
from advisor.model import Design
from advisor.results import Results
from advisor.ui.busy import LARGE_RESULTS, busy

_MERGE_ID = 1  # QUndoCommand.id(): only commands with the same id are offered to mergeWith


class _Snapshot(QUndoCommand):
    """One undo entry: redo shows ``after``, undo shows ``before``. Nothing is recomputed on undo."""

    def __init__(self, document: Document, command, before: Design, after: Design):
        # On one line: Qt takes the text after a line break (a site named on two lines) for the whole entry's name
        super().__init__(" ".join(command.text.split()))
        self.document, self.command, self.before, self.after = document, command, before, after
        self.selection_before = document.selected
        self.mergeable = not document._taking  # an entry taken before another change stays an undo step of its own

    def id(self) -> int:  # noqa: A003 - Qt's name
        return _MERGE_ID if self.mergeable and isinstance(self.command, SetFields | SetFieldsMany) else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        # Spinbox-like edits: typing 1, 2, 5 into "users" is one undo entry, not three.
        if not isinstance(other, _Snapshot) or type(other.command) is not type(self.command):
            return False
        if other.command.merge_key() != self.command.merge_key():
            return False
        self.after, self.command = other.after, other.command
        self.setObsolete(self.after == self.before)
        other.release()
        return True

    def release(self) -> None:
        """Drop what this entry holds: Qt deletes a command merged into the one before it, but PySide's undo stack
        keeps its Python object for good, and with it the design it held: ~50 KB per keystroke of Inspector typing
        on a 100-site design (30 MB over 600 edits), never freed, not even by clearing the history."""
        self.document = self.command = self.before = self.after = None
        self.selection_before = ()

    def redo(self) -> None:
        self.document._set_design(self.after)

    def undo(self) -> None:
        self.document._set_design(self.before)
        self.document.select(tuple(i for i in self.selection_before if self.document._exists(i)))


class Document(QObject):
    designChanged = Signal(object, object)  # (old Design, new Design)
    resultsChanged = Signal(object)  # Results | None
    analysisFailed = Signal(str)  # why the analysis of the design as it is now failed (the results stay older)
    selectionChanged = Signal(tuple)  # selected ids
    pathChanged = Signal(object)  # Path | None
    # A new or opened design is about to replace the current one wholesale: views may drop what they show of the
    # old one at once, rather than be told of each of its items leaving (designChanged and resultsChanged follow).
    replacing = Signal()
    # Before any change: views make an edit of what is typed in them and not confirmed (see take_pending). The
    # argument is a list a view appends to when it had such an entry (made an edit of it, or refused it).
    takingPending = Signal(object)

    def __init__(self, design: Design | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._design = design if design is not None else Design()
        self._results: Results | None = None
        self._results_of: Design | None = None  # the design the results are the analysis of
        self.analysis_error: str | None = None  # why the analysis of the design as it is now failed, if it did
        self._path: Path | None = None
        self._selected: tuple[str, ...] = ()
        self._ids = self._all_ids(self._design)
        self.undo_stack = QUndoStack(self)
        self._taking = False

    # -- state ---------------------------------------------------------------------------------------------------
    @property
    def design(self) -> Design:
        return self._design

    @property
    def results(self) -> Results | None:
        return self._results

    @property
    def results_current(self) -> bool:
        """Whether the results are the analysis of the design as it is now: not of the design before an edit whose
        analysis is still to come or failed (`results_fit` compares ids alone, and a changed figure keeps them)."""
        return self._results is not None and self._results_of is self._design

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def selected(self) -> tuple[str, ...]:
        return self._selected

    # -- edits ---------------------------------------------------------------------------------------------------
    def push(self, cmd) -> None:
        """Apply ``cmd`` and record it as one undo entry. Raises ValueError (nothing recorded) if it cannot apply."""
        self.take_pending()
        before = self._design
        after = cmd.apply(before)
        if after == before:
            return  # a click that moved nothing, a value typed back to what it was: no undo entry
        self.undo_stack.push(_Snapshot(self, cmd, before, after))

    def take_pending(self) -> bool:
        """Make an edit (an undo step of its own) of what is typed in a view and not confirmed yet: a capacity typed
        in the Inspector, no Enter, the focus still in its box. True if there was such an entry (made into an edit,
        or refused with the view's message). Every change calls this first: an auto-layout, a paste or a toolbar
        button left the focus in the box, the form then showed the changed design's value over the typed one, and
        that was gone. (draw.io does the same: a click on a menu ends the field's editing first.)"""
        if self._taking:  # the views' own edits, made while they are asked
            return False
        taken: list = []
        self._taking = True
        try:
            self.takingPending.emit(taken)
        finally:
            self._taking = False
        return bool(taken)

    def undo(self) -> None:
        """Edit ▸ Undo. What is typed and not confirmed is the latest change the user made, so Undo takes that back
        first, as Excel and draw.io do: it becomes an edit, undone at once (Redo brings it back). A typed value the
        model refuses is taken back already (the box shows the design's value again, with the reason)."""
        before = self._design
        if not self.take_pending() or self._design is not before:
            self.undo_stack.undo()

    def redo(self) -> bool:
        """Edit ▸ Redo; False when it had nothing to redo because what was typed and not confirmed became an edit
        first: kept, as everything typed is, and like any new edit it ends what could be redone (as in every
        editor with one undo history)."""
        before = self._design
        self.take_pending()
        if self._design is not before and not self.undo_stack.canRedo():
            return False
        self.undo_stack.redo()
        return True

    def reset(self, design: Design, path: Path | None = None) -> None:
        """New or opened design: forget the history, mark clean."""
        if design is not self._design:
            self.replacing.emit()
        self.undo_stack.clear()
        self.analysis_error = None
        self._set_results(None)
        self._set_design(design)
        self.select(())
        self.undo_stack.setClean()
        self._set_path(Path(path) if path is not None else None)

    def set_results(self, results: Results | None) -> None:
        self._set_results(results)

    def analysis_failed(self, message: str) -> None:
        """The analysis of the design as it is now failed: the results (if any) stay those of an earlier design."""
        self.analysis_error = message
        self.analysisFailed.emit(message)

    def select(self, ids) -> None:
        ids = tuple(dict.fromkeys(i for i in ids if i in self._ids))
        if ids != self._selected:
            self._selected = ids
            self.selectionChanged.emit(ids)

    def forget_path(self) -> None:
        """Keep the design and its undo history, but no file: the next Save asks for a name."""
        self._set_path(None)

    def mark_saved(self, path) -> None:
        self.undo_stack.setClean()
        self._set_path(Path(path))

    # -- internals -----------------------------------------------------------------------------------------------
    @staticmethod
    def _all_ids(design: Design) -> set[str]:
        return design.node_ids() | {x.id for x in design.links}

    def _exists(self, item_id: str) -> bool:
        return item_id in self._ids

    def _set_design(self, design: Design) -> None:
        old = self._design
        if design is old:
            return
        self._design = design
        self._ids = self._all_ids(design)
        # The canvas and the docks build objects per site and link (30,000 canvas items at 10,000 sites) and no
        # cycles: the collector need not walk every object again at each burst (advisor.analysis.collector_paused;
        # a 10,000-site design's reset 2.7 -> 2.5 s, median of 6 alternated runs on a loaded machine)
        with collector_paused():
            self.designChanged.emit(old, design)
        kept = tuple(i for i in self._selected if i in self._ids)
        if kept != self._selected:
            self._selected = kept
            self.selectionChanged.emit(kept)

    def _set_results(self, results: Results | None) -> None:
        if results is not self._results:  # new results are of the design as it is (the same shown again keep theirs)
            self._results_of = self._design if results is not None else None
            self.analysis_error = None
        self._results = results
        large = results is not None and len(results.sites) + len(results.links) >= LARGE_RESULTS
        # the same for the figures of every link and finding; a large design's fill the docks for seconds
        with collector_paused(), busy() if large else contextlib.nullcontext():
            self.resultsChanged.emit(results)

    def _set_path(self, path: Path | None) -> None:
        if path != self._path:
            self._path = path
            self.pathChanged.emit(path)
