"""The core's progress on a terminal: one line on stderr, rewritten in place, for work that runs more than a second
(routing a large meshed WAN: see `advisor.progress`). Nothing when stderr is a file or a pipe, so scripts and
`check --json` readers see the same output as before."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from advisor import progress

SHOW_AFTER_S = 1.0  # quiet for work that ends sooner
EVERY_S = 0.25  # at most four updates a second


class TerminalLine:
    """A `progress.Reporter` writing "what: 37 % (about 50 s left)" to a terminal stream."""

    def __init__(self, stream, clock=time.monotonic):
        self.stream = stream
        self.clock = clock
        self.began: dict[str, float] = {}  # per piece of work: when its first report came
        self.last = float("-inf")
        self.width = 0  # characters on the line now

    def __call__(self, what: str, done: int, total: int) -> None:
        now = self.clock()
        if done == 0:  # a loop (re)starts: `advisor compare` analyses the design once per option
            self.began[what] = now
        began = self.began.setdefault(what, now)
        if done >= total:  # the loop is over: rub its line out before whatever the command writes next
            self.clear()
            return
        if now - began < SHOW_AFTER_S or now - self.last < EVERY_S:
            return
        self.last = now
        share = done / total if total > 0 else 1.0
        left = (now - began) * (1 - share) / share if share > 0 else None
        tail = f" (about {_duration(left)} left)" if left is not None else ""
        self._write(f"{what}: {int(share * 100)} %{tail}")

    def clear(self) -> None:
        """Rub the line out (the command's own output follows on a clean line)."""
        if self.width:
            self._write("")

    def _write(self, text: str) -> None:
        pad = max(0, self.width - len(text))
        try:
            self.stream.write("\r" + text + " " * pad + ("\r" if not text else ""))
            self.stream.flush()
        except (OSError, ValueError, UnicodeError):  # a closed or narrow terminal: progress is a courtesy
            return
        self.width = len(text)


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    return f"{round(seconds / 60)} min"


def is_terminal(stream) -> bool:
    """Whether `stream` is a terminal (False for a file, a pipe, None or a closed stream)."""
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


@contextmanager
def on_terminal(stream=None) -> Iterator[None]:
    """Report the core's progress on `stream` (stderr) while the block runs, if it is a terminal."""
    stream = stream if stream is not None else sys.stderr
    if not is_terminal(stream):
        yield
        return
    line = TerminalLine(stream)
    try:
        with progress.reporting(line):
            yield
    finally:
        line.clear()
