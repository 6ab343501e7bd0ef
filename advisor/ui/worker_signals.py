"""Signals sent from a pool thread to the UI thread, when the UI may have gone.

Each background job (the analysis, a PDF or tables export, the bid docks' work) tells the UI thread how it goes
through a signals object of its own, with no parent. When the app ends while a job still runs (Quit during an
export, or during an analysis that outlasts the window's wait for it), PySide deletes every such object with the
application, and the job's next emit raised "RuntimeError: Signal source has been deleted" on the pool thread: into
the crash handler of a window already gone. Nobody is left to tell, so `tell` drops the word and says so; a job's
progress report takes that as its cue to stop.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject


def tell(signals: QObject, name: str, *args) -> bool:
    """Emit `signals`' signal `name` with `args`; False (nothing emitted, nothing raised) when `signals` has been
    deleted, as the application ends."""
    if not shiboken6.isValid(signals):
        return False
    try:
        getattr(signals, name).emit(*args)
    except RuntimeError:
        if shiboken6.isValid(signals):
            raise  # another failure: not this one's to hide
        return False  # deleted between the look and the emit
    return True
