"""What `advisor` says when a command fails where no message was planned: reportlab's environment settings it
cannot read, named; any other error in one line, its traceback in a log file the line names (tracebacks stay
visible under the tests and with ADVISOR_TRACEBACK=1)."""

from __future__ import annotations

import os
import stat
import sys

from advisor import __version__


def reportlab_settings(exc: BaseException) -> str | None:
    """reportlab (which writes the PDFs) reads settings from RL_… environment variables, and one it cannot read
    ('RL_invariant=abc', 'RL_defaultPageSize=junk') ended `report` and `exercises` in an "unexpected internal
    error" from inside reportlab: the variables named, when the error comes from reportlab and some are set."""
    names = sorted(name for name in os.environ if name.startswith("RL_"))
    frames, tb = [], exc.__traceback__
    while tb is not None:
        frames.append(tb.tb_frame.f_code.co_filename)
        tb = tb.tb_next
    if not names or not frames or f"{os.sep}reportlab{os.sep}" not in frames[-1]:
        return None
    what = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return (f"reportlab, which writes the PDF, failed with the settings the environment gives it ({', '.join(names)}):"
            f" {what}; unset {'it' if len(names) == 1 else 'them'} and try again")


def show_tracebacks() -> bool:
    """Tracebacks stay visible under pytest (CLI tests run in subprocesses, which inherit its variable) and with
    ADVISOR_TRACEBACK=1, so a real bug fails a test instead of hiding behind the one-line message."""
    return bool(os.environ.get("PYTEST_CURRENT_TEST") or os.environ.get("ADVISOR_TRACEBACK"))


def internal_error(exc: BaseException) -> str:
    """One line for the user; the whole traceback goes to a log file the line names."""
    import tempfile
    import traceback
    from pathlib import Path

    what = f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__
    what = what.encode("utf-8", "backslashreplace").decode("utf-8")
    what = what if len(what) <= 200 else what[:199] + "…"
    # one log per user in the shared temporary folder, never through a link planted there by someone else
    log = Path(tempfile.gettempdir()) / (f"advisor-error-{os.getuid()}.log" if hasattr(os, "getuid")
                                         else "advisor-error.log")
    try:
        # never through a FIFO planted there either (its open or write would block): O_NONBLOCK, a regular file only
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_NONBLOCK", 0), 0o600)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise OSError("not a regular file")
        with open(fd, "a", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(f"advisor {__version__}: {' '.join(sys.argv)}\n")
            fh.write("".join(traceback.format_exception(exc)) + "\n")
        where = f"; the details are in {log}"
    except OSError:
        where = ""
    return f"unexpected internal error ({what}){where}; please report it"
