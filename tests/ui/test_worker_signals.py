"""Background jobs whose window has gone: the app ended (Quit during a PDF export, or during an analysis that
outlasted the window's wait for it) while a job ran, PySide deleted the job's signals object with the application,
and the job's next emit raised "RuntimeError: Signal source has been deleted" on the pool thread, into the crash
handler of a window already gone. Now the word is dropped and the job stops at its next progress report.

The jobs are run here on the test's thread with their signals object deleted, as the end of the app leaves them."""

from __future__ import annotations

import logging

import pytest
import shiboken6
from PySide6.QtCore import QObject, Signal

from advisor.ui.worker_signals import tell


class _Signals(QObject):
    said = Signal(int, str)


def test_tell_emits_while_the_signals_live():
    signals = _Signals()
    heard = []
    signals.said.connect(lambda n, text: heard.append((n, text)))
    assert tell(signals, "said", 3, "three") is True
    assert heard == [(3, "three")]


def test_tell_drops_the_word_once_the_signals_are_deleted():
    signals = _Signals()
    shiboken6.delete(signals)
    with pytest.raises(RuntimeError):  # what the jobs met
        signals.said.emit(1, "x")
    assert tell(signals, "said", 1, "x") is False


def test_the_analysis_job_ends_quietly_after_the_app(sample_design, caplog):
    from advisor.ui.analysis_runner import _Job

    job = _Job(1, sample_design)
    shiboken6.delete(job.signals)
    with caplog.at_level(logging.WARNING):
        job.run()  # raised RuntimeError at its `done`
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_pdf_export_stops_unwritten_once_the_app_has_ended(sample_design, tmp_path):
    from advisor.ui.export import _Job

    out = tmp_path / "design.pdf"
    job = _Job(sample_design, out)
    shiboken6.delete(job.signals)
    job.run()  # raised RuntimeError at its first progress report, then again at `failed`
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # the temporary went with the stop


def test_bid_work_stops_at_its_next_progress_once_the_app_has_ended():
    from advisor.ui.bid.worker import _Job

    reached = []

    def work(progress):
        progress(1, 3)
        reached.append("past the first report")
        return "done"

    job = _Job(1, work, lambda: 1)
    shiboken6.delete(job.signals)
    job.run()
    assert reached == []  # stopped there: nobody waits for the result


def test_configuration_sketches_made_stale_stop_without_an_error(sample_design, monkeypatch, caplog):
    # Closing the window while the sketches of a large design were being made logged "configuration sketches
    # failed" with a traceback: the stop raised through the sketches was taken for a bug.
    from advisor import configs
    from advisor.ui.bid import config_view
    from advisor.ui.bid.worker import Stale

    def stale(*_args):
        raise Stale

    monkeypatch.setattr(configs, "sketches", stale)
    with caplog.at_level(logging.WARNING), pytest.raises(Stale):
        config_view._sketch(sample_design, None)
    assert "configuration sketches failed" not in caplog.text
