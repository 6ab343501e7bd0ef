"""SIGTERM and SIGHUP during a command (`timeout`, a job scheduler, a closed terminal): the command ends as Ctrl-C
ends it, through the writes' own cleanup, instead of dying at once with a temporary beside its output (`report`
stopped by `timeout`: a `.out.pdf.XXXXXXXX.tmp` left in 20 of 20 runs). A signal the caller ignores (`nohup`
ignores SIGHUP) or handles stays as it was."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

_received: list[int] = []  # the signals that arrived, in order


class Stopped(BaseException):
    """Raised where the command is when SIGTERM or SIGHUP arrives: like KeyboardInterrupt, past `except
    Exception`, so every save's `except BaseException` removes its temporary. (reportlab re-raises what passes
    through its layout as the same class with its own text: the signal is read from `_received`.)"""

    @property
    def signum(self) -> int:
        return _received[0] if _received else signal.SIGTERM


def _stop(signum: int, _frame) -> None:
    _received.append(signum)
    raise Stopped(signum)


def _interrupt(signum: int, _frame) -> None:
    _received.append(signum)
    raise KeyboardInterrupt


def ending(signum: int = signal.SIGINT) -> tuple[str, int]:
    """(message, exit status) of a command a signal ended: Ctrl-C 'interrupted' (130); SIGTERM, SIGHUP 'stopped by
    …', 128 + the signal's number, as a shell reports a process the signal ended."""
    if signum == signal.SIGINT:
        return "interrupted", 130
    return f"stopped by {signal.Signals(signum).name}", 128 + signum


def received() -> int | None:
    """The first signal that arrived during the command, or None. A library with a bare `except` can turn the
    exception a signal raised into another (reportlab, opening a font as it arrived, tried the name as a URL):
    whatever the command then ends with, the signal is what ended it."""
    return _received[0] if _received else None


@contextlib.contextmanager
def ended_like_interrupts() -> Iterator[None]:
    """SIGTERM and SIGHUP raise `Stopped` while the block runs, where they would end the process at once; Ctrl-C
    still raises KeyboardInterrupt. Each is recorded (`received`)."""
    saved = []
    _received.clear()
    if threading.current_thread() is threading.main_thread():
        for name, own, usual in (("SIGTERM", _stop, signal.SIG_DFL), ("SIGHUP", _stop, signal.SIG_DFL),
                                 ("SIGINT", _interrupt, signal.default_int_handler)):
            number = getattr(signal, name, None)
            if number is not None and signal.getsignal(number) is usual:
                signal.signal(number, own)
                saved.append((number, usual))
    try:
        yield
    finally:
        for number, usual in saved:
            signal.signal(number, usual)
